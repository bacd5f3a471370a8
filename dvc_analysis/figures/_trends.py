"""Trends over reporting periods."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import theme
from ._common import (
    MAX_GROUPS,
    _compare,
    _empty_figure,
    _frame,
    _ids,
    _ind_name,
    _ind_table,
    _period,
    _unit_label,
    _value_text,
)
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 5. trends


@themed
def trends(
    obs: pd.DataFrame,
    *,
    indicator_ids: Sequence[str] | None = None,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    results=None,
) -> Figure:
    """Small multiples, one panel per unit × indicator with several periods: each value is a
    horizontal segment spanning its period; percent panels share one 0–100% scale."""
    import pandas as pd


    table = _ind_table(indicators)
    if indicator_ids is None:
        indicator_ids = [i for i, u in zip(table["id"], table["unit"], strict=True)
                         if u == "percent"]
    # only indicators with two or more rows for one unit can form a series (saves work)
    key = obs[["indicator", "province_code", "unit_name"]].astype(str).agg("|".join, axis=1)
    repeated = set(obs.loc[key.duplicated(keep=False), "indicator"].astype(str))
    panels = []
    for ind in indicator_ids:
        if ind not in repeated:
            continue
        df = _compare(obs, ind, None, table, results)
        if df.empty:
            continue
        df = df.assign(_v=df["rate"].where(df["rate"].notna(), df["value"]))
        df = df[df["_v"].notna()]
        for _key, g in df.groupby(["province_code", "unit_name", "admin_level"], sort=True):
            if g[["period_start", "period_end"]].drop_duplicates().shape[0] >= 2:
                panels.append((ind, g.sort_values(["period_end", "period_start"])))
    title = ("Diễn biến theo thời gian: đơn vị có từ hai kỳ số liệu trở lên" if lang == "vi"
             else "Change over time: units with two or more periods")
    if not panels:
        return _empty_figure(title, "", lang)
    if len(panels) > MAX_GROUPS:
        return _trend_lines(panels, title, table, sources, lang)
    ncols = 2 if len(panels) > 1 else 1
    nrows = -(-len(panels) // ncols)
    allrows = pd.concat([g for _, g in panels])
    subtitle = ("Mỗi đoạn ngang là một kỳ số liệu (từ ngày đầu đến ngày cuối kỳ); thang 0–100% "
                "chung cho mọi ô; kỳ dài ngắn khác nhau nên không đọc như một chuỗi đều"
                if lang == "vi" else
                "Each horizontal segment spans one reporting period; one 0–100% scale for all "
                "panels; periods differ in length, so this is not an even series")
    fig, axes = _frame(title, subtitle, _ids(allrows), lang, sources=sources,
                       body_height=1.55 * nrows, nrows=nrows, ncols=ncols, sharey=True)
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    for k, (ind, g) in enumerate(panels):
        ax = axes[k // ncols, k % ncols]
        high = float(g["_v"].mean()) > 50
        for j, (_, r) in enumerate(g.iterrows()):
            color = theme.PALETTE[j % 6]
            start = r["period_start"] if pd.notna(r["period_start"]) else r["period_end"]
            end = r["period_end"]
            # overlapping periods stay visible: earlier segments are drawn thicker, underneath
            ax.plot([start, end], [r["_v"], r["_v"]], color=color, lw=max(3.4 - 1.1 * j, 1.2),
                    solid_capstyle="butt", zorder=2 + j, gid=f"mark-{r['obs_id']}")
            ax.plot([end], [r["_v"]], marker="o", ms=3, color=color, zorder=2 + j)
            if r["rate_basis"] == "counts" and r["ci_low"] == r["ci_low"]:
                mid = start + (end - start) / 2
                ax.plot([mid, mid], [r["ci_low"], r["ci_high"]], color=color, lw=0.8)
            y = (0.06 + 0.14 * (len(g) - 1 - j)) if high else (0.94 - 0.14 * j)
            ax.text(0.02, y, f"{_value_text(r, 'percent', lang)} · "
                    f"{_period(r, lang)}", transform=ax.transAxes, fontsize=5.8, color=color,
                    va="bottom" if high else "top", ha="left")
        unit = _unit_label(g.iloc[0], lang, 60).replace("\n", " ")
        ax.set_title(textwrap.fill(_ind_name(ind, lang, table), 52) + "\n"
                     + textwrap.shorten(unit, 44, placeholder="…"),
                     fontsize=theme.SIZE_NOTE + 0.5)
        ax.set_ylim(0, 105)
        ax.set_yticks([0, 25, 50, 75, 100])
        theme.format_axis(ax.yaxis, "percent", lang)
        lo, hi = g["period_start"].min(), g["period_end"].max()
        margin = (hi - lo) * 0.06 + pd.Timedelta(days=3)
        ax.set_xlim(lo - margin, hi + margin)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=5))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: (lambda d: f"{d.day}/{d.month}/{d.year}" if d.day != 1
                           else f"{d.month}/{d.year}")(mdates.num2date(x))))
        theme.style_axes(ax, grid="y")
    for k in range(len(panels), nrows * ncols):
        axes[k // ncols, k % ncols].set_visible(False)
    return fig


def _trend_lines(panels, title: str, table, sources, lang: str) -> Figure:
    """Many series: one panel per indicator (at most six, those with the most units), one thin
    line per unit through the ends of its periods, all on one 0–100% scale."""
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.ticker import FuncFormatter

    by_ind: dict[str, list] = {}
    for ind, g in panels:
        by_ind.setdefault(ind, []).append(g)
    inds = sorted(by_ind, key=lambda i: (-len(by_ind[i]), i))[:6]
    dropped = len(by_ind) - len(inds)
    ncols = 2 if len(inds) > 1 else 1
    nrows = -(-len(inds) // ncols)
    allrows = pd.concat([g for i in inds for g in by_ind[i]])
    subtitle = ("Mỗi đường là một đơn vị, nối các ngày cuối kỳ; thang 0–100% chung cho mọi ô; "
                "kỳ dài ngắn khác nhau thì không đọc như một chuỗi đều" if lang == "vi" else
                "One line per unit through the ends of its periods; one 0–100% scale for all "
                "panels; periods of different length do not make an even series")
    if dropped:
        subtitle += (f"; {dropped} chỉ số khác không vẽ" if lang == "vi"
                     else f"; {dropped} more indicators not drawn")
    fig, axes = _frame(title, subtitle, _ids(allrows), lang, sources=sources,
                       body_height=1.7 * nrows, nrows=nrows, ncols=ncols, sharey=True)
    for k, ind in enumerate(inds):
        ax = axes[k // ncols, k % ncols]
        for g in by_ind[ind]:
            ax.plot(g["period_end"], g["_v"], color=theme.ACCENT, lw=0.6, alpha=0.45,
                    gid="mark-" + "+".join(g["obs_id"]))
        n_units = len(by_ind[ind])
        ax.set_title(textwrap.fill(_ind_name(ind, lang, table), 52) + "\n"
                     + (f"{n_units} đơn vị" if lang == "vi" else f"{n_units} units"),
                     fontsize=theme.SIZE_NOTE + 0.5)
        ax.set_ylim(0, 105)
        ax.set_yticks([0, 25, 50, 75, 100])
        theme.format_axis(ax.yaxis, "percent", lang)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=5))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: (lambda d: f"{d.month}/{d.year}")(mdates.num2date(x))))
        theme.style_axes(ax, grid="y")
    for k in range(len(inds), nrows * ncols):
        axes[k // ncols, k % ncols].set_visible(False)
    return fig
