"""Barrier prevalence (B01–B11) among respondents, by group and province, beside document mentions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .contingency import benjamini_hochberg, crosstab
from .weights import as_weights, wilson

PREVALENCE_COLUMNS = ["province_code", "group", "group_value", "code", "name_vi", "name_en", "n",
                      "count", "n_eff", "prevalence", "ci_low", "ci_high"]


def barrier_indicators(data: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """One 0/1 column per barrier code: 1 when the respondent chose any answer tied to it.

    NaN when the respondent did not answer the barrier question(s).
    """
    from ..evidence.taxonomy import load_barriers

    links = book.barrier_choices()
    out = {}
    for code in load_barriers()["code"]:
        cols = [f"{r.question}/{r.value}" for r in links[links["barrier_code"] == code].itertuples()]
        cols = [c for c in cols if c in data.columns]
        if not cols:
            continue
        block = data[cols]
        out[code] = block.max(axis=1).where(block.notna().any(axis=1))
    return pd.DataFrame(out, index=data.index)


def _province_column(book: Codebook, data: pd.DataFrame) -> str | None:
    cols = [c for c in book.by_role("province") if c in data.columns]
    return cols[0] if cols else None


def barrier_prevalence(data: pd.DataFrame, book: Codebook, *, by: list[str] | str | None = None,
                       weights: str | pd.Series | None = None, level: float = 0.95,
                       by_province: bool | None = None) -> pd.DataFrame:
    """Share of respondents reporting each barrier code, overall and by group, with intervals.

    The base of each share is the respondents who answered the barrier question (in the
    bundled questionnaire: people who had not used online services in the last 12 months).
    With weights, shares are weighted and Wilson intervals use Kish's effective sample size.

    Parameters
    ----------
    data : DataFrame
        Coded answers (`validate(...).data`).
    book : Codebook
    by : str or list of str, optional
        Grouping columns (e.g. demographics); each adds rows with ``group`` = its name.
    weights : str or Series, optional
        Weight column name (the codebook's weight question) or values.
    level : float
        Confidence level of the intervals.
    by_province : bool, optional
        Add rows per province. By default, when the survey covers several provinces.

    Returns
    -------
    DataFrame
        Tidy: province_code ("" = every province surveyed), group ("" = all respondents),
        group_value, code, name_vi, name_en, n, count, n_eff, prevalence (0–100),
        ci_low, ci_high.

    Examples
    --------
    >>> prev = barrier_prevalence(coded.data, coded.codebook, weights="trong_so")  # doctest: +SKIP
    >>> prev[prev["group"] == ""][["code", "prevalence"]]  # doctest: +SKIP
    """
    from ..evidence.taxonomy import load_barriers

    names = load_barriers().set_index("code")
    by = [by] if isinstance(by, str) else list(by or [])
    ind = barrier_indicators(data, book)
    w = as_weights(data, weights)
    prov = _province_column(book, data)
    if by_province is None:
        by_province = prov is not None and data[prov].nunique() > 1
    scopes = [("", pd.Series(True, index=data.index))]
    if by_province and prov is not None:
        scopes += [(str(p), data[prov] == p) for p in sorted(data[prov].dropna().unique())]
    rows = []
    codes = list(ind.columns)
    answered = ind.notna().to_numpy()
    yes = (ind.fillna(0).to_numpy() == 1) & answered
    wv = w.to_numpy(float)[:, None]
    for province, in_scope in scopes:
        groups = [("", "", in_scope.to_numpy())]
        for g in by:
            col = data[g]
            for value in sorted(col[in_scope].dropna().unique(), key=str):
                groups.append((g, value, (in_scope & (col == value)).to_numpy()))
        for group, value, mask in groups:
            m = answered & mask[:, None]
            base = (wv * m).sum(axis=0)
            hit = (wv * (yes & m)).sum(axis=0)
            sq = (wv**2 * m).sum(axis=0)
            n_eff = np.divide(base**2, sq, out=np.zeros_like(base), where=sq > 0)
            share = np.divide(hit, base, out=np.full_like(base, np.nan), where=base > 0)
            for j, code in enumerate(codes):
                rows.append({"province_code": province, "group": group, "group_value": value,
                             "code": code, "name_vi": names.loc[code, "name_vi"],
                             "name_en": names.loc[code, "name_en"], "n": int(m[:, j].sum()),
                             "count": int((yes[:, j] & m[:, j]).sum()), "n_eff": n_eff[j],
                             "prevalence": share[j]})
    out = pd.DataFrame(rows, columns=PREVALENCE_COLUMNS[:-2])
    low, high = wilson(out["prevalence"].to_numpy(float), out["n_eff"].to_numpy(float), level)
    return out.assign(prevalence=out["prevalence"] * 100, ci_low=low * 100, ci_high=high * 100)


def barrier_tests(data: pd.DataFrame, book: Codebook, by: list[str] | str, *,
                  weights: str | pd.Series | None = None) -> pd.DataFrame:
    """Chi-square test of each barrier code against each grouping column, with Cramér's V and
    Benjamini–Hochberg adjusted p-values over all the tests made.

    Returns
    -------
    DataFrame
        Columns code, group, n, chi2, df, p, cramers_v, p_adjusted.
    """
    by = [by] if isinstance(by, str) else list(by)
    ind = barrier_indicators(data, book)
    rows = []
    for g in by:
        for code in ind.columns:
            frame = pd.DataFrame({"code": ind[code], "group": data[g]})
            ct = crosstab(frame, "group", "code", weights=None if weights is None
                          else as_weights(data, weights))
            rows.append({"code": code, "group": g, "n": ct.n, "chi2": ct.chi2, "df": ct.dof,
                         "p": ct.p, "cramers_v": ct.cramers_v})
    out = pd.DataFrame(rows, columns=["code", "group", "n", "chi2", "df", "p", "cramers_v"])
    return out.assign(p_adjusted=benjamini_hochberg(out["p"].to_numpy(float)))


def documents_vs_survey(prevalence: pd.DataFrame, mentions: pd.DataFrame | None = None,
                        *, province_code: str = "") -> pd.DataFrame:
    """Document mentions (data/barrier_mentions.csv) beside survey prevalence, one row per code.

    Parameters
    ----------
    prevalence : DataFrame
        From `barrier_prevalence`; its all-respondent rows (group "") of ``province_code``
        are used.
    mentions : DataFrame, optional
        Coded mentions (default: the bundled hand-coded mentions); only barrier rows count.
    province_code : str
        "" for every province surveyed, or one province's code (its mentions only).

    Returns
    -------
    DataFrame
        Columns code, name_vi, name_en, mentions, sources, prevalence, ci_low, ci_high, n.
    """
    from ..analysis.barriers import documents_beside_survey
    from ..evidence.taxonomy import load_mentions

    mentions = load_mentions() if mentions is None else mentions
    return documents_beside_survey(mentions, prevalence, province_code=province_code)
