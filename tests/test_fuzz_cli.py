"""Fuzzing the command line (``cli``): arbitrary arguments, hostile texts and random CSV files.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

import copy
import csv
import decimal
import io
import json
import os
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fiverr_support_kb import (
    OrderSplit,
    assess_username,
    compute_order_split,
    max_price_for_budget,
    price_for_seller_net,
)
from fiverr_support_kb.cli import is_contact
from fiverr_support_kb.exports import CSV_COLUMNS
from fiverr_support_kb.trust import assess_contact
from helpers import (
    FAQ_IDS,
    FRAGMENTS,
    HOSTILE_TEXTS,
    MAX_MESSAGE,
    PACKAGED_KB_JSON,
    SUBCOMMANDS,
    assert_clean_exit,
    fresh_directory,
    hostile_text,
    outcome,
    path_text,
    program,
    run_cli,
    short_text,
    text_paths,
    value_at,
)

if TYPE_CHECKING:
    import subprocess

OPTIONS: Final = (
    "-",
    "--",
    "-h",
    "--json",
    "--json=1",
    "--lang",
    "--lang=",
    "-o",
    "--output",
    "--limit",
    "--limit=-1",
    "--schedule",
    "--rounding",
    "--kb",
    "--kb=",
    "--format",
    "--schema",
    "--price-column",
    "--status-column",
    "--version",
    "--nope",
    "-x",
    "9" * 5000,
    "-" + "9" * 5000,
    "1e999999999999",
    "0.001",
    "out.csv",
    "kb.json",
)


argument_text = st.one_of(
    path_text, st.sampled_from(OPTIONS), st.sampled_from(FRAGMENTS), st.sampled_from(FAQ_IDS)
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(SUBCOMMANDS),
    arguments=st.lists(argument_text, max_size=6),
    stdin=st.binary(max_size=200),
    encoding=st.sampled_from(["utf-8", "ascii", "cp1252"]),
)
def test_cli_any_arguments_exit_0_or_2(
    command: str, arguments: list[str], stdin: bytes, encoding: str
) -> None:
    """Any text arguments and options to any subcommand: exit 0, or 2 with one line."""
    with fresh_directory():
        result = run_cli([command, *arguments], stdin=stdin, encoding=encoding)
    assert_clean_exit(result, command)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(["split", "price-for-net", "budget"]),
    amount=st.one_of(
        hostile_text,
        st.integers(min_value=1, max_value=100_000_000_000).map(
            lambda cents: f"{Decimal(cents).scaleb(-2)}"
        ),
    ),
    options=st.lists(
        st.sampled_from(["--json", "--lang=hu", "--schedule=help-center", "--rounding=05up"]),
        unique=True,
    ),
)
def test_cli_fee_commands_agree_with_the_library(
    command: str, amount: str, options: list[str]
) -> None:
    """split/price-for-net/budget on any amount: the library's answer as JSON, or exit 2."""
    result = run_cli([command, *options, "--", amount])
    assert_clean_exit(result, command)
    schedule = "help-center" if "--schedule=help-center" in options else "article"
    rounding = decimal.ROUND_05UP if "--rounding=05up" in options else decimal.ROUND_HALF_UP
    find = {
        "split": None,
        "price-for-net": price_for_seller_net,
        "budget": max_price_for_budget,
    }[command]
    if find is None:
        expected: object = outcome(
            lambda: compute_order_split(amount, schedule=schedule, rounding=rounding)
        )[0]
    else:
        expected = outcome(lambda: find(amount, schedule=schedule, rounding=rounding))[0]
    assert (result.code == 0) == (expected is not None), result
    if result.code == 0 and "--json" in options:
        printed = json.loads(result.out)
        price = Decimal(printed["price"])
        assert price == (expected.price if isinstance(expected, OrderSplit) else expected)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@example(command="check", text="1000000000.00", as_json=True, encoding="utf-8")  # a number
@given(
    command=st.sampled_from(["check", "search", "faq"]),
    text=hostile_text,
    as_json=st.booleans(),
    encoding=st.sampled_from(["utf-8", "ascii"]),
)
def test_cli_text_commands_take_any_text(
    command: str, text: str, *, as_json: bool, encoding: str
) -> None:
    """check, search and faq on any text, printed to a strict stream: 0 (faq: or 2), one line."""
    result = run_cli([command, *(["--json"] if as_json else []), "--", text], encoding=encoding)
    assert_clean_exit(result, command)
    if command == "faq":
        assert (result.code == 0) == (text in FAQ_IDS)
    else:
        assert result.code == 0, result
    if result.code == 0 and as_json:
        printed = json.loads(result.out)
        if command == "check" and is_contact(text):  # an address, a link or a number
            assert printed["value"] == assess_contact(text).value
            assert printed["verdict"] == assess_contact(text).verdict.value
        elif command == "check":
            assert printed["username"] == text
            assert printed["verdict"] == assess_username(text).verdict.value


def assert_program_exit(result: subprocess.CompletedProcess[bytes], expected: int) -> None:
    """The program exited *expected*; on 2 with exactly one line on stderr, never a traceback."""
    assert result.returncode == expected, result
    assert b"Traceback" not in result.stderr
    if expected == 2:
        assert result.stderr.startswith(b"fiverr-kb")
        assert result.stderr.count(b"\n") == 1, result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("check", os.fsencode("\udcff\udcfeFiverr-Care")), 0),
        (("check", "--json", os.fsencode("Fiverr\udce9-Care")), 0),
        (("search", os.fsencode("jelsz\udcf3 \udcff")), 0),
        (("faq", os.fsencode("change-password\udcff")), 2),
        (("split", os.fsencode("5\udcff")), 2),
        (("split", "9" * 100_000), 2),
        (("split", "0." + "0" * 100_000 + "1"), 2),
        (("budget", "--", "-" + "9" * 50_000), 2),
        (("price-for-net", "1e999999999999999999999"), 2),
        (("split", "5", "--rounding", os.fsencode("half\udcffup")), 2),
        (("split", "5", "--schedule", os.fsencode("article\udcff")), 2),
        (("channels", "--kb", os.fsencode("missing-\udcff.json")), 2),
        (("split-csv", os.fsencode("missing-\udcff.csv")), 2),
        (("split", "5", "--lang", os.fsencode("\udcffhu")), 2),
    ],
)
def test_program_with_hostile_arguments(argv: tuple[str | bytes, ...], expected: int) -> None:
    """Undecodable bytes and huge numbers in argv: the documented exit code, no traceback."""
    assert_program_exit(program(*argv), expected)


def test_program_on_an_ascii_terminal_escapes_what_it_cannot_print() -> None:
    """With an ASCII locale, a Cyrillic lookalike and a lone surrogate still print, escaped."""
    env = {"PYTHONIOENCODING": "ascii:strict", "LC_ALL": "C"}
    result = program("check", "Fiv\u0435rr-Care", env=env)
    assert_program_exit(result, 0)
    result = program("check", "--json", os.fsencode("Fiverr\udcff"), env=env)
    assert_program_exit(result, 0)
    assert json.loads(result.stdout)["username"] == "Fiverr\udcff"
    result = program("faq", os.fsencode("\udcff"), env=env)
    assert_program_exit(result, 2)


def _one_in(draw: st.DrawFn, n: int) -> bool:
    """Draw True once in *n* times, roughly."""
    return draw(st.integers(1, n)) == 1


_VALID_PRICES: Final = st.integers(min_value=1, max_value=100_000_000_000).map(
    lambda cents: f"{Decimal(cents) / 100}"
)


_VALID_STATUSES: Final = st.sampled_from(["completed", "Cancelled", " IN-PROGRESS ", "delivered"])


#: Per column: clean cells, and cells of any kind.
_CSV_CELLS: Final = {
    "price": (_VALID_PRICES, st.one_of(_VALID_PRICES, st.sampled_from(FRAGMENTS), short_text)),
    "status": (
        _VALID_STATUSES,
        st.one_of(_VALID_STATUSES, st.sampled_from(["done", "", "ｃｏｍｐｌｅｔｅｄ"]), short_text),
    ),
}


def _csv_record(cells: list[str], *, broken: bool) -> str:
    """One CSV record of *cells*, quoted as RFC 4180 says, or with broken quoting."""
    if broken:
        return ",".join('"' + cell for cell in cells)
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV order export: clean, or dirty (random bytes, bad quoting, huge fields, encodings)."""
    dirty = draw(st.booleans())
    if dirty and _one_in(draw, 4):
        return draw(st.binary(max_size=400))
    columns = ["id", "note", "status", "status", "", *(["buyer_fee"] if dirty else [])]
    header = draw(st.lists(st.sampled_from(columns), max_size=3, unique=True))
    if not (dirty and _one_in(draw, 4)):
        header.insert(draw(st.integers(0, len(header))), "price")
    lines = [_csv_record(header, broken=False)]
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(_CSV_CELLS.get(name, (short_text, short_text))[dirty]) for name in header]
        if dirty and _one_in(draw, 4):  # a field too many or too few
            fewer = bool(row) and draw(st.booleans())
            row = row[:-1] if fewer else [*row, "extra"]
        lines.append(_csv_record(row, broken=dirty and _one_in(draw, 6)))
        if _one_in(draw, 10):
            lines.append("")  # a blank line
    if dirty and _one_in(draw, 4):
        lines.insert(draw(st.integers(1, len(lines))), '"' + "9" * 140_000 + '"')
    end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    encodings = ["utf-8", "utf-8-sig", *(["latin-1", "utf-16"] if dirty else [])]
    encoding = draw(st.sampled_from(encodings))
    # A lone surrogate is written as the (invalid) UTF-8 of its code point in a dirty file.
    errors = "surrogatepass" if dirty and encoding == "utf-8" else "replace"
    if dirty and _one_in(draw, 4):  # one line in another encoding
        index = draw(st.integers(0, len(lines) - 1))
        before = "".join(line + end for line in lines[:index]).encode(encoding, errors)
        after = "".join(line + end for line in lines[index + 1 :]).encode("utf-8", errors)
        return before + (lines[index] + end).encode("cp1250", "replace") + after
    return "".join(line + end for line in lines).encode(encoding, errors)


def expected_rows(raw: bytes) -> list[list[str]] | None:
    """The non-blank records of *raw* as the csv module reads them (None if it cannot)."""
    try:
        text = raw.decode("utf-8-sig")
        return [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except (UnicodeDecodeError, csv.Error):
        return None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(raw=csv_files(), as_json=st.booleans(), to_file=st.booleans())
def test_split_csv_on_any_file_splits_every_row_or_exits_2(
    raw: bytes, *, as_json: bool, to_file: bool
) -> None:
    """Any CSV file: every row split exactly as compute_order_split does, or exit 2 naming it."""
    with fresh_directory() as directory:
        (directory / "orders.csv").write_bytes(raw)
        argv = ["split-csv", "orders.csv", *(["--json"] if as_json else [])]
        if to_file:
            argv += ["-o", "out.csv"]
        result = run_cli(argv)
        written = (
            (directory / "out.csv").read_bytes().decode("utf-8")  # line ends untranslated
            if to_file and result.code == 0
            else result.out
        )
        leftover = (directory / "out.csv").exists()
    assert_clean_exit(result, "split-csv")
    if result.code == 2:
        assert "orders.csv" in result.err
        assert not leftover, "a partial output file was left behind"
        return
    records = expected_rows(raw)
    assert records is not None
    header = [*records[0], *CSV_COLUMNS]
    header[0] = header[0].removeprefix("\ufeff")
    price_index = header.index("price")
    if as_json:
        output = [list(json.loads(line).values()) for line in written.splitlines()]
    else:
        output = [row for row in csv.reader(io.StringIO(written, newline="")) if row][1:]
    assert len(output) == len(records) - 1
    status_index = header.index("status") if "status" in header else None
    for row, record in zip(output, records[1:], strict=True):
        assert row[: len(record)] == record
        cancelled = {"cancelled", "canceled"}
        if status_index is not None and record[status_index].strip().lower() in cancelled:
            assert row[len(record) :] == ["0.00"] * len(CSV_COLUMNS)  # no fees, no net
            continue
        split = compute_order_split(record[price_index])
        assert row[len(record) :] == [str(getattr(split, name)) for name in CSV_COLUMNS]


def test_split_csv_huge_field_is_one_line() -> None:
    """A field larger than the csv module's limit stops split-csv with exit 2 naming the line."""
    with fresh_directory() as directory:
        (directory / "big.csv").write_text("price\r\n5\r\n" + "9" * 200_000 + "\r\n", "utf-8")
        result = run_cli(["split-csv", "big.csv"])
    assert_clean_exit(result, "split-csv")
    assert result.code == 2
    assert "line 3" in result.err
    assert len(result.err) < MAX_MESSAGE


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(text_paths(PACKAGED_KB_JSON)), st.sampled_from(HOSTILE_TEXTS)),
        min_size=1,
        max_size=6,
    ),
    command=st.sampled_from(
        [["faq"], ["faq", "change-password"], ["channels"], ["accounts"], ["search", "jelszó"]]
    ),
    lang=st.sampled_from(["hu", "en"]),
    encoding=st.sampled_from(["utf-8", "ascii"]),
)
def test_cli_escapes_hostile_texts_of_a_knowledge_base(
    changes: list[tuple[tuple[str | int, ...], str]],
    command: list[str],
    lang: str,
    encoding: str,
) -> None:
    """Texts of a --kb file with controls, bidi overrides or line breaks are shown escaped."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    for path, text in changes:
        value_at(document, path[:-1])[path[-1]] = "x " + text
    with fresh_directory() as directory:
        (directory / "kb.json").write_bytes(json.dumps(document).encode())
        result = run_cli([*command, "--kb", "kb.json", "--lang", lang], encoding=encoding)
    assert_clean_exit(result, command[0])
    assert result.code == 0, result
    for line in result.out.splitlines():
        assert line.isprintable(), line
