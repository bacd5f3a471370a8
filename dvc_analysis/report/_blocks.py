"""Document blocks (headings, paragraphs, figures, tables) and their helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..text.words import tr
from . import findings as fnd

MAX_DOC_ROWS = 40


# ---------------------------------------------------------------------------------------------
# document model


def heading(text: str, level: int = 1, key: str | None = None, *, numbered: bool = True) -> dict:
    return {"kind": "heading", "text": text, "level": level, "key": key, "numbered": numbered}


def paragraph(text: str) -> dict:
    return {"kind": "paragraph", "text": text}


def note(text: str) -> dict:
    return {"kind": "note", "text": text}


def bullets(items: Iterable[str]) -> dict:
    return {"kind": "bullets", "items": [i for i in items if i]}


def figure_block(fig: dict) -> dict:
    """A figure block from one entry of `figures.build_standard` (needs a PNG path)."""
    paths = fig.get("paths") or {}
    png = paths.get("png") if isinstance(paths, dict) else next(
        (p for p in paths if str(p).endswith(".png")), None
    )
    return {
        "kind": "figure",
        "stem": fig.get("stem", ""),
        "png": str(png),
        # the same drawing without its title and source note: the caption carries them
        "report_png": str(fig["report_png"]) if fig.get("report_png") else "",
        "title": fig.get("title", ""),
        # the figure's subtitle and comparability notes are drawn in the image and listed in
        # section 2; the caption line carries the title only
        "caption": "",
        # the full source note is drawn in the image; `document` replaces this with a short
        # citation of the source ids that points to the table of sources
        "source_note": fig.get("source_note", ""),
        "source_ids": sorted({fnd.short_source(s) for s in fig.get("source_ids") or [] if s}),
    }


def table_block(
    df: pd.DataFrame, title: str, *, source_note: str = "", align: Sequence[str] | None = None,
    font_pt: float = 10.5, widths: Sequence[float] | None = None, key: str | None = None,
) -> dict:
    """A table block from a DataFrame of display strings (its columns are the header);
    `widths` are relative column widths for Word (default: from the content); `key` names a
    table that other blocks refer to (e.g. "sources")."""
    rows = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
    return {
        "kind": "table",
        "title": title,
        "columns": [str(c) for c in df.columns],
        "rows": rows,
        "align": list(align) if align else None,
        "source_note": source_note,
        "font_pt": font_pt,
        "widths": list(widths) if widths else None,
        "key": key,
    }


def number_blocks(blocks: list[dict]) -> list[dict]:
    """Number headings (1., 1.1., 1.1.1.), figures and tables in document order (in place)."""
    counters = [0, 0, 0]
    n_fig = n_tab = 0
    for block in blocks:
        if block["kind"] == "heading" and block.get("numbered", True):
            level = max(1, min(3, int(block.get("level", 1))))
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            block["number"] = ".".join(str(c) for c in counters[:level]) + "."
        elif block["kind"] == "figure":
            n_fig += 1
            block["number"] = n_fig
        elif block["kind"] == "table" and block.get("numbered", True):
            n_tab += 1
            block["number"] = n_tab
    return blocks


def cite_figure_sources(blocks: list[dict], lang: str) -> list[dict]:
    """Under each figure, a short citation instead of the long note drawn in the image:
    "Nguồn: [000], [003] — xem Bảng 1." (the number of the table of sources, counted as
    `number_blocks` counts tables). Figures without source ids keep their note. In place."""
    n_tab, sources_no = 0, None
    for block in blocks:
        if block["kind"] == "table" and block.get("numbered", True):
            n_tab += 1
            if block.get("key") == "sources":
                sources_no = n_tab
                break
    for block in blocks:
        ids = block.get("source_ids") if block["kind"] == "figure" else None
        if not ids:
            continue
        label = tr(lang, "Nguồn", "Source" if len(ids) == 1 else "Sources")
        text = f"{label}: " + ", ".join(f"[{i}]" for i in ids)
        if sources_no is not None:
            text += tr(lang, f" — xem Bảng {sources_no}.", f" — see Table {sources_no}.")
        else:
            text += "."
        block["source_note"] = text
    return blocks
