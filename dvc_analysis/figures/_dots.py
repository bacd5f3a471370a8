"""Dot plots of one indicator across units, and the supply/use pair."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..text.words import document_label
from . import theme
from ._common import (
    ALL_ROWS_UP_TO,
    MAX_DOT_ROWS,
    _compare,
    _empty_figure,
    _frame,
    _ids,
    _ind_name,
    _ind_table,
    _mark,
    _marker_legend,
    _period,
    _province,
    _row_height,
    _s,
    _target_handles,
    _targets_for,
    _unit_label,
    _unit_of,
    _value_text,
    _w,
    _warnings_text,
)
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 1. ordered dot plot per indicator


@themed
def dot_plot(
    obs: pd.DataFrame,
    indicator: str | Sequence[str],
    *,
    targets: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    admin_level: str | None = None,
    lang: str = "vi",
    results=None,
    title: str | None = None,
) -> Figure:
    """Ordered dot plot of one indicator: every unit and period, Wilson 95% intervals where the
    source gives counts, national targets as labelled lines, provincial targets on their row."""
    from ..analysis.compare import check_comparable

    table = _ind_table(indicators)
    if not isinstance(indicator, str):  # several ids: only if declared comparable
        ids = list(indicator)
        check_comparable(ids, table)
        indicator = ids[0]
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    df = _compare(obs, indicator, admin_level, table, results)
    title = title or name
    if df.empty:
        return _empty_figure(title, "", lang)
    df = df.assign(_v=df["rate"].where(df["rate"].notna(), df["value"]))
    df = df[df["_v"].notna()]
    left_out = 0
    if len(df) > ALL_ROWS_UP_TO:  # many rows: the latest value of each unit
        df = df[df["latest"]]
    if len(df) > MAX_DOT_ROWS:
        left_out = len(df) - MAX_DOT_ROWS
        df = df.sort_values("period_end").tail(MAX_DOT_ROWS)
    df, headers = _blocks(df, lang)
    compact = len(df) > 12
    codes = sorted({_s(c) for c in df["province_code"] if _s(c)})
    national, provincial = _targets_for(targets, indicator, codes)
    # only national targets from the first observed year onwards are relevant to these values
    if len(national):
        first = int(df["period_end"].dt.year.min())
        national = national[national["target_year"] >= first].reset_index(drop=True)
    national.index = [chr(ord("A") + i) for i in range(len(national))]
    periods = list(dict.fromkeys(_period(r, lang) for _, r in df.iterrows()))
    periods_txt = "; ".join(periods[:8]) + ("; …" if len(periods) > 8 else "")
    places = list(dict.fromkeys(_province(_s(c), lang) for c in df["province_code"]))
    where = (", ".join(places) if len(places) <= 6 else
             (f"{len(places)} tỉnh" if lang == "vi" else f"{len(places)} provinces"))
    subtitle = (f"{name} ({'%' if unit == 'percent' else unit}); {where}; "
                + ("kỳ: " if lang == "vi" else "periods: ") + periods_txt)
    if compact and len(periods) > 1:
        subtitle += ("; kỳ khác nhau, không so sánh trực tiếp" if lang == "vi"
                     else "; periods differ, not directly comparable")
    if left_out:
        subtitle += (f"; {left_out} giá trị cũ hơn không vẽ" if lang == "vi"
                     else f"; {left_out} older values not drawn")
    if len(headers) > 1:
        subtitle += ("; xếp theo nhóm cấp hành chính và năm, chỉ so sánh trong cùng nhóm"
                     if lang == "vi" else
                     "; grouped by administrative level and year, compare only within a group")
    caption = subtitle + ". " + _warnings_text(df, lang)
    src = _ids(df) + _ids(national, "source_id") + _ids(provincial, "source_id")
    n = len(df) + (len(headers) if len(headers) > 1 else 0)  # rows plus one per group title
    from matplotlib.lines import Line2D

    handles = _marker_legend(None, df, lang) + _target_handles(national, unit, lang)
    if len(provincial):
        docs = "; ".join(f"{theme.fmt_value(t['target_value'], unit, lang)} "
                         f"({int(t['target_year'])}) — {document_label(_s(t['document']), lang)}"
                         for _, t in provincial.iterrows())
        handles.append(Line2D([], [], marker="|", ms=9, mew=1.6, ls="none", color=theme.TARGET,
                              label=textwrap.fill(f"{_w('province_target', lang)}: {docs}", 80)))
    fig, axes = _frame(title, subtitle, sorted(set(src)), lang, caption=caption,
                       sources=sources, body_height=0.45 + _row_height(n) * n, legend=handles)
    ax = axes[0, 0]
    small = 4.8 if n > 30 else theme.SIZE_NOTE if compact else theme.SIZE_SMALL
    for i, r in df.iterrows():
        if r["rate_basis"] == "counts" and r["ci_low"] == r["ci_low"]:
            ax.plot([r["ci_low"], r["ci_high"]], [i, i], color=theme.ACCENT, lw=1.0, zorder=2)
        _mark(ax, r["_v"], i, obs_id=r["obs_id"], basis=r["rate_basis"], qualifier=r["qualifier"],
              size=3.2 if n > 30 else 5.0)
        label = f"{_value_text(r, unit, lang)}  ·  {_period(r, lang)}"
        ax.text(1.04, i, label, transform=ax.get_yaxis_transform(), va="center", ha="left",
                fontsize=small)
    for letter, t in national.iterrows():
        ax.axvline(t["target_value"], color=theme.TARGET, lw=0.9, ls=(0, (4, 2)), zorder=1)
        ax.text(t["target_value"], 1.0, letter, transform=ax.get_xaxis_transform(), ha="center",
                va="bottom", fontsize=theme.SIZE_NOTE, color=theme.TARGET)
    for _, t in provincial.iterrows():
        rows = df.index[df["province_code"].map(_s) == t["province_code"]]
        for i in rows:
            ax.plot([t["target_value"]], [i], marker="|", ms=11, mew=1.6,
                    color=theme.TARGET, zorder=2)
    ax.set_yticks(list(df.index), [_unit_label(r, lang, 200 if compact else 44)
                                   for _, r in df.iterrows()], fontsize=small)
    if len(headers) > 1:  # labelled blocks: one per administrative level and year
        for y, label in headers:
            ax.text(0.01, y, label, transform=ax.get_yaxis_transform(), ha="left",
                    va="center", fontsize=small, fontweight="bold", color=theme.CONTEXT)
            ax.axhline(y + 0.5, color=theme.GRID, lw=0.8, zorder=0)
    ax.set_ylim(-0.6, n - 0.4)
    if unit == "percent":
        ax.set_xlim(0, 100)
    theme.format_axis(ax.xaxis, unit, lang)
    theme.style_axes(ax, grid="x")
    return fig


# ---------------------------------------------------------------------------------------------
# 2. supply vs use


SUPPLY_USE = ("tthc_online_share", "tthc_eligible_online_share", "dvctt_with_dossiers",
              "dossier_online_share")


@themed
def supply_use(
    obs: pd.DataFrame,
    *,
    indicator_ids: Sequence[str] = SUPPLY_USE,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    results=None,
) -> Figure:
    """Supply (procedures offered online) beside use (services with dossiers, dossiers filed
    online): one panel per indicator, the latest value of each province with its period."""
    import pandas as pd


    table = _ind_table(indicators)
    panels = []
    for ind in indicator_ids:
        df = _compare(obs, ind, "province", table, results)
        if df.empty:
            continue
        df = df[df["latest"]].copy()
        df["_v"] = df["rate"].where(df["rate"].notna(), df["value"])
        df = df[df["_v"].notna()]
        if len(df):
            panels.append((ind, df))
    title = ("Cung cấp và sử dụng DVCTT" if lang == "vi"
             else "Supply and use of online public services")
    if not panels:
        return _empty_figure(title, "", lang)
    allrows = pd.concat([d for _, d in panels])
    keys = list(dict.fromkeys(zip(allrows["province_code"].map(_s), allrows["unit_name"].map(_s),
                                  strict=True)))
    keys.sort(key=lambda k: (_province(k[0], lang), k[1]))
    compact = len(keys) > 15
    labels = [_unit_label({"province_code": k[0], "unit_name": k[1]}, lang, 200 if compact else 22)
              for k in keys]
    subtitle = ("Mỗi ô là một chỉ số khác nhau, không so sánh trực tiếp giữa các ô; "
                "giá trị mới nhất của mỗi đơn vị cấp tỉnh, ghi kèm kỳ số liệu"
                if lang == "vi" else
                "Each panel is a different indicator, not comparable across panels; latest "
                "value of each provincial unit, with its period")
    caption = subtitle + ". " + " ".join(_warnings_text(d, lang) for _, d in panels)
    fig, axes = _frame(title, subtitle, _ids(allrows), lang, caption=caption, sources=sources,
                       body_height=0.95 + (_row_height(len(keys)) if compact else 0.42)
                       * len(keys), ncols=len(panels), sharey=True,
                       legend=_marker_legend(None, allrows, lang), legend_ncols=2)
    for j, (ind, df) in enumerate(panels):
        ax = axes[0, j]
        unit = _unit_of(ind, table)
        for _, r in df.iterrows():
            y = keys.index((_s(r["province_code"]), _s(r["unit_name"])))
            if r["rate_basis"] == "counts" and r["ci_low"] == r["ci_low"]:
                ax.plot([r["ci_low"], r["ci_high"]], [y, y], color=theme.ACCENT, lw=1.0)
            _mark(ax, r["_v"], y, obs_id=r["obs_id"], basis=r["rate_basis"],
                  qualifier=r["qualifier"], size=3.2 if compact else 5.0)
            if compact:  # many units: values are read off the axis, periods are in the title
                continue
            v = r["_v"]
            ax.text(v + (-2 if v > 70 else 2 if v < 30 else 0), y + 0.14,
                    f"{_value_text(r, unit, lang)}\n{_period(r, lang)}",
                    ha="right" if v > 70 else "left" if v < 30 else "center", va="top",
                    fontsize=5.6, linespacing=1.1)
        head = textwrap.fill(_ind_name(ind, lang, table), 20)
        if compact:
            pers = list(dict.fromkeys(_period(r, lang) for _, r in df.iterrows()))
            head += "\n" + textwrap.shorten("; ".join(pers), 40, placeholder="…")
        ax.set_title(head, fontsize=theme.SIZE_SMALL, loc="left")
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 50, 100])
        theme.format_axis(ax.xaxis, unit, lang)
        theme.style_axes(ax, grid="x")
    axes[0, 0].set_yticks(range(len(keys)), labels,
                          fontsize=4.8 if len(keys) > 30 else theme.SIZE_SMALL)
    axes[0, 0].set_ylim(len(keys) - 0.25, -0.5)
    return fig


_LEVEL_ORDER = {"province": 0, "agency": 1, "district": 2, "commune": 3}
_LEVEL_WORDS = {"province": ("Cấp tỉnh", "Provincial level"), "agency": ("Sở, ngành", "Agencies"),
                "district": ("Cấp huyện", "District level"), "commune": ("Cấp xã", "Commune level")}


def _blocks(df, lang: str):
    """Rows grouped by administrative level and year of their period (largest value first within
    a group), so that values that must not be ranked against each other are never sorted into
    one list. Returns (rows indexed by their y position, [(y of the group title, title)]); the
    first group is drawn at the top. With a single group there are no titles."""
    import pandas as pd

    level = df["admin_level"].map(lambda v: _LEVEL_ORDER.get(_s(v), 9))
    year = pd.to_datetime(df["period_end"]).dt.year
    df = df.assign(_lvl=level, _yr=year)
    keys = sorted({(lv, yr) for lv, yr in zip(df["_lvl"], df["_yr"], strict=True)},
                  key=lambda k: (k[0], -k[1]))
    single = len(keys) <= 1
    slots: list[tuple[str, object]] = []
    for lv, yr in keys:
        part = df[(df["_lvl"] == lv) & (df["_yr"] == yr)].sort_values("_v", ascending=False)
        if not single:
            name = next((_s(a) for a in part["admin_level"]), "")
            words = _LEVEL_WORDS.get(name, (name or "?", name or "?"))
            slots.append(("title", f"{words[0 if lang == 'vi' else 1]} · {yr}"))
        slots += [("row", i) for i in part.index]
    top = len(slots) - 1
    order, ys, headers = [], [], []
    for k, (kind, item) in enumerate(slots):
        if kind == "title":
            headers.append((top - k, item))
        else:
            order.append(item)
            ys.append(top - k)
    out = df.loc[order].drop(columns=["_lvl", "_yr"])
    out.index = ys
    return out.sort_index(), headers if not single else [(0, "")]
