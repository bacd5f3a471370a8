"""Survey figures in the package theme: Likert bars, barrier prevalence, scree, coefficients."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from ..figures import theme
from ..figures.theme import themed
from ..text.fmt import fmt_number, fmt_percent

LIKERT_COLORS = {1: theme.OKABE_ITO["vermillion"], 2: theme.OKABE_ITO["orange"], 3: "#BDBDBD",
                 4: theme.OKABE_ITO["sky_blue"], 5: theme.OKABE_ITO["blue"]}
FIGURES = ("likert", "barriers", "barriers_by_group", "scree", "coefficients", "odds_ratios",
           "documents_vs_survey")


def _tr(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _label(results, lang: str) -> tuple[str, str]:
    """Title suffix and note line that say where the answers come from (and if synthetic)."""
    from pathlib import Path as _P

    name = _P(results.coded.source.split(" [")[0]).name or "khảo sát"
    w = _tr(lang, "có trọng số", "weighted") if results.weights else _tr(lang, "không trọng số",
                                                                          "unweighted")
    note = _tr(lang, f"Nguồn: khảo sát {name}, n = {fmt_number(results.n, lang=lang)}, {w}.",
               f"Source: survey {name}, n = {fmt_number(results.n, lang=lang)}, {w}.")
    if results.synthetic:
        note += _tr(lang, " DỮ LIỆU MÔ PHỎNG (synthetic): không phải số liệu thật.",
                    " SYNTHETIC DATA: simulated respondents, not real figures.")
        return _tr(lang, " — dữ liệu mô phỏng (synthetic)", " — synthetic data"), note
    return "", note


def _err(x, low, high) -> np.ndarray:
    """Error-bar lengths below and above each point (never negative)."""
    x, low, high = (np.asarray(a, float) for a in (x, low, high))
    return np.clip(np.vstack([x - low, high - x]), 0, None)


def _short(text: str, width: int = 48) -> str:
    return textwrap.shorten(str(text), width, placeholder="…")


@themed
def likert_bars(results, *, items: list[str] | None = None, lang: str = "vi"):
    """Diverging stacked bars: disagreement left of zero, agreement right, neutral split."""
    from matplotlib.patches import Patch

    dist = results.likert
    if items is not None:
        dist = dist[dist["item"].isin(items)]
    order = list(dict.fromkeys(dist["item"]))
    suffix, note = _label(results, lang)
    book = results.codebook
    labels = [f"{i} {_short(book.label(i, lang), 46)}" for i in order]
    scale = dist.drop_duplicates("value").sort_values("value")
    names = scale["label_en" if lang == "en" else "label_vi"].tolist()
    fig, axes = theme.new_figure(
        _tr(lang, "Mức độ đồng ý với từng nhận định", "Agreement with each statement") + suffix,
        _tr(lang, "% người trả lời câu đó; trái: không đồng ý, phải: đồng ý; câu đảo chiều giữ "
                  "nguyên cách hỏi", "% of those answering; left: disagree, right: agree; "
                  "reverse-worded items shown as asked"),
        note, body_height=0.5 + 0.2 * len(order), legend_height=theme.legend_height(names[:3], 3))
    ax = axes[0, 0]
    wide = dist.pivot_table(index="item", columns="value", values="share").reindex(order).fillna(0)
    values = [v for v in wide.columns]
    mid = values[len(values) // 2] if len(values) % 2 else None
    y = np.arange(len(order))
    neg = [v for v in values if mid is not None and v < mid or mid is None and
           v <= values[len(values) // 2 - 1]]
    left = -wide[neg].sum(axis=1).to_numpy() - (wide[mid].to_numpy() / 2 if mid else 0)
    start = left.copy()
    for v in values:
        width = wide[v].to_numpy()
        ax.barh(y, width, left=left, height=0.72, color=LIKERT_COLORS.get(int(v), theme.CONTEXT),
                edgecolor="white", lw=0.4, gid=f"likert-{int(v)}")
        left = left + width
    ax.axvline(0, color="#444444", lw=0.6)
    ax.set_yticks(y, labels, fontsize=theme.SIZE_NOTE)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(__import__("matplotlib.ticker", fromlist=["FuncFormatter"])
                                 .FuncFormatter(lambda x, _p: fmt_percent(abs(x), 0, lang=lang)))
    reach = max(float(np.max(-start)), float(np.max(left))) if len(wide) else 50
    reach = min(100, 25 * np.ceil(reach / 25 + 0.05))
    ax.set_xlim(-reach, reach)
    theme.style_axes(ax, grid="x")
    handles = [Patch(color=LIKERT_COLORS.get(int(v), theme.CONTEXT), label=f"{int(v)} {n}")
               for v, n in zip(scale["value"], names, strict=True)]
    theme.bottom_legend(fig, handles, ncols=3)
    return fig


def _code_labels(frame: pd.DataFrame, lang: str) -> list[str]:
    col = "name_en" if lang == "en" else "name_vi"
    return [f"{c} {_short(n, 38)}" for c, n in zip(frame["code"], frame[col], strict=True)]


@themed
def prevalence_plot(results, *, group: str | None = None, province_code: str = "",
                    lang: str = "vi"):
    """Share of respondents citing each barrier, with 95 % intervals, overall or by group."""
    from matplotlib.lines import Line2D

    prev = results.prevalence[results.prevalence["province_code"] == province_code]
    base = int(prev.loc[prev["group"] == "", "n"].max()) if len(prev) else 0
    prev = prev[prev["group"] == (group or "")]
    codes = list(dict.fromkeys(prev["code"]))
    suffix, note = _label(results, lang)
    levels = list(dict.fromkeys(prev["group_value"]))
    book = results.codebook
    names = [book.choice_label(group, v, lang) if group else "" for v in levels]
    sub = _tr(lang, f"% người trả lời câu hỏi lý do (n = {fmt_number(base, lang=lang)}), khoảng "
                    "tin cậy 95 % (Wilson, cỡ mẫu hiệu dụng)",
              f"% of those answering the reasons question (n = {fmt_number(base, lang=lang)}), "
              "95 % intervals (Wilson, effective sample size)")
    if group:
        sub += _tr(lang, f"; theo {book.label(group, lang).lower()}",
                   f"; by {book.label(group, lang).lower()}")
    fig, axes = theme.new_figure(
        _tr(lang, "Lý do chưa dùng dịch vụ công trực tuyến theo nhóm rào cản",
            "Reasons for not using online public services by barrier group") + suffix,
        sub, note, body_height=0.4 + 0.26 * len(codes) * (1 + 0.25 * (len(levels) - 1)),
        legend_height=theme.legend_height(names, min(4, len(names))) if group else 0.0)
    ax = axes[0, 0]
    step = 0.7 / max(len(levels), 1)
    handles = []
    for k, level in enumerate(levels):
        part = prev[prev["group_value"] == level].set_index("code").reindex(codes)
        y = np.arange(len(codes)) + (k - (len(levels) - 1) / 2) * step
        color = theme.PALETTE[k % len(theme.PALETTE)] if group else theme.ACCENT
        ax.errorbar(part["prevalence"], y, xerr=_err(part["prevalence"], part["ci_low"],
                                                     part["ci_high"]),
                    fmt="o", ms=3.5, color=color, ecolor=color, elinewidth=0.9, capsize=0,
                    gid=f"prev-{level}")
        if group:
            handles.append(Line2D([], [], marker="o", ls="", color=color, label=names[k]))
    ax.set_yticks(range(len(codes)), _code_labels(prev.drop_duplicates("code"), lang),
                  fontsize=theme.SIZE_NOTE)
    ax.set_ylim(len(codes) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(theme.percent_formatter(0, lang))
    ax.set_xlim(0, min(100, max(10, float(prev["ci_high"].max()) * 1.1)))
    theme.style_axes(ax, grid="x")
    theme.bottom_legend(fig, handles, ncols=min(4, len(handles)))
    return fig


@themed
def scree_plot(results, *, step: int = 0, lang: str = "vi"):
    """Eigenvalues of the item correlation matrix, with Kaiser's line at 1."""
    fa = results.factors[step]
    eig = fa.efa.eigenvalues
    suffix, note = _label(results, lang)
    k = fa.efa.loadings.shape[1]
    fig, axes = theme.new_figure(
        _tr(lang, "Biểu đồ scree: trị riêng của ma trận tương quan", "Scree plot: eigenvalues of "
            "the correlation matrix") + suffix,
        _tr(lang, f"{len(fa.items)} biến quan sát; giữ {k} nhân tố (trị riêng > 1)",
            f"{len(fa.items)} items; {k} factors kept (eigenvalue > 1)"),
        note, body_height=2.4)
    ax = axes[0, 0]
    ax.plot(eig["component"], eig["eigenvalue"], "-o", ms=3, color=theme.ACCENT, lw=1.0,
            gid="eigenvalues")
    ax.axhline(1, color=theme.TARGET, ls=(0, (4, 2)), lw=0.9)
    ax.text(eig["component"].max(), 1, _tr(lang, "trị riêng = 1", "eigenvalue = 1"), ha="right",
            va="bottom", fontsize=theme.SIZE_NOTE, color=theme.TARGET)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_tr(lang, "Thành phần", "Component"))
    ax.set_ylabel(_tr(lang, "Trị riêng", "Eigenvalue"))
    ax.yaxis.set_major_formatter(theme.number_formatter(None, lang))
    theme.style_axes(ax, grid="y")
    return fig


@themed
def coef_plot(results, *, odds: bool = False, lang: str = "vi"):
    """Standardised coefficients (linear model) or odds ratios (logistic), 95 % intervals."""
    reg = results.logit if odds else results.regression
    c = reg.coefficients[reg.coefficients["term"] != "const"].reset_index(drop=True)
    suffix, note = _label(results, lang)
    book = results.codebook
    labels = [book.label(t, lang) for t in c["term"]]
    if odds:
        x, lo, hi, ref = c["odds_ratio"], c["or_low"], c["or_high"], 1.0
        title = _tr(lang, "Hồi quy logistic: khả năng đã dùng dịch vụ công trực tuyến",
                    "Logistic regression: odds of having used online public services")
        sub = _tr(lang, "Tỷ số chênh (OR) cho mỗi điểm thang đo, khoảng tin cậy 95 %",
                  "Odds ratio per scale point, 95 % intervals")
    else:
        ratio = c["beta"] / c["B"]
        x, lo, hi, ref = c["beta"], c["ci_low"] * ratio, c["ci_high"] * ratio, 0.0
        title = _tr(lang, f"Hồi quy tuyến tính: {book.label(reg.outcome, lang)}",
                    f"Linear regression: {book.label(reg.outcome, lang)}")
        fit = reg.fit.iloc[0]
        sub = _tr(lang, f"Hệ số chuẩn hóa β, khoảng tin cậy 95 %; R² hiệu chỉnh = "
                        f"{fmt_number(fit['adj_r2'], 3, lang=lang)}, n = "
                        f"{fmt_number(reg.n, lang=lang)}",
                  f"Standardised β, 95 % intervals; adjusted R² = "
                  f"{fmt_number(fit['adj_r2'], 3, lang=lang)}, n = {fmt_number(reg.n, lang=lang)}")
    fig, axes = theme.new_figure(title + suffix, sub, note, body_height=0.5 + 0.32 * len(c))
    ax = axes[0, 0]
    y = np.arange(len(c))
    ax.errorbar(x, y, xerr=_err(x, lo, hi), fmt="o", ms=4, color=theme.ACCENT,
                ecolor=theme.ACCENT, elinewidth=1.0, capsize=0, gid="coefficients")
    ax.axvline(ref, color="#444444", lw=0.6)
    if odds:
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(theme.number_formatter(None, lang))
        ax.xaxis.set_minor_formatter(theme.number_formatter(None, lang))
    else:
        ax.xaxis.set_major_formatter(theme.number_formatter(None, lang))
    for yi, xi in zip(y, x, strict=True):
        ax.annotate(fmt_number(xi, 2, lang=lang), (xi, yi), xytext=(0, 5),
                    textcoords="offset points", ha="center", fontsize=theme.SIZE_NOTE)
    ax.set_yticks(y, [_short(t, 40) for t in labels], fontsize=theme.SIZE_SMALL)
    ax.set_ylim(len(c) - 0.5, -0.7)
    theme.style_axes(ax, grid="x")
    return fig


@themed
def documents_vs_survey_plot(table: pd.DataFrame, *, lang: str = "vi", synthetic: bool = False,
                             survey_note: str = "", source_ids: list[str] | None = None):
    """Two panels by barrier code: paragraphs of the documents naming it (left) and the share
    of respondents citing it (right). Different measures: no shared axis."""
    from ..evidence.taxonomy import load_mentions

    ids = source_ids
    if ids is None:
        m = load_mentions()
        ids = sorted(set(m.loc[m["kind"] == "barrier", "source_id"]))
    suffix = _tr(lang, " — khảo sát mô phỏng (synthetic)", " — synthetic survey") if synthetic else ""
    note = theme.source_note(ids, lang) + (" " + survey_note if survey_note else "")
    fig, axes = theme.new_figure(
        _tr(lang, "Rào cản: văn bản nêu và người dân trả lời", "Barriers: what documents say and "
            "what respondents report") + suffix,
        _tr(lang, "Trái: số đoạn văn nêu rào cản (mã hóa thủ công); phải: % người chưa dùng DVCTT "
                  "nêu lý do thuộc nhóm đó, khoảng tin cậy 95 %. Hai thước đo khác nhau.",
            "Left: paragraphs naming the barrier (hand-coded); right: % of non-users citing a "
            "reason in the group, 95 % intervals. Two different measures."),
        note, body_height=0.5 + 0.26 * len(table), ncols=2, gridspec_kw={"width_ratios": [1, 1.3]})
    left, right = axes[0, 0], axes[0, 1]
    y = np.arange(len(table))
    left.barh(y, table["mentions"], color=theme.CONTEXT, height=0.6, gid="mentions")
    left.set_yticks(y, _code_labels(table, lang), fontsize=theme.SIZE_NOTE)
    left.set_ylim(len(table) - 0.5, -0.5)
    left.set_title(_tr(lang, "Văn bản (số đoạn)", "Documents (paragraphs)"),
                   fontsize=theme.SIZE_SMALL)
    left.xaxis.set_major_formatter(theme.number_formatter(0, lang))
    has = table["prevalence"].notna()
    right.errorbar(table.loc[has, "prevalence"], y[has.to_numpy()],
                   xerr=_err(table.loc[has, "prevalence"], table.loc[has, "ci_low"],
                             table.loc[has, "ci_high"]),
                   fmt="o", ms=3.5, color=theme.ACCENT, elinewidth=0.9, capsize=0, gid="survey")
    right.set_yticks(y, [""] * len(y))
    right.set_ylim(len(table) - 0.5, -0.5)
    right.set_xlim(0, min(100, max(10, float(table["ci_high"].max(skipna=True) or 10) * 1.1)))
    right.xaxis.set_major_formatter(theme.percent_formatter(0, lang))
    right.set_title(_tr(lang, "Khảo sát (% người trả lời)", "Survey (% of respondents)"),
                    fontsize=theme.SIZE_SMALL)
    for ax in (left, right):
        theme.style_axes(ax, grid="x")
    return fig


def build_figure(name: str, results, *, lang: str = "vi"):
    """One survey figure by name (see `FIGURES`); ``barriers_by_group`` uses the first
    demographic question.

    Examples
    --------
    >>> fig = build_figure("scree", results)  # doctest: +SKIP
    """
    from .prevalence import documents_vs_survey

    if name == "likert":
        return likert_bars(results, lang=lang)
    if name == "barriers":
        return prevalence_plot(results, lang=lang)
    if name == "barriers_by_group":
        groups = [g for g in results.prevalence["group"].unique() if g]
        return prevalence_plot(results, group=groups[0] if groups else None, lang=lang)
    if name == "scree":
        return scree_plot(results, lang=lang)
    if name == "coefficients":
        return coef_plot(results, lang=lang)
    if name == "odds_ratios":
        return coef_plot(results, odds=True, lang=lang)
    if name == "documents_vs_survey":
        _, note = _label(results, lang)
        return documents_vs_survey_plot(documents_vs_survey(results.prevalence), lang=lang,
                                        synthetic=results.synthetic, survey_note=note)
    from ..errors import UsageError

    raise UsageError(f"Không có hình '{name}' ({', '.join(FIGURES)}).",
                     f"No figure '{name}' ({', '.join(FIGURES)}).")


def available(results) -> list[str]:
    """The figures this result can draw."""
    names = ["likert", "barriers", "barriers_by_group"]
    if results.factors:
        names.append("scree")
    if results.regression is not None:
        names.append("coefficients")
    if results.logit is not None:
        names.append("odds_ratios")
    if len(results.prevalence):
        names.append("documents_vs_survey")
    if not len(results.prevalence):
        names = [n for n in names if not n.startswith("barriers")]
    return names


def save_figures(results, out_dir: str | Path, *, lang: str = "vi") -> dict[str, dict[str, Path]]:
    """Draw and save every available figure as PNG (300 dpi), SVG and PDF.

    Returns
    -------
    dict
        Figure name → {format: path}.
    """
    import matplotlib.pyplot as plt

    out = {}
    for name in available(results):
        fig = build_figure(name, results, lang=lang)
        out[name] = theme.save(fig, out_dir, f"khao_sat_{name}")
        plt.close(fig)
    return out
