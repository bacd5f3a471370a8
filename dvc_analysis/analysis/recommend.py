"""Ranked recommendations per unit: the cited gaps and barriers a lever answers, and its evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .gaps_for_levers import _s, cite_one, join_cites, unit_gaps, unit_key
from .lever_knowledge import LeverKnowledge, load_knowledge

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: default weights of the four parts of the score (they are rescaled to sum to 1)
DEFAULT_WEIGHTS = {"gap": 0.35, "barrier": 0.25, "evidence": 0.25, "feasibility": 0.15}
HORIZON_MARK = {"short": 1.0, "medium": 0.6, "long": 0.3}
ACTOR_MARK = {"province": 1.0, "central": 0.5}
#: weight of one source's best evidence that a lever works; a proposal is a mention of the lever
EVIDENCE_WEIGHT = {"before_after": 1.0, "after_only": 0.6, "no_figure": 0.3, "counter": 0.0,
                   "proposal": 0.1}
#: summed evidence weight that counts as full marks (e.g. two sources with figures after the lever)
EVIDENCE_FULL = 1.5
#: named weight schemes tried by `sensitivity`
SCHEMES = {
    "default": DEFAULT_WEIGHTS,
    "equal": {"gap": 1, "barrier": 1, "evidence": 1, "feasibility": 1},
    "gap_x2": {**DEFAULT_WEIGHTS, "gap": 0.70},
    "barrier_x2": {**DEFAULT_WEIGHTS, "barrier": 0.50},
    "evidence_x2": {**DEFAULT_WEIGHTS, "evidence": 0.50},
    "feasibility_x2": {**DEFAULT_WEIGHTS, "feasibility": 0.30},
    "no_evidence": {**DEFAULT_WEIGHTS, "evidence": 0.0},
    "no_feasibility": {**DEFAULT_WEIGHTS, "feasibility": 0.0},
}
PARTS = ("gap", "barrier", "evidence", "feasibility")


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Weights for the four parts, missing ones from the defaults, rescaled to sum to 1.

    Parameters
    ----------
    weights : mapping, optional
        Any of ``gap``, ``barrier``, ``evidence``, ``feasibility`` (non-negative numbers).

    Returns
    -------
    dict
        All four weights, summing to 1.

    Examples
    --------
    >>> check_weights({"gap": 1, "barrier": 1, "evidence": 1, "feasibility": 1})["gap"]
    0.25
    """
    w = dict(DEFAULT_WEIGHTS)
    for k, v in (weights or {}).items():
        if k not in DEFAULT_WEIGHTS:
            raise UsageError(
                f"Trọng số không có: {k!r}; dùng {', '.join(PARTS)}.",
                f"Unknown weight {k!r}; use {', '.join(PARTS)}.",
            )
        if not float(v) >= 0:
            raise UsageError(f"Trọng số {k} phải không âm.", f"Weight {k} must not be negative.")
        w[k] = float(v)
    total = sum(w.values())
    if total <= 0:
        raise UsageError("Tổng trọng số phải lớn hơn 0.", "The weights must not all be zero.")
    return {k: v / total for k, v in w.items()}


def _unit_labels(results: Any, keys: Iterable[str], lang: str) -> dict[str, str]:
    from ..evidence.provinces import province_name

    frames = [results.obs[["province_code", "source_id", "unit_name", "admin_level"]]]
    frames.append(results.mentions[["province_code", "source_id", "unit_name"]].assign(admin_level=""))
    import pandas as pd

    rows = pd.concat(frames, ignore_index=True)
    rows["key"] = [unit_key(c, s) for c, s in zip(rows["province_code"], rows["source_id"], strict=True)]
    out = {}
    for key in keys:
        if key.startswith("?"):
            src = key[1:]
            out[key] = (f"Tỉnh không nêu tên (nguồn {src})" if lang == "vi" else f"Unnamed province (source {src})")
            continue
        try:
            name = province_name(key, "63", lang)
        except Exception:  # noqa: BLE001 - a user code outside the 63 map keeps its code
            name = key
        sub = {_s(u) for u in rows.loc[rows["key"] == key, "unit_name"]}
        levels = set(rows.loc[(rows["key"] == key) & (rows["admin_level"] != ""), "admin_level"])
        # a source about one district only: say so in the label
        if len(sub) == 1 and "" not in sub and levels <= {"district"}:
            name = f"{next(iter(sub))} ({name})"
        out[key] = name
    return out


def _evidence_table(results: Any, k: LeverKnowledge) -> dict[str, list[dict]]:
    """Per lever, its evidence rows (results and proposals) with their weights and citations."""
    import pandas as pd

    from ..evidence.taxonomy import load_mentions

    ev = k.evidence[["lever", "source_id", "paragraph", "kind"]].copy()
    # proposals count from every coded source, not only those of the units in view, so that a
    # unit's ranking does not depend on which other provinces the report covers
    m = pd.concat([load_mentions(), results.mentions], ignore_index=True)
    m = m[m["kind"].astype(str) == "lever"].drop_duplicates(["source_id", "paragraph", "code"])
    prop = pd.DataFrame({"lever": m["code"], "source_id": m["source_id"], "paragraph": m["paragraph"],
                         "kind": "proposal"})
    both = pd.concat([ev, prop], ignore_index=True)
    both["weight"] = both["kind"].map(EVIDENCE_WEIGHT).fillna(0.0)
    both["cite"] = [cite_one(s, p) for s, p in zip(both["source_id"], both["paragraph"], strict=True)]
    out: dict[str, list[dict]] = {}
    for r in both.to_dict("records"):
        out.setdefault(r["lever"], []).append(r)
    return out


def _evidence_part(lever: str, ev: dict[str, list[dict]]) -> dict:
    rows = ev.get(lever, [])
    results = [r for r in rows if r["kind"] != "proposal"]
    best: dict[str, float] = {}
    for r in rows:
        best[r["source_id"]] = max(best.get(r["source_id"], 0.0), r["weight"])
    n_fig_sources = len({r["source_id"] for r in results if r["kind"] in ("before_after", "after_only")})
    if any(r["kind"] == "before_after" for r in results) or n_fig_sources >= 2:
        confidence = "high"
    elif n_fig_sources == 1:
        confidence = "medium"
    else:
        confidence = "low"
    return dict(
        part_evidence=min(1.0, sum(best.values()) / EVIDENCE_FULL),
        confidence=confidence,
        evidence_results=join_cites(r["cite"] for r in results if r["kind"] != "counter"),
        evidence_counter=join_cites(r["cite"] for r in results if r["kind"] == "counter"),
        evidence_proposals=join_cites(r["cite"] for r in rows if r["kind"] == "proposal"),
        evidence_sources=";".join(sorted(best)),
    )


def _survey_prevalence(results: Any, keys: Iterable[str]) -> dict[tuple[str, str], float]:
    """Optional survey input: share of respondents naming each barrier, per unit (0–1).

    Reads ``results.survey_barriers`` (or ``survey_prevalence``): the table of
    `dvc_analysis.survey.prevalence.barrier_prevalence` (province_code, group, code, prevalence
    in %) or a plain one (unit_key or province_code, barrier, prevalence). Only rows for all
    respondents (empty ``group``) count; an empty province code means every surveyed unit.
    """
    sv = getattr(results, "survey_barriers", None)
    if sv is None:
        sv = getattr(results, "survey_prevalence", None)
    if sv is None or len(sv) == 0:
        return {}
    if "group" in sv:
        sv = sv[sv["group"].map(_s) == ""]
    out: dict[tuple[str, str], float] = {}
    for r in sv.to_dict("records"):
        code = _s(r.get("barrier")) or _s(r.get("code"))
        p = float(r["prevalence"])
        p = p / 100 if p > 1 else p
        key = _s(r.get("unit_key")) or _s(r.get("province_code"))
        for k in ([key] if key else keys):
            out[(k, code)] = max(out.get((k, code), 0.0), p)
    return out


def candidates(results: Any, knowledge: LeverKnowledge | None = None) -> pd.DataFrame:
    """Every (unit, lever) pair resting on at least one cited gap or barrier, with the score parts.

    Parameters
    ----------
    results : Results or namespace
        Reads ``obs``, ``gaps``, ``pipelines``, ``indicators``, ``comparisons_province``,
        ``mentions`` and, when present, ``survey_barriers`` (see `_survey_prevalence`) and
        ``dossier_hotspots`` (unit_key or province_code, name, dossiers_offline: the procedures
        or agencies with most dossiers still filed in person, from the dossier engine).
    knowledge : LeverKnowledge, optional
        Lever tables; the bundled ones by default.

    Returns
    -------
    DataFrame, one row per unit and lever, with ``part_gap``, ``part_barrier``,
    ``part_evidence``, ``part_feasibility`` (each 0–1) and what each part rests on.

    Examples
    --------
    >>> import types
    >>> from dvc_analysis.analysis.results import prepare
    >>> c = candidates(types.SimpleNamespace(**prepare()))
    >>> bool(c["part_gap"].between(0, 1).all())
    True
    """
    import pandas as pd

    k = knowledge or load_knowledge()
    gaps = unit_gaps(results)
    m = results.mentions
    bars = m[m["kind"].astype(str) == "barrier"].copy()
    bars["unit_key"] = [unit_key(c, s) for c, s in zip(bars["province_code"], bars["source_id"], strict=True)]
    bars["cite"] = [cite_one(s, p) for s, p in zip(bars["source_id"], bars["paragraph"], strict=True)]
    ev = _evidence_table(results, k)
    links = k.lever_barrier.groupby("lever")["barrier"].apply(set).to_dict()
    keys = sorted(set(gaps["unit_key"]) | set(bars["unit_key"]))
    survey = _survey_prevalence(results, keys)
    # plain lists per unit: the loop below runs once per lever and unit
    gaps_of = {k: [] for k in keys}
    for r in gaps.to_dict("records"):  # unit_gaps sorts by size, largest first
        gaps_of[r["unit_key"]].append(r)
    bars_of = {k: [] for k in keys}
    for r in bars[["unit_key", "code", "cite", "source_id"]].to_dict("records"):
        bars_of[r["unit_key"]].append(r)
    rows = []
    for lever in k.levers.to_dict("records"):
        code = lever["code"]
        inds = {i for i in _s(lever["indicators"]).split(";") if i}
        addressed = links.get(code, set())
        e = _evidence_part(code, ev)
        feas = (HORIZON_MARK.get(lever["horizon"], 0.3) + ACTOR_MARK.get(lever["actor_level"], 0.5)) / 2
        for key in keys:
            g = [r for r in gaps_of[key] if r["indicator"] in inds]
            b_all = bars_of[key]
            b = [r for r in b_all if r["code"] in addressed]
            if not g and not b:
                continue
            share = len(b) / len(b_all) if b_all else 0.0
            prev = max([survey.get((key, c), 0.0) for c in addressed] or [0.0])
            main = g[0] if g else {}
            by_code: dict[str, list[str]] = {}
            for r in b:
                by_code.setdefault(r["code"], []).append(r["cite"])
            rows.append(dict(
                unit_key=key, lever=code,
                part_gap=float(main.get("size", 0.0)),
                part_barrier=max(share, prev), part_feasibility=feas, **e,
                gap_kind=_s(main.get("kind")), gap_indicator=_s(main.get("indicator")),
                gap_value=_s(main.get("value_text")), gap_period=_s(main.get("period")),
                target_or_peer=_s(main.get("reference")),
                gap_cited=join_cites(c for r in g for c in r["cites"].split("; ")),
                gap_sources=";".join(sorted({x for r in g for x in r["sources"].split(";") if x})),
                gap_clauses_vi=[r["clause_vi"] for r in g], gap_clauses_en=[r["clause_en"] for r in g],
                gap_kinds=[r["kind"] for r in g],
                gap_target_ids=[r["target_id"] for r in g if r["target_id"]],
                barriers=";".join(sorted(by_code)),
                barriers_cited=join_cites(r["cite"] for r in b),
                barrier_sources=";".join(sorted({r["source_id"] for r in b})),
                barrier_cites={c: join_cites(v) for c, v in by_code.items()},
                survey_prevalence=prev,
            ))
    return pd.DataFrame(rows)


def _score(cand: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    return sum(weights[p] * cand[f"part_{p}"] for p in PARTS)


def _rank(cand: pd.DataFrame) -> pd.DataFrame:
    # rounding keeps float noise from reordering equal scores; ties go to the lever code
    cand = cand.assign(_s=cand["score"].round(9)).sort_values(["unit_key", "_s", "lever"],
                                                               ascending=[True, False, True])
    cand["rank"] = cand.groupby("unit_key").cumcount() + 1
    return cand.drop(columns="_s").reset_index(drop=True)


def _focus(cand: pd.DataFrame, labels: dict[str, str], focus) -> pd.DataFrame:
    if focus is None:
        return cand
    wanted = {focus} if isinstance(focus, str) else set(focus)
    keep = {k for k, lab in labels.items() if k in wanted or lab in wanted}
    if not keep:
        raise UsageError(
            f"Không có đơn vị nào khớp {sorted(wanted)}; có: {', '.join(sorted(labels.values()))}.",
            f"No unit matches {sorted(wanted)}; available: {', '.join(sorted(labels.values()))}.",
        )
    return cand[cand["unit_key"].isin(keep)]


def recommend(results: Any, *, weights: Mapping[str, float] | None = None, focus=None,
              knowledge: LeverKnowledge | None = None, lang: str | None = None) -> pd.DataFrame:
    """Ranked recommendations: one row per unit and lever, each tied to cited gaps or barriers.

    A lever is a candidate for a unit when it is expected to move an indicator on which the
    unit has a cited gap, or addresses a barrier that the unit's sources name. Its score is
    the weighted sum of four parts, each on 0–1:

    * ``gap``: the largest cited gap it addresses (shortfall / target, or the share lost at a
      step of the provision–use or payment chain, or the share of procedures not online);
    * ``barrier``: the share of the unit's coded barrier mentions that it addresses (or the
      survey prevalence of those barriers, when a survey is loaded and higher);
    * ``evidence``: per source, the best of 1.0 (before/after figures), 0.6 (figures after
      the lever), 0.3 (a result stated without figures), 0.1 (a proposal), summed and
      divided by 1.5 (capped at 1);
    * ``feasibility``: the mean of a horizon mark (short 1, medium 0.6, long 0.3) and an actor
      mark (the province acts alone 1, central action needed 0.5).

    Parameters
    ----------
    results : Results or namespace
        Output of ``analyse`` (read by attribute).
    weights : mapping, optional
        Weights of ``gap``, ``barrier``, ``evidence``, ``feasibility`` (rescaled to sum 1).
    focus : str or list of str, optional
        Unit labels or keys (province codes, "?001" for the unnamed province of source 001).
    knowledge : LeverKnowledge, optional
        Lever tables (bundled plus the user's, see `load_knowledge`).
    lang : "vi" or "en", optional
        Language of labels and names; ``results.lang`` by default.

    Returns
    -------
    DataFrame sorted by unit and rank; columns include unit, rank, lever, lever_name, score,
    part_gap, part_barrier, part_evidence, part_feasibility, gap_indicator, gap_value,
    target_or_peer, barriers, evidence (every citation the row rests on), actor, horizon,
    confidence, thin_evidence, text_vi, text_en.

    Examples
    --------
    >>> import types
    >>> from dvc_analysis import report
    >>> rec = recommend(types.SimpleNamespace(**report.prepare()))
    >>> bool((rec.groupby("unit")["rank"].min() == 1).all())
    True
    """
    import pandas as pd

    from .recommend_text import compose, text_context

    lang = lang or getattr(results, "lang", "vi") or "vi"
    w = check_weights(weights)
    k = knowledge or load_knowledge()
    cand = candidates(results, k)
    if cand.empty:
        return pd.DataFrame(columns=["unit", "rank", "lever", "score", "text_vi", "text_en"])
    labels = _unit_labels(results, sorted(set(cand["unit_key"])), lang)
    cand = _focus(cand, labels, focus)
    cand = cand.assign(score=_score(cand, w))
    cand = _rank(cand)
    lv = k.levers.set_index("code")
    name_col = "name_vi" if lang == "vi" else "name_en"
    cand.insert(0, "unit", cand["unit_key"].map(labels))
    cand["lever_name"] = cand["lever"].map(lv[name_col])
    ind_names = dict(zip(results.indicators["id"], results.indicators[name_col], strict=True))
    cand["gap_indicator_name"] = cand["gap_indicator"].map(ind_names).fillna(cand["gap_indicator"])
    cand["actor"] = cand["lever"].map(lv["actor_vi" if lang == "vi" else "actor_en"])
    cand["horizon"] = cand["lever"].map(lv["horizon"])
    cand["thin_evidence"] = cand["confidence"] == "low"
    cand["evidence"] = [
        join_cites(c for part in parts for c in part.split("; "))
        for parts in zip(cand["gap_cited"], cand["barriers_cited"], cand["evidence_results"],
                         cand["evidence_counter"], cand["evidence_proposals"], strict=True)
    ]
    ctx = text_context(k, results)
    texts = [compose(r, ctx) for r in cand.to_dict("records")]
    cand["text_vi"] = [t[0] for t in texts]
    cand["text_en"] = [t[1] for t in texts]
    first = ["unit", "rank", "lever", "lever_name", "score", *(f"part_{p}" for p in PARTS),
             "gap_indicator", "gap_value", "gap_period", "target_or_peer", "barriers", "evidence",
             "actor", "horizon", "confidence", "thin_evidence", "text_vi", "text_en"]
    return cand[first + [c for c in cand.columns if c not in first]]


def sensitivity(results: Any, *, schemes: Mapping[str, Mapping[str, float]] | None = None,
                top: int = 3, focus=None, knowledge: LeverKnowledge | None = None,
                lang: str | None = None) -> pd.DataFrame:
    """How each recommendation's rank moves when the weights change.

    Parameters
    ----------
    results : Results or namespace
    schemes : mapping name -> weights, optional
        ``SCHEMES`` by default (default, equal, each part doubled, evidence or feasibility off).
    top : int
        A recommendation "stays on top" when its rank is at most ``top`` in every scheme.
    focus, knowledge, lang :
        As in `recommend`.

    Returns
    -------
    DataFrame, one row per unit and lever: ``rank_<scheme>`` for each scheme, ``best_rank``,
    ``worst_rank``, ``top_share`` (share of schemes with rank ≤ top) and ``stays_on_top``;
    sorted by unit and default rank.

    Examples
    --------
    >>> import types
    >>> from dvc_analysis import report
    >>> s = sensitivity(types.SimpleNamespace(**report.prepare()))
    >>> {"rank_default", "stays_on_top"} <= set(s.columns)
    True
    """
    k = knowledge or load_knowledge()
    lang = lang or getattr(results, "lang", "vi") or "vi"
    cand = candidates(results, k)
    labels = _unit_labels(results, sorted(set(cand["unit_key"])), lang)
    cand = _focus(cand, labels, focus)
    return rank_stability(cand.assign(unit=cand["unit_key"].map(labels)), schemes=schemes, top=top)


def rank_stability(table: pd.DataFrame, *, schemes: Mapping[str, Mapping[str, float]] | None = None,
                   top: int = 3) -> pd.DataFrame:
    """The ranks of every (unit, lever) under each weight scheme, from the score parts alone.

    Parameters
    ----------
    table : DataFrame
        Columns unit_key, lever, part_gap, part_barrier, part_evidence, part_feasibility and
        optionally unit (e.g. the output of `recommend`).
    schemes : mapping name -> weights, optional
        ``SCHEMES`` by default.
    top : int
        Rank up to which a recommendation counts as "on top".

    Returns
    -------
    DataFrame as described in `sensitivity`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit_key": ["19", "19"], "lever": ["L01", "L04"], "part_gap": [1, 0],
    ...                   "part_barrier": [0, 1], "part_evidence": [1, 0], "part_feasibility": [1, 1]})
    >>> list(rank_stability(t)["worst_rank"])
    [1, 2]
    """
    schemes = dict(schemes or SCHEMES)
    cand = table[["unit_key", "lever", *(f"part_{p}" for p in PARTS)]].copy()
    out = cand[["unit_key", "lever"]].copy()
    for name, weights in schemes.items():
        ranked = _rank(cand.assign(score=_score(cand, check_weights(weights))))
        out = out.merge(ranked[["unit_key", "lever", "rank"]].rename(columns={"rank": f"rank_{name}"}),
                        on=["unit_key", "lever"])
    rank_cols = [f"rank_{n}" for n in schemes]
    out["best_rank"] = out[rank_cols].min(axis=1)
    out["worst_rank"] = out[rank_cols].max(axis=1)
    out["top_share"] = (out[rank_cols] <= top).mean(axis=1)
    out["stays_on_top"] = out["worst_rank"] <= top
    labels = dict(zip(table["unit_key"], table["unit"], strict=True)) if "unit" in table else {}
    out.insert(0, "unit", out["unit_key"].map(labels).fillna(out["unit_key"]))
    return out.sort_values(["unit_key", rank_cols[0]]).reset_index(drop=True)


def with_recommendations(results: Any, *, data_files=(), lang: str | None = None) -> Any:
    """The same results with ``recommendations`` set to the ranked list (for `analyse`/`prepare`).

    Parameters
    ----------
    results : Results (frozen dataclass), dict or namespace
        Everything `recommend` reads.
    data_files : iterable of paths
        The user's data files; their lever sheets join the bundled levers (`knowledge_for`).
    lang : "vi" or "en", optional

    Returns
    -------
    A new object of the same kind (``dataclasses.replace`` for a dataclass; a new dict for a dict).

    Examples
    --------
    >>> from dvc_analysis.analysis.results import prepare
    >>> ctx = with_recommendations(prepare())
    >>> int(ctx["recommendations"]["rank"].min())
    1
    """
    import dataclasses
    from types import SimpleNamespace

    from .lever_knowledge import knowledge_for

    view = SimpleNamespace(**results) if isinstance(results, dict) else results
    rec = recommend(view, lang=lang, knowledge=knowledge_for(data_files))
    if dataclasses.is_dataclass(results) and not isinstance(results, type):
        return dataclasses.replace(results, recommendations=rec)
    if isinstance(results, dict):
        return {**results, "recommendations": rec}
    return SimpleNamespace(**{**vars(results), "recommendations": rec})


def dossier_hotspots(computation: Any, *, top: int = 10) -> pd.DataFrame:
    """The procedures or agencies with most dossiers not filed online, from a dossier-engine run.

    Parameters
    ----------
    computation : object with a ``wide`` table
        A run of `dvc_analysis.dossiers` (columns unit_label, province_code, received, online).
    top : int
        Rows kept per province.

    Returns
    -------
    DataFrame with province_code, name, dossiers_offline, received: the optional
    ``dossier_hotspots`` input of `recommend` (set it on the results before calling).

    Examples
    --------
    >>> import types, pandas as pd
    >>> run = types.SimpleNamespace(wide=pd.DataFrame({"unit_label": ["A", "B", "A"],
    ...     "province_code": ["19", "19", "19"], "received": [10, 50, 5], "online": [2, 45, 1]}))
    >>> dossier_hotspots(run)[["name", "dossiers_offline"]].values.tolist()
    [['A', 12], ['B', 5]]
    """
    w = computation.wide
    g = w.groupby(["province_code", "unit_label"], as_index=False)[["received", "online"]].sum()
    g["dossiers_offline"] = g["received"] - g["online"]
    g = g.sort_values(["province_code", "dossiers_offline", "unit_label"], ascending=[True, False, True])
    g = g.groupby("province_code", sort=True).head(top).rename(columns={"unit_label": "name"})
    return g[["province_code", "name", "dossiers_offline", "received"]].reset_index(drop=True)
