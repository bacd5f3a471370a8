"""Build the whole report: analyse, draw, tabulate, render, and write the README."""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..analysis.results import Results
from ..text.words import tr
from . import _parts as parts
from ._blocks import number_blocks
from ._sections import document
from ._tables import report_tables
from .own import rejected_lines
from .settings import ReportSettings

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
        f"dvc-analysis {meta['version']} – {tr(lang, 'báo cáo', 'report')}",
        "",
        tr(lang, "Dựng từ:", "Built from:"),
    ]
    lines += [f"  - {x}" for x in ctx["inputs"]]
    lines += [f"    {x}" for x in rejected_lines(ctx.get("user_files") or [], {}, lang)]
    for path in data_files:
        p = Path(path)
        if p.is_file():
            lines.append(f"    sha256 {p.name}: {_sha256(p)}")
    lines += [
        "",
        tr(lang, "Số liệu dùng: ", "Figures used: ") + str(len(ctx["obs"]))
        + tr(lang, f" (từ {ctx['obs']['source_id'].nunique()} nguồn)", f" (from {ctx['obs']['source_id'].nunique()} sources)"),
        tr(lang, "Ngôn ngữ: ", "Language: ") + lang,
        "",
        tr(lang, "Tệp đã ghi:", "Files written:"),
    ]
    lines += [f"  - {p.relative_to(out_dir).as_posix()}" for p in outputs]
    lines += [
        "",
        tr(
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


MANIFEST = ".dvc-analysis-manifest.json"
"""File in the output folder listing what the last run wrote (relative paths)."""


def _previous_outputs(out: Path) -> list[str]:
    """Files the previous run listed in the manifest ([] when there is none or it is unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def _remove_stale(out: Path, previous: list[str], written: list[Path]) -> list[str]:
    """Delete files an earlier run wrote (per its manifest) that this run did not write.

    Only paths inside ``out`` and listed in the manifest are touched: the tool never removes a
    file it did not write.
    """
    root = out.resolve()
    now = {p.resolve() for p in written}
    removed = []
    for rel in previous:
        path = (out / rel).resolve()
        if root not in path.parents or path in now or not path.is_file():
            continue
        path.unlink()
        removed.append(rel)
        parent = path.parent
        while parent != root and not any(parent.iterdir()):  # folders the tool emptied
            parent.rmdir()
            parent = parent.parent
    return removed


def _survey_figures(out_dir: Path, results: Results) -> list[dict]:
    """The survey's barrier prevalence beside the documents' mentions (when a survey is given)."""
    table = results.survey_beside_documents
    if table is None or table.empty:
        return []
    import matplotlib.pyplot as plt

    from ..figures import theme
    from ..survey.figures import documents_vs_survey_plot

    ids = sorted(set(results.mentions.loc[results.mentions["kind"].astype(str) == "barrier", "source_id"]))
    synthetic = "synthetic" in results.survey_note.lower() or "mô phỏng" in results.survey_note.lower()
    fig = documents_vs_survey_plot(table, lang=results.lang, synthetic=synthetic,
                                   survey_note=results.survey_note, source_ids=ids)
    meta = theme.figure_meta(fig)
    stem = "16_rao_can_khao_sat"
    paths = theme.save(fig, out_dir, stem)
    plt.close(fig)
    return [{"stem": stem, "title": meta.get("title", ""), "subtitle": meta.get("subtitle", ""),
             "caption": meta.get("caption", ""), "source_note": meta.get("note", ""),
             "source_ids": ids, "paths": paths, "section": "barriers"}]


def build_report(
    out_dir: str | Path = "reports",
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
    progress: Callable[[str], Any] | None = None,
    barrier_files: Sequence[str | Path] = (),
    results: Results | None = None,
    strict: bool = False,
    survey_prevalence: Any = None,
    survey_note: str = "",
    settings: Any = None,
    toc_pages: bool = False,
) -> dict:
    """Build the whole report into ``out_dir``; returns a summary dict.

    Parameters
    ----------
    out_dir
        Output folder: figures/ (PNG, SVG, PDF), tables/ (dvc_tables.xlsx and one CSV per
        table), report.html, report.docx, README.txt and the manifest ``MANIFEST``. Files an
        earlier run wrote there and this run does not are removed.
    data_files, only, provinces
        The evidence selection, applied once by :func:`~dvc_analysis.analysis.results.analyse`.
    lang
        "vi" or "en".
    barrier_files
        Review workbooks (``dvc-analysis barriers FILE --review``) whose accepted codes join the
        barrier and lever mentions.
    progress
        Called with one short message per stage (with counts).
    results
        Analysis results to report on instead of analysing the selection here.
    survey_prevalence, survey_note
        A citizens' survey's barrier prevalence and its description (see
        :func:`~dvc_analysis.analysis.results.analyse`): the barrier section then sets it beside
        the documents' mentions.
    strict
        Stop with UserDataError before writing anything when a user file has a rejected row;
        otherwise each file's rejected rows go to ``<out_dir>/<stem>.rejected.csv``. With rows
        from the user's files, the trend figures of their units lead the figures, and figures
        without content for this data (the bundled barrier chart, the segment trend chart) are
        left out.
    settings
        :class:`~dvc_analysis.report.settings.ReportSettings`: the title page, the sections and
        figures to include and the focus provinces (used when ``provinces`` is not given).
    toc_pages
        With LibreOffice installed, the contents list page numbers from a first conversion
        (Word recomputes them on open either way).

    Returns
    -------
    dict
        out_dir, outputs (paths), removed (stale files deleted), figures, tables, observations,
        sources, user_files (file, records, accepted, rejected, rejected_csv), seconds, timings
        (seconds per stage).

    Examples
    --------
    >>> summary = build_report("reports", provinces=["14"])  # doctest: +SKIP
    """
    from .. import __version__
    from .._repro import build_date, normalise_package
    from ..analysis.results import analyse
    from ..evidence.sources import is_user_row
    from ..figures import STANDARD, build_standard
    from ..figures.trend import build_trend_figures
    from ..intake.own_files import write_rejected
    from ._docx import write_docx
    from ._html import write_html
    from ._xlsx import write_tables

    def say(message: str) -> None:
        if progress is not None:
            progress(message)

    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    previous = _previous_outputs(out)
    written: list[Path] = []
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 2)
        return now

    # Analyse: the selection is applied once; every view below reads these results.
    settings = settings or ReportSettings()
    if results is None:
        provinces = provinces or list(settings.provinces) or None
        results = analyse(data_files, only=only, lang=lang, provinces=provinces, progress=say,
                          barrier_files=barrier_files, strict=strict,
                          survey_prevalence=survey_prevalence, survey_note=survey_note)
    lang = results.lang
    t = lap("prepare", t0)
    rejected_csv = write_rejected(results.user_files, out)
    written.extend(rejected_csv.values())
    meta = {
        "version": __version__,
        "title": parts.report_title(settings, lang),
        "author": settings.author,
        "organisation": settings.organisation,
        "subject": "DVCTT",
    }

    # Draw: the document's copies of the figures (no title or source in the image) live only
    # as long as the build, since Word and HTML embed them
    has_user = bool(is_user_row(results.obs).any())
    skip = {"09_dien_bien"} if has_user else set()  # the user's series get labelled trend figures
    if results.mentions.empty:
        skip.add("15_rao_can")  # no coded barrier among the sources in use
    stems = parts.select_figures([s for s, *_ in STANDARD if s not in skip], settings.figures)
    unframed = tempfile.TemporaryDirectory(prefix="dvc-hinh-")
    figs = build_trend_figures(out / "figures", results.obs, indicators=results.indicators,
                               sources=results.sources, lang=lang) if has_user else []
    figs += build_standard(out / "figures", results, lang=lang, stems=stems,
                           report_dir=unframed.name)
    figs += _survey_figures(out / "figures", results)
    say(tr(lang, f"hình: {len(figs)}", f"figures: {len(figs)}"))
    t = lap("figures", t)

    # Tabulate
    tables = report_tables(results)
    written.extend(Path(p) for p in write_tables(tables, out / "tables" / "dvc_tables.xlsx", out / "tables", lang=lang))
    say(tr(lang, f"bảng: {len(tables)}", f"tables: {len(tables)}"))
    t = lap("tables", t)

    # Render; figure files take the number the report gives them (hinh_NN_...)
    blocks = number_blocks(document(results, figs, tables, meta, settings))
    parts.number_figure_files(blocks, figs)
    for fig in figs:
        paths = fig.get("paths") or {}
        written.extend(Path(p) for p in (paths.values() if isinstance(paths, dict) else paths))
    t = lap("document", t)
    written.append(Path(write_html(blocks, out / "report.html", lang=lang, meta=meta)))
    t = lap("html", t)
    docx_path = write_docx(blocks, out / "report.docx", lang=lang, meta=meta)
    if toc_pages:
        pages = parts.toc_page_numbers(docx_path, blocks)
        if pages:
            write_docx(blocks, docx_path, lang=lang, meta=meta, toc_pages=pages)
    written.append(Path(docx_path))
    unframed.cleanup()
    t = lap("docx", t)
    say(tr(lang, "văn bản: report.html, report.docx", "documents: report.html, report.docx"))
    when = build_date(results.obs["period_end"].max() if len(results.obs) else None)
    for package in (out / "report.docx", out / "tables" / "dvc_tables.xlsx"):
        normalise_package(package, when)  # same inputs, same bytes
    readme = out / "README.txt"
    readme.write_text(_readme(out, results, meta, written + [readme], data_files), encoding="utf-8")
    written.append(readme)

    # Record what this run wrote; drop what only an earlier run wrote.
    removed = _remove_stale(out, previous, written)
    rel = sorted({p.resolve().relative_to(out.resolve()).as_posix() for p in written})
    (out / MANIFEST).write_text(
        json.dumps({"tool": "dvc-analysis", "version": __version__, "files": rel},
                   ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    if removed:
        say(tr(lang, f"đã xoá {len(removed)} tệp cũ của lần chạy trước",
               f"removed {len(removed)} stale files of an earlier run"))
    return {
        "out_dir": str(out),
        "outputs": [str(p) for p in written],
        "removed": removed,
        "figures": len(figs),
        "tables": len(tables),
        "observations": len(results.obs),
        "user_files": [{"file": f.path, "records": f.records, "accepted": f.accepted,
                        "rejected": len(f.rejected), "rejected_csv": str(rejected_csv[f.path])}
                       for f in results.user_files],
        "sources": int(results.obs["source_id"].nunique()),
        "seconds": round(time.perf_counter() - t0, 2),
        "timings": timings,
    }
