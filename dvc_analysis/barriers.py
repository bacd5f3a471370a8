"""Former path of the barrier tools: the coder is `intake.coding`, the taxonomy loaders
`evidence.taxonomy`, the mention helpers `analysis.barriers`; every name is re-exported here."""

from __future__ import annotations

from .analysis.barriers import (
    _check_mentions,
    _cite,
    _unit_labels,
    barrier_lever_matrix,
    mentions_by_unit,
    recommendations,
)
from .evidence.taxonomy import _read, load_barriers, load_lever_barrier, load_levers, load_mentions
from .intake.coding import (
    COLUMNS,
    Rule,
    code_file,
    is_vietnamese,
    rules,
    split_sentences,
    suggest_codes,
)
from .text.textio import fold

__all__ = [
    "COLUMNS", "Rule", "_check_mentions", "_cite", "_read", "_unit_labels", "barrier_lever_matrix",
    "code_file", "fold", "is_vietnamese", "load_barriers", "load_lever_barrier", "load_levers",
    "load_mentions", "mentions_by_unit", "recommendations", "rules", "split_sentences", "suggest_codes",
]
