"""Load and validate the evidence base: observations, targets, indicators and sources.

Every bundled table is read through `dvc_analysis._resources.data_path` and returned typed
(codes as 2-character text, dates as datetime64, figures as floats). Observations, bundled or
from a user's file, pass through one validation path, `validate_observations`, which reports each
problem with file, sheet, row, column, value and a reason in Vietnamese and English.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UserDataError
from .fmt import to_date

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from .provinces import load_provinces  # re-exported: load_provinces(map="63"|"34")

__all__ = [
    "OBS_COLUMNS",
    "PROBLEM_COLUMNS",
    "REQUIRED_COLUMNS",
    "load_indicators",
    "load_observations",
    "load_provinces",
    "load_sources",
    "load_targets",
    "parse_evidence",
    "parse_vn_number",
    "validate_observations",
]

#: Columns of data/observations.csv, in order (the last two are optional extensions).
OBS_COLUMNS = [
    "obs_id", "source_id", "paragraph", "province_code", "unit_name", "admin_level", "indicator",
    "component", "period_start", "period_end", "period_label", "numerator", "denominator", "value",
    "qualifier", "evidence", "evidence_numerator", "evidence_denominator", "evidence_value",
    "part_of", "note", "qualifier_denominator", "count_of",
]
#: Columns a file must have; the others are added empty when absent.
REQUIRED_COLUMNS = [
    "obs_id", "source_id", "province_code", "indicator", "period_start", "period_end",
    "numerator", "denominator", "value", "evidence",
]
PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "reason_vi", "reason_en"]

QUALIFIERS = ("exact", "over", "under", "about")
ADMIN_LEVELS = ("province", "agency", "district", "commune")
UNITS = ("percent", "count", "rank", "score", "money_vnd")
_NUMBER_COLUMNS = ("numerator", "denominator", "value")
_TEXT_COLUMNS = [c for c in OBS_COLUMNS if c not in (*_NUMBER_COLUMNS, "paragraph", "period_start", "period_end")]

_VN_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^[+-]?\d+(?:,\d+)?$")
_FIGURE = re.compile(r"^\s*(\d[\d.,]*)\s*(%?)\s*$")
_FRACTION = re.compile(r"^\s*(\d[\d.,]*)\s*/\s*(\d[\d.,]*)\s*$")


# --------------------------------------------------------------------------- numbers
def parse_vn_number(text: str | float | int) -> float:
    """Parse a number written the Vietnamese way: "." groups thousands, "," marks decimals.

    "1.542" -> 1542.0, "99,74" -> 99.74, "05" -> 5.0, "253.529" -> 253529.0, "19,5%" -> 19.5.
    Numbers (int/float) are returned as float. Raises ValueError on anything else.
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, (int, float)):
        return float(text)
    s = unicodedata.normalize("NFC", str(text)).strip().replace("\u00a0", "").replace(" ", "")
    s = s.rstrip("%")
    if not _VN_NUMBER.match(s):
        raise ValueError(f"not a Vietnamese-format number: {text!r}")
    return float(s.replace(".", "").replace(",", "."))


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


# --------------------------------------------------------------------------- reading
def _read_csv(source) -> pd.DataFrame:
    import pandas as pd

    if hasattr(source, "open") and not isinstance(source, (str, Path)):
        with source.open("r", encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    path = Path(source)
    if not path.exists():
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File {path} does not exist.")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _bundled(name: str):
    from ._resources import data_path

    return data_path(name)


def _raise_problems(problems: pd.DataFrame, file: str) -> None:
    first = problems.iloc[0]
    n = len(problems)
    raise UserDataError(
        f"Tệp {file} có {n} lỗi; lỗi đầu tiên: {first['reason_vi']}",
        f"File {file} has {n} problem(s); first: {first['reason_en']}",
        problems=problems,
    )


def load_indicators() -> pd.DataFrame:
    """Return data/indicators.csv: one row per indicator id (see data/README.md).

    `higher_is_better` is a nullable boolean (NA for counts with no direction).
    """
    return _indicators().copy()


@functools.lru_cache(maxsize=1)
def _indicators() -> pd.DataFrame:
    import pandas as pd

    df = _read_csv(_bundled("indicators.csv"))
    bad = sorted(set(df["unit"]) - set(UNITS))
    if bad or df["id"].duplicated().any():
        raise UserDataError(
            f"indicators.csv hỏng: đơn vị không hợp lệ {bad} hoặc trùng id.",
            f"indicators.csv is broken: invalid unit {bad} or duplicate id.",
        )
    df["higher_is_better"] = pd.array(
        [{"true": True, "false": False}.get(x) for x in df["higher_is_better"]], dtype="boolean")
    return df


def load_sources() -> pd.DataFrame:
    """Return data/sources.csv: one row per source text, dates typed, province_code as text."""
    import pandas as pd

    df = _read_csv(_bundled("sources.csv"))
    for col in ("published", "period_start", "period_end"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d").astype("datetime64[ns]")
    df["published_estimated"] = df["published_estimated"].map({"true": True, "false": False}).astype(bool)
    return df


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Return the targets table (bundled data/targets.csv unless `path` is given), typed."""
    import pandas as pd

    df = _read_csv(_bundled("targets.csv") if path is None else path)
    file = "targets.csv" if path is None else str(path)
    problems = []
    indicators = set(load_indicators()["id"])
    for i, r in df.iterrows():
        row = int(i) + 2
        if r["indicator"] not in indicators:
            problems.append(_problem(file, None, row, "indicator", r["indicator"],
                                     "mã chỉ số không có trong indicators.csv",
                                     "indicator id is not in indicators.csv"))
        if r["comparator"] not in ("ge", "gt", "eq"):
            problems.append(_problem(file, None, row, "comparator", r["comparator"],
                                     "so sánh phải là ge, gt hoặc eq", "comparator must be ge, gt or eq"))
        if r["scope"] not in ("national", "province"):
            problems.append(_problem(file, None, row, "scope", r["scope"],
                                     "phạm vi phải là national hoặc province",
                                     "scope must be national or province"))
        try:
            _number(r["target_value"])
        except ValueError:
            problems.append(_problem(file, None, row, "target_value", r["target_value"],
                                     "không phải là số", "not a number"))
    if problems:
        _raise_problems(pd.DataFrame(problems, columns=PROBLEM_COLUMNS), file)
    df["province_code"] = df["province_code"].map(lambda c: c.zfill(2) if c.isdigit() else c)
    df["target_value"] = pd.to_numeric(df["target_value"]).astype(float)
    df["target_year"] = pd.to_numeric(df["target_year"]).astype("Int64")
    df["paragraph"] = pd.to_numeric(df["paragraph"].replace("", None)).astype("Int64")
    return df


def load_observations(path: str | Path | None = None) -> pd.DataFrame:
    """Return the observations (bundled data/observations.csv unless `path` is given), validated.

    Raises `UserDataError` (with `.problems`, a DataFrame) when any row breaks a rule.
    """
    if path is None:
        raw, file = _read_csv(_bundled("observations.csv")), "observations.csv"
    else:
        raw, file = _read_csv(path), str(path)
    accepted, problems = validate_observations(raw, file=file)
    if len(problems):
        _raise_problems(problems, file)
    return accepted


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
    seen: dict[str, int] = {}
    bad_rows: set[int] = set()
    parsed: dict[str, list] = {c: [] for c in ("province_code", "period_start", "period_end",
                                               "paragraph", *_NUMBER_COLUMNS)}
    known_ids = set(ids)

    for i, r in enumerate(work.to_dict("records")):
        row = first_row + i
        n_before = len(problems)

        def bad(column, value, vi, en, _row=row):
            add(_problem(file, sheet, _row, column, value, vi, en))

        oid = ids[i]
        if not oid:
            bad("obs_id", "", "thiếu mã quan sát", "observation id is empty")
        elif oid in seen:
            bad("obs_id", oid, f"mã quan sát trùng với dòng {seen[oid]}",
                f"duplicate observation id (also on row {seen[oid]})")
        else:
            seen[oid] = row

        sid = _text(r["source_id"])
        if not sid:
            bad("source_id", "", "thiếu mã nguồn", "source id is empty")
        elif sid not in known_sources:
            bad("source_id", sid, "mã nguồn không có trong danh sách nguồn (sources.csv)",
                "unknown source id (not in sources.csv)")

        indicator = _text(r["indicator"])
        unit = units.get(indicator)
        if not indicator:
            bad("indicator", "", "thiếu mã chỉ số", "indicator is empty")
        elif unit is None:
            bad("indicator", indicator, "mã chỉ số không có trong danh mục chỉ số (indicators.csv)",
                "unknown indicator id (not in indicators.csv)")

        # dates
        dates = {}
        for col in ("period_start", "period_end"):
            try:
                dates[col] = _date(r[col])
                if dates[col] is None:
                    bad(col, "", "thiếu ngày (định dạng YYYY-MM-DD)", "date is empty (use YYYY-MM-DD)")
            except ValueError:
                dates[col] = None
                bad(col, r[col], "không đọc được ngày (cần định dạng YYYY-MM-DD, ví dụ 2024-12-31)",
                    "unparseable date (use YYYY-MM-DD, e.g. 2024-12-31)")
        start, end = dates["period_start"], dates["period_end"]
        if start and end and start > end:
            bad("period_end", r["period_end"], f"ngày kết thúc trước ngày bắt đầu ({start.isoformat()})",
                f"period ends before it starts ({start.isoformat()})")
        parsed["period_start"].append(start)
        parsed["period_end"].append(end)

        # province code
        code_raw = r["province_code"]
        code = "" if _blank(code_raw) else _text(code_raw)
        if code.isdigit() and len(code) <= 2:
            code = code.zfill(2)
        if code:
            map_ = _text(r.get("province_map", "")) or (
                "34" if start and start >= _dt.date(2025, 7, 1) else "63")
            if code not in codes.get(map_, codes["63"]):
                bad("province_code", code_raw,
                    f"mã tỉnh không có trong danh sách {map_} tỉnh (mã 2 chữ số, ví dụ 26 là Vĩnh Phúc)",
                    f"unknown province code for the {map_}-province map (2 digits, e.g. 26 = Vĩnh Phúc)")
        parsed["province_code"].append(code)

        # paragraph
        para = r["paragraph"]
        p_val = None
        if not _blank(para):
            try:
                p_num = _number(para)
                if p_num < 1 or not p_num.is_integer():
                    raise ValueError(para)
                p_val = int(p_num)
            except ValueError:
                bad("paragraph", para, "số đoạn phải là số nguyên dương", "paragraph must be a positive whole number")
        parsed["paragraph"].append(p_val)

        # numbers
        nums: dict[str, float] = {}
        for col in _NUMBER_COLUMNS:
            try:
                nums[col] = _number(r[col])
            except ValueError:
                nums[col] = math.nan
                bad(col, r[col], "không phải là số", "not a number")
            if nums[col] < 0:
                bad(col, r[col], "số âm không hợp lệ", "negative figure")
        for col in _NUMBER_COLUMNS:
            parsed[col].append(nums[col])
        n, d, v = nums["numerator"], nums["denominator"], nums["value"]
        has = {k: not math.isnan(x) for k, x in nums.items()}
        if not any(has.values()):
            bad("value", "", "không có số liệu: cần value hoặc numerator/denominator",
                "no figure: value or numerator/denominator needed")
        if has["numerator"] and has["denominator"] and n > d:
            bad("numerator", _fmt(n), f"tử số lớn hơn mẫu số ({_fmt(d)})",
                f"numerator is larger than the denominator ({_fmt(d)})")
        if has["denominator"] and d == 0:
            bad("denominator", "0", "mẫu số bằng 0", "denominator is zero")
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
                bad(col, _fmt(nums[col]), f"chỉ số đơn vị '{unit}' không có tử số/mẫu số; ghi số vào cột value",
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

        # categorical columns
        q = _text(r["qualifier"])
        if q and q not in QUALIFIERS:
            bad("qualifier", q, "phải là exact, over, under hoặc about",
                "must be exact, over, under or about")
        qd = _text(r["qualifier_denominator"])
        if qd and qd not in QUALIFIERS:
            bad("qualifier_denominator", qd, "phải là exact, over, under hoặc about",
                "must be exact, over, under or about")
        lvl = _text(r["admin_level"])
        if lvl and lvl not in ADMIN_LEVELS:
            bad("admin_level", lvl, "phải là province, agency, district hoặc commune",
                "must be province, agency, district or commune")
        for col in ("part_of", "count_of"):
            ref = _text(r[col])
            if ref and (ref not in known_ids or ref == oid):
                bad(col, ref, "tham chiếu tới mã quan sát không có trong tệp",
                    "refers to an observation id that is not in the file")

        # evidence
        ev = _text(r["evidence"])
        if not ev:
            bad("evidence", "", "thiếu bằng chứng: ghi con số đúng như trong nguồn (ví dụ 1.542/1.868)",
                "evidence is empty: write the figure as printed in the source (e.g. 1.542/1.868)")
        elif check_evidence and unit is not None and (_FRACTION.match(ev) or _FIGURE.match(ev)):
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
                    want, got = implied[col], nums[col]
                    if want is not None and (math.isnan(got) or abs(want - got) > 1e-9 * max(1.0, abs(want))):
                        bad(col, _fmt(got), f"không khớp với bằng chứng '{ev}' (đọc được {_fmt(want)})",
                            f"does not match the evidence '{ev}' (which reads {_fmt(want)})")
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
