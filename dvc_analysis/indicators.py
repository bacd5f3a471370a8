"""Former path of this module; its contents now live in `analysis.rates`, `analysis.compare`, `analysis.targets`, `analysis.pipelines` and `analysis.merge34`."""

# Kept so that `dvc_analysis.indicators` and its names (private ones included) keep working.
from __future__ import annotations

from .analysis._frame import (  # noqa: F401
    _KEY,
    _LEVEL_NAMES,
    _add_period_labels,
    _indicator_table,
    _label,
    _per_period,
    _period_shape,
    _prepare,
    _text,
    _units,
)
from .analysis.compare import (  # noqa: F401
    DECREE_42_IN_FORCE,
    _checked_ids,
    _comparable_pairs,
    _compare_base,
    _compare_from_base,
    _component_level,
    _finish_levels,
    _indicator_name,
    _level_parts,
    _odd_rows,
    _warn,
    check_comparable,
    compare,
    compare_all,
    is_part,
    level_systems,
    unit_labels,
)
from .analysis.merge34 import (  # noqa: F401
    _merge_qualifier,
    _names,
    to_34_provinces,
)
from .analysis.pipelines import (  # noqa: F401
    PAYMENT_DOSSIER_PIPELINE,
    PAYMENT_PIPELINE,
    PIPELINES,
    SERVICE_PIPELINE,
    pipelines,
)
from .analysis.rates import (  # noqa: F401
    SMALL_N,
    _add_rates,
    _binom_limit,
    _counts_of,
    _wilson,
    funnel_limits,
    rates,
    two_proportions,
)
from .analysis.targets import (  # noqa: F401
    gaps_to_targets,
)
