"""One period vocabulary: a spreadsheet cell and a sentence naming the same period read the same dates.

The sentences are written for these tests; none is taken from the source reports.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_analysis.extract import extract_text
from dvc_analysis.intake.cells import parse_period
from dvc_analysis.text import periods

SHARED = [
    ("quý III/2021", "2021-07-01", "2021-09-30"),
    ("quý IV/2020", "2020-10-01", "2020-12-31"),
    ("quý 2 năm 2022", "2022-04-01", "2022-06-30"),
    ("quý I năm 2023", "2023-01-01", "2023-03-31"),
    ("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"),
    ("6 tháng cuối năm 2024", "2024-07-01", "2024-12-31"),
    ("9 tháng đầu năm 2022", "2022-01-01", "2022-09-30"),
    ("3 tháng cuối năm 2023", "2023-10-01", "2023-12-31"),
    ("tháng 2/2024", "2024-02-01", "2024-02-29"),
    ("tháng 11 năm 2019", "2019-11-01", "2019-11-30"),
    ("năm 2020", "2020-01-01", "2020-12-31"),
]


@pytest.mark.parametrize(("label", "start", "end"), SHARED)
def test_a_cell_reads_the_shared_period(label, start, end):
    assert parse_period(label) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize(("label", "start", "end"), SHARED)
def test_a_sentence_reads_the_same_period(label, start, end):
    df = extract_text(f"Trong {label}, tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,4%.")
    assert len(df) == 1, df.to_string()
    assert (df.loc[0, "period_start"], df.loc[0, "period_end"]) == (start, end)


@pytest.mark.parametrize(("token", "q"), [("1", 1), ("4", 4), ("I", 1), ("ii", 2), ("III", 3), ("IV", 4),
                                          ("0", None), ("5", None), ("V", None), ("IIII", None), ("", None)])
def test_quarter_tokens(token, q):
    assert periods.quarter_number(token) == q


@pytest.mark.parametrize("year", [1999, 2101, 1890])
def test_a_year_outside_2000_2100_is_no_period_of_a_sentence(year):
    assert not periods.year_in_range(year)
    df = extract_text(f"Năm {year}, tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,4%.")
    assert not any(str(s).startswith(str(year)) for s in df["period_start"]), df.to_string()


@pytest.mark.parametrize("year", [2000, 2100])
def test_the_bounds_are_years_of_both(year):
    assert periods.year_in_range(year)
    assert parse_period(f"năm {year}") == periods.whole_year(year)
    df = extract_text(f"Trong quý 1 năm {year}, tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,4%.")
    assert df.loc[0, "period_start"] == f"{year}-01-01"
