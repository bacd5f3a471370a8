"""Rule profiles of the dossier engine: one SQL template (indicators.sql) plus a table of parameters.

A profile is a row of ``profiles.csv``; adding a row adds a profile (for instance another
vendor's counting rule) without new code. The parameters and what they mean:

``compare``
    ``timestamp``: on time when the (effective) finish time ≤ the due time, so a dossier finished
    later in the day it is due is late; ``day``: dates are compared, a dossier finished any time on
    its due day is on time. Early / on the due day is always split by calendar day.
``subtract_supplement_wait``
    1: the days the applicant spent supplementing the dossier (``ngay_cho_bo_sung``) are taken
    off the finish time before the comparison.
``max_supplements``
    A dossier with more supplement requests than this is late whatever its dates (−1: no limit).
``use_extension``
    1: a recorded extended due date (``ngay_hen_tra_moi``) replaces the original one.
``no_due_date``
    ``exclude``: resolved dossiers without a due date are not judged (left out of the on-time
    denominator, counted as ``dossier_resolved_no_due_count``); ``on_time``: they count as on time.
``online_channels``, ``paid_codes``
    Channel codes counted as online (2) and payment codes counted as paid online (1 national
    portal, 2 provincial gateway, 9 online where the export does not say which).

Profiles shipped:

``766``
    Decision 766/QĐ-TTg (23/6/2022) created the index that scores units on the national portal.
    The definitions follow the portal operator's guidance as summarised in docs/dossiers.md
    (grade C): online share = dossiers received online / dossiers received in the period (by
    receipt date); payment share = dossiers paid online / dossiers with a fee above zero; on time =
    finished on or before the due time, waiting time for supplements taken off, more than one
    supplement request counted late, among dossiers finished in the period. The portal also
    multiplies the online share by a sync ratio and counts only dossiers with an electronic
    result: not reproducible from an export, so the figure here is the raw channel share.
``bieu-06a``
    The period statistics table Biểu II.06a/VPCP/KSTT: received (total, online, in person or
    postal, carried over), resolved (total, early, on time, late), in progress (within time,
    overdue). Dates are compared by day, lawful extensions move the due date, supplement waiting
    time is not counted, a dossier without a due date cannot be late.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from ...errors import UsageError


@dataclass(frozen=True)
class Profile:
    """One rule profile (a row of profiles.csv)."""

    profile: str
    compare: str
    subtract_supplement_wait: int
    max_supplements: int
    use_extension: int
    no_due_date: str
    online_channels: tuple[int, ...]
    paid_codes: tuple[int, ...]
    name_vi: str
    name_en: str
    source: str


def _codes(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(";") if x.strip())


@functools.lru_cache(maxsize=1)
def load_profiles() -> dict[str, Profile]:
    """The rule profiles shipped in ``rules/profiles.csv``, by name.

    Returns
    -------
    dict
        profile name → `Profile`.

    Examples
    --------
    >>> sorted(load_profiles())
    ['766', 'bieu-06a']
    """
    text = resources.files(__name__).joinpath("profiles.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(text.splitlines()):
        out[row["profile"]] = Profile(
            profile=row["profile"], compare=row["compare"],
            subtract_supplement_wait=int(row["subtract_supplement_wait"]),
            max_supplements=int(row["max_supplements"]), use_extension=int(row["use_extension"]),
            no_due_date=row["no_due_date"], online_channels=_codes(row["online_channels"]),
            paid_codes=_codes(row["paid_codes"]), name_vi=row["name_vi"], name_en=row["name_en"],
            source=row["source"])
    return out


def get_profile(name: str) -> Profile:
    """The profile called `name`; UsageError listing the known ones otherwise."""
    profiles = load_profiles()
    if name not in profiles:
        raise UsageError(f"Không có bộ quy tắc '{name}' (có: {', '.join(profiles)}).",
                         f"Unknown rule profile '{name}' (known: {', '.join(profiles)}).")
    return profiles[name]


def render(profile: Profile) -> str:
    """The indicator SQL with the profile's parameters in place."""
    template = resources.files(__name__).joinpath("indicators.sql").read_text(encoding="utf-8")
    body = "\n".join(line for line in template.splitlines() if not line.lstrip().startswith("--"))
    return body.format(
        use_extension=profile.use_extension,
        subtract_supplement_wait=profile.subtract_supplement_wait,
        max_supplements=profile.max_supplements,
        no_due_on_time=int(profile.no_due_date == "on_time"),
        compare_day=int(profile.compare == "day"),
        online_channels=", ".join(map(str, profile.online_channels)),
        paid_codes=", ".join(map(str, profile.paid_codes)),
    )
