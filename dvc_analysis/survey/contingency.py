"""Cross-tabulations with chi-square, Cramér's V, adjusted residuals; Benjamini–Hochberg."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .weights import as_weights


@dataclass(frozen=True)
class CrossTab:
    """A two-way table and its test of independence.

    ``table`` holds (weighted) counts, rows × columns; ``percent`` the column percentages;
    ``residuals`` the adjusted standardised residuals (|r| > 1,96 marks a cell that departs from
    independence at the 5 % level). With weights, counts use weights rescaled to add up to the
    number of respondents, the convention of SPSS's weighted crosstabs.
    """

    table: pd.DataFrame
    percent: pd.DataFrame
    expected: pd.DataFrame
    residuals: pd.DataFrame
    chi2: float
    dof: int
    p: float
    cramers_v: float
    n: int
    weighted: bool


def adjusted_residuals(observed: np.ndarray) -> np.ndarray:
    """Haberman's adjusted residuals (O − E) / √(E (1 − r/n)(1 − c/n))."""
    obs = np.asarray(observed, float)
    n = obs.sum()
    r = obs.sum(axis=1, keepdims=True)
    c = obs.sum(axis=0, keepdims=True)
    e = r @ c / n
    with np.errstate(divide="ignore", invalid="ignore"):
        return (obs - e) / np.sqrt(e * (1 - r / n) * (1 - c / n))


def crosstab(data: pd.DataFrame, row: str, col: str, weights: str | pd.Series | None = None
             ) -> CrossTab:
    """Cross-tabulate two columns and test independence (Pearson chi-square).

    Rows missing either answer are left out.

    Parameters
    ----------
    data : DataFrame
    row, col : str
        Column names.
    weights : str or Series, optional
        Weight column; the weights are rescaled to add up to the number of respondents.

    Returns
    -------
    CrossTab
        With ``.chi2``, ``.p``, ``.cramers_v``, ``.residuals`` and the tables.

    Examples
    --------
    >>> df = pd.DataFrame({"a": list("xxyy"), "b": list("uvvv")})
    >>> round(crosstab(df, "a", "b").cramers_v, 3)
    0.577
    """
    w = as_weights(data, weights)
    keep = data[row].notna() & data[col].notna()
    frame = pd.DataFrame({"r": data.loc[keep, row], "c": data.loc[keep, col], "w": w[keep]})
    n = len(frame)
    frame["w"] = frame["w"] * n / frame["w"].sum() if n else frame["w"]
    rcode, rlev = pd.factorize(frame["r"], sort=True)
    ccode, clev = pd.factorize(frame["c"], sort=True)
    flat = np.bincount(rcode * len(clev) + ccode, weights=frame["w"].to_numpy(float),
                       minlength=len(rlev) * len(clev))
    table = pd.DataFrame(flat.reshape(len(rlev), len(clev)), index=pd.Index(rlev, name=row),
                         columns=pd.Index(clev, name=col))
    obs = table.to_numpy(float)
    if obs.shape[0] < 2 or obs.shape[1] < 2:
        chi2, p, dof, v = np.nan, np.nan, 0, np.nan
        expected = np.full_like(obs, np.nan)
        resid = np.full_like(obs, np.nan)
    else:
        chi2, p, dof, expected = stats.chi2_contingency(obs, correction=False)
        k = min(obs.shape) - 1
        v = float(np.sqrt(chi2 / (obs.sum() * k)))
        resid = adjusted_residuals(obs)
    percent = table / table.sum(axis=0) * 100
    like = lambda a: pd.DataFrame(a, index=table.index, columns=table.columns)  # noqa: E731
    return CrossTab(table, percent, like(expected), like(resid), float(chi2), int(dof), float(p),
                    float(v), n, weights is not None)


def benjamini_hochberg(p: pd.Series | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (false discovery rate), NaN kept in place.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if not m:
        return out
    order = np.argsort(q)
    ranked = q[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out
