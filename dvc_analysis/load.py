"""Former path of this module; its contents now live in `evidence.load`, `evidence.schema`, `evidence.validate` and `text.numbers`."""

# Kept so that `dvc_analysis.load` and its names (private ones included) keep working.
from __future__ import annotations

from .evidence.load import (  # noqa: F401
    _bundled,
    _indicators,
    _read_csv,
    load_indicators,
    load_observations,
    load_sources,
    load_targets,
)
from .evidence.provinces import (  # noqa: F401
    load_provinces,
)
from .evidence.schema import (  # noqa: F401
    _NUMBER_COLUMNS,
    _TEXT_COLUMNS,
    ADMIN_LEVELS,
    OBS_COLUMNS,
    PROBLEM_COLUMNS,
    QUALIFIERS,
    REQUIRED_COLUMNS,
    UNITS,
)
from .evidence.validate import (  # noqa: F401
    _FIGURE,
    _FRACTION,
    _blank,
    _date,
    _fmt,
    _number,
    _problem,
    _province_codes,
    _raise_problems,
    _text,
    _typed,
    parse_evidence,
    validate_observations,
)
from .text.numbers import (  # noqa: F401
    _VN_NUMBER,
    parse_vn_number,
)
