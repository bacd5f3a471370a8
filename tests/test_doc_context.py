"""The province and period a document's heading names, and their use by `extract`."""

from __future__ import annotations

import datetime as dt

import pytest

from dvc_analysis.extract import extract_text
from dvc_analysis.intake.doc_context import heading_period, heading_province


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["UBND TỈNH HÀ TĨNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], "42"),
        (["ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"], "22"),
        (["UBND THÀNH PHỐ HỒ CHÍ MINH", "Số: 5/BC-UBND"], "79"),
        (["Sở Nội vụ tỉnh Nghệ An"], "40"),
        (["UBND TỈNH HÀ TĨNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "42"),
        (["UBND TỈNH THỪA THIÊN HUẾ"], "46"),
    ],
)
def test_letterhead_names_the_province(lines, code):
    assert heading_province(lines) == code


@pytest.mark.parametrize(
    "lines",
    [
        ["BÁO CÁO tình hình dịch vụ công tại tỉnh Hà Tĩnh năm 2024"],  # a title, not a letterhead
        ["UBND TỈNH ATLANTIS"],
        ["Kết quả năm 2024"],
        [],
    ],
)
def test_no_letterhead_no_province(lines):
    assert heading_province(lines) is None


@pytest.mark.parametrize(
    ("lines", "start", "end"),
    [
        (["UBND TỈNH HÀ TĨNH", "BÁO CÁO Kết quả giải quyết TTHC quý III/2024"], (2024, 7, 1), (2024, 9, 30)),
        (["Báo cáo 6 tháng đầu năm 2024"], (2024, 1, 1), (2024, 6, 30)),
        (["BÁO CÁO THÁNG 9/2024"], (2024, 9, 1), (2024, 9, 30)),
        (["Hà Tĩnh, ngày 5 tháng 10 năm 2024", "Tình hình quý 2 năm 2024"], (2024, 4, 1), (2024, 6, 30)),
    ],
)
def test_heading_period(lines, start, end):
    p = heading_period(lines)
    assert (p.start, p.end) == (dt.date(*start), dt.date(*end))


def test_dateline_is_not_a_period():
    assert heading_period(["Hà Tĩnh, ngày 5 tháng 10 năm 2024"]) is None


TEXT = """UBND TỈNH HÀ TĨNH
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
BÁO CÁO
Kết quả cung cấp dịch vụ công trực tuyến quý III/2024
Hà Tĩnh, ngày 05 tháng 10 năm 2024
Đoàn công tác đã học tập cách làm của Nghệ An; cán bộ Nghệ An và Nghệ An chia sẻ kinh nghiệm.
Toàn tỉnh tiếp nhận 12.500 hồ sơ, trong đó 6.100 hồ sơ trực tuyến, đạt 48,8%."""


def test_extract_takes_province_and_period_from_the_heading():
    rows = extract_text(TEXT)
    fig = rows[rows["evidence"] == "48,8%"].iloc[0]
    # the letterhead wins over the province the body mentions most
    assert fig["province_code"] == "42"
    assert (fig["period_start"], fig["period_end"]) == ("2024-07-01", "2024-09-30")
    assert "ước đoán" not in fig["period_label"]
