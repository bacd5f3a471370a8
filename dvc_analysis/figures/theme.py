"""One look for every figure: font, colours, sizes, number format, titles, source notes, export.

The theme is made for a printed A4 policy report: a 16 cm wide column, DejaVu Sans (it has every
Vietnamese glyph and ships with matplotlib), the Okabe–Ito colour-blind-safe palette, and numbers
written the Vietnamese way on axes (``19,5%``, ``1.542``). Each figure carries a title, a subtitle
(what, where, when) and a source note ("Nguồn: …") generated from ``data/sources.csv`` for the
rows actually plotted. ``save`` writes PNG (300 dpi), SVG (text kept as text) and PDF (TrueType
fonts embedded) without dates, so two builds from the same data give identical SVG and PDF bytes.
One weight (regular) is used throughout: titles stand out by size, and a PDF embeds a single
font subset, which keeps files small and the build fast.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..evidence.sources import source_record
from ..text.fmt import fmt_number, fmt_percent
from ..text.words import word

FONT = "DejaVu Sans"
CM = 1 / 2.54
WIDTH = 16 * CM
"""Figure width in inches: one 16 cm column of an A4 page."""

# Okabe & Ito (2008), colour-blind-safe qualitative palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple",
                                  "sky_blue", "yellow", "black")]
ACCENT = OKABE_ITO["blue"]
TARGET = OKABE_ITO["vermillion"]
CONTEXT = "#555555"
NO_DATA = "#E6E6E6"
GRID = "#DDDDDD"
SEQUENTIAL = "cividis"
"""Sequential colour map for maps and heat maps (readable with colour-vision deficiency and in grey)."""

SIZE_BASE = 8.0
SIZE_SMALL = 7.0
SIZE_TITLE = 11.0
SIZE_SUBTITLE = 8.0
SIZE_NOTE = 6.5

HASH_SALT = "dvc-analysis"

RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": SIZE_BASE,
    "axes.titlesize": SIZE_BASE,
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.labelsize": SIZE_BASE,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#888888",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.unicode_minus": False,
    "xtick.labelsize": SIZE_SMALL,
    "ytick.labelsize": SIZE_SMALL,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "grid.color": GRID,
    "grid.linewidth": 0.5,
    "legend.fontsize": SIZE_SMALL,
    "legend.frameon": False,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": 300,
    "savefig.facecolor": "white",
    "svg.fonttype": "none",
    "svg.hashsalt": HASH_SALT,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "pdf.compression": 6,
    "path.simplify": True,
    "hatch.linewidth": 0.6,
    "hatch.color": "#999999",
}



def rc() -> dict[str, Any]:
    """The theme's rcParams, with the colour cycle (for ``matplotlib.rc_context``)."""
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=PALETTE)}


_ALIASES = {"unnamed": "unnamed_province", "no_source": "no_data_short"}


def text(key: str, lang: str = "vi") -> str:
    """A short fixed label of the theme in the requested language (from `text.words`)."""
    return word(_ALIASES.get(key, key), lang)


def themed(func: Callable) -> Callable:
    """Decorator: run a chart function with the theme's rcParams (the global state is untouched)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        import matplotlib as mpl

        with mpl.rc_context(rc()):
            return func(*args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------------------------
# number format on axes


def number_formatter(decimals: int | None = 0, lang: str = "vi"):
    """Axis formatter writing ``1.542`` (vi) or ``1,542`` (en)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: fmt_number(x, decimals, lang=lang))


def percent_formatter(decimals: int | None = None, lang: str = "vi"):
    """Axis formatter for values on the 0–100 scale: ``19,5%``."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: fmt_percent(x, decimals, lang=lang))


def format_axis(axis, unit: str, lang: str = "vi") -> None:
    """Set the Vietnamese (or English) number format of one axis for an indicator unit."""
    if unit == "percent":
        axis.set_major_formatter(percent_formatter(None, lang))
    else:
        axis.set_major_formatter(number_formatter(None, lang))


def fmt_value(value: Any, unit: str, lang: str = "vi", decimals: int | None = None) -> str:
    """A value as printed beside a mark: percent with ``%``, counts grouped, ranks as numbers."""
    if unit == "percent":
        return fmt_percent(value, decimals, lang=lang)
    return fmt_number(value, decimals if decimals is not None else None, lang=lang)


# ---------------------------------------------------------------------------------------------
# source notes


def describe_source(source_id: str, lang: str = "vi", sources=None) -> str:
    """One source as cited under a figure: ``[003] Bình Dương — <title> (BDO, 2/1/2025)``.

    Built from ``data/sources.csv`` (or the ``sources`` table given) through
    :class:`~dvc_analysis.evidence.sources.Source`; a source that names no province is labelled
    "tỉnh không nêu tên" / "unnamed province". Unknown ids are cited by id.
    """
    record = source_record(source_id, sources)
    if not record.title and not record.published and not record.province_name:
        return f"[{record.short_id}] {source_id}"
    return record.note_line(lang)


def source_note(source_ids: Iterable[str], lang: str = "vi", sources=None) -> str:
    """The note under a figure, built only from the given source ids (sorted, de-duplicated).

    ``source_note(["003_4d6fe64c7387cd52"])`` → ``"Nguồn: [003] Bình Dương — … (BDO, 2/1/2025)."``.
    Never typed by hand: the text comes from ``data/sources.csv``.
    """
    ids = sorted({str(s) for s in source_ids if s is not None and str(s).strip() not in {"", "nan"}})
    if not ids:
        return f"{text('source', lang)}: {text('no_source', lang)}."
    label = text("sources" if len(ids) > 1 else "source", lang)
    return f"{label}: " + "; ".join(describe_source(s, lang, sources) for s in ids) + "."


# ---------------------------------------------------------------------------------------------
# figure frame: title, subtitle, body, note


def _wrap(s: str, size: float, width_in: float) -> str:
    """Wrap text to the figure width (DejaVu Sans averages ~0.56 em per character)."""
    if not s:
        return ""
    chars = max(20, int(width_in * 72 / (0.56 * size)))
    return "\n".join(
        "\n".join(textwrap.wrap(par, chars, break_on_hyphens=False)) or "" for par in s.split("\n")
    )


def _lines(s: str) -> int:
    return s.count("\n") + 1 if s else 0


def new_figure(
    title: str,
    subtitle: str = "",
    note: str = "",
    *,
    body_height: float = 3.0,
    width: float = WIDTH,
    nrows: int = 1,
    ncols: int = 1,
    legend_height: float = 0.0,
    **subplot_kw: Any,
):
    """A figure with a title block on top, a note at the bottom and ``nrows × ncols`` axes between.

    ``body_height`` (inches) is the height left for the axes; the title, subtitle and note add
    to it, so long notes never squeeze the plot. Returns ``(fig, axes)`` like ``plt.subplots``.
    Call inside the theme (``@themed``).
    """
    import matplotlib.pyplot as plt

    pad = 0.08
    t = _wrap(title, SIZE_TITLE, width - 2 * pad)
    s = _wrap(subtitle, SIZE_SUBTITLE, width - 2 * pad)
    n = _wrap(note, SIZE_NOTE, width - 2 * pad)
    lh = 1.32 / 72  # line height per point, inches
    head = pad + _lines(t) * SIZE_TITLE * lh + (0.04 + _lines(s) * SIZE_SUBTITLE * lh if s else 0)
    head += 0.08
    foot = (_lines(n) * SIZE_NOTE * lh + 0.06 + pad) if n else pad
    foot += legend_height + (0.06 if legend_height else 0)
    height = head + body_height + foot
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(width, height), layout="constrained", squeeze=False, **subplot_kw
    )
    fig.text(pad / width, 1 - pad / height, t, ha="left", va="top", fontsize=SIZE_TITLE,
             color="#000000", gid="title")
    if s:
        y = 1 - (pad + _lines(t) * SIZE_TITLE * lh + 0.04) / height
        fig.text(pad / width, y, s, ha="left", va="top", fontsize=SIZE_SUBTITLE, color="#333333",
                 gid="subtitle")
    if n:
        fig.text(pad / width, pad / height, n, ha="left", va="bottom", fontsize=SIZE_NOTE,
                 color="#444444", gid="source_note")
    fig.get_layout_engine().set(rect=(0, foot / height, 1, body_height / height),
                                w_pad=0.04, h_pad=0.04)
    fig._dvc_meta = {"title": title, "subtitle": subtitle, "note": note}  # read by tests/registry
    # the legend band sits between the plot and the note (see ``bottom_legend``)
    fig._dvc_legend_top = (foot - 0.03) / height if legend_height else None
    return fig, axes


LEGEND_LINE_PT = SIZE_NOTE * 1.2
LEGEND_GAP_PT = SIZE_NOTE * 0.5


def legend_height(labels: Sequence[str], ncols: int = 1) -> float:
    """Height in inches of a legend with these (possibly multi-line) labels, for ``new_figure``."""
    if not labels:
        return 0.0
    rows = [labels[i:i + ncols] for i in range(0, len(labels), ncols)]
    pts = sum(max(lab.count("\n") + 1 for lab in row) * LEGEND_LINE_PT + LEGEND_GAP_PT
              for row in rows)
    return (pts + 4) / 72


def bottom_legend(fig, handles, *, ncols: int = 1, x: float = 0.0) -> None:
    """Place a legend in the band reserved by ``new_figure(legend_height=...)``, at the left
    margin (or at figure fraction ``x``). The plot layout never depends on it, so the layout is
    the same on every build."""
    top = getattr(fig, "_dvc_legend_top", None)
    if top is None or not handles:
        return
    width = fig.get_figwidth()
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(max(x, 0.08 / width), top),
               bbox_transform=fig.transFigure, ncols=ncols, fontsize=SIZE_NOTE,
               handlelength=2.2, borderaxespad=0, borderpad=0, labelspacing=0.5,
               frameon=False).set_in_layout(False)


def figure_meta(fig) -> dict[str, str]:
    """Title, subtitle and source note of a figure made with ``new_figure``."""
    return dict(getattr(fig, "_dvc_meta", {}))


def style_axes(ax, *, grid: str = "x") -> None:
    """Light grid on one axis, no top/right spines."""
    if grid in ("x", "both"):
        ax.grid(axis="x", lw=0.5, color=GRID)
    if grid in ("y", "both"):
        ax.grid(axis="y", lw=0.5, color=GRID)
    ax.tick_params(length=2.5)


def empty_panel(ax, message: str) -> None:
    """Mark a panel that has no data with a visible sentence instead of leaving it blank."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=SIZE_SMALL, color=CONTEXT, wrap=True)


# ---------------------------------------------------------------------------------------------
# export


FORMATS = ("png", "svg", "pdf")


def freeze_layout(fig) -> None:
    """Run the constrained layout once and keep its result, so that writing three formats
    does not lay the figure out three times (the layout does not depend on the dpi)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.execute(fig)
        # no engine at all (not a placeholder), so savefig does not draw twice
        fig.set_layout_engine(None)
        # positions are rounded so that floating-point noise in the layout solver never
        # changes the output bytes (1e-6 of the figure is far below one printed dot)
        for ax in fig.axes:
            x0, y0, w, h = ax.get_position(original=True).bounds
            ax.set_position([round(v, 6) for v in (x0, y0, w, h)], which="original")
_PIL = {"compress_level": 1}  # fast PNG encoding; the files stay small enough for a report
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def save(fig, out_dir: str | Path, stem: str, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Write ``<out_dir>/<stem>.<fmt>`` for each format; returns ``{fmt: path}``.

    PNG at 300 dpi; SVG with text kept as text and a fixed hash salt; PDF with TrueType (type 42)
    fonts embedded. Dates and tool names are left out of the metadata so that the same figure
    gives the same bytes on every build.
    """
    import matplotlib as mpl

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    with mpl.rc_context(rc()):
        freeze_layout(fig)
        for ext in formats:
            if ext not in _METADATA:
                from ..errors import UsageError

                raise UsageError(
                    f"Định dạng hình không hỗ trợ: {ext!r} (png, svg, pdf).",
                    f"Unsupported figure format: {ext!r} (png, svg, pdf).",
                )
            path = out / f"{stem}.{ext}"
            extra = {"pil_kwargs": _PIL} if ext == "png" else {}
            fig.savefig(path, format=ext, metadata=_METADATA[ext], **extra)
            paths[ext] = path
    return paths


FRAME_GIDS = ("title", "source_note")  # what a document's caption and source line repeat
CROP_PAD_PX = 24


def save_unframed(fig, path: str | Path) -> Path:
    """Write a PNG of `fig` for a document whose caption and source line carry the title and
    the source: the title and the source note are left out and the blank bands they leave are
    cropped (the subtitle, the plot and its legend stay). Call after :func:`save`, whose frozen
    layout it reuses, so the drawing is the same as in the standalone file.

    Parameters
    ----------
    fig : Figure
        A figure made with :func:`new_figure`.
    path : str or Path
        The PNG to write (300 dpi).

    Returns
    -------
    Path
    """
    import io

    import matplotlib as mpl
    from PIL import Image, ImageChops

    hidden = [t for t in fig.texts if t.get_gid() in FRAME_GIDS and t.get_visible()]
    for t in hidden:
        t.set_visible(False)
    buf = io.BytesIO()
    try:
        with mpl.rc_context(rc()):
            fig.savefig(buf, format="png", metadata=_METADATA["png"], pil_kwargs=_PIL)
    finally:
        for t in hidden:
            t.set_visible(True)
    buf.seek(0)
    with Image.open(buf) as img:
        im = img.convert("RGB")
    box = ImageChops.difference(im, Image.new("RGB", im.size, "white")).getbbox()
    if box:  # keep the full width, so the drawing scales as the standalone figure does
        top, bottom = max(box[1] - CROP_PAD_PX, 0), min(box[3] + CROP_PAD_PX, im.height)
        im = im.crop((0, top, im.width, bottom))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, format="PNG", dpi=(300, 300), **_PIL)
    return path
