"""Figures of a dossier run: themed, sourced, drawn from the counts they claim to show."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvc_analysis import theme
from dvc_analysis.dossiers import figures
from dvc_analysis.dossiers.compute import run

CSV = Path(__file__).parent / "fixtures" / "dossiers" / "ho_so_mau.csv"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from dvc_analysis.dossiers.synth import synth

    path = synth(20_000, seed=3, out=tmp_path_factory.mktemp("fig") / "s.parquet")
    return run([path], by="xa")


def test_draw_all_writes_three_formats_with_a_source_note(synthetic, tmp_path):
    made = figures.draw_all(synthetic, tmp_path)
    assert set(made) == {"phieu_dung_han", "phieu_truc_tuyen", "xu_huong", "tre_han_theo_don_vi"}
    for png in made.values():
        assert png.stat().st_size > 10_000
        assert png.with_suffix(".svg").exists() and png.with_suffix(".pdf").exists()


def test_funnel_pools_counts_and_labels_synthetic_data(synthetic):
    import matplotlib.pyplot as plt

    fig = figures.funnel(synthetic, "on_time_rate")
    meta = theme.figure_meta(fig)
    assert meta["note"].startswith("Nguồn: tính từ") and "GIẢ LẬP" in meta["note"]
    assert "quy tắc 766" in meta["subtitle"]
    points = fig.axes[0].collections[0].get_offsets()
    wide = synthetic.wide.groupby("unit_label")[["on_time", "judged"]].sum()
    assert len(points) == (wide["judged"] > 0).sum()
    # every plotted rate is a unit's Σ on time / Σ judged
    expected = sorted(100 * wide["on_time"] / wide["judged"])
    assert sorted(points[:, 1]) == pytest.approx(expected)
    plt.close(fig)


def test_late_by_unit_on_the_fixture():
    import matplotlib.pyplot as plt

    result = run([CSV], rules="766")
    fig = figures.late_by_unit(result)
    bars = {t.get_text(): None for t in fig.axes[0].get_yticklabels()}
    assert set(bars) == {"Sở Tư pháp", "UBND xã A"}
    # Sở Tư pháp: late Jan 4 + Feb 1 = 5 resolved late, plus D02 overdue at the end of Feb
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert sorted(widths) == sorted([5, 1, 1, 1])  # (late, overdue) for STP and for xã A
    assert "Nguồn: tính từ 25 hồ sơ" in theme.figure_meta(fig)["note"]
    assert "GIẢ LẬP" not in theme.figure_meta(fig)["note"]
    plt.close(fig)
