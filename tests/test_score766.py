"""Bộ chỉ số 766: group maxima per scheme, import of the portal table, and its figure."""

from __future__ import annotations

import pytest

from dvc_analysis.errors import UsageError, UserDataError
from dvc_analysis.score766 import load_groups, plot_score766, read_score766, to_observations

SIX = """STT,TEN,TONG_SCORE,CKMB,TDGQ,DVCTT,TTTT,MDHL,MDSH
1,Bắc Ninh,"92,5","17,5","19,8","11,2",10,"17,5","16,5"
2,Sơn La,"86,94","16,9","19,5","10,04","8,5",16,16
3,TP. Hà Nội,80,15,18,10,7,15,15
"""
FIVE = """Xếp hạng;Tên đơn vị;Tổng điểm;CKMB;TDGQ;CLGQ;MDHL;MDSH
1;Sơn La;88.5;17.5;19;18;17;17
2;Vĩnh Phúc;70;12;15;15;14;14
"""


def test_group_maxima_sum_to_100_per_scheme():
    groups = load_groups()
    sums = groups.groupby("scheme")["max_points"].sum()
    assert set(sums.index) == {"nhom6", "nhom5"}
    assert (sums == 100).all()
    six = load_groups("nhom6").set_index("group")["max_points"]
    assert six["tttt"] == 10 and six["mdsh"] == 22 and six["dvctt"] == 12
    assert load_groups("nhom5").set_index("group").loc["dvctt_tt", "max_points"] == 22
    with pytest.raises(UsageError):
        load_groups("nhom7")


def test_read_six_group_table(tmp_path):
    p = tmp_path / "bang766.csv"
    p.write_text(SIX, encoding="utf-8")
    t = read_score766(p, period="2025")
    assert set(t["scheme"]) == {"nhom6"} and t["unit_name"].nunique() == 3
    assert set(t["province_code"]) == {"24", "14", "01"}  # 2025 → 34-province map: 24 = Bắc Ninh
    son_la = t[t["unit_name"] == "Sơn La"].set_index("group")
    assert son_la["total"].iloc[0] == pytest.approx(86.94)
    assert son_la.loc["tttt", "missing_points"] == pytest.approx(1.5)
    assert son_la.loc["dvctt", "missing_points"] == pytest.approx(12 - 10.04)
    assert (t["missing_points"] + t["score"] - t["max_points"]).abs().max() < 1e-9


def test_read_five_group_table_english_numbers(tmp_path):
    p = tmp_path / "old766.csv"
    p.write_text(FIVE, encoding="utf-8")
    t = read_score766(p, period="Q4/2023")
    assert set(t["scheme"]) == {"nhom5"}
    assert set(t["province_code"]) == {"14", "26"}  # 2023 → 63-province map
    assert t.loc[(t["unit_name"] == "Sơn La") & (t["group"] == "dvctt_tt"), "missing_points"].item() == 4


def test_inconsistent_table_is_refused(tmp_path):
    bad = SIX.replace('"86,94"', "96")  # total no longer the sum of its groups
    p = tmp_path / "bad.csv"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(UserDataError) as e:
        read_score766(p, period="2025")
    assert "Sơn La" in e.value.vi
    over = SIX.replace(",10,\"17,5\"", ",12,\"15,5\"")  # payment 12 > its maximum of 10
    p.write_text(over, encoding="utf-8")
    with pytest.raises(UserDataError):
        read_score766(p, period="2025")
    with pytest.raises(UsageError):
        read_score766(p)  # no period given


def test_to_observations_validates(tmp_path):
    from dvc_analysis.load import validate_observations

    p = tmp_path / "bang766.csv"
    p.write_text(SIX, encoding="utf-8")
    obs, inds = to_observations(read_score766(p, period="2025"))
    assert len(obs) == 3 * 7
    import pandas as pd

    acc, problems = validate_observations(obs, file="766", first_row=0,
                                          indicators=pd.concat([inds]), sources=["user:score766"],
                                          check_evidence=False)
    assert problems.empty and len(acc) == len(obs)


def test_figure_ranks_units_and_shows_missing_points(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from dvc_analysis.theme import figure_meta

    p = tmp_path / "bang766.csv"
    p.write_text(SIX, encoding="utf-8")
    t = read_score766(p, period="2025")
    fig = plot_score766(t, lang="vi")
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert labels == ["Bắc Ninh", "Sơn La", "TP. Hà Nội"]  # ranked by total
    missing = [b for b in ax.patches if b.get_gid() == "missing-tttt"]
    assert sorted(round(b.get_width(), 6) for b in missing) == [0, 1.5, 3]
    meta = figure_meta(fig)
    assert meta["note"].startswith("Nguồn")
    fig_en = plot_score766(t, lang="en")
    assert "766" in figure_meta(fig_en)["title"]
