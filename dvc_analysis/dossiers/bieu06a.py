"""Write the period statistics table Biểu II.06a/VPCP/KSTT (one sheet per period) as .xlsx.

Columns follow the form: received (total = online + in person or postal + carried over),
resolved (total, early, on time, late), in progress (total, within time, overdue), numbered
(1)–(13) as on the printed form. Rows are the units of the run (the form lists fields; an
agency or commune table has the same columns) and a total row. The counts always come from
the ``bieu-06a`` rule profile, whatever profile the indicators used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..text.fmt import period_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FORM = "Biểu số II.06a/VPCP/KSTT"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT"
#: (wide column, header of its number) in form order, columns (3)–(13)
COLUMNS = (
    ("received_total", "Tổng số"),
    ("online", "Trực tuyến"),
    ("direct_postal", "Trực tiếp, dịch vụ bưu chính"),
    ("carried_over", "Từ kỳ trước"),
    ("resolved", "Tổng số"),
    ("early", "Trả trước hạn"),
    ("on_due", "Trả đúng thời hạn"),
    ("late", "Trả quá hạn"),
    ("pending", "Tổng số"),
    ("pending_in_time", "Chưa đến hạn"),
    ("pending_overdue", "Quá hạn"),
)
UNIT_HEADER = {"donvi": "Cơ quan, đơn vị", "xa": "Xã, phường", "linhvuc": "Lĩnh vực giải quyết",
               "thutuc": "Thủ tục hành chính", "tinh": "Tỉnh, thành phố"}


def table(wide: pd.DataFrame) -> pd.DataFrame:
    """The form's figures per unit and period from the wide counts of the ``bieu-06a`` profile.

    Returns
    -------
    pandas.DataFrame
        unit_label, period_start, period_end and the columns of `COLUMNS`.
    """
    out = wide[["unit_label", "period_start", "period_end"]].copy()
    out["received_total"] = wide["received"] + wide["carried_over"]
    for col, _ in COLUMNS[1:]:
        out[col] = wide[col]
    return out.reset_index(drop=True)


def write(wide: pd.DataFrame, path: str | Path, *, by: str = "donvi", source: str = "") -> Path:
    """Write the form for every period in `wide` (one sheet each) to `path`.

    Parameters
    ----------
    wide
        ``Computation.bieu`` (counts by unit and period under the ``bieu-06a`` profile).
    path
        Target .xlsx file.
    by
        Unit kind, for the header of column (2).
    source
        Provenance line written under the title.

    Returns
    -------
    pathlib.Path
    """
    import xlsxwriter

    from .._safeio import XLSX_TEXT_OPTIONS

    path = Path(path)
    data = table(wide)
    book = xlsxwriter.Workbook(str(path), XLSX_TEXT_OPTIONS)
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True})
    cell = book.add_format({"border": 1})
    num = book.add_format({"border": 1, "num_format": "#,##0"})
    total_fmt = book.add_format({"border": 1, "bold": True, "num_format": "#,##0"})
    periods = data[["period_start", "period_end"]].drop_duplicates().sort_values("period_start")
    if periods.empty:
        book.add_worksheet("Trống").write(0, 0, "Không có hồ sơ nào được chấp nhận / no accepted dossiers")
    for start, end in periods.itertuples(index=False):
        label = period_label(start, end)
        sheet = book.add_worksheet(f"{start:%Y-%m}"[:31])
        sheet.write(0, 0, FORM, bold)
        sheet.write(1, 0, TITLE, bold)
        sheet.write(2, 0, f"Kỳ báo cáo: {label} (từ {start:%d/%m/%Y} đến {end:%d/%m/%Y})")
        sheet.write(3, 0, f"Quy tắc đếm: bieu-06a. {source}")
        top = 5
        sheet.merge_range(top, 0, top + 2, 0, "STT", head)
        sheet.merge_range(top, 1, top + 2, 1, UNIT_HEADER.get(by, "Đơn vị"), head)
        sheet.merge_range(top, 2, top, 5, "Số hồ sơ nhận giải quyết", head)
        sheet.merge_range(top + 1, 2, top + 2, 2, "Tổng số", head)
        sheet.merge_range(top + 1, 3, top + 1, 4, "Trong kỳ", head)
        sheet.write(top + 2, 3, "Trực tuyến", head)
        sheet.write(top + 2, 4, "Trực tiếp, dịch vụ bưu chính", head)
        sheet.merge_range(top + 1, 5, top + 2, 5, "Từ kỳ trước", head)
        sheet.merge_range(top, 6, top, 12, "Kết quả giải quyết", head)
        sheet.merge_range(top + 1, 6, top + 1, 9, "Số hồ sơ đã giải quyết", head)
        for i, name in enumerate(("Tổng số", "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn")):
            sheet.write(top + 2, 6 + i, name, head)
        sheet.merge_range(top + 1, 10, top + 1, 12, "Số hồ sơ đang giải quyết", head)
        for i, name in enumerate(("Tổng số", "Chưa đến hạn", "Quá hạn")):
            sheet.write(top + 2, 10 + i, name, head)
        for j in range(13):
            sheet.write(top + 3, j, f"({j + 1})", head)
        rows = data[(data["period_start"] == start) & (data["period_end"] == end)]
        r = top + 4
        for k, row in enumerate(rows.itertuples(index=False), start=1):
            sheet.write(r, 0, k, cell)
            sheet.write(r, 1, str(row.unit_label), cell)
            for j, (col, _) in enumerate(COLUMNS):
                sheet.write_number(r, 2 + j, int(getattr(row, col)), num)
            r += 1
        sheet.write(r, 0, "", cell)
        sheet.write(r, 1, "Tổng cộng", total_fmt)
        for j, (col, _) in enumerate(COLUMNS):
            sheet.write_number(r, 2 + j, int(rows[col].sum()), total_fmt)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 34)
        sheet.set_column(2, 12, 11)
    book.close()
    return path
