"""Fuzzing the fee schedules (``schedules``): arbitrary names, tiers and schedule fields.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fiverr_support_kb import (
    FeeSchedule,
    FeeTier,
    FeeTypeError,
    InvalidFeeScheduleError,
    NoPriceFitsError,
    UnknownFeeScheduleError,
    compute_order_split,
    fee_schedule,
    fee_schedules,
    max_price_for_budget,
    price_for_seller_net,
)
from helpers import (
    SCHEDULE_NAMES,
    HostileDecimal,
    HostileStr,
    anything,
    assert_well_formed_split,
    check,
    is_cents,
)


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
