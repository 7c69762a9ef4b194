"""Benchmark ``fiverr-kb split-csv``: memory stays flat, and throughput is near a plain script.

Run it with ``python benchmarks/bench_cli.py``. It prints, each beside its baseline measured
in the same run:

- the peak memory (max RSS) of ``python -m fiverr_support_kb split-csv`` on a 200,000-row
  order export beside the same on a 2,000-row one (target: within 1.3x, i.e. streaming);
- the time ``split-csv`` takes for a 50,000-row export (in-process, so start-up is not
  counted) beside a plain ``csv`` + ``Decimal`` script doing the same arithmetic: the
  article's fees, half-up, the same five appended columns and the same completed-order
  ledger, without the library's validation (target: within 1.5x).

Each measurement runs in a fresh process, or is the best of several interleaved runs. These
are the Python engine's figures (``--engine python``); ``bench_columnar.py`` measures the
columnar one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from _report import exit_status, report
from fiverr_support_kb.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable

SMALL_ROWS: Final = 2_000
LARGE_ROWS: Final = 200_000
TIMED_ROWS: Final = 50_000
REPEATS: Final = 5
STATUSES: Final = ("in_progress", "delivered", "completed", "completed", "cancelled")

# Runs a command and prints the peak RSS (KiB on Linux) of that one child process.
_PEAK_RSS: Final = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def write_orders(path: Path, rows: int, *, distinct: bool, seed: int = 6) -> Path:
    """Write an order export: an id, a price, a status and a buyer's name.

    With *distinct*, every price is a random amount of cents from $1.00 to $1,500.00 (the
    worst case for ``split-csv``'s memo of splits). Otherwise prices are what sellers' gigs
    look like: 90% from a catalogue of 300 package prices, the popular ones more often, and
    10% custom offers of any amount.
    """
    rng = random.Random(seed)
    catalogue = [rng.randint(5, 1000) * 100 + rng.choice((0, 0, 0, 50, 99)) for _ in range(300)]
    weights = [1 / rank for rank in range(1, len(catalogue) + 1)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "price", "status", "buyer"])
        for number in range(rows):
            if distinct or rng.random() < 0.1:
                cents = rng.randint(100, 150_000)
            else:
                cents = rng.choices(catalogue, weights)[0]
            writer.writerow(
                [
                    f"FO{number:08d}",
                    f"{cents // 100}.{cents % 100:02d}",
                    rng.choice(STATUSES),
                    rng.choice(("Kovács Éva", "John Smith", "Zoë", "Nagy Péter")),
                ]
            )
    return path


def peak_rss_kib(source: Path) -> int:
    """The peak RSS of ``split-csv`` on *source*, in a fresh process."""
    command = [sys.executable, "-m", "fiverr_support_kb", "split-csv", str(source)]
    command += ["--engine", "python"]  # the columnar engine has its own benchmark
    output = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", _PEAK_RSS, *command, "-o", os.devnull],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(output)


def run_cli(source: Path, target: Path) -> None:
    """``fiverr-kb split-csv SOURCE -o TARGET``, in this process, the ledger line discarded."""
    with contextlib.redirect_stderr(io.StringIO()):
        code = main(["split-csv", str(source), "-o", str(target), "--engine", "python"])
    if code != 0:
        raise SystemExit(f"split-csv failed with exit code {code}")


def run_plain(source: Path, target: Path) -> tuple[object, ...]:
    """The same output and ledger with csv and Decimal only: the article's fees, half-up."""
    cent, forty, two = Decimal("0.01"), Decimal(40), Decimal("2.00")
    rate, seller_rate = Decimal("0.05"), Decimal("0.2")
    zero = Decimal("0.00")
    counts = dict.fromkeys(STATUSES, 0)
    gross = buyer_fees = seller_fees = pending = zero
    with (
        source.open(encoding="utf-8-sig", newline="") as reading,
        target.open("w", encoding="utf-8", newline="") as writing,
    ):
        reader = csv.reader(reading)
        writer = csv.writer(writing)
        header = next(reader)
        price_at, status_at = header.index("price"), header.index("status")
        writer.writerow(
            [*header, "buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue"]
        )
        for row in reader:
            price = Decimal(row[price_at]).quantize(cent)
            status = row[status_at]
            counts[status] += 1
            buyer_fee = two if price <= forty else (price * rate).quantize(cent, ROUND_HALF_UP)
            seller_fee = (price * seller_rate).quantize(cent, ROUND_HALF_UP)
            if status == "cancelled":  # a cancelled order carries no fees and no net
                row.extend(("0.00",) * 5)
            else:
                row.extend(
                    (
                        str(buyer_fee),
                        str(price + buyer_fee),
                        str(seller_fee),
                        str(price - seller_fee),
                        str(buyer_fee + seller_fee),
                    )
                )
            writer.writerow(row)
            if status == "completed":
                gross += price
                buyer_fees += buyer_fee
                seller_fees += seller_fee
            elif status != "cancelled":
                pending += price
    return counts, gross, buyer_fees, seller_fees, gross - seller_fees, pending


def seconds(function: Callable[[Path, Path], object], source: Path, target: Path) -> float:
    """The time one run takes."""
    start = time.perf_counter()
    function(source, target)
    return time.perf_counter() - start


def compare_throughput(label: str, source: Path, folder: Path) -> None:
    """Time split-csv and the plain script on *source*, interleaved, and print the best runs."""
    ours, plain = folder / "ours.csv", folder / "plain.csv"
    run_cli(source, ours)  # warm up: imports, data files
    run_plain(source, plain)
    if ours.read_bytes() != plain.read_bytes():
        raise SystemExit("split-csv and the plain script disagree: the comparison is void")
    cli_times, plain_times = [], []
    for _ in range(REPEATS):
        cli_times.append(seconds(run_cli, source, ours))
        plain_times.append(seconds(run_plain, source, plain))
    cli_best, plain_best = min(cli_times), min(plain_times)
    report(
        what=f"`split-csv --engine python`, {WHAT[label]}",
        ours=f"{cli_best * 1e6 / TIMED_ROWS:.2f} µs/row",
        baseline=f"plain `csv` + `Decimal` script {plain_best * 1e6 / TIMED_ROWS:.2f} µs/row",
        ratio=f"{cli_best / plain_best:.2f}x",
        target="≤ 1.5x",
        met=cli_best / plain_best <= 1.5,
        line=(
            f"throughput, {label}: split-csv {cli_best * 1e6 / TIMED_ROWS:5.2f} us/row "
            f"({TIMED_ROWS / cli_best:,.0f} rows/s)   plain csv+Decimal "
            f"{plain_best * 1e6 / TIMED_ROWS:5.2f} us/row "
            f"({TIMED_ROWS / plain_best:,.0f} rows/s)   "
            f"ratio {cli_best / plain_best:.2f}x (target <= 1.5x)"
        ),
    )


#: The README's performance table's wording of each file's prices.
WHAT: Final = {"gig prices": "repeated gig prices", "every price distinct": "every price distinct"}


def main_benchmark() -> None:
    """Measure and print the figures."""
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        small = write_orders(folder / "small.csv", SMALL_ROWS, distinct=True)
        large = write_orders(folder / "large.csv", LARGE_ROWS, distinct=True)
        small_kib, large_kib = peak_rss_kib(small), peak_rss_kib(large)
        report(
            what=f"`split-csv --engine python` peak memory, {LARGE_ROWS:,} vs {SMALL_ROWS:,} rows",
            ours=f"{large_kib / 1024:.1f} MiB",
            baseline=f"{small_kib / 1024:.1f} MiB",
            ratio=f"{large_kib / small_kib:.2f}x",
            target="≤ 1.3x",
            met=large_kib / small_kib <= 1.3,
            line=(
                f"peak memory, distinct prices: {LARGE_ROWS:,} rows {large_kib / 1024:.1f} MiB   "
                f"{SMALL_ROWS:,} rows {small_kib / 1024:.1f} MiB   "
                f"ratio {large_kib / small_kib:.2f}x (target <= 1.3x)"
            ),
        )
        compare_throughput(
            "gig prices", write_orders(folder / "gigs.csv", TIMED_ROWS, distinct=False), folder
        )
        compare_throughput(
            "every price distinct",
            write_orders(folder / "distinct.csv", TIMED_ROWS, distinct=True),
            folder,
        )


if __name__ == "__main__":
    main_benchmark()
    sys.exit(exit_status())
