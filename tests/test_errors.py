"""The errors' promise: every deliberate error is a FiverrSupportKBError and the right built-in.

The walk calls every callable of ``fiverr_support_kb.__all__`` (and the methods of the
knowledge base and its texts) with bad arguments: wrong types, ``None``, floats, huge ints,
empty strings, unknown names, zero and negative limits.
"""

from __future__ import annotations

import copy
import io
import pickle
from typing import TYPE_CHECKING, Any, Final, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fiverr_support_kb as fkb
from fiverr_support_kb import errors, knowledge_base
from fiverr_support_kb.errors import (
    ArgumentTypeError,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidArgumentError,
    UnknownChannelError,
    describe_type,
    show_value,
)

if TYPE_CHECKING:
    from collections.abc import Callable

HUGE: Final = 10**5000
#: Arguments of a wrong type for every parameter of the API.
WRONG_TYPES: Final[tuple[object, ...]] = (None, 1.5, float("nan"), b"x", [], {}, object())
#: Strings that name nothing: no language, schedule, status, channel or FAQ entry.
UNKNOWN_NAMES: Final = ("", " ", "nope", "\x00", "x" * 100_000)
#: Values of the right type that are not valid amounts.
BAD_AMOUNTS: Final[tuple[object, ...]] = ("", "nope", "1.001", "-5", 0, -1, HUGE, -HUGE)

#: Public callables that validate nothing themselves: plain value classes (attrs, frozen) and
#: enums, whose errors (a missing keyword, a value that is no member) are Python's own.
NOT_VALIDATING: Final = frozenset(
    {
        "Channel",
        "ChannelKind",
        "Company",
        "Answer",
        "ClearanceRule",
        "ContactAssessment",
        "ContactKind",
        "ContactVerdict",
        "Evidence",
        "FaqEntry",
        "FeeHistory",
        "FeePeriod",
        "FoundContact",
        "MessageAssessment",
        "MessageVerdict",
        "RuleSource",
        "RuleWeight",
        "TrustReason",
        "TrustRules",
        "KnowledgeBase",
        "LocalizedTerms",
        "LocalizedText",
        "OfficialAccount",
        "OrderSplit",
        "OrderStatus",
        "OrderSummary",
        "PaymentKind",
        "PaymentsSplit",
        "Outcome",
        "Provenance",
        "Reason",
        "SearchHit",
        "SocialNetwork",
        "Source",
        "UsernameAssessment",
        "Verdict",
        # No arguments to get wrong.
        "default_kb",
        "fee_history",
        "fee_schedules",
    }
)

KB = fkb.default_kb()
TEXT = fkb.LocalizedText(hu="igen", en="yes")
TERMS = fkb.LocalizedTerms(hu=("igen",), en=("yes",))
SCHEDULE = fkb.fee_schedule("article")


def amount_cases(name: str, call: Callable[[Any], object]) -> list[tuple[str, Any, type]]:
    """The cases of an amount parameter: wrong types are TypeErrors, bad amounts ValueErrors."""
    return [
        *((name, lambda v=value: call(v), TypeError) for value in (*WRONG_TYPES, True)),
        *((name, lambda v=value: call(v), ValueError) for value in BAD_AMOUNTS),
    ]


def options_cases(name: str, call: Callable[..., object]) -> list[tuple[str, Any, type]]:
    """The cases of the schedule= and rounding= options every fee function takes."""
    return [
        *((name, lambda v=value: call(schedule=v), TypeError) for value in WRONG_TYPES),
        *((name, lambda v=value: call(schedule=v), LookupError) for value in UNKNOWN_NAMES),
        *((name, lambda v=value: call(rounding=v), ValueError) for value in WRONG_TYPES),
        *((name, lambda v=value: call(rounding=v), ValueError) for value in UNKNOWN_NAMES),
    ]


def language_cases(name: str, call: Callable[[Any], object]) -> list[tuple[str, Any, type]]:
    """The cases of a language parameter: wrong types, and unsupported languages."""
    return [
        *((name, lambda v=value: call(v), TypeError) for value in WRONG_TYPES),
        *((name, lambda v=value: call(v), LookupError) for value in UNKNOWN_NAMES),
        *((name, lambda v=value: call(v), ValueError) for value in UNKNOWN_NAMES),
    ]


def kb_cases(name: str, search: Callable[..., object]) -> list[tuple[str, Any, type]]:
    """The cases of search(): its query, lang and limit."""
    return [
        *((name, lambda v=value: search(v), TypeError) for value in (*WRONG_TYPES, 5)),
        *((name, lambda v=value: search("fee", lang=v), TypeError) for value in (1.5, b"hu")),
        *((name, lambda v=value: search("fee", lang=v), ValueError) for value in UNKNOWN_NAMES),
        *(
            (name, lambda v=value: search("fee", limit=v), TypeError)
            for value in (*WRONG_TYPES, True, "3")
        ),
        *((name, lambda v=value: search("fee", limit=v), ValueError) for value in (0, -1, -HUGE)),
    ]


def lookup_cases(name: str, call: Callable[[Any], object]) -> list[tuple[str, Any, type]]:
    """The cases of a lookup by name: whatever names nothing is a LookupError."""
    return [
        (name, lambda v=value: call(v), LookupError)
        for value in (*WRONG_TYPES, *UNKNOWN_NAMES, HUGE, 0)
    ]


CASES: Final[list[tuple[str, Any, type]]] = [
    *amount_cases("compute_order_split", fkb.compute_order_split),
    *options_cases("compute_order_split", lambda **kw: fkb.compute_order_split("5", **kw)),
    *amount_cases("price_for_seller_net", fkb.price_for_seller_net),
    *options_cases("price_for_seller_net", lambda **kw: fkb.price_for_seller_net("5", **kw)),
    *amount_cases("max_price_for_budget", fkb.max_price_for_budget),
    *options_cases("max_price_for_budget", lambda **kw: fkb.max_price_for_budget("50", **kw)),
    ("max_price_for_budget", lambda: fkb.max_price_for_budget("0.01"), ValueError),
    *amount_cases("Order", lambda v: fkb.Order(price=v, status="completed")),
    *(
        ("Order", lambda v=value: fkb.Order(price="5", status=v), TypeError)
        for value in WRONG_TYPES
    ),
    *(
        ("Order", lambda v=value: fkb.Order(price="5", status=v), ValueError)
        for value in UNKNOWN_NAMES
    ),
    *(
        ("summarize_orders", lambda v=value: fkb.summarize_orders(v), TypeError)
        for value in (None, 1.5, HUGE, [None], ["5"], [object()])
    ),
    *options_cases("summarize_orders", lambda **kw: fkb.summarize_orders([], **kw)),
    *(
        ("split_csv", lambda v=value: fkb.split_csv(v, io.StringIO()), TypeError)
        for value in (None, 1.5, HUGE, object())
    ),
    *(
        ("split_csv", lambda v=value: fkb.split_csv(io.StringIO("price\n5\n"), v), TypeError)
        for value in (None, 1.5, HUGE, object())
    ),
    *(
        (
            "split_csv",
            lambda v=value: fkb.split_csv(io.StringIO("price\n5\n"), io.StringIO(), price_column=v),
            TypeError,
        )
        for value in (None, 1.5, HUGE)
    ),
    ("split_csv", lambda: fkb.split_csv(io.StringIO(""), io.StringIO()), ValueError),
    ("split_csv", lambda: fkb.split_csv(io.StringIO("x\n5\n"), io.StringIO()), ValueError),
    ("split_csv", lambda: fkb.split_csv(io.StringIO("price\n-5\n"), io.StringIO()), ValueError),
    *(
        ("fee_schedule_on", lambda v=value: fkb.fee_schedule_on(v), TypeError)
        for value in WRONG_TYPES
    ),
    *(
        ("fee_schedule_on", lambda v=value: fkb.fee_schedule_on(v), ValueError)
        for value in ("", "2020-13-01", "yesterday", "2009-01-01")
    ),
    *(("clears_on", lambda v=value: fkb.clears_on(v), TypeError) for value in WRONG_TYPES),
    ("clears_on", lambda: fkb.clears_on("2020-02-30"), ValueError),
    ("clears_on", lambda: fkb.clears_on("2020-01-01", top_rated=cast("bool", 1.5)), TypeError),
    *(
        ("load_fee_history", lambda v=value: fkb.load_fee_history(v), TypeError)
        for value in WRONG_TYPES
    ),
    ("load_fee_history", lambda: fkb.load_fee_history("/nonexistent/history.json"), ValueError),
    *(
        ("split_payments", lambda v=value: fkb.split_payments(v), TypeError)
        for value in (None, 1.5, [5])
    ),
    ("split_payments", lambda: fkb.split_payments([]), ValueError),
    *(
        ("Payment", lambda v=value: fkb.Payment(kind="tip", amount=v), TypeError)
        for value in (None, 1.5, b"5")
    ),
    *(
        ("Payment", lambda v=value: fkb.Payment(kind=v, amount="5"), ValueError)
        for value in UNKNOWN_NAMES
    ),
    *(("parse_amount", lambda v=value: fkb.parse_amount(v), TypeError) for value in WRONG_TYPES),
    *(("parse_amount", lambda v=value: fkb.parse_amount(v), ValueError) for value in UNKNOWN_NAMES),
    ("parse_amount", lambda: fkb.parse_amount("5", number_format="roman"), ValueError),
    *(("answer", lambda v=value: fkb.answer(v), TypeError) for value in WRONG_TYPES),
    *(("answer", lambda v=value: fkb.answer("hi", kb=v), TypeError) for value in (1.5, "kb")),
    *(
        ("answer", lambda v=value: fkb.answer("hi", lang=v), TypeError)
        for value in WRONG_TYPES
        if value is not None  # None: the message's own language
    ),
    *(("answer", lambda v=value: fkb.answer("hi", lang=v), LookupError) for value in UNKNOWN_NAMES),
    *(
        ("assess_contact", lambda v=value: fkb.assess_contact(v), TypeError)
        for value in WRONG_TYPES
    ),
    *(
        ("assess_message", lambda v=value: fkb.assess_message(v), TypeError)
        for value in WRONG_TYPES
    ),
    *(
        ("assess_message", lambda v=value: fkb.assess_message("hi", sender=v), TypeError)
        for value in (1.5, HUGE, b"Fiverr-Care")
    ),
    *(
        ("assess_message", lambda v=value: fkb.assess_message("hi", lang=v), TypeError)
        for value in WRONG_TYPES
        if value is not None  # None: the message's own language
    ),
    *(
        ("assess_message", lambda v=value: fkb.assess_message("hi", lang=v), LookupError)
        for value in UNKNOWN_NAMES
    ),
    *(
        ("load_trust_rules", lambda v=value: fkb.load_trust_rules(v), TypeError)
        for value in WRONG_TYPES
    ),
    ("load_trust_rules", lambda: fkb.load_trust_rules("/nonexistent/rules.json"), ValueError),
    *options_cases(
        "split_csv",
        lambda **kw: fkb.split_csv(io.StringIO("price\n5\n"), io.StringIO(), **kw),
    ),
    *(
        ("FeeTier", lambda v=value: fkb.FeeTier(max_price=v), TypeError)
        for value in (*WRONG_TYPES[1:], True)  # None: no upper bound
    ),
    *(("FeeTier", lambda v=value: fkb.FeeTier(max_price=v), ValueError) for value in BAD_AMOUNTS),
    *(
        ("FeeTier", lambda v=value: fkb.FeeTier(rate=v), ValueError)
        for value in ("1", "-0.1", "0.12345678901", HUGE)
    ),
    *(
        (
            "FeeSchedule",
            lambda v=value: fkb.FeeSchedule(name="x", title="X", buyer_fee=v, seller_rate="0.2"),
            TypeError,
        )
        for value in (None, 1.5, HUGE, "tiers", [None])
    ),
    *(
        (
            "FeeSchedule",
            lambda v=value: fkb.FeeSchedule(
                name="x", title="X", buyer_fee=[fkb.FeeTier()], seller_rate=v
            ),
            ValueError,
        )
        for value in ("1.5", "-0.1", "nope", HUGE, -1)
    ),
    *(
        (
            "FeeSchedule",
            lambda v=value: fkb.FeeSchedule(
                name=v, title="X", buyer_fee=[fkb.FeeTier()], seller_rate="0.2"
            ),
            TypeError,
        )
        for value in WRONG_TYPES
    ),
    *amount_cases("FeeSchedule.buyer_tier", SCHEDULE.buyer_tier),
    *(
        ("fee_schedule", lambda v=value: fkb.fee_schedule(v), TypeError)
        for value in (*WRONG_TYPES, HUGE)
    ),
    *(
        ("fee_schedule", lambda v=value: fkb.fee_schedule(v), LookupError)
        for value in UNKNOWN_NAMES
    ),
    *(
        (name, lambda f=function, v=value: f(v), TypeError)
        for name, function in (
            ("is_official", fkb.is_official),
            ("assess_username", fkb.assess_username),
        )
        for value in (*WRONG_TYPES, HUGE, 0)
    ),
    *language_cases("normalize_language", fkb.normalize_language),
    *kb_cases("search", fkb.search),
    *(
        ("search", lambda v=value: fkb.search("fee", kb=v), TypeError)
        for value in (*WRONG_TYPES[1:], "default", KB.faq)  # None: the packaged one
    ),
    *(("load_kb", lambda v=value: fkb.load_kb(v), TypeError) for value in (*WRONG_TYPES, HUGE, 0)),
    *(
        ("load_kb", lambda v=value: fkb.load_kb(v), ValueError)
        for value in ("", "nope", "/", "\x00", "x" * 100_000)
    ),
    # The knowledge base's methods, its texts' lookups and the public helpers.
    *kb_cases("KnowledgeBase.search", KB.search),
    *lookup_cases("KnowledgeBase.faq_entry", KB.faq_entry),
    *lookup_cases("KnowledgeBase.channel", KB.channel),
    *lookup_cases("KnowledgeBase.channels_of", KB.channels_of),
    *lookup_cases("KnowledgeBase.social_channel", KB.social_channel),
    *(
        (f"KnowledgeBase.{method}", lambda m=method, v=value: getattr(KB, m)(v), ValueError)
        for method in ("channel", "channels_of", "social_channel")
        for value in (*UNKNOWN_NAMES, None, 1.5)
    ),
    *language_cases("LocalizedText.__getitem__", TEXT.__getitem__),
    *language_cases("LocalizedTerms.__getitem__", TERMS.__getitem__),
    *(
        ("LocalizedText.get", lambda v=value: TEXT.get(v), TypeError)
        for value in WRONG_TYPES[1:]  # None is the source language
    ),
    *(
        ("knowledge_base.to_json", lambda v=value: knowledge_base.to_json(v), TypeError)
        for value in (*WRONG_TYPES, KB.faq)
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "builtin"), CASES, ids=[f"{name}-{n}" for n, (name, _, _) in enumerate(CASES)]
)
def test_every_bad_argument_raises_a_library_error(
    name: str, call: Callable[[], object], builtin: type[Exception]
) -> None:
    """The bad argument raises an error that is both a FiverrSupportKBError and the built-in."""
    with pytest.raises(builtin) as info:
        call()
    assert isinstance(info.value, FiverrSupportKBError), (name, type(info.value))
    assert isinstance(info.value, (TypeError, ValueError, LookupError))
    # One line, of bounded length: a file name is shown up to 4096 characters, a problem up to
    # 500 (KnowledgeBaseError), anything else in a few hundred.
    assert 0 < len(str(info.value)) < 4096 + 500 + 100, name
    assert "\n" not in str(info.value), name


def test_the_walk_covers_every_public_callable() -> None:
    """Every callable of __all__ that checks its arguments is walked (or listed as not one)."""
    callables = {
        name
        for name in fkb.__all__
        if callable(getattr(fkb, name))
        and not (isinstance(getattr(fkb, name), type) and issubclass(getattr(fkb, name), Exception))
    }
    walked = {name for name, _, _ in CASES if "." not in name}
    assert walked | NOT_VALIDATING == callables
    assert not walked & NOT_VALIDATING


def test_every_public_exception_is_a_library_error_and_a_builtin() -> None:
    """Every exception class of __all__ derives from FiverrSupportKBError and a built-in."""
    classes = [getattr(fkb, name) for name in fkb.__all__ if name.endswith("Error")]
    classes += [getattr(errors, name) for name in errors.__all__ if name.endswith("Error")]
    assert FiverrSupportKBError in classes
    for cls in classes:
        assert issubclass(cls, FiverrSupportKBError)
        assert cls is FiverrSupportKBError or issubclass(cls, (TypeError, ValueError, LookupError))
    assert {name for name in fkb.__all__ if name.endswith("Error")} <= set(errors.__all__)


def test_the_new_classes_have_the_documented_bases() -> None:
    """InvalidArgumentError, ArgumentTypeError, FeeTypeError and UnknownChannelError bases."""
    assert issubclass(InvalidArgumentError, ValueError)
    assert issubclass(ArgumentTypeError, TypeError)
    assert issubclass(FeeTypeError, ArgumentTypeError)
    assert issubclass(UnknownChannelError, LookupError)
    assert issubclass(UnknownChannelError, ValueError)


@pytest.mark.parametrize(
    "error",
    [
        InvalidArgumentError("limit must be at least 1, got 0"),
        ArgumentTypeError("query must be text (a str), not no value (NoneType)"),
        UnknownChannelError("this knowledge base has no phone channel"),
    ],
)
def test_the_new_errors_copy_and_pickle(error: FiverrSupportKBError) -> None:
    """The new errors survive copy and pickle with their message, as every library error does."""
    for clone in (copy.copy(error), pickle.loads(pickle.dumps(error))):  # noqa: S301 - own bytes
        assert type(clone) is type(error)
        assert str(clone) == str(error)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "no value (NoneType)"),
        (True, "true or false (bool)"),
        (3, "a whole number (int)"),
        (1.5, "a number with a fraction (float)"),
        ("x", "text (str)"),
        (b"x", "raw bytes (bytes)"),
        ([1], "a list (list)"),
        ((1,), "a list (tuple)"),
        ({}, "a mapping (dict)"),
        (object(), "a object object"),
        (KB, "a KnowledgeBase object"),
    ],
    ids=str,
)
def test_describe_type_says_what_a_value_is_in_words(value: object, expected: str) -> None:
    """describe_type names the kind of value in words first, the Python type in brackets."""
    assert describe_type(value) == expected


class _Meta(type):
    """A metaclass whose classes lie about their name."""

    @property
    def __name__(cls) -> str:  # type: ignore[override]
        raise RuntimeError


class _Hostile(metaclass=_Meta):
    """An object whose repr raises, of a class whose name raises."""

    def __repr__(self) -> str:
        raise RuntimeError


class _HostileInt(int):
    """An int whose own bit_length, repr and str raise."""

    def bit_length(self) -> int:
        raise RuntimeError

    def __repr__(self) -> str:
        raise RuntimeError

    __str__ = __repr__


class _HostileStr(str):  # noqa: SLOT000 - a test double, never stored
    """A str whose repr returns a str subclass whose own len and slicing lie."""

    def __repr__(self) -> str:
        return _LyingText("'" + str.__str__(self) + "'")


class _LyingText(str):  # noqa: SLOT000 - a test double, never stored
    def __len__(self) -> int:
        raise RuntimeError

    def __getitem__(self, key: object) -> str:
        raise RuntimeError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (_HostileInt(5), "<a _HostileInt object>"),
        (_HostileInt(HUGE), "<an int of about 5001 digits>"),
        (_HostileInt(-HUGE), "<an int of about 5001 digits>"),
        (_Hostile(), "<a _Hostile object>"),
        (_HostileStr("abc"), "'abc'"),
        (_HostileStr("y" * 100), "'" + "y" * 56 + "..."),
    ],
    ids=["int", "huge-int", "huge-negative-int", "object", "str", "long-str"],
)
def test_show_value_never_raises(value: object, expected: str) -> None:
    """show_value never calls an override of bit_length, and survives any broken repr."""
    assert show_value(value) == expected


def test_describe_type_never_calls_a_metaclass_name() -> None:
    """describe_type reads type's own __name__ slot, never a metaclass's override."""
    assert describe_type(_Hostile()) == "a _Hostile object"


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.binary(max_size=5),
    st.decimals(),
    st.lists(st.integers(), max_size=3),
)


@given(value=values)
def test_any_value_is_accepted_or_refused_with_a_library_error(value: object) -> None:
    """Any value for any single-argument function: a result, or a FiverrSupportKBError built-in."""
    calls: list[Callable[[Any], object]] = [
        fkb.compute_order_split,
        fkb.price_for_seller_net,
        fkb.max_price_for_budget,
        fkb.fee_schedule,
        fkb.is_official,
        fkb.normalize_language,
        lambda v: fkb.search("fee", limit=v),
        lambda v: fkb.search("fee", lang=v),
        KB.faq_entry,
        KB.channel,
        KB.social_channel,
        TEXT.__getitem__,
        lambda v: fkb.Order(price="5", status=v),
    ]
    for call in calls:
        exc = outcome(call, value)
        assert exc is None or isinstance(exc, FiverrSupportKBError), repr(exc)
        assert exc is None or isinstance(exc, (TypeError, ValueError, LookupError))


def outcome(call: Callable[[Any], object], value: object) -> BaseException | None:
    """Call *call* with *value*: the exception it raises, or None if it returns."""
    try:
        call(value)
    except Exception as exc:  # noqa: BLE001 - the test checks what it is
        return exc
    return None
