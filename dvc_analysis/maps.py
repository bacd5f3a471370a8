"""Former path of this module; its contents now live in `evidence.geo` (geometry) and `figures._mapdraw` (drawing)."""

# Kept so that `dvc_analysis.maps` and its names (private ones included) keep working.
from __future__ import annotations

from .evidence.geo import (  # noqa: F401
    ATTRIBUTION,
    MAPS,
    _check_map,
    _simplify,
    abbreviations,
    load_boundaries,
    load_tiles,
)
from .figures._mapdraw import (  # noqa: F401
    _norm,
    _path,
    _status,
    _text_color,
    draw_choropleth,
    draw_tiles,
    legend_handles,
)
