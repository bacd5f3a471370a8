"""The same rules on Apache Spark (local mode) and DuckDB give the same figures.

`make test-spark` installs the [spark] extra (and a Java runtime when none is found) and runs this
with DVC_SPARK_ROWS=1000000; the default run uses a small synthetic set when pyspark and Java are
present and is skipped, saying why, when they are not.
"""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

ROWS = int(os.environ.get("DVC_SPARK_ROWS", "5000"))


def _spark_or_skip():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("pyspark is not installed (pip install -e '.[spark]' or make test-spark)")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime found for Spark (make test-spark installs default-jre-headless)")
    from dvc_analysis.dossiers.engine import SparkEngine

    return SparkEngine(master="local[2]")


@pytest.fixture(scope="module")
def spark():
    return _spark_or_skip()


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from dvc_analysis.dossiers.synth import synth

    return synth(ROWS, seed=42, out=tmp_path_factory.mktemp("spark") / "ho_so.parquet")


@pytest.mark.parametrize("rules,by,period", [("766", "donvi", "month"), ("bieu-06a", "xa", "quarter")])
def test_duckdb_and_spark_agree(spark, export, rules, by, period):
    from dvc_analysis.dossiers.compute import run

    duck = run([export], by=by, period=period, rules=rules)
    sprk = run([export], by=by, period=period, rules=rules, engine=spark)
    assert (duck.input_rows, duck.accepted_rows) == (sprk.input_rows, sprk.accepted_rows) == (
        ROWS, ROWS - len(duck.rejected))
    assert sorted(duck.rejected["ma_ho_so"]) == sorted(sprk.rejected["ma_ho_so"])
    assert list(duck.rejected["reason_en"].sort_values()) == list(sprk.rejected["reason_en"].sort_values())
    cols = ["unit", "period_start", "indicator", "numerator", "denominator", "value", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(duck.indicators[cols].reset_index(drop=True),
                                  sprk.indicators[cols].reset_index(drop=True))
    assert len(duck.indicators) > 100


def test_fixture_csv_agrees_on_spark(spark):
    from pathlib import Path

    from dvc_analysis.dossiers.compute import run

    csv = Path(__file__).parent / "fixtures" / "dossiers" / "ho_so_mau.csv"
    duck, sprk = run([csv], rules="766"), run([csv], rules="766", engine=spark)
    cols = ["unit", "period_start", "indicator", "numerator", "denominator", "value"]
    pd.testing.assert_frame_equal(duck.indicators[cols], sprk.indicators[cols])
    assert list(sprk.rejected["ma_ho_so"]) == ["R1", "R2", "R3", "R4"]
