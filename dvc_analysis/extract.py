"""Extraction assistant: propose every figure of a Vietnamese report as a candidate observation.

`extract_text` / `extract_file` return one row per figure (a percentage, a count, a ratio such as
"1.542/1.868", a rank such as "22/63", a score "86,94/100 điểm", an amount of money) with the
columns of the observation schema that can be guessed from the text: paragraph (non-empty line,
numbered from 1 as in `textio`), province (`province_code` in the map named by `map`: "63" for
figures of periods before 1 July 2025, "34" from then on), reporting unit, indicator (ids of
data/indicators.csv; none for a relative change "tăng 150% so với cùng kỳ"; the channel and
timeliness words nearest to the figure decide between online/in-person and on-time/late),
component, period, numerator/denominator/value, qualifier and the evidence exactly as written,
plus `unit` (percent|count|rank|score|money_vnd), `kind` (observation|target|change), the
`sentence` it came from and a `confidence` between 0 and 1. `value` is the number itself:
percent as 0-100, counts plain, "330 nghìn" → 330000, "2,5 tỷ đồng" → 2500000000 (money_vnd).

Linked statements become one row: "X/Y …, đạt Z%" (evidence X/Y, evidence_value Z%), "X hồ sơ,
chiếm Z%" (evidence Z%, evidence_numerator X) and "Z% (… a; … b)" (numerator a, denominator b).
Dates (also a day and month after a date word: "sáng 12/5", "từ 1.6", "chiều 15-9"), years,
document numbers (3091/QĐ-UBND, Chỉ thị 10), service levels (mức độ 3, 4), structural numbers
("2 cấp", "phiên bản 2.0", "3 nhóm", "lần thứ tư"), ages, distances, list numbering, durations and
clock times (24/24 giờ) are not figures: dates feed the period guess.
A sentence without a period of its own takes the paragraph's, else the date "đến nay" refers to
(the latest period the text reports on, not after the document's dateline), marked "(ước đoán)".

`write_csv` writes UTF-8 with BOM for Excel; `evaluate` measures recall and the share of
non-figures against the curated `data/observations.csv`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .fmt import month_end
from .load import parse_evidence as _load_parse_evidence
from .load import parse_vn_number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS = [
    "source_id",
    "paragraph",
    "offset",
    "province_code",
    "map",
    "unit_name",
    "admin_level",
    "indicator",
    "component",
    "period_start",
    "period_end",
    "period_label",
    "numerator",
    "denominator",
    "value",
    "qualifier",
    "evidence",
    "evidence_numerator",
    "evidence_denominator",
    "evidence_value",
    "unit",
    "kind",
    "sentence",
    "confidence",
]
_NUMERIC = ("numerator", "denominator", "value", "confidence")

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# Vietnamese: "." groups thousands, "," marks decimals. "2.5" (not three digits) is read as a decimal.
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+,\d+|\d+\.\d{1,2}(?![\d.])|\d+"
_NUM_RE = re.compile(_NUM)
_FIGURE_RE = re.compile(
    rf"(?<![\w.,/-])(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?"
    r"(?P<pct>\s*(?:%|phần trăm|điểm phần trăm|điểm %))?(?P<score>\s*điểm(?!\s*(?:phần trăm|%)))?",
)
# "tăng 5 bậc", "giảm thêm 3%", "gấp 2 lần": a change, not a level ("giảm còn 5%" is a level)
_CHANGE_BEFORE = re.compile(
    r"(?:tăng|(?<!cắt )giảm|cải thiện|tụt|vượt)(?:\s+(?:thêm|được|hơn))?\s*(?:trên|hơn|gần|khoảng)?\s*$"
    r"|gấp\s*(?:hơn|gần|khoảng)?\s*$",
    re.I,
)
_MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_MULT_RE = re.compile(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)(?:\s+(đồng|VNĐ|VND|đ)(?!\w))?")
_MONEY_RE = re.compile(r"\s*(đồng|VNĐ|VND)(?!\w)")
_QUALIFIERS = [
    (re.compile(r"(?:trên|hơn|vượt|ít nhất|tối thiểu|không dưới)\s*$", re.I), "over"),
    (re.compile(r"(?:dưới|chưa đến|chưa tới|không quá|tối đa)\s*$", re.I), "under"),
    (re.compile(r"(?:gần|khoảng|xấp xỉ|chừng|ước|ước tính|ước đạt)\s*$", re.I), "about"),
]
_RANGE_TAIL = re.compile(r"\s*[-–]\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,/%])(?!\s*%)")
_RANK_BEFORE = re.compile(r"(?:xếp|đứng|xếp hạng|hạng)\s+(?:thứ\s+)?$", re.I)
# words that make a bare four-digit number a count rather than a year
_COUNT_NOUN = re.compile(
    r"\s*(?:hồ sơ|thủ tục|TTHC|DVC|dịch vụ|giao dịch|tài khoản|lượt|người|doanh nghiệp|đơn vị|cơ quan)",
    re.I,
)


def parse_number(text: str) -> float:
    """Parse a number as `_NUM` finds it: the Vietnamese way (`load.parse_vn_number`: "1.542" →
    1542, "99,74" → 99.74, "05" → 5), and "2.5" (one or two digits after the dot) as a decimal."""
    try:
        return parse_vn_number(text)
    except ValueError:
        return float(text.strip().replace(" ", ""))


def parse_evidence(evidence: str) -> dict[str, float | None]:
    """Parse an evidence string: "a/b" → numerator/denominator, "x%" → value, "n" → value.

    A figure as the evidence base writes it follows `load.parse_evidence`; otherwise the first
    figure (or the first two around a "/") found in the text is used, and no figure gives None.
    """
    text = str(evidence).strip()
    try:
        return _load_parse_evidence(text)
    except ValueError:
        pass
    out: dict[str, float | None] = {"numerator": None, "denominator": None, "value": None}
    nums = _NUM_RE.findall(text)
    if not nums:
        return out
    if "/" in text and len(nums) >= 2:
        out["numerator"], out["denominator"] = parse_number(nums[0]), parse_number(nums[1])
    else:
        out["value"] = parse_number(nums[0])
    return out


# ---------------------------------------------------------------------------------------------
# Spans that are not figures
# ---------------------------------------------------------------------------------------------

_D = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
# document types always followed by their number ("Chỉ thị 10", "Đề án 06") ...
_DOC_WORDS = (
    r"quyết định|nghị định|nghị quyết|chỉ thị|thông tư|công văn|tờ trình|công điện|pháp lệnh|đề án|"
    r"QĐ|NĐ|NQ|CV"
)
# ... and words that name a document only with "số" ("kế hoạch số 12", not "kế hoạch 5 năm")
_DOC_WORDS_SO = r"kế hoạch|thông báo|quy định|luật|hướng dẫn|văn bản|báo cáo|giấy phép|KH|TB"
# words after which "d/m", "d-m" or "d.m" is a day and month, never a ratio or a decimal
_DATE_WORDS = (
    r"ngày|sáng|chiều|tối|trưa|đêm|hôm|tính đến|đến|tới|từ|trước|sau|đầu|cuối|giữa|hạn|hết"
)
_DM = r"(?:[12]?\d|3[01])\s*[/.-]\s*(?:0?[1-9]|1[0-2])(?![\d/-]|[.,]\d|\s*%|\s*(?:phần trăm|điểm))"
_NOT_FIGURE = [
    ("url", re.compile(r"(?:https?://|www\.)\S+", re.I)),
    ("email", re.compile(r"\S+@\S+\.\w+")),
    ("document", re.compile(rf"(?<!\w)(?:{_DOC_WORDS})\s+(?:số\s*)?:?\s*\d[\w./-]*", re.I)),
    ("document", re.compile(rf"(?<!\w)(?:{_DOC_WORDS_SO})\s+số\s*:?\s*\d[\w./-]*", re.I)),
    ("document", re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?\s*[/-]\s*[A-ZĐ]{1,}[\wĐđ./-]*")),
    ("legal_ref", re.compile(r"(?<!\w)(?:điều|khoản|chương|điểm|phụ lục|tiết)\s+\d+[a-zđ]?(?!\w)", re.I)),
    ("date", re.compile(rf"(?<![\d/.-]){_D}(?![\d/])")),
    ("date", re.compile(r"(?<!\w)ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}(?![\d/-])", re.I)),
    ("date", re.compile(r"(?<!\w)ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?(?!\d)", re.I)),
    ("date", re.compile(r"(?<!\w)tháng\s+\d{1,2}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?(?!\d)", re.I)),
    (
        "date",
        re.compile(r"(?<!\w)quý\s+(?:\d|IV|I{1,3})(?!\w)(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?", re.I),
    ),
    ("date", re.compile(r"(?<![\w/.,])(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d{2}(?!\d)")),
    ("date", re.compile(r"(?<!\w)năm\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\d)", re.I)),
    ("date", re.compile(r"(?<![\w.,])(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d)")),
    (
        "date",
        re.compile(r"(?<!\w)\d{1,2}\s+(?:tháng|quý)\s+(?:đầu|cuối)\s+năm(?:\s+(?:19|20)\d{2})?", re.I),
    ),
    ("chain", re.compile(r"(?<![\w/.,])\d+(?:[.,]\d+)*(?:\s*/\s*\d+(?:[.,]\d+)*){2,}")),
    # a day and month after a date word: "sáng 12/5", "từ 1.6", "chiều 15-9", "đến 29/8"
    ("date", re.compile(rf"(?<!\w)(?:{_DATE_WORDS})\s+(?:ngày\s+|hôm\s+)?{_DM}", re.I)),
    # "ngày Chuyển đổi số quốc gia 10.10": a day.month a few words after "ngày"
    ("date", re.compile(rf"(?<!\w)ngày(?:\s+[^\d\s,.;:]+){{1,6}}\s+{_DM}", re.I)),
    ("structure", re.compile(
        r"(?<![\w.,])\d+\s+(?:cấp|nhóm|giai đoạn|bước|khối|loại hình)(?!\w)"
        r"|(?<!\w)(?:nhóm|giai đoạn|lần thứ|phiên bản|version|lớp|tập|trang|tiêu chí|khóa|kỳ họp|đợt|"
        r"quy trình|bước|mục)\s+\d+(?:\.\d+)*(?![\w%])"
        r"|(?<![\w.,])\d+\s+trong\s+(?:số\s+)?\d+\s+(?:nhóm|loại|lĩnh vực)", re.I)),
    ("structure", re.compile(r"(?<![\w.,])\d\.0(?![\d.,%])|(?<!\w)(?:4|5)\.0(?![\d,%])")),
    ("age", re.compile(r"(?<![\w.,])\d{1,3}\s*tuổi(?!\w)|(?<!\w)SN\s*\d{4}", re.I)),
    ("distance", re.compile(
        r"(?<![\w.,])\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*(?:km|cây số|mét|m2|km2|ha)(?!\w)", re.I)),
    ("document", re.compile(r"(?<![\w/.,])\d{1,5}\s*/\s*(?:19|20)\d{2}(?![\d.,/])")),
    ("time", re.compile(r"(?<![\w/])(?:24\s*/\s*(?:24|7)|\d{1,2}\s*/\s*\d{1,2}\s*(?:giờ|h))(?!\w)", re.I)),
    ("time", re.compile(r"(?<![\w.,])\d{1,2}\s*(?:giờ|h)\s*\d{2}(?:\s*phút)?(?!\d)|\b\d{1,2}:\d{2}\b", re.I)),
    ("duration", re.compile(r"(?<![\w.,])\d+\s+(?:năm|tháng|tuần|ngày|giờ|tiếng|phút)(?!\w)", re.I)),
    (
        "level",
        re.compile(
            r"(?<!\w)(?:mức độ|mức|cấp độ)\s+(?:dịch vụ công trực tuyến\s+)?\d(?!\d)"
            r"(?:\s*(?:,|và|hoặc|-|–)\s*(?:mức độ\s+)?\d(?![\d.]))*",
            re.I,
        ),
    ),
    ("level", re.compile(r"(?<![\w.,])[1-4](?:\s*,\s*[1-4]){2,}(?![\d.,])")),
    ("list", re.compile(r"^\s*(?:#+\s*)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s))")),
    ("caption", re.compile(r"(?<!\w)(?:bảng|hình|biểu đồ|phụ lục)\s+\d+(?:\.\d+)*(?!\w)", re.I)),
    ("list", re.compile(r"\(\d{1,2}\)")),
    ("phone", re.compile(r"(?<![\w.,])0\d{8,10}(?!\d)|(?<![\w.,])\d{8,}(?!\d)")),
]

# a short "Label: number" line (page counters, metadata) is not a statement of a figure
_COUNTER_LINE = re.compile(r"^[\W_]*[^\d:]{1,30}:\s*\d[\d.,]*\s*$")
_DOMAIN_WORD = re.compile(r"hồ sơ|thủ tục|TTHC|DVC|dịch vụ|tỷ lệ", re.I)


# a pattern can only match when one of its key words occurs (checked on the lower-cased text)
_MASK_KEYS = {
    "url": ("http", "www."),
    "email": ("@",),
    "legal_ref": ("điều", "khoản", "chương", "điểm", "phụ lục", "tiết"),
    "time": ("giờ", "h", ":", "24"),
    "duration": ("năm", "tháng", "tuần", "ngày", "giờ", "tiếng", "phút"),
    "age": ("tuổi", "sn"),
    "structure": ("cấp", "nhóm", "giai đoạn", "bước", "khối", "loại hình", "lần thứ", "phiên bản", "version",
                  "lớp", "tập", "trang", "tiêu chí", "khóa", "kỳ họp", "đợt", "quy trình", "mục", "trong", ".0"),
    "distance": ("km", "cây số", "mét", "m2", "ha"),
    "level": ("mức", "cấp độ", ","),
}


def _masked_spans(paragraph: str) -> list[tuple[int, int, str]]:
    lower = paragraph.lower()
    spans = []
    for kind, rx in _NOT_FIGURE:
        keys = _MASK_KEYS.get(kind)
        if keys is not None and not any(k in lower for k in keys):
            continue
        for m in rx.finditer(paragraph):
            spans.append((m.start(), m.end(), kind))
    spans.sort()
    return spans


def _is_masked(pos: int, spans: list[tuple[int, int, str]]) -> str:
    for start, end, kind in spans:
        if start > pos:
            break
        if start <= pos < end:
            return kind
    return ""


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def _date(d: str, m: str, y: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
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
    r"quý\s+(\d|IV|I{1,3})(?!\w)(?:\s*[/-]\s*|\s+năm\s+)((?:19|20)\d{2})", re.I
)
_P_QUARTER_BARE = re.compile(r"quý\s+(\d|IV|I{1,3})(?!\w)(?!\s*[/-]\s*\d|\s+năm\s+\d)", re.I)
_P_MONTHS = re.compile(r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm\s+((?:19|20)\d{2})", re.I)
_P_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*((?:19|20)\d{2})", re.I)
_P_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)", re.I)
_P_NOW = re.compile(r"(?:(?:tính\s+)?(?:đến|tới)\s+nay|hiện nay|hiện có|đến thời điểm này)(?!\w)", re.I)
_P_SINCE_YEAR = re.compile(r"từ\s+đầu\s+năm(?:\s+((?:19|20)\d{2}))?(?:\s+(?:đến|tới)\s+nay)?", re.I)
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
        q, year = m.group(1).upper(), int(m.group(2))
        q = _ROMAN.get(q, int(q) if q.isdigit() else 0)
        if 1 <= q <= 4:
            add(m, _dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), f"quý {q}/{year}", "quarter")
    for m in _P_MONTHS.finditer(text):
        n, side, year = int(m.group(1)), m.group(2).lower(), int(m.group(3))
        if 1 <= n <= 12:
            if side == "đầu":
                add(m, _dt.date(year, 1, 1), month_end(year, n), f"{n} tháng đầu năm {year}", "months")
            else:
                add(m, _dt.date(year, 13 - n, 1), _dt.date(year, 12, 31),
                    f"{n} tháng cuối năm {year}", "months")
    for m in _P_MONTH.finditer(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            add(m, _dt.date(year, month, 1), month_end(year, month), f"tháng {month}/{year}", "month")
    for m in _P_YEAR.finditer(text):
        year = int(m.group(1))
        add(m, _dt.date(year, 1, 1), _dt.date(year, 12, 31), f"năm {year}", "year")
    found.sort(key=lambda p: p["pos"])
    # a bare "quý 3" takes the year of the nearest earlier mention (or the hint)
    for m in _P_QUARTER_BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before = [p for p in found if p["pos"] < m.start()]
        year = before[-1]["stop"].year if before else year_hint
        q = m.group(1).upper()
        q = _ROMAN.get(q, int(q) if q.isdigit() else 0)
        if year and 1 <= q <= 4:
            add(m, _dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), f"quý {q}/{year}", "quarter")
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


# ---------------------------------------------------------------------------------------------
# Provinces and reporting units
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern, dict[str, str]]:
    """Names (and written variants) of the 63 pre-2025 provinces → code, as one pattern."""
    from .provinces import load_aliases, load_provinces

    names: dict[str, str] = {}
    for row in load_provinces("63").itertuples():
        names[row.name] = row.code
    for row in load_aliases().itertuples():
        # aliases with diacritics or a separator; short ASCII ones ("HN", "TTH") are too ambiguous
        if row.map == "63" and (not row.alias.isascii() or row.alias in ("TP.HCM", "TPHCM", "TP HCM", "BR-VT")):
            names.setdefault(row.alias, row.code)
    if "Thừa Thiên Huế" in names:
        names.setdefault("Thừa Thiên - Huế", names["Thừa Thiên Huế"])
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    rx = re.compile(
        rf"(?<!\w)(?<!huyện )(?<!quận )(?<!xã )(?<!phường )(?<!xóm )(?<!thị xã )(?<!thị trấn )"
        rf"({alternatives})(?!\w)"
    )
    return rx, names


def _province_matches(text: str) -> list[tuple[int, str]]:
    """(position, code) of every province name in a text."""
    rx, names = _province_regex()
    return [(m.start(), names[m.group(1)]) for m in rx.finditer(text)]


def _provinces_in(text: str) -> list[str]:
    rx, names = _province_regex()
    return [names[m.group(1)] for m in rx.finditer(text)]


def _map_for(when: _dt.date | None) -> str:
    """The province map a figure's code belongs to: "63" before 1 July 2025, "34" from then on
    (by the end of the figure's period, else the document's date; "63" when neither is known)."""
    from .provinces import map_for_date

    return map_for_date(when) if when is not None else "63"


def _new_code(old: str) -> str:
    """The 34-map code of the province a pre-2025 province became part of."""
    from .provinces import new_code

    try:
        return new_code(old)
    except Exception:  # an unknown code is kept as found
        return old


def _dominant(codes: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return ""
    return max(counts, key=lambda c: counts[c])


_DEPARTMENTS = (
    "Tài chính|Nội vụ|Tư pháp|Xây dựng|Y tế|Công Thương|Ngoại vụ|Du lịch|Dân tộc|"
    "Giao thông(?: - |\\s)?[Vv]ận tải|Tài nguyên và Môi trường|Nông nghiệp và (?:Phát triển [Nn]ông thôn|Môi trường)|"
    "Kế hoạch và Đầu tư|Lao động - Thương binh và Xã hội|Giáo dục và Đào tạo|"
    "Văn hóa(?:,| -) Thể thao và Du lịch|Thông tin và Truyền thông|Khoa học và Công nghệ|Khoa học, Công nghệ"
)
_AGENCY = re.compile(
    r"(?<!của )(?<!tại )(Ban Quản lý (?:các )?(?:Khu công nghiệp|KCN|Khu kinh tế|KKT)"
    rf"|Sở (?:{_DEPARTMENTS})|Sở (?:[A-ZĐ][\wÀ-ỹ]*(?:\s+(?:và|-)\s+|\s+)?){{1,4}})"
)
_DISTRICT = re.compile(r"(?<!\w)((?:huyện|thị xã|quận) [A-ZĐ][\wÀ-ỹ]*(?: [A-ZĐ][\wÀ-ỹ]*)?)")
_LEVEL_UNIT = re.compile(r"(?<!\w)(cấp huyện|cấp xã)(?!\w)", re.I)
_SPEAKER = re.compile(r"^\s*,?\s*(?:cho biết|chia sẻ|nhấn mạnh|khẳng định)|^\s*\(", re.I)


def _unit_of(sentence: str, paragraph_unit: tuple[str, str]) -> tuple[str, str]:
    """(unit_name, admin_level) named in a sentence, else the paragraph's, else the province."""
    for m in _AGENCY.finditer(sentence):
        if _SPEAKER.search(sentence[m.end() :]):
            continue
        before = sentence[max(0, m.start() - 25) : m.start()].lower()
        if re.search(r"giám đốc|chánh|trưởng|công chức|cán bộ|văn bản của", before):
            continue
        name = re.sub(r"\s+(?:và|-)$", "", m.group(1).strip())
        name = re.sub(r"\s+tỉnh$", "", name)
        tail = _province_regex()[0].search(name)
        if tail and tail.end() == len(name) and tail.start() > 0:
            name = name[: tail.start()].rstrip()
        return name, "agency"
    m = _DISTRICT.search(sentence)
    if m:
        return m.group(1), "district"
    m = _LEVEL_UNIT.search(sentence)
    if m and re.search(r"giải quyết|công tác|tại|của", sentence[max(0, m.start() - 30) : m.start()]):
        return m.group(1).lower(), "district" if "huyện" in m.group(1).lower() else "commune"
    return paragraph_unit


# ---------------------------------------------------------------------------------------------
# Indicator guess
# ---------------------------------------------------------------------------------------------

# (indicator id, units it applies to, patterns that must all occur in the context), first match wins
_SERVICE = r"^\W*(?:DVCTT|DVC|dịch vụ công|dịch vụ|thủ tục|TTHC)"
_DOSSIER = r"^\W*hồ sơ"
_FIELD = r"^\W*lĩnh vực"
_LEVEL34 = r"mức độ 3\s*(?:,|và|-)\s*(?:mức độ\s*)?4"
_LEVEL12 = r"mức độ 1\s*(?:,|và|-)\s*(?:mức độ\s*)?2"
_ONLINE_SERVICE = r"DVCTT|dịch vụ công trực tuyến|DVC trực tuyến"
# (indicator id, units it applies to, patterns that must all occur), first match wins. Patterns
# starting with "^" test the words right after the number (its noun); others test the clause.
_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("dvctt_with_dossiers_rank", ("rank",), (r"phát sinh hồ sơ",)),
    ("dossier_online_share_rank", ("rank",), (r"hồ sơ.{0,30}trực tuyến|trực tuyến.{0,30}hồ sơ",)),
    ("adult_dvctt_use_share", ("percent",),
     (r"(?:người dân|dân số|người trưởng thành|người dùng)[^.;]{0,25}(?:dùng|sử dụng)\s+(?:các\s+)?"
      r"(?:dịch vụ công trực tuyến|DVCTT|DVC trực tuyến)",)),
    ("late_rate", ("percent",), (r"trễ hạn|quá hạn",)),
    ("on_time_rate", ("percent",), (r"đúng hạn|trước hạn|đúng và trước|trước và đúng|sớm hạn",)),
    ("digitisation_output", ("percent",), (r"số hóa|số hoá", r"đầu ra")),
    ("digitisation_input", ("percent",), (r"số hóa|số hoá", r"đầu vào|hồ sơ tiếp nhận|tiếp nhận")),
    ("population_db_share", ("percent",), (r"dân cư",)),
    ("paper_dossier_reduction", ("percent",), (r"giảm", r"hồ sơ giấy|bản giấy")),
    ("data_reuse_share", ("percent",), (r"tái sử dụng|sử dụng lại",)),
    ("e_certification_locality_share", ("percent",), (r"chứng thực điện tử",)),
    ("dossier_in_software_share", ("percent",), (r"hồ sơ", r"phần mềm")),
    ("payment_configured_share", ("percent",), (r"thanh toán|tài chính", r"cấu hình")),
    ("payment_dvctt_with_dossiers", ("percent",), (r"nghĩa vụ tài chính", r"phát sinh hồ sơ")),
    ("payment_dvctt_offline_share", ("percent",), (r"thanh toán trực tiếp",)),
    ("payment_dvctt_online_share", ("percent",),
     (rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán",)),
    ("payment_dossier_share", ("percent",), (r"thanh toán",)),
    ("dvctt_portal_integrated", ("percent",), (r"tích hợp",)),
    ("field_cut_share", ("percent",), (_FIELD, r"cắt giảm")),
    ("tthc_cut_share", ("percent",), (r"cắt giảm", r"thủ tục|TTHC")),
    ("dvctt_with_dossiers", ("percent",), (r"phát sinh hồ sơ",)),
    ("dossier_online_share", ("percent",), (r"hồ sơ", rf"trực tuyến|{_ONLINE_SERVICE}")),
    ("tthc_eligible_online_share", ("percent",), (r"đủ điều kiện",)),
    ("tthc_level12_share", ("percent",), (_LEVEL12,)),
    ("tthc_level4_share", ("percent",), (r"mức độ 4(?![,\d])", r"TTHC|thủ tục")),
    ("tthc_online_share", ("percent",), (_ONLINE_SERVICE,)),
    ("agency_with_online_dossiers_count", ("count",),
     (r"^\W*(?:cơ quan|đơn vị|sở)", r"hồ sơ trực tuyến|phát sinh hồ sơ")),
    ("field_count", ("count",), (_FIELD,)),
    ("dossier_on_time_count", ("count",), (_DOSSIER, r"đúng hạn|trước hạn|sớm hạn")),
    ("dossier_carried_over_count", ("count",), (_DOSSIER, r"tồn|kỳ trước")),
    ("dossier_handled_count", ("count",), (_DOSSIER, r"lũy kế|trong kỳ")),
    ("dossier_due_count", ("count",), (_DOSSIER, r"đến hạn")),
    ("dossier_pending_count", ("count",), (_DOSSIER, r"đang giải quyết|chưa giải quyết")),
    ("dossier_resolved_count", ("count",), (_DOSSIER, r"đã giải quyết|đã có kết quả")),
    ("dossier_online_count", ("count",), (_DOSSIER, r"trực tuyến|điện tử|nộp mức độ")),
    ("dossier_received_count", ("count",), (_DOSSIER, r"(?:tiếp )?nhận(?! kết quả)")),
    ("tthc_upgrade_planned_count", ("count",), (_SERVICE, r"nâng cấp")),
    ("dvctt_level34_count", ("count",), (_SERVICE, _LEVEL34)),
    ("dvc_level12_count", ("count",), (_SERVICE, _LEVEL12)),
    ("dvctt_portal_integrated_count", ("count",), (_SERVICE, r"tích hợp")),
    ("dvctt_full_count", ("count",), (r"toàn trình",)),
    ("dvctt_partial_count", ("count",), (r"một phần",)),
    ("dvctt_level4_count", ("count",), (_SERVICE, r"mức độ 4(?![,\d]|\s*và|\s*,\s*mức)")),
    ("dvctt_level3_count", ("count",), (_SERVICE, r"mức độ 3(?![,\d]|\s*và|\s*,\s*mức)")),
    ("payment_dvctt_online_share", ("count",),
     (_SERVICE, rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán")),
    ("dvctt_with_dossiers", ("count",), (_SERVICE, r"phát sinh hồ sơ")),
    ("dvctt_count", ("count",), (rf"^\W*(?:{_ONLINE_SERVICE})",)),
    ("tthc_total", ("count",), (r"^\W*(?:thủ tục|TTHC)",)),
]
_RULES_RX = [
    (ind, units, tuple(re.compile(p, re.I) for p in pats)) for ind, units, pats in _RULES
]


@functools.lru_cache(maxsize=1)
def _known_indicators() -> frozenset[str] | None:
    try:
        import pandas as pd

        from ._resources import data_path

        with data_path("indicators.csv").open("r", encoding="utf-8") as fh:
            ids = pd.read_csv(fh, dtype=str, usecols=["id"])["id"].dropna()
        return frozenset(ids)
    except Exception:  # indicators.csv not (yet) bundled: accept the rule ids
        return None


_GENERIC = {"dvctt_count", "tthc_total"}  # noun-only rules: used when no specific rule applies


# Word families whose nearest member to a figure decides between rules that would all match:
# the channel of a dossier (online vs in person or by post) and its timeliness (on time vs late).
_ONLINE_WORDS = re.compile(r"trực tuyến|qua mạng|online|điện tử|DVCTT", re.I)
_OFFLINE_WORDS = re.compile(r"trực tiếp|bưu chính|bưu điện|tại (?:bộ phận|quầy|trung tâm)", re.I)
_ON_TIME_WORDS = re.compile(r"đúng hạn|trước hạn|sớm hạn", re.I)
_LATE_WORDS = re.compile(r"trễ hạn|quá hạn", re.I)
_ONLINE_RULES = {"dossier_online_share", "dossier_online_count", "dossier_online_share_rank",
                 "dossier_full_online_share"}
_ON_TIME_RULES = {"on_time_rate", "dossier_on_time_count"}
# a relative change ("tăng 150% so với cùng kỳ", "gấp 2 lần") is not a level of any indicator
_GROWTH = re.compile(r"(?:tăng|giảm|gấp)(?:\s+(?:thêm|hơn|gần|khoảng|trên))?\s*$", re.I)
_GROWTH_AFTER = re.compile(r"^\s*(?:so với|lần|so cùng kỳ)", re.I)


def _nearest(left: str, right: str, families: dict[str, re.Pattern]) -> str:
    """The family of the first such word after the figure (its own noun phrase), else of the
    nearest one before it."""
    for side, dist in ((right, lambda m: m.start()), (left, lambda m: len(left) - m.end())):
        best, best_dist = "", None
        for name, rx in families.items():
            for m in rx.finditer(side):
                if best_dist is None or dist(m) < best_dist:
                    best, best_dist = name, dist(m)
        if best:
            return best
    return ""


def _guess_indicator(unit: str, left: str, right: str, sentence_left: str = "") -> tuple[str, bool]:
    """(indicator, guessed from the noun only): first rule whose patterns all match, trying the
    figure's own clause, then the words since the previous figure, then the noun alone. Rules of
    the other channel or timeliness than the nearest such word are skipped, and a relative change
    ("tăng 150% so với cùng kỳ") gets no indicator."""
    if unit == "percent" and _GROWTH.search(left) and _GROWTH_AFTER.search(right):
        return "", False
    near_all = sentence_left if len(sentence_left) > len(left) else left
    channel = _nearest(near_all, right, {"online": _ONLINE_WORDS, "offline": _OFFLINE_WORDS})
    timing = _nearest(near_all, right, {"on_time": _ON_TIME_WORDS, "late": _LATE_WORDS})
    skip = set()
    if channel == "offline":
        skip |= _ONLINE_RULES
    if timing == "on_time":
        skip.add("late_rate")
    elif timing == "late":
        skip |= _ON_TIME_RULES
    known = _known_indicators()
    near = re.split(r"[,;(]\s*|\s(?:và|trong đó)\s", left)[-1]
    if unit == "count":
        passes = [(near + " | " + right, False), (left + " | " + right, False), (right, True)]
    elif unit == "rank":
        passes = [(sentence_left + " | " + right, False)]
    else:
        passes = [(left + " | " + right, False), (sentence_left + " | " + right, False)]
    for text, generic in passes:
        for ind, units, pats in _RULES_RX:
            if unit not in units or (ind in _GENERIC) != generic:
                continue
            if (known is not None and ind not in known) or ind in skip:
                continue
            if all(p.search(right) if p.pattern.startswith("^") else p.search(text) for p in pats):
                return ind, generic
    return "", False


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=[!?…])\s+|\.{3}\s*|:\s+(?=[A-ZĐ])")
_TARGET_WORDS = re.compile(r"mục tiêu|phấn đấu|chỉ tiêu|kế hoạch đề ra|cần đạt|phải đạt", re.I)
_LINK_WORDS = re.compile(r"[,(]\s*(?:đạt|chiếm|bằng)(?:\s+tỷ lệ)?\s*$|^\s*\(\s*$|^\s*,\s*$", re.I)
_RATIO_LINK = re.compile(r"(?:đạt|chiếm|bằng)(?:\s+tỷ lệ)?\s*$", re.I)


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(paragraph):
        bounds.append((start, len(paragraph)))
    return bounds or [(0, len(paragraph))]


def _skip_paren(text: str) -> str:
    """Drop one balanced (...) group so "1.542/1.868 DVCTT (… và …) đạt 82,5%" can be linked."""
    return re.sub(r"\([^()]*\)", " ", text)


def _cells(paragraph: str) -> list[tuple[int, int]] | None:
    """(start, end) of each cell of a table row ("a | b | c", as `textio` writes .docx tables,
    or a Markdown row), or None when the paragraph is not a table row."""
    if paragraph.count("|") < 2:
        return None
    bounds, start = [], 0
    for i, ch in enumerate(paragraph):
        if ch == "|":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(paragraph)))
    return bounds


def _cell_text(paragraph: str, cell: tuple[int, int]) -> str:
    return paragraph[cell[0] : cell[1]].strip()


def _cell_of(pos: int, cells: list[tuple[int, int]]) -> int:
    return next((i for i, (a, b) in enumerate(cells) if a <= pos <= b), -1)


_PERCENT_HEADER = re.compile(r"%|tỷ lệ|tỉ lệ|phần trăm", re.I)


def _figures_in(paragraph: str, header: list[str] | None = None) -> list[dict]:
    """Raw figure tokens of one paragraph (before linking), in order. In a table row the first
    cell's row number is skipped and a column headed "Tỷ lệ (%)" makes its numbers percentages."""
    if _COUNTER_LINE.match(paragraph) and not _DOMAIN_WORD.search(paragraph):
        return []
    spans = _masked_spans(paragraph)
    cells = _cells(paragraph)
    if cells:
        first = next((c for c in cells if _cell_text(paragraph, c)), None)
        if first and re.fullmatch(r"\d{1,3}\.?|[IVX]{1,4}\.?", _cell_text(paragraph, first)):
            spans = sorted([*spans, (first[0], first[1], "list")])
    out = []
    for m in _FIGURE_RE.finditer(paragraph):
        start = m.start()
        if _is_masked(start, spans):
            continue
        a, b, pct = m.group("a"), m.group("b"), m.group("pct")
        points = bool(pct) and "điểm" in pct  # percentage points: a difference of two rates
        end = m.end("pct") if pct else m.end("b") if b is not None else m.end("a")
        nxt = paragraph[end : end + 1]
        if nxt.isalpha() or (nxt == "-" and paragraph[end + 1 : end + 2].isalpha()):
            continue  # glued to letters: a code such as 4G, H5N1
        before = paragraph[max(0, start - 25) : start]
        if re.search(r"[A-Za-zÀ-ỹĐđ]-?$", before):
            continue  # Covid-19, ĐT-01
        if b is not None and _is_masked(m.start("b"), spans) and not m.group("score"):
            # "12/2018" and the like: keep only the first number
            b, end = None, m.end("a")
            pct = None
        if b is None and not pct and re.fullmatch(r"(?:19|20)\d{2}", a) and not _COUNT_NOUN.match(
            paragraph[end:]
        ):
            continue  # a bare year
        rng = _RANGE_TAIL.match(paragraph, end) if b is None and not pct else None
        if rng and parse_number(rng.group(1)) > parse_number(a):
            end = rng.end()
        fig = {
            "start": start,
            "end": end,
            "a": a,
            "b": b,
            "pct": bool(pct) and not points,
            "qualifier": "exact",
            "unit": "count",
            "change": points or bool(_CHANGE_BEFORE.search(before)),
        }
        for rx, q in _QUALIFIERS:
            if rx.search(before):
                fig["qualifier"] = q
                break
        if rng and end == rng.end():
            fig["qualifier"] = "over"  # "200-300 hồ sơ": at least the lower bound
        if _RANK_BEFORE.search(before):
            fig["unit"] = "rank"
        elif m.group("score") and not pct:
            fig["unit"] = "score"
        elif pct:
            fig["unit"] = "percent"
        elif b is not None:
            fig["unit"] = "percent"
        mult = _MULT_RE.match(paragraph, end) if not pct and b is None else None
        fig["factor"] = 1.0
        if mult:
            fig["factor"] = _MULTIPLIERS[mult.group(1).lower()]
            fig["end"] = mult.end(1)
            if mult.group(2):
                fig["unit"] = "money_vnd"
                fig["end"] = mult.end(2)
        elif not pct and b is None and _MONEY_RE.match(paragraph, end):
            fig["unit"] = "money_vnd"
            fig["end"] = _MONEY_RE.match(paragraph, end).end(1)
        fig["evidence"] = paragraph[start : fig["end"]].strip()
        fig["cell"] = _cell_of(start, cells) if cells else -1
        if (
            header and 0 <= fig["cell"] < len(header) and fig["unit"] == "count" and not fig["change"]
            and _PERCENT_HEADER.search(header[fig["cell"]])
        ):
            fig["unit"], fig["pct"] = "percent", True
        out.append(fig)
    return out


def _values(fig: dict) -> dict[str, float | None]:
    a = parse_number(fig["a"]) * fig["factor"]
    b = parse_number(fig["b"]) if fig["b"] is not None else None
    if fig["unit"] in ("rank", "score"):
        return {"numerator": None, "denominator": b, "value": a}
    if b is not None:
        return {"numerator": a, "denominator": b, "value": None}
    return {"numerator": None, "denominator": None, "value": a}


def _next_percent(paragraph: str, figs: list[dict], i: int) -> int | None:
    """Index of the next figure after `i` that is a percentage, skipping figures in brackets."""
    depth_at: dict[int, int] = {}
    for j in range(i + 1, min(len(figs), i + 6)):
        gap = paragraph[figs[i]["end"] : figs[j]["start"]]
        depth = gap.count("(") - gap.count(")")
        depth_at[j] = depth
        if j == i + 1 and figs[j]["pct"] and figs[j]["b"] is None:
            return j
        if depth == 0 and figs[j]["pct"] and figs[j]["b"] is None:
            if all(depth_at[k] > 0 for k in range(i + 1, j)):
                return j
            return None
        if depth <= 0:
            return None
    return None


def _link(paragraph: str, figs: list[dict]) -> list[dict]:
    """Merge "X/Y …, đạt Z%", "X hồ sơ, chiếm Z%" and "Z% (… a; … b)" into single rows."""
    rows: list[dict] = []
    used: set[int] = set()
    for i, fig in enumerate(figs):
        if i in used:
            continue
        row = dict(fig)
        row["first_end"] = fig["end"]
        row.update(_values(fig))
        row.update(evidence_numerator="", evidence_denominator="", evidence_value="")
        j = _next_percent(paragraph, figs, i)
        nxt = figs[j] if j is not None and j not in used else None
        if nxt is not None and fig["unit"] in ("count", "percent") and not fig["pct"]:
            gap = paragraph[fig["end"] : nxt["start"]]
            gap_q = re.sub(r"(?:trên|hơn|gần|khoảng|xấp xỉ|dưới)\s*$", "", gap)
            flat = _skip_paren(gap_q)
            in_brackets = len(gap) <= 40 and bool(re.fullmatch(r"[^()]*\(\s*", gap_q))  # "X hồ sơ (Z%)"
            if in_brackets:
                ok = ";" not in gap and not re.search(r"[.]\s", gap)
            elif fig["b"] is not None:
                ok = len(gap) <= 110 and bool(_RATIO_LINK.search(flat.strip() + " "))
                ok = ok or bool(re.fullmatch(r"\s*[,(]?\s*", gap))
                ok = ok and not re.search(r"[.;]\s", flat)
            else:
                ok = len(gap) <= 70 and bool(_LINK_WORDS.search(gap_q)) and ";" not in gap
                ok = ok and not re.search(r"\.\s", gap)
            if ok:
                used.add(j)
                pv = parse_number(nxt["a"])
                if fig["b"] is not None:  # ratio + stated percent: the ratio is the primary evidence
                    row["evidence_value"] = nxt["evidence"]
                else:  # count + percent: the percent is the primary evidence
                    row["evidence_numerator"] = fig["evidence"]
                    row["evidence"] = nxt["evidence"]
                    row["numerator"] = row["value"]
                    if nxt["qualifier"] != "exact" or fig["qualifier"] == "exact":
                        row["qualifier"] = nxt["qualifier"]
                row["value"] = pv
                row["unit"] = "percent"
                row["end"] = nxt["end"]
        elif fig["pct"] and fig["b"] is None and i + 2 < len(figs):
            # "Z% (… là a; … là b)": two counts in a parenthesis right after the percent
            after = paragraph[fig["end"] :]
            pm = re.match(r"\s*\(([^()]*)\)", after)
            if pm:
                inner_end = fig["end"] + pm.end()
                a, b = figs[i + 1], figs[i + 2]
                inside = [f for f in figs[i + 1 :] if f["start"] < inner_end]
                if (
                    len(inside) == 2
                    and not a["pct"] and not b["pct"] and a["b"] is None and b["b"] is None
                    and a["unit"] == b["unit"] == "count"
                    and parse_number(a["a"]) <= parse_number(b["a"])
                ):
                    used.update({i + 1, i + 2})
                    row["numerator"], row["denominator"] = parse_number(a["a"]), parse_number(b["a"])
                    row["evidence_numerator"], row["evidence_denominator"] = a["evidence"], b["evidence"]
        rows.append(row)
    return rows


def _context(
    paragraph: str, row: dict, sent: tuple[int, int], prev_end: int, next_start: int
) -> tuple[str, str]:
    """Words before the figure (since the previous figure) and after it (up to the clause end)."""
    left = paragraph[max(sent[0], prev_end) : row["start"]]
    right = paragraph[row["first_end"] : min(sent[1], next_start, row["end"] + 60)]
    tail_start = row["end"] - row["first_end"]
    cut = re.search(r"[,;:]\s(?!\d|mức độ|đơn vị)|\s(?:trong đó|và)\s(?!\d|mức độ)", right[max(tail_start, 0) :])
    if cut:
        right = right[: max(tail_start, 0) + cut.start()]
    return left, right


_LIST_ITEM = re.compile(r"^\s*(?:[-•+–*]|\d{1,2}[.)]|[a-zđ]\))\s+")
_ITEM_LABEL = re.compile(r"^\s*(?:[-•+–*]|\d{1,2}[.)]|[a-zđ]\))\s+(?:lĩnh vực\s+)?([^:]{2,60}?)\s*:", re.I)
_LEVEL_COMPONENT = {"cấp tỉnh": "cap_tinh", "cấp huyện": "cap_huyen", "cấp xã": "cap_xa"}


def _noun(right: str) -> str:
    """The counted noun after a number ("thủ tục", "hồ sơ", "đơn vị"), "" when none follows."""
    m = re.match(r"\s*([^\W\d_]+(?: [^\W\d_]+)?)", right)
    if not m or re.match(r"(?:và|là|của|trong|tại|với|hoặc)\b", m.group(1)):
        return ""
    return m.group(1).lower()


def _component(para: str, row: dict, left: str, right: str, indicator: str, is_item: bool) -> str:
    """Label of the breakdown part a figure belongs to ("" for totals)."""
    if is_item:
        m = _ITEM_LABEL.match(para)
        if m and m.end() <= row["start"]:
            return m.group(1).strip()
    m = re.search(r"(cấp tỉnh|cấp huyện|cấp xã)\s+(?:là\s+|có\s+)?$", left, re.I)
    if m:
        return _LEVEL_COMPONENT[m.group(1).lower()]
    if indicator == "dvctt_full_count":
        return "toan_trinh"
    if indicator == "dvctt_partial_count":
        return "mot_phan"
    if indicator == "dvctt_level34_count":
        return "muc_do_3_4"
    m = re.match(r"\W*hồ sơ\s+(?:nộp\s+)?(?:trực tuyến\s+)?mức độ ([34])(?![,\d])", right)
    if m:
        return f"muc_do_{m.group(1)}"
    return ""


def _confidence(row: dict) -> float:
    score = 0.45
    if row["indicator"]:
        score += 0.25
    if row["period_start"]:
        score += 0.1
    if row["unit"] in ("percent", "rank", "money_vnd") or row["evidence_numerator"] or row["evidence_value"]:
        score += 0.1
    if row["evidence_numerator"] or row["evidence_value"] or row["evidence_denominator"]:
        score += 0.05
    if row["unit"] == "count" and not row["indicator"]:
        score -= 0.15
    return round(min(score, 0.95), 2)


def _fmt_date(d: _dt.date | None) -> str:
    return d.isoformat() if d else ""


def extract_text(
    text: str, *, source_id: str | None = None, doc_date: str | _dt.date | None = None
) -> pd.DataFrame:
    """Return one row per figure in `text` (paragraph = non-empty line, numbered from 1).

    `doc_date` (ISO text or date) is the document's own date, used as an "as of" period when a
    sentence states none; when omitted, a dateline near the top ("Thứ năm, ngày 02/01/2025")
    is used if present. Rows are sorted by position (paragraph, then offset in the paragraph).
    """

    from .textio import split_paragraphs

    paragraphs = split_paragraphs(text or "")
    if isinstance(doc_date, str) and doc_date.strip():
        doc_date = _dt.date.fromisoformat(doc_date.strip()[:10])
    elif not isinstance(doc_date, _dt.date):
        doc_date = _document_date(paragraphs)
    year_hint = doc_date.year if doc_date else None
    first_pass = [_find_periods(p, year_hint) for p in paragraphs]
    ref_date = _reference_date(paragraphs, doc_date, first_pass)
    if ref_date is not None and year_hint is None:
        year_hint = ref_date.year
    doc_province = _dominant(c for p in paragraphs for c in _provinces_in(p))
    doc_unit = ("", "province")
    title_district = _DISTRICT.search(paragraphs[0]) if paragraphs else None
    if title_district is None and paragraphs:
        m = re.search(r"(?<!\w)(HUYỆN|THỊ XÃ|QUẬN) ([A-ZĐÀ-Ỹ]+(?: [A-ZĐÀ-Ỹ]+)?)", paragraphs[0])
        if m:
            doc_unit = (f"{m.group(1).lower()} {m.group(2).title()}", "district")
    elif title_district is not None:
        doc_unit = (title_district.group(1), "district")

    records: list[dict] = []
    list_parent, parent_period = "", None
    header: list[str] | None = None
    for number, para in enumerate(paragraphs, start=1):
        cells = _cells(para)
        if cells is None:
            header = None
        figs = _figures_in(para, header)
        if cells is not None and not figs and not re.fullmatch(r"[\s|:\-]+", para):
            header = [_cell_text(para, c) for c in cells]  # a table's header row
        if not figs:
            continue
        rows = _link(para, figs)
        is_item = bool(_LIST_ITEM.match(para))
        label = ""
        if cells is not None:  # the row's label: its first cell with letters
            texts = [_cell_text(para, c) for c in cells]
            label = next((t for t in texts if re.search(r"[^\W\d_]", t)), "")
        prev_row, prev_noun = None, ""
        sents = _sentences(para)
        if ref_date is None or not _NEEDS_REF.search(para):
            periods = first_pass[number - 1]
        else:
            periods = _find_periods(para, year_hint, ref_date)
        usable = [p for p in periods if not p["comparison"]]
        para_matches = _province_matches(para)
        para_province = _dominant(code for _, code in para_matches)
        prev_end = 0
        starts = sorted(r["start"] for r in rows)
        ends = sorted(f["end"] for f in figs)
        for row in rows:
            next_start = next((p for p in starts if p > row["start"]), len(para))
            sent = next((s for s in sents if s[0] <= row["start"] < s[1] + 1), (0, len(para)))
            sentence = para[sent[0] : sent[1]].strip()
            # period: last mention before the figure in its sentence, else first after it,
            # else the last mention earlier in the paragraph, else the document's date
            in_sent = [p for p in usable if sent[0] <= p["pos"] < sent[1]]
            strong = [p for p in in_sent if not p["weak"]]
            weak = [p for p in in_sent if p["weak"]]
            prev_end = max((e for e in ends if e <= row["start"]), default=0)
            semi = para.rfind("; ", sent[0], row["start"])
            clause_start = max(prev_end, sent[0], semi + 2 if semi >= 0 else 0)
            clause = [p for p in strong if clause_start <= p["pos"] < row["start"]]
            before = [p for p in strong if p["pos"] < row["start"]]
            after = [p for p in strong if p["pos"] > row["start"]]
            earlier = [p for p in usable if p["pos"] < sent[0] and not p["weak"]]
            period = (clause[-1] if clause else before[0] if before else after[0] if after
                      else weak[-1] if weak else earlier[0] if earlier else None)
            if period is None and is_item and parent_period:
                period = parent_period
            if period is None and ref_date is not None:
                period = {"start": ref_date, "stop": ref_date,
                          "label": f"đến {ref_date:%d/%m/%Y} (ước đoán)"}
            province = (
                _dominant(code for pos, code in para_matches if sent[0] <= pos < sent[1])
                or para_province or doc_province
            )
            unit_name, admin_level = _unit_of(sentence, doc_unit)
            if cells is not None and label:
                found = _unit_of(label, ("", ""))
                if found[0]:
                    unit_name, admin_level = found
            left, right = _context(para, row, sent, prev_end, next_start)
            if cells is not None:  # a table cell: its column header and row label are the context
                column = header[row["cell"]] if header and 0 <= row["cell"] < len(header) else ""
                left = f"{label} | {column}"
                if row["unit"] == "percent" and header:
                    left += " | " + " | ".join(header)  # "Tỷ lệ (%)" is a share of the other columns
                right = re.sub(r"^\W*(?:tổng\s+)?(?:số\s+lượng|số)\s+", "", column, flags=re.I)
            clause_left = re.split(r";\s", para[sent[0] : row["start"]])[-1]
            indicator, generic = _guess_indicator(row["unit"], left, right, clause_left)
            if row["unit"] == "count" and (generic or not indicator):
                # parts of an enumeration share the indicator of the figure they follow
                if prev_row is not None and prev_row["unit"] == "count" and prev_row["indicator"] \
                        and not re.search(r"[.!?]\s", para[prev_row["offset"] : row["start"]]) \
                        and _noun(right) in ("", prev_noun):
                    indicator = prev_row["indicator"]
                elif is_item and list_parent:
                    indicator = list_parent
            component = _component(para, row, left, right, indicator, is_item)
            if cells is not None and label and not component and label != unit_name:
                component = label
            qualifier = row["qualifier"]
            if qualifier == "under" and re.search(r"không có\b.*\bnào\s+(?:dưới|thấp hơn)\s*$", left, re.I):
                qualifier = "over"  # "no unit below 90%": the lowest is at least 90%
            kind = (
                "target" if _TARGET_WORDS.search(para[sent[0] : row["start"]])
                else "change" if row["change"] else "observation"
            )
            when = period["stop"] if period else doc_date
            prov_map = _map_for(when)
            if province and prov_map == "34":
                province = _new_code(province)
            rec = {
                "source_id": source_id or "",
                "paragraph": number,
                "offset": row["start"],
                "province_code": province,
                "map": prov_map if province else "",
                "unit_name": unit_name,
                "admin_level": admin_level,
                "indicator": indicator,
                "component": component,
                "period_start": _fmt_date(period["start"]) if period else "",
                "period_end": _fmt_date(period["stop"]) if period else "",
                "period_label": period["label"] if period else "",
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "value": row["value"],
                "qualifier": qualifier,
                "evidence": row["evidence"],
                "evidence_numerator": row["evidence_numerator"],
                "evidence_denominator": row["evidence_denominator"],
                "evidence_value": row["evidence_value"],
                "unit": row["unit"],
                "kind": kind,
                "sentence": sentence,
            }
            rec["confidence"] = _confidence(rec)
            records.append(rec)
            prev_row, prev_noun = rec, (_noun(right) or prev_noun)
        if not is_item:
            first = next((r for r in records if r["paragraph"] == number and r["unit"] == "count"
                          and r["indicator"]), None)
            intro = bool(first) and para.rstrip().endswith(":")
            list_parent = first["indicator"] if intro else ""
            parent_period = (
                {"start": _dt.date.fromisoformat(first["period_start"]),
                 "stop": _dt.date.fromisoformat(first["period_end"]), "label": first["period_label"]}
                if intro and first["period_start"] else None
            )
    return _frame(records)


def _frame(records: list[dict]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    for col in _NUMERIC:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["paragraph"] = df["paragraph"].astype("int64")
    df["offset"] = df["offset"].astype("int64")
    for col in COLUMNS:
        if col not in _NUMERIC and col not in ("paragraph", "offset"):
            df[col] = df[col].astype("object").where(df[col].notna(), "").astype(str)
    return df.sort_values(["paragraph", "offset"], kind="stable").reset_index(drop=True)


def extract_file(path: str | Path, *, source_id: str | None = None) -> pd.DataFrame:
    """Read a .txt/.md/.docx/.pdf report and return its figures (see `extract_text`).

    `source_id` defaults to the file's stem. Unreadable input raises `UserDataError` with one
    bilingual sentence (missing, empty, binary or non-UTF-8 file).
    """
    from .textio import read_text

    path = Path(path)
    text = read_text(path)
    return extract_text(text, source_id=source_id if source_id is not None else path.stem)


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write extracted figures as CSV in UTF-8 with BOM (opens cleanly in Excel); return the path."""
    path = Path(path)
    out = df if len(df.columns) else df.reindex(columns=COLUMNS)
    out.to_csv(path, index=False, encoding="utf-8-sig", float_format="%.10g")
    return path


# ---------------------------------------------------------------------------------------------
# Evaluation against the curated observations
# ---------------------------------------------------------------------------------------------

_EVIDENCE_COLS = ("evidence", "evidence_numerator", "evidence_denominator", "evidence_value")


def _norm_evidence(text) -> str:
    text = "" if text is None else str(text)
    if text.lower() == "nan":
        return ""
    return re.sub(r"\s+", "", text)


def _numbers_of(row) -> set[float]:
    nums: set[float] = set()
    for col in _EVIDENCE_COLS:
        ev = _norm_evidence(row.get(col, ""))
        for n in _NUM_RE.findall(ev):
            nums.add(round(parse_number(n), 6))
    for col in ("numerator", "denominator", "value"):
        v = row.get(col)
        try:
            if v is not None and v == v and str(v) != "":
                nums.add(round(float(v), 6))
        except (TypeError, ValueError):
            pass
    return nums


def _evidence_set(row: dict) -> set[str]:
    """Evidence strings of a row, with both sides of a ratio ("1.542/1.868" → "1.542", "1.868")."""
    out = {_norm_evidence(row.get(c)) for c in _EVIDENCE_COLS} - {""}
    for ev in list(out):
        if "/" in ev and "%" not in ev:
            out.update(part for part in ev.split("/") if part)
    return out


def _same_figure(found: dict, curated: dict) -> bool:
    """Same evidence (any evidence column, or one side of a ratio) or the same parsed
    value/numerator/denominator."""
    fe = _evidence_set(found)
    ce = {_norm_evidence(curated.get(c)) for c in _EVIDENCE_COLS} - {""}
    if fe & ce:
        return True
    fields = [c for c in ("value", "numerator", "denominator") if _present(curated.get(c))]
    if fields and all(
        _present(found.get(c)) and abs(float(found[c]) - float(curated[c])) < 1e-6 for c in fields
    ):
        return True
    return False


def _agreement(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for col in ("indicator", "province_code", "period_start", "period_end", "qualifier", "unit_name"):
        same = [
            str(found.get(col, "") or "").strip() == str(cur.get(col, "") or "").strip()
            for found, cur in pairs
            if col in cur
        ]
        out[col] = sum(same) / len(same) if same else float("nan")
    return out


def _present(v) -> bool:
    if v is None:
        return False
    try:
        return float(v) == float(v)
    except (TypeError, ValueError):
        return False


def _read_curated(name: str) -> pd.DataFrame:
    import pandas as pd

    from ._resources import data_path

    node = data_path(name)
    if not node.is_file():
        return pd.DataFrame()
    with node.open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    for col in ("numerator", "denominator", "value"):
        if col in df:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


def evaluate(seeds_dir: str | Path, observations: pd.DataFrame | None = None) -> dict:
    """Compare extraction on the source texts in `seeds_dir` with the curated observations.

    Returns a dict with
    - ``recall``: share of curated figures (data/observations.csv) found, i.e. some extracted row
      of the same source and paragraph has the same evidence (any evidence column) or the same
      parsed value/numerator/denominator;
    - ``non_figure_share``: share of extracted rows that match no curated figure, neither an
      observation nor a target (data/targets.csv) of the same paragraph. This is a strict upper
      bound on "numbers that are not figures": every unmatched row counts, whether it is a date,
      a document number, list numbering, or a real figure the curated set leaves out;
    - ``missed`` (curated rows not found), ``unmatched`` (extracted rows matching nothing),
      ``extracted`` (all rows), ``n_curated``, ``n_extracted``;
    - ``agreement``: for the curated figures found, the share whose guessed indicator, province,
      period start/end, qualifier and unit name equal the curated ones.
    """
    import pandas as pd

    seeds = Path(seeds_dir)
    curated = observations if observations is not None else _read_curated("observations.csv")
    targets = _read_curated("targets.csv")
    if "source_id" in targets and "paragraph" in targets:
        targets = targets[targets["source_id"].astype(str).str.len() > 0]
    frames = []
    sources = sorted(set(curated["source_id"])) if len(curated) else []
    for path in sorted(seeds.glob("*.txt")):
        if sources and path.stem not in sources:
            continue
        frames.append(extract_file(path, source_id=path.stem))
    extracted = pd.concat(frames, ignore_index=True) if frames else _frame([])

    def by_key(df: pd.DataFrame) -> dict[tuple[str, int], list[dict]]:
        out: dict[tuple[str, int], list[dict]] = {}
        for rec in df.to_dict("records"):
            try:
                key = (str(rec["source_id"]), int(float(rec["paragraph"])))
            except (TypeError, ValueError):
                continue
            out.setdefault(key, []).append(rec)
        return out

    ext_by = by_key(extracted)
    found_flags = []
    pairs: list[tuple[dict, dict]] = []
    for rec in curated.to_dict("records"):
        try:
            key = (str(rec["source_id"]), int(float(rec["paragraph"])))
        except (TypeError, ValueError):  # a curated row without a paragraph cannot be found
            key = ("", -1)
        hits = [e for e in ext_by.get(key, []) if _same_figure(e, rec)]
        found_flags.append(bool(hits))
        if hits:
            primary = _norm_evidence(rec.get("evidence"))
            best = next((e for e in hits if _norm_evidence(e["evidence"]) == primary), hits[0])
            pairs.append((best, rec))
    found_flags_s = pd.Series(found_flags, index=curated.index, dtype=bool)
    reference = pd.concat([curated, targets], ignore_index=True) if len(targets) else curated
    ref_by = by_key(reference)
    matched = []
    for rec in extracted.to_dict("records"):
        key = (str(rec["source_id"]), int(rec["paragraph"]))
        matched.append(any(_same_figure(rec, c) for c in ref_by.get(key, [])))
    matched_s = pd.Series(matched, index=extracted.index, dtype=bool)
    n_cur, n_ext = len(curated), len(extracted)
    return {
        "recall": float(found_flags_s.mean()) if n_cur else float("nan"),
        "non_figure_share": float((~matched_s).mean()) if n_ext else 0.0,
        "n_curated": n_cur,
        "n_extracted": n_ext,
        "agreement": _agreement(pairs),
        "missed": curated[~found_flags_s],
        "unmatched": extracted[~matched_s],
        "extracted": extracted,
    }
