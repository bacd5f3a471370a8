"""Compare reporting units on one indicator: comparable sets, levels, period shapes."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import ComparabilityError, UsageError
from ._frame import (
    _KEY,
    _LEVEL_NAMES,
    _add_period_labels,
    _indicator_table,
    _per_period,
    _period_shape,
    _prepare,
    _text,
)
from .rates import _add_rates

if TYPE_CHECKING:
    import pandas as pd


def is_part(obs: pd.DataFrame) -> pd.Series:
    """True for rows that are a breakdown of a total of the same indicator.

    A row is a part when its ``part_of`` names a row of the same indicator (a field of a
    district's procedures, level 3 of online dossiers, the provincial tier of services).
    When the named row is not in the frame, a row with both ``part_of`` and ``component``
    counts as a part. A row whose ``part_of`` points to another indicator (services
    integrated out of procedures published) is a figure in its own right.
    """
    import pandas as pd

    if "part_of" not in obs.columns:
        return pd.Series(False, index=obs.index)
    parent = _text(obs["part_of"])
    comp = _text(obs["component"]) if "component" in obs.columns else parent.where(False, "")
    ind = _text(obs["indicator"])
    if "obs_id" in obs.columns:
        by_id = dict(zip(_text(obs["obs_id"]), ind, strict=True))
    else:
        by_id = {}
    parent_ind = parent.map(lambda p: by_id.get(p))
    found = parent_ind.notna()
    same = found & (parent_ind.astype(object) == ind.astype(object))
    unknown = ~found & (parent != "") & (comp != "")
    return (same | unknown).astype(bool)


# ---------------------------------------------------------------------------------------------
# comparable sets


def _comparable_pairs(indicators: pd.DataFrame | None) -> set[frozenset[str]]:
    """Pairs of ids declared comparable in indicators.csv (either direction)."""
    pairs: set[frozenset[str]] = set()
    if indicators is None or "comparable_with" not in indicators.columns:
        return pairs
    for ident, other in zip(indicators["id"], indicators["comparable_with"], strict=True):
        if not isinstance(other, str):
            continue
        for o in other.replace(",", ";").split(";"):
            if o.strip():
                pairs.add(frozenset((str(ident), o.strip())))
    return pairs


def _indicator_name(ident: str, indicators: pd.DataFrame | None, lang: str) -> str:
    col = "name_vi" if lang == "vi" else "name_en"
    if indicators is not None and col in indicators.columns:
        hit = indicators.loc[indicators["id"].astype(str) == ident, col]
        if not hit.empty and isinstance(hit.iloc[0], str):
            return f"{ident} ({hit.iloc[0]})"
    return ident


def check_comparable(ids: Iterable[str], indicators: pd.DataFrame | None = None) -> None:
    """Raise ComparabilityError, naming both ids, unless every pair is declared comparable."""
    ids = list(dict.fromkeys(str(i) for i in ids))
    table = _indicator_table(indicators)
    pairs = _comparable_pairs(table)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if frozenset((a, b)) not in pairs:
                raise ComparabilityError(
                    f"Không so sánh được {_indicator_name(a, table, 'vi')} với "
                    f"{_indicator_name(b, table, 'vi')}: hai chỉ số khác định nghĩa và "
                    "indicators.csv không khai báo chúng so sánh được (cột comparable_with).",
                    f"Cannot compare {_indicator_name(a, table, 'en')} with "
                    f"{_indicator_name(b, table, 'en')}: they are different indicators and "
                    "indicators.csv does not declare them comparable (column comparable_with).",
                )


def _component_level(component: pd.Series) -> pd.Series:
    import pandas as pd

    c = component.str.lower()
    out = pd.Series("", index=component.index, dtype=pd.StringDtype())
    out = out.mask(c.str.startswith("muc_do"), "legacy_1_4")
    out = out.mask(c.isin(["toan_trinh", "mot_phan"]), "toan_trinh_mot_phan")
    return out


DECREE_42_IN_FORCE = _dt.date(2022, 8, 1)
"""Decree 42/2022 (toàn trình / một phần) replaced the legacy levels from this date."""


def level_systems(obs: pd.DataFrame, indicators: pd.DataFrame | None = None) -> pd.Series:
    """Level system of each row: legacy_1_4, toan_trinh_mot_phan or none.

    Taken, in order, from a ``level_system`` column of ``obs``; the indicator's own level
    system in indicators.csv; the row's component (muc_do_* or toan_trinh/mot_phan); the
    components reported under it (``part_of``); and, for counts and shares of online
    services (ids with "dvctt" or group "provision"), the period: before 1 August 2022 the
    legacy levels applied, after it toàn trình / một phần.
    """
    df = _prepare(obs)
    explicit = df["level_system"] if "level_system" in df.columns else None
    own, comp, dated = _level_parts(df, _indicator_table(indicators), df["indicator"], explicit)
    return _finish_levels(df, own, comp, dated)


def _level_parts(
    df: pd.DataFrame,
    table: pd.DataFrame | None,
    indicator: pd.Series,
    explicit: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The row-wise steps of :func:`level_systems` on a prepared frame, with ``indicator`` as
    the rows' ids and ``explicit`` their own ``level_system`` column (if any): (level from
    that column, the indicator or the component; level of the component alone; level by
    date for online-service rows, else "")."""
    import pandas as pd

    level = pd.Series("", index=df.index, dtype=pd.StringDtype())
    if explicit is not None:
        level = _text(explicit)
    group = pd.Series("", index=df.index, dtype=pd.StringDtype())
    if table is not None and "level_system" in table.columns:
        ls = dict(
            zip(
                table["id"].astype(str),
                table["level_system"].fillna("none").astype(str),
                strict=True,
            )
        )
        own = indicator.map(ls).fillna("none").astype(pd.StringDtype())
        level = level.where(level != "", own.where(own != "none", ""))
        if "group" in table.columns:
            gr = dict(
                zip(table["id"].astype(str), table["group"].fillna("").astype(str), strict=True)
            )
            group = indicator.map(gr).fillna("").astype(pd.StringDtype())
    comp = _component_level(df["component"])
    level = level.where(level != "", comp)
    dvctt = indicator.str.contains("dvctt") | (group == "provision")
    end = df["period_end"]
    by_date = pd.Series("", index=df.index, dtype=pd.StringDtype())
    known = end.notna()
    cutoff = pd.Timestamp(DECREE_42_IN_FORCE)
    by_date[known & (end < cutoff)] = "legacy_1_4"
    by_date[known & (end >= cutoff)] = "toan_trinh_mot_phan"
    dated = by_date.where(dvctt, "")
    return level, comp, dated


def _finish_levels(
    df: pd.DataFrame, level: pd.Series, comp: pd.Series, dated: pd.Series
) -> pd.Series:
    """Complete :func:`_level_parts` for the rows of ``df``: a row without a level of its own
    takes the level of the first component reported under it among these rows, else its
    level by date, else "none"."""
    import numpy as np
    import pandas as pd

    values = level.to_numpy(dtype=object, copy=True)
    todo = values == ""
    if todo.any() and "part_of" in df.columns and "obs_id" in df.columns:
        lookup: dict[str, str] = {}
        for parent, lv in zip(_text(df["part_of"]), comp, strict=True):
            if parent != "" and lv != "" and parent not in lookup:
                lookup[parent] = lv
        if lookup:
            ids = _text(df["obs_id"]).to_numpy(dtype=object)
            for i in np.flatnonzero(todo):
                values[i] = lookup.get(ids[i], "")
            todo = values == ""
    if todo.any():
        values[todo] = dated.to_numpy(dtype=object)[todo]
        values[values == ""] = "none"
    return pd.Series(values, index=level.index, dtype=pd.StringDtype(), name=level.name)


def unit_labels(obs: pd.DataFrame, lang: str = "vi") -> pd.Series:
    """Readable name of each row's reporting unit: province, then agency or district if any."""
    import pandas as pd

    from ..evidence.provinces import unit_label

    units = (
        _text(obs["unit_name"])
        if "unit_name" in obs.columns
        else pd.Series("", index=obs.index, dtype=pd.StringDtype())
    )
    names = []
    done: dict[tuple[str, str], str] = {}
    for code, unit in zip(_text(obs["province_code"]), units, strict=True):
        key = (code, unit)
        if key not in done:
            done[key] = unit_label(code, unit, lang)
        names.append(done[key])
    return pd.Series(names, index=obs.index, dtype=pd.StringDtype())


def _warn(df: pd.DataFrame, vi: str, en: str, code: str, rows) -> None:
    df.attrs.setdefault("warnings", []).append(f"{vi} / {en}")
    df.attrs.setdefault("warnings_vi", []).append(vi)
    df.attrs.setdefault("warnings_en", []).append(en)
    df.attrs.setdefault("warning_codes", []).append(code)
    cur = df.loc[rows, "warnings"]
    df.loc[rows, "warnings"] = cur.where(cur == "", cur + ";") + code


def _odd_rows(values: pd.Series, prefer: pd.Series) -> pd.Series:
    """Rows whose value differs from the most common one (ties: the value of preferred rows)."""
    counts = values.value_counts()
    top = counts[counts == counts.max()].index
    ref = next((v for v in values[prefer] if v in set(top)), top[0])
    return values != ref


def compare(
    obs: pd.DataFrame,
    indicator: str | Iterable[str],
    *,
    admin_level: str | None = "province",
    indicators: pd.DataFrame | None = None,
    allow: Iterable[str] = (),
    component: str | None = None,
) -> pd.DataFrame:
    """Return the comparable set for one indicator: time series per unit, latest flagged.

    ``indicator`` is one id (or a list of ids); ``allow`` adds further ids. Different ids are
    only accepted when ``indicators.csv`` declares them comparable (``comparable_with``);
    otherwise :class:`~dvc_analysis.errors.ComparabilityError` names both. Rows of other ids
    are relabelled to the first id and keep theirs in ``indicator_original``, so the result
    always holds a single indicator id.

    Only rows of ``admin_level`` are kept (``None``: all levels, with a warning when they mix)
    and only totals (``component=None``: rows that are not parts of a total of the same
    indicator, see :func:`is_part`) or the rows of the named component (``""``: rows
    without component). Rates come from
    :func:`rates`. Added columns: ``period_label`` (filled where empty), ``period_label_en``,
    ``period_shape`` (as_of, m<months> or d<days>), ``level_system``, ``unit_label``,
    ``latest`` (one row per unit: the last period end) and ``warnings`` (codes of the
    warnings that concern the row). ``attrs["warnings"]`` lists the warnings as
    "Vietnamese / English" strings (also ``warnings_vi``, ``warnings_en``, ``warning_codes``):
    periods of different length (``period_length``), latest values from different years
    (``year``), different level systems (``level_system``), mixed admin levels
    (``admin_level``), values for part of a province only, such as its provincial
    agencies (``unit_scope``), several components (``component``), approximate values or
    bounds (``qualifier``).
    """
    table = _indicator_table(indicators)
    ids = _checked_ids(indicator, allow, table)
    return _compare_from_base(_compare_base(obs, table, ids), ids, admin_level, component)


def compare_all(
    obs: pd.DataFrame,
    indicator_ids: Iterable[str] | None = None,
    *,
    admin_level: str | None = "province",
    indicators: pd.DataFrame | None = None,
    component: str | None = None,
) -> dict[str, pd.DataFrame]:
    """:func:`compare` for each of several indicators: ``{id: compare(obs, id, ...)}``.

    The same results as one call per id (default: every id in ``obs``, in order of first
    appearance), but the row-wise work (rates, intervals, period labels, level systems, unit
    labels) is done once for the whole frame rather than once per indicator.
    """
    table = _indicator_table(indicators)
    if indicator_ids is None:
        indicator_ids = dict.fromkeys(_text(obs["indicator"]))
    wanted = [_checked_ids(i, (), table) for i in indicator_ids]
    base = _compare_base(obs, table, [ids[0] for ids in wanted])
    return {ids[0]: _compare_from_base(base, ids, admin_level, component) for ids in wanted}


def comparison_base(
    obs: pd.DataFrame, indicator_ids: Iterable[str], *, indicators: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The row-wise work of :func:`compare` for some indicators, done once; pass it to
    :func:`compare_from` for each comparable set wanted."""
    table = _indicator_table(indicators)
    ids = [_checked_ids(i, (), table)[0] for i in indicator_ids]
    return _compare_base(obs, table, ids)


def compare_from(base: dict[str, Any], indicator: str, admin_level: str | None) -> pd.DataFrame:
    """:func:`compare` of one indicator at one level (``None``: all) from :func:`comparison_base`.

    Examples
    --------
    >>> from dvc_analysis.evidence.load import load_observations
    >>> obs = load_observations()
    >>> base = comparison_base(obs, ["dossier_online_share"])
    >>> compare_from(base, "dossier_online_share", "province").equals(
    ...     compare(obs, "dossier_online_share"))
    True
    """
    ids = _checked_ids(indicator, (), base["table"])
    return _compare_from_base(base, ids, admin_level, None)


def _checked_ids(
    indicator: str | Iterable[str], allow: str | Iterable[str], table: pd.DataFrame | None
) -> list[str]:
    """The ids a comparable set may hold (the first names the set), checked against
    indicators.csv and the declared comparable pairs."""
    ids = [indicator] if isinstance(indicator, str) else list(indicator)
    ids += [a for a in ([allow] if isinstance(allow, str) else allow) if a not in ids]
    if not ids:
        raise UsageError("Cần nêu ít nhất một chỉ số.", "Name at least one indicator.")
    if table is not None and "id" in table.columns:
        known = set(table["id"].astype(str))
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise UsageError(
                f"Chỉ số không có trong indicators.csv: {', '.join(unknown)}.",
                f"Indicator not in indicators.csv: {', '.join(unknown)}.",
            )
    check_comparable(ids, table)
    return ids


def _compare_base(
    obs: pd.DataFrame, table: pd.DataFrame | None, ids: Iterable[str] | None = None
) -> dict[str, Any]:
    """The row-wise columns of :func:`compare` for the rows of ``obs`` of the indicators
    ``ids`` (None: all rows), computed once.

    Every step here depends on the row alone (rates, intervals, period labels and shapes,
    unit labels, the row-wise part of the level system), so a comparable set can take its
    rows from this frame instead of computing them again. ``is_part`` is decided on the
    whole of ``obs``, as :func:`compare` does."""
    import pandas as pd

    df = _prepare(obs)
    parts = is_part(df).to_numpy(dtype=bool)
    if ids is not None:
        rows = df["indicator"].isin(list(ids)).to_numpy(dtype=bool)
        df, parts = df[rows], parts[rows]
    _add_rates(df, table, 0.95)
    df["indicator_original"] = df["indicator"]
    df = _add_period_labels(df)
    df["period_shape"] = pd.Series(
        _per_period(df, _period_shape), index=df.index, dtype=pd.StringDtype()
    )
    explicit = df["level_system"] if "level_system" in df.columns else None
    level, comp, dated = _level_parts(df, table, df["indicator"], explicit)
    df["level_system"] = level
    df["unit_label"] = unit_labels(df)
    return {
        "df": df,
        "table": table,
        "parts": parts,
        "indicator": df["indicator"].to_numpy(dtype=object),
        "admin_level": df["admin_level"].to_numpy(dtype=object),
        "component": df["component"].to_numpy(dtype=object),
        "levels": (level, comp, dated),
        "explicit": explicit,
    }


def _compare_from_base(
    base: dict[str, Any], ids: list[str], admin_level: str | None, component: str | None
) -> pd.DataFrame:
    """One comparable set (see :func:`compare`) from the rows of :func:`_compare_base`."""
    import numpy as np
    import pandas as pd

    main = ids[0]
    keep = np.isin(base["indicator"], ids)
    if admin_level is not None:
        keep &= base["admin_level"] == admin_level
    if component is None:
        keep &= ~base["parts"]
    else:
        keep &= base["component"] == component
    pos = np.flatnonzero(keep)
    df = base["df"].take(pos)
    if len(ids) > 1:  # other ids take the level system of the set's indicator
        main_ids = pd.Series(main, index=df.index, dtype=pd.StringDtype())
        explicit = None if base["explicit"] is None else base["explicit"].take(pos)
        level, comp, dated = _level_parts(df, base["table"], main_ids, explicit)
    else:
        level, comp, dated = (x.take(pos) for x in base["levels"])
    df["indicator"] = pd.Series(main, index=df.index, dtype=pd.StringDtype())
    df["level_system"] = _finish_levels(df, level, comp, dated)

    # latest per unit: last period end; among ties prefer counts, then the longer period
    df["_has_counts"] = df["rate_basis"] == "counts"
    df = df.sort_values(
        _KEY + ["period_end", "_has_counts", "period_start"], ascending=[True] * 4 + [True, False]
    )
    df["latest"] = ~df.duplicated(_KEY, keep="last")
    df = df.drop(columns="_has_counts").sort_values(_KEY + ["period_end", "period_start"])
    df = df.reset_index(drop=True)
    df["warnings"] = pd.Series("", index=df.index, dtype=pd.StringDtype())
    df.attrs = {"warnings": [], "warnings_vi": [], "warnings_en": [], "warning_codes": []}
    if df.empty:
        return df

    latest = df["latest"]
    shapes = df["period_shape"]
    if shapes.nunique() > 1:
        labels = "; ".join(dict.fromkeys(df["period_label"]))
        labels_en = "; ".join(dict.fromkeys(df["period_label_en"]))
        _warn(
            df,
            f"Các giá trị có kỳ dài ngắn khác nhau ({labels}): không so sánh trực tiếp được.",
            f"Values cover periods of different length ({labels_en}): not directly comparable.",
            "period_length",
            _odd_rows(shapes, latest),
        )
    years = df.loc[latest, "period_end"].dt.year
    if years.nunique() > 1:
        ys = ", ".join(str(y) for y in sorted(years.unique()))
        _warn(
            df,
            f"Giá trị mới nhất của các đơn vị thuộc các năm khác nhau ({ys}).",
            f"The units' latest values are from different years ({ys}).",
            "year",
            latest & _odd_rows(df["period_end"].dt.year, latest),
        )
    levels = df["level_system"][df["level_system"] != "none"]
    if levels.nunique() > 1:
        vi = "; ".join(_LEVEL_NAMES.get(v, (v, v))[0] for v in sorted(levels.unique()))
        en = "; ".join(_LEVEL_NAMES.get(v, (v, v))[1] for v in sorted(levels.unique()))
        _warn(
            df,
            f"Các giá trị theo hệ phân loại DVCTT khác nhau ({vi}).",
            f"Values follow different online-service level systems ({en}).",
            "level_system",
            (df["level_system"] != "none") & _odd_rows(df["level_system"], latest),
        )
    if df["admin_level"].nunique() > 1:
        lv = ", ".join(sorted(df["admin_level"].unique()))
        _warn(
            df,
            f"Các giá trị thuộc các cấp khác nhau ({lv}).",
            f"Values come from different administrative levels ({lv}).",
            "admin_level",
            _odd_rows(df["admin_level"], latest),
        )
    partial = (df["admin_level"] == "province") & (df["unit_name"] != "")
    if partial.any() and not partial.all():
        names = "; ".join(dict.fromkeys(df.loc[partial, "unit_label"]))
        _warn(
            df,
            f"Một số giá trị chỉ tính một phần của tỉnh ({names}), không phải toàn tỉnh.",
            f"Some values cover only part of a province ({names}), not the whole province.",
            "unit_scope",
            partial,
        )
    if df["component"].nunique() > 1:
        comps = ", ".join(repr(c) for c in sorted(df["component"].unique()))
        _warn(
            df,
            f"Các giá trị thuộc các thành phần khác nhau ({comps}).",
            f"Values belong to different components ({comps}).",
            "component",
            _odd_rows(df["component"], latest),
        )
    approx = df["qualifier"].where(df["rate_qualifier"] == "", df["rate_qualifier"]) != "exact"
    if approx.any():
        _warn(
            df,
            "Có giá trị chỉ là cận hoặc xấp xỉ (trên, dưới, khoảng).",
            "Some values are bounds or approximations (over, under, about).",
            "qualifier",
            approx,
        )
    return df
