"""Wall time of `recommend` and `sensitivity` on the bundled evidence (results prepared once).

Target: recommend <= 1 s and sensitivity <= 1 s on 2 cores; both are part of every report.

    python benchmarks/bench_recommend.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import types


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from dvc_analysis.analysis.recommend import recommend, sensitivity
    from dvc_analysis.analysis.results import prepare

    results = types.SimpleNamespace(**prepare())
    print(f"{'what':<12} {'median s':>9} {'max s':>7} {'target s':>9}  ok")
    for name, fn in (("recommend", recommend), ("sensitivity", sensitivity)):
        secs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn(results)
            secs.append(time.perf_counter() - t)
        med = statistics.median(secs)
        print(f"{name:<12} {med:>9.3f} {max(secs):>7.3f} {1.0:>9.1f}  {'yes' if med <= 1.0 else 'NO'}")


if __name__ == "__main__":
    main()
