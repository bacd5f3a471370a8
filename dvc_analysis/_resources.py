"""Locate and read the bundled data files, whether the package is installed or run from a checkout."""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable


def data_path(*parts: str) -> Traversable:
    """Return the bundled data file `data/<parts...>` as an importlib.resources Traversable."""
    node = resources.files("dvc_analysis.data")
    for part in parts:
        node = node / part
    return node


@functools.lru_cache(maxsize=32)
def _read(name: str):
    import pandas as pd

    with data_path(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def read_table(name: str):
    """The bundled CSV `data/<name>` as a DataFrame of text cells ("" for empty), read once.

    Returns a copy, so callers may change it freely.

    Examples
    --------
    >>> "id" in read_table("indicators.csv").columns
    True
    """
    return _read(name).copy()
