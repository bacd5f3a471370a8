"""Barrier and lever taxonomy and the hand-coded mentions of the bundled sources (data/*.csv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    with data_path(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def load_barriers() -> pd.DataFrame:
    """The barrier taxonomy (code, name_vi, name_en, description)."""
    return _read("barriers.csv")


def load_levers() -> pd.DataFrame:
    """The policy levers (code, name_vi, name_en, description)."""
    return _read("levers.csv")


def load_lever_barrier() -> pd.DataFrame:
    """Which lever addresses which barrier (columns lever, barrier; many-to-many)."""
    return _read("lever_barrier.csv")


def load_mentions() -> pd.DataFrame:
    """Hand-coded barrier and lever mentions of the bundled sources; paragraph as int."""
    frame = _read("barrier_mentions.csv")
    return frame.astype({"paragraph": "int64"})
