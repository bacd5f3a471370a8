"""Report settings (title page, sections, figures, focus provinces) from the command line or a TOML file."""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import UsageError

# section keys a report may contain, in the default order (the report's own list is the
# authority; this copy keeps the settings module free of the report's imports)
SECTION_KEYS = (
    "key_messages", "summary", "data", "supply", "payment", "digitisation", "timeliness",
    "barriers", "recommendations", "appendix", "citation",
)


@dataclass(frozen=True)
class ReportSettings:
    """What the reader sees on the title page and which parts the report holds.

    Attributes
    ----------
    title, author, organisation, place : str
        Empty means the report's default (title) or nothing printed (the others).
    date : datetime.date or None
        The date of the date line; None means the day the report is built.
    sections : tuple of str
        Section keys in the order they appear; empty means all, in the default order.
    figures : tuple of str
        Figure stems of the standard set to draw (e.g. ``"02_ty_le_ho_so_truc_tuyen"``, or
        without the number, ``"ty_le_ho_so_truc_tuyen"``); empty means all.
    provinces : tuple of str
        Focus provinces (codes or names); empty means every province in the data.
    """

    title: str = ""
    author: str = ""
    organisation: str = ""
    place: str = ""
    date: _dt.date | None = None
    sections: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    provinces: tuple[str, ...] = field(default_factory=tuple)

    def report_date(self) -> _dt.date:
        """The date printed on the title page (today when none was given)."""
        return self.date or _dt.date.today()


EXAMPLE_TOML = """\
# Cấu hình báo cáo dvc-analysis / dvc-analysis report settings
# Dùng / use:  dvc-analysis report --config bao_cao.toml
# Tham số dòng lệnh (--title, --author, ...) ghi đè các giá trị ở đây.
# Command-line options (--title, --author, ...) override the values here.

[report]
# Tiêu đề báo cáo (trang bìa và thuộc tính tài liệu) / report title
title = "Dịch vụ công trực tuyến: cung cấp, sử dụng và rào cản"
# Người soạn (thuộc tính tác giả của tệp Word) / author
author = "Nguyễn Văn A"
# Cơ quan ban hành, in ở đầu trang bìa / issuing organisation (top of the title page)
organisation = "Văn phòng Tỉnh ủy"
# Địa danh trên dòng ngày tháng / place on the date line ("Sơn La, ngày … tháng … năm …")
place = "Sơn La"
# Ngày báo cáo (YYYY-MM-DD); bỏ trống = ngày dựng báo cáo / report date; omitted = today
# date = 2026-11-30

# Các phần và thứ tự; bỏ dòng này = tất cả / sections and their order; omit = all
# sections = ["key_messages", "summary", "data", "supply", "payment", "digitisation",
#             "timeliness", "barriers", "recommendations", "appendix", "citation"]

# Các hình cần vẽ (tên tệp không có số thứ tự); bỏ dòng này = tất cả
# figures to draw (file stem without its number); omit = all
# figures = ["ty_le_ho_so_truc_tuyen", "thanh_toan_truc_tuyen", "khoang_cach_muc_tieu"]

# Tỉnh trọng tâm (mã hai chữ số hoặc tên) / focus provinces (2-digit codes or names)
# provinces = ["14", "Thái Nguyên"]
"""


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def _as_date(value: Any, where: str) -> _dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return _dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise UsageError(
        f"{where}: ngày không đọc được {text!r} (dùng YYYY-MM-DD hoặc DD/MM/YYYY).",
        f"{where}: cannot read the date {text!r} (use YYYY-MM-DD or DD/MM/YYYY).",
    )


def _as_tuple(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = [v for v in value.replace(";", ",").split(",")]
    if not isinstance(value, (list, tuple)):
        raise UsageError(f"{where}: '{key}' phải là một danh sách.", f"{where}: '{key}' must be a list.")
    return tuple(str(v).strip() for v in value if str(v).strip())


def make_settings(values: dict[str, Any], where: str = "settings") -> ReportSettings:
    """Settings from a plain mapping (the ``[report]`` table of a TOML file, or CLI values).

    Parameters
    ----------
    values : dict
        Keys among title, author, organisation, place, date, sections, figures, provinces.
    where : str
        Named in error messages (a file path or "--option").

    Returns
    -------
    ReportSettings

    Examples
    --------
    >>> make_settings({"title": "Báo cáo", "date": "2026-11-30"}).date.year
    2026
    """
    known = {f.name for f in fields(ReportSettings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UsageError(
            f"{where}: khóa không biết {', '.join(unknown)} (dùng: {', '.join(sorted(known))}).",
            f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))}).",
        )
    out: dict[str, Any] = {}
    for key in ("title", "author", "organisation", "place"):
        if values.get(key) is not None:
            out[key] = str(values[key]).strip()
    if "date" in values:
        out["date"] = _as_date(values["date"], where)
    for key in ("sections", "figures", "provinces"):
        if key in values:
            out[key] = _as_tuple(values[key], key, where)
    bad = [s for s in out.get("sections", ()) if s not in SECTION_KEYS]
    if bad:
        raise UsageError(
            f"{where}: phần không có {', '.join(bad)} (có: {', '.join(SECTION_KEYS)}).",
            f"{where}: no section {', '.join(bad)} (available: {', '.join(SECTION_KEYS)}).",
        )
    return ReportSettings(**out)


def load_settings(path: str | Path) -> ReportSettings:
    """Read report settings from a TOML file (its ``[report]`` table, or top-level keys).

    Parameters
    ----------
    path : str or Path
        A TOML file such as the one :func:`write_example` writes.

    Returns
    -------
    ReportSettings

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bao_cao.toml"
    >>> _ = write_example(p)
    >>> load_settings(p).place
    'Sơn La'
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"Không đọc được tệp cấu hình {path}: {exc.strerror or exc}.",
            f"Cannot read the settings file {path}: {exc.strerror or exc}.",
        ) from exc
    try:
        data = _toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise UsageError(
            f"Tệp cấu hình {path} không đúng cú pháp TOML: {exc}.",
            f"The settings file {path} is not valid TOML: {exc}.",
        ) from exc
    table = data.get("report", data)
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [report] phải là một bảng.", f"{path}: [report] must be a table.")
    return make_settings(dict(table), str(path))


def merge(base: ReportSettings, overrides: dict[str, Any], where: str = "--option") -> ReportSettings:
    """`base` with the non-empty values of `overrides` (command-line options win over a file)."""
    given = {k: v for k, v in overrides.items() if v not in (None, "", (), [])}
    if not given:
        return base
    parsed = make_settings(given, where)
    return replace(base, **{k: getattr(parsed, k) for k in given})


def write_example(path: str | Path) -> Path:
    """Write the commented example settings file; refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise UsageError(
            f"Tệp {path} đã có; không ghi đè.", f"{path} already exists; not overwritten."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE_TOML, encoding="utf-8")
    return path


def date_line(settings: ReportSettings, lang: str = "vi") -> str:
    """The place-and-date line of a title page: "Sơn La, ngày 30 tháng 11 năm 2026".

    Examples
    --------
    >>> import datetime
    >>> date_line(ReportSettings(place="Sơn La", date=datetime.date(2026, 3, 5)))
    'Sơn La, ngày 05 tháng 3 năm 2026'
    """
    d = settings.report_date()
    if lang == "vi":
        # administrative style: day and months 1–2 written with two digits
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    else:
        text = f"{d.day} {d.strftime('%B')} {d.year}"
    return f"{settings.place}, {text}" if settings.place else (text[0].upper() + text[1:])
