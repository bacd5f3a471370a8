"""Linear and logistic regression (statsmodels) with the columns Vietnamese reports print."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import UserDataError
from .weights import as_weights

CONSTANT = "const"


@dataclass(frozen=True)
class Regression:
    """A fitted regression.

    ``coefficients``: one row per term (``const`` first) with B, se, beta (standardised;
    linear model only), statistic (t or Wald z), p, ci_low, ci_high, vif, tolerance and, for
    the logistic model, odds_ratio with or_low and or_high. ``fit``: one row of model
    statistics (n, r2, adj_r2, f, f_p, durbin_watson for OLS; n, ll, ll_null, lr_chi2, lr_p,
    mcfadden_r2, cox_snell_r2, nagelkerke_r2 for the logistic model).
    """

    kind: str
    outcome: str
    predictors: tuple[str, ...]
    coefficients: pd.DataFrame
    fit: pd.DataFrame
    n: int
    n_missing: int
    weighted: bool


def _design(data: pd.DataFrame, y: str, x: list[str], weights) -> tuple:
    w = as_weights(data, weights)
    frame = data[[y, *x]].copy()
    keep = frame.notna().all(axis=1)
    frame, w = frame[keep], w[keep]
    exog = pd.get_dummies(frame[x], drop_first=True, dtype=float)
    if len(frame) <= exog.shape[1] + 1:
        raise UserDataError(f"Quá ít quan sát đầy đủ ({len(frame)}) cho hồi quy {y}.",
                            f"Too few complete observations ({len(frame)}) to regress {y}.")
    const = exog.std(ddof=0) == 0
    if const.any():
        raise UserDataError(f"Biến không đổi trong hồi quy: {', '.join(exog.columns[const])}.",
                            f"Constant predictors: {', '.join(exog.columns[const])}.")
    w = w * len(w) / w.sum()  # weights rescaled to the sample size
    return frame[y].astype(float), exog, w, int((~keep).sum())


def vif(exog: pd.DataFrame) -> pd.Series:
    """Variance inflation factors 1/(1 − R²ⱼ), from the inverse correlation matrix of the
    predictors (the model has an intercept)."""
    if exog.shape[1] < 2:
        return pd.Series(1.0, index=exog.columns)
    inv = np.linalg.inv(np.corrcoef(exog.to_numpy(float), rowvar=False))
    return pd.Series(np.diag(inv), index=exog.columns)


def _wsd(a: np.ndarray, w: np.ndarray) -> float:
    m = np.average(a, weights=w)
    return float(np.sqrt(np.average((a - m) ** 2, weights=w) * len(a) / (len(a) - 1)))


def ols(data: pd.DataFrame, y: str, x: list[str], weights: str | pd.Series | None = None
        ) -> Regression:
    """Multiple linear regression with standardised coefficients and VIF.

    Rows missing the outcome or a predictor are left out (listwise). Text predictors are
    dummy-coded with their first category as reference. With weights the model is fitted by
    weighted least squares (weights rescaled to the sample size) with robust (HC1) standard
    errors, as design weights do not give exact frequency counts.

    Parameters
    ----------
    data : DataFrame
    y : str
        Outcome column.
    x : list of str
        Predictor columns.
    weights : str or Series, optional

    Returns
    -------
    Regression

    Examples
    --------
    >>> res = ols(scores, "YD", ["HI", "SD", "TC"])  # doctest: +SKIP
    >>> res.coefficients[["term", "beta", "vif"]]  # doctest: +SKIP
    """
    # the model modules directly: statsmodels.api would also import its plotting tools
    from statsmodels.regression.linear_model import OLS, WLS
    from statsmodels.stats.stattools import durbin_watson
    from statsmodels.tools.tools import add_constant

    yy, exog, w, missing = _design(data, y, list(x), weights)
    design = add_constant(exog, has_constant="add")
    if weights is None:
        model = OLS(yy, design).fit()
    else:
        model = WLS(yy, design, weights=w).fit(cov_type="HC1")
    ci = model.conf_int()
    sd_y = _wsd(yy.to_numpy(), w.to_numpy())
    beta = [np.nan] + [model.params[c] * _wsd(exog[c].to_numpy(), w.to_numpy()) / sd_y
                       for c in exog.columns]
    v = vif(exog)
    coefs = pd.DataFrame({
        "term": list(design.columns), "B": model.params.to_numpy(), "se": model.bse.to_numpy(),
        "beta": beta, "statistic": model.tvalues.to_numpy(), "p": model.pvalues.to_numpy(),
        "ci_low": ci[0].to_numpy(), "ci_high": ci[1].to_numpy(),
        "vif": [np.nan, *v.to_numpy()], "tolerance": [np.nan, *(1 / v.to_numpy())]})
    fit = pd.DataFrame([{"n": int(model.nobs), "r2": model.rsquared, "adj_r2": model.rsquared_adj,
                         "f": float(model.fvalue), "df1": model.df_model, "df2": model.df_resid,
                         "f_p": float(model.f_pvalue),
                         "durbin_watson": float(durbin_watson(model.resid))}])
    return Regression("ols", y, tuple(x), coefs, fit, int(model.nobs), missing, weights is not None)


def logistic(data: pd.DataFrame, y: str, x: list[str], weights: str | pd.Series | None = None
             ) -> Regression:
    """Binary logistic regression with odds ratios, VIF and pseudo-R² (McFadden, Cox–Snell,
    Nagelkerke).

    The outcome must be coded 0/1. Missing rows and text predictors are handled as in `ols`;
    with weights the model is a binomial GLM with the rescaled weights as frequency weights.

    Parameters
    ----------
    data : DataFrame
    y : str
        0/1 outcome column.
    x : list of str
        Predictor columns.
    weights : str or Series, optional

    Returns
    -------
    Regression
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.tools import add_constant

    yy, exog, w, missing = _design(data, y, list(x), weights)
    if not set(np.unique(yy)) <= {0.0, 1.0} or yy.nunique() < 2:
        raise UserDataError(f"Biến phụ thuộc '{y}' của hồi quy logistic phải có cả 0 và 1.",
                            f"The logistic outcome '{y}' must contain both 0 and 1.")
    design = add_constant(exog, has_constant="add")
    model = GLM(yy, design, family=families.Binomial(), freq_weights=w).fit()
    null = GLM(yy, np.ones((len(yy), 1)), family=families.Binomial(), freq_weights=w).fit()
    ci = model.conf_int()
    v = vif(exog)
    n = float(w.sum())
    ll, ll0 = float(model.llf), float(null.llf)
    cox = 1 - np.exp(2 * (ll0 - ll) / n)
    coefs = pd.DataFrame({
        "term": list(design.columns), "B": model.params.to_numpy(), "se": model.bse.to_numpy(),
        "statistic": model.tvalues.to_numpy(), "p": model.pvalues.to_numpy(),
        "ci_low": ci[0].to_numpy(), "ci_high": ci[1].to_numpy(),
        "odds_ratio": np.exp(model.params.to_numpy()),
        "or_low": np.exp(ci[0].to_numpy()), "or_high": np.exp(ci[1].to_numpy()),
        "vif": [np.nan, *v.to_numpy()], "tolerance": [np.nan, *(1 / v.to_numpy())]})
    from scipy import stats

    lr = 2 * (ll - ll0)
    fit = pd.DataFrame([{"n": len(yy), "ll": ll, "ll_null": ll0, "lr_chi2": lr,
                         "df": exog.shape[1], "lr_p": float(stats.chi2.sf(lr, exog.shape[1])),
                         "mcfadden_r2": 1 - ll / ll0, "cox_snell_r2": cox,
                         "nagelkerke_r2": cox / (1 - np.exp(2 * ll0 / n))}])
    return Regression("logistic", y, tuple(x), coefs, fit, len(yy), missing, weights is not None)
