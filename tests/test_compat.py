"""Former module paths keep working and hand out the very objects of the current modules."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import dvc_analysis
from dvc_analysis import _compat

# Public names each former module offered before the package was split into layers
# (less three that nothing called and that were removed: findings.describe, findings.LEVEL,
# theme.target_line).
FORMER_PUBLIC = {
    "audit": ['COMPLEMENTS', 'FINDING_COLUMNS', 'SHARE_COUNTS', 'audit'],
    "figures": ['ALL_ROWS_UP_TO', 'FUNNEL_MIN_UNITS', 'MAX_DOT_ROWS', 'MAX_GROUPS', 'MAX_PIPELINES', 'STANDARD', 'SUPPLY_USE', 'barrier_heatmap', 'build_figure', 'build_standard', 'choropleth', 'composition', 'default_jobs', 'dot_plot', 'fields_bars', 'funnel_candidates', 'funnel_plot', 'gaps', 'load_context', 'maps_text_color', 'pipeline', 'supply_use', 'tile_map', 'trends'],
    "findings": ['KEY_INDICATORS', 'QUALIFIER', 'SEVERITY', 'UNNAMED', 'audit_sentence', 'barrier_sentence', 'capitalize', 'cite', 'comparison_sentence', 'gap_sentence', 'gap_summary', 'group_sentence', 'indicator_name', 'indicator_unit', 'key_findings', 'latest_gaps', 'period_text', 'pipeline_sentence', 'rate_of', 'short_source', 'unit_label', 'value_text'],
    "fmt": ['NA', 'fmt_number', 'fmt_percent', 'fmt_pp', 'month_end', 'period_kind', 'period_label', 'period_months', 'to_date'],
    "importer": ['DATA_SHEET', 'EXTRA_COLUMNS', 'INDICATOR_HEADERS', 'INDICATOR_SHEET', 'INSTRUCTIONS_SHEET', 'LISTS_SHEET', 'OBS_COLUMNS', 'TEMPLATE_HEADERS', 'add_declared_indicators', 'parse_number', 'parse_period', 'read_user_file', 'validate_file', 'write_template'],
    "indicators": ['DECREE_42_IN_FORCE', 'PAYMENT_DOSSIER_PIPELINE', 'PAYMENT_PIPELINE', 'PIPELINES', 'SERVICE_PIPELINE', 'SMALL_N', 'check_comparable', 'compare', 'compare_all', 'funnel_limits', 'gaps_to_targets', 'is_part', 'level_systems', 'pipelines', 'rates', 'to_34_provinces', 'two_proportions', 'unit_labels'],
    "load": ['ADMIN_LEVELS', 'OBS_COLUMNS', 'PROBLEM_COLUMNS', 'QUALIFIERS', 'REQUIRED_COLUMNS', 'UNITS', 'load_indicators', 'load_observations', 'load_provinces', 'load_sources', 'load_targets', 'parse_evidence', 'parse_vn_number', 'validate_observations'],
    "maps": ['ATTRIBUTION', 'MAPS', 'abbreviations', 'draw_choropleth', 'draw_tiles', 'legend_handles', 'load_boundaries', 'load_tiles'],
    "provinces": ['MAPS', 'MERGER_DATE', 'is_code', 'load_aliases', 'load_merge', 'load_provinces', 'map_for_date', 'new_code', 'normalize_code', 'old_codes', 'province_name', 'resolve'],
    "report": ['COMPARISON_COLUMNS', 'FIGURE_SECTION', 'GAP_COLUMNS', 'GROUP_SECTION', 'MAX_DOC_ROWS', 'SECTIONS', 'WARNING_LABELS', 'build_report', 'bullets', 'cite_figure_sources', 'document', 'figure_block', 'figure_section', 'heading', 'note', 'number_blocks', 'paragraph', 'prepare', 'report_tables', 'table_block'],
    "report_docx": ['BODY_PT', 'FONT', 'MAX_FIGURE_HEIGHT_CM', 'TEXT_WIDTH_CM', 'column_widths', 'write_docx'],
    "report_html": ['CSS', 'png_data_uri', 'write_html'],
    "report_xlsx": ['CONTENTS_SHEET', 'write_tables', 'write_workbook'],
    "score766": ['NAME_HEADERS', 'RANK_HEADERS', 'TOLERANCE', 'TOTAL_HEADERS', 'load_groups', 'plot_score766', 'read_score766', 'to_observations'],
    "textio": ['SUPPORTED', 'fold', 'read_paragraphs', 'read_text', 'split_paragraphs'],
    "theme": ['ACCENT', 'CM', 'CONTEXT', 'FONT', 'FORMATS', 'GRID', 'HASH_SALT', 'LEGEND_GAP_PT', 'LEGEND_LINE_PT', 'NO_DATA', 'OKABE_ITO', 'PALETTE', 'RC', 'SEQUENTIAL', 'SIZE_BASE', 'SIZE_NOTE', 'SIZE_SMALL', 'SIZE_SUBTITLE', 'SIZE_TITLE', 'TARGET', 'WIDTH', 'bottom_legend', 'describe_source', 'empty_panel', 'figure_meta', 'fmt_value', 'format_axis', 'freeze_layout', 'legend_height', 'new_figure', 'number_formatter', 'percent_formatter', 'rc', 'save', 'source_note', 'style_axes', 'text', 'themed'],
}


@pytest.mark.parametrize("old", sorted(FORMER_PUBLIC))
def test_former_path_offers_its_public_names(old):
    module = importlib.import_module(f"dvc_analysis.{old}")
    missing = [n for n in FORMER_PUBLIC[old] if not hasattr(module, n)]
    assert not missing, f"dvc_analysis.{old} lost {missing}"


@pytest.mark.parametrize("old", sorted(FORMER_PUBLIC))
def test_former_names_are_the_current_objects(old):
    """Each name at the former path is the object defined at its current home."""
    module = importlib.import_module(f"dvc_analysis.{old}")
    for name in FORMER_PUBLIC[old]:
        obj = getattr(module, name)
        home = getattr(obj, "__module__", None)
        if not callable(obj) or not (home or "").startswith("dvc_analysis."):
            continue
        current = importlib.import_module(home)
        assert getattr(current, name) is obj, (old, name, home)


@pytest.mark.parametrize("old, new", sorted(_compat.MOVED.items()))
def test_moved_module_is_the_same_module(old, new):
    assert importlib.import_module(old) is importlib.import_module(new)


def test_from_import_of_former_module_names():
    from dvc_analysis import findings, fmt, theme
    from dvc_analysis.report import findings as current_findings
    from dvc_analysis.text import fmt as current_fmt

    assert fmt is current_fmt and findings is current_findings
    assert theme.themed is importlib.import_module("dvc_analysis.figures.theme").themed


def test_private_names_used_by_callers_still_resolve():
    # Callers outside the package reached for these; they keep working through the old paths.
    from dvc_analysis.figures import _full_source_ids
    from dvc_analysis.importer import _detect_style, _read_any, _text
    from dvc_analysis.indicators import _compare_base, _indicator_table
    from dvc_analysis.provinces import _fold

    assert _fold("Đắk Lắk") == "dak lak"
    assert all(callable(f) for f in (_full_source_ids, _detect_style, _read_any, _text,
                                      _compare_base, _indicator_table))


def test_facade_names_resolve_to_dotted_homes():
    import dvc_analysis.audit  # noqa: F401  (the former module path must not hide the function)

    for name in dvc_analysis.__all__:
        if name == "__version__":
            continue
        obj = getattr(dvc_analysis, name)
        home = dvc_analysis._EXPORTS[name]
        assert obj is getattr(importlib.import_module(f"dvc_analysis.{home}"), name), name


def test_bundled_data_is_not_shadowed_by_code():
    """`dvc_analysis.data` is the folder of bundled tables, not a code package."""
    from pathlib import Path

    from dvc_analysis._resources import data_path

    assert data_path("observations.csv").is_file()
    assert not (Path(dvc_analysis.__file__).parent / "data").exists()


def test_former_paths_import_without_the_heavy_stack():
    """A former path that moved whole costs no more than its new home."""
    code = ("import sys, dvc_analysis.fmt, dvc_analysis.provinces; "
            "print(sorted(m for m in ('matplotlib', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
