"""Benchmark: extraction time grows linearly with the input (CPU seconds per MB stay flat).

Generates report-like text of 1, 2 and 4 MB (UTF-8) with `bench_extract.make_text` and times
`extract_text` in CPU seconds (steadier than wall time on a shared machine).
Run: `python benchmarks/bench_extract_scaling.py [--mb 1 2 4]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import make_text  # noqa: E402


def main() -> None:
    from dvc_analysis.extract import extract_text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    rates = []
    for mb in args.mb:
        text = make_text(int(mb * 1_000_000 / 1.3))  # Vietnamese text: about 1.3 bytes a character
        size = len(text.encode("utf-8")) / 1e6
        start = time.process_time()
        figures = extract_text(text)
        seconds = time.process_time() - start
        rates.append(seconds / size)
        print(f"{size:5.1f} MB: {seconds:6.2f} s CPU, {seconds / size:5.2f} s/MB, {len(figures)} figures")
    print(f"largest/smallest s/MB: {max(rates) / min(rates):.2f} (linear: about 1)")


if __name__ == "__main__":
    main()
