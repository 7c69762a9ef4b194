"""Benchmark and evaluate the username checks: accuracy on generated names, and speed.

Run with ``python benchmarks/bench_accounts.py`` (about 30 s on two cores; ``--quick`` samples
fewer names). It prints, each beside its target or its baseline measured in the same run:

* the detection rate of lookalikes of the official names (every technique of the issue, alone
  and combined), the rate attributed to the right account, the detection rate of generic
  staff impersonations ("Fivver_Support"), the false-positive rate on ordinary freelancer
  names, and that every official name and its case variants are official. The names come
  from ``tests/_lookalikes.py`` with a seed the tests do not use, so this is a held-out sample;
* the time of :func:`is_official` against ``name.strip().lower() in a_frozenset``;
* the time of :func:`assess_username` against a naive check: NFKC, ``casefold()``, and a
  pure-Python Levenshtein distance to each of the eleven names;
* the time of :func:`assess_username` on 1 MB names;
* cold starts: whole fresh interpreters (``python -c "import fiverr_support_kb as k;
  k.is_official('x')"``, the same with ``assess_username`` and a few kinds of name), beside
  ``python -c "import cattrs"`` (target: within 1.3x), as the median of interleaved runs.
  Twice, from a fresh bytecode cache (``PYTHONPYCACHEPREFIX``, so that stray ``__pycache__``
  folders change nothing): with the package's own modules compiled on every start and
  everything else cached (what an editable install under ``PYTHONDONTWRITEBYTECODE=1`` does),
  then with every module cached (what an installed wheel does). ``python -X importtime`` then
  lists what the package's own modules cost, compiled, on the first ``assess_username``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Final

import fiverr_support_kb
from fiverr_support_kb import Verdict, assess_username, default_kb, is_official

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_GENERATOR: Final = Path(__file__).resolve().parent.parent / "tests" / "_lookalikes.py"
SEED: Final = 20240917  # not a seed the tests use
#: Whole-process cold starts: (label, code, target ratio to ``import cattrs`` or None).
_USE: Final = "import fiverr_support_kb as k; k."
COLD_STARTS: Final = (
    ("import cattrs (the baseline)", "import cattrs", None),
    ("import attrs (the floor of any use)", "import attrs", None),
    ("is_official('x')", f"{_USE}is_official('x')", 1.3),
    ("assess_username('x')", f"{_USE}assess_username('x')", 1.3),
    ("assess_username('Fiverr-C\u0430re')", f"{_USE}assess_username('Fiverr-C\u0430re')", None),
    ("assess_username('Fivver_Support')", f"{_USE}assess_username('Fivver_Support')", None),
)


def _load_generator() -> object:
    spec = importlib.util.spec_from_file_location("_lookalikes", _GENERATOR)
    if spec is None or spec.loader is None:
        msg = f"cannot load {_GENERATOR}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _naive_factory(officials: Sequence[str]) -> Callable[[str], bool]:
    folded = [name.casefold() for name in officials]

    def naive(name: str) -> bool:
        key = unicodedata.normalize("NFKC", name).casefold()
        return min(_levenshtein(key, official) for official in folded) <= 2

    return naive


def _per_call(function: Callable[[str], object], names: Sequence[str], repeat: int) -> float:
    """Return the best mean time of one call, in seconds, over *repeat* passes of *names*."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for name in names:
            function(name)
        best = min(best, (time.perf_counter() - start) / len(names))
    return best


def _row(label: str, value: str, versus: str, note: str) -> None:
    print(f"  {label:<44} {value:>12} {versus:>14}   {note}")


def accuracy(generator: object, rng: random.Random, scale: int) -> bool:
    """Print the rates on a fresh sample; return whether every target is met."""
    officials = default_kb().official_usernames
    gen = generator
    looks = gen.lookalikes(rng, officials, 100 * len(officials) * scale, is_official)  # type: ignore[attr-defined]
    staff = [gen.staff_impersonation(rng, is_official) for _ in range(500 * scale)]  # type: ignore[attr-defined]
    ordinary = gen.ordinaries(rng, 1000 * scale)  # type: ignore[attr-defined]
    flagged = attributed = 0
    for case in looks:
        result = assess_username(case.name)
        flagged += result.verdict is Verdict.IMPERSONATION
        account = result.official_account
        attributed += account is not None and account.username == case.official
    staff_flagged = sum(assess_username(name).verdict is Verdict.IMPERSONATION for name in staff)
    false_positives = sum(
        assess_username(name).verdict is not Verdict.UNRELATED for name in ordinary
    )
    variants = [
        variant
        for name in officials
        for variant in (name, name.lower(), name.upper(), name.swapcase(), f"  {name}\t")
    ]
    official_ok = all(
        is_official(v) and assess_username(v).verdict is Verdict.OFFICIAL for v in variants
    )
    rates = (
        ("lookalikes flagged", flagged / len(looks), ">= 98%", True),
        ("lookalikes attributed to the right account", attributed / len(looks), ">= 96%", True),
        ("generic staff impersonations flagged", staff_flagged / len(staff), ">= 90%", True),
        (
            "ordinary usernames flagged (false positives)",
            false_positives / len(ordinary),
            "<= 1%",
            False,
        ),
    )
    sizes = f"{len(looks)} lookalikes, {len(staff)} staff, {len(ordinary)} ordinary"
    print(f"accuracy (seed {SEED}: {sizes})")
    _row("measure", "value", "target", "")
    ok = True
    for label, rate, target, higher in rates:
        bound = float(target.split()[1].rstrip("%")) / 100
        met = rate >= bound if higher else rate <= bound
        ok &= met
        _row(label, f"{rate:.2%}", target, "ok" if met else "MISSED")
    _row(
        "official names and case variants official",
        f"{len(variants)}/{len(variants)}" if official_ok else "no",
        "all",
        "ok" if official_ok else "MISSED",
    )
    return ok and official_ok


def speed(generator: object, rng: random.Random, repeat: int) -> tuple[float, float]:
    """Print the speed ratios; return (is_official ratio, assess_username ratio)."""
    officials = default_kb().official_usernames
    gen = generator
    names = [case.name for case in gen.lookalikes(rng, officials, 220, is_official)]  # type: ignore[attr-defined]
    names += [gen.staff_impersonation(rng, is_official) for _ in range(60)]  # type: ignore[attr-defined]
    names += gen.ordinaries(rng, 220)  # type: ignore[attr-defined]
    names += [variant for name in officials for variant in (name, name.upper(), f" {name} ")]
    rng.shuffle(names)
    table = frozenset(name.lower() for name in officials)

    def baseline(name: str) -> bool:
        return name.strip().lower() in table

    naive = _naive_factory(officials)
    is_official(names[0])
    assess_username(names[0])
    ours = _per_call(is_official, names * 20, repeat)
    base = _per_call(baseline, names * 20, repeat)
    ours_assess = _per_call(assess_username, names, repeat)
    naive_time = _per_call(naive, names, max(1, repeat // 2))
    print(f"\nspeed (best of {repeat} passes over {len(names)} mixed names, per call)")
    _row("function", "ours", "baseline", "ratio (target)")
    ratio_official = ours / base
    _row(
        "is_official vs strip().lower() in frozenset",
        f"{ours * 1e9:.0f} ns",
        f"{base * 1e9:.0f} ns",
        f"{ratio_official:.2f}x (<= 2.5x)",
    )
    ratio_assess = ours_assess / naive_time
    _row(
        "assess_username vs NFKC+casefold+Levenshtein",
        f"{ours_assess * 1e6:.1f} us",
        f"{naive_time * 1e6:.1f} us",
        f"{ratio_assess:.2f}x (< 1x)",
    )
    return ratio_official, ratio_assess


def long_inputs() -> float:
    """Print the time of assess_username on 1 MB names; return the slowest, in seconds."""
    size = 1_000_000
    cases = {
        "1M letters": "a" * size,
        "staff words after 1M letters": "x" * size + "fiverr_support",
        "official + 1M zero-width spaces": "Fiverr-Care" + "\u200b" * size,
        "brand-like repeats": "fiver" * (size // 5),
        "1M CJK ideographs": "".join(chr(0x4E00 + k % 20000) for k in range(size)),
        "mixed-script repeats": "Fіvеrr_" * (size // 7),
    }
    print("\nlong names (one call each)")
    worst = 0.0
    for label, name in cases.items():
        start = time.perf_counter()
        verdict = assess_username(name).verdict.value
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        _row(label, f"{elapsed * 1e3:.0f} ms", "< 1000 ms", verdict)
    return worst


def _cold_runs(env: dict[str, str], runs: int) -> dict[str, float]:
    """Return the median wall time of each cold start, the cases interleaved run by run."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in COLD_STARTS}
    for _ in range(runs):
        for label, code, _ in COLD_STARTS:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)  # noqa: S603
            times[label].append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def _cold_table(title: str, medians: dict[str, float]) -> bool:
    """Print one mode's cold starts beside ``import cattrs``; return whether targets are met."""
    base = medians[COLD_STARTS[0][0]]
    print(title)
    _row("python -c ...", "median", "cattrs", "ratio (target)")
    ok = True
    for label, _, target in COLD_STARTS[1:]:
        ratio = medians[label] / base
        met = target is None or ratio <= target
        ok &= met
        note = f"{ratio:.2f}x" + ("" if target is None else f" (<= {target}x)")
        _row(label, f"{medians[label] * 1e3:.1f} ms", f"{base * 1e3:.1f} ms", note)
    return ok


def _importtime(env: dict[str, str]) -> None:
    """Print the package's own modules' median import times on a first assess_username."""
    # An import statement, not the package's lazy attribute: -X importtime does not see
    # modules imported through importlib.import_module.
    code = "from fiverr_support_kb.accounts import assess_username; assess_username('x')"
    found: dict[str, list[int]] = {}
    for _ in range(5):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-X", "importtime", "-c", code],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        for line in result.stderr.splitlines():
            fields = line.removeprefix("import time:").split("|")
            name = fields[-1].strip()
            if len(fields) == 3 and name.startswith("fiverr_support_kb"):
                found.setdefault(name, []).append(int(fields[0]))
    print("\npython -X importtime, first assess_username('x'), the package compiled: its modules")
    print("  (self time in ms, median of 5; compiling the module is part of it)")
    for name, values in sorted(found.items(), key=lambda item: -statistics.median(item[1])):
        print(f"  {name:44} {statistics.median(values) / 1e3:8.2f}")


def _package_cache(prefix: str) -> Path:
    """Return the folder of the package's own bytecode under the cache *prefix*."""
    saved = sys.pycache_prefix
    sys.pycache_prefix = prefix
    try:
        return Path(importlib.util.cache_from_source(fiverr_support_kb.__file__ or "")).parent
    finally:
        sys.pycache_prefix = saved


def cold_start(runs: int) -> bool:
    """Print the cold starts in both bytecode modes; return whether the targets are met.

    Both modes read bytecode only from a fresh cache (``PYTHONPYCACHEPREFIX``), so neither
    depends on what ``__pycache__`` folders happen to hold: first with every module but the
    package's cached (the package compiled on every start, as an editable install under
    ``PYTHONDONTWRITEBYTECODE=1`` is), then with every module cached (as a wheel installs).
    """
    prefix = tempfile.mkdtemp(prefix="bench-pycache-")
    aside = tempfile.mkdtemp(prefix="bench-pycache-aside-")
    try:
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = prefix
        _cold_runs(cached, 2)  # fills the cache
        package, saved = _package_cache(prefix), Path(aside) / "package"
        shutil.move(package, saved)
        compiled = {**cached, "PYTHONDONTWRITEBYTECODE": "1"}
        ok = _cold_table(
            f"\ncold start, whole process (median of {runs} interleaved runs; the package "
            "compiled on every start, everything else cached)",
            _cold_runs(compiled, runs),
        )
        _importtime(compiled)
        shutil.move(saved, package)
        ok &= _cold_table(
            f"\ncold start, whole process (median of {runs} interleaved runs; every module "
            "cached, as installed from a wheel)",
            _cold_runs(cached, runs),
        )
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and the benchmarks; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description="Benchmark the username checks.")
    parser.add_argument("--quick", action="store_true", help="smaller samples, fewer passes")
    args = parser.parse_args(argv)
    generator = _load_generator()
    rng = random.Random(SEED)
    ok = accuracy(generator, rng, 1 if args.quick else 2)
    ratio_official, ratio_assess = speed(generator, rng, 3 if args.quick else 7)
    worst = long_inputs()
    ok &= ratio_official <= 2.5 and ratio_assess < 1 and worst < 1
    ok &= cold_start(21)
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
