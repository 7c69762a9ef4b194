"""The exact Decimal fee engine: order splits, reverse calculations and an order ledger.

Every amount is a :class:`~decimal.Decimal` in whole cents. Each fee is rounded to cents once,
with the caller's rounding mode (half-up by default); every total is then exact addition or
subtraction, so the parts of a split always add up to the cent. All arithmetic runs in the
module's own decimal context, passed explicitly: the caller's context (precision, traps,
rounding) never changes a result.

>>> from fiverr_support_kb import compute_order_split, max_price_for_budget
>>> split = compute_order_split("40.50")
>>> split.buyer_fee, split.buyer_total, split.seller_net
(Decimal('2.03'), Decimal('42.53'), Decimal('32.40'))
>>> max_price_for_budget("100")
Decimal('95.24')
"""

from __future__ import annotations

import decimal
import enum
import re
import threading
from bisect import bisect_left
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidAmountError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    KnowledgeBaseError,
    NoPriceFitsError,
    UnknownFeeScheduleError,
)
from fiverr_support_kb.errors import (
    show_value as _show,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = [
    "DEFAULT_SCHEDULE",
    "MAX_AMOUNT",
    "FeeSchedule",
    "FeeTier",
    "FeeTypeError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "Order",
    "OrderSplit",
    "OrderStatus",
    "OrderSummary",
    "UnknownFeeScheduleError",
    "compute_order_split",
    "fee_schedule",
    "fee_schedules",
    "max_price_for_budget",
    "price_for_seller_net",
    "summarize_orders",
]

#: The name of the packaged schedule used when none is given: the source article's rules.
DEFAULT_SCHEDULE: Final = "article"
#: The largest amount (price, target or budget) accepted: one billion dollars, inclusive.
MAX_AMOUNT: Final = Decimal("1000000000.00")

_MAX_UNITS: Final = 1_000_000_000  # MAX_AMOUNT in whole dollars, for the int fast path
_MAX_CENTS: Final = 100_000_000_000  # MAX_AMOUNT in cents
_CENT: Final = Decimal("0.01")
_ZERO: Final = Decimal(0)
_ZERO_CENTS: Final = Decimal("0.00")
#: Fee rates may have at most this many decimal places (0.055 has 3).
_RATE_PLACES: Final = 10
_RATE_QUANTUM: Final = Decimal("1E-10")  # 10 ** -_RATE_PLACES, written out: no context

# Exactness. Every amount is at most MAX_AMOUNT in whole cents, so at most 12 significant
# digits; every rate is below 1 with at most 10 decimal places, so at most 10 significant
# digits. A product rate * amount therefore has at most 22 significant digits, and a sum of
# two amounts at most 13, far below the 50 digits of _CTX: multiplications, additions and
# subtractions are exact and only the explicit quantize() calls round. Ledger totals stay
# exact until they pass 10**48 cents, more than 10**37 orders at the maximum price.
_CTX: Final = decimal.Context(
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

# Bound once: looking the method up on every call costs about as much as the arithmetic.
_add: Final = _CTX.add
_subtract: Final = _CTX.subtract
_multiply: Final = _CTX.multiply
_create_decimal: Final = _PARSE.create_decimal

#: The rounding modes accepted, every rounding constant of the decimal module, to themselves.
_ROUNDINGS: Final[dict[object, str]] = {
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
_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_POSITIVE: Final = "is not positive"
_TOO_LARGE: Final = "is more than the maximum 1000000000.00"
_ACCEPTED: Final = (
    "a positive amount in whole cents from 0.01 to 1000000000.00, "
    "as a str, int or Decimal such as '19.99'"
)


# --- reading amounts -----------------------------------------------------------------------


def _type_error(what: str, value: object) -> FeeTypeError:
    if isinstance(value, float):
        return FeeTypeError(
            f"{what} must be a str, int or Decimal, not float ({value!r}): a float cannot hold "
            "most cent amounts exactly; pass a str such as '19.99' or a Decimal"
        )
    return FeeTypeError(
        f"{what} must be a str, int or Decimal such as '19.99', not {type(value).__name__}"
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
        return _create_decimal(text)
    except decimal.DecimalException:
        pass
    try:  # surrounding whitespace is allowed, as by Decimal(); stripped only when present
        return _create_decimal(text.strip())
    except decimal.DecimalException as exc:
        raise _unreadable(what, text, exc) from None


def _exact(value: object, what: str) -> Decimal:
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
        return _parse(value, what)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise _type_error(what, value)


def _amount(value: object, what: str) -> Decimal:
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
            number = _create_decimal(value)
        except decimal.DecimalException:
            number = _parse(value, what)  # whitespace around it, or an error
    elif isinstance(value, int) and not isinstance(value, bool):
        if not 0 < value <= _MAX_UNITS:  # checked as an int: a huge int is never converted
            problem = _NOT_POSITIVE if value <= 0 else _TOO_LARGE
            raise InvalidAmountError(f"{what} {_show(value)} {problem}; expected {_ACCEPTED}")
        number = Decimal(int(value))
    else:
        number = _exact(value, what)
    # is_finite() first: ordering a NaN would signal in the caller's context.
    if number.is_finite() and _ZERO < number <= MAX_AMOUNT:
        # At most 1000000000.00: the quantized value has at most 12 digits, no signal.
        cents = number.quantize(_CENT, None, _CTX)
        if cents == number:
            return cents
    raise _refused(what, value, number)


def _refused(what: str, value: object, number: Decimal) -> InvalidAmountError:
    """Say why *number* (read from the caller's *value*) is not an amount."""
    if not number.is_finite():
        problem = "is not a finite number"
    elif number <= _ZERO:
        problem = _NOT_POSITIVE
    elif number > MAX_AMOUNT:
        problem = _TOO_LARGE
    else:
        problem = "has a fraction of a cent"
    return InvalidAmountError(f"{what} {_show(value)} {problem}; expected {_ACCEPTED}")


def _cents(amount: Decimal) -> int:
    """Return a whole-cent *amount* (as :func:`_amount` returns) as an int number of cents."""
    return int(amount.scaleb(2, _CTX))


def _from_cents(cents: int) -> Decimal:
    """Return *cents* as a Decimal amount with two decimal places."""
    return Decimal(cents).scaleb(-2, _CTX)


def _rounding(rounding: object) -> str:
    if isinstance(rounding, str):
        found = _ROUNDINGS.get(_plain(rounding))
        if found is not None:
            return found
    accepted = ", ".join(f"decimal.{name}" for name in sorted(_ROUNDINGS.values()))
    raise InvalidRoundingError(
        f"rounding must be one of the decimal module's rounding constants ({accepted}), "
        f"not {_show(rounding)}"
    )


def _plain(text: str) -> str:
    """Return the ``str`` *text* as a plain ``str``, whatever subclass of ``str`` it is.

    A subclass may override ``__hash__``, ``__eq__`` or ``__repr__`` with anything; its plain
    value is what is looked up, compared and stored. (``str.__str__`` returns an exact str
    unchanged and copies a subclass's characters, calling none of its methods.)
    """
    return str.__str__(text)


# --- fee schedules -------------------------------------------------------------------------


def _bad_field(field: str, expected: str, value: object) -> InvalidFeeScheduleError:
    # "expected ..." first: the data loader keeps such messages as they are.
    return InvalidFeeScheduleError(f"expected {field} to be {expected}, got {_show(value)}")


def _field_number(value: object, field: str, expected: str) -> Decimal:
    try:
        number = _exact(value, field)
    except InvalidAmountError:
        raise _bad_field(field, expected, value) from None
    if not number.is_finite():
        raise _bad_field(field, expected, value)
    return number


def _rate(value: object, field: str) -> Decimal:
    expected = f"a rate from 0 up to but excluding 1 with at most {_RATE_PLACES} decimal places"
    rate = _field_number(value, field, expected)
    if not _ZERO <= rate < 1 or rate.quantize(_RATE_QUANTUM, context=_CTX) != rate:
        raise _bad_field(field, expected, value)
    return rate


def _tier_rate(value: Decimal | int | str) -> Decimal:
    return _rate(value, "rate")


def _seller_rate(value: Decimal | int | str) -> Decimal:
    return _rate(value, "seller_rate")


def _flat(value: Decimal | int | str) -> Decimal:
    expected = "an amount in whole cents from 0.00 to 1000000000.00"
    fee = _field_number(value, "flat", expected)
    if not _ZERO <= fee <= MAX_AMOUNT:
        raise _bad_field("flat", expected, value)
    cents = fee.quantize(_CENT, context=_CTX)
    if cents != fee:
        raise _bad_field("flat", expected, value)
    return cents


def _max_price(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    expected = "None or a price in whole cents from 0.01 to 1000000000.00"
    bound = _field_number(value, "max_price", expected)
    try:
        return _amount(bound, "max_price")
    except InvalidAmountError:
        raise _bad_field("max_price", expected, value) from None


@attrs.frozen(kw_only=True)
class FeeTier:
    """One price band of the buyer's service fee: ``flat`` plus ``rate`` of the price.

    A tier applies to the prices above the previous tier's ``max_price``, up to and including
    its own; the last tier of a schedule has ``max_price=None`` and covers every higher price.
    Amounts and rates are given as ``Decimal``, ``int`` or ``str`` (never ``float``) and kept
    as ``Decimal``, amounts with two decimal places.

    >>> FeeTier(max_price="40", flat="2")
    FeeTier(max_price=Decimal('40.00'), flat=Decimal('2.00'), rate=Decimal('0'))

    Raises:
        InvalidFeeScheduleError: a ``rate`` outside ``[0, 1)`` or with more than 10 decimal
            places, a negative, sub-cent or too large ``flat``, or a ``max_price`` that is not
            a valid price.
        FeeTypeError: a field of another type, such as a ``float``.
    """

    #: The highest price (inclusive) the tier applies to; ``None`` for no limit.
    max_price: Decimal | None = attrs.field(default=None, converter=_max_price)
    #: A fixed amount, such as a small order fee, added to the rounded percentage.
    flat: Decimal = attrs.field(default=_ZERO_CENTS, converter=_flat)
    #: The fraction of the price charged, such as ``Decimal("0.05")`` for 5%.
    rate: Decimal = attrs.field(default=_ZERO, converter=_tier_rate)


def _is_collection(value: object) -> bool:
    """Tell whether *value* is iterable and not a ``str`` or ``bytes`` (iterable by accident)."""
    # Its type must have __iter__: a class such as `list` has the attribute, but iterating
    # the class itself raises TypeError.
    return hasattr(type(value), "__iter__") and not isinstance(value, (str, bytes))


def _tiers(value: Iterable[FeeTier]) -> tuple[FeeTier, ...]:
    if not _is_collection(value):
        raise FeeTypeError(
            f"expected buyer_fee to be a list or tuple of FeeTier, got {_show(value)}"
        )
    tiers = tuple(value)
    for index, tier in enumerate(tiers):
        if not isinstance(tier, FeeTier):
            raise FeeTypeError(f"expected buyer_fee[{index}] to be a FeeTier, got {_show(tier)}")
    if not tiers:
        raise InvalidFeeScheduleError("expected buyer_fee to have at least one tier, got none")
    if tiers[-1].max_price is not None:
        raise InvalidFeeScheduleError(
            "expected the last buyer_fee tier to have max_price=None (no upper limit), "
            f"got {tiers[-1].max_price!r}"
        )
    previous = _ZERO
    for index, tier in enumerate(tiers[:-1]):
        bound = tier.max_price
        if bound is None or bound <= previous:
            raise InvalidFeeScheduleError(
                f"expected buyer_fee[{index}] to have a max_price above {previous}, as only the "
                f"last tier has none and they increase; got {bound!r}"
            )
        previous = bound
    return tiers


def _str_field(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise FeeTypeError(f"expected {field} to be a str, got {type(value).__name__}")
    return _plain(value)


def _name(value: str) -> str:
    name = _str_field(value, "name")
    if not name.strip():
        raise _bad_field("name", "a non-empty str", name)
    return name


def _title(value: str) -> str:
    return _str_field(value, "title")


def _source(value: str) -> str:
    return _str_field(value, "source")


def _notes(value: str) -> str:
    return _str_field(value, "notes")


def _effective_date(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FeeTypeError(f"expected effective_date to be a str or None, got {_show(value)}")
    value = _plain(value)
    try:
        valid = _ISO_DATE.fullmatch(value) is not None and bool(date.fromisoformat(value))
    except ValueError:
        valid = False
    if not valid:
        raise _bad_field("effective_date", "None or a calendar date as YYYY-MM-DD", value)
    return value


def _tier_bounds(schedule: FeeSchedule) -> tuple[Decimal, ...]:
    # Every tier but the last has a max_price (checked by _tiers).
    return tuple(tier.max_price for tier in schedule.buyer_fee if tier.max_price is not None)


@attrs.frozen(kw_only=True)
class FeeSchedule:
    """A complete set of fee rules: the buyer's service fee by price band, and the seller's.

    The packaged schedules come from :func:`fee_schedule` and :func:`fee_schedules`; build
    your own for other rules, and pass it wherever a schedule name is accepted. Fees are
    computed as :func:`compute_order_split` documents.

    >>> from fiverr_support_kb import FeeSchedule, FeeTier, compute_order_split
    >>> ten_percent = FeeSchedule(
    ...     name="ten-percent",
    ...     title="Buyers pay 10%, sellers 20%",
    ...     buyer_fee=[FeeTier(rate="0.10")],
    ...     seller_rate="0.20",
    ... )
    >>> compute_order_split("25", schedule=ten_percent).buyer_total
    Decimal('27.50')

    Raises:
        InvalidFeeScheduleError: an empty name, a seller rate outside ``[0, 1)``, tiers that
            are missing, out of order or whose last one has a ``max_price``, or an
            ``effective_date`` that is not a ``YYYY-MM-DD`` calendar date.
        FeeTypeError: a field of another type.
    """

    #: A short, stable name, such as ``"article"``.
    name: str = attrs.field(converter=_name)
    #: What the rules are, in a line.
    title: str = attrs.field(converter=_title)
    #: The buyer's service fee, as price bands in increasing order.
    buyer_fee: tuple[FeeTier, ...] = attrs.field(converter=_tiers)
    #: The fraction of the price Fiverr takes from the seller on a completed order.
    seller_rate: Decimal = attrs.field(converter=_seller_rate)
    #: Where the rules are published.
    source: str = attrs.field(default="", converter=_source)
    #: The day the rules took effect (``YYYY-MM-DD``), or ``None`` when it is unknown.
    effective_date: str | None = attrs.field(default=None, converter=_effective_date)
    #: Anything else worth knowing, such as how the source's wording was read.
    notes: str = attrs.field(default="", converter=_notes)
    # The max_price of every tier but the last, for bisect; derived, not part of the value.
    _bounds: tuple[Decimal, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_tier_bounds, takes_self=True),
    )

    def buyer_tier(self, price: Decimal | int | str) -> FeeTier:
        """Return the tier whose fee applies to *price*.

        >>> from fiverr_support_kb import fee_schedule
        >>> fee_schedule("article").buyer_tier("40").flat
        Decimal('2.00')

        Raises:
            FeeTypeError, InvalidAmountError: *price* is not a valid amount.
        """
        return self.buyer_fee[bisect_left(self._bounds, _amount(price, "price"))]


@attrs.frozen(kw_only=True)
class _FeeScheduleFile:
    """The shape of ``data/fee_schedules.json`` (described by ``fee_schedules.schema.json``)."""

    data_version: str
    schedules: tuple[FeeSchedule, ...]


FEES_FILE: Final = "fee_schedules.json"


def _file_problems(data: _FeeScheduleFile) -> Iterator[str]:
    """Yield every semantic problem of a parsed schedules file as ``message @ $.path``."""
    if not data.data_version.strip():
        yield "empty text @ $.data_version"
    seen: dict[str, int] = {}
    for index, schedule in enumerate(data.schedules):
        path = f"$.schedules[{index}]"
        name = schedule.name
        if len(name) > 64 or not _SLUG.fullmatch(name):
            yield (
                "name must be a lowercase slug such as 'help-center', at most 64 characters "
                f"@ {path}.name"
            )
        elif name in seen:
            yield f"duplicate name {name!r} (first at index {seen[name]}) @ {path}.name"
        else:
            seen[name] = index
        for field in ("title", "source"):
            if not getattr(schedule, field).strip():
                yield f"empty text @ {path}.{field}"
    if DEFAULT_SCHEDULE not in seen:
        yield f"the default schedule {DEFAULT_SCHEDULE!r} is missing @ $.schedules"


def _parse_schedules(raw: bytes, source: str) -> Mapping[str, FeeSchedule]:
    """Parse and validate a schedules file into a read-only mapping of name to schedule."""
    from fiverr_support_kb import _data  # noqa: PLC0415 - cattrs is loaded on first use only

    # The converter's Decimal hook accepts only plain ASCII decimal text, as the schema says.
    data = _data.structure(_data.parse_json(raw, source), _FeeScheduleFile, source)
    problems = list(_file_problems(data))
    if problems:
        raise KnowledgeBaseError(source, problems)
    return MappingProxyType({schedule.name: schedule for schedule in data.schedules})


def _load_packaged() -> Mapping[str, FeeSchedule]:
    # The generated snapshot of data/fee_schedules.json: the same objects _parse_schedules
    # builds from the file (tests/test_snapshot.py proves it), without json or cattrs.
    from fiverr_support_kb._snapshot_fees import FEE_SCHEDULES  # noqa: PLC0415

    return MappingProxyType({schedule.name: schedule for schedule in FEE_SCHEDULES})


_lock = threading.Lock()
_packaged: Mapping[str, FeeSchedule] | None = None


def fee_schedules() -> Mapping[str, FeeSchedule]:
    """Return the packaged fee schedules by name (read-only), loaded once on first use.

    ``"article"`` holds the source article's rules and is the default everywhere: a $2 buyer
    fee up to and including $40, 5% of the price above $40, and 20% of the price from the
    seller. ``"help-center"`` holds the rule on Fiverr's help center today: 5.5% of the price
    plus a $3.00 small order fee under $100 (seller 20%), effective date unknown.

    >>> sorted(fee_schedules())
    ['article', 'help-center']

    Safe to call from many threads: the schedules are loaded exactly once.
    """
    global _packaged  # noqa: PLW0603 - the one cached, immutable, lock-guarded value
    table = _packaged
    if table is None:
        with _lock:
            if _packaged is None:
                _packaged = _load_packaged()
            table = _packaged
    return table


def fee_schedule(name: str) -> FeeSchedule:
    """Return the packaged fee schedule called *name* (``"article"`` or ``"help-center"``).

    >>> fee_schedule("help-center").buyer_fee[0].max_price
    Decimal('99.99')

    Raises:
        UnknownFeeScheduleError: no packaged schedule has that name (a ``LookupError`` and a
            ``ValueError``); the message lists the known names.
        FeeTypeError: *name* is not a ``str``.
    """
    if not isinstance(name, str):
        raise FeeTypeError(f"a fee schedule name must be a str, not {type(name).__name__}")
    name = _plain(name)
    table = fee_schedules()
    schedule = table.get(name)
    if schedule is None:
        raise UnknownFeeScheduleError(name, tuple(table))
    return schedule


def _schedule(schedule: object) -> FeeSchedule:
    if isinstance(schedule, FeeSchedule):
        return schedule
    if isinstance(schedule, str):
        name = _plain(schedule)
        table = _packaged  # the loaded table, if it is: no call on the hot path
        found = table.get(name) if table is not None else None
        return fee_schedule(name) if found is None else found
    raise FeeTypeError(
        "schedule must be a FeeSchedule or the name of a packaged one such as 'help-center', "
        f"not {type(schedule).__name__}"
    )


# --- order splits --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OrderSplit:
    """How one order's money divides between the buyer, the seller and Fiverr, to the cent.

    Every field is a ``Decimal`` with exactly two decimal places, and the parts add up
    exactly: ``buyer_total == price + buyer_fee``, ``seller_net == price - seller_fee`` and
    ``platform_revenue == buyer_fee + seller_fee``. Made by :func:`compute_order_split`.

    >>> split = compute_order_split("5")
    >>> split.seller_fee, split.seller_net
    (Decimal('1.00'), Decimal('4.00'))
    """

    #: The order (gig) price the seller set.
    price: Decimal
    #: The buyer's service fee.
    buyer_fee: Decimal
    #: What the buyer pays: the price plus the service fee.
    buyer_total: Decimal
    #: What Fiverr takes from the seller once the order is completed.
    seller_fee: Decimal
    #: What the seller keeps once the order is completed.
    seller_net: Decimal
    #: What Fiverr earns on the order: both fees.
    platform_revenue: Decimal


# OrderSplit has no validator, converter, default or __attrs_post_init__ (a test checks), so
# filling its slots directly builds exactly what OrderSplit(...) builds, as attrs' own
# __setstate__ does for pickle and copy, without the keyword-argument call that costs half a
# split.
_new_object: Final = object.__new__
_set_price, _set_buyer_fee, _set_buyer_total, _set_seller_fee, _set_seller_net, _set_revenue = (
    vars(OrderSplit)[field.name].__set__ for field in attrs.fields(OrderSplit)
)


def fees_of(price: Decimal, schedule: FeeSchedule, rounding: str) -> tuple[Decimal, Decimal]:
    """Return ``(buyer_fee, seller_fee)`` of a checked whole-cent *price*.

    The one place where fees are computed: :func:`compute_order_split` and the command line's
    ``split-csv`` (which needs no ``OrderSplit`` object per row) both call it.
    """
    tier = schedule.buyer_fee[bisect_left(schedule._bounds, price)]  # noqa: SLF001 - own module
    # The percentage is rounded to cents once; the flat fee, already in cents, is added exactly.
    # Skipping a zero rate leaves the flat fee, and skipping a zero flat fee the percentage:
    # both already have two decimal places, so the result is what the full sum would give.
    buyer_fee = tier.flat
    if tier.rate:
        percent = _multiply(tier.rate, price).quantize(_CENT, rounding, _CTX)
        buyer_fee = _add(percent, buyer_fee) if buyer_fee else percent
    return buyer_fee, _multiply(schedule.seller_rate, price).quantize(_CENT, rounding, _CTX)


def _split(price: Decimal, schedule: FeeSchedule, rounding: str) -> OrderSplit:
    """Split a checked whole-cent *price* into an :class:`OrderSplit`."""
    buyer_fee, seller_fee = fees_of(price, schedule, rounding)
    split = _new_object(OrderSplit)
    _set_price(split, price)
    _set_buyer_fee(split, buyer_fee)
    _set_buyer_total(split, _add(price, buyer_fee))
    _set_seller_fee(split, seller_fee)
    _set_seller_net(split, _subtract(price, seller_fee))
    _set_revenue(split, _add(buyer_fee, seller_fee))
    return split


def compute_order_split(
    price: Decimal | int | str,
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
) -> OrderSplit:
    """Split an order's *price* between the buyer, the seller and Fiverr, to the cent.

    The buyer's fee is the applicable tier's ``rate × price``, rounded to cents with
    *rounding*, plus its ``flat``; the seller's fee is ``seller_rate × price``, rounded to
    cents with *rounding*. Everything else is exact addition and subtraction.

    Args:
        price: The order price: a positive amount in whole cents up to 1000000000.00, as a
            ``Decimal``, an ``int`` or a ``str`` such as ``"19.99"``. Not a ``float``.
        schedule: A :class:`FeeSchedule`, or the name of a packaged one (default
            ``"article"``, the source article's rules).
        rounding: Any rounding constant of the :mod:`decimal` module; half-up by default.

    >>> compute_order_split("40.50").buyer_fee
    Decimal('2.03')
    >>> import decimal
    >>> compute_order_split("40.50", rounding=decimal.ROUND_HALF_EVEN).buyer_fee
    Decimal('2.02')
    >>> compute_order_split("100", schedule="help-center").buyer_total
    Decimal('105.50')

    Raises:
        InvalidAmountError: *price* is zero, negative, not a number, sub-cent or too large.
        FeeTypeError: *price* is a ``float``, ``bool`` or another type; or *schedule* is
            neither a ``FeeSchedule`` nor a ``str``.
        UnknownFeeScheduleError: no packaged schedule is called *schedule*.
        InvalidRoundingError: *rounding* is not a rounding constant.
    """
    amount = _amount(price, "price")
    # The common cases inline (a packaged name already loaded, a rounding constant); the
    # helpers handle the rest and every error.
    table = _packaged
    chosen = table.get(schedule) if type(schedule) is str and table is not None else None
    mode = _ROUNDINGS.get(rounding) if type(rounding) is str else None
    return _split(amount, chosen or _schedule(schedule), mode or _rounding(rounding))


# --- reverse calculations ------------------------------------------------------------------
#
# Notation: prices, fees and totals in integer cents; R is the rounding of an exact fee (in
# cents) to a whole cent. For every decimal rounding mode, R is non-decreasing and
# |R(x) - x| < 1. Both searches only ever *evaluate* _split(), the very function
# compute_order_split returns, so they agree with it by construction; the algebra below only
# bounds where to look.


def _first(accepts: Callable[[int], bool], low: int, high: int) -> int | None:
    """Return the least n in [low, high] that *accepts*, or ``None`` if *high* is not accepted.

    *accepts* must be monotone on the range: False...False True...True.
    """
    if not accepts(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if accepts(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _last(accepts: Callable[[int], bool], low: int, high: int) -> int | None:
    """Return the greatest n in [low, high] that *accepts*, or ``None`` if *low* is not accepted.

    *accepts* must be monotone on the range: True...True False...False.
    """
    if not accepts(low):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if accepts(middle):
            low = middle
        else:
            high = middle - 1
    return low


def price_for_seller_net(
    target: Decimal | int | str,
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
) -> Decimal:
    """Return the smallest whole-cent price whose ``seller_net`` is at least *target*.

    Exact for every schedule and rounding mode: ``compute_order_split(price).seller_net >=
    target``, and one cent less (if positive) falls short.

    >>> price_for_seller_net("100")
    Decimal('125.00')
    >>> price_for_seller_net("4")
    Decimal('5.00')

    Raises:
        InvalidAmountError: *target* is not a valid amount (as for a price).
        NoPriceFitsError: only a price above 1000000000.00 would leave that much.
        FeeTypeError, UnknownFeeScheduleError, InvalidRoundingError: as for
            :func:`compute_order_split`.
    """
    wanted = _amount(target, "target")
    chosen = _schedule(schedule)
    mode = _rounding(rounding)
    rate = chosen.seller_rate

    def net_reaches(cents: int, mode: str = mode) -> bool:
        return _split(_from_cents(cents), chosen, mode).seller_net >= wanted

    # With s = p/q the seller rate and t the target: net(n) = n - R(s*n) lies strictly
    # between n(1-s) - 1 and n(1-s) + 1. So every n <= (t-1)/(1-s) falls short and every
    # n >= (t+1)/(1-s) reaches t: the answer is in [low, high] (or above the maximum).
    t = _cents(wanted)
    p, q = rate.as_integer_ratio()
    keep = q - p  # (1 - s) = keep / q, and keep > 0 because s < 1
    low = max(1, (t - 1) * q // keep + 1)
    high = min(_MAX_CENTS, -(-(t + 1) * q // keep))
    # Every mode but ROUND_05UP: R(s(n+1)) - R(sn) <= 1 because s < 1 (for ceiling and floor
    # directly; for the nearest modes because R(y) - R(x) <= y - x + 1 < 2), so net(n) never
    # decreases, and a binary search finds the least n.
    # ROUND_05UP can make net(n) dip by a cent, so search with ROUND_FLOOR instead:
    # down(n) = n - floor(sn) >= net(n) never decreases, so its least n reaching t, a, is a
    # lower bound. Let b be the least n where up(n) = n - ceil(sn) <= net(n) reaches t. On
    # [a, b), down(n) = t and up(n) = t - 1, so sn is not a whole cent, floor(sn) = n - t,
    # and 05UP rounds up exactly when floor(sn) ends in 0 or 5: net(n) = t - [(n - t) % 5 == 0].
    # Of two consecutive n one always reaches t, and so does b: the answer is a or a + 1.
    search = decimal.ROUND_FLOOR if mode == decimal.ROUND_05UP else mode
    found = _first(lambda cents: net_reaches(cents, search), low, high) if low <= high else None
    if found is not None and search != mode:
        found = next((n for n in (found, found + 1) if n <= _MAX_CENTS and net_reaches(n)), None)
    if found is None:
        best = compute_order_split(MAX_AMOUNT, schedule=chosen, rounding=mode).seller_net
        raise NoPriceFitsError(
            f"no whole-cent price up to the maximum {MAX_AMOUNT} leaves the seller {wanted} "
            f"under the {_show(chosen.name)} schedule; the most a seller keeps is {best}"
        )
    return _from_cents(found)


def max_price_for_budget(
    budget: Decimal | int | str,
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
) -> Decimal:
    """Return the largest whole-cent price whose ``buyer_total`` is at most *budget*.

    Exact for every schedule and rounding mode, including schedules whose buyer fee drops
    at a tier boundary (under ``"help-center"``, $100.00 costs the buyer less than $99.99).

    >>> max_price_for_budget("42")
    Decimal('40.00')
    >>> max_price_for_budget("106", schedule="help-center")
    Decimal('100.47')

    Raises:
        InvalidAmountError: *budget* is not a valid amount (as for a price).
        NoPriceFitsError: the budget is below the cheapest order's total.
        FeeTypeError, UnknownFeeScheduleError, InvalidRoundingError: as for
            :func:`compute_order_split`.
    """
    limit = _amount(budget, "budget")
    chosen = _schedule(schedule)
    mode = _rounding(rounding)

    def total(cents: int) -> Decimal:
        return _split(_from_cents(cents), chosen, mode).buyer_total

    def fits(cents: int) -> bool:
        return total(cents) <= limit

    b = _cents(limit)
    found: int | None = None
    # 0.01 is in the first tier; each tier's cheapest price is its first (totals grow in it).
    cheapest = (total(1), 1)
    first = 1
    for tier in chosen.buyer_fee:
        last = _MAX_CENTS if tier.max_price is None else _cents(tier.max_price)
        if first > last:  # an open last tier after a max_price of exactly MAX_AMOUNT
            break
        # Within a tier, total(n) = n + R(r*n) + c with one rate r = p/q and flat fee c; as R
        # never decreases, total(n) grows by at least a cent per cent. It lies strictly
        # between n(1+r) + c - 1 and n(1+r) + c + 1: every n <= (b-c-1)/(1+r) fits and
        # every n >= (b-c+1)/(1+r) does not, so the last n that fits (if any) is in
        # [floor((b-c-1)/(1+r)), ceil((b-c+1)/(1+r)) - 1], clamped to the tier.
        p, q = tier.rate.as_integer_ratio()
        c = _cents(tier.flat)
        low = (b - c - 1) * q // (q + p)
        high = -(-(b - c + 1) * q // (q + p)) - 1
        in_tier = _last(fits, min(max(low, first), last), min(max(high, first), last))
        if in_tier is not None:
            found = in_tier  # tiers cover increasing prices: a later one is larger
        entry = total(first)
        if entry < cheapest[0]:
            cheapest = (entry, first)
        first = last + 1
    if found is None:
        raise NoPriceFitsError(
            f"no whole-cent price fits a budget of {limit} under the {_show(chosen.name)} "
            f"schedule; the cheapest order, {_from_cents(cheapest[1])}, costs the buyer "
            f"{cheapest[0]}"
        )
    return _from_cents(found)


# --- the order ledger ----------------------------------------------------------------------


class OrderStatus(str, enum.Enum):
    """Where an order is in its life; Fiverr takes the seller's fee only once it is completed."""

    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def _order_price(value: Decimal | int | str) -> Decimal:
    return _amount(value, "price")


def _order_status(value: OrderStatus | str) -> OrderStatus:
    if isinstance(value, OrderStatus):
        return value
    if not isinstance(value, str):
        raise FeeTypeError(
            f"status must be an OrderStatus or its str value, not {type(value).__name__}"
        )
    value = _plain(value)
    for status in OrderStatus:
        if value == status.value or value.strip().lower() == status.value:
            return status
    accepted = ", ".join(repr(status.value) for status in OrderStatus)
    raise InvalidOrderStatusError(
        f"unknown order status {_show(value)}; expected one of {accepted} (case ignored)"
    )


@attrs.frozen(kw_only=True)
class Order:
    """One order in a seller's ledger: its price and where it is in its life.

    The price is checked and converted exactly as :func:`compute_order_split` does; the
    status is an :class:`OrderStatus` or its value (case ignored).

    >>> Order(price="40.50", status="completed")
    Order(price=Decimal('40.50'), status=<OrderStatus.COMPLETED: 'completed'>)

    Raises:
        InvalidAmountError, FeeTypeError: the price is not a valid amount.
        InvalidOrderStatusError: the status is not one of the :class:`OrderStatus` values.
    """

    price: Decimal = attrs.field(converter=_order_price)
    status: OrderStatus = attrs.field(converter=_order_status)


def _frozen_counts(counts: Mapping[OrderStatus, int]) -> Mapping[OrderStatus, int]:
    return MappingProxyType(dict(counts))


@attrs.frozen(kw_only=True)
class OrderSummary:
    """The totals of a ledger, as :func:`summarize_orders` returns them.

    The fee totals cover completed orders only: Fiverr books the seller's 20% on completion.
    Every amount is a ``Decimal`` with two decimal places, and
    ``seller_net_total == gross_completed - seller_fee_total`` exactly.
    """

    #: How many orders have each status; every status is present, zero included.
    counts: Mapping[OrderStatus, int] = attrs.field(converter=_frozen_counts, hash=False)
    #: The sum of the prices of the completed orders.
    gross_completed: Decimal
    #: The buyers' service fees on the completed orders.
    buyer_fee_total: Decimal
    #: The seller's fees on the completed orders.
    seller_fee_total: Decimal
    #: What the seller keeps from the completed orders.
    seller_net_total: Decimal
    #: The sum of the prices of the orders neither completed nor cancelled.
    pending_gross: Decimal

    @property
    def order_count(self) -> int:
        """The number of orders summarized, whatever their status."""
        return sum(self.counts.values())

    # A mappingproxy cannot be pickled: pickle and deepcopy get counts as a plain dict.
    def __getstate__(self) -> dict[str, Any]:
        """Return the fields, for pickle and copy."""
        state = {field.name: getattr(self, field.name) for field in attrs.fields(OrderSummary)}
        state["counts"] = dict(self.counts)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore the fields :meth:`__getstate__` returned."""
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "counts", _frozen_counts(state["counts"]))


def summarize_orders(
    orders: Iterable[Order],
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
) -> OrderSummary:
    """Total a ledger of orders in one pass, holding none of them in memory.

    Each completed order's fees are computed as :func:`compute_order_split` computes them and
    added up exactly; in-progress and delivered orders count towards ``pending_gross``;
    cancelled orders are only counted.

    >>> orders = [Order(price="5", status="completed"), Order(price="50", status="delivered")]
    >>> summary = summarize_orders(orders)
    >>> summary.seller_net_total, summary.pending_gross
    (Decimal('4.00'), Decimal('50.00'))

    Args:
        orders: Any iterable of :class:`Order`, such as a generator reading a large export.
        schedule: As for :func:`compute_order_split`.
        rounding: As for :func:`compute_order_split`.

    Raises:
        FeeTypeError: *orders* is not iterable, or an item is not an :class:`Order`.
        UnknownFeeScheduleError, InvalidRoundingError: as for :func:`compute_order_split`.
    """
    chosen = _schedule(schedule)
    mode = _rounding(rounding)
    if not _is_collection(orders):
        raise FeeTypeError(f"orders must be an iterable of Order, not {type(orders).__name__}")
    counts = dict.fromkeys(OrderStatus, 0)
    gross = buyer_fees = seller_fees = pending = _ZERO_CENTS
    completed, cancelled = OrderStatus.COMPLETED, OrderStatus.CANCELLED
    add = _CTX.add
    for index, order in enumerate(orders):
        if not isinstance(order, Order):
            raise FeeTypeError(
                f"orders must hold Order objects, got {_show(order)} at index {index}"
            )
        status = order.status
        counts[status] += 1
        if status is completed:
            split = _split(order.price, chosen, mode)
            gross = add(gross, split.price)
            buyer_fees = add(buyer_fees, split.buyer_fee)
            seller_fees = add(seller_fees, split.seller_fee)
        elif status is not cancelled:
            pending = add(pending, order.price)
    return OrderSummary(
        counts=counts,
        gross_completed=gross,
        buyer_fee_total=buyer_fees,
        seller_fee_total=seller_fees,
        seller_net_total=_CTX.subtract(gross, seller_fees),
        pending_gross=pending,
    )
