"""Write a run's files: chi_so.csv (evidence rows), rejected.csv, bieu_06a.xlsx."""

from __future__ import annotations

from pathlib import Path

from .._safeio import write_csv
from . import bieu06a
from .compute import REJECTED_COLUMNS, Computation, provenance


def chi_so(result: Computation):
    """The indicator rows as written to chi_so.csv (dates ISO, figures plain)."""
    out = result.indicators.copy()
    for col in ("period_start", "period_end"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def write_outputs(result: Computation, out_dir: str | Path) -> dict[str, Path]:
    """Write chi_so.csv (UTF-8 with BOM), rejected.csv and bieu_06a.xlsx into `out_dir`.

    Parameters
    ----------
    result
        A `Computation` from `dvc_analysis.dossiers.compute.run`.
    out_dir
        Folder, created when missing.

    Returns
    -------
    dict
        name → path of each file written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"chi_so": out / "chi_so.csv", "rejected": out / "rejected.csv",
             "bieu_06a": out / "bieu_06a.xlsx"}
    write_csv(chi_so(result), paths["chi_so"], float_format="%.10g")  # formula-looking text neutralised
    rejected = result.rejected if len(result.rejected) else result.rejected.reindex(columns=REJECTED_COLUMNS)
    write_csv(rejected, paths["rejected"])
    bieu06a.write(result.bieu if result.bieu is not None else result.wide, paths["bieu_06a"],
                  by=result.by, source=provenance(result.accepted_rows, result.files, "bieu-06a"))
    return paths
