"""Check that a built wheel carries what the package needs, and nothing it must not.

Usage::

    python scripts/check_wheel.py dist/fiverr_support_kb-0.1.0-py3-none-any.whl

Compared with the source tree this script sits in, the wheel must contain
``fiverr_support_kb/py.typed``, every module of ``src/fiverr_support_kb``, every file of
``src/fiverr_support_kb/data`` byte for byte, and the repository's licence files in its
``.dist-info/licenses`` directory; and it must contain nothing from ``tests/``, ``docs/``,
``benchmarks/`` or ``scripts/``, no ``__pycache__`` and no compiled bytecode. Prints a one-line
summary and exits 0, or lists every problem on stderr and exits 1.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath
from typing import Final

PACKAGE: Final = "fiverr_support_kb"
ROOT: Final = Path(__file__).resolve().parent.parent
SOURCE: Final = ROOT / "src" / PACKAGE
#: Directories that must never be in the wheel, at any depth.
FORBIDDEN_DIRS: Final = frozenset({"tests", "docs", "benchmarks", "scripts", "__pycache__"})
#: Top-level files of the repository that are licence files (the patterns hatchling uses).
LICENCE_GLOBS: Final = ("LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*")


def _source_files(directory: Path) -> list[str]:
    """Return the files under *directory* as wheel paths, without bytecode caches."""
    return sorted(
        f"{PACKAGE}/{path.relative_to(SOURCE).as_posix()}"
        for path in directory.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.relative_to(SOURCE).parts
        and path.suffix not in {".pyc", ".pyo"}
    )


def _licence_files() -> list[str]:
    """Return the names of the repository's top-level licence files."""
    return sorted({path.name for pattern in LICENCE_GLOBS for path in ROOT.glob(pattern)})


def _dist_info(names: list[str]) -> str | None:
    """Return the wheel's single ``.dist-info`` directory, or ``None``."""
    tops = {name.split("/", 1)[0] for name in names}
    found = [top for top in tops if top.endswith(".dist-info")]
    return found[0] if len(found) == 1 else None


def _layout_problems(names: list[str], dist_info: str | None) -> list[str]:
    """Return the entries that must not be in the wheel, or are outside its two directories."""
    problems: list[str] = []
    for name in names:
        parts = PurePosixPath(name).parts
        if FORBIDDEN_DIRS.intersection(parts[:-1]) or name.endswith((".pyc", ".pyo")):
            problems.append(f"must not be shipped: {name}")
        elif parts[0] not in {PACKAGE, dist_info}:
            problems.append(f"unexpected top-level entry: {name}")
    return problems


def _package_problems(wheel: zipfile.ZipFile, modules: list[str], data: list[str]) -> list[str]:
    """Return the modules and data files missing from *wheel*, or different from the tree."""
    present = set(wheel.namelist())
    problems = [
        f"missing: {name}" for name in [f"{PACKAGE}/py.typed", *modules] if name not in present
    ]
    for name in data:
        if name not in present:
            problems.append(f"missing data file: {name}")
        elif wheel.read(name) != (SOURCE / name.removeprefix(f"{PACKAGE}/")).read_bytes():
            problems.append(f"data file differs from the source tree (stale build?): {name}")
    if not modules or not data:
        problems.append(f"found no modules or no data files under {SOURCE}: is the tree complete?")
    return problems


def _licence_problems(wheel: zipfile.ZipFile, dist_info: str, licences: list[str]) -> list[str]:
    """Return the repository's licence files missing from, or undeclared in, *dist_info*."""
    present = set(wheel.namelist())
    if f"{dist_info}/METADATA" not in present:
        return [f"missing: {dist_info}/METADATA"]
    metadata = HeaderParser().parsestr(wheel.read(f"{dist_info}/METADATA").decode())
    declared = metadata.get_all("License-File") or []
    problems = [] if licences else [f"no licence file at the top of {ROOT}"]
    for licence in licences:
        shipped = f"{dist_info}/licenses/{licence}"
        if shipped not in present:
            problems.append(f"missing licence file: {shipped}")
        elif wheel.read(shipped) != (ROOT / licence).read_bytes():
            problems.append(f"licence file differs from the repository's: {shipped}")
        if licence not in declared:
            problems.append(f"METADATA does not declare License-File: {licence}")
    problems += [
        f"METADATA declares License-File: {name}, which is not in {dist_info}/licenses/"
        for name in declared
        if f"{dist_info}/licenses/{name}" not in present
    ]
    return problems


def check(wheel: zipfile.ZipFile) -> tuple[list[str], str]:
    """Return the problems found in *wheel* and a summary of what it carries."""
    names = [name for name in wheel.namelist() if not name.endswith("/")]
    modules = [name for name in _source_files(SOURCE) if name.endswith(".py")]
    data = _source_files(SOURCE / "data")
    licences = _licence_files()
    dist_info = _dist_info(names)
    problems = _layout_problems(names, dist_info)
    problems += _package_problems(wheel, modules, data)
    if dist_info is None:
        problems.append("no single *.dist-info directory")
    else:
        problems += _licence_problems(wheel, dist_info, licences)
    summary = (
        f"{len(modules)} modules, {len(data)} data file(s), py.typed, "
        f"licences ({', '.join(licences)}); {len(names)} files in all, "
        f"none from {', '.join(sorted(FORBIDDEN_DIRS - {'__pycache__'}))} or __pycache__"
    )
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    """Check the wheel named on the command line; return the exit code."""
    parser = argparse.ArgumentParser(description="Check what a built wheel carries.")
    parser.add_argument("wheel", type=Path, help="the .whl file to check")
    wheel_path: Path = parser.parse_args(argv).wheel
    try:
        with zipfile.ZipFile(wheel_path) as wheel:
            problems, summary = check(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        print(f"check_wheel: cannot read {wheel_path} as a wheel: {exc}", file=sys.stderr)
        return 1
    if problems:
        print(f"check_wheel: {wheel_path.name}: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"check_wheel: {wheel_path.name} OK: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
