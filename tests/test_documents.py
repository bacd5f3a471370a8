"""The Word and Excel files as a reader receives them: title page, contents, fields, language,
tables that do not break numbers, a workbook that prints, and the English report.

The reports are built once per module from the bundled data with explicit title-page settings.
Text is read straight from the Office XML (every w:t), independently of python-docx's writer.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from dvc_analysis.report import build_report
from dvc_analysis.report.settings import ReportSettings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SNAKE = re.compile(r"[a-z]+_[a-z_]+")
SETTINGS = ReportSettings(
    title="Dịch vụ công trực tuyến các tỉnh: thử nghiệm",
    author="Nguyễn Thị Kiểm",
    organisation="Ban Tuyên giáo Tỉnh ủy",
    place="Sơn La",
    date=dt.date(2026, 2, 5),
)


@pytest.fixture(scope="module")
def built_vi(tmp_path_factory):
    out = tmp_path_factory.mktemp("bao_cao_vi")
    summary = build_report(out, settings=SETTINGS)
    return out, summary


@pytest.fixture(scope="module")
def built_en(tmp_path_factory):
    out = tmp_path_factory.mktemp("report_en")
    summary = build_report(out, lang="en", settings=ReportSettings(place="Hanoi", date=dt.date(2026, 2, 5)))
    return out, summary


def _xml(docx: Path, part: str = "word/document.xml"):
    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(part))


def _paragraph_texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _visible_text(root) -> str:
    return "\n".join(_paragraph_texts(root))


def _style_of(p) -> str:
    ps = p.find(f"{W}pPr/{W}pStyle")
    return ps.get(f"{W}val") if ps is not None else ""


def _instr(p) -> str:
    return "".join(i.text or "" for i in p.iter(f"{W}instrText"))


# ---------------------------------------------------------------------------------------------
# title page, properties, contents, fields, language


def test_core_properties_carry_title_and_author(built_vi):
    import docx

    doc = docx.Document(str(built_vi[0] / "report.docx"))
    assert doc.core_properties.title == SETTINGS.title
    assert doc.core_properties.author == SETTINGS.author
    assert doc.core_properties.language == "vi-VN"


def test_title_page_in_the_vietnamese_form(built_vi):
    root = _xml(built_vi[0] / "report.docx")
    texts = [t for t in _paragraph_texts(root) if t.strip()]
    # organisation first (capitals), then the title, then the place-and-date line, all
    # before the contents
    first_page = texts[: texts.index("MỤC LỤC")]
    assert first_page[0].startswith("BAN TUYÊN GIÁO TỈNH ỦY")
    assert SETTINGS.title in first_page
    assert "Sơn La, ngày 05 tháng 02 năm 2026" in first_page
    assert first_page.index(SETTINGS.title) < first_page.index("Sơn La, ngày 05 tháng 02 năm 2026")
    assert not any("dvc-analysis 0." in t for t in first_page)


def test_contents_is_a_toc_field_that_word_updates_on_open(built_vi):
    root = _xml(built_vi[0] / "report.docx")
    instr = " ".join(_instr(p) for p in root.iter(f"{W}p"))
    assert re.search(r"TOC \\o \"1-2\"", instr)
    settings = _xml(built_vi[0] / "report.docx", "word/settings.xml")
    flag = settings.find(f"{W}updateFields")
    assert flag is not None and flag.get(f"{W}val") == "true"


def test_every_caption_numbers_itself_with_a_seq_field(built_vi):
    root = _xml(built_vi[0] / "report.docx")
    captions = [p for p in root.iter(f"{W}p") if _style_of(p) == "Caption"]
    assert captions
    for p in captions:
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        assert re.search(r"SEQ (Hinh|Bang) ", _instr(p)), text
        # the bookmark that cross-references point to wraps label and number
        assert p.find(f"{W}bookmarkStart") is not None, text
    n_images = len(list(root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")))
    seqs = [_instr(p) for p in captions]
    assert sum("SEQ Hinh" in s for s in seqs) == n_images
    # every table has its numbered caption right above it, except the list of abbreviations
    body = root.find(f"{W}body")
    children = list(body)
    for i, el in enumerate(children):
        if el.tag != f"{W}tbl":
            continue
        first_cell = "".join(t.text or "" for t in el.find(f".//{W}tc").iter(f"{W}t"))
        if first_cell == "Chữ viết tắt":
            continue
        above = children[i - 1]
        assert _style_of(above) == "Caption" and "SEQ Bang" in _instr(above), first_cell


def test_references_in_the_text_are_ref_fields_to_existing_bookmarks(built_vi):
    root = _xml(built_vi[0] / "report.docx")
    marks = {b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")}
    refs = re.findall(r"REF (\S+) \\h", " ".join(i.text or "" for i in root.iter(f"{W}instrText")))
    assert refs, "the text names Bảng 1 (sources) at least once"
    assert set(refs) <= marks


def test_proofing_language_on_every_style_and_the_defaults(built_vi, built_en):
    for (out, _), tag in ((built_vi, "vi-VN"), (built_en, "en-US")):
        styles = _xml(out / "report.docx", "word/styles.xml")
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default is not None and default.get(f"{W}val") == tag
        for style in styles.iter(f"{W}style"):
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}val") == tag, style.get(f"{W}styleId")


def test_no_machine_names_in_the_vietnamese_text(built_vi):
    text = _visible_text(_xml(built_vi[0] / "report.docx"))
    found = sorted(set(SNAKE.findall(text)))
    assert found == []


def _serif_font():
    """Liberation Serif (metric twin of Times New Roman), to measure text independently."""
    import glob
    import shutil
    import subprocess

    path = ""
    if shutil.which("fc-match"):
        path = subprocess.run(["fc-match", "-f", "%{file}", "Liberation Serif"],
                              capture_output=True, text=True, check=False).stdout.strip()
    if "LiberationSerif" not in path:
        found = glob.glob("/usr/share/fonts/**/LiberationSerif-Regular.ttf", recursive=True)
        path = found[0] if found else ""
    if not path:
        pytest.skip("Liberation Serif not installed (Debian fonts-liberation), so text widths "
                    "cannot be measured")
    from PIL import ImageFont

    return ImageFont.truetype(path, 100)


def test_no_number_wraps_in_a_table_cell(built_vi):
    font = _serif_font()
    root = _xml(built_vi[0] / "report.docx")
    checked = 0
    for tbl in root.iter(f"{W}tbl"):
        for tc in tbl.iter(f"{W}tc"):
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if not re.search(r"\d", text) or re.search(r"[^\W\d_]", text):
                continue  # only cells made of numbers and signs must stay on one line
            width = tc.find(f"{W}tcPr/{W}tcW")
            sz = tc.find(f".//{W}rPr/{W}sz")
            pt = int(sz.get(f"{W}val")) / 2 if sz is not None else 11
            available_pt = int(width.get(f"{W}w")) / 20 - 2 * 108 / 20  # twips, minus margins
            needed_pt = font.getlength(text) / 100 * pt
            assert needed_pt <= available_pt, f"{text!r} needs {needed_pt:.1f} pt, has {available_pt:.1f}"
            checked += 1
    assert checked > 50


# ---------------------------------------------------------------------------------------------
# content: key messages, citation, figures


def test_key_messages_come_first_with_periods_and_sources(built_vi):
    import docx

    doc = docx.Document(str(built_vi[0] / "report.docx"))
    pars = doc.paragraphs
    heads = [i for i, p in enumerate(pars) if p.style.name.startswith("Heading")]
    names = [pars[i].text for i in heads]
    # the first numbered section (only the unnumbered list of abbreviations comes before)
    numbered = [k for k, t in enumerate(names) if re.match(r"\d+\. ", t)]
    assert names[numbered[0]] == "1. Những điểm chính", names[:3]
    start, end = heads[numbered[0]], heads[numbered[0] + 1]
    items = [p.text for p in pars[start + 1:end] if p.style.name == "List Bullet"]
    assert 3 <= len(items) <= 5
    for item in items:
        assert re.search(r"\b(19|20)\d\d\b", item), item  # a period is named
        assert re.search(r"nguồn \[\d{3}\]", item), item
    assert not any("không xếp hạng" in i for i in items)


def test_report_ends_with_how_to_cite(built_vi):
    import docx

    doc = docx.Document(str(built_vi[0] / "report.docx"))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert "Cách trích dẫn" in heads[-1]
    tail = "\n".join(p.text for p in doc.paragraphs[-12:])
    assert SETTINGS.title in tail and "2026" in tail
    assert "dvc-analysis" in tail and "CITATION.cff" in tail


def test_sources_table_gives_publisher_date_and_link_columns(built_vi):
    import docx

    doc = docx.Document(str(built_vi[0] / "report.docx"))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Mã")
    header = [c.text for c in table.rows[0].cells]
    assert {"Nguồn", "Cơ quan đăng", "Ngày đăng", "Đường dẫn"} <= set(header)
    body = "\n".join(c.text for r in table.rows[1:] for c in r.cells)
    assert "Báo Bình Dương" in body  # the one publisher the texts name
    assert "Nhiều dấu ấn trong công tác giải quyết thủ tục hành chính" in body  # headline


def test_figure_files_are_numbered_as_in_the_report(built_vi):
    import docx

    out = built_vi[0]
    doc = docx.Document(str(out / "report.docx"))
    numbers = [int(m.group(1)) for p in doc.paragraphs if p.style.name == "Caption"
               for m in [re.match(r"Hình (\d+)\.", p.text)] if m]
    assert numbers == list(range(1, len(numbers) + 1))
    files = sorted(p.name for p in (out / "figures").glob("hinh_*.png"))
    assert [int(f[5:7]) for f in files] == numbers


def test_report_figures_leave_title_and_source_to_the_caption(built_vi):
    from PIL import Image

    out = built_vi[0]
    with zipfile.ZipFile(out / "report.docx") as z:
        # python-docx names embedded images image1, image2, ... in the order they are placed
        media = sorted((n for n in z.namelist() if n.startswith("word/media/")),
                       key=lambda n: int(re.sub(r"\D", "", n.rsplit("/", 1)[1]) or 0))
        sizes = []
        for name in media:
            with z.open(name) as fh, Image.open(fh) as im:
                sizes.append(im.size)
    standalone = []
    for path in sorted((out / "figures").glob("hinh_*.png")):
        with Image.open(path) as im:
            standalone.append(im.size)
    assert len(sizes) == len(standalone)
    # same drawing width, less height: the title block and the note are not in the image
    for (w_doc, h_doc), (w_file, h_file) in zip(sizes, standalone, strict=True):
        assert w_doc == w_file and h_doc < h_file


# ---------------------------------------------------------------------------------------------
# workbook


def test_workbook_headers_are_words_and_the_sheets_print(built_vi, built_en):
    import openpyxl

    for out, technical in ((built_vi[0], "Kỹ thuật"), (built_en[0], "Technical")):
        wb = openpyxl.load_workbook(out / "tables" / "dvc_tables.xlsx")
        assert wb.sheetnames[-1] == technical
        contents = wb.worksheets[0]
        described = [r[0] for r in contents.iter_rows(min_row=2, values_only=True)]
        assert described == wb.sheetnames  # every sheet described, the contents included
        for ws in wb.worksheets:
            header = [c.value for c in next(ws.iter_rows(max_row=1))]
            if ws.title != technical:
                assert [h for h in header if SNAKE.fullmatch(str(h))] == [], ws.title
            assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            # one page wide (1 is the default, which the file may leave out), any height
            assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
            assert ws.print_title_rows == "$1:$1"
            assert ws.freeze_panes in ("B2", "A2")


def test_workbook_flags_read_co_khong(built_vi):
    import openpyxl

    wb = openpyxl.load_workbook(built_vi[0] / "tables" / "dvc_tables.xlsx")
    ws = wb["So sánh"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("Giá trị mới nhất của đơn vị")
    assert {r[col] for r in rows[1:]} == {"có", "không"}
    tech = wb["Kỹ thuật"]
    header = [c.value for c in next(tech.iter_rows(max_row=1))]
    assert {"obs_id", "indicator", "warnings"} <= set(header)


# ---------------------------------------------------------------------------------------------
# English


def test_english_report_counts_and_words(built_en):
    text = _visible_text(_xml(built_en[0] / "report.docx"))
    assert not re.search(r"\b1 warnings\b|\b[02-9] warning\b|\b[02-9] note\b|\b1 notes\b", text)
    for fragment in ("theo nguồn", "cấp tỉnh (sở", "văn bản chưa xác định", "Phụ lục A", "đpt"):
        assert fragment not in text, fragment
