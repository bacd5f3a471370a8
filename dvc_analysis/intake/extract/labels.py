"""Indicator guess for a figure from the words around it."""

from __future__ import annotations

import functools
import re

# ---------------------------------------------------------------------------------------------
# Indicator guess
# ---------------------------------------------------------------------------------------------

# (indicator id, units it applies to, patterns that must all occur in the context), first match wins
_MULT = r"(?:(?:nghìn|ngàn|triệu|vạn)\s+)?"  # "14,5 triệu hồ sơ": the noun after the multiplier
_SERVICE = r"^\W*" + _MULT + r"(?:DVCTT|DVC|dịch vụ công|dịch vụ|thủ tục|TTHC)"
_DOSSIER = r"^\W*" + _MULT + r"(?:bộ\s+)?(?:hồ sơ|HS\b)"  # "57.689 bộ hồ sơ": sets of papers
_FIELD = r"^\W*lĩnh vực"
_LEVEL34 = r"mức(?: độ)? 3\s*(?:,|và|-)\s*(?:mức(?: độ)?\s*)?4"
_LEVEL12 = r"mức(?: độ)? 1\s*(?:,|và|-)\s*(?:mức(?: độ)?\s*)?2"
_ONLINE_SERVICE = r"DVCTT|dịch vụ công trực tuyến|DVC trực tuyến"
# a dossier filed through a portal or an app, or handled "on the electronic environment", is filed online
# (processed "trên môi trường mạng" alone is work done in software, not filing online)
_VIA_PORTAL = (r"qua (?:Cổng|ứng dụng|app)|trên (?:Cổng|ứng dụng)"
               r"|(?:nộp|tiếp nhận)[^.;]{0,25}(?:trên|qua) môi trường (?:điện tử|mạng)")
_ONE_LEVEL = r"(?!\d|\s*[,-]\s*\d|\s*(?:và|hoặc)\s*(?:mức(?: độ)?\s*)?\d|\s*,\s*mức)"
_NOT_DOSSIER = r"^(?!\W*" + _MULT + r"(?:hồ sơ|HS\b))"  # "toàn trình chiếm 49.805 hồ sơ": dossiers, not services
# (indicator id, units it applies to, patterns that must all occur), first match wins. Patterns
# starting with "^" test the words right after the number (its noun), patterns ending with "$" the
# words right before it; others test the clause.
_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("dvctt_with_dossiers_rank", ("rank",), (r"phát sinh hồ sơ",)),
    ("dossier_online_share_rank", ("rank",), (r"hồ sơ.{0,30}trực tuyến|trực tuyến.{0,30}hồ sơ",)),
    ("adult_dvctt_use_share", ("percent",),
     (r"(?:người dân|dân số|người trưởng thành|người dùng)[^.;]{0,25}(?:dùng|sử dụng|thực hiện)\s+(?:các\s+)?"
      r"(?:dịch vụ công trực tuyến|DVCTT|DVC trực tuyến)",)),
    # a survey's share of respondents who used a portal ("8,3% số người được hỏi … đã sử dụng Cổng")
    ("adult_dvctt_use_share", ("percent",),
     (r"(?:người (?:được hỏi|trả lời|tham gia khảo sát)[^.;]{0,40}(?:dùng|sử dụng)|người dùng)\s+(?:các\s+)?"
      r"(?:Cổng (?:dịch vụ công|DVC)|dịch vụ công trực tuyến|DVCTT|DVC trực tuyến)",)),
    ("dvctt_level4_mobile_share", ("percent",),
     (r"thiết bị di động|nhiều phương tiện", rf"{_ONLINE_SERVICE}|mức độ 4")),
    ("late_rate", ("percent",), (r"trễ hạn|quá hạn|chậm trễ|trễ hẹn|chậm hạn|(?:giải quyết|xử lý) (?:trễ|chậm)"
                                 r"|chậm (?:giải quyết|xử lý)",)),
    ("on_time_rate", ("percent",), (r"đúng hạn|trước hạn|đúng và trước|trước và đúng|sớm hạn|đúng hẹn|trước hẹn",)),
    # civil status books ("sổ hộ tịch") are the records of earlier years being digitised
    ("digitisation_backlog_share", ("percent",), (r"số hóa|số hoá", r"các năm trước|lịch sử|tồn đọng|(?:sổ|dữ liệu) hộ tịch|còn hiệu lực")),
    ("digitisation_output", ("percent",),
     (r"số hóa|số hoá|điện tử", r"đầu ra|kết quả (?:giải quyết )?(?:điện tử|số(?! h[oó]a))|cấp kết quả"
                                r"|số h(?:óa|oá) (?:hồ sơ )?kết quả")),
    ("digitisation_input", ("percent",),
     (r"số hóa|số hoá", r"đầu vào|hồ sơ tiếp nhận|tiếp nhận|số h(?:óa|oá) (?:[^.;,]{0,20})?(?:thành phần )?hồ sơ"
                     r"|hồ sơ (?:được |đã được )?số h(?:óa|oá)")),
    # "tỷ lệ số hóa đạt 76%", "kết quả số hóa trên 90%": digitisation named alone is of the dossiers received
    ("digitisation_input", ("percent",), (r"(?:tỷ lệ|kết quả) số h(?:óa|oá)(?!\s+(?:kết quả|đầu ra|sổ|dữ liệu|tài liệu))",)),
    ("population_db_share", ("percent",), (r"dân cư",)),
    ("paper_dossier_reduction", ("percent",), (r"giảm", r"hồ sơ giấy|bản giấy")),
    ("data_reuse_share", ("percent",), (r"tái sử dụng|sử dụng lại",)),
    ("e_certification_locality_share", ("percent",), (r"chứng thực điện tử",)),
    ("dossier_in_software_share", ("percent",),
     (r"hồ sơ", r"phần mềm|hệ thống (?:thông tin )?một cửa điện tử|hệ thống thông tin giải quyết")),
    ("payment_configured_share", ("percent",), (r"thanh toán|tài chính", r"cấu hình")),
    ("payment_dvctt_with_dossiers", ("percent",), (r"nghĩa vụ tài chính", r"phát sinh hồ sơ")),
    ("payment_dvctt_offline_share", ("percent",), (r"thanh toán trực tiếp",)),
    ("payment_dvctt_online_share", ("percent",),
     (rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán",)),
    # hospital and school fees, utility bills paid without cash are no fees of administrative procedures
    ("payment_dossier_share", ("percent",), (r"thanh toán", r"\A(?![\s\S]*(?:viện phí|khám,? chữa bệnh|học phí|tiền điện|"
                                             r"tiền nước))|hồ sơ|lệ phí|thủ tục|TTHC|dịch vụ công|DVC")),
    ("dvctt_portal_integrated", ("percent",), (r"tích hợp",)),
    # "đưa 30% số dịch vụ công cấp độ 3, 4 lên Cổng Dịch vụ công quốc gia"
    ("dvctt_portal_integrated", ("percent",),
     (r"(?:đưa|cung cấp)[^.;]{0,60}(?:lên|trên|qua) Cổng (?:Dịch vụ công|DVC) (?:quốc gia|QG)",)),
    # "dịch vụ công trực tuyến … kết nối đồng bộ với Cổng dịch vụ công quốc gia"
    ("dvctt_portal_integrated", ("percent",),
     (rf"(?:{_ONLINE_SERVICE})[^.;]{{0,40}}(?:kết nối|đồng bộ)[^.;]{{0,20}}(?:với|lên) Cổng"
      rf"|(?:kết nối|đồng bộ)[^.;]{{0,20}}(?:{_ONLINE_SERVICE})[^.;]{{0,10}}(?:với|lên) Cổng",)),
    # "giảm ít nhất 30% thời gian và chi phí", "30% chi phí tuân thủ": the cost of complying, not procedures
    ("compliance_cost_cut_share", ("percent",), (r"giảm", r"^\W*(?:thời gian(?: xử lý)?\s*(?:,|và)?\s*[^.;,]{0,20})?chi phí")),
    ("field_cut_share", ("percent",), (_FIELD, r"cắt giảm")),
    ("tthc_cut_share", ("percent",), (r"cắt giảm", r"thủ tục|TTHC")),
    ("dvctt_with_dossiers", ("percent",), (r"phát sinh hồ sơ",)),
    # fully online (toàn trình): of dossiers, of eligible procedures, of procedures, of services
    ("dossier_full_online_share", ("percent",),
     (r"hồ sơ", r"toàn trình|nộp,? (?:tiếp nhận,? )?xử lý và trả kết quả (?:trực tuyến|qua mạng)"
                r"|hoàn toàn (?:trực tuyến|qua mạng)")),
    ("tthc_eligible_full_share", ("percent",), (r"đủ điều kiện", r"toàn trình")),
    ("tthc_full_share", ("percent",), (r"toàn trình", r"TTHC|thủ tục")),
    ("dvctt_full_share", ("percent",), (r"toàn trình", _ONLINE_SERVICE)),
    ("dossier_online_share", ("percent",),
     (r"hồ sơ", rf"trực tuyến|qua mạng|trên mạng|online|{_ONLINE_SERVICE}|mức(?: độ)? [34](?!\d)|{_VIA_PORTAL}")),
    # "tỷ lệ nộp trực tuyến cao nhất với 99,59%": the share of dossiers filed online, the noun left out
    ("dossier_online_share", ("percent",), (r"(?:tỷ|tỉ) lệ (?:hồ sơ )?nộp (?:hồ sơ )?(?:trực tuyến|qua mạng)",)),
    # "nhân khẩu đủ điều kiện cấp định danh điện tử": people eligible, not procedures
    ("tthc_eligible_online_share", ("percent",), (r"đủ điều kiện", r"thủ tục|TTHC|dịch vụ|DVC|giao dịch")),
    # "tỷ lệ người dân và doanh nghiệp tham gia dịch vụ công trực tuyến chỉ đạt 2%": read by coders as the share
    # of dossiers filed online
    ("dossier_online_share", ("percent",),
     (rf"(?:tỷ|tỉ) lệ (?:người dân|doanh nghiệp|tổ chức|cá nhân)[^.;]{{0,25}}tham gia (?:các )?(?:{_ONLINE_SERVICE})",)),
    ("tthc_level12_share", ("percent",), (_LEVEL12,)),
    ("tthc_level4_share", ("percent",),
     (r"(?<!3 và )(?<!3, )(?<!3 hoặc )mức(?: độ)? 4" + _ONE_LEVEL, r"TTHC|thủ tục|dịch vụ công")),
    ("tthc_online_share", ("percent",), (_ONLINE_SERVICE,)),
    # "dịch vụ công mức độ 3, 4 trên tổng số thủ tục", "1.498 thủ tục đã được cung cấp trực tuyến (đạt 100%)",
    # "100% thủ tục đã được đưa lên nền tảng số": procedures offered online
    ("tthc_online_share", ("percent",), (_LEVEL34, r"thủ tục|TTHC")),
    ("tthc_online_share", ("percent",),
     (r"(?:thủ tục|TTHC)[^.;]{0,40}(?:cung cấp|thực hiện|đưa lên|triển khai) (?:dưới hình thức )?"
      r"(?:trực tuyến|qua mạng|nền tảng số|môi trường (?:mạng|điện tử))",)),
    ("agency_with_online_dossiers_count", ("count",),
     (r"^\W*(?:cơ quan|đơn vị|sở)", r"hồ sơ trực tuyến|phát sinh hồ sơ")),
    ("field_count", ("count",), (_FIELD,)),
    ("dossier_on_time_count", ("count",), (_DOSSIER, r"đúng hạn|trước hạn|sớm hạn|đúng và trước|đúng hẹn|trước hẹn")),
    ("dossier_pending_overdue_count", ("count",), (_DOSSIER, r"đang (?:giải quyết|xử lý) (?:quá|trễ) hạn|(?:quá|trễ) hạn đang")),
    # "còn 5.830 hồ sơ xử lý quá hạn": still open past the due date, not resolved late
    ("dossier_pending_overdue_count", ("count",),
     (_DOSSIER, r"(?:(?:hiện|vẫn|đang|hiện nay)\s+còn|tồn(?: đọng)?)\s*(?:tới|đến|khoảng|gần|hơn|trên)?\s*$",
      r"^[^.;]{0,40}(?:quá|trễ) hạn")),
    # "(19.972 hồ sơ còn trong hạn và 4.104 hồ sơ quá hạn)" of the dossiers still in progress
    ("dossier_pending_in_time_count", ("count",),
     (r"^\W*(?:hồ sơ|HS\b)\s+(?:còn |đang (?:giải quyết |xử lý )?(?:còn )?)?(?:trong (?:thời )?hạn|chưa đến hạn|chưa quá hạn)",)),
    # "số hồ sơ đang giải quyết còn trong hạn là 220 hồ sơ"
    ("dossier_pending_in_time_count", ("count",),
     (_DOSSIER, r"đang (?:giải quyết|xử lý) (?:còn )?(?:trong (?:thời )?hạn|chưa đến hạn)\s*(?:là|có)?\s*(?:khoảng|gần|hơn|trên)?\s*$")),
    ("dossier_pending_overdue_count", ("count",),
     (r"^\W*(?:hồ sơ|HS\b)\s+(?:đã\s+)?quá hạn", r"đang (?:giải quyết|xử lý)")),
    ("dossier_late_count", ("count",), (_DOSSIER, r"(?:giải quyết|xử lý|trả kết quả) (?:quá|trễ) hạn")),
    # "với 6.823 hồ sơ trễ hạn, chiếm 5,99%": late dossiers named by their noun
    ("dossier_late_count", ("count",),
     (r"^\W*(?:hồ sơ|HS\b)(?:\s+(?:đất đai|TTHC|thủ tục hành chính|hành chính))?\s+(?:(?:bị\s+)?(?:trễ|chậm) hạn|bị\s+quá hạn)"
      r"(?!\s+(?:tiếp nhận|chưa|đang))",)),
    # "5 hồ sơ … đã giải quyết nhưng quá hạn": resolved, but late
    ("dossier_late_count", ("count",),
     (_DOSSIER, r"^[^.;]{0,60}(?:giải quyết|xử lý|trả kết quả)\s*(?:nhưng|song|mà)\s*(?:bị\s*)?(?:quá|trễ) hạn")),
    # the timeliness named right before the number: "đúng hạn 49 hồ sơ, trễ hẹn 37 hồ sơ"
    ("dossier_late_count", ("count",), (_DOSSIER, r"(?<!đang )(?:trễ|quá|chậm) (?:hạn|hẹn)\s*(?:là|có|:)?\s*$")),
    # one figure for both channels: "trực tiếp và qua bưu chính 10 ngàn hồ sơ"
    ("dossier_direct_postal_count", ("count",),
     (_DOSSIER, r"trực tiếp\s*(?:,|và|hoặc|,\s*hồ sơ gửi)\s*(?:qua\s+)?(?:dịch vụ\s+)?bưu (?:chính|điện)")),
    # the noun before the number: "hồ sơ trực tuyến gần 27 ngàn"
    ("dossier_online_count", ("count",),
     (r"hồ sơ (?:được |đã được )?(?:nộp |tiếp nhận |gửi )?(?:trực tuyến|qua mạng)\s*(?:là|có|gần|khoảng|hơn|đạt|trên)?\s*$",
      r"^(?!\W*(?:dịch vụ|thủ tục|TTHC|DVC))")),
    ("dossier_carried_over_count", ("count",), (_DOSSIER, r"tồn|kỳ trước")),
    ("dossier_handled_count", ("count",), (_DOSSIER, r"lũy kế|trong kỳ")),
    # "tổng số hồ sơ yêu cầu giải quyết … là 1.150.343": new and carried over together (form II.06a)
    ("dossier_handled_count", ("count",), (_DOSSIER, r"tổng số hồ sơ (?:yêu cầu|cần|phải) giải quyết")),
    ("dossier_due_count", ("count",), (_DOSSIER, r"đến hạn")),
    ("dossier_pending_count", ("count",),
     (_DOSSIER, r"đang (?:tiếp tục )?(?:giải quyết|xử lý)(?! (?:quá|trễ) hạn)|chưa (?:giải quyết|xử lý)")),
    ("dossier_resolved_count", ("count",),
     (_DOSSIER, r"đã giải quyết|đã có kết quả|(?:được|đã được) (?:giải quyết|xử lý)(?!\s+(?:trực tuyến|qua mạng))")),
    ("dossier_online_count", ("count",), (_DOSSIER, rf"trực tuyến|điện tử|nộp mức độ|VNeID|DVCTT|{_VIA_PORTAL}")),
    # "đã tiếp nhận 121.355 hồ sơ và giải quyết 116.517 hồ sơ": the verb right before the number
    ("dossier_resolved_count", ("count",),
     (_DOSSIER, r"(?<!đang )(?<!chưa )(?<!nhận và )(?<!tục )(?:giải quyết|xử lý|đã trả(?: kết quả)?|trả kết quả)\s*(?:được\s*)?"
                r"(?:khoảng|gần|hơn|trên|đến|tới|lên đến)?\s*$", r"^(?!\W*(?:bộ\s+)?(?:hồ sơ|HS\b)\s+(?:tiếp nhận\s+)?mới)")),
    # "đã cấp hơn 153.900 phiếu lý lịch tư pháp": results issued are dossiers resolved
    ("dossier_resolved_count", ("count",),
     (r"^\W*(?:phiếu|giấy chứng nhận|kết quả)", r"(?<!chưa )(?<!được )(?:cấp|trả)\s*(?:được\s*)?(?:khoảng|gần|hơn|trên)?\s*$")),
    ("dossier_received_count", ("count",), (_DOSSIER, r"(?:tiếp )?nhận(?! kết quả)")),
    ("tthc_upgrade_planned_count", ("count",), (_SERVICE, r"nâng cấp")),
    # "đưa 226 dịch vụ công trực tuyến mức độ 3, 4 lên Cổng Dịch vụ công quốc gia": integrated into the portal
    ("dvctt_portal_integrated_count", ("count",), (_SERVICE, r"(?:đưa|tích hợp)[^.;]{0,60}(?:lên|trên) Cổng")),
    # "thủ tục hành chính cung cấp qua cổng dịch vụ công quốc gia có 403 thủ tục": offered through the national portal
    ("dvctt_portal_integrated_count", ("count",),
     (_SERVICE, r"cung cấp (?:qua|trên) Cổng (?:Dịch vụ công|DVC) (?:quốc gia|QG)|Cổng (?:DVCQG|DVC QG)")),
    ("dvctt_level34_count", ("count",), (_SERVICE, _LEVEL34)),
    ("dvc_level12_count", ("count",), (_SERVICE, _LEVEL12)),
    ("dvctt_portal_integrated_count", ("count",), (_SERVICE, r"tích hợp")),
    ("dvctt_full_count", ("count",), (r"toàn trình", _NOT_DOSSIER)),
    ("dvctt_partial_count", ("count",), (r"một phần", _NOT_DOSSIER)),
    # "mức độ 3, đến nay …" names level 3 alone; "mức độ 3, 4" and "mức độ 3 và 4" name both
    ("dvctt_level4_count", ("count",), (_SERVICE, r"mức(?: độ)? 4" + _ONE_LEVEL)),
    ("dvctt_level3_count", ("count",), (_SERVICE, r"mức(?: độ)? 3" + _ONE_LEVEL)),
    # "mức độ 2 có 165 thủ tục" after the counts of levels 4 and 3: level 2 alone
    ("dvc_level12_count", ("count",), (_SERVICE, r"mức(?: độ)? [12]" + _ONE_LEVEL)),
    ("payment_dvctt_online_share", ("count",),
     (_SERVICE, rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán")),
    ("dvctt_with_dossiers", ("count",), (_SERVICE, r"phát sinh hồ sơ")),
    ("dvctt_count", ("count",), (rf"^\W*(?:{_ONLINE_SERVICE})",)),
    # procedures named as done online ("41 thủ tục hành chính qua mạng") are online services
    ("dvctt_count", ("count",), (r"^\W*(?:thủ tục|TTHC)[^.;:]{0,40}?(?:qua mạng|trực tuyến)",)),
    # "tiếp nhận … hồ sơ qua DVCTT đối với 122 TTHC": the procedures offered online
    ("dvctt_count", ("count",),
     (r"^\W*(?:thủ tục|TTHC)", rf"(?:qua|bằng) (?:{_ONLINE_SERVICE})[^.;]{{0,20}}(?:đối với|cho)\s*$")),
    ("tthc_total", ("count",), (r"^\W*(?:thủ tục|TTHC)",)),
]
_RULES_RX = [
    (ind, units, tuple(re.compile(p, re.I) for p in pats)) for ind, units, pats in _RULES
]


@functools.lru_cache(maxsize=1)
def _known_indicators() -> frozenset[str] | None:
    try:
        import pandas as pd

        from ..._resources import data_path

        with data_path("indicators.csv").open("r", encoding="utf-8") as fh:
            ids = pd.read_csv(fh, dtype=str, usecols=["id"])["id"].dropna()
        return frozenset(ids)
    except Exception:  # indicators.csv not (yet) bundled: accept the rule ids
        return None


_GENERIC = {"dvctt_count", "tthc_total"}  # noun-only rules: used when no specific rule applies


# Word families whose nearest member to a figure decides between rules that would all match:
# the channel of a dossier (online vs in person or by post) and its timeliness (on time vs late).
_ONLINE_WORDS = re.compile(r"trực tuyến|qua mạng|online|điện tử|DVCTT|VNeID|" + _VIA_PORTAL, re.I)
_OFFLINE_WORDS = re.compile(r"trực tiếp|bưu chính|bưu điện|tại (?:bộ phận|quầy|trung tâm)", re.I)
_ON_TIME_WORDS = re.compile(r"đúng hạn|trước hạn|sớm hạn|đúng hẹn|trước hẹn", re.I)
_LATE_WORDS = re.compile(r"trễ hạn|quá hạn|chậm trễ|trễ hẹn|chậm hạn|(?:giải quyết|xử lý) (?:trễ|chậm)"
                         r"|chậm (?:giải quyết|xử lý)", re.I)
_ONLINE_RULES = {"dossier_online_share", "dossier_online_count", "dossier_online_share_rank",
                 "dossier_full_online_share"}
_ON_TIME_RULES = {"on_time_rate", "dossier_on_time_count"}
_OWN_ONLINE = re.compile(r"trực tuyến|qua mạng|online|DVCTT|VNeID|" + _VIA_PORTAL, re.I)
_PROCEDURE_SHARES = {"tthc_level4_share", "tthc_online_share", "tthc_full_share", "dvctt_full_share",
                     "tthc_level12_share", "tthc_eligible_online_share", "tthc_eligible_full_share"}
# a share counted in ministries, provinces, communes or agencies is no share of services or dossiers
_BODIES = re.compile(r"\W*(?:các\s+)?(?:bộ|ngành|bộ, ngành|địa phương|tỉnh|thành phố|huyện|xã|phường|đơn vị|cơ quan|sở)"
                     r"(?:\W|$)", re.I)
_PEOPLE_NOUN = re.compile(r"\W*(?:số\s+)?(?:người(?: dân| dùng| được hỏi| trả lời| tham gia)?|công dân|cử tri|hộ gia đình|DN|doanh nghiệp)"
                          r"(?!\s+(?:sử dụng|dùng|đã sử dụng|đã dùng)\s+(?:dịch vụ công|DVC))\b", re.I)
_SERVICE_SHARES = _PROCEDURE_SHARES | {"dvctt_portal_integrated", "dossier_online_share", "dossier_full_online_share",
                                       "dvctt_with_dossiers", "payment_dvctt_online_share", "payment_dossier_share"}
_SERVICE_ONLY_SHARES = {"dvctt_with_dossiers", "dvctt_portal_integrated", "payment_dvctt_online_share",
                        "payment_dvctt_with_dossiers", "payment_dvctt_offline_share", "payment_configured_share"}
_ONLINE_DOSSIER_SHARES = {"dossier_online_share", "dossier_full_online_share"}
_ANY_CHANNEL_COUNTS = {"dossier_resolved_count", "dossier_received_count"}
# a relative change ("tăng 150% so với cùng kỳ", "gấp 2 lần") is not a level of any indicator
_GROWTH = re.compile(r"(?:tăng|giảm|gấp)(?:\s+(?:thêm|hơn|gần|khoảng|trên))?\s*$", re.I)
# dossiers of an electronic identity or synchronised with the national portal are no public-service dossiers of
# the period; procedures amended, replaced or abolished are no count of procedures offered
_NOT_SERVICE_DOSSIERS = re.compile(r"\W*(?:bộ\s+)?(?:hồ sơ|HS\b)\s+(?:(?:đề nghị\s+)?(?:cấp\s+)?(?:tài khoản\s+)?định danh"
                                   r"|(?:được\s+)?đồng bộ)", re.I)
# "178 phiếu đánh giá sớm hạn, đạt 85,2%": ballots of a satisfaction survey, not dossiers
# "tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng": an office's internal work files, not dossiers of procedures
_WORK_FILES = re.compile(r"hồ sơ công việc[^.;]*$", re.I)
_BALLOT_NOUN = re.compile(r"\W*phiếu (?:đánh giá|khảo sát|lấy ý kiến|hỏi|điều tra)", re.I)
# "quyết định công bố danh mục … với 865 TTHC", "phân định thẩm quyền giải quyết 1.336 thủ tục"
_DECIDED = re.compile(r"công bố (?:danh mục )?(?:các )?(?:thủ tục|TTHC)|phân định thẩm quyền|phân cấp (?:giải quyết|thẩm quyền)",
                      re.I)
_AMENDED = re.compile(r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ|không thay đổi|hủy bỏ)\s*$", re.I)
_DONE_ONLINE = re.compile(r"\W*(?:hồ sơ\s+)?(?:được\s+)?(?:thực hiện|nộp|tiếp nhận)\s+(?:trực tuyến|qua mạng)", re.I)
_PER_PERIOD = re.compile(r"\W*(?:bộ\s+)?(?:hồ sơ|HS\b|lượt)?\s*(?:/|mỗi|một|trên)\s*(?:ngày|tuần)(?!\w)", re.I)
_GROWTH_AFTER = re.compile(r"^\s*(?:so với|lần|so cùng kỳ)", re.I)
# "dịch vụ công (DVC) trực tuyến": the abbreviation in brackets splits the name
_ABBR = re.compile(r"\s*\((?:[A-ZĐ][A-ZĐ&\-]{1,9})\)")
# "số lượng hồ sơ đã giải quyết là 113.295", "trong đó hồ sơ giải quyết đúng hạn là 268.597", "tổng số hồ sơ giải
# quyết trên 83 ngàn": the dossiers named before their count
_NAMED_BEFORE = re.compile(r"(?:(?:tổng\s+)?(?:số lượng|số)\s+|(?:^|[,;(]\s*|(?:trong đó|gồm|bao gồm)\s+)(?:tổng\s+)?)"
                           r"(?:hồ sơ|HS)\b((?:[^.;:()\d]|(?<=năm )(?:19|20)\d\d){0,80}?)"
                           r"\s*(?:(?:là|đạt|lên tới|lên đến|:)\s*(?:khoảng|gần|hơn|trên)?|(?:khoảng|gần|hơn|trên))"
                           r"\s*$", re.I)
_SATISFACTION = re.compile(r"hài lòng(?:\s+(?:của\s+)?(?:người dân|tổ chức|doanh nghiệp|cá nhân)[^.;,]{0,20})?"
                           r"\s*(?:chỉ\s+|mới\s+)?(?:đạt|là|ở mức)?\s*(?:khoảng|gần|hơn|trên)?\s*$"
                           # "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của … trên địa bàn đạt 86,83%"
                           r"|(?:chỉ số|mức độ|tỷ lệ|tỉ lệ) hài lòng(?:(?!tỷ lệ|tỉ lệ|hồ sơ|hạn|hẹn|trực tuyến)[^.;]){0,100}"
                           r"(?:đạt|là|ở mức)\s*(?:khoảng|gần|hơn|trên)?\s*$", re.I)


def _nearest(left: str, right: str, families: dict[str, re.Pattern]) -> str:
    """The family of the first such word after the figure (its own noun phrase), else of the
    nearest one before it."""
    for side, dist in ((right, lambda m: m.start()), (left, lambda m: len(left) - m.end())):
        best, best_dist = "", None
        for name, rx in families.items():
            for m in rx.finditer(side):
                if best_dist is None or dist(m) < best_dist:
                    best, best_dist = name, dist(m)
        if best:
            return best
    return ""


_LEVEL_NAMES = {"3": re.compile(r"mức(?: độ)? 3(?!\d)(?!\s*(?:,|và|-)\s*(?:mức(?: độ)?\s*)?4)", re.I),
                "4": re.compile(r"(?<!3 và )(?<!3, )(?<!3-)mức(?: độ)? 4(?!\d)", re.I)}


def _closest_level(left: str, right: str) -> str:
    """ "3" or "4" when both single levels are named around a count: the one in the count's own noun
    phrase ("127 thủ tục mức 4"), else the one written last before it ("mức độ 3 có 296 dịch vụ, mức độ 4 …")."""
    if not all(rx.search(left + " " + right) for rx in _LEVEL_NAMES.values()):
        return ""
    own = re.split(r"[,;(]|\s(?:và|hoặc)\s", right, maxsplit=1)[0]
    for text, pick in ((own, min), (left, max)):
        found = {name: [m.start() for m in rx.finditer(text)] for name, rx in _LEVEL_NAMES.items()}
        found = {name: pick(pos) for name, pos in found.items() if pos}
        if found:
            return pick(found, key=found.get)
    return ""


# indicators that are themselves a cut or a reduction: "giảm 30% hồ sơ giấy" is their level
# the count a rate is made of: "tỷ lệ trễ hạn 0,15% với 146 hồ sơ" names the late dossiers
COUNT_OF_RATE = {"on_time_rate": "dossier_on_time_count", "late_rate": "dossier_late_count",
                 "dossier_online_share": "dossier_online_count", "tthc_online_share": "dvctt_count",
                 "tthc_full_share": "dvctt_full_count", "dvctt_portal_integrated": "dvctt_portal_integrated_count"}
COUNT_AFTER_RATE = re.compile(r"(?:tương ứng(?:\s+với)?|với|gồm|bằng)\s*(?:khoảng|gần|hơn|trên)?\s*$", re.I)

_REDUCTIONS = {"paper_dossier_reduction", "tthc_cut_share", "field_cut_share", "tthc_simplified_share",
               "compliance_cost_cut_share"}


def _guess_indicator(
    unit: str, left: str, right: str, sentence_left: str = "", change: bool = False
) -> tuple[str, bool]:
    """(indicator, guessed from the noun only): first rule whose patterns all match, trying the
    figure's own clause, then the words since the previous figure, then the noun alone. Rules of
    the other channel or timeliness than the nearest such word are skipped, and a relative change
    ("tăng 150% so với cùng kỳ", or any percent flagged `change`) is no level of a share."""
    left, right, sentence_left = (_ABBR.sub("", t) for t in (left, right, sentence_left))
    if unit == "percent" and _GROWTH.search(left) and _GROWTH_AFTER.search(right):
        return "", False
    if _BALLOT_NOUN.match(right) or _WORK_FILES.search(left) or _WORK_FILES.search(sentence_left) \
            or re.match(r"\W*hồ sơ công việc", right, re.I):
        return "", False
    named = _NAMED_BEFORE.search(left) if unit == "count" else None
    if named and not re.match(_DOSSIER, right, re.I):
        right = " hồ sơ " + named.group(1) + right  # "số lượng hồ sơ đã giải quyết là 113.295"
    if unit == "count" and re.match(r"\W*(?:thủ tục|TTHC)", right) and _DECIDED.search(sentence_left or left):
        return "", False  # procedures a decision publishes or assigns, not the province's catalogue
    if unit == "count" and (_NOT_SERVICE_DOSSIERS.match(right) or _AMENDED.search(left) and re.match(r"\W*(?:thủ tục|TTHC)", right)):
        return "", False  # e-ID enrolments, dossiers synchronised with the portal, procedures amended or abolished
    if unit == "percent" and _DONE_ONLINE.match(right) and re.search(r"hồ sơ", sentence_left + left, re.I):
        return "dossier_online_share", False  # "xử lý 14.785 hồ sơ …, trong đó hơn 87% được thực hiện trực tuyến"
    if unit == "count" and _PER_PERIOD.match(right):
        return "", False  # "trên 700 hồ sơ/ngày": an average per day, no count of the period (a monthly average is read as
        # the count of a month)
    if unit == "count" and change:
        return "", False  # "giảm 142 hồ sơ so với tháng trước": a difference, no count of anything
    if unit == "percent" and share_of_nothing(left):
        return "", False  # "mức độ hài lòng đạt 92,58%": no indicator of the package
    if unit == "percent" and change:
        found = _guess_indicator(unit, left, right, sentence_left)
        return found if found[0] in _REDUCTIONS else ("", False)
    near_all = sentence_left if len(sentence_left) > len(left) else left
    channel = _nearest(near_all, right, {"online": _ONLINE_WORDS, "offline": _OFFLINE_WORDS})
    timing = _nearest(near_all, right, {"on_time": _ON_TIME_WORDS, "late": _LATE_WORDS})
    skip = set()
    if channel == "offline":
        skip |= _ONLINE_RULES
    if unit == "count" and _OWN_ONLINE.search(right) and not _OFFLINE_WORDS.search(right):
        skip |= _ANY_CHANNEL_COUNTS  # "6 triệu hồ sơ được nộp và giải quyết trực tuyến": online ones
    if unit == "percent" and re.match(r"\W*(?:hồ sơ|HS\b)", right):
        # "92% hồ sơ đã thực hiện dịch vụ công mức 4", "100% hồ sơ xây dựng" after "phát sinh hồ sơ": dossiers, not
        # procedures or services
        skip |= _PROCEDURE_SHARES | _SERVICE_ONLY_SHARES
    if unit == "percent" and _PEOPLE_NOUN.match(right):
        skip |= _SERVICE_SHARES  # "68% người dân chưa tiếp cận DVCTT": a survey's share of people
    if unit == "percent" and _BODIES.match(right):
        skip |= _SERVICE_SHARES  # "62/63 địa phương" connected to the portal: a share of provinces
    if unit == "count":
        level = _closest_level(near_all, right)
        if level:  # "mức độ 3 có 296 dịch vụ, mức độ 4 có 476": the level named nearest the number
            skip.add("dvctt_level4_count" if level == "3" else "dvctt_level3_count")
    if timing == "on_time":
        skip.add("late_rate")
    elif timing == "late":
        skip |= _ON_TIME_RULES
    known = _known_indicators()
    near = re.split(r"[,;(]\s*|\s(?:và|trong đó)\s", left)[-1]
    if unit == "count":
        passes = [(near + " | " + right, False), (left + " | " + right, False),
                  (sentence_left + " | " + right, False), (right, True)]
    elif unit == "rank":
        passes = [(sentence_left + " | " + right, False)]
    else:
        passes = [(left + " | " + right, False), (sentence_left + " | " + right, False)]
    for text, generic in passes:
        for ind, units, pats in _RULES_RX:
            if unit not in units or (ind in _GENERIC) != generic:
                continue
            if (known is not None and ind not in known) or ind in skip:
                continue
            if all(p.search(right) if p.pattern.startswith("^") else p.search(left) if p.pattern.endswith("$")
                   else p.search(text) for p in pats):
                if ind == "dossier_received_count" and channel == "offline" \
                        and re.search(r"trực tiếp|bưu (?:chính|điện)", near_all[-80:] + right, re.I):
                    ind = "dossier_direct_postal_count"  # "tiếp nhận trực tiếp (7,7 ngàn HS)"
                return ind, generic
    return "", False


# "đúng và trước hạn" names both parts at once; "hồ sơ trễ hạn" names late dossiers
_JOINED_TIMING = re.compile(r"đúng\s*(?:hạn)?\s*(?:và|,|hoặc|/)\s*trước\s+hạn|trước\s*(?:hạn)?\s*(?:và|,|hoặc|/)\s*đúng\s+hạn", re.I)
_LATE_NOUN = re.compile(r"(?<!\w)(?:hồ sơ|HS\b)\s+(?:bị\s+)?(?:trễ|quá|chậm)\s+hạn(?!\s+(?:tiếp nhận|chưa|đang))", re.I)


def timeliness_part(indicator: str, own: str, sentence_left: str) -> str:
    """Split an on-time count into its early and on-the-day parts when the text splits them, and
    name the late count that follows an on-time one.

    "13.529 hồ sơ trước hạn" counts dossiers resolved early; "3.254 hồ sơ đúng hạn" after such an
    early count in the same sentence counts those resolved on the due day. Counts of "đúng và trước
    hạn" stay on time.
    """
    if not indicator and _LATE_NOUN.search(own) and not re.search(r"(?:còn|đang|tồn)\s", own, re.I) \
            and re.search(r"(?:đúng|trước|sớm)\s+hạn|đã giải quyết", sentence_left, re.I):
        return "dossier_late_count"  # "… đúng và sớm hạn (98,7%); 818 hồ sơ trễ hạn": the late ones resolved
    if indicator != "dossier_on_time_count" or _JOINED_TIMING.search(own):
        return indicator
    early, due = bool(re.search(r"trước\s+hạn", own, re.I)), bool(re.search(r"đúng\s+hạn", own, re.I))
    if early and not due:
        return "dossier_early_count"
    if due and not early and re.search(r"trước\s+hạn", _JOINED_TIMING.sub("", sentence_left), re.I):
        return "dossier_on_due_count"
    return indicator


# "208/209 phiếu đánh giá rất tốt …, đạt tỷ lệ 99,5%": a share of a survey's ballots
_BALLOTS = re.compile(r"phiếu (?:đánh giá|khảo sát|lấy ý kiến|hỏi|điều tra)[^.;]*$", re.I)
_PENDING_SHARE = re.compile(r"đang (?:tiếp tục )?(?:giải quyết|xử lý)[^.;]*$", re.I)
# "đã giải quyết được 7.846 hồ sơ, đạt tỷ lệ 81,69%": the share of the dossiers received that were resolved, which no
# indicator of the package holds (its timeliness is named on its own: "giải quyết đúng hạn … đạt 99,96%")
_RESOLVED_SHARE = re.compile(r"(?:giải quyết|xử lý)(?:\s+(?:được|xong))?\s+(?:được\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"
                             r"[\d.,]+\s*(?:hồ sơ|HS)(?:\s+(?:thủ tục\s+)?hành chính|\s+TTHC)?\s*,?\s*"
                             r"(?:đạt|chiếm|bằng)(?:\s+(?:tỷ|tỉ) lệ)?\s*(?:khoảng|gần|hơn|trên)?\s*$", re.I)


_NEW_PART = re.compile(r"(?:gồm|trong đó|bao gồm)(?:[^.;]|\.(?=\d)){0,40}(?:hồ sơ|HS)?\s*(?:tiếp nhận|nhận) mới", re.I)


def handled_total(indicator: str, rest: str) -> str:
    """A received count broken down into new dossiers and those carried over is the total handled
    ("đã tiếp nhận 19.361 hồ sơ, trong đó có 16.041 hồ sơ tiếp nhận mới, số còn lại từ kỳ trước")."""
    if indicator == "dossier_received_count" and _NEW_PART.search(rest):
        return "dossier_handled_count"
    return indicator


_BOTH_KINDS = re.compile(r"^[^.;]{0,40}?(?:toàn trình\s*(?:,|và|hoặc|/)\s*một phần|một phần\s*(?:,|và|hoặc|/)\s*toàn trình)",
                         re.I)


def both_service_kinds(indicator: str, rest: str) -> str:
    """A count of fully online services whose words go on to name the partly online ones too ("124 DVC trực
    tuyến toàn trình, một phần") counts the online services of both kinds."""
    if indicator in ("dvctt_full_count", "dvctt_partial_count") and _BOTH_KINDS.search(rest):
        return "dvctt_count"
    return indicator


def fully_online(indicator: str, rest: str) -> str:
    """An eligible-procedures share whose sentence goes on to name fully online service ("100% thủ tục
    đủ điều kiện đã được rà soát, tái cấu trúc và triển khai dịch vụ công trực tuyến toàn trình")."""
    if indicator == "tthc_eligible_online_share" and re.search(r"toàn trình", rest, re.I):
        return "tthc_eligible_full_share"
    return indicator


def share_of_units(right: str) -> bool:
    """A percent whose own noun is people, firms or ballots ("99,8% DN khai thuế điện tử"): it inherits no share of
    services or dossiers from the figures around it. (Shares of bodies, "10/17 sở, ngành", still carry an
    enumeration of dossier shares along.)"""
    return bool(_PEOPLE_NOUN.match(right) or _BALLOT_NOUN.match(right))


def share_of_nothing(left: str) -> bool:
    """A percent that is no indicator of the package: a satisfaction rate, the share of the dossiers
    still in progress ("đang giải quyết 214 hồ sơ trong hạn, chiếm 9,48%") or of those resolved ("đã giải
    quyết 7.846 hồ sơ, đạt tỷ lệ 81,69%")."""
    return bool(_SATISFACTION.search(left) or _PENDING_SHARE.search(left) or _RESOLVED_SHARE.search(left)
                or _BALLOTS.search(left) or _WORK_FILES.search(left))


def carried_count(previous: str, right: str) -> str:
    """The indicator a count takes from the count before it in an enumeration, unless its own words
    name the other channel ("2.007 hồ sơ trực tuyến; 258 hồ sơ trực tiếp")."""
    if previous == "dossier_online_count" and _OFFLINE_WORDS.search(right) and not _OWN_ONLINE.search(right):
        return "dossier_direct_postal_count"
    if previous == "dossier_direct_postal_count" and _OWN_ONLINE.search(right) and not _OFFLINE_WORDS.search(right):
        return "dossier_online_count"
    return previous


# words that point back to a share named before ("tỷ lệ này", "với tỷ lệ 68%", "Đà Nẵng (67%)")
_BACK_REFERENCE = re.compile(r"(?:tỷ lệ|tỉ lệ|con số|chỉ số|mức) (?:này|trên|đó)|(?:với|đạt) (?:tỷ|tỉ) lệ|tương ứng", re.I)


def topic_share(text: str) -> str:
    """The share indicator a sentence or heading speaks of, from its words alone, else ""."""
    if not text.strip():
        return ""
    return _guess_indicator("percent", text, "", text)[0]


_BARE_VERB = re.compile(r"(?:đạt|là|chiếm|ở mức|còn)\s*(?:khoảng|gần|hơn|trên|dưới|chỉ)?\s*$", re.I)


# "tỷ lệ xử lý hồ sơ điện tử đạt 66,38%": a share that names its own subject, which no rule knows
_OWN_SUBJECT = re.compile(r"(?:tỷ|tỉ) lệ\s+(?!(?:này|trên|đó|của|tại|ở|cấp|chung|tương ứng|là|đạt|chiếm)\b)[^\W\d]"
                          r"[^,;(]*$", re.I)


def inherited_share(left: str, sentence: str, earlier: list[str], same_sentence: str, previous: str,
                    same_paragraph: str = "", own_words: str = "") -> str:
    """Indicator of a share whose own words name none, or "".

    In order: the share before it in the same sentence (an enumeration: "Đà Nẵng (58,89%), Hà
    Giang (55,76%)"); when the sentence points back ("tỷ lệ này", "với tỷ lệ") or the figure sits
    in brackets after a name, the share the nearest earlier sentence speaks of (`earlier`, nearest
    last), else the last share of the document (`previous`); a share after a bare verb ("Khối bộ
    đạt 63,47%") takes the paragraph's last share (`same_paragraph`). A relative change ("tăng 6,82%")
    inherits nothing. (Reading the words of the whole sentence as well added no right label on the
    dev texts and gave more figures of no indicator one, so it is not done.) A share whose own
    words since the previous figure (`own_words`) name its subject ("tỷ lệ xử lý hồ sơ điện tử đạt")
    inherits nothing either: it is a share of something else.
    """
    if _GROWTH.search(left) or _OWN_SUBJECT.search(own_words):
        return ""
    if same_sentence in _ONLINE_DOSSIER_SHARES and (_OFFLINE_WORDS.search(own_words) or "liên thông" in own_words) \
            and not _OWN_ONLINE.search(own_words):
        return ""  # "qua mạng chiếm 47,7%, tiếp nhận hồ sơ trực tiếp 51%": the other channel, no indicator
    if same_sentence:
        return same_sentence
    if _BACK_REFERENCE.search(sentence) or re.search(r"\(\s*$", left):
        return next((t for t in map(topic_share, reversed(earlier)) if t), previous)
    if same_paragraph and _BARE_VERB.search(left):
        return same_paragraph  # "Khối bộ, ngành đạt 63,47%" after a share named in the paragraph
    return ""


# Column headers of the period statistics table most offices file (Biểu II.06a: received,
# resolved early / on time / late, in progress): the header alone names the indicator of a cell.
_STATUS_COLUMNS = [
    (re.compile(r"trễ hạn|quá hạn", re.I), {"percent": "late_rate", "count": "dossier_late_count"}),
    (re.compile(r"trước hạn|đúng hạn|sớm hạn", re.I), {"percent": "on_time_rate", "count": "dossier_on_time_count"}),
    (re.compile(r"(?:chưa|đang) (?:xử lý|giải quyết)", re.I), {"count": "dossier_pending_count"}),
    (re.compile(r"(?:đã )?(?:xử lý|giải quyết)(?! đúng| trước| trễ)", re.I), {"count": "dossier_resolved_count"}),
    (re.compile(r"tiếp nhận|nhận mới", re.I), {"count": "dossier_received_count"}),
]


def _status_indicator(unit: str, column: str) -> str:
    """Indicator named by a statistics-table column header ("Đúng hạn", "Đã xử lý" …), else ""."""
    for rx, by_unit in _STATUS_COLUMNS:
        if rx.search(column or ""):
            return by_unit.get(unit, "")
    return ""


_CHANNELS = {"truc_tuyen": _ONLINE_WORDS, "truc_tiep": re.compile(r"trực tiếp|tại (?:bộ phận|quầy|trung tâm)", re.I),
             "buu_chinh": re.compile(r"bưu chính|bưu điện", re.I)}


def _channel(left: str, right: str) -> str:
    """Channel of a dossier figure named nearest to it: truc_tuyen, truc_tiep, buu_chinh or ""."""
    return _nearest(left, right, _CHANNELS)


# Statistics tables by service level or type (rows or columns "Mức độ 1" … "Mức độ 4", "Toàn
# trình", "Một phần") count procedures; tables by channel ("Trực tuyến", "Trực tiếp", "Bưu
# chính") count dossiers; in a status table (received, resolved, late …) "Tổng" is the total handled.
_LEVEL_CELL = re.compile(
    r"^\W*mức(?:\s*độ)?\s*([1-4])(?:\s*(?:,|và|-)\s*(?:mức(?:\s*độ)?\s*)?([1-4]))?(?!\d)", re.I)
_TYPE_CELL = (("full", re.compile(r"toàn trình", re.I)), ("partial", re.compile(r"một phần", re.I)))
_STATUS_HEADER = re.compile(r"xử lý|giải quyết|trễ hạn|đúng hạn|quá hạn", re.I)
_CHANNEL_CELL = re.compile(
    r"^\W*(?:(?:nộp|tiếp nhận|hồ sơ)\s+)?(?:(trực tuyến|qua mạng|điện tử)|trực tiếp|(?:qua )?bưu (?:chính|điện))"
    r"(?:\s+công ích)?\W*$", re.I)
_BY_LEVEL = {
    ("count", "12"): "dvc_level12_count", ("count", "3"): "dvctt_level3_count",
    ("count", "4"): "dvctt_level4_count", ("count", "34"): "dvctt_level34_count",
    ("count", "full"): "dvctt_full_count", ("count", "partial"): "dvctt_partial_count",
    ("percent", "12"): "tthc_level12_share", ("percent", "3"): "tthc_online_share",
    ("percent", "4"): "tthc_level4_share", ("percent", "34"): "tthc_online_share",
    ("percent", "full"): "tthc_full_share",
}


def _level_kind(text: str) -> str:
    """"12", "3", "4", "34", "full", "partial" for a cell naming a service level or type, else ""."""
    m = _LEVEL_CELL.match(text or "")
    if m:
        levels = {m.group(1), m.group(2)} - {None}
        return ("12" if levels <= {"1", "2"} else "34" if levels == {"3", "4"}
                else next(iter(levels)) if len(levels) == 1 else "")
    return next((name for name, rx in _TYPE_CELL if rx.search(text or "")), "")


def _table_indicator(unit: str, label: str, column: str, header: list[str] | None) -> str:
    """Indicator of a statistics-table cell from its column header and row label, else ""."""
    header_text = " | ".join(header or [])
    channel = _CHANNEL_CELL.match(column or "")
    if channel:
        if unit == "count":
            return "dossier_online_count" if channel.group(1) else "dossier_received_count"
        return "dossier_online_share" if unit == "percent" and channel.group(1) else ""
    if _STATUS_HEADER.search(header_text):
        # dossiers by status; a level in the row label is only the part the row counts
        total = re.fullmatch(r"\W*tổng(?:\s+số)?(?:\s+hồ sơ)?\W*", column or "", re.I)
        return "dossier_handled_count" if unit == "count" and total else ""
    kind = _level_kind(column) or _level_kind(label)
    if not kind or re.search(r"hồ sơ", f"{header_text} | {label}", re.I):
        return ""
    return _BY_LEVEL.get((unit, kind), "")
