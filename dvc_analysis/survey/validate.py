"""Code raw survey answers with the codebook and reject, with reasons, every row that breaks it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._safeio import write_csv
from ..errors import UserDataError
from ..text.textio import fold
from .codebook import Codebook
from .read import Responses

PROBLEM_COLUMNS = ["row", "question", "column", "value", "reason_vi", "reason_en"]
ROW = "row_in_file"
"""Column of the coded data holding each respondent's row number in the input file."""

_SEPARATORS = re.compile(r"^[\s,;|/]*$")
_LEADING_CODE = re.compile(r"^\s*(-?\d+)\s*[-.:)]\s*\S")
_TRUE = {"1", "1.0", "true", "x", "yes", "co", "selected"}
_FALSE = {"0", "0.0", "false", "no", "khong", ""}


@dataclass(frozen=True)
class Coded:
    """Survey answers after coding: ``data`` (accepted rows) and ``rejected`` (one line per
    problem, naming row, question, column and value, with the reason in Vietnamese and English).

    ``n_input == n_accepted + n_rejected`` always holds: no row is dropped without a reason.
    """

    data: pd.DataFrame
    rejected: pd.DataFrame
    codebook: Codebook
    n_input: int
    columns: dict[str, str] = field(default_factory=dict)
    unused_columns: tuple[str, ...] = ()
    source: str = ""

    @property
    def n_accepted(self) -> int:
        """Rows kept."""
        return len(self.data)

    @property
    def n_rejected(self) -> int:
        """Distinct rows rejected."""
        return int(self.rejected["row"].nunique()) if len(self.rejected) else 0


def _key(x) -> str:
    return re.sub(r"\s+", " ", fold(str(x))).strip()


def _num_text(x) -> str:
    """'4.0' and 4.0 → '4'; other text unchanged (stripped)."""
    if isinstance(x, float):
        return "" if np.isnan(x) else (str(int(x)) if x.is_integer() else str(x))
    s = str(x).strip()
    try:
        f = float(s.replace(",", "."))
    except ValueError:
        return s
    return str(int(f)) if f.is_integer() and "." in s.replace(",", ".") else s


def _find_column(book: Codebook, q: pd.Series, headers: list[str], labels: dict[str, str]) -> str:
    name = q["question"]
    if name in headers:
        return name
    # KoboToolbox names columns by their group path: "thong_tin/nhom_tuoi"
    paths = [h for h in headers if h.rsplit("/", 1)[-1] == name]
    if len(paths) == 1:
        return paths[0]
    wanted = {_key(q["label_vi"]), _key(q["label_en"])} - {""}
    by_label = [h for h in headers if _key(h) in wanted or _key(labels.get(h, "")) in wanted]
    if len(by_label) == 1:
        return by_label[0]
    return ""


def _split_columns(q: pd.Series, choices: pd.DataFrame, headers: list[str], col: str) -> dict:
    """One 0/1 column per answer of a multiple-choice question (Kobo, SPSS layouts)."""
    base = col or q["question"]
    out = {}
    for value in choices["value"]:
        for sep in ("/", "_", "."):
            if f"{base}{sep}{value}" in headers:
                out[value] = f"{base}{sep}{value}"
                break
    return out


def _lookup(choices: pd.DataFrame, value_labels: dict) -> dict[str, str]:
    """Folded answer text (value, either label, SPSS value label) → coded value."""
    table: dict[str, str] = {}
    for _, c in choices.iterrows():
        for text in (c["label_en"], c["label_vi"], c["value"]):
            if text:
                table[_key(text)] = c["value"]
    # SPSS/Stata store a number and label it: the label says which answer the number means
    for code, label in (value_labels or {}).items():
        hit = table.get(_key(label))
        if hit is not None:
            table.setdefault(_key(_num_text(code)), hit)
    return table


def _code_single(raw, table: dict[str, str]):
    s = _num_text(raw)
    if s == "":
        return None, ""
    hit = table.get(_key(s))
    if hit is None:
        m = _LEADING_CODE.match(s)  # "4 - Đồng ý"
        if m and _key(m.group(1)) in table:
            hit = table[_key(m.group(1))]
    return (hit, "") if hit is not None else (None, "unknown")


def _code_multiple(raw, table: dict[str, str]):
    """Every known answer found in the cell; the rest must be separators only."""
    s = _num_text(raw)
    if s == "":
        return None, ""
    folded = _key(s)
    found: list[str] = []
    rest = folded
    # longest texts first so that a label containing another label wins
    for text in sorted(table, key=len, reverse=True):
        if not text:
            continue
        pattern = rf"(?<![\w]){re.escape(text)}(?![\w])"
        if re.search(pattern, rest):
            found.append(table[text])
            rest = re.sub(pattern, " ", rest)
    if not _SEPARATORS.match(rest):
        return None, rest.strip(" ,;|")
    return frozenset(found), ""


def _problem(rows, question, column, values, vi, en) -> pd.DataFrame:
    return pd.DataFrame({"row": rows, "question": question, "column": column,
                         "value": [str(v) for v in values], "reason_vi": vi, "reason_en": en})


def validate(responses: Responses, book: Codebook) -> Coded:
    """Code every answer with the codebook and reject rows that break it.

    A row is rejected (and listed once per problem) when: its id is missing or repeats an
    earlier row's; a required answer is empty; an answer is not in the question's list or
    off the Likert scale; a province is unknown; a number or the weight is not a number or the
    weight is not positive. Empty optional answers are kept as missing (NaN).

    Parameters
    ----------
    responses : Responses
        Raw answers from `read_responses`.
    book : Codebook
        The codebook.

    Returns
    -------
    Coded
        Accepted rows coded (Likert as numbers, multiple-choice questions as one 0/1 column
        ``question/value`` per answer), plus the problem list.

    Examples
    --------
    >>> coded = validate(read_responses("du_lieu_vi_du.csv"), default_codebook())  # doctest: +SKIP
    >>> coded.n_input == coded.n_accepted + coded.n_rejected  # doctest: +SKIP
    True
    """
    raw = responses.data
    headers = [str(c) for c in raw.columns]
    # one marker for a blank cell whatever the reader gave (NaN from .sav/.dta, "" from text)
    raw = raw.set_axis(headers, axis=1).astype(object)
    raw = raw.where(raw.notna(), "")
    rows = responses.rows.to_numpy()
    where = responses.where
    out: dict[str, pd.Series] = {ROW: pd.Series(rows, index=raw.index)}
    problems: list[pd.DataFrame] = []
    used: set[str] = set()
    columns: dict[str, str] = {}
    missing_required = []
    for _, q in book.questions.iterrows():
        name, kind = q["question"], q["type"]
        col = _find_column(book, q, headers, responses.variable_labels)
        choices = book.choices_of(name) if q["list_name"] else pd.DataFrame(columns=["value"])
        split = _split_columns(q, choices, headers, col) if kind == "multiple" else {}
        if not col and not split:
            if q["required"] == "1":
                missing_required.append(name)
            out[name] = pd.Series(np.nan, index=raw.index)
            continue
        used.update([col, *split.values()] if col else split.values())
        columns[name] = col or ", ".join(split.values())
        label = col or name
        if kind == "multiple":
            out.update(_multiple(raw, q, choices, col, split, responses, rows, problems, label))
            continue
        series = raw[col]
        # every rule works on the distinct answers and is mapped back (10 000 rows have a handful)
        empty = series.map({u: _num_text(u) == "" for u in series.unique()})
        if q["required"] == "1" and empty.any():
            problems.append(_problem(rows[empty.to_numpy()], name, label, [""] * int(empty.sum()),
                                     f"câu '{name}' bắt buộc nhưng bị bỏ trống",
                                     f"question '{name}' is required but empty"))
        out[name] = _code_column(series, q, choices, responses, rows, problems, label)
    if missing_required:
        raise UserDataError(
            f"{where}: thiếu cột cho câu hỏi bắt buộc {', '.join(missing_required)} "
            f"(cột có: {', '.join(headers[:12])}{'…' if len(headers) > 12 else ''}).",
            f"{where}: no column for the required questions {', '.join(missing_required)}.")
    coded = pd.DataFrame(out, index=raw.index)
    ids = book.by_role("id")
    if ids and ids[0] in coded:
        idc = coded[ids[0]].astype(str)
        dup = idc.duplicated(keep="first") & coded[ids[0]].notna()
        if dup.any():
            problems.append(_problem(rows[dup.to_numpy()], ids[0], columns.get(ids[0], ids[0]),
                                     idc[dup].tolist(), "mã phiếu trùng với một dòng trước",
                                     "id repeats an earlier row"))
    rejected = (pd.concat(problems, ignore_index=True) if problems
                else pd.DataFrame(columns=PROBLEM_COLUMNS))
    rejected = rejected.sort_values(["row", "question"], kind="stable").reset_index(drop=True)
    bad = coded[ROW].isin(set(rejected["row"]))
    return Coded(coded[~bad].reset_index(drop=True), rejected, book, len(raw), columns,
                 tuple(h for h in headers if h not in used), where)


def _code_column(series, q, choices, responses, rows, problems, label) -> pd.Series:
    name, kind = q["question"], q["type"]
    uniq = pd.Series(series.unique())
    if kind in ("single", "likert"):
        table = _lookup(choices, responses.value_labels.get(str(label), {}))
        coded = {u: _code_single(u, table) for u in uniq}
        bad = series.map({u: c[1] != "" for u, c in coded.items()})
        if bad.any():
            allowed = ", ".join(choices["value"])
            problems.append(_problem(rows[bad.to_numpy()], name, label, series[bad].tolist(),
                                     f"câu '{name}': câu trả lời không có trong danh sách "
                                     f"({allowed})",
                                     f"question '{name}': answer not in the list ({allowed})"))
        numeric = pd.to_numeric(choices["value"], errors="coerce")
        if kind == "likert" or numeric.notna().all():
            return series.map({u: np.nan if c[0] is None else float(c[0])
                               for u, c in coded.items()}).astype(float)
        values = series.map({u: c[0] for u, c in coded.items()})
        return values.astype(object).where(values.notna(), np.nan)
    if kind == "province":
        from ..evidence.provinces import resolve

        codes, why = {}, {}
        for u in uniq:
            s = _num_text(u)
            if s == "":
                codes[u] = np.nan
                continue
            try:
                codes[u] = resolve(s.zfill(2) if s.isdigit() else s, "34")
            except UserDataError as exc:
                codes[u], why[u] = np.nan, exc
        bad = series.isin(list(why))
        if bad.any():
            problems.append(_problem(rows[bad.to_numpy()], name, label, series[bad].tolist(),
                                     [f"câu '{name}': {why[v].vi}" for v in series[bad]],
                                     [f"question '{name}': {why[v].en}" for v in series[bad]]))
        return series.map(codes)
    if kind in ("number", "weight"):
        text = series.map({u: _num_text(u) for u in uniq}).str.replace(",", ".", regex=False)
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & (text != "")
        if kind == "weight":
            bad |= values.notna() & ~(values > 0)
        if bad.any():
            what = "số dương" if kind == "weight" else "số"
            problems.append(_problem(rows[bad.to_numpy()], name, label, series[bad].tolist(),
                                     f"câu '{name}': phải là {what}",
                                     f"question '{name}': must be a "
                                     f"{'positive number' if kind == 'weight' else 'number'}"))
        return values.astype(float)
    text = series.map({u: _num_text(u) for u in uniq})
    return text.where(text != "", np.nan)


def _multiple(raw, q, choices, col, split, responses, rows, problems, label) -> dict:
    name = q["question"]
    values = list(choices["value"])
    out = {}
    if col:
        table = _lookup(choices, {})
        series = raw[col]
        coded = {u: _code_multiple(u, table) for u in series.unique()}
        bad = series.map({u: c[1] != "" for u, c in coded.items()})
        if bad.any():
            problems.append(_problem(rows[bad.to_numpy()], name, label, series[bad].tolist(),
                                     [f"câu '{name}': không nhận ra '{coded[v][1]}'"
                                      for v in series[bad]],
                                     [f"question '{name}': unknown answer '{coded[v][1]}'"
                                      for v in series[bad]]))
        for value in values:
            out[f"{name}/{value}"] = series.map(
                {u: np.nan if c[0] is None else float(value in c[0]) for u, c in coded.items()})
        return out
    cells = {v: raw[c].map({u: _key(_num_text(u)) for u in raw[c].unique()})
             for v, c in split.items()}
    answered = pd.Series(False, index=raw.index)
    for v, s in cells.items():
        bad = ~s.isin(_TRUE | _FALSE)
        if bad.any():
            problems.append(_problem(rows[bad.to_numpy()], name, split[v], raw[split[v]][bad].tolist(),
                                     f"câu '{name}': ô chọn phải là 0 hoặc 1",
                                     f"question '{name}': a tick column must be 0 or 1"))
        answered |= s != ""
    for value in values:
        s = cells.get(value)
        picked = (s.isin(_TRUE).astype(float) if s is not None
                  else pd.Series(0.0, index=raw.index))
        out[f"{name}/{value}"] = picked.where(answered, np.nan)
    return out


def write_rejected(coded: Coded, path) -> None:
    """Write the problem list as CSV (UTF-8 with BOM so that Excel shows the diacritics)."""
    write_csv(coded.rejected, path)  # formula-looking text neutralised, CR inside a cell quoted
