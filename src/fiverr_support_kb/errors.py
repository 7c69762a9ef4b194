"""The library's exceptions.

Every exception raised on purpose derives from :class:`FiverrSupportKBError`. Bad input
additionally derives from :class:`ValueError` or :class:`TypeError` (and lookups of unknown
keys from :class:`LookupError`), so callers can catch either the library's base class or the
built-in category they already handle.
"""

from __future__ import annotations

__all__ = [
    "FeeTypeError",
    "FiverrSupportKBError",
    "InvalidAmountError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "KnowledgeBaseError",
    "NoPriceFitsError",
    "UnknownFaqEntryError",
    "UnknownFeeScheduleError",
    "UnsupportedLanguageError",
    "show_value",
]


def show_value(value: object) -> str:
    """Return ``repr(value)`` shortened for an error message, never raising.

    ``repr`` of an int of more than 4300 digits raises (Python 3.11+), and a caller's object
    may have a broken ``__repr__``: neither may turn a refusal into a crash.
    """
    if isinstance(value, int) and value.bit_length() > 128:
        digits = int(value.bit_length() * 0.30103) + 1
        return f"<an int of about {digits} digits>"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any failure of a caller's __repr__
        return f"<a {type(value).__name__} object>"
    return text if len(text) <= 60 else f"{text[:57]}..."


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
        super().__init__(
            f"unknown FAQ entry id {show_value(entry_id)}; known ids: {', '.join(known)}"
        )


class UnsupportedLanguageError(FiverrSupportKBError, LookupError, ValueError):
    """A language code the library has no text for."""

    def __init__(self, lang: object, known: tuple[str, ...]) -> None:
        """Build the error for *lang*, listing the *known* language codes."""
        self.lang = lang
        self.known = known
        super().__init__(f"unsupported language {show_value(lang)}; supported: {', '.join(known)}")


class InvalidAmountError(FiverrSupportKBError, ValueError):
    """A money amount that is not a positive number of whole cents in range."""


class NoPriceFitsError(FiverrSupportKBError, ValueError):
    """A reverse fee calculation has no whole-cent price that satisfies it."""


class FeeTypeError(FiverrSupportKBError, TypeError):
    """An argument of the fee engine has a type it does not take, such as a ``float`` price."""


class InvalidRoundingError(FiverrSupportKBError, ValueError):
    """A rounding mode that is not one of the :mod:`decimal` module's rounding constants."""


class InvalidFeeScheduleError(FiverrSupportKBError, ValueError):
    """A ``FeeSchedule`` or ``FeeTier`` field with a value it cannot have."""


class UnknownFeeScheduleError(FiverrSupportKBError, LookupError, ValueError):
    """No packaged fee schedule has the requested name."""

    def __init__(self, name: object, known: tuple[str, ...]) -> None:
        """Build the error for the unknown *name*, listing the *known* names."""
        self.name = name
        self.known = known
        super().__init__(
            f"unknown fee schedule {show_value(name)}; known schedules: {', '.join(known)}"
        )


class InvalidOrderStatusError(FiverrSupportKBError, ValueError):
    """A string that is not the value of an ``OrderStatus``."""
