"""Sources: one record per cited text, and the one way its id, title, date and citation read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._cells import as_float, as_text
from ..text.words import tr, word

if TYPE_CHECKING:
    import pandas as pd

#: source ids of rows imported from the user's own files start with this
USER_PREFIX = "user:"


def short_id(source_id: Any) -> str:
    """The short id used in citations: "003" for "003_4d6fe64c7387cd52".

    Examples
    --------
    >>> short_id("003_4d6fe64c7387cd52")
    '003'
    >>> short_id("user:my-file-2")
    'my-file-2'
    """
    text = as_text(source_id)
    if text.startswith(USER_PREFIX):  # the user's sources: "user:my-file-2" → "my-file-2"
        return text[len(USER_PREFIX):]
    return text.split("_", 1)[0]


def date_text(published: Any, lang: str = "vi") -> str:
    """A publication date as the report writes it: 15/10/2021 (vi), 2021-10-15 (en).

    Examples
    --------
    >>> date_text("2025-01-02"), date_text("2025-01-02", "en"), date_text("2025")
    ('2/1/2025', '2025-01-02', '2025')
    """
    text = as_text(published)[:10]
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return text
    y, m, d = (int(p) for p in parts)
    return f"{d}/{m}/{y}" if lang == "vi" else f"{y}-{m:02d}-{d:02d}"


@dataclass(frozen=True)
class Source:
    """One row of data/sources.csv, read once, cited the same way everywhere."""

    source_id: str
    title: str = ""
    outlet: str = ""
    published: str = ""
    published_estimated: bool = False
    province_name: str = ""
    title_en: str = ""  # an English description of the source, for English reports

    @classmethod
    def from_row(cls, row: Any) -> Source:
        return cls(
            source_id=as_text(row.get("source_id")),
            title=as_text(row.get("title")),
            outlet=as_text(row.get("outlet")),
            published=as_text(row.get("published")),
            published_estimated=as_text(row.get("published_estimated")).lower()
            in {"true", "1", "yes"},
            province_name=as_text(row.get("province_name")),
            title_en=as_text(row.get("title_en")),
        )

    @property
    def short_id(self) -> str:
        return short_id(self.source_id)

    def date_text(self, lang: str = "vi") -> str:
        """Publication date, marked when it is estimated."""
        when = date_text(self.published, lang)
        if when and self.published_estimated:
            when = f"{when}, {word('estimated', lang)}"
        return when

    def title_in(self, lang: str = "vi") -> str:
        """The title a report in ``lang`` cites: the English description when there is one."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def title_line(self, lang: str = "vi") -> str:
        """Title (outlet, date) — the line of the table of sources."""
        extra = ", ".join(p for p in (self.outlet, self.date_text(lang)) if p)
        return self.title_in(lang) + (f" ({extra})" if extra else "")

    def note_line(self, lang: str = "vi") -> str:
        """``[003] Bình Dương — <title> (BDO, 2/1/2025)`` — one source in a figure's note."""
        province = self.province_name or word("unnamed_province", lang)
        title = self.title_in(lang)
        english = lang == "en" and bool(self.title_en)
        if title and (english or province.casefold() in title.casefold()):
            body = f"[{self.short_id}] {title}"  # the title already names the province
        else:
            body = f"[{self.short_id}] {province}" + (f" — {title}" if title else "")
        extra = ", ".join(p for p in (self.outlet, self.date_text(lang)) if p)
        return body + (f" ({extra})" if extra else "")

    def cite(self, paragraph: Any = None, lang: str = "vi") -> str:
        """``nguồn [003], đoạn 14`` / ``source [003], para. 14``.

        Examples
        --------
        >>> Source("003_ab").cite(14, "en")
        'source [003], para. 14'
        """
        sid = self.short_id
        if self.source_id.startswith(USER_PREFIX):  # the user's source: its title, else its id in Table 1
            return (tr(lang, "nguồn: ", "source: ") + self.title if self.title
                    else tr(lang, f"nguồn [{sid}]", f"source [{sid}]"))
        text = (tr(lang, f"nguồn [{sid}]", f"source [{sid}]") if sid
                else tr(lang, "nguồn: dữ liệu người dùng", "source: user data"))
        para = as_float(paragraph)
        return text + (tr(lang, f", đoạn {int(para)}", f", para. {int(para)}") if para is not None else "")


def source_record(source_id: Any, sources: pd.DataFrame | None = None) -> Source:
    """The :class:`Source` of an id from ``sources`` (default: the bundled table); an id the
    table lacks gives a record with the id alone."""
    if sources is None:
        from .._resources import read_table

        sources = read_table("sources.csv")
    sid = as_text(source_id)
    rows = sources[sources["source_id"].astype(str) == sid]
    return Source.from_row(rows.iloc[0]) if len(rows) else Source(source_id=sid)


def is_user_row(obs: pd.DataFrame) -> pd.Series:
    """True for rows that come from the user's own files (``source_id`` starting "user:").

    Parameters
    ----------
    obs : DataFrame
        Observations with a ``source_id`` column.

    Returns
    -------
    Series of bool

    Examples
    --------
    >>> import pandas as pd
    >>> is_user_row(pd.DataFrame({"source_id": ["user:my", "003_4d6f"]})).tolist()
    [True, False]
    """
    return obs["source_id"].astype(str).str.startswith(USER_PREFIX)
