"""Old module paths that moved whole: `dvc_analysis.fmt` is the very module `dvc_analysis.text.fmt`."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys

# Former path -> current path. The module object is shared, so names, private ones included,
# and identity checks (`dvc_analysis.fmt.fmt_number is dvc_analysis.text.fmt.fmt_number`) hold.
# Modules that were split keep a small re-export file at the former path instead.
MOVED = {
    "dvc_analysis.fmt": "dvc_analysis.text.fmt",
    "dvc_analysis.textio": "dvc_analysis.text.textio",
    "dvc_analysis.provinces": "dvc_analysis.evidence.provinces",
    "dvc_analysis.audit": "dvc_analysis.evidence.audit",
    "dvc_analysis.theme": "dvc_analysis.figures.theme",
    "dvc_analysis.findings": "dvc_analysis.report.findings",
    "dvc_analysis.report_docx": "dvc_analysis.report._docx",
    "dvc_analysis.report_html": "dvc_analysis.report._html",
    "dvc_analysis.report_xlsx": "dvc_analysis.report._xlsx",
    "dvc_analysis.extract": "dvc_analysis.intake.extract",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolve a former module path to the module at its current path."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec):
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module):
        # Already executed under its current name.
        return None


def install() -> None:
    """Register the finder once (idempotent)."""
    if not any(isinstance(f, _Alias) for f in sys.meta_path):
        sys.meta_path.append(_Alias())
