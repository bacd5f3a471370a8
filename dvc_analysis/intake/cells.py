"""Read numbers, percents, dates and periods from spreadsheet cells."""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from typing import Any

from ..text import periods as _periods
from ..text.fmt import month_end
from ..text.textio import fold

_MISSING = {"", "-", "--", "—", "–", "−", "n/a", "na", "nan", "none", "null", "...", "..", "…",
            "k/c", "khong co", "x"}


_QUALIFIERS = (
    ("over", r"(tren|hon|nhieu hon|over|more than|above|greater than|>=|>|≥)"),
    ("under", r"(duoi|it hon|under|less than|below|fewer than|<=|<|≤)"),
    ("about", r"(gan|khoang|xap xi|uoc|about|around|approx\.?|approximately|nearly|~|≈)"),
)


_QUALIFIER_RES = [(name, re.compile(pattern + r"\s*")) for name, pattern in _QUALIFIERS]


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2009\u202f\u2007 '’"), None)


class _Pct(float):
    """A number read from an Excel cell formatted as a percentage (stored as a fraction)."""


# --------------------------------------------------------------------------- text utilities


def _text(x: Any) -> str:
    """Cell → text as written (dates ISO, integral floats without .0), NFC, stripped."""
    if x is None:
        return ""
    if isinstance(x, _Pct):
        return f"{float(x) * 100:.10g}%"
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, float):
        if x != x:  # NaN
            return ""
        return str(int(x)) if x.is_integer() else f"{x:.12g}"
    if isinstance(x, _dt.datetime):
        return x.date().isoformat() if x.time() == _dt.time() else x.isoformat(sep=" ")
    if isinstance(x, _dt.date):
        return x.isoformat()
    return unicodedata.normalize("NFC", str(x)).strip()


@functools.lru_cache(maxsize=1 << 16)
def _loose(text: str) -> str:
    """`textio.fold` without stray combining marks: punctuation kept, spaces collapsed."""
    return " ".join("".join(ch for ch in fold(text) if unicodedata.category(ch) != "Mn").split())


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and x != x:
        return True
    return isinstance(x, str) and _loose(x) in _MISSING


# --------------------------------------------------------------------------- numbers


def _detect_style(samples: list[str]) -> str:
    """'vi' ("." thousands, "," decimals) unless the text cells clearly use English format."""
    vi = en = 0
    for s in samples:
        s = s.translate(_SPACES)
        if re.search(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\.\d{3}\.\d{3}|\d\.\d{3},\d", s):
            vi += 1
        if re.search(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}|\d,\d{3},\d{3}|\d,\d{3}\.\d", s):
            en += 1
    return "en" if en > vi else "vi"


def _to_float(s: str, style: str) -> float:
    if re.fullmatch(r"\d+", s):
        return float(s)
    dot, comma = "." in s, "," in s
    if dot and comma:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        whole, frac = s.rsplit(dec, 1)
        if not frac.isdigit() or not re.fullmatch(r"\d{1,3}(?:" + re.escape(thou) + r"\d{3})*", whole):
            raise ValueError(s)
        return float(whole.replace(thou, "") + "." + frac)
    if not (dot or comma):
        raise ValueError(s)
    sep = "." if dot else ","
    parts = s.split(sep)
    if not all(p.isdigit() for p in parts):
        if len(parts) == 2 and parts[0] == "" and parts[1].isdigit():  # ",5" / ".5"
            return float("0." + parts[1])
        raise ValueError(s)
    if len(parts) > 2:
        if 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        raise ValueError(s)
    whole, frac = parts
    thousands = "." if style == "vi" else ","
    if sep == thousands and len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return float(whole + frac)
    return float(whole + "." + frac)


def parse_number(cell: Any, style: str = "vi") -> tuple[float | None, str, bool]:
    """Parse a cell into (number or None when missing, qualifier, had a percent sign).

    Accepts Vietnamese ("1.800", "99,74%") and English ("1,800", "99.74%") formats, words
    such as "trên 1.800" (qualifier "over"), "khoảng", "dưới", and "-"/"—"/empty as missing.
    Raises ValueError when the text is not a number.
    """
    if isinstance(cell, bool):
        raise ValueError(str(cell))
    if isinstance(cell, _Pct):
        return float(cell) * 100, "exact", True
    if isinstance(cell, int | float):
        if cell != cell:
            return None, "exact", False
        return float(cell), "exact", False
    if isinstance(cell, _dt.date):
        raise ValueError(str(cell))
    if type(cell) is str and cell.isdigit():
        return float(cell), "exact", False
    text = _loose(_text(cell))
    if text in _MISSING:
        return None, "exact", False
    qualifier = "exact"
    for name, pattern in _QUALIFIER_RES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            qualifier, text = name, text[m.end():]
            break
    percent = False
    text = text.translate(_SPACES)
    if text.endswith("%"):
        percent, text = True, text[:-1]
    sign = 1.0
    if text[:1] in "-−–":
        sign, text = -1.0, text[1:]
    elif text[:1] == "+":
        text = text[1:]
    return sign * _to_float(text, style), qualifier, percent


# --------------------------------------------------------------------------- dates and periods

_EXCEL_EPOCH = _dt.date(1899, 12, 30)


_ROMAN = _periods.ROMAN  # former name, kept for importer re-exports


def _parse_date(cell: Any, *, end: bool = False) -> _dt.date:
    """One date from a cell: date objects, Excel serials, ISO, d/m/yyyy; a year or m/yyyy gives
    its first day (or its last day when `end`)."""
    if isinstance(cell, _dt.datetime):
        return cell.date()
    if isinstance(cell, _dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        n = float(cell)
        if n.is_integer() and 1000 <= n <= 9999:  # a year; its range is checked by the caller
            return _dt.date(int(n), 12, 31) if end else _dt.date(int(n), 1, 1)
        if 20000 <= n <= 80000:
            return _EXCEL_EPOCH + _dt.timedelta(days=int(n))
        raise ValueError(cell)
    t = _loose(_text(cell))
    t = re.sub(r"^(ngay|date)\s+", "", t)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", t)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        return _dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        y, mo = int(m[2]), int(m[1])
        return month_end(y, mo) if end else _dt.date(y, mo, 1)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", t)
    if m:
        return _dt.date(int(m[1]), 12, 31) if end else _dt.date(int(m[1]), 1, 1)
    raise ValueError(t)


def parse_period(cell: Any) -> tuple[_dt.date, _dt.date]:
    """Parse a period label into (start, end) (see `_parse_period`); text labels are cached."""
    if isinstance(cell, str):
        return _parse_period_text(cell)
    return _parse_period(cell)


@functools.lru_cache(maxsize=4096)
def _parse_period_text(cell: str) -> tuple[_dt.date, _dt.date]:
    return _parse_period(cell)


def _parse_period(cell: Any) -> tuple[_dt.date, _dt.date]:
    """Parse a period label into (start, end).

    Understands "2024", "năm 2024", "Q3/2021", "quý III/2021", "6 tháng đầu năm 2024", "H1 2024",
    "9 tháng 2023", "tháng 3/2023", "3/2023", "2021-2025", "1/1/2024 - 18/12/2024" and a single
    date (an as-of figure: start = end). Raises ValueError otherwise.
    """
    if isinstance(cell, _dt.date):
        d = _parse_date(cell)
        return d, d
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        s, e = _parse_date(cell), _parse_date(cell, end=True)
        return s, e
    t = _loose(_text(cell))
    t = re.sub(r"\s*([/\-–—])\s*", r"\1", t)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", t)
    if m:
        return _periods.whole_year(int(m[1]))
    m = re.fullmatch(rf"(?:q|quy)\s*({_periods.QUARTER_TOKEN})(?:\s*nam\s*|[/\-\s])\s*(\d{{4}})", t) or \
        re.fullmatch(r"(\d{4})[\s\-/]*q([1-4])", t)
    if m:
        a, b = m[1], m[2]
        if a.isdigit() and len(a) == 4:
            y, q = int(a), _periods.quarter_number(b)
        else:
            y, q = int(b), _periods.quarter_number(a)
        return _periods.quarter(y, q)
    m = re.fullmatch(r"(?:6 thang dau(?: nam)?|h1|nua dau nam|first half(?: of)?)\s*(?:nam\s*)?(\d{4})", t)
    if m:
        return _periods.months(int(m[1]), 6)
    m = re.fullmatch(r"(?:6 thang cuoi(?: nam)?|h2|nua cuoi nam|second half(?: of)?)\s*(?:nam\s*)?(\d{4})", t)
    if m:
        return _periods.months(int(m[1]), 6, last=True)
    m = re.fullmatch(r"(\d{1,2}) thang (dau|cuoi) nam\s*(\d{4})", t)
    if m and 1 <= int(m[1]) <= 12:  # "3 tháng cuối năm 2024", as text extraction reads it
        return _periods.months(int(m[3]), int(m[1]), last=m[2] == "cuoi")
    m = re.fullmatch(r"(\d{1,2}) thang(?: dau)?(?: nam)?\s*(\d{4})", t) or \
        re.fullmatch(r"first (\d{1,2}) months(?: of)? (\d{4})", t)
    if m and 1 <= int(m[1]) <= 12:
        return _periods.months(int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})[/\-](\d{4})", t) or \
        re.fullmatch(r"thang\s*(\d{1,2})\s+nam\s*(\d{4})", t)  # "tháng 11 năm 2019", as in sentences
    if m and 1 <= int(m[1]) <= 12:
        return _periods.month(int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:giai doan\s*)?(\d{4})[\-–—](\d{4})", t)
    if m and int(m[1]) <= int(m[2]):
        return _periods.years(int(m[1]), int(m[2]))
    m = re.fullmatch(r"(?:tu\s*)?(.+?)\s*(?:[–—]| - | den |-(?=\d{1,2}/))\s*(.+)", t)
    if m:
        try:
            return _parse_date(m[1]), _parse_date(m[2], end=True)
        except ValueError:
            pass
    d = _parse_date(t)
    return d, d
