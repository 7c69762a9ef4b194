"""The results of the trust checks, for :mod:`fiverr_support_kb.trust`."""

from __future__ import annotations

import enum

import attrs

# attrs and cattrs resolve these annotations at run time.
from fiverr_support_kb.accounts import UsernameAssessment  # noqa: TC001
from fiverr_support_kb.models import Channel, LocalizedText  # noqa: TC001
from fiverr_support_kb.trust._rules import RuleSource  # noqa: TC001

__all__ = [
    "ContactAssessment",
    "ContactKind",
    "ContactVerdict",
    "FoundContact",
    "MessageAssessment",
    "MessageVerdict",
    "TrustReason",
]


class ContactVerdict(str, enum.Enum):
    """What a contact (link, address, phone number) is, for trust purposes."""

    #: Fiverr's own: one of its domains, or an official channel of the knowledge base.
    OFFICIAL = "official"
    #: Imitates Fiverr: a homograph, a typosquat, the brand inside another domain, ...
    LOOKALIKE = "lookalike"
    #: Neither.
    UNRELATED = "unrelated"


class ContactKind(str, enum.Enum):
    """What sort of contact a value is."""

    EMAIL = "email"
    URL = "url"
    DOMAIN = "domain"
    PHONE = "phone"


class MessageVerdict(str, enum.Enum):
    """What a message is, for trust purposes."""

    #: At least one strong sign of a fake, or two different weak ones.
    SCAM = "scam"
    #: Exactly one weak sign.
    SUSPICIOUS = "suspicious"
    #: No sign found (which is not a proof that the message is genuine).
    NO_SIGNALS = "no_signals"


@attrs.frozen(kw_only=True)
class TrustReason:
    """Why a contact or a message got its verdict: a code, a text and the rule's source."""

    #: A machine-readable code, such as ``"typosquat"`` or ``"asks_password"``.
    code: str
    #: For people, in Hungarian and English.
    text: LocalizedText
    #: The page the rule comes from, with the date it was read.
    source: RuleSource


@attrs.frozen(kw_only=True)
class ContactAssessment:
    """The verdict on one e-mail address, URL, domain or phone number."""

    #: The value exactly as given.
    value: str
    verdict: ContactVerdict
    kind: ContactKind
    #: The official channel of the knowledge base the value is, when it is one.
    channel: Channel | None = None
    #: What a lookalike imitates, or what an official value is (``"fiverr.com"``,
    #: ``"+97236317882"``, ``"https://twitter.com/fiverr"``); ``None`` when unrelated.
    imitates: str | None = None
    reasons: tuple[TrustReason, ...] = ()


@attrs.frozen(kw_only=True)
class FoundContact:
    """A contact found in a message: the text as it appears, where, and its assessment."""

    text: str
    #: Index of its first character in the message.
    start: int
    assessment: ContactAssessment


@attrs.frozen(kw_only=True)
class MessageAssessment:
    """The verdict on one message, with its reasons, the contacts in it and its sender."""

    verdict: MessageVerdict
    reasons: tuple[TrustReason, ...]
    contacts: tuple[FoundContact, ...]
    #: The sender's assessment, when a sender was given.
    sender: UsernameAssessment | None = None
    #: The language the message was read as (``"hu"`` or ``"en"``).
    lang: str = "en"
