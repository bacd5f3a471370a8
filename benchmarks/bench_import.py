"""Benchmark: validate a 50.000-row user workbook (target ≤ 10 s).

Builds a long-format .xlsx with Vietnamese headers, province names written in many ways,
Vietnamese numbers, percentages and a few bad rows, then times `validate_file` on it.

    python benchmarks/bench_import.py [ROWS]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0


def build(path: Path, rows: int, seed: int = 766) -> int:
    """Write the workbook; return how many rows are deliberately bad."""
    import openpyxl

    from dvc_analysis.provinces import load_aliases, load_provinces

    rng = random.Random(seed)
    p63 = load_provinces("63")
    names = list(p63["name"]) + list(p63["name_en"]) + [
        a for a, m in zip(load_aliases()["alias"], load_aliases()["map"], strict=True) if m == "63"]
    indicators = [("on_time_rate", "pct"), ("dossier_online_share", "pct"),
                  ("dossier_received_count", "count"), ("tthc_online_share", "frac")]
    periods = ["2022", "2023", "Q1/2024", "Q2/2024", "6 tháng đầu năm 2024", "9 tháng 2023"]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Dữ liệu")
    ws.append(["tỉnh", "đơn vị", "chỉ tiêu", "kỳ", "tử số", "mẫu số", "giá trị", "nguồn", "ghi chú"])
    bad = 0
    for i in range(rows):
        ind, kind = rng.choice(indicators)
        name = rng.choice(names)
        num = den = val = None
        if kind == "pct":
            val = f"{rng.uniform(10, 100):.2f}".replace(".", ",") + "%"
        elif kind == "count":
            val = f"{rng.randint(1000, 999999):,}".replace(",", ".")
        else:
            d = rng.randint(500, 2000)
            num, den = str(rng.randint(1, d)), str(d)
        if i % 500 == 0:  # a bad row now and then
            name, bad = "Atlantis", bad + 1
        ws.append([name, "", ind, rng.choice(periods), num, den, val, "bench", ""])
    wb.save(path)
    return bad


def main(argv: list[str]) -> int:
    rows = int(argv[1]) if len(argv) > 1 else 50_000
    from dvc_analysis.importer import validate_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        t0 = time.perf_counter()
        bad = build(path, rows)
        t1, c1 = time.perf_counter(), time.process_time()
        accepted, rejected, problems = validate_file(path, out_dir=tmp)
        t2, c2 = time.perf_counter(), time.process_time()
    assert len(accepted) + len(rejected) == rows, "rows lost"
    assert len(rejected) == bad, (len(rejected), bad)
    seconds = t2 - t1
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    print(f"build workbook: {t1 - t0:.1f} s; validate {rows} rows: {seconds:.2f} s wall, "
          f"{c2 - c1:.2f} s CPU ({len(accepted)} accepted, {len(rejected)} rejected){load}; "
          f"target ≤ {TARGET_SECONDS:.0f} s: {'OK' if seconds <= TARGET_SECONDS else 'SLOW'}")
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
