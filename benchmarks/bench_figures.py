"""Wall time of building the whole standard figure set (PNG + SVG + PDF) from the bundled data.

Each run is a fresh Python process (imports and font caches included), like `dvc-analysis
report`. Target: <= 10 s on 2 cores. Prints one JSON line per run and a summary.

    python benchmarks/bench_figures.py [--repeat N] [--jobs J] [--formats png,svg,pdf]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile

TARGET_SECONDS = 10.0

SNIPPET = """
import json, os, resource, sys, time
t = time.perf_counter()
from dvc_analysis.figures import build_standard
jobs = int(sys.argv[3]) if sys.argv[3] != "auto" else None
results = build_standard(sys.argv[1], formats=tuple(sys.argv[2].split(",")), jobs=jobs)
elapsed = time.perf_counter() - t
children = resource.getrusage(resource.RUSAGE_CHILDREN)
own = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": elapsed, "figures": len(results),
                  "files": sum(len(r["paths"]) for r in results),
                  "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
                  "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024}))
"""


def run_once(formats: str, jobs: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", SNIPPET, tmp, formats, jobs],
            capture_output=True, text=True, check=True,
            env={**__import__("os").environ, "MPLBACKEND": "Agg"},
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default="auto", help="worker processes (default: up to 2)")
    parser.add_argument("--formats", default="png,svg,pdf")
    args = parser.parse_args(argv)
    runs = []
    for _ in range(args.repeat):
        r = run_once(args.formats, args.jobs)
        runs.append(r)
        print(json.dumps(r))
    best = min(r["seconds"] for r in runs)
    summary = {
        "best_seconds": round(best, 2),
        "median_seconds": round(statistics.median(r["seconds"] for r in runs), 2),
        "figures": runs[-1]["figures"],
        "target_seconds": TARGET_SECONDS,
        "within_target": best <= TARGET_SECONDS,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
