"""`extract_text`, `extract_file` and `write_csv`: one row per figure of a report."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..._safeio import write_csv as safe_csv
from ..doc_context import heading_period, heading_province
from .figures import (
    _LIST_ITEM,
    OF_TOTAL_BEFORE,
    _cell_text,
    _cells,
    _component,
    _confidence,
    _context,
    _figures_in,
    _fmt_date,
    _link,
    _noun,
)
from .labels import (
    COUNT_AFTER_RATE,
    COUNT_OF_RATE,
    _channel,
    _guess_indicator,
    _status_indicator,
    _table_indicator,
    both_service_kinds,
    carried_count,
    fully_online,
    handled_total,
    inherited_share,
    share_of_nothing,
    share_of_units,
    timeliness_part,
    topic_share,
)
from .periods import (
    _NEEDS_REF,
    _TARGET_WORDS,
    _document_date,
    _find_periods,
    _reference_date,
    _sentences,
)
from .places import (
    _DISTRICT,
    _dominant,
    _map_for,
    _new_code,
    _province_matches,
    _provinces_in,
    _unit_of,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS = [
    "source_id",
    "paragraph",
    "offset",
    "province_code",
    "map",
    "unit_name",
    "admin_level",
    "indicator",
    "component",
    "period_start",
    "period_end",
    "period_label",
    "numerator",
    "denominator",
    "value",
    "qualifier",
    "evidence",
    "evidence_numerator",
    "evidence_denominator",
    "evidence_value",
    "unit",
    "kind",
    "sentence",
    "confidence",
]
_NUMERIC = ("numerator", "denominator", "value", "confidence")


# a share after a list lead ("… cao như:", "gồm:") is one of the shares the lead names; after any
# other colon (a heading, a survey question) it is not
_LIST_LEAD = re.compile(r"(?:như|gồm|là|cụ thể|sau)\s*:$", re.I)

def extract_text(
    text: str, *, source_id: str | None = None, doc_date: str | _dt.date | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """Return one row per figure in `text` (paragraph = non-empty line, numbered from 1).

    `doc_date` (ISO text or date) is the document's own date, used as an "as of" period when a
    sentence states none; when omitted, a dateline near the top ("Thứ năm, ngày 02/01/2025")
    is used if present. Rows are sorted by position (paragraph, then offset in the paragraph).
    `progress(done, total)` is called every 2.000 paragraphs of a long text.
    """

    from ...text.textio import split_paragraphs

    paragraphs = split_paragraphs(text or "")
    if isinstance(doc_date, str) and doc_date.strip():
        doc_date = _dt.date.fromisoformat(doc_date.strip()[:10])
    elif not isinstance(doc_date, _dt.date):
        doc_date = _document_date(paragraphs)
    year_hint = doc_date.year if doc_date else None
    first_pass = [_find_periods(p, year_hint) for p in paragraphs]
    ref_date = _reference_date(paragraphs, doc_date, first_pass)
    if ref_date is not None and year_hint is None:
        year_hint = ref_date.year
    doc_province = heading_province(paragraphs) or _dominant(c for p in paragraphs for c in _provinces_in(p))
    doc_period = heading_period(paragraphs)
    doc_unit = ("", "province")
    title_district = _DISTRICT.search(paragraphs[0]) if paragraphs else None
    if title_district is None and paragraphs:
        m = re.search(r"(?<!\w)(HUYỆN|THỊ XÃ|QUẬN) ([A-ZĐÀ-Ỹ]+(?: [A-ZĐÀ-Ỹ]+)?)", paragraphs[0])
        if m:
            doc_unit = (f"{m.group(1).lower()} {m.group(2).title()}", "district")
    elif title_district is not None:
        doc_unit = (title_district.group(1), "district")

    records: list[dict] = []
    last_share = topic_share(paragraphs[0]) if paragraphs else ""  # a heading's share
    list_parent, parent_period = "", None
    header: list[str] | None = None
    for number, para in enumerate(paragraphs, start=1):
        para_start = len(records)  # this paragraph's records: searched alone, so time stays linear
        if progress is not None and number % 2000 == 0:
            progress(number, len(paragraphs))
        cells = _cells(para)
        if cells is None:
            header = None
        figs = _figures_in(para, header)
        if cells is not None and not figs and not re.fullmatch(r"[\s|:\-]+", para):
            header = [_cell_text(para, c) for c in cells]  # a table's header row
        if not figs:
            continue
        rows = _link(para, figs)
        is_item = bool(_LIST_ITEM.match(para))
        label = ""
        if cells is not None:  # the row's label: its first cell with letters
            texts = [_cell_text(para, c) for c in cells]
            label = next((t for t in texts if re.search(r"[^\W\d_]", t)), "")
        prev_row, prev_noun = None, ""
        sents = _sentences(para)
        if ref_date is None or not _NEEDS_REF.search(para):
            periods = first_pass[number - 1]
        else:
            periods = _find_periods(para, year_hint, ref_date)
        usable = [p for p in periods if not p["comparison"]]
        para_matches = _province_matches(para)
        para_province = _dominant(code for _, code in para_matches)
        prev_end = 0
        starts = sorted(r["start"] for r in rows)
        ends = sorted(f["end"] for f in figs)
        for row in rows:
            next_start = next((p for p in starts if p > row["start"]), len(para))
            sent = next((s for s in sents if s[0] <= row["start"] < s[1] + 1), (0, len(para)))
            sentence = para[sent[0] : sent[1]].strip()
            # period: last mention before the figure in its sentence, else first after it,
            # else the last mention earlier in the paragraph, else the document's date
            in_sent = [p for p in usable if sent[0] <= p["pos"] < sent[1]]
            strong = [p for p in in_sent if not p["weak"]]
            weak = [p for p in in_sent if p["weak"]]
            prev_end = max((e for e in ends if e <= row["start"]), default=0)
            semi = para.rfind("; ", sent[0], row["start"])
            clause_start = max(prev_end, sent[0], semi + 2 if semi >= 0 else 0)
            clause = [p for p in strong if clause_start <= p["pos"] < row["start"]]
            before = [p for p in strong if p["pos"] < row["start"]]
            after = [p for p in strong if p["pos"] > row["start"]]
            earlier = [p for p in usable if p["pos"] < sent[0] and not p["weak"]]
            period = (clause[-1] if clause else before[0] if before else after[0] if after
                      else weak[-1] if weak else earlier[0] if earlier else None)
            if period is None and is_item and parent_period:
                period = parent_period
            if period is None and doc_period is not None:
                period = {"start": doc_period.start, "stop": doc_period.end, "label": doc_period.label}
            if period is None and ref_date is not None:
                period = {"start": ref_date, "stop": ref_date,
                          "label": f"đến {ref_date:%d/%m/%Y} (ước đoán)"}
            province = (
                _dominant(code for pos, code in para_matches if sent[0] <= pos < sent[1])
                or para_province or doc_province
            )
            unit_name, admin_level = _unit_of(sentence, doc_unit)
            if cells is not None and label:
                found = _unit_of(label, ("", ""))
                if found[0]:
                    unit_name, admin_level = found
            left, right = _context(para, row, sent, prev_end, next_start)
            if row["unit"] == "percent" and _OF_TOTAL.fullmatch(right):
                # "68,54% trong tổng số 168.000 hồ sơ": a share of the noun counted by the next figure
                nxt = next((f for f in figs if f["start"] >= next_start), None)
                if nxt is not None:
                    right += para[next_start : min(nxt["end"] + 25, sent[1])]
            if cells is not None:  # a table cell: its column header and row label are the context
                column = header[row["cell"]] if header and 0 <= row["cell"] < len(header) else ""
                left = f"{label} | {column}"
                if row["unit"] == "percent" and header:
                    # "Tỷ lệ (%)" is a share of the other columns; the cell's own column stays nearest
                    left = " | ".join(header) + " | " + left
                right = re.sub(r"^\W*(?:tổng\s+)?(?:số\s+lượng|số)\s+", "", column, flags=re.I)
            clause_left = re.split(r";\s", para[sent[0] : row["start"]])[-1]
            indicator, generic = _guess_indicator(row["unit"], left, right, clause_left, bool(row["change"]))
            # a rate linked to the count it is made of ("giải quyết 7.846 hồ sơ, đạt tỷ lệ 81,69%") is read with
            # that count's words: a share of dossiers resolved or in progress names no indicator, whatever share
            # the sentence named before
            own_left = left
            if row["unit"] == "percent" and row["first_end"] < row["end"]:
                pct_start = para.rfind(row["evidence"], row["first_end"], row["end"])
                own_left = left + para[row["start"] : pct_start] if pct_start >= 0 else left
                if cells is None and share_of_nothing(own_left):
                    indicator, generic = "", False
            if cells is not None:
                by_table = _table_indicator(row["unit"], label, column, header)
                if by_table:
                    indicator, generic = by_table, False
            if cells is not None and (generic or not indicator):
                status = _status_indicator(row["unit"], column)
                if status:
                    indicator, generic = status, False
            if row["unit"] in ("count", "percent") and not indicator and not row["change"] and cells is None \
                    and para[: sent[0]].rstrip().endswith(":") \
                    and (row["unit"] == "count" or _LIST_LEAD.search(para[: sent[0]].rstrip())):
                # "… tiếp nhận nhiều là: Công an tỉnh 3,8 ngàn HS", "tỷ lệ hồ sơ giải quyết trễ cao như:
                # H.Phù Cát 54%": the list's lead names the count or the share
                lead = next((para[a:b] for a, b in reversed(sents) if b <= sent[0]), "")
                indicator, generic = _guess_indicator(row["unit"], lead, right, lead)
            if row["unit"] == "count" and (generic or not indicator):
                # parts of an enumeration share the indicator of the figure they follow
                if prev_row is not None and prev_row["unit"] == "percent" and prev_row["offset"] >= sent[0] \
                        and prev_row["indicator"] in COUNT_OF_RATE and COUNT_AFTER_RATE.search(left) \
                        and re.match(r"\W*(?:hồ sơ|HS\b)", right):
                    indicator = COUNT_OF_RATE[prev_row["indicator"]]  # "0,15% với 146 hồ sơ"
                elif prev_row is not None and prev_row["unit"] == "count" and prev_row["indicator"] \
                        and not re.search(r"[.!?]\s", para[prev_row["offset"] : row["start"]]) \
                        and _noun(right) in ("", prev_noun):
                    indicator = carried_count(prev_row["indicator"], right)
                elif re.search(r"\(\s*$", left) and re.match(r"\W*(?:bộ\s+)?(?:hồ sơ|HS\b)", right):
                    # "Cao nhất là huyện Cái Nước (96 hồ sơ)": a count in brackets after a name takes the
                    # indicator of the paragraph's last dossier count, across a sentence break
                    last = next((r["indicator"] for r in reversed(records[para_start:]) if r["unit"] == "count"
                                 and r["indicator"].startswith("dossier_")), "")
                    indicator = carried_count(last, right) if last else indicator
                elif is_item and list_parent:
                    indicator = list_parent
            if row["unit"] == "percent" and not indicator and not row["change"] and cells is None \
                    and not share_of_nothing(own_left) and not share_of_units(right):
                shares = [r for r in records[para_start:] if r["unit"] == "percent" and r["indicator"]
                          and r["kind"] != "change"]
                before = [r for r in shares if r["offset"] >= sent[0]]
                indicator = inherited_share(
                    para[max(sent[0], row["start"] - 30) : row["start"]], sentence,
                    [para[a:b] for a, b in sents if b <= sent[0]],
                    before[-1]["indicator"] if before else "", last_share,
                    shares[-1]["indicator"] if shares else "", re.split(r"[;,(]\s*", left)[-1],
                )
            if row["unit"] == "percent":
                indicator = fully_online(indicator, para[row["end"] : min(sent[1], next_start)])
            elif cells is None:
                rest = para[row["end"] : sent[1]]
                indicator = both_service_kinds(handled_total(indicator, rest), rest)
            if row["unit"] == "count":  # in a table the header holds the other timeliness columns
                before_it = " | ".join(header) if cells is not None and header else para[sent[0] : row["start"]]
                indicator = timeliness_part(indicator, left + right, before_it)
                if indicator in ("dossier_on_time_count", "dossier_late_count") and cells is None \
                        and OF_TOTAL_BEFORE.search(left):
                    # "tỉ lệ đúng hạn 91,74% trên tổng số hơn 42.300 hồ sơ": the dossiers resolved
                    indicator = "dossier_resolved_count"
                if indicator in ("dossier_online_count", "dossier_direct_postal_count") and cells is None \
                        and OF_TOTAL_BEFORE.search(left) and not _OWN_CHANNEL.match(right):
                    # "8.400 hồ sơ qua VNeID trên tổng số 25.400 hồ sơ": the total of every channel
                    indicator = "dossier_received_count"
            component = _component(para, row, left, right, indicator, is_item)
            if indicator in ("dossier_received_count", "dossier_direct_postal_count") and not component:
                channel = _channel(clause_left, right)  # dossiers received in person or by post: a part
                component = channel if channel in ("truc_tiep", "buu_chinh") else ""
            if cells is not None and label and not component and label != unit_name:
                component = label
            qualifier = row["qualifier"]
            if qualifier == "under" and re.search(r"không có\b.*\bnào\s+(?:dưới|thấp hơn)\s*$", left, re.I):
                qualifier = "over"  # "no unit below 90%": the lowest is at least 90%
            kind = (
                "target" if _TARGET_WORDS.search(para[sent[0] : row["start"]])
                else "change" if row["change"] else "observation"
            )
            when = period["stop"] if period else doc_date
            prov_map = _map_for(when)
            if province and prov_map == "34":
                province = _new_code(province)
            rec = {
                "source_id": source_id or "",
                "paragraph": number,
                "offset": row["start"],
                "province_code": province,
                "map": prov_map if province else "",
                "unit_name": unit_name,
                "admin_level": admin_level,
                "indicator": indicator,
                "component": component,
                "period_start": _fmt_date(period["start"]) if period else "",
                "period_end": _fmt_date(period["stop"]) if period else "",
                "period_label": period["label"] if period else "",
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "value": row["value"],
                "qualifier": qualifier,
                "evidence": row["evidence"],
                "evidence_numerator": row["evidence_numerator"],
                "evidence_denominator": row["evidence_denominator"],
                "evidence_value": row["evidence_value"],
                "unit": row["unit"],
                "kind": kind,
                "sentence": sentence,
            }
            rec["confidence"] = _confidence(rec)
            records.append(rec)
            if rec["evidence_numerator"] and not rec["evidence_denominator"] and rec["unit"] == "percent":
                records.append(_count_of(rec, para, row, left, clause_left, para[sent[0] : row["start"]]))
            if rec["unit"] == "percent" and indicator and kind != "change":
                last_share = indicator
            prev_row, prev_noun = rec, (_noun(right) or prev_noun)
        if not is_item:
            first = next((r for r in records[para_start:] if r["paragraph"] == number
                          and r["unit"] == "count" and r["indicator"]), None)
            intro = bool(first) and para.rstrip().endswith(":")
            list_parent = first["indicator"] if intro else ""
            parent_period = (
                {"start": _dt.date.fromisoformat(first["period_start"]),
                 "stop": _dt.date.fromisoformat(first["period_end"]), "label": first["period_label"]}
                if intro and first["period_start"] else None
            )
    return _frame(records)


def _count_of(rate: dict, para: str, row: dict, left: str, clause_left: str, sentence_left: str) -> dict:
    """The count a linked rate is made of ("9.876 hồ sơ, đạt 98,2%") as a figure of its own.

    The count is labelled from its own words first (dossiers early, online, resolved …), and only
    when they name no indicator from the rate it makes up.
    """
    pct_start = para.rfind(rate["evidence"], row["first_end"], row["end"])
    # the count's own words end where a bracket opens: "48.249 hồ sơ (tỷ lệ đúng hạn 98%)"
    right = para[row["first_end"] : pct_start if pct_start >= 0 else row["first_end"]].split("(")[0]
    indicator, generic = _guess_indicator("count", left, right, clause_left)
    if not indicator or generic:
        indicator = COUNT_OF_RATE.get(rate["indicator"], indicator)
    indicator = timeliness_part(indicator, left + right, sentence_left)
    count = dict(rate, indicator=indicator, unit="count", value=rate["numerator"], numerator=None,
                 denominator=None, evidence=rate["evidence_numerator"], evidence_numerator="",
                 evidence_denominator="", evidence_value="")
    if indicator not in ("dossier_received_count", "dossier_direct_postal_count") and \
            rate["component"] in ("truc_tiep", "buu_chinh"):
        count["component"] = ""
    count["confidence"] = _confidence(count)
    return count


_OWN_CHANNEL = re.compile(r"\W*(?:hồ sơ|HS\b)?\s*(?:được\s+)?(?:nộp\s+|tiếp nhận\s+|gửi\s+)?"
                          r"(?:trực tuyến|qua mạng|trực tiếp|qua bưu chính|qua (?:Cổng|ứng dụng))", re.I)
_OF_TOTAL = re.compile(r"\W*(?:trong|trên)\s+(?:tổng\s+)?(?:số\s+)?(?:các\s+)?", re.I)


def _frame(records: list[dict]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    for col in _NUMERIC:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["paragraph"] = df["paragraph"].astype("int64")
    df["offset"] = df["offset"].astype("int64")
    for col in COLUMNS:
        if col not in _NUMERIC and col not in ("paragraph", "offset"):
            df[col] = df[col].astype("object").where(df[col].notna(), "").astype(str)
    return df.sort_values(["paragraph", "offset"], kind="stable").reset_index(drop=True)


def extract_file(path: str | Path, *, source_id: str | None = None,
                 progress: Callable[[int, int], object] | None = None) -> pd.DataFrame:
    """Read a .txt/.md/.docx/.pdf report and return its figures (see `extract_text`).

    `source_id` defaults to the file's stem. Unreadable input raises `UserDataError` with one
    bilingual sentence (missing, empty, binary or non-UTF-8 file).
    """
    from ...text.textio import read_text

    path = Path(path)
    text = read_text(path)
    return extract_text(text, source_id=source_id if source_id is not None else path.stem,
                        progress=progress)


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write extracted figures as CSV in UTF-8 with BOM (opens cleanly in Excel); return the path."""
    path = Path(path)
    out = df if len(df.columns) else df.reindex(columns=COLUMNS)
    return safe_csv(out, path, float_format="%.10g")  # formula-looking text neutralised

