"""Map geometry: tile grids, province abbreviations and simplified boundaries."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


MAPS = ("63", "34")


ATTRIBUTION = {
    "vi": "Ranh giới 34 tỉnh: thanglequoc/vietnamese-provinces-database (MIT), "
          "theo Bản đồ tham chiếu đơn vị hành chính Việt Nam (sapnhap.bando.com.vn).",
    "en": "Boundaries of the 34 provinces: thanglequoc/vietnamese-provinces-database (MIT), "
          "after the Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn).",
}


def check_map(map: str | int) -> str:
    key = str(map)
    if key not in MAPS:
        from ..errors import UsageError

        raise UsageError(
            f"Bản đồ tỉnh không hợp lệ: {map!r} (chỉ nhận '63' hoặc '34').",
            f"Unknown province map {map!r} (use '63' or '34').",
        )
    return key


# Former private name.
_check_map = check_map


@functools.lru_cache(maxsize=2)
def load_tiles(map: str = "63") -> pd.DataFrame:
    """The tile-grid layout: columns ``code``, ``row``, ``col`` (row 0 at the top), ``name``, ``abbr``."""
    import pandas as pd

    from .._resources import data_path
    from .provinces import load_provinces

    key = check_map(map)
    with data_path("geo", f"tiles_{key}.csv").open(encoding="utf-8") as fh:
        tiles = pd.read_csv(fh, dtype={"code": str, "row": int, "col": int})
    names = load_provinces(key)[["code", "name", "name_en"]]
    tiles = tiles.merge(names, on="code", how="left", validate="one_to_one")
    tiles["abbr"] = tiles["code"].map(abbreviations(key))
    return tiles


@functools.lru_cache(maxsize=2)
def abbreviations(map: str = "63") -> dict[str, str]:
    """Short tile labels: initials of the name (``Hồ Chí Minh`` → ``HCM``); clashes get one more
    letter from the last word (``Hà Nội`` HN, ``Hà Nam`` HNa)."""
    from .provinces import load_provinces

    prov = load_provinces(check_map(map)).sort_values("code")
    words = {
        c: n.replace("-", " ").replace("–", " ").split()
        for c, n in zip(prov["code"], prov["name"], strict=True)
    }
    out: dict[str, str] = {}
    taken: set[str] = set()
    for code, ws in words.items():
        base = ws[0] if len(ws) == 1 else "".join(w[0].upper() for w in ws)
        abbr, extra = base, 1
        while abbr in taken and extra < len(ws[-1]):
            extra += 1
            abbr = "".join(w[0].upper() for w in ws[:-1]) + ws[-1][:extra].capitalize()
        taken.add(abbr)
        out[code] = abbr
    return out


# ---------------------------------------------------------------------------------------------
# boundaries


def _simplify(ring: list[list[float]], tol: float) -> list[tuple[float, float]]:
    """Drop vertices closer than ``tol`` degrees to the last kept one (radial distance)."""
    if len(ring) <= 8:
        return [tuple(p) for p in ring]
    kept = [tuple(ring[0])]
    for x, y in ring[1:-1]:
        px, py = kept[-1]
        if abs(x - px) >= tol or abs(y - py) >= tol:
            kept.append((x, y))
    kept.append(tuple(ring[-1]))
    if len(kept) < 4:
        return [tuple(p) for p in ring]
    return kept


@functools.lru_cache(maxsize=2)
def load_boundaries(tolerance: float = 0.01) -> dict[str, dict[str, Any]]:
    """Province outlines of the 34-province map: ``{code: {"name", "name_en", "rings"}}``.

    Rings are lists of (lon, lat) tuples, lightly simplified (``tolerance`` in degrees; 0.01° is
    about 1 km, finer than a printed 8 cm map shows).
    """
    from .._resources import data_path

    with data_path("geo", "provinces_34.geojson").open(encoding="utf-8") as fh:
        gj = json.load(fh)
    out: dict[str, dict[str, Any]] = {}
    for feat in gj["features"]:
        props, geom = feat["properties"], feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [_simplify(r, tolerance) for poly in polys for r in poly]
        out[str(props["code"]).zfill(2)] = {
            "name": props.get("name", ""), "name_en": props.get("nameEn", ""), "rings": rings,
        }
    return out
