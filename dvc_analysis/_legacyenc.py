"""Recognise text encodings the package does not read (VNI, TCVN3, Shift-JIS) and read UTF-32.

Vietnamese files from older office software are often in VNI or TCVN3 (ABC): single-byte
encodings that decode without error as Windows-1258, giving garbled words. Their byte patterns
differ: TCVN3 puts symbols such as ``µ ¸ ¶ «`` between letters, VNI follows a plain letter with
a mark letter such as ``ø ù û ä ñ ö`` that Vietnamese written in Windows-1258 never uses.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import UserDataError

_TCVN3 = re.compile(r"[^\W\d_][\u00a1-\u00be]|[\u00a1-\u00be][^\W\d_]")
_VNI = re.compile(r"[A-Za-z][\u00e4\u00e5\u00e6\u00eb\u00ef\u00f1\u00f6\u00f8\u00fb\u00c4\u00c5\u00c6\u00cb"
                  r"\u00cf\u00d1\u00d6\u00d8\u00db]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HOW_TO = (
    "Hãy chuyển sang Unicode bằng công cụ chuyển mã của Unikey (Unikey Toolkit: nguồn {enc}, đích "
    "Unicode; hoặc chép nội dung, nhấn Ctrl+Shift+F6) rồi lưu dưới dạng 'CSV UTF-8' hoặc .xlsx.",
    "Convert it to Unicode with Unikey's converter (Unikey Toolkit: source {enc}, destination "
    "Unicode; or copy the text and press Ctrl+Shift+F6), then save it as 'CSV UTF-8' or .xlsx.",
)


def decode_utf32(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for UTF-32 input (with or without its byte-order mark), else None.

    Examples
    --------
    >>> decode_utf32("Hà Nội".encode("utf-32"))
    ('Hà Nội', 'utf-32')
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return raw.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            return None
    sample = raw[:4000]
    if len(sample) >= 8 and len(sample) % 4 == 0:
        for enc, zeros in (("utf-32-le", sample[1::4] + sample[2::4] + sample[3::4]),
                           ("utf-32-be", sample[0::4] + sample[1::4] + sample[2::4])):
            if zeros.count(0) > 0.9 * len(zeros):
                try:
                    return raw.decode(enc), enc
                except UnicodeDecodeError:
                    return None
    return None


def sniff_legacy(raw: bytes) -> str | None:
    """Name of a legacy encoding the bytes are written in ("VNI", "TCVN3", "Shift-JIS") or None.

    Parameters
    ----------
    raw : bytes
        The start of the file (a few hundred kilobytes are plenty).

    Returns
    -------
    str or None
        The encoding's name, or None when the bytes look like none of them.

    Examples
    --------
    >>> sniff_legacy("Haø Noäi, Tænh Ñoàng Nai".encode("cp1252"))
    'VNI'
    >>> sniff_legacy("Hµ Néi, tØnh §ång Nai".encode("cp1252")) is not None
    True
    """
    raw = raw[:400_000]
    if not any(b > 0x7F for b in raw):
        return None
    text = raw.decode("cp1258", errors="replace")
    letters = sum(1 for ch in text if ord(ch) > 0x7F and ch.isalpha()) or 1
    tcvn = len(_TCVN3.findall(text))
    if tcvn >= 2 and tcvn >= 0.15 * letters:
        return "TCVN3"
    vni = len(_VNI.findall(text))
    if vni >= 2 and vni >= 0.15 * letters:
        return "VNI"
    try:
        japanese = raw.decode("shift_jis")
    except UnicodeDecodeError:
        return None
    if len(_KANA.findall(japanese)) >= 2:
        return "Shift-JIS"
    return None


def legacy_error(name: str, encoding: str) -> UserDataError:
    """The refusal for a file in a legacy encoding, saying how to convert it.

    Examples
    --------
    >>> "Unikey" in legacy_error("a.csv", "VNI").en
    True
    """
    if encoding == "Shift-JIS":
        return UserDataError(
            f"Tệp {name} dùng bảng mã Shift-JIS (tiếng Nhật), không đọc được. Hãy lưu lại dưới dạng "
            "'CSV UTF-8' hoặc .xlsx.",
            f"File {name} is in the Shift-JIS (Japanese) encoding, which is not read. Save it as "
            "'CSV UTF-8' or .xlsx.",
        )
    vi, en = _HOW_TO
    return UserDataError(
        f"Tệp {name} dùng bảng mã cũ {encoding} (không phải Unicode) nên chữ tiếng Việt sẽ bị sai. "
        + vi.format(enc=encoding + (" (ABC)" if encoding == "TCVN3" else "")),
        f"File {name} is in the legacy {encoding} encoding (not Unicode), so its Vietnamese text "
        "would be garbled. " + en.format(enc=encoding + (" (ABC)" if encoding == "TCVN3" else "")),
    )


def looks_garbled(text: str) -> bool:
    """Whether decoded text still carries a legacy encoding's signature (checked after NFC)."""
    text = unicodedata.normalize("NFC", text[:400_000])
    letters = sum(1 for ch in text if ord(ch) > 0x7F and ch.isalpha()) or 1
    return max(len(_TCVN3.findall(text)), len(_VNI.findall(text))) >= max(2, 0.15 * letters)


__all__ = ["decode_utf32", "sniff_legacy", "legacy_error", "looks_garbled"]
