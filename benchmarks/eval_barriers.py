"""Evaluate the rule-based barrier/lever coder against the hand-coded mentions.

Runs `dvc_analysis.barriers.suggest_codes` on the five source texts and compares, at
paragraph level, the set of (source, paragraph, kind, code) it finds with
data/barrier_mentions.csv. Prints precision and recall per code and overall.

    python benchmarks/eval_barriers.py [-v] [SEEDS_DIR]

SEEDS_DIR defaults to $DVC_SEEDS_DIR or ../shared/seeds beside the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from dvc_analysis.barriers import load_barriers, load_levers, load_mentions, suggest_codes
from dvc_analysis.textio import read_text

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = Path(os.environ.get("DVC_SEEDS_DIR", REPO.parent / "shared" / "seeds"))
KEY = ["source_id", "paragraph", "kind", "code"]


def predicted(seeds_dir: Path) -> pd.DataFrame:
    """Paragraph-level codes the coder suggests for every source text in `seeds_dir`."""
    frames = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        coded = suggest_codes(read_text(path))
        coded["source_id"] = path.stem
        frames.append(coded)
    if not frames:
        raise FileNotFoundError(f"no source texts (*.txt) in {seeds_dir}")
    return pd.concat(frames, ignore_index=True)[KEY].drop_duplicates()


def evaluate(seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """Precision and recall per code and overall (last row, code "ALL").

    Every taxonomy code has a row. Columns: code, kind, gold, predicted, hits, precision,
    recall (NaN when undefined, e.g. a code with no mention and no suggestion).
    """
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else DEFAULT_SEEDS
    pred = predicted(seeds_dir)
    gold = load_mentions()
    gold = gold[gold["source_id"].isin(set(pred["source_id"]))][KEY].drop_duplicates()
    both = gold.merge(pred, on=KEY, how="inner")
    rows = []
    taxonomy = set(load_barriers()["code"]) | set(load_levers()["code"])
    codes = sorted(taxonomy | set(gold["code"]) | set(pred["code"]), key=lambda c: (c[0] != "B", c))
    for code in codes:
        g = int((gold["code"] == code).sum())
        p = int((pred["code"] == code).sum())
        h = int((both["code"] == code).sum())
        rows.append((code, "barrier" if code.startswith("B") else "lever", g, p, h))
    for kind in ("barrier", "lever"):
        g = int((gold["kind"] == kind).sum())
        p = int((pred["kind"] == kind).sum())
        h = int((both["kind"] == kind).sum())
        rows.append((f"ALL_{kind.upper()}", kind, g, p, h))
    rows.append(("ALL", "", len(gold), len(pred), len(both)))
    table = pd.DataFrame(rows, columns=["code", "kind", "gold", "predicted", "hits"])
    table["precision"] = (table["hits"] / table["predicted"]).where(table["predicted"] > 0)
    table["recall"] = (table["hits"] / table["gold"]).where(table["gold"] > 0)
    return table


def errors(seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """Disagreements: rows found only by the coder (false positive) or only by hand (missed)."""
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else DEFAULT_SEEDS
    pred = predicted(seeds_dir).assign(found="coder")
    gold = load_mentions()[KEY].drop_duplicates().assign(found="gold")
    merged = gold.merge(pred, on=KEY, how="outer", suffixes=("_gold", "_coder"))
    only = merged[merged["found_gold"].isna() | merged["found_coder"].isna()].copy()
    only["error"] = only["found_gold"].isna().map({True: "false positive", False: "missed"})
    return only[KEY + ["error"]].sort_values(KEY).reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table; with -v also list every disagreement."""
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    seeds = Path(args[0]) if args else DEFAULT_SEEDS
    table = evaluate(seeds)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}", na_rep="–"))
    if verbose:
        print()
        print(errors(seeds).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
