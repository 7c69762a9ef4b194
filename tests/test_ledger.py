"""The ledger: clearance by date, splits by date, and cancelled orders without fees."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import compute_order_split
from fiverr_support_kb.errors import (
    InvalidDateError,
    InvalidOrderStatusError,
    NoScheduleOnDateError,
)
from fiverr_support_kb.ledger import (
    BY_DATE,
    Ledger,
    Order,
    OrderStatus,
    clears_on,
    summarize_orders,
)
from fiverr_support_kb.schedules import fee_history


def test_earnings_clear_fourteen_days_after_completion_seven_for_top_rated() -> None:
    """The packaged rule: 14 days after completion, 7 for Top Rated Sellers."""
    assert clears_on(date(2025, 2, 20)) == date(2025, 3, 6)
    assert clears_on(date(2025, 2, 20), top_rated=True) == date(2025, 2, 27)
    rule = fee_history().clearance_on(date(2025, 2, 20))
    assert (rule.days, rule.top_rated_days) == (14, 7)
    assert any("14 days after the order is marked as complete" in s.says for s in rule.sources)


def test_no_clearance_rule_before_the_sources() -> None:
    """A completion day before any source is refused, naming the known rule."""
    with pytest.raises(NoScheduleOnDateError, match="clearance of 14 days"):
        clears_on(date(2012, 1, 1))


def test_a_clearance_past_the_last_representable_day_is_an_invalid_date() -> None:
    """9999-12-31 (a "no date" placeholder) clears past date.max: InvalidDateError, no overflow."""
    for top_rated in (False, True):
        with pytest.raises(InvalidDateError, match="past 9999-12-31, the last date Python can"):
            clears_on("9999-12-31", top_rated=top_rated)
        with pytest.raises(ValueError, match="completed on 9999-12-25"):
            clears_on(date(9999, 12, 25), top_rated=top_rated)


def test_cleared_and_pending_split_the_net_on_the_as_of_day() -> None:
    """An order clears on its 14th day; before it, its net is pending clearance."""
    orders = [
        Order(price="100", status="completed", completed_on="2026-11-01"),  # clears 11-15
        Order(price="50", status="completed", completed_on="2026-11-21"),  # clears 12-05
        Order(price="5", status="completed", completed_on="2026-11-22"),  # clears 12-06
        Order(price="999", status="cancelled", completed_on="2026-11-01"),
        Order(price="20", status="delivered"),
    ]
    summary = summarize_orders(orders, as_of=date(2026, 12, 5))
    assert summary.as_of == date(2026, 12, 5)
    assert summary.cleared_net == Decimal("120.00")
    assert summary.pending_clearance_net == Decimal("4.00")
    assert summary.seller_net_total == Decimal("124.00")
    top = summarize_orders(orders, as_of=date(2026, 11, 28), top_rated=True)
    assert top.cleared_net == Decimal("120.00")  # 11-21 + 7 = 11-28; 11-22 + 7 = 11-29


def test_without_as_of_nothing_is_judged() -> None:
    """Without as_of the clearance fields stay zero and as_of is None."""
    summary = summarize_orders([Order(price="5", status="completed")])
    assert summary.as_of is None
    assert summary.cleared_net == summary.pending_clearance_net == Decimal("0.00")


def test_clearance_needs_the_completion_day() -> None:
    """With as_of, a completed order without completed_on is an error naming it."""
    with pytest.raises(InvalidOrderStatusError, match="index 0 has no completed_on"):
        summarize_orders([Order(price="5", status="completed")], as_of="2026-12-05")


def test_cancelled_orders_carry_no_fees_and_no_net() -> None:
    """A cancelled order is counted and books nothing, by date or not."""
    orders = [Order(price="500", status="cancelled", ordered_on="2009-01-01")]
    for schedule in ("article", BY_DATE):
        summary = summarize_orders(orders, schedule=schedule)
        assert summary.counts[OrderStatus.CANCELLED] == 1
        assert summary.buyer_fee_total == summary.seller_fee_total == Decimal("0.00")
        assert summary.seller_net_total == summary.pending_gross == Decimal("0.00")


def test_by_date_splits_each_order_by_its_day() -> None:
    """By date, each completed order pays the fees of the schedule in force when ordered."""
    orders = [
        Order(price="5", status="completed", ordered_on="2019-06-01"),
        Order(price="5", status="completed", ordered_on="2020-12-24"),
    ]
    summary = summarize_orders(orders, schedule=BY_DATE)
    assert summary.buyer_fee_total == Decimal("2.00") + Decimal("2.25")
    with pytest.raises(InvalidOrderStatusError, match="no ordered_on"):
        summarize_orders([Order(price="5", status="completed")], schedule=BY_DATE)


def test_ledger_books_clearance_only_with_as_of() -> None:
    """The Ledger counts a completed order as cleared when its day has come."""
    ledger = Ledger(as_of=date(2026, 1, 15))
    fees = (Decimal("5.00"), Decimal("2.00"), Decimal("1.00"))
    ledger.add(OrderStatus.COMPLETED, *fees, clears_on=date(2026, 1, 15))
    ledger.add(OrderStatus.COMPLETED, *fees, clears_on=date(2026, 1, 16))
    ledger.add(OrderStatus.COMPLETED, *fees)
    summary = ledger.summary()
    assert (summary.cleared_net, summary.pending_clearance_net) == (
        Decimal("4.00"),
        Decimal("8.00"),
    )


completed_orders = st.lists(
    st.tuples(
        st.integers(1, 10_000_000),
        st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    ),
    max_size=20,
)


@given(
    rows=completed_orders, as_of=st.dates(date(2015, 1, 1), date(2031, 12, 31)), top=st.booleans()
)
def test_cleared_plus_pending_is_the_net(
    rows: list[tuple[int, date]], as_of: date, *, top: bool
) -> None:
    """Cleared and pending earnings add up to the net; cleared is exactly the orders due."""
    orders = [
        Order(price=Decimal(cents).scaleb(-2), status="completed", completed_on=day)
        for cents, day in rows
    ]
    summary = summarize_orders(orders, as_of=as_of, top_rated=top)
    assert summary.cleared_net + summary.pending_clearance_net == summary.seller_net_total
    wait = timedelta(days=7 if top else 14)
    due = sum(
        (compute_order_split(o.price).seller_net for o in orders if o.completed_on + wait <= as_of),  # type: ignore[operator]
        Decimal("0.00"),
    )
    assert summary.cleared_net == due


def test_the_us_spelling_of_cancelled_is_read() -> None:
    """Exports that write 'Canceled' mean a cancelled order: no fees, no net."""
    summary = summarize_orders([Order(price="5", status="Canceled")])
    assert summary.counts[OrderStatus.CANCELLED] == 1
    assert summary.seller_net_total == Decimal("0.00")
