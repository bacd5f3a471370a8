"""Shared fixtures: where the source texts are, and a non-interactive matplotlib backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("DVC_SEEDS_DIR", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the five source texts (../shared/seeds); skip when it is not beside the repo."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"source texts not found at {SEEDS} (set DVC_SEEDS_DIR to their folder)")
    return SEEDS
