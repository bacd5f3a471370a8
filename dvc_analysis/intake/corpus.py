"""Score the barrier coder and the figure extractor against a hand-coded corpus of texts.

A corpus is a folder with `docs/*.txt` (a `# key: value` header, a line `---`, then the text),
`coding.csv` (doc_id, paragraph, kind, code, figure, note) and `split.csv` (doc_id, part); the
one shipped for evaluation is `tests/corpus` (see its README and docs/coding-guide.md). Scores are
computed per part, so that accuracy is reported on the documents the rules were not written from.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserDataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

KINDS = ("barrier", "lever", "achievement", "figure")


@dataclass(frozen=True)
class CorpusDoc:
    """One document of a corpus: its id, header fields and text (the lines after `---`)."""

    doc_id: str
    header: dict[str, str]
    text: str

    @property
    def date(self) -> _dt.date | None:
        """The document's date when the header gives a full ISO date (else None)."""
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", self.header.get("date", ""))
        return _dt.date.fromisoformat(m.group(1)) if m else None


def read_doc(path: str | Path) -> CorpusDoc:
    """Read one corpus document (header lines `# key: value`, a line `---`, then the text).

    Parameters
    ----------
    path
        A `docs/cNN.txt` file of a corpus.

    Returns
    -------
    CorpusDoc
        Its id (file stem), header fields (lower-case keys) and text.

    Examples
    --------
    >>> read_doc("tests/corpus/docs/c01.txt").header["outlet"]  # doctest: +SKIP
    """
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if "---" not in lines:
        raise UserDataError(
            f"Tệp {path} thiếu dòng '---' ngăn phần đầu và nội dung.",
            f"File {path} lacks the '---' line between header and text.",
        )
    cut = lines.index("---")
    header = {}
    for line in lines[:cut]:
        m = re.match(r"#\s*([\w ]+?)\s*:\s*(.*)$", line)
        if m:
            header[m.group(1).strip().lower()] = m.group(2).strip()
    return CorpusDoc(path.stem, header, "\n".join(lines[cut + 1 :]))


def read_corpus(root: str | Path) -> tuple[list[CorpusDoc], pd.DataFrame, pd.DataFrame]:
    """Documents, hand coding and split of the corpus in `root`.

    Parameters
    ----------
    root
        A corpus folder (`docs/`, `coding.csv`, `split.csv`).

    Returns
    -------
    tuple
        (docs, coding, split): the documents sorted by id, the coding table (paragraph as int)
        and the split table. Every coding row must name an existing document and paragraph, and
        every document must be in the split; otherwise `UserDataError` names the row.

    Examples
    --------
    >>> docs, coding, split = read_corpus("tests/corpus")  # doctest: +SKIP
    """
    import pandas as pd

    from ..text.textio import split_paragraphs

    root = Path(root)
    docs = [read_doc(p) for p in sorted((root / "docs").glob("*.txt"))]
    coding = pd.read_csv(root / "coding.csv", dtype=str, keep_default_na=False)
    split = pd.read_csv(root / "split.csv", dtype=str, keep_default_na=False)
    sizes = {d.doc_id: len(split_paragraphs(d.text)) for d in docs}
    coding["paragraph"] = coding["paragraph"].astype(int)
    for i, row in enumerate(coding.itertuples(), start=2):
        if row.doc_id not in sizes or not 1 <= row.paragraph <= sizes[row.doc_id]:
            raise UserDataError(
                f"coding.csv dòng {i}: không có tài liệu {row.doc_id} đoạn {row.paragraph}.",
                f"coding.csv row {i}: no document {row.doc_id} paragraph {row.paragraph}.",
            )
        if row.kind not in KINDS:
            raise UserDataError(
                f"coding.csv dòng {i}, cột kind: '{row.kind}' không thuộc {', '.join(KINDS)}.",
                f"coding.csv row {i}, column kind: '{row.kind}' is not one of {', '.join(KINDS)}.",
            )
    missing = sorted(set(sizes) - set(split["doc_id"]))
    if missing:
        raise UserDataError(
            f"split.csv thiếu tài liệu: {', '.join(missing)}.",
            f"split.csv lacks documents: {', '.join(missing)}.",
        )
    return docs, coding, split


def _part(docs: list[CorpusDoc], split: pd.DataFrame, part: str | None) -> list[CorpusDoc]:
    if part is None:
        return docs
    keep = set(split.loc[split["part"] == part, "doc_id"])
    return [d for d in docs if d.doc_id in keep]


# ----------------------------------------------------------------------------- coding
def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def score_coding(root: str | Path, part: str | None = "heldout3", kind: str = "barrier",
                 learnt: bool | float | None = None) -> dict:
    """Paragraph-level precision and recall of `coding.suggest_codes` on one part of a corpus.

    Parameters
    ----------
    root
        The corpus folder.
    part
        A held-out part ("heldout3", "heldout4", "heldout5", "heldout18"; `make eval`
        reports heldout18, the one never read while writing rules), "dev", or None for every document.
    kind
        "barrier" or "lever".
    learnt
        Passed to `suggest_codes`: None scores the package's default suggestions, False the rules alone.

    Returns
    -------
    dict
        precision, recall, f1, n_gold, n_pred, hits; per_code (DataFrame: code, gold, predicted,
        hits, precision, recall); confusion (DataFrame: gold code or "none" × suggested code or
        "none", counted over paragraph codes); achievements_as_barriers (hand-coded achievements
        the coder reports as barriers); missed and spurious (DataFrames of doc_id, paragraph, code).

    Examples
    --------
    >>> score_coding("tests/corpus", "heldout3")["recall"]  # doctest: +SKIP
    """
    import pandas as pd

    from .coding import suggest_codes

    docs, coding, split = read_corpus(root)
    docs = _part(docs, split, part)
    ids = {d.doc_id for d in docs}
    pred_rows = []
    for d in docs:
        coded = suggest_codes(d.text, learnt=learnt)
        for rec in coded.itertuples():
            pred_rows.append((d.doc_id, int(rec.paragraph), rec.kind, rec.code))
    pred = pd.DataFrame(pred_rows, columns=["doc_id", "paragraph", "kind", "code"])
    gold = coding[coding["doc_id"].isin(ids)]
    g = {(r.doc_id, r.paragraph, r.code) for r in gold[gold["kind"] == kind].itertuples()}
    p = {(r.doc_id, r.paragraph, r.code) for r in pred[pred["kind"] == kind].itertuples()}
    hits = g & p
    codes = sorted({c for _, _, c in g | p})
    per_code = pd.DataFrame(
        [
            (c, sum(x[2] == c for x in g), sum(x[2] == c for x in p), sum(x[2] == c for x in hits))
            for c in codes
        ],
        columns=["code", "gold", "predicted", "hits"],
    )
    per_code["precision"] = [_ratio(h, n) for h, n in zip(per_code["hits"], per_code["predicted"], strict=True)]
    per_code["recall"] = [_ratio(h, n) for h, n in zip(per_code["hits"], per_code["gold"], strict=True)]
    # confusion over paragraphs: a missed gold code is paired with what the coder said instead
    paras = {(d, n) for d, n, _ in g | p}
    pairs = []
    for d, n in sorted(paras):
        gc = {c for dd, nn, c in g if (dd, nn) == (d, n)}
        pc = {c for dd, nn, c in p if (dd, nn) == (d, n)}
        for c in gc & pc:
            pairs.append((c, c))
        extra = sorted(pc - gc)
        for c in sorted(gc - pc):
            pairs.extend((c, e) for e in extra) if extra else pairs.append((c, "none"))
        if not gc - pc:
            pairs.extend(("none", e) for e in extra)
    confusion = pd.crosstab(
        pd.Series([a for a, _ in pairs], name="gold"), pd.Series([b for _, b in pairs], name="predicted")
    ) if pairs else pd.DataFrame()
    ach = {(r.doc_id, r.paragraph, r.code) for r in gold[gold["kind"] == "achievement"].itertuples()}
    pred_barrier = {(r.doc_id, r.paragraph, r.code) for r in pred[pred["kind"] == "barrier"].itertuples()}
    gold_barrier = {(r.doc_id, r.paragraph, r.code) for r in gold[gold["kind"] == "barrier"].itertuples()}
    precision, recall = _ratio(len(hits), len(p)), _ratio(len(hits), len(g))
    return {
        "precision": precision,
        "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall) if p and g else float("nan"),
        "n_gold": len(g),
        "n_pred": len(p),
        "hits": len(hits),
        "per_code": per_code,
        "confusion": confusion,
        "achievements_as_barriers": len((ach & pred_barrier) - gold_barrier),
        "missed": pd.DataFrame(sorted(g - p), columns=["doc_id", "paragraph", "code"]),
        "spurious": pd.DataFrame(sorted(p - g), columns=["doc_id", "paragraph", "code"]),
    }


# ----------------------------------------------------------------------------- figures
_TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def figure_key(text: str) -> tuple[str, str] | None:
    """(first number as written, "%" | "/" | "") of a figure string; None when it has no digit.

    "12,7%" → ("12,7", "%"); "1.170/9.188" → ("1.170", "/"); "21,4 triệu" → ("21,4", "");
    "200-300" → ("200", "").
    """
    m = _TOKEN.search(str(text))
    if not m:
        return None
    rest = str(text)[m.end() :].lstrip()
    mark = "%" if rest.startswith(("%", "phần trăm")) else "/" if rest.startswith("/") else ""
    return m.group().rstrip(".,"), mark


def _row_keys(row) -> set[tuple[str, str]]:
    keys = set()
    for col in ("evidence", "evidence_numerator", "evidence_denominator", "evidence_value"):
        text = str(row.get(col, "") or "")
        key = figure_key(text)
        if key:
            keys.add(key)
        if "/" in text and "%" not in text:  # the other side of a ratio
            tail = figure_key(text.split("/", 1)[1])
            if tail:
                keys.add((tail[0], ""))
    return keys


_DATE_WORDS = re.compile(
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|tính đến|đến|từ|trước|sau|tháng|đầu|cuối)\s*$", re.I
)


def score_extraction(root: str | Path, part: str | None = "heldout3") -> dict:
    """Recall, precision and indicator-label accuracy of `extract.extract_text` on one part.

    A hand-coded figure is found when an extracted row of the same paragraph carries the same
    number as written (with the same %, / or bare form) in one of its evidence columns. Precision
    is the share of extracted rows that match some hand-coded figure. Label accuracy is measured
    on the found figures that have an indicator id; the false-label rate is the share of found
    figures without one (changes, internet use, a survey's sample …) that were given an indicator.
    `dates_as_values` counts extracted rows that match no figure and are a day and month ("12/5",
    "1.6", "15-9") or a day number after a date word with a month after it ("ngày 12 tháng 5").

    Parameters
    ----------
    root
        The corpus folder.
    part
        A held-out part ("heldout3", "heldout4", "heldout5", "heldout18"; `make eval`
        reports heldout18, the one never read while writing rules), "dev", or None for every document.

    Returns
    -------
    dict
        recall, precision, label_accuracy, false_label_rate, n_gold, n_found, n_extracted,
        n_labelled, n_unlabelled,
        dates_as_values, and the DataFrames dates, labels (gold vs predicted), false_labels and unmatched rows.

    Examples
    --------
    >>> score_extraction("tests/corpus", "heldout3")["dates_as_values"]  # doctest: +SKIP
    0
    """
    import pandas as pd

    from ..text.textio import split_paragraphs
    from .extract import extract_text

    docs, coding, split = read_corpus(root)
    docs = _part(docs, split, part)
    gold = coding[(coding["kind"] == "figure") & coding["doc_id"].isin({d.doc_id for d in docs})]
    found, labels, rows, dates, unmatched = [], [], 0, [], []
    matched_rows = 0
    for d in docs:
        ext = extract_text(d.text, source_id=d.doc_id, doc_date=d.date)
        paras = split_paragraphs(d.text)
        recs = ext.to_dict("records")
        rows += len(recs)
        keys = [_row_keys(r) for r in recs]
        mine = gold[gold["doc_id"] == d.doc_id]
        used = [False] * len(recs)
        for g in mine.itertuples():
            key = figure_key(g.figure)
            hit = [i for i, r in enumerate(recs) if r["paragraph"] == g.paragraph and key in keys[i]]
            found.append(bool(hit))
            for i in hit:
                used[i] = True
            if hit:
                primary = [i for i in hit if figure_key(recs[i]["evidence"]) == key] or hit
                labels.append((d.doc_id, g.paragraph, g.figure, g.code, recs[primary[0]]["indicator"]))
        matched_rows += sum(used)
        for i, r in enumerate(recs):
            if used[i]:
                continue
            unmatched.append((d.doc_id, r["paragraph"], r["evidence"], r["indicator"]))
            para = paras[r["paragraph"] - 1]
            before = para[max(0, r["offset"] - 14) : r["offset"]]
            after = para[r["offset"] + len(str(r["evidence"])) :][:8]
            evidence = str(r["evidence"]).strip()
            dm = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})", evidence)
            day = re.fullmatch(r"\d{1,2}", evidence) and 1 <= int(evidence) <= 31
            # a day and month in any spelling, or a day number after a date word that a month follows
            if (dm and 1 <= int(dm.group(1)) <= 31 and 1 <= int(dm.group(2)) <= 12) or (
                day and _DATE_WORDS.search(before) and re.match(r"\s*(?:[/.-]\s*\d|tháng)", after)
            ):
                dates.append((d.doc_id, r["paragraph"], r["evidence"]))
    every_label = pd.DataFrame(labels, columns=["doc_id", "paragraph", "figure", "gold", "predicted"])
    label_frame = every_label[every_label["gold"] != ""]
    correct = int((label_frame["gold"] == label_frame["predicted"]).sum()) if len(label_frame) else 0
    # found figures of no package indicator (internet use, a survey's sample …) that got one anyway
    unlabelled = every_label[every_label["gold"] == ""]
    false_labels = unlabelled[unlabelled["predicted"] != ""]
    return {
        "recall": _ratio(sum(found), len(found)),
        "precision": _ratio(matched_rows, rows),
        "label_accuracy": _ratio(correct, len(label_frame)),
        "false_label_rate": _ratio(len(false_labels), len(unlabelled)),
        "n_unlabelled": len(unlabelled),
        "false_labels": false_labels.reset_index(drop=True),
        "n_gold": len(found),
        "n_found": sum(found),
        "n_extracted": rows,
        "n_labelled": len(label_frame),
        "dates_as_values": len(dates),
        "dates": pd.DataFrame(dates, columns=["doc_id", "paragraph", "evidence"]),
        "labels": label_frame.reset_index(drop=True),
        "unmatched": pd.DataFrame(unmatched, columns=["doc_id", "paragraph", "evidence", "indicator"]),
    }


# ----------------------------------------------------------------------------- two coders
def coder_agreement(root: str | Path, part: str | None = "heldout3", kind: str = "barrier",
                    second: str = "coding_second.csv") -> dict:
    """Agreement of a second, independent hand coding (`second` in the corpus folder) with the first.

    Parameters
    ----------
    root
        The corpus folder.
    part
        The part both coded in full ("heldout3"), or None for the documents the second coding names.
    kind
        "barrier", "lever" or "achievement".
    second
        File name of the second coding (doc_id, paragraph, kind, code, note).

    Returns
    -------
    dict
        precision and recall of the second coder against the first (paragraph level, as for the
        rule coder), kappa (Cohen's, over every paragraph × code of the taxonomy in those documents),
        n_first, n_second, hits, documents.

    Examples
    --------
    >>> coder_agreement("tests/corpus")["kappa"]  # doctest: +SKIP
    """
    import pandas as pd

    from ..text.textio import split_paragraphs

    docs, coding, split = read_corpus(root)
    other = pd.read_csv(Path(root) / second, dtype=str, keep_default_na=False)
    other["paragraph"] = other["paragraph"].astype(int)
    # the second coder codes every document of the part (one with no row has no code)
    ids = {d.doc_id for d in _part(docs, split, part)} if part else set(other["doc_id"])
    first = {(r.doc_id, r.paragraph, r.code) for r in coding.itertuples() if r.kind == kind and r.doc_id in ids}
    again = {(r.doc_id, r.paragraph, r.code) for r in other.itertuples() if r.kind == kind and r.doc_id in ids}
    hits = first & again
    codes = [f"B{i:02d}" for i in range(1, 12)] if kind != "lever" else [f"L{i:02d}" for i in range(1, 17)]
    units = [(d.doc_id, n, c) for d in docs if d.doc_id in ids
             for n in range(1, len(split_paragraphs(d.text)) + 1) for c in codes]
    a = [u in first for u in units]
    b = [u in again for u in units]
    n = len(units)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n if n else float("nan")
    pa, pb = (sum(a) / n, sum(b) / n) if n else (0.0, 0.0)
    expected = pa * pb + (1 - pa) * (1 - pb)
    return {
        "precision": _ratio(len(hits), len(again)),
        "recall": _ratio(len(hits), len(first)),
        "kappa": (observed - expected) / (1 - expected) if n and expected < 1 else float("nan"),
        "n_first": len(first),
        "n_second": len(again),
        "hits": len(hits),
        "documents": len(ids),
    }
