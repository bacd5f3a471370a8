"""User-data import: formats, encodings, numbers, template round trip and a fuzz that never loses a row."""

from __future__ import annotations

import datetime as dt
import string

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvc_analysis.errors import UserDataError
from dvc_analysis.importer import (
    TEMPLATE_HEADERS,
    parse_number,
    parse_period,
    read_user_file,
    validate_file,
    write_template,
)

LONG_CSV = """tỉnh,chỉ tiêu,kỳ,giá trị,tử số,mẫu số,nguồn
TP. Đà Nẵng,on_time_rate,2024,"99,74%",,,báo cáo năm
Thừa Thiên - Huế,tthc_online_share,Q3/2021,,1.542,1.868,báo cáo quý
Bà Rịa - Vũng Tàu,dossier_received_count,6 tháng đầu năm 2024,trên 1.800,,,tin bài
Atlantis,on_time_rate,2024,50%,,,
Sơn La,no_such_indicator,2024,5,,,
Bình Dương,on_time_rate,2025,50%,,,
Sơn La,on_time_rate,2023,—,,,
Sơn La,on_time_rate,2023,120%,,,
"""


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores a base letter (ơ, â, ...) followed by a combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = d[-1]
            base = unicodedata.normalize("NFC", d[:-1])
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def _write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return p


@pytest.mark.parametrize("text,expected", [
    ("1.800", (1800.0, "exact", False)),
    ("99,74%", (99.74, "exact", True)),
    ("trên 1.800", (1800.0, "over", False)),
    ("hơn 14.100", (14100.0, "over", False)),
    ("khoảng 50%", (50.0, "about", True)),
    ("dưới 5", (5.0, "under", False)),
    ("1.234.567", (1234567.0, "exact", False)),
    ("1.234,5", (1234.5, "exact", False)),
    ("1,234.5", (1234.5, "exact", False)),
    ("19,5 %", (19.5, "exact", True)),
    ("1 800", (1800.0, "exact", False)),
    ("-", (None, "exact", False)),
    ("—", (None, "exact", False)),
    ("", (None, "exact", False)),
    (42, (42.0, "exact", False)),
])
def test_parse_number_vietnamese(text, expected):
    assert parse_number(text, "vi") == expected


def test_parse_number_english_and_errors():
    assert parse_number("1,800", "en") == (1800.0, "exact", False)
    assert parse_number("1.800", "en") == (1.8, "exact", False)
    assert parse_number("99.74%", "vi") == (99.74, "exact", True)  # two decimals: not thousands
    for junk in ("abc", "1.2.3,4,5", "12a", "1,23,4"):
        with pytest.raises(ValueError):
            parse_number(junk)


@pytest.mark.parametrize("label,start,end", [
    ("2024", "2024-01-01", "2024-12-31"),
    ("năm 2023", "2023-01-01", "2023-12-31"),
    ("Q3/2021", "2021-07-01", "2021-09-30"),
    ("quý IV/2022", "2022-10-01", "2022-12-31"),
    ("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"),
    ("9 tháng 2023", "2023-01-01", "2023-09-30"),
    ("tháng 2/2024", "2024-02-01", "2024-02-29"),
    ("2021-2025", "2021-01-01", "2025-12-31"),
    ("1/1/2024 - 18/12/2024", "2024-01-01", "2024-12-18"),
    ("15/09/2021", "2021-09-15", "2021-09-15"),
])
def test_parse_period(label, start, end):
    assert parse_period(label) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_long_csv_accepts_and_rejects_with_reasons(tmp_path):
    p = _write(tmp_path, "long.csv", LONG_CSV)
    acc, rej, probs = read_user_file(p)
    assert len(acc) + len(rej) == 8 == acc.attrs["input_rows"]
    got = acc.set_index("province_code")
    assert got.loc["48", "value"] == pytest.approx(99.74)
    assert got.loc["46", "numerator"] == 1542 and got.loc["46", "denominator"] == 1868
    assert str(got.loc["46", "period_start"].date()) == "2021-07-01"
    assert got.loc["77", "value"] == 1800 and got.loc["77", "qualifier"] == "over"
    assert got.loc["77", "evidence"] == "trên 1.800"
    assert set(acc["province_map"]) == {"63"}
    assert sorted(rej["row"].astype(int)) == [5, 6, 7, 8, 9]
    reasons = dict(zip(rej["row"].astype(int), rej["reason_en"], strict=True))
    assert "Unknown province" in reasons[5]
    assert "not in the vocabulary" in reasons[6]
    assert "former province" in reasons[7]  # Bình Dương in 2025: merged into HCM
    assert "no figure" in reasons[8]
    assert "between 0 and 100" in reasons[9]  # from the shared validation
    assert rej.loc[rej["row"].astype(int) == 5, "tỉnh"].item() == "Atlantis"  # original row kept
    assert {"file", "sheet", "row", "column", "value", "reason_vi", "reason_en"} <= set(probs.columns)


def test_validate_file_writes_rejected_csv(tmp_path):
    p = _write(tmp_path, "data.csv", LONG_CSV)
    out = tmp_path / "out"
    acc, rej, _ = validate_file(p, out_dir=out)
    target = out / "data.rejected.csv"
    assert target.exists()
    import pandas as pd

    back = pd.read_csv(target, encoding="utf-8-sig", dtype=str)
    assert len(back) == len(rej) == 5
    acc2, rej2, _ = validate_file(p)
    assert (tmp_path / "data.rejected.csv").exists() and len(rej2) == 5


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_encodings(tmp_path, encoding):
    p = _write(tmp_path, "enc.csv", LONG_CSV, encoding)
    acc, rej, _ = read_user_file(p)
    assert len(acc) == 3 and "77" in set(acc["province_code"])


def test_undecodable_bytes_are_refused(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"t\x81nh,ch\x8d ti\x90u\n\x9d\x81,\x8f\n")
    with pytest.raises(UserDataError) as e:
        read_user_file(p)
    assert "UTF-8" in e.value.vi and "encoding" in e.value.en


def test_missing_or_wrong_files(tmp_path):
    with pytest.raises(UserDataError):
        read_user_file(tmp_path / "nope.csv")
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(UserDataError):
        read_user_file(bad)
    empty = tmp_path / "e.csv"
    empty.write_text("")
    with pytest.raises(UserDataError):
        read_user_file(empty)


def test_english_headers_semicolons_and_english_numbers(tmp_path):
    text = ("province;indicator;period_start;period_end;value;source\n"
            "Ha Noi;dossier_received_count;2024-01-01;2024-12-31;1,234,567;x\n"
            "Son La;on_time_rate;2024-01-01;2024-12-31;98.5;x\n")
    acc, rej, _ = read_user_file(_write(tmp_path, "en.csv", text))
    assert len(rej) == 0
    assert sorted(acc["value"]) == [98.5, 1234567.0]


def test_wide_by_indicator_and_by_period(tmp_path):
    wide = ("Tỉnh,Kỳ,on_time_rate,Tỷ lệ hồ sơ trực tuyến\n"
            "Sơn La,2024,\"99,1%\",\"45,2%\"\n"
            "Vĩnh Phúc,2024,-,\"19,5%\"\n"
            "Thái Nguyên,2024,,\n")
    acc, rej, _ = read_user_file(_write(tmp_path, "wide.csv", wide))
    assert len(acc) == 3 and len(rej) == 1  # the empty row is kept, as rejected
    assert set(acc["indicator"]) == {"on_time_rate", "dossier_online_share"}
    assert rej["row"].astype(int).tolist() == [4]
    per = ("tỉnh,chỉ tiêu,2022,2023,Q1/2024\n"
           "Sơn La,on_time_rate,\"97%\",\"98%\",\"99%\"\n"
           "Bình Dương,on_time_rate,\"90%\",,abc\n")
    acc, rej, _ = read_user_file(_write(tmp_path, "per.csv", per))
    assert len(acc) == 4 and len(rej) == 1
    assert sorted(acc["period_label"].str.len() > 0) == [True] * 4
    assert "not a number" in rej["reason_en"].item()


def test_excel_percent_cells_and_dates(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["province", "indicator", "period_start", "period_end", "value"])
    ws.append(["Sơn La", "on_time_rate", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 0.9974])
    ws["E2"].number_format = "0.00%"
    ws.append(["Sơn La", "on_time_rate", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 99.5])
    p = tmp_path / "pct.xlsx"
    wb.save(p)
    acc, rej, _ = read_user_file(p)
    assert len(rej) == 0
    assert sorted(acc["value"].round(6)) == [99.5, 99.74]


def test_template_round_trip(tmp_path):
    tpl = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(tpl)
    assert wb.sheetnames[:3] == ["Hướng dẫn", "Dữ liệu", "Chỉ tiêu riêng"]
    assert wb["Danh mục"].sheet_state == "hidden"
    data = wb["Dữ liệu"]
    assert [c.value for c in data[1]] == TEMPLATE_HEADERS
    ranges = {str(v.sqref): v.formula1 for v in data.data_validations.dataValidation}
    assert any(r.startswith("A2") for r in ranges) and any(r.startswith("C2") for r in ranges)
    data.append(["TP.HCM", "", "on_time_rate", dt.date(2024, 1, 1), dt.date(2024, 12, 31),
                 14064, 14100, None, "Báo cáo UBND", ""])
    data.append(["Sơn La", "Sở Công Thương", "dossier_online_share", dt.date(2024, 1, 1),
                 dt.date(2024, 12, 31), None, None, "77,25%", "x", ""])
    data.append(["Sơn La", "", "score766_total", dt.date(2025, 7, 1), dt.date(2025, 12, 31),
                 None, None, "86,94", "Cổng DVCQG", ""])
    data.append(["Sơn La", "", "undeclared_thing", dt.date(2024, 1, 1), dt.date(2024, 12, 31),
                 None, None, 5, "", ""])
    data.append(["Huế", "", "on_time_rate", dt.date(2025, 7, 1), dt.date(2025, 9, 30),
                 None, None, "98%", "", ""])
    wb["Chỉ tiêu riêng"].append(["score766_total", "Tổng điểm 766", "766 total", "score", "có"])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    acc, rej, probs = validate_file(filled)
    assert len(acc) == 4 and len(rej) == 1
    assert rej["row"].astype(int).tolist() == [5] and rej["sheet"].item() == "Dữ liệu"
    by_ind = acc.set_index("indicator")
    assert by_ind.loc["on_time_rate", "numerator"].tolist()[0] == 14064
    assert by_ind.loc["dossier_online_share", "admin_level"] == "agency"
    assert by_ind.loc["score766_total", "province_map"] == "34"
    assert (tmp_path / "filled.rejected.csv").exists()
    assert acc.attrs["declared_indicators"][0]["unit"] == "score"


# ------------------------------------------------------------------ fuzz: never lose a row

HEADER_VARIANTS = {
    "province": ["tỉnh", "Tỉnh/Thành phố", "province", "TINH", "ti\u0309nh"],
    "indicator": ["chỉ tiêu", "indicator", "Chi tieu"],
    "period": ["kỳ", "period", "Năm"],
    "value": ["giá trị", "value", "Gia tri (%)"],
    "numerator": ["tử số", "numerator"],
    "denominator": ["mẫu số", "denominator"],
    "source": ["nguồn", "source"],
    "junk": ["xyz", "", "Cột lạ", "2024", "on_time_rate"],
}
CELL = st.one_of(
    st.none(),
    st.sampled_from(["Sơn La", "son la", "TP.HCM", "Thừa Thiên - Huế", "BR-VT", "Atlantis", "Hoà Bình",
                     "on_time_rate", "dossier_online_share", "tthc_total", "2024", "Q3/2021", "13/13/2024",
                     "99,74%", "1.542/1.868", "trên 1.800", "—", "-", "1,5", "abc", "=SUM(A1)", "0",
                     "120%", "\u0000", "😀", " ", "Bình Dương", "6 tháng đầu năm 2025"]),
    st.text(alphabet=string.printable + "ăâđêôơưạảấầẩẫậ\u0301\u0300", max_size=12),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


@st.composite
def tables(draw):
    fields = draw(st.lists(st.sampled_from(sorted(HEADER_VARIANTS)), min_size=0, max_size=7))
    header = [draw(st.sampled_from(HEADER_VARIANTS[f])) for f in fields]
    n = draw(st.integers(0, 8))
    rows = [[draw(CELL) for _ in header] + draw(st.lists(CELL, max_size=2)) for _ in range(n)]
    return header, rows


def _to_text(x):
    if x is None:
        return ""
    return str(x).replace("\x00", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), fmt=st.sampled_from(["csv", "xlsx"]), extra_empty_sheet=st.booleans())
def test_fuzz_never_crashes_never_loses_rows(tmp_path_factory, table, fmt, extra_empty_sheet):
    header, rows = table
    d = tmp_path_factory.mktemp("fuzz")
    if fmt == "csv":
        import csv

        p = d / "f.csv"
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for r in rows:
                w.writerow([_to_text(c) for c in r])
    else:
        import openpyxl as ox
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        p = d / "f.xlsx"
        wb = ox.Workbook()
        ws = wb.active
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", h) for h in header])
        for r in rows:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else
                       (None if isinstance(c, float) and (c != c or abs(c) == float("inf")) else c)
                       for c in r])
        if extra_empty_sheet:
            wb.create_sheet("trống")
        wb.save(p)
    try:
        acc, rej, probs = read_user_file(p)
    except UserDataError:
        return  # a clear, bilingual refusal (empty file, no data) is fine
    assert len(acc) + len(rej) == acc.attrs["records"]
    assert len(acc) + len(rej) >= acc.attrs["input_rows"]
    seen = set(acc["row"].astype(int)) | set(rej["row"].astype(int))
    assert len(seen) == acc.attrs["input_rows"]
    if len(rej):
        assert rej["reason_vi"].str.len().gt(0).all() and rej["reason_en"].str.len().gt(0).all()


def test_user_rows_join_the_evidence_base_in_both_maps(tmp_path):
    """Rows after 1/7/2025 are keyed in the 34-province map and stay there when re-keyed."""
    import pandas as pd

    from dvc_analysis.indicators import to_34_provinces
    from dvc_analysis.load import load_observations

    text = ("tỉnh,chỉ tiêu,từ ngày,đến ngày,giá trị\n"
            "Bắc Ninh,on_time_rate,01/07/2025,31/12/2025,\"98%\"\n"
            "Bắc Ninh,on_time_rate,01/01/2024,31/12/2024,\"97%\"\n")
    acc, rej, _ = read_user_file(_write(tmp_path, "bn.csv", text))
    assert len(rej) == 0
    assert dict(zip(acc["province_map"], acc["province_code"], strict=True)) == {"34": "24", "63": "27"}
    merged = pd.concat([load_observations(), acc], ignore_index=True)
    assert len(merged) == len(load_observations()) + 2
    new = to_34_provinces(acc)
    row_2025 = new[new["period_end"].dt.year == 2025]
    assert row_2025["province_code"].item() == "24" and row_2025["value"].item() == 98
    # 2024: old Bắc Ninh (27) alone is only part of the new Bắc Ninh (24): no value
    row_2024 = new[new["period_end"].dt.year == 2024]
    assert row_2024["province_code"].item() == "24" and row_2024["value"].isna().item()


def test_sheet_argument_keeps_declared_indicators(tmp_path):
    tpl = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(tpl)
    wb["Dữ liệu"].append(["Sơn La", "", "dti_rank", dt.date(2024, 12, 31), dt.date(2024, 12, 31),
                          None, None, "22/63", "", ""])
    wb["Chỉ tiêu riêng"].append(["dti_rank", "Xếp hạng DTI", "DTI rank", "thứ hạng", "không"])
    wb.create_sheet("Ghi chép").append(["không phải dữ liệu"])
    wb.save(tmp_path / "f.xlsx")
    acc, rej, _ = read_user_file(tmp_path / "f.xlsx", sheet="Dữ liệu")
    assert len(rej) == 0 and acc["value"].item() == 22 and acc["denominator"].item() == 63
    acc, rej, _ = read_user_file(tmp_path / "f.xlsx")  # the notes sheet is rejected, not lost
    assert len(acc) == 1 and rej["sheet"].tolist() == ["Ghi chép"]
    with pytest.raises(Exception) as e:
        read_user_file(tmp_path / "f.xlsx", sheet="Không có")
    assert "Không có" in str(e.value)


def test_round_trip_template_to_report_inputs(tmp_path):
    """template → filled by hand (openpyxl) → report preparation with only the user's rows."""
    from dvc_analysis.report import prepare

    tpl = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(tpl)
    ws = wb["Dữ liệu"]
    for name, value in [("Sơn La", "86,94"), ("Bắc Ninh", "92,5"), ("Cao Bằng", "70")]:
        ws.append([name, "", "diem_766", dt.date(2025, 7, 1), dt.date(2025, 12, 31),
                   None, None, value, "Cổng DVCQG", ""])
    wb["Chỉ tiêu riêng"].append(["diem_766", "Điểm Bộ chỉ số 766", "766 score", "điểm", "có"])
    filled = tmp_path / "diem.xlsx"
    wb.save(filled)
    ctx = prepare(data_files=[filled], only=True)
    assert "diem_766" in set(ctx["indicators"]["id"])
    comp = ctx["comparisons"]["diem_766"]
    assert sorted(comp["value"]) == [70, 86.94, 92.5]
    assert set(ctx["obs"]["province_map"]) == {"34"}


CLEAN_ROWS = [
    ("Sơn La", "on_time_rate", "2024", "99,74%", 99.74),
    ("Thừa Thiên - Huế", "dossier_online_share", "Q3/2021", "19,5%", 19.5),
    ("TP.HCM", "dossier_received_count", "6 tháng đầu năm 2024", "1.542", 1542.0),
    ("Bà Rịa - Vũng Tàu", "tthc_total", "2023", "1.868", 1868.0),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    order=st.permutations([0, 1, 2, 3]),
    names=st.tuples(*(st.sampled_from(HEADER_VARIANTS[f]) for f in ("province", "indicator", "period", "value"))),
    form=st.sampled_from(["NFC", "NFD"]),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_shuffled_renamed_columns_give_the_same_figures(tmp_path_factory, order, names, form, fmt):
    import csv
    import unicodedata

    d = tmp_path_factory.mktemp("clean")
    header = [unicodedata.normalize(form, names[i]) for i in order]
    rows = [[unicodedata.normalize(form, r[i]) for i in order] for r in CLEAN_ROWS]
    if fmt == "csv":
        p = d / "c.csv"
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
    else:
        p = d / "c.xlsx"
        wb = openpyxl.Workbook()
        wb.active.append(header)
        for r in rows:
            wb.active.append(r)
        wb.save(p)
    acc, rej, _ = read_user_file(p)
    assert len(rej) == 0
    assert sorted(acc["value"]) == sorted(r[4] for r in CLEAN_ROWS)
    assert sorted(acc["province_code"]) == ["14", "46", "77", "79"]


def test_damaged_utf8_is_refused_not_misread(tmp_path):
    raw = LONG_CSV.encode("utf-8")
    cut = raw.index("Vũng".encode()) + 2  # inside a multi-byte letter
    p = tmp_path / "damaged.csv"
    p.write_bytes(raw[:cut] + b"\xff" + raw[cut + 1:])
    with pytest.raises(UserDataError) as e:
        read_user_file(p)
    assert "UTF-8" in e.value.en and "byte" in e.value.en


def test_wide_table_with_the_period_in_its_title(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Bảng 2. Kết quả giải quyết hồ sơ quý III/2023"])
    ws.append([])
    ws.append(["STT", "Tỉnh, thành phố", "Tỷ lệ hồ sơ trực tuyến (%)", "Số hồ sơ tiếp nhận mới"])
    ws.append([1, "Vĩnh Phúc", "19,5", "1.190"])
    ws.append([2, "Sơn La", "45", "2.000"])
    wb.save(tmp_path / "t.xlsx")
    acc, rej, _ = read_user_file(tmp_path / "t.xlsx")
    assert len(rej) == 0 and len(acc) == 4
    assert set(acc["period_start"].dt.strftime("%Y-%m-%d")) == {"2023-07-01"}
    assert set(acc["indicator"]) == {"dossier_online_share", "dossier_received_count"}
    assert sorted(acc["value"]) == [19.5, 45, 1190, 2000]


def test_impossible_month_is_rejected_not_shifted(tmp_path):
    text = (
        "tỉnh,chỉ tiêu,từ ngày,đến ngày,giá trị\n"
        "Bình Dương,dossier_online_share,1/2024,13/2024,77\n"
        "Bình Dương,dossier_online_share,0/2024,2/2024,77\n"
        "Bình Dương,dossier_online_share,1/2024,2/2024,77\n"
    )
    p = _write(tmp_path, "months.csv", text)
    acc, rej, probs = read_user_file(p)
    assert len(acc) + len(rej) == 3
    assert len(acc) == 1 and str(acc["period_end"].iloc[0])[:10] == "2024-02-29"
    assert sorted(rej["row"].astype(int)) == [2, 3]
    assert set(probs["column"]) <= {"từ ngày", "đến ngày"}
