"""Write the survey kit: questionnaire, XLSForm for KoboToolbox/ODK, codebook, synthetic example."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._safeio import XLSX_TEXT_OPTIONS
from .codebook import Codebook, default_codebook, write_codebook
from .synthetic import simulate

FILES = ("bang_hoi.xlsx", "bang_hoi_xlsform.xlsx", "codebook.xlsx", "du_lieu_vi_du.csv",
         "du_lieu_vi_du_README.md")
FORM_ID = "dvc_khao_sat_nguoi_dan"
_VI, _EN = "label::Tiếng Việt (vi)", "label::English (en)"
_XLSFORM_TYPE = {"id": "text", "text": "text", "number": "decimal", "weight": "decimal"}
_HOW = {
    "single": ("Chọn một", "Tick one"),
    "multiple": ("Chọn mọi ý phù hợp", "Tick all that apply"),
    "likert": ("Mức độ đồng ý 1–5", "Agreement 1–5"),
    "province": ("Chọn một tỉnh/thành phố", "Pick one province"),
    "text": ("Ghi rõ", "Write in"),
    "id": ("Điều tra viên ghi", "Filled in by the interviewer"),
    "number": ("Ghi số", "Write a number"),
    "weight": ("Nhóm khảo sát điền khi xử lý", "Filled in by the survey team"),
}


def _provinces() -> pd.DataFrame:
    from ..evidence.provinces import load_provinces

    p = load_provinces("34")
    return pd.DataFrame({"list_name": "tinh", "name": p["code"], _VI: p["name"], _EN: p["name_en"]})


def xlsform(book: Codebook) -> dict[str, pd.DataFrame]:
    """The codebook as an XLSForm (sheets survey, choices, settings) for KoboToolbox or ODK.

    Likert items get the ``likert`` appearance; the province question becomes a select_one of
    the 34 provinces (codes as values); skip logic comes from the ``relevant`` column.
    """
    rows = []
    for _, q in book.questions.iterrows():
        kind = q["type"]
        if kind in ("single", "likert"):
            xtype = f"select_one {q['list_name']}"
        elif kind == "multiple":
            xtype = f"select_multiple {q['list_name']}"
        elif kind == "province":
            xtype = "select_one tinh"
        else:
            xtype = _XLSFORM_TYPE[kind]
        rows.append({"type": xtype, "name": q["question"], _VI: q["label_vi"], _EN: q["label_en"],
                     "required": "yes" if q["required"] == "1" and q["role"] != "weight" else "",
                     "relevant": q["relevant"],
                     "appearance": "likert" if kind == "likert" else "",
                     "constraint": ". > 0" if kind == "weight" else ""})
    survey = pd.DataFrame(rows)
    ch = book.choices.rename(columns={"value": "name", "label_vi": _VI, "label_en": _EN})
    choices = pd.concat([ch[["list_name", "name", _VI, _EN]], _provinces()], ignore_index=True)
    settings = pd.DataFrame([{"form_title": "Khảo sát người dân về dịch vụ công trực tuyến",
                              "form_id": FORM_ID, "version": "1",
                              "default_language": "Tiếng Việt (vi)"}])
    return {"survey": survey, "choices": choices, "settings": settings}


def _sheet(xw, name: str, df: pd.DataFrame, widths: dict[int, int] | None = None) -> None:
    df.to_excel(xw, sheet_name=name, index=False)
    ws = xw.sheets[name]
    ws.freeze_panes(1, 0)
    wrap = xw.book.add_format({"text_wrap": True, "valign": "top"})
    for j, col in enumerate(df.columns):
        width = (widths or {}).get(j) or min(50, max(10, int(df[col].astype(str).str.len().max()
                                                             or 0) + 2))
        ws.set_column(j, j, width, wrap)


def questionnaire(book: Codebook) -> pd.DataFrame:
    """The questionnaire as people read it: number, question (vi, en), answers, how to answer."""
    rows = []
    for i, (_, q) in enumerate(book.questions.iterrows(), start=1):
        if q["role"] == "weight":
            continue
        answers = ""
        if q["list_name"]:
            ch = book.choices_of(q["question"])
            answers = "\n".join(f"{c.value}. {c.label_vi} / {c.label_en}" for c in ch.itertuples())
        how_vi, how_en = _HOW[q["type"]]
        if q["relevant"]:
            how_vi += " (chỉ hỏi người chưa dùng DVCTT)"
            how_en += " (non-users only)"
        rows.append({"STT": i, "Mã câu / Code": q["question"], "Câu hỏi": q["label_vi"],
                     "Question": q["label_en"], "Phương án trả lời / Answers": answers,
                     "Cách trả lời": how_vi, "How to answer": how_en})
    return pd.DataFrame(rows)


def write_template(out_dir: str | Path, *, book: Codebook | None = None, n: int = 400,
                   seed: int = 2025) -> dict[str, Path]:
    """Write the survey kit into ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Folder (created if missing).
    book : Codebook, optional
        Default: the bundled questionnaire on the use of online public services.
    n, seed : int
        Size and seed of the synthetic example.

    Returns
    -------
    dict
        File name → path: bang_hoi.xlsx, bang_hoi_xlsform.xlsx, codebook.xlsx,
        du_lieu_vi_du.csv (synthetic respondents) and du_lieu_vi_du_README.md (its model).

    Examples
    --------
    >>> paths = write_template("khao_sat")  # doctest: +SKIP
    """
    from . import synthetic as sim

    book = book or default_codebook()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in FILES}
    with pd.ExcelWriter(paths["bang_hoi.xlsx"], engine="xlsxwriter", engine_kwargs={"options": XLSX_TEXT_OPTIONS}) as xw:
        _sheet(xw, "Bảng hỏi", questionnaire(book), {2: 45, 3: 45, 4: 50})
    with pd.ExcelWriter(paths["bang_hoi_xlsform.xlsx"], engine="xlsxwriter", engine_kwargs={"options": XLSX_TEXT_OPTIONS}) as xw:
        for name, df in xlsform(book).items():
            _sheet(xw, name, df)
    write_codebook(book, paths["codebook.xlsx"])
    simulate(book, n, seed=seed).to_csv(paths["du_lieu_vi_du.csv"], index=False,
                                        encoding="utf-8-sig")
    note = (f"# du_lieu_vi_du.csv — dữ liệu mô phỏng (synthetic data)\n\n"
            f"{n} người trả lời giả lập (seed {seed}); không phải số liệu thật. "
            "Simulated respondents; not real data.\n\n```\n" + (sim.__doc__ or "") + "```\n")
    paths["du_lieu_vi_du_README.md"].write_text(note, encoding="utf-8")
    return paths
