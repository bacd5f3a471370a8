"""Command line of the dossier engine: `dvc-analysis dossiers compute|synth` (parsing and running)."""

from __future__ import annotations

import argparse
import sys
import time


def _progress(args):
    if getattr(args, "quiet", False):
        return None
    start = time.perf_counter()
    return lambda msg: print(f"[{time.perf_counter() - start:6.1f} s] {msg}", file=sys.stderr, flush=True)


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``dossiers`` with its ``compute`` and ``synth`` commands to the main parser."""
    p = subparsers.add_parser(
        "dossiers",
        help="chỉ số từ danh sách hồ sơ một cửa (766, Biểu II.06a) / indicators from dossier exports",
        description="Tính chỉ số theo đơn vị và kỳ từ tệp xuất của hệ thống một cửa hoặc Cổng DVC quốc gia. "
        "/ Compute indicators by unit and period from one-stop-system or national-portal exports.",
    )
    sub = p.add_subparsers(dest="dossiers_command", metavar="LỆNH/COMMAND", parser_class=type(p))
    c = sub.add_parser(
        "compute",
        help="tính chỉ số / compute indicators",
        description="Ghi THƯ_MỤC/chi_so.csv, rejected.csv, bieu_06a.xlsx. "
        "/ Write DIR/chi_so.csv, rejected.csv, bieu_06a.xlsx.",
    )
    c.add_argument("files", nargs="+", metavar="TỆP/FILE", help=".csv, .xlsx, .parquet")
    c.add_argument("--by", choices=["donvi", "xa", "linhvuc", "thutuc", "tinh"], default="donvi",
                   help="đơn vị tính / unit (mặc định / default donvi)")
    c.add_argument("--period", choices=["month", "quarter", "year"], default="month",
                   help="kỳ / period (mặc định / default month)")
    c.add_argument("--rules", default="766", metavar="766|bieu-06a", help="bộ quy tắc đếm / rule profile")
    c.add_argument("--out", required=True, metavar="THƯ_MỤC/DIR", help="thư mục kết quả / output folder")
    c.add_argument("--columns", default=None, metavar="mapping.csv",
                   help="ánh xạ tên cột khác / extra column names (header,field)")
    c.add_argument("--tinh", default=None, metavar="MÃ/CODE",
                   help="mã tỉnh khi tệp không có cột tỉnh / province code when the file has none")
    c.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb",
                   help="bộ máy SQL / SQL engine (mặc định / default duckdb)")
    c.add_argument("--figures", action="store_true", help="vẽ thêm hình / also draw the figures")
    s = sub.add_parser(
        "synth",
        help="tạo tệp hồ sơ giả lập / write a synthetic export",
        description="Dữ liệu GIẢ LẬP để thử và đo tốc độ. / SYNTHETIC data for tests and benchmarks.",
    )
    s.add_argument("--rows", type=int, required=True, metavar="N")
    s.add_argument("--seed", type=int, default=0, metavar="S")
    s.add_argument("--out", required=True, metavar="TỆP/FILE", help=".parquet, .csv, .xlsx")
    s.add_argument("--start", default="2025-07-01", metavar="YYYY-MM-DD")
    s.add_argument("--months", type=int, default=12)
    for q in (c, s):
        q.add_argument("--debug", action="store_true", help="hiện traceback / show tracebacks")
        q.add_argument("--quiet", "-q", action="store_true", help="không in tiến trình / no progress")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``dossiers compute`` or ``dossiers synth``; return the exit code."""
    from ..errors import UsageError, UserDataError

    say = _progress(args)
    if args.dossiers_command == "synth":
        from .synth import synth

        path = synth(args.rows, args.seed, args.out, start=args.start, months=args.months)
        if say:
            say(f"đã ghi / wrote {path} ({args.rows} hồ sơ giả lập / synthetic dossiers)")
        return 0
    if args.dossiers_command != "compute":
        raise UsageError("Cần lệnh con: compute hoặc synth.", "A subcommand is needed: compute or synth.")
    from .compute import run as run_compute
    from .output import write_outputs

    result = run_compute(args.files, by=args.by, period=args.period, rules=args.rules,
                         columns=args.columns, engine=args.engine, province=args.tinh, progress=say)
    paths = write_outputs(result, args.out)
    if args.figures:
        from .figures import draw_all

        paths.update(draw_all(result, args.out))
    if say:
        say(f"{result.input_rows} dòng / rows = {result.accepted_rows} dùng được / accepted + "
            f"{len(result.rejected)} bị loại / rejected ({paths['rejected']})")
        say(f"đã ghi / wrote {paths['chi_so']}, {paths['bieu_06a']}")
    message = result.missing_message
    if message:
        raise UserDataError(*message)
    return 0
