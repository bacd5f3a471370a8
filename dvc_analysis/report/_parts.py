"""Report parts that frame the findings: title page, abbreviations, key messages, sources, definitions, how to cite."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .._cells import as_text
from ..evidence.sources import Source
from ..text import fmt
from ..text.words import tr, word
from . import findings as fnd
from .key_messages import key_messages
from .settings import ReportSettings, date_line

DEFAULT_TITLE = {
    "vi": "Dịch vụ công trực tuyến: cung cấp, sử dụng và rào cản",
    "en": "Online public services: provision, use and barriers",
}
SUBTITLE = {"vi": "Báo cáo phân tích từ số liệu có trích dẫn", "en": "An analysis of cited figures"}
PACKAGE_TITLE = {
    "vi": "dvc-analysis: so sánh dịch vụ công trực tuyến giữa các tỉnh Việt Nam",
    "en": "dvc-analysis: comparing Vietnamese provinces on online public services",
}

# (abbreviation, Vietnamese, English); listed only when the text uses them
ABBREVIATIONS = [
    ("CSDL", "cơ sở dữ liệu", "database"),
    ("DVC", "dịch vụ công", "public service"),
    ("DVCTT", "dịch vụ công trực tuyến", "online public service"),
    ("đpt", "điểm phần trăm (hiệu của hai tỷ lệ phần trăm)", ""),
    ("pp", "", "percentage points (the difference of two percentages)"),
    ("HCC", "hành chính công", "public administration (service centre)"),
    ("KCN", "khu công nghiệp", "industrial zone"),
    ("KTC", "khoảng tin cậy", ""),
    ("CI", "", "confidence interval"),
    ("TTHC", "thủ tục hành chính", "administrative procedure"),
    ("UBND", "Ủy ban nhân dân", "People's Committee"),
    ("NQ", "nghị quyết", "resolution"),
    ("QĐ", "quyết định", "decision"),
    ("TTg", "Thủ tướng Chính phủ", "Prime Minister"),
    ("CP", "Chính phủ", "Government"),
    ("QH", "Quốc hội", "National Assembly"),
]


def _get(results: Any, key: str, default: Any = None) -> Any:
    if isinstance(results, dict):
        return results.get(key, default)
    return getattr(results, key, default)


def report_title(settings: ReportSettings, lang: str) -> str:
    """The title the settings give, else the default title in the report's language."""
    return settings.title or DEFAULT_TITLE[lang]


def title_block(settings: ReportSettings, lang: str) -> dict:
    """The title-page block: organisation, title, subtitle, place-and-date line, author."""
    return {
        "kind": "title",
        "text": report_title(settings, lang),
        "organisation": settings.organisation,
        "lines": [SUBTITLE[lang]],
        "date_line": date_line(settings, lang),
        "author_line": (tr(lang, "Người soạn: ", "Prepared by: ") + settings.author)
        if settings.author else "",
    }


def _words(blocks: list[dict]) -> str:
    out = []
    for b in blocks:
        out += [str(b.get(k, "")) for k in ("text", "title", "source_note", "caption")]
        out += [str(i) for i in b.get("items", [])]
        out += [str(c) for c in b.get("columns", [])]
        out += [str(v) for row in b.get("rows", []) for v in row]
    return "\n".join(out)


def abbreviations_table(blocks: list[dict], lang: str) -> pd.DataFrame:
    """The abbreviations that occur in `blocks`, spelled out (a two-column table)."""
    text = _words(blocks)
    rows = []
    for abbr, vi, en in ABBREVIATIONS:
        meaning = vi if lang == "vi" else en
        if meaning and re.search(rf"(?<![\w]){re.escape(abbr)}(?![\w])", text):
            rows.append({tr(lang, "Chữ viết tắt", "Abbreviation"): abbr,
                         tr(lang, "Nghĩa", "Meaning"): meaning})
    return pd.DataFrame(rows)


def key_message_blocks(results: Any, lang: str) -> list[dict]:
    """"Những điểm chính": a lead sentence and three to five key messages as bullets."""
    from ._blocks import bullets, heading, paragraph

    items = key_messages(results, lang)
    if not items:
        return []
    lead = tr(
        lang,
        "Các điểm dưới đây rút từ số liệu của báo cáo; mỗi điểm nêu kỳ số liệu và nguồn, và chỉ "
        "so sánh những giá trị so sánh được (cùng chỉ tiêu, cùng cấp hành chính, cùng loại kỳ).",
        "The points below come from the report's figures; each names the period and the source, "
        "and only values that can be compared (same indicator, level and kind of period) are "
        "compared.",
    )
    return [heading(tr(lang, "Những điểm chính", "Key messages"), key="key_messages"),
            paragraph(lead), bullets(items)]


def sources_table(results: Any, lang: str) -> pd.DataFrame:
    """Table 1: per source used, its id, our title with the original headline, publisher,
    date, link ("không rõ" when unknown), period of the figures and how many were taken."""
    obs, sources = _get(results, "obs"), _get(results, "sources")
    counts = obs.groupby("source_id").size()
    unknown = tr(lang, "không rõ", "unknown")
    rows = []
    for sid, n in counts.items():
        src = sources[sources["source_id"] == sid]
        s = src.iloc[0] if len(src) else pd.Series(dtype=object)
        record = Source.from_row(s) if len(src) else Source(source_id=str(sid))
        title = record.title_in(lang) or str(sid)
        headline = as_text(s.get("headline"))
        if headline:
            title += tr(lang, f". Tiêu đề gốc: “{headline}”", f". Original headline: “{headline}”")
        period = fmt.period_label(s.get("period_start"), s.get("period_end"), kind="range",
                                  lang=lang) if len(src) else ""
        rows.append({
            tr(lang, "Mã", "Id"): f"[{fnd.short_source(sid)}]",
            tr(lang, "Nguồn", "Source"): title,
            tr(lang, "Cơ quan đăng", "Publisher"): as_text(s.get("outlet")) or unknown,
            tr(lang, "Ngày đăng", "Published"): record.date_text(lang) or unknown,
            tr(lang, "Đường dẫn", "Link"): as_text(s.get("url")) or unknown,
            tr(lang, "Kỳ số liệu", "Data period"): period,
            tr(lang, "Số liệu", "Figures"): fmt.fmt_number(n, lang=lang),
        })
    return pd.DataFrame(rows)


def definitions_table(results: Any, lang: str) -> pd.DataFrame:
    """Appendix A: name, unit, numerator and denominator of each indicator in use, in the
    report's language (Vietnamese definitions from data/indicators_vi.csv); no ids."""
    inds = _get(results, "indicators")
    used = set(_get(results, "obs")["indicator"])  # only what the report has figures for
    sel = inds[inds["id"].isin(used)].copy()
    units = {u: word(f"unit_{u}", lang) for u in ("percent", "count", "rank", "score", "money_vnd")}
    if lang == "vi":
        vi = vietnamese_definitions()
        sel = sel.merge(vi, on="id", how="left")
        num, den = sel["numerator_vi"], sel["denominator_vi"]
    else:
        num, den = sel["numerator_def"], sel["denominator_def"]
    return pd.DataFrame({
        tr(lang, "Chỉ tiêu", "Indicator"): sel["name_vi" if lang == "vi" else "name_en"].fillna(""),
        tr(lang, "Đơn vị", "Unit"): sel["unit"].map(units).fillna(sel["unit"]),
        tr(lang, "Tử số", "Numerator"): num.fillna("").astype(str),
        tr(lang, "Mẫu số", "Denominator"): den.fillna("").astype(str).replace("", "–"),
    })


def vietnamese_definitions() -> pd.DataFrame:
    """data/indicators_vi.csv: id, numerator_vi, denominator_vi."""
    from .._resources import data_path

    with data_path("indicators_vi.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def citation_blocks(settings: ReportSettings, lang: str, version: str) -> list[dict]:
    """"Cách trích dẫn": how to cite this report, the package, and one figure."""
    from ._blocks import heading, paragraph

    year = settings.report_date().year
    who = settings.organisation or settings.author
    where = f"{settings.place}, " if settings.place else ""
    when = date_line(settings, lang).split(", ", 1)[-1]
    when = when[:1].lower() + when[1:] if where else when
    # author-date form; without an author the title leads
    report = (f"{who} ({year}). {report_title(settings, lang)}. " if who
              else f"{report_title(settings, lang)} ({year}). ") + f"{where}{when}. "
    report += tr(lang, f"Dựng bằng dvc-analysis {version}.", f"Built with dvc-analysis {version}.")
    package = (f"dvc-analysis contributors ({year}). {PACKAGE_TITLE[lang]} "
               + tr(lang, f"(phiên bản {version}) [phần mềm]. Giấy phép MIT.",
                    f"(version {version}) [software]. MIT licence."))
    return [
        heading(tr(lang, "Cách trích dẫn", "How to cite"), key="citation"),
        paragraph(tr(lang, "Trích dẫn báo cáo này: ", "To cite this report: ") + report),
        paragraph(tr(lang, "Trích dẫn gói phần mềm: ", "To cite the package: ") + package
                  + tr(lang, " Thông tin trích dẫn đầy đủ ở tệp CITATION.cff của gói.",
                       " Full citation metadata is in the package's CITATION.cff file.")),
        paragraph(tr(
            lang,
            "Trích dẫn một số liệu: ghi mã nguồn và đoạn như trong báo cáo, ví dụ “nguồn [003], "
            "đoạn 14”. Bảng 1 cho tên, cơ quan đăng, ngày đăng và đường dẫn (khi biết) của từng "
            "nguồn; đoạn thứ N là dòng không trống thứ N của văn bản nguồn.",
            "To cite one figure: give the source id and paragraph as the report does, e.g. "
            "“source [003], para. 14”. Table 1 gives each source's title, publisher, date and "
            "link (when known); paragraph N is the N-th non-empty line of the source text.",
        )),
    ]


def arrange(blocks: list[dict], order: tuple[str, ...] | list[str]) -> list[dict]:
    """Keep and order the top-level sections named in `order` (all, as built, when empty).

    A section is a level-1 heading with a `key` and every block up to the next one; blocks
    before the first such heading (the title page) stay first.
    """
    if not order:
        return blocks
    head: list[dict] = []
    sections: dict[str, list[dict]] = {}
    current: list[dict] | None = None
    for block in blocks:
        if block["kind"] == "heading" and int(block.get("level", 1)) == 1 and block.get("key"):
            current = sections.setdefault(str(block["key"]), [])
        (head if current is None else current).append(block)
    out = list(head)
    for key in order:
        out += sections.get(key, [])
    return out


def abbreviation_blocks(blocks: list[dict], lang: str) -> list[dict]:
    """An unnumbered "Chữ viết tắt" section listing the abbreviations the report uses."""
    from ._blocks import heading, table_block

    table = abbreviations_table(blocks, lang)
    if table.empty:
        return []
    return [heading(tr(lang, "Chữ viết tắt", "Abbreviations"), numbered=False),
            {**table_block(table, "", align=["l", "l"], widths=[3, 13]), "numbered": False}]


def _plain_stem(stem: str) -> str:
    """"02_ty_le_ho_so_truc_tuyen" -> "ty_le_ho_so_truc_tuyen"; "00_1_xu_huong_x" ->
    "xu_huong_x" (every leading number goes)."""
    return re.sub(r"^(\d+_)+", "", stem)


def number_figure_files(blocks: list[dict], figs: list[dict]) -> list[dict]:
    """Rename the figure files so that their names carry the report's numbers.

    A figure placed in the report as Hình N is written as ``hinh_NN_<name>.png|svg|pdf``; a
    figure the report does not show keeps ``<name>`` without a number. The blocks' and the
    figure entries' paths are updated (in place); returns `figs`.
    """
    from pathlib import Path

    numbers = {b["stem"]: int(b["number"]) for b in blocks
               if b["kind"] == "figure" and b.get("number") and b.get("stem")}
    for fig in figs:
        stem = str(fig.get("stem", ""))
        name = _plain_stem(stem)
        new_stem = f"hinh_{numbers[stem]:02d}_{name}" if stem in numbers else name
        paths = fig.get("paths") or {}
        renamed = {}
        for ext, path in (paths.items() if isinstance(paths, dict) else []):
            path = Path(path)
            target = path.with_name(new_stem + path.suffix)
            if path.exists() and path != target:
                path.replace(target)
            renamed[ext] = target
        fig["paths"] = renamed
        fig["file_stem"] = new_stem
    by_stem = {f.get("stem"): f for f in figs}
    for block in blocks:
        if block["kind"] == "figure" and block.get("stem") in by_stem:
            png = by_stem[block["stem"]]["paths"].get("png")
            if png is not None:
                block["png"] = str(png)
    return figs


def select_figures(stems: list[str], wanted: tuple[str, ...]) -> list[str]:
    """The standard stems the settings ask for (matched with or without their number)."""
    if not wanted:
        return list(stems)
    plain = {_plain_stem(s) for s in stems}
    unknown = [w for w in wanted if w not in stems and _plain_stem(w) not in plain]
    if unknown:
        from ..errors import UsageError

        names = ", ".join(sorted(plain))
        raise UsageError(f"Không có hình {', '.join(unknown)}; các hình: {names}.",
                         f"No figure {', '.join(unknown)}; the figures are: {names}.")
    want = {_plain_stem(w.strip()) for w in wanted}
    return [s for s in stems if _plain_stem(s) in want]


def toc_page_numbers(docx_path: Any, blocks: list[dict]) -> dict[str, int]:
    """Heading text -> page, read from a LibreOffice conversion of the report (empty when
    LibreOffice is absent or fails: the contents then wait for Word to number them)."""
    import tempfile

    from ..errors import DvcError
    from . import office
    from ._docx import toc_entries

    if office.soffice() is None:
        return {}
    entries = [text for _, text in toc_entries(blocks)]
    with tempfile.TemporaryDirectory(prefix="dvc-toc-") as tmp:
        try:
            pdf = office.to_pdf(docx_path, tmp)
        except (DvcError, OSError, TimeoutError):
            return {}
        # the contents themselves list every heading: search after them
        texts = office.page_texts(pdf)
        start = next((i + 1 for i, t in enumerate(texts) if entries and entries[-1] in t), 1)
        return office.heading_pages(pdf, entries, first_page=start + 1)


def empty_map_sentence(figs: list[dict], lang: str = "vi") -> dict:
    """One paragraph standing for the maps that colour no province (their files are still
    written with the report)."""
    from ._blocks import paragraph

    names = ", ".join(f"“{f.get('title', '')}”" for f in figs)
    many = len(figs) > 1
    return paragraph(tr(
        lang,
        f"{'Các bản đồ' if many else 'Bản đồ'} {names} không tô màu được tỉnh nào vì chưa tỉnh "
        "nào có số liệu của cả tỉnh quy đổi được sang bản đồ 34 tỉnh, nên không đưa vào báo cáo; "
        f"{'các tệp hình' if many else 'tệp hình'} vẫn được ghi trong thư mục figures.",
        f"The {'maps' if many else 'map'} {names} colour no province, since no province yet has "
        "a whole-province figure that carries over to the 34-province map, so "
        f"{'they are' if many else 'it is'} left out of the report; the figure "
        f"{'files are' if many else 'file is'} still written in the figures folder.",
    ))
