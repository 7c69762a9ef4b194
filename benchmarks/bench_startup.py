"""Cold start, side by side: import and first use against the floors they must pay.

Every figure is a whole fresh interpreter (``python -c CODE``); every command, ours and the
baselines, runs once per round, in turn, for many rounds, so a change in the machine's load
hits all of them alike; each figure is the median over the rounds:

- ``import fiverr_support_kb`` against ``import attrs`` (target: within 0.3x);
- import plus first use of ``is_official``, ``assess_username``, ``compute_order_split`` and
  ``search`` against ``import cattrs``, each alone (target: within 1.0x each) and all four in
  one process (target: within 1.15x).

Run: ``python benchmarks/bench_startup.py`` (about a minute; ``--rounds N``, default 25). The
samples run with bytecode caches written and used, whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from typing import Final

from _report import exit_status, report

BASE: Final = {
    "import attrs": "import attrs",
    "import cattrs": "import cattrs",
}
ALL_FOUR: Final = (
    "import fiverr_support_kb as k; k.is_official('Fiverr-Care'); k.compute_order_split('40.50');"
    " k.assess_username('Fiverr-Cаre'); k.search('elfelejtettem a jelszavam')"
)
OURS: Final = {
    "import fiverr_support_kb": ("import fiverr_support_kb", "import attrs", 0.3),
    "first is_official": (
        "import fiverr_support_kb as k; k.is_official('Fiverr-Care')",
        "import cattrs",
        1.0,
    ),
    "first assess_username": (
        "import fiverr_support_kb as k; k.assess_username('Fiverr-Cаre')",
        "import cattrs",
        1.0,
    ),
    "first compute_order_split": (
        "import fiverr_support_kb as k; k.compute_order_split('40.50')",
        "import cattrs",
        1.0,
    ),
    "first search": (
        "import fiverr_support_kb as k; k.search('elfelejtettem a jelszavam')",
        "import cattrs",
        1.0,
    ),
    "first use of all four": (ALL_FOUR, "import cattrs", 1.15),
}
#: Each command's row in the README's performance table.
WHAT: Final = {
    "import fiverr_support_kb": "`import fiverr_support_kb`",
    "first is_official": "import + first `is_official()`",
    "first assess_username": "import + first `assess_username()`",
    "first compute_order_split": "import + first `compute_order_split()`",
    "first search": "import + first `search()`",
    "first use of all four": "import + first use of all four, one process",
}


# An installed package has its bytecode compiled (pip does it), as the baselines do: with
# PYTHONDONTWRITEBYTECODE set, every sample of ours would compile the package from source
# (about half again its cold start) while attrs and cattrs load their .pyc files.
ENV: Final = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def seconds(code: str) -> float:
    """Run ``python -c CODE`` in a fresh interpreter; return its wall time."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)  # noqa: S603 - our own code
    return time.perf_counter() - start


def main() -> None:
    """Time every command, interleaved, and print each against its baseline with the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    commands = {**BASE, **{name: code for name, (code, _, _) in OURS.items()}}
    for code in commands.values():  # warm the file cache and the bytecode caches
        seconds(code)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, code in commands.items():
            times[name].append(seconds(code))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"cold start, whole process: median of {args.rounds} interleaved rounds")
    header = f"{'':32s} {'ours':>9s} {'baseline':>22s} {'ratio':>7s}"
    print(f"{header}  target")
    for name, (_, baseline, target) in OURS.items():
        ratio = median[name] / median[baseline]
        verdict = "ok" if ratio <= target else "OVER"
        ours, base = median[name] * 1e3, median[baseline] * 1e3
        report(
            what=WHAT[name],
            ours=f"{ours:.1f} ms",
            baseline=f"`{baseline}` {base:.1f} ms",
            ratio=f"{ratio:.2f}x",
            target=f"≤ {target}x",
            met=ratio <= target,
            line=(
                f"{name:32s} {ours:7.1f}ms {baseline:>13s} {base:6.1f}ms"
                f" {ratio:6.2f}x  <= {target}x {verdict}"
            ),
        )


if __name__ == "__main__":
    main()
    sys.exit(exit_status())
