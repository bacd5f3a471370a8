"""Scale reliability: Cronbach's alpha, corrected item–total correlations, alpha if deleted."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ALPHA_MIN = 0.6
"""Scales are usually kept when alpha exceeds 0,6 ..."""
ITEM_TOTAL_MIN = 0.3
"""... and every corrected item–total correlation exceeds 0,3."""


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha of a scale and one row per item (``items``: item, mean, sd,
    scale_mean_if_deleted, scale_var_if_deleted, item_total (corrected), alpha_if_deleted),
    computed on the ``n`` respondents who answered every item (listwise)."""

    alpha: float
    standardized_alpha: float
    n: int
    n_missing: int
    k: int
    items: pd.DataFrame

    @property
    def accepted(self) -> bool:
        """alpha > 0,6 and every corrected item–total correlation > 0,3."""
        return bool(self.alpha > ALPHA_MIN and (self.items["item_total"] > ITEM_TOTAL_MIN).all())


def _alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    if k < 2:
        return np.nan
    item_var = x.var(axis=0, ddof=1).sum()
    total_var = x.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_var / total_var)) if total_var > 0 else np.nan


def cronbach_alpha(items: pd.DataFrame) -> Reliability:
    """Cronbach's alpha with the item statistics SPSS prints ("Item-Total Statistics").

    Reverse-coded items must already be reversed (see `survey.scales.item_frame`).

    Parameters
    ----------
    items : DataFrame
        One column per item, one row per respondent; rows with a missing item are left out.

    Returns
    -------
    Reliability

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4], "c": [1, 3, 3, 4, 5]})
    >>> round(cronbach_alpha(df).alpha, 3)
    0.945
    """
    complete = items.dropna()
    x = complete.to_numpy(float)
    n, k = x.shape
    total = x.sum(axis=1)
    rows = []
    for j, name in enumerate(complete.columns):
        rest = total - x[:, j]
        others = np.delete(x, j, axis=1)
        r = np.corrcoef(x[:, j], rest)[0, 1] if n > 1 else np.nan
        rows.append({"item": name, "mean": x[:, j].mean(), "sd": x[:, j].std(ddof=1),
                     "scale_mean_if_deleted": rest.mean(),
                     "scale_var_if_deleted": rest.var(ddof=1),
                     "item_total": r, "alpha_if_deleted": _alpha(others)})
    corr = np.corrcoef(x, rowvar=False)
    mean_r = (corr.sum() - k) / (k * (k - 1)) if k > 1 else np.nan
    std_alpha = k * mean_r / (1 + (k - 1) * mean_r) if k > 1 else np.nan
    return Reliability(_alpha(x), float(std_alpha), n, len(items) - n, k, pd.DataFrame(rows))
