"""The package namespace: one sorted __all__, every name resolvable, nothing loaded early."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types

import pytest

import fiverr_support_kb


def test_every_public_name_resolves() -> None:
    """Each name in __all__ is an attribute of the package, and none is a module."""
    for name in fiverr_support_kb.__all__:
        value = getattr(fiverr_support_kb, name)
        assert not isinstance(value, types.ModuleType), name


def test_lazy_names_come_from_their_modules() -> None:
    """Each lazily imported name is the object its module defines and lists in its __all__."""
    lazy: dict[str, str] = fiverr_support_kb._LAZY
    assert set(lazy) <= set(fiverr_support_kb.__all__)
    for name, module_name in lazy.items():
        module = importlib.import_module(f"fiverr_support_kb.{module_name}")
        assert getattr(module, name) is getattr(fiverr_support_kb, name)
        assert name in module.__all__, (module_name, name)


def test_unknown_attribute_is_attribute_error() -> None:
    """A name the package does not have raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = fiverr_support_kb.nope


def test_dir_lists_the_public_names() -> None:
    """dir() shows the public names before they are imported."""
    assert set(fiverr_support_kb.__all__) <= set(dir(fiverr_support_kb))


def test_search_is_always_the_function() -> None:
    """Importing the search module first never hides the package's search() function."""
    code = (
        "import fiverr_support_kb.faq._engine\n"
        "from fiverr_support_kb import SearchHit, search\n"
        "import fiverr_support_kb as package\n"
        "assert callable(search) and package.search is search\n"
        "assert package.default_kb().search('jelszó')\n"
        "assert callable(package.search)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_first_search_leaves_answer_module_unimported() -> None:
    """A first search() never imports answer()'s module; its names still resolve, once each."""
    code = (
        "import sys\n"
        "import fiverr_support_kb as package\n"
        "assert package.search('elfelejtettem a jelszavam')\n"
        "assert 'fiverr_support_kb.faq._answer' not in sys.modules\n"
        "from fiverr_support_kb import faq\n"
        "from fiverr_support_kb.faq import _answer\n"
        "assert faq.Answer is _answer.Answer is package.Answer\n"
        "assert faq.Outcome is package.Outcome\n"
        "assert faq.HANDOFF_CHANNELS is _answer.HANDOFF_CHANNELS\n"
        "assert {'Answer', 'answer_message'} <= set(dir(faq))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_faq_unknown_attribute_is_attribute_error() -> None:
    """The FAQ package's lazy names do not hide a missing attribute."""
    from fiverr_support_kb import faq  # noqa: PLC0415 - the package under test

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = faq.nope
