"""Former path of this module; its contents now live in `intake.score766` (reading) and `figures._score766` (chart)."""

# Kept so that `dvc_analysis.score766` and its names (private ones included) keep working.
from __future__ import annotations

from .figures._score766 import (  # noqa: F401
    _plot,
    plot_score766,
)
from .intake.score766 import (  # noqa: F401
    NAME_HEADERS,
    RANK_HEADERS,
    TOLERANCE,
    TOTAL_HEADERS,
    _col_key,
    _key,
    _pick_scheme,
    load_groups,
    read_score766,
    to_observations,
)
