"""Compare a scale score between groups: t-test or ANOVA, Mann–Whitney or Kruskal–Wallis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

TEST_COLUMNS = ["test", "statistic", "df1", "df2", "p", "effect", "effect_name"]


@dataclass(frozen=True)
class GroupTest:
    """Scores by group (``summary``: group, n, mean, sd, median) and the tests (``tests``:
    one row per test with statistic, degrees of freedom, p and an effect size)."""

    value: str
    group: str
    summary: pd.DataFrame
    tests: pd.DataFrame
    n: int
    n_missing: int


def compare_groups(data: pd.DataFrame, value: str, group: str) -> GroupTest:
    """Compare ``value`` between the groups of ``group`` with a parametric and a rank test.

    Two groups: Welch's t-test (Cohen's d) and Mann–Whitney U (rank-biserial r).
    Three or more: one-way ANOVA (η²) and Kruskal–Wallis H (ε²). Rows missing either
    column are left out (counted in ``n_missing``).

    Parameters
    ----------
    data : DataFrame
    value : str
        A numeric column (e.g. a construct score).
    group : str
        A categorical column.

    Returns
    -------
    GroupTest

    Examples
    --------
    >>> df = pd.DataFrame({"s": [1, 2, 3, 4, 5, 6], "g": list("aaabbb")})
    >>> compare_groups(df, "s", "g").tests["test"].tolist()
    ['welch_t', 'mann_whitney']
    """
    keep = data[value].notna() & data[group].notna()
    frame = data.loc[keep, [value, group]]
    samples = {k: g[value].to_numpy(float) for k, g in frame.groupby(group, sort=True, observed=True)}
    summary = pd.DataFrame(
        [{"group": k, "n": len(x), "mean": x.mean(), "sd": x.std(ddof=1) if len(x) > 1 else np.nan,
          "median": np.median(x)} for k, x in samples.items()],
        columns=["group", "n", "mean", "sd", "median"])
    xs = [x for x in samples.values() if len(x) > 0]
    rows = []
    if len(xs) == 2:
        a, b = xs
        t = stats.ttest_ind(a, b, equal_var=False)
        va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
        df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
        pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1))
                         / (len(a) + len(b) - 2))
        rows.append(["welch_t", t.statistic, df, np.nan, t.pvalue,
                     (a.mean() - b.mean()) / pooled, "cohen_d"])
        u = stats.mannwhitneyu(a, b, alternative="two-sided")
        rows.append(["mann_whitney", u.statistic, np.nan, np.nan, u.pvalue,
                     1 - 2 * u.statistic / (len(a) * len(b)), "rank_biserial"])
    elif len(xs) > 2:
        f = stats.f_oneway(*xs)
        allx = np.concatenate(xs)
        ss_between = sum(len(x) * (x.mean() - allx.mean()) ** 2 for x in xs)
        ss_total = ((allx - allx.mean()) ** 2).sum()
        rows.append(["anova", f.statistic, len(xs) - 1, len(allx) - len(xs), f.pvalue,
                     ss_between / ss_total, "eta_squared"])
        h = stats.kruskal(*xs)
        rows.append(["kruskal_wallis", h.statistic, len(xs) - 1, np.nan, h.pvalue,
                     h.statistic / (len(allx) - 1), "epsilon_squared"])
    tests = pd.DataFrame(rows, columns=TEST_COLUMNS)
    return GroupTest(value, group, summary, tests, int(keep.sum()), int((~keep).sum()))
