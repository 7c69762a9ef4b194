"""Tests of the ``fiverr-kb`` command line, and of the JSON Schemas shipped with the data."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fiverr_support_kb import (
    KnowledgeBase,
    KnowledgeBaseError,
    NoPriceFitsError,
    Order,
    OrderSplit,
    OrderStatus,
    assess_username,
    compute_order_split,
    default_kb,
    fee_schedules,
    knowledge_base,
    load_kb,
    max_price_for_budget,
    models,
    price_for_seller_net,
    search,
    summarize_orders,
)
from fiverr_support_kb import _validate as validate_module
from fiverr_support_kb import fees as fees_module
from fiverr_support_kb import schedules as schedules_module
from fiverr_support_kb._converter import CONVERTER
from fiverr_support_kb.cli import main
from fiverr_support_kb.exports import CSV_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

SPLIT_FIELDS: Final = tuple(field.name for field in attrs.fields(OrderSplit))
SCHEDULES: Final = tuple(sorted(fee_schedules()))
ROUNDINGS: Final = (
    "ROUND_HALF_UP",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_DOWN",
    "ROUND_UP",
    "ROUND_DOWN",
    "ROUND_CEILING",
    "ROUND_FLOOR",
    "ROUND_05UP",
)
SUBCOMMANDS: Final = (
    "split",
    "price-for-net",
    "budget",
    "check",
    "search",
    "faq",
    "channels",
    "accounts",
    "split-csv",
    "export",
)


@attrs.frozen
class Run:
    """What one run of the command line did."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Parse stdout as JSON."""
        return json.loads(self.out)


def run(
    *argv: str,
    stdin: str | io.StringIO = "",
    stdout: io.StringIO | None = None,
    stderr: io.StringIO | None = None,
) -> Run:
    """Run ``main(argv)`` in this process with *stdin*, capturing stdout and stderr."""
    out, err = stdout or io.StringIO(), stderr or io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin) if isinstance(stdin, str) else stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        sys.stdin = saved
    return Run(code, out.getvalue(), err.getvalue())


def assert_bad_input(result: Run, *fragments: str) -> None:
    """Exit code 2 and exactly one line on stderr, saying what was wrong."""
    assert result.code == 2, result
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("fiverr-kb")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def as_json(value: object) -> Any:
    """The value as it comes back from a JSON round trip (tuples become lists)."""
    return json.loads(json.dumps(value))


def split_object(split: OrderSplit) -> dict[str, str]:
    """The JSON object the command line prints for a split."""
    return {name: str(getattr(split, name)) for name in SPLIT_FIELDS}


def cents_text(cents: int) -> str:
    """A whole-cent amount as a plain decimal string."""
    return f"{Decimal(cents).scaleb(-2):f}"


#: Every whole-cent amount the fee engine accepts, written plainly.
amounts = st.integers(min_value=1, max_value=100_000_000_000).map(cents_text)


@contextlib.contextmanager
def fresh_directory() -> Iterator[Path]:
    """Work in a new, empty temporary directory for the duration of the block."""
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(previous)


# --- split, price-for-net, budget -------------------------------------------------------------


def test_split_json_has_the_article_example() -> None:
    """A $5 gig: the buyer pays $2 on top and the seller keeps $4 (the article's example)."""
    result = run("split", "5", "--json")
    assert result.code == 0
    assert result.err == ""
    assert result.json() == split_object(compute_order_split("5"))
    assert result.json()["seller_net"] == "4.00"
    assert result.json()["seller_fee"] == "1.00"


@given(price=amounts, rounding=st.sampled_from(ROUNDINGS), schedule=st.sampled_from(SCHEDULES))
def test_split_json_equals_compute_order_split(price: str, rounding: str, schedule: str) -> None:
    """`split --json` prints exactly the library's split, money as strings, for any input."""
    result = run("split", price, "--rounding", rounding, "--schedule", schedule, "--json")
    assert result.code == 0
    assert result.json() == split_object(
        compute_order_split(price, schedule=schedule, rounding=rounding)
    )


@pytest.mark.parametrize(
    "spelling",
    ["ROUND_HALF_EVEN", "round_half_even", "half-even", "HALF_EVEN", "Half-Even", " half even "],
)
def test_rounding_is_accepted_in_any_spelling(spelling: str) -> None:
    """--rounding takes the decimal constant's name in any case, with or without ROUND_."""
    result = run("split", "40.50", "--rounding", spelling, "--json")
    expected = compute_order_split("40.50", rounding="ROUND_HALF_EVEN")
    assert result.json() == split_object(expected)
    assert result.json()["buyer_fee"] != split_object(compute_order_split("40.50"))["buyer_fee"]


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_split_table_lists_the_six_amounts_in_order(lang: str) -> None:
    """The readable split is a title and one row per field, each ending with its amount."""
    result = run("split", "40.50", "--lang", lang)
    assert result.code == 0
    title, *rows = result.out.splitlines()
    assert "ROUND_HALF_UP" in title
    assert fees_module.DEFAULT_SCHEDULE in title
    split = compute_order_split("40.50")
    assert [row.split()[-1] for row in rows] == [str(getattr(split, f)) for f in SPLIT_FIELDS]


def test_split_table_is_translated() -> None:
    """--lang hu and --lang en label the same amounts differently."""
    english, hungarian = run("split", "50").out, run("split", "50", "--lang", "HU").out
    assert english != hungarian
    assert "díjszabás" in hungarian


@given(
    amount=amounts,
    rounding=st.sampled_from(ROUNDINGS),
    schedule=st.sampled_from(SCHEDULES),
    command=st.sampled_from(["price-for-net", "budget"]),
)
def test_reverse_commands_print_the_price_and_its_split(
    amount: str, rounding: str, schedule: str, command: str
) -> None:
    """price-for-net and budget print the library's answer and its split, or exit 2."""
    find = price_for_seller_net if command == "price-for-net" else max_price_for_budget
    result = run(command, amount, "--rounding", rounding, "--schedule", schedule, "--json")
    try:
        price = find(amount, schedule=schedule, rounding=rounding)
    except NoPriceFitsError:
        assert_bad_input(result, "no whole-cent price")
        return
    assert result.code == 0
    split = compute_order_split(price, schedule=schedule, rounding=rounding)
    assert result.json() == {"price": str(price), "split": split_object(split)}


@pytest.mark.parametrize(
    ("command", "amount"), [("price-for-net", "40"), ("budget", "42"), ("price-for-net", " 4e1 ")]
)
def test_reverse_tables_name_the_target_and_the_price(command: str, amount: str) -> None:
    """The readable reverse calculation states the target and the price found, then the split."""
    find = price_for_seller_net if command == "price-for-net" else max_price_for_budget
    price = find(amount)
    first, *rest = run(command, amount).out.splitlines()
    assert f"{Decimal(amount.strip()):.2f}" in first
    assert first.endswith(str(price))
    assert rest[1].split()[-1] == str(price)


def test_budget_below_the_cheapest_order_is_bad_input() -> None:
    """A budget no order fits exits 2 with the library's explanation."""
    assert_bad_input(run("budget", "1"), "cheapest order")


# --- search, faq, channels, accounts, check ---------------------------------------------------


QUERIES: Final = (
    "jelszo",
    "elfelejtettem a jelszavam",
    "how much does fiverr take from sellers",
    "what's the weather like tomorrow",
    "",
)


@pytest.mark.parametrize("query", QUERIES)
def test_search_json_is_the_library_result(query: str) -> None:
    """search --json lists the library's hits: id, score, lang, question and answer."""
    expected = [
        {
            "id": hit.entry.id,
            "score": hit.score,
            "lang": hit.lang,
            "question": hit.entry.question[hit.lang],
            "answer": hit.entry.answer[hit.lang],
        }
        for hit in search(query)
    ]
    result = run("search", query, "--json")
    assert result.code == 0
    assert result.json() == expected


@pytest.mark.parametrize("query", QUERIES)
def test_search_text_shows_each_hit_or_says_there_is_none(query: str) -> None:
    """The readable search numbers each hit with its question, or says nothing matched."""
    hits = search(query, limit=2)
    lines = run("search", query, "--limit", "2").out.splitlines()
    headings = [line for line in lines if re.match(r"[0-9]+\. ", line)]
    assert [heading.split(" [")[0] for heading in headings] == [
        f"{rank}. {hit.entry.question[hit.lang]}" for rank, hit in enumerate(hits, 1)
    ]
    if not hits:
        assert lines == ["No FAQ entry matches."]


def test_search_lang_and_limit_are_passed_on() -> None:
    """--lang restricts the search to one language and --limit caps the hits."""
    result = run("search", "jelszó", "--lang", "hu", "--limit", "1", "--json")
    assert [hit["id"] for hit in result.json()] == [
        hit.entry.id for hit in search("jelszó", lang="hu", limit=1)
    ]
    assert {hit["lang"] for hit in result.json()} == {"hu"}


def test_faq_json_lists_the_entries_as_in_the_data_file() -> None:
    """faq --json lists every entry with the model's fields, as the data file has them."""
    expected = [as_json(CONVERTER.unstructure(entry)) for entry in default_kb().faq]
    assert run("faq", "--json").json() == expected


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_faq_table_lists_ids_and_questions(lang: str) -> None:
    """faq shows one row per entry: its id and its question in the chosen language."""
    lines = run("faq", "--lang", lang).out.splitlines()
    kb = default_kb()
    assert len(lines) == len(kb.faq) + 1
    for line, entry in zip(lines[1:], kb.faq, strict=True):
        assert line.split()[0] == entry.id
        assert line.endswith(entry.question[lang])


@pytest.mark.parametrize("entry_id", default_kb().faq_ids)
def test_faq_entry_json_is_the_entry(entry_id: str) -> None:
    """faq ID --json prints that one entry with the model's fields."""
    result = run("faq", entry_id, "--json")
    assert result.json() == as_json(CONVERTER.unstructure(default_kb().faq_entry(entry_id)))


@pytest.mark.parametrize("lang", ["en", "hu"])
@pytest.mark.parametrize("entry_id", default_kb().faq_ids)
def test_faq_entry_text_has_question_steps_and_channels(entry_id: str, lang: str) -> None:
    """faq ID shows the question, the answer, the numbered steps and the related channels."""
    kb = default_kb()
    entry = kb.faq_entry(entry_id)
    text = run("faq", entry_id, "--lang", lang).out
    assert text.startswith(entry.question[lang] + "\n")
    assert " ".join(text.split()).count(entry.answer[lang]) == 1
    flat = " ".join(text.split())
    for number, step in enumerate(entry.steps, 1):
        assert f"{number}. {step[lang]}" in flat
    for kind in entry.related_channels:
        for channel in kb.channels_of(kind):
            assert channel.address in text


def test_unknown_faq_id_is_bad_input() -> None:
    """An unknown FAQ id exits 2, and the message lists the known ids."""
    assert_bad_input(run("faq", "no-such-entry"), "no-such-entry", "change-password")


@pytest.mark.parametrize(
    ("command", "records"),
    [("channels", lambda kb: kb.channels), ("accounts", lambda kb: kb.official_accounts)],
)
def test_lists_json_have_the_model_fields(
    command: str, records: Callable[[KnowledgeBase], Sequence[object]]
) -> None:
    """channels and accounts --json list the records with the model's fields."""
    expected = [as_json(CONVERTER.unstructure(record)) for record in records(default_kb())]
    assert run(command, "--json").json() == expected


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_channels_table_has_each_label_and_address(lang: str) -> None:
    """channels shows each channel's label in the chosen language and its address."""
    lines = run("channels", "--lang", lang).out.splitlines()[1:]
    channels = default_kb().channels
    assert len(lines) == len(channels)
    for line, channel in zip(lines, channels, strict=True):
        assert line.startswith(channel.label[lang])
        assert line.endswith(channel.address)


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_accounts_table_has_each_username_and_description(lang: str) -> None:
    """accounts shows each official username and its description in the chosen language."""
    lines = run("accounts", "--lang", lang).out.splitlines()[1:]
    accounts = default_kb().official_accounts
    assert len(lines) == len(accounts)
    for line, account in zip(lines, accounts, strict=True):
        assert line.split()[0] == account.username
        assert line.endswith(account.description[lang])


def assessment_object(name: str) -> dict[str, Any]:
    """The JSON object ``check --json`` must print for *name*, from the library."""
    assessment = assess_username(name)
    account = assessment.official_account
    return {
        "username": assessment.username,
        "verdict": assessment.verdict.value,
        "official_account": None if account is None else account.username,
        "reasons": [
            {"code": str(reason.code), "message": reason.message} for reason in assessment.reasons
        ],
    }


USERNAMES: Final = (
    "Fiverr-Care",
    "fiverr-care",
    "Fiverr_Care",
    "Fiverr-Care_official",
    "Fivver_support",
    "Fiverr\u2011Care",
    "john_designs",
    "\u202eeraC-rrevif",
)


@pytest.mark.parametrize("name", USERNAMES)
def test_check_json_is_the_assessment(name: str) -> None:
    """check --json prints the verdict, the account concerned and the reasons, exit 0."""
    result = run("check", name, "--json")
    assert result.code == 0
    assert result.json() == assessment_object(name)
    assert result.json()["verdict"] in {"official", "impersonation", "unrelated"}


@pytest.mark.parametrize("lang", ["en", "hu"])
@pytest.mark.parametrize("name", USERNAMES)
def test_check_text_shows_the_verdict_safely(name: str, lang: str) -> None:
    """check shows the verdict and every reason, with controls and bidi marks escaped."""
    assessment = assess_username(name)
    result = run("check", name, "--lang", lang)
    assert result.code == 0
    assert result.out.isprintable() or all(line.isprintable() for line in result.out.splitlines())
    verdict_line = result.out.splitlines()[1]
    assert verdict_line.split(": ", 1)[1].startswith(
        {
            "official": ("official", "hivatalos"),
            "impersonation": ("impersonation", "megszem"),
            "unrelated": ("unrelated", "nem kapcsol"),
        }[assessment.verdict.value][lang == "hu"]
    )
    account = assessment.official_account
    if account is not None:
        assert account.username in result.out
    for reason in assessment.reasons:
        assert str(reason.code) in result.out


@given(name=st.text(max_size=40))
def test_check_answers_any_username(name: str) -> None:
    """check exits 0 for any text and its JSON is the library's assessment."""
    result = run("check", "--json", "--", name)
    assert result.code == 0
    assert result.json() == assessment_object(name)


# --- export and --kb ---------------------------------------------------------------------------


def packaged_json(name: str) -> Any:
    """A packaged data file, parsed."""
    return json.loads((files("fiverr_support_kb") / "data" / name).read_text(encoding="utf-8"))


def test_export_round_trips_through_load_kb(tmp_path: Path) -> None:
    """export prints the knowledge base in the data file's shape: load_kb reads it back."""
    exported = run("export").json()
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(exported["knowledge_base"]), encoding="utf-8")
    assert load_kb(path) == default_kb()
    assert exported["fee_schedules"] == packaged_json("fee_schedules.json")


def test_export_format_and_json_flags_change_nothing() -> None:
    """--format json (the only format) and --json print the same export."""
    plain = run("export").out
    assert run("export", "--format", "json").out == plain
    assert run("export", "--json").out == plain


def test_export_schema_prints_the_shipped_schemas() -> None:
    """export --schema prints the two JSON Schemas shipped beside the data files."""
    assert run("export", "--schema").json() == {
        "knowledge_base": packaged_json("knowledge_base.schema.json"),
        "fee_schedules": packaged_json("fee_schedules.schema.json"),
    }


def test_kb_option_reads_another_data_set(tmp_path: Path) -> None:
    """--kb FILE uses that knowledge base instead of the packaged one."""
    data = packaged_json("knowledge_base.json")
    data["channels"][2]["address"] = "help@example.com"
    path = tmp_path / "updated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "help@example.com" in run("channels", "--kb", str(path)).out
    assert run("export", "--kb", str(path)).json()["knowledge_base"] == as_json(
        CONVERTER.unstructure(load_kb(path))
    )


def test_invalid_kb_file_is_bad_input(tmp_path: Path) -> None:
    """An invalid --kb file exits 2 with one line naming the file and the problem's path."""
    data = packaged_json("knowledge_base.json")
    data["faq"][0]["id"] = "Not A Slug"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_bad_input(run("faq", "--kb", str(path)), "broken.json", "$.faq[0].id")


# --- bad input ---------------------------------------------------------------------------------


BAD_ARGUMENTS: Final = (
    (),
    ("nope",),
    ("--nope",),
    ("split",),
    ("split", "abc"),
    ("split", "-5"),
    ("split", "0"),
    ("split", "5.001"),
    ("split", "NaN"),
    ("split", "Infinity"),
    ("split", "1e999999"),
    ("split", "1000000000.01"),
    ("split", ""),
    ("split", "  "),
    ("split", "5", "--rounding", "bankers"),
    ("split", "5", "--rounding", "ROUND_HALF_ſP"),
    ("split", "5", "--schedule", "nope"),
    ("split", "5", "--lang", "de"),
    ("split", "5", "--json=yes"),
    ("split", "5", "6"),
    ("price-for-net", "-1"),
    ("budget", "x"),
    ("faq", "nope"),
    ("faq", "--lang", ""),
    ("search", "x", "--limit", "0"),
    ("search", "x", "--limit", "many"),
    ("search", "x", "--lang", "fr"),
    ("channels", "--kb", "no-such-file.json"),
    ("export", "--format", "yaml"),
    ("split-csv",),
    ("split-csv", "no-such-file.csv"),
    ("split-csv", "-", "--rounding", "x"),
)


@pytest.mark.parametrize("argv", BAD_ARGUMENTS)
def test_bad_input_exits_2_with_one_line(argv: tuple[str, ...]) -> None:
    """Every kind of bad input exits 2 with one line on stderr and nothing on stdout."""
    result = run(*argv)
    assert_bad_input(result)
    assert result.out == ""


def test_help_and_version_exit_0() -> None:
    """--help and --version print to stdout and exit 0."""
    assert run("--help").code == 0
    assert run("split-csv", "--help").out.startswith("usage: fiverr-kb split-csv")
    version = run("--version")
    assert version.code == 0
    assert default_kb().provenance.data_version in version.out


ARGUMENT_TEXT: Final = st.one_of(
    st.text(st.characters(exclude_characters="/\\"), max_size=12),
    st.sampled_from(
        [
            "-",
            "--",
            "--json",
            "--lang",
            "hu",
            "en",
            "-o",
            "--limit",
            "0",
            "3",
            "--schedule",
            "help-center",
            "--rounding",
            "half-even",
            "--kb",
            "--format",
            "json",
            "--schema",
            "--price-column",
            "--status-column",
            "5",
            "40.50",
            "change-password",
        ]
    ),
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(SUBCOMMANDS), arguments=st.lists(ARGUMENT_TEXT, max_size=5))
def test_arbitrary_arguments_exit_0_or_2(command: str, arguments: list[str]) -> None:
    """Any text arguments to any subcommand give exit 0, or 2 with one line: no traceback."""
    with fresh_directory():
        result = run(command, *arguments)
    assert result.code in {0, 2}, result
    assert "Traceback" not in result.err
    if result.code == 2:
        assert result.err.count("\n") == 1, result.err


# --- split-csv ---------------------------------------------------------------------------------


def write_csv(path: Path, rows: Sequence[Sequence[str]], *, terminator: str = "\r\n") -> Path:
    """Write *rows* as a CSV file; with a line end other than CRLF, every field is quoted.

    (The csv writer quotes only the characters of its own line end, and a reader splits lines
    at any of CR, LF and CRLF.)
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        if terminator == "\r\n":
            csv.writer(handle, lineterminator=terminator).writerows(rows)
        else:
            csv.writer(handle, lineterminator=terminator, quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def read_csv(text: str) -> list[list[str]]:
    """Parse CSV text."""
    return list(csv.reader(io.StringIO(text, newline="")))


def split_cells(price: str) -> list[str]:
    """The five cells split-csv appends for *price*, from the library."""
    split = compute_order_split(price)
    return [str(getattr(split, name)) for name in CSV_COLUMNS]


def price_texts(cents: int) -> st.SearchStrategy[str]:
    """The ways an export may write an amount of *cents*: 12.5, 12.50, +12.50, 1250E-2, ..."""
    amount = Decimal(cents).scaleb(-2)
    forms = [f"{amount:f}", f"{amount.normalize():f}", f" {amount:f} ", f"+{amount:f}"]
    forms.append(f"{cents}E-2")
    return st.sampled_from(forms)


CELLS: Final = st.text(st.characters(codec="utf-8", exclude_characters="\x00\ufeff"), max_size=6)
STATUS_TEXTS: Final = st.sampled_from([status.value for status in OrderStatus]).flatmap(
    lambda value: st.sampled_from(
        [value, value.upper(), value.title(), value.replace("_", " "), value.replace("_", "-")]
    )
)


@st.composite
def order_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header (a price column, maybe a status column, other columns) and order rows."""
    others = draw(
        st.lists(
            CELLS.filter(lambda name: name not in {"price", "status", *CSV_COLUMNS}),
            unique=True,
            max_size=3,
        )
    )
    header = [*others, "price"]
    with_status = draw(st.booleans())
    if with_status:
        header.append("status")
    header = draw(st.permutations(header))
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = []
        for name in header:
            if name == "price":
                row.append(draw(st.integers(1, 100_000_000_000).flatmap(price_texts)))
            elif name == "status":
                row.append(draw(STATUS_TEXTS))
            else:
                row.append(draw(CELLS))
        rows.append(row)
    assume(header != [""])  # a lone empty header cell is written as a blank line
    return header, rows


def expected_summary(header: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """The ledger the summary line must show, from the library."""
    price, status = header.index("price"), header.index("status")
    summary = summarize_orders(
        Order(
            price=row[price], status=row[status].strip().lower().replace(" ", "_").replace("-", "_")
        )
        for row in rows
    )
    counts = {status.value: count for status, count in summary.counts.items()}
    money = {
        name: str(getattr(summary, name))
        for name in (
            "gross_completed",
            "buyer_fee_total",
            "seller_fee_total",
            "seller_net_total",
            "pending_gross",
        )
    }
    return {"order_count": summary.order_count, **counts, **money}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(table=order_tables(), terminator=st.sampled_from(["\n", "\r\n", "\r"]))
def test_split_csv_appends_the_split_to_every_row(
    table: tuple[list[str], list[list[str]]], terminator: str
) -> None:
    """Every input column is kept and the five split columns are the library's, row by row."""
    header, rows = table
    with fresh_directory() as directory:
        path = write_csv(directory / "orders.csv", [header, *rows], terminator=terminator)
        result = run("split-csv", str(path), "--json")
        csv_result = run("split-csv", str(path))
    assert result.code == 0, result
    assert csv_result.code == 0, csv_result
    output = read_csv(csv_result.out)
    assert output[0] == [*header, *CSV_COLUMNS]
    assert len(output) == len(rows) + 1
    price = header.index("price")
    for given_row, written in zip(rows, output[1:], strict=True):
        assert written == [*given_row, *split_cells(given_row[price])]
    objects = [json.loads(line) for line in result.out.splitlines()]
    assert objects == [dict(zip(output[0], row, strict=True)) for row in output[1:]]
    if "status" in header:
        assert json.loads(result.err) == expected_summary(header, rows)
        assert csv_result.err.startswith(f"ledger: {len(rows)} orders")
    else:
        assert result.err == csv_result.err == ""


def test_split_csv_reads_stdin_and_skips_a_bom_and_blank_lines() -> None:
    """'-' reads stdin; a UTF-8 BOM and blank lines are skipped, nothing else is dropped."""
    text = "\ufeffid,price\r\n1,5\r\n\r\n2,40.01\r\n"
    result = run("split-csv", "-", "-o", "-", stdin=text)
    assert result.code == 0
    assert read_csv(result.out) == [
        ["id", "price", *CSV_COLUMNS],
        ["1", "5", *split_cells("5")],
        ["2", "40.01", *split_cells("40.01")],
    ]


def test_split_csv_writes_the_output_file(tmp_path: Path) -> None:
    """-o OUT writes the same CSV that goes to stdout without it."""
    path = write_csv(tmp_path / "in.csv", [["price", "note"], ["5", 'a, "b"'], ["41", "é"]])
    out = tmp_path / "out.csv"
    result = run("split-csv", str(path), "-o", str(out))
    assert result.code == 0
    assert result.out == ""
    assert out.read_bytes() == run("split-csv", str(path)).out.encode()


def test_split_csv_uses_the_schedule_and_rounding(tmp_path: Path) -> None:
    """--schedule and --rounding apply to every row and to the ledger."""
    path = write_csv(tmp_path / "in.csv", [["price", "status"], ["40.50", "completed"]])
    result = run(
        "split-csv", str(path), "--schedule", "help-center", "--rounding", "half-even", "--json"
    )
    split = compute_order_split("40.50", schedule="help-center", rounding="ROUND_HALF_EVEN")
    assert json.loads(result.out.splitlines()[0])["buyer_fee"] == str(split.buyer_fee)
    assert json.loads(result.err)["buyer_fee_total"] == str(split.buyer_fee)


def test_split_csv_takes_other_column_names(tmp_path: Path) -> None:
    """--price-column and --status-column name the columns to read."""
    path = write_csv(tmp_path / "in.csv", [["Amount", "State"], ["5", "Completed"]])
    result = run(
        "split-csv", str(path), "--price-column", "Amount", "--status-column", "State", "--json"
    )
    assert result.code == 0
    assert json.loads(result.out)["seller_net"] == split_cells("5")[3]
    assert json.loads(result.err)["completed"] == 1


BAD_CELLS: Final = (
    ("price", "", "empty"),
    ("price", "abc", "not a decimal number"),
    ("price", "-5", "not positive"),
    ("price", "0", "not positive"),
    ("price", "5.001", "fraction of a cent"),
    ("price", "NaN", "price"),
    ("price", "1e999999", "price"),
    ("price", "1,000", "not a decimal number"),
    ("status", "done", "accepted: in_progress"),
    ("status", "", "accepted: in_progress"),
    ("status", "complétéd", "accepted: in_progress"),
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.integers(0, 20),
    after=st.integers(0, 5),
    bad=st.sampled_from(BAD_CELLS),
    status=st.sampled_from([status.value for status in OrderStatus]),
)
def test_split_csv_stops_at_a_bad_row_naming_its_line(
    before: int, after: int, bad: tuple[str, str, str], status: str
) -> None:
    """A bad price or status stops with exit 2, naming the line; no partial file is left."""
    column, value, fragment = bad
    good = ["7", "9.99", status]
    bad_row = ["8", value if column == "price" else "5", value if column == "status" else status]
    rows = [["id", "price", "status"], *[good] * before, bad_row, *[good] * after]
    with fresh_directory() as directory:
        path = write_csv(directory / "orders.csv", rows)
        result = run("split-csv", str(path), "-o", "out.csv")
        assert not (directory / "out.csv").exists()
    assert_bad_input(result, f"line {before + 2}:", fragment)
    assert repr(value) in result.err or (column == "price" and not value)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("price,id\n5,1\n6\n", 3, "expected 2 fields like the header, got 1"),
        ("price,id\n5,1\n6,2,3\n", 3, "expected 2 fields like the header, got 3"),
        ('price,id\n5,1\n\n\n6,"2\n', 5, "unexpected end of data"),
        ('price,id\n5,"a"b\n', 2, "expected after"),
        ('price,id\n5,"multi\nline"\n7\n', 4, "got 1"),
    ],
)
def test_split_csv_names_the_line_of_a_malformed_record(
    text: str, line: int, fragment: str
) -> None:
    """A record with the wrong number of fields or broken quoting is named by its line."""
    result = run("split-csv", "-", stdin=text)
    assert_bad_input(result, f"line {line}:", fragment)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"\n\n", "is empty"),
        (b"amount,id\n5,1\n", "no 'price' column; the header has: 'amount', 'id'"),
        (b"price,price\n5,5\n", "2 columns named 'price'"),
        (b"price,seller_net\n5,4\n", "already has the column(s) 'seller_net'"),
        (b"price,id\n5,\xe9t\xe9\n", "not UTF-8 text: invalid continuation byte at byte 12"),
        (b"\xef\xbb\xbfprice\n\xff\n", "not UTF-8 text: invalid start byte at byte 10"),
        (b"\xff\xfep\x00r\x00i\x00c\x00e\x00", "not UTF-8 text"),
    ],
)
def test_split_csv_rejects_an_unusable_file(tmp_path: Path, content: bytes, fragment: str) -> None:
    """An empty, non-UTF-8 or header-less file, or a column clash, exits 2 with one line."""
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    result = run("split-csv", str(path), "-o", str(tmp_path / "out.csv"))
    assert_bad_input(result, fragment)
    assert not (tmp_path / "out.csv").exists()


def test_split_csv_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    """-o naming the input file exits 2 and leaves the input as it was."""
    path = write_csv(tmp_path / "orders.csv", [["price"], ["5"]])
    before = path.read_bytes()
    assert_bad_input(run("split-csv", str(path), "-o", str(path)), "is the input file")
    assert path.read_bytes() == before


def test_split_csv_missing_status_column_named_explicitly(tmp_path: Path) -> None:
    """--status-column naming a column the file lacks exits 2; the default one is optional."""
    path = write_csv(tmp_path / "orders.csv", [["price"], ["5"]])
    assert_bad_input(run("split-csv", str(path), "--status-column", "state"), "'state'")
    assert run("split-csv", str(path)).code == 0


def test_split_csv_rejects_a_directory_and_duplicate_names_in_json(tmp_path: Path) -> None:
    """A directory is not a file; JSON lines cannot hold two columns of one name."""
    assert_bad_input(run("split-csv", str(tmp_path)), "cannot read it")
    path = write_csv(tmp_path / "orders.csv", [["price", "x", "x"], ["5", "1", "2"]])
    assert run("split-csv", str(path)).code == 0
    assert_bad_input(run("split-csv", str(path), "--json"), "duplicate column names")


class FakeTerminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        """Pretend to be a terminal."""
        return True


def test_split_csv_shows_progress_only_on_a_terminal(tmp_path: Path) -> None:
    """Progress goes to stderr when it is a terminal, and is wiped before the ledger line."""
    path = write_csv(tmp_path / "orders.csv", [["price"], *[["5"]] * 3000])
    on_terminal = run("split-csv", str(path), "-o", str(tmp_path / "a.csv"), stderr=FakeTerminal())
    assert on_terminal.code == 0
    assert "rows" in on_terminal.err
    assert on_terminal.err.endswith("\r")
    piped = run("split-csv", str(path), "-o", str(tmp_path / "b.csv"))
    assert piped.err == ""
    to_terminal = run("split-csv", str(path), stdout=FakeTerminal(), stderr=FakeTerminal())
    assert to_terminal.code == 0
    assert to_terminal.err == ""


class InterruptedInput(io.StringIO):
    """Standard input on which the user presses Ctrl-C after the header and one row."""

    def __init__(self) -> None:
        super().__init__("price\n5\n6\n7\n")
        self.lines = 0

    def __next__(self) -> str:  # type: ignore[override] # typeshed: _IOBase yields bytes
        """Give two lines, then raise KeyboardInterrupt."""
        self.lines += 1
        if self.lines > 2:
            raise KeyboardInterrupt
        return super().__next__()


def test_ctrl_c_exits_130_and_removes_the_partial_output(tmp_path: Path) -> None:
    """Ctrl-C in split-csv exits 130 quietly and leaves no half-written output file."""
    result = run("split-csv", "-", "-o", str(tmp_path / "out.csv"), stdin=InterruptedInput())
    assert result.code == 130
    assert result.err == ""
    assert not (tmp_path / "out.csv").exists()


class FailingOutput(io.StringIO):
    """A stdout whose writes fail with *error*."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, _: str) -> int:
        """Fail."""
        raise self.error


def test_a_full_disk_exits_1_with_one_line() -> None:
    """When the output cannot be written the command exits 1, saying why on one line."""
    result = run("faq", stdout=FailingOutput(OSError(28, "No space left on device")))
    assert result.code == 1
    assert result.err == "fiverr-kb faq: error: No space left on device\n"


def test_a_closed_pipe_in_process_exits_1_quietly() -> None:
    """A broken pipe on stdout ends the command with exit 1 and nothing on stderr."""
    result = run("channels", stdout=FailingOutput(BrokenPipeError(32, "Broken pipe")))
    assert result.code == 1
    assert result.err == ""


def test_a_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception is reported on one line, as an internal error, with exit 1."""
    import fiverr_support_kb.cli as cli_module  # noqa: PLC0415 - the module to patch

    def broken(_: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "_cmd_faq", broken)
    result = run("faq")
    assert result.code == 1
    assert result.err == "fiverr-kb faq: internal error (RuntimeError: boom); please report it\n"


# --- subprocesses ------------------------------------------------------------------------------


def cli(
    *argv: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m fiverr_support_kb`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "fiverr_support_kb", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_module_runs_as_a_program() -> None:
    """python -m fiverr_support_kb prints the split and exits 0."""
    process = cli("split", "40.50", "--json")
    assert process.returncode == 0
    assert json.loads(process.stdout) == split_object(compute_order_split("40.50"))
    assert process.stderr == b""


@pytest.mark.parametrize(
    "argv", [("split", "abc"), ("faq", "nope"), ("nope",), ("split-csv", "no.csv")]
)
def test_program_bad_input_is_one_line(argv: tuple[str, ...]) -> None:
    """In a real process, bad input exits 2 with one line on stderr and no traceback."""
    process = cli(*argv)
    assert process.returncode == 2
    assert process.stderr.count(b"\n") == 1
    assert b"Traceback" not in process.stderr


def test_program_split_csv_pipes_stdin_to_stdout() -> None:
    """split-csv - reads raw bytes (BOM, CRLF) from stdin and writes UTF-8 to stdout."""
    data = '\ufeffprice,name,status\r\n5,Zoë,completed\r\n41,"a\r\nb",delivered\r\n'.encode()
    process = cli("split-csv", "-", stdin=data)
    assert process.returncode == 0
    assert read_csv(process.stdout.decode()) == [
        ["price", "name", "status", *CSV_COLUMNS],
        ["5", "Zoë", "completed", *split_cells("5")],
        ["41", "a\r\nb", "delivered", *split_cells("41")],
    ]
    assert process.stderr.decode().startswith("ledger: 2 orders")


def test_program_survives_a_closed_pipe(tmp_path: Path) -> None:
    """When the reader stops early (| head), the program ends quietly, without a traceback."""
    path = write_csv(tmp_path / "orders.csv", [["price"], *[["19.99"]] * 100_000])
    with subprocess.Popen(
        [sys.executable, "-m", "fiverr_support_kb", "split-csv", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=120) == 1
    assert stderr == b""


def test_program_escapes_what_the_terminal_cannot_show() -> None:
    """Undecodable argv bytes and an ASCII-only stdout neither crash nor corrupt JSON."""
    process = cli(b"check", b"Fiverr\xff-Care", b"--json")
    assert process.returncode == 0
    assert json.loads(process.stdout)["username"] == "Fiverr\udcff-Care"
    ascii_only = cli(
        "faq", "change-password", "--lang", "hu", "--json", env={"PYTHONIOENCODING": "ascii"}
    )
    assert ascii_only.returncode == 0
    assert json.loads(ascii_only.stdout) == as_json(
        CONVERTER.unstructure(default_kb().faq_entry("change-password"))
    )
    text = cli("faq", "change-password", "--lang", "hu", env={"PYTHONIOENCODING": "ascii"})
    assert text.returncode == 0
    assert b"Jelsz\\xf3" in text.stdout


# --- the JSON Schemas of the data files ---------------------------------------------------------
#
# A validator for the subset of JSON Schema (draft 2020-12) the shipped schemas use. It refuses
# any other keyword, so a schema cannot rely on a rule these tests would silently skip.

Schema = dict[str, Any]
_ANNOTATIONS: Final = frozenset({"$schema", "$id", "title", "description", "$defs"})
_TYPES: Final[dict[str, Callable[[object], bool]]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "null": lambda value: value is None,
}


def _same(first: object, second: object) -> bool:
    """JSON equality: true and 1 differ."""
    return type(first) is type(second) and first == second


def _search(pattern: str, text: str) -> bool:
    """ECMA-262 semantics for the patterns used: '$' matches only at the very end."""
    return re.search(re.sub(r"\$$", r"\\Z", pattern), text) is not None


def schema_errors(schema: Schema, value: Any, root: Schema, path: str = "$") -> list[str]:
    """Return the ways *value* breaks *schema*, as ``message @ path`` strings."""
    unknown = set(schema) - _ANNOTATIONS - _KEYWORDS
    assert not unknown, f"keywords this validator does not know: {unknown}"
    if "type" in schema and not _TYPES[schema["type"]](value):
        return [f"not {schema['type']} @ {path}"]
    return [error for check in _CHECKS for error in check(schema, value, root, path)]


def _check_ref(schema: Schema, value: Any, root: Schema, path: str) -> list[str]:
    if "$ref" not in schema:
        return []
    return schema_errors(root["$defs"][schema["$ref"].removeprefix("#/$defs/")], value, root, path)


def _check_value(schema: Schema, value: Any, _: Schema, path: str) -> list[str]:
    errors = []
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        errors.append(f"not one of {schema['enum']} @ {path}")
    if "const" in schema and not _same(value, schema["const"]):
        errors.append(f"not {schema['const']!r} @ {path}")
    return errors


def _check_scalar(schema: Schema, value: Any, _: Schema, path: str) -> list[str]:
    errors = []
    if isinstance(value, str) and not _search(schema.get("pattern", ""), value):
        errors.append(f"does not match {schema['pattern']} @ {path}")
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        errors.append(f"longer than {schema['maxLength']} @ {path}")
    if _TYPES["integer"](value) and not (
        schema.get("minimum", value) <= value <= schema.get("maximum", value)
    ):
        errors.append(f"out of range @ {path}")
    return errors


def _check_array(schema: Schema, value: Any, root: Schema, path: str) -> list[str]:
    if not isinstance(value, list):
        return []
    errors = [f"too few items @ {path}"] if len(value) < schema.get("minItems", 0) else []
    for index, item in enumerate(value):
        errors += schema_errors(schema.get("items", {}), item, root, f"{path}[{index}]")
    return errors


def _check_object(schema: Schema, value: Any, root: Schema, path: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    properties = schema.get("properties", {})
    errors = [f"missing {key} @ {path}" for key in schema.get("required", ()) if key not in value]
    for key, item in value.items():
        if key in properties:
            errors += schema_errors(properties[key], item, root, f"{path}.{key}")
        elif schema.get("additionalProperties", True) is False:
            errors.append(f"unknown key {key!r} @ {path}")
    return errors


def _check_combinations(schema: Schema, value: Any, root: Schema, path: str) -> list[str]:
    errors = []
    options = schema.get("anyOf")
    if options and all(schema_errors(option, value, root, path) for option in options):
        errors.append(f"matches no anyOf branch @ {path}")
    for part in schema.get("allOf", ()):
        errors += schema_errors(part, value, root, path)
    if "if" in schema:
        branch = "else" if schema_errors(schema["if"], value, root, path) else "then"
        errors += schema_errors(schema.get(branch, {}), value, root, path)
    return errors


_CHECKS: Final = (
    _check_ref,
    _check_value,
    _check_scalar,
    _check_array,
    _check_object,
    _check_combinations,
)
_KEYWORDS: Final = frozenset(
    {
        *("$ref", "type", "enum", "const", "pattern", "maxLength", "minimum", "maximum"),
        *("items", "minItems", "properties", "required", "additionalProperties"),
        *("anyOf", "allOf", "if", "then", "else"),
    }
)
KB_SCHEMA: Final[Schema] = packaged_json("knowledge_base.schema.json")
FEES_SCHEMA: Final[Schema] = packaged_json("fee_schedules.schema.json")


@pytest.mark.parametrize(
    ("schema", "name"),
    [(KB_SCHEMA, "knowledge_base.json"), (FEES_SCHEMA, "fee_schedules.json")],
)
def test_packaged_data_matches_its_schema(schema: Schema, name: str) -> None:
    """Each shipped data file is valid against the JSON Schema shipped beside it."""
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/data/{name.removesuffix('.json')}.schema.json")
    assert schema_errors(schema, packaged_json(name), schema) == []


def _init_fields(cls: type) -> tuple[set[str], set[str]]:
    """The constructor's field names of an attrs class, and those without a default."""
    fields = [field for field in attrs.fields(cls) if field.init]
    return (
        {field.name for field in fields},
        {field.name for field in fields if field.default is attrs.NOTHING},
    )


@pytest.mark.parametrize(
    ("schema", "definition", "cls"),
    [
        (KB_SCHEMA, None, KnowledgeBase),
        (KB_SCHEMA, "Provenance", models.Provenance),
        (KB_SCHEMA, "Company", models.Company),
        (KB_SCHEMA, "Channel", models.Channel),
        (KB_SCHEMA, "FaqEntry", models.FaqEntry),
        (KB_SCHEMA, "OfficialAccount", models.OfficialAccount),
        (KB_SCHEMA, "LocalizedText", models.LocalizedText),
        (KB_SCHEMA, "LocalizedTerms", models.LocalizedTerms),
        (FEES_SCHEMA, "FeeSchedule", fees_module.FeeSchedule),
        (FEES_SCHEMA, "FeeTier", fees_module.FeeTier),
        (FEES_SCHEMA, None, schedules_module._file_shape()),
    ],
)
def test_schema_describes_every_model_field(
    schema: Schema, definition: str | None, cls: type
) -> None:
    """Each model's fields are the schema's properties; those without a default are required."""
    part = schema if definition is None else schema["$defs"][definition]
    names, required = _init_fields(cls)
    assert set(part["properties"]) == names
    assert set(part.get("required", ())) == required
    assert part["additionalProperties"] is False


@pytest.mark.parametrize(
    ("pattern", "regex"),
    [
        (KB_SCHEMA["$defs"]["FaqEntry"]["properties"]["id"]["pattern"], validate_module._SLUG),
        (
            KB_SCHEMA["$defs"]["OfficialAccount"]["properties"]["username"]["pattern"],
            validate_module._USERNAME,
        ),
        (
            KB_SCHEMA["$defs"]["Channel"]["allOf"][1]["then"]["properties"]["address"]["pattern"],
            validate_module._E164,
        ),
        (
            KB_SCHEMA["$defs"]["Channel"]["allOf"][2]["then"]["properties"]["address"]["pattern"],
            validate_module._EMAIL,
        ),
        (
            FEES_SCHEMA["$defs"]["FeeSchedule"]["properties"]["name"]["pattern"],
            schedules_module._SLUG,
        ),
    ],
)
def test_schema_patterns_are_the_loaders(pattern: str, regex: re.Pattern[str]) -> None:
    """The schema's patterns are the loader's own regular expressions, anchored."""
    assert pattern == f"^{regex.pattern}$"


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path to a value inside a JSON document, the root included."""
    yield path
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        yield from _paths(item, (*path, key))


JSON_VALUES: Final = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["phone", "email", "social", "twitter", "pinterest", "hu", "https://x.io/"]),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["hu", "en", "x"]), st.text(max_size=3), max_size=2),
)


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """*document* with one change: a value replaced, a key removed, or an unknown key added."""
    data = copy.deepcopy(document)
    path = draw(st.sampled_from(list(_paths(document))[1:]))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "remove" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent["unknown_key"] = draw(JSON_VALUES)
    else:
        parent[path[-1]] = draw(JSON_VALUES)
    return data


def _problems(document: Any, loader: Callable[[bytes, str], object]) -> tuple[str, ...]:
    """The problems the library's loader finds in *document* (none if it loads)."""
    try:
        loader(json.dumps(document).encode(), "mutated.json")
    except KnowledgeBaseError as exc:
        return exc.problems
    return ()


def _loads(document: Any, loader: Callable[[bytes, str], object]) -> bool:
    return not _problems(document, loader)


#: Rules across records, which JSON Schema cannot state (the schema's description says so).
CROSS_RECORD: Final = ("duplicate ", "no channel of kind ")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated(packaged_json("knowledge_base.json")))
def test_kb_schema_agrees_with_load_kb(document: Any) -> None:
    """After any one change, the schema accepts the knowledge base exactly when load_kb does."""
    # Except for the rules across records (unique ids, related channels that exist), which
    # only the loader checks.
    problems = _problems(document, knowledge_base.parse_kb)
    within_records = [problem for problem in problems if not problem.startswith(CROSS_RECORD)]
    assert (schema_errors(KB_SCHEMA, document, KB_SCHEMA) == []) == (within_records == [])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated(packaged_json("fee_schedules.json")))
def test_fee_schema_never_rejects_what_the_library_accepts(document: Any) -> None:
    """After any one change, what the fee loader accepts the schema accepts too."""
    # The converse holds only in part: JSON Schema cannot say that only the last tier lacks a
    # max_price, nor bound a decimal written as a string; the loader checks those.
    if _loads(document, schedules_module.parse_schedules):
        assert schema_errors(FEES_SCHEMA, document, FEES_SCHEMA) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("schedules"),
        lambda d: d["schedules"][0].update(seller_rate=0.2),
        lambda d: d["schedules"][0].update(buyer_fee=[]),
        lambda d: d["schedules"][0]["buyer_fee"][0].update(flat=True),
        lambda d: d["schedules"][0]["buyer_fee"][0].update(max_price=0),
        lambda d: d["schedules"][0].update(name="Not A Slug"),
        lambda d: d["schedules"][0].update(effective_date="yesterday"),
    ],
)
def test_fee_schema_and_loader_reject_the_same_mistakes(change: Callable[[Any], object]) -> None:
    """Wrong keys, types, a float rate, no tiers, a bad name or date: both reject them."""
    document = packaged_json("fee_schedules.json")
    change(document)
    assert schema_errors(FEES_SCHEMA, document, FEES_SCHEMA) != []
    assert not _loads(document, schedules_module.parse_schedules)
