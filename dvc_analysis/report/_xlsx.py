"""Write the report's tables: one Excel workbook (a contents sheet, then one sheet per table)
and a CSV copy of each table (UTF-8 with BOM so that Excel shows Vietnamese correctly).

The workbook is written with XlsxWriter in constant-memory mode, row by row, which stays fast
for the million cells of a 63-province, 24-month dataset.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from .._safeio import write_csv, xlsx_text_needs_guard

CONTENTS_SHEET = "contents"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Plain column names; timezone-free dates; lists and sets as text (Excel cannot hold them)."""
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[col] = series.dt.tz_localize(None)
        elif series.dtype == object:
            out[col] = series.map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
            )
    return out


def _cell(value):
    """A Python value XlsxWriter can store, or None for an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def write_workbook(sheets: list[tuple[str, pd.DataFrame]], path: str | Path) -> Path:
    """Write (sheet name, DataFrame) pairs to an .xlsx file: header row bold and frozen, an
    autofilter, column widths from the first rows, dates as yyyy-mm-dd."""
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "nan_inf_to_errors": False}
    )
    header = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    as_text = workbook.add_format({"quote_prefix": True})  # formula-looking text stays text in Excel
    for name, frame in sheets:
        df = _excel_safe(frame)
        sheet = workbook.add_worksheet(name[:31])
        sample = df.head(200)
        for j, col in enumerate(df.columns):
            longest = max([len(str(col))] + [len(str(v)) for v in sample[col] if not pd.isna(v)])
            dated = pd.api.types.is_datetime64_any_dtype(df[col])
            sheet.set_column(j, j, min(max(longest + 2, 8), 60), date if dated else None)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, [str(c) for c in df.columns], header)
        dated_cols = [j for j, c in enumerate(df.columns) if pd.api.types.is_datetime64_any_dtype(df[c])]
        for i, row in enumerate(df.itertuples(index=False, name=None), start=1):
            for j, value in enumerate(row):
                value = _cell(value)
                if value is None:
                    continue
                if j in dated_cols:
                    sheet.write_datetime(i, j, value, date)
                elif xlsx_text_needs_guard(value):
                    sheet.write_string(i, j, value, as_text)
                else:
                    sheet.write(i, j, value)
        if len(df.columns):
            sheet.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
    workbook.close()
    return path


def write_tables(
    tables: list[dict], xlsx_path: str | Path, csv_dir: str | Path | None = None, *, lang: str = "vi"
) -> list[Path]:
    """Write `tables` (dicts with name, title, description, df) to one workbook and CSV copies.

    The workbook starts with a contents sheet (sheet name, title, rows, description); sheet names
    are the tables' `name` (at most 31 characters). Returns the paths written, workbook first.
    """
    vi = lang == "vi"
    contents = pd.DataFrame(
        {
            ("trang_tinh" if vi else "sheet"): [t["name"][:31] for t in tables],
            ("noi_dung" if vi else "title"): [t["title"] for t in tables],
            ("so_dong" if vi else "rows"): [len(t["df"]) for t in tables],
            ("mo_ta" if vi else "description"): [t.get("description", "") for t in tables],
        }
    )
    written = [write_workbook([(CONTENTS_SHEET, contents)] + [(t["name"], t["df"]) for t in tables], xlsx_path)]
    if csv_dir is not None:
        csv_dir = Path(csv_dir)
        csv_dir.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = csv_dir / f"{table['name']}.csv"
            write_csv(_excel_safe(table["df"]), path, date_format="%Y-%m-%d")
            written.append(path)
    return written
