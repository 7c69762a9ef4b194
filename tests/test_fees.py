"""The fee engine: splits, input rules, schedules, reverse calculations and the ledger."""

from __future__ import annotations

import copy
import decimal
import json
import pickle
import re
import subprocess
import sys
import weakref
from decimal import ROUND_05UP, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final
from unittest import mock

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import fiverr_support_kb as kb
from fiverr_support_kb import fees
from fiverr_support_kb import schedules as schedules_module
from fiverr_support_kb._amounts import check_amount, operators_exact
from fiverr_support_kb._converter import CONVERTER
from fiverr_support_kb._loading import read_packaged
from fiverr_support_kb.errors import (
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidArgumentError,
    KnowledgeBaseError,
    NoPriceFitsError,
)
from fiverr_support_kb.exports import EXACT as EXPORTS_EXACT
from fiverr_support_kb.fees import (
    DEFAULT_SCHEDULE,
    MAX_AMOUNT,
    FeeSchedule,
    FeeTier,
    FeeTypeError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    Order,
    OrderSplit,
    OrderStatus,
    OrderSummary,
    UnknownFeeScheduleError,
    compute_order_split,
    fee_schedule,
    fee_schedules,
    max_price_for_budget,
    price_for_seller_net,
    summarize_orders,
)
from helpers import ROUNDINGS, SUMMARY_TOTALS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: Every rounding constant of the decimal module, written out rather than taken from fees.
MODES: Final = ROUNDINGS
MAX_CENTS: Final = 100_000_000_000
SPLIT_FIELDS: Final = (
    "price",
    "buyer_fee",
    "buyer_total",
    "seller_fee",
    "seller_net",
    "platform_revenue",
)
_WIDE: Final = decimal.Context(prec=60, traps=[decimal.InvalidOperation])
CENT_DECIMAL: Final = Decimal("0.01")


def dollars(cents: int) -> Decimal:
    """Return *cents* as a Decimal with two places, without the library."""
    return Decimal(cents).scaleb(-2, _WIDE)


def is_amount(value: Decimal) -> bool:
    """Tell whether *value* is a positive whole number of cents up to the maximum."""
    if not value.is_finite() or not Decimal(0) < value <= Decimal("1000000000.00"):
        return False
    return value.quantize(Decimal("0.01"), context=_WIDE) == value


def cents_of(amount: Decimal) -> int:
    """Return a two-place Decimal as an int number of cents, without the library."""
    return int(amount.scaleb(2, _WIDE))


def rounded(value: Fraction, mode: str) -> int:
    """Round a non-negative exact number of cents to a whole cent, from decimal's definitions."""
    whole = value.numerator // value.denominator
    rest = value - whole
    if rest == 0:
        return whole
    if mode in {decimal.ROUND_UP, decimal.ROUND_CEILING}:
        up = True
    elif mode in {decimal.ROUND_DOWN, decimal.ROUND_FLOOR}:
        up = False
    elif mode == decimal.ROUND_HALF_UP:
        up = rest >= Fraction(1, 2)
    elif mode == decimal.ROUND_HALF_DOWN:
        up = rest > Fraction(1, 2)
    elif mode == decimal.ROUND_HALF_EVEN:
        up = rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1)
    else:  # ROUND_05UP: away from zero when the digit kept would be 0 or 5
        up = whole % 5 == 0
    return whole + up


def expected_fees(schedule: FeeSchedule, price: Decimal, mode: str) -> tuple[int, int]:
    """The buyer's and seller's fee in cents, by the documented rule, in exact fractions."""
    cents = Fraction(cents_of(price))
    tier = next(t for t in schedule.buyer_fee if t.max_price is None or price <= t.max_price)
    buyer = rounded(Fraction(tier.rate) * cents, mode) + cents_of(tier.flat)
    return buyer, rounded(Fraction(schedule.seller_rate) * cents, mode)


def resolve(schedule: FeeSchedule | str) -> FeeSchedule:
    """The schedule behind a name or a schedule."""
    return fee_schedule(schedule) if isinstance(schedule, str) else schedule


# --- strategies ----------------------------------------------------------------------------

modes = st.sampled_from(MODES)
prices = st.integers(1, MAX_CENTS).map(dollars)
small_cents = st.integers(1, 30_000)


def rates(top: int = 9_999_999_999) -> st.SearchStrategy[Decimal]:
    """Rates from 0 to *top* / 10**10, with up to ten decimal places."""
    return st.integers(0, top).map(lambda n: Decimal(n).scaleb(-10, _WIDE))


@st.composite
def schedules(
    draw: st.DrawFn, *, bound: int = 20_000, top_rate: int = 9_999_999_999
) -> FeeSchedule:
    """A random schedule: 1-3 tiers below *bound* cents, flat fees, rates, a seller rate."""
    bounds = sorted(draw(st.sets(st.integers(1, bound), max_size=2)))
    tiers = [
        FeeTier(
            max_price=None if limit is None else dollars(limit),
            flat=dollars(draw(st.integers(0, 1_000))),
            rate=draw(rates(top_rate)),
        )
        for limit in [*bounds, None]
    ]
    return FeeSchedule(
        name="random", title="random", buyer_fee=tiers, seller_rate=draw(rates(top_rate))
    )


any_schedule = st.one_of(st.sampled_from(["article", "help-center"]), schedules())


# --- the worked examples -------------------------------------------------------------------


def test_article_five_dollar_gig() -> None:
    """A $5 gig: the buyer pays $2 on top, Fiverr takes $1, the seller keeps $4."""
    split = compute_order_split("5")
    assert split == OrderSplit(
        price=Decimal("5.00"),
        buyer_fee=Decimal("2.00"),
        buyer_total=Decimal("7.00"),
        seller_fee=Decimal("1.00"),
        seller_net=Decimal("4.00"),
        platform_revenue=Decimal("3.00"),
    )


def test_forty_dollars_still_pays_the_flat_fee() -> None:
    """$40.00 is 'up to and including $40': the flat $2, not 5%."""
    split = compute_order_split("40")
    assert (split.buyer_fee, split.buyer_total) == (Decimal("2.00"), Decimal("42.00"))
    assert fee_schedule("article").buyer_tier("40") == FeeTier(max_price="40", flat="2")


def test_forty_dollars_one_cent_is_five_percent() -> None:
    """$40.01 pays 5% of the whole price: 2.0005, rounded to $2.00."""
    split = compute_order_split("40.01")
    assert (split.buyer_fee, split.buyer_total) == (Decimal("2.00"), Decimal("42.01"))
    assert fee_schedule("article").buyer_tier("40.01") == FeeTier(rate="0.05")


def test_forty_fifty_half_up_versus_half_even() -> None:
    """5% of $40.50 is 2.025: half-up gives $2.03, half-even $2.02; the seller's side agrees."""
    up = compute_order_split("40.50")
    even = compute_order_split("40.50", rounding=ROUND_HALF_EVEN)
    assert (up.buyer_fee, up.buyer_total, up.platform_revenue) == (
        Decimal("2.03"),
        Decimal("42.53"),
        Decimal("10.13"),
    )
    assert (even.buyer_fee, even.buyer_total, even.platform_revenue) == (
        Decimal("2.02"),
        Decimal("42.52"),
        Decimal("10.12"),
    )
    assert up.seller_net == even.seller_net == Decimal("32.40")


def test_help_center_at_and_below_one_hundred() -> None:
    """Help center: $100.00 pays 5.5% only; $99.99 also pays the $3.00 small order fee."""
    at = compute_order_split("100", schedule="help-center")
    below = compute_order_split("99.99", schedule="help-center")
    assert (at.buyer_fee, at.buyer_total, at.seller_net) == (
        Decimal("5.50"),
        Decimal("105.50"),
        Decimal("80.00"),
    )
    assert (below.buyer_fee, below.buyer_total) == (Decimal("8.50"), Decimal("108.49"))


def test_help_center_total_drops_at_one_hundred() -> None:
    """The published rule makes $100.00 cheaper for the buyer than $99.99: kept, not smoothed."""
    schedule = fee_schedule("help-center")
    for mode in MODES:
        below = compute_order_split("99.99", schedule=schedule, rounding=mode)
        at = compute_order_split("100.00", schedule=schedule, rounding=mode)
        assert at.buyer_total < below.buyer_total


def test_the_default_schedule_is_the_articles() -> None:
    """Without a schedule the article's rules apply, by name or object alike."""
    assert DEFAULT_SCHEDULE == "article"
    for price in ("5", "40.50", "1234.56"):
        default = compute_order_split(price)
        assert default == compute_order_split(price, schedule="article")
        assert default == compute_order_split(price, schedule=fee_schedule("article"))


def test_package_exports_the_fee_names() -> None:
    """The top-level package hands out the fee module's own objects."""
    for name in (
        "FeeSchedule",
        "Order",
        "OrderSplit",
        "OrderStatus",
        "OrderSummary",
        "compute_order_split",
        "fee_schedule",
        "fee_schedules",
        "max_price_for_budget",
        "price_for_seller_net",
        "summarize_orders",
    ):
        assert getattr(kb, name) is getattr(fees, name)


def test_importing_and_splitting_with_own_schedule_loads_no_data() -> None:
    """Importing fees loads no data and no cattrs; a user schedule needs neither."""
    code = (
        "import sys\n"
        "from fiverr_support_kb import fees\n"
        "assert 'cattrs' not in sys.modules and not fees.fee_schedules.loaded()\n"
        "own = fees.FeeSchedule(name='x', title='x', buyer_fee=[fees.FeeTier()], seller_rate=0)\n"
        "assert str(fees.compute_order_split('9', schedule=own).seller_net) == '9.00'\n"
        "assert 'cattrs' not in sys.modules and not fees.fee_schedules.loaded()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given_price",
    [
        "5",
        "5.00",
        " 5.00\n",
        "+5",
        "5.",
        "5.000000",
        "500E-2",
        "0.05e2",
        "5.E0",
        "0.5E1",
        "5.00E0",
        5,
        Decimal(5),
        Decimal("5.0000"),
        Decimal("0.5E1"),
    ],
)
def test_spellings_of_five_dollars(given_price: object) -> None:
    """Every accepted spelling of five dollars is read as exactly Decimal('5.00')."""
    price = compute_order_split(given_price).price  # type: ignore[arg-type]
    assert price == Decimal("5.00")
    assert price.as_tuple().exponent == -2


@given(cents=st.integers(1, MAX_CENTS), zeros=st.integers(0, 30), shift=st.integers(0, 5))
def test_spellings_of_any_amount_give_one_price(cents: int, zeros: int, shift: int) -> None:
    """Trailing zeros, exponents, an int or a Decimal: one amount gives one price."""
    amount = dollars(cents)
    text = f"{amount:f}" + ("0" * zeros if zeros else "")
    scientific = f"{cents * 10**shift}E-{2 + shift}"
    results = {compute_order_split(form).price for form in (text, scientific, amount)}
    if cents % 100 == 0:
        results.add(compute_order_split(cents // 100).price)
    assert results == {amount}


def test_smallest_and_largest_amounts() -> None:
    """0.01 and exactly 1,000,000,000.00 (as str, int or Decimal) are the accepted extremes."""
    assert compute_order_split("0.01").price == Decimal("0.01")
    assert Decimal("1000000000.00") == MAX_AMOUNT
    for largest in ("1000000000.00", 1_000_000_000, MAX_AMOUNT, "1e9"):
        assert compute_order_split(largest).price == MAX_AMOUNT
    for beyond in ("1000000000.01", 1_000_000_001, MAX_AMOUNT + CENT_DECIMAL):
        with pytest.raises(InvalidAmountError, match="more than the maximum"):
            compute_order_split(beyond)


BAD_AMOUNTS: Final = [
    ("0", "is not positive"),
    ("0.00", "is not positive"),
    ("-0", "is not positive"),
    ("-5", "is not positive"),
    (0, "is not positive"),
    (-3, "is not positive"),
    (Decimal("-0.01"), "is not positive"),
    ("12.345", "fraction of a cent"),
    ("0.001", "fraction of a cent"),
    (Decimal("19.999"), "fraction of a cent"),
    ("1e-9999999", "fraction of a cent"),
    ("NaN", "is not a finite number"),
    ("-sNaN", "is not a finite number"),
    ("Infinity", "is not a finite number"),
    ("-inf", "is not a finite number"),
    (Decimal("NaN"), "is not a finite number"),
    (Decimal("sNaN"), "is not a finite number"),
    (Decimal("-Infinity"), "is not a finite number"),
    ("1e999999", "more than the maximum"),
    (10**400, "more than the maximum"),
    (Decimal("1E+999999999"), "more than the maximum"),
    ("1e9999999999999999999999", "exponent out of range"),
    ("1e-9999999999999999999999", "exponent out of range"),
    ("", "is not a decimal number"),
    ("   ", "is not a decimal number"),
    ("abc", "is not a decimal number"),
    ("$5", "is not a decimal number"),
    ("5 USD", "is not a decimal number"),
    ("1_000", "is not a decimal number"),
    ("5 5", "is not a decimal number"),
    ("0x10", "is not a decimal number"),
    ("40,50", "write a dot as the decimal separator"),
    ("1,000.00", "write a dot as the decimal separator"),
]


@pytest.mark.parametrize(("bad", "problem"), BAD_AMOUNTS)
def test_bad_amounts_are_named_value_errors(bad: object, problem: str) -> None:
    """Each bad amount is an InvalidAmountError (a ValueError) saying what is wrong and accepted."""
    with pytest.raises(InvalidAmountError) as info:
        compute_order_split(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, FiverrSupportKBError)
    message = str(info.value)
    assert message.startswith("price ")
    assert problem in message
    assert "whole cents from 0.01 to 1000000000.00" in message


WRONG_TYPES: Final = [
    19.99,
    5.0,
    float("nan"),
    True,
    False,
    None,
    b"5",
    bytearray(b"5"),
    ["5"],
    ("5",),
    {"price": "5"},
    Fraction(5),
    complex(5),
    object(),
]


@pytest.mark.parametrize("bad", WRONG_TYPES, ids=lambda value: type(value).__name__)
def test_wrong_types_are_type_errors(bad: object) -> None:
    """A float, bool, None, bytes, container or other type is a FeeTypeError (a TypeError)."""
    with pytest.raises(FeeTypeError) as info:
        compute_order_split(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, FiverrSupportKBError)
    assert "str, int or Decimal" in str(info.value)


def test_float_message_recommends_str_or_decimal() -> None:
    """A float is refused with the reason and the fix: pass a str or a Decimal."""
    with pytest.raises(FeeTypeError, match=r"not float \(19\.99\).*pass a str .* or a Decimal"):
        compute_order_split(19.99)  # type: ignore[arg-type]


def test_error_messages_do_not_echo_huge_inputs() -> None:
    """A megabyte of input, or an int too long to print, gives a one-line error message."""
    for bad in ("9" * 1_000_000, "x" * 1_000_000, "0." + "1" * 1_000_000, 10**5000, -(10**5000)):
        with pytest.raises(InvalidAmountError) as info:
            compute_order_split(bad)
        message = str(info.value)
        assert len(message) < 300
        assert "<an int of about 5001 digits>" in message or isinstance(bad, str)


def test_a_broken_repr_does_not_break_the_error() -> None:
    """An item whose __repr__ raises is still reported as a FeeTypeError."""

    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError

    with pytest.raises(FeeTypeError, match="got <a Broken object> at index 0"):
        summarize_orders([Broken()])  # type: ignore[list-item]


@given(
    given=st.one_of(
        st.text("0123456789.eE+-_ \n", max_size=9),
        st.integers(-5, 10**10),
        st.decimals(allow_nan=True, allow_infinity=True, places=3),
    )
)
@example(given="1.E2")
@example(given="5.E0")
@example(given="12.3e")
def test_the_inline_gate_reads_every_price_as_check_amount(given: str | int | Decimal) -> None:
    """compute_order_split's inline reading of a price gives check_amount's value, or its error."""
    try:
        expected: object = check_amount(given, "price")
    except InvalidAmountError as exc:
        expected = str(exc)
    try:
        got: object = compute_order_split(given).price
    except InvalidAmountError as exc:
        got = str(exc)
    assert got == expected
    if isinstance(got, Decimal):
        assert got.as_tuple().exponent == -2


@given(text=st.text())
@example(text="١٢")
@example(text="\u0660.\u0661")
def test_any_text_is_a_split_or_an_amount_error(text: str) -> None:
    """Any string gives a split or an InvalidAmountError, never another exception."""
    try:
        split = compute_order_split(text)
    except InvalidAmountError:
        return
    assert Decimal("0.01") <= split.price <= MAX_AMOUNT


@given(value=st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_itself_or_an_amount_error(value: Decimal) -> None:
    """Any Decimal is taken exactly as it is, or refused with an InvalidAmountError."""
    if is_amount(value):
        assert compute_order_split(value).price == value
    else:
        with pytest.raises(InvalidAmountError):
            compute_order_split(value)


@given(value=st.integers())
@example(value=10**5000)
@example(value=-(10**5000))
def test_any_int_is_accepted_exactly_in_range(value: int) -> None:
    """An int is accepted exactly when it is 1 to 1,000,000,000 (whole dollars)."""
    if 1 <= value <= 1_000_000_000:
        assert compute_order_split(value).price == value
    else:
        with pytest.raises(InvalidAmountError):
            compute_order_split(value)


def test_every_amount_argument_follows_the_same_rules() -> None:
    """Targets, budgets and order prices are checked exactly like a price, named in the error."""
    calls: list[tuple[str, Callable[[Any], object]]] = [
        ("target", price_for_seller_net),
        ("budget", max_price_for_budget),
        ("price", lambda value: Order(price=value, status="completed")),
    ]
    for name, call in calls:
        with pytest.raises(InvalidAmountError, match=f"^{name} '12.345' has a fraction"):
            call("12.345")
        with pytest.raises(FeeTypeError, match=f"^{name} must be"):
            call(1.5)


# --- rounding ------------------------------------------------------------------------------


def test_every_rounding_constant_is_accepted() -> None:
    """Each of the eight decimal rounding constants works, and they do differ on 2.025."""
    fees_at = {compute_order_split("40.50", rounding=mode).buyer_fee for mode in MODES}
    assert fees_at == {Decimal("2.02"), Decimal("2.03")}


@pytest.mark.parametrize(
    "bad", ["half-up", "round_half_up", "HALF_UP", "", None, 5, ["ROUND_UP"], decimal.Decimal]
)
def test_bad_rounding_is_a_value_error_naming_the_constants(bad: object) -> None:
    """A bad rounding mode is an InvalidRoundingError (a ValueError) listing the constants."""
    calls: list[Callable[[], object]] = [
        lambda: compute_order_split("5", rounding=bad),  # type: ignore[arg-type]
        lambda: price_for_seller_net("5", rounding=bad),  # type: ignore[arg-type]
        lambda: max_price_for_budget("5", rounding=bad),  # type: ignore[arg-type]
        lambda: summarize_orders([], rounding=bad),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(InvalidRoundingError) as info:
            call()
        assert isinstance(info.value, ValueError)
        assert "decimal.ROUND_HALF_UP" in str(info.value)
        assert "decimal.ROUND_05UP" in str(info.value)


# --- the caller's decimal context ----------------------------------------------------------

WEIRD_CONTEXTS: Final = [
    decimal.Context(
        prec=1,
        rounding=decimal.ROUND_FLOOR,
        traps=[
            decimal.Clamped,
            decimal.DivisionByZero,
            decimal.Inexact,
            decimal.InvalidOperation,
            decimal.Overflow,
            decimal.Rounded,
            decimal.Subnormal,
            decimal.Underflow,
            decimal.FloatOperation,
        ],
    ),
    decimal.Context(prec=2, rounding=decimal.ROUND_UP, Emax=3, Emin=-3, traps=[]),
    decimal.Context(prec=3, rounding=ROUND_05UP, capitals=0, clamp=1, traps=[decimal.Inexact]),
    # Just wide enough for plain operators, with every trap on: a signal would raise.
    decimal.Context(prec=22, Emax=22, Emin=-12, clamp=1, traps=list(decimal.Context().flags)),
    # Each just too narrow for plain operators: the engine's own context must take over.
    decimal.Context(prec=21, rounding=decimal.ROUND_DOWN, traps=[]),
    decimal.Context(prec=28, Emax=26, clamp=1, traps=[decimal.Clamped]),
    decimal.Context(prec=28, Emax=8, traps=[]),
    decimal.Context(prec=28, Emin=-11, traps=[decimal.Subnormal, decimal.Underflow]),
]


@given(schedule=any_schedule, price=prices, mode=modes, amount=st.integers(1, 10**9).map(dollars))
def test_a_weird_global_context_changes_nothing(
    schedule: FeeSchedule | str, price: Decimal, mode: str, amount: Decimal
) -> None:
    """Precision, rounding, exponent limits and traps of the caller's context change no result."""

    def answer(reverse: Callable[..., Decimal]) -> object:
        try:
            return reverse(amount, schedule=schedule, rounding=mode)
        except NoPriceFitsError as exc:
            return str(exc)

    def everything() -> tuple[object, ...]:
        orders = [Order(price=price, status="completed"), Order(price=amount, status="delivered")]
        return (
            compute_order_split(price, schedule=schedule, rounding=mode),
            compute_order_split(str(price), schedule=schedule, rounding=mode),
            compute_order_split(int(amount) or 1, schedule=schedule, rounding=mode),
            summarize_orders(orders, schedule=schedule, rounding=mode),
            answer(price_for_seller_net),
            answer(max_price_for_budget),
        )

    with decimal.localcontext(decimal.Context()):
        expected = everything()
    for weird in WEIRD_CONTEXTS:
        with decimal.localcontext(weird):
            assert everything() == expected


@example(schedule="article", cents=1, mode=ROUND_HALF_UP, form=str)
@example(schedule="help-center", cents=9_999, mode=ROUND_05UP, form=Decimal)
@given(
    schedule=any_schedule,
    cents=st.integers(1, MAX_CENTS),
    mode=modes,
    form=st.sampled_from([Decimal, str, int]),
)
def test_both_paths_build_the_same_frozen_split(
    schedule: FeeSchedule | str, cents: int, mode: str, form: type[Decimal | str | int]
) -> None:
    """The inline path and fees._split build the same OrderSplit, digit for digit, frozen."""
    amount = dollars(cents)
    price: Decimal | str | int = amount
    if form is str:
        price = str(amount)
    elif form is int:
        price = max(cents // 100, 1)
    fast = compute_order_split(price, schedule=schedule, rounding=mode)
    with decimal.localcontext(decimal.Context(prec=21)):  # too narrow: fees._split builds it
        slow = compute_order_split(price, schedule=schedule, rounding=mode)
    for split in (fast, slow):
        assert type(split) is OrderSplit
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            split.seller_net = CENT_DECIMAL  # type: ignore[misc]
    assert repr(fast) == repr(slow)
    assert [getattr(fast, name).as_tuple() for name in SPLIT_FIELDS] == [
        getattr(slow, name).as_tuple() for name in SPLIT_FIELDS
    ]


@given(schedule=any_schedule, price=prices, mode=modes)
def test_the_fees_with_operators_are_the_fees_of_any_context(
    schedule: FeeSchedule | str, price: Decimal, mode: str
) -> None:
    """Where operators are exact (split-csv's own context), the operator-only fees are fees_of's."""
    rules = schedules_module.resolve_schedule(schedule)
    with decimal.localcontext(EXPORTS_EXACT):
        assert operators_exact()
        fast = schedules_module.fees_with_operators(price, rules, mode)
    assert schedules_module.fees_with_operators(price, rules, mode) == fast  # default context
    for weird in WEIRD_CONTEXTS:
        with decimal.localcontext(weird):
            slow = schedules_module.fees_of(price, rules, mode)
        assert [fee.as_tuple() for fee in fast] == [fee.as_tuple() for fee in slow]


@pytest.mark.parametrize("weird", WEIRD_CONTEXTS)
def test_bad_input_is_refused_under_any_context(weird: decimal.Context) -> None:
    """With the caller's traps off or on, bad input is still an InvalidAmountError."""
    with decimal.localcontext(weird):
        for bad, problem in BAD_AMOUNTS:
            with pytest.raises(InvalidAmountError, match=problem):
                compute_order_split(bad)  # type: ignore[arg-type]


def test_the_callers_flags_are_left_alone() -> None:
    """Splits, reverse calculations and refused input set no flag in the caller's context."""
    context = decimal.Context()
    with decimal.localcontext(context):
        compute_order_split("40.50")
        compute_order_split(Decimal("40.5"))
        compute_order_split(40)
        compute_order_split("99.99", schedule="help-center", rounding=ROUND_05UP)
        price_for_seller_net("123.45")
        max_price_for_budget("106", schedule="help-center")
        for bad in ("abc", "12.345", "1e9999999999999999999999", "NaN", 10**40):
            with pytest.raises(InvalidAmountError):
                compute_order_split(bad)
    assert not any(context.flags.values())


#: Every kind of caller's context: the weird ones above, and ones wide enough for plain
#: operators but hostile otherwise (round-floor gives an exact zero sum a minus sign).
HOSTILE_CONTEXTS: Final = [
    *WEIRD_CONTEXTS,
    decimal.Context(rounding=decimal.ROUND_FLOOR),
    decimal.Context(rounding=decimal.ROUND_FLOOR, traps=list(decimal.Context().flags)),
    decimal.Context(prec=1, rounding=decimal.ROUND_DOWN, traps=[decimal.Inexact, decimal.Rounded]),
    decimal.Context(prec=40, Emax=1, Emin=-1, traps=[]),
]
#: A rate or flat fee of zero with either sign: FeeTier and FeeSchedule keep "-0" as given.
signed_zeros = st.sampled_from(["-0", "0", "-0.00", "0.00"])


@st.composite
def schedules_with_signed_zeros(draw: st.DrawFn) -> FeeSchedule:
    """A two-tier schedule whose rates and flat fees may be zeros of either sign."""
    fee = st.one_of(signed_zeros, rates())
    tiers = [
        FeeTier(
            max_price=None if last else dollars(draw(st.integers(1, 20_000))),
            flat=draw(st.one_of(signed_zeros, st.integers(0, 1_000).map(dollars))),
            rate=draw(fee),
        )
        for last in (False, True)
    ]
    return FeeSchedule(name="zeros", title="zeros", buyer_fee=tiers, seller_rate=draw(fee))


@given(
    schedule=st.one_of(any_schedule, schedules_with_signed_zeros()),
    cents=st.one_of(st.integers(1, 300), st.integers(1, MAX_CENTS)),
    mode=modes,
)
@example(schedule="article", cents=1, mode=decimal.ROUND_UP)
def test_a_hostile_global_context_changes_no_digit_and_no_sign(
    schedule: FeeSchedule | str, cents: int, mode: str
) -> None:
    """Every field of a split has the same repr (the sign of a zero too) under any context."""
    price = dollars(cents)
    given_prices: list[Decimal | str | int] = [price, str(price)]
    if cents % 100 == 0:
        given_prices.append(cents // 100)

    def splits() -> list[str]:
        return [
            repr(compute_order_split(given, schedule=schedule, rounding=mode))
            for given in given_prices
        ]

    with decimal.localcontext(decimal.Context()):
        expected = splits()
    for hostile in HOSTILE_CONTEXTS:
        with decimal.localcontext(hostile) as active:
            assert splits() == expected
        assert not any(active.flags.values())


@given(
    schedule=any_schedule,
    whole=st.one_of(st.integers(1, 300), st.integers(1, 10**9)),
    mode=modes,
)
@example(schedule="help-center", whole=99, mode=ROUND_HALF_UP)
@example(schedule="help-center", whole=100, mode=ROUND_HALF_UP)
@example(schedule="article", whole=40, mode=ROUND_HALF_UP)
@example(schedule="article", whole=41, mode=ROUND_HALF_UP)
def test_an_int_price_splits_as_the_same_price_written_out(
    schedule: FeeSchedule | str, whole: int, mode: str
) -> None:
    """An int price finds its tier by int comparisons, and gives the split of its text."""
    expected = repr(compute_order_split(f"{whole}.00", schedule=schedule, rounding=mode))
    assert repr(compute_order_split(whole, schedule=schedule, rounding=mode)) == expected
    assert repr(compute_order_split(Decimal(whole), schedule=schedule, rounding=mode)) == expected


def test_a_context_changed_in_place_is_seen_at_once() -> None:
    """Narrowing the very context object a split just used is honoured by the next split."""
    prices: list[Decimal | int | str] = [Decimal("123.45"), "123.45", 123, "0.01"]

    def splits() -> list[str]:
        return [repr(compute_order_split(price, rounding=decimal.ROUND_UP)) for price in prices]

    expected = splits()
    changes: list[tuple[str, object]] = [
        ("prec", 1),
        ("rounding", decimal.ROUND_FLOOR),
        ("Emax", 3),
        ("Emin", -1),
        ("clamp", 1),
    ]
    for name, value in changes:
        with decimal.localcontext() as active:
            active.traps[decimal.Inexact] = True
            active.traps[decimal.Rounded] = True
            assert splits() == expected  # the same object, first seen as it was
            setattr(active, name, value)
            assert splits() == expected
        assert not any(active.flags.values())


# --- properties of splits ------------------------------------------------------------------


@given(schedule=any_schedule, price=prices, mode=modes)
def test_parts_add_up_exactly(schedule: FeeSchedule | str, price: Decimal, mode: str) -> None:
    """Every part is in whole cents, and the totals are the exact sums and differences."""
    split = compute_order_split(price, schedule=schedule, rounding=mode)
    assert split.price == price
    for name in SPLIT_FIELDS:
        value = getattr(split, name)
        assert type(value) is Decimal
        assert value.as_tuple().exponent == -2
        assert value >= 0
    cents = {name: cents_of(getattr(split, name)) for name in SPLIT_FIELDS}
    assert cents["buyer_total"] == cents["price"] + cents["buyer_fee"]
    assert cents["seller_net"] == cents["price"] - cents["seller_fee"]
    assert cents["platform_revenue"] == cents["buyer_fee"] + cents["seller_fee"]


@given(schedule=any_schedule, price=prices, mode=modes)
@example(schedule="article", price=Decimal("40.50"), mode=ROUND_HALF_EVEN)
@example(schedule="help-center", price=Decimal("99.99"), mode=ROUND_05UP)
def test_each_fee_is_its_exact_value_rounded_once(
    schedule: FeeSchedule | str, price: Decimal, mode: str
) -> None:
    """Buyer fee = tier rate x price rounded once, plus the flat fee; seller fee likewise."""
    split = compute_order_split(price, schedule=schedule, rounding=mode)
    buyer, seller = expected_fees(resolve(schedule), price, mode)
    assert (cents_of(split.buyer_fee), cents_of(split.seller_fee)) == (buyer, seller)


@given(a=prices, b=prices, mode=modes, schedule=any_schedule)
@example(a=Decimal("40.00"), b=Decimal("40.01"), mode=ROUND_HALF_UP, schedule="article")
@example(a=Decimal("40.00"), b=Decimal("40.01"), mode=ROUND_05UP, schedule="article")
def test_fees_never_fall_as_the_price_rises(
    a: Decimal, b: Decimal, mode: str, schedule: FeeSchedule | str
) -> None:
    """Seller fees, and buyer fees within a tier or under the article, are monotone in price."""
    low, high = sorted((a, b))
    chosen = resolve(schedule)
    first = compute_order_split(low, schedule=chosen, rounding=mode)
    second = compute_order_split(high, schedule=chosen, rounding=mode)
    assert first.seller_fee <= second.seller_fee
    if chosen.name == "article" or chosen.buyer_tier(low) is chosen.buyer_tier(high):
        assert first.buyer_fee <= second.buyer_fee
        assert first.buyer_total < second.buyer_total or low == high


# --- reverse calculations ------------------------------------------------------------------


def brute_seller_price(
    schedule: FeeSchedule, target: Decimal, mode: str, top: int = MAX_CENTS
) -> Decimal | None:
    """The least price up to *top* cents whose seller_net reaches *target*, trying every cent."""
    for cents in range(cents_of(target), top + 1):
        split = compute_order_split(dollars(cents), schedule=schedule, rounding=mode)
        if split.seller_net >= target:
            return split.price
    return None  # pragma: no cover - only reached for targets near the maximum


def brute_budget_price(schedule: FeeSchedule, budget: Decimal, mode: str) -> Decimal | None:
    """The greatest price whose buyer_total fits *budget*, by trying every cent downwards."""
    for cents in range(cents_of(budget), 0, -1):  # the total is at least the price
        split = compute_order_split(dollars(cents), schedule=schedule, rounding=mode)
        if split.buyer_total <= budget:
            return split.price
    return None


@given(schedule=schedules(top_rate=9_500_000_000), target=st.integers(1, 500), mode=modes)
@example(
    schedule=FeeSchedule(name="x", title="x", buyer_fee=[FeeTier()], seller_rate="0.95"),
    target=1,
    mode=ROUND_05UP,
)
def test_price_for_seller_net_equals_brute_force(
    schedule: FeeSchedule, target: int, mode: str
) -> None:
    """For any schedule and rounding, the answer is the least price a search over cents finds."""
    amount = dollars(target)
    found = price_for_seller_net(amount, schedule=schedule, rounding=mode)
    assert found == brute_seller_price(schedule, amount, mode)


@given(schedule=schedules(bound=3_000), budget=st.integers(1, 4_000), mode=modes)
def test_max_price_for_budget_equals_brute_force(
    schedule: FeeSchedule, budget: int, mode: str
) -> None:
    """For any schedule and rounding, the answer is the greatest price a search over cents finds."""
    amount = dollars(budget)
    expected = brute_budget_price(schedule, amount, mode)
    if expected is None:
        with pytest.raises(NoPriceFitsError):
            max_price_for_budget(amount, schedule=schedule, rounding=mode)
    else:
        assert max_price_for_budget(amount, schedule=schedule, rounding=mode) == expected


@given(
    top=st.integers(1, 3_000),
    target=st.integers(1, 3_000),
    rate=rates(),
    mode=modes,
)
def test_price_for_seller_net_is_exact_for_any_maximum(
    top: int, target: int, rate: Decimal, mode: str
) -> None:
    """With the maximum price lowered, the search still equals brute force, or finds none."""
    schedule = FeeSchedule(name="x", title="x", buyer_fee=[FeeTier()], seller_rate=rate)
    amount = dollars(target)
    expected = brute_seller_price(schedule, amount, mode, top)
    with mock.patch.object(fees, "MAX_CENTS", top):
        if expected is None:
            with pytest.raises(NoPriceFitsError):
                price_for_seller_net(amount, schedule=schedule, rounding=mode)
        else:
            assert price_for_seller_net(amount, schedule=schedule, rounding=mode) == expected


def test_a_tier_ending_at_the_maximum_leaves_no_open_tier() -> None:
    """A tier up to exactly 1,000,000,000.00 makes the open last tier empty, and that is fine."""
    capped = FeeSchedule(
        name="capped",
        title="x",
        buyer_fee=[FeeTier(max_price=MAX_AMOUNT, rate="0.1"), FeeTier(flat="1")],
        seller_rate="0.2",
    )
    plain = attrs.evolve(capped, buyer_fee=[FeeTier(rate="0.1")])
    for budget in ("1.10", "5000", MAX_AMOUNT):
        found = max_price_for_budget(budget, schedule=capped)
        assert found == max_price_for_budget(budget, schedule=plain)
    assert max_price_for_budget(MAX_AMOUNT, schedule=capped) == Decimal("909090909.09")


def test_round_05up_seller_net_can_fall_and_the_first_price_is_still_found() -> None:
    """Under ROUND_05UP a higher price can net less; the search still returns the least price."""
    schedule = FeeSchedule(name="x", title="x", buyer_fee=[FeeTier()], seller_rate="0.95")
    nets = [
        compute_order_split(dollars(cents), schedule=schedule, rounding=ROUND_05UP).seller_net
        for cents in (1, 2, 10, 11)
    ]
    assert nets == [Decimal("0.00"), Decimal("0.01"), Decimal("0.01"), Decimal("0.00")]
    assert price_for_seller_net("0.01", schedule=schedule, rounding=ROUND_05UP) == Decimal("0.02")


@pytest.mark.parametrize("mode", MODES)
def test_reverse_calculations_over_every_cent_of_the_packaged_schedules(mode: str) -> None:
    """Every target to $60 (article) and every budget from $95 to $115 (help center) is exact."""
    article = fee_schedule("article")
    least: dict[int, int] = {}  # target -> the least price whose net reaches it
    reached = 0
    for cents in range(1, 8_001):  # prices ascending: the first to reach a net is the least
        net = cents_of(compute_order_split(dollars(cents), rounding=mode).seller_net)
        for target in range(reached + 1, net + 1):
            least[target] = cents
        reached = max(reached, net)
    for target in range(1, 6_001):
        found = price_for_seller_net(dollars(target), schedule=article, rounding=mode)
        assert found == dollars(least[target])

    help_center = fee_schedule("help-center")
    top_budget = 11_500
    most = [0] * (top_budget + 1)  # total -> the greatest price with exactly that total
    for cents in range(1, top_budget + 1):  # a price above the budget never fits it
        split = compute_order_split(dollars(cents), schedule=help_center, rounding=mode)
        total = cents_of(split.buyer_total)
        if total <= top_budget:
            most[total] = max(most[total], cents)
    best = 0
    for budget in range(top_budget + 1):  # the greatest price with a total up to the budget
        best = max(best, most[budget])
        if budget >= 9_500:
            found = max_price_for_budget(dollars(budget), schedule=help_center, rounding=mode)
            assert found == dollars(best)


@given(amount=st.integers(100_000, MAX_CENTS).map(dollars), mode=modes, schedule=any_schedule)
def test_reverse_answers_are_tight_at_large_amounts(
    amount: Decimal, mode: str, schedule: FeeSchedule | str
) -> None:
    """At large amounts the answers satisfy the condition and a cent further does not."""
    try:
        price = price_for_seller_net(amount, schedule=schedule, rounding=mode)
    except NoPriceFitsError:
        top = compute_order_split(MAX_AMOUNT, schedule=schedule, rounding=mode)
        assert top.seller_net < amount
    else:
        assert compute_order_split(price, schedule=schedule, rounding=mode).seller_net >= amount
        if mode != ROUND_05UP and price > CENT_DECIMAL:
            less = compute_order_split(price - CENT_DECIMAL, schedule=schedule, rounding=mode)
            assert less.seller_net < amount
    price = max_price_for_budget(amount, schedule=schedule, rounding=mode)
    assert compute_order_split(price, schedule=schedule, rounding=mode).buyer_total <= amount
    if price < MAX_AMOUNT:
        more = compute_order_split(price + CENT_DECIMAL, schedule=schedule, rounding=mode)
        assert more.buyer_total > amount


def test_reverse_examples() -> None:
    """Worked reverse examples: the article's $4 net, a $100 net, budgets of $42 and $100."""
    assert price_for_seller_net("4") == Decimal("5.00")
    assert price_for_seller_net("100") == Decimal("125.00")
    # 20% of 40.03 is 8.006, rounded to 8.01: a net of 32.03 needs 40.04, skipping 40.03.
    assert price_for_seller_net("32.02") == Decimal("40.02")
    assert price_for_seller_net("32.03") == Decimal("40.04")
    assert max_price_for_budget("42") == Decimal("40.00")
    assert max_price_for_budget("42.00") == Decimal("40.00")
    assert max_price_for_budget("100") == Decimal("95.24")
    for found in (price_for_seller_net("4"), max_price_for_budget("100")):
        assert found.as_tuple().exponent == -2


def test_budget_skips_the_small_order_fee_gap() -> None:
    """Under the help center, $106 buys $100.47, though $97.64 to $99.99 cost more than $106."""

    def total(price: str) -> Decimal:
        return compute_order_split(price, schedule="help-center").buyer_total

    assert (total("97.63"), total("97.64"), total("99.99")) == (
        Decimal("106.00"),
        Decimal("106.01"),
        Decimal("108.49"),
    )
    assert max_price_for_budget("106", schedule="help-center") == Decimal("100.47")
    assert max_price_for_budget("105.49", schedule="help-center") == Decimal("97.15")


def test_no_price_fits_below_the_cheapest_total() -> None:
    """A budget below the cheapest order's total is a NoPriceFitsError that names that total."""
    with pytest.raises(NoPriceFitsError) as info:
        max_price_for_budget("2.00")
    assert isinstance(info.value, ValueError)
    assert str(info.value) == (
        "no whole-cent price fits a budget of 2.00 under the 'article' schedule; "
        "the cheapest order, 0.01, costs the buyer 2.01"
    )
    assert max_price_for_budget("2.01") == Decimal("0.01")
    with pytest.raises(NoPriceFitsError, match=r"costs the buyer 3\.01"):
        max_price_for_budget("3", schedule="help-center")


def test_no_price_nets_more_than_the_maximum_allows() -> None:
    """A target above the net of the maximum price is a NoPriceFitsError; that net is fine."""
    assert price_for_seller_net("800000000") == MAX_AMOUNT
    with pytest.raises(NoPriceFitsError, match=r"the most a seller keeps is 800000000\.00"):
        price_for_seller_net("800000000.01")
    assert max_price_for_budget(MAX_AMOUNT) == Decimal("952380952.38")


# --- schedules -----------------------------------------------------------------------------


def test_packaged_schedules() -> None:
    """Two packaged schedules, read-only, loaded once: the article's and the help center's."""
    schedules_ = fee_schedules()
    assert sorted(schedules_) == ["article", "help-center"]
    assert fee_schedules() is schedules_
    with pytest.raises(TypeError):
        schedules_["mine"] = schedules_["article"]  # type: ignore[index]
    for name, schedule in schedules_.items():
        assert schedule.name == name
        assert fee_schedule(name) is schedule


def test_article_schedule_is_the_articles_rule() -> None:
    """$2 up to and including $40, 5% above; the seller pays 20%; the source is the article."""
    article = fee_schedule("article")
    assert article.buyer_fee == (FeeTier(max_price="40", flat="2"), FeeTier(rate="0.05"))
    assert article.seller_rate == Decimal("0.2")
    assert "Levesz-e a Fiverr a kereseteimből?" in article.source
    assert article.effective_date is None
    assert article.notes.startswith("Effective date unknown")


def test_help_center_records_its_source_and_unknown_date() -> None:
    """5.5% plus $3.00 under $100, with the help center page as source and no known date."""
    help_center = fee_schedule("help-center")
    assert help_center.buyer_fee == (
        FeeTier(max_price="99.99", flat="3", rate="0.055"),
        FeeTier(rate="0.055"),
    )
    assert help_center.seller_rate == Decimal("0.2")
    assert help_center.source.endswith(
        "https://help.fiverr.com/hc/en-us/articles/360049646033-What-is-a-service-fee"
    )
    assert help_center.effective_date is None
    assert help_center.notes.startswith("Effective date unknown")
    assert "5.5% of the purchase amount" in help_center.notes


def test_unknown_schedule_lists_the_known_ones() -> None:
    """An unknown name is an UnknownFeeScheduleError, both a LookupError and a ValueError."""
    for call in (
        lambda: fee_schedule("Article"),
        lambda: compute_order_split("5", schedule="help_center"),
        lambda: summarize_orders([], schedule="nope"),
    ):
        with pytest.raises(UnknownFeeScheduleError) as info:
            call()
        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, ValueError)
        assert info.value.known == ("article", "help-center")
        assert str(info.value).endswith("known schedules: article, help-center")


@pytest.mark.parametrize("bad", [None, 1, b"article", ["article"]])
def test_schedule_of_the_wrong_type(bad: object) -> None:
    """A schedule that is neither a FeeSchedule nor a name is a FeeTypeError."""
    with pytest.raises(FeeTypeError, match="FeeSchedule or the name"):
        compute_order_split("5", schedule=bad)  # type: ignore[arg-type]
    with pytest.raises(FeeTypeError, match="must be a str"):
        fee_schedule(bad)  # type: ignore[arg-type]


def packaged_data() -> dict[str, Any]:
    """A fresh, mutable copy of the packaged schedules file."""
    result: dict[str, Any] = json.loads(read_packaged("fee_schedules.json")[0])
    return result


def parse(data: object) -> object:
    """Load *data* as a schedules file."""
    return schedules_module.parse_schedules(json.dumps(data).encode(), "test.json")


def test_packaged_file_is_the_unstructured_schedules() -> None:
    """The shipped file is exactly what the converter makes of the loaded schedules."""
    data = packaged_data()
    assert data["schedules"] == [CONVERTER.unstructure(s) for s in fee_schedules().values()]
    assert re.fullmatch(r"[0-9]{4}\.[0-9]{2}\.[0-9]{2}", data["data_version"])


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(extra=1), "extra fields"),
        (
            lambda d: d["schedules"][1].update(seller_rate=0.2),
            "got float @ $.schedules[1].seller_rate",
        ),
        (
            lambda d: d["schedules"][0].update(seller_rate="1"),
            "got Decimal('1') @ $.schedules[0]",
        ),
        (
            lambda d: d["schedules"][0]["buyer_fee"][0].update(rate="-0.1"),
            "@ $.schedules[0].buyer_fee[0]",
        ),
        (lambda d: d["schedules"][0]["buyer_fee"][0].update(flat="2.001"), "expected flat to be"),
        (
            lambda d: d["schedules"][0]["buyer_fee"][0].update(max_price=0),
            "expected max_price to be",
        ),
        (lambda d: d["schedules"][0]["buyer_fee"][1].update(max_price="50"), "last buyer_fee tier"),
        (lambda d: d["schedules"][0].update(buyer_fee=[]), "at least one tier"),
        (lambda d: d["schedules"][0]["buyer_fee"].reverse(), "@ $.schedules[0]"),
        (lambda d: d["schedules"][0]["buyer_fee"][0].update(rate=" 0"), "buyer_fee[0].rate"),
        (lambda d: d["schedules"][0]["buyer_fee"][0].update(flat="2_00"), "buyer_fee[0].flat"),
        (lambda d: d["schedules"][1].update(seller_rate="\u0660.2"), "$.schedules[1].seller_rate"),
        (lambda d: d["schedules"][0].update(effective_date="2024-02-30"), "calendar date"),
        (lambda d: d["schedules"][0].update(effective_date="20240101"), "calendar date"),
        (lambda d: d["schedules"][0].update(name="Not A Slug"), "@ $.schedules[0].name"),
        (lambda d: d["schedules"][0].update(name="a" * 65), "at most 64 characters"),
        (lambda d: d["schedules"][1].update(name="article"), "duplicate name 'article'"),
        (lambda d: d["schedules"][0].update(name="other"), "default schedule 'article'"),
        (lambda d: d["schedules"][0].update(title=" "), "empty text @ $.schedules[0].title"),
        (lambda d: d["schedules"][1].pop("source"), "empty text @ $.schedules[1].source"),
        (lambda d: d.update(data_version=""), "empty text @ $.data_version"),
        (lambda d: d.pop("schedules"), "schedules"),
    ],
)
def test_invalid_data_names_the_file_and_path(
    change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """Each mistake in a schedules file is a KnowledgeBaseError naming the file and the path."""
    data = packaged_data()
    change(data)
    with pytest.raises(KnowledgeBaseError) as info:
        parse(data)
    assert info.value.source == "test.json"
    assert problem in str(info.value)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(schedules=[1]), "@ $.schedules[0]"),
        (lambda d: d["schedules"][0].update(buyer_fee=[1, {"rate": "0.05"}]), "buyer_fee[0]"),
        (lambda d: d["schedules"][0].update(buyer_fee={"rate": "0.05"}), "buyer_fee"),
        (lambda d: d.update(schedules={"article": {}}), "@ $.schedules"),
    ],
)
def test_malformed_data_is_reported_not_crashed_on(
    change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """Wrong shapes where objects and lists belong are reported with their path."""
    data = packaged_data()
    change(data)
    with pytest.raises(KnowledgeBaseError, match=re.escape(problem)):
        parse(data)


def test_valid_variants_of_the_data_load() -> None:
    """Integers, exponents, omitted defaults and a real date are all accepted."""
    data = packaged_data()
    article = data["schedules"][0]
    article["buyer_fee"] = [{"max_price": 40, "flat": 2}, {"rate": "5e-2"}]
    article["seller_rate"] = "0.2"
    article["effective_date"] = "2024-02-29"
    del article["notes"]
    schedule = schedules_module.parse_schedules(json.dumps(data).encode(), "x")["article"]
    assert schedule.buyer_fee == fee_schedule("article").buyer_fee
    assert (schedule.effective_date, schedule.notes) == ("2024-02-29", "")


def test_user_schedules_accept_strings_ints_and_decimals() -> None:
    """A schedule built in code converts its amounts and rates and keeps them immutable."""
    tier = FeeTier(max_price=40, flat="2", rate=Decimal("0.0500"))
    assert tier == FeeTier(max_price=Decimal("40.00"), flat=Decimal("2.00"), rate="0.05")
    assert (tier.max_price, tier.flat) == (Decimal("40.00"), Decimal("2.00"))
    schedule = FeeSchedule(
        name="mine", title="Mine", buyer_fee=[tier, FeeTier(rate="0.06")], seller_rate=0
    )
    assert schedule.buyer_fee == (tier, FeeTier(rate="0.06"))
    assert compute_order_split("100", schedule=schedule).seller_net == Decimal("100.00")
    assert hash(schedule) == hash(attrs.evolve(schedule))

    class Cents(Decimal):
        pass

    stored = FeeTier(rate=Cents("0.05"), flat=Cents("1"), max_price=Cents("9"))
    assert {type(stored.rate), type(stored.flat), type(stored.max_price)} == {Decimal}


@pytest.mark.parametrize(
    ("kwargs", "error", "problem"),
    [
        ({"rate": "1"}, InvalidFeeScheduleError, "rate to be a rate from 0"),
        ({"rate": "-0.01"}, InvalidFeeScheduleError, "rate to be a rate from 0"),
        ({"rate": "0.12345678901"}, InvalidFeeScheduleError, "at most 10 decimal places"),
        ({"rate": "NaN"}, InvalidFeeScheduleError, "rate to be"),
        ({"rate": "abc"}, InvalidFeeScheduleError, "rate to be"),
        ({"rate": 0.05}, FeeTypeError, "not float"),
        ({"flat": "-1"}, InvalidFeeScheduleError, "flat to be an amount"),
        ({"flat": "0.001"}, InvalidFeeScheduleError, "flat to be an amount"),
        ({"flat": "1000000000.01"}, InvalidFeeScheduleError, "flat to be an amount"),
        ({"flat": None}, FeeTypeError, "flat must be"),
        ({"max_price": "0"}, InvalidFeeScheduleError, "max_price to be None or a price"),
        ({"max_price": "1e10"}, InvalidFeeScheduleError, "max_price to be None or a price"),
        ({"max_price": "Infinity"}, InvalidFeeScheduleError, "max_price to be None or a price"),
        ({"max_price": True}, FeeTypeError, "max_price must be"),
    ],
)
def test_invalid_tiers(kwargs: dict[str, object], error: type[Exception], problem: str) -> None:
    """A tier with an impossible rate, flat fee or price limit is refused, saying which."""
    with pytest.raises(error, match=problem):
        FeeTier(**kwargs)  # type: ignore[arg-type]


def _schedule_fields(**changes: object) -> dict[str, object]:
    return {
        "name": "x",
        "title": "x",
        "buyer_fee": [FeeTier()],
        "seller_rate": "0.2",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "error", "problem"),
    [
        ({"buyer_fee": []}, InvalidFeeScheduleError, "at least one tier"),
        ({"buyer_fee": [FeeTier(max_price="5")]}, InvalidFeeScheduleError, "last buyer_fee tier"),
        ({"buyer_fee": [FeeTier(), FeeTier()]}, InvalidFeeScheduleError, "buyer_fee\\[0\\]"),
        (
            {"buyer_fee": [FeeTier(max_price="9"), FeeTier(max_price="9"), FeeTier()]},
            InvalidFeeScheduleError,
            "buyer_fee\\[1\\] to have a max_price above 9.00",
        ),
        ({"buyer_fee": "tiers"}, FeeTypeError, "list or tuple of FeeTier"),
        ({"buyer_fee": [{"rate": "0.05"}]}, FeeTypeError, "buyer_fee\\[0\\] to be a FeeTier"),
        ({"buyer_fee": FeeTier()}, FeeTypeError, "list or tuple of FeeTier"),
        ({"buyer_fee": 10**5000}, FeeTypeError, "got <an int of about 5001 digits>"),
        ({"seller_rate": "1.5"}, InvalidFeeScheduleError, "seller_rate to be a rate"),
        ({"seller_rate": 0.2}, FeeTypeError, "not float"),
        ({"name": ""}, InvalidFeeScheduleError, "name to be a non-empty str"),
        ({"name": 5}, FeeTypeError, "name to be a str"),
        ({"title": None}, FeeTypeError, "title to be a str"),
        ({"source": b"x"}, FeeTypeError, "source to be a str"),
        ({"notes": 1}, FeeTypeError, "notes to be a str"),
        ({"effective_date": "yesterday"}, InvalidFeeScheduleError, "calendar date"),
        ({"effective_date": 20240101}, FeeTypeError, "effective_date to be a str"),
    ],
)
def test_invalid_schedules(
    changes: dict[str, object], error: type[Exception], problem: str
) -> None:
    """A schedule with missing, disordered or open-ended tiers or bad fields is refused."""
    with pytest.raises(error, match=problem):
        FeeSchedule(**_schedule_fields(**changes))  # type: ignore[arg-type]


def test_schedule_errors_are_value_errors_of_the_library() -> None:
    """InvalidFeeScheduleError is a ValueError and a FiverrSupportKBError."""
    assert issubclass(InvalidFeeScheduleError, ValueError)
    assert issubclass(InvalidFeeScheduleError, FiverrSupportKBError)
    assert issubclass(FeeTypeError, TypeError)


def test_buyer_tier_validates_its_price() -> None:
    """buyer_tier picks the tier of a price and checks the price like a split does."""
    help_center = fee_schedule("help-center")
    assert help_center.buyer_tier("99.99").flat == Decimal("3.00")
    assert help_center.buyer_tier("100").flat == Decimal("0.00")
    with pytest.raises(InvalidAmountError):
        help_center.buyer_tier("0")


def test_splits_are_built_as_order_split_itself_builds_them() -> None:
    """The engine's direct slot filling is valid: OrderSplit has nothing its __init__ checks."""
    assert vars(OrderSplit)["__slots__"][: len(SPLIT_FIELDS)] == SPLIT_FIELDS
    for field in attrs.fields(OrderSplit):
        assert (field.validator, field.converter, field.default) == (None, None, attrs.NOTHING)
        assert field.init
        assert str(field.type) == "Decimal"
    assert not hasattr(OrderSplit, "__attrs_post_init__")
    assert not hasattr(OrderSplit, "__attrs_pre_init__")
    # The builder adds no slot and nothing but plain object methods (see fees._OpenSplit).
    builder = fees._OpenSplit
    assert builder.__bases__ == (OrderSplit,)
    assert OrderSplit.__subclasses__() == [builder]  # the one subclass callers can see
    assert builder.__slots__ == ()
    assert builder.__basicsize__ == OrderSplit.__basicsize__
    assert not vars(builder).get("__annotations__")  # its fields are declared to mypy only
    own = set(vars(builder)) - {"__module__", "__doc__", "__slots__", "__annotations__"}
    assert own == {"__init__", "__setattr__", "__delattr__"}
    for name in own:
        assert vars(builder)[name] is vars(object)[name]
    narrow = decimal.Context(prec=21)  # too narrow for plain operators: fees._split builds it
    with decimal.localcontext(narrow):
        fallback = compute_order_split("99.99", schedule="help-center")
    for split in (compute_order_split("99.99", schedule="help-center"), fallback):
        rebuilt = OrderSplit(**{name: getattr(split, name) for name in SPLIT_FIELDS})
        assert split == rebuilt
        assert repr(split) == repr(rebuilt)
        assert type(split) is OrderSplit
        assert split.__class__ is OrderSplit
        assert weakref.ref(split)() is split
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            split.price = Decimal("1.00")  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del split.price
        assert split.price == Decimal("99.99")


def test_models_are_immutable_and_copyable() -> None:
    """Every fee model is frozen, and survives pickle, copy and deepcopy equal and working."""
    summary = summarize_orders([Order(price="5", status="completed")])
    values: list[object] = [
        FeeTier(rate="0.05"),
        fee_schedule("help-center"),
        compute_order_split("5"),
        Order(price="5", status="completed"),
        summary,
    ]
    for value in values:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.price = 1  # type: ignore[attr-defined]
        pickled = pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes
        for clone in (pickled, copy.copy(value), copy.deepcopy(value)):
            assert clone == value
            assert hash(clone) == hash(value)
    with pytest.raises(TypeError):
        summary.counts[OrderStatus.COMPLETED] = 5  # type: ignore[index]
    revived = pickle.loads(pickle.dumps(fee_schedule("help-center")))  # noqa: S301 - our own bytes
    assert compute_order_split("99.99", schedule=revived).buyer_fee == Decimal("8.50")


# --- the ledger ----------------------------------------------------------------------------


def test_status_values() -> None:
    """The four statuses and their string values."""
    assert [status.value for status in OrderStatus] == [
        "in_progress",
        "delivered",
        "completed",
        "cancelled",
    ]


def test_order_converts_and_validates() -> None:
    """Orders take prices like a split does and statuses as the enum or its value, any case."""
    order = Order(price="5", status="completed")
    assert order == Order(price=Decimal("5.00"), status=OrderStatus.COMPLETED)
    assert Order(price=5, status=" Completed ").status is OrderStatus.COMPLETED
    assert Order(price=5, status="IN_PROGRESS").status is OrderStatus.IN_PROGRESS
    with pytest.raises(InvalidOrderStatusError) as info:
        Order(price=5, status="done")
    assert isinstance(info.value, ValueError)
    assert "'in_progress', 'delivered', 'completed', 'cancelled'" in str(info.value)
    with pytest.raises(FeeTypeError, match="status must be"):
        Order(price=5, status=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError):
        Order(price="0", status="completed")


def test_seller_fee_is_booked_only_on_completion() -> None:
    """Only completed orders count in the fee totals; delivered and in-progress ones are pending."""
    summary = summarize_orders(
        [
            Order(price="5", status="completed"),
            Order(price="40.50", status="completed"),
            Order(price="100", status="delivered"),
            Order(price="20", status="in_progress"),
            Order(price="999", status="cancelled"),
        ]
    )
    assert dict(summary.counts) == dict.fromkeys(OrderStatus, 1) | {OrderStatus.COMPLETED: 2}
    assert summary.order_count == 5
    assert summary.gross_completed == Decimal("45.50")
    assert summary.buyer_fee_total == Decimal("4.03")
    assert summary.seller_fee_total == Decimal("9.10")
    assert summary.seller_net_total == Decimal("36.40")
    assert summary.pending_gross == Decimal("120.00")


def test_empty_ledger() -> None:
    """No orders: every count zero and every total 0.00."""
    summary = summarize_orders(iter(()))
    assert dict(summary.counts) == dict.fromkeys(OrderStatus, 0)
    assert summary.order_count == 0
    for name in SUMMARY_TOTALS:
        value = getattr(summary, name)
        assert value == 0
        assert value.as_tuple().exponent == -2


orders_strategy = st.lists(
    st.builds(
        Order, price=st.integers(1, MAX_CENTS).map(dollars), status=st.sampled_from(OrderStatus)
    ),
    max_size=30,
)


@given(orders=orders_strategy, schedule=any_schedule, mode=modes)
def test_summary_is_the_sum_of_the_splits(
    orders: list[Order], schedule: FeeSchedule | str, mode: str
) -> None:
    """The ledger's totals are the exact sums of the completed orders' splits."""
    summary = summarize_orders(iter(orders), schedule=schedule, rounding=mode)
    done = [
        compute_order_split(order.price, schedule=schedule, rounding=mode)
        for order in orders
        if order.status is OrderStatus.COMPLETED
    ]
    assert cents_of(summary.gross_completed) == sum(cents_of(s.price) for s in done)
    assert cents_of(summary.buyer_fee_total) == sum(cents_of(s.buyer_fee) for s in done)
    assert cents_of(summary.seller_fee_total) == sum(cents_of(s.seller_fee) for s in done)
    assert cents_of(summary.seller_net_total) == sum(cents_of(s.seller_net) for s in done)
    pending = {OrderStatus.IN_PROGRESS, OrderStatus.DELIVERED}
    assert cents_of(summary.pending_gross) == sum(
        cents_of(order.price) for order in orders if order.status in pending
    )
    for status in OrderStatus:
        assert summary.counts[status] == sum(order.status is status for order in orders)


def test_summary_holds_no_orders() -> None:
    """summarize_orders reads a one-shot stream once and lets each order go before the next."""
    alive: list[weakref.ref[Order]] = []

    def stream() -> Iterator[Order]:
        statuses = list(OrderStatus)
        for index in range(2_000):
            # The summarizer still holds the order it was last given, but none before it.
            assert len(alive) < 2 or alive[-2]() is None
            order = Order(price=index % 500 + 1, status=statuses[index % 4])
            alive.append(weakref.ref(order))
            yield order

    summary = summarize_orders(stream())
    assert summary.order_count == 2_000
    assert summary.counts[OrderStatus.CANCELLED] == 500


def test_summary_rejects_what_is_not_an_order() -> None:
    """A non-iterable, a string, or an item that is not an Order is a FeeTypeError."""
    with pytest.raises(FeeTypeError, match="got 'x' at index 1"):
        summarize_orders([Order(price="5", status="completed"), "x"])  # type: ignore[list-item]
    for bad in (5, "abc", b"", None, Order(price=5, status="completed")):
        with pytest.raises(FeeTypeError, match="orders must be an iterable of Order"):
            summarize_orders(bad)  # type: ignore[arg-type]


def test_summary_checks_its_arguments_before_reading_the_stream() -> None:
    """A bad schedule or rounding is refused before a single order is consumed."""
    consumed: list[int] = []

    def stream() -> Iterator[Order]:
        consumed.append(1)
        yield Order(price=5, status="completed")

    with pytest.raises(InvalidRoundingError):
        summarize_orders(stream(), rounding="half-up")
    with pytest.raises(UnknownFeeScheduleError):
        summarize_orders(stream(), schedule="nope")
    assert consumed == []


def test_summary_uses_the_given_schedule_and_rounding() -> None:
    """The ledger's fees follow the schedule and the rounding it is given."""
    orders = [Order(price="40.50", status="completed"), Order(price="99.99", status="completed")]
    summary = summarize_orders(orders, schedule="help-center", rounding=ROUND_HALF_EVEN)
    splits = [
        compute_order_split(order.price, schedule="help-center", rounding=ROUND_HALF_EVEN)
        for order in orders
    ]
    assert summary.buyer_fee_total == sum((split.buyer_fee for split in splits), Decimal(0))
    assert isinstance(summary, OrderSummary)


@pytest.mark.parametrize("text", ["5_0", "1_000.00", "٥٠", "５０", "5\u00a0"])
def test_amounts_are_plain_ascii_decimals(text: str) -> None:
    """Underscores and digits of other scripts are refused, though Decimal() would read them."""
    with pytest.raises(InvalidAmountError, match="is not a decimal number"):
        compute_order_split(text)
    with pytest.raises(InvalidAmountError, match="is not a decimal number"):
        Order(price=text, status="completed")


class _LyingStr(str):
    """A str whose own methods claim it is the amount 5."""

    __slots__ = ()

    def strip(self, _chars: str | None = None) -> str:
        return "5"

    def isascii(self) -> bool:
        return True

    def __contains__(self, key: object) -> bool:
        return False


class _LyingInt(int):
    """An int whose own conversions, comparisons and size all lie."""

    __slots__ = ()

    def __int__(self) -> int:
        return 5

    def __index__(self) -> int:
        return 5

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __gt__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return True

    def bit_length(self) -> int:
        raise RuntimeError


def test_a_str_subclass_amount_is_read_by_its_characters() -> None:
    """A str subclass whose strip() says "5" is still the text it holds, not $5.00."""
    with pytest.raises(InvalidAmountError, match="is not a decimal number"):
        compute_order_split(_LyingStr("Fiverr-Care"))
    with pytest.raises(InvalidAmountError, match="is not a decimal number"):
        compute_order_split(_LyingStr(" Fiverr-Care "))
    assert compute_order_split(_LyingStr(" 7.50 ")) == compute_order_split("7.50")


@pytest.mark.parametrize("value", [0, -3, 10**20, 7])
def test_an_int_subclass_amount_is_judged_by_its_value(value: int) -> None:
    """An int subclass's own __int__, __index__ and comparisons never decide the amount."""
    if 0 < value <= 10**9:
        assert compute_order_split(_LyingInt(value)) == compute_order_split(value)
    else:
        with pytest.raises(InvalidAmountError, match=rf"price {value} is "):
            compute_order_split(_LyingInt(value))


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_int_subclasses_and_ints_give_the_same_answer(value: int) -> None:
    """For any int, its lying subclass gets exactly the answer (or error) the int gets."""
    try:
        expected: object = compute_order_split(value)
    except InvalidAmountError as exc:
        expected = str(exc)
    try:
        got: object = compute_order_split(_LyingInt(value))
    except InvalidAmountError as exc:
        got = str(exc)
    assert got == expected


# --- payments of one order -----------------------------------------------------------------


def test_todays_fee_is_charged_on_each_payment() -> None:
    """Under the help center's rule the order, an extra and a tip each pay 5.5% and $3."""
    payments = [
        fees.Payment(kind="order", amount="50"),
        fees.Payment(kind="extra", amount="20"),
        fees.Payment(kind="tip", amount="10"),
    ]
    split = fees.split_payments(payments, schedule="help-center")
    assert split.per_payment
    assert [part.buyer_fee for part in split.parts] == [
        Decimal("5.75"),
        Decimal("4.10"),
        Decimal("3.55"),
    ]
    assert [part.seller_fee for part in split.parts] == [
        Decimal("10.00"),
        Decimal("4.00"),
        Decimal("2.00"),  # the seller's 20% applies to tips too
    ]
    assert split.total == OrderSplit(
        price=Decimal("80.00"),
        buyer_fee=Decimal("13.40"),
        buyer_total=Decimal("93.40"),
        seller_fee=Decimal("16.00"),
        seller_net=Decimal("64.00"),
        platform_revenue=Decimal("29.40"),
    )


def test_a_schedule_without_per_payment_charges_the_order_as_one_purchase() -> None:
    """The article's rule does not say each payment pays: the payments are one purchase."""
    payments = [fees.Payment(kind="order", amount="30"), fees.Payment(kind="tip", amount="15")]
    split = fees.split_payments(payments)
    assert not split.per_payment
    assert split.parts == (compute_order_split("45"),)
    assert split.total == compute_order_split("45")


def test_payments_by_date_use_that_days_schedule() -> None:
    """on= picks the schedule in force, and with it whether each payment pays."""
    payments = [fees.Payment(kind="order", amount="5"), fees.Payment(kind="tip", amount="5")]
    assert fees.split_payments(payments, on="2026-12-06").schedule == "help-center"
    assert len(fees.split_payments(payments, on="2026-12-06").parts) == 2
    assert fees.split_payments(payments, on="2019-06-01").parts == (compute_order_split("10"),)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: fees.split_payments([]), InvalidArgumentError, "at least one"),
        (lambda: fees.split_payments(["5"]), FeeTypeError, "payments[0] must be a Payment"),  # type: ignore[list-item]
        (lambda: fees.split_payments(5), FeeTypeError, "iterable of Payment"),  # type: ignore[arg-type]
        (lambda: fees.Payment(kind="gift", amount="5"), InvalidArgumentError, "'tip'"),
        (lambda: fees.Payment(kind=1, amount="5"), FeeTypeError, "PaymentKind"),  # type: ignore[arg-type]
        (lambda: fees.Payment(kind="tip", amount="0"), InvalidAmountError, "amount"),
    ],
)
def test_bad_payments_are_refused(
    call: Callable[[], object], error: type[Exception], fragment: str
) -> None:
    """Payments are checked as prices are; an empty order has nothing to split."""
    with pytest.raises(error, match=re.escape(fragment)):
        call()


payment_lists = st.lists(
    st.builds(
        fees.Payment,
        kind=st.sampled_from(list(fees.PaymentKind)),
        amount=st.integers(1, 10_000_000).map(lambda cents: Decimal(cents).scaleb(-2)),
    ),
    min_size=1,
    max_size=6,
)


@given(payments=payment_lists, schedule=any_schedule, mode=modes)
def test_multi_payment_splits_add_up(
    payments: list[fees.Payment], schedule: FeeSchedule | str, mode: str
) -> None:
    """The total is the exact sum of the parts, each part a split of its own payment(s)."""
    split = fees.split_payments(payments, schedule=schedule, rounding=mode)
    resolved = schedules_module.resolve_schedule(schedule)
    amounts = [payment.amount for payment in payments]
    if resolved.per_payment:
        assert [part.price for part in split.parts] == amounts
    else:
        assert [part.price for part in split.parts] == [sum(amounts, Decimal("0.00"))]
    for part in split.parts:
        assert part == compute_order_split(part.price, schedule=schedule, rounding=mode)
    for name in SPLIT_FIELDS:
        assert getattr(split.total, name) == sum(
            (getattr(part, name) for part in split.parts), Decimal("0.00")
        )
    total = split.total
    assert total.buyer_total == total.price + total.buyer_fee
    assert total.seller_net == total.price - total.seller_fee
    assert total.platform_revenue == total.buyer_fee + total.seller_fee


def test_reverse_calculations_take_a_day() -> None:
    """on= gives the reverse calculations the schedule in force that day, as for a split."""
    day = "2020-12-24"
    schedule = schedules_module.fee_schedule_on(day)
    assert max_price_for_budget("100", on=day) == max_price_for_budget("100", schedule=schedule)
    assert price_for_seller_net("40", on=day) == price_for_seller_net("40", schedule=schedule)
    with pytest.raises(InvalidFeeScheduleError, match="not both"):
        max_price_for_budget("100", on=day, schedule="help-center")
    with pytest.raises(kb.NoScheduleOnDateError):
        price_for_seller_net("40", on="2009-06-01")
