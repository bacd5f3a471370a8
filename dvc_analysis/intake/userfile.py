"""Read a user's CSV or Excel file into validated observations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .._safeio import write_csv
from ..errors import UserDataError
from ..evidence.schema import OBS_COLUMNS as _LOAD_OBS_COLUMNS
from ..evidence.schema import PROBLEM_COLUMNS
from ..text.textio import fold_words as _fold
from ._records import (
    _Ctx,
    _declared_indicators,
    _indicator_lookup,
    _is_indicator_sheet,
    _is_skipped_sheet,
    _map_record,
    _records,
    _Reject,
)
from .cells import _detect_style, _text
from .sheets import _read_any
from .template import _bundled_indicators

if TYPE_CHECKING:
    import pandas as pd


#: columns of imported observations: those of data/observations.csv without its optional extensions
OBS_COLUMNS = [c for c in _LOAD_OBS_COLUMNS if c not in ("qualifier_denominator", "count_of")]


#: extra columns of imported observations (after OBS_COLUMNS)
EXTRA_COLUMNS = ["province_map", "source", "source_title", "source_body", "source_date", "source_url",
                 "file", "sheet", "row", "column"]
#: columns of the list of interpretations (`read_user_file(..., interpretations=[])`)
INTERPRETATION_COLUMNS = ["file", "sheet", "row", "column", "value", "understood", "kind"]


# --------------------------------------------------------------------------- validation


def _validate(obs: pd.DataFrame, ctx: _Ctx, indicators: pd.DataFrame):
    """Run the shared validation (`load.validate_observations`) on the mapped records.

    Returns (accepted positions, [(position, problem dict)]); each problem's reasons are reduced
    to the why-part, the location (sheet, row, column as the user wrote it) is added by the caller.
    """
    from ..evidence.validate import validate_observations

    df = obs.reset_index(drop=True)
    df["_pos"] = range(len(df))
    sources = sorted(set(df["source_id"]))
    accepted, problems = validate_observations(df, file=ctx.file, sheet=None, first_row=0,
                                               indicators=indicators, sources=sources,
                                               check_evidence=False)
    ok = [int(x) for x in accepted["_pos"]]
    accepted = accepted.drop(columns="_pos").reset_index(drop=True)
    out = []
    for p in problems.to_dict("records"):
        try:
            pos = int(p.get("row"))
        except (TypeError, ValueError):
            pos = None
        shown = str(p.get("value", ""))
        column = str(p.get("column", ""))
        for lang, word_row, word_col in (("vi", "dòng", "cột"), ("en", "row", "column")):
            key = f"reason_{lang}"
            text = str(p.get(key, ""))
            prefix = f"{ctx.file}" + (f", {word_row} {pos}" if pos else "") + f", {word_col} {column} = '{shown}': "
            if text.startswith(prefix):
                text = text[len(prefix):]
            p[key] = text
        out.append((pos, p))
    return accepted, ok, out


# --------------------------------------------------------------------------- public API


def read_user_file(path, *, sheet: str | int | None = None,
                   interpretations: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the user's .xlsx/.csv file into (observations, rejected, problems).

    observations: accepted rows in the observation schema (plus province_map "63"/"34", source,
    file, sheet, row, column). rejected: every rejected record with its original cells and its
    reason (file, sheet, row, column, value, reason_vi, reason_en first). problems: one row per
    problem found. len(observations) + len(rejected) equals the number of input records (rows in
    long format; non-empty figure cells, or the row itself when it has none, in wide format);
    observations.attrs["input_rows"] holds the number of data rows read.
    Rows of one file that name different sources (title, issuing body, date, link) get one
    source id each: "user:<file>" for a single source, "user:<file>-<k>" for several.
    `interpretations`, when a list, receives one dict per cell of an accepted row that was read
    as something other than its literal text (INTERPRETATION_COLUMNS: "Quảng Nính" → "Quảng
    Ninh", "1.542" → 1542, "31/12/2024" → 2024-12-31, an indicator name → its id).
    Raises UserDataError only for file-level problems (missing, unreadable, wrong encoding, no data).
    """
    import pandas as pd

    p = Path(path)
    notes: list[str] = []
    sheets = _read_any(p, sheet, notes)
    if sheet is not None and p.suffix.lower() in (".xlsx", ".xlsm"):
        # one data sheet chosen: the user's own indicators are still declared on their sheet
        chosen = {sh.name for sh in sheets}
        sheets += [sh for sh in _read_any(p, None, []) if sh.name not in chosen and _is_indicator_sheet(sh)]
    bundled = _bundled_indicators()
    problems: list[dict] = []
    declared: list[dict] = []
    data_sheets = []
    for sh in sheets:
        if _is_skipped_sheet(sh) and sheet is None:
            continue
        if _is_indicator_sheet(sh):
            declared += _declared_indicators(sh, p.name, bundled, problems)
        else:
            data_sheets.append(sh)
    indicators = add_declared_indicators(bundled, declared)
    samples = [c for sh in data_sheets for _, cells in sh.rows[:2000] for c in cells
               if isinstance(c, str) and re.search(r"\d[.,]\d", c)]
    ctx = _Ctx(file=p.name, stem=p.stem, style=_detect_style(samples), indicators=indicators,
               ind_lookup=_indicator_lookup(indicators),
               ind_units=dict(zip(indicators["id"].astype(str), indicators["unit"].astype(str), strict=True))
               if "unit" in indicators else {}, notes=notes,
               ind_exact=frozenset(str(x) for col in ("id", "name_vi", "name_en") if col in indicators
                                   for x in indicators[col]))
    records: list[dict] = []
    input_rows = 0
    for sh in data_sheets:
        recs, n = _records(sh, ctx, problems)
        for r in recs:
            r["_sheet"] = sh.name
        records += recs
        input_rows += n
    if not records and not declared:
        raise UserDataError(
            f"Tệp {p.name} không có dòng dữ liệu nào.", f"The file {p.name} has no data rows."
        )
    mapped: list[dict] = []
    rejects: list[tuple[dict, list[tuple[str, str, str, str]]]] = []
    # no "_" in the slug: the short citation id is the part of a source id before "_"
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(p.stem)).strip("-")[:20] or "user"
    for r in records:
        if "_reject" in r:
            rejects.append((r, [r["_reject"]]))
            continue
        try:
            obs = _map_record(r, ctx)
        except _Reject as rej:
            rejects.append((r, [(rej.column, _text(rej.value), rej.vi, rej.en)]))
            continue
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            rejects.append((r, [("", "", f"không đọc được dòng ({exc}).", f"cannot read the row ({exc}).")]))
            continue
        obs.update(file=p.name, sheet=r["_sheet"] or "", row=r["_row"],
                   column=r["_cols"].get("value", ""))
        obs["_rec"] = r
        mapped.append(obs)
    source_keys = list(dict.fromkeys(_source_key(o) for o in mapped))
    numbered = len(source_keys) > 1
    width = len(str(len(source_keys)))
    source_no = {key: i for i, key in enumerate(source_keys, start=1)}
    for k, obs in enumerate(mapped, start=1):
        obs["obs_id"] = f"u-{slug}-{k:06d}"
        # zero-padded so that sorted ids follow the order of the file ("-02" before "-11")
        obs["source_id"] = f"user:{slug}-{source_no[_source_key(obs)]:0{width}d}" if numbered else f"user:{slug}"
        obs["paragraph"] = None
    obs_df = _obs_frame(mapped)
    if len(obs_df):
        acc, accepted_pos, vproblems = _validate(obs_df, ctx, indicators)
    else:
        acc, accepted_pos, vproblems = obs_df, [], []
    ok = set(accepted_pos)
    if interpretations is not None:
        for pos in sorted(ok):
            obs = mapped[pos]
            cols = obs["_rec"].get("_cols", {})
            for f, written, meant, kind in obs.get("_understood", ()):
                interpretations.append(dict(file=p.name, sheet=obs["sheet"], row=obs["row"],
                                            column=cols.get(f, f), value=written, understood=meant,
                                            kind=kind))
    by_pos: dict[int, list[dict]] = {}
    for pos, prob in vproblems:
        if pos is not None:
            by_pos.setdefault(pos, []).append(prob)
    for pos, obs in enumerate(mapped):
        if pos in ok:
            continue
        probs = by_pos.get(pos) or [dict(column="", value="", reason_vi="bị loại khi kiểm tra.",
                                         reason_en="rejected by validation.")]
        cols = obs["_rec"].get("_cols", {})
        reasons = [(cols.get(str(q.get("column", "")), str(q.get("column", ""))), _text(q.get("value")),
                    str(q.get("reason_vi", "")), str(q.get("reason_en", ""))) for q in probs]
        rejects.append((obs["_rec"], reasons))
    rej_rows, prob_rows = [], list(problems)
    for r, reasons in rejects:
        for column, value, vi, en in reasons:
            prob_rows.append(dict(file=p.name, sheet=r.get("_sheet") or "", row=r["_row"],
                                  column=column, value=value, reason_vi=vi, reason_en=en))
        column, value = reasons[0][0], reasons[0][1]
        row = dict(file=p.name, sheet=r.get("_sheet") or "", row=r["_row"], column=column,
                   value=value, reason_vi="; ".join(x[2] for x in reasons),
                   reason_en="; ".join(x[3] for x in reasons))
        prob = row
        for i, c in enumerate(r["_orig"]):
            lab = r["_header"][i] if i < len(r["_header"]) else f"#{i + 1}"
            key = lab if lab not in prob else f"orig:{lab}"
            while key in row:
                key += "'"
            row[key] = _text(c)
        rej_rows.append(row)
    rejected = pd.DataFrame(rej_rows, columns=None if rej_rows else PROBLEM_COLUMNS)
    if len(rejected):
        rejected = rejected.sort_values(["sheet", "row"], kind="stable").reset_index(drop=True)
        rejected = rejected.astype({c: str for c in rejected.columns if c != "row"})
    probs_df = pd.DataFrame(prob_rows, columns=PROBLEM_COLUMNS)
    if len(probs_df):
        probs_df = probs_df.sort_values(["sheet", "row"], kind="stable").reset_index(drop=True)
    acc.attrs = {"input_rows": input_rows, "records": len(acc) + len(rejected), "style": ctx.style,
                 "encoding": notes[0] if notes else "", "declared_indicators": declared}
    return acc, rejected, probs_df


def _source_key(obs: dict) -> tuple[str, str, str, str]:
    return (obs.get("source_title", ""), obs.get("source_body", ""), obs.get("source_date", ""),
            obs.get("source_url", ""))


def add_declared_indicators(indicators: pd.DataFrame, declared) -> pd.DataFrame:
    """Return the indicator table plus the user's own indicators.

    `declared` is a list of indicator dicts, or imported frames (from `read_user_file`) whose
    ``attrs["declared_indicators"]`` hold them. Ids already in `indicators` are kept as they are.
    """
    import pandas as pd

    items: list[dict] = []
    for d in declared if isinstance(declared, list | tuple) else [declared]:
        if isinstance(d, dict):
            items.append(d)
        elif hasattr(d, "attrs"):
            items += list(d.attrs.get("declared_indicators", []))
    known = set(indicators["id"].astype(str)) if "id" in indicators else set()
    new = [d for d in items if str(d.get("id")) not in known]
    if not new:
        return indicators
    extra = pd.DataFrame(new).drop_duplicates("id")
    for col in indicators.columns:
        if col not in extra:
            extra[col] = ""
    extra["higher_is_better"] = pd.array(list(extra["higher_is_better"]), dtype="boolean")
    extra = extra[list(indicators.columns)]
    for col in indicators.columns:
        if col != "higher_is_better":
            extra[col] = extra[col].fillna("").astype(indicators[col].dtype)
    return pd.concat([indicators, extra], ignore_index=True)


def _obs_frame(mapped: list[dict]) -> pd.DataFrame:
    import pandas as pd

    cols = OBS_COLUMNS + EXTRA_COLUMNS
    df = pd.DataFrame([{c: m.get(c) for c in cols} for m in mapped], columns=cols)
    for c in ("paragraph", "numerator", "denominator", "value"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    df["row"] = pd.to_numeric(df["row"]).astype("Int64")
    text_cols = [c for c in cols if c not in ("paragraph", "numerator", "denominator", "value",
                                              "period_start", "period_end", "row")]
    for c in text_cols:
        df[c] = df[c].fillna("").astype(str)
    if len(df):
        from ..text.fmt import period_label

        empty = df["period_label"] == ""
        if empty.any():
            df.loc[empty, "period_label"] = [
                period_label(s, e) for s, e in zip(df.loc[empty, "period_start"],
                                                   df.loc[empty, "period_end"], strict=True)]
    return df


def validate_file(path, *, out_dir=None,
                  interpretations: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read and check a user file; write `<stem>.rejected.csv` beside it (or in `out_dir`).

    When another input file of the same stem sits beside it (data.csv and data.xlsx), the list is
    named after the whole file name instead (data.csv.rejected.csv), so neither overwrites the
    other. A folder that cannot be written does not hide the result: the problems are returned
    and ``attrs["rejected_csv_error"]`` holds the (vi, en) reason.

    Also writes `<stem>.interpretations.csv`: every cell read as something other than its
    literal text (see `read_user_file`), which `interpretations` (a list) receives as well.
    The CSVs are written every time (header only when empty), so an old list never outlives
    the fix. Returns (accepted, rejected, problems); ``accepted.attrs`` holds the two paths
    under "rejected_csv" and "interpretations_csv".
    """
    import pandas as pd

    understood: list[dict] = [] if interpretations is None else interpretations
    accepted, rejected, problems = read_user_file(path, interpretations=understood)
    p = Path(path)
    target_dir = Path(out_dir) if out_dir is not None else p.parent
    # data.csv and data.xlsx side by side would share data.rejected.csv: each gets its own then
    twins = [p.with_suffix(x) for x in (".xlsx", ".xlsm", ".csv", ".tsv", ".txt") if x != p.suffix.lower()]
    name = f"{p.name}.rejected.csv" if any(t.is_file() for t in twins) else f"{p.stem}.rejected.csv"
    target = target_dir / name
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        write_csv(rejected, target)
        accepted.attrs["rejected_csv"] = str(target)
        notes = target_dir / name.replace(".rejected.csv", ".interpretations.csv")
        write_csv(pd.DataFrame(understood, columns=INTERPRETATION_COLUMNS), notes)
        accepted.attrs["interpretations_csv"] = str(notes)
    except OSError as exc:  # a read-only folder: the problems are still returned (and printed)
        accepted.attrs["rejected_csv_error"] = (f"không ghi được {target} ({exc.strerror or exc}).",
                                                f"cannot write {target} ({exc.strerror or exc}).")
    return accepted, rejected, problems


def interpretation_summary(interpretations: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Group identical interpretations: one row per (column, as written, as understood).

    Parameters
    ----------
    interpretations : list of dict or DataFrame
        As filled by `read_user_file(..., interpretations=[])`.

    Returns
    -------
    DataFrame
        Columns kind, column, value, understood, n (rows), rows (the first row numbers, as
        text), ordered by kind (province, date, period, number, indicator) then first row.

    Examples
    --------
    >>> interpretation_summary([{"file": "a.xlsx", "sheet": "Dữ liệu", "row": 5, "column": "tỉnh",
    ...     "value": "Quảng Nính", "understood": "Quảng Ninh", "kind": "province"}]).iloc[0]["n"].item()
    1
    """
    import pandas as pd

    df = pd.DataFrame(interpretations, columns=INTERPRETATION_COLUMNS)
    if df.empty:
        return pd.DataFrame(columns=["kind", "column", "value", "understood", "n", "rows"])
    order = {"province": 0, "date": 1, "period": 2, "number": 3, "indicator": 4}
    g = df.groupby(["kind", "column", "value", "understood"], sort=False)["row"]
    out = g.agg(n="size", first="min", rows=lambda r: ", ".join(str(x) for x in list(r)[:5])
                + (" …" if len(r) > 5 else "")).reset_index()
    out["_k"] = out["kind"].map(order).fillna(9)
    return out.sort_values(["_k", "first"]).drop(columns=["_k", "first"]).reset_index(drop=True)


__all__ = ["read_user_file", "validate_file", "add_declared_indicators", "interpretation_summary",
           "INTERPRETATION_COLUMNS", "OBS_COLUMNS"]
