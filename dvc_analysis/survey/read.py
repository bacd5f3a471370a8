"""Read survey answers: Google Forms and KoboToolbox exports (CSV, XLSX), SPSS .sav, Stata .dta."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import UserDataError

FORMATS = (".csv", ".xlsx", ".xls", ".sav", ".dta")


@dataclass(frozen=True)
class Responses:
    """Raw answers as read: one row per respondent, one column per data column.

    ``rows`` holds the row number in the file for each respondent (the header is row 1 of a
    CSV or sheet; the first case of a .sav/.dta file is row 1), so messages can point at it.
    ``variable_labels`` and ``value_labels`` come from .sav/.dta metadata (empty otherwise).
    """

    data: pd.DataFrame
    rows: pd.Series
    path: str
    kind: str
    sheet: str = ""
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """File (and sheet) as named in messages."""
        return f"{Path(self.path).name}" + (f" [{self.sheet}]" if self.sheet else "")


def _decode(raw: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "cp1258", "utf-16"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UserDataError(f"Không đọc được mã ký tự của {path.name} (hãy lưu UTF-8).",
                        f"Cannot decode {path.name} (save it as UTF-8).")


def _read_csv(path: Path) -> pd.DataFrame:
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise UserDataError(f"Tệp {path.name} trống.", f"File {path.name} is empty.")
    head = text[:20000]
    try:
        # Kobo's CSV export uses ";" and Google Forms ","; the sniffer tells them apart
        sep = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        sep = ","
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)


def _pick_sheet(sheets: dict[str, pd.DataFrame], path: Path, sheet: str | None) -> str:
    if sheet is not None:
        if sheet not in sheets:
            raise UserDataError(f"{path.name} không có sheet '{sheet}' (có: {', '.join(sheets)}).",
                                f"{path.name} has no sheet '{sheet}' (has: {', '.join(sheets)}).")
        return sheet
    # Kobo puts the main table first and repeat groups after it; Google Forms has one sheet
    for name, df in sheets.items():
        if not df.empty:
            return name
    raise UserDataError(f"Mọi sheet của {path.name} đều trống.", f"Every sheet of {path.name} is empty.")


def read_responses(path: str | Path, *, sheet: str | None = None) -> Responses:
    """Read a survey export into raw answers (no coding or checking yet; see `validate`).

    Parameters
    ----------
    path : str or Path
        ``.csv`` (``,`` or ``;`` separated, UTF-8 with or without BOM), ``.xlsx`` (Google Forms
        or KoboToolbox "XML values and headers" or "labels"), ``.sav`` (SPSS, with value and
        variable labels) or ``.dta`` (Stata).
    sheet : str, optional
        Sheet of an xlsx file; by default the first sheet that has rows.

    Returns
    -------
    Responses

    Examples
    --------
    >>> r = read_responses("du_lieu_vi_du.csv")  # doctest: +SKIP
    >>> r.data.shape  # doctest: +SKIP
    (400, 38)
    """
    path = Path(path)
    if not path.exists():
        raise UserDataError(f"Không thấy tệp dữ liệu khảo sát: {path}",
                            f"Survey data file not found: {path}")
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise UserDataError(f"Định dạng {ext or '(không có)'} của {path.name} không được hỗ trợ "
                            f"({', '.join(FORMATS)}).",
                            f"Format {ext or '(none)'} of {path.name} is not supported.")
    if ext == ".csv":
        df = _read_csv(path)
        return Responses(df, pd.Series(range(2, len(df) + 2), index=df.index), str(path), "csv")
    if ext in (".xlsx", ".xls"):
        try:
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False,
                                   engine="calamine")
        except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file
            raise UserDataError(f"Không đọc được {path.name}: {exc}",
                                f"Cannot read {path.name}: {exc}") from exc
        name = _pick_sheet(sheets, path, sheet)
        df = sheets[name]
        return Responses(df, pd.Series(range(2, len(df) + 2), index=df.index), str(path), "xlsx",
                         sheet=name)
    import pyreadstat

    reader = pyreadstat.read_sav if ext == ".sav" else pyreadstat.read_dta
    try:
        df, meta = reader(str(path))
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file
        raise UserDataError(f"Không đọc được {path.name}: {exc}",
                            f"Cannot read {path.name}: {exc}") from exc
    labels = {k: v for k, v in (meta.column_names_to_labels or {}).items() if v}
    values = dict(meta.variable_value_labels or {})
    return Responses(df, pd.Series(range(1, len(df) + 1), index=df.index), str(path), ext[1:],
                     variable_labels=labels, value_labels=values)
