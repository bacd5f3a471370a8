"""Compare extraction on the bundled source texts with the curated observations (in-sample)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .core import _frame, extract_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# ---------------------------------------------------------------------------------------------
# Evaluation against the curated observations
# ---------------------------------------------------------------------------------------------

_EVIDENCE_COLS = ("evidence", "evidence_numerator", "evidence_denominator", "evidence_value")


def _norm_evidence(text) -> str:
    text = "" if text is None else str(text)
    if text.lower() == "nan":
        return ""
    return re.sub(r"\s+", "", text)


def _evidence_set(row: dict) -> set[str]:
    """Evidence strings of a row, with both sides of a ratio ("1.542/1.868" → "1.542", "1.868")."""
    out = {_norm_evidence(row.get(c)) for c in _EVIDENCE_COLS} - {""}
    for ev in list(out):
        if "/" in ev and "%" not in ev:
            out.update(part for part in ev.split("/") if part)
    return out


def _same_figure(found: dict, curated: dict) -> bool:
    """Same evidence (any evidence column, or one side of a ratio) or the same parsed
    value/numerator/denominator."""
    fe = _evidence_set(found)
    ce = {_norm_evidence(curated.get(c)) for c in _EVIDENCE_COLS} - {""}
    if fe & ce:
        return True
    fields = [c for c in ("value", "numerator", "denominator") if _present(curated.get(c))]
    if fields and all(
        _present(found.get(c)) and abs(float(found[c]) - float(curated[c])) < 1e-6 for c in fields
    ):
        return True
    return False


def _agreement(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for col in ("indicator", "province_code", "period_start", "period_end", "qualifier", "unit_name"):
        same = [
            str(found.get(col, "") or "").strip() == str(cur.get(col, "") or "").strip()
            for found, cur in pairs
            if col in cur
        ]
        out[col] = sum(same) / len(same) if same else float("nan")
    return out


def _present(v) -> bool:
    if v is None:
        return False
    try:
        return float(v) == float(v)
    except (TypeError, ValueError):
        return False


def _read_curated(name: str) -> pd.DataFrame:
    import pandas as pd

    from ..._resources import data_path

    node = data_path(name)
    if not node.is_file():
        return pd.DataFrame()
    with node.open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    for col in ("numerator", "denominator", "value"):
        if col in df:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


def evaluate(seeds_dir: str | Path, observations: pd.DataFrame | None = None) -> dict:
    """Compare extraction on the source texts in `seeds_dir` with the curated observations.

    Returns a dict with
    - ``recall``: share of curated figures (data/observations.csv) found, i.e. some extracted row
      of the same source and paragraph has the same evidence (any evidence column) or the same
      parsed value/numerator/denominator;
    - ``non_figure_share``: share of extracted rows that match no curated figure, neither an
      observation nor a target (data/targets.csv) of the same paragraph. This is a strict upper
      bound on "numbers that are not figures": every unmatched row counts, whether it is a date,
      a document number, list numbering, or a real figure the curated set leaves out;
    - ``missed`` (curated rows not found), ``unmatched`` (extracted rows matching nothing),
      ``extracted`` (all rows), ``n_curated``, ``n_extracted``;
    - ``agreement``: for the curated figures found, the share whose guessed indicator, province,
      period start/end, qualifier and unit name equal the curated ones.
    """
    import pandas as pd

    seeds = Path(seeds_dir)
    curated = observations if observations is not None else _read_curated("observations.csv")
    targets = _read_curated("targets.csv")
    if "source_id" in targets and "paragraph" in targets:
        targets = targets[targets["source_id"].astype(str).str.len() > 0]
    frames = []
    sources = sorted(set(curated["source_id"])) if len(curated) else []
    for path in sorted(seeds.glob("*.txt")):
        if sources and path.stem not in sources:
            continue
        frames.append(extract_file(path, source_id=path.stem))
    extracted = pd.concat(frames, ignore_index=True) if frames else _frame([])

    def by_key(df: pd.DataFrame) -> dict[tuple[str, int], list[dict]]:
        out: dict[tuple[str, int], list[dict]] = {}
        for rec in df.to_dict("records"):
            try:
                key = (str(rec["source_id"]), int(float(rec["paragraph"])))
            except (TypeError, ValueError):
                continue
            out.setdefault(key, []).append(rec)
        return out

    ext_by = by_key(extracted)
    found_flags = []
    pairs: list[tuple[dict, dict]] = []
    for rec in curated.to_dict("records"):
        try:
            key = (str(rec["source_id"]), int(float(rec["paragraph"])))
        except (TypeError, ValueError):  # a curated row without a paragraph cannot be found
            key = ("", -1)
        hits = [e for e in ext_by.get(key, []) if _same_figure(e, rec)]
        found_flags.append(bool(hits))
        if hits:
            primary = _norm_evidence(rec.get("evidence"))
            best = next((e for e in hits if _norm_evidence(e["evidence"]) == primary), hits[0])
            pairs.append((best, rec))
    found_flags_s = pd.Series(found_flags, index=curated.index, dtype=bool)
    reference = pd.concat([curated, targets], ignore_index=True) if len(targets) else curated
    ref_by = by_key(reference)
    matched = []
    for rec in extracted.to_dict("records"):
        key = (str(rec["source_id"]), int(rec["paragraph"]))
        matched.append(any(_same_figure(rec, c) for c in ref_by.get(key, [])))
    matched_s = pd.Series(matched, index=extracted.index, dtype=bool)
    n_cur, n_ext = len(curated), len(extracted)
    return {
        "recall": float(found_flags_s.mean()) if n_cur else float("nan"),
        "non_figure_share": float((~matched_s).mean()) if n_ext else 0.0,
        "n_curated": n_cur,
        "n_extracted": n_ext,
        "agreement": _agreement(pairs),
        "missed": curated[~found_flags_s],
        "unmatched": extracted[~matched_s],
        "extracted": extracted,
    }
