"""Benchmark split-csv's columnar engine against DuckDB SQL and Polars on the same export.

Run it with ``python benchmarks/bench_columnar.py`` (needs the ``benchmarks`` extra, which
brings pyarrow, duckdb and polars; a few minutes on two cores). ``--rows N`` changes the size
of the timed file (default 5,000,000 rows, about 200 MB).

Every contender runs in its own fresh process (start-up and imports included), on the same
file, interleaved, several times; the best time and the peak memory (max RSS) of each are
printed beside the others, with the ratio of ours to each baseline:

- ``columnar``: ``split_csv(source, target, engine="columnar")``, which also totals the
  ledger of the status column;
- ``duckdb``: one SQL ``COPY (SELECT ...) TO`` with ``DECIMAL`` arithmetic and ``round``;
  like ours, a cancelled order gets five zero amounts (no fees, no net);
- ``polars``: a lazy ``scan_csv`` ... ``sink_csv`` pipeline (streaming), prices read as
  ``Decimal`` and the fees computed in integer cents (Polars' ``Decimal`` product rounds to
  the operands' scale first, a cent off on some rows).

Before timing, the baselines' five appended columns are checked cent by cent against ours,
and on a 1,000,000-row file the columnar engine's output is checked byte for byte against the
Python engine's.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from _report import exit_status, report

REPEATS: Final = 5
CHECK_ROWS: Final = 1_000_000
STATUSES: Final = ("in_progress", "delivered", "completed", "completed", "cancelled")
BUYERS: Final = ("Kovács Éva", "John Smith", "Zoë", "Nagy Péter")
COLUMNS: Final = ("buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue")

# Each contender: Python code run as `python -c CODE SOURCE TARGET`.
OURS: Final = """
import sys
from fiverr_support_kb.exports import split_csv
split_csv(sys.argv[1], sys.argv[2], engine=sys.argv[3] if len(sys.argv) > 3 else "columnar")
"""
DUCKDB: Final = """
import sys, duckdb
source, target = sys.argv[1], sys.argv[2]
duckdb.sql(f'''
COPY (
  SELECT order_id, price, status, buyer,
         buyer_fee, CASE WHEN gone THEN 0.00 ELSE price + buyer_fee END AS buyer_total,
         seller_fee, CASE WHEN gone THEN 0.00 ELSE price - seller_fee END AS seller_net,
         buyer_fee + seller_fee AS platform_revenue
  FROM (
    SELECT *,
      CAST(CASE WHEN gone THEN 0.00 WHEN price <= 40 THEN 2.00 ELSE round(price * 0.05, 2) END
        AS DECIMAL(18, 2)) AS buyer_fee,
      CAST(CASE WHEN gone THEN 0.00 ELSE round(price * 0.20, 2) END AS DECIMAL(18, 2))
        AS seller_fee
    FROM (
      SELECT *, lower(trim(status)) IN ('cancelled', 'canceled') AS gone
      FROM read_csv('{source}', header = true, columns = {{
        'order_id': 'VARCHAR', 'price': 'DECIMAL(14, 2)', 'status': 'VARCHAR', 'buyer': 'VARCHAR'
      }})
    )
  )
) TO '{target}' (HEADER, DELIMITER ',')
''')
"""
POLARS: Final = """
import sys, polars as pl
source, target = sys.argv[1], sys.argv[2]
cents = (pl.col("price").cast(pl.Decimal(14, 2)) * 100).cast(pl.Int64)
def half_up(numerator, denominator):  # round(cents * p / q), half up, in integers
    return (2 * cents * numerator + denominator) // (2 * denominator)
def text(amount):
    return pl.format("{}.{}", amount // 100, (amount % 100).cast(pl.String).str.zfill(2))
gone = pl.col("status").str.strip_chars().str.to_lowercase().is_in(["cancelled", "canceled"])
zero = pl.lit(0, pl.Int64)
buyer_fee = (
    pl.when(gone).then(zero)
    .when(cents <= 4000).then(pl.lit(200, pl.Int64))
    .otherwise(half_up(5, 100))
)
seller_fee = pl.when(gone).then(zero).otherwise(half_up(1, 5))
(
    pl.scan_csv(source, schema_overrides={"price": pl.String, "order_id": pl.String})
    .with_columns(buyer_fee.alias("b"), seller_fee.alias("s"), cents.alias("c"))
    .with_columns(
        text(pl.col("b")).alias("buyer_fee"),
        text(pl.when(gone).then(zero).otherwise(pl.col("c") + pl.col("b"))).alias("buyer_total"),
        text(pl.col("s")).alias("seller_fee"),
        text(pl.when(gone).then(zero).otherwise(pl.col("c") - pl.col("s"))).alias("seller_net"),
        text(pl.col("b") + pl.col("s")).alias("platform_revenue"),
    )
    .drop("b", "s", "c")
    .sink_csv(target)
)
"""
# Runs a contender and prints its wall time and the peak RSS (KiB on Linux) of that process.
TIMED: Final = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
CONTENDERS: Final = {"columnar": OURS, "duckdb": DUCKDB, "polars": POLARS}


def write_orders(path: Path, rows: int, seed: int = 6) -> Path:
    """Write an order export: an id, a price (every cent from $1.00 to $1,500.00), a status."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("order_id,price,status,buyer\r\n")
        chunk: list[str] = []
        for number in range(rows):
            cents = rng.randint(100, 150_000)
            status, buyer = rng.choice(STATUSES), rng.choice(BUYERS)
            chunk.append(f"FO{number:08d},{cents // 100}.{cents % 100:02d},{status},{buyer}\r\n")
            if len(chunk) == 100_000:
                handle.write("".join(chunk))
                chunk.clear()
        handle.write("".join(chunk))
    return path


def run(code: str, source: Path, target: Path, *extra: str) -> tuple[float, int]:
    """Run one contender in a fresh process; return its seconds and peak RSS in KiB."""
    command = [sys.executable, "-c", TIMED, sys.executable, "-c", code, str(source), str(target)]
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [*command, *extra], check=True, capture_output=True, text=True
    ).stdout
    seconds, kib = out.split()
    return float(seconds), int(kib)


def appended(path: Path) -> pa.Table:
    """The five appended columns of an output file, as text."""
    options = pa_csv.ConvertOptions(column_types=dict.fromkeys(COLUMNS, pa.string()))
    table = pa_csv.read_csv(path, convert_options=options)
    return table.select(list(COLUMNS))


def check_same(ours: Path, theirs: Path, name: str) -> None:
    """Stop unless *theirs* has exactly our five appended columns, row by row."""
    mine, other = appended(ours), appended(theirs)
    if mine.num_rows != other.num_rows:
        raise SystemExit(f"{name}: {other.num_rows} rows, ours {mine.num_rows}")
    for column in COLUMNS:
        if not pc.all(pc.equal(mine[column], other[column])).as_py():
            raise SystemExit(f"{name} disagrees with the columnar engine on {column}")


def main() -> None:
    """Check the contenders agree, then time them interleaved and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small = write_orders(folder / "check.csv", CHECK_ROWS)
        run(OURS, small, folder / "check-columnar.csv")
        run(OURS, small, folder / "check-python.csv", "python")
        identical = (folder / "check-columnar.csv").read_bytes() == (
            folder / "check-python.csv"
        ).read_bytes()
        if not identical:
            raise SystemExit("the columnar engine's output differs from the Python engine's")
        print(f"columnar output == Python engine output, byte for byte, {CHECK_ROWS:,} rows")
        for contender in ("duckdb", "polars"):
            run(CONTENDERS[contender], small, folder / f"check-{contender}.csv")
            check_same(folder / "check-columnar.csv", folder / f"check-{contender}.csv", contender)
            print(f"{contender} agrees with it cent by cent")
        small.unlink()
        source = write_orders(folder / "orders.csv", args.rows)
        size = source.stat().st_size / 2**20
        print(
            f"timed file: {args.rows:,} rows, {size:.0f} MiB; best of {args.repeats}, interleaved"
        )
        best = dict.fromkeys(CONTENDERS, float("inf"))
        peak = dict.fromkeys(CONTENDERS, 0)
        for _ in range(args.repeats):
            for contender, code in CONTENDERS.items():
                target = folder / f"{contender}.csv"
                seconds, kib = run(code, source, target)
                best[contender] = min(best[contender], seconds)
                peak[contender] = max(peak[contender], kib)
                target.unlink()
        ours = best["columnar"]
        for contender in CONTENDERS:
            seconds = best[contender]
            ratio = "" if contender == "columnar" else f"   ours/this {ours / seconds:.2f}x"
            line = (
                f"{contender:<9} {seconds:6.2f} s  {args.rows / seconds:>11,.0f} rows/s  "
                f"peak {peak[contender] / 1024:6.1f} MiB{ratio}"
            )
            if contender == "columnar":
                print(line)
                continue
            report(
                what=f"`split-csv --engine columnar` vs {NAMES[contender]}, {args.rows:,} rows",
                ours=f"{ours:.2f} s",
                baseline=f"{BASELINES[contender]} {seconds:.2f} s",
                ratio=f"{ours / seconds:.2f}x",
                target="≤ 1.0x",
                met=ours <= seconds,
                line=line,
            )
        report(
            what=f"`split-csv --engine columnar` peak memory, {args.rows:,} rows",
            ours=f"{peak['columnar'] / 1024:.1f} MiB",
            baseline=", ".join(
                f"{NAMES[name]} {peak[name] / 1024:.1f} MiB" for name in ("duckdb", "polars")
            ),
            target="< 150 MiB",
            met=peak["columnar"] / 1024 < 150,
            line=(
                f"columnar target: at least as fast as both (ratio <= 1.00x), "
                f"peak under 150 MiB: {peak['columnar'] / 1024:.1f} MiB"
            ),
        )


#: The baselines' names and descriptions in the README's performance table.
NAMES: Final = {"duckdb": "DuckDB", "polars": "Polars"}
BASELINES: Final = {
    "duckdb": "DuckDB SQL `COPY (SELECT ...)`",
    "polars": "Polars `scan_csv` ... `sink_csv`",
}


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
    sys.exit(exit_status())
