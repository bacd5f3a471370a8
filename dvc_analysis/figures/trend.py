"""Trend of one indicator across the user's units: labelled lines for a few units, small multiples for many."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..evidence.sources import is_user_row
from ..text.textio import fold
from . import theme
from .theme import themed

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: most units drawn as coloured, labelled lines in one panel; more give small multiples
MAX_FOCUS = 8
GREY = "#BBBBBB"

_Q = {1: 1, 4: 2, 7: 3, 10: 4}


def period_tick(start: Any, end: Any, lang: str = "vi") -> str:
    """A short tick label in the period's own granularity: "Q1/2024", "T3/2024", "2024".

    Parameters
    ----------
    start, end : date-like
        First and last day of the period.
    lang : {"vi", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> import datetime as dt
    >>> period_tick(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    'Q1/2024'
    >>> period_tick(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    'T3/2024'
    >>> period_tick(dt.date(2024, 3, 1), dt.date(2024, 3, 31), "en")
    'Mar 2024'
    """
    from ..text.fmt import period_label, period_months, to_date

    s, e = to_date(start), to_date(end)
    months = period_months(s, e) if s and e else None
    if months == 12 and s.month == 1:
        return str(s.year)
    if months == 3 and s.month in _Q:
        return f"Q{_Q[s.month]}/{s.year}" if lang == "vi" else f"Q{_Q[s.month]} {s.year}"
    if months == 1:
        return f"T{s.month}/{s.year}" if lang == "vi" else f"{s:%b} {s.year}"
    if months == 6 and s.month in (1, 7):
        half = 1 if s.month == 1 else 2
        return f"6T{'đầu' if half == 1 else 'cuối'}/{s.year}" if lang == "vi" else f"H{half} {s.year}"
    return period_label(s, e, lang=lang)


def _series(obs: pd.DataFrame, indicator: str, indicators, lang: str) -> tuple[pd.DataFrame, int]:
    """Rows of one indicator with a value, on the most common period length; (rows, rows left out)."""
    from ..analysis.compare import unit_labels
    from ..analysis.rates import rates
    from ..text.fmt import period_months

    df = obs[obs["indicator"].astype(str) == indicator]
    df = rates(df, indicators=indicators)
    df["_v"] = df["rate"].where(df["rate"].notna(), df["value"])
    df = df[df["_v"].notna() & df["period_end"].notna()].copy()
    if df.empty:
        return df, 0
    df["_months"] = [period_months(s, e) for s, e in zip(df["period_start"], df["period_end"], strict=True)]
    length = df["_months"].mode().iloc[0]
    kept = df[df["_months"] == length].copy()
    kept["_unit"] = unit_labels(kept, lang=lang).astype(str).to_numpy()
    kept = kept.drop_duplicates(["_unit", "period_start", "period_end"], keep="first")
    return kept, len(df) - len(kept)


def _spread(ys: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move label positions apart by at least `gap`, keeping their order and the range."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    pos = [ys[i] for i in order]
    for k in range(1, len(pos)):
        pos[k] = max(pos[k], pos[k - 1] + gap)
    over = pos[-1] - hi if pos else 0
    if over > 0:
        pos = [p - over for p in pos]
        for k in range(len(pos) - 2, -1, -1):
            pos[k] = min(pos[k], pos[k + 1] - gap)
    pos = [max(p, lo) for p in pos]
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


@themed
def unit_trends(
    obs: pd.DataFrame,
    indicator: str,
    *,
    focus: Sequence[str] | None = None,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    max_focus: int = MAX_FOCUS,
) -> Figure:
    """Draw one indicator over time for every unit in `obs`.

    Up to `max_focus` focus units are coloured lines with their names written at the line ends
    (no legend to decode); the other units are thin grey lines behind them. With more units and
    no focus chosen, one small panel per unit shows it in colour against all others in grey.
    The x-axis is the sequence of periods, labelled in the data's own granularity (Q1/2024,
    T3/2024, 2024); rows of other period lengths are left out and counted in the subtitle.

    Parameters
    ----------
    obs : DataFrame
        Observations (usually the user's accepted rows).
    indicator : str
        The indicator id to draw (one id per figure: never two indicators on one axis).
    focus : sequence of str, optional
        Unit labels (as :func:`dvc_analysis.indicators.unit_labels` writes them) to highlight.
    indicators, sources : DataFrame, optional
        Vocabulary and source table (the source note names every source drawn).
    lang : {"vi", "en"}
    max_focus : int
        Most units drawn as labelled colour lines.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig._dvc_meta`` holds title, subtitle, note, source ids, ``mode`` ("lines" or
        "small_multiples") and ``focus`` (the labelled units).

    Examples
    --------
    >>> fig = unit_trends(accepted, "dossier_online_share")   # doctest: +SKIP
    >>> theme.save(fig, "figures", "xu_huong_dossier_online_share")  # doctest: +SKIP
    """
    from ._common import _empty_figure, _frame, _ids, _ind_name, _ind_table, _unit_of

    table = _ind_table(indicators)
    rows, dropped = _series(obs, indicator, table, lang)
    if sources is None and len(rows) and is_user_row(rows).any():
        # called on its own (a notebook): the note cites the user's sources by their titles
        import pandas as pd

        from ..evidence.load import load_sources
        from ..intake.own_files import user_sources

        sources = pd.concat([load_sources(), user_sources(rows, lang).astype(str)], ignore_index=True).fillna("")
    name = _ind_name(indicator, lang, table)
    title = (f"{name}: diễn biến theo kỳ của từng đơn vị" if lang == "vi"
             else f"{name}: change by period for each unit")
    if rows.empty or rows[["period_start", "period_end"]].drop_duplicates().shape[0] < 2:
        return _empty_figure(title, "", lang)
    periods = rows[["period_start", "period_end"]].drop_duplicates().sort_values(["period_start", "period_end"])
    periods = list(zip(periods["period_start"], periods["period_end"], strict=True))
    xpos = {p: i for i, p in enumerate(periods)}
    rows["_x"] = [xpos[(s, e)] for s, e in zip(rows["period_start"], rows["period_end"], strict=True)]
    units = sorted(rows["_unit"].unique(), key=lambda u: (fold(u), u))  # Vietnamese order, not code points
    unit = _unit_of(indicator, table)
    percent = unit == "percent"
    if focus is None and len(units) <= max_focus:
        focus = units
    mode = "lines" if focus is not None else "small_multiples"
    focus = [u for u in (focus or []) if u in set(units)][:max_focus]
    ticks = [period_tick(s, e, lang) for s, e in periods]
    span = f"{ticks[0]}–{ticks[-1]}"
    if mode == "lines":
        sub = (f"{len(units)} đơn vị, {len(periods)} kỳ ({span}); mỗi đường một đơn vị, tên ghi ở cuối đường"
               if lang == "vi" else
               f"{len(units)} units, {len(periods)} periods ({span}); one line per unit, named at its end")
        if len(units) > len(focus):
            sub += ("; các đơn vị khác màu xám" if lang == "vi" else "; other units in grey")
    else:
        sub = (f"{len(units)} đơn vị, {len(periods)} kỳ ({span}); mỗi ô một đơn vị (màu), các đơn vị "
               "khác màu xám phía sau" if lang == "vi" else
               f"{len(units)} units, {len(periods)} periods ({span}); one panel per unit (colour), the "
               "other units in grey behind")
    if any(rows["rate_basis"].astype(str) == "counts") and mode == "lines":
        sub += ("; dải mờ: khoảng tin cậy Wilson 95%" if lang == "vi" else "; band: Wilson 95% interval")
    if dropped:
        sub += (f"; {dropped} số liệu có kỳ dài khác không vẽ" if lang == "vi"
                else f"; {dropped} figures of another period length not drawn")
    lines = {u: g.sort_values("_x") for u, g in rows.groupby("_unit", sort=False)}
    ymax = float(rows["_v"].max())
    top = 100.0 if percent else ymax * 1.08
    if mode == "lines":
        fig, axes = _frame(title, sub, _ids(rows), lang, sources=sources, body_height=2.9)
        fig._dvc_meta.update(mode=mode, focus=list(focus), indicator=indicator)
        ax = axes[0, 0]
        for u in units:
            if u not in focus:
                g = lines[u]
                ax.plot(g["_x"], g["_v"], color=GREY, lw=0.7, zorder=1, gid="mark-" + "+".join(g["obs_id"]))
        ends = []
        for k, u in enumerate(focus):
            g = lines[u]
            color = theme.PALETTE[k % len(theme.PALETTE)]
            ax.plot(g["_x"], g["_v"], color=color, lw=1.6, marker="o", ms=2.6, zorder=3,
                    gid="mark-" + "+".join(g["obs_id"]))
            band = g[g["ci_low"].notna()]
            if len(band) >= 2:
                ax.fill_between(band["_x"], band["ci_low"], band["ci_high"], color=color, alpha=0.15,
                                lw=0, zorder=2)
            last = g.iloc[-1]
            ends.append((u, float(last["_x"]), float(last["_v"]), color))
        lo_y = min(0.0, float(rows["_v"].min()))
        hi_y = top
        ax.set_ylim(lo_y, hi_y * 1.02)
        gap = (hi_y - lo_y) * 0.055
        placed = _spread([e[2] for e in ends], gap, lo_y, hi_y)
        labels = [textwrap.shorten(e[0], 26, placeholder="…") for e in ends]
        # right margin for the labels, in inches of the ~5.7 in wide axes: a short zone for the
        # connectors, then the longest label (DejaVu Sans: ~0.6 em per character)
        width_in, zone_in = 5.7, 0.22
        text_in = max((len(t) for t in labels), default=8) * theme.SIZE_SMALL * 0.6 / 72 + 0.05
        last = len(periods) - 1
        k = (zone_in + text_in) / width_in
        right = (last + 0.3 * k) / (1 - k)
        per_in = (right + 0.3) / width_in  # data units per inch
        label_x = last + zone_in * per_in
        for (_u, x, y, color), ly, label in zip(ends, placed, labels, strict=True):
            if abs(ly - y) > gap * 0.3 or x < last:
                # the connector stays left of every label, so it never crosses another one
                ax.plot([x, label_x - 0.04 * per_in], [y, ly], color=color, lw=0.5, clip_on=False, zorder=2)
            ax.text(label_x, ly, label, fontsize=theme.SIZE_SMALL, color=color, va="center", ha="left",
                    clip_on=False)
        ax.set_xlim(-0.3, right)
        _xticks(ax, ticks)
        _yaxis(ax, unit, percent, lang)
        theme.style_axes(ax, grid="y")
        return fig
    n = len(units)
    ncols = min(8, max(3, math.ceil(math.sqrt(n * 1.2))))
    nrows = math.ceil(n / ncols)
    # no shared axes: with many panels, matplotlib's sibling bookkeeping grows with the square
    # of their number; every panel gets the same limits and ticks instead
    fig, axes = _frame(title, sub, _ids(rows), lang, sources=sources, body_height=0.95 * nrows + 0.2,
                       nrows=nrows, ncols=ncols)
    fig._dvc_meta.update(mode=mode, focus=[], indicator=indicator)
    from matplotlib.collections import LineCollection

    segs = [list(zip(g["_x"], g["_v"], strict=True)) for g in lines.values()]
    ylim = (min(0.0, float(rows["_v"].min())), top)
    yticks = [0, 50, 100] if percent else None
    for k, u in enumerate(units):
        ax = axes[k // ncols, k % ncols]
        ax.set_autoscale_on(False)
        ax.add_collection(LineCollection(segs, colors=GREY, linewidths=0.4, zorder=1))
        g = lines[u]
        ax.plot(g["_x"], g["_v"], color=theme.ACCENT, lw=1.2, zorder=3, gid="mark-" + "+".join(g["obs_id"]))
        ax.set_title(textwrap.shorten(u, 15 if ncols >= 7 else 20, placeholder="…"),
                     fontsize=theme.SIZE_NOTE - (0.5 if ncols >= 7 else 0), pad=1.5)
        ax.set_xlim(-0.3, len(periods) - 0.7)
        ax.set_ylim(*ylim)
        # panels are too narrow for period labels: ticks mark the first and last period, named once
        ax.set_xticks([0, len(periods) - 1], ["", ""])
        if yticks:
            ax.set_yticks(yticks)
        if k % ncols == 0:
            theme.format_axis(ax.yaxis, unit or "count", lang)
        else:
            ax.tick_params(labelleft=False)
        ax.tick_params(labelsize=theme.SIZE_NOTE - 0.5, length=1.5, pad=1)
        theme.style_axes(ax, grid="y")
        ax.tick_params(length=1.5)
    for k in range(n, nrows * ncols):
        axes[k // ncols, k % ncols].set_visible(False)
    bottom_left = axes[(n - 1) // ncols, 0]
    bottom_left.set_xlabel(f"{ticks[0]} → {ticks[-1]}", fontsize=theme.SIZE_NOTE, loc="left", labelpad=1)
    return fig


def _xticks(ax, ticks: list[str]) -> None:
    step = max(1, math.ceil(len(ticks) / 7))
    where = sorted(range(len(ticks) - 1, -1, -step))  # the latest period always labelled
    ax.set_xticks(where, [ticks[i] for i in where])


def _yaxis(ax, unit: str, percent: bool, lang: str, few: bool = False) -> None:
    if percent:
        ax.set_yticks([0, 50, 100] if few else [0, 25, 50, 75, 100])
    theme.format_axis(ax.yaxis, unit or "count", lang)


def trend_candidates(obs: pd.DataFrame, *, limit: int = 4) -> list[str]:
    """Indicators worth a trend figure: at least two units with two or more periods each,
    the ones reported by most units first (at most `limit`).

    Examples
    --------
    >>> trend_candidates(accepted)   # doctest: +SKIP
    ['dossier_online_share', 'payment_dossier_share', 'on_time_rate']
    """
    if obs.empty:
        return []
    key = obs[["indicator", "province_code", "unit_name"]].astype(str)
    per = obs.assign(_k=key.agg("|".join, axis=1)).groupby(["indicator", "_k"], sort=False)["period_end"].nunique()
    series = per[per >= 2].reset_index().groupby("indicator", sort=False).size()
    series = series[series >= 2].sort_values(ascending=False, kind="stable")
    return [str(i) for i in series.index[:limit]]


#: most trend figures of the user's units in one report (small multiples are drawn once)
MAX_TREND_FIGURES = 4


def build_trend_figures(out_dir: str | Path, obs: pd.DataFrame, *, indicators=None, sources=None,
                        lang: str = "vi", limit: int = MAX_TREND_FIGURES) -> list[dict[str, Any]]:
    """Write the trend figure of the user's units for the indicators that have series.

    Returns dicts shaped like :func:`dvc_analysis.figures.build_standard`'s, with ``section``
    "summary". With more units than :data:`MAX_FOCUS` (small multiples)
    only the first indicator is drawn, to keep the report light.
    """
    import matplotlib.pyplot as plt


    rows = obs[is_user_row(obs)]
    cands = trend_candidates(rows, limit=limit)
    many = rows[["province_code", "unit_name"]].drop_duplicates().shape[0] > MAX_FOCUS
    if many:
        cands = cands[:1]
    out = []
    for k, ind in enumerate(cands, start=1):
        fig = unit_trends(rows, ind, indicators=indicators, sources=sources, lang=lang)
        meta = theme.figure_meta(fig)
        if meta.get("empty"):
            plt.close(fig)
            continue
        stem = f"00_{k}_xu_huong_{ind}"
        paths = theme.save(fig, out_dir, stem)
        plt.close(fig)
        out.append({"stem": stem, "title": meta.get("title", ""), "subtitle": meta.get("subtitle", ""),
                    "caption": meta.get("caption", ""), "source_note": meta.get("note", ""),
                    "source_ids": meta.get("source_ids", []), "paths": paths, "section": "summary",
                    "focus": meta.get("focus", [])})
    return out


__all__ = ["MAX_FOCUS", "MAX_TREND_FIGURES", "build_trend_figures", "period_tick", "trend_candidates",
           "unit_trends"]
