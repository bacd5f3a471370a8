"""Indicator guess for a figure from the words around it."""

from __future__ import annotations

import functools
import re

# ---------------------------------------------------------------------------------------------
# Indicator guess
# ---------------------------------------------------------------------------------------------

# (indicator id, units it applies to, patterns that must all occur in the context), first match wins
_SERVICE = r"^\W*(?:DVCTT|DVC|dịch vụ công|dịch vụ|thủ tục|TTHC)"
_DOSSIER = r"^\W*hồ sơ"
_FIELD = r"^\W*lĩnh vực"
_LEVEL34 = r"mức độ 3\s*(?:,|và|-)\s*(?:mức độ\s*)?4"
_LEVEL12 = r"mức độ 1\s*(?:,|và|-)\s*(?:mức độ\s*)?2"
_ONLINE_SERVICE = r"DVCTT|dịch vụ công trực tuyến|DVC trực tuyến"
# (indicator id, units it applies to, patterns that must all occur), first match wins. Patterns
# starting with "^" test the words right after the number (its noun); others test the clause.
_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("dvctt_with_dossiers_rank", ("rank",), (r"phát sinh hồ sơ",)),
    ("dossier_online_share_rank", ("rank",), (r"hồ sơ.{0,30}trực tuyến|trực tuyến.{0,30}hồ sơ",)),
    ("adult_dvctt_use_share", ("percent",),
     (r"(?:người dân|dân số|người trưởng thành|người dùng)[^.;]{0,25}(?:dùng|sử dụng)\s+(?:các\s+)?"
      r"(?:dịch vụ công trực tuyến|DVCTT|DVC trực tuyến)",)),
    ("late_rate", ("percent",), (r"trễ hạn|quá hạn",)),
    ("on_time_rate", ("percent",), (r"đúng hạn|trước hạn|đúng và trước|trước và đúng|sớm hạn",)),
    ("digitisation_output", ("percent",), (r"số hóa|số hoá", r"đầu ra")),
    ("digitisation_input", ("percent",), (r"số hóa|số hoá", r"đầu vào|hồ sơ tiếp nhận|tiếp nhận")),
    ("population_db_share", ("percent",), (r"dân cư",)),
    ("paper_dossier_reduction", ("percent",), (r"giảm", r"hồ sơ giấy|bản giấy")),
    ("data_reuse_share", ("percent",), (r"tái sử dụng|sử dụng lại",)),
    ("e_certification_locality_share", ("percent",), (r"chứng thực điện tử",)),
    ("dossier_in_software_share", ("percent",), (r"hồ sơ", r"phần mềm")),
    ("payment_configured_share", ("percent",), (r"thanh toán|tài chính", r"cấu hình")),
    ("payment_dvctt_with_dossiers", ("percent",), (r"nghĩa vụ tài chính", r"phát sinh hồ sơ")),
    ("payment_dvctt_offline_share", ("percent",), (r"thanh toán trực tiếp",)),
    ("payment_dvctt_online_share", ("percent",),
     (rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán",)),
    ("payment_dossier_share", ("percent",), (r"thanh toán",)),
    ("dvctt_portal_integrated", ("percent",), (r"tích hợp",)),
    ("field_cut_share", ("percent",), (_FIELD, r"cắt giảm")),
    ("tthc_cut_share", ("percent",), (r"cắt giảm", r"thủ tục|TTHC")),
    ("dvctt_with_dossiers", ("percent",), (r"phát sinh hồ sơ",)),
    ("dossier_online_share", ("percent",), (r"hồ sơ", rf"trực tuyến|{_ONLINE_SERVICE}")),
    ("tthc_eligible_online_share", ("percent",), (r"đủ điều kiện",)),
    ("tthc_level12_share", ("percent",), (_LEVEL12,)),
    ("tthc_level4_share", ("percent",), (r"mức độ 4(?![,\d])", r"TTHC|thủ tục")),
    ("tthc_online_share", ("percent",), (_ONLINE_SERVICE,)),
    ("agency_with_online_dossiers_count", ("count",),
     (r"^\W*(?:cơ quan|đơn vị|sở)", r"hồ sơ trực tuyến|phát sinh hồ sơ")),
    ("field_count", ("count",), (_FIELD,)),
    ("dossier_on_time_count", ("count",), (_DOSSIER, r"đúng hạn|trước hạn|sớm hạn")),
    ("dossier_carried_over_count", ("count",), (_DOSSIER, r"tồn|kỳ trước")),
    ("dossier_handled_count", ("count",), (_DOSSIER, r"lũy kế|trong kỳ")),
    ("dossier_due_count", ("count",), (_DOSSIER, r"đến hạn")),
    ("dossier_pending_count", ("count",), (_DOSSIER, r"đang giải quyết|chưa giải quyết")),
    ("dossier_resolved_count", ("count",), (_DOSSIER, r"đã giải quyết|đã có kết quả")),
    ("dossier_online_count", ("count",), (_DOSSIER, r"trực tuyến|điện tử|nộp mức độ")),
    ("dossier_received_count", ("count",), (_DOSSIER, r"(?:tiếp )?nhận(?! kết quả)")),
    ("tthc_upgrade_planned_count", ("count",), (_SERVICE, r"nâng cấp")),
    ("dvctt_level34_count", ("count",), (_SERVICE, _LEVEL34)),
    ("dvc_level12_count", ("count",), (_SERVICE, _LEVEL12)),
    ("dvctt_portal_integrated_count", ("count",), (_SERVICE, r"tích hợp")),
    ("dvctt_full_count", ("count",), (r"toàn trình",)),
    ("dvctt_partial_count", ("count",), (r"một phần",)),
    ("dvctt_level4_count", ("count",), (_SERVICE, r"mức độ 4(?![,\d]|\s*và|\s*,\s*mức)")),
    ("dvctt_level3_count", ("count",), (_SERVICE, r"mức độ 3(?![,\d]|\s*và|\s*,\s*mức)")),
    ("payment_dvctt_online_share", ("count",),
     (_SERVICE, rf"(?:{_ONLINE_SERVICE})\s+(?:có\s+)?(?:giao dịch\s+)?thanh toán")),
    ("dvctt_with_dossiers", ("count",), (_SERVICE, r"phát sinh hồ sơ")),
    ("dvctt_count", ("count",), (rf"^\W*(?:{_ONLINE_SERVICE})",)),
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
_ONLINE_WORDS = re.compile(r"trực tuyến|qua mạng|online|điện tử|DVCTT", re.I)
_OFFLINE_WORDS = re.compile(r"trực tiếp|bưu chính|bưu điện|tại (?:bộ phận|quầy|trung tâm)", re.I)
_ON_TIME_WORDS = re.compile(r"đúng hạn|trước hạn|sớm hạn", re.I)
_LATE_WORDS = re.compile(r"trễ hạn|quá hạn", re.I)
_ONLINE_RULES = {"dossier_online_share", "dossier_online_count", "dossier_online_share_rank",
                 "dossier_full_online_share"}
_ON_TIME_RULES = {"on_time_rate", "dossier_on_time_count"}
# a relative change ("tăng 150% so với cùng kỳ", "gấp 2 lần") is not a level of any indicator
_GROWTH = re.compile(r"(?:tăng|giảm|gấp)(?:\s+(?:thêm|hơn|gần|khoảng|trên))?\s*$", re.I)
_GROWTH_AFTER = re.compile(r"^\s*(?:so với|lần|so cùng kỳ)", re.I)


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


def _guess_indicator(unit: str, left: str, right: str, sentence_left: str = "") -> tuple[str, bool]:
    """(indicator, guessed from the noun only): first rule whose patterns all match, trying the
    figure's own clause, then the words since the previous figure, then the noun alone. Rules of
    the other channel or timeliness than the nearest such word are skipped, and a relative change
    ("tăng 150% so với cùng kỳ") gets no indicator."""
    if unit == "percent" and _GROWTH.search(left) and _GROWTH_AFTER.search(right):
        return "", False
    near_all = sentence_left if len(sentence_left) > len(left) else left
    channel = _nearest(near_all, right, {"online": _ONLINE_WORDS, "offline": _OFFLINE_WORDS})
    timing = _nearest(near_all, right, {"on_time": _ON_TIME_WORDS, "late": _LATE_WORDS})
    skip = set()
    if channel == "offline":
        skip |= _ONLINE_RULES
    if timing == "on_time":
        skip.add("late_rate")
    elif timing == "late":
        skip |= _ON_TIME_RULES
    known = _known_indicators()
    near = re.split(r"[,;(]\s*|\s(?:và|trong đó)\s", left)[-1]
    if unit == "count":
        passes = [(near + " | " + right, False), (left + " | " + right, False), (right, True)]
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
            if all(p.search(right) if p.pattern.startswith("^") else p.search(text) for p in pats):
                return ind, generic
    return "", False



# Column headers of the period statistics table most offices file (Biểu II.06a: received,
# resolved early / on time / late, in progress): the header alone names the indicator of a cell.
_STATUS_COLUMNS = [
    (re.compile(r"trễ hạn|quá hạn", re.I), {"percent": "late_rate"}),
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
