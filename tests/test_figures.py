"""Report figures: structure, not pixels.

Titles and labels carry the expected Vietnamese text; every data row is one mark; the source
note names exactly the sources of the plotted rows; no glyph is missing; PDFs embed TrueType
fonts; two builds give identical SVG and PDF bytes.
"""

from __future__ import annotations

import re
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from dvc_analysis import figures, theme  # noqa: E402
from dvc_analysis._resources import data_path  # noqa: E402
from dvc_analysis.errors import ComparabilityError  # noqa: E402
from dvc_analysis.indicators import compare, gaps_to_targets, pipelines  # noqa: E402


def _csv(name: str) -> pd.DataFrame:
    with data_path(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def ctx():
    c = figures.load_context()
    c["lang"] = "vi"
    return c


@pytest.fixture(scope="module")
def obs_raw():
    return _csv("observations.csv").set_index("obs_id", drop=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory, ctx):
    """The whole standard set written once (PNG, SVG, PDF), with the warnings it raised (in
    this process: worker processes would keep their warnings to themselves)."""
    out = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = figures.build_standard(out, ctx=ctx, jobs=1)
    return out, results, caught


def _close(fig):
    import matplotlib.pyplot as plt

    plt.close(fig)


def _marks(fig):
    return [a for a in fig.findobj(lambda a: (a.get_gid() or "").startswith("mark-"))]


def _mark_ids(artist) -> list[str]:
    gid = artist.get_gid()[len("mark-"):]
    gid = re.sub(r"-(tile|area)-\d{2}$", "", gid)
    return [g for g in re.split(r"[+;]", gid) if g]


def _all_mark_ids(fig) -> list[str]:
    return [i for a in _marks(fig) for i in _mark_ids(a)]


def _texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


# ---------------------------------------------------------------------------------------------
# theme


def test_vietnamese_number_format_on_axes():
    assert theme.percent_formatter()(19.5, 0) == "19,5%"
    assert theme.number_formatter()(1542, 0) == "1.542"
    assert theme.number_formatter(lang="en")(1542, 0) == "1,542"
    assert theme.fmt_value(99.74, "percent") == "99,74%"


def test_source_note_is_built_from_sources_csv():
    sources = _csv("sources.csv")
    ids = list(sources["source_id"])
    note = theme.source_note([ids[3], ids[0], ids[3]])
    assert note.startswith("Nguồn: ")
    for sid in (ids[0], ids[3]):
        short = sid.split("_")[0]
        assert f"[{short}]" in note
        assert sources.set_index("source_id").loc[sid, "title"] in note
    for sid in (ids[1], ids[2], ids[4]):
        assert f"[{sid.split('_')[0]}]" not in note
    # the source that names no province is cited as such
    unnamed = sources[sources["province_name"] == ""]["source_id"].tolist()
    assert unnamed and "tỉnh không nêu tên" in theme.source_note(unnamed)
    assert theme.source_note(unnamed, "en").startswith("Source: ")
    # and the label comes from the table, not from the title, when the title does not say it
    fake = sources.copy()
    fake.loc[fake["province_name"] == "", "title"] = "Báo cáo năm 2024"
    assert "tỉnh không nêu tên" in theme.source_note(unnamed, sources=fake)
    assert theme.source_note([]) == "Nguồn: không có số liệu."


# ---------------------------------------------------------------------------------------------
# the standard set as written


def test_standard_set_is_written_in_three_formats(built):
    out, results, _ = built
    assert len(results) >= 8
    stems = [r["stem"] for r in results]
    assert len(stems) == len(set(stems))
    assert set(stems) <= {s for s, *_ in figures.STANDARD}
    for r in results:
        assert r["title"].strip()
        assert r["source_note"].count("Nguồn") == 1
        assert r["source_ids"]
        for ext in ("png", "svg", "pdf"):
            path = r["paths"][ext]
            assert path.exists() and path.stat().st_size > 1000, path
            assert path.name == f"{r['stem']}.{ext}"


def test_no_missing_glyph_warnings(built):
    _, _, caught = built
    glyphs = [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert glyphs == []


def test_standard_set_draws_without_warnings(built):
    """No layout, glyph or other user warning from any figure (e.g. constrained layout giving
    up on a figure whose decorations do not fit)."""
    _, _, caught = built
    assert [str(w.message) for w in caught if issubclass(w.category, UserWarning)] == []


def test_missing_glyph_detector_works():
    """The check above can fail: a character DejaVu Sans lacks does raise the warning."""
    import matplotlib.pyplot as plt

    fig = theme.themed(lambda: plt.figure())()
    fig.text(0.5, 0.5, "\u4e00")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert any("missing from" in str(w.message) for w in caught)
    _close(fig)


def test_pdf_fonts_are_embedded_truetype(built):
    from pypdf import PdfReader

    _, results, _ = built
    for r in results:
        reader = PdfReader(str(r["paths"]["pdf"]))
        fonts = []
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.append(font.get_object())
        assert fonts, r["stem"]
        for font in fonts:
            subtype = font["/Subtype"]
            if subtype == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
                assert font["/Subtype"] == "/CIDFontType2"
            else:
                assert subtype == "/TrueType", (r["stem"], subtype)
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), r["stem"]
            assert "DejaVuSans" in str(font["/BaseFont"])


def test_svg_keeps_text_as_text(built):
    _, results, _ = built
    by_stem = {r["stem"]: r for r in results}
    svg = by_stem["02_ty_le_ho_so_truc_tuyen"]["paths"]["svg"].read_text(encoding="utf-8")
    assert "Tỷ lệ hồ sơ trực tuyến" in svg
    assert "Nguồn:" in svg


def test_two_builds_give_identical_svg_and_pdf(built, tmp_path, ctx):
    _, first, _ = built
    second = figures.build_standard(tmp_path, ctx=ctx, formats=("svg", "pdf"))
    assert [r["stem"] for r in second] == [r["stem"] for r in first]
    for a, b in zip(first, second, strict=True):
        for ext in ("svg", "pdf"):
            assert a["paths"][ext].read_bytes() == b["paths"][ext].read_bytes(), (a["stem"], ext)


def test_source_note_names_exactly_the_plotted_sources(ctx, obs_raw):
    targets = ctx["targets"].set_index("target_id")
    for stem, *_ in figures.STANDARD:
        fig = figures.build_figure(stem, ctx)
        if fig is None:
            continue
        meta = theme.figure_meta(fig)
        ids = _all_mark_ids(fig)
        if stem == "15_rao_can":  # the heat map counts mentions, not observations
            ids = []
            mentions = ctx["mentions"]
            expected = set(figures._full_source_ids(
                mentions.loc[mentions["kind"] == "barrier", "source_id"]))
            assert set(meta["source_ids"]) == expected
            _close(fig)
            continue
        if not ids:  # nothing could be coloured: the figure says so in words
            assert "Không tỉnh nào có đủ số liệu" in _texts(fig), stem
            _close(fig)
            continue
        plotted = {obs_raw.loc[i, "source_id"] for i in ids}
        target_sources = {s for s in targets["source_id"] if s}
        assert plotted <= set(meta["source_ids"]), stem
        assert set(meta["source_ids"]) <= plotted | target_sources, stem
        for sid in meta["source_ids"]:
            assert f"[{sid.split('_')[0]}]" in meta["note"]
        _close(fig)


# ---------------------------------------------------------------------------------------------
# one mark per data row


def test_dot_plot_marks_and_labels(ctx):
    obs = ctx["obs"]
    expected = compare(obs, "dossier_online_share", admin_level=None)
    expected = expected[expected["rate"].notna() | expected["value"].notna()]
    fig = figures.dot_plot(obs, "dossier_online_share", targets=ctx["targets"])
    assert sorted(_all_mark_ids(fig)) == sorted(expected["obs_id"])
    name = ctx["indicators"].set_index("id").loc["dossier_online_share", "name_vi"]
    meta = theme.figure_meta(fig)
    assert meta["title"] == name
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("Bình Dương" in t for t in labels) and any("Thái Nguyên" in t for t in labels)
    text = _texts(fig)
    assert "77,25%" in text and "quý 3/2021" in text  # value and period beside the mark
    # national target lines carry their document
    assert "Nghị quyết 03/NQ-CP" in text
    _close(fig)


def test_dot_plot_refuses_two_indicators(ctx):
    with pytest.raises(ComparabilityError):
        figures.dot_plot(ctx["obs"], ["dossier_online_share", "dvctt_with_dossiers"])


def test_supply_use_one_indicator_per_panel(ctx, obs_raw):
    obs = ctx["obs"]
    fig = figures.supply_use(obs)
    expected = 0
    for ind in figures.SUPPLY_USE:
        c = compare(obs, ind, admin_level="province")
        expected += int((c["latest"] & (c["rate"].notna() | c["value"].notna())).sum())
    assert len(_marks(fig)) == expected
    for ax in fig.axes:
        inds = {obs_raw.loc[i, "indicator"] for a in _marks(ax) for i in _mark_ids(a)}
        assert len(inds) <= 1, inds
    assert "Cung cấp và sử dụng" in theme.figure_meta(fig)["title"]
    _close(fig)


@pytest.mark.parametrize("kind", ["service", "payment"])
def test_pipeline_one_bar_per_stage(ctx, kind):
    p = pipelines(ctx["obs"])
    rows = p[p["pipeline"].str.startswith(kind)]
    fig = figures.build_figure("06_chuoi_dich_vu" if kind == "service" else "07_chuoi_thanh_toan",
                               ctx)
    assert len(_marks(fig)) == len(rows)
    text = _texts(fig)
    assert "mất" in text and "còn lại" in text
    _close(fig)


def test_gaps_one_row_per_unit_and_documents_named(ctx):
    g = gaps_to_targets(ctx["obs"], ctx["targets"], admin_level=None)
    latest = g.groupby(["indicator", "province_code", "unit_name", "admin_level"])[
        "period_end"].transform("max")
    expected = g.loc[g["period_end"] == latest, "obs_id"].nunique()
    fig = figures.gaps(g)
    assert len(_marks(fig)) == expected
    text = _texts(fig)
    for doc in set(g["document"]):
        assert doc in text.replace("\n", " ") or doc[:40] in text.replace("\n", " ")
    _close(fig)


def test_trend_panels_share_one_scale(ctx):
    fig = figures.trends(ctx["obs"])
    axes = [a for a in fig.axes if a.get_visible() and _marks(a)]
    assert len(axes) >= 2
    assert len({a.get_ylim() for a in axes}) == 1
    for ax in axes:
        assert len(_marks(ax)) >= 2  # a series has two periods or more
    _close(fig)


def test_phu_yen_fields_match_the_source_list(ctx, seeds_dir):
    lines = [s.strip() for s in
             (seeds_dir / "002_b75df68ecf89b16b.txt").read_text(encoding="utf-8").splitlines()]
    listed = [s for s in lines if s.startswith("- Lĩnh vực")]
    fig = figures.fields_bars(ctx["obs"])
    assert len(_marks(fig)) == len(listed)
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "Thuế" in ticks and "Tư pháp - Hộ tịch" in ticks
    # sorted: the longest bar at the top of each panel
    for ax in fig.axes:
        widths = [p.get_width() for p in _marks(ax)]
        assert widths == sorted(widths)
    _close(fig)


def test_composition_parts(ctx, obs_raw):
    fig = figures.composition(ctx["obs"])
    ids = _all_mark_ids(fig)
    comps = {obs_raw.loc[i, "component"] for i in ids} - {""}
    assert {"toan_trinh", "mot_phan", "muc_do_3", "muc_do_4", "cap_tinh", "cap_huyen",
            "cap_xa"} <= comps
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert any("toàn trình" in t for t in titles) and any("mức độ 4" in t for t in titles)
    # one panel never mixes what is counted (dossiers vs services)
    for ax in fig.axes:
        totals = {obs_raw.loc[i, "part_of"] or obs_raw.loc[i, "indicator"]
                  for a in _marks(ax) for i in _mark_ids(a)}
        kinds = {obs_raw.loc[t, "indicator"] if t in obs_raw.index else t for t in totals}
        kinds = {"dvctt" if k.startswith("dvctt_level") else k for k in kinds}
        assert len(kinds) <= 1, kinds
    _close(fig)


def test_barrier_heatmap_counts(ctx):
    import numpy as np

    m = ctx["mentions"]
    m = m[m["kind"] == "barrier"]
    fig = figures.barrier_heatmap(ctx["mentions"], ctx["barriers"])
    meta = theme.figure_meta(fig)
    cells = m.assign(u=m["source_id"] + m["unit_name"]).drop_duplicates(["u", "code"])
    assert meta["n_cells"] == len(cells)
    assert meta["n_mentions"] == len(m)
    ax = fig.axes[0]
    empty = [p for p in ax.patches if (p.get_gid() or "").startswith("empty-")]
    mesh = next(c for c in ax.collections if c.get_gid() == "barrier-cells")
    filled = int(np.ma.count(mesh.get_array()))  # cells seaborn coloured (the rest are masked)
    assert filled == len(cells)
    assert len(empty) + filled == len(ax.get_yticks()) * len(ctx["barriers"])
    _close(fig)


def test_tile_map_63_and_34(ctx):
    obs = ctx["obs"]
    c = compare(obs, "dossier_online_share", admin_level="province")
    named = {p for p in c.loc[c["latest"], "province_code"] if p}
    fig = figures.tile_map(obs, map="63")
    ax = fig.axes[0]
    tiles = [p for p in ax.patches if "tile" in (p.get_gid() or "")]
    assert len(tiles) == 63
    assert len([p for p in tiles if p.get_gid().startswith("mark-")]) == len(named)
    _close(fig)
    # on the 34 map, merged provinces where only one former province reports are hatched,
    # never coloured
    merge = _csv("province_merge_2025.csv")
    sizes = merge.groupby("new_code").size()
    new_of = dict(zip(merge["old_code"], merge["new_code"], strict=True))
    hatched = {new_of[p] for p in named if sizes[new_of[p]] > 1}
    fig = figures.tile_map(obs, map="34")
    ax = fig.axes[0]
    partial = {p.get_gid()[-2:] for p in ax.patches if (p.get_gid() or "").startswith(
        "tile-partial-")}
    assert partial == hatched
    assert "Bản đồ ô 34 tỉnh" in theme.figure_meta(fig)["title"]
    _close(fig)


def test_choropleth_attribution_and_areas(ctx):
    fig = figures.choropleth(ctx["obs"])
    ax = fig.axes[0]
    areas = [p for p in ax.patches if "area" in (p.get_gid() or "")]
    assert len(areas) == 34
    assert "thanglequoc/vietnamese-provinces-database (MIT)" in theme.figure_meta(fig)["note"]
    _close(fig)


def _user_obs(n_units: int = 40) -> pd.DataFrame:
    import numpy as np

    rng = np.random.default_rng(7)
    prov = _csv("provinces.csv")["code"].tolist()[:n_units]
    rows = []
    for i, code in enumerate(prov):
        n = int(rng.integers(500, 50_000))
        k = int(rng.binomial(n, 0.45 + 0.1 * rng.standard_normal() * 0.3))
        rows.append({
            "obs_id": f"U-{i:03d}", "source_id": "user_2024", "paragraph": "",
            "province_code": code, "unit_name": "", "admin_level": "province",
            "indicator": "dossier_online_share", "component": "", "period_start": "2024-01-01",
            "period_end": "2024-12-31", "period_label": "", "numerator": k, "denominator": n,
            "value": "", "qualifier": "exact", "evidence": f"{k}/{n}", "part_of": "", "note": "",
        })
    return pd.DataFrame(rows)


def test_funnel_plot_for_many_units(ctx):
    obs = _user_obs(40)
    fig = figures.funnel_plot(obs)
    assert len(_marks(fig)) == 40
    assert "95%" in _texts(fig) and "99,8%" in _texts(fig)
    assert "40 đơn vị" in theme.figure_meta(fig)["subtitle"]
    _close(fig)
    assert len(figures.funnel_candidates(obs)) == 40
    assert figures.funnel_candidates(ctx["obs"]).empty  # the bundled sources are a handful


def test_standard_set_with_user_data(tmp_path, ctx):
    user = ctx | {"obs": _user_obs(63)}
    wanted = ("01_cung_cap_va_su_dung", "02_ty_le_ho_so_truc_tuyen", "03_dvctt_co_phat_sinh_ho_so",
              "12_ban_do_o_63", "14_ban_do_34_tinh", "16_bieu_do_pheu")
    results = figures.build_standard(tmp_path, ctx=user, formats=("png",), stems=wanted)
    stems = {r["stem"] for r in results}
    # figures without data (no service counts in these rows) are left out, not drawn empty
    assert stems == set(wanted) - {"03_dvctt_co_phat_sinh_ho_so"}
    for r in results:
        if r["stem"] not in ("15_rao_can",):
            assert "user_2024" in r["source_ids"], r["stem"]


def test_english_labels_come_from_indicators_csv(ctx):
    names = ctx["indicators"].set_index("id")["name_en"]
    fig = figures.dot_plot(ctx["obs"], "payment_dossier_share", targets=ctx["targets"],
                           lang="en")
    meta = theme.figure_meta(fig)
    assert meta["title"] == names["payment_dossier_share"]
    assert meta["note"].startswith("Source")
    assert "Unnamed province" in _texts(fig)
    _close(fig)
    fig = figures.supply_use(ctx["obs"], lang="en")
    titles = " ".join(ax.get_title(loc="left").replace("\n", " ") for ax in fig.axes)
    assert names["dossier_online_share"] in titles
    assert theme.figure_meta(fig)["title"] == "Supply and use of online public services"
    _close(fig)


def test_empty_input_gives_a_visible_message(ctx):
    fig = figures.dot_plot(ctx["obs"].iloc[0:0], "dossier_online_share")
    assert "Không có số liệu" in _texts(fig)
    _close(fig)


def test_worker_processes_do_not_change_the_files(tmp_path, ctx):
    stems = ("08_khoang_cach_muc_tieu", "14_ban_do_34_tinh", "10_co_cau")
    one = figures.build_standard(tmp_path / "one", ctx=ctx, formats=("svg",), stems=stems, jobs=1)
    two = figures.build_standard(tmp_path / "two", ctx=ctx, formats=("svg",), stems=stems, jobs=2)
    assert [r["stem"] for r in one] == [r["stem"] for r in two] == sorted(stems)
    for a, b in zip(one, two, strict=True):
        assert a["paths"]["svg"].read_bytes() == b["paths"]["svg"].read_bytes()
