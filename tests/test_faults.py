"""Faults and hostile input: interrupted and concurrent reports, hostile files, formula text.

The report tests run the real command in a subprocess and interrupt it at points drawn from a
fixed seed; afterwards the output folder must hold one complete set of files (byte for byte the
previous one or the new one) and no process of the run may be left.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dvc_analysis.errors import UserDataError
from dvc_analysis.importer import read_user_file, validate_file

HEADER = ["tỉnh", "chỉ tiêu", "từ ngày", "đến ngày", "giá trị", "nguồn"]
GOOD = ["Đà Nẵng", "on_time_rate", "01/01/2024", "31/12/2024", "99,5%", "báo cáo"]
FORMULAS = ["=1+2", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\")"]
NOT_FORMULAS = ["-5", "+84 912 345", "-1,5%", "-", "văn bản", "a\rb", "dòng 1\ndòng 2"]


def _cli(*args: str, timeout: float = 120, env: dict | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "dvc_analysis", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, cwd=cwd)


def _csv_file(path: Path, rows: list[list[str]], header=HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _xlsx_file(path: Path, rows: list[list], header=HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _rezip(src: Path, dst: Path, *, drop=(), replace=None, extra=None) -> Path:
    """Copy an xlsx with parts dropped, replaced ({name: bytes}) or added."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _refusal(path: Path) -> UserDataError:
    with pytest.raises(UserDataError) as info:
        read_user_file(path)
    assert path.name in info.value.vi and path.name in info.value.en
    return info.value


# --------------------------------------------------------------------------- hostile files


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    good = _xlsx_file(tmp_path / "good.xlsx", [GOOD])
    bomb = tmp_path / "bomb.xlsx"
    _rezip(good, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/pad.xml", "w") as fh:
        for _ in range(64):  # 64 MB of zeros packs into about 64 KB
            fh.write(b"\0" * (1 << 20))
    assert bomb.stat().st_size < 1_000_000
    exc = _refusal(bomb)
    assert "zip bomb" in exc.en and "xl/media/pad.xml" in exc.en


def test_huge_string_is_refused_by_the_unpacked_limit(tmp_path, monkeypatch):
    good = _xlsx_file(tmp_path / "good.xlsx", [["Đà Nẵng", "on_time_rate", "2024", "", "X", ""]])
    part = "xl/worksheets/sheet1.xml"  # this writer keeps strings inline; Excel's go to sharedStrings
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read(part)
    big = sheet.replace(b">X<", b">" + b"A" * (30 << 20) + b"<")
    hostile = _rezip(good, tmp_path / "huge.xlsx", replace={part: big})
    assert hostile.stat().st_size < 1_000_000
    monkeypatch.setenv("DVC_MAX_UNPACKED_MB", "20")
    monkeypatch.setenv("DVC_MAX_ZIP_RATIO", "100000")  # the size limit, not the ratio, must catch it
    exc = _refusal(hostile)
    assert "unpacks to" in exc.en and "DVC_MAX_UNPACKED_MB" in exc.en
    monkeypatch.delenv("DVC_MAX_UNPACKED_MB")
    monkeypatch.delenv("DVC_MAX_ZIP_RATIO")
    assert "zip bomb" in _refusal(hostile).en  # by default the ratio catches it first


def test_long_cell_rejects_its_row_only(tmp_path):
    long_text = "x" * 40_000  # over Excel's own 32.767-character limit: readers cut it there
    p = _xlsx_file(tmp_path / "long.xlsx", [GOOD, GOOD[:5] + [long_text], GOOD])
    acc, rej, _ = read_user_file(p)
    assert len(acc) == 2 and rej["row"].astype(int).tolist() == [3]
    assert "DVC_MAX_CELL_CHARS" in rej["reason_en"].item() and rej["column"].item() == "nguồn"
    p = _csv_file(tmp_path / "long.csv", [GOOD, GOOD[:5] + ["y" * 200_000], GOOD])  # > csv's 131.072
    acc, rej, _ = read_user_file(p)
    assert len(acc) == 2 and rej["row"].astype(int).tolist() == [3]
    assert "200,000 characters" in rej["reason_en"].item()


def test_xml_entities_are_refused(tmp_path):
    good = _xlsx_file(tmp_path / "good.xlsx", [GOOD])
    with zipfile.ZipFile(good) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    body = sheet.split(b"?>", 1)[-1]  # after the XML declaration, if any
    evil = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + body
    exc = _refusal(_rezip(good, tmp_path / "entities.xlsx", replace={"xl/worksheets/sheet1.xml": evil}))
    assert "DOCTYPE" in exc.en and "sheet1.xml" in exc.en


@pytest.mark.parametrize("case, expected", [
    ("crc", "is damaged"), ("xml", "sheet1.xml is damaged"), ("no_workbook", "xl/workbook.xml"),
    ("encrypted", "password"), ("not_zip", "not a zip package"),
])
def test_damaged_workbooks_name_the_file_and_the_cause(tmp_path, case, expected):
    good = _xlsx_file(tmp_path / "good.xlsx", [GOOD] * 50)
    bad = tmp_path / f"{case}.xlsx"
    if case == "crc":
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as zf:
            info = zf.getinfo("xl/worksheets/sheet1.xml")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
    elif case == "xml":
        _rezip(good, bad, replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})
    elif case == "no_workbook":
        _rezip(good, bad, drop=("xl/workbook.xml",))
    elif case == "encrypted":  # the container Office uses for a password-protected workbook
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                        + b"\0" * 2048)
    else:
        bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    exc = _refusal(bad)
    assert expected in exc.en


def test_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "data.csv"
    link.symlink_to("/dev/zero")
    exc = _refusal(link)
    assert "not a regular file" in exc.en


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipe_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "data.csv"
    os.mkfifo(pipe)
    done = _cli("validate", str(pipe), timeout=60)  # opening the pipe would block forever
    assert done.returncode == 1 and "named pipe" in done.stderr and "Traceback" not in done.stderr
    text = tmp_path / "text.txt"
    os.mkfifo(text)
    done = _cli("extract", str(text), timeout=60)
    assert done.returncode == 1 and "named pipe" in done.stderr


def test_hostile_docx_is_refused_for_extract(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Năm 2024, tỷ lệ hồ sơ trực tuyến đạt 45,5%.")
    good = tmp_path / "good.docx"
    document.save(good)
    bomb = tmp_path / "bomb.docx"
    _rezip(good, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("word/media/pad.bin", "w") as fh:
        for _ in range(64):
            fh.write(b"\0" * (1 << 20))
    done = _cli("extract", str(bomb), "--out", str(tmp_path / "f.csv"))
    assert done.returncode == 1 and "zip bomb" in done.stderr and "bomb.docx" in done.stderr


# --------------------------------------------------------------------------- encodings

# legacy Vietnamese encodings, a few syllables each, from their published code tables
_VNI = {"à": "aø", "ộ": "oä", "ỉ": "æ", "đ": "ñ", "Đ": "Ñ", "ồ": "oà", "ệ": "eä", "ư": "ö", "ơ": "ô",
        "ĩ": "ó"}
_TCVN3 = {"à": "µ", "ộ": "é", "ỉ": "Ø", "đ": "®", "Đ": "§", "ồ": "å", "ệ": "Ö", "ư": "\xad", "ơ": "¬",
          "ĩ": "Ü"}


def _legacy(text: str, table: dict[str, str]) -> bytes:
    return "".join(table.get(ch, ch) for ch in text).encode("cp1252")


@pytest.mark.parametrize("name, encode", [
    ("VNI", lambda t: _legacy(t, _VNI)), ("TCVN3", lambda t: _legacy(t, _TCVN3)),
    ("Shift-JIS", lambda t: "県,指標\n東京都,オンライン\n大阪府,サービス\n".encode("shift_jis")),
])
def test_legacy_encodings_are_named_and_refused(tmp_path, name, encode):
    text = ("province,indicator,period,value\nHà Nội,on_time_rate,2024,99\nĐồng Nai,on_time_rate,2024,98\n"
            "Hà Tĩnh,on_time_rate,2024,97 (Việt)\n")
    p = tmp_path / "legacy.csv"
    p.write_bytes(encode(text))
    exc = _refusal(p)
    assert name in exc.en
    if name != "Shift-JIS":
        assert "Unikey" in exc.en and "Unikey" in exc.vi


def test_utf32_and_pipe_delimited_files_are_read(tmp_path):
    rows = "\n".join("|".join(r) for r in [HEADER, GOOD, GOOD])
    p = tmp_path / "wide.csv"
    p.write_bytes(rows.encode("utf-32"))
    acc, rej, _ = read_user_file(p)
    assert len(acc) == 2 and len(rej) == 0 and acc.attrs["encoding"] == "utf-32"


# --------------------------------------------------------------------------- row-level rejection


def test_dates_periods_and_long_numbers_reject_rows_not_files(tmp_path):
    rows = [
        GOOD,
        ["Đà Nẵng", "on_time_rate", "01/01/0224", "31/12/2024", "50%", "typo"],
        ["Đà Nẵng", "on_time_rate", "2023", "", "50%", "bare year"],
        ["Đà Nẵng", "on_time_rate", "1800", "", "50%", "too early"],
        ["Đà Nẵng", "on_time_rate", "2999", "", "50%", "too late"],
        ["Đà Nẵng", "dossier_received_count", "2024", "", "1" * 400, "long number"],
    ]
    p = _csv_file(tmp_path / "dates.csv", rows)
    acc, rej, probs = read_user_file(p)
    assert len(acc) + len(rej) == len(rows)
    whole = acc[acc["source"] == "bare year"]
    assert whole["period_start"].dt.date.tolist() == [pd.Timestamp("2023-01-01").date()]
    assert whole["period_end"].dt.date.tolist() == [pd.Timestamp("2023-12-31").date()]
    by_row = rej.set_index(rej["row"].astype(int))
    assert by_row.loc[3, "column"] == "từ ngày" and "224" in by_row.loc[3, "reason_en"]
    assert "outside 2000–2100" in by_row.loc[5, "reason_en"]
    assert "outside 2000–2100" in by_row.loc[6, "reason_en"]
    assert "400 digits" in by_row.loc[7, "reason_en"]
    done = _cli("validate", str(p))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "dates.csv" in done.stdout and "224" in done.stdout


# --------------------------------------------------------------------------- formula text


def _read_back_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _live_formula(field: str) -> bool:
    return bool(field) and field[0] in "=+-@\t\r" and field != "-" and not re.fullmatch(r"[+\-]?\d[\d.,\s]*%?", field)


def _check_neutral(cells: list[str], originals: list[str]) -> None:
    for got, original in zip(cells, originals, strict=True):
        if original in FORMULAS:
            assert got == "'" + original
        else:
            assert got == original


def test_formula_text_is_neutralised_by_every_csv_and_xlsx_writer(tmp_path):
    from dvc_analysis._safeio import write_csv
    from dvc_analysis.extract import write_csv as extract_csv
    from dvc_analysis.report_xlsx import write_tables

    values = FORMULAS + NOT_FORMULAS
    frame = pd.DataFrame({"text": values, "number": [-1.5] * len(values)})
    # the generic writer (barriers, audit, rejected rows)
    back = _read_back_csv(write_csv(frame, tmp_path / "generic.csv"))
    assert len(back) == len(values) + 1  # CR and LF inside cells split no record
    _check_neutral([r[0] for r in back[1:]], values)
    assert {r[1] for r in back[1:]} == {"-1.5"}  # numbers untouched
    # extract's CSV
    back = _read_back_csv(extract_csv(frame, tmp_path / "extract.csv"))
    _check_neutral([r[0] for r in back[1:]], values)
    # the report's tables: workbook and CSV copies
    written = write_tables([{"name": "observations", "title": "t", "df": frame}],
                           tmp_path / "tables" / "dvc_tables.xlsx", tmp_path / "tables")
    back = _read_back_csv(tmp_path / "tables" / "observations.csv")
    _check_neutral([r[0] for r in back[1:]], values)
    # a column the workbook has no Vietnamese header for goes to the technical sheet: find it there
    book = openpyxl.load_workbook(written[0])
    ws, col = next((ws, c.column) for ws in book.worksheets for c in ws[1] if c.value == "text")
    for row, original in enumerate(values, start=2):
        cell = ws.cell(row, col)
        assert cell.data_type == "s"  # text, never a formula
        assert cell.value.replace("_x000D_", "\r") == original  # the text itself is kept
        assert cell.quotePrefix == (original in FORMULAS)  # Excel keeps it text even when edited


def test_rejected_rows_csv_is_neutral_and_one_record_per_row(tmp_path):
    rows = [[f, "no_such_indicator", "2024", "", "5", "x\ry"] for f in FORMULAS]
    p = _csv_file(tmp_path / "hostile.csv", rows)
    acc, rej, _ = validate_file(p)
    back = _read_back_csv(Path(acc.attrs["rejected_csv"]))
    assert len(back) == len(rows) + 1
    assert not [f for r in back for f in r if _live_formula(f)]
    column = back[0].index("tỉnh")
    assert [r[column] for r in back[1:5]] == ["'" + f for f in FORMULAS[:4]]


def test_barriers_cli_output_is_neutral(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("=HYPERLINK(\"x\") Người dân thiếu kỹ năng số nên khó nộp hồ sơ trực tuyến.\n",
                    encoding="utf-8")
    done = _cli("barriers", str(text), "--out", str(tmp_path / "b.csv"))
    assert done.returncode == 0, done.stderr
    back = _read_back_csv(tmp_path / "b.csv")
    sentence = back[0].index("sentence")
    assert back[1][sentence].startswith("'=HYPERLINK")


# --------------------------------------------------------------------------- overwrite guards


def test_template_and_extract_never_overwrite_inputs(tmp_path):
    filled = _xlsx_file(tmp_path / "du_lieu.xlsx", [GOOD])
    before = filled.read_bytes()
    done = _cli("template", str(filled))
    assert done.returncode == 2 and "--force" in done.stderr and filled.read_bytes() == before
    done = _cli("template", str(filled), "--force")
    assert done.returncode == 0 and filled.read_bytes() != before
    source = tmp_path / "X.txt"
    source.write_text("Năm 2024, tỷ lệ hồ sơ trực tuyến đạt 45,5%.\n", encoding="utf-8")
    for force in ([], ["--force"]):
        done = _cli("extract", str(source), "--out", str(source), *force)
        assert done.returncode == 2 and "input file itself" in done.stderr
    assert source.read_text(encoding="utf-8").startswith("Năm 2024")
    other = tmp_path / "notes.csv"
    other.write_text("my,own\n1,2\n", encoding="utf-8")
    assert _cli("extract", str(source), "--out", str(other)).returncode == 2
    first = _cli("extract", str(source), "--out", str(tmp_path / "f.csv"))
    again = _cli("extract", str(source), "--out", str(tmp_path / "f.csv"))  # its own earlier output
    assert first.returncode == again.returncode == 0


@pytest.mark.parametrize("command", ["extract", "barriers", "audit"])
def test_out_folder_is_a_usage_error_before_any_work(tmp_path, command):
    source = tmp_path / "X.txt"
    source.write_text("Năm 2024, tỷ lệ hồ sơ trực tuyến đạt 45,5%.\n", encoding="utf-8")
    args = [command, "--out", str(tmp_path)] + ([] if command == "audit" else [str(source)])
    done = _cli(*args)
    assert done.returncode == 2 and "folder" in done.stderr and "Traceback" not in done.stderr


def test_validate_prints_its_problems_when_it_cannot_write(tmp_path):
    p = _csv_file(tmp_path / "data.csv", [GOOD, ["Atlantis", "on_time_rate", "2024", "", "5%", ""]])
    (tmp_path / "data.rejected.csv").mkdir()  # the list cannot be written there
    done = _cli("validate", str(p))
    assert done.returncode == 1
    assert "Atlantis" in done.stdout and "cannot write" in done.stderr


def test_csv_and_xlsx_of_one_name_keep_separate_rejected_lists(tmp_path):
    bad = ["Atlantis", "on_time_rate", "2024", "", "5%", ""]
    a = _csv_file(tmp_path / "file.csv", [bad])
    b = _xlsx_file(tmp_path / "file.xlsx", [bad, bad])
    ra, rb = validate_file(a)[0].attrs["rejected_csv"], validate_file(b)[0].attrs["rejected_csv"]
    assert ra != rb
    assert len(pd.read_csv(ra)) == 1 and len(pd.read_csv(rb)) == 2


def test_audit_error_exits_1_and_names_the_row(tmp_path):
    rows = [["Đà Nẵng", "tthc_online_share", "2024", "", "80%", "50", "100"]]
    p = _csv_file(tmp_path / "ratio.csv", rows, header=["tỉnh", "chỉ tiêu", "kỳ", "", "giá trị", "tử số",
                                                        "mẫu số"])
    done = _cli("audit", "--only", "--data", str(p))
    assert "[error]" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 1
    line = next(x for x in done.stdout.splitlines() if x.startswith("[error]"))
    assert "ratio.csv" in line and "row 2" in line


# --------------------------------------------------------------------------- interrupted reports

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]


def _manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _live_members(pgid: int) -> list[int]:
    """Processes (not zombies) of process group `pgid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _holder(lock: Path) -> str:
    try:
        return lock.read_text().strip()
    except OSError:
        return ""


def _start_report(out: Path, lang: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dvc_analysis", "report", "--out", str(out), "--lang", lang, "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "DVC_JOBS": "2"},
    )


def _assert_sound(folder: Path) -> None:
    for package in folder.rglob("*.docx"):
        assert zipfile.ZipFile(package).testzip() is None
    for package in folder.rglob("*.xlsx"):
        assert zipfile.ZipFile(package).testzip() is None


@pytest.fixture(scope="module")
def complete_sets(tmp_path_factory):
    """Two complete reports (Vietnamese and English) and how long one took."""
    base = tmp_path_factory.mktemp("sets")
    sets, seconds = {}, 0.0
    for lang in ("vi", "en"):
        start = time.monotonic()
        proc = _start_report(base / lang, lang)
        _, err = proc.communicate(timeout=600)
        seconds = time.monotonic() - start
        assert proc.returncode == 0, err[-2000:]
        sets[lang] = _manifest(base / lang)
    assert sets["vi"] != sets["en"]
    return sets, seconds, base


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process listing needs /proc (Linux)")
def test_interrupted_and_concurrent_reports_leave_one_complete_set_and_no_process(tmp_path, complete_sets):
    sets, seconds, base = complete_sets
    known = {tuple(sorted(m.items())) for m in sets.values()}
    out = tmp_path / "reports"
    shutil.copytree(base / "vi", out)  # a previous complete report
    rng = random.Random(15)
    lang = "en"
    for sig in SIGNALS:
        proc = _start_report(out, lang)
        fraction = rng.uniform(0.15, 0.7)  # inside the run: a later signal may find it finished
        time.sleep(fraction * seconds)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground group
        else:
            proc.send_signal(sig)
        signalled = time.monotonic()
        _, err = proc.communicate(timeout=60)  # no worker keeps the pipes open
        ended = time.monotonic() - signalled
        assert "Traceback" not in err
        if sig != signal.SIGKILL and proc.returncode != 0:
            assert proc.returncode == 130 and "interrupted" in err and ended < 30
        deadline = time.monotonic() + 10
        while _live_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _live_members(proc.pid) == [], f"processes left after {sig.name}"
        state = _manifest(out)
        assert tuple(sorted(state.items())) in known, f"a mixed or broken set after {sig.name}"
        _assert_sound(out)
        kept = "new" if state == sets[lang] else "previous"
        print(f"{sig.name} at {fraction:.0%} of a run: exit {proc.returncode}, ended {ended:.1f} s after "
              f"the signal, {kept} complete set of {len(state)} files, no process left")
        lang = "vi" if state == sets["en"] else "en"
    # a run after the kills finishes normally and reproduces the reference bytes exactly, while a
    # second run into the same folder is turned away instead of writing over it
    proc = _start_report(out, "vi")
    lock = out.parent / ".reports.lock"  # a killed run may have left the file, not the lock
    deadline = time.monotonic() + 120
    while _holder(lock) != str(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    second = _cli("report", "--out", str(out), "--quiet", env={"DVC_LOCK_WAIT": "0"})
    assert second.returncode == 1 and "Another run" in second.stderr
    assert proc.wait(timeout=600) == 0
    assert _manifest(out) == sets["vi"]
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".reports.")]
    assert leftovers == []


_FORK_LOOP = """
import multiprocessing as mp, sys
from dvc_analysis._procs import Interrupted, install_stop_signals, worker_pool
install_stop_signals()
print("ready", flush=True)
try:
    while True:
        with worker_pool(2, mp.get_context("fork")) as pool:
            list(pool.map(abs, [-1, -2]))
except Interrupted:
    print("interrupted", file=sys.stderr)
    sys.exit(130)
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="holding signals back needs POSIX")
def test_sigterm_while_workers_are_forked_is_neither_lost_nor_printed_as_a_traceback():
    # a process that does nothing but fork worker pools: a SIGTERM often lands inside the fork hooks,
    # where an exception raised by its handler would be printed as ignored and the stop lost
    rng = random.Random(7)
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", _FORK_LOOP], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "ready"  # the handlers are in place: forking starts now
            time.sleep(rng.uniform(0.05, 0.5))
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:  # a lost stop must not leave the loop running after the test
                proc.kill()
                proc.communicate()
        assert proc.returncode == 130 and "interrupted" in err, err[-1000:]
        assert "Traceback" not in err and "Exception ignored" not in err


def test_office_files_carry_the_build_date_not_the_clock(tmp_path, monkeypatch):
    from dvc_analysis._repro import build_date, normalise_package
    from dvc_analysis.report_docx import write_docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735603200")  # 2024-12-31
    blocks = [{"kind": "paragraph", "text": "Xin chào"}]
    first = normalise_package(write_docx(blocks, tmp_path / "a.docx"), build_date())
    time.sleep(2.1)  # zip timestamps have a two-second resolution
    second = normalise_package(write_docx(blocks, tmp_path / "b.docx"), build_date())
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert all(i.date_time == (2024, 12, 31, 0, 0, 0) for i in zf.infolist())
        assert b"2024-12-31T00:00:00Z" in zf.read("docProps/core.xml")


def test_output_lock_waits_then_refuses(tmp_path):
    from dvc_analysis._safeio import OutputBusyError, output_lock

    out = tmp_path / "r"
    done = tmp_path / "done"  # written by the holder just before it lets go
    code = ("import pathlib, time; from dvc_analysis._safeio import output_lock\n"
            f"with output_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(3)\n"
            f"    pathlib.Path({str(done)!r}).write_text('x')\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(OutputBusyError) as info:
        with output_lock(out, wait=0.2):
            pass
    assert str(holder.pid) in info.value.en
    with output_lock(out, wait=30):  # waits for the holder to let go
        assert done.exists()
    holder.wait()


def test_failed_build_leaves_the_previous_folder(tmp_path):
    from dvc_analysis._safeio import staged_folder

    out = tmp_path / "reports"
    with staged_folder(out) as stage:
        (stage / "README.txt").write_text("old")
    with pytest.raises(RuntimeError), staged_folder(out) as stage:
        (stage / "README.txt").write_text("new")
        raise RuntimeError("disk full")
    assert (out / "README.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    (out / "mine.txt").write_text("the user's own file")  # a shared folder: replaced file by file
    with staged_folder(out) as stage:
        (stage / "README.txt").write_text("new")
    assert (out / "README.txt").read_text() == "new" and (out / "mine.txt").exists()


def test_csv_writer_quotes_bare_carriage_returns(tmp_path):
    from dvc_analysis._safeio import write_csv

    path = write_csv(pd.DataFrame({"a": ["x\ry", "z"], "b": [1, 2]}), tmp_path / "cr.csv")
    assert _read_back_csv(path) == [["a", "b"], ["x\ry", "1"], ["z", "2"]]
    assert len(pd.read_csv(path, encoding="utf-8-sig")) == 2


def test_survey_workbooks_keep_formula_looking_text_as_text(tmp_path):
    """A question text starting with '=' written by the survey codebook writer stays a text cell."""
    import dataclasses

    from openpyxl import load_workbook

    from dvc_analysis.survey.codebook import default_codebook, write_codebook

    book = default_codebook()
    questions = book.questions.copy()
    text_col = "label_vi"
    questions.loc[questions.index[0], text_col] = "=HYPERLINK(\"http://x\",\"bấm\")"
    path = write_codebook(dataclasses.replace(book, questions=questions), tmp_path / "cb.xlsx")
    ws = load_workbook(path)["questions"]
    col = list(questions.columns).index(text_col) + 1
    cell = ws.cell(row=2, column=col)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")
