"""Sample sizes for a survey: Yamane's n = N/(1 + N·e²) and the size for estimating a proportion."""

from __future__ import annotations

import math

from ..errors import UsageError


def sample_size(population: int, margin: float = 0.05) -> int:
    """Yamane's (Slovin's) formula n = N / (1 + N·e²), rounded up.

    Parameters
    ----------
    population : int
        Population size N.
    margin : float
        Margin of error e (0,05 = 5 percentage points).

    Returns
    -------
    int

    Examples
    --------
    >>> sample_size(10_000, 0.05)
    385
    """
    if population < 1 or not 0 < margin < 1:
        raise UsageError("Cần N ≥ 1 và 0 < e < 1.", "Need N >= 1 and 0 < e < 1.")
    return math.ceil(population / (1 + population * margin**2))


def sample_size_proportion(p: float = 0.5, margin: float = 0.05, *, level: float = 0.95,
                           population: int | None = None, deff: float = 1.0) -> int:
    """Respondents needed to estimate a proportion p within ±margin (Cochran).

    n₀ = z²·p(1 − p)/e² × deff, then with a finite population n = n₀ / (1 + (n₀ − 1)/N).

    Parameters
    ----------
    p : float
        Expected proportion (0,5 is the safest guess).
    margin : float
        Margin of error (0,05 = ±5 points).
    level : float
        Confidence level.
    population : int, optional
        Population size for the finite-population correction.
    deff : float
        Design effect (e.g. 1,5–2 for cluster samples).

    Returns
    -------
    int

    Examples
    --------
    >>> sample_size_proportion(0.5, 0.05)
    385
    """
    from scipy import stats

    if not 0 < p < 1 or not 0 < margin < 1 or not 0 < level < 1 or deff <= 0:
        raise UsageError("Cần 0 < p < 1, 0 < e < 1, 0 < mức tin cậy < 1 và deff > 0.",
                         "Need 0 < p < 1, 0 < e < 1, 0 < level < 1 and deff > 0.")
    z = stats.norm.ppf(0.5 + level / 2)
    n0 = z**2 * p * (1 - p) / margin**2 * deff
    if population:
        n0 = n0 / (1 + (n0 - 1) / population)
    return math.ceil(n0 - 1e-9)
