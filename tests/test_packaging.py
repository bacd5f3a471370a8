"""The project's packaging promises: one dependency list, light import, data in the wheel, lint."""

from __future__ import annotations

import re
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _name_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    assert match, requirement
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(2).replace(" ", "")


def _pyproject_deps() -> set[tuple[str, str]]:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = list(meta["dependencies"]) + list(meta["optional-dependencies"]["lab"])
    return {_name_spec(d) for d in deps}


def _environment_deps() -> set[tuple[str, str]]:
    deps = set()
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        item = re.match(r"^\s*-\s+(.+?)\s*$", line)
        if not item or item.group(1).endswith(":") or item.group(1) == "-e .":
            continue
        name, spec = _name_spec(item.group(1))
        if name not in {"python", "pip", "conda-forge"}:
            deps.add((name, spec))
    return deps


def test_environment_yml_matches_pyproject():
    env, py = _environment_deps(), _pyproject_deps()
    assert env == py, f"only in environment.yml: {env - py}; only in pyproject.toml: {py - env}"


def test_environment_yml_installs_the_package_itself():
    assert "- -e ." in (REPO / "environment.yml").read_text(encoding="utf-8")


def test_dev_extra_contains_lab_extra():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = meta["optional-dependencies"]
    assert {_name_spec(d) for d in extras["lab"]} <= {_name_spec(d) for d in extras["dev"]}


def test_import_is_light():
    code = (
        "import sys, dvc_analysis; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'scipy', 'docx', 'openpyxl') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import dvc_analysis loads {out.stdout.strip()}"


def test_public_names_resolve():
    import dvc_analysis

    missing = []
    for name in dvc_analysis.__all__:
        try:
            getattr(dvc_analysis, name)
        except (AttributeError, ImportError) as exc:
            missing.append(f"{name}: {exc}")
    assert not missing, missing


def test_wheel_ships_the_data(tmp_path):
    """A non-editable install must carry every data file the package reads."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.fail(f"wheel build failed: {built.stderr[-2000:]}")
    wheel = next(tmp_path.glob("dvc_analysis-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"dvc_analysis/data/{p.relative_to(REPO / 'data').as_posix()}"
              for p in (REPO / "data").rglob("*") if p.is_file() and p.suffix in {".csv", ".geojson"}}
    # package data beside the code: SQL rules and the learnt barrier model's weights
    wanted |= {p.relative_to(REPO).as_posix() for p in (REPO / "dvc_analysis").rglob("*")
               if p.is_file() and p.suffix in {".csv", ".sql"}}
    assert "dvc_analysis/intake/barrier_model.csv" in wanted
    assert wanted, "no data files found"
    assert wanted <= names, f"missing from wheel: {sorted(wanted - names)}"


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed in this environment (pip install -e '.[dev]')")
    done = subprocess.run([str(ruff), "check", str(REPO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
