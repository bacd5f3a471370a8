"""Figures: one theme, one module per chart family, the standard set built in parallel."""

from __future__ import annotations

import importlib

# name -> private module that defines it; loaded on first use so that importing one
# submodule (e.g. the theme) does not pull in every chart.
_EXPORTS = {
    "ALL_ROWS_UP_TO": "._common",
    "FUNNEL_MIN_UNITS": "._funnel",
    "MAX_DOT_ROWS": "._common",
    "MAX_GROUPS": "._common",
    "MAX_PIPELINES": "._common",
    "STANDARD": "._standard",
    "SUPPLY_USE": "._dots",
    "_COMPONENTS": "._common",
    "_FAMILIES": "._common",
    "_PIPE_WHAT": "._pipeline",
    "_WHAT": "._composition",
    "_b_barriers": "._standard",
    "_b_dot": "._standard",
    "_b_funnel": "._standard",
    "_b_gaps": "._standard",
    "_b_pipeline": "._standard",
    "_build_chunk": "._standard",
    "_build_sequential": "._standard",
    "_cap": "._common",
    "_codes_obs": "._maps",
    "_compare": "._common",
    "_component_label": "._common",
    "_composition_rows": "._composition",
    "_empty_figure": "._common",
    "_frame": "._common",
    "_full_source_ids": "._common",
    "_ids": "._common",
    "_ind_info": "._common",
    "_ind_name": "._common",
    "_ind_table": "._common",
    "_map_side_panel": "._maps",
    "_map_values": "._maps",
    "_mark": "._common",
    "_marker_legend": "._common",
    "_new_code": "._maps",
    "_partial_notes": "._maps",
    "_period": "._common",
    "_pipeline_frame": "._pipeline",
    "_province": "._common",
    "_read_csv": "._common",
    "_row_height": "._common",
    "_s": "._common",
    "_target_handles": "._common",
    "_targets_for": "._common",
    "_to_34": "._maps",
    "_trend_lines": "._trends",
    "_unit_label": "._common",
    "_unit_of": "._common",
    "_value_text": "._common",
    "_warnings_text": "._common",
    "barrier_heatmap": "._barriers",
    "build_figure": "._standard",
    "build_standard": "._standard",
    "choropleth": "._maps",
    "composition": "._composition",
    "default_jobs": "._standard",
    "dot_plot": "._dots",
    "fields_bars": "._composition",
    "funnel_candidates": "._funnel",
    "funnel_plot": "._funnel",
    "gaps": "._targets",
    "load_context": "._common",
    "maps_text_color": "._composition",
    "pipeline": "._pipeline",
    "supply_use": "._dots",
    "tile_map": "._maps",
    "trends": "._trends",
}

__all__ = sorted(n for n in _EXPORTS if not n.startswith("_"))


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
