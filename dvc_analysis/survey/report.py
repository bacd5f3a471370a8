"""Word report of a survey analysis, with tables laid out as Vietnamese journals print them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._safeio import write_csv
from ..text.fmt import fmt_number
from .tables import result_tables, write_xlsx


def _tr(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _f(x, d: int = 3, lang: str = "vi") -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    return fmt_number(float(x), d, lang=lang)


def _p(p, lang: str = "vi") -> str:
    """p-values as SPSS's Sig. column, but "< 0,001" instead of ",000"."""
    if p is None or np.isnan(p):
        return ""
    return f"< {fmt_number(0.001, 3, lang=lang)}" if p < 0.001 else fmt_number(p, 3, lang=lang)


def _pct(x, lang: str = "vi") -> str:
    return _f(x, 1, lang)


def _note(res, lang: str, *, n: int | None = None, weighted: bool = True) -> str:
    n = res.n if n is None else n
    w = (_tr(lang, f"có trọng số ({res.weights})", f"weighted ({res.weights})") if res.weights
         and weighted else _tr(lang, "không dùng trọng số", "unweighted"))
    text = _tr(lang, f"n = {fmt_number(n, lang=lang)}; {w}; dữ liệu thiếu: loại theo từng phân "
                     "tích (listwise).",
               f"n = {fmt_number(n, lang=lang)}; {w}; missing answers: listwise per analysis.")
    if res.synthetic:
        text += _tr(lang, " Dữ liệu mô phỏng (synthetic), không phải số liệu thật.",
                    " Synthetic data, not real figures.")
    return text


class _Doc:
    """Collects numbered blocks (the dict format `report_docx.write_docx` renders)."""

    def __init__(self) -> None:
        self.blocks: list[dict] = []
        self.tables = 0
        self.figures = 0
        self.heads = 0

    def heading(self, text: str) -> None:
        self.heads += 1
        self.blocks.append({"kind": "heading", "text": text, "level": 1,
                            "number": f"{self.heads}."})

    def par(self, text: str) -> None:
        self.blocks.append({"kind": "paragraph", "text": text})

    def table(self, title: str, columns: list[str], rows: list[list], note: str,
              align: list[str] | None = None) -> None:
        self.tables += 1
        self.blocks.append({"kind": "table", "number": self.tables, "title": title,
                            "columns": columns, "rows": rows, "source_note": note,
                            "align": align or ["l"] + ["r"] * (len(columns) - 1), "font_pt": 10})

    def figure(self, title: str, png: Path, note: str) -> None:
        self.figures += 1
        self.blocks.append({"kind": "figure", "number": self.figures, "title": title,
                            "png": str(png), "source_note": note})


def _reliability(doc: _Doc, res, lang: str) -> None:
    cols = [_tr(lang, "Biến quan sát", "Item"),
            _tr(lang, "Trung bình thang đo nếu loại biến", "Scale mean if item deleted"),
            _tr(lang, "Phương sai thang đo nếu loại biến", "Scale variance if item deleted"),
            _tr(lang, "Tương quan biến – tổng hiệu chỉnh", "Corrected item–total correlation"),
            _tr(lang, "Cronbach's Alpha nếu loại biến", "Cronbach's alpha if item deleted")]
    rows = []
    book = res.codebook
    for construct, rel in res.reliability.items():
        verdict = _tr(lang, "đạt", "accepted") if rel.accepted else _tr(lang, "chưa đạt", "not met")
        rows.append([f"**{construct} – {book.label(construct, lang)}: Cronbach's Alpha = "
                     f"{_f(rel.alpha, 3, lang)} (n = {rel.n}; {verdict})**", "", "", "", ""])
        for _, it in rel.items.iterrows():
            rev = " (R)" if it["item"] in book.reversed_items() else ""
            rows.append([f"{it['item']}{rev}", _f(it["scale_mean_if_deleted"], 3, lang),
                         _f(it["scale_var_if_deleted"], 3, lang), _f(it["item_total"], 3, lang),
                         _f(it["alpha_if_deleted"], 3, lang)])
    rows = [[c.replace("**", "") for c in r] for r in rows]
    n = min(r.n for r in res.reliability.values()) if res.reliability else 0
    doc.table(_tr(lang, "Kết quả kiểm định Cronbach's Alpha", "Cronbach's alpha reliability"),
              cols, rows, _note(res, lang, n=n, weighted=False) + _tr(
                  lang, " (R): câu đảo chiều, đã mã hóa ngược. Tiêu chí: α > 0,6 và tương quan "
                        "biến – tổng hiệu chỉnh > 0,3.",
                  " (R): reverse-worded item, recoded. Criteria: α > 0.6 and corrected "
                  "item–total correlation > 0.3."))


def _factors(doc: _Doc, res, lang: str, figures: dict) -> None:
    from .factor import sorted_loadings

    for step in res.factors:
        which = (_tr(lang, "các biến độc lập", "independent variables") if step.name == "predictors"
                 else f"{step.name} – {res.codebook.label(step.name, lang)}")
        b = step.bartlett
        doc.table(_tr(lang, f"Kiểm định KMO và Bartlett ({which})",
                      f"KMO and Bartlett's test ({which})"),
                  [_tr(lang, "Chỉ số", "Statistic"), _tr(lang, "Giá trị", "Value")],
                  [[_tr(lang, "Hệ số KMO (Kaiser–Meyer–Olkin)", "Kaiser–Meyer–Olkin measure"),
                    _f(step.kmo.overall, 3, lang)],
                   [_tr(lang, "Kiểm định Bartlett: Chi bình phương xấp xỉ",
                        "Bartlett's test: approx. chi-square"), _f(b.chi2, 3, lang)],
                   ["df", fmt_number(b.df, lang=lang)], ["Sig.", _p(b.p, lang)]],
                  _note(res, lang, n=b.n, weighted=False) + _tr(
                      lang, " Tiêu chí: 0,5 ≤ KMO ≤ 1; Sig. < 0,05.",
                      " Criteria: 0.5 ≤ KMO ≤ 1; Sig. < 0.05."))
        fa = step.efa
        k = fa.loadings.shape[1]
        eig = fa.eigenvalues.head(max(k + 2, 5))
        rows = []
        for i, r in eig.iterrows():
            row = [str(int(r["component"])), _f(r["eigenvalue"], 3, lang), _f(r["percent"], 3, lang),
                   _f(r["cumulative"], 3, lang)]
            if i < k:
                v = fa.variance.iloc[i]
                row += [_f(v["ss_extraction"], 3, lang), _f(v["percent_extraction"], 3, lang),
                        _f(v["cumulative_extraction"], 3, lang), _f(v["ss_rotation"], 3, lang)]
            else:
                row += ["", "", "", ""]
            rows.append(row)
        method = {"minres": "Minres", "principal": _tr(lang, "Principal Axis Factoring",
                                                      "principal axis factoring"),
                  "pca": "Principal Components"}[fa.method]
        rot = {"varimax": "Varimax", "promax": "Promax", None: _tr(lang, "không xoay", "none")}[
            fa.rotation]
        doc.table(_tr(lang, f"Tổng phương sai trích ({which})", f"Total variance explained ({which})"),
                  [_tr(lang, "Nhân tố", "Factor"), _tr(lang, "Trị riêng", "Eigenvalue"),
                   _tr(lang, "% phương sai", "% of variance"), _tr(lang, "% tích lũy", "Cumulative %"),
                   _tr(lang, "Tổng bình phương tải trích", "Extraction sums of squared loadings"),
                   _tr(lang, "% phương sai trích", "% of variance (extraction)"),
                   _tr(lang, "% tích lũy trích", "Cumulative % (extraction)"),
                   _tr(lang, "Tổng bình phương tải sau xoay", "Rotation sums of squared loadings")],
                  rows, _note(res, lang, n=fa.n, weighted=False) + _tr(
                      lang, f" Phương pháp trích: {method}; phép xoay: {rot}. Tiêu chí: trị riêng "
                            "> 1, tổng phương sai trích > 50 %.",
                      f" Extraction: {method}; rotation: {rot}. Criteria: eigenvalue > 1, "
                      "variance extracted > 50 %."))
        load = sorted_loadings(fa.loadings)
        rows = [[item] + [_f(v, 3, lang) if abs(v) >= 0.3 else "" for v in load.loc[item]]
                for item in load.index]
        title = (_tr(lang, "Ma trận nhân tố xoay", "Rotated factor matrix") if fa.rotation
                 else _tr(lang, "Ma trận nhân tố", "Factor matrix"))
        if fa.rotation == "promax":
            title = _tr(lang, "Ma trận mẫu (pattern) sau xoay Promax", "Pattern matrix (promax)")
        doc.table(f"{title} ({which})", [_tr(lang, "Biến quan sát", "Item"), *load.columns], rows,
                  _note(res, lang, n=fa.n, weighted=False) + _tr(
                      lang, f" {method}, {rot} (chuẩn hóa Kaiser); ẩn hệ số tải < 0,3; tiêu chí "
                            "giữ biến: hệ số tải > 0,5.",
                      f" {method}, {rot} (Kaiser normalisation); loadings < 0.3 hidden; items kept "
                      "when loading > 0.5."))
    if "scree" in figures:
        doc.figure(_tr(lang, "Biểu đồ scree", "Scree plot"), figures["scree"]["png"],
                   _note(res, lang, n=res.factors[0].efa.n, weighted=False))


def _regression(doc: _Doc, res, lang: str, figures: dict) -> None:
    book = res.codebook
    reg = res.regression
    if reg is not None:
        rows = []
        for _, c in reg.coefficients.iterrows():
            name = _tr(lang, "Hằng số", "Constant") if c["term"] == "const" else \
                f"{c['term']} – {book.label(c['term'], lang)}"
            rows.append([name, _f(c["B"], 3, lang), _f(c["se"], 3, lang), _f(c["beta"], 3, lang),
                         _f(c["statistic"], 3, lang), _p(c["p"], lang), _f(c["vif"], 3, lang)])
        fit = reg.fit.iloc[0]
        doc.table(_tr(lang, f"Kết quả hồi quy (biến phụ thuộc: {reg.outcome} – "
                            f"{book.label(reg.outcome, lang)})",
                      f"Regression results (dependent variable: {reg.outcome})"),
                  [_tr(lang, "Biến", "Variable"), "B", _tr(lang, "Sai số chuẩn", "Std. error"),
                   "Beta", "t", "Sig.", "VIF"], rows,
                  _note(res, lang, n=reg.n) + _tr(
                      lang, f" R² = {_f(fit['r2'], 3, lang)}; R² hiệu chỉnh = "
                            f"{_f(fit['adj_r2'], 3, lang)}; F = {_f(fit['f'], 3, lang)} "
                            f"(Sig. {_p(fit['f_p'], lang)}); Durbin–Watson = "
                            f"{_f(fit['durbin_watson'], 3, lang)}.",
                      f" R² = {_f(fit['r2'], 3, lang)}; adjusted R² = {_f(fit['adj_r2'], 3, lang)}; "
                      f"F = {_f(fit['f'], 3, lang)} (Sig. {_p(fit['f_p'], lang)}); Durbin–Watson = "
                      f"{_f(fit['durbin_watson'], 3, lang)}.")
                  + (_tr(lang, " Sai số chuẩn vững (HC1) vì có trọng số.",
                         " Robust (HC1) standard errors because of the weights.")
                     if reg.weighted else ""))
        if "coefficients" in figures:
            doc.figure(_tr(lang, "Hệ số hồi quy chuẩn hóa", "Standardised regression coefficients"),
                       figures["coefficients"]["png"], _note(res, lang, n=reg.n))
    lg = res.logit
    if lg is not None:
        rows = []
        for _, c in lg.coefficients.iterrows():
            name = _tr(lang, "Hằng số", "Constant") if c["term"] == "const" else \
                f"{c['term']} – {book.label(c['term'], lang)}"
            rows.append([name, _f(c["B"], 3, lang), _f(c["se"], 3, lang),
                         _f(c["statistic"] ** 2, 3, lang), _p(c["p"], lang),
                         _f(c["odds_ratio"], 3, lang),
                         f"{_f(c['or_low'], 3, lang)} – {_f(c['or_high'], 3, lang)}"])
        fit = lg.fit.iloc[0]
        doc.table(_tr(lang, f"Kết quả hồi quy logistic nhị phân (biến phụ thuộc: {lg.outcome})",
                      f"Binary logistic regression (dependent variable: {lg.outcome})"),
                  [_tr(lang, "Biến", "Variable"), "B", "S.E.", "Wald", "Sig.", "Exp(B)",
                   _tr(lang, "KTC 95 % của Exp(B)", "95 % CI of Exp(B)")], rows,
                  _note(res, lang, n=lg.n) + _tr(
                      lang, f" −2LL = {_f(-2 * fit['ll'], 3, lang)}; χ² (LR) = "
                            f"{_f(fit['lr_chi2'], 3, lang)} (Sig. {_p(fit['lr_p'], lang)}); "
                            f"R² Cox & Snell = {_f(fit['cox_snell_r2'], 3, lang)}; R² Nagelkerke = "
                            f"{_f(fit['nagelkerke_r2'], 3, lang)}; R² McFadden = "
                            f"{_f(fit['mcfadden_r2'], 3, lang)}.",
                      f" −2LL = {_f(-2 * fit['ll'], 3, lang)}; LR χ² = {_f(fit['lr_chi2'], 3, lang)} "
                      f"(Sig. {_p(fit['lr_p'], lang)}); Cox & Snell R² = "
                      f"{_f(fit['cox_snell_r2'], 3, lang)}; Nagelkerke R² = "
                      f"{_f(fit['nagelkerke_r2'], 3, lang)}; McFadden R² = "
                      f"{_f(fit['mcfadden_r2'], 3, lang)}."))
        if "odds_ratios" in figures:
            doc.figure(_tr(lang, "Tỷ số chênh của hồi quy logistic", "Odds ratios"),
                       figures["odds_ratios"]["png"], _note(res, lang, n=lg.n))


def _barriers(doc: _Doc, res, lang: str, figures: dict, tables: dict) -> None:
    prev = res.prevalence
    if not len(prev):
        return
    overall = prev[(prev["group"] == "") & (prev["province_code"] == "")]
    col = "name_en" if lang == "en" else "name_vi"
    rows = [[r["code"], r[col], fmt_number(r["n"], lang=lang), fmt_number(r["count"], lang=lang),
             _pct(r["prevalence"], lang), f"{_pct(r['ci_low'], lang)} – {_pct(r['ci_high'], lang)}"]
            for _, r in overall.iterrows()]
    n = int(overall["n"].max()) if len(overall) else 0
    doc.table(_tr(lang, "Tỷ lệ người trả lời nêu từng nhóm rào cản",
                  "Share of respondents citing each barrier group"),
              [_tr(lang, "Mã", "Code"), _tr(lang, "Nhóm rào cản", "Barrier group"), "n",
               _tr(lang, "Số người nêu", "Citing"), "%", _tr(lang, "KTC 95 %", "95 % CI")], rows,
              _note(res, lang, n=n) + _tr(lang, " Cơ sở: người trả lời câu hỏi lý do; KTC Wilson "
                                                "với cỡ mẫu hiệu dụng Kish.",
                                          " Base: those answering the reasons question; Wilson "
                                          "intervals with Kish's effective sample size."))
    if "barriers" in figures:
        doc.figure(_tr(lang, "Rào cản người dân nêu", "Barriers reported by respondents"),
                   figures["barriers"]["png"], _note(res, lang, n=n))
    groups = [g for g in prev["group"].unique() if g]
    if "barriers_by_group" in figures and groups:
        label = res.codebook.label(groups[0], lang).lower()
        doc.figure(_tr(lang, f"Rào cản người dân nêu, theo {label}",
                       f"Barriers reported by respondents, by {label}"),
                   figures["barriers_by_group"]["png"], _note(res, lang, n=n))
    tests = res.barrier_tests
    if len(tests):
        rows = [[r["code"], r["group"], _f(r["chi2"], 3, lang), str(int(r["df"])),
                 _p(r["p"], lang), _p(r["p_adjusted"], lang), _f(r["cramers_v"], 3, lang)]
                for _, r in tests.iterrows() if r["p"] < 0.05]
        if rows:
            doc.table(_tr(lang, "Rào cản khác nhau giữa các nhóm (kiểm định χ², p < 0,05)",
                          "Barriers that differ between groups (χ² tests, p < 0.05)"),
                      [_tr(lang, "Mã", "Code"), _tr(lang, "Biến nhóm", "Grouping"), "χ²", "df",
                       "Sig.", _tr(lang, "Sig. hiệu chỉnh BH", "BH-adjusted Sig."), "Cramér's V"],
                      rows, _note(res, lang, n=n) + _tr(
                          lang, f" {len(tests)} kiểm định; p hiệu chỉnh Benjamini–Hochberg.",
                          f" {len(tests)} tests; Benjamini–Hochberg adjusted p."))
    table = tables.get("van_ban_khao_sat")
    if table is not None:
        rows = [[r["code"], r[col], str(r["mentions"]), str(r["sources"]),
                 _pct(r["prevalence"], lang)] for _, r in table.iterrows()]
        doc.table(_tr(lang, "Rào cản: văn bản nêu và người dân trả lời",
                      "Barriers: documents and respondents"),
                  [_tr(lang, "Mã", "Code"), _tr(lang, "Nhóm rào cản", "Barrier group"),
                   _tr(lang, "Số đoạn văn bản", "Paragraphs"), _tr(lang, "Số nguồn", "Sources"),
                   _tr(lang, "% người trả lời", "% of respondents")], rows,
                  _note(res, lang, n=n) + _tr(lang, " Hai thước đo khác nhau, không cộng gộp.",
                                              " Two different measures; not to be added up."))
        if "documents_vs_survey" in figures:
            doc.figure(_tr(lang, "Rào cản: văn bản và khảo sát", "Barriers: documents and survey"),
                       figures["documents_vs_survey"]["png"], _note(res, lang, n=n))


def blocks(res, figures: dict | None = None, *, lang: str = "vi") -> list[dict]:
    """The report as numbered blocks (title, headings, paragraphs, tables, figures)."""
    figures = figures or {}
    tables = result_tables(res)
    doc = _Doc()
    c = res.coded
    title = _tr(lang, "Kết quả khảo sát người dân về dịch vụ công trực tuyến",
                "Citizen survey on online public services: results")
    lines = [_tr(lang, f"Tệp dữ liệu: {c.source}; {c.n_input} dòng, nhận {c.n_accepted}, loại "
                       f"{c.n_rejected}", f"Data file: {c.source}; {c.n_input} rows, "
                       f"{c.n_accepted} accepted, {c.n_rejected} rejected")]
    if res.synthetic:
        lines.append(_tr(lang, "DỮ LIỆU MÔ PHỎNG (synthetic) — minh họa cách phân tích, không phải "
                               "số liệu thật", "SYNTHETIC DATA — illustrates the method, not real "
                               "figures"))
    doc.blocks.append({"kind": "title", "text": title, "lines": lines})
    doc.heading(_tr(lang, "Mẫu khảo sát", "Sample"))
    doc.par(_tr(lang, res.notes["missing_vi"], res.notes["missing_en"]))
    s = tables["mau"]
    if len(s):
        book = res.codebook
        rows = [[book.label(r["question"], lang), book.choice_label(r["question"], r["value"], lang),
                 fmt_number(r["count"], lang=lang), _pct(r["percent"], lang)]
                for _, r in s.iterrows()]
        doc.table(_tr(lang, "Đặc điểm mẫu khảo sát", "Sample characteristics"),
                  [_tr(lang, "Biến", "Variable"), _tr(lang, "Nhóm", "Group"),
                   _tr(lang, "Số người", "Respondents"), _tr(lang, "Tỷ lệ (%)", "Percent")], rows,
                  _note(res, lang) + _tr(lang, " Tỷ lệ có trọng số; số người chưa trọng số.",
                                         " Weighted percentages; unweighted counts."))
    u = tables["su_dung"]
    if len(u):
        doc.heading(_tr(lang, "Sử dụng dịch vụ công trực tuyến", "Use of online public services"))
        rows = [[res.codebook.label(r["group"], lang),
                 res.codebook.choice_label(r["group"], r["group_value"], lang), str(r["n"]),
                 _pct(r["percent"], lang), f"{_pct(r['ci_low'], lang)} – {_pct(r['ci_high'], lang)}",
                 _f(r["chi2"], 3, lang), _p(r["p"], lang), _f(r["cramers_v"], 3, lang)]
                for _, r in u.iterrows()]
        doc.table(_tr(lang, "Tỷ lệ đã dùng DVCTT trong 12 tháng theo nhóm",
                      "Share who used online services in the last 12 months, by group"),
                  [_tr(lang, "Biến", "Variable"), _tr(lang, "Nhóm", "Group"), "n", "%",
                   _tr(lang, "KTC 95 %", "95 % CI"), "χ²", "Sig.", "Cramér's V"], rows,
                  _note(res, lang))
    doc.heading(_tr(lang, "Độ tin cậy của thang đo", "Scale reliability"))
    if "likert" in figures:
        doc.figure(_tr(lang, "Phân bố câu trả lời Likert", "Likert answers"),
                   figures["likert"]["png"], _note(res, lang))
    _reliability(doc, res, lang)
    if res.factors:
        doc.heading(_tr(lang, "Phân tích nhân tố khám phá (EFA)", "Exploratory factor analysis"))
        _factors(doc, res, lang, figures)
    if res.regression is not None or res.logit is not None:
        doc.heading(_tr(lang, "Hồi quy", "Regression"))
        _regression(doc, res, lang, figures)
    g = tables["khac_biet"]
    if len(g):
        doc.heading(_tr(lang, "Khác biệt giữa các nhóm", "Differences between groups"))
        rows = [[f"{r['value']} × {res.codebook.label(r['group'], lang)}", r["test"],
                 _f(r["statistic"], 3, lang),
                 "" if pd.isna(r["df1"]) else _f(r["df1"], 0 if float(r["df1"]).is_integer() else 1,
                                                 lang),
                 _p(r["p"], lang), f"{_f(r['effect'], 3, lang)} ({r['effect_name']})"]
                for _, r in g.iterrows()]
        doc.table(_tr(lang, "Kiểm định khác biệt theo đặc điểm nhân khẩu học",
                      "Tests of differences by demographic group"),
                  [_tr(lang, "Biến × nhóm", "Score × group"), _tr(lang, "Kiểm định", "Test"),
                   _tr(lang, "Giá trị", "Statistic"), "df", "Sig.",
                   _tr(lang, "Độ lớn ảnh hưởng", "Effect size")], rows,
                  _note(res, lang, weighted=False) + _tr(
                      lang, " Welch t / Mann–Whitney cho 2 nhóm; ANOVA / Kruskal–Wallis cho ≥ 3 "
                            "nhóm.", " Welch t / Mann–Whitney for 2 groups; ANOVA / "
                            "Kruskal–Wallis for 3 or more."))
    doc.heading(_tr(lang, "Rào cản", "Barriers"))
    _barriers(doc, res, lang, figures, tables)
    return doc.blocks


def build_survey_report(res, out_dir: str | Path, *, lang: str = "vi") -> dict[str, Path]:
    """Write figures (PNG, SVG, PDF), ``khao_sat.docx`` and ``khao_sat.xlsx`` into ``out_dir``.

    Examples
    --------
    >>> paths = build_survey_report(results, "reports/khao_sat")  # doctest: +SKIP
    """
    from ..report import write_docx
    from .figures import save_figures

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    figures = save_figures(res, out / "figures", lang=lang)
    docx = write_docx(blocks(res, figures, lang=lang), out / "khao_sat.docx", lang=lang,
                      meta={"title": _tr(lang, "Kết quả khảo sát", "Survey results"),
                            "subject": "DVCTT"})
    xlsx = write_xlsx(res, out / "khao_sat.xlsx")
    rejected = out / "khao_sat.rejected.csv"
    write_csv(res.coded.rejected, rejected)  # formula-looking text neutralised
    return {"docx": docx, "xlsx": xlsx, "rejected": rejected, "figures": out / "figures"}
