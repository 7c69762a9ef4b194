"""The trust rules: their model, the packaged file, loading an app's own file, and its checks.

The rules are data (``data/trust_rules.json``, its JSON Schema beside it): the sources they come
from, with the date each was read; Fiverr's own domains; free mail providers; social sites; and
the message rules with their patterns and their texts in Hungarian and English. A file is read
like the knowledge base: strict JSON, then the strict converter (unknown keys are errors), then
the checks below, every problem reported as ``problem @ $.path``.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Final

import attrs

from fiverr_support_kb._loading import parse_json, read_data_file, read_packaged, structure
from fiverr_support_kb._memo import Memo, once
from fiverr_support_kb.errors import KnowledgeBaseError

# attrs and cattrs resolve these annotations at run time.
from fiverr_support_kb.models import LocalizedText, SocialNetwork  # noqa: TC001

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping, Sequence

__all__ = [
    "CONTACT_REASON_CODES",
    "MESSAGE_RULE_CODES",
    "TRUST_RULES_FILE",
    "BrandTerms",
    "ContactReasonText",
    "MessageRule",
    "OfficialDomain",
    "RuleSource",
    "RuleWeight",
    "SocialHost",
    "TrustRules",
    "default_trust_rules",
    "load_trust_rules",
    "parse_trust_rules",
]

#: The packaged rules file, under ``fiverr_support_kb/data/``.
TRUST_RULES_FILE: Final = "trust_rules.json"

#: The contact reason codes the code gives; a rules file must give each a text and a source.
CONTACT_REASON_CODES: Final = (
    "official_domain",
    "official_channel",
    "idn_homograph",
    "punycode",
    "typosquat",
    "brand_in_other_domain",
    "brand_in_path",
    "userinfo",
    "free_mail",
    "brand_in_mailbox",
    "social_lookalike",
    "phone_near",
    "invalid_punycode",
    "not_a_web_link",
    "other_recipient",
    "display_name",
)
#: The message rules the code fires itself (they need no patterns); a file must have each.
MESSAGE_RULE_CODES: Final = (
    "lookalike_contact",
    "impersonating_sender",
    "misspelled_brand",
    "brand_handle",
    "suspicious_tld",
)


class RuleWeight(str, enum.Enum):
    """How much one message rule counts towards the verdict."""

    #: Enough on its own for :attr:`~fiverr_support_kb.MessageVerdict.SCAM`.
    STRONG = "strong"
    #: One makes a message suspicious; two different ones make it a scam.
    WEAK = "weak"


@attrs.frozen(kw_only=True)
class RuleSource:
    """A page a rule comes from, and when it was read."""

    #: A short id the rules refer to, such as ``"S4"``.
    id: str
    #: The page's address; ``None`` only for the knowledge base's own source article.
    url: str | None
    title: str
    publisher: str
    #: The date the page shows (``YYYY-MM-DD``), when it shows one.
    published: str | None
    #: The date the page was read for these rules (``YYYY-MM-DD``).
    read: str
    #: The words of the page the rule rests on, verbatim.
    quote: str


@attrs.frozen(kw_only=True)
class BrandTerms:
    """The brand, the misspellings fakes use, and misspelt staff words."""

    name: str
    misspellings: tuple[str, ...]
    staff_misspellings: tuple[str, ...]


@attrs.frozen(kw_only=True)
class OfficialDomain:
    """A registrable domain every host of which is Fiverr's."""

    domain: str
    source: str


@attrs.frozen(kw_only=True)
class SocialHost:
    """A social or messaging site whose pages are judged by their handle."""

    domain: str
    #: The network of the knowledge base's official pages, ``None`` for a site it has none on.
    network: SocialNetwork | None


@attrs.frozen(kw_only=True)
class ContactReasonText:
    """The text of one contact reason; ``{value}`` and ``{imitates}`` are filled in."""

    code: str
    source: str
    text: LocalizedText


@attrs.frozen(kw_only=True)
class MessageRule:
    """One sign of a fake message, with the patterns that find it."""

    code: str
    weight: RuleWeight
    source: str
    #: Whether the rule also applies to a message from an official account.
    official_sender: bool
    #: Whether a negation earlier in the same sentence ("never", "soha", "ne" ...) cancels a
    #: match: requests are negated by warnings ("we never ask for your password").
    negatable: bool
    text: LocalizedText
    #: Regular expressions over the folded text; bounded repetition only (linear time).
    patterns: tuple[str, ...]
    #: A match is ignored when one of these matches within :data:`UNLESS_WINDOW` of it.
    unless: tuple[str, ...]


@attrs.frozen(kw_only=True)
class TrustRules:
    """The whole rules file."""

    data_version: str
    notes: str
    sources: tuple[RuleSource, ...]
    brand: BrandTerms
    official_domains: tuple[OfficialDomain, ...]
    free_mail_domains: tuple[str, ...]
    social_hosts: tuple[SocialHost, ...]
    suspicious_tlds: tuple[str, ...]
    contact_reasons: tuple[ContactReasonText, ...]
    message_rules: tuple[MessageRule, ...]
    # Compiled patterns and lookups, built on first use; not part of the value.
    _memo: Memo = attrs.field(init=False, factory=Memo, eq=False, repr=False, hash=False)

    def source(self, source_id: str) -> RuleSource:
        """Return the source with *source_id* (the file's checks guarantee it exists)."""
        return self._memo.get("sources", lambda: {s.id: s for s in self.sources})[source_id]

    def contact_reason(self, code: str) -> ContactReasonText:
        """Return the text of the contact reason *code*."""
        index = self._memo.get("contact", lambda: {r.code: r for r in self.contact_reasons})
        return index[code]

    def message_rule(self, code: str) -> MessageRule:
        """Return the message rule *code*."""
        index = self._memo.get("rules", lambda: {r.code: r for r in self.message_rules})
        return index[code]

    def compiled(self) -> Mapping[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
        """Each pattern rule's code with its one pattern and its one ``unless`` pattern."""
        return self._memo.get("compiled", lambda: _compile(self.message_rules))


def _compile(
    rules: tuple[MessageRule, ...],
) -> dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]:
    compiled: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
    for rule in rules:
        if rule.patterns:
            pattern = re.compile("|".join(f"(?:{p})" for p in rule.patterns))
            unless = re.compile("|".join(f"(?:{p})" for p in rule.unless)) if rule.unless else None
            compiled[rule.code] = (pattern, unless)
    return compiled


# --- checks ----------------------------------------------------------------------------------

_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODE: Final = re.compile(r"[a-z][a-z0-9_]{0,40}")
_DOMAIN: Final = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_UNBOUNDED: Final = re.compile(r"\{[0-9]*,\}")


def unbounded(pattern: str) -> bool:
    """Tell whether *pattern* repeats anything without a bound (``*``, ``+`` or ``{n,}``).

    Every rule pattern must match at most a bounded number of characters: the work at each
    position of a message is then bounded, so a message of any length is read in linear time.
    """
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A "]" right after "[" or "[^" is a literal member of the class.
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char in "*+" or (char == "{" and _UNBOUNDED.match(pattern, index)):
            return True
        index += 1
    return False


def _pattern_problems(rule: MessageRule, where: str) -> list[str]:
    problems: list[str] = []
    for field, patterns in (("patterns", rule.patterns), ("unless", rule.unless)):
        for index, pattern in enumerate(patterns):
            path = f"{where}.{field}[{index}]"
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(f"not a valid regular expression ({exc}) @ {path}")
                continue
            if unbounded(pattern):
                problems.append(
                    "unbounded repetition (*, + or {n,}); use a bound such as {0,24} @ " + path
                )
    return problems


def _text_problems(text: LocalizedText, where: str, *, placeholders: bool) -> list[str]:
    problems: list[str] = []
    for lang, value in text.items():
        if not value.strip():
            problems.append(f"blank text @ {where}.{lang}")
        elif placeholders:
            try:
                value.format(value="x", imitates="y")
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(
                    f"only {{value}} and {{imitates}} may be filled in ({exc}) @ {where}.{lang}"
                )
    return problems


def _source_problems(rules: TrustRules) -> tuple[list[str], set[str]]:
    problems: list[str] = []
    ids: set[str] = set()
    for index, source in enumerate(rules.sources):
        where = f"$.sources[{index}]"
        if source.id in ids:
            problems.append(f"duplicate source id {source.id!r} @ {where}.id")
        ids.add(source.id)
        if source.url is not None and not source.url.startswith("https://"):
            problems.append(f"a source URL must start with https:// @ {where}.url")
        for field in ("read", "published"):
            value = getattr(source, field)
            if value is not None and not _DATE.fullmatch(value):
                problems.append(f"expected a date as YYYY-MM-DD @ {where}.{field}")
    return problems, ids


def _list_problems(rules: TrustRules) -> list[str]:
    problems: list[str] = []
    lists = {
        "official_domains": [entry.domain for entry in rules.official_domains],
        "free_mail_domains": list(rules.free_mail_domains),
        "social_hosts": [entry.domain for entry in rules.social_hosts],
    }
    for name, domains in lists.items():
        seen: set[str] = set()
        for index, domain in enumerate(domains):
            if not _DOMAIN.fullmatch(domain):
                problems.append(f"expected a lower-case ASCII domain @ $.{name}[{index}]")
            if domain in seen:
                problems.append(f"duplicate domain {domain!r} @ $.{name}[{index}]")
            seen.add(domain)
    if not rules.official_domains:
        problems.append("at least one official domain is needed @ $.official_domains")
    return problems


def _word_problems(rules: TrustRules) -> list[str]:
    problems: list[str] = []
    for index, tld in enumerate(rules.suspicious_tlds):
        if not re.fullmatch(r"[a-z]{2,63}", tld):
            problems.append(f"expected a lower-case top-level domain @ $.suspicious_tlds[{index}]")
    brand = rules.brand
    if not re.fullmatch(r"[a-z]{3,40}", brand.name):
        problems.append("expected lower-case ASCII letters @ $.brand.name")
    for field in ("misspellings", "staff_misspellings"):
        for index, word in enumerate(getattr(brand, field)):
            if not re.fullmatch(r"[a-z]{2,40}", word):
                problems.append(f"expected lower-case ASCII letters @ $.brand.{field}[{index}]")
    return problems


def _entry_problems(
    name: str,
    entries: Sequence[ContactReasonText | MessageRule],
    required: tuple[str, ...],
    ids: set[str],
) -> list[str]:
    problems: list[str] = []
    codes: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"$.{name}[{index}]"
        if not _CODE.fullmatch(entry.code):
            problems.append(f"expected a code such as 'asks_password' @ {where}.code")
        if entry.code in codes:
            problems.append(f"duplicate code {entry.code!r} @ {where}.code")
        codes.add(entry.code)
        if entry.source not in ids:
            problems.append(f"unknown source {entry.source!r} @ {where}.source")
        problems.extend(
            _text_problems(
                entry.text, f"{where}.text", placeholders=isinstance(entry, ContactReasonText)
            )
        )
        if isinstance(entry, MessageRule):
            problems.extend(_pattern_problems(entry, where))
    problems.extend(f"missing code {code!r} @ $.{name}" for code in required if code not in codes)
    return problems


def trust_rules_problems(rules: TrustRules) -> list[str]:
    """Return every problem of *rules* that the converter cannot see, as ``problem @ $.path``."""
    problems, ids = _source_problems(rules)
    problems.extend(_list_problems(rules))
    problems.extend(_word_problems(rules))
    problems.extend(
        _entry_problems("contact_reasons", rules.contact_reasons, CONTACT_REASON_CODES, ids)
    )
    problems.extend(_entry_problems("message_rules", rules.message_rules, MESSAGE_RULE_CODES, ids))
    for index, entry in enumerate(rules.official_domains):
        if entry.source not in ids:
            problems.append(f"unknown source {entry.source!r} @ $.official_domains[{index}].source")
    return problems


# --- loading ---------------------------------------------------------------------------------


def parse_trust_rules(raw: bytes, source: str) -> TrustRules:
    """Parse, structure and check a rules file's bytes, or raise KnowledgeBaseError."""
    rules = structure(parse_json(raw, source), TrustRules, source)
    problems = trust_rules_problems(rules)
    if problems:
        raise KnowledgeBaseError(source, problems)
    return rules


def load_trust_rules(path: str | os.PathLike[str]) -> TrustRules:
    """Load and check an app's own rules file (the shape of the packaged ``trust_rules.json``).

    Raises:
        TypeError: *path* is not a ``str`` or path-like object.
        KnowledgeBaseError: the file cannot be read, is not JSON, or is invalid; the message
            lists every problem as ``problem @ $.path``.
    """
    return parse_trust_rules(*read_data_file(path))


@once
def default_trust_rules() -> TrustRules:
    """Return the packaged rules, loaded and checked once, on first use (thread-safe)."""
    return parse_trust_rules(*read_packaged(TRUST_RULES_FILE))
