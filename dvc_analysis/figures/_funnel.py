"""Funnel plot of rates against their sample size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.fmt import fmt_percent
from . import theme
from ._common import _empty_figure, _frame, _ids, _ind_name, _ind_table, _period, _s, _unit_label
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# funnel plot (many units: users' own data)


@themed
def funnel_plot(
    rates_df: pd.DataFrame,
    *,
    indicator: str = "dossier_online_share",
    target: float | None = None,
    target_document: str = "",
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
    title: str | None = None,
    label_outside: bool = True,
    max_labels: int = 8,
) -> Figure:
    """Funnel plot: rate against denominator with 95% and 99.8% control limits around the
    pooled rate (or ``target``), for many units reporting the same indicator for the same
    period (Spiegelhalter 2005). Units outside the 99.8% limits are drawn in orange; the
    ``max_labels`` farthest from the centre line are named."""
    import numpy as np
    import pandas as pd

    from ..analysis.rates import funnel_limits

    table = _ind_table(indicators)
    name = _ind_name(indicator, lang, table)
    df = rates_df.copy()
    df["numerator"] = pd.to_numeric(df["numerator"], errors="coerce")
    df["denominator"] = pd.to_numeric(df["denominator"], errors="coerce")
    df = df[df["numerator"].notna() & (df["denominator"] > 0)].reset_index(drop=True)
    title = title or (f"Biểu đồ phễu: {name.lower()}" if lang == "vi" else f"Funnel plot: {name}")
    if df.empty:
        return _empty_figure(title, "", lang)
    df["rate"] = 100 * df["numerator"] / df["denominator"]
    lim = funnel_limits(df, target)
    periods = ("; ".join(dict.fromkeys(_period(r, lang) for _, r in df.iterrows()))
               if "period_end" in df.columns else "")
    centre = float(lim["centre"].iloc[0])
    basis = ((f"mục tiêu {fmt_percent(centre, lang=lang)}" + (f" ({target_document})"
              if target_document else "")) if target is not None
             else f"tỷ lệ chung {fmt_percent(centre, 1, lang=lang)}")
    if lang == "en":
        basis = ((f"target {fmt_percent(centre, lang=lang)}" + (f" ({target_document})"
                  if target_document else "")) if target is not None
                 else f"pooled rate {fmt_percent(centre, 1, lang=lang)}")
    subtitle = (f"{len(df)} đơn vị; giới hạn kiểm soát 95% và 99,8% quanh {basis}"
                + (f"; kỳ: {periods}" if periods else "") if lang == "vi" else
                f"{len(df)} units; 95% and 99.8% control limits around the {basis}"
                + (f"; period: {periods}" if periods else ""))
    fig, axes = _frame(title, subtitle, _ids(df), lang, sources=sources, body_height=3.2)
    ax = axes[0, 0]
    x = lim["denominator"]
    ax.plot(x, lim["centre"], color=theme.CONTEXT, lw=0.9)
    for lev, ls in (("95", (0, (4, 2))), ("998", (0, (1, 1.5)))):
        ax.plot(x, lim[f"lower_{lev}"], color=theme.CONTEXT, lw=0.8, ls=ls)
        ax.plot(x, lim[f"upper_{lev}"], color=theme.CONTEXT, lw=0.8, ls=ls)
    lo = np.interp(df["denominator"], x, lim["lower_998"])
    hi = np.interp(df["denominator"], x, lim["upper_998"])
    p0 = centre / 100
    z = (df["rate"] / 100 - p0) / np.sqrt(max(p0 * (1 - p0), 1e-9) / df["denominator"])
    named = set(z.abs().sort_values(ascending=False).index[:max_labels])
    for i, r in df.iterrows():
        out = r["rate"] < lo[i] or r["rate"] > hi[i]
        oid = _s(r.get("obs_id", "")) or str(i)
        ax.plot([r["denominator"]], [r["rate"]], "o", ms=3.5,
                color=theme.OKABE_ITO["vermillion"] if out else theme.ACCENT, alpha=0.9,
                gid=f"mark-{oid}")
        if out and label_outside and i in named:
            ax.annotate(_unit_label(r, lang, 30).replace("\n", " "),
                        (r["denominator"], r["rate"]), xytext=(3, 2),
                        textcoords="offset points", fontsize=theme.SIZE_NOTE)
    ax.set_xscale("log")
    theme.format_axis(ax.xaxis, "count", lang)
    theme.format_axis(ax.yaxis, "percent", lang)
    ax.set_xlabel("Mẫu số (thang log)" if lang == "vi" else "Denominator (log scale)")
    ax.set_ylabel(name)
    ax.set_ylim(0, 100)
    theme.style_axes(ax, grid="both")
    from matplotlib.lines import Line2D

    ax.legend(handles=[
        Line2D([], [], color=theme.CONTEXT, ls=(0, (4, 2)), lw=0.8, label="95%"),
        Line2D([], [], color=theme.CONTEXT, ls=(0, (1, 1.5)), lw=0.8,
               label="99,8%" if lang == "vi" else "99.8%"),
    ], loc="lower right", fontsize=theme.SIZE_NOTE)
    return fig


FUNNEL_MIN_UNITS = 10
"""A funnel plot is drawn when at least this many units report one indicator, with counts,
for the same period (typically users' own data)."""


def funnel_candidates(obs: pd.DataFrame, *, min_units: int = FUNNEL_MIN_UNITS) -> pd.DataFrame:
    """Rows of the largest set of units reporting one rate indicator with counts for the same
    period (empty when no set reaches ``min_units``)."""
    import pandas as pd

    df = obs.copy()
    for c in ("numerator", "denominator"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    comp = df["component"].map(_s) if "component" in df.columns else ""
    df = df[df["numerator"].notna() & (df["denominator"] > 0) & (comp == "")]
    if df.empty:
        return df
    key = ["indicator", df["period_start"].map(_s), df["period_end"].map(_s)]
    sizes = df.groupby(key).size()
    if sizes.empty or sizes.max() < min_units:
        return df.iloc[0:0]
    ind, start, end = sizes.idxmax()
    return df[(df["indicator"] == ind) & (df["period_start"].map(_s) == start)
              & (df["period_end"].map(_s) == end)].reset_index(drop=True)
