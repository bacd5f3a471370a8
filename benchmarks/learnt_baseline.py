"""A learnt baseline for the barrier coder: per-code logistic regression on the corpus's dev part.

Each paragraph of the dev documents is a unit; for each barrier code with at least five hand codes,
a logistic regression over word uni- and bigrams (text folded as the coder folds it, words seen in
at least two paragraphs, balanced class weights) is trained and scored 10-fold by document, so no
document is scored by a model that saw it. Printed: paragraph-level precision and recall at several
probability thresholds, alone and joined with the rule coder's suggestions (whose rules were written
from these same documents, so the joined figures are in-sample for the rules). It needs scikit-learn
(`make eval-learnt` installs the `eval` extra); no weights ship with the package.

    python benchmarks/learnt_baseline.py [--c 1.0]
    python benchmarks/learnt_baseline.py --score heldout9 [--threshold 0.7]

`--score PART` trains once on every dev paragraph and scores a held-out part: the rules alone and the
rules joined with the model at one threshold fixed beforehand (0.7 unless given).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dvc_analysis.intake.coding import suggest_codes
from dvc_analysis.intake.corpus import read_corpus
from dvc_analysis.text.textio import fold_words, split_paragraphs

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
CODES = [f"B{i:02d}" for i in range(1, 12)]


def _units(part: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Paragraph table (doc, text), hand codes and rule codes as paragraph × code booleans."""
    docs, coding, split = read_corpus(CORPUS)
    keep = set(split.loc[split["part"] == part, "doc_id"])
    rows, gold, rule = [], [], []
    for d in docs:
        if d.doc_id not in keep:
            continue
        coded = suggest_codes(d.text)
        hand = coding[(coding["doc_id"] == d.doc_id) & (coding["kind"] == "barrier")]
        for n, text in enumerate(split_paragraphs(d.text), start=1):
            rows.append((d.doc_id, fold_words(text)))
            gold.append({c: bool(((hand["paragraph"] == n) & (hand["code"] == c)).any()) for c in CODES})
            mine = coded[(coded["paragraph"] == n) & (coded["kind"] == "barrier")]
            rule.append({c: bool((mine["code"] == c).any()) for c in CODES})
    return pd.DataFrame(rows, columns=["doc", "text"]), pd.DataFrame(gold), pd.DataFrame(rule)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--score", metavar="PART", help="train on all of dev, score this held-out part once")
    parser.add_argument("--threshold", type=float, default=0.7, help="model probability for --score")
    args = parser.parse_args(argv)
    try:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("scikit-learn is not installed: run `make eval-learnt` (installs the eval extra).")
        return 2
    units, gold, rule = _units("dev")
    codes = [c for c in CODES if gold[c].sum() >= 5]
    if args.score:
        return _score_part(args, units, gold, codes, CountVectorizer, LogisticRegression)
    proba = pd.DataFrame(0.0, index=gold.index, columns=CODES)
    for train, test in GroupKFold(n_splits=10).split(units, groups=units["doc"]):
        vec = CountVectorizer(ngram_range=(1, 2), binary=True, min_df=2)
        x_train = vec.fit_transform(units["text"].iloc[train])
        x_test = vec.transform(units["text"].iloc[test])
        for code in codes:
            y = gold[code].to_numpy()[train]
            if y.sum() < 2:
                continue
            model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000).fit(x_train, y)
            proba.iloc[test, proba.columns.get_loc(code)] = model.predict_proba(x_test)[:, 1]

    def score(pred: pd.DataFrame) -> tuple[float, float]:
        hits = int((pred & gold).to_numpy().sum())
        return hits / max(int(pred.to_numpy().sum()), 1), hits / int(gold.to_numpy().sum())

    print(f"dev part: {units['doc'].nunique()} documents, {len(units)} paragraphs, "
          f"{int(gold.to_numpy().sum())} barrier hand codes; codes modelled: {', '.join(codes)}")
    p, r = score(rule)
    print(f"rules alone (in-sample):          precision {p:.2f}, recall {r:.2f}")
    for t in (0.3, 0.5, 0.7, 0.9):
        model = proba > t
        p, r = score(model)
        pu, ru = score(model | rule)
        print(f"model p > {t:.1f}: precision {p:.2f}, recall {r:.2f} | with rules: {pu:.2f} / {ru:.2f}")
    return 0


def _score_part(args, units, gold, codes, vectorizer, regression) -> int:
    """Train on every dev paragraph, score `args.score` once: rules alone, and rules or model."""
    vec = vectorizer(ngram_range=(1, 2), binary=True, min_df=2)
    x_train = vec.fit_transform(units["text"])
    h_units, h_gold, h_rule = _units(args.score)
    x_test = vec.transform(h_units["text"])
    model = pd.DataFrame(False, index=h_gold.index, columns=CODES)
    for code in codes:
        fit = regression(C=args.c, class_weight="balanced", max_iter=2000).fit(x_train, gold[code].to_numpy())
        model[code] = fit.predict_proba(x_test)[:, 1] > args.threshold

    def score(pred: pd.DataFrame) -> str:
        hits = int((pred & h_gold).to_numpy().sum())
        p = hits / max(int(pred.to_numpy().sum()), 1)
        r = hits / max(int(h_gold.to_numpy().sum()), 1)
        return f"precision {p:.2f}, recall {r:.2f}, F1 {2 * p * r / max(p + r, 1e-9):.2f}"

    print(f"{args.score}: {h_units['doc'].nunique()} documents, {int(h_gold.to_numpy().sum())} barrier hand codes")
    print(f"rules alone:                {score(h_rule)}")
    print(f"model p > {args.threshold:.1f} alone:      {score(model)}")
    print(f"rules or model p > {args.threshold:.1f}: {score(h_rule | model)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
