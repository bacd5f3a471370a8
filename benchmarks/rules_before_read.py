"""Rebuild, from the project's history, the rule coder's suggestions on each corpus text before it was read.

Each round of the corpus (tests/corpus/README.md) was committed before any of its texts was scored or read, so the
rules of that commit had never seen them. This script checks each such commit out into a temporary git worktree,
runs its rule coder (rules alone, no learnt model) on the texts of its round as they are now in the corpus, and
writes `tests/corpus/rules_before_read.csv` (doc_id, paragraph, kind, code, commit). `learnt_baseline.py
--unseen-rules` joins the learnt model with these suggestions, so that a join threshold is chosen against rules that
miss what rules miss on unseen texts, not against rules written from the very texts being scored.

    python benchmarks/rules_before_read.py

Needs the git history (a full clone) and `git` on the path; takes a few minutes.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "corpus" / "rules_before_read.csv"

# (commit that added the round's texts, first id, last id): rounds four to fifteen
ROUNDS = [
    ("8dff573", 99, 188), ("4753fb5", 189, 278), ("d7d8796", 279, 368), ("b5ee9bc", 369, 458),
    ("1e855fa", 459, 548), ("0c5809c", 549, 638), ("dad4387", 639, 728), ("98b60a9", 729, 818),
    ("619879a", 819, 908), ("0619227", 909, 998), ("8eda7f0", 999, 1088), ("187ad3b", 1089, 1178),
]

# run inside the old checkout: its own rule coder on today's copy of the round's texts
_RUN = r"""
import csv, inspect, sys
from pathlib import Path
from dvc_analysis.intake.coding import suggest_codes
docs, lo, hi = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
kw = {"learnt": False} if "learnt" in inspect.signature(suggest_codes).parameters else {}
w = csv.writer(sys.stdout, lineterminator="\n")
for path in sorted(docs.glob("c*.txt"), key=lambda p: int(p.stem[1:])):
    if not lo <= int(path.stem[1:]) <= hi:
        continue
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[lines.index("---") + 1 :])
    for row in sorted({(int(r.paragraph), r.kind, r.code) for r in suggest_codes(text, **kw).itertuples()}):
        w.writerow([path.stem, *row])
"""


def main() -> int:
    docs = ROOT / "tests" / "corpus" / "docs"
    # a run stopped half-way leaves worktree entries whose folders are gone: drop them first
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False, capture_output=True)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for commit, lo, hi in ROUNDS:
            tree = Path(tmp) / commit
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), commit],
                           check=True, capture_output=True)
            try:
                out = subprocess.run([sys.executable, "-c", _RUN, str(docs), str(lo), str(hi)], cwd=tree,
                                     check=True, capture_output=True, text=True, env={"PYTHONPATH": str(tree)})
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False,
                               capture_output=True)
            found = [line.split(",") + [commit] for line in out.stdout.splitlines() if line]
            print(f"{commit}: c{lo}–c{hi}, {len(found)} suggestions")
            rows.extend(found)
    tmp_out = OUT.with_suffix(".csv.tmp")
    with tmp_out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["doc_id", "paragraph", "kind", "code", "commit"])
        writer.writerows(rows)
    tmp_out.replace(OUT)
    print(f"wrote {OUT} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
