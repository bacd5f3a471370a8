"""Survey input: codebook checks, readers for every export layout, strict validation, the kit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dvc_analysis.errors import UserDataError
from dvc_analysis.survey.codebook import default_codebook, make_codebook, read_codebook
from dvc_analysis.survey.read import read_responses
from dvc_analysis.survey.synthetic import simulate
from dvc_analysis.survey.template import write_template, xlsform
from dvc_analysis.survey.validate import validate


@pytest.fixture(scope="module")
def book():
    return default_codebook()


@pytest.fixture(scope="module")
def answers(book):
    return simulate(book, 120, seed=7)


def _labels(book, answers: pd.DataFrame) -> pd.DataFrame:
    """The answers as a KoboToolbox "labels" export: question text as header, answer labels as
    values (several answers joined by ', '), province names instead of codes."""
    from dvc_analysis.evidence.provinces import province_name

    out = {}
    for _, q in book.questions.iterrows():
        name, col = q["question"], answers[q["question"]]
        if q["list_name"]:
            ch = book.choices_of(name).set_index("value")["label_vi"]
            if q["type"] == "multiple":
                col = col.map(lambda s, ch=ch: ", ".join(ch[v] for v in str(s).split()) if s else "")
            else:
                col = col.map(lambda v, ch=ch: ch.get(str(v), "") if v != "" else "")
        elif q["type"] == "province":
            col = col.map(lambda c: province_name(c, "34"))
        out[q["label_vi"]] = col
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- codebook

def test_bundled_codebook_is_consistent(book):
    assert book.items("SD") == ["sd1", "sd2", "sd3", "sd4"]
    assert set(book.reversed_items()) == {"sd3", "tc3"}
    codes = book.barrier_choices()["barrier_code"]
    assert sorted(codes) == [f"B{i:02d}" for i in range(1, 12)]


def test_codebook_problems_name_sheet_row_and_column(book):
    q = book.questions.copy()
    q.loc[q["question"] == "hi2", "construct"] = "ZZ"
    q.loc[q["question"] == "hi3", "question"] = "hi1"
    ch = book.choices.copy()
    ch.loc[ch["value"] == "r05", "barrier_code"] = "B12"
    with pytest.raises(UserDataError) as err:
        make_codebook(q, ch, book.constructs, source="cb.xlsx")
    problems = err.value.problems
    assert any("[questions], dòng/row 13" in p and "'ZZ'" in p for p in problems)
    assert any("[questions], dòng/row 14" in p and "hi1" in p for p in problems)
    assert any("[choices]" in p and "B12" in p for p in problems)
    assert "B01–B11" in err.value.vi


def test_codebook_round_trips_through_xlsx(book, tmp_path):
    paths = write_template(tmp_path, n=30)
    again = read_codebook(paths["codebook.xlsx"])
    pd.testing.assert_frame_equal(again.questions, book.questions)
    pd.testing.assert_frame_equal(again.choices, book.choices)


def test_codebook_missing_sheet_is_reported(tmp_path):
    path = tmp_path / "cb.xlsx"
    pd.DataFrame({"question": ["a"]}).to_excel(path, sheet_name="questions", index=False)
    with pytest.raises(UserDataError, match="choices"):
        read_codebook(path)


# --------------------------------------------------------------------------- the kit

def test_template_writes_the_kit_and_a_valid_xlsform(tmp_path, book):
    paths = write_template(tmp_path)
    for name in ("bang_hoi.xlsx", "bang_hoi_xlsform.xlsx", "codebook.xlsx", "du_lieu_vi_du.csv"):
        assert paths[name].stat().st_size > 0
    data = pd.read_csv(paths["du_lieu_vi_du.csv"], dtype=str, keep_default_na=False)
    assert len(data) == 400 and data["ma_phieu"].str.startswith("synthetic-").all()
    assert "synthetic" in paths["du_lieu_vi_du_README.md"].read_text(encoding="utf-8")
    sheets = pd.read_excel(paths["bang_hoi_xlsform.xlsx"], sheet_name=None, dtype=str,
                           engine="calamine")
    assert {"survey", "choices", "settings"} <= set(sheets)
    survey = sheets["survey"]
    assert (survey.loc[survey["name"] == "ly_do", "type"] == "select_multiple ly_do").all()
    assert (survey.loc[survey["name"] == "hi1", "type"] == "select_one likert5").all()
    assert len(sheets["choices"][sheets["choices"]["list_name"] == "tinh"]) == 34
    pyxform = pytest.importorskip("pyxform.xls2xform",
                                  reason="pyxform (dev extra) is needed to convert the XLSForm")
    converted = pyxform.convert(xlsform=str(paths["bang_hoi_xlsform.xlsx"]))
    assert "<h:html" in converted.xform and 'nodeset="/data/ly_do"' not in converted.xform[:0]
    for name in xlsform(book)["survey"]["name"]:
        assert f"/{name}" in converted.xform


def test_questionnaire_lists_every_question_once(tmp_path, book):
    paths = write_template(tmp_path, n=20)
    q = pd.read_excel(paths["bang_hoi.xlsx"], dtype=str, engine="calamine")
    expected = [n for n in book.questions["question"] if n != "trong_so"]
    assert q["Mã câu / Code"].tolist() == expected
    assert q["Câu hỏi"].str.len().min() > 5


# --------------------------------------------------------------------------- readers

def test_synthetic_data_validates_completely(answers, book, tmp_path):
    path = tmp_path / "d.csv"
    answers.to_csv(path, index=False)
    coded = validate(read_responses(path), book)
    assert (coded.n_input, coded.n_accepted, coded.n_rejected) == (120, 120, 0)
    assert coded.data["hi1"].dtype == float
    # non-users answered the reasons question; users did not (NaN, not 0)
    users = coded.data["su_dung"] == 1
    assert coded.data.loc[users, "ly_do/r01"].isna().all()
    assert coded.data.loc[~users, "ly_do/r01"].notna().mean() > 0.9


def test_kobo_csv_with_semicolons_group_paths_and_extra_columns(answers, book, tmp_path):
    kobo = answers.rename(columns={c: f"thong_tin/{c}" for c in ("nhom_tuoi", "gioi_tinh")})
    kobo.insert(0, "_uuid", [f"u{i}" for i in range(len(kobo))])
    for v in ("r01", "r02"):
        kobo[f"ly_do/{v}"] = kobo["ly_do"].map(lambda s, v=v: int(v in str(s).split()))
    path = tmp_path / "kobo.csv"
    kobo.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
    coded = validate(read_responses(path), book)
    ref = validate(read_responses(_csv(answers, tmp_path / "ref.csv")), book)
    assert coded.n_accepted == len(answers)
    pd.testing.assert_frame_equal(coded.data, ref.data)
    assert "_uuid" in coded.unused_columns
    assert coded.columns["nhom_tuoi"] == "thong_tin/nhom_tuoi"


def _csv(df, path):
    df.to_csv(path, index=False)
    return path


def test_labels_export_xlsx_codes_to_the_same_values(answers, book, tmp_path):
    path = tmp_path / "labels.xlsx"
    _labels(book, answers).to_excel(path, index=False)
    coded = validate(read_responses(path), book)
    ref = validate(read_responses(_csv(answers, tmp_path / "ref.csv")), book)
    assert coded.rejected.empty, coded.rejected.head()
    pd.testing.assert_frame_equal(coded.data, ref.data)


def test_google_forms_csv_with_timestamp_and_question_headers(answers, book, tmp_path):
    forms = _labels(book, answers)
    forms.insert(0, "Dấu thời gian", "2025/09/01 8:00:00 SA GMT+7")
    path = tmp_path / "forms.csv"
    forms.to_csv(path, index=False)
    coded = validate(read_responses(path), book)
    assert coded.n_accepted == len(answers)
    assert coded.unused_columns == ("Dấu thời gian",)


def _spss_frame(book, answers):
    """Numbers with Vietnamese value labels, as SPSS keeps a questionnaire."""
    df, value_labels = {}, {}
    for _, q in book.questions.iterrows():
        name, col = q["question"], answers[q["question"]]
        if q["type"] in ("single", "likert"):
            ch = book.choices_of(name)
            codes = {v: i + 1 for i, v in enumerate(ch["value"])}
            df[name] = col.map(lambda v, c=codes: float(c[v]) if v != "" else np.nan)
            value_labels[name] = {float(i + 1): lab for i, lab in enumerate(ch["label_vi"])}
        elif q["type"] == "weight":
            df[name] = col.astype(float)
        else:
            df[name] = col.astype(str)
    return pd.DataFrame(df), value_labels


@pytest.mark.parametrize("ext", ["sav", "dta"])
def test_spss_and_stata_files_with_vietnamese_labels(answers, book, tmp_path, ext):
    pyreadstat = pytest.importorskip("pyreadstat")
    df, value_labels = _spss_frame(book, answers)
    labels = [book.label(c) for c in df.columns]
    path = tmp_path / f"d.{ext}"
    if ext == "sav":
        pyreadstat.write_sav(df, str(path), column_labels=labels,
                             variable_value_labels=value_labels)
    else:
        # Stata value labels must be integers
        df = df.astype({c: "Int64" for c in value_labels})
        pyreadstat.write_dta(df.astype({c: float for c in value_labels}), str(path),
                             column_labels=[lab[:80] for lab in labels],
                             variable_value_labels={c: {int(k): v for k, v in lab.items()}
                                                    for c, lab in value_labels.items()})
    resp = read_responses(path)
    if ext == "sav":
        assert resp.variable_labels["hi1"] == book.label("hi1")
        assert resp.value_labels["hi1"][4.0] == "Đồng ý"
    coded = validate(resp, book)
    ref = validate(read_responses(_csv(answers, tmp_path / "ref.csv")), book)
    assert coded.rejected.empty, coded.rejected.head()
    cols = [c for c in ref.data.columns if c != "row_in_file"]
    pd.testing.assert_frame_equal(coded.data[cols], ref.data[cols])


def test_unsupported_and_missing_files_are_clear(tmp_path, book):
    with pytest.raises(UserDataError, match="not found"):
        read_responses(tmp_path / "none.csv")
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(UserDataError, match=r"\.json"):
        read_responses(tmp_path / "x.json")
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(UserDataError, match="empty"):
        read_responses(tmp_path / "e.csv")


# --------------------------------------------------------------------------- validation

def test_every_bad_row_is_rejected_with_row_question_and_reason(answers, book, tmp_path):
    bad = answers.astype(object)
    edits = {  # row position → (question, value, words the reason must contain)
        3: ("hi2", "7", "not in the list"),
        8: ("nhom_tuoi", "100 tuổi", "not in the list"),
        11: ("trong_so", "-1", "positive number"),
        15: ("trong_so", "", "required"),
        20: ("tinh", "Tỉnh Không Có", "Unknown province"),
        25: ("ly_do", "r01 r77", "unknown answer"),
        30: ("gioi_tinh", "", "required"),
        33: ("ma_phieu", bad.loc[2, "ma_phieu"], "repeats"),
    }
    for i, (q, v, _) in edits.items():
        bad.loc[i, q] = v
    bad.loc[40, "hi3"] = ""  # an optional blank: kept as missing, not rejected
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    coded = validate(read_responses(path), book)
    assert coded.n_input == len(bad) == coded.n_accepted + coded.n_rejected
    assert coded.n_rejected == len(edits)
    rej = coded.rejected
    for i, (q, v, words) in edits.items():
        hit = rej[(rej["row"] == i + 2) & (rej["question"] == q)]
        assert len(hit) == 1, (i, q)
        assert words in hit["reason_en"].iloc[0]
        assert hit["reason_vi"].iloc[0] and hit["value"].iloc[0] == str(v)
    kept = set(coded.data["row_in_file"])
    assert kept == {i + 2 for i in range(len(bad))} - {i + 2 for i in edits}
    assert np.isnan(coded.data.loc[coded.data["row_in_file"] == 42, "hi3"].iloc[0])


def test_missing_required_column_names_the_question(answers, book, tmp_path):
    path = tmp_path / "d.csv"
    answers.drop(columns=["gioi_tinh"]).to_csv(path, index=False)
    with pytest.raises(UserDataError) as err:
        validate(read_responses(path), book)
    assert "gioi_tinh" in err.value.vi and "gioi_tinh" in err.value.en


def test_spss_columns_found_by_their_variable_labels(answers, book, tmp_path):
    """SPSS files often name variables Q1, Q2 …; the variable label says which question it is."""
    pyreadstat = pytest.importorskip("pyreadstat")
    df, value_labels = _spss_frame(book, answers)
    names = {c: f"Q{i + 1}" for i, c in enumerate(df.columns)}
    path = tmp_path / "q.sav"
    pyreadstat.write_sav(df.rename(columns=names), str(path),
                         column_labels=[book.label(c) for c in df.columns],
                         variable_value_labels={names[c]: v for c, v in value_labels.items()})
    coded = validate(read_responses(path), book)
    assert coded.columns["hi1"] == names["hi1"] and coded.rejected.empty
    ref = validate(read_responses(_csv(answers, tmp_path / "ref.csv")), book)
    cols = [c for c in ref.data.columns if c != "row_in_file"]
    pd.testing.assert_frame_equal(coded.data[cols], ref.data[cols])
