"""Run the documentation's examples as tests (Sybil).

Every ```python block and every ``>>>`` example (inside a ```python block or a ```{doctest}
block) in ``docs/*.md`` is executed against the installed package, top to bottom. Sybil gives
each document its own, initially empty namespace: names defined on one page are not visible on
another. A Python example in a fence Sybil would not run (```pycon, ```py, ...) fails, so no
example goes unexecuted by mistake.
"""

from __future__ import annotations

import doctest
from typing import TYPE_CHECKING

from sybil import Sybil
from sybil.parsers.myst import CodeBlockParser, DocTestDirectiveParser, PythonCodeBlockParser

if TYPE_CHECKING:
    from sybil import Example

#: The same flags ``tests/test_docstrings.py`` uses for the docstrings.
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Fence languages that look like Python but which Sybil would otherwise skip silently.
_UNEXECUTED_PYTHON = ("pycon", "py", "py3", "python3", "ipython", "ipython3")


def _refuse(example: Example) -> str:
    """Fail an example written in a fence that would not be executed."""
    return (
        f"```{example.region.lexemes['arguments']} blocks are not executed: "
        "write ```python (with or without >>> prompts) so the example is tested"
    )


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS),
        DocTestDirectiveParser(optionflags=OPTIONFLAGS),
        *(CodeBlockParser(language, _refuse) for language in _UNEXECUTED_PYTHON),
    ],
    patterns=["*.md"],
    excludes=["_build/*"],
).pytest()
