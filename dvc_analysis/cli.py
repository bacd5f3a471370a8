"""Command line `dvc-analysis`: a thin layer that parses arguments and calls the package.

Exit codes: 0 ok, 1 problems found in the user's data, 2 usage error. Errors are printed as
one bilingual sentence; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from ._procs import install_stop_signals, restore_signals, stop_children
from ._safeio import csv_header, guard_output, output_lock, staged_folder, write_csv
from .errors import DvcError, UsageError, UserDataError

DESCRIPTION = (
    "Phân tích dịch vụ công trực tuyến (DVCTT) của các tỉnh Việt Nam: dữ liệu có trích dẫn, "
    "chỉ số so sánh được, hình và báo cáo.\n"
    "Analysis of Vietnamese provinces' online public services (DVCTT): cited data, comparable "
    "indicators, figures and reports."
)

EPILOG = (
    "Mã thoát / exit codes: 0 = xong / ok; 1 = dữ liệu có vấn đề / problems in the data; "
    "2 = sai cách gọi lệnh / usage error.\n"
    "Xem thêm / more: dvc-analysis LỆNH --help"
)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors print usage plus a bilingual hint and exit 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}: lỗi cách gọi / usage error: {message}\n"
            f"Gõ / type '{self.prog} --help' để xem hướng dẫn / for help.\n",
        )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--debug", action="store_true", help="hiện chi tiết lỗi (traceback) / show tracebacks"
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="không in tiến trình / print no progress"
    )


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="ghi đè tệp đã có / overwrite an existing file")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dvc-analysis",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dvc-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH/COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "report",
        help="dựng báo cáo đầy đủ (hình, bảng, HTML, Word, Excel) / build the full report",
        description="Dựng hình, bảng, report.html, report.docx từ dữ liệu kèm theo (và dữ liệu của bạn). "
        "/ Build figures, tables, report.html and report.docx from the bundled data (and yours).",
    )
    p.add_argument("--data", nargs="+", default=[], metavar="TỆP/FILE",
                   help="tệp dữ liệu của bạn (.xlsx, .csv) / your data files")
    p.add_argument("--only", action="store_true",
                   help="chỉ dùng dữ liệu của bạn / use only your data, not the bundled evidence")
    p.add_argument("--out", default="reports", metavar="THƯ_MỤC/DIR",
                   help="thư mục kết quả (mặc định reports/) / output folder (default reports/)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi",
                   help="ngôn ngữ / language (vi mặc định / default)")
    p.add_argument("--barriers", nargs="+", default=[], metavar="XLSX",
                   help="mã rào cản/giải pháp đã duyệt (tệp của barriers --review) / reviewed barrier codes "
                        "(workbooks written by barriers --review)")
    p.add_argument("--provinces", nargs="+", default=None, metavar="MÃ/CODE",
                   help="chỉ các tỉnh này (mã 2 chữ số) / only these provinces (2-digit codes)")
    p.add_argument("--survey", default=None, metavar="TỆP/FILE",
                   help="khảo sát người dân (CSV/XLSX/SAV/DTA) đặt cạnh rào cản trong văn bản / a citizens' "
                        "survey set beside the barriers the documents name")
    p.add_argument("--codebook", default=None, metavar="XLSX",
                   help="sổ mã của khảo sát (mặc định: bảng hỏi kèm theo) / the survey's codebook "
                        "(default: the bundled questionnaire)")
    p.add_argument("--strict", action="store_true",
                   help="dừng nếu có dòng bị loại (mã thoát 1, không ghi gì) / stop if any row is rejected "
                        "(exit 1, nothing written)")
    g = p.add_argument_group("trang bìa và nội dung / title page and content")
    g.add_argument("--config", default=None, metavar="TỆP.toml/FILE.toml",
                   help="tệp cấu hình báo cáo (TOML) / report settings file (TOML)")
    g.add_argument("--init-config", nargs="?", const="bao_cao.toml", default=None,
                   metavar="TỆP.toml/FILE.toml",
                   help="ghi tệp cấu hình mẫu có chú thích (mặc định bao_cao.toml) rồi dừng / "
                   "write a commented example settings file (default bao_cao.toml) and stop")
    g.add_argument("--title", default=None, help="tiêu đề báo cáo / report title")
    g.add_argument("--author", default=None, help="người soạn / author")
    g.add_argument("--organisation", "--co-quan", default=None,
                   help="cơ quan, in ở đầu trang bìa / organisation, top of the title page")
    g.add_argument("--place", "--dia-danh", default=None,
                   help="địa danh trên dòng ngày tháng / place on the date line")
    g.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="ngày báo cáo (mặc định hôm nay) / report date (default today)")
    g.add_argument("--sections", nargs="+", default=None, metavar="PHẦN/SECTION",
                   help="các phần và thứ tự / sections and their order")
    g.add_argument("--figures", nargs="+", default=None, metavar="HÌNH/FIGURE",
                   help="các hình cần vẽ / figures to draw")
    _common(p)

    p = sub.add_parser(
        "audit",
        help="kiểm tra tính nhất quán của số liệu / consistency audit of the figures",
        description="Tính lại tỷ lệ từ tử số/mẫu số, đối chiếu phần với tổng, thứ hạng với số tỉnh. "
        "/ Recompute rates, check parts against totals and ranks against their base.",
    )
    p.add_argument("--data", nargs="+", default=[], metavar="TỆP/FILE",
                   help="kiểm tra thêm tệp của bạn / also audit your files")
    p.add_argument("--only", action="store_true", help="chỉ dữ liệu của bạn / only your data")
    p.add_argument("--provinces", nargs="+", default=None, metavar="MÃ/CODE",
                   help="chỉ các tỉnh này (mã 2 chữ số) / only these provinces (2-digit codes)")
    p.add_argument("--out", default=None, metavar="CSV", help="ghi kết quả ra CSV / write findings to CSV")
    _common(p)
    _force(p)

    p = sub.add_parser(
        "validate",
        help="kiểm tra tệp dữ liệu của bạn / validate your data file",
        description="In mọi lỗi (trang tính, dòng, cột, giá trị, lý do) và ghi <tệp>.rejected.csv. "
        "/ Print every problem (sheet, row, column, value, reason) and write <file>.rejected.csv.",
    )
    p.add_argument("file", metavar="TỆP/FILE", help=".xlsx hoặc .csv / .xlsx or .csv")
    p.add_argument("--out", default=None, metavar="THƯ_MỤC/DIR",
                   help="nơi ghi tệp .rejected.csv (mặc định: cạnh tệp) / where to write .rejected.csv")
    _common(p)

    p = sub.add_parser(
        "extract",
        help="trích số liệu từ một văn bản / extract figures from a report text",
        description="Đề xuất các số liệu (kèm đoạn, kỳ, chỉ tiêu) từ .txt, .md, .docx, .pdf. "
        "/ Propose figures (with paragraph, period, indicator) from .txt, .md, .docx, .pdf.",
    )
    p.add_argument("file", metavar="TỆP/FILE")
    p.add_argument("--out", default=None, metavar="CSV",
                   help="tệp CSV kết quả (mặc định <tệp>.figures.csv) / output CSV")
    p.add_argument("--source-id", default=None, metavar="ID", help="mã nguồn / source id")
    _common(p)
    _force(p)

    p = sub.add_parser(
        "barriers",
        help="mã hóa rào cản và giải pháp trong văn bản / code barriers and levers in a text",
        description="Gợi ý mã rào cản (B01…) và giải pháp (L01…) cho từng câu, kèm từ khóa khớp. "
        "/ Suggest barrier (B01…) and lever (L01…) codes per sentence, with the matched terms.",
    )
    p.add_argument("file", metavar="TỆP/FILE", nargs="?", default=None)
    p.add_argument("--out", default=None, metavar="CSV",
                   help="tệp CSV kết quả (mặc định <tệp>.barriers.csv) / output CSV")
    p.add_argument("--review", default=None, metavar="XLSX",
                   help="ghi sổ duyệt mã, mỗi câu một dòng / write a review workbook, one row per sentence")
    p.add_argument("--agreement", default=None, metavar="XLSX",
                   help="hệ số kappa giữa mã gợi ý và mã đã duyệt / Cohen's kappa of suggested vs reviewed codes")
    # without either option the package default applies: the rules joined with the learnt model's surest codes
    p.add_argument("--learnt", action="store_const", const=True, default=None, dest="learnt",
                   help="thêm cả các mã rào cản mô hình học kém chắc chắn hơn (tìm được nhiều hơn, kém chính xác hơn; "
                        "nên duyệt lại) / also add the learnt model's less sure barrier codes (more found, less "
                        "precise; review them)")
    p.add_argument("--rules-only", action="store_const", const=False, dest="learnt",
                   help="chỉ dùng bộ quy tắc, không dùng mô hình học / the rules alone, without the learnt model")
    _common(p)
    _force(p)

    p = sub.add_parser(
        "template",
        help="tạo mẫu Excel để nhập dữ liệu / write the Excel data-entry template",
        description="Tạo tệp Excel có hướng dẫn, danh sách chọn tỉnh và chỉ tiêu. "
        "/ Write an Excel workbook with instructions and dropdowns for province and indicator.",
    )
    p.add_argument("file", metavar="TỆP.xlsx/FILE.xlsx")
    _common(p)
    _force(p)

    from .survey import cli as survey_cli

    survey_cli.add_parser(sub)
    from .dossiers.cli import add_parser as add_dossiers

    add_dossiers(sub)
    return parser


def _say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, flush=True)


def _writable_dir(path: str | Path) -> Path:
    """Create `path` if needed and prove we can write there; UsageError otherwise."""
    out = Path(path)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise UsageError(
            f"Không ghi được vào thư mục {out} ({exc.strerror or exc}); hãy chọn --out khác.",
            f"Cannot write to folder {out} ({exc.strerror or exc}); choose another --out.",
        ) from None
    return out


def _writable_file(path: str | Path) -> Path:
    target = Path(path)
    _writable_dir(target.parent if str(target.parent) else ".")
    if target.exists() and not os.access(target, os.W_OK):
        raise UsageError(f"Không ghi đè được tệp {target}.", f"Cannot overwrite file {target}.")
    return target


def _survey_input(args: argparse.Namespace) -> tuple[object, str]:
    """Barrier prevalence of ``--survey`` (rejected answers listed beside the report)."""
    if not getattr(args, "survey", None):
        if getattr(args, "codebook", None):
            raise UsageError("--codebook cần --survey.", "--codebook needs --survey.")
        return None, ""
    from .survey.pipeline import report_input
    from .survey.validate import write_rejected

    prevalence, note, coded = report_input(args.survey, args.codebook, lang=args.lang)
    if coded.n_rejected:  # printed even with --quiet: answers were left out
        target = Path(args.survey).with_name(f"{Path(args.survey).stem}.rejected.csv")  # as validate does
        write_rejected(coded, target)
        print(f"{Path(args.survey).name}: {coded.n_input} phiếu / responses, {coded.n_accepted} dùng / used, "
              f"{coded.n_rejected} bị loại / rejected → {target}")
    return prevalence, note


def _report_settings(args: argparse.Namespace):
    """Settings from --config, overridden by the title-page options given on the command line."""
    from .report import settings as st

    base = st.load_settings(args.config) if args.config else st.ReportSettings()
    return st.merge(base, {
        "title": args.title, "author": args.author, "organisation": args.organisation,
        "place": args.place, "date": args.date, "sections": args.sections,
        "figures": args.figures, "provinces": args.provinces,
    })


def cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    if args.init_config:
        from .report.settings import write_example

        path = write_example(args.init_config)
        _say(args, f"Đã ghi / wrote {path}: sửa rồi chạy / edit it, then run "
                   f"'dvc-analysis report --config {path}'")
        return 0
    settings = _report_settings(args)
    out = _writable_dir(args.out)
    start = time.perf_counter()
    survey_prevalence, survey_note = _survey_input(args)
    # built beside --out and swapped in at the end: an interrupted run leaves the previous set
    real = out.resolve()  # a symlinked --out: the folder it points to is the one replaced
    with output_lock(real), staged_folder(real) as stage:
        progress = None if args.quiet else (
            lambda msg: print(f"· {msg}".replace(str(stage), str(out)), file=sys.stderr, flush=True))
        summary = build_report(
            stage,
            data_files=tuple(args.data),
            only=args.only,
            lang=args.lang,
            provinces=list(settings.provinces) or None,
            progress=progress,
            barrier_files=tuple(args.barriers),
            strict=args.strict,
            survey_prevalence=survey_prevalence,
            survey_note=survey_note,
            settings=settings,
            toc_pages=True,  # page numbers in the contents when LibreOffice is installed
        )
    seconds = time.perf_counter() - start
    for f in summary.get("user_files", []):  # printed even with --quiet: rows were left out
        name = Path(f["file"]).name
        if f["rejected"]:
            print(f"{name}: {f['records']} dòng / rows, {f['accepted']} dùng / used, {f['rejected']} bị loại / "
                  f"rejected → {out / Path(f['rejected_csv']).name}")
        else:
            _say(args, f"{name}: {f['records']} dòng / rows, không dòng nào bị loại / none rejected")
    outputs = summary.get("outputs", []) if isinstance(summary, dict) else []
    _say(args, f"Xong / done: {len(outputs)} tệp / files ({summary.get('figures', 0)} hình / "
               f"figures, {summary.get('tables', 0)} bảng / tables) trong / in {out.resolve()} "
               f"({seconds:.1f} s)")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    if args.out:  # a usage error is found before the work, not after it
        target = _writable_file(guard_output(args.out, inputs=args.data, force=args.force,
                                             ours=_csv_with("check", "severity")))
    results = _selected(args)
    obs, findings = results.obs, results.audit
    if args.out:
        write_csv(findings, target)
        _say(args, f"Đã ghi / wrote {target}")
    if not args.quiet:
        if findings.empty:
            print("Không có phát hiện nào / no findings.")
        for row in findings.itertuples(index=False):
            print(f"[{row.severity}] {_finding_place(row, obs)}: {row.message_vi} / {row.message_en}")
        print(f"{len(findings)} phát hiện / findings.")
    errors = int((findings["severity"] == "error").sum()) if "severity" in findings else 0
    return 1 if errors else 0


def _selected(args: argparse.Namespace):
    """``analyse`` of the evidence ``--data``, ``--only`` and ``--provinces`` select, as the report does."""
    from .analysis.results import analyse

    results = analyse(tuple(args.data), only=args.only, provinces=args.provinces)
    for f in results.user_files:
        if len(f.rejected):
            _say(args, f"{f.path}: bỏ qua {len(f.rejected)} dòng lỗi / {len(f.rejected)} rows rejected "
                       f"(xem / see: dvc-analysis validate {f.path})")
    return results


def _finding_place(row, obs) -> str:
    """Where a finding is: the source and paragraph, or the user's file, sheet and rows."""
    source = str(getattr(row, "source_id", "") or "")
    paragraph = getattr(row, "paragraph", None)
    if not source.startswith("user:") or "obs_id" not in obs or "row" not in obs:
        return f"{source} ¶{paragraph}" if source else ""
    ids = set(str(getattr(row, "obs_ids", "") or "").split(";"))
    hits = obs[obs["obs_id"].astype(str).isin(ids)]
    places = []
    for (file, sheet), group in hits.groupby([hits["file"].astype(str), hits["sheet"].astype(str)], sort=False):
        rows = ", ".join(str(r) for r in sorted({int(x) for x in group["row"].dropna()}))
        sheet_part = f", {sheet}" if sheet else ""
        places.append(f"{file}{sheet_part}, dòng/row {rows}")
    return "; ".join(places) or source


def _csv_with(*columns: str):
    """`ours` test for `guard_output`: an earlier CSV of a command has these columns."""
    return lambda path: set(columns) <= set(csv_header(path))


def cmd_validate(args: argparse.Namespace) -> int:
    from ._inputguard import check_regular_file
    from .intake.levers import has_lever_sheets

    out_dir = _writable_dir(args.out) if args.out else None
    check_regular_file(args.file)  # before any reader opens it: a pipe or device would block
    if not has_lever_sheets(args.file):
        return _validate_figures(args, out_dir)
    code = _validate_levers(args.file, out_dir)
    try:
        return max(code, _validate_figures(args, out_dir))
    except UserDataError:  # a workbook of levers only has no figures to check
        return code


def _validate_levers(path: str, out_dir) -> int:
    from .intake.levers import validate_lever_file

    result = validate_lever_file(path, out_dir=out_dir)
    for p in result.rejected.itertuples(index=False):
        print(f"{p.file}: {p.sheet}, dòng/row {p.row}, cột/column {p.column}, giá trị/value {p.value!r}: "
              f"{p.reason_vi} / {p.reason_en}")
    print(f"Giải pháp / levers: {len(result.levers)}, bằng chứng / evidence: {len(result.evidence)} dùng được / "
          f"accepted + {len(result.rejected)} bị loại / rejected.")
    return 1 if len(result.rejected) else 0


def _validate_figures(args: argparse.Namespace, out_dir) -> int:
    from .intake.userfile import interpretation_summary, validate_file

    understood: list[dict] = []
    accepted, rejected, problems = validate_file(args.file, out_dir=out_dir, interpretations=understood)
    write_error = accepted.attrs.get("rejected_csv_error")
    summary = interpretation_summary(understood)
    if len(summary):
        print(f"Đã hiểu {len(understood)} ô theo cách khác chữ viết / read {len(understood)} cells "
              f"as something other than their literal text (→ {accepted.attrs.get('interpretations_csv', '–')}):")
        shown: dict[tuple[str, str], int] = {}
        for r in summary.itertuples(index=False):
            if r.kind in ("number", "date"):  # many distinct values: a few examples per column
                k = shown[(r.kind, r.column)] = shown.get((r.kind, r.column), 0) + 1
                if k > 3:
                    continue
            print(f"  {r.column}: {r.value} → {r.understood} ({r.n} dòng/rows: {r.rows})")
        for (_kind, column), k in shown.items():
            if k > 3:
                print(f"  {column}: … {k - 3} giá trị khác / more values (xem / see CSV)")
    for p in problems.itertuples(index=False):
        sheet = f"{p.sheet}, " if isinstance(p.sheet, str) and p.sheet else ""
        print(f"{p.file}: {sheet}dòng/row {p.row}, cột/column {p.column}, giá trị/value {p.value!r}: "
              f"{p.reason_vi} / {p.reason_en}")
    total = len(accepted) + len(rejected)
    print(f"{total} dòng / rows: {len(accepted)} dùng được / accepted + {len(rejected)} bị loại / rejected.")
    if write_error:  # the list above is the result; only its copy on disk is missing
        vi, en = write_error
        print(f"Lỗi / error: {vi} / {en}", file=sys.stderr)
        return 1
    return 1 if len(rejected) else 0


def _default_out(file: str, suffix: str) -> Path:
    path = Path(file)
    return path.with_name(f"{path.stem}.{suffix}.csv")


def cmd_extract(args: argparse.Namespace) -> int:
    from .intake.extract import COLUMNS, extract_file, write_csv

    target = _writable_file(guard_output(args.out or _default_out(args.file, "figures"), inputs=[args.file],
                                         force=args.force, ours=_csv_with(*COLUMNS[:3])))
    progress = None if args.quiet else (
        lambda done, total: print(f"… {done}/{total} đoạn / paragraphs", file=sys.stderr, flush=True))
    figures = extract_file(args.file, source_id=args.source_id, progress=progress)
    write_csv(figures, target)
    if figures.empty:
        print(f"Không tìm thấy số liệu nào trong {args.file}; đã ghi tệp CSV rỗng {target}. "
              f"/ No figures found; wrote an empty CSV.")
    else:
        _say(args, f"{len(figures)} số liệu / figures → {target}")
    return 0


def cmd_barriers(args: argparse.Namespace) -> int:
    from .intake.coding import COLUMNS, code_file

    if args.agreement:
        return _barrier_agreement(args)
    if args.file is None:
        raise UsageError("Cần một tệp văn bản (hoặc --agreement XLSX).", "A text file is needed (or --agreement XLSX).")
    target = None
    if args.out or not args.review:  # a usage error is found before the work, not after it
        target = _writable_file(guard_output(args.out or _default_out(args.file, "barriers"), inputs=[args.file],
                                             force=args.force, ours=_csv_with(*COLUMNS[:5])))
    if args.review:
        guard_output(args.review, inputs=[args.file], force=args.force, option="--review")
    coded = code_file(args.file, learnt=args.learnt)
    if args.review:
        from .intake.review import write_review
        from .text.textio import read_paragraphs

        review = _writable_file(args.review)
        if review.suffix.lower() != ".xlsx":
            raise UsageError("Tệp duyệt mã phải là .xlsx.", "The review workbook must be an .xlsx file.")
        write_review(read_paragraphs(args.file), review, learnt=args.learnt)
        _say(args, f"Sổ duyệt mã / review workbook → {review}")
        if target is None:
            return 0
    write_csv(coded, target)
    _say(args, f"{len(coded)} mã / codes → {target}")
    return 0


def _barrier_agreement(args: argparse.Namespace) -> int:
    from .intake.review import agreement

    table = agreement(args.agreement)
    if args.out:
        target = _writable_file(guard_output(args.out, inputs=[args.agreement], force=args.force))
        write_csv(table, target)
        _say(args, f"Đã ghi / wrote {target}")
    if not args.quiet:
        used = table[(table["both"] + table["suggested_only"] + table["person_only"] > 0) | (table["code"] == "ALL")]
        skipped = table.attrs.get("unreviewed_rows", [])
        print(f"Số câu đã duyệt / reviewed sentences: {int(table['n'].iloc[0])}; chưa duyệt / not reviewed: "
              f"{len(skipped)}" + (f" (dòng / rows {', '.join(map(str, skipped[:20]))}"
                                   f"{' …' if len(skipped) > 20 else ''})" if skipped else ""))
        print("Mã/code  cả hai/both  chỉ gợi ý/suggested  chỉ người/person  kappa")
        for r in used.itertuples():
            kappa = "–" if r.kappa != r.kappa else f"{r.kappa:.2f}".replace(".", ",")
            print(f"{r.code:<8} {r.both:>11} {r.suggested_only:>19} {r.person_only:>16}  {kappa}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from .intake.template import write_template

    if Path(args.file).suffix.lower() != ".xlsx":
        raise UsageError("Tên tệp mẫu phải kết thúc bằng .xlsx.", "The template file name must end in .xlsx.")
    # a filled workbook of that name is the user's data: never replaced without --force
    target = _writable_file(guard_output(args.file, force=args.force, option="template"))
    write_template(target)
    _say(args, f"Đã ghi mẫu / wrote template {target}")
    return 0


def cmd_dossiers(args: argparse.Namespace) -> int:
    from .dossiers.cli import run

    return run(args)


def cmd_survey(args: argparse.Namespace) -> int:
    from .survey.cli import run

    return run(args)


COMMANDS = {
    "report": cmd_report,
    "audit": cmd_audit,
    "validate": cmd_validate,
    "extract": cmd_extract,
    "barriers": cmd_barriers,
    "template": cmd_template,
    "survey": cmd_survey,
    "dossiers": cmd_dossiers,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    previous = install_stop_signals()
    try:
        return COMMANDS[args.command](args)
    except DvcError as exc:
        if args.debug:
            raise
        print(f"Lỗi / error: {exc.vi} / {exc.en}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        stop_children()
        print("Đã dừng; kết quả cũ giữ nguyên / interrupted; earlier outputs left as they were.",
              file=sys.stderr)
        return 130
    except Exception as exc:  # one clear sentence instead of a traceback; --debug shows it
        if args.debug:
            raise
        print(
            f"Lỗi không mong đợi / unexpected error: {type(exc).__name__}: {exc} "
            "(chạy lại với --debug để xem chi tiết / rerun with --debug for details)",
            file=sys.stderr,
        )
        return 1
    finally:
        restore_signals(previous)


__all__ = ["main", "build_parser", "UserDataError"]
