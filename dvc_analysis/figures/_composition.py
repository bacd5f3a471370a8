"""Composition bars (levels, components) and per-field bars."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..text.fmt import fmt_number
from . import theme
from ._common import (
    _COMPONENTS,
    _FAMILIES,
    _component_label,
    _empty_figure,
    _frame,
    _ids,
    _ind_name,
    _period,
    _s,
    _unit_label,
    _w,
)
from .theme import themed

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# 6. composition


def _composition_rows(obs: pd.DataFrame, lang: str) -> list[dict]:
    """Totals broken into parts, by family: [{family, label, period, parts: [(name, n, obs_id)],
    source_ids}]. A pair of legacy level 3 / level 4 service counts stated side by side for the
    same unit and date counts as one breakdown."""
    import pandas as pd

    df = obs.copy()
    for c in ("numerator", "denominator", "value"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    df["component"] = df["component"].map(_s)
    df["part_of"] = df["part_of"].map(_s) if "part_of" in df.columns else ""
    out = []
    by_id = df.set_index("obs_id", drop=False)
    for fam, codes, names in _FAMILIES:
        parts = df[df["component"].isin(codes) & (df["part_of"] != "")]
        for total_id, g in parts.groupby("part_of", sort=True):
            total = by_id.loc[total_id] if total_id in by_id.index else g.iloc[0]
            out.append({
                "family": fam, "family_label": names[1] if lang == "en" else names[0],
                "indicator": _s(total["indicator"]),
                "unit": _unit_label(total, lang, 60).replace("\n", " "),
                "period": _period(total, lang),
                "parts": [(_component_label(_s(r["component"]), lang), float(r["value"]),
                           _s(r["obs_id"])) for _, r in g.iterrows()],
                "source_ids": sorted(set(g["source_id"].map(_s))),
            })
    # legacy level 3 and level 4 services stated as two counts for the same unit and date
    l3 = df[(df["indicator"] == "dvctt_level3_count") & (df["component"] == "")]
    l4 = df[(df["indicator"] == "dvctt_level4_count") & (df["component"] == "")]
    for _, a in l3.iterrows():
        same = l4[(l4["province_code"].map(_s) == _s(a["province_code"]))
                  & (l4["unit_name"].map(_s) == _s(a["unit_name"]))
                  & (l4["period_end"].map(_s) == _s(a["period_end"]))]
        for _, b in same.iterrows():
            out.append({
                "family": "level_3_4",
                "family_label": _FAMILIES[1][2][1 if lang == "en" else 0],
                "indicator": "dvctt_count",
                "unit": _unit_label(a, lang, 60).replace("\n", " "),
                "period": _period(a, lang),
                "parts": [(_component_label("muc_do_3", lang), float(a["value"]), _s(a["obs_id"])),
                          (_component_label("muc_do_4", lang), float(b["value"]), _s(b["obs_id"]))],
                "source_ids": sorted({_s(a["source_id"]), _s(b["source_id"])}),
            })
    return out


_WHAT = {
    "dvctt_count": ("DVCTT", "online services"),
    "dossier_online_count": ("hồ sơ trực tuyến", "online dossiers"),
    "dvctt_level4_count": ("DVCTT mức độ 4", "level-4 services"),
    "tthc_upgrade_planned_count": ("TTHC đề nghị nâng cấp", "procedures proposed for upgrade"),
}


@themed
def composition(
    obs: pd.DataFrame,
    *,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """100% stacked bars of totals broken into parts: toàn trình vs một phần, legacy level 3 vs
    4, provincial/district/commune split. One panel per breakdown family; counts on the bars."""
    rows = _composition_rows(obs, lang)
    title = ("Cơ cấu: toàn trình/một phần, mức độ 3/4, theo cấp chính quyền" if lang == "vi"
             else "Composition: full/partial, level 3/4, by level of government")
    if not rows:
        return _empty_figure(title, "", lang)
    # one panel per breakdown family and counted object: dossiers and services never share
    # an axis, nor do two different totals
    for r in rows:
        r["panel"] = (r["family"], r["indicator"])
    order = {f[0]: i for i, f in enumerate(_FAMILIES)}
    fams = sorted(dict.fromkeys(r["panel"] for r in rows), key=lambda k: order.get(k[0], 99))
    counts = [sum(r["panel"] == f for r in rows) for f in fams]
    subtitle = ("Mỗi thanh là một tổng do nguồn nêu (100%), chia theo thành phần; số trên thanh là "
                "số lượng; mỗi thanh ghi đơn vị, đối tượng đếm và kỳ" if lang == "vi" else
                "Each bar is one total stated by a source (100%), split into its parts; numbers "
                "are counts; each bar names its unit, what is counted and its period")
    src = sorted({s for r in rows for s in r["source_ids"]})
    fig, axes = _frame(title, subtitle, src, lang, sources=sources,
                       body_height=0.3 + 0.45 * len(rows) + 0.5 * len(fams), nrows=len(fams),
                       sharex=True, gridspec_kw={"height_ratios": [c + 0.8 for c in counts]})
    colors = [theme.PALETTE[0], theme.PALETTE[1], theme.PALETTE[2], theme.PALETTE[4],
              theme.PALETTE[5]]
    for k, fam in enumerate(fams):
        ax = axes[k, 0]
        part_rows = [r for r in rows if r["panel"] == fam]
        names_seen: dict[str, str] = {}
        labels = []
        for i, r in enumerate(part_rows):
            total = sum(n for _, n, _ in r["parts"])
            left = 0.0
            for name, n, oid in r["parts"]:
                share = 100 * n / total if total else 0
                color = names_seen.setdefault(name, colors[len(names_seen) % len(colors)])
                ax.barh(i, share, left=left, height=0.6, color=color, edgecolor="white", lw=0.6,
                        gid=f"mark-{oid}", label=name if name not in ax.get_legend_handles_labels()[1] else None)
                txt = fmt_number(n, 0, lang=lang)
                if share >= 9:
                    ax.text(left + share / 2, i, txt, ha="center", va="center",
                            fontsize=theme.SIZE_NOTE, color=maps_text_color(color))
                else:  # too narrow for its number: print it just above the segment
                    x = min(left + share / 2, 99.5)
                    ax.text(x, i - 0.33, txt, ha="right" if x > 95 else "center",
                            va="bottom", fontsize=theme.SIZE_NOTE - 0.5)
                left += share
            what = _WHAT.get(r["indicator"], (r["indicator"], r["indicator"]))
            labels.append(textwrap.fill(
                f"{r['unit']}: {fmt_number(total, 0, lang=lang)} "
                f"{what[1] if lang == 'en' else what[0]}, {r['period']}", 44))
        ax.set_yticks(range(len(part_rows)), labels, fontsize=theme.SIZE_NOTE)
        ax.set_ylim(len(part_rows) - 0.5, -0.55)
        ax.set_xlim(0, 100)
        theme.format_axis(ax.xaxis, "percent", lang)
        what = _WHAT.get(fam[1], (fam[1], fam[1]))[1 if lang == "en" else 0]
        ax.set_title(f"{part_rows[0]['family_label']} — {what}", fontsize=theme.SIZE_SMALL)
        ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=theme.SIZE_NOTE,
                  handlelength=1.0)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    axes[-1, 0].set_xlabel(_w("share_of_total", lang), fontsize=theme.SIZE_SMALL)
    return fig


def maps_text_color(color: str) -> str:
    from matplotlib.colors import to_rgba

    from ._mapdraw import _text_color

    return _text_color(to_rgba(color))


@themed
def fields_bars(
    obs: pd.DataFrame,
    *,
    province_code: str = "14",
    unit_name: str = "huyện Phù Yên",
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Procedures by field (lĩnh vực) of one unit, sorted horizontal bars: one panel per total
    broken down by field (e.g. Phù Yên: level 1–2 procedures; level-3 services)."""
    import pandas as pd

    df = obs.copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df["component"] = df["component"].map(_s)
    known = set(_COMPONENTS)
    unit_rows = df[(df["province_code"].map(_s) == province_code)
                   & (df["unit_name"].map(_s) == unit_name)]
    parts = unit_rows[(unit_rows["component"] != "") & ~unit_rows["component"].isin(known)
                      & (unit_rows["part_of"].map(_s) != "")
                      & ~unit_rows["component"].str.startswith(("muc_do", "lien_thong"))]
    unit_label = _unit_label({"province_code": province_code, "unit_name": unit_name}, lang, 80)
    title = (f"{unit_label}: thủ tục theo lĩnh vực" if lang == "vi"
             else f"{unit_label}: procedures by field")
    if parts.empty:
        return _empty_figure(title, "", lang)
    by_id = df.set_index("obs_id", drop=False)
    groups = list(dict.fromkeys(parts["part_of"]))
    sizes = [int((parts["part_of"] == g).sum()) for g in groups]
    subtitle = ("Số thủ tục theo lĩnh vực như nguồn liệt kê, xếp theo số lượng; mỗi ô là một "
                "danh sách riêng (mức độ khác nhau, thời điểm khác nhau)" if lang == "vi" else
                "Procedures per field as listed by the source, sorted; each panel is a separate "
                "list (different level, different date)")
    fig, axes = _frame(title, subtitle, _ids(parts), lang, sources=sources,
                       body_height=0.3 + 0.2 * len(parts) + 0.45 * len(groups),
                       nrows=len(groups), sharex=True,
                       gridspec_kw={"height_ratios": [s + 1.2 for s in sizes]})
    for k, g in enumerate(groups):
        ax = axes[k, 0]
        part = parts[parts["part_of"] == g].sort_values("value", ascending=True).reset_index(
            drop=True)
        total = by_id.loc[g] if g in by_id.index else part.iloc[0]
        for i, r in part.iterrows():
            ax.barh(i, r["value"], height=0.7, color=theme.ACCENT, gid=f"mark-{r['obs_id']}")
            ax.text(r["value"] + 0.6, i, fmt_number(r["value"], 0, lang=lang), va="center",
                    fontsize=theme.SIZE_NOTE)
        ax.set_yticks(range(len(part)), list(part["component"]), fontsize=theme.SIZE_NOTE)
        ax.set_ylim(-0.6, len(part) - 0.4)
        ind = _ind_name(_s(total["indicator"]), lang, indicators)
        listed = fmt_number(part["value"].sum(), 0, lang=lang)
        stated = fmt_number(total["value"], 0, lang=lang)
        head = (f"{ind}, {_period(total, lang)}: tổng nêu {stated}, cộng các lĩnh vực liệt kê "
                f"{listed} ({len(part)} lĩnh vực)" if lang == "vi" else
                f"{ind}, {_period(total, lang)}: stated total {stated}, sum of listed fields "
                f"{listed} ({len(part)} fields)")
        ax.set_title(textwrap.fill(head, 72), fontsize=theme.SIZE_SMALL)
        theme.format_axis(ax.xaxis, "count", lang)
        theme.style_axes(ax, grid="x")
    return fig
