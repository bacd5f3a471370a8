"""Dossier engine on a hand-made export of 29 dossiers, with every expected figure worked out by hand.

The fixture (tests/fixtures/dossiers/ho_so_mau.csv, sync field names; ho_so_mau.xlsx is the same
dossiers with Vietnamese headers and values under title rows) has two agencies:

Sở Tư pháp (STP), D01–D19, and UBND xã A (XA), X1–X6, plus four faulty rows R1–R4.
Periods are months; the data span December 2024 – February 2025.

STP, dossier by dossier (receipt → due [extension] → finish, status, supplements):
  D01 20/12 → 10/01 17:00 → 08/01 10:00        received Dec, carried into Jan, early
  D02 27/12 → 05/01 17:00 → (none)             carried into Jan, pending to the end, overdue from Jan
  D03 15/12 → 30/12 17:00 → 30/12 16:00        same day, earlier hour: on the due day in both profiles
  D04 02/01 → 10/01 17:00 → 09/01 15:00        early; fee 50.000 paid on the national portal (1)
  D05 03/01 → 10/01 17:00 → 10/01 17:00        finish = due exactly: on time (≤) in both; fee paid on
                                               the provincial gateway (2)
  D06 03/01 → 10/01 10:00 → 10/01 16:00        same day, later hour: LATE under 766 (timestamps),
                                               on time under bieu-06a (days); fee 50.000 not paid online
  D07 06/01 → 13/01 17:00 → 15/01 09:00        late in both; fee 0 (left out of the payment denominator)
  D08 06/01 → 15/01 17:00 → 17/01 10:00, 1 supplement, 3 days waiting: effective finish 14/01 → early
  D09 07/01 → 20/01 17:00 → 16/01 10:00, 2 supplements, 2 days: 766 LATE (more than one request),
                                               bieu-06a early (effective 14/01 < 20/01)
  D10 08/01 → 15/01 17:00 [25/01] → 22/01     766 LATE (extension not used), bieu-06a early (22 < 25)
  D11 09/01 → withdrawn 12/01                  never judged; fee 50.000 but withdrawn: not in payment base
  D12 10/01 → 17/01 17:00 → 14/01 refused      resolved and judged (early), but no result issued
  D13 13/01 → (no due date) → 13/01 15:00      766: not judged; bieu-06a: on time (cannot be late)
  D14 27/01 → 05/02 17:00 → 04/02              pending in time at end of Jan, early in Feb
  D15 20/01 → 24/01 17:00 → 03/02              pending overdue at end of Jan, late in Feb
  D16 21/01 → 31/03 17:00 → (none)             pending in time at the end of Jan and Feb
  D17 03/02 (post) → 10/02 17:00 → 10/02 09:00 on the due day; fee 30.000 not paid
  D18 04/02 → 12/02 (date only = end of day) → 12/02 16:00   on the due day in both
  D19 05/02 → 14/02 17:00 → 13/02              early; fee 30.000 paid on the national portal
Channels (2 = online): Dec D01 | Jan D04 D05 D08 D09 D11 D14 D16 | Feb D19; D17 by post.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis.dossiers import columns
from dvc_analysis.dossiers.compute import compute, run
from dvc_analysis.errors import UserDataError

FIX = Path(__file__).parent / "fixtures" / "dossiers"
CSV = FIX / "ho_so_mau.csv"
XLSX = FIX / "ho_so_mau.xlsx"
STP, XA = "Sở Tư pháp", "UBND xã A"
DEC, JAN, FEB = "2024-12-01", "2025-01-01", "2025-02-01"


@pytest.fixture(scope="module")
def r766():
    return run([CSV], by="donvi", period="month", rules="766")


@pytest.fixture(scope="module")
def bieu():
    return run([CSV], by="donvi", period="month", rules="bieu-06a")


def fig(result, unit, month, indicator):
    t = result.indicators
    row = t[(t["unit"] == unit) & (t["period_start"] == pd.Timestamp(month)) & (t["indicator"] == indicator)]
    assert len(row) == 1, (unit, month, indicator, len(row))
    r = row.iloc[0]
    if pd.isna(r["numerator"]):
        return int(r["value"])
    return int(r["numerator"]), int(r["denominator"])


def test_every_row_is_used_or_rejected_with_file_row_and_reason(r766):
    # 29 data lines: 25 accepted, R1–R4 rejected
    assert (r766.input_rows, r766.accepted_rows, len(r766.rejected)) == (29, 25, 4)
    rej = r766.rejected.set_index("ma_ho_so")
    # CSV line numbers: header is line 1, R1 is the 11th data row → line 12, R2 line 18, …
    assert rej.loc["R1", "row"] == 12 and rej.loc["R1", "column"] == "ngayTiepNhan"
    assert rej.loc["R1", "value"] == "32/01/2025 08:00"
    assert rej.loc["R2", "row"] == 18 and "due date is before" in rej.loc["R2", "reason_en"]
    assert rej.loc["R3", "row"] == 22 and rej.loc["R3", "column"] == "kenhThucHien"
    assert "channel" in rej.loc["R3", "reason_en"] and "kênh" in rej.loc["R3", "reason_vi"]
    assert rej.loc["R4", "row"] == 30 and "finish date is before" in rej.loc["R4", "reason_en"]
    assert (rej["file"] == "ho_so_mau.csv").all()


def test_received_online_and_channels(r766):
    # Dec: D01 D02 D03, one online; Jan: D04–D16 = 13, online D04 D05 D08 D09 D11 D14 D16 = 7
    assert fig(r766, STP, DEC, "dossier_online_share") == (1, 3)
    assert fig(r766, STP, JAN, "dossier_online_share") == (7, 13)
    assert fig(r766, STP, JAN, "dossier_direct_postal_count") == 6
    # Feb: D17 post, D18 desk, D19 online
    assert fig(r766, STP, FEB, "dossier_online_share") == (1, 3)
    assert fig(r766, STP, FEB, "dossier_direct_postal_count") == 2
    # XA Jan: X1 desk, X2 online, X3 post, X4 online, X6 online (withdrawn, still received)
    assert fig(r766, XA, JAN, "dossier_online_share") == (3, 5)


def test_payment_share_excludes_zero_fee_and_withdrawn(r766):
    # Jan STP: fee > 0 and not withdrawn: D04 (paid, portal), D05 (paid, gateway), D06 (not paid);
    # D11 has a fee but was withdrawn; D07 and the rest have no fee.
    assert fig(r766, STP, JAN, "payment_dossier_share") == (2, 3)
    assert fig(r766, STP, JAN, "dossier_fee_count") == 3
    # Feb: D17 (not paid) and D19 (paid) → 1/2; Dec: no fee-bearing dossier → no rate row (N/A)
    assert fig(r766, STP, FEB, "payment_dossier_share") == (1, 2)
    assert fig(r766, STP, DEC, "dossier_fee_count") == 0
    t = r766.indicators
    assert t[(t["unit"] == STP) & (t["period_start"] == pd.Timestamp(DEC))
             & (t["indicator"] == "payment_dossier_share")].empty
    # XA Jan: X1 (no), X2 (portal), X4 (gateway) carry fees; X6 withdrawn; X3 free → 2/3
    assert fig(r766, XA, JAN, "payment_dossier_share") == (2, 3)


def test_on_time_766(r766):
    # Dec: D03 finished 16:00 on its due day (due 17:00) → on time, on the due day
    assert fig(r766, STP, DEC, "on_time_rate") == (1, 1)
    assert fig(r766, STP, DEC, "dossier_on_due_count") == 1
    # Jan, resolved (not withdrawn): D01 D04 D05 D06 D07 D08 D09 D10 D12 D13 = 10;
    # D13 has no due date → not judged: judged 9.
    # early: D01, D04, D08 (effective 14/01), D12 = 4; on the due day: D05 = 1;
    # late: D06 (later hour), D07, D09 (2 supplements), D10 (extension ignored) = 4.
    assert fig(r766, STP, JAN, "dossier_resolved_count") == 10
    assert fig(r766, STP, JAN, "dossier_resolved_no_due_count") == 1
    assert fig(r766, STP, JAN, "on_time_rate") == (5, 9)
    assert fig(r766, STP, JAN, "late_rate") == (4, 9)
    assert fig(r766, STP, JAN, "dossier_early_count") == 4
    assert fig(r766, STP, JAN, "dossier_on_due_count") == 1
    assert fig(r766, STP, JAN, "dossier_late_count") == 4
    # Feb: D14 early, D15 late, D17 on the due day, D18 (date-only due = end of day) on the due day,
    # D19 early → 4/5
    assert fig(r766, STP, FEB, "on_time_rate") == (4, 5)
    assert fig(r766, STP, FEB, "dossier_early_count") == 2
    assert fig(r766, STP, FEB, "dossier_on_due_count") == 2


def test_on_time_bieu_06a_differs_exactly_on_the_rule_edges(bieu):
    # Jan: D06 (same day later hour) on time by day; D09 (2 supplements) early after subtracting
    # 2 days; D10 early against its extended due date; D13 (no due date) judged on time.
    # early: D01 D04 D08 D09 D10 D12 = 6; on due day: D05 D06 D13 = 3; late: D07 = 1 → 9/10
    assert fig(bieu, STP, JAN, "on_time_rate") == (9, 10)
    assert fig(bieu, STP, JAN, "dossier_early_count") == 6
    assert fig(bieu, STP, JAN, "dossier_on_due_count") == 3
    assert fig(bieu, STP, JAN, "dossier_late_count") == 1
    assert fig(bieu, STP, JAN, "dossier_resolved_no_due_count") == 0
    # rules that do not touch timeliness give the same figures under both profiles
    assert fig(bieu, STP, JAN, "payment_dossier_share") == (2, 3)
    assert fig(bieu, STP, FEB, "on_time_rate") == (4, 5)


def test_carried_over_and_pending(r766, bieu):
    for result in (r766, bieu):
        # end of Dec: D01, D02 pending (both due in Jan: within time); carried into Jan: 2
        assert fig(result, STP, DEC, "dossier_pending_count") == 2
        assert fig(result, STP, DEC, "dossier_pending_in_time_count") == 2
        assert fig(result, STP, JAN, "dossier_carried_over_count") == 2
        assert fig(result, STP, JAN, "dossier_handled_count") == 15  # 13 new + 2 carried
        # end of Jan: D02 (due 05/01) and D15 (due 24/01) overdue; D14, D16 within time
        assert fig(result, STP, JAN, "dossier_pending_count") == 4
        assert fig(result, STP, JAN, "dossier_pending_overdue_count") == 2
        assert fig(result, STP, JAN, "dossier_pending_in_time_count") == 2
        # Feb: 4 carried; end of Feb: D02 overdue, D16 within time
        assert fig(result, STP, FEB, "dossier_carried_over_count") == 4
        assert fig(result, STP, FEB, "dossier_pending_overdue_count") == 1
        assert fig(result, STP, FEB, "dossier_pending_in_time_count") == 1
        assert fig(result, STP, JAN, "dossier_withdrawn_count") == 1  # D11
        # XA: X4 (due 15/01) pending and overdue at the end of Jan and Feb; X6 withdrawn, undated
        assert fig(result, XA, JAN, "dossier_pending_overdue_count") == 1
        assert fig(result, XA, FEB, "dossier_carried_over_count") == 1


def test_digitisation(r766):
    # inputs over received: Dec D01 D03 = 2/3; Jan D04 D05 D08 D12 = 4/13; Feb all three
    assert fig(r766, STP, DEC, "digitisation_input") == (2, 3)
    assert fig(r766, STP, JAN, "digitisation_input") == (4, 13)
    assert fig(r766, STP, FEB, "digitisation_input") == (3, 3)
    # results over results issued (resolved minus refused D12): Jan D01 D04 D05 D07 of 9
    assert fig(r766, STP, JAN, "digitisation_output") == (4, 9)
    assert fig(r766, STP, FEB, "digitisation_output") == (2, 5)


def test_wilson_interval_matches_scipy(r766):
    from scipy.stats import binomtest

    t = r766.indicators
    row = t[(t["unit"] == STP) & (t["indicator"] == "on_time_rate")
            & (t["period_start"] == pd.Timestamp(JAN))].iloc[0]
    ci = binomtest(5, 9).proportion_ci(method="wilson")
    assert row["value"] == pytest.approx(100 * 5 / 9)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((100 * ci.low, 100 * ci.high))


def test_xlsx_with_vietnamese_headers_under_a_title_gives_identical_results(r766):
    other = run([XLSX], by="donvi", period="month", rules="766")
    cols = ["unit", "province_code", "period_start", "indicator", "numerator", "denominator", "value"]
    pd.testing.assert_frame_equal(r766.indicators[cols], other.indicators[cols])
    # rows of the sheet: two title lines, a blank line, the header on row 4 → R1 on row 15
    assert list(other.rejected["row"]) == [15, 21, 25, 33]
    assert other.rejected.iloc[0]["column"] == "Ngày tiếp nhận"
    assert other.rejected.iloc[2]["value"] == "Fax"


def test_by_province_and_quarter_add_up():
    t = compute([CSV], by="tinh", period="quarter", rules="766")
    q1 = t[t["period_start"] == pd.Timestamp("2025-01-01")].set_index("indicator")
    # Q1 2025 for the whole province: STP Jan+Feb 16 received, XA 6
    assert q1.loc["dossier_received_count", "value"] == 22
    assert set(t["unit"]) == {"14"} and set(t["province_code"]) == {"14"}
    assert (t["admin_level"] == "province").all()
    # STP Jan+Feb judged 9+5 = 14 with 5+4 on time; XA Jan 3 judged (X1, X2 on time), Feb 1 on time
    assert (q1.loc["on_time_rate", "numerator"], q1.loc["on_time_rate", "denominator"]) == (12, 18)


def test_header_and_value_recognition():
    assert columns.field_of("Ngày hẹn trả") == columns.field_of("NGAYHENTRA") == "ngay_hen_tra"
    assert columns.field_of("Hình thức nộp") == "kenh"
    assert columns.field_of("Phí, lệ phí") == "phi"
    assert columns.code_of("kenh", "Bưu chính công ích") == 3
    assert columns.code_of("kenh", "2.0") == 2
    assert columns.code_of("kenh", "Fax") is None
    assert columns.code_of("thanh_toan", "Cổng thanh toán của tỉnh") == 2
    assert columns.code_of("trang_thai", "Công dân rút hồ sơ") == "withdrawn"
    assert columns.code_of("trang_thai", "Đang chờ bổ sung") == "pending"
    assert columns.code_of("so_hoa_tp", "Không") == 0


def test_columns_mapping_file_and_missing_columns(tmp_path):
    raw = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    # an export with unknown wording for the receipt date and no payment / fee columns
    odd = raw.drop(columns=["duocThanhToanTrucTuyen", "phiLePhi"]).rename(
        columns={"ngayTiepNhan": "Thời điểm nộp"})
    path = tmp_path / "odd.csv"
    odd.to_csv(path, index=False)
    with pytest.raises(UserDataError, match="ngay_tiep_nhan"):
        run([path])
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("cot,truong\nThời điểm nộp,ngayTiepNhan\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="payment_dossier_share"):
        t = compute([path], columns=mapping)
    assert "payment_dossier_share" not in set(t["indicator"])
    assert "dossier_fee_count" not in set(t["indicator"])
    assert fig(run([path], columns=mapping), STP, JAN, "on_time_rate") == (5, 9)


def test_many_files_are_read_together(tmp_path):
    raw = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    a, b = tmp_path / "thang_a.csv", tmp_path / "thang_b.parquet"
    raw.iloc[:15].to_csv(a, index=False)
    raw.iloc[15:].to_parquet(b, index=False)
    both = run([a, b])
    assert (both.input_rows, both.accepted_rows) == (29, 25)
    assert fig(both, STP, JAN, "on_time_rate") == (5, 9)
    assert set(both.rejected["file"]) == {"thang_a.csv", "thang_b.parquet"}
    # Parquet rows are numbered from 1 in the file: R2 is the 2nd row of the second part
    assert both.rejected.set_index("ma_ho_so").loc["R2", "row"] == 2


def test_cli_writes_outputs_that_the_report_importer_accepts(tmp_path):
    out = tmp_path / "kq"
    done = subprocess.run(
        [sys.executable, "-m", "dvc_analysis", "dossiers", "compute", str(CSV), "--by", "donvi",
         "--period", "month", "--rules", "bieu-06a", "--out", str(out)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "29" in done.stderr and "rejected" in done.stderr  # progress goes to stderr
    raw = (out / "chi_so.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rejected = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig")
    assert list(rejected["row"]) == [12, 18, 22, 30]
    from dvc_analysis.importer import read_user_file

    accepted, bad, _ = read_user_file(out / "chi_so.csv")
    written = pd.read_csv(out / "chi_so.csv", encoding="utf-8-sig")
    assert len(bad) == 0 and len(accepted) == len(written)
    on_time = accepted[(accepted["indicator"] == "on_time_rate") & (accepted["unit_name"] == STP)
                       & (accepted["period_start"] == pd.Timestamp(JAN))].iloc[0]
    assert (on_time["numerator"], on_time["denominator"]) == (9, 10)
    assert on_time["admin_level"] == "agency" and on_time["province_code"] == "14"
    assert "tính từ 25 hồ sơ" in on_time["source"] and "bieu-06a" in on_time["source"]


def test_bieu_06a_workbook_layout(tmp_path):
    from openpyxl import load_workbook

    from dvc_analysis.dossiers.output import write_outputs

    paths = write_outputs(run([CSV], rules="766"), tmp_path)
    book = load_workbook(paths["bieu_06a"], read_only=True)
    assert book.sheetnames == ["2024-12", "2025-01", "2025-02"]
    rows = [list(r) for r in book["2025-01"].iter_rows(values_only=True)]
    assert rows[0][0] == "Biểu số II.06a/VPCP/KSTT"
    assert rows[8][:4] == ["(1)", "(2)", "(3)", "(4)"]
    stp = next(r for r in rows if r[1] == STP)
    # received total 15 = online 7 + desk/post 6 + carried 2; resolved 10 = 6 early + 3 + 1 late;
    # in progress 4 = 2 within time + 2 overdue (bieu-06a counts, even for a 766 run)
    assert stp[2:13] == [15, 7, 6, 2, 10, 6, 3, 1, 4, 2, 2]
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[2] == 15 + 5 and total[6] == 10 + 3


def test_unknown_profile_and_unit_are_usage_errors():
    from dvc_analysis.errors import UsageError

    with pytest.raises(UsageError, match="766"):
        run([CSV], rules="opencps")
    with pytest.raises(UsageError, match="--by"):
        run([CSV], by="huyen")


def test_synthetic_export_is_labelled_and_reproducible(tmp_path):
    from dvc_analysis.dossiers.synth import synth

    a, b = synth(3000, seed=5), synth(3000, seed=5)
    assert a.equals(b)
    assert all(str(x).startswith("GL-") for x in a["maHoSo"].to_pylist()[:50])
    path = synth(3000, seed=5, out=tmp_path / "s.csv")
    assert "GIẢ LẬP" in path.read_text(encoding="utf-8").splitlines()[0]
    result = run([path], by="xa")
    assert result.accepted_rows + len(result.rejected) == 3000
    assert len(result.rejected) < 30  # 0.1% faulty rows on purpose

