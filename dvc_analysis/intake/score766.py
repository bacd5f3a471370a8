"""Bộ chỉ số 766: import the national portal's ranking table and chart the points missing per group.

Decision 766/QĐ-TTg (23/6/2022) scores each unit out of 100 points in groups (công khai minh bạch,
tiến độ giải quyết, cung cấp DVCTT, thanh toán trực tuyến, mức độ hài lòng, số hóa hồ sơ). The
groups and their maxima changed over time, so they are stored per scheme and period in
``data/score766_groups.csv`` and never hard-coded here.

The portal's province table, saved as .xlsx or .csv, has one row per unit with its name, total
score (``TONG_SCORE`` or "Tổng điểm") and the group columns (``CKMB``, ``TDGQ``, ``TTTT``/``CLGQ``,
``MDHL``, ``MDSH``; a ``DVCTT`` column in the six-group scheme). ``read_score766`` returns a
tidy table (one row per unit and group) with the points missing to each group's maximum;
``plot_score766`` ranks the units by total with bars split by group.

Example::

    table = read_score766("xep_hang_766.xlsx", period="2025")
    fig = plot_score766(table, lang="vi")
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError, UserDataError

if TYPE_CHECKING:
    import pandas as pd


TOTAL_HEADERS = ("tong score", "tong diem", "tong", "total", "total score", "diem", "score")


NAME_HEADERS = ("ten", "ten don vi", "don vi", "tinh", "tinh thanh pho", "name", "unit", "dia phuong",
                "co quan", "ten tinh")


RANK_HEADERS = ("stt", "xep hang", "hang", "thu hang", "rank", "tt")


TOLERANCE = 0.05  # points: rounding of the portal's displayed scores


def load_groups(scheme: str | None = None) -> pd.DataFrame:
    """Return data/score766_groups.csv (one row per scheme and group, with its maximum points)."""
    import pandas as pd

    from .._resources import data_path

    with data_path("score766_groups.csv").open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    df["max_points"] = df["max_points"].astype(float)
    df["order"] = df["order"].astype(int)
    if scheme is not None:
        if scheme not in set(df["scheme"]):
            raise UsageError(
                f"Không có nhóm điểm 766 '{scheme}' (có: {', '.join(sorted(set(df['scheme'])))}).",
                f"No 766 scheme '{scheme}' (available: {', '.join(sorted(set(df['scheme'])))}).",
            )
        df = df[df["scheme"] == scheme].reset_index(drop=True)
    return df


def _key(text: Any) -> str:
    from ..text.textio import fold_words as _fold

    return _fold(str(text if text is not None else ""))


def _col_key(text: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", _key(text))


def _pick_scheme(columns: set[str], groups: pd.DataFrame, scheme: str | None, start) -> str:
    """The scheme whose group columns are all present (preferring one valid for the period)."""
    if scheme is not None:
        return scheme
    fits = []
    for name, g in groups.groupby("scheme", sort=False):
        vf, vt = g["valid_from"].iloc[0], g["valid_to"].iloc[0]
        if (vf and start is not None and str(start) < vf) or (vt and start is not None and str(start) > vt):
            continue  # the scheme was not in use in this period
        found = 0
        for row in g.itertuples(index=False):
            names = {_col_key(row.column), *(_col_key(a) for a in row.aliases.split(";") if a)}
            found += bool(names & columns)
        if found == len(g):
            fits.append((name, len(g)))
    if not fits:
        raise UserDataError(
            "Bảng 766 thiếu cột điểm nhóm (cần CKMB, TDGQ, TTTT/CLGQ, MDHL, MDSH; thêm DVCTT nếu có 6 nhóm).",
            "The 766 table lacks group-score columns (need CKMB, TDGQ, TTTT/CLGQ, MDHL, MDSH; plus DVCTT "
            "in the six-group scheme).",
        )
    fits.sort(key=lambda x: -x[1])  # the scheme using most columns (six groups before five)
    return fits[0][0]


def read_score766(
    path,
    *,
    period: str | None = None,
    period_start=None,
    period_end=None,
    scheme: str | None = None,
    map: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a saved Bộ chỉ số 766 ranking table into a tidy table.

    The period is given as a label (``period="2025"``, ``"Q1/2025"``, ``"6 tháng đầu năm 2025"``)
    or as dates. The scheme (``"nhom6"`` or ``"nhom5"``) is taken from the group columns present
    unless given. Units that are provinces get their code (map chosen by the period unless
    given); other units (agencies, communes) keep only their name.

    Returns one row per unit and group: unit_name, province_code, province_map, rank, total,
    group, group_name_vi, group_name_en, score, max_points, missing_points, scheme,
    period_start, period_end, row. Checks: each group score within 0..max, the group scores
    adding up to the total (within rounding); failures raise UserDataError listing the rows.
    """
    import pandas as pd

    from ..evidence.provinces import map_for_date, resolve
    from .cells import _detect_style, _text, parse_number, parse_period
    from .sheets import _read_any

    if period is not None:
        try:
            start, end = parse_period(period)
        except ValueError:
            raise UsageError(f"Không đọc được kỳ '{period}'.", f"Cannot read the period '{period}'.") from None
    elif period_start is not None or period_end is not None:
        start = pd.Timestamp(period_start or period_end).date()
        end = pd.Timestamp(period_end or period_start).date()
    else:
        raise UsageError(
            "Cần kỳ của bảng 766 (period=... hoặc period_start/period_end).",
            "The 766 table needs its period (period=... or period_start/period_end).",
        )
    pmap = map or map_for_date(end)
    p = Path(path)
    sheets = _read_any(p, sheet, [])
    rows = next((s.rows for s in sheets if s.rows), [])
    if not rows:
        raise UserDataError(f"Tệp {p.name} không có dữ liệu.", f"The file {p.name} has no data.")
    groups_all = load_groups()
    h = None
    for i, (_, cells) in enumerate(rows[:15]):
        keys = {_col_key(c) for c in cells}
        if keys & {_col_key(t) for t in TOTAL_HEADERS}:
            h = i
            break
    if h is None:
        raise UserDataError(
            f"Không thấy cột tổng điểm (TONG_SCORE / Tổng điểm) trong {p.name}.",
            f"No total-score column (TONG_SCORE / Tổng điểm) in {p.name}.",
        )
    header = [_col_key(c) for c in rows[h][1]]
    style = _detect_style([c for _, cells in rows[h + 1:] for c in cells if isinstance(c, str)])

    def find(cands) -> int | None:
        keys = [_col_key(c) for c in cands]
        for k in keys:
            if k in header:
                return header.index(k)
        return None

    i_total = find(TOTAL_HEADERS)
    i_name = find(NAME_HEADERS)
    i_rank = find(RANK_HEADERS)
    if i_name is None:
        i_name = next((j for j, k in enumerate(header) if j not in (i_total, i_rank)), None)
    chosen = _pick_scheme(set(header), groups_all, scheme, start)
    groups = groups_all[groups_all["scheme"] == chosen].sort_values("order")
    gcols: dict[str, int] = {}
    for g in groups.itertuples(index=False):
        names = [g.column, *[a for a in g.aliases.split(";") if a]]
        j = find(names)
        if j is None:
            raise UserDataError(
                f"Bảng 766 thiếu cột nhóm {g.column} ({g.name_vi}).",
                f"The 766 table lacks the group column {g.column} ({g.name_en}).",
            )
        gcols[g.group] = j
    out, problems = [], []
    for rownum, cells in rows[h + 1:]:
        def cell(j, cells=cells):
            return cells[j] if j is not None and j < len(cells) else None

        name = _text(cell(i_name))
        if not name:
            continue
        try:
            total = parse_number(cell(i_total), style)[0]
            scores = {g: parse_number(cell(j), style)[0] for g, j in gcols.items()}
        except ValueError:
            problems.append(f"{rownum}: {name}")
            continue
        try:
            code = resolve(name, pmap)
        except UserDataError:
            code = ""
        rank = _text(cell(i_rank))
        present = [v for v in scores.values() if v is not None]
        if total is not None and present and len(present) == len(scores) and \
                abs(sum(present) - total) > TOLERANCE * len(present):
            problems.append(f"{rownum}: {name} (Σ={sum(present):.2f} ≠ {total:.2f})")
        for g in groups.itertuples(index=False):
            s = scores[g.group]
            if s is not None and not -TOLERANCE <= s <= g.max_points + TOLERANCE:
                problems.append(f"{rownum}: {name} ({g.column}={s} > {g.max_points:g})")
            out.append(dict(
                unit_name=name, province_code=code, province_map=pmap,
                rank=float(rank) if re.fullmatch(r"\d+", rank) else float("nan"),
                total=total, group=g.group, group_name_vi=g.name_vi, group_name_en=g.name_en,
                score=s, max_points=g.max_points,
                missing_points=None if s is None else max(0.0, g.max_points - s),
                scheme=chosen, period_start=start, period_end=end, row=rownum,
            ))
    if problems:
        raise UserDataError(
            f"Bảng 766 {p.name} có {len(problems)} dòng không hợp lệ (dòng: {'; '.join(problems[:10])}).",
            f"The 766 table {p.name} has {len(problems)} invalid rows (rows: {'; '.join(problems[:10])}).",
        )
    if not out:
        raise UserDataError(f"Bảng 766 {p.name} không có đơn vị nào.", f"The 766 table {p.name} lists no unit.")
    df = pd.DataFrame(out)
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    for c in ("rank", "total", "score", "max_points", "missing_points"):
        df[c] = pd.to_numeric(df[c]).astype(float)
    df.attrs["file"] = p.name
    return df


def to_observations(table: pd.DataFrame, *, source_id: str = "user:score766") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn a 766 table into (observations, indicators) for the report: one score per unit and
    group (indicator ``score766_<group>``, denominator = the group maximum) and the total
    (``score766_total``, out of 100). Units without a province code are left out."""
    import pandas as pd

    from ..text.fmt import period_label

    rows, seen = [], set()
    t = table[table["province_code"] != ""]
    k = 0
    for r in t.itertuples(index=False):
        items = [(f"score766_{r.group}", r.score, r.max_points)]
        if r.unit_name not in seen:
            items.append(("score766_total", r.total, 100.0))
            seen.add(r.unit_name)
        for ind, v, mx in items:
            if v is None or v != v:
                continue
            k += 1
            rows.append(dict(
                obs_id=f"u-766-{k:06d}", source_id=source_id, paragraph=None,
                province_code=r.province_code, province_map=r.province_map, unit_name="",
                admin_level="province", indicator=ind, component="", period_start=r.period_start,
                period_end=r.period_end, period_label=period_label(r.period_start, r.period_end),
                numerator=float("nan"), denominator=mx, value=v, qualifier="exact",
                evidence=f"{v:g}".replace(".", ","), note=f"Bộ chỉ số 766, {r.scheme}"))
    groups = load_groups()
    inds = [dict(id="score766_total", name_vi="Điểm Bộ chỉ số 766 (tổng)", name_en="766 index: total score",
                 unit="score", higher_is_better="true", group="score766", level_system="none",
                 basis="QĐ 766/QĐ-TTg")]
    for g in groups.drop_duplicates("group").itertuples(index=False):
        inds.append(dict(id=f"score766_{g.group}", name_vi=f"Điểm 766: {g.name_vi}",
                         name_en=f"766 index: {g.name_en}", unit="score", higher_is_better="true",
                         group="score766", level_system="none", basis="QĐ 766/QĐ-TTg"))
    return pd.DataFrame(rows), pd.DataFrame(inds)


__all__ = ["load_groups", "read_score766", "to_observations"]
