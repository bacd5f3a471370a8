"""Write the Excel template users fill in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._safeio import atomic_path
from ..errors import UserDataError
from ..evidence.schema import UNITS

if TYPE_CHECKING:
    import pandas as pd


DATA_SHEET = "Dữ liệu"


INSTRUCTIONS_SHEET = "Hướng dẫn"


INDICATOR_SHEET = "Chỉ tiêu riêng"


LISTS_SHEET = "Danh mục"


TEMPLATE_HEADERS = ["tỉnh", "đơn vị", "chỉ tiêu", "từ ngày", "đến ngày", "tử số", "mẫu số",
                    "giá trị", "nguồn", "cơ quan ban hành", "ngày văn bản", "đường dẫn", "ghi chú"]


INDICATOR_HEADERS = ["id", "tên", "tên tiếng Anh", "đơn vị đo", "cao hơn là tốt hơn"]


# --------------------------------------------------------------------------- indicators


def _bundled_indicators() -> pd.DataFrame:
    import pandas as pd

    try:
        from ..evidence.load import load_indicators

        return load_indicators()
    except ImportError:
        pass
    from .._resources import data_path

    node = data_path("indicators.csv")
    if node.is_file():
        with node.open("r", encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    return pd.DataFrame(columns=["id", "name_vi", "name_en", "unit", "higher_is_better"])


def write_template(path) -> Path:
    """Write the Excel data-entry template (instructions, data sheet with dropdowns, own indicators)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..evidence.provinces import load_provinces

    target = Path(path)
    bundled = _bundled_indicators()
    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")

    ins = wb.active
    ins.title = INSTRUCTIONS_SHEET
    lines = [
        ("Mẫu nhập số liệu dịch vụ công trực tuyến (dvc-analysis)", True),
        ("", False),
        (f"1. Nhập mỗi số liệu trên một dòng ở trang '{DATA_SHEET}'. Không đổi tên cột.", False),
        ("2. tỉnh: chọn trong danh sách hoặc gõ tên (có dấu hay không dấu, 'TP.HCM', 'BR-VT' đều được).", False),
        ("   Số liệu trước 1/7/2025 dùng 63 tỉnh cũ; từ 1/7/2025 dùng 34 tỉnh mới (theo cột 'đến ngày').", False),
        ("3. đơn vị: để trống nếu là cả tỉnh; ghi tên sở, ban, huyện, xã nếu số liệu của một đơn vị.", False),
        ("4. chỉ tiêu: chọn tên trong danh sách (bảng dưới đây); gõ tên hay mã đều được. Chỉ tiêu riêng "
         f"của bạn: khai báo ở trang '{INDICATOR_SHEET}' (id, tên, đơn vị đo, cao hơn là tốt hơn) rồi dùng "
         "tên hoặc id đó.", False),
        ("5. từ ngày, đến ngày: ngày đầu và cuối kỳ (vd. 01/01/2024 và 31/12/2024). Số liệu tại một thời "
         "điểm: hai ngày bằng nhau.", False),
        ("6. tử số, mẫu số, giá trị: ghi số như trong văn bản (1.542 hoặc 99,74%). Tỷ lệ ghi theo %, "
         "từ 0 đến 100. 'trên 1.800' được hiểu là hơn 1.800. Ô trống hoặc '-' là không có số.", False),
        ("7. nguồn: tên văn bản/bài báo; cơ quan ban hành, ngày văn bản, đường dẫn: không bắt buộc, "
         "nhưng báo cáo trích dẫn đúng những gì ghi ở đây; ghi chú: định nghĩa, phạm vi, lưu ý.", False),
        ("8. Kiểm tra tệp: dvc-analysis validate TEN_TEP.xlsx (các dòng lỗi ghi vào TEN_TEP.rejected.csv).", False),
        ("9. Giải pháp và bằng chứng riêng của địa phương (không bắt buộc): trang 'Giải pháp riêng' và "
         "'Bằng chứng giải pháp'; được đọc khi lập kiến nghị, không phải số liệu.", False),
        ("", False),
        ("Danh mục chỉ tiêu (tên — mã — đơn vị đo):", True),
    ]
    for text, is_bold in lines:
        ins.append([text])
        if is_bold:
            ins.cell(ins.max_row, 1).font = bold
    for row in bundled.itertuples(index=False):
        ins.append([str(getattr(row, "name_vi", "")), str(row.id), str(getattr(row, "unit", ""))])
    ins.column_dimensions["A"].width = 40
    ins.column_dimensions["B"].width = 60

    data = wb.create_sheet(DATA_SHEET)
    data.append(TEMPLATE_HEADERS)
    for i, _ in enumerate(TEMPLATE_HEADERS, start=1):
        c = data.cell(1, i)
        c.font, c.fill = bold, fill
        c.alignment = Alignment(wrap_text=True)
    widths = [22, 24, 40, 13, 13, 12, 12, 12, 36, 26, 13, 30, 30]
    for i, w in enumerate(widths):
        data.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w
    data.freeze_panes = "A2"
    max_row = 5000

    inds = wb.create_sheet(INDICATOR_SHEET)
    inds.append(INDICATOR_HEADERS)
    for i in range(1, len(INDICATOR_HEADERS) + 1):
        inds.cell(1, i).font, inds.cell(1, i).fill = bold, fill
    for i, w in enumerate([24, 40, 40, 14, 18]):
        inds.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w

    lists = wb.create_sheet(LISTS_SHEET)
    names63 = list(load_provinces("63")["name"])
    names34 = [n for n in load_provinces("34")["name"] if n not in names63]
    prov = names63 + names34
    lists.append(["tỉnh", "chỉ tiêu", "đơn vị đo", "có/không", "mã chỉ tiêu"])
    ids = [str(x) for x in bundled["id"]] if "id" in bundled else []
    # the dropdown shows Vietnamese names; the ids sit in the hidden column E (either is accepted)
    names = [str(x) or i for x, i in zip(bundled.get("name_vi", bundled["id"]), ids, strict=True)]
    n_user = 100
    n = max(len(prov), len(ids) + n_user, len(UNITS))
    for i in range(n):
        a = prov[i] if i < len(prov) else None
        if i < len(ids):
            b = names[i]
            e = ids[i]
        elif i < len(ids) + n_user:
            j = i - len(ids) + 2
            own = f"'{INDICATOR_SHEET}'!"
            b = f"=IF({own}A{j}=\"\",\"\",IF({own}B{j}=\"\",{own}A{j},{own}B{j}))"
            e = f"=IF({own}A{j}=\"\",\"\",{own}A{j})"
        else:
            b = e = None
        c = UNITS[i] if i < len(UNITS) else None
        d = ["có", "không"][i] if i < 2 else None
        lists.append([a, b, c, d, e])
    lists.sheet_state = "hidden"

    def dv(formula: str, cells: str, sheet, title: str, strict: bool = False) -> None:
        v = DataValidation(type="list", formula1=formula, allow_blank=True)
        v.errorStyle = "stop" if strict else "warning"
        v.showErrorMessage = True
        v.errorTitle = title
        v.error = "Giá trị không có trong danh sách / value not in the list"
        sheet.add_data_validation(v)
        v.add(cells)

    q = f"'{LISTS_SHEET}'"
    dv(f"={q}!$A$2:$A${len(prov) + 1}", f"A2:A{max_row}", data, "tỉnh")
    dv(f"={q}!$B$2:$B${len(ids) + n_user + 1}", f"C2:C{max_row}", data, "chỉ tiêu")
    dv(f"={q}!$C$2:$C${len(UNITS) + 1}", "D2:D500", inds, "đơn vị đo", strict=True)
    dv(f"={q}!$D$2:$D$3", "E2:E500", inds, "cao hơn là tốt hơn")
    from .levers import add_lever_sheets

    add_lever_sheets(wb, example=False)  # the user's own levers and evidence (intake.levers)
    wb.active = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(target) as tmp:  # a filled workbook of that name is never left half-written
            wb.save(tmp)
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    return target
