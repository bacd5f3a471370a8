"""Render a numbered report document (list of block dicts) to Word (.docx) with python-docx.

Layout follows the usual convention for Vietnamese administrative documents: A4, margins
2/2/3/2 cm (16 cm text width), Times New Roman 13 pt body, numbered headings ("1.", "1.1."),
figures as 300-dpi PNG scaled to the text width with the caption "Hình N. …" and the source note
under each, tables with the caption "Bảng N. …" above, page numbers in the footer (field PAGE).

A block is a dict with a "kind": title, heading, paragraph, bullets, figure, table, note,
pagebreak (see `dvc_analysis.report` for the builders); numbers are assigned before rendering.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT = "Times New Roman"
BODY_PT = 13
TEXT_WIDTH_CM = 16.0
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
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        placeholder = OxmlElement("w:t")
        placeholder.text = "1"
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, instr, separate, placeholder, end):
            run._r.append(element)


def _add_runs(paragraph: Any, text: str) -> None:
    """Add text with **bold** spans (the only inline markup the report uses)."""
    parts = text.split("**")
    for i, part in enumerate(parts):
        if part:
            run = paragraph.add_run(part)
            run.bold = i % 2 == 1


def _figure(document: Any, block: dict, label: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    png = Path(block["png"])
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
    lead = cap.add_run(f"{label} {block['number']}. ")
    lead.bold = True
    cap.add_run(block["title"])
    if block.get("caption"):
        cap.add_run(f" {block['caption']}").italic = True
    _source_note(document, block.get("source_note"), center=True)


def _source_note(document: Any, note: str | None, *, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not note:
        return
    par = document.add_paragraph()
    if center:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = Pt(10)
    run = par.add_run(note)
    run.italic = True
    run.font.size = Pt(11)


def column_widths(columns: list[str], rows: list[list[str]], font_pt: float,
                  total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths (cm) summing to `total_cm`: each column gets at least its longest word
    (so that no word is split) and the rest of the width goes by the length of its longest text."""
    char_cm = font_pt * 0.55 / 72 * 2.54  # average glyph width of a serif font
    pad = 0.45  # the cell's left and right margins plus a little air
    mins, wants = [], []
    for j, col in enumerate(columns):
        texts = [col] + [r[j] for r in rows if j < len(r)]
        word = max((len(w) for t in texts for w in t.split()), default=1)
        longest = max((len(t) for t in texts), default=1)
        mins.append(min(word, 18) * char_cm + pad)
        wants.append(min(longest, 60) * char_cm + pad)
    base = sum(mins)
    if base >= total_cm:
        return [total_cm * m / base for m in mins]
    if sum(wants) <= total_cm:
        extra = (total_cm - sum(wants)) / len(wants)
        return [w + extra for w in wants]
    spare = total_cm - base
    need = [w - m for w, m in zip(wants, mins, strict=True)]
    total_need = sum(need) or 1.0
    return [m + spare * n / total_need for m, n in zip(mins, need, strict=True)]


def _table(document: Any, block: dict, label: str) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    cap = document.add_paragraph(style="Caption")
    cap.paragraph_format.keep_with_next = True
    cap.paragraph_format.space_before = Pt(8)
    lead = cap.add_run(f"{label} {block['number']}. ")
    lead.bold = True
    cap.add_run(block["title"])

    columns: list[str] = [str(c) for c in block["columns"]]
    rows: list[list[str]] = [["" if v is None else str(v) for v in row] for row in block["rows"]]
    align = block.get("align") or ["l"] * len(columns)
    font_pt = block.get("font_pt", 10.5)
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    if block.get("widths") and len(block["widths"]) == len(columns):
        rel = [float(w) for w in block["widths"]]
        widths = [Cm(TEXT_WIDTH_CM * w / sum(rel)) for w in rel]
    else:
        widths = [Cm(w) for w in column_widths(columns, rows, font_pt)]

    def fill(cell: Any, text: str, *, bold: bool, how: str, width: Any) -> None:
        cell.width = width
        par = cell.paragraphs[0]
        par.paragraph_format.space_after = Pt(0)
        par.paragraph_format.line_spacing = 1.0
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
    for i, row in enumerate(rows, start=1):
        cells = table.rows[i].cells
        for j, text in enumerate(row):
            fill(cells[j], text, bold=False, how=align[j] if j < len(align) else "l", width=widths[j])
    _source_note(document, block.get("source_note"))
    if not block.get("source_note"):
        document.add_paragraph().paragraph_format.space_after = Pt(4)


def write_docx(blocks: list[dict], path: str | Path, *, lang: str = "vi", meta: dict | None = None) -> Path:
    """Write numbered `blocks` to a .docx file at `path`; returns the path."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    meta = meta or {}
    fig_label = "Hình" if lang == "vi" else "Figure"
    tab_label = "Bảng" if lang == "vi" else "Table"
    document = docx.Document()
    _page_setup(document)
    _setup_styles(document)
    _add_page_number(document)
    props = document.core_properties
    props.title = meta.get("title", "")
    props.subject = meta.get("subject", "")
    props.author = meta.get("author", "dvc-analysis")
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    props.keywords = "DVCTT; dịch vụ công trực tuyến; online public services"

    for block in blocks:
        kind = block["kind"]
        if kind == "title":
            document.add_paragraph(block["text"], style="Title")
            for line in block.get("lines", []):
                document.add_paragraph(line, style="Subtitle")
        elif kind == "heading":
            number = block.get("number")
            text = f"{number} {block['text']}" if number else block["text"]
            document.add_heading(text, level=block.get("level", 1))
        elif kind == "paragraph":
            par = document.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            par.paragraph_format.first_line_indent = Cm(1.0) if block.get("indent", True) else None
            _add_runs(par, block["text"])
        elif kind == "note":
            par = document.add_paragraph()
            run = par.add_run(block["text"])
            run.italic = True
            run.font.size = Pt(11)
        elif kind == "bullets":
            for item in block["items"]:
                par = document.add_paragraph(style="List Bullet")
                par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                _add_runs(par, item)
        elif kind == "figure":
            _figure(document, block, fig_label)
        elif kind == "table":
            _table(document, block, tab_label)
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
