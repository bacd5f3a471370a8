"""Dossier engine: Decision 766 and Biểu II.06a indicators computed from one-stop-system exports.

``dossiers.compute(paths, by=..., period=..., rules=...)`` returns the indicators in long form;
``dossiers.run`` returns everything a run produced (see `dvc_analysis.dossiers.compute`). The
rules are one SQL template run on embedded DuckDB by default or on Apache Spark
(`dvc_analysis.dossiers.rules`); docs/dossiers.md describes the definitions and their sources.
"""

from __future__ import annotations

# bound after the submodule import so that `dossiers.compute` is the function, not the module
from .compute import Computation, compare_rules, compute, run  # noqa: E402

__all__ = ["Computation", "compare_rules", "compute", "run"]
