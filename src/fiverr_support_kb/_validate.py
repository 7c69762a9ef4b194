"""Semantic validation of a structured knowledge base (what types alone cannot say).

Each problem is reported as ``message @ $.json.path``, in the same form as cattrs' structural
errors, so a caller sees every problem of a data file at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from fiverr_support_kb._loading import MAX_TEXT_CHARS
from fiverr_support_kb.models import (
    LANGUAGES,
    Channel,
    ChannelKind,
    Company,
    FaqEntry,
    LocalizedTerms,
    LocalizedText,
    OfficialAccount,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["MAX_TEXT_CHARS", "kb_problems", "long_texts"]


_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")
_EMAIL = re.compile(rf"[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_URL_KINDS: Final = frozenset(
    {
        ChannelKind.SUPPORT_PORTAL,
        ChannelKind.KNOWLEDGE_BASE,
        ChannelKind.COMMUNITY_FORUM,
        ChannelKind.SOCIAL,
    }
)


def long_texts(data: Any) -> list[str]:
    """Return a problem for every string of the JSON value *data* longer than the limit.

    Run on the parsed file before it is structured, so that a huge text is refused, with its
    path, before anything reads it. The walk is iterative: no nesting can exhaust the stack.
    """
    problems: list[str] = []
    pending: list[tuple[Any, str]] = [(data, "$")]
    while pending:
        value, path = pending.pop()
        if isinstance(value, str):
            if len(value) > MAX_TEXT_CHARS:
                problems.append(
                    f"a text of {len(value):,} characters; at most {MAX_TEXT_CHARS:,} are "
                    f"accepted @ {path}"
                )
        elif isinstance(value, dict):
            pending.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list):
            pending.extend(
                (item, f"{path}[{index}]") for index, item in reversed(list(enumerate(value)))
            )
    return problems


def _text_problems(text: LocalizedText, path: str) -> Iterator[str]:
    for lang, value in text.items():
        if not value.strip():
            yield f"empty text @ {path}.{lang}"


def _terms_problems(terms: LocalizedTerms, path: str) -> Iterator[str]:
    for lang in LANGUAGES:
        for index, term in enumerate(terms[lang]):
            if not term.strip():
                yield f"empty search term @ {path}.{lang}[{index}]"


def _duplicates(values: Iterable[str], path: str, what: str) -> Iterator[str]:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        key = value.lower()
        if key in seen:
            yield f"duplicate {what} {value!r} (first at index {seen[key]}) @ {path.format(index)}"
        else:
            seen[key] = index


def _is_https_url(address: str) -> bool:
    if not address.isascii() or any(ch.isspace() for ch in address):
        return False
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and parts.username is None
        and parts.password is None
        and _HOST.fullmatch(parts.hostname or "") is not None
    )


def _channel_problems(channel: Channel, path: str) -> Iterator[str]:
    kind, address = channel.kind, channel.address
    if kind is ChannelKind.PHONE and not _E164.fullmatch(address):
        yield f"phone number must be in E.164 form such as +97236317882 @ {path}.address"
    elif kind is ChannelKind.EMAIL and not (address.isascii() and _EMAIL.fullmatch(address)):
        yield f"malformed e-mail address {address!r} @ {path}.address"
    elif kind in _URL_KINDS and not _is_https_url(address):
        yield f"URL must be an https:// URL with a host name, got {address!r} @ {path}.address"
    if kind is ChannelKind.SOCIAL and channel.network is None:
        yield f"a social channel needs a network @ {path}.network"
    if kind is not ChannelKind.SOCIAL and channel.network is not None:
        yield f"only social channels have a network @ {path}.network"
    yield from _text_problems(channel.label, f"{path}.label")


def _faq_problems(entry: FaqEntry, path: str, kinds: frozenset[ChannelKind]) -> Iterator[str]:
    if not _SLUG.fullmatch(entry.id):
        yield f"FAQ id must be a lowercase slug such as 'change-password' @ {path}.id"
    yield from _text_problems(entry.question, f"{path}.question")
    yield from _text_problems(entry.answer, f"{path}.answer")
    for index, step in enumerate(entry.steps):
        yield from _text_problems(step, f"{path}.steps[{index}]")
    yield from _terms_problems(entry.keywords, f"{path}.keywords")
    for index, kind in enumerate(entry.related_channels):
        if kind not in kinds:
            yield f"no channel of kind {kind.value!r} exists @ {path}.related_channels[{index}]"


def kb_problems(
    *,
    company: Company,
    channels: tuple[Channel, ...],
    faq: tuple[FaqEntry, ...],
    official_accounts: tuple[OfficialAccount, ...],
) -> list[str]:
    """Return every semantic problem of a knowledge base's parts as ``message @ $.path``."""
    problems: list[str] = []
    for field in ("headquarters", "description", "name_origin"):
        problems += _text_problems(getattr(company, field), f"$.company.{field}")
    for index, category in enumerate(company.categories):
        problems += _text_problems(category, f"$.company.categories[{index}]")
    if not company.name.strip():
        problems.append("empty text @ $.company.name")
    for index, channel in enumerate(channels):
        problems += _channel_problems(channel, f"$.channels[{index}]")
    problems += _duplicates(
        (f"{c.kind.value} {c.address}" for c in channels), "$.channels[{}]", "channel"
    )
    kinds = frozenset(channel.kind for channel in channels)
    for index, entry in enumerate(faq):
        problems += _faq_problems(entry, f"$.faq[{index}]", kinds)
    problems += _duplicates((entry.id for entry in faq), "$.faq[{}].id", "FAQ id")
    for index, account in enumerate(official_accounts):
        path = f"$.official_accounts[{index}]"
        if not _USERNAME.fullmatch(account.username):
            problems.append(
                f"username must be 1-64 ASCII letters, digits, '.', '_' or '-' @ {path}.username"
            )
        problems += _text_problems(account.description, f"{path}.description")
        if account.team is not None:
            problems += _text_problems(account.team, f"{path}.team")
    problems += _duplicates(
        (account.username for account in official_accounts),
        "$.official_accounts[{}].username",
        "username (ignoring case)",
    )
    return problems
