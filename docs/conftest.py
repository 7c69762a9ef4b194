"""Run the documentation's examples as tests (Sybil).

Every ```python block and every ``>>>`` example (inside a ```python block or a ```{doctest}
block) in ``docs/*.md`` is executed against the installed package, top to bottom. Sybil gives
each document its own, initially empty namespace: names defined on one page are not visible on
another. A Python example in a fence Sybil would not run (```pycon, ```py, ...) fails, so no
example goes unexecuted by mistake.

A ```console block with a ``$ fiverr-kb ...`` line is a shell session: each ``$`` line runs,
and what it prints (stdout and stderr, as a terminal shows them) must be the lines below it up
to the next ``$`` line (``...`` stands for any text, as in doctest). ``fiverr-kb`` runs
through :func:`fiverr_support_kb.cli.main` (with ``< FILE`` as its stdin), and ``echo $?`` and
``cat FILE`` work as in a shell; any other command in such a block fails, so no shown line goes
unexecuted. The commands of a page run in one temporary folder that starts with a copy of
``docs/examples/``. Console blocks without a ``fiverr-kb`` line (installation steps) are shown
only.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


#: The files a page's shell session starts with.
EXAMPLES = Path(__file__).resolve().parent / "examples"
_FOLDER = "console folder"
_EXIT = "console exit code"


def _setup(namespace: dict[str, Any]) -> None:
    """Give the page's shell session a fresh folder holding a copy of docs/examples/."""
    folder = Path(tempfile.mkdtemp(prefix="fiverr-kb-docs-"))
    for example in EXAMPLES.iterdir():
        shutil.copy(example, folder / example.name)
    namespace[_FOLDER] = folder
    namespace[_EXIT] = 0


def _teardown(namespace: dict[str, Any]) -> None:
    """Remove the page's shell folder."""
    shutil.rmtree(namespace.pop(_FOLDER))


def _fiverr_kb(arguments: list[str], folder: Path) -> tuple[int, str]:
    """Run the command line in *folder*, stdout and stderr in one text, as a terminal shows."""
    from fiverr_support_kb.cli import main  # noqa: PLC0415 - the installed package, when run

    stdin = ""
    if len(arguments) >= 2 and arguments[-2] == "<":
        stdin = (folder / arguments[-1]).read_text(encoding="utf-8")
        arguments = arguments[:-2]
    output, saved_stdin, previous = io.StringIO(), sys.stdin, Path.cwd()
    sys.stdin = io.StringIO(stdin)
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = main(arguments)
    finally:
        os.chdir(previous)
        sys.stdin = saved_stdin
    return code, output.getvalue().replace("\r\n", "\n")  # a terminal shows CRLF as LF


def _cat(names: list[str], folder: Path) -> tuple[int, str]:
    """``cat FILE...``: the files' text, or coreutils' message for a missing one."""
    texts = []
    for name in names:
        path = folder / name
        if not path.is_file():
            return 1, "".join(texts) + f"cat: {name}: No such file or directory\n"
        texts.append(path.read_text(encoding="utf-8"))
    return 0, "".join(texts)


def _session(text: str) -> list[tuple[str, list[str]]]:
    """The ``$`` commands of a console block, each with the lines shown under it."""
    session: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        elif session:
            session[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"text before the first $ line: {line!r}")
    return session


def _run(command: str, namespace: dict[str, Any]) -> tuple[int, str]:
    """Run one ``$`` line as a shell would; a command this runner does not know fails."""
    argv = shlex.split(command)
    folder: Path = namespace[_FOLDER]
    if argv[0] == "fiverr-kb":
        return _fiverr_kb(argv[1:], folder)
    if argv == ["echo", "$?"]:
        return 0, f"{namespace[_EXIT]}\n"
    if argv[0] == "cat" and len(argv) > 1:
        return _cat(argv[1:], folder)
    raise ValueError(f"$ {command}: only fiverr-kb, echo $? and cat run in an executed block")


def _run_console(example: Example) -> str | None:
    """Run a ```console block's ``$`` lines and compare what each prints with the page."""
    session = _session(str(example.parsed))
    if not any(command.startswith("fiverr-kb ") for command, _ in session):
        return None  # installation steps: shown, not run
    checker = doctest.OutputChecker()
    for command, shown in session:
        code, got = _run(command, example.namespace)
        example.namespace[_EXIT] = code
        want = "\n".join(shown).strip("\n") + "\n" if any(shown) else ""
        if not checker.check_output(want, got, doctest.ELLIPSIS):
            difference = checker.output_difference(
                doctest.Example(command, want), got, doctest.ELLIPSIS
            )
            return f"$ {command}\n{difference}"
    return None


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS),
        DocTestDirectiveParser(optionflags=OPTIONFLAGS),
        CodeBlockParser("console", _run_console),
        *(CodeBlockParser(language, _refuse) for language in _UNEXECUTED_PYTHON),
    ],
    patterns=["*.md"],
    excludes=["_build/*"],
    setup=_setup,
    teardown=_teardown,
).pytest()
