"""The exact Decimal fee engine: order splits and reverse calculations.

Every amount is a :class:`~decimal.Decimal` in whole cents. Each fee is rounded to cents once,
with the caller's rounding mode (half-up by default); every total is then exact addition or
subtraction, so the parts of a split always add up to the cent. All arithmetic runs in the
engine's own decimal context, passed explicitly: the caller's context (precision, traps,
rounding) never changes a result.

The schedules live in :mod:`fiverr_support_kb.schedules` and the order ledger in
:mod:`fiverr_support_kb.ledger`; their names are importable from here too, as before.

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
from bisect import bisect_left
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from fiverr_support_kb._amounts import (
    CENT,
    CTX,
    MAX_AMOUNT,
    MAX_CENTS,
    MAX_UNITS,
    OPERATOR_EMIN,
    OPERATOR_PREC,
    ROUNDINGS,
    WHOLE_CENTS,
    ZERO_CENTS,
    check_amount,
    create_decimal,
    ctx_add,
    ctx_subtract,
    from_cents,
    plain,
    rounding_mode,
    to_cents,
)
from fiverr_support_kb._memo import once
from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidArgumentError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    NoPriceFitsError,
    UnknownFeeScheduleError,
)
from fiverr_support_kb.errors import show_value as _show
from fiverr_support_kb.schedules import (
    DEFAULT_SCHEDULE,
    FeeSchedule,
    FeeTier,
    fee_schedule,
    fee_schedule_on,
    fee_schedules,
    fees_of,
    is_collection,
    resolve_schedule,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

    from fiverr_support_kb.ledger import Order, OrderStatus, OrderSummary, summarize_orders

#: The ledger's names, importable from here as before, imported on first access (PEP 562):
#: a split needs no ledger, and its classes cost a cold start a few milliseconds.
_LEDGER_NAMES: Final = frozenset({"Order", "OrderStatus", "OrderSummary", "summarize_orders"})


def __getattr__(name: str) -> object:
    """Import a name of :mod:`fiverr_support_kb.ledger` on first access."""
    if name not in _LEDGER_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from fiverr_support_kb import ledger  # noqa: PLC0415 - on first access only

    value = getattr(ledger, name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_SCHEDULE",
    "MAX_AMOUNT",
    "FeeSchedule",
    "FeeTier",
    "FeeTypeError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "NoPriceFitsError",
    "Order",
    "OrderSplit",
    "OrderStatus",
    "OrderSummary",
    "Payment",
    "PaymentKind",
    "PaymentsSplit",
    "UnknownFeeScheduleError",
    "compute_order_split",
    "fee_schedule",
    "fee_schedules",
    "max_price_for_budget",
    "price_for_seller_net",
    "split_payments",
    "summarize_orders",
]


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


_packaged: Final = fee_schedules


class _OpenSplit(OrderSplit):
    """An :class:`OrderSplit` being filled in: how the engine builds one, never returned as is.

    OrderSplit has no validator, converter, default or __attrs_post_init__ (a test checks), so
    filling its slots directly builds exactly what OrderSplit(...) builds, as attrs' own
    __setstate__ does for pickle and copy, without the keyword-argument call that costs half a
    split. This subclass adds no slot, so its instances have OrderSplit's very layout, and
    plain object methods: ``_OpenSplit()`` takes no argument, and ``split.price = ...`` writes
    the slot directly (CPython specializes the store once tp_setattro is the generic one, which
    takes both __setattr__ and __delattr__ plain). Assigning ``__class__ = OrderSplit`` (which
    the identical layout allows) then makes it a frozen OrderSplit, of that exact type. All
    this costs a third of the six slot descriptor calls it replaces, a sixth of a split.
    """

    __slots__ = ()
    if TYPE_CHECKING:  # what the type checker sees: no argument, six writable fields
        price: Decimal
        buyer_fee: Decimal
        buyer_total: Decimal
        seller_fee: Decimal
        seller_net: Decimal
        platform_revenue: Decimal

        def __init__(self) -> None: ...
    else:
        __init__ = object.__init__
        __setattr__ = object.__setattr__
        __delattr__ = object.__delattr__


_getcontext: Final = decimal.getcontext
_bisect_left: Final = bisect_left
_HALF_UP: Final = decimal.ROUND_HALF_UP
_packaged_cell: Final = fee_schedules.cell
# Context.same_quantum takes its two operands positionally: faster than the Decimal method,
# whose optional context argument is parsed by keyword. Neither uses a context.
_same_quantum: Final = CTX.same_quantum


def _quantizer(rounding: str) -> Callable[[Decimal, Decimal], Decimal]:
    """``Context.quantize`` of a context like CTX rounding with *rounding*.

    ``quantize(x, CENT)`` is ``x.quantize(CENT, rounding, CTX)``, by one call with two
    arguments (about a tenth faster).
    """
    context = CTX.copy()
    context.rounding = rounding
    return context.quantize


#: For each rounding mode, quantize in CTX with that rounding.
_QUANTIZE: Final = {mode: _quantizer(mode) for mode in ROUNDINGS.values()}
_quantize_half_up: Final = _QUANTIZE[_HALF_UP]


@once
def _default_schedule() -> FeeSchedule:
    """The packaged default schedule, for the hot path's identity check."""
    return fee_schedules()[DEFAULT_SCHEDULE]


_default_cell: Final = _default_schedule.cell


def _split(price: Decimal, schedule: FeeSchedule, rounding: str) -> OrderSplit:
    """Split a checked whole-cent *price* into an :class:`OrderSplit`, in :data:`CTX`.

    What :func:`compute_order_split` computes (it inlines the same steps with plain operators
    when the active context cannot change their results; a test proves they agree).
    """
    buyer_fee, seller_fee = fees_of(price, schedule, rounding)
    split = _OpenSplit()
    split.price = price
    split.buyer_fee = buyer_fee
    split.buyer_total = ctx_add(price, buyer_fee)
    split.seller_fee = seller_fee
    split.seller_net = ctx_subtract(price, seller_fee)
    split.platform_revenue = ctx_add(buyer_fee, seller_fee)
    split.__class__ = OrderSplit  # type: ignore[assignment]  # the same layout
    return split


def compute_order_split(  # noqa: C901, PLR0912, PLR0915 - the hot path, inlined on purpose
    price: Decimal | int | str,
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
    on: date | str | None = None,
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
        on: A date (``datetime.date`` or ``YYYY-MM-DD``): split with the schedule in force
            that day (:func:`~fiverr_support_kb.schedules.fee_schedule_on`) instead of
            *schedule*, which must then be left out.

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
        NoScheduleOnDateError: no known schedule was in force *on* that day.
    """
    if on is not None:
        schedule = _schedule_on(on, schedule)
    # Everything inline for the common cases, the hot path of the package: check_amount's gate
    # for a Decimal, a str or an int; a packaged schedule's name; a rounding constant; and
    # _split's steps with plain operators, where the active context cannot change a result
    # (operators_exact(), inlined; Emax >= prec also rules out clamping). check_amount,
    # resolve_schedule, rounding_mode and _split handle every other case and every error, with
    # the same results.
    ctx = _getcontext()
    prec = ctx.prec
    if not (prec >= OPERATOR_PREC and ctx.Emax >= prec and ctx.Emin <= OPERATOR_EMIN):
        return _split(
            check_amount(price, "price"), resolve_schedule(schedule), rounding_mode(rounding)
        )
    amount: Decimal | None = None
    whole = 0  # an int price in range, whose tier int comparisons find
    try:
        if type(price) is Decimal:
            # Exactly two decimal places: finite, and already what quantize() would return. Any
            # other exponent is quantized (a quiet NaN would pass quantize(); an infinity or
            # sNaN raises there).
            if _same_quantum(price, CENT):
                amount = price
            elif price.is_finite():
                amount = price.quantize(CENT, None, WHOLE_CENTS)
        elif type(price) is str:
            # ASCII text that parses (create_decimal refuses "_" and spaces) with exactly two
            # decimal places, as "19.99" or "1999E-2": the value check_amount reads. Any other
            # text is check_amount's to read or refuse.
            if price.isascii():
                amount = create_decimal(price)
                if not _same_quantum(amount, CENT):
                    amount = None
        elif type(price) is int and 0 < price <= MAX_UNITS:
            amount = ZERO_CENTS + price  # exact, with two decimal places
            whole = price
    except decimal.DecimalException:
        amount = None
    if amount is None:
        amount = check_amount(price, "price")  # raises, or reads another way to write it
    if schedule is DEFAULT_SCHEDULE:  # the default: no lookup by name
        chosen = _default_cell[0] if _default_cell else _default_schedule()
    else:
        named = None
        if type(schedule) is str:
            try:  # noqa: SIM105 - contextlib.suppress costs a fifth of a split
                named = (_packaged_cell[0] if _packaged_cell else _packaged())[schedule]
            except KeyError:
                pass
        chosen = resolve_schedule(schedule) if named is None else named
    if rounding is _HALF_UP:
        quantize = _quantize_half_up
    else:
        found = _QUANTIZE.get(rounding) if type(rounding) is str else None
        quantize = found or _QUANTIZE[rounding_mode(rounding)]  # raises for a bad one
    # One bisect finds the tier and checks that 0 < amount <= MAX_AMOUNT (see FeeSchedule); for
    # an int in range, int comparisons find the same tier.
    if whole:
        index = _bisect_left(chosen._whole_bounds, whole)  # noqa: SLF001 - the schedule's own tables
    else:
        index = _bisect_left(chosen._bounds, amount)  # noqa: SLF001 - the schedule's own tables
    fees = chosen._fee_table[index]  # noqa: SLF001 - the schedule's own tables
    if fees is None:  # zero, negative or too large (check_amount raises), or a -0 in a fee
        return _split(check_amount(price, "price"), chosen, rounding_mode(rounding))
    rate, flat, buyer_fee = fees
    if rate is not None:
        buyer_fee = quantize(rate * amount, CENT)
        if flat is not None:
            buyer_fee += flat
    seller_fee = quantize(chosen.seller_rate * amount, CENT)
    seller_net = amount - seller_fee
    if not seller_net:
        # An exact zero difference takes its sign from the active context's rounding
        # (ROUND_FLOOR makes 0.01 - 0.01 a -0.00): CTX decides it, as in _split. The other
        # sums are of non-negative numbers, none a -0 (see FeeSchedule._fee_table), so no
        # rounding mode gives them a sign of their own.
        seller_net = ctx_subtract(amount, seller_fee)
    split = _OpenSplit()  # see _OpenSplit
    split.price = amount
    split.buyer_fee = buyer_fee
    split.buyer_total = amount + buyer_fee
    split.seller_fee = seller_fee
    split.seller_net = seller_net
    split.platform_revenue = buyer_fee + seller_fee
    split.__class__ = OrderSplit  # type: ignore[assignment]  # the same layout
    return split


def _schedule_on(on: date | str, schedule: FeeSchedule | str) -> FeeSchedule:
    """The schedule in force *on* a day; *schedule* must be the default (left out)."""
    if not (type(schedule) is str and schedule == DEFAULT_SCHEDULE):
        raise InvalidFeeScheduleError(
            "give schedule= or on=, not both: on= chooses the schedule in force that day"
        )
    return fee_schedule_on(on)


# --- payments of one order -----------------------------------------------------------------


class PaymentKind(str, enum.Enum):
    """What a payment of an order is for."""

    #: The order itself (the gig's price).
    ORDER = "order"
    #: A gig extra bought during the order.
    EXTRA = "extra"
    #: A tip to the seller.
    TIP = "tip"


def _payment_kind(value: PaymentKind | str) -> PaymentKind:
    if isinstance(value, PaymentKind):
        return value
    if isinstance(value, str):
        found = _KINDS.get(plain(value).strip().lower())
        if found is not None:
            return found
        accepted = ", ".join(repr(kind.value) for kind in PaymentKind)
        raise InvalidArgumentError(f"unknown payment kind {_show(value)}; expected {accepted}")
    raise FeeTypeError(f"kind must be a PaymentKind or its text, not {type(value).__name__}")


_KINDS: Final = {kind.value: kind for kind in PaymentKind}


def _payment_amount(value: Decimal | int | str) -> Decimal:
    return check_amount(value, "amount")


@attrs.frozen(kw_only=True)
class Payment:
    """One payment of an order: the order price, a gig extra or a tip.

    >>> Payment(kind="tip", amount="10")
    Payment(kind=<PaymentKind.TIP: 'tip'>, amount=Decimal('10.00'))
    """

    #: What the payment is for.
    kind: PaymentKind = attrs.field(converter=_payment_kind)
    #: How much, as for a price.
    amount: Decimal = attrs.field(converter=_payment_amount)


@attrs.frozen(kw_only=True)
class PaymentsSplit:
    """The split of a whole order made of several payments, with its parts.

    ``parts`` holds one :class:`OrderSplit` per payment when the schedule charges the buyer
    fee on each payment (``per_payment``), else one for all the payments as one purchase.
    ``total`` is the sum of the parts, field by field, exactly; its identities hold as for
    any split.
    """

    #: The payments, in the order given.
    payments: tuple[Payment, ...]
    #: The name of the schedule used.
    schedule: str
    #: Whether each payment was charged on its own.
    per_payment: bool
    #: The split of each charge.
    parts: tuple[OrderSplit, ...]
    #: The sum of the parts.
    total: OrderSplit


def _sum_splits(parts: tuple[OrderSplit, ...]) -> OrderSplit:
    fields = [field.name for field in attrs.fields(OrderSplit)]
    sums = dict.fromkeys(fields, ZERO_CENTS)
    for part in parts:
        for name in fields:
            sums[name] = ctx_add(sums[name], getattr(part, name))
    return OrderSplit(**sums)


def split_payments(
    payments: Iterable[Payment],
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
    on: date | str | None = None,
) -> PaymentsSplit:
    """Split an order paid in several payments (the order, gig extras, tips), to the cent.

    When the schedule says the buyer fee is charged on every payment (``per_payment``, as
    Fiverr's help center says of today's fee), each payment is split on its own, the small
    order fee included; otherwise the payments are split as one purchase of their sum. The
    seller's fee applies to every payment, tips included. The parts add up exactly.

    >>> order = [Payment(kind="order", amount="50"), Payment(kind="tip", amount="10")]
    >>> split = split_payments(order, schedule="help-center")
    >>> [part.buyer_fee for part in split.parts]
    [Decimal('5.75'), Decimal('3.55')]
    >>> split.total.buyer_total, split.total.seller_net
    (Decimal('69.30'), Decimal('48.00'))

    Raises:
        FeeTypeError: *payments* is not an iterable of :class:`Payment`, or is empty.
        NoScheduleOnDateError, UnknownFeeScheduleError, InvalidRoundingError: as for
            :func:`compute_order_split`.
    """
    chosen = _schedule_on(on, schedule) if on is not None else resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    if not is_collection(payments):
        raise FeeTypeError(
            f"payments must be an iterable of Payment, not {type(payments).__name__}"
        )
    given = tuple(payments)
    for index, payment in enumerate(given):
        if not isinstance(payment, Payment):
            raise FeeTypeError(f"payments[{index}] must be a Payment, got {_show(payment)}")
    if not given:
        raise InvalidArgumentError("payments must hold at least one Payment")
    if chosen.per_payment:
        parts = tuple(_split(payment.amount, chosen, mode) for payment in given)
    else:
        whole = ZERO_CENTS
        for payment in given:
            whole = ctx_add(whole, payment.amount)
        parts = (_split(check_amount(whole, "the sum of the payments"), chosen, mode),)
    return PaymentsSplit(
        payments=given,
        schedule=chosen.name,
        per_payment=chosen.per_payment,
        parts=parts,
        total=_sum_splits(parts),
    )


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
    on: date | str | None = None,
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
        FeeTypeError, UnknownFeeScheduleError, InvalidRoundingError, NoScheduleOnDateError:
            as for :func:`compute_order_split` (``on=`` as there).
    """
    wanted = check_amount(target, "target")
    chosen = _schedule_on(on, schedule) if on is not None else resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    rate = chosen.seller_rate

    def net_reaches(cents: int, mode: str = mode) -> bool:
        return _split(from_cents(cents), chosen, mode).seller_net >= wanted

    # With s = p/q the seller rate and t the target: net(n) = n - R(s*n) lies strictly
    # between n(1-s) - 1 and n(1-s) + 1. So every n <= (t-1)/(1-s) falls short and every
    # n >= (t+1)/(1-s) reaches t: the answer is in [low, high] (or above the maximum).
    t = to_cents(wanted)
    p, q = rate.as_integer_ratio()
    keep = q - p  # (1 - s) = keep / q, and keep > 0 because s < 1
    low = max(1, (t - 1) * q // keep + 1)
    high = min(MAX_CENTS, -(-(t + 1) * q // keep))
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
        found = next((n for n in (found, found + 1) if n <= MAX_CENTS and net_reaches(n)), None)
    if found is None:
        best = compute_order_split(MAX_AMOUNT, schedule=chosen, rounding=mode).seller_net
        raise NoPriceFitsError(
            f"no whole-cent price up to the maximum {MAX_AMOUNT} leaves the seller {wanted} "
            f"under the {_show(chosen.name)} schedule; the most a seller keeps is {best}"
        )
    return from_cents(found)


def max_price_for_budget(
    budget: Decimal | int | str,
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
    on: date | str | None = None,
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
        FeeTypeError, UnknownFeeScheduleError, InvalidRoundingError, NoScheduleOnDateError:
            as for :func:`compute_order_split` (``on=`` as there).
    """
    limit = check_amount(budget, "budget")
    chosen = _schedule_on(on, schedule) if on is not None else resolve_schedule(schedule)
    mode = rounding_mode(rounding)

    def total(cents: int) -> Decimal:
        return _split(from_cents(cents), chosen, mode).buyer_total

    def fits(cents: int) -> bool:
        return total(cents) <= limit

    b = to_cents(limit)
    found: int | None = None
    # 0.01 is in the first tier; each tier's cheapest price is its first (totals grow in it).
    cheapest = (total(1), 1)
    first = 1
    for tier in chosen.buyer_fee:
        last = MAX_CENTS if tier.max_price is None else to_cents(tier.max_price)
        if first > last:  # an open last tier after a max_price of exactly MAX_AMOUNT
            break
        # Within a tier, total(n) = n + R(r*n) + c with one rate r = p/q and flat fee c; as R
        # never decreases, total(n) grows by at least a cent per cent. It lies strictly
        # between n(1+r) + c - 1 and n(1+r) + c + 1: every n <= (b-c-1)/(1+r) fits and
        # every n >= (b-c+1)/(1+r) does not, so the last n that fits (if any) is in
        # [floor((b-c-1)/(1+r)), ceil((b-c+1)/(1+r)) - 1], clamped to the tier.
        p, q = tier.rate.as_integer_ratio()
        c = to_cents(tier.flat)
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
            f"schedule; the cheapest order, {from_cents(cheapest[1])}, costs the buyer "
            f"{cheapest[0]}"
        )
    return from_cents(found)
