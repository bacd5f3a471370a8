"""Gaps between reported values and national targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._frame import _add_period_labels, _indicator_table, _text
from .compare import is_part
from .rates import rates

if TYPE_CHECKING:
    import pandas as pd


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


def gap_status(row) -> str:
    """"met", "short" or "open" for one observation against one target.

    A lower bound ("trên 70%") settles "met" only when the bound itself reaches the target; an
    upper bound ("dưới 50%") settles "short" only when the bound itself is below it; otherwise
    the status is open. Exact and approximate values go by the gap.

    Examples
    --------
    >>> gap_status({"qualifier": "over", "observed": 70, "target_value": 80, "gap_pp": 10})
    'open'
    >>> gap_status({"qualifier": "under", "observed": 50, "target_value": 80, "gap_pp": 30})
    'short'
    """
    qual = str(row.get("qualifier") or "exact")
    gap = float(row.get("gap_pp"))
    met = row.get("met")
    met = gap <= 0 if met is None or met != met else bool(met)  # the comparator's verdict
    if qual == "over":
        return "met" if met else "open"
    if qual == "under":
        return "short" if gap > 0 else "open"
    return "met" if met else "short"
