"""Confirmatory factor analysis of the codebook's constructs through semopy (optional extra)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import UsageError
from .codebook import Codebook
from .scales import item_frame

FIT_COLUMNS = ["n", "chi2", "df", "p", "cfi", "tli", "rmsea", "gfi", "aic", "bic"]


@dataclass(frozen=True)
class CFA:
    """A measurement model: ``loadings`` (construct, item, estimate, std_estimate, se, z, p)
    and ``fit`` (one row: n, χ², df, p, CFI, TLI, RMSEA, GFI, AIC, BIC), fitted by maximum
    likelihood on the respondents who answered every item (listwise)."""

    loadings: pd.DataFrame
    fit: pd.DataFrame
    description: str
    n: int
    n_missing: int


def available() -> bool:
    """True when semopy (the optional ``sem`` extra) is installed."""
    try:
        import semopy  # noqa: F401
    except ImportError:
        return False
    return True


def cfa(data: pd.DataFrame, book: Codebook, constructs: list[str] | None = None) -> CFA:
    """Fit each construct as a latent factor measured by its Likert items (reverse coding applied).

    Parameters
    ----------
    data : DataFrame
        Coded answers.
    book : Codebook
    constructs : list of str, optional
        Default: every construct of the codebook.

    Returns
    -------
    CFA

    Examples
    --------
    >>> res = cfa(coded.data, coded.codebook)  # doctest: +SKIP
    >>> res.fit[["cfi", "rmsea"]]  # doctest: +SKIP
    """
    if not available():
        raise UsageError("Phân tích nhân tố khẳng định cần gói semopy: pip install 'dvc-analysis[sem]'.",
                         "Confirmatory factor analysis needs semopy: pip install 'dvc-analysis[sem]'.")
    import semopy

    constructs = constructs or book.constructs["construct"].tolist()
    frames = [item_frame(data, book, c) for c in constructs]
    items = pd.concat(frames, axis=1)
    complete = items.dropna()
    description = "\n".join(f"{c} =~ " + " + ".join(f.columns)
                            for c, f in zip(constructs, frames, strict=True))
    model = semopy.Model(description)
    model.fit(complete)
    est = model.inspect(std_est=True)
    est = est[(est["op"] == "~") & est["rval"].isin(constructs)]
    loadings = pd.DataFrame({
        "construct": est["rval"].to_numpy(), "item": est["lval"].to_numpy(),
        "estimate": pd.to_numeric(est["Estimate"], errors="coerce").to_numpy(),
        "std_estimate": pd.to_numeric(est["Est. Std"], errors="coerce").to_numpy(),
        "se": pd.to_numeric(est["Std. Err"], errors="coerce").to_numpy(),
        "z": pd.to_numeric(est["z-value"], errors="coerce").to_numpy(),
        "p": pd.to_numeric(est["p-value"], errors="coerce").to_numpy()})
    # a just-identified model has df = 0, where semopy's RMSEA divides by zero
    with np.errstate(divide="ignore", invalid="ignore"):
        stats = semopy.calc_stats(model).iloc[0]
    fit = pd.DataFrame([{"n": len(complete), "chi2": stats["chi2"], "df": stats["DoF"],
                         "p": stats["chi2 p-value"], "cfi": stats["CFI"], "tli": stats["TLI"],
                         "rmsea": stats["RMSEA"], "gfi": stats["GFI"], "aic": stats["AIC"],
                         "bic": stats["BIC"]}], columns=FIT_COLUMNS)
    return CFA(loadings.reset_index(drop=True), fit, description, len(complete),
               len(items) - len(complete))
