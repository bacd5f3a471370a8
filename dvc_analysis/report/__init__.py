"""The report: document blocks, prose sections, tables and the Word/HTML/Excel writers."""

from __future__ import annotations

import importlib

# name -> private module that defines it; loaded on first use so that importing one
# submodule (e.g. the theme) does not pull in every chart.
_EXPORTS = {
    "COMPARISON_COLUMNS": "._tables",
    "FIGURE_SECTION": "._sections",
    "GAP_COLUMNS": "._tables",
    "GROUP_SECTION": "._sections",
    "MAX_DOC_ROWS": "._blocks",
    "SECTIONS": "._sections",
    "WARNING_LABELS": "._tables",
    "_appendix": "._sections",
    "_audit_display": "._tables",
    "_barrier_section": "._sections",
    "_barrier_tables": "..analysis.results",
    "_caution_table": "._tables",
    "_data_method": "._sections",
    "_drop_empty_columns": "._tables",
    "_figures_for": "._sections",
    "_filter_provinces": "..analysis.results",
    "_full_ids": "._sections",
    "_gap_section": "._sections",
    "_indicator_section": "._sections",
    "_indicators_in": "._sections",
    "_pipeline_text": "._sections",
    "_png": "._sections",
    "_read_user_files": "..analysis.results",
    "_readme": "._build",
    "_recommendations_section": "._sections",
    "_sha256": "._build",
    "_source_note": "._sections",
    "_source_title": "._sections",
    "_summary": "._sections",
    "_value_rows": "._tables",
    "build_report": "._build",
    "bullets": "._blocks",
    "cite_figure_sources": "._blocks",
    "document": "._sections",
    "figure_block": "._blocks",
    "figure_section": "._sections",
    "heading": "._blocks",
    "note": "._blocks",
    "number_blocks": "._blocks",
    "paragraph": "._blocks",
    "prepare": "..analysis.results",
    "report_tables": "._tables",
    "table_block": "._blocks",
    "write_docx": "._docx",
}

__all__ = sorted(n for n in _EXPORTS if not n.startswith("_"))


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
