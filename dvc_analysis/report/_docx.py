"""Render a numbered report document (list of block dicts) to Word (.docx) with python-docx.

Layout follows the usual convention for Vietnamese administrative documents: A4, margins
2/2/3/2 cm (16 cm text width), Times New Roman 13 pt body, numbered headings ("1.", "1.1."),
figures as 300-dpi PNG scaled to the text width with the caption "Hình N. …" and the source note
under each, tables with the caption "Bảng N. …" above, page numbers in the footer (field PAGE).
Word's own machinery carries what the writer edits: the numbers of figures and tables are SEQ
fields inside bookmarks, "Bảng N"/"Hình N" in the text are REF fields to them, the contents are a
TOC field, and settings.xml asks Word to update all fields on open. Every style carries the
proofing language (vi-VN, or en-US for English reports).

A block is a dict with a "kind": title, heading, paragraph, bullets, figure, table, note,
pagebreak (see `dvc_analysis.report` for the builders); numbers are assigned before rendering.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ._wordml import (
    TEXT_WIDTH_CM,
    bookmark,
    column_widths,
    field,
    set_language,
    update_fields_on_open,
)

FONT = "Times New Roman"
BODY_PT = 13
MAX_FIGURE_HEIGHT_CM = 19.0


def _set_font(style_or_run: Any, name: str = FONT) -> None:
    """Set a font on every script slot (ascii, hAnsi, eastAsia, cs) and drop theme fonts."""
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _setup_styles(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal)
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15

    sizes = {"Heading 1": 14, "Heading 2": 13, "Heading 3": 13}
    for name, size in sizes.items():
        st = styles[name]
        _set_font(st)
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = name == "Heading 3"
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True

    for name, size in (("Title", 16), ("Subtitle", 13)):
        st = styles[name]
        _set_font(st)
        st.font.size = Pt(size)
        st.font.bold = name == "Title"
        st.font.italic = name == "Subtitle"
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        st.paragraph_format.space_after = Pt(6)
        # the default Title style spaces its letters and kerns: plain text reads (and
        # searches) better
        rpr = st.element.rPr
        if rpr is not None:
            from docx.oxml.ns import qn as _qn

            for tag in ("w:spacing", "w:kern"):
                for el in rpr.findall(_qn(tag)):
                    rpr.remove(el)
        # the default Title style draws a coloured rule under the text: drop it
        ppr = st.element.pPr
        if ppr is not None:
            from docx.oxml.ns import qn

            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)

    cap = styles["Caption"]
    _set_font(cap)
    cap.font.size = Pt(12)
    cap.font.bold = False
    cap.font.italic = False
    cap.font.color.rgb = RGBColor(0, 0, 0)
    cap.paragraph_format.space_before = Pt(3)
    cap.paragraph_format.space_after = Pt(2)

    for name in ("List Bullet",):
        st = styles[name]
        _set_font(st)
        st.font.size = Pt(BODY_PT)
        st.paragraph_format.space_after = Pt(4)
        st.paragraph_format.left_indent = Cm(0.75)

    for name in ("Header", "Footer"):
        _set_font(styles[name])
        styles[name].font.size = Pt(11)


def _page_setup(document: Any) -> None:
    from docx.shared import Cm

    for section in document.sections:
        section.page_width = Cm(21.0)
        section.page_height = Cm(29.7)
        section.top_margin = Cm(2.0)
        section.bottom_margin = Cm(2.0)
        section.left_margin = Cm(3.0)
        section.right_margin = Cm(2.0)
        section.header_distance = Cm(1.0)
        section.footer_distance = Cm(1.0)


def _add_page_number(document: Any) -> None:
    """Footer: a centred PAGE field (updated by the word processor on open/print)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field(paragraph, "PAGE", "1")


# "Hình 3", "Bảng 12", "Figure 3", "Table 12" in running text
_REF = re.compile(r"\b(Hình|Bảng|Figure|Table)\s(\d+)\b")


def _add_runs(paragraph: Any, text: str, refs: dict[str, str] | None = None) -> None:
    """Add text with **bold** spans (the only inline markup the report uses); "Bảng N"/"Hình N"
    that name a caption of this document become REF fields to its bookmark."""
    parts = text.split("**")
    for i, part in enumerate(parts):
        if not part:
            continue
        pos = 0
        for m in _REF.finditer(part) if refs else ():
            name = refs.get(f"{m.group(1)} {m.group(2)}")
            if not name:
                continue
            if m.start() > pos:
                paragraph.add_run(part[pos:m.start()]).bold = i % 2 == 1
            field(paragraph, f"REF {name} \\h", m.group(0), bold=i % 2 == 1)
            pos = m.end()
        if pos < len(part):
            paragraph.add_run(part[pos:]).bold = i % 2 == 1


def _caption(paragraph: Any, label: str, seq: str, number: int, mark: str) -> None:
    """"Hình 3. " with the number as a SEQ field, label and number inside the bookmark `mark`."""

    def fill(par: Any) -> None:
        par.add_run(f"{label} ").bold = True
        field(par, f"SEQ {seq} \\* ARABIC", str(number), bold=True)

    bookmark(paragraph, mark, fill)
    paragraph.add_run(". ").bold = True


def _figure(document: Any, block: dict, label: str, seq: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    png = Path(block.get("report_png") or block["png"])
    width_cm = TEXT_WIDTH_CM
    try:
        from PIL import Image

        with Image.open(png) as img:
            w_px, h_px = img.size
        if w_px and h_px and width_cm * h_px / w_px > MAX_FIGURE_HEIGHT_CM:
            width_cm = MAX_FIGURE_HEIGHT_CM * w_px / h_px
    except Exception:  # noqa: BLE001 - size probing is best effort; python-docx still embeds it
        pass
    pic_par = document.add_paragraph()
    pic_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic_par.paragraph_format.keep_with_next = True
    pic_par.paragraph_format.space_before = Pt(6)
    pic_par.paragraph_format.space_after = Pt(0)
    pic_par.add_run().add_picture(str(png), width=Cm(width_cm))

    cap = document.add_paragraph(style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.keep_with_next = bool(block.get("source_note"))
    _caption(cap, label, seq, block["number"], figure_bookmark(block["number"]))
    cap.add_run(block["title"])
    if block.get("caption"):
        cap.add_run(f" {block['caption']}").italic = True
    _source_note(document, block.get("source_note"), center=True)


def figure_bookmark(number: int) -> str:
    """Bookmark name of figure `number` (hidden bookmark: leading underscore)."""
    return f"_RefHinh{int(number)}"


def table_bookmark(number: int) -> str:
    """Bookmark name of table `number` (hidden bookmark: leading underscore)."""
    return f"_RefBang{int(number)}"


def _source_note(document: Any, note: str | None, *, center: bool = False,
                 refs: dict[str, str] | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not note:
        return
    par = document.add_paragraph()
    if center:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = Pt(10)
    _add_runs(par, note, refs)
    for run in par.runs:
        run.italic = True
        run.font.size = Pt(11)


def _table(document: Any, block: dict, label: str, seq: str, refs: dict[str, str]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    if block.get("number"):  # an unnumbered table (e.g. the abbreviations) has no caption
        cap = document.add_paragraph(style="Caption")
        cap.paragraph_format.keep_with_next = True
        cap.paragraph_format.space_before = Pt(8)
        _caption(cap, label, seq, block["number"], table_bookmark(block["number"]))
        cap.add_run(block["title"])

    columns: list[str] = [str(c) for c in block["columns"]]
    rows: list[list[str]] = [["" if v is None else str(v) for v in row] for row in block["rows"]]
    align = block.get("align") or ["l"] * len(columns)
    preferred = [float(w) for w in block["widths"]] if block.get("widths") else None
    cm, font_pt = column_widths(columns, rows, block.get("font_pt", 10.5), preferred=preferred)
    widths = [Cm(w) for w in cm]
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    def fill(cell: Any, text: str, *, bold: bool, how: str, width: Any) -> None:
        cell.width = width
        par = cell.paragraphs[0]
        par.paragraph_format.space_after = Pt(0)
        par.paragraph_format.line_spacing = 1.0
        par.paragraph_format.first_line_indent = None
        par.alignment = {"r": WD_ALIGN_PARAGRAPH.RIGHT, "c": WD_ALIGN_PARAGRAPH.CENTER}.get(
            how, WD_ALIGN_PARAGRAPH.LEFT
        )
        run = par.add_run(text)
        run.bold = bold
        run.font.size = Pt(font_pt)

    for j, column in enumerate(table.columns):
        column.width = widths[j]
    for j, col in enumerate(columns):
        fill(table.rows[0].cells[j], col, bold=True, how="c", width=widths[j])
    # repeat the header row on every page
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for tr in table.rows:  # a row stays whole on one page
        no_split = OxmlElement("w:cantSplit")
        no_split.set(qn("w:val"), "true")
        tr._tr.get_or_add_trPr().insert(0, no_split)  # cantSplit comes before tblHeader
    for i, row in enumerate(rows, start=1):
        cells = table.rows[i].cells
        for j, text in enumerate(row):
            fill(cells[j], text, bold=False, how=align[j] if j < len(align) else "l", width=widths[j])
    _source_note(document, block.get("source_note"), refs=refs)
    if not block.get("source_note"):
        document.add_paragraph().paragraph_format.space_after = Pt(4)


def _title_page(document: Any, block: dict) -> None:
    """Title page as Vietnamese reports set it: the issuing organisation at the top, the title in
    the middle, the place-and-date line under it, then a page break."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    if block.get("organisation"):
        org = document.add_paragraph()
        org.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = org.add_run(block["organisation"].upper())
        run.bold = True
        run.font.size = Pt(13)
        org.add_run("\n" + "—" * 6).font.size = Pt(11)
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Pt(150)
    document.add_paragraph(block["text"], style="Title")
    for line in block.get("lines", []):
        document.add_paragraph(line, style="Subtitle")
    if block.get("date_line"):
        when = document.add_paragraph()
        when.alignment = WD_ALIGN_PARAGRAPH.CENTER
        when.paragraph_format.space_before = Pt(36)
        when.add_run(block["date_line"]).italic = True
    if block.get("author_line"):
        by = document.add_paragraph()
        by.alignment = WD_ALIGN_PARAGRAPH.CENTER
        by.add_run(block["author_line"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def toc_entries(blocks: list[dict], max_level: int = 2) -> list[tuple[int, str]]:
    """(level, text) of the headings the contents list, as the TOC field will show them."""
    out = []
    for block in blocks:
        if block["kind"] == "heading" and int(block.get("level", 1)) <= max_level:
            number = block.get("number")
            out.append((int(block.get("level", 1)),
                        f"{number} {block['text']}" if number else block["text"]))
    return out


def _contents(document: Any, blocks: list[dict], lang: str, pages: dict[str, int] | None) -> None:
    """A "Mục lục" heading (not itself listed) and a TOC field over heading levels 1–2; its
    cached result lists the headings (with page numbers when `pages` gives them), and Word
    refreshes it on open or with F9."""
    from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    head = document.add_paragraph(style="Title")
    head.add_run("MỤC LỤC" if lang == "vi" else "CONTENTS")
    entries = toc_entries(blocks)
    first = document.add_paragraph()

    def fld(par: Any, kind: str, instr: str | None = None) -> None:
        run = par.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        run._r.append(el)
        if instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            par.add_run()._r.append(it)

    fld(first, "begin", ' TOC \\o "1-2" \\h \\z \\u ')
    fld(first, "separate")
    pars = [first] + [document.add_paragraph() for _ in entries[1:]]
    for par, (level, text) in zip(pars, entries, strict=False):
        pf = par.paragraph_format
        pf.left_indent = Cm(0.8 * (level - 1))
        pf.space_after = Pt(2)
        pf.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        run = par.add_run(text)
        run.bold = level == 1
        page = (pages or {}).get(text)
        if page:
            par.add_run(f"\t{page}")
    fld(pars[-1] if entries else first, "end")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_docx(blocks: list[dict], path: str | Path, *, lang: str = "vi", meta: dict | None = None,
               toc_pages: dict[str, int] | None = None) -> Path:
    """Write numbered `blocks` to a .docx file at `path`; returns the path.

    Parameters
    ----------
    blocks : list of dict
        Numbered blocks (see ``number_blocks``).
    path : str or Path
        Where to write the .docx.
    lang : {"vi", "en"}
        Labels ("Hình"/"Figure") and proofing language (vi-VN / en-US).
    meta : dict, optional
        Core properties: title, subject, author, keywords.
    toc_pages : dict, optional
        Heading text -> page number, shown in the contents until Word updates the field.

    Returns
    -------
    Path
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    meta = meta or {}
    fig_label, fig_seq = ("Hình", "Hinh") if lang == "vi" else ("Figure", "Figure")
    tab_label, tab_seq = ("Bảng", "Bang") if lang == "vi" else ("Table", "Table")
    # "Bảng 3" / "Hình 2" in the text -> the bookmark of that caption
    refs = {}
    for block in blocks:
        if block["kind"] == "figure" and block.get("number"):
            refs[f"{fig_label} {block['number']}"] = figure_bookmark(block["number"])
        elif block["kind"] == "table" and block.get("number"):
            refs[f"{tab_label} {block['number']}"] = table_bookmark(block["number"])
    document = docx.Document()
    _page_setup(document)
    _setup_styles(document)
    set_language(document, "vi-VN" if lang == "vi" else "en-US")
    update_fields_on_open(document)
    _add_page_number(document)
    props = document.core_properties
    props.title = meta.get("title", "")
    props.subject = meta.get("subject", "")
    props.author = meta.get("author") or "dvc-analysis"
    props.last_modified_by = props.author
    props.language = "vi-VN" if lang == "vi" else "en-US"
    props.keywords = meta.get("keywords", "DVCTT; dịch vụ công trực tuyến; online public services")
    if meta.get("organisation"):
        props.category = meta["organisation"]

    for block in blocks:
        kind = block["kind"]
        if kind == "title":
            _title_page(document, block)
            if meta.get("toc", True):
                _contents(document, blocks, lang, toc_pages)
        elif kind == "heading":
            number = block.get("number")
            text = f"{number} {block['text']}" if number else block["text"]
            document.add_heading(text, level=block.get("level", 1))
        elif kind == "paragraph":
            par = document.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            par.paragraph_format.first_line_indent = Cm(1.0) if block.get("indent", True) else None
            _add_runs(par, block["text"], refs)
        elif kind == "note":
            par = document.add_paragraph()
            _add_runs(par, block["text"], refs)
            for run in par.runs:
                run.italic = True
                run.font.size = Pt(11)
        elif kind == "bullets":
            for item in block["items"]:
                par = document.add_paragraph(style="List Bullet")
                par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                _add_runs(par, item, refs)
        elif kind == "figure":
            _figure(document, block, fig_label, fig_seq)
        elif kind == "table":
            _table(document, block, tab_label, tab_seq, refs)
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
