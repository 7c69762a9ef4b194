"""The library's exceptions.

Every exception raised on purpose derives from :class:`FiverrSupportKBError`. Bad input
additionally derives from :class:`ValueError` or :class:`TypeError` (and lookups of unknown
keys from :class:`LookupError`), so callers can catch either the library's base class or the
built-in category they already handle.
"""

from __future__ import annotations

__all__ = [
    "FiverrSupportKBError",
    "InvalidAmountError",
    "KnowledgeBaseError",
    "NoPriceFitsError",
    "UnknownFaqEntryError",
    "UnsupportedLanguageError",
]


class FiverrSupportKBError(Exception):
    """Base class of every exception this library raises on purpose."""


class KnowledgeBaseError(FiverrSupportKBError, ValueError):
    """A knowledge-base or fee-schedule data file is unreadable or invalid.

    The message names the file and, for each problem, the JSON path where it is
    (``... @ $.faq[3].answer.hu``). The individual problems are in :attr:`problems`.
    """

    def __init__(self, source: str, problems: tuple[str, ...] | list[str]) -> None:
        """Build the error from the data's *source* name and its *problems*."""
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"invalid data in {source}: " + "; ".join(self.problems))


class UnknownFaqEntryError(FiverrSupportKBError, LookupError):
    """No FAQ entry has the requested id."""

    def __init__(self, entry_id: object, known: tuple[str, ...]) -> None:
        """Build the error for the unknown *entry_id*, listing the *known* ids."""
        self.entry_id = entry_id
        self.known = known
        super().__init__(f"unknown FAQ entry id {entry_id!r}; known ids: {', '.join(known)}")


class UnsupportedLanguageError(FiverrSupportKBError, LookupError, ValueError):
    """A language code the library has no text for."""

    def __init__(self, lang: object, known: tuple[str, ...]) -> None:
        """Build the error for *lang*, listing the *known* language codes."""
        self.lang = lang
        self.known = known
        super().__init__(f"unsupported language {lang!r}; supported: {', '.join(known)}")


class InvalidAmountError(FiverrSupportKBError, ValueError):
    """A money amount that is not a positive number of whole cents in range."""


class NoPriceFitsError(FiverrSupportKBError, ValueError):
    """A reverse fee calculation has no whole-cent price that satisfies it."""
