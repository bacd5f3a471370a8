"""Periods a report speaks of: ranges, as-of dates, quarters, months, years, the dateline."""

from __future__ import annotations

import datetime as _dt
import re

from ...text import periods as _periods
from ...text.fmt import month_end

# "TP. Hồ Chí Minh", "TS. Nguyễn …": an abbreviation's full stop ends no sentence
_ABBREV = r"(?<!\bTP\.)(?<!\bTp\.)(?<!\bTX\.)(?<!\bTT\.)(?<!\bTS\.)(?<!\bGS\.)(?<!\bThS\.)(?<!\bBS\.)(?<!\bPGS\.)"
_SENTENCE_END = re.compile(r"(?<=[.!?…])" + _ABBREV + r"\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=[!?…])\s+|\.{3}\s*|:\s+(?=[A-ZĐ])")
_TARGET_WORDS = re.compile(r"mục tiêu|phấn đấu|chỉ tiêu|kế hoạch đề ra|cần đạt|phải đạt", re.I)


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(paragraph):
        bounds.append((start, len(paragraph)))
    return bounds or [(0, len(paragraph))]



# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def _date(d: str, m: str, y: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


_DG = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_P_RANGE = re.compile(
    rf"từ\s+(?:ngày\s+)?{_DG}\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?{_DG}", re.I
)
_P_YEAR_START = re.compile(
    r"từ\s+đầu\s+năm(?:\s+((?:19|20)\d{2}))?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
    r"(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?",
    re.I,
)
_P_ASOF_MONTH = re.compile(
    r"(?:tính\s+)?đến\s+(?:hết\s+)?(?:cuối\s+)?tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", re.I
)
_DL = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"  # "15 tháng 01 năm 2024"
_P_ASOF = re.compile(rf"(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?(?:{_DG}|{_DL})", re.I)
_P_QUARTER = re.compile(
    r"quý\s+(\d|IV|I{1,3})(?!\w)(?:\s*[/-]\s*|\s+năm\s+)(\d{4})", re.I
)
_P_QUARTER_BARE = re.compile(r"quý\s+(\d|IV|I{1,3})(?!\w)(?!\s*[/-]\s*\d|\s+năm\s+\d)", re.I)
_P_MONTHS = re.compile(r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})", re.I)
_P_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", re.I)
_P_YEAR = re.compile(r"(?<!\w)năm\s+(\d{4})(?!\d)", re.I)
_P_NOW = re.compile(r"(?:(?:tính\s+)?(?:đến|tới)\s+nay|hiện nay|hiện có|đến thời điểm này)(?!\w)", re.I)
_P_SINCE_YEAR = re.compile(r"từ\s+đầu\s+năm(?:\s+(\d{4}))?(?:\s+(?:đến|tới)\s+nay)?", re.I)
_NEEDS_REF = re.compile(r"đầu\s+năm|nay|hiện có|thời điểm này|quý", re.I)
_P_DATE = re.compile(rf"ngày\s+(?:{_DG}|{_DL})", re.I)
_COMPARISON = re.compile(r"(?:so với|hơn|trước|kể từ|giai đoạn|các)\s*$", re.I)


def _find_periods(
    text: str, year_hint: int | None = None, ref: _dt.date | None = None
) -> list[dict]:
    """All period mentions of a text, in order: dicts with pos, start, stop (dates), label, kind,
    and flags `comparison` ("so với năm 2023"), `weak` (a bare date such as a document's date)
    and `horizon` ("từ quý II/2019", "đến năm 2030": a start or a horizon, not a period)."""
    found: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, start, end, label, kind, weak=False):
        if start is None or end is None or any(a <= m.start() < b for a, b in taken):
            return
        if not (_periods.year_in_range(start.year) and _periods.year_in_range(end.year)):
            return  # the accepted years (2000–2100), as for spreadsheet cells
        taken.append((m.start(), m.end()))
        before = text[max(0, m.start() - 12) : m.start()]
        compare = bool(_COMPARISON.search(before))
        horizon = False
        if kind in ("quarter", "month", "year") and re.search(r"(?:từ|kể từ)\s*$", before, re.I):
            end, label, kind = start, f"từ {label}", "as_of"  # "từ quý II/2019": as of its start
            horizon = True
        elif kind == "year" and re.search(r"(?:đến|tới)\s*$", before, re.I):
            horizon = True
        found.append(
            {"pos": m.start(), "end": m.end(), "start": start, "stop": end, "label": label,
             "kind": kind, "comparison": compare, "weak": weak, "horizon": horizon}
        )

    for m in _P_RANGE.finditer(text):
        a, b = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if a and b:
            add(m, a, b, f"{a:%d/%m/%Y}–{b:%d/%m/%Y}", "range")
    for m in _P_YEAR_START.finditer(text):
        year = m.group(1) or m.group(4) or (str(year_hint) if year_hint else None)
        if year:
            b = _date(m.group(2), m.group(3), m.group(4) or year)
            if b:
                add(m, _dt.date(int(year), 1, 1), b, f"01/01/{year}–{b:%d/%m/%Y}", "range")
    if ref is not None:
        for m in _P_SINCE_YEAR.finditer(text):
            year = int(m.group(1)) if m.group(1) else ref.year
            stop = ref if year == ref.year else _dt.date(year, 12, 31)
            add(m, _dt.date(year, 1, 1), stop, f"01/01/{year}–{stop:%d/%m/%Y}", "range")
        for m in _P_NOW.finditer(text):
            add(m, ref, ref, f"đến nay ({ref:%d/%m/%Y})", "as_of")
    for m in _P_ASOF_MONTH.finditer(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            d = month_end(year, month)
            add(m, d, d, f"đến hết tháng {month}/{year}", "as_of")
    for m in _P_ASOF.finditer(text):
        d = _date(*m.group(1, 2, 3)) if m.group(1) else _date(*m.group(4, 5, 6))
        if d:
            add(m, d, d, f"đến {d:%d/%m/%Y}", "as_of")
    for m in _P_QUARTER.finditer(text):
        q, year = _periods.quarter_number(m.group(1)), int(m.group(2))
        if q:
            add(m, *_periods.quarter(year, q), f"quý {q}/{year}", "quarter")
    for m in _P_MONTHS.finditer(text):
        n, side, year = int(m.group(1)), m.group(2).lower(), int(m.group(3))
        if 1 <= n <= 12:
            add(m, *_periods.months(year, n, last=side != "đầu"), f"{n} tháng {side} năm {year}", "months")
    for m in _P_MONTH.finditer(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            add(m, *_periods.month(year, month), f"tháng {month}/{year}", "month")
    for m in _P_YEAR.finditer(text):
        year = int(m.group(1))
        add(m, *_periods.whole_year(year), f"năm {year}", "year")
    found.sort(key=lambda p: p["pos"])
    # a bare "quý 3" takes the year of the nearest earlier mention (or the hint)
    for m in _P_QUARTER_BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before = [p for p in found if p["pos"] < m.start()]
        year = before[-1]["stop"].year if before else year_hint
        q = _periods.quarter_number(m.group(1))
        if year and q:
            add(m, *_periods.quarter(year, q), f"quý {q}/{year}", "quarter")
    for m in _P_DATE.finditer(text):
        d = _date(*m.group(1, 2, 3)) if m.group(1) else _date(*m.group(4, 5, 6))
        if d:
            add(m, d, d, f"ngày {d:%d/%m/%Y}", "date", weak=True)
    found.sort(key=lambda p: p["pos"])
    return found


def _reference_date(
    paragraphs: list[str], doc_date: _dt.date | None, periods: list[list[dict]]
) -> _dt.date | None:
    """The date "đến nay" refers to: the latest period end the text reports on (not a target,
    comparison, horizon or document date, and not after the document's own date), else the
    document's date. `periods` are the mentions of each paragraph (`_find_periods`)."""
    ends = []
    for para, mentions in zip(paragraphs, periods, strict=True):
        sents = _sentences(para) if mentions else []
        for p in mentions:
            if p["weak"] or p["comparison"] or p["horizon"]:
                continue
            sent = next((s for s in sents if s[0] <= p["pos"] < s[1] + 1), (0, len(para)))
            if _TARGET_WORDS.search(para[sent[0] : sent[1]]):
                continue
            if doc_date is None or p["stop"] <= doc_date:
                ends.append(p["stop"])
    return max(ends) if ends else doc_date


_DATELINE = re.compile(
    rf"^\s*(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?:ngày\s+)?{_DG}\s*$|"
    rf"^\s*(?:cập nhật|đăng|ngày đăng|ngày)\s*:?\s*{_DG}|"
    rf"^\s*[^\d,]{{2,40}},\s*ngày\s+(?:{_DG}|{_DL})\s*$", re.I
)


def _document_date(paragraphs: list[str]) -> _dt.date | None:
    """The document's own date: a dateline such as "Thứ năm, ngày 02/01/2025" near the top."""
    for para in paragraphs[:6]:
        m = _DATELINE.search(para)
        if m:
            groups = [g for g in m.groups() if g]
            if len(groups) >= 3:
                return _date(*groups[:3])
    return None

