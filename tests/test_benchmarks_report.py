"""benchmarks/_report.py: the rows the benchmarks report, and the README table made of them."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Final

import pytest

from helpers import ROOT, load_by_path

report_module = load_by_path("_report", ROOT / "benchmarks" / "_report.py")

SAMPLE: Final = """# Sample

Intro text | with a pipe, untouched.

<!-- performance-table: begin -->
| what | ours | baseline (same run) | ratio | target |
| --- | --- | --- | --- | --- |
| `import x` | 9.4 ms | `import attrs` 32.4 ms | 0.29x | ≤ 0.3x |
| `split()` per call | 1.02 µs | hand-written 0.83 µs | 1.24x | ≤ 1.2x (not met) |
| `search()` per query | 15.3 µs | BM25 36.1 µs | 2.36x faster | faster |

An old footer line.
<!-- performance-table: end -->

Text after the table.
"""


def _rows(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Report two rows of bench_fees and one new row into *path*, printing nothing we check."""
    monkeypatch.setenv(report_module.ROWS_ENV, str(path))
    report_module.report(
        what="`split()` per call",
        ours="1.00 µs",
        baseline="hand-written 0.90 µs",
        ratio="1.11x",
        target="≤ 1.2x",
        met=True,
        bench="bench_fees",
    )
    report_module.report(
        what="`split()` per call, `int` price",
        ours="1.05 µs",
        baseline="hand-written 0.80 µs",
        ratio="1.31x",
        target="≤ 1.2x",
        met=False,
        bench="bench_fees",
    )


def test_rows_round_trip_through_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reported row is printed, appended as one JSON line, and read back equal."""
    path = tmp_path / "rows.jsonl"
    monkeypatch.setenv(report_module.ROWS_ENV, str(path))
    report_module.report(
        what="`is_official()` per call",
        ours="143 ns",
        baseline="frozenset 92 ns",
        ratio="1.57x",
        target="≤ 2.5x",
        met=True,
        line="is_official 143 ns 92 ns",
    )
    report_module.report(what="`answer()` p99", ours="30.6 / 123.6 µs", bench="bench_answers")
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "is_official 143 ns 92 ns"
    assert printed[1].startswith("`answer()` p99: 30.6 / 123.6 µs")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["what"] == "`is_official()` per call"
    rows = report_module.read_rows(path)
    assert [row.what for row in rows] == ["`is_official()` per call", "`answer()` p99"]
    assert rows[0].met is True
    assert rows[1].met is None
    assert rows[1].baseline == ""
    assert rows[1].bench == "bench_answers"
    assert rows[1].markdown() == "| `answer()` p99 | 30.6 / 123.6 µs | | | |"
    assert rows[0].bench == Path(sys.argv[0]).stem  # the running script's name


def test_report_without_the_variable_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without FIVERR_KB_BENCH_ROWS, a benchmark only prints its line."""
    monkeypatch.delenv(report_module.ROWS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    report_module.report(what="x", ours="1 s")
    assert list(tmp_path.iterdir()) == []


def test_the_exit_status_says_whether_a_reported_target_was_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A benchmark exits 0 while every target it reported was met or had none, then 1."""
    monkeypatch.setattr(report_module, "_MISSED", [])
    monkeypatch.setenv(report_module.ROWS_ENV, str(tmp_path / "rows.jsonl"))
    report_module.report(what="met", ours="1 µs", target="≤ 2 µs", met=True)
    report_module.report(what="no target", ours="2 µs")
    assert report_module.exit_status() == 0
    _rows(tmp_path / "rows.jsonl", monkeypatch)  # one of its two rows missed its target
    assert report_module.exit_status() == 1
    assert report_module._MISSED == ["`split()` per call, `int` price"]


def test_readme_rows_replaced_others_kept_text_outside_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows run replace their lines, a new row follows its benchmark's, the rest is kept."""
    rows_file = tmp_path / "rows.jsonl"
    _rows(rows_file, monkeypatch)
    readme = tmp_path / "README.md"
    readme.write_text(SAMPLE, encoding="utf-8")
    report_module.rewrite_readme(readme, report_module.read_rows(rows_file), "Generated today.")
    head, _, rest = readme.read_text(encoding="utf-8").partition(report_module.BEGIN)
    inside, _, tail = rest.partition(report_module.END)
    assert head == SAMPLE.partition(report_module.BEGIN)[0]
    assert tail == SAMPLE.partition(report_module.END)[2]
    assert inside.splitlines() == [
        "",
        "| what | ours | baseline (same run) | ratio | target |",
        "| --- | --- | --- | --- | --- |",
        "| `import x` | 9.4 ms | `import attrs` 32.4 ms | 0.29x | ≤ 0.3x |",
        "| `split()` per call | 1.00 µs | hand-written 0.90 µs | 1.11x | ≤ 1.2x |",
        (
            "| `split()` per call, `int` price | 1.05 µs | hand-written 0.80 µs | 1.31x"
            " | ≤ 1.2x (not met) |"
        ),
        "| `search()` per query | 15.3 µs | BM25 36.1 µs | 2.36x faster | faster |",
        "",
        "Generated today.",
    ]


def test_rewrite_twice_gives_the_same_readme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rewriting with the same rows again changes nothing: no row or footer is duplicated."""
    rows_file = tmp_path / "rows.jsonl"
    _rows(rows_file, monkeypatch)
    readme = tmp_path / "README.md"
    readme.write_text(SAMPLE, encoding="utf-8")
    rows = report_module.read_rows(rows_file)
    report_module.rewrite_readme(readme, rows, "Generated today.")
    once = readme.read_text(encoding="utf-8")
    report_module.rewrite_readme(readme, rows, "Generated today.")
    assert readme.read_text(encoding="utf-8") == once


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        json.dumps({"what": "x"}),
        json.dumps(
            {
                "bench": "b",
                "what": "x",
                "ours": 1.5,
                "baseline": "",
                "ratio": "",
                "target": "",
                "met": None,
            }
        ),
        json.dumps(
            {
                "bench": "b",
                "what": "x",
                "ours": "1 | 2",
                "baseline": "",
                "ratio": "",
                "target": "",
                "met": None,
            }
        ),
        json.dumps(
            {
                "bench": "b",
                "what": "  ",
                "ours": "1 s",
                "baseline": "",
                "ratio": "",
                "target": "",
                "met": "yes",
            }
        ),
    ],
)
def test_malformed_rows_leave_the_readme_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    """A malformed row is refused before the README is written: the file stays byte for byte."""
    rows_file = tmp_path / "rows.jsonl"
    _rows(rows_file, monkeypatch)
    with rows_file.open("a", encoding="utf-8") as file:
        file.write(bad + "\n")
    readme = tmp_path / "README.md"
    readme.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\S"):
        report_module.rewrite_readme(readme, report_module.read_rows(rows_file), "footer")
    assert readme.read_text(encoding="utf-8") == SAMPLE
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README.md", "rows.jsonl"]


def test_duplicate_rows_or_missing_markers_leave_the_readme_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two rows with one `what`, or a README without both markers, are refused untouched."""
    rows_file = tmp_path / "rows.jsonl"
    _rows(rows_file, monkeypatch)
    rows = report_module.read_rows(rows_file)
    readme = tmp_path / "README.md"
    readme.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(ValueError, match="same `what`"):
        report_module.rewrite_readme(readme, [*rows, rows[0]], "footer")
    assert readme.read_text(encoding="utf-8") == SAMPLE
    unmarked = SAMPLE.replace("<!-- performance-table: end -->\n", "")
    readme.write_text(unmarked, encoding="utf-8")
    with pytest.raises(ValueError, match="performance-table"):
        report_module.rewrite_readme(readme, rows, "footer")
    assert readme.read_text(encoding="utf-8") == unmarked
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README.md", "rows.jsonl"]


def test_the_shipped_readme_has_the_markers_around_its_table() -> None:
    """README.md holds one begin and one end marker, with the table's header between them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(report_module.BEGIN) == 1
    assert text.count(report_module.END) == 1
    inside = text.partition(report_module.BEGIN)[2].partition(report_module.END)[0]
    assert inside.strip().startswith(report_module.HEADER[0])


def test_run_footer_names_the_command_python_and_cpus() -> None:
    """The line under the table says the command, the Python version and the CPU count."""
    run = load_by_path("bench_run", ROOT / "benchmarks" / "run.py")
    everything = run.footer([])
    assert "`python benchmarks/run.py --readme`" in everything
    assert f"Python {platform.python_version()}" in everything
    assert f"{os.cpu_count()} CPUs" in everything
    assert "earlier runs" not in everything
    some = run.footer(["fees"])
    assert "`python benchmarks/run.py --readme fees`" in some
    assert "earlier runs" in some


def test_run_refuses_an_unknown_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    """``run.py --readme nosuch`` exits 2 before running anything or touching the README."""
    run = load_by_path("bench_run", ROOT / "benchmarks" / "run.py")
    before = (ROOT / "README.md").read_bytes()
    assert run.main(["--readme", "nosuch"]) == 2
    assert "unknown benchmark(s): nosuch" in capsys.readouterr().out
    assert (ROOT / "README.md").read_bytes() == before
