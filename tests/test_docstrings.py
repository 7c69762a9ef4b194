"""Run the ``>>>`` examples in the docstrings of every module of the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import types
from typing import Final

import pytest

import fiverr_support_kb

#: The same flags docs/conftest.py gives Sybil for the documentation pages.
OPTIONFLAGS: Final = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Public modules with no examples on purpose, and why. Private modules (``_name``) are
#: helpers and may have none; every other module must show its use with at least one.
NO_EXAMPLES: Final = {
    "fiverr_support_kb.errors": "exception classes, shown where the functions raise them",
}


def _module_names() -> list[str]:
    """Return the package and every module in it, as installed."""
    prefix = f"{fiverr_support_kb.__name__}."
    found = {info.name for info in pkgutil.walk_packages(fiverr_support_kb.__path__, prefix)}
    return sorted({fiverr_support_kb.__name__, *found})


def _needs_examples(name: str) -> bool:
    """Tell whether the module *name* must have at least one docstring example."""
    return not name.rpartition(".")[2].startswith("_") and name not in NO_EXAMPLES


MODULES: Final = _module_names()


def run_examples(module: types.ModuleType) -> tuple[int, int, str]:
    """Run *module*'s docstring examples; return (examples, failures, the failure report)."""
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    examples = failed = 0
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, module.__name__):
        examples += len(test.examples)
        failed += runner.run(test, out=report.append).failed
    return examples, failed, "".join(report)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every docstring example in the module passes, and a module meant to have some has some."""
    examples, failed, report = run_examples(importlib.import_module(name))
    assert failed == 0, report
    assert examples > 0 or not _needs_examples(name), f"{name} has no >>> docstring examples"


def test_modules_are_discovered() -> None:
    """The walk finds the package's modules, so an empty parametrization cannot pass silently."""
    assert fiverr_support_kb.__name__ in MODULES
    assert f"{fiverr_support_kb.__name__}.models" in MODULES


def test_no_examples_list_is_current() -> None:
    """Every module excused from having examples exists, so the list cannot go stale."""
    assert set(NO_EXAMPLES) <= set(MODULES)


def test_example_policy() -> None:
    """Public modules must have examples; private helpers and excused modules need not."""
    assert _needs_examples("fiverr_support_kb")
    assert _needs_examples("fiverr_support_kb.models")
    assert not _needs_examples("fiverr_support_kb._loading")
    assert not _needs_examples("fiverr_support_kb.__main__")
    assert not _needs_examples("fiverr_support_kb.errors")


def test_a_broken_example_fails() -> None:
    """A docstring example whose output is wrong is reported as a failure, with its output."""
    module = types.ModuleType("broken_example")
    source = (
        "def double(x):\n    '''Double x.\n\n    >>> double(2)\n    5\n    '''\n    return 2 * x\n"
    )
    exec(source, module.__dict__)  # noqa: S102 - a fixed, local source string
    examples, failed, report = run_examples(module)
    assert (examples, failed) == (1, 1)
    assert "Expected:\n    5\nGot:\n    4" in report
