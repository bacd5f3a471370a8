"""Hostile-cell fuzz of the importer: every non-empty row is accepted or rejected, nothing else.

Cells are drawn from what breaks importers: years far outside the supported range (01/01/0224),
400-digit numbers, formula text, carriage returns and line feeds inside cells, very long text,
control characters and arbitrary Unicode. Each example is written as CSV or .xlsx and read back;
the run is reproducible (derandomize) and bounded (max_examples), so CI runs the same cases.
"""

from __future__ import annotations

import csv
import re
import signal
from contextlib import contextmanager

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dvc_analysis._safeio import write_csv
from dvc_analysis.errors import UserDataError
from dvc_analysis.intake.userfile import read_user_file

HEADER = ["tỉnh", "chỉ tiêu", "từ ngày", "đến ngày", "giá trị", "tử số", "mẫu số", "nguồn"]
PROVINCES = ["Đà Nẵng", "Hà Nội", "TP.HCM", "Thừa Thiên - Huế", "Atlantis", "=cmd|' /C calc'!A0"]
INDICATORS = ["on_time_rate", "tthc_online_share", "dossier_received_count", "no_such", "@SUM(1)"]
FUZZ_CSV_EXAMPLES = 150
FUZZ_XLSX_EXAMPLES = 40

years = st.one_of(st.integers(2000, 2030), st.integers(0, 9999))
dates = st.one_of(
    st.builds(lambda d, m, y: f"{d:02d}/{m:02d}/{y:04d}", st.integers(0, 32), st.integers(0, 13), years),
    st.builds(str, years),
    st.builds(lambda m, y: f"{m}/{y}", st.integers(0, 13), years),
    st.just(""),
    st.text(max_size=12),
)
numbers = st.one_of(
    st.integers(-10**6, 10**9).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda x: f"{x}".replace(".", ",")),
    st.builds(lambda a, b: f"{a},{b}%", st.integers(0, 200), st.integers(0, 99)),
    st.integers(16, 400).map(lambda n: "9" * n),  # longer than a float holds
    st.sampled_from(["trên 1.800", "khoảng 5", "—", "-", "n/a", "=1+2", "+1", "-2+3", "1/2"]),
    st.just(""),
)
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["=HYPERLINK(\"x\")", "a\rb", "dòng 1\ndòng 2", "\tTAB", "@x", "\x00\x07"]),
    st.integers(30_000, 140_000).map(lambda n: "x" * n),  # over the cell limit, over csv's default
)
rows_strategy = st.lists(
    st.tuples(st.one_of(st.sampled_from(PROVINCES), texts), st.one_of(st.sampled_from(INDICATORS), texts),
              dates, dates, numbers, numbers, numbers, texts).map(list),
    min_size=1, max_size=12,
)


@contextmanager
def _no_hang(seconds: int = 60):
    """Fail instead of hanging: SIGALRM interrupts an example that runs too long."""
    def stop(*_):
        raise TimeoutError(f"one example took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check(path, expected_rows: set[int], tmp_path) -> None:
    with _no_hang():
        try:
            acc, rej, _ = read_user_file(path)
        except UserDataError as exc:  # only file-level refusals, with the file named
            assert path.name in exc.en and exc.vi
            return
    seen = [int(r) for r in acc["row"]] + [int(r) for r in rej["row"]]
    assert len(acc) + len(rej) == len(expected_rows)  # accepted + rejected = input rows
    assert set(seen) == expected_rows  # each row exactly once
    assert rej["reason_vi"].str.len().gt(0).all() and rej["reason_en"].str.len().gt(0).all()
    # the list of rejected rows survives the trip through CSV: one record per row, no live formula
    back_path = write_csv(rej, tmp_path / "rejected.csv")
    with back_path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert len(back) == len(rej) + 1
    live = [f for r in back for f in r if f and f[0] in "=+-@\t\r" and f != "-"
            and not re.fullmatch(r"[+\-]?\d[\d.,\s]*%?", f)]
    assert not live


@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(max_examples=FUZZ_CSV_EXAMPLES, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rows=rows_strategy)
def test_fuzz_csv_rows_are_accepted_or_rejected(tmp_path_factory, rows):
    tmp_path = tmp_path_factory.mktemp("fuzzcsv")
    path = tmp_path / "fuzz.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    with path.open(encoding="utf-8", newline="") as fh:  # rows as a CSV reader numbers them
        parsed = list(csv.reader(fh))
    expected = {i for i, cells in enumerate(parsed, start=1) if i > 1 and any(c.strip() for c in cells)}
    _check(path, expected, tmp_path)


@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(max_examples=FUZZ_XLSX_EXAMPLES, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(rows=rows_strategy)
def test_fuzz_xlsx_rows_are_accepted_or_rejected(tmp_path_factory, rows):
    tmp_path = tmp_path_factory.mktemp("fuzzxlsx")
    path = tmp_path / "fuzz.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    expected = set()
    for i, row in enumerate(rows, start=2):
        cells = [ILLEGAL_CHARACTERS_RE.sub("", c)[:32767] for c in row]
        ws.append(cells)
        for cell in ws[i]:
            if cell.data_type == "f":  # keep formula-looking text as text, as a user would type it
                cell.data_type = "s"
        if any(c.strip() for c in cells):
            expected.add(i)
    wb.save(path)
    _check(path, expected, tmp_path)
