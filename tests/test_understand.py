"""Tests of how a chat message is read (fiverr_support_kb.faq._understand)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fiverr_support_kb import search
from fiverr_support_kb.faq import _engine, _understand
from fiverr_support_kb.faq._text import fold

any_text = st.text(st.characters(exclude_categories=()), max_size=600)
sentence = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéő ,", min_size=1, max_size=60)


# --- the focus of a message -------------------------------------------------------------------


def test_a_short_message_is_all_focus() -> None:
    """A message of a sentence or two is read whole."""
    message = "Szia! Hogyan változtatom meg a jelszavam?"
    assert _understand.focus(message) == _understand.Reading(
        asks=message, lead="", context="", cues=message
    )


def test_a_long_message_focuses_on_its_questions() -> None:
    """The sentences with a question mark ask; the one before leads; the story is context."""
    story = "Tegnap óta próbálok belépni, de sehogy sem megy. " * 5
    reading = _understand.focus(f"Szia! {story}Elfelejtettem a jelszavam. Mit csináljak?")
    assert reading.asks == "Mit csináljak?"
    assert reading.lead == "Elfelejtettem a jelszavam."
    assert "Tegnap óta" in reading.context
    assert reading.cues == "Elfelejtettem a jelszavam. Mit csináljak?"


def test_a_long_question_is_its_own_topic() -> None:
    """A question of many words is read for its topic without the sentence before it."""
    story = "I have been selling on the site for a long time and it went fine. " * 3
    question = "How do I change where my earnings get paid out to these days?"
    reading = _understand.focus(f"{story}My old bank account is closed. {question}")
    assert reading.cues == question
    assert reading.lead == "My old bank account is closed."


def test_a_long_message_without_question_marks_focuses_on_its_requests() -> None:
    """Without a question mark, a request (`szeretném megtudni`, `please`) is the focus."""
    story = "I have been selling for a year and things were going fine until now. " * 3
    reading = _understand.focus(f"{story}Please tell me how the seller fee works.")
    assert reading.asks == "Please tell me how the seller fee works."


_VOCABULARY = _understand.Vocabulary.of(
    ["password", "change", "current", "service", "buyer", "order", "settings", "pay"]
)


def test_a_rhetorical_question_without_faq_words_is_not_the_question() -> None:
    """An asking sentence with none of the FAQ's words gives way to one that has some."""
    story = "I have been using the site for two years and it went fine. " * 3
    message = f"{story}Who would have thought? Where do I change my current password?"
    reading = _understand.focus(message, _VOCABULARY)
    assert reading.asks == "Where do I change my current password?"


def test_a_question_written_as_a_statement_is_found_by_its_faq_words() -> None:
    """When no asking sentence has an FAQ word, the sentence with the most is the question."""
    story = "Long story short, it has been a busy year for the whole family. " * 3
    question = "I need the service fee a buyer has to pay for an order."
    reading = _understand.focus(f"{story}Who would have thought? {question} Cheers!", _VOCABULARY)
    assert reading.asks == question


def test_a_dense_statement_beats_a_sentence_that_only_opens_like_a_question() -> None:
    """With no question mark, a sentence with far more FAQ words than the asking ones asks."""
    story = "Hi team, hope all is well, and thanks for reading this long note. " * 2
    opener = "Can you believe it, my cat walked over the keyboard on the order page."
    question = "Anyway, I know my current password and want to change it in the settings."
    reading = _understand.focus(f"{story}{opener} {question} Thanks!", _VOCABULARY)
    assert reading.asks == question


def test_without_a_vocabulary_the_question_cues_decide() -> None:
    """Read without the FAQ's vocabulary, a message's asking sentences are its cues alone."""
    story = "I have been using the site for two years and it went fine. " * 3
    message = f"{story}Who would have thought? Where do I change my current password?"
    reading = _understand.focus(message)
    assert reading.asks == "Who would have thought? Where do I change my current password?"


@given(st.lists(sentence, min_size=1, max_size=40))
def test_a_message_asks_at_most_its_last_few_questions(sentences: list[str]) -> None:
    """However many questions a message asks, its focus keeps at most the last few."""
    message = " ".join(f"{text.strip() or 'x'}?" for text in sentences)
    reading = _understand.focus(message)
    assert reading.asks.count("?") <= _understand.MAX_FOCUS_SENTENCES or len(message) <= 160


@given(any_text)
def test_the_parts_of_a_reading_come_from_the_message(message: str) -> None:
    """What a message asks, its lead and its context are made of the message's own text."""
    reading = _understand.focus(message)
    for part in reading:
        assert all(piece in message for piece in part.split(" "))
    if not reading.context and not reading.lead:
        assert reading.asks in {message, message[: _understand.MAX_MESSAGE_CHARS]}


def test_a_huge_message_costs_no_more_than_its_start() -> None:
    """A message of a megabyte is read up to MAX_MESSAGE_CHARS: its cost is bounded."""
    story = "Tegnap vásároltam egy logót, és minden rendben volt vele. " * 20_000
    start = time.perf_counter()
    hits = search(f"{story} Elfelejtettem a jelszavam, mit csináljak?")
    took = time.perf_counter() - start
    assert hits == search(story[: _understand.MAX_MESSAGE_CHARS])
    assert took < 1.0


# --- the language of a message ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("Hogyan változtathatom meg a jelszavamat?", "hu"),
        ("hogyan valtoztathatom meg a jelszavamat", "hu"),
        ("How can I change my password?", "en"),
        ("forgot my password", "en"),
        ("sellerként mennyi commissiont vonnak le?", "hu"),
        ("", "en"),
    ],
)
def test_the_language_of_a_message(message: str, lang: str) -> None:
    """A message's language is told by its function words and accented letters."""
    assert _understand.message_language(message) == lang


# --- the topic of a message -------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "Hogyan változtatom meg a Gmail jelszavam?",
        "how to delete my twitter account",
        "Mennyi a PayPal díja, ha pénzt kapok?",
        "Az OTP Bank ügyfélszolgálata nem válaszol",
        "What's the Airbnb guest service fee?",
    ],
)
def test_another_services_own_matters_are_elsewhere(message: str) -> None:
    """A service named beside its password, account, support or fee is somewhere else."""
    assert _understand.topic(message).elsewhere


@pytest.mark.parametrize(
    "message",
    ["Can I contact Fiverr on Twitter?", "Twitteren is elérem a customer supportot?"],
)
def test_fiverrs_own_channels_are_not_elsewhere(message: str) -> None:
    """Reaching Fiverr on a social network is not about that network's own matters."""
    topic = _understand.topic(message)
    assert not topic.elsewhere
    assert not topic.foreign


@pytest.mark.parametrize(
    ("message", "service"),
    [
        ("Is there a Fiverr page on Facebook?", False),  # names Fiverr
        ("contact on facebook", True),  # one of Fiverr's channels is a service still
        ("my router keeps dropping", True),
        ("service fee?", False),
    ],
)
def test_a_service_named_is_told(message: str, service: bool) -> None:  # noqa: FBT001
    """Topic.service: the focus names a service, app or device, and not Fiverr."""
    assert _understand.topic(message).service is service


@pytest.mark.parametrize(
    "message",
    [
        "refundot hogyan kérhetek?",
        "ordert hogyan lehet cancelolni?",
        "How do I turn on two-factor authentication?",
        "Hogyan tudom kivenni a bevételemet?",
        "Feltörték a fiókomat",
        "Can a seller delete a bad review?",
        "Miért bannolták a profilomat?",
        "Hogyan kérhetek pénzvisszatérítést?",
        "Where do I enter a coupon code?",
        "Hogyan adhatok borravalót az eladónak?",
    ],
)
def test_fiverr_matters_without_an_entry_are_unanswered(message: str) -> None:
    """Refunds, cancelling, 2FA, withdrawals, hacking, reviews, bans, coupons, tips: no entry."""
    assert _understand.topic(message).unanswered


@pytest.mark.parametrize(
    "message",
    [
        "Hogyan kérhetek jelszó-visszaállító levelet?",
        "Mikor jött létre a Fiverr?",
        "Which usernames does the Fiverr team use?",
        "az ötös a névben a dollárra utal?",
    ],
)
def test_words_that_look_like_cues_are_not_cues(message: str) -> None:
    """`levelet` (a letter), `létre` (founded), `usernames`, `utal` (refers) ask no hand-off."""
    assert not _understand.topic(message).unanswered


def test_a_covered_cue_is_not_unanswered() -> None:
    """A matter the FAQ's own questions mention is answered, not handed off."""
    covered = _understand.covered_cues(["How do I get a refund?"])
    assert _understand.topic("refund please").unanswered
    assert not _understand.topic("refund please", covered=covered).unanswered


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Why did my gig disappear?", True),
        ("hogyan lehet sellerként több ordert kapni", True),
        ("Fiverr", True),
        ("What's the meaning of life?", False),
    ],
)
def test_about_fiverr_is_its_name_or_its_vocabulary(message: str, *, expected: bool) -> None:
    """A message is about Fiverr when it names it or uses its own words (gig, seller...)."""
    assert _understand.about_fiverr(message) is expected


# --- words the FAQ does not use ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("passwordomat", "password"),
        ("supportnak", "support"),
        ("changelni", "change"),
        ("commissiont", "commission"),
        ("requestet", "request"),
    ],
)
def test_english_words_with_hungarian_endings(word: str, stem: str) -> None:
    """An English word with a Hungarian ending gives the English word among its stems."""
    assert stem in _understand.loanword_stems(word)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=30))
def test_loanword_stems_are_shorter_starts_of_the_word(word: str) -> None:
    """Every loanword stem is the word with an ending (and maybe a verb-making letter) cut."""
    for stem in _understand.loanword_stems(word):
        assert word.startswith(stem)
        assert 2 <= len(stem) < len(word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("atirni", ("módosít",)), ("kicserelnem", ("lecserél",)), ("jelszo", ())],
)
def test_colloquial_words_have_the_faqs_word(word: str, expected: tuple[str, ...]) -> None:
    """A colloquial word maps to the FAQ's word for it; any other word to nothing."""
    assert _understand.synonyms(word) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("forgot my jelszó", "reset-password"),
        ("hol tudom changelni a passwordomat?", "change-password"),
        ("sellerként mennyi commissiont vonnak le?", "seller-fee"),
        ("hogy tudom átírni a jelszavam", "change-password"),
        ("reset password email never arrived", "reset-password"),
        ("Milyen gyorsan reagálnak a support emailre?", "contact-support"),
    ],
)
def test_mixed_colloquial_and_unknown_words_find_their_entry(query: str, expected: str) -> None:
    """Two languages in a message, loanwords, colloquial and unknown words: the entry first."""
    assert [hit.entry.id for hit in search(query)][:1] == [expected]


# --- synonyms by family, and the topic cues' alternation ----------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("how do I amend my password", "change-password"),
        ("is there a levy on purchases?", "buyer-fee"),
        ("what portion of my payment does Fiverr pocket?", "seller-fee"),
        ("some dude says he's Fiverr staff, is it bogus?", "official-accounts"),
        ("where is Fiverr's HQ?", "what-is-fiverr"),
        ("elvesztettem a jelszavamat, hogy jutok be?", "reset-password"),
    ],
)
def test_a_thesaurus_neighbour_of_an_faq_word_stands_for_it(query: str, expected: str) -> None:
    """A rarer word of one of the families (amend, levy, pocket, bogus, HQ...) finds its entry."""
    assert [hit.entry.id for hit in search(query)][:1] == [expected]


def test_every_word_start_is_in_one_family() -> None:
    """No word start stands for two FAQ words, and none is shorter than two letters."""
    starts = [start for _, family in _understand._FAMILIES for start in family]
    assert len(starts) == len(set(starts))
    assert all(len(start) >= 2 for start in starts)


@pytest.mark.parametrize(
    "text",
    [
        "how do i get a refund and cancel my order",
        "a fiokom korlatozva van, vissza tudom kerni a penzt?",
        "my gig isn't showing up, level 2 seller here",
        "nothing to see here",
        "",
    ],
)
def test_grouping_alternatives_by_first_letter_keeps_the_matches(text: str) -> None:
    """The grouped alternation finds what the plain one does, cue for cue."""
    plain = re.compile(rf"\b(?:{_understand._UNANSWERED_SOURCE})\b")
    assert [m.group() for m in plain.finditer(text)] == [
        m.group() for m in _understand._UNANSWERED.finditer(text)
    ]


def _grouped_without_spreading(source: str) -> str:
    """Return :func:`_understand._by_first_letter` of *source* as it was before spreading."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for branch in dict.fromkeys(_understand._branches(source)):
        if branch[:1].isalnum() and branch[1:2] not in {"?", "*", "+", "{"}:
            groups.setdefault(branch[0], []).append(branch[1:])
        else:
            others.append(branch)
    return "|".join(
        [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(groups.items())] + others
    )


@given(
    st.lists(
        st.sampled_from(
            [
                "ab",
                "a\\w*",
                "b",
                "abc\\s+d",
                "(?:ab|c)d\\w*",
                "(?:ab|x)\\s+d",
                "(?:x|a\\s+b)\\w*",
                "(?:(?:a|x)y|b)c",
                "(?:a|b)?c",
                "(?:a\\s+)*b",
                "[ab]c",
                "(?:c|[xy])a",
                "x\\s+(?:\\w+\\s+){0,2}y",
            ]
        ),
        min_size=1,
    ),
    st.text(alphabet="abcdxy ", max_size=14),
)
@example(["ab", "(?:ab|x)\\s+d"], "ab d xy")
@example(["(?:x|a\\s+b)\\w*", "a\\w*", "[ab]c", "(?:ab|c)d\\w*"], "a bc abd cd")
def test_spreading_group_alternatives_keeps_the_matches(branches: list[str], text: str) -> None:
    """Alternatives opening with a group, spread over the letters, match what they did."""
    source = "|".join(branches)
    before = re.compile(rf"\b(?:{_grouped_without_spreading(source)})\b")
    after = re.compile(rf"\b(?:{_understand._by_first_letter(source)})\b")
    assert [(m.span(), m.group()) for m in before.finditer(text)] == [
        (m.span(), m.group()) for m in after.finditer(text)
    ]


@given(st.lists(st.sampled_from(["ab", "abc", "b", "a(?:x|y)", "c\\|d", "[|]e", "9z"]), min_size=1))
def test_alternatives_are_split_at_the_top_level_only(branches: list[str]) -> None:
    """A bar inside a group, a class or after a backslash does not split an alternative."""
    assert _understand._branches("|".join(branches)) == branches


@pytest.mark.parametrize(
    ("folded", "joined"),
    [
        ("meg lehet szuntetni a fiokot", "megszuntetni a fiokot"),
        ("le tudom mondani a rendelest", "lemondani a rendelest"),
    ],
)
def test_a_verbal_prefix_apart_is_also_read_joined(folded: str, joined: str) -> None:
    """`meg lehet szüntetni` is read as written and as `megszüntetni`."""
    assert _understand.rejoin_prefixes(folded) == f"{folded} . {joined}"


def test_a_text_without_a_prefix_apart_is_read_as_it_is() -> None:
    """Nothing is added to a text whose prefixes are where they belong."""
    assert _understand.rejoin_prefixes("megszuntetni a fiokot") == "megszuntetni a fiokot"


_CUE_TEXT = st.text(alphabet="fivertaxdoz ", max_size=30) | st.sampled_from(
    ["fiverr", "fivver", "a fiverrnel", "xfiverr", "tax", "taxes", "vat", "ado", "adozas", "afa"]
)


@given(_CUE_TEXT, _CUE_TEXT)
def test_the_literal_checks_before_the_cue_regexes_change_nothing(left: str, right: str) -> None:
    text = f"{left} {right}"
    assert _understand._names_company(text) == (_understand._COMPANY.search(text) is not None)
    assert _understand._generic_matter(text) == (
        _understand._GENERIC_MATTER.search(text) is not None
    )


# --- which side of a matter a message is on ---------------------------------------------------


def leaning(message: str) -> _understand.Leaning:
    """Return the leaning of *message*, read as the engine reads it (accent- and case-folded)."""
    return _understand.leanings(fold(message.lower()))


@pytest.mark.parametrize(
    "message",
    [
        "a client pays me $100, what lands in my pocket?",
        "mennyit kapok kézhez ha valaki 100 dolláros gigemet megveszi?",
        "buyer paid $250 for my order, how much of that is mine",
        "freelancerként mennyi commissiont fizetek?",
    ],
)
def test_a_money_question_whose_writer_is_paid_is_a_sellers(message: str) -> None:
    """Being paid, or a seller's role said outright, ranks with `seller` and `earnings`."""
    assert leaning(message).ranks == ("seller", "earnings")
    assert leaning(message).says == ()


@pytest.mark.parametrize(
    "message",
    [
        "I'm ordering a logo for $30, what's the extra at checkout?",
        "ha rendelek egy 30 dolláros logót, mennyi pluszt kell fizetnem?",
        "why did I get charged more than the price on the listing?",
    ],
)
def test_a_money_question_whose_writer_pays_is_a_buyers(message: str) -> None:
    """Paying, or being charged more than the listed price, ranks with `buyer` and `fee`."""
    assert leaning(message).ranks == ("buyer", "fee")


def test_a_message_without_money_has_no_side() -> None:
    """Who pays means nothing in a message about no money: `I get a message`."""
    assert leaning("I get a weird message every day").ranks == ()


@pytest.mark.parametrize(
    "message",
    [
        "Does Fiverr ever reach out to sellers directly?",
        "somebody claiming to be fiverr support wants my login, real?",
        "a Fiverr nevében írt valaki, ez hivatalos?",
        "got a DM from 'fiverr_support_2024' asking for my login. legit?",
        "how do i check that someone in chat actually works for you",
    ],
)
def test_the_company_writing_to_a_user_is_about_its_official_accounts(message: str) -> None:
    """Fiverr writing to users, or somebody posing as it, ranks with `official`."""
    assert "official" in leaning(message).ranks


@pytest.mark.parametrize(
    "message",
    ["How do I contact Fiverr?", "Why is it called Fiverr?", "fiverr e-mail cím"],
)
def test_reaching_the_company_is_not_the_company_writing(message: str) -> None:
    """The user reaching Fiverr, or its name, is not Fiverr writing to anybody."""
    assert "official" not in leaning(message).ranks


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("kinek írjak ha gáz van?", ("contact", "support")),
        ("how do i open a ticket", ("contact", "support")),
        ("lövésem sincs mi a jelszavam, hogy jutok be?", ("forgot",)),
        ("jelszót nem tudom", ("forgot",)),
        ("tudom a mostanit, de újat szeretnék", ("current",)),
        ("I still know the current one, where do I change it?", ("current",)),
        ("nem tudom a régit", ("forgot",)),
    ],
)
def test_what_a_message_asks_in_other_words(message: str, says: tuple[str, ...]) -> None:
    """Who to write to, and a password forgotten or known, say the FAQ's words."""
    assert leaning(message).says == says


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("ez az oldal pontosan mire jó?", True),
        ("how long do you guys take to reply", True),
        ("honnan ered az Önök márkaneve?", True),
        ("what is a good site for recipes", False),
        ("hol van a jelszó beállítás?", False),
    ],
)
def test_the_site_itself_is_the_company(message: str, *, expected: bool) -> None:
    """ "This site", "you guys", the formal "Önök" mean the company; other sites do not."""
    assert _understand.mentions_site(fold(message.lower())) is expected


@pytest.mark.parametrize(
    "message",
    [
        "best things to do in Tel Aviv for a weekend",
        "milyen idő van most Tel-Avivban?",
        "honnan ered a 'freelancer' szó?",
        "what's 5% of 40 dollars",
        "how do I reverse a linked list in python",
        "teszt teszt",
        "write me a cover letter for a graphic design job",
    ],
)
def test_places_words_sums_and_tasks_are_something_else(message: str) -> None:
    """A place, a word or a sum asked about for itself, code, a test: not the FAQ's."""
    assert _understand.topic(message).foreign


@pytest.mark.parametrize(
    "message",
    [
        "where is the company based, Tel Aviv?",
        "Fiverr székhelye Tel Avivban van?",
        "how much is the 5% fee on a 40 dollar order",
    ],
)
def test_the_companys_place_and_fees_are_not_something_else(message: str) -> None:
    """Where the company is, and a percentage of an order, are the FAQ's matters."""
    assert not _understand.topic(message).foreign


@pytest.mark.parametrize(
    "message",
    [
        "How do I verify my ID on Fiverr?",
        "gig extrát hogy adok hozzá a gigemhez?",
        "Can I change my gig's price after someone already ordered?",
        "hogyan lehet a profilképemet lecserélni?",
        "does fiverr send me a 1099 at the end of the year?",
        "3 napja írtam a supportnak és semmi, mi van a jegyemmel?",
    ],
)
def test_more_fiverr_matters_without_an_entry(message: str) -> None:
    """ID checks, gig extras and prices, profile pictures, tax forms, a ticket's status."""
    assert _understand.topic(message).unanswered


@pytest.mark.parametrize(
    "message",
    [
        "a böngésző törölte a mentett jelszót, és nem tudom, mi volt",
        "Is it an app? A company?",
        "van egy kis vitám a barátommal a névről",
        "is the fee taken once the order is finished and delivered?",
        "Mennyi díjat számolnak fel egy megrendelés után a megrendelőnek?",
    ],
)
def test_story_words_are_not_matters_by_themselves(message: str) -> None:
    """Deleting a saved password, an app, an argument, delivery, a fee for a buyer."""
    assert not _understand.topic(message).unanswered


@pytest.mark.parametrize(
    ("word", "stem"),
    [("earningsembol", "earnings"), ("accountomba", "account"), ("gigeket", "gig")],
)
def test_an_ending_after_a_possessive_or_plural(word: str, stem: str) -> None:
    """A possessive or a plural before the case ending comes off too."""
    assert stem in _understand.loanword_stems(word)


@pytest.mark.parametrize(("word", "expected"), [("wat", ("what",)), ("fe", ("fee",))])
def test_chat_spellings_of_whole_words(word: str, expected: tuple[str, ...]) -> None:
    """`wat` is what and `fe` is fee, as whole words only."""
    assert _understand.synonyms(word) == expected


def test_a_chat_spelling_is_not_a_word_start() -> None:
    """`water` does not start with a chat spelling of `what`."""
    assert _understand.synonyms("water") != ("what",)


# The patterns compiled with their word alternations grouped by first letter, and the
# one-pass reading of what a message says as it was written before (a `\b` per group).
_GROUPED_PATTERNS = {
    name: getattr(_understand, name)
    for name in (
        "_MONEY",
        "_PAID",
        "_PAYING",
        "_AS_SELLER",
        "_AS_BUYER",
        "_DEICTIC",
        "_PLACE",
        "_COMPANY_PLACE",
        "_WORD_TALK",
        "_ARITHMETIC",
        "_FEE_MATTER",
    )
} | {f"_FROM_COMPANY[{at}]": pattern for at, (_, pattern) in enumerate(_understand._FROM_COMPANY)}
_SAYS_AS_WRITTEN = "|".join(
    f"(?P<{name}>{pattern})"
    for name, pattern in (
        ("staff", _understand._FROM_STAFF),
        ("reach", _understand._REACH),
        ("forgotten", _understand._FORGOTTEN),
        ("remembered", _understand._REMEMBERED),
    )
)
_PATTERN_WORDS = sorted(
    {
        word
        for source in [*_GROUPED_PATTERNS.values(), _SAYS_AS_WRITTEN]
        for word in re.findall(r"[a-z']+", re.sub(r"\\[a-zA-Z]", " ", source))
    }
)
_EVAL = Path(__file__).resolve().parent.parent / "benchmarks" / "eval"
_DEV_MESSAGES = [
    json.loads(line)["message"]
    for name in (
        "faq/dev.jsonl",
        "faq/dev_extra.jsonl",
        "faq_fresh/dev.jsonl",
        "faq_more/dev.jsonl",
    )
    for line in (_EVAL / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _same_matches(folded: str) -> None:
    """Assert that every grouped pattern finds in *folded* what it did as written.

    And the two roles read in one pass, and the quick tests before a pattern.
    """
    for name, source in _GROUPED_PATTERNS.items():
        before = re.search(source, folded) is not None
        assert before == _understand._found(source, folded), (name, folded)
    roles = {
        match.lastgroup for match in _understand._compiled(_understand._AS_ROLE).finditer(folded)
    }
    assert ("seller" in roles, "buyer" in roles) == (
        re.search(_understand._AS_SELLER, folded) is not None,
        re.search(_understand._AS_BUYER, folded) is not None,
    ), folded
    if not any(part in folded for part in _understand._WORD_TALK_PARTS):
        assert re.search(_understand._WORD_TALK, folded) is None, folded
    if _engine._PREFIX_GAP.search(folded) is None:
        assert not _engine._PREFIX_AFTER.findall(folded), folded
    said = {match.lastgroup for match in re.finditer(_SAYS_AS_WRITTEN, folded)}
    assert said == {
        match.lastgroup for match in _understand._compiled(_understand._SAYS).finditer(folded)
    }


def test_grouped_patterns_match_as_written_on_the_development_messages() -> None:
    """Each development message has the same cues with the patterns grouped by first letter."""
    assert len(_DEV_MESSAGES) > 500
    for message in _DEV_MESSAGES:
        _same_matches(fold(message.lower()))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [*_PATTERN_WORDS, "meg", "le", "at", "i'm", "am", "an", "a", "you", "on", "this"]
            ),
            st.sampled_from(["", "", "s", "ek", "ed", "kent", "em"]),
            st.sampled_from([" ", " ", "  ", "-", "'", ", ", "_", "\n", "$", "5", "%"]),
        ),
        max_size=12,
    )
)
def test_grouped_patterns_match_as_written_on_generated_text(
    words: list[tuple[str, str, str]],
) -> None:
    """Text made of the patterns' own words has the same cues, grouped or as written."""
    _same_matches("".join(word + ending + gap for word, ending, gap in words))


@pytest.mark.parametrize(
    "message",
    ["a fiókomat hogyan tudom törölni?", "the review on my gig, can it be deleted?"],
)
def test_an_account_or_review_named_before_its_deletion_is_a_matter(message: str) -> None:
    """Deleting, with what is deleted named first (Hungarian word order), is a hand-off."""
    assert _understand.topic(message).unanswered


@pytest.mark.parametrize(
    "message",
    [
        "someone claiming to be fiverr asked me to pay outside the site, real?",
        "an email says my account will be suspended unless i click a link, is that fiverr for real",
        'kaptam egy üzenetet "Fiverr_Official_Support" névtől, hogy verify-olni kell, ez legit?',
    ],
)
def test_what_a_sender_posing_as_fiverr_asks_for_is_not_the_question(message: str) -> None:
    """Whether a sender is really Fiverr is the question, not the suspension it threatens."""
    assert not _understand.topic(message).unanswered
    assert "official" in leaning(message).ranks


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Mennyi idő után vehetem fel a bevételemet?", True),
        ("milyen elérhetőségeken vehetem fel Önökkel a kapcsolatot?", False),
        ("Hány módosítást kérhet a vevő?", True),
        ("How do I report a Fiverr user who's scamming me?", True),
    ],
)
def test_withdrawals_revisions_and_reports_but_not_getting_in_touch(
    message: str, *, expected: bool
) -> None:
    """`vehetem fel` is a withdrawal, not `felveszem a kapcsolatot` (getting in touch)."""
    assert _understand.topic(message).unanswered is expected


@pytest.mark.parametrize(
    "message",
    [
        "how do I make a strong password",
        "Milyen erős jelszót érdemes általában választani?",
        "should I quit my job and become a freelancer?",
        "Elfelejtettem az Ügyfélkapu jelszavamat",
        "hogy kell ötöst kapni matekból",
    ],
)
def test_advice_for_anybody_is_something_else(message: str) -> None:
    """A strong password in general, a career, school, another portal: not the FAQ's."""
    topic = _understand.topic(message)
    assert topic.foreign or topic.elsewhere


@pytest.mark.parametrize(
    "message",
    ["Can you tell me what Fiverr is used for?", "fiverr, whats its deal innit"],
)
def test_what_something_is_for_leans_to_the_marketplace(message: str) -> None:
    """`used for`, `what's the deal`: what the marketplace is."""
    assert leaning(message).ranks == ("marketplace", "marketplace")


@pytest.mark.parametrize(
    ("message", "official"),
    [
        (
            "I got a message from an account with the name 'FiverrVerificationDept', is it real?",
            True,
        ),
        ("Why is it called Fiverr?", False),
    ],
)
def test_an_account_named_after_the_company_is_about_the_official_ones(
    message: str, *, official: bool
) -> None:
    """An account named `Fiverr...` writing to a user; the company's own name is not one."""
    assert ("official" in leaning(message).ranks) is official


def test_knowing_what_it_is_is_remembering_it() -> None:
    """`persze tudom, mi az, csak szeretnék egy újat`: the writer knows the password."""
    assert leaning("persze tudom, mi az, csak szeretnék egy újat").says == ("current",)


def test_the_writer_saying_here_is_the_question_marks_it() -> None:
    """`So here's my question: I'd like to know ...` is the question, though it has no `?`."""
    message = (
        "Hi there! I work nights as a nurse and do illustration commissions. I'm looking at "
        "Fiverr. A friend of a friend told me she makes decent money online doing small "
        "design jobs, so I figured I'd give it a shot. So here's my question: I'd like to know "
        "what percentage of each completed order goes to Fiverr. Thank you so much!"
    )
    assert "percentage" in _understand.focus(message).asks


@pytest.mark.parametrize(
    "message",
    [
        (
            "Tisztelt Ügyfélszolgálat! Tudom, hogy ez egy Fiverrel kapcsolatos csatorna, de "
            "hátha tudtok segíteni egy másik dologban. Szóval a kérdésem: érdemes otthagyni a "
            "biztos állásomat?"
        ),
        "I know this chat is about Fiverr, but an off-topic question: what's a good laptop?",
    ],
)
def test_the_writer_saying_it_is_not_about_fiverr_is_something_else(message: str) -> None:
    """`I know this is a Fiverr chat, but ...`: the question is about something else."""
    reading = _understand.focus(message)
    assert _understand.topic(reading.cues, f"{reading.lead} {reading.context}").foreign


@pytest.mark.parametrize(
    ("word", "expected"),
    [("credentials", ("password",)), ("titkos", ("jelszó",))],
)
def test_more_words_for_a_password(word: str, expected: tuple[str, ...]) -> None:
    """Credentials, a secret word: a password."""
    assert _understand.synonyms(word) == expected
