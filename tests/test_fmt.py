"""Vietnamese and English formatting of numbers, percentages and reporting periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_analysis.errors import UsageError
from dvc_analysis.fmt import fmt_number, fmt_percent, fmt_pp, period_kind, period_label


def test_numbers_use_vietnamese_separators():
    assert fmt_number(1542) == "1.542"
    assert fmt_number(219856) == "219.856"
    assert fmt_number(983174.0) == "983.174"
    assert fmt_number(1542, lang="en") == "1,542"
    assert fmt_number(86.94, 2) == "86,94"
    assert fmt_number(1234567.891, 1, lang="en") == "1,234,567.9"
    assert fmt_number(86.90, None) == "86,9"
    assert fmt_number(-2191) == "-2.191"
    assert fmt_number(-0.001, 2) == "0,00"


def test_missing_numbers_show_a_dash():
    assert fmt_number(None) == "–"
    assert fmt_percent(float("nan")) == "–"
    assert fmt_pp(float("nan"), na="N/A") == "N/A"


def test_percentages():
    assert fmt_percent(99.74) == "99,74%"
    assert fmt_percent(82.5) == "82,5%"
    assert fmt_percent(100) == "100%"
    assert fmt_percent(43.3673, 1) == "43,4%"
    assert fmt_percent(43.3673, 2, lang="en") == "43.37%"
    assert fmt_percent(19.5, 2) == "19,50%"
    assert fmt_percent(12.22, space=True) == "12,22 %"


def test_percentage_points():
    assert fmt_pp(3.46) == "+3,5 điểm phần trăm"
    assert fmt_pp(-2.75, 2, lang="en") == "-2.75 percentage points"
    assert fmt_pp(1, 0, lang="en") == "+1 percentage point"
    assert fmt_pp(0.04, short=True) == "0,0 đpt"
    assert fmt_pp(7.06, lang="en", short=True, sign=False) == "7.1 pp"


@pytest.mark.parametrize(
    ("start", "end", "vi", "en"),
    [
        ("2021-07-01", "2021-09-30", "quý 3/2021", "Q3 2021"),
        ("2021-01-01", "2021-09-30", "9 tháng đầu năm 2021", "first 9 months of 2021"),
        ("2024-01-01", "2024-06-30", "6 tháng đầu năm 2024", "first 6 months of 2024"),
        ("2024-01-01", "2024-12-31", "năm 2024", "2024"),
        ("2024-01-01", "2024-12-18", "1/1–18/12/2024", "1 Jan–18 Dec 2024"),
        ("2023-03-01", "2023-03-31", "tháng 3/2023", "March 2023"),
        ("2024-02-01", "2024-02-29", "tháng 2/2024", "February 2024"),
        ("2021-09-15", "2021-09-15", "đến 15/9/2021", "as of 15 Sep 2021"),
        ("2018-11-16", "2019-02-15", "16/11/2018–15/2/2019", "16 Nov 2018–15 Feb 2019"),
        ("2022-01-01", "2022-03-18", "1/1–18/3/2022", "1 Jan–18 Mar 2022"),
        ("2021-01-01", "2021-03-31", "quý 1/2021", "Q1 2021"),
    ],
)
def test_period_labels(start, end, vi, en):
    assert period_label(start, end) == vi
    assert period_label(start, end, lang="en") == en


def test_period_label_accepts_dates_and_timestamps():
    pd = pytest.importorskip("pandas")
    assert period_label(dt.date(2021, 7, 1), pd.Timestamp("2021-09-30")) == "quý 3/2021"
    assert period_label(dt.datetime(2021, 9, 15)) == "đến 15/9/2021"
    assert period_label(None, "2021-09-15") == "đến 15/9/2021"
    assert period_label(None, None) == ""
    assert period_label(pd.NaT, pd.NaT) == ""


def test_period_label_kinds():
    assert period_label("2024-01-01", "2024-12-31", kind="range") == "1/1–31/12/2024"
    assert period_label("2024-01-01", "2024-12-31", kind="as_of") == "đến 31/12/2024"
    assert period_kind("2021-07-01", "2021-09-30") == "quarter"
    assert period_kind("2021-09-15", "2021-09-15") == "as_of"
    assert period_kind("2022-01-01", "2022-03-03") == "days"


def test_bad_arguments_are_usage_errors():
    with pytest.raises(UsageError):
        period_label("2024-12-31", "2024-01-01")
    with pytest.raises(UsageError):
        period_label("31/12/2024", "2024-12-31")
    with pytest.raises(UsageError):
        fmt_number(1, lang="fr")
    with pytest.raises(UsageError):
        period_label("2024-01-01", "2024-12-31", kind="weekly")


def _parse_vi(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip(n):
    assert _parse_vi(fmt_number(n)) == n
    assert float(fmt_number(n, lang="en").replace(",", "")) == n


@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.integers(0, 4))
def test_percent_round_trip(x, d):
    text = fmt_percent(x, d)
    assert text.endswith("%")
    assert abs(_parse_vi(text[:-1]) - x) <= 0.5 * 10**-d + 1e-9


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(0, 800)
)
def test_every_period_gets_a_label_with_its_year(start, days):
    end = start + dt.timedelta(days=days)
    label = period_label(start, end)
    assert str(end.year) in label
    assert str(end.year) in period_label(start, end, lang="en")
