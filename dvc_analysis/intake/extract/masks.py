"""Spans of a paragraph that hold digits but are not figures: dates, documents, levels, ages …"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Spans that are not figures
# ---------------------------------------------------------------------------------------------

_D = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
# document types always followed by their number ("Chỉ thị 10", "Đề án 06") ...
_DOC_WORDS = (
    r"quyết định|nghị định|nghị quyết|chỉ thị|thông tư|công văn|tờ trình|công điện|pháp lệnh|đề án|"
    r"QĐ|NĐ|NQ|CV|bộ chỉ số"
)
# ... and words that name a document only with "số" ("kế hoạch số 12", not "kế hoạch 5 năm")
_DOC_WORDS_SO = r"kế hoạch|thông báo|quy định|luật|hướng dẫn|văn bản|báo cáo|giấy phép|KH|TB"
# words after which "d/m", "d-m" or "d.m" is a day and month, never a ratio or a decimal
_DATE_WORDS = (
    r"ngày|sáng|chiều|tối|trưa|đêm|hôm|tính đến|đến|tới|từ|trước|sau|đầu|cuối|giữa|hạn|hết|dịp|lễ|"
    r"quốc khánh|tết|mùng|mồng|thời điểm|thời hạn|hạn chót|kể từ|tuần"
)
_DM = r"(?:0?[1-9]|[12]\d|3[01])\s*[/.-]\s*(?:0?[1-9]|1[0-2])(?![\d/-]|[.,]\d|\s*%|\s*(?:phần trăm|điểm))"
_NOT_FIGURE = [
    ("url", re.compile(r"(?:https?://|www\.)\S+", re.I)),
    ("email", re.compile(r"\S+@\S+\.\w+")),
    ("document", re.compile(rf"(?<!\w)(?:{_DOC_WORDS})\s+(?:số\s*)?:?\s*\d[\w./-]*", re.I)),
    ("document", re.compile(rf"(?<!\w)(?:{_DOC_WORDS_SO})\s+số\s*:?\s*\d[\w./-]*", re.I)),
    ("document", re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?\s*[/-]\s*[A-ZĐ]{1,}[\wĐđ./-]*")),
    # "Điều 38, 39, 40 và 80": every article of a list, not only the first
    ("legal_ref", re.compile(r"(?<!\w)(?:điều|khoản|chương|điểm|phụ lục|tiết)\s+\d+[a-zđ]?(?!\w)"
                             r"(?:(?:\s*,\s+|\s+(?:và|đến|tới)\s+|\s*[-–]\s*)\d+[a-zđ]?(?![\w%]|[.,]\d))*", re.I)),
    ("date", re.compile(rf"(?<![\d/.-]){_D}(?![\d/])")),
    ("date", re.compile(r"(?<!\w)ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}(?![\d/-])", re.I)),
    ("date", re.compile(r"(?<!\w)ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?(?!\d)", re.I)),
    ("date", re.compile(r"(?<!\w)tháng\s+\d{1,2}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?(?!\d)", re.I)),
    (
        "date",
        re.compile(r"(?<!\w)quý\s+(?:\d|IV|I{1,3})(?!\w)(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?", re.I),
    ),
    ("date", re.compile(r"(?<![\w/.,])(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d{2}(?!\d)")),
    ("date", re.compile(r"(?<!\w)năm\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\d)", re.I)),
    ("date", re.compile(r"(?<![\w.,])(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d)")),
    (
        "date",
        re.compile(r"(?<!\w)\d{1,2}\s+(?:tháng|quý)\s+(?:đầu|cuối)\s+năm(?:\s+(?:19|20)\d{2})?", re.I),
    ),
    ("chain", re.compile(r"(?<![\w/.,])\d+(?:[.,]\d+)*(?:\s*/\s*\d+(?:[.,]\d+)*){2,}")),
    # a day and month after a date word: "sáng 12/5", "từ 1.6", "chiều 15-9", "đến 29/8"
    ("date", re.compile(rf"(?<!\w)(?:{_DATE_WORDS})\s+(?:ngày\s+|hôm\s+)?{_DM}", re.I)),
    # two dates after a date word: "vào ngày 26/6 và 17/8"
    ("date", re.compile(rf"(?<!\w)(?:{_DATE_WORDS})\s+(?:ngày\s+)?{_DM}\s*(?:và|,|hoặc)\s*(?:ngày\s+)?{_DM}", re.I)),
    # a range of days in brackets: "2 ngày trở lại đây (2 - 3/3)"
    ("date", re.compile(rf"\(\s*\d{{1,2}}\s*[-–]\s*{_DM}\s*\)")),
    # a day.month alone in brackets ("từ thời điểm cho thí điểm (13.3) đến nay"): "13.3" is no decimal in a
    # Vietnamese text, which writes decimals with a comma
    ("date", re.compile(r"\(\s*(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\s*\)")),
    # two days of one month: "ngày 12 và 13/5", "từ 12, 13/5"
    ("date", re.compile(rf"(?<!\w)(?:{_DATE_WORDS})\s+\d{{1,2}}\s*(?:và|,)\s*{_DM}", re.I)),
    # a range of days: "từ ngày 1 - 21/7", "từ 4.11 – 30.12" (both ends are dates)
    ("date", re.compile(rf"(?<!\w)(?:{_DATE_WORDS})\s+(?:ngày\s+)?\d{{1,2}}(?:\s*[/.-]\s*\d{{1,2}})?\s*[-–]\s*{_DM}", re.I)),
    # "trưa nay (2/2)", "hôm qua 1/2", "Mới đây (29/7)", "Chiều nay, 22/3": a day named relative to the text's
    # own date
    ("date", re.compile(rf"(?<!\w)(?:(?:hôm|sáng|trưa|chiều|tối|đêm)\s+(?:nay|qua|kia|mai)|mới đây|vừa qua|gần đây)"
                        rf"\s*[(,]?\s*{_DM}", re.I)),
    # "liên Văn phòng khu phố 79 – 82 – 84": the numbers of several quarters
    ("name", re.compile(r"(?<!\w)(?:khu phố|tổ dân phố|ấp|thôn|xóm|tổ)\s+\d{1,4}(?:\s*[–-]\s*\d{1,4})+(?![\d%/]|[.,]\d)", re.I)),
    # "ngày Chuyển đổi số quốc gia 10.10": a day.month a few words after "ngày"
    ("date", re.compile(rf"(?<!\w)ngày(?:\s+[^\d\s,.;:]+){{1,6}}\s+{_DM}", re.I)),
    ("structure", re.compile(r"(?<![\w.,/])\d+\s+(?:cấp|nhóm|giai đoạn|bước|khối|loại hình|dân tộc|trụ cột|phương diện|"
                             r"nhân tố|thứ tiếng|mức độ|chỉ số chính|cách|nội dung|mảng)(?!\w)", re.I)),
    # "Chỉ số nội dung 1", "công trình cấp 1, 2", "(trên tổng điểm là 80)"
    ("structure", re.compile(r"(?<!\w)(?:chỉ số (?:nội dung|thành phần)|công trình cấp|cấp độ)\s+\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*(?![\d%]|[.,]\d)"
                             r"|(?<!\w)(?:tổng điểm|thang điểm)(?:\s+là)?\s+\d{1,3}(?![\d%]|[.,]\d)", re.I)),
    ("structure", re.compile(r"(?<![\w.,/])\d\s+loại(?! hình)(?!\w)", re.I)),
    # a weekday ("sáng thứ 7", "vào thứ 2"), not a count or a rank
    ("date", re.compile(r"(?<!\w)(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|vào|các)\s+thứ\s+[2-7](?!\d)", re.I)),
    # a public holiday written as day.month or day-month with no date word ("quà 2.9", "dịp 30-4"); a
    # "d.m" with one or two digits after the dot is no Vietnamese number, and "1/5" stays a fraction
    ("date", re.compile(r"(?<![\w.,/-])(?:30\s*[.-]\s*4|0?1\s*[.-]\s*0?5|0?2\s*[.-]\s*0?9|19\s*[.-]\s*0?5|"
                        r"27\s*[.-]\s*0?7|20\s*[.-]\s*11|0?8\s*[.-]\s*0?3|20\s*[.-]\s*10|22\s*[.-]\s*12|"
                        r"0?3\s*[.-]\s*0?2|26\s*[.-]\s*0?3|10\s*[.-]\s*10)"
                        r"(?![\d.,/-]|\s*%|\s*(?:lần|điểm|triệu|tỷ|nghìn|ngàn|phần trăm)(?!\w))", re.I)),
    # "tuần 02", "tuần thứ 3": a week of the year; "4 lần/tháng": a frequency
    ("date", re.compile(r"(?<!\w)tuần\s+(?:thứ\s+)?\d{1,2}(?!\d)", re.I)),
    ("frequency", re.compile(r"(?<![\w.,])\d+\s+lần\s*/\s*(?:ngày|tuần|tháng|năm)(?!\w)", re.I)),
    ("version_long", re.compile(r"(?<![\w.,])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d%]|[.,]\d)")),
    # a numbered name: "Trường Tiểu học số 1", "tổ dân phố số 5", "phiếu mang số 988", "quốc lộ 13"
    ("name", re.compile(r"(?<!\w)(?:mang số|trường[^.,;\d]{0,20}số|đoàn công tác số|quốc lộ|tỉnh lộ|bản|Q\.)\s*\d{1,4}(?![\d%/]|[.,]\d)", re.I)),
    # a village, hamlet or residents' group named by words and a number ("bản Tân Đi 1", "thôn Đông 2"),
    # a residents' group or quarter by its number ("tổ dân phố số 1", "khu 5"), a steering committee
    # named after its decision ("Ban Chỉ đạo 1287")
    ("name", re.compile(r"(?<!\w)(?:bản|thôn|xóm|ấp|buôn|làng|plei|khu phố|khối phố|tổ dân phố|tiểu khu)\s+"
                        r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ][\wà-ỹ]*\s+){1,3}\d{1,3}(?![\d%/]|[.,]\d)")),
    ("name", re.compile(r"(?<!\w)(?:tổ dân phố|khu phố|khu|ban chỉ đạo)\s+(?:số\s+)?\d{1,5}(?![\d%/]|[.,]\d)", re.I)),
    # a commune or ward whose name ends in a digit ("xã Sơn Kim 1,"), a hotline named by words and its
    # number ("Tổng đài Dịch vụ công 1022"), the one-stop desk written with a digit ("1 cửa")
    ("name", re.compile(r"(?<!\w)(?:xã|phường|thị trấn)\s+(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ][\wà-ỹ]*\s+){1,3}\d(?!\d)"
                        r"(?=\s*(?:[,.;:)]|$)|\s+(?!(?:hồ sơ|thủ tục|TTHC|dịch vụ|người|lượt|trường hợp)\b)[a-zà-ỹđ])")),
    ("name", re.compile(r"(?<!\w)(?:tổng đài|đường dây nóng|hotline)(?:\s+[^\d\s,.;]+){1,4}\s+\d{3,5}(?!\d)", re.I)),
    ("name", re.compile(r"(?<![\w.,])1 cửa(?!\w)", re.I)),
    ("structure_word", re.compile(
        r"(?<!\w)(?:nhóm|giai đoạn|lần thứ|phiên bản|version|lớp|tập|trang|tiêu chí|khóa|kỳ họp|đợt|"
        r"quy trình|bước|mục|lần|cách thứ|tầng|nguyện vọng)\s+\d+(?:\.\d+)*(?:\s*,\s*\d+(?![\d%]|[.,]\d))*(?![\w%])", re.I)),
    # "giảm từ 3 xuống 1 ngày": both ends of a shortened duration; "nộp 01 bộ hồ sơ": the copies a dossier needs
    ("duration", re.compile(r"(?<![\w.,])\d+(?:,\d+)?\s+(?:xuống(?: còn)?|còn)\s+\d+(?:,\d+)?\s+(?:năm|tháng|tuần|ngày|giờ|tiếng|phút)(?!\w)",
                            re.I)),
    ("structure", re.compile(r"(?<!\w)(?:nộp|gồm|số lượng(?: hồ sơ)?:?)\s+0?1\s+(?=bộ\b)", re.I)),
    # numbered parts named in a row: "khu vực 1, 2, 3", "Nhánh 3, 4, 5"
    ("name", re.compile(r"(?<!\w)(?:khu vực|nhánh|phân khu|cụm)\s+\d{1,3}(?:\s*(?:,|và|-|–)\s*\d{1,3})*(?![\d%/]|[.,]\d)",
                        re.I)),
    # the digits of an identity number ("CCCD 12 số"), "from zero" ("từ con số 0"), a plan cited by
    # its number alone ("Kế hoạch 02")
    ("name", re.compile(r"(?<!\w)(?:CMND|CCCD|căn cước(?: công dân)?)\s+\d{1,2}\s+số(?!\w)", re.I)),
    ("name", re.compile(r"(?<!\w)(?:con số|từ số)\s+0(?![\d%]|[.,]\d)", re.I)),
    ("document", re.compile(r"(?<!\w)(?:kế hoạch|KH)\s+0\d{1,3}(?![\d%]|[.,]\d)", re.I)),
    ("structure_part", re.compile(r"(?<![\w.,])\d+\s+trong\s+(?:số\s+)?\d+\s+(?:nhóm|loại|lĩnh vực)", re.I)),
    ("version", re.compile(r"(?<![\w.,])\d{1,2}\.0(?![\d%]|[.,]\d)")),
    # a day of the lunar new year ("mùng 5, mùng 6 Tết"), a decade ("những năm 90"), a footnote mark ("[1]"), an
    # extension or a phone number after "gọi số" ("số máy lẻ 2180", "di động gọi số: 0277 1022")
    ("date", re.compile(r"(?<!\w)(?:mùng|mồng)\s+\d{1,2}(?:\s*(?:,|và|-|–)\s*(?:mùng\s+|mồng\s+)?\d{1,2})*(?!\d)", re.I)),
    ("date", re.compile(r"(?<!\w)(?:những|các|thập niên)\s+năm\s+\d0(?!\d)", re.I)),
    ("list", re.compile(r"\[\d{1,3}\]")),
    ("phone", re.compile(r"(?<!\w)(?:máy lẻ|gọi số|gọi đến số|gọi tới số)\s*:?\s*\d[\d .]{2,14}\d(?![\d%]|[.,]\d)", re.I)),
    # names with a number: "phường 13", "quận 3", "đơn vị số 7", "chi nhánh số 5", "kỳ họp thứ 7",
    # "iPhone 14", "lỗi 404", a street number before a street name ("258 Võ Chí Công")
    ("name", re.compile(
        r"(?<!\w)(?:phường|quận|khu phố|tổ dân phố|khóm|ấp|thôn|xóm|đơn vị số|chi nhánh số|điểm số|khu vực số|"
        r"kỳ họp thứ|khóa|iphone|galaxy|lỗi|mã lỗi|cơ sở|biên phòng|đầu số|tổng đài|hotline|đường dây nóng)"
        r"\s+\d{1,5}(?![\d%/]|[.,]\d)", re.I)),
    ("name", re.compile(r"(?<![\w.,/])\d{1,4}\s+(?=(?:đường\s+)?[A-ZĐ][a-zà-ỹđ]+\s+[A-ZĐ][a-zà-ỹđ]+)(?!\d)")),
    # "là 01 trong 06 tỉnh", "1 trong 3 dịch vụ": one of several, the "one" is no figure
    ("one_of", re.compile(r"(?<![\w.,])0?1(?=\s+trong\s+(?:số\s+)?\d)")),
    # "là 1 giải pháp": the article "one", no count
    ("one_of", re.compile(r"(?<=là )1(?=\s+(?:giải pháp|biện pháp|cách|trong những|trong các)\b)", re.I)),
    # a slogan in quotes ("4 phủ", "3 không"), a decade ("những năm 80-90"), a file size, a residents' group
    ("slogan", re.compile(r"[“\"]\d{1,2}\s+[^\d“”\"]{1,20}[”\"]")),
    ("date", re.compile(r"(?<!\w)(?:những |các )?năm\s+\d0\s*[-–]\s*\d0(?!\d)", re.I)),
    ("size", re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:MB|GB|KB)(?!\w)")),
    ("name", re.compile(r"(?<!\w)tổ\s+\d{1,3}(?=\s*[,)]|\s+(?:phường|xã|thị trấn|khu|thôn))", re.I)),
    ("age", re.compile(r"(?<![\w.,])\d{1,3}\s*tuổi(?!\w)|(?<!\w)SN\s*\d{4}", re.I)),
    ("distance", re.compile(
        r"(?<![\w.,])\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*(?:km|cây số|mét|m2|km2|ha|m)(?!\w)"
        # the area of a province or ward ("9.689,61 km2", "5,57 km²")
        r"|(?<![\w.,])\d+(?:[.,]\d+)*\s*(?:km2|km²)(?!\w)", re.I)),
    ("document", re.compile(r"(?<![\w/.,])\d{1,5}\s*/\s*(?:19|20)\d{2}(?![\d.,/])")),
    # "24/24" and "24/7" are round-the-clock, unless a count noun follows ("24/24 hồ sơ" is a ratio)
    ("time", re.compile(r"(?<![\w/])(?:24\s*/\s*(?:24|7)(?!\s*(?:hồ\s+sơ|thủ\s+tục|tthc|dịch\s+vụ|dvc|"
                        r"xã|phường|thị\s+trấn|huyện|đơn\s+vị|cơ\s+quan|sở|lĩnh\s+vực|người)\b)"
                        r"|\d{1,2}\s*/\s*\d{1,2}\s*(?:giờ|h))(?!\w)", re.I)),
    ("time", re.compile(r"(?<![\w.,])\d{1,2}\s*(?:giờ|h)\s*\d{2}(?:\s*phút)?(?!\d)|\b\d{1,2}:\d{2}\b", re.I)),
    ("duration", re.compile(
        r"(?<![\w.,])\d+(?:,\d+)?(?:\s*[-–]\s*\d+)?\s+(?:năm|tháng|tuần|ngày|giờ|tiếng|phút|giây)(?!\w)", re.I)),
    ("time", re.compile(r"(?<![\w.,])\d{1,2}\s*[-–]\s*\d{1,2}\s*(?:h|giờ)(?!\w)", re.I)),
    (
        "level",
        re.compile(
            r"(?<!\w)(?:mức độ|mức|cấp độ)\s+(?:dịch vụ công trực tuyến\s+)?\d(?!\d)"
            r"(?:\s*(?:,|và|hoặc|-|–)\s*(?:mức độ\s+)?\d(?!\d|\.\d))*",
            re.I,
        ),
    ),
    ("level", re.compile(r"(?<![\w.,])[1-4](?:\s*,\s*[1-4]){2,}(?![\d.,])")),
    ("list", re.compile(r"^\s*(?:#+\s*)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s))")),
    ("caption", re.compile(r"(?<!\w)(?<!cấu )(?<!định )(?:bảng|hình|biểu đồ|phụ lục)\s+\d+(?:\.\d+)*(?!\w)", re.I)),
    ("list", re.compile(r"\(\d{1,2}\)")),
    ("phone", re.compile(r"(?<![\w.,])0\d{8,10}(?!\d)|(?<![\w.,])\d{8,}(?!\d)")),
    # a phone number written in groups ("082.507.7988", "0912 345 678") or hidden ("09..."); an ordinal
    # naming a meeting, a reason or a dose ("phiên họp thứ 13", "lý do thứ 3", "mũi 2"), not a rank
    ("phone", re.compile(r"(?<![\w.,])0\d{2,4}[. ]\d{3}[. ]\d{3,4}(?![\d%]|[.,]\d)|(?<![\w.,])0\d(?:\.{3}|…)")),
    ("ordinal", re.compile(r"(?<!\w)(?:phiên họp|phiên|lý do|nguyên nhân|vấn đề|hội nghị|đại hội|buổi|điều|yếu tố|"
                           r"giải pháp|nhiệm vụ|mục tiêu|nội dung|bài|năm|kiến nghị|ý kiến|câu hỏi)\s+thứ\s+\d{1,3}(?![\d%]|[.,]\d)", re.I)),
    # "cả 3 tiêu chí", "ở cả 2 cấp": every one of a few kinds; "ấn phím 4", "nhánh số 2", "Cách 1:", a queue
    # ticket ("số thứ tự … số 42"), a star rating ("3,7*", "1*")
    ("ordinal", re.compile(r"(?<!\w)cả\s+[2-4]\s+(?=(?:tiêu chí|bảng|chỉ số|hình thức|phương thức|kênh|miền|vùng|khối|"
                           r"cấp|nhóm)\b)", re.I)),
    ("ordinal", re.compile(r"(?<!\w)(?:phím|nhánh(?: số)?|lên đến số|cách)\s+\d{1,3}(?=\s*[:)]|\s*$|\s+(?:để|hoặc|và)\b)"
                           r"|(?<!\w)(?:ấn|bấm|nhấn) phím\s+\d{1,3}(?!\d)", re.I)),
    ("ordinal", re.compile(r"(?<!\w)(?:đánh giá|lượt)(?:\s+là)?\s+\d\s*\*")),
    ("ordinal", re.compile(r"(?<!\w)mũi(?:\s+(?:tiêm|vắc xin|vaccine))?\s+(?:thứ\s+)?\d(?!\d|[.,]\d|\s*%)", re.I)),
]

# a short "Label: number" line (page counters, metadata) is not a statement of a figure
_COUNTER_LINE = re.compile(r"^[\W_]*[^\d:]{1,30}:\s*\d[\d.,]*\s*$")
_DOMAIN_WORD = re.compile(r"hồ sơ|thủ tục|TTHC|DVC|dịch vụ|tỷ lệ", re.I)


# a pattern can only match when one of its key words occurs (checked on the lower-cased text)
_MASK_KEYS = {
    "url": ("http", "www."),
    "email": ("@",),
    "legal_ref": ("điều", "khoản", "chương", "điểm", "phụ lục", "tiết"),
    "time": ("giờ", "h", ":", "24"),
    "duration": ("năm", "tháng", "tuần", "ngày", "giờ", "tiếng", "phút", "giây"),
    "age": ("tuổi", "sn"),
    "structure": ("cấp", "nhóm", "giai đoạn", "bước", "khối", "loại hình", "dân tộc", "trụ cột", "phương diện",
                  "nhân tố", "thứ tiếng", "mức độ", "chỉ số", "cách", "nội dung", "loại", "cấp", "điểm", "mảng", "bộ"),
    "structure_word": ("nhóm", "giai đoạn", "lần thứ", "phiên bản", "version", "lớp", "tập", "trang",
                       "tiêu chí", "khóa", "kỳ họp", "đợt", "quy trình", "bước", "mục", "lần", "cách thứ", "tầng", "nguyện vọng"),
    "structure_part": (" trong ",),
    "version": (".0",),
    "list": ("(", "[", ".", ")"),
    "distance": ("km", "cây số", "mét", "m"),
    "level": ("mức", "cấp độ", ","),
    "ordinal": ("thứ", "mũi", "cả", "phím", "nhánh", "số", "cách", "đánh giá", "lượt"),
}


def _masked_spans(paragraph: str) -> list[tuple[int, int, str]]:
    # "Ð" (eth) typed for "Đ" ("Ðề án 06"): the same length, so every offset stays
    paragraph = paragraph.replace("Ð", "Đ").replace("ð", "đ")
    lower = paragraph.lower()
    spans = []
    for kind, rx in _NOT_FIGURE:
        keys = _MASK_KEYS.get(kind)
        if keys is not None and not any(k in lower for k in keys):
            continue
        for m in rx.finditer(paragraph):
            spans.append((m.start(), m.end(), kind))
    spans.sort()
    return spans


def _is_masked(pos: int, spans: list[tuple[int, int, str]]) -> str:
    for start, end, kind in spans:
        if start > pos:
            break
        if start <= pos < end:
            return kind
    return ""

