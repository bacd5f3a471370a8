"""Build the policy report: figures, tables (Excel + CSV), report.html, report.docx, README.txt.

`build_report(out_dir)` loads the bundled evidence base (plus the user's files, or only theirs),
runs the analysis layer (rates, comparable sets, gaps to targets, pipelines, audit, barriers and
levers), writes the standard figure set, and assembles one document model that is rendered to
Word (`report_docx`) and self-contained HTML (`report_html`). The document model is a flat list
of block dicts ({"kind": "heading" | "paragraph" | "bullets" | "figure" | "table" | ...});
`number_blocks` numbers headings ("1.", "1.1."), figures and tables once, so that both outputs
carry the same "Hình N." / "Bảng N." numbers.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import findings as fnd
from . import fmt

# section keys in report order; the figure and table placement refers to these keys
SECTIONS = [
    ("summary", "Tóm tắt", "Summary"),
    ("data", "Dữ liệu và phương pháp", "Data and method"),
    ("supply", "Cung cấp và sử dụng DVCTT", "Provision and use of online public services"),
    ("payment", "Thanh toán trực tuyến", "Online payment"),
    ("digitisation", "Số hóa và tái sử dụng dữ liệu", "Digitisation and data reuse"),
    ("timeliness", "Tiến độ giải quyết", "Timeliness of handling"),
    ("barriers", "Rào cản", "Barriers"),
    ("recommendations", "Khuyến nghị", "Recommendations"),
    ("appendix", "Phụ lục", "Appendix"),
]

# indicator group (indicators.csv) -> report section
GROUP_SECTION = {
    "provision": "supply",
    "integration": "supply",
    "usage": "supply",
    "coverage": "supply",
    "simplification": "supply",
    "payment": "payment",
    "digitisation": "digitisation",
    "data_reuse": "digitisation",
    "timeliness": "timeliness",
    "processing": "timeliness",
}

# figure stem keywords -> report section (first match wins; unmatched figures go to "supply")
FIGURE_SECTION = [
    ("rao_can", "barriers"),
    ("barrier", "barriers"),
    ("giai_phap", "recommendations"),
    ("lever", "recommendations"),
    ("thanh_toan", "payment"),
    ("payment", "payment"),
    ("so_hoa", "digitisation"),
    ("tai_su_dung", "digitisation"),
    ("digiti", "digitisation"),
    ("reuse", "digitisation"),
    ("khoang_cach", "digitisation"),
    ("muc_tieu", "digitisation"),
    ("gap", "digitisation"),
    ("target", "digitisation"),
    ("dung_han", "timeliness"),
    ("on_time", "timeliness"),
    ("dien_bien", "timeliness"),
    ("trend", "timeliness"),
]

MAX_DOC_ROWS = 40


def _t(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


# ---------------------------------------------------------------------------------------------
# document model


def heading(text: str, level: int = 1, key: str | None = None, *, numbered: bool = True) -> dict:
    return {"kind": "heading", "text": text, "level": level, "key": key, "numbered": numbered}


def paragraph(text: str) -> dict:
    return {"kind": "paragraph", "text": text}


def note(text: str) -> dict:
    return {"kind": "note", "text": text}


def bullets(items: Iterable[str]) -> dict:
    return {"kind": "bullets", "items": [i for i in items if i]}


def figure_block(fig: dict) -> dict:
    """A figure block from one entry of `figures.build_standard` (needs a PNG path)."""
    paths = fig.get("paths") or {}
    png = paths.get("png") if isinstance(paths, dict) else next(
        (p for p in paths if str(p).endswith(".png")), None
    )
    return {
        "kind": "figure",
        "stem": fig.get("stem", ""),
        "png": str(png),
        "title": fig.get("title", ""),
        # the figure's subtitle and comparability notes are drawn in the image and listed in
        # section 2; the caption line carries the title only
        "caption": "",
        # the full source note is drawn in the image; `document` replaces this with a short
        # citation of the source ids that points to the table of sources
        "source_note": fig.get("source_note", ""),
        "source_ids": sorted({fnd.short_source(s) for s in fig.get("source_ids") or [] if s}),
    }


def table_block(
    df: pd.DataFrame, title: str, *, source_note: str = "", align: Sequence[str] | None = None,
    font_pt: float = 10.5, widths: Sequence[float] | None = None, key: str | None = None,
) -> dict:
    """A table block from a DataFrame of display strings (its columns are the header);
    `widths` are relative column widths for Word (default: from the content); `key` names a
    table that other blocks refer to (e.g. "sources")."""
    rows = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
    return {
        "kind": "table",
        "title": title,
        "columns": [str(c) for c in df.columns],
        "rows": rows,
        "align": list(align) if align else None,
        "source_note": source_note,
        "font_pt": font_pt,
        "widths": list(widths) if widths else None,
        "key": key,
    }


def number_blocks(blocks: list[dict]) -> list[dict]:
    """Number headings (1., 1.1., 1.1.1.), figures and tables in document order (in place)."""
    counters = [0, 0, 0]
    n_fig = n_tab = 0
    for block in blocks:
        if block["kind"] == "heading" and block.get("numbered", True):
            level = max(1, min(3, int(block.get("level", 1))))
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            block["number"] = ".".join(str(c) for c in counters[:level]) + "."
        elif block["kind"] == "figure":
            n_fig += 1
            block["number"] = n_fig
        elif block["kind"] == "table":
            n_tab += 1
            block["number"] = n_tab
    return blocks


# ---------------------------------------------------------------------------------------------
# inputs


def _read_user_files(data_files: Sequence[str | Path]) -> list[pd.DataFrame]:
    from .importer import read_user_file

    frames = []
    for path in data_files:
        result = read_user_file(path)
        frame = result[0] if isinstance(result, tuple) else result
        frames.append(frame)
    return frames


def _filter_provinces(obs: pd.DataFrame, provinces: Sequence[str] | None) -> pd.DataFrame:
    if not provinces:
        return obs
    from .errors import UserDataError
    from .provinces import normalize_code, resolve

    codes = set()
    for item in provinces:
        text = str(item).strip()
        codes.add(normalize_code(text) if text.isdigit() else resolve(text))
    out = obs[obs["province_code"].astype(str).isin(codes)]
    if out.empty:
        raise UserDataError(
            f"Không có số liệu nào cho các tỉnh đã chọn ({', '.join(sorted(codes))}).",
            f"No figures for the selected provinces ({', '.join(sorted(codes))}).",
        )
    return out


def prepare(
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Load and analyse everything the report needs; returns a dict of DataFrames.

    Keys: obs (observations used), rated (obs with rates and intervals), indicators, sources,
    targets, comparisons (dict indicator -> compare() result over all admin levels),
    comparisons_province (same, province level only), audit, gaps, pipelines, barriers,
    levers, mentions, recommendations, lang, inputs.
    """
    from . import load
    from .errors import UsageError, UserDataError
    from .indicators import compare_all, gaps_to_targets, pipelines, rates

    if lang not in ("vi", "en"):
        raise UsageError(f"Ngôn ngữ không hỗ trợ: {lang!r}.", f"Unsupported language: {lang!r}.")
    if only and not data_files:
        raise UsageError(
            "--only cần ít nhất một tệp --data.", "--only needs at least one --data file."
        )
    inputs: list[str] = []
    frames = []
    if not only:
        frames.append(load.load_observations())
        inputs.append("data/observations.csv (bundled)")
    user = _read_user_files(data_files)
    for path, frame in zip(data_files, user, strict=True):
        inputs.append(f"{path} ({len(frame)} rows)")
    frames.extend(user)
    obs = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    obs = _filter_provinces(obs, provinces)
    if obs.empty:
        raise UserDataError("Không có số liệu nào để dựng báo cáo.", "No figures to build a report from.")

    from .importer import add_declared_indicators

    indicators = add_declared_indicators(load.load_indicators(), user)  # + the user's own ids
    sources = load.load_sources()
    targets = load.load_targets()
    in_obs = set(obs["indicator"])
    present = [i for i in indicators["id"] if i in in_obs]
    present += [i for i in dict.fromkeys(obs["indicator"]) if i not in present]
    comparisons_province: dict[str, pd.DataFrame] = {}
    rankable = set(
        indicators.loc[
            indicators["unit"].isin(["percent", "score"])
            & indicators["higher_is_better"].astype(str).str.lower().isin(["true", "1", "yes"]),
            "id",
        ]
    )
    # one compare() per indicator, with the row-wise work (rates, labels) done once
    comparisons = compare_all(obs, present, admin_level=None, indicators=indicators)
    for ind in present:
        # the ranking sentences use the province-level rows of rankable indicators; "latest" is
        # set per unit, so these rows are the same as a province-level compare() gives
        if ind in rankable:
            df = comparisons[ind]
            comparisons_province[ind] = df[df["admin_level"] == "province"].reset_index(drop=True)

    from .audit import audit

    ctx: dict[str, Any] = {
        "lang": lang,
        "inputs": inputs,
        "obs": obs,
        "rated": rates(obs, indicators=indicators),
        "indicators": indicators,
        "sources": sources,
        "targets": targets,
        "comparisons": comparisons,
        "comparisons_province": comparisons_province,
        "audit": audit(obs),
        "gaps": gaps_to_targets(obs, targets),
        "pipelines": pipelines(obs),
    }
    ctx.update(_barrier_tables(obs, lang))
    return ctx


def _barrier_tables(obs: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """Barrier taxonomy, levers, mentions and the recommendations table, limited to the sources
    of the observations in use (user data without barrier coding adds none)."""
    from . import barriers as bar

    used = {fnd.short_source(s) for s in obs["source_id"].dropna().unique()}
    mentions = bar.load_mentions()
    mentions = mentions[mentions["source_id"].map(fnd.short_source).isin(used)].reset_index(drop=True)
    rec = bar.recommendations(mentions, lang=lang) if len(mentions) else bar.recommendations(lang=lang).head(0)
    return {
        "barriers": bar.load_barriers(),
        "levers": bar.load_levers(),
        "mentions": mentions,
        "recommendations": rec,
    }


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
                _t(lang, "Chỉ tiêu", "Indicator"): fnd.indicator_name(ind, inds, lang),
                _t(lang, "Đơn vị báo cáo", "Reporting unit"): fnd.unit_label(r, lang),
                _t(lang, "Kỳ", "Period"): fnd.period_text(r, lang),
                _t(lang, "Giá trị", "Value"): fnd.value_text(r, unit, lang),
                _t(lang, "KTC 95%", "95% CI"): ci,
                _t(lang, "Nguồn", "Source"): fnd.cite(r, lang).split(" ", 1)[1],
            }
        )
    return pd.DataFrame(rows), sorted(set(df["source_id"].dropna().astype(str))), truncated


def _source_note(source_ids: Iterable[str], lang: str, sources: pd.DataFrame) -> str:
    from .theme import source_note

    ids = [s for s in source_ids if str(s).strip()]
    return source_note(ids, lang, sources) if ids else ""


def _indicators_in(ctx: dict, section: str) -> list[str]:
    inds = ctx["indicators"].set_index("id")
    out = []
    for ind in ctx["comparisons"]:
        group = str(inds.loc[ind, "group"]) if ind in inds.index else ""
        if GROUP_SECTION.get(group, "supply") == section:
            out.append(ind)
    return out


def figure_section(fig: dict) -> str:
    """Which report section a standard figure belongs to (by an explicit "section" key, else by
    keywords in its stem)."""
    if fig.get("section") in {k for k, _, _ in SECTIONS}:
        return fig["section"]
    stem = str(fig.get("stem", "")).lower()
    for word, section in FIGURE_SECTION:
        if word in stem:
            return section
    return "supply"


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


def report_tables(ctx: dict) -> list[dict]:
    """The tables written to tables/dvc_tables.xlsx and tables/*.csv (name, title, description, df)."""
    lang = ctx["lang"]
    comp = [df for df in ctx["comparisons"].values() if not df.empty]
    comparisons = pd.concat(comp, ignore_index=True) if comp else pd.DataFrame()
    comparisons = comparisons[[c for c in COMPARISON_COLUMNS if c in comparisons]]
    gaps = ctx["gaps"]
    gaps = gaps[[c for c in GAP_COLUMNS if c in gaps]]
    from .provinces import load_merge, province_name

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
        ("observations", _t(lang, "Số liệu đã dùng (kèm tỷ lệ và khoảng tin cậy)", "Observations used (with rates and intervals)"),
         _t(lang, "Mỗi dòng một số liệu như nguồn nêu, kèm đoạn trích dẫn.", "One row per reported figure, with its cited paragraph."),
         _drop_empty_columns(ctx["rated"])),
        ("comparisons", _t(lang, "Tập so sánh được theo chỉ tiêu", "Comparable sets by indicator"),
         _t(lang, "Kết quả compare() cho từng chỉ tiêu; cột warnings ghi mã cảnh báo.", "compare() result per indicator; the warnings column holds warning codes."),
         comparisons),
        ("gaps_to_targets", _t(lang, "Khoảng cách đến mục tiêu", "Gaps to targets"),
         _t(lang, "Mỗi số liệu so với mỗi mục tiêu áp dụng được (điểm phần trăm).", "Each observation against each applicable target (percentage points)."),
         gaps),
        ("pipelines", _t(lang, "Chuỗi cung cấp – sử dụng và chuỗi thanh toán", "Service and payment pipelines"),
         _t(lang, "Chỉ các bước nguồn có báo cáo.", "Only the stages the source reports."),
         ctx["pipelines"]),
        ("audit", _t(lang, "Kết quả kiểm tra nhất quán", "Consistency audit findings"),
         _t(lang, "Một dòng một điểm không khớp, kèm mức độ và trích dẫn.", "One row per finding, with severity and citation."),
         ctx["audit"]),
        ("barriers_levers", _t(lang, "Rào cản và giải pháp theo đơn vị", "Barriers and levers by unit"),
         _t(lang, "Rào cản nguồn nêu và các giải pháp tương ứng, kèm nguồn và đoạn.", "Barriers the sources report and the levers that address them, with source and paragraph."),
         ctx["recommendations"]),
        ("barrier_mentions", _t(lang, "Các lần nêu rào cản và giải pháp", "Barrier and lever mentions"),
         _t(lang, "Mã hóa thủ công từ các nguồn.", "Hand-coded from the sources."),
         ctx["mentions"]),
        ("indicators", _t(lang, "Định nghĩa chỉ tiêu", "Indicator definitions"),
         _t(lang, "Từ điển chỉ tiêu (data/indicators.csv).", "The indicator vocabulary (data/indicators.csv)."),
         ctx["indicators"]),
        ("sources", _t(lang, "Nguồn", "Sources"), _t(lang, "data/sources.csv", "data/sources.csv"), ctx["sources"]),
        ("targets", _t(lang, "Mục tiêu", "Targets"), _t(lang, "data/targets.csv", "data/targets.csv"), ctx["targets"]),
        ("province_map", _t(lang, "Đối chiếu 63 → 34 tỉnh", "Province mapping 63 → 34"),
         _t(lang, "Mã tỉnh cũ → mã tỉnh mới từ 1/7/2025.", "Old province code → new code from 1 July 2025."),
         province_map),
    ]
    return [{"name": n, "title": ti, "description": d, "df": df} for n, ti, d, df in t]


# ---------------------------------------------------------------------------------------------
# sections


def _summary(ctx: dict) -> list[dict]:
    lang = ctx["lang"]
    items = fnd.key_findings(ctx, lang=lang)
    intro = _t(
        lang,
        "Các phát hiện dưới đây được sinh tự động từ số liệu; mỗi câu nêu đơn vị, kỳ báo cáo và "
        "nguồn (mã nguồn trong ngoặc vuông, xem Bảng 1). Chỉ so sánh hai giá trị khi chúng cùng "
        "một chỉ tiêu và cùng cấp hành chính.",
        "The findings below are generated from the figures; each sentence names the unit, the "
        "period and the source (source id in square brackets, see Table 1). Two values are only "
        "compared when they measure the same indicator at the same administrative level.",
    )
    return [paragraph(intro), bullets(items)]


def _data_method(ctx: dict) -> list[dict]:
    lang = ctx["lang"]
    obs, sources = ctx["obs"], ctx["sources"]
    out: list[dict] = []
    n_obs, n_src = len(obs), obs["source_id"].nunique()
    n_ind = obs["indicator"].nunique()
    out.append(heading(_t(lang, "Nguồn số liệu", "Sources"), 2))
    out.append(
        paragraph(
            _t(
                lang,
                f"Báo cáo dùng {fmt.fmt_number(n_obs)} số liệu thuộc {n_ind} chỉ tiêu, lấy từ "
                f"{n_src} nguồn (Bảng 1). Mỗi số liệu được ghi cùng đoạn văn chứa nó, kỳ báo cáo, "
                "đơn vị báo cáo, tử số và mẫu số khi nguồn nêu, và con số đúng như nguồn viết; "
                "mọi tỷ lệ trong báo cáo đều truy ngược được về đoạn trích.",
                f"The report uses {fmt.fmt_number(n_obs, lang='en')} figures on {n_ind} indicators "
                f"from {n_src} sources (Table 1). Each figure is recorded with the paragraph that "
                "states it, the period, the reporting unit, numerator and denominator where the "
                "source gives them, and the number as written, so every rate traces back to a "
                "cited paragraph.",
            )
        )
    )
    counts = obs.groupby("source_id").size()
    rows = []
    for sid, n in counts.items():
        src = sources[sources["source_id"] == sid]
        s = src.iloc[0] if len(src) else {}
        province = fnd._str(s.get("province_name")) if len(src) else ""
        rows.append(
            {
                _t(lang, "Mã", "Id"): f"[{fnd.short_source(sid)}]",
                _t(lang, "Nguồn", "Source"): _source_title(s, lang) if len(src) else str(sid),
                _t(lang, "Tỉnh", "Province"): province or (fnd.UNNAMED[lang] if len(src) else ""),
                _t(lang, "Kỳ số liệu", "Data period"): fmt.period_label(
                    s.get("period_start"), s.get("period_end"), kind="range", lang=lang
                ) if len(src) else "",
                _t(lang, "Số liệu", "Figures"): fmt.fmt_number(n, lang=lang),
            }
        )
    out.append(
        table_block(
            pd.DataFrame(rows),
            _t(lang, "Các nguồn và số số liệu lấy từ mỗi nguồn", "Sources and the number of figures taken from each"),
            align=["c", "l", "l", "l", "r"],
            widths=[1.3, 8.3, 2.4, 2.6, 1.4],
            key="sources",
        )
    )

    out.append(heading(_t(lang, "Chỉ tiêu và định nghĩa", "Indicators and definitions"), 2))
    out.append(
        paragraph(
            _t(
                lang,
                "Các chỉ tiêu có tử số hoặc mẫu số khác nhau được giữ tách biệt, kể cả khi tên gọi "
                "gần giống nhau: ví dụ tỷ lệ hồ sơ nộp trực tuyến trên tổng hồ sơ khác với tỷ lệ "
                "DVCTT có phát sinh hồ sơ (đếm dịch vụ, không đếm hồ sơ). Định nghĩa từng chỉ tiêu "
                "ở Phụ lục A. Khi nguồn nêu tử số và mẫu số, tỷ lệ được tính lại và kèm khoảng tin "
                "cậy Wilson 95%. Các số đếm ở đây gần như là toàn bộ hồ sơ chứ không phải mẫu, nên "
                "sai số thật chủ yếu nằm ở định nghĩa và cách đếm; khoảng tin cậy chỉ cho biết độ "
                "lớn của mẫu số.",
                "Indicators whose numerator or denominator differ are kept apart even when their "
                "names are alike: the share of dossiers filed online is not the share of online "
                "services that received any dossier (which counts services, not dossiers). "
                "Appendix A defines each indicator. Where a source gives numerator and "
                "denominator the rate is recomputed with a Wilson 95% interval. The counts are "
                "near-census counts, not samples: the real uncertainty is definitional, and the "
                "interval only shows the size of the denominator.",
            )
        )
    )

    out.append(heading(_t(lang, "Khả năng so sánh", "Comparability"), 2))
    cautions = [
        _t(
            lang,
            "Chỉ so sánh hai giá trị khi cùng chỉ tiêu và cùng cấp hành chính; mỗi so sánh nêu kỳ "
            "của cả hai giá trị.",
            "Two values are compared only for the same indicator and administrative level; each "
            "comparison names both periods.",
        ),
        _t(
            lang,
            "Mức độ 1–4 (Nghị định 43/2011) và toàn trình/một phần (Nghị định 42/2022) là hai hệ "
            "phân loại khác nhau; việc quy mức độ 4 thành toàn trình chỉ là quy ước dữ liệu, không "
            "tương đương về pháp lý.",
            "Levels 1–4 (Decree 43/2011) and toàn trình/một phần (Decree 42/2022) are different "
            "systems; mapping level 4 to toàn trình is a data convention, not a legal equivalence.",
        ),
        _t(
            lang,
            "Tỷ lệ hồ sơ trực tuyến của Bộ chỉ số 766 trên Cổng DVC quốc gia được tính khác với tỷ "
            "lệ do tỉnh tự báo cáo; hai loại không đặt cạnh nhau.",
            "The national portal's Bộ chỉ số 766 online-filing rate is computed differently from "
            "the rates provinces report; the two are not put side by side.",
        ),
        _t(
            lang,
            "Khi chuyển sang bản đồ 34 tỉnh, số đếm chỉ được cộng khi mọi tỉnh cũ đều báo cáo cùng "
            "chỉ tiêu và cùng kỳ; không lấy trung bình các tỷ lệ, không gộp thứ hạng.",
            "On the 34-province map counts are summed only when every old province reports the "
            "same indicator for the same period; rates are never averaged, ranks never combined.",
        ),
    ]
    out.append(bullets(cautions))
    table = _caution_table(ctx)
    if not table.empty:
        out.append(
            paragraph(
                _t(
                    lang,
                    "Bảng sau liệt kê, với mỗi chỉ tiêu tỷ lệ có từ hai đơn vị báo cáo trở lên, những "
                    "điểm khiến các giá trị không đặt cạnh nhau được một cách trực tiếp.",
                    "The next table lists, for each rate reported by two or more units, what keeps "
                    "their values from being set side by side directly.",
                )
            )
        )
        out.append(
            table_block(
                table,
                _t(lang, "Lưu ý khả năng so sánh theo chỉ tiêu", "Comparability notes by indicator"),
                align=["l", "r", "l"],
                font_pt=10,
            )
        )

    out.append(heading(_t(lang, "Kiểm tra nhất quán", "Consistency audit"), 2))
    aud = ctx["audit"]
    out.append(paragraph(fnd.audit_sentence(aud, lang) or ""))
    if not aud.empty:
        out.append(
            table_block(
                _audit_display(aud, lang),
                _t(lang, "Các điểm không khớp trong nguồn", "Inconsistencies found in the sources"),
                source_note=_source_note(aud.get("source_id", pd.Series(dtype=str)).dropna().unique(), lang, ctx["sources"]),
                font_pt=9.5,
            )
        )
    return out


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
                _t(lang, "Chỉ tiêu", "Indicator"): fnd.indicator_name(ind, ctx["indicators"], lang),
                _t(lang, "Số đơn vị", "Units"): str(df["unit_label"].nunique()),
                _t(lang, "Lưu ý", "Notes"): "; ".join(labels) or _t(lang, "không có", "none"),
            }
        )
    return pd.DataFrame(rows)


def _source_title(s: Any, lang: str) -> str:
    """Title, outlet and publication date of one source row (date marked when estimated)."""
    title = fnd._str(s.get("title"))
    extra = [fnd._str(s.get("outlet"))]
    pub = fnd._str(s.get("published"))[:10]
    if pub:
        y, m, d = pub.split("-") if pub.count("-") == 2 else (pub, "", "")
        when = f"{int(d)}/{int(m)}/{y}" if d else pub
        if fnd._str(s.get("published_estimated")).lower() in {"true", "1"}:
            when += _t(lang, ", ước tính", ", estimated")
        extra.append(when)
    extra = [e for e in extra if e]
    return title + (f" ({'; '.join(extra)})" if extra else "")


def _audit_display(aud: pd.DataFrame, lang: str) -> pd.DataFrame:
    df = aud.head(MAX_DOC_ROWS)
    msg_col = next((c for c in (f"message_{lang}", f"reason_{lang}", f"detail_{lang}", "message", "detail") if c in df), None)
    cols = {}
    if "severity" in df:
        words = {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("lưu ý", "note")}
        cols[_t(lang, "Mức độ", "Severity")] = [
            words.get(str(v), (str(v), str(v)))[0 if lang == "vi" else 1] for v in df["severity"]
        ]
    if msg_col:
        cols[_t(lang, "Nội dung", "Finding")] = df[msg_col].astype(str)
    if "source_id" in df:
        para = df["paragraph"] if "paragraph" in df else pd.Series("", index=df.index)
        cols[_t(lang, "Nguồn", "Source")] = [
            fnd.cite({"source_id": s, "paragraph": p}, lang).split(" ", 1)[1] for s, p in zip(df["source_id"], para, strict=True)
        ]
    return pd.DataFrame(cols) if cols else df.astype(str)


def _figures_for(figs: list[dict], section: str) -> list[dict]:
    return [figure_block(f) for f in figs if figure_section(f) == section and _png(f)]


def _png(fig: dict) -> bool:
    paths = fig.get("paths") or {}
    if isinstance(paths, dict):
        return bool(paths.get("png"))
    return any(str(p).endswith(".png") for p in paths)


def _indicator_section(ctx: dict, figs: list[dict], section: str, intro: str) -> list[dict]:
    lang = ctx["lang"]
    out: list[dict] = [paragraph(intro)]
    ids = _indicators_in(ctx, section)
    # generated sentences for this section: comparisons first, then per-indicator lists
    sentences = []
    for ind in ids:
        s = fnd.comparison_sentence(ctx["comparisons_province"].get(ind), ctx["indicators"], lang)
        if s:
            sentences.append(s)
    out.append(bullets(sentences)) if sentences else None
    out.extend(_figures_for(figs, section))
    table, srcs, truncated = _value_rows(ctx, ids, lang)
    if not table.empty:
        title = {
            "supply": _t(lang, "Số liệu cung cấp và sử dụng DVCTT theo đơn vị và kỳ", "Provision and use figures by unit and period"),
            "payment": _t(lang, "Số liệu thanh toán trực tuyến theo đơn vị và kỳ", "Online payment figures by unit and period"),
            "digitisation": _t(lang, "Số liệu số hóa và tái sử dụng dữ liệu theo đơn vị và kỳ", "Digitisation and data reuse figures by unit and period"),
            "timeliness": _t(lang, "Số liệu tiến độ giải quyết hồ sơ theo đơn vị và kỳ", "Timeliness figures by unit and period"),
        }[section]
        out.append(
            table_block(
                table, title, source_note=_source_note(srcs, lang, ctx["sources"]),
                align=["l", "l", "l", "r", "r", "l"], font_pt=9.5,
                widths=[3.9, 3.2, 2.5, 2.5, 2.1, 1.8],
            )
        )
        if truncated:
            out.append(
                note(
                    _t(
                        lang,
                        "Bảng chỉ nêu giá trị mới nhất của mỗi đơn vị (tối đa 40 dòng); đầy đủ ở tables/dvc_tables.xlsx, trang comparisons.",
                        "The table shows each unit's latest value (at most 40 rows); all rows are in tables/dvc_tables.xlsx, sheet comparisons.",
                    )
                )
            )
    return out


def _pipeline_text(ctx: dict, kind: str) -> list[str]:
    pipes = ctx["pipelines"]
    if pipes is None or pipes.empty:
        return []
    if "pipeline" in pipes:
        pipes = pipes[pipes["pipeline"].astype(str).str.startswith(kind)]
    keys = [c for c in ("pipeline", "province_code", "unit_name", "source_id", "year") if c in pipes]
    out = []
    for _, grp in pipes.groupby(keys, dropna=False, sort=False) if keys else [(None, pipes)]:
        s = fnd.pipeline_sentence(grp, ctx["lang"])
        if s:
            out.append(s)
    return out


def _gap_section(ctx: dict, sections: Sequence[str]) -> list[dict]:
    """Generated gap sentences for indicators of the given sections."""
    gaps = ctx["gaps"]
    if gaps is None or gaps.empty:
        return []
    ids = [i for s in sections for i in _indicators_in(ctx, s)]
    g = fnd.latest_gaps(gaps[gaps["indicator"].isin(ids)])
    keys = [c for c in ("obs_id", "province_code", "unit_name", "indicator") if c in g]
    sentences = [
        fnd.gap_summary(rows, ctx["lang"], ctx["indicators"])
        for _, rows in g.groupby(keys, dropna=False, sort=False)
    ]
    sentences = list(dict.fromkeys(s for s in sentences if s))
    return [bullets(sentences)] if sentences else []


def _barrier_section(ctx: dict, figs: list[dict]) -> list[dict]:
    lang = ctx["lang"]
    mentions, barriers = ctx["mentions"], ctx["barriers"]
    out = [
        paragraph(
            _t(
                lang,
                "Rào cản được mã hóa theo mười nhóm (B01–B10) từ các đoạn văn của nguồn; một đoạn có "
                "thể nêu nhiều rào cản. Số lần nêu phản ánh điều các bài viết chọn kể, không phải "
                "mức độ nghiêm trọng đo được.",
                "Barriers are coded into ten groups (B01–B10) from the sources' paragraphs; one "
                "paragraph can name several. Mention counts reflect what the articles chose to "
                "report, not a measured severity.",
            )
        )
    ]
    s = fnd.barrier_sentence(mentions, barriers, lang)
    if s:
        out.append(paragraph(s))
    out.extend(_figures_for(figs, "barriers"))
    b = mentions[mentions["kind"].astype(str) == "barrier"] if not mentions.empty else mentions
    if not b.empty:
        name_col = "name_vi" if lang == "vi" else "name_en"
        names = dict(zip(barriers["code"], barriers[name_col], strict=False))
        stats = b.groupby("code").agg(
            n_src=("source_id", "nunique"), n=("paragraph", "size"),
            where=("source_id", lambda s: ", ".join(f"[{fnd.short_source(x)}]" for x in sorted(set(s)))),
        ).reset_index()
        table = pd.DataFrame(
            {
                _t(lang, "Mã", "Code"): stats["code"],
                _t(lang, "Rào cản", "Barrier"): stats["code"].map(names).fillna(""),
                _t(lang, "Số nguồn", "Sources"): stats["n_src"].astype(str),
                _t(lang, "Số lần nêu", "Mentions"): stats["n"].astype(str),
                _t(lang, "Nguồn", "Cited in"): stats["where"],
            }
        )
        out.append(
            table_block(
                table,
                _t(lang, "Rào cản được các nguồn nêu", "Barriers named by the sources"),
                source_note=_source_note(_full_ids(b["source_id"], ctx), lang, ctx["sources"]),
                align=["c", "l", "r", "r", "l"],
            )
        )
    return out


def _full_ids(short_ids: Iterable[str], ctx: dict) -> list[str]:
    known = {fnd.short_source(s): s for s in ctx["sources"]["source_id"]}
    return [known.get(fnd.short_source(s), s) for s in dict.fromkeys(short_ids)]


def _recommendations_section(ctx: dict, figs: list[dict]) -> list[dict]:
    lang = ctx["lang"]
    rec = ctx["recommendations"]
    out = [
        paragraph(
            _t(
                lang,
                "Mỗi khuyến nghị dưới đây là một nhóm giải pháp (L01…) gắn với rào cản mà nguồn của "
                "đơn vị đó đã nêu, theo bảng đối chiếu giải pháp – rào cản; cột nguồn cho biết đoạn "
                "văn nêu rào cản. Đây là gợi ý để cân nhắc theo bối cảnh, không phải kết luận nhân quả.",
                "Each recommendation below is a lever (L01…) tied to a barrier that the unit's own "
                "source reports, through the lever–barrier table; the source column gives the "
                "paragraph that names the barrier. They are options to weigh in context, not "
                "causal conclusions.",
            )
        )
    ]
    out.extend(_figures_for(figs, "recommendations"))
    if rec is not None and not rec.empty:
        ids = sorted({s for x in rec["barrier_sources"].astype(str) for s in x.split(";") if s})
        out.append(
            table_block(
                _recommendation_display(rec, ctx),
                _t(lang, "Rào cản theo đơn vị và giải pháp tương ứng", "Barriers by unit and the levers that address them"),
                source_note=_t(lang, "* giải pháp do chính nguồn của đơn vị nêu. ", "* lever named by the unit's own source. ")
                + _source_note(ids, lang, ctx["sources"]),
                font_pt=9.5,
                widths=[3.0, 5.3, 7.7],
            )
        )
        lever_ids = sorted({s for x in rec["lever_sources"].astype(str) for s in x.split(";") if s})
        out.append(
            table_block(
                _lever_display(rec, ctx),
                _t(lang, "Các giải pháp và nơi nguồn đề xuất", "The levers and where the sources propose them"),
                source_note=_source_note(lever_ids, lang, ctx["sources"]),
                align=["c", "l", "l"],
                font_pt=10,
            )
        )
    return out


def _recommendation_display(rec: pd.DataFrame, ctx: dict) -> pd.DataFrame:
    """One row per unit and barrier: the barrier with its citation, and the levers that address
    it (* = proposed by the unit's own source)."""
    lang = ctx["lang"]
    rows = []
    for (unit, code), g in rec.groupby(["unit", "barrier"], sort=False):
        first = g.iloc[0]
        levers = [
            f"{r.lever} {r.lever_name}" + (" *" if bool(r.lever_same_source) else "")
            for r in g.itertuples() if str(r.lever)
        ]
        rows.append(
            {
                _t(lang, "Đơn vị", "Unit"): unit,
                _t(lang, "Rào cản (nguồn, đoạn)", "Barrier (source, paragraph)"):
                    f"{code} {first['barrier_name']} ({first['barrier_cited']})",
                _t(lang, "Giải pháp tương ứng", "Levers that address it"): "; ".join(levers) or "–",
            }
        )
    return pd.DataFrame(rows)


def _lever_display(rec: pd.DataFrame, ctx: dict) -> pd.DataFrame:
    """Each lever named in the recommendations, with where the sources propose it."""
    lang = ctx["lang"]
    g = rec[rec["lever"].astype(str) != ""].drop_duplicates("lever").sort_values("lever")
    return pd.DataFrame(
        {
            _t(lang, "Mã", "Code"): g["lever"],
            _t(lang, "Giải pháp", "Lever"): g["lever_name"],
            _t(lang, "Nguồn đề xuất (nguồn, đoạn)", "Proposed in (source, paragraph)"): g["lever_cited"].replace("", "–"),
        }
    )


def _appendix(ctx: dict, tables: list[dict]) -> list[dict]:
    lang = ctx["lang"]
    inds = ctx["indicators"]
    used = set(ctx["obs"]["indicator"]) | set(ctx["targets"]["indicator"])
    unit_names = {
        "vi": {"percent": "%", "count": "số đếm", "rank": "thứ hạng", "score": "điểm", "money_vnd": "đồng"},
        "en": {"percent": "%", "count": "count", "rank": "rank", "score": "score", "money_vnd": "VND"},
    }[lang]
    sel = inds[inds["id"].isin(used)]
    a = pd.DataFrame(
        {
            _t(lang, "Mã chỉ tiêu", "Id"): sel["id"],
            _t(lang, "Tên", "Name"): sel["name_vi" if lang == "vi" else "name_en"],
            _t(lang, "Đơn vị", "Unit"): sel["unit"].map(unit_names).fillna(sel["unit"]),
            _t(lang, "Tử số", "Numerator"): sel["numerator_def"].fillna(""),
            _t(lang, "Mẫu số", "Denominator"): sel["denominator_def"].fillna(""),
        }
    )
    pm = next(t["df"] for t in tables if t["name"] == "province_map")
    b = pd.DataFrame(
        {
            _t(lang, "Mã cũ", "Old code"): pm["old_code"],
            _t(lang, "Tỉnh trước 1/7/2025", "Province before 1 Jul 2025"): pm["old_name"],
            _t(lang, "Mã mới", "New code"): pm["new_code"],
            _t(lang, "Tỉnh từ 1/7/2025", "Province from 1 Jul 2025"): pm["new_name"],
        }
    )
    return [
        heading(_t(lang, "Phụ lục A. Định nghĩa chỉ tiêu", "Appendix A. Indicator definitions"), 2, numbered=False),
        paragraph(
            _t(
                lang,
                "Các chỉ tiêu xuất hiện trong số liệu hoặc mục tiêu của báo cáo; định nghĩa tử số và "
                "mẫu số (tiếng Anh, như trong data/indicators.csv).",
                "The indicators that occur in the report's figures or targets, with the numerator "
                "and denominator definitions of data/indicators.csv.",
            )
        ),
        table_block(a, _t(lang, "Định nghĩa các chỉ tiêu", "Indicator definitions"), font_pt=8.5,
                    widths=[4.4, 3.7, 1.5, 3.4, 3.0]),
        heading(_t(lang, "Phụ lục B. Đối chiếu 63 tỉnh cũ với 34 tỉnh mới", "Appendix B. The 63 former provinces and the 34 new ones"), 2, numbered=False),
        paragraph(
            _t(
                lang,
                "Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh (Nghị quyết 202/2025/QH15). Mã "
                "mới là mã cũ của tỉnh đặt trụ sở, nên một số mã chỉ tỉnh khác trước và sau sáp nhập.",
                "Since 1 July 2025 Vietnam has 34 provincial units (Resolution 202/2025/QH15). A new "
                "code is the old code of the unit hosting the seat, so some codes name a different "
                "province before and after the merger.",
            )
        ),
        table_block(b, _t(lang, "Mã và tên tỉnh trước và sau 1/7/2025", "Province codes and names before and after 1 July 2025"),
                    align=["c", "l", "c", "l"], font_pt=9.5),
    ]


def document(ctx: dict, figs: list[dict], tables: list[dict], meta: dict) -> list[dict]:
    """Assemble the report's blocks (not yet numbered)."""
    lang = ctx["lang"]
    title = {
        "kind": "title",
        "text": _t(lang, "Dịch vụ công trực tuyến: cung cấp, sử dụng và rào cản", "Online public services: provision, use and barriers"),
        "lines": [
            _t(lang, "Báo cáo phân tích từ số liệu có trích dẫn", "An analysis of cited figures"),
            f"dvc-analysis {meta['version']}",
        ],
    }
    h = {k: (vi if lang == "vi" else en) for k, vi, en in SECTIONS}
    blocks: list[dict] = [title]
    blocks += [heading(h["summary"], key="summary"), *_summary(ctx)]
    blocks += [heading(h["data"], key="data"), *_data_method(ctx)]
    blocks += [heading(h["supply"], key="supply")]
    blocks += _indicator_section(
        ctx, figs, "supply",
        _t(lang,
           "Phần này đặt cạnh nhau khả năng cung cấp (bao nhiêu thủ tục được đưa lên trực tuyến) và "
           "mức sử dụng thực tế (bao nhiêu dịch vụ có hồ sơ, bao nhiêu hồ sơ được nộp trực tuyến). "
           "Khoảng cách giữa hai vế là điểm chính cho chính sách.",
           "This section sets provision (how many procedures are offered online) beside actual "
           "use (how many services receive dossiers, how many dossiers are filed online). The "
           "gap between the two is the main policy point."),
    )
    pipes = _pipeline_text(ctx, "service")
    if pipes:
        blocks.append(bullets(pipes))
    blocks += [heading(h["payment"], key="payment")]
    blocks += _indicator_section(
        ctx, figs, "payment",
        _t(lang,
           "Thanh toán trực tuyến được theo dõi qua nhiều bước: thủ tục có phí được cấu hình, dịch "
           "vụ có phí phát sinh hồ sơ, dịch vụ có giao dịch trực tuyến, và hồ sơ được thanh toán "
           "trực tuyến. Mỗi bước có mẫu số riêng.",
           "Online payment is followed through several stages: fee-bearing procedures configured, "
           "fee-bearing services with dossiers, services with online transactions, and dossiers "
           "paid online. Each stage has its own denominator."),
    )
    pay = _pipeline_text(ctx, "payment")
    if pay:
        blocks.append(bullets(pay))
    blocks += _gap_section(ctx, ["payment"])
    blocks += [heading(h["digitisation"], key="digitisation")]
    blocks += _indicator_section(
        ctx, figs, "digitisation",
        _t(lang,
           "Số hóa hồ sơ đầu vào, kết quả đầu ra và tái sử dụng dữ liệu đã số hóa là điều kiện để "
           "người dân không phải nộp lại giấy tờ. Các mục tiêu được so với số liệu gần nhất.",
           "Digitising incoming dossiers and issued results, and reusing digitised data, is what "
           "spares citizens from resubmitting documents. Targets are set against the latest figures."),
    )
    blocks += _gap_section(ctx, ["digitisation", "supply"])
    blocks += [heading(h["timeliness"], key="timeliness")]
    blocks += _indicator_section(
        ctx, figs, "timeliness",
        _t(lang,
           "Tỷ lệ giải quyết đúng và trước hạn thường rất cao trong các nguồn; mẫu số (hồ sơ đã "
           "giải quyết hay hồ sơ đến hạn) khác nhau giữa các nguồn.",
           "On-time rates are usually very high in the sources; the denominator (dossiers resolved "
           "or dossiers due) differs between sources."),
    )
    blocks += [heading(h["barriers"], key="barriers"), *_barrier_section(ctx, figs)]
    blocks += [heading(h["recommendations"], key="recommendations"), *_recommendations_section(ctx, figs)]
    blocks += [heading(h["appendix"], key="appendix"), *_appendix(ctx, tables)]
    blocks = [b for b in blocks if b is not None]
    cite_figure_sources(blocks, lang)
    return blocks


def cite_figure_sources(blocks: list[dict], lang: str) -> list[dict]:
    """Under each figure, a short citation instead of the long note drawn in the image:
    "Nguồn: [000], [003] — xem Bảng 1." (the number of the table of sources, counted as
    `number_blocks` counts tables). Figures without source ids keep their note. In place."""
    n_tab, sources_no = 0, None
    for block in blocks:
        if block["kind"] == "table":
            n_tab += 1
            if block.get("key") == "sources":
                sources_no = n_tab
                break
    for block in blocks:
        ids = block.get("source_ids") if block["kind"] == "figure" else None
        if not ids:
            continue
        label = _t(lang, "Nguồn", "Source" if len(ids) == 1 else "Sources")
        text = f"{label}: " + ", ".join(f"[{i}]" for i in ids)
        if sources_no is not None:
            text += _t(lang, f" — xem Bảng {sources_no}.", f" — see Table {sources_no}.")
        else:
            text += "."
        block["source_note"] = text
    return blocks


# ---------------------------------------------------------------------------------------------
# entry point


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _readme(out_dir: Path, ctx: dict, meta: dict, outputs: list[Path], data_files: Sequence[str | Path]) -> str:
    lang = ctx["lang"]
    lines = [
        f"dvc-analysis {meta['version']} – {_t(lang, 'báo cáo', 'report')}",
        "",
        _t(lang, "Dựng từ:", "Built from:"),
    ]
    lines += [f"  - {x}" for x in ctx["inputs"]]
    for path in data_files:
        p = Path(path)
        if p.is_file():
            lines.append(f"    sha256 {p.name}: {_sha256(p)}")
    lines += [
        "",
        _t(lang, "Số liệu dùng: ", "Figures used: ") + str(len(ctx["obs"]))
        + _t(lang, f" (từ {ctx['obs']['source_id'].nunique()} nguồn)", f" (from {ctx['obs']['source_id'].nunique()} sources)"),
        _t(lang, "Ngôn ngữ: ", "Language: ") + lang,
        "",
        _t(lang, "Tệp đã ghi:", "Files written:"),
    ]
    lines += [f"  - {p.relative_to(out_dir).as_posix()}" for p in outputs]
    lines += [
        "",
        _t(
            lang,
            "report.docx: báo cáo Word (A4, Times New Roman 13). report.html: cùng nội dung, một tệp, "
            "mở được khi không có mạng. tables/dvc_tables.xlsx: các bảng (mỗi bảng một trang tính) và "
            "bản CSV trong tables/. figures/: hình PNG (300 dpi), SVG, PDF.",
            "report.docx: Word report (A4, Times New Roman 13). report.html: the same content in one "
            "file that opens offline. tables/dvc_tables.xlsx: the tables (one sheet each) with CSV "
            "copies in tables/. figures/: PNG (300 dpi), SVG and PDF figures.",
        ),
    ]
    return "\n".join(lines) + "\n"


def build_report(
    out_dir: str | Path = "reports",
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
    progress: Callable[[str], Any] | None = None,
) -> dict:
    """Build the whole report into `out_dir`; returns a summary dict.

    Writes figures/ (standard set: PNG, SVG, PDF), tables/dvc_tables.xlsx plus one CSV per
    table, report.html (self-contained), report.docx and README.txt. `data_files` are read with
    `importer.read_user_file` and merged with the bundled observations (`only=True`: just the
    user's); `provinces` keeps only those province codes (or names). `progress(message)` is called
    once per file written. Summary keys: out_dir, outputs (paths), figures, tables, observations,
    sources, seconds, timings (seconds per stage).
    """
    from . import __version__
    from .figures import build_standard
    from .report_docx import write_docx
    from .report_html import write_html
    from .report_xlsx import write_tables

    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def emit(path: str | Path) -> None:
        path = Path(path)
        written.append(path)
        if progress is not None:
            progress(_t(lang, f"đã ghi {path}", f"wrote {path}"))

    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 2)
        return now

    ctx = prepare(data_files=data_files, only=only, lang=lang, provinces=provinces)
    t = lap("prepare", t0)
    meta = {
        "version": __version__,
        "title": _t(lang, "Dịch vụ công trực tuyến: cung cấp, sử dụng và rào cản", "Online public services: provision, use and barriers"),
        "subject": "DVCTT",
    }

    figs = build_standard(out / "figures", obs=ctx["obs"], lang=lang)
    for fig in figs:
        paths = fig.get("paths") or {}
        for p in paths.values() if isinstance(paths, dict) else paths:
            emit(p)
    t = lap("figures", t)

    tables = report_tables(ctx)
    for p in write_tables(tables, out / "tables" / "dvc_tables.xlsx", out / "tables", lang=lang):
        emit(p)
    t = lap("tables", t)

    blocks = number_blocks(document(ctx, figs, tables, meta))
    t = lap("document", t)
    emit(write_html(blocks, out / "report.html", lang=lang, meta=meta))
    t = lap("html", t)
    emit(write_docx(blocks, out / "report.docx", lang=lang, meta=meta))
    t = lap("docx", t)
    readme = out / "README.txt"
    readme.write_text(_readme(out, ctx, meta, written + [readme], data_files), encoding="utf-8")
    emit(readme)
    return {
        "out_dir": str(out),
        "outputs": [str(p) for p in written],
        "figures": len(figs),
        "tables": len(tables),
        "observations": len(ctx["obs"]),
        "sources": int(ctx["obs"]["source_id"].nunique()),
        "seconds": round(time.perf_counter() - t0, 2),
        "timings": timings,
    }
