"""Parse numbers written the Vietnamese way (1.234,5)."""

from __future__ import annotations

import re
import unicodedata

_VN_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^[+-]?\d+(?:,\d+)?$")


# --------------------------------------------------------------------------- numbers
def parse_vn_number(text: str | float | int) -> float:
    """Parse a number written the Vietnamese way: "." groups thousands, "," marks decimals.

    "1.542" -> 1542.0, "99,74" -> 99.74, "05" -> 5.0, "253.529" -> 253529.0, "19,5%" -> 19.5.
    Numbers (int/float) are returned as float. Raises ValueError on anything else.
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, (int, float)):
        return float(text)
    s = unicodedata.normalize("NFC", str(text)).strip().replace("\u00a0", "").replace(" ", "")
    s = s.rstrip("%")
    if not _VN_NUMBER.match(s):
        raise ValueError(f"not a Vietnamese-format number: {text!r}")
    return float(s.replace(".", "").replace(",", "."))
