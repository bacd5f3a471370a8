"""What the package knows about policy levers: actors, horizons, indicators, evidence, wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._resources import data_path
from ..intake.levers import read_lever_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

HORIZONS = ("short", "medium", "long")
ACTOR_LEVELS = ("province", "central")
EVIDENCE_KINDS = ("before_after", "after_only", "no_figure", "counter")


@dataclass(frozen=True)
class LeverKnowledge:
    """The lever tables used together by `recommend` (columns as in ``intake.levers``).

    Attributes
    ----------
    levers : DataFrame
        One row per lever (``LEVER_COLUMNS``); ``indicators`` is ";"-separated.
    lever_barrier : DataFrame
        Columns lever, barrier: which lever addresses which barrier.
    evidence : DataFrame
        Cited evidence of effect (``EVIDENCE_COLUMNS``), one row per reported result.
    templates : DataFrame
        Sentence templates (``TEMPLATE_COLUMNS``) with ``{actor}``/``{Actor}`` and ``{by_when}``.
    """

    levers: pd.DataFrame
    lever_barrier: pd.DataFrame
    evidence: pd.DataFrame
    templates: pd.DataFrame


def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    with data_path(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def load_knowledge(user_file=None) -> LeverKnowledge:
    """The bundled lever tables, plus the levers and evidence of a user's workbook if given.

    Parameters
    ----------
    user_file : path, optional
        A workbook with the "Giải pháp riêng" / "Bằng chứng giải pháp" sheets (see
        `dvc_analysis.intake.levers`). Valid rows are added; invalid rows raise
        `UserDataError` listing every problem (file, sheet, row, column, reason in vi/en).

    Returns
    -------
    LeverKnowledge

    Examples
    --------
    >>> k = load_knowledge()
    >>> sorted(set(k.levers["horizon"]))
    ['long', 'medium', 'short']
    """
    from ..evidence.taxonomy import load_lever_barrier, load_levers

    k = LeverKnowledge(
        levers=load_levers(),
        lever_barrier=load_lever_barrier(),
        evidence=_read("lever_evidence.csv"),
        templates=_read("lever_templates.csv"),
    )
    return k if user_file is None else _add(k, user_file)


def knowledge_for(data_files=()) -> LeverKnowledge:
    """The bundled lever tables plus those of every data file that carries lever sheets.

    Parameters
    ----------
    data_files : iterable of paths
        The user's data files (as given to the report); files without lever sheets add nothing.

    Returns
    -------
    LeverKnowledge

    Raises
    ------
    UserDataError
        When a lever row is invalid; ``problems`` lists every such row.

    Examples
    --------
    >>> len(knowledge_for().levers)
    16
    """
    from ..intake.levers import has_lever_sheets

    k = load_knowledge()
    for path in data_files:
        if has_lever_sheets(path):
            k = _add(k, path)
    return k


def _add(k: LeverKnowledge, user_file) -> LeverKnowledge:
    import pandas as pd

    from ..errors import UserDataError

    user = read_lever_file(user_file, known_levers=k.levers["code"])
    if len(user.rejected):
        raise UserDataError(
            f"Tệp giải pháp {user_file} có {len(user.rejected)} dòng không dùng được.",
            f"The lever file {user_file} has {len(user.rejected)} unusable rows.",
            problems=user.rejected,
        )
    return LeverKnowledge(
        levers=pd.concat([k.levers, user.levers], ignore_index=True),
        lever_barrier=pd.concat([k.lever_barrier, user.lever_barrier], ignore_index=True),
        evidence=pd.concat([k.evidence, user.evidence], ignore_index=True),
        templates=pd.concat([k.templates, user.templates], ignore_index=True),
    )
