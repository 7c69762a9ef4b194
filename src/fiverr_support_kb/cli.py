"""The ``fiverr-kb`` command line (also ``python -m fiverr_support_kb``).

Each subcommand prints a readable table by default and JSON with ``--json`` (amounts of money
as strings such as ``"2.03"``, so no precision is lost). ``--lang hu|en`` picks the language of
the texts shown (English by default; Hungarian is the source language).

Exit codes: 0 on success, 2 for bad input of any kind (one line on stderr that says what was
wrong), 1 when the output could not be written or on an internal error, 130 on Ctrl-C.
``check`` exits 0 whatever the verdict: the verdict is in its output.

>>> main(["split", "5", "--json"])
{
  "price": "5.00",
  "buyer_fee": "2.00",
  "buyer_total": "7.00",
  "seller_fee": "1.00",
  "seller_net": "4.00",
  "platform_revenue": "3.00"
}
0
"""

from __future__ import annotations

import argparse
import contextlib
import decimal
import enum
import json
import os
import sys
import textwrap
import warnings
from decimal import Decimal
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from fiverr_support_kb.errors import ColumnarFallbackWarning, FiverrSupportKBError
from fiverr_support_kb.models import normalize_language

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from fiverr_support_kb.accounts import UsernameAssessment
    from fiverr_support_kb.faq import SearchHit
    from fiverr_support_kb.fees import OrderSplit
    from fiverr_support_kb.knowledge_base import KnowledgeBase
    from fiverr_support_kb.ledger import OrderSummary
    from fiverr_support_kb.models import Channel, FaqEntry, OfficialAccount
    from fiverr_support_kb.schedules import FeeSchedule

__all__ = ["main"]

_PROG: Final = "fiverr-kb"
_EXIT_OK: Final = 0
_EXIT_FAILURE: Final = 1
_EXIT_BAD_INPUT: Final = 2
_EXIT_INTERRUPTED: Final = 130

#: The language of the texts shown when ``--lang`` is not given.
DEFAULT_LANGUAGE: Final = "en"

#: The decimal rounding modes, by the name of their ``decimal`` constant.
_ROUNDINGS: Final = (
    "ROUND_HALF_UP",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_DOWN",
    "ROUND_UP",
    "ROUND_DOWN",
    "ROUND_CEILING",
    "ROUND_FLOOR",
    "ROUND_05UP",
)
_SPLIT_FIELDS: Final = (
    "price",
    "buyer_fee",
    "buyer_total",
    "seller_fee",
    "seller_net",
    "platform_revenue",
)
_CENT: Final = Decimal("0.01")
_SUMMARY_MONEY: Final = (
    "gross_completed",
    "buyer_fee_total",
    "seller_fee_total",
    "seller_net_total",
    "pending_gross",
)
_ANSWER_WIDTH: Final = 88

# (English, Hungarian) labels of the readable output.
_LABELS: Final = MappingProxyType(
    {
        "price": ("Price", "Ár"),
        "buyer_fee": ("Buyer service fee", "Vásárlói szolgáltatási díj"),
        "buyer_total": ("Buyer pays in total", "A vásárló összesen fizet"),
        "seller_fee": ("Fiverr's cut from the seller", "Fiverr jutaléka az eladótól"),
        "seller_net": ("Seller receives", "Az eladó kapja"),
        "platform_revenue": ("Fiverr's revenue", "Fiverr bevétele"),
        "split_title": ("Order split in USD", "Rendelés felosztása USD-ben"),
        "schedule": ("fee schedule", "díjszabás"),
        "rounding": ("rounding", "kerekítés"),
        "net_title": (
            "Smallest price that leaves the seller at least {target}: {price}",
            "A legkisebb ár, amelyből az eladónak legalább {target} marad: {price}",
        ),
        "budget_title": (
            "Largest price the buyer can order within {target}: {price}",
            "A legnagyobb ár, amelyet a vásárló {target} keretből megrendelhet: {price}",
        ),
        "username": ("Username", "Felhasználónév"),
        "verdict": ("Verdict", "Ítélet"),
        "official": (
            "official: one of the accounts Fiverr staff write from",
            "hivatalos: a Fiverr munkatársai által használt fiókok egyike",
        ),
        "impersonation": (
            "impersonation: NOT an official account; it poses as Fiverr",
            "megszemélyesítés: NEM hivatalos fiók, a Fiverr nevében lép fel",
        ),
        "unrelated": (
            "unrelated: not an official account, and it does not imitate one",
            "nem kapcsolódó: nem hivatalos fiók, és nem is utánoz egyet",
        ),
        "official_account": ("Official account", "Hivatalos fiók"),
        "imitated_account": ("Imitates", "Ezt utánozza"),
        "reasons": ("Reasons", "Indokok"),
        "no_hits": ("No FAQ entry matches.", "Nincs a kérdéshez illő GYIK-bejegyzés."),
        "score": ("score", "pontszám"),
        "id": ("ID", "Azonosító"),
        "question": ("Question", "Kérdés"),
        "channel": ("Channel", "Csatorna"),
        "address": ("Address", "Elérhetőség"),
        "description": ("Description", "Leírás"),
        "related_channels": ("Related channels", "Kapcsolódó csatornák"),
    }
)


# --- errors and output ---------------------------------------------------------------------


class _BadInputError(Exception):
    """Bad input the command line itself detected; the message is shown as it is."""


def _label(key: str, lang: str) -> str:
    english, hungarian = _LABELS[key]
    return hungarian if lang == "hu" else english


def _one_line(message: str) -> str:
    """Join a message's lines, so an error is always exactly one line."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _printable(text: str) -> str:
    """Escape what a terminal would act on or hide (controls, bidi marks, invisible spaces)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _write(stream: IO[str], text: str, *, ascii_text: Callable[[], str] | None = None) -> None:
    """Write *text*, or an ASCII-safe form of it if the stream cannot encode it."""
    encoding = getattr(stream, "encoding", None)
    if encoding:
        try:  # strict: surrogates from undecodable argv bytes must not reach JSON raw
            text.encode(encoding)
        except UnicodeEncodeError:
            text = ascii_text() if ascii_text else text.encode("ascii", "backslashreplace").decode()
        except LookupError:  # an encoding or error handler codecs does not know
            pass
    stream.write(text)


def _print(text: str) -> None:
    _write(sys.stdout, text + "\n")


def _print_json(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    _write(sys.stdout, text + "\n", ascii_text=lambda: json.dumps(value, indent=2) + "\n")


def _money(amount: Decimal) -> str:
    """Format an amount as a plain decimal string ("2.03"), never in exponent notation."""
    return format(amount, "f")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Lay *rows* out in left-aligned columns under *header* (the last column is not padded).

    The cells are escaped (:func:`_printable`): texts of a ``--kb`` file are not to be trusted.
    """
    body = [header, *([_printable(cell) for cell in row] for row in rows)]
    widths = [max(len(row[index]) for row in body) for index in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*map(str.ljust, row[:-1], widths), row[-1]]).rstrip() for row in body
    )


# --- argument types ------------------------------------------------------------------------


def _language(text: str) -> str:
    try:
        return normalize_language(text)
    except FiverrSupportKBError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rounding(text: str) -> str:
    """Accept ROUND_HALF_UP, round_half_up, half-up, HALF_UP, ... (ASCII, any case)."""
    name = text.strip().upper().replace("-", "_").replace(" ", "_")
    if name.isascii() and not name.startswith("ROUND_"):
        name = f"ROUND_{name}"
    if name.isascii() and name in _ROUNDINGS:
        return name  # the decimal module's constants are their own names
    raise argparse.ArgumentTypeError(
        f"unknown rounding mode {text!r}; accepted: {', '.join(_ROUNDINGS)} "
        "(any letter case, with or without ROUND_, '-' for '_')"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, raised instead of exiting."""

    def error(self, message: str) -> NoReturn:
        """Raise the usage error, for :func:`main` to print as one line."""
        raise _BadInputError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


class _VersionAction(argparse.Action):
    """Print the package and data versions (looked up only when asked for)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 - argparse's signature
        values: object,  # noqa: ARG002 - argparse's signature
        option_string: str | None = None,  # noqa: ARG002 - argparse's signature
    ) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - lazy

        from fiverr_support_kb.knowledge_base import default_kb  # noqa: PLC0415 - lazy

        try:
            package = version("fiverr-support-kb")
        except PackageNotFoundError:
            package = "(not installed)"
        _print(f"{_PROG} {package} (data {default_kb().provenance.data_version})")
        parser.exit()


# --- shared helpers ------------------------------------------------------------------------


def _kb(args: argparse.Namespace) -> KnowledgeBase:
    from fiverr_support_kb.knowledge_base import default_kb, load_kb  # noqa: PLC0415 - lazy

    return default_kb() if args.kb is None else load_kb(args.kb)


def _split_object(split: OrderSplit) -> dict[str, str]:
    return {name: _money(getattr(split, name)) for name in _SPLIT_FIELDS}


def _split_table(split: OrderSplit, args: argparse.Namespace) -> str:
    from fiverr_support_kb.schedules import DEFAULT_SCHEDULE  # noqa: PLC0415 - lazy

    lang = args.lang
    amounts = _split_object(split)
    width = max(len(amount) for amount in amounts.values())
    title = (
        f"{_label('split_title', lang)} ({_label('schedule', lang)}: "
        f"{args.schedule or DEFAULT_SCHEDULE}, {_label('rounding', lang)}: {args.rounding})"
    )
    rows = [(_label(name, lang), amount.rjust(width)) for name, amount in amounts.items()]
    return title + "\n" + _table(("", ""), rows).lstrip("\n")


# --- the fee commands ----------------------------------------------------------------------


def _cmd_split(args: argparse.Namespace) -> int:
    from fiverr_support_kb.fees import compute_order_split  # noqa: PLC0415 - lazy

    split = compute_order_split(
        args.price, schedule=_schedule(args.schedule), rounding=args.rounding
    )
    if args.json:
        _print_json(_split_object(split))
    else:
        _print(_split_table(split, args))
    return _EXIT_OK


def _reverse(args: argparse.Namespace, title: str, find: Callable[..., Decimal]) -> int:
    from fiverr_support_kb.fees import compute_order_split  # noqa: PLC0415 - lazy

    schedule = _schedule(args.schedule)
    price = find(args.amount, schedule=schedule, rounding=args.rounding)
    split = compute_order_split(price, schedule=schedule, rounding=args.rounding)
    if args.json:
        _print_json({"price": _money(price), "split": _split_object(split)})
    else:
        target = _printable(args.amount.strip())
        with contextlib.suppress(ArithmeticError, ValueError):
            # The library accepted the amount: a whole number of cents, so this is exact.
            target = _money(decimal.Context(prec=40).create_decimal(target).quantize(_CENT))
        _print(_label(title, args.lang).format(target=target, price=_money(price)))
        _print(_split_table(split, args))
    return _EXIT_OK


def _cmd_price_for_net(args: argparse.Namespace) -> int:
    from fiverr_support_kb.fees import price_for_seller_net  # noqa: PLC0415 - lazy

    return _reverse(args, "net_title", price_for_seller_net)


def _cmd_budget(args: argparse.Namespace) -> int:
    from fiverr_support_kb.fees import max_price_for_budget  # noqa: PLC0415 - lazy

    return _reverse(args, "budget_title", max_price_for_budget)


def _schedule(name: str | None) -> FeeSchedule:
    from fiverr_support_kb.schedules import DEFAULT_SCHEDULE, fee_schedule  # noqa: PLC0415 - lazy

    return fee_schedule(DEFAULT_SCHEDULE if name is None else name)


# --- the knowledge-base commands -----------------------------------------------------------


def _unstructure(value: object) -> Any:
    from fiverr_support_kb._converter import CONVERTER  # noqa: PLC0415 - lazy

    return CONVERTER.unstructure(value)


def _cmd_check(args: argparse.Namespace) -> int:
    from fiverr_support_kb.accounts import assess_username  # noqa: PLC0415 - lazy

    assessment = assess_username(args.username)
    if args.json:
        _print_json(_assessment_object(assessment))
    else:
        _print(_assessment_text(assessment, args.lang))
    return _EXIT_OK


def _code(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def _assessment_object(assessment: UsernameAssessment) -> dict[str, Any]:
    account = assessment.official_account
    return {
        "username": assessment.username,
        "verdict": _code(assessment.verdict),
        "official_account": None if account is None else account.username,
        "reasons": [
            {"code": _code(reason.code), "message": reason.message} for reason in assessment.reasons
        ],
    }


def _assessment_text(assessment: UsernameAssessment, lang: str) -> str:
    verdict = str(_code(assessment.verdict))
    lines = [
        f"{_label('username', lang)}: {_printable(assessment.username)}",
        f"{_label('verdict', lang)}: {_label(verdict, lang)}",
    ]
    account = assessment.official_account
    if account is not None:
        key = "official_account" if verdict == "official" else "imitated_account"
        lines.append(f"{_label(key, lang)}: {account.username} ({account.description.get(lang)})")
    if assessment.reasons:
        lines.append(f"{_label('reasons', lang)}:")
        lines.extend(
            f"  - {_printable(str(_code(reason.code)))}: {_printable(reason.message)}"
            for reason in assessment.reasons
        )
    return "\n".join(lines)


def _cmd_search(args: argparse.Namespace) -> int:
    from fiverr_support_kb.knowledge_base import search  # noqa: PLC0415 - lazy

    hits = search(args.query, lang=args.lang, limit=args.limit, kb=_kb(args))
    if args.json:
        _print_json([_hit_object(hit) for hit in hits])
    elif not hits:
        _print(_label("no_hits", args.lang or DEFAULT_LANGUAGE))
    else:
        _print("\n\n".join(_hit_text(rank, hit) for rank, hit in enumerate(hits, 1)))
    return _EXIT_OK


def _hit_object(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.entry.id,
        "score": hit.score,
        "lang": hit.lang,
        "question": hit.entry.question[hit.lang],
        "answer": hit.entry.answer[hit.lang],
    }


def _hit_text(rank: int, hit: SearchHit) -> str:
    lang = hit.lang
    head = (
        f"{rank}. {_printable(hit.entry.question[lang])} "
        f"[{hit.entry.id}, {_label('score', lang)} {hit.score:.2f}, {lang}]"
    )
    return head + "\n" + _wrap(hit.entry.answer[lang])


def _wrap(text: str, indent: str = "   ") -> str:
    """Fill *text*, escaped (:func:`_printable`), to the width of the readable output."""
    return textwrap.fill(
        _printable(text), width=_ANSWER_WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def _cmd_faq(args: argparse.Namespace) -> int:
    kb = _kb(args)
    lang = args.lang
    if args.id is None:
        if args.json:
            _print_json([_unstructure(entry) for entry in kb.faq])
        else:
            header = (_label("id", lang), _label("question", lang))
            _print(_table(header, [(entry.id, entry.question[lang]) for entry in kb.faq]))
        return _EXIT_OK
    entry = kb.faq_entry(args.id)
    if args.json:
        _print_json(_unstructure(entry))
    else:
        _print(_faq_text(entry, kb, lang))
    return _EXIT_OK


def _faq_text(entry: FaqEntry, kb: KnowledgeBase, lang: str) -> str:
    parts = [_printable(entry.question[lang]), _wrap(entry.answer[lang], indent="")]
    if entry.steps:
        parts.append(
            "\n".join(
                textwrap.fill(
                    _printable(step[lang]),
                    width=_ANSWER_WIDTH,
                    initial_indent=f"{number}. ",
                    subsequent_indent=" " * (len(str(number)) + 2),
                )
                for number, step in enumerate(entry.steps, 1)
            )
        )
    if entry.related_channels:
        channels = [channel for kind in entry.related_channels for channel in kb.channels_of(kind)]
        parts.append(
            f"{_label('related_channels', lang)}:\n"
            + _table(("", ""), [(c.label[lang], c.address) for c in channels]).lstrip("\n")
        )
    return "\n\n".join(parts)


def _cmd_channels(args: argparse.Namespace) -> int:
    kb = _kb(args)
    if args.json:
        _print_json([_unstructure(channel) for channel in kb.channels])
    else:
        _print(_channels_table(kb.channels, args.lang))
    return _EXIT_OK


def _channels_table(channels: Iterable[Channel], lang: str) -> str:
    header = (_label("channel", lang), _label("address", lang))
    return _table(header, [(channel.label[lang], channel.address) for channel in channels])


def _cmd_accounts(args: argparse.Namespace) -> int:
    kb = _kb(args)
    if args.json:
        _print_json([_unstructure(account) for account in kb.official_accounts])
    else:
        _print(_accounts_table(kb.official_accounts, args.lang))
    return _EXIT_OK


def _accounts_table(accounts: Iterable[OfficialAccount], lang: str) -> str:
    header = (_label("username", lang), _label("description", lang))
    return _table(header, [(account.username, account.description[lang]) for account in accounts])


def _cmd_export(args: argparse.Namespace) -> int:
    """Print the knowledge base and the fee schedules, each in the shape of its data file."""
    from fiverr_support_kb._loading import parse_json, read_packaged  # noqa: PLC0415 - lazy
    from fiverr_support_kb.schedules import fee_schedules  # noqa: PLC0415 - lazy

    if args.schema:
        _print_json(
            {
                "knowledge_base": parse_json(*read_packaged("knowledge_base.schema.json")),
                "fee_schedules": parse_json(*read_packaged("fee_schedules.schema.json")),
            }
        )
        return _EXIT_OK
    schedules = fee_schedules()  # loads and validates the packaged file
    _print_json(
        {
            "knowledge_base": _unstructure(_kb(args)),
            "fee_schedules": {
                "data_version": parse_json(*read_packaged("fee_schedules.json"))["data_version"],
                "schedules": [_unstructure(schedule) for schedule in schedules.values()],
            },
        }
    )
    return _EXIT_OK


# --- split-csv -----------------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _one_line(str(exc)) or type(exc).__name__


def _cmd_split_csv(args: argparse.Namespace) -> int:
    from fiverr_support_kb.exports import split_csv  # noqa: PLC0415 - lazy

    stderr = sys.stderr
    # A progress bar on the terminal the rows are printed to would garble them.
    progress = None
    if _is_terminal(stderr) and not (args.output == "-" and _is_terminal(sys.stdout)):
        progress = stderr
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", ColumnarFallbackWarning)
        summary = split_csv(
            args.file,
            args.output,
            price_column=args.price_column,
            status_column=args.status_column,
            schedule=_schedule(args.schedule),
            rounding=args.rounding,
            as_json=args.json,
            progress=progress,
            engine=args.engine,
        )
    for note in notes:  # the columnar engine could not be used: say why, on stderr
        if not issubclass(note.category, ColumnarFallbackWarning):
            warnings.showwarning(note.message, note.category, note.filename, note.lineno)
        elif stderr is not None:
            _write(stderr, f"{note.message}\n")
    if summary is not None and stderr is not None:
        _write(stderr, _summary_text(summary, as_json=args.json) + "\n")
    return _EXIT_OK


def _is_terminal(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):  # no isatty(), or a closed stream
        return False


def _summary_text(summary: OrderSummary, *, as_json: bool) -> str:
    """The ledger of the rows, on one line: counts per status, then the money totals."""
    counts = {status.value: count for status, count in summary.counts.items()}
    money = {name: _money(getattr(summary, name)) for name in _SUMMARY_MONEY}
    if as_json:
        return json.dumps({"order_count": summary.order_count, **counts, **money})
    return (
        f"ledger: {summary.order_count} orders ("
        + ", ".join(f"{status} {count}" for status, count in counts.items())
        + "); "
        + ", ".join(f"{name} {amount}" for name, amount in money.items())
    )


# --- the parser and main -------------------------------------------------------------------


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=_PROG,
        description="Fiverr customer-support knowledge and exact fee arithmetic.",
        epilog="Exit status: 0 success, 2 bad input (one line on stderr), 1 other failures.",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the versions and exit"
    )
    subcommands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    as_json = _Parser(add_help=False)
    as_json.add_argument(
        "--json", action="store_true", help='print JSON (amounts as strings such as "2.03")'
    )
    lang = _Parser(add_help=False)
    lang.add_argument(
        "--lang",
        type=_language,
        default=DEFAULT_LANGUAGE,
        metavar="{hu,en}",
        help="language of the texts shown (default: %(default)s; hu is the source language)",
    )
    kb = _Parser(add_help=False)
    kb.add_argument(
        "--kb",
        metavar="FILE",
        help="a knowledge-base JSON file to use instead of the packaged one",
    )
    money = _Parser(add_help=False)
    money.add_argument("--schedule", metavar="NAME", help="fee schedule (default: the article's)")
    money.add_argument(
        "--rounding",
        type=_rounding,
        default="ROUND_HALF_UP",
        metavar="MODE",
        help="decimal rounding of the fees: ROUND_HALF_UP (default), ROUND_HALF_EVEN, ... "
        "(any case; half-up style too)",
    )

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_: str, *parents: _Parser
    ) -> _Parser:
        sub = subcommands.add_parser(
            name, help=help_, description=help_, parents=list(parents), allow_abbrev=False
        )
        sub.set_defaults(handler=handler)
        return sub

    sub = add("split", _cmd_split, "the order split of PRICE", as_json, lang, money)
    sub.add_argument("price", metavar="PRICE", help="the gig's price in USD, such as 50 or 19.99")
    sub = add(
        "price-for-net",
        _cmd_price_for_net,
        "the smallest price that leaves the seller at least NET",
        as_json,
        lang,
        money,
    )
    sub.add_argument("amount", metavar="NET", help="the seller's target income in USD")
    sub = add(
        "budget",
        _cmd_budget,
        "the largest price a buyer can order within AMOUNT, fees included",
        as_json,
        lang,
        money,
    )
    sub.add_argument("amount", metavar="AMOUNT", help="the buyer's budget in USD")
    sub = add(
        "check",
        _cmd_check,
        "whether USERNAME is an official Fiverr account or imitates one (exits 0 either way)",
        as_json,
        lang,
    )
    sub.add_argument("username", metavar="USERNAME")
    sub = add("search", _cmd_search, "the FAQ entries that answer QUERY", as_json, kb)
    sub.add_argument("query", metavar="QUERY")
    sub.add_argument(
        "--limit", type=_positive_int, default=3, metavar="N", help="at most N hits (default 3)"
    )
    sub.add_argument(
        "--lang",
        type=_language,
        default=None,
        metavar="{hu,en}",
        help="search (and show) only this language (default: both)",
    )
    sub = add("faq", _cmd_faq, "the FAQ, or the entry ID with its steps", as_json, lang, kb)
    sub.add_argument("id", metavar="ID", nargs="?", help="an entry id, such as change-password")
    add("channels", _cmd_channels, "the customer-support channels", as_json, lang, kb)
    add(
        "accounts",
        _cmd_accounts,
        "the official accounts Fiverr staff write from",
        as_json,
        lang,
        kb,
    )
    sub = add(
        "split-csv",
        _cmd_split_csv,
        "append the order split to every row of a CSV order export",
        as_json,
        money,
    )
    sub.add_argument("file", metavar="FILE", help="UTF-8 CSV file with a header row; - for stdin")
    sub.add_argument(
        "-o", "--output", default="-", metavar="OUT", help="where to write; - for stdout (default)"
    )
    sub.add_argument("--price-column", default="price", metavar="NAME", help="default: %(default)s")
    sub.add_argument(
        "--status-column",
        default=None,
        metavar="NAME",
        help="order status column (default: status, if the file has one)",
    )
    sub.add_argument(
        "--engine",
        choices=["auto", "python", "columnar"],
        default="auto",
        help="auto (default): the columnar engine (pyarrow, the [columnar] extra) for a large "
        "file when installed; the same output either way",
    )
    sub = add("export", _cmd_export, "the knowledge base and fee schedules as JSON", as_json, kb)
    sub.add_argument("--format", choices=["json"], default="json", help="default: json")
    sub.add_argument(
        "--schema", action="store_true", help="print the JSON Schemas of the data instead"
    )
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so exiting does not report it again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _error(message: str) -> None:
    if sys.stderr is not None:
        _write(sys.stderr, _one_line(message) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``fiverr-kb`` command line with *argv* (default ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success, 2 for bad input (after printing one line on stderr),
        1 when the output could not be written or on an internal error, 130 on Ctrl-C.
    """
    prog = _PROG
    try:
        args = _build_parser().parse_args(argv)
        prog = f"{_PROG} {args.command}"
        code: int = args.handler(args)
        sys.stdout.flush()
    except _BadInputError as exc:
        _error(str(exc))
        code = _EXIT_BAD_INPUT
    except FiverrSupportKBError as exc:
        _error(f"{prog}: error: {exc}")
        code = _EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version
        code = exc.code if isinstance(exc.code, int) else _EXIT_OK
    except BrokenPipeError:  # the reader went away (| head): not worth a message
        _silence_stdout()
        code = _EXIT_FAILURE
    except KeyboardInterrupt:
        code = _EXIT_INTERRUPTED
    except OSError as exc:
        _error(f"{prog}: error: {_reason(exc)}")
        code = _EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - a bug must not print a traceback at users
        _error(f"{prog}: internal error ({type(exc).__name__}: {exc}); please report it")
        code = _EXIT_FAILURE
    return code
