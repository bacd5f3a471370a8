"""The evaluation corpus is well formed, and the text tools stay accurate on its held-out part.

The floors sit a little under what was measured on the held-out parts `heldout18` and `heldout5` to `heldout3`
(README, "Accuracy on unseen texts"), so that a regression fails; the rules were written from the dev
documents only. They are floors against regressions, not the targets: several are below target.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis.evidence.load import load_indicators
from dvc_analysis.intake.corpus import coder_agreement, read_corpus, score_coding, score_extraction

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def test_corpus_is_varied_and_documented(corpus):
    docs, coding, split = corpus
    assert len(docs) >= 30
    for d in docs:
        for key in ("title", "url", "outlet", "date", "province", "genre", "licence"):
            assert d.header.get(key), (d.doc_id, key)
        assert d.header["url"].startswith("http"), d.doc_id
    years = {int(m.group()) for d in docs for m in [re.search(r"20\d\d", d.header["date"])] if m}
    assert min(years) <= 2019 and max(years) >= 2025
    assert sum("post-merger" in d.header["genre"] for d in docs) >= 5
    assert len({d.header["province"] for d in docs}) >= 15
    assert len({d.header["genre"].split(",")[0] for d in docs}) >= 6


def test_split_is_by_document_and_fixed(corpus):
    docs, coding, split = corpus
    assert set(split["doc_id"]) == {d.doc_id for d in docs}
    assert split["doc_id"].is_unique and set(split["part"]) == {"dev", "heldout3", "heldout4", "heldout5", "heldout18"}
    # the held-out parts, listed in the corpus README when their ids were drawn (an id whose text
    # could not be found stays listed but absent)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for part, least in (("heldout3", 20), ("heldout4", 30), ("heldout5", 30), ("heldout18", 25)):
        held = set(split.loc[split["part"] == part, "doc_id"])
        assert len(held) >= least
        listed = re.search(rf"\*\*{part} \(\d+\)\*\*: ([c0-9 ]+)", readme).group(1).split()
        assert held <= set(listed) and len(set(listed) - held) <= 12  # ids whose text was not found
    # no held-out text repeats the source of another document
    urls = [d.header["url"] for d in docs]
    assert len(set(urls)) == len(urls)


def test_codes_and_indicator_ids_exist(corpus):
    docs, coding, split = corpus
    codes = coding[coding["kind"] != "figure"]["code"]
    assert codes.str.fullmatch(r"B(0[1-9]|1[01])|L(0[1-9]|1[0-6])").all()
    kinds = coding[coding["kind"] != "figure"]
    assert (kinds["code"].str[0] == kinds["kind"].map({"barrier": "B", "achievement": "B", "lever": "L"})).all()
    figures = coding[coding["kind"] == "figure"]
    assert figures["figure"].str.contains(r"\d").all()
    ids = set(load_indicators()["id"])
    assert set(figures["code"]) - {""} <= ids
    # every coded figure is written as such in its paragraph
    text = {d.doc_id: d.text.splitlines() for d in docs}
    for row in figures.itertuples():
        paragraphs = [p for p in text[row.doc_id] if p.strip()]
        assert row.figure in paragraphs[row.paragraph - 1], (row.doc_id, row.paragraph, row.figure)


def test_heldout_barrier_coding():
    # heldout18: ids drawn before the texts existed, never read while writing rules; only 24 hand codes, so one
    # paragraph moves these by several points
    res = score_coding(CORPUS, "heldout18", "barrier")
    assert res["n_gold"] >= 20
    assert res["recall"] >= 0.42 and res["precision"] >= 0.33  # measured 0,54 / 0,43 (target 0,8 / 0,75)
    assert res["achievements_as_barriers"] <= 2  # measured 1
    # earlier parts: scores seen after their rounds, errors never read
    for part, recall, precision in (("heldout5", 0.46, 0.66), ("heldout4", 0.53, 0.59), ("heldout3", 0.47, 0.56)):
        res = score_coding(CORPUS, part, "barrier")  # measured 0,58/0,70, 0,63/0,64, 0,59/0,65
        assert res["n_gold"] >= 25, part
        assert res["recall"] >= recall and res["precision"] >= precision, part
        assert res["achievements_as_barriers"] <= 3, part  # measured 1, 3, 1


def test_the_default_join_is_no_worse_than_the_rules_alone_on_any_heldout_part():
    # the decision fixed before heldout13 was scored (tests/corpus/README.md): the join had to raise F1
    # there and lower it on no earlier part. Measured now F1 0,588 → 0,634 on heldout5, 0,624 → 0,636 on
    # heldout4, 0,566 → 0,618 on heldout3, 0,518 → 0,525 on heldout17, 0,480 → 0,482 on heldout18; not so on heldout15 (0,559 → 0,530 when
    # it was scored), which the README reports
    for part in ("heldout18", "heldout5", "heldout4", "heldout3"):
        joined = score_coding(CORPUS, part, "barrier")
        alone = score_coding(CORPUS, part, "barrier", learnt=False)
        assert joined["f1"] >= alone["f1"], part
        assert joined["recall"] >= alone["recall"], part


def test_heldout_lever_coding():
    res = score_coding(CORPUS, "heldout18", "lever")
    assert res["recall"] >= 0.42 and res["precision"] >= 0.45  # measured 0,51 / 0,54
    res = score_coding(CORPUS, "heldout5", "lever")
    assert res["recall"] >= 0.44 and res["precision"] >= 0.58  # measured 0,48 / 0,63


def test_heldout_extraction():
    res = score_extraction(CORPUS, "heldout18")
    assert res["n_gold"] >= 90
    assert res["recall"] >= 0.96 and res["precision"] >= 0.82  # measured 0,99 / 0,87 (target 0,95 / 0,9)
    assert res["label_accuracy"] >= 0.6  # measured 0,71 on 28 figures (target 0,85)
    assert res["false_label_rate"] <= 0.15  # measured 0,07 of 70
    assert res["dates_as_values"] == 0
    for part, precision, labels in (("heldout5", 0.87, 0.63), ("heldout4", 0.92, 0.5), ("heldout3", 0.95, 0.63)):
        res = score_extraction(CORPUS, part)  # measured precision 0,94/0,96/0,99, labels 0,71/0,58/0,71
        assert res["n_gold"] >= 60, part
        assert res["recall"] >= 0.95 and res["precision"] >= precision, part
        assert res["label_accuracy"] >= labels, part
        assert res["dates_as_values"] == 0, part


def test_dev_in_sample():
    # in-sample guards for the rules written from the dev part: not accuracy claims
    coding = score_coding(CORPUS, "dev", "barrier", learnt=False)  # the model was trained on dev
    # measured 0,73 / 0,78 on 1.143 documents, 161 of which no barrier rule was written from
    assert coding["recall"] >= 0.69 and coding["precision"] >= 0.74
    res = score_extraction(CORPUS, "dev")
    assert res["label_accuracy"] >= 0.82  # measured 0,84
    assert res["recall"] >= 0.95 and res["precision"] >= 0.93  # measured 0,98 / 0,95


def test_confusion_table_counts_every_code_once():
    res = score_coding(CORPUS, "heldout5", "barrier")
    confusion = res["confusion"]
    assert isinstance(confusion, pd.DataFrame)
    diagonal = sum(confusion.loc[c, c] for c in confusion.index if c in confusion.columns and c != "none")
    assert diagonal == res["hits"]


def test_second_coder_agrees_with_the_first_on_the_heldout_part():
    # two people coding the same 24 texts from the guide: the reference is reproducible, so the
    # coder's shortfall is the coder's (measured: barriers 0,87 / 0,93, kappa 0,91)
    second = pd.read_csv(CORPUS / "coding_second.csv", dtype=str, keep_default_na=False)
    assert set(second["doc_id"]) <= set(read_corpus(CORPUS)[2].query("part == 'heldout3'")["doc_id"])
    agr = coder_agreement(CORPUS, "heldout3", "barrier")
    assert agr["documents"] >= 20 and agr["n_first"] >= 25
    assert agr["kappa"] >= 0.8 and agr["recall"] >= 0.85
