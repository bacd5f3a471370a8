"""Report figures: one function per chart, and the registry of the standard set.

Every chart function takes tidy data (observations or the analysis layer's output) and returns a
matplotlib Figure made with :mod:`dvc_analysis.theme`: a title, a subtitle (what, where, when),
the period printed beside every value, and a source note built from the ``source_id`` of the
rows actually drawn. Two indicators that are not the same thing never share an axis: each
panel holds one indicator id, selected through :func:`dvc_analysis.indicators.compare`.

Every data mark is its own artist with ``gid="mark-<obs_id>"`` (or ``cell-…`` in the heat map),
so the number of marks can be checked against the number of rows. ``fig._dvc_meta`` holds the
title, subtitle, caption, source note and source ids; :func:`build_standard` writes the standard
set (``STANDARD``) as PNG, SVG and PDF and returns that metadata for the report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import theme
from .fmt import fmt_number, fmt_percent, fmt_pp
from .theme import themed

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

# ---------------------------------------------------------------------------------------------
# words

_W = {
    "unnamed": ("tỉnh không nêu tên", "unnamed province"),
    "stated": ("tỷ lệ nêu trong nguồn, không có tử số/mẫu số", "rate as stated, no counts"),
    "counts": ("tính từ tử số/mẫu số, khoảng tin cậy Wilson 95%",
               "from counts, Wilson 95% interval"),
    "over": ("giá trị là cận dưới (\u201ctrên\u201d, \u201chơn\u201d)",
             "value is a lower bound (\u201cover\u201d)"),
    "under": ("giá trị là cận trên (\u201cdưới\u201d)", "value is an upper bound (\u201cunder\u201d)"),
    "no_data": ("Không có số liệu cho hình này.", "No data for this figure."),
    "province_target": ("mục tiêu riêng của tỉnh", "the province's own target"),
    "reached": ("đã đạt", "reached"),
    "to_go": ("còn thiếu", "to go"),
    "per_year": ("/năm", "/year"),
    "observed": ("giá trị quan sát", "observed"),
    "not_on_map": ("không đặt được lên bản đồ", "cannot be placed on the map"),
    "share_of_total": ("% của tổng", "% of total"),
    "kept": ("còn lại", "kept"),
    "lost": ("mất", "lost"),
    "mentions": ("số lần nêu", "mentions"),
    "warnings": ("Lưu ý so sánh", "Comparability notes"),
    "none_mapped": ("Không tỉnh nào có đủ số liệu để tô màu trên bản đồ này.",
                    "No province has enough data to be coloured on this map."),
}


def _w(key: str, lang: str) -> str:
    vi, en = _W[key]
    return en if lang == "en" else vi


_COMPONENTS = {
    "toan_trinh": ("toàn trình", "fully online"),
    "mot_phan": ("một phần", "partly online"),
    "muc_do_3": ("mức độ 3", "level 3"),
    "muc_do_4": ("mức độ 4", "level 4"),
    "cap_tinh": ("cấp tỉnh", "provincial"),
    "cap_huyen": ("cấp huyện", "district"),
    "cap_xa": ("cấp xã", "commune"),
    "bo_phan_mot_cua_huyen": ("bộ phận một cửa huyện", "district one-stop desk"),
    "co_quan_huyen": ("cơ quan cấp huyện", "district agencies"),
    "thanh_toan_truc_tuyen": ("thanh toán trực tuyến", "paid online"),
    "thanh_toan_truc_tiep_khac": ("trực tiếp, hình thức khác", "in person, other"),
    "da_giai_quyet": ("đã giải quyết", "resolved"),
    "dang_giai_quyet": ("đang giải quyết", "in progress"),
    "dung_han": ("đúng hạn", "on time"),
    "truoc_han": ("trước hạn", "early"),
    "tiep_nhan_moi": ("tiếp nhận mới", "newly received"),
    "ton_ky_truoc": ("tồn kỳ trước", "carried over"),
    "thap_nhat": ("đơn vị thấp nhất", "lowest unit"),
    "cao_nhat": ("đơn vị cao nhất", "highest unit"),
}

_FAMILIES = [
    ("full_partial", ("toan_trinh", "mot_phan"),
     ("DVCTT toàn trình và một phần", "Fully vs partly online services")),
    ("level_3_4", ("muc_do_3", "muc_do_4"),
     ("Mức độ 3 và mức độ 4 (hệ cũ, NĐ 43/2011)", "Legacy level 3 vs level 4 (Decree 43/2011)")),
    ("admin_split", ("cap_tinh", "cap_huyen", "cap_xa", "bo_phan_mot_cua_huyen", "co_quan_huyen"),
     ("Chia theo cấp chính quyền", "Split by level of government")),
]


def _component_label(code: str, lang: str) -> str:
    pair = _COMPONENTS.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


ALL_ROWS_UP_TO = 24
"""A dot plot shows every unit × period up to this many rows, else the latest value per unit."""
MAX_DOT_ROWS = 70
"""At most this many rows in a dot plot (the rest are named in the subtitle as left out)."""
MAX_GROUPS = 8
"""At most this many units (rows per panel) in gaps to targets, and series in trends."""
MAX_PIPELINES = 4
"""At most this many pipeline panels (units) in one figure, so that it fits an A4 page."""


def _row_height(n: int) -> float:
    """Inches per row: roomy for a few units, compact (names only) for many."""
    return 0.36 if n <= 12 else max(0.105, min(0.3, 6.8 / n))


# ---------------------------------------------------------------------------------------------
# data access


def _read_csv(name: str):
    import pandas as pd

    from ._resources import data_path

    with data_path(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def load_context(obs: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything the standard figures read: observations, targets, indicators, sources, barriers."""
    try:
        from .load import load_indicators, load_observations, load_sources, load_targets
    except ImportError:  # the loader is optional for drawing
        load_observations = load_targets = load_indicators = load_sources = None
    ctx: dict[str, Any] = {}
    ctx["obs"] = obs if obs is not None else (
        load_observations() if load_observations else _read_csv("observations.csv"))
    ctx["targets"] = load_targets() if load_targets else _read_csv("targets.csv")
    ctx["indicators"] = load_indicators() if load_indicators else _read_csv("indicators.csv")
    ctx["sources"] = load_sources() if load_sources else _read_csv("sources.csv")
    for key, name in (("mentions", "barrier_mentions.csv"), ("barriers", "barriers.csv")):
        try:
            ctx[key] = _read_csv(name)
        except (FileNotFoundError, OSError):
            ctx[key] = None
    return ctx


_COMPARE_MEMO: dict[str, Any] = {"obs": None, "table": None, "base": None, "items": {}}


def _compare_memo(obs, table) -> dict[str, Any]:
    """The memo of :func:`_compare` for this observation table: the row-wise columns of
    ``compare`` for all its rows, computed once, and the comparable sets asked for so far."""
    from .indicators import _compare_base, _indicator_table

    memo = _COMPARE_MEMO
    if memo["obs"] is not obs or memo["table"] is not table:
        memo.update(obs=obs, table=table, items={},
                    base=_compare_base(obs, _indicator_table(table)))
    return memo


def _compare(obs, indicator: str, admin_level: str | None, table):
    """:func:`indicators.compare`, remembered for the last observation table seen (the
    standard set asks for the same comparable set several times). Returns a copy."""
    from .indicators import _checked_ids, _compare_from_base

    memo = _compare_memo(obs, table)
    key = (indicator, admin_level)
    if key not in memo["items"]:
        ids = _checked_ids(indicator, (), memo["base"]["table"])
        memo["items"][key] = _compare_from_base(memo["base"], ids, admin_level, None)
    df = memo["items"][key]
    out = df.copy()
    out.attrs = {k: list(v) if isinstance(v, list) else v for k, v in df.attrs.items()}
    return out


def _ind_table(indicators=None):
    return indicators if indicators is not None else _read_csv("indicators.csv")


def _ind_info(ind_id: str, indicators=None) -> dict[str, str]:
    table = _ind_table(indicators)
    row = table[table["id"].astype(str) == ind_id]
    if row.empty:
        return {"id": ind_id, "name_vi": ind_id, "name_en": ind_id, "unit": "percent"}
    return {k: str(v) for k, v in row.iloc[0].items()}


def _ind_name(ind_id: str, lang: str, indicators=None) -> str:
    info = _ind_info(ind_id, indicators)
    return info["name_en"] if lang == "en" else info["name_vi"]


def _unit_of(ind_id: str, indicators=None) -> str:
    return _ind_info(ind_id, indicators).get("unit", "percent") or "percent"


def _s(x: Any) -> str:
    """A cell as text ('' for missing)."""
    if x is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(x):
            return ""
    except (TypeError, ValueError):
        pass
    return str(x)


def _period(row, lang: str) -> str:
    from .fmt import period_label

    if lang == "en":
        label = _s(row.get("period_label_en", ""))
        if not label:
            try:
                label = period_label(row.get("period_start"), row.get("period_end"), lang="en")
            except Exception:  # noqa: BLE001 - a bad date should not stop a figure
                label = ""
        return label
    label = _s(row.get("period_label", ""))
    if not label:
        try:
            label = period_label(row.get("period_start"), row.get("period_end"))
        except Exception:  # noqa: BLE001
            label = ""
    return label[:1].lower() + label[1:] if label[:1].isupper() and label[:2] != "Q" else label


def _province(code: str, lang: str, map: str = "63") -> str:
    from .provinces import province_name

    if not code:
        return _w("unnamed", lang)
    try:
        return province_name(code, map, lang=lang)
    except Exception:  # noqa: BLE001 - user codes may be unknown
        return code


def _unit_label(row, lang: str, width: int = 30) -> str:
    name = _s(row.get("_name", "")) if hasattr(row, "get") else ""
    prov = name or _province(_s(row.get("province_code", "")), lang)
    unit = _s(row.get("unit_name", ""))
    label = f"{prov}: {unit}" if unit else prov
    comp = _s(row.get("component", "")) if hasattr(row, "get") else ""
    if comp:  # a statistic of its own (e.g. the lowest district), not a share of a total
        label += f" — {_component_label(comp, lang).replace('_', ' ')}"
    label = label[:1].upper() + label[1:]
    return textwrap.fill(label, width, break_on_hyphens=False)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value_text(value: float, unit: str, qualifier: str, lang: str) -> str:
    prefix = {"over": ">", "under": "<", "about": "≈"}.get(qualifier or "exact", "")
    return prefix + theme.fmt_value(value, unit, lang)


def _ids(df, col: str = "source_id") -> list[str]:
    if df is None or len(df) == 0 or col not in df.columns:
        return []
    return sorted({_s(s) for s in df[col] if _s(s)})


def _full_source_ids(short_ids: Iterable[str], sources=None) -> list[str]:
    """Map short source prefixes ('003') to the full ids of sources.csv."""
    table = sources if sources is not None else _read_csv("sources.csv")
    full = list(table["source_id"].astype(str))
    out = []
    for s in short_ids:
        match = [f for f in full if f == s or f.split("_", 1)[0] == s]
        out.extend(match or [s])
    return sorted(set(out))


def _frame(title: str, subtitle: str, source_ids: Sequence[str], lang: str, *,
           caption: str = "", sources=None, body_height: float = 3.0, nrows: int = 1,
           ncols: int = 1, extra_note: str = "", legend=None, legend_ncols: int = 1, **kw):
    note = theme.source_note(source_ids, lang, sources)
    if extra_note:
        note = extra_note + "\n" + note
    labels = [h.get_label() for h in legend or []]
    fig, axes = theme.new_figure(title, subtitle, note, body_height=body_height, nrows=nrows,
                                 ncols=ncols,
                                 legend_height=theme.legend_height(labels, legend_ncols), **kw)
    if legend:
        theme.bottom_legend(fig, legend, ncols=legend_ncols)
    fig._dvc_meta.update({"source_ids": list(source_ids), "caption": caption or subtitle})
    return fig, axes


def _empty_figure(title: str, subtitle: str, lang: str) -> Figure:
    fig, axes = _frame(title, subtitle, [], lang, body_height=1.0)
    theme.empty_panel(axes[0, 0], _w("no_data", lang))
    fig._dvc_meta["empty"] = True  # the standard set leaves such figures out
    return fig


def _warnings_text(df, lang: str) -> str:
    key = "warnings_en" if lang == "en" else "warnings_vi"
    items = list(dict.fromkeys(df.attrs.get(key, []))) if df is not None else []
    return " ".join(items)


def _mark(ax, x, y, *, obs_id: str, basis: str, qualifier: str, color=theme.ACCENT, size=5.0):
    """One data point: filled circle from counts, open circle for a stated rate; a bound gets
    a triangle pointing to where the true value lies."""
    marker = {"over": ">", "under": "<"}.get(qualifier, "o")
    filled = basis == "counts"
    ax.plot([x], [y], marker=marker, ms=size, ls="none", color=color,
            mfc=color if filled else "white", mew=1.1, zorder=3, gid=f"mark-{obs_id}",
            clip_on=False)


def _marker_legend(ax, df, lang: str, *, loc="lower right"):
    from matplotlib.lines import Line2D

    handles = []
    if (df["rate_basis"] == "counts").any():
        handles.append(Line2D([], [], marker="o", color=theme.ACCENT, ls="-", lw=0.8, ms=4.5,
                              label=_w("counts", lang)))
    if (df["rate_basis"] != "counts").any():
        handles.append(Line2D([], [], marker="o", color=theme.ACCENT, mfc="white", ls="none",
                              ms=4.5, label=_w("stated", lang)))
    if (df["qualifier"] == "over").any():
        handles.append(Line2D([], [], marker=">", color=theme.ACCENT, mfc="white", ls="none",
                              ms=4.5, label=_w("over", lang)))
    if (df["qualifier"] == "under").any():
        handles.append(Line2D([], [], marker="<", color=theme.ACCENT, mfc="white", ls="none",
                              ms=4.5, label=_w("under", lang)))
    return handles


def _target_handles(tg, unit: str, lang: str):
    """Dashed-line legend entries 'A ≥ 80% (2030) — document' for national target lines."""
    from matplotlib.lines import Line2D

    handles = []
    for letter, row in tg.iterrows():
        comp = {"ge": "≥", "gt": ">", "eq": "="}.get(_s(row["comparator"]), "≥")
        year = _s(row["target_year"]).split(".")[0]
        txt = f"{letter}: {comp} {theme.fmt_value(float(row['target_value']), unit, lang)}"
        txt += f" ({year}) — {row['document']}"
        handles.append(Line2D([], [], color=theme.TARGET, ls=(0, (4, 2)), lw=1.0,
                              label=textwrap.fill(txt, 70)))
    return handles


def _targets_for(targets, indicator: str, codes: Iterable[str]):
    import pandas as pd

    if targets is None or len(targets) == 0:
        return pd.DataFrame(), pd.DataFrame()
    t = targets.copy()
    t["indicator"] = t["indicator"].astype(str)
    t = t[t["indicator"] == indicator]
    t["province_code"] = t["province_code"].map(_s)
    t["target_value"] = pd.to_numeric(t["target_value"], errors="coerce")
    t["target_year"] = pd.to_numeric(t["target_year"], errors="coerce")
    national = t[t["scope"] == "national"].sort_values(["target_year", "target_value"])
    provincial = t[(t["scope"] == "province") & t["province_code"].isin(set(codes))]
    return national.reset_index(drop=True), provincial.reset_index(drop=True)


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
    title: str | None = None,
) -> Figure:
    """Ordered dot plot of one indicator: every unit and period, Wilson 95% intervals where the
    source gives counts, national targets as labelled lines, provincial targets on their row."""
    from .indicators import check_comparable

    table = _ind_table(indicators)
    if not isinstance(indicator, str):  # several ids: only if declared comparable
        ids = list(indicator)
        check_comparable(ids, table)
        indicator = ids[0]
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    df = _compare(obs, indicator, admin_level, table)
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
    df = df.sort_values("_v").reset_index(drop=True)
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
    caption = subtitle + ". " + _warnings_text(df, lang)
    src = _ids(df) + _ids(national, "source_id") + _ids(provincial, "source_id")
    n = len(df)
    from matplotlib.lines import Line2D

    handles = _marker_legend(None, df, lang) + _target_handles(national, unit, lang)
    if len(provincial):
        docs = "; ".join(f"{theme.fmt_value(t['target_value'], unit, lang)} "
                         f"({int(t['target_year'])}) — {t['document']}"
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
        label = f"{_value_text(r['_v'], unit, r['qualifier'], lang)}  ·  {_period(r, lang)}"
        ax.text(1.02, i, label, transform=ax.get_yaxis_transform(), va="center", ha="left",
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
    ax.set_yticks(range(n), [_unit_label(r, lang, 200 if compact else 44)
                             for _, r in df.iterrows()], fontsize=small)
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
) -> Figure:
    """Supply (procedures offered online) beside use (services with dossiers, dossiers filed
    online): one panel per indicator, the latest value of each province with its period."""
    import pandas as pd


    table = _ind_table(indicators)
    panels = []
    for ind in indicator_ids:
        df = _compare(obs, ind, "province", table)
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
                    f"{_value_text(v, unit, r['qualifier'], lang)}\n{_period(r, lang)}",
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
                txt = (f"{_w('kept', lang)} {kept} · {_w('lost', lang)} {lost} "
                       f"({fmt_number(r['lost_count'], 0, lang=lang)})")
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
    from .indicators import pipelines

    if ctx is not None and ctx.get("_pipelines_of") is obs:
        p = ctx["_pipelines"]
    else:
        p = pipelines(obs)
        if ctx is not None:
            ctx["_pipelines"], ctx["_pipelines_of"] = p, obs
    if p is None or len(p) == 0:
        return p
    return p[p["pipeline"].astype(str).str.startswith(kind)].reset_index(drop=True)


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
    indicator, one row per unit; targets are red bars lettered A, B, … and listed with their
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
                "(vạch đỏ, chữ cái tra ở chú giải); bên phải: kỳ số liệu và khoảng còn thiếu; "
                "mỗi ô một chỉ số" if lang == "vi" else
                "Latest value of each unit (dot) and the targets that apply to it (red bars, "
                "letters in the key); right: period and the distance still to go; one panel "
                "per indicator")
    if cut:
        subtitle += (f"; ô có nhiều đơn vị chỉ vẽ {MAX_GROUPS} đơn vị xa mục tiêu nhất"
                     if lang == "vi" else
                     f"; panels with many units show the {MAX_GROUPS} farthest from a target")
    # the key: one entry per document, listing its targets by letter (the letter stands in the
    # panel of the target's indicator, so the entry need not repeat the indicator's name)
    by_doc: dict[tuple[str, str], list] = {}
    for t in tids:
        r = df[df["target_id"] == t].iloc[0]
        doc = _s(r["document"])
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
            for _, t in tg.sort_values("target_year").iterrows():
                if not bool(t["met"]):
                    todo.append(f"{letter[t['target_id']]} "
                                f"{fmt_pp(t['gap_pp'], 1, lang=lang, short=True, sign=False)}")
            status = (f"{_w('to_go', lang)}: " + ", ".join(todo)) if todo else _w("reached", lang)
            ax.text(1.01, i, f"{_value_text(obs_v, 'percent', _s(r.get('qualifier')), lang)} · "
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
        df = _compare(obs, ind, None, table)
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
            ax.text(0.02, y, f"{_value_text(r['_v'], 'percent', r['qualifier'], lang)} · "
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

    from .maps import _text_color

    return _text_color(to_rgba(color))


@themed
def fields_bars(
    obs: pd.DataFrame,
    *,
    province_code: str = "14",
    unit_name: str = "huyện Phù Yên",
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
        ind = _ind_name(_s(total["indicator"]), lang)
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


# ---------------------------------------------------------------------------------------------
# 7. maps


def _map_values(obs: pd.DataFrame, indicator: str, indicators=None) -> pd.DataFrame:
    """Latest provincial value per province code (63 map) for one indicator, via compare."""

    df = _compare(obs, indicator, "province", indicators)
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

    from .indicators import rates, to_34_provinces
    from .provinces import province_name

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
    from .provinces import new_code

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
        from .maps import abbreviations

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
            ax.text(r["_v"], y + 0.45, f"{_value_text(r['_v'], unit, r['qualifier'], lang)} · "
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
) -> Figure:
    """Tile-grid map (63 or 34 provinces) of one indicator's latest provincial values, beside
    the list of those values with their periods. No-data tiles stay visible (grey); on the 34
    map, provinces where only some former provinces report are hatched."""
    from . import maps

    table = _ind_table(indicators)
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    values = _map_values(obs, indicator, table)
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
        extra.append(f"{_w('unnamed', lang)}: {_value_text(r['_v'], unit, r['qualifier'], lang)}"
                     f" · {_period(r, lang)} — {_w('not_on_map', lang)}")
    extra += _partial_notes(placed, partial, unit, lang)
    fig, axes = _frame(title, subtitle, _ids(values), lang, sources=sources,
                       body_height=5.6 if n_prov == 63 else 4.6, ncols=2, legend_ncols=2,
                       legend=maps.legend_handles(unit, lang, partial=bool(partial)),
                       gridspec_kw={"width_ratios": [1.0, 0.9]})
    ax = axes[0, 0]
    sm = maps.draw_tiles(ax, vals, map=str(map), unit=unit, partial=partial, lang=lang)
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
                        f"{_value_text(r['_v'], unit, r['qualifier'], lang)}, {_period(r, lang)}"
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
) -> Figure:
    """Choropleth of the 34 provinces (boundaries from the bundled GeoJSON) for one indicator,
    beside the list of values; provinces formed from several former ones are hatched when not
    all of them report."""
    from . import maps

    table = _ind_table(indicators)
    unit = _unit_of(indicator, table)
    name = _ind_name(indicator, lang, table)
    values = _map_values(obs, indicator, table)
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
                       legend=maps.legend_handles(unit, lang, partial=bool(partial)),
                       legend_ncols=2,
                       ncols=2, gridspec_kw={"width_ratios": [2.3, 1.0]},
                       extra_note=maps.ATTRIBUTION["en" if lang == "en" else "vi"])
    ax = axes[0, 0]
    sm = maps.draw_choropleth(ax, vals, unit=unit, partial=partial, lang=lang)
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
    return fig


# ---------------------------------------------------------------------------------------------
# 8. barrier heat map


@themed
def barrier_heatmap(
    mentions: pd.DataFrame,
    barriers: pd.DataFrame,
    *,
    sources: pd.DataFrame | None = None,
    lang: str = "vi",
) -> Figure:
    """Units × barriers: how often each source names each barrier. Empty cells are drawn (a
    barrier a source does not mention is information too)."""
    import numpy as np

    title = ("Rào cản được nêu trong từng nguồn" if lang == "vi"
             else "Barriers named by each source")
    m = mentions[mentions["kind"].astype(str) == "barrier"].copy() if mentions is not None else None
    if m is None or m.empty or barriers is None:
        return _empty_figure(title, "", lang)
    full_ids = _full_source_ids(sorted(set(m["source_id"].astype(str))), sources)
    m["unit"] = [
        f"[{_s(r['source_id']).split('_')[0]}] " + _unit_label(r, lang, 60).replace("\n", " ")
        for _, r in m.iterrows()
    ]
    units = sorted(dict.fromkeys(m["unit"]))
    codes = list(barriers["code"].astype(str))
    names = [(_s(r["name_en"]) if lang == "en" else _s(r["name_vi"])) for _, r in
             barriers.iterrows()]
    grid = np.zeros((len(units), len(codes)), dtype=int)
    for _, r in m.iterrows():
        if r["code"] in codes:
            grid[units.index(r["unit"]), codes.index(r["code"])] += 1
    subtitle = ("Số đoạn văn nêu mỗi rào cản (mã hóa thủ công theo phân loại 10+1 nhóm); ô trống: "
                "nguồn không nêu — không có nghĩa là rào cản không tồn tại" if lang == "vi" else
                "Paragraphs naming each barrier (hand-coded, 10+1 groups); empty cell: the source "
                "does not mention it — not evidence that the barrier is absent")
    fig, axes = _frame(title, subtitle, full_ids, lang, sources=sources,
                       body_height=1.45 + 0.36 * len(units))
    ax = axes[0, 0]
    from matplotlib.patches import Rectangle

    cmap = __import__("matplotlib").colormaps["Blues"]
    top = max(int(grid.max()), 1)
    for i in range(len(units)):
        for j in range(len(codes)):
            v = grid[i, j]
            if v:
                face = cmap(0.3 + 0.7 * v / top)
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face,
                                       edgecolor="white", lw=1.0,
                                       gid=f"cell-{i}-{codes[j]}"))
                ax.text(j, i, str(v), ha="center", va="center", fontsize=theme.SIZE_SMALL,
                        color=maps_text_color(face))
            else:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white",
                                       edgecolor="#D0D0D0", lw=0.6, gid=f"empty-{i}-{codes[j]}"))
    ax.set_xlim(-0.5, len(codes) - 0.5)
    ax.set_ylim(len(units) - 0.5, -0.5)
    ax.set_xticks(range(len(codes)),
                  [textwrap.shorten(f"{c} {n}", 34, placeholder="…")
                   for c, n in zip(codes, names, strict=True)],
                  rotation=50, fontsize=theme.SIZE_NOTE, ha="left", va="bottom",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(units)), [textwrap.fill(u, 34) for u in units],
                  fontsize=theme.SIZE_NOTE)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_aspect("auto")
    fig._dvc_meta["n_cells"] = int((grid > 0).sum())
    fig._dvc_meta["n_mentions"] = int(grid.sum())
    return fig


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

    from .indicators import funnel_limits

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


# ---------------------------------------------------------------------------------------------
# registry of the standard set


def _b_dot(indicator: str) -> Callable[[dict], Figure | None]:
    def build(ctx: dict) -> Figure | None:
        return dot_plot(ctx["obs"], indicator, targets=ctx["targets"], indicators=ctx["indicators"],
                        sources=ctx["sources"], lang=ctx["lang"])

    return build


def _b_pipeline(kind: str) -> Callable[[dict], Figure | None]:
    def build(ctx: dict) -> Figure | None:
        try:
            frame = _pipeline_frame(ctx["obs"], kind, ctx["lang"], ctx)
        except ImportError:
            return None
        if frame.empty:
            return None
        return pipeline(frame, kind=kind, sources=ctx["sources"], lang=ctx["lang"])

    return build


def _b_gaps(ctx: dict) -> Figure | None:
    from .indicators import gaps_to_targets

    g = gaps_to_targets(ctx["obs"], ctx["targets"], admin_level=None, indicators=ctx["indicators"])
    return gaps(g, indicators=ctx["indicators"], sources=ctx["sources"], lang=ctx["lang"])


def _b_barriers(ctx: dict) -> Figure | None:
    if ctx.get("mentions") is None or ctx.get("barriers") is None:
        return None
    return barrier_heatmap(ctx["mentions"], ctx["barriers"], sources=ctx["sources"],
                           lang=ctx["lang"])


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


def _b_funnel(ctx: dict) -> Figure | None:
    rows = funnel_candidates(ctx["obs"])
    if rows.empty:
        return None
    return funnel_plot(rows, indicator=_s(rows["indicator"].iloc[0]),
                       indicators=ctx["indicators"], sources=ctx["sources"], lang=ctx["lang"])


STANDARD: list[tuple[str, str, str, Callable[[dict], Figure | None]]] = [
    ("01_cung_cap_va_su_dung", "Cung cấp và sử dụng DVCTT",
     "Supply and use of online public services",
     lambda c: supply_use(c["obs"], indicators=c["indicators"], sources=c["sources"],
                          lang=c["lang"])),
    ("02_ty_le_ho_so_truc_tuyen", "Tỷ lệ hồ sơ trực tuyến", "Share of dossiers filed online",
     _b_dot("dossier_online_share")),
    ("03_dvctt_co_phat_sinh_ho_so", "Tỷ lệ DVCTT có phát sinh hồ sơ",
     "Share of online services that received dossiers", _b_dot("dvctt_with_dossiers")),
    ("04_thanh_toan_truc_tuyen", "Tỷ lệ hồ sơ thanh toán trực tuyến",
     "Share of dossiers paid online", _b_dot("payment_dossier_share")),
    ("05_dung_han", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn", "On-time resolution rate",
     _b_dot("on_time_rate")),
    ("06_chuoi_dich_vu", "Chuỗi cung cấp dịch vụ", "Service pipeline", _b_pipeline("service")),
    ("07_chuoi_thanh_toan", "Chuỗi thanh toán trực tuyến", "Payment pipeline",
     _b_pipeline("payment")),
    ("08_khoang_cach_muc_tieu", "Khoảng cách đến mục tiêu", "Distance to targets", _b_gaps),
    ("09_dien_bien", "Diễn biến theo thời gian", "Change over time",
     lambda c: trends(c["obs"], indicators=c["indicators"], sources=c["sources"],
                      lang=c["lang"])),
    ("10_co_cau", "Cơ cấu DVCTT và hồ sơ", "Composition of services and dossiers",
     lambda c: composition(c["obs"], sources=c["sources"], lang=c["lang"])),
    ("11_phu_yen_linh_vuc", "Huyện Phù Yên: thủ tục theo lĩnh vực",
     "Phù Yên district: procedures by field",
     lambda c: fields_bars(c["obs"], sources=c["sources"], lang=c["lang"])),
    ("12_ban_do_o_63", "Bản đồ ô 63 tỉnh", "Tile map, 63 provinces",
     lambda c: tile_map(c["obs"], map="63", indicators=c["indicators"], sources=c["sources"],
                        lang=c["lang"])),
    ("13_ban_do_o_34", "Bản đồ ô 34 tỉnh", "Tile map, 34 provinces",
     lambda c: tile_map(c["obs"], map="34", indicators=c["indicators"], sources=c["sources"],
                        lang=c["lang"])),
    ("14_ban_do_34_tinh", "Bản đồ 34 tỉnh", "Map of the 34 provinces",
     lambda c: choropleth(c["obs"], indicators=c["indicators"], sources=c["sources"],
                          lang=c["lang"])),
    ("15_rao_can", "Rào cản theo nguồn", "Barriers by source", _b_barriers),
    ("16_bieu_do_pheu", "Biểu đồ phễu", "Funnel plot", _b_funnel),
]
"""The standard set: (file stem, title vi, title en, builder(ctx) -> Figure or None)."""


def build_figure(stem: str, ctx: dict | None = None, *, lang: str = "vi") -> Figure | None:
    """Build one figure of the standard set by its stem."""
    ctx = dict(ctx or load_context())
    ctx.setdefault("lang", lang)
    for s, _vi, _en, builder in STANDARD:
        if s == stem:
            return builder(ctx)
    from .errors import UsageError

    raise UsageError(f"Không có hình {stem!r} trong bộ chuẩn.",
                     f"No figure {stem!r} in the standard set.")


def _build_sequential(out_dir, ctx: dict, formats: Sequence[str],
                      stems: Sequence[str]) -> list[dict[str, Any]]:
    import matplotlib.pyplot as plt

    out = []
    lang = ctx["lang"]
    for stem, title_vi, title_en, builder in STANDARD:
        if stem not in stems:
            continue
        fig = builder(ctx)
        if fig is None:
            continue
        meta = theme.figure_meta(fig)
        if meta.get("empty"):
            plt.close(fig)
            continue
        paths = theme.save(fig, out_dir, stem, formats)
        plt.close(fig)
        out.append({
            "stem": stem,
            "title": meta.get("title") or (title_en if lang == "en" else title_vi),
            "subtitle": meta.get("subtitle", ""),
            "caption": meta.get("caption", ""),
            "source_note": meta.get("note", ""),
            "source_ids": meta.get("source_ids", []),
            "paths": paths,
        })
    return out


def _build_chunk(args: tuple) -> list[dict[str, Any]]:
    out_dir, ctx, formats, stems = args
    return _build_sequential(out_dir, ctx, formats, stems)


def default_jobs() -> int:
    """Worker processes for the standard set: ``DVC_JOBS`` if set, else up to 2 cores."""
    import os

    env = os.environ.get("DVC_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


def build_standard(
    out_dir: str | Path,
    *,
    obs: pd.DataFrame | None = None,
    lang: str = "vi",
    formats: Sequence[str] = theme.FORMATS,
    ctx: dict | None = None,
    stems: Sequence[str] | None = None,
    jobs: int | None = None,
) -> list[dict[str, Any]]:
    """Write the standard set to ``out_dir`` and return one dict per figure written:
    ``stem``, ``title``, ``subtitle``, ``caption``, ``source_note``, ``source_ids``, ``paths``
    ({format: Path}), in the order of ``STANDARD``. Figures without data are skipped (not
    written); ``stems`` limits the build to those figures. ``jobs`` worker processes share the
    figures (default :func:`default_jobs`); the files are the same whatever the number."""
    ctx = dict(ctx or load_context(obs))
    if obs is not None:
        ctx["obs"] = obs
    ctx["lang"] = lang
    selected = [s for s, *_ in STANDARD if stems is None or s in stems]
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    jobs = min(jobs, len(selected))
    if jobs <= 1:
        return _build_sequential(out_dir, ctx, formats, selected)
    import concurrent.futures as cf
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":  # work done here once is inherited by the workers
        _compare_memo(ctx["obs"], ctx["indicators"])  # rates and labels of every row
        if any("ban_do_34" in s for s in selected):
            from .maps import load_boundaries

            load_boundaries()  # the province boundaries, parsed once
    chunks = [selected[i::jobs] for i in range(jobs)]
    try:
        with cf.ProcessPoolExecutor(jobs, mp_context=mp.get_context(method)) as pool:
            parts = list(pool.map(_build_chunk,
                                  [(out_dir, ctx, tuple(formats), c) for c in chunks]))
    except (OSError, cf.process.BrokenProcessPool):  # no worker processes here: one by one
        return _build_sequential(out_dir, ctx, formats, selected)
    order = {s: i for i, s in enumerate(selected)}
    return sorted((r for part in parts for r in part), key=lambda r: order[r["stem"]])
