"""The library's exceptions.

Every exception raised on purpose derives from :class:`FiverrSupportKBError`. Bad input
additionally derives from :class:`ValueError` or :class:`TypeError` (and lookups of unknown
keys from :class:`LookupError`), so callers can catch either the library's base class or the
built-in category they already handle.
"""

# Not `from typing import TYPE_CHECKING`: this module is imported with the package, and
# importing `typing` alone costs more than the package.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "ArgumentTypeError",
    "ColumnarFallbackWarning",
    "ExportError",
    "FeeTypeError",
    "FiverrSupportKBError",
    "InvalidAmountError",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "KnowledgeBaseError",
    "NoPriceFitsError",
    "NoScheduleOnDateError",
    "UnknownChannelError",
    "UnknownFaqEntryError",
    "UnknownFeeScheduleError",
    "UnsupportedLanguageError",
    "describe_type",
    "show_value",
]


def show_value(value: object) -> str:
    """Return ``repr(value)`` shortened for an error message, never raising.

    ``repr`` of an int of more than 4300 digits raises (Python 3.11+), and a caller's object
    may have a broken ``__repr__``: neither may turn a refusal into a crash. An ``int``
    subclass is measured by ``int``'s own ``bit_length``, never by an override of it.
    """
    try:
        if issubclass(type(value), int) and int.bit_length(value) > 128:  # type: ignore[arg-type]
            digits = int(int.bit_length(value) * 0.30103) + 1  # type: ignore[arg-type]
            return f"<an int of about {digits} digits>"
        # A plain str: repr() may return a str subclass whose own methods do anything.
        text = str.__str__(repr(value))
    except Exception:  # noqa: BLE001 - any failure of a caller's __repr__
        return f"<a {_type_name(value)} object>"
    return text if len(text) <= 60 else f"{text[:57]}..."


def _type_name(value: object) -> str:
    """Return the name of *value*'s type, from ``type``'s own slot (no metaclass override)."""
    name: str = _NAME_OF_TYPE.__get__(type(value))
    return name


_NAME_OF_TYPE = type.__dict__["__name__"]
#: How a value's type is named in a message, in words first (the Python name in brackets).
_TYPE_WORDS = (
    (type(None), "no value"),
    (bool, "true or false"),
    (int, "a whole number"),
    (float, "a number with a fraction"),
    (str, "text"),
    (bytes, "raw bytes"),
    (bytearray, "raw bytes"),
    (list, "a list"),
    (tuple, "a list"),
    (dict, "a mapping"),
)


def describe_type(value: object) -> str:
    """Say in words what kind of value *value* is, for a message: ``"a whole number (int)"``.

    The Python type name follows in brackets, for the programmer reading a traceback. Only
    the type is consulted (never the value's own methods), so this never raises.
    """
    name = _type_name(value)
    for kind, words in _TYPE_WORDS:
        if type(value) is kind:
            return f"{words} ({name})"
    return f"a {name} object"


#: How many problems a KnowledgeBaseError's message shows (its ``problems`` has them all).
_SHOWN_PROBLEMS = 20
#: The longest problem a message shows unshortened.
_PROBLEM_CHARS = 500
#: The longest file name a message shows unshortened: no real path is longer (Linux PATH_MAX).
_SOURCE_CHARS = 4096


def _clip(text: str, limit: int) -> str:
    """Return *text*, or its start and end around ``...`` if it is longer than *limit*."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]}...{text[-half:]}"


class FiverrSupportKBError(Exception):
    """Base class of every exception this library raises on purpose."""

    #: The attributes holding what ``__init__`` takes, in order, for a subclass whose
    #: ``__init__`` builds the message itself: pickle and copy rebuild the error from them.
    _init_attributes: tuple[str, ...] = ()

    def __reduce__(self) -> "str | tuple[Any, ...]":
        """Pickle and copy by the arguments the error was built from.

        The default (the class called with ``self.args``, the message) does not fit an
        ``__init__`` that takes other arguments: such an error could not be copied, nor sent
        back from a worker process of a batch job.
        """
        if not self._init_attributes:
            return super().__reduce__()
        arguments = tuple(getattr(self, name) for name in self._init_attributes)
        return (type(self), arguments, self.__dict__)


class KnowledgeBaseError(FiverrSupportKBError, ValueError):
    """A knowledge-base or fee-schedule data file is unreadable or invalid.

    The message names the file and, for each problem, the JSON path where it is
    (``... @ $.faq[3].answer.hu``). The individual problems are in :attr:`problems`, all of
    them and in full; the message shows the first 20 (a broken file can have thousands),
    each shortened in the middle if it is very long, so that its path stays.
    """

    _init_attributes = ("source", "problems")

    def __init__(self, source: str, problems: tuple[str, ...] | list[str]) -> None:
        """Build the error from the data's *source* name and its *problems*."""
        self.source = source
        self.problems = tuple(problems)
        shown = [_clip(problem, _PROBLEM_CHARS) for problem in self.problems[:_SHOWN_PROBLEMS]]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(f"and {hidden} more problem{'s' if hidden > 1 else ''}")
        super().__init__(f"invalid data in {_clip(source, _SOURCE_CHARS)}: " + "; ".join(shown))


class UnknownFaqEntryError(FiverrSupportKBError, LookupError):
    """No FAQ entry has the requested id."""

    _init_attributes = ("entry_id", "known")

    def __init__(self, entry_id: object, known: tuple[str, ...]) -> None:
        """Build the error for the unknown *entry_id*, listing the *known* ids."""
        self.entry_id = entry_id
        self.known = known
        super().__init__(
            f"unknown FAQ entry id {show_value(entry_id)}; known ids: {', '.join(known)}"
        )


class UnsupportedLanguageError(FiverrSupportKBError, LookupError, ValueError):
    """A language code the library has no text for."""

    _init_attributes = ("lang", "known")

    def __init__(self, lang: object, known: tuple[str, ...]) -> None:
        """Build the error for *lang*, listing the *known* language codes."""
        self.lang = lang
        self.known = known
        super().__init__(f"unsupported language {show_value(lang)}; supported: {', '.join(known)}")


class InvalidArgumentError(FiverrSupportKBError, ValueError):
    """An argument of the right type with a value that is not accepted, such as a limit of 0."""


class ArgumentTypeError(FiverrSupportKBError, TypeError):
    """An argument of a type that is not accepted, such as a number where text is expected."""


class UnknownChannelError(FiverrSupportKBError, LookupError, ValueError):
    """A channel kind or social network that is not known, or that the knowledge base lacks.

    It is a ``LookupError`` (nothing was found) and a ``ValueError`` (the argument was not one
    of the accepted names), so code written for either keeps working.
    """


class InvalidAmountError(FiverrSupportKBError, ValueError):
    """A money amount that is not a positive number of whole cents in range."""


class NoPriceFitsError(FiverrSupportKBError, ValueError):
    """A reverse fee calculation has no whole-cent price that satisfies it."""


class FeeTypeError(ArgumentTypeError):
    """An argument of the fee engine has a type it does not take, such as a ``float`` price."""


class InvalidRoundingError(FiverrSupportKBError, ValueError):
    """A rounding mode that is not one of the :mod:`decimal` module's rounding constants."""


class InvalidFeeScheduleError(FiverrSupportKBError, ValueError):
    """A ``FeeSchedule`` or ``FeeTier`` field with a value it cannot have."""


class UnknownFeeScheduleError(FiverrSupportKBError, LookupError, ValueError):
    """No packaged fee schedule has the requested name."""

    _init_attributes = ("name", "known")

    def __init__(self, name: object, known: tuple[str, ...]) -> None:
        """Build the error for the unknown *name*, listing the *known* names."""
        self.name = name
        self.known = known
        super().__init__(
            f"unknown fee schedule {show_value(name)}; known schedules: {', '.join(known)}"
        )


class InvalidDateError(FiverrSupportKBError, ValueError):
    """A day that is not a calendar date written as ``YYYY-MM-DD``."""


class NoScheduleOnDateError(FiverrSupportKBError, LookupError, ValueError):
    """No known period covers a date: no schedule (or clearance rule) is known to be in force.

    The message names the date and the nearest known periods before and after it.
    """


class InvalidOrderStatusError(FiverrSupportKBError, ValueError):
    """A string that is not the value of an ``OrderStatus``."""


class ExportError(FiverrSupportKBError, ValueError):
    """An order export that cannot be read or written, or a row of it that is bad.

    The message names the file and, for a bad row, the line it starts on.
    """

    _init_attributes = ("message", "source", "line")

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        """Build the error: the *message* shown, the *source* file and the *line* (if any)."""
        self.message = message
        self.source = source
        self.line = line
        super().__init__(message)

    def __reduce__(self) -> "tuple[Any, ...]":
        """Pickle and copy with the keyword arguments."""
        return (_export_error, (self.message, self.source, self.line))


def _export_error(message: str, source: str, line: int | None) -> ExportError:
    return ExportError(message, source=source, line=line)


class ColumnarFallbackWarning(UserWarning):
    """``split_csv(engine="columnar")`` could not use the columnar engine; the Python one did.

    The message says why: ``pyarrow`` is not installed, an option the columnar engine does
    not support (JSON Lines, a stream), or a file it does not read (quoted fields, prices
    written otherwise than as digits with up to two decimals). The output is the same.
    """
