"""The evidence schema: observation columns, required fields, units, qualifiers, levels."""

from __future__ import annotations

#: Columns of data/observations.csv, in order (the last two are optional extensions).
OBS_COLUMNS = [
    "obs_id", "source_id", "paragraph", "province_code", "unit_name", "admin_level", "indicator",
    "component", "period_start", "period_end", "period_label", "numerator", "denominator", "value",
    "qualifier", "evidence", "evidence_numerator", "evidence_denominator", "evidence_value",
    "part_of", "note", "qualifier_denominator", "count_of",
]


#: Columns a file must have; the others are added empty when absent.
REQUIRED_COLUMNS = [
    "obs_id", "source_id", "province_code", "indicator", "period_start", "period_end",
    "numerator", "denominator", "value", "evidence",
]


PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "reason_vi", "reason_en"]


QUALIFIERS = ("exact", "over", "under", "about")


ADMIN_LEVELS = ("province", "agency", "district", "commune")


UNITS = ("percent", "count", "rank", "score", "money_vnd")


_NUMBER_COLUMNS = ("numerator", "denominator", "value")


_TEXT_COLUMNS = [c for c in OBS_COLUMNS if c not in (*_NUMBER_COLUMNS, "paragraph", "period_start", "period_end")]
