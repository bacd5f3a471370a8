"""Rule coder: barriers (B01–B11), levers (L01–L16) and achievements in Vietnamese text, per sentence.

How it works (the coding guide, docs/coding-guide.md, is what it imitates). Text is NFC-normalised
and folded one character at a time (`textio.fold`), so every match maps back to the words as
written; when the text carries marks, a match must also fit the phrase as written (`textio.canon`:
"hồ sơ bị" is not "sợ bị"). The lexicon (`coding_lexicon`, with the phrase families of `coding_phrases`) has, per
code, three kinds of patterns:

* marked barrier phrases, which carry their own polarity ("rớt mạng", "bỏ cuộc", "vẫn phải mang
  bản giấy"); a negation right before them ("không còn", "không quá", "đã khắc phục") turns them
  into an achievement;
* marked lever phrases ("Tổ công nghệ số", "giao chỉ tiêu"); a negation before them ("chưa triển
  khai") or a deficit predicate after them in the clause ("việc hỗ trợ … còn nhiều khó khăn")
  cancels them;
* topic words ("hạ tầng", "liên thông", "tuyên truyền") read through the cue words of their
  clause: the nearest cue after the word (the predicate) wins, else the nearest cue before it;
  deficit cues (chưa, thiếu, còn hạn chế, lỗi …) make a barrier, lever cues (đầu tư, đẩy mạnh,
  cần …) a lever, success cues (đã sẵn sàng, đáp ứng, không còn …) an achievement. A topic word
  with no cue takes its code's default (communication is a lever unless a deficit is said).

Lists: after a challenge cue (thách thức, hạn chế, khó khăn, tồn tại, vướng mắc, bất cập,
nguyên nhân, điểm nghẽn …) followed by ":", "như", "về", "từ", "là", "do", "gồm" or a dash,
every topic word up to the end of the sentence is a barrier; a paragraph ending with such a cue
and ":" extends the list over the bullet paragraphs that follow it.

Output (`suggest_codes`): one row per sentence and code with the words that matched, the cue
that decided the reading, a confidence between 0 and 1, and the kind (barrier, lever or
achievement). Low uptake on its own ("tỷ lệ còn thấp") is an outcome, not a barrier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserDataError
from ..text.textio import canon, fold
from . import coding_join
from .coding_lexicon import BARRIERS, LEVERS, LIST_CUES, NEGATORS
from .coding_phrases import PHRASE_FAMILIES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS = ["paragraph", "sentence", "kind", "code", "matched", "cue", "confidence"]


_MARKED_LETTERS = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


@dataclass(frozen=True)
class Phrases:
    """Vietnamese phrases compiled twice: folded (text typed without marks matches too) and as
    written, which a match must also fit when the text carries marks ("hồ sơ bị" is not "sợ bị",
    "yêu cầu" is not "yếu")."""

    folded: re.Pattern[str]
    marked: re.Pattern[str]

    def finditer(self, folded: str, marked: str | None) -> list[re.Match[str]]:
        """Matches in `folded`; with `marked` (the `canon` text, None for unmarked text) only
        those whose words as written fit the phrase."""
        if marked is None:
            return list(self.folded.finditer(folded))
        out, pos = [], 0
        while (m := self.folded.search(folded, pos)) is not None:
            # the folded match may have run on through a word that only folds alike ("họ" in
            # "hồ sơ"): keep what fits as written from the same start; when nothing fits, look
            # again from the next character, so a false start hides no later match
            fit = self.marked.match(marked, m.start())  # lookarounds see the whole sentence
            if fit and fit.end() > fit.start():
                out.append(fit)
                pos = fit.end()
            else:
                pos = m.start() + 1
        return out


def _rx(*phrases: str) -> Phrases:
    """Compile Vietnamese phrases (written with marks, may contain regex) into `Phrases`."""
    folded = r"(?<![0-9a-z])(?:" + "|".join(fold(p) for p in phrases) + r")(?![0-9a-z])"
    return Phrases(re.compile(folded), re.compile("(?:" + "|".join(canon(p) for p in phrases) + r")(?!\w)"))


def _marked_text(sentence: str) -> str | None:
    """`canon` of a sentence typed with Vietnamese marks; None for text without them."""
    return canon(sentence) if _MARKED_LETTERS.search(sentence.lower()) else None


# --------------------------------------------------------------------------- cue words
_DEFICIT = _rx(
    r"chưa(?! (?:kể|đến|tới)(?![a-z]))", r"(?<!không )không(?! được (?:yêu cầu|đòi|bắt))(?= (?:có|được|thể|biết|đủ|đáp ứng|ổn định|kết nối|hoạt động|truy cập|sử dụng|dùng|tải|gửi|nộp|"
    r"đăng nhập|liên lạc|phản hồi|thành công|vào|nhận|xử lý|tiếp nhận|giải quyết|chấp nhận|hỗ trợ|hướng dẫn|đồng bộ|"
    r"chính xác|rõ|cập nhật|tự|quen|rành|thạo|tin|trùng|khớp|đảm bảo|bảo đảm|thấy|chạy|ai|còn hoạt động)(?![a-z]))",
    r"thiếu", r"thấp", r"(?<!nhằm )(?<!để )hạn chế", r"khó khăn", r"gặp khó", r"trở ngại", r"kém", r"(?<!chủ )(?<!thiết )(?<!tất )yếu(?! tố(?![a-z]))",
    r"(?<!không )ít(?! nhất(?![a-z]))", r"vướng mắc", r"bất cập", r"chậm", r"tạm dừng",
    r"gây khó", r"quá tải", r"lo ngại", r"e ngại", r"e dè", r"cản trở", r"gián đoạn", r"chập chờn",
    r"sự cố", r"(?:báo |bị |gặp )?lỗi", r"điểm nghẽn", r"rào cản", r"ách tắc", r"sơ sài", r"chồng chéo",
    r"rườm rà", r"đình trệ", r"(?:vẫn|còn) (?:phải|yêu cầu)", r"khó(?! khăn| tránh)", r"tồn tại", r"phụ thuộc",
    r"phức tạp", r"rắc rối", r"lạc hậu", r"xuống cấp", r"hạn hẹp", r"phiền hà", r"nhiêu khê", r"vất vả",
    r"lúng túng", r"(?:mất|tốn)(?: nhiều)? thời gian", r"chỉ có(?! thể)", r"kiêm nhiệm", r"không đồng đều",
    r"chưa (?:toàn diện|đầy đủ|đồng bộ)", r"nghẽn", r"quá hạn", r"sai lệch", r"sai sót", r"trùng lặp", r"trục trặc",
)
_LEVER = _rx(
    r"tăng cường", r"đẩy mạnh", r"đầu tư", r"nâng cấp", r"nâng cao", r"(?<!chỉ )(?<!không )cần(?! (?:bộ|thiệp|trở|thiết)(?![a-z]))",
    r"đề nghị", r"đề xuất", r"kiến nghị", r"giải pháp", r"tập trung", r"chú trọng", r"phát triển",
    r"xây dựng", r"triển khai", r"khuyến khích", r"phấn đấu", r"tiếp tục", r"ban hành", r"hướng tới",
    r"bổ sung", r"mở rộng", r"cải thiện", r"hoàn thiện", r"chuyển đổi(?! số)", r"làm giàu", r"thành lập",
    r"trang bị", r"hỗ trợ", r"hướng dẫn", r"gia tăng", r"ưu tiên", r"thúc đẩy", r"mua sắm",
)
_SUCCESS = _rx(
    r"(?:đã )?sẵn sàng", r"(?<!chưa )đạt(?! được)", r"hoàn thành", r"tích cực", r"thuận lợi", r"tiện lợi",
    r"tiện ích", r"đánh giá cao", r"dẫn đầu", r"rất tốt", r"thực hiện tốt", r"(?<!để )đáp ứng", r"bao phủ",
    r"phủ sóng", r"thông suốt", r"thành thạo", r"dễ dàng", r"hài lòng", r"chuyển biến",
    r"(?:đã|được|có)(?: được)? cải thiện", r"(?:đã|cơ bản)[^.;,]{0,12}đảm bảo", r"không còn", r"đã khắc phục",
    r"không (?:quá |hề )?(?:khó|phức tạp|rắc rối)", r"không có gì khó", r"không (?:bị )?(?:gián đoạn|lỗi|nghẽn|chậm trễ)",
)
# a lever cue right after one of these words is a deficit ("chưa triển khai", "thiếu đầu tư")
_NEGATED_BEFORE = re.compile(r"(?:chua|khong|thieu|thieu su)(?: (?:duoc|the|co|he))?(?: thuc su)?\s*$")
# a marked lever is cancelled when its clause ends in a deficit predicate
_DEFICIT_PREDICATE = re.compile(
    r"\b(?:con|van)(?: (?:rat|nhieu|kha|gap))* (?:kho khan|han che|bat cap|vuong mac|thap|yeu|cham|kem)"
    r"|\bchua (?:hieu qua|dat|duoc quan tam|dong bo)"
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|, (?=viec |do do|tu do|nhu vay|dong thoi|tuy nhien|nhung |song |con |trong khi |khien |dan den |nen )"
    r"| (?=nhung |tuy nhien|song (?!song)|mac du|du (?!lieu)|do do|dan den |khien |trong khi )"
)
# first words of a barrier phrase that can close a negator begun before it ("không | còn phải …",
# "không | ngại …"); "không | hề biết" is a barrier, so "hề" is not among them
_STRADDLE = {"con", "ngai"}
# "đã hết hạn" (expired) says that something lapsed, it denies nothing
_NEGATOR_RX = re.compile("(?:" + "|".join(fold(n) for n in NEGATORS) + r")(?! han)(?: [a-z]+){0,2}\s*[\"“]?$")
_NEGATOR_IN = re.compile("(?:" + "|".join(fold(n) for n in NEGATORS) + r")(?= |$)(?! duoc| han)")
_LIST_RX = re.compile(
    r"(?<![a-z])(?:" + "|".join(fold(c) for c in LIST_CUES) + r")(?![a-z])"
    r"(?: (?:chinh|lon|chu yeu|co ban|sau|cu the|nhat dinh|dang ke))*"
    r"(?:,? (?:dac biet|nhat|chu yeu)(?: la)?)?(?:,?\s*(?::|-|–)|,? (?:nhu:?|ve|tu|la|do|gom|o))(?![a-z])"
)

@dataclass(frozen=True)
class Rule:
    """One pattern for one code: `mode` "marked" fires alone, "topic" reads the clause's cues,
    "topic>" only the cues after it (its predicate: "cán bộ còn thiếu", not "chưa … cán bộ");
    `default` is the kind a topic word takes when its clause has no cue ("" = none)."""

    code: str
    kind: str  # barrier | lever | achievement
    mode: str  # marked | topic | topic>
    pattern: Phrases
    default: str = ""


_RULES: list[Rule] | None = None
# core barrier entries, then the families gathered round by round, then the levers
LEXICON = [*BARRIERS, *PHRASE_FAMILIES, *LEVERS]


def rules() -> list[Rule]:
    """The coder's rules, compiled once from the core lexicon and the phrase families, in that order."""
    global _RULES
    if _RULES is None:
        compiled = [Rule(code, kind, mode, _rx(*pats), default) for code, kind, mode, default, pats in LEXICON]
        # marked phrases first: a topic word inside a phrase that already gave a code is not read
        # again ("không thu hồ sơ giấy" is a measure, not paper duplication)
        _RULES = sorted(compiled, key=lambda r: r.mode != "marked")
    return _RULES


# --------------------------------------------------------------------------- splitting
_ABBREV = ("tp", "t.p", "ths", "ts", "pgs", "gs", "q", "p", "tt", "ông", "bà", "st")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? followed by a space and an upper-case letter.

    Parameters
    ----------
    paragraph
        One paragraph of text.

    Returns
    -------
    list of str
        The sentences, stripped; abbreviations such as "TP." or "ThS." do not end a sentence.

    Examples
    --------
    >>> split_sentences("Hạ tầng còn yếu. TP. Huế đã có 1.542 thủ tục.")
    ['Hạ tầng còn yếu.', 'TP. Huế đã có 1.542 thủ tục.']
    """
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
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(folded):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(folded)))
    return spans


# "cạnh tranh" (competition) holds "tranh" but avoids nothing
_AVERTED = re.compile(r"(?<![a-z])(?:han che|(?<!canh )tranh|giam thieu|ngan chan|phong chong|phong ngua)(?: [a-z]+){0,2}\s*$")


def _cues(folded: str, original: str, marked: str | None) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, words) of every cue: kind barrier (deficit), lever or success."""
    found: list[tuple[int, int, str, str]] = []
    success = [(m.start(), m.end()) for m in _SUCCESS.finditer(folded, marked)]
    for s, e in success:
        if not _NEGATED_BEFORE.search(folded[max(0, s - 16):s]) or folded[s:e].startswith("khong"):
            found.append((s, e, "success", original[s:e]))
    taken = [(s, e) for s, e, *_ in found]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in _DEFICIT.finditer(folded, marked):
        if _AVERTED.search(folded[max(0, m.start() - 24):m.start()]):
            continue  # "nhằm hạn chế trùng lặp": a problem to be avoided, not one that holds
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), "barrier", original[m.start():m.end()]))
    for m in _LEVER.finditer(folded, marked):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        kind = "barrier" if _NEGATED_BEFORE.search(folded[max(0, s - 16):s]) else "lever"
        found.append((s, e, kind, original[s:e]))
    return sorted(found)


def _reading(start: int, end: int, clause: tuple[int, int], cues, after_only: bool = False
             ) -> tuple[str, str, int, int] | None:
    """(kind, cue words, distance, cue start) for a topic word: the nearest cue after it in its clause
    (within 60 characters), else (unless `after_only`) the nearest before it (within 45)."""
    after = [(s - end, k, w, s) for s, e, k, w in cues
             if end <= s < clause[1] and s - end <= (30 if after_only else 60)]
    before = [] if after_only else [
        (start - e, k, w, s) for s, e, k, w in cues if clause[0] <= s and e <= start and start - e <= 45
    ]
    pick = min(after) if after else min(before) if before else None
    return (pick[1], pick[2], pick[0], pick[3]) if pick else None


_SCOPE_END = re.compile(r"(?<![a-z])(?:giai phap|de xuat|kien nghi|nhiem vu|phuong huong|ket qua dat duoc)(?![a-z])"
                        # ", cần tập trung …": a remedy clause closes the list of problems
                        r"|, (?:thi )?can (?:tap trung|phai|tiep tuc|day manh|som|tang cuong|trien khai|nghien cuu)(?![a-z])")


def _list_scopes(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, cue) of the list scopes of a sentence: each runs to the end of the sentence
    or to a heading of solutions ("giải pháp", "kiến nghị" …)."""
    out = []
    for m in _LIST_RX.finditer(folded):
        stop = _SCOPE_END.search(folded, m.end())
        out.append((m.end(), stop.start() if stop else len(folded), m.group().split(":")[0].strip()))
    return out


# a citation of a legal basis ("Nghị định số 42/2022/NĐ-CP ngày … quy định …") names documents,
# it does not report barriers or levers
_CITATION = re.compile(
    r"^\W*(?:luat|nghi dinh|nghi quyet|thong tu|quyet dinh|cong van|chi thi|thong bao|ket luan|van ban)\b"
    r"[^;]{0,160}(?:so\s*\d|\d+/\d{4}|ngay \d)"
)


_TROUBLE = re.compile(
    r"(?<![a-z])(?:rac roi|phien ha|bat tien|gap kho(?! khan)|loay hoay|bo tay|truc trac|khong the(?! tranh| bi )|chua xong|"
    r"khong xong|nhieu lan|vat va|mat (?:hang |ca |hon |gan |toi |den )?(?:\d+ )?(?:tieng|gio|ngay|tuan|thang))(?![a-z])"
)
_ONLINE_USE = re.compile(
    r"(?<![a-z])(?:truc tuyen|qua mang|online|cong dich vu cong|ung dung|vneid|vssid|phan mem|tren mang|"
    r"tai khoan|dang nhap|nop ho so|thao tac|he thong)(?![a-z])"
)
_CONDITION = re.compile(r"(?<![a-z])(?:neu|trong truong hop|truong hop)(?![a-z])")
_REMEDY = re.compile(
    r"(?<![a-z])(?:khac phuc|xu ly dut diem|giai quyet dut diem|thao go|chan chinh|kien quyet xu ly|de phong|(?<!canh )tranh"
    r"|xu ly(?= (?:cac |nhung )?(?:kho khan|vuong mac|ton tai|han che|bat cap))|xoa(?= mu)|phong chong|phong ngua|nham han che|de han che)(?![a-z])"
)

# the quoted title of an event, a programme or a theme names things, it states no problem
_TITLE = re.compile(
    r"((?:hội thảo|hội nghị|tọa đàm|toạ đàm|diễn đàn|chương trình|chủ đề|đề tài|cuộc thi|chuyên đề|chuyên mục)"
    r"\s*(?:với chủ đề\s*)?)[“\"][^”\"]{8,}[”\"]", re.I)


def _code_sentence(sentence: str, in_list: bool = False) -> dict[tuple[str, str], dict]:
    """Codes of one sentence: {(kind, code): {"matched": [...], "cue": str, "confidence": float}}."""
    sentence = _TITLE.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), sentence)
    folded = fold(sentence)
    if _CITATION.match(folded):
        return {}
    marked = _marked_text(sentence)
    clauses = _clauses(folded)
    cues = _cues(folded, sentence, marked)
    scopes = [(0, len(folded), "…:")] if in_list else _list_scopes(folded)
    hits: dict[tuple[str, str], dict] = {}
    spans: list[tuple[int, int, str]] = []  # of the marked phrases that gave a code

    where: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def add(kind: str, code: str, s: int, e: int, cue: str, conf: float) -> None:
        where.setdefault((kind, code), []).append((s, e))
        entry = hits.setdefault((kind, code), {"matched": [], "cue": cue, "confidence": conf})
        term = sentence[s:e]
        if term not in entry["matched"]:
            entry["matched"].append(term)
        if conf > entry["confidence"]:
            entry["cue"], entry["confidence"] = cue, conf

    for rule in rules():
        for m in rule.pattern.finditer(folded, marked):
            s, e = m.start(), m.end()
            before = folded[max(0, s - 30):s]
            clause = next((c for c in clauses if c[0] <= s < c[1]), (0, len(folded)))
            if rule.mode == "marked":
                spans.append((s, e, rule.code))  # taken back below when a lever phrase is cancelled
                if rule.kind == "achievement":
                    add("achievement", rule.code, s, e, sentence[s:e], 0.7)
                    continue
                if rule.kind == "barrier":
                    # "không còn phải …": the negator may straddle the phrase's first word
                    neg = _NEGATOR_RX.search(before) or _NEGATOR_IN.search(folded[s:e])
                    first = folded[s:e].split(" ")[0]
                    if not neg and first in _STRADDLE:
                        neg = _NEGATOR_RX.search(before + first)
                    if neg:
                        add("achievement", rule.code, s, e, neg.group().strip(), 0.6)
                    else:
                        add("barrier", rule.code, s, e, sentence[s:e], 0.8)
                    continue
                if _NEGATED_BEFORE.search(folded[max(0, s - 16):s]) or _DEFICIT_PREDICATE.search(
                    folded[e:clause[1]]
                ):
                    spans.pop()
                    continue
                add("lever", rule.code, s, e, sentence[s:e], 0.8)
                continue
            if any(a <= s and e <= b for a, b, _ in spans):
                continue
            scope = next((cue for start, stop, cue in scopes if start <= s < stop), None)
            if scope is not None:  # an item of a list of problems: nouns, not actions
                if rule.kind == "barrier":
                    add("barrier", rule.code, s, e, scope, 0.6)
                continue
            if _COMPARED.search(folded[clause[0]:s]):
                continue  # "còn thấp so với tỷ lệ người dùng Internet": the yardstick, not the subject
            reading = _reading(s, e, clause, cues, after_only=rule.mode == "topic>")
            if reading is None:
                if rule.default:
                    add(rule.default, rule.code, s, e, "", 0.5)
                continue
            kind, cue, dist, at = reading
            if any(a <= at < b and c != rule.code for a, b, c in spans):
                continue  # the predicate already belongs to a phrase of another code
            conf = 0.7 if dist <= 15 else 0.6
            if kind == "success" and rule.kind == "barrier":
                add("achievement", rule.code, s, e, cue, conf)
            elif kind == rule.kind:
                add(kind, rule.code, s, e, cue, conf)
    # a barrier found only inside a longer phrase of another code belongs to that phrase
    # ("thanh toán … gặp lỗi" is a payment problem, not a software error)
    longer = [(a, b, c) for a, b, c in spans if ("barrier", c) in hits]
    for (kind, code), places in list(where.items()):
        if kind == "barrier" and all(
            any(a <= s and e <= b and b - a > e - s and c != code for a, b, c in longer) for s, e in places
        ):
            del hits[(kind, code)]
    # a trouble in using an online service that names no other cause is a usability barrier
    if not any(kind == "barrier" for kind, _ in hits) and not scopes:
        trouble = _TROUBLE.search(folded)
        if (trouble and _ONLINE_USE.search(folded) and not _NEGATED_BEFORE.search(folded[:trouble.start()])
                and not _CONDITION.search(folded[:trouble.start()])):
            add("barrier", "B05", trouble.start(), trouble.end(), sentence[trouble.start():trouble.end()], 0.5)
    # a problem named as the object of a remedy ("khắc phục tình trạng …", "xử lý dứt điểm hồ sơ
    # chậm tiếp nhận") is the measure's target, not a statement that it holds back the service
    remedy = _REMEDY.search(folded)
    if remedy:
        for (kind, code), places in list(where.items()):
            if kind == "barrier" and all(s >= remedy.end() for s, _ in places):
                hits.pop((kind, code), None)
    # a code reported both ways in one sentence: the barrier reading wins over the achievement
    for (kind, code) in list(hits):
        if kind == "achievement" and ("barrier", code) in hits:
            del hits[(kind, code)]
    return hits


_ORDER = {"barrier": 0, "lever": 1, "achievement": 2}
# a topic word after a comparison ("thấp so với …") names what is compared with
_COMPARED = re.compile(r"(?:thap|cao|it|nhieu|cham|kem|yeu)(?: hon)? so(?: voi)? [^,;]*$")
_ITEM = re.compile(r"^\s*(?:[-•+–*]|\d{1,2}[.)]|[a-zđ]\))\s+")


def suggest_codes(text: str | list[str], learnt: bool | float | None = None) -> pd.DataFrame:
    """Suggest barrier (B..), lever (L..) and achievement codes, one row per sentence and code.

    Parameters
    ----------
    text
        A whole document (paragraphs = non-empty lines, numbered from 1 as in `textio`) or a
        list of paragraphs.
    learnt
        Also suggest the barrier codes of the learnt model (`coding_model`) whose probability
        for the paragraph passes a threshold, where the rules gave that code nothing; such a
        row sits on the paragraph's sentence the model rates highest, its cue is
        `coding_join.LEARNT_CUE`, its matched words the model's strongest features and its confidence the
        probability. True uses `coding_model.THRESHOLD` (more codes, for a person to review), a
        number is the threshold itself, False adds none (the rules alone). None (the default)
        means the join at `coding_model.JOIN_THRESHOLD` while `coding_join.LEARNT_DEFAULT` is on, else none.

    Returns
    -------
    DataFrame
        Columns paragraph, sentence, kind (barrier | lever | achievement), code, matched (the
        words that triggered the code, as written, "; "-joined), cue (the cue word or list cue
        that decided the reading; empty for a topic word read by default; `coding_join.LEARNT_CUE` for a
        code of the learnt model) and confidence (0–1).

    Examples
    --------
    >>> suggest_codes("Khó khăn gồm: hạ tầng mạng; kỹ năng số của người dân.")[["kind", "code"]]
          kind code
    0  barrier  B01
    1  barrier  B02
    """
    import pandas as pd

    from ..text.textio import split_paragraphs

    paragraphs = split_paragraphs(text) if isinstance(text, str) else [
        unicodedata.normalize("NFC", p) for p in text if p.strip()
    ]
    threshold = coding_join.learnt_threshold(learnt)
    rows = []
    list_open = False
    for number, paragraph in enumerate(paragraphs, start=1):
        is_item = bool(_ITEM.match(paragraph))
        in_list = list_open and is_item
        sentences = split_sentences(paragraph.strip())
        ruled: set[str] = set()
        levers: set[str] = set()
        barrier_found = False
        for sentence in sentences:
            coded = _code_sentence(sentence, in_list)
            for (kind, code), hit in sorted(coded.items(), key=lambda kv: (_ORDER[kv[0][0]], kv[0][1])):
                rows.append((number, sentence, kind, code, "; ".join(hit["matched"]), hit["cue"],
                             round(hit["confidence"], 2)))
                if kind != "lever":
                    ruled.add(code)
                else:
                    levers.add(code)
                barrier_found = barrier_found or kind == "barrier"
        if threshold is not None:
            # a paragraph the rules read as a measure and not as a problem gets no model code for the
            # barriers that measure addresses
            spared = coding_join.addressed_barriers(levers) if coding_join.LEVER_GUARD and not barrier_found else set()
            rows.extend(coding_join.learnt_rows(number, paragraph, sentences, ruled | spared, threshold))
        if not is_item:
            tail = fold(paragraph.rstrip())
            list_open = tail.endswith(":") and bool(_LIST_RX.search(tail[-80:] + " "))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"paragraph": "int64", "confidence": "float64"})


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
    without marks, enough common Vietnamese words.

    Examples
    --------
    >>> is_vietnamese("Hạ tầng còn yếu."), is_vietnamese("Online services are used by few people.")
    (True, False)
    """
    letters = [ch for ch in unicodedata.normalize("NFC", text.lower()) if ch.isalpha()]
    if not letters:
        return False
    vi_only = sum(ch in _VI_ONLY for ch in letters)
    if vi_only >= 2 and vi_only / len(letters) >= 0.02:
        return True
    words = re.findall(r"[a-z]+", fold(text))
    vi_words = sum(w in _VI_WORDS for w in words)
    return vi_words >= 3 and vi_words / max(len(words), 1) >= 0.15


def code_file(path: str | Path, learnt: bool | float | None = None) -> pd.DataFrame:
    """Code a .txt, .md, .docx (or .pdf) report (see `suggest_codes`).

    Parameters
    ----------
    path
        The report file.
    learnt
        Which of the learnt model's barrier codes to add (see `suggest_codes`; None: its default).

    Returns
    -------
    DataFrame
        The rows of `suggest_codes` for the file's paragraphs. Raises `UserDataError` (one
        bilingual sentence) when the file is missing, empty, binary, of another type, or not in
        Vietnamese.

    Examples
    --------
    >>> code_file("baocao.docx")  # doctest: +SKIP
    """
    from ..text.textio import read_paragraphs

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
    return suggest_codes(paragraphs, learnt=learnt)
