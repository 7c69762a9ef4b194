"""The project's metadata: one version, dependency groups that match the README's extras."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest

import fiverr_support_kb

ROOT: Final = Path(__file__).resolve().parents[1]

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the metadata is the same on 3.10


def pyproject() -> dict[str, Any]:
    """pyproject.toml, parsed."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        document: dict[str, Any] = tomllib.load(file)
    return document


def group(name: str) -> set[str]:
    """The requirements of dependency group *name*, its included groups resolved (PEP 735)."""
    requirements: set[str] = set()
    for item in pyproject()["dependency-groups"][name]:
        if isinstance(item, dict):
            requirements |= group(item["include-group"])
        else:
            requirements.add(item)
    return requirements


def test_version_has_one_source() -> None:
    """The version is dynamic, read by hatch from __init__.py, and a PEP 440 development version."""
    document = pyproject()
    assert "version" not in document["project"]
    assert document["project"]["dynamic"] == ["version"]
    assert document["tool"]["hatch"]["version"]["path"] == "src/fiverr_support_kb/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+|rc\d+)?", fiverr_support_kb.__version__)


def test_import_does_not_ask_importlib_metadata_for_the_version() -> None:
    """Importing the package and reading __version__ never imports importlib.metadata."""
    code = (
        "import sys, fiverr_support_kb\n"
        "assert fiverr_support_kb.__version__\n"
        "assert 'importlib.metadata' not in sys.modules, 'importlib.metadata imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_test_extra_is_the_test_and_lint_groups() -> None:
    """``pip install '.[test]'`` (the README) installs exactly the lint group, tests included."""
    extras = pyproject()["project"]["optional-dependencies"]
    assert set(extras["test"]) == group("lint") >= group("test")
    assert set(extras["docs"]) == group("docs")
    assert set(extras["benchmarks"]) == group("benchmarks")
    assert set(extras["generate"]) == group("generate")


def test_dev_group_holds_every_tool() -> None:
    """``pip install --group dev`` installs every other group, and pre-commit."""
    others = ("test", "lint", "docs", "benchmarks", "generate")
    assert group("dev") >= set().union(*map(group, others))
    assert any(requirement.startswith("pre-commit") for requirement in group("dev"))


def test_pyicu_is_pinned_to_one_version() -> None:
    """The confusables generator's ICU comes from one exact pyicu-wheels release."""
    (requirement,) = pyproject()["project"]["optional-dependencies"]["generate"]
    assert re.fullmatch(r"pyicu-wheels==\d+(\.\d+)+", requirement)


def test_coverage_floor_is_set() -> None:
    """Branch coverage is measured, with a floor of at least today's 98%."""
    coverage = pyproject()["tool"]["coverage"]
    assert coverage["run"]["branch"] is True
    assert coverage["report"]["fail_under"] >= 98


def test_pre_commit_runs_the_lint_ci_runs() -> None:
    """The pre-commit hooks run ruff check, ruff format --check and mypy --strict like .ci/run."""
    hooks = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace('"$VENV/bin/', "")
    ci = ci.replace('"', "")
    for command in ("ruff check", "ruff format --check", "mypy --strict src tests"):
        assert f"entry: {command}" in hooks, command
        assert command in ci, command
    assert "scripts/regenerate.py --check" in hooks
    assert "scripts/regenerate.py --check" in ci


def test_runtime_dependencies_are_the_documented_three() -> None:
    """The library needs attrs, cattrs and publicsuffixlist at run time, as the quick start says."""
    names = {
        re.split(r"[<>=!~ \[]", requirement)[0]
        for requirement in pyproject()["project"]["dependencies"]
    }
    assert names == {"attrs", "cattrs", "publicsuffixlist"}
