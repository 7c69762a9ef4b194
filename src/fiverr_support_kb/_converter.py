"""The library's own cattrs converter: strict, and explicit about money.

cattrs' defaults are lenient where data files must not be: they call ``str()``/``int()`` on
whatever they get and iterate a string into a tuple of characters. The hooks here accept
exactly the JSON type a field asks for, and ``Decimal`` only from a ``str`` or an ``int``
(never a ``float``, which cannot hold most cent amounts exactly).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote
from cattrs.v import format_exception

from fiverr_support_kb.errors import show_value

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CONVERTER", "describe_error", "make_converter"]


# These hooks are registered by type, so they also receive subclasses: `str` enums
# (ChannelKind) reach `_structure_str` and are built from the checked string.


def _structure_str(value: object, type_: type[str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value if type_ is str else type_(value)


def _unstructure_str(value: str) -> str:
    # `str` enums dispatch here too (see above): unstructure them to their plain value.
    return value.value if isinstance(value, enum.Enum) else value


def _structure_int(value: object, type_: type[int]) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value if type_ is int else type_(value)


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


# Plain ASCII decimal notation, the data files' JSON Schema pattern: no spaces, underscores,
# "NaN"/"Infinity" or non-ASCII digits, all of which Decimal() itself would accept.
DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(
            f'expected a decimal number as a string (such as "0.05"), got {type(value).__name__}'
        )
    if isinstance(value, str) and not DECIMAL_TEXT.fullmatch(value):
        raise ValueError(f'expected a plain decimal number such as "0.05", got {value!r}')
    return Decimal(value)


_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {show_value(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a calendar date as YYYY-MM-DD, got {value!r}") from None


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _homogeneous_tuple_hook(
    type_: Any, converter: cattrs.Converter
) -> Callable[[object, Any], tuple[Any, ...]]:
    item_type = typing.get_args(type_)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # noqa: BLE001, PERF203 - every item's error is collected
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, item_type
                )
                # Python 3.10 has no add_note(); cattrs reads __notes__ either way.
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(items)

    return structure


def _key(name: str) -> str:
    """Show a key of a data file: as it is if it is short and printable, else as a repr."""
    return name if name.isprintable() and len(name) <= 60 else show_value(name)


def describe_error(exc: BaseException, type_: type | None) -> str:
    """Say what was wrong, for ``cattrs.transform_error``, keeping our hooks' own messages.

    Our hooks' messages (and ``Enum``'s "'x' is not a valid ...") already say what is
    accepted; cattrs' generic text for the rest is kept as it is, except that unknown keys
    are listed in order, and escaped when they hold what a terminal would act on (a data
    file's keys are not to be trusted).
    """
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"extra fields found ({', '.join(_key(name) for name in sorted(exc.extra_fields))})"
    if isinstance(exc, (TypeError, ValueError)) and not isinstance(exc, cattrs.BaseValidationError):
        message = str(exc)
        if message.startswith(("expected ", "'")):
            if isinstance(type_, type) and issubclass(type_, enum.Enum):
                accepted = ", ".join(repr(member.value) for member in type_)
                return f"{message}; accepted: {accepted}"
            return message
    return format_exception(exc, type_)


def make_converter() -> cattrs.Converter:
    """Return a new strict converter for the library's models."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(str, _unstructure_str)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _homogeneous_tuple_hook)
    return converter


#: The converter the library uses. It is configured once, here, and never changed after.
CONVERTER: Final = make_converter()
