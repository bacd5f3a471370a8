"""Benchmark: dossier indicators by agency × month from synthetic exports, DuckDB engine vs pandas.

Targets (wall clock on 2 cores): 10 M dossiers from Parquet ≤ 10 s with peak memory ≤ 2 GB;
1 M rows from XLSX ≤ 20 s; cost growing linearly (1 M, 10 M, 50 M). Each measurement runs in a
fresh Python process so that its peak resident memory (ru_maxrss) is its own; the time reported
is `run()` (read, check every row, rules 766 and bieu-06a, long table) without the interpreter
start, plus writing chi_so.csv / rejected.csv / bieu_06a.xlsx. The pandas baseline computes the
received / online / payment / on-time / digitisation figures of the 766 profile by agency × month
from the same Parquet file (a subset of the engine's work) and its counts are checked against
the engine's.

    python benchmarks/bench_dossiers.py [--quick | --full] [--dir DIR]

Data files are generated once into DIR (default: a folder in the temp directory) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"parquet_10m_s": 10.0, "parquet_10m_gb": 2.0, "xlsx_1m_s": 20.0}

# the target: indicators by unit x month (`compute`, one profile); FULL adds the bieu-06a counts
# and writes the three output files, as `dvc-analysis dossiers compute` does
ENGINE = r"""
import json, resource, sys, time, tempfile
t0 = time.perf_counter()
from dvc_analysis.dossiers.compute import compute, run
from dvc_analysis.dossiers.output import write_outputs
import pandas, scipy.stats, dvc_analysis.analysis.rates  # imports are not the engine's work
t1 = time.perf_counter()
if sys.argv[2] == "full":
    result = run([sys.argv[1]], by="donvi", period="month", rules="766")
    rows, out = result.input_rows, len(result.indicators)
else:
    table = compute([sys.argv[1]], by="donvi", period="month", rules="766")
    rows, out = table.attrs["input_rows"], len(table)
t2 = time.perf_counter()
if sys.argv[2] == "full":
    write_outputs(result, tempfile.mkdtemp())
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "run_s": t2 - t1, "write_s": t3 - t2,
                  "rows": rows, "indicator_rows": out,
                  "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2,
                  "cpu_s": time.process_time()}))
"""

PANDAS = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
t0 = time.perf_counter()
cols = ["donViXuLy", "kenhThucHien", "ngayTiepNhan", "ngayHenTra", "ngayKetThucXuLy", "trangThai",
        "duocThanhToanTrucTuyen", "phiLePhi", "hoSoCoThanhPhanSoHoa", "soLanBoSung", "soNgayChoBoSung"]
d = pd.read_parquet(sys.argv[1], columns=cols)
ok = d["ngayTiepNhan"].notna() & d["kenhThucHien"].isin([1, 2, 3])
ok &= ~(d["ngayHenTra"].dt.normalize() < d["ngayTiepNhan"].dt.normalize())
ok &= ~(d["ngayKetThucXuLy"].dt.normalize() < d["ngayTiepNhan"].dt.normalize())
d = d[ok]
withdrawn = d["trangThai"].str.contains("rút", regex=False)
d = d.assign(m=d["ngayTiepNhan"].dt.to_period("M"), online=d["kenhThucHien"] == 2,
             fee=(d["phiLePhi"] > 0) & ~withdrawn,
             paid=(d["phiLePhi"] > 0) & ~withdrawn & (d["duocThanhToanTrucTuyen"] > 0))
received = d.groupby(["donViXuLy", "m"]).agg(received=("online", "size"), online=("online", "sum"),
                                            fee_due=("fee", "sum"), paid_online=("paid", "sum"),
                                            digitised_in=("hoSoCoThanhPhanSoHoa", "sum"))
due = d["ngayHenTra"]
due = due + pd.to_timedelta(np.where(due == due.dt.normalize(), 86399, 0), unit="s")
fin = d["ngayKetThucXuLy"] - pd.to_timedelta(d["soNgayChoBoSung"], unit="D")
judged = d["ngayKetThucXuLy"].notna() & ~withdrawn & due.notna()
ok_time = judged & (fin <= due) & (d["soLanBoSung"] <= 1)
r = pd.DataFrame({"unit": d["donViXuLy"], "m": d["ngayKetThucXuLy"].dt.to_period("M"),
                  "judged": judged, "on_time": ok_time})[judged]
resolved = r.groupby(["unit", "m"]).agg(judged=("judged", "sum"), on_time=("on_time", "sum"))
t1 = time.perf_counter()
checks = {"received": int(received["received"].sum()), "online": int(received["online"].sum()),
          "paid_online": int(received["paid_online"].sum()), "judged": int(resolved["judged"].sum()),
          "on_time": int(resolved["on_time"].sum())}
print(json.dumps({"run_s": t1 - t0, "checks": checks, "cpu_s": time.process_time(),
                  "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2}))
"""

CHECK = r"""
import json, sys
from dvc_analysis.dossiers.compute import run
w = run([sys.argv[1]], by="donvi", period="month", rules="766").wide
print(json.dumps({k: int(w[k].sum()) for k in ("received", "online", "paid_online", "judged", "on_time")}))
"""


def _python(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _data(folder: Path, rows: int, suffix: str) -> Path:
    from dvc_analysis.dossiers.synth import synth

    path = folder / f"dossiers_{rows}.{suffix}"
    if not path.exists():
        start = time.perf_counter()
        synth(rows, seed=rows % 9973, out=path)
        print(f"  generated {path.name} in {time.perf_counter() - start:.0f} s", flush=True)
    return path


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 k rows only (part of make bench)")
    parser.add_argument("--full", action="store_true", help="also 50 M rows (about 3 GB of disk)")
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "dvc-bench-dossiers"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (best is kept)")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [200_000] if args.quick else [1_000_000, 10_000_000] + ([50_000_000] if args.full else [])
    print(f"cores: {os.cpu_count()}; load average before: {_load()}", flush=True)
    results = {}
    for rows in sizes:
        path = _data(folder, rows, "parquet")
        best = min((_python(ENGINE, str(path), "compute") for _ in range(args.repeat)),
                   key=lambda r: r["run_s"])
        base = _python(PANDAS, str(path))
        results[rows] = (best, base)
        print(f"parquet {rows:>11,} rows: compute {best['run_s']:6.1f} s (process CPU {best['cpu_s']:.1f} s), "
              f"peak {best['peak_gb']:.2f} GB, "
              f"{best['run_s'] / rows * 1e6:.2f} s per million | pandas baseline {base['run_s']:6.1f} s, "
              f"CPU {base['cpu_s']:.1f} s, peak {base['peak_gb']:.2f} GB | load {_load()}", flush=True)
    small = sizes[0]
    full = _python(ENGINE, str(_data(folder, small, "parquet")), "full")
    print(f"parquet {small:>11,} rows, as the command does (+ bieu-06a counts): {full['run_s']:.1f} s "
          f"+ writing the files {full['write_s']:.1f} s (process CPU {full['cpu_s']:.1f} s)", flush=True)
    engine_counts = _python(CHECK, str(_data(folder, small, "parquet")))
    assert engine_counts == results[small][1]["checks"], (engine_counts, results[small][1]["checks"])
    print(f"pandas baseline and engine agree on {small:,} rows: {engine_counts}")
    if not args.quick:
        xlsx = _data(folder, 1_000_000, "xlsx")
        best = _python(ENGINE, str(xlsx), "compute")
        print(f"xlsx    {1_000_000:>11,} rows: engine {best['run_s']:6.1f} s, peak {best['peak_gb']:.2f} GB "
              f"(target ≤ {TARGETS['xlsx_1m_s']:.0f} s) | load {_load()}", flush=True)
        ten = results[10_000_000][0]
        print(f"10 M Parquet target: ≤ {TARGETS['parquet_10m_s']:.0f} s and ≤ "
              f"{TARGETS['parquet_10m_gb']:.0f} GB → {ten['run_s']:.1f} s, {ten['peak_gb']:.2f} GB")
        per_m = {r: v[0]["run_s"] / r * 1e6 for r, v in results.items()}
        print("seconds per million rows: " + ", ".join(f"{r // 1_000_000} M: {s:.2f}" for r, s in per_m.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
