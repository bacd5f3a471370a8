"""Wall time of the whole report (`build_report`): bundled data, and a synthetic large dataset.

1. bundled evidence base only                                      target <= 20 s
2. bundled + synthetic 63 provinces x 24 months x 10 indicators    target <= 60 s
   (15.120 rows, generated here with a fixed seed and written as a long-format CSV that goes
   through the normal import path: `--data FILE`)

Each build runs in a fresh Python process, so imports and caches count as they do for a user.

    python benchmarks/bench_report.py [--repeat N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

INDICATORS = [
    # (indicator id, typical denominator, typical rate in percent)
    ("dossier_online_share", 20000, 45.0),
    ("dvctt_with_dossiers", 1500, 40.0),
    ("tthc_online_share", 1800, 80.0),
    ("dvctt_portal_integrated", 1500, 85.0),
    ("payment_dossier_share", 8000, 50.0),
    ("on_time_rate", 20000, 97.0),
    ("digitisation_input", 15000, 60.0),
    ("digitisation_output", 15000, 75.0),
    ("data_reuse_share", 15000, 30.0),
    ("population_db_share", 15000, 40.0),
]
MONTHS = 24
FIRST_YEAR = 2023

SNIPPET = """
import json, resource, sys, time
t = time.perf_counter()
from dvc_analysis.report import build_report
summary = build_report(sys.argv[1], data_files=sys.argv[2:])
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "figures": summary["figures"],
                  "observations": summary["observations"], "outputs": len(summary["outputs"]),
                  "timings": summary["timings"],
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def synthetic_csv(path: Path, *, seed: int = 2024) -> int:
    """Write 63 provinces x 24 months x 10 indicators in the long import format; return rows."""
    import calendar

    import numpy as np
    import pandas as pd

    from dvc_analysis.provinces import load_provinces

    rng = np.random.default_rng(seed)
    provinces = load_provinces("63")
    rows = []
    for name in provinces["name"]:
        size = rng.uniform(0.3, 3.0)  # provinces differ in size ...
        for ind, den0, rate0 in INDICATORS:
            level = np.clip(rate0 + rng.normal(0, 12), 2, 99)  # ... and in level
            trend = rng.normal(0.6, 0.4)  # percentage points per month
            for m in range(MONTHS):
                year, month = FIRST_YEAR + m // 12, m % 12 + 1
                last = calendar.monthrange(year, month)[1]
                den = max(30, int(den0 * size / 12 * rng.uniform(0.8, 1.2)))
                p = float(np.clip(level + trend * m + rng.normal(0, 2), 0.5, 99.9)) / 100
                rows.append(
                    {
                        "province": name,
                        "indicator": ind,
                        "period_start": f"{year}-{month:02d}-01",
                        "period_end": f"{year}-{month:02d}-{last:02d}",
                        "numerator": int(rng.binomial(den, p)),
                        "denominator": den,
                        "source": "Số liệu mô phỏng để đo hiệu năng",
                    }
                )
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8")
    return len(rows)


def run(out: str, *data: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SNIPPET, out, *data], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"build failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", default=None, help="write the reports under this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        csv = base / "synthetic_63x24x10.csv"
        n = synthetic_csv(csv)
        cases = [("bundled", [], 20.0), (f"bundled + synthetic ({n} rows)", [str(csv)], 60.0)]
        ok = True
        print(f"{'case':<36} {'median s':>9} {'max s':>7} {'obs':>7} {'figures':>8} {'peak MiB':>9} {'target s':>9}  ok")
        for i, (name, data, target) in enumerate(cases):
            runs = [run(str(base / f"report_{i}_{r}"), *data) for r in range(args.repeat)]
            secs = [r["seconds"] for r in runs]
            good = max(secs) <= target
            ok &= good
            print(
                f"{name:<36} {statistics.median(secs):>9.1f} {max(secs):>7.1f} "
                f"{runs[0]['observations']:>7} {runs[0]['figures']:>8} "
                f"{max(r['peak_mib'] for r in runs):>9.0f} {target:>9.0f}  {'yes' if good else 'NO'}"
            )
            print("    stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in runs[0]["timings"].items()))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
