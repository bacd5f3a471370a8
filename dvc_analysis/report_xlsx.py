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


def write_tables(
    tables: list[dict], xlsx_path: str | Path, csv_dir: str | Path | None = None, *, lang: str = "vi"
) -> list[Path]:
    """Write `tables` (dicts with name, title, description, df) to one workbook and CSV copies.

    The workbook starts with a contents sheet (sheet name, title, rows, description); sheet names
    are the tables' `name` (at most 31 characters). Returns the paths written, workbook first.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    xlsx_path = Path(xlsx_path)
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = [xlsx_path]
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    bold = Font(bold=True)
    vi = lang == "vi"
    contents = pd.DataFrame(
        {
            ("trang_tinh" if vi else "sheet"): [t["name"][:31] for t in tables],
            ("noi_dung" if vi else "title"): [t["title"] for t in tables],
            ("so_dong" if vi else "rows"): [len(t["df"]) for t in tables],
            ("mo_ta" if vi else "description"): [t.get("description", "") for t in tables],
        }
    )
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        contents.to_excel(writer, sheet_name=CONTENTS_SHEET, index=False)
        for table in tables:
            _excel_safe(table["df"]).to_excel(writer, sheet_name=table["name"][:31], index=False)
        date_cols = {CONTENTS_SHEET: []}
        for table in tables:
            df = table["df"]
            date_cols[table["name"][:31]] = [
                j for j, col in enumerate(df.columns, start=1)
                if pd.api.types.is_datetime64_any_dtype(df[col])
            ]
        for ws in writer.book.worksheets:
            ws.freeze_panes = "A2"
            if ws.max_row > 1 and ws.max_column >= 1:
                ws.auto_filter.ref = ws.dimensions
            for cell in ws[1]:
                cell.font = bold
                cell.fill = header_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for j, column in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 200)), start=1):
                longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                ws.column_dimensions[get_column_letter(j)].width = min(max(longest + 2, 8), 60)
            for j in date_cols.get(ws.title, []):
                for (cell,) in ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=j, max_col=j):
                    cell.number_format = "yyyy-mm-dd"
    if csv_dir is not None:
        csv_dir = Path(csv_dir)
        csv_dir.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = csv_dir / f"{table['name']}.csv"
            _excel_safe(table["df"]).to_csv(path, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
            written.append(path)
    return written
