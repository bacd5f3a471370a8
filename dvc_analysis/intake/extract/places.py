"""Provinces (with the map of the period) and reporting units named in a report."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable

# ---------------------------------------------------------------------------------------------
# Provinces and reporting units
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern, dict[str, str]]:
    """Names (and written variants) of the 63 pre-2025 provinces → code, as one pattern."""
    from ...evidence.provinces import load_aliases, load_provinces

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


@functools.lru_cache(maxsize=256)
def _map_for(when: _dt.date | None) -> str:
    """The province map a figure's code belongs to: "63" before 1 July 2025, "34" from then on
    (by the end of the figure's period, else the document's date; "63" when neither is known)."""
    from ...evidence.provinces import map_for_date

    return map_for_date(when) if when is not None else "63"


@functools.lru_cache(maxsize=128)
def _new_code(old: str) -> str:
    """The 34-map code of the province a pre-2025 province became part of."""
    from ...evidence.provinces import new_code

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

