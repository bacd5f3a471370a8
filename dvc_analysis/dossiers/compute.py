"""Compute dossier indicators by unit and period: `compute` (a DataFrame) and `run` (everything).

Pipeline: open the exports (`read`), type and check every row (`stage`), run the profile's SQL
(`rules`) on the engine, then turn the wide table of counts into long rows in the evidence
schema, with Wilson intervals from `dvc_analysis.indicators.rates`.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError, UserDataError
from ..text.fmt import fmt_number, month_end
from . import columns as _columns
from . import rules as _rules
from .engine import make_engine
from .read import open_sources
from .stage import BY, KEPT, PERIOD_SQL, REASONS, stage

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: rate indicators: (id, numerator column, denominator column, fields needed)
RATES = (
    ("dossier_online_share", "online", "received", ("kenh",)),
    ("payment_dossier_share", "paid_online", "fee_due", ("thanh_toan", "phi")),
    ("on_time_rate", "on_time", "judged", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("late_rate", "late", "judged", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("digitisation_input", "digitised_in", "received", ("so_hoa_tp",)),
    ("digitisation_output", "digitised_out", "issued", ("so_hoa_kq", "ngay_ket_thuc")),
)
#: count indicators: (id, column, fields needed)
COUNTS = (
    ("dossier_received_count", "received", ()),
    ("dossier_online_count", "online", ("kenh",)),
    ("dossier_direct_postal_count", "direct_postal", ("kenh",)),
    ("dossier_carried_over_count", "carried_over", ("ngay_ket_thuc",)),
    ("dossier_handled_count", "handled", ("ngay_ket_thuc",)),
    ("dossier_resolved_count", "resolved", ("ngay_ket_thuc",)),
    ("dossier_early_count", "early", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_on_due_count", "on_due", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_on_time_count", "on_time", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_late_count", "late", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_resolved_no_due_count", "resolved_no_due", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_pending_count", "pending", ("ngay_ket_thuc",)),
    ("dossier_pending_in_time_count", "pending_in_time", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_pending_overdue_count", "pending_overdue", ("ngay_hen_tra", "ngay_ket_thuc")),
    ("dossier_withdrawn_count", "withdrawn", ("trang_thai",)),
    ("dossier_fee_count", "fee_due", ("phi",)),
)
OUTPUT_COLUMNS = ["unit", "unit_label", "province_code", "admin_level", "period_start", "period_end",
                  "indicator", "numerator", "denominator", "value", "ci_low", "ci_high", "rules",
                  "source"]
REJECTED_COLUMNS = ["file", "sheet", "row", "ma_ho_so", "column", "value", "reason_vi", "reason_en"]
WIDE_COLUMNS = ["received", "online", "direct_postal", "fee_due", "paid_online", "digitised_in",
                "withdrawn", "carried_over", "resolved", "judged", "early", "on_due", "late",
                "resolved_no_due", "issued", "digitised_out", "pending", "pending_overdue",
                "pending_in_time"]


@dataclass(frozen=True)
class Computation:
    """Everything one run produced (the long indicators, the wide counts, the rejected rows)."""

    indicators: pd.DataFrame
    wide: pd.DataFrame
    rejected: pd.DataFrame
    input_rows: int
    accepted_rows: int
    files: tuple[str, ...]
    rules: str
    by: str
    period: str
    missing: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    bieu: pd.DataFrame | None = None
    present: tuple[str, ...] = ()
    synthetic: bool = False

    @property
    def missing_message(self) -> tuple[str, str] | None:
        """(vi, en) sentence naming the absent columns and the indicators needing them."""
        return missing_message(self.missing)


def missing_message(missing) -> tuple[str, str] | None:
    """Bilingual sentence for indicators left out because their columns are absent."""
    if not missing:
        return None
    by_fields: dict[tuple[str, ...], list[str]] = {}
    for ind, fields in missing:
        by_fields.setdefault(fields, []).append(ind)
    vi = "; ".join(f"thiếu cột {', '.join(f)} nên không tính được {', '.join(i)}"
                   for f, i in by_fields.items())
    en = "; ".join(f"column(s) {', '.join(f)} missing, so {', '.join(i)} not computed"
                   for f, i in by_fields.items())
    return (vi + " (các chỉ số khác vẫn được tính).", en + " (the other indicators are computed).")


def period_bounds(index: int, period: str) -> tuple[_dt.date, _dt.date]:
    """First and last day of period number `index` (as made by stage.PERIOD_SQL)."""
    if period == "month":
        y, m = divmod(int(index), 12)
        return _dt.date(y, m + 1, 1), month_end(y, m + 1)
    if period == "quarter":
        y, q = divmod(int(index), 4)
        return _dt.date(y, 3 * q + 1, 1), month_end(y, 3 * q + 3)
    return _dt.date(int(index), 1, 1), _dt.date(int(index), 12, 31)


def _province(value: Any, when: _dt.date) -> str:
    from ..evidence.provinces import map_for_date, resolve

    text = str(value).strip() if value is not None else ""
    if text.isdigit():
        return str(int(text)).zfill(2)
    if not text:
        return ""
    try:
        return resolve(text, map_for_date(when))
    except (UserDataError, UsageError):
        return ""


def _files_text(files: Sequence[str], lang: str) -> str:
    shown = ", ".join(files[:3])
    if len(files) > 3:
        shown += (f" và {len(files) - 3} tệp khác" if lang == "vi" else f" and {len(files) - 3} more")
    return shown


def provenance(n: int, files: Sequence[str], profile: str) -> str:
    """The source text of computed rows, in Vietnamese and English."""
    return (f"tính từ {fmt_number(n)} hồ sơ trong tệp {_files_text(files, 'vi')}, quy tắc {profile} / "
            f"computed from {fmt_number(n, lang='en')} dossiers in files {_files_text(files, 'en')}, "
            f"rules {profile}")


def _long(wide: pd.DataFrame, present: set[str], profile: str, source: str,
          level: str) -> tuple[pd.DataFrame, list[tuple[str, tuple[str, ...]]]]:
    import numpy as np
    import pandas as pd

    from ..analysis.rates import rates

    frames, missing = [], []
    base = wide[["unit", "unit_label", "province_code", "period_start", "period_end"]]
    for ident, num, den, needs in RATES:
        lacking = tuple(f for f in needs if f not in present)
        if lacking:
            missing.append((ident, lacking))
            continue
        keep = wide[den] > 0  # denominator 0: the rate is N/A, its counts still show the base
        part = base[keep].copy()
        part["indicator"] = ident
        part["numerator"] = wide.loc[keep, num].astype(float)
        part["denominator"] = wide.loc[keep, den].astype(float)
        part["value"] = 100 * part["numerator"] / part["denominator"]
        frames.append(part)
    for ident, col, needs in COUNTS:
        lacking = tuple(f for f in needs if f not in present)
        if lacking:
            missing.append((ident, lacking))
            continue
        part = base.copy()
        part["indicator"] = ident
        part["numerator"] = np.nan
        part["denominator"] = np.nan
        part["value"] = wide[col].astype(float)
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    rated = rates(out.drop(columns="unit").assign(admin_level=level))  # "unit" would read as the measure
    out["ci_low"] = rated["ci_low"].to_numpy()
    out["ci_high"] = rated["ci_high"].to_numpy()
    out["admin_level"] = level
    out["rules"] = profile
    out["source"] = source
    order = {ident: i for i, ident in enumerate([r[0] for r in RATES] + [c[0] for c in COUNTS])}
    out["_o"] = out["indicator"].map(order)
    out = out.sort_values(["unit", "period_start", "_o"], kind="stable").drop(columns="_o")
    return out[OUTPUT_COLUMNS].reset_index(drop=True), missing


def ids_view(eng, sources) -> bool:
    """Views raw_ids_<i> with the dossier id of every file; False when a file has no id column."""
    for i, src in enumerate(sources):
        col = src.column_of("ma_ho_so")
        if col is None:
            return False
        mark = eng.dialect.quote
        eng.view(f"raw_ids_{i}", f"SELECT CAST({mark}{col}{mark} AS STRING) AS ma_ho_so FROM {src.view}")
    return True


def _wide(eng, profile, period: str, meta: pd.DataFrame, by: str) -> pd.DataFrame:
    """Run one profile's SQL: counts by unit and period, with dates, labels and province codes."""
    import pandas as pd

    wide = eng.df(_rules.render(profile))
    for col in WIDE_COLUMNS:
        wide[col] = pd.to_numeric(wide[col]).fillna(0).astype("int64")
    wide["p"] = wide["p"].astype("int64")
    wide["on_time"] = wide["early"] + wide["on_due"]
    wide["handled"] = wide["received"] + wide["carried_over"]
    bounds = {p: period_bounds(p, period) for p in wide["p"].unique()}
    wide["period_start"] = pd.to_datetime([bounds[p][0] for p in wide["p"]])
    wide["period_end"] = pd.to_datetime([bounds[p][1] for p in wide["p"]])
    wide = wide.merge(meta[["unit", "unit_label", "province_code"]], on="unit", how="left")
    if by == "tinh":
        wide["unit_label"] = wide["province_code"].where(wide["province_code"] != "", wide["unit"])
    return wide


def _rejected(engine, sources) -> pd.DataFrame:
    import pandas as pd

    rows = engine.df("SELECT src, rownum, ma_ho_so, reason, bad_value FROM dossiers "
                     "WHERE reason IS NOT NULL ORDER BY src, rownum")
    if rows.empty:
        return pd.DataFrame(columns=REJECTED_COLUMNS)
    src = rows["src"].astype(int)
    out = pd.DataFrame({
        "file": [sources[i].name for i in src],
        "sheet": [sources[i].sheet for i in src],
        "row": rows["rownum"].astype("Int64"),
        "ma_ho_so": rows["ma_ho_so"].fillna(""),
        "column": [sources[i].header_of(REASONS[r][2]) for i, r in zip(src, rows["reason"], strict=True)],
        "value": rows["bad_value"].fillna(""),
        "reason_vi": [REASONS[r][0] for r in rows["reason"]],
        "reason_en": [REASONS[r][1] for r in rows["reason"]],
    })
    return out


def run(paths: Sequence[str | Path] | str | Path, *, by: str = "donvi", period: str = "month",
        rules: str = "766", columns: str | Path | dict | None = None, engine: Any = "duckdb",
        province: str | None = None, progress: Callable[[str], None] | None = None,
        bieu: bool = True) -> Computation:
    """Read the exports, check every row and compute the indicators of one rule profile.

    Parameters
    ----------
    paths
        One or more CSV / XLSX / Parquet exports of a one-stop system or of the portal sync.
    by
        Unit of the indicators: ``donvi`` (agency), ``xa`` (commune), ``linhvuc`` (field),
        ``thutuc`` (procedure) or ``tinh`` (province).
    period
        ``month``, ``quarter`` or ``year``.
    rules
        Rule profile name (``766``, ``bieu-06a``; see `dvc_analysis.dossiers.rules`).
    columns
        ``--columns`` mapping file (or an already read mapping) for headers not recognised.
    engine
        ``"duckdb"`` (default), ``"spark"``, or an engine object.
    province
        Province code for every row when the export has no province column.
    progress
        Callable receiving progress messages, or None.
    bieu
        Also count under the ``bieu-06a`` profile (for bieu_06a.xlsx) when `rules` is another.

    Returns
    -------
    Computation
        Long indicators, wide counts, rejected rows and row counts.

    Examples
    --------
    >>> result = run(["ho_so_2025.parquet"], by="donvi", rules="766")  # doctest: +SKIP
    >>> result.input_rows == result.accepted_rows + len(result.rejected)  # doctest: +SKIP
    True
    """
    import pandas as pd
    import pyarrow as pa

    if by not in BY:
        raise UsageError(f"--by phải là một trong {', '.join(BY)}.", f"--by must be one of {', '.join(BY)}.")
    if period not in PERIOD_SQL:
        raise UsageError("--period phải là month, quarter hoặc year.", "--period must be month, quarter or year.")
    profile = _rules.get_profile(rules)
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    mapping = _columns.read_mapping(columns) if isinstance(columns, str | Path) else columns
    say = progress or (lambda _msg: None)
    eng = make_engine(engine)
    sources = open_sources(paths, eng, mapping, progress=say)
    for src in sources:
        found = {f for f, _ in src.fields}
        needed = [("ngay_tiep_nhan",), BY[by][0]] + ([] if province else [("ma_tinh",)] if by == "tinh" else [])
        for alternatives in needed:
            if not found & set(alternatives):
                raise UserDataError(
                    f"{src.name}: thiếu cột {' hoặc '.join(alternatives)} (cần cho mọi chỉ số với --by {by}).",
                    f"{src.name}: column {' or '.join(alternatives)} is missing (every indicator "
                    f"needs it with --by {by}).")
    say("kiểm tra từng dòng / checking every row")
    present = stage(sources, eng, by=by, period=period, province=province)
    # one typed, checked copy (spilling to disk if needed): every later query reads only it
    # ids and faulty values are kept only for rejected rows: they are all the table needs
    eng.table("checked", f"SELECT {', '.join(KEPT)}, "
              "CASE WHEN reason IS NULL THEN NULL ELSE ma_ho_so END AS ma_ho_so, "
              "CASE WHEN reason IS NULL THEN NULL ELSE bad_value END AS bad_value FROM dossiers")
    eng.view("dossiers", "SELECT * FROM checked")
    counts = eng.rows("SELECT COUNT(*), SUM(CASE WHEN reason IS NULL THEN 1 ELSE 0 END), "
                      "MIN(CASE WHEN reason IS NULL THEN rp END), MAX(CASE WHEN reason IS NULL THEN rp END), "
                      "MAX(CASE WHEN reason IS NULL THEN fp END) FROM dossiers")[0]
    total, accepted = int(counts[0] or 0), int(counts[1] or 0)
    # synth.py marks every id "GL-": the first thousand rows of each file tell
    sample = eng.rows(" UNION ALL ".join(
        f"SELECT * FROM (SELECT CASE WHEN ma_ho_so LIKE 'GL-%' THEN 1 ELSE 0 END AS gl FROM raw_ids_{i} "
        f"LIMIT 1000) AS s{i}" for i in range(len(sources)))) if ids_view(eng, sources) else []
    synthetic = bool(sample) and all(r[0] == 1 for r in sample)
    say(f"{fmt_number(total)} dòng / rows: {fmt_number(accepted)} dùng được / accepted, "
        f"{fmt_number(total - accepted)} bị loại / rejected")
    rejected = _rejected(eng, sources)
    eng.view("accepted", "SELECT * FROM dossiers WHERE reason IS NULL")
    files = tuple(s.name for s in sources)
    if accepted == 0:
        empty = pd.DataFrame(columns=OUTPUT_COLUMNS)
        none = pd.DataFrame(columns=["unit", "p", *WIDE_COLUMNS])
        return Computation(empty, none, rejected, total, 0, files, profile.profile, by, period,
                           (), none, tuple(sorted(present)))
    first, last = int(counts[2]), max(int(counts[3]), int(counts[4] if counts[4] is not None else counts[3]))
    eng.register_arrow("periods", pa.table({"p": pa.array(range(first, last + 1), type=pa.int64())}))
    say(f"tính chỉ số theo quy tắc {profile.profile} / computing indicators, rules {profile.profile}")
    meta = eng.df("SELECT unit, COALESCE(MIN(unit_label), unit) AS unit_label, MIN(ma_tinh) AS t_min, "
                  "MAX(ma_tinh) AS t_max FROM accepted GROUP BY unit")
    last_day = period_bounds(last, period)[1]
    meta["province_code"] = [
        _province(lo, last_day) if lo is not None and lo == hi else ""
        for lo, hi in zip(meta["t_min"], meta["t_max"], strict=True)]
    wide = _wide(eng, profile, period, meta, by)
    if profile.profile == "bieu-06a" or not bieu:
        bieu_wide = wide if profile.profile == "bieu-06a" else None
    else:
        bieu_wide = _wide(eng, _rules.get_profile("bieu-06a"), period, meta, by)
    source = provenance(accepted, files, profile.profile)
    long, missing = _long(wide, present, profile.profile, source, BY[by][2])
    eng.close()
    return Computation(long, wide, rejected, total, accepted, files, profile.profile, by, period,
                       tuple(missing), bieu_wide, tuple(sorted(present)), synthetic)


def compute(paths, by: str = "donvi", period: str = "month", rules: str = "766", **options) -> pd.DataFrame:
    """Indicators of dossier exports by unit and period, in long form (one row per figure).

    Parameters
    ----------
    paths
        Export files (CSV, XLSX, Parquet).
    by, period, rules
        As in `run`.
    **options
        ``columns``, ``engine``, ``province``, ``progress`` (see `run`).

    Returns
    -------
    pandas.DataFrame
        Columns `OUTPUT_COLUMNS`: unit, unit_label, province_code, admin_level, period_start,
        period_end, indicator, numerator, denominator, value (percent for rates), ci_low, ci_high
        (Wilson 95%), rules, source. ``attrs`` holds input_rows, accepted_rows, rejected_rows.
        When columns are missing the other indicators are returned and a warning names them.

    Examples
    --------
    >>> from dvc_analysis import dossiers
    >>> table = dossiers.compute(["ho_so.csv"], by="donvi", period="month", rules="766")  # doctest: +SKIP
    """
    result = run(paths, by=by, period=period, rules=rules, bieu=False, **options)
    message = result.missing_message
    if message:
        warnings.warn(f"{message[0]} / {message[1]}", UserWarning, stacklevel=2)
    out = result.indicators
    out.attrs = {"input_rows": result.input_rows, "accepted_rows": result.accepted_rows,
                 "rejected_rows": len(result.rejected)}
    return out


def compare_rules(paths, indicator: str = "on_time_rate", *, by: str = "donvi",
                  rules: Sequence[str] = ("766", "bieu-06a"), **options) -> pd.DataFrame:
    """The same indicator under several rule profiles, per unit over the whole span.

    Parameters
    ----------
    paths
        Export files.
    indicator
        A rate indicator id (``on_time_rate``, ``dossier_online_share``, …).
    by
        Unit of the comparison.
    rules
        Profiles to compare.
    **options
        Passed to `run` (``columns``, ``engine``, ``province``).

    Returns
    -------
    pandas.DataFrame
        unit_label, then for each profile ``numerator_<p>``, ``denominator_<p>``, ``value_<p>``
        (percent, counts pooled over periods), and ``gap`` (last minus first profile, points).

    Examples
    --------
    >>> compare_rules(["ho_so.csv"], "on_time_rate")  # doctest: +SKIP
    """
    import pandas as pd

    merged = None
    for name in rules:
        t = run(paths, by=by, rules=name, **options).indicators
        t = t[t["indicator"] == indicator]
        g = t.groupby("unit_label", as_index=False)[["numerator", "denominator"]].sum()
        g[f"value_{name}"] = 100 * g["numerator"] / g["denominator"]
        g = g.rename(columns={"numerator": f"numerator_{name}", "denominator": f"denominator_{name}"})
        merged = g if merged is None else merged.merge(g, on="unit_label", how="outer")
    if merged is None:
        return pd.DataFrame()
    merged["gap"] = merged[f"value_{rules[-1]}"] - merged[f"value_{rules[0]}"]
    return merged.sort_values("gap", ascending=False).reset_index(drop=True)
