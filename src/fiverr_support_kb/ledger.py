"""The order ledger: orders, their statuses, and the totals of many of them.

>>> from fiverr_support_kb.ledger import Order, summarize_orders
>>> summary = summarize_orders([Order(price="5", status="completed")])
>>> summary.seller_net_total
Decimal('4.00')
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from fiverr_support_kb._amounts import CTX, ZERO_CENTS, check_amount, plain, rounding_mode
from fiverr_support_kb.errors import FeeTypeError, InvalidOrderStatusError, describe_type
from fiverr_support_kb.errors import show_value as _show
from fiverr_support_kb.schedules import (
    DEFAULT_SCHEDULE,
    FeeSchedule,
    fees_of,
    is_collection,
    resolve_schedule,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Ledger",
    "Order",
    "OrderStatus",
    "OrderSummary",
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


_STATUS_MEMO_SIZE: Final = 256
_STATUSES: Final = MappingProxyType({status.value: status for status in OrderStatus})
_STATUS_CELLS: dict[str, OrderStatus] = {}  # spellings seen, bounded; values are immutable


def parse_status(value: OrderStatus | str) -> OrderStatus:
    """Return the :class:`OrderStatus` *value* is or names: the one status parser.

    A ``str`` is read ignoring ASCII case and surrounding whitespace, with ``-`` or a space
    standing for ``_`` (``"In progress"``, ``"in-progress"``, ``"IN_PROGRESS"``), as exports
    write it. :class:`Order` and the CSV exports both use it.

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
    status: OrderStatus = attrs.field(converter=parse_status)


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

    __slots__ = ("_buyer_fees", "_counts", "_gross", "_pending", "_seller_fees")

    def __init__(self) -> None:
        """Start with no orders."""
        self._counts = dict.fromkeys(OrderStatus, 0)
        self._gross = self._buyer_fees = self._seller_fees = self._pending = ZERO_CENTS

    def add(
        self, status: OrderStatus, price: Decimal, buyer_fee: Decimal, seller_fee: Decimal
    ) -> None:
        """Count one order of *status*; book its whole-cent amounts as its status says."""
        self._counts[status] += 1
        if status is _COMPLETED:
            self._gross = _add(self._gross, price)
            self._buyer_fees = _add(self._buyer_fees, buyer_fee)
            self._seller_fees = _add(self._seller_fees, seller_fee)
        elif status is not _CANCELLED:
            self._pending = _add(self._pending, price)

    def summary(self) -> OrderSummary:
        """The totals so far, as an :class:`OrderSummary`."""
        return OrderSummary(
            counts=self._counts,
            gross_completed=self._gross,
            buyer_fee_total=self._buyer_fees,
            seller_fee_total=self._seller_fees,
            seller_net_total=CTX.subtract(self._gross, self._seller_fees),
            pending_gross=self._pending,
        )


_COMPLETED: Final = OrderStatus.COMPLETED
_CANCELLED: Final = OrderStatus.CANCELLED
_add: Final = CTX.add


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
    chosen = resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    if not is_collection(orders):
        raise FeeTypeError(
            f"orders must be an iterable of Order, such as a list, not {describe_type(orders)}"
        )
    ledger = Ledger()
    for index, order in enumerate(orders):
        if not isinstance(order, Order):
            raise FeeTypeError(
                f"orders must hold Order objects, got {_show(order)} at index {index}"
            )
        if order.status is _COMPLETED:
            ledger.add(_COMPLETED, order.price, *fees_of(order.price, chosen, mode))
        else:
            ledger.add(order.status, order.price, ZERO_CENTS, ZERO_CENTS)
    return ledger.summary()
