"""Judging a whole message: its sender, the contacts in it, and the rules' patterns.

Every step reads the text a bounded number of times with bounded work at each position (the
rules' patterns may not repeat without a bound, which the rules file's checks enforce), so a
message of any length is judged in time linear in its length.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from fiverr_support_kb.accounts import Verdict, assess_username
from fiverr_support_kb.errors import ArgumentTypeError, describe_type
from fiverr_support_kb.models import normalize_language
from fiverr_support_kb.trust._contacts import assess_contact, judge_host, knowledge, listed_suffix
from fiverr_support_kb.trust._results import (
    ContactAssessment,
    ContactKind,
    ContactVerdict,
    FoundContact,
    MessageAssessment,
    MessageVerdict,
    TrustReason,
)
from fiverr_support_kb.trust._rules import RuleWeight, TrustRules
from fiverr_support_kb.trust._text import brandish, fold_text, key, name_has_brand

if TYPE_CHECKING:
    from fiverr_support_kb.accounts import UsernameAssessment
    from fiverr_support_kb.knowledge_base import KnowledgeBase

__all__ = ["NEGATION_WINDOW", "UNLESS_WINDOW", "assess_message", "guess_language"]

#: An ``unless`` pattern cancels a match when it matches this many characters around it.
UNLESS_WINDOW: Final = 160
#: How far back a negation is looked for, within the match's sentence.
NEGATION_WINDOW: Final = 120
_TRAILING: Final = ".,;:!?)]}>»”’'\"…"
# A link ends where white space, a quote, a bracket, a brace or a bar begins (none of them may
# appear unencoded in a URL), so `[www.fiverr.com/login](https://evil.example/)` is two links.
_URL: Final = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]{0,30}://|\bwww\.)[^\s<>\"'`\[\]{}|^]{1,2048}"
)
# A comma or semicolon right before another link's start ends the link before it.
_NEXT_LINK: Final = re.compile(r"[,;](?=[A-Za-z][A-Za-z0-9+.-]{0,30}://|www\.)")
_EMAIL: Final = re.compile(r"[^\s<>@\"'(),;:/\[\]]{1,64}@[^\s<>@\"'(),;:/\[\]]{1,253}")
_DOMAIN: Final = re.compile(
    r"(?<![\w@.:/-])(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,63}\.?(?![\w@-])"
)
_PHONE: Final = re.compile(r"(?:\btel:)?(?:\+|\b00)[0-9][0-9 ().\-]{6,22}[0-9]")
_CONTACT: Final = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (
            ("url", _URL),
            ("email", _EMAIL),
            ("phone", _PHONE),
            ("domain", _DOMAIN),
        )
    )
)
_HANDLE: Final = re.compile(r"(?<![\w.@])@([A-Za-z0-9_.]{3,40})")
_WORD: Final = re.compile(r"[a-z]{3,40}")
_SENTENCE_END: Final = re.compile(r"[.!?;\n]")
_NEGATION: Final = re.compile(
    r"\b(never|not|no|can'?t|cannot|don'?t|dont|do not|does not|doesn'?t|won'?t|will not"
    r"|shouldn'?t|without|soha|sose|sosem|semmikepp|nem|ne|nehogy|nincs|nelkul)\b"
)
#: Phrases with a negation word that negate nothing after them, in the folded text.
_NOT_NEGATIONS: Final = re.compile(
    r"\b(?:(?:do not|don'?t|dont|not to|no need to|ne|nem kell)\s+"
    r"(?:worry|worries|panic|hesitate|aggodj\w*|izgulj\w*|felj\w*|parazz\w*|habozz\w*)"
    r"|no (?:worries|problem|stress)|not a problem|never mind|nem gond|nincs gond|semmi gond"
    r"|(?:do not|don'?t|dont|ne)\s+(?:share|forward|show|reply to|tovabbitsd|mutasd meg|"
    r"oszd meg)\s+(?:this|it|ezt|az?)\b(?:\s+\w+)?(?:\s+(?:with anyone|senkivel|senkinek))?)\b"
)
_HU_LETTERS: Final = frozenset("áéíóöőúüűÁÉÍÓÖŐÚÜŰ")
_HU_WORDS: Final = frozenset(
    [
        "a",
        "az",
        "es",
        "hogy",
        "nem",
        "szia",
        "kerlek",
        "vagy",
        "egy",
        "van",
        "ha",
        "is",
        "meg",
        "ez",
        "csak",
        "itt",
        "mar",
        "de",
        "ki",
        "mit",
        "kell",
        "koszi",
        "koszonom",
        "udv",
        "fiok",
        "fiokod",
        "rendeles",
        "rendelest",
        "jo",
        "napot",
        "ugyfelszolgalat",
    ]
)
_EN_WORDS: Final = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "to",
        "is",
        "of",
        "for",
        "please",
        "hi",
        "hello",
        "we",
        "i",
        "it",
        "this",
        "that",
        "on",
        "with",
        "are",
        "be",
        "can",
        "will",
        "have",
        "my",
        "our",
        "order",
        "account",
    ]
)


def guess_language(text: str) -> str:
    """Guess whether *text* is Hungarian or English (``"hu"`` or ``"en"``), accents or not."""
    sample = text[:4000]
    if any(char in _HU_LETTERS for char in sample):
        return "hu"
    words = re.findall(r"[a-z']{1,20}", sample.lower())
    hungarian = sum(word in _HU_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return "hu" if hungarian > english else "en"


# --- contacts --------------------------------------------------------------------------------


def _clean(found: str) -> str:
    return found.rstrip(_TRAILING)


def find_contacts(text: str, kb: KnowledgeBase, rules: TrustRules) -> tuple[FoundContact, ...]:
    """Find the URLs, e-mail addresses, phone numbers and bare domains in *text*, in order.

    One pass of one pattern: matches never overlap, and at one position a URL wins over an
    address, an address over a phone number, and a phone number over a bare domain. A contact
    said again is judged once.
    """
    found: list[FoundContact] = []
    judged: dict[tuple[str, str], ContactAssessment | None] = {}
    for match in _CONTACT.finditer(text):
        kind = match.lastgroup or ""
        for start, value in _pieces(match):
            if (kind, value) not in judged:
                judged[kind, value] = (
                    assess_contact(value, kb=kb, rules=rules) if _is_contact(kind, value) else None
                )
            assessment = judged[kind, value]
            if assessment is not None:
                found.append(FoundContact(text=value, start=start, assessment=assessment))
    return tuple(found)


def _pieces(match: re.Match[str]) -> list[tuple[int, str]]:
    """Return the contacts of one match with where each starts: one, or links joined by commas.

    Links joined by a comma (`https://www.fiverr.com/login,https://evil.example/`) are each
    judged, not the first with the rest as its path.
    """
    if match.lastgroup != "url" or not _NEXT_LINK.search(match.group()):
        value = _clean(match.group())
        return [(match.start(), value)] if value else []
    pieces: list[tuple[int, str]] = []
    start = match.start()
    for part in _NEXT_LINK.split(match.group()):
        value = _clean(part)
        if value:
            pieces.append((start, value))
        start += len(part) + 1
    return pieces


def _is_contact(kind: str, value: str) -> bool:
    """Tell whether a match of *kind* is a contact: an address's domain has a dot, and so on."""
    if kind == "email":
        return "." in value.rpartition("@")[2]
    if kind == "phone":
        return 8 <= sum(char.isdigit() for char in value) <= 15
    if kind == "domain":
        return listed_suffix(value)
    return True


def _masked(text: str, contacts: tuple[FoundContact, ...]) -> str:
    """Return *text* with each link replaced by its host and each e-mail address by a word.

    The patterns then read what people read: the digits of a link's path are not a bank
    account, and the words of an address are not a request.
    """
    pieces: list[str] = []
    end = 0
    for contact in contacts:
        kind = contact.assessment.kind
        if kind not in (ContactKind.URL, ContactKind.EMAIL):
            continue
        pieces.append(text[end : contact.start])
        if kind is ContactKind.EMAIL:
            pieces.append(" e-mail-address ")
        else:
            host = contact.text.split("://", 1)[-1].removeprefix("//")
            host = re.split(r"[/?#\\]", host, maxsplit=1)[0].rpartition("@")[2]
            pieces.append(f" {host} ")
        end = contact.start + len(contact.text)
    pieces.append(text[end:])
    return "".join(pieces)


# --- rules -----------------------------------------------------------------------------------


def _negated(folded: str, start: int) -> bool:
    """Tell whether a negation comes before *start* in its sentence (within a window).

    Words that only sound like one do not count: "don't worry", "no problem", "ne aggódj",
    "do not share this message" negate nothing that follows them.
    """
    begin = max(start - NEGATION_WINDOW, 0)
    before = folded[begin:start]
    ends = [match.end() for match in _SENTENCE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    return _NEGATION.search(_NOT_NEGATIONS.sub(" ", before)) is not None


def _pattern_codes(folded: str, rules: TrustRules, *, official_sender: bool) -> list[str]:
    codes: list[str] = []
    compiled = rules.compiled()
    for rule in rules.message_rules:
        if rule.code not in compiled or (official_sender and not rule.official_sender):
            continue
        pattern, unless = compiled[rule.code]
        # A match that is negated or cancelled is looked past one character at a time, not
        # past its end: "do not share this message, send your password" negates the match
        # that starts at "share", not the request that starts at "send" inside it.
        position = 0
        while (match := pattern.search(folded, position)) is not None:
            position = match.start() + 1
            if rule.negatable and _negated(folded, match.start()):
                continue
            if unless is not None:
                window = folded[max(match.start() - UNLESS_WINDOW, 0) : match.end() + UNLESS_WINDOW]
                if unless.search(window):
                    continue
            codes.append(rule.code)
            break
    return codes


def _word_codes(text: str, folded: str, rules: TrustRules) -> list[str]:
    codes: list[str] = []
    brand = rules.brand.name
    misspellings = frozenset(rules.brand.misspellings)
    staff = frozenset(rules.brand.staff_misspellings)
    letters = frozenset(brand)
    seen: set[str] = set()
    for match in _WORD.finditer(folded):
        word = match.group()
        if word in seen:
            continue
        seen.add(word)
        if word in staff:
            codes.append("misspelled_brand")
            break
        # Only a word sharing most of the brand's letters can be one edit from it (repeated
        # letters aside): the cheap test spares the edit distance for almost every word.
        if word == brand or len(letters.intersection(word)) < len(letters) - 1:
            continue
        if brandish(key(word), brand, misspellings):
            # A word of the brand's own spelling with letters of another script is caught by
            # the contact checks; here only the plain misspellings count.
            codes.append("misspelled_brand")
            break
    for match in _HANDLE.finditer(text):
        if name_has_brand(match.group(1), brand, misspellings):
            codes.append("brand_handle")
            break
    return codes


def _contact_codes(contacts: tuple[FoundContact, ...], rules: TrustRules) -> list[str]:
    codes: list[str] = []
    tlds = frozenset(rules.suspicious_tlds)
    for contact in contacts:
        verdict = contact.assessment.verdict
        if verdict is ContactVerdict.LOOKALIKE and "lookalike_contact" not in codes:
            codes.append("lookalike_contact")
        if (
            verdict is ContactVerdict.UNRELATED
            and contact.assessment.kind in (ContactKind.URL, ContactKind.EMAIL)
            and "suspicious_tld" not in codes
        ):
            host = re.split(r"[/?#:]", contact.text.split("://", 1)[-1].rpartition("@")[2])[0]
            if host.lower().rstrip(".").rpartition(".")[2] in tlds:
                codes.append("suspicious_tld")
    return codes


def _sender_codes(assessment: UsernameAssessment | None, rules: TrustRules) -> list[str]:
    if assessment is None or assessment.verdict is Verdict.OFFICIAL:
        return []
    if assessment.verdict is Verdict.IMPERSONATION:
        return ["impersonating_sender"]
    name = assessment.username
    if name_has_brand(name, rules.brand.name, frozenset(rules.brand.misspellings)):
        return ["impersonating_sender"]
    if judge_host(name.lower().strip(), rules).verdict is ContactVerdict.LOOKALIKE:
        return ["impersonating_sender"]
    return []


def _verdict(codes: list[str], rules: TrustRules) -> MessageVerdict:
    weights = [rules.message_rule(code).weight for code in codes]
    if RuleWeight.STRONG in weights or weights.count(RuleWeight.WEAK) >= 2:
        return MessageVerdict.SCAM
    if weights:
        return MessageVerdict.SUSPICIOUS
    return MessageVerdict.NO_SIGNALS


def assess_message(
    text: str,
    *,
    sender: str | None = None,
    lang: str | None = None,
    kb: KnowledgeBase | None = None,
    rules: TrustRules | None = None,
) -> MessageAssessment:
    """Judge one message; see :func:`fiverr_support_kb.trust.assess_message`."""
    if not isinstance(text, str):
        raise ArgumentTypeError(f"text must be text (a str), not {describe_type(text)}")
    if sender is not None and not isinstance(sender, str):
        raise ArgumentTypeError(
            f"sender must be a username (a str) or None, not {describe_type(sender)}"
        )
    kb, rules = knowledge(kb, rules)
    text = str.__str__(text)
    language = guess_language(text) if lang is None else normalize_language(lang)
    sender_assessment = None if sender is None else assess_username(sender)
    official_sender = (
        sender_assessment is not None and sender_assessment.verdict is Verdict.OFFICIAL
    )
    contacts = find_contacts(text, kb, rules)
    folded = fold_text(_masked(text, contacts))
    found = [
        *_contact_codes(contacts, rules),
        *_sender_codes(sender_assessment, rules),
        *_word_codes(text, folded, rules),
        *_pattern_codes(folded, rules, official_sender=official_sender),
    ]
    codes = [rule.code for rule in rules.message_rules if rule.code in found]
    if official_sender:
        codes = [code for code in codes if rules.message_rule(code).official_sender]
    reasons = tuple(
        TrustReason(
            code=code,
            text=rules.message_rule(code).text,
            source=rules.source(rules.message_rule(code).source),
        )
        for code in codes
    )
    return MessageAssessment(
        verdict=_verdict(codes, rules),
        reasons=reasons,
        contacts=contacts,
        sender=sender_assessment,
        lang=language,
    )
