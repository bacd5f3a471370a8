"""The Word report as LibreOffice prints it: PDF pages, contents with page numbers, fields resolved.

Needs LibreOffice (Debian: libreoffice-writer-nogui) and poppler (poppler-utils); skipped with
the reason when they are absent. `make check-docs` installs both.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from dvc_analysis.report import build_report, office
from dvc_analysis.report.settings import ReportSettings

pytestmark = pytest.mark.slow

SETTINGS = ReportSettings(
    title="Báo cáo thử: thanh toán trực tuyến",
    author="Trần Văn Thử",
    organisation="Sở Nội vụ tỉnh Thử",
    place="Thái Nguyên",
    date=dt.date(2026, 1, 9),
    sections=("key_messages", "data", "payment", "citation"),
    figures=("thanh_toan_truc_tuyen", "chuoi_thanh_toan"),
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed, so the report cannot be printed "
                    "to PDF; `make check-docs` installs it")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed (Debian poppler-utils)")
    out = tmp_path_factory.mktemp("in_ra")
    build_report(out, settings=SETTINGS, toc_pages=True)
    pdf = office.to_pdf(out / "report.docx", out / "pdf")
    return out, pdf, office.page_texts(pdf)


def test_first_page_is_the_title_page(printed):
    _, _, pages = printed
    first = pages[0]
    assert first.startswith("SỞ NỘI VỤ TỈNH THỬ")
    assert SETTINGS.title in first
    assert "Thái Nguyên, ngày 09 tháng 01 năm 2026" in first
    assert "Người soạn: Trần Văn Thử" in first


def test_contents_list_the_chosen_sections_with_their_pages(printed):
    _, _, pages = printed
    contents = pages[1]
    assert contents.startswith("MỤC LỤC")
    # level-1 entries only ("3.1. …" entries are sub-sections)
    listed = re.findall(r"(?<![\d.])(\d+)\. ([^.\d]+?)\.{3,}\s*(\d+)", contents)
    names = [name.strip() for _, name, _ in listed]
    assert names == ["Những điểm chính", "Dữ liệu và phương pháp", "Thanh toán trực tuyến",
                     "Cách trích dẫn"]
    for number, name, page in listed:
        # the heading is printed on the page the contents give
        assert f"{number}. {name.strip()}" in pages[int(page) - 1], (name, page)


def test_fields_resolve_when_printed(printed):
    _, _, pages = printed
    text = " ".join(pages)
    assert "Error!" not in text and "Lỗi!" not in text
    captions = [int(n) for n in re.findall(r"Hình (\d+)\. ", text)]
    assert sorted(set(captions)) == [1, 2]
    assert "xem Bảng 1" in text


def test_every_page_renders(printed, tmp_path):
    _, pdf, pages = printed
    pngs = office.render_pages(pdf, tmp_path, dpi=30)
    assert len(pngs) == len(pages) >= 4
    assert all(p.stat().st_size > 1000 for p in pngs)
