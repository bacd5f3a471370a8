"""Draw tile grids and choropleths on matplotlib axes."""

from __future__ import annotations

import math

from ..evidence.geo import check_map, load_boundaries, load_tiles
from ..text.words import word
from . import theme

_KEYS = {"no_data": "no_data_short", "partial": "partial_merge",
         "hoang_sa": "hoang_sa", "truong_sa": "truong_sa"}


def _label(key: str, lang: str) -> str:
    return word(_KEYS[key], lang)


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
    part_of_province: set[str] | None = None,
):
    """Draw the tile grid on ``ax``: one square per province, coloured by ``values[code]``.

    ``partial`` maps codes to a reason why the value is missing although some data exist (hatched).
    Values of ``part_of_province`` codes belong to one tier or unit of the province, not to the
    whole province: their label carries an asterisk that the figure's notes explain.
    Returns the ScalarMappable for a colour bar.
    """
    import matplotlib as mpl
    from matplotlib.patches import Rectangle

    key = check_map(map)
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
            star = "*" if row.code in (part_of_province or set()) else ""
            ax.text(x, y - 0.18, theme.fmt_value(values[row.code], unit, lang, 0) + star,
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
        ax.text(112.0, 17.2, _label("hoang_sa", lang), fontsize=4.8, color="#555555", ha="center",
                va="bottom")
        ax.text(114.3, 10.5, _label("truong_sa", lang), fontsize=4.8, color="#555555", ha="center",
                va="bottom")
    return mpl.cm.ScalarMappable(norm=norm, cmap=cm)


def legend_handles(unit: str, lang: str, *, partial: bool) -> list:
    """Legend entries for the no-data and partial-data fills."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=theme.NO_DATA, edgecolor="#9A9A9A", lw=0.4,
                     label=_label("no_data", lang))]
    if partial:
        handles.append(Patch(facecolor=theme.NO_DATA, edgecolor="#9A9A9A", lw=0.4, hatch="/////",
                             label=_label("partial", lang)))
    return handles
