"""Gaps to national targets."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..analysis.targets import gap_status
from ..text.fmt import fmt_percent, fmt_pp
from ..text.words import document_label
from . import theme
from ._common import (
    MAX_GROUPS,
    _empty_figure,
    _frame,
    _ids,
    _ind_name,
    _ind_table,
    _mark,
    _period,
    _province,
    _s,
    _unit_label,
    _value_text,
    _w,
)
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 4. gaps to targets


@themed
def gaps(
    gaps_df: pd.DataFrame,
    *,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Distance of each unit's latest value to the targets that apply to it: one panel per
    indicator, one row per unit; targets are orange bars lettered A, B, … and listed with their
    document under the chart (input: :func:`dvc_analysis.indicators.gaps_to_targets`)."""
    from matplotlib.lines import Line2D

    title = ("Khoảng cách đến mục tiêu" if lang == "vi" else "Distance to targets")
    if gaps_df is None or len(gaps_df) == 0:
        return _empty_figure(title, "", lang)
    table = _ind_table(indicators)
    df = gaps_df.copy()
    # latest observation of each unit and indicator
    ukey = ["indicator", "province_code", "unit_name", "admin_level"]
    last = df.groupby(ukey, dropna=False)["period_end"].transform("max")
    df = df[df["period_end"] == last].reset_index(drop=True)
    tids = (df[["target_id", "target_year", "target_value"]].drop_duplicates("target_id")
            .sort_values(["target_year", "target_value"])["target_id"].tolist())
    letter = {t: chr(ord("A") + i) for i, t in enumerate(tids)}
    inds = list(dict.fromkeys(df.sort_values("indicator")["indicator"]))
    rows_per = {}
    cut = []
    for i in inds:
        part = df[df["indicator"] == i]
        if part["obs_id"].nunique() > MAX_GROUPS:  # many units: those farthest from a target
            far = part.groupby("obs_id")["gap_pp"].max().nlargest(MAX_GROUPS).index
            cut.append((i, part["obs_id"].nunique()))
            part = part[part["obs_id"].isin(set(far))]
        rows_per[i] = part.drop_duplicates(["obs_id"])
    df = df[df["obs_id"].isin(set().union(*[set(v["obs_id"]) for v in rows_per.values()]))]
    tids = [t for t in tids if t in set(df["target_id"])]
    letter = {t: chr(ord("A") + i) for i, t in enumerate(tids)}
    n_rows = sum(len(v) for v in rows_per.values())
    subtitle = ("Giá trị mới nhất của mỗi đơn vị (chấm) và các mục tiêu áp dụng cho đơn vị đó "
                "(vạch màu cam, chữ cái tra ở chú giải); bên phải: kỳ số liệu và khoảng còn "
                "thiếu tính bằng điểm phần trăm (đpt); giá trị chỉ là cận (“trên”, “dưới”) thì "
                "khoảng cách chỉ là cận; mỗi ô một chỉ số" if lang == "vi" else
                "Latest value of each unit (dot) and the targets that apply to it (orange bars, "
                "letters in the key); right: period and the distance still to go in percentage "
                "points (pp); for a value stated as a bound (“over”, “under”) the distance is a "
                "bound too; one panel per indicator")
    if cut:
        subtitle += (f"; ô có nhiều đơn vị chỉ vẽ {MAX_GROUPS} đơn vị xa mục tiêu nhất"
                     if lang == "vi" else
                     f"; panels with many units show the {MAX_GROUPS} farthest from a target")
    # the key: one entry per document, listing its targets by letter (the letter stands in the
    # panel of the target's indicator, so the entry need not repeat the indicator's name)
    by_doc: dict[tuple[str, str], list] = {}
    for t in tids:
        r = df[df["target_id"] == t].iloc[0]
        doc = document_label(_s(r["document"]), lang)
        scope = ""
        if _s(r["scope"]) != "national":
            prov = _province(_s(r["target_province_code"]), lang)
            scope = "" if prov.casefold() in doc.casefold() else f"[{prov}] "
        by_doc.setdefault((scope, doc), []).append(r)
    handles = []
    for (scope, doc), targets_of in by_doc.items():
        years = {int(float(r["target_year"])) for r in targets_of}
        parts = []
        for r in targets_of:
            comp = {"ge": "≥", "gt": ">", "eq": "="}.get(_s(r["comparator"]), "≥")
            part = f"{letter[r['target_id']]} {comp} {fmt_percent(r['target_value'], lang=lang)}"
            if len(years) > 1:
                part += f" ({int(float(r['target_year']))})"
            parts.append(part)
        when = f" ({years.pop()})" if len(years) == 1 else ""
        txt = f"{', '.join(parts)}{when}: {scope}{doc}"
        handles.append(Line2D([], [], marker="|", ms=8, mew=1.8, ls="none", color=theme.TARGET,
                              label=textwrap.fill(txt, 110, subsequent_indent="  ")))
    src = sorted(set(_ids(df) + _ids(df, "target_source_id")))
    fig, axes = _frame(title, subtitle, src, lang, sources=sources, legend=handles,
                       body_height=0.3 + 0.25 * n_rows + 0.3 * len(inds),
                       nrows=len(inds), sharex=True,
                       gridspec_kw={"height_ratios": [len(rows_per[i]) + 0.8 for i in inds]})
    for k, ind in enumerate(inds):
        ax = axes[k, 0]
        obs_rows = rows_per[ind].reset_index(drop=True)
        for i, r in obs_rows.iterrows():
            tg = df[(df["obs_id"] == r["obs_id"])]
            obs_v = float(r["observed"])
            span = [obs_v] + [float(v) for v in tg["target_value"]]
            ax.plot([min(span), max(span)], [i, i], color="#C8C8C8", lw=2.0,
                    solid_capstyle="butt", zorder=1)
            _mark(ax, obs_v, i, obs_id=r["obs_id"],
                  basis="counts" if _s(r.get("rate_basis")) == "counts" else "stated",
                  qualifier=_s(r.get("qualifier")))
            todo = []
            for tv, grp in tg.groupby("target_value"):
                ax.plot([tv], [i], marker="|", ms=9, mew=1.8, color=theme.TARGET, zorder=3)
                ax.text(tv, i - 0.3, ",".join(sorted(letter[t] for t in grp["target_id"])),
                        ha="center", va="bottom", fontsize=5.2, color=theme.TARGET)
            unsure = []
            for _, t in tg.sort_values("target_year").iterrows():
                pp = fmt_pp(abs(t["gap_pp"]), 1, lang=lang, short=True, sign=False)
                status_t = gap_status({**t.to_dict(), "qualifier": r.get("qualifier")})
                if status_t == "short":  # an upper bound below the target: at least this far
                    least = (" ít nhất " if lang == "vi" else " at least ") \
                        if _s(r.get("qualifier")) == "under" else " "
                    todo.append(f"{letter[t['target_id']]}{least}{pp}")
                elif status_t == "open":
                    unsure.append(letter[t["target_id"]])
            status = (f"{_w('to_go', lang)}: " + ", ".join(todo)) if todo else ""
            if unsure:
                status += ("; " if status else "") + (
                    f"{', '.join(unsure)}: chưa rõ (giá trị là cận)"
                    if lang == "vi" else
                    f"{', '.join(unsure)}: unclear (value is a bound)")
            status = status or _w("reached", lang)
            ax.text(1.01, i, f"{_value_text(r, 'percent', lang)} · "
                    f"{_period(r, lang)}\n{status}", transform=ax.get_yaxis_transform(),
                    va="center", ha="left", fontsize=5.6, linespacing=1.1)
        ax.set_yticks(range(len(obs_rows)),
                      [_unit_label(r, lang, 34) for _, r in obs_rows.iterrows()],
                      fontsize=theme.SIZE_NOTE)
        ax.set_ylim(len(obs_rows) - 0.5, -0.75)
        ax.set_title(_ind_name(ind, lang, table), fontsize=theme.SIZE_SMALL)
        ax.set_xlim(0, 100)
        theme.format_axis(ax.xaxis, "percent", lang)
        theme.style_axes(ax, grid="x")
    fig._dvc_meta["n_marks"] = n_rows
    return fig
