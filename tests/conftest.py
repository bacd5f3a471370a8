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


def _hypothesis_profiles() -> None:
    """No per-example deadline (a loaded 2-core machine is slow); on CI, the same examples every run."""
    try:
        from hypothesis import settings
    except ImportError:  # hypothesis comes with the dev extra
        return
    settings.register_profile("default", deadline=None)
    settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
    settings.load_profile("ci" if os.environ.get("CI") else "default")


_hypothesis_profiles()
