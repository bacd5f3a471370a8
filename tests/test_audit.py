"""The consistency audit: it finds the known inconsistencies of the sources and nothing on clean data."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_analysis.audit import FINDING_COLUMNS, audit
from dvc_analysis.load import OBS_COLUMNS, load_observations


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    return load_observations()


@pytest.fixture(scope="module")
def findings(obs) -> pd.DataFrame:
    return audit(obs)


def _id(obs: pd.DataFrame, source: str, indicator: str, evidence: str, paragraph: int | None = None) -> str:
    hit = obs[obs["source_id"].str.startswith(source) & (obs["indicator"] == indicator)
              & (obs["evidence"] == evidence)]
    if paragraph is not None:
        hit = hit[hit["paragraph"] == paragraph]
    assert len(hit) == 1, (source, indicator, evidence)
    return hit["obs_id"].iloc[0]


def _with(findings: pd.DataFrame, check: str, obs_id: str) -> pd.DataFrame:
    return findings[(findings["check"] == check) & findings["obs_ids"].str.split(";").map(lambda x: obs_id in x)]


# ----------------------------------------------------------------- the bundled sources
def test_findings_table_shape(findings):
    assert list(findings.columns) == FINDING_COLUMNS
    assert set(findings["severity"]) <= {"error", "warning", "info"}
    assert findings["message_vi"].str.len().gt(0).all() and findings["message_en"].str.len().gt(0).all()


def test_phu_yen_states_eight_fields_but_lists_seven(obs, findings):
    # source 002, paragraph 18: "08 lĩnh vực", then seven "Lĩnh vực" lines (19-25)
    stated = _id(obs, "002", "field_count", "08")
    hit = _with(findings, "listed_count", stated)
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["severity"] == "warning" and row["expected"] == "7" and row["stated"] == "08"
    assert row["paragraph"].split(";")[0].startswith("18")


def test_phu_yen_343_procedures_in_14_fields_vs_360_in_13(obs, findings):
    a = _id(obs, "002", "dvc_level12_count", "343", paragraph=3)
    hit = findings[(findings["check"] == "conflicting_figures")
                   & findings["obs_ids"].str.contains(a)]
    assert len(hit) == 1 and set(hit.iloc[0]["stated"].split(";")) == {"343", "360"}
    fields = findings[(findings["check"] == "conflicting_figures")
                      & findings["message_en"].str.contains("Number of fields")]
    assert len(fields) == 1 and set(fields.iloc[0]["stated"].split(";")) == {"14", "13"}
    # the messages name indicators and components in words; their ids are in obs_ids
    for text in pd.concat([findings["message_vi"], findings["message_en"]]):
        assert not re.search(r"[a-z]+_[a-z_]+", text), text


def test_vinh_phuc_online_share_implies_more_dossiers_than_handled(obs, findings):
    share = _id(obs, "000", "dossier_online_share", "19,5%")
    hit = _with(findings, "share_vs_counts", share)
    assert len(hit) == 1
    implied = float(hit.iloc[0]["stated"])
    assert implied == pytest.approx(5629 / 0.195, abs=1)  # about 28.900 dossiers
    assert implied > 16234 and hit.iloc[0]["severity"] == "warning"
    assert "16.234" in hit.iloc[0]["message_vi"] and "16,234" in hit.iloc[0]["message_en"]


def test_binh_duong_80_06_percent_has_no_whole_base(obs, findings):
    # 1.507 procedures at 80,06%: 1.507/1.882 = 80,07% and 1.507/1.883 = 80,03%
    assert round(100 * 1507 / 1882, 2) != 80.06 and round(100 * 1507 / 1883, 2) != 80.06
    share = _id(obs, "003", "tthc_online_share", "80,06%")
    assert len(_with(findings, "implied_base", share)) == 1


def test_thai_nguyen_12_22_percent_is_truncated(obs, findings):
    # 158/1.292 = 12,229…%: rounds to 12,23, the source prints 12,22
    rate = _id(obs, "004", "dvctt_with_dossiers", "12,22%")
    hit = _with(findings, "ratio", rate)
    assert len(hit) == 1 and hit.iloc[0]["severity"] == "info"
    assert hit.iloc[0]["expected"] == "12.23" and hit.iloc[0]["stated"] == "12.22"


def test_phu_yen_resolved_dossiers_not_all_classified(obs, findings):
    resolved = _id(obs, "002", "dossier_resolved_count", "1190")
    hit = _with(findings, "parts_total", resolved)
    assert len(hit) == 1 and hit.iloc[0]["severity"] == "info"
    assert "49" in hit.iloc[0]["message_en"]  # 1190 - 1039 - 102


def test_consistent_source_figures_raise_nothing(obs, findings):
    """Breakdowns and rates that do agree in the sources are not reported."""
    quiet = [
        _id(obs, "001", "tthc_online_share", "1.542/1.868"),    # 82,5%
        _id(obs, "001", "dvctt_count", "1.542"),                # 1.036 + 506
        _id(obs, "004", "dvctt_level4_count", "1.231"),         # 1.072 + 115 + 44
        _id(obs, "002", "tthc_upgrade_planned_count", "435"),   # 274 + 40 + 121
        _id(obs, "003", "dvctt_count", "1.507"),                # 828 + 679
        _id(obs, "002", "dvc_level12_count", "343", paragraph=26),  # 59 of them at level 3-4
        _id(obs, "000", "on_time_rate", "99,74%"),              # 14.064 of more than 14.100
        _id(obs, "004", "dvctt_with_dossiers_rank", "22/63"),
        _id(obs, "003", "on_time_rate", "99,74%"),              # + 0,26% late = 100%
    ]
    flagged = set(";".join(findings["obs_ids"]).split(";"))
    assert not flagged & set(quiet)


def test_no_errors_in_bundled_data(findings):
    """The sources' inconsistencies are warnings (explainable) or rounding notes, not arithmetic errors."""
    assert (findings["severity"] != "error").all(), findings.to_dict("records")


# ----------------------------------------------------------------- synthetic data
def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {c: "" for c in OBS_COLUMNS}
    base.update(source_id="S", paragraph=1, province_code="26", admin_level="province",
                period_start="2024-01-01", period_end="2024-12-31", qualifier="exact")
    out = []
    for i, r in enumerate(rows, 1):
        row = dict(base, obs_id=f"S-{i:03d}")
        row.update(r)
        out.append(row)
    df = pd.DataFrame(out, columns=OBS_COLUMNS)
    for c in ("numerator", "denominator", "value"):
        df[c] = pd.to_numeric(df[c].replace("", None)).astype(float)
    return df


def _clean() -> list[dict]:
    return [
        dict(indicator="tthc_online_share", numerator=1542, denominator=1868, value=82.5,
             evidence="1.542/1.868", evidence_value="82,5%"),
        dict(obs_id="T", indicator="dvctt_count", value=1542, evidence="1.542"),
        dict(indicator="dvctt_full_count", value=1036, evidence="1.036", component="toan_trinh", part_of="T"),
        dict(indicator="dvctt_partial_count", value=506, evidence="506", component="mot_phan", part_of="T"),
        dict(obs_id="F", indicator="dvctt_level3_count", value=6, evidence="6"),
        dict(indicator="dvctt_level3_count", value=4, evidence="4", component="A", part_of="F"),
        dict(indicator="dvctt_level3_count", value=2, evidence="2", component="B", part_of="F"),
        dict(indicator="field_count", value=2, evidence="02", component="muc_do_3", count_of="F"),
        dict(indicator="dossier_handled_count", value=20000, evidence="20.000"),
        dict(indicator="dossier_online_count", value=5000, evidence="5.000"),
        dict(indicator="dossier_online_share", value=25.0, evidence="25%"),
        dict(indicator="on_time_rate", value=99.74, evidence="99,74%"),
        dict(indicator="late_rate", value=0.26, evidence="0,26%"),
        dict(indicator="dossier_online_share_rank", value=16, denominator=63, evidence="16/63"),
        dict(indicator="tthc_level4_share", numerator=25, value=54.0, evidence="54%", evidence_numerator="25",
             unit_name="Ban X", admin_level="agency"),
        dict(indicator="on_time_rate", numerator=14064, denominator=14100, value=99.74, evidence="99,74%",
             qualifier_denominator="over", unit_name="Ban Y", admin_level="agency"),
    ]


def test_clean_synthetic_data_has_no_findings():
    found = audit(_frame(_clean()))
    assert found.empty, found.to_dict("records")


def _perturbed(index: int, **changes) -> pd.DataFrame:
    rows = _clean()
    rows[index] = {**rows[index], **changes}
    return audit(_frame(rows))


def test_ratio_mismatch_is_an_error():
    found = _perturbed(0, value=85.2, evidence_value="85,2%")
    assert list(found["check"]) == ["ratio"] and found.iloc[0]["severity"] == "error"


def test_ratio_respects_qualifiers():
    # "over 80%" with 1.542/1.868 = 82,5% is fine; "under 80%" is not
    assert _perturbed(0, value=80.0, evidence_value="80%", qualifier="over").empty
    assert list(_perturbed(0, value=80.0, evidence_value="80%", qualifier="under")["check"]) == ["ratio"]


def test_parts_exceeding_total_is_an_error():
    found = _perturbed(2, value=1136, evidence="1.136")
    assert list(found["check"]) == ["parts_total"] and found.iloc[0]["severity"] == "error"


def test_listed_items_vs_stated_count():
    found = _perturbed(7, value=3, evidence="03")
    assert list(found["check"]) == ["listed_count"]
    assert found.iloc[0]["expected"] == "2" and found.iloc[0]["stated"] == "03"


def test_conflicting_figures_same_unit_and_period():
    rows = _clean() + [dict(indicator="dvctt_count", value=1600, evidence="1.600")]
    found = audit(_frame(rows))
    assert list(found["check"]) == ["conflicting_figures"]
    # a different period is not a conflict
    rows[-1]["period_end"] = "2023-12-31"
    rows[-1]["period_start"] = "2023-01-01"
    assert audit(_frame(rows)).empty


def test_share_implying_more_dossiers_than_handled():
    found = _perturbed(10, value=19.5, evidence="19,5%")
    assert list(found["check"]) == ["share_vs_counts"]
    assert float(found.iloc[0]["stated"]) == pytest.approx(5000 / 0.195, abs=1)


def test_complementary_rates_must_add_to_100():
    found = _perturbed(12, value=1.26, evidence="1,26%")
    assert list(found["check"]) == ["complements"]


def test_rank_above_base_and_unusual_base():
    assert list(_perturbed(13, value=70)["check"]) == ["rank_base"]
    found = _perturbed(13, denominator=64)
    assert list(found["check"]) == ["rank_base"] and found.iloc[0]["severity"] == "warning"
    # after the July 2025 merger the base is 34 provinces
    late = _perturbed(13, denominator=34, period_start="2025-07-01", period_end="2025-09-30")
    assert late.empty


def test_implied_base_without_whole_denominator():
    found = _perturbed(14, value=54.1, evidence="54,1%")
    assert list(found["check"]) == ["implied_base"] and found.iloc[0]["severity"] == "warning"


def test_unnamed_provinces_are_not_compared_across_sources():
    rows = _clean() + [dict(indicator="dvctt_count", value=1600, evidence="1.600", source_id="U2")]
    for r in rows:
        r["province_code"] = ""
    assert audit(_frame(rows)).empty


@settings(max_examples=200, deadline=None)
@given(d=st.integers(1, 500_000), frac=st.floats(0, 1), dec=st.integers(0, 2))
def test_correctly_rounded_rates_never_flagged(d, frac, dec):
    n = math.floor(frac * d)
    v = round(100 * n / d, dec)
    shown = f"{v:.{dec}f}".replace(".", ",") + "%"
    rows = [dict(indicator="tthc_online_share", numerator=n, denominator=d, value=v,
                 evidence=f"{n}/{d}", evidence_value=shown),
            dict(indicator="tthc_level4_share", numerator=n, value=v, evidence=shown,
                 evidence_numerator=str(n), unit_name="B", admin_level="agency")]
    assert audit(_frame(rows)).empty


def test_audit_without_argument_uses_bundled_data(findings):
    assert audit().equals(findings)


def test_audit_accepts_nullable_and_string_columns():
    df = _frame(_clean())
    df["paragraph"] = pd.array([1] * (len(df) - 1) + [None], dtype="Int64")
    df["part_of"] = df["part_of"].astype("string").replace("", pd.NA)
    assert audit(df).empty
