"""Indicator metadata: name and unit of an id, with one answer for ids the vocabulary lacks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._cells import as_text

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_UNIT = "count"
"""Unit of an indicator id that indicators.csv (and the user's declarations) do not define: a
plain number, never shown as a percent."""


def _table(indicators: pd.DataFrame | None) -> pd.DataFrame:
    if indicators is not None:
        return indicators
    from .._resources import read_table

    return read_table("indicators.csv")


def indicator_info(indicator: str, indicators: pd.DataFrame | None = None) -> dict[str, str]:
    """The vocabulary row of one id as text (id, name_vi, name_en, unit, ...).

    Unknown ids get their id as both names and :data:`DEFAULT_UNIT`.

    Examples
    --------
    >>> indicator_info("no_such_indicator")["unit"]
    'count'
    """
    table = _table(indicators)
    row = table[table["id"].astype(str) == str(indicator)]
    if row.empty:
        return {"id": str(indicator), "name_vi": str(indicator), "name_en": str(indicator),
                "unit": DEFAULT_UNIT}
    info = {k: as_text(v) for k, v in row.iloc[0].items()}
    info["unit"] = info.get("unit") or DEFAULT_UNIT
    for key in ("name_vi", "name_en"):
        info[key] = info.get(key) or str(indicator)
    return info


def indicator_name(indicator: str, indicators: pd.DataFrame | None = None, lang: str = "vi") -> str:
    """The indicator's name in ``lang`` (its id when the vocabulary does not know it).

    Examples
    --------
    >>> indicator_name("dossier_online_share", lang="en")  # doctest: +ELLIPSIS
    '...'
    """
    return indicator_info(indicator, indicators)["name_en" if lang == "en" else "name_vi"]


def indicator_unit(indicator: str, indicators: pd.DataFrame | None = None) -> str:
    """The indicator's unit (percent, count, money_vnd, rank, score, ...).

    Examples
    --------
    >>> indicator_unit("dossier_online_share")
    'percent'
    """
    return indicator_info(indicator, indicators)["unit"]
