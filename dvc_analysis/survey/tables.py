"""Tidy result tables of a survey analysis (one per analysis), written to xlsx and shown in Word."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._safeio import XLSX_TEXT_OPTIONS

SHEETS = {
    "mau": ("Đặc điểm mẫu", "Sample"),
    "su_dung": ("Sử dụng DVCTT theo nhóm", "Use by group"),
    "cronbach": ("Cronbach's Alpha", "Cronbach's alpha"),
    "kmo_bartlett": ("KMO và Bartlett", "KMO and Bartlett"),
    "kmo_bien": ("KMO từng biến", "KMO per item"),
    "phuong_sai": ("Tổng phương sai trích", "Total variance explained"),
    "ma_tran_xoay": ("Ma trận nhân tố xoay", "Rotated factor matrix"),
    "hoi_quy": ("Hồi quy tuyến tính", "Linear regression"),
    "hoi_quy_mo_hinh": ("Tóm tắt mô hình", "Model summary"),
    "logistic": ("Hồi quy logistic", "Logistic regression"),
    "logistic_mo_hinh": ("Mô hình logistic", "Logistic model"),
    "khac_biet": ("Khác biệt theo nhóm", "Group differences"),
    "rao_can": ("Rào cản", "Barriers"),
    "rao_can_kiem_dinh": ("Rào cản: kiểm định", "Barrier tests"),
    "van_ban_khao_sat": ("Văn bản và khảo sát", "Documents and survey"),
    "likert": ("Phân bố Likert", "Likert distribution"),
    "loai_bo": ("Dòng bị loại", "Rejected rows"),
}


def _sample(res) -> pd.DataFrame:
    d = res.demographics
    if d.empty:
        return d
    book = res.codebook
    return pd.DataFrame({
        "question": d["question"], "label": [book.label(q) for q in d["question"]],
        "value": d["value"],
        "value_label": [book.choice_label(q, v) for q, v in zip(d["question"], d["value"],
                                                               strict=True)],
        "count": d["count"], "percent": d["share"] * 100, "n": d["n"]})


def _use(res) -> pd.DataFrame:
    u = res.use_by_group
    if u.empty:
        return u
    yes = u[u["value"].astype(str).isin(["1", "1.0"])].copy()
    rows = []
    for _, r in yes.iterrows():
        ct = res.use_tests[r["group"]]
        rows.append({"group": r["group"], "group_value": r["group_value"],
                     "group_label": res.codebook.choice_label(r["group"], r["group_value"]),
                     "n": r["n"], "users": r["count"], "percent": r["share"] * 100,
                     "ci_low": r["ci_low"] * 100, "ci_high": r["ci_high"] * 100,
                     "chi2": ct.chi2, "df": ct.dof, "p": ct.p, "cramers_v": ct.cramers_v})
    return pd.DataFrame(rows)


def _cronbach(res) -> pd.DataFrame:
    rows = []
    for construct, rel in res.reliability.items():
        for _, it in rel.items.iterrows():
            rows.append({"construct": construct, "alpha": rel.alpha, "n": rel.n,
                         "n_missing": rel.n_missing, "k": rel.k, **it.to_dict(),
                         "accepted": rel.accepted})
    return pd.DataFrame(rows)


def _kmo(res) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, items = [], []
    for step in res.factors:
        rows.append({"analysis": step.name, "kmo": step.kmo.overall, "bartlett_chi2":
                     step.bartlett.chi2, "df": step.bartlett.df, "p": step.bartlett.p,
                     "n": step.bartlett.n, "n_factors": step.efa.loadings.shape[1],
                     "method": step.efa.method, "rotation": step.efa.rotation,
                     "converged": step.efa.converged})
        items.append(step.kmo.items.assign(analysis=step.name))
    return pd.DataFrame(rows), (pd.concat(items, ignore_index=True) if items else pd.DataFrame())


def _variance(res) -> pd.DataFrame:
    parts = []
    for step in res.factors:
        eig = step.efa.eigenvalues.copy()
        var = step.efa.variance.reset_index(drop=True)
        var.index = var.index + 1
        eig = eig.join(var.drop(columns="factor"), on="component")
        parts.append(eig.assign(analysis=step.name))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _loadings(res) -> pd.DataFrame:
    from .factor import sorted_loadings

    parts = []
    for step in res.factors:
        load = sorted_loadings(step.efa.loadings)
        comm = step.efa.communalities.set_index("item")["extraction"]
        frame = load.rename_axis("item").reset_index()
        frame["communality"] = frame["item"].map(comm)
        parts.append(frame.assign(analysis=step.name))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _group_tests(res) -> pd.DataFrame:
    rows = []
    for gt in res.group_tests:
        for _, t in gt.tests.iterrows():
            rows.append({"value": gt.value, "group": gt.group, "n": gt.n, **t.to_dict()})
    return pd.DataFrame(rows)


def result_tables(res) -> dict[str, pd.DataFrame]:
    """Every result as a tidy DataFrame, keyed by the workbook sheet name (see `SHEETS`).

    Examples
    --------
    >>> tables = result_tables(results)  # doctest: +SKIP
    >>> tables["cronbach"].columns[:3].tolist()  # doctest: +SKIP
    ['construct', 'alpha', 'n']
    """
    from .prevalence import documents_vs_survey

    kmo, kmo_items = _kmo(res)
    out = {"mau": _sample(res), "su_dung": _use(res), "cronbach": _cronbach(res),
           "kmo_bartlett": kmo, "kmo_bien": kmo_items, "phuong_sai": _variance(res),
           "ma_tran_xoay": _loadings(res)}
    if res.regression is not None:
        out["hoi_quy"] = res.regression.coefficients
        out["hoi_quy_mo_hinh"] = res.regression.fit
    if res.logit is not None:
        out["logistic"] = res.logit.coefficients
        out["logistic_mo_hinh"] = res.logit.fit
    out["khac_biet"] = _group_tests(res)
    out["rao_can"] = res.prevalence
    out["rao_can_kiem_dinh"] = res.barrier_tests
    if len(res.prevalence):
        out["van_ban_khao_sat"] = documents_vs_survey(res.prevalence)
    out["likert"] = res.likert
    out["loai_bo"] = res.coded.rejected
    return out


def write_xlsx(res, path: str | Path) -> Path:
    """Write one sheet per analysis (plus a notes sheet saying n, missing data and weights)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = result_tables(res)
    notes = pd.DataFrame({
        "muc": ["tep", "n_dau_vao", "n_nhan", "n_loai", "trong_so", "du_lieu_thieu", "mo_phong"],
        "gia_tri": [res.coded.source, res.coded.n_input, res.coded.n_accepted,
                    res.coded.n_rejected, res.weights or "không / none",
                    f"{res.notes['missing_vi']} / {res.notes['missing_en']}",
                    "có / yes (synthetic)" if res.synthetic else "không / no"]})
    with pd.ExcelWriter(path, engine="xlsxwriter", engine_kwargs={"options": XLSX_TEXT_OPTIONS}) as xw:
        notes.to_excel(xw, sheet_name="ghi_chu", index=False)
        for name, df in tables.items():
            frame = df.copy()
            for col in frame.columns:
                if frame[col].dtype == object:
                    frame[col] = frame[col].map(lambda v: "" if v is None or
                                                (isinstance(v, float) and np.isnan(v)) else v)
            frame.to_excel(xw, sheet_name=name, index=False)
            xw.sheets[name].freeze_panes(1, 0)
    return path
