"""Tables of the report and its workbook."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..analysis.recommend_text import workbook_sheet
from ..text import fmt
from ..text.words import tr
from . import findings as fnd
from ._blocks import MAX_DOC_ROWS

# ---------------------------------------------------------------------------------------------
# display tables


def _value_rows(ctx: dict, indicator_ids: Sequence[str], lang: str) -> tuple[pd.DataFrame, list[str], bool]:
    """Display table of the comparable sets of some indicators (all periods; latest only when
    long). Returns (table, source ids, truncated)."""
    inds = ctx["indicators"]
    indicator_ids = [i for i in indicator_ids if fnd.indicator_unit(i, inds) in {"percent", "rank", "score"}]
    frames = [ctx["comparisons"][i] for i in indicator_ids if i in ctx["comparisons"]]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(), [], False
    df = pd.concat(frames, ignore_index=True)
    truncated = False
    if len(df) > MAX_DOC_ROWS:
        df = df[df["latest"].astype(bool)]
        if len(df) > MAX_DOC_ROWS:
            df = df.head(MAX_DOC_ROWS)
        truncated = True
    rows = []
    for _, r in df.iterrows():
        ind = str(r["indicator"])
        unit = fnd.indicator_unit(ind, inds)
        ci = ""
        if pd.notna(r.get("ci_low")) and pd.notna(r.get("ci_high")):
            ci = f"{fmt.fmt_number(r['ci_low'], 1, lang=lang)}–{fmt.fmt_number(r['ci_high'], 1, lang=lang)}"
        rows.append(
            {
                tr(lang, "Chỉ tiêu", "Indicator"): fnd.indicator_name(ind, inds, lang),
                tr(lang, "Đơn vị báo cáo", "Reporting unit"): fnd.unit_label(r, lang),
                tr(lang, "Kỳ", "Period"): fnd.period_text(r, lang),
                tr(lang, "Giá trị", "Value"): fnd.value_text(r, unit, lang),
                tr(lang, "KTC 95%", "95% CI"): ci,
                tr(lang, "Nguồn", "Source"): fnd.cite(r, lang).split(" ", 1)[1],
            }
        )
    return pd.DataFrame(rows), sorted(set(df["source_id"].dropna().astype(str))), truncated


# ---------------------------------------------------------------------------------------------
# report tables (workbook)


COMPARISON_COLUMNS = [
    # what compare() adds, plus enough of the observation to read a row; join on obs_id for more
    "obs_id", "indicator", "indicator_original", "unit_label", "admin_level", "period_start",
    "period_end", "period_label", "level_system", "numerator", "denominator", "value", "qualifier",
    "rate", "ci_low", "ci_high", "latest", "warnings", "source_id",
]


GAP_COLUMNS = [
    "obs_id", "source_id", "paragraph", "province_code", "unit_name", "admin_level", "indicator",
    "period_start", "period_end", "period_label", "observed", "qualifier", "target_id", "scope",
    "target_value", "comparator", "target_year", "document", "grade", "target_source_id",
    "target_paragraph", "gap_pp", "met", "years_left", "needed_pp_per_year",
]


def _drop_empty_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Leave out columns without a single value (e.g. import bookkeeping for bundled rows)."""
    keep = [c for c in df.columns if df[c].notna().any() and not (df[c].astype(str) == "").all()]
    return df[keep]


def _with_display(rated: pd.DataFrame, ctx) -> pd.DataFrame:
    """The observations with ``value_display``: the value as every figure and sentence shows it."""
    display = ctx.get("display")
    if display is None or "obs_id" not in rated.columns:
        return rated
    col = "value_en" if ctx["lang"] == "en" else "value_vi"
    out = rated.copy()
    out.insert(list(out.columns).index("value") + 1 if "value" in out.columns else len(out.columns),
               "value_display", out["obs_id"].astype(str).map(display[col]).fillna(""))
    return out


def report_tables(ctx: dict) -> list[dict]:
    """The tables written to tables/dvc_tables.xlsx and tables/*.csv (name, title, description, df)."""
    lang = ctx["lang"]
    comp = [df for df in ctx["comparisons"].values() if not df.empty]
    comparisons = pd.concat(comp, ignore_index=True) if comp else pd.DataFrame()
    comparisons = comparisons[[c for c in COMPARISON_COLUMNS if c in comparisons]]
    gaps = ctx["gaps"]
    gaps = gaps[[c for c in GAP_COLUMNS if c in gaps]]
    from ..evidence.provinces import load_merge, province_name

    merge = load_merge()
    province_map = pd.DataFrame(
        {
            "old_code": merge["old_code"],
            "old_name": [province_name(c, "63", lang) for c in merge["old_code"]],
            "new_code": merge["new_code"],
            "new_name": [province_name(c, "34", lang) for c in merge["new_code"]],
        }
    )
    t = [
        ("observations", tr(lang, "Số liệu đã dùng (kèm tỷ lệ và khoảng tin cậy)", "Observations used (with rates and intervals)"),
         tr(lang, "Mỗi dòng một số liệu như nguồn nêu, kèm đoạn trích dẫn.", "One row per reported figure, with its cited paragraph."),
         _with_display(_drop_empty_columns(ctx["rated"]), ctx)),
        ("comparisons", tr(lang, "Tập so sánh được theo chỉ tiêu", "Comparable sets by indicator"),
         tr(lang, "Các giá trị đặt cạnh nhau được cho từng chỉ tiêu, kèm tỷ lệ tính lại và khoảng tin cậy; mã cảnh báo ở trang Kỹ thuật.", "The values that can be set side by side, per indicator, with recomputed rates and intervals; warning codes are on the Technical sheet."),
         comparisons),
        ("gaps_to_targets", tr(lang, "Khoảng cách đến mục tiêu", "Gaps to targets"),
         tr(lang, "Mỗi số liệu so với mỗi mục tiêu áp dụng được (điểm phần trăm).", "Each observation against each applicable target (percentage points)."),
         gaps),
        ("pipelines", tr(lang, "Chuỗi cung cấp – sử dụng và chuỗi thanh toán", "Service and payment pipelines"),
         tr(lang, "Chỉ các bước nguồn có báo cáo.", "Only the stages the source reports."),
         ctx["pipelines"]),
        ("audit", tr(lang, "Kết quả kiểm tra nhất quán", "Consistency audit findings"),
         tr(lang, "Một dòng một điểm không khớp, kèm mức độ và trích dẫn.", "One row per finding, with severity and citation."),
         ctx["audit"]),
        ("recommendations", tr(lang, "Kiến nghị xếp hạng theo đơn vị", "Ranked recommendations by unit"),
         tr(lang, "Mỗi dòng một kiến nghị: điểm và các phần điểm, căn cứ, trích dẫn, câu kiến nghị (sửa được).",
            "One row per recommendation: score and its parts, basis, citations, the sentence (editable)."),
         workbook_sheet(ctx["recommendations"], lang=lang)),
        ("barriers_levers", tr(lang, "Rào cản và giải pháp theo đơn vị", "Barriers and levers by unit"),
         tr(lang, "Rào cản nguồn nêu và các giải pháp tương ứng, kèm nguồn và đoạn.", "Barriers the sources report and the levers that address them, with source and paragraph."),
         _barrier_levers(ctx)),
        ("barrier_mentions", tr(lang, "Các lần nêu rào cản và giải pháp", "Barrier and lever mentions"),
         tr(lang, "Mã hóa thủ công từ các nguồn.", "Hand-coded from the sources."),
         ctx["mentions"]),
        ("indicators", tr(lang, "Định nghĩa chỉ tiêu", "Indicator definitions"),
         tr(lang, "Tên, đơn vị và chiều tốt của mỗi chỉ tiêu; định nghĩa tử số, mẫu số ở Phụ lục A của báo cáo.", "Name, unit and direction of each indicator; numerator and denominator definitions in Appendix A of the report."),
         ctx["indicators"]),
        ("sources", tr(lang, "Nguồn", "Sources"), tr(lang, "Các văn bản nguồn: tên, tiêu đề gốc, đường dẫn, cơ quan đăng, ngày, kỳ số liệu.", "The source texts: title, original headline, link, publisher, date, data period."), ctx["sources"]),
        ("targets", tr(lang, "Mục tiêu", "Targets"), tr(lang, "Mục tiêu quốc gia và của tỉnh, kèm văn bản và mức tin cậy.", "National and provincial targets, with their document and evidence grade."), ctx["targets"]),
        ("province_map", tr(lang, "Đối chiếu 63 → 34 tỉnh", "Province mapping 63 → 34"),
         tr(lang, "Mã tỉnh cũ → mã tỉnh mới từ 1/7/2025.", "Old province code → new code from 1 July 2025."),
         province_map),
    ]
    ranking = ctx.get("ranking")
    if ranking is not None and not ranking.empty:
        t.insert(0, ("user_ranking", tr(lang, "Xếp hạng các đơn vị của bạn", "Ranking of your units"),
                     tr(lang, "Mỗi chỉ tiêu: kỳ chung gần nhất, hạng, khoảng tin cậy, thay đổi so với kỳ trước.",
                        "Per indicator: latest common period, rank, interval, change since the previous period."),
                     ranking))
    return [{"name": n, "title": ti, "description": d, "df": df} for n, ti, d, df in t]


WARNING_LABELS = {
    "period_length": ("kỳ dài ngắn khác nhau", "periods of different length"),
    "year": ("giá trị mới nhất thuộc các năm khác nhau", "latest values from different years"),
    "level_system": ("khác hệ phân loại mức độ", "different level systems"),
    "admin_level": ("khác cấp hành chính", "different administrative levels"),
    "unit_scope": ("có giá trị chỉ tính một phần của tỉnh", "some values cover part of a province"),
    "component": ("khác thành phần", "different components"),
    "qualifier": ("có giá trị là cận hoặc xấp xỉ", "some values are bounds or approximations"),
}


def _caution_table(ctx: dict) -> pd.DataFrame:
    """Per indicator with two or more units (all levels): the compare() warnings, in short words."""
    lang = ctx["lang"]
    rows = []
    for ind, df in ctx["comparisons"].items():
        if df.empty or df["unit_label"].nunique() < 2:
            continue
        if fnd.indicator_unit(ind, ctx["indicators"]) not in {"percent", "score"}:
            continue
        codes = list(dict.fromkeys(df.attrs.get("warning_codes", [])))
        texts = df.attrs.get("warnings_vi" if lang == "vi" else "warnings_en", [])
        labels = []
        for i, code in enumerate(codes):
            pair = WARNING_LABELS.get(code)
            labels.append(pair[0 if lang == "vi" else 1] if pair else (texts[i] if i < len(texts) else code))
        rows.append(
            {
                tr(lang, "Chỉ tiêu", "Indicator"): fnd.indicator_name(ind, ctx["indicators"], lang),
                tr(lang, "Số đơn vị", "Units"): str(df["unit_label"].nunique()),
                tr(lang, "Lưu ý", "Notes"): "; ".join(labels) or tr(lang, "không có", "none"),
            }
        )
    return pd.DataFrame(rows)


def _audit_display(aud: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = aud.head(MAX_DOC_ROWS)
    msg_col = next((c for c in (f"message_{lang}", f"reason_{lang}", f"detail_{lang}", "message", "detail") if c in df), None)
    cols = {}
    if "severity" in df:
        words = {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("lưu ý", "note")}
        cols[tr(lang, "Mức độ", "Severity")] = [
            words.get(str(v), (str(v), str(v)))[0 if lang == "vi" else 1] for v in df["severity"]
        ]
    if msg_col:
        cols[tr(lang, "Nội dung", "Finding")] = df[msg_col].astype(str)
    if "source_id" in df:
        para = df["paragraph"] if "paragraph" in df else pd.Series("", index=df.index)
        cols[tr(lang, "Nguồn", "Source")] = [
            fnd.cite({"source_id": s, "paragraph": p}, lang).split(" ", 1)[1] for s, p in zip(df["source_id"], para, strict=True)
        ]
    return pd.DataFrame(cols) if cols else df.astype(str)


def _barrier_levers(ctx) -> pd.DataFrame:
    """The barrier -> lever lookup of the units' sources (the ranked list is another sheet)."""
    from ..analysis import barriers as bar

    mentions = ctx["mentions"]
    return bar.recommendations(mentions, lang=ctx["lang"]) if len(mentions) else bar.recommendations(
        lang=ctx["lang"]).head(0)
