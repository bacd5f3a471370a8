"""Likert scales: items with reverse coding applied, construct scores, answer distributions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .weights import as_weights


def item_frame(data: pd.DataFrame, book: Codebook, construct: str, *, reverse: bool = True
               ) -> pd.DataFrame:
    """The Likert items of one construct; reverse-coded items turned round ((min + max) − x).

    Parameters
    ----------
    data : DataFrame
        Coded answers (`validate`).
    book : Codebook
    construct : str
    reverse : bool
        Apply the codebook's reverse coding (True) or keep the answers as given.

    Returns
    -------
    DataFrame
        One column per item.
    """
    items = book.items(construct)
    frame = data[items].astype(float)
    if reverse:
        for item in set(items) & set(book.reversed_items()):
            low, high = book.scale(item)
            frame[item] = low + high - frame[item]
    return frame


def construct_scores(data: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """Mean of each construct's items (reverse coding applied), one column per construct.

    A respondent missing any item of a construct has no score for it, the same listwise rule
    as the reliability and factor analyses.

    Examples
    --------
    >>> scores = construct_scores(coded.data, coded.codebook)  # doctest: +SKIP
    """
    out = {}
    for construct in book.constructs["construct"]:
        items = item_frame(data, book, construct)
        out[construct] = items.mean(axis=1).where(items.notna().all(axis=1))
    return pd.DataFrame(out, index=data.index)


def likert_distribution(data: pd.DataFrame, book: Codebook, items: list[str] | None = None, *,
                        weights: str | pd.Series | None = None) -> pd.DataFrame:
    """Share of each answer per Likert item (answers as given, not reversed).

    Returns
    -------
    DataFrame
        Columns item, construct, value, label_vi, label_en, n, share (0–100); one row per item
        and scale point, zero shares included.
    """
    q = book.questions
    items = items or q.loc[q["type"] == "likert", "question"].tolist()
    w = as_weights(data, weights).to_numpy(float)
    rows = []
    for item in items:
        choices = book.choices_of(item)
        scale = choices["value"].astype(float).to_numpy()
        col = data[item].to_numpy(float)
        ok = ~np.isnan(col)
        # position of each answer on the scale; answers off the scale were rejected earlier
        order = np.argsort(scale)
        pos = order[np.searchsorted(scale[order], col[ok])]
        counts = np.bincount(pos, weights=w[ok], minlength=len(scale))[:len(scale)]
        total = counts.sum()
        construct = book.question(item)["construct"]
        for j, c in enumerate(choices.itertuples()):
            rows.append({"item": item, "construct": construct, "value": scale[j],
                         "label_vi": c.label_vi, "label_en": c.label_en, "n": int(ok.sum()),
                         "share": counts[j] / total * 100 if total else np.nan})
    return pd.DataFrame(rows, columns=["item", "construct", "value", "label_vi", "label_en", "n",
                                       "share"])
