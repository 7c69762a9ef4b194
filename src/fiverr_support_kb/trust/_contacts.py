"""Judging one contact: an e-mail address, a URL, a bare domain or a phone number.

The registrable domain of a host comes from the Public Suffix List (the ``publicsuffixlist``
package, which bundles it and never goes to the network); hosts are never cut at dots to find
it. The rest is the brand test of :mod:`._text` applied to the parts people read.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import unquote

from fiverr_support_kb._memo import once
from fiverr_support_kb.errors import ArgumentTypeError, describe_type
from fiverr_support_kb.knowledge_base import KnowledgeBase, default_kb
from fiverr_support_kb.models import Channel, ChannelKind, SocialNetwork
from fiverr_support_kb.trust._results import (
    ContactAssessment,
    ContactKind,
    ContactVerdict,
    TrustReason,
)
from fiverr_support_kb.trust._rules import TrustRules, default_trust_rules
from fiverr_support_kb.trust._text import brandish, edit_distance, key, name_has_brand

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = [
    "MAX_CONTACT_LENGTH",
    "assess_contact",
    "judge",
    "judge_host",
    "kind_of",
    "knowledge",
    "listed_suffix",
]

#: Values longer than this (after stripping) are judged on their first this many characters.
MAX_CONTACT_LENGTH: Final = 4096
#: Dropped around a value: ASCII white space, no-break spaces and zero-width characters (a
#: pasted address often brings them along; inside a value they are kept and judged).
_WHITESPACE: Final = " \t\n\r\x0b\x0c\u00a0\u202f\u200b\u200c\u200d\u2060\ufeff"
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:(?=//)")
#: The schemes of a link that opens a web page: only such a link can be Fiverr's page.
_WEB_SCHEMES: Final = frozenset({"http", "https"})
#: Quotes and brackets a pasted contact may come in, by their opening character.
_ENCLOSING: Final = MappingProxyType(
    {
        '"': '"',
        "'": "'",
        "(": ")",
        "[": "]",
        "<": ">",
        "\u201c": "\u201d",
        "\u2018": "\u2019",
        "\u00ab": "\u00bb",
    }
)
_NAME_ADDR: Final = re.compile(r"[^<>]{0,500}<([^<>]{0,4000})>")
_PHONE: Final = re.compile(r"[+0-9 ()./\-\u00a0]{5,40}")
_IPV4: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")
_DOTS: Final = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
#: Phone numbers this many edits or fewer from the official one imitate it.
PHONE_EDITS: Final = 2
#: Path segments that come before the handle on a social site (for the brand test only: the
#: official page is matched on its own path, ``company/fiverr-com``, not ``in/fiverr-com``).
_SOCIAL_PREFIXES: Final = frozenset({"company", "in", "school", "pages", "pg", "groups", "s", "@"})
#: A ``(0)`` right after the country code: the trunk prefix, not dialled from abroad.
_TRUNK_ZERO: Final = re.compile(r"^\(?((?:\+|00)[ .\-\u00a0]*[0-9]{1,3})\)?[ .\-\u00a0]*\(0\)")


@once
def _psl() -> PublicSuffixList:
    from publicsuffixlist import PublicSuffixList  # noqa: PLC0415 - only when judging a host

    return PublicSuffixList()


def listed_suffix(domain: str) -> bool:
    """Tell whether a bare domain ends in a suffix the Public Suffix List knows.

    A name with non-ASCII letters counts as listed: it is judged as a domain either way.
    """
    host = domain.lower().rstrip(".")
    if not host.isascii():
        return True
    return _psl().publicsuffix(host, accept_unknown=False) is not None


class _Official(NamedTuple):
    phone: str
    phone_channel: Channel | None
    emails: dict[str, Channel]
    #: Per network: the official page's path segments (lower case) and its channel.
    social: dict[SocialNetwork, tuple[tuple[str, ...], Channel]]
    #: The portal and forum channels by (host without ``www.``, path without a final ``/``).
    pages: dict[tuple[str, str], Channel]


def _segments(path: str) -> list[str]:
    """Return a URL path's segments as a browser resolves them, decoded and in lower case.

    A backslash is a slash; ``.`` segments are dropped and ``..`` climbs one (also written
    ``%2e``), so ``/fiverr/../scam`` is ``["scam"]``; empty segments are dropped. Each segment
    is decoded after that: an encoded slash stays inside its segment.
    """
    resolved: list[str] = []
    for segment in path.replace("\\", "/").split("/"):
        dots = segment.lower().replace("%2e", ".")
        if dots == "..":
            if resolved:
                resolved.pop()
        elif segment and dots != ".":
            resolved.append(unquote(segment).lower())
    return resolved


def _handle(path: str) -> str:
    """Return the handle a social URL's path names (``/company/fiverr-com`` -> ``fiverr-com``)."""
    parts = [part for part in path.split("/") if part]
    while len(parts) > 1 and parts[0].lower() in _SOCIAL_PREFIXES:
        parts = parts[1:]
    return parts[0].lstrip("@").lower() if parts else ""


def _official(kb: KnowledgeBase) -> _Official:
    phone = ""
    phone_channel: Channel | None = None
    emails: dict[str, Channel] = {}
    social: dict[SocialNetwork, tuple[tuple[str, ...], Channel]] = {}
    pages: dict[tuple[str, str], Channel] = {}
    for channel in kb.channels:
        if channel.kind is ChannelKind.PHONE and phone_channel is None:
            phone, phone_channel = re.sub(r"[^0-9]", "", channel.address), channel
        elif channel.kind is ChannelKind.EMAIL:
            emails[channel.address.lower()] = channel
        elif channel.network is not None:
            social[channel.network] = (tuple(_segments(_split_url(channel.address)[2])), channel)
        else:
            _, host, path = _split_url(channel.address)
            page = (_host_of(host).removeprefix("www."), path.rstrip("/").lower())
            pages.setdefault(page, channel)
    return _Official(
        phone=phone, phone_channel=phone_channel, emails=emails, social=social, pages=pages
    )


def _official_of(kb: KnowledgeBase) -> _Official:
    return kb._memo.get("trust_official", lambda: _official(kb))  # noqa: SLF001 - a derived value of the kb


# --- parsing ---------------------------------------------------------------------------------


def _split_url(url: str) -> tuple[str, str, str]:
    """Return a URL's userinfo, host (with port) and path, for any way people paste one."""
    match = _SCHEME.match(url)
    rest = url[match.end() :] if match else url
    rest = rest.removeprefix("//")
    stop = len(rest)
    for mark in "/?#\\":
        index = rest.find(mark)
        if index != -1:
            stop = min(stop, index)
    authority, tail = rest[:stop], rest[stop:]
    path = re.split(r"[?#]", tail, maxsplit=1)[0]
    userinfo, _, hostport = authority.rpartition("@")
    return userinfo, hostport, path


def _host_of(hostport: str) -> str:
    host = hostport
    if host.startswith("["):
        return host  # an IPv6 literal
    name, colon, port = host.rpartition(":")
    if colon and (port.isdigit() or not port):
        host = name
    host = unicodedata.normalize("NFKC", host.translate(_DOTS)).lower()
    return host.rstrip(".")


def kind_of(value: str) -> tuple[ContactKind, str]:  # noqa: PLR0911 - one return per kind reads clearest
    """Return what *value* is and the part to judge (the address of ``Name <addr>`` ...)."""
    match = _NAME_ADDR.fullmatch(value)
    if match:
        value = match.group(1).strip(_WHITESPACE)
    for _ in range(3):  # a pasted contact in quotes or brackets: "…", (…), […], “…”, <…>
        if len(value) > 2 and _ENCLOSING.get(value[0]) == value[-1]:
            value = value[1:-1].strip(_WHITESPACE)
    lower = value[:7].lower()
    if lower.startswith("tel:"):
        return ContactKind.PHONE, value[4:]
    if lower.startswith("mailto:"):  # its ?cc=, ?bcc= and ?to= are recipients too
        return ContactKind.EMAIL, value[7:]
    if _PHONE.fullmatch(value) and sum(char.isdigit() for char in value) >= 5:
        return ContactKind.PHONE, value
    if _SCHEME.match(value) or value.startswith("//"):
        return ContactKind.URL, value
    if "@" in value and not re.search(r"[/?#]", value.split("@", 1)[0]):
        return ContactKind.EMAIL, value
    if re.search(r"[/?#]", value) or re.search(r":[0-9]", value):
        return ContactKind.URL, value
    return ContactKind.DOMAIN, value


# --- judging hosts ---------------------------------------------------------------------------


class _Judged(NamedTuple):
    verdict: ContactVerdict
    codes: tuple[str, ...] = ()
    imitates: str | None = None
    channel: Channel | None = None


_UNRELATED: Final = _Judged(ContactVerdict.UNRELATED)


def _decode_labels(host: str) -> tuple[list[str], list[str], bool]:
    """Return a host's Unicode labels, its ASCII (A-label) labels, and if one did not decode."""
    unicode_labels: list[str] = []
    ascii_labels: list[str] = []
    broken = False
    for label in host.split("."):
        if label.startswith("xn--"):
            ascii_labels.append(label)
            try:
                unicode_labels.append(label[4:].encode("ascii").decode("punycode"))
            except (UnicodeError, ValueError):
                unicode_labels.append(label)
                broken = True
        elif label.isascii():
            ascii_labels.append(label)
            unicode_labels.append(label)
        else:
            unicode_labels.append(label)
            try:
                ascii_labels.append("xn--" + label.encode("punycode").decode("ascii"))
            except UnicodeError:
                ascii_labels.append(label)
                broken = True
    return unicode_labels, ascii_labels, broken


def judge_host(host: str, rules: TrustRules) -> _Judged:
    """Judge a lower-case host name: Fiverr's, a lookalike of it, or unrelated."""
    home = rules.official_domains[0].domain
    if "." not in host or host.startswith("[") or _IPV4.fullmatch(host):
        return _UNRELATED
    unicode_labels, ascii_labels, broken = _decode_labels(host)
    registrable = _psl().privatesuffix(".".join(ascii_labels))
    official = {entry.domain for entry in rules.official_domains}
    if registrable in official and not broken:
        return _Judged(ContactVerdict.OFFICIAL, ("official_domain",), registrable)
    # The registrable label: the one just left of the public suffix.
    label_index = len(ascii_labels) - registrable.count(".") - 1 if registrable else 0
    brand = rules.brand.name
    misspellings = frozenset(rules.brand.misspellings)
    label = unicode_labels[label_index]
    label_key = key(label)
    non_ascii = not label.isascii()
    encoded = ascii_labels[label_index].startswith("xn--") and host.isascii()
    codes: list[str] = []
    if non_ascii and (label_key == brand or name_has_brand(label, brand, misspellings)):
        codes.append("idn_homograph")
        if encoded:
            codes.append("punycode")
    elif brandish(label_key, brand, misspellings):
        codes.append("typosquat")
    elif name_has_brand(label, brand, misspellings):
        codes.append("brand_in_other_domain")
    if not codes and any(
        name_has_brand(part, brand, misspellings) for part in unicode_labels[:label_index]
    ):
        codes.append("brand_in_other_domain")
    if not codes and broken:
        codes.append("invalid_punycode")
    if codes:
        return _Judged(ContactVerdict.LOOKALIKE, tuple(codes), home)
    return _UNRELATED


# --- judging each kind -----------------------------------------------------------------------


def _judge_url(value: str, rules: TrustRules, official: _Official) -> _Judged:  # noqa: PLR0911 - one return per finding
    userinfo, hostport, path = _split_url(value)
    host = _host_of(hostport)
    judged = judge_host(host, rules)
    brand = rules.brand.name
    misspellings = frozenset(rules.brand.misspellings)
    home = rules.official_domains[0].domain
    if not _opens_a_page(value):
        return _not_a_page(judged, userinfo, rules)
    if judged.verdict is ContactVerdict.OFFICIAL:
        channel = _official_channel(path, host, official)
        if channel is not None:
            return _Judged(ContactVerdict.OFFICIAL, ("official_channel",), channel.address, channel)
        return judged
    if userinfo and name_has_brand(unquote(userinfo), brand, misspellings):
        return _Judged(ContactVerdict.LOOKALIKE, ("userinfo", *judged.codes), home)
    if judged.verdict is ContactVerdict.LOOKALIKE:
        return judged
    registrable = _psl().privatesuffix(host) if host.isascii() else None
    for entry in rules.social_hosts:
        if registrable == entry.domain:
            return _judge_social(entry.network, path, rules, official)
    for segment in unquote(path).split("/"):
        segment_key = key(segment)
        if segment and (
            segment_key.startswith(brand)
            or any(segment_key.startswith(word) for word in misspellings if len(word) >= 5)
        ):
            return _Judged(ContactVerdict.LOOKALIKE, ("brand_in_path",), home)
    return _UNRELATED


def _opens_a_page(value: str) -> bool:
    """Tell whether the link *value* opens a web page: its scheme is http(s), or it has none."""
    scheme = _SCHEME.match(value)
    return scheme is None or scheme.group()[:-1].lower() in _WEB_SCHEMES


def _not_a_page(judged: _Judged, userinfo: str, rules: TrustRules) -> _Judged:
    """Judge a link that opens no web page, its host *judged*: Fiverr's or its lookalike's?

    ``javascript://www.fiverr.com/%0a...``, ``intent://www.fiverr.com/#Intent;...``: code or
    an app, never Fiverr's page, whatever host it names.
    """
    brand, misspellings = rules.brand.name, frozenset(rules.brand.misspellings)
    if judged.verdict is ContactVerdict.UNRELATED and not name_has_brand(
        unquote(userinfo), brand, misspellings
    ):
        return _UNRELATED
    codes = judged.codes if judged.verdict is ContactVerdict.LOOKALIKE else ()
    return _Judged(
        ContactVerdict.LOOKALIKE, ("not_a_web_link", *codes), rules.official_domains[0].domain
    )


def _official_channel(path: str, host: str, official: _Official) -> Channel | None:
    """Return the support channel a URL on Fiverr's domain is, if it is one."""
    wanted = (host.removeprefix("www."), path.rstrip("/").lower())
    return official.pages.get(wanted)


def _judge_social(
    network: SocialNetwork | None, path: str, rules: TrustRules, official: _Official
) -> _Judged:
    segments = _segments(path)
    if segments:
        segments[0] = segments[0].removeprefix("@")
    page = official.social.get(network) if network is not None else None
    if page is not None and tuple(segments[: len(page[0])]) == page[0]:
        return _Judged(ContactVerdict.OFFICIAL, ("official_channel",), page[1].address, page[1])
    # The handle a reader sees, before and after the browser resolves the path: a page that
    # names the brand only to climb out of it (x.com/fiverr/../scam) imitates it too.
    handles = (_handle("/".join(segments)), _handle(unquote(path)))
    brand, misspellings = rules.brand.name, frozenset(rules.brand.misspellings)
    if any(handle and name_has_brand(handle, brand, misspellings) for handle in handles):
        imitates = page[1].address if page is not None else rules.official_domains[0].domain
        return _Judged(ContactVerdict.LOOKALIKE, ("social_lookalike",), imitates)
    return _UNRELATED


def _recipients(value: str) -> list[str]:
    """Return every address *value* sends to: its list, and a ``mailto:`` link's to, cc, bcc.

    Addresses are separated by commas or semicolons; each may be ``Name <address>``.
    """
    head, _, query = value.partition("?")
    found = re.split(r"[,;]", unquote(head.partition("#")[0]))
    for pair in query.partition("#")[0].split("&"):
        name, _, field = pair.partition("=")
        if name.strip().lower() in ("to", "cc", "bcc"):
            found.extend(re.split(r"[,;]", unquote(field.replace("+", " "))))
    return [address.strip(_WHITESPACE) for address in found if address.strip(_WHITESPACE)]


def _judge_email(value: str, rules: TrustRules, official: _Official) -> _Judged:
    """Judge an address, or a list of them: official only if every one of them is Fiverr's."""
    recipients = _recipients(value)
    if len(recipients) <= 1:
        return _judge_recipient(recipients[0] if recipients else value, rules, official)
    judged = [_judge_recipient(recipient, rules, official) for recipient in recipients]
    for result in judged:
        if result.verdict is ContactVerdict.LOOKALIKE:
            return result
    if all(result.verdict is ContactVerdict.OFFICIAL for result in judged):
        return judged[0]
    found = next((result for result in judged if result.verdict is ContactVerdict.OFFICIAL), None)
    if found is not None:  # Fiverr's address beside another: the other one reads it too
        imitates = found.imitates or rules.official_domains[0].domain
        return _Judged(ContactVerdict.LOOKALIKE, ("other_recipient",), imitates)
    return _UNRELATED


def _judge_recipient(value: str, rules: TrustRules, official: _Official) -> _Judged:
    """Judge one address, ``Name <address>`` too: a name that shows the brand is a disguise."""
    match = _NAME_ADDR.fullmatch(value)
    if match is None:
        return _judge_address(value, rules, official)
    judged = _judge_address(match.group(1).strip(_WHITESPACE), rules, official)
    name = value[: value.rfind("<")]
    return _with_display_name(judged, name, rules)


def _with_display_name(judged: _Judged, name: str, rules: TrustRules) -> _Judged:
    """Return *judged*, or a lookalike when it is unrelated and its display *name* shows Fiverr."""
    if judged.verdict is ContactVerdict.UNRELATED and name_has_brand(
        name, rules.brand.name, frozenset(rules.brand.misspellings)
    ):
        home = rules.official_domains[0].domain
        return _Judged(ContactVerdict.LOOKALIKE, ("display_name",), home)
    return judged


def _judge_address(value: str, rules: TrustRules, official: _Official) -> _Judged:
    local, _, domain = value.rpartition("@")
    host = _host_of(domain)
    judged = judge_host(host, rules)
    address = f"{local.lower()}@{host}"
    if judged.verdict is ContactVerdict.OFFICIAL:
        channel = official.emails.get(address)
        if channel is not None:
            return _Judged(ContactVerdict.OFFICIAL, ("official_channel",), channel.address, channel)
        return judged
    if judged.verdict is ContactVerdict.LOOKALIKE:
        return judged
    if name_has_brand(local, rules.brand.name, frozenset(rules.brand.misspellings)):
        home = rules.official_domains[0].domain
        registrable = _psl().privatesuffix(host) if host.isascii() else None
        code = "free_mail" if registrable in rules.free_mail_domains else "brand_in_mailbox"
        return _Judged(ContactVerdict.LOOKALIKE, (code,), home)
    return _UNRELATED


def _judge_phone(value: str, official: _Official) -> _Judged:
    text = _TRUNK_ZERO.sub(r"\1", value.strip(_WHITESPACE))
    digits = re.sub(r"[^0-9]", "", text)
    digits = digits.removeprefix("00")
    if not official.phone or not 5 <= len(digits) <= 17:
        return _UNRELATED
    shown = f"+{official.phone}"
    if digits == official.phone:
        channel = official.phone_channel
        return _Judged(ContactVerdict.OFFICIAL, ("official_channel",), shown, channel)
    if edit_distance(digits, official.phone, PHONE_EDITS) <= PHONE_EDITS:
        return _Judged(ContactVerdict.LOOKALIKE, ("phone_near",), shown)
    return _UNRELATED


def judge(value: str, kb: KnowledgeBase, rules: TrustRules) -> tuple[ContactKind, _Judged]:
    """Return the kind of *value* (already stripped) and the verdict, with reason codes."""
    value = value[:MAX_CONTACT_LENGTH]
    kind, part = kind_of(value)
    official = _official_of(kb)
    part = part.strip(_WHITESPACE)
    if kind is ContactKind.PHONE:
        judged = _judge_phone(part, official)
    elif kind is ContactKind.EMAIL:
        judged = _judge_email(part, rules, official)
    else:  # a URL, or a bare domain: a URL with nothing but its host
        judged = _judge_url(part, rules, official)
    match = _NAME_ADDR.fullmatch(value)
    if match is not None:  # `"Fiverr Support" <noreply@evil.example>`
        judged = _with_display_name(judged, value[: value.rfind("<")], rules)
    return kind, judged


def reasons_of(
    codes: tuple[str, ...], value: str, imitates: str | None, rules: TrustRules
) -> tuple[TrustReason, ...]:
    """Build the reasons for *codes*, their texts filled in with *value* and *imitates*."""
    reasons: list[TrustReason] = []
    for code in codes:
        entry = rules.contact_reason(code)
        fill = {"value": value, "imitates": imitates or ""}
        text = type(entry.text)(hu=entry.text.hu.format(**fill), en=entry.text.en.format(**fill))
        reasons.append(TrustReason(code=code, text=text, source=rules.source(entry.source)))
    return tuple(reasons)


def knowledge(
    kb: KnowledgeBase | None, rules: TrustRules | None
) -> tuple[KnowledgeBase, TrustRules]:
    """Return *kb* and *rules*, the packaged ones for ``None``, or refuse another type."""
    if kb is None:
        kb = default_kb()
    elif not isinstance(kb, KnowledgeBase):
        raise ArgumentTypeError(f"kb must be a KnowledgeBase, not {describe_type(kb)}")
    if rules is None:
        rules = default_trust_rules()
    elif not isinstance(rules, TrustRules):
        raise ArgumentTypeError(f"rules must be TrustRules, not {describe_type(rules)}")
    return kb, rules


def assess_contact(
    value: str, *, kb: KnowledgeBase | None = None, rules: TrustRules | None = None
) -> ContactAssessment:
    """Judge one contact; see :func:`fiverr_support_kb.trust.assess_contact`."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"value must be text (a str), not {describe_type(value)}")
    kb, rules = knowledge(kb, rules)
    plain = str.__str__(value)
    stripped = plain.strip(_WHITESPACE)
    kind, judged = judge(stripped, kb, rules)
    shown = stripped[:200]
    return ContactAssessment(
        value=plain,
        verdict=judged.verdict,
        kind=kind,
        channel=judged.channel,
        imitates=judged.imitates,
        reasons=reasons_of(judged.codes, shown, judged.imitates, rules),
    )
