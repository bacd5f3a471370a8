"""Build the whole report: analyse, draw, tabulate, render, and write the README."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..analysis.results import prepare
from ._blocks import _t, number_blocks
from ._sections import document
from ._tables import report_tables

# ---------------------------------------------------------------------------------------------
# entry point


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _readme(out_dir: Path, ctx: dict, meta: dict, outputs: list[Path], data_files: Sequence[str | Path]) -> str:
    lang = ctx["lang"]
    lines = [
        f"dvc-analysis {meta['version']} – {_t(lang, 'báo cáo', 'report')}",
        "",
        _t(lang, "Dựng từ:", "Built from:"),
    ]
    lines += [f"  - {x}" for x in ctx["inputs"]]
    for path in data_files:
        p = Path(path)
        if p.is_file():
            lines.append(f"    sha256 {p.name}: {_sha256(p)}")
    lines += [
        "",
        _t(lang, "Số liệu dùng: ", "Figures used: ") + str(len(ctx["obs"]))
        + _t(lang, f" (từ {ctx['obs']['source_id'].nunique()} nguồn)", f" (from {ctx['obs']['source_id'].nunique()} sources)"),
        _t(lang, "Ngôn ngữ: ", "Language: ") + lang,
        "",
        _t(lang, "Tệp đã ghi:", "Files written:"),
    ]
    lines += [f"  - {p.relative_to(out_dir).as_posix()}" for p in outputs]
    lines += [
        "",
        _t(
            lang,
            "report.docx: báo cáo Word (A4, Times New Roman 13). report.html: cùng nội dung, một tệp, "
            "mở được khi không có mạng. tables/dvc_tables.xlsx: các bảng (mỗi bảng một trang tính) và "
            "bản CSV trong tables/. figures/: hình PNG (300 dpi), SVG, PDF.",
            "report.docx: Word report (A4, Times New Roman 13). report.html: the same content in one "
            "file that opens offline. tables/dvc_tables.xlsx: the tables (one sheet each) with CSV "
            "copies in tables/. figures/: PNG (300 dpi), SVG and PDF figures.",
        ),
    ]
    return "\n".join(lines) + "\n"


def build_report(
    out_dir: str | Path = "reports",
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
    progress: Callable[[str], Any] | None = None,
    barrier_files: Sequence[str | Path] = (),
) -> dict:
    """Build the whole report into `out_dir`; returns a summary dict.

    Writes figures/ (standard set: PNG, SVG, PDF), tables/dvc_tables.xlsx plus one CSV per
    table, report.html (self-contained), report.docx and README.txt. `data_files` are read with
    `importer.read_user_file` and merged with the bundled observations (`only=True`: just the
    user's); `provinces` keeps only those province codes (or names); `barrier_files` are review
    workbooks (`dvc-analysis barriers FILE --review`) whose accepted codes join the barrier and
    lever mentions. `progress(message)` is called
    once per file written. Summary keys: out_dir, outputs (paths), figures, tables, observations,
    sources, seconds, timings (seconds per stage).
    """
    from .. import __version__
    from ..figures import build_standard
    from ._docx import write_docx
    from ._html import write_html
    from ._xlsx import write_tables

    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def emit(path: str | Path) -> None:
        path = Path(path)
        written.append(path)
        if progress is not None:
            progress(_t(lang, f"đã ghi {path}", f"wrote {path}"))

    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 2)
        return now

    ctx = prepare(data_files=data_files, only=only, lang=lang, provinces=provinces, barrier_files=barrier_files)
    t = lap("prepare", t0)
    meta = {
        "version": __version__,
        "title": _t(lang, "Dịch vụ công trực tuyến: cung cấp, sử dụng và rào cản", "Online public services: provision, use and barriers"),
        "subject": "DVCTT",
    }

    figs = build_standard(out / "figures", obs=ctx["obs"], lang=lang)
    for fig in figs:
        paths = fig.get("paths") or {}
        for p in paths.values() if isinstance(paths, dict) else paths:
            emit(p)
    t = lap("figures", t)

    tables = report_tables(ctx)
    for p in write_tables(tables, out / "tables" / "dvc_tables.xlsx", out / "tables", lang=lang):
        emit(p)
    t = lap("tables", t)

    blocks = number_blocks(document(ctx, figs, tables, meta))
    t = lap("document", t)
    emit(write_html(blocks, out / "report.html", lang=lang, meta=meta))
    t = lap("html", t)
    emit(write_docx(blocks, out / "report.docx", lang=lang, meta=meta))
    t = lap("docx", t)
    readme = out / "README.txt"
    readme.write_text(_readme(out, ctx, meta, written + [readme], data_files), encoding="utf-8")
    emit(readme)
    return {
        "out_dir": str(out),
        "outputs": [str(p) for p in written],
        "figures": len(figs),
        "tables": len(tables),
        "observations": len(ctx["obs"]),
        "sources": int(ctx["obs"]["source_id"].nunique()),
        "seconds": round(time.perf_counter() - t0, 2),
        "timings": timings,
    }
