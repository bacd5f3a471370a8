"""Barriers to online public services and the policy levers that address them.

A transparent, rule-based coder for Vietnamese reports (`suggest_codes`, `code_file`) and
helpers over the hand-coded mentions of the bundled sources (`load_mentions`,
`mentions_by_unit`, `barrier_lever_matrix`, `recommendations`).

How the coder works. Text is NFC-normalised and folded (lower case, tone and vowel marks
removed, đ → d) one character at a time, so every match maps back to the words as written.
Each code has patterns of two kinds:

* marked phrases that carry their own polarity ("lạ lẫm", "thiếu phương tiện" are
  barriers; "Tổ công nghệ số", "giao chỉ tiêu" are levers);
* topic words ("hạ tầng", "tuyên truyền", "liên thông") whose reading depends on the cue
  word nearest to them in the same clause: a deficit cue (chưa, thiếu, còn thấp, khó khăn,
  hạn chế…) makes a barrier, a lever cue (tăng cường, đẩy mạnh, đầu tư, nâng cấp, cần, đề
  nghị…) makes a lever, and a success cue (đã sẵn sàng, đạt, hoàn thành…) makes nothing.

So "hạ tầng chưa đồng bộ" → B01 barrier, "đầu tư nâng cấp hạ tầng" → L03 lever,
"hạ tầng đã sẵn sàng" → no code. Low uptake on its own ("tỷ lệ còn thấp") is an outcome,
not a barrier, and is not coded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._resources import data_path
from .errors import UserDataError
from .textio import fold

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["paragraph", "sentence", "kind", "code", "matched"]


def _rx(*phrases: str) -> re.Pattern[str]:
    """Compile Vietnamese phrases (written with marks, may contain regex) into one folded regex."""
    parts = [fold(p) for p in phrases]
    return re.compile(r"(?<![0-9a-z])(?:" + "|".join(parts) + r")(?![0-9a-z])")


# --------------------------------------------------------------------------- cue words
_DEFICIT = _rx(
    r"chưa", r"(?<!không )không(?! (?:chỉ|những|cần|phải nộp lại|còn|ít))", r"thiếu", r"thấp", r"hạn chế",
    r"khó khăn", r"trở ngại", r"kém", r"yếu", r"lạ lẫm", r"(?<!không )ít(?! nhất)", r"vướng mắc",
    r"bất cập", r"chậm", r"tạm dừng", r"gây khó", r"gấp đôi", r"quá tải", r"lo ngại",
    r"e ngại", r"cản trở", r"gián đoạn", r"chập chờn", r"sự cố", r"(?:vẫn|còn) (?:phải|yêu cầu)", r"mới (?:triển khai|thực hiện) được", r"điểm nghẽn", r"rào cản", r"khó",
)
_LEVER = _rx(
    r"tăng cường", r"đẩy mạnh", r"đầu tư", r"nâng cấp", r"nâng cao", r"(?<!chỉ )(?<!không )cần(?! (?:bộ|thiệp|trở))",
    r"(?<!không )(?<!gặp )phải(?! kể)", r"đề nghị", r"đề xuất", r"giải pháp", r"tập trung", r"chú trọng",
    r"phát triển", r"xây dựng", r"triển khai", r"khuyến khích", r"phấn đấu", r"tiếp tục",
    r"thường xuyên(?! bị)", r"quan trọng", r"ban hành", r"hướng tới", r"bổ sung", r"mở rộng",
    r"cải thiện", r"đã (?:được )?kết nối", r"chuyển đổi", r"làm giàu", r"giảm",
)
_SUCCESS = _rx(
    r"(?:đã )?sẵn sàng", r"đạt", r"hoàn thành", r"tích cực", r"thuận lợi", r"tiện lợi",
    r"đánh giá cao", r"dẫn đầu", r"rất tốt", r"thực hiện tốt",
)
# a lever cue right after one of these words is negated ("chưa triển khai")
_NEGATED_BEFORE = re.compile(r"(?:chua|khong|thieu|thieu su)(?: duoc)?\s*$")
_CLAUSE_BREAK = re.compile(
    r"[;:…]|\.\.\.|, (?=viec |do do|tu do|nhu vay|dong thoi|tuy nhien|nhung |song )"
    r"| (?=nhung |tuy nhien|song (?!song)|mac du|do do|dan den )"
)


# "truyền thông" (communication) and "truyền thống" (traditional) fold to the same letters:
# count communication only in unambiguous phrases, never in the ministry's name.
_COMMS = r"(?:công tác|hoạt động|chiến dịch|đẩy mạnh|tăng cường) truyền thông"


@dataclass(frozen=True)
class Rule:
    """One pattern for one code; `mode` "marked" fires alone, "topic" needs a matching cue."""

    code: str
    kind: str  # barrier | lever
    pattern: re.Pattern[str]
    mode: str  # marked | topic


def _rules() -> list[Rule]:
    b, lv = "barrier", "lever"
    spec: list[tuple[str, str, str, tuple[str, ...]]] = [
        # B01 access and infrastructure
        ("B01", b, "topic", (
            r"hạ tầng(?! \d)", r"internet", r"mạng (?:internet|viễn thông|di động)",
            r"đường truyền", r"sóng (?:điện thoại|di động|internet)", r"thiết bị",
            r"máy tính", r"điện thoại thông minh", r"máy quét", r"khả năng tiếp cận",
        )),
        ("B01", b, "marked", (
            r"thiếu (?:phương tiện|thiết bị|máy tính|điện thoại)", r"không có (?:máy tính|điện thoại|internet)",
            r"(?:mất|chập chờn) (?:mạng|kết nối)", r"khó tiếp cận",
        )),
        # B02 digital skills
        ("B02", b, "topic", (
            r"kỹ năng(?: số)?", r"nắm bắt (?:công nghệ|thông tin)", r"sử dụng (?:mạng|internet|công nghệ|máy tính|điện thoại)",
            r"hiểu biết về công nghệ", r"thao tác", r"trình độ công nghệ",
        )),
        ("B02", b, "marked", (
            r"(?:không|chưa) biết (?:cách )?(?:sử dụng|dùng|thao tác)", r"hạn chế về (?:kỹ năng|công nghệ)",
            r"công nghệ (?:kém|hạn chế)",
        )),
        # B03 awareness, communication, habit
        ("B03", b, "topic", (
            r"tuyên truyền", _COMMS, r"phổ biến", r"nhận thức", r"thói quen",
            r"tâm lý", r"hiểu biết về (?:dịch vụ công|dvc)",
        )),
        ("B03", b, "marked", (
            r"lạ lẫm", r"(?:theo |cách (?:làm )?)truyền thống", r"trực tiếp đến", r"làm trực tiếp",
            r"đến tận nơi", r"chưa (?:biết|nghe|quen)", r"ít quan tâm", r"chưa quan tâm",
            r"ngại (?:sử dụng|thay đổi|nộp)", r"quen (?:nộp|làm|đến) trực tiếp",
        )),
        # B04 trust, privacy, security
        ("B04", b, "topic", (
            r"bảo mật", r"an toàn thông tin", r"an ninh mạng", r"dữ liệu cá nhân", r"thông tin cá nhân",
            r"quyền riêng tư", r"niềm tin", r"tin tưởng",
        )),
        ("B04", b, "marked", (r"lộ (?:thông tin|dữ liệu)", r"rò rỉ", r"lừa đảo", r"sợ (?:mất|lộ|bị)")),
        # B05 usability and service design
        ("B05", b, "topic", (
            r"giao diện", r"cập nhật thông tin", r"thông tin (?:về )?(?:các loại )?thủ tục",
            r"dễ sử dụng", r"thân thiện", r"phần mềm (?:dịch vụ công|cổng)",
        )),
        ("B05", b, "marked", (
            r"khó sử dụng", r"(?:thủ tục|quy trình|thao tác|giao diện|cách)[^.;]{0,30}phức tạp", r"rườm rà", r"(?:hay|thường xuyên) (?:bị )?lỗi", r"treo",
            r"nhiều bước",
        )),
        # B06 paper duplication
        ("B06", b, "topic", (r"bản giấy", r"bản chính", r"hồ sơ giấy", r"giấy tờ", r"nộp lại")),
        ("B06", b, "marked", (
            r"(?:chưa|không) (?:được )?(?:nhiều nơi )?chấp nhận", r"vừa [^.;]{1,40} vừa",
            r"song song (?:giấy|bản giấy|hai)", r"làm hai lần",
        )),
        # B07 legal framework and guidance
        ("B07", b, "topic", (
            r"(?<!so với )(?<!theo )quy định(?: pháp lý)?", r"pháp lý", r"sao y điện tử", r"chữ ký số", r"ký số",
            r"lưu trữ điện tử", r"chứng thực điện tử", r"văn bản (?:chỉ đạo|hướng dẫn)",
        )),
        ("B07", b, "marked", (
            r"chờ (?:ý kiến )?(?:chỉ đạo|hướng dẫn)", r"tạm dừng triển khai", r"chưa (?:được )?quy định",
            r"thiếu (?:văn bản|hướng dẫn|quy định|hành lang pháp lý|cơ chế)",
            r"chưa có (?:văn bản|hướng dẫn|quy định|cơ chế|hành lang pháp lý)",
        )),
        # B08 payment friction
        ("B08", b, "topic", (r"thanh toán(?: trực tuyến)?", r"nộp phí", r"phí, lệ phí")),
        # B09 data sharing and interoperability
        ("B09", b, "topic", (
            r"(?<!một cửa )(?<!một cửa, )liên thông", r"chia sẻ(?: dữ liệu)?", r"tái sử dụng", r"sử dụng lại",
            r"cơ sở dữ liệu", r"csdl", r"dữ liệu dân cư", r"số hóa",
        )),
        ("B09", b, "marked", (r"không thuộc (?:ubnd|thẩm quyền)", r"(?:chưa|không) (?:được )?kết nối")),
        # B10 staff and organisational capacity
        ("B10", b, "topic", (r"chuyên trách", r"nhân lực", r"năng lực", r"biên chế")),
        ("B10", b, "marked", (
            r"(?:cán bộ|công chức)[^.;]{0,20} không (?:tiếp nhận|xử lý|giải quyết)",
            r"chưa (?:được )?(?:nhập|cập nhật|xử lý)(?: và giải quyết)? trên (?:phần mềm|hệ thống)",
            r"(?:thiếu|(?<!không )ít) (?:cán bộ|công chức|nhân lực)", r"thiếu (?:sự )?(?:hỗ trợ|hướng dẫn)",
            r"quá tải", r"tăng lên gấp đôi", r"nộp (?:hồ sơ )?(?:hộ(?! sơ)|thay)",
        )),
        # B11 limited supply of transactional online services
        ("B11", b, "marked", (
            r"(?:dừng|chủ yếu) ở mức(?: độ)? [12]", r"mức độ 3, mức độ 4 [^.;]{0,80}(?:chưa nhiều|còn ít|hạn chế)",
            r"(?:dịch vụ|thủ tục|dvc)[^.;]{0,25}(?:toàn trình|mức độ 4)[^.;]{0,25}(?:còn )?(?:ít|chưa nhiều|hạn chế)",
        )),
        # L01 leadership, targets, accountability
        ("L01", lv, "marked", (
            r"người đứng đầu", r"giao chỉ tiêu", r"chịu trách nhiệm", r"tinh thần trách nhiệm",
            r"đánh giá tín nhiệm", r"nhiệm vụ trọng tâm", r"(?:kế hoạch|chương trình) hành động",
            r"chỉ đạo[^.;]{0,80}quyết liệt", r"quyết liệt[^.;]{0,30}chỉ đạo", r"quyết tâm",
            r"phấn đấu (?:nâng |đạt )?tỷ lệ", r"theo dõi, kiểm tra",
        )),
        # L02 simplification and process re-engineering
        ("L02", lv, "marked", (
            r"đơn giản hóa", r"cắt giảm(?! (?:một số )?(?:loại )?(?:lệ )?phí)", r"rà soát",
            r"tái cấu trúc", r"rút ngắn quy trình", r"xử lý hồ sơ[^.;]{0,20}trên môi trường điện tử",
        )),
        # L03 infrastructure investment
        ("L03", lv, "topic", (
            r"hạ tầng(?! \d)", r"internet", r"mạng (?:internet|viễn thông|di động)", r"đường truyền",
            r"thiết bị", r"máy quét",
        )),
        ("L03", lv, "marked", (r"internet tốc độ cao", r"hạ tầng số")),
        # L04 communication campaigns
        ("L04", lv, "topic", (r"tuyên truyền", _COMMS, r"phổ biến")),
        ("L04", lv, "marked", (r"nâng cao nhận thức", r"chiến dịch", r"thông tin đại chúng")),
        # L05 guidance and skills training
        ("L05", lv, "topic", (r"kỹ năng số",)),
        ("L05", lv, "marked", (
            r"tổ công nghệ số",
            r"(?:(?<!giáo dục và )đào tạo|tập huấn|bồi dưỡng kỹ năng)(?![^.;]{0,40}(?:cán bộ|công chức|viên chức))",
            r"hướng dẫn (?:người dân|người dùng|công dân)(?:, doanh nghiệp)? (?:cách )?(?:sử dụng|dùng)",
        )),
        # L06 hands-on help at service desks
        ("L06", lv, "marked", (
            r"tình nguyện viên", r"(?:mở|lập) tài khoản", r"sẵn sàng hỗ trợ",
            r"hỗ trợ (?:người dân|người dùng|công dân|thanh toán|mở|nộp|họ|trực tiếp)",
            r"hướng dẫn[^.;]{0,30}(?:nộp hồ sơ|mở tài khoản|lập tài khoản)", r"được hướng dẫn",
            r"gọi điện", r"nộp hồ sơ trực tuyến tại",
        )),
        # L07 incentives for online filing
        ("L07", lv, "marked", (
            r"giảm (?:chi phí|phí|lệ phí)", r"cắt giảm (?:một số )?(?:loại )?(?:lệ )?phí", r"miễn (?:phí|lệ phí)",
            r"ưu đãi", r"cơ chế khuyến khích", r"khuyến khích người dân",
        )),
        # L08 digitisation and data reuse
        ("L08", lv, "topic", (r"số hóa", r"tái sử dụng", r"sử dụng lại")),
        ("L08", lv, "marked", (
            r"không phải nộp lại", r"làm giàu (?:cơ sở )?dữ liệu", r"giảm (?:[^ ]+ )?hồ sơ giấy",
        )),
        # L09 interconnection and data sharing
        ("L09", lv, "topic", (
            r"(?<!một cửa )(?<!một cửa, )liên thông", r"chia sẻ(?: dữ liệu)?", r"cơ sở dữ liệu quốc gia",
            r"dữ liệu dân cư",
        )),
        ("L09", lv, "marked", (r"vneid", r"đề án 06", r"liên thông thực chất", r"đề nghị liên thông")),
        # L10 rules and tools for electronic documents
        ("L10", lv, "topic", (
            r"văn bản (?:chỉ đạo )?hướng dẫn", r"sao y điện tử", r"chứng thực điện tử", r"chữ ký số",
            r"ký số", r"hành lang pháp lý",
        )),
        # L11 service quality and ease of use
        ("L11", lv, "marked", (
            r"nâng cao chất lượng (?:dvctt|dvc|dịch vụ công trực tuyến|dịch vụ trực tuyến)",
            r"thân thiện với người dùng", r"dễ sử dụng",
        )),
        # L12 expand fully-online services
        ("L12", lv, "topic", (r"toàn trình",)),
        ("L12", lv, "marked", (
            r"phi địa giới", r"nâng cấp[^.;]{0,200}lên mức(?: độ)?", r"ở mức độ cao hơn",
        )),
        # L13 online payment
        ("L13", lv, "topic", (r"thanh toán trực tuyến",)),
        ("L13", lv, "marked", (r"nền tảng thanh toán", r"kênh (?:thu phí|thanh toán)")),
        # L14 postal delivery
        ("L14", lv, "marked", (r"bưu chính", r"bưu điện", r"trả kết quả tại nhà")),
        # L15 staff recognition
        ("L15", lv, "marked", (r"khen thưởng", r"động viên", r"khuyến khích cán bộ", r"thi đua")),
        # L16 staff training and staffing
        ("L16", lv, "marked", (
            r"(?:đào tạo|tập huấn|bồi dưỡng|nâng cao năng lực|nâng cao trình độ)[^.;]{0,40}(?:cán bộ|công chức|viên chức|đội ngũ)",
            r"(?:xây dựng|bổ sung|tuyển dụng|kiện toàn)[^.;]{0,15}(?:đội ngũ|cán bộ|nhân lực)",
        )),
    ]
    return [Rule(code, kind, _rx(*pats), mode) for code, kind, mode, pats in spec]


_RULES: list[Rule] | None = None


def rules() -> list[Rule]:
    """The coder's rules (compiled once)."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    return _RULES


# --------------------------------------------------------------------------- splitting
_ABBREV = ("tp", "t.p", "ths", "ts", "pgs", "gs", "q", "p", "tt", "ông", "bà", "st")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? followed by a space and an upper-case letter."""
    pieces: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"”’)]*\s+(?=[\"“(]?[^\W\d_])", paragraph):
        word = re.findall(r"[\w.]+$", paragraph[start : m.start()])
        nxt = paragraph[m.end() : m.end() + 1]
        if word and word[-1].lower() in _ABBREV and m.group().startswith(".") and len(m.group().strip()) == 1:
            continue
        if not nxt.isupper():
            continue
        pieces.append(paragraph[start : m.end()].strip())
        start = m.end()
    rest = paragraph[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _clauses(folded: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a folded sentence (cue words count only inside one clause)."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(folded):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(folded)))
    return spans


# Cue words whose folded spelling is shared with common other words ("cần"/"cán bộ",
# "đạt"/"đất đai"/"đặt ra", "yếu"/"yêu cầu", "giảm"/"giám đốc", "khó"/"kho"): when the text
# carries marks, the word must be the cue itself; unmarked text is taken as written.
_AMBIGUOUS_CUES = {
    "can": "cần", "dat": "đạt", "yeu": "yếu", "cham": "chậm", "kho": "khó", "giam": "giảm",
    "it": "ít", "tot": "tốt", "thap": "thấp", "kem": "kém", "phai": "phải", "chua": "chưa",
}


def _is_cue(original: str) -> bool:
    words = original.lower().split()
    if len(words) > 1:  # multi-word cues ("vẫn yêu cầu", "rất tốt") are unambiguous
        return True
    for word in words:
        required = _AMBIGUOUS_CUES.get(fold(word))
        if required and word != fold(word) and word != required:
            return False
    return True


def _cues(folded: str, original: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), "barrier") for m in _DEFICIT.finditer(folded)
             if _is_cue(original[m.start() : m.end()])]
    for m in _LEVER.finditer(folded):
        if not _is_cue(original[m.start() : m.end()]):
            continue
        if not _NEGATED_BEFORE.search(folded[max(0, m.start() - 14) : m.start()]):
            found.append((m.start(), m.end(), "lever"))
    deficit_spans = [(s, e) for s, e, _ in found]
    for m in _SUCCESS.finditer(folded):
        if not _is_cue(original[m.start() : m.end()]):
            continue
        # "chưa đạt" is a deficit, not a success
        if not any(s <= m.start() < e + 1 for s, e in deficit_spans) and not _NEGATED_BEFORE.search(
            folded[max(0, m.start() - 14) : m.start()]
        ):
            found.append((m.start(), m.end(), "success"))
    return found


def _polarity(start: int, end: int, clause: tuple[int, int], cues) -> str | None:
    """The kind of the cue nearest to a topic match inside its clause (None if no cue)."""
    best, best_dist = None, None
    for s, e, kind in cues:
        if s < clause[0] or e > clause[1] or (s < end and e > start):
            continue
        dist = start - e if e <= start else s - end
        if best_dist is None or dist < best_dist:
            best, best_dist = kind, dist
    return best


def _code_sentence(sentence: str) -> dict[tuple[str, str], list[str]]:
    folded = fold(sentence)
    clauses = _clauses(folded)
    cues = _cues(folded, sentence)
    hits: dict[tuple[str, str], list[str]] = {}
    for rule in rules():
        for m in rule.pattern.finditer(folded):
            s, e = m.start(), m.end()
            before = folded[max(0, s - 14) : s]
            if rule.mode == "marked":
                if rule.kind == "lever" and _NEGATED_BEFORE.search(before):
                    continue
                if rule.kind == "barrier" and re.search(r"(?:khong con|da het|da khac phuc)\s*$", before):
                    continue
            else:
                clause = next((c for c in clauses if c[0] <= s < c[1]), (0, len(folded)))
                if _polarity(s, e, clause, cues) != rule.kind:
                    continue
            term = sentence[s:e]
            key = (rule.kind, rule.code)
            if term not in hits.setdefault(key, []):
                hits[key].append(term)
    return hits


def _code_key(item) -> tuple[int, str]:
    (kind, code), _ = item
    return (0 if kind == "barrier" else 1, code)


def suggest_codes(text: str | list[str]) -> pd.DataFrame:
    """Suggest barrier (B..) and lever (L..) codes, one row per sentence and code.

    `text` is a whole document (split into paragraphs = non-empty lines, numbered from 1 as in
    `dvc_analysis.textio`) or a list of paragraphs. Columns: paragraph, sentence, kind
    (barrier|lever), code, matched (the words that triggered the code, as written, "; "-joined).
    """
    import pandas as pd

    from .textio import split_paragraphs

    paragraphs = split_paragraphs(text) if isinstance(text, str) else [
        unicodedata.normalize("NFC", p) for p in text if p.strip()
    ]
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for sentence in split_sentences(paragraph.strip()):
            for (kind, code), terms in sorted(_code_sentence(sentence).items(), key=_code_key):
                rows.append((number, sentence, kind, code, "; ".join(terms)))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"paragraph": "int64"})


# --------------------------------------------------------------------------- language check
_VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
_VI_WORDS = {
    "va", "cua", "cac", "nguoi", "duoc", "trong", "nhung", "voi", "khong", "mot", "theo", "nhu",
    "cung", "dan", "viec", "tinh", "huyen", "xa", "cong", "dich", "vu", "thu", "tuc", "hanh",
    "chinh", "ho", "so", "tren", "nay", "da", "dang", "den", "tai", "nhieu", "truc", "tuyen",
}


# letters that French, Spanish or Portuguese text does not use
_VI_ONLY = _VI_LETTERS - set("àáâãèéêìíòóôõùúýç")


def is_vietnamese(text: str) -> bool:
    """True when the text looks Vietnamese: letters only Vietnamese uses, or, for text typed
    without marks, enough common Vietnamese words."""
    letters = [ch for ch in unicodedata.normalize("NFC", text.lower()) if ch.isalpha()]
    if not letters:
        return False
    vi_only = sum(ch in _VI_ONLY for ch in letters)
    if vi_only >= 2 and vi_only / len(letters) >= 0.02:
        return True
    words = re.findall(r"[a-z]+", fold(text))
    vi_words = sum(w in _VI_WORDS for w in words)
    return vi_words >= 3 and vi_words / max(len(words), 1) >= 0.15


def code_file(path: str | Path) -> pd.DataFrame:
    """Code a .txt, .md, .docx (or .pdf) report (see `suggest_codes`).

    Raises `UserDataError` (one bilingual sentence) when the file is missing, empty, binary,
    of another type, or not in Vietnamese.
    """
    from .textio import read_paragraphs

    path = Path(path)
    if path.suffix.lower() not in (".txt", ".md", ".docx", ".pdf"):
        raise UserDataError(
            f"Không mã hóa được tệp {path}: chỉ nhận tệp .txt, .md, .docx hoặc .pdf.",
            f"Cannot code {path}: only .txt, .md, .docx or .pdf files are accepted.",
        )
    paragraphs = read_paragraphs(path)
    if not is_vietnamese(" ".join(paragraphs)):
        raise UserDataError(
            f"Tệp {path} không phải văn bản tiếng Việt nên không mã hóa được rào cản, giải pháp.",
            f"File {path} is not Vietnamese text, so barriers and levers cannot be coded.",
        )
    return suggest_codes(paragraphs)


# --------------------------------------------------------------------------- bundled data
def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    with data_path(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def load_barriers() -> pd.DataFrame:
    """The barrier taxonomy (code, name_vi, name_en, description)."""
    return _read("barriers.csv")


def load_levers() -> pd.DataFrame:
    """The policy levers (code, name_vi, name_en, description)."""
    return _read("levers.csv")


def load_lever_barrier() -> pd.DataFrame:
    """Which lever addresses which barrier (columns lever, barrier; many-to-many)."""
    return _read("lever_barrier.csv")


def load_mentions() -> pd.DataFrame:
    """Hand-coded barrier and lever mentions of the bundled sources; paragraph as int."""
    frame = _read("barrier_mentions.csv")
    return frame.astype({"paragraph": "int64"})


def _unit_labels(mentions: pd.DataFrame, lang: str) -> pd.Series:
    names: dict[str, str] = {}
    try:
        provinces = _read("provinces.csv")
        col = "name" if lang == "vi" else "name_en"
        names = dict(zip(provinces["code"], provinces[col], strict=False))
    except (FileNotFoundError, KeyError):
        pass
    unnamed = "Tỉnh không nêu tên" if lang == "vi" else "Unnamed province"

    def label(row) -> str:
        code = str(row["province_code"] or "")
        province = names.get(code, code) if code else f"{unnamed} ({str(row['source_id'])[:3]})"
        unit = str(row["unit_name"] or "")
        return f"{province} – {unit}" if unit else province

    return mentions.apply(label, axis=1) if len(mentions) else mentions["source_id"].astype(str)


def _check_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    need = {"source_id", "paragraph", "province_code", "unit_name", "kind", "code"}
    missing = sorted(need - set(mentions.columns))
    if missing:
        raise UserDataError(
            f"Bảng nhắc đến rào cản thiếu cột: {', '.join(missing)}.",
            f"The mentions table lacks columns: {', '.join(missing)}.",
        )
    return mentions.fillna({"province_code": "", "unit_name": ""})


def mentions_by_unit(mentions: pd.DataFrame | None = None, *, kind: str = "barrier",
                     lang: str = "vi") -> pd.DataFrame:
    """Count mentions per unit (rows) and code (columns), keeping every code and zero cells.

    Units are labelled "Province – unit" (province alone for province-wide statements). With
    kind="lever" the columns are the lever codes. Ready for a heatmap.
    """
    mentions = _check_mentions(load_mentions() if mentions is None else mentions)
    codes = list((load_barriers() if kind == "barrier" else load_levers())["code"])
    subset = mentions[mentions["kind"] == kind].copy()
    labels = _unit_labels(mentions, lang)
    order = list(dict.fromkeys(labels.sort_values(kind="stable")))
    subset["unit"] = labels[subset.index]
    table = subset.pivot_table(index="unit", columns="code", values="source_id", aggfunc="count",
                               fill_value=0)
    table = table.reindex(index=order, columns=codes, fill_value=0).fillna(0).astype("int64")
    table.index.name = "unit"
    table.columns.name = "code"
    return table


def barrier_lever_matrix() -> pd.DataFrame:
    """Barrier codes (rows) × lever codes (columns): 1 where the lever addresses the barrier."""
    links = load_lever_barrier()
    barriers, levers = list(load_barriers()["code"]), list(load_levers()["code"])
    links = links.assign(value=1)
    matrix = links.pivot_table(index="barrier", columns="lever", values="value", aggfunc="max",
                               fill_value=0)
    matrix = matrix.reindex(index=barriers, columns=levers, fill_value=0).fillna(0).astype("int64")
    matrix.index.name, matrix.columns.name = "barrier", "lever"
    return matrix


def _cite(frame: pd.DataFrame) -> str:
    pairs = sorted({(str(s)[:3], int(p)) for s, p in zip(frame["source_id"], frame["paragraph"], strict=True)})
    return "; ".join(f"{s} ¶{p}" for s, p in pairs)


def recommendations(mentions: pd.DataFrame | None = None, *, lang: str = "vi") -> pd.DataFrame:
    """For each unit, the barriers its sources report and the levers that address them.

    One row per unit, barrier and lever. Columns: unit, province_code, unit_name, barrier,
    barrier_name, barrier_cited ("002 ¶30": source prefix and paragraph), barrier_sources
    (full source ids, ";"-joined, as in data/sources.csv), lever, lever_name, lever_cited (every
    source and paragraph proposing or reporting the lever, any unit), lever_sources,
    lever_same_source (True when the unit's own source also names the lever). A barrier with
    no lever in the sources keeps one row with an empty lever.
    """
    import pandas as pd

    mentions = _check_mentions(load_mentions() if mentions is None else mentions)
    name_col = "name_vi" if lang == "vi" else "name_en"
    barrier_names = dict(zip(load_barriers()["code"], load_barriers()[name_col], strict=True))
    lever_names = dict(zip(load_levers()["code"], load_levers()[name_col], strict=True))
    links = load_lever_barrier()
    mentions = mentions.assign(unit=_unit_labels(mentions, lang))
    lever_rows = mentions[mentions["kind"] == "lever"]
    rows = []
    barrier_rows = mentions[mentions["kind"] == "barrier"]
    for (unit, code), group in barrier_rows.groupby(["unit", "code"], sort=True):
        first = group.iloc[0]
        base = {
            "unit": unit, "province_code": first["province_code"], "unit_name": first["unit_name"],
            "barrier": code, "barrier_name": barrier_names.get(code, ""), "barrier_cited": _cite(group),
            "barrier_sources": ";".join(sorted(set(group["source_id"]))),
        }
        levers = sorted(links.loc[links["barrier"] == code, "lever"])
        if not levers:
            rows.append({**base, "lever": "", "lever_name": "", "lever_cited": "", "lever_sources": "",
                         "lever_same_source": False})
        own_sources = set(group["source_id"])
        for lever in levers:
            proposed = lever_rows[lever_rows["code"] == lever]
            rows.append({
                **base, "lever": lever, "lever_name": lever_names.get(lever, ""),
                "lever_cited": _cite(proposed) if len(proposed) else "",
                "lever_sources": ";".join(sorted(set(proposed["source_id"]))),
                "lever_same_source": bool(set(proposed["source_id"]) & own_sources),
            })
    columns = ["unit", "province_code", "unit_name", "barrier", "barrier_name", "barrier_cited",
               "barrier_sources", "lever", "lever_name", "lever_cited", "lever_sources",
               "lever_same_source"]
    return pd.DataFrame(rows, columns=columns)
