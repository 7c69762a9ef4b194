"""The README's examples run, against the installed package."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_examples() -> None:
    """Every ``>>>`` example in README.md gives the output it shows."""
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 10
    assert result.failed == 0


def test_readme_starts_with_the_two_commands() -> None:
    """The README's first lines are the install-and-run and the install-and-test commands."""
    lines = README.read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```console") + 1 : lines.index("```console") + 3]
    assert block[0].endswith("fiverr-kb split 50")
    assert block[1].endswith(".venv/bin/python -m pytest")
    assert lines.index("```console") < 5
