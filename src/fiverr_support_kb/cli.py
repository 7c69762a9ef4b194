"""The ``fiverr-kb`` command line (also ``python -m fiverr_support_kb``).

Each subcommand prints a readable table by default and JSON with ``--json`` (amounts of money
as strings such as ``"2.03"``, so no precision is lost). ``--lang hu|en`` picks the language of
the texts shown (English by default; Hungarian is the source language).

Exit codes: 0 on success, 2 for bad input of any kind (one line on stderr that says what was
wrong), 1 when the output could not be written or on an internal error, 130 on Ctrl-C.
``check`` and ``check-message`` exit 0 whatever the verdict: the verdict is in their output.

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
import re
import sys
import textwrap
import warnings
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from fiverr_support_kb.errors import ColumnarFallbackWarning, FiverrSupportKBError
from fiverr_support_kb.models import normalize_language

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from fiverr_support_kb.accounts import UsernameAssessment
    from fiverr_support_kb.faq import Answer, SearchHit
    from fiverr_support_kb.fees import OrderSplit
    from fiverr_support_kb.knowledge_base import KnowledgeBase
    from fiverr_support_kb.ledger import OrderSummary
    from fiverr_support_kb.models import Channel, FaqEntry, OfficialAccount
    from fiverr_support_kb.schedules import FeeHistory, FeeSchedule
    from fiverr_support_kb.trust import ContactAssessment, MessageAssessment, TrustReason

__all__ = ["is_contact", "main"]

_PROG: Final = "fiverr-kb"
_EXIT_OK: Final = 0
_EXIT_FAILURE: Final = 1
_EXIT_BAD_INPUT: Final = 2
_EXIT_INTERRUPTED: Final = 130
#: What `export --what` prints: one data file's shape, or both under two keys.
_KB_SHAPE: Final = "knowledge-base"
_FEES_SHAPE: Final = "fee-schedules"
_ALL_SHAPES: Final = "all"

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
_HISTORY_HELP: Final = "a dated fee history JSON file to use instead of the packaged one"

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
        "value": ("Value", "Érték"),
        "kind": ("Kind", "Fajta"),
        "contact_official": (
            "official: Fiverr's own domain or one of its official channels",
            "hivatalos: a Fiverr saját domainje vagy egyik hivatalos elérhetősége",
        ),
        "contact_lookalike": (
            "lookalike: NOT Fiverr's; it imitates Fiverr",
            "utánzat: NEM a Fiverré, a Fiverrt utánozza",
        ),
        "contact_unrelated": (
            "unrelated: not Fiverr's, and it does not imitate Fiverr",
            "nem kapcsolódó: nem a Fiverré, és nem is utánozza",
        ),
        "imitates": ("Imitates", "Ezt utánozza"),
        "is": ("Is", "Ez"),
        "scam": (
            "scam: shows clear signs of a fake Fiverr message",
            "csalás: egyértelműen hamis Fiverr-üzenet jeleit mutatja",
        ),
        "suspicious": (
            "suspicious: shows one sign of a fake message",
            "gyanús: egy hamis üzenetre utaló jelet mutat",
        ),
        "no_signals": (
            "no signals: no sign of a fake message was found",
            "nincs jel: nem találtunk hamis üzenetre utaló jelet",
        ),
        "sender": ("Sender", "Feladó"),
        "contacts": ("Contacts", "Elérhetőségek"),
        "source": ("source", "forrás"),
        "imitated_account": ("Imitates", "Ezt utánozza"),
        "reasons": ("Reasons", "Indokok"),
        "no_hits": ("No FAQ entry matches.", "Nincs a kérdéshez illő GYIK-bejegyzés."),
        "handoff": (
            "The FAQ does not answer this: Fiverr's support team can help.",
            "Erre a GYIK nem ad választ: a Fiverr ügyfélszolgálata tud segíteni.",
        ),
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


def _plural(count: int, noun: str) -> str:
    """``1 order``, ``2 orders``: a count with its noun in the right number (English)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# Library messages are written for Python callers; these rewrite the Python-only words in them
# for people at a terminal. Each pattern is optional: a message without it is shown as it is.
_JSON_TYPES: Final = MappingProxyType(
    {
        "dict": "an object",
        "list": "a list",
        "tuple": "a list",
        "str": "a string",
        "int": "a number",
        "float": "a number",
        "Decimal": "a number",
        "bool": "true or false",
        "NoneType": "null",
    }
)
_PLAIN_WORDS: Final = (
    # "as a str, int or Decimal such as '19.99'" -> "a number such as 19.99"
    (
        re.compile(
            r",?\s*as an? (?:str|int|Decimal)(?:(?:,|\s+or)\s+(?:an? )?(?:str|int|Decimal))*"
            r"(?:\s+such as '([^']*)')?"
        ),
        lambda match: ", a number" + (f" such as {match[1]}" if match[1] else ""),
    ),
    # "[Errno 2] No such file or directory" -> "No such file or directory"
    (re.compile(r"\[Errno -?\d+\]\s*"), lambda _match: ""),
    # "unknown error ('int' object has no attribute 'keys')" -> "expected an object, got a number"
    (
        re.compile(r"unknown error \('(\w+)' object has no attribute '\w+'\)"),
        lambda match: f"expected an object, got {_JSON_TYPES.get(match[1], match[1])}",
    ),
    # "got int", "got NoneType" -> "got a number", "got null"
    (
        re.compile(r"\bgot (" + "|".join(_JSON_TYPES) + r")\b"),
        lambda match: f"got {_JSON_TYPES[match[1]]}",
    ),
    # "is not a valid ChannelKind" -> "is not a valid channel kind"
    (
        re.compile(r"\bvalid ([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b"),
        lambda match: "valid " + re.sub(r"(?<!^)(?=[A-Z])", " ", match[1]).lower(),
    ),
)


def _for_people(message: str) -> str:
    """Say a library message without Python words ("a str, int or Decimal" is "a number")."""
    for pattern, replacement in _PLAIN_WORDS:
        message = pattern.sub(replacement, message)
    return message


def _terminal_width() -> int | None:
    """The width of the terminal stdout writes to, or ``None`` when it is not a terminal."""
    if not _is_terminal(sys.stdout):
        return None
    import shutil  # noqa: PLC0415 - lazy: only on a terminal

    return max(shutil.get_terminal_size().columns, 20)


def _prose_width() -> int:
    """The width to fill texts to: the terminal's, at most a comfortable reading width."""
    return min(_terminal_width() or _ANSWER_WIDTH, _ANSWER_WIDTH)


def _fit(line: str, indent: str = "  ") -> str:
    """Wrap *line* to the terminal, continuing under *indent*; elsewhere keep it one line."""
    terminal = _terminal_width()
    if terminal is None or len(line) < terminal:
        return line
    return textwrap.fill(line, width=terminal - 1, subsequent_indent=indent, break_on_hyphens=False)


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
    On a terminal, a last cell too long for it is wrapped under its column; elsewhere each row
    stays one line, for ``grep`` and ``cut``.
    """
    body = [header, *([_printable(cell) for cell in row] for row in rows)]
    widths = [max(len(row[index]) for row in body) for index in range(len(header) - 1)]
    terminal = _terminal_width()
    lines = []
    for row in body:
        line = "  ".join([*map(str.ljust, row[:-1], widths), row[-1]]).rstrip()
        indent = sum(widths) + 2 * len(widths)
        if terminal is not None and len(line) > terminal and terminal - indent >= 20:
            line = textwrap.fill(
                line,
                width=terminal - 1,
                subsequent_indent=" " * indent,
                break_on_hyphens=False,
            )
        lines.append(line)
    return "\n".join(lines)


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
        from fiverr_support_kb import __version__  # noqa: PLC0415 - lazy
        from fiverr_support_kb.knowledge_base import default_kb  # noqa: PLC0415 - lazy

        _print(f"{_PROG} {__version__} (data {default_kb().provenance.data_version})")
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

    chosen = _dated_or_named(args, "split")
    if args.extra or args.tip:
        return _split_payments(args, chosen)
    split = compute_order_split(args.price, schedule=chosen, rounding=args.rounding)
    if args.json:
        _print_json(_split_object(split))
    else:
        _print(_split_table(split, args))
    return _EXIT_OK


def _dated_or_named(args: argparse.Namespace, command: str) -> FeeSchedule:
    """The schedule in force ``--on`` a day, or the one ``--schedule`` names."""
    if args.on is None:
        return _schedule(args.schedule, _history(args))
    from fiverr_support_kb.schedules import fee_schedule_on  # noqa: PLC0415 - lazy

    if args.schedule is not None:
        raise _BadInputError(f"{_PROG} {command}: error: give --schedule or --on, not both")
    chosen = fee_schedule_on(args.on, history=_history(args))
    args.schedule = chosen.name  # shown in the table's title
    return chosen


def _split_payments(args: argparse.Namespace, chosen: FeeSchedule) -> int:
    """``split PRICE --extra X --tip Y``: the split of each payment and of the whole order."""
    from fiverr_support_kb.fees import Payment, split_payments  # noqa: PLC0415 - lazy

    payments = [
        Payment(kind="order", amount=args.price),
        *(Payment(kind="extra", amount=amount) for amount in args.extra or ()),
        *(Payment(kind="tip", amount=amount) for amount in args.tip or ()),
    ]
    result = split_payments(payments, schedule=chosen, rounding=args.rounding)
    kinds = [payment.kind.value for payment in payments] if result.per_payment else ["all"]
    if args.json:
        _print_json(
            {
                "schedule": result.schedule,
                "per_payment": result.per_payment,
                "parts": [
                    {"payment": kind, **_split_object(part)}
                    for kind, part in zip(kinds, result.parts, strict=True)
                ],
                "total": _split_object(result.total),
            }
        )
        return _EXIT_OK
    header = ("", *(_label(name, args.lang) for name in _SPLIT_FIELDS))
    rows = [
        (kind, *_split_object(part).values())
        for kind, part in zip(kinds, result.parts, strict=True)
    ]
    rows.append(("total", *_split_object(result.total).values()))
    title = (
        f"{_label('split_title', args.lang)} ({_label('schedule', args.lang)}: "
        f"{result.schedule}, {_label('rounding', args.lang)}: {args.rounding})"
    )
    _print(title + "\n" + _table(header, rows))
    return _EXIT_OK


def _reverse(args: argparse.Namespace, title: str, find: Callable[..., Decimal]) -> int:
    from fiverr_support_kb.fees import compute_order_split  # noqa: PLC0415 - lazy

    schedule = _dated_or_named(args, "price-for-net" if title == "net_title" else "budget")
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


def _history(args: argparse.Namespace) -> FeeHistory | None:
    """The dated history of ``--history FILE``, or ``None`` for the packaged one."""
    if args.history is None:
        return None
    from fiverr_support_kb.schedules import load_fee_history  # noqa: PLC0415 - lazy

    return load_fee_history(args.history)


def _schedule(name: str | None, history: FeeHistory | None = None) -> FeeSchedule:
    """The packaged schedule *name*, else the dated history's schedule of that name."""
    from fiverr_support_kb.errors import UnknownFeeScheduleError  # noqa: PLC0415 - lazy
    from fiverr_support_kb.schedules import (  # noqa: PLC0415 - lazy
        DEFAULT_SCHEDULE,
        fee_history,
        fee_schedule,
        fee_schedules,
    )

    try:
        return fee_schedule(DEFAULT_SCHEDULE if name is None else name)
    except UnknownFeeScheduleError:
        history = history or fee_history()
        try:
            return history.schedule(name or DEFAULT_SCHEDULE)
        except UnknownFeeScheduleError:
            dated = tuple(period.schedule.name for period in history.periods)
            known = (*fee_schedules(), *(n for n in dated if n not in fee_schedules()))
            raise UnknownFeeScheduleError(name, known) from None


# --- the knowledge-base commands -----------------------------------------------------------


def _unstructure(value: object) -> Any:
    from fiverr_support_kb.models import to_json  # noqa: PLC0415 - lazy

    return to_json(value)


def _cmd_check(args: argparse.Namespace) -> int:
    if is_contact(args.username):
        from fiverr_support_kb.trust import assess_contact  # noqa: PLC0415 - lazy

        contact = assess_contact(args.username)
        if args.json:
            _print_json(_contact_object(contact))
        else:
            _print(_contact_text(contact, args.lang))
        return _EXIT_OK
    from fiverr_support_kb.accounts import assess_username  # noqa: PLC0415 - lazy

    assessment = assess_username(args.username)
    if args.json:
        _print_json(_assessment_object(assessment))
    else:
        _print(_assessment_text(assessment, args.lang))
    return _EXIT_OK


_EMAIL_SHAPE: Final = re.compile(
    r"(?:[^<>]{0,200}<)?[^\s@<>]{1,64}@[^\s@<>]{1,253}\.[^\W\d_]{2,63}>?"
)
_PHONE_SHAPE: Final = re.compile(r"[+(]{0,2}[0-9][0-9 ()./\-]{4,30}")
_DOMAIN_SHAPE: Final = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,63}\.?")


#: The quotes and brackets a pasted contact may come in, as their two characters.
_ENCLOSED: Final = frozenset(
    {'""', "''", "()", "[]", "<>", "\u201c\u201d", "\u2018\u2019", "\u00ab\u00bb"}
)


def is_contact(value: str) -> bool:
    """Tell whether ``check`` reads *value* as a contact rather than as a username.

    A contact has a URL scheme, ``//``, ``www.``, ``mailto:`` or ``tel:`` in front; or is an
    e-mail address (also ``Name <addr>``); or a phone number (seven digits or more, with only
    ``+ ( ) . / -`` and spaces between them); or a domain whose ending the Public Suffix List
    knows, each possibly in quotes or brackets. Anything else is a username.
    """
    text = value.strip(" \t\n\r\x0b\x0c")
    while len(text) > 2 and text[0] + text[-1] in _ENCLOSED:
        text = text[1:-1].strip(" \t\n\r\x0b\x0c")
    head = text[:8].lower()
    if head.startswith(("tel:", "mailto:", "//", "www.")) or "://" in text[:40]:
        return True
    if _EMAIL_SHAPE.fullmatch(text):
        return True
    if _PHONE_SHAPE.fullmatch(text) and sum(char.isdigit() for char in text) >= 7:
        return True
    if _DOMAIN_SHAPE.fullmatch(text):
        from fiverr_support_kb.trust import has_public_suffix  # noqa: PLC0415 - lazy

        return has_public_suffix(text)
    return False


def _reason_object(reason: TrustReason) -> dict[str, Any]:
    source = reason.source
    return {
        "code": reason.code,
        "text": {"hu": reason.text.hu, "en": reason.text.en},
        "source": {"id": source.id, "url": source.url, "title": source.title, "read": source.read},
    }


def _contact_object(contact: ContactAssessment) -> dict[str, Any]:
    channel = contact.channel
    return {
        "value": contact.value,
        "kind": _code(contact.kind),
        "verdict": _code(contact.verdict),
        "channel": None
        if channel is None
        else {"kind": _code(channel.kind), "address": channel.address},
        "imitates": contact.imitates,
        "reasons": [_reason_object(reason) for reason in contact.reasons],
    }


def _reason_lines(reasons: Iterable[TrustReason], lang: str) -> list[str]:
    lines: list[str] = []
    for reason in reasons:
        lines.append(f"  - {_printable(reason.code)}: {_printable(reason.text.get(lang))}")
        source = reason.source
        where = source.url or source.title
        lines.append(f"    ({_label('source', lang)}: {_printable(where)}, {source.read})")
    return lines


def _contact_text(contact: ContactAssessment, lang: str) -> str:
    verdict = str(_code(contact.verdict))
    lines = [
        f"{_label('value', lang)}: {_printable(contact.value)}",
        f"{_label('kind', lang)}: {_code(contact.kind)}",
        f"{_label('verdict', lang)}: {_label('contact_' + verdict, lang)}",
    ]
    if contact.channel is not None:
        label = contact.channel.label.get(lang)
        lines.append(f"{_label('channel', lang)}: {label} ({contact.channel.address})")
    if contact.imitates is not None:
        key = "is" if verdict == "official" else "imitates"
        lines.append(f"{_label(key, lang)}: {_printable(contact.imitates)}")
    if contact.reasons:
        lines.append(f"{_label('reasons', lang)}:")
        lines.extend(_reason_lines(contact.reasons, lang))
    return "\n".join(lines)


def _read_message(name: str) -> str:
    """Read the message in the file *name* (``-`` for standard input) as UTF-8 text."""
    from fiverr_support_kb.knowledge_base import MAX_FILE_BYTES  # noqa: PLC0415 - lazy

    if name == "-":
        shown = "standard input"
        stream = sys.stdin
        if stream is None:
            return ""
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text stream with no bytes under it (tests, embedding apps)
            text: str = stream.read(MAX_FILE_BYTES + 1)
            if len(text) > MAX_FILE_BYTES:
                raise _BadInputError(
                    f"{_PROG} check-message: error: {shown} is larger than {MAX_FILE_BYTES} bytes"
                )
            return text
        raw: bytes = buffer.read(MAX_FILE_BYTES + 1)
    else:
        shown = name
        try:
            with open(name, "rb") as handle:  # noqa: PTH123 - one plain read
                raw = handle.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            raise _BadInputError(
                f"{_PROG} check-message: error: cannot read {name!r}: {_reason(exc)}"
            ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _BadInputError(
            f"{_PROG} check-message: error: {shown} is larger than {MAX_FILE_BYTES} bytes"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"{exc.reason} at byte {exc.start}"
        raise _BadInputError(
            f"{_PROG} check-message: error: {shown} is not UTF-8 text ({where})"
        ) from None


def _cmd_check_message(args: argparse.Namespace) -> int:
    from fiverr_support_kb.trust import assess_message  # noqa: PLC0415 - lazy

    text = _read_message(args.file)
    result = assess_message(text, sender=args.sender)
    if args.json:
        _print_json(_message_object(result))
    else:
        _print(_message_text(result, args.lang))
    return _EXIT_OK


def _message_object(result: MessageAssessment) -> dict[str, Any]:
    return {
        "verdict": _code(result.verdict),
        "lang": result.lang,
        "sender": None if result.sender is None else _assessment_object(result.sender),
        "reasons": [_reason_object(reason) for reason in result.reasons],
        "contacts": [
            {"text": found.text, "start": found.start, **_contact_object(found.assessment)}
            for found in result.contacts
        ],
    }


def _message_text(result: MessageAssessment, lang: str) -> str:
    lines = [f"{_label('verdict', lang)}: {_label(str(_code(result.verdict)), lang)}"]
    if result.sender is not None:
        sender = result.sender
        lines.append(
            f"{_label('sender', lang)}: {_printable(sender.username)}"
            f" ({_label(str(_code(sender.verdict)), lang)})"
        )
    if result.reasons:
        lines.append(f"{_label('reasons', lang)}:")
        lines.extend(_reason_lines(result.reasons, lang))
    if result.contacts:
        lines.append(f"{_label('contacts', lang)}:")
        lines.extend(
            f"  - {_printable(found.text)}: {_code(found.assessment.verdict)}"
            for found in result.contacts
        )
    return "\n".join(lines)


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
            f"  - {_printable(str(_code(reason.code)))}: {_printable(reason.text(lang))}"
            for reason in assessment.reasons
        )
    return "\n".join(_fit(line, "    " if line.startswith("  - ") else "  ") for line in lines)


def _cmd_search(args: argparse.Namespace) -> int:
    from fiverr_support_kb.faq import Outcome  # noqa: PLC0415 - lazy
    from fiverr_support_kb.knowledge_base import answer, search  # noqa: PLC0415 - lazy

    kb = _kb(args)
    hits = search(args.query, lang=args.lang, limit=args.limit, kb=kb)
    if args.json:
        _print_json([_hit_object(hit) for hit in hits])
    elif not hits:
        reply = answer(args.query, lang=args.lang, kb=kb)
        if reply.outcome is Outcome.HANDOFF:
            _print(_handoff_text(reply))
        else:
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
        "passage": hit.passage,
    }


def _hit_text(rank: int, hit: SearchHit) -> str:
    lang = hit.lang
    head = (
        f"{rank}. {_printable(hit.entry.question[lang])} "
        f"[{hit.entry.id}, {_label('score', lang)} {hit.score:.2f}, {lang}]"
    )
    # The passage that answers the query: a sentence or two, or the numbered steps.
    return _fit(head, "   ") + "\n" + "\n".join(_wrap(line) for line in hit.passage.splitlines())


def _handoff_text(reply: Answer) -> str:
    """Say that a person should answer, and list the support channels to reach one."""
    lines = [_label("handoff", reply.lang)]
    lines += [
        f"   {_printable(channel.label[reply.lang])}: {_printable(channel.address)}"
        for channel in reply.channels
    ]
    return "\n".join(lines)


def _wrap(text: str, indent: str = "   ") -> str:
    """Fill *text*, escaped (:func:`_printable`), to the width of the readable output."""
    return textwrap.fill(
        _printable(text), width=_prose_width(), initial_indent=indent, subsequent_indent=indent
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
    entry = kb.faq_entry(_faq_id(kb, args.id))
    if args.json:
        _print_json(_unstructure(entry))
    else:
        _print(_faq_text(entry, kb, lang))
    return _EXIT_OK


def _faq_id(kb: KnowledgeBase, text: str) -> str:
    """The id of the entry *text* names, in any letter case (``Change-Password``)."""
    if text in kb.faq_ids:
        return text
    wanted = text.strip().lower()
    for entry_id in kb.faq_ids:
        if entry_id.lower() == wanted:
            return entry_id
    return text  # unknown: the library's error lists the ids


def _faq_text(entry: FaqEntry, kb: KnowledgeBase, lang: str) -> str:
    parts = [_fit(_printable(entry.question[lang])), _wrap(entry.answer[lang], indent="")]
    if entry.steps:
        parts.append(
            "\n".join(
                textwrap.fill(
                    _printable(step[lang]),
                    width=_prose_width(),
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
    """Print the knowledge base (or the fee schedules, or both) in the shape of its data file.

    The default output is a knowledge-base file that ``load_kb`` and ``--kb`` read back.
    """
    from fiverr_support_kb import knowledge_base, schedules  # noqa: PLC0415 - lazy

    shapes: dict[str, Callable[[], object]]
    if args.schema:
        shapes = {_KB_SHAPE: knowledge_base.schema, _FEES_SHAPE: schedules.schema}
    else:
        shapes = {
            _KB_SHAPE: lambda: knowledge_base.to_json(_kb(args)),
            _FEES_SHAPE: schedules.to_json,
        }
    if args.what == _ALL_SHAPES:
        _print_json({"knowledge_base": shapes[_KB_SHAPE](), "fee_schedules": shapes[_FEES_SHAPE]()})
    else:
        _print_json(shapes[args.what]())
    return _EXIT_OK


# --- split-csv -----------------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _one_line(str(exc)) or type(exc).__name__


def _cmd_split_csv(args: argparse.Namespace) -> int:
    from fiverr_support_kb.exports import split_csv  # noqa: PLC0415 - lazy
    from fiverr_support_kb.ledger import BY_DATE  # noqa: PLC0415 - lazy

    stderr = sys.stderr
    # A progress bar on the terminal the rows are printed to would garble them.
    progress = None
    if _is_terminal(stderr) and not (args.output == "-" and _is_terminal(sys.stdout)):
        progress = stderr
    rejects = _rejects(args)
    schedule = BY_DATE if args.schedule == BY_DATE else _schedule(args.schedule, _history(args))
    with _signals_raise(), warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", ColumnarFallbackWarning)
        summary = split_csv(
            args.file,
            args.output,
            price_column=args.price_column,
            status_column=args.status_column,
            schedule=schedule,
            rounding=args.rounding,
            as_json=args.json,
            progress=progress,
            delimiter=args.delimiter,
            date_column=args.date_column,
            date_format=args.date_format,
            number_format=args.number_format,
            rejects=rejects,
            completed_column=args.completed_column,
            as_of=args.as_of,
            top_rated=args.top_rated,
            history=_history(args),
            engine=args.engine,
        )
    for note in notes:  # the columnar engine could not be used: say why, on stderr
        if not issubclass(note.category, ColumnarFallbackWarning):
            warnings.showwarning(note.message, note.category, note.filename, note.lineno)
        elif stderr is not None:
            _write(stderr, f"{note.message}\n")
    if summary is not None and stderr is not None:
        _write(stderr, _summary_text(summary, as_json=args.json) + "\n")
    if rejects is not None and stderr is not None:
        count = _count_records(rejects)
        if count:
            rows = "1 bad row" if count == 1 else f"{count} bad rows"
            _write(stderr, f"split-csv: {rows} written to {rejects}\n")
    return _EXIT_OK


def _rejects(args: argparse.Namespace) -> str | None:
    """The rejects file of ``split-csv``: ``--rejects``, else beside the output if skipping."""
    rejects: str | None = args.rejects
    if args.skip_bad_rows and rejects is None:
        if args.output == "-":
            raise _BadInputError(
                f"{_PROG} split-csv: error: --skip-bad-rows needs --rejects FILE when the "
                "output is stdout"
            )
        rejects = f"{args.output}.rejects.csv"
    if rejects is not None and not args.skip_bad_rows:
        raise _BadInputError(f"{_PROG} split-csv: error: --rejects needs --skip-bad-rows")
    return rejects


def _count_records(path: str) -> int:
    """The number of records after the header of a CSV file split-csv wrote (0 for a stream).

    A stream (``-``, ``/dev/stderr``, a terminal, a pipe) is not read back: reading a
    terminal would wait for typing, and the file behind a descriptor holds more than the
    rejects.
    """
    import csv  # noqa: PLC0415 - only for split-csv
    import stat  # noqa: PLC0415 - only for split-csv

    with contextlib.suppress(OSError, ValueError):
        if path.startswith(("/dev/", "/proc/")) or not stat.S_ISREG(os.stat(path).st_mode):  # noqa: PTH116 - a str path
            return 0
    with (
        contextlib.suppress(OSError, csv.Error),
        open(path, encoding="utf-8", newline="") as handle,  # noqa: PTH123 - a str path
    ):
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    return 0


class _SignalledError(BaseException):
    """A termination signal arrived: unwind (removing partial output), then exit 128 + it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signal(signum: int, _: object) -> None:
    raise _SignalledError(signum)


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception, so cleanup runs, for the block's duration."""
    import signal  # noqa: PLC0415 - only for split-csv

    saved = []
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            saved.append((number, signal.signal(number, _raise_signal)))
        except (ValueError, OSError):  # not the main thread, or not allowed
            continue
    try:
        yield
    finally:
        for number, handler in saved:
            signal.signal(number, handler)


def _day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _delimiter_arg(text: str) -> str:
    named = {
        ",": ",",
        "comma": ",",
        ";": ";",
        "semicolon": ";",
        "tab": "\t",
        "\t": "\t",
        "\\t": "\t",  # a backslash and a t, as users type it: '\t'
    }
    found = named.get(text.lower())
    if found is None:
        raise argparse.ArgumentTypeError(
            f"expected ',', ';' or tab (also: comma, semicolon, \\t), got {text!r}"
        )
    return found


def _is_terminal(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):  # no isatty(), or a closed stream
        return False


def _summary_text(summary: OrderSummary, *, as_json: bool) -> str:
    """The ledger of the rows, on one line: counts per status, then the money totals."""
    counts = {status.value: count for status, count in summary.counts.items()}
    money = {name: _money(getattr(summary, name)) for name in _SUMMARY_MONEY}
    if summary.as_of is not None:
        money["cleared_net"] = _money(summary.cleared_net)
        money["pending_clearance_net"] = _money(summary.pending_clearance_net)
    if as_json:
        return json.dumps({"order_count": summary.order_count, **counts, **money})
    return (
        f"ledger: {_plural(summary.order_count, 'order')} ("
        + ", ".join(f"{status} {count}" for status, count in counts.items())
        + "); "
        + ", ".join(f"{name} {amount}" for name, amount in money.items())
    )


# --- the parser and main -------------------------------------------------------------------


#: The options every command may take before its name as well as after it, with their defaults.
_GLOBAL_DEFAULTS: Final = MappingProxyType(
    {
        "json": False,
        "lang": DEFAULT_LANGUAGE,
        "kb": None,
        "schedule": None,
        "rounding": "ROUND_HALF_UP",
    }
)
#: Where the help of ``--schedule`` lists the packaged schedules (read only when help is shown).
_SCHEDULES_HERE: Final = "<SCHEDULES>"


class _HelpFormatter(argparse.HelpFormatter):
    """Argparse's help, with the packaged fee schedules read only when the help is shown."""

    def _expand_help(self, action: argparse.Action) -> str:
        text = super()._expand_help(action)
        if _SCHEDULES_HERE in text:
            from fiverr_support_kb.schedules import (  # noqa: PLC0415 - lazy: only for --help
                DEFAULT_SCHEDULE,
                fee_schedules,
            )

            names = [
                f"{name} (default)" if name == DEFAULT_SCHEDULE else name
                for name in fee_schedules()
            ]
            text = text.replace(_SCHEDULES_HERE, ", ".join(names))
        return text


def _add_options(
    parser: argparse.ArgumentParser, names: Iterable[str], *, json_help: str, lang_help: str = ""
) -> None:
    """Add the global options *names* to *parser*, leaving each out of the result unless given.

    The same options exist before and after the command's name: with ``argparse.SUPPRESS`` as
    their default, a command's parser never overwrites a value given before its name.
    """
    suppress = argparse.SUPPRESS
    for name in names:
        if name == "json":
            parser.add_argument("--json", action="store_true", default=suppress, help=json_help)
        elif name == "lang":
            parser.add_argument(
                "--lang",
                type=_language,
                default=suppress,
                metavar="{hu,en}",
                help=lang_help
                or f"language of the texts shown (default: {DEFAULT_LANGUAGE}; "
                "hu is the source language)",
            )
        elif name == "kb":
            parser.add_argument(
                "--kb",
                default=suppress,
                metavar="FILE",
                help="a knowledge-base JSON file to use instead of the packaged one "
                "(such as one 'fiverr-kb export' wrote)",
            )
        elif name == "schedule":
            parser.add_argument(
                "--schedule",
                default=suppress,
                metavar="NAME",
                help=f"the fee schedule: {_SCHEDULES_HERE}; split-csv also takes by-date "
                "(each row by the schedule in force on its date)",
            )
        else:
            parser.add_argument(
                "--rounding",
                type=_rounding,
                default=suppress,
                metavar="MODE",
                help="how each fee is rounded to cents: ROUND_HALF_UP (default), "
                "ROUND_HALF_EVEN, ROUND_DOWN, ... (any letter case; half-even works too)",
            )


_MONEY_JSON: Final = (
    "print JSON instead: the price found and its split, "
    '{"price": ..., "split": {...}} (amounts as strings such as "2.03")'
)


def _add_split_csv_options(sub: _Parser) -> None:
    """The arguments of ``split-csv`` after its file, output and price and status columns."""
    sub.add_argument(
        "--date-column",
        default=None,
        metavar="NAME",
        help="order date column for --schedule by-date (default: date or order date)",
    )
    sub.add_argument(
        "--date-format",
        default=None,
        metavar="FORMAT",
        help="strptime format of the dates, such as %%d/%%m/%%Y (default: year-first dates "
        "such as 2024-03-05, or English month names such as Mar 5, 2024)",
    )
    sub.add_argument(
        "--delimiter",
        type=_delimiter_arg,
        default=None,
        metavar="SEP",
        help="field separator: , ; or tab (default: sniffed from the header)",
    )
    sub.add_argument(
        "--number-format",
        choices=["plain", "dot", "comma"],
        default="plain",
        help="amounts: plain 1250.00 (default); dot $1,250.00; comma 1.250,00 or 12,50",
    )
    sub.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="write bad rows to the rejects file with the reason, instead of stopping",
    )
    sub.add_argument(
        "--rejects",
        default=None,
        metavar="FILE",
        help="the rejects file (default: OUT.rejects.csv)",
    )
    sub.add_argument(
        "--completed-column",
        default=None,
        metavar="NAME",
        help="completion date column for --as-of (default: completed on or completed at)",
    )
    sub.add_argument(
        "--as-of",
        type=_day_arg,
        default=None,
        metavar="DATE",
        help="tell cleared earnings from pending ones on DATE in the ledger",
    )
    sub.add_argument(
        "--top-rated",
        action="store_true",
        help="with --as-of: clear after the Top Rated Sellers' period (7 days, not 14)",
    )
    sub.add_argument("--history", metavar="FILE", help=_HISTORY_HELP)


def _add_dated_options(sub: _Parser) -> None:
    """The options that choose the fee schedule by the order's date."""
    sub.add_argument(
        "--on",
        type=_day_arg,
        default=None,
        metavar="DATE",
        help="use the fee schedule in force on DATE (YYYY-MM-DD) instead of --schedule",
    )
    sub.add_argument("--history", metavar="FILE", help=_HISTORY_HELP)


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=_PROG,
        description="Fiverr customer-support knowledge and exact fee arithmetic. The options "
        "below may also be given after the command, where each command lists those it takes.",
        epilog="Exit status: 0 success, 2 bad input (one line on stderr), 1 other failures, "
        "130 interrupted. 'fiverr-kb COMMAND --help' describes a command.",
        allow_abbrev=False,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the versions and exit"
    )
    _add_options(
        parser,
        _GLOBAL_DEFAULTS,
        json_help="print JSON instead of text; 'fiverr-kb COMMAND --help' says what it holds",
        lang_help=f"language of the texts shown (default: {DEFAULT_LANGUAGE}; hu is the "
        "source language; search: the only language searched)",
    )
    subcommands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        required=True,
        parser_class=_Parser,
        help="what to do; 'fiverr-kb COMMAND --help' describes each",
    )

    def add(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help_: str,
        options: Sequence[str],
        json_help: str,
    ) -> _Parser:
        sub = subcommands.add_parser(
            name,
            help=help_,
            description=help_,
            allow_abbrev=False,
            formatter_class=_HelpFormatter,
        )
        sub.set_defaults(handler=handler, options=tuple(options))
        _add_options(sub, options, json_help=json_help)
        return sub

    fee_options = ("json", "lang", "schedule", "rounding")
    sub = add(
        "split",
        _cmd_split,
        "the order split of PRICE: what the buyer pays and the seller receives",
        fee_options,
        "print JSON instead: one object with price, buyer_fee, buyer_total, seller_fee, "
        'seller_net and platform_revenue (amounts as strings such as "2.03")',
    )
    sub.add_argument("price", metavar="PRICE", help="the gig's price in USD, such as 50 or 19.99")
    _add_dated_options(sub)
    sub.add_argument(
        "--extra",
        action="append",
        metavar="AMOUNT",
        help="a gig extra paid during the order (repeatable): split the payments",
    )
    sub.add_argument(
        "--tip",
        action="append",
        metavar="AMOUNT",
        help="a tip paid to the seller (repeatable): split the payments",
    )
    sub = add(
        "price-for-net",
        _cmd_price_for_net,
        "the smallest price that leaves the seller at least NET",
        fee_options,
        _MONEY_JSON,
    )
    sub.add_argument("amount", metavar="NET", help="the seller's target income in USD, such as 100")
    _add_dated_options(sub)
    sub = add(
        "budget",
        _cmd_budget,
        "the largest price a buyer can order within AMOUNT, fees included",
        fee_options,
        _MONEY_JSON,
    )
    sub.add_argument("amount", metavar="AMOUNT", help="the buyer's budget in USD, such as 42")
    _add_dated_options(sub)
    sub = add(
        "check",
        _cmd_check,
        "whether USERNAME is an official Fiverr account or imitates one; or whether a URL, "
        "e-mail address or phone number is Fiverr's or imitates it (exits 0 either way)",
        ("json", "lang"),
        "print JSON instead: for a username, one object with username, verdict (official, "
        "impersonation or unrelated), official_account (a username or null) and reasons; for "
        "a contact, one object with value, kind, verdict (official, lookalike or unrelated), "
        "channel, imitates and reasons",
    )
    sub.add_argument(
        "username",
        metavar="USERNAME|CONTACT",
        help="the username, link, e-mail address or phone number to check, as it was written",
    )
    sub = add(
        "check-message",
        _cmd_check_message,
        "whether the message in FILE (- or none: standard input) shows the signs of a fake "
        "Fiverr message (exits 0 whatever the verdict)",
        ("json", "lang"),
        "print JSON instead: one object with verdict (scam, suspicious or no_signals), "
        "reasons (each a code, a text and its source), the contacts found and the sender's "
        "assessment",
    )
    sub.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="a UTF-8 text file; - for stdin"
    )
    sub.add_argument(
        "--sender", metavar="NAME", help="the sender's username, if it came in the inbox"
    )
    sub = add(
        "search",
        _cmd_search,
        "the FAQ entries that answer QUERY, best first",
        ("json", "kb"),
        "print JSON instead: a list of hits, each an object with id, score, lang, question "
        "and answer (in the language it matched in)",
    )
    sub.add_argument(
        "query",
        metavar="QUERY",
        help="a question or a few words, in Hungarian or English (quote it in the shell)",
    )
    sub.add_argument(
        "--limit", type=_positive_int, default=3, metavar="N", help="at most N hits (default 3)"
    )
    sub.add_argument(
        "--lang",
        type=_language,
        default=argparse.SUPPRESS,
        metavar="{hu,en}",
        help="search (and show) only this language (default: both)",
    )
    sub.set_defaults(options=("json", "lang", "kb"))  # its own --lang, read as the global one
    sub = add(
        "faq",
        _cmd_faq,
        "the FAQ, or the entry ID with its steps",
        ("json", "lang", "kb"),
        "print JSON instead: the list of entries, or with ID that entry as one object, with "
        "the fields and both languages of the data file",
    )
    sub.add_argument(
        "id",
        metavar="ID",
        nargs="?",
        help="an entry's id, such as change-password (any letter case); without it, the list",
    )
    add(
        "channels",
        _cmd_channels,
        "the customer-support channels",
        ("json", "lang", "kb"),
        "print JSON instead: the list of channels, each an object with kind, address, label "
        "(hu and en) and network, as in the data file",
    )
    add(
        "accounts",
        _cmd_accounts,
        "the official accounts Fiverr staff write from",
        ("json", "lang", "kb"),
        "print JSON instead: the list of official accounts, each an object with username and "
        "description (hu and en), as in the data file",
    )
    sub = add(
        "split-csv",
        _cmd_split_csv,
        "append the order split to every row of a CSV order export",
        ("json", "schedule", "rounding"),
        "write JSON Lines instead of CSV: one object per row, keyed by the column names; the "
        "ledger on stderr is then a JSON object too",
    )
    sub.add_argument("file", metavar="FILE", help="UTF-8 CSV file with a header row; - for stdin")
    sub.add_argument(
        "-o", "--output", default="-", metavar="OUT", help="where to write; - for stdout (default)"
    )
    sub.add_argument(
        "--price-column",
        default="price",
        metavar="NAME",
        help="the column that holds the price (default: %(default)s)",
    )
    sub.add_argument(
        "--status-column",
        default=None,
        metavar="NAME",
        help="the order status column (default: status, if the file has one)",
    )
    _add_split_csv_options(sub)
    sub.add_argument(
        "--engine",
        choices=["auto", "python", "columnar"],
        default="auto",
        help="auto (default): the columnar engine (pyarrow, the [columnar] extra) for a large "
        "file when installed; the same output either way",
    )
    sub = add(
        "export",
        _cmd_export,
        "the knowledge base as a JSON data file (or, with --what, the fee schedules)",
        ("json", "kb"),
        "accepted for symmetry: export always prints JSON, in the shape --what names",
    )
    sub.add_argument(
        "--format", choices=["json"], default="json", help="the output format (only json)"
    )
    sub.add_argument(
        "--what",
        choices=[_KB_SHAPE, _FEES_SHAPE, _ALL_SHAPES],
        default=_KB_SHAPE,
        help="knowledge-base (default): a file that --kb and load_kb() read back; "
        "fee-schedules: the packaged fee schedules file; all: both, as one object with the "
        "keys knowledge_base and fee_schedules",
    )
    sub.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of that data instead"
    )
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse *argv*; a global option given to a command that does not take it is bad input."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    for name, default in _GLOBAL_DEFAULTS.items():
        if name not in vars(args):
            setattr(args, name, None if (name, args.command) == ("lang", "search") else default)
        elif name not in args.options:
            option = f"--{name}"
            prog = f"{_PROG} {args.command}"
            raise _BadInputError(
                f"{prog}: error: {option} does not apply to {args.command} (see '{prog} --help')"
            )
    return args


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
        args = _parse(argv)
        prog = f"{_PROG} {args.command}"
        code: int = args.handler(args)
        if sys.stdout is not None:  # None when started with it closed (`>&-`)
            sys.stdout.flush()
    except _BadInputError as exc:
        _error(str(exc))
        code = _EXIT_BAD_INPUT
    except FiverrSupportKBError as exc:
        _error(f"{prog}: error: {_for_people(str(exc))}")
        code = _EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version
        code = exc.code if isinstance(exc.code, int) else _EXIT_OK
    except BrokenPipeError:  # the reader went away (| head): not worth a message
        _silence_stdout()
        code = _EXIT_FAILURE
    except KeyboardInterrupt:
        code = _EXIT_INTERRUPTED
    except _SignalledError as exc:
        code = 128 + exc.signum
    except OSError as exc:
        _error(f"{prog}: error: {_for_people(_reason(exc))}")
        code = _EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - a bug must not print a traceback at users
        _error(f"{prog}: internal error ({type(exc).__name__}: {exc}); please report it")
        code = _EXIT_FAILURE
    return code
