"""The package's shape: imports flow one way between layers, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "dvc_analysis"

# Layers from the bottom up; a module may import its own layer and the layers below it.
LAYERS = {
    "base": 0,  # _resources, _cells, errors, _compat, the lazy facade and the safe-io modules
    "text": 1,
    "evidence": 2,
    "intake": 3,
    "analysis": 4,
    "figures": 5,
    # feature packages beside intake/analysis that draw their own figures with figures.theme
    "dossiers": 5,
    "report": 6,
    # citizen surveys: reads text/evidence, draws with figures.theme, renders Word through the
    # report's writer; the report may read survey results (same layer both ways)
    "survey": 6,
    "cli": 7,
}
BASE = {"_resources", "_cells", "errors", "_compat", "__init__",
        "_safeio", "_inputguard", "_legacyenc", "_procs", "_repro"}  # safe input and output
TOP = {"cli", "__main__"}
# Modules waiting to be placed in a layer (none at present): top-level name -> layer.
UNPLACED: dict[str, str] = {}
# Former module paths kept for callers outside the package (files that re-export, or aliases in
# _compat.MOVED). Code inside the package imports the current paths.
FORMER = {"load", "importer", "indicators", "maps", "score766", "fmt", "textio", "provinces",
          "audit", "theme", "findings", "report_docx", "report_html", "report_xlsx", "extract", "barriers"}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    """Dotted name (relative to the package) -> file, for every module of the package."""
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("")
        parts = list(rel.parts)
        if parts[0] == "data":
            continue
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _layer(name: str) -> str | None:
    head = name.split(".")[0]
    if head in BASE:
        return "base"
    if head in TOP:
        return "cli"
    if head in UNPLACED:
        return UNPLACED[head]
    if head in LAYERS:
        return head
    return None


def _imports(name: str, path: Path):
    """(target dotted name relative to the package, imported names, line) for every import of
    the package itself, at the top of the module or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                mod = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith("dvc_analysis"):
                mod = node.module[len("dvc_analysis"):].lstrip(".")
            else:
                continue
            names = [a.name for a in node.names]
            if not mod:  # `from . import x` at the top: x is a module
                for n in names:
                    yield n, [], node.lineno
            else:
                yield mod, names, node.lineno
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("dvc_analysis."):
                    yield a.name[len("dvc_analysis."):], [], node.lineno


MODULES = _modules()
CHECKED = {n: p for n, p in MODULES.items()
           if n.split(".")[0] not in UNPLACED and n not in FORMER}


def test_every_module_has_a_layer():
    unknown = [n for n in MODULES if n not in FORMER and _layer(n) is None]
    assert not unknown, f"modules outside the layer map: {unknown}"


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_no_upward_imports(name):
    mine = LAYERS[_layer(name)]
    bad = []
    for target, _names, line in _imports(name, CHECKED[name]):
        head = target.split(".")[0]
        if head in FORMER and name != "" and "." not in target:
            bad.append(f"line {line}: former path dvc_analysis.{target}")
            continue
        layer = _layer(target)
        if layer is not None and LAYERS[layer] > mine:
            bad.append(f"line {line}: {target} ({layer}) from a {_layer(name)} module")
    assert not bad, f"dvc_analysis.{name}: " + "; ".join(bad)


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_no_private_names_across_packages(name):
    """A package's private modules and names are its own business."""
    own = name.split(".")[0]
    bad = []
    for target, names, line in _imports(name, CHECKED[name]):
        if target.split(".")[0] == own:
            continue
        private = [n for n in names if n.startswith("_") and n != "__version__"]
        if any(part.startswith("_") for part in target.split(".")[1:]) or private:
            bad.append(f"line {line}: {target} {private}")
    assert not bad, f"dvc_analysis.{name}: " + "; ".join(bad)


def test_modules_stay_small():
    big = {}
    for name, path in MODULES.items():
        if name.split(".")[0] in UNPLACED:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            big[name] = lines
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_every_module_says_what_it_is_for():
    missing = [n for n, p in MODULES.items()
               if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]
    assert not missing, f"modules without a docstring: {missing}"


def test_the_rules_see_the_known_layers():
    # The checks above would pass vacuously if the walk found nothing; make sure it did not.
    found = {_layer(n) for n in CHECKED}
    assert set(LAYERS) <= found
    edges = [t for n in CHECKED for t, *_ in _imports(n, CHECKED[n])]
    assert "analysis.compare" in edges or any(e.startswith("analysis") for e in edges)
