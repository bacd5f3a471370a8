"""Read CSV and Excel files into sheets of cells."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._inputguard import check_package, check_regular_file, limits, too_many_rows
from .._legacyenc import decode_utf32, legacy_error, sniff_legacy
from ..errors import DvcError, UsageError, UserDataError
from .cells import _Pct


@dataclass
class _Sheet:
    name: str | None
    rows: list[tuple[int, list[Any]]]  # (1-based row number, cells)


# --------------------------------------------------------------------------- reading files


def _damaged(name: str, enc: str, exc: UnicodeDecodeError) -> UserDataError:
    return UserDataError(
        f"Tệp {name} là {enc} nhưng bị hỏng ở byte {exc.start}: hãy lưu lại dưới dạng 'CSV UTF-8' hoặc .xlsx.",
        f"{name} is {enc} but damaged at byte {exc.start}: save it again as 'CSV UTF-8' or .xlsx.",
    )


def _decode_csv(raw: bytes, name: str, notes: list[str]) -> str:
    wide = decode_utf32(raw)  # before UTF-16: a UTF-32 byte-order mark starts like UTF-16's
    if wide is not None:
        notes.append(wide[1])
        return wide[0]
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
    legacy = sniff_legacy(raw)  # VNI/TCVN3 decode as Windows-1258 too, into garbled words
    if legacy:
        raise legacy_error(name, legacy)
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
    lim = limits()
    raw = path.read_bytes()
    text = _decode_csv(raw, path.name, notes)
    text = unicodedata.normalize("NFC", text)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delim = dialect.delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in ",;\t|"}
        delim = max(counts, key=counts.get) if any(counts.values()) else ","
    rows: list[tuple[int, list[Any]]] = []
    # a long cell rejects its row (see _records), not the whole file
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for i, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                rows.append((i, [c.strip() for c in cells]))
                if len(rows) > lim.rows + 15:  # + title and header lines
                    raise too_many_rows(path, len(rows), lim)
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
    check_regular_file(path)  # no pipes or devices; size limit
    try:
        sheets = _read_checked(path, sheet, notes)
    except (DvcError, MemoryError):
        raise
    except Exception as exc:  # a damaged file the checks did not catch: name it, not a traceback
        raise UserDataError(
            f"Tệp {path.name} bị hỏng, không đọc được ({type(exc).__name__}: {str(exc)[:120]}).",
            f"File {path.name} is damaged and cannot be read ({type(exc).__name__}: {str(exc)[:120]}).",
        ) from exc
    lim = limits()
    if sum(len(sh.rows) for sh in sheets) > lim.rows + 15 * len(sheets):
        raise too_many_rows(path, sum(len(sh.rows) for sh in sheets), lim)
    return sheets


def _read_checked(path: Path, sheet, notes: list[str]) -> list[_Sheet]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_package(path, "xlsx")  # password, damaged part, zip bomb, entities, row count
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
