"""Words and tables about the user's own data: rejected rows, provenance, and the ranking of the user's units."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..evidence.sources import is_user_row
from ..text import fmt
from ..text.words import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..intake.own_files import UserFile


# --------------------------------------------------------------------------------------- words


def value_text(r: Any, lang: str) -> str:
    """One ranked value as shown: "61,3% (60,4–62,2%)" with its Wilson interval when it has one.

    Parameters
    ----------
    r : row of :func:`dvc_analysis.analysis.focus.rank_units`
    lang : {"vi", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> value_text({"value": 61.296, "measure": "percent", "ci_low": 60.37, "ci_high": 62.21}, "vi")
    '61,3% (60,4–62,2%)'
    """
    v = r["value"]
    if r["measure"] == "percent":
        text = fmt.fmt_percent(v, 1, lang=lang)
        if r.get("ci_low") == r.get("ci_low") and r.get("ci_low") is not None:
            text += " (" + fmt.fmt_number(r["ci_low"], 1, lang=lang) + "–" + fmt.fmt_percent(r["ci_high"], 1, lang=lang) + ")"
        return text
    return fmt.fmt_number(v, None, lang=lang)


def change_text(r: Any, lang: str) -> str:
    """The change since the previous period: "+3,2 đpt" for percentages, the signed number otherwise.

    Parameters
    ----------
    r : row of :func:`dvc_analysis.analysis.focus.rank_units`
    lang : {"vi", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> change_text({"change": 3.23, "measure": "percent"}, "vi")
    '+3,2 đpt'
    """
    if r["measure"] == "percent":
        return fmt.fmt_pp(r["change"], 1, lang=lang, short=True)
    c = r["change"]
    return ("+" if c > 0 else "") + fmt.fmt_number(c, None, lang=lang)


def ranking_sentences(
    ranking: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    lang: str = "vi",
    *,
    cite: Any = None,
    listed: int = 8,
) -> list[str]:
    """Sentences on a :func:`rank_units` result, one group per indicator.

    Each indicator gets: the ranking in its common period (all units up to `listed`, else the
    three highest and the three lowest), the gap between the first and the last unit of that
    same period, the change since the previous period, and the units without a value in it.

    Parameters
    ----------
    ranking : DataFrame
        Output of :func:`rank_units`.
    indicators : DataFrame, optional
        Vocabulary for the indicators' names.
    lang : {"vi", "en"}
    cite : callable, optional
        ``cite(source_id) -> str`` appended in brackets to the ranking sentence.
    listed : int
        Largest number of units named one by one.

    Returns
    -------
    list of str

    Examples
    --------
    >>> ranking_sentences(rank_units(obs), indicators)[0]  # doctest: +SKIP
    'Tỷ lệ hồ sơ trực tuyến, quý IV/2024: Quảng Ninh 61,2% (59,0–63,3%), Hà Tĩnh 55,0% ...'
    """
    from .findings import indicator_name

    out: list[str] = []
    for ind, g in ranking.groupby("indicator", sort=False):
        name = indicator_name(str(ind), indicators, lang)
        ranked = g[g["status"] == "ranked"].sort_values("rank")
        missing = g[g["status"] == "no_value_in_period"]
        if ranked.empty:
            continue
        period = str(ranked["period_label"].iloc[0])
        items = [f"{r['unit_label']} {value_text(r, lang)}" for _, r in ranked.iterrows()]
        if len(items) > listed:
            items = items[:3] + ["…"] + items[-3:]
        order = ("cao nhất trước" if ranked["higher_is_better"].iloc[0] is not False else "tốt nhất (thấp nhất) trước",
                 "highest first" if ranked["higher_is_better"].iloc[0] is not False else "best (lowest) first")
        src = ""
        if cite is not None:
            ids = list(dict.fromkeys(ranked["source_id"].astype(str)))
            src = " [" + "; ".join(cite(s) for s in ids[:3]) + (" …" if len(ids) > 3 else "") + "]"
        text = tr(lang, f"{name}, {period} ({len(ranked)} đơn vị, {order[0]}): ",
                  f"{name}, {period} ({len(ranked)} units, {order[1]}): ") + ", ".join(items) + src + "."
        if len(ranked) >= 2:
            top, low = ranked.iloc[0], ranked.iloc[-1]
            diff = float(top["value"]) - float(low["value"])
            if top["measure"] == "percent":
                gap = fmt.fmt_pp(abs(diff), 1, lang=lang, sign=False)
            else:
                gap = fmt.fmt_number(abs(diff), None, lang=lang)
            word = (tr(lang, "cao hơn", "higher than") if diff > 0 else
                    tr(lang, "thấp hơn", "lower than") if diff < 0 else tr(lang, "bằng", "equal to"))
            text += " " + tr(
                lang,
                f"Cùng {period}, {top['unit_label']} {word} {low['unit_label']} {gap}",
                f"In the same period ({period}), {top['unit_label']} is {word} {low['unit_label']} by {gap}",
            )
            overlap = (top.get("ci_low") == top.get("ci_low") and low.get("ci_high") == low.get("ci_high")
                       and float(top["ci_low"]) <= float(low["ci_high"]))
            text += tr(lang, " (khoảng tin cậy chồng nhau: chưa phân biệt được)." if overlap else ".",
                       " (the intervals overlap: not distinguishable)." if overlap else ".")
        moved = ranked[ranked["change"].notna()]
        if len(moved):
            prev = str(moved["prev_period_label"].iloc[0])
            mixed = moved["prev_period_label"].nunique() > 1  # units whose previous period differs

            def part(r: Any, mixed: bool = mixed) -> str:
                since = f" ({tr(lang, 'so với', 'since')} {r['prev_period_label']})" if mixed else ""
                return f"{r['unit_label']} {change_text(r, lang)}{since}"

            rows = list(moved.iterrows())
            if len(rows) > listed:
                m = moved.sort_values("change")
                rows = list(_concat(m.tail(3)[::-1], m.head(3)).iterrows())
            parts = [part(r) for _, r in rows]
            if len(moved) > listed:
                parts.insert(3, "…")
            lead = tr(lang, "Thay đổi so với kỳ trước: ", "Change since the previous period: ") if mixed else \
                tr(lang, f"So với {prev}: ", f"Compared with {prev}: ")
            text += " " + lead + ", ".join(parts) + "."
        if len(missing):
            names = ", ".join(f"{r['unit_label']} ({tr(lang, 'mới nhất', 'latest')}: {r['latest_period_label']})"
                              for _, r in missing.iterrows())
            text += " " + tr(lang, f"Không có số liệu {period}: {names}.", f"No figure for {period}: {names}.")
        out.append(text[:1].upper() + text[1:])
    return out


def _concat(*frames: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.concat(frames)


def rejected_lines(files: Sequence[UserFile], csvs: dict[str, Path], lang: str = "vi") -> list[str]:
    """One sentence per file: rows read, used and rejected, and where the rejected rows are.

    Examples
    --------
    >>> rejected_lines(files, csvs)[0]  # doctest: +SKIP
    'own_data.xlsx: 40 dòng, dùng 36, loại 4 (xem own_data.rejected.csv).'
    """
    out = []
    for f in files:
        n_rej = len(f.rejected)
        where = Path(csvs[f.path]).name if f.path in csvs else f"{Path(f.path).stem}.rejected.csv"
        name = Path(f.path).name
        rec, acc = fmt.fmt_number(f.records, lang=lang), fmt.fmt_number(f.accepted, lang=lang)
        rej = fmt.fmt_number(n_rej, lang=lang)
        if n_rej:
            out.append(tr(lang, f"{name}: {rec} dòng, dùng {acc}, loại {rej} (lý do từng dòng: {where}).",
                          f"{name}: {rec} rows, {acc} used, {rej} rejected (reason per row: {where})."))
        else:
            out.append(tr(lang, f"{name}: {rec} dòng, dùng cả {acc}, không dòng nào bị loại.",
                          f"{name}: {rec} rows, all {acc} used, none rejected."))
    return out


def provenance_sentence(obs: pd.DataFrame, lang: str = "vi") -> str:
    """Which figures trace back to a cited paragraph and which only to a document.

    Examples
    --------
    >>> provenance_sentence(obs)  # doctest: +SKIP
    """
    user = is_user_row(obs)
    n_user, n_para = int(user.sum()), int((~user & obs["paragraph"].notna()).sum())
    n_doc = int((~user & obs["paragraph"].isna()).sum())
    parts_vi, parts_en = [], []
    if n_para:
        parts_vi.append(f"{fmt.fmt_number(n_para)} số liệu từ các nguồn kèm theo được ghi cùng đoạn văn chứa "
                        "nó, nên truy ngược được đến đoạn trích")
        parts_en.append(f"{fmt.fmt_number(n_para, lang='en')} figures from the bundled sources are recorded "
                        "with the paragraph that states them and trace back to it")
    if n_doc:
        parts_vi.append(f"{fmt.fmt_number(n_doc)} số liệu kèm theo chỉ truy được đến văn bản nguồn")
        parts_en.append(f"{fmt.fmt_number(n_doc, lang='en')} bundled figures trace back only to their document")
    if n_user:
        parts_vi.append(f"{fmt.fmt_number(n_user)} số liệu từ tệp của bạn truy được đến văn bản nguồn ghi "
                        "trên dòng (tên, cơ quan ban hành, ngày, đường dẫn) và đến dòng trong tệp, không đến "
                        "đoạn văn")
        parts_en.append(f"{fmt.fmt_number(n_user, lang='en')} figures from your files trace back to the source "
                        "named on their row (title, issuing body, date, link) and to the row of the file, "
                        "not to a paragraph")
    if lang == "vi":
        return "Nguồn gốc: " + "; ".join(parts_vi) + "."
    return "Provenance: " + "; ".join(parts_en) + "."


def ranking_table(ranking: pd.DataFrame, indicators=None, lang: str = "vi", *, limit: int = 40) -> pd.DataFrame:
    """The ranking as a display table (indicator, period, unit, value with interval, rank, change).

    Examples
    --------
    >>> ranking_table(rank_units(obs), indicators)  # doctest: +SKIP
    """
    import pandas as pd

    from .findings import indicator_name

    rows = []
    for _, r in ranking.iterrows():
        ranked = r["status"] == "ranked"
        rows.append({
            tr(lang, "Chỉ tiêu", "Indicator"): indicator_name(str(r["indicator"]), indicators, lang),
            tr(lang, "Kỳ", "Period"): r["period_label"],
            tr(lang, "Đơn vị", "Unit"): r["unit_label"],
            tr(lang, "Giá trị (KTC 95%)", "Value (95% CI)"): value_text(r, lang) if ranked else
            tr(lang, f"không có (mới nhất: {r['latest_period_label']})", f"none (latest: {r['latest_period_label']})"),
            tr(lang, "Hạng", "Rank"): f"{int(r['rank'])}/{int(r['n_ranked'])}" if ranked and pd.notna(r["rank"]) else "–",
            tr(lang, "So với kỳ trước", "Change"): change_text(r, lang) if ranked and pd.notna(r["change"]) else "–",
        })
    df = pd.DataFrame(rows)
    return df.head(limit)



# --------------------------------------------------------------------------------------- blocks


def focus_blocks(ctx: dict, figs: list[dict]) -> list[dict]:
    """The summary's opening on the user's units: ranking sentences and their trend figures.

    Empty when the report has no rows from the user's files.
    """
    from ._blocks import bullets, figure_block, paragraph

    lang = ctx["lang"]
    ranking = ctx.get("ranking")
    if ranking is None or ranking.empty:
        return []
    titles = dict(zip(ctx["sources"]["source_id"].astype(str), ctx["sources"]["title"].astype(str), strict=False))
    sentences = ranking_sentences(ranking, ctx["indicators"], lang, cite=lambda sid: titles.get(sid, sid))
    n_units = ranking[["province_code", "unit_name"]].drop_duplicates().shape[0]
    out = [
        paragraph(tr(
            lang,
            f"Đơn vị của bạn ({n_units}): với mỗi chỉ tiêu, các đơn vị được xếp hạng trong kỳ gần nhất mà "
            "tất cả cùng có số liệu, kèm khoảng tin cậy Wilson 95% khi có tử số và mẫu số, và thay đổi so "
            "với kỳ trước cùng độ dài.",
            f"Your units ({n_units}): for each indicator the units are ranked in the latest period they "
            "all report, with Wilson 95% intervals where counts exist, and the change since the previous "
            "period of the same length.",
        )),
        bullets(sentences),
    ]
    out += [figure_block(f) for f in figs if f.get("section") == "summary" and (f.get("paths") or {}).get("png")]
    if not is_user_row(ctx["obs"]).all():
        out.append(paragraph(tr(
            lang,
            "Bối cảnh từ các nguồn kèm theo (chỉ đặt cạnh đơn vị của bạn khi cùng chỉ tiêu và cùng cấp hành "
            "chính; mỗi câu nêu kỳ của cả hai giá trị):",
            "Context from the bundled sources (set beside your units only for the same indicator and "
            "administrative level; each sentence names both periods):")) | {"key": CONTEXT_KEY})
    return out


CONTEXT_KEY = "context-from-bundled"


def ends_with_context(blocks: list[dict]) -> bool:
    """Whether `focus_blocks` ended with the label that introduces the bundled findings."""
    return bool(blocks) and blocks[-1].get("key") == CONTEXT_KEY


def ranking_blocks(ctx: dict, *, max_rows: int = 40) -> list[dict]:
    """A subsection with the ranking table of the user's units (after the table of sources)."""
    from ._blocks import heading, table_block

    lang = ctx["lang"]
    ranking = ctx.get("ranking")
    if ranking is None or ranking.empty:
        return []
    table = ranking_table(ranking, ctx["indicators"], lang, limit=max_rows)
    note = None
    if len(ranking) > len(table):
        note = tr(lang, f"Bảng đầy đủ ({len(ranking)} dòng): tables/user_ranking.csv.",
                  f"Full table ({len(ranking)} rows): tables/user_ranking.csv.")
    return [heading(tr(lang, "Xếp hạng các đơn vị của bạn", "Ranking of your units"), 2),
            table_block(table, tr(lang, "Xếp hạng các đơn vị của bạn trong kỳ chung gần nhất",
                                  "Ranking of your units in the latest common period"),
                        source_note=note, font_pt=9.5)]


def user_files_blocks(ctx: dict) -> list[dict]:
    """Rows read, used and rejected per user file, for the data section."""
    from ._blocks import bullets, paragraph

    lang = ctx["lang"]
    if not ctx.get("user_files"):
        return []
    return [paragraph(tr(lang, "Tệp dữ liệu của bạn: dòng đã đọc, đã dùng và bị loại.",
                         "Your data files: rows read, used and rejected.")),
            bullets(rejected_lines(ctx["user_files"], ctx.get("rejected_csv", {}), lang))]


def empty_section_text(kind: str, lang: str = "vi") -> str:
    """One sentence saying why a section has nothing to show ("barriers" or "recommendations")."""
    if kind == "barriers":
        return tr(lang, "Không có rào cản nào được mã hóa cho các nguồn của báo cáo này: các số liệu không kèm "
                        "văn bản để mã hóa rào cản.",
                  "No barrier is coded for the sources of this report: its figures come without texts in "
                  "which to code barriers.")
    return tr(lang, "Không có khuyến nghị: khuyến nghị chỉ được gắn với rào cản mà nguồn của đơn vị nêu, và các "
                    "nguồn của báo cáo này không nêu rào cản nào.",
              "No recommendations: they are tied only to barriers that a unit's own source names, and the "
              "sources of this report name none.")


__all__ = ["CONTEXT_KEY", "change_text", "empty_section_text", "ends_with_context", "focus_blocks", "ranking_blocks", "user_files_blocks", "provenance_sentence", "ranking_sentences", "ranking_table", "rejected_lines",
           "value_text"]
