"""Review workbook, Cohen's kappa and accepted codes as barrier evidence."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dvc_analysis.cli import main
from dvc_analysis.errors import UserDataError
from dvc_analysis.intake.review import (
    SHEET,
    accepted_mentions,
    agreement,
    cohens_kappa,
    read_review,
    write_review,
)

# Our own three-paragraph report (written for this test).
TEXT = [
    "Hạ tầng mạng ở các xã vùng cao còn yếu, sóng điện thoại chập chờn.",
    "Người dân vẫn quen đến bộ phận một cửa. Báo cáo được lập vào cuối năm.",
    "Huyện đẩy mạnh tuyên truyền và lập tổ công nghệ số cộng đồng ở mọi thôn.",
]


def test_kappa_by_hand():
    # 50 items: 20 both yes, 5 only rater 1, 10 only rater 2, 15 both no
    # po = 35/50 = 0,7; pe = (25·30 + 25·20)/2500 = 0,5; kappa = (0,7 − 0,5)/(1 − 0,5) = 0,4
    assert cohens_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert cohens_kappa(10, 0, 0, 10) == pytest.approx(1.0)
    assert cohens_kappa(0, 5, 5, 0) == pytest.approx(-1.0)
    assert math.isnan(cohens_kappa(0, 0, 0, 7))  # both raters constant: undefined


def test_kappa_matches_statsmodels():
    sm = pytest.importorskip("statsmodels.stats.inter_rater",
                             reason="statsmodels is not installed, so only the hand-computed values are checked")
    for table in ([[20, 5], [10, 15]], [[3, 1], [2, 9]]):
        (a, b), (c, d) = table
        assert cohens_kappa(a, b, c, d) == pytest.approx(sm.cohens_kappa(table).kappa)


def _review(tmp_path, decisions: dict[int, tuple[str, list[str]]]):
    path = write_review(TEXT, tmp_path / "coding.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    header = [c.value for c in sheet[2]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for row, (decision, given) in decisions.items():
        sheet.cell(row, col["decision"], decision)
        for k, code in enumerate([c for c in given if c.startswith("B")], start=1):
            sheet.cell(row, col[f"barrier_{k}"], code)
        for k, code in enumerate([c for c in given if c.startswith("L")], start=1):
            sheet.cell(row, col[f"lever_{k}"], code)
    book.save(path)
    return path


def test_workbook_has_one_row_per_sentence_with_suggestions_and_dropdowns(tmp_path):
    path = write_review(TEXT, tmp_path / "coding.xlsx")
    sheet = openpyxl.load_workbook(path)[SHEET]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [(1, 1), (2, 1), (2, 2), (3, 1)]
    assert rows[0][3] == "B01" and rows[1][3] == "B03" and rows[3][4] == "L04; L05"
    assert rows[2][3] is None  # a sentence without suggestion is still offered for coding
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert kinds == {"list"} and len(sheet.data_validations.dataValidation) == 3


def test_agreement_per_code_and_overall(tmp_path):
    # rows: 3 = ¶1 (B01 suggested), 4 = ¶2 s1 (B03), 5 = ¶2 s2 (nothing), 6 = ¶3 (L04; L05)
    path = _review(tmp_path, {
        3: ("chấp nhận", []),              # B01 agreed
        4: ("sửa", ["B02"]),               # B03 suggested, person says B02
        5: ("bỏ", []),                     # nothing either way
        6: ("sửa", ["L04"]),               # L05 rejected
    })
    table = agreement(path).set_index("code")
    assert table.loc["B01", ["both", "suggested_only", "person_only", "neither"]].tolist() == [1, 0, 0, 3]
    assert table.loc["B01", "kappa"] == pytest.approx(1.0)
    # B03: suggested once, never by the person; n = 4: po = 3/4, pe = (1·0 + 3·4)/16 = 0,75 → kappa 0
    assert table.loc["B03", "kappa"] == pytest.approx(0.0)
    # pooled over 27 codes × 4 sentences: both 2 (B01, L04), suggested only 2 (B03, L05), person only 1 (B02)
    all_row = table.loc["ALL"]
    assert all_row[["both", "suggested_only", "person_only"]].tolist() == [2, 2, 1]
    n = 27 * 4
    a, b, c, d = 2, 2, 1, n - 5
    po, pe = (a + d) / n, ((a + b) * (a + c) + (c + d) * (b + d)) / n**2
    assert all_row["kappa"] == pytest.approx((po - pe) / (1 - pe))


def test_bad_cells_are_named(tmp_path):
    path = _review(tmp_path, {4: ("maybe", [])})
    with pytest.raises(UserDataError) as err:
        read_review(path)
    assert "dòng 4" in str(err.value) and "row 4" in str(err.value) and SHEET in str(err.value)
    path = _review(tmp_path, {4: ("sửa", ["L99"])})
    with pytest.raises(UserDataError, match="lever_1"):
        read_review(path)


def test_accepted_codes_become_mentions_for_the_report(tmp_path):
    from dvc_analysis.analysis.barriers import recommendations
    from dvc_analysis.analysis.results import _barrier_tables
    from dvc_analysis.evidence.load import load_observations

    path = _review(tmp_path, {3: ("chấp nhận", []), 4: ("sửa", ["B02"]), 6: ("chấp nhận", [])})
    mentions = accepted_mentions(path, province_code="14")
    assert list(mentions.columns) == ["source_id", "paragraph", "province_code", "unit_name", "kind",
                                      "code", "summary", "terms"]
    assert set(zip(mentions["paragraph"], mentions["code"], strict=True)) == {
        (1, "B01"), (2, "B02"), (3, "L04"), (3, "L05")}
    rec = recommendations(mentions)
    assert {"B01", "B02"} <= set(rec["barrier"])
    tables = _barrier_tables(load_observations(), "vi", [path])
    mine = tables["mentions"][tables["mentions"]["source_id"] == "coding"]
    assert len(mine) == 4 and set(mine["code"]) == {"B01", "B02", "L04", "L05"}


def test_cli_review_and_agreement(tmp_path, capsys):
    text = tmp_path / "baocao.txt"
    text.write_text("\n".join(TEXT), encoding="utf-8")
    xlsx = tmp_path / "duyet.xlsx"
    assert main(["barriers", str(text), "--review", str(xlsx)]) == 0
    assert len(pd.read_excel(xlsx, sheet_name=SHEET, header=1, engine="openpyxl")) == 4
    book = openpyxl.load_workbook(xlsx)
    book[SHEET]["I3"] = "chấp nhận"
    book.save(xlsx)
    capsys.readouterr()
    out_csv = tmp_path / "kappa.csv"
    assert main(["barriers", "--agreement", str(xlsx), "--out", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    assert "B01" in printed and "ALL" in printed and "1,00" in printed
    assert "not reviewed: 3 (dòng / rows 4, 5, 6)" in printed  # nothing is dropped silently
    assert pd.read_csv(out_csv, encoding="utf-8-sig").set_index("code").loc["B01", "both"] == 1


def test_cli_learnt_codes_are_marked_and_only_added(tmp_path):
    # a corpus text on which the model adds codes the rules left out (found, not fixed, so that retraining
    # the model does not silently empty the test)
    from dvc_analysis.intake.coding import suggest_codes
    from dvc_analysis.intake.corpus import read_corpus

    docs, _, split = read_corpus(Path(__file__).parent / "corpus")
    dev = set(split.loc[split["part"] == "dev", "doc_id"])
    chosen = next(d.text for d in docs if d.doc_id in dev
                  and (suggest_codes(d.text, learnt=True)["cue"] == "(mô hình học)").any())
    text = tmp_path / "baocao.txt"
    text.write_text(chosen + "\n" + "\n".join(TEXT), encoding="utf-8")
    plain, learnt = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["barriers", str(text), "--rules-only", "--out", str(plain)]) == 0
    assert main(["barriers", str(text), "--learnt", "--out", str(learnt)]) == 0
    a = pd.read_csv(plain, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    b = pd.read_csv(learnt, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    added = b[b["cue"] == "(mô hình học)"]
    assert len(added) >= 1 and (added["kind"] == "barrier").all()
    pd.testing.assert_frame_equal(b[b["cue"] != "(mô hình học)"].reset_index(drop=True), a)
    xlsx = tmp_path / "duyet.xlsx"
    assert main(["barriers", str(text), "--learnt", "--review", str(xlsx)]) == 0
    sheet = pd.read_excel(xlsx, sheet_name=SHEET, header=1, engine="openpyxl", dtype=str)
    assert sheet["cue"].fillna("").str.contains("mô hình học").any()


def test_cli_default_joins_the_surest_learnt_codes_and_rules_only_leaves_them_out(tmp_path):
    from dvc_analysis.intake.coding import suggest_codes
    from dvc_analysis.intake.coding_model import JOIN_THRESHOLD

    # a lever sentence on online payment: the model, which reads words rather than claims, gives it a
    # payment barrier with high probability; the default keeps it, marked, for the reviewer to reject
    lines = ["Tỉnh mở rộng thanh toán lệ phí trực tuyến qua ví điện tử và ngân hàng số.", *TEXT]
    text = tmp_path / "baocao.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    default, rules = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["barriers", str(text), "--out", str(default)]) == 0
    assert main(["barriers", str(text), "--rules-only", "--out", str(rules)]) == 0
    a = pd.read_csv(default, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    b = pd.read_csv(rules, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert not (b["cue"] == "(mô hình học)").any()
    marked = a[a["cue"] == "(mô hình học)"]
    assert len(marked) >= 1 and (marked["confidence"].astype(float) > JOIN_THRESHOLD).all()
    pd.testing.assert_frame_equal(a[a["cue"] != "(mô hình học)"].reset_index(drop=True), b)
    # the package default is the join at the join threshold
    pd.testing.assert_frame_equal(suggest_codes(lines), suggest_codes(lines, learnt=JOIN_THRESHOLD))

