"""Error types shared by the package and the command line.

`UserDataError` means the user's input has problems (exit code 1); `UsageError` means the
command was called wrongly (exit code 2). Both carry a message in Vietnamese and English.
"""

from __future__ import annotations


class DvcError(Exception):
    """Base class: an error with a bilingual, one-sentence message."""

    exit_code = 1

    def __init__(self, vi: str, en: str | None = None, *, problems=None):
        self.vi = vi
        self.en = en or vi
        self.problems = problems
        super().__init__(f"{vi} / {en}" if en else vi)


class UserDataError(DvcError):
    """The user's data or file cannot be used (missing, empty, wrong encoding, invalid rows)."""

    exit_code = 1


class UsageError(DvcError):
    """The command or function was called with arguments that cannot work."""

    exit_code = 2


class ComparabilityError(DvcError, ValueError):
    """Two indicators or values that must not be compared were asked to be compared."""

    exit_code = 2
