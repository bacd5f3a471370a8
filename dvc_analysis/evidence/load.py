"""Load the bundled evidence tables (observations, targets, indicators, sources)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserDataError
from .schema import PROBLEM_COLUMNS, UNITS
from .validate import _number, _problem, _raise_problems, validate_observations

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["load_indicators", "load_observations", "load_sources", "load_targets"]


# --------------------------------------------------------------------------- reading
def _read_csv(source) -> pd.DataFrame:
    import pandas as pd

    if hasattr(source, "open") and not isinstance(source, (str, Path)):
        with source.open("r", encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    path = Path(source)
    if not path.exists():
        raise UserDataError(f"Không tìm thấy tệp {path}.", f"File {path} does not exist.")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _bundled(name: str):
    from .._resources import data_path

    return data_path(name)


def load_indicators() -> pd.DataFrame:
    """Return data/indicators.csv: one row per indicator id (see data/README.md).

    `higher_is_better` is a nullable boolean (NA for counts with no direction).
    """
    return _indicators().copy()


@functools.lru_cache(maxsize=1)
def _indicators() -> pd.DataFrame:
    import pandas as pd

    df = _read_csv(_bundled("indicators.csv"))
    bad = sorted(set(df["unit"]) - set(UNITS))
    if bad or df["id"].duplicated().any():
        raise UserDataError(
            f"indicators.csv hỏng: đơn vị không hợp lệ {bad} hoặc trùng id.",
            f"indicators.csv is broken: invalid unit {bad} or duplicate id.",
        )
    df["higher_is_better"] = pd.array(
        [{"true": True, "false": False}.get(x) for x in df["higher_is_better"]], dtype="boolean")
    return df


def load_sources() -> pd.DataFrame:
    """Return data/sources.csv: one row per source text, dates typed, province_code as text."""
    import pandas as pd

    df = _read_csv(_bundled("sources.csv"))
    for col in ("published", "period_start", "period_end"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d").astype("datetime64[ns]")
    df["published_estimated"] = df["published_estimated"].map({"true": True, "false": False}).astype(bool)
    return df


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Return the targets table (bundled data/targets.csv unless `path` is given), typed."""
    import pandas as pd

    df = _read_csv(_bundled("targets.csv") if path is None else path)
    file = "targets.csv" if path is None else str(path)
    problems = []
    indicators = set(load_indicators()["id"])
    for i, r in df.iterrows():
        row = int(i) + 2
        if r["indicator"] not in indicators:
            problems.append(_problem(file, None, row, "indicator", r["indicator"],
                                     "mã chỉ số không có trong indicators.csv",
                                     "indicator id is not in indicators.csv"))
        if r["comparator"] not in ("ge", "gt", "eq"):
            problems.append(_problem(file, None, row, "comparator", r["comparator"],
                                     "so sánh phải là ge, gt hoặc eq", "comparator must be ge, gt or eq"))
        if r["scope"] not in ("national", "province"):
            problems.append(_problem(file, None, row, "scope", r["scope"],
                                     "phạm vi phải là national hoặc province",
                                     "scope must be national or province"))
        try:
            _number(r["target_value"])
        except ValueError:
            problems.append(_problem(file, None, row, "target_value", r["target_value"],
                                     "không phải là số", "not a number"))
    if problems:
        _raise_problems(pd.DataFrame(problems, columns=PROBLEM_COLUMNS), file)
    df["province_code"] = df["province_code"].map(lambda c: c.zfill(2) if c.isdigit() else c)
    df["target_value"] = pd.to_numeric(df["target_value"]).astype(float)
    df["target_year"] = pd.to_numeric(df["target_year"]).astype("Int64")
    df["paragraph"] = pd.to_numeric(df["paragraph"].replace("", None)).astype("Int64")
    return df


def load_observations(path: str | Path | None = None) -> pd.DataFrame:
    """Return the observations (bundled data/observations.csv unless `path` is given), validated.

    Raises `UserDataError` (with `.problems`, a DataFrame) when any row breaks a rule.
    """
    if path is None:
        raw, file = _read_csv(_bundled("observations.csv")), "observations.csv"
    else:
        raw, file = _read_csv(path), str(path)
    accepted, problems = validate_observations(raw, file=file)
    if len(problems):
        _raise_problems(problems, file)
    return accepted
