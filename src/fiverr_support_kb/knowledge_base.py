"""The knowledge base: its model, the packaged one, loading another, and asking its FAQ.

The parts of a knowledge base (channels, FAQ entries, accounts, company facts) are the value
classes of :mod:`fiverr_support_kb.models`; :class:`KnowledgeBase` holds them together. Reading
a file goes through the private loader (JSON, then the strict cattrs converter, then the
semantic checks); asking the FAQ, through :mod:`fiverr_support_kb.faq`.

>>> from fiverr_support_kb.knowledge_base import default_kb
>>> default_kb().channel("email").address
'support@fiverr.com'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from fiverr_support_kb._loading import (
    KB_FILE,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    parse_json,
    read_data_file,
    read_packaged,
    structure,
)
from fiverr_support_kb._memo import Memo, once
from fiverr_support_kb.errors import (
    ArgumentTypeError,
    InvalidArgumentError,
    KnowledgeBaseError,
    UnknownChannelError,
    UnknownFaqEntryError,
    describe_type,
)
from fiverr_support_kb.models import (
    Channel,
    ChannelKind,
    Company,
    FaqEntry,
    OfficialAccount,
    Provenance,
    SocialNetwork,
    member,
)

if TYPE_CHECKING:
    import os

    from fiverr_support_kb.faq import Answer, SearchHit

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "KnowledgeBase",
    "answer",
    "default_kb",
    "load_kb",
    "parse_kb",
    "schema",
    "search",
    "to_json",
]


def _faq_index(faq: tuple[FaqEntry, ...]) -> dict[str, FaqEntry]:
    return {entry.id: entry for entry in faq}


def _kind(kind: object) -> ChannelKind:
    try:
        return member(ChannelKind, kind, "channel kind")
    except InvalidArgumentError as exc:
        raise UnknownChannelError(str(exc)) from None


def _network(network: object) -> SocialNetwork:
    try:
        return member(SocialNetwork, network, "social network")
    except InvalidArgumentError as exc:
        raise UnknownChannelError(str(exc)) from None


@attrs.frozen(kw_only=True)
class KnowledgeBase:
    """The whole knowledge base: company facts, channels, FAQ and official accounts.

    Get the packaged one with :func:`~fiverr_support_kb.default_kb`, or an updated data set
    with :func:`~fiverr_support_kb.load_kb`.
    """

    provenance: Provenance
    company: Company
    channels: tuple[Channel, ...]
    faq: tuple[FaqEntry, ...]
    official_accounts: tuple[OfficialAccount, ...]
    # Derived lookups and indexes, built on first use; not part of the value.
    _memo: Memo = attrs.field(init=False, factory=Memo, eq=False, repr=False, hash=False)

    @property
    def faq_ids(self) -> tuple[str, ...]:
        """The FAQ entry ids, in order."""
        return tuple(entry.id for entry in self.faq)

    def faq_entry(self, entry_id: str) -> FaqEntry:
        """Return the FAQ entry with *entry_id*.

        Raises:
            UnknownFaqEntryError: no entry has that id (a ``LookupError``); the message
                lists the known ids.
        """
        if isinstance(entry_id, str):
            index = self._memo.get("faq_index", lambda: _faq_index(self.faq))
            # The plain value: a str subclass's own __hash__ and __eq__ are not called.
            entry = index.get(str.__str__(entry_id))
            if entry is not None:
                return entry
        raise UnknownFaqEntryError(entry_id, self.faq_ids)

    def channels_of(self, kind: ChannelKind | str) -> tuple[Channel, ...]:
        """Return every channel of *kind* (a :class:`ChannelKind` or its value), in order.

        Raises:
            UnknownChannelError: *kind* is not a channel kind (a ``ValueError`` and a
                ``LookupError``); the message lists the accepted kinds.
        """
        wanted = _kind(kind)
        return tuple(channel for channel in self.channels if channel.kind is wanted)

    def channel(self, kind: ChannelKind | str) -> Channel:
        """Return the first channel of *kind*, such as the support phone number.

        Raises:
            UnknownChannelError: *kind* is not a channel kind, or the knowledge base has no
                channel of that kind (a ``LookupError`` and a ``ValueError``).
        """
        wanted = _kind(kind)
        for channel in self.channels:
            if channel.kind is wanted:
                return channel
        raise UnknownChannelError(f"this knowledge base has no {wanted.value} channel")

    def social_channel(self, network: SocialNetwork | str) -> Channel:
        """Return the official page on the social *network*.

        Raises:
            UnknownChannelError: *network* is not a social network, or the knowledge base has
                no page on it (a ``LookupError`` and a ``ValueError``).
        """
        wanted = _network(network)
        for channel in self.channels:
            if channel.network is wanted:
                return channel
        raise UnknownChannelError(f"this knowledge base has no page on {wanted.value}")

    @property
    def official_usernames(self) -> tuple[str, ...]:
        """The official usernames, spelt exactly as in the article."""
        return tuple(account.username for account in self.official_accounts)

    def search(self, query: str, *, lang: str | None = None, limit: int = 3) -> list[SearchHit]:
        """Search this knowledge base's FAQ; see :func:`fiverr_support_kb.search`."""
        return search(query, lang=lang, limit=limit, kb=self)

    def answer(self, message: str, *, lang: str | None = None) -> Answer:
        """Answer a chat message from this knowledge base; see :func:`fiverr_support_kb.answer`."""
        return answer(message, lang=lang, kb=self)


def parse_kb(raw: bytes, source: str) -> KnowledgeBase:
    """Parse, structure and validate a knowledge-base file's bytes, or raise.

    Besides its shape and values, the file's size is checked against the limits that keep its
    first search fast: :data:`MAX_TEXT_CHARS` per text, and the FAQ's limits
    (:func:`fiverr_support_kb.faq.size_problems`).
    """
    from fiverr_support_kb._validate import kb_problems, long_texts  # noqa: PLC0415 - for a file
    from fiverr_support_kb.faq import size_problems  # noqa: PLC0415 - only for a file

    data = parse_json(raw, source)
    # Every problem at once: texts over the limit, then the shape, then the values.
    problems = long_texts(data)
    try:
        kb = structure(data, KnowledgeBase, source)
    except KnowledgeBaseError as exc:
        raise KnowledgeBaseError(source, [*problems, *exc.problems]) from None
    problems += kb_problems(
        company=kb.company,
        channels=kb.channels,
        faq=kb.faq,
        official_accounts=kb.official_accounts,
    )
    problems += size_problems(kb.faq)
    if problems:
        raise KnowledgeBaseError(source, problems)
    return kb


def load_kb(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Load and validate a knowledge-base JSON file, such as an updated data set.

    The file has the shape of the packaged ``data/knowledge_base.json`` (its JSON Schema,
    ``data/knowledge_base.schema.json``, ships beside it). It is validated exactly like the
    packaged data: unknown keys, wrong types, a missing language, duplicate FAQ ids or
    usernames, a phone number not in E.164 form, a malformed e-mail address or a URL that
    is not ``https`` are all rejected.

    Raises:
        ArgumentTypeError: *path* is not a ``str`` or path-like object (a ``TypeError``).
        KnowledgeBaseError: the file cannot be read, is not JSON, or is invalid; the message
            names the file and the path of every problem (``... @ $.faq[3].answer.hu``).
    """
    return parse_kb(*read_data_file(path))


def to_json(kb: KnowledgeBase) -> dict[str, Any]:
    """Return *kb* as plain JSON values, in the shape of a knowledge-base file.

    Written out as JSON, this is a file :func:`load_kb` (and ``fiverr-kb --kb``) reads back
    into an equal knowledge base; ``fiverr-kb export`` prints it.

    >>> import json
    >>> kb = default_kb()
    >>> parse_kb(json.dumps(to_json(kb)).encode(), "a copy") == kb
    True

    Raises:
        ArgumentTypeError: *kb* is not a :class:`KnowledgeBase` (a ``TypeError``).
    """
    from fiverr_support_kb.models import to_json as model_to_json  # noqa: PLC0415 - lazy

    if not isinstance(kb, KnowledgeBase):
        raise _not_a_kb(kb)
    result: dict[str, Any] = model_to_json(kb)
    return result


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a knowledge-base file, shipped beside it.

    A schema checks the shape of a file; :func:`load_kb` checks more (unique ids, ...).
    """
    name = KB_FILE.replace(".json", ".schema.json")
    result: dict[str, Any] = parse_json(*read_packaged(name))
    return result


def _not_a_kb(kb: object) -> ArgumentTypeError:
    return ArgumentTypeError(
        f"kb must be a knowledge base (a KnowledgeBase, from default_kb() or load_kb()), "
        f"not {describe_type(kb)}"
    )


@once
def default_kb() -> KnowledgeBase:
    """Return the packaged knowledge base, loaded once, on first use.

    Safe to call from many threads at once: the data is loaded exactly once and every
    caller gets the same immutable object.
    """
    # The generated snapshot of data/knowledge_base.json: the same objects the strict loader
    # builds from the JSON file (tests/test_snapshot.py proves it), at a fraction of the cost.
    from fiverr_support_kb import _snapshot  # noqa: PLC0415 - on first use only

    return KnowledgeBase(
        provenance=_snapshot.PROVENANCE,
        company=_snapshot.COMPANY,
        channels=_snapshot.CHANNELS,
        faq=_snapshot.FAQ,
        official_accounts=_snapshot.OFFICIAL_ACCOUNTS,
    )


def search(
    query: str, *, lang: str | None = None, limit: int = 3, kb: KnowledgeBase | None = None
) -> list[SearchHit]:
    """Return the FAQ entries that answer *query*, the best first; ``[]`` if none does.

    Args:
        query: The user's question, in Hungarian or English, accents and typos allowed.
        lang: Score and show the hits in this language only (``"hu"``, ``"en"``,
            ``"en-GB"``, ...); ``None`` uses both, and each hit says which language it
            matched in. Whether there are hits, and which entry comes first, is decided
            from both languages either way.
        limit: The most hits to return (at least 1).
        kb: The knowledge base to search; the packaged one by default.

    Returns:
        At most *limit* hits, each with the passage of its answer that answers the query:
        first the entry that answers it (the decision rule of :func:`answer`), then the
        others best first, each clearing the relevance threshold that
        :mod:`fiverr_support_kb.faq` documents (the first may score less, see
        :attr:`SearchHit.score`). An empty, blank or off-topic query gives ``[]``, and so
        does a Fiverr question no entry answers (which :func:`answer` hands off).

    Raises:
        ArgumentTypeError: *query* is not a ``str``, *limit* is not an ``int``, or *kb* is
            not a :class:`KnowledgeBase` (a ``TypeError``).
        InvalidArgumentError: *limit* is less than 1 (a ``ValueError``).
        UnsupportedLanguageError: *lang* is not Hungarian or English (a ``ValueError``).
    """
    from fiverr_support_kb import faq  # noqa: PLC0415 - keeps import light

    if kb is None:
        kb = default_kb()
    elif not isinstance(kb, KnowledgeBase):
        raise _not_a_kb(kb)
    return faq.search_entries(query, kb.faq, kb.company.name, kb._memo, lang=lang, limit=limit)  # noqa: SLF001 - own class


def answer(message: str, *, lang: str | None = None, kb: KnowledgeBase | None = None) -> Answer:
    """Answer a chat message: an FAQ entry and its passage, a hand-off, or off-topic.

    Args:
        message: What the user wrote: a question, or a greeting, a story and a question, in
            Hungarian, English or both; accents and typos allowed, any length (only the first
            :data:`~fiverr_support_kb.faq.MAX_QUERY_CHARS` characters are read).
        lang: The reply language (``"hu"``, ``"en"``, ``"en-GB"``...); ``None`` replies in the
            message's own language.
        kb: The knowledge base to answer from; the packaged one by default.

    Returns:
        An immutable :class:`~fiverr_support_kb.faq.Answer`: its ``outcome``
        (:class:`~fiverr_support_kb.faq.Outcome`: ``faq``, ``handoff`` or ``off_topic``),
        the ``hits`` and the best entry's ``passage`` for ``faq``, and the support
        ``channels`` to offer for ``handoff``. The decision rule is documented in
        :mod:`fiverr_support_kb.faq._answer`.

    Raises:
        TypeError: *message* is not a ``str``, or *kb* is not a :class:`KnowledgeBase`.
        UnsupportedLanguageError: *lang* is not Hungarian or English (a ``ValueError``).
    """
    from fiverr_support_kb import faq  # noqa: PLC0415 - keeps import light

    if kb is None:
        kb = default_kb()
    elif not isinstance(kb, KnowledgeBase):
        raise ArgumentTypeError(f"kb must be a KnowledgeBase, not {describe_type(kb)}")
    return faq.answer_message(
        message,
        kb.faq,
        kb.company.name,
        kb.channels,
        kb._memo,  # noqa: SLF001 - own class
        lang=lang,
    )
