"""One meaning of "missing", "text" and "number" for a single cell, shared by every layer."""

from __future__ import annotations

import math
from typing import Any

# How pandas, numpy and spreadsheets spell an empty cell once it has been turned into text.
_MISSING_TEXT = frozenset({"", "nan", "NaN", "<NA>", "None", "NaT"})


def is_missing(x: Any) -> bool:
    """True for None, NaN/NaT/pd.NA, and blank or "nan"-like text.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(" "), is_missing(0)
    (True, True, False)
    """
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    try:
        if x != x:  # NaN-like scalars (numpy floats, NaT)
            return True
    except (TypeError, ValueError):  # pd.NA refuses comparison
        return True
    return str(x).strip() in _MISSING_TEXT


def as_text(x: Any) -> str:
    """The cell as stripped text, "" when missing.

    Examples
    --------
    >>> as_text(None), as_text(" 003_ab ")
    ('', '003_ab')
    """
    return "" if is_missing(x) else str(x).strip()


def as_float(x: Any) -> float | None:
    """The cell as a finite float, None when missing or not a number.

    Examples
    --------
    >>> as_float("12.5"), as_float("abc"), as_float(float("nan"))
    (12.5, None, None)
    """
    if x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v
