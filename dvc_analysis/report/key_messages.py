""""Những điểm chính": three to five key messages built from the analysis results.

Each message is one sentence a reader can act on, under the same guarantees as the findings:
values of one unit are set side by side only with their own periods named; values of two units
are ranked only when `findings.comparison_sentence` would rank them (same indicator, level,
period shape and year, qualifiers that keep the order); a bound ("trên 70%") never yields an
exact gap. Nothing is typed from the sources: the messages change with the data.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.targets import gap_status
from ..text import fmt
from ..text.words import document_label, tr
from . import findings as fnd

PROVISION = ("tthc_online_share", "tthc_eligible_online_share")
USE = ("dvctt_with_dossiers", "dossier_online_share")
MAX_MESSAGES = 5


def _get(results: Any, key: str, default: Any = None) -> Any:
    """A field of the analysis results, whether they come as a dict or as a dataclass."""
    if isinstance(results, dict):
        return results.get(key, default)
    return getattr(results, key, default)


def _latest_rows(comparisons: dict[str, pd.DataFrame], ids: tuple[str, ...]) -> pd.DataFrame:
    frames = [comparisons[i] for i in ids if i in comparisons and not comparisons[i].empty]
    if not frames:
        return pd.DataFrame()
    df = pd.concat(frames, ignore_index=True)
    return df[df["latest"].astype(bool)] if "latest" in df else df


def _value(row: Any, results: Any, lang: str) -> str:
    """ "82,5% (1.542/1.868; năm 2024)" for one row, qualifier included."""
    unit = fnd.indicator_unit(str(row["indicator"]), _get(results, "indicators"))
    text = fnd.value_text(row, unit, lang)
    period = fnd.period_text(row, lang)
    if text.endswith(")"):
        return f"{text[:-1]}; {period})"
    return f"{text} ({period})"


def provision_use_message(results: Any, lang: str = "vi", *, limit: int = 2) -> str | None:
    """Within one unit and one source: what is offered online against what is used.

    Parameters
    ----------
    results : dict or Results
        The analysis results (``comparisons``, ``indicators``).
    lang : {"vi", "en"}
    limit : int
        At most this many units, those with the widest distance first.

    Returns
    -------
    str or None
        None when no unit reports both a provision and a use indicator.

    Examples
    --------
    >>> from dvc_analysis.report import prepare
    >>> provision_use_message(prepare()).startswith("Cung cấp đi trước sử dụng")  # doctest: +SKIP
    True
    """
    comps = _get(results, "comparisons", {}) or {}
    prov, use = _latest_rows(comps, PROVISION), _latest_rows(comps, USE)
    if prov.empty or use.empty:
        return None
    inds = _get(results, "indicators")
    pairs = []
    for _, p in prov.iterrows():
        same = use[(use["unit_label"] == p["unit_label"]) & (use["source_id"] == p["source_id"])]
        for _, u in same.iterrows():
            pv, uv = fnd.rate_of(p), fnd.rate_of(u)
            if pv is None or uv is None or pv <= uv:
                continue
            pairs.append((pv - uv, p, u))
    if not pairs:
        return None
    pairs.sort(key=lambda x: -x[0])
    parts, seen = [], set()
    for _, p, u in pairs:
        if p["unit_label"] in seen:
            continue
        seen.add(p["unit_label"])
        pn = fnd.indicator_name(str(p["indicator"]), inds, lang)
        un = fnd.indicator_name(str(u["indicator"]), inds, lang)
        src = fnd.cite(p, lang).split(",")[0]  # "nguồn [004]": the paragraph is in the tables
        parts.append(tr(
            lang,
            f"{fnd.unit_label(p, lang)}: {pn[:1].lower() + pn[1:]} {_value(p, results, lang)}, "
            f"trong khi {un[:1].lower() + un[1:]} {_value(u, results, lang)}, {src}",
            f"{fnd.unit_label(p, 'en')}: {pn[:1].lower() + pn[1:]} {_value(p, results, lang)}, "
            f"while {un[:1].lower() + un[1:]} {_value(u, results, lang)}, {src}",
        ))
        if len(parts) == limit:
            break
    return tr(lang, "Cung cấp đi trước sử dụng. ", "Provision runs ahead of use. ") + "; ".join(parts) + "."


def target_message(results: Any, lang: str = "vi") -> str | None:
    """How the latest figures stand against their nearest targets, bounds kept as bounds."""
    gaps = _get(results, "gaps")
    if gaps is None or gaps.empty or "gap_pp" not in gaps:
        return None
    g = fnd.latest_gaps(gaps.dropna(subset=["gap_pp"]))
    keys = [c for c in ("province_code", "unit_name", "indicator") if c in g]
    if "target_year" in g and keys:
        g = g.sort_values(["target_year", "gap_pp"]).groupby(keys, dropna=False, sort=False).head(1)
    status = [gap_status(r) for _, r in g.iterrows()]
    met = sum(s == "met" for s in status)
    short = sum(s == "short" for s in status)
    open_ = sum(s == "open" for s in status)
    if not status:
        return None
    head = tr(
        lang,
        f"So với mục tiêu gần nhất, {fmt.fmt_number(len(status))} số liệu mới nhất: "
        f"{short} chưa đạt, {met} đã đạt"
        + (f", {open_} chưa xác định được vì nguồn chỉ nêu cận (“trên”, “dưới”)" if open_ else ""),
        f"Against the nearest target, of {len(status)} latest figures {short} fall short, "
        f"{met} {'is' if met == 1 else 'are'} met"
        + (f" and {open_} cannot be settled because the source gives only a bound" if open_ else ""),
    )
    shortfalls = [(r, s) for (_, r), s in zip(g.iterrows(), status, strict=True) if s == "short"]
    if shortfalls:
        worst = max(shortfalls, key=lambda x: float(x[0]["gap_pp"]))[0]
        inds = _get(results, "indicators")
        name = fnd.indicator_name(str(worst["indicator"]), inds, lang)
        doc = document_label(str(worst.get("document") or "").strip(), lang)
        year = worst.get("target_year")
        year = str(int(float(year))) if year is not None and str(year) not in {"", "nan"} else ""
        gap = fnd.gap_words(worst, lang)
        head += tr(
            lang,
            f". Xa nhất là {name[:1].lower() + name[1:]} của {fnd.unit_label(worst, lang)}: "
            f"{_value(worst, results, lang)}, {gap} so với mục tiêu "
            f"{fmt.fmt_percent(worst['target_value'], lang=lang)} năm {year}"
            + (f" ({doc})" if doc else "") + f"; {fnd.cite(worst, lang).split(',')[0]}",
            f". The furthest is {name[:1].lower() + name[1:]} in {fnd.unit_label(worst, lang)}: "
            f"{_value(worst, results, lang)}, {gap} of the "
            f"{fmt.fmt_percent(worst['target_value'], lang=lang)} target for {year}"
            + (f" ({doc})" if doc else "") + f"; {fnd.cite(worst, lang).split(',')[0]}",
        )
    return head + "."


def pipeline_message(results: Any, lang: str = "vi") -> str | None:
    """The step of the payment (else service) chain that keeps the smallest share."""
    pipes = _get(results, "pipelines")
    if pipes is None or pipes.empty or "kept_pct" not in pipes:
        return None
    keys = [c for c in ("pipeline", "province_code", "unit_name", "source_id", "year") if c in pipes]
    best: tuple[float, str] | None = None
    for _, grp in pipes.groupby(keys, dropna=False, sort=False):
        if len(grp) < 2:
            continue
        kept = pd.to_numeric(grp["kept_pct"], errors="coerce").min()
        sentence = fnd.pipeline_sentence(grp, lang)
        if sentence and pd.notna(kept) and (best is None or kept < best[0]):
            best = (float(kept), sentence)
    return best[1] if best else None


def ranking_message(results: Any, lang: str = "vi") -> str | None:
    """The first key indicator whose latest provincial values may be ranked (a "cao hơn" sentence)."""
    comps = _get(results, "comparisons_province", {}) or {}
    inds = _get(results, "indicators")
    for ind in fnd.KEY_INDICATORS:
        sentence = fnd.comparison_sentence(comps.get(ind), inds, lang)
        if sentence and ("cao hơn" in sentence or "is higher than" in sentence):
            return sentence
    return None


def barrier_message(results: Any, lang: str = "vi") -> str | None:
    """The barriers named by the most sources, with the years those sources cover."""
    mentions = _get(results, "mentions")
    sentence = fnd.barrier_sentence(mentions, _get(results, "barriers"), lang, top=2)
    sources = _get(results, "sources")
    if not sentence or sources is None or mentions is None or mentions.empty:
        return sentence
    used = set(mentions["source_id"].map(fnd.short_source))
    rows = sources[sources["source_id"].map(fnd.short_source).isin(used)]
    years = pd.to_datetime(rows["period_end"], errors="coerce").dt.year.dropna().astype(int)
    if years.empty:
        return sentence
    span = f"{years.min()}–{years.max()}" if years.min() != years.max() else str(years.min())
    ids = ", ".join(f"[{i}]" for i in sorted(used))
    return sentence[:-1] + tr(lang, f"; các nguồn này (nguồn {ids}) có số liệu các năm {span}.",
                              f"; these sources ({'sources' if len(used) > 1 else 'source'} {ids}) report on {span}.")


def key_messages(results: Any, lang: str = "vi") -> list[str]:
    """Three to five key messages, most decision-relevant first.

    Parameters
    ----------
    results : dict or Results
        The analysis results (``comparisons``, ``comparisons_province``, ``gaps``,
        ``pipelines``, ``mentions``, ``barriers``, ``audit``, ``indicators``).
    lang : {"vi", "en"}

    Returns
    -------
    list of str
        Between zero and five sentences (fewer than three only when the data hold less).
    """
    out = [
        provision_use_message(results, lang),
        target_message(results, lang),
        pipeline_message(results, lang),
        ranking_message(results, lang),
        barrier_message(results, lang),
    ]
    out = [fnd.capitalize(s) for s in out if s]
    if len(out) < 3:
        audit = fnd.audit_sentence(_get(results, "audit"), lang)
        if audit:
            out.append(audit)
    return out[:MAX_MESSAGES]
