"""Barriers and levers per reporting unit: counts, the barrier × lever matrix, recommendations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UserDataError
from ..evidence.taxonomy import load_barriers, load_lever_barrier, load_levers, load_mentions

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _unit_labels(mentions: pd.DataFrame, lang: str) -> pd.Series:
    names: dict[str, str] = {}
    try:
        from ..evidence.provinces import load_provinces

        provinces = load_provinces("63")
        col = "name" if lang == "vi" else "name_en"
        names = dict(zip(provinces["code"], provinces[col], strict=False))
    except (FileNotFoundError, KeyError):
        pass
    unnamed = "Tỉnh không nêu tên" if lang == "vi" else "Unnamed province"

    def label(row) -> str:
        code = str(row["province_code"] or "")
        province = names.get(code, code) if code else f"{unnamed} ({str(row['source_id'])[:3]})"
        unit = str(row["unit_name"] or "")
        return f"{province} – {unit}" if unit else province

    return mentions.apply(label, axis=1) if len(mentions) else mentions["source_id"].astype(str)


def _check_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    need = {"source_id", "paragraph", "province_code", "unit_name", "kind", "code"}
    missing = sorted(need - set(mentions.columns))
    if missing:
        raise UserDataError(
            f"Bảng nhắc đến rào cản thiếu cột: {', '.join(missing)}.",
            f"The mentions table lacks columns: {', '.join(missing)}.",
        )
    return mentions.fillna({"province_code": "", "unit_name": ""})


def mentions_by_unit(mentions: pd.DataFrame | None = None, *, kind: str = "barrier",
                     lang: str = "vi") -> pd.DataFrame:
    """Count mentions per unit (rows) and code (columns), keeping every code and zero cells.

    Units are labelled "Province – unit" (province alone for province-wide statements). With
    kind="lever" the columns are the lever codes. Ready for a heatmap.
    """
    mentions = _check_mentions(load_mentions() if mentions is None else mentions)
    codes = list((load_barriers() if kind == "barrier" else load_levers())["code"])
    subset = mentions[mentions["kind"] == kind].copy()
    labels = _unit_labels(mentions, lang)
    order = list(dict.fromkeys(labels.sort_values(kind="stable")))
    subset["unit"] = labels[subset.index]
    table = subset.pivot_table(index="unit", columns="code", values="source_id", aggfunc="count",
                               fill_value=0)
    table = table.reindex(index=order, columns=codes, fill_value=0).fillna(0).astype("int64")
    table.index.name = "unit"
    table.columns.name = "code"
    return table


def barrier_lever_matrix() -> pd.DataFrame:
    """Barrier codes (rows) × lever codes (columns): 1 where the lever addresses the barrier."""
    links = load_lever_barrier()
    barriers, levers = list(load_barriers()["code"]), list(load_levers()["code"])
    links = links.assign(value=1)
    matrix = links.pivot_table(index="barrier", columns="lever", values="value", aggfunc="max",
                               fill_value=0)
    matrix = matrix.reindex(index=barriers, columns=levers, fill_value=0).fillna(0).astype("int64")
    matrix.index.name, matrix.columns.name = "barrier", "lever"
    return matrix


def _cite(frame: pd.DataFrame) -> str:
    pairs = sorted({(str(s)[:3], int(p)) for s, p in zip(frame["source_id"], frame["paragraph"], strict=True)})
    return "; ".join(f"{s} ¶{p}" for s, p in pairs)


def recommendations(mentions: pd.DataFrame | None = None, *, lang: str = "vi") -> pd.DataFrame:
    """For each unit, the barriers its sources report and the levers that address them.

    One row per unit, barrier and lever. Columns: unit, province_code, unit_name, barrier,
    barrier_name, barrier_cited ("002 ¶30": source prefix and paragraph), barrier_sources
    (full source ids, ";"-joined, as in data/sources.csv), lever, lever_name, lever_cited (every
    source and paragraph proposing or reporting the lever, any unit), lever_sources,
    lever_same_source (True when the unit's own source also names the lever). A barrier with
    no lever in the sources keeps one row with an empty lever.
    """
    import pandas as pd

    mentions = _check_mentions(load_mentions() if mentions is None else mentions)
    name_col = "name_vi" if lang == "vi" else "name_en"
    barrier_names = dict(zip(load_barriers()["code"], load_barriers()[name_col], strict=True))
    lever_names = dict(zip(load_levers()["code"], load_levers()[name_col], strict=True))
    links = load_lever_barrier()
    mentions = mentions.assign(unit=_unit_labels(mentions, lang))
    lever_rows = mentions[mentions["kind"] == "lever"]
    rows = []
    barrier_rows = mentions[mentions["kind"] == "barrier"]
    for (unit, code), group in barrier_rows.groupby(["unit", "code"], sort=True):
        first = group.iloc[0]
        base = {
            "unit": unit, "province_code": first["province_code"], "unit_name": first["unit_name"],
            "barrier": code, "barrier_name": barrier_names.get(code, ""), "barrier_cited": _cite(group),
            "barrier_sources": ";".join(sorted(set(group["source_id"]))),
        }
        levers = sorted(links.loc[links["barrier"] == code, "lever"])
        if not levers:
            rows.append({**base, "lever": "", "lever_name": "", "lever_cited": "", "lever_sources": "",
                         "lever_same_source": False})
        own_sources = set(group["source_id"])
        for lever in levers:
            proposed = lever_rows[lever_rows["code"] == lever]
            rows.append({
                **base, "lever": lever, "lever_name": lever_names.get(lever, ""),
                "lever_cited": _cite(proposed) if len(proposed) else "",
                "lever_sources": ";".join(sorted(set(proposed["source_id"]))),
                "lever_same_source": bool(set(proposed["source_id"]) & own_sources),
            })
    columns = ["unit", "province_code", "unit_name", "barrier", "barrier_name", "barrier_cited",
               "barrier_sources", "lever", "lever_name", "lever_cited", "lever_sources",
               "lever_same_source"]
    return pd.DataFrame(rows, columns=columns)


def documents_beside_survey(mentions: pd.DataFrame, prevalence: pd.DataFrame, *,
                            province_code: str = "") -> pd.DataFrame:
    """Coded document mentions beside a survey's barrier prevalence, one row per barrier code.

    The two are different measures (paragraphs that name a barrier; share of respondents who
    report it), kept in separate columns so that no view puts them on one axis.

    Parameters
    ----------
    mentions : DataFrame
        Coded mentions (``data/barrier_mentions.csv`` layout); only barrier rows count.
    prevalence : DataFrame
        From ``dvc_analysis.survey.barrier_prevalence``; its all-respondent rows (group "")
        of ``province_code`` are used.
    province_code : str
        "" for every province surveyed, or one province's code (its mentions only).

    Returns
    -------
    DataFrame
        Columns code, name_vi, name_en, mentions, sources, prevalence, ci_low, ci_high, n.

    Examples
    --------
    >>> import pandas as pd
    >>> prev = pd.DataFrame({"province_code": [""], "group": [""], "code": ["B02"],
    ...                      "prevalence": [40.0], "ci_low": [35.0], "ci_high": [45.0], "n": [300]})
    >>> t = documents_beside_survey(load_mentions(), prev)
    >>> float(t.set_index("code").at["B02", "prevalence"])
    40.0
    """
    m = mentions[mentions["kind"].astype(str) == "barrier"]
    if province_code:
        m = m[m["province_code"].astype(str) == province_code]
    counts = m.groupby("code").agg(mentions=("source_id", "size"), sources=("source_id", "nunique"))
    prev = prevalence[(prevalence["group"] == "") & (prevalence["province_code"] == province_code)]
    prev = prev.set_index("code")[["prevalence", "ci_low", "ci_high", "n"]]
    out = load_barriers()[["code", "name_vi", "name_en"]].set_index("code")
    out = out.join(counts).join(prev)
    out[["mentions", "sources"]] = out[["mentions", "sources"]].fillna(0).astype(int)
    return out.reset_index()
