"""Regenerate, or with ``--check`` verify, every generated file of the package in one command.

Usage, from the repository root with the project installed::

    python scripts/regenerate.py          # write every generated file
    python scripts/regenerate.py --check  # write nothing; exit 1 if any file would change

The generators run in this order, each in its own process, so that each one sees what the
previous one wrote:

1. ``scripts/generate_snapshot.py``: ``_snapshot.py`` and ``_snapshot_fees.py`` from the JSON
   data files;
2. ``scripts/generate_search_index.py``: ``data/search_index.json``, the prebuilt FAQ index;
3. ``scripts/generate_faq_model.py``: ``data/faq_model.json``, the FAQ's message classifier,
   learnt from the development sets (it reads messages as the search does, so it comes after
   the index);
4. ``scripts/generate_confusables.py``: ``accounts/_confusables_data.py`` from ICU's Unicode
   data. It needs the ``generate`` extra (``pip install -e '.[generate]'`` or
   ``pip install --group generate``), whose ``pyicu-wheels`` version pyproject.toml pins, so
   that the ICU and Unicode versions the module records are reproducible. Without PyICU,
   ``--check`` verifies instead that the shipped module's tables have the SHA-256 it records,
   and says that it was not regenerated; writing without PyICU leaves the module as it is.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
CONFUSABLES = ROOT / "src" / "fiverr_support_kb" / "accounts" / "_confusables_data.py"
#: The generators that need nothing but the project itself, in the order they must run.
GENERATORS = ("generate_snapshot.py", "generate_search_index.py", "generate_faq_model.py")
CONFUSABLES_GENERATOR = "generate_confusables.py"


def _run(script: str, *, check: bool) -> bool:
    """Run one generator in a fresh process; tell whether it succeeded."""
    argv = [sys.executable, str(SCRIPTS / script), *(["--check"] if check else [])]
    return subprocess.run(argv, cwd=ROOT, check=False).returncode == 0  # noqa: S603 - our own scripts


def _load(name: str, path: Path) -> object:
    """Import a module from *path* without touching the installed package."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - both are our own files
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def pinned_pyicu() -> str | None:
    """The ``pyicu-wheels`` version pyproject.toml pins for the ``generate`` extra."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"pyicu-wheels==([^"]+)"', text)
    return found.group(1) if found else None


def verify_confusables_checksum() -> bool:
    """Tell whether the shipped confusables module's tables have the SHA-256 it records."""
    script = _load("generate_confusables", SCRIPTS / CONFUSABLES_GENERATOR)
    shipped = _load("_confusables_data_shipped", CONFUSABLES)
    tables = script.read_module(shipped)  # type: ignore[attr-defined]
    recorded: str = shipped.SHA256  # type: ignore[attr-defined]
    return bool(script.checksum(tables) == recorded)  # type: ignore[attr-defined]


def _confusables(*, check: bool) -> bool:
    pin = pinned_pyicu()
    if importlib.util.find_spec("icu") is None:
        action = "checked its recorded SHA-256 only" if check else "left as it is"
        print(
            f"{CONFUSABLES.name} NOT regenerated: PyICU is not installed ({action}); "
            f"install the generate extra (pyicu-wheels=={pin}) to regenerate it"
        )
        if not check:
            return True
        if verify_confusables_checksum():
            print(f"{CONFUSABLES.name}: its tables have the SHA-256 it records")
            return True
        print(f"{CONFUSABLES.name}: its tables do NOT have the SHA-256 it records")
        return False
    installed = metadata.version("pyicu-wheels")
    if installed != pin:
        print(f"warning: pyicu-wheels {installed} is installed, pyproject.toml pins {pin}")
    return _run(CONFUSABLES_GENERATOR, check=check)


def main(argv: list[str] | None = None) -> int:
    """Run every generator; return 1 if any failed (or, with ``--check``, any file is stale)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any generated file differs"
    )
    args = parser.parse_args(argv)
    results = [_run(script, check=args.check) for script in GENERATORS]
    results.append(_confusables(check=args.check))
    if all(results):
        print("every generated file is up to date" if args.check else "regenerated")
        return 0
    print("some generated files are stale: run python scripts/regenerate.py", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
