"""The user's own workbook end to end: rejected rows named, sources cited, units ranked, trend drawn."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis.analysis.focus import rank_units
from dvc_analysis.cli import main
from dvc_analysis.evidence.load import load_indicators
from dvc_analysis.evidence.provinces import province_name, resolve
from dvc_analysis.intake.userfile import read_user_file, validate_file
from dvc_analysis.report.own import ranking_sentences

FIXTURE = Path(__file__).parent / "fixtures" / "own_data.xlsx"


def _data_rows():
    """The fixture's data rows as written (row number, cells), read with openpyxl."""
    import openpyxl

    ws = openpyxl.load_workbook(FIXTURE, read_only=True)["Dữ liệu"]
    rows = [(i, [c.value for c in r]) for i, r in enumerate(ws.iter_rows(), start=1)]
    return [(i, cells) for i, cells in rows[1:] if any(v not in (None, "") for v in cells)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("own")
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["report", "--data", str(FIXTURE), "--only", "--out", str(out / "r"), "-q"])
    return code, buf.getvalue(), out / "r"


def _text(html: str) -> str:
    import html as h

    t = re.sub(r"<style.*?</style>|<img[^>]*>", "", html, flags=re.S)
    return h.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", t)))


def test_report_names_the_rejected_rows_and_their_file(built):
    code, stdout, out = built
    assert code == 0
    rejected_csv = out / "own_data.rejected.csv"
    assert rejected_csv.is_file()
    rejected = pd.read_csv(rejected_csv, encoding="utf-8-sig")
    accepted, _, _ = read_user_file(FIXTURE)
    assert len(accepted) + len(rejected) == len(_data_rows())
    assert len(rejected) == 4
    line = next(x for x in stdout.splitlines() if x.startswith("own_data.xlsx"))
    assert f"{len(rejected)} bị loại" in line and str(rejected_csv) in line
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "loại 4" in readme and "own_data.rejected.csv" in readme
    assert "loại 4" in _text((out / "report.html").read_text(encoding="utf-8"))


def test_strict_stops_before_writing(tmp_path, capsys):
    out = tmp_path / "strict"
    code = main(["report", "--data", str(FIXTURE), "--only", "--strict", "--out", str(out), "-q"])
    assert code == 1
    assert "--strict" in capsys.readouterr().err
    assert not out.exists() or not any(p.is_file() and not p.name.startswith(".") for p in out.rglob("*"))


def test_report_compares_two_user_provinces_in_the_same_period(built):
    _, _, out = built
    text = _text((out / "report.html").read_text(encoding="utf-8"))
    accepted, _, _ = read_user_file(FIXTURE)
    q4 = accepted[(accepted["indicator"] == "dossier_online_share") & (accepted["period_end"] == "2024-12-31")]
    rate = (q4["numerator"] / q4["denominator"]).set_axis(q4["province_code"])
    top, low = province_name(rate.idxmax()), province_name(rate.idxmin())
    assert re.search(rf"Cùng quý 4/2024, {top} cao hơn {low}", text)


def test_user_source_title_in_table_1_and_citations(built):
    _, _, out = built
    text = _text((out / "report.html").read_text(encoding="utf-8"))
    start = text.index("Bảng 1.")
    table1 = text[start:text.index("Chỉ tiêu và định nghĩa", start)]
    for title in ("Báo cáo kết quả giải quyết thủ tục hành chính quý IV/2024",
                  "Báo cáo công tác cải cách hành chính quý I/2024"):
        assert title in table1
    assert "UBND tỉnh Quảng Ninh" in table1
    assert "nguồn: tệp" not in text  # every citation names the source, not the file stem
    assert "không đến đoạn văn" in text  # provenance stated as document-level for these rows


def test_only_report_leaves_out_bundled_barriers_and_unused_indicators(built):
    _, _, out = built
    text = _text((out / "report.html").read_text(encoding="utf-8"))
    assert not list((out / "figures").glob("*rao_can*"))
    appendix = text[text.index("Phụ lục A. Định nghĩa chỉ tiêu", text.index("Phụ lục B")):]
    appendix = appendix.split("Phụ lục B")[0]
    used = {"dossier_online_share", "payment_dossier_share", "on_time_rate"}
    # Appendix A names the indicators (their ids are on the workbook's technical sheet)
    names = load_indicators().set_index("id")["name_vi"]
    listed = {i for i, name in names.items() if name in appendix}
    assert used <= listed
    assert not {i for i in listed - used if not any(names[i] in names[u] for u in used)}
    # no coded barrier among the user's sources: recommendations rest on the units' cited gaps,
    # one subsection per unit of the user's file (the section number follows the key messages)
    for unit in ("Quảng Ninh", "Nghệ An", "Hà Tĩnh"):
        assert re.search(rf"\d+\.\d+\. {unit}", text), unit


def test_trend_svg_names_every_focus_unit(built):
    _, _, out = built
    # numbered as in the report: hinh_NN_xu_huong_<indicator>.svg
    (path,) = (out / "figures").glob("hinh_*_xu_huong_dossier_online_share.svg")
    svg = path.read_text(encoding="utf-8")
    accepted, _, _ = read_user_file(FIXTURE)
    for code in accepted["province_code"].unique():
        assert f">{province_name(code)}<" in svg or province_name(code) in re.sub(r"<[^>]+>", "", svg)


def test_validation_lists_every_interpretation(tmp_path):
    understood: list[dict] = []
    accepted, rejected, _ = validate_file(FIXTURE, out_dir=tmp_path, interpretations=understood)
    rows = {int(r) for r in accepted["row"]}
    got = {(d["row"], d["column"]): d for d in understood}
    for rownum, cells in _data_rows():
        if rownum not in rows:
            continue
        name = str(cells[0])
        canonical = province_name(resolve(name))
        if name != canonical:
            assert got[(rownum, "tỉnh")]["understood"] == canonical
        for col, cell in (("tử số", cells[5]), ("mẫu số", cells[6])):
            if isinstance(cell, str):
                assert got[(rownum, col)]["understood"] == cell.replace(".", "")
        ind = str(cells[2])
        if ind not in set(load_indicators()["id"]) and ind not in set(load_indicators()["name_vi"]):
            assert (rownum, "chỉ tiêu") in got
    notes = pd.read_csv(tmp_path / "own_data.interpretations.csv", encoding="utf-8-sig")
    assert len(notes) == len(understood)
    assert {"Quảng Nính", "Hà Tỉnh"} <= set(notes["value"])


def test_validate_prints_the_corrected_names(capsys, tmp_path):
    main(["validate", str(FIXTURE), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert "Quảng Nính → Quảng Ninh" in out and "Hà Tỉnh → Hà Tĩnh" in out


def _obs(rows):
    base = dict(obs_id="", source_id="user:t", paragraph=float("nan"), unit_name="", admin_level="province",
                component="", qualifier="exact", evidence="", period_label="", value=float("nan"))
    df = pd.DataFrame([{**base, **r} for r in rows])
    df["obs_id"] = [f"u{i}" for i in range(len(df))]
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    return df


def test_rank_units_uses_latest_common_period_and_keeps_missing_units():
    q2, q3, q4 = ("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31")
    rows = [dict(province_code=code, indicator="dossier_online_share", period_start=p[0], period_end=p[1],
                 numerator=num, denominator=100)
            for code, p, num in (("22", q3, 50), ("22", q4, 60), ("42", q3, 40), ("42", q4, 45), ("40", q2, 30))]
    ranking = rank_units(_obs(rows))
    ranked = ranking[ranking["status"] == "ranked"].set_index("province_code")
    # no period is shared by all three: the latest one shared by the most units (Q4) is used
    assert set(ranked.index) == {"22", "42"}
    assert (ranked["period_end"] == pd.Timestamp(q4[1])).all()
    assert ranked.loc["22", "rank"] == 1 and ranked.loc["42", "rank"] == 2
    assert ranked.loc["22", "change"] == pytest.approx(60 - 50)
    assert ranked.loc["42", "change"] == pytest.approx(45 - 40)
    assert ranked.loc["22", "ci_low"] < 60 < ranked.loc["22", "ci_high"]
    missing = ranking[ranking["status"] == "no_value_in_period"]
    assert list(missing["province_code"]) == ["40"]
    text = " ".join(ranking_sentences(ranking, load_indicators()))
    assert "Nghệ An" in text and "Không có số liệu" in text


def test_rank_units_prefers_a_period_all_units_share():
    q3, q4 = ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31")
    rows = [dict(province_code=code, indicator="dossier_online_share", period_start=p[0], period_end=p[1],
                 numerator=num, denominator=100)
            for code, p, num in (("22", q3, 50), ("22", q4, 60), ("42", q3, 40), ("42", q4, 45), ("40", q3, 30))]
    ranking = rank_units(_obs(rows))
    assert (ranking["status"] == "ranked").all()
    assert (ranking["period_end"] == pd.Timestamp(q3[1])).all()
    assert list(ranking.sort_values("rank")["province_code"]) == ["22", "42", "40"]


def test_rank_units_lower_is_better_puts_lowest_first():
    inds = pd.concat([load_indicators(), pd.DataFrame([dict(id="wait_days", name_vi="Số ngày chờ",
                                                             name_en="Waiting days", unit="count",
                                                             higher_is_better=False)])], ignore_index=True)
    rows = [dict(province_code=c, indicator="wait_days", period_start="2024-01-01", period_end="2024-12-31",
                 numerator=float("nan"), denominator=float("nan"), value=v) for c, v in (("22", 5), ("42", 3))]
    ranking = rank_units(_obs(rows), indicators=inds).set_index("province_code")
    assert ranking.loc["42", "rank"] == 1 and ranking.loc["22", "rank"] == 2


def test_template_lists_vietnamese_names_with_ids_hidden(tmp_path):
    import openpyxl

    from dvc_analysis.intake.template import write_template

    wb = openpyxl.load_workbook(write_template(tmp_path / "mau.xlsx"))
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    inds = load_indicators()
    pairs = {(r[1].value, r[4].value) for r in lists.iter_rows(min_row=2) if r[4].value and
             not str(r[4].value).startswith("=")}
    assert pairs == set(zip(inds["name_vi"], inds["id"], strict=True))
    header = [c.value for c in wb["Dữ liệu"][1]]
    assert {"nguồn", "cơ quan ban hành", "ngày văn bản", "đường dẫn"} <= set(header)
    # the dropdown of the indicator column points at the names
    rules = [dv for dv in wb["Dữ liệu"].data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert rules and "$B$2" in rules[0].formula1


def test_indicator_written_as_name_or_id_reads_the_same(tmp_path):
    import openpyxl

    from dvc_analysis.intake.template import DATA_SHEET, write_template

    path = write_template(tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(path)
    for ind in ("Tỷ lệ hồ sơ trực tuyến", "dossier_online_share"):
        wb[DATA_SHEET].append(["Hà Tĩnh", "", ind, "01/01/2024", "31/03/2024", 10, 20, None,
                               "Báo cáo quý I/2024", "UBND tỉnh Hà Tĩnh", "05/04/2024", "", ""])
    wb.save(path)
    accepted, rejected, _ = read_user_file(path)
    assert rejected.empty and list(accepted["indicator"]) == ["dossier_online_share"] * 2
    assert set(accepted["source_title"]) == {"Báo cáo quý I/2024"}
    assert set(accepted["source_body"]) == {"UBND tỉnh Hà Tĩnh"} and set(accepted["source_date"]) == {"2024-04-05"}


def test_change_names_each_units_previous_period_when_they_differ():
    q2, q3, q4 = ("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31")
    rows = [dict(province_code=code, indicator="dossier_online_share", period_start=p[0], period_end=p[1],
                 numerator=num, denominator=100)
            for code, p, num in (("22", q3, 50), ("22", q4, 60), ("42", q2, 40), ("42", q4, 45))]
    ranking = rank_units(_obs(rows)).set_index("province_code")
    assert ranking.loc["42", "change"] == pytest.approx(5)
    text = ranking_sentences(ranking.reset_index(), load_indicators())[0]
    assert "Quảng Ninh +10,0 đpt (so với quý 3/2024)" in text
    assert "Hà Tĩnh +5,0 đpt (so với quý 2/2024)" in text
    assert "Cùng quý 4/2024, Quảng Ninh cao hơn Hà Tĩnh" in text
