"""Gather everything one report needs: evidence, comparisons, gaps, audit, barriers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..evidence.sources import short_id

# ---------------------------------------------------------------------------------------------
# inputs


def _read_user_files(data_files: Sequence[str | Path]) -> list[pd.DataFrame]:
    from ..intake.userfile import read_user_file

    frames = []
    for path in data_files:
        result = read_user_file(path)
        frame = result[0] if isinstance(result, tuple) else result
        frames.append(frame)
    return frames


def _filter_provinces(obs: pd.DataFrame, provinces: Sequence[str] | None) -> pd.DataFrame:
    if not provinces:
        return obs
    from ..errors import UserDataError
    from ..evidence.provinces import normalize_code, resolve

    codes = set()
    for item in provinces:
        text = str(item).strip()
        codes.add(normalize_code(text) if text.isdigit() else resolve(text))
    out = obs[obs["province_code"].astype(str).isin(codes)]
    if out.empty:
        raise UserDataError(
            f"Không có số liệu nào cho các tỉnh đã chọn ({', '.join(sorted(codes))}).",
            f"No figures for the selected provinces ({', '.join(sorted(codes))}).",
        )
    return out


def prepare(
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
    barrier_files: Sequence[str | Path] = (),
) -> dict[str, Any]:
    """Load and analyse everything the report needs; returns a dict of DataFrames.

    Keys: obs (observations used), rated (obs with rates and intervals), indicators, sources,
    targets, comparisons (dict indicator -> compare() result over all admin levels),
    comparisons_province (same, province level only), audit, gaps, pipelines, barriers,
    levers, mentions, recommendations, lang, inputs.
    """
    from ..errors import UsageError, UserDataError
    from ..evidence import load
    from .compare import compare_all
    from .pipelines import pipelines
    from .rates import rates
    from .targets import gaps_to_targets

    if lang not in ("vi", "en"):
        raise UsageError(f"Ngôn ngữ không hỗ trợ: {lang!r}.", f"Unsupported language: {lang!r}.")
    if only and not data_files:
        raise UsageError(
            "--only cần ít nhất một tệp --data.", "--only needs at least one --data file."
        )
    inputs: list[str] = []
    frames = []
    if not only:
        frames.append(load.load_observations())
        inputs.append("data/observations.csv (bundled)")
    user = _read_user_files(data_files)
    for path, frame in zip(data_files, user, strict=True):
        inputs.append(f"{path} ({len(frame)} rows)")
    frames.extend(user)
    obs = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    obs = _filter_provinces(obs, provinces)
    if obs.empty:
        raise UserDataError("Không có số liệu nào để dựng báo cáo.", "No figures to build a report from.")

    from ..intake.userfile import add_declared_indicators

    indicators = add_declared_indicators(load.load_indicators(), user)  # + the user's own ids
    sources = load.load_sources()
    targets = load.load_targets()
    in_obs = set(obs["indicator"])
    present = [i for i in indicators["id"] if i in in_obs]
    present += [i for i in dict.fromkeys(obs["indicator"]) if i not in present]
    comparisons_province: dict[str, pd.DataFrame] = {}
    rankable = set(
        indicators.loc[
            indicators["unit"].isin(["percent", "score"])
            & indicators["higher_is_better"].astype(str).str.lower().isin(["true", "1", "yes"]),
            "id",
        ]
    )
    # one compare() per indicator, with the row-wise work (rates, labels) done once
    comparisons = compare_all(obs, present, admin_level=None, indicators=indicators)
    for ind in present:
        # the ranking sentences use the province-level rows of rankable indicators; "latest" is
        # set per unit, so these rows are the same as a province-level compare() gives
        if ind in rankable:
            df = comparisons[ind]
            comparisons_province[ind] = df[df["admin_level"] == "province"].reset_index(drop=True)

    from ..evidence.audit import audit

    ctx: dict[str, Any] = {
        "lang": lang,
        "inputs": inputs,
        "obs": obs,
        "rated": rates(obs, indicators=indicators),
        "indicators": indicators,
        "sources": sources,
        "targets": targets,
        "comparisons": comparisons,
        "comparisons_province": comparisons_province,
        "audit": audit(obs),
        "gaps": gaps_to_targets(obs, targets),
        "pipelines": pipelines(obs),
    }
    ctx.update(_barrier_tables(obs, lang, barrier_files))
    return ctx


def _barrier_tables(obs: pd.DataFrame, lang: str, barrier_files: Sequence[str | Path] = ()) -> dict[str, pd.DataFrame]:
    """Barrier taxonomy, levers, mentions and the recommendations table, limited to the sources
    of the observations in use (user data without barrier coding adds none), plus the codes
    accepted in review workbooks (`barrier_files`, written by `dvc-analysis barriers --review`)."""
    from ..evidence import taxonomy as tax
    from . import barriers as bar

    used = {short_id(s) for s in obs["source_id"].dropna().unique()}
    mentions = tax.load_mentions()
    mentions = mentions[mentions["source_id"].map(short_id).isin(used)].reset_index(drop=True)
    if barrier_files:
        from ..intake.review import accepted_mentions

        mentions = pd.concat([mentions, *(accepted_mentions(f) for f in barrier_files)], ignore_index=True)
    rec = bar.recommendations(mentions, lang=lang) if len(mentions) else bar.recommendations(lang=lang).head(0)
    return {
        "barriers": tax.load_barriers(),
        "levers": tax.load_levers(),
        "mentions": mentions,
        "recommendations": rec,
    }
