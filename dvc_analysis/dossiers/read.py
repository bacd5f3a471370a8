"""Open dossier exports (CSV, XLSX, Parquet; many files at once) as engine views, header found by name.

A header may sit below title lines ("BÁO CÁO DANH SÁCH HỒ SƠ…"): the first of the first 30 rows
naming at least three known fields is the header. CSV and Parquet are scanned by the engine
itself (streamed, never loaded whole into Python); XLSX is read with python-calamine and handed
to the engine as an Arrow table. Every view carries ``__row``: the row number a user sees (the
line of a CSV, the row of a sheet, the position in a Parquet file, from 1).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserDataError
from . import columns

HEADER_SEARCH_ROWS = 30
MIN_FIELDS = 3
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


@dataclass(frozen=True)
class Source:
    """One opened export: its engine view, raw column names and the fields they hold."""

    path: str
    name: str
    kind: str
    view: str
    raw_columns: tuple[str, ...]
    headers: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (field, raw column name)
    header_row: int
    sheet: str = ""

    def column_of(self, field: str) -> str | None:
        return dict(self.fields).get(field)

    def header_of(self, field: str) -> str:
        raw = self.column_of(field)
        if raw is None:
            return field
        return self.headers[self.raw_columns.index(raw)]


def _header_row(rows: Sequence[Sequence[object]], mapping, name: str) -> int:
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = columns.recognise(cells, mapping)
        if len(found) >= MIN_FIELDS:
            return i
    raise UserDataError(
        f"{name}: không thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu (cần ít nhất "
        f"{MIN_FIELDS} cột đã biết, ví dụ 'Mã hồ sơ', 'Ngày tiếp nhận', 'Kênh nộp'); "
        "dùng --columns mapping.csv cho tên cột khác.",
        f"{name}: no header row in the first {HEADER_SEARCH_ROWS} rows (at least {MIN_FIELDS} "
        "known columns needed, e.g. 'maHoSo', 'ngayTiepNhan', 'kenhThucHien'); use "
        "--columns mapping.csv for other names.")


def _fields(headers: Sequence[object], raw: Sequence[str], mapping) -> tuple[tuple[str, str], ...]:
    found = columns.recognise(headers, mapping)
    return tuple((f, raw[i]) for f, i in sorted(found.items(), key=lambda kv: kv[1]))


def _check(path: Path) -> None:
    if not path.exists():
        raise UserDataError(f"Không có tệp {path}.", f"File not found: {path}.")
    if path.suffix.lower() not in SUFFIXES:
        raise UserDataError(
            f"{path.name}: không đọc được loại tệp này (cần .csv, .xlsx hoặc .parquet).",
            f"{path.name}: unsupported file type (.csv, .xlsx or .parquet needed).")


def _open_csv(path: Path, view: str, engine, mapping) -> Source:
    with open(path, "rb") as handle:
        raw = handle.read(1 << 16)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 4:  # not a character cut at the end of the sample
            raise UserDataError(
                f"{path.name}: tệp CSV không phải UTF-8 (byte {exc.start}); hãy lưu lại dạng "
                "'CSV UTF-8'.",
                f"{path.name}: the CSV is not UTF-8 (byte {exc.start}); save it as 'CSV UTF-8'.",
            ) from None
        text = raw[: exc.start].decode("utf-8-sig")
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    sample = "\n".join(lines)
    delim = max((",", ";", "\t", "|"), key=sample.count)
    rows = list(csv.reader(io.StringIO(sample), delimiter=delim))
    h = _header_row(rows, mapping, path.name)
    headers = [unicodedata.normalize("NFC", c).strip() for c in rows[h]]
    engine.read_csv(view, str(path), skip=h, delim=delim, first_line=h + 1)
    raw_cols = [c for c in engine.schema(view) if c != "__row"]
    if len(raw_cols) != len(headers):
        headers = (headers + raw_cols[len(headers):])[: len(raw_cols)]
    return Source(str(path), path.name, "csv", view, tuple(raw_cols), tuple(headers),
                  _fields(headers, raw_cols, mapping), h + 1)


def _open_parquet(path: Path, view: str, engine, mapping) -> Source:
    engine.read_parquet(view, str(path))
    raw_cols = [c for c in engine.schema(view) if c != "__row"]
    fields = _fields(raw_cols, raw_cols, mapping)
    if not fields:
        _header_row([raw_cols], mapping, path.name)
    return Source(str(path), path.name, "parquet", view, tuple(raw_cols), tuple(raw_cols), fields, 0)


def _arrow_column(values: Sequence):
    """One sheet column as an Arrow array: native types when the column has one, text otherwise."""
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        pass
    cleaned = [None if v == "" else v for v in values]  # empty cells come back as ""
    try:
        return pa.array(cleaned)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        pass

    def as_text(v):
        if v is None:
            return None
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, _dt.datetime):
            return v.isoformat(sep=" ")
        return str(v)

    return pa.array([as_text(v) for v in cleaned], type=pa.string())


def read_xlsx_rows(path: Path) -> tuple[str, list[list]]:
    """(sheet name, rows) of the first visible sheet holding data; row i is sheet row i + 1."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise UserDataError(f"{path.name}: không mở được tệp Excel ({exc}).",
                            f"{path.name}: cannot open the workbook ({exc}).") from None
    for meta in book.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible:
            continue
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        if any(any(c not in ("", None) for c in r) for r in rows[:HEADER_SEARCH_ROWS]):
            return meta.name, rows
    raise UserDataError(f"{path.name}: không có trang tính nào có dữ liệu.",
                        f"{path.name}: no sheet holds data.")


def _open_xlsx(path: Path, view: str, engine, mapping) -> Source:
    import pyarrow as pa
    import pyarrow.compute as pc

    sheet, rows = read_xlsx_rows(path)
    top = [[unicodedata.normalize("NFC", c).strip() if isinstance(c, str) else c for c in r]
           for r in rows[:HEADER_SEARCH_ROWS]]
    h = _header_row(top, mapping, f"{path.name} [{sheet}]")
    headers = [str(c).strip() if c not in (None, "") else "" for c in top[h]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    raw_cols = [f"c{i}" for i in range(width)]
    data = rows[h + 1:]
    # columns straight from the rows (C-level transpose); Arrow reads each in one call
    columns_ = list(zip(*data, strict=False))[:width] if data else []
    arrays = [_arrow_column(col) for col in columns_]
    arrays += [pa.nulls(len(data), pa.string()) for _ in range(width - len(arrays))]
    arrays.append(pa.array(range(h + 2, h + 2 + len(data)), type=pa.int64()))
    table = pa.Table.from_arrays(arrays, names=[*raw_cols, "__row"])
    # rows with no value at all (sheet formatting below the data) are not records
    empty = None
    for arr in arrays[:-1]:
        blank = pc.is_null(arr)
        if pa.types.is_string(arr.type):
            blank = pc.or_kleene(blank, pc.equal(pc.utf8_trim_whitespace(arr), ""))
        blank = pc.fill_null(blank, True)
        empty = blank if empty is None else pc.and_(empty, blank)
    if empty is not None:
        table = table.filter(pc.invert(empty))
    engine.register_arrow(view, table)
    return Source(str(path), path.name, "xlsx", view, tuple(raw_cols), tuple(headers),
                  _fields(headers, raw_cols, mapping), h + 1, sheet)


def open_sources(paths: Sequence[str | Path], engine, mapping: Mapping[str, str] | None = None,
                 progress=None) -> list[Source]:
    """Open every export as a view of `engine`; raise UserDataError naming the file on failure.

    Parameters
    ----------
    paths
        CSV, XLSX or Parquet files (one per month or per agency is fine).
    engine
        A `dvc_analysis.dossiers.engine` engine.
    mapping
        Extra header → field names (from `columns.read_mapping`).
    progress
        Callable taking one message, or None.

    Returns
    -------
    list of Source
    """
    if not paths:
        raise UserDataError("Chưa có tệp hồ sơ nào.", "No dossier file given.")
    out = []
    for i, item in enumerate(paths):
        remote = getattr(engine.dialect, "name", "") == "spark" and ("://" in str(item) or "*" in str(item))
        if remote:  # a cluster path or a glob: Spark reads it, Parquet only
            view = f"raw_{i}"
            engine.read_parquet(view, str(item))
            raw_cols = [c for c in engine.schema(view) if c != "__row"]
            out.append(Source(str(item), str(item).rsplit("/", 1)[-1], "parquet", view,
                              tuple(raw_cols), tuple(raw_cols), _fields(raw_cols, raw_cols, mapping), 0))
            continue
        path = Path(item)
        _check(path)
        suffix = path.suffix.lower()
        view = f"raw_{i}"
        if progress:
            progress(f"đọc / reading {path.name}")
        if suffix in (".parquet", ".pq"):
            out.append(_open_parquet(path, view, engine, mapping))
        elif suffix in (".xlsx", ".xlsm"):
            out.append(_open_xlsx(path, view, engine, mapping))
        else:
            out.append(_open_csv(path, view, engine, mapping))
    return out
