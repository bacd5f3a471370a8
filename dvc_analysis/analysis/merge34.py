"""Re-express 63-province observations on the 34-province map."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._frame import _indicator_table, _prepare, _text, _units

if TYPE_CHECKING:
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# 63 → 34 provinces


def _names(codes: Iterable[str], lang: str) -> str:
    from ..evidence.provinces import province_name

    names = [province_name(c, "63", lang=lang) for c in codes]
    if lang == "vi":
        return ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else names[0]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _merge_qualifier(qs: Iterable[str]) -> str:
    s = set(qs) - {"exact"}
    if not s:
        return "exact"
    if s == {"over"}:
        return "over"
    if s == {"under"}:
        return "under"
    return "about"


def to_34_provinces(obs: pd.DataFrame, *, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Re-key pre-2025 observations to the 34-province map (in force since 1 July 2025).

    Each row's ``province_code`` becomes the code of the new province (old code kept in
    ``old_province_code``); ``map`` is "34". Rows of provinces that did not merge keep their
    values. Province-level totals of merged provinces are combined per indicator,
    component and exact period:

    * counts (unit count or money_vnd) are summed, and rates recomputed from the summed
      numerators and denominators, **only** when every old province of the new one reports
      that indicator for that period with the needed numbers (value for counts, numerator
      and denominator for rates);
    * otherwise ``value``, ``numerator`` and ``denominator`` are missing and
      ``missing_reason`` (Vietnamese) / ``missing_reason_en`` say why, e.g. "chỉ có Vĩnh Phúc
      trong 3 tỉnh cũ của Phú Thọ";
    * percentages are never averaged, and ranks and scores are never aggregated.

    ``value`` is the figure to show on the 34-province map; ``value_basis`` says where it
    comes from: "stated" (as in the source), "counts" (a rate recomputed from numerator and
    denominator, for combined rows and for rows that gave counts only), "sum" (summed
    counts) or "" (missing).

    Province-level rows that cover only part of a merged province (``unit_name`` such as
    "cấp tỉnh") are treated the same way, so they never stand for the new province. Rows
    below province level (agencies, districts) keep their values under the new code, with
    ``old_province_name`` to label them; rows whose province is not named are kept as they
    are. Combined rows list their sources in
    ``obs_ids`` and ``old_province_codes``.
    """
    import numpy as np
    import pandas as pd

    from ..evidence.provinces import new_code, old_codes, province_name

    table = _indicator_table(indicators)
    df = _prepare(obs)
    df["unit"] = _units(df, table)
    if "obs_id" not in df.columns:
        df["obs_id"] = [str(i) for i in range(len(df))]
    df["obs_id"] = _text(df["obs_id"])
    df["old_province_code"] = df["province_code"]
    df["old_province_name"] = [province_name(c, "63") if c else "" for c in df["province_code"]]
    df["new_code"] = [new_code(c) if c else "" for c in df["province_code"]]
    df["n_old"] = [len(old_codes(c)) if c else 0 for c in df["new_code"]]
    if "province_map" in df.columns:  # rows already keyed in the 34-province map (user files)
        in34 = df["province_map"].astype(str).eq("34")
        df.loc[in34, ["old_province_code", "old_province_name"]] = ""
        df.loc[in34, "n_old"] = 1
    df["missing_reason"] = pd.Series("", index=df.index, dtype=pd.StringDtype())
    df["missing_reason_en"] = pd.Series("", index=df.index, dtype=pd.StringDtype())

    merged_prov = (df["n_old"] > 1) & (df["admin_level"] == "province")
    passthrough = df[~merged_prov].copy()
    passthrough["province_code"] = passthrough["new_code"]
    passthrough["old_province_codes"] = passthrough["old_province_code"]
    passthrough["obs_ids"] = passthrough["obs_id"]

    rows = []
    group_cols = ["new_code", "unit_name", "indicator", "component", "period_start", "period_end"]
    todo = df[merged_prov]
    for key, g in todo.groupby(group_cols, dropna=False, sort=True):
        code = key[0]
        expected = old_codes(code)
        present = sorted(set(g["old_province_code"]))
        unit = g["unit"].iloc[0]
        new_name = province_name(code, "34")
        new_name_en = province_name(code, "34", lang="en")
        base = g.iloc[0].to_dict()
        base.update(
            province_code=code,
            old_province_code="",
            old_province_codes=";".join(present),
            obs_ids=";".join(g["obs_id"]),
            value=np.nan,
            numerator=np.nan,
            denominator=np.nan,
            qualifier=_merge_qualifier(g["qualifier"]),
        )
        for col in ("obs_id", "evidence", "paragraph", "source_id", "part_of", "note"):
            if col in base:
                vals = list(dict.fromkeys(str(v) for v in g[col] if pd.notna(v) and str(v)))
                base[col] = ";".join(vals)
        reason = reason_en = ""
        if present != expected:
            reason = f"chỉ có {_names(present, 'vi')} trong {len(expected)} tỉnh cũ của {new_name}"
            reason_en = (
                f"only {_names(present, 'en')} of the {len(expected)} former provinces of "
                f"{new_name_en} reported"
            )
        elif g.duplicated("old_province_code").any():
            reason = "một tỉnh cũ có nhiều số liệu cho cùng kỳ; không cộng gộp"
            reason_en = "a former province has several figures for the same period; not combined"
        elif unit in ("rank", "score"):
            reason = "không cộng gộp thứ hạng hay điểm số giữa các tỉnh"
            reason_en = "ranks and scores are never combined across provinces"
        elif unit in ("count", "money_vnd"):
            if g["value"].isna().any():
                reason = "thiếu số liệu của " + _names(
                    sorted(g.loc[g["value"].isna(), "old_province_code"]), "vi"
                )
                reason_en = "no figure for " + _names(
                    sorted(g.loc[g["value"].isna(), "old_province_code"]), "en"
                )
            else:
                base["value"] = float(g["value"].sum())
        else:
            lacking = g["numerator"].isna() | g["denominator"].isna()
            if lacking.any():
                who = sorted(g.loc[lacking, "old_province_code"])
                reason = (
                    f"{_names(who, 'vi')} chỉ nêu tỷ lệ, không có tử số và mẫu số; "
                    "không lấy trung bình các tỷ lệ"
                )
                reason_en = (
                    f"{_names(who, 'en')} gave only a percentage, without counts; "
                    "percentages are never averaged"
                )
            else:
                n, d = float(g["numerator"].sum()), float(g["denominator"].sum())
                base.update(numerator=n, denominator=d, value=100 * n / d if d > 0 else np.nan)
                if d <= 0:
                    reason, reason_en = "mẫu số bằng 0", "denominator is zero"
        base["missing_reason"] = reason
        base["missing_reason_en"] = reason_en
        rows.append(base)

    # a rate given only as counts: its value is the recomputed rate, as for combined rows
    rate_rows = passthrough["unit"].isin(["percent", ""])
    fill = (
        rate_rows
        & passthrough["value"].isna()
        & passthrough["numerator"].notna()
        & (passthrough["denominator"] > 0)
    )
    passthrough["value_basis"] = np.where(
        fill, "counts", np.where(passthrough["value"].notna(), "stated", "")
    )
    passthrough.loc[fill, "value"] = (
        100 * passthrough.loc[fill, "numerator"] / passthrough.loc[fill, "denominator"]
    )
    for r in rows:
        if np.isnan(r["value"]):
            r["value_basis"] = ""
        else:
            r["value_basis"] = "sum" if r["unit"] in ("count", "money_vnd") else "counts"
    combined = pd.DataFrame(rows, columns=list(passthrough.columns))
    out = pd.concat([passthrough, combined], ignore_index=True) if rows else passthrough
    out["map"] = "34"
    out = out.drop(columns=["new_code", "n_old", "unit"])
    for col in ("missing_reason", "missing_reason_en", "province_code", "old_province_codes"):
        out[col] = _text(out[col])
    return out.sort_values(["province_code", "indicator", "period_end"]).reset_index(drop=True)
