"""Figures that do not overstate: no ranking across levels or years, bounds kept as bounds,
abbreviations spelled out, tier values marked, empty maps known, report copies without a frame."""

from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")

from dvc_analysis.analysis.targets import gap_status, gaps_to_targets  # noqa: E402
from dvc_analysis.figures import (  # noqa: E402
    build_figure,
    choropleth,
    dot_plot,
    gaps,
    load_context,  # noqa: E402
    theme,
    tile_map,
)


@pytest.fixture(scope="module")
def ctx():
    return load_context()


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible()]


def _close(fig):
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_dot_plot_groups_levels_and_years_into_labelled_blocks(ctx):
    fig = dot_plot(ctx["obs"], "dossier_online_share", targets=ctx["targets"])
    ax = fig.axes[0]
    titles = {round(t.get_position()[1]): t.get_text() for t in ax.texts
              if re.fullmatch(r".+ · \d{4}", t.get_text())}
    assert "Cấp tỉnh · 2024" in titles.values() and "Sở, ngành · 2021" in titles.values()
    # rows: y position -> (label, value); every row sits under the title of its own block
    rows = {}
    for t in ax.texts:
        m = re.match(r"^(>?)([\d,]+)% {2}· {2}(.+)$", t.get_text())
        if m:
            rows[round(t.get_position()[1])] = float(m.group(2).replace(",", "."))
    tops = sorted(titles, reverse=True)
    for k, top in enumerate(tops):
        bottom = tops[k + 1] if k + 1 < len(tops) else -1
        block = [rows[y] for y in sorted(rows, reverse=True) if bottom < y < top]
        assert block, titles[top]
        assert block == sorted(block, reverse=True)  # ranked only within the block
    assert "chỉ so sánh trong cùng nhóm" in theme.figure_meta(fig)["subtitle"]
    _close(fig)


def test_gap_of_a_bound_is_never_exact(ctx):
    g = gaps_to_targets(ctx["obs"], ctx["targets"], admin_level=None)
    fig = gaps(g)
    text = " ".join(_texts(fig))
    assert "E ít nhất 10,0 đpt" in text  # "<50%" against a "> 60%" target
    assert "J: chưa rõ" in text  # ">70%" against "≥ 80%": could be either
    assert not re.search(r"còn thiếu: E 10,0", text) and "J 10,0 đpt" not in text
    assert "điểm phần trăm (đpt)" in theme.figure_meta(fig)["subtitle"]
    assert "vạch màu cam" in theme.figure_meta(fig)["subtitle"]
    _close(fig)


@pytest.mark.parametrize(
    ("qualifier", "gap", "status"),
    [("exact", 5.0, "short"), ("exact", -1.0, "met"), ("over", 10.0, "open"),
     ("over", -3.0, "met"), ("under", 30.0, "short"), ("under", -5.0, "open")],
)
def test_gap_status_of_bounds(qualifier, gap, status):
    assert gap_status({"qualifier": qualifier, "gap_pp": gap, "met": gap <= 0}) == status


def test_tile_with_a_tier_value_says_so(ctx):
    fig = tile_map(ctx["obs"], map="63")
    texts = _texts(fig)
    assert "20%*" in texts  # Vĩnh Phúc: the provincial tier only
    assert any(t.startswith("* Vĩnh Phúc: giá trị của cấp tỉnh") for t in
               (x.replace("\n", " ") for x in texts))
    assert theme.figure_meta(fig)["coloured"] == 3
    _close(fig)


def test_maps_report_how_many_provinces_they_colour(ctx):
    fig = choropleth(ctx["obs"])
    assert theme.figure_meta(fig)["coloured"] == 0  # no whole new province reports yet
    _close(fig)


def test_report_copy_drops_title_and_note_but_keeps_the_drawing(ctx, tmp_path):
    from PIL import Image

    fig = build_figure("05_dung_han", ctx)
    full = theme.save(fig, tmp_path, "full", ["png"])["png"]
    bare = theme.save_unframed(fig, tmp_path / "bare.png")
    with Image.open(full) as a, Image.open(bare) as b:
        assert a.width == b.width
        assert b.height < a.height - 150  # at 300 dpi: the title line and the note are gone
    # the standalone file keeps its frame after the copy was made
    assert all(t.get_visible() for t in fig.texts if t.get_gid() in ("title", "source_note"))
    _close(fig)
