"""Trend of one indicator across the user's units: labelled lines, grey context, small multiples."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dvc_analysis.analysis.compare import unit_labels
from dvc_analysis.evidence.provinces import load_provinces
from dvc_analysis.figures import theme
from dvc_analysis.figures.trend import MAX_FOCUS, period_tick, trend_candidates, unit_trends
from dvc_analysis.intake.userfile import read_user_file

FIXTURE = Path(__file__).parent / "fixtures" / "own_data.xlsx"


@pytest.mark.parametrize(
    ("start", "end", "vi", "en"),
    [
        ((2024, 1, 1), (2024, 3, 31), "Q1/2024", "Q1 2024"),
        ((2024, 10, 1), (2024, 12, 31), "Q4/2024", "Q4 2024"),
        ((2024, 3, 1), (2024, 3, 31), "T3/2024", "Mar 2024"),
        ((2024, 1, 1), (2024, 12, 31), "2024", "2024"),
        ((2024, 7, 1), (2024, 12, 31), "6Tcuối/2024", "H2 2024"),
    ],
)
def test_period_tick_in_the_data_granularity(start, end, vi, en):
    assert period_tick(dt.date(*start), dt.date(*end)) == vi
    assert period_tick(dt.date(*start), dt.date(*end), "en") == en


def _monthly(n_units: int, months: int, seed: int = 7) -> pd.DataFrame:
    """n provinces x months of one indicator with counts, in the observation schema."""
    rng = np.random.default_rng(seed)
    codes = list(load_provinces("63")["code"])[:n_units]
    rows = []
    for code in codes:
        level = rng.uniform(20, 80)
        for m in range(months):
            y, mo = 2023 + m // 12, m % 12 + 1
            den = int(rng.integers(200, 2000))
            rows.append(dict(obs_id=f"u-{code}-{m}", source_id="user:syn", paragraph=np.nan,
                             province_code=code, unit_name="", admin_level="province",
                             indicator="dossier_online_share", component="", qualifier="exact",
                             period_start=pd.Timestamp(y, mo, 1),
                             period_end=pd.Timestamp(y, mo, calendar.monthrange(y, mo)[1]),
                             period_label="", numerator=float(rng.binomial(den, min(0.99, (level + m) / 100))),
                             denominator=float(den), value=np.nan, evidence=""))
    return pd.DataFrame(rows)


def test_quarterly_three_provinces_labelled_lines(tmp_path):
    accepted, _, _ = read_user_file(FIXTURE)
    fig = unit_trends(accepted, "dossier_online_share")
    meta = fig._dvc_meta
    names = set(unit_labels(accepted))
    assert meta["mode"] == "lines" and set(meta["focus"]) == names
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1/2024", "Q2/2024", "Q3/2024", "Q4/2024"]
    paths = theme.save(fig, tmp_path, "q")
    svg = paths["svg"].read_text(encoding="utf-8")
    for name in names:
        assert name in svg
    # one line per unit, one mark per row drawn
    drawn = [line for line in ax.get_lines() if str(line.get_gid()).startswith("mark-")]
    assert len(drawn) == len(names)
    assert sum(len(str(line.get_gid())[5:].split("+")) for line in drawn) == \
        (accepted["indicator"] == "dossier_online_share").sum()


def test_focus_units_coloured_others_grey():
    obs = _monthly(12, 8)
    labels = sorted(set(unit_labels(obs)))
    fig = unit_trends(obs, "dossier_online_share", focus=labels[:3])
    ax = fig.axes[0]
    marks = [line for line in ax.get_lines() if str(line.get_gid()).startswith("mark-")]
    colours = [line.get_color() for line in marks]
    assert colours.count("#BBBBBB") == 9
    coloured = [c for c in colours if c != "#BBBBBB"]
    assert len(set(coloured)) == 3
    texts = {t.get_text() for t in ax.texts}
    assert set(labels[:3]) <= texts and not (set(labels[3:]) & texts)


def test_63_units_24_months_small_multiples():
    obs = _monthly(63, 24)
    fig = unit_trends(obs, "dossier_online_share")
    assert fig._dvc_meta["mode"] == "small_multiples"
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 63
    titles = {ax.get_title(loc="left") for ax in panels}
    assert len(titles) == 63
    assert "T1/2023 → T12/2024" in {ax.get_xlabel() for ax in panels}
    assert MAX_FOCUS < 63


def test_other_period_lengths_left_out_and_counted():
    obs = _monthly(3, 6)
    year = obs.iloc[[0]].assign(period_start=pd.Timestamp(2023, 1, 1), period_end=pd.Timestamp(2023, 12, 31),
                                obs_id="u-year")
    fig = unit_trends(pd.concat([obs, year], ignore_index=True), "dossier_online_share")
    assert "1 số liệu có kỳ dài khác không vẽ" in fig._dvc_meta["subtitle"]


def test_trend_candidates_need_two_units_with_series():
    obs = _monthly(2, 3)
    single = obs[obs["province_code"] == obs["province_code"].iloc[0]]
    assert trend_candidates(obs) == ["dossier_online_share"]
    assert trend_candidates(single) == []
