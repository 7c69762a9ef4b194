"""The models, read through the public API: every fact of the source article, and immutability."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import fiverr_support_kb as fkb
from fiverr_support_kb import (
    ChannelKind,
    KnowledgeBase,
    LocalizedText,
    SocialNetwork,
    UnknownFaqEntryError,
    UnsupportedLanguageError,
    default_kb,
    normalize_language,
)
from fiverr_support_kb.errors import ArgumentTypeError, UnknownChannelError

OFFICIAL_USERNAMES = (
    "editorial_video",
    "pro_acquisition",
    "editors_picks",
    "Fiverr_365",
    "Fiverr-Care",
    "FiverrCustVoice",
    "Fiverr-Social",
    "Fiverr-Updates",
    "frmarcom",
    "hoosier333",
    "Internal_comms",
)

CHANNELS = (
    (ChannelKind.PHONE, None, "+97236317882", "tel:+97236317882"),
    (ChannelKind.SUPPORT_PORTAL, None, "https://www.fiverr.com/support", None),
    (ChannelKind.EMAIL, None, "support@fiverr.com", "mailto:support@fiverr.com"),
    (ChannelKind.KNOWLEDGE_BASE, None, "https://www.fiverr.com/support/", None),
    (ChannelKind.COMMUNITY_FORUM, None, "https://community.fiverr.com/", None),
    (ChannelKind.SOCIAL, SocialNetwork.TWITTER, "https://twitter.com/fiverr", None),
    (ChannelKind.SOCIAL, SocialNetwork.INSTAGRAM, "https://www.instagram.com/fiverr/", None),
    (ChannelKind.SOCIAL, SocialNetwork.FACEBOOK, "https://www.facebook.com/Fiverr/", None),
    (
        ChannelKind.SOCIAL,
        SocialNetwork.LINKEDIN,
        "https://www.linkedin.com/company/fiverr-com",
        None,
    ),
    (ChannelKind.SOCIAL, SocialNetwork.PINTEREST, "https://www.pinterest.com/fiverr/", None),
)

FAQ_IDS = (
    "what-is-fiverr",
    "name-origin",
    "contact-support",
    "change-password",
    "reset-password",
    "buyer-fee",
    "seller-fee",
    "official-accounts",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


# --- company facts -----------------------------------------------------------------------


def test_company_name_and_founding(kb: KnowledgeBase) -> None:
    """Fiverr was founded in 2010."""
    assert kb.company.name == "Fiverr"
    assert kb.company.founded == 2010


def test_company_headquarters(kb: KnowledgeBase) -> None:
    """The headquarters are in Tel Aviv, Israel, in both languages."""
    assert kb.company.headquarters["hu"] == "Tel Aviv, Izrael"
    assert kb.company.headquarters["en"] == "Tel Aviv, Israel"


def test_company_description(kb: KnowledgeBase) -> None:
    """Fiverr is an online marketplace for freelancers' services worldwide."""
    assert "online piac" in kb.company.description.hu
    assert "online marketplace" in kb.company.description.en


def test_company_categories(kb: KnowledgeBase) -> None:
    """The article names five service categories, in order."""
    assert [c.en for c in kb.company.categories] == [
        "graphic design",
        "digital marketing",
        "writing and translation",
        "video and animation",
        "programming and technology",
    ]
    assert [c.hu for c in kb.company.categories] == [
        "grafikai tervezés",
        "digitális marketing",
        "írás és fordítás",
        "videó és animáció",
        "programozás és technológia",
    ]


def test_company_name_origin(kb: KnowledgeBase) -> None:
    """The name comes from every service costing $5 at launch; prices are free now."""
    assert kb.company.launch_price_usd == 5
    assert "5 dollár alapáron" in kb.company.name_origin.hu
    assert "5 dollars" in kb.company.name_origin.en
    assert "set their own prices" in kb.company.name_origin.en


def test_company_staff_badge(kb: KnowledgeBase) -> None:
    """Real staff messages carry a "Fiverr Team" badge."""
    assert kb.company.staff_badge == "Fiverr Team"


# --- channels ------------------------------------------------------------------------------


def test_channels_exactly_as_in_the_article(kb: KnowledgeBase) -> None:
    """The ten channels, in the article's order, with their addresses verbatim."""
    assert [(c.kind, c.network, c.address) for c in kb.channels] == [
        (kind, network, address) for kind, network, address, _ in CHANNELS
    ]


@pytest.mark.parametrize(("kind", "network", "address", "uri"), CHANNELS)
def test_channel_uri(
    kb: KnowledgeBase,
    kind: ChannelKind,
    network: SocialNetwork | None,
    address: str,
    uri: str | None,
) -> None:
    """Each channel has a URI an app can open: tel:, mailto:, or the URL itself."""
    channel = kb.social_channel(network) if network else kb.channel(kind)
    assert channel.address == address
    assert channel.uri == (uri or address)


def test_channel_labels_in_both_languages(kb: KnowledgeBase) -> None:
    """Channel labels follow the article (hu) and translate it (en)."""
    labels = {c.address: (c.label.hu, c.label.en) for c in kb.channels}
    assert labels["+97236317882"] == ("Telefon", "Phone")
    assert labels["https://www.fiverr.com/support"] == ("Támogatási Portál", "Support Portal")
    assert labels["https://www.fiverr.com/support/"] == ("Tudásbázis", "Knowledge Base")
    assert labels["https://community.fiverr.com/"] == ("Közösségi Fórum", "Community Forum")


def test_channels_of_kind(kb: KnowledgeBase) -> None:
    """Lookup by kind returns every channel of it; the string value works too."""
    assert len(kb.channels_of(ChannelKind.SOCIAL)) == 5
    assert kb.channels_of("email") == (kb.channel(ChannelKind.EMAIL),)
    assert kb.social_channel("linkedin").address.endswith("/company/fiverr-com")


def test_channel_lookup_rejects_unknown_kind(kb: KnowledgeBase) -> None:
    """An unknown channel kind or network is an UnknownChannelError, a ValueError."""
    with pytest.raises(ValueError, match="fax") as info:
        kb.channels_of("fax")
    assert isinstance(info.value, UnknownChannelError)
    with pytest.raises(ValueError, match="myspace") as info:
        kb.social_channel("myspace")
    assert isinstance(info.value, UnknownChannelError)


def test_channel_lookup_of_missing_kind_is_lookup_error(kb: KnowledgeBase) -> None:
    """A knowledge base without a channel of some kind says so with a LookupError."""
    empty = attrs.evolve(kb, channels=())
    with pytest.raises(LookupError, match="phone") as info:
        empty.channel(ChannelKind.PHONE)
    assert isinstance(info.value, UnknownChannelError)
    with pytest.raises(LookupError, match="twitter") as info:
        empty.social_channel(SocialNetwork.TWITTER)
    assert isinstance(info.value, UnknownChannelError)


# --- FAQ -----------------------------------------------------------------------------------


def test_faq_ids(kb: KnowledgeBase) -> None:
    """The FAQ has the eight documented ids, in the article's order."""
    assert kb.faq_ids == FAQ_IDS


def test_faq_what_is_fiverr(kb: KnowledgeBase) -> None:
    """What Fiverr is: a marketplace founded in 2010 in Tel Aviv with millions of users."""
    entry = kb.faq_entry("what-is-fiverr")
    assert entry.question.hu == "Mi az a Fiverr?"
    assert "2010" in entry.answer.hu
    assert "Tel Avivban" in entry.answer.hu
    assert "millió felhasználóval" in entry.answer.hu
    assert "millions of users" in entry.answer.en
    assert entry.steps == ()


def test_faq_name_origin(kb: KnowledgeBase) -> None:
    """The name entry tells the $5 story."""
    entry = kb.faq_entry("name-origin")
    assert "5 dollár" in entry.answer.hu
    assert "5 dollars" in entry.answer.en


def test_faq_contact_support(kb: KnowledgeBase) -> None:
    """Contacting support: e-mail, phone, social media, forum; response times vary."""
    entry = kb.faq_entry("contact-support")
    for text in (entry.answer.hu, entry.answer.en):
        assert "support@fiverr.com" in text
        assert "+97236317882" in text
    assert "válaszidők" in entry.answer.hu
    assert "response times can vary" in entry.answer.en
    assert "közösségi fóruma" in entry.answer.hu
    assert "community forum" in entry.answer.en
    assert "Súgó és Támogatás" in entry.answer.hu
    assert set(entry.related_channels) == set(ChannelKind)


def test_faq_change_password_steps(kb: KnowledgeBase) -> None:
    """Changing the password takes the article's three steps."""
    steps = kb.faq_entry("change-password").steps
    assert [s.hu for s in steps] == [
        "Menj a “Biztonsági beállítások” menüpontba",
        "A “Jelszó módosítása” szakaszban add meg az aktuális jelszavadat és az újat.",
        "Kattints a “Módosítások mentése” gombra.",
    ]
    assert "Security settings" in steps[0].en
    assert "Change password" in steps[1].en
    assert "Save changes" in steps[2].en


def test_faq_reset_password(kb: KnowledgeBase) -> None:
    """Resetting the password sends a reset e-mail to the account's address."""
    entry = kb.faq_entry("reset-password")
    assert "jelszó-visszaállítási e-mail" in entry.answer.hu
    assert "password reset e-mail" in entry.answer.en
    assert "matches the account" in entry.answer.en


def test_faq_buyer_fee(kb: KnowledgeBase) -> None:
    """The buyer fee is $2 up to $40 and 5% above."""
    answer = kb.faq_entry("buyer-fee").answer
    assert "2 dollár a 40 dollárig" in answer.hu
    assert "5%-a" in answer.hu
    assert "2 dollars for gigs up to 40 dollars" in answer.en
    assert "5% of the order price" in answer.en


def test_faq_seller_fee(kb: KnowledgeBase) -> None:
    """The seller fee is 20%, taken on completed orders: a $5 gig leaves $4."""
    answer = kb.faq_entry("seller-fee").answer
    assert "20%" in answer.hu
    assert "befejezettként" in answer.hu
    assert "4 dollár marad" in answer.hu
    assert "marked as completed" in answer.en
    assert "5-dollar gig, Fiverr takes 1 dollar and 4 dollars are left" in answer.en


def test_faq_official_accounts(kb: KnowledgeBase) -> None:
    """The official-accounts entry names all eleven usernames and the badge."""
    answer = kb.faq_entry("official-accounts").answer
    for text in (answer.hu, answer.en):
        assert "“Fiverr Team”" in text
        for username in OFFICIAL_USERNAMES:
            assert username in text


def test_faq_entry_unknown_id(kb: KnowledgeBase) -> None:
    """An unknown id raises a LookupError that names it and the known ids."""
    with pytest.raises(UnknownFaqEntryError, match=r"'nope'.*change-password") as info:
        kb.faq_entry("nope")
    assert isinstance(info.value, LookupError)
    assert info.value.known == FAQ_IDS


@given(st.one_of(st.text(), st.integers(), st.none(), st.lists(st.integers())))
def test_faq_entry_never_leaks_other_errors(entry_id: object) -> None:
    """Any id that is not a known one, of any type, raises UnknownFaqEntryError."""
    kb = default_kb()
    if entry_id in FAQ_IDS:
        return
    with pytest.raises(UnknownFaqEntryError):
        kb.faq_entry(entry_id)  # type: ignore[arg-type]


# --- official accounts ---------------------------------------------------------------------


def test_official_usernames(kb: KnowledgeBase) -> None:
    """The eleven official usernames, spelt exactly as in the article."""
    assert kb.official_usernames == OFFICIAL_USERNAMES


@pytest.mark.parametrize(
    ("username", "hu_fragment", "en_fragment"),
    [
        ("editorial_video", "Video & Animation, Photography és Voice Over", "Voice Over"),
        ("pro_acquisition", "Pro Acquisition csapatának", "Pro Acquisition team"),
        ("editors_picks", "Editorial csapatának", "Editorial team"),
        ("Fiverr_365", "Fiverr naptár éves kiadása", "Fiverr calendar"),
        ("Fiverr-Care", "Ügyfélkapcsolati csapatának", "Customer Relations team"),
        ("FiverrCustVoice", "kategóriaspecifikus", "category-specific"),
        ("Fiverr-Social", "Social csapatának", "Social team"),
        ("Fiverr-Updates", "új funkciókról", "new features"),
        ("frmarcom", "Marketing Communications", "Marketing Communications team"),
        ("hoosier333", "marketing menedzser", "marketing manager"),
        ("Internal_comms", "Belső Kommunikációs", "Internal Communications"),
    ],
)
def test_official_account_descriptions(
    kb: KnowledgeBase, username: str, hu_fragment: str, en_fragment: str
) -> None:
    """Each official account says what it is for, in both languages."""
    account = next(a for a in kb.official_accounts if a.username == username)
    assert hu_fragment in account.description.hu
    assert en_fragment in account.description.en


def test_official_account_teams(kb: KnowledgeBase) -> None:
    """Accounts whose team the article names carry it; the others have none."""
    teams = {a.username: a.team.en if a.team else None for a in kb.official_accounts}
    assert teams["Fiverr-Care"] == "Customer Relations team"
    assert teams["frmarcom"] == "Marketing Communications team"
    assert teams["hoosier333"] is None
    assert teams["editorial_video"] is None


# --- LocalizedText and languages -------------------------------------------------------------


def test_localized_text_indexing() -> None:
    """Indexing by language ignores case and region; unknown languages raise."""
    text = LocalizedText(hu="igen", en="yes")
    assert text["hu"] == "igen"
    assert text["EN"] == "yes"
    assert text["hu-HU"] == "igen"
    assert text["en_GB"] == "yes"
    with pytest.raises(UnsupportedLanguageError, match=r"'de'.*hu, en"):
        text["de"]


def test_localized_text_mapping_protocol() -> None:
    """LocalizedText iterates over its languages, source first, and knows its size."""
    text = LocalizedText(hu="igen", en="yes")
    assert list(text) == ["hu", "en"]
    assert len(text) == 2
    assert "hu" in text
    assert "de" not in text
    assert dict(text.items()) == {"hu": "igen", "en": "yes"}


def test_localized_text_get_fallback() -> None:
    """get(): None is the source language, unknown languages fall back to English."""
    text = LocalizedText(hu="igen", en="yes")
    assert text.get() == "igen"
    assert text.get("hu") == "igen"
    assert text.get("de") == "yes"
    assert text.get("") == "yes"
    with pytest.raises(TypeError, match="str"):
        text.get(1)  # type: ignore[arg-type]


@given(st.text())
def test_localized_text_get_never_raises_for_strings(lang: str) -> None:
    """get() answers every string with one of the two texts."""
    text = LocalizedText(hu="igen", en="yes")
    assert text.get(lang) in {"igen", "yes"}


@given(st.text())
def test_normalize_language_is_total(lang: str) -> None:
    """normalize_language returns a supported code or raises UnsupportedLanguageError."""
    try:
        result = normalize_language(lang)
    except UnsupportedLanguageError:
        result = None
    assert result is None or result in fkb.LANGUAGES
    assert issubclass(UnsupportedLanguageError, ValueError)
    assert issubclass(UnsupportedLanguageError, LookupError)


def test_normalize_language_rejects_non_str() -> None:
    """A language that is not a str is an ArgumentTypeError, a TypeError."""
    with pytest.raises(TypeError, match=r"language must be a language code .*\(a str\)") as info:
        normalize_language(None)  # type: ignore[arg-type]
    assert isinstance(info.value, ArgumentTypeError)


def test_normalize_language_does_not_case_fold_non_ascii() -> None:
    """A non-ASCII lookalike of a language code is not that language."""
    with pytest.raises(UnsupportedLanguageError):
        normalize_language("hU\u0307")  # combining dot above
    with pytest.raises(UnsupportedLanguageError):
        normalize_language("\u0127u")  # h with stroke


# --- immutability --------------------------------------------------------------------------


def test_models_are_frozen(kb: KnowledgeBase) -> None:
    """No attribute of any model can be assigned."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.faq = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.company.founded = 2011  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.channels[0].address = "+1"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.faq[0].question.hu = "x"  # type: ignore[misc]


def test_models_are_slotted(kb: KnowledgeBase) -> None:
    """Models have no __dict__ to smuggle state into."""
    for obj in (kb, kb.company, kb.channels[0], kb.faq[0], kb.faq[0].answer, kb.provenance):
        assert not hasattr(obj, "__dict__")


def test_collections_are_tuples(kb: KnowledgeBase) -> None:
    """Every collection a caller gets is a tuple, not a list."""
    assert isinstance(kb.channels, tuple)
    assert isinstance(kb.faq, tuple)
    assert isinstance(kb.official_accounts, tuple)
    assert isinstance(kb.company.categories, tuple)
    for entry in kb.faq:
        assert isinstance(entry.steps, tuple)
        assert isinstance(entry.related_channels, tuple)
        assert isinstance(entry.keywords.hu, tuple)
        assert isinstance(entry.keywords.en, tuple)


def test_default_kb_is_shared_and_unchanged(kb: KnowledgeBase) -> None:
    """Every caller gets the same object, and evolve() leaves it untouched."""
    assert default_kb() is kb
    changed = attrs.evolve(kb, faq=kb.faq[:1])
    assert changed.faq_ids == ("what-is-fiverr",)
    assert default_kb().faq_ids == FAQ_IDS
    assert changed.faq_entry("what-is-fiverr") is kb.faq[0]
    with pytest.raises(UnknownFaqEntryError):
        changed.faq_entry("seller-fee")


def test_knowledge_base_is_hashable_and_comparable(kb: KnowledgeBase) -> None:
    """Equal knowledge bases compare and hash equal; derived caches do not matter."""
    twin = copy.deepcopy(kb)
    assert twin == kb
    assert hash(twin) == hash(kb)
    assert pickle.loads(pickle.dumps(kb)) == kb  # noqa: S301 - round trip of our own object


class _EqualToAll(str):
    """A str that claims to equal everything."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("hu")


def test_membership_of_a_language_is_judged_by_its_characters() -> None:
    """`lang in text` never asks a str subclass's own __eq__; only real codes are in."""
    text = LocalizedText(hu="igen", en="yes")
    assert _EqualToAll("de") not in text
    assert _EqualToAll("hu") in text
    assert 1 not in text
    assert text.get(_EqualToAll("de")) == "yes"
    assert text[_EqualToAll("hu")] == "igen"
