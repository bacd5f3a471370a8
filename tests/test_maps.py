"""Map data and drawing: tile layouts, the 34-province boundaries, no-data and partial tiles."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dvc_analysis import maps
from dvc_analysis._resources import data_path
from dvc_analysis.provinces import load_provinces


def _centroids() -> dict[str, tuple[float, float]]:
    out = {}
    for code, d in maps.load_boundaries().items():
        ring = np.asarray(max(d["rings"], key=len))
        out[code] = (float(ring[:, 0].mean()), float(ring[:, 1].mean()))
    return out


@pytest.mark.parametrize("map_", ["63", "34"])
def test_tile_layout_has_every_province_once(map_):
    tiles = maps.load_tiles(map_)
    provinces = load_provinces(map_)
    assert sorted(tiles["code"]) == sorted(provinces["code"])
    assert not tiles.duplicated(["row", "col"]).any(), "two provinces on one cell"
    assert (tiles[["row", "col"]] >= 0).all().all()
    assert tiles["name"].notna().all()
    # the file itself has exactly the documented columns
    with data_path("geo", f"tiles_{map_}.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == "code,row,col"


@pytest.mark.parametrize("map_", ["63", "34"])
def test_abbreviations_are_unique(map_):
    abbr = maps.abbreviations(map_)
    assert len(abbr) == len(load_provinces(map_))
    assert len(set(abbr.values())) == len(abbr)
    assert abbr["01"] == "HN"  # Hà Nội


def test_tile_layouts_are_roughly_geographic():
    cent = _centroids()
    t34 = maps.load_tiles("34")
    lat = t34["code"].map(lambda c: cent[c][1])
    lon = t34["code"].map(lambda c: cent[c][0])
    assert t34["row"].corr(lat, method="spearman") < -0.95  # north at the top
    assert t34["col"].corr(lon, method="spearman") > 0.5  # east to the right
    # tiles that touch in the layout lie close on the ground (< 2 degrees between centroids)
    pos = {(r.row, r.col): r.code for r in t34.itertuples()}
    for (row, col), code in pos.items():
        for nb in ((row + 1, col), (row, col + 1)):
            if nb in pos:
                (x1, y1), (x2, y2) = cent[code], cent[pos[nb]]
                assert math.hypot(x1 - x2, y1 - y2) < 2.0, (code, pos[nb])
    # the 63 layout, checked through the new province each old one belongs to
    merge = pd.read_csv(str(data_path("province_merge_2025.csv")), dtype=str)
    t63 = maps.load_tiles("63").merge(merge, left_on="code", right_on="old_code")
    assert len(t63) == 63
    lat63 = t63["new_code"].map(lambda c: cent[c][1])
    assert t63["row"].corr(lat63, method="spearman") < -0.95


def test_boundaries_cover_the_34_provinces():
    bounds = maps.load_boundaries()
    assert sorted(bounds) == sorted(load_provinces("34")["code"])
    for code, d in bounds.items():
        assert d["rings"], code
        for ring in d["rings"]:
            assert len(ring) >= 4
            lon, lat = zip(*ring, strict=True)
            assert 101 < min(lon) and max(lon) < 118 and 7 < min(lat) and max(lat) < 24
    # the archipelagos are part of Đà Nẵng (Hoàng Sa) and Khánh Hòa (Trường Sa)
    assert max(x for r in bounds["48"]["rings"] for x, _ in r) > 111
    assert max(x for r in bounds["56"]["rings"] for x, _ in r) > 113


def test_geo_notice_keeps_licence_and_attribution():
    text = data_path("geo", "NOTICE.md").read_text(encoding="utf-8")
    for needle in ("MIT License", "Copyright (c) 2021 Thang Le Quoc",
                   "thanglequoc/vietnamese-provinces-database", "sapnhap.bando.com.vn",
                   "cd58063299585146ded3981f2272946ef19ced54"):
        assert needle in text
    assert "sapnhap.bando.com.vn" in maps.ATTRIBUTION["vi"]


def _gids(ax, prefix):
    return [p for p in ax.patches if (p.get_gid() or "").startswith(prefix)]


@pytest.mark.parametrize("map_", ["63", "34"])
def test_draw_tiles_keeps_no_data_visible(map_):
    import matplotlib.pyplot as plt

    codes = list(maps.load_tiles(map_)["code"])
    values = {codes[0]: 12.5, codes[5]: 80.0, codes[9]: 45.0}
    partial = {codes[2]: "chỉ có một tỉnh cũ"}
    fig, ax = plt.subplots()
    maps.draw_tiles(ax, values, map=map_, partial=partial)
    data = _gids(ax, "tile-data-")
    nodata = _gids(ax, "tile-nodata-")
    hatched = _gids(ax, "tile-partial-")
    assert len(data) == len(values)
    assert len(hatched) == 1 and hatched[0].get_hatch()
    assert len(data) + len(nodata) + len(hatched) == len(codes)
    # no-data tiles are drawn with a visible fill and outline, not left blank
    assert all(p.get_facecolor()[3] > 0 and p.get_edgecolor()[3] > 0 for p in nodata)
    # data tiles are coloured differently for different values
    assert data[0].get_facecolor() != data[1].get_facecolor()
    plt.close(fig)


def test_draw_choropleth_patches():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    maps.draw_choropleth(ax, {"01": 40.0, "79": 77.0}, partial={"25": "x"})
    assert len(_gids(ax, "area-")) == 34
    assert {p.get_gid() for p in _gids(ax, "area-data-")} == {"area-data-01", "area-data-79"}
    (part,) = _gids(ax, "area-partial-")
    assert part.get_gid() == "area-partial-25" and part.get_hatch()
    plt.close(fig)


def test_unknown_map_is_refused():
    from dvc_analysis.errors import UsageError

    with pytest.raises(UsageError):
        maps.load_tiles("64")
