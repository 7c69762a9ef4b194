"""Fuzzing the ledger (``ledger``): arbitrary orders, statuses, schedules and roundings.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fiverr_support_kb import (
    FeeTypeError,
    InvalidAmountError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    Order,
    OrderStatus,
    OrderSummary,
    UnknownFeeScheduleError,
    summarize_orders,
)
from helpers import (
    HostileInt,
    HostileStr,
    anything,
    check,
    exact_amount,
    is_cents,
    money_like,
    rounding_like,
    schedule_like,
)


@example(price="5", status=HostileStr("completed"))
@example(price=HostileInt(5), status="completed")
@given(price=money_like, status=st.one_of(anything, st.sampled_from(list(OrderStatus))))
def test_order_is_built_or_a_documented_error(price: Any, status: Any) -> None:
    """Any price and status: an Order of a whole-cent price and an OrderStatus, or an error."""
    order, exc = check(
        lambda: Order(price=price, status=status),
        (InvalidAmountError, FeeTypeError, InvalidOrderStatusError),
    )
    if exc is None:
        assert isinstance(order, Order)
        assert is_cents(order.price)
        assert order.price == exact_amount(price)
        assert type(order.status) is OrderStatus
        hash(order)
        repr(order)


def _orders() -> st.SearchStrategy[Order]:
    return st.builds(
        Order,
        price=st.integers(min_value=1, max_value=100_000_000_000).map(
            lambda cents: Decimal(cents).scaleb(-2)
        ),
        status=st.sampled_from(list(OrderStatus)),
    )


@given(
    orders=st.one_of(anything, st.lists(st.one_of(_orders(), anything), max_size=5)),
    schedule=schedule_like,
    rounding=rounding_like,
)
def test_summarize_orders_only_documented_errors(orders: Any, schedule: Any, rounding: Any) -> None:
    """Any iterable of anything: a consistent summary, or a documented error."""
    summary, exc = check(
        lambda: summarize_orders(orders, schedule=schedule, rounding=rounding),
        (FeeTypeError, UnknownFeeScheduleError, InvalidRoundingError),
    )
    if exc is not None:
        return
    assert isinstance(summary, OrderSummary)
    assert set(summary.counts) == set(OrderStatus)
    for name in ("gross_completed", "buyer_fee_total", "seller_fee_total", "pending_gross"):
        assert is_cents(getattr(summary, name)), name
    assert summary.seller_net_total == summary.gross_completed - summary.seller_fee_total
    if isinstance(orders, list):
        assert summary.order_count == len(orders)
