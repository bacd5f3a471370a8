"""Survey statistics checked against independent computations (numpy/scipy/statsmodels formulas,
published worked figures) and, where installed, the GPL packages factor_analyzer and pingouin
(test-only oracles)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from dvc_analysis import survey
from dvc_analysis.errors import UserDataError


@pytest.fixture(scope="module")
def rng():
    return np.random.default_rng(17)


@pytest.fixture(scope="module")
def items(rng):
    """Three-factor data with known structure (500 respondents, 9 items), 3 % holes."""
    n = 500
    f = rng.normal(size=(n, 3))
    load = np.zeros((9, 3))
    load[0:3, 0] = [0.8, 0.7, 0.6]
    load[3:6, 1] = [0.7, 0.6, 0.5]
    load[6:9, 2] = [0.75, 0.65, 0.55]
    load[2, 1] = 0.3
    x = f @ load.T + rng.normal(size=(n, 9)) * 0.6
    df = pd.DataFrame(x, columns=[f"i{j}" for j in range(9)])
    holes = rng.random(df.shape) < 0.03
    return df.mask(holes)


def _fa():
    """factor_analyzer with its scikit-learn keyword fixed (0.5.1 passes force_all_finite,
    which scikit-learn ≥ 1.8 renamed ensure_all_finite)."""
    fa_mod = pytest.importorskip("factor_analyzer.factor_analyzer",
                                 reason="factor_analyzer (GPL, test-only oracle) is not installed")
    original = fa_mod.check_array
    if not getattr(original, "_patched", False):
        def check_array(*args, force_all_finite=True, **kwargs):
            try:
                return original(*args, ensure_all_finite=force_all_finite, **kwargs)
            except TypeError:
                return original(*args, force_all_finite=force_all_finite, **kwargs)
        check_array._patched = True
        fa_mod.check_array = check_array
    return fa_mod


def _same_up_to_sign_and_order(a: np.ndarray, b: np.ndarray) -> float:
    best = np.inf
    for perm in itertools.permutations(range(a.shape[1])):
        bb = b[:, perm]
        signs = np.sign((a * bb).sum(axis=0))
        best = min(best, float(np.abs(a - bb * signs).max()))
    return best


# --------------------------------------------------------------------------- weights

def test_unweighted_proportions_match_statsmodels_wilson():
    from statsmodels.stats.proportion import proportion_confint

    df = pd.DataFrame({"q": ["a"] * 37 + ["b"] * 63 + [None] * 5})
    out = survey.weighted_proportions(df, "q").set_index("value")
    assert out.loc["a", "n"] == 100  # the five blanks are outside the base
    lo, hi = proportion_confint(37, 100, alpha=0.05, method="wilson")
    assert out.loc["a", "share"] == pytest.approx(0.37)
    assert out.loc["a", "ci_low"] == pytest.approx(lo, abs=1e-12)
    assert out.loc["a", "ci_high"] == pytest.approx(hi, abs=1e-12)


def test_weighted_proportions_use_kish_effective_size(rng):
    from statsmodels.stats.proportion import proportion_confint

    n = 300
    df = pd.DataFrame({"q": rng.choice(["x", "y"], n), "g": rng.choice(["u", "v"], n),
                       "w": rng.uniform(0.3, 3.0, n)})
    out = survey.weighted_proportions(df, "q", by="g", weights="w")
    for (g, value), row in out.set_index(["g", "value"]).iterrows():
        part = df[df["g"] == g]
        share = part.loc[part["q"] == value, "w"].sum() / part["w"].sum()
        n_eff = part["w"].sum() ** 2 / (part["w"] ** 2).sum()
        assert row["share"] == pytest.approx(share)
        assert row["n_eff"] == pytest.approx(n_eff)
        # Wilson with a non-integer n: statsmodels takes count = p·n_eff and nobs = n_eff
        lo, hi = proportion_confint(share * n_eff, n_eff, method="wilson")
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((lo, hi), abs=1e-10)
        assert row["ci_high"] - row["ci_low"] > 0


def test_design_weights_are_population_over_sample():
    df = pd.DataFrame({"area": ["u"] * 6 + ["r"] * 4})
    w = survey.design_weights(df, "area", pd.Series({"u": 300, "r": 700}))
    assert w[df["area"] == "u"].unique().tolist() == [50.0]
    assert w[df["area"] == "r"].unique().tolist() == [175.0]
    assert w.sum() == pytest.approx(1000)


def test_raking_reaches_every_margin_and_reproduces_independent_cells(rng):
    n = 2000
    df = pd.DataFrame({"sex": rng.choice(["m", "f"], n, p=[0.7, 0.3]),
                       "area": rng.choice(["u", "r"], n, p=[0.6, 0.4]),
                       "age": rng.choice(["y", "o"], n, p=[0.5, 0.5])})
    margins = {"sex": pd.Series({"m": 0.49, "f": 0.51}), "area": pd.Series({"u": 0.35, "r": 0.65}),
               "age": pd.Series({"y": 0.6, "o": 0.4})}
    w = survey.rake(df, margins)
    for col, target in margins.items():
        got = w.groupby(df[col]).sum() / w.sum()
        assert got.reindex(target.index).to_numpy() == pytest.approx(target.to_numpy(), abs=1e-7)
    # with one cell per combination of two margins, raking ends at the product of the margins
    # (iterative proportional fitting on a 2 × 2 table: Deming and Stephan 1940)
    two = df[["sex", "area"]]
    w2 = survey.rake(two, {"sex": margins["sex"], "area": margins["area"]})
    cell = w2.groupby([two["sex"], two["area"]]).sum() / w2.sum()
    sample = two.value_counts(normalize=True)
    # raking keeps the sample's cross-product ratio; check the solved table on its margins
    # and that the odds ratio of the raked table equals the sample's
    odds = lambda t: t[("m", "u")] * t[("f", "r")] / (t[("m", "r")] * t[("f", "u")])  # noqa: E731
    assert odds(cell) == pytest.approx(odds(sample), rel=1e-6)


def test_raking_rejects_categories_without_margin():
    df = pd.DataFrame({"sex": ["m", "f", "x"]})
    with pytest.raises(UserDataError, match="sex"):
        survey.rake(df, {"sex": pd.Series({"m": 1, "f": 1})})


# --------------------------------------------------------------------------- crosstab

def test_crosstab_matches_scipy_and_statsmodels(rng):
    from statsmodels.stats.contingency_tables import Table

    n = 400
    df = pd.DataFrame({"a": rng.choice(["x", "y", "z"], n, p=[0.5, 0.3, 0.2]),
                       "b": rng.choice(["u", "v"], n)})
    df.loc[df.sample(20, random_state=1).index, "b"] = None
    df.loc[(df["a"] == "x") & (rng.random(n) < 0.3), "b"] = "v"
    ct = survey.crosstab(df, "a", "b")
    obs = pd.crosstab(df["a"], df["b"])
    chi2, p, dof, _ = stats.chi2_contingency(obs, correction=False)
    assert ct.n == int(obs.to_numpy().sum())
    assert (ct.chi2, ct.p, ct.dof) == (pytest.approx(chi2), pytest.approx(p), dof)
    assert ct.cramers_v == pytest.approx(stats.contingency.association(obs, method="cramer"))
    resid = Table(obs.to_numpy()).standardized_resids
    assert ct.residuals.to_numpy() == pytest.approx(np.asarray(resid))


def test_weighted_crosstab_rescales_weights_to_sample_size(rng):
    n = 300
    df = pd.DataFrame({"a": rng.choice(["x", "y"], n), "b": rng.choice(["u", "v", "w"], n),
                       "wt": rng.uniform(0.5, 2.5, n)})
    ct = survey.crosstab(df, "a", "b", weights="wt")
    scaled = df["wt"] * n / df["wt"].sum()
    obs = pd.crosstab(df["a"], df["b"], values=scaled, aggfunc="sum")
    chi2, p, _, _ = stats.chi2_contingency(obs.to_numpy(), correction=False)
    assert ct.table.to_numpy() == pytest.approx(obs.to_numpy())
    assert ct.table.to_numpy().sum() == pytest.approx(n)
    assert (ct.chi2, ct.p) == (pytest.approx(chi2), pytest.approx(p))
    assert ct.weighted


def test_benjamini_hochberg_matches_statsmodels(rng):
    from statsmodels.stats.multitest import multipletests

    p = rng.uniform(0, 0.2, 40)
    p[[3, 9]] = np.nan
    got = survey.benjamini_hochberg(p)
    ok = ~np.isnan(p)
    assert np.isnan(got[~ok]).all()
    assert got[ok] == pytest.approx(multipletests(p[ok], method="fdr_bh")[1])


# --------------------------------------------------------------------------- groups

def test_two_groups_match_formulas_and_pingouin(rng):
    a, b = rng.normal(3.2, 0.8, 60), rng.normal(3.6, 1.1, 45)
    df = pd.DataFrame({"s": np.r_[a, b, [np.nan]], "g": ["a"] * 60 + ["b"] * 45 + ["a"]})
    res = survey.compare_groups(df, "s", "g")
    t = res.tests.set_index("test")
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    welch_t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    welch_df = (va + vb) ** 2 / (va**2 / 59 + vb**2 / 44)
    assert t.loc["welch_t", "statistic"] == pytest.approx(welch_t)
    assert t.loc["welch_t", "df1"] == pytest.approx(welch_df)
    assert t.loc["welch_t", "p"] == pytest.approx(2 * stats.t.sf(abs(welch_t), welch_df))
    assert res.n == 105 and res.n_missing == 1
    pg = pytest.importorskip("pingouin", reason="pingouin (GPL, test-only oracle) is not installed")
    ref = pg.ttest(a, b, correction=True)
    assert t.loc["welch_t", "p"] == pytest.approx(float(ref["p_val"].iloc[0] if "p_val" in ref
                                                       else ref["p-val"].iloc[0]))
    assert abs(t.loc["welch_t", "effect"]) == pytest.approx(abs(float(ref["cohen_d"].iloc[0]
                                                                       if "cohen_d" in ref else
                                                                       ref["cohen-d"].iloc[0])))
    mwu = pg.mwu(a, b)
    assert t.loc["mann_whitney", "statistic"] == pytest.approx(float(mwu["U_val"].iloc[0]
                                                                     if "U_val" in mwu else
                                                                     mwu["U-val"].iloc[0]))
    assert abs(t.loc["mann_whitney", "effect"]) == pytest.approx(abs(float(mwu["RBC"].iloc[0])))


def test_many_groups_match_anova_and_kruskal_formulas(rng):
    groups = {k: rng.normal(m, 1, n) for k, m, n in (("x", 3, 40), ("y", 3.3, 55), ("z", 3.8, 30))}
    df = pd.DataFrame({"s": np.concatenate(list(groups.values())),
                       "g": np.repeat(list(groups), [len(v) for v in groups.values()])})
    t = survey.compare_groups(df, "s", "g").tests.set_index("test")
    allx = df["s"].to_numpy()
    ssb = sum(len(v) * (v.mean() - allx.mean()) ** 2 for v in groups.values())
    ssw = sum(((v - v.mean()) ** 2).sum() for v in groups.values())
    f = (ssb / 2) / (ssw / (len(allx) - 3))
    assert t.loc["anova", "statistic"] == pytest.approx(f)
    assert t.loc["anova", "p"] == pytest.approx(stats.f.sf(f, 2, len(allx) - 3))
    assert t.loc["anova", "effect"] == pytest.approx(ssb / (ssb + ssw))
    # Kruskal–Wallis by ranks (no ties in continuous data)
    ranks = stats.rankdata(allx)
    n = len(allx)
    h = 12 / (n * (n + 1)) * sum(ranks[df["g"] == k].sum() ** 2 / len(v)
                                 for k, v in groups.items()) - 3 * (n + 1)
    assert t.loc["kruskal_wallis", "statistic"] == pytest.approx(h)
    pg = pytest.importorskip("pingouin", reason="pingouin (GPL, test-only oracle) is not installed")
    aov = pg.anova(data=df, dv="s", between="g")
    assert t.loc["anova", "effect"] == pytest.approx(float(aov["np2"].iloc[0]))


# --------------------------------------------------------------------------- reliability

def test_cronbach_alpha_formula_item_total_and_if_deleted(items):
    sub = items[["i0", "i1", "i2"]]
    res = survey.cronbach_alpha(sub)
    x = sub.dropna().to_numpy()
    k = x.shape[1]
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert res.alpha == pytest.approx(alpha)
    assert res.n == len(sub.dropna()) and res.n_missing == len(sub) - res.n
    for j, row in res.items.iterrows():
        rest = np.delete(x, j, axis=1)
        assert row["item_total"] == pytest.approx(np.corrcoef(x[:, j], rest.sum(axis=1))[0, 1])
        a2 = 2 * (1 - rest.var(axis=0, ddof=1).sum() / rest.sum(axis=1).var(ddof=1))
        assert row["alpha_if_deleted"] == pytest.approx(a2)


def test_cronbach_alpha_matches_pingouin_listwise(items):
    pg = pytest.importorskip("pingouin", reason="pingouin (GPL, test-only oracle) is not installed")
    sub = items[["i3", "i4", "i5"]]
    alpha, _ = pg.cronbach_alpha(sub, nan_policy="listwise")
    assert survey.cronbach_alpha(sub).alpha == pytest.approx(alpha)


def test_cronbach_alpha_on_data_with_known_moments():
    """Alpha = k/(k − 1)·(1 − Σ item variances / total variance). Data built to have four items
    of variance 2,5 and covariance 1,25 (so Σ = 10, total = 10 + 12·1,25 = 25) give exactly
    4/3·(1 − 10/25) = 0,8."""
    cov = np.full((4, 4), 1.25)
    cov[np.diag_indices(4)] = 2.5
    x = np.random.default_rng(0).normal(size=(50, 4))
    x = (x - x.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(x, rowvar=False)).T)
    x = x @ np.linalg.cholesky(cov).T  # sample covariance now equals cov exactly
    assert np.cov(x, rowvar=False).trace() == pytest.approx(10)
    assert x.sum(axis=1).var(ddof=1) == pytest.approx(25)
    assert survey.cronbach_alpha(pd.DataFrame(x)).alpha == pytest.approx(0.8)


# --------------------------------------------------------------------------- factor analysis

def test_kmo_and_bartlett_match_formulas_and_factor_analyzer(items):
    x = items.dropna()
    r = np.corrcoef(x.to_numpy(), rowvar=False)
    p, n = r.shape[0], len(x)
    chi2 = -(n - 1 - (2 * p + 5) / 6) * np.log(np.linalg.det(r))
    b = survey.bartlett(items)
    assert (b.chi2, b.df, b.n) == (pytest.approx(chi2), p * (p - 1) // 2, n)
    assert b.p == pytest.approx(stats.chi2.sf(chi2, p * (p - 1) // 2))
    fa = _fa()
    k = survey.kmo(items)
    per_item, overall = fa.calculate_kmo(x)
    assert k.overall == pytest.approx(overall)
    assert k.items["msa"].to_numpy() == pytest.approx(per_item)
    assert (b.chi2, b.p) == pytest.approx(fa.calculate_bartlett_sphericity(x))


@pytest.mark.parametrize("method,oracle", [("minres", "minres"), ("principal", "minres"),
                                           ("pca", "principal")])
@pytest.mark.parametrize("rotation", ["varimax", "promax", None])
def test_efa_matches_factor_analyzer(items, method, oracle, rotation):
    """Iterated principal axis factoring converges to the minimum-residual solution, so both
    are checked against factor_analyzer's minres; 'pca' against its principal components."""
    fa_mod = _fa()
    x = items.dropna()
    ref = fa_mod.FactorAnalyzer(n_factors=3, rotation=rotation, method=oracle).fit(x)
    res = survey.efa(items, 3, rotation=rotation, method=method)
    assert res.loadings.shape == (9, 3) and list(res.loadings.index) == list(items.columns)
    tol = 1e-4 if method == "principal" else 1e-6
    assert _same_up_to_sign_and_order(res.loadings.to_numpy(), ref.loadings_) < tol
    # communalities come from the unrotated solution (the row sums of squared pattern loadings
    # are not communalities once the factors correlate)
    plain = fa_mod.FactorAnalyzer(n_factors=3, rotation=None, method=oracle).fit(x)
    assert res.communalities["extraction"].to_numpy() == pytest.approx(
        plain.get_communalities(), abs=tol)
    assert res.eigenvalues["eigenvalue"].to_numpy() == pytest.approx(ref.get_eigenvalues()[0])
    ss = np.sort(res.variance["ss_rotation"].to_numpy())
    assert ss == pytest.approx(np.sort(ref.get_factor_variance()[0]), abs=10 * tol)
    if rotation == "promax":
        ours = np.sort(np.abs(res.factor_corr.to_numpy()[np.triu_indices(3, 1)]))
        theirs = np.sort(np.abs(ref.phi_[np.triu_indices(3, 1)]))
        assert ours == pytest.approx(theirs, abs=10 * tol)
    assert res.n == len(x) and res.n_missing == len(items) - len(x)


def test_efa_recovers_the_simulated_structure(items):
    res = survey.efa(items, 3, rotation="varimax")
    main = res.loadings.abs().idxmax(axis=1)
    assert main.iloc[0:3].nunique() == 1 and main.iloc[3:6].nunique() == 1
    assert main.iloc[6:9].nunique() == 1 and main.nunique() == 3
    assert res.eigenvalues["cumulative"].iloc[-1] == pytest.approx(100)


def test_efa_rejects_constant_items():
    df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 2, 2], "c": [1, 3, 2, 4]})
    with pytest.raises(UserDataError, match="b"):
        survey.efa(df, 1)


# --------------------------------------------------------------------------- regression

@pytest.fixture(scope="module")
def reg_data(rng):
    n = 250
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    x3 = 0.6 * x1 + rng.normal(size=n) * 0.8
    y = 1 + 0.5 * x1 - 0.3 * x2 + 0.2 * x3 + rng.normal(size=n)
    logit = 1 / (1 + np.exp(-(-0.2 + 0.9 * x1 - 0.5 * x2)))
    df = pd.DataFrame({"y": y, "x1": x1, "x2": x2, "x3": x3,
                       "u": (rng.random(n) < logit).astype(float),
                       "w": rng.uniform(0.4, 2.0, n)})
    df.loc[[5, 17, 40], "x2"] = np.nan
    return df


def test_ols_matches_numpy_and_statsmodels_vif(reg_data):
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    res = survey.ols(reg_data, "y", ["x1", "x2", "x3"])
    d = reg_data.dropna(subset=["y", "x1", "x2", "x3"])
    X = np.column_stack([np.ones(len(d)), d[["x1", "x2", "x3"]]])
    b, *_ = np.linalg.lstsq(X, d["y"], rcond=None)
    c = res.coefficients.set_index("term")
    assert c["B"].to_numpy() == pytest.approx(b)
    z = (d - d.mean()) / d.std(ddof=1)
    beta, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(z)), z[["x1", "x2", "x3"]]]), z["y"],
                               rcond=None)
    assert c.loc[["x1", "x2", "x3"], "beta"].to_numpy() == pytest.approx(beta[1:])
    vifs = [variance_inflation_factor(X, j) for j in range(1, 4)]
    assert c.loc[["x1", "x2", "x3"], "vif"].to_numpy() == pytest.approx(vifs)
    resid = d["y"] - X @ b
    r2 = 1 - (resid**2).sum() / ((d["y"] - d["y"].mean()) ** 2).sum()
    assert res.fit["r2"].iloc[0] == pytest.approx(r2)
    assert res.n == len(d) and res.n_missing == 3


def test_weighted_ols_matches_weighted_least_squares(reg_data):
    res = survey.ols(reg_data, "y", ["x1", "x2"], weights="w")
    d = reg_data.dropna(subset=["x2"])
    sw = np.sqrt(d["w"].to_numpy())
    X = np.column_stack([np.ones(len(d)), d[["x1", "x2"]]])
    b, *_ = np.linalg.lstsq(X * sw[:, None], d["y"].to_numpy() * sw, rcond=None)
    assert res.coefficients["B"].to_numpy() == pytest.approx(b)
    assert res.weighted


def _logit_fit(X, y, w):
    def nll(b):
        eta = X @ b
        return -(w * (y * eta - np.logaddexp(0, eta))).sum()
    out = optimize.minimize(nll, np.zeros(X.shape[1]), method="BFGS", options={"gtol": 1e-10})
    return out.x, -out.fun


@pytest.mark.parametrize("weighted", [False, True])
def test_logistic_matches_direct_likelihood_maximisation(reg_data, weighted):
    res = survey.logistic(reg_data, "u", ["x1", "x2"], weights="w" if weighted else None)
    d = reg_data.dropna(subset=["x2"])
    w = d["w"].to_numpy() * len(d) / d["w"].sum() if weighted else np.ones(len(d))
    X = np.column_stack([np.ones(len(d)), d[["x1", "x2"]]])
    y = d["u"].to_numpy()
    b, ll = _logit_fit(X, y, w)
    c = res.coefficients
    assert c["B"].to_numpy() == pytest.approx(b, abs=1e-5)
    assert c["odds_ratio"].to_numpy() == pytest.approx(np.exp(b), rel=1e-5)
    _, ll0 = _logit_fit(np.ones((len(d), 1)), y, w)
    fit = res.fit.iloc[0]
    assert fit["ll"] == pytest.approx(ll, rel=1e-8)
    assert fit["mcfadden_r2"] == pytest.approx(1 - ll / ll0, rel=1e-6)
    cox = 1 - np.exp(2 * (ll0 - ll) / w.sum())
    assert fit["nagelkerke_r2"] == pytest.approx(cox / (1 - np.exp(2 * ll0 / w.sum())), rel=1e-6)


# --------------------------------------------------------------------------- sample size

def test_sample_sizes_match_published_tables():
    # Yamane (1967) table: N = 10 000 at ±5 % → 385; Krejcie and Morgan (1970): N = 10 000 → 370
    assert survey.sample_size(10_000, 0.05) == 385
    assert survey.sample_size(1_000, 0.05) == 286
    assert survey.sample_size_proportion(0.5, 0.05, population=10_000) == 370
    # Cochran: 1,96² · 0,25 / 0,05² = 384,16 → 385
    assert survey.sample_size_proportion(0.5, 0.05) == 385
    assert survey.sample_size_proportion(0.5, 0.05, deff=2) == 769


# --------------------------------------------------------------------------- scales and barriers

def test_likert_distribution_and_scores_with_weights_and_blanks():
    from dvc_analysis.survey.codebook import default_codebook
    from dvc_analysis.survey.scales import likert_distribution

    book = default_codebook()
    rng = np.random.default_rng(5)
    data = pd.DataFrame({i: rng.integers(1, 6, 200).astype(float) for i in book.items("SD")})
    data.loc[[1, 7, 9], "sd2"] = np.nan
    w = pd.Series(rng.uniform(0.5, 2, 200))
    dist = likert_distribution(data, book, book.items("SD"), weights=w)
    for (item, value), share in dist.set_index(["item", "value"])["share"].items():
        ok = data[item].notna()
        assert share == pytest.approx(100 * w[ok & (data[item] == value)].sum() / w[ok].sum())
    scores = survey.construct_scores(data.assign(**{c: 3.0 for c in book.questions.loc[
        book.questions["type"] == "likert", "question"] if c not in data}), book)
    reversed_sd3 = 6 - data["sd3"]
    expected = (data["sd1"] + data["sd2"] + reversed_sd3 + data["sd4"]) / 4
    pd.testing.assert_series_equal(scores["SD"], expected, check_names=False)
    assert scores["SD"].isna().sum() == 3


def test_weighted_barrier_prevalence_counts_each_code_once():
    from dvc_analysis.survey.codebook import default_codebook

    book = default_codebook()
    rng = np.random.default_rng(9)
    n = 150
    data = pd.DataFrame({f"ly_do/r{i:02d}": (rng.random(n) < 0.2).astype(float)
                         for i in [*range(1, 12), 99]})
    data.iloc[:20] = np.nan  # users: not asked
    data["w"] = rng.uniform(0.5, 2.0, n)
    data["tinh"] = "14"
    prev = survey.barrier_prevalence(data, book, weights="w").set_index("code")
    asked = data["ly_do/r04"].notna()
    expected = 100 * data.loc[asked & (data["ly_do/r04"] == 1), "w"].sum() / data.loc[asked, "w"].sum()
    assert prev.loc["B04", "prevalence"] == pytest.approx(expected)
    assert prev.loc["B04", "n"] == n - 20
    assert len(prev) == 11  # "other" (r99) has no code


# --------------------------------------------------------------------------- CFA (optional)

def test_cfa_one_factor_matches_the_closed_form():
    """With three indicators a one-factor model is just identified: the standardised loading
    of item a is √(r_ab·r_ac / r_bc)."""
    from dvc_analysis.survey import confirmatory as cfa_mod
    from dvc_analysis.survey.codebook import default_codebook, make_codebook

    if not cfa_mod.available():
        pytest.skip("semopy is not installed (optional extra 'sem'), so CFA is not available")
    base = default_codebook()
    q = base.questions
    keep = q[(q["type"] != "likert") | (q["construct"] == "YD")]
    book = make_codebook(keep, base.choices, base.constructs[base.constructs["construct"] == "YD"])
    rng = np.random.default_rng(4)
    f = rng.normal(size=3000)
    data = pd.DataFrame({"yd1": 0.8 * f + rng.normal(size=3000) * 0.6,
                         "yd2": 0.7 * f + rng.normal(size=3000) * 0.7,
                         "yd3": 0.6 * f + rng.normal(size=3000) * 0.8})
    data.loc[:9, "yd2"] = np.nan
    res = survey.cfa(data, book)
    r = data.dropna().corr()
    closed = {"yd1": np.sqrt(r.loc["yd1", "yd2"] * r.loc["yd1", "yd3"] / r.loc["yd2", "yd3"]),
              "yd2": np.sqrt(r.loc["yd1", "yd2"] * r.loc["yd2", "yd3"] / r.loc["yd1", "yd3"]),
              "yd3": np.sqrt(r.loc["yd1", "yd3"] * r.loc["yd2", "yd3"] / r.loc["yd1", "yd2"])}
    got = res.loadings.set_index("item")["std_estimate"]
    for item, value in closed.items():
        assert got[item] == pytest.approx(value, abs=2e-3)
    assert res.n == 2990 and res.n_missing == 10
    assert res.fit["df"].iloc[0] == 0


def test_cfa_without_semopy_says_how_to_install(monkeypatch):
    from dvc_analysis.errors import UsageError
    from dvc_analysis.survey import confirmatory as cfa_mod
    from dvc_analysis.survey.codebook import default_codebook

    monkeypatch.setattr(cfa_mod, "available", lambda: False)
    with pytest.raises(UsageError, match="semopy"):
        cfa_mod.cfa(pd.DataFrame(), default_codebook())
