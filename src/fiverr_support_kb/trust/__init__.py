r"""Is this really Fiverr? Links, e-mail addresses, phone numbers and whole messages.

:func:`assess_contact` judges one contact against Fiverr's own domains and the knowledge
base's official channels; :func:`assess_message` judges a whole message: its sender, every
contact in it, and the signs of a fake that Fiverr's Help Center and its staff describe. Every
reason carries a code, a text in Hungarian and English, and the page its rule comes from.

>>> from fiverr_support_kb.trust import assess_contact, assess_message
>>> result = assess_contact("https://www.fiverr.com/support")
>>> result.verdict.value, result.kind.value, result.channel.kind.value
('official', 'url', 'support_portal')
>>> result = assess_contact("https://fіverr.com/login")  # a Cyrillic і
>>> result.verdict.value, result.imitates, [reason.code for reason in result.reasons]
('lookalike', 'fiverr.com', ['idn_homograph'])
>>> assess_contact("fiverr.com.account-verify.ru").reasons[0].code
'brand_in_other_domain'
>>> assess_contact("+972 3 631 7883").reasons[0].code
'phone_near'

>>> message = assess_message(
...     "Your account will be suspended. Send your password to Fiverr Support now.",
...     sender="Fiverr_Support",
... )
>>> message.verdict.value, [reason.code for reason in message.reasons]
('scam', ['impersonating_sender', 'asks_password', 'threat'])
>>> print(message.reasons[1].text.get("hu"))
Jelszót, belépési adatot vagy ellenőrző (2FA/SMS) kódot kér: a Fiverr soha nem kéri ezt üzenetben.
>>> message.reasons[1].source.url
'https://help.fiverr.com/hc/en-us/articles/360011421198-FAQs-for-sellers'
>>> assess_message("Here is the brief: https://drive.google.com/file/d/1AbC").verdict.value
'no_signals'

The decision rules are stated exactly in the documentation's "Is this message really from
Fiverr?" page; the rules themselves are data (``data/trust_rules.json``), which an app can
replace with its own file through :func:`load_trust_rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fiverr_support_kb.trust import _contacts, _messages
from fiverr_support_kb.trust._results import (
    ContactAssessment,
    ContactKind,
    ContactVerdict,
    FoundContact,
    MessageAssessment,
    MessageVerdict,
    TrustReason,
)
from fiverr_support_kb.trust._rules import (
    RuleSource,
    RuleWeight,
    TrustRules,
    default_trust_rules,
    load_trust_rules,
)

if TYPE_CHECKING:
    from fiverr_support_kb.knowledge_base import KnowledgeBase

__all__ = [
    "ContactAssessment",
    "ContactKind",
    "ContactVerdict",
    "FoundContact",
    "MessageAssessment",
    "MessageVerdict",
    "RuleSource",
    "RuleWeight",
    "TrustReason",
    "TrustRules",
    "assess_contact",
    "assess_message",
    "default_trust_rules",
    "has_public_suffix",
    "load_trust_rules",
]


def has_public_suffix(domain: str) -> bool:
    """Tell whether the bare *domain* ends in a suffix the Public Suffix List knows.

    A name with non-ASCII letters counts as such: it is judged as a domain either way.

    >>> has_public_suffix("fiverr.com"), has_public_suffix("fiverr.notasuffix")
    (True, False)
    """
    return _contacts.listed_suffix(domain)


def assess_contact(
    value: str, *, kb: KnowledgeBase | None = None, rules: TrustRules | None = None
) -> ContactAssessment:
    """Tell whether a contact is Fiverr's, imitates Fiverr, or neither, and why.

    *value* is an e-mail address (also ``Name <addr>`` and ``mailto:``), a URL in any form
    people paste one (with or without a scheme, ``//host``, a port, a trailing dot, any case),
    a bare domain, or a phone number in any common notation (also ``tel:``). It is:

    * ``OFFICIAL`` when its host's registrable domain (by the Public Suffix List) is one of
      Fiverr's domains, every subdomain included; when it is the knowledge base's phone
      number; or when it is one of the official social pages. :attr:`~ContactAssessment.channel`
      is the knowledge base's channel when the value is one.
    * ``LOOKALIKE`` when it imitates them: a host whose registrable label, seen through
      lookalike characters (Unicode or ``xn--`` punycode), is the brand or one edit from it;
      the brand inside another registrable domain or its subdomains; the brand before the
      ``@`` of a URL (userinfo) that leads elsewhere; the brand in a mailbox at a free mail
      provider or any other domain; a social or messaging handle with the brand that is not
      the official page; a phone number one or two digit edits from the official one.
    * ``UNRELATED`` otherwise.

    Args:
        value: The contact as the user has it; surrounding whitespace is ignored.
        kb: The knowledge base whose channels are official; the packaged one by default.
        rules: The rules (domains, brand, texts); the packaged ones by default.

    Raises:
        TypeError: *value* is not a ``str``, or *kb* or *rules* is of the wrong type.
    """
    return _contacts.assess_contact(value, kb=kb, rules=rules)


def assess_message(
    text: str,
    *,
    sender: str | None = None,
    lang: str | None = None,
    kb: KnowledgeBase | None = None,
    rules: TrustRules | None = None,
) -> MessageAssessment:
    """Tell whether a message shows the signs of a fake Fiverr message, and which.

    The verdict is ``SCAM`` when at least one strong rule fires or two different weak ones do,
    ``SUSPICIOUS`` when exactly one weak rule fires, ``NO_SIGNALS`` otherwise. Hungarian and
    English messages are read with or without accents.

    Args:
        text: The message.
        sender: The sender's username, when the message came through the Fiverr inbox; it is
            judged with :func:`~fiverr_support_kb.assess_username`.
        lang: ``"hu"`` or ``"en"`` (region ignored) to say which language the message is in;
            guessed from the text when ``None``. The rules read both languages either way.
        kb: The knowledge base; the packaged one by default.
        rules: The rules; the packaged ones by default.

    Raises:
        TypeError: *text* is not a ``str``, *sender* is neither a ``str`` nor ``None``, or
            *kb* or *rules* is of the wrong type.
        UnsupportedLanguageError: *lang* is neither Hungarian nor English (a ``ValueError``).
    """
    return _messages.assess_message(text, sender=sender, lang=lang, kb=kb, rules=rules)
