"""The standard figure set: which charts, in what order, built in parallel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import theme
from ._barriers import barrier_heatmap
from ._common import _s, load_context
from ._composition import composition, fields_bars
from ._dots import dot_plot, supply_use
from ._funnel import funnel_candidates, funnel_plot
from ._maps import choropleth, tile_map
from ._pipeline import _pipeline_frame, pipeline
from ._targets import gaps
from ._trends import trends

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


# ---------------------------------------------------------------------------------------------
# registry of the standard set


def _b_dot(indicator: str) -> Callable[[dict], Figure | None]:
    def build(ctx: dict) -> Figure | None:
        return dot_plot(ctx["obs"], indicator, targets=ctx["targets"], indicators=ctx["indicators"],
                        sources=ctx["sources"], lang=ctx["lang"], results=ctx["results"])

    return build


def _b_pipeline(kind: str) -> Callable[[dict], Figure | None]:
    def build(ctx: dict) -> Figure | None:
        try:
            frame = _pipeline_frame(ctx["obs"], kind, ctx["lang"], ctx)
        except ImportError:
            return None
        if frame.empty:
            return None
        return pipeline(frame, kind=kind, sources=ctx["sources"], lang=ctx["lang"])

    return build


def _b_gaps(ctx: dict) -> Figure | None:
    return gaps(ctx["gaps"], indicators=ctx["indicators"], sources=ctx["sources"], lang=ctx["lang"])


def _b_barriers(ctx: dict) -> Figure | None:
    if ctx.get("mentions") is None or ctx.get("barriers") is None or not len(ctx["mentions"]):
        return None
    return barrier_heatmap(ctx["mentions"], ctx["barriers"], sources=ctx["sources"],
                           lang=ctx["lang"])


def _b_funnel(ctx: dict) -> Figure | None:
    rows = funnel_candidates(ctx["obs"])
    if rows.empty:
        return None
    return funnel_plot(rows, indicator=_s(rows["indicator"].iloc[0]),
                       indicators=ctx["indicators"], sources=ctx["sources"], lang=ctx["lang"])


STANDARD: list[tuple[str, str, str, Callable[[dict], Figure | None]]] = [
    ("01_cung_cap_va_su_dung", "Cung cấp và sử dụng DVCTT",
     "Supply and use of online public services",
     lambda c: supply_use(c["obs"], indicators=c["indicators"], sources=c["sources"],
                          lang=c["lang"], results=c["results"])),
    ("02_ty_le_ho_so_truc_tuyen", "Tỷ lệ hồ sơ trực tuyến", "Share of dossiers filed online",
     _b_dot("dossier_online_share")),
    ("03_dvctt_co_phat_sinh_ho_so", "Tỷ lệ DVCTT có phát sinh hồ sơ",
     "Share of online services that received dossiers", _b_dot("dvctt_with_dossiers")),
    ("04_thanh_toan_truc_tuyen", "Tỷ lệ hồ sơ thanh toán trực tuyến",
     "Share of dossiers paid online", _b_dot("payment_dossier_share")),
    ("05_dung_han", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn", "On-time resolution rate",
     _b_dot("on_time_rate")),
    ("06_chuoi_dich_vu", "Chuỗi cung cấp dịch vụ", "Service pipeline", _b_pipeline("service")),
    ("07_chuoi_thanh_toan", "Chuỗi thanh toán trực tuyến", "Payment pipeline",
     _b_pipeline("payment")),
    ("08_khoang_cach_muc_tieu", "Khoảng cách đến mục tiêu", "Distance to targets", _b_gaps),
    ("09_dien_bien", "Diễn biến theo thời gian", "Change over time",
     lambda c: trends(c["obs"], indicators=c["indicators"], sources=c["sources"],
                      lang=c["lang"], results=c["results"])),
    ("10_co_cau", "Cơ cấu DVCTT và hồ sơ", "Composition of services and dossiers",
     lambda c: composition(c["obs"], sources=c["sources"], lang=c["lang"])),
    ("11_phu_yen_linh_vuc", "Huyện Phù Yên: thủ tục theo lĩnh vực",
     "Phù Yên district: procedures by field",
     lambda c: fields_bars(c["obs"], indicators=c["indicators"], sources=c["sources"],
                           lang=c["lang"])),
    ("12_ban_do_o_63", "Bản đồ ô 63 tỉnh", "Tile map, 63 provinces",
     lambda c: tile_map(c["obs"], map="63", indicators=c["indicators"], sources=c["sources"],
                        lang=c["lang"], results=c["results"])),
    ("13_ban_do_o_34", "Bản đồ ô 34 tỉnh", "Tile map, 34 provinces",
     lambda c: tile_map(c["obs"], map="34", indicators=c["indicators"], sources=c["sources"],
                        lang=c["lang"], results=c["results"])),
    ("14_ban_do_34_tinh", "Bản đồ 34 tỉnh", "Map of the 34 provinces",
     lambda c: choropleth(c["obs"], indicators=c["indicators"], sources=c["sources"],
                          lang=c["lang"], results=c["results"])),
    ("15_rao_can", "Rào cản theo nguồn", "Barriers by source", _b_barriers),
    ("16_bieu_do_pheu", "Biểu đồ phễu", "Funnel plot", _b_funnel),
]
"""The standard set: (file stem, title vi, title en, builder(ctx) -> Figure or None)."""


def _view(results, lang: str) -> dict:
    """What the builders read: the fields of ``results``, the figure language, ``results``."""
    view = results.as_dict(lazy=False) if hasattr(results, "as_dict") else dict(results)
    view["lang"] = lang
    view["results"] = results if hasattr(results, "comparison") else None
    return view


def _results_of(ctx, obs, lang: str):
    """Analysis results to draw from: ``ctx`` when it is one (or carries one for the same
    observations), else the observations analysed once here."""
    if ctx is not None and hasattr(ctx, "comparison") and obs is None:
        return ctx
    if ctx is not None and obs is None:
        carried = ctx.get("results")
        if carried is not None and carried.obs is ctx["obs"]:
            return carried
        obs = ctx["obs"]
    return load_context(obs, lang=lang)["results"]


def build_figure(stem: str, ctx=None, *, lang: str | None = None) -> Figure | None:
    """Build one figure of the standard set by its stem, from analysis results ``ctx``
    (:func:`~dvc_analysis.analysis.results.analyse`; default: the bundled data)."""
    lang = lang or (ctx.get("lang") if ctx is not None else None) or "vi"
    ctx = _view(_results_of(ctx, None, lang), lang)
    for s, _vi, _en, builder in STANDARD:
        if s == stem:
            return builder(ctx)
    from ..errors import UsageError

    raise UsageError(f"Không có hình {stem!r} trong bộ chuẩn.",
                     f"No figure {stem!r} in the standard set.")


def _build_sequential(out_dir, ctx: dict, formats: Sequence[str],
                      stems: Sequence[str], report_dir=None) -> list[dict[str, Any]]:
    import matplotlib.pyplot as plt

    out = []
    lang = ctx["lang"]
    for stem, title_vi, title_en, builder in STANDARD:
        if stem not in stems:
            continue
        fig = builder(ctx)
        if fig is None:
            continue
        meta = theme.figure_meta(fig)
        if meta.get("empty"):
            plt.close(fig)
            continue
        paths = theme.save(fig, out_dir, stem, formats)
        unframed = (theme.save_unframed(fig, Path(report_dir) / f"{stem}.png")
                    if report_dir is not None else None)
        plt.close(fig)
        out.append({
            "stem": stem,
            "title": meta.get("title") or (title_en if lang == "en" else title_vi),
            "subtitle": meta.get("subtitle", ""),
            "caption": meta.get("caption", ""),
            "source_note": meta.get("note", ""),
            "source_ids": meta.get("source_ids", []),
            "paths": paths,
            "report_png": unframed,
            "coloured": meta.get("coloured"),  # maps: provinces with a colour
        })
    return out


def _build_chunk(args: tuple) -> list[dict[str, Any]]:
    out_dir, ctx, formats, stems, report_dir = args
    return _build_sequential(out_dir, ctx, formats, stems, report_dir)


def default_jobs() -> int:
    """Worker processes for the standard set: ``DVC_JOBS`` if set, else up to 2 cores."""
    import os

    env = os.environ.get("DVC_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


def build_standard(
    out_dir: str | Path,
    results=None,
    *,
    obs: pd.DataFrame | None = None,
    lang: str = "vi",
    formats: Sequence[str] = theme.FORMATS,
    ctx: dict | None = None,
    stems: Sequence[str] | None = None,
    jobs: int | None = None,
    report_dir: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Write the standard set to ``out_dir`` and return one dict per figure written:
    ``stem``, ``title``, ``subtitle``, ``caption``, ``source_note``, ``source_ids``, ``paths``
    ({format: Path}), in the order of ``STANDARD``. Figures without data are skipped (not
    written); ``stems`` limits the build to those figures. ``jobs`` worker processes share the
    figures (default :func:`default_jobs`); the files are the same whatever the number.

    ``results`` (from :func:`~dvc_analysis.analysis.results.analyse`) is what every figure
    reads, so the set cites exactly the sources of the report built from the same results.
    Without it, ``ctx`` (former name) or ``obs`` is analysed once here.

    With ``report_dir``, each figure is also written there as ``<stem>.png`` without its
    title and source note (:func:`theme.save_unframed`), for a document whose caption carries
    them; the entry's ``report_png`` is that path (else None).
    """
    results = results if results is not None else _results_of(ctx, obs, lang)
    ctx = _view(results, lang)
    selected = [s for s, *_ in STANDARD if stems is None or s in stems]
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    jobs = min(jobs, len(selected))
    if jobs <= 1:
        return _build_sequential(out_dir, ctx, formats, selected, report_dir)
    import concurrent.futures as cf
    import multiprocessing as mp

    from .._procs import worker_pool

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":  # work done here once is inherited by the workers
        if any("ban_do_34" in s for s in selected):
            from ..evidence.geo import load_boundaries

            load_boundaries()  # the province boundaries, parsed once
    chunks = [selected[i::jobs] for i in range(jobs)]
    try:
        with worker_pool(jobs, mp.get_context(method)) as pool:  # workers die with this process
            parts = list(pool.map(_build_chunk,
                                  [(out_dir, ctx, tuple(formats), c, report_dir)
                                   for c in chunks]))
    except (OSError, cf.process.BrokenProcessPool):  # no worker processes here: one by one
        return _build_sequential(out_dir, ctx, formats, selected, report_dir)
    order = {s: i for i, s in enumerate(selected)}
    return sorted((r for part in parts for r in part), key=lambda r: order[r["stem"]])
