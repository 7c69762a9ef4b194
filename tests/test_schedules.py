"""Dated fee schedules: the packaged history, choosing by date, and apps' own history files."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import compute_order_split, fee_schedule
from fiverr_support_kb._loading import read_packaged
from fiverr_support_kb.errors import (
    FeeTypeError,
    InvalidDateError,
    InvalidFeeScheduleError,
    KnowledgeBaseError,
    NoScheduleOnDateError,
)
from fiverr_support_kb.schedules import (
    DEFAULT_SCHEDULE,
    HISTORY_FILE,
    Evidence,
    FeeHistory,
    FeeTier,
    check_day,
    fee_history,
    fee_schedule_on,
    load_fee_history,
    parse_fee_history,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: Days well inside each dated period, and the schedule in force on them.
INSIDE: Final = (
    (date(2012, 7, 1), "no-buyer-fee-2010"),
    (date(2014, 11, 15), "processing-fee-2014"),
    (date(2019, 6, 1), "service-fee-2018"),
    (date(2020, 12, 24), "service-fee-2020"),
    (date(2021, 3, 10), "service-fee-2021"),
    (date(2026, 12, 5), "help-center"),
    (date(2031, 1, 1), "help-center"),
)


def packaged_history() -> dict[str, Any]:
    """A fresh, mutable copy of the packaged history file."""
    result: dict[str, Any] = json.loads(read_packaged(HISTORY_FILE)[0])
    return result


def parse(data: object) -> FeeHistory:
    """Load *data* as a history file."""
    return parse_fee_history(json.dumps(data).encode(), "history.json")


# --- the packaged history --------------------------------------------------------------------


def test_history_is_loaded_once_and_sourced() -> None:
    """Every period has its rules, sources with an address and a quote, and its evidence."""
    history = fee_history()
    assert fee_history() is history
    assert history.researched_on == date(2026, 12, 5)
    for period in history.periods:
        assert period.sources
        for source in period.sources:
            assert source.url.startswith(("https://", "http://"))
            assert source.says.strip()
            assert isinstance(source.kind, Evidence)
        assert period.approximate  # no Fiverr announcement dates any change exactly
        assert period.schedule.effective_date is None  # the period's dates say it, approximately
        assert (period.valid_from is None) == (period.dated_by is None)


@pytest.mark.parametrize(("day", "name"), INSIDE)
def test_the_schedule_in_force_on_a_day(day: date, name: str) -> None:
    """A day inside a dated period gives that period's schedule."""
    assert fee_schedule_on(day).name == name
    assert fee_history().period_on(day).contains(day)


def test_the_dated_rules_are_the_sources_rules() -> None:
    """Each dated period holds the rule its sources quote, to the cent."""
    on = compute_order_split
    assert on("5", on="2012-07-01").buyer_fee == 0
    assert on("10", on="2014-11-15").buyer_fee == 0.5
    assert on("10.01", on="2014-11-15").buyer_fee == 0.5  # 5% of 10.01, rounded
    assert on("20", on="2014-11-15").buyer_fee == 1
    assert on("5", on="2020-12-24").buyer_total == 7.25  # the forum user's own example
    assert on("50", on="2020-12-24").buyer_fee == 2.5
    assert on("49.99", on="2021-03-10").buyer_fee == 4.75  # 2.75 + 2
    assert on("99.99", on="2026-12-05").buyer_fee == 8.5
    for day in ("2012-07-01", "2019-06-01", "2026-12-05"):
        assert on("5", on=day).seller_fee == 1


def test_the_article_rule_is_the_2018_period_and_stays_the_default() -> None:
    """The 2018-2020 period has the article's rules; without a date the article still rules."""
    assert fee_schedule_on("2019-06-01").buyer_fee == fee_schedule(DEFAULT_SCHEDULE).buyer_fee
    assert compute_order_split("5") == compute_order_split("5", schedule="article")
    assert fee_schedule_on("2027-01-01") == fee_schedule("help-center")
    assert fee_schedule("help-center").per_payment
    assert not fee_schedule("article").per_payment


def test_undated_schedules_are_never_chosen_by_date() -> None:
    """The $1 processing fee and the $2.50-under-$75 fee have no dates, but can be named."""
    history = fee_history()
    for name in ("processing-fee-1", "service-fee-75"):
        schedule = history.schedule(name)
        period = next(p for p in history.periods if p.schedule is schedule)
        assert period.valid_from is None
        assert period.dated_by is None
        assert "Never chosen by date" in schedule.notes
    assert history.schedule("service-fee-75").buyer_fee[0] == FeeTier(
        max_price="74.99", flat="2.50", rate="0.055"
    )


@pytest.mark.parametrize(
    ("day", "before", "after"),
    [
        ("2009-01-01", None, "'no-buyer-fee-2010'"),
        ("2010-01-31", None, "'no-buyer-fee-2010' (about 2010-02-01 to about 2014-10-31)"),
    ],
)
def test_a_day_without_a_known_schedule_names_the_nearest(
    day: str, before: str | None, after: str
) -> None:
    """A day no dated period covers is a LookupError naming the periods on either side."""
    with pytest.raises(NoScheduleOnDateError) as info:
        compute_order_split("5", on=day)
    message = str(info.value)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, ValueError)
    assert message.startswith(f"no known fee schedule on {day}")
    assert after in message.split("after it ")[1]
    if before is None:
        assert "before it" not in message
    else:
        assert before in message.split("before it ")[1]


def test_on_and_schedule_together_are_refused() -> None:
    """A date chooses the schedule, so naming one as well is an error."""
    with pytest.raises(InvalidFeeScheduleError, match="not both"):
        compute_order_split("5", schedule="help-center", on="2019-06-01")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 2, 29), date(2020, 2, 29)),
        (datetime(2020, 2, 29, 23, 59), date(2020, 2, 29)),  # noqa: DTZ001 - a day is wanted
        (" 2020-02-29 ", date(2020, 2, 29)),
    ],
)
def test_days_are_dates_datetimes_or_iso_text(value: object, expected: date) -> None:
    """A day is a date, a datetime (its date) or YYYY-MM-DD text."""
    assert check_day(value) == expected
    assert type(check_day(value)) is date


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("2021-02-29", InvalidDateError),
        ("01/02/2021", InvalidDateError),
        ("2021-1-2", InvalidDateError),
        (20210101, FeeTypeError),
        (None, FeeTypeError),
    ],
)
def test_bad_days_are_refused(value: object, error: type[Exception]) -> None:
    """Anything else is refused with an error saying what a day is."""
    with pytest.raises(error, match="YYYY-MM-DD"):
        fee_schedule_on(value)  # type: ignore[arg-type]


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(day=days)
def test_the_chosen_period_contains_the_day(day: date) -> None:
    """The schedule chosen for any day is the one whose period contains it, or none does."""
    history = fee_history()
    containing = [p for p in history.periods if p.contains(day)]
    assert len(containing) <= 1
    if containing:
        assert history.schedule_on(day) is containing[0].schedule
    else:
        with pytest.raises(NoScheduleOnDateError):
            history.schedule_on(day)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """A valid history file: periods with random, non-overlapping spans, some open-ended."""
    starts = sorted(draw(st.sets(days, min_size=1, max_size=6)))
    template = packaged_history()["periods"][3]
    periods = []
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        if following is None and draw(st.booleans()):
            end = None
        else:
            limit = (following - timedelta(days=1)) if following else date(2040, 12, 31)
            end = draw(st.dates(min_value=start, max_value=limit))
        period = json.loads(json.dumps(template))
        period["schedule"]["name"] = f"period-{index}"
        period["valid_from"] = start.isoformat()
        period["valid_until"] = None if end is None else end.isoformat()
        periods.append(period)
    return {**packaged_history(), "periods": draw(st.permutations(periods))}


@given(data=histories(), day=days)
def test_any_history_chooses_the_period_containing_the_day(data: dict[str, Any], day: date) -> None:
    """In any valid history, a day gets the period whose span contains it, and only that."""
    history = parse(data)
    spans = {
        p["schedule"]["name"]: (
            date.fromisoformat(p["valid_from"]),
            date.max if p["valid_until"] is None else date.fromisoformat(p["valid_until"]),
        )
        for p in data["periods"]
    }
    inside = [name for name, (start, end) in spans.items() if start <= day <= end]
    if inside:
        assert [history.schedule_on(day).name] == inside
    else:
        with pytest.raises(NoScheduleOnDateError):
            history.schedule_on(day)


# --- apps' own history files -----------------------------------------------------------------


def test_an_apps_file_loads_with_the_same_validation(tmp_path: Path) -> None:
    """load_fee_history reads a file exactly as the packaged one is read."""
    path = tmp_path / "mine.json"
    path.write_bytes(read_packaged(HISTORY_FILE)[0])
    assert load_fee_history(path) == fee_history()
    assert fee_schedule_on("2019-06-01", history=load_fee_history(str(path))).name == (
        "service-fee-2018"
    )
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        load_fee_history(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(extra=1), "extra fields"),
        (lambda d: d["periods"][3].update(valid_from="2018-02-30"), "calendar date"),
        (lambda d: d["periods"][3].update(valid_from="May 2018"), "YYYY-MM-DD"),
        (
            lambda d: d["periods"][3].update(valid_until="2017-01-01"),
            "is before valid_from @ $.periods[3].valid_until",
        ),
        (
            lambda d: d["periods"][3].update(valid_until="2020-11-15"),
            "overlaps $.periods[4] (from 2020-11-01): it ends on 2020-11-15 @ $.periods[3]",
        ),
        (
            lambda d: d["periods"][0].update(valid_until=None),
            "it has no end @ $.periods[0].valid_until",
        ),
        (
            lambda d: d["periods"][2].update(valid_until="2016-01-01"),
            "valid_until without a valid_from @ $.periods[2].valid_until",
        ),
        (lambda d: d["periods"][3].update(dated_by=None), "needs dated_by @ $.periods[3]"),
        (lambda d: d["periods"][2].update(dated_by="fiverr-page"), "undated period @"),
        (lambda d: d["periods"][3].update(dated_by="rumour"), "$.periods[3].dated_by"),
        (
            lambda d: d["periods"][3].update(sources=[]),
            "at least one source is needed @ $.periods[3].sources",
        ),
        (
            lambda d: d["periods"][3]["sources"][0].update(url="forum.fiverr.com"),
            "http(s) address @ $.periods[3].sources[0].url",
        ),
        (
            lambda d: d["periods"][3]["sources"][0].update(says=" "),
            "empty text @ $.periods[3].sources[0].says",
        ),
        (
            lambda d: d["periods"][4]["schedule"].update(name="service-fee-2018"),
            "duplicate name 'service-fee-2018' (first at index 3) @ $.periods[4].schedule.name",
        ),
        (
            lambda d: d["periods"][3]["schedule"].update(seller_rate=0.2),
            "got float @ $.periods[3].schedule.seller_rate",
        ),
        (
            lambda d: d["periods"][3]["schedule"].update(per_payment="yes"),
            "$.periods[3].schedule.per_payment",
        ),
        (
            lambda d: d["clearance"][0].update(top_rated_days=20),
            "top_rated_days must be from 0 to days @ $.clearance[0].top_rated_days",
        ),
        (lambda d: d["clearance"][0].update(days=400), "@ $.clearance[0].days"),
        (lambda d: d.update(data_version=" "), "empty text @ $.data_version"),
        (lambda d: d.pop("periods"), "periods"),
    ],
)
def test_invalid_history_names_the_file_and_path(
    change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """Each mistake in a history file is a KnowledgeBaseError naming the file and the path."""
    data = packaged_history()
    change(data)
    with pytest.raises(KnowledgeBaseError) as info:
        parse(data)
    assert info.value.source == "history.json"
    assert problem in str(info.value)


def test_the_packaged_file_round_trips() -> None:
    """The shipped file is exactly what the converter makes of the loaded history."""
    from fiverr_support_kb._converter import CONVERTER  # noqa: PLC0415 - only here

    data = packaged_history()
    assert CONVERTER.unstructure(fee_history()) == data | {
        "periods": [
            p | {"schedule": {"per_payment": False, **p["schedule"]}} for p in data["periods"]
        ],
        "clearance": [{"notes": "", **rule} for rule in data["clearance"]],
    }


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2010-02-01", "no-buyer-fee-2010"),
        ("2014-11-01", "processing-fee-2014"),
        ("2016-06-01", "processing-fee-2014"),
        ("2018-04-30", "processing-fee-2014"),
        ("2018-05-01", "service-fee-2018"),
        ("2021-02-28", "service-fee-2020"),
        ("2023-01-01", "service-fee-2021"),
        ("2026-12-04", "service-fee-2021"),
        ("2026-12-05", "help-center"),
        ("2040-01-01", "help-center"),
    ],
)
def test_the_packaged_periods_leave_no_day_from_2010_without_a_schedule(
    day: str, name: str
) -> None:
    """Each dated rule stays in force until the next begins: every day from February 2010 on."""
    assert fee_schedule_on(day).name == name


def test_the_packaged_dated_periods_are_contiguous() -> None:
    """Each dated period ends the day before the next one starts."""
    starts = {p.valid_from: p for p in fee_history().periods if p.valid_from is not None}
    dated = [starts[day] for day in sorted(starts)]
    for earlier, later in itertools.pairwise(dated):
        assert earlier.valid_until is not None
        assert earlier.valid_until + timedelta(days=1) == later.valid_from
    assert dated[-1].valid_until is None
