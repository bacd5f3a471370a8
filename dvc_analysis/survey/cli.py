"""Command line `dvc-analysis survey …`: template, analyse, sample-size (parsing only; work is elsewhere)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``survey`` command and its sub-commands to the main parser's subparsers."""
    parser = subparsers.add_parser(
        "survey",
        help="khảo sát người dân: bộ mẫu, phân tích / citizen surveys: kit and analysis",
        description="Bảng hỏi, sổ mã, dữ liệu ví dụ; phân tích như các tạp chí in (Cronbach's Alpha, "
        "KMO, EFA, hồi quy, rào cản). / Questionnaire, codebook, example data; the analyses "
        "journals print (Cronbach's alpha, KMO, EFA, regression, barriers).",
    )
    parser.set_defaults(debug=False, quiet=False)
    sub = parser.add_subparsers(dest="survey_command", metavar="LỆNH/COMMAND",
                                parser_class=type(parser))
    p = sub.add_parser(
        "template",
        help="ghi bảng hỏi, XLSForm, sổ mã và dữ liệu mô phỏng / write the survey kit",
        description="Ghi bang_hoi.xlsx, bang_hoi_xlsform.xlsx (KoboToolbox/ODK), codebook.xlsx và "
        "du_lieu_vi_du.csv (dữ liệu mô phỏng). / Write the questionnaire, XLSForm, codebook and "
        "a synthetic example.")
    p.add_argument("dir", metavar="THƯ_MỤC/DIR")
    p.add_argument("--n", type=int, default=400, help="số người mô phỏng / simulated respondents")
    p.add_argument("--seed", type=int, default=2025, help="hạt ngẫu nhiên / random seed")
    _common(p)
    p = sub.add_parser(
        "analyse",
        help="phân tích dữ liệu khảo sát ra Word, Excel và hình / analyse survey data",
        description="Đọc CSV/XLSX (Google Forms, KoboToolbox), .sav, .dta; kiểm tra với sổ mã; ghi "
        "khao_sat.docx, khao_sat.xlsx, hình PNG/SVG/PDF. / Read, check against the codebook, write "
        "the Word report, the workbook and figures.")
    p.add_argument("data", metavar="DỮ_LIỆU/DATA")
    p.add_argument("--codebook", default=None, metavar="XLSX",
                   help="sổ mã (mặc định: bảng hỏi kèm theo) / codebook (default: bundled)")
    p.add_argument("--out", default="reports/khao_sat", metavar="THƯ_MỤC/DIR")
    p.add_argument("--sheet", default=None, help="sheet của tệp xlsx / sheet of the xlsx file")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--no-weights", action="store_true",
                   help="bỏ qua cột trọng số / ignore the weight column")
    p.add_argument("--factors", type=int, default=None,
                   help="số nhân tố EFA (mặc định: trị riêng > 1) / EFA factors")
    p.add_argument("--rotation", choices=["varimax", "promax"], default="varimax")
    p.add_argument("--method", choices=["minres", "principal", "pca"], default="minres")
    _common(p)
    p = sub.add_parser(
        "sample-size",
        help="cỡ mẫu cần thiết / required sample size",
        description="n = N/(1+N·e²) (Yamane) và cỡ mẫu ước lượng tỷ lệ (Cochran). / Yamane's "
        "formula and the size for estimating a proportion.")
    p.add_argument("--population", "-N", type=int, default=None, help="quy mô tổng thể / N")
    p.add_argument("--margin", "-e", type=float, default=0.05, help="sai số / margin (0.05)")
    p.add_argument("--p", type=float, default=0.5, help="tỷ lệ dự kiến / expected proportion")
    p.add_argument("--level", type=float, default=0.95, help="độ tin cậy / confidence level")
    p.add_argument("--deff", type=float, default=1.0, help="hiệu ứng thiết kế / design effect")
    _common(p)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="hiện traceback / show tracebacks")
    p.add_argument("--quiet", "-q", action="store_true", help="không in tiến trình / no progress")


def _say(args, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, flush=True)


def run(args: argparse.Namespace) -> int:
    """Run a parsed ``survey`` command; returns the exit code."""
    from ..errors import UsageError

    command = getattr(args, "survey_command", None)
    if command == "template":
        from .template import write_template

        paths = write_template(args.dir, n=args.n, seed=args.seed)
        for path in paths.values():
            _say(args, f"Đã ghi / wrote {path}")
        return 0
    if command == "analyse":
        return _analyse(args)
    if command == "sample-size":
        from .sample import sample_size, sample_size_proportion

        n_p = sample_size_proportion(args.p, args.margin, level=args.level,
                                     population=args.population, deff=args.deff)
        if args.population:
            print(f"Yamane: n = N/(1+N·e²) = {sample_size(args.population, args.margin)}")
        print(f"Cochran (p = {args.p}, e = {args.margin}, {args.level:.0%}, deff = {args.deff}"
              f"{', N = ' + str(args.population) if args.population else ''}): n = {n_p}")
        return 0
    raise UsageError("Thiếu lệnh con: template, analyse hoặc sample-size.",
                     "Missing sub-command: template, analyse or sample-size.")


def _analyse(args) -> int:
    import time

    from .codebook import default_codebook, read_codebook
    from .pipeline import analyse
    from .read import read_responses
    from .report import build_survey_report
    from .validate import validate

    start = time.perf_counter()
    book = read_codebook(args.codebook) if args.codebook else default_codebook()
    coded = validate(read_responses(args.data, sheet=args.sheet), book)
    for r in coded.rejected.head(50).itertuples(index=False):
        print(f"{coded.source}: dòng/row {r.row}, câu/question {r.question}, cột/column "
              f"'{r.column}', giá trị/value {r.value!r}: {r.reason_vi} / {r.reason_en}")
    if len(coded.rejected) > 50:
        print(f"… {len(coded.rejected) - 50} lỗi khác / more problems (khao_sat.rejected.csv)")
    _say(args, f"{coded.n_input} dòng / rows: {coded.n_accepted} dùng được / accepted + "
               f"{coded.n_rejected} bị loại / rejected.")
    res = analyse(coded, weights=not args.no_weights, n_factors=args.factors,
                  rotation=args.rotation, method=args.method)
    paths = build_survey_report(res, Path(args.out), lang=args.lang)
    _say(args, f"Xong / done: {paths['docx']}, {paths['xlsx']} "
               f"({time.perf_counter() - start:.1f} s)")
    return 0
