"""Pipeline chart: how many services reach each stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.fmt import fmt_number, fmt_percent
from . import theme
from ._common import MAX_PIPELINES, _cap, _empty_figure, _frame, _ids, _period, _s, _unit_label, _w
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 3. pipelines


_PIPE_WHAT = {
    "service": ("thủ tục và dịch vụ", "procedures and services"),
    "payment": ("thủ tục và dịch vụ có phí", "fee-bearing procedures and services"),
    "payment_dossiers": ("hồ sơ của thủ tục có phí", "dossiers of fee-bearing procedures"),
}


@themed
def pipeline(
    stages: pd.DataFrame,
    *,
    kind: str = "service",
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Stage bars of a pipeline, one panel per unit, source and year, with the share kept from
    the previous stage and the share lost. ``stages`` is the output of
    :func:`dvc_analysis.indicators.pipelines` (columns ``pipeline``, ``stage_vi``/``stage_en``,
    ``count``, ``kept_pct``, ``lost_pct``, ``lost_count``, ``period_label``, ``obs_ids``,
    ``unit_label``, ``source_id``). ``kind="payment"`` draws the payment pipelines (services
    and dossiers in separate panels: they count different things)."""
    en = lang == "en"
    title = {
        ("service", False): "Chuỗi cung cấp dịch vụ: từ thủ tục đến dịch vụ có hồ sơ",
        ("service", True): "Service pipeline: from procedures to services that receive dossiers",
        ("payment", False): "Chuỗi thanh toán trực tuyến: từ thủ tục có phí đến trả phí trực tuyến",
        ("payment", True): "Payment pipeline: from fee-bearing procedures to online payment",
    }[(kind, en)]
    if stages is None or len(stages) == 0:
        return _empty_figure(title, "", lang)
    df = stages[stages["pipeline"].astype(str).str.startswith(kind)].copy()
    if df.empty:
        return _empty_figure(title, "", lang)
    keys = ["province_code", "unit_name", "admin_level", "source_id", "year", "pipeline"]
    df["_group"] = df[keys].astype(str).agg("|".join, axis=1)
    # many units: the latest year of each unit, then the largest units first
    unit_key = df[["province_code", "unit_name", "admin_level", "pipeline"]].astype(str).agg(
        "|".join, axis=1)
    df = df[df["year"] == df.groupby(unit_key)["year"].transform("max")]
    groups = list(dict.fromkeys(df["_group"]))
    n_groups = len(groups)
    if n_groups > MAX_PIPELINES:
        first = df.sort_values("stage_order").groupby("_group")["count"].first()
        groups = [g for g in groups if g in set(first.nlargest(MAX_PIPELINES).index)]
        df = df[df["_group"].isin(groups)]
    sizes = [int((df["_group"] == g).sum()) for g in groups]
    subtitle = ("Số lượng ở mỗi bước (kỳ ghi dưới tên bước); bên phải: phần giữ lại và phần mất "
                "so với bước trước; chỉ các bước nguồn có nêu" if not en else
                "Count at each stage (period under the stage name); right: share kept and lost "
                "from the previous stage; only the stages the source reports")
    if n_groups > len(groups):
        subtitle += (f"; {len(groups)} trong {n_groups} đơn vị, lớn nhất ở bước đầu" if not en
                     else f"; {len(groups)} of {n_groups} units, the largest at the first stage")
    fig, axes = _frame(title, subtitle, _ids(df), lang, sources=sources,
                       body_height=0.2 + 0.36 * len(df) + 0.42 * len(groups), nrows=len(groups),
                       gridspec_kw={"height_ratios": [n + 0.9 for n in sizes]})
    for k, g in enumerate(groups):
        ax = axes[k, 0]
        part = df[df["_group"] == g].sort_values("stage_order").reset_index(drop=True)
        top = float(part["count"].max())
        for i, r in part.iterrows():
            ax.barh(i, r["count"], height=0.62, color=theme.PALETTE[0 if i == 0 else 5],
                    gid=f"mark-{r['obs_ids']}")
            q = {"over": ">", "under": "<", "about": "≈"}.get(_s(r.get("qualifier")), "")
            ax.text(r["count"] + top * 0.01, i, q + fmt_number(r["count"], 0, lang=lang),
                    va="center", ha="left", fontsize=theme.SIZE_SMALL)
            if i > 0 and r["kept_pct"] == r["kept_pct"]:
                kept = fmt_percent(r["kept_pct"], 1, lang=lang)
                lost = fmt_percent(r["lost_pct"], 1, lang=lang)
                # a stage given as a bound (">770") gives approximate shares, never exact ones
                bound = any(_s(x.get("qualifier")) not in ("", "exact")
                            for x in (r, part.iloc[i - 1]))
                about = ("khoảng " if lang == "vi" else "about ") if bound else ""
                txt = (f"{_w('kept', lang)} {about}{kept} · {_w('lost', lang)} {about}{lost} "
                       f"({about}{fmt_number(r['lost_count'], 0, lang=lang)})")
                ax.text(1.01, i, txt, transform=ax.get_yaxis_transform(), va="center",
                        ha="left", fontsize=theme.SIZE_NOTE, color=theme.CONTEXT)
        labels = [f"{_cap(_s(r['stage_en'] if en else r['stage_vi']))}\n{_period(r, lang)}"
                  for _, r in part.iterrows()]
        ax.set_yticks(range(len(part)), labels, fontsize=theme.SIZE_NOTE)
        ax.set_ylim(len(part) - 0.5, -0.6)
        ax.set_xlim(0, top * 1.14)
        theme.format_axis(ax.xaxis, "count", lang)
        theme.style_axes(ax, grid="x")
        r0 = part.iloc[0]
        unit = _unit_label(r0, lang, 80).replace("\n", " ")
        what = _PIPE_WHAT.get(_s(r0["pipeline"]), ("", ""))[1 if en else 0]
        ax.set_title(f"{unit} — {what} — [{_s(r0['source_id']).split('_')[0]}]",
                     fontsize=theme.SIZE_SMALL)
    return fig


def _pipeline_frame(obs: pd.DataFrame, kind: str, lang: str, ctx: dict | None = None):
    """Rows of :func:`indicators.pipelines` for one kind of pipeline (computed once per ctx)."""
    from ..analysis.pipelines import pipelines

    if ctx is not None and ctx.get("pipelines") is not None:
        p = ctx["pipelines"]
    elif ctx is not None and ctx.get("_pipelines_of") is obs:
        p = ctx["_pipelines"]
    else:
        p = pipelines(obs)
        if ctx is not None:
            ctx["_pipelines"], ctx["_pipelines_of"] = p, obs
    if p is None or len(p) == 0:
        return p
    return p[p["pipeline"].astype(str).str.startswith(kind)].reset_index(drop=True)
