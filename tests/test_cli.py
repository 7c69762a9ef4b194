"""Tests of the ``fiverr-kb`` command line, and of the JSON Schemas shipped with the data."""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import fiverr_support_kb
from fiverr_support_kb import (
    KnowledgeBase,
    KnowledgeBaseError,
    NoPriceFitsError,
    Order,
    OrderSplit,
    OrderStatus,
    assess_contact,
    assess_message,
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
from fiverr_support_kb import cli as cli_module
from fiverr_support_kb import fees as fees_module
from fiverr_support_kb import schedules as schedules_module
from fiverr_support_kb._converter import CONVERTER
from fiverr_support_kb.cli import is_contact, main
from fiverr_support_kb.exports import CSV_COLUMNS
from fiverr_support_kb.trust import _rules as trust_rules
from helpers import ROUNDINGS, SUBCOMMANDS, SUMMARY_TOTALS, Run, fresh_directory
from helpers import program as cli

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

SPLIT_FIELDS: Final = tuple(field.name for field in attrs.fields(OrderSplit))
SCHEDULES: Final = tuple(sorted(fee_schedules()))


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
    """search --json lists the library's hits: id, score, lang, question, answer and passage."""
    expected = [
        {
            "id": hit.entry.id,
            "score": hit.score,
            "lang": hit.lang,
            "question": hit.entry.question[hit.lang],
            "answer": hit.entry.answer[hit.lang],
            "passage": hit.passage,
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


def test_search_text_shows_the_passage_not_the_whole_answer() -> None:
    """The readable search shows the sentence that answers, not the whole long answer."""
    hits = search("what is fiverr's phone number?", limit=1)
    out = run("search", "what is fiverr's phone number?", "--limit", "1").out
    assert hits[0].entry.id == "contact-support"
    assert "+97236317882" in out
    assert " ".join(out.split()).count(".") < hits[0].entry.answer.en.count(".")


def test_search_text_shows_steps_one_a_line() -> None:
    """A procedure's passage is its numbered steps, each on a line of its own."""
    lines = run("search", "how do I change my password", "--limit", "1").out.splitlines()
    assert [line.strip()[:2] for line in lines[1:]] == ["1.", "2.", "3."]


def test_search_says_when_it_hands_off() -> None:
    """A Fiverr question no entry answers says a person should, and lists support channels."""
    lines = run("search", "How do I get a refund for my order?").out.splitlines()
    assert lines[0] == "The FAQ does not answer this: Fiverr's support team can help."
    assert any("support@fiverr.com" in line for line in lines[1:])
    hu = run("search", "Hogyan kérhetek visszatérítést a rendelésemre?").out.splitlines()
    assert hu[0] == "Erre a GYIK nem ad választ: a Fiverr ügyfélszolgálata tud segíteni."


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
    expected = contact_object(name) if is_contact(name) else assessment_object(name)
    assert result.json() == expected


def contact_object(value: str) -> dict[str, Any]:
    """The JSON object ``check --json`` must print for a contact, from the library."""
    contact = assess_contact(value)
    channel = contact.channel
    return {
        "value": contact.value,
        "kind": contact.kind.value,
        "verdict": contact.verdict.value,
        "channel": None
        if channel is None
        else {"kind": channel.kind.value, "address": channel.address},
        "imitates": contact.imitates,
        "reasons": [
            {
                "code": reason.code,
                "text": {"hu": reason.text.hu, "en": reason.text.en},
                "source": {
                    "id": reason.source.id,
                    "url": reason.source.url,
                    "title": reason.source.title,
                    "read": reason.source.read,
                },
            }
            for reason in contact.reasons
        ],
    }


CONTACTS: Final = (
    "https://www.fiverr.com/support",
    "https://fiverr.com@evil.example/",
    "support@fiverr.com",
    "Fiverr <support@fiverr-help.net>",
    "+972 3 631 7882",
    "+972 3 631 7883",
    "tel:+36301234567",
    "fiverr.com",
    "xn--fivrr-1we.com",
    "www.example.com",
    '"https://fiverr.com"',
    "(support@fiverr.com)",
)


@pytest.mark.parametrize("value", CONTACTS)
def test_check_judges_contacts(value: str) -> None:
    """check reads a URL, e-mail address, phone number or domain as a contact and judges it."""
    assert is_contact(value)
    result = run("check", value, "--json")
    assert result.code == 0
    assert result.json() == contact_object(value)


@pytest.mark.parametrize("value", ["Fiverr-Care", "Fiverr.Updates", "john_designs", "1234"])
def test_check_reads_names_as_usernames(value: str) -> None:
    """A value with no contact shape (not even a dot before a real ending) is a username."""
    assert not is_contact(value)
    assert run("check", value, "--json").json() == assessment_object(value)


@pytest.mark.parametrize("lang", ["en", "hu"])
@pytest.mark.parametrize("value", CONTACTS)
def test_check_text_shows_the_contact_verdict(value: str, lang: str) -> None:
    """check shows a contact's kind, verdict and each reason with its source, in the language."""
    contact = assess_contact(value)
    result = run("check", value, "--lang", lang)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[1].endswith(contact.kind.value)
    for reason in contact.reasons:
        assert reason.code in result.out
        assert reason.text.get(lang) in result.out


SCAM_MESSAGE: Final = (
    "Szia! A Fiverr Suport csapatától írok. Küldd el a jelszavadat ide: "
    "https://fiverr-support.com/verify, különben zároljuk a fiókodat."
)


def message_object(text: str, sender: str | None) -> dict[str, Any]:
    """The JSON object ``check-message --json`` must print, from the library."""
    result = assess_message(text, sender=sender)
    return {
        "verdict": result.verdict.value,
        "lang": result.lang,
        "sender": None if sender is None else assessment_object(sender),
        "reasons": contact_object_reasons(result.reasons),
        "contacts": [
            {"text": found.text, "start": found.start, **contact_object(found.text)}
            for found in result.contacts
        ],
    }


def contact_object_reasons(reasons: Any) -> list[dict[str, Any]]:
    """The JSON form of trust reasons."""
    return [
        {
            "code": reason.code,
            "text": {"hu": reason.text.hu, "en": reason.text.en},
            "source": {
                "id": reason.source.id,
                "url": reason.source.url,
                "title": reason.source.title,
                "read": reason.source.read,
            },
        }
        for reason in reasons
    ]


@pytest.mark.parametrize("sender", [None, "Fiverr_Support", "Fiverr-Care"])
def test_check_message_reads_stdin_and_files(tmp_path: Path, sender: str | None) -> None:
    """check-message judges a file or standard input, with the sender, as the library does."""
    extra = [] if sender is None else ["--sender", sender]
    from_stdin = run("check-message", "--json", *extra, stdin=SCAM_MESSAGE)
    assert from_stdin.code == 0
    assert from_stdin.json() == message_object(SCAM_MESSAGE, sender)
    assert run("check-message", "-", "--json", *extra, stdin=SCAM_MESSAGE).out == from_stdin.out
    path = tmp_path / "message.txt"
    path.write_text(SCAM_MESSAGE, encoding="utf-8")
    assert run("check-message", str(path), "--json", *extra).out == from_stdin.out


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_check_message_text_shows_verdict_and_reasons(lang: str) -> None:
    """check-message shows the verdict, the sender, each reason and each contact."""
    result = run("check-message", "--lang", lang, "--sender", "Fiverr_Support", stdin=SCAM_MESSAGE)
    assert result.code == 0
    assessment = assess_message(SCAM_MESSAGE, sender="Fiverr_Support")
    assert result.out.startswith({"en": "Verdict: scam", "hu": "Ítélet: csalás"}[lang])
    for reason in assessment.reasons:
        assert reason.text.get(lang) in result.out
    assert "https://fiverr-support.com/verify" in result.out
    quiet = run("check-message", "--lang", lang, stdin="Thanks, the files look great!")
    assert quiet.out.startswith({"en": "Verdict: no signals", "hu": "Ítélet: nincs jel"}[lang])


def test_check_message_refuses_unreadable_input(tmp_path: Path) -> None:
    """A missing file or one that is not UTF-8 is bad input: one line on stderr, exit 2."""
    missing = run("check-message", str(tmp_path / "missing.txt"))
    assert missing.code == 2
    assert "cannot read" in missing.err
    path = tmp_path / "latin1.txt"
    path.write_bytes("árvíztűrő".encode("latin-1", "replace"))
    bad = run("check-message", str(path))
    assert bad.code == 2
    assert "not UTF-8" in bad.err
    assert len(bad.err.splitlines()) == 1


# --- export and --kb ---------------------------------------------------------------------------


def packaged_json(name: str) -> Any:
    """A packaged data file, parsed."""
    return json.loads((files("fiverr_support_kb") / "data" / name).read_text(encoding="utf-8"))


def test_export_round_trips_through_load_kb(tmp_path: Path) -> None:
    """export prints a knowledge-base file: load_kb reads it back equal to the packaged one."""
    exported = run("export").json()
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    assert load_kb(path) == default_kb()
    assert sorted(exported) == sorted(packaged_json("knowledge_base.json"))


def test_export_all_prints_both_data_files() -> None:
    """export --what all prints the knowledge base and the fee schedules under two keys."""
    exported = run("export", "--what", "all").json()
    assert exported == {
        "knowledge_base": run("export").json(),
        "fee_schedules": packaged_json("fee_schedules.json"),
    }
    assert run("export", "--what", "fee-schedules").json() == exported["fee_schedules"]
    assert run("export", "--what", "knowledge-base").json() == exported["knowledge_base"]


def test_export_in_a_shell_feeds_the_kb_option(tmp_path: Path) -> None:
    """`fiverr-kb export > kb.json; fiverr-kb faq --kb kb.json` works, as in a shell."""
    path = tmp_path / "kb.json"
    exported = cli("export")
    assert exported.returncode == 0
    assert exported.stderr == b""
    path.write_bytes(exported.stdout)
    listed = cli("faq", "--kb", str(path))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == cli("faq").stdout
    again = cli("export", "--kb", str(path))
    assert again.returncode == 0
    assert again.stdout == exported.stdout


def test_export_format_and_json_flags_change_nothing() -> None:
    """--format json (the only format) and --json print the same export."""
    for what in ("knowledge-base", "fee-schedules", "all"):
        plain = run("export", "--what", what).out
        assert run("export", "--what", what, "--format", "json").out == plain
        assert run("export", "--what", what, "--json").out == plain
    assert run("export", "--json").out == run("export").out


def test_export_schema_prints_the_shipped_schemas() -> None:
    """export --schema prints the JSON Schema of what export prints, shipped beside the data."""
    assert run("export", "--what", "all", "--schema").json() == {
        "knowledge_base": packaged_json("knowledge_base.schema.json"),
        "fee_schedules": packaged_json("fee_schedules.schema.json"),
    }
    assert run("export", "--schema").json() == packaged_json("knowledge_base.schema.json")
    assert run("export", "--schema", "--what", "fee-schedules").json() == packaged_json(
        "fee_schedules.schema.json"
    )


def test_kb_option_reads_another_data_set(tmp_path: Path) -> None:
    """--kb FILE uses that knowledge base instead of the packaged one."""
    data = packaged_json("knowledge_base.json")
    data["channels"][2]["address"] = "help@example.com"
    path = tmp_path / "updated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "help@example.com" in run("channels", "--kb", str(path)).out
    assert run("export", "--kb", str(path)).json() == as_json(CONVERTER.unstructure(load_kb(path)))


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


def test_version_is_the_packages() -> None:
    """--version prints the package's __version__ and the data version."""
    version = run("--version")
    expected = f"fiverr-kb {fiverr_support_kb.__version__} (data "
    assert version.out.startswith(expected)


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


# --- a command line a person understands -------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("--lang", "hu", "split", "50"), ("split", "50", "--lang", "hu")),
        (("--json", "split", "50"), ("split", "50", "--json")),
        (
            ("--schedule", "help-center", "budget", "42"),
            ("budget", "42", "--schedule", "help-center"),
        ),
        (
            ("--rounding", "half-even", "split", "40.50"),
            ("split", "40.50", "--rounding", "HALF_EVEN"),
        ),
        (("--lang", "hu", "faq", "change-password"), ("faq", "change-password", "--lang", "hu")),
        (("--lang", "en", "search", "jelszó"), ("search", "jelszó", "--lang", "en")),
        (("--json", "--lang", "hu", "check", "Fiverr_Care"), ("check", "Fiverr_Care", "--json")),
        (("--json", "split-csv", "-"), ("split-csv", "-", "--json")),
    ],
)
def test_global_options_work_before_and_after_the_command(
    before: tuple[str, ...], after: tuple[str, ...]
) -> None:
    """A global option means the same before the command's name as after it."""
    first, second = run(*before, stdin="price\n5\n"), run(*after, stdin="price\n5\n")
    assert first.code == second.code == 0, (first, second)
    assert first == second


def test_kb_option_works_before_the_command(tmp_path: Path) -> None:
    """``fiverr-kb --kb FILE faq`` reads FILE, as ``fiverr-kb faq --kb FILE`` does."""
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(run("export").json()), encoding="utf-8")
    assert run("--kb", str(path), "faq") == run("faq", "--kb", str(path))
    missing = run("--kb", str(tmp_path / "missing.json"), "faq")
    assert_bad_input(missing, "missing.json")


def test_the_option_after_the_command_wins() -> None:
    """Given on both sides, the value after the command's name is the one used."""
    assert run("--lang", "hu", "split", "50", "--lang", "en") == run("split", "50")
    assert run("--lang", "en", "split", "50", "--lang", "hu") == run("split", "50", "--lang", "hu")


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (("--kb", "kb.json", "split", "5"), "--kb"),
        (("--schedule", "article", "check", "x"), "--schedule"),
        (("--rounding", "half-up", "faq"), "--rounding"),
        (("--lang", "hu", "export"), "--lang"),
        (("--lang", "hu", "split-csv", "-"), "--lang"),
    ],
)
def test_a_global_option_a_command_does_not_take_is_bad_input(
    argv: tuple[str, ...], option: str
) -> None:
    """A global option given to a command that has no use for it is refused, not ignored."""
    result = run(*argv)
    assert_bad_input(result, option, "does not apply")
    assert result.out == ""


def subparsers() -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, by name."""
    parser = cli_module._build_parser()
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_argument_has_help() -> None:
    """Every positional argument and option of every command says what it is."""
    commands = subparsers()
    assert set(commands) == set(SUBCOMMANDS)
    for name, parser in {"fiverr-kb": cli_module._build_parser(), **commands}.items():
        for action in parser._actions:
            assert action.help, (name, action.dest)
            assert action.help != argparse.SUPPRESS, (name, action.dest)


def test_json_help_says_what_each_command_prints() -> None:
    """Each command's --json help is its own, and names what that command's JSON holds."""
    helps = {}
    for name, parser in subparsers().items():
        (action,) = (a for a in parser._actions if "--json" in a.option_strings)
        assert action.help
        helps[name] = action.help
    assert "buyer_fee" in helps["split"]
    assert "verdict" in helps["check"]
    assert "score" in helps["search"]
    assert "JSON Lines" in helps["split-csv"]
    assert "always" in helps["export"]
    for name in ("faq", "channels", "accounts"):
        assert "data file" in helps[name], name
    assert len({helps[name] for name in SUBCOMMANDS if name != "budget"}) == len(SUBCOMMANDS) - 1


@pytest.mark.parametrize("command", ["split", "price-for-net", "budget", "split-csv"])
def test_schedule_help_lists_the_packaged_schedules(command: str) -> None:
    """--schedule's help names every packaged schedule and the default one."""
    result = run(command, "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for name in fee_schedules():
        assert name in text, name
    assert "article (default)" in text


def test_building_the_parser_reads_no_schedule() -> None:
    """The schedule names are read only when the help is shown, never to parse arguments."""
    code = (
        "import sys\n"
        "from fiverr_support_kb import cli\n"
        "cli._build_parser().parse_args(['split', '5'])\n"
        "assert 'fiverr_support_kb.schedules' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


PYTHON_WORDS: Final = ("str, int", "Decimal", "Errno", "NoneType", "got int", "got list", "dict")


@pytest.mark.parametrize("argv", BAD_ARGUMENTS)
def test_error_messages_have_no_python_words(argv: tuple[str, ...]) -> None:
    """Bad input is explained without Python's type names or errno codes."""
    result = run(*argv)
    assert_bad_input(result)
    for word in PYTHON_WORDS:
        assert word not in result.err, (word, result.err)


def test_amount_errors_ask_for_a_number() -> None:
    """A bad price asks for "a number such as 19.99", not for a str, int or Decimal."""
    assert_bad_input(run("split", "12.345"), "fraction of a cent", "a number such as 19.99")
    assert_bad_input(run("budget", "x"), "a number such as 19.99")


@pytest.mark.parametrize(
    ("message", "plain"),
    [
        (
            (
                "price 'x' is not a decimal number; expected an amount, as a str, int or "
                "Decimal such as '19.99'"
            ),
            "price 'x' is not a decimal number; expected an amount, a number such as 19.99",
        ),
        ("price must be given as a str or Decimal", "price must be given, a number"),
        ("cannot read the file: [Errno 2] No such file", "cannot read the file: No such file"),
        (
            "expected a string, got int @ $.faq[0].id",
            "expected a string, got a number @ $.faq[0].id",
        ),
        ("expected a JSON object, got NoneType @ $", "expected a JSON object, got null @ $"),
        (
            "unknown error ('list' object has no attribute 'keys') @ $.company",
            "expected an object, got a list @ $.company",
        ),
        ("'x' is not a valid ChannelKind; accepted", "'x' is not a valid channel kind; accepted"),
        ("a plain message stays as it is", "a plain message stays as it is"),
    ],
)
def test_library_messages_are_reworded_for_people(message: str, plain: str) -> None:
    """The command line rewords the Python words of a library message, and only those."""
    assert cli_module._for_people(message) == plain


@pytest.mark.parametrize("spelling", ["CHANGE-PASSWORD", "Change-Password", " change-password "])
def test_faq_ids_are_case_insensitive(spelling: str) -> None:
    """faq ID finds the entry whatever the letter case of ID."""
    assert run("faq", spelling) == run("faq", "change-password")
    assert run("faq", spelling, "--json") == run("faq", "change-password", "--json")


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 order ("), (2, "2 orders ("), (0, "0 orders (")]
)
def test_ledger_counts_are_pluralised(count: int, words: str) -> None:
    """The ledger says "1 order" and "2 orders", never "1 orders"."""
    result = run("split-csv", "-", stdin="price,status\n" + "5,completed\n" * count)
    assert result.code == 0, result
    assert result.err.startswith(f"ledger: {words}"), result.err


@pytest.mark.parametrize(
    "argv",
    [
        ("accounts",),
        ("accounts", "--lang", "hu"),
        ("check", "Fiverr-Care"),
        ("check", "Fiverr_Care_Support", "--lang", "hu"),
        ("faq", "change-password"),
        ("search", "elfelejtettem a jelszavam"),
    ],
)
def test_long_texts_are_wrapped_to_the_terminal(
    argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a narrow terminal no line of a description or an answer is wider than it."""
    monkeypatch.setattr(cli_module, "_terminal_width", lambda: 50)
    wrapped = run(*argv)
    assert wrapped.code == 0
    assert all(len(line) <= 50 for line in wrapped.out.splitlines()), wrapped.out
    monkeypatch.undo()
    plain = run(*argv)
    assert " ".join(wrapped.out.split()) == " ".join(plain.out.split())


class TerminalOutput(io.StringIO):
    """Captured output that says it is a terminal."""

    def isatty(self) -> bool:
        """A terminal, as far as the command line can tell."""
        return True


def test_the_terminal_width_is_read_from_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the output is wrapped to the terminal's width (COLUMNS here)."""
    monkeypatch.setenv("COLUMNS", "60")
    result = run("accounts", stdout=TerminalOutput())
    assert result.code == 0
    lines = result.out.splitlines()
    assert all(len(line) <= 60 for line in lines), result.out
    assert len(lines) > len(default_kb().official_accounts) + 1


@pytest.mark.parametrize(("columns", "width"), [("120", 120), ("5", 20)])
def test_the_terminal_width_is_at_least_20(
    columns: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The width read from a terminal is never below 20 columns."""
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys, "stdout", TerminalOutput())
    assert cli_module._terminal_width() == width


def test_tables_stay_one_row_a_line_when_not_on_a_terminal() -> None:
    """Piped into another program, each account is one line, for grep and cut."""
    lines = run("accounts").out.splitlines()
    assert len(lines) == len(default_kb().official_accounts) + 1
    assert cli_module._terminal_width() is None


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


def split_cells(price: str, status: str = "") -> list[str]:
    """The five cells split-csv appends for *price*, from the library (none if cancelled)."""
    if loose(status) == "cancelled":
        return ["0.00"] * len(CSV_COLUMNS)
    split = compute_order_split(price)
    return [str(getattr(split, name)) for name in CSV_COLUMNS]


def loose(name: str) -> str:
    """A header name or status as split-csv matches it: case, spaces, '_' and '-' ignored."""
    return " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()


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
            # A column matching "status" loosely would be read as the status column.
            CELLS.filter(
                lambda name: (
                    name not in {"price", "status", *CSV_COLUMNS} and loose(name) != "status"
                )
            ),
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
    money = {name: str(getattr(summary, name)) for name in SUMMARY_TOTALS}
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
    status = header.index("status") if "status" in header else None
    for given_row, written in zip(rows, output[1:], strict=True):
        state = "" if status is None else given_row[status]
        assert written == [*given_row, *split_cells(given_row[price], state)]
    objects = [json.loads(line) for line in result.out.splitlines()]
    assert objects == [dict(zip(output[0], row, strict=True)) for row in output[1:]]
    if "status" in header:
        assert json.loads(result.err) == expected_summary(header, rows)
        orders = "1 order" if len(rows) == 1 else f"{len(rows)} orders"
        assert csv_result.err.startswith(f"ledger: {orders} (")
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
        ("price\n5\n6,7\n", 3, "expected 1 field like the header, got 2"),
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
        (b"\xff\xfep\x00r\x00i\x00c\x00e\x00", 'is UTF-16 text, not UTF-8: save it as "CSV UTF-8"'),
        (b"\xfe\xff\x00p\x00r\x00i\x00c\x00e", "is UTF-16 text, not UTF-8"),
    ],
)
def test_split_csv_rejects_an_unusable_file(tmp_path: Path, content: bytes, fragment: str) -> None:
    """An empty, non-UTF-8 or header-less file, or a column clash, exits 2 with one line."""
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    result = run("split-csv", str(path), "-o", str(tmp_path / "out.csv"))
    assert_bad_input(result, fragment)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("spelling", ["\\t", "\t", "tab", "TAB"])
def test_split_csv_delimiter_takes_a_tab_as_users_type_it(tmp_path: Path, spelling: str) -> None:
    """--delimiter '\\t' (a backslash then t, as the message lists it) reads a tab."""
    path = tmp_path / "orders.tsv"
    path.write_text("order\tprice\r\nA\t5\r\n", encoding="utf-8")
    result = run("split-csv", str(path), "--delimiter", spelling)
    assert result.code == 0, result.err
    assert read_csv(result.out)[1] == ["A", "5", *split_cells("5")]


def test_split_csv_refuses_rejects_on_stdout_when_the_output_is_stdout(tmp_path: Path) -> None:
    """--rejects - with the output on stdout exits 2 in one line, writing nothing."""
    path = write_csv(tmp_path / "orders.csv", [["price"], ["5"], ["12.345"]])
    result = run("split-csv", str(path), "--skip-bad-rows", "--rejects", "-")
    assert_bad_input(result, "the rejects need their own file when the output is stdout")
    assert result.out == ""


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
    assert_bad_input(run("split-csv", str(path), "--json"), "duplicate column names (")


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


def test_program_appends_to_dev_stdout_redirected_with_two_angles(tmp_path: Path) -> None:
    """-o /dev/stdout >> log.csv adds the rows after the log's content, never replacing it."""
    path = write_csv(tmp_path / "orders.csv", [["price"], ["5"]])
    log = tmp_path / "log.csv"
    log.write_bytes(b"OLD LINE\n")
    with log.open("ab") as appending:
        process = subprocess.run(
            [
                sys.executable,
                "-m",
                "fiverr_support_kb",
                "split-csv",
                str(path),
                "-o",
                "/dev/stdout",
            ],
            stdout=appending,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert process.returncode == 0, process.stderr
    assert read_csv(log.read_text(encoding="utf-8")) == [
        ["OLD LINE"],
        ["price", *CSV_COLUMNS],
        ["5", *split_cells("5")],
    ]


def test_program_with_stdout_closed_says_so_in_one_line(tmp_path: Path) -> None:
    """split-csv with stdout closed (>&-) exits 2 saying so, not with an internal error."""
    path = write_csv(tmp_path / "orders.csv", [["price"], ["5"]])
    command = [sys.executable, "-m", "fiverr_support_kb", "split-csv", str(path)]
    process = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command],  # noqa: S607 - the POSIX shell
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert process.returncode == 2
    assert process.stderr.decode().endswith(
        "error: <stdout>: there is no standard output (it is closed)\n"
    )
    assert process.stderr.count(b"\n") == 1
    written = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command, "-o", str(tmp_path / "out.csv")],  # noqa: S607 - the POSIX shell
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert written.returncode == 0, written.stderr
    assert read_csv((tmp_path / "out.csv").read_text(encoding="utf-8"))[1][0] == "5"


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
    "boolean": lambda value: isinstance(value, bool),
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
TRUST_SCHEMA: Final[Schema] = packaged_json("trust_rules.schema.json")
HISTORY_SCHEMA: Final[Schema] = packaged_json("fee_history.schema.json")


@pytest.mark.parametrize(
    ("schema", "name"),
    [
        (KB_SCHEMA, "knowledge_base.json"),
        (FEES_SCHEMA, "fee_schedules.json"),
        (TRUST_SCHEMA, "trust_rules.json"),
        (HISTORY_SCHEMA, "fee_history.json"),
    ],
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
        (TRUST_SCHEMA, None, trust_rules.TrustRules),
        (TRUST_SCHEMA, "RuleSource", trust_rules.RuleSource),
        (TRUST_SCHEMA, "BrandTerms", trust_rules.BrandTerms),
        (TRUST_SCHEMA, "OfficialDomain", trust_rules.OfficialDomain),
        (TRUST_SCHEMA, "SocialHost", trust_rules.SocialHost),
        (TRUST_SCHEMA, "ContactReasonText", trust_rules.ContactReasonText),
        (TRUST_SCHEMA, "MessageRule", trust_rules.MessageRule),
        (HISTORY_SCHEMA, None, schedules_module.FeeHistory),
        (HISTORY_SCHEMA, "FeePeriod", schedules_module.FeePeriod),
        (HISTORY_SCHEMA, "ClearanceRule", schedules_module.ClearanceRule),
        (HISTORY_SCHEMA, "Source", schedules_module.Source),
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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_kb_option_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    """fiverr-kb faq --kb FIFO exits with an error at once instead of waiting for a writer."""
    fifo = tmp_path / "kb.json"
    os.mkfifo(fifo)
    process = cli("faq", "--kb", str(fifo))
    assert process.returncode == 2
    assert b"it is not a regular file" in process.stderr
    assert process.stdout == b""


# --- split-csv: exports as they come, and no lost files -------------------------------------------


def test_split_csv_reads_a_semicolon_export_with_decimal_commas(tmp_path: Path) -> None:
    """A Hungarian spreadsheet's export: ';', '12,50', headers in any case, by date."""
    path = tmp_path / "hu.csv"
    path.write_text(
        "Order ID; Price ;Order Date;Status\n1;12,50;2019-06-01;completed\n"
        "2;1.250,00 $;2020-12-24;Cancelled\n",
        encoding="utf-8",
    )
    result = run(
        "split-csv", str(path), "--number-format", "comma", "--schedule", "by-date", "--json"
    )
    assert result.code == 0, result
    first, second = (json.loads(line) for line in result.out.splitlines())
    assert first["buyer_fee"] == str(compute_order_split("12.50", on="2019-06-01").buyer_fee)
    assert [second[name] for name in CSV_COLUMNS] == ["0.00"] * 5
    assert json.loads(result.err)["cancelled"] == 1


def test_split_csv_takes_a_delimiter_and_a_date_column(tmp_path: Path) -> None:
    """--delimiter tab and --date-column name what the file uses."""
    path = tmp_path / "tab.csv"
    path.write_text("when\tprice\n2020-12-24\t5\n", encoding="utf-8")
    argv = ["split-csv", str(path), "--delimiter", "tab", "--schedule", "by-date"]
    result = run(*argv, "--date-column", "When")
    assert result.code == 0, result
    assert read_csv(result.out)[1][-5:] == [
        str(getattr(compute_order_split("5", on="2020-12-24"), name)) for name in CSV_COLUMNS
    ]
    assert_bad_input(run(*argv), "no 'date' column, which --schedule by-date needs")
    assert_bad_input(run(*argv, "--delimiter", "|"), "expected ',', ';' or tab")


def test_split_csv_skips_bad_rows_to_a_rejects_file(tmp_path: Path) -> None:
    """--skip-bad-rows writes bad rows with their line and reason beside the output."""
    path = write_csv(tmp_path / "in.csv", [["price"], ["5"], ["abc"], ["7"]])
    out = tmp_path / "out.csv"
    result = run("split-csv", str(path), "-o", str(out), "--skip-bad-rows")
    assert result.code == 0, result
    assert [row[0] for row in read_csv(out.read_text(encoding="utf-8"))] == ["price", "5", "7"]
    rejects = read_csv((tmp_path / "out.csv.rejects.csv").read_text(encoding="utf-8"))
    assert rejects[0] == ["line", "reason", "price"]
    assert rejects[1][0] == "3"
    assert "bad 'price' 'abc'" in rejects[1][1]
    assert_bad_input(run("split-csv", str(path), "--skip-bad-rows"), "needs --rejects FILE")
    assert_bad_input(run("split-csv", str(path), "--rejects", "r.csv"), "needs --skip-bad-rows")


def test_split_csv_ledger_tells_cleared_from_pending(tmp_path: Path) -> None:
    """--as-of adds the cleared and pending-clearance earnings to the ledger line."""
    path = write_csv(
        tmp_path / "in.csv",
        [["price", "status", "completed_on"], ["100", "completed", "2026-11-01"]],
    )
    result = run("split-csv", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2026-11-10")
    assert result.code == 0, result
    assert result.err.rstrip().endswith("cleared_net 0.00, pending_clearance_net 80.00")
    result = run(
        "split-csv", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2026-11-10",
        "--top-rated", "--json",
    )  # fmt: skip
    assert json.loads(result.err)["cleared_net"] == "80.00"


def test_program_split_csv_refuses_an_endless_line_fast() -> None:
    """split-csv /dev/zero exits 2 with one line naming the limit, without eating memory."""
    process = cli("split-csv", "/dev/zero")
    assert process.returncode == 2
    assert process.stderr.count(b"\n") == 1
    assert b"line 1: the line is longer than the limit of 1048576 characters" in process.stderr


def test_program_reading_stdin_while_writing_the_same_file_is_safe(tmp_path: Path) -> None:
    """split-csv - -o o.csv < o.csv splits the old content and replaces the file whole."""
    path = tmp_path / "o.csv"
    path.write_text("price\n5\n7\n", encoding="utf-8")
    with path.open("rb") as stdin:
        process = subprocess.run(
            [sys.executable, "-m", "fiverr_support_kb", "split-csv", "-", "-o", str(path)],
            stdin=stdin,
            capture_output=True,
            check=False,
            timeout=120,
        )
    assert process.returncode == 0, process.stderr
    assert [row[0] for row in read_csv(path.read_text(encoding="utf-8"))] == ["price", "5", "7"]


@pytest.mark.parametrize(("signal_name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_program_killed_midway_leaves_the_old_output(
    tmp_path: Path, signal_name: str, code: int
) -> None:
    """A run stopped by a signal midway leaves the old output as it was, and no partial file."""
    import signal  # noqa: PLC0415 - only these tests send signals

    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    out = tmp_path / "out.csv"
    out.write_text("the old output\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "fiverr_support_kb", "split-csv", str(fifo), "-o", str(out)],
        stderr=subprocess.PIPE,
    )
    try:
        with fifo.open("w", encoding="utf-8") as feed:
            feed.write("price\n" + "5\n" * 20_000)
            feed.flush()
            for _ in range(600):  # the run is midway once its temporary file exists
                if any(path.name.endswith(".part") for path in tmp_path.iterdir()):
                    break
                time.sleep(0.05)
            process.send_signal(getattr(signal, signal_name))
            assert process.wait(timeout=60) == code
    finally:
        process.kill()
        _, err = process.communicate()
    assert err == b""
    assert out.read_text(encoding="utf-8") == "the old output\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_split_on_a_date_uses_the_schedule_then_in_force() -> None:
    """split --on DATE splits with that day's schedule; a day without one exits 2."""
    result = run("split", "5", "--on", "2020-12-24", "--json")
    assert result.json() == split_object(compute_order_split("5", on="2020-12-24"))
    assert "service-fee-2020" in run("split", "5", "--on", "2020-12-24").out.splitlines()[0]
    assert_bad_input(run("split", "5", "--on", "2009-06-01"), "no known fee schedule on 2009")
    assert_bad_input(run("split", "5", "--on", "2009-06-01", "--schedule", "article"), "not both")
    assert_bad_input(run("split", "5", "--on", "June"), "expected a date as YYYY-MM-DD")


def test_schedule_names_the_dated_histories_schedules_too() -> None:
    """--schedule takes a period's schedule name; an unknown name lists every known one."""
    result = run("split", "5", "--schedule", "processing-fee-1", "--json")
    assert result.json()["buyer_fee"] == "1.00"
    assert_bad_input(
        run("split", "5", "--schedule", "nope"), "known schedules: article, help-center, no-buyer"
    )


def test_split_csv_says_how_many_rows_it_set_aside(tmp_path: Path) -> None:
    """After skipping bad rows, one line on stderr counts them and names the rejects file."""
    path = write_csv(tmp_path / "in.csv", [["price"], ["x"], ["5"], ["y"]])
    rejects = tmp_path / "bad.csv"
    result = run("split-csv", str(path), "-o", "-", "--skip-bad-rows", "--rejects", str(rejects))
    assert result.code == 0
    assert result.err == f"split-csv: 2 bad rows written to {rejects}\n"


@pytest.mark.parametrize("shape", ["one line", "one quoted field over many lines"])
def test_program_memory_stays_bounded_on_a_huge_field(tmp_path: Path, shape: str) -> None:
    """A 30 MB field is refused with exit 2 before it is held: peak memory stays far below it."""
    path = tmp_path / "huge.csv"
    body = "9" * 30_000_000 if shape == "one line" else '"' + "9\n" * 15_000_000 + '"'
    path.write_text("price,note\n5," + body + "\n", encoding="utf-8")
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'fiverr_support_kb', 'split-csv', "
        f"{str(path)!r}], capture_output=True, check=False)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.buffer.write(done.stderr)\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", measure], capture_output=True, check=False, timeout=120
    )
    code, peak_kib = map(int, process.stdout.split())
    assert code == 2
    assert b"line 2:" in process.stderr
    assert b"limit of" in process.stderr
    assert peak_kib < 60 * 1024, f"peak {peak_kib} KiB for a 30 MB field"


def test_history_option_reads_an_apps_own_dated_file(tmp_path: Path) -> None:
    """--history FILE replaces the packaged dated history for split --on and split-csv."""
    data = packaged_json("fee_history.json")
    data["periods"][1]["valid_until"] = "2015-12-31"  # an app that knows the $0.50 fee ended
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run("split", "5", "--on", "2016-06-01", "--json").json()["buyer_fee"] == "0.50"
    assert_bad_input(
        run("split", "5", "--on", "2016-06-01", "--history", str(path)), "no known fee schedule"
    )
    result = run("split", "5", "--on", "2015-06-01", "--history", str(path), "--json")
    assert result.json()["buyer_fee"] == "0.50"
    orders = write_csv(tmp_path / "in.csv", [["date", "price"], ["2015-06-01", "5"]])
    result = run("split-csv", str(orders), "--schedule", "by-date", "--history", str(path))
    assert read_csv(result.out)[1][2] == "0.50"
    orders = write_csv(tmp_path / "in.csv", [["date", "price"], ["2016-06-01", "5"]])
    result = run("split-csv", str(orders), "--schedule", "by-date", "--history", str(path))
    assert_bad_input(result, "line 2: no known fee schedule on 2016-06-01")
    data["periods"][1]["valid_until"] = "2019-01-01"  # now it overlaps the 2018 period
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_bad_input(
        run("split", "5", "--on", "2015-06-01", "--history", str(path)),
        "overlaps $.periods[3]",
        str(path),
    )


def test_split_with_extras_and_tips_splits_each_payment() -> None:
    """split PRICE --extra X --tip Y splits each payment where the schedule says so, and the sum."""
    result = run(
        "split", "50", "--extra", "20", "--tip", "10", "--schedule", "help-center", "--json"
    )
    expected = fees_module.split_payments(
        [
            fees_module.Payment(kind="order", amount="50"),
            fees_module.Payment(kind="extra", amount="20"),
            fees_module.Payment(kind="tip", amount="10"),
        ],
        schedule="help-center",
    )
    assert result.json() == {
        "schedule": "help-center",
        "per_payment": True,
        "parts": [
            {"payment": kind, **split_object(part)}
            for kind, part in zip(("order", "extra", "tip"), expected.parts, strict=True)
        ],
        "total": split_object(expected.total),
    }
    one = run("split", "50", "--tip", "10", "--json").json()
    assert [part["payment"] for part in one["parts"]] == ["all"]
    assert one["total"] == split_object(compute_order_split("60"))
    table = run("split", "50", "--tip", "10", "--on", "2026-12-06").out.splitlines()
    assert [line.split()[0] for line in table[2:]] == ["order", "tip", "total"]
    assert_bad_input(run("split", "50", "--tip", "0"), "amount '0' is not positive")


@pytest.mark.parametrize("command", ["price-for-net", "budget"])
def test_reverse_commands_take_a_day(command: str) -> None:
    """price-for-net and budget take --on DATE like split, and name the schedule used."""
    result = run(command, "100", "--on", "2026-12-06")
    assert result.code == 0, result
    assert "fee schedule: help-center" in result.out
    plain = run(command, "100", "--schedule", "help-center", "--json").json()
    assert run(command, "100", "--on", "2026-12-06", "--json").json() == plain
    assert_bad_input(run(command, "100", "--on", "2009-06-01"), "no known fee schedule")


def test_check_message_refuses_a_file_name_with_a_nul() -> None:
    """A file name no system can open is bad input (exit 2, one line), not an internal error."""
    result = run("check-message", "a\x00b")
    assert_bad_input(result, "cannot read")
