"""Shared frame helpers for the analysis layer: cleaning, units, period labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.fmt import period_label as _period_label

if TYPE_CHECKING:
    import pandas as pd


_KEY = ["province_code", "unit_name", "admin_level"]


_LEVEL_NAMES = {
    "legacy_1_4": ("mức độ 1–4 (cũ)", "legacy levels 1–4"),
    "toan_trinh_mot_phan": ("toàn trình/một phần", "full/partial online"),
}


# ---------------------------------------------------------------------------------------------
# helpers


def _indicator_table(indicators: pd.DataFrame | None) -> pd.DataFrame | None:
    """The indicator vocabulary: the argument, else the bundled data/indicators.csv."""
    if indicators is not None:
        return indicators
    try:
        from ..evidence.load import load_indicators
    except ImportError:  # pragma: no cover - only while the loader is missing
        return None
    return load_indicators()


def _text(s: pd.Series) -> pd.Series:
    """A column as plain text with missing values as ""."""
    import pandas as pd

    if s.dtype == pd.StringDtype() and not s.isna().any():
        return s.copy()  # already plain text: the conversion below would give the same
    return s.astype("object").where(s.notna(), "").astype(str).astype(pd.StringDtype())


def _prepare(obs: pd.DataFrame) -> pd.DataFrame:
    """Copy with typed numbers, dates and text keys; missing optional columns added."""
    import pandas as pd

    out = obs.copy()
    for col in ("numerator", "denominator", "value"):
        if col not in out.columns:
            out[col] = float("nan")
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    for col in ("period_start", "period_end"):
        if col not in out.columns:
            out[col] = pd.NaT
        out[col] = pd.to_datetime(out[col], errors="coerce")
    for col in ("province_code", "unit_name", "admin_level", "indicator", "component"):
        if col not in out.columns:
            out[col] = ""
        out[col] = _text(out[col])
    if "qualifier" not in out.columns:
        out["qualifier"] = "exact"
    out["qualifier"] = _text(out["qualifier"]).replace("", "exact")
    return out


def _units(obs: pd.DataFrame, indicators: pd.DataFrame | None) -> pd.Series:
    """Unit (percent|count|rank|score|money_vnd) of each row, "" when unknown."""
    import pandas as pd

    if "unit" in obs.columns:
        units = _text(obs["unit"])
    else:
        units = pd.Series("", index=obs.index, dtype=pd.StringDtype())
    if indicators is not None and "unit" in indicators.columns:
        table = dict(zip(indicators["id"].astype(str), indicators["unit"].astype(str), strict=True))
        mapped = obs["indicator"].astype(str).map(table).fillna("")
        units = units.where(units != "", mapped.astype(pd.StringDtype()))
    return units


def _label(start, end, lang: str = "vi") -> str:
    import pandas as pd

    if pd.isna(end) and pd.isna(start):
        return ""
    return _period_label(
        start if pd.notna(start) else None, end if pd.notna(end) else None, lang=lang
    )


def _per_period(df: pd.DataFrame, func) -> list:
    """``func(start, end)`` for every row, computed once per distinct period."""
    import numpy as np

    start, end = df["period_start"], df["period_end"]
    if len(df) > 1 and start.dtype.kind == "M" and end.dtype.kind == "M":
        keys = np.stack([start.to_numpy().view("i8"), end.to_numpy().view("i8")], axis=1)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        values = [func(start.iloc[i], end.iloc[i]) for i in first]
        return [values[i] for i in inverse.reshape(-1)]
    done: dict = {}
    out = []
    for s, e in zip(df["period_start"], df["period_end"], strict=True):
        key = (s, e)
        if key not in done:
            done[key] = func(s, e)
        out.append(done[key])
    return out


def _add_period_labels(df: pd.DataFrame) -> pd.DataFrame:
    """Fill ``period_label`` where empty and add ``period_label_en``."""
    import pandas as pd

    computed_vi = _per_period(df, _label)
    computed_en = _per_period(df, lambda s, e: _label(s, e, "en"))
    if "period_label" in df.columns:
        given = _text(df["period_label"])
        df["period_label"] = given.where(given != "", pd.Series(computed_vi, index=df.index))
    else:
        df["period_label"] = pd.Series(computed_vi, index=df.index, dtype=pd.StringDtype())
    df["period_label_en"] = pd.Series(computed_en, index=df.index, dtype=pd.StringDtype())
    return df


def _period_shape(start, end) -> str:
    """A key equal for periods of the same length: as_of, m<months> or d<days>."""
    import pandas as pd

    from ..text.fmt import period_months

    if pd.isna(end):
        return "unknown"
    if pd.isna(start) or start == end:
        return "as_of"
    months = period_months(start, end)
    if months is not None:
        return f"m{months}"
    return f"d{(end - start).days + 1}"
