"""Numbers as Vietnamese reports write them: parsing, qualifiers, multipliers, ranges."""

from __future__ import annotations

import re

from ...evidence.validate import parse_evidence as _load_parse_evidence
from ...text.numbers import parse_vn_number

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# Vietnamese: "." groups thousands, "," marks decimals. "2.5" (not three digits) is read as a decimal.
# "0.4944": a leading zero is never a thousands group, so the dot is a decimal point
_NUM = r"0\.\d+(?!\d|\.\d)|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|\.\d)|\d+,\d+|\d+\.\d{1,2}(?!\d|\.\d)|\d+"  # "15.364." ends a sentence
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

