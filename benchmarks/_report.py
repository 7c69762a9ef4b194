"""One row of the README's performance table: printed by a benchmark, collected by ``run.py``.

A benchmark calls :func:`report` for every figure the README's table shows: it prints the
benchmark's usual line and, when the environment variable ``FIVERR_KB_BENCH_ROWS`` names a
file, appends the row to it as one JSON object per line. ``python benchmarks/run.py --readme``
sets that variable, reads the rows back with :func:`read_rows` and rewrites the table between
the README's two markers with :func:`rewrite_readme`. A row is identified by its ``what`` text:
a row the run gave replaces the table's line with the same ``what``, every other line is kept.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

#: The environment variable naming the file the rows are appended to.
ROWS_ENV: Final = "FIVERR_KB_BENCH_ROWS"
BEGIN: Final = "<!-- performance-table: begin -->"
END: Final = "<!-- performance-table: end -->"
HEADER: Final = (
    "| what | ours | baseline (same run) | ratio | target |",
    "| --- | --- | --- | --- | --- |",
)
_TEXT_FIELDS: Final = ("bench", "what", "ours", "baseline", "ratio", "target")
#: The ``what`` of each row this process reported with its target missed.
_MISSED: Final[list[str]] = []


@dataclass(frozen=True)
class Row:
    """One figure beside its baseline, every cell formatted as the README shows it."""

    bench: str
    what: str
    ours: str
    baseline: str
    ratio: str
    target: str
    met: bool | None

    def __post_init__(self) -> None:
        """Refuse cells that would break the Markdown table."""
        if not self.what.strip():
            raise ValueError("a row needs a `what` text: it is what identifies the row")
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if "|" in value or "\n" in value:
                raise ValueError(f"{name} of {self.what!r} holds a '|' or a line break: {value!r}")

    def markdown(self) -> str:
        """Return the table line: ``(not met)`` is added to the target when it was missed."""
        target = f"{self.target} (not met)" if self.met is False and self.target else self.target
        cells = (self.what, self.ours, self.baseline, self.ratio, target)
        return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def report(  # noqa: PLR0913 - every cell of the row, by keyword
    *,
    what: str,
    ours: str,
    baseline: str = "",
    ratio: str = "",
    target: str = "",
    met: bool | None = None,
    line: str | None = None,
    bench: str | None = None,
) -> None:
    """Print *line* (the benchmark's usual line; by default, the cells) and record the row.

    The row is appended to the file ``FIVERR_KB_BENCH_ROWS`` names, if it is set; *bench*
    defaults to the running script's name (``bench_fees``).
    """
    row = Row(
        bench=bench if bench is not None else Path(sys.argv[0]).stem,
        what=what,
        ours=ours,
        baseline=baseline,
        ratio=ratio,
        target=target,
        met=met,
    )
    print(line if line is not None else f"{what}: {ours} | {baseline} | {ratio} | {target}")
    if met is False:
        _MISSED.append(what)
    path = os.environ.get(ROWS_ENV)
    if path:
        with Path(path).open("a", encoding="utf-8") as file:
            file.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def exit_status() -> int:
    """Return 1 if a row this process reported missed its target, else 0: the exit status.

    Every benchmark exits with it (or with 1 for a target of its own it missed), so
    ``run.py`` counts the benchmarks that missed a target.
    """
    return 1 if _MISSED else 0


def read_rows(path: Path) -> list[Row]:
    """Return the rows of a JSON-lines file :func:`report` wrote; ``ValueError`` if malformed."""
    rows = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON: {error}") from error
        if not isinstance(data, dict) or set(data) != {*_TEXT_FIELDS, "met"}:
            raise ValueError(f"{path}:{number}: not a row: {text}")
        if not all(isinstance(data[name], str) for name in _TEXT_FIELDS) or not isinstance(
            data["met"], bool | None
        ):
            raise ValueError(f"{path}:{number}: a cell of the wrong type: {text}")
        rows.append(Row(**data))
    return rows


def _what(line: str) -> str:
    """Return the first cell of a table line."""
    return line.strip().strip("|").split("|", 1)[0].strip()


def render_table(old: list[str], rows: list[Row]) -> list[str]:
    """Return the table's lines: *old*'s lines, each replaced by the row with its ``what``.

    A row whose ``what`` is not in the table yet goes after the last line replaced by a row of
    the same benchmark, or at the end.
    """
    by_what: dict[str, Row] = {}
    for row in rows:
        if row.what in by_what:
            raise ValueError(f"two rows say the same `what`: {row.what!r}")
        by_what[row.what] = row
    body = [line for line in old if line.strip().startswith("|") and line not in HEADER]
    body = [line for line in body if not set(line) <= set("|- ")]  # any separator line
    lines: list[tuple[str, str]] = []  # (bench, line); bench is "" for a kept line
    for line in body:
        what = _what(line)
        if what in by_what:
            row = by_what.pop(what)
            lines.append((row.bench, row.markdown()))
        else:
            lines.append(("", line))
    for row in rows:
        if row.what not in by_what:
            continue
        after = max(
            (index for index, (bench, _) in enumerate(lines) if bench == row.bench), default=None
        )
        entry = (row.bench, row.markdown())
        lines.insert(len(lines) if after is None else after + 1, entry)
    return [*HEADER, *(line for _, line in lines)]


def rewrite_readme(readme: Path, rows: list[Row], footer: str) -> None:
    """Rewrite the table between the markers of *readme* with *rows*, then *footer* under it.

    Every line outside the markers is kept byte for byte. The new text is written to a
    temporary file in the same folder and moved over the README, so an error leaves it intact.
    """
    text = readme.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    marks = [index for index, line in enumerate(lines) if line.strip() in {BEGIN, END}]
    if len(marks) != 2 or lines[marks[0]].strip() != BEGIN:
        raise ValueError(f"{readme} needs one {BEGIN} line, then one {END} line")
    begin, end = marks
    inside = [line.rstrip("\n") for line in lines[begin + 1 : end]]
    table = render_table(inside, rows)
    new = [*lines[: begin + 1], *(f"{line}\n" for line in [*table, "", footer]), *lines[end:]]
    descriptor, temporary = tempfile.mkstemp(prefix=".README.", dir=readme.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write("".join(new))
        Path(temporary).chmod(stat.S_IMODE(readme.stat().st_mode))
        Path(temporary).replace(readme)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
