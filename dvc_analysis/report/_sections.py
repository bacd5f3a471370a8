"""The bilingual prose sections of the report and the document they make."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..analysis import recommend_text as rt
from ..evidence.sources import Source
from ..text import fmt
from ..text.words import tr
from . import _parts as parts
from . import findings as fnd
from . import own
from ._blocks import (
    bullets,
    cite_figure_sources,
    figure_block,
    heading,
    note,
    paragraph,
    table_block,
)
from ._parts import definitions_table, sources_table
from ._survey import survey_blocks
from ._tables import (
    _audit_display,
    _caution_table,
    _value_rows,
)
from .settings import ReportSettings

# section keys in report order; the figure and table placement refers to these keys
SECTIONS = [
    ("key_messages", "Những điểm chính", "Key messages"),
    ("summary", "Tóm tắt các phát hiện", "Summary of findings"),
    ("data", "Dữ liệu và phương pháp", "Data and method"),
    ("supply", "Cung cấp và sử dụng DVCTT", "Provision and use of online public services"),
    ("payment", "Thanh toán trực tuyến", "Online payment"),
    ("digitisation", "Số hóa và tái sử dụng dữ liệu", "Digitisation and data reuse"),
    ("timeliness", "Tiến độ giải quyết", "Timeliness of handling"),
    ("barriers", "Rào cản", "Barriers"),
    ("recommendations", "Khuyến nghị", "Recommendations"),
    ("appendix", "Phụ lục", "Appendix"),
    ("citation", "Cách trích dẫn", "How to cite"),
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


def _source_note(source_ids: Iterable[str], lang: str, sources: pd.DataFrame) -> str:
    from ..figures.theme import source_note

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
    for key, section in FIGURE_SECTION:
        if key in stem:
            return section
    return "supply"


# ---------------------------------------------------------------------------------------------
# sections


def _summary(ctx: dict, figs: list[dict] | None = None) -> list[dict]:
    lang = ctx["lang"]
    # side-by-side values that may not be ranked stay in their sections, not in the findings
    # ... and what the key messages already say is not said twice
    heads = {k[:40] for k in parts.key_messages(ctx, lang)}
    items = [i for i in fnd.key_findings(ctx, lang=lang)
             if "không xếp hạng" not in i and "not ranked" not in i and i[:40] not in heads]
    intro = tr(
        lang,
        "Các phát hiện dưới đây được sinh tự động từ số liệu; mỗi câu nêu đơn vị, kỳ báo cáo và "
        "nguồn (mã nguồn trong ngoặc vuông, xem Bảng 1). Chỉ so sánh hai giá trị khi chúng cùng "
        "một chỉ tiêu và cùng cấp hành chính.",
        "The findings below are generated from the figures; each sentence names the unit, the "
        "period and the source (source id in square brackets, see Table 1). Two values are only "
        "compared when they measure the same indicator at the same administrative level.",
    )
    head = own.focus_blocks(ctx, figs or [])  # the user's units first, when there are any
    if not items:
        out = head or [paragraph(intro), bullets(items)]
    else:
        # after the user's units, the bundled findings come under the context label focus_blocks ends with
        out = head + ([] if own.ends_with_context(head) else [paragraph(intro)]) + [bullets(items)]
    key = rt.key_recommendations(ctx["recommendations"], n=5, lang=lang)
    if key:
        out += [heading(tr(lang, "Những kiến nghị chính", "Main recommendations"), 2),
                paragraph(tr(lang, "Các kiến nghị đứng đầu danh sách của từng đơn vị (Mục Khuyến nghị nêu "
                                   "cách xếp hạng và danh sách đầy đủ).",
                             "The recommendations at the top of each unit's list (the Recommendations "
                             "section explains the ranking and gives the full list).")),
                bullets(key)]
    return out


def _data_method(ctx: dict) -> list[dict]:
    lang = ctx["lang"]
    obs = ctx["obs"]
    out: list[dict] = []
    n_obs, n_src = len(obs), obs["source_id"].nunique()
    n_ind = obs["indicator"].nunique()
    out.append(heading(tr(lang, "Nguồn số liệu", "Sources"), 2))
    out.append(
        paragraph(
            tr(
                lang,
                f"Báo cáo dùng {fmt.fmt_number(n_obs)} số liệu thuộc {n_ind} chỉ tiêu, lấy từ "
                f"{n_src} nguồn (Bảng 1). Mỗi số liệu được ghi cùng kỳ báo cáo, đơn vị báo cáo, tử "
                "số và mẫu số khi nguồn nêu, và con số đúng như nguồn viết. "
                + own.provenance_sentence(obs, lang),
                f"The report uses {fmt.fmt_number(n_obs, lang='en')} figures on {n_ind} indicators "
                f"from {n_src} sources (Table 1). Each figure is recorded with its period, the "
                "reporting unit, numerator and denominator where the source gives them, and the "
                "number as written. " + own.provenance_sentence(obs, lang),
            )
        )
    )
    out += own.user_files_blocks(ctx)
    out.append(
        table_block(
            sources_table(ctx, lang),
            tr(lang, "Các nguồn và số số liệu lấy từ mỗi nguồn", "Sources and the number of figures taken from each"),
            align=["c", "l", "l", "l", "l", "l", "r"],
            widths=[1.1, 6.4, 2.2, 2.0, 1.6, 1.8, 1.0],
            font_pt=9,
            key="sources",
        )
    )

    out.append(heading(tr(lang, "Chỉ tiêu và định nghĩa", "Indicators and definitions"), 2))
    out.append(
        paragraph(
            tr(
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

    out.append(heading(tr(lang, "Khả năng so sánh", "Comparability"), 2))
    cautions = [
        tr(
            lang,
            "Chỉ so sánh hai giá trị khi cùng chỉ tiêu và cùng cấp hành chính; mỗi so sánh nêu kỳ "
            "của cả hai giá trị.",
            "Two values are compared only for the same indicator and administrative level; each "
            "comparison names both periods.",
        ),
        tr(
            lang,
            "Mức độ 1–4 (Nghị định 43/2011) và toàn trình/một phần (Nghị định 42/2022) là hai hệ "
            "phân loại khác nhau; việc quy mức độ 4 thành toàn trình chỉ là quy ước dữ liệu, không "
            "tương đương về pháp lý.",
            "Levels 1–4 (Decree 43/2011) and toàn trình/một phần (Decree 42/2022) are different "
            "systems; mapping level 4 to toàn trình is a data convention, not a legal equivalence.",
        ),
        tr(
            lang,
            "Tỷ lệ hồ sơ trực tuyến của Bộ chỉ số 766 trên Cổng DVC quốc gia được tính khác với tỷ "
            "lệ do tỉnh tự báo cáo; hai loại không đặt cạnh nhau.",
            "The national portal's Bộ chỉ số 766 online-filing rate is computed differently from "
            "the rates provinces report; the two are not put side by side.",
        ),
        tr(
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
                tr(
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
                tr(lang, "Lưu ý khả năng so sánh theo chỉ tiêu", "Comparability notes by indicator"),
                align=["l", "r", "l"],
                font_pt=10,
            )
        )

    out.append(heading(tr(lang, "Kiểm tra nhất quán", "Consistency audit"), 2))
    aud = ctx["audit"]
    out.append(paragraph(fnd.audit_sentence(aud, lang) or ""))
    if not aud.empty:
        out.append(
            table_block(
                _audit_display(aud, lang),
                tr(lang, "Các điểm không khớp trong nguồn", "Inconsistencies found in the sources"),
                source_note=_source_note(aud.get("source_id", pd.Series(dtype=str)).dropna().unique(), lang, ctx["sources"]),
                font_pt=9.5,
            )
        )
    return out


def _source_title(s: Any, lang: str) -> str:
    """Title, outlet and publication date of one source row (date marked when estimated)."""
    return Source.from_row(s).title_line(lang)


def _figures_for(figs: list[dict], section: str, lang: str = "vi") -> list[dict]:
    """The section's figures; a map that colours no province is one sentence instead (its
    files are still written)."""
    mine = [f for f in figs if figure_section(f) == section and _png(f)]
    out = [figure_block(f) for f in mine if f.get("coloured") != 0]
    empty = [f for f in mine if f.get("coloured") == 0]
    if empty:
        out.append(parts.empty_map_sentence(empty, lang))
    return out


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
    out.extend(_figures_for(figs, section, lang))
    table, srcs, truncated = _value_rows(ctx, ids, lang)
    if not table.empty:
        title = {
            "supply": tr(lang, "Số liệu cung cấp và sử dụng DVCTT theo đơn vị và kỳ", "Provision and use figures by unit and period"),
            "payment": tr(lang, "Số liệu thanh toán trực tuyến theo đơn vị và kỳ", "Online payment figures by unit and period"),
            "digitisation": tr(lang, "Số liệu số hóa và tái sử dụng dữ liệu theo đơn vị và kỳ", "Digitisation and data reuse figures by unit and period"),
            "timeliness": tr(lang, "Số liệu tiến độ giải quyết hồ sơ theo đơn vị và kỳ", "Timeliness figures by unit and period"),
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
                    tr(
                        lang,
                        "Bảng chỉ nêu giá trị mới nhất của mỗi đơn vị (tối đa 40 dòng); đầy đủ ở sổ bảng tính kèm báo cáo (thư mục tables), trang “So sánh”.",
                        "The table shows each unit's latest value (at most 40 rows); all rows are in the workbook that comes with the report (tables folder), sheet “Comparisons”.",
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
    survey = survey_blocks(ctx, [f for f in figs if _png(f)])
    if mentions is None or mentions.empty:
        return [paragraph(own.empty_section_text("barriers", lang))] + survey
    out = [
        paragraph(
            tr(
                lang,
                "Rào cản được mã hóa theo mười một nhóm (B01–B11) từ các đoạn văn của nguồn; một đoạn "
                "có thể nêu nhiều rào cản. Số lần nêu phản ánh điều các bài viết chọn kể, không phải "
                "mức độ nghiêm trọng đo được.",
                "Barriers are coded into eleven groups (B01–B11) from the sources' paragraphs; one "
                "paragraph can name several. Mention counts reflect what the articles chose to "
                "report, not a measured severity.",
            )
        )
    ]
    s = fnd.barrier_sentence(mentions, barriers, lang)
    if s:
        out.append(paragraph(s))
    out.extend(f for f in _figures_for(figs, "barriers", lang) if f not in survey)
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
                tr(lang, "Mã", "Code"): stats["code"],
                tr(lang, "Rào cản", "Barrier"): stats["code"].map(names).fillna(""),
                tr(lang, "Số nguồn", "Sources"): stats["n_src"].astype(str),
                tr(lang, "Số lần nêu", "Mentions"): stats["n"].astype(str),
                tr(lang, "Nguồn", "Cited in"): stats["where"],
            }
        )
        out.append(
            table_block(
                table,
                tr(lang, "Rào cản được các nguồn nêu", "Barriers named by the sources"),
                source_note=_source_note(_full_ids(b["source_id"], ctx), lang, ctx["sources"]),
                align=["c", "l", "r", "r", "l"],
            )
        )
    return out + survey


def _full_ids(short_ids: Iterable[str], ctx: dict) -> list[str]:
    known = {fnd.short_source(s): s for s in ctx["sources"]["source_id"]}
    return [known.get(fnd.short_source(s), s) for s in dict.fromkeys(short_ids)]


def _recommendations_section(ctx: dict, figs: list[dict]) -> list[dict]:
    lang = ctx["lang"]
    rec = ctx["recommendations"]
    if rec is None or rec.empty:
        return [paragraph(own.empty_section_text("recommendations", lang))]
    out = [paragraph(rt.method_paragraph(lang=lang))]
    out.extend(_figures_for(figs, "recommendations", lang))
    ids = sorted({s for col in ("gap_sources", "barrier_sources", "evidence_sources")
                  for x in rec[col].astype(str) for s in x.split(";") if s})
    out.append(
        table_block(
            rt.ranked_table(rec, lang=lang, compact=True),
            tr(lang, "Kiến nghị xếp hạng theo đơn vị", "Ranked recommendations by unit"),
            source_note=tr(lang, "Điểm = khoảng cách / rào cản / bằng chứng / khả thi, theo trọng số nêu trên; "
                                 "danh sách đầy đủ kèm câu kiến nghị ở trang “Khuyến nghị” của sổ bảng tính. ",
                           "Score = gap / barrier / evidence / feasibility, weighted as above; the full list with "
                           "the sentences is on the “Recommendations” sheet of the workbook. ")
            + _source_note(ids, lang, ctx["sources"]),
            font_pt=8.5,
        )
    )
    stable = rt.stable_sentence(rec, lang=lang)
    if stable:
        out.append(paragraph(stable))
    text = "text_vi" if lang == "vi" else "text_en"
    for unit, g in rec[rec["rank"] <= 3].groupby("unit", sort=False):
        name = str(unit)
        out += [heading(name[:1].upper() + name[1:], 2), bullets(list(g.sort_values("rank")[text]))]
    return out


def _appendix(ctx: dict, tables: list[dict]) -> list[dict]:
    lang = ctx["lang"]
    a = definitions_table(ctx, lang)
    pm = next(t["df"] for t in tables if t["name"] == "province_map")
    b = pd.DataFrame(
        {
            tr(lang, "Mã cũ", "Old code"): pm["old_code"],
            tr(lang, "Tỉnh trước 1/7/2025", "Province before 1 Jul 2025"): pm["old_name"],
            tr(lang, "Mã mới", "New code"): pm["new_code"],
            tr(lang, "Tỉnh từ 1/7/2025", "Province from 1 Jul 2025"): pm["new_name"],
        }
    )
    return [
        heading(tr(lang, "Phụ lục A. Định nghĩa chỉ tiêu", "Appendix A. Indicator definitions"), 2, numbered=False),
        paragraph(
            tr(
                lang,
                "Các chỉ tiêu có số liệu trong báo cáo, với điều tử số và mẫu số đếm. Mã chỉ "
                "tiêu dùng trong phần mềm ở trang “Kỹ thuật” của sổ bảng tính.",
                "The indicators that have figures in the report, with what their numerator and "
                "denominator count. The ids the software uses are on the “Technical” sheet of "
                "the workbook.",
            )
        ),
        table_block(a, tr(lang, "Định nghĩa các chỉ tiêu", "Indicator definitions"), font_pt=9,
                    widths=[4.4, 1.8, 5.4, 4.4]),
        heading(tr(lang, "Phụ lục B. Đối chiếu 63 tỉnh cũ với 34 tỉnh mới", "Appendix B. The 63 former provinces and the 34 new ones"), 2, numbered=False),
        paragraph(
            tr(
                lang,
                "Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh (Nghị quyết 202/2025/QH15). Mã "
                "mới là mã cũ của tỉnh đặt trụ sở, nên một số mã chỉ tỉnh khác trước và sau sáp nhập.",
                "Since 1 July 2025 Vietnam has 34 provincial units (Resolution 202/2025/QH15). A new "
                "code is the old code of the unit hosting the seat, so some codes name a different "
                "province before and after the merger.",
            )
        ),
        table_block(b, tr(lang, "Mã và tên tỉnh trước và sau 1/7/2025", "Province codes and names before and after 1 July 2025"),
                    align=["c", "l", "c", "l"], font_pt=9.5),
    ]


def document(ctx: dict, figs: list[dict], tables: list[dict], meta: dict,
             settings: Any = None) -> list[dict]:
    """Assemble the report's blocks (not yet numbered): title page, abbreviations, key
    messages, the sections (those of `settings.sections`, in that order) and how to cite."""
    settings = settings or ReportSettings()
    lang = ctx["lang"]
    h = {k: (vi if lang == "vi" else en) for k, vi, en in SECTIONS}
    blocks: list[dict] = [parts.title_block(settings, lang)]
    blocks += parts.key_message_blocks(ctx, lang)
    blocks += [heading(h["summary"], key="summary"), *_summary(ctx, figs)]
    blocks += [heading(h["data"], key="data"), *_data_method(ctx), *own.ranking_blocks(ctx)]
    blocks += [heading(h["supply"], key="supply")]
    blocks += _indicator_section(
        ctx, figs, "supply",
        tr(lang,
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
        tr(lang,
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
        tr(lang,
           "Số hóa hồ sơ đầu vào, kết quả đầu ra và tái sử dụng dữ liệu đã số hóa là điều kiện để "
           "người dân không phải nộp lại giấy tờ. Các mục tiêu được so với số liệu gần nhất.",
           "Digitising incoming dossiers and issued results, and reusing digitised data, is what "
           "spares citizens from resubmitting documents. Targets are set against the latest figures."),
    )
    blocks += _gap_section(ctx, ["digitisation", "supply"])
    blocks += [heading(h["timeliness"], key="timeliness")]
    blocks += _indicator_section(
        ctx, figs, "timeliness",
        tr(lang,
           "Tỷ lệ giải quyết đúng và trước hạn thường rất cao trong các nguồn; mẫu số (hồ sơ đã "
           "giải quyết hay hồ sơ đến hạn) khác nhau giữa các nguồn.",
           "On-time rates are usually very high in the sources; the denominator (dossiers resolved "
           "or dossiers due) differs between sources."),
    )
    blocks += [heading(h["barriers"], key="barriers"), *_barrier_section(ctx, figs)]
    blocks += [heading(h["recommendations"], key="recommendations"), *_recommendations_section(ctx, figs)]
    blocks += [heading(h["appendix"], key="appendix"), *_appendix(ctx, tables)]
    blocks += parts.citation_blocks(settings, lang, meta.get("version", ""))
    blocks = parts.arrange([b for b in blocks if b is not None], settings.sections)
    blocks[1:1] = parts.abbreviation_blocks(blocks, lang)
    cite_figure_sources(blocks, lang)
    return blocks
