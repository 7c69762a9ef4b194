"""Fuzzing the fee engine (``fees``): hostile objects and text at the split and its reverses.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

import decimal
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fiverr_support_kb import (
    MAX_AMOUNT,
    FeeSchedule,
    FeeTier,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidFeeScheduleError,
    InvalidRoundingError,
    NoPriceFitsError,
    NoScheduleOnDateError,
    Order,
    OrderSplit,
    Payment,
    PaymentsSplit,
    UnknownFeeScheduleError,
    compute_order_split,
    fee_schedule,
    max_price_for_budget,
    price_for_seller_net,
    split_payments,
    summarize_orders,
)
from fiverr_support_kb.exports import parse_amount

if TYPE_CHECKING:
    from collections.abc import Callable

from helpers import (
    CENT,
    FEE_ERRORS,
    ROUNDINGS,
    SCHEDULE_NAMES,
    Broken,
    HostileDecimal,
    HostileStr,
    PlainStrSubclass,
    amount_type_ok,
    anything,
    assert_well_formed_split,
    check,
    exact_amount,
    is_cents,
    money_like,
    outcome,
    rounding_like,
    schedule_like,
    short_text,
    untyped,
)


@example(price="1" + "0" * 100_000)
@example(price=Decimal("sNaN"))
@example(price=10**5000)
@example(price=HostileDecimal("5"))
@given(price=money_like)
def test_split_price_gives_a_split_or_a_documented_error(price: Any) -> None:
    """Any price: a split that adds up and equals it, or FeeTypeError/InvalidAmountError."""
    split, exc = check(lambda: compute_order_split(price), (InvalidAmountError, FeeTypeError))
    if not amount_type_ok(price):
        assert isinstance(exc, FeeTypeError)
        return
    expected = exact_amount(price)
    if expected is None:
        assert isinstance(exc, InvalidAmountError)
    else:
        assert exc is None
        assert_well_formed_split(split, expected)


@given(price=money_like, name=st.sampled_from(SCHEDULE_NAMES))
def test_buyer_tier_agrees_with_the_split(price: Any, name: str) -> None:
    """buyer_tier takes exactly the prices compute_order_split takes, and gives their tier."""
    schedule = fee_schedule(name)
    tier, exc = check(lambda: schedule.buyer_tier(price), (InvalidAmountError, FeeTypeError))
    split, split_exc = outcome(lambda: compute_order_split(price, schedule=schedule))
    assert type(exc) is type(split_exc)
    if exc is None:
        assert isinstance(tier, FeeTier)
        assert isinstance(split, OrderSplit)
        assert tier in schedule.buyer_fee
        rounded = (tier.rate * split.price).quantize(CENT, rounding=decimal.ROUND_HALF_UP)
        assert split.buyer_fee == tier.flat + rounded


@example(schedule=HostileStr("article"), rounding=HostileStr("ROUND_UP"))
@example(schedule=Broken(), rounding=Broken())
@given(schedule=schedule_like, rounding=rounding_like)
def test_split_schedule_and_rounding_give_a_split_or_a_documented_error(
    schedule: Any, rounding: Any
) -> None:
    """Any schedule and rounding: a split that adds up, or a documented error."""
    split, exc = check(
        lambda: compute_order_split("40.50", schedule=schedule, rounding=rounding),
        FEE_ERRORS,
    )
    if exc is None:
        assert_well_formed_split(split, Decimal("40.50"))
    if isinstance(schedule, FeeSchedule) or (
        isinstance(schedule, str) and str.__str__(schedule) in SCHEDULE_NAMES
    ):
        # A known schedule: only a rounding that is not a rounding constant is refused.
        valid_rounding = isinstance(rounding, str) and str.__str__(rounding) in ROUNDINGS
        assert (exc is None) == valid_rounding, exc
        if exc is not None:
            assert isinstance(exc, InvalidRoundingError)
    else:
        assert isinstance(exc, (FeeTypeError, UnknownFeeScheduleError))


@given(price=money_like, schedule=schedule_like, rounding=rounding_like)
def test_split_any_arguments_only_documented_errors(
    price: Any, schedule: Any, rounding: Any
) -> None:
    """All three arguments arbitrary at once: a split that adds up, or a documented error."""
    split, exc = check(
        lambda: compute_order_split(price, schedule=schedule, rounding=rounding),
        FEE_ERRORS,
    )
    if exc is None:
        assert_well_formed_split(split)


@example(target="1000000000.00", schedule="article", rounding=decimal.ROUND_05UP)
@example(target=Decimal("-sNaN"), schedule=HostileStr("article"), rounding=Broken())
@given(target=money_like, schedule=schedule_like, rounding=rounding_like)
def test_price_for_seller_net_is_exact_or_a_documented_error(
    target: Any, schedule: Any, rounding: Any
) -> None:
    """Any target: the least whole-cent price leaving that much, or a documented error."""
    price, exc = check(
        lambda: price_for_seller_net(target, schedule=schedule, rounding=rounding),
        (*FEE_ERRORS, NoPriceFitsError),
    )
    if exc is not None:
        return
    assert is_cents(price)
    assert isinstance(price, Decimal)
    wanted = exact_amount(target)
    assert wanted is not None
    split = compute_order_split(price, schedule=schedule, rounding=rounding)
    assert_well_formed_split(split, price)
    assert split.seller_net >= wanted
    if price > CENT:
        below = compute_order_split(price - CENT, schedule=schedule, rounding=rounding)
        assert below.seller_net < wanted


@example(budget="2.01", schedule="article", rounding=decimal.ROUND_HALF_UP)
@example(budget=Decimal("Infinity"), schedule=Broken(), rounding=HostileStr("ROUND_UP"))
@given(budget=money_like, schedule=schedule_like, rounding=rounding_like)
def test_max_price_for_budget_fits_or_is_a_documented_error(
    budget: Any, schedule: Any, rounding: Any
) -> None:
    """Any budget: a whole-cent price whose total fits it, or a documented error."""
    price, exc = check(
        lambda: max_price_for_budget(budget, schedule=schedule, rounding=rounding),
        (*FEE_ERRORS, NoPriceFitsError),
    )
    if exc is not None:
        return
    assert is_cents(price)
    assert isinstance(price, Decimal)
    limit = exact_amount(budget)
    assert limit is not None
    split = compute_order_split(price, schedule=schedule, rounding=rounding)
    assert_well_formed_split(split, price)
    assert split.buyer_total <= limit


def test_the_callers_decimal_context_changes_nothing() -> None:
    """Splits, reverse calculations and ledgers ignore the caller's decimal context and traps."""
    prices = ["0.01", "5", "40", "40.01", "40.50", "99.99", "123456.78", "1000000000"]
    expected = [compute_order_split(price, schedule="help-center") for price in prices]
    nets = [price_for_seller_net(price) for price in prices[:-1]]
    hostile = decimal.Context(
        prec=1, Emax=3, Emin=-1, rounding=decimal.ROUND_UP, traps=list(decimal.Context().flags)
    )
    with decimal.localcontext(hostile):
        assert [compute_order_split(price, schedule="help-center") for price in prices] == expected
        assert [price_for_seller_net(price) for price in prices[:-1]] == nets
        with pytest.raises(InvalidAmountError):
            compute_order_split("NaN")
        with pytest.raises(InvalidAmountError):
            compute_order_split("1E+999999999999999")
        orders = [Order(price=price, status="completed") for price in prices]
        summary = summarize_orders(orders)
    assert summary.gross_completed == sum(Decimal(price) for price in prices)


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute_order_split("5", rounding=untyped(Broken())),
        lambda: compute_order_split("5", rounding=HostileStr("ROUND_UP")),
        lambda: compute_order_split("5", schedule=HostileStr("article")),
        lambda: price_for_seller_net("5", schedule=HostileStr("nope")),
        lambda: max_price_for_budget("50", rounding=HostileStr("nope")),
        lambda: summarize_orders([], schedule=HostileStr("x"), rounding=untyped(Broken())),
        lambda: fee_schedule(HostileStr("article")),
        lambda: Order(price="5", status=HostileStr("completed")),
        lambda: compute_order_split(HostileDecimal("5")),
        lambda: FeeTier(rate=HostileDecimal("0.05")),
        lambda: repr(
            FeeSchedule(name=HostileStr("x"), title="t", buyer_fee=[FeeTier()], seller_rate="0")
        ),
        lambda: FeeSchedule(name="x", title="t", buyer_fee=untyped(list), seller_rate="0"),
        lambda: summarize_orders(untyped(str)),
    ],
)
def test_hostile_objects_never_escape_the_fee_engine(call: Callable[[], object]) -> None:
    """Subclasses with broken __eq__/__hash__/__repr__, and classes as values, are refused."""
    check(call, (FiverrSupportKBError,))


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: compute_order_split("5", rounding=PlainStrSubclass("ROUND_UP")).seller_fee,
            "1.00",
        ),
        (lambda: compute_order_split(HostileDecimal("5")).seller_net, "4.00"),
        (lambda: compute_order_split("5", schedule=HostileStr("article")).buyer_fee, "2.00"),
        (lambda: fee_schedule(HostileStr("help-center")).name, "help-center"),
        (lambda: Order(price="5", status=HostileStr(" Completed ")).status.value, "completed"),
    ],
)
def test_str_and_decimal_subclasses_are_taken_by_value(
    call: Callable[[], object], expected: str
) -> None:
    """A str or Decimal subclass holding a valid value is used as that plain value."""
    assert str(call()) == expected


# --- dated schedules, payments and export amounts ------------------------------------------


@given(day=st.one_of(anything, st.dates(), st.dates().map(date.isoformat)), price=money_like)
def test_splits_on_any_day_give_a_split_or_a_documented_error(day: Any, price: Any) -> None:
    """Any day: the split under that day's schedule, or a documented error."""
    split, exc = check(
        lambda: compute_order_split(price, on=day),
        (
            FeeTypeError,
            InvalidAmountError,
            InvalidDateError,
            InvalidFeeScheduleError,
            NoScheduleOnDateError,
        ),
    )
    if exc is None:
        assert_well_formed_split(split)


@given(payments=st.one_of(anything, st.lists(st.one_of(anything, st.builds(
    Payment, kind=st.sampled_from(["order", "extra", "tip"]), amount=st.integers(1, 10**6)
)), max_size=4)))  # fmt: skip
def test_split_payments_gives_a_split_or_a_documented_error(payments: Any) -> None:
    """Any payments: a split whose total adds up, or a documented error."""
    result, exc = check(
        lambda: split_payments(payments, schedule="help-center"),
        (FeeTypeError, InvalidAmountError, InvalidArgumentError),
    )
    if exc is None:
        assert isinstance(result, PaymentsSplit)
        assert_well_formed_split(result.total)


@given(
    text=st.one_of(anything, short_text), number_format=st.sampled_from(["plain", "dot", "comma"])
)
def test_parse_amount_gives_an_amount_or_a_documented_error(text: Any, number_format: str) -> None:
    """Any text in any format: a whole-cent amount, or InvalidAmountError/FeeTypeError."""
    amount, exc = check(
        lambda: parse_amount(text, number_format=number_format),
        (InvalidAmountError, FeeTypeError),
    )
    if exc is None:
        assert is_cents(amount)
        assert CENT <= amount <= MAX_AMOUNT  # type: ignore[operator]
