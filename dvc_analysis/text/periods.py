"""The period vocabulary shared by spreadsheet cells and text extraction: quarters, halves, months, years."""

from __future__ import annotations

import datetime as _dt

from .._inputguard import YEARS, year_problem
from .fmt import month_end

#: Roman quarter numerals ("quý III"), lower case; a caller folds the token first.
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

#: The pattern of a quarter token (Arabic 1–4 or Roman I–IV), for callers' regular expressions.
QUARTER_TOKEN = r"[1-4]|iv|i{1,3}"

Period = tuple[_dt.date, _dt.date]


def quarter_number(token: str) -> int | None:
    """The quarter a token names: "3", "III" or "iii" gives 3; anything else None.

    Parameters
    ----------
    token
        The quarter as written after "quý"/"Q".

    Returns
    -------
    int or None
        1 to 4, or None when the token names no quarter.

    Examples
    --------
    >>> quarter_number("III"), quarter_number("4"), quarter_number("5")
    (3, 4, None)
    """
    t = str(token).strip().lower()
    q = int(t) if t.isdigit() else ROMAN.get(t, 0)
    return q if 1 <= q <= 4 else None


def year_in_range(year: int) -> bool:
    """True when ``year`` lies within the accepted years (2000–2100, `_inputguard.YEARS`).

    Examples
    --------
    >>> year_in_range(2024), year_in_range(1998), year_in_range(2100)
    (True, False, True)
    """
    return year_problem(year) is None


def whole_year(year: int) -> Period:
    """A year on its own is the whole year.

    Examples
    --------
    >>> whole_year(2024)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def years(first: int, last: int) -> Period:
    """A span of whole years ("2021-2025", "giai đoạn 2021–2025")."""
    return _dt.date(first, 1, 1), _dt.date(last, 12, 31)


def quarter(year: int, q: int) -> Period:
    """Quarter ``q`` (1–4) of ``year``.

    Examples
    --------
    >>> quarter(2021, 3)
    (datetime.date(2021, 7, 1), datetime.date(2021, 9, 30))
    """
    return _dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def month(year: int, m: int) -> Period:
    """Month ``m`` (1–12) of ``year``."""
    return _dt.date(year, m, 1), month_end(year, m)


def months(year: int, n: int, *, last: bool = False) -> Period:
    """The first ``n`` months of ``year`` ("6 tháng đầu năm", "9 tháng"), or with ``last`` its
    last ``n`` months ("6 tháng cuối năm"); halves are ``n`` = 6.

    Examples
    --------
    >>> months(2024, 6)
    (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    >>> months(2024, 6, last=True)
    (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))
    """
    if last:
        return _dt.date(year, 13 - n, 1), _dt.date(year, 12, 31)
    return _dt.date(year, 1, 1), month_end(year, n)


__all__ = ["ROMAN", "QUARTER_TOKEN", "YEARS", "Period", "quarter_number", "year_in_range", "whole_year",
           "years", "quarter", "month", "months"]
