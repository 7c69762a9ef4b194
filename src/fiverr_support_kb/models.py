"""The knowledge base's immutable, typed models.

Every model is a frozen, slotted, keyword-only ``attrs`` class holding only immutable values
(strings, ints, enums, tuples and other models), so nothing a caller gets can change what
another caller sees.

>>> from fiverr_support_kb import default_kb, ChannelKind
>>> kb = default_kb()
>>> kb.channel(ChannelKind.PHONE).uri
'tel:+97236317882'
>>> kb.faq_entry("seller-fee").answer.get("en").startswith("If you are a seller")
True
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from fiverr_support_kb.errors import (
    ArgumentTypeError,
    InvalidArgumentError,
    UnsupportedLanguageError,
    describe_type,
    show_value,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "Channel",
    "ChannelKind",
    "Company",
    "FaqEntry",
    "LocalizedTerms",
    "LocalizedText",
    "OfficialAccount",
    "Provenance",
    "SocialNetwork",
    "normalize_language",
    "to_json",
]

#: The languages every text of the knowledge base is available in.
LANGUAGES: Final[tuple[str, ...]] = ("hu", "en")
#: The language of the source article; the English texts are translations of it.
SOURCE_LANGUAGE: Final = "hu"
#: What :meth:`LocalizedText.get` falls back to for a language it has no text for.
FALLBACK_LANGUAGE: Final = "en"


def normalize_language(lang: str) -> str:
    """Return the library's code for *lang*, or raise if it is not supported.

    Matching ignores case and a region or script subtag, so ``"HU"``, ``"hu-HU"`` and
    ``"en_GB"`` are accepted.

    >>> normalize_language("en-GB")
    'en'

    Raises:
        ArgumentTypeError: *lang* is not a ``str`` (a ``TypeError``).
        UnsupportedLanguageError: *lang* is not one of :data:`LANGUAGES` (a ``ValueError``).
    """
    if not isinstance(lang, str):
        raise ArgumentTypeError(
            f"language must be a language code such as 'hu' or 'en' (a str), "
            f"not {describe_type(lang)}"
        )
    primary = str.__str__(lang).strip().replace("_", "-").split("-", 1)[0]
    if primary.isascii():
        primary = primary.lower()
        if primary in LANGUAGES:
            return primary
    raise UnsupportedLanguageError(lang, LANGUAGES)


class ChannelKind(str, enum.Enum):
    """How a support channel is reached."""

    PHONE = "phone"
    EMAIL = "email"
    SUPPORT_PORTAL = "support_portal"
    KNOWLEDGE_BASE = "knowledge_base"
    COMMUNITY_FORUM = "community_forum"
    SOCIAL = "social"


class SocialNetwork(str, enum.Enum):
    """The social networks Fiverr has official pages on."""

    TWITTER = "twitter"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    LINKEDIN = "linkedin"
    PINTEREST = "pinterest"


@attrs.frozen(kw_only=True)
class LocalizedText:
    """A text in Hungarian (the source) and English (a faithful translation).

    Index it by language code, or use :meth:`get` for a fallback:

    >>> text = LocalizedText(hu="Jelszó", en="Password")
    >>> text["hu"], text["en"]
    ('Jelszó', 'Password')
    >>> text.get("de")
    'Password'
    """

    hu: str
    en: str

    def __getitem__(self, lang: str) -> str:
        """Return the text in *lang* (``"hu"`` or ``"en"``, case and region ignored).

        Raises:
            UnsupportedLanguageError: for any other language (a ``LookupError``).
        """
        return self.hu if normalize_language(lang) == "hu" else self.en

    def __contains__(self, lang: object) -> bool:
        """Tell whether *lang* is a language this text is available in."""
        # The plain value: a str subclass's own __eq__ or __hash__ never decides.
        return isinstance(lang, str) and str.__str__(lang) in LANGUAGES

    def __iter__(self) -> Iterator[str]:
        """Iterate over the language codes, the source language first."""
        return iter(LANGUAGES)

    def __len__(self) -> int:
        """Return the number of languages."""
        return len(LANGUAGES)

    def items(self) -> tuple[tuple[str, str], ...]:
        """Return ``(language, text)`` pairs, the source language first."""
        return (("hu", self.hu), ("en", self.en))

    def get(self, lang: str | None = None) -> str:
        """Return the text in *lang*, falling back instead of raising.

        The rule: ``None`` gives the source language (Hungarian); a supported language
        (case and region ignored: ``"hu-HU"``, ``"EN"``) gives its text; any other language
        gives English, the translation meant for everyone who does not read Hungarian.

        Raises:
            ArgumentTypeError: *lang* is neither a ``str`` nor ``None`` (a ``TypeError``).
        """
        if lang is None:
            return self.hu
        try:
            return self[lang]
        except UnsupportedLanguageError:
            return self[FALLBACK_LANGUAGE]


@attrs.frozen(kw_only=True)
class LocalizedTerms:
    """Search terms (keywords, alternative phrasings) per language."""

    hu: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def __getitem__(self, lang: str) -> tuple[str, ...]:
        """Return the terms in *lang* (``"hu"`` or ``"en"``)."""
        return self.hu if normalize_language(lang) == "hu" else self.en


@attrs.frozen(kw_only=True)
class Channel:
    """A way to reach Fiverr's customer support."""

    kind: ChannelKind
    #: E.164 phone number, e-mail address, or ``https`` URL, exactly as in the article.
    address: str
    label: LocalizedText
    #: The social network for :attr:`ChannelKind.SOCIAL` channels, ``None`` otherwise.
    network: SocialNetwork | None = None

    @property
    def uri(self) -> str:
        """A URI an app can open: ``tel:``, ``mailto:``, or the URL itself."""
        if self.kind is ChannelKind.PHONE:
            return f"tel:{self.address}"
        if self.kind is ChannelKind.EMAIL:
            return f"mailto:{self.address}"
        return self.address


@attrs.frozen(kw_only=True)
class FaqEntry:
    """One question of the FAQ with its answer."""

    #: A stable slug such as ``"change-password"``.
    id: str
    question: LocalizedText
    answer: LocalizedText
    #: Numbered steps, when the answer is a procedure; empty otherwise.
    steps: tuple[LocalizedText, ...] = ()
    #: Extra search terms and alternative phrasings (not shown to users).
    keywords: LocalizedTerms = LocalizedTerms()
    #: The support channels the answer points to.
    related_channels: tuple[ChannelKind, ...] = ()


@attrs.frozen(kw_only=True)
class OfficialAccount:
    """A username Fiverr staff write to the community from."""

    #: Exactly as the article spells it (compare with :func:`~fiverr_support_kb.is_official`).
    username: str
    description: LocalizedText
    #: The Fiverr team behind the account, when the article names one.
    team: LocalizedText | None = None


@attrs.frozen(kw_only=True)
class Company:
    """Facts about Fiverr the company."""

    name: str
    founded: int
    headquarters: LocalizedText
    description: LocalizedText
    #: The service categories the article names.
    categories: tuple[LocalizedText, ...]
    #: Why the platform is called "Fiverr" (every service cost $5 at launch).
    name_origin: LocalizedText
    #: The launch price, in whole US dollars, every service had.
    launch_price_usd: int
    #: The badge shown next to the username of a real Fiverr staff member.
    staff_badge: str


@attrs.frozen(kw_only=True)
class Provenance:
    """Where the data comes from, and which version of it this is."""

    data_version: str
    source_title: str
    source_language: str
    #: SHA-256 of the source article's text the data was transcribed from.
    source_sha256: str
    notes: str


def to_json(value: object) -> Any:
    """Return a model (or a tuple of them) as plain JSON values, in the shape of the data file.

    Enums become their values, tuples lists, and a model an object of its fields, exactly as
    ``data/knowledge_base.json`` writes them (a :class:`~fiverr_support_kb.KnowledgeBase`
    gives a whole knowledge-base file). The command line's ``--json`` output is made by it.

    >>> to_json(LocalizedText(hu="Telefon", en="Phone"))
    {'hu': 'Telefon', 'en': 'Phone'}
    >>> to_json((ChannelKind.EMAIL, ChannelKind.PHONE))
    ['email', 'phone']
    """
    from fiverr_support_kb._converter import CONVERTER  # noqa: PLC0415 - only when exporting

    return CONVERTER.unstructure(value)


_E = TypeVar("_E", bound=enum.Enum)


def member(enum_type: type[_E], value: object, what: str) -> _E:
    """Return the member of *enum_type* that *value* is or names, or raise InvalidArgumentError.

    *what* names the kind of value in the message (``"channel kind"``).

    A ``str`` is looked up by its plain value, so a subclass's own ``__hash__``, ``__eq__`` or
    ``__repr__`` is never called; anything else that is not a member is refused outright.
    """
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        try:
            return enum_type(str.__str__(value))
        except ValueError:
            pass
    accepted = ", ".join(repr(member.value) for member in enum_type)
    raise InvalidArgumentError(f"{show_value(value)} is not a {what}; accepted: {accepted}")
