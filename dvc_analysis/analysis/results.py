"""`analyse()`: select the evidence once and compute the `Results` every view reads."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..evidence.sources import short_id
from ..text.words import tr

# ---------------------------------------------------------------------------------------------
# inputs


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


@dataclass(frozen=True)
class Results:
    """Everything one report or notebook shows, computed once from the selected evidence.

    Built by :func:`analyse`; figures, tables, sentences and the workbook only read it, so they
    cite the same sources and show the same numbers. Fields keep the names of the former
    ``report.prepare()`` keys and can be read as ``results.obs`` or ``results["obs"]``.
    """

    lang: str
    inputs: list[str]
    obs: pd.DataFrame  # observations in use, after --data/--only/--provinces
    rated: pd.DataFrame  # obs with rates and Wilson intervals
    indicators: pd.DataFrame  # bundled definitions + ids declared in the user's files
    sources: pd.DataFrame  # the sources cited by obs (Bảng 1)
    targets: pd.DataFrame
    comparisons: dict[str, pd.DataFrame]  # indicator -> compare() over all admin levels
    comparisons_province: dict[str, pd.DataFrame]  # rankable indicators, province rows
    audit: pd.DataFrame
    gaps: pd.DataFrame  # gaps to targets, province level (text, table and figure alike)
    pipelines: pd.DataFrame
    barriers: pd.DataFrame
    levers: pd.DataFrame
    mentions: pd.DataFrame  # barrier mentions of the sources in use only
    recommendations: pd.DataFrame
    display: pd.DataFrame  # obs_id -> value_vi, value_en: the one display string per value
    comparison_sets: dict[tuple[str, str | None], pd.DataFrame] = field(repr=False)
    comparison_base: dict[str, Any] = field(repr=False)  # row-wise work shared by all sets
    # the user's files: rows read, used and rejected per file (intake.own_files.UserFile)
    user_files: list = field(default_factory=list)
    # the user's units ranked per indicator in the latest common period (analysis.focus)
    ranking: pd.DataFrame | None = None
    # a citizens' survey, when one is given: barrier prevalence (survey.barrier_prevalence) and
    # the same codes beside the documents' mentions (analysis.barriers.documents_beside_survey)
    survey_prevalence: pd.DataFrame | None = None
    survey_beside_documents: pd.DataFrame | None = None
    survey_note: str = ""

    # Read access by key, so code written against the former dict reads a Results unchanged.
    def __getitem__(self, key: str) -> Any:
        if key not in _FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in _FIELDS else default

    def keys(self) -> list[str]:
        return list(_FIELDS)

    def __contains__(self, key: object) -> bool:
        return key in _FIELDS

    def as_dict(self, *, lazy: bool = True) -> dict[str, Any]:
        """The former ``report.prepare()`` dict (same objects, not copies); ``lazy=False``
        leaves out the views computed on first use (``merged34``)."""
        skip = _INTERNAL + (() if lazy else _LAZY)
        return {k: getattr(self, k) for k in _FIELDS if k not in skip}

    @functools.cached_property
    def merged34(self) -> pd.DataFrame | None:
        """The observations re-keyed to the 34-province map (computed on first use)."""
        from .merge34 import to_34_provinces

        try:
            return to_34_provinces(self.obs, indicators=self.indicators)
        except Exception:  # noqa: BLE001  (observations without a 63-province key)
            return None

    @property
    def source_ids(self) -> list[str]:
        """Full ids of the sources the observations cite, in table order (Bảng 1)."""
        return list(self.sources["source_id"].astype(str))

    def comparison(self, indicator: str, admin_level: str | None = "province") -> pd.DataFrame:
        """The comparable set of one indicator at one level (``None``: all levels), a copy.

        Sets of all levels and the province sets of the ranked indicators are computed in
        :func:`analyse`; any other set on first use, from the same row-wise work.
        """
        key = (indicator, admin_level)
        if key not in self.comparison_sets:
            from .compare import compare, compare_from

            if indicator in set(self.obs["indicator"]):
                self.comparison_sets[key] = compare_from(self.comparison_base, indicator,
                                                         admin_level)
            else:  # nothing observed: compare() gives the empty set with its columns
                self.comparison_sets[key] = compare(self.obs, indicator, admin_level=admin_level,
                                                    indicators=self.indicators)
        df = self.comparison_sets[key]
        out = df.copy()
        out.attrs = {k: list(v) if isinstance(v, list) else v for k, v in df.attrs.items()}
        return out

    def value_text(self, obs_id: str, lang: str | None = None) -> str:
        """The display string of one observation's value (see :mod:`.display`)."""
        col = "value_en" if (lang or self.lang) == "en" else "value_vi"
        try:
            return str(self.display.at[str(obs_id), col])
        except KeyError:
            return ""


_FIELDS = tuple(Results.__dataclass_fields__) + ("merged34",)
_INTERNAL = ("comparison_sets", "comparison_base")
_LAZY = ("merged34",)


def analyse(
    data_files: Sequence[str | Path] = (),
    *,
    only: bool = False,
    provinces: Sequence[str] | None = None,
    lang: str = "vi",
    observations: pd.DataFrame | None = None,
    progress: Callable[[str], Any] | None = None,
    barrier_files: Sequence[str | Path] = (),
    strict: bool = False,
    survey_prevalence: pd.DataFrame | None = None,
    survey_note: str = "",
) -> Results:
    """Select the evidence once and compute every table the views read.

    Parameters
    ----------
    data_files
        The user's CSV/Excel files (read with ``intake.userfile.read_user_file``), added to the
        bundled observations.
    only
        Use only ``data_files``, not the bundled observations.
    provinces
        Keep only these provinces (codes or names); every view then cites only their sources.
    lang
        "vi" (default) or "en": language of the recommendation table and display strings.
    observations
        An observation table to use instead of the bundled one (notebooks, tests).
    progress
        Called with a short message per stage.
    barrier_files
        Review workbooks (``dvc-analysis barriers FILE --review``) whose accepted codes join
        the barrier and lever mentions.
    survey_prevalence, survey_note
        A survey's barrier prevalence (``dvc_analysis.survey.barrier_prevalence``) and a short
        description of the survey (file, n, weights) for notes: the report then sets what
        respondents report beside what the documents say, and recommendations weigh it.
    strict
        Any rejected row of a user file is an error (UserDataError) instead of a note.

    Returns
    -------
    Results
        The frozen record every figure, table and sentence reads.

    Examples
    --------
    >>> r = analyse()
    >>> set(r.obs["source_id"].map(lambda s: s.split("_")[0])) == {s.split("_")[0] for s in r.source_ids}
    True
    """
    from ..errors import UsageError, UserDataError
    from ..evidence import load
    from ..evidence.audit import audit
    from ..intake.userfile import add_declared_indicators
    from .compare import compare_from, comparison_base
    from .display import display_table
    from .focus import rank_units
    from .pipelines import pipelines
    from .rates import rates
    from .targets import gaps_to_targets

    def say(message: str) -> None:
        if progress is not None:
            progress(message)

    if lang not in ("vi", "en"):
        raise UsageError(f"Ngôn ngữ không hỗ trợ: {lang!r}.", f"Unsupported language: {lang!r}.")
    if only and not data_files:
        raise UsageError(
            "--only cần ít nhất một tệp --data.", "--only needs at least one --data file."
        )
    # Select the evidence
    inputs: list[str] = []
    frames = []
    if observations is not None:
        frames.append(observations)
        inputs.append(f"observations ({len(observations)} rows)")
    elif not only:
        frames.append(load.load_observations())
        inputs.append("data/observations.csv (bundled)")
    from ..intake.own_files import read_user_files, user_sources

    user, user_files = read_user_files(data_files, strict=strict)
    for f in user_files:
        inputs.append(f"{f.path} ({f.records} rows: {f.accepted} used, {len(f.rejected)} rejected)")
    frames.extend(user)
    obs = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    obs = _filter_provinces(obs, provinces)
    if obs.empty:
        raise UserDataError("Không có số liệu nào để dựng báo cáo.", "No figures to build a report from.")
    n_src = obs["source_id"].nunique()
    say(tr(lang, f"số liệu: {len(obs)} từ {n_src} nguồn", f"evidence: {len(obs)} observations from {n_src} sources"))

    indicators = add_declared_indicators(load.load_indicators(), user)  # + the user's own ids
    used = set(obs["source_id"].astype(str))
    all_sources = load.load_sources()
    mine = user_sources(obs, lang)  # one row per source the user's files name
    if len(mine):
        all_sources = pd.concat([all_sources, mine.astype(str)], ignore_index=True).fillna("")
    sources = all_sources[all_sources["source_id"].astype(str).isin(used)].reset_index(drop=True)
    targets = load.load_targets()

    # Compare: one pass of row-wise work for every indicator at both levels the views use
    in_obs = set(obs["indicator"])
    present = [i for i in indicators["id"] if i in in_obs]
    present += [i for i in dict.fromkeys(obs["indicator"]) if i not in present]
    base = comparison_base(obs, present, indicators=indicators)
    sets = {(ind, None): compare_from(base, ind, None) for ind in present}
    comparisons = {ind: sets[(ind, None)] for ind in present}
    rankable = set(
        indicators.loc[
            indicators["unit"].isin(["percent", "score"])
            & indicators["higher_is_better"].astype(str).str.lower().isin(["true", "1", "yes"]),
            "id",
        ]
    )
    # The ranking sentences use the province-level rows of rankable indicators; "latest" is set
    # per unit, so these rows are those of a province-level compare().
    comparisons_province = {}
    for ind in present:
        if ind in rankable:
            df = comparisons[ind]
            comparisons_province[ind] = df[df["admin_level"] == "province"].reset_index(drop=True)
    say(tr(lang, f"phân tích: {len(present)} chỉ tiêu", f"analysis: {len(present)} indicators"))
    rated = rates(obs, indicators=indicators)
    results = Results(
        lang=lang,
        inputs=inputs,
        obs=obs,
        rated=rated,
        indicators=indicators,
        sources=sources,
        targets=targets,
        comparisons=comparisons,
        comparisons_province=comparisons_province,
        audit=audit(obs),
        gaps=gaps_to_targets(obs, targets, indicators=indicators),
        pipelines=pipelines(obs),
        display=display_table(rated, indicators),
        comparison_sets=sets,
        comparison_base=base,
        user_files=user_files,
        ranking=rank_units(obs, indicators=indicators, lang=lang),
        **_barrier_tables(obs, lang, barrier_files),
    )
    if survey_prevalence is not None:
        from .barriers import documents_beside_survey

        results = dataclasses.replace(
            results, survey_prevalence=survey_prevalence, survey_note=survey_note,
            survey_beside_documents=documents_beside_survey(results.mentions, survey_prevalence))
    from .recommend import with_recommendations

    # the ranked recommendations replace the barrier -> lever lookup (analysis.barriers)
    results = with_recommendations(results, data_files=data_files, lang=lang)
    # Bảng 1 lists every source a sentence cites, the lever evidence from other units included
    cited = _cited_short_ids(results.recommendations)
    extra = all_sources[all_sources["source_id"].map(short_id).isin(cited)
                        & ~all_sources["source_id"].astype(str).isin(used)]
    if len(extra):
        results = dataclasses.replace(
            results, sources=pd.concat([sources, extra], ignore_index=True))
    return results


def _cited_short_ids(recommendations: pd.DataFrame) -> set[str]:
    """Short source ids a recommendation cites ("002 ¶26; 003 ¶10" in its evidence column)."""
    if recommendations is None or recommendations.empty or "evidence" not in recommendations:
        return set()
    found = recommendations["evidence"].astype(str).str.findall(r"([^\s;]+) ¶")
    return {short_id(x) for ids in found for x in ids}


def prepare(
    *,
    data_files: Sequence[str | Path] = (),
    only: bool = False,
    lang: str = "vi",
    provinces: Sequence[str] | None = None,
    barrier_files: Sequence[str | Path] = (),
    strict: bool = False,
) -> dict[str, Any]:
    """The former report preparation: :func:`analyse` as a dict of its fields.

    Keys: obs, rated, indicators, sources, targets, comparisons, comparisons_province, audit,
    gaps, pipelines, barriers, levers, mentions, recommendations, merged34, display, lang,
    inputs.
    """
    return analyse(data_files, only=only, lang=lang, provinces=provinces,
                   barrier_files=barrier_files, strict=strict).as_dict()


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
