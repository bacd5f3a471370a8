"""The learnt barrier model: cross-validate it on the corpus's dev part, score a held-out part, write its weights.

Each paragraph of the dev documents is a unit; for each barrier code with at least five hand codes,
a logistic regression over TF-IDF-weighted folded words and word pairs (`intake.coding_model`:
features seen in at least three paragraphs, balanced class weights, C = 3) is trained. Without
options it is scored 10-fold by document, so no document is scored by a model that saw it: printed
are paragraph-level precision, recall and F1 at several probability thresholds, alone and joined
with the rule coder's suggestions (whose rules were written from these same documents, so the
joined figures are in-sample for the rules). The shipped threshold (`coding_model.THRESHOLD`) is the
one with the best F1 of the model alone here. It needs scikit-learn (`make eval-learnt` installs the
`eval` extra); scoring the shipped weights does not.

    python benchmarks/learnt_baseline.py [--c 3.0]
    python benchmarks/learnt_baseline.py --score heldout10
    python benchmarks/learnt_baseline.py --write
    git show f416411:tests/corpus/split.csv > /tmp/split16.csv
    python benchmarks/learnt_baseline.py --write --split /tmp/split16.csv
    python benchmarks/learnt_baseline.py --unseen-rules

The shipped weights are those of the second `--write` above: trained on the 982 dev texts of the split as it stood
at the end of the sixteenth round (retrained on more texts they lowered F1 on a held-out part, tests/corpus/README.md).
`--score PART` trains once on every dev paragraph and scores a held-out part: the rules alone and
the rules joined with the model at the review threshold and at the join threshold. `--write` trains on every dev paragraph
and writes `dvc_analysis/intake/barrier_model.csv`. `--unseen-rules` runs the same cross-validation but joins the
model with the rules as they stood before each dev text was read (`tests/corpus/rules_before_read.csv`, written by
`rules_before_read.py`), over the dev texts that file covers: the join threshold with the best F1 there is the one
chosen for unseen texts (the decision fixed before heldout15 was scored, tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd

from dvc_analysis.intake.coding import suggest_codes
from dvc_analysis.intake.coding_join import addressed_barriers
from dvc_analysis.intake.coding_model import (
    JOIN_THRESHOLD,
    THRESHOLD,
    fit_model,
    grams,
    model_probabilities,
    write_model,
)
from dvc_analysis.intake.corpus import read_corpus
from dvc_analysis.text.textio import fold_words, split_paragraphs

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
CODES = [f"B{i:02d}" for i in range(1, 12)]


def _units(part: str, split_file: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Paragraph table (doc, text), hand codes and rule codes as paragraph × code booleans (the parts as in
    `split_file` when given, else as in the corpus's split.csv)."""
    docs, coding, split = read_corpus(CORPUS)
    if split_file:
        split = pd.read_csv(split_file, dtype=str)
    keep = set(split.loc[split["part"] == part, "doc_id"])
    rows, gold, rule = [], [], []
    for d in docs:
        if d.doc_id not in keep:
            continue
        coded = suggest_codes(d.text, learnt=False)
        hand = coding[(coding["doc_id"] == d.doc_id) & (coding["kind"] == "barrier")]
        for n, text in enumerate(split_paragraphs(d.text), start=1):
            rows.append((d.doc_id, text))
            gold.append({c: bool(((hand["paragraph"] == n) & (hand["code"] == c)).any()) for c in CODES})
            # a rule code of either kind stands: the model only adds codes the rules left out
            mine = coded[(coded["paragraph"] == n) & (coded["kind"] == "barrier")]
            rule.append({c: bool((mine["code"] == c).any()) for c in CODES})
            denied = coded[(coded["paragraph"] == n) & (coded["kind"] == "achievement")]
            rule[-1]["_denied"] = set(denied["code"])
            rule[-1]["_levers"] = set(coded.loc[(coded["paragraph"] == n) & (coded["kind"] == "lever"), "code"])
    rule_frame = pd.DataFrame(rule)
    return pd.DataFrame(rows, columns=["doc", "text"]), pd.DataFrame(gold), rule_frame


def _rules_before_read(units: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Paragraph × code suggestions of the rules before each text was read, and which paragraphs have them."""
    old = pd.read_csv(CORPUS / "rules_before_read.csv", dtype={"doc_id": str})
    number = units.groupby("doc").cumcount() + 1
    barriers = set(zip(*(old.loc[old["kind"] == "barrier", c] for c in ("doc_id", "paragraph", "code")), strict=True))
    denied: dict[tuple[str, int], set[str]] = {}
    for r in old[old["kind"] == "achievement"].itertuples():
        denied.setdefault((r.doc_id, r.paragraph), set()).add(r.code)
    rule = pd.DataFrame([{c: (d, n, c) in barriers for c in CODES} for d, n in zip(units["doc"], number, strict=True)])
    rule["_denied"] = [denied.get((d, n), set()) for d, n in zip(units["doc"], number, strict=True)]
    levers: dict[tuple[str, int], set[str]] = {}
    for r in old[old["kind"] == "lever"].itertuples():
        levers.setdefault((r.doc_id, r.paragraph), set()).add(r.code)
    rule["_levers"] = [levers.get((d, n), set()) for d, n in zip(units["doc"], number, strict=True)]
    return rule, units["doc"].isin(set(old["doc_id"]))


def _join(rule: pd.DataFrame, model: pd.DataFrame, guard: bool = False) -> pd.DataFrame:
    """Rules or model, where the model adds no code the rules read as an achievement, nor (with `guard`,
    as `coding_join.LEVER_GUARD`) a barrier that a lever the rules found addresses, in a paragraph where they
    found no barrier."""
    out = rule[CODES].copy()
    no_barrier = ~rule[CODES].any(axis=1)
    for code in CODES:
        denied = rule["_denied"].map(lambda s, c=code: c in s)
        if guard:
            addressed = rule["_levers"].map(lambda s, c=code: c in addressed_barriers(s))
            denied = denied | (addressed & no_barrier)
        out[code] = out[code] | (model[code] & ~denied)
    return out


def _score(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, float, float]:
    hits = int((pred[CODES] & gold[CODES]).to_numpy().sum())
    p = hits / max(int(pred[CODES].to_numpy().sum()), 1)
    r = hits / max(int(gold[CODES].to_numpy().sum()), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def _gold_lists(gold: pd.DataFrame) -> dict[str, list[bool]]:
    return {c: gold[c].tolist() for c in CODES}


def _proba(model, texts: pd.Series) -> pd.DataFrame:
    rows = [model_probabilities(t, model) for t in texts]
    return pd.DataFrame(rows, index=texts.index).reindex(columns=CODES, fill_value=0.0).fillna(0.0)


def _curve(units: pd.DataFrame, gold: pd.DataFrame, c: float,
           fractions: tuple[float, ...] = (0.125, 0.25, 0.5, 0.75, 1.0)) -> pd.DataFrame:
    """Cross-validated F1 of the model trained on growing shares of each fold's training documents."""
    from sklearn.model_selection import GroupKFold

    old, keep = _rules_before_read(units)
    rows = []
    for frac in fractions:
        proba = pd.DataFrame(0.0, index=gold.index, columns=CODES)
        sizes = []
        for k, (train, test) in enumerate(GroupKFold(n_splits=10).split(units, groups=units["doc"])):
            docs = sorted(set(units["doc"].iloc[train]))
            chosen = set(random.Random(k).sample(docs, max(1, round(len(docs) * frac))))
            sizes.append(len(chosen))
            rows_in = [i for i in train if units["doc"].iloc[i] in chosen]
            model = fit_model(units["text"].iloc[rows_in].tolist(), _gold_lists(gold.iloc[rows_in]), c=c)
            proba.iloc[test] = _proba(model, units["text"].iloc[test]).to_numpy()
        alone = max((_score(proba > t, gold)[2], t) for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8))
        g, p, o = (f[keep].reset_index(drop=True) for f in (gold, proba, old))
        joined = max((_score(_join(o, p > t), g)[2], t) for t in (0.5, 0.6, 0.7, 0.8))
        rows.append({"training_texts": round(sum(sizes) / len(sizes)), "model_f1": alone[0], "model_threshold": alone[1],
                     "joined_f1": joined[0], "join_threshold": joined[1]})
    return pd.DataFrame(rows)


def _triples(text: str) -> list[str]:
    words = fold_words(text).split()
    return grams(text) + [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)]


def _features(units: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Cross-validated F1 of the model with other features and regularisation strengths."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    def words():
        return TfidfVectorizer(analyzer=grams, min_df=3, sublinear_tf=True)

    def chars():
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                               preprocessor=fold_words)

    variants = {
        "words and pairs (shipped)": lambda: [words()],
        "words, pairs and triples": lambda: [TfidfVectorizer(analyzer=_triples, min_df=3, sublinear_tf=True)],
        "characters 2-5 within words": lambda: [chars()],
        "words and pairs + characters": lambda: [words(), chars()],
    }
    old, keep = _rules_before_read(units)
    texts = units["text"].tolist()
    rows = []
    for name, make in variants.items():
        for c in (1.0, 3.0, 10.0):
            proba = pd.DataFrame(0.0, index=gold.index, columns=CODES)
            for train, test in GroupKFold(n_splits=10).split(units, groups=units["doc"]):
                vectorisers = make()
                x_train = hstack([v.fit_transform([texts[i] for i in train]) for v in vectorisers]).tocsr()
                x_test = hstack([v.transform([texts[i] for i in test]) for v in vectorisers]).tocsr()
                for code in CODES:
                    labels = gold[code].to_numpy()[train]
                    if labels.sum() < 5:
                        continue
                    fit = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x_train, labels)
                    proba.loc[proba.index[test], code] = fit.predict_proba(x_test)[:, 1]
            alone = max((_score(proba > t, gold)[2], t) for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9))
            g, p, o = (f[keep].reset_index(drop=True) for f in (gold, proba, old))
            joined = {t: _score(_join(o, p > t), g)[2] for t in (0.5, 0.6, 0.7, 0.8, 0.9)}
            best = max(joined, key=joined.get)
            rows.append({"features": name, "C": c, "alone_f1": alone[0], "alone_at": alone[1],
                         "joined_f1": joined[best], "joined_at": best, "joined_f1_at_0.8": joined[0.8]})
            print(f"{name:30s} C={c:<4g} alone F1 {alone[0]:.3f} (p > {alone[1]}) | joined F1 {joined[best]:.3f} "
                  f"(p > {best}), at 0.8 {joined[0.8]:.3f}", flush=True)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--score", metavar="PART", help="train on all of dev, score this held-out part once")
    parser.add_argument("--write", action="store_true", help="train on all of dev and write the shipped weights")
    parser.add_argument("--lever-guard", action="store_true",
                        help="also print each join with the lever guard (coding_join.LEVER_GUARD)")
    parser.add_argument("--unseen-rules", action="store_true",
                        help="join with the rules as they stood before each dev text was read")
    parser.add_argument("--split", metavar="CSV",
                        help="take the dev part from this split file (doc_id, part) instead of the corpus's")
    parser.add_argument("--features", action="store_true",
                        help="cross-validate other features and regularisation strengths")
    parser.add_argument("--curve", action="store_true",
                        help="learning curve: F1 against the number of training texts")
    args = parser.parse_args(argv)
    try:
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("scikit-learn is not installed: run `make eval-learnt` (installs the eval extra).")
        return 2
    units, gold, rule = _units("dev", args.split)
    if args.write:
        path = write_model(fit_model(units["text"].tolist(), _gold_lists(gold), c=args.c))
        print(f"wrote {path} ({path.stat().st_size // 1024} KB) from {units['doc'].nunique()} dev documents")
        return 0
    if args.features:
        print(f"dev part: {units['doc'].nunique()} documents; joins scored on the documents with rules from "
              "before they were read")
        _features(units, gold)
        return 0
    if args.curve:
        curve = _curve(units, gold, args.c)
        print(f"learning curve, 10 folds over {units['doc'].nunique()} dev documents (best threshold of each; the "
              "join with the rules as they stood before each text was read)")
        print(curve.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        return 0
    if args.score:
        model = fit_model(units["text"].tolist(), _gold_lists(gold), c=args.c)
        h_units, h_gold, h_rule = _units(args.score)
        proba = _proba(model, h_units["text"])
        pred = proba > THRESHOLD
        print(f"{args.score}: {h_units['doc'].nunique()} documents, {int(h_gold.to_numpy().sum())} barrier hand codes")
        for name, frame in (("rules alone", h_rule), (f"model p > {THRESHOLD} alone", pred),
                            (f"rules joined, p > {THRESHOLD}", _join(h_rule, pred)),
                            (f"rules joined, p > {JOIN_THRESHOLD}", _join(h_rule, proba > JOIN_THRESHOLD))):
            print(f"{name:30s} precision {{:.2f}}, recall {{:.2f}}, F1 {{:.2f}}".format(*_score(frame, h_gold)))
        return 0
    if args.unseen_rules:
        rule, keep = _rules_before_read(units)
    proba = pd.DataFrame(0.0, index=gold.index, columns=CODES)
    for train, test in GroupKFold(n_splits=10).split(units, groups=units["doc"]):
        model = fit_model(units["text"].iloc[train].tolist(), _gold_lists(gold.iloc[train]), c=args.c)
        proba.iloc[test] = _proba(model, units["text"].iloc[test]).to_numpy()
    print(f"dev part: {units['doc'].nunique()} documents, {len(units)} paragraphs, "
          f"{int(gold.to_numpy().sum())} barrier hand codes")
    label = "rules alone (in-sample):     "
    if args.unseen_rules:
        units, gold, rule, proba = (f[keep].reset_index(drop=True) for f in (units, gold, rule, proba))
        print(f"scored on the {units['doc'].nunique()} dev documents with rules from before they were read "
              f"({len(units)} paragraphs, {int(gold.to_numpy().sum())} hand codes)")
        label = "rules before they were read:"
    print(label + " precision {:.2f}, recall {:.2f}, F1 {:.3f}".format(*_score(rule, gold)))
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        model = proba > t
        p, r, f = _score(model, gold)
        joined = _join(rule, model)
        pu, ru, fu = _score(joined, gold)
        # the codes the model adds to the rules' and how many of them are right
        added = joined[CODES] & ~rule[CODES].astype(bool)
        right = int((added & gold[CODES]).to_numpy().sum())
        print(f"model p > {t:.1f}: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f} | "
              f"with rules: {pu:.2f} / {ru:.2f} / {fu:.3f}, adds {int(added.to_numpy().sum())} codes, {right} right")
        if args.lever_guard:
            guarded = _join(rule, model, guard=True)
            added = guarded[CODES] & ~rule[CODES].astype(bool)
            right = int((added & gold[CODES]).to_numpy().sum())
            print("             with the lever guard: {:.2f} / {:.2f} / {:.3f}, adds {} codes, {} right".format(
                *_score(guarded, gold), int(added.to_numpy().sum()), right))
    return 0


if __name__ == "__main__":
    sys.exit(main())
