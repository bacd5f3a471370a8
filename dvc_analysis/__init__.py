"""dvc-analysis: compare Vietnamese provinces on online public services (dịch vụ công trực tuyến).

The public functions are imported lazily so that `import dvc_analysis` stays fast; heavy
libraries (pandas, matplotlib, scipy) load only when a function that needs them is used.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "load_observations": "load",
    "load_targets": "load",
    "load_indicators": "load",
    "load_sources": "load",
    "load_provinces": "provinces",
    "validate_observations": "load",
    "audit": "audit",
    "rates": "indicators",
    "compare": "indicators",
    "gaps_to_targets": "indicators",
    "pipelines": "indicators",
    "two_proportions": "indicators",
    "to_34_provinces": "indicators",
    "funnel_limits": "indicators",
    "fmt_number": "fmt",
    "fmt_percent": "fmt",
    "fmt_pp": "fmt",
    "period_label": "fmt",
    "suggest_codes": "barriers",
    "extract_text": "extract",
    "extract_file": "extract",
    "read_user_file": "importer",
    "build_report": "report",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dvc_analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return __all__
