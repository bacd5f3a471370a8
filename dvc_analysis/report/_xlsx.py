"""Write the report's tables: one Excel workbook (a contents sheet, one sheet per table, and a
technical sheet) and a CSV copy of each table (UTF-8 with BOM so that Excel shows Vietnamese).

The reader's sheets carry headers in the report's language with units, "có/không" for flags
and names instead of codes; the ids and the columns only the software needs (obs_id, indicator
ids, warning codes, ...) go to one sheet, "Kỹ thuật" ("Technical"), keyed by sheet and row
number. Every sheet prints on A4 landscape, fitted to the page width, with the header row
repeated and frozen. The CSV copies keep the machine column names of the tables.

The workbook is written with XlsxWriter in constant-memory mode, row by row, which stays fast
for the million cells of a 63-province, 24-month dataset.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from .._safeio import write_csv, xlsx_text_needs_guard

CONTENTS_SHEET = "contents"  # the table name of the contents sheet (its visible name is translated)
TECHNICAL_SHEET = {"vi": "Kỹ thuật", "en": "Technical"}
ROW_NO = {"vi": "STT", "en": "No."}
SHEET_COL = {"vi": "Trang tính", "en": "Sheet"}
YES_NO = {"vi": ("có", "không"), "en": ("yes", "no")}

# visible sheet names of the report's tables (Excel: at most 31 characters)
SHEET_NAMES = {
    "contents": ("Mục lục", "Contents"),
    "observations": ("Số liệu", "Observations"),
    "comparisons": ("So sánh", "Comparisons"),
    "gaps_to_targets": ("Khoảng cách mục tiêu", "Gaps to targets"),
    "pipelines": ("Chuỗi cung cấp", "Pipelines"),
    "audit": ("Kiểm tra nhất quán", "Consistency audit"),
    "recommendations": ("Khuyến nghị", "Recommendations"),
    "barriers_levers": ("Rào cản và giải pháp", "Barriers and levers"),
    "barrier_mentions": ("Lần nêu rào cản", "Barrier mentions"),
    "indicators": ("Chỉ tiêu", "Indicators"),
    "sources": ("Nguồn", "Sources"),
    "targets": ("Mục tiêu", "Targets"),
    "province_map": ("Đối chiếu tỉnh", "Province mapping"),
}

# column -> (Vietnamese header, English header); units in brackets
COLUMN_LABELS = {
    "source_id": ("Mã nguồn", "Source"),
    "target_source_id": ("Nguồn của mục tiêu", "Source of the target"),
    "paragraph": ("Đoạn", "Paragraph"),
    "target_paragraph": ("Đoạn (mục tiêu)", "Paragraph (target)"),
    "province_code": ("Mã tỉnh", "Province code"),
    "province_name": ("Tỉnh", "Province"),
    "unit_name": ("Đơn vị báo cáo", "Reporting unit"),
    "unit_label": ("Đơn vị báo cáo (kèm tỉnh)", "Reporting unit (with province)"),
    "unit": ("Đơn vị", "Unit"),
    "admin_level": ("Cấp hành chính", "Administrative level"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "period_start": ("Từ ngày", "From"),
    "period_end": ("Đến ngày", "To"),
    "period_label": ("Kỳ", "Period"),
    "numerator": ("Tử số (số đếm)", "Numerator (count)"),
    "denominator": ("Mẫu số (số đếm)", "Denominator (count)"),
    "value": ("Giá trị nguồn nêu (theo đơn vị chỉ tiêu)", "Value stated (indicator's unit)"),
    "qualifier": ("Tính chất giá trị", "Value qualifier"),
    "rate_qualifier": ("Tính chất tỷ lệ", "Rate qualifier"),
    "evidence": ("Con số như nguồn viết", "Figure as printed"),
    "evidence_numerator": ("Tử số như nguồn viết", "Numerator as printed"),
    "evidence_denominator": ("Mẫu số như nguồn viết", "Denominator as printed"),
    "evidence_value": ("Giá trị như nguồn viết", "Value as printed"),
    "qualifier_denominator": ("Tính chất mẫu số", "Denominator qualifier"),
    "rate": ("Tỷ lệ (%)", "Rate (%)"),
    "ci_low": ("Cận dưới KTC 95% (%)", "95% CI low (%)"),
    "ci_high": ("Cận trên KTC 95% (%)", "95% CI high (%)"),
    "no_counts": ("Không có tử số, mẫu số", "No counts"),
    "small_n": ("Mẫu số nhỏ", "Small denominator"),
    "zero_denominator": ("Mẫu số bằng 0", "Zero denominator"),
    "invalid_counts": ("Tử số, mẫu số không hợp lệ", "Invalid counts"),
    "latest": ("Giá trị mới nhất của đơn vị", "Unit's latest value"),
    "observed": ("Giá trị quan sát (%)", "Observed (%)"),
    "scope": ("Phạm vi mục tiêu", "Target scope"),
    "target_value": ("Mục tiêu (%)", "Target (%)"),
    "comparator": ("So sánh", "Comparator"),
    "target_year": ("Năm mục tiêu", "Target year"),
    "document": ("Văn bản", "Document"),
    "grade": ("Mức tin cậy của văn bản", "Evidence grade"),
    "gap_pp": ("Khoảng cách (điểm phần trăm)", "Gap (percentage points)"),
    "met": ("Đã đạt", "Met"),
    "years_left": ("Số năm còn lại", "Years left"),
    "needed_pp_per_year": ("Cần tăng mỗi năm (điểm phần trăm)", "Needed per year (percentage points)"),
    "year": ("Năm", "Year"),
    "stage_order": ("Bước", "Step"),
    "stage_vi": ("Bước của chuỗi", "Stage (Vietnamese)"),
    "stage_en": ("Stage (tiếng Anh)", "Stage"),
    "count": ("Số đếm", "Count"),
    "kept_pct": ("Giữ lại so với bước trước (%)", "Kept from the previous step (%)"),
    "lost_pct": ("Mất so với bước trước (%)", "Lost from the previous step (%)"),
    "lost_count": ("Số mất so với bước trước", "Lost from the previous step (count)"),
    "of_first_pct": ("So với bước đầu (%)", "Of the first step (%)"),
    "nested": ("Các bước lồng nhau", "Nested stages"),
    "conflict": ("Có số liệu mâu thuẫn", "Conflicting figures"),
    "severity": ("Mức độ", "Severity"),
    "message_vi": ("Nội dung", "Finding (Vietnamese)"),
    "message_en": ("Finding (tiếng Anh)", "Finding"),
    "expected": ("Giá trị kỳ vọng", "Expected"),
    "stated": ("Giá trị nguồn nêu", "Stated"),
    "barrier": ("Mã rào cản", "Barrier code"),
    "barrier_name": ("Rào cản", "Barrier"),
    "barrier_cited": ("Rào cản được nêu ở (nguồn, đoạn)", "Barrier cited in (source, paragraph)"),
    "lever": ("Mã giải pháp", "Lever code"),
    "lever_name": ("Giải pháp", "Lever"),
    "lever_cited": ("Giải pháp được nêu ở (nguồn, đoạn)", "Lever cited in (source, paragraph)"),
    "lever_same_source": ("Nguồn của đơn vị tự nêu giải pháp", "Lever named by the unit's own source"),
    "kind": ("Loại", "Kind"),
    "code": ("Mã", "Code"),
    "summary": ("Tóm tắt (diễn đạt lại)", "Summary (paraphrased, Vietnamese)"),
    "terms": ("Từ khóa trong nguồn", "Terms in the source"),
    "name_vi": ("Tên chỉ tiêu", "Name (Vietnamese)"),
    "name_en": ("Tên tiếng Anh", "Name"),
    "numerator_def": ("Tử số (định nghĩa, tiếng Anh)", "Numerator (definition)"),
    "denominator_def": ("Mẫu số (định nghĩa, tiếng Anh)", "Denominator (definition)"),
    "higher_is_better": ("Càng cao càng tốt", "Higher is better"),
    "title": ("Tên nguồn", "Title (Vietnamese)"),
    "title_en": ("Tên nguồn (tiếng Anh)", "Title"),
    "headline": ("Tiêu đề gốc", "Original headline"),
    "url": ("Đường dẫn", "Link"),
    "outlet": ("Cơ quan đăng", "Publisher"),
    "author": ("Tác giả", "Author"),
    "published": ("Ngày đăng", "Published"),
    "published_estimated": ("Ngày đăng là ước tính", "Date estimated"),
    "language": ("Ngôn ngữ", "Language"),
    "old_code": ("Mã tỉnh cũ", "Old code"),
    "old_name": ("Tỉnh trước 1/7/2025", "Province before 1 July 2025"),
    "new_code": ("Mã tỉnh mới", "New code"),
    "new_name": ("Tỉnh từ 1/7/2025", "Province from 1 July 2025"),
    # the contents sheet
    "sheet": ("Trang tính", "Sheet"),
    "rows": ("Số dòng", "Rows"),
    "description": ("Mô tả", "Description"),
}
# columns the software needs but a reader does not: ids, codes, bookkeeping
TECHNICAL = {
    "obs_id", "obs_ids", "indicator_original", "level_system", "warnings", "rate_basis",
    "component", "part_of", "count_of", "target_id", "pipeline", "stage", "check", "id",
    "group", "basis", "comparable_with", "period_label_en",
}
# free text written in English in the data files: technical in a Vietnamese workbook
ENGLISH_TEXT = {"note", "notes", "basis", "numerator_def", "denominator_def", "message_en",
                "name_en", "stage_en", "period_label_en", "title_en"}
VIETNAMESE_ONLY = {"message_vi", "stage_vi"}
# coded values shown in words
VALUE_WORDS = {
    "admin_level": {"province": ("tỉnh", "province"), "district": ("huyện", "district"),
                    "agency": ("sở, ngành", "agency"), "commune": ("xã", "commune"),
                    "national": ("toàn quốc", "national")},
    "qualifier": {"exact": ("đúng bằng", "exact"), "over": ("trên (cận dưới)", "over (lower bound)"),
                  "under": ("dưới (cận trên)", "under (upper bound)"),
                  "approx": ("khoảng", "about")},
    "scope": {"national": ("toàn quốc", "national"), "province": ("tỉnh", "province")},
    "comparator": {"ge": ("≥", "≥"), "gt": (">", ">"), "eq": ("=", "="), "le": ("≤", "≤"),
                   "lt": ("<", "<")},
    "unit": {"percent": ("%", "%"), "count": ("số đếm", "count"), "rank": ("thứ hạng", "rank"),
             "score": ("điểm", "score"), "money_vnd": ("đồng", "VND")},
    "severity": {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"),
                 "info": ("lưu ý", "note")},
    "kind": {"barrier": ("rào cản", "barrier"), "lever": ("giải pháp", "lever")},
    "language": {"vi": ("tiếng Việt", "Vietnamese"), "en": ("tiếng Anh", "English")},
}
VALUE_WORDS["rate_qualifier"] = VALUE_WORDS["qualifier"]
VALUE_WORDS["qualifier_denominator"] = VALUE_WORDS["qualifier"]
_FLAG_VALUES = {"true", "false", "1", "0", "yes", "no", "1.0", "0.0"}
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


def _is_flag(series: pd.Series) -> bool:
    if series.dtype == bool:
        return True
    values = {str(v).strip().lower() for v in series.dropna() if str(v).strip()}
    return bool(values) and values <= _FLAG_VALUES and series.name not in {"paragraph", "count"}


def _flag_words(series: pd.Series, lang: str) -> pd.Series:
    yes, no = YES_NO[lang]
    return series.map(
        lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) == ""
        else (yes if str(v).strip().lower() in {"true", "1", "yes", "1.0"} else no)
    )


def _short_source(value) -> str:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return text.split("_", 1)[0] if re.match(r"^\d{3}_", text) else text


def readable(name: str, df: pd.DataFrame, lang: str = "vi",
             indicator_names: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split one table into what a reader sees and what only the software needs.

    Parameters
    ----------
    name : str
        The table's name (e.g. "observations"), written in the technical part.
    df : DataFrame
        The table as the analysis returns it (machine column names).
    lang : {"vi", "en"}
        Language of headers and words.
    indicator_names : dict, optional
        Indicator id -> name, to show names instead of ids.

    Returns
    -------
    (reader's table, technical table)
        The reader's table starts with a row number column; the technical table has the sheet,
        the same row number and the technical columns under their machine names.

    Examples
    --------
    >>> shown, tech = readable("x", pd.DataFrame({"obs_id": ["000-001"], "latest": [True]}))
    >>> list(shown.columns), list(tech.columns)
    (['STT', 'Giá trị mới nhất của đơn vị'], ['Trang tính', 'STT', 'obs_id'])
    """
    i = 0 if lang == "vi" else 1
    names = indicator_names or {}
    rows = pd.RangeIndex(1, len(df) + 1)
    shown = {ROW_NO[lang]: list(rows)}
    tech = {SHEET_COL[lang]: [SHEET_NAMES.get(name, (name, name))[i]] * len(df),
            ROW_NO[lang]: list(rows)}
    english = ENGLISH_TEXT if lang == "vi" else VIETNAMESE_ONLY
    for col in df.columns:
        series = df[col].reset_index(drop=True)
        key = str(col)
        if key in TECHNICAL or key in english or key not in COLUMN_LABELS:
            tech[key] = list(series)
            continue
        label = COLUMN_LABELS[key][i]
        if key == "indicator":
            tech[key] = list(series)
            series = series.map(lambda v: names.get(str(v), str(v)) if isinstance(v, str) else v)
        elif key in ("source_id", "target_source_id"):
            if series.map(lambda v: isinstance(v, str) and "_" in v).any():
                tech[key] = list(series)
            series = series.map(_short_source)
        elif key in VALUE_WORDS:
            words = VALUE_WORDS[key]
            series = series.map(lambda v, w=words: w[v][i] if isinstance(v, str) and v in w else v)
        elif _is_flag(series):
            series = _flag_words(series, lang)
        shown[label] = list(series)
    return pd.DataFrame(shown), pd.DataFrame(tech)


def _page_setup(sheet, title: str) -> None:
    """A4 landscape, fitted to one page wide, header row repeated, page numbers in the footer."""
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    safe = title.replace("&", "&&")
    sheet.set_header(f"&L&8{safe}")
    sheet.set_footer("&C&8&P / &N")


def write_workbook(sheets: list[tuple[str, pd.DataFrame]], path: str | Path, *,
                   titles: dict[str, str] | None = None) -> Path:
    """Write (sheet name, DataFrame) pairs to an .xlsx file: header row bold, wrapped and frozen
    with the first column, an autofilter, column widths from the first rows (long text wraps
    at 40 characters), dates as dd/mm/yyyy, and the print setup of :func:`_page_setup`."""
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False, "nan_inf_to_errors": False}
    )
    as_text = workbook.add_format({"quote_prefix": True})  # formula-looking text stays text in Excel
    header = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "text_wrap": True,
                                  "valign": "top", "border": 1})
    date = workbook.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    for name, frame in sheets:
        df = _excel_safe(frame)
        sheet = workbook.add_worksheet(name[:31])
        sample = df.head(200)
        for j, col in enumerate(df.columns):
            longest_word = max((len(w) for w in str(col).split()), default=4)
            longest = max([longest_word] + [len(str(v)) for v in sample[col] if not pd.isna(v)])
            dated = pd.api.types.is_datetime64_any_dtype(df[col])
            # long text wraps at 40 characters so that a sheet fitted to the page width
            # stays readable
            fmt = date if dated else (wrap if longest > 40 else top)
            sheet.set_column(j, j, min(max(longest + 2, 8), 40), fmt)
        sheet.freeze_panes(1, 1 if len(df.columns) > 1 else 0)
        _page_setup(sheet, (titles or {}).get(name, name))
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

    The workbook starts with a contents sheet that describes every sheet (itself and the
    technical sheet included), then one sheet per table under a name in the report's language
    (:data:`SHEET_NAMES`, else the table's `name`), then the technical sheet. Returns the paths
    written, workbook first; CSV files are named ``<name>.csv`` and keep machine column names.
    """
    i = 0 if lang == "vi" else 1
    ind = next((t["df"] for t in tables if t["name"] == "indicators"), None)
    names = {}
    if ind is not None and "id" in ind:
        col = "name_vi" if lang == "vi" and "name_vi" in ind else "name_en"
        if col in ind:
            names = dict(zip(ind["id"].astype(str), ind[col].astype(str), strict=False))
    shown_sheets, tech_parts, titles = [], [], {}
    for t in tables:
        sheet = SHEET_NAMES.get(t["name"], (t["name"], t["name"]))[i][:31]
        shown, tech = readable(t["name"], t["df"], lang, names)
        shown_sheets.append((sheet, shown))
        titles[sheet] = t["title"]
        if tech.shape[1] > 2 and len(tech):
            tech_parts.append(tech)
    technical = pd.concat(tech_parts, ignore_index=True) if tech_parts else pd.DataFrame()
    tech_name = TECHNICAL_SHEET[lang]
    contents_name = SHEET_NAMES["contents"][i]
    described = [
        (contents_name,
         "Mục lục" if i == 0 else "Contents",
         len(tables) + 2,
         "Trang này: mỗi dòng một trang tính của sổ, kèm nội dung và số dòng." if i == 0
         else "This sheet: one row per sheet of the workbook, with its content and row count."),
        *[(sheet, t["title"], len(t["df"]), t.get("description", ""))
          for (sheet, _), t in zip(shown_sheets, tables, strict=True)],
        (tech_name,
         "Mã và cột kỹ thuật" if i == 0 else "Ids and technical columns",
         len(technical),
         "Mã số liệu, mã chỉ tiêu, mã cảnh báo và các cột chỉ phần mềm cần, theo trang tính và "
         "STT của dòng; tên cột giữ như trong các tệp CSV." if i == 0 else
         "Observation ids, indicator ids, warning codes and the columns only the software needs, "
         "by sheet and row number; column names as in the CSV files."),
    ]
    contents = pd.DataFrame(described, columns=[
        COLUMN_LABELS["sheet"][i], "Nội dung" if i == 0 else "Content",
        COLUMN_LABELS["rows"][i], COLUMN_LABELS["description"][i]])
    titles[contents_name] = described[0][1]
    titles[tech_name] = described[-1][1]
    sheets = [(contents_name, contents), *shown_sheets, (tech_name, technical)]
    written = [write_workbook(sheets, xlsx_path, titles=titles)]
    if csv_dir is not None:
        csv_dir = Path(csv_dir)
        csv_dir.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = csv_dir / f"{table['name']}.csv"
            write_csv(_excel_safe(table["df"]), path, date_format="%Y-%m-%d")
            written.append(path)
    return written

