"""The cited gaps of each unit that a lever can address: targets, pipeline steps, peers, coverage."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ..text.fmt import fmt_number, fmt_percent, fmt_pp, period_label
from ..text.textio import fold
from ..text.words import document_label, unit_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: pipeline (pipeline, stage) -> the indicator whose rate that step is
STAGE_INDICATOR = {
    ("service", "dvctt"): "tthc_online_share",
    ("service", "portal"): "dvctt_portal_integrated",
    ("service", "with_dossiers"): "dvctt_with_dossiers",
    ("payment", "configured"): "payment_configured_share",
    ("payment", "with_dossiers"): "payment_dvctt_with_dossiers",
    ("payment", "online_payment"): "payment_dvctt_online_share",
}
PIPELINE_NAMES = {
    "service": ("chuỗi cung cấp – sử dụng DVCTT", "the provision–use chain"),
    "payment": ("chuỗi thanh toán trực tuyến", "the online payment chain"),
}
#: how a pipeline step reads in a sentence: the previous stage as a noun, this stage as a predicate
_STAGE_NOUN = {
    "tthc": ("TTHC thuộc thẩm quyền", "procedures in remit"),
    "dvctt": ("DVCTT", "online services"),
    "portal": ("DVCTT đã tích hợp lên Cổng DVC quốc gia", "services integrated on the national portal"),
    "fee_tthc": ("TTHC có nghĩa vụ tài chính", "fee-bearing procedures"),
    "configured": ("TTHC có phí đã cấu hình thanh toán trực tuyến", "fee-bearing procedures set up for online payment"),
    "with_dossiers": ("DVCTT có phí đã phát sinh hồ sơ", "fee-bearing services with dossiers"),
}
_STAGE_PREDICATE = {
    ("service", "dvctt"): ("được cung cấp trực tuyến", "are offered online"),
    ("service", "portal"): ("được tích hợp lên Cổng DVC quốc gia", "are integrated on the national portal"),
    ("service", "with_dossiers"): ("có phát sinh hồ sơ", "received any dossier"),
    ("payment", "configured"): ("được cấu hình thanh toán trực tuyến", "are set up for online payment"),
    ("payment", "with_dossiers"): ("có phát sinh hồ sơ", "received dossiers"),
    ("payment", "online_payment"): ("có giao dịch thanh toán trực tuyến", "had any online payment"),
}


def _step_words(pipeline: str, prev_stage: str, stage: str, lang: str) -> tuple[str, str] | None:
    i = 0 if lang == "vi" else 1
    pred = _STAGE_PREDICATE.get((pipeline, stage))
    # "with_dossiers" as a previous stage only occurs in the payment chain
    noun = _STAGE_NOUN.get(prev_stage)
    return (noun[i], pred[i]) if noun and pred else None


GAP_COLUMNS = ["unit_key", "kind", "indicator", "size", "value_text", "period", "reference",
               "cites", "sources", "clause_vi", "clause_en", "obs_ids", "target_id"]


def _s(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    try:
        import pandas as pd

        if pd.isna(x):
            return ""
    except (TypeError, ValueError):
        pass
    return str(x).strip()


def unit_key(province_code: Any, source_id: Any) -> str:
    """The key that pools a unit's figures and mentions: the province code, or "?<source>" when
    the source names no province (so two unnamed provinces never merge).

    Parameters
    ----------
    province_code, source_id : str

    Returns
    -------
    str

    Examples
    --------
    >>> unit_key("", "001_eaf33590f61402fd"), unit_key("19", "004_166ba126f8e735a3")
    ('?001', '19')
    """
    code = _s(province_code)
    return code if code else "?" + _s(source_id).split("_", 1)[0]


def cite_one(source_id: Any, paragraph: Any) -> str:
    """"001 ¶4" for a bundled source; the user source id alone when there is no paragraph.

    Parameters
    ----------
    source_id : str
    paragraph : int, str or missing

    Returns
    -------
    str

    Examples
    --------
    >>> cite_one("001_eaf33590f61402fd", 4.0), cite_one("user:x.xlsx", None)
    ('001 ¶4', 'user:x.xlsx')
    """
    src = _s(source_id)
    short = src.split("_", 1)[0] if re.match(r"^\d{3}_", src) else src
    para = _s(paragraph)
    if para:
        try:
            para = str(int(float(para)))
        except ValueError:
            pass
        return f"{short} ¶{para}"
    return short


def join_cites(cites) -> str:
    """Distinct citations in source, then paragraph order, "; "-joined.

    Parameters
    ----------
    cites : iterable of str

    Returns
    -------
    str

    Examples
    --------
    >>> join_cites(["004 ¶10", "004 ¶9", "004 ¶9", ""])
    '004 ¶9; 004 ¶10'
    """
    def key(c: str):
        m = re.match(r"^(.*?) ¶(\d+)$", c)
        return (m.group(1), int(m.group(2))) if m else (c, 0)
    return "; ".join(sorted({c for c in cites if c}, key=key))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _names(indicators: pd.DataFrame, lang: str) -> dict[str, str]:
    col = "name_vi" if lang == "vi" else "name_en"
    return {str(i): _lower_first(str(n)) for i, n in zip(indicators["id"], indicators[col], strict=True)}


def _pct(row: Any, lang: str, period: str = "") -> str:
    """The figure as a reader should see it, with its counts and period in one bracket."""
    value = row.get("value")
    # a stated percentage is shown as printed; a computed one with one decimal
    if _s(value) != "":
        text = fmt_percent(value, lang=lang)
    else:
        text = fmt_percent(row.get("rate"), 1, lang=lang) if _s(row.get("rate")) else ""
    num, den = _s(row.get("numerator")), _s(row.get("denominator"))
    inner = [period] if period else []
    if num and den:
        inner.insert(0, f"{fmt_number(float(num), lang=lang)}/{fmt_number(float(den), lang=lang)}")
    return f"{text} ({'; '.join(inner)})" if inner else text


def _period(row: Any, lang: str) -> str:
    """The period as a reader says it, lower-cased for use inside a sentence."""
    if lang == "en":
        label = _s(row.get("period_label_en"))
        if not label and _s(row.get("period_start")):
            label = period_label(row["period_start"], row["period_end"], lang="en")
        return label or _s(row.get("period_label"))
    return _lower_first(_s(row.get("period_label")))


def _of(name: str, lang: str) -> str:
    if not name:
        return ""
    return f" của {name}" if lang == "vi" else f" of {unit_name(name, 'en')}"


def _target_gaps(results: Any) -> list[dict]:
    g = results.gaps
    if g is None or len(g) == 0:
        return []
    g = g[g["met"].astype(str).str.lower().isin(["false", "0"])].copy()
    if g.empty:
        return []
    g["unit_key"] = [unit_key(c, s) for c, s in zip(g["province_code"], g["source_id"], strict=True)]
    g["unit_name"] = g["unit_name"].map(_s)
    names = {lang: _names(results.indicators, lang) for lang in ("vi", "en")}
    out = []
    for (key, uname, ind), rows in g.groupby(["unit_key", "unit_name", "indicator"], sort=True):
        latest = rows[rows["period_end"] == rows["period_end"].max()].sort_values("obs_id")
        latest = latest[latest["obs_id"] == latest["obs_id"].iloc[0]]
        due = (latest["target_year"].astype(int) < latest["obs_year"].astype(int)).astype(int)
        own = (latest["scope"].astype(str) != "province").astype(int)
        latest = latest.assign(_due=due, _own=own).sort_values(["_due", "_own", "target_year", "target_id"])
        r = latest.iloc[0].to_dict()
        size = max(0.0, min(1.0, float(r["gap_pp"]) / float(r["target_value"]))) if float(r["target_value"]) else 0.0
        cites = [cite_one(r["source_id"], r["paragraph"])]
        tcite = cite_one(r["target_source_id"], r["target_paragraph"]) if _s(r.get("target_source_id")) else ""
        clauses = {}
        for lang in ("vi", "en"):
            over = _s(r.get("comparator")) == "gt"
            target = ("trên " if lang == "vi" else "over ") * over + fmt_percent(r["target_value"], lang=lang)
            doc = document_label(_s(r["document"]), lang) + (f" [{tcite}]" if tcite else "")
            pp = fmt_pp(r["gap_pp"], sign=False, lang=lang)
            if lang == "vi":
                clauses[lang] = (f"{names['vi'].get(ind, ind)}{_of(uname, 'vi')} đạt {_pct(r, 'vi', _period(r, 'vi'))} "
                                 f"[{cites[0]}], còn thiếu {pp} so với chỉ tiêu "
                                 f"{target} năm {int(r['target_year'])} ({doc})")
            else:
                clauses[lang] = (f"the {names['en'].get(ind, ind)}{_of(uname, 'en')} was {_pct(r, 'en', _period(r, 'en'))} "
                                 f"[{cites[0]}], {pp} short of the "
                                 f"{int(r['target_year'])} target of {target} ({doc})")
        out.append(dict(
            unit_key=key, kind="target", indicator=ind, size=size, value_text=_pct(r, "vi"),
            period=_period(r, "vi"),
            reference=f"{fmt_percent(r['target_value'])} ({int(r['target_year'])}, {_s(r['document'])})",
            cites=join_cites(cites + [tcite]),
            sources=";".join(sorted({_s(r["source_id"]), _s(r.get("target_source_id"))} - {""})),
            clause_vi=clauses["vi"], clause_en=clauses["en"], obs_ids=_s(r["obs_id"]),
            target_id=_s(r["target_id"]),
        ))
    return out


def _obs_cites(obs: pd.DataFrame, obs_ids: str) -> tuple[list[str], list[str]]:
    ids = [i for i in re.split(r"[;,\s]+", obs_ids) if i]
    rows = obs[obs["obs_id"].astype(str).isin(ids)]
    return ([cite_one(s, p) for s, p in zip(rows["source_id"], rows["paragraph"], strict=True)],
            sorted({_s(s) for s in rows["source_id"]}))


def _latest(results: Any, ind: str, cache: dict) -> list[dict]:
    """Latest province-level figures of an indicator, keyed by unit (computed once per call)."""
    if ind not in cache:
        comp = getattr(results, "comparisons_province", None) or {}
        df = comp.get(ind)
        rows = []
        if df is not None and len(df):
            rows = df[df["latest"].astype(bool)].to_dict("records")
            for r in rows:
                r["unit_key"] = unit_key(r["province_code"], r["source_id"])
        cache[ind] = rows
    return cache[ind]


def _peer(results: Any, ind: str, key: str, lang: str,
          cache: dict | None = None) -> tuple[str, str, list[str], list[str]]:
    """Own value and the best comparable peer (same indicator, province level, latest figures)."""
    rows = _latest(results, ind, {} if cache is None else cache)
    own = [r for r in rows if r["unit_key"] == key]
    others = [r for r in rows if r["unit_key"] != key]
    if not own or not others:
        return "", "", [], []
    o = max(own, key=lambda r: (r["period_end"], r["obs_id"]))
    p = min(others, key=lambda r: (-float(r["rate"]), r["obs_id"]))
    if not float(p["rate"]) > float(o["rate"]):
        return "", "", [], []
    label = _s(p.get("unit_label")) or _s(p.get("province_code"))
    if fold(label) == fold("tỉnh không nêu tên"):
        label = "một tỉnh không nêu tên" if lang == "vi" else "an unnamed province"
    c_own, c_peer = cite_one(o["source_id"], o["paragraph"]), cite_one(p["source_id"], p["paragraph"])
    if lang == "vi":
        name = _names(results.indicators, lang).get(ind, ind)
        text = (f"{name} là {_pct(o, 'vi', _period(o, 'vi'))} [{c_own}], trong khi {label} đạt "
                f"{_pct(p, 'vi', _period(p, 'vi'))} [{c_peer}]")
    else:
        name = _names(results.indicators, lang).get(ind, ind)
        text = (f"the {name} was {_pct(o, 'en', _period(o, 'en'))} [{c_own}] against "
                f"{_pct(p, 'en', _period(p, 'en'))} in {label} [{c_peer}]")
    ref = f"{label}: {_pct(p, 'vi', _period(p, 'vi'))}"
    return text, ref, [c_own, c_peer], [_s(o["source_id"]), _s(p["source_id"])]


def _pipeline_gaps(results: Any) -> list[dict]:
    pipes = results.pipelines
    if pipes is None or len(pipes) == 0:
        return []
    pipes = pipes[pipes["pipeline"].isin(["service", "payment"])].copy()
    cache: dict = {}
    pipes["unit_key"] = [unit_key(c, s) for c, s in zip(pipes["province_code"], pipes["source_id"], strict=True)]
    out = []
    for _, chain in pipes.groupby(["unit_key", "unit_name", "source_id", "pipeline"], sort=True):
        chain = chain.sort_values("stage_order")
        prev = None
        for r in chain.to_dict("records"):
            ind = STAGE_INDICATOR.get((r["pipeline"], r["stage"]))
            if prev is None or ind is None or _s(r.get("lost_pct")) == "":
                prev = r
                continue
            cites, sources = _obs_cites(results.obs, _s(r["obs_ids"]) + ";" + _s(prev["obs_ids"]))
            own_cites = join_cites(cites)
            kept = fmt_percent(r["kept_pct"], 1)
            texts = {}
            for lang in ("vi", "en"):
                name = PIPELINE_NAMES[r["pipeline"]][0 if lang == "vi" else 1]
                cur, before = _s(r["stage_vi" if lang == "vi" else "stage_en"]), _s(prev["stage_vi" if lang == "vi" else "stage_en"])
                n, m = fmt_number(r["count"], lang=lang), fmt_number(prev["count"], lang=lang)
                # counts printed as "trên 770" keep their qualifier; their ratio is then approximate
                over = "hơn " if lang == "vi" else "over "
                n_over, m_over = _s(r.get("qualifier")) == "over", _s(prev.get("qualifier")) == "over"
                n, m = over * n_over + n, over * m_over + m
                k = fmt_percent(r["kept_pct"], 1, lang=lang)
                if n_over or m_over:
                    k = ("khoảng " if lang == "vi" else "about ") + k
                per = _period(r, lang)
                words = _step_words(r["pipeline"], prev["stage"], r["stage"], lang)
                only = float(r["kept_pct"]) < 80
                if words and lang == "vi":
                    texts[lang] = (f"trong số {m} {words[0]}, {'chỉ ' * only}{n} ({k}) {words[1]} "
                                   f"({per}) [{own_cites}]")
                elif words:
                    texts[lang] = (f"of {m} {words[0]}, {'only ' * only}{n} ({k}) {words[1]} "
                                   f"({per}) [{own_cites}]")
                elif lang == "vi":
                    texts[lang] = (f"trong {name}, từ bước «{before}» ({m}) sang bước «{cur}» còn {n} "
                                   f"({k}; {per}) [{own_cites}]")
                else:
                    texts[lang] = (f"in {name}, {n} of {m} remain from “{before}” to “{cur}” "
                                   f"({k}; {per}) [{own_cites}]")
                peer_text, _ref, pc, ps = _peer(results, ind, r["unit_key"], lang, cache)
                if peer_text:
                    texts[lang] += "; " + peer_text
                    if lang == "vi":
                        cites, sources = cites + pc, sources + ps
            out.append(dict(
                unit_key=r["unit_key"], kind="pipeline", indicator=ind,
                size=max(0.0, min(1.0, float(r["lost_pct"]) / 100)),
                value_text=f"{fmt_number(r['count'])}/{fmt_number(prev['count'])} ({kept})",
                period=_s(r["period_label"]), reference=_peer(results, ind, r["unit_key"], "vi", cache)[1],
                cites=join_cites(cites), sources=";".join(sorted(set(sources))),
                clause_vi=texts["vi"], clause_en=texts["en"], obs_ids=_s(r["obs_ids"]), target_id="",
            ))
            prev = r
    return out


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", fold(text)) if w != "va")


def _same_field(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two field names match when one's words contain the other's or they share half their words."""
    if not a or not b:
        return False
    return a <= b or b <= a or len(a & b) / len(a | b) >= 0.5


def _coverage_gaps(results: Any) -> list[dict]:
    """Legacy level 3-4 services within the procedures a unit publishes, and the fields of its
    catalogue that do not appear in its list of level-3 services."""
    obs = results.obs.copy()
    obs["unit_key"] = [unit_key(c, s) for c, s in zip(obs["province_code"], obs["source_id"], strict=True)]
    by_id = obs.set_index(obs["obs_id"].astype(str))
    out = []
    for r in obs[obs["indicator"] == "dvctt_level34_count"].to_dict("records"):
        total_id = _s(r.get("part_of"))
        if total_id not in by_id.index or by_id.loc[total_id, "indicator"] != "dvc_level12_count":
            continue
        t = by_id.loc[total_id]
        n, m = float(r["value"]), float(t["value"])
        if not m:
            continue
        cites = sorted({cite_one(r["source_id"], r["paragraph"]), cite_one(t["source_id"], t["paragraph"])})
        unit = _s(r["unit_name"])
        share = 100 * n / m
        out.append(dict(
            unit_key=r["unit_key"], kind="coverage", indicator="dvctt_level34_count", size=1 - n / m,
            value_text=f"{fmt_number(n)}/{fmt_number(m)} ({fmt_percent(share, 1)})", period=_s(r["period_label"]),
            reference="", cites=join_cites(cites), sources=_s(r["source_id"]),
            clause_vi=(f"{unit or 'đơn vị'} mới có {fmt_number(n)} trong {fmt_number(m)} thủ tục ở mức độ 3, 4 "
                       f"({fmt_percent(share, 1)}, {_period(r, 'vi')}) [{join_cites(cites)}]"),
            clause_en=(f"{unit or 'the unit'} offered only {fmt_number(n, lang='en')} of its "
                       f"{fmt_number(m, lang='en')} procedures at level 3 or 4 ({fmt_percent(share, 1, lang='en')}, "
                       f"{_period(r, 'en')}) [{join_cites(cites)}]"),
            obs_ids=f"{r['obs_id']};{total_id}", target_id="",
        ))
    # fields listed at level 1-2 whose name is absent from the list of level-3 services
    for key, rows in obs.groupby("unit_key", sort=True):
        cat = rows[(rows["indicator"] == "dvc_level12_count") & (rows["component"].map(_s) != "")]
        lvl3 = rows[rows["indicator"].isin(["dvctt_level3_count", "dvctt_level34_count", "dvctt_level4_count"])
                    & ~rows["component"].map(_s).str.startswith("muc_do")
                    & (rows["component"].map(_s) != "")]
        if cat.empty or lvl3.empty:
            continue
        offered = [_words(c) for c in lvl3["component"]]
        missing = cat[[not any(_same_field(_words(c), o) for o in offered) for c in cat["component"]]]
        if missing.empty:
            continue
        missing = missing.sort_values(["value", "component"], ascending=[False, True])
        cites = [cite_one(s, p) for s, p in zip(missing["source_id"], missing["paragraph"], strict=True)]
        cites += [cite_one(s, p) for s, p in zip(lvl3["source_id"], lvl3["paragraph"], strict=True)][:1]
        top = missing.head(4)
        listed_vi = ", ".join(f"{c} ({fmt_number(v)} thủ tục)" for c, v in zip(top["component"], top["value"], strict=True))
        listed_en = ", ".join(f"{c} ({fmt_number(v, lang='en')} procedures)" for c, v in zip(top["component"], top["value"], strict=True))
        unit = _s(cat["unit_name"].iloc[0])
        k, n = len(missing), len(cat)
        out.append(dict(
            unit_key=key, kind="fields", indicator="field_count", size=k / n,
            value_text=f"{k}/{n}", period=f"{_s(cat['period_label'].iloc[0])}; {_s(lvl3['period_label'].iloc[0])}",
            reference="", cites=join_cites(cites), sources=";".join(sorted(set(missing["source_id"]))),
            clause_vi=(f"{k}/{n} lĩnh vực trong danh mục thủ tục của {unit or 'đơn vị'} không có tên trong danh sách "
                       f"dịch vụ mức độ 3 ({_period(lvl3.iloc[0].to_dict(), 'vi')}), nhiều thủ tục nhất là {listed_vi} "
                       f"[{join_cites(cites)}]; hai danh sách khác thời điểm, so khớp theo tên lĩnh vực"),
            clause_en=(f"{k} of the {n} fields in the procedure catalogue of {unit or 'the unit'} are absent from its "
                       f"list of level-3 services ({_period(lvl3.iloc[0].to_dict(), 'en')}), the largest being {listed_en} "
                       f"[{join_cites(cites)}]; the two lists date from different times and are matched by field name"),
            obs_ids=";".join(missing["obs_id"].astype(str)), target_id="",
        ))
    return out


def unit_gaps(results: Any) -> pd.DataFrame:
    """Every cited gap of every unit, one row per gap, with its size on a 0–1 scale.

    Kinds: ``target`` (latest figure against the target due soonest, the unit's own first;
    size = shortfall / target), ``pipeline`` (a step of the provision–use or payment chain;
    size = share lost at that step, with the best comparable peer when there is one),
    ``coverage`` (level 3–4 services among the procedures published; size = share not
    online) and ``fields`` (fields of the catalogue absent from the list of online services;
    size = their share).

    Parameters
    ----------
    results : Results or namespace
        Reads ``obs``, ``gaps``, ``pipelines``, ``indicators`` and ``comparisons_province``.

    Returns
    -------
    DataFrame with ``GAP_COLUMNS``; ``clause_vi``/``clause_en`` are ready-made sentence parts.

    Examples
    --------
    >>> import types
    >>> from dvc_analysis import report
    >>> g = unit_gaps(types.SimpleNamespace(**report.prepare()))
    >>> sorted(set(g["kind"]))
    ['coverage', 'fields', 'pipeline', 'target']
    """
    import pandas as pd

    rows = _target_gaps(results) + _pipeline_gaps(results) + _coverage_gaps(results)
    return pd.DataFrame(rows, columns=GAP_COLUMNS).sort_values(
        ["unit_key", "size", "indicator", "kind"], ascending=[True, False, True, True]
    ).reset_index(drop=True)
