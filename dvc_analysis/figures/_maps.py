"""Tile map and choropleth of one indicator."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..evidence.geo import ATTRIBUTION
from ..text import words
from . import theme
from ._common import (
    _compare,
    _empty_figure,
    _frame,
    _ids,
    _ind_name,
    _ind_table,
    _period,
    _province,
    _s,
    _unit_label,
    _unit_of,
    _value_text,
    _w,
)
from ._mapdraw import draw_choropleth, draw_tiles, legend_handles
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 7. maps


def _map_values(obs: pd.DataFrame, indicator: str, indicators=None, results=None) -> pd.DataFrame:
    """Latest provincial value per province code (63 map) for one indicator, via compare."""

    df = _compare(obs, indicator, "province", indicators, results)
    if df.empty:
        return df
    df = df[df["latest"]].copy()
    df["_v"] = df["rate"].where(df["rate"].notna(), df["value"])
    df = df[df["_v"].notna()]
    df["_whole"] = df["unit_name"].map(_s) == ""
    df = df.sort_values(["province_code", "_whole"]).drop_duplicates("province_code", keep="last")
    return df.reset_index(drop=True)


def _to_34(values: pd.DataFrame, obs: pd.DataFrame, indicator: str, lang: str):
    """Values on the 34-province map through :func:`indicators.to_34_provinces`:
    ``({new_code: value}, {new_code: reason when missing}, rows of the mapped values)``.
    Rates of merged provinces are recomputed from summed counts only when every former
    province reports; otherwise the province is hatched and the reason listed."""
    import pandas as pd

    from ..analysis.merge34 import to_34_provinces
    from ..analysis.rates import rates
    from ..evidence.provinces import province_name

    sub = obs[obs["obs_id"].isin(set(values["obs_id"]))]
    res = rates(to_34_provinces(sub))
    vals: dict[str, float] = {}
    partial: dict[str, str] = {}
    keep = []
    reason_col = "missing_reason_en" if lang == "en" else "missing_reason"
    for i, r in res.iterrows():
        code = _s(r["province_code"])
        if not code or _s(r.get("admin_level")) not in ("", "province"):
            continue
        v = r["rate"] if r["rate"] == r["rate"] else r["value"]
        reason = _s(r.get(reason_col, ""))
        if v == v and v is not None and not reason:
            vals[code] = float(v)
            keep.append(i)
        elif reason:
            partial.setdefault(code, reason)
    side = res.loc[keep].copy()
    if len(side):
        side["_v"] = [vals[_s(c)] for c in side["province_code"]]
        side["_name"] = [province_name(_s(c), "34", lang=lang) for c in side["province_code"]]
        side["unit_name"] = ""
        side["obs_id"] = [_s(x).replace(";", "+") or _s(o)
                          for x, o in zip(side["obs_ids"], side["obs_id"], strict=True)]
        side["rate_basis"] = side["value_basis"].map(_s)
    else:
        side = pd.DataFrame(columns=list(res.columns) + ["_v", "_name"])
    # a code can only be partial when it has no value
    partial = {c: r for c, r in partial.items() if c not in vals}
    return vals, partial, side


def _new_code(old: str) -> str:
    from ..evidence.provinces import new_code

    try:
        return new_code(old)
    except Exception:  # noqa: BLE001 - unknown user codes
        return old


def _map_side_panel(ax, values: pd.DataFrame, unit: str, lang: str, *, sm=None,
                    extra=None, slots: int = 14, map: str | None = None) -> None:
    """The ordered dot plot beside a map: every mapped value with its unit and period (the map
    alone would let land area mislead). Notes on values that could not be mapped go below."""
    rows = values.sort_values("_v", ascending=False).reset_index(drop=True)
    n = len(rows)
    many = n > 20  # many units (users' data): names only, values read off the axis
    slots = max(slots, n + 1)
    step = min(2.2, max(1.0, (slots - 1) / max(n, 1)))
    abbr = {}
    if map is not None:
        from ..evidence.geo import abbreviations

        abbr = abbreviations(map)
    labels = []
    for i, r in rows.iterrows():
        y = i * step
        color = sm.to_rgba(r["_v"]) if sm is not None else theme.ACCENT
        if r.get("rate_basis") == "counts" and r["ci_low"] == r["ci_low"]:
            ax.plot([r["ci_low"], r["ci_high"]], [y, y], color="#444444", lw=0.9, zorder=2)
        ax.plot([r["_v"]], [y], marker="o", ms=3.5 if many else 6, mfc=color, mec="#333333",
                mew=0.6,
                ls="none", zorder=3, gid=f"side-{r['obs_id']}")
        if not many:
            ax.text(r["_v"], y + 0.45, f"{_value_text(r, unit, lang)} · "
                    f"{_period(r, lang)}", ha="center" if 25 < r["_v"] < 75 else
                    ("left" if r["_v"] <= 25 else "right"), va="top", fontsize=5.8)
        code = _s(r["province_code"])
        short = abbr.get(code, "")
        label = _unit_label(r, lang, 200 if many else 22 if map == "34" else 30)
        labels.append(f"{label} [{short}]" if short else label)
    ax.set_yticks([i * step for i in range(n)], labels,
                  fontsize=4.6 if many else theme.SIZE_NOTE)
    ax.set_ylim(slots - 0.5, -0.9)
    if unit == "percent":
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
    theme.format_axis(ax.xaxis, unit, lang)
    ax.xaxis.tick_top()
    ax.tick_params(axis="y", length=0)
    for side in ("bottom", "left"):
        ax.spines[side].set_visible(False)
    theme.style_axes(ax, grid="x")
    y = (n - 1) * step + 1.2
    if n == 0:
        ax.set_xticks([])
        ax.grid(False)
        y = 0.0
        ax.text(-0.02, y, _w("none_mapped", lang), transform=ax.get_yaxis_transform(),
                fontsize=theme.SIZE_SMALL, va="top", ha="left")
        y += 1.4
    for text in extra or []:
        wrapped = textwrap.fill(text, 34 if map == "34" else 44)
        ax.text(-0.02, y, wrapped, transform=ax.get_yaxis_transform(), fontsize=theme.SIZE_NOTE,
                va="top", ha="left", color=theme.CONTEXT)
        y += 0.6 * (wrapped.count("\n") + 1) + 0.3


@themed
def tile_map(
    obs: pd.DataFrame,
    indicator: str = "dossier_online_share",
    *,
    map: str = "63",
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    results=None,
) -> Figure:
    """Tile-grid map (63 or 34 provinces) of one indicator's latest provincial values, beside
    the list of those values with their periods. No-data tiles stay visible (grey); on the 34
    map, provinces where only some former provinces report are hatched."""
    table = _ind_table(indicators)
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    values = _map_values(obs, indicator, table, results)
    n_prov = 63 if str(map) == "63" else 34
    title = (f"Bản đồ ô {n_prov} tỉnh: {name.lower()}" if lang == "vi"
             else f"Tile map of {n_prov} provinces: {name.lower()}")
    if values.empty:
        return _empty_figure(title, "", lang)
    placed = values[values["province_code"].map(_s) != ""]
    unplaced = values[values["province_code"].map(_s) == ""]
    if str(map) == "63":
        vals = {_s(r["province_code"]): float(r["_v"]) for _, r in placed.iterrows()}
        partial: dict[str, str] = {}
        side = placed
        when = ("bản đồ 63 tỉnh (trước 1/7/2025)" if lang == "vi"
                else "63-province map (before 1 July 2025)")
    else:
        vals, partial, side = _to_34(placed, obs, indicator, lang)
        when = ("bản đồ 34 tỉnh (từ 1/7/2025); số liệu cũ quy đổi theo tỉnh mới" if lang == "vi"
                else "34-province map (since 1 July 2025); older figures re-keyed to new provinces")
    periods = list(dict.fromkeys(_period(r, lang) for _, r in values.iterrows()))
    if len(periods) == 1:
        subtitle = (f"Giá trị mới nhất của mỗi tỉnh, {periods[0]}; {when}" if lang == "vi"
                    else f"Latest value of each province, {periods[0]}; {when}")
    else:
        subtitle = (f"Giá trị mới nhất của mỗi tỉnh, kỳ khác nhau (xem danh sách bên phải); {when}"
                    if lang == "vi" else
                    f"Latest value of each province, periods differ (see the list); {when}")
    extra = []
    for _, r in unplaced.iterrows():
        extra.append(f"{_w('unnamed_province', lang)}: {_value_text(r, unit, lang)}"
                     f" · {_period(r, lang)} — {_w('not_on_map', lang)}")
    extra += _partial_notes(placed, partial, unit, lang)
    # a tile showing the value of one tier or unit of a province says so
    tier = {_s(r["province_code"]) if str(map) == "63" else _new_code(_s(r["province_code"])):
            _s(r["unit_name"]) for _, r in side.iterrows() if _s(r.get("unit_name"))}
    tier = {code: unit_name for code, unit_name in tier.items() if code in vals}
    for code, unit_name in sorted(tier.items()):
        extra.append(("* " + _province(code, lang, str(map)) + ": giá trị của " + unit_name
                      + ", không phải của cả tỉnh") if lang == "vi" else
                     ("* " + _province(code, lang, str(map)) + ": value of " + words.unit_name(unit_name, "en")
                      + ", not of the whole province"))
    fig, axes = _frame(title, subtitle, _ids(values), lang, sources=sources,
                       body_height=5.6 if n_prov == 63 else 4.6, ncols=2, legend_ncols=2,
                       legend=legend_handles(unit, lang, partial=bool(partial)),
                       gridspec_kw={"width_ratios": [1.0, 0.9]})
    ax = axes[0, 0]
    sm = draw_tiles(ax, vals, map=str(map), unit=unit, partial=partial, lang=lang,
                    part_of_province=set(tier))
    # each drawn data tile is one mark for the rows it shows
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("tile-data-"):
            code = gid.rsplit("-", 1)[1]
            ids = _codes_obs(side, code, str(map))
            patch.set_gid("mark-" + "+".join(ids) + f"-tile-{code}")
    cb = fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.035, pad=0.02, aspect=30)
    theme.format_axis(cb.ax.xaxis, unit, lang)
    cb.ax.tick_params(labelsize=theme.SIZE_NOTE)
    cb.outline.set_linewidth(0.4)
    _map_side_panel(axes[0, 1], side, unit, lang, sm=sm, extra=extra,
                    slots=22 if n_prov == 63 else 17, map=str(map))
    fig._dvc_meta["coloured"] = len(vals)  # provinces with a colour (0: the map shows nothing)
    return fig


def _codes_obs(rows, code: str, map: str) -> list[str]:
    """Obs ids behind the value drawn for one province (rows keyed by that map's codes)."""
    return [_s(o) for o in rows.loc[rows["province_code"].map(_s) == code, "obs_id"]]


def _partial_notes(placed, partial: dict[str, str], unit: str, lang: str) -> list[str]:
    """One line per hatched new province: why it has no value, and what the old ones report."""
    lines = []
    for code, reason in sorted(partial.items()):
        olds = placed[placed["province_code"].map(_new_code) == code]
        got = "; ".join(f"{_province(_s(r['province_code']), lang)} "
                        f"{_value_text(r, unit, lang)}, {_period(r, lang)}"
                        for _, r in olds.iterrows())
        lines.append(f"{_province(code, lang, '34')}: {reason}" + (f" ({got})" if got else ""))
    return lines


@themed
def choropleth(
    obs: pd.DataFrame,
    indicator: str = "dossier_online_share",
    *,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    results=None,
) -> Figure:
    """Choropleth of the 34 provinces (boundaries from the bundled GeoJSON) for one indicator,
    beside the list of values; provinces formed from several former ones are hatched when not
    all of them report."""
    table = _ind_table(indicators)
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    values = _map_values(obs, indicator, table, results)
    title = (f"Bản đồ 34 tỉnh: {name.lower()}" if lang == "vi"
             else f"Map of the 34 provinces: {name.lower()}")
    if values.empty:
        return _empty_figure(title, "", lang)
    placed = values[values["province_code"].map(_s) != ""]
    vals, partial, side = _to_34(placed, obs, indicator, lang)
    subtitle = ("Ranh giới 34 tỉnh từ 1/7/2025; số liệu trước sáp nhập chỉ tô màu khi mọi tỉnh "
                "cũ đều báo cáo; diện tích không phản ánh số dân hay số hồ sơ" if lang == "vi" else
                "Boundaries of the 34 provinces since 1 July 2025; pre-merger figures are coloured "
                "only when every former province reports; area reflects neither population nor "
                "dossiers")
    extra = _partial_notes(placed, partial, unit, lang)
    fig, axes = _frame(title, subtitle, _ids(values), lang, sources=sources, body_height=4.6,
                       legend=legend_handles(unit, lang, partial=bool(partial)),
                       legend_ncols=2,
                       ncols=2, gridspec_kw={"width_ratios": [2.3, 1.0]},
                       extra_note=ATTRIBUTION["en" if lang == "en" else "vi"])
    ax = axes[0, 0]
    sm = draw_choropleth(ax, vals, unit=unit, partial=partial, lang=lang)
    ax.set_anchor("N")
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("area-data-"):
            code = gid.rsplit("-", 1)[1]
            patch.set_gid("mark-" + "+".join(_codes_obs(side, code, "34")) + f"-area-{code}")
    cb = fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.035, pad=0.01, aspect=30)
    theme.format_axis(cb.ax.xaxis, unit, lang)
    cb.ax.tick_params(labelsize=theme.SIZE_NOTE)
    cb.outline.set_linewidth(0.4)
    _map_side_panel(axes[0, 1], side, unit, lang, sm=sm, extra=extra, map="34")
    fig._dvc_meta["coloured"] = len(vals)  # provinces with a colour (0: the map shows nothing)
    return fig
