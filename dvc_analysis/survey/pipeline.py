"""Run the usual survey pipeline once: frequencies, reliability, KMO/Bartlett, EFA, regressions, barriers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import Codebook, read_codebook
from .contingency import CrossTab, crosstab
from .factor import EFA, KMO, Bartlett, bartlett, correlation, efa, kmo, n_factors_kaiser
from .groups import GroupTest, compare_groups
from .prevalence import barrier_prevalence, barrier_tests
from .read import read_responses
from .regression import Regression, logistic, ols
from .reliability import Reliability, cronbach_alpha
from .scales import construct_scores, item_frame, likert_distribution
from .synthetic import is_synthetic
from .validate import Coded, validate
from .weights import weighted_proportions


@dataclass(frozen=True)
class FactorStep:
    """KMO, Bartlett and the EFA of one set of items (predictors or outcome)."""

    name: str
    items: tuple[str, ...]
    kmo: KMO
    bartlett: Bartlett
    efa: EFA


@dataclass(frozen=True)
class SurveyResults:
    """Everything the survey report, workbook and figures show; built once by `analyse`."""

    coded: Coded
    codebook: Codebook
    weights: str | None
    synthetic: bool
    demographics: pd.DataFrame
    use_by_group: pd.DataFrame
    use_tests: dict[str, CrossTab]
    reliability: dict[str, Reliability]
    factors: tuple[FactorStep, ...]
    scores: pd.DataFrame
    regression: Regression | None
    logit: Regression | None
    group_tests: tuple[GroupTest, ...]
    likert: pd.DataFrame
    prevalence: pd.DataFrame
    barrier_tests: pd.DataFrame
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Respondents accepted."""
        return self.coded.n_accepted


def _factor_step(name: str, items: pd.DataFrame, n_factors: int | None, rotation: str,
                 method: str) -> FactorStep:
    corr = correlation(items)
    k = n_factors or max(1, n_factors_kaiser(items, corr=corr))
    k = min(k, items.shape[1] - 1)
    return FactorStep(name, tuple(items.columns), kmo(items, corr=corr),
                      bartlett(items, corr=corr),
                      efa(items, k, rotation=rotation, method=method, corr=corr))


def analyse(coded: Coded, *, weights: str | None | bool = True, n_factors: int | None = None,
            rotation: str = "varimax", method: str = "minres",
            synthetic: bool | None = None) -> SurveyResults:
    """Run the whole survey analysis on coded answers.

    Parameters
    ----------
    coded : Coded
        From `validate`.
    weights : bool or str or None
        True: the codebook's weight question when it has one; a column name; None/False: none.
        Weights apply to shares, prevalence, crosstabs and regressions; reliability and factor
        analysis describe the measurement and stay unweighted, as in SPSS practice.
    n_factors : int, optional
        Factors of the predictor EFA; by default Kaiser's rule (eigenvalues > 1).
    rotation, method : str
        EFA rotation and extraction (see `factor.efa`).
    synthetic : bool, optional
        Label every table and figure as synthetic; by default when the ids say so.

    Returns
    -------
    SurveyResults
    """
    book, data = coded.codebook, coded.data
    if weights is True:
        w = next((c for c in book.by_role("weight") if data[c].notna().all()), None)
    else:
        w = weights or None
    synthetic = is_synthetic(data, book) if synthetic is None else synthetic
    demo = book.by_role("demographic")
    use = next(iter(book.by_role("use")), None)
    freq = [weighted_proportions(data, d, weights=w).assign(question=d) for d in demo]
    demographics = pd.concat(freq, ignore_index=True) if freq else pd.DataFrame()
    use_rows, use_tests = [], {}
    if use:
        for d in demo:
            share = weighted_proportions(data, use, by=d, weights=w)
            use_rows.append(share.rename(columns={d: "group_value"}).assign(group=d))
            use_tests[d] = crosstab(data, d, use, weights=w)
    use_by_group = pd.concat(use_rows, ignore_index=True) if use_rows else pd.DataFrame()
    reliability = {c: cronbach_alpha(item_frame(data, book, c))
                   for c in book.constructs["construct"]}
    steps = []
    pred = book.predictors()
    if pred:
        items = pd.concat([item_frame(data, book, c) for c in pred], axis=1)
        steps.append(_factor_step("predictors", items, n_factors, rotation, method))
    for c in book.outcomes():
        items = item_frame(data, book, c)
        if items.shape[1] >= 3:
            steps.append(_factor_step(c, items, 1, rotation, method))
    scores = construct_scores(data, book)
    frame = pd.concat([data, scores], axis=1)
    outcomes = book.outcomes()
    regression = ols(frame, outcomes[0], pred, weights=w) if outcomes and pred else None
    logit = None
    if use and pred and frame[use].nunique() == 2:
        logit = logistic(frame, use, pred, weights=w)
    group_tests = tuple(compare_groups(frame, c, d) for c in outcomes for d in demo)
    prevalence = barrier_prevalence(data, book, by=demo, weights=w)
    tests = barrier_tests(data, book, demo, weights=w) if demo else pd.DataFrame()
    notes = {
        "missing_vi": "Câu bỏ trống được loại theo từng phân tích (listwise): thang đo, phân tích "
                      "nhân tố và hồi quy chỉ dùng người trả lời đủ các câu liên quan.",
        "missing_en": "Blank answers are excluded analysis by analysis (listwise): scales, factor "
                      "analysis and regressions use respondents who answered every item involved.",
    }
    return SurveyResults(coded, book, w, synthetic, demographics, use_by_group, use_tests,
                         reliability, tuple(steps), scores, regression, logit, group_tests,
                         likert_distribution(data, book, weights=w), prevalence, tests, notes)


def analyse_file(data_path: str | Path, codebook: str | Path | Codebook | None = None, *,
                 sheet: str | None = None, **options) -> SurveyResults:
    """Read, validate and analyse a survey file in one call (see `analyse` for options).

    Examples
    --------
    >>> res = analyse_file("du_lieu_vi_du.csv", "codebook.xlsx")  # doctest: +SKIP
    """
    from .codebook import default_codebook

    if codebook is None:
        book = default_codebook()
    elif isinstance(codebook, Codebook):
        book = codebook
    else:
        book = read_codebook(codebook)
    return analyse(validate(read_responses(data_path, sheet=sheet), book), **options)


def report_input(data_path: str | Path, codebook: str | Path | Codebook | None = None, *,
                 sheet: str | None = None, lang: str = "vi") -> tuple[pd.DataFrame, str, Coded]:
    """A survey's barrier prevalence and a one-line description, for the evidence report.

    Only reading, validation and the weighted prevalence run (not the whole analysis), so that
    ``dvc-analysis report --survey`` stays quick.

    Returns
    -------
    prevalence : DataFrame
        `barrier_prevalence` overall (and by province when the survey covers several).
    note : str
        File name, respondents used and weighting, in ``lang``; "synthetic" data say so.
    coded : Coded
        The validated answers (its rejected rows are for the caller to report).
    """
    from .codebook import default_codebook

    if codebook is None:
        book = default_codebook()
    elif isinstance(codebook, Codebook):
        book = codebook
    else:
        book = read_codebook(codebook)
    coded = validate(read_responses(data_path, sheet=sheet), book)
    data = coded.data
    w = next((c for c in book.by_role("weight") if data[c].notna().all()), None)
    prevalence = barrier_prevalence(data, book, weights=w)
    name = Path(data_path).name
    weighted = ("có trọng số" if w else "không trọng số") if lang == "vi" else (
        "weighted" if w else "unweighted")
    synthetic = is_synthetic(data, book)
    tag = (" — dữ liệu mô phỏng (synthetic)" if lang == "vi" else " — synthetic data") if synthetic else ""
    note = (f"tệp {name}, {coded.n_accepted} phiếu hợp lệ, {weighted}{tag}" if lang == "vi"
            else f"file {name}, {coded.n_accepted} valid responses, {weighted}{tag}")
    return prevalence, note, coded
