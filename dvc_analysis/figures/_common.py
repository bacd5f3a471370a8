"""Shared chart helpers: context, labels, frames, marks and legends."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..analysis.display import value_string
from ..evidence.indicators import indicator_info, indicator_name, indicator_unit
from ..evidence.provinces import unit_label
from ..text.fmt import row_period
from ..text.words import COMPONENTS, component_label, document_label
from ..text.words import word as _w
from . import theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# words



_COMPONENTS = COMPONENTS  # one vocabulary, in text.words


_FAMILIES = [
    ("full_partial", ("toan_trinh", "mot_phan"),
     ("DVCTT toàn trình và một phần", "Fully vs partly online services")),
    ("level_3_4", ("muc_do_3", "muc_do_4"),
     ("Mức độ 3 và mức độ 4 (hệ cũ, NĐ 43/2011)", "Legacy level 3 vs level 4 (Decree 43/2011)")),
    ("admin_split", ("cap_tinh", "cap_huyen", "cap_xa", "bo_phan_mot_cua_huyen", "co_quan_huyen"),
     ("Chia theo cấp chính quyền", "Split by level of government")),
]


def _component_label(code: str, lang: str) -> str:
    return component_label(code, lang)


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
    """A bundled table (kept for former callers; the one reader is `_resources.read_table`)."""
    from .._resources import read_table

    return read_table(name)


def load_context(obs: pd.DataFrame | None = None, *, lang: str = "vi") -> dict[str, Any]:
    """The analysis results of the bundled observations (or of ``obs``) as a dict.

    Keys are the fields of :class:`~dvc_analysis.analysis.results.Results` (obs, targets,
    indicators, sources, mentions, ...) plus ``results``, the record itself. Prefer
    ``analyse()`` and pass its result to the figure functions.
    """
    from ..analysis.results import analyse

    results = analyse(observations=obs, lang=lang)
    return {**results.as_dict(), "results": results}


def _compare(obs, indicator: str, admin_level: str | None, table, results=None):
    """The comparable set of ``indicator``: read from ``results`` when the figure is drawn from
    analysis results, otherwise computed from ``obs`` (a figure drawn on its own)."""
    if results is not None and isinstance(indicator, str):
        return results.comparison(indicator, admin_level)
    from ..analysis.compare import compare

    return compare(obs, indicator, admin_level=admin_level, indicators=table)


def _ind_table(indicators=None):
    return indicators if indicators is not None else _read_csv("indicators.csv")


def _ind_info(ind_id: str, indicators=None) -> dict[str, str]:
    return indicator_info(ind_id, indicators)


def _ind_name(ind_id: str, lang: str, indicators=None) -> str:
    return indicator_name(ind_id, indicators, lang)


def _unit_of(ind_id: str, indicators=None) -> str:
    return indicator_unit(ind_id, indicators)


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
    return row_period(row, lang)


def _province(code: str, lang: str, map: str = "63") -> str:
    from ..evidence.provinces import province_name

    if not code:
        return _w("unnamed_province", lang)
    try:
        return province_name(code, map, lang=lang)
    except Exception:  # noqa: BLE001 - user codes may be unknown
        return code


def _unit_label(row, lang: str, width: int = 30) -> str:
    name = _s(row.get("_name", "")) if hasattr(row, "get") else ""
    unit = _s(row.get("unit_name", ""))
    if name:  # a merged (34-map) unit named by the caller
        label = f"{name}: {unit}" if unit else name
    else:
        label = unit_label(_s(row.get("province_code", "")), unit, lang)
    comp = _s(row.get("component", "")) if hasattr(row, "get") else ""
    if comp:  # a statistic of its own (e.g. the lowest district), not a share of a total
        label += f" — {_component_label(comp, lang).replace('_', ' ')}"
    label = label[:1].upper() + label[1:]
    return textwrap.fill(label, width, break_on_hyphens=False)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value_text(row, unit: str, lang: str) -> str:
    """The value label of one observation row: the one display string, with its bound sign."""
    prefix = {"over": ">", "under": "<", "about": "≈"}.get(_s(row.get("qualifier")) or "exact", "")
    return prefix + value_string(row, unit, lang)


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
        txt += f" ({year}) — {document_label(_s(row['document']), lang)}"
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
