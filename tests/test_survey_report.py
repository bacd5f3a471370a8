"""Survey analysis end to end: the same tables from CSV, XLSX and .sav; Word, Excel, figures, CLI."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from dvc_analysis import survey
from dvc_analysis.survey.codebook import default_codebook
from dvc_analysis.survey.synthetic import simulate

KEY_TABLES = ("cronbach", "kmo_bartlett", "phuong_sai", "ma_tran_xoay", "hoi_quy", "logistic",
              "khac_biet", "rao_can", "rao_can_kiem_dinh", "mau", "su_dung")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit")
    return survey.write_template(out, n=300, seed=11)


@pytest.fixture(scope="module")
def results(kit):
    return survey.analyse_file(kit["du_lieu_vi_du.csv"], kit["codebook.xlsx"])


def _as_labels(book, answers):
    out = {}
    for _, q in book.questions.iterrows():
        col = answers[q["question"]]
        if q["list_name"] and q["type"] != "multiple":
            ch = book.choices_of(q["question"]).set_index("value")["label_vi"]
            col = col.map(lambda v, ch=ch: ch.get(str(v), "") if str(v) != "" else "")
        out[q["label_vi"]] = col
    return pd.DataFrame(out)


def _as_spss(book, answers, path):
    import pyreadstat

    df, labels = {}, {}
    for _, q in book.questions.iterrows():
        name, col = q["question"], answers[q["question"]]
        if q["type"] in ("single", "likert"):
            ch = book.choices_of(name)
            codes = {v: float(i + 1) for i, v in enumerate(ch["value"])}
            df[name] = col.map(lambda v, c=codes: c.get(str(v), np.nan))
            labels[name] = {float(i + 1): lab for i, lab in enumerate(ch["label_vi"])}
        elif q["type"] == "weight":
            df[name] = pd.to_numeric(col)
        else:
            df[name] = col.astype(str)
    pyreadstat.write_sav(pd.DataFrame(df), str(path),
                         column_labels=[book.label(c) for c in df],
                         variable_value_labels=labels)
    return path


def test_the_same_tables_from_csv_xlsx_and_sav(kit, results, tmp_path):
    """Round trip: the kit's data filled in three formats gives identical results."""
    pytest.importorskip("pyreadstat")
    book = default_codebook()
    answers = pd.read_csv(kit["du_lieu_vi_du.csv"], dtype=str, keep_default_na=False)
    xlsx = tmp_path / "nhan.xlsx"
    _as_labels(book, answers).to_excel(xlsx, index=False)
    sav = _as_spss(book, answers, tmp_path / "d.sav")
    ref = survey.result_tables(results)
    for path in (xlsx, sav):
        other = survey.result_tables(survey.analyse_file(path, kit["codebook.xlsx"]))
        for name in KEY_TABLES:
            pd.testing.assert_frame_equal(other[name], ref[name], check_dtype=False,
                                          obj=f"{path.suffix}: {name}")


def test_results_follow_the_documented_model(results):
    """The synthetic model makes every scale reliable, five predictor factors, positive
    effects on intention and more skill barriers among people aged 60+."""
    assert results.synthetic and results.weights == "trong_so"
    assert all(r.accepted for r in results.reliability.values())
    pred = results.factors[0]
    assert pred.efa.loadings.shape[1] == 5 and pred.kmo.overall > 0.7 and pred.bartlett.p < 0.001
    coefs = results.regression.coefficients.set_index("term")
    assert (coefs.loc[["HI", "SD", "TC"], "beta"] > 0).all()
    prev = results.prevalence
    b02 = prev[(prev["code"] == "B02") & (prev["group"] == "nhom_tuoi")
               & (prev["province_code"] == "")].set_index("group_value")
    assert b02.loc["60+", "prevalence"] > b02.loc["18_29", "prevalence"]


def test_barrier_prevalence_by_province_matches_a_hand_count(results):
    data, book = results.coded.data, results.codebook
    prev = survey.barrier_prevalence(data, book)  # unweighted
    assert set(prev["province_code"]) == {"", "14", "38", "82"}  # several provinces surveyed
    non_users = data[data["ly_do/r02"].notna()]
    one = prev[(prev["province_code"] == "38") & (prev["code"] == "B02")].iloc[0]
    part = non_users[non_users["tinh"] == "38"]
    assert one["n"] == len(part)
    assert one["prevalence"] == pytest.approx(100 * part["ly_do/r02"].mean())


def test_documents_beside_survey_counts_the_bundled_mentions(results, repo_root):
    with open(repo_root / "data" / "barrier_mentions.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "barrier"]
    counts = Counter(r["code"] for r in rows)
    table = survey.documents_vs_survey(results.prevalence)
    assert len(table) == 11
    for _, r in table.iterrows():
        assert r["mentions"] == counts.get(r["code"], 0)
    overall = results.prevalence[(results.prevalence["group"] == "")
                                 & (results.prevalence["province_code"] == "")]
    assert table["prevalence"].to_numpy() == pytest.approx(overall["prevalence"].to_numpy())


def test_figures_are_themed_labelled_synthetic_and_written_in_three_formats(results, tmp_path):
    import matplotlib.pyplot as plt

    from dvc_analysis.figures.theme import figure_meta

    paths = survey.save_figures(results, tmp_path)
    from dvc_analysis.survey.figures import FIGURES

    assert set(paths) == set(FIGURES)
    for files in paths.values():
        assert {p.suffix for p in files.values()} == {".png", ".svg", ".pdf"}
        from PIL import Image

        with Image.open(files["png"]) as img:
            assert round(img.info["dpi"][0]) == 300
    for name in paths:
        fig = survey.build_figure(name, results)
        meta = figure_meta(fig)
        assert "synthetic" in meta["title"].lower() or "synthetic" in meta["subtitle"].lower()
        assert "synthetic" in meta["note"].lower()
        assert meta["note"].startswith("Nguồn")
        plt.close(fig)


def test_word_report_has_journal_tables_with_n_missing_and_weights(results, tmp_path):
    import docx

    out = survey.build_survey_report(results, tmp_path)
    document = docx.Document(str(out["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    for title in ("Kết quả kiểm định Cronbach's Alpha", "Kiểm định KMO và Bartlett",
                  "Ma trận nhân tố xoay", "Kết quả hồi quy", "Tổng phương sai trích",
                  "Tỷ lệ người trả lời nêu từng nhóm rào cản"):
        assert title in text, title
    captions = [p for p in document.paragraphs if p.text.startswith("Bảng ")]
    notes = [p.text for p in document.paragraphs if p.text.startswith("n = ")]
    figures = [p for p in document.paragraphs if p.text.startswith("Hình ")]
    # every table and every figure carries its note (n, missing data, weights)
    assert len(captions) == len(document.tables) >= 12
    assert len(notes) == len(captions) + len(figures)
    assert all("listwise" in n and "trọng số" in n and "synthetic" in n for n in notes)
    alpha_table = document.tables[[i for i, c in enumerate(captions)
                                   if "Cronbach" in c.text][0]]
    first = alpha_table.rows[1].cells[0].text
    alpha = results.reliability["HI"].alpha
    assert f"{alpha:.3f}".replace(".", ",") in first
    sheets = pd.read_excel(out["xlsx"], sheet_name=None, engine="calamine")
    assert {"ghi_chu", "cronbach", "kmo_bartlett", "ma_tran_xoay", "hoi_quy", "rao_can",
            "loai_bo"} <= set(sheets)


def test_cli_template_then_analyse(tmp_path):
    cli = [sys.executable, "-m", "dvc_analysis", "survey"]
    done = subprocess.run([*cli, "template", str(tmp_path / "kit"), "--n", "150"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = pd.read_csv(tmp_path / "kit" / "du_lieu_vi_du.csv", dtype=str, keep_default_na=False)
    bad.loc[4, "hi1"] = "9"
    bad.to_csv(tmp_path / "kit" / "sua.csv", index=False)
    done = subprocess.run([*cli, "analyse", str(tmp_path / "kit" / "sua.csv"), "--codebook",
                           str(tmp_path / "kit" / "codebook.xlsx"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "dòng/row 6, câu/question hi1" in done.stdout
    assert "150 dòng / rows: 149 dùng được / accepted + 1 bị loại / rejected" in done.stdout
    assert (tmp_path / "out" / "khao_sat.docx").exists()
    rejected = pd.read_csv(tmp_path / "out" / "khao_sat.rejected.csv")
    assert rejected["row"].tolist() == [6]
    done = subprocess.run([*cli, "sample-size", "-N", "10000"], capture_output=True, text=True)
    assert "385" in done.stdout and "370" in done.stdout
    done = subprocess.run([*cli, "analyse", str(tmp_path / "missing.csv")], capture_output=True,
                          text=True)
    assert done.returncode == 1 and "missing.csv" in done.stderr


def test_simulation_is_reproducible():
    book = default_codebook()
    pd.testing.assert_frame_equal(simulate(book, 50, seed=3), simulate(book, 50, seed=3))
    assert not simulate(book, 50, seed=3).equals(simulate(book, 50, seed=4))
