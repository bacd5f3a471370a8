"""Citizen surveys: read answers, check them against a codebook, analyse them as journals print.

Names load lazily (like the top-level package), so ``import dvc_analysis.survey`` stays cheap.
Module names differ from function names (``contingency`` holds ``crosstab``, ``pipeline`` holds
``analyse``, ``synthetic`` holds ``simulate``, ``confirmatory`` holds ``cfa``) so that
``survey.crosstab`` and the others are always the functions.
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
_EXPORTS = {
    "read_responses": "read",
    "Codebook": "codebook",
    "read_codebook": "codebook",
    "write_codebook": "codebook",
    "default_codebook": "codebook",
    "make_codebook": "codebook",
    "validate_responses": "validate",
    "weighted_proportions": "weights",
    "design_weights": "weights",
    "rake": "weights",
    "crosstab": "contingency",
    "benjamini_hochberg": "contingency",
    "compare_groups": "groups",
    "cronbach_alpha": "reliability",
    "kmo": "factor",
    "bartlett": "factor",
    "efa": "factor",
    "cfa": "confirmatory",
    "ols": "regression",
    "logistic": "regression",
    "item_frame": "scales",
    "construct_scores": "scales",
    "likert_distribution": "scales",
    "barrier_prevalence": "prevalence",
    "barrier_tests": "prevalence",
    "documents_vs_survey": "prevalence",
    "documents_vs_survey_plot": "figures",
    "build_figure": "figures",
    "save_figures": "figures",
    "analyse": "pipeline",
    "analyse_file": "pipeline",
    "result_tables": "tables",
    "write_xlsx": "tables",
    "build_survey_report": "report",
    "write_template": "template",
    "simulate": "synthetic",
    "sample_size": "sample",
    "sample_size_proportion": "sample",
}
_ALIASES = {"validate_responses": "validate"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dvc_analysis.survey' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), _ALIASES.get(name, name))


def __dir__() -> list[str]:
    return __all__
