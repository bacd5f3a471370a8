"""Locate the bundled data files, whether the package is installed or run from a checkout."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def data_path(*parts: str) -> Traversable:
    """Return the bundled data file `data/<parts...>` as an importlib.resources Traversable."""
    node = resources.files("dvc_analysis.data")
    for part in parts:
        node = node / part
    return node
