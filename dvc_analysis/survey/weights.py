"""Survey weights: weighted proportions with intervals, design weights, raking to known margins."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import UserDataError


def as_weights(data: pd.DataFrame, weights: str | pd.Series | None) -> pd.Series:
    """Weights as a float Series aligned to ``data`` (all 1 when None); must be positive."""
    if weights is None:
        return pd.Series(1.0, index=data.index)
    w = data[weights] if isinstance(weights, str) else pd.Series(weights, index=data.index)
    w = pd.to_numeric(w, errors="coerce").astype(float)
    if w.isna().any() or (w <= 0).any():
        raise UserDataError("Trọng số phải là số dương ở mọi dòng.",
                            "Weights must be positive numbers on every row.")
    return w


def kish_n(w: np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw² (equals n when every weight is the same)."""
    w = np.asarray(w, dtype=float)
    return float(w.sum() ** 2 / (w**2).sum()) if len(w) else 0.0


def wilson(p: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for proportions ``p`` with (effective) sample sizes ``n``."""
    p, n = np.asarray(p, float), np.asarray(n, float)
    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # rounding can put a bound a hair past p when p is 0 or 1
    return np.clip(np.minimum(centre - half, p), 0, 1), np.clip(np.maximum(centre + half, p), 0, 1)


def weighted_proportions(data: pd.DataFrame, column: str, *, by: str | list[str] | None = None,
                         weights: str | pd.Series | None = None,
                         level: float = 0.95) -> pd.DataFrame:
    """Weighted share of each answer of ``column`` (by group), with Wilson intervals.

    Missing answers are left out of the base (the share is among those who answered). With
    weights the interval uses Kish's effective sample size, so unequal weights widen it.

    Parameters
    ----------
    data : DataFrame
    column : str
        A categorical or 0/1 column.
    by : str or list of str, optional
        Grouping columns.
    weights : str or Series, optional
        Weight column (positive numbers); unweighted when None.
    level : float
        Confidence level.

    Returns
    -------
    DataFrame
        Columns: the ``by`` columns, ``value``, ``n`` (respondents answering), ``count``
        (respondents giving this answer), ``weighted`` (weighted count), ``n_eff``, ``share``
        (0–1), ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> df = pd.DataFrame({"q": ["a", "b", "a", "a"], "w": [1, 1, 2, 1]})
    >>> weighted_proportions(df, "q", weights="w")["share"].round(2).tolist()
    [0.8, 0.2]
    """
    by = [by] if isinstance(by, str) else list(by or [])
    w = as_weights(data, weights)
    frame = data[by + [column]].assign(_w=w)
    frame = frame[frame[column].notna()]
    rows = []
    groups = frame.groupby(by, sort=True, observed=True, dropna=False) if by else [((), frame)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        total = g["_w"].sum()
        n_eff = kish_n(g["_w"].to_numpy())
        for value, sub in g.groupby(column, sort=True, observed=True):
            rows.append({**dict(zip(by, key, strict=True)), "value": value, "n": len(g),
                         "count": len(sub), "weighted": sub["_w"].sum(), "n_eff": n_eff,
                         "share": sub["_w"].sum() / total})
    out = pd.DataFrame(rows, columns=by + ["value", "n", "count", "weighted", "n_eff", "share"])
    low, high = wilson(out["share"].to_numpy(), out["n_eff"].to_numpy(), level)
    return out.assign(ci_low=low, ci_high=high)


def design_weights(data: pd.DataFrame, strata: str | list[str],
                   population: pd.DataFrame | pd.Series) -> pd.Series:
    """Design weights N_h / n_h: population size of each stratum over the respondents in it.

    Parameters
    ----------
    data : DataFrame
    strata : str or list of str
        Stratum columns.
    population : Series or DataFrame
        Population size per stratum: a Series indexed by stratum (MultiIndex for several
        columns) or a DataFrame with the stratum columns and a ``population`` column.

    Returns
    -------
    Series
        One weight per row of ``data``; they add up to the population total.
    """
    strata = [strata] if isinstance(strata, str) else list(strata)
    if isinstance(population, pd.DataFrame):
        population = population.set_index(strata)["population"]
    key = pd.MultiIndex.from_frame(data[strata]) if len(strata) > 1 else pd.Index(data[strata[0]])
    n_h = data.groupby(strata, observed=True).size()
    missing = [k for k in n_h.index if k not in population.index]
    if missing:
        raise UserDataError(f"Không có quy mô dân số cho tầng {missing[:5]}.",
                            f"No population size for strata {missing[:5]}.")
    w = population.reindex(key).to_numpy(float) / n_h.reindex(key).to_numpy(float)
    return pd.Series(w, index=data.index, name="design_weight")


def rake(data: pd.DataFrame, margins: dict[str, pd.Series], *, weights: str | pd.Series | None = None,
         max_iter: int = 100, tol: float = 1e-8) -> pd.Series:
    """Rake (iterative proportional fitting) weights to known population margins.

    Parameters
    ----------
    data : DataFrame
    margins : dict
        Column → Series of population totals (or shares) per category, e.g.
        ``{"gioi_tinh": pd.Series({"nam": 0.49, "nu": 0.51}), "khu_vuc": ...}``. Totals of
        different margins are scaled to the first margin's total.
    weights : str or Series, optional
        Starting (design) weights; 1 when None.
    max_iter, tol : int, float
        Stop when no margin is off by more than ``tol`` (relative) or after ``max_iter`` sweeps.

    Returns
    -------
    Series
        Raked weights; their weighted margins equal ``margins``.

    Examples
    --------
    >>> df = pd.DataFrame({"s": ["a", "a", "b"], "k": ["u", "r", "r"]})
    >>> rake(df, {"s": pd.Series({"a": 50, "b": 50})}).tolist()
    [25.0, 25.0, 50.0]
    """
    w = as_weights(data, weights).to_numpy(float).copy()
    if not margins:
        return pd.Series(w, index=data.index, name="weight")
    total = float(next(iter(margins.values())).sum())
    codes = {}
    for col, target in margins.items():
        target = target.astype(float) * total / float(target.sum())
        cats = data[col]
        unknown = sorted(set(cats.dropna().astype(str)) - set(target.index.astype(str)))
        if unknown or cats.isna().any():
            raise UserDataError(
                f"Biến '{col}' có giá trị không có trong biên dân số: {unknown or ['(trống)']}.",
                f"Column '{col}' has values missing from the population margins: "
                f"{unknown or ['(empty)']}.")
        idx = pd.Categorical(cats.astype(str), categories=target.index.astype(str)).codes
        empty = [c for i, c in enumerate(target.index) if target.iloc[i] > 0 and not (idx == i).any()]
        if empty:
            raise UserDataError(f"Không có người trả lời nào thuộc {col} = {empty}.",
                                f"No respondent in {col} = {empty}.")
        codes[col] = (idx, target.to_numpy(float))
    for _ in range(max_iter):
        worst = 0.0
        for idx, target in codes.values():
            current = np.bincount(idx, weights=w, minlength=len(target))
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(current > 0, target / current, 1.0)
            w *= factor[idx]
            worst = max(worst, float(np.max(np.abs(factor - 1))))
        if worst < tol:
            break
    return pd.Series(w, index=data.index, name="weight")
