"""Run every benchmark, one after the other, each printing its figures beside its baseline.

Run: ``python benchmarks/run.py`` (a few minutes on two cores), or name some of them:
``python benchmarks/run.py fees search``. Each benchmark is its own script in this folder
(``bench_<name>.py``) and can be run alone; this only runs them in turn, in fresh processes,
and exits non-zero if any of them failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
ORDER: Final = ("startup", "fees", "accounts", "search", "answers", "trust", "cli", "columnar")
EXTRA_ARGS: Final[dict[str, list[str]]] = {"startup": ["--quiet"]}


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and return the number that failed."""
    names = argv or list(ORDER)
    unknown = sorted(set(names) - set(ORDER))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(ORDER)}")
        return 2
    failed = 0
    for name in names:
        script = HERE / f"bench_{name}.py"
        print(f"\n=== {script.name} " + "=" * (60 - len(script.name)), flush=True)
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 - our own scripts, with this interpreter
            [sys.executable, str(script), *EXTRA_ARGS.get(name, [])], check=False
        )
        took = time.perf_counter() - started
        print(f"--- {script.name}: exit {result.returncode} in {took:.0f} s", flush=True)
        failed += result.returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
