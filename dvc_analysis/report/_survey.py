"""The report's survey paragraph and figure: what respondents report beside the documents."""

from __future__ import annotations

from ..text import fmt
from ..text.words import tr
from ._blocks import figure_block, paragraph


def survey_blocks(ctx: dict, figs: list[dict]) -> list[dict]:
    """What respondents of a citizens' survey report, beside the documents (when one is given)."""
    table = ctx.get("survey_beside_documents")
    if table is None or table.empty:
        return []
    lang = ctx["lang"]
    rows = table.dropna(subset=["prevalence"]).sort_values("prevalence", ascending=False).head(3)
    name = "name_vi" if lang == "vi" else "name_en"
    parts = [
        f"{r[name]} ({r['code']}): {fmt.fmt_percent(r['prevalence'], 1, lang=lang)} "
        f"({fmt.fmt_percent(r['ci_low'], 1, lang=lang)}–{fmt.fmt_percent(r['ci_high'], 1, lang=lang)})"
        for _, r in rows.iterrows()
    ]
    n = int(rows["n"].max()) if len(rows) else 0
    note = ctx.get("survey_note") or ""
    text = tr(
        lang,
        f"Khảo sát người dân ({note}; {fmt.fmt_number(n, lang=lang)} người trả lời câu hỏi về lý do) cho "
        f"thấy các lý do được nêu nhiều nhất: {'; '.join(parts)}, khoảng tin cậy 95%. Đây là tỷ lệ "
        "người trả lời, một thước đo khác với số đoạn văn bản nêu rào cản, nên hai bên được đặt "
        "cạnh nhau chứ không so trên cùng một trục.",
        f"A citizens' survey ({note}; {fmt.fmt_number(n, lang=lang)} respondents to the question on "
        f"reasons) names these reasons most often: {'; '.join(parts)}, 95% intervals. These are "
        "shares of respondents, a different measure from the number of document paragraphs that "
        "name a barrier, so the two are set side by side, not on one axis.",
    )
    return [paragraph(text)] + [figure_block(f) for f in figs
                                if f.get("stem") == "16_rao_can_khao_sat"]
