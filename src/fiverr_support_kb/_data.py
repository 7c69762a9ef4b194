"""Loading and validating the packaged data files.

Nothing here runs at import time of the package: the public entry points import this module
on first use, and the packaged knowledge base is parsed once, under a lock, then shared.
"""

from __future__ import annotations

import enum
import json
import os
import re
import threading
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import urlsplit

import cattrs
from cattrs.v import format_exception

from fiverr_support_kb._converter import CONVERTER
from fiverr_support_kb.errors import KnowledgeBaseError
from fiverr_support_kb.models import (
    Channel,
    ChannelKind,
    FaqEntry,
    KnowledgeBase,
    LocalizedTerms,
    LocalizedText,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "MAX_FILE_BYTES",
    "default_kb",
    "load_kb",
    "parse_json",
    "read_data_file",
    "read_packaged",
    "structure",
]

_T = TypeVar("_T")

#: Data files larger than this are rejected before parsing (the packaged one is ~30 kB).
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
_PACKAGE: Final = "fiverr_support_kb"
KB_FILE: Final = "knowledge_base.json"

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
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


# --- reading and parsing -----------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in data files")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in a JSON object")
        result[key] = value
    return result


def parse_json(raw: bytes, source: str) -> Any:
    """Parse *raw* as strict UTF-8 JSON (no NaN, no duplicate keys) or raise."""
    if len(raw) > MAX_FILE_BYTES:
        raise KnowledgeBaseError(source, [f"file is larger than {MAX_FILE_BYTES} bytes"])
    try:
        text = raw.decode("utf-8")
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(
            source, [f"not UTF-8 text: {exc.reason} at byte {exc.start}"]
        ) from None
    except json.JSONDecodeError as exc:
        raise KnowledgeBaseError(
            source, [f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise KnowledgeBaseError(source, [f"not valid JSON: {exc}"]) from None


def read_data_file(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a data file given by the caller, returning its bytes and its display name."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    source = os.fsdecode(path)
    try:
        with Path(source).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(source, [f"cannot read the file: {exc}"]) from None
    return raw, source


def read_packaged(name: str) -> tuple[bytes, str]:
    """Read a data file shipped in the package, returning its bytes and its display name."""
    return (files(_PACKAGE) / "data" / name).read_bytes(), f"{_PACKAGE}/data/{name}"


def _describe(exc: BaseException, type_: type | None) -> str:
    """Say what was wrong, keeping our hooks' own messages (they say what is accepted)."""
    if isinstance(exc, (TypeError, ValueError)) and not isinstance(exc, cattrs.BaseValidationError):
        message = str(exc)
        if message.startswith(("expected ", "'")):  # our hooks and Enum's "'x' is not a valid ..."
            if isinstance(type_, type) and issubclass(type_, enum.Enum):
                accepted = ", ".join(repr(member.value) for member in type_)
                return f"{message}; accepted: {accepted}"
            return message
    return format_exception(exc, type_)


def structure(data: Any, cls: type[_T], source: str) -> _T:
    """Structure *data* into *cls* with the strict converter, or raise KnowledgeBaseError."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(source, [f"expected a JSON object, got {type(data).__name__} @ $"])
    try:
        return CONVERTER.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        raise KnowledgeBaseError(
            source, cattrs.transform_error(exc, path="$", format_exception=_describe)
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise KnowledgeBaseError(source, [f"{exc} @ $"]) from None


# --- semantic validation -----------------------------------------------------------------


def _text_problems(text: LocalizedText, path: str) -> Iterator[str]:
    for lang, value in text.items():
        if not value.strip():
            yield f"empty text @ {path}.{lang}"


def _terms_problems(terms: LocalizedTerms, path: str) -> Iterator[str]:
    for lang in ("hu", "en"):
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


def kb_problems(kb: KnowledgeBase) -> list[str]:
    """Return every semantic problem of *kb* as ``message @ $.path`` strings."""
    problems: list[str] = []
    company = kb.company
    for field in ("headquarters", "description", "name_origin"):
        problems += _text_problems(getattr(company, field), f"$.company.{field}")
    for index, category in enumerate(company.categories):
        problems += _text_problems(category, f"$.company.categories[{index}]")
    if not company.name.strip():
        problems.append("empty text @ $.company.name")
    for index, channel in enumerate(kb.channels):
        problems += _channel_problems(channel, f"$.channels[{index}]")
    problems += _duplicates(
        (f"{c.kind.value} {c.address}" for c in kb.channels), "$.channels[{}]", "channel"
    )
    kinds = frozenset(channel.kind for channel in kb.channels)
    for index, entry in enumerate(kb.faq):
        problems += _faq_problems(entry, f"$.faq[{index}]", kinds)
    problems += _duplicates((entry.id for entry in kb.faq), "$.faq[{}].id", "FAQ id")
    for index, account in enumerate(kb.official_accounts):
        path = f"$.official_accounts[{index}]"
        if not _USERNAME.fullmatch(account.username):
            problems.append(
                "username must be 1-64 ASCII letters, digits, '.', '_' or '-' @ "
                + path
                + ".username"
            )
        problems += _text_problems(account.description, f"{path}.description")
        if account.team is not None:
            problems += _text_problems(account.team, f"{path}.team")
    problems += _duplicates(
        kb.official_usernames, "$.official_accounts[{}].username", "username (ignoring case)"
    )
    return problems


# --- entry points --------------------------------------------------------------------------


def _parse_kb(raw: bytes, source: str) -> KnowledgeBase:
    kb = structure(parse_json(raw, source), KnowledgeBase, source)
    problems = kb_problems(kb)
    if problems:
        raise KnowledgeBaseError(source, problems)
    return kb


def load_kb(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Load and validate a knowledge-base JSON file, such as an updated data set.

    The file has the shape of the packaged ``data/knowledge_base.json`` (its JSON Schema ships
    beside it). It is validated exactly like the packaged data.

    Raises:
        TypeError: *path* is not a ``str`` or path-like object.
        KnowledgeBaseError: the file cannot be read, is not JSON, or is invalid; the message
            names the file and the path of every problem (``... @ $.faq[3].answer.hu``).
    """
    raw, source = read_data_file(path)
    return _parse_kb(raw, source)


_lock = threading.Lock()
_default: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """Return the packaged knowledge base, loaded and validated once, on first use.

    Safe to call from many threads at once: the data is parsed exactly once and every caller
    gets the same immutable object.
    """
    global _default  # noqa: PLW0603 - the one cached, immutable, lock-guarded value
    kb = _default
    if kb is None:
        with _lock:
            if _default is None:
                _default = _parse_kb(*read_packaged(KB_FILE))
            kb = _default
    return kb
