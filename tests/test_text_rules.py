"""Each failure kind of the text tools, on sentences written for these tests (not from any source)."""

from __future__ import annotations

import pytest

from dvc_analysis.intake.coding import suggest_codes
from dvc_analysis.intake.extract import extract_text


def codes(text: str, kind: str | None = None) -> set[str]:
    coded = suggest_codes(text)
    if kind is not None:
        coded = coded[coded["kind"] == kind]
    return set(coded["code"])


# --------------------------------------------------------------------------- lists after a cue
def test_list_after_a_cue_codes_every_item():
    text = ("Việc triển khai gặp nhiều khó khăn như: thiếu máy tính ở các xã; dữ liệu hộ tịch chưa "
            "liên thông; kỹ năng số của công chức; thói quen làm giấy của người dân.")
    assert {"B01", "B09", "B10", "B03"} <= codes(text, "barrier")


def test_bullets_after_a_heading_are_items_of_the_list():
    text = "Những tồn tại chính:\n- hạ tầng mạng ở vùng sâu;\n- hướng dẫn về chữ ký số;\n- thanh toán phí trên cổng."
    coded = suggest_codes(text)
    got = set(zip(coded["paragraph"], coded["kind"], coded["code"], strict=True))
    assert got == {(2, "barrier", "B01"), (3, "barrier", "B07"), (4, "barrier", "B08")}


def test_list_scope_stops_at_the_solutions():
    got = codes("Hạn chế về thiết bị và đường truyền; giải pháp là đầu tư thiết bị.")
    assert got == {"B01", "L03"}


def test_bare_cue_without_a_list_codes_nothing():
    assert codes("Những hạn chế này cần được khắc phục sớm.", "barrier") == set()


# --------------------------------------------------------------------------- achievements, negations
@pytest.mark.parametrize("text, code", [
    ("Hồ sơ nay đã được ký số toàn bộ, không còn giấy tờ phải in.", "B06"),
    ("Giao diện cổng không còn rối rắm như trước.", "B05"),
    ("Việc nộp hồ sơ qua điện thoại không quá khó.", "B05"),
    ("Hạ tầng viễn thông của huyện đã sẵn sàng.", "B01"),
])
def test_achievements_are_never_barriers(text, code):
    coded = suggest_codes(text)
    assert coded[coded["kind"] == "barrier"].empty, coded
    assert code in set(coded.loc[coded["kind"] == "achievement", "code"])


def test_praise_is_not_a_barrier():
    assert codes("Người dân đánh giá cao sự công khai của cổng.", "barrier") == set()


def test_negated_lever_is_a_barrier():
    assert codes("Phần mềm của xã chưa kết nối với cơ sở dữ liệu dân cư.") == {"B09"}


# --------------------------------------------------------------------------- one keyword ≠ one code
def test_payment_word_alone_is_not_a_payment_barrier():
    assert "B08" not in codes("Tỉnh đã kết nối nền tảng thanh toán cho 300 thủ tục.")
    assert "B08" not in codes("Anh dùng điện thoại để chuyển khoản thanh toán khi mua hàng.")


def test_payment_problem_in_other_words():
    text = "Nhiều người phải quay lại quầy để đóng tiền mặt vì cổng báo giao dịch không thành công."
    assert "B08" in codes(text, "barrier")


# --------------------------------------------------------------------------- paraphrase families
@pytest.mark.parametrize("text, code", [
    ("Với nhiều người, làm trên mạng còn phiền hơn đến thẳng ủy ban.", "B05"),
    ("Loay hoay cả buổi, ông đành bỏ.", "B05"),
    ("Cổng chỉ chấp nhận một định dạng tệp PDF.", "B05"),
    ("Nộp xong trên mạng, người dân vẫn phải in ra, ký tay rồi scan lại.", "B06"),
    ("Thủ tục gọi là toàn trình nhưng vẫn phải mang hồ sơ giấy đến xã.", "B11"),
    ("Phần lớn thủ tục của huyện mới dừng ở mức độ 2.", "B11"),
    ("Một số thủ tục chưa thể thực hiện trực tuyến, buộc người dân phải đến tận nơi.", "B11"),
    ("Bà cụ chưa rành điện thoại nên nhờ con cháu làm hộ.", "B02"),
    ("Người dân vẫn quen đến bộ phận một cửa.", "B03"),
    ("Nhiều người e dè vì sợ lộ thông tin cá nhân.", "B04"),
    ("Đường dây nóng của cổng luôn báo bận.", "B10"),
    ("Giấy khai sinh thuộc thẩm quyền của xã còn thẻ bảo hiểm thuộc trách nhiệm của cơ quan bảo hiểm.", "B09"),
])
def test_paraphrases(text, code):
    assert code in codes(text, "barrier")


def test_rows_carry_cue_confidence_and_kind():
    coded = suggest_codes("Hạ tầng mạng còn yếu. Tỉnh cần đầu tư hạ tầng. Nay đã không còn xa lạ.")
    assert set(coded["kind"]) == {"barrier", "lever", "achievement"}
    assert coded["cue"].str.len().gt(0).all()
    assert coded["confidence"].between(0, 1).all()


def test_mark_sensitive_spellings():
    # "xã là" folds like "xa lạ", "song" like "sóng", "bản hướng dẫn" like "bàn hướng dẫn"
    assert codes("Ông cho biết cấp xã là nơi tiếp nhận.") == set()
    assert "B01" not in codes("Song tỷ lệ còn thấp.")
    assert "L06" not in codes("Đề nghị Bộ ban hành văn bản hướng dẫn về sao y điện tử.")


# --------------------------------------------------------------------------- extraction: dates
@pytest.mark.parametrize("text, keep", [
    ("Sáng 12/5, tỉnh họp bàn về dịch vụ công.", []),
    ("Từ 1.6, huyện nhận 450 hồ sơ trực tuyến.", ["450"]),
    ("Chiều 15-9, có 20 cán bộ tham dự.", ["20"]),
    ("Tính đến 30/6, huyện có 1.200 hồ sơ trực tuyến.", ["1.200"]),
    ("Hưởng ứng ngày Chuyển đổi số quốc gia 10.10, xã ra quân.", []),
    ("Hồ sơ nộp trước 31/12 được giải quyết ngay.", []),
    ("Bà mang giấy tờ đến nhận quà 2.9 thay chồng.", []),
    ("Dịp 30-4, xã tiếp nhận 120 hồ sơ trực tuyến.", ["120"]),
    ("Sáng thứ 7, tổ công nghệ vào bản hướng dẫn bà con.", []),
    ("Cổng tăng 1.5 lần số hồ sơ; xã giải quyết 1/5 số hồ sơ trực tuyến.", ["1.5", "1/5"]),
])
def test_dates_are_never_values(text, keep):
    df = extract_text(text)
    assert list(df["evidence"]) == keep


def test_a_ratio_is_still_a_ratio():
    df = extract_text("Xã giải quyết 12/15 hồ sơ trực tuyến.")
    assert list(df["evidence"]) == ["12/15"] and df["numerator"].iloc[0] == 12


@pytest.mark.parametrize("text, evidence", [
    ("Tỉnh đạt 5/7 nội dung của chỉ số thành phần.", "5/7"),
    ("Huyện hoàn thành 3/9 nhóm chỉ tiêu.", "3/9"),
])
def test_a_ratio_before_a_structural_noun_keeps_its_denominator(text, evidence):
    # "3 nhóm" alone is structure, but after "/" the number is the other side of a ratio
    df = extract_text(text)
    assert list(df["evidence"]) == [evidence]


# --------------------------------------------------------------------------- extraction: structure
@pytest.mark.parametrize("text", [
    "Mô hình chính quyền ở cả 2 cấp đã vận hành.",
    "Cổng nâng cấp lên phiên bản 2.0 từ tháng trước.",
    "Thủ tục được xếp theo 3 nhóm.",
    "Người trên 60 tuổi được ưu tiên.",
    "Hội nghị lần thứ 2 bàn về chuyển đổi số.",
    "Các thôn cách trung tâm 40 – 50km.",
    "Cách mạng công nghiệp 4.0 đặt ra yêu cầu mới.",
    "Theo Bộ chỉ số 766, tỉnh đứng đầu khu vực.",
    "Kết quả tuần 05 được công bố trên cổng.",
    "Điểm tiếp nhận mở cửa thứ bảy (4 lần/tháng).",
    "Ứng dụng có bản cập nhật 3.1.2 sửa lỗi đăng nhập.",
    "Chuyển đổi số triển khai theo 3 trụ cột.",
    "Cán bộ Trường Tiểu học số 2 hướng dẫn phụ huynh.",
    "Trợ lý ảo đặt tại trung tâm khu vực 1, 2, 3 của tỉnh.",
    "Người dân được hỗ trợ dịch vụ công cấp độ 3, 4.",
    "Cách thứ 2, người dân có thể xuất trình ứng dụng.",
    "Theo Kế hoạch 03, các xã rà soát dữ liệu.",
    "Số CMND 9 số được tự động đổi sang CCCD 12 số.",
    "Phường bắt đầu từ con số 0 với chuyển đổi số.",
    "Hiện có 3 cách thay thế thẻ giấy.",
    "Chị lên bản Tân Đi 1 hướng dẫn bà con.",
    "Chị Hà, cư dân tổ dân phố số 1, đến phường.",
    "Anh Cường ở khu 5, phường Thanh Bình.",
    "Ban Chỉ đạo 1287 họp sơ kết.",
    "Thanh niên có mặt tại trung tâm xã Sơn Kim 1, từ sáng sớm.",
    "Tổng đài Dịch vụ công 1022 trực cả ngày.",
    "Người dân chỉ cần đến 1 cửa duy nhất.",
])
def test_structural_numbers_are_not_figures(text):
    assert extract_text(text).empty


# --------------------------------------------------------------------------- extraction: labels
def test_channel_decides_online_labels():
    df = extract_text("Trong quý, huyện nhận 800 hồ sơ nộp trực tiếp và 150 hồ sơ qua bưu chính, 900 hồ sơ trực tuyến.")
    labels = dict(zip(df["evidence"], df["indicator"], strict=True))
    parts = dict(zip(df["evidence"], df["component"], strict=True))
    assert not labels["800"].startswith("dossier_online") and not labels["150"].startswith("dossier_online")
    # in person or by post: the indicator of both channels, the channel as its component
    assert (labels["800"], parts["800"]) == ("dossier_direct_postal_count", "truc_tiep")
    assert (labels["150"], parts["150"]) == ("dossier_direct_postal_count", "buu_chinh")
    assert labels["900"] == "dossier_online_count"


def test_on_time_and_late_follow_the_nearest_word():
    df = extract_text("Số hồ sơ trễ hạn giảm, tỷ lệ đúng hạn đạt 97%.")
    assert list(df["indicator"]) == ["on_time_rate"]
    df = extract_text("Tỷ lệ hồ sơ trễ hạn là 3%, đúng hạn 97%.")
    assert list(df["indicator"]) == ["late_rate", "on_time_rate"]


def test_statistics_table_columns_name_the_indicator():
    text = ("Đơn vị | Tiếp nhận | Đã giải quyết | Đúng hạn | Trễ hạn | Đang giải quyết\n"
            "Sở Tư pháp | 1200 | 1100 | 1050 95,5% | 50 4,5% | 100")
    labels = list(extract_text(text)["indicator"])
    assert labels == ["dossier_received_count", "dossier_resolved_count", "dossier_on_time_count",
                      "on_time_rate", "dossier_late_count", "late_rate", "dossier_pending_count"]
    # a table that sets early apart from on the due day counts each part
    text = ("Mức độ | Tổng | Trước hạn | Đúng hạn | Trễ hạn\n"
            "Mức 3 | 6800 | 4300 63,2% | 1800 26,5% | 700 10,3%")
    labels = list(extract_text(text)["indicator"])
    assert labels == ["dossier_handled_count", "dossier_early_count", "on_time_rate", "dossier_on_due_count", "on_time_rate",
                      "dossier_late_count", "late_rate"]


@pytest.mark.parametrize(("text", "evidence", "indicator"), [
    # written for these tests: the words around a count name its indicator
    ("Hiện còn 1.250 hồ sơ xử lý quá hạn trên hệ thống.", "1.250", "dossier_pending_overdue_count"),
    ("Huyện đã tiếp nhận 9.800 hồ sơ và giải quyết 9.500 hồ sơ.", "9.500", "dossier_resolved_count"),
    ("Số lượng hồ sơ đã giải quyết là 4.321, đạt yêu cầu.", "4.321", "dossier_resolved_count"),
    ("Đang giải quyết 600 hồ sơ (450 hồ sơ còn trong hạn và 150 hồ sơ quá hạn).", "450",
     "dossier_pending_in_time_count"),
    ("Đang giải quyết 600 hồ sơ (450 hồ sơ còn trong hạn và 150 hồ sơ quá hạn).", "150",
     "dossier_pending_overdue_count"),
    ("Có 7.000 hồ sơ đúng và trước hạn trong quý.", "7.000", "dossier_on_time_count"),
    ("Tỷ lệ trễ hạn chỉ chiếm 0,4% với 38 hồ sơ.", "38", "dossier_late_count"),
    ("Sở tiếp nhận 2.100 hồ sơ đăng ký qua ứng dụng VNeID.", "2.100", "dossier_online_count"),
    ("Các đơn vị nhận nhiều hồ sơ nhất là: Sở Xây dựng 1,2 ngàn HS, Sở Y tế 900 HS.", "1,2 ngàn",
     "dossier_received_count"),
    ("Số hồ sơ tiếp nhận giảm 230 hồ sơ so với tháng trước.", "230", ""),
    ("Mức độ hài lòng của người dân đạt 96,5%.", "96,5%", ""),
    ("Tỷ lệ dịch vụ công (DVC) trực tuyến đạt 95%.", "95%", "tthc_online_share"),
    ("Về dịch vụ công trực tuyến mức độ 3, tỉnh đã vận hành 420 dịch vụ công cấp tỉnh.", "420", "dvctt_level3_count"),
    ("Đúng hạn tăng, hồ sơ chậm hạn tiếp tục giảm, chỉ còn 2,5%.", "2,5%", "late_rate"),
    ("Tại Bộ phận một cửa cấp xã, tháng này đã tiếp nhận mới 3.210 hồ sơ.", "3.210", "dossier_received_count"),
    ("Hồ sơ nhận trực tuyến đạt 5.000, trong đó dịch vụ toàn trình chiếm 3.400 hồ sơ.", "3.400",
     "dossier_online_count"),
    ("Xã đã tiếp nhận 1.500 hồ sơ; trong đó 1.200 hồ sơ trực tuyến; 300 hồ sơ trực tiếp.", "300",
     "dossier_direct_postal_count"),
    ("Tỷ lệ giải quyết đúng hạn đạt 98%, mức độ hài lòng của người dân luôn trên 90%.", "90%", ""),
    ("Đã giải quyết trước hạn 900 hồ sơ; đang giải quyết 40 hồ sơ trong hạn, chiếm 4%.", "4%", ""),
    ("Tỷ lệ hồ sơ giải quyết đúng và trước hạn đạt 99%; 25 hồ sơ bị trễ hạn do lỗi phần mềm.", "25",
     "dossier_late_count"),
    ("Khảo sát cho thấy 6,4% số người được hỏi đã sử dụng Cổng dịch vụ công quốc gia.", "6,4%",
     "adult_dvctt_use_share"),
    ("Năm ngoái, 85% hồ sơ của huyện đã nộp qua dịch vụ công mức độ 4.", "85%", "dossier_online_share"),
    ("Riêng dịch vụ công trực tuyến mức 3 và mức 4, huyện cung cấp 600/900 thủ tục (đạt 66,7%).", "600/900",
     "tthc_online_share"),
    ("Tỷ lệ dịch vụ công trực tuyến kết nối với Cổng dịch vụ công quốc gia đạt 90%.", "90%",
     "dvctt_portal_integrated"),
    ("Mục tiêu là 70% hồ sơ được xử lý hoàn toàn trực tuyến.", "70%", "dossier_full_online_share"),
    ("Sở đã giải quyết 3.200 hồ sơ (tỷ lệ đúng và trước hạn đạt 99%).", "3.200", "dossier_resolved_count"),
    # a received total broken down into new and carried-over dossiers is the total handled
    ("Trung tâm đã tiếp nhận tổng cộng 19.361 hồ sơ, trong đó có 16.041 hồ sơ tiếp nhận mới, số còn lại từ kỳ trước.",
     "19.361", "dossier_handled_count"),
    ("Trung tâm đã tiếp nhận 19.361 hồ sơ trong tháng.", "19.361", "dossier_received_count"),
    ("Thành phố có 5 hồ sơ thuộc lĩnh vực tư pháp đã giải quyết nhưng quá hạn.", "5", "dossier_late_count"),
    ("Trung tâm đã trả 4.328 kết quả giải quyết thủ tục hành chính.", "4.328", "dossier_resolved_count"),
])
def test_count_and_share_labels(text, evidence, indicator):
    df = extract_text(text)
    assert dict(zip(df["evidence"], df["indicator"], strict=True))[evidence] == indicator


def test_a_range_is_one_figure():
    assert list(extract_text("Mỗi ngày có khoảng 350 - 400 người đến làm thủ tục.")["evidence"]) == ["350 - 400"]


def test_a_number_ending_a_sentence_keeps_its_thousands():
    assert list(extract_text("Số giao dịch thanh toán trực tuyến đạt 12.345. Kết quả tốt.")["evidence"]) == ["12.345"]


def test_growth_is_not_a_share():
    row = extract_text("Số hồ sơ trực tuyến tăng 150% so với cùng kỳ.").iloc[0]
    assert row["kind"] == "change" and row["indicator"] == ""


# --------------------------------------------------------------------------- extraction: map
def test_province_code_follows_the_period_map():
    before = extract_text("Năm 2024, tỉnh Quảng Nam có 5.000 hồ sơ trực tuyến.").iloc[0]
    assert (before["province_code"], before["map"]) == ("49", "63")
    after = extract_text("Tính đến 30/9/2025, tỉnh Quảng Nam có 5.000 hồ sơ trực tuyến.").iloc[0]
    assert (after["province_code"], after["map"]) == ("48", "34")  # now part of Đà Nẵng
    dated = extract_text("Tỉnh Bình Dương có 900 hồ sơ trực tuyến.", doc_date="2025-09-01").iloc[0]
    assert (dated["province_code"], dated["map"]) == ("79", "34")


@pytest.mark.parametrize("sentence, ratio", [
    ("Xã giải quyết 24/24 hồ sơ đúng hạn.", (24, 24)),
    ("Đã có 24/24 xã hoàn thành việc số hóa.", (24, 24)),
    ("Tổng đài hỗ trợ người dân 24/24 giờ.", None),
    ("Hệ thống vận hành 24/7, kể cả ngày nghỉ.", None),
])
def test_round_the_clock_is_not_a_ratio_but_a_counted_24_of_24_is(sentence, ratio):
    from dvc_analysis.intake.extract import extract_text

    rows = extract_text(sentence)
    if ratio is None:
        assert rows.empty
    else:
        assert (rows.iloc[0]["numerator"], rows.iloc[0]["denominator"]) == ratio


@pytest.mark.parametrize("text, expected", [
    # "đúng hẹn" is on time; a share of dossiers digitised is the digitisation of incoming dossiers
    ("Tỉ lệ giải quyết hồ sơ đúng hẹn đạt từ 98% trở lên.", ["on_time_rate"]),
    ("Tỷ lệ hồ sơ được số hóa trên địa bàn huyện mới đạt gần 46%.", ["digitisation_input"]),
    # a share that names its own subject inherits nothing from the share before it
    ("Tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt 80,62%; tỷ lệ xử lý hồ sơ điện tử đạt 66,38%.",
     ["tthc_level4_share", ""]),
    ("Tỷ lệ hồ sơ trực tuyến của huyện A đạt 50%, huyện B đạt 60%; tỷ lệ của cấp xã đạt 40%.",
     ["dossier_online_share"] * 3),
    # fully online named at the end of the sentence
    ("100% thủ tục đủ điều kiện đã được rà soát, tái cấu trúc và triển khai dịch vụ công trực tuyến toàn trình.",
     ["tthc_eligible_full_share"]),
    # filed through the portal or an app is filed online; the noun may be left out after "nộp"
    ("Sở đã tiếp nhận 8.400 hồ sơ qua ứng dụng VNeID trên tổng số 25.400 hồ sơ, chiếm tỷ lệ 33%.",
     ["dossier_online_count", "dossier_received_count", "dossier_online_share"]),
    ("Xã đạt tỷ lệ nộp trực tuyến cao nhất với 99,59%.", ["dossier_online_share"]),
    # work files processed in software are not dossiers filed online
    ("Tỉnh có 87,74% hồ sơ công việc được xử lý trên môi trường mạng.", [""]),
    # procedures at levels 3 and 4 over all procedures, and procedures offered online, are the online share
    ("Dịch vụ công mức độ 3, 4 trên tổng số thủ tục hành chính đạt 39%.", ["tthc_online_share"]),
    ("Tỉnh có 1.498 thủ tục hành chính đã được cung cấp trực tuyến (đạt 100%).", ["tthc_online_share", "dvctt_count"]),
    # shares of ministries and provinces are no shares of services
    ("Cổng đã tích hợp đăng nhập một lần với Cổng dịch vụ công của 11/22 bộ, ngành; 62/63 địa phương.", ["", ""]),
])
def test_share_labels_from_own_words(text, expected):
    assert list(extract_text(text)["indicator"]) == expected


def test_a_decimal_with_a_leading_zero_and_a_rate_spelled_ti_le():
    df = extract_text("Bộ xếp thứ nhất với 0.4944 điểm.")
    assert list(df["evidence"]) == ["0.4944"] and df["value"].iloc[0] == pytest.approx(0.4944)
    # "tỉ lệ" links a count to its rate as "tỷ lệ" does
    df = extract_text("Tỉnh đã tích hợp 1.569 dịch vụ công trực tuyến lên Cổng, chiếm tỉ lệ 82%.")
    rate = df[df["unit"] == "percent"].iloc[0]
    assert rate["evidence_numerator"] == "1.569" and rate["indicator"] == "dvctt_portal_integrated"
    df = extract_text("Sở là đơn vị chịu áp lực lớn với 6.823 hồ sơ trễ hạn, chiếm tỷ lệ là 5,99%.")
    assert set(df["indicator"]) == {"late_rate", "dossier_late_count"}
