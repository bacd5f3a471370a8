"""The user's own levers and evidence of their effect, read from a workbook and checked row by row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserDataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

LEVER_COLUMNS = ["code", "name_vi", "name_en", "description", "actor_vi", "actor_en", "actor_level",
                 "horizon", "indicators"]
EVIDENCE_COLUMNS = ["evidence_id", "lever", "source_id", "lever_paragraph", "paragraph",
                    "province_code", "unit_name", "kind", "indicator", "before_obs", "after_obs",
                    "before", "after", "period", "summary_vi", "summary_en", "note"]
TEMPLATE_COLUMNS = ["lever", "action_vi", "action_en"]
LEVER_SHEET = "Giải pháp riêng"
EVIDENCE_SHEET = "Bằng chứng giải pháp"
#: (field, Vietnamese header, English header, required)
LEVER_FIELDS = [
    ("code", "mã", "code", True),
    ("name_vi", "tên", "name", True),
    ("name_en", "tên tiếng Anh", "name_en", False),
    ("actor_vi", "chủ trì", "actor", True),
    ("actor_en", "chủ trì (tiếng Anh)", "actor_en", False),
    ("actor_level", "cấp thực hiện", "actor_level", True),
    ("horizon", "thời hạn", "horizon", True),
    ("indicators", "chỉ tiêu", "indicators", True),
    ("barriers", "rào cản", "barriers", False),
    ("action_vi", "câu kiến nghị", "sentence_vi", False),
    ("action_en", "câu kiến nghị (tiếng Anh)", "sentence_en", False),
]
EVIDENCE_FIELDS = [
    ("lever", "giải pháp", "lever", True),
    ("source_id", "nguồn", "source", True),
    ("paragraph", "đoạn", "paragraph", False),
    ("lever_paragraph", "đoạn nêu giải pháp", "lever_paragraph", False),
    ("province", "tỉnh", "province", False),
    ("unit_name", "đơn vị", "unit", False),
    ("kind", "loại bằng chứng", "kind", True),
    ("indicator", "chỉ tiêu", "indicator", False),
    ("before", "trước", "before", False),
    ("after", "sau", "after", False),
    ("period", "kỳ", "period", False),
    ("summary_vi", "tóm tắt", "summary", True),
    ("summary_en", "tóm tắt tiếng Anh", "summary_en", False),
    ("note", "ghi chú", "note", False),
]
HORIZON_WORDS = {"ngan": "short", "ngan han": "short", "short": "short",
                 "trung": "medium", "trung han": "medium", "medium": "medium",
                 "dai": "long", "dai han": "long", "long": "long"}
LEVEL_WORDS = {"tinh": "province", "cap tinh": "province", "province": "province",
               "trung uong": "central", "can trung uong": "central", "central": "central"}
KIND_WORDS = {"truoc sau": "before_after", "before after": "before_after", "before_after": "before_after",
              "chi co so sau": "after_only", "sau": "after_only", "after only": "after_only",
              "after_only": "after_only", "nhan dinh": "no_figure", "no figure": "no_figure",
              "no_figure": "no_figure", "nguoc chieu": "counter", "counter": "counter"}


@dataclass(frozen=True)
class UserLevers:
    """What a lever workbook adds: tables shaped like the bundled ones, and the rejected rows."""

    levers: pd.DataFrame
    lever_barrier: pd.DataFrame
    evidence: pd.DataFrame
    templates: pd.DataFrame
    rejected: pd.DataFrame


def _fold(text: str) -> str:
    from ..text.textio import fold

    return re.sub(r"[^a-z0-9_]+", " ", fold(str(text))).strip()


def _cell(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x).strip()


def _sheets(path: Path) -> dict[str, list[tuple[int, list[str]]]]:
    """Sheet name -> [(row number, cells)] for .xlsx, or the one table of a .csv."""
    if path.suffix.lower() == ".csv":
        import csv

        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [(i, [_cell(c) for c in r]) for i, r in enumerate(csv.reader(fh), start=1)]
        return {path.stem: rows}
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for unreadable files
        raise UserDataError(f"Không mở được tệp {path}: {type(exc).__name__}.",
                            f"Cannot open {path}: {type(exc).__name__}.") from None
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [(i, [_cell(c) for c in r]) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    wb.close()
    return out


def _kind_of(rows: list[tuple[int, list[str]]]) -> str | None:
    if not rows:
        return None
    head = {_fold(c) for c in rows[0][1] if c}
    if {"ma", "code"} & head and {"thoi han", "horizon"} & head:
        return "levers"
    if {"giai phap", "lever"} & head and {"loai bang chung", "kind"} & head:
        return "evidence"
    return None


def _table(rows, fields, file: str, sheet: str, problems: list[dict]) -> list[tuple[int, dict]]:
    head = [_fold(c) for c in rows[0][1]]
    where = {}
    for field, vi, en, _ in fields:
        for alias in (_fold(vi), _fold(en), field):
            if alias in head:
                where[field] = head.index(alias)
                break
    missing = [vi for field, vi, _, req in fields if req and field not in where]
    body = [(n, cells) for n, cells in rows[1:] if any(cells)]
    if missing:
        for n, _row in body:
            problems.append(dict(file=file, sheet=sheet, row=n, column=", ".join(missing), value="",
                                 reason_vi=f"trang thiếu cột bắt buộc: {', '.join(missing)}",
                                 reason_en=f"the sheet lacks required columns: {', '.join(missing)}"))
        return []
    return [(n, {f: (cells[i] if i < len(cells) else "") for f, i in where.items()}) for n, cells in body]


def read_lever_file(path, *, known_levers=None) -> UserLevers:
    """Read and check the user's levers and evidence; every row is kept or rejected with a reason.

    Parameters
    ----------
    path : str or Path
        A workbook with a "Giải pháp riêng" and/or "Bằng chứng giải pháp" sheet (other sheets are
        ignored), or a CSV file holding one of the two tables.
    known_levers : iterable of str, optional
        Lever codes already defined (the bundled L01–L16 by default); new codes must differ.

    Returns
    -------
    UserLevers
        ``rejected`` has columns file, sheet, row, column, value, reason_vi, reason_en.

    Examples
    --------
    >>> from dvc_analysis.intake.levers import write_lever_template
    >>> import tempfile, pathlib
    >>> p = write_lever_template(pathlib.Path(tempfile.mkdtemp()) / "giai_phap.xlsx")
    >>> len(read_lever_file(p).rejected)
    0
    """
    import pandas as pd

    from .._resources import data_path
    from ..evidence.taxonomy import load_barriers, load_levers

    path = Path(path)
    if not path.exists():
        raise UserDataError(f"Không thấy tệp {path}.", f"File not found: {path}.")
    with data_path("indicators.csv").open(encoding="utf-8") as fh:
        indicator_ids = set(pd.read_csv(fh, dtype=str)["id"])
    barrier_codes = set(load_barriers()["code"])
    file = path.name
    problems: list[dict] = []
    levers, links, templates, evidence = [], [], [], []
    sheets = _sheets(path)
    tables = {name: _kind_of(rows) for name, rows in sheets.items()}
    lever_codes = set(load_levers()["code"] if known_levers is None else known_levers)

    def bad(sheet, n, column, value, vi, en):
        problems.append(dict(file=file, sheet=sheet, row=n, column=column, value=value,
                             reason_vi=vi, reason_en=en))

    for name, rows in sheets.items():
        if tables[name] != "levers":
            continue
        for n, r in _table(rows, LEVER_FIELDS, file, name, problems):
            code = r["code"]
            horizon = HORIZON_WORDS.get(_fold(r["horizon"]))
            level = LEVEL_WORDS.get(_fold(r["actor_level"]))
            inds = [i.strip() for i in re.split(r"[;,]", r["indicators"]) if i.strip()]
            bars = [b.strip().upper() for b in re.split(r"[;,]", r.get("barriers", "")) if b.strip()]
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", code):
                bad(name, n, "mã", code, "mã chỉ gồm chữ không dấu, số và '_' (vd. U01).",
                    "code must be letters, digits and '_' (e.g. U01).")
            elif code in lever_codes:
                bad(name, n, "mã", code, f"mã {code} đã có; chọn mã khác (vd. U01).",
                    f"code {code} already exists; choose another (e.g. U01).")
            elif not r["name_vi"] or not r["actor_vi"]:
                bad(name, n, "tên" if not r["name_vi"] else "chủ trì", "", "ô bắt buộc đang trống.",
                    "a required cell is empty.")
            elif horizon is None:
                bad(name, n, "thời hạn", r["horizon"], "thời hạn phải là ngắn, trung hoặc dài.",
                    "horizon must be short, medium or long.")
            elif level is None:
                bad(name, n, "cấp thực hiện", r["actor_level"], "cấp thực hiện phải là tỉnh hoặc trung ương.",
                    "actor level must be province or central.")
            elif not inds or any(i not in indicator_ids for i in inds):
                wrong = ", ".join(i for i in inds if i not in indicator_ids) or "(trống)"
                bad(name, n, "chỉ tiêu", r["indicators"], f"mã chỉ tiêu không có trong danh mục: {wrong}.",
                    f"indicator ids not in the vocabulary: {wrong}.")
            elif any(b not in barrier_codes for b in bars):
                wrong = ", ".join(b for b in bars if b not in barrier_codes)
                bad(name, n, "rào cản", r["barriers"], f"mã rào cản không có: {wrong} (dùng B01–B11).",
                    f"unknown barrier codes: {wrong} (use B01–B11).")
            elif any(_bad_template(r.get(f, "")) for f in ("action_vi", "action_en")):
                col = "câu kiến nghị" if _bad_template(r.get("action_vi", "")) else "câu kiến nghị (tiếng Anh)"
                bad(name, n, col, r.get("action_vi", ""), "câu kiến nghị phải có {actor} và {by_when}, không dùng chỗ trống khác.",
                    "the sentence must contain {actor} and {by_when} and no other placeholder.")
            else:
                lever_codes.add(code)
                levers.append(dict(code=code, name_vi=r["name_vi"], name_en=r.get("name_en") or r["name_vi"],
                                   description=r["name_vi"], actor_vi=r["actor_vi"],
                                   actor_en=r.get("actor_en") or r["actor_vi"], actor_level=level,
                                   horizon=horizon, indicators=";".join(inds)))
                links.extend(dict(lever=code, barrier=b) for b in bars)
                if r.get("action_vi"):
                    templates.append(dict(lever=code, action_vi=r["action_vi"],
                                          action_en=r.get("action_en") or r["action_vi"]))
    for name, rows in sheets.items():
        if tables[name] != "evidence":
            continue
        for i, (n, r) in enumerate(_table(rows, EVIDENCE_FIELDS, file, name, problems), start=1):
            kind = KIND_WORDS.get(_fold(r["kind"]))
            para = r.get("paragraph", "")
            if r["lever"] not in lever_codes:
                bad(name, n, "giải pháp", r["lever"], "mã giải pháp chưa có (khai báo ở trang Giải pháp riêng hoặc dùng L01–L16).",
                    "unknown lever code (declare it on the own-levers sheet or use L01–L16).")
            elif kind is None:
                bad(name, n, "loại bằng chứng", r["kind"],
                    "loại bằng chứng phải là: trước–sau, chỉ có số sau, nhận định, ngược chiều.",
                    "kind must be: before_after, after_only, no_figure, counter.")
            elif not r["source_id"] or not r["summary_vi"]:
                bad(name, n, "nguồn" if not r["source_id"] else "tóm tắt", "", "ô bắt buộc đang trống.",
                    "a required cell is empty.")
            elif para and not re.fullmatch(r"[1-9]\d*", para):
                bad(name, n, "đoạn", para, "đoạn phải là số nguyên dương.", "paragraph must be a positive whole number.")
            elif r.get("indicator") and r["indicator"] not in indicator_ids:
                bad(name, n, "chỉ tiêu", r["indicator"], "mã chỉ tiêu không có trong danh mục.",
                    "indicator id not in the vocabulary.")
            elif kind in ("before_after", "after_only") and not (r.get("after") and r.get("indicator")):
                bad(name, n, "sau", r.get("after", ""), "bằng chứng có số liệu cần chỉ tiêu và số liệu sau.",
                    "evidence with figures needs an indicator and the figure after.")
            elif kind == "before_after" and not r.get("before"):
                bad(name, n, "trước", "", "bằng chứng trước–sau cần số liệu trước.",
                    "before-after evidence needs the figure before.")
            else:
                evidence.append(dict(
                    evidence_id=f"u-{path.stem}-{i:04d}", lever=r["lever"], source_id=r["source_id"],
                    lever_paragraph=r.get("lever_paragraph", ""), paragraph=para,
                    province_code=_province(r.get("province", "")), unit_name=r.get("unit_name", ""),
                    kind=kind, indicator=r.get("indicator", ""), before_obs="", after_obs="",
                    before=r.get("before", ""), after=r.get("after", ""), period=r.get("period", ""),
                    summary_vi=r["summary_vi"], summary_en=r.get("summary_en") or r["summary_vi"],
                    note=r.get("note", "")))
    return UserLevers(
        levers=pd.DataFrame(levers, columns=LEVER_COLUMNS),
        lever_barrier=pd.DataFrame(links, columns=["lever", "barrier"]),
        evidence=pd.DataFrame(evidence, columns=EVIDENCE_COLUMNS),
        templates=pd.DataFrame(templates, columns=TEMPLATE_COLUMNS),
        rejected=pd.DataFrame(problems, columns=["file", "sheet", "row", "column", "value", "reason_vi", "reason_en"]),
    )


def _bad_template(text: str) -> bool:
    if not text:
        return False
    slots = set(re.findall(r"{([^{}]*)}", text))
    return not ({"by_when"} <= slots and slots & {"actor", "Actor"}) or bool(slots - {"actor", "Actor", "by_when"})


def _province(name: str) -> str:
    """A province name or code → its 2-digit code; left as written when it cannot be resolved."""
    if not name:
        return ""
    from ..evidence.provinces import normalize_code, resolve

    try:
        return normalize_code(name) if re.fullmatch(r"\d{1,2}", name) else resolve(name, "63")
    except Exception:  # noqa: BLE001 - kept as written; the unit label then shows it
        return name


def add_lever_sheets(wb, *, example: bool = True) -> None:
    """Add the two lever sheets, with headers (and one example row each), to an openpyxl workbook.

    Parameters
    ----------
    wb : openpyxl.Workbook
    example : bool
        Add the example rows (the stand-alone lever template does; the data template does not).

    Returns
    -------
    None

    Examples
    --------
    >>> import openpyxl
    >>> wb = openpyxl.Workbook()
    >>> add_lever_sheets(wb, example=False)
    >>> wb.sheetnames[-2:]
    ['Giải pháp riêng', 'Bằng chứng giải pháp']
    """
    from openpyxl.styles import Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E2EFDA")
    examples = {
        LEVER_SHEET: (LEVER_FIELDS, ["U01", "Một cửa lưu động tại thôn bản", "Mobile one-stop desk in villages",
                                     "UBND cấp xã", "commune People's Committees", "tỉnh", "ngắn",
                                     "dossier_online_share", "B01;B02",
                                     "Đề nghị UBND tỉnh giao {actor} tổ chức điểm một cửa lưu động tại các thôn xa trung tâm; triển khai {by_when}.",
                                     "The Provincial People's Committee should task {actor} with running mobile one-stop desks in remote villages, starting {by_when}."]),
        EVIDENCE_SHEET: (EVIDENCE_FIELDS, ["U01", "Báo cáo UBND huyện X năm 2023", "4", "3", "Sơn La", "huyện X",
                                           "chỉ có số sau", "dossier_online_share", "", "35%", "năm 2023",
                                           "Sau khi có điểm lưu động, tỷ lệ hồ sơ trực tuyến của huyện tăng",
                                           "After the mobile desks started, the district's online share rose", "ví dụ, xóa dòng này"]),
    }
    for title, (fields, row) in examples.items():
        ws = wb.create_sheet(title)
        ws.append([vi for _, vi, _, _ in fields])
        for i, (_, _, _, req) in enumerate(fields, start=1):
            c = ws.cell(1, i)
            c.font = bold
            if req:
                c.fill = fill
            ws.column_dimensions[c.column_letter].width = 22
        if example:
            ws.append(row)


def write_lever_template(path) -> Path:
    """Write a workbook holding only the two lever sheets (with an instruction sheet).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Path of the written workbook.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> write_lever_template(pathlib.Path(tempfile.mkdtemp()) / "g.xlsx").suffix
    '.xlsx'
    """
    import openpyxl

    target = Path(path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    for line in (
        "Giải pháp và bằng chứng riêng (dvc-analysis)",
        f"Trang '{LEVER_SHEET}': mỗi dòng một giải pháp mới; mã không trùng L01–L16; thời hạn: ngắn / trung / dài;"
        " cấp thực hiện: tỉnh / trung ương; chỉ tiêu: mã trong danh mục, cách nhau bởi ';'; rào cản: B01–B11.",
        "Câu kiến nghị (không bắt buộc) phải có {actor} (cơ quan chủ trì) và {by_when} (thời hạn).",
        f"Trang '{EVIDENCE_SHEET}': mỗi dòng một kết quả được báo cáo sau khi thực hiện giải pháp; loại bằng chứng:"
        " trước–sau, chỉ có số sau, nhận định, ngược chiều. Ghi số liệu đúng như văn bản.",
        "Cột tô màu là bắt buộc. Dòng mẫu chỉ để tham khảo: xóa trước khi dùng.",
    ):
        ws.append([line])
    add_lever_sheets(wb)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(target)
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    return target


def has_lever_sheets(path) -> bool:
    """True when a workbook (or CSV) holds a lever or lever-evidence table with at least one row.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    bool

    Examples
    --------
    >>> import tempfile, pathlib
    >>> has_lever_sheets(write_lever_template(pathlib.Path(tempfile.mkdtemp()) / "g.xlsx"))
    True
    """
    try:
        sheets = _sheets(Path(path))
    except UserDataError:
        return False
    return any(_kind_of(rows) and any(any(c) for _, c in rows[1:]) for rows in sheets.values())


def validate_lever_file(path, *, out_dir=None) -> UserLevers:
    """Check a lever workbook and write `<stem>.levers.rejected.csv` beside it (or in `out_dir`),
    header only when nothing was rejected, like `intake.userfile.validate_file` does for figures.

    Parameters
    ----------
    path : str or Path
    out_dir : str or Path, optional

    Returns
    -------
    UserLevers

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> len(validate_lever_file(write_lever_template(d / "g.xlsx")).rejected)
    0
    """
    result = read_lever_file(path)
    p = Path(path)
    target_dir = Path(out_dir) if out_dir is not None else p.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{p.stem}.levers.rejected.csv"
    try:
        result.rejected.to_csv(target, index=False, encoding="utf-8-sig")
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    return result
