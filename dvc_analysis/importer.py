"""Former path of this module; its contents now live in `intake.userfile`, `intake._records`, `intake.cells`, `intake.sheets` and `intake.template`."""

# Kept so that `dvc_analysis.importer` and its names (private ones included) keep working.
from __future__ import annotations

from .intake._records import (  # noqa: F401
    _HEADER,
    _HEADER_ALIASES,
    _LEVELS,
    _TITLE_PERIOD_RE,
    _admin_level,
    _bool_of,
    _Ctx,
    _declared_indicators,
    _find_header,
    _fmt_evidence,
    _header_field,
    _indicator_lookup,
    _is_indicator_sheet,
    _is_period_header,
    _is_skipped_sheet,
    _map_record,
    _records,
    _Reject,
    _resolve_indicator,
    _title_period,
    _unit_of,
)
from .intake.cells import (  # noqa: F401
    _EXCEL_EPOCH,
    _MISSING,
    _QUALIFIER_RES,
    _QUALIFIERS,
    _ROMAN,
    _SPACES,
    _detect_style,
    _is_missing,
    _loose,
    _parse_date,
    _parse_period,
    _parse_period_text,
    _Pct,
    _text,
    _to_float,
    parse_number,
    parse_period,
)
from .intake.sheets import (  # noqa: F401
    _PCT_FMT_IDS,
    _choose_sheets,
    _damaged,
    _decode_csv,
    _has_percent_styles,
    _is_zip,
    _read_any,
    _read_csv,
    _read_xlsx,
    _read_xlsx_fast,
    _Sheet,
)
from .intake.template import (  # noqa: F401
    DATA_SHEET,
    INDICATOR_HEADERS,
    INDICATOR_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_HEADERS,
    _bundled_indicators,
    write_template,
)
from .intake.userfile import (  # noqa: F401
    EXTRA_COLUMNS,
    OBS_COLUMNS,
    _obs_frame,
    _validate,
    add_declared_indicators,
    read_user_file,
    validate_file,
)
