"""The user's files as a batch: read them all (or stop on the first rejected row), write their rejected rows, and list their sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..evidence.sources import is_user_row
from ..text.words import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class UserFile:
    """One imported file: how many records it had, how many were used, and the rejected rows."""

    path: str
    records: int
    accepted: int
    rejected: Any  # DataFrame of rejected rows (importer.read_user_file)


def read_user_files(data_files: Sequence[str | Path], *, strict: bool = False
                    ) -> tuple[list[pd.DataFrame], list[UserFile]]:
    """Read every user file; return the accepted frames and one :class:`UserFile` per file.

    Parameters
    ----------
    data_files : sequence of path
    strict : bool
        Raise :class:`~dvc_analysis.errors.UserDataError` (exit code 1) when any row of any file
        is rejected, before anything is written.

    Returns
    -------
    (list of DataFrame, list of UserFile)

    Examples
    --------
    >>> frames, files = read_user_files(["tests/fixtures/own_data.xlsx"])  # doctest: +SKIP
    >>> files[0].accepted, len(files[0].rejected)                          # doctest: +SKIP
    (36, 4)
    """
    from ..errors import UserDataError
    from .userfile import read_user_file

    frames, files = [], []
    for path in data_files:
        accepted, rejected, _problems = read_user_file(path)
        frames.append(accepted)
        files.append(UserFile(str(path), len(accepted) + len(rejected), len(accepted), rejected))
    bad = [f for f in files if len(f.rejected)]
    if strict and bad:
        listing_vi = "; ".join(f"{Path(f.path).name}: {len(f.rejected)}/{f.records} dòng bị loại" for f in bad)
        listing_en = "; ".join(f"{Path(f.path).name}: {len(f.rejected)}/{f.records} rows rejected" for f in bad)
        raise UserDataError(
            f"--strict: có dòng bị loại ({listing_vi}); không ghi gì. Xem: dvc-analysis validate TỆP.",
            f"--strict: rows were rejected ({listing_en}); nothing written. See: dvc-analysis validate FILE.",
        )
    return frames, files


def write_rejected(files: Sequence[UserFile], out_dir: str | Path) -> dict[str, Path]:
    """Write ``<stem>.rejected.csv`` of every file into `out_dir` (header only when none);
    returns {file path: CSV path}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for f in files:
        target = out / f"{Path(f.path).stem}.rejected.csv"
        f.rejected.to_csv(target, index=False, encoding="utf-8-sig")
        written[f.path] = target
    return written


def user_sources(obs: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The user's sources in the schema of data/sources.csv (plus ``url``), one row per source id.

    The title is the "tên nguồn"/"nguồn" text of the rows (the file name only when a row names
    no source), the outlet is the issuing body, ``published`` the source's date; province and
    period span the rows that cite the source.

    Parameters
    ----------
    obs : DataFrame
        Observations; only the rows of the user's files are used.
    lang : {"vi", "en"}

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> user_sources(accepted)[["source_id", "title", "outlet"]]  # doctest: +SKIP
    """
    import pandas as pd

    from ..evidence.provinces import province_name

    cols = ["source_id", "title", "outlet", "author", "published", "published_estimated",
            "province_code", "province_name", "period_start", "period_end", "language", "notes", "url"]
    rows = obs[is_user_row(obs)]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = []
    for sid, g in rows.groupby("source_id", sort=False):
        first = g.iloc[0]

        def get(col: str, first=first) -> str:
            v = first.get(col, "") if hasattr(first, "get") else ""
            return "" if v is None or str(v) in {"nan", "NaT", "<NA>"} else str(v)

        files = ", ".join(dict.fromkeys(g["file"].astype(str))) if "file" in g else ""
        title = get("source_title") or get("source") or tr(lang, f"tệp {files}", f"file {files}")
        codes = list(dict.fromkeys(g["province_code"].astype(str)))
        maps = list(g["province_map"].astype(str)) if "province_map" in g else ["63"] * len(g)
        names = []
        for code in codes:
            m = maps[list(g["province_code"].astype(str)).index(code)] or "63"
            try:
                names.append(province_name(code, m, lang))
            except Exception:  # noqa: BLE001 - an unknown code is shown as written
                names.append(code)
        out.append({
            "source_id": str(sid), "title": title, "outlet": get("source_body"), "author": "",
            "published": get("source_date"), "published_estimated": "false",
            "province_code": codes[0] if len(codes) == 1 else "",
            "province_name": ", ".join(names), "period_start": g["period_start"].min().date().isoformat(),
            "period_end": g["period_end"].max().date().isoformat(), "language": "vi",
            "notes": tr(lang, f"dữ liệu của người dùng, tệp {files}; truy được đến văn bản, không đến đoạn",
                        f"user data, file {files}; traceable to the document, not to a paragraph"),
            "url": get("source_url"),
        })
    return pd.DataFrame(out, columns=cols)


__all__ = ["UserFile", "read_user_files", "user_sources", "write_rejected"]
