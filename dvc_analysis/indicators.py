"""Comparable indicators: rates with uncertainty, comparability rules, targets, pipelines, 63→34.

Every function takes and returns pandas DataFrames in the observation schema of
``data/observations.csv`` (see ``data/README.md``). The rules they enforce:

* a rate is recomputed from its counts when the source gives them, with a Wilson interval;
  a percentage stated without counts is kept as stated and flagged ``no_counts``;
* different indicator ids are never put side by side unless ``indicators.csv`` declares them
  comparable (``comparable_with``); differences in period length, year, admin level or level
  system (legacy mức độ 1–4 vs toàn trình/một phần) are reported as warnings;
* percentages are never averaged and ranks or scores never aggregated across provinces.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import ComparabilityError, UsageError
from .fmt import period_label as _period_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SMALL_N = 30
"""Denominators below this are flagged ``small_n``."""

_KEY = ["province_code", "unit_name", "admin_level"]

_LEVEL_NAMES = {
    "legacy_1_4": ("mức độ 1–4 (cũ)", "legacy levels 1–4"),
    "toan_trinh_mot_phan": ("toàn trình/một phần", "full/partial online"),
}

# ---------------------------------------------------------------------------------------------
# helpers


def _indicator_table(indicators: pd.DataFrame | None) -> pd.DataFrame | None:
    """The indicator vocabulary: the argument, else the bundled data/indicators.csv."""
    if indicators is not None:
        return indicators
    try:
        from .load import load_indicators
    except ImportError:  # pragma: no cover - only while the loader is missing
        return None
    return load_indicators()


def _text(s: pd.Series) -> pd.Series:
    """A column as plain text with missing values as ""."""
    import pandas as pd

    if s.dtype == pd.StringDtype() and not s.isna().any():
        return s.copy()  # already plain text: the conversion below would give the same
    return s.astype("object").where(s.notna(), "").astype(str).astype(pd.StringDtype())


def _prepare(obs: pd.DataFrame) -> pd.DataFrame:
    """Copy with typed numbers, dates and text keys; missing optional columns added."""
    import pandas as pd

    out = obs.copy()
    for col in ("numerator", "denominator", "value"):
        if col not in out.columns:
            out[col] = float("nan")
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    for col in ("period_start", "period_end"):
        if col not in out.columns:
            out[col] = pd.NaT
        out[col] = pd.to_datetime(out[col], errors="coerce")
    for col in ("province_code", "unit_name", "admin_level", "indicator", "component"):
        if col not in out.columns:
            out[col] = ""
        out[col] = _text(out[col])
    if "qualifier" not in out.columns:
        out["qualifier"] = "exact"
    out["qualifier"] = _text(out["qualifier"]).replace("", "exact")
    return out


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


def _units(obs: pd.DataFrame, indicators: pd.DataFrame | None) -> pd.Series:
    """Unit (percent|count|rank|score|money_vnd) of each row, "" when unknown."""
    import pandas as pd

    if "unit" in obs.columns:
        units = _text(obs["unit"])
    else:
        units = pd.Series("", index=obs.index, dtype=pd.StringDtype())
    if indicators is not None and "unit" in indicators.columns:
        table = dict(zip(indicators["id"].astype(str), indicators["unit"].astype(str), strict=True))
        mapped = obs["indicator"].astype(str).map(table).fillna("")
        units = units.where(units != "", mapped.astype(pd.StringDtype()))
    return units


def _wilson(k, n, confidence: float = 0.95):
    """Wilson score interval for k successes in n trials, as proportions (vectorised)."""
    import numpy as np
    from scipy.stats import norm

    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        low = np.clip(centre - half, 0, 1)
        high = np.clip(centre + half, 0, 1)
    # exact ends: the interval includes 0 when k = 0 and 1 when k = n
    low = np.where(k == 0, 0.0, low)
    high = np.where(k == n, 1.0, high)
    return low, high


def _label(start, end, lang: str = "vi") -> str:
    import pandas as pd

    if pd.isna(end) and pd.isna(start):
        return ""
    return _period_label(
        start if pd.notna(start) else None, end if pd.notna(end) else None, lang=lang
    )


def _per_period(df: pd.DataFrame, func) -> list:
    """``func(start, end)`` for every row, computed once per distinct period."""
    import numpy as np

    start, end = df["period_start"], df["period_end"]
    if len(df) > 1 and start.dtype.kind == "M" and end.dtype.kind == "M":
        keys = np.stack([start.to_numpy().view("i8"), end.to_numpy().view("i8")], axis=1)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        values = [func(start.iloc[i], end.iloc[i]) for i in first]
        return [values[i] for i in inverse.reshape(-1)]
    done: dict = {}
    out = []
    for s, e in zip(df["period_start"], df["period_end"], strict=True):
        key = (s, e)
        if key not in done:
            done[key] = func(s, e)
        out.append(done[key])
    return out


def _add_period_labels(df: pd.DataFrame) -> pd.DataFrame:
    """Fill ``period_label`` where empty and add ``period_label_en``."""
    import pandas as pd

    computed_vi = _per_period(df, _label)
    computed_en = _per_period(df, lambda s, e: _label(s, e, "en"))
    if "period_label" in df.columns:
        given = _text(df["period_label"])
        df["period_label"] = given.where(given != "", pd.Series(computed_vi, index=df.index))
    else:
        df["period_label"] = pd.Series(computed_vi, index=df.index, dtype=pd.StringDtype())
    df["period_label_en"] = pd.Series(computed_en, index=df.index, dtype=pd.StringDtype())
    return df


def _period_shape(start, end) -> str:
    """A key equal for periods of the same length: as_of, m<months> or d<days>."""
    import pandas as pd

    from .fmt import period_months

    if pd.isna(end):
        return "unknown"
    if pd.isna(start) or start == end:
        return "as_of"
    months = period_months(start, end)
    if months is not None:
        return f"m{months}"
    return f"d{(end - start).days + 1}"


# ---------------------------------------------------------------------------------------------
# rates


def rates(
    obs: pd.DataFrame,
    *,
    indicators: pd.DataFrame | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Add a rate in percent and its Wilson interval to every row that has counts.

    For rows with ``numerator`` and ``denominator`` the rate is ``100 * numerator /
    denominator`` with a Wilson score interval (``ci_low``, ``ci_high``, percent; the closed
    form, identical to ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``).
    Rows of a percent indicator with only a stated value keep that value as ``rate``, without
    interval, flagged ``no_counts``. Ranks, counts and scores get no rate.

    Added columns: ``rate``, ``ci_low``, ``ci_high``, ``rate_basis`` ("counts", "stated" or
    ""), ``no_counts``, ``small_n`` (denominator < 30), ``zero_denominator`` (rate missing:
    N/A), ``invalid_counts`` (numerator negative or above the denominator: rate missing).
    All input columns are kept; the input is not modified.
    """
    out = _prepare(obs)
    _add_rates(out, _indicator_table(indicators), confidence)
    return out


def _add_rates(out: pd.DataFrame, table: pd.DataFrame | None, confidence: float) -> None:
    """The columns of :func:`rates`, added in place to a frame from :func:`_prepare`."""
    import numpy as np
    import pandas as pd

    units = _units(out, table)
    rate_unit = (units == "percent") | (units == "")
    num, den = out["numerator"], out["denominator"]
    has_counts = num.notna() & den.notna() & rate_unit
    zero = has_counts & (den == 0)
    # a denominator below one is not a count of anything (only float noise or bad input)
    invalid = has_counts & ~zero & ((num < 0) | (num > den) | (den < 1))
    good = has_counts & ~zero & ~invalid
    rate = pd.Series(np.nan, index=out.index)
    # clip: k/n can exceed 1 by one ulp in floating point when k == n
    rate[good] = (100 * num[good] / den[good]).clip(0, 100)
    low, high = _wilson(num.where(good), den.where(good), confidence)
    out["ci_low"] = np.where(good, np.clip(100 * low, 0, 100), np.nan)
    out["ci_high"] = np.where(good, np.clip(100 * high, 0, 100), np.nan)
    stated = ~has_counts & (units == "percent") & out["value"].notna()
    rate[stated] = out.loc[stated, "value"]
    out["rate"] = rate.astype(float)
    basis = np.where(good, "counts", np.where(stated, "stated", ""))
    out["rate_basis"] = pd.Series(basis, index=out.index, dtype=pd.StringDtype())
    qual = out["qualifier"]
    if "qualifier_denominator" in out.columns:
        qd = _text(out["qualifier_denominator"])
        flip = {"over": "under", "under": "over", "about": "about"}
        from_den = qd.map(lambda q: flip.get(q, "")).astype(pd.StringDtype())
        qual = qual.where(~(good & (from_den != "")), from_den)
    out["rate_qualifier"] = qual.where(rate.notna(), "")
    out["no_counts"] = (units == "percent") & ~has_counts
    out["small_n"] = has_counts & ~zero & (den < SMALL_N)
    out["zero_denominator"] = zero
    out["invalid_counts"] = invalid


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

    from .provinces import province_name

    unnamed = "tỉnh không nêu tên" if lang == "vi" else "unnamed province"
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
            if code:
                try:
                    prov = province_name(code, "63", lang=lang)
                except Exception:  # noqa: BLE001 - user codes may be unknown
                    prov = code
            else:
                prov = unnamed
            done[key] = f"{unit} ({prov})" if unit else prov
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


# ---------------------------------------------------------------------------------------------
# targets


def gaps_to_targets(
    obs: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    admin_level: str | None = "province",
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Distance of each observation to each target that applies to it.

    A target applies to an observation of the same indicator when it is national or set for
    the observation's own province (``province_code``), and its ``target_year`` is not
    before the year the observation's period ends. Only totals (see :func:`is_part`) of
    ``admin_level`` (``None``: all levels) with a rate or value are used; the observed
    value is the rate from :func:`rates` (recomputed from counts when given).

    One row per observation × target with the observation's identity and period, the
    target's ``target_id``, ``scope``, ``target_value``, ``comparator``, ``target_year``,
    ``document``, ``grade`` (and the target's own citation as ``target_source_id``,
    ``target_paragraph``), plus:

    * ``observed``: the observed percentage (or value);
    * ``gap_pp``: target minus observed, in percentage points (≤ 0: reached);
    * ``met``: whether the comparator (ge, gt, eq) is satisfied;
    * ``years_left``: years from the end of the observed period to 31 December of the
      target year;
    * ``needed_pp_per_year``: the straight-line yearly rise still needed (0 when met;
      missing when the target is for the observation's own year: compare directly).
    """
    import numpy as np
    import pandas as pd

    table = _indicator_table(indicators)
    df = rates(obs, indicators=table)
    df = df[~is_part(df)]
    if admin_level is not None:
        df = df[df["admin_level"] == admin_level]
    df = df.assign(observed=df["rate"].where(df["rate"].notna(), df["value"]))
    df = df[df["observed"].notna() & df["period_end"].notna()]
    df = _add_period_labels(df)
    df["obs_year"] = df["period_end"].dt.year

    t = targets.copy()
    for col in ("province_code", "scope", "indicator", "comparator"):
        t[col] = _text(t[col]) if col in t.columns else ""
    t["target_value"] = pd.to_numeric(t["target_value"], errors="coerce").astype(float)
    t["target_year"] = pd.to_numeric(t["target_year"], errors="coerce")
    t = t.rename(
        columns={
            "source_id": "target_source_id",
            "paragraph": "target_paragraph",
            "evidence": "target_evidence",
            "note": "target_note",
            "province_code": "target_province_code",
        }
    )
    keep_t = [
        c
        for c in [
            "target_id",
            "scope",
            "target_province_code",
            "indicator",
            "target_value",
            "comparator",
            "target_year",
            "document",
            "grade",
            "target_source_id",
            "target_paragraph",
            "target_evidence",
            "target_note",
        ]
        if c in t.columns
    ]
    merged = df.merge(t[keep_t], on="indicator", how="inner")
    applies = (merged["scope"] == "national") | (
        (merged["scope"] == "province")
        & (merged["target_province_code"] == merged["province_code"])
        & (merged["province_code"] != "")
    )
    merged = merged[applies & (merged["target_year"] >= merged["obs_year"])].copy()

    obs_v, tv = merged["observed"], merged["target_value"]
    merged["gap_pp"] = tv - obs_v
    comp = merged["comparator"]
    merged["met"] = np.where(
        comp == "gt", obs_v > tv, np.where(comp == "eq", np.isclose(obs_v, tv), obs_v >= tv)
    )
    year_end = pd.to_datetime(merged["target_year"].astype(int).astype(str) + "-12-31")
    days = (year_end - merged["period_end"]).dt.days
    merged["years_left"] = days / 365.25
    need = merged["gap_pp"].clip(lower=0) / merged["years_left"]
    merged["needed_pp_per_year"] = need.where(merged["target_year"] > merged["obs_year"])
    merged.loc[merged["met"], "needed_pp_per_year"] = 0.0
    merged = merged.sort_values(
        ["indicator", "province_code", "unit_name", "period_end", "target_year"]
    )
    return merged.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# two proportions


def _counts_of(x) -> tuple[Any, Any, Any]:
    """Numerators, denominators and ids from a (k, n) pair, a mapping/row or a DataFrame."""
    import numpy as np
    import pandas as pd

    if isinstance(x, pd.DataFrame):
        ids = x["obs_id"].to_numpy() if "obs_id" in x.columns else np.full(len(x), None)
        return (
            pd.to_numeric(x["numerator"]).to_numpy(float),
            pd.to_numeric(x["denominator"]).to_numpy(float),
            ids,
        )
    if isinstance(x, (Mapping, pd.Series)):
        return (
            np.array([float(x["numerator"])]),
            np.array([float(x["denominator"])]),
            np.array([x.get("obs_id")]),
        )
    k, n = x
    return np.array([float(k)]), np.array([float(n)]), np.array([None])


def two_proportions(
    a: tuple[float, float] | Mapping[str, Any] | pd.Series | pd.DataFrame,
    b: tuple[float, float] | Mapping[str, Any] | pd.Series | pd.DataFrame,
    *,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Difference between two rates with counts, its confidence interval and a test.

    ``a`` and ``b`` are each a ``(numerator, denominator)`` pair, a mapping or row with
    ``numerator`` and ``denominator`` (and optionally ``obs_id``), or DataFrames of equal
    length compared row by row. Returns one row per pair: both rates (percent), ``diff_pp``
    = rate a − rate b in percentage points, ``ci_low_pp``/``ci_high_pp`` by Newcombe's hybrid
    score method (his method 10, built from the two Wilson intervals), and the two-sided
    p-value of the pooled two-proportion z-test (the same as Pearson's chi-square test of
    the 2×2 table without continuity correction), computed with scipy.

    Read these with care. The counts in government reports are near-censuses of all
    procedures or dossiers in a period, not samples: the sampling interval is tiny and
    almost any difference is "significant". The real uncertainty is definitional — what is
    counted as a service, a dossier, "online", the period and the reporting unit — and no
    test measures that. Use the interval to see whether a difference could be noise at
    small denominators, never as proof that two provinces differ.
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import norm

    k1, n1, id1 = _counts_of(a)
    k2, n2, id2 = _counts_of(b)
    if len(k1) != len(k2):
        raise UsageError(
            "Hai bảng cần cùng số dòng để so sánh từng cặp.",
            "Both tables need the same number of rows to compare them pair by pair.",
        )
    bad = (n1 <= 0) | (n2 <= 0) | (k1 < 0) | (k2 < 0) | (k1 > n1) | (k2 > n2)
    bad |= np.isnan(k1) | np.isnan(k2) | np.isnan(n1) | np.isnan(n2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = k1 / n1, k2 / n2
        l1, u1 = _wilson(k1, n1, confidence)
        l2, u2 = _wilson(k2, n2, confidence)
        d = p1 - p2
        low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = np.where(se > 0, d / se, 0.0)
        p_value = 2 * norm.sf(np.abs(z))
    nan = np.where(bad, np.nan, 1.0)
    return pd.DataFrame(
        {
            "obs_id_a": id1,
            "numerator_a": k1,
            "denominator_a": n1,
            "rate_a": 100 * p1 * nan,
            "obs_id_b": id2,
            "numerator_b": k2,
            "denominator_b": n2,
            "rate_b": 100 * p2 * nan,
            "diff_pp": 100 * d * nan,
            "ci_low_pp": 100 * low * nan,
            "ci_high_pp": 100 * high * nan,
            "z": z * nan,
            "p_value": p_value * nan,
            "ci_method": "Newcombe hybrid score (Wilson)",
            "test": "pooled two-proportion z-test (= chi-square, no continuity correction)",
        }
    )


# ---------------------------------------------------------------------------------------------
# funnel plot limits


def _binom_limit(p: float, n, theta: float):
    """Spiegelhalter's interpolated exact binomial control limit (as a proportion)."""
    import numpy as np
    from scipy.stats import binom

    n = np.asarray(n, dtype=float)
    r = binom.ppf(p, n, theta)
    f_r = binom.cdf(r, n, theta)
    f_r1 = binom.cdf(r - 1, n, theta)
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = np.where(f_r > f_r1, (f_r - p) / (f_r - f_r1), 0.0)
    return np.clip((r - alpha) / n, 0, 1)


def funnel_limits(
    rates: pd.DataFrame,
    target: float | None = None,
    *,
    denominators: Iterable[float] | None = None,
    n_points: int = 200,
) -> pd.DataFrame:
    """Control limits for a funnel plot of rate against denominator (Spiegelhalter 2005).

    ``rates`` has ``numerator`` and ``denominator`` per unit (rows without both are
    ignored). The centre line is ``target`` (percent, 0–100) when given, else the pooled
    rate Σ numerator / Σ denominator. Limits are exact binomial quantiles with
    Spiegelhalter's interpolation, at 95% (≈ 2 SD) and 99.8% (≈ 3 SD), over
    ``denominators`` or a log-spaced grid of ``n_points`` from the smallest to the largest
    denominator. Returns ``denominator``, ``centre``, ``lower_95``, ``upper_95``,
    ``lower_998``, ``upper_998`` (all percent) and ``basis`` ("target" or "pooled").
    Useful with tens of units (users' own data); with a handful it says little.
    """
    import numpy as np
    import pandas as pd

    num = pd.to_numeric(rates["numerator"], errors="coerce")
    den = pd.to_numeric(rates["denominator"], errors="coerce")
    ok = num.notna() & den.notna() & (den > 0) & (num >= 0) & (num <= den)
    if target is None:
        if not ok.any():
            raise UsageError(
                "Không có đơn vị nào có đủ tử số và mẫu số để tính tỷ lệ chung.",
                "No unit has both numerator and denominator to pool a rate.",
            )
        theta = float(num[ok].sum() / den[ok].sum())
        basis = "pooled"
    else:
        if not 0 <= float(target) <= 100:
            raise UsageError(
                f"Mục tiêu phải nằm trong 0–100%, nhận {target}.",
                f"The target must be within 0–100%, got {target}.",
            )
        theta = float(target) / 100
        basis = "target"
    if denominators is None:
        if not ok.any():
            raise UsageError(
                "Cần mẫu số để dựng lưới giới hạn.",
                "Denominators are needed to build the grid of limits.",
            )
        lo, hi = max(float(den[ok].min()), 1.0), max(float(den[ok].max()), 2.0)
        grid = np.unique(np.round(np.geomspace(lo, hi, n_points)))
    else:
        grid = np.asarray(list(denominators), dtype=float)
    out = pd.DataFrame({"denominator": grid, "centre": 100 * theta})
    for name, q in (("95", 0.025), ("998", 0.001)):
        out[f"lower_{name}"] = 100 * _binom_limit(q, grid, theta)
        out[f"upper_{name}"] = 100 * _binom_limit(1 - q, grid, theta)
    out["basis"] = basis
    return out


# ---------------------------------------------------------------------------------------------
# 63 → 34 provinces


def _names(codes: Iterable[str], lang: str) -> str:
    from .provinces import province_name

    names = [province_name(c, "63", lang=lang) for c in codes]
    if lang == "vi":
        return ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else names[0]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _merge_qualifier(qs: Iterable[str]) -> str:
    s = set(qs) - {"exact"}
    if not s:
        return "exact"
    if s == {"over"}:
        return "over"
    if s == {"under"}:
        return "under"
    return "about"


def to_34_provinces(obs: pd.DataFrame, *, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Re-key pre-2025 observations to the 34-province map (in force since 1 July 2025).

    Each row's ``province_code`` becomes the code of the new province (old code kept in
    ``old_province_code``); ``map`` is "34". Rows of provinces that did not merge keep their
    values. Province-level totals of merged provinces are combined per indicator,
    component and exact period:

    * counts (unit count or money_vnd) are summed, and rates recomputed from the summed
      numerators and denominators, **only** when every old province of the new one reports
      that indicator for that period with the needed numbers (value for counts, numerator
      and denominator for rates);
    * otherwise ``value``, ``numerator`` and ``denominator`` are missing and
      ``missing_reason`` (Vietnamese) / ``missing_reason_en`` say why, e.g. "chỉ có Vĩnh Phúc
      trong 3 tỉnh cũ của Phú Thọ";
    * percentages are never averaged, and ranks and scores are never aggregated.

    ``value`` is the figure to show on the 34-province map; ``value_basis`` says where it
    comes from: "stated" (as in the source), "counts" (a rate recomputed from numerator and
    denominator, for combined rows and for rows that gave counts only), "sum" (summed
    counts) or "" (missing).

    Province-level rows that cover only part of a merged province (``unit_name`` such as
    "cấp tỉnh") are treated the same way, so they never stand for the new province. Rows
    below province level (agencies, districts) keep their values under the new code, with
    ``old_province_name`` to label them; rows whose province is not named are kept as they
    are. Combined rows list their sources in
    ``obs_ids`` and ``old_province_codes``.
    """
    import numpy as np
    import pandas as pd

    from .provinces import new_code, old_codes, province_name

    table = _indicator_table(indicators)
    df = _prepare(obs)
    df["unit"] = _units(df, table)
    if "obs_id" not in df.columns:
        df["obs_id"] = [str(i) for i in range(len(df))]
    df["obs_id"] = _text(df["obs_id"])
    df["old_province_code"] = df["province_code"]
    df["old_province_name"] = [province_name(c, "63") if c else "" for c in df["province_code"]]
    df["new_code"] = [new_code(c) if c else "" for c in df["province_code"]]
    df["n_old"] = [len(old_codes(c)) if c else 0 for c in df["new_code"]]
    if "province_map" in df.columns:  # rows already keyed in the 34-province map (user files)
        in34 = df["province_map"].astype(str).eq("34")
        df.loc[in34, ["old_province_code", "old_province_name"]] = ""
        df.loc[in34, "n_old"] = 1
    df["missing_reason"] = pd.Series("", index=df.index, dtype=pd.StringDtype())
    df["missing_reason_en"] = pd.Series("", index=df.index, dtype=pd.StringDtype())

    merged_prov = (df["n_old"] > 1) & (df["admin_level"] == "province")
    passthrough = df[~merged_prov].copy()
    passthrough["province_code"] = passthrough["new_code"]
    passthrough["old_province_codes"] = passthrough["old_province_code"]
    passthrough["obs_ids"] = passthrough["obs_id"]

    rows = []
    group_cols = ["new_code", "unit_name", "indicator", "component", "period_start", "period_end"]
    todo = df[merged_prov]
    for key, g in todo.groupby(group_cols, dropna=False, sort=True):
        code = key[0]
        expected = old_codes(code)
        present = sorted(set(g["old_province_code"]))
        unit = g["unit"].iloc[0]
        new_name = province_name(code, "34")
        new_name_en = province_name(code, "34", lang="en")
        base = g.iloc[0].to_dict()
        base.update(
            province_code=code,
            old_province_code="",
            old_province_codes=";".join(present),
            obs_ids=";".join(g["obs_id"]),
            value=np.nan,
            numerator=np.nan,
            denominator=np.nan,
            qualifier=_merge_qualifier(g["qualifier"]),
        )
        for col in ("obs_id", "evidence", "paragraph", "source_id", "part_of", "note"):
            if col in base:
                vals = list(dict.fromkeys(str(v) for v in g[col] if pd.notna(v) and str(v)))
                base[col] = ";".join(vals)
        reason = reason_en = ""
        if present != expected:
            reason = f"chỉ có {_names(present, 'vi')} trong {len(expected)} tỉnh cũ của {new_name}"
            reason_en = (
                f"only {_names(present, 'en')} of the {len(expected)} former provinces of "
                f"{new_name_en} reported"
            )
        elif g.duplicated("old_province_code").any():
            reason = "một tỉnh cũ có nhiều số liệu cho cùng kỳ; không cộng gộp"
            reason_en = "a former province has several figures for the same period; not combined"
        elif unit in ("rank", "score"):
            reason = "không cộng gộp thứ hạng hay điểm số giữa các tỉnh"
            reason_en = "ranks and scores are never combined across provinces"
        elif unit in ("count", "money_vnd"):
            if g["value"].isna().any():
                reason = "thiếu số liệu của " + _names(
                    sorted(g.loc[g["value"].isna(), "old_province_code"]), "vi"
                )
                reason_en = "no figure for " + _names(
                    sorted(g.loc[g["value"].isna(), "old_province_code"]), "en"
                )
            else:
                base["value"] = float(g["value"].sum())
        else:
            lacking = g["numerator"].isna() | g["denominator"].isna()
            if lacking.any():
                who = sorted(g.loc[lacking, "old_province_code"])
                reason = (
                    f"{_names(who, 'vi')} chỉ nêu tỷ lệ, không có tử số và mẫu số; "
                    "không lấy trung bình các tỷ lệ"
                )
                reason_en = (
                    f"{_names(who, 'en')} gave only a percentage, without counts; "
                    "percentages are never averaged"
                )
            else:
                n, d = float(g["numerator"].sum()), float(g["denominator"].sum())
                base.update(numerator=n, denominator=d, value=100 * n / d if d > 0 else np.nan)
                if d <= 0:
                    reason, reason_en = "mẫu số bằng 0", "denominator is zero"
        base["missing_reason"] = reason
        base["missing_reason_en"] = reason_en
        rows.append(base)

    # a rate given only as counts: its value is the recomputed rate, as for combined rows
    rate_rows = passthrough["unit"].isin(["percent", ""])
    fill = (
        rate_rows
        & passthrough["value"].isna()
        & passthrough["numerator"].notna()
        & (passthrough["denominator"] > 0)
    )
    passthrough["value_basis"] = np.where(
        fill, "counts", np.where(passthrough["value"].notna(), "stated", "")
    )
    passthrough.loc[fill, "value"] = (
        100 * passthrough.loc[fill, "numerator"] / passthrough.loc[fill, "denominator"]
    )
    for r in rows:
        if np.isnan(r["value"]):
            r["value_basis"] = ""
        else:
            r["value_basis"] = "sum" if r["unit"] in ("count", "money_vnd") else "counts"
    combined = pd.DataFrame(rows, columns=list(passthrough.columns))
    out = pd.concat([passthrough, combined], ignore_index=True) if rows else passthrough
    out["map"] = "34"
    out = out.drop(columns=["new_code", "n_old", "unit"])
    for col in ("missing_reason", "missing_reason_en", "province_code", "old_province_codes"):
        out[col] = _text(out[col])
    return out.sort_values(["province_code", "indicator", "period_end"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# pipelines

# stage -> where its count is reported: (indicator id, column), in order of preference
SERVICE_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "tthc",
        "TTHC thuộc thẩm quyền",
        "procedures in remit",
        [("tthc_total", "value"), ("tthc_online_share", "denominator")],
    ),
    (
        "dvctt",
        "cung cấp DVCTT",
        "offered online (DVCTT)",
        [
            ("dvctt_count", "value"),
            ("tthc_online_share", "numerator"),
            ("dvctt_level34_count", "value"),
            ("dvctt_portal_integrated", "denominator"),
            ("dvctt_with_dossiers", "denominator"),
        ],
    ),
    (
        "portal",
        "tích hợp Cổng DVC quốc gia",
        "integrated on the national portal",
        [("dvctt_portal_integrated_count", "value"), ("dvctt_portal_integrated", "numerator")],
    ),
    (
        "with_dossiers",
        "DVCTT có phát sinh hồ sơ",
        "online services with dossiers",
        [("dvctt_with_dossiers", "numerator")],
    ),
]
PAYMENT_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "fee_tthc",
        "TTHC có nghĩa vụ tài chính",
        "fee-bearing procedures",
        [
            ("payment_configured_share", "denominator"),
            ("payment_dvctt_with_dossiers", "denominator"),
        ],
    ),
    (
        "configured",
        "cấu hình thanh toán trực tuyến",
        "set up for online payment",
        [("payment_configured_share", "numerator")],
    ),
    (
        "with_dossiers",
        "DVCTT có phí phát sinh hồ sơ",
        "fee-bearing services with dossiers",
        [
            ("payment_dvctt_with_dossiers", "numerator"),
            ("payment_dvctt_online_share", "denominator"),
            ("payment_dvctt_offline_share", "denominator"),
        ],
    ),
    (
        "online_payment",
        "DVCTT có giao dịch thanh toán trực tuyến",
        "services with online payments",
        [("payment_dvctt_online_share", "numerator")],
    ),
]
PAYMENT_DOSSIER_PIPELINE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "fee_dossiers",
        "hồ sơ của TTHC có phí",
        "dossiers of fee-bearing procedures",
        [("payment_dossier_share", "denominator")],
    ),
    (
        "paid_online",
        "hồ sơ thanh toán trực tuyến",
        "dossiers paid online",
        [("payment_dossier_share", "numerator")],
    ),
]
PIPELINES = {
    "service": SERVICE_PIPELINE,
    "payment": PAYMENT_PIPELINE,
    "payment_dossiers": PAYMENT_DOSSIER_PIPELINE,
}


def pipelines(obs: pd.DataFrame) -> pd.DataFrame:
    """Service and payment pipelines per reporting unit and period, with what each stage keeps.

    Pipelines (stage counts are read from the indicators named in ``PIPELINES``: a count
    indicator's ``value`` or a share's numerator or denominator):

    * ``service``: TTHC in the unit's remit → offered as DVCTT → integrated on the national
      portal → DVCTT that received dossiers;
    * ``payment``: fee-bearing TTHC → configured for online payment → fee-bearing services
      with dossiers → services with online payment transactions;
    * ``payment_dossiers``: dossiers of fee-bearing procedures → dossiers paid online.

    Only stages the source reports appear, and only pipelines with two stages or more. Figures of one unit are grouped by source and by
    the year the period ends; each stage keeps its own ``period_label`` (the stages of one
    report may cover different periods: an as-of stock vs a year's flow). Per stage:
    ``count``, ``kept_pct`` (percent of the previous reported stage), ``lost_pct``,
    ``lost_count``, ``of_first_pct`` (percent of the first reported stage), ``nested``
    (False when a stage exceeds the one before: the stages are then not strict subsets, as
    when services with dossiers include ones not set up for online payment), ``conflict``
    (different figures for the same stage; the first by preference is used) and ``obs_ids``.
    """
    import numpy as np
    import pandas as pd

    df = _prepare(obs)
    df = df[~is_part(df)]
    if "obs_id" not in df.columns:
        df["obs_id"] = [str(i) for i in range(len(df))]
    df["obs_id"] = _text(df["obs_id"])
    df["source_id"] = _text(df["source_id"]) if "source_id" in df.columns else ""
    df = _add_period_labels(df)
    df["year"] = df["period_end"].dt.year.astype("Int64")
    group_cols = _KEY + ["source_id", "year"]
    # only rows that report a stage can matter: the figures each (indicator, column) gives
    wanted = {
        (ind, col) for stages in PIPELINES.values() for *_, srcs in stages for ind, col in srcs
    }
    cand = np.zeros(len(df), dtype=bool)
    for ind, col in wanted:
        cand |= ((df["indicator"] == ind) & df[col].notna()).to_numpy(dtype=bool)
    df = df[cand]
    fields = ["indicator", "numerator", "denominator", "value", "qualifier", "period_start",
              "period_end", "period_label", "period_label_en", "obs_id"]  # fmt: skip
    rows = []
    for key, g in df.groupby(group_cols, dropna=False, sort=True):
        records = g[fields].to_dict("records")
        ends = g["period_end"].to_numpy()
        hits: dict[tuple[str, str], list[dict]] = {}
        for ind, col in wanted:
            at = [i for i, r in enumerate(records) if r["indicator"] == ind and pd.notna(r[col])]
            if at:
                # latest period first, as sort_values("period_end") then reversed does it
                e = ends[at]
                nat = np.isnat(e)
                seq = [at[i] for i in np.flatnonzero(~nat)[e[~nat].argsort(kind="quicksort")]]
                seq += [at[i] for i in np.flatnonzero(nat)]
                hits[(ind, col)] = [records[i] for i in seq[::-1]]
        for pipe, stages in PIPELINES.items():
            previous = first = None
            order = 0
            for stage, vi, en, sources in stages:
                found = [
                    (float(r[col]), r) for ind, col in sources for r in hits.get((ind, col), [])
                ]
                if not found:
                    continue
                count, r = found[0]
                order += 1
                values = {v for v, _ in found}
                kept = 100 * count / previous if previous else np.nan
                rows.append(
                    dict(
                        zip(group_cols, key, strict=True),
                        pipeline=pipe,
                        stage_order=order,
                        stage=stage,
                        stage_vi=vi,
                        stage_en=en,
                        count=count,
                        qualifier=r["qualifier"],
                        kept_pct=kept,
                        lost_pct=100 - kept if previous else np.nan,
                        lost_count=previous - count if previous else np.nan,
                        of_first_pct=100 * count / first if first else np.nan,
                        nested=bool(previous is None or count <= previous),
                        conflict=len(values) > 1,
                        period_start=r["period_start"],
                        period_end=r["period_end"],
                        period_label=r["period_label"],
                        period_label_en=r["period_label_en"],
                        obs_ids=";".join(dict.fromkeys(str(x["obs_id"]) for _, x in found)),
                    )
                )
                previous = count
                if first is None:
                    first = count
    cols = group_cols + [
        "pipeline", "stage_order", "stage", "stage_vi", "stage_en", "count", "qualifier",
        "kept_pct", "lost_pct", "lost_count", "of_first_pct", "nested", "conflict",
        "period_start", "period_end", "period_label", "period_label_en", "obs_ids",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    # a pipeline needs at least two reported stages
    size = out.groupby(group_cols + ["pipeline"], dropna=False)["stage"].transform("size")
    out = out[size >= 2].reset_index(drop=True)
    if not out.empty:
        out["unit_label"] = unit_labels(out)
    return out
