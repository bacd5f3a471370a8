"""Consistency audit of reported figures: do the numbers in a source agree with each other?

`audit(obs)` recomputes rates from their numerator and denominator within the rounding the source
shows, checks breakdowns against their totals, stated counts against the items listed, conflicting
figures for the same unit and period, shares against the dossier counts reported beside them,
complementary rates, and ranks against the number of units ranked. One row per finding, with
severity (error: the figures cannot all be true; warning: they disagree unless an unstated
definition explains it; info: a rounding or coverage remark) and the citation.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..text.words import component_label, unit_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FINDING_COLUMNS", "audit"]

FINDING_COLUMNS = [
    "check", "severity", "obs_ids", "source_id", "paragraph", "message_vi", "message_en",
    "expected", "stated",
]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

#: share indicator -> (count indicator of its numerator, count indicators that bound its denominator)
SHARE_COUNTS = {
    "dossier_online_share": ("dossier_online_count", ("dossier_handled_count", "dossier_received_count")),
    "on_time_rate": ("dossier_on_time_count", ("dossier_due_count", "dossier_resolved_count")),
}
#: pairs of rates that together make 100% of the same base
COMPLEMENTS = (
    ("on_time_rate", "late_rate"),
    ("payment_dvctt_online_share", "payment_dvctt_offline_share"),
)
_EPS = 1e-9


# --------------------------------------------------------------------------- helpers
def _number(x: float, dec: int | None, lang: str) -> str:
    """Number for audit messages: whole numbers without decimals, others with two by default."""
    from ..text.fmt import fmt_number

    if x is not None and not (isinstance(x, float) and math.isnan(x)) and math.isinf(x):
        return "∞"
    if dec is None and x is not None and not (isinstance(x, float) and math.isnan(x)):
        dec = 0 if float(x).is_integer() else 2
    return fmt_number(x, dec, lang=lang, na="—")


def _vn(x: float, dec: int | None = None) -> str:
    """Vietnamese number format: 28866.7 -> '28.867' (dec=0), 80.07 -> '80,07'."""
    return _number(x, dec, "vi")


def _en(x: float, dec: int | None = None) -> str:
    return _number(x, dec, "en")


def _has(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x == x


def _str(x) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _decimals(row: dict) -> int:
    """Decimals the source shows for the stated value (from the evidence text when available)."""
    for text in (_str(row.get("evidence")), _str(row.get("evidence_value"))):
        t = text.strip()
        if t and "/" not in t and (t.endswith("%") or text is _str(row.get("evidence_value"))):
            t = t.rstrip("%").strip()
            return len(t.split(",", 1)[1]) if "," in t else 0
    v = row.get("value")
    if _has(v):
        s = repr(float(v))
        return 0 if float(v).is_integer() else len(s.split(".", 1)[1])
    return 0


def _bounds(q: float, qualifier: str) -> tuple[float, float]:
    """Interval of the true quantity given a stated figure and its qualifier."""
    qualifier = qualifier or "exact"
    if qualifier == "over":
        return q, math.inf
    if qualifier == "under":
        return 0.0, q
    if qualifier == "about":
        return q * 0.9, q * 1.1
    return q, q


def _quantity(row: dict) -> float | None:
    """The count a row contributes to a breakdown: its numerator, else its value."""
    if _has(row.get("numerator")):
        return float(row["numerator"])
    if _has(row.get("value")):
        return float(row["value"])
    return None


def _para(rows: list[dict]) -> str:
    """Cited paragraphs in order of first mention, consecutive runs written as "19-25"."""
    seen: list[int] = []
    for r in rows:
        p = r.get("paragraph")
        if _has(p) and int(p) not in seen:
            seen.append(int(p))
    parts: list[str] = []
    i = 0
    while i < len(seen):
        j = i
        while j + 1 < len(seen) and seen[j + 1] == seen[j] + 1:
            j += 1
        parts.append(str(seen[i]) if j == i else f"{seen[i]}-{seen[j]}")
        i = j + 1
    return ";".join(parts)


def _lc1(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (TTHC, DVCTT)."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _unit_label(row: dict, lang: str = "vi") -> str:
    return unit_name(_str(row.get("unit_name")), lang) or _str(row.get("province_code")) or "—"


def _finding(check, severity, rows, vi, en, expected, stated) -> dict:
    sources = []
    for r in rows:
        s = _str(r.get("source_id"))
        if s and s not in sources:
            sources.append(s)
    return {
        "check": check, "severity": severity, "obs_ids": ";".join(_str(r["obs_id"]) for r in rows),
        "source_id": ";".join(sources), "paragraph": _para(rows), "message_vi": vi,
        "message_en": en, "expected": expected, "stated": stated,
    }


def _key(row: dict, *cols: str) -> tuple:
    out = []
    for c in cols:
        v = row.get(c)
        out.append(str(v) if _has(v) else "")
    if not _str(row.get("province_code")):  # an unnamed province is only itself within its source
        out.append(_str(row.get("source_id")))
    return tuple(out)


# --------------------------------------------------------------------------- checks
def _check_ratio(rows: list[dict], units: dict[str, str]) -> list[dict]:
    found = []
    for r in rows:
        if units.get(r["indicator"]) != "percent":
            continue
        n, d, v = r.get("numerator"), r.get("denominator"), r.get("value")
        if not (_has(n) and _has(d) and _has(v)) or d <= 0:
            continue
        dec = _decimals(r)
        half = 0.5 * 10 ** -dec
        computed = 100.0 * n / d
        q, qd = _str(r.get("qualifier")) or "exact", _str(r.get("qualifier_denominator")) or "exact"
        # interval of the true rate implied by the counts
        lo, hi = computed, computed
        if qd == "over":
            lo = 0.0
        elif qd == "under":
            hi = math.inf
        # interval of the true rate implied by the stated percentage
        if q == "over":
            s_lo, s_hi = v - half, math.inf
        elif q == "under":
            s_lo, s_hi = -math.inf, v + half
        elif q == "about":
            s_lo, s_hi = v - max(1.0, half), v + max(1.0, half)
        else:
            s_lo, s_hi = v - half, v + half
        if lo <= s_hi + _EPS and hi >= s_lo - _EPS:
            continue
        ev = f"{_str(r.get('evidence_numerator')) or _vn(n)}/{_str(r.get('evidence_denominator')) or _vn(d)}"
        truncated = math.floor(computed * 10**dec + _EPS) / 10**dec
        if q == "exact" and qd == "exact" and abs(truncated - v) < _EPS:
            found.append(_finding(
                "ratio", "info", [r],
                f"{ev} = {_vn(computed, dec + 2)}%, làm tròn là {_vn(round(computed, dec), dec)}%; nguồn ghi "
                f"{_vn(v, dec)}% (cắt bớt chữ số thay vì làm tròn).",
                f"{_en(n)}/{_en(d)} = {_en(computed, dec + 2)}%, which rounds to {_en(round(computed, dec), dec)}%; "
                f"the source prints {_en(v, dec)}% (digits truncated rather than rounded).",
                f"{round(computed, dec):.{dec}f}", f"{v:.{dec}f}"))
        else:
            found.append(_finding(
                "ratio", "error", [r],
                f"{ev} = {_vn(computed, dec + 2)}%, không khớp với tỷ lệ nguồn ghi {_vn(v, dec)}% "
                f"(kể cả khi tính sai số làm tròn).",
                f"{_en(n)}/{_en(d)} = {_en(computed, dec + 2)}%, which does not match the stated "
                f"{_en(v, dec)}% even allowing for rounding.",
                f"{computed:.{dec}f}", f"{v:.{dec}f}"))
    return found


def _check_implied(rows: list[dict], units: dict[str, str]) -> list[dict]:
    """A percentage stated with only its numerator (or only its denominator): is a whole base possible?"""
    found = []
    for r in rows:
        if units.get(r["indicator"]) != "percent":
            continue
        n, d, v = r.get("numerator"), r.get("denominator"), r.get("value")
        if not _has(v) or v <= 0 or _has(n) == _has(d):
            continue
        if (_str(r.get("qualifier")) or "exact") != "exact":
            continue
        dec = _decimals(r)
        half = 0.5 * 10 ** -dec
        step = 10 ** -dec
        if _has(n):
            # base b with round(100 n / b, dec) == v  <=>  100n/(v+half) <= b <= 100n/(v-half)
            b_lo, b_hi = 100 * n / (v + half), (100 * n / (v - half) if v > half else math.inf)
            whole = range(math.ceil(b_lo - _EPS), math.floor(b_hi + _EPS) + 1) if b_hi < math.inf else range(1)
            if len(whole):
                continue
            t_lo, t_hi = 100 * n / (v + step), 100 * n / v  # truncation: v <= 100n/b < v + step
            if math.floor(t_hi + _EPS) > t_lo + _EPS:
                b = math.floor(t_hi + _EPS)
                found.append(_finding(
                    "implied_base", "info", [r],
                    f"{_vn(v, dec)}% với tử số {_vn(n)} chỉ khớp khi cắt bớt chữ số (mẫu số {_vn(b)}: "
                    f"{_vn(100 * n / b, dec + 2)}%).",
                    f"{_en(v, dec)}% with numerator {_en(n)} only fits if digits were truncated "
                    f"(base {_en(b)}: {_en(100 * n / b, dec + 2)}%).",
                    f"{b}", f"{v:.{dec}f}"))
                continue
            near = round(100 * n / v)
            alt = sorted({max(1, near - 1), max(1, near), near + 1}, key=lambda b: abs(100 * n / b - v))
            b = alt[0]
            found.append(_finding(
                "implied_base", "warning", [r],
                f"Không có mẫu số nguyên nào cho {_vn(n)} = {_vn(v, dec)}%: mẫu số ngầm định là "
                f"{_vn(100 * n / v, 2)}; gần nhất {_vn(b)} cho {_vn(100 * n / b, dec)}%.",
                f"No whole base gives {_en(n)} = {_en(v, dec)}%: the implied base is "
                f"{_en(100 * n / v, 2)}; the nearest, {_en(b)}, gives {_en(100 * n / b, dec)}%.",
                f"{100 * n / v:.2f}", f"{v:.{dec}f}"))
        else:
            # numerator a with round(100 a / d, dec) == v
            a_lo, a_hi = d * (v - half) / 100, d * (v + half) / 100
            if math.floor(a_hi + _EPS) >= math.ceil(a_lo - _EPS):
                continue
            found.append(_finding(
                "implied_base", "warning", [r],
                f"Không có tử số nguyên nào cho {_vn(v, dec)}% của {_vn(d)}.",
                f"No whole numerator gives {_en(v, dec)}% of {_en(d)}.",
                f"{d * v / 100:.2f}", f"{v:.{dec}f}"))
    return found


def _check_parts(rows: list[dict], by_id: dict[str, dict]) -> list[dict]:
    found = []
    parts: dict[str, list[dict]] = {}
    for r in rows:
        p = _str(r.get("part_of"))
        if p:
            parts.setdefault(p, []).append(r)
    for tid, plist in parts.items():
        total = by_id.get(tid)
        if total is None:
            continue
        tq = _quantity(total)
        qs = [_quantity(p) for p in plist]
        if tq is None or any(q is None for q in qs):
            continue
        t_lo, t_hi = _bounds(tq, _str(total.get("qualifier")))
        s_lo = sum(_bounds(q, _str(p.get("qualifier")))[0] for q, p in zip(qs, plist, strict=True))
        s_hi = sum(_bounds(q, _str(p.get("qualifier")))[1] for q, p in zip(qs, plist, strict=True))
        # parts named in words (their component, else their paragraph), never by an id
        names = ", ".join(component_label(_str(p.get("component")), "vi") or _para_word(p, "vi")
                          for p in plist)
        names_en = ", ".join(component_label(_str(p.get("component")), "en") or _para_word(p, "en")
                             for p in plist)
        if s_lo > t_hi + _EPS:
            found.append(_finding(
                "parts_total", "error", [total, *plist],
                f"Tổng các phần ({names}) là {_vn(s_lo)}, lớn hơn tổng nguồn ghi {_vn(tq)}.",
                f"The parts ({names_en}) add up to {_en(s_lo)}, more than the stated total {_en(tq)}.",
                f"<= {tq:g}", f"{s_lo:g}"))
        elif len(plist) >= 2 and s_hi < t_lo - _EPS:
            found.append(_finding(
                "parts_total", "info", [total, *plist],
                f"Các phần ({names}) cộng lại {_vn(s_hi)}, ít hơn tổng {_vn(tq)}: còn {_vn(t_lo - s_hi)} "
                f"không được nguồn phân loại.",
                f"The parts ({names_en}) add up to {_en(s_hi)}, less than the total {_en(tq)}: "
                f"{_en(t_lo - s_hi)} are not accounted for by the source.",
                f"{tq:g}", f"{s_hi:g}"))
    return found


def _para_word(row: dict, lang: str) -> str:
    para = row.get("paragraph")
    if not _has(para):
        return "?"
    return f"đoạn {int(para)}" if lang == "vi" else f"paragraph {int(para)}"


def _check_listed(rows: list[dict], by_id: dict[str, dict],
                  names: dict[str, tuple[str, str]]) -> list[dict]:
    found = []
    for r in rows:
        ref = _str(r.get("count_of"))
        if not ref or ref not in by_id or not _has(r.get("value")):
            continue
        listed = [p for p in rows if _str(p.get("part_of")) == ref]
        if not listed:
            continue
        stated = float(r["value"])
        lo, hi = _bounds(stated, _str(r.get("qualifier")))
        if lo - _EPS <= len(listed) <= hi + _EPS:
            continue
        total = by_id[ref]
        ev = _str(r.get("evidence")) or _vn(stated)
        what_vi, what_en = names.get(r["indicator"], (r["indicator"], r["indicator"]))
        qs = [_quantity(p) for p in listed]
        tq = _quantity(total)
        extra_vi = extra_en = ""
        if tq is not None and None not in qs and abs(sum(qs) - tq) < _EPS and len(listed) < lo:
            extra_vi = f"; các mục liệt kê đã cộng đủ {_vn(tq)}, nên mục còn thiếu sẽ bằng 0"
            extra_en = f"; the listed items already add up to {_en(tq)}, so a missing item would be empty"
        found.append(_finding(
            "listed_count", "warning", [r, total, *listed],
            f"Nguồn ghi {_lc1(what_vi)} là {ev} nhưng chỉ liệt kê {len(listed)} mục cho tổng "
            f"{_str(total.get('evidence'))}{extra_vi}.",
            f"The source gives the {_lc1(what_en)} as {ev} but lists {len(listed)} under the total "
            f"{_str(total.get('evidence'))}{extra_en}.",
            f"{len(listed)}", ev))
    return found


def _check_conflicts(rows: list[dict], units: dict[str, str],
                     names: dict[str, tuple[str, str]]) -> list[dict]:
    found = []
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        k = _key(r, "province_code", "unit_name", "admin_level", "indicator", "component",
                 "period_start", "period_end")
        groups.setdefault(k, []).append(r)
    for grp in groups.values():
        if len(grp) < 2:
            continue
        for col in ("value", "numerator", "denominator"):
            stated = [(r, float(r[col])) for r in grp if _has(r.get(col))]
            if len(stated) < 2:
                continue
            qual = "qualifier" if col == "value" else ("qualifier_denominator" if col == "denominator" else "")
            ivs = [(_bounds(x, _str(r.get(qual)) if qual else "exact"), r, x) for r, x in stated]
            lo = max(iv[0][0] for iv in ivs)
            hi = min(iv[0][1] for iv in ivs)
            if units.get(grp[0]["indicator"]) == "percent" and col == "value":
                hi += 0.5 * 10 ** -min(_decimals(r) for r, _ in stated)
            if lo <= hi + _EPS:
                continue
            involved = [r for _, r, _ in ivs]
            vals_vi = " và ".join(f"{_str(r.get('evidence')) if col == 'value' else _vn(x)} (đoạn {int(r['paragraph']) if _has(r.get('paragraph')) else '?'})" for _, r, x in ivs)
            vals_en = " and ".join(f"{_en(x)} (paragraph {int(r['paragraph']) if _has(r.get('paragraph')) else '?'})" for _, r, x in ivs)
            first = grp[0]
            comp = _str(first.get("component"))
            vi, en = names.get(first["indicator"], (first["indicator"], first["indicator"]))
            # the indicator by its name and the component in words; ids stay in the table
            what_vi = f"“{vi}”" + (f" ({component_label(comp, 'vi')})" if comp else "")
            what_en = f"“{en}”" + (f" ({component_label(comp, 'en')})" if comp else "")
            found.append(_finding(
                "conflicting_figures", "warning", involved,
                f"Cùng đơn vị ({_unit_label(first)}), cùng kỳ, cùng chỉ số {what_vi} nhưng số khác nhau: {vals_vi}.",
                f"Same unit ({_unit_label(first, 'en')}), period and indicator, {what_en}, with different figures: {vals_en}.",
                "one figure", ";".join(f"{x:g}" for _, _, x in ivs)))
            break
    return found


def _check_share_counts(rows: list[dict], names: dict[str, tuple[str, str]]) -> list[dict]:
    found = []
    index: dict[tuple, list[dict]] = {}
    for r in rows:
        if _str(r.get("component")):
            continue
        k = _key(r, "source_id", "province_code", "unit_name", "period_start", "period_end")
        index.setdefault(k, []).append(r)
    for grp in index.values():
        for s in grp:
            spec = SHARE_COUNTS.get(s["indicator"])
            if spec is None or not _has(s.get("value")) or _has(s.get("numerator")) or _has(s.get("denominator")):
                continue
            num_ind, den_inds = spec
            v = float(s["value"])
            if v <= 0:
                continue
            dec = _decimals(s)
            v_lo, v_hi = _bounds(v, _str(s.get("qualifier")))
            v_lo, v_hi = max(v_lo - 0.5 * 10 ** -dec, _EPS), v_hi + 0.5 * 10 ** -dec
            for c in (r for r in grp if r["indicator"] == num_ind and _has(r.get("value"))):
                c_lo, _ = _bounds(float(c["value"]), _str(c.get("qualifier")))
                implied_lo = 100 * c_lo / v_hi if math.isfinite(v_hi) else 0.0
                for den_ind in den_inds:
                    dens = [r for r in grp if r["indicator"] == den_ind and _has(r.get("value"))]
                    if not dens:
                        continue
                    d = dens[0]
                    _, d_hi = _bounds(float(d["value"]), _str(d.get("qualifier")))
                    if not math.isfinite(d_hi):
                        continue
                    if implied_lo > d_hi + _EPS:
                        mid = 100 * float(c["value"]) / v
                        d_vi, d_en = names.get(d["indicator"], (d["indicator"], d["indicator"]))
                        found.append(_finding(
                            "share_vs_counts", "warning", [s, c, d],
                            f"{_str(c.get('evidence'))} hồ sơ ở mức {_str(s.get('evidence'))} ngụ ý khoảng "
                            f"{_vn(mid, 0)} hồ sơ làm mẫu số, nhiều hơn {_str(d.get('evidence'))} hồ sơ nguồn ghi "
                            f"({_lc1(d_vi)}); tỷ lệ có thể là trung bình không trọng số hoặc tính trên cơ sở khác.",
                            f"{_en(float(c['value']))} dossiers at {_en(v, dec)}% imply a base of about "
                            f"{_en(mid, 0)}, more than the {_en(float(d['value']))} the source reports "
                            f"({_lc1(d_en)}); the rate may be an unweighted mean or use another base.",
                            f"<= {float(d['value']):g}", f"{mid:.0f}"))
                    break
    return found


def _check_complements(rows: list[dict]) -> list[dict]:
    found = []
    index: dict[tuple, dict[str, dict]] = {}
    for r in rows:
        k = _key(r, "source_id", "province_code", "unit_name", "period_start", "period_end")
        index.setdefault(k, {})[r["indicator"]] = r
    for inds in index.values():
        for a, b in COMPLEMENTS:
            ra, rb = inds.get(a), inds.get(b)
            if ra is None or rb is None or not (_has(ra.get("value")) and _has(rb.get("value"))):
                continue
            if (_str(ra.get("qualifier")) or "exact") != "exact" or (_str(rb.get("qualifier")) or "exact") != "exact":
                continue
            tol = 0.5 * 10 ** -_decimals(ra) + 0.5 * 10 ** -_decimals(rb)
            total = float(ra["value"]) + float(rb["value"])
            if abs(total - 100) <= tol + _EPS:
                continue
            found.append(_finding(
                "complements", "warning", [ra, rb],
                f"{a} + {b} = {_vn(total, 2)}%, không bằng 100%.",
                f"{a} + {b} = {_en(total, 2)}%, not 100%.",
                "100", f"{total:g}"))
    return found


def _check_ranks(rows: list[dict], units: dict[str, str]) -> list[dict]:
    found = []
    for r in rows:
        if units.get(r["indicator"]) != "rank" or not _has(r.get("value")):
            continue
        v, d = float(r["value"]), r.get("denominator")
        if v < 1 or not v.is_integer():
            found.append(_finding("rank_base", "error", [r], f"Thứ hạng {_vn(v)} không hợp lệ.",
                                  f"Rank {_en(v)} is not a valid rank.", ">= 1", f"{v:g}"))
            continue
        if not _has(d):
            continue
        if v > d:
            found.append(_finding(
                "rank_base", "error", [r],
                f"Hạng {_vn(v)} lớn hơn số đơn vị được xếp hạng ({_vn(d)}).",
                f"Rank {_en(v)} exceeds the number of units ranked ({_en(d)}).",
                f"<= {d:g}", f"{v:g}"))
            continue
        if _str(r.get("admin_level")) in ("", "province") and not _str(r.get("unit_name")):
            end = r.get("period_end")
            try:
                import pandas as pd

                n_prov = 34 if pd.Timestamp(end) >= pd.Timestamp("2025-07-01") else 63
            except (TypeError, ValueError):
                continue
            if d != n_prov:
                found.append(_finding(
                    "rank_base", "warning", [r],
                    f"Xếp hạng trên {_vn(d)} đơn vị, trong khi kỳ này cả nước có {n_prov} tỉnh, thành phố.",
                    f"Ranked among {_en(d)} units, while the country had {n_prov} provinces in that period.",
                    f"{n_prov}", f"{d:g}"))
    return found


# --------------------------------------------------------------------------- entry point
def audit(obs: pd.DataFrame | None = None, *, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per consistency finding in `obs` (default: the bundled observations).

    Columns: check (ratio | implied_base | parts_total | listed_count | conflicting_figures |
    share_vs_counts | complements | rank_base), severity (error | warning | info), obs_ids
    (";"-separated), source_id, paragraph, message_vi, message_en, expected, stated. Empty table
    when every figure agrees.
    """
    import pandas as pd

    from .load import load_indicators, load_observations

    if obs is None:
        obs = load_observations()
    ind = load_indicators() if indicators is None else indicators
    units = dict(zip(ind["id"], ind["unit"], strict=False))
    names = {i: (vi, en) for i, vi, en in zip(ind["id"], ind["name_vi"], ind["name_en"], strict=False)}
    rows = []
    for r in obs.to_dict("records"):
        r = {k: (None if v is pd.NA or v is pd.NaT else v) for k, v in r.items()}
        for c in ("numerator", "denominator", "value"):
            x = r.get(c)
            try:
                r[c] = math.nan if x is None or (isinstance(x, str) and not x.strip()) or x is pd.NA else float(x)
            except (TypeError, ValueError):
                r[c] = math.nan
        for c in ("period_start", "period_end"):
            x = r.get(c)
            r[c] = "" if x is None or x is pd.NaT or (isinstance(x, float) and math.isnan(x)) else str(x)[:10]
        rows.append(r)
    by_id = {_str(r["obs_id"]): r for r in rows}
    found = (
        _check_ratio(rows, units)
        + _check_implied(rows, units)
        + _check_parts(rows, by_id)
        + _check_listed(rows, by_id, names)
        + _check_conflicts(rows, units, names)
        + _check_share_counts(rows, names)
        + _check_complements(rows)
        + _check_ranks(rows, units)
    )
    out = pd.DataFrame(found, columns=FINDING_COLUMNS)
    if len(out):
        out = (out.assign(_o=out["severity"].map(_SEVERITY_ORDER))
               .sort_values(["_o", "source_id", "obs_ids"], kind="stable")
               .drop(columns="_o").reset_index(drop=True))
    return out.astype({c: "str" for c in FINDING_COLUMNS})
