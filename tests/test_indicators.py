"""Analysis layer: rates and intervals, comparable sets, targets, pipelines, 63→34 provinces."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, chi2_contingency

from dvc_analysis.errors import ComparabilityError, UsageError
from dvc_analysis.fmt import fmt_percent
from dvc_analysis.indicators import (
    compare,
    funnel_limits,
    gaps_to_targets,
    is_part,
    pipelines,
    rates,
    to_34_provinces,
    two_proportions,
)
from dvc_analysis.provinces import load_merge, old_codes

# ---------------------------------------------------------------------------------------------
# data


def _read_bundled(name: str, **kw) -> pd.DataFrame:
    from dvc_analysis._resources import data_path

    with data_path(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, **kw)


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    try:
        from dvc_analysis.load import load_indicators
    except ImportError:
        return _read_bundled("indicators.csv")
    return load_indicators()


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    try:
        from dvc_analysis.load import load_observations
    except ImportError:
        return _read_bundled("observations.csv", dtype={"province_code": str, "obs_id": str})
    return load_observations()


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    try:
        from dvc_analysis.load import load_targets
    except ImportError:
        return _read_bundled("targets.csv", dtype={"province_code": str})
    return load_targets()


def _row(obs: pd.DataFrame, obs_id: str) -> pd.Series:
    hit = obs[obs["obs_id"] == obs_id]
    assert len(hit) == 1, obs_id
    return hit.iloc[0]


def _synthetic(rows: list[dict]) -> pd.DataFrame:
    """Observation-schema frame from a few fields per row."""
    base = {
        "obs_id": "",
        "source_id": "x",
        "province_code": "",
        "unit_name": "",
        "admin_level": "province",
        "indicator": "dossier_online_share",
        "component": "",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "numerator": np.nan,
        "denominator": np.nan,
        "value": np.nan,
        "qualifier": "exact",
        "part_of": "",
    }
    out = []
    for i, r in enumerate(rows):
        row = dict(base, obs_id=f"t-{i:03d}")
        row.update(r)
        out.append(row)
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------------------------
# rates


def test_known_rates_from_the_sources(obs, indicators):
    r = rates(obs, indicators=indicators).set_index("obs_id")
    pay = r.loc["001-014"]  # 95.345/219.856 dossiers paid online
    assert fmt_percent(pay["rate"], 2) == "43,37%"
    assert fmt_percent(pay["ci_low"], 2) == "43,16%"
    assert fmt_percent(pay["ci_high"], 2) == "43,57%"
    assert pay["rate_basis"] == "counts"
    on_time = r.loc["000-008"]  # 14.064 of more than 14.100 due
    assert fmt_percent(on_time["rate"], 2) == "99,74%"
    # the denominator is only a lower bound, so the rate is at most the computed one
    assert on_time["rate_qualifier"] == "under"


def test_stated_percent_kept_without_interval(obs, indicators):
    r = rates(obs, indicators=indicators).set_index("obs_id")
    vp = r.loc["000-013"]  # 19,5% stated without counts
    assert vp["rate"] == pytest.approx(19.5)
    assert bool(vp["no_counts"])
    assert math.isnan(vp["ci_low"]) and math.isnan(vp["ci_high"])
    assert vp["rate_basis"] == "stated"
    # a rank and a count get no rate
    assert math.isnan(r.loc["004-009", "rate"])  # 22/63 rank
    assert math.isnan(r.loc["001-009", "rate"])  # 253.529 dossiers


def test_rates_keep_input_columns_and_do_not_modify_input(obs, indicators):
    before = obs.copy()
    r = rates(obs, indicators=indicators)
    pd.testing.assert_frame_equal(obs, before)
    assert list(r.columns[: len(obs.columns)]) == list(obs.columns)
    assert len(r) == len(obs)
    for col in ("rate", "ci_low", "ci_high", "no_counts", "small_n", "zero_denominator"):
        assert col in r.columns


def test_small_and_zero_denominators(indicators):
    df = _synthetic(
        [
            {"numerator": 10, "denominator": 13},
            {"numerator": 0, "denominator": 0},
            {"numerator": 300, "denominator": 1000},
            {"numerator": 12, "denominator": 10},
        ]
    )
    r = rates(df, indicators=indicators)
    assert r["small_n"].tolist() == [True, False, False, True]
    assert r["zero_denominator"].tolist() == [False, True, False, False]
    assert math.isnan(r.loc[1, "rate"]) and math.isnan(r.loc[1, "ci_low"])
    assert r["invalid_counts"].tolist() == [False, False, False, True]
    assert math.isnan(r.loc[3, "rate"])


def test_wilson_matches_scipy_on_the_bundled_counts(obs, indicators):
    r = rates(obs, indicators=indicators)
    counted = r[r["rate_basis"] == "counts"]
    assert len(counted) >= 10
    for _, row in counted.iterrows():
        ci = binomtest(int(row["numerator"]), int(row["denominator"])).proportion_ci(
            method="wilson"
        )
        assert row["ci_low"] == pytest.approx(100 * ci.low, abs=1e-9)
        assert row["ci_high"] == pytest.approx(100 * ci.high, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_scipy_everywhere(kn):
    k, n = kn
    r = rates(_synthetic([{"numerator": k, "denominator": n}]), indicators=None).iloc[0]
    ci = binomtest(k, n).proportion_ci(method="wilson")
    assert r["ci_low"] == pytest.approx(100 * ci.low, abs=1e-7)
    assert r["ci_high"] == pytest.approx(100 * ci.high, abs=1e-7)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(2, 50),
)
def test_intervals_contain_the_estimate_and_narrow_with_n(kn, m):
    k, n = kn
    df = _synthetic(
        [{"numerator": k, "denominator": n}, {"numerator": k * m, "denominator": n * m}]
    )
    r = rates(df, indicators=None)
    for _, row in r.iterrows():
        assert 0 <= row["ci_low"] <= row["rate"] <= row["ci_high"] <= 100
    width = (r["ci_high"] - r["ci_low"]).tolist()
    assert width[1] < width[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.floats(0, 1e6, allow_nan=False), st.floats(0, 1e6, allow_nan=False), st.booleans()
        ),
        min_size=1,
        max_size=20,
    )
)
def test_rates_stay_within_0_100(rows):
    df = _synthetic(
        [
            {"numerator": a, "denominator": b} if counts else {"value": min(a, 100.0)}
            for a, b, counts in rows
        ]
    )
    r = rates(df, indicators=None)
    ok = r["rate"].dropna()
    assert ((ok >= 0) & (ok <= 100)).all()
    assert ((r["ci_low"].dropna() >= 0) & (r["ci_high"].dropna() <= 100)).all()


# ---------------------------------------------------------------------------------------------
# compare


def test_compare_refuses_different_indicators(obs, indicators):
    with pytest.raises(ComparabilityError) as err:
        compare(obs, ["dossier_online_share", "dvctt_with_dossiers"], indicators=indicators)
    assert "dossier_online_share" in err.value.vi and "dvctt_with_dossiers" in err.value.vi
    assert "dossier_online_share" in err.value.en and "dvctt_with_dossiers" in err.value.en
    with pytest.raises(ComparabilityError):
        compare(obs, "dossier_online_share", allow=["dvctt_with_dossiers"], indicators=indicators)


def test_compare_unknown_or_unreported_indicator(obs, indicators):
    with pytest.raises(UsageError) as err:
        compare(obs, "dossier_online_sharee", indicators=indicators)
    assert "dossier_online_sharee" in err.value.en
    empty = compare(obs, "adult_dvctt_use_share", indicators=indicators)
    assert empty.empty and empty.attrs["warnings"] == []


def test_compare_accepts_ids_declared_comparable(indicators):
    table = indicators.copy()
    table["comparable_with"] = table["comparable_with"].astype(object)
    table.loc[table["id"] == "on_time_rate", "comparable_with"] = "late_rate"
    df = _synthetic(
        [
            {"province_code": "14", "indicator": "on_time_rate", "value": 99.0},
            {"province_code": "19", "indicator": "late_rate", "value": 1.0},
        ]
    )
    out = compare(df, "late_rate", allow=["on_time_rate"], indicators=table)
    assert set(out["indicator"]) == {"late_rate"}
    assert set(out["indicator_original"]) == {"on_time_rate", "late_rate"}


def test_compare_dossier_online_share_warns_about_periods(obs, indicators):
    out = compare(obs, "dossier_online_share", indicators=indicators)
    assert set(out["indicator"]) == {"dossier_online_share"}
    assert (out["admin_level"] == "province").all()
    codes = out.attrs["warning_codes"]
    assert "period_length" in codes and "year" in codes
    assert len(out.attrs["warnings"]) == len(out.attrs["warnings_vi"]) == len(codes)
    # Vĩnh Phúc's 19,5% covers only the provincial agencies, one quarter of 2021
    assert "unit_scope" in codes
    vp = out[out["province_code"] == "26"]
    assert "unit_scope" in vp["warnings"].iloc[0]
    # one latest value per unit, and the time series is kept
    assert out.groupby(["province_code", "unit_name", "admin_level"])["latest"].sum().eq(1).all()
    tn = out[out["province_code"] == "19"]
    assert len(tn) == 2
    assert tn.loc[tn["latest"], "rate"].iloc[0] == pytest.approx(47.75)
    assert (out["period_label"] != "").all() and (out["period_label_en"] != "").all()


def test_compare_flags_level_systems(obs, indicators):
    out = compare(obs, "dvctt_with_dossiers", indicators=indicators)
    assert "level_system" in out.attrs["warning_codes"]
    assert set(out["level_system"]) == {"legacy_1_4", "toan_trinh_mot_phan"}
    # the unnamed province of source 001 is labelled honestly
    assert "tỉnh không nêu tên" in set(out["unit_label"])


def test_compare_keeps_one_admin_level_unless_asked(obs, indicators):
    prov = compare(obs, "on_time_rate", indicators=indicators)
    assert set(prov["admin_level"]) == {"province"}
    every = compare(obs, "on_time_rate", admin_level=None, indicators=indicators)
    assert len(every) > len(prov)
    assert "admin_level" in every.attrs["warning_codes"]


def test_compare_leaves_out_parts_of_totals(obs, indicators):
    out = compare(obs, "dvctt_level4_count", indicators=indicators)
    assert "004-003" in set(out["obs_id"])
    assert not {"004-004", "004-005", "004-006"} & set(out["obs_id"])
    parts = is_part(obs)
    assert bool(parts[obs["obs_id"] == "004-004"].iloc[0])
    # 770 services out of the 1.800 procedures is a figure in its own right, not a part
    assert not bool(parts[obs["obs_id"] == "000-002"].iloc[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["dossier_online_share", "dvctt_with_dossiers", "on_time_rate"]),
            st.sampled_from(["14", "19", "26", "74", ""]),
            st.sampled_from(["province", "agency"]),
            st.integers(2019, 2025),
        ),
        min_size=1,
        max_size=15,
    ),
    st.sampled_from(["dossier_online_share", "dvctt_with_dossiers", "on_time_rate"]),
)
def test_compare_never_returns_two_ids(rows, wanted):
    df = _synthetic(
        [
            {
                "indicator": ind,
                "province_code": code,
                "admin_level": level,
                "period_start": f"{year}-01-01",
                "period_end": f"{year}-12-31",
                "value": 50.0,
            }
            for ind, code, level, year in rows
        ]
    )
    out = compare(df, wanted, admin_level=None, indicators=None)
    assert out["indicator"].nunique() <= 1
    assert set(out["indicator_original"]) <= {wanted}
    assert len(out) == sum(1 for r in rows if r[0] == wanted)


# ---------------------------------------------------------------------------------------------
# targets


def test_gaps_to_targets(obs, targets, indicators):
    g = gaps_to_targets(obs, targets, indicators=indicators)
    bd = g[(g["obs_id"] == "003-011") & (g["target_id"] == "P74-2025-dossier_online_share")]
    assert len(bd) == 1
    row = bd.iloc[0]
    assert row["gap_pp"] == pytest.approx(80 - 77.25)
    assert not row["met"]
    assert row["needed_pp_per_year"] == pytest.approx(2.75, rel=0.01)
    assert "Bình Dương" in row["document"]
    pay = g[(g["obs_id"] == "003-014") & (g["target_id"] == "N-2024-payment_dossier_share")]
    assert bool(pay["met"].iloc[0]) and pay["gap_pp"].iloc[0] == pytest.approx(50 - 72.95)


def test_targets_apply_only_to_their_province_and_later_years(obs, targets, indicators):
    g = gaps_to_targets(obs, targets, indicators=indicators)
    prov = g[g["scope"] == "province"]
    assert (prov["target_province_code"] == prov["province_code"]).all()
    assert (g["target_year"] >= g["period_end"].dt.year).all()
    # Vĩnh Phúc 2021 is not judged against the 2019-2020 target
    assert "N-2020-dossier_online_share" not in set(g["target_id"])
    # the unnamed province only meets national targets
    assert set(g.loc[g["province_code"] == "", "scope"]) <= {"national"}
    assert g["document"].notna().all() and (g["document"] != "").all()


# ---------------------------------------------------------------------------------------------
# pipelines


def test_pipelines_of_source_001(obs):
    p = pipelines(obs)
    s1 = p[p["source_id"].str.startswith("001")]
    service = s1[s1["pipeline"] == "service"].set_index("stage")["count"]
    assert service.tolist() == [1868, 1542, 1385, 860]
    pay = s1[s1["pipeline"] == "payment"].set_index("stage")
    assert pay["count"].tolist() == [482, 410, 309, 183]
    assert pay.loc["configured", "kept_pct"] == pytest.approx(100 * 410 / 482)
    assert pay.loc["configured", "lost_count"] == 72
    dossiers = s1[s1["pipeline"] == "payment_dossiers"].set_index("stage")
    assert dossiers.loc["paid_online", "of_first_pct"] == pytest.approx(100 * 95345 / 219856)


def test_pipelines_report_only_stages_the_source_gives(obs):
    p = pipelines(obs)
    assert (p.groupby(["source_id", "province_code", "pipeline", "year"]).size() >= 2).all()
    tn = p[(p["province_code"] == "19") & (p["pipeline"] == "service")]
    assert "tthc" not in set(tn["stage"])  # Thái Nguyên gives no count of all procedures
    assert tn["count"].tolist() == [1292, 1036, 158]
    kept = p["kept_pct"].dropna()
    assert np.allclose(kept + p.loc[kept.index, "lost_pct"], 100)


# ---------------------------------------------------------------------------------------------
# two proportions


def test_two_proportions_matches_newcombe_and_scipy():
    # Newcombe (1998), Statistics in Medicine 17:873, examples (a) and (d), method 10
    r = two_proportions((56, 70), (48, 80)).iloc[0]
    assert r["diff_pp"] == pytest.approx(20.0)
    assert r["ci_low_pp"] == pytest.approx(5.24, abs=0.01)
    assert r["ci_high_pp"] == pytest.approx(33.39, abs=0.01)
    r = two_proportions((9, 10), (3, 10)).iloc[0]
    assert r["ci_low_pp"] == pytest.approx(17.05, abs=0.01)
    assert r["ci_high_pp"] == pytest.approx(80.90, abs=0.01)
    chi = chi2_contingency([[56, 14], [48, 32]], correction=False)
    assert two_proportions((56, 70), (48, 80))["p_value"].iloc[0] == pytest.approx(chi.pvalue)


def test_two_proportions_with_rows(obs):
    a = obs[obs["obs_id"] == "000-018"]  # 1.565/1.609 filed online (Ban Quản lý các KCN)
    b = obs[obs["obs_id"] == "000-020"]  # 600/780 paid online
    r = two_proportions(a, b)
    assert r["obs_id_a"].iloc[0] == "000-018"
    assert r["diff_pp"].iloc[0] == pytest.approx(100 * (1565 / 1609 - 600 / 780))
    assert r["ci_low_pp"].iloc[0] < r["diff_pp"].iloc[0] < r["ci_high_pp"].iloc[0]
    assert "definitional" in two_proportions.__doc__


# ---------------------------------------------------------------------------------------------
# 63 → 34 provinces


def test_to_34_provinces_on_the_bundled_data(obs, indicators):
    t = to_34_provinces(obs, indicators=indicators)
    assert (t["map"] == "34").all()
    vp = t[
        (t["old_province_codes"] == "26")
        & (t["indicator"] == "on_time_rate")
        & (t["admin_level"] == "province")
    ]
    assert len(vp) and vp["value"].isna().all()
    assert (vp["missing_reason"] == "chỉ có Vĩnh Phúc trong 3 tỉnh cũ của Phú Thọ").all()
    # Sơn La did not merge: its figures are unchanged
    sl_in = obs[obs["province_code"] == "14"]
    sl_out = t[t["old_province_codes"] == "14"]
    assert len(sl_out) == len(sl_in)
    stated = sl_out[sl_out["value_basis"] == "stated"]
    assert stated["value"].sum() == pytest.approx(sl_in["value"].astype(float).sum())
    cut = sl_out[sl_out["indicator"] == "tthc_cut_share"].iloc[0]  # 268/360, no percent stated
    assert cut["value_basis"] == "counts" and cut["value"] == pytest.approx(100 * 268 / 360)
    assert (sl_out["missing_reason"] == "").all()
    # Ban Quản lý các KCN (agency of Vĩnh Phúc) keeps its figure under Phú Thọ's code
    kcn = t[(t["unit_name"] == "Ban Quản lý các KCN") & (t["indicator"] == "dossier_online_share")]
    assert kcn["province_code"].tolist() == ["25"] and kcn["numerator"].tolist() == [1565]


def _all_constituents(new: str, counts: list[tuple[int, int]], indicator: str, **extra):
    olds = old_codes(new)
    return _synthetic(
        [
            dict(
                {"province_code": o, "indicator": indicator, "numerator": k, "denominator": n},
                **extra,
            )
            for o, (k, n) in zip(olds, counts, strict=False)
        ]
    )


def test_to_34_sums_counts_never_averages_percentages(indicators):
    df = _all_constituents("25", [(10, 100), (900, 1000), (1, 10)], "dossier_online_share")
    t = to_34_provinces(df, indicators=indicators)
    row = t[t["province_code"] == "25"].iloc[0]
    assert row["numerator"] == 911 and row["denominator"] == 1110
    assert row["value"] == pytest.approx(100 * 911 / 1110)  # not the mean of 10%, 90%, 10%
    # percentages without counts are not averaged
    df = _synthetic([{"province_code": o, "value": 50.0} for o in old_codes("25")])
    t = to_34_provinces(df, indicators=indicators)
    assert math.isnan(t["value"].iloc[0]) and "trung bình" in t["missing_reason"].iloc[0]
    # ranks are never aggregated
    df = _synthetic(
        [
            {
                "province_code": o,
                "indicator": "dossier_online_share_rank",
                "value": 5.0,
                "denominator": 63,
            }
            for o in old_codes("25")
        ]
    )
    t = to_34_provinces(df, indicators=indicators)
    assert math.isnan(t["value"].iloc[0]) and t["missing_reason"].iloc[0] != ""


_MERGED = sorted({n for n in load_merge()["new_code"] if len(old_codes(n)) > 1})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_MERGED),
    st.lists(
        st.integers(0, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        min_size=3,
        max_size=3,
    ),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_to_34_conserves_totals_only_when_all_report(new, counts, reports):
    olds = old_codes(new)
    rows = [
        {"province_code": o, "numerator": k, "denominator": n}
        for o, (k, n), rep in zip(olds, counts, reports, strict=False)
        if rep
    ]
    counts_rows = [
        {"province_code": o, "indicator": "dossier_online_count", "value": float(n)}
        for o, (_, n), rep in zip(olds, counts, reports, strict=False)
        if rep
    ]
    if not rows:
        return
    t = to_34_provinces(_synthetic(rows + counts_rows), indicators=None)
    assert set(t["province_code"]) == {new}
    everyone = len(rows) == len(olds)
    share = t[t["indicator"] == "dossier_online_share"].iloc[0]
    count = t[t["indicator"] == "dossier_online_count"].iloc[0]
    if everyone:
        used = counts[: len(olds)]
        assert share["numerator"] == sum(k for k, _ in used)
        assert share["denominator"] == sum(n for _, n in used)
        assert count["value"] == sum(n for _, n in used)
        assert count["missing_reason"] == ""
        if share["denominator"] > 0:
            assert share["missing_reason"] == ""
            assert share["value"] == pytest.approx(100 * share["numerator"] / share["denominator"])
    else:
        for r in (share, count):
            assert math.isnan(r["value"]) and math.isnan(r["numerator"])
            assert r["missing_reason"].startswith("chỉ có ")


# ---------------------------------------------------------------------------------------------
# funnel limits


def test_funnel_limits():
    units = pd.DataFrame({"numerator": [30, 150, 900], "denominator": [100, 500, 3000]})
    f = funnel_limits(units)
    assert (f["basis"] == "pooled").all()
    assert f["centre"].iloc[0] == pytest.approx(100 * 1080 / 3600)
    assert (f["lower_998"] <= f["lower_95"]).all() and (f["lower_95"] <= f["centre"]).all()
    assert (f["centre"] <= f["upper_95"]).all() and (f["upper_95"] <= f["upper_998"]).all()
    width = f["upper_95"] - f["lower_95"]
    assert width.iloc[-1] < width.iloc[0]
    # at large n the exact limits approach the normal ones (Spiegelhalter 2005)
    g = funnel_limits(units, target=80, denominators=[10_000])
    p, n = 0.8, 10_000
    assert (g["basis"] == "target").all()
    assert g["upper_95"].iloc[0] == pytest.approx(
        100 * (p + 1.959964 * math.sqrt(p * (1 - p) / n)), abs=0.02
    )
    assert g["lower_998"].iloc[0] == pytest.approx(
        100 * (p - 3.090232 * math.sqrt(p * (1 - p) / n)), abs=0.02
    )
