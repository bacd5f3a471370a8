"""The province and the reporting period a document's heading names ("UBND TỈNH HÀ TĨNH", "quý III/2024")."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.periods import year_in_range

#: how many leading paragraphs count as the document's heading
HEADING_LINES = 8

# issuing-body lines of an official letterhead: the province follows TỈNH / THÀNH PHỐ
_AUTHORITY = re.compile(
    r"^\s*(?:(?:ủy|uỷ) ban nhân dân|ubnd|hđnd|hội đồng nhân dân|văn phòng ubnd|"
    r"sở [\w\s&,.-]{2,60}?|ban [\w\s&,.-]{2,60}?|trung tâm [\w\s&,.-]{2,60}?)?\s*"
    r"(?:tỉnh|thành phố|tp\.?)\s+(?P<name>[^\n,;:()\d]{2,40}?)\s*$",
    re.IGNORECASE,
)
# "Báo cáo ... quý III/2024", "6 tháng đầu năm 2024", "tháng 9/2024", "năm 2024"
_PERIOD = re.compile(
    r"(?P<p>(?:quý|quí)\s+(?:[1-4]|i{1,3}|iv)\s*(?:/|năm)\s*\d{4}"
    r"|(?:6|sáu|9|chín)\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}"
    r"|năm\s+\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocPeriod:
    """A period named by a document's heading: first and last day, and the words as written."""

    start: _dt.date
    end: _dt.date
    label: str


def _heading(paragraphs: Sequence[str], lines: int) -> list[str]:
    return [p.strip() for p in paragraphs[:lines] if p and p.strip()]


def heading_province(paragraphs: Sequence[str], *, lines: int = HEADING_LINES) -> str | None:
    """The province code a letterhead names, e.g. "UBND TỈNH HÀ TĨNH" → "42".

    Only lines that consist of an issuing body and a province (the letterhead of official
    documents) count, so a province merely mentioned in the title is not taken for the author.

    Parameters
    ----------
    paragraphs : sequence of str
        The document's paragraphs, in order.
    lines : int
        How many leading paragraphs to look at.

    Returns
    -------
    str or None
        The two-digit code (63-province map for names that existed before 7/2025, else the
        34-province map), or None when no heading line names a known province.

    Examples
    --------
    >>> heading_province(["UBND TỈNH HÀ TĨNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BC-STTTT"])
    '42'
    """
    from ..errors import UserDataError
    from ..evidence.provinces import resolve

    for line in _heading(paragraphs, lines):
        for part in re.split(r"\s{2,}|\t|\|", line):  # two letterhead columns on one line
            m = _AUTHORITY.match(part.strip())
            if not m:
                continue
            name = m.group("name").strip(" .-")
            for map_ in ("63", "34"):
                try:
                    return resolve(name, map_)
                except UserDataError:
                    continue
    return None


def heading_period(paragraphs: Sequence[str], *, lines: int = HEADING_LINES) -> DocPeriod | None:
    """The reporting period named in the heading, e.g. "Báo cáo ... quý III/2024".

    The first period phrase of the heading lines wins; datelines ("Hà Tĩnh, ngày 5 tháng 10
    năm 2024") are skipped because they date the document, not the figures.

    Parameters
    ----------
    paragraphs : sequence of str
        The document's paragraphs, in order.
    lines : int
        How many leading paragraphs to look at.

    Returns
    -------
    DocPeriod or None

    Examples
    --------
    >>> p = heading_period(["UBND TỈNH HÀ TĨNH", "BÁO CÁO Kết quả giải quyết TTHC quý III/2024"])
    >>> (p.start.isoformat(), p.end.isoformat(), p.label)
    ('2024-07-01', '2024-09-30', 'quý III/2024')
    """
    from .cells import parse_period

    for line in _heading(paragraphs, lines):
        if re.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", line, re.IGNORECASE):
            continue
        for m in _PERIOD.finditer(line):
            text = re.sub(r"\s+", " ", m.group("p")).strip()
            words = text.lower().replace("sáu", "6").replace("chín", "9").replace("quí", "quý")
            try:
                start, end = parse_period(words)
            except ValueError:
                continue
            if not (year_in_range(start.year) and year_in_range(end.year)):
                continue  # the accepted years (2000–2100), as for cells and sentences
            label = text.lower() if text.upper() == text else text[0].lower() + text[1:]
            return DocPeriod(start, end, label)
    return None


__all__ = ["DocPeriod", "HEADING_LINES", "heading_period", "heading_province"]
