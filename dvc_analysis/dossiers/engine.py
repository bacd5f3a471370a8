"""SQL engines that run the dossier rules: embedded DuckDB (default) or Apache Spark.

Both engines receive the same SQL text. The few functions whose names differ between the two
dialects (reading a date in several formats, seconds since 1970, lenient number casts) are
written as `Dialect` templates, so the rules themselves stay one SQL file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: day-first formats accepted besides ISO 8601 (strptime codes; Spark patterns in SPARK_FORMATS)
DUCKDB_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M:%S",
                  "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d")
SPARK_FORMATS = ("d/M/yyyy H:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy", "d-M-yyyy H:mm:ss", "d-M-yyyy H:mm",
                 "d-M-yyyy", "d.M.yyyy", "yyyy/M/d H:mm:ss", "yyyy/M/d")


@dataclass(frozen=True)
class Dialect:
    """SQL snippets that differ between engines; ``{x}`` is the argument expression."""

    name: str
    parse_ts: str
    epoch: str
    digits_to_double: str
    decimal_to_double: str
    quote: str = '"'


def _duckdb_dialect() -> Dialect:
    fmts = ", ".join(f"'{f}'" for f in DUCKDB_FORMATS)
    return Dialect(
        name="duckdb",
        parse_ts=f"COALESCE(TRY_CAST({{x}} AS TIMESTAMP), TRY_STRPTIME({{x}}, [{fmts}]))",
        epoch="CAST(epoch({x}) AS BIGINT)",
        digits_to_double="TRY_CAST(NULLIF(regexp_replace({x}, '[^0-9]', '', 'g'), '') AS DOUBLE)",
        decimal_to_double="TRY_CAST(replace({x}, ',', '.') AS DOUBLE)",
    )


def _spark_dialect() -> Dialect:
    tries = ", ".join(f"try_to_timestamp({{x}}, '{f}')" for f in SPARK_FORMATS)
    return Dialect(
        name="spark",
        parse_ts=f"COALESCE(TRY_CAST({{x}} AS TIMESTAMP), {tries})",
        epoch="unix_timestamp(CAST({x} AS TIMESTAMP))",
        digits_to_double="TRY_CAST(NULLIF(regexp_replace({x}, '[^0-9]', ''), '') AS DOUBLE)",
        decimal_to_double="TRY_CAST(replace({x}, ',', '.') AS DOUBLE)",
        quote="`",
    )


def _kind(type_name: str) -> str:
    """Engine type name → timestamp | number | bool | string."""
    t = type_name.lower()
    if "timestamp" in t or t == "date" or t.startswith("date"):
        return "timestamp"
    if t.startswith(("bool",)):
        return "bool"
    if any(t.startswith(k) for k in ("int", "bigint", "smallint", "tinyint", "hugeint", "ubigint",
                                       "uinteger", "usmallint", "utinyint", "double", "float",
                                       "real", "decimal", "long", "short", "byte")):
        return "number"
    return "string"


class DuckDBEngine:
    """Embedded DuckDB, memory-bounded, spilling to a temporary folder; no extension downloads."""

    def __init__(self, *, memory_limit: str = "1500MB", threads: int | None = None,
                 temp_directory: str | None = None):
        import duckdb

        self.dialect = _duckdb_dialect()
        self._tmp = temp_directory or tempfile.mkdtemp(prefix="dvc-dossiers-")
        config: dict[str, Any] = {
            "memory_limit": memory_limit,
            "temp_directory": self._tmp,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "preserve_insertion_order": True,
        }
        if threads:
            config["threads"] = int(threads)
        self.con = duckdb.connect(database=":memory:", config=config)
        try:
            self.con.execute("SET enable_progress_bar = false")  # progress is ours, on stderr
        except duckdb.Error:
            pass  # inside Jupyter without ipywidgets DuckDB refuses the setting and shows no bar

    def register_arrow(self, name: str, table) -> None:
        self.con.register(name, table)

    def view(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def table(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def read_parquet(self, name: str, path: str) -> None:
        self.view(name, f"SELECT *, file_row_number + 1 AS __row FROM read_parquet("
                        f"'{_quote(path)}', file_row_number = true)")

    def read_csv(self, name: str, path: str, *, skip: int, delim: str, first_line: int) -> None:
        # every cell as text: the stage decides how to read each field
        self.view(name, f"SELECT *, row_number() OVER () + {first_line} AS __row FROM read_csv("
                        f"'{_quote(path)}', header = true, skip = {skip}, delim = '{_quote(delim)}', "
                        f"all_varchar = true, quote = '\"', escape = '\"', null_padding = true, "
                        f"strict_mode = false)")

    def schema(self, name: str) -> dict[str, str]:
        rows = self.con.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()
        return {r[0]: _kind(str(r[1])) for r in rows}

    def df(self, sql: str) -> pd.DataFrame:
        return self.con.execute(sql).df()

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def close(self) -> None:
        self.con.close()


class SparkEngine:
    """Apache Spark through pyspark (local mode by default, or the session's cluster)."""

    def __init__(self, *, master: str | None = None, session=None):
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise UsageError(
                "Cần pyspark cho --engine spark: pip install 'dvc-analysis[spark]' (và Java).",
                "pyspark is needed for --engine spark: pip install 'dvc-analysis[spark]' (and Java).",
            ) from None
        self.dialect = _spark_dialect()
        if session is None:
            builder = SparkSession.builder.appName("dvc-analysis-dossiers")
            builder = builder.master(master or os.environ.get("SPARK_MASTER", "local[*]"))
            session = (builder.config("spark.sql.session.timeZone", "UTC")
                       .config("spark.ui.enabled", "false")
                       .config("spark.sql.shuffle.partitions", "8")
                       .getOrCreate())
        session.conf.set("spark.sql.session.timeZone", "UTC")
        self.spark = session

    def register_arrow(self, name: str, table) -> None:
        self.spark.createDataFrame(table.to_pandas()).createOrReplaceTempView(name)

    def view(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def table(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        frame.createOrReplaceTempView(name)

    def read_parquet(self, name: str, path: str) -> None:
        from pyspark.sql import functions as F

        frame = self.spark.read.parquet(path)
        # the position in the file is not kept by Spark's reader; the dossier id names the row
        frame = frame.withColumn("__row", F.lit(None).cast("long"))
        frame.createOrReplaceTempView(name)

    def read_csv(self, name: str, path: str, *, skip: int, delim: str, first_line: int) -> None:
        from pyspark.sql import functions as F

        if skip:
            raise UsageError(
                f"{path}: tệp CSV có dòng tiêu đề phụ phía trên; với Spark hãy chuyển sang Parquet "
                "hoặc xóa các dòng đó.",
                f"{path}: the CSV has title lines above its header; on Spark convert it to Parquet "
                "or remove those lines.")
        frame = self.spark.read.csv(path, header=True, sep=delim, inferSchema=False)
        frame = frame.withColumn("__row", F.lit(None).cast("long"))
        frame.createOrReplaceTempView(name)

    def schema(self, name: str) -> dict[str, str]:
        return {f.name: _kind(f.dataType.simpleString()) for f in self.spark.table(name).schema.fields}

    def df(self, sql: str) -> pd.DataFrame:
        return self.spark.sql(sql).toPandas()

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in self.spark.sql(sql).collect()]

    def close(self) -> None:  # the session belongs to the caller or to the process
        pass


def _quote(text: str) -> str:
    return str(text).replace("'", "''")


def make_engine(engine: str | Any = "duckdb", **options):
    """An engine by name ("duckdb", "spark") or an engine object passed through.

    Examples
    --------
    >>> make_engine("duckdb").dialect.name
    'duckdb'
    """
    if not isinstance(engine, str):
        return engine
    if engine == "duckdb":
        return DuckDBEngine(**options)
    if engine == "spark":
        return SparkEngine(**options)
    raise UsageError(f"Không có bộ máy '{engine}' (duckdb hoặc spark).",
                     f"Unknown engine '{engine}' (duckdb or spark).")
