"""Benchmark the fee engine beside hand-written baselines measured in the same run.

Run it with ``python benchmarks/bench_fees.py`` (a few seconds). Each line prints the
library's figure, the baseline's, and their ratio (library / baseline):

- ``split``: :func:`compute_order_split` on 1,000 whole-cent prices from $0.01 to $200.00 (both
  tiers of the article's schedule), beside the minimal hand-written split: ``Decimal(p)``, the
  flat fee or ``(p * rate).quantize(cent, ROUND_HALF_UP)``, the seller's fee likewise, and one
  frozen ``attrs`` instance built positionally; it validates nothing and looks nothing up (a
  ``Decimal`` price is taken as it is, not even ``Decimal(p)``). Once each with ``Decimal``,
  ``str`` and ``int`` prices, and once under the help center's schedule.
  Target: within 1.2x, in the default decimal context (the library stays exact in any other).
- ``price_for_seller_net`` / ``max_price_for_budget``: the exact searches beside the obvious
  alternative, a cent-by-cent scan calling :func:`compute_order_split`.
- ``summarize_orders``: a 10,000-order ledger beside a hand-written loop over the baseline split.

Before timing, every baseline is checked to give the library's answers. Figures are the best of
several interleaved runs, in microseconds per call (per order for the ledger).
"""

from __future__ import annotations

import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from _report import exit_status
from _report import report as report_row
from fiverr_support_kb import (
    Order,
    OrderStatus,
    compute_order_split,
    fee_schedules,
    max_price_for_budget,
    price_for_seller_net,
    summarize_orders,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

REPEATS: Final = 31
CENT: Final = Decimal("0.01")
ZERO: Final = Decimal("0.00")
FORTY: Final = Decimal(40)
HUNDRED: Final = Decimal(100)
TWO: Final = Decimal("2.00")
THREE: Final = Decimal("3.00")
FIVE_PERCENT: Final = Decimal("0.05")
FIVE_AND_A_HALF_PERCENT: Final = Decimal("0.055")
TWENTY_PERCENT: Final = Decimal("0.20")


@attrs.frozen
class HandSplit:
    """The baseline's result: a frozen attrs class with the same six fields, built positionally."""

    price: Decimal
    buyer_fee: Decimal
    buyer_total: Decimal
    seller_fee: Decimal
    seller_net: Decimal
    platform_revenue: Decimal


def hand_split(given: int | str) -> HandSplit:
    """The article's split, half-up, written by hand: ``Decimal(p)``, no validation, no lookup."""
    price = Decimal(given)
    buyer_fee = TWO if price <= FORTY else (price * FIVE_PERCENT).quantize(CENT, ROUND_HALF_UP)
    seller_fee = (price * TWENTY_PERCENT).quantize(CENT, ROUND_HALF_UP)
    return HandSplit(
        price, buyer_fee, price + buyer_fee, seller_fee, price - seller_fee, buyer_fee + seller_fee
    )


def hand_split_decimal(price: Decimal) -> HandSplit:
    """:func:`hand_split` of a ``Decimal`` price, taken as it is: no conversion at all."""
    buyer_fee = TWO if price <= FORTY else (price * FIVE_PERCENT).quantize(CENT, ROUND_HALF_UP)
    seller_fee = (price * TWENTY_PERCENT).quantize(CENT, ROUND_HALF_UP)
    return HandSplit(
        price, buyer_fee, price + buyer_fee, seller_fee, price - seller_fee, buyer_fee + seller_fee
    )


def hand_help_center_split(price: Decimal) -> HandSplit:
    """The help center's split of a ``Decimal`` price, half-up, written by hand."""
    buyer_fee = (price * FIVE_AND_A_HALF_PERCENT).quantize(CENT, ROUND_HALF_UP)
    if price < HUNDRED:
        buyer_fee += THREE
    seller_fee = (price * TWENTY_PERCENT).quantize(CENT, ROUND_HALF_UP)
    return HandSplit(
        price, buyer_fee, price + buyer_fee, seller_fee, price - seller_fee, buyer_fee + seller_fee
    )


def help_center_over(prices: Sequence[Decimal]) -> Callable[[], None]:
    """Return a callable splitting every price under the help center's schedule, for timing.

    ``compute_order_split`` is called in the loop itself, with its keyword option as documented:
    one call per split, like the baseline (a wrapper function would charge the library for a
    second call).
    """

    def run() -> None:
        for price in prices:
            compute_order_split(price, schedule="help-center")

    return run


def scan_price_for_seller_net(target: Decimal) -> Decimal:
    """The least price netting *target*, found cent by cent upwards."""
    cents = int(target * 100)
    while compute_order_split(Decimal(cents) / 100).seller_net < target:
        cents += 1
    return Decimal(cents) / 100


def scan_max_price_for_budget(budget: Decimal) -> Decimal:
    """The greatest price within *budget*, found cent by cent downwards from the budget."""
    cents = int(budget * 100)
    while compute_order_split(Decimal(cents) / 100).buyer_total > budget:
        cents -= 1
    return Decimal(cents) / 100


def hand_ledger(orders: Sequence[Order]) -> tuple[object, ...]:
    """The ledger's counts and totals, by a plain loop over the baseline split."""
    counts = dict.fromkeys(OrderStatus, 0)
    gross = buyer_fees = seller_fees = pending = ZERO
    for order in orders:
        counts[order.status] += 1
        if order.status is OrderStatus.COMPLETED:
            split = hand_split_decimal(order.price)
            gross += split.price
            buyer_fees += split.buyer_fee
            seller_fees += split.seller_fee
        elif order.status is not OrderStatus.CANCELLED:
            pending += order.price
    return counts, gross, buyer_fees, seller_fees, gross - seller_fees, pending


def check(agrees: bool, what: str) -> None:  # noqa: FBT001 - a condition, read as a sentence
    """Stop the benchmark if a baseline does not compute what the library computes."""
    if not agrees:
        raise SystemExit(f"the baseline disagrees with the library: {what}")


def best_per_call(
    contenders: Sequence[Callable[[], object]], calls: int, repeats: int = REPEATS
) -> list[float]:
    """Time each contender *repeats* times, interleaved; return the best, in µs per call."""
    best = [float("inf")] * len(contenders)
    for _ in range(repeats):
        for index, run in enumerate(contenders):
            start = time.perf_counter_ns()
            run()
            best[index] = min(best[index], (time.perf_counter_ns() - start) / calls / 1000)
    return best


#: The rows of the README's performance table: (what, the baseline's description), by name.
README_ROWS: Final = {
    "split, Decimal prices": (
        "`compute_order_split()` per call, `Decimal` price",
        "minimal split (the `Decimal` as it is, quantize, one positional attrs instance)",
    ),
    "split, str prices": (
        "`compute_order_split()` per call, `str` price",
        "the same from `Decimal(p)`",
    ),
    "split, int prices": (
        "`compute_order_split()` per call, `int` price",
        "the same from `Decimal(p)`",
    ),
}


def report(name: str, ours: float, baseline: float, what: str, target: str = "") -> None:
    """Print one figure beside its baseline, and the ratio (and record a README row)."""
    suffix = f" (target <= {target})" if target else ""
    line = (
        f"{name:<34} library {ours:9.2f} µs | {what} {baseline:9.2f} µs | "
        f"ratio {ours / baseline:.2f}x{suffix}"
    )
    if name not in README_ROWS:
        print(line)
        return
    row, described = README_ROWS[name]
    report_row(
        what=row,
        ours=f"{ours:.2f} µs",
        baseline=f"{described} {baseline:.2f} µs",
        ratio=f"{ours / baseline:.2f}x",
        target=f"≤ {target}",
        met=ours / baseline <= float(target.rstrip("x")),
        line=line,
    )


def check_splits(prices: Sequence[Decimal]) -> None:
    """Check that the hand-written splits give the library's splits, from every input type."""
    for price in prices:
        hand = attrs.astuple(hand_split_decimal(price))
        hand_help = attrs.astuple(hand_help_center_split(price))
        givens: list[Decimal | int | str] = [price, str(price)]
        if price == int(price):  # a list, not a set: Decimal(5) == 5 would drop one of them
            givens.append(int(price))
        for given in givens:
            ours = attrs.astuple(compute_order_split(given))
            check(ours == hand, f"article split of {given!r}")
            if not isinstance(given, Decimal):
                check(attrs.astuple(hand_split(given)) == hand, f"hand split of {given!r}")
            ours = attrs.astuple(compute_order_split(given, schedule="help-center"))
            check(ours == hand_help, f"help-center split of {given!r}")


def over(function: Callable[[Any], object], items: Sequence[Any]) -> Callable[[], None]:
    """Return a callable that applies *function* to every item, for timing."""

    def run() -> None:
        for item in items:
            function(item)

    return run


def bench_splits(rng: random.Random) -> None:
    """compute_order_split beside the hand-written split, from Decimal, str and int prices."""
    prices = [Decimal(rng.randint(1, 20_000)).scaleb(-2) for _ in range(1_000)]
    texts = [str(price) for price in prices]
    whole = [rng.randint(1, 200) for _ in range(1_000)]
    check_splits(prices)
    check_splits([Decimal(number) for number in whole])
    cases = [
        (
            "split, Decimal prices",
            over(compute_order_split, prices),
            over(hand_split_decimal, prices),
        ),
        ("split, str prices", over(compute_order_split, texts), over(hand_split, texts)),
        ("split, int prices", over(compute_order_split, whole), over(hand_split, whole)),
        (
            "split, help-center, Decimal prices",
            help_center_over(prices),
            over(hand_help_center_split, prices),
        ),
    ]
    contenders = [run for _, ours, hand in cases for run in (ours, hand)]
    timings = best_per_call(contenders, len(prices))
    for index, (name, *_) in enumerate(cases):
        ours, baseline = timings[2 * index], timings[2 * index + 1]
        report(name, ours, baseline, "hand-written", "1.2x")


def bench_reverse(rng: random.Random) -> None:
    """The exact reverse searches beside cent-by-cent scans."""
    targets = [Decimal(rng.randint(100, 5_000)).scaleb(-2) for _ in range(20)]
    budgets = [target + 3 for target in targets]
    for target, budget in zip(targets, budgets, strict=True):
        found = price_for_seller_net(target)
        check(found == scan_price_for_seller_net(target), f"price for a net of {target}")
        found = max_price_for_budget(budget)
        check(found == scan_max_price_for_budget(budget), f"budget of {budget}")
    timings = best_per_call(
        [
            over(price_for_seller_net, targets),
            over(scan_price_for_seller_net, targets),
            over(max_price_for_budget, budgets),
            over(scan_max_price_for_budget, budgets),
        ],
        len(targets),
        5,
    )
    report("price_for_seller_net ($1-$50)", timings[0], timings[1], "cent scan")
    report("max_price_for_budget ($4-$53)", timings[2], timings[3], "cent scan")


def bench_ledger(rng: random.Random) -> None:
    """summarize_orders beside a hand-written loop, per order."""
    statuses = list(OrderStatus)
    orders = [
        Order(price=Decimal(rng.randint(1, 20_000)).scaleb(-2), status=rng.choice(statuses))
        for _ in range(10_000)
    ]
    summary = summarize_orders(orders)
    totals = (
        dict(summary.counts),
        summary.gross_completed,
        summary.buyer_fee_total,
        summary.seller_fee_total,
        summary.seller_net_total,
        summary.pending_gross,
    )
    check(totals == hand_ledger(orders), "the ledger")
    timings = best_per_call(
        [lambda: summarize_orders(orders), lambda: hand_ledger(orders)], len(orders), 7
    )
    report("summarize_orders (10,000 orders)", timings[0], timings[1], "hand loop")


def main() -> None:
    """Run every benchmark and print its figures."""
    fee_schedules()  # load the packaged data outside the timings
    rng = random.Random(3)
    bench_splits(rng)
    bench_reverse(rng)
    bench_ledger(rng)


if __name__ == "__main__":
    main()
    sys.exit(exit_status())
