"""Fee schedules: the rules a split follows, packaged or an app's own.

A :class:`FeeSchedule` is the buyer's service fee as price bands (:class:`FeeTier`) and the
seller's rate. The packaged schedules come from ``data/fee_schedules.json``; ``"article"``, the
source article's rules, is the default everywhere.

>>> from fiverr_support_kb.schedules import fee_schedule
>>> fee_schedule("article").buyer_tier("40").flat
Decimal('2.00')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from fiverr_support_kb._amounts import (
    CENT,
    CTX,
    MAX_AMOUNT,
    RATE_PLACES,
    RATE_QUANTUM,
    ZERO,
    ZERO_CENTS,
    check_amount,
    ctx_add,
    ctx_multiply,
    exact,
    operators_exact,
    plain,
)
from fiverr_support_kb._loading import parse_json, structure
from fiverr_support_kb._memo import once
from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidAmountError,
    InvalidFeeScheduleError,
    KnowledgeBaseError,
    UnknownFeeScheduleError,
)
from fiverr_support_kb.errors import show_value as _show

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "DEFAULT_SCHEDULE",
    "FEES_FILE",
    "FeeSchedule",
    "FeeTier",
    "fee_schedule",
    "fee_schedules",
    "fees_of",
    "is_collection",
    "parse_schedules",
    "resolve_schedule",
]

#: The name of the packaged schedule used when none is given: the source article's rules.
DEFAULT_SCHEDULE: Final = "article"

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _bad_field(field: str, expected: str, value: object) -> InvalidFeeScheduleError:
    # "expected ..." first: the data loader keeps such messages as they are.
    return InvalidFeeScheduleError(f"expected {field} to be {expected}, got {_show(value)}")


def _field_number(value: object, field: str, expected: str) -> Decimal:
    try:
        number = exact(value, field)
    except InvalidAmountError:
        raise _bad_field(field, expected, value) from None
    if not number.is_finite():
        raise _bad_field(field, expected, value)
    return number


def _rate(value: object, field: str) -> Decimal:
    expected = f"a rate from 0 up to but excluding 1 with at most {RATE_PLACES} decimal places"
    rate = _field_number(value, field, expected)
    if not ZERO <= rate < 1 or rate.quantize(RATE_QUANTUM, context=CTX) != rate:
        raise _bad_field(field, expected, value)
    return rate


def _tier_rate(value: Decimal | int | str) -> Decimal:
    return _rate(value, "rate")


def _seller_rate(value: Decimal | int | str) -> Decimal:
    return _rate(value, "seller_rate")


def _flat(value: Decimal | int | str) -> Decimal:
    expected = "an amount in whole cents from 0.00 to 1000000000.00"
    fee = _field_number(value, "flat", expected)
    if not ZERO <= fee <= MAX_AMOUNT:
        raise _bad_field("flat", expected, value)
    cents = fee.quantize(CENT, context=CTX)
    if cents != fee:
        raise _bad_field("flat", expected, value)
    return cents


def _max_price(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    expected = "None or a price in whole cents from 0.01 to 1000000000.00"
    bound = _field_number(value, "max_price", expected)
    try:
        return check_amount(bound, "max_price")
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
    flat: Decimal = attrs.field(default=ZERO_CENTS, converter=_flat)
    #: The fraction of the price charged, such as ``Decimal("0.05")`` for 5%.
    rate: Decimal = attrs.field(default=ZERO, converter=_tier_rate)


def is_collection(value: object) -> bool:
    """Tell whether *value* is iterable and not a ``str`` or ``bytes`` (iterable by accident)."""
    # Its type must have __iter__: a class such as `list` has the attribute, but iterating
    # the class itself raises TypeError.
    return hasattr(type(value), "__iter__") and not isinstance(value, (str, bytes))


def _tiers(value: Iterable[FeeTier]) -> tuple[FeeTier, ...]:
    if not is_collection(value):
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
    previous = ZERO
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
    return plain(value)


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
    value = plain(value)
    from datetime import date  # noqa: PLC0415 - only for a dated schedule, not on a cold start

    try:
        valid = _ISO_DATE.fullmatch(value) is not None and bool(date.fromisoformat(value))
    except ValueError:
        valid = False
    if not valid:
        raise _bad_field("effective_date", "None or a calendar date as YYYY-MM-DD", value)
    return value


def _tier_bounds(schedule: FeeSchedule) -> tuple[Decimal, ...]:
    # Every tier but the last has a max_price (checked by _tiers). Zero and the maximum amount
    # around them make one bisect both find the tier and check the range (see _tier_table).
    bounds = (tier.max_price for tier in schedule.buyer_fee if tier.max_price is not None)
    return (ZERO, *bounds, MAX_AMOUNT)


#: A tier as compute_order_split reads it: its rate (None if zero), its flat fee (None if
#: zero) and its flat fee.
_Fees = tuple[Decimal | None, Decimal | None, Decimal]


def _fee_table(schedule: FeeSchedule) -> tuple[_Fees | None, ...]:
    # _fee_table[bisect_left(_bounds, amount)] is the tier of a positive amount up to the
    # maximum, and None for zero or less (index 0) and for more than the maximum (the last).
    tiers = ((tier.rate or None, tier.flat or None, tier.flat) for tier in schedule.buyer_fee)
    return (None, *tiers, None)


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
    # The max_price of every tier but the last, between zero and the maximum amount, and the
    # tiers' fees between two None, for bisect; derived, not part of the value.
    _bounds: tuple[Decimal, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_tier_bounds, takes_self=True),
    )
    _fee_table: tuple[_Fees | None, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_fee_table, takes_self=True),
    )

    def buyer_tier(self, price: Decimal | int | str) -> FeeTier:
        """Return the tier whose fee applies to *price*.

        >>> from fiverr_support_kb import fee_schedule
        >>> fee_schedule("article").buyer_tier("40").flat
        Decimal('2.00')

        Raises:
            FeeTypeError, InvalidAmountError: *price* is not a valid amount.
        """
        return self.buyer_fee[bisect_left(self._bounds, check_amount(price, "price")) - 1]


@once
def _file_shape() -> type[Any]:
    """Return the shape of ``data/fee_schedules.json`` (``fee_schedules.schema.json``).

    A class made on first use: only the JSON loader needs it, and an attrs class costs a
    cold start about a millisecond.
    """

    @attrs.frozen(kw_only=True)
    class _FeeScheduleFile:
        data_version: str
        schedules: tuple[FeeSchedule, ...]

    return _FeeScheduleFile


FEES_FILE: Final = "fee_schedules.json"


def _file_problems(data: Any) -> Iterator[str]:
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


def parse_schedules(raw: bytes, source: str) -> Mapping[str, FeeSchedule]:
    """Parse and validate a schedules file into a read-only mapping of name to schedule."""
    # The converter's Decimal hook accepts only plain ASCII decimal text, as the schema says.
    data = structure(parse_json(raw, source), _file_shape(), source)
    problems = list(_file_problems(data))
    if problems:
        raise KnowledgeBaseError(source, problems)
    return MappingProxyType({schedule.name: schedule for schedule in data.schedules})


@once
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
    # The generated snapshot of data/fee_schedules.json: the same values parse_schedules
    # reads from the file (tests/test_snapshot.py proves it), without json or cattrs.
    from fiverr_support_kb._snapshot_fees import FEE_SCHEDULES  # noqa: PLC0415 - on first use

    schedules = (_from_plain(data) for data in FEE_SCHEDULES)
    return MappingProxyType({schedule.name: schedule for schedule in schedules})


def _from_plain(data: Mapping[str, Any]) -> FeeSchedule:
    """Build a schedule from the plain data of the snapshot (its fields, amounts as text)."""
    return FeeSchedule(**{**data, "buyer_fee": [FeeTier(**tier) for tier in data["buyer_fee"]]})


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
    name = plain(name)
    table = fee_schedules()
    schedule = table.get(name)
    if schedule is None:
        raise UnknownFeeScheduleError(name, tuple(table))
    return schedule


def resolve_schedule(schedule: object) -> FeeSchedule:
    """Return *schedule* itself, or the packaged schedule it names.

    Raises:
        UnknownFeeScheduleError: no packaged schedule has that name.
        FeeTypeError: *schedule* is neither a :class:`FeeSchedule` nor a ``str``.
    """
    if isinstance(schedule, FeeSchedule):
        return schedule
    if isinstance(schedule, str):
        name = plain(schedule)
        found = fee_schedules().get(name)
        return fee_schedule(name) if found is None else found
    raise FeeTypeError(
        "schedule must be a FeeSchedule or the name of a packaged one such as 'help-center', "
        f"not {type(schedule).__name__}"
    )


def fees_of(price: Decimal, schedule: FeeSchedule, rounding: str) -> tuple[Decimal, Decimal]:
    """Return ``(buyer_fee, seller_fee)`` of a checked whole-cent *price*.

    The one definition of the fees: :func:`compute_order_split` (which inlines the same steps)
    and the command line's ``split-csv`` (which needs no ``OrderSplit`` object per row) agree
    with it, as the tests prove.
    """
    tier = schedule.buyer_fee[bisect_left(schedule._bounds, price) - 1]  # noqa: SLF001 - own module
    # The percentage is rounded to cents once; the flat fee, already in cents, is added exactly.
    # Skipping a zero rate leaves the flat fee, and skipping a zero flat fee the percentage:
    # both already have two decimal places, so the result is what the full sum would give.
    # Each quantize() runs in CTX; the operators run in the active context only when it
    # cannot change their result (operators_exact), else in CTX too.
    buyer_fee = tier.flat
    if operators_exact():
        if tier.rate:
            percent = (tier.rate * price).quantize(CENT, rounding, CTX)
            buyer_fee = percent + buyer_fee if buyer_fee else percent
        return buyer_fee, (schedule.seller_rate * price).quantize(CENT, rounding, CTX)
    if tier.rate:
        percent = ctx_multiply(tier.rate, price).quantize(CENT, rounding, CTX)
        buyer_fee = ctx_add(percent, buyer_fee) if buyer_fee else percent
    return buyer_fee, ctx_multiply(schedule.seller_rate, price).quantize(CENT, rounding, CTX)
