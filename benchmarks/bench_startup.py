"""Cold start, side by side: import and first use against the floors they must pay.

Every figure is a whole fresh interpreter (``python -c CODE``), timed by pyperf's
``bench_command`` in the same run as its baseline:

- ``import fiverr_support_kb`` against ``import attrs`` (target: within 0.3x);
- import plus first use of ``is_official``, ``assess_username``, ``compute_order_split`` and
  ``search`` against ``import cattrs``, each alone (target: within 1.0x each) and all four in
  one process (target: within 1.15x).

Run: ``python benchmarks/bench_startup.py`` (about a minute; ``--fast`` for a rough look).
pyperf's own options work too (``-o results.json``, ``--processes N``).
"""

from __future__ import annotations

import sys
from typing import Final

import pyperf

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


def main() -> None:
    """Time every command and print each against its baseline with the ratio."""
    runner = pyperf.Runner(processes=12, values=3, warmups=1)
    runner.metadata["description"] = __doc__.splitlines()[0]
    means: dict[str, float] = {}
    for name, code in {**BASE, **{k: v[0] for k, v in OURS.items()}}.items():
        bench = runner.bench_command(name, [sys.executable, "-c", code])
        if bench is not None and not runner.args.worker:  # workers only measure
            means[name] = bench.median()
    if len(means) < len(BASE) + len(OURS):
        return
    print()
    header = f"{'cold start (whole process)':32s} {'ours':>9s} {'baseline':>22s} {'ratio':>7s}"
    print(f"{header}  target")
    for name, (_, baseline, target) in OURS.items():
        ratio = means[name] / means[baseline]
        verdict = "ok" if ratio <= target else "OVER"
        print(
            f"{name:32s} {means[name] * 1e3:7.1f}ms {baseline:>13s} {means[baseline] * 1e3:6.1f}ms"
            f" {ratio:6.2f}x  <= {target}x {verdict}"
        )


if __name__ == "__main__":
    main()
