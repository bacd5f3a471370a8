"""Validate observation rows: one path for bundled and user data, every problem listed."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._inputguard import year_problem
from ..errors import UserDataError
from ..text.fmt import to_date
from ..text.numbers import parse_vn_number
from .provinces import load_provinces
from .schema import (
    _NUMBER_COLUMNS,
    _TEXT_COLUMNS,
    ADMIN_LEVELS,
    OBS_COLUMNS,
    PROBLEM_COLUMNS,
    QUALIFIERS,
    REQUIRED_COLUMNS,
)

if TYPE_CHECKING:
    import pandas as pd


_FIGURE = re.compile(r"^\s*(\d[\d.,]*)\s*(%?)\s*$")


_FRACTION = re.compile(r"^\s*(\d[\d.,]*)\s*/\s*(\d[\d.,]*)\s*$")


def parse_evidence(evidence: str, *, unit: str = "percent", evidence_numerator: str = "",
                   evidence_denominator: str = "", evidence_value: str = "") -> dict[str, float | None]:
    """Return {numerator, denominator, value} implied by the evidence fields of one observation.

    "a/b" gives numerator a and denominator b (for unit "rank": value a, denominator b); "x%" or a bare
    number gives value. The evidence_* fields, when filled, set the column they name. Returns None
    for a column the evidence does not state; raises ValueError when `evidence` is not a figure.
    """
    out: dict[str, float | None] = {"numerator": None, "denominator": None, "value": None}
    m = _FRACTION.match(evidence or "")
    if m:
        a, b = parse_vn_number(m.group(1)), parse_vn_number(m.group(2))
        if unit == "rank":
            out["value"], out["denominator"] = a, b
        else:
            out["numerator"], out["denominator"] = a, b
    elif _FIGURE.match(evidence or ""):
        out["value"] = parse_vn_number(evidence)
    else:
        raise ValueError(f"evidence is not a figure: {evidence!r}")
    for col, text in (("numerator", evidence_numerator), ("denominator", evidence_denominator),
                      ("value", evidence_value)):
        if text is not None and str(text).strip():
            out[col] = parse_vn_number(str(text))
    return out


def _blank(x: Any) -> bool:
    if x is None:
        return True
    if type(x) is str:  # fast path (large user files)
        return not x.strip()
    if isinstance(x, float) and math.isnan(x):
        return True
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(x, str) and not x.strip()


def _text(x: Any) -> str:
    if type(x) is str:  # fast path (large user files); same result as below
        return unicodedata.normalize("NFC", x).strip()
    if _blank(x):
        return ""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return unicodedata.normalize("NFC", str(x)).strip()


def _number(x: Any) -> float:
    """Plain number from a cell: float/int, "1800", "99.74"; Vietnamese "99,74" also accepted."""
    if _blank(x):
        return math.nan
    if isinstance(x, bool):
        raise ValueError(x)
    if isinstance(x, (int, float)):
        return float(x)
    s = str(x).strip()
    try:
        v = float(s)
    except ValueError:
        v = parse_vn_number(s)
    if math.isinf(v) or math.isnan(v):
        raise ValueError(x)
    return v


def _date(x: Any) -> _dt.date | None:
    """`fmt.to_date` for date objects; text must be YYYY-MM-DD (a zero time from spreadsheets is
    dropped), else ValueError."""
    if _blank(x):
        return None
    if isinstance(x, _dt.date) or hasattr(x, "to_pydatetime"):  # date, datetime, pandas Timestamp
        return to_date(x)
    s = str(x).strip()
    if len(s) > 10 and s[10] in "T ":  # "2021-09-30 00:00:00" from spreadsheets
        tail = s[11:].replace(":", "").replace("0", "")
        if not tail:
            s = s[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ValueError(x)
    return _dt.date.fromisoformat(s)


def _fmt(x: Any) -> str:
    if _blank(x):
        return ""
    if isinstance(x, float):
        return str(int(x)) if x.is_integer() else repr(x)
    return str(x)


def _raise_problems(problems: pd.DataFrame, file: str) -> None:
    first = problems.iloc[0]
    n = len(problems)
    raise UserDataError(
        f"Tệp {file} có {n} lỗi; lỗi đầu tiên: {first['reason_vi']}",
        f"File {file} has {n} problem(s); first: {first['reason_en']}",
        problems=problems,
    )


# --------------------------------------------------------------------------- validation
def _problem(file, sheet, row, column, value, why_vi, why_en) -> dict:
    where_vi = f"{file}" + (f", trang {sheet}" if sheet else "") + (f", dòng {row}" if row else "")
    where_en = f"{file}" + (f", sheet {sheet}" if sheet else "") + (f", row {row}" if row else "")
    shown = _fmt(value)
    return {
        "file": file, "sheet": sheet if sheet else "", "row": row, "column": column, "value": shown,
        "reason_vi": f"{where_vi}, cột {column} = '{shown}': {why_vi}.",
        "reason_en": f"{where_en}, column {column} = '{shown}': {why_en}.",
    }


def _province_codes(map: str) -> set[str]:
    return set(load_provinces(map)["code"])


_PARSED_COLUMNS = ("province_code", "period_start", "period_end", "paragraph", *_NUMBER_COLUMNS)


@dataclass(frozen=True)
class _Context:
    """What the per-column rules check a row against (ids seen so far grow as rows are read)."""

    units: dict
    known_sources: set
    codes: dict
    known_ids: set
    seen: dict
    check_evidence: bool


# A rule reads one row `r`, writes what it parsed into `got`, and reports each problem through
# `bad(column, value, reason_vi, reason_en)`. Rules run in the order of RULES, which is the order
# of the problems listed for a row; later rules read what earlier ones parsed (unit, dates, numbers).

def _rule_obs_id(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    oid = got["oid"]
    if not oid:
        bad("obs_id", "", "thiếu mã quan sát", "observation id is empty")
    elif oid in ctx.seen:
        bad("obs_id", oid, f"mã quan sát trùng với dòng {ctx.seen[oid]}",
            f"duplicate observation id (also on row {ctx.seen[oid]})")
    else:
        ctx.seen[oid] = got["row"]


def _rule_source(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    sid = _text(r["source_id"])
    if not sid:
        bad("source_id", "", "thiếu mã nguồn", "source id is empty")
    elif sid not in ctx.known_sources:
        bad("source_id", sid, "mã nguồn không có trong danh sách nguồn (sources.csv)",
            "unknown source id (not in sources.csv)")


def _rule_indicator(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    indicator = _text(r["indicator"])
    got["unit"] = ctx.units.get(indicator)
    if not indicator:
        bad("indicator", "", "thiếu mã chỉ số", "indicator is empty")
    elif got["unit"] is None:
        bad("indicator", indicator, "mã chỉ số không có trong danh mục chỉ số (indicators.csv)",
            "unknown indicator id (not in indicators.csv)")


def _rule_period(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    for col in ("period_start", "period_end"):
        try:
            got[col] = _date(r[col])
            if got[col] is None:
                bad(col, "", "thiếu ngày (định dạng YYYY-MM-DD)", "date is empty (use YYYY-MM-DD)")
            elif year_problem(got[col].year):  # the row is rejected, not the whole file
                bad(col, r[col], *year_problem(got[col].year))
                got[col] = None
        except ValueError:
            got[col] = None
            bad(col, r[col], "không đọc được ngày (cần định dạng YYYY-MM-DD, ví dụ 2024-12-31)",
                "unparseable date (use YYYY-MM-DD, e.g. 2024-12-31)")
    start, end = got["period_start"], got["period_end"]
    if start and end and start > end:
        bad("period_end", r["period_end"], f"ngày kết thúc trước ngày bắt đầu ({start.isoformat()})",
            f"period ends before it starts ({start.isoformat()})")


def _rule_province(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    code_raw = r["province_code"]
    code = "" if _blank(code_raw) else _text(code_raw)
    if code.isdigit() and len(code) <= 2:
        code = code.zfill(2)
    if code:
        start = got["period_start"]
        map_ = _text(r.get("province_map", "")) or (
            "34" if start and start >= _dt.date(2025, 7, 1) else "63")
        if code not in ctx.codes.get(map_, ctx.codes["63"]):
            bad("province_code", code_raw,
                f"mã tỉnh không có trong danh sách {map_} tỉnh (mã 2 chữ số, ví dụ 26 là Vĩnh Phúc)",
                f"unknown province code for the {map_}-province map (2 digits, e.g. 26 = Vĩnh Phúc)")
    got["province_code"] = code


def _rule_paragraph(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    para = r["paragraph"]
    got["paragraph"] = None
    if not _blank(para):
        try:
            p_num = _number(para)
            if p_num < 1 or not p_num.is_integer():
                raise ValueError(para)
            got["paragraph"] = int(p_num)
        except ValueError:
            bad("paragraph", para, "số đoạn phải là số nguyên dương", "paragraph must be a positive whole number")


def _rule_numbers(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    for col in _NUMBER_COLUMNS:
        try:
            got[col] = _number(r[col])
        except ValueError:
            got[col] = math.nan
            bad(col, r[col], "không phải là số", "not a number")
        if got[col] < 0:
            bad(col, r[col], "số âm không hợp lệ", "negative figure")
    n, d = got["numerator"], got["denominator"]
    has = {k: not math.isnan(got[k]) for k in _NUMBER_COLUMNS}
    got["has"] = has
    if not any(has.values()):
        bad("value", "", "không có số liệu: cần value hoặc numerator/denominator",
            "no figure: value or numerator/denominator needed")
    if has["numerator"] and has["denominator"] and n > d:
        bad("numerator", _fmt(n), f"tử số lớn hơn mẫu số ({_fmt(d)})",
            f"numerator is larger than the denominator ({_fmt(d)})")
    if has["denominator"] and d == 0:
        bad("denominator", "0", "mẫu số bằng 0", "denominator is zero")


def _rule_unit(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    """The figures a row may carry for the unit of its indicator."""
    unit, has = got["unit"], got["has"]
    n, d, v = got["numerator"], got["denominator"], got["value"]
    if unit == "percent":
        if has["value"] and not 0 <= v <= 100:
            bad("value", _fmt(v), "tỷ lệ phần trăm phải nằm trong khoảng 0–100",
                "a percentage must lie between 0 and 100")
        if has["numerator"] != has["denominator"] and not has["value"]:
            bad("denominator" if has["numerator"] else "numerator", "",
                "tỷ lệ cần cả tử số và mẫu số khi không có giá trị phần trăm",
                "a rate needs both numerator and denominator when no percentage is given")
    elif unit in ("count", "money_vnd"):
        if has["numerator"] or has["denominator"]:
            col = "numerator" if has["numerator"] else "denominator"
            bad(col, _fmt(got[col]), f"chỉ số đơn vị '{unit}' không có tử số/mẫu số; ghi số vào cột value",
                f"a '{unit}' indicator has no numerator/denominator; put the figure in value")
        if unit == "count" and has["value"] and not v.is_integer():
            bad("value", _fmt(v), "số đếm phải là số nguyên", "a count must be a whole number")
    elif unit == "rank":
        if has["value"] and (v < 1 or not v.is_integer()):
            bad("value", _fmt(v), "thứ hạng phải là số nguyên từ 1", "a rank must be a whole number from 1")
        if has["value"] and has["denominator"] and v > d:
            bad("value", _fmt(v), f"thứ hạng lớn hơn số đơn vị được xếp hạng ({_fmt(d)})",
                f"rank is larger than the number of units ranked ({_fmt(d)})")
        if has["numerator"]:
            bad("numerator", _fmt(n), "thứ hạng ghi ở cột value, không dùng tử số",
                "a rank goes in value; numerator must be empty")
    elif unit == "score" and has["value"] and has["denominator"] and v > d:
        bad("value", _fmt(v), f"điểm lớn hơn điểm tối đa ({_fmt(d)})",
            f"score is larger than the maximum ({_fmt(d)})")


def _rule_categories(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    for col in ("qualifier", "qualifier_denominator"):
        q = _text(r[col])
        if q and q not in QUALIFIERS:
            bad(col, q, "phải là exact, over, under hoặc about", "must be exact, over, under or about")
    lvl = _text(r["admin_level"])
    if lvl and lvl not in ADMIN_LEVELS:
        bad("admin_level", lvl, "phải là province, agency, district hoặc commune",
            "must be province, agency, district or commune")
    for col in ("part_of", "count_of"):
        ref = _text(r[col])
        if ref and (ref not in ctx.known_ids or ref == got["oid"]):
            bad(col, ref, "tham chiếu tới mã quan sát không có trong tệp",
                "refers to an observation id that is not in the file")


def _rule_evidence(r: dict, got: dict, ctx: _Context, bad: Callable) -> None:
    ev, unit = _text(r["evidence"]), got["unit"]
    if not ev:
        bad("evidence", "", "thiếu bằng chứng: ghi con số đúng như trong nguồn (ví dụ 1.542/1.868)",
            "evidence is empty: write the figure as printed in the source (e.g. 1.542/1.868)")
    elif ctx.check_evidence and unit is not None and (_FRACTION.match(ev) or _FIGURE.match(ev)):
        try:
            implied = parse_evidence(
                ev, unit=unit, evidence_numerator=_text(r["evidence_numerator"]),
                evidence_denominator=_text(r["evidence_denominator"]),
                evidence_value=_text(r["evidence_value"]))
        except ValueError:
            bad("evidence", ev, "không đọc được con số theo định dạng Việt Nam",
                "cannot read the figure in Vietnamese number format")
        else:
            for col in _NUMBER_COLUMNS:
                want, got_ = implied[col], got[col]
                if want is not None and (math.isnan(got_) or abs(want - got_) > 1e-9 * max(1.0, abs(want))):
                    bad(col, _fmt(got_), f"không khớp với bằng chứng '{ev}' (đọc được {_fmt(want)})",
                        f"does not match the evidence '{ev}' (which reads {_fmt(want)})")


#: The per-column rules, in the order their problems are listed for a row.
RULES: tuple[Callable, ...] = (
    _rule_obs_id, _rule_source, _rule_indicator, _rule_period, _rule_province, _rule_paragraph,
    _rule_numbers, _rule_unit, _rule_categories, _rule_evidence,
)


def validate_observations(
    df: pd.DataFrame,
    *,
    file: str,
    sheet: str | None = None,
    first_row: int = 2,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | Iterable[str] | None = None,
    check_evidence: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check observation rows; return (accepted rows typed, problems).

    `df` has the observation columns (strings or typed values). Row numbers in the problems are
    `first_row` + position (2 for a CSV with one header line). `indicators` (default: the bundled
    vocabulary) and `sources` (a table with source_id or an iterable of ids; default: bundled
    sources.csv) define the known ids. With `check_evidence`, a figure written in `evidence` must agree
    with numerator/denominator/value. Problems columns: file, sheet, row, column, value, reason_vi,
    reason_en; rows with any problem are left out of the accepted table.
    """
    import pandas as pd

    problems: list[dict] = []
    add = problems.append
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        for c in missing:
            add(_problem(file, sheet, None, c, "",
                         "thiếu cột bắt buộc (các cột cần có: " + ", ".join(REQUIRED_COLUMNS) + ")",
                         "required column is missing (needed: " + ", ".join(REQUIRED_COLUMNS) + ")"))
        return _typed(pd.DataFrame(columns=OBS_COLUMNS)), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)

    from .load import load_indicators, load_sources  # the loaders validate through this module

    ind = load_indicators() if indicators is None else indicators
    units = dict(zip(ind["id"], ind["unit"], strict=False))
    if sources is None:
        known_sources = set(load_sources()["source_id"])
    elif hasattr(sources, "columns"):
        known_sources = set(sources["source_id"])
    else:
        known_sources = {str(s) for s in sources}
    codes = {m: _province_codes(m) for m in ("63", "34")}

    work = df.reset_index(drop=True).copy()
    for c in OBS_COLUMNS:
        if c not in work.columns:
            work[c] = ""
    ids = [_text(x) for x in work["obs_id"]]
    ctx = _Context(units=units, known_sources=known_sources, codes=codes, known_ids=set(ids),
                   seen={}, check_evidence=check_evidence)
    bad_rows: set[int] = set()
    parsed: dict[str, list] = {c: [] for c in _PARSED_COLUMNS}

    for i, r in enumerate(work.to_dict("records")):
        row = first_row + i
        n_before = len(problems)

        def bad(column, value, vi, en, _row=row):
            add(_problem(file, sheet, _row, column, value, vi, en))

        got: dict[str, Any] = {"row": row, "oid": ids[i]}
        for rule in RULES:
            rule(r, got, ctx, bad)
        for col in _PARSED_COLUMNS:
            parsed[col].append(got[col])
        if len(problems) > n_before:
            bad_rows.add(i)

    for col, vals in parsed.items():
        work[col] = vals
    for col in _TEXT_COLUMNS:
        if col != "province_code":
            work[col] = [_text(x) for x in work[col]]
    accepted = work.loc[[i for i in range(len(work)) if i not in bad_rows]]
    return _typed(accepted), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    out = df.reset_index(drop=True).copy()
    for col in _TEXT_COLUMNS:
        out[col] = out[col].map(_text).astype("str") if len(out) else pd.Series([], dtype="str")
    for col in ("period_start", "period_end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    for col in _NUMBER_COLUMNS:
        out[col] = pd.to_numeric(out[col]).astype(float)
    out["paragraph"] = pd.array([None if _blank(x) else int(x) for x in out["paragraph"]], dtype="Int64")
    first = [c for c in OBS_COLUMNS if c in out.columns]
    rest = [c for c in out.columns if c not in first]
    return out[first + rest]
