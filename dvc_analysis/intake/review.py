"""Review loop for qualitative coding: a workbook of suggested codes to accept or correct,
Cohen's kappa between the suggestions and the person's codes, and the accepted codes as mentions.

`write_review` writes one row per sentence of a text with the coder's suggestions and dropdowns
(decision: chấp nhận / sửa / bỏ — accept / correct / reject; up to three barrier and three lever
codes). `read_review` reads it back (every bad cell is named by sheet, row and column),
`agreement` compares suggestions and decisions per code, `accepted_mentions` turns the accepted
codes into the mentions table the report and `analysis.barriers` use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserDataError
from ..evidence.taxonomy import load_barriers, load_levers
from .coding import split_sentences, suggest_codes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SHEET = "Mã hóa"
CODES_SHEET = "Danh mục mã"
GUIDE_SHEET = "Hướng dẫn"
ACCEPT, CORRECT, REJECT = "chấp nhận", "sửa", "bỏ"
DECISIONS = {ACCEPT: "accept", CORRECT: "correct", REJECT: "reject",
             "accept": "accept", "correct": "correct", "reject": "reject"}
N_CODES = 3
HEADER = (
    ["paragraph", "sentence_no", "sentence", "suggested_barriers", "suggested_levers",
     "suggested_achievements", "cue", "confidence", "decision"]
    + [f"barrier_{i}" for i in range(1, N_CODES + 1)]
    + [f"lever_{i}" for i in range(1, N_CODES + 1)]
    + ["note"]
)
HEADER_VI = (
    ["Đoạn", "Câu số", "Câu", "Rào cản gợi ý", "Giải pháp gợi ý", "Thành tựu gợi ý", "Từ gợi ý",
     "Độ tin cậy", "Quyết định"]
    + [f"Rào cản {i}" for i in range(1, N_CODES + 1)]
    + [f"Giải pháp {i}" for i in range(1, N_CODES + 1)]
    + ["Ghi chú"]
)


def _sentences(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for k, sentence in enumerate(split_sentences(paragraph.strip()), start=1):
            out.append((number, k, sentence))
    return out


def write_review(paragraphs: list[str], path: str | Path, learnt: bool | float | None = None) -> Path:
    """Write the review workbook for a text given as paragraphs (see `textio.read_paragraphs`).

    Parameters
    ----------
    paragraphs
        The text's paragraphs, numbered from 1 in order.
    path
        The .xlsx file to write.
    learnt
        Which of the learnt model's barrier codes to suggest beside the rules' (cue "(mô hình học)"),
        for a person to accept or reject: as in `coding.suggest_codes` (None: its default join).

    Returns
    -------
    Path
        The file written: sheet "Mã hóa" (row 1 Vietnamese labels, row 2 column names, then one
        row per sentence), "Danh mục mã" (the codes offered by the dropdowns) and "Hướng dẫn".

    Examples
    --------
    >>> write_review(["Hạ tầng mạng còn yếu."], "coding.xlsx")  # doctest: +SKIP
    """
    import xlsxwriter

    path = Path(path)
    coded = suggest_codes(paragraphs, learnt=learnt)
    barriers, levers = load_barriers(), load_levers()
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})  # sentence text stays text
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(SHEET)
    sheet.write_row(0, 0, HEADER_VI, bold)
    sheet.write_row(1, 0, HEADER, bold)
    sheet.freeze_panes(2, 3)
    widths = [6, 6, 70, 14, 14, 14, 22, 9, 12] + [10] * (2 * N_CODES) + [30]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width, wrap if col == 2 else None)
    rows = _sentences(paragraphs)
    for r, (number, k, sentence) in enumerate(rows, start=2):
        mine = coded[(coded["paragraph"] == number) & (coded["sentence"] == sentence)]
        by_kind = {kind: "; ".join(mine.loc[mine["kind"] == kind, "code"]) for kind in
                   ("barrier", "lever", "achievement")}
        cues = "; ".join(dict.fromkeys(c for c in mine["cue"] if c))
        conf = float(mine["confidence"].max()) if len(mine) else ""
        sheet.write_row(r, 0, [number, k, sentence, by_kind["barrier"], by_kind["lever"],
                               by_kind["achievement"], cues, conf])
    last = len(rows) + 1
    codes = book.add_worksheet(CODES_SHEET)
    codes.write_row(0, 0, ["code", "name_vi", "name_en"], bold)
    table = list(barriers[["code", "name_vi", "name_en"]].itertuples(index=False)) + \
        list(levers[["code", "name_vi", "name_en"]].itertuples(index=False))
    for i, row in enumerate(table, start=1):
        codes.write_row(i, 0, list(row))
    codes.set_column(1, 2, 40)
    nb = len(barriers)
    if rows:
        sheet.data_validation(2, 8, last, 8, {
            "validate": "list", "source": [ACCEPT, CORRECT, REJECT],
            "input_title": "Quyết định / Decision",
            "input_message": "chấp nhận = accept, sửa = correct, bỏ = reject",
        })
        sheet.data_validation(2, 9, last, 8 + N_CODES, {
            "validate": "list", "source": f"='{CODES_SHEET}'!$A$2:$A${nb + 1}"})
        sheet.data_validation(2, 9 + N_CODES, last, 8 + 2 * N_CODES, {
            "validate": "list", "source": f"='{CODES_SHEET}'!$A${nb + 2}:$A${len(table) + 1}"})
    guide = book.add_worksheet(GUIDE_SHEET)
    lines = [
        "Mỗi dòng của trang 'Mã hóa' là một câu của văn bản, kèm mã rào cản (B..) và giải pháp (L..)",
        "do bộ mã hóa tự động gợi ý. Chọn ở cột 'Quyết định': 'chấp nhận' (giữ đúng các mã gợi ý),",
        "'sửa' (dùng các mã ghi ở cột Rào cản 1–3 và Giải pháp 1–3) hoặc 'bỏ' (câu không có mã nào).",
        "Dòng để trống 'Quyết định' là chưa xem xét và không được tính. Quy tắc mã hóa: docs/coding-guide.md.",
        "",
        "Each row of sheet 'Mã hóa' is one sentence with the barrier (B..) and lever (L..) codes the",
        "coder suggests. In 'Quyết định' choose 'chấp nhận' (accept the suggestions), 'sửa' (correct: use",
        "the codes in Rào cản 1–3 / Giải pháp 1–3) or 'bỏ' (reject: no code). Rows left blank are not",
        "reviewed and are not counted. Then: dvc-analysis barriers --agreement FILE.xlsx",
    ]
    for i, line in enumerate(lines):
        guide.write(i, 0, line)
    guide.set_column(0, 0, 110)
    book.close()
    return path


def read_review(path: str | Path) -> pd.DataFrame:
    """Read a review workbook: one row per reviewed sentence.

    Returns
    -------
    DataFrame
        Columns paragraph, sentence_no, sentence, decision (accept | correct | reject),
        suggested (set of codes), person (set of codes), note. Rows without a decision are left
        out and listed (sheet row numbers) in ``frame.attrs["unreviewed_rows"]``. A bad decision or
        code raises `UserDataError` naming file, sheet, row and column.
    """
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File {path} does not exist.")
    try:
        raw = pd.read_excel(path, sheet_name=SHEET, header=1, dtype=str, engine="openpyxl").fillna("")
    except ValueError:
        raise UserDataError(
            f"Tệp {path} không có trang '{SHEET}' (hãy tạo bằng: dvc-analysis barriers TỆP --review {path.name}).",
            f"File {path} has no sheet '{SHEET}' (write it with: dvc-analysis barriers FILE --review {path.name}).",
        ) from None
    missing = [c for c in HEADER if c not in raw.columns]
    if missing:
        raise UserDataError(
            f"Tệp {path}, trang '{SHEET}': thiếu cột {', '.join(missing)} ở dòng 2.",
            f"File {path}, sheet '{SHEET}': row 2 lacks columns {', '.join(missing)}.",
        )
    valid = set(load_barriers()["code"]) | set(load_levers()["code"])
    out, unreviewed = [], []
    for i, row in enumerate(raw.to_dict("records"), start=3):
        decision = str(row["decision"]).strip().lower()
        if not decision:
            unreviewed.append(i)
            continue
        if decision not in DECISIONS:
            raise UserDataError(
                f"Tệp {path}, trang '{SHEET}', dòng {i}, cột decision: '{row['decision']}' không phải "
                f"{ACCEPT}, {CORRECT} hoặc {REJECT}.",
                f"File {path}, sheet '{SHEET}', row {i}, column decision: '{row['decision']}' is not "
                f"{ACCEPT} (accept), {CORRECT} (correct) or {REJECT} (reject).",
            )
        suggested = {c.strip() for col in ("suggested_barriers", "suggested_levers")
                     for c in str(row[col]).split(";") if c.strip()}
        given = set()
        for col in [f"barrier_{k}" for k in range(1, N_CODES + 1)] + [f"lever_{k}" for k in range(1, N_CODES + 1)]:
            code = str(row[col]).strip().upper()
            if not code:
                continue
            if code not in valid or code[0] != ("B" if col.startswith("barrier") else "L"):
                raise UserDataError(
                    f"Tệp {path}, trang '{SHEET}', dòng {i}, cột {col}: '{row[col]}' không phải mã hợp lệ.",
                    f"File {path}, sheet '{SHEET}', row {i}, column {col}: '{row[col]}' is not a valid code.",
                )
            given.add(code)
        kind = DECISIONS[decision]
        person = suggested if kind == "accept" else given if kind == "correct" else set()
        out.append({"paragraph": int(float(row["paragraph"])), "sentence_no": int(float(row["sentence_no"])),
                    "sentence": row["sentence"], "decision": kind, "suggested": frozenset(suggested),
                    "person": frozenset(person), "note": row["note"]})
    frame = pd.DataFrame(out, columns=["paragraph", "sentence_no", "sentence", "decision", "suggested",
                                       "person", "note"])
    frame.attrs["unreviewed_rows"] = unreviewed  # sheet rows left without a decision
    return frame


def cohens_kappa(a: int, b: int, c: int, d: int) -> float:
    """Cohen's kappa of a 2×2 table of two raters' yes/no decisions.

    Parameters
    ----------
    a, b, c, d
        Items both raters said yes; only the first; only the second; both said no.

    Returns
    -------
    float
        (p_o − p_e) / (1 − p_e); NaN when there are no items or chance agreement is 1.

    Examples
    --------
    >>> round(cohens_kappa(20, 5, 10, 15), 2)
    0.4
    """
    n = a + b + c + d
    if n == 0:
        return float("nan")
    po = (a + d) / n
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    return float("nan") if pe == 1 else (po - pe) / (1 - pe)


def agreement(path: str | Path) -> pd.DataFrame:
    """Cohen's kappa between the suggested codes and the person's codes, per code and overall.

    Parameters
    ----------
    path
        A review workbook with decisions (see `write_review`).

    Returns
    -------
    DataFrame
        Every reviewed sentence is an item; for each code both raters say yes or no. Rows: every
        taxonomy code, then "ALL" (the 2×2 tables of all codes pooled). Columns: code, n, both,
        suggested_only, person_only, neither, agreement (share of equal decisions), kappa.
        ``attrs["unreviewed_rows"]`` lists the sheet rows left without a decision.

    Examples
    --------
    >>> agreement("coding.xlsx").set_index("code").loc["ALL", "kappa"]  # doctest: +SKIP
    """
    import pandas as pd

    reviewed = read_review(path)
    codes = list(load_barriers()["code"]) + list(load_levers()["code"])
    skipped = reviewed.attrs.get("unreviewed_rows", [])
    rows, pooled = [], [0, 0, 0, 0]
    for code in codes:
        s = reviewed["suggested"].map(lambda x, c=code: c in x)
        p = reviewed["person"].map(lambda x, c=code: c in x)
        cells = [int((s & p).sum()), int((s & ~p).sum()), int((~s & p).sum()), int((~s & ~p).sum())]
        pooled = [x + y for x, y in zip(pooled, cells, strict=True)]
        rows.append([code, len(reviewed), *cells])
    rows.append(["ALL", sum(pooled), *pooled])
    table = pd.DataFrame(rows, columns=["code", "n", "both", "suggested_only", "person_only", "neither"])
    table["agreement"] = (table["both"] + table["neither"]) / table["n"].where(table["n"] > 0)
    table["kappa"] = [cohens_kappa(*r) for r in table[["both", "suggested_only", "person_only", "neither"]]
                      .itertuples(index=False)]
    table.attrs["unreviewed_rows"] = skipped
    return table


def accepted_mentions(path: str | Path, *, source_id: str | None = None, province_code: str = "",
                      unit_name: str = "") -> pd.DataFrame:
    """The person's codes of a review workbook as a mentions table.

    Parameters
    ----------
    path
        A review workbook with decisions.
    source_id, province_code, unit_name
        Written on every row; `source_id` defaults to the workbook's file stem.

    Returns
    -------
    DataFrame
        One row per paragraph and code in the schema of data/barrier_mentions.csv (the summary
        column holds the person's notes), ready for `analysis.barriers` and the report.

    Examples
    --------
    >>> accepted_mentions("coding.xlsx", province_code="14")  # doctest: +SKIP
    """
    import pandas as pd

    path = Path(path)
    reviewed = read_review(path)
    rows = {}
    for r in reviewed.itertuples():
        for code in sorted(r.person):
            key = (r.paragraph, code)
            entry = rows.setdefault(key, {"notes": [], "sentences": []})
            if r.note:
                entry["notes"].append(str(r.note))
    out = [
        {"source_id": source_id or path.stem, "paragraph": para, "province_code": province_code,
         "unit_name": unit_name, "kind": "barrier" if code.startswith("B") else "lever", "code": code,
         "summary": "; ".join(dict.fromkeys(v["notes"])), "terms": ""}
        for (para, code), v in sorted(rows.items())
    ]
    frame = pd.DataFrame(out, columns=["source_id", "paragraph", "province_code", "unit_name", "kind",
                                       "code", "summary", "terms"])
    return frame.astype({"paragraph": "int64"})
