"""Safe outputs: formula-neutral CSV, atomic files and folders, output locks, overwrite guards.

Every file the package writes for a person to open goes through here, so that an interrupted,
failed or concurrent run leaves either the previous complete output or the new one, and text
from a third party's document never turns into a spreadsheet formula.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import ctypes.util
import io
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DvcError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: first characters that make Excel, LibreOffice or Sheets read a text cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a number written as text ("-5", "+84 912", "-1,5%") is left as it is (OWASP: numbers untouched)
_NUMBER_TEXT = re.compile(r"[+\-]?\d[\d.,\s\u00a0]*%?")
#: names a report folder holds; a folder with only these (and hidden files) is swapped whole
REPORT_ENTRIES = frozenset({"README.txt", "report.html", "report.docx", "figures", "tables"})


class OutputBusyError(DvcError):
    """Another run is writing into the same output folder."""

    exit_code = 1


# --------------------------------------------------------------------------- formula text


def neutralise(value: Any) -> Any:
    """Return `value` with a leading ``'`` when it is text that a spreadsheet would run.

    Parameters
    ----------
    value : Any
        A cell value; only ``str`` values are changed.

    Returns
    -------
    Any
        ``"'" + value`` for text starting with ``= + - @``, a tab or a carriage return that is not
        a number written as text; every other value unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("-5"), neutralise(-5), neutralise("-")
    ("'=HYPERLINK(1)", '-5', -5, '-')
    """
    if (isinstance(value, str) and value[:1] in FORMULA_START and value != "-"
            and not _NUMBER_TEXT.fullmatch(value)):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `df` whose text cells (and column names) pass through `neutralise`.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table about to be written to CSV.

    Returns
    -------
    pandas.DataFrame
        The same shape and dtypes; object and string columns neutralised.

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise_frame(pd.DataFrame({"a": ["=1+2", "x"]}))["a"].tolist()
    ["'=1+2", 'x']
    """
    out = df.copy()
    for col in _text_columns(out):
        out[col] = out[col].map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _text_columns(df: pd.DataFrame) -> list:
    import pandas as pd

    return [c for c in df.columns if df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype)]


def _has_bare_cr(df: pd.DataFrame) -> bool:
    return any(isinstance(v, str) and "\r" in v for c in _text_columns(df) for v in df[c].to_numpy())


def write_csv(df: pd.DataFrame, path: str | Path, **to_csv: Any) -> Path:
    """Write `df` as UTF-8 (with BOM) CSV, formula text neutralised, atomically.

    When a cell holds a bare carriage return every field is quoted (the csv module quotes only
    the line terminator's characters), so no reader splits a record inside a cell. The file appears
    complete or not at all.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; the index is not written.
    path : str or Path
        Target file.
    **to_csv
        Passed on to ``DataFrame.to_csv`` (e.g. ``date_format``, ``float_format``).

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_csv(pd.DataFrame({"a": ["@SUM(1)"]}), p).read_text("utf-8-sig").splitlines()[1]
    "'@SUM(1)"
    """
    safe = neutralise_frame(df)
    options = {"index": False, "encoding": "utf-8-sig", **to_csv}
    if _has_bare_cr(safe):  # csv quotes only the line terminator's characters: quote every field
        options["quoting"] = csv.QUOTE_ALL
    buffer = io.StringIO()
    encoding = options.pop("encoding")
    safe.to_csv(buffer, **options)
    return write_bytes_atomic(path, buffer.getvalue().encode(encoding))


# xlsxwriter options for every workbook the package writes: text that looks like a formula stays text
XLSX_TEXT_OPTIONS = {"strings_to_formulas": False}


def xlsx_text_needs_guard(value: Any) -> bool:
    """Whether a text cell written to .xlsx should carry Excel's quote prefix (text, not formula)."""
    return isinstance(value, str) and neutralise(value) is not value


# --------------------------------------------------------------------------- atomic files


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> write_bytes_atomic(p, b"ok").read_bytes()
    b'ok'
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it goes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("ok")
    >>> p.read_text()
    'ok'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- output lock


def _lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def lock_wait_seconds() -> float:
    """Seconds a second run waits for the output folder (``DVC_LOCK_WAIT``, default 5)."""
    try:
        return max(0.0, float(os.environ.get("DVC_LOCK_WAIT", "5")))
    except ValueError:
        return 5.0


@contextlib.contextmanager
def output_lock(out: str | Path, *, wait: float | None = None) -> Iterator[Path]:
    """Hold an exclusive lock on output folder `out` (a hidden ``.<name>.lock`` beside it).

    A second run waits up to `wait` seconds (``DVC_LOCK_WAIT``, default 5), then refuses with
    `OutputBusyError` naming the folder and the other run's process id. The lock is the kernel's
    (``flock``): it goes with the process, even when the process is killed.

    Parameters
    ----------
    out : str or Path
        The output folder (it need not exist yet).
    wait : float, optional
        Seconds to wait for another run to finish.

    Returns
    -------
    Iterator[Path]
        Yields the lock file's path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with output_lock(pathlib.Path(tempfile.mkdtemp()) / "reports") as lock:
    ...     lock.name
    '.reports.lock'
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    path = _lock_path(out)
    wait = lock_wait_seconds() if wait is None else wait
    deadline = time.monotonic() + wait
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: an exclusive create stands in for flock
        fcntl = None
    while True:
        if fcntl is None:  # pragma: no cover
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
                break
            except FileExistsError:
                fd = -1
        else:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                # the holder may have removed the file between our open and our lock
                if os.path.exists(path) and os.fstat(fd).st_ino == os.stat(path).st_ino:
                    break
            except BlockingIOError:
                pass
            os.close(fd)
        if time.monotonic() >= deadline:
            raise OutputBusyError(
                f"Một lần chạy khác (tiến trình {_holder(path)}) đang ghi vào thư mục {out}; "
                "hãy đợi nó xong hoặc chọn --out khác.",
                f"Another run (process {_holder(path)}) is writing into folder {out}; wait for it "
                "to finish or choose another --out.",
            )
        time.sleep(0.1)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"


# --------------------------------------------------------------------------- staged folder


def _stale(out: Path) -> list[Path]:
    prefix_new, prefix_old = f".{out.name}.new-", f".{out.name}.old-"
    try:
        return [p for p in out.parent.iterdir() if p.name.startswith((prefix_new, prefix_old))]
    except OSError:
        return []


def recover(out: str | Path) -> None:
    """Undo what an interrupted commit left: restore the previous set, drop half-built ones.

    Call it only while holding `output_lock(out)`.
    """
    out = Path(out)
    stale = _stale(out)
    olds = sorted(p for p in stale if p.name.startswith(f".{out.name}.old-"))
    if not out.exists() and olds:
        os.rename(olds[-1], out)  # killed between the two renames of a non-exchange swap
    for p in _stale(out):
        shutil.rmtree(p, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _swappable(out: Path, stage: Path) -> bool:
    ours = REPORT_ENTRIES | {p.name for p in stage.iterdir()}
    return all(p.name in ours or p.name.startswith(".") for p in out.iterdir())


def _commit(stage: Path, out: Path) -> None:
    if not out.exists():
        os.rename(stage, out)
        return
    if out.is_dir() and _swappable(out, stage):
        for hidden in out.iterdir():  # keep the user's hidden files (e.g. .gitignore)
            if hidden.name.startswith(".") and not (stage / hidden.name).exists():
                shutil.move(str(hidden), str(stage / hidden.name))
        if _exchange(stage, out):
            shutil.rmtree(stage, ignore_errors=True)  # now holds the previous set
            return
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.rename(out, old)
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    _commit_per_file(stage, out)


def _commit_per_file(stage: Path, out: Path) -> None:
    """Folder shared with other files: replace ours one by one, README.txt removed first and
    written last, so a set without README.txt is recognisably incomplete."""
    readme = out / "README.txt"
    with contextlib.suppress(FileNotFoundError):
        readme.unlink()
    new = {p.relative_to(stage) for p in stage.rglob("*") if p.is_file()}
    for sub in ("figures", "tables"):  # files of the previous run that this run did not make
        for p in (out / sub).rglob("*") if (out / sub).is_dir() else []:
            if p.is_file() and p.relative_to(out) not in new:
                p.unlink()
    for rel in sorted(new, key=lambda r: (r.as_posix() == "README.txt", r.as_posix())):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / rel, target)
    shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def staged_folder(out: str | Path) -> Iterator[Path]:
    """Yield an empty folder beside `out` to build into; on success it becomes `out`.

    The previous contents of `out` stay untouched until the build has finished; then the new
    folder takes its place in one step (an atomic exchange on Linux). When `out` also holds files
    of its own, the report's files are replaced one by one instead, README.txt last. On any
    exception (Ctrl-C included) the half-built folder is removed and `out` is left as it was.
    Use it inside `output_lock(out)`.

    Parameters
    ----------
    out : str or Path
        Final output folder.

    Returns
    -------
    Iterator[Path]
        Yields the staging folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "reports"
    >>> with staged_folder(out) as stage:
    ...     _ = (stage / "README.txt").write_text("x")
    >>> sorted(p.name for p in out.iterdir())
    ['README.txt']
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    mode = out.stat().st_mode & 0o7777 if out.is_dir() else 0o777 & ~_umask()
    os.chmod(stage, mode)  # mkdtemp's private 0700 would otherwise become the report's
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _commit(stage, out)


# --------------------------------------------------------------------------- overwrite guard


def csv_header(path: str | Path) -> list[str]:
    """Column names on the first line of a CSV file ([] when unreadable)."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return next(csv.reader([fh.readline()]), [])
    except (OSError, UnicodeDecodeError, StopIteration):
        return []


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def guard_output(target: str | Path, *, inputs: Sequence[str | Path] = (), force: bool = False,
                 ours: Callable[[Path], bool] | None = None, option: str = "--out") -> Path:
    """Refuse an output path that would destroy something; called before any work is done.

    Refused: a folder (a file name is needed), one of the `inputs` (always, even with
    `force`), and an existing file that `ours` does not recognise as an earlier output of the
    same command, unless `force`.

    Parameters
    ----------
    target : str or Path
        The output file.
    inputs : sequence of paths
        The command's input files.
    force : bool
        Allow overwriting an existing file that is not an input.
    ours : callable, optional
        ``ours(path) -> bool``: the existing file is an earlier output of this command.
    option : str
        How the user named the target, for the message.

    Returns
    -------
    Path
        `target` as a Path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> guard_output(pathlib.Path(tempfile.mkdtemp()) / "new.csv").name
    'new.csv'
    """
    target = Path(target)
    if target.is_dir() or str(target).endswith(("/", os.sep)):
        raise UsageError(
            f"{option} {target} là một thư mục; hãy cho tên tệp (vd. {target / 'ket_qua.csv'}).",
            f"{option} {target} is a folder; give a file name (e.g. {target / 'result.csv'}).",
        )
    for item in inputs:
        if _same_file(target, Path(item)) or Path(os.path.abspath(target)) == Path(os.path.abspath(item)):
            raise UsageError(
                f"{option} {target} trùng với tệp đầu vào: sẽ ghi đè lên chính dữ liệu gốc. Hãy chọn tên khác.",
                f"{option} {target} is the input file itself: it would overwrite the source. "
                "Choose another name.",
            )
    if target.exists() and not force and not (ours is not None and ours(target)):
        raise UsageError(
            f"Tệp {target} đã có và không phải kết quả cũ của lệnh này; thêm --force để ghi đè.",
            f"File {target} already exists and is not an earlier output of this command; add "
            "--force to overwrite it.",
        )
    return target


__all__ = ["FORMULA_START", "OutputBusyError", "neutralise", "neutralise_frame", "write_csv",
           "xlsx_text_needs_guard", "XLSX_TEXT_OPTIONS", "write_bytes_atomic", "atomic_path", "output_lock", "recover",
           "staged_folder", "guard_output", "csv_header", "lock_wait_seconds"]
