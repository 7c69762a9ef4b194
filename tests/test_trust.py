"""Message and contact trust: assess_contact, assess_message and the rules file."""

from __future__ import annotations

import json
import time
import unicodedata
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import (
    ChannelKind,
    ContactKind,
    ContactVerdict,
    KnowledgeBaseError,
    MessageVerdict,
    RuleWeight,
    TrustRules,
    UnsupportedLanguageError,
    Verdict,
    assess_contact,
    assess_message,
    default_kb,
    load_trust_rules,
)
from fiverr_support_kb.errors import ArgumentTypeError
from fiverr_support_kb.trust import default_trust_rules
from fiverr_support_kb.trust._rules import unbounded

if TYPE_CHECKING:
    from pathlib import Path

# --- contacts: official ----------------------------------------------------------------------

OFFICIAL_FORMS: Final = (
    "fiverr.com",
    "FIVERR.COM",
    "www.fiverr.com.",
    "pro.fiverr.com",
    "https://www.fiverr.com/support",
    "HTTPS://WWW.FIVERR.COM/SUPPORT/",
    "http://fiverr.com:443/inbox?x=1#top",
    "//fiverr.com/gigs",
    "fiverr.com/categories",
    "https://help.fiverr.com/hc/en-us",
    "  https://community.fiverr.com/  ",
    "support@fiverr.com",
    "Support@Fiverr.com",
    "Fiverr Team <support@fiverr.com>",
    "mailto:support@fiverr.com?subject=Help",
    "noreply@e.fiverr.com",
    "+97236317882",
    "+972 3-631-7882",
    "(+972) 3 631 7882",
    "00972 3 631 7882",
    "tel:+972-3-631-7882",
    "+972 (0)3 631 7882",
    "(+972) (0)3 631 7882",
    "\u00a0fiverr.com\u200b",  # pasted with a no-break space and a zero-width one
    "mailto:support@fiverr.com,support@fiverr.com",
    "https://twitter.com/fiverr",
    "https://x.com/Fiverr/status/123",
    "https://www.instagram.com/fiverr/?hl=hu",
    "https://www.facebook.com/Fiverr/",
    "https://www.linkedin.com/company/fiverr-com",
    "https://www.pinterest.com/fiverr/",
    "ｆｉｖｅｒｒ.ｃｏｍ",
)


@pytest.mark.parametrize("value", OFFICIAL_FORMS)
def test_every_official_form_is_official(value: str) -> None:
    """Fiverr's domain, subdomains, address, phone and pages in any pasted form are official."""
    result = assess_contact(value)
    assert result.verdict is ContactVerdict.OFFICIAL, result
    assert result.imitates is not None
    assert result.reasons


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("+972 3 631 7882", ChannelKind.PHONE),
        ("SUPPORT@fiverr.com", ChannelKind.EMAIL),
        ("https://www.fiverr.com/support", ChannelKind.SUPPORT_PORTAL),
        ("community.fiverr.com/", ChannelKind.COMMUNITY_FORUM),
        ("twitter.com/fiverr", ChannelKind.SOCIAL),
    ],
)
def test_official_channels_are_named(value: str, kind: ChannelKind) -> None:
    """A value that is one of the knowledge base's channels carries that very channel."""
    result = assess_contact(value)
    assert result.channel is not None
    assert result.channel.kind is kind
    assert result.channel in default_kb().channels


# --- contacts: lookalikes --------------------------------------------------------------------

LOOKALIKES: Final = (
    ("fіverr.com", "idn_homograph"),  # Cyrillic і
    ("https://fivеrr.com/login", "idn_homograph"),  # Cyrillic е
    ("fıverr.com", "idn_homograph"),  # dotless ı
    ("https://help.fivérr.com/", "idn_homograph"),
    ("xn--fivrr-1we.com", "punycode"),
    ("https://xn--fverr-n4a.com/inbox", "punycode"),
    ("fivver.com", "typosquat"),
    ("feverr.com", "typosquat"),
    ("fiverr.co", "typosquat"),
    ("fiverr.net", "typosquat"),
    ("fiverr.com.co", "typosquat"),
    ("fiiverr.com", "typosquat"),
    ("fivrer.com", "typosquat"),
    ("fiverr-support.com", "brand_in_other_domain"),
    ("support-fiverr.help", "brand_in_other_domain"),
    ("fiverr.com.account-verify.ru", "brand_in_other_domain"),
    ("https://secure.fiverr.com.login-check.top/x", "brand_in_other_domain"),
    ("fiverrhelpdesk.net", "brand_in_other_domain"),
    ("https://fiverr.com@evil.example/", "userinfo"),
    ("https://www.fiverr.com:pass@10.0.0.1/login", "userinfo"),
    ("fiverr.support@gmail.com", "free_mail"),
    ("Fiverr Billing <fiverr-billing@outlook.com>", "free_mail"),
    ("fiverr.care@acme-mail.example", "brand_in_mailbox"),
    ("support@fiverr-help.net", "brand_in_other_domain"),
    ("https://twitter.com/fiverr_support", "social_lookalike"),
    ("https://www.instagram.com/fiverrr/", "social_lookalike"),
    ("https://t.me/FiverrHelpDesk", "social_lookalike"),
    ("https://bit.ly/fiverr-verify", "brand_in_path"),
    ("+972 3 631 7883", "phone_near"),
    ("+97236317828", "phone_near"),
    ("+973 3 631 7882", "phone_near"),
    ("tel:+9723631788", "phone_near"),
    ("+972 3 631 788(0)2", "phone_near"),  # a (0) after the country code only is dropped
    # The disguises a bug hunt found (each was called official before).
    ("mailto:support@fiverr.com?cc=scam@evil.example", "other_recipient"),
    ("mailto:support@fiverr.com?BCC=scam%40evil.example", "other_recipient"),
    ("mailto:scam@evil.example,support@fiverr.com", "other_recipient"),
    ("scam@evil.example; support@fiverr.com", "other_recipient"),
    ("Support <scam@evil.example>, support@fiverr.com", "other_recipient"),
    ('"Fiverr Support" <noreply@evil.example>', "display_name"),
    ("support@fiverr.com <scam@evil.example>", "display_name"),
    ("Fiverr Help <https://evil.example/login>", "display_name"),
    ("javascript://www.fiverr.com/%0aalert(document.cookie)", "not_a_web_link"),
    (
        "intent://www.fiverr.com/#Intent;S.browser_fallback_url=https://evil.example;end",
        "not_a_web_link",
    ),
    ("https://x.com/fiverr/../scam_helpdesk", "social_lookalike"),
    ("https://x.com/fiverr/%2E%2E/scam_helpdesk", "social_lookalike"),
    ("https://www.facebook.com/fiverr/..\\scammer.page", "social_lookalike"),
    ("https://x.com/fiverr%2f..%2fscam", "social_lookalike"),
    ("https://www.linkedin.com/in/fiverr-com", "social_lookalike"),
    ("https://www.facebook.com/groups/fiverr", "social_lookalike"),
    ("https://twitter.com/in/fiverr", "social_lookalike"),
)


@pytest.mark.parametrize(("value", "code"), LOOKALIKES)
def test_lookalikes_are_seen_through(value: str, code: str) -> None:
    """Homographs, punycode, typosquats, brand-in-domain, userinfo, free mail, handles, phones."""
    result = assess_contact(value)
    assert result.verdict is ContactVerdict.LOOKALIKE, result
    assert code in [reason.code for reason in result.reasons]
    assert result.imitates is not None
    assert result.channel is None


UNRELATED: Final = (
    "river.com",
    "five.com",
    "https://www.fever.com/",
    "fivestars.hu",
    "rivera.carlos@gmail.com",
    "anna@riverdesign.com",
    "https://drive.google.com/drive/folders/1AbC?usp=sharing",
    "https://twitter.com/nasa",
    "https://www.linkedin.com/in/john-smith-123",
    "+36 30 123 4567",
    "+972 54 123 4567",
    "(415) 555-0199",
    "http://185.23.44.10/login",
    "fiverr",
    "",
    "ftp://files.example/report.pdf",
    "Anna <anna@riverdesign.com>, rivera.carlos@gmail.com",
)


@pytest.mark.parametrize("value", UNRELATED)
def test_unrelated_contacts_are_unrelated(value: str) -> None:
    """Ordinary addresses, including ones merely near the brand's spelling, are unrelated."""
    result = assess_contact(value)
    assert result.verdict is ContactVerdict.UNRELATED, result
    assert result.reasons == ()
    assert result.imitates is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("tel:+36301234567", ContactKind.PHONE),
        ("+36 30 123 4567", ContactKind.PHONE),
        ("mailto:a@b.hu", ContactKind.EMAIL),
        ("Kiss Anna <a@b.hu>", ContactKind.EMAIL),
        ("a@b.hu", ContactKind.EMAIL),
        ("https://b.hu", ContactKind.URL),
        ("b.hu/x", ContactKind.URL),
        ("b.hu:8080", ContactKind.URL),
        ("b.hu", ContactKind.DOMAIN),
    ],
)
def test_kind_is_read_from_the_value(value: str, kind: ContactKind) -> None:
    """tel:/digits are phones, mailto:/@ addresses, a scheme or path a URL, else a domain."""
    assert assess_contact(value).kind is kind


_LABEL: Final = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)


@given(
    subdomains=st.lists(_LABEL, max_size=3),
    scheme=st.sampled_from(["", "http://", "https://", "//", "HTTPS://"]),
    port=st.sampled_from(["", ":443", ":80"]),
    path=st.sampled_from(["", "/", "/support", "/inbox?x=1", "#top", "/a/b?c=d#e"]),
    upper=st.booleans(),
    dot=st.booleans(),
)
def test_any_fiverr_url_is_official(
    subdomains: list[str], scheme: str, port: str, path: str, *, upper: bool, dot: bool
) -> None:
    """Any URL on fiverr.com or a subdomain, in any of the forms people paste, is official."""
    host = ".".join([*subdomains, "fiverr", "com"]) + ("." if dot else "")
    url = f"{scheme}{host}{port}{path}"
    result = assess_contact(url.upper() if upper else url)
    assert result.verdict is ContactVerdict.OFFICIAL


@given(st.text(max_size=80))
def test_any_text_gets_a_consistent_contact_verdict(value: str) -> None:
    """Any text is judged without error, and the fields agree with the verdict."""
    result = assess_contact(value)
    assert result.value == value
    if result.verdict is ContactVerdict.UNRELATED:
        assert (result.imitates, result.channel, result.reasons) == (None, None, ())
    else:
        assert result.imitates is not None
        assert result.reasons
    if result.channel is not None:
        assert result.verdict is ContactVerdict.OFFICIAL


@given(
    value=st.sampled_from(OFFICIAL_FORMS + UNRELATED[:-1]), pad=st.sampled_from([" ", "\t", "\n"])
)
def test_surrounding_whitespace_changes_nothing(value: str, pad: str) -> None:
    """ASCII whitespace around a contact never changes its verdict or kind."""
    plain, padded = assess_contact(value), assess_contact(f"{pad}{value}{pad}")
    assert (padded.verdict, padded.kind) == (plain.verdict, plain.kind)


_CONFUSABLE: Final = {"i": "іıíï", "e": "еéėё", "v": "ѵν", "r": "ŕṙ", "f": "ƒ"}


@given(st.data())
def test_one_lookalike_letter_makes_a_lookalike(data: st.DataObject) -> None:
    """Replacing any letter of the brand with a lookalike of another script gives a lookalike."""
    index = data.draw(st.integers(0, 5))
    letter = "fiverr"[index]
    replacement = data.draw(st.sampled_from(_CONFUSABLE[letter]))
    name = "fiverr"[:index] + replacement + "fiverr"[index + 1 :]
    tld = data.draw(st.sampled_from(["com", "net", "hu"]))
    assert assess_contact(f"{name}.{tld}").verdict is ContactVerdict.LOOKALIKE
    encoded = name.encode("punycode").decode("ascii")
    assert assess_contact(f"https://xn--{encoded}.{tld}/").verdict is ContactVerdict.LOOKALIKE


@pytest.mark.parametrize("bad", [None, 3, b"fiverr.com"])
def test_contact_must_be_text(bad: Any) -> None:
    """Anything but a str is refused with a TypeError."""
    with pytest.raises(ArgumentTypeError, match=r"must be text \(a str\)"):
        assess_contact(bad)


# --- messages --------------------------------------------------------------------------------

SCAMS: Final = (
    (
        "Hello, Fiverr Support here. Please send us your password to verify your account.",
        None,
        "asks_password",
    ),
    (
        "Szia! Kérlek, írd vissza ide a kódot, amit SMS-ben kaptál, különben zároljuk a fiókodat.",
        None,
        "asks_password",
    ),
    (
        "To release your payout reply with the full card number and the CVC code.",
        "buyer_jo",
        "asks_card",
    ),
    ("Kérlek, fotózd le a bankkártyád mindkét oldalát és küldd el.", None, "asks_card"),
    ("Pay the invoice by scanning the attached QR code today.", None, "payment_link_or_qr"),
    ("Send the $150 with Bitcoin to the wallet address below.", "client_x", "pays_outside"),
    (
        "Kérlek, utald át az összeget erre a számlaszámra: 11600006-00000000-12345678.",
        None,
        "pays_outside",
    ),
    (
        "Your earnings are locked. Pay the one-time $45 unlock fee to release them.",
        None,
        "fee_to_release",
    ),
    (
        "Message our manager on Telegram @fiverr_hiring to get the job.",
        "recruit_amy",
        "brand_handle",
    ),
    ("Your account will be suspended within 24 hours unless you act.", "bob_client", "threat"),
    ("Fivver Suport: please confirm your details.", None, "misspelled_brand"),
    ("Log in here to keep your gigs: https://fiverr-verify.com/login", None, "lookalike_contact"),
    ("Hi, please check your order.", "Fiverr_Support", "impersonating_sender"),
    ("Call us at +972 3 631 7883 about your order.", None, "lookalike_contact"),
    # A fake link behind a real one, in markdown or joined by a comma or a bar.
    (
        "Log in at [www.fiverr.com/login](https://fiverr-login.example/) to keep your account.",
        None,
        "lookalike_contact",
    ),
    (
        "Log in: https://www.fiverr.com/login,https://fiverr-login.example/",
        None,
        "lookalike_contact",
    ),
    (
        "Log in: https://www.fiverr.com/login|https://fiverr-login.example/",
        None,
        "lookalike_contact",
    ),
    # Words that only sound like a negation, and letters hidden or of another script.
    ("Don't worry, please send us your password to verify your account.", None, "asks_password"),
    ("No problem, just reply with your password to confirm.", None, "asks_password"),
    ("Do not share this message with anyone, send your password now.", None, "asks_password"),
    ("Ne aggódj, küldd el a jelszavadat most.", None, "asks_password"),
    ("Send your p\u0430ssword to verify your account.", None, "asks_password"),  # Cyrillic а
    ("Send your pass\u200bword to verify your account.", None, "asks_password"),
    ("Send your full card n\u00adumber to verify.", None, "asks_card"),
)


@pytest.mark.parametrize(("text", "sender", "code"), SCAMS)
def test_scams_are_flagged_with_their_reason(text: str, sender: str | None, code: str) -> None:
    """Each kind of fake Fiverr message is flagged, and the reason names its rule."""
    result = assess_message(text, sender=sender)
    assert result.verdict is not MessageVerdict.NO_SIGNALS
    assert code in [reason.code for reason in result.reasons]


ORDINARY: Final = (
    ("Here are the cPanel details: user bistro, the password is in the requirements.", "leo"),
    ("Szia! A WordPress admin jelszót a rendelés követelményeinél küldtem el.", "kata_web"),
    ("I never need your Fiverr password, only access to the tools the job needs.", "tim_dev"),
    (
        "The photos are on Google Drive: https://drive.google.com/drive/folders/1AbCdEf?usp=sharing",
        "bence",
    ),
    ("A szöveg itt van: https://docs.google.com/document/d/1xY7pQ2rS9tU/edit", "eszter"),
    ("I only accept payments through Fiverr; I'll send a custom offer here.", "sam"),
    ("A buyer once offered to pay via PayPal to save on fees. I declined.", "tim_dev"),
    ("Fizess a Fiverr-en keresztül, az a biztos. A borravalót is ott tudod adni.", "reka"),
    ("Will the refund go back to my Visa card?", "raj"),
    ("I contacted Fiverr Support and they said the refund is on the way.", "anna"),
    ("Can we do a Zoom call once the order is placed?", "jake"),
    ("Delivered! Please check the files and let me know about revisions.", "mia"),
    ("Fiverr will never ask for your password, credit card number or other details.", "ann"),
    ("Don't send your password to anyone who asks, not even to me.", "tim_dev"),
    ("Your code is 123456. Do not share this code with anyone.", "noreply_bot"),
    ("Привет! Отправь мне файлы, пожалуйста.", "ivan_design"),
)


@pytest.mark.parametrize(("text", "sender"), ORDINARY)
def test_ordinary_messages_are_not_flagged(text: str, sender: str) -> None:
    """Talk about a job's passwords, Drive links or paying through Fiverr is not flagged."""
    result = assess_message(text, sender=sender)
    assert result.verdict is MessageVerdict.NO_SIGNALS, result.reasons


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        (
            (
                "Security tip: Fiverr will never ask for your password or your card number. More: "
                "https://www.fiverr.com/support"
            ),
            "Fiverr-Updates",
        ),
        (
            (
                "Hi, this is Fiverr Customer Support. We replied to your ticket: "
                "https://www.fiverr.com/support/tickets"
            ),
            "Fiverr-Care",
        ),
        ("Fiverr 365: join our free workshop at https://events.fiverr.com/", "fiverr_365"),
    ],
)
def test_official_sender_with_ordinary_content_has_no_signals(text: str, sender: str) -> None:
    """A message from an official account whose content is ordinary has no signals."""
    result = assess_message(text, sender=sender)
    assert result.verdict is MessageVerdict.NO_SIGNALS, result.reasons
    assert result.sender is not None
    assert result.sender.verdict is Verdict.OFFICIAL


def test_official_sender_with_a_lookalike_link_is_still_flagged() -> None:
    """An official name does not excuse a lookalike link in the message."""
    result = assess_message("Log in at https://fіverr.com/login", sender="Fiverr-Care")
    assert result.verdict is MessageVerdict.SCAM


def test_one_weak_sign_is_suspicious_two_are_a_scam() -> None:
    """One weak rule makes a message suspicious; two different weak rules make it a scam."""
    one = assess_message("Add me on Telegram so we can talk there.", sender="buyer_1")
    assert [r.code for r in one.reasons] == ["off_platform"]
    assert one.verdict is MessageVerdict.SUSPICIOUS
    two = assess_message(
        "Add me on Telegram, or your account will be suspended tomorrow.", sender="buyer_1"
    )
    assert two.verdict is MessageVerdict.SCAM
    rules = default_trust_rules()
    assert all(rules.message_rule(r.code).weight is RuleWeight.WEAK for r in two.reasons)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@pytest.mark.parametrize(
    ("text", "sender", "code"), [s for s in SCAMS if s[0] != _strip_accents(s[0])]
)
def test_hungarian_without_accents_reads_the_same(text: str, sender: str | None, code: str) -> None:
    """A Hungarian message typed without accents gets the same verdict and reasons."""
    with_accents = assess_message(text, sender=sender)
    without = assess_message(_strip_accents(text), sender=sender)
    assert without.verdict is with_accents.verdict
    assert code in [reason.code for reason in without.reasons]


def test_reasons_carry_both_languages_and_their_source() -> None:
    """Every reason has a code, a Hungarian and an English text, and a dated source."""
    result = assess_message(
        "Fivver Support: pay the $20 activation fee via https://paypal.me/x or we close your "
        "account.",
        sender="Fiverr_Billing",
    )
    assert result.reasons
    for reason in result.reasons:
        assert reason.text.hu
        assert reason.text.en
        assert reason.text.hu != reason.text.en
        assert reason.source.read
        assert reason.source.url is None or reason.source.url.startswith("https://")


def test_contacts_found_are_where_the_message_has_them() -> None:
    """Each contact found is the text at its position, with its own assessment."""
    text = "Mail support@fiverr.com, call +972 3 631 7882 or see https://fiverr-help.net/x."
    result = assess_message(text)
    assert [found.text for found in result.contacts] == [
        "support@fiverr.com",
        "+972 3 631 7882",
        "https://fiverr-help.net/x",
    ]
    for found in result.contacts:
        assert text[found.start : found.start + len(found.text)] == found.text
        assert found.assessment == assess_contact(found.text)


@pytest.mark.parametrize(("lang", "expected"), [(None, "hu"), ("hu", "hu"), ("EN-gb", "en")])
def test_language_is_given_or_guessed(lang: str | None, expected: str) -> None:
    """The message's language is the one given (normalised) or guessed from the text."""
    assert assess_message("Szia! Köszönöm a munkát.", lang=lang).lang == expected


def test_guess_reads_hungarian_without_accents() -> None:
    """A Hungarian message without accents is still read as Hungarian."""
    assert assess_message("Szia! Koszi a munkat, kerlek nezd meg a rendelest.").lang == "hu"
    assert assess_message("Hi! Thanks for the work, please check the order.").lang == "en"


def test_unsupported_language_is_refused() -> None:
    """A language other than Hungarian or English is refused (a ValueError)."""
    with pytest.raises(UnsupportedLanguageError):
        assess_message("Hallo", lang="de")


@pytest.mark.parametrize(("text", "sender"), [(None, None), (b"hi", None), ("hi", 3)])
def test_message_arguments_are_type_checked(text: Any, sender: Any) -> None:
    """A text that is not a str, or a sender neither str nor None, is a TypeError."""
    with pytest.raises(TypeError):
        assess_message(text, sender=sender)


@given(text=st.text(max_size=300), sender=st.none() | st.text(max_size=30))
def test_any_message_gets_a_verdict(text: str, sender: str | None) -> None:
    """Any text and sender are judged without error, and the verdict follows the reasons."""
    result = assess_message(text, sender=sender)
    weights = [default_trust_rules().message_rule(r.code).weight for r in result.reasons]
    if not weights:
        assert result.verdict is MessageVerdict.NO_SIGNALS
    elif RuleWeight.STRONG in weights or len(weights) >= 2:
        assert result.verdict is MessageVerdict.SCAM
    else:
        assert result.verdict is MessageVerdict.SUSPICIOUS


def test_long_messages_take_linear_time() -> None:
    """Ten times the text costs about ten times the time, never its square."""
    unit = "Fiverr support: send https://fiverr.com.x.ru/a +972 3 631 7883 a@b.co szia 1 1 x.x "

    def cost(repeats: int) -> float:
        text = unit * repeats
        start = time.perf_counter()
        assess_message(text)
        return time.perf_counter() - start

    cost(10)
    small, large = min(cost(200) for _ in range(3)), min(cost(2000) for _ in range(3))
    assert large < small * 30


def test_every_rule_pattern_is_bounded() -> None:
    """No packaged pattern repeats without a bound, so each position costs bounded work."""
    for rule in default_trust_rules().message_rules:
        for pattern in (*rule.patterns, *rule.unless):
            assert not unbounded(pattern), (rule.code, pattern)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"a.*b", True),
        (r"a+", True),
        (r"a{2,}", True),
        (r"a{0,24}b", False),
        (r"[*+]x\+y\*", False),
        (r"[]*]x", False),
        (r"[^]+]x", False),
    ],
)
def test_unbounded_repetition_is_recognised(pattern: str, *, expected: bool) -> None:
    """*, + and {n,} outside a character class are unbounded; escaped or in a class they are not."""
    assert unbounded(pattern) is expected


# --- the rules file --------------------------------------------------------------------------


def packaged_rules() -> Any:
    """The packaged rules file, parsed."""
    path = files("fiverr_support_kb") / "data" / "trust_rules.json"
    return json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object) -> Path:
    """Write *data* as a JSON rules file and return its path."""
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_packaged_rules_have_provenance() -> None:
    """Every rule names a source with its address (or the article) and the date it was read."""
    rules = default_trust_rules()
    assert isinstance(rules, TrustRules)
    ids = {source.id for source in rules.sources}
    for rule in rules.message_rules:
        assert rule.source in ids
    for reason in rules.contact_reasons:
        assert reason.source in ids
    for source in rules.sources:
        assert source.read
        assert source.quote
        assert source.url is None or source.url.startswith(
            (
                "https://help.fiverr.com/",
                "https://help-pro.fiverr.com/",
                "https://community.fiverr.com/",
            )
        )


def test_an_app_can_use_its_own_rules(tmp_path: Path) -> None:
    """A rules file of the app's own, loaded and checked, changes the verdicts."""
    data = packaged_rules()
    data["official_domains"].append({"domain": "example.org", "source": "S2"})
    rules = load_trust_rules(write(tmp_path, data))
    assert assess_contact("https://example.org/", rules=rules).verdict is ContactVerdict.OFFICIAL
    assert assess_contact("https://example.org/").verdict is ContactVerdict.UNRELATED
    assert load_trust_rules(write(tmp_path, packaged_rules())) == default_trust_rules()


def _set(path: tuple[Any, ...], value: Any) -> Any:
    data = packaged_rules()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_set(("extra",), 1), "extra fields found (extra) @ $"),
        (_set(("message_rules", 4, "patterns", 0), "a.*b"), "unbounded repetition"),
        (_set(("message_rules", 4, "patterns", 0), "(a"), "not a valid regular expression"),
        (_set(("message_rules", 4, "source"), "S99"), "unknown source 'S99' @ $.message_rules[4]"),
        (_set(("message_rules", 4, "weight"), "medium"), "@ $.message_rules[4].weight"),
        (_set(("message_rules", 0, "code"), "threat"), "missing code 'lookalike_contact'"),
        (_set(("contact_reasons", 0, "text", "en"), "{host}"), "@ $.contact_reasons[0].text.en"),
        (_set(("sources", 0, "read"), "yesterday"), "YYYY-MM-DD @ $.sources[0].read"),
        (_set(("sources", 1, "url"), "http://x"), "https:// @ $.sources[1].url"),
        (_set(("free_mail_domains", 0), "Gmail.com"), "@ $.free_mail_domains[0]"),
        (_set(("official_domains",), []), "at least one official domain"),
        (_set(("brand", "name"), "Fiverr"), "@ $.brand.name"),
    ],
)
def test_invalid_rules_are_refused_with_paths(tmp_path: Path, data: Any, problem: str) -> None:
    """A broken rules file is a KnowledgeBaseError naming each problem and its path."""
    with pytest.raises(KnowledgeBaseError) as info:
        load_trust_rules(write(tmp_path, data))
    assert problem in str(info.value)
    assert isinstance(info.value, ValueError)


def test_default_rules_are_loaded_once() -> None:
    """The packaged rules are one shared, immutable object."""
    assert default_trust_rules() is default_trust_rules()


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        ('"https://fiverr.com"', ContactVerdict.OFFICIAL),
        ("(fiverr.com)", ContactVerdict.OFFICIAL),
        ("\u201csupport@fiverr.com\u201d", ContactVerdict.OFFICIAL),
        ("[https://fiverr-verify.com]", ContactVerdict.LOOKALIKE),
        ("'fivver.com'", ContactVerdict.LOOKALIKE),
    ],
)
def test_a_contact_pasted_in_quotes_or_brackets_is_judged_inside_them(
    value: str, verdict: ContactVerdict
) -> None:
    """Quotes and brackets around a pasted contact are not part of it."""
    assert assess_contact(value).verdict is verdict
