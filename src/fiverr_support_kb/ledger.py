"""The order ledger: orders, their statuses, and the totals of many of them.

>>> from fiverr_support_kb.ledger import Order, summarize_orders
>>> summary = summarize_orders([Order(price="5", status="completed")])
>>> summary.seller_net_total
Decimal('4.00')
"""

from __future__ import annotations

import decimal
import enum
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from fiverr_support_kb._amounts import CTX, ZERO_CENTS, check_amount, plain, rounding_mode
from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidDateError,
    InvalidOrderStatusError,
    describe_type,
)
from fiverr_support_kb.errors import show_value as _show
from fiverr_support_kb.schedules import (
    DEFAULT_SCHEDULE,
    FeeHistory,
    FeeSchedule,
    check_day,
    fee_history,
    fees_of,
    is_collection,
    resolve_schedule,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "BY_DATE",
    "Ledger",
    "Order",
    "OrderStatus",
    "OrderSummary",
    "clears_on",
    "parse_status",
    "summarize_orders",
]


class OrderStatus(str, enum.Enum):
    """Where an order is in its life; Fiverr takes the seller's fee only once it is completed."""

    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def _order_price(value: Decimal | int | str) -> Decimal:
    return check_amount(value, "price")


def _ordered_on(value: date | str | None) -> date | None:
    return None if value is None else check_day(value, "ordered_on")


def _completed_on(value: date | str | None) -> date | None:
    return None if value is None else check_day(value, "completed_on")


#: The ``schedule`` that splits each order by the schedule in force on its ``ordered_on``.
BY_DATE: Final = "by-date"


_STATUS_MEMO_SIZE: Final = 256
_STATUSES: Final = MappingProxyType(
    {
        **{status.value: status for status in OrderStatus},
        "canceled": OrderStatus.CANCELLED,  # the US spelling, as some exports write it
    }
)
_STATUS_CELLS: dict[str, OrderStatus] = {}  # spellings seen, bounded; values are immutable


def parse_status(value: OrderStatus | str) -> OrderStatus:
    """Return the :class:`OrderStatus` *value* is or names: the one status parser.

    A ``str`` is read ignoring ASCII case and surrounding whitespace, with ``-`` or a space
    standing for ``_`` (``"In progress"``, ``"in-progress"``, ``"IN_PROGRESS"``), and
    ``"canceled"`` for ``"cancelled"``, as exports write it. :class:`Order` and the CSV
    exports both use it.

    >>> parse_status("In-Progress")
    <OrderStatus.IN_PROGRESS: 'in_progress'>

    Raises:
        InvalidOrderStatusError: the text names no status; the message lists the accepted ones.
        FeeTypeError: *value* is neither an :class:`OrderStatus` nor a ``str``.
    """
    if isinstance(value, OrderStatus):
        return value
    if not isinstance(value, str):
        raise FeeTypeError(
            "status must be an order status such as 'completed' (an OrderStatus or its text), "
            f"not {describe_type(value)}"
        )
    text = plain(value)
    status = _STATUS_CELLS.get(text)
    if status is None:
        key = text.strip().replace("-", "_").replace(" ", "_")
        status = _STATUSES.get(key.lower()) if key.isascii() else None
        if status is None:
            accepted = ", ".join(repr(status.value) for status in OrderStatus)
            raise InvalidOrderStatusError(
                f"unknown order status {_show(text)}; expected one of {accepted} "
                "(case ignored, '-' or a space for '_')"
            )
        if len(_STATUS_CELLS) < _STATUS_MEMO_SIZE:
            _STATUS_CELLS[text] = status
    return status


@attrs.frozen(kw_only=True)
class Order:
    r"""One order in a seller's ledger: its price and where it is in its life.

    The price is checked and converted exactly as :func:`compute_order_split` does; the
    status is an :class:`OrderStatus` or its value (case ignored).

    ``ordered_on`` (the day the order was placed) chooses its schedule under
    ``schedule="by-date"``; ``completed_on`` (the day it was marked complete) tells when its
    earnings clear. Both are optional ``date``\ s (or ``YYYY-MM-DD`` text).

    >>> Order(price="40.50", status="completed")
    Order(price=Decimal('40.50'), status=<OrderStatus.COMPLETED: 'completed'>,
          ordered_on=None, completed_on=None)

    Raises:
        InvalidAmountError, FeeTypeError: the price is not a valid amount.
        InvalidOrderStatusError: the status is not one of the :class:`OrderStatus` values.
    """

    price: Decimal = attrs.field(converter=_order_price)
    status: OrderStatus = attrs.field(converter=parse_status)
    #: The day the order was placed, if known.
    ordered_on: date | None = attrs.field(default=None, converter=_ordered_on)
    #: The day the order was marked complete, if known.
    completed_on: date | None = attrs.field(default=None, converter=_completed_on)


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
    #: The day clearance was judged on, or ``None`` when it was not asked for.
    as_of: date | None = None
    #: What the seller keeps from completed orders whose earnings cleared by ``as_of``.
    cleared_net: Decimal = ZERO_CENTS
    #: What the seller keeps from completed orders still pending clearance on ``as_of``
    #: (``cleared_net + pending_clearance_net == seller_net_total`` when ``as_of`` is set).
    pending_clearance_net: Decimal = ZERO_CENTS

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


class Ledger:
    """Running totals of orders, exact to the cent: the one ledger of the package.

    :func:`summarize_orders` and the CSV exports (:mod:`fiverr_support_kb.exports`) both add
    their orders here. Completed orders book their price and both fees; in-progress and
    delivered ones count towards ``pending_gross``; cancelled ones are only counted.

    >>> ledger = Ledger()
    >>> ledger.add(OrderStatus.COMPLETED, Decimal("5.00"), Decimal("2.00"), Decimal("1.00"))
    >>> ledger.summary().seller_net_total
    Decimal('4.00')
    """

    __slots__ = (
        "_as_of",
        "_buyer_fees",
        "_cleared",
        "_counts",
        "_gross",
        "_pending",
        "_seller_fees",
    )

    def __init__(self, *, as_of: date | None = None) -> None:
        """Start with no orders; with *as_of*, tell cleared earnings from pending ones."""
        self._counts = dict.fromkeys(OrderStatus, 0)
        self._gross = self._buyer_fees = self._seller_fees = self._pending = ZERO_CENTS
        self._cleared = ZERO_CENTS
        self._as_of = as_of

    def add(
        self,
        status: OrderStatus,
        price: Decimal,
        buyer_fee: Decimal,
        seller_fee: Decimal,
        *,
        clears_on: date | None = None,
    ) -> None:
        """Count one order of *status*; book its whole-cent amounts as its status says.

        A completed order's earnings count as cleared when *clears_on* is on or before the
        ledger's ``as_of``; without *clears_on* they count as pending clearance.
        """
        self._counts[status] += 1
        if status is _COMPLETED:
            self._gross = _add(self._gross, price)
            self._buyer_fees = _add(self._buyer_fees, buyer_fee)
            self._seller_fees = _add(self._seller_fees, seller_fee)
            as_of = self._as_of
            if as_of is not None and clears_on is not None and clears_on <= as_of:
                self._cleared = _add(self._cleared, CTX.subtract(price, seller_fee))
        elif status is not _CANCELLED:
            self._pending = _add(self._pending, price)

    def summary(self) -> OrderSummary:
        """The totals so far, as an :class:`OrderSummary`."""
        net = CTX.subtract(self._gross, self._seller_fees)
        as_of = self._as_of
        return OrderSummary(
            counts=self._counts,
            gross_completed=self._gross,
            buyer_fee_total=self._buyer_fees,
            seller_fee_total=self._seller_fees,
            seller_net_total=net,
            pending_gross=self._pending,
            as_of=as_of,
            cleared_net=self._cleared,
            pending_clearance_net=ZERO_CENTS if as_of is None else CTX.subtract(net, self._cleared),
        )


def clears_on(
    completed_on: date | str, *, top_rated: bool = False, history: FeeHistory | None = None
) -> date:
    """Return the day the earnings of an order completed on *completed_on* clear.

    The clearance rule in force on that day (packaged: 14 days after completion, 7 for Top
    Rated Sellers) decides; the earnings can be withdrawn from the returned day on.

    >>> clears_on(date(2025, 3, 1)), clears_on(date(2025, 3, 1), top_rated=True)
    (datetime.date(2025, 3, 15), datetime.date(2025, 3, 8))

    Raises:
        NoScheduleOnDateError: no clearance rule is known for that day.
        InvalidDateError: *completed_on* is text that is not a ``YYYY-MM-DD`` calendar date,
            or its clearance day would be past 9999-12-31, the last date Python represents.
        FeeTypeError: *completed_on* is neither a date nor text, or *top_rated* is not a bool.
    """
    day = check_day(completed_on, "completed_on")
    if not isinstance(top_rated, bool):
        raise FeeTypeError(f"top_rated must be True or False, not {describe_type(top_rated)}")
    rule = (fee_history() if history is None else history).clearance_on(day)
    days = rule.top_rated_days if top_rated else rule.days
    try:
        return day + timedelta(days=days)
    except OverflowError:  # 9999-12-31, a common placeholder for "no date"
        raise InvalidDateError(
            f"an order completed on {day.isoformat()} clears {days} days later, past "
            f"{date.max.isoformat()}, the last date Python can represent"
        ) from None


_COMPLETED: Final = OrderStatus.COMPLETED
_CANCELLED: Final = OrderStatus.CANCELLED
_add: Final = CTX.add


def summarize_orders(  # noqa: PLR0913 - the orders and each option of the ledger
    orders: Iterable[Order],
    *,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
    as_of: date | str | None = None,
    top_rated: bool = False,
    history: FeeHistory | None = None,
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
        schedule: As for :func:`compute_order_split`, or ``"by-date"`` (:data:`BY_DATE`):
            each order split by the schedule in force on its ``ordered_on``.
        rounding: As for :func:`compute_order_split`.
        as_of: A day: tell the completed orders' earnings cleared by then
            (``cleared_net``) from those still pending clearance (``pending_clearance_net``);
            every completed order then needs its ``completed_on``.
        top_rated: Clear after the Top Rated Sellers' period (7 days) instead of 14.
        history: The dated history to use for ``"by-date"`` and clearance instead of the
            packaged one.

    >>> done = Order(price="5", status="completed", completed_on="2026-11-25")
    >>> summarize_orders([done], as_of="2026-12-05").pending_clearance_net
    Decimal('4.00')

    Raises:
        FeeTypeError: *orders* is not iterable, or an item is not an :class:`Order`.
        UnknownFeeScheduleError, InvalidRoundingError: as for :func:`compute_order_split`.
        NoScheduleOnDateError: by date, an order's day has no known schedule or rule.
        InvalidOrderStatusError: by date or with *as_of*, an order lacks the day needed.
    """
    by_date = isinstance(schedule, str) and plain(schedule) == BY_DATE
    needs_history = by_date or as_of is not None
    table = fee_history() if history is None and needs_history else history
    chosen = None if by_date else resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    day = None if as_of is None else check_day(as_of, "as_of")
    if not is_collection(orders):
        raise FeeTypeError(
            f"orders must be an iterable of Order, such as a list, not {describe_type(orders)}"
        )
    ledger = Ledger(as_of=day)
    for index, order in enumerate(orders):
        if not isinstance(order, Order):
            raise FeeTypeError(
                f"orders must hold Order objects, got {_show(order)} at index {index}"
            )
        if order.status is not _COMPLETED:
            ledger.add(order.status, order.price, ZERO_CENTS, ZERO_CENTS)
            continue
        rules = chosen
        if rules is None:
            if order.ordered_on is None or table is None:
                raise _missing_day(index, "ordered_on", "a split by date")
            rules = table.schedule_on(order.ordered_on)
        clear = None
        if day is not None:
            if order.completed_on is None:
                raise _missing_day(index, "completed_on", "clearance")
            clear = clears_on(order.completed_on, top_rated=top_rated, history=table)
        ledger.add(_COMPLETED, order.price, *fees_of(order.price, rules, mode), clears_on=clear)
    return ledger.summary()


def _missing_day(index: int, field: str, what: str) -> InvalidOrderStatusError:
    return InvalidOrderStatusError(
        f"the completed order at index {index} has no {field}, which {what} needs"
    )
