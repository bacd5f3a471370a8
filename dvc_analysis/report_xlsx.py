"""Write the report's tables: one Excel workbook (a contents sheet, then one sheet per table)
and a CSV copy of each table (UTF-8 with BOM so that Excel shows Vietnamese correctly)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CONTENTS_SHEET = "contents"


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Plain column names; timezone-free dates; lists and dicts as text (Excel cannot hold them)."""
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


def _rows(df: pd.DataFrame):
    """Rows of plain Python values (None for missing) for openpyxl."""
    import datetime as dt

    import numpy as np

    cols = []
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            values = [None if pd.isna(v) else v.to_pydatetime() for v in series]
        elif pd.api.types.is_bool_dtype(series) or series.dtype == object or isinstance(
            series.dtype, pd.StringDtype
        ) or str(series.dtype) in {"str", "string", "boolean", "category"}:
            values = [None if (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))) else
                      (bool(v) if isinstance(v, np.bool_) else v) for v in series.astype(object)]
        else:
            arr = series.to_numpy(dtype=object)
            values = [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else
                      (v.item() if hasattr(v, "item") else v) for v in arr]
        cols.append(values)
    for row in zip(*cols, strict=True):
        yield [v.isoformat() if isinstance(v, dt.time) else v for v in row]


def write_tables(
    tables: list[dict], xlsx_path: str | Path, csv_dir: str | Path | None = None, *, lang: str = "vi"
) -> list[Path]:
    """Write `tables` (dicts with name, title, description, df) to one workbook and CSV copies.

    The workbook starts with a contents sheet (sheet name, title, rows, description); sheet names
    are the tables' `name` (at most 31 characters). Written in openpyxl's streaming mode, so
    tens of thousands of rows stay quick. Returns the paths written, workbook first.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    xlsx_path = Path(xlsx_path)
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = [xlsx_path]
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    vi = lang == "vi"
    contents = pd.DataFrame(
        {
            ("trang_tinh" if vi else "sheet"): [t["name"][:31] for t in tables],
            ("noi_dung" if vi else "title"): [t["title"] for t in tables],
            ("so_dong" if vi else "rows"): [len(t["df"]) for t in tables],
            ("mo_ta" if vi else "description"): [t.get("description", "") for t in tables],
        }
    )
    book = Workbook(write_only=True)
    for name, df in [(CONTENTS_SHEET, contents)] + [(t["name"][:31], _excel_safe(t["df"])) for t in tables]:
        ws = book.create_sheet(title=name)
        ws.freeze_panes = "A2"
        sample = df.head(200)
        for j, col in enumerate(df.columns, start=1):
            longest = max([len(str(col))] + [len(str(v)) for v in sample[col] if not pd.isna(v)])
            ws.column_dimensions[get_column_letter(j)].width = min(max(longest + 2, 8), 60)
        if len(df.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
        header = []
        for col in df.columns:
            cell = WriteOnlyCell(ws, value=str(col))
            cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
            header.append(cell)
        ws.append(header)
        date_cols = [j for j, c in enumerate(df.columns) if pd.api.types.is_datetime64_any_dtype(df[c])]
        for row in _rows(df):
            if date_cols:
                for j in date_cols:
                    if row[j] is not None:
                        cell = WriteOnlyCell(ws, value=row[j])
                        cell.number_format = "yyyy-mm-dd"
                        row[j] = cell
            ws.append(row)
    book.save(xlsx_path)
    if csv_dir is not None:
        csv_dir = Path(csv_dir)
        csv_dir.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = csv_dir / f"{table['name']}.csv"
            _excel_safe(table["df"]).to_csv(path, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
            written.append(path)
    return written
