"""Measure the barrier coder and the figure extractor on the held-out part of the text corpus.

The corpus (tests/corpus: 1.268 public Vietnamese texts, hand-coded; see its README) is split by
document; the rules are written from the dev part, so only a held-out part measures accuracy:
`heldout18` (31 texts, ids drawn before the texts were collected, never read while writing rules) by default;
`heldout5`, `heldout4` and `heldout3` had their scores (never their errors) seen after
earlier rounds. `-v` lists the errors: use it on
dev only, since reading held-out errors spends that part.

    python benchmarks/eval_corpus.py [--part heldout18|heldout5|heldout4|heldout3|dev|all] [-v]

Prints barrier and lever precision/recall at paragraph level (barriers as suggested by default, the
rules joined with the learnt model's surest codes, and by the rules alone), per code, the confusion between
codes, achievements coded as barriers, and extraction recall/precision, indicator-label accuracy
and the count of dates read as values.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from dvc_analysis.intake.corpus import coder_agreement, score_coding, score_extraction

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="heldout18",
                        choices=["heldout18", "heldout5", "heldout4", "heldout3", "dev", "all"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extra codes")
    args = parser.parse_args(argv)
    part = None if args.part == "all" else args.part
    pd.set_option("display.width", 160, "display.max_rows", 200, "display.max_columns", 40)
    print(f"Corpus {CORPUS} – part: {args.part}\n")
    for kind in ("barrier", "lever"):
        res = score_coding(CORPUS, part, kind)
        print(f"== {kind} coding (paragraph level): precision {res['precision']:.2f}, "
              f"recall {res['recall']:.2f}, F1 {res['f1']:.2f} "
              f"(gold {res['n_gold']}, suggested {res['n_pred']}, hits {res['hits']})")
        if kind == "barrier":
            alone = score_coding(CORPUS, part, kind, learnt=False)
            print(f"   the rules alone (--rules-only): precision {alone['precision']:.2f}, "
                  f"recall {alone['recall']:.2f}, F1 {alone['f1']:.2f}")
            print(f"   achievements coded as barriers: {res['achievements_as_barriers']}")
        print(res["per_code"].to_string(index=False, float_format=lambda x: f"{x:.2f}"))
        if kind == "barrier" and len(res["confusion"]):
            print("\nconfusion (rows: hand code, columns: suggested code)")
            print(res["confusion"].to_string())
        if args.verbose:
            print("\nmissed:\n" + res["missed"].to_string(index=False))
            print("spurious:\n" + res["spurious"].to_string(index=False))
        print()
    if (CORPUS / "coding_second.csv").is_file() and args.part == "heldout3":
        print("== a second person's hand coding against the first (the ceiling for the coder)")
        for kind in ("barrier", "lever"):
            agr = coder_agreement(CORPUS, part, kind)
            print(f"   {kind}: precision {agr['precision']:.2f}, recall {agr['recall']:.2f}, "
                  f"Cohen's kappa {agr['kappa']:.2f} ({agr['documents']} documents)")
        print()
    ext = score_extraction(CORPUS, part)
    print(f"== extraction: recall {ext['recall']:.2f} ({ext['n_found']}/{ext['n_gold']}), "
          f"precision {ext['precision']:.2f} ({ext['n_extracted']} rows), "
          f"indicator-label accuracy {ext['label_accuracy']:.2f} ({ext['n_labelled']} labelled), "
          f"indicator given to a non-indicator figure {ext['false_label_rate']:.2f} "
          f"({ext['n_unlabelled']}), "
          f"dates read as values: {ext['dates_as_values']}")
    if args.verbose:
        print("\nunmatched rows:\n" + ext["unmatched"].to_string(index=False))
        wrong = ext["labels"][ext["labels"]["gold"] != ext["labels"]["predicted"]]
        print("\nwrong labels:\n" + wrong.to_string(index=False))
        print("\nindicator given to non-indicator figures:\n" + ext["false_labels"].to_string(index=False))
        print("\ndates as values:\n" + ext["dates"].to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
