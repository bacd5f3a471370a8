"""Import the user's own figures from Excel or CSV, tolerantly, without ever losing a row.

`read_user_file(path)` reads a workbook (.xlsx) or a CSV file in long format (one figure per
row, Vietnamese or English headers) or wide format (one row per province, one column per
indicator or per period), maps it to the observation schema and checks it with the same
validation as the bundled data (`dvc_analysis.load.validate_observations`). Every input
record ends up either accepted or rejected with a bilingual reason. `validate_file` also
writes the rejected rows to `<stem>.rejected.csv`; `write_template` writes the data-entry
workbook.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError, UserDataError
from .fmt import month_end
from .load import OBS_COLUMNS as _LOAD_OBS_COLUMNS
from .load import PROBLEM_COLUMNS, UNITS
from .provinces import MERGER_DATE, _fold, map_for_date, normalize_code, resolve
from .textio import fold

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: columns of imported observations: those of data/observations.csv without its optional extensions
OBS_COLUMNS = [c for c in _LOAD_OBS_COLUMNS if c not in ("qualifier_denominator", "count_of")]
#: extra columns of imported observations (after OBS_COLUMNS)
EXTRA_COLUMNS = ["province_map", "source", "file", "sheet", "row", "column"]

DATA_SHEET = "Dữ liệu"
INSTRUCTIONS_SHEET = "Hướng dẫn"
INDICATOR_SHEET = "Chỉ tiêu riêng"
LISTS_SHEET = "Danh mục"
TEMPLATE_HEADERS = ["tỉnh", "đơn vị", "chỉ tiêu", "từ ngày", "đến ngày", "tử số", "mẫu số",
                    "giá trị", "nguồn", "ghi chú"]
INDICATOR_HEADERS = ["id", "tên", "tên tiếng Anh", "đơn vị đo", "cao hơn là tốt hơn"]

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
    "note": ("ghi chu", "note", "notes", "comment", "comments"),
    "map": ("ban do", "ban do tinh", "map", "province map"),
    "_ignore": ("stt", "tt", "so tt", "so thu tu", "no", "#"),
}
_HEADER = {alias: fld for fld, aliases in _HEADER_ALIASES.items() for alias in aliases}
_MISSING = {"", "-", "--", "—", "–", "−", "n/a", "na", "nan", "none", "null", "...", "..", "…",
            "k/c", "khong co", "x"}
_QUALIFIERS = (
    ("over", r"(tren|hon|nhieu hon|over|more than|above|greater than|>=|>|≥)"),
    ("under", r"(duoi|it hon|under|less than|below|fewer than|<=|<|≤)"),
    ("about", r"(gan|khoang|xap xi|uoc|about|around|approx\.?|approximately|nearly|~|≈)"),
)
_QUALIFIER_RES = [(name, re.compile(pattern + r"\s*")) for name, pattern in _QUALIFIERS]
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2009\u202f\u2007 '’"), None)


class _Reject(Exception):
    def __init__(self, column: str, value: Any, vi: str, en: str):
        super().__init__(vi)
        self.column, self.value, self.vi, self.en = column, value, vi, en


@dataclass
class _Sheet:
    name: str | None
    rows: list[tuple[int, list[Any]]]  # (1-based row number, cells)


@dataclass
class _Ctx:
    file: str
    stem: str
    style: str
    indicators: Any  # DataFrame
    ind_lookup: dict[str, str]
    ind_units: dict[str, str]
    notes: list[str] = field(default_factory=list)


class _Pct(float):
    """A number read from an Excel cell formatted as a percentage (stored as a fraction)."""


# --------------------------------------------------------------------------- text utilities


def _text(x: Any) -> str:
    """Cell → text as written (dates ISO, integral floats without .0), NFC, stripped."""
    if x is None:
        return ""
    if isinstance(x, _Pct):
        return f"{float(x) * 100:.10g}%"
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, float):
        if x != x:  # NaN
            return ""
        return str(int(x)) if x.is_integer() else f"{x:.12g}"
    if isinstance(x, _dt.datetime):
        return x.date().isoformat() if x.time() == _dt.time() else x.isoformat(sep=" ")
    if isinstance(x, _dt.date):
        return x.isoformat()
    return unicodedata.normalize("NFC", str(x)).strip()


@functools.lru_cache(maxsize=1 << 16)
def _loose(text: str) -> str:
    """`textio.fold` without stray combining marks: punctuation kept, spaces collapsed."""
    return " ".join("".join(ch for ch in fold(text) if unicodedata.category(ch) != "Mn").split())


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and x != x:
        return True
    return isinstance(x, str) and _loose(x) in _MISSING


# --------------------------------------------------------------------------- numbers


def _detect_style(samples: list[str]) -> str:
    """'vi' ("." thousands, "," decimals) unless the text cells clearly use English format."""
    vi = en = 0
    for s in samples:
        s = s.translate(_SPACES)
        if re.search(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\.\d{3}\.\d{3}|\d\.\d{3},\d", s):
            vi += 1
        if re.search(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}|\d,\d{3},\d{3}|\d,\d{3}\.\d", s):
            en += 1
    return "en" if en > vi else "vi"


def _to_float(s: str, style: str) -> float:
    if re.fullmatch(r"\d+", s):
        return float(s)
    dot, comma = "." in s, "," in s
    if dot and comma:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        whole, frac = s.rsplit(dec, 1)
        if not frac.isdigit() or not re.fullmatch(r"\d{1,3}(?:" + re.escape(thou) + r"\d{3})*", whole):
            raise ValueError(s)
        return float(whole.replace(thou, "") + "." + frac)
    if not (dot or comma):
        raise ValueError(s)
    sep = "." if dot else ","
    parts = s.split(sep)
    if not all(p.isdigit() for p in parts):
        if len(parts) == 2 and parts[0] == "" and parts[1].isdigit():  # ",5" / ".5"
            return float("0." + parts[1])
        raise ValueError(s)
    if len(parts) > 2:
        if 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        raise ValueError(s)
    whole, frac = parts
    thousands = "." if style == "vi" else ","
    if sep == thousands and len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return float(whole + frac)
    return float(whole + "." + frac)


def parse_number(cell: Any, style: str = "vi") -> tuple[float | None, str, bool]:
    """Parse a cell into (number or None when missing, qualifier, had a percent sign).

    Accepts Vietnamese ("1.800", "99,74%") and English ("1,800", "99.74%") formats, words
    such as "trên 1.800" (qualifier "over"), "khoảng", "dưới", and "-"/"—"/empty as missing.
    Raises ValueError when the text is not a number.
    """
    if isinstance(cell, bool):
        raise ValueError(str(cell))
    if isinstance(cell, _Pct):
        return float(cell) * 100, "exact", True
    if isinstance(cell, int | float):
        if cell != cell:
            return None, "exact", False
        return float(cell), "exact", False
    if isinstance(cell, _dt.date):
        raise ValueError(str(cell))
    if type(cell) is str and cell.isdigit():
        return float(cell), "exact", False
    text = _loose(_text(cell))
    if text in _MISSING:
        return None, "exact", False
    qualifier = "exact"
    for name, pattern in _QUALIFIER_RES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            qualifier, text = name, text[m.end():]
            break
    percent = False
    text = text.translate(_SPACES)
    if text.endswith("%"):
        percent, text = True, text[:-1]
    sign = 1.0
    if text[:1] in "-−–":
        sign, text = -1.0, text[1:]
    elif text[:1] == "+":
        text = text[1:]
    return sign * _to_float(text, style), qualifier, percent


# --------------------------------------------------------------------------- dates and periods

_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _parse_date(cell: Any, *, end: bool = False) -> _dt.date:
    """One date from a cell: date objects, Excel serials, ISO, d/m/yyyy; a year or m/yyyy gives
    its first day (or its last day when `end`)."""
    if isinstance(cell, _dt.datetime):
        return cell.date()
    if isinstance(cell, _dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        n = float(cell)
        if n.is_integer() and 1900 <= n <= 2100:
            return _dt.date(int(n), 12, 31) if end else _dt.date(int(n), 1, 1)
        if 20000 <= n <= 80000:
            return _EXCEL_EPOCH + _dt.timedelta(days=int(n))
        raise ValueError(cell)
    t = _loose(_text(cell))
    t = re.sub(r"^(ngay|date)\s+", "", t)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", t)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        return _dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        y, mo = int(m[2]), int(m[1])
        return month_end(y, mo) if end else _dt.date(y, mo, 1)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", t)
    if m:
        return _dt.date(int(m[1]), 12, 31) if end else _dt.date(int(m[1]), 1, 1)
    raise ValueError(t)


def parse_period(cell: Any) -> tuple[_dt.date, _dt.date]:
    """Parse a period label into (start, end) (see `_parse_period`); text labels are cached."""
    if isinstance(cell, str):
        return _parse_period_text(cell)
    return _parse_period(cell)


@functools.lru_cache(maxsize=4096)
def _parse_period_text(cell: str) -> tuple[_dt.date, _dt.date]:
    return _parse_period(cell)


def _parse_period(cell: Any) -> tuple[_dt.date, _dt.date]:
    """Parse a period label into (start, end).

    Understands "2024", "năm 2024", "Q3/2021", "quý III/2021", "6 tháng đầu năm 2024", "H1 2024",
    "9 tháng 2023", "tháng 3/2023", "3/2023", "2021-2025", "1/1/2024 - 18/12/2024" and a single
    date (an as-of figure: start = end). Raises ValueError otherwise.
    """
    if isinstance(cell, _dt.date):
        d = _parse_date(cell)
        return d, d
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        s, e = _parse_date(cell), _parse_date(cell, end=True)
        return s, e
    t = _loose(_text(cell))
    t = re.sub(r"\s*([/\-–—])\s*", r"\1", t)
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", t)
    if m:
        y = int(m[1])
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
    m = re.fullmatch(r"(?:q|quy)\s*([1-4]|iv|i{1,3})(?:\s*nam\s*|[/\-\s])\s*(\d{4})", t) or \
        re.fullmatch(r"(\d{4})[\s\-/]*q([1-4])", t)
    if m:
        a, b = m[1], m[2]
        if a.isdigit() and len(a) == 4:
            y, q = int(a), int(b)
        else:
            y, q = int(b), _ROMAN.get(a) or int(a)
        return _dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    m = re.fullmatch(r"(?:6 thang dau(?: nam)?|h1|nua dau nam|first half(?: of)?)\s*(?:nam\s*)?(\d{4})", t)
    if m:
        y = int(m[1])
        return _dt.date(y, 1, 1), _dt.date(y, 6, 30)
    m = re.fullmatch(r"(?:6 thang cuoi(?: nam)?|h2|nua cuoi nam|second half(?: of)?)\s*(?:nam\s*)?(\d{4})", t)
    if m:
        y = int(m[1])
        return _dt.date(y, 7, 1), _dt.date(y, 12, 31)
    m = re.fullmatch(r"(\d{1,2}) thang(?: dau)?(?: nam)?\s*(\d{4})", t) or \
        re.fullmatch(r"first (\d{1,2}) months(?: of)? (\d{4})", t)
    if m and 1 <= int(m[1]) <= 12:
        y, n = int(m[2]), int(m[1])
        return _dt.date(y, 1, 1), month_end(y, n)
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})[/\-](\d{4})", t)
    if m and 1 <= int(m[1]) <= 12:
        y, mo = int(m[2]), int(m[1])
        return _dt.date(y, mo, 1), month_end(y, mo)
    m = re.fullmatch(r"(?:giai doan\s*)?(\d{4})[\-–—](\d{4})", t)
    if m and int(m[1]) <= int(m[2]):
        return _dt.date(int(m[1]), 1, 1), _dt.date(int(m[2]), 12, 31)
    m = re.fullmatch(r"(?:tu\s*)?(.+?)\s*(?:[–—]| - | den |-(?=\d{1,2}/))\s*(.+)", t)
    if m:
        try:
            return _parse_date(m[1]), _parse_date(m[2], end=True)
        except ValueError:
            pass
    d = _parse_date(t)
    return d, d


# --------------------------------------------------------------------------- indicators


def _bundled_indicators() -> pd.DataFrame:
    import pandas as pd

    try:
        from .load import load_indicators

        return load_indicators()
    except ImportError:
        pass
    from ._resources import data_path

    node = data_path("indicators.csv")
    if node.is_file():
        with node.open("r", encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    return pd.DataFrame(columns=["id", "name_vi", "name_en", "unit", "higher_is_better"])


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


# --------------------------------------------------------------------------- reading files


def _damaged(name: str, enc: str, exc: UnicodeDecodeError) -> UserDataError:
    return UserDataError(
        f"Tệp {name} là {enc} nhưng bị hỏng ở byte {exc.start}: hãy lưu lại dưới dạng 'CSV UTF-8' hoặc .xlsx.",
        f"{name} is {enc} but damaged at byte {exc.start}: save it again as 'CSV UTF-8' or .xlsx.",
    )


def _decode_csv(raw: bytes, name: str, notes: list[str]) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _damaged(name, "UTF-8", exc) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append("utf-16")
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _damaged(name, "UTF-16", exc) from None
    sample = raw[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        enc = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        notes.append(enc)
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # many well-formed multi-byte sequences: a UTF-8 file with a damaged spot, not cp1258
        if len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", raw[:200000])) >= 3:
            raise _damaged(name, "UTF-8", exc) from None
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    # cp1258 text is plausible when it decodes and has no C1/control characters
    if text and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text):
        notes.append("cp1258")
        return text
    raise UserDataError(
        f"Không đọc được bảng mã của tệp {name}: không phải UTF-8, UTF-16 hay Windows-1258 "
        "(TCVN3/VNI không được hỗ trợ). Hãy lưu lại dưới dạng 'CSV UTF-8' hoặc .xlsx.",
        f"Cannot read the text encoding of {name}: not UTF-8, UTF-16 or Windows-1258 "
        "(TCVN3/VNI are not supported). Save it as 'CSV UTF-8' or .xlsx.",
    )


def _read_csv(path: Path, notes: list[str]) -> list[_Sheet]:
    raw = path.read_bytes()
    text = _decode_csv(raw, path.name, notes)
    text = unicodedata.normalize("NFC", text)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delim = dialect.delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in ",;\t"}
        delim = max(counts, key=counts.get) if any(counts.values()) else ","
    rows: list[tuple[int, list[Any]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for i, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                rows.append((i, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise UserDataError(
            f"Tệp CSV {path.name} bị hỏng: {exc}.", f"The CSV file {path.name} is malformed: {exc}."
        ) from exc
    return [_Sheet(None, rows)]


_PCT_FMT_IDS = {9, 10}


def _has_percent_styles(path: Path) -> bool:
    """Whether any cell style of the workbook is a percentage format.

    Percent-formatted cells store fractions (19,5% is 0.195); only openpyxl tells us the format,
    so such workbooks are read with it, the others with the much faster calamine reader.
    """
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as zf:
        if "xl/styles.xml" not in zf.namelist():
            return False
        root = ElementTree.fromstring(zf.read("xl/styles.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    percent_ids = set(_PCT_FMT_IDS)
    for fmt in root.iter(f"{ns}numFmt"):
        code = re.sub(r'"[^"]*"|\\.', "", fmt.get("formatCode") or "")
        if "%" in code:
            percent_ids.add(int(fmt.get("numFmtId") or -1))
    xfs = root.find(f"{ns}cellXfs")
    return any(int(xf.get("numFmtId") or 0) in percent_ids for xf in (xfs if xfs is not None else []))


def _choose_sheets(names: list[str], visible: list[bool], sheet: str | int | None) -> list[str]:
    if sheet is None:
        return [n for n, v in zip(names, visible, strict=True) if v]
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise UsageError(f"Không có trang số {sheet}.", f"No sheet number {sheet}.")
        return [names[sheet]]
    if sheet not in names:
        raise UsageError(
            f"Không có trang '{sheet}' (có: {', '.join(names)}).",
            f"No sheet '{sheet}' (sheets: {', '.join(names)}).",
        )
    return [sheet]


def _read_xlsx_fast(path: Path, sheet: str | int | None) -> list[_Sheet]:
    """Read the sheets with python-calamine (fast); row numbers are Excel's, from 1."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    workbook = CalamineWorkbook.from_path(str(path))
    meta = workbook.sheets_metadata
    chosen = _choose_sheets(
        [m.name for m in meta], [m.visible == SheetVisibleEnum.Visible for m in meta], sheet
    )
    out = []
    for name in chosen:
        rows: list[tuple[int, list[Any]]] = []
        for i, cells in enumerate(workbook.get_sheet_by_name(name).to_python(skip_empty_area=False), 1):
            vals: list[Any] = []
            for v in cells:
                if isinstance(v, str):
                    v = unicodedata.normalize("NFC", v).strip() or None
                elif isinstance(v, float) and v.is_integer():
                    v = int(v)
                vals.append(v)
            while vals and vals[-1] is None:
                vals.pop()
            if vals:
                rows.append((i, vals))
        out.append(_Sheet(name, rows))
    return out


def _read_xlsx(path: Path, sheet: str | int | None) -> list[_Sheet]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UserDataError(
            f"Không mở được tệp Excel {path.name} ({type(exc).__name__}). Hãy lưu lại dưới dạng .xlsx.",
            f"Cannot open the Excel file {path.name} ({type(exc).__name__}). Save it again as .xlsx.",
        ) from exc
    try:
        names = wb.sheetnames
        chosen = _choose_sheets(names, [wb[n].sheet_state == "visible" for n in names], sheet)
        out = []
        for name in chosen:
            ws = wb[name]
            rows: list[tuple[int, list[Any]]] = []
            for i, cells in enumerate(ws.iter_rows(), start=1):
                vals = []
                nonempty = False
                for c in cells:
                    v = getattr(c, "value", None)
                    if isinstance(v, float | int) and not isinstance(v, bool):
                        fmt = getattr(c, "number_format", None) or ""
                        if "%" in fmt:
                            v = _Pct(v)
                    elif isinstance(v, str):
                        v = unicodedata.normalize("NFC", v).strip()
                    if v is not None and v != "":
                        nonempty = True
                    vals.append(v)
                if nonempty:
                    rows.append((i, vals))
            out.append(_Sheet(name, rows))
        return out
    finally:
        wb.close()


def _is_zip(path: Path) -> bool:
    import zipfile

    return zipfile.is_zipfile(path)


def _read_any(path: Path, sheet, notes: list[str]) -> list[_Sheet]:
    if not path.exists():
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File not found: {path}.")
    if path.is_dir():
        raise UserDataError(f"{path} là thư mục, không phải tệp.", f"{path} is a folder, not a file.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if _is_zip(path) and not _has_percent_styles(path):
            try:
                return _read_xlsx_fast(path, sheet)
            except (UsageError, UserDataError):
                raise
            except Exception:  # calamine refuses some damaged files that openpyxl still reads
                pass
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, notes)
    if suffix == ".xls":
        raise UserDataError(
            f"Tệp {path.name} là định dạng Excel cũ (.xls): hãy lưu lại dưới dạng .xlsx.",
            f"{path.name} is an old Excel file (.xls): save it as .xlsx.",
        )
    raise UserDataError(
        f"Không đọc được loại tệp '{suffix}' ({path.name}): dùng .xlsx hoặc .csv.",
        f"Unsupported file type '{suffix}' ({path.name}): use .xlsx or .csv.",
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
    return _fold(sheet.name or "") in ("huong dan", "instructions", "readme", "danh muc", "lists")


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

    def cell(f):
        return rec.get(f)

    # period
    start = end = None
    label = ""
    ps, pe, pp = cell("period_start"), cell("period_end"), cell("period")
    try:
        if not _is_missing(ps) or not _is_missing(pe):
            if not _is_missing(ps):
                start = _parse_date(ps)
            if not _is_missing(pe):
                end = _parse_date(pe, end=True)
            start = start or end
            end = end or start
        elif not _is_missing(pp):
            start, end = parse_period(pp)
            label = _text(pp)
    except (ValueError, OverflowError):
        bad = "period_start" if not _is_missing(ps) else ("period_end" if not _is_missing(pe) else "period")
        raise _Reject(cols.get(bad, bad), _text(cell(bad)),
                      "không đọc được ngày/kỳ (vd. 31/12/2024, 2024, Q3/2021, 6 tháng đầu năm 2024).",
                      "cannot read the date/period (e.g. 31/12/2024, 2024, Q3/2021, H1 2024).") from None
    if start is None:
        raise _Reject(cols.get("period", "period"), "", "thiếu kỳ báo cáo (từ ngày/đến ngày hoặc kỳ).",
                      "the period is missing (from/to dates or a period).")
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
            from .provinces import is_code

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
    else:
        raise _Reject(cols.get("province", "province"), "", "thiếu tên tỉnh.", "the province is missing.")
    # indicator
    ind_cell = cell("indicator")
    if _is_missing(ind_cell):
        raise _Reject(cols.get("indicator", "indicator"), "", "thiếu chỉ tiêu.", "the indicator is missing.")
    indicator = _resolve_indicator(_text(ind_cell), ctx, cols.get("indicator", "indicator"))
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
    )
    if out["admin_level"] not in ("province", "agency", "district", "commune"):
        raise _Reject(cols.get("admin_level", "admin_level"), level,
                      "cấp phải là province, agency, district hoặc commune.",
                      "level must be province, agency, district or commune.")
    return out


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


# --------------------------------------------------------------------------- validation


def _validate(obs: pd.DataFrame, ctx: _Ctx, indicators: pd.DataFrame):
    """Run the shared validation (`load.validate_observations`) on the mapped records.

    Returns (accepted positions, [(position, problem dict)]); each problem's reasons are reduced
    to the why-part, the location (sheet, row, column as the user wrote it) is added by the caller.
    """
    from .load import validate_observations

    df = obs.reset_index(drop=True)
    df["_pos"] = range(len(df))
    sources = sorted(set(df["source_id"]))
    accepted, problems = validate_observations(df, file=ctx.file, sheet=None, first_row=0,
                                               indicators=indicators, sources=sources,
                                               check_evidence=False)
    ok = [int(x) for x in accepted["_pos"]]
    accepted = accepted.drop(columns="_pos").reset_index(drop=True)
    out = []
    for p in problems.to_dict("records"):
        try:
            pos = int(p.get("row"))
        except (TypeError, ValueError):
            pos = None
        shown = str(p.get("value", ""))
        column = str(p.get("column", ""))
        for lang, word_row, word_col in (("vi", "dòng", "cột"), ("en", "row", "column")):
            key = f"reason_{lang}"
            text = str(p.get(key, ""))
            prefix = f"{ctx.file}" + (f", {word_row} {pos}" if pos else "") + f", {word_col} {column} = '{shown}': "
            if text.startswith(prefix):
                text = text[len(prefix):]
            p[key] = text
        out.append((pos, p))
    return accepted, ok, out


# --------------------------------------------------------------------------- public API


def read_user_file(path, *, sheet: str | int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the user's .xlsx/.csv file into (observations, rejected, problems).

    observations: accepted rows in the observation schema (plus province_map "63"/"34", source,
    file, sheet, row, column). rejected: every rejected record with its original cells and its
    reason (file, sheet, row, column, value, reason_vi, reason_en first). problems: one row per
    problem found. len(observations) + len(rejected) equals the number of input records (rows in
    long format; non-empty figure cells, or the row itself when it has none, in wide format);
    observations.attrs["input_rows"] holds the number of data rows read.
    Raises UserDataError only for file-level problems (missing, unreadable, wrong encoding, no data).
    """
    import pandas as pd

    p = Path(path)
    notes: list[str] = []
    sheets = _read_any(p, sheet, notes)
    if sheet is not None and p.suffix.lower() in (".xlsx", ".xlsm"):
        # one data sheet chosen: the user's own indicators are still declared on their sheet
        chosen = {sh.name for sh in sheets}
        sheets += [sh for sh in _read_any(p, None, []) if sh.name not in chosen and _is_indicator_sheet(sh)]
    bundled = _bundled_indicators()
    problems: list[dict] = []
    declared: list[dict] = []
    data_sheets = []
    for sh in sheets:
        if _is_skipped_sheet(sh) and sheet is None:
            continue
        if _is_indicator_sheet(sh):
            declared += _declared_indicators(sh, p.name, bundled, problems)
        else:
            data_sheets.append(sh)
    indicators = add_declared_indicators(bundled, declared)
    samples = [c for sh in data_sheets for _, cells in sh.rows[:2000] for c in cells
               if isinstance(c, str) and re.search(r"\d[.,]\d", c)]
    ctx = _Ctx(file=p.name, stem=p.stem, style=_detect_style(samples), indicators=indicators,
               ind_lookup=_indicator_lookup(indicators),
               ind_units=dict(zip(indicators["id"].astype(str), indicators["unit"].astype(str), strict=True))
               if "unit" in indicators else {}, notes=notes)
    records: list[dict] = []
    input_rows = 0
    for sh in data_sheets:
        recs, n = _records(sh, ctx, problems)
        for r in recs:
            r["_sheet"] = sh.name
        records += recs
        input_rows += n
    if not records and not declared:
        raise UserDataError(
            f"Tệp {p.name} không có dòng dữ liệu nào.", f"The file {p.name} has no data rows."
        )
    mapped: list[dict] = []
    rejects: list[tuple[dict, list[tuple[str, str, str, str]]]] = []
    slug = re.sub(r"[^a-z0-9]+", "_", _fold(p.stem)).strip("_")[:20] or "user"
    for r in records:
        if "_reject" in r:
            rejects.append((r, [r["_reject"]]))
            continue
        try:
            obs = _map_record(r, ctx)
        except _Reject as rej:
            rejects.append((r, [(rej.column, _text(rej.value), rej.vi, rej.en)]))
            continue
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            rejects.append((r, [("", "", f"không đọc được dòng ({exc}).", f"cannot read the row ({exc}).")]))
            continue
        obs.update(file=p.name, sheet=r["_sheet"] or "", row=r["_row"],
                   column=r["_cols"].get("value", ""))
        obs["_rec"] = r
        mapped.append(obs)
    for k, obs in enumerate(mapped, start=1):
        obs["obs_id"] = f"u-{slug}-{k:06d}"
        obs["source_id"] = f"user:{slug}"
        obs["paragraph"] = None
    obs_df = _obs_frame(mapped)
    if len(obs_df):
        acc, accepted_pos, vproblems = _validate(obs_df, ctx, indicators)
    else:
        acc, accepted_pos, vproblems = obs_df, [], []
    ok = set(accepted_pos)
    by_pos: dict[int, list[dict]] = {}
    for pos, prob in vproblems:
        if pos is not None:
            by_pos.setdefault(pos, []).append(prob)
    for pos, obs in enumerate(mapped):
        if pos in ok:
            continue
        probs = by_pos.get(pos) or [dict(column="", value="", reason_vi="bị loại khi kiểm tra.",
                                         reason_en="rejected by validation.")]
        cols = obs["_rec"].get("_cols", {})
        reasons = [(cols.get(str(q.get("column", "")), str(q.get("column", ""))), _text(q.get("value")),
                    str(q.get("reason_vi", "")), str(q.get("reason_en", ""))) for q in probs]
        rejects.append((obs["_rec"], reasons))
    rej_rows, prob_rows = [], list(problems)
    for r, reasons in rejects:
        for column, value, vi, en in reasons:
            prob_rows.append(dict(file=p.name, sheet=r.get("_sheet") or "", row=r["_row"],
                                  column=column, value=value, reason_vi=vi, reason_en=en))
        column, value = reasons[0][0], reasons[0][1]
        row = dict(file=p.name, sheet=r.get("_sheet") or "", row=r["_row"], column=column,
                   value=value, reason_vi="; ".join(x[2] for x in reasons),
                   reason_en="; ".join(x[3] for x in reasons))
        prob = row
        for i, c in enumerate(r["_orig"]):
            lab = r["_header"][i] if i < len(r["_header"]) else f"#{i + 1}"
            key = lab if lab not in prob else f"orig:{lab}"
            while key in row:
                key += "'"
            row[key] = _text(c)
        rej_rows.append(row)
    rejected = pd.DataFrame(rej_rows, columns=None if rej_rows else PROBLEM_COLUMNS)
    if len(rejected):
        rejected = rejected.sort_values(["sheet", "row"], kind="stable").reset_index(drop=True)
        rejected = rejected.astype({c: str for c in rejected.columns if c != "row"})
    probs_df = pd.DataFrame(prob_rows, columns=PROBLEM_COLUMNS)
    if len(probs_df):
        probs_df = probs_df.sort_values(["sheet", "row"], kind="stable").reset_index(drop=True)
    acc.attrs = {"input_rows": input_rows, "records": len(acc) + len(rejected), "style": ctx.style,
                 "encoding": notes[0] if notes else "", "declared_indicators": declared}
    return acc, rejected, probs_df


def add_declared_indicators(indicators: pd.DataFrame, declared) -> pd.DataFrame:
    """Return the indicator table plus the user's own indicators.

    `declared` is a list of indicator dicts, or imported frames (from `read_user_file`) whose
    ``attrs["declared_indicators"]`` hold them. Ids already in `indicators` are kept as they are.
    """
    import pandas as pd

    items: list[dict] = []
    for d in declared if isinstance(declared, list | tuple) else [declared]:
        if isinstance(d, dict):
            items.append(d)
        elif hasattr(d, "attrs"):
            items += list(d.attrs.get("declared_indicators", []))
    known = set(indicators["id"].astype(str)) if "id" in indicators else set()
    new = [d for d in items if str(d.get("id")) not in known]
    if not new:
        return indicators
    extra = pd.DataFrame(new).drop_duplicates("id")
    for col in indicators.columns:
        if col not in extra:
            extra[col] = ""
    extra["higher_is_better"] = pd.array(list(extra["higher_is_better"]), dtype="boolean")
    extra = extra[list(indicators.columns)]
    for col in indicators.columns:
        if col != "higher_is_better":
            extra[col] = extra[col].fillna("").astype(indicators[col].dtype)
    return pd.concat([indicators, extra], ignore_index=True)


def _obs_frame(mapped: list[dict]) -> pd.DataFrame:
    import pandas as pd

    cols = OBS_COLUMNS + EXTRA_COLUMNS
    df = pd.DataFrame([{c: m.get(c) for c in cols} for m in mapped], columns=cols)
    for c in ("paragraph", "numerator", "denominator", "value"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    df["row"] = pd.to_numeric(df["row"]).astype("Int64")
    text_cols = [c for c in cols if c not in ("paragraph", "numerator", "denominator", "value",
                                              "period_start", "period_end", "row")]
    for c in text_cols:
        df[c] = df[c].fillna("").astype(str)
    if len(df):
        from .fmt import period_label

        empty = df["period_label"] == ""
        if empty.any():
            df.loc[empty, "period_label"] = [
                period_label(s, e) for s, e in zip(df.loc[empty, "period_start"],
                                                   df.loc[empty, "period_end"], strict=True)]
    return df


def validate_file(path, *, out_dir=None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read and check a user file; write `<stem>.rejected.csv` beside it (or in `out_dir`).

    The CSV is written every time (header only when nothing was rejected), so an old list of
    rejected rows never outlives the fix. Returns (accepted, rejected, problems).
    """
    accepted, rejected, problems = read_user_file(path)
    p = Path(path)
    target_dir = Path(out_dir) if out_dir is not None else p.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{p.stem}.rejected.csv"
    try:
        rejected.to_csv(target, index=False, encoding="utf-8-sig")
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    accepted.attrs["rejected_csv"] = str(target)
    return accepted, rejected, problems


def write_template(path) -> Path:
    """Write the Excel data-entry template (instructions, data sheet with dropdowns, own indicators)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .provinces import load_provinces

    target = Path(path)
    bundled = _bundled_indicators()
    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")

    ins = wb.active
    ins.title = INSTRUCTIONS_SHEET
    lines = [
        ("Mẫu nhập số liệu dịch vụ công trực tuyến (dvc-analysis)", True),
        ("", False),
        (f"1. Nhập mỗi số liệu trên một dòng ở trang '{DATA_SHEET}'. Không đổi tên cột.", False),
        ("2. tỉnh: chọn trong danh sách hoặc gõ tên (có dấu hay không dấu, 'TP.HCM', 'BR-VT' đều được).", False),
        ("   Số liệu trước 1/7/2025 dùng 63 tỉnh cũ; từ 1/7/2025 dùng 34 tỉnh mới (theo cột 'đến ngày').", False),
        ("3. đơn vị: để trống nếu là cả tỉnh; ghi tên sở, ban, huyện, xã nếu số liệu của một đơn vị.", False),
        ("4. chỉ tiêu: chọn mã trong danh sách (bảng dưới đây). Chỉ tiêu riêng của bạn: khai báo ở trang "
         f"'{INDICATOR_SHEET}' (id, tên, đơn vị đo, cao hơn là tốt hơn) rồi dùng id đó.", False),
        ("5. từ ngày, đến ngày: ngày đầu và cuối kỳ (vd. 01/01/2024 và 31/12/2024). Số liệu tại một thời "
         "điểm: hai ngày bằng nhau.", False),
        ("6. tử số, mẫu số, giá trị: ghi số như trong văn bản (1.542 hoặc 99,74%). Tỷ lệ ghi theo %, "
         "từ 0 đến 100. 'trên 1.800' được hiểu là hơn 1.800. Ô trống hoặc '-' là không có số.", False),
        ("7. nguồn: tên văn bản/bài báo, ngày; ghi chú: định nghĩa, phạm vi, lưu ý.", False),
        ("8. Kiểm tra tệp: dvc-analysis validate TEN_TEP.xlsx (các dòng lỗi ghi vào TEN_TEP.rejected.csv).", False),
        ("", False),
        ("Danh mục chỉ tiêu (mã — tên — đơn vị đo):", True),
    ]
    for text, is_bold in lines:
        ins.append([text])
        if is_bold:
            ins.cell(ins.max_row, 1).font = bold
    for row in bundled.itertuples(index=False):
        ins.append([str(row.id), str(getattr(row, "name_vi", "")), str(getattr(row, "unit", ""))])
    ins.column_dimensions["A"].width = 40
    ins.column_dimensions["B"].width = 60

    data = wb.create_sheet(DATA_SHEET)
    data.append(TEMPLATE_HEADERS)
    for i, _ in enumerate(TEMPLATE_HEADERS, start=1):
        c = data.cell(1, i)
        c.font, c.fill = bold, fill
        c.alignment = Alignment(wrap_text=True)
    widths = [22, 24, 30, 13, 13, 12, 12, 12, 30, 30]
    for i, w in enumerate(widths):
        data.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w
    data.freeze_panes = "A2"
    max_row = 5000

    inds = wb.create_sheet(INDICATOR_SHEET)
    inds.append(INDICATOR_HEADERS)
    for i in range(1, len(INDICATOR_HEADERS) + 1):
        inds.cell(1, i).font, inds.cell(1, i).fill = bold, fill
    for i, w in enumerate([24, 40, 40, 14, 18]):
        inds.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w

    lists = wb.create_sheet(LISTS_SHEET)
    names63 = list(load_provinces("63")["name"])
    names34 = [n for n in load_provinces("34")["name"] if n not in names63]
    prov = names63 + names34
    lists.append(["tỉnh", "chỉ tiêu", "đơn vị đo", "có/không"])
    ids = [str(x) for x in bundled["id"]] if "id" in bundled else []
    n_user = 100
    n = max(len(prov), len(ids) + n_user, len(UNITS))
    for i in range(n):
        a = prov[i] if i < len(prov) else None
        if i < len(ids):
            b = ids[i]
        elif i < len(ids) + n_user:
            j = i - len(ids) + 2
            b = f"=IF('{INDICATOR_SHEET}'!A{j}=\"\",\"\",'{INDICATOR_SHEET}'!A{j})"
        else:
            b = None
        c = UNITS[i] if i < len(UNITS) else None
        d = ["có", "không"][i] if i < 2 else None
        lists.append([a, b, c, d])
    lists.sheet_state = "hidden"

    def dv(formula: str, cells: str, sheet, title: str, strict: bool = False) -> None:
        v = DataValidation(type="list", formula1=formula, allow_blank=True)
        v.errorStyle = "stop" if strict else "warning"
        v.showErrorMessage = True
        v.errorTitle = title
        v.error = "Giá trị không có trong danh sách / value not in the list"
        sheet.add_data_validation(v)
        v.add(cells)

    q = f"'{LISTS_SHEET}'"
    dv(f"={q}!$A$2:$A${len(prov) + 1}", f"A2:A{max_row}", data, "tỉnh")
    dv(f"={q}!$B$2:$B${len(ids) + n_user + 1}", f"C2:C{max_row}", data, "chỉ tiêu")
    dv(f"={q}!$C$2:$C${len(UNITS) + 1}", "D2:D500", inds, "đơn vị đo", strict=True)
    dv(f"={q}!$D$2:$D$3", "E2:E500", inds, "cao hơn là tốt hơn")
    wb.active = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(target)
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    return target


__all__ = ["read_user_file", "validate_file", "write_template", "parse_number", "parse_period",
           "add_declared_indicators",
           "OBS_COLUMNS", "MERGER_DATE"]
