"""The learnt barrier model: the shipped weights score as scikit-learn would, and join the rules as documented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dvc_analysis.intake.coding import suggest_codes
from dvc_analysis.intake.coding_join import LEARNT_CUE
from dvc_analysis.intake.coding_model import (
    MODEL_FILE,
    THRESHOLD,
    fit_model,
    grams,
    load_model,
    model_probabilities,
    write_model,
)
from dvc_analysis.intake.corpus import read_corpus
from dvc_analysis.text.textio import split_paragraphs

CORPUS = Path(__file__).parent / "corpus"


def test_shipped_weights_cover_the_barrier_codes():
    model = load_model()
    assert model is not None and MODEL_FILE.exists()
    assert set(model.codes) == {f"B{i:02d}" for i in range(1, 12)}
    assert len(model.intercepts) == len(model.codes)
    assert len(model.idf) > 2000 and all(len(w) == len(model.codes) for w in model.weights.values())


def test_pure_python_scoring_equals_scikit_learn(tmp_path):
    sklearn = pytest.importorskip("sklearn", reason="scikit-learn (eval extra) trains the reference model")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    assert sklearn
    docs, coding, split = read_corpus(CORPUS)
    texts, labels = [], []
    hand = coding[(coding["kind"] == "barrier") & (coding["code"] == "B01")]
    for d in docs[:120]:
        for n, p in enumerate(split_paragraphs(d.text), start=1):
            texts.append(p)
            labels.append(bool(((hand["doc_id"] == d.doc_id) & (hand["paragraph"] == n)).any()))
    assert 5 <= sum(labels) < len(labels)
    model = fit_model(texts, {"B01": labels})
    vec = TfidfVectorizer(analyzer=grams, min_df=3, sublinear_tf=True)
    x = vec.fit_transform(texts)
    reference = LogisticRegression(C=3.0, class_weight="balanced", max_iter=3000).fit(x, labels)
    probe = ["Nhiều thôn chưa có sóng điện thoại, mạng chập chờn.", texts[0], texts[-1]]
    expected = reference.predict_proba(vec.transform(probe))[:, 1]
    got = [model_probabilities(t, model)["B01"] for t in probe]
    assert got == pytest.approx(list(expected), abs=1e-9)
    # written and read back, the rounded weights move no probability by more than 0,005
    path = write_model(model, tmp_path / "m.csv")
    back = load_model(path)
    assert [model_probabilities(t, back)["B01"] for t in probe] == pytest.approx(got, abs=0.005)


def _dev_texts(limit: int = 120) -> list[str]:
    """Dev texts of the corpus (the model was trained on them, so it adds codes on some of them)."""
    docs, _, split = read_corpus(CORPUS)
    dev = set(split.loc[split["part"] == "dev", "doc_id"])
    return [d.text for d in docs if d.doc_id in dev][:limit]


def test_learnt_rows_only_add_codes_the_rules_left_out():
    # on texts whose paragraphs the rules code in part, the model only adds what they left out
    seen = 0
    for text in _dev_texts():
        rules = suggest_codes(text, learnt=False)
        joined = suggest_codes(text, learnt=True)
        added = joined[joined["cue"] == LEARNT_CUE]
        seen += len(added)
        assert (added["kind"] == "barrier").all() and (added["confidence"] >= THRESHOLD).all()  # a probability above it, rounded
        merged = added.merge(rules, on=["paragraph", "code"])
        assert merged.empty  # never a code the rules gave the same paragraph
        # the rule rows are unchanged, and the model's row sits on a sentence of its paragraph
        pd.testing.assert_frame_equal(joined[joined["cue"] != LEARNT_CUE].reset_index(drop=True), rules)
        paragraphs = split_paragraphs(text)
        for row in added.itertuples():
            assert row.sentence in paragraphs[row.paragraph - 1]
            # the model's strongest features, shown as the words are written in the sentence
            assert row.matched and all(w in row.sentence for w in row.matched.split("; "))
    assert seen > 0


def test_no_learnt_code_where_the_rules_read_an_achievement():
    text = "Hạ tầng viễn thông đã phủ sóng đến mọi thôn, không còn tình trạng mất mạng khi nộp hồ sơ."
    rules = suggest_codes(text, learnt=False)
    denied = set(rules.loc[rules["kind"] == "achievement", "code"])
    assert "B01" in denied
    joined = suggest_codes(text, learnt=True)
    assert not ((joined["cue"] == LEARNT_CUE) & joined["code"].isin(denied)).any()


def test_a_stricter_join_threshold_keeps_only_the_surer_model_codes():
    from dvc_analysis.intake.coding_model import JOIN_THRESHOLD

    assert JOIN_THRESHOLD > THRESHOLD
    n_loose = n_strict = 0
    keys = ["paragraph", "code"]
    for text in _dev_texts():
        review = suggest_codes(text, learnt=True)
        join = suggest_codes(text, learnt=JOIN_THRESHOLD)
        loose = review[review["cue"] == LEARNT_CUE]
        strict = join[join["cue"] == LEARNT_CUE]
        assert (strict["confidence"] >= JOIN_THRESHOLD).all()  # rounded to 2 decimals
        assert set(map(tuple, strict[keys].to_numpy())) <= set(map(tuple, loose[keys].to_numpy()))
        n_loose, n_strict = n_loose + len(loose), n_strict + len(strict)
        # with the model off, no row carries its cue
        assert not (suggest_codes(text, learnt=False)["cue"] == LEARNT_CUE).any()
    assert 0 < n_strict < n_loose  # the review threshold suggests codes the join leaves out


def test_the_lever_guard_keeps_model_barriers_off_paragraphs_read_as_measures(monkeypatch):
    from dvc_analysis.intake import coding_join

    texts = _dev_texts(200)
    guarded_out = 0
    for text in texts:
        monkeypatch.setattr(coding_join, "LEVER_GUARD", False)
        loose = suggest_codes(text, learnt=0.5)
        monkeypatch.setattr(coding_join, "LEVER_GUARD", True)
        guarded = suggest_codes(text, learnt=0.5)
        rules = guarded[guarded["cue"] != LEARNT_CUE]
        for number, group in guarded.groupby("paragraph"):
            mine = rules[rules["paragraph"] == number]
            if (mine["kind"] == "barrier").any():
                continue
            spared = coding_join.addressed_barriers(set(mine.loc[mine["kind"] == "lever", "code"]))
            added = set(group.loc[group["cue"] == LEARNT_CUE, "code"])
            assert not added & spared, (number, added & spared)
        # the guard only takes model codes away, never a rule code
        pd.testing.assert_frame_equal(loose[loose["cue"] != LEARNT_CUE].reset_index(drop=True),
                                      rules.reset_index(drop=True))
        guarded_out += int((loose["cue"] == LEARNT_CUE).sum() - (guarded["cue"] == LEARNT_CUE).sum())
    assert guarded_out > 0  # the dev texts hold measures the model would otherwise read as barriers
