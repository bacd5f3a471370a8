"""Reproducible Office files: fixed zip timestamps and document dates, so same input, same bytes.

Word and Excel files are zip packages whose entries carry the time they were written and whose
``docProps/core.xml`` records creation and modification times. `normalise_package` rewrites
both from one date: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else a
date taken from the data (e.g. the newest period end).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from ._safeio import atomic_path

_ZIP_EPOCH = _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def build_date(data_date: Any = None) -> _dt.datetime:
    """The date stamped into outputs: ``SOURCE_DATE_EPOCH`` if set, else `data_date`, else 2000-01-01.

    Parameters
    ----------
    data_date : date, datetime, pandas.Timestamp or None
        A date from the data (ignored when ``SOURCE_DATE_EPOCH`` is set).

    Returns
    -------
    datetime.datetime
        A UTC datetime, whole seconds, never before 1980 (zip's first date).

    Examples
    --------
    >>> import datetime as dt
    >>> build_date(dt.date(2024, 12, 31)).isoformat()  # doctest: +SKIP
    '2024-12-31T00:00:00+00:00'
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = None
    if raw.isdigit():
        when = _dt.datetime.fromtimestamp(int(raw), tz=_dt.timezone.utc)
    elif data_date is not None and data_date == data_date:  # NaT/NaN compare unequal to themselves
        if hasattr(data_date, "to_pydatetime"):
            data_date = data_date.to_pydatetime()
        if isinstance(data_date, _dt.datetime):
            when = data_date.replace(tzinfo=_dt.timezone.utc)
        elif isinstance(data_date, _dt.date):
            when = _dt.datetime(data_date.year, data_date.month, data_date.day, tzinfo=_dt.timezone.utc)
    when = when or _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
    return max(when, _ZIP_EPOCH).replace(microsecond=0)


def normalise_package(path: str | Path, when: _dt.datetime) -> Path:
    """Rewrite a .docx/.xlsx so that its bytes depend only on its content and `when`.

    Every zip entry gets the timestamp `when` and fixed attributes (entry order is kept: Office
    expects ``[Content_Types].xml`` first); ``dcterms:created`` and ``dcterms:modified`` in
    ``docProps/core.xml`` become `when`. The file is replaced atomically.

    Parameters
    ----------
    path : str or Path
        The package.
    when : datetime.datetime
        The date to stamp (see `build_date`).

    Returns
    -------
    Path
        `path`.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile, datetime as dt
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("x.xml", "<x/>")
    >>> when = dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)
    >>> zipfile.ZipFile(normalise_package(p, when)).infolist()[0].date_time
    (2024, 1, 2, 0, 0, 0)
    """
    path = Path(path)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = when.timetuple()[:6]
    with zipfile.ZipFile(path) as src, atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "docProps/core.xml":
                    data = _CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), data)
                entry = zipfile.ZipInfo(info.filename, date_time=date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                entry.create_system = 0
                dst.writestr(entry, data, compresslevel=6)
    return path


__all__ = ["build_date", "normalise_package"]
