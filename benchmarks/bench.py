"""Wall time and peak memory of `import dvc_analysis` and of a full `dvc-analysis report`.

Each measurement runs in a fresh Python process so that caches and already imported modules
do not flatter the numbers. Targets: import <= 0.5 s, report <= 15 s on 2 cores.

    python benchmarks/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile

IMPORT_SNIPPET = """
import json, resource, time
t = time.perf_counter()
import dvc_analysis
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

REPORT_SNIPPET = """
import json, resource, sys, time
t = time.perf_counter()
from dvc_analysis.cli import main
code = main(["report", "--quiet", "--out", sys.argv[1]])
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "exit": code}))
"""


def run(snippet: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", snippet, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows = []
    imports = [run(IMPORT_SNIPPET) for _ in range(args.repeat)]
    rows.append(("import dvc_analysis", imports, 0.5))
    reports = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            reports.append(run(REPORT_SNIPPET, out))
    rows.append(("dvc-analysis report", reports, 15.0))

    print(f"{'what':<22} {'median s':>9} {'max s':>7} {'peak MiB':>9} {'target s':>9}  ok")
    for name, runs, target in rows:
        secs = [r["seconds"] for r in runs]
        peak = max(r["peak_mib"] for r in runs)
        med = statistics.median(secs)
        print(f"{name:<22} {med:>9.3f} {max(secs):>7.3f} {peak:>9.0f} {target:>9.1f}  {'yes' if med <= target else 'NO'}")


if __name__ == "__main__":
    main()
