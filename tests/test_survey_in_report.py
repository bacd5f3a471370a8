"""A citizens' survey joins the evidence report: prevalence beside the documents, cited, listed."""

from __future__ import annotations

import pandas as pd
import pytest

from dvc_analysis.cli import main


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit")
    assert main(["survey", "template", str(out), "--quiet"]) == 0
    return out


def test_analyse_sets_survey_beside_the_documents_mentions(kit):
    from dvc_analysis.analysis.results import analyse
    from dvc_analysis.survey.pipeline import report_input

    prevalence, note, coded = report_input(kit / "du_lieu_vi_du.csv", kit / "codebook.xlsx")
    assert coded.n_accepted + coded.n_rejected == coded.n_input
    assert "synthetic" in note
    r = analyse(survey_prevalence=prevalence, survey_note=note)
    table = r.survey_beside_documents.set_index("code")
    # every barrier code of the taxonomy appears once, with the documents' own count
    assert list(table.index) == list(r.barriers["code"])
    counts = r.mentions[r.mentions["kind"] == "barrier"].groupby("code").size()
    for code, n in counts.items():
        assert table.at[code, "mentions"] == n
    # the survey column is the overall prevalence, not a group's
    overall = prevalence[(prevalence["group"] == "") & (prevalence["province_code"] == "")]
    for _, row in overall.iterrows():
        assert table.at[row["code"], "prevalence"] == pytest.approx(row["prevalence"])
    # recommendations read the survey's prevalence when it is given
    assert r.recommendations["survey_prevalence"].notna().any()


def test_report_with_a_survey_shows_figure_and_sentence(kit, tmp_path):
    out = tmp_path / "rep"
    code = main(["report", "--survey", str(kit / "du_lieu_vi_du.csv"), "--codebook",
                 str(kit / "codebook.xlsx"), "--out", str(out), "--quiet"])
    assert code == 0
    # the figure file carries its number in the report: hinh_NN_rao_can_khao_sat
    (png,) = (out / "figures").glob("hinh_*_rao_can_khao_sat.png")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Khảo sát người dân" in html and "mô phỏng" in html
    svg = png.with_suffix(".svg").read_text(encoding="utf-8")
    assert "synthetic" in svg


def test_codebook_without_survey_is_a_usage_error(tmp_path, kit):
    assert main(["report", "--codebook", str(kit / "codebook.xlsx"), "--out", str(tmp_path / "r")]) == 2


def test_survey_prevalence_table_has_no_shared_axis_columns(kit):
    from dvc_analysis.analysis.barriers import documents_beside_survey
    from dvc_analysis.evidence.taxonomy import load_mentions
    from dvc_analysis.survey.pipeline import report_input

    prevalence, _, _ = report_input(kit / "du_lieu_vi_du.csv", kit / "codebook.xlsx")
    t = documents_beside_survey(load_mentions(), prevalence)
    assert set(t.columns) >= {"mentions", "sources", "prevalence", "ci_low", "ci_high"}
    assert (t["ci_low"].dropna() <= t["prevalence"].dropna()).all()
    assert pd.api.types.is_integer_dtype(t["mentions"])
