"""The user's units ranked per indicator in the latest period they share, with the change since the one before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..evidence.sources import is_user_row
from ..text import fmt

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: columns of :func:`rank_units`
RANK_COLUMNS = [
    "indicator", "province_code", "unit_name", "admin_level", "unit_label", "status",
    "rank", "n_ranked", "n_units", "higher_is_better", "period_start", "period_end",
    "period_label", "value", "measure", "numerator", "denominator", "ci_low", "ci_high",
    "rate_basis", "qualifier", "prev_period_label", "prev_value", "change", "latest_period_label",
    "obs_id", "source_id",
]
_KEY = ["province_code", "unit_name", "admin_level"]
def _hib(indicator: str, indicators: pd.DataFrame | None) -> bool | None:
    if indicators is None or "higher_is_better" not in indicators:
        return None
    hit = indicators.loc[indicators["id"].astype(str) == indicator, "higher_is_better"]
    if hit.empty:
        return None
    text = str(hit.iloc[0]).strip().lower()
    return True if text in {"true", "1", "yes"} else False if text in {"false", "0", "no"} else None


def _measure(indicator: str, indicators: pd.DataFrame | None) -> str:
    if indicators is None or "unit" not in indicators:
        return ""
    hit = indicators.loc[indicators["id"].astype(str) == indicator, "unit"]
    return str(hit.iloc[0]) if len(hit) else ""


def _months(start, end) -> int | None:
    return fmt.period_months(start, end)


def _one_indicator(g: pd.DataFrame, hib: bool | None, measure: str) -> list[dict[str, Any]]:
    import pandas as pd

    # one value per unit and period: the first row given (later duplicates are other sources)
    g = g.drop_duplicates([*_KEY, "period_start", "period_end"], keep="first")
    units = g[_KEY].drop_duplicates()
    n_units = len(units)
    per = g.groupby(["period_start", "period_end"], sort=False).size().rename("n").reset_index()
    full = per[per["n"] == n_units]
    pick = full if len(full) else per[per["n"] == per["n"].max()]
    pick = pick.sort_values(["period_end", "period_start"]).iloc[-1]
    start, end = pick["period_start"], pick["period_end"]
    length = _months(start, end)
    cur = g[(g["period_start"] == start) & (g["period_end"] == end)].copy()
    ranked = pick["n"] >= 2
    if ranked:
        cur["rank"] = cur["_v"].rank(ascending=hib is False, method="min")
    else:
        cur["rank"] = float("nan")
    # the previous period: the unit's latest one of the same length that ends before this starts
    before = g[g["period_end"] < start]
    if length is not None:
        same = [_months(s, e) == length for s, e in zip(before["period_start"], before["period_end"], strict=True)]
        before = before[pd.Series(same, index=before.index, dtype=bool)] if len(before) else before
    prev = before.sort_values("period_end").drop_duplicates(_KEY, keep="last")
    prev = prev[[*_KEY, "_v", "period_label"]].rename(columns={"_v": "prev_value", "period_label": "prev_period_label"})
    cur = cur.merge(prev, on=_KEY, how="left")
    latest = g.sort_values("period_end").drop_duplicates(_KEY, keep="last")
    rows: list[dict[str, Any]] = []
    for r in cur.sort_values(["rank", "unit_label"], na_position="last").to_dict("records"):
        r.update(status="ranked" if ranked else "single_unit", n_ranked=int(pick["n"]) if ranked else 0,
                 n_units=n_units, higher_is_better=hib, measure=measure, value=r["_v"],
                 change=r["_v"] - r["prev_value"] if pd.notna(r.get("prev_value")) else float("nan"),
                 latest_period_label=r["period_label"])
        rows.append(r)
    missing = latest.merge(cur[_KEY], on=_KEY, how="left", indicator=True)
    for r in missing[missing["_merge"] == "left_only"].sort_values("unit_label").to_dict("records"):
        rows.append({**{k: r[k] for k in (*_KEY, "unit_label", "indicator")},
                     "status": "no_value_in_period", "rank": float("nan"), "n_ranked": int(pick["n"]),
                     "n_units": n_units, "higher_is_better": hib, "measure": measure,
                     "period_start": start, "period_end": end,
                     "period_label": cur["period_label"].iloc[0] if len(cur) else "",
                     "latest_period_label": r["period_label"], "source_id": r["source_id"],
                     "obs_id": r["obs_id"]})
    return rows


def rank_units(
    obs: pd.DataFrame,
    *,
    indicators: pd.DataFrame | None = None,
    user_only: bool = True,
    lang: str = "vi",
) -> pd.DataFrame:
    """Rank the user's units per indicator in the latest period they all report.

    For each indicator the *common period* is the latest (start, end) pair that every unit
    reporting the indicator has; when no period is shared by all, the latest one shared by the
    most units. Units are ranked on the recomputed rate (from numerator/denominator, with its
    Wilson 95% interval) or the stated value, best first: rank 1 is the highest value unless
    the vocabulary says lower is better (``higher_is_better`` False); when the vocabulary does
    not say, rank 1 is simply the highest value. The change is taken against the unit's own
    latest earlier period of the same length. Units without a value in the common period are
    kept (status ``no_value_in_period``, their latest period named), so every unit appears.

    Parameters
    ----------
    obs : DataFrame
        Observations (bundled and/or imported).
    indicators : DataFrame, optional
        The indicator vocabulary (default: the bundled one plus nothing else).
    user_only : bool
        Rank only the rows of the user's files (``source_id`` "user:…"); False ranks all rows.
    lang : {"vi", "en"}
        Language of the unit labels.

    Returns
    -------
    DataFrame
        One row per indicator and unit with the columns :data:`RANK_COLUMNS`; ``change`` is in
        percentage points for percentages and in the indicator's unit otherwise.

    Examples
    --------
    >>> from dvc_analysis.intake.userfile import read_user_file    # doctest: +SKIP
    >>> accepted, rejected, problems = read_user_file("my.xlsx")   # doctest: +SKIP
    >>> rank_units(accepted)[["indicator", "unit_label", "rank", "value", "change"]]  # doctest: +SKIP
    """
    import pandas as pd

    from ..evidence.load import load_indicators
    from .compare import unit_labels
    from .rates import rates

    if indicators is None:
        indicators = load_indicators()
    rows = obs[is_user_row(obs)] if user_only else obs
    rows = rows[rows["period_end"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=RANK_COLUMNS)
    df = rates(rows, indicators=indicators)
    df["_v"] = df["rate"].where(df["rate"].notna(), df["value"])
    df = df[df["_v"].notna()].copy()
    df["unit_label"] = unit_labels(df, lang=lang).astype(str).to_numpy()
    # imported labels are Vietnamese ("quý 4/2024") and may be empty: English ones named again
    keys = list(zip(df["period_start"], df["period_end"], strict=True))
    names = {k: fmt.period_label(k[0], k[1], lang=lang) for k in dict.fromkeys(keys)}
    given = df["period_label"].fillna("").astype(str) if "period_label" in df else pd.Series("", index=df.index)
    df["period_label"] = [names[k] if lang == "en" or not g else g for k, g in zip(keys, given, strict=True)]
    out: list[dict[str, Any]] = []
    for ind, g in df.groupby("indicator", sort=False):
        out += _one_indicator(g, _hib(str(ind), indicators), _measure(str(ind), indicators))
    res = pd.DataFrame(out)
    for col in RANK_COLUMNS:
        if col not in res:
            res[col] = float("nan") if col in ("numerator", "denominator", "ci_low", "ci_high", "prev_value") else ""
    res = res[RANK_COLUMNS]
    res["rank"] = res["rank"].astype("Int64")
    return res.reset_index(drop=True)


__all__ = ["RANK_COLUMNS", "rank_units"]
