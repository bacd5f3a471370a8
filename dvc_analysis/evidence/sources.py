"""Source identifiers: the one short form used in citations."""

from __future__ import annotations

from typing import Any

from .._cells import as_text


def short_id(source_id: Any) -> str:
    """The short id used in citations: "003" for "003_4d6fe64c7387cd52".

    Examples
    --------
    >>> short_id("003_4d6fe64c7387cd52")
    '003'
    """
    return as_text(source_id).split("_", 1)[0]
