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
chiếm Z%" (evidence Z%, evidence_numerator X) and "Z% (… a; … b)" (numerator a, denominator b). In
"X hồ sơ, chiếm Z%" the count X is also a row of its own (unit count), labelled from its own words
and, when they name nothing, as the count the rate is made of.
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

from .core import COLUMNS, extract_file, extract_text, write_csv
from .evaluate import evaluate
from .numbers import parse_evidence, parse_number

__all__ = ["COLUMNS", "evaluate", "extract_file", "extract_text", "parse_evidence", "parse_number", "write_csv"]
