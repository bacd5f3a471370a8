"""dvc-analysis: compare Vietnamese provinces on online public services (dịch vụ công trực tuyến).

The public functions are imported lazily so that `import dvc_analysis` stays fast; heavy
libraries (pandas, matplotlib, scipy) load only when a function that needs them is used.
"""

from __future__ import annotations

import importlib
import sys
import types

from . import _compat

__version__ = "0.1.0"

# public name -> module (dotted, relative to this package) that defines it
_EXPORTS = {
    "load_observations": "evidence.load",
    "load_targets": "evidence.load",
    "load_indicators": "evidence.load",
    "load_sources": "evidence.load",
    "load_provinces": "evidence.provinces",
    "validate_observations": "evidence.validate",
    "audit": "evidence.audit",
    "rates": "analysis.rates",
    "compare": "analysis.compare",
    "gaps_to_targets": "analysis.targets",
    "pipelines": "analysis.pipelines",
    "two_proportions": "analysis.rates",
    "to_34_provinces": "analysis.merge34",
    "funnel_limits": "analysis.rates",
    "fmt_number": "text.fmt",
    "fmt_percent": "text.fmt",
    "fmt_pp": "text.fmt",
    "period_label": "text.fmt",
    "suggest_codes": "intake.coding",
    "extract_text": "intake.extract",
    "extract_file": "intake.extract",
    "read_user_file": "intake.userfile",
    "build_report": "report._build",
    "analyse": "analysis.results",
    "Results": "analysis.results",
    "recommend": "analysis.recommend",
    "sensitivity": "analysis.recommend",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

_compat.install()


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dvc_analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return __all__


class _Facade(types.ModuleType):
    """Keep a public function when a former module of the same name is imported.

    Importing `dvc_analysis.audit` (the former path of the audit module) would otherwise bind the
    module over the function `dvc_analysis.audit`.
    """

    def __setattr__(self, name: str, value) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
