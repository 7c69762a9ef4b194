"""Fee schedules: the rules a split follows, packaged or an app's own.

A :class:`FeeSchedule` is the buyer's service fee as price bands (:class:`FeeTier`) and the
seller's rate. The packaged schedules come from ``data/fee_schedules.json``; ``"article"``, the
source article's rules, is the default everywhere.

>>> from fiverr_support_kb.schedules import fee_schedule
>>> fee_schedule("article").buyer_tier("40").flat
Decimal('2.00')
"""

from __future__ import annotations

import enum
import itertools
import re
from bisect import bisect_left
from datetime import date, datetime
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
from fiverr_support_kb._loading import parse_json, read_packaged, structure
from fiverr_support_kb._memo import once
from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidAmountError,
    InvalidDateError,
    InvalidFeeScheduleError,
    KnowledgeBaseError,
    NoScheduleOnDateError,
    UnknownFeeScheduleError,
    describe_type,
)
from fiverr_support_kb.errors import show_value as _show

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Mapping, Sequence

__all__ = [
    "DEFAULT_SCHEDULE",
    "FEES_FILE",
    "HISTORY_FILE",
    "ClearanceRule",
    "Evidence",
    "FeeHistory",
    "FeePeriod",
    "FeeSchedule",
    "FeeTier",
    "Source",
    "check_day",
    "fee_history",
    "fee_schedule",
    "fee_schedule_on",
    "fee_schedules",
    "fees_of",
    "fees_with_operators",
    "is_collection",
    "load_fee_history",
    "parse_fee_history",
    "parse_schedules",
    "resolve_schedule",
    "schema",
    "to_json",
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
        raise FeeTypeError(f"expected {field} to be a str (text), got {describe_type(value)}")
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


def _flag(value: bool) -> bool:  # noqa: FBT001 - an attrs converter takes the value
    if not isinstance(value, bool):
        raise FeeTypeError(f"expected per_payment to be a bool, got {_show(value)}")
    return value


def _tier_bounds(schedule: FeeSchedule) -> tuple[Decimal, ...]:
    # Every tier but the last has a max_price (checked by _tiers). Zero and the maximum amount
    # around them make one bisect both find the tier and check the range (see _tier_table).
    bounds = (tier.max_price for tier in schedule.buyer_fee if tier.max_price is not None)
    return (ZERO, *bounds, MAX_AMOUNT)


def _whole_bounds(schedule: FeeSchedule) -> tuple[int, ...]:
    # _bounds in whole dollars, rounded down: for an int price p, p <= bound exactly when
    # p <= floor(bound), so bisect_left finds the same index with int comparisons.
    return tuple(int(bound) for bound in schedule._bounds)  # noqa: SLF001 - its own field


#: A tier as compute_order_split reads it: its rate (None if zero), its flat fee (None if
#: zero) and its flat fee.
_Fees = tuple[Decimal | None, Decimal | None, Decimal]


def _negative_zero(value: Decimal) -> bool:
    return not value and value.is_signed()


def _fee_table(schedule: FeeSchedule) -> tuple[_Fees | None, ...]:
    # _fee_table[bisect_left(_bounds, amount)] is the tier of a positive amount up to the
    # maximum, and None for zero or less (index 0) and for more than the maximum (the last).
    # A rate or flat fee of -0 (kept as given) can make a fee -0.00, and a sum of zeros of
    # both signs takes its sign from the context's rounding: such a schedule's table is all
    # None, and compute_order_split leaves it to its CTX path.
    tiers = schedule.buyer_fee
    numbers = (schedule.seller_rate, *(tier.rate for tier in tiers), *(tier.flat for tier in tiers))
    if any(map(_negative_zero, numbers)):
        return (None,) * (len(tiers) + 2)
    return (None, *((tier.rate or None, tier.flat or None, tier.flat) for tier in tiers), None)


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
    #: ``True`` when the buyer fee is charged on each payment of an order on its own (the
    #: order, each gig extra, each tip); ``False`` when an order's payments are one purchase.
    per_payment: bool = attrs.field(default=False, converter=_flag)
    # The max_price of every tier but the last, between zero and the maximum amount, and the
    # tiers' fees between two None, for bisect; derived, not part of the value.
    _bounds: tuple[Decimal, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_tier_bounds, takes_self=True),
    )
    _whole_bounds: tuple[int, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_whole_bounds, takes_self=True),
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


def to_json() -> dict[str, Any]:
    """Return the packaged fee schedules as plain JSON values, in the shape of their data file.

    This is what ``fiverr-kb export --what fee-schedules`` prints: ``data/fee_schedules.json``
    as the library holds it, amounts as text (``"2.00"``).
    """
    from fiverr_support_kb._converter import CONVERTER  # noqa: PLC0415 - only when exporting

    data_version = parse_json(*read_packaged(FEES_FILE))["data_version"]
    return {
        "data_version": data_version,
        "schedules": [CONVERTER.unstructure(schedule) for schedule in fee_schedules().values()],
    }


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a fee-schedules file, shipped beside it."""
    result: dict[str, Any] = parse_json(*read_packaged("fee_schedules.schema.json"))
    return result


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
        raise FeeTypeError(
            f"a fee schedule name must be a str (text) such as 'article', not {describe_type(name)}"
        )
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
        f"not {describe_type(schedule)}"
    )


def fees_of(price: Decimal, schedule: FeeSchedule, rounding: str) -> tuple[Decimal, Decimal]:
    """Return ``(buyer_fee, seller_fee)`` of a checked whole-cent *price*.

    The one definition of the fees: :func:`compute_order_split` (which inlines the same steps)
    and the command line's ``split-csv`` (which calls :func:`fees_with_operators`, these steps
    where the operators are exact, with no ``OrderSplit`` object per row) agree with it, as
    the tests prove.
    """
    if operators_exact():
        return fees_with_operators(price, schedule, rounding)
    # The same steps as fees_with_operators, each operator in CTX: the active context could
    # change its result.
    tier = schedule.buyer_fee[bisect_left(schedule._bounds, price) - 1]  # noqa: SLF001 - own module
    buyer_fee = tier.flat
    if tier.rate:
        percent = ctx_multiply(tier.rate, price).quantize(CENT, rounding, CTX)
        buyer_fee = ctx_add(percent, buyer_fee) if buyer_fee else percent
    return buyer_fee, ctx_multiply(schedule.seller_rate, price).quantize(CENT, rounding, CTX)


def fees_with_operators(
    price: Decimal, schedule: FeeSchedule, rounding: str
) -> tuple[Decimal, Decimal]:
    """:func:`fees_of`, for a caller that knows :func:`operators_exact` holds right now.

    Only there: in a context where it does not hold, the fees may be silently wrong. Use
    :func:`fees_of` anywhere else. ``split-csv`` splits every row inside
    ``decimal.localcontext`` of its own exact context, and checks that it is still exact
    every 1,024 rows and at the end, rather than asking for each row.
    """
    tier = schedule.buyer_fee[bisect_left(schedule._bounds, price) - 1]  # noqa: SLF001 - own module
    # The percentage is rounded to cents once; the flat fee, already in cents, is added exactly.
    # Skipping a zero rate leaves the flat fee, and skipping a zero flat fee the percentage:
    # both already have two decimal places, so the result is what the full sum would give.
    # Each quantize() runs in CTX; the operators run in the active context, which cannot
    # change their result.
    buyer_fee = tier.flat
    if tier.rate:
        percent = (tier.rate * price).quantize(CENT, rounding, CTX)
        buyer_fee = percent + buyer_fee if buyer_fee else percent
    return buyer_fee, (schedule.seller_rate * price).quantize(CENT, rounding, CTX)


# --- dated schedules: Fiverr's fees over time -----------------------------------------------

#: The packaged dated fee history, under ``fiverr_support_kb/data/``.
HISTORY_FILE: Final = "fee_history.json"


class Evidence(str, enum.Enum):
    """What kind of source a fact rests on, strongest first."""

    #: A page of Fiverr's own (help center, staff post).
    FIVERR_PAGE = "fiverr-page"
    #: Fiverr's Terms of Service or Payment Terms, as quoted or copied by someone else.
    TERMS_QUOTE = "terms-quote"
    #: Anyone else: blogs, calculators, forum users.
    THIRD_PARTY = "third-party"


@attrs.frozen(kw_only=True)
class Source:
    """Where a fact comes from: the address, what kind of source it is, and what it says."""

    #: The page's address.
    url: str
    #: What kind of source it is.
    kind: Evidence
    #: What the page says, quoted.
    says: str


def _in_span(day: date, start: date | None, end: date | None) -> bool:
    return start is not None and start <= day and (end is None or day <= end)


def _span_text(start: date | None, end: date | None, *, approximate: bool) -> str:
    about = "about " if approximate else ""
    if start is None:
        return "undated"
    if end is None:
        return f"from {about}{start.isoformat()} on"
    return f"{about}{start.isoformat()} to {about}{end.isoformat()}"


@attrs.frozen(kw_only=True)
class FeePeriod:
    """One period of Fiverr's fees: the schedule in force, when, and on what evidence.

    ``valid_from`` and ``valid_until`` are the first and last days (inclusive) the sources
    show the schedule in force; ``valid_until`` is ``None`` for the period still in force.
    An undated period (``valid_from`` is ``None``) is never chosen by date.
    """

    #: The rules of the period.
    schedule: FeeSchedule
    #: The first day of the period, or ``None`` when no source dates it.
    valid_from: date | None
    #: The last day of the period, or ``None`` while it is still in force.
    valid_until: date | None
    #: Whether the dates are approximate (no source gives the exact day).
    approximate: bool
    #: What the dates rest on; ``None`` for an undated period.
    dated_by: Evidence | None
    #: The sources of the rules and the dates.
    sources: tuple[Source, ...]

    def contains(self, day: date) -> bool:
        """Tell whether *day* falls in the period (never, for an undated one)."""
        return _in_span(day, self.valid_from, self.valid_until)

    def describe(self) -> str:
        """The period in words, such as ``'service-fee-2018' (about 2018-05-01 to ...)``."""
        span = _span_text(self.valid_from, self.valid_until, approximate=self.approximate)
        return f"{self.schedule.name!r} ({span})"


@attrs.frozen(kw_only=True)
class ClearanceRule:
    """How long a seller's earnings stay pending after completion, in one period."""

    #: The first day (of completion) the rule is known to apply to.
    valid_from: date
    #: The last such day, or ``None`` while the rule is in force.
    valid_until: date | None
    #: Whether the dates are approximate.
    approximate: bool
    #: What the dates rest on.
    dated_by: Evidence
    #: Days from completion until the earnings clear.
    days: int
    #: The same for Top Rated Sellers.
    top_rated_days: int
    #: The sources of the rule.
    sources: tuple[Source, ...]
    #: Anything else worth knowing.
    notes: str = ""

    def contains(self, day: date) -> bool:
        """Tell whether *day* falls in the rule's period."""
        return _in_span(day, self.valid_from, self.valid_until)

    def describe(self) -> str:
        """The rule's period in words."""
        span = _span_text(self.valid_from, self.valid_until, approximate=self.approximate)
        return f"clearance of {self.days} days ({span})"


def check_day(value: object, what: str = "date") -> date:
    """Return *value* (a ``date``, a ``datetime`` or ``YYYY-MM-DD`` text) as a ``date``.

    Raises:
        FeeTypeError: another type.
        InvalidDateError: text that is not a calendar date as ``YYYY-MM-DD``.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = plain(value).strip()
        try:
            if _ISO_DATE.fullmatch(text):
                return date.fromisoformat(text)
        except ValueError:
            pass
        raise InvalidDateError(f"{what} {_show(value)} is not a calendar date as YYYY-MM-DD")
    raise FeeTypeError(
        f"{what} must be a datetime.date or YYYY-MM-DD text, not {type(value).__name__}"
    )


def _nearest(periods: Iterable[FeePeriod | ClearanceRule], day: date) -> str:
    before = [p for p in periods if p.valid_from is not None and p.valid_from <= day]
    after = [p for p in periods if p.valid_from is not None and p.valid_from > day]
    parts = []
    if before:
        parts.append("before it " + max(before, key=lambda p: p.valid_from or day).describe())
    if after:
        parts.append("after it " + min(after, key=lambda p: p.valid_from or day).describe())
    if not parts:
        return ""
    nearest = "periods are" if len(parts) > 1 else "period is"
    return f"; the nearest known {nearest} " + " and ".join(parts)


@attrs.frozen(kw_only=True)
class FeeHistory:
    """Fiverr's fees over time: one :class:`FeePeriod` per schedule, and the clearance rules.

    The packaged history is :func:`fee_history`; :func:`load_fee_history` reads an app's own
    file with the same validation.
    """

    #: The version of the data.
    data_version: str
    #: The day the sources were read.
    researched_on: date
    #: The periods, in the file's order.
    periods: tuple[FeePeriod, ...]
    #: The clearance rules by period.
    clearance: tuple[ClearanceRule, ...] = ()
    #: What holds for the whole file.
    notes: str = ""

    def period_on(self, day: date | str) -> FeePeriod:
        """Return the period whose dates contain *day*.

        Raises:
            NoScheduleOnDateError: no dated period contains *day*; the message names the
                nearest known periods before and after it.
        """
        when = check_day(day)
        for period in self.periods:
            if period.contains(when):
                return period
        raise NoScheduleOnDateError(
            f"no known fee schedule on {when.isoformat()}{_nearest(self.periods, when)}; "
            "choose a schedule by name instead"
        )

    def schedule_on(self, day: date | str) -> FeeSchedule:
        """Return the schedule in force on *day* (see :meth:`period_on`)."""
        return self.period_on(day).schedule

    def schedule(self, name: str) -> FeeSchedule:
        """Return the schedule of the period called *name*.

        Raises:
            UnknownFeeScheduleError: no period has that schedule name.
        """
        for period in self.periods:
            if period.schedule.name == name:
                return period.schedule
        raise UnknownFeeScheduleError(name, tuple(p.schedule.name for p in self.periods))

    def clearance_on(self, day: date | str) -> ClearanceRule:
        """Return the clearance rule for an order completed on *day*.

        Raises:
            NoScheduleOnDateError: no rule is known for *day*.
        """
        when = check_day(day)
        for rule in self.clearance:
            if rule.contains(when):
                return rule
        raise NoScheduleOnDateError(
            f"no known clearance rule on {when.isoformat()}{_nearest(self.clearance, when)}"
        )


def _dated_problems(items: Sequence[FeePeriod | ClearanceRule], field: str) -> Iterator[str]:
    dated: list[tuple[date, date | None, int]] = []
    for index, item in enumerate(items):
        path = f"$.{field}[{index}]"
        start, end = item.valid_from, item.valid_until
        if start is None:
            if end is not None:
                yield f"valid_until without a valid_from @ {path}.valid_until"
            if item.dated_by is not None:
                yield f"dated_by given for an undated period @ {path}.dated_by"
            continue
        if item.dated_by is None:
            yield f"a dated period needs dated_by @ {path}.dated_by"
        if end is not None and end < start:
            yield f"valid_until {end.isoformat()} is before valid_from @ {path}.valid_until"
        dated.append((start, end, index))
    dated.sort(key=lambda item: item[0])
    for (_, end, index), (later, _, other) in itertools.pairwise(dated):
        if end is None or end >= later:
            what = "has no end" if end is None else f"ends on {end.isoformat()}"
            yield (
                f"overlaps $.{field}[{other}] (from {later.isoformat()}): it {what} "
                f"@ $.{field}[{index}].valid_until"
            )


def _history_problems(history: FeeHistory) -> Iterator[str]:
    """Yield every semantic problem of a parsed history file as ``message @ $.path``."""
    if not history.data_version.strip():
        yield "empty text @ $.data_version"
    seen: dict[str, int] = {}
    for index, period in enumerate(history.periods):
        path = f"$.periods[{index}]"
        name = period.schedule.name
        if len(name) > 64 or not _SLUG.fullmatch(name):
            yield (
                "name must be a lowercase slug such as 'help-center', at most 64 characters "
                f"@ {path}.schedule.name"
            )
        elif name in seen:
            yield f"duplicate name {name!r} (first at index {seen[name]}) @ {path}.schedule.name"
        else:
            seen[name] = index
        for field in ("title", "source"):
            if not getattr(period.schedule, field).strip():
                yield f"empty text @ {path}.schedule.{field}"
        if not period.sources:
            yield f"at least one source is needed @ {path}.sources"
    yield from _dated_problems(history.periods, "periods")
    yield from _clearance_problems(history)


def _clearance_problems(history: FeeHistory) -> Iterator[str]:
    for index, rule in enumerate(history.clearance):
        path = f"$.clearance[{index}]"
        if not 0 <= rule.days <= 365:
            yield f"days must be from 0 to 365 @ {path}.days"
        if not 0 <= rule.top_rated_days <= rule.days:
            yield f"top_rated_days must be from 0 to days @ {path}.top_rated_days"
        if not rule.sources:
            yield f"at least one source is needed @ {path}.sources"
    yield from _dated_problems(history.clearance, "clearance")
    dated: list[tuple[str, Sequence[FeePeriod | ClearanceRule]]] = [
        ("periods", history.periods),
        ("clearance", history.clearance),
    ]
    for where, items in dated:
        yield from _source_problems(items, where)


def _source_problems(items: Sequence[FeePeriod | ClearanceRule], where: str) -> Iterator[str]:
    for at, item in enumerate(items):
        for number, source in enumerate(item.sources):
            path = f"$.{where}[{at}].sources[{number}]"
            if not source.url.startswith(("https://", "http://")) or " " in source.url:
                yield f"url must be an http(s) address @ {path}.url"
            if not source.says.strip():
                yield f"empty text @ {path}.says"


def parse_fee_history(raw: bytes, source: str) -> FeeHistory:
    """Parse and validate a dated fee history file (the shape of ``fee_history.json``).

    Raises:
        KnowledgeBaseError: the file is not valid; every problem is listed as
            ``message @ $.path``.
    """
    history = structure(parse_json(raw, source), FeeHistory, source)
    problems = list(_history_problems(history))
    if problems:
        raise KnowledgeBaseError(source, problems)
    return history


def load_fee_history(path: str | os.PathLike[str]) -> FeeHistory:
    """Read an app's own dated fee history file, validated as the packaged one is.

    Raises:
        KnowledgeBaseError: the file cannot be read or is not valid; the message names the
            file and the path of each problem.
    """
    from fiverr_support_kb._loading import read_data_file  # noqa: PLC0415 - on first use

    return parse_fee_history(*read_data_file(path))


@once
def fee_history() -> FeeHistory:
    """Return the packaged dated fee history, loaded and validated once on first use.

    >>> fee_history().schedule_on("2019-06-01").name
    'service-fee-2018'
    """
    from fiverr_support_kb._loading import read_packaged  # noqa: PLC0415 - on first use

    return parse_fee_history(*read_packaged(HISTORY_FILE))


def fee_schedule_on(day: date | str, *, history: FeeHistory | None = None) -> FeeSchedule:
    """Return the fee schedule in force on *day*, from the packaged history or *history*.

    >>> from datetime import date
    >>> fee_schedule_on(date(2020, 12, 24)).name
    'service-fee-2020'

    Raises:
        NoScheduleOnDateError: no known period contains *day*; the message names the
            nearest known periods (a ``LookupError`` and a ``ValueError``).
        FeeTypeError, InvalidDateError: *day* is not a date.
    """
    return (fee_history() if history is None else history).schedule_on(day)
