"""Money amounts and rounding modes: the one gate every price, fee and rate passes.

Private to the fee modules (:mod:`~fiverr_support_kb.fees`,
:mod:`~fiverr_support_kb.schedules`, :mod:`~fiverr_support_kb.ledger`,
:mod:`~fiverr_support_kb.exports`). Every amount is a :class:`~decimal.Decimal` in whole cents;
all arithmetic runs in :data:`CTX`, passed explicitly, so the caller's decimal context never
changes a result.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidAmountError,
    InvalidRoundingError,
    describe_type,
)
from fiverr_support_kb.errors import show_value as _show

__all__ = [
    "CENT",
    "CTX",
    "MAX_AMOUNT",
    "MAX_CENTS",
    "MAX_UNITS",
    "OPERATOR_EMIN",
    "OPERATOR_PREC",
    "RATE_PLACES",
    "RATE_QUANTUM",
    "ROUNDINGS",
    "WHOLE_CENTS",
    "ZERO",
    "ZERO_CENTS",
    "check_amount",
    "create_decimal",
    "ctx_add",
    "ctx_multiply",
    "ctx_subtract",
    "exact",
    "from_cents",
    "operators_exact",
    "plain",
    "rounding_mode",
    "to_cents",
]

#: The largest amount (price, target or budget) accepted: one billion dollars, inclusive.
MAX_AMOUNT: Final = Decimal("1000000000.00")

MAX_UNITS: Final = 1_000_000_000  # MAX_AMOUNT in whole dollars, for the int fast path
MAX_CENTS: Final = 100_000_000_000  # MAX_AMOUNT in cents
CENT: Final = Decimal("0.01")
ZERO: Final = Decimal(0)
ZERO_CENTS: Final = Decimal("0.00")
#: Fee rates may have at most this many decimal places (0.055 has 3).
RATE_PLACES: Final = 10
RATE_QUANTUM: Final = Decimal("1E-10")  # 10 ** -RATE_PLACES, written out: no context

# Exactness. Every amount is at most MAX_AMOUNT in whole cents, so at most 12 significant
# digits; every rate is below 1 with at most 10 decimal places, so at most 10 significant
# digits. A product rate * amount therefore has at most 22 significant digits, and a sum of
# two amounts at most 13, far below the 50 digits of CTX: multiplications, additions and
# subtractions are exact and only the explicit quantize() calls round. Ledger totals stay
# exact until they pass 10**48 cents, more than 10**37 orders at the maximum price.
CTX: Final = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=decimal.MIN_EMIN,
    Emax=decimal.MAX_EMAX,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
# Strings are read with a precision no string can exceed, so conversion never rounds; a
# malformed string or an out-of-range exponent raises instead of being turned into NaN,
# Infinity or zero, whatever the caller's own context traps.
_PARSE: Final = decimal.Context(
    prec=decimal.MAX_PREC,
    Emin=decimal.MIN_EMIN,
    Emax=decimal.MAX_EMAX,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Underflow],
)

# Quantizing to cents in this context raises unless the result is exact (a sub-cent amount
# signals Inexact), finite and at most 13 digits long (a longer one signals InvalidOperation).
WHOLE_CENTS: Final = decimal.Context(
    prec=13,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=decimal.MIN_EMIN,
    Emax=decimal.MAX_EMAX,
    traps=[decimal.InvalidOperation, decimal.Inexact, decimal.Overflow, decimal.DivisionByZero],
)

# Bound once: looking the method up on every call costs about as much as the arithmetic.
ctx_add: Final = CTX.add
ctx_subtract: Final = CTX.subtract
ctx_multiply: Final = CTX.multiply
create_decimal: Final = _PARSE.create_decimal
_getcontext: Final = decimal.getcontext

# The bounds of every operand and result of a split, for operators_exact(): at most 22
# significant digits (a product), adjusted exponents from -12 (0.01 * 1E-10) to 9.
OPERATOR_PREC: Final = 22
OPERATOR_EMIN: Final = -12


def operators_exact() -> bool:
    """Tell whether ``*``, ``+`` and ``-`` of checked amounts and rates are exact right now.

    Plain operators run in the thread's active decimal context, which the caller may have set
    to anything. They give exactly what :data:`CTX` gives, with no signal and no flag, when
    that context has the precision for a product of an amount and a rate (22 digits), an
    exponent range that holds every amount and product, and no clamping. Callers use the
    operators (several times faster than bound context methods) when this holds, and
    :data:`CTX`'s methods when it does not. Inlined where every nanosecond counts.
    """
    ctx = _getcontext()
    prec = ctx.prec
    # Emax >= prec: every amount (adjusted exponent at most 9) is in range, and no exponent
    # at most 0 is clamped (clamping only touches exponents above Emax - prec + 1).
    return prec >= OPERATOR_PREC and ctx.Emax >= prec and ctx.Emin <= OPERATOR_EMIN


#: The rounding modes accepted, every rounding constant of the decimal module, to themselves.
ROUNDINGS: Final[dict[object, str]] = {
    mode: mode
    for mode in (
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    )
}
_NOT_POSITIVE: Final = "is not positive"
_TOO_LARGE: Final = "is more than the maximum 1000000000.00"
_ACCEPTED: Final = (
    "a positive amount in whole cents from 0.01 to 1000000000.00, a number such as 19.99"
)


# --- reading amounts -----------------------------------------------------------------------


def _type_error(what: str, value: object) -> FeeTypeError:
    if isinstance(value, float):
        return FeeTypeError(
            f"{what} must be a str, int or Decimal, not float ({_show(value)}): a float cannot "
            "hold most cent amounts exactly; pass a str such as '19.99' or a Decimal"
        )
    return FeeTypeError(
        f"{what} must be an amount such as 19.99 (a str, int or Decimal), "
        f"not {describe_type(value)}"
    )


def _unreadable(what: str, text: str, exc: decimal.DecimalException) -> InvalidAmountError:
    if isinstance(exc, decimal.InvalidOperation):
        problem = "is not a decimal number"
        if "," in text:
            problem += " (write a dot as the decimal separator and no thousands separator)"
    else:  # Overflow or Underflow: an exponent beyond what decimal can represent
        problem = "has an exponent out of range"
    return InvalidAmountError(f"{what} {_show(text)} {problem}; expected {_ACCEPTED}")


def _parse(text: str, what: str) -> Decimal:
    """Read the str *text* exactly as a Decimal (possibly not finite), or raise.

    Only ASCII text without ``_`` is read: ``Decimal()`` itself would also take ``"1_000"``
    and digits of other scripts, which are not how an amount is written in an order export.
    """
    if not text.isascii() or "_" in text:
        raise InvalidAmountError(
            f"{what} {_show(text)} is not a decimal number (write ASCII digits with an optional"
            f" '.', and no '_'); expected {_ACCEPTED}"
        )
    try:
        return create_decimal(text)
    except decimal.DecimalException:
        pass
    try:  # surrounding whitespace is allowed, as by Decimal(); stripped only when present
        return create_decimal(text.strip())
    except decimal.DecimalException as exc:
        raise _unreadable(what, text, exc) from None


def exact(value: object, what: str) -> Decimal:
    """Return *value* (a str, int or Decimal) as an exact Decimal, possibly not finite.

    Raises:
        FeeTypeError: any other type, ``bool`` and ``float`` included.
        InvalidAmountError: a str that does not hold a decimal number.
    """
    if isinstance(value, Decimal):
        # A subclass is copied to a plain Decimal: its own __eq__, __hash__ or __repr__
        # (which may do anything) must not take part in the arithmetic or the checks.
        return value if type(value) is Decimal else Decimal(value)
    if isinstance(value, str):
        # The plain value: a subclass's own strip(), isascii() or __contains__ is never used.
        return _parse(plain(value), what)
    if isinstance(value, int) and not isinstance(value, bool):
        # int's own __index__ copies a subclass's value without calling any of its methods.
        return Decimal(int.__index__(value))
    raise _type_error(what, value)


def check_amount(value: object, what: str) -> Decimal:  # noqa: C901 - one gate, case by case
    """Return the money amount *value* as a Decimal with exactly two decimal places.

    This is the one gate every price, target and budget passes: see :data:`_ACCEPTED`.

    Raises:
        FeeTypeError: *value* is not a str, int or Decimal.
        InvalidAmountError: *value* is not a positive number of whole cents up to
            :data:`MAX_AMOUNT`.
    """
    if type(value) is Decimal:  # the common cases first
        number = value
    elif type(value) is str:
        try:
            if not value.isascii() or "_" in value:
                raise decimal.InvalidOperation  # _parse says why
            number = create_decimal(value)
        except decimal.DecimalException:
            number = _parse(value, what)  # whitespace around it, or an error
    elif isinstance(value, int) and not isinstance(value, bool):
        # A plain int (int's own __index__, no method of a subclass): a subclass's __lt__,
        # __int__ or __index__ must not decide whether or what it is.
        value = int.__index__(value)
        if not 0 < value <= MAX_UNITS:  # checked as an int: a huge int is never converted
            problem = _NOT_POSITIVE if value <= 0 else _TOO_LARGE
            raise InvalidAmountError(f"{what} {_show(value)} {problem}; expected {_ACCEPTED}")
        number = Decimal(value)
    else:
        number = exact(value, what)
    # One quantize in WHOLE_CENTS both checks and converts: it raises for an infinity, a
    # fraction of a cent (Inexact) and more than 13 digits. is_finite() first: a quiet NaN
    # passes quantize, and ordering it would signal in the caller's context.
    if number.is_finite():
        try:
            cents = number.quantize(CENT, None, WHOLE_CENTS)
        except decimal.DecimalException:
            pass
        else:
            if ZERO < cents <= MAX_AMOUNT:
                return cents
    raise _refused(what, value, number)


def _refused(what: str, value: object, number: Decimal) -> InvalidAmountError:
    """Say why *number* (read from the caller's *value*) is not an amount."""
    if not number.is_finite():
        problem = "is not a finite number"
    elif number <= ZERO:
        problem = _NOT_POSITIVE
    elif number > MAX_AMOUNT:
        problem = _TOO_LARGE
    else:
        problem = "has a fraction of a cent"
    return InvalidAmountError(f"{what} {_show(value)} {problem}; expected {_ACCEPTED}")


def to_cents(amount: Decimal) -> int:
    """Return a whole-cent *amount* (as :func:`check_amount` returns) as an int number of cents."""
    return int(amount.scaleb(2, CTX))


def from_cents(cents: int) -> Decimal:
    """Return *cents* as a Decimal amount with two decimal places."""
    return Decimal(cents).scaleb(-2, CTX)


def rounding_mode(rounding: object) -> str:
    if isinstance(rounding, str):
        found = ROUNDINGS.get(plain(rounding))
        if found is not None:
            return found
    accepted = ", ".join(f"decimal.{name}" for name in sorted(ROUNDINGS.values()))
    raise InvalidRoundingError(
        f"rounding must be one of the decimal module's rounding constants ({accepted}), "
        f"not {_show(rounding)}"
    )


def plain(text: str) -> str:
    """Return the ``str`` *text* as a plain ``str``, whatever subclass of ``str`` it is.

    A subclass may override ``__hash__``, ``__eq__`` or ``__repr__`` with anything; its plain
    value is what is looked up, compared and stored. (``str.__str__`` returns an exact str
    unchanged and copies a subclass's characters, calling none of its methods.)
    """
    return str.__str__(text)
