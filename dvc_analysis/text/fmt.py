"""Number, percent and period formatting in Vietnamese (default) and English.

Vietnamese writes "." for thousands and "," for decimals (1.542; 99,74%); English the
reverse (1,542; 99.74%). Period labels follow the wording of Vietnamese reports
("quý 3/2021", "9 tháng đầu năm 2021", "1/1–18/12/2024", "đến 15/9/2021").
This module uses only the standard library, so it is cheap to import.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from typing import Any

from .._cells import is_missing

NA = "–"
"""Text shown for a missing number (N/A)."""

_LANGS = ("vi", "en")
_MONTHS_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        from ..errors import UsageError

        raise UsageError(
            f"Ngôn ngữ không hỗ trợ: {lang!r} (chỉ 'vi' hoặc 'en').",
            f"Unsupported language: {lang!r} (use 'vi' or 'en').",
        )


# One meaning of a missing cell for the whole package.
_is_missing = is_missing


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def _format(x: float, decimals: int | None, lang: str, max_auto: int = 2) -> str:
    """Format a finite number with grouping; decimals=None shows up to `max_auto`, no trailing zeros."""
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    if decimals is None:
        text = f"{abs(x):.{max_auto}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{abs(x):.{max(decimals, 0)}f}"
    whole, _, frac = text.partition(".")
    body = _group(whole, thousands) + (point + frac if frac else "")
    # never print "-0"
    negative = x < 0 and any(ch not in "0.," for ch in body)
    return ("-" if negative else "") + body


def fmt_number(x: Any, decimals: int | None = 0, *, lang: str = "vi", na: str = NA) -> str:
    """Format a number: ``fmt_number(1542)`` → ``"1.542"``; ``lang="en"`` → ``"1,542"``.

    ``decimals`` fixes the number of decimals (default 0); ``None`` shows up to two and drops
    trailing zeros (``fmt_number(86.9, None)`` → ``"86,9"``). Missing values give ``na``.
    """
    _check_lang(lang)
    if _is_missing(x):
        return na
    return _format(float(x), decimals, lang)


def fmt_percent(
    x: Any, decimals: int | None = None, *, lang: str = "vi", na: str = NA, space: bool = False
) -> str:
    """Format a percentage given on the 0–100 scale: ``fmt_percent(99.74)`` → ``"99,74%"``.

    ``decimals=None`` (default) shows up to two decimals without trailing zeros
    (82.5 → ``"82,5%"``, 100 → ``"100%"``); an integer fixes them (``fmt_percent(43.367, 1)``
    → ``"43,4%"``). ``space=True`` puts a space before the sign. Missing values give ``na``.
    """
    _check_lang(lang)
    if _is_missing(x):
        return na
    return _format(float(x), decimals, lang) + (" %" if space else "%")


def fmt_pp(
    x: Any,
    decimals: int | None = 1,
    *,
    lang: str = "vi",
    sign: bool = True,
    short: bool = False,
    na: str = NA,
) -> str:
    """Format a difference of two percentages in percentage points.

    ``fmt_pp(3.46)`` → ``"+3,5 điểm phần trăm"``; ``lang="en"`` → ``"+3.5 percentage points"``;
    ``short=True`` → ``"+3,5 đpt"`` / ``"+3.5 pp"``. ``sign=False`` omits the plus sign.
    """
    _check_lang(lang)
    if _is_missing(x):
        return na
    value = float(x)
    body = _format(value, decimals, lang)
    if sign and value > 0 and body.strip("0.,") != "":
        body = "+" + body
    if short:
        unit = "đpt" if lang == "vi" else "pp"
    elif lang == "vi":
        unit = "điểm phần trăm"
    else:
        one = body.lstrip("+-") in {"1", "1,0", "1.0", "1,00", "1.00"}
        unit = "percentage point" if one else "percentage points"
    return f"{body} {unit}"


# ---------------------------------------------------------------------------------------------
# dates and periods


def to_date(x: Any) -> _dt.date | None:
    """Convert an ISO string, date, datetime, pandas Timestamp or numpy datetime64 to a date."""
    if _is_missing(x):
        return None
    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    if hasattr(x, "to_pydatetime"):  # pandas Timestamp
        return x.to_pydatetime().date()
    text = str(x).strip()
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        from ..errors import UsageError

        raise UsageError(
            f"Không đọc được ngày {x!r} (cần dạng YYYY-MM-DD).",
            f"Cannot read the date {x!r} (expected YYYY-MM-DD).",
        ) from None


def month_end(year: int, month: int) -> _dt.date:
    """The last day of a month."""
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _dm(d: _dt.date, lang: str) -> str:
    return f"{d.day}/{d.month}" if lang == "vi" else f"{d.day} {_MONTHS_EN[d.month - 1]}"


def _dmy(d: _dt.date, lang: str) -> str:
    return (
        f"{d.day}/{d.month}/{d.year}"
        if lang == "vi"
        else f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    )


def period_kind(start: Any, end: Any) -> str:
    """Classify a period: ``as_of``, ``year``, ``quarter``, ``month``, ``months_ytd``
    (1 January to the end of a month), ``months`` (whole months) or ``days``."""
    s, e = to_date(start), to_date(end)
    if s is None and e is None:
        return "unknown"
    if s is None or e is None or s == e:
        return "as_of"
    whole_months = s.day == 1 and e == month_end(e.year, e.month)
    if not whole_months:
        return "days"
    n = (e.year - s.year) * 12 + e.month - s.month + 1
    if s.month == 1 and n == 12:
        return "year"
    if n == 1:
        return "month"
    if n == 3 and s.month in (1, 4, 7, 10):
        return "quarter"
    if s.month == 1 and e.year == s.year:
        return "months_ytd"
    return "months"


def period_months(start: Any, end: Any) -> int | None:
    """Number of whole calendar months a period covers, or None when it is not whole months."""
    s, e = to_date(start), to_date(end)
    if s is None or e is None or s == e:
        return None
    if s.day != 1 or e != month_end(e.year, e.month):
        return None
    return (e.year - s.year) * 12 + e.month - s.month + 1


def period_label(start: Any, end: Any = None, kind: str = "auto", *, lang: str = "vi") -> str:
    """Label a reporting period the way Vietnamese reports do (or in English).

    ``kind="auto"`` picks the natural wording from the dates:

    ===============================  ============================  ===========================
    dates                            vi                            en
    ===============================  ============================  ===========================
    2021-07-01 … 2021-09-30          quý 3/2021                    Q3 2021
    2021-01-01 … 2021-09-30          9 tháng đầu năm 2021          first 9 months of 2021
    2024-01-01 … 2024-12-31          năm 2024                      2024
    2023-03-01 … 2023-03-31          tháng 3/2023                  March 2023
    2024-01-01 … 2024-12-18          1/1–18/12/2024                1 Jan–18 Dec 2024
    2021-09-15 (start = end)         đến 15/9/2021                 as of 15 Sep 2021
    ===============================  ============================  ===========================

    ``kind="range"`` always writes the dates; ``kind="as_of"`` always writes the end date as
    an as-of date. A missing start means an as-of figure. Missing dates give ``""``.
    """
    _check_lang(lang)
    if kind not in ("auto", "range", "as_of"):
        from ..errors import UsageError

        raise UsageError(
            f"Kiểu kỳ không hợp lệ: {kind!r} (auto, range, as_of).",
            f"Invalid period kind: {kind!r} (auto, range, as_of).",
        )
    s, e = to_date(start), to_date(end)
    if e is None:
        e, s = s, None
    if e is None:
        return ""
    if s is not None and s > e:
        from ..errors import UsageError

        raise UsageError(
            f"Kỳ báo cáo ngược: {s.isoformat()} sau {e.isoformat()}.",
            f"Reversed period: {s.isoformat()} is after {e.isoformat()}.",
        )
    if kind == "as_of" or s is None or (kind == "auto" and s == e):
        return f"đến {_dmy(e, 'vi')}" if lang == "vi" else f"as of {_dmy(e, 'en')}"
    detected = period_kind(s, e) if kind == "auto" else "days"
    vi = lang == "vi"
    if detected == "year":
        return f"năm {s.year}" if vi else str(s.year)
    if detected == "quarter":
        q = (s.month - 1) // 3 + 1
        return f"quý {q}/{s.year}" if vi else f"Q{q} {s.year}"
    if detected == "month":
        return f"tháng {s.month}/{s.year}" if vi else f"{_MONTH_NAMES_EN[s.month - 1]} {s.year}"
    if detected == "months_ytd":
        n = e.month
        return f"{n} tháng đầu năm {s.year}" if vi else f"first {n} months of {s.year}"
    if detected == "months":
        if vi:
            if s.year == e.year:
                return f"tháng {s.month}–{e.month}/{s.year}"
            return f"tháng {s.month}/{s.year}–{e.month}/{e.year}"
        a, b = _MONTHS_EN[s.month - 1], _MONTHS_EN[e.month - 1]
        return f"{a}–{b} {s.year}" if s.year == e.year else f"{a} {s.year}–{b} {e.year}"
    # explicit dates
    if s.year == e.year:
        return f"{_dm(s, lang)}–{_dmy(e, lang)}"
    return f"{_dmy(s, lang)}–{_dmy(e, lang)}"


def row_period(row: Any, lang: str = "vi") -> str:
    """The period of an observation row as every view writes it.

    The row's own label (Vietnamese, first letter lower-cased for use inside a sentence unless
    it starts with an abbreviation such as "QĐ"), its English label, or else a label derived from
    ``period_start``/``period_end``; "" when none can be made.

    Examples
    --------
    >>> row_period({"period_label": "Năm 2024"})
    'năm 2024'
    >>> row_period({"period_start": "2024-01-01", "period_end": "2024-12-31"}, "en")
    '2024'
    """
    def text(key: str) -> str:
        value = row.get(key)
        return "" if _is_missing(value) else str(value).strip()

    label = text("period_label")
    if label and lang == "vi":
        return label[:1].lower() + label[1:] if not label[:2].isupper() else label
    if lang == "en" and text("period_label_en"):
        return text("period_label_en")
    try:
        derived = period_label(row.get("period_start"), row.get("period_end"), lang=lang)
    except Exception:  # noqa: BLE001 - a malformed date in user data: fall back to the label
        derived = ""
    return derived or label
