"""Maps without a GIS stack: tile grids for the 63 and 34 provinces and a choropleth of the 34.

Tile grids (``data/geo/tiles_63.csv``, ``tiles_34.csv``; our own roughly geographic layout) give
every province the same weight whatever its area. The choropleth draws
``data/geo/provinces_34.geojson`` (MIT, see ``data/geo/NOTICE.md``) with matplotlib patches in
an equirectangular projection. Provinces without data stay visible (light grey); provinces whose
value cannot be formed on the new map (only some of the old provinces report) are hatched.
Patches carry ``gid`` values (``tile-data-<code>``, ``tile-nodata-<code>``, ``area-data-<code>``,
``area-nodata-<code>``, ``area-partial-<code>``) so that tests can count marks.
"""

from __future__ import annotations

import functools
import json
import math
from typing import TYPE_CHECKING, Any

from . import theme

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MAPS = ("63", "34")
ATTRIBUTION = {
    "vi": "Ranh giới 34 tỉnh: thanglequoc/vietnamese-provinces-database (MIT), "
          "theo Bản đồ tham chiếu đơn vị hành chính Việt Nam (sapnhap.bando.com.vn).",
    "en": "Boundaries of the 34 provinces: thanglequoc/vietnamese-provinces-database (MIT), "
          "after the Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn).",
}
_LEGEND = {
    "no_data": {"vi": "không có số liệu", "en": "no data"},
    "partial": {"vi": "chỉ một phần tỉnh cũ báo cáo", "en": "only some former provinces report"},
    "hoang_sa": {"vi": "QĐ. Hoàng Sa\n(Đà Nẵng)", "en": "Hoang Sa Is.\n(Da Nang)"},
    "truong_sa": {"vi": "QĐ. Trường Sa\n(Khánh Hòa)", "en": "Truong Sa Is.\n(Khanh Hoa)"},
}


def _t(key: str, lang: str) -> str:
    return _LEGEND[key]["en" if lang == "en" else "vi"]


def _check_map(map: str | int) -> str:
    key = str(map)
    if key not in MAPS:
        from .errors import UsageError

        raise UsageError(
            f"Bản đồ tỉnh không hợp lệ: {map!r} (chỉ nhận '63' hoặc '34').",
            f"Unknown province map {map!r} (use '63' or '34').",
        )
    return key


@functools.lru_cache(maxsize=2)
def load_tiles(map: str = "63") -> pd.DataFrame:
    """The tile-grid layout: columns ``code``, ``row``, ``col`` (row 0 at the top), ``name``, ``abbr``."""
    import pandas as pd

    from ._resources import data_path
    from .provinces import load_provinces

    key = _check_map(map)
    with data_path("geo", f"tiles_{key}.csv").open(encoding="utf-8") as fh:
        tiles = pd.read_csv(fh, dtype={"code": str, "row": int, "col": int})
    names = load_provinces(key)[["code", "name", "name_en"]]
    tiles = tiles.merge(names, on="code", how="left", validate="one_to_one")
    tiles["abbr"] = tiles["code"].map(abbreviations(key))
    return tiles


@functools.lru_cache(maxsize=2)
def abbreviations(map: str = "63") -> dict[str, str]:
    """Short tile labels: initials of the name (``Hồ Chí Minh`` → ``HCM``); clashes get one more
    letter from the last word (``Hà Nội`` HN, ``Hà Nam`` HNa)."""
    from .provinces import load_provinces

    prov = load_provinces(_check_map(map)).sort_values("code")
    words = {
        c: n.replace("-", " ").replace("–", " ").split()
        for c, n in zip(prov["code"], prov["name"], strict=True)
    }
    out: dict[str, str] = {}
    taken: set[str] = set()
    for code, ws in words.items():
        base = ws[0] if len(ws) == 1 else "".join(w[0].upper() for w in ws)
        abbr, extra = base, 1
        while abbr in taken and extra < len(ws[-1]):
            extra += 1
            abbr = "".join(w[0].upper() for w in ws[:-1]) + ws[-1][:extra].capitalize()
        taken.add(abbr)
        out[code] = abbr
    return out


# ---------------------------------------------------------------------------------------------
# boundaries


def _simplify(ring: list[list[float]], tol: float) -> list[tuple[float, float]]:
    """Drop vertices closer than ``tol`` degrees to the last kept one (radial distance)."""
    if len(ring) <= 8:
        return [tuple(p) for p in ring]
    kept = [tuple(ring[0])]
    for x, y in ring[1:-1]:
        px, py = kept[-1]
        if abs(x - px) >= tol or abs(y - py) >= tol:
            kept.append((x, y))
    kept.append(tuple(ring[-1]))
    if len(kept) < 4:
        return [tuple(p) for p in ring]
    return kept


@functools.lru_cache(maxsize=2)
def load_boundaries(tolerance: float = 0.01) -> dict[str, dict[str, Any]]:
    """Province outlines of the 34-province map: ``{code: {"name", "name_en", "rings"}}``.

    Rings are lists of (lon, lat) tuples, lightly simplified (``tolerance`` in degrees; 0.01° is
    about 1 km, finer than a printed 8 cm map shows).
    """
    from ._resources import data_path

    with data_path("geo", "provinces_34.geojson").open(encoding="utf-8") as fh:
        gj = json.load(fh)
    out: dict[str, dict[str, Any]] = {}
    for feat in gj["features"]:
        props, geom = feat["properties"], feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [_simplify(r, tolerance) for poly in polys for r in poly]
        out[str(props["code"]).zfill(2)] = {
            "name": props.get("name", ""), "name_en": props.get("nameEn", ""), "rings": rings,
        }
    return out


def _path(rings):
    import numpy as np
    from matplotlib.path import Path

    verts, codes = [], []
    for ring in rings:
        pts = np.asarray(ring, dtype=float)
        verts.append(pts)
        c = np.full(len(pts), Path.LINETO, dtype=np.uint8)
        c[0] = Path.MOVETO
        c[-1] = Path.CLOSEPOLY
        codes.append(c)
    return Path(np.concatenate(verts), np.concatenate(codes))


# ---------------------------------------------------------------------------------------------
# drawing


def _norm(values, unit: str):
    from matplotlib.colors import Normalize

    vals = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if unit == "percent":
        return Normalize(0, 100)
    if not vals:
        return Normalize(0, 1)
    lo, hi = min(vals), max(vals)
    return Normalize(0 if lo >= 0 else lo, hi if hi > 0 else 1)


def _status(codes, values: dict[str, float], partial: dict[str, str]) -> dict[str, str]:
    out = {}
    for c in codes:
        v = values.get(c)
        if v is not None and not math.isnan(v):
            out[c] = "data"
        elif c in partial:
            out[c] = "partial"
        else:
            out[c] = "nodata"
    return out


def _text_color(rgba) -> str:
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def draw_tiles(
    ax,
    values: dict[str, float],
    *,
    map: str = "63",
    unit: str = "percent",
    partial: dict[str, str] | None = None,
    lang: str = "vi",
    norm=None,
    cmap: str = theme.SEQUENTIAL,
    show_values: bool = True,
):
    """Draw the tile grid on ``ax``: one square per province, coloured by ``values[code]``.

    ``partial`` maps codes to a reason why the value is missing although some data exist (hatched).
    Returns the ScalarMappable for a colour bar.
    """
    import matplotlib as mpl
    from matplotlib.patches import Rectangle

    key = _check_map(map)
    tiles = load_tiles(key)
    partial = partial or {}
    norm = norm or _norm(values.values(), unit)
    cm = mpl.colormaps[cmap]
    status = _status(tiles["code"], values, partial)
    size = 0.92
    for row in tiles.itertuples(index=False):
        st = status[row.code]
        x, y = row.col, -row.row
        if st == "data":
            face = cm(norm(values[row.code]))
            patch = Rectangle((x - size / 2, y - size / 2), size, size, facecolor=face,
                              edgecolor="white", lw=0.5, gid=f"tile-data-{row.code}")
        else:
            face = (0.9, 0.9, 0.9, 1)
            patch = Rectangle((x - size / 2, y - size / 2), size, size, facecolor=theme.NO_DATA,
                              edgecolor="#BBBBBB", lw=0.4, hatch="/////" if st == "partial" else None,
                              gid=f"tile-{st}-{row.code}")
        ax.add_patch(patch)
        color = _text_color(face) if st == "data" else "#555555"
        if st == "data" and show_values:
            ax.text(x, y + 0.14, row.abbr, ha="center", va="center", fontsize=4.6, color=color)
            ax.text(x, y - 0.18, theme.fmt_value(values[row.code], unit, lang, 0),
                    ha="center", va="center", fontsize=4.6, color=color)
        else:
            ax.text(x, y, row.abbr, ha="center", va="center", fontsize=4.6, color=color)
    ax.set_xlim(tiles["col"].min() - 0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(-tiles["row"].max() - 0.6, 0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return mpl.cm.ScalarMappable(norm=norm, cmap=cm)


def draw_choropleth(
    ax,
    values: dict[str, float],
    *,
    unit: str = "percent",
    partial: dict[str, str] | None = None,
    lang: str = "vi",
    norm=None,
    cmap: str = theme.SEQUENTIAL,
    islands: bool = True,
):
    """Draw the 34 provinces from the bundled GeoJSON, coloured by ``values[new_code]``.

    No-data provinces are light grey with a visible outline; ``partial`` ones are hatched.
    The archipelagos of Hoàng Sa and Trường Sa are drawn and labelled. Returns a ScalarMappable.
    """
    import matplotlib as mpl
    from matplotlib.patches import PathPatch

    bounds = load_boundaries()
    partial = partial or {}
    norm = norm or _norm(values.values(), unit)
    cm = mpl.colormaps[cmap]
    status = _status(sorted(bounds), values, partial)
    for code in sorted(bounds):
        st = status[code]
        if st == "data":
            kw = {"facecolor": cm(norm(values[code])), "edgecolor": "white", "lw": 0.35}
        else:
            kw = {"facecolor": theme.NO_DATA, "edgecolor": "#9A9A9A", "lw": 0.3,
                  "hatch": "/////" if st == "partial" else None}
        area = "area-" + ("data" if st == "data" else st)
        ax.add_patch(PathPatch(_path(bounds[code]["rings"]), gid=f"{area}-{code}", **kw))
    lat0 = 16.0
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.set_xlim(102.0, 117.6)
    ax.set_ylim(8.0, 23.6)
    ax.set_axis_off()
    if islands:
        ax.text(112.0, 17.2, _t("hoang_sa", lang), fontsize=4.8, color="#555555", ha="center",
                va="bottom")
        ax.text(114.3, 10.5, _t("truong_sa", lang), fontsize=4.8, color="#555555", ha="center",
                va="bottom")
    return mpl.cm.ScalarMappable(norm=norm, cmap=cm)


def legend_handles(unit: str, lang: str, *, partial: bool) -> list:
    """Legend entries for the no-data and partial-data fills."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=theme.NO_DATA, edgecolor="#9A9A9A", lw=0.4,
                     label=_t("no_data", lang))]
    if partial:
        handles.append(Patch(facecolor=theme.NO_DATA, edgecolor="#9A9A9A", lw=0.4, hatch="/////",
                             label=_t("partial", lang)))
    return handles
