"""Exploratory factor analysis with numpy/scipy: KMO, Bartlett, minres / principal axis, rotations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import linalg, optimize, stats

from ..errors import UsageError, UserDataError

METHODS = ("minres", "principal", "pca")
ROTATIONS = ("varimax", "promax", None)


@dataclass(frozen=True)
class KMO:
    """Kaiser–Meyer–Olkin measure of sampling adequacy: ``overall`` and per item (``items``)."""

    overall: float
    items: pd.DataFrame
    n: int


@dataclass(frozen=True)
class Bartlett:
    """Bartlett's test of sphericity (is the correlation matrix an identity matrix?)."""

    chi2: float
    df: int
    p: float
    n: int


@dataclass(frozen=True)
class EFA:
    """An exploratory factor analysis.

    ``loadings`` items × factors (rotated; the pattern matrix after promax), ``structure`` the
    structure matrix and ``factor_corr`` the factor correlations (promax only, else None),
    ``eigenvalues`` the initial eigenvalues of the correlation matrix with percent and
    cumulative percent of variance, ``variance`` sums of squared loadings per factor after
    extraction and after rotation, ``communalities`` initial and extracted per item.
    """

    loadings: pd.DataFrame
    eigenvalues: pd.DataFrame
    variance: pd.DataFrame
    communalities: pd.DataFrame
    structure: pd.DataFrame | None
    factor_corr: pd.DataFrame | None
    unrotated: pd.DataFrame
    n: int
    n_missing: int
    method: str
    rotation: str | None
    iterations: int
    converged: bool


def correlation(items: pd.DataFrame) -> tuple[np.ndarray, int]:
    """Pearson correlations of the complete rows (listwise deletion) and their number."""
    x = items.dropna().to_numpy(float)
    if x.shape[0] < 3:
        raise UserDataError("Quá ít người trả lời đủ mọi câu để phân tích nhân tố.",
                            "Too few respondents answered every item for a factor analysis.")
    sd = x.std(axis=0)
    if (sd == 0).any():
        const = [str(c) for c, s in zip(items.columns, sd, strict=True) if s == 0]
        raise UserDataError(f"Câu không đổi (mọi người trả lời như nhau): {', '.join(const)}.",
                            f"Items with no variation: {', '.join(const)}.")
    return np.corrcoef(x, rowvar=False), x.shape[0]


def kmo(items: pd.DataFrame, *, corr: tuple[np.ndarray, int] | None = None) -> KMO:
    """Kaiser–Meyer–Olkin measure: Σr² / (Σr² + Σpartial²) over pairs of different items.

    Parameters
    ----------
    items : DataFrame
        One column per item; rows with a missing item are left out.
    corr : tuple, optional
        ``correlation(items)`` when already computed (it is the costly step on large data).

    Returns
    -------
    KMO
        ``overall`` and ``items`` (columns item, msa).
    """
    r, n = corr or correlation(items)
    inv = linalg.pinvh(r)
    d = np.sqrt(np.outer(np.diag(inv), np.diag(inv)))
    partial = -inv / d
    off = ~np.eye(len(r), dtype=bool)
    r2 = np.where(off, r**2, 0.0)
    p2 = np.where(off, partial**2, 0.0)
    msa = r2.sum(axis=0) / (r2.sum(axis=0) + p2.sum(axis=0))
    overall = r2.sum() / (r2.sum() + p2.sum())
    return KMO(float(overall), pd.DataFrame({"item": list(items.columns), "msa": msa}), n)


def bartlett(items: pd.DataFrame, *, corr: tuple[np.ndarray, int] | None = None) -> Bartlett:
    """Bartlett's sphericity test: χ² = −(n − 1 − (2p + 5)/6)·ln|R|, df = p(p − 1)/2.

    Parameters
    ----------
    items : DataFrame
        One column per item; rows with a missing item are left out.
    corr : tuple, optional
        ``correlation(items)`` when already computed.

    Returns
    -------
    Bartlett
    """
    r, n = corr or correlation(items)
    p = r.shape[0]
    sign, logdet = np.linalg.slogdet(r)
    chi2 = -(n - 1 - (2 * p + 5) / 6) * logdet if sign > 0 else np.inf
    df = p * (p - 1) // 2
    return Bartlett(float(chi2), int(df), float(stats.chi2.sf(chi2, df)), n)


def _top(r: np.ndarray, k: int) -> np.ndarray:
    """Loadings of the k largest eigenvalues (negative eigenvalues count as zero)."""
    values, vectors = linalg.eigh(r)
    values, vectors = values[::-1][:k], vectors[:, ::-1][:, :k]
    return vectors * np.sqrt(np.maximum(values, 0))


def _minres(r: np.ndarray, k: int, max_iter: int) -> tuple[np.ndarray, int, bool]:
    """Minimum residuals: choose uniquenesses ψ minimising Σ(R − ψ − LLᵀ)² (Harman's ULS)."""
    p = r.shape[0]

    def fun(psi):
        reduced = r.copy()
        reduced[np.diag_indices(p)] = 1 - psi
        values, vectors = linalg.eigh(reduced)
        values, vectors = values[::-1], vectors[:, ::-1]
        lam = np.maximum(values[:k], 0)
        load = vectors[:, :k] * np.sqrt(lam)
        resid = reduced - load @ load.T
        grad = -2 * np.diag(resid)
        return float((resid**2).sum()), grad

    start = 1 / np.diag(linalg.pinvh(r))  # 1 − squared multiple correlation
    res = optimize.minimize(fun, np.clip(start, 0.005, 1), jac=True, method="L-BFGS-B",
                            bounds=[(0.005, 1.0)] * p, options={"maxiter": max_iter})
    reduced = r.copy()
    reduced[np.diag_indices(p)] = 1 - res.x
    return _top(reduced, k), int(res.nit), bool(res.success)


def _principal_axis(r: np.ndarray, k: int, max_iter: int, tol: float = 1e-6
                    ) -> tuple[np.ndarray, int, bool]:
    """Iterated principal axis factoring, starting from squared multiple correlations."""
    p = r.shape[0]
    h2 = 1 - 1 / np.diag(linalg.pinvh(r))
    reduced = r.copy()
    for it in range(1, max_iter + 1):
        reduced[np.diag_indices(p)] = h2
        load = _top(reduced, k)
        new = (load**2).sum(axis=1)
        if np.max(np.abs(new - h2)) < tol:
            return load, it, True
        h2 = new
    return load, max_iter, False


def varimax(loadings: np.ndarray, *, normalize: bool = True, max_iter: int = 500,
            tol: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    """Kaiser's varimax rotation; returns (rotated loadings, rotation matrix)."""
    x = np.asarray(loadings, float).copy()
    p, k = x.shape
    if k < 2:
        return x, np.eye(k)
    norms = np.sqrt((x**2).sum(axis=1)) if normalize else np.ones(p)
    x = x / norms[:, None]
    rot = np.eye(k)
    d = 0.0
    for _ in range(max_iter):
        old = d
        b = x @ rot
        u, s, vt = np.linalg.svd(x.T @ (b**3 - b @ np.diag((b**2).sum(axis=0)) / p))
        rot = u @ vt
        d = s.sum()
        if d < old * (1 + tol):
            break
    return (x @ rot) * norms[:, None], rot


def promax(loadings: np.ndarray, *, power: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hendrickson and White's promax on Kaiser-normalised loadings.

    Returns (pattern loadings, rotation matrix, factor correlation matrix).
    """
    x = np.asarray(loadings, float)
    k = x.shape[1]
    if k < 2:
        return x.copy(), np.eye(k), np.eye(k)
    h = np.sqrt((x**2).sum(axis=1))[:, None]
    v, rot = varimax(x / h, normalize=False)
    target = v * np.abs(v) ** (power - 1)
    coef = np.linalg.solve(v.T @ v, v.T @ target)
    coef = coef @ np.diag(np.sqrt(np.diag(np.linalg.inv(coef.T @ coef))))
    pattern = (v @ coef) * h
    inv = np.linalg.inv(coef)
    return pattern, rot @ coef, inv @ inv.T


def _orient(load: np.ndarray, phi: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Order factors by their sum of squared loadings and make each column sum positive."""
    order = np.argsort(-(load**2).sum(axis=0), kind="stable")
    signs = np.where(load[:, order].sum(axis=0) < 0, -1.0, 1.0)
    load = load[:, order] * signs
    if phi is not None:
        phi = phi[np.ix_(order, order)] * np.outer(signs, signs)
    return load, phi


def efa(items: pd.DataFrame, n_factors: int, rotation: str | None = "varimax",
        method: str = "minres", *, max_iter: int = 1000,
        corr: tuple[np.ndarray, int] | None = None) -> EFA:
    """Exploratory factor analysis written with numpy/scipy.

    Parameters
    ----------
    items : DataFrame
        One column per item; rows with a missing item are left out (listwise).
    n_factors : int
        Number of factors to extract.
    rotation : {"varimax", "promax", None}
        Orthogonal varimax or oblique promax (power 4), both with Kaiser normalisation.
    method : {"minres", "principal", "pca"}
        Minimum residuals (= unweighted least squares), iterated principal axis factoring
        (SPSS "Principal axis factoring"), or principal components.
    max_iter : int
        Iterations allowed to the extraction.
    corr : tuple, optional
        ``correlation(items)`` when already computed.

    Returns
    -------
    EFA

    Examples
    --------
    >>> res = efa(items, 2, rotation="promax")  # doctest: +SKIP
    >>> res.loadings.round(2)  # doctest: +SKIP
    """
    if method not in METHODS:
        raise UsageError(f"Phương pháp trích '{method}' không hỗ trợ ({', '.join(METHODS)}).",
                         f"Extraction method '{method}' is not supported.")
    if rotation not in ROTATIONS:
        raise UsageError(f"Phép xoay '{rotation}' không hỗ trợ (varimax, promax, None).",
                         f"Rotation '{rotation}' is not supported.")
    r, n = corr or correlation(items)
    p = r.shape[0]
    if not 1 <= n_factors < p:
        raise UsageError(f"Số nhân tố phải từ 1 đến {p - 1}.",
                         f"The number of factors must be between 1 and {p - 1}.")
    if method == "minres":
        load, its, ok = _minres(r, n_factors, max_iter)
    elif method == "principal":
        load, its, ok = _principal_axis(r, n_factors, max_iter)
    else:
        load, its, ok = _top(r, n_factors), 0, True
    unrotated, _ = _orient(load, None)
    phi = None
    if rotation == "varimax":
        rotated, _ = varimax(load)
    elif rotation == "promax":
        rotated, _, phi = promax(load)
    else:
        rotated = load
    rotated, phi = _orient(rotated, phi)
    names = [f"F{i + 1}" for i in range(n_factors)]
    cols = list(items.columns)
    frame = lambda a: pd.DataFrame(a, index=cols, columns=names)  # noqa: E731
    values = np.sort(linalg.eigvalsh(r))[::-1]
    eig = pd.DataFrame({"component": np.arange(1, p + 1), "eigenvalue": values,
                        "percent": values / p * 100, "cumulative": np.cumsum(values) / p * 100})
    ss_ext = (unrotated**2).sum(axis=0)
    ss_rot = (rotated**2).sum(axis=0)
    variance = pd.DataFrame({"factor": names, "ss_extraction": ss_ext,
                             "percent_extraction": ss_ext / p * 100,
                             "cumulative_extraction": np.cumsum(ss_ext) / p * 100,
                             "ss_rotation": ss_rot,
                             "percent_rotation": ss_rot / p * 100 if phi is None else np.nan,
                             "cumulative_rotation": (np.cumsum(ss_rot) / p * 100
                                                     if phi is None else np.nan)})
    initial = np.ones(p) if method == "pca" else 1 - 1 / np.diag(linalg.pinvh(r))
    comm = pd.DataFrame({"item": cols, "initial": initial,
                         "extraction": (unrotated**2).sum(axis=1)})
    structure = frame(rotated @ phi) if phi is not None else None
    corr = pd.DataFrame(phi, index=names, columns=names) if phi is not None else None
    return EFA(frame(rotated), eig, variance, comm, structure, corr, frame(unrotated), n,
               len(items) - n, method, rotation, its, ok)


def n_factors_kaiser(items: pd.DataFrame, *, corr: tuple[np.ndarray, int] | None = None) -> int:
    """Number of eigenvalues of the correlation matrix above 1 (Kaiser's rule)."""
    r, _ = corr or correlation(items)
    return int((linalg.eigvalsh(r) > 1).sum())


def sorted_loadings(loadings: pd.DataFrame) -> pd.DataFrame:
    """Items grouped by the factor they load on most, largest loadings first (SPSS "sorted")."""
    main = loadings.abs().to_numpy().argmax(axis=1)
    top = loadings.abs().to_numpy().max(axis=1)
    order = np.lexsort((-top, main))
    return loadings.iloc[order]
