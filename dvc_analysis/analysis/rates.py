"""Rates with Wilson intervals, two-proportion tests and funnel limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ._frame import _indicator_table, _prepare, _text, _units

if TYPE_CHECKING:
    import pandas as pd


SMALL_N = 30
"""Denominators below this are flagged ``small_n``."""


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
