"""Figure tokens of a paragraph, links between them and their context."""

from __future__ import annotations

import datetime as _dt
import re

from .masks import _COUNTER_LINE, _DOMAIN_WORD, _is_masked, _masked_spans
from .numbers import (
    _CHANGE_BEFORE,
    _COUNT_NOUN,
    _FIGURE_RE,
    _MONEY_RE,
    _MULT_RE,
    _MULTIPLIERS,
    _QUALIFIERS,
    _RANGE_TAIL,
    _RANK_BEFORE,
    parse_number,
)

_LINK_WORDS = re.compile(r"[,(]\s*(?:đạt|chiếm|bằng)(?:\s+(?:tỷ|tỉ) lệ(?:\s+là)?)?\s*$|^\s*\(\s*$|^\s*,\s*$", re.I)
OF_TOTAL_BEFORE = re.compile(r"(?:trên|trong|/)\s*(?:tổng\s+)?số\s+(?:các\s+)?(?:hơn|gần|khoảng|trên)?\s*$", re.I)
_RATIO_LINK = re.compile(r"(?:đạt|chiếm|bằng)(?:\s+(?:tỷ|tỉ) lệ(?:\s+là)?)?\s*$", re.I)


def _skip_paren(text: str) -> str:
    """Drop one balanced (...) group so "1.542/1.868 DVCTT (… và …) đạt 82,5%" can be linked."""
    return re.sub(r"\([^()]*\)", " ", text)


def _cells(paragraph: str) -> list[tuple[int, int]] | None:
    """(start, end) of each cell of a table row ("a | b | c", as `textio` writes .docx tables,
    or a Markdown row), or None when the paragraph is not a table row."""
    if paragraph.count("|") < 2:
        return None
    bounds, start = [], 0
    for i, ch in enumerate(paragraph):
        if ch == "|":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(paragraph)))
    return bounds


def _cell_text(paragraph: str, cell: tuple[int, int]) -> str:
    return paragraph[cell[0] : cell[1]].strip()


def _cell_of(pos: int, cells: list[tuple[int, int]]) -> int:
    return next((i for i, (a, b) in enumerate(cells) if a <= pos <= b), -1)


_PERCENT_HEADER = re.compile(r"%|tỷ lệ|tỉ lệ|phần trăm", re.I)


def _figures_in(paragraph: str, header: list[str] | None = None) -> list[dict]:
    """Raw figure tokens of one paragraph (before linking), in order. In a table row the first
    cell's row number is skipped and a column headed "Tỷ lệ (%)" makes its numbers percentages."""
    if _COUNTER_LINE.match(paragraph) and not _DOMAIN_WORD.search(paragraph):
        return []
    spans = _masked_spans(paragraph)
    cells = _cells(paragraph)
    if cells:
        first = next((c for c in cells if _cell_text(paragraph, c)), None)
        if first and re.fullmatch(r"\d{1,3}\.?|[IVX]{1,4}\.?", _cell_text(paragraph, first)):
            spans = sorted([*spans, (first[0], first[1], "list")])
    out = []
    for m in _FIGURE_RE.finditer(paragraph):
        start = m.start()
        if _is_masked(start, spans) or (out and start < out[-1]["end"]):
            continue  # masked, or the upper end of a range already read ("350 - 400")
        a, b, pct = m.group("a"), m.group("b"), m.group("pct")
        points = bool(pct) and "điểm" in pct  # percentage points: a difference of two rates
        end = m.end("pct") if pct else m.end("b") if b is not None else m.end("a")
        nxt = paragraph[end : end + 1]
        if nxt.isalpha() or (nxt == "-" and paragraph[end + 1 : end + 2].isalpha()):
            continue  # glued to letters: a code such as 4G, H5N1
        before = paragraph[max(0, start - 25) : start]
        if re.search(r"[A-Za-zÀ-ỹĐđ]-?$", before):
            continue  # Covid-19, ĐT-01
        if b is not None and _is_masked(m.start("b"), spans) and not m.group("score"):
            # "12/2018" and the like: keep only the first number
            b, end = None, m.end("a")
            pct = None
        if b is None and not pct and re.fullmatch(r"(?:19|20)\d{2}", a) and not _COUNT_NOUN.match(
            paragraph[end:]
        ):
            continue  # a bare year
        rng = _RANGE_TAIL.match(paragraph, end) if b is None and not pct else None
        if rng and parse_number(rng.group(1)) > parse_number(a):
            end = rng.end()
        fig = {
            "start": start,
            "end": end,
            "a": a,
            "b": b,
            "pct": bool(pct) and not points,
            "qualifier": "exact",
            "unit": "count",
            "change": points or bool(_CHANGE_BEFORE.search(before)),
        }
        for rx, q in _QUALIFIERS:
            if rx.search(before):
                fig["qualifier"] = q
                break
        if rng and end == rng.end():
            fig["qualifier"] = "over"  # "200-300 hồ sơ": at least the lower bound
        if _RANK_BEFORE.search(before):
            fig["unit"] = "rank"
        elif m.group("score") and not pct:
            fig["unit"] = "score"
        elif pct:
            fig["unit"] = "percent"
        elif b is not None:
            fig["unit"] = "percent"
        mult = _MULT_RE.match(paragraph, end) if not pct and b is None else None
        fig["factor"] = 1.0
        if mult:
            fig["factor"] = _MULTIPLIERS[mult.group(1).lower()]
            fig["end"] = mult.end(1)
            if mult.group(2):
                fig["unit"] = "money_vnd"
                fig["end"] = mult.end(2)
        elif not pct and b is None and _MONEY_RE.match(paragraph, end):
            fig["unit"] = "money_vnd"
            fig["end"] = _MONEY_RE.match(paragraph, end).end(1)
        fig["evidence"] = paragraph[start : fig["end"]].strip()
        fig["cell"] = _cell_of(start, cells) if cells else -1
        if (
            header and 0 <= fig["cell"] < len(header) and fig["unit"] == "count" and not fig["change"]
            and _PERCENT_HEADER.search(header[fig["cell"]])
        ):
            fig["unit"], fig["pct"] = "percent", True
        out.append(fig)
    return out


def _values(fig: dict) -> dict[str, float | None]:
    a = parse_number(fig["a"]) * fig["factor"]
    b = parse_number(fig["b"]) if fig["b"] is not None else None
    if fig["unit"] in ("rank", "score"):
        return {"numerator": None, "denominator": b, "value": a}
    if b is not None:
        return {"numerator": a, "denominator": b, "value": None}
    return {"numerator": None, "denominator": None, "value": a}


def _next_percent(paragraph: str, figs: list[dict], i: int) -> int | None:
    """Index of the next figure after `i` that is a percentage, skipping figures in brackets."""
    depth_at: dict[int, int] = {}
    for j in range(i + 1, min(len(figs), i + 6)):
        gap = paragraph[figs[i]["end"] : figs[j]["start"]]
        depth = gap.count("(") - gap.count(")")
        depth_at[j] = depth
        if j == i + 1 and figs[j]["pct"] and figs[j]["b"] is None:
            return j
        if depth == 0 and figs[j]["pct"] and figs[j]["b"] is None:
            if all(depth_at[k] > 0 for k in range(i + 1, j)):
                return j
            return None
        if depth <= 0:
            return None
    return None


def _link(paragraph: str, figs: list[dict]) -> list[dict]:
    """Merge "X/Y …, đạt Z%", "X hồ sơ, chiếm Z%" and "Z% (… a; … b)" into single rows."""
    rows: list[dict] = []
    used: set[int] = set()
    for i, fig in enumerate(figs):
        if i in used:
            continue
        row = dict(fig)
        row["first_end"] = fig["end"]
        row.update(_values(fig))
        row.update(evidence_numerator="", evidence_denominator="", evidence_value="")
        j = _next_percent(paragraph, figs, i)
        nxt = figs[j] if j is not None and j not in used else None
        if nxt is not None and fig["unit"] in ("count", "percent") and not fig["pct"]:
            gap = paragraph[fig["end"] : nxt["start"]]
            gap_q = re.sub(r"(?:trên|hơn|gần|khoảng|xấp xỉ|dưới)\s*$", "", gap)
            flat = _skip_paren(gap_q)
            in_brackets = len(gap) <= 40 and bool(re.fullmatch(r"[^()]*\(\s*", gap_q))  # "X hồ sơ (Z%)"
            if OF_TOTAL_BEFORE.search(paragraph[max(0, fig["start"] - 40) : fig["start"]]):
                ok = False  # "… trên tổng số 25.400 hồ sơ, chiếm 33%": the total is no numerator
            elif in_brackets:
                ok = ";" not in gap and not re.search(r"[.]\s", gap)
            elif fig["b"] is not None:
                ok = len(gap) <= 110 and bool(_RATIO_LINK.search(flat.strip() + " "))
                ok = ok or bool(re.fullmatch(r"\s*[,(]?\s*", gap))
                ok = ok and not re.search(r"[.;]\s", flat)
            else:
                ok = len(gap) <= 70 and bool(_LINK_WORDS.search(gap_q)) and ";" not in gap
                ok = ok and not re.search(r"\.\s", gap)
            if ok:
                used.add(j)
                pv = parse_number(nxt["a"])
                if fig["b"] is not None:  # ratio + stated percent: the ratio is the primary evidence
                    row["evidence_value"] = nxt["evidence"]
                else:  # count + percent: the percent is the primary evidence
                    row["evidence_numerator"] = fig["evidence"]
                    row["evidence"] = nxt["evidence"]
                    row["numerator"] = row["value"]
                    if nxt["qualifier"] != "exact" or fig["qualifier"] == "exact":
                        row["qualifier"] = nxt["qualifier"]
                row["value"] = pv
                row["unit"] = "percent"
                row["end"] = nxt["end"]
        elif fig["pct"] and fig["b"] is None and i + 2 < len(figs):
            # "Z% (… là a; … là b)": two counts in a parenthesis right after the percent
            after = paragraph[fig["end"] :]
            pm = re.match(r"\s*\(([^()]*)\)", after)
            if pm:
                inner_end = fig["end"] + pm.end()
                a, b = figs[i + 1], figs[i + 2]
                inside = [f for f in figs[i + 1 :] if f["start"] < inner_end]
                if (
                    len(inside) == 2
                    and not a["pct"] and not b["pct"] and a["b"] is None and b["b"] is None
                    and a["unit"] == b["unit"] == "count"
                    and parse_number(a["a"]) <= parse_number(b["a"])
                ):
                    used.update({i + 1, i + 2})
                    row["numerator"], row["denominator"] = parse_number(a["a"]), parse_number(b["a"])
                    row["evidence_numerator"], row["evidence_denominator"] = a["evidence"], b["evidence"]
        rows.append(row)
    return rows


def _context(
    paragraph: str, row: dict, sent: tuple[int, int], prev_end: int, next_start: int
) -> tuple[str, str]:
    """Words before the figure (since the previous figure) and after it (up to the clause end)."""
    left = paragraph[max(sent[0], prev_end) : row["start"]]
    right = paragraph[row["first_end"] : min(sent[1], next_start, row["end"] + 80)]
    tail_start = row["end"] - row["first_end"]
    # "và" joins two figures' clauses, but not two verbs of one noun ("được nộp và giải quyết trực tuyến")
    # nor "đúng và trước hạn"; a bracketed rate ("48.249 hồ sơ (tỷ lệ đúng hạn …)") speaks of its own figure
    cut = re.search(r"[,;:]\s(?!\d|mức độ|đơn vị|doanh nghiệp|tổ chức)|(?<!đúng)\s(?:trong đó|và)\s(?!\d|mức độ|giải quyết|xử lý|trả kết quả|chi phí)"
                    r"|\s\((?=\s*(?:tỷ lệ|tỉ lệ))|\s\((?=\s*(?:[^()\d]{0,20}?\s)?(?:(?:tiếp nhận|nộp|hồ sơ|giải quyết|xử lý)\s+)?"
                    r"(?:trực tuyến|trực tiếp|qua mạng|bưu chính|trước hạn|đúng hạn|quá hạn|trễ hạn)(?!\s*\)))",
                    right[max(tail_start, 0) :])
    if cut:
        right = right[: max(tail_start, 0) + cut.start()]
    return left, right


_LIST_ITEM = re.compile(r"^\s*(?:[-•+–*]|\d{1,2}[.)]|[a-zđ]\))\s+")
_ITEM_LABEL = re.compile(r"^\s*(?:[-•+–*]|\d{1,2}[.)]|[a-zđ]\))\s+(?:lĩnh vực\s+)?([^:]{2,60}?)\s*:", re.I)
_LEVEL_COMPONENT = {"cấp tỉnh": "cap_tinh", "cấp huyện": "cap_huyen", "cấp xã": "cap_xa"}


def _noun(right: str) -> str:
    """The counted noun after a number ("thủ tục", "hồ sơ", "đơn vị"), "" when none follows."""
    m = re.match(r"\s*([^\W\d_]+(?: [^\W\d_]+)?)", right)
    if not m or re.match(r"(?:và|là|của|trong|tại|với|hoặc)\b", m.group(1)):
        return ""
    return m.group(1).lower()


def _component(para: str, row: dict, left: str, right: str, indicator: str, is_item: bool) -> str:
    """Label of the breakdown part a figure belongs to ("" for totals)."""
    if is_item:
        m = _ITEM_LABEL.match(para)
        if m and m.end() <= row["start"]:
            return m.group(1).strip()
    m = re.search(r"(cấp tỉnh|cấp huyện|cấp xã)\s+(?:là\s+|có\s+)?$", left, re.I)
    if m:
        return _LEVEL_COMPONENT[m.group(1).lower()]
    if indicator == "dvctt_full_count":
        return "toan_trinh"
    if indicator == "dvctt_partial_count":
        return "mot_phan"
    if indicator == "dvctt_level34_count":
        return "muc_do_3_4"
    m = re.match(r"\W*hồ sơ\s+(?:nộp\s+)?(?:trực tuyến\s+)?mức độ ([34])(?![,\d])", right)
    if m:
        return f"muc_do_{m.group(1)}"
    return ""


def _confidence(row: dict) -> float:
    score = 0.45
    if row["indicator"]:
        score += 0.25
    if row["period_start"]:
        score += 0.1
    if row["unit"] in ("percent", "rank", "money_vnd") or row["evidence_numerator"] or row["evidence_value"]:
        score += 0.1
    if row["evidence_numerator"] or row["evidence_value"] or row["evidence_denominator"]:
        score += 0.05
    if row["unit"] == "count" and not row["indicator"]:
        score -= 0.15
    return round(min(score, 0.95), 2)


def _fmt_date(d: _dt.date | None) -> str:
    return d.isoformat() if d else ""

