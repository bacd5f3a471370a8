"""Evaluate the extraction assistant on the five source texts against data/observations.csv.

Prints the recall of curated figures (target >= 95%) and the share of extracted rows that are
not curated figures (target <= 10%), plus how often each guessed field agrees.

    python benchmarks/eval_extract.py [SEEDS_DIR]      (default: ../shared/seeds)
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    seeds = Path(argv[0]) if argv else DEFAULT_SEEDS
    if not seeds.is_dir():
        print(f"source texts not found at {seeds}; pass their folder as the first argument")
        return 2
    from dvc_analysis.extract import evaluate

    result = evaluate(seeds)
    print(f"recall of curated figures: {result['recall']:.1%} (target >= 95%)")
    print(f"share of rows that are not curated figures: {result['non_figure_share']:.1%} (target <= 10%)")
    for field, share in sorted((result.get("agreement") or {}).items()):
        print(f"  agreement on {field}: {share:.0%}")
    ok = result["recall"] >= 0.95 and result["non_figure_share"] <= 0.10
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
