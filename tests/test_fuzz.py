"""Fuzzing: arbitrary objects and hostile text at every public function, the CLI and load_kb.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents: never ``decimal.InvalidOperation``, an internal ``KeyError``,
``IndexError``, ``AttributeError``, ``RecursionError``, ``UnicodeEncodeError`` or an exception
raised by a caller's broken ``__repr__``/``__str__``/``__eq__``/``__hash__``. The command line
exits 0 or 2 (one line on stderr), never with a traceback; ``load_kb`` on a corrupted file
raises ``KnowledgeBaseError`` naming the file, or returns a valid knowledge base.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import decimal
import functools
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from fiverr_support_kb import (
    LANGUAGES,
    ChannelKind,
    FeeSchedule,
    FeeTier,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidDateError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    KnowledgeBase,
    KnowledgeBaseError,
    LocalizedText,
    NoPriceFitsError,
    NoScheduleOnDateError,
    Order,
    OrderSplit,
    OrderStatus,
    OrderSummary,
    Payment,
    PaymentsSplit,
    SearchHit,
    SocialNetwork,
    UnknownFaqEntryError,
    UnknownFeeScheduleError,
    UnsupportedLanguageError,
    UsernameAssessment,
    Verdict,
    assess_username,
    compute_order_split,
    default_kb,
    fee_schedule,
    fee_schedules,
    is_official,
    load_kb,
    max_price_for_budget,
    normalize_language,
    price_for_seller_net,
    search,
    split_payments,
    summarize_orders,
)
from fiverr_support_kb._loading import KB_FILE, MAX_FILE_BYTES, read_packaged
from fiverr_support_kb._validate import kb_problems
from fiverr_support_kb.cli import main
from fiverr_support_kb.exports import CSV_COLUMNS, parse_amount
from fiverr_support_kb.knowledge_base import parse_kb

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

ROUNDINGS: Final = (
    decimal.ROUND_05UP,
    decimal.ROUND_CEILING,
    decimal.ROUND_DOWN,
    decimal.ROUND_FLOOR,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_UP,
    decimal.ROUND_UP,
)
SCHEDULE_NAMES: Final = tuple(sorted(fee_schedules()))
CENT: Final = Decimal("0.01")
MAX_AMOUNT: Final = Decimal("1000000000.00")
SPLIT_FIELDS: Final = tuple(field.name for field in attrs.fields(OrderSplit))
DEFAULT_KB: Final = default_kb()
FAQ_IDS: Final = DEFAULT_KB.faq_ids
PACKAGED_KB_BYTES, PACKAGED_KB_SOURCE = read_packaged(KB_FILE)
PACKAGED_KB_JSON: Final = json.loads(PACKAGED_KB_BYTES)
#: A fresh, strict load of the packaged file: what default_kb() must stay equal to.
FRESH_KB: Final = parse_kb(PACKAGED_KB_BYTES, PACKAGED_KB_SOURCE)
#: The longest message any exception of the library may have, whatever the input's length.
MAX_MESSAGE: Final = 2000
#: The same for KnowledgeBaseError, which names the file (up to PATH_MAX, 4096 characters)
#: and shows up to 20 problems of up to 500 characters each.
MAX_KB_MESSAGE: Final = 16_000
#: Exceptions that must never come out of the library, whatever it is given.
FORBIDDEN: Final = (
    decimal.DecimalException,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    UnicodeError,
    RuntimeError,
    AssertionError,
)


# --- hostile objects -----------------------------------------------------------------------------

#: While true, the hostile objects below raise from their protocol methods. They are armed
#: only while the library runs (see :func:`outcome`), so that Hypothesis and the assertions
#: can still show and compare them.
ARMED: Final = [False]


@contextlib.contextmanager
def armed() -> Iterator[None]:
    """Arm the hostile objects for the duration of the block."""
    ARMED[0] = True
    try:
        yield
    finally:
        ARMED[0] = False


class Hostile:
    """A mixin whose ``__repr__``, ``__str__``, ``__eq__``, ``__ne__``, ``__hash__`` can raise."""

    __slots__ = ()

    def __repr__(self) -> str:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __repr__")
        return f"{type(self).__name__}({super().__repr__()})"

    def __str__(self) -> str:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __str__")
        return super().__str__()

    def __eq__(self, other: object) -> bool:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __eq__")
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __ne__")
        return super().__ne__(other)

    def __hash__(self) -> int:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __hash__")
        return super().__hash__()


class Broken(Hostile):
    """An object whose protocol methods raise (when armed)."""

    __slots__ = ()


class HostileStr(Hostile, str):
    """A ``str`` whose protocol methods raise (when armed)."""

    __slots__ = ()


class PlainStrSubclass(str):
    """A ``str`` subclass that changes nothing."""

    __slots__ = ()


class HostileInt(Hostile, int):
    """An ``int`` whose protocol methods raise (when armed)."""

    __slots__ = ()


class HostileDecimal(Hostile, Decimal):
    """A ``Decimal`` whose protocol methods raise (when armed)."""

    __slots__ = ()


@attrs.frozen
class FsPath:
    """A path-like object whose ``__fspath__`` returns whatever it was given."""

    value: object

    def __fspath__(self) -> Any:
        """Return the value, whatever it is."""
        return self.value


#: Characters that break naive text handling: controls, NUL, bidi controls, zero-width and
#: other invisible characters, line separators, noncharacters, lone surrogates, combining
#: marks, full-width forms, lookalikes, case traps and non-ASCII digits.
HOSTILE_CHARACTERS: Final = (
    "\x00\t\n\r\x0b\x0c\x1b\x7f\x85\xa0\xad\u034f\u061c\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\u3000\ufeff\ufffc\ufffd\ufffe\uffff"
    "\ud800\udbff\udc00\udcff\udfff\U000e0001\U000e0041\U0010ffff"
    "\u0300\u0301\u0308\u0327\u0336\u20dd\u0345"
    "ＦＩＶＥＲＲｆｉｖｅｒｒ０１２３４５．，－＿"
    "ѕаеорсіІЅԁⅰℓ𝐟𝐢𝐯𝐞𝐫"
    "İıſKẞßǅﬁﬀ"
    "٠١٢۳४๕᠕𝟓"
    "\"',;\\%$€¥-_.+eE"
)
#: Words and numbers the library gives a meaning to, to mix with the noise.
FRAGMENTS: Final = (
    "5",
    "40",
    "40.00",
    "40.01",
    "40.50",
    "0.01",
    "12.345",
    "1000000000.00",
    "1000000000.01",
    "-0",
    "+5",
    "1e2",
    "1E+999999999",
    "1e-999999999",
    "1e999999999999999999999",
    "NaN",
    "sNaN",
    "-Infinity",
    "5_0",
    "1,000",
    " 7 ",
    "ROUND_HALF_UP",
    "ROUND_05UP",
    "half-even",
    "article",
    "help-center",
    "hu",
    "en",
    "EN-gb",
    "hu_HU",
    "completed",
    "COMPLETED",
    "cancelled",
    "phone",
    "email",
    "social",
    "twitter",
    "pinterest",
    "change-password",
    "seller-fee",
    "Fiverr",
    "Fiverr-Care",
    "fiverr_365",
    "Fivver Support",
    "jelszó",
    "jelszavam",
    "password",
    "fee",
    "díj",
    "e-mail",
    "Netflix",
)

_characters = st.one_of(
    st.characters(),
    st.characters(categories=["Cs"]),
    st.sampled_from(HOSTILE_CHARACTERS),
)
#: Short hostile text: any code point (lone surrogates included), with meaningful fragments.
short_text = st.lists(
    st.one_of(st.text(_characters, max_size=6), st.sampled_from(FRAGMENTS)), max_size=6
).map("".join)


def _long(piece: str, prefix: str) -> str:
    """Return *prefix* then *piece* repeated to at least 100,000 characters."""
    return prefix + piece * (100_000 // len(piece) + 1)


#: Very long text: 100,000 characters and more, plain or starting like a valid value.
long_text = st.builds(
    _long,
    st.one_of(st.sampled_from(HOSTILE_CHARACTERS), short_text.filter(bool)),
    st.sampled_from(["", "5", "0.", "Fiverr-Care", "jelszó ", "1e"]),
)
hostile_text = st.one_of(short_text, short_text, long_text)

_DECIMAL_TEXTS: Final = (
    "NaN",
    "-NaN",
    "sNaN",
    "-sNaN123",
    "Infinity",
    "-Infinity",
    "0",
    "-0.00",
    "0.01",
    "0.001",
    "5",
    "5.000",
    "5E+1",
    "4E+1",
    "40.50",
    "1000000000.00",
    "1000000000.01",
    "1E+999999999",
    "-1E+999999999",
    "1E-999999999",
    "1E+425000000",
    "9.99999999999999999999999999999999999999E+99",
)
decimals = st.one_of(
    st.sampled_from([Decimal(text) for text in _DECIMAL_TEXTS]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=2_000_000_000, places=2),
)
integers = st.one_of(
    st.integers(),
    st.integers(min_value=-5, max_value=2_000_000_000),
    st.sampled_from([2**63, 2**64 + 1, 10**9, 10**9 + 1]),
    # Built, not listed: Hypothesis cannot show an int of more than 4300 digits.
    st.builds(
        lambda sign, digits: sign * 10**digits,
        st.sampled_from([1, -1]),
        st.sampled_from([4300, 4301, 5000, 100_000]),
    ),
)
#: Arbitrary objects of every kind a caller might pass by mistake, or on purpose.
hostile_objects = st.one_of(
    st.none(),
    st.booleans(),
    integers,
    st.floats(),
    decimals,
    st.binary(max_size=8),
    st.builds(bytearray, st.binary(max_size=4)),
    st.lists(st.integers(), max_size=3),
    st.tuples(short_text),
    st.dictionaries(short_text, st.integers(), max_size=2),
    st.frozensets(st.integers(), max_size=2),
    st.complex_numbers(),
    st.sampled_from([Ellipsis, object(), object, str, int, len, NotImplemented]),
    st.builds(Broken),
    st.builds(HostileStr, short_text),
    st.builds(PlainStrSubclass, short_text),
    st.builds(HostileInt, st.integers(min_value=-3, max_value=2_000_000_000)),
    st.builds(HostileDecimal, decimals),
    st.builds(FsPath, st.one_of(st.none(), st.integers(), st.binary(max_size=8))),
    st.sampled_from(list(ChannelKind) + list(SocialNetwork) + list(OrderStatus)),
)
anything = st.one_of(hostile_objects, hostile_text)
#: Plausible-looking values of one parameter mixed with arbitrary ones.
money_like = st.one_of(
    anything,
    st.integers(min_value=1, max_value=100_000_000_000).map(
        lambda cents: f"{Decimal(cents).scaleb(-2)}"
    ),
)
rounding_like = st.one_of(anything, st.sampled_from(ROUNDINGS))
schedule_like = st.one_of(
    anything, st.sampled_from(SCHEDULE_NAMES), st.sampled_from(list(fee_schedules().values()))
)


# --- helpers -------------------------------------------------------------------------------------


def untyped(value: object) -> Any:
    """Return *value* typed as ``Any``: the tests pass wrong types on purpose."""
    return value


def outcome(call: Callable[[], object]) -> tuple[object, BaseException | None]:
    """Run *call*; return its result, or the exception it raised."""
    try:
        with armed():
            return call(), None
    except Exception as exc:  # noqa: BLE001 - the tests classify every exception
        return None, exc


def assert_documented(exc: BaseException, allowed: tuple[type[BaseException], ...]) -> None:
    """*exc* is one of the *allowed* exceptions, with a short, readable message."""
    assert isinstance(exc, allowed), f"undocumented {type(exc).__name__}: {exc!r}"
    assert not isinstance(exc, FORBIDDEN), f"leaked {type(exc).__name__}: {exc!r}"
    if isinstance(exc, FiverrSupportKBError):
        assert isinstance(exc, (ValueError, TypeError, LookupError)), type(exc)
    message = str(exc)
    assert message.strip(), f"empty message from {type(exc).__name__}"
    limit = MAX_KB_MESSAGE if isinstance(exc, KnowledgeBaseError) else MAX_MESSAGE
    assert len(message) <= limit, f"{len(message)}-character message: {message[:200]}"


def check(
    call: Callable[[], object], allowed: tuple[type[BaseException], ...]
) -> tuple[object, BaseException | None]:
    """Run *call*, assert that it raised nothing or one of *allowed*, and return the outcome."""
    result, exc = outcome(call)
    if exc is not None:
        assert_documented(exc, allowed)
    return result, exc


def is_cents(value: object) -> bool:
    """Tell whether *value* is a plain finite Decimal with exactly two decimal places."""
    return type(value) is Decimal and value.is_finite() and value.as_tuple().exponent == -2


def assert_well_formed_split(split: object, price: Decimal | None = None) -> None:
    """*split* is an OrderSplit of whole-cent Decimals whose parts add up exactly."""
    assert isinstance(split, OrderSplit)
    for name in SPLIT_FIELDS:
        assert is_cents(getattr(split, name)), (name, getattr(split, name))
    assert CENT <= split.price <= MAX_AMOUNT
    assert split.buyer_fee >= 0
    assert split.seller_fee >= 0
    assert split.buyer_total == split.price + split.buyer_fee
    assert split.seller_net == split.price - split.seller_fee
    assert split.platform_revenue == split.buyer_fee + split.seller_fee
    if price is not None:
        assert split.price == price


def amount_type_ok(value: object) -> bool:
    """Tell whether the fee engine takes *value*'s type for an amount (str, int or Decimal)."""
    return isinstance(value, (str, int, Decimal)) and not isinstance(value, bool)


def exact_amount(value: object) -> Decimal | None:
    """Return *value* as the whole-cent amount the fee engine must accept, else ``None``."""
    # Read exactly and without traps: what is not a finite number comes out as NaN or
    # Infinity; a subclass is read by its plain value.
    exact = decimal.Context(prec=decimal.MAX_PREC, traps=[])
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        return None
    if isinstance(value, str):
        text = str.__str__(value)
        if not text.isascii() or "_" in text:  # amounts as text are plain ASCII decimals
            return None
        number = exact.create_decimal(text.strip())
    else:
        number = exact.create_decimal(Decimal(value))
    if not number.is_finite() or not 0 < number <= MAX_AMOUNT:
        return None
    cents = number.quantize(CENT)
    return cents if cents == number else None


# --- the fee engine ------------------------------------------------------------------------------

FEE_ERRORS: Final = (
    InvalidAmountError,
    FeeTypeError,
    UnknownFeeScheduleError,
    InvalidRoundingError,
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


@example(name=HostileStr("article"))
@given(name=st.one_of(anything, st.sampled_from(SCHEDULE_NAMES)))
def test_fee_schedule_lookup_only_documented_errors(name: Any) -> None:
    """Any name: the packaged schedule of that name, or UnknownFeeScheduleError/FeeTypeError."""
    schedule, exc = check(
        lambda: fee_schedule(name),
        (UnknownFeeScheduleError, FeeTypeError),
    )
    if not isinstance(name, str):
        assert isinstance(exc, FeeTypeError)
    elif str.__str__(name) in SCHEDULE_NAMES:
        assert schedule is fee_schedules()[str.__str__(name)]
    else:
        assert isinstance(exc, UnknownFeeScheduleError)


tier_values = st.one_of(
    anything,
    st.sampled_from(["0", "0.05", "0.055", "0.0000000001", "0.99999999999", "1", "2.00", "40"]),
)


@example(max_price=HostileDecimal("40"), flat="2", rate="0")
@example(max_price=None, flat="0", rate=HostileDecimal("0.05"))
@given(max_price=tier_values, flat=tier_values, rate=tier_values)
def test_fee_tier_is_built_or_a_documented_error(max_price: Any, flat: Any, rate: Any) -> None:
    """Any fields: a FeeTier of plain Decimals, or InvalidFeeScheduleError/FeeTypeError."""
    tier, exc = check(
        lambda: FeeTier(max_price=max_price, flat=flat, rate=rate),
        (InvalidFeeScheduleError, FeeTypeError),
    )
    if exc is None:
        assert isinstance(tier, FeeTier)
        assert tier.max_price is None or is_cents(tier.max_price)
        assert is_cents(tier.flat)
        assert type(tier.rate) is Decimal
        assert 0 <= tier.rate < 1
        hash(tier)
        repr(tier)


@st.composite
def schedule_fields(draw: st.DrawFn) -> dict[str, object]:
    """Keyword arguments for FeeSchedule: plausible ones with some replaced by anything."""
    tiers: object = draw(
        st.lists(
            st.builds(
                FeeTier,
                max_price=st.none() | st.sampled_from(["10", "40", "99.99", "1000000000"]),
                flat=st.sampled_from(["0", "2", "3.00"]),
                rate=st.sampled_from(["0", "0.05", "0.055"]),
            ),
            max_size=3,
        )
    )
    fields: dict[str, object] = {
        "name": "custom",
        "title": "Custom rules",
        "buyer_fee": tiers,
        "seller_rate": "0.2",
        "source": "",
        "effective_date": draw(st.sampled_from([None, "2024-02-29", "2023-02-29", "20240101"])),
        "notes": "",
    }
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True)):
        fields[name] = draw(anything)
    return fields


@example(
    fields={
        "name": HostileStr("custom"),
        "title": "t",
        "buyer_fee": [FeeTier()],
        "seller_rate": "0.2",
    }
)
@example(
    fields={
        "name": "custom",
        "title": HostileStr("t"),
        "buyer_fee": [FeeTier()],
        "seller_rate": "0.2",
        "source": HostileStr("s"),
        "effective_date": HostileStr("2024-01-01"),
        "notes": HostileStr("n"),
    }
)
@example(
    fields={
        "name": "n" * 100_000,
        "title": "A long name",
        "buyer_fee": [FeeTier(flat="5")],
        "seller_rate": "0.5",
    }
)
@given(fields=schedule_fields())
def test_fee_schedule_is_built_and_usable_or_a_documented_error(fields: dict[str, Any]) -> None:
    """Any fields: a FeeSchedule that splits prices correctly, or a documented error."""
    schedule, exc = check(lambda: FeeSchedule(**fields), (InvalidFeeScheduleError, FeeTypeError))
    if exc is not None:
        return
    assert isinstance(schedule, FeeSchedule)
    for name in ("name", "title", "source", "notes"):
        assert type(getattr(schedule, name)) is str, name
    assert schedule.effective_date is None or type(schedule.effective_date) is str
    hash(schedule)
    repr(schedule)
    assert schedule == copy.copy(schedule)
    for price in ("0.01", "40", "99.99", "100", "1000000000"):
        assert_well_formed_split(compute_order_split(price, schedule=schedule), Decimal(price))
    check(lambda: price_for_seller_net("100", schedule=schedule), (NoPriceFitsError,))
    check(lambda: max_price_for_budget("1.00", schedule=schedule), (NoPriceFitsError,))


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


# --- regression tests of the fee engine's fixes --------------------------------------------------


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


# --- usernames -----------------------------------------------------------------------------------


@example(username="\ud800Fiverr-Care")
@example(username="Fiverr\u202eeraC")
@example(username="Fiverr-Care" * 100_000)
@example(username=HostileStr("Fiverr-Care"))
@given(username=anything)
def test_username_checks_answer_any_str_and_refuse_the_rest(username: Any) -> None:
    """is_official and assess_username agree on any str, and raise TypeError for the rest."""
    official, exc = check(lambda: is_official(username), (TypeError,))
    assessment, assess_exc = check(lambda: assess_username(username), (TypeError,))
    if not isinstance(username, str):
        assert isinstance(exc, TypeError)
        assert isinstance(assess_exc, TypeError)
        assert not isinstance(exc, FiverrSupportKBError) or isinstance(exc, TypeError)
        return
    assert exc is None
    assert assess_exc is None
    assert type(official) is bool
    assert isinstance(assessment, UsernameAssessment)
    assert (assessment.verdict is Verdict.OFFICIAL) == official
    if official:
        assert assessment.official_account is not None
        assert str.__str__(username).strip(" \t\n\r\x0b\x0c").isascii()
    if assessment.verdict is Verdict.UNRELATED:
        assert assessment.official_account is None
    else:
        assert assessment.reasons or assessment.official_account is not None
    for reason in assessment.reasons:
        assert type(reason.code) is str
        assert reason.code
        assert type(reason.message) is str
        assert reason.message.strip()


@pytest.mark.parametrize("name", ["Fiverr-Care", "Fiverr_Care", "pixelcraft99"])
def test_assessment_holds_the_name_as_a_plain_str(name: str) -> None:
    """The assessment of a str subclass holds a plain str: its repr, == and hash work."""
    result = assess_username(HostileStr(name))
    assert type(result.username) is str
    assert result.username == name
    again = assess_username(name)
    _, exc = outcome(lambda: (repr(result), hash(result), result == again))
    assert exc is None, exc


# --- search --------------------------------------------------------------------------------------

SEARCH_ERRORS: Final = (TypeError, ValueError)
lang_like = st.one_of(st.none(), anything, st.sampled_from(["hu", "en", "HU", "en-GB", "de"]))
limit_like = st.one_of(anything, st.integers(min_value=-3, max_value=12))


def search_error_expected(query: object, lang: object, limit: object, kb: object) -> bool:
    """Tell whether search() must refuse these arguments (in the order it checks them)."""
    if not isinstance(query, str) or not isinstance(limit, int) or isinstance(limit, bool):
        return True
    if limit < 1:
        return True
    if lang is not None:
        if not isinstance(lang, str):
            return True
        try:
            normalize_language(str.__str__(lang))
        except UnsupportedLanguageError:
            return True
    return kb is not None and not isinstance(kb, KnowledgeBase)


def assert_well_formed_hits(hits: object, limit: int, lang: object) -> None:
    """*hits* is a list of at most *limit* SearchHits, best first, in the languages asked."""
    assert isinstance(hits, list)
    assert len(hits) <= limit
    scores = []
    for hit in hits:
        assert isinstance(hit, SearchHit)
        assert hit.entry in DEFAULT_KB.faq
        assert hit.lang in LANGUAGES
        if lang is not None:
            assert hit.lang == normalize_language(str.__str__(lang))
        assert type(hit.score) is float
        assert hit.score > 0
        scores.append(hit.score)
    assert scores == sorted(scores, reverse=True)
    assert len({hit.entry.id for hit in hits}) == len(hits)


@example(query="jelszó" * 20_000, lang=None, limit=3, kb=None)
@example(query="\ud800 password", lang="en", limit=1, kb=None)
@example(query=HostileStr("password"), lang=HostileStr("en"), limit=HostileInt(2), kb=None)
@example(query="x", lang=None, limit=-(10**5000), kb=None)
@given(
    query=st.one_of(anything, hostile_text),
    lang=lang_like,
    limit=limit_like,
    kb=st.one_of(st.none(), st.none(), st.just(DEFAULT_KB), anything),
)
def test_search_answers_or_refuses_as_documented(
    query: Any, lang: Any, limit: Any, kb: Any
) -> None:
    """Any query, lang, limit and kb: well-formed hits, or TypeError/ValueError as documented."""
    hits, exc = check(
        lambda: search(query, lang=lang, limit=limit, kb=kb),
        SEARCH_ERRORS,
    )
    if search_error_expected(query, lang, limit, kb):
        assert exc is not None
        return
    assert exc is None, exc
    assert isinstance(limit, int)
    assert_well_formed_hits(hits, limit, lang)


@given(query=hostile_text, lang=lang_like, limit=limit_like)
def test_knowledge_base_search_is_search(query: Any, lang: Any, limit: Any) -> None:
    """KnowledgeBase.search gives what search(kb=...) gives, errors included."""
    method = outcome(lambda: DEFAULT_KB.search(query, lang=lang, limit=limit))
    function = outcome(lambda: search(query, lang=lang, limit=limit, kb=DEFAULT_KB))
    assert method[0] == function[0]
    assert type(method[1]) is type(function[1])
    if method[1] is not None:
        assert_documented(method[1], SEARCH_ERRORS)


def test_huge_negative_limit_is_refused_with_a_readable_message() -> None:
    """A limit of -10**5000 is refused for being below 1, not for failing to print."""
    with pytest.raises(ValueError, match="limit must be at least 1") as info:
        search("password", limit=-(10**5000))
    assert "integer string conversion" not in str(info.value)


def test_int_subclass_limit_is_refused_without_calling_its_str() -> None:
    """A limit of an int subclass whose __str__ raises gives the documented ValueError."""
    check(lambda: search("password", limit=HostileInt(0)), (ValueError,))


def test_importing_the_search_module_keeps_the_search_function() -> None:
    """After KnowledgeBase.search (which imports the search module), the package's search works."""
    code = (
        "import fiverr_support_kb as kb\n"
        "kb.default_kb().search('password')\n"
        "assert callable(kb.search), kb.search\n"
        "from fiverr_support_kb import search\n"
        "assert callable(search), search\n"
        "print(search('password')[0].entry.id)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in FAQ_IDS


# --- the knowledge base's lookups ----------------------------------------------------------------


@example(entry_id=HostileStr("change-password"))
@example(entry_id=Broken())
@given(entry_id=st.one_of(anything, st.sampled_from(FAQ_IDS)))
def test_faq_entry_is_found_or_unknown(entry_id: Any) -> None:
    """Any id: the entry with exactly that id, or UnknownFaqEntryError listing the known ids."""
    entry, exc = check(lambda: DEFAULT_KB.faq_entry(entry_id), (UnknownFaqEntryError,))
    if isinstance(entry_id, str) and str.__str__(entry_id) in FAQ_IDS:
        assert exc is None
        assert entry is DEFAULT_KB.faq[FAQ_IDS.index(str.__str__(entry_id))]
    else:
        assert isinstance(exc, UnknownFaqEntryError)
        assert "change-password" in str(exc)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: DEFAULT_KB.faq_entry(untyped(Broken())), UnknownFaqEntryError),
        (lambda: DEFAULT_KB.faq_entry(HostileStr("nope")), UnknownFaqEntryError),
        (lambda: DEFAULT_KB.channels_of(untyped(Broken())), ValueError),
        (lambda: DEFAULT_KB.channel(untyped(HostileInt(3))), ValueError),
        (lambda: DEFAULT_KB.channel(HostileStr("nope")), ValueError),
        (lambda: DEFAULT_KB.social_channel(untyped(Broken())), ValueError),
        (lambda: load_kb(HostileStr("missing.json")), KnowledgeBaseError),
        (lambda: load_kb(FsPath(HostileStr("missing.json"))), KnowledgeBaseError),
    ],
)
def test_hostile_dunders_never_escape_the_lookups(
    call: Callable[[], object], expected: type[Exception]
) -> None:
    """Lookups and load_kb refuse objects with broken __eq__/__hash__/__repr__ as documented."""
    _, exc = check(call, (expected,))
    assert isinstance(exc, expected)


def test_lookups_take_str_subclasses_by_value() -> None:
    """A str subclass holding a valid id, kind or network is looked up by its plain value."""
    with armed():
        entry = DEFAULT_KB.faq_entry(HostileStr("seller-fee"))
        phone = DEFAULT_KB.channel(HostileStr("phone"))
        twitter = DEFAULT_KB.social_channel(HostileStr("twitter"))
    assert entry.id == "seller-fee"
    assert phone.kind is ChannelKind.PHONE
    assert twitter.network is SocialNetwork.TWITTER


def _member_value(value: object, members: Sequence[str]) -> str | None:
    """The member value *value* names (the member itself or its plain str value), if any."""
    if isinstance(value, str) and str.__str__(value) in members:
        return str.__str__(value)
    return None


@example(kind=HostileStr("phone"))
@example(kind=HostileInt(3))
@example(kind=Broken())
@given(kind=st.one_of(anything, st.sampled_from([kind.value for kind in ChannelKind])))
def test_channel_lookups_find_the_kind_or_refuse_it(kind: Any) -> None:
    """Any kind: the channels of that kind, or ValueError; channel() adds LookupError."""
    values = [member.value for member in ChannelKind]
    wanted = _member_value(kind, values)
    channels, exc = check(lambda: DEFAULT_KB.channels_of(kind), (ValueError,))
    first, first_exc = check(lambda: DEFAULT_KB.channel(kind), (ValueError, LookupError))
    if wanted is None:
        assert isinstance(exc, ValueError)
        assert isinstance(first_exc, ValueError)
        return
    assert exc is None
    assert isinstance(channels, tuple)
    assert channels == tuple(c for c in DEFAULT_KB.channels if c.kind.value == wanted)
    if channels:
        assert first is channels[0]
    else:
        assert isinstance(first_exc, LookupError)


@example(network=HostileStr("twitter"))
@example(network=Broken())
@given(network=st.one_of(anything, st.sampled_from([net.value for net in SocialNetwork])))
def test_social_channel_is_found_or_refused(network: Any) -> None:
    """Any network: its official page, or ValueError (not a network) / LookupError (no page)."""
    wanted = _member_value(network, [member.value for member in SocialNetwork])
    channel, exc = check(
        lambda: DEFAULT_KB.social_channel(network),
        (ValueError, LookupError),
    )
    if wanted is None:
        assert isinstance(exc, ValueError)
    else:
        assert exc is None
        assert channel in DEFAULT_KB.channels
        assert channel.network is SocialNetwork(wanted)


@example(lang=HostileStr("hu"))
@example(lang="\ud800")
@given(lang=st.one_of(lang_like, hostile_text))
def test_localized_text_and_normalize_language(lang: Any) -> None:
    """get() falls back for any str; [] and normalize_language take hu/en or refuse the rest."""
    text = DEFAULT_KB.faq_entry("change-password").question
    got, get_exc = check(lambda: text.get(lang), (TypeError,))
    item, item_exc = check(lambda: text[lang], (UnsupportedLanguageError, TypeError))
    code, code_exc = check(
        lambda: normalize_language(lang),
        (UnsupportedLanguageError, TypeError),
    )
    if lang is None:
        assert got == text.hu
        return
    if not isinstance(lang, str):
        for exc in (get_exc, item_exc, code_exc):
            assert isinstance(exc, TypeError)
        return
    assert get_exc is None
    assert got in {text.hu, text.en}
    if code_exc is None:
        assert code in LANGUAGES
        assert item == got == (text.hu if code == "hu" else text.en)
    else:
        assert isinstance(code_exc, UnsupportedLanguageError)
        assert isinstance(item_exc, UnsupportedLanguageError)
        assert got == text.en


def test_localized_text_built_by_a_caller_answers_too() -> None:
    """A LocalizedText a caller builds with hostile text still looks languages up as documented."""
    text = LocalizedText(hu="\ud800" * 3, en="\u202e" * 3)
    assert text["HU"] == "\ud800" * 3
    assert text.get("xx") == "\u202e" * 3


# --- load_kb with arbitrary paths ----------------------------------------------------------------


@contextlib.contextmanager
def fresh_directory() -> Iterator[Path]:
    """Work in a new, empty temporary directory for the duration of the block."""
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(previous)


def is_relative(path: object) -> bool:
    """Tell whether *path*, if it is a path at all, has no directory separator in it."""
    value = path.value if isinstance(path, FsPath) else path
    if isinstance(value, str):
        return "/" not in str.__str__(value) and "\\" not in str.__str__(value)
    if isinstance(value, bytes):
        return b"/" not in value and b"\\" not in value
    return True


#: Relative names only: no '/' or '\\', so nothing outside the temporary directory is read.
path_text = hostile_text.filter(lambda text: "/" not in text and "\\" not in text)


@example(path=HostileStr("missing.json"))
@example(path=FsPath(b"\xff\xfe.json"))
@example(path=FsPath(HostileStr("x.json")))
@example(path=".")
@example(path="\x00")
@example(path="\ud800.json")
@given(path=st.one_of(hostile_objects, path_text))
def test_load_kb_of_any_path_is_type_error_or_knowledge_base_error(path: Any) -> None:
    """Any path or object: TypeError (not a path) or KnowledgeBaseError naming the file."""
    assume(is_relative(path))
    with fresh_directory():
        kb, exc = check(lambda: load_kb(path), (TypeError, KnowledgeBaseError))
    assert kb is None
    if isinstance(exc, KnowledgeBaseError):
        assert type(exc.source) is str
        if len(exc.source) <= 4096:  # PATH_MAX: a longer name is shortened in the message
            assert exc.source in str(exc)
    assert default_kb() is DEFAULT_KB


# --- the command line, in process ----------------------------------------------------------------

SUBCOMMANDS: Final = (
    "split",
    "price-for-net",
    "budget",
    "check",
    "search",
    "faq",
    "channels",
    "accounts",
    "split-csv",
    "export",
)
OPTIONS: Final = (
    "-",
    "--",
    "-h",
    "--json",
    "--json=1",
    "--lang",
    "--lang=",
    "-o",
    "--output",
    "--limit",
    "--limit=-1",
    "--schedule",
    "--rounding",
    "--kb",
    "--kb=",
    "--format",
    "--schema",
    "--price-column",
    "--status-column",
    "--version",
    "--nope",
    "-x",
    "9" * 5000,
    "-" + "9" * 5000,
    "1e999999999999",
    "0.001",
    "out.csv",
    "kb.json",
)
argument_text = st.one_of(
    path_text, st.sampled_from(OPTIONS), st.sampled_from(FRAGMENTS), st.sampled_from(FAQ_IDS)
)


@attrs.frozen
class Run:
    """What one in-process run of the command line did."""

    code: int
    out: str
    err: str


def run_cli(argv: Sequence[str], *, stdin: bytes = b"", encoding: str = "utf-8") -> Run:
    """Run ``main(argv)`` with stdin, stdout and stderr as byte streams in *encoding*.

    The streams encode strictly, like a terminal's: a lone surrogate or a character the
    encoding lacks cannot be written as it is.
    """
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding=encoding, errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding=encoding, errors="strict", write_through=True)
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", newline="")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
            out.flush()
            err.flush()
    finally:
        sys.stdin = saved
    return Run(code, out_bytes.getvalue().decode(encoding), err_bytes.getvalue().decode(encoding))


def assert_clean_exit(result: Run, command: str) -> None:
    """Exit 0, or 2 with exactly one line on stderr; never a traceback or an internal error."""
    assert result.code in {0, 2}, result
    assert "Traceback" not in result.err
    assert "internal error" not in result.err
    if result.code == 2:
        assert result.err.endswith("\n"), result
        assert result.err.count("\n") == 1, result.err
        assert result.err.startswith("fiverr-kb"), result.err
        if command != "split-csv":  # split-csv may have written good rows before a bad one
            assert result.out == "", result
    elif command not in {"split-csv", "--version"}:
        assert result.err == "", result


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(SUBCOMMANDS),
    arguments=st.lists(argument_text, max_size=6),
    stdin=st.binary(max_size=200),
    encoding=st.sampled_from(["utf-8", "ascii", "cp1252"]),
)
def test_cli_any_arguments_exit_0_or_2(
    command: str, arguments: list[str], stdin: bytes, encoding: str
) -> None:
    """Any text arguments and options to any subcommand: exit 0, or 2 with one line."""
    with fresh_directory():
        result = run_cli([command, *arguments], stdin=stdin, encoding=encoding)
    assert_clean_exit(result, command)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(["split", "price-for-net", "budget"]),
    amount=st.one_of(
        hostile_text,
        st.integers(min_value=1, max_value=100_000_000_000).map(
            lambda cents: f"{Decimal(cents).scaleb(-2)}"
        ),
    ),
    options=st.lists(
        st.sampled_from(["--json", "--lang=hu", "--schedule=help-center", "--rounding=05up"]),
        unique=True,
    ),
)
def test_cli_fee_commands_agree_with_the_library(
    command: str, amount: str, options: list[str]
) -> None:
    """split/price-for-net/budget on any amount: the library's answer as JSON, or exit 2."""
    result = run_cli([command, *options, "--", amount])
    assert_clean_exit(result, command)
    schedule = "help-center" if "--schedule=help-center" in options else "article"
    rounding = decimal.ROUND_05UP if "--rounding=05up" in options else decimal.ROUND_HALF_UP
    find = {
        "split": None,
        "price-for-net": price_for_seller_net,
        "budget": max_price_for_budget,
    }[command]
    if find is None:
        expected: object = outcome(
            lambda: compute_order_split(amount, schedule=schedule, rounding=rounding)
        )[0]
    else:
        expected = outcome(lambda: find(amount, schedule=schedule, rounding=rounding))[0]
    assert (result.code == 0) == (expected is not None), result
    if result.code == 0 and "--json" in options:
        printed = json.loads(result.out)
        price = Decimal(printed["price"])
        assert price == (expected.price if isinstance(expected, OrderSplit) else expected)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(["check", "search", "faq"]),
    text=hostile_text,
    as_json=st.booleans(),
    encoding=st.sampled_from(["utf-8", "ascii"]),
)
def test_cli_text_commands_take_any_text(
    command: str, text: str, *, as_json: bool, encoding: str
) -> None:
    """check, search and faq on any text, printed to a strict stream: 0 (faq: or 2), one line."""
    result = run_cli([command, *(["--json"] if as_json else []), "--", text], encoding=encoding)
    assert_clean_exit(result, command)
    if command == "faq":
        assert (result.code == 0) == (text in FAQ_IDS)
    else:
        assert result.code == 0, result
    if result.code == 0 and as_json:
        printed = json.loads(result.out)
        if command == "check":
            assert printed["username"] == text
            assert printed["verdict"] == assess_username(text).verdict.value


# --- the command line, as a program --------------------------------------------------------------


def program(
    *argv: str | bytes, env: dict[str, str] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m fiverr_support_kb`` with *argv* (bytes are passed as they are)."""
    return subprocess.run(
        [sys.executable, "-m", "fiverr_support_kb", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def assert_program_exit(result: subprocess.CompletedProcess[bytes], expected: int) -> None:
    """The program exited *expected*; on 2 with exactly one line on stderr, never a traceback."""
    assert result.returncode == expected, result
    assert b"Traceback" not in result.stderr
    if expected == 2:
        assert result.stderr.startswith(b"fiverr-kb")
        assert result.stderr.count(b"\n") == 1, result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("check", os.fsencode("\udcff\udcfeFiverr-Care")), 0),
        (("check", "--json", os.fsencode("Fiverr\udce9-Care")), 0),
        (("search", os.fsencode("jelsz\udcf3 \udcff")), 0),
        (("faq", os.fsencode("change-password\udcff")), 2),
        (("split", os.fsencode("5\udcff")), 2),
        (("split", "9" * 100_000), 2),
        (("split", "0." + "0" * 100_000 + "1"), 2),
        (("budget", "--", "-" + "9" * 50_000), 2),
        (("price-for-net", "1e999999999999999999999"), 2),
        (("split", "5", "--rounding", os.fsencode("half\udcffup")), 2),
        (("split", "5", "--schedule", os.fsencode("article\udcff")), 2),
        (("channels", "--kb", os.fsencode("missing-\udcff.json")), 2),
        (("split-csv", os.fsencode("missing-\udcff.csv")), 2),
        (("split", "5", "--lang", os.fsencode("\udcffhu")), 2),
    ],
)
def test_program_with_hostile_arguments(argv: tuple[str | bytes, ...], expected: int) -> None:
    """Undecodable bytes and huge numbers in argv: the documented exit code, no traceback."""
    assert_program_exit(program(*argv), expected)


def test_program_on_an_ascii_terminal_escapes_what_it_cannot_print() -> None:
    """With an ASCII locale, a Cyrillic lookalike and a lone surrogate still print, escaped."""
    env = {"PYTHONIOENCODING": "ascii:strict", "LC_ALL": "C"}
    result = program("check", "Fiv\u0435rr-Care", env=env)
    assert_program_exit(result, 0)
    result = program("check", "--json", os.fsencode("Fiverr\udcff"), env=env)
    assert_program_exit(result, 0)
    assert json.loads(result.stdout)["username"] == "Fiverr\udcff"
    result = program("faq", os.fsencode("\udcff"), env=env)
    assert_program_exit(result, 2)


# --- dated schedules, payments and export amounts -------------------------------------------------


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
        (FeeTypeError, InvalidAmountError),
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


# --- split-csv on random files -------------------------------------------------------------------


def _one_in(draw: st.DrawFn, n: int) -> bool:
    """Draw True once in *n* times, roughly."""
    return draw(st.integers(1, n)) == 1


_VALID_PRICES: Final = st.integers(min_value=1, max_value=100_000_000_000).map(
    lambda cents: f"{Decimal(cents) / 100}"
)
_VALID_STATUSES: Final = st.sampled_from(["completed", "Cancelled", " IN-PROGRESS ", "delivered"])
#: Per column: clean cells, and cells of any kind.
_CSV_CELLS: Final = {
    "price": (_VALID_PRICES, st.one_of(_VALID_PRICES, st.sampled_from(FRAGMENTS), short_text)),
    "status": (
        _VALID_STATUSES,
        st.one_of(_VALID_STATUSES, st.sampled_from(["done", "", "ｃｏｍｐｌｅｔｅｄ"]), short_text),
    ),
}


def _csv_record(cells: list[str], *, broken: bool) -> str:
    """One CSV record of *cells*, quoted as RFC 4180 says, or with broken quoting."""
    if broken:
        return ",".join('"' + cell for cell in cells)
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV order export: clean, or dirty (random bytes, bad quoting, huge fields, encodings)."""
    dirty = draw(st.booleans())
    if dirty and _one_in(draw, 4):
        return draw(st.binary(max_size=400))
    columns = ["id", "note", "status", "status", "", *(["buyer_fee"] if dirty else [])]
    header = draw(st.lists(st.sampled_from(columns), max_size=3, unique=True))
    if not (dirty and _one_in(draw, 4)):
        header.insert(draw(st.integers(0, len(header))), "price")
    lines = [_csv_record(header, broken=False)]
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(_CSV_CELLS.get(name, (short_text, short_text))[dirty]) for name in header]
        if dirty and _one_in(draw, 4):  # a field too many or too few
            fewer = bool(row) and draw(st.booleans())
            row = row[:-1] if fewer else [*row, "extra"]
        lines.append(_csv_record(row, broken=dirty and _one_in(draw, 6)))
        if _one_in(draw, 10):
            lines.append("")  # a blank line
    if dirty and _one_in(draw, 4):
        lines.insert(draw(st.integers(1, len(lines))), '"' + "9" * 140_000 + '"')
    end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    encodings = ["utf-8", "utf-8-sig", *(["latin-1", "utf-16"] if dirty else [])]
    encoding = draw(st.sampled_from(encodings))
    # A lone surrogate is written as the (invalid) UTF-8 of its code point in a dirty file.
    errors = "surrogatepass" if dirty and encoding == "utf-8" else "replace"
    if dirty and _one_in(draw, 4):  # one line in another encoding
        index = draw(st.integers(0, len(lines) - 1))
        before = "".join(line + end for line in lines[:index]).encode(encoding, errors)
        after = "".join(line + end for line in lines[index + 1 :]).encode("utf-8", errors)
        return before + (lines[index] + end).encode("cp1250", "replace") + after
    return "".join(line + end for line in lines).encode(encoding, errors)


def expected_rows(raw: bytes) -> list[list[str]] | None:
    """The non-blank records of *raw* as the csv module reads them (None if it cannot)."""
    try:
        text = raw.decode("utf-8-sig")
        return [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except (UnicodeDecodeError, csv.Error):
        return None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(raw=csv_files(), as_json=st.booleans(), to_file=st.booleans())
def test_split_csv_on_any_file_splits_every_row_or_exits_2(
    raw: bytes, *, as_json: bool, to_file: bool
) -> None:
    """Any CSV file: every row split exactly as compute_order_split does, or exit 2 naming it."""
    with fresh_directory() as directory:
        (directory / "orders.csv").write_bytes(raw)
        argv = ["split-csv", "orders.csv", *(["--json"] if as_json else [])]
        if to_file:
            argv += ["-o", "out.csv"]
        result = run_cli(argv)
        written = (
            (directory / "out.csv").read_bytes().decode("utf-8")  # line ends untranslated
            if to_file and result.code == 0
            else result.out
        )
        leftover = (directory / "out.csv").exists()
    assert_clean_exit(result, "split-csv")
    if result.code == 2:
        assert "orders.csv" in result.err
        assert not leftover, "a partial output file was left behind"
        return
    records = expected_rows(raw)
    assert records is not None
    header = [*records[0], *CSV_COLUMNS]
    header[0] = header[0].removeprefix("\ufeff")
    price_index = header.index("price")
    if as_json:
        output = [list(json.loads(line).values()) for line in written.splitlines()]
    else:
        output = [row for row in csv.reader(io.StringIO(written, newline="")) if row][1:]
    assert len(output) == len(records) - 1
    status_index = header.index("status") if "status" in header else None
    for row, record in zip(output, records[1:], strict=True):
        assert row[: len(record)] == record
        cancelled = {"cancelled", "canceled"}
        if status_index is not None and record[status_index].strip().lower() in cancelled:
            assert row[len(record) :] == ["0.00"] * len(CSV_COLUMNS)  # no fees, no net
            continue
        split = compute_order_split(record[price_index])
        assert row[len(record) :] == [str(getattr(split, name)) for name in CSV_COLUMNS]


def test_split_csv_huge_field_is_one_line() -> None:
    """A field larger than the csv module's limit stops split-csv with exit 2 naming the line."""
    with fresh_directory() as directory:
        (directory / "big.csv").write_text("price\r\n5\r\n" + "9" * 200_000 + "\r\n", "utf-8")
        result = run_cli(["split-csv", "big.csv"])
    assert_clean_exit(result, "split-csv")
    assert result.code == 2
    assert "line 3" in result.err
    assert len(result.err) < MAX_MESSAGE


# --- load_kb on corrupted data files -------------------------------------------------------------


def load_bytes(raw: bytes, name: str = "kb.json") -> tuple[KnowledgeBase | None, Path]:
    """Write *raw* to a file and load it: the knowledge base, or KnowledgeBaseError naming it."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(raw)
        kb, exc = check(lambda: load_kb(path), (KnowledgeBaseError,))
    if exc is not None:
        assert isinstance(exc, KnowledgeBaseError)
        assert str(path) in str(exc), str(exc)[:300]
        assert exc.source == str(path)
        assert exc.problems
    assert default_kb() is DEFAULT_KB
    assert isinstance(kb, KnowledgeBase) or kb is None
    return kb, path


def assert_valid_kb(kb: KnowledgeBase) -> None:
    """*kb* is a knowledge base the loader's validation accepts, and it can be used."""
    assert (
        kb_problems(
            company=kb.company,
            channels=kb.channels,
            faq=kb.faq,
            official_accounts=kb.official_accounts,
        )
        == []
    )
    assert len({entry.id for entry in kb.faq}) == len(kb.faq)
    for entry in kb.faq:
        assert kb.faq_entry(entry.id) is entry
    hash(kb)
    assert kb == copy.deepcopy(kb)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(PACKAGED_KB_BYTES) - 1), st.integers(1, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_load_kb_with_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    """Random bytes flipped: KnowledgeBaseError naming the file, or a valid knowledge base."""
    raw = bytearray(PACKAGED_KB_BYTES)
    for position, mask in flips:
        raw[position] ^= mask
    kb, _ = load_bytes(bytes(raw))
    if kb is not None:
        assert_valid_kb(kb)


@settings(max_examples=40)
@given(end=st.integers(0, len(PACKAGED_KB_BYTES.rstrip()) - 1))
def test_load_kb_truncated(end: int) -> None:
    """The file cut anywhere: always KnowledgeBaseError naming the file."""
    kb, _ = load_bytes(PACKAGED_KB_BYTES[:end])
    assert kb is None


def json_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path to a value inside a JSON document, the root included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*path, index))


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 0, -1, 2024]),
    st.floats(allow_nan=False, allow_infinity=False),
    short_text,
    st.sampled_from(
        [
            "",
            " ",
            "+97236317882",
            "+0123",
            "support@fiverr.com",
            "not-an-email",
            "https://www.fiverr.com/",
            "http://www.fiverr.com/",
            "https://user:pw@fiverr.com/",
            "phone",
            "social",
            "twitter",
            "seller-fee",
            "Fiverr-Care",
            "FIVERR-CARE",
        ]
    ),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(short_text, st.sampled_from(["hu", "en", "id"])), inner, max_size=3
        ),
    ),
    max_leaves=6,
)


def _at(document: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _replace(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Replace the value at *path* with any JSON value."""
    if path:
        _at(document, path[:-1])[path[-1]] = draw(json_values)


def _retype(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Change the type of the value at *path*: wrap it in a list or object, or stringify it."""
    if path:
        parent = _at(document, path[:-1])
        old = parent[path[-1]]
        if draw(st.booleans()):
            parent[path[-1]] = {"value": old} if isinstance(old, list) else [old]
        else:
            parent[path[-1]] = 0 if isinstance(old, str) else json.dumps(old)


def _delete(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Delete a key or an item of the object or list at *path*."""
    target = _at(document, path)
    if isinstance(target, dict) and target:
        del target[draw(st.sampled_from(sorted(target)))]
    elif isinstance(target, list) and target:
        del target[draw(st.integers(0, len(target) - 1))]


def _add(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Add a key (a known field name or any text) or an item to the object or list at *path*."""
    target = _at(document, path)
    if isinstance(target, dict):
        key = draw(st.one_of(short_text, st.sampled_from(["team", "network", "steps", "x"])))
        target[key] = draw(json_values)
    elif isinstance(target, list):
        target.insert(draw(st.integers(0, len(target))), draw(json_values))


def _duplicate(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Append a copy of one of the items of the list at *path* (a duplicate record)."""
    target = _at(document, path)
    if isinstance(target, list) and target:
        target.append(copy.deepcopy(draw(st.sampled_from(target))))


def _same_id(draw: st.DrawFn, document: Any, _: tuple[str | int, ...]) -> None:
    """Give a FAQ entry another's id, or an account another's username (maybe upper-cased)."""
    key = draw(st.sampled_from(["id", "username"]))
    records = document.get("faq" if key == "id" else "official_accounts")
    if isinstance(records, list) and len(records) >= 2:
        first, second = draw(st.permutations(range(len(records))))[:2]
        if isinstance(records[first], dict) and isinstance(records[second], dict):
            value = records[first].get(key)
            if isinstance(value, str) and draw(st.booleans()):
                value = value.upper()
            records[second][key] = value


MUTATIONS: Final = (_replace, _retype, _delete, _add, _duplicate, _same_id)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """The packaged knowledge base with one to four changes at random depths."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(json_paths(document))))
        draw(st.sampled_from(MUTATIONS))(draw, document, path)
    return document


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_documents(), ensure_ascii=st.booleans())
def test_load_kb_with_changed_values_keys_and_ids(document: Any, *, ensure_ascii: bool) -> None:
    """Values retyped, keys deleted or added at any depth, ids duplicated: error or valid kb."""
    raw = json.dumps(document, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
    kb, _ = load_bytes(raw)
    if kb is not None:
        assert_valid_kb(kb)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xef\xbb\xbf" + PACKAGED_KB_BYTES,
        PACKAGED_KB_BYTES.decode().encode("utf-16"),
        b"\x00" * 100,
        b"null",
        b"[]",
        b'"kb"',
        b"NaN",
        b'{"a": 1, "a": 2}',
        b"1" * 5000,
        b'{"x": ' + b"1" * 5000 + b"}",
        b'{"x": 1e999}',
        b'{"x": "\\ud800"}',
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": 1e999, "x": '),
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": NaN, "x": '),
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": ' + b"9" * 5000 + b', "x": '),
        PACKAGED_KB_BYTES.replace(b'"hu": "', b'"hu": "\\u0000', 1),
    ],
)
def test_load_kb_odd_files(raw: bytes) -> None:
    """Empty, BOM-prefixed, UTF-16, NUL, non-object, NaN, duplicate-key and huge-number files."""
    kb, _ = load_bytes(raw)
    if kb is not None:
        assert_valid_kb(kb)


def text_paths(value: Any) -> list[tuple[str | int, ...]]:
    """The paths of the texts shown to people (not ids, addresses or kinds) in a document."""
    shown = {"hu", "en", "name", "headquarters", "staff_badge"}
    return [
        path
        for path in json_paths(value)
        if path and isinstance(_at(value, path), str) and path[-1] in shown
    ]


HOSTILE_TEXTS: Final = (
    "\x1b[2J\x1b]0;owned\x07",
    "line one\nline two\r\n",
    "\u202eevil\u202c",
    "\x85\u2028\u2029",
    "\ud800",
    "\x00\x7f\x9b",
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(text_paths(PACKAGED_KB_JSON)), st.sampled_from(HOSTILE_TEXTS)),
        min_size=1,
        max_size=6,
    ),
    command=st.sampled_from(
        [["faq"], ["faq", "change-password"], ["channels"], ["accounts"], ["search", "jelszó"]]
    ),
    lang=st.sampled_from(["hu", "en"]),
    encoding=st.sampled_from(["utf-8", "ascii"]),
)
def test_cli_escapes_hostile_texts_of_a_knowledge_base(
    changes: list[tuple[tuple[str | int, ...], str]],
    command: list[str],
    lang: str,
    encoding: str,
) -> None:
    """Texts of a --kb file with controls, bidi overrides or line breaks are shown escaped."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    for path, text in changes:
        _at(document, path[:-1])[path[-1]] = "x " + text
    with fresh_directory() as directory:
        (directory / "kb.json").write_bytes(json.dumps(document).encode())
        result = run_cli([*command, "--kb", "kb.json", "--lang", lang], encoding=encoding)
    assert_clean_exit(result, command[0])
    assert result.code == 0, result
    for line in result.out.splitlines():
        assert line.isprintable(), line


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(text_paths(PACKAGED_KB_JSON)), hostile_text),
        min_size=1,
        max_size=4,
    ),
    query=st.one_of(st.sampled_from(FRAGMENTS), hostile_text),
)
def test_search_of_a_knowledge_base_with_hostile_texts(
    changes: list[tuple[tuple[str | int, ...], str]], query: str
) -> None:
    """A knowledge base whose texts are hostile (any code point, 100k characters) is searchable."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    for path, text in changes:
        _at(document, path[:-1])[path[-1]] = "x" + text
    kb, _ = load_bytes(json.dumps(document).encode())
    assume(kb is not None)
    assert kb is not None
    for lang in (None, "hu", "en"):
        hits, _ = check(functools.partial(kb.search, query, lang=lang, limit=5), ())
        assert isinstance(hits, list)
        assert len(hits) <= 5
        for hit in hits:
            assert hit.entry in kb.faq
            assert hit.lang == (lang or hit.lang)


def test_load_kb_with_a_lone_surrogate_in_a_text() -> None:
    """A JSON-escaped lone surrogate in a text is just text: the result is valid and usable."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"][0]["answer"]["en"] += "\ud800\u202e"
    kb, _ = load_bytes(json.dumps(document).encode())
    if kb is not None:
        assert_valid_kb(kb)
        assert isinstance(kb.search("\ud800 password"), list)
        assert_clean_exit(run_cli(["faq", kb.faq[0].id]), "faq")


@pytest.mark.parametrize("depth", [50, 900, 3000, 100_000])
@pytest.mark.parametrize("where", ["root", "answer", "unknown key"])
def test_load_kb_deeply_nested(depth: int, where: str) -> None:
    """Deeply nested arrays and objects, at the root or inside a record: KnowledgeBaseError."""
    nested = "[" * depth + "]" * depth if depth % 2 == 0 else '{"a":' * depth + "1" + "}" * depth
    if where == "root":
        raw = nested.encode()
    else:
        document = copy.deepcopy(PACKAGED_KB_JSON)
        if where == "answer":
            document["faq"][0]["answer"] = "NESTED"
        else:
            document["company"]["x"] = "NESTED"
        raw = json.dumps(document).replace('"NESTED"', nested).encode()
    kb, _ = load_bytes(raw)
    assert kb is None


def test_load_kb_huge_files() -> None:
    """Files over 8 MiB are refused; one just under it with a huge text is judged on content."""
    padded = PACKAGED_KB_BYTES + b" " * (MAX_FILE_BYTES + 1 - len(PACKAGED_KB_BYTES))
    kb, _ = load_bytes(padded)
    assert kb is None
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"][0]["answer"]["en"] = "x"
    room = MAX_FILE_BYTES - len(json.dumps(document).encode()) - 16
    document["faq"][0]["answer"]["en"] = "é " * (room // 3)
    raw = json.dumps(document, ensure_ascii=False).encode()
    assert len(raw) <= MAX_FILE_BYTES
    kb, _ = load_bytes(raw)
    assert kb is not None
    assert_valid_kb(kb)
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"] *= 100  # duplicate ids, thousands of them: one bounded message
    kb, _ = load_bytes(json.dumps(document).encode())
    assert kb is None


def test_knowledge_base_error_message_is_bounded() -> None:
    """Thousands of problems: all in .problems, the first 20 in a message of bounded length."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"] *= 100
    document["company"]["name"] = " " * 100_000
    kb, path = load_bytes(json.dumps(document).encode())
    assert kb is None
    problems = outcome(lambda: parse_kb(json.dumps(document).encode(), str(path)))[1]
    assert isinstance(problems, KnowledgeBaseError)
    assert len(problems.problems) > 500
    message = str(problems)
    assert len(message) <= MAX_KB_MESSAGE
    assert message.startswith(f"invalid data in {path}: ")
    assert message.endswith(f"and {len(problems.problems) - 20} more problems")


def test_unknown_keys_are_listed_in_order_and_escaped() -> None:
    """Unknown keys of a data file are listed sorted; one holding control characters is escaped."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["company"].update({"zz": 1, "\x1b]0;owned\x07\n": 2, "aa": 3})
    error = outcome(lambda: parse_kb(json.dumps(document).encode(), "kb.json"))[1]
    assert isinstance(error, KnowledgeBaseError)
    assert error.problems == ("extra fields found ('\\x1b]0;owned\\x07\\n', aa, zz) @ $.company",)


def test_default_kb_is_unchanged_by_everything_above() -> None:
    """After all the loads and failures, default_kb() is the same object, equal to a fresh load."""
    assert default_kb() is DEFAULT_KB
    assert default_kb() == FRESH_KB
    assert default_kb() == parse_kb(*read_packaged(KB_FILE))
