"""Input limits and file checks: regular files only, sizes, zip packages (xlsx/docx) inspected.

Runs before any reader touches a user's file, so that a named pipe, a device, a zip bomb, a
password-protected workbook, a damaged part or an XML entity trick is refused with one sentence
naming the file and the cause, instead of hanging, exhausting memory or failing deep in a reader.
Limits are configurable through environment variables (see `Limits`).
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from .errors import UserDataError

_MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .xls/.doc files
_REQUIRED = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}


@dataclass(frozen=True)
class Limits:
    """Input limits; each one can be set by its environment variable.

    file_mb (``DVC_MAX_FILE_MB``, 100): size of one input file. unpacked_mb
    (``DVC_MAX_UNPACKED_MB``, 500): total unpacked size of an xlsx/docx. ratio
    (``DVC_MAX_ZIP_RATIO``, 200): unpacked/packed size of one part larger than 1 MB.
    cell_chars (``DVC_MAX_CELL_CHARS``, 32000): characters in one cell (Excel holds at most 32.767;
    the xlsx readers cut a longer cell there, so the limit sits below it to catch such a cell).
    rows (``DVC_MAX_ROWS``, 200000): data rows in one file.
    """

    file_mb: float = 100
    unpacked_mb: float = 500
    ratio: float = 200
    cell_chars: int = 32000
    rows: int = 200_000


_ENV = {"file_mb": "DVC_MAX_FILE_MB", "unpacked_mb": "DVC_MAX_UNPACKED_MB", "ratio": "DVC_MAX_ZIP_RATIO",
        "cell_chars": "DVC_MAX_CELL_CHARS", "rows": "DVC_MAX_ROWS"}


def limits() -> Limits:
    """The limits in force: defaults overridden by the environment variables named in `Limits`.

    Returns
    -------
    Limits
        Frozen record of the limits.

    Examples
    --------
    >>> limits().cell_chars >= 1
    True
    """
    values = {}
    for name, var in _ENV.items():
        raw = os.environ.get(var, "").strip()
        if not raw:
            continue
        try:
            number = float(raw)
        except ValueError:
            continue
        if number > 0:
            values[name] = int(number) if name in ("cell_chars", "rows") else number
    return Limits(**values)


def _refuse(path: Path, vi: str, en: str) -> UserDataError:
    return UserDataError(f"Tệp {path.name}: {vi}", f"File {path.name}: {en}")


def check_regular_file(path: str | Path, *, lim: Limits | None = None) -> int:
    """Refuse anything but an existing regular file within the size limit; return its size.

    Symbolic links are followed to a regular file only; a named pipe, a device or a socket is
    refused without being opened (opening a pipe would wait forever for a writer).

    Parameters
    ----------
    path : str or Path
        The input file.
    lim : Limits, optional
        Limits to apply (default `limits()`).

    Returns
    -------
    int
        Size in bytes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as fh:
    ...     check_regular_file(fh.name)
    0
    """
    path = Path(path)
    lim = lim or limits()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File not found: {path}.") from None
    except OSError as exc:
        raise UserDataError(f"Không đọc được tệp {path} ({exc.strerror}).",
                            f"Cannot read file {path} ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise UserDataError(f"{path} là thư mục, không phải tệp.", f"{path} is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        kind_vi, kind_en = (("đường ống (FIFO)", "a named pipe (FIFO)") if stat.S_ISFIFO(info.st_mode)
                            else ("thiết bị hoặc socket", "a device or socket"))
        raise _refuse(path, f"là {kind_vi}, không phải tệp thường; chỉ đọc tệp thường.",
                      f"is {kind_en}, not a regular file; only regular files are read.")
    if info.st_size > lim.file_mb * _MB:
        raise _refuse(path, f"lớn {info.st_size / _MB:.0f} MB, quá giới hạn {lim.file_mb:g} MB "
                            "(đặt DVC_MAX_FILE_MB để đổi).",
                      f"is {info.st_size / _MB:.0f} MB, over the {lim.file_mb:g} MB limit "
                      "(set DVC_MAX_FILE_MB to change it).")
    return info.st_size


def _no_doctype(*_args) -> None:
    raise ValueError("DOCTYPE")


def _scan_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> int:
    """Stream one XML part through expat: size as declared, well-formed, no DOCTYPE/entities.

    Returns the number of ``<row`` elements seen (a sheet's rows, counted without parsing them).
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    seen = rows = 0
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            rows += chunk.count(b"<row ") + chunk.count(b"<row>")
            seen += len(chunk)
            budget[0] -= len(chunk)
            if seen > info.file_size or budget[0] < 0:
                raise OverflowError(info.filename)
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return rows


def check_package(path: str | Path, kind: str, *, lim: Limits | None = None) -> None:
    """Inspect an .xlsx or .docx before a reader opens it; refuse it with the cause named.

    Checks, in order: a regular file within the size limit; a password-protected (encrypted)
    file or an old binary .xls/.doc; a readable zip; the main part (`xl/workbook.xml`,
    `word/document.xml`) present; the declared unpacked size and compression ratio; then every
    XML part is streamed (CRC checked by zipfile, well-formedness by expat, sizes counted as read
    so a part lying about its size is caught) with DOCTYPE and entity declarations refused.

    Parameters
    ----------
    path : str or Path
        The file.
    kind : {"xlsx", "docx"}
        Which package the file must be.
    lim : Limits, optional
        Limits to apply (default `limits()`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> _ = bad.write_bytes(b"not a zip")
    >>> try:
    ...     check_package(bad, "xlsx")
    ... except UserDataError as exc:
    ...     print(exc.en)
    File x.xlsx: is not a valid Excel .xlsx file (not a zip package); save it again as .xlsx.
    """
    path = Path(path)
    lim = lim or limits()
    check_regular_file(path, lim=lim)
    label_vi, label_en = ("Excel .xlsx", "Excel .xlsx") if kind == "xlsx" else ("Word .docx", "Word .docx")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        if _ole_encrypted(path):
            raise _refuse(path, "được bảo vệ bằng mật khẩu (mã hóa); hãy mở bằng Excel/Word, bỏ mật "
                                "khẩu (Tệp > Thông tin > Bảo vệ) rồi lưu lại.",
                          "is protected by a password (encrypted); open it in Excel/Word, remove "
                          "the password (File > Info > Protect) and save it again.")
        raise _refuse(path, f"là định dạng Office cũ (.xls/.doc) chứ không phải {label_vi}; hãy lưu lại "
                            f"dưới dạng .{kind}.",
                      f"is an old Office format (.xls/.doc), not {label_en}; save it again as .{kind}.")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(path, f"không phải tệp {label_vi} (không phải gói zip); hãy lưu lại dưới dạng .{kind}.",
                      f"is not a valid {label_en} file (not a zip package); save it again as .{kind}.") from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if any(i.flag_bits & 0x1 for i in infos):
            raise _refuse(path, "có phần được mã hóa (mật khẩu); hãy bỏ mật khẩu rồi lưu lại.",
                          "has encrypted parts (a password); remove the password and save it again.")
        if _REQUIRED[kind] not in names:
            raise _refuse(path, f"thiếu phần chính {_REQUIRED[kind]}: tệp hỏng hoặc không phải {label_vi}.",
                          f"lacks its main part {_REQUIRED[kind]}: damaged or not a valid {label_en} file.")
        total = sum(i.file_size for i in infos)
        if total > lim.unpacked_mb * _MB:
            raise _refuse(path, f"giải nén ra {total / _MB:.0f} MB, quá giới hạn {lim.unpacked_mb:g} MB "
                                "(đặt DVC_MAX_UNPACKED_MB để đổi).",
                          f"unpacks to {total / _MB:.0f} MB, over the {lim.unpacked_mb:g} MB limit "
                          "(set DVC_MAX_UNPACKED_MB to change it).")
        for i in infos:
            if i.file_size > _MB and i.file_size > lim.ratio * max(i.compress_size, 1):
                raise _refuse(path, f"phần {i.filename} nén với tỷ lệ {i.file_size / max(i.compress_size, 1):.0f}:1, "
                                    f"quá giới hạn {lim.ratio:g}:1 (nghi là bom zip; đặt DVC_MAX_ZIP_RATIO để đổi).",
                              f"part {i.filename} is compressed {i.file_size / max(i.compress_size, 1):.0f}:1, "
                              f"over the {lim.ratio:g}:1 limit (a zip bomb?; set DVC_MAX_ZIP_RATIO to change it).")
        budget = [int(lim.unpacked_mb * _MB)]
        for i in infos:
            if not i.filename.endswith((".xml", ".rels")):
                continue
            try:
                rows = _scan_xml(zf, i, budget)
            except OverflowError:
                raise _refuse(path, f"phần {i.filename} lớn hơn kích thước khai báo hoặc giới hạn giải nén.",
                              f"part {i.filename} is larger than declared or than the unpacked limit.") from None
            except ValueError as exc:
                if str(exc) == "DOCTYPE":
                    raise _refuse(path, f"phần {i.filename} có khai báo DOCTYPE/thực thể XML, không được phép "
                                        "trong tệp Office; tệp bị từ chối.",
                                  f"part {i.filename} declares a DOCTYPE/XML entities, which Office files "
                                  "never do; the file is refused.") from None
                raise _damaged(path, i.filename, exc) from None
            except (zipfile.BadZipFile, expat.ExpatError, EOFError, OSError) as exc:
                raise _damaged(path, i.filename, exc) from None
            except Exception as exc:  # zlib.error and other decompression failures
                raise _damaged(path, i.filename, exc) from None
            if rows > lim.rows + 15:  # + title and header lines
                raise too_many_rows(path, rows, lim)


def _damaged(path: Path, part: str, exc: Exception) -> UserDataError:
    cause = str(exc).split("\n")[0][:120]
    return _refuse(path, f"phần {part} bị hỏng ({cause}); hãy mở bằng Excel/Word và lưu lại.",
                   f"part {part} is damaged ({cause}); open it in Excel/Word and save it again.")


def _ole_encrypted(path: Path) -> bool:
    """An OLE compound file holding an encrypted OOXML package names its streams in UTF-16."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    return "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head


#: years a figure may refer to; outside them a date is a typo (01/01/0224) or a placeholder
YEARS = (2000, 2100)


def year_problem(year: int) -> tuple[str, str] | None:
    """(vi, en) reason when `year` is outside `YEARS`, else None.

    Examples
    --------
    >>> year_problem(2024) is None, year_problem(224)[1]
    (True, 'year 224 is outside 2000–2100 (a typo?).')
    """
    if YEARS[0] <= year <= YEARS[1]:
        return None
    return (f"năm {year} nằm ngoài khoảng {YEARS[0]}–{YEARS[1]} (gõ nhầm?).",
            f"year {year} is outside {YEARS[0]}–{YEARS[1]} (a typo?).")


def check_cells(cells: list, lim: Limits) -> int | None:
    """Index of the first text cell longer than ``lim.cell_chars`` characters, else None."""
    for i, c in enumerate(cells):
        if isinstance(c, str) and len(c) > lim.cell_chars:
            return i
    return None


def too_many_rows(path: str | Path, rows: int, lim: Limits) -> UserDataError:
    """The refusal for a file with more data rows than ``lim.rows``."""
    path = Path(path)
    return _refuse(path, f"có hơn {lim.rows:,} dòng, quá giới hạn (đặt DVC_MAX_ROWS để đổi, hoặc tách tệp).".replace(",", "."),
                   f"has more than {lim.rows:,} rows, over the limit (set DVC_MAX_ROWS to change it, "
                   "or split the file).")


__all__ = ["YEARS", "year_problem", "Limits", "limits", "check_regular_file", "check_package", "check_cells", "too_many_rows"]
