"""The one display rule: how a value of an observation is written, wherever it appears.

* A value the source states is shown with the source's own precision, as written in the
  evidence ("97,27%" stays 97,27%; "54%" stays 54%).
* A value computed here (a rate from a numerator and a denominator) is shown with
  ``COMPUTED_DECIMALS`` decimals (82,5%).

Figures, sentences, report tables and the workbook all take their value strings from
:func:`value_string`, so one observation reads the same everywhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._cells import as_float, as_text
from ..text.fmt import fmt_number, fmt_percent

if TYPE_CHECKING:
    import pandas as pd

COMPUTED_DECIMALS = 1
"""Decimals of a percent computed from counts."""

# A number as Vietnamese sources write it: thousands with "." (or a space), decimals after ",".
_WRITTEN = re.compile(r"\d{1,3}(?:[.\s\u00a0]\d{3})+(?:,(\d+))?|\d+(?:,(\d+))?")


def written_decimals(text: Any) -> int | None:
    """Decimals of the first number in ``text`` as the source wrote it; None if no number.

    Examples
    --------
    >>> written_decimals("97,27%"), written_decimals("1.800"), written_decimals("54%")
    (2, 0, 0)
    """
    m = _WRITTEN.search(as_text(text))
    if not m:
        return None
    decimals = m.group(1) or m.group(2) or ""
    return len(decimals)


def _stated_text(row: Any) -> str:
    """The text in which the source states the value itself (not its counts)."""
    written = as_text(row.get("evidence_value"))
    if written:
        return written
    evidence = as_text(row.get("evidence"))
    # "95.345/219.856" states counts, not the value
    return "" if "/" in evidence else evidence


def value_number(row: Any) -> tuple[float | None, bool]:
    """The value to show and whether it is computed here (rate from counts) or stated."""
    stated = as_float(row.get("value"))
    if stated is not None:
        return stated, False
    rate = as_float(row.get("rate"))
    return rate, rate is not None


def value_string(row: Any, unit: str, lang: str = "vi") -> str:
    """The value of one observation row as every view writes it (no qualifier words).

    Parameters
    ----------
    row
        A row of observations (or of any table derived from them: rates, compare, gaps) with
        ``value``, ``rate`` (when counts exist), ``evidence`` and ``evidence_value``.
    unit
        The indicator's unit: percent, count, money_vnd, rank, score, ...
    lang
        "vi" or "en" (decimal comma or point).

    Returns
    -------
    str
        "97,27%", "82,5%", "1.800", or "" when the row has no value.

    Examples
    --------
    >>> value_string({"value": "", "rate": 82.548, "evidence": "1.542/1.868"}, "percent")
    '82,5%'
    >>> value_string({"value": 97.27, "evidence": "97,27%"}, "percent", "en")
    '97.27%'
    """
    value, computed = value_number(row)
    if value is None:
        return ""
    if computed:
        decimals: int | None = COMPUTED_DECIMALS
    else:
        decimals = written_decimals(_stated_text(row))
    if unit == "percent":
        return fmt_percent(value, decimals, lang=lang)
    return fmt_number(value, 0 if decimals is None and float(value).is_integer() else decimals,
                      lang=lang)


def display_table(rated: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The display string of every observation, in both languages, indexed by ``obs_id``.

    Examples
    --------
    >>> from dvc_analysis.evidence.load import load_indicators, load_observations
    >>> from dvc_analysis.analysis.rates import rates
    >>> obs = load_observations()
    >>> table = display_table(rates(obs), load_indicators())
    >>> len(table) == len(obs)
    True
    """
    import pandas as pd

    units = dict(zip(indicators["id"].astype(str), indicators["unit"].astype(str), strict=False))
    rows = []
    for row in rated.to_dict("records"):
        unit = units.get(as_text(row.get("indicator")), "") or as_text(row.get("unit"))
        rows.append({
            "obs_id": as_text(row.get("obs_id")),
            "value_vi": value_string(row, unit, "vi"),
            "value_en": value_string(row, unit, "en"),
        })
    return pd.DataFrame(rows, columns=["obs_id", "value_vi", "value_en"]).set_index("obs_id")
