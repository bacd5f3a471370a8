"""Key findings as sentences generated from the numbers (Vietnamese by default, English too).

Every sentence names the reporting unit, the period and the source (short id and paragraph), and
formats numbers the Vietnamese way through `dvc_analysis.fmt`. A sentence that ranks two values
("cao hơn" / "higher than") is only written for two rows of the same `indicators.compare` result
(same indicator, same administrative level), names both periods, and says so when the periods
differ or the qualifiers ("trên", "khoảng") leave the order open. Nothing here is typed by hand
from the sources: change the data and the sentences change.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._cells import as_float, as_text
from ..analysis.display import value_string
from ..analysis.targets import gap_status
from ..evidence.indicators import indicator_name as _indicator_name
from ..evidence.indicators import indicator_unit as _indicator_unit
from ..evidence.provinces import unit_label as _unit_label
from ..evidence.sources import Source, short_id
from ..text import fmt
from ..text.words import document_label, tr, word

UNNAMED = {lang: word("unnamed_province", lang) for lang in ("vi", "en")}
QUALIFIER = {lang: {q: word(f"qualifier_{q}", lang) + " " for q in ("over", "under", "about")}
             for lang in ("vi", "en")}
SEVERITY = {lang: {s: word(f"severity_{s}", lang) for s in ("error", "warning", "info")}
            for lang in ("vi", "en")}
# One meaning of a missing cell for the whole package (_cells).
_num = as_float
_str = as_text


def short_source(source_id: Any) -> str:
    """The short id used in citations: "003" for "003_4d6fe64c7387cd52"."""
    return short_id(source_id)


def cite(row: Any, lang: str = "vi") -> str:
    """Citation of one observation: "nguồn [003], đoạn 14" / "source [003], para. 14"."""
    full = _str(row.get("source_id"))
    if full.startswith("user:"):  # the user's own source: its title, else its id in Table 1
        title = _str(row.get("source_title")) or _str(row.get("source"))
        if title:
            return ("nguồn: " if lang == "vi" else "source: ") + title
    return Source(_str(row.get("source_id"))).cite(row.get("paragraph"), lang)


def unit_label(row: Any, lang: str = "vi") -> str:
    """Reporting unit: province name (or "tỉnh không nêu tên"), plus agency/district if any."""
    return _unit_label(row.get("province_code"), row.get("unit_name"), lang)


def period_text(row: Any, lang: str = "vi") -> str:
    """The row's period label; re-derived from its dates in English or when missing."""
    return fmt.row_period(row, lang)


def rate_of(row: Any) -> float | None:
    """The percent for a rate row: recomputed `rate` when counts exist, else the stated value."""
    rate = _num(row.get("rate"))
    return rate if rate is not None else _num(row.get("value"))


def _clause(row: Any, unit: str, lang: str, verb: str = "") -> str:
    """ "Bình Dương 77,25% (năm 2024; nguồn [003], đoạn 14)" with the counts inside the brackets."""
    text = value_text(row, unit, lang)
    counts = ""
    if "(" in text:
        text, counts = text.split(" (", 1)
        counts = counts.rstrip(")") + "; "
    return f"{unit_label(row, lang)} {verb}{text} ({counts}{period_text(row, lang)}; {cite(row, lang)})"


def capitalize(sentence: str) -> str:
    """Upper-case the first letter of a generated sentence ("tỉnh không nêu tên" → "Tỉnh …")."""
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


def value_text(row: Any, unit: str, lang: str = "vi") -> str:
    """A figure as a reader should see it: "82,55% (1.542/1.868)", "trên 70%", "hạng 22/63"."""
    qual = QUALIFIER[lang].get(_str(row.get("qualifier")), "")
    num, den = _num(row.get("numerator")), _num(row.get("denominator"))
    value = _num(row.get("value"))
    if unit == "percent":
        text = qual + (value_string(row, unit, lang) or fmt.NA)
        if num is not None and den is not None:
            text += f" ({fmt.fmt_number(num, lang=lang)}/{fmt.fmt_number(den, lang=lang)})"
        return text
    if unit == "rank":
        rank = value if value is not None else num
        word = "hạng" if lang == "vi" else "rank"
        if rank is None:
            return fmt.NA
        base = f"/{fmt.fmt_number(den, lang=lang)}" if den is not None else ""
        return f"{word} {fmt.fmt_number(rank, lang=lang)}{base}"
    shown = value_string(row, unit, lang) or fmt.fmt_number(value, lang=lang)
    if unit == "money_vnd":
        return qual + shown + (" đồng" if lang == "vi" else " VND")
    return qual + shown


def indicator_name(indicator: str, indicators: pd.DataFrame | None, lang: str = "vi") -> str:
    """The indicator's name in the language (its id when the vocabulary does not know it)."""
    return _indicator_name(indicator, indicators, lang)


def indicator_unit(indicator: str, indicators: pd.DataFrame | None) -> str:
    """The indicator's unit (one default for unknown ids: `evidence.indicators.DEFAULT_UNIT`)."""
    return _indicator_unit(indicator, indicators)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _order_known(high: Any, low: Any) -> bool:
    """True when the qualifiers still guarantee that `high` is above `low`."""
    qh, ql = _str(high.get("qualifier")) or "exact", _str(low.get("qualifier")) or "exact"
    return qh in {"exact", "over"} and ql in {"exact", "under"}


def _not_rankable(high: Any, low: Any, lang: str) -> list[str]:
    """Why two rows of one comparable set must not be ranked (empty list: they may be)."""
    why = []
    same_shape = _str(high.get("period_shape")) == _str(low.get("period_shape"))
    same_year = _str(high.get("period_end"))[:4] == _str(low.get("period_end"))[:4]
    if not (same_shape and same_year):
        why.append("khác kỳ báo cáo" if lang == "vi" else "different periods")
    if _str(high.get("unit_name")) != _str(low.get("unit_name")) or _str(high.get("admin_level")) != _str(low.get("admin_level")):
        why.append("khác phạm vi đơn vị" if lang == "vi" else "different unit scope")
    if _str(high.get("level_system")) != _str(low.get("level_system")):
        why.append("khác hệ phân loại mức độ" if lang == "vi" else "different level systems")
    if _str(high.get("component")) != _str(low.get("component")):
        why.append("khác thành phần" if lang == "vi" else "different components")
    if not _order_known(high, low):
        why.append("có giá trị chỉ là cận hoặc xấp xỉ" if lang == "vi" else "bounds or approximations")
    return why


def comparison_sentence(
    cmp: pd.DataFrame, indicators: pd.DataFrame | None, lang: str = "vi"
) -> str | None:
    """One sentence on the latest values of two or more units in one `compare` result.

    "cao hơn" / "higher than" is written only for the highest and lowest latest values when
    they are rankable: one indicator id, same period length and year, same unit scope, same
    level system, qualifiers that keep the order, and a percent or score where higher is
    better. Otherwise the two values are set side by side with the reason they are not ranked.
    Both periods are always named. None when fewer than two units report, and for counts,
    ranks and indicators where lower is better.
    """
    if cmp is None or cmp.empty or "indicator" not in cmp:
        return None
    if cmp["indicator"].nunique() != 1:  # never rank two different indicators
        return None
    rows = cmp[cmp["latest"].astype(bool)] if "latest" in cmp else cmp
    rows = rows.assign(_v=[rate_of(r) for _, r in rows.iterrows()]).dropna(subset=["_v"])
    rows = rows.assign(_unit=[unit_label(r, lang) for _, r in rows.iterrows()])
    rows = rows.drop_duplicates("_unit")
    if len(rows) < 2:
        return None
    rows = rows.sort_values("_v", ascending=False)
    high, low = rows.iloc[0], rows.iloc[-1]
    ind = _str(high["indicator"])
    unit = indicator_unit(ind, indicators)
    name = indicator_name(ind, indicators, lang)
    hib = ""
    if indicators is not None and ind in set(indicators["id"]):
        hib = _str(indicators.loc[indicators["id"] == ind, "higher_is_better"].iloc[0]).lower()
    if unit not in {"percent", "score"} or hib not in {"true", "1", "yes"}:
        return None  # counts depend on the unit's size; ranks and "lower is better" read otherwise
    why = _not_rankable(high, low, lang)
    if high["_v"] == low["_v"]:
        why.append("bằng nhau" if lang == "vi" else "equal")
    verb = "đạt " if lang == "vi" else "at "
    a = _clause(high, unit, lang, verb)
    b = _clause(low, unit, lang, verb)
    diff = float(high["_v"]) - float(low["_v"])
    if why:
        if lang == "vi":
            return f"{name}: {a} và {b}; không xếp hạng hai giá trị này vì {', '.join(why)}."
        return f"{name}: {a} and {b}; not ranked because of {', '.join(why)}."
    if lang == "vi":
        text = f"Về {_lower_first(name)}, {a}, cao hơn {b}"
        if unit == "percent":
            text += f", chênh {fmt.fmt_pp(diff, 1, lang=lang, sign=False)}"
        return text + "."
    text = f"On {_lower_first(name)}, {a}, is higher than {b}"
    if unit == "percent":
        text += f", a difference of {fmt.fmt_pp(diff, 1, lang=lang, sign=False)}"
    return text + "."


def group_sentence(
    rows: pd.DataFrame, indicators: pd.DataFrame | None, lang: str = "vi", *, limit: int = 4
) -> str | None:
    """List the latest values of one indicator (up to `limit` units) in one sentence."""
    if rows is None or rows.empty:
        return None
    ind = _str(rows["indicator"].iloc[0])
    name = indicator_name(ind, indicators, lang)
    unit = indicator_unit(ind, indicators)
    parts = [_clause(r, unit, lang) for _, r in rows.head(limit).iterrows()]
    more = len(rows) - limit
    tail = ""
    if more > 0:
        tail = f" và {more} đơn vị khác" if lang == "vi" else f" and {more} more units"
    return f"{name}: " + "; ".join(parts) + tail + "."


def gap_words(row: Any, lang: str = "vi") -> str:
    """The gap in words, never exact for a bound: "còn thiếu 10,0 điểm phần trăm", "còn thiếu ít
    nhất 30,0 điểm phần trăm", "còn thiếu khoảng …", or "chưa xác định được"."""
    qual = str(row.get("qualifier") or "exact")
    gap = float(row.get("gap_pp"))
    pp = fmt.fmt_pp(abs(gap), 1, lang=lang, sign=False)
    status = gap_status(row)
    if status == "open":
        return tr(lang, "chưa xác định được đã đạt hay chưa (nguồn chỉ nêu cận)",
                   "cannot tell whether it is met (the source gives only a bound)")
    if status == "met":
        if qual == "over":
            return tr(lang, f"đã đạt (vượt ít nhất {pp})", f"met (at least {pp} above)")
        return tr(lang, f"đã đạt (vượt {pp})", f"met ({pp} above)")
    if qual == "under":
        return tr(lang, f"còn thiếu ít nhất {pp}", f"at least {pp} short")
    if qual == "about":
        return tr(lang, f"còn thiếu khoảng {pp}", f"about {pp} short")
    return tr(lang, f"còn thiếu {pp}", f"{pp} short")


def gap_sentence(gap: Any, lang: str = "vi", indicators: pd.DataFrame | None = None) -> str | None:
    """A gap to a target in words, from one row of `indicators.gaps_to_targets`
    (gap_pp = target minus observed; met; needed_pp_per_year; years_left)."""
    g = _num(gap.get("gap_pp"))
    target = _num(gap.get("target_value"))
    observed = _num(gap.get("observed"))
    if observed is None:
        observed = rate_of(gap)
    if g is None or target is None or observed is None:
        return None
    unit = capitalize(unit_label(gap, lang))
    name = _lower_first(indicator_name(_str(gap.get("indicator")), indicators, lang))
    doc = document_label(_str(gap.get("document")), lang)
    year = _num(gap.get("target_year"))
    year_text = str(int(year)) if year is not None else ""
    per_year = _num(gap.get("needed_pp_per_year"))
    years_left = _num(gap.get("years_left"))
    value_txt = QUALIFIER[lang].get(_str(gap.get("qualifier")), "") + fmt.fmt_percent(observed, lang=lang)
    exact = gap_status(gap) == "short" and _str(gap.get("qualifier")) in {"", "exact"}
    if lang == "vi":
        head = (
            f"{unit}: {name} {value_txt} ({period_text(gap, lang)}; {cite(gap, lang)}); mục tiêu "
            f"{fmt.fmt_percent(target, lang=lang)} năm {year_text}" + (f" ({doc})" if doc else "")
        )
        text = head + f": {gap_words(gap, lang)}"
        if exact and per_year is not None and per_year > 0 and (years_left or 0) >= 1:
            text += f", tức cần tăng khoảng {fmt.fmt_pp(per_year, 1, lang=lang, sign=False)} mỗi năm"
        return text + "."
    head = (
        f"{unit}: {name} {value_txt} ({period_text(gap, lang)}; {cite(gap, lang)}); target "
        f"{fmt.fmt_percent(target, lang=lang)} by {year_text}" + (f" ({doc})" if doc else "")
    )
    text = head + f": {gap_words(gap, lang)}"
    if exact and per_year is not None and per_year > 0 and (years_left or 0) >= 1:
        text += f", needing about {fmt.fmt_pp(per_year, 1, lang=lang, sign=False)} a year"
    return text + "."


def gap_summary(rows: pd.DataFrame, lang: str = "vi", indicators: pd.DataFrame | None = None) -> str | None:
    """One observation against all its targets in one sentence (rows of `gaps_to_targets` for
    a single observation, nearest target year first)."""
    if rows is None or rows.empty:
        return None
    rows = rows.sort_values("target_year") if "target_year" in rows else rows
    parts = []
    for _, gap in rows.iterrows():
        g, target = _num(gap.get("gap_pp")), _num(gap.get("target_value"))
        if g is None or target is None:
            continue
        exact = gap_status(gap) == "short" and _str(gap.get("qualifier")) in {"", "exact"}
        year = _num(gap.get("target_year"))
        doc = document_label(_str(gap.get("document")), lang)
        per_year, left = _num(gap.get("needed_pp_per_year")), _num(gap.get("years_left"))
        aim = fmt.fmt_percent(target, lang=lang)
        yr = str(int(year)) if year is not None else ""
        if lang == "vi":
            text = f"mục tiêu {aim} năm {yr}" + (f" ({doc})" if doc else "")
            text += f": {gap_words(gap, lang)}"
            if exact and per_year is not None and per_year > 0 and (left or 0) >= 1:
                text += f", tức khoảng {fmt.fmt_pp(per_year, 1, lang=lang, sign=False)} mỗi năm"
        else:
            text = f"target {aim} by {yr}" + (f" ({doc})" if doc else "")
            text += f": {gap_words(gap, lang)}"
            if exact and per_year is not None and per_year > 0 and (left or 0) >= 1:
                text += f", about {fmt.fmt_pp(per_year, 1, lang=lang, sign=False)} a year"
        parts.append(text)
    if not parts:
        return None
    first = rows.iloc[0]
    observed = _num(first.get("observed"))
    if observed is None:
        observed = rate_of(first)
    name = _lower_first(indicator_name(_str(first.get("indicator")), indicators, lang))
    value = QUALIFIER[lang].get(_str(first.get("qualifier")), "") + fmt.fmt_percent(observed, lang=lang)
    head = (
        f"{capitalize(unit_label(first, lang))}: {name} {value} "
        f"({period_text(first, lang)}; {cite(first, lang)})"
    )
    return head + " – " + "; ".join(parts) + "."


def audit_sentence(audit: pd.DataFrame | None, lang: str = "vi") -> str | None:
    """How many inconsistencies the consistency audit found, by severity."""
    if audit is None:
        return None
    n = len(audit)
    if n == 0:
        return (
            "Kiểm tra nhất quán không phát hiện điểm nào lệch giữa các số liệu trong nguồn."
            if lang == "vi"
            else "The consistency audit found no mismatch between the figures in the sources."
        )
    by = ""
    if "severity" in audit:
        counts = audit["severity"].astype(str).value_counts()
        words = SEVERITY[lang]
        by = ", ".join(f"{v} {words.get(k, k)}" + ("s" if lang == "en" and v != 1 else "")
                       for k, v in counts.items())
    sources = audit["source_id"].map(short_source).nunique() if "source_id" in audit else None
    if lang == "vi":
        text = f"Kiểm tra nhất quán ghi nhận {fmt.fmt_number(n)} điểm cần lưu ý"
        if by:
            text += f" (mức độ: {by})"
        if sources:
            text += f" trong {sources} nguồn"
        return text + "; các số liệu liên quan được dùng kèm cảnh báo (mục 2)."
    text = f"The consistency audit records {fmt.fmt_number(n, lang='en')} points to note"
    if by:
        text += f" (severity: {by})"
    if sources:
        text += f" in {sources} source{'s' if sources != 1 else ''}"
    return text + "; the figures concerned are used with a caution (section 2)."


def barrier_sentence(
    mentions: pd.DataFrame | None, barriers: pd.DataFrame | None, lang: str = "vi", *, top: int = 3
) -> str | None:
    """The barriers named by the most sources (number of sources and paragraphs)."""
    if mentions is None or mentions.empty or "kind" not in mentions:
        return None
    b = mentions[mentions["kind"].astype(str) == "barrier"]
    if b.empty:
        return None
    stats = (
        b.groupby("code")
        .agg(n_sources=("source_id", "nunique"), n_mentions=("paragraph", "size"))
        .sort_values(["n_sources", "n_mentions"], ascending=False)
        .head(top)
    )
    names = {}
    if barriers is not None and not barriers.empty:
        col = "name_vi" if lang == "vi" else "name_en"
        names = dict(zip(barriers["code"].astype(str), barriers[col].astype(str), strict=False))
    total = b["source_id"].nunique()
    parts = []
    for code, r in stats.iterrows():
        label = names.get(str(code), str(code))
        if lang == "vi":
            parts.append(f"{_lower_first(label)} ({code}; {r.n_sources}/{total} nguồn, {r.n_mentions} lần nêu)")
        else:
            parts.append(f"{_lower_first(label)} ({code}; {r.n_sources}/{total} sources, {r.n_mentions} mentions)")
    if lang == "vi":
        return "Rào cản được nhiều nguồn nêu nhất: " + "; ".join(parts) + "."
    return "Barriers named by the most sources: " + "; ".join(parts) + "."


def pipeline_sentence(stages: pd.DataFrame, lang: str = "vi") -> str | None:
    """The stage that keeps the smallest share of the stage before it, for one pipeline of one
    unit and period (rows of `indicators.pipelines`: stage_vi/stage_en, count, kept_pct)."""
    if stages is None or len(stages) < 2 or "kept_pct" not in stages:
        return None
    s = stages.dropna(subset=["kept_pct"])
    if "nested" in s:
        s = s[s["nested"].astype(bool)]
    if s.empty:
        return None
    worst = s.loc[s["kept_pct"].astype(float).idxmin()]
    order = list(stages.index)
    prev = stages.loc[order[order.index(worst.name) - 1]]
    label = _str(worst.get(f"stage_{lang}")) or _str(worst.get("stage"))
    prev_label = _str(prev.get(f"stage_{lang}")) or _str(prev.get("stage"))
    kept = float(worst["kept_pct"])
    count, prev_count = _num(worst.get("count")), _num(prev.get("count"))
    counts = (
        f"{fmt.fmt_number(count, lang=lang)}/{fmt.fmt_number(prev_count, lang=lang)}; "
        if count is not None and prev_count is not None else ""
    )
    unit = capitalize(unit_label(stages.iloc[0], lang))
    period = period_text(worst, lang)
    first = _str(stages.iloc[0].get(f"stage_{lang}")) or _str(stages.iloc[0].get("stage"))
    last = _str(stages.iloc[-1].get(f"stage_{lang}")) or _str(stages.iloc[-1].get("stage"))
    approx = any(_str(q) not in {"", "exact"} for q in (worst.get("qualifier"), prev.get("qualifier")))
    about = ("khoảng " if lang == "vi" else "about ") if approx else ""
    if lang == "vi":
        return (
            f"{unit}: trong chuỗi từ “{first}” đến “{last}”, bước giữ lại ít nhất là từ “{prev_label}” "
            f"sang “{label}”: {about}{fmt.fmt_percent(kept, 1)} ({counts}{period}; {cite(worst, lang)})."
        )
    return (
        f"{unit}: in the chain from “{first}” to “{last}”, the step that keeps the least is from "
        f"“{prev_label}” to “{label}”: {about}{fmt.fmt_percent(kept, 1, lang='en')} "
        f"({counts}{period}; {cite(worst, lang)})."
    )


KEY_INDICATORS = (
    "dossier_online_share",
    "tthc_online_share",
    "dvctt_with_dossiers",
    "payment_dossier_share",
    "digitisation_input",
    "digitisation_output",
    "data_reuse_share",
    "on_time_rate",
)


def latest_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """Keep, per unit and indicator, the rows of its latest observation (all its targets)."""
    if gaps is None or gaps.empty:
        return gaps
    keys = [c for c in ("province_code", "unit_name", "indicator") if c in gaps]
    if "period_end" not in gaps or not keys:
        return gaps
    last = gaps.groupby(keys, dropna=False)["period_end"].transform("max")
    g = gaps[gaps["period_end"] == last]
    if "obs_id" in g:  # two observations ending the same day: keep the first (one per unit)
        first = g.groupby(keys, dropna=False)["obs_id"].transform("first")
        g = g[g["obs_id"] == first]
    return g


def _gap_rows(gaps: pd.DataFrame | None, limit: int) -> list[Any]:
    """Gap rows worth a headline: per unit and indicator the latest observation against the
    nearest target year; unmet targets first, largest gap first."""
    if gaps is None or gaps.empty or "gap_pp" not in gaps:
        return []
    g = latest_gaps(gaps.dropna(subset=["gap_pp"]))
    keys = [c for c in ("province_code", "unit_name", "indicator") if c in g]
    if "target_year" in g and keys:
        g = g.sort_values(["target_year", "gap_pp"]).groupby(keys, dropna=False, sort=False).head(1)
    met = g["met"].astype(bool) if "met" in g else g["gap_pp"] <= 0
    g = g.assign(_met=met).sort_values(["_met", "gap_pp"], ascending=[True, False])
    return [r for _, r in g.head(limit).iterrows()]


def key_findings(
    ctx: dict, lang: str = "vi", *, max_gaps: int = 3, max_pipelines: int = 2, max_values: int = 3
) -> list[str]:
    """The summary's key findings, generated from the analysis results in `ctx`
    (see `dvc_analysis.report.prepare`): for the key indicators a comparison within their
    comparable set (or their latest values when only one unit reports), the largest loss in the
    service and payment pipelines, the gaps to targets, the audit and the barriers."""
    inds = ctx.get("indicators")
    out: list[str] = []
    comps = ctx.get("comparisons_province", {})
    all_levels = ctx.get("comparisons", {})
    keys = [i for i in KEY_INDICATORS if i in all_levels]
    if not keys:  # user data with other indicators: the percent ones with the most units
        keys = sorted(
            (i for i in all_levels if indicator_unit(i, inds) == "percent"),
            key=lambda i: -all_levels[i]["unit_label"].nunique() if "unit_label" in all_levels[i] else 0,
        )[:6]
    values = 0
    for ind in keys:
        s = comparison_sentence(comps.get(ind), inds, lang)
        if not s and values < max_values and not all_levels[ind].empty:
            df = all_levels[ind]
            latest = df[df["latest"].astype(bool)] if "latest" in df else df
            s = group_sentence(latest, inds, lang)
            values += 1
        if s:
            out.append(s)
    pipes = ctx.get("pipelines")
    if pipes is not None and not pipes.empty:
        gkeys = [c for c in ("pipeline", "province_code", "unit_name", "source_id", "year") if c in pipes]
        n = 0
        for _, grp in pipes.groupby(gkeys, dropna=False, sort=False):
            s = pipeline_sentence(grp, lang) if len(grp) >= 3 else None
            if s and n < max_pipelines:
                out.append(s)
                n += 1
    for row in _gap_rows(ctx.get("gaps"), max_gaps):
        s = gap_sentence(row, lang, inds)
        if s:
            out.append(s)
    for s in (audit_sentence(ctx.get("audit"), lang),
              barrier_sentence(ctx.get("mentions"), ctx.get("barriers"), lang)):
        if s:
            out.append(s)
    return list(dict.fromkeys(capitalize(s) for s in out))
