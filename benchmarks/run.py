"""Run every benchmark, one after the other, each printing its figures beside its baseline.

Run: ``python benchmarks/run.py`` (a few minutes on two cores), or name some of them:
``python benchmarks/run.py fees search``. Each benchmark is its own script in this folder
(``bench_<name>.py``) and can be run alone; this only runs them in turn, in fresh processes,
and exits non-zero if any of them failed: a benchmark exits non-zero when it missed a target
(``_report.exit_status``) or could not measure (its baseline disagreed with the library).

``python benchmarks/run.py --readme [names...]`` also rewrites the README's performance table
(between its ``performance-table`` markers) with the rows the benchmarks report through
``_report.report``: the rows of the benchmarks run replace their lines, identified by their
``what`` text, and every other line is kept (a benchmark that misses a target still reports
this run's figures); the README is left as it was if a row is malformed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from _report import ROWS_ENV, read_rows, rewrite_readme

HERE: Final = Path(__file__).resolve().parent
README: Final = HERE.parent / "README.md"
ORDER: Final = ("startup", "fees", "accounts", "search", "answers", "trust", "cli", "columnar")
# Arguments a benchmark is run with (bench_startup lost its pyperf ``--quiet`` in ec8fbbd).
EXTRA_ARGS: Final[dict[str, list[str]]] = {}


def run(names: list[str], env: dict[str, str] | None = None) -> int:
    """Run the named benchmarks in turn, each in a fresh process; return the number that failed."""
    failed = 0
    for name in names:
        script = HERE / f"bench_{name}.py"
        print(f"\n=== {script.name} " + "=" * (60 - len(script.name)), flush=True)
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 - our own scripts, with this interpreter
            [sys.executable, str(script), *EXTRA_ARGS.get(name, [])], check=False, env=env
        )
        took = time.perf_counter() - started
        print(f"--- {script.name}: exit {result.returncode} in {took:.0f} s", flush=True)
        failed += result.returncode != 0
    return failed


def footer(names: list[str]) -> str:
    """Return the line under the table: when, on what, and by which command."""
    command = " ".join(["python benchmarks/run.py --readme", *names])
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    which = f"Rows of {', '.join(names)} generated" if names else "Generated"
    rest = "; the other rows are from earlier runs" if names else ""
    return (
        f"{which} on {today} by `{command}` (Python {platform.python_version()},"
        f" {os.cpu_count()} CPUs){rest}."
    )


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and return the number that failed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="name", help=", ".join(ORDER))
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the README's table with the figures"
    )
    args = parser.parse_args(argv)
    names = args.names or list(ORDER)
    unknown = sorted(set(names) - set(ORDER))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(ORDER)}")
        return 2
    if not args.readme:
        return run(names)
    with tempfile.TemporaryDirectory() as folder:
        rows_file = Path(folder) / "rows.jsonl"
        rows_file.touch()
        failed = run(names, {**os.environ, ROWS_ENV: str(rows_file)})
        rows = read_rows(rows_file)
    # A benchmark exits 1 when it misses a target: its rows are still this run's figures.
    rewrite_readme(README, rows, footer(args.names))
    print(f"\n{README}: {len(rows)} row(s) rewritten; {failed} benchmark(s) exited non-zero")
    for row in rows:
        if row.met is False:
            print(f"  not met: {row.what} ({row.ratio or row.ours}; target {row.target})")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
