"""Validation of observation rows: one failing row per rule, with a bilingual message naming the cell."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_analysis._resources import data_path
from dvc_analysis.errors import UserDataError
from dvc_analysis.load import (
    PROBLEM_COLUMNS,
    load_observations,
    parse_evidence,
    parse_vn_number,
    validate_observations,
)

FILE = "du_lieu.csv"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    with data_path("observations.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def _find(raw: pd.DataFrame, indicator: str, evidence: str) -> pd.DataFrame:
    """The bundled row reporting `evidence` for `indicator` (one row)."""
    hit = raw[(raw["indicator"] == indicator) & (raw["evidence"] == evidence)]
    assert len(hit) == 1, (indicator, evidence)
    return hit.reset_index(drop=True).copy()


def _validate(df: pd.DataFrame, **kw):
    return validate_observations(df, file=FILE, **kw)


def _one_problem(df: pd.DataFrame, column: str, **kw) -> pd.Series:
    accepted, problems = _validate(df, **kw)
    assert list(problems.columns) == PROBLEM_COLUMNS
    assert len(accepted) == 0, "a row with a problem must not be accepted"
    hits = problems[problems["column"] == column]
    assert len(hits) >= 1, problems.to_dict("records")
    p = hits.iloc[0]
    assert p["file"] == FILE and p["row"] == 2
    for text in (p["reason_vi"], p["reason_en"]):
        assert FILE in text and column in text
    assert "dòng 2" in p["reason_vi"] and "row 2" in p["reason_en"]
    return p


def test_bundled_observations_validate_clean(raw):
    accepted, problems = _validate(raw)
    assert problems.empty, problems.head().to_dict("records")
    assert len(accepted) == len(raw)


def test_good_row_passes(raw):
    accepted, problems = _validate(_find(raw, "tthc_online_share", "1.542/1.868"))
    assert problems.empty and len(accepted) == 1
    assert accepted.loc[0, "numerator"] == 1542.0 and accepted.loc[0, "denominator"] == 1868.0


def test_missing_required_column(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868").drop(columns=["evidence"])
    accepted, problems = _validate(df)
    assert accepted.empty
    p = problems[problems["column"] == "evidence"].iloc[0]
    assert "thiếu cột bắt buộc" in p["reason_vi"] and "required column is missing" in p["reason_en"]


def test_unknown_indicator(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "indicator"] = "ty_le_khong_co"
    p = _one_problem(df, "indicator")
    assert "ty_le_khong_co" in p["reason_vi"]
    assert "mã chỉ số không có" in p["reason_vi"] and "unknown indicator" in p["reason_en"]


def test_unknown_source(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "source_id"] = "999_nguon_la"
    p = _one_problem(df, "source_id")
    assert "mã nguồn không có" in p["reason_vi"] and "unknown source id" in p["reason_en"]
    assert p["value"] == "999_nguon_la"


def test_sources_can_be_given_by_the_caller(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "source_id"] = "user_file"
    accepted, problems = _validate(df, sources=["user_file"])
    assert problems.empty and len(accepted) == 1


def test_unknown_province_code(raw):
    df = _find(raw, "tthc_total", "1.800")
    df.loc[0, "province_code"] = "99"
    p = _one_problem(df, "province_code")
    assert "mã tỉnh không có" in p["reason_vi"] and "unknown province code" in p["reason_en"]


def test_province_code_is_padded_and_checked_against_the_map_in_force(raw):
    df = _find(raw, "tthc_total", "1.800")
    df.loc[0, "province_code"] = "1"  # Hà Nội, written without the leading zero
    accepted, problems = _validate(df)
    assert problems.empty and accepted.loc[0, "province_code"] == "01"
    # 26 (Vĩnh Phúc) no longer exists on the 34-province map used after 1 July 2025
    df.loc[0, ["province_code", "period_start", "period_end"]] = ["26", "2025-09-30", "2025-09-30"]
    p = _one_problem(df, "province_code")
    assert "34" in p["reason_en"]


def test_unparseable_date(raw):
    df = _find(raw, "tthc_total", "1.800")
    df.loc[0, "period_start"] = "30/9/2021"
    p = _one_problem(df, "period_start")
    assert "không đọc được ngày" in p["reason_vi"] and "unparseable date" in p["reason_en"]
    assert "30/9/2021" in p["reason_en"]


def test_impossible_date(raw):
    df = _find(raw, "tthc_total", "1.800")
    df.loc[0, "period_end"] = "2021-02-30"
    p = _one_problem(df, "period_end")
    assert "unparseable date" in p["reason_en"]


def test_reversed_dates(raw):
    df = _find(raw, "dvctt_with_dossiers", "860/1.542")  # 2024-01-01 .. 2024-12-18
    df.loc[0, ["period_start", "period_end"]] = ["2024-12-18", "2024-01-01"]
    p = _one_problem(df, "period_end")
    assert "kết thúc trước ngày bắt đầu" in p["reason_vi"] and "ends before it starts" in p["reason_en"]


def test_percent_outside_0_100(raw):
    df = _find(raw, "dossier_online_share", "77,25%")  # 77,25%
    df.loc[0, ["value", "evidence"]] = ["772.5", "772,5%"]
    p = _one_problem(df, "value")
    assert "0–100" in p["reason_vi"] and "between 0 and 100" in p["reason_en"]


def test_numerator_larger_than_denominator(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")  # 1.542/1.868
    df.loc[0, ["numerator", "denominator", "evidence"]] = ["1868", "1542", "1.868/1.542"]
    df.loc[0, "evidence_value"] = ""
    df.loc[0, "value"] = ""
    p = _one_problem(df, "numerator")
    assert "tử số lớn hơn mẫu số" in p["reason_vi"] and "larger than the denominator" in p["reason_en"]


def test_count_must_be_whole(raw):
    df = _find(raw, "dossier_handled_count", "16.234")  # 16.234 dossiers
    df.loc[0, ["value", "evidence"]] = ["16234.5", "16.234,5"]
    p = _one_problem(df, "value")
    assert "số nguyên" in p["reason_vi"] and "whole number" in p["reason_en"]


def test_count_with_denominator_is_inconsistent_with_its_unit(raw):
    df = _find(raw, "dossier_handled_count", "16.234")
    df.loc[0, "denominator"] = "20000"
    p = _one_problem(df, "denominator")
    assert "count" in p["reason_en"] and "numerator/denominator" in p["reason_en"]


def test_rank_larger_than_base(raw):
    df = _find(raw, "dvctt_with_dossiers_rank", "22/63")  # 22/63
    df.loc[0, ["value", "evidence"]] = ["72", "72/63"]
    p = _one_problem(df, "value")
    assert "thứ hạng lớn hơn" in p["reason_vi"] and "rank is larger" in p["reason_en"]


def test_value_not_a_number(raw):
    df = _find(raw, "dossier_online_share", "77,25%")
    df.loc[0, "value"] = "bảy mươi"
    p = _one_problem(df, "value", check_evidence=False)
    assert "không phải là số" in p["reason_vi"] and "not a number" in p["reason_en"]


def test_negative_figure(raw):
    df = _find(raw, "dossier_handled_count", "16.234")
    df.loc[0, "value"] = "-5"
    p = _one_problem(df, "value", check_evidence=False)
    assert "negative" in p["reason_en"]


def test_no_figure_at_all(raw):
    df = _find(raw, "dossier_online_share", "77,25%")
    df.loc[0, "value"] = ""
    p = _one_problem(df, "value", check_evidence=False)
    assert "không có số liệu" in p["reason_vi"] and "no figure" in p["reason_en"]


def test_duplicate_obs_id(raw):
    df = pd.concat([_find(raw, "tthc_online_share", "1.542/1.868"), _find(raw, "dvctt_count", "1.542")], ignore_index=True)
    df.loc[1, "obs_id"] = df.loc[0, "obs_id"]
    accepted, problems = _validate(df)
    assert list(accepted["obs_id"]) == [df.loc[0, "obs_id"]]  # the first keeps its place
    p = problems.iloc[0]
    assert p["row"] == 3 and p["column"] == "obs_id"
    assert "trùng với dòng 2" in p["reason_vi"] and "duplicate observation id (also on row 2)" in p["reason_en"]


def test_empty_evidence(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "evidence"] = "  "
    p = _one_problem(df, "evidence")
    assert "thiếu bằng chứng" in p["reason_vi"] and "evidence is empty" in p["reason_en"]


def test_figure_disagreeing_with_its_evidence(raw):
    df = _find(raw, "dossier_online_share", "77,25%")  # 77,25%
    df.loc[0, "value"] = "72.25"
    p = _one_problem(df, "value")
    assert "77,25%" in p["reason_en"] and "does not match the evidence" in p["reason_en"]


def test_bad_qualifier_and_level(raw):
    df = _find(raw, "tthc_total", "1.800")
    df.loc[0, ["qualifier", "admin_level"]] = ["trên", "tinh"]
    accepted, problems = _validate(df)
    assert accepted.empty
    assert {"qualifier", "admin_level"} <= set(problems["column"])


def test_dangling_part_of(raw):
    df = _find(raw, "dvctt_full_count", "1.036")  # part_of points to the 1.542 total, absent here
    p = _one_problem(df, "part_of")
    assert "not in the file" in p["reason_en"]


def test_sheet_and_first_row_are_reported(raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "indicator"] = "khong_co"
    _, problems = validate_observations(df, file="bao_cao.xlsx", sheet="Số liệu", first_row=7)
    p = problems.iloc[0]
    assert p["sheet"] == "Số liệu" and p["row"] == 7
    assert "trang Số liệu, dòng 7" in p["reason_vi"] and "sheet Số liệu, row 7" in p["reason_en"]


def test_good_rows_survive_next_to_bad_ones(raw):
    df = pd.concat([_find(raw, "dvctt_with_dossiers_rank", "22/63"), _find(raw, "dossier_online_share", "46,36%")], ignore_index=True)
    df.loc[0, "indicator"] = "khong_co"
    accepted, problems = _validate(df)
    assert list(accepted["obs_id"]) == [df.loc[1, "obs_id"]] and set(problems["row"]) == {2}


def test_load_observations_raises_with_problems(tmp_path, raw):
    df = _find(raw, "tthc_online_share", "1.542/1.868")
    df.loc[0, "period_start"] = "ngày mai"
    path = tmp_path / "obs.csv"
    df.to_csv(path, index=False)
    with pytest.raises(UserDataError) as info:
        load_observations(path)
    assert info.value.problems is not None and len(info.value.problems) == 1
    assert "obs.csv" in info.value.vi and "period_start" in info.value.en


def test_typed_input_is_accepted(raw):
    typed = load_observations()
    accepted, problems = _validate(typed)
    assert problems.empty and len(accepted) == len(typed)


@pytest.mark.parametrize(
    "text, expected",
    [("1.542", 1542.0), ("99,74", 99.74), ("05", 5.0), ("253.529", 253529.0), ("19,5%", 19.5),
     ("983.174", 983174.0), ("0,26", 0.26), ("1387", 1387.0)],
)
def test_parse_vn_number(text, expected):
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.54", "1,2,3", "12.34.5"])
def test_parse_vn_number_rejects(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(0, 10**9), frac=st.integers(0, 99), dec=st.sampled_from([0, 1, 2]))
def test_parse_vn_number_round_trip(whole, frac, dec):
    grouped = f"{whole:,}".replace(",", ".")
    text = grouped if dec == 0 else f"{grouped},{frac:02d}"[: len(grouped) + 1 + dec]
    expected = whole + (int(f"{frac:02d}"[:dec]) / 10**dec if dec else 0)
    assert parse_vn_number(text) == pytest.approx(expected)


def test_parse_evidence_rules():
    assert parse_evidence("22/63", unit="rank") == {"numerator": None, "denominator": 63.0, "value": 22.0}
    assert parse_evidence("1.542/1.868", evidence_value="82,5%") == {
        "numerator": 1542.0, "denominator": 1868.0, "value": 82.5}
    assert parse_evidence("99,74%", evidence_numerator="14.064", evidence_denominator="14.100") == {
        "numerator": 14064.0, "denominator": 14100.0, "value": 99.74}
