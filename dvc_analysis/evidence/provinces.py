"""Province registry: the 63 provinces before 1 July 2025, the 34 since, and name resolution.

Codes are the official two-digit codes as text ("01" … "96"). A code alone is ambiguous across
the merger (24 was Bắc Giang, is Bắc Ninh), so every function takes the map version, "63" or "34".
`resolve` accepts the many ways names are written (with or without diacritics, "Tỉnh"/"TP."
prefixes, hyphens, abbreviations such as TP.HCM or BR-VT, English names).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import unicodedata
from typing import TYPE_CHECKING

from ..errors import UsageError, UserDataError
from ..text.textio import fold_words

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MERGER_DATE = _dt.date(2025, 7, 1)
MAPS = ("63", "34")

_FILES = {"63": "provinces.csv", "34": "provinces_2025.csv"}
_PREFIXES = ("thanh pho truc thuoc trung uong ", "thanh pho ", "tinh ", "tp ", "t p ", "city of ")
_SUFFIXES = (" province", " city", " tinh")


def _check_map(map: str | int | None) -> str:
    key = "63" if map is None else str(map).strip()
    if key not in MAPS:
        raise UsageError(
            f"Bản đồ tỉnh không hợp lệ: {map!r} (chỉ nhận '63' hoặc '34').",
            f"Unknown province map {map!r} (use '63' or '34').",
        )
    return key


def map_for_date(date) -> str:
    """Return the province map in force on `date`: "63" before 1 July 2025, "34" from then on."""
    if isinstance(date, str):
        date = _dt.date.fromisoformat(date.strip()[:10])
    elif isinstance(date, _dt.datetime):
        date = date.date()
    elif hasattr(date, "date") and callable(date.date):  # pandas Timestamp
        date = date.date()
    return "63" if date < MERGER_DATE else "34"


@functools.lru_cache(maxsize=4)
def _read(map: str) -> pd.DataFrame:
    import pandas as pd

    from .._resources import data_path

    with data_path(_FILES[map]).open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    return df


def load_provinces(map: str = "63") -> pd.DataFrame:
    """Return the province table of the map ("63" before 1/7/2025, "34" since).

    Columns: code (2-character text), name, name_en, region, region_en, kind (tinh|thanh_pho),
    note; the "34" table also has old_codes (";"-separated).
    """
    return _read(_check_map(map)).copy()


@functools.lru_cache(maxsize=4)
def _merge() -> pd.DataFrame:
    import pandas as pd

    from .._resources import data_path

    with data_path("province_merge_2025.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def load_merge() -> pd.DataFrame:
    """Return the 63 → 34 table: old_code, new_code, seat (true when the old unit hosts the new seat)."""
    return _merge().copy()


def load_aliases() -> pd.DataFrame:
    """Return the alias table: alias, code, map."""
    import pandas as pd

    from .._resources import data_path

    with data_path("province_aliases.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def normalize_code(code) -> str:
    """Turn 1, "1", " 01 " or 1.0 into "01"; other text is returned stripped."""
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    text = unicodedata.normalize("NFC", str(code)).strip()
    if text.isdigit() and len(text) <= 2:
        return text.zfill(2)
    return text




# Former private helper, kept under its old name for callers of `dvc_analysis.provinces._fold`.
_fold = fold_words


def _key(text: str) -> str:
    """Matching key: folded, without administrative prefixes/suffixes, without spaces."""
    folded = _fold(text)
    changed = True
    while changed and folded:
        changed = False
        for p in _PREFIXES:
            if folded.startswith(p) and len(folded) > len(p):
                folded = folded[len(p):]
                changed = True
        for s in _SUFFIXES:
            if folded.endswith(s) and len(folded) > len(s):
                folded = folded[: -len(s)]
                changed = True
    return folded.replace(" ", "")


@functools.lru_cache(maxsize=4)
def _index(map: str) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Key → set of codes, and key → a display name for suggestions."""
    index: dict[str, set[str]] = {}
    display: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        k = _key(name)
        if k:
            index.setdefault(k, set()).add(code)
            display.setdefault(k, name)

    table = _read(map)
    for row in table.itertuples(index=False):
        add(row.name, row.code)
        add(row.name_en, row.code)
        add(row.code, row.code)
    aliases = load_aliases()
    for row in aliases[aliases["map"] == map].itertuples(index=False):
        add(row.alias, row.code)
    return {k: frozenset(v) for k, v in index.items()}, display


@functools.lru_cache(maxsize=1)
def _old_name_index() -> dict[str, str]:
    """Folded key of every pre-2025 name (and alias) → old code; used to explain merged names."""
    index, _ = _index("63")
    return {k: next(iter(v)) for k, v in index.items() if len(v) == 1}


def resolve(name, map: str | None = "63", *, date=None) -> str:
    """Return the two-digit code (text) of a province name in map "63" or "34".

    The map is given explicitly or chosen by `date` (before 1/7/2025 → "63", from then on
    → "34"; pass map=None with a date). Matching ignores case, diacritics, Unicode form, the
    words "Tỉnh"/"Thành phố"/"TP.", hyphens and spaces, and knows common abbreviations.
    A two-digit code of the map is accepted as is. Raises UserDataError listing the closest
    names when the name is unknown, ambiguous, or (map "34") a province merged on 1/7/2025.
    """
    if date is not None:
        by_date = map_for_date(date)
        if map is not None and str(map) != by_date:
            raise UsageError(
                f"Bản đồ '{map}' không khớp với ngày {date} (bản đồ '{by_date}').",
                f"Map '{map}' does not match the date {date} (map '{by_date}').",
            )
        map = by_date
    key_map = _check_map(map)
    return _resolve_cached(str(name) if name is not None else "", key_map)


@functools.lru_cache(maxsize=4096)
def _resolve_cached(name: str, map: str) -> str:
    index, display = _index(map)
    raw = name.strip()
    if not raw:
        raise UserDataError("Tên tỉnh trống.", "Province name is empty.")
    k = _key(raw)
    codes = index.get(k)
    if codes and len(codes) == 1:
        return next(iter(codes))
    if codes:
        names = ", ".join(f"{province_name(c, map)} ({c})" for c in sorted(codes))
        raise UserDataError(
            f"Tên tỉnh '{raw}' không rõ (bản đồ {map} tỉnh): có thể là {names}.",
            f"Province name '{raw}' is ambiguous (map {map}): could be {names}.",
        )
    if map == "34":
        old = _old_name_index().get(k)
        if old is not None:
            new = new_code(old)
            raise UserDataError(
                f"'{raw}' là tỉnh cũ (mã {old}), từ 1/7/2025 thuộc {province_name(new, '34')} "
                f"(mã {new}); dùng bản đồ 63 tỉnh cho số liệu trước 1/7/2025.",
                f"'{raw}' is a former province (code {old}), part of "
                f"{province_name(new, '34', lang='en')} (code {new}) since 1 July 2025; use map "
                "'63' for figures before that date.",
            )
    close = difflib.get_close_matches(k, list(index), n=5, cutoff=0.5)
    names = [display[c] for c in close]
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    hint_vi = f" Gần nhất: {', '.join(seen)}." if seen else ""
    hint_en = f" Closest: {', '.join(seen)}." if seen else ""
    raise UserDataError(
        f"Không nhận ra tên tỉnh '{raw}' (bản đồ {map} tỉnh).{hint_vi}",
        f"Unknown province name '{raw}' (map {map}).{hint_en}",
    )


@functools.lru_cache(maxsize=4)
def _rows_by_code(map: str) -> dict:
    """Code → table row, built once per map (looking rows up by filtering is slow in loops)."""
    table = _read(map)
    return {str(c): table.iloc[i] for i, c in enumerate(table["code"])}


def _row(code, map: str):
    c = normalize_code(code)
    hit = _rows_by_code(map).get(c)
    if hit is None:
        raise UserDataError(
            f"Mã tỉnh '{code}' không có trong bản đồ {map} tỉnh.",
            f"Province code '{code}' is not in map {map}.",
        )
    return hit


def is_code(code, map: str = "63") -> bool:
    """True when `code` is a province code of the map."""
    return normalize_code(code) in set(_read(_check_map(map))["code"])


def new_code(old_code) -> str:
    """Return the code of the province (map "34") that a pre-2025 province became part of."""
    merge = _merge()
    c = normalize_code(old_code)
    hit = merge.loc[merge["old_code"] == c, "new_code"]
    if hit.empty:
        raise UserDataError(
            f"Mã tỉnh cũ '{old_code}' không có trong bản đồ 63 tỉnh.",
            f"Old province code '{old_code}' is not in the 63-province map.",
        )
    return str(hit.iloc[0])


def old_codes(new_code: str) -> list[str]:
    """Return the pre-2025 codes (sorted) merged into a province of the 34-province map."""
    merge = _merge()
    c = normalize_code(new_code)
    hit = merge.loc[merge["new_code"] == c, "old_code"]
    if hit.empty:
        raise UserDataError(
            f"Mã tỉnh '{new_code}' không có trong bản đồ 34 tỉnh.",
            f"Province code '{new_code}' is not in the 34-province map.",
        )
    return sorted(str(x) for x in hit)


def province_name(code, map: str = "63", lang: str = "vi", *, full: bool = False) -> str:
    """Return the name of a province code in a map; lang "vi" or "en".

    With full=True the Vietnamese name carries its kind ("Tỉnh Sơn La", "Thành phố Hà Nội").
    """
    row = _row(code, _check_map(map))
    if lang == "en":
        return str(row["name_en"])
    if lang != "vi":
        raise UsageError(f"Ngôn ngữ không hợp lệ: {lang!r}.", f"Unknown language {lang!r}.")
    if full:
        return ("Thành phố " if row["kind"] == "thanh_pho" else "Tỉnh ") + str(row["name"])
    return str(row["name"])


def unit_label(code: object, unit_name: object = "", lang: str = "vi", map: str = "63") -> str:
    """The one label of a reporting unit: "Province: agency or district", or the province; in
    English the unit's name goes through :func:`~dvc_analysis.text.words.unit_name`.

    A row without a province code is the unnamed province of its source; a code this registry
    does not know (user data) is shown as written.

    Examples
    --------
    >>> unit_label("26", "Sở Công Thương")
    'Vĩnh Phúc: Sở Công Thương'
    >>> unit_label("", "", "en")
    'unnamed province'
    """
    from .._cells import as_text
    from ..text import words

    code, unit = as_text(code), words.unit_name(as_text(unit_name), lang)
    if not code:
        province = words.word("unnamed_province", lang)
    else:
        try:
            province = province_name(code, map, lang=lang)
        except (UsageError, UserDataError, KeyError, ValueError):
            province = code
    return f"{province}: {unit}" if unit else province
