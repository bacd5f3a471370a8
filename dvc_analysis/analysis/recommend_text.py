"""Recommendation sentences (vi/en) and the report parts built from the ranked table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..text.fmt import fmt_number, fmt_percent
from ..text.words import tr
from .gaps_for_levers import _lower_first, _s, cite_one, join_cites, unit_key
from .lever_knowledge import LeverKnowledge

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

BY_WHEN = {
    "short": ("trong 6 tháng", "within six months"),
    "medium": ("trong 12 tháng", "within twelve months"),
    "long": ("trong 2–3 năm", "within two to three years"),
}
THIN_VI = "chưa đủ bằng chứng để xếp ưu tiên"
THIN_EN = "the evidence is too thin to set a priority"
CONFIDENCE = {"high": ("cao", "high"), "medium": ("trung bình", "medium"), "low": ("thấp", "low")}
HORIZON = {"short": ("ngắn hạn (6 tháng)", "short (6 months)"),
           "medium": ("trung hạn (12 tháng)", "medium (12 months)"),
           "long": ("dài hạn (2–3 năm)", "long (2–3 years)")}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _names(results: Any, lang: str) -> dict[str, str]:
    ind = results.indicators
    col = "name_vi" if lang == "vi" else "name_en"
    return {str(i): _lower_first(str(n)) for i, n in zip(ind["id"], ind[col], strict=True)}


def _place(row: Mapping, lang: str) -> str:
    from ..evidence.provinces import province_name

    code = _s(row.get("province_code"))
    try:
        prov = province_name(code, "63", lang) if code else ""
    except Exception:  # noqa: BLE001 - unknown code: show it as written
        prov = code
    unit = _s(row.get("unit_name"))
    if unit and prov:
        return f"{unit} ({prov})"
    return unit or prov or tr(lang, "tỉnh không nêu tên", "an unnamed province")


def text_context(k: LeverKnowledge, results: Any) -> dict:
    """Lookups shared by every sentence of one `recommend` call (plain dicts, built once).

    Parameters
    ----------
    k : LeverKnowledge
    results : Results or namespace

    Returns
    -------
    dict
        names, barriers, levers, templates, evidence, own mentions, targets, periods, hotspots.

    Examples
    --------
    >>> import types
    >>> from dvc_analysis.analysis.lever_knowledge import load_knowledge
    >>> from dvc_analysis.analysis.results import prepare
    >>> ctx = text_context(load_knowledge(), types.SimpleNamespace(**prepare()))
    >>> ctx["levers"]["L13"]["horizon"]
    'short'
    """
    from ..evidence.taxonomy import load_barriers

    m = results.mentions
    m = m[m["kind"].astype(str) == "lever"]
    own: dict[tuple[str, str], list[str]] = {}
    for c, s, p, code in zip(m["province_code"], m["source_id"], m["paragraph"], m["code"], strict=True):
        own.setdefault((unit_key(c, s), code), []).append(cite_one(s, p))
    evidence: dict[str, list[dict]] = {}
    for r in k.evidence.sort_values(["kind", "evidence_id"]).to_dict("records"):
        evidence.setdefault(r["lever"], []).append(r)
    from ..text.fmt import period_label

    periods = {}
    for oid, a, b, label in zip(results.obs["obs_id"], results.obs["period_start"], results.obs["period_end"],
                                results.obs["period_label"], strict=True):
        periods[str(oid)] = (_lower_first(_s(label)), period_label(a, b, lang="en"))
    return dict(
        periods=periods,
        names={lang: _names(results, lang) for lang in ("vi", "en")},
        barriers={b["code"]: (_lower_first(b["name_vi"]), _lower_first(b["name_en"]))
                  for b in load_barriers().to_dict("records")},
        levers={r["code"]: r for r in k.levers.to_dict("records")},
        templates={r["lever"]: r for r in k.templates.to_dict("records")},
        evidence=evidence, own=own,
        targets=results.targets.to_dict("records"),
        hotspots=getattr(results, "dossier_hotspots", None),
    )


def _target_for(ctx: dict, rec: Mapping, indicator: str) -> dict | None:
    """The target a recommendation is measured against: the latest one set for the indicator
    (the unit's own province first when years tie); the gap sentence keeps the target then due."""
    code = rec["unit_key"] if not rec["unit_key"].startswith("?") else ""
    hits = [t for t in ctx["targets"] if t["indicator"] == indicator
            and (t["scope"] == "national" or _s(t["province_code"]) == code)]
    if not hits:
        return None
    return sorted(hits, key=lambda t: (-int(float(t["target_year"])), t["scope"] != "province"))[0]


def _target_text(t: dict, lang: str) -> str:
    over = _s(t.get("comparator")) == "gt"
    value = tr(lang, "trên ", "over ") * over + fmt_percent(t["target_value"], lang=lang)
    year = int(float(t["target_year"]))
    cite = f" [{cite_one(t['source_id'], t['paragraph'])}]" if _s(t.get("source_id")) else ""
    return tr(lang, f", phấn đấu đến năm {year} đạt {value} ({_s(t['document'])}{cite})",
              f", aiming at {value} by {year} ({_s(t['document'])}{cite})")


def _evidence_sentences(rec: Mapping, ctx: dict, lang: str) -> list[str]:
    names = ctx["names"][lang]
    ev = ctx["evidence"].get(rec["lever"], [])
    fig = [r for r in ev if r["kind"] in ("before_after", "after_only")]
    nofig = [r for r in ev if r["kind"] == "no_figure"]
    counter = [r for r in ev if r["kind"] == "counter"]
    out = []
    if fig:
        items, seen = [], set()
        for r in fig:
            if r["source_id"] in seen or len(items) == 2:
                continue
            seen.add(r["source_id"])
            what = names.get(_s(r["indicator"]), _s(r["indicator"]))
            figure = (f"{_s(r['before'])} → {_s(r['after'])}" if r["kind"] == "before_after" else _s(r["after"]))
            period = _lower_first(_s(r["period"]))
            if _s(r.get("after_obs")) in ctx["periods"]:
                period = ctx["periods"][_s(r["after_obs"])][0 if lang == "vi" else 1]
            if lang == "en":  # figures are kept as printed; English swaps the separators
                figure = figure.translate(str.maketrans({".": ",", ",": "."}))
            cite = cite_one(r["source_id"], r["paragraph"])
            items.append(tr(lang, f"tại {_place(r, lang)}, {what} đạt {figure} ({period}) [{cite}]",
                            f"in {_place(r, lang)}, the {what} was {figure} ({period}) [{cite}]"))
        lead = tr(lang, "Kết quả ghi nhận sau khi áp dụng giải pháp này: ",
                  "Reported after the lever was applied: ")
        out.append(lead + "; ".join(items) + ".")
        if not any(r["kind"] == "before_after" for r in fig):
            out.append(tr(lang, "Đây là số liệu sau khi thực hiện, không có số liệu trước hoặc địa bàn đối "
                                "chứng, nên chưa đủ căn cứ để đánh giá tác động của giải pháp.",
                          "These are figures after the fact, with no baseline or comparison group, so they "
                          "do not show an effect."))
    if rec["confidence"] == "low":
        if nofig:
            cites = join_cites(cite_one(r["source_id"], r["paragraph"]) for r in nofig)
            out.append(tr(lang, f"Kết quả mới được nêu bằng nhận định, chưa có số liệu [{cites}]; {THIN_VI}.",
                          f"Results are only asserted, without figures [{cites}]; {THIN_EN}."))
        elif rec["evidence_proposals"]:
            out.append(tr(lang, f"Giải pháp mới được đề xuất [{rec['evidence_proposals']}], chưa nguồn nào báo cáo "
                                f"kết quả sau khi thực hiện; {THIN_VI}.",
                          f"The lever has only been proposed [{rec['evidence_proposals']}] and no source reports "
                          f"a result after it; {THIN_EN}."))
        else:
            out.append(tr(lang, f"Chưa nguồn nào đề xuất hoặc báo cáo kết quả của giải pháp này; {THIN_VI}.",
                          f"No source proposes the lever or reports a result of it; {THIN_EN}."))
    for r in counter:
        summary = _lower_first(_s(r["summary_vi" if lang == "vi" else "summary_en"]))
        out.append(tr(lang, "Lưu ý: ", "Note: ") + f"{summary} [{cite_one(r['source_id'], r['paragraph'])}].")
    return out


def _hotspots(ctx: dict, key: str, lang: str) -> str:
    """Optional dossier-engine input: where most dossiers are still filed offline."""
    hs = ctx["hotspots"]
    if hs is None or len(hs) == 0:
        return ""
    hs = hs.copy()
    if "unit_key" not in hs:
        hs["unit_key"] = [unit_key(c, "") for c in hs["province_code"]]
    hs = hs[hs["unit_key"] == key].sort_values(["dossiers_offline", "name"], ascending=[False, True]).head(3)
    if hs.empty:
        return ""
    items = ", ".join(f"{n} ({fmt_number(v, lang=lang)})" for n, v in zip(hs["name"], hs["dossiers_offline"], strict=True))
    return tr(lang, f"Làm trước ở các thủ tục, cơ quan còn nhiều hồ sơ nộp trực tiếp nhất: {items}.",
              f"Start with the procedures and agencies with most dossiers still filed in person: {items}.")


def _two_gaps(clauses: list[str], kinds: list[str]) -> list[str]:
    """The largest gap and, beside it, the largest of another kind (a target after a pipeline
    step, say), else the next largest: two different angles on the same problem."""
    if len(clauses) <= 2 or len(kinds) != len(clauses):
        return clauses[:2]
    other = next((i for i in range(1, len(kinds)) if kinds[i] != kinds[0]), 1)
    return [clauses[0], clauses[other]]


def compose(rec: Mapping, ctx: dict) -> tuple[str, str]:
    """The recommendation in Vietnamese and English: who acts, what, by when; the cited gaps and
    barriers it answers; what is known of its effect; the indicator and target that measure it.

    Parameters
    ----------
    rec : mapping
        One row of `candidates` with its rank and score.
    ctx : dict
        From `text_context` (the lever tables and the results, as lookups).

    Returns
    -------
    (text_vi, text_en)

    Examples
    --------
    >>> import types
    >>> from dvc_analysis.analysis.results import prepare
    >>> rec = prepare()["recommendations"]
    >>> bool(rec["text_vi"].str.startswith("Đề nghị").all())
    True
    """
    lever = ctx["levers"][rec["lever"]]
    tpl = ctx["templates"].get(rec["lever"])
    bnames = ctx["barriers"]
    out = []
    for i, lang in enumerate(("vi", "en")):
        actor = _s(lever[f"actor_{lang}"])
        by_when = BY_WHEN.get(_s(lever["horizon"]), BY_WHEN["long"])[i]
        if tpl:
            action = _s(tpl[f"action_{lang}"])
        else:  # a user lever without a template: a plain sentence from its name
            action = tr(lang, f"Đề nghị UBND tỉnh giao {{actor}} thực hiện giải pháp: "
                              f"{_lower_first(_s(lever['name_vi']))}; hoàn thành {{by_when}}.",
                        f"The Provincial People's Committee should task {{actor}} with: "
                        f"{_lower_first(_s(lever['name_en']))}, {{by_when}}.")
        parts = [action.format(actor=actor, Actor=_upper_first(actor), by_when=by_when)]
        clauses = _two_gaps(rec[f"gap_clauses_{lang}"], rec.get("gap_kinds") or [])
        if clauses:
            parts.append(tr(lang, "Cơ sở đề xuất: ", "Basis: ") + "; ".join(clauses) + ".")
        if rec["barriers"]:
            cites = rec["barrier_cites"]
            items = [f"{bnames.get(c, (c, c))[i]} [{cites.get(c, '')}]" for c in rec["barriers"].split(";")]
            parts.append(tr(lang, "Giải pháp nhằm tháo gỡ các vướng mắc mà nguồn đã nêu: ",
                            "The lever addresses obstacles the sources name: ") + "; ".join(items) + ".")
        else:
            parts.append(tr(lang, "Chưa nguồn nào nêu trở ngại tương ứng; kiến nghị dựa trên khoảng cách về số liệu.",
                            "No source names a matching obstacle; the recommendation rests on the gap in the figures."))
        own = join_cites(ctx["own"].get((rec["unit_key"], rec["lever"]), []))
        if own:
            parts.append(tr(lang, f"Chính nguồn của địa phương cũng đã đề cập giải pháp này [{own}].",
                            f"The unit's own source also names this lever [{own}]."))
        parts.extend(_evidence_sentences(rec, ctx, lang))
        hot = _hotspots(ctx, rec["unit_key"], lang) if rec["gap_indicator"] else ""
        if hot:
            parts.append(hot)
        ind = rec["gap_indicator"] or next((x for x in _s(lever["indicators"]).split(";") if x), "")
        if ind:
            t = _target_for(ctx, rec, ind)
            name = _upper_first(ctx["names"][lang].get(ind, ind))
            parts.append(tr(lang, f"Theo dõi kết quả qua chỉ tiêu «{name}»", f"Progress is measured by the indicator “{name}”")
                         + (_target_text(t, lang) if t else "") + ".")
        out.append(" ".join(parts))
    return out[0], out[1]


# --------------------------------------------------------------------------- report parts


def key_recommendations(rec: pd.DataFrame, *, n: int = 5, lang: str = "vi") -> list[str]:
    """The three to five strongest recommendations for "Những kiến nghị chính".

    Each unit's first-ranked recommendation comes before any second-ranked one; within a rank,
    those with enough evidence come first, then the higher score. Fewer than three only when
    fewer exist.

    Parameters
    ----------
    rec : DataFrame
        Output of `recommend`.
    n : int
        At most this many (3 to 5).
    lang : "vi" or "en"

    Returns
    -------
    list of str, each "Unit: sentence".

    Examples
    --------
    >>> import types
    >>> from dvc_analysis import report
    >>> from dvc_analysis.analysis.recommend import recommend
    >>> len(key_recommendations(recommend(types.SimpleNamespace(**report.prepare())))) in (3, 4, 5)
    True
    """
    if rec is None or rec.empty:
        return []
    n = max(3, min(5, int(n)))
    order = rec.sort_values(["rank", "thin_evidence", "score", "unit", "lever"],
                            ascending=[True, True, False, True, True])
    text = "text_vi" if lang == "vi" else "text_en"
    return [f"{_upper_first(r['unit'])}: {r[text]}" for r in order.head(n).to_dict("records")]


def ranked_table(rec: pd.DataFrame, *, lang: str = "vi", max_rank: int | None = None,
                 compact: bool = False) -> pd.DataFrame:
    """The full ranked table for the report: one row per unit and recommendation, score parts shown.

    Parameters
    ----------
    rec : DataFrame
        Output of `recommend`.
    lang : "vi" or "en"
    max_rank : int, optional
        Keep only ranks up to this number per unit.
    compact : bool
        Leave out the lead agency and the citations (for a page-wide table in the report).

    Returns
    -------
    DataFrame with display headers in the chosen language.

    Examples
    --------
    >>> import pandas as pd
    >>> ranked_table(pd.DataFrame()).empty
    True
    """
    import pandas as pd

    if rec is None or rec.empty:
        return pd.DataFrame()
    r = rec if max_rank is None else rec[rec["rank"] <= max_rank]
    i = 0 if lang == "vi" else 1

    def num(x: float) -> str:
        return fmt_number(x, 2, lang=lang)

    table = pd.DataFrame({
        tr(lang, "Đơn vị", "Unit"): r["unit"],
        tr(lang, "Hạng", "Rank"): r["rank"].astype(int).astype(str),
        tr(lang, "Giải pháp", "Lever"): r["lever"] + " " + r["lever_name"],
        tr(lang, "Điểm", "Score"): r["score"].map(num),
        tr(lang, "Khoảng cách / rào cản / bằng chứng / khả thi", "Gap / barrier / evidence / feasibility"):
            [" / ".join(num(x) for x in t) for t in zip(r["part_gap"], r["part_barrier"], r["part_evidence"],
                                                        r["part_feasibility"], strict=True)],
        tr(lang, "Chỉ tiêu có khoảng cách", "Indicator with a gap"):
            [f"{a}: {b}" if a else "–" for a, b in zip(r["gap_indicator_name"], r["gap_value"], strict=True)],
        tr(lang, "Rào cản", "Barriers"): r["barriers"].replace("", "–").str.replace(";", ", "),
        tr(lang, "Chủ trì", "Lead"): r["actor"],
        tr(lang, "Thời hạn", "Horizon"): r["horizon"].map(lambda h: HORIZON.get(h, (h, h))[i]),
        tr(lang, "Độ tin cậy", "Confidence"): r["confidence"].map(lambda c: CONFIDENCE.get(c, (c, c))[i]),
        tr(lang, "Trích dẫn", "Cited"): r["evidence"],
    })
    if compact:
        table = table.drop(columns=[tr(lang, "Chủ trì", "Lead"), tr(lang, "Trích dẫn", "Cited")])
    return table


def stable_sentence(rec: pd.DataFrame, *, lang: str = "vi", top: int = 3) -> str:
    """One sentence naming, per unit, the recommendations that stay in the top ``top`` under
    every weight scheme of `SCHEMES`.

    Parameters
    ----------
    rec : DataFrame
        Output of `recommend` (its score parts are re-weighted).
    lang : "vi" or "en"
    top : int

    Returns
    -------
    str
        Empty when there is no recommendation.

    Examples
    --------
    >>> import pandas as pd
    >>> stable_sentence(pd.DataFrame())
    ''
    """
    from .recommend import SCHEMES, rank_stability

    if rec is None or rec.empty:
        return ""
    s = rank_stability(rec, top=top)
    s = s[s["stays_on_top"]].sort_values(["unit", "rank_default"])
    if s.empty:
        return tr(lang, "Không kiến nghị nào giữ được vị trí trong ba hạng đầu ở mọi cách tính trọng số.",
                  "No recommendation stays in the top three under every weighting.")
    names = dict(zip(rec["lever"], rec["lever_name"], strict=True)) if "lever_name" in rec else {}
    items = "; ".join(f"{u}: {', '.join(f'{c} ({_lower_first(names.get(c, c))})' for c in g['lever'])}"
                      for u, g in s.groupby("unit", sort=True))
    n = len(SCHEMES)
    return tr(lang, f"Khi thay đổi trọng số theo {n} cách tính (mặc định, bằng nhau, nhân đôi từng phần, bỏ bằng "
                    f"chứng hoặc bỏ tính khả thi), các kiến nghị luôn nằm trong {top} hạng đầu là — {items}.",
              f"Under {n} weightings (default, equal, each part doubled, evidence or feasibility left out), the "
              f"recommendations that always stay in the top {top} are — {items}.")


def workbook_sheet(rec: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """The editable workbook sheet: the ranked table plus the full sentences in both languages.

    Parameters
    ----------
    rec : DataFrame
        Output of `recommend`.
    lang : "vi" or "en"
        Language of the headers.

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> workbook_sheet(pd.DataFrame()).empty
    True
    """
    table = ranked_table(rec, lang=lang)
    if table.empty:
        return table
    table[tr(lang, "Kiến nghị (tiếng Việt)", "Recommendation (Vietnamese)")] = list(rec["text_vi"])
    table[tr(lang, "Kiến nghị (tiếng Anh)", "Recommendation (English)")] = list(rec["text_en"])
    return table


def method_paragraph(*, lang: str = "vi", weights: Mapping[str, float] | None = None) -> str:
    """One paragraph saying what the score is and what it is not, with the weights in use.

    Parameters
    ----------
    lang : "vi" or "en"
    weights : mapping, optional
        As in `recommend`.

    Returns
    -------
    str

    Examples
    --------
    >>> "does not estimate an effect" in method_paragraph(lang="en")
    True
    """
    from .recommend import check_weights

    w = check_weights(weights)

    def p(x: float) -> str:
        return fmt_number(x, 2, lang=lang)

    if lang == "vi":
        return (
            "Mỗi kiến nghị là một nhóm giải pháp gắn với ít nhất một khoảng cách có trích dẫn (chỉ tiêu còn "
            "thiếu so với mục tiêu, bước hụt trong chuỗi cung cấp – sử dụng hoặc chuỗi thanh toán, phần thủ tục "
            "chưa trực tuyến) hoặc một rào cản mà nguồn của đơn vị đã nêu. Điểm ưu tiên (0–1) là tổng có trọng số "
            f"của bốn phần: khoảng cách lớn nhất mà giải pháp nhắm tới (trọng số {p(w['gap'])}); tỷ lệ số lần "
            f"nêu rào cản của đơn vị mà giải pháp gỡ được ({p(w['barrier'])}); bằng chứng giải pháp có kết quả, "
            "tính theo từng nguồn — 1 nếu có số liệu trước và sau, 0,6 nếu chỉ có số liệu sau khi thực hiện, "
            f"0,3 nếu chỉ có nhận định, 0,1 nếu mới là đề xuất — cộng lại rồi chia cho 1,5 ({p(w['evidence'])}); "
            "và tính khả thi, trung bình của thời hạn (ngắn 1, trung 0,6, dài 0,3) và cấp thực hiện (tỉnh tự làm 1, "
            f"cần Trung ương 0,5) ({p(w['feasibility'])}). Điểm chỉ dùng để xếp thứ tự các giải pháp trong cùng "
            "một đơn vị; nó không ước lượng tác động, không so sánh được giữa các đơn vị và không thay cho "
            "đánh giá của cơ quan tham mưu. Số liệu về kết quả trong các nguồn đều là số liệu sau khi thực hiện, "
            "không có đối chứng, nên không kiến nghị nào được trình bày như một quan hệ nhân quả. Phần kiểm tra "
            "độ nhạy thay đổi trọng số và cho biết kiến nghị nào vẫn đứng đầu."
        )
    return (
        "Each recommendation is a lever tied to at least one cited gap (an indicator short of its target, "
        "a step of the provision–use or payment chain that loses the most, procedures not yet online) or to "
        "a barrier that the unit's own sources name. Its priority score (0–1) is the weighted sum of four "
        f"parts: the largest gap the lever addresses (weight {p(w['gap'])}); the share of the unit's barrier "
        f"mentions that it addresses ({p(w['barrier'])}); evidence that it works, per source — 1 for "
        "before-and-after figures, 0.6 for figures after the lever only, 0.3 for a result stated without "
        f"figures, 0.1 for a proposal — summed and divided by 1.5 ({p(w['evidence'])}); and feasibility, the "
        "mean of a horizon mark (short 1, medium 0.6, long 0.3) and an actor mark (the province alone 1, "
        f"central action needed 0.5) ({p(w['feasibility'])}). The score only orders levers within one unit: "
        "it does not estimate an effect, is not comparable across units and does not replace the judgement "
        "of the advising agency. The sources' results are all figures after the fact without a comparison "
        "group, so no recommendation is stated as a causal claim. The sensitivity check changes the weights "
        "and shows which recommendations stay on top."
    )


def sensitivity_table(sens: pd.DataFrame, *, lang: str = "vi", top: int = 3) -> pd.DataFrame:
    """Display form of `sensitivity`: recommendations that are in the top ``top`` at least once.

    Parameters
    ----------
    sens : DataFrame
        Output of `sensitivity` or `rank_stability`.
    lang : "vi" or "en"
    top : int

    Returns
    -------
    DataFrame with display headers.

    Examples
    --------
    >>> import pandas as pd
    >>> sensitivity_table(pd.DataFrame()).empty
    True
    """
    import pandas as pd

    if sens is None or sens.empty:
        return pd.DataFrame()
    s = sens[sens["best_rank"] <= top]
    return pd.DataFrame({
        tr(lang, "Đơn vị", "Unit"): s["unit"],
        tr(lang, "Giải pháp", "Lever"): s["lever"],
        tr(lang, "Hạng (mặc định)", "Rank (default)"): s["rank_default"].astype(int).astype(str)
        if "rank_default" in s else "",
        tr(lang, "Hạng tốt nhất – kém nhất", "Best – worst rank"):
            [f"{a}–{b}" for a, b in zip(s["best_rank"], s["worst_rank"], strict=True)],
        tr(lang, f"Tỷ lệ cách tính xếp trong {top} đầu", f"Share of schemes in the top {top}"):
            s["top_share"].map(lambda x: fmt_percent(100 * x, 0, lang=lang)),
    })


def export_sentences(rec: pd.DataFrame, path, *, lang: str = "vi"):
    """Write the recommendations for drafting: .xlsx or .csv (the workbook sheet), or .txt/.md
    (one paragraph per recommendation, grouped by unit, in rank order).

    Parameters
    ----------
    rec : DataFrame
        Output of `recommend`.
    path : str or Path
        Target file; its suffix chooses the format.
    lang : "vi" or "en"

    Returns
    -------
    Path of the written file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from dvc_analysis.analysis.results import prepare
    >>> p = export_sentences(prepare()["recommendations"], pathlib.Path(tempfile.mkdtemp()) / "k.md")
    >>> p.read_text(encoding="utf-8").startswith("## ")
    True
    """
    from pathlib import Path

    from ..errors import UsageError, UserDataError

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt", ".md"):
        raise UsageError(f"Không ghi được định dạng {suffix!r}; dùng .xlsx, .csv, .txt hoặc .md.",
                         f"Cannot write {suffix!r}; use .xlsx, .csv, .txt or .md.")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if suffix == ".xlsx":
            workbook_sheet(rec, lang=lang).to_excel(target, index=False, sheet_name=tr(lang, "Kiến nghị", "Recommendations"))
        elif suffix == ".csv":
            workbook_sheet(rec, lang=lang).to_csv(target, index=False, encoding="utf-8-sig")
        else:
            text = "text_vi" if lang == "vi" else "text_en"
            lines, unit = [], None
            for r in rec.sort_values(["unit", "rank"]).to_dict("records"):
                if r["unit"] != unit:
                    unit = r["unit"]
                    lines += ["", f"## {unit}", ""]
                lines.append(f"{int(r['rank'])}. {r[text]}")
            target.write_text("\n".join(lines).lstrip() + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserDataError(f"Không ghi được {target}: {exc}.", f"Cannot write {target}: {exc}.") from exc
    return target
