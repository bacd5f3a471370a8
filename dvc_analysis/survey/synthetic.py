"""Synthetic respondents from a documented model, for examples, tests and benchmarks (not real data).

The model (``simulate``):

1. Respondents live in three provinces (Sơn La 14, Thanh Hóa 38, Đồng Tháp 82; a third each)
   and urban areas are over-sampled: 55 % of the sample against an assumed 35 % of adults.
   The design weight of a respondent is that population share over the sample share of their
   area, rescaled to average 1 (``trong_so``).
2. Age group 18–29/30–44/45–59/60+ with probabilities 0,28/0,32/0,25/0,15; sex 50/50; Kinh
   ethnicity 90 % in towns and 75 % in the countryside; education rises in towns and falls
   with age.
3. Each predictor construct (usefulness, ease of use, trust, facilitating conditions, social
   influence, or any codebook's predictors) is a standard normal latent variable; the latents
   correlate 0,3. Ease of use and facilitating conditions rise 0,25 SD per education level
   and fall 0,2 SD per age group. The outcome construct (intention) is 0,35·usefulness +
   0,25·ease + 0,20·trust + 0,15·conditions + 0,10·social influence + noise (SD 0,6).
4. An item answer is round(3 + 1,1·(λ·latent + √(1 − λ²)·ε)) clipped to 1–5 with λ = 0,8;
   reverse-coded items are turned round (6 − x). 0,5 % of item answers are left blank.
5. Use in the last 12 months: logistic with intercept −0,4, 1,2 per SD of intention and 0,3
   per education level. Non-users tick reasons with base rates (B01 20 %, B02 25 %, B03 35 %,
   B04 20 %, B05 18 %, B06 12 %, B07 6 %, B08 8 %, B09 10 %, B10 9 %, B11 15 %, other 5 %);
   lack of skills rises by 25 points at 60+ and 15 points below upper secondary, access by
   15 points in the countryside, privacy worries by 15 points when trust is below average.
   3 % of non-users skip the question.

Ids start with ``synthetic-`` so that every table and figure made from the data says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook

SYNTHETIC_PREFIX = "synthetic-"
PROVINCES = ("14", "38", "82")
URBAN_SAMPLE, URBAN_POPULATION = 0.55, 0.35
BARRIER_RATES = {"B01": 0.20, "B02": 0.25, "B03": 0.35, "B04": 0.20, "B05": 0.18, "B06": 0.12,
                 "B07": 0.06, "B08": 0.08, "B09": 0.10, "B10": 0.09, "B11": 0.15}
EFFECTS = {"HI": 0.35, "SD": 0.25, "TC": 0.20, "DK": 0.15, "XH": 0.10}


def is_synthetic(data: pd.DataFrame, book: Codebook) -> bool:
    """True when every id starts with ``synthetic-`` (data made by `simulate`)."""
    ids = [c for c in book.by_role("id") if c in data.columns]
    if not ids or data.empty:
        return False
    return bool(data[ids[0]].astype(str).str.startswith(SYNTHETIC_PREFIX).all())


def _pick(rng, values, probs, n):
    return rng.choice(np.asarray(values, dtype=object), size=n, p=np.asarray(probs) / np.sum(probs))


def simulate(book: Codebook, n: int = 400, *, seed: int = 2025, missing: float = 0.005
             ) -> pd.DataFrame:
    """Answers of ``n`` synthetic respondents to the codebook's questions (see module notes).

    Parameters
    ----------
    book : Codebook
    n : int
        Number of respondents.
    seed : int
        Random seed (the same seed gives the same data).
    missing : float
        Share of Likert answers left blank.

    Returns
    -------
    DataFrame
        One column per question, values as coded in the codebook (choice values; the answers
        of a multiple-choice question separated by spaces, as KoboToolbox exports them).

    Examples
    --------
    >>> from dvc_analysis.survey.codebook import default_codebook
    >>> simulate(default_codebook(), 10).shape[0]
    10
    """
    rng = np.random.default_rng(seed)
    q = book.questions
    urban = rng.random(n) < URBAN_SAMPLE
    age = rng.choice(4, size=n, p=[0.28, 0.32, 0.25, 0.15])
    edu = np.clip(np.round(1.3 + 0.8 * urban - 0.35 * age + rng.normal(0, 0.8, n)), 0, 3)
    edu = edu.astype(int)
    out: dict[str, object] = {}
    predictors = book.predictors()
    k = len(predictors)
    cov = np.full((k, k), 0.3) + 0.7 * np.eye(k)
    latent = dict(zip(predictors, rng.multivariate_normal(np.zeros(k), cov, size=n).T,
                      strict=True))
    for c in ("SD", "DK"):
        if c in latent:
            latent[c] = latent[c] + 0.25 * (edu - 1.3) - 0.2 * (age - 1.3)
    for c in book.outcomes():
        weights = [EFFECTS.get(p, 0.5 / max(k, 1)) for p in predictors]
        latent[c] = sum(w * latent[p] for w, p in zip(weights, predictors, strict=True))
        latent[c] = latent[c] + rng.normal(0, 0.6, n)
    intention = latent[book.outcomes()[0]] if book.outcomes() else np.zeros(n)
    intention = (intention - intention.mean()) / (intention.std() or 1)
    use = rng.random(n) < 1 / (1 + np.exp(-(-0.4 + 1.2 * intention + 0.3 * (edu - 1.3))))
    trust = latent.get("TC", np.zeros(n))
    weight = np.where(urban, URBAN_POPULATION / URBAN_SAMPLE,
                      (1 - URBAN_POPULATION) / (1 - URBAN_SAMPLE))
    weight = weight / weight.mean()
    for _, row in q.iterrows():
        name, kind, role = row["question"], row["type"], row["role"]
        values = list(book.choices_of(name)["value"]) if row["list_name"] else []
        if role == "id":
            out[name] = [f"{SYNTHETIC_PREFIX}{i + 1:05d}" for i in range(n)]
        elif role == "province":
            out[name] = _pick(rng, PROVINCES, [1, 1, 1], n)
        elif role == "commune":
            out[name] = [f"Xã mô phỏng {j}" for j in rng.integers(1, 13, n)]
        elif role == "weight":
            out[name] = np.round(weight, 4)
        elif name == "nhom_tuoi" and len(values) == 4:
            out[name] = np.asarray(values, dtype=object)[age]
        elif name == "hoc_van" and len(values) == 4:
            out[name] = np.asarray(values, dtype=object)[edu]
        elif name == "khu_vuc" and len(values) == 2:
            out[name] = np.where(urban, values[0], values[1])
        elif name == "dan_toc" and len(values) == 2:
            kinh = rng.random(n) < np.where(urban, 0.9, 0.75)
            out[name] = np.where(kinh, values[0], values[1])
        elif role == "use":
            yes, no = ("1", "0") if {"0", "1"} <= set(values) else (values[0], values[-1])
            out[name] = np.where(use, yes, no)
        elif kind == "likert":
            lam = 0.8
            z = latent[row["construct"]]
            z = (z - z.mean()) / (z.std() or 1)
            x = np.clip(np.round(3 + 1.1 * (lam * z + np.sqrt(1 - lam**2) * rng.normal(size=n))),
                        1, 5)
            if row["reverse"] == 1:
                x = 6 - x
            x = x.astype(object)
            x[rng.random(n) < missing] = ""
            out[name] = [v if v == "" else str(int(v)) for v in x]
        elif role == "barrier":
            out[name] = _reasons(book, name, rng, n, use, age, edu, urban, trust)
        elif kind in ("single", "multiple"):
            out[name] = _pick(rng, values, [1] * len(values), n)
        else:
            out[name] = [""] * n
    return pd.DataFrame(out)


def _reasons(book, name, rng, n, use, age, edu, urban, trust) -> list[str]:
    choices = book.choices_of(name)
    picked = np.zeros((n, len(choices)), dtype=bool)
    for j, c in enumerate(choices.itertuples()):
        p = np.full(n, BARRIER_RATES.get(c.barrier_code, 0.05))
        if c.barrier_code == "B02":
            p = p + 0.25 * (age == 3) + 0.15 * (edu == 0)
        elif c.barrier_code == "B01":
            p = p + 0.15 * ~urban
        elif c.barrier_code == "B04":
            p = p + 0.15 * (trust < 0)
        picked[:, j] = rng.random(n) < p
    habit = [j for j, c in enumerate(choices.itertuples()) if c.barrier_code == "B03"]
    none = ~picked.any(axis=1)
    if habit:
        picked[none, habit[0]] = True
    skip = rng.random(n) < 0.03
    values = list(choices["value"])
    return ["" if u or s else " ".join(v for v, t in zip(values, row, strict=True) if t)
            for u, s, row in zip(use, skip, picked, strict=True)]
