"""Read report texts (.txt, .md, .docx, .pdf) into numbered paragraphs.

A paragraph is a non-empty line (after stripping whitespace), numbered from 1, the same
numbering the evidence base uses for its citations. Used by `extract` and `barriers`.
`fold` is the one diacritic folding used across the package (barriers, provinces, importer).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .._inputguard import check_package, check_regular_file
from .._legacyenc import decode_utf32, legacy_error, sniff_legacy
from ..errors import UserDataError

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


def fold(text: str) -> str:
    """Lower-case, NFC text with Vietnamese marks removed and đ → d; same length as the input.

    Each NFC character folds to exactly one character, so positions in the folded text are
    positions in the original. A combining mark that does not compose with the letter before
    it stays in the result (callers that need letters only drop such marks).
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if len(low) != 1:  # e.g. "İ" lower-cases to two characters: keep one
            low = low[0]
        if low == "đ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", low)[0]
        out.append(base)
    return "".join(out)


_OLD_TONE = re.compile(r"(?<=[ou])[àáảãạèéẻẽẹỳýỷỹỵ](?![^\W\d_])")


def canon(text: str) -> str:
    """Lower-case NFC text with one tone placement ("hoá" → "hóa", "thuỷ" → "thủy"); same length
    as the input, so positions are those of the original and of `fold`.

    Examples
    --------
    >>> canon("Số HOÁ"), canon("thuỷ lợi")
    ('số hóa', 'thủy lợi')
    """
    low = "".join(ch.lower()[0] for ch in unicodedata.normalize("NFC", text))

    def move(m: re.Match[str]) -> str:
        base, tone = unicodedata.normalize("NFD", m.group())[:2]
        return tone + base  # the tone goes back onto the vowel before; NFC recomposes it below

    moved = _OLD_TONE.sub(move, low)
    out, i = [], 0
    while i < len(moved):
        if i + 1 < len(moved) and unicodedata.combining(moved[i + 1]):
            out.append(unicodedata.normalize("NFC", moved[i : i + 2]))
            i += 2
        else:
            out.append(moved[i])
            i += 1
    return "".join(out)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold_words(text: str) -> str:
    """`fold` for matching words: no stray combining marks (ð → d too), punctuation → spaces,
    spaces collapsed.

    Examples
    --------
    >>> fold_words("Tỉnh  Bà Rịa–Vũng Tàu")
    'tinh ba ria vung tau'
    """
    text = "".join(ch for ch in fold(str(text)) if unicodedata.category(ch) != "Mn")
    return " ".join(_NON_ALNUM.sub(" ", text.replace("ð", "d")).split())


def split_paragraphs(text: str) -> list[str]:
    """Split text into its non-empty lines, NFC-normalised, keeping their original spacing."""
    text = unicodedata.normalize("NFC", text)
    return [line.rstrip("\r") for line in text.splitlines() if line.strip()]


def _decode(raw: bytes, path: Path) -> str:
    wide = decode_utf32(raw)
    if wide is not None:
        return wide[0]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = sniff_legacy(raw)
        if legacy:
            raise legacy_error(path.name, legacy) from None
        raise UserDataError(
            f"Tệp {path} không phải UTF-8 (byte lỗi ở vị trí {exc.start}); hãy lưu lại tệp với mã hóa UTF-8.",
            f"File {path} is not UTF-8 (bad byte at offset {exc.start}); save it again as UTF-8.",
        ) from None


def read_text(path: str | Path) -> str:
    """Return the whole text of a .txt/.md/.docx/.pdf file, NFC-normalised.

    Raises `UserDataError` with one clear bilingual sentence when the file is missing,
    empty, binary, of an unsupported type or not UTF-8.
    """
    path = Path(path)
    if not path.exists():
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File {path} does not exist.")
    check_regular_file(path)  # no pipes or devices; size limit
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UserDataError(
            f"Không đọc được tệp {path}: chỉ hỗ trợ {', '.join(SUPPORTED)}.",
            f"Cannot read {path}: only {', '.join(SUPPORTED)} files are supported.",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise UserDataError(f"Tệp {path} rỗng.", f"File {path} is empty.")
    if suffix == ".docx":
        check_package(path, "docx")  # password, damaged part, zip bomb, entities
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    else:
        if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")) \
                and decode_utf32(raw) is None:
            raise UserDataError(
                f"Tệp {path} là tệp nhị phân, không phải văn bản.",
                f"File {path} is binary, not text.",
            )
        text = _decode(raw, path)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise UserDataError(f"Tệp {path} không có nội dung văn bản.", f"File {path} has no text.")
    return text


def read_paragraphs(path: str | Path) -> list[str]:
    """Return the file's paragraphs (non-empty lines), numbered from 1 by list position + 1."""
    return split_paragraphs(read_text(path))


def _read_docx(path: Path) -> str:
    import docx  # python-docx; imported here to keep `import dvc_analysis` light

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for corrupt files
        raise UserDataError(
            f"Không mở được tệp Word {path}: tệp hỏng hoặc không phải .docx ({type(exc).__name__}).",
            f"Cannot open Word file {path}: corrupt or not a .docx ({type(exc).__name__}).",
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except Exception as exc:  # pypdf raises several types for corrupt files
        raise UserDataError(
            f"Không đọc được tệp PDF {path} ({type(exc).__name__}).",
            f"Cannot read PDF file {path} ({type(exc).__name__}).",
        ) from None
