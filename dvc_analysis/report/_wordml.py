"""Office Open XML pieces python-docx lacks: fields, bookmarks, proofing language, column widths."""

from __future__ import annotations

import itertools
import re
from typing import Any

TEXT_WIDTH_CM = 16.0


def field(paragraph: Any, instr: str, result: str, *, bold: bool | None = None,
           size_pt: float | None = None) -> Any:
    """Append a complex field (begin, instruction, separate, cached result, end) to `paragraph`;
    returns the run holding the cached result, which Word replaces when it updates the field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def run_with(child: Any) -> Any:
        run = paragraph.add_run()
        if bold is not None:
            run.bold = bold
        if size_pt is not None:
            run.font.size = Pt(size_pt)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr.strip()} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = paragraph.add_run(result)
    if bold is not None:
        shown.bold = bold
    if size_pt is not None:
        shown.font.size = Pt(size_pt)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
    return shown


_BOOKMARK_IDS = itertools.count(1)  # only uniqueness within one document matters


def bookmark(paragraph: Any, name: str, fill: Any) -> None:
    """Wrap what `fill(paragraph)` appends in a bookmark called `name` (target of REF fields)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ident = str(next(_BOOKMARK_IDS))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    paragraph._p.append(start)
    fill(paragraph)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    paragraph._p.append(end)


def set_language(document: Any, tag: str) -> None:
    """Proofing language `tag` (e.g. "vi-VN") in the document defaults and on every style, so
    the spelling checker uses the right dictionary whatever style a paragraph has."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def put(rpr: Any) -> None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.attrib.pop(qn(attr), None)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        put(rpr)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
    for style in styles.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        put(rpr)


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)


def update_fields_on_open(document: Any) -> None:
    """settings.xml: w:updateFields, so Word fills the contents and the numbers on open."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    # the schema fixes the order of settings: updateFields goes before these
    after = {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}
    for i, child in enumerate(settings):
        if child.tag in after:
            settings.insert(i, flag)
            return
    settings.append(flag)


# Advance widths of Times New Roman (and its metric twin Liberation Serif) in em, by character
# class; accented Vietnamese letters take the width of their base letter.
_EM = {
    **dict.fromkeys("0123456789", 0.5), " ": 0.25, ".": 0.25, ",": 0.25, ":": 0.278, ";": 0.278,
    "/": 0.278, "%": 0.833, "(": 0.333, ")": 0.333, "[": 0.333, "]": 0.333, "-": 0.333,
    "–": 0.5, "—": 1.0, "<": 0.564, ">": 0.564, "≥": 0.549, "≤": 0.549, "+": 0.564, "*": 0.5,
    "a": 0.444, "b": 0.5, "c": 0.444, "d": 0.5, "e": 0.444, "f": 0.333, "g": 0.5, "h": 0.5,
    "i": 0.278, "j": 0.278, "k": 0.5, "l": 0.278, "m": 0.778, "n": 0.5, "o": 0.5, "p": 0.5,
    "q": 0.5, "r": 0.333, "s": 0.389, "t": 0.278, "u": 0.5, "v": 0.5, "w": 0.722, "x": 0.5,
    "y": 0.5, "z": 0.444, "đ": 0.5, "Đ": 0.722,
    "A": 0.722, "B": 0.667, "C": 0.667, "D": 0.722, "E": 0.611, "F": 0.556, "G": 0.722,
    "H": 0.722, "I": 0.333, "J": 0.389, "K": 0.722, "L": 0.611, "M": 0.889, "N": 0.722,
    "O": 0.722, "P": 0.556, "Q": 0.722, "R": 0.667, "S": 0.556, "T": 0.611, "U": 0.722,
    "V": 0.722, "W": 0.944, "X": 0.722, "Y": 0.722, "Z": 0.611,
}
CELL_PAD_CM = 0.38 + 0.12  # Word's default cell margins (2 × 0.19 cm) plus a little air
MIN_FONT_PT = 7.5
_LETTER = re.compile(r"[^\W\d_]")


def text_width_cm(text: str, font_pt: float, *, bold: bool = False) -> float:
    """Printed width of `text` in Times New Roman at `font_pt` (cm), from per-glyph widths.

    Examples
    --------
    >>> round(text_width_cm("1.542/1.868", 10), 2)
    1.73
    """
    import unicodedata

    em = 0.0
    for ch in text:
        w = _EM.get(ch)
        if w is None:
            base = unicodedata.normalize("NFD", ch)[:1]
            w = _EM.get(base, 0.6 if base.isupper() else 0.5)
        em += w
    return em * font_pt / 72 * 2.54 * (1.06 if bold else 1.0)


def is_numeric_text(text: str) -> bool:
    """A cell that must stay on one line: digits and signs only, no letters (e.g. "82,5%",
    "1.542/1.868", "14.064/>14.100", "1/1–18/3/2022")."""
    return any(c.isdigit() for c in text) and not _LETTER.search(text)


def _column_minimums(columns: list[str], rows: list[list[str]], font_pt: float) -> list[float]:
    """Per column, the width below which something breaks: a numeric cell, or a word (long
    words other than numbers, such as links, may break past 4 cm)."""
    mins = []
    for j, col in enumerate(columns):
        cells = [r[j] for r in rows if j < len(r) and r[j]]
        numeric = max((text_width_cm(t, font_pt) for t in cells if is_numeric_text(t)), default=0)
        # a short header stays on one line; a long one may wrap between its words
        words = ([text_width_cm(col, font_pt, bold=True)] if len(col) <= 12 else
                 [text_width_cm(w, font_pt, bold=True) for w in col.split()])
        words += [text_width_cm(w, font_pt) for t in cells for w in t.split()]
        mins.append(max(numeric, min(max(words, default=0.5), 4.0)) + CELL_PAD_CM)
    return mins


def column_widths(columns: list[str], rows: list[list[str]], font_pt: float,
                  total_cm: float = TEXT_WIDTH_CM,
                  preferred: list[float] | None = None) -> tuple[list[float], float]:
    """Column widths (cm) summing to `total_cm` and the font size that makes them fit.

    Every column gets at least its longest numeric cell (so no number ever breaks) and its
    longest word; the rest of the width goes by `preferred` relative widths when given, else by
    the length of each column's longest text. When the minimums do not fit at `font_pt`, the
    font shrinks by half points down to 7.5 pt.

    Returns
    -------
    (widths in cm, font size in points)
    """
    size = float(font_pt)
    mins = _column_minimums(columns, rows, size)
    while sum(mins) > total_cm and size > MIN_FONT_PT:
        size -= 0.5
        mins = _column_minimums(columns, rows, size)
    if sum(mins) >= total_cm:
        return [total_cm * m / sum(mins) for m in mins], size
    if preferred and len(preferred) == len(columns) and sum(preferred) > 0:
        wants = [total_cm * p / sum(preferred) for p in preferred]
    else:
        wants = []
        for j, col in enumerate(columns):
            texts = [col] + [r[j] for r in rows if j < len(r)]
            wants.append(min(max(text_width_cm(t, size) for t in texts), 9.0) + CELL_PAD_CM)
        if sum(wants) <= total_cm:
            extra = (total_cm - sum(wants)) / len(wants)
            return [w + extra for w in wants], size
    # give each column its minimum, then share the rest by how much more each one wants
    spare = total_cm - sum(mins)
    need = [max(w - m, 0.0) for w, m in zip(wants, mins, strict=True)]
    total_need = sum(need)
    if total_need <= 0:
        return [m + spare / len(mins) for m in mins], size
    return [m + spare * n / total_need for m, n in zip(mins, need, strict=True)], size


