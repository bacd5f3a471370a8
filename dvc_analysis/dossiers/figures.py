"""Figures of a dossier run in the package theme: funnel, month trend, not-online procedures, late units.

Every figure states the rule profile and the dossiers it was computed from in its source note
("Nguồn: tính từ … hồ sơ …"), and says so when the export is synthetic. Rates are pooled from
counts (Σ numerator / Σ denominator), never averaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..figures import theme
from ..text.fmt import fmt_number, fmt_percent, period_label
from .compute import Computation, provenance

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: rate indicator → (numerator column, denominator column) of the wide table
RATE_COLUMNS = {
    "dossier_online_share": ("online", "received"),
    "payment_dossier_share": ("paid_online", "fee_due"),
    "on_time_rate": ("on_time", "judged"),
    "digitisation_input": ("digitised_in", "received"),
    "digitisation_output": ("digitised_out", "issued"),
}
UNIT_WORD = {"donvi": "cơ quan, đơn vị", "xa": "xã, phường", "linhvuc": "lĩnh vực",
             "thutuc": "thủ tục", "tinh": "tỉnh"}


def _name(indicator: str) -> str:
    from ..evidence.load import load_indicators

    table = load_indicators().set_index("id")
    return str(table.loc[indicator, "name_vi"]) if indicator in table.index else indicator


def _note(result: Computation) -> str:
    text = provenance(result.accepted_rows, result.files, result.rules).split(" / ")[0]
    note = f"{theme.text('source')}: {text}."
    if result.synthetic:
        note += " DỮ LIỆU GIẢ LẬP, không phải số liệu thật."
    return note


def _span(result: Computation) -> str:
    w = result.wide
    return period_label(w["period_start"].min(), w["period_end"].max())


def _pooled(result: Computation, indicator: str, by_period: bool = False) -> pd.DataFrame:
    num, den = RATE_COLUMNS[indicator]
    key = "period_start" if by_period else "unit_label"
    g = result.wide.groupby(key, as_index=False)[[num, den]].sum()
    return g.rename(columns={num: "numerator", den: "denominator"})


@theme.themed
def funnel(result: Computation, indicator: str = "on_time_rate", *, max_labels: int = 6) -> Figure:
    """Funnel plot: each unit's rate over the whole span against its volume, 95% / 99.8% limits.

    Parameters
    ----------
    result
        A run (any ``by``).
    indicator
        One of `RATE_COLUMNS`.
    max_labels
        Units outside the 99.8% limits named on the plot (the farthest first).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    from ..analysis.rates import funnel_limits

    df = _pooled(result, indicator)
    df = df[df["denominator"] > 0].reset_index(drop=True)
    name = _name(indicator)
    title = f"Biểu đồ phễu: {name.lower()} theo {UNIT_WORD[result.by]}"
    lim = funnel_limits(df)
    centre = float(lim["centre"].iloc[0])
    subtitle = (f"{len(df)} {UNIT_WORD[result.by]}, {_span(result)}; quy tắc {result.rules}; "
                f"giới hạn kiểm soát 95% và 99,8% quanh tỷ lệ chung {fmt_percent(centre, 1)}")
    fig, axes = theme.new_figure(title, subtitle, _note(result), body_height=3.2)
    ax = axes[0, 0]
    x = lim["denominator"]
    ax.plot(x, lim["centre"], color=theme.CONTEXT, lw=0.9)
    for lev, ls in (("95", (0, (4, 2))), ("998", (0, (1, 1.5)))):
        ax.plot(x, lim[f"lower_{lev}"], color=theme.CONTEXT, lw=0.8, ls=ls)
        ax.plot(x, lim[f"upper_{lev}"], color=theme.CONTEXT, lw=0.8, ls=ls)
    rate = 100 * df["numerator"] / df["denominator"]
    lo = np.interp(df["denominator"], x, lim["lower_998"])
    hi = np.interp(df["denominator"], x, lim["upper_998"])
    out = (rate < lo) | (rate > hi)
    ax.scatter(df["denominator"], rate, s=10, alpha=0.85, zorder=3,
               c=np.where(out, theme.OKABE_ITO["vermillion"], theme.ACCENT))
    p0 = centre / 100
    z = (rate / 100 - p0) / np.sqrt(max(p0 * (1 - p0), 1e-9) / df["denominator"])
    for i in z[out].abs().sort_values(ascending=False).index[:max_labels]:
        ax.annotate(str(df.loc[i, "unit_label"])[:28], (df.loc[i, "denominator"], rate[i]),
                    xytext=(3, 2), textcoords="offset points", fontsize=theme.SIZE_NOTE)
    ax.set_xscale("log")
    theme.format_axis(ax.xaxis, "count")
    theme.format_axis(ax.yaxis, "percent")
    ax.set_xlabel("Số hồ sơ trong mẫu số (thang log)")
    ax.set_ylabel(name)
    ax.set_ylim(max(0, min(rate.min(), lim["lower_998"].min()) - 5), 100)
    theme.style_axes(ax, grid="both")
    from matplotlib.lines import Line2D

    ax.legend(handles=[
        Line2D([], [], color=theme.CONTEXT, ls=(0, (4, 2)), lw=0.8, label="95%"),
        Line2D([], [], color=theme.CONTEXT, ls=(0, (1, 1.5)), lw=0.8, label="99,8%"),
        Line2D([], [], ls="", marker="o", color=theme.OKABE_ITO["vermillion"], ms=3.5,
               label="ngoài giới hạn 99,8%"),
    ], loc="lower right", fontsize=theme.SIZE_NOTE)
    return fig


@theme.themed
def trend(result: Computation, indicators=("dossier_online_share", "payment_dossier_share",
                                           "on_time_rate", "digitisation_input")) -> Figure:
    """Month-by-month pooled rates, one panel per indicator (shared 0–100% scale), Wilson bands.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..analysis.rates import rates

    shown = [i for i in indicators if all(c in result.wide for c in RATE_COLUMNS[i])]
    ncols = 2
    nrows = (len(shown) + 1) // 2
    title = "Diễn biến theo kỳ của các tỷ lệ tính từ hồ sơ"
    subtitle = (f"Toàn bộ {UNIT_WORD[result.by]} gộp lại, {_span(result)}; quy tắc {result.rules}; "
                "dải mờ: khoảng tin cậy Wilson 95%; mỗi ô một chỉ số (không so sánh giữa các ô)")
    fig, axes = theme.new_figure(title, subtitle, _note(result), body_height=1.9 * nrows,
                                 nrows=nrows, ncols=ncols, sharex=True, sharey=True)
    for k, ax in enumerate(axes.flat):
        if k >= len(shown):
            ax.set_axis_off()
            continue
        ident = shown[k]
        df = _pooled(result, ident, by_period=True).sort_values("period_start")
        df = df[df["denominator"] > 0]
        rated = rates(df.assign(indicator=ident))
        ax.fill_between(df["period_start"], rated["ci_low"], rated["ci_high"],
                        color=theme.PALETTE[k], alpha=0.2, lw=0)
        ax.plot(df["period_start"], rated["rate"], color=theme.PALETTE[k], lw=1.4, marker="o", ms=2.5)
        ax.set_title(_name(ident), fontsize=theme.SIZE_BASE, loc="left")
        ax.set_ylim(0, 100)
        theme.format_axis(ax.yaxis, "percent")
        theme.style_axes(ax, grid="y")
        ax.xaxis.set_major_formatter(_month_formatter())
        ax.tick_params(axis="x", labelsize=theme.SIZE_NOTE)
    return fig


def _month_formatter():
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: f"{mdates.num2date(x):%m/%Y}")


@theme.themed
def not_online(result: Computation, top: int = 15) -> Figure:
    """Procedures (or other units) with the most dossiers not filed online over the span.

    Returns
    -------
    matplotlib.figure.Figure
    """
    w = result.wide.groupby("unit_label", as_index=False)[["received", "online"]].sum()
    w["offline"] = w["received"] - w["online"]
    w = w.sort_values("offline", ascending=False).head(top).iloc[::-1]
    title = f"{len(w)} {UNIT_WORD[result.by]} có nhiều hồ sơ không nộp trực tuyến nhất"
    subtitle = (f"Số hồ sơ tiếp nhận trực tiếp hoặc qua bưu chính, {_span(result)}; "
                "nhãn: tỷ lệ hồ sơ trực tuyến của cùng đơn vị")
    fig, axes = theme.new_figure(title, subtitle, _note(result), body_height=0.2 * len(w) + 0.6)
    ax = axes[0, 0]
    labels = [str(s)[:40] for s in w["unit_label"]]
    ax.barh(labels, w["offline"], color=theme.ACCENT, height=0.7)
    for y, (off, rec, onl) in enumerate(zip(w["offline"], w["received"], w["online"], strict=True)):
        share = fmt_percent(100 * onl / rec, 1) if rec else "–"
        ax.text(off, y, f" {fmt_number(off)} ({share} trực tuyến)", va="center",
                fontsize=theme.SIZE_NOTE)
    ax.set_xlim(0, w["offline"].max() * 1.35 if len(w) else 1)
    theme.format_axis(ax.xaxis, "count")
    ax.set_xlabel("Số hồ sơ không nộp trực tuyến")
    theme.style_axes(ax, grid="x")
    return fig


@theme.themed
def late_by_unit(result: Computation, top: int = 15) -> Figure:
    """Units with the most late dossiers: resolved late over the span + still overdue at its end.

    Returns
    -------
    matplotlib.figure.Figure
    """
    w = result.wide
    late = w.groupby("unit_label", as_index=False)[["late", "judged"]].sum()
    last = w[w["p"] == w["p"].max()][["unit_label", "pending_overdue"]]
    late = late.merge(last, on="unit_label", how="left").fillna({"pending_overdue": 0})
    late["total"] = late["late"] + late["pending_overdue"]
    late = late.sort_values("total", ascending=False).head(top).iloc[::-1]
    end = w["period_end"].max()
    title = f"Hồ sơ trễ hạn theo {UNIT_WORD[result.by]}: {len(late)} đơn vị nhiều nhất"
    subtitle = (f"Đã giải quyết quá hạn trong {_span(result)} và còn quá hạn chưa giải quyết "
                f"ngày {end:%d/%m/%Y}; quy tắc {result.rules}; nhãn: tỷ lệ quá hạn trong số đã giải quyết")
    legend_labels = ["Đã giải quyết quá hạn", f"Đang giải quyết, đã quá hạn ({end:%d/%m/%Y})"]
    from matplotlib.patches import Patch

    handles = [Patch(color=theme.OKABE_ITO["vermillion"], label=legend_labels[0]),
               Patch(color=theme.OKABE_ITO["orange"], label=legend_labels[1])]
    fig, axes = theme.new_figure(title, subtitle, _note(result), body_height=0.2 * len(late) + 0.6,
                                 legend_height=theme.legend_height(legend_labels, 2))
    theme.bottom_legend(fig, handles, ncols=2)
    ax = axes[0, 0]
    labels = [str(s)[:40] for s in late["unit_label"]]
    ax.barh(labels, late["late"], color=theme.OKABE_ITO["vermillion"], height=0.7)
    ax.barh(labels, late["pending_overdue"], left=late["late"], color=theme.OKABE_ITO["orange"],
            height=0.7)
    for y, (tot, lt, jd) in enumerate(zip(late["total"], late["late"], late["judged"], strict=True)):
        share = fmt_percent(100 * lt / jd, 1) if jd else "–"
        ax.text(tot, y, f" {fmt_number(tot)} ({share})", va="center", fontsize=theme.SIZE_NOTE)
    ax.set_xlim(0, late["total"].max() * 1.3 if len(late) else 1)
    theme.format_axis(ax.xaxis, "count")
    ax.set_xlabel("Số hồ sơ")
    theme.style_axes(ax, grid="x")
    return fig


def draw_all(result: Computation, out_dir: str | Path) -> dict[str, Path]:
    """Draw the figures that fit the run's unit into ``out_dir/hinh`` (PNG 300 dpi, SVG, PDF).

    Returns
    -------
    dict
        figure name → PNG path.
    """
    import matplotlib.pyplot as plt

    target = Path(out_dir) / "hinh"
    made: dict[str, Path] = {}
    if result.wide.empty:
        return made
    plans = [("phieu_dung_han", lambda: funnel(result, "on_time_rate")),
             ("phieu_truc_tuyen", lambda: funnel(result, "dossier_online_share")),
             ("xu_huong", lambda: trend(result))]
    if result.by == "thutuc":
        plans.append(("thu_tuc_chua_truc_tuyen", lambda: not_online(result)))
    if result.by in ("donvi", "xa", "linhvuc"):
        plans.append(("tre_han_theo_don_vi", lambda: late_by_unit(result)))
    for stem, build in plans:
        fig = build()
        made[stem] = theme.save(fig, target, stem)["png"]
        plt.close(fig)
    return made


FIGURES = {
    "phieu_dung_han": lambda r: funnel(r, "on_time_rate"),
    "phieu_truc_tuyen": lambda r: funnel(r, "dossier_online_share"),
    "xu_huong": lambda r: trend(r),
    "chua_truc_tuyen": lambda r: not_online(r),
    "tre_han": lambda r: late_by_unit(r),
}


def build_figure(name: str, result: Computation) -> Figure:
    """One figure of a run by name (see `FIGURES`), as notebooks call it.

    Examples
    --------
    >>> fig = build_figure("phieu_dung_han", result)  # doctest: +SKIP
    """
    from ..errors import UsageError

    if name not in FIGURES:
        raise UsageError(f"Không có hình '{name}' ({', '.join(FIGURES)}).",
                         f"No figure '{name}' ({', '.join(FIGURES)}).")
    return FIGURES[name](result)
