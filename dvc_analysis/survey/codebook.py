"""The survey codebook: questions, answer lists, constructs (read from and written to xlsx)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._safeio import XLSX_TEXT_OPTIONS
from ..errors import UserDataError

QUESTION_COLUMNS = ["question", "label_vi", "label_en", "type", "list_name", "construct",
                    "reverse", "role", "required", "relevant"]
CHOICE_COLUMNS = ["list_name", "value", "label_vi", "label_en", "barrier_code"]
CONSTRUCT_COLUMNS = ["construct", "name_vi", "name_en", "role"]

TYPES = ("id", "text", "province", "single", "multiple", "likert", "number", "weight")
ROLES = ("id", "province", "commune", "demographic", "use", "barrier", "item", "weight",
         "outcome", "")
CONSTRUCT_ROLES = ("predictor", "outcome")
SHEETS = {"questions": QUESTION_COLUMNS, "choices": CHOICE_COLUMNS,
          "constructs": CONSTRUCT_COLUMNS}


@dataclass(frozen=True)
class Codebook:
    """What each question means: ``questions``, ``choices`` and ``constructs`` tables.

    ``questions`` has one row per question (columns `QUESTION_COLUMNS`), ``choices`` one row
    per answer of a list (``barrier_code`` ties an answer to B01–B11), ``constructs`` one row
    per multi-item scale (``role`` predictor or outcome).
    """

    questions: pd.DataFrame
    choices: pd.DataFrame
    constructs: pd.DataFrame
    source: str = ""

    def by_role(self, role: str) -> list[str]:
        """Question names with this role, in codebook order."""
        return self.questions.loc[self.questions["role"] == role, "question"].tolist()

    def items(self, construct: str) -> list[str]:
        """Likert items of one construct, in codebook order."""
        q = self.questions
        return q.loc[(q["type"] == "likert") & (q["construct"] == construct), "question"].tolist()

    def reversed_items(self) -> list[str]:
        """Likert items that are reverse-coded."""
        q = self.questions
        return q.loc[(q["type"] == "likert") & (q["reverse"] == 1), "question"].tolist()

    def choices_of(self, question: str) -> pd.DataFrame:
        """The answer list of a question (empty when the question has none)."""
        row = self.question(question)
        return self.choices[self.choices["list_name"] == row["list_name"]].reset_index(drop=True)

    def question(self, name: str) -> pd.Series:
        """One question's row."""
        hit = self.questions[self.questions["question"] == name]
        if hit.empty:
            raise UserDataError(f"Câu hỏi '{name}' không có trong sổ mã ({self.source}).",
                                f"Question '{name}' is not in the codebook ({self.source}).")
        return hit.iloc[0]

    def label(self, name: str, lang: str = "vi") -> str:
        """A question's label (or a construct's name) in the language asked."""
        col = "label_en" if lang == "en" else "label_vi"
        if name in set(self.constructs["construct"]):
            col = "name_en" if lang == "en" else "name_vi"
            return str(self.constructs.set_index("construct").loc[name, col])
        hit = self.questions[self.questions["question"] == name]
        return str(hit.iloc[0][col]) if not hit.empty else name

    def choice_label(self, question: str, value: str, lang: str = "vi") -> str:
        """The label of one answer of a question (the value itself when unknown)."""
        ch = self.choices_of(question)
        hit = ch[ch["value"] == str(value)]
        if hit.empty:
            return str(value)
        return str(hit.iloc[0]["label_en" if lang == "en" else "label_vi"])

    def scale(self, question: str) -> tuple[float, float]:
        """Lowest and highest code of a Likert item's scale (used to reverse items)."""
        values = pd.to_numeric(self.choices_of(question)["value"], errors="coerce").dropna()
        return float(values.min()), float(values.max())

    def predictors(self) -> list[str]:
        """Constructs with role predictor."""
        c = self.constructs
        return c.loc[c["role"] == "predictor", "construct"].tolist()

    def outcomes(self) -> list[str]:
        """Constructs with role outcome."""
        c = self.constructs
        return c.loc[c["role"] == "outcome", "construct"].tolist()

    def barrier_choices(self) -> pd.DataFrame:
        """Answers tied to a barrier code: question, value, barrier_code, labels."""
        rows = []
        for q in self.by_role("barrier"):
            ch = self.choices_of(q)
            ch = ch[ch["barrier_code"] != ""]
            for _, c in ch.iterrows():
                rows.append({"question": q, "value": c["value"], "barrier_code": c["barrier_code"],
                             "label_vi": c["label_vi"], "label_en": c["label_en"]})
        return pd.DataFrame(rows, columns=["question", "value", "barrier_code", "label_vi",
                                           "label_en"])


def _clean(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.copy()
    for col in columns:
        if col not in df.columns:
            df[col] = ""
    df = df[columns].fillna("")
    for col in columns:
        df[col] = df[col].map(_text)
    return df


def _text(x) -> str:
    """A cell as text; whole floats (1.0 from a spreadsheet) lose their '.0'."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x).strip()


def _problem(where: str, row: int, column: str, vi: str, en: str) -> str:
    return f"{where}, dòng/row {row}, cột/column '{column}': {vi} / {en}"


def check(book: Codebook) -> Codebook:
    """Check a codebook's internal consistency; raise UserDataError listing every problem."""
    where = book.source or "codebook"
    problems: list[str] = []
    q, ch, co = book.questions, book.choices, book.constructs
    from ..evidence.taxonomy import load_barriers

    codes = set(load_barriers()["code"])
    lists = set(ch["list_name"])
    constructs = set(co["construct"])
    seen: set[str] = set()
    for i, r in q.iterrows():
        row = i + 2
        sheet = f"{where} [questions]"
        if not r["question"]:
            problems.append(_problem(sheet, row, "question", "thiếu tên câu hỏi",
                                     "question name missing"))
        elif r["question"] in seen:
            problems.append(_problem(sheet, row, "question", f"tên '{r['question']}' trùng",
                                     f"duplicate name '{r['question']}'"))
        seen.add(r["question"])
        if r["type"] not in TYPES:
            problems.append(_problem(sheet, row, "type", f"loại '{r['type']}' không hợp lệ "
                                     f"({', '.join(TYPES)})", f"invalid type '{r['type']}'"))
        if r["role"] not in ROLES:
            problems.append(_problem(sheet, row, "role", f"vai trò '{r['role']}' không hợp lệ",
                                     f"invalid role '{r['role']}'"))
        if r["type"] in ("single", "multiple", "likert") and r["list_name"] not in lists:
            problems.append(_problem(sheet, row, "list_name",
                                     f"danh sách '{r['list_name']}' không có trong sheet choices",
                                     f"list '{r['list_name']}' not in the choices sheet"))
        if r["type"] == "likert":
            if r["construct"] not in constructs:
                problems.append(_problem(sheet, row, "construct",
                                         f"thang đo '{r['construct']}' không có trong sheet "
                                         "constructs",
                                         f"construct '{r['construct']}' not in constructs sheet"))
            if r["reverse"] not in (0, 1):
                problems.append(_problem(sheet, row, "reverse", "phải là 0 hoặc 1",
                                         "must be 0 or 1"))
        if r["role"] == "barrier" and r["type"] != "multiple":
            problems.append(_problem(sheet, row, "type", "câu hỏi rào cản phải là multiple",
                                     "a barrier question must be of type multiple"))
    for role in ("id", "weight", "province", "use"):
        if (q["role"] == role).sum() > 1:
            problems.append(f"{where} [questions]: vai trò '{role}' chỉ được dùng một lần / "
                            f"role '{role}' may be used only once")
    for i, r in ch.iterrows():
        if r["barrier_code"] and r["barrier_code"] not in codes:
            problems.append(_problem(f"{where} [choices]", i + 2, "barrier_code",
                                     f"mã '{r['barrier_code']}' không thuộc B01–B11",
                                     f"code '{r['barrier_code']}' is not one of B01–B11"))
    dup = ch[ch.duplicated(["list_name", "value"], keep="first")]
    for i, r in dup.iterrows():
        problems.append(_problem(f"{where} [choices]", i + 2, "value",
                                 f"giá trị '{r['value']}' trùng trong '{r['list_name']}'",
                                 f"duplicate value '{r['value']}' in '{r['list_name']}'"))
    for i, r in co.iterrows():
        if r["role"] not in CONSTRUCT_ROLES:
            problems.append(_problem(f"{where} [constructs]", i + 2, "role",
                                     "vai trò phải là predictor hoặc outcome",
                                     "role must be predictor or outcome"))
        n_items = ((q["type"] == "likert") & (q["construct"] == r["construct"])).sum()
        if n_items < 2:
            problems.append(_problem(f"{where} [constructs]", i + 2, "construct",
                                     f"thang đo '{r['construct']}' cần ít nhất 2 câu Likert",
                                     f"construct '{r['construct']}' needs at least 2 Likert items"))
    if problems:
        raise UserDataError(f"Sổ mã có {len(problems)} lỗi:\n" + "\n".join(problems),
                            f"The codebook has {len(problems)} problems (listed above).",
                            problems=problems)
    return book


def make_codebook(questions: pd.DataFrame, choices: pd.DataFrame, constructs: pd.DataFrame,
                  source: str = "") -> Codebook:
    """Build and check a codebook from its three tables (missing columns are added empty).

    Parameters
    ----------
    questions, choices, constructs : DataFrame
        The three sheets (see `QUESTION_COLUMNS`, `CHOICE_COLUMNS`, `CONSTRUCT_COLUMNS`).
    source : str
        Where the tables came from, named in error messages.

    Returns
    -------
    Codebook
    """
    q = _clean(questions, QUESTION_COLUMNS)
    q["reverse"] = q["reverse"].replace("", "0")
    book = Codebook(q.assign(reverse=q["reverse"].map(lambda v: int(v) if v in ("0", "1") else v)),
                    _clean(choices, CHOICE_COLUMNS), _clean(constructs, CONSTRUCT_COLUMNS), source)
    return check(book)


def default_codebook() -> Codebook:
    """The bundled questionnaire's codebook (use of online public services, TAM constructs).

    Examples
    --------
    >>> book = default_codebook()
    >>> book.items("HI")
    ['hi1', 'hi2', 'hi3', 'hi4']
    """
    from .._resources import data_path

    tables = []
    for name in ("survey_questions.csv", "survey_choices.csv", "survey_constructs.csv"):
        with data_path(name).open(encoding="utf-8") as fh:
            tables.append(pd.read_csv(fh, dtype=str, keep_default_na=False))
    return make_codebook(*tables, source="codebook.xlsx")


def read_codebook(path: str | Path) -> Codebook:
    """Read a codebook workbook with sheets questions, choices and constructs.

    Parameters
    ----------
    path : str or Path
        An .xlsx file as written by ``dvc-analysis survey template``.

    Returns
    -------
    Codebook

    Examples
    --------
    >>> book = read_codebook("codebook.xlsx")  # doctest: +SKIP
    """
    path = Path(path)
    if not path.exists():
        raise UserDataError(f"Không thấy tệp sổ mã: {path}", f"Codebook file not found: {path}")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False,
                                   engine="calamine")
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file
        raise UserDataError(f"Không đọc được sổ mã {path}: {exc}",
                            f"Cannot read the codebook {path}: {exc}") from exc
    missing = [s for s in SHEETS if s not in sheets]
    if missing:
        raise UserDataError(f"Sổ mã {path.name} thiếu sheet: {', '.join(missing)}",
                            f"Codebook {path.name} lacks sheets: {', '.join(missing)}")
    for sheet, columns in SHEETS.items():
        need = [c for c in columns[:2] if c not in sheets[sheet].columns]
        if need:
            raise UserDataError(f"Sổ mã {path.name}, sheet {sheet}: thiếu cột {', '.join(need)}",
                                f"Codebook {path.name}, sheet {sheet}: missing columns "
                                f"{', '.join(need)}")
    return make_codebook(sheets["questions"], sheets["choices"], sheets["constructs"],
                         source=path.name)


def write_codebook(book: Codebook, path: str | Path) -> Path:
    """Write the codebook as an xlsx workbook (one sheet per table, header row frozen)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="xlsxwriter", engine_kwargs={"options": XLSX_TEXT_OPTIONS}) as xw:
        for sheet, df in (("questions", book.questions), ("choices", book.choices),
                          ("constructs", book.constructs)):
            df.to_excel(xw, sheet_name=sheet, index=False)
            ws = xw.sheets[sheet]
            ws.freeze_panes(1, 0)
            for j, col in enumerate(df.columns):
                width = min(60, max(10, int(df[col].astype(str).str.len().max() or 0) + 2))
                ws.set_column(j, j, width)
    return path
