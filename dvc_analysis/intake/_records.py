"""Turn the rows of a user's sheet into evidence records, with the reason for each rejected row."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._inputguard import check_cells, limits, year_problem
from ..errors import UserDataError
from ..evidence.provinces import map_for_date, normalize_code, province_name, resolve
from ..evidence.schema import UNITS
from ..text.textio import fold_words as _fold
from .cells import (
    _QUALIFIERS,
    _is_missing,
    _loose,
    _parse_date,
    _Pct,
    _text,
    parse_number,
    parse_period,
)
from .levers import EVIDENCE_SHEET, LEVER_SHEET
from .sheets import _Sheet
from .template import INDICATOR_SHEET

if TYPE_CHECKING:
    import pandas as pd


# folded header text -> field
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "province": ("tinh", "tinh thanh pho", "tinh thanh", "tinh tp", "ten tinh", "dia phuong",
                 "province", "province name", "provinces", "tinh thanh pho truc thuoc trung uong"),
    "province_code": ("ma tinh", "province code", "code", "ma"),
    "unit_name": ("don vi", "unit", "unit name", "co quan", "agency", "don vi bao cao"),
    "admin_level": ("cap", "cap hanh chinh", "admin level", "level"),
    "indicator": ("chi tieu", "chi so", "ma chi tieu", "indicator", "indicator id"),
    "component": ("thanh phan", "component"),
    "period": ("ky", "ky bao cao", "thoi ky", "thoi gian", "giai doan", "period", "nam", "year"),
    "period_start": ("tu ngay", "ngay bat dau", "bat dau", "period start", "start", "from",
                     "start date"),
    "period_end": ("den ngay", "ngay ket thuc", "ket thuc", "period end", "end", "to", "end date",
                   "ngay", "date", "as of"),
    "numerator": ("tu so", "numerator"),
    "denominator": ("mau so", "denominator"),
    "value": ("gia tri", "value", "so lieu", "gia tri so"),
    "qualifier": ("qualifier", "loai so lieu"),
    "source": ("nguon", "nguon so lieu", "source", "trich dan", "citation"),
    "source_title": ("ten nguon", "tieu de nguon", "ten van ban", "source title"),
    "source_body": ("co quan ban hanh", "noi ban hanh", "co quan phat hanh", "issuing body", "issuer",
                    "publisher"),
    "source_date": ("ngay van ban", "ngay ban hanh", "ngay nguon", "source date", "published"),
    "source_url": ("duong dan", "lien ket", "link", "url", "source url"),
    "note": ("ghi chu", "note", "notes", "comment", "comments"),
    "map": ("ban do", "ban do tinh", "map", "province map"),
    "_ignore": ("stt", "tt", "so tt", "so thu tu", "no", "#"),
}


_HEADER = {alias: fld for fld, aliases in _HEADER_ALIASES.items() for alias in aliases}


class _Reject(Exception):
    def __init__(self, column: str, value: Any, vi: str, en: str):
        super().__init__(vi)
        self.column, self.value, self.vi, self.en = column, value, vi, en


@dataclass
class _Ctx:
    file: str
    stem: str
    style: str
    indicators: Any  # DataFrame
    ind_lookup: dict[str, str]
    ind_units: dict[str, str]
    notes: list[str] = field(default_factory=list)
    limits: Any = field(default_factory=limits)
    ind_exact: frozenset = frozenset()  # ids and names exactly as the vocabulary writes them


def _unit_of(text: str) -> str | None:
    t = _fold(text)
    table = {
        "percent": ("percent", "phan tram", "ty le", "ti le", "pct"),
        "count": ("count", "so luong", "so", "number"),
        "rank": ("rank", "hang", "thu hang", "xep hang"),
        "score": ("score", "diem", "points"),
        "money_vnd": ("money vnd", "vnd", "dong", "tien", "trieu dong"),
    }
    if text.strip() == "%":
        return "percent"
    for unit, words in table.items():
        if t in words:
            return unit
    return None


def _bool_of(x: Any) -> bool | None:
    t = _fold(_text(x))
    if t in ("co", "yes", "true", "1", "x", "dung", "cao hon tot hon", "c"):
        return True
    if t in ("khong", "no", "false", "0", "sai", "k"):
        return False
    return None


def _indicator_lookup(table: pd.DataFrame) -> dict[str, str]:
    look: dict[str, str] = {}
    for col in ("name_en", "name_vi", "id"):  # id last: wins on clashes
        if col not in table:
            continue
        for ind, name in zip(table["id"], table[col], strict=True):
            k = _fold(str(name))
            if k:
                look[k] = str(ind)
                look[k.replace(" ", "")] = str(ind)
    for ind in table["id"] if "id" in table else []:
        look[str(ind)] = str(ind)
    return look


def _resolve_indicator(text: str, ctx: _Ctx, column: str) -> str:
    hit = ctx.ind_lookup.get(text)
    if hit:
        return hit
    k = _fold(text)
    hit = ctx.ind_lookup.get(k) or ctx.ind_lookup.get(k.replace(" ", ""))
    if hit:
        return hit
    close = difflib.get_close_matches(k, [x for x in ctx.ind_lookup if " " in x or "_" not in x],
                                      n=3, cutoff=0.6)
    names = sorted({ctx.ind_lookup[c] for c in close})
    hint_vi = f" Gần nhất: {', '.join(names)}." if names else ""
    hint_en = f" Closest: {', '.join(names)}." if names else ""
    raise _Reject(
        column, text,
        f"chỉ tiêu '{text}' không có trong danh mục (khai báo chỉ tiêu riêng ở trang "
        f"'{INDICATOR_SHEET}').{hint_vi}",
        f"indicator '{text}' is not in the vocabulary (declare your own on the "
        f"'{INDICATOR_SHEET}' sheet).{hint_en}",
    )


# --------------------------------------------------------------------------- sheet layout


def _header_field(cell: Any) -> str | None:
    return _HEADER.get(_fold(_text(cell)))


def _find_header(rows: list[tuple[int, list[Any]]], ctx: _Ctx) -> int | None:
    """Index (in `rows`) of the header row: the first of the first 15 rows with ≥2 known headers."""
    best = None
    for idx, (_, cells) in enumerate(rows[:15]):
        fields = [_header_field(c) for c in cells]
        known = sum(1 for f in fields if f and f != "_ignore")
        inds = sum(1 for c in cells if _fold(_text(c)) in ctx.ind_lookup)
        if known >= 2 or (("province" in fields or "province_code" in fields) and inds >= 1):
            return idx
        if best is None and known + inds >= 1:
            best = idx
    return best


def _is_period_header(cell: Any) -> bool:
    if isinstance(cell, _dt.date):
        return True
    t = _text(cell)
    if not t or not re.search(r"\d{4}", t):
        return False
    try:
        parse_period(cell)
        return True
    except ValueError:
        return False


def _declared_indicators(sheet: _Sheet, ctx_file: str, bundled: pd.DataFrame,
                         problems: list[dict]) -> list[dict]:
    """Rows of the user's own-indicator sheet → indicator dicts (bad rows → problems)."""
    if not sheet.rows:
        return []
    head = [_fold(_text(c)) for c in sheet.rows[0][1]]

    def col(*names: str) -> int | None:
        for n in names:
            if n in head:
                return head.index(n)
        return None

    ci = col("id", "ma", "ma chi tieu")
    cn = col("ten", "name", "name vi", "ten chi tieu")
    ce = col("ten tieng anh", "name en", "english name")
    cu = col("don vi do", "unit", "don vi")
    ch = col("cao hon la tot hon", "higher is better", "higher_is_better")
    known = set(bundled["id"].astype(str)) if "id" in bundled else set()
    out: list[dict] = []
    for rownum, cells in sheet.rows[1:]:
        def get(i, cells=cells):
            return cells[i] if i is not None and i < len(cells) else None

        ident = _text(get(ci))
        if not ident:
            continue

        def bad(column, value, vi, en, rownum=rownum):
            problems.append(dict(file=ctx_file, sheet=sheet.name, row=rownum, column=column,
                                 value=_text(value), reason_vi=vi, reason_en=en))

        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", ident):
            bad("id", ident, "id chỉ gồm chữ không dấu, số và '_' (vd. diem_766_ckmb).",
                "id must be letters, digits and '_' (e.g. score766_ckmb).")
            continue
        if ident in known:
            bad("id", ident, f"id '{ident}' đã có trong danh mục chung; dùng luôn id đó.",
                f"id '{ident}' already exists in the vocabulary; use it as is.")
            continue
        unit = _unit_of(_text(get(cu)))
        if unit is None:
            bad("unit", get(cu), f"đơn vị đo phải là một trong {', '.join(UNITS)}.",
                f"unit must be one of {', '.join(UNITS)}.")
            continue
        hib = _bool_of(get(ch))
        name = _text(get(cn)) or ident
        out.append(dict(id=ident, name_vi=name, name_en=_text(get(ce)) or name, unit=unit,
                        higher_is_better=hib,
                        group="user", level_system="none", basis="khai báo của người dùng / user-declared"))
        known.add(ident)
    return out


def _is_indicator_sheet(sheet: _Sheet) -> bool:
    name = _fold(sheet.name or "")
    if name in ("chi tieu rieng", "indicators", "user indicators", "chi tieu khai bao"):
        return True
    if sheet.rows:
        head = {_fold(_text(c)) for c in sheet.rows[0][1]}
        return "id" in head and bool(head & {"don vi do", "unit", "cao hon la tot hon",
                                             "higher is better"})
    return False


def _is_skipped_sheet(sheet: _Sheet) -> bool:
    # the lever sheets are read by intake.levers (read_lever_file), not as figures
    return _fold(sheet.name or "") in ("huong dan", "instructions", "readme", "danh muc", "lists",
                                       _fold(LEVER_SHEET), _fold(EVIDENCE_SHEET))


# --------------------------------------------------------------------------- record mapping


_LEVELS = {"tinh": "province", "cap tinh": "province", "province": "province",
           "so": "agency", "ban": "agency", "co quan": "agency", "agency": "agency",
           "huyen": "district", "cap huyen": "district", "district": "district",
           "xa": "commune", "cap xa": "commune", "phuong": "commune", "commune": "commune"}


def _admin_level(unit_name: str) -> str:
    if not unit_name:
        return "province"
    t = _fold(unit_name)
    if re.match(r"(xa|phuong|thi tran|dac khu|commune|ward)\b", t):
        return "commune"
    if re.match(r"(huyen|quan|thi xa|district|cap huyen)\b", t):
        return "district"
    return "agency"


def _fmt_evidence(cell: Any) -> str:
    if isinstance(cell, _Pct):
        return f"{float(cell) * 100:.10g}".replace(".", ",") + "%"
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        return _text(cell).replace(".", ",")
    return _text(cell)


def _map_record(rec: dict[str, Any], ctx: _Ctx) -> dict[str, Any]:
    """One input record (field → cell, plus `_cols` field → column label) → observation dict."""
    cols = rec["_cols"]
    understood: list[tuple[str, str, str, str]] = []  # (field, as written, as understood, kind)

    def cell(f):
        return rec.get(f)

    def saw(f: str, written: Any, meant: str, kind: str) -> None:
        text = _text(written)
        if text != meant:
            understood.append((f, text, meant, kind))

    # period
    start = end = None
    label = ""
    ps, pe, pp = cell("period_start"), cell("period_end"), cell("period")
    try:
        if not _is_missing(ps) or not _is_missing(pe):
            # one of the two alone ("2024", "3/2024") spans its whole year or month
            start = _parse_date(ps if not _is_missing(ps) else pe)
            end = _parse_date(pe if not _is_missing(pe) else ps, end=True)
            for f, written, when in (("period_start", ps, start), ("period_end", pe, end)):
                if isinstance(written, str) and not _is_missing(written):
                    saw(f, written, when.isoformat(), "date")
        elif not _is_missing(pp):
            start, end = parse_period(pp)
            label = _text(pp)
            saw("period", pp, f"{start.isoformat()} – {end.isoformat()}", "period")
    except (ValueError, OverflowError):
        bad = "period_start" if not _is_missing(ps) else ("period_end" if not _is_missing(pe) else "period")
        raise _Reject(cols.get(bad, bad), _text(cell(bad)),
                      "không đọc được ngày/kỳ (vd. 31/12/2024, 2024, Q3/2021, 6 tháng đầu năm 2024).",
                      "cannot read the date/period (e.g. 31/12/2024, 2024, Q3/2021, H1 2024).") from None
    if start is None:
        raise _Reject(cols.get("period", "period"), "", "thiếu kỳ báo cáo (từ ngày/đến ngày hoặc kỳ).",
                      "the period is missing (from/to dates or a period).")
    for day, fld in ((start, "period_start"), (end, "period_end")):
        if year_problem(day.year):
            fld = fld if not _is_missing(cell(fld)) else next(
                (f for f in ("period_start", "period_end", "period") if not _is_missing(cell(f))), fld)
            raise _Reject(cols.get(fld, fld), _text(cell(fld)), *year_problem(day.year))
    if start > end:
        raise _Reject(cols.get("period_start", "period_start"), f"{start}–{end}",
                      f"kỳ ngược: {start.isoformat()} sau {end.isoformat()}.",
                      f"reversed period: {start.isoformat()} is after {end.isoformat()}.")
    # province map
    explicit = _text(cell("map"))
    if explicit:
        pmap = "34" if "34" in explicit else ("63" if "63" in explicit else None)
        if pmap is None:
            raise _Reject(cols.get("map", "map"), explicit, "bản đồ tỉnh phải là 63 hoặc 34.",
                          "the province map must be 63 or 34.")
    else:
        pmap = map_for_date(end)
    # province
    code_cell, name_cell = cell("province_code"), cell("province")
    if not _is_missing(code_cell):
        code = normalize_code(code_cell)
        try:
            from ..evidence.provinces import is_code

            ok = is_code(code, pmap)
        except UserDataError:
            ok = False
        if not ok:
            raise _Reject(cols.get("province_code", "province_code"), _text(code_cell),
                          f"mã tỉnh '{_text(code_cell)}' không có trong bản đồ {pmap} tỉnh.",
                          f"province code '{_text(code_cell)}' is not in map {pmap}.")
    elif not _is_missing(name_cell):
        try:
            code = resolve(_text(name_cell), pmap)
        except UserDataError as exc:
            raise _Reject(cols.get("province", "province"), _text(name_cell), exc.vi, exc.en) from None
        saw("province", name_cell, province_name(code, pmap), "province")
    else:
        raise _Reject(cols.get("province", "province"), "", "thiếu tên tỉnh.", "the province is missing.")
    # indicator
    ind_cell = cell("indicator")
    if _is_missing(ind_cell):
        ind_cell = cell("indicator_id")  # an id column beside the names (either is accepted)
    if _is_missing(ind_cell):
        raise _Reject(cols.get("indicator", "indicator"), "", "thiếu chỉ tiêu.", "the indicator is missing.")
    indicator = _resolve_indicator(_text(ind_cell), ctx, cols.get("indicator", "indicator"))
    if _text(ind_cell) not in ctx.ind_exact:
        saw("indicator", ind_cell, indicator, "indicator")
    unit = ctx.ind_units.get(indicator, "")
    # numbers
    out: dict[str, Any] = {}
    qualifier = "exact"
    vcell = cell("value")
    vtext = _text(vcell)
    nums: dict[str, float | None] = {}
    if isinstance(vcell, str) and re.fullmatch(r"[^/]*\d[^/]*/[^/]*\d[^/]*", vtext):
        a, b = vtext.split("/")
        try:
            na, qa, _ = parse_number(a, ctx.style)
            nb, _, _ = parse_number(b, ctx.style)
        except ValueError:
            raise _Reject(cols.get("value", "value"), vtext, "không đọc được số dạng a/b.",
                          "cannot read the a/b figure.") from None
        if unit == "rank":
            nums = {"value": na, "denominator": nb}
        else:
            nums = {"numerator": na, "denominator": nb}
        qualifier = qa
    else:
        for f in ("value", "numerator", "denominator"):
            c = cell(f)
            digits = sum(ch.isdigit() for ch in _text(c)) if isinstance(c, str) else 0
            if digits > 15:  # beyond what a float holds exactly; 400 digits would become infinity
                raise _Reject(cols.get(f, f), _text(c)[:40] + "…",
                              f"số có {digits} chữ số, quá dài (tối đa 15 chữ số).",
                              f"a number with {digits} digits is too long (at most 15 digits).")
            try:
                n, q, pct = parse_number(c, ctx.style)
            except ValueError:
                raise _Reject(cols.get(f, f), _text(c), "không phải là số.", "not a number.") from None
            if pct and f != "value":
                raise _Reject(cols.get(f, f), _text(c), "tử số/mẫu số không được có dấu %.",
                              "a numerator/denominator cannot carry a % sign.")
            if pct and unit and unit != "percent":
                raise _Reject(cols.get(f, f), _text(c),
                              f"dấu % nhưng chỉ tiêu '{indicator}' có đơn vị {unit}.",
                              f"a % sign but indicator '{indicator}' is measured in {unit}.")
            nums[f] = n
            if n is not None and isinstance(c, str | _Pct):
                saw(f, c, (QUALIFIER_WORDS.get(q, "") + f"{n:.12g}" + ("%" if pct else "")), "number")
            if q != "exact" and qualifier == "exact":
                qualifier = q
    if all(nums.get(f) is None for f in ("value", "numerator", "denominator")):
        col = cols.get("value") or cols.get("numerator") or "value"
        raise _Reject(col, vtext, "không có số liệu (giá trị, tử số, mẫu số đều trống).",
                      "no figure (value, numerator and denominator are all empty).")
    qcell = _text(cell("qualifier"))
    if qcell:
        q = _loose(qcell)
        qualifier = next((name for name, pat in _QUALIFIERS if re.fullmatch(pat, q)), q)
        if q in ("exact", "over", "under", "about"):
            qualifier = q
    evidence = _fmt_evidence(vcell) if not _is_missing(vcell) else ""
    if not evidence:
        n_ev, d_ev = _fmt_evidence(cell("numerator")), _fmt_evidence(cell("denominator"))
        evidence = f"{n_ev}/{d_ev}" if n_ev and d_ev else (n_ev or d_ev)
    unit_name = _text(cell("unit_name"))
    level = _text(cell("admin_level"))
    level = _LEVELS.get(_fold(level), level) if level else _admin_level(unit_name)
    out.update(
        province_code=code, province_map=pmap, unit_name=unit_name,
        admin_level=_loose(level) if level else "province", indicator=indicator,
        component=_text(cell("component")), period_start=start, period_end=end,
        period_label=label, numerator=nums.get("numerator"), denominator=nums.get("denominator"),
        value=nums.get("value"), qualifier=qualifier, evidence=evidence,
        evidence_numerator=_fmt_evidence(cell("numerator")) if "numerator" in rec else "",
        evidence_denominator=_fmt_evidence(cell("denominator")) if "denominator" in rec else "",
        evidence_value="", part_of="", note=_text(cell("note")), source=_text(cell("source")),
        source_title=_text(cell("source_title")) or _text(cell("source")),
        source_body=_text(cell("source_body")), source_date=_source_date(cell("source_date")),
        source_url=_text(cell("source_url")), _understood=understood,
    )
    if out["admin_level"] not in ("province", "agency", "district", "commune"):
        raise _Reject(cols.get("admin_level", "admin_level"), level,
                      "cấp phải là province, agency, district hoặc commune.",
                      "level must be province, agency, district or commune.")
    return out


QUALIFIER_WORDS = {"over": "trên ", "under": "dưới ", "about": "khoảng "}


def _source_date(cell: Any) -> str:
    """The source's date as ISO text when it reads as a date, else as written."""
    if _is_missing(cell):
        return ""
    try:
        return _parse_date(cell).isoformat()
    except (ValueError, OverflowError):
        return _text(cell)


_TITLE_PERIOD_RE = re.compile(
    r"(6 thang (?:dau|cuoi) nam \d{4}|\d{1,2} thang (?:dau nam )?\d{4}|"
    r"(?:quy|q)\s*(?:[1-4]|iv|i{1,3})\s*(?:/|nam)\s*\d{4}|thang \d{1,2}/\d{4}|nam \d{4})")


def _title_period(rows: list[tuple[int, list[Any]]]) -> str | None:
    """A period named in the title lines above a table ("Số liệu năm 2024", "Quý III/2023")."""
    for _, cells in rows:
        for c in cells:
            if isinstance(c, str):
                m = _TITLE_PERIOD_RE.search(_loose(c))
                if m:
                    try:
                        parse_period(m.group(1))
                        return m.group(1)
                    except ValueError:
                        continue
    return None


def _records(sheet: _Sheet, ctx: _Ctx, problems: list[dict]) -> tuple[list[dict], int]:
    """Split a data sheet into records; returns (records, number of input rows)."""
    rows = sheet.rows
    h = _find_header(rows, ctx)
    if h is None:
        recs = []
        for rownum, cells in rows:
            recs.append(dict(_row=rownum, _orig=cells, _header=[], _reject=(
                "", "", "không nhận ra dòng tiêu đề của trang này (xem mẫu: dvc-analysis template).",
                "no recognisable header row on this sheet (see: dvc-analysis template).")))
        return recs, len(rows)
    header = rows[h][1]
    data = rows[h + 1:]
    title_period = _title_period(rows[:h])
    labels = [_text(c) or f"#{i + 1}" for i, c in enumerate(header)]
    fields: dict[str, int] = {}
    ind_cols: dict[int, str] = {}
    per_cols: dict[int, Any] = {}
    unknown: list[int] = []
    for i, c in enumerate(header):
        f = _header_field(c)
        if f == "_ignore":
            continue
        if f and f not in fields:
            fields[f] = i
        elif f:
            problems.append(dict(file=ctx.file, sheet=sheet.name, row=rows[h][0], column=labels[i],
                                 value=_text(c), reason_vi="cột trùng nghĩa, bỏ qua cột sau.",
                                 reason_en="duplicate column, the later one is ignored."))
        elif _text(c):
            k = _fold(_text(c))
            if k in ctx.ind_lookup or k.replace(" ", "") in ctx.ind_lookup:
                ind_cols[i] = ctx.ind_lookup.get(k) or ctx.ind_lookup[k.replace(" ", "")]
            elif _is_period_header(c):
                per_cols[i] = c
            else:
                unknown.append(i)
    has_fig = any(f in fields for f in ("value", "numerator", "denominator"))
    if "indicator" in fields and has_fig:
        mode = "long"
    elif ind_cols and not has_fig:
        mode = "wide_indicator"
    elif per_cols and "indicator" in fields and not has_fig:
        mode = "wide_period"
    else:
        mode = "long"
    cols_map = {f: labels[i] for f, i in fields.items()}
    recs: list[dict] = []
    for rownum, cells in data:
        def get(i, cells=cells):
            return cells[i] if i < len(cells) else None

        too_long = check_cells(cells, ctx.limits)
        if too_long is not None:
            recs.append(dict(_row=rownum, _orig=[_text(c)[:200] for c in cells], _header=labels, _cols={},
                             _reject=(labels[too_long] if too_long < len(labels) else f"#{too_long + 1}",
                                      _text(cells[too_long])[:40] + "…",
                                      f"ô dài {len(cells[too_long]):,} ký tự, quá giới hạn "
                                      f"{ctx.limits.cell_chars:,} (DVC_MAX_CELL_CHARS).".replace(",", "."),
                                      f"the cell holds {len(cells[too_long]):,} characters, over the "
                                      f"{ctx.limits.cell_chars:,} limit (DVC_MAX_CELL_CHARS).")))
            continue
        base = {f: get(i) for f, i in fields.items()}
        if title_period is not None and all(
                _is_missing(base.get(f)) for f in ("period", "period_start", "period_end")):
            base["period"] = title_period  # from a title line above the table ("Năm 2024")
        meta = dict(_row=rownum, _orig=cells, _header=labels)
        if mode == "long":
            recs.append({**base, **meta, "_cols": dict(cols_map)})
            continue
        made = 0
        for i in (ind_cols if mode == "wide_indicator" else per_cols):
            v = get(i)
            if _is_missing(v):
                continue
            rec = {**base, **meta, "value": v, "_cols": {**cols_map, "value": labels[i]}}
            if mode == "wide_indicator":
                rec["indicator"] = ind_cols[i]
                rec["_cols"]["indicator"] = labels[i]
            else:
                rec["period"] = per_cols[i]
                rec["_cols"]["period"] = labels[i]
                rec["period_start"] = rec["period_end"] = None
            recs.append(rec)
            made += 1
        for i in unknown:
            v = get(i)
            if not _is_missing(v):
                recs.append({**meta, "_cols": {}, "_reject": (
                    labels[i], _text(v),
                    f"tiêu đề cột '{labels[i]}' không phải chỉ tiêu hay kỳ đã biết.",
                    f"column header '{labels[i]}' is neither a known indicator nor a period.")})
                made += 1
        if not made:
            recs.append({**meta, "_cols": {}, "_reject": (
                "", "", "dòng không có số liệu nào.", "the row has no figures.")})
    return recs, len(data)
