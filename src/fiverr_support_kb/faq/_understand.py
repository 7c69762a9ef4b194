"""What a chat message asks: its question sentences, its language, and what it is about.

A chatbot gets messages, not keywords: a greeting, a story, then the question; Hungarian and
English in one sentence; somebody else's password. This module reads a message before the
index does (:mod:`fiverr_support_kb.faq._engine` ranks what it finds):

* :func:`focus`: a long message is cut into sentences, and the ones that ask something (a
  question mark, a question word, a request such as ``szeretném``/``please``) are its focus;
  the other sentences are context, which counts for less. The cost is bounded: only the first
  :data:`MAX_MESSAGE_CHARS` characters are read, and at most :data:`MAX_FOCUS_SENTENCES`
  sentences are kept as the focus.
* :func:`message_language`: Hungarian or English, from the function words and the accented
  letters of the message.
* :func:`topic`: the cues read on the focus, accent-folded and case-folded: another named
  service's own matters (``Gmail jelszavam``, ``my twitter account``, ``PayPal díja``); a
  Fiverr matter the FAQ does not cover (refunds, cancelling, withdrawing, levels, disputes,
  bans, two-factor codes, verification, changing a username or e-mail address, deleting an
  account, taxes and invoices, reviews, late delivery...); another service or device, small
  talk and spam. :func:`about_fiverr`: Fiverr's name or its own vocabulary (gig, seller,
  order, commission...), which makes a question nobody answers a hand-off rather than
  off-topic.
* :func:`leanings`: which side of a matter a message is on, said in words the FAQ does not
  use: a money question whose writer is paid (``a client pays me``, ``mennyit kapok
  kézhez``) is a seller's, one whose writer pays (``I'm ordering``, ``ha rendelek``) a
  buyer's, and a message about Fiverr writing to its users (``Does Fiverr ever reach out``,
  ``somebody claiming to be Fiverr``) is about its official accounts. The words that say it
  (``seller``, ``buyer``, ``official``) rank entries; they never make a message about the FAQ.
* :func:`loanword_stems` and :func:`synonyms`: a word with a Hungarian ending taken off
  (``passwordomat``, ``supportnak``, ``kosárban``), and the thesaurus neighbours of the FAQ's
  words, by family, in both languages (``amend`` -> ``change``, ``átír`` -> ``módosít``).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final, NamedTuple

from fiverr_support_kb.faq._text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "CONTEXT_WEIGHT",
    "LEAD_WEIGHT",
    "MAX_FOCUS_SENTENCES",
    "MAX_MESSAGE_CHARS",
    "Leaning",
    "Reading",
    "Topic",
    "Vocabulary",
    "about_fiverr",
    "covered_cues",
    "cue_key",
    "focus",
    "leanings",
    "loanword_stems",
    "mentions_site",
    "message_language",
    "synonyms",
    "topic",
]

#: Only the start of a longer message is read, so a huge message costs no more than this.
MAX_MESSAGE_CHARS: Final = 12_000
#: At most this many asking sentences (the last ones) are a message's focus.
MAX_FOCUS_SENTENCES: Final = 3
#: A word only in the context (the sentences that ask nothing) counts this much.
CONTEXT_WEIGHT: Final = 0.3
# A message up to this long, or of one sentence, is read whole, as its own focus.
_SHORT: Final = 160
# A question of at most this many words leans on the sentence before it for its topic.
_SHORT_QUESTION: Final = 6
#: A word of the sentence before a question counts this much.
LEAD_WEIGHT: Final = 0.6

# A sentence ends at . ! ? … or a line break (a decimal point or an abbreviation's dot
# followed by a small letter or digit does not end one).
_SENTENCE_END: Final = re.compile(r"(?<=[!?…\n])\s*|(?<=\.)\s+(?=[^a-záéíóöőúüű0-9])")
# What makes a sentence without a question mark ask something: a request, or a question word
# or an auxiliary opening it (accent-folded and case-folded).
_ASKING: Final = re.compile(
    r"\b(?:please|pls|plz|tell\s+me|explain|help\s+me|let\s+me\s+know|i\s+need\s+to\s+know|"
    r"(?:would|d)\s+(?:like|love)\s+to\s+(?:know|understand)|wondering|kivancsi\w*|"
    r"kerem|kerlek|szeretnem\s+(?:meg)?tudni|szeretnem\s+megkerdezni|erdeklodn\w*|"
    r"elmagyaraz\w*|elmondan\w*|mondjatok|mondja\s+meg|segits\w*|tajekoztas\w*|"
    r"szivesked\w*|megtudhat\w*)\b"
    r"|^\W*(?:what|whats|why|where|wheres|when|how|hows|who|which|can|could|is|are|do|does|"
    r"did|should|would|will|mi|mit|mik|miert|mire|hol|honnan|hova|hogyan|hogy\s+tudom|"
    r"mikor|mennyi\w*|mekkora|milyen|melyik|hany|kihez|kinek|van|lehet\w*)\b"
)


# The writer saying that what follows is the question: it asks, as a question mark does.
_QUESTION_SAID: Final = re.compile(
    r"\b(?:(?:my|the|one)\s+question\s+(?:is|would\s+be)|here'?s\s+my\s+question|"
    r"my\s+question\s*:|(?:a|az\s+egyik)\s+kerdesem|kerdesem\s+(?:az|a|ez|:)|"
    r"szoval\s+a\s+kerdes\w*)"
)


class Reading(NamedTuple):
    """A message cut into what it asks, what leads to it, and the rest (see :func:`focus`)."""

    #: The sentences that ask something.
    asks: str
    #: The sentence right before each of them (a question often leans on it).
    lead: str
    #: The other sentences: the story.
    context: str
    #: What the message's topic is read on: what it asks, and the lead of a short question
    #: ("A buyer opened a dispute. What should I do?").
    cues: str


class Vocabulary(NamedTuple):
    """The words of an FAQ's texts, accent-folded, to tell how much a sentence is about it."""

    #: The FAQ's content words of :data:`_VOCABULARY_MIN` letters or more.
    words: frozenset[str]
    #: Their first :data:`_VOCABULARY_HEAD` letters: an inflected form counts too.
    heads: frozenset[str]

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        """Return the vocabulary of the accent-folded *words*."""
        kept = frozenset(word for word in words if len(word) >= _VOCABULARY_MIN)
        return cls(
            words=kept,
            heads=frozenset(
                word[:_VOCABULARY_HEAD] for word in kept if len(word) >= _VOCABULARY_HEAD
            ),
        )

    def count(self, folded: str) -> int:
        """Return how many distinct words of the accent-folded text *folded* are the FAQ's."""
        words, heads = self.words, self.heads
        return sum(
            1
            for word in set(_WORD.findall(folded))
            if word in words or (len(word) >= _VOCABULARY_HEAD and word[:_VOCABULARY_HEAD] in heads)
        )


# A word shorter than this says too little to count in a sentence's FAQ vocabulary; a word
# of this many letters or more counts by its start (an inflected form of an FAQ word).
_VOCABULARY_MIN: Final = 3
_VOCABULARY_HEAD: Final = 6
# When no asking sentence has an FAQ word, the sentence with the most, at least this many, is
# what the message asks (a question written as a statement).
_DENSER: Final = 4
# ... or, when no sentence has a question mark, this many more than every asking sentence.
_MARGIN: Final = 2


def focus(message: str, vocabulary: Vocabulary | None = None) -> Reading:
    """Return the :class:`Reading` of *message*: what it asks, what leads to it, the rest.

    What it asks is the sentences with a question mark; without any, the sentences that
    open with a question word or make a request; at most the last :data:`MAX_FOCUS_SENTENCES`.
    With the FAQ's *vocabulary*, each sentence is also scored by how many of the FAQ's words
    it has (a short question with the sentence before it): an asking sentence without any
    (``Who would have thought?``) is not the question when another one has some; when none
    has any, the sentence with the most (at least :data:`_DENSER`) is the question (``I would
    like to know how much the service fee is.``); and when no sentence has a question mark,
    so is a sentence with :data:`_MARGIN` FAQ words more than every one that opens like a
    question (``Can you believe it, my cat ...``). A short message, or one where no sentence
    asks, asks all of it. Reads at most :data:`MAX_MESSAGE_CHARS` characters.
    """
    text = message[:MAX_MESSAGE_CHARS]
    whole = Reading(asks=text, lead="", context="", cues=text)
    if len(text) <= _SHORT:
        return whole
    sentences = [part for part in _SENTENCE_END.split(text) if part and not part.isspace()]
    if len(sentences) <= 1:
        return whole
    folded = [fold(sentence.strip().lower()) for sentence in sentences]
    # A question mark, or the writer saying that the question comes (`here's my question:`).
    asking = [
        number
        for number, sentence in enumerate(sentences)
        if "?" in sentence or _QUESTION_SAID.search(folded[number]) is not None
    ]
    marked = bool(asking)
    if not asking:
        asking = [
            number for number, sentence in enumerate(folded) if _ASKING.search(sentence) is not None
        ]
    if vocabulary is not None:
        asking = _by_vocabulary(
            asking,
            [vocabulary.count(sentence) for sentence in folded],
            {number for number in asking if len(sentences[number].split()) <= _SHORT_QUESTION},
            marked=marked,
        )
    asking = asking[-MAX_FOCUS_SENTENCES:]
    if not asking:
        return whole
    leads = sorted({number - 1 for number in asking} - set(asking) - {-1})
    short_leads = {
        number - 1 for number in asking if len(sentences[number].split()) <= _SHORT_QUESTION
    }
    return Reading(
        asks=" ".join(sentences[number] for number in asking),
        lead=" ".join(sentences[number] for number in leads),
        context=" ".join(
            sentence
            for number, sentence in enumerate(sentences)
            if number not in asking and number not in leads
        ),
        cues=" ".join(
            sentences[number] for number in sorted({*asking, *(short_leads & set(leads))})
        ),
    )


# --- the language of a message ---------------------------------------------------------------


def _by_vocabulary(
    asking: list[int], counts: list[int], short: set[int], *, marked: bool
) -> list[int]:
    """Return the asking sentences *asking*, rescored by their FAQ words' *counts*.

    A short question (in *short*) counts with the sentence before it, which it leans on. An
    asking sentence with no FAQ word is dropped when another asking sentence has some. When
    none has any, the sentence with the most FAQ words (at least :data:`_DENSER`) is what the
    message asks instead; so it is when no sentence has a question mark and it has
    :data:`_MARGIN` FAQ words more than every sentence that opens like a question.
    """
    scores = {
        number: counts[number] + (counts[number - 1] if number in short and number else 0)
        for number in asking
    }
    most = max(scores.values(), default=0)
    if most:
        asking = [number for number in asking if scores[number]]
    others = [count if number not in scores else -1 for number, count in enumerate(counts)]
    densest = max(others)
    if densest < _DENSER or (most and (marked or densest < most + _MARGIN)):
        return asking
    # The last of the other sentences with the most FAQ words.
    return [len(others) - 1 - others[::-1].index(densest)]


def _words(text: str) -> frozenset[str]:
    """Return the accent-folded words of *text*, a whitespace-separated word list."""
    return frozenset(fold(word) for word in text.split())


_HU_WORDS: Final = _words(
    """
    a az egy es hogy nem van is meg mi mit hol hogyan miert mikor mennyi milyen ha de
    tudom tudok lehet kell szeretnem szeretnek kerem kerlek szia sziasztok koszi koszonom
    vagy mert csak mar meg ez ezt azt nekem nincs volt lesz minden valami jelszo jelszavam
    """
)
_EN_WORDS: Final = _words(
    """
    the a an and or is are was i my me you your it to of in on for with how what why where
    when can do does did have has not no please thanks hi hello there this that be get
    """
)
_HU_LETTERS: Final = frozenset("áéíóöőúüű")
_LANGUAGE_CHARS: Final = 2000
_ABOUT_CHARS: Final = 4000
_WORD: Final = re.compile(r"[^\W\d_]+")


def message_language(message: str, tie: str = "en") -> str:
    """Return ``"hu"`` or ``"en"``: the language most of *message*'s function words are in.

    Accented Hungarian letters count for Hungarian; a tie is *tie*. Reads at most the first
    :data:`_LANGUAGE_CHARS` characters: they tell.
    """
    text = message[:_LANGUAGE_CHARS].lower()
    hungarian = english = 0
    for word in _WORD.findall(text):
        if not word.isascii():
            if not _HU_LETTERS.isdisjoint(word):
                hungarian += 1
                continue
            word = fold(word)  # noqa: PLW2901 - the word, folded
        if word in _HU_WORDS:
            hungarian += word not in _EN_WORDS
        elif word in _EN_WORDS:
            english += 1
    if hungarian == english:
        return tie
    return "hu" if hungarian > english else "en"


# --- what a message is about -----------------------------------------------------------------


class Topic(NamedTuple):
    """The cues of a message (all read accent-folded and case-folded)."""

    #: It names the company (``Fiverr``, inflected), anywhere.
    named: bool
    #: Its focus is about another named service's own password, account, support or fee,
    #: and does not name Fiverr.
    elsewhere: bool
    #: Its focus asks about a Fiverr matter the FAQ does not answer (refund, withdrawal...).
    unanswered: bool
    #: Its focus is about another service or device (``my router``, ``routerem``, ``a new
    #: iPhone``), is small talk or spam (the weather, a joke, followers for sale), asks about
    #: a place, a word or a sum for itself, or about anybody's taxes in a message not about
    #: Fiverr; and does not name Fiverr. Or the writer says it is not about Fiverr.
    foreign: bool
    #: Its focus names a service, app or device (Fiverr's own channels too: ``Facebook``),
    #: and does not name Fiverr.
    service: bool


def _syntax(source: str) -> Iterator[tuple[int, str, int]]:
    """Yield where *source*'s parentheses and bars are, each with the depth of groups after it.

    A regular expression's: escapes and character classes are skipped.
    """
    depth = at = 0
    in_class = False
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            if char != "|":
                depth += 1 if char == "(" else -1
            yield at, char, depth
        at += 1


def _branches(source: str) -> list[str]:
    """Return the top-level alternatives of the regular expression *source*."""
    found: list[str] = []
    start = 0
    for at, char, depth in _syntax(source):
        if char == "|" and not depth:
            found.append(source[start:at])
            start = at + 1
    found.append(source[start:])
    return found


def _by_first_letter(source: str) -> str:
    r"""Return the alternation *source* with its alternatives grouped by their first letter.

    The same matches, found faster: at each word start, the regular expression engine tries
    the alternatives of one letter instead of all of them. Alternatives that do not start
    with a plain letter or digit come last, in their order; those of them that open with a
    group of such alternatives (``(?:kap|ker)\w*\s+vissza``) are spread over the letters
    (``kap\w*\s+vissza``, ``ker\w*\s+vissza``), after the letters' own alternatives and
    in their order, as long as no alternative left last comes before them: at any place in
    a text, the alternatives that can match there are tried in the same order.
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    spread: list[str] = []
    for branch in dict.fromkeys(_branches(source)):
        if _lettered(branch):
            groups.setdefault(branch[0], []).append(branch[1:])
            continue
        parts = None if others else _spread(branch)
        if parts is None:
            others.append(branch)
        else:
            spread += parts
    for part in spread:
        groups.setdefault(part[0], []).append(part[1:])
    return "|".join(
        [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(groups.items())] + others
    )


def _lettered(branch: str) -> bool:
    """Tell whether the alternative *branch* starts with a plain letter or digit."""
    return branch[:1].isalnum() and branch[1:2] not in {"?", "*", "+", "{"}


def _spread(branch: str) -> list[str] | None:
    """Return *branch* as alternatives that start with a letter, in order; ``None`` if not.

    ``(?:a|b)x`` is ``ax|bx``: tried in the same order, with the same backtracking. (Not a
    branch with a capturing group, which copies would number differently.)
    """
    if not branch.startswith("(?:") or _CAPTURING.search(branch) is not None:
        return None
    at = _closing(branch)
    after = branch[at + 1 :]
    if after[:1] in {"?", "*", "+", "{"}:
        return None
    parts: list[str] = []
    for alternative in _branches(branch[3:at]):
        part = alternative + after
        if _lettered(part):
            parts.append(part)
            continue
        inner = _spread(part)
        if inner is None:
            return None
        parts += inner
    return parts


# A capturing group's opening parenthesis (or an escaped one: either is left alone).
_CAPTURING: Final = re.compile(r"\((?!\?)")


def _closing(source: str) -> int:
    """Return where the group that opens *source* closes (escapes and classes skipped)."""
    for at, char, depth in _syntax(source):
        if char == ")" and not depth:
            return at
    raise ValueError(source)


# Another service, app, device or institution.
_SERVICE_NAME: Final = (
    r"(?:gmail|google|gugli|iphone|ipad|icloud|apple|android|samsung|insta|instagram|"
    r"facebook|fb|messenger|whatsapp|twitter|tiktok|youtube|netflix|spotify|hbo|disney|"
    r"upwork|paypal|revolut|wise|bank|otp|erste|raiffeisen|"
    r"amazon|ebay|etsy|airbnb|booking|uber|wolt|foodpanda|emag|alza|linkedin|discord|"
    r"steam|xbox|playstation|microsoft|windows|outlook|hotmail|yahoo|skype|zoom|"
    r"telekom|vodafone|yettel|digi|wi-?fi|router|laptop|netbank|bankkartya|"
    r"password\s+manager|github|gitlab|freelancer\.com|toptal|peopleperhour|ugyfelkapu)"
)
# Its name starts the word (`gmailes`, `instán`, `Twitteren`).
_SERVICE: Final = _SERVICE_NAME + r"\w*"
# What belongs to an account holder: a password, an account, its support, its fees.
_OWNED: Final = (
    r"(?:password\w*|passcode\w*|pin\b|pin-?kod\w*|account\w*|login|log-?in|"
    r"support\w*|customer\s+(?:service|support|care)|helpdesk|fee\w*|charge\w*|"
    r"subscription\w*|premium|badge|verified|verification|followers?|likes|"
    r"jelsz\w*|fiok\w*|ugyfelszolg\w*|dij\w*|havidij\w*|kod\w*|kovetok?\w*|"
    r"elofizet\w*|gyari|beallitas\w*|pipa\w*|jelveny\w*)"
)
# Another service, device or institution than Fiverr's own channels (Twitter, Instagram,
# Facebook, LinkedIn, Pinterest are where Fiverr can be reached).
_OTHER_NAME: Final = (
    r"(?:gmail|google|gugli|iphone|ipad|icloud|apple|android|samsung|messenger|whatsapp|viber|"
    r"telegram|snapchat|reddit|twitch|"
    r"tiktok|youtube|netflix|spotify|hbo|disney|upwork|paypal|revolut|wise|bank|otp|erste|"
    r"raiffeisen|amazon|ebay|etsy|airbnb|booking|uber|wolt|foodpanda|emag|alza|discord|"
    r"steam|xbox|playstation|microsoft|windows|outlook|hotmail|yahoo|skype|zoom|telekom|"
    r"vodafone|yettel|digi|wi-?fi|router|laptop|netbank|bankkartya|password\s+manager|"
    r"real\s+estate|realtor|broker|landlord|ingatlan|ugynok|kozjegyzo|github|gitlab|"
    r"freelancer\.com|toptal|peopleperhour|recruiter|fejvadasz)"
)
# Another service owning the thing: `Gmail jelszavam`, `my twitter account`, `PayPal díja`,
# `OTP Bank ügyfélszolgálata`, `Airbnb guest service fee`, `password for my Gmail`. Compiled
# when a message first names a service (most never do): a first search does not pay for it.
_ELSEWHERE: Final = (
    rf"\b{_SERVICE}\s+(?:[\w-]+\s+){{0,2}}{_OWNED}|\b(?:does|do|did)\s+{_SERVICE}\s+charge"
    rf"|\b(?:password|passcode|account|badge|verified|followers|jelszo\w*|fiok\w*|pipa\w*)\s+"
    rf"(?:(?:for|of|to|on|in|at|a|az)\s+)?(?:my\s+)?{_SERVICE}"
    # another service's name, or its staff writing to people
    rf"|\b(?:why|how\s+come)\s+(?:is|was)\s+{_SERVICE}\s+(?:\w+\s+)?(?:called|named)"
    rf"|\b{_SERVICE}\s+(?:\w+\s+){{0,2}}(?:message|contact|e-?mail|dm|call|text)\w*\s+"
    r"(?:\w+\s+)?(?:people|users|me|you)"
    # a service that is not one of Fiverr's channels, beside its own messages, name or app
    rf"|\b{_OTHER_NAME}\w*\s+(?:[\w-]+\s+){{0,2}}(?:username\w*|felhasznalonev\w*|profil\w*|"
    r"uzenet\w*|messages?|apps?|alkalmazas\w*)"
)
# About another service or device (`my router`, `routerem`, `a new iPhone`); compiled as
# :data:`_ELSEWHERE` is.
_FOREIGN: Final = (
    rf"\b{_OTHER_NAME}\w*|\bmy\s+{_SERVICE}"
    rf"|\b{_SERVICE_NAME}-?(?:[aeoö]?m|[aeoö]?mat|[aeoö]?met|ja|je|jat|jet)\b"
)
# Any service's name: what :data:`_ELSEWHERE` and :data:`_FOREIGN` need (a quick test first).
_on_demand: Final = functools.cache(re.compile)
_ANY_SERVICE: Final = re.compile(
    rf"\b(?:{_by_first_letter(_SERVICE_NAME[3:-1] + '|' + _OTHER_NAME[3:-1])})"
)
# Small talk or spam: the weather, the time, a joke, followers for sale.
_SMALL_TALK: Final = re.compile(
    r"\b(?:"
    + _by_first_letter(
        r"weather|idojaras\w*|what\s+time\s+is\s+it|hany\s+ora|joke|vicc\w*|"
        r"recipe\w*|recept\w*|vacsor\w*|poem|vers\w*|homework|hazi\w*|"
        r"followers?|kovetok\w*|click\s+here|free\s+prize\w*|nyeremeny\w*|"
        # a test, a task for the bot, a trip, the post office, coding
        r"teszt|test|testing|cover\s+letter|motivacios\s+level\w*|oneletrajz\w*|resume|"
        r"write\s+me\s+an?|irj\s+nekem\s+egy|nightlife|travel\w*|utaz\w*|things\s+to\s+do|"
        r"population|lakos\w*|nepesseg\w*|posta|postan|regex|regular\s+expression|"
        r"linked\s+list|for\s+loop|for\s+ciklus\w*|javascript\w*|python\w*|typescript|"
        r"syntax\s+error|sql\s+query|"
        # advice for anybody: a strong password, a freelancing career, school
        r"(?:make|choose|create|pick|generate)\s+(?:a\s+)?(?:strong|good|secure)\s+password|"
        r"(?:milyen|hogyan)\s+(?:\w+\s+)?eros\s+jelszo\w*\s+(?:\w+\s+)?"
        r"(?:valasszak|valasszunk|erdemes|legyen|kell)|"
        r"successful\s+freelancer|quit\s+my\s+job|become\s+a\s+freelancer|sikeres\s+szabadusz\w*|"
        r"matek\w*|matematik\w*|dolgozat\w*|erettsegi\w*|gig\W{0,2}\s*economy|gig\W{0,2}\s*gazdasag\w*"
    )
    + r")\b"
)
_COMPANY: Final = re.compile(r"\bfiv+e?r+\w*|\bfiverr")


def _names_company(folded: str) -> bool:
    """Tell whether the accent-folded, lower-case *folded* names the company (:data:`_COMPANY`).

    Every match has ``fiv`` in it: a text without it (most) is not scanned.
    """
    return "fiv" in folded and _COMPANY.search(folded) is not None


# Fiverr matters the FAQ does not answer.
_UNANSWERED_SOURCE: Final = (
    # refunds, cancelling, money back, charged twice
    r"refund\w*|money\s+(?:\w+\s+){0,2}(?:back|returned)|reimburs\w*|chargeback\w*|cancel\w*|"
    r"visszaterit\w*|penzvisszaterit\w*|visszafizet\w*|visszakap\w*|visszaad\w*|"
    r"(?:kap|ker|igenyel)\w*\s+vissza|vissza\w*\s+(?:\w+\s+){0,2}(?:kap|ker|igenyel)\w*|"
    r"lemond\w*|twice|ketszer|"
    r"double\s+charg\w*|"
    # withdrawing and receiving earnings, payment methods, currencies
    r"withdr\w*|kivesz\w*|kivenni|kivet\w*|kiutal\w*|atutal\w*|utalas\w*|"
    r"felvehet\w*\s+valik|(?<!kapcsolatot\s)vehet(?:em|ek|o)\s+fel(?!.*kapcsolat)|"
    r"(?<!jelszo\s)modositas\w*\s+(?:\w+\s+)?ker\w*|hany\s+modositas\w*|"
    r"(?:nem\s+kaptam\s+meg|didn'?t\s+(?:get|receive)|never\s+(?:got|received))\s+"
    r"(?:a\s+|the\s+|my\s+)?(?:fajl|file|munka|delivery|order|rendeles)\w*|clear|balance|egyenleg\w*|payment\s+method\w*|"
    r"fizetesi\s+mod\w*|pay\w*\s+(?:with|by|via|through)\s+\w+|currenc\w*|euros?|forint\w*|"
    r"arfolyam\w*|valuta\w*|exchange\s+rate|"
    # levels, Pro, rankings, disputes, bans, hacking
    r"disappear\w*|eltun\w*|not\s+show\w*\s+up|nem\s+jelenik|impression\w*|visibility|"
    r"(?:not|isn.?t|aren.?t|doesn.?t|don.?t|won.?t|never)\s+(?:[\w']+\s+){0,3}(?:show\w*\s+up|appear\w*)|"
    r"lathatosag\w*|ranking|rangsor\w*|"
    r"seller\s+level\w*|level\s*(?:\d|one|two|three|up)|levels|szint\w*|pro|top\s+rated|ranking|rangsor\w*|dispute\w*|resolution|"
    r"vitarendez\w*|vitat|vitaba|vitaja|vita\s+(?:van|lett|alakult)|suspend\w*|banned|ban|bannol\w*|"
    r"restrict\w*|disabled?|deactivat\w*|"
    r"felfuggeszt\w*|letilt\w*|kitilt\w*|zarol\w*|korlatoz\w*|hack\w*|feltor\w*|"
    # two-factor codes, identity verification
    r"two-?factor|2fa|authenticat\w*|ketlepcsos|ketfaktoros|azonositas\w*|"
    r"identity|id\s+verification|szemelyazonos\w*|"
    r"verif\w*\s+(?:my\s+|your\s+|the\s+)?(?:id|identity|account|phone\w*|e-?mail\w*|profile)|"
    r"(?:id|phone|sms)\s+verif\w*|verification\s+(?:code|\w*kod\w*)|sms-?ben|sms\s+code|"
    # deleting, closing, renaming, notifications, language, pausing
    # (of an account, a gig, a review, an order, a message: not a browser's saved password)
    r"(?:delet|torol|torl|megszunt|megszuntet)\w*\s+(?:[\w'-]+\s+){0,3}(?:fiok|account|"
    r"profil|gig|review|ertekeles|order|rendeles|megrendeles|uzenet|message|portfolio|ceg|"
    r"business)\w*|(?:fiok|account|profil|gig|review|ertekeles|order|rendeles|megrendeles|"
    r"uzenet|message|portfolio|ceg|business)\w*\s+(?:[\w'-]+\s+){0,3}"
    r"(?:delet|torol|torl|megszun)\w*|"
    r"(?:close|closing|shut\s+down|terminat\w*|remove)\s+(?:[\w-]+\s+){0,2}account\w*|"
    r"pending|denied|when\s+will\s+i\s+(?:receive|get)\s+(?:my\s+)?"
    r"(?:money|payment|payout|earnings|funds)|"
    r"username[\w-]*\s+(?:[\w-]+\s+){0,3}(?:chang|modosit|megvaltoztat|valtoztat|csere)\w*|"
    r"(?:change|modify|rename|edit|update)\w*\s+(?:[\w-]+\s+){0,2}username|"
    r"(?:megvaltoztat|valtoztat|modosit|atir|csere)\w*\s+(?:[\w-]+\s+){0,3}felhasznalonev\w*|"
    r"felhasznalonev\w*\s+(?:\w+\s+)?(?:megvaltoztat|valtoztat|modosit|csere|atir|change)\w*|"
    r"e-?mail(?:\s*cim\w*)?\s+(?:\w+\s+)?(?:megvaltoztat|valtoztat|modosit|csere|change)\w*|"
    r"(?:change|megvaltoztat\w*|valtoztat\w*|modosit\w*)\s+(?:[\w-]+\s+){0,4}"
    r"e-?mail(?:\s*cim\w*)?|"
    r"notification\w*|ertesites\w*|nyelv\w*|language|vacation|szabadsag\s*mod\w*|"
    r"pause\w*|szunetel\w*|"
    r"invoice\w*|receipt\w*|szamla\w*|"
    # orders: late delivery, revisions, reviews, tips, custom offers, creating gigs
    r"late|deadline|overdue|kesik|keses\w*|hatarid\w*|revision\w*|review\w*|rating\w*|"
    r"ertekel\w*|tip|tips|tipp|borraval\w*|coupon\w*|kupon\w*|promo\s*code\w*|"
    r"custom\s+offer\w*|egyedi\s+ajanlat\w*|"
    r"(?:create|make|set\s+up|publish|post)\s+(?:\w+\s+){0,3}gig\w*|new\s+gig\w*|uj\s+gig\w*|"
    # gig extras, limits, payments waiting or outside the site, ticket status
    r"gig\s+extra\w*|extras|extrak\w*|extrat|fast\s+delivery|limit\w*|"
    r"fuggoben|folyamatban|in\s+progress|"
    r"(?:penz\w*|kifizetes\w*|money|payment|payout|funds)\s+(?:\w+\s+){0,3}"
    r"(?:er\s+ide|erkez\w*|arriv\w*)|"
    r"platformon\s+kivul|outside\s+(?:of\s+)?(?:the\s+)?(?:platform|fiverr|site)|off-?platform|"
    r"jegyem\w*|ticketem\w*|my\s+ticket\w*|escalat\w*|"
    r"fiverr\s+(?:business|go|workspace|learn|enterprise|logo\s+maker)|top\s*rated\w*|"
    r"downgrad\w*|"
    r"(?:letrehoz\w*|hoz\w*\s+letre)\s+(?:\w+\s+){0,2}gig\w*|affiliate\w*|partnerprogram\w*|"
    r"ticket\s*#|reopen\w*|ujra\w*\s+(?:\w+\s+)?nyit\w*|"
    r"(?:contact|message|write\s+to|talk\s+to|chat\s+with|reach)\w*\s+(?:a\s+|the\s+|my\s+)?"
    r"(?:seller|buyer)|seller\s+account|eladoi\s+fiok\w*|"
    r"(?:ir\w*|uzen\w*|szol\w*|valaszol\w*|kuld\w*|jelez\w*)\s+(?:\w+\s+){0,2}"
    r"(?:eladonak|vevonek|megrendelonek)|(?:eladonak|vevonek|megrendelonek)\s+(?:\w+\s+){0,2}"
    r"(?:ir\w*|uzen\w*|kuld\w*|valaszol\w*|szol\w*)|eladoval|vevovel|megrendelovel|"
    # the other party not responding, delivery, extensions, apps, terms, licences, scams
    r"(?:elado|vevo|buyer|seller|megrendelo)\w*\s+(?:\w+\s+){0,2}(?:nem\s+valaszol|not\s+respond|"
    r"doesn.?t\s+respond|isn.?t\s+respond|ignor)\w*|unresponsive|"
    r"(?:not|never|wasn'?t|hasn'?t|haven'?t|didn'?t|nem|meg\s+nem)\s+(?:\w+\s+){0,2}"
    r"(?:deliver|leszallit|feltolt)\w*|deliver\w*\s+(?:\w+\s+)?late|late\s+deliver\w*|"
    r"leszallitott\w*|leszallitan\w*|(?:have|need)\s+to\s+deliver|kell\s+(?:\w+\s+)?leszallit\w*|"
    r"extend\w*|extension\w*|meghosszabb\w*|delivery\s+(?:time|date)|"
    r"(?:the|your|fiverr|az?|in\s+the)\s+apps?|apps?\s+(?:\w+\s+)?(?:crash\w*|"
    r"(?:doesn'?t|does\s+not|won'?t|nem)\s+\w+|error|hiba\w*)|mobile\s+app\w*|alkalmazas\w*|"
    r"mobilapp\w*|mobilalkalmazas\w*|"
    r"terms\s+of\s+service|tos|copyright\w*|szerzoi\s+jog\w*|licen[cs]e\w*|licenc\w*|"
    r"engedely\w*|aszf|scammed|ripped\s+off|atvert\w*|becsapt\w*|"
    r"credit\s+card|debit\s+card|hitelkartya\w*|declin\w*|stuck|"
    r"feedback\s+(?:for|to|on|about)\s+(?:a\s+|the\s+|my\s+)?(?:seller|buyer|order)\w*|"
    # changing what the account holds other than its password
    r"(?:change|update|edit|modify|megvaltoztat|valtoztat|modosit|atir|csereln)\w*\s+"
    r"(?:[\w'-]+\s+){0,4}(?:phone\s+number|telefonszam|name|nev(?:em|emet)?|profil\w*|"
    r"country|orszag\w*|photo|picture|kep\w*|fenykep\w*|description|leiras\w*)|"
    r"(?:change|update|edit|modify|raise|lower|increase|modosit|valtoztat|emel|csokkent)\w*\s+"
    r"(?:[\w'-]+\s+){0,3}(?:gig'?s?\s+(?:\w+\s+)?price\w*|prices?\s+of\s+(?:my\s+)?gig\w*)|"
    r"gigem\w*\s+(?:\w+\s+)?ara\w*|"
    r"(?:profil\w*|phone\s+number|telefonszam\w*|fenykep\w*|leiras\w*|nevem\w*)\s+"
    r"(?:\w+\s+){0,2}(?:megvaltoztat|valtoztat|modosit|atir|csere|lecserel|change|update|edit)\w*|"
    r"fizet\w*\s+(?:\w+\s+)?(?:paypal|bankkartya|kartya)\w*|"
    r"(?:paypal|bankkartya|kartya)\w*\s+(?:\w+\s+)?fizet\w*|"
    # payouts to a bank, reporting users, several accounts, getting orders, acceptance
    r"bankszaml\w*|bank\s+(?:account|transfer)\w*|"
    r"(?:bejelent|jelent)\w*\s+(?:be\s+)?(?:\w+\s+){0,2}(?:elado|vevo|felhasznalo|megrendelo)\w*|"
    r"lopott|lopas\w*|stolen|plagi\w*|"
    r"report\w*\s+(?:a\s+|the\s+|this\s+)?(?:\w+\s+)?(?:buyer|seller|user)\w*|harass\w*|zaklat\w*|"
    r"(?:two|multiple|second|another|ket|tobb|masodik)\s+(?:fiverr\s+)?(?:accounts?|fiok\w*)|"
    r"more\s+(?:orders|sales|buyers|clients)|tobb\s+(?:rendeles\w*|megrendel\w*|vevo\w*)|"
    r"(?:accept|reject|elfogad|elutasit)\w*\s+(?:\w+\s+){0,2}(?:order\w*|offer\w*|request\w*|"
    r"rendeles\w*|megrendeles\w*|ajanlat\w*|keres\w*|munka\w*|delivery|szallitas\w*)|"
    r"(?:order\w*|offer\w*|rendeles\w*|megrendeles\w*|ajanlat\w*)\s+(?:\w+\s+){0,2}"
    r"(?:accept|reject|elfogad|elutasit)\w*|"
    r"(?:elfelejt|forgot|nem\s+emlekszem)\w*\s+(?:\w+\s+){0,2}(?:felhasznalonev|username)\w*|"
    r"(?:felhasznalonev|username)\w*\s+(?:\w+\s+){0,2}(?:elfelejt|forgot)\w*"
)
_UNANSWERED: Final = re.compile(rf"\b(?:{_by_first_letter(_UNANSWERED_SOURCE)})\b")
# Matters of anybody's money, not only Fiverr's (taxes): a Fiverr matter no entry answers
# only when the message is about Fiverr (:data:`_COMPANY`, :data:`_DOMAIN`).
_GENERIC_MATTER: Final = re.compile(r"\b(?:tax\w*|vat|ado|adot|adoz\w*|afa\w*|1099|w-?8\w*|w-?9)\b")


def _generic_matter(folded: str) -> bool:
    """Tell whether *folded* asks about anybody's money (:data:`_GENERIC_MATTER`).

    Every match has ``tax``, ``vat``, ``ado``, ``afa``, ``1099``, ``w-``, ``w8`` or ``w9`` in it: a
    text with none is not scanned.
    """
    return (
        "tax" in folded
        or "vat" in folded
        or "ado" in folded
        or "afa" in folded
        or "1099" in folded
        or "w-" in folded
        or "w8" in folded
        or "w9" in folded
    ) and _GENERIC_MATTER.search(folded) is not None


# Fiverr's own vocabulary: a question in it that nothing answers is for a person.
_DOMAIN: Final = re.compile(
    r"\b(?:"
    + _by_first_letter(
        r"gig\w*|seller\w*|buyer\w*|order\w*|rendel\w*|megrendel\w*|elado\w*|vevo\w*|"
        r"vasarlo\w*|freelancer\w*|szabadusz\w*|profil\w*|jutalek\w*|commission\w*|"
        r"earning\w*|bevetel\w*|kereset\w*|offer\w*|ajanlat\w*|payout\w*|kifizet\w*|"
        r"inbox|fiokom\w*|my\s+account|ugyfelszolgalatotok|supportotok|nalatok|checkout|"
        r"titeket|veletek|nektek|tiktek|your\s+(?:site|support|team|platform)"
    )
    + r")\b"
)


def cue_key(cue: str) -> str:
    """Return the key of a matched cue text: its first word's first seven letters."""
    return cue.split(None, 1)[0][:7] if cue.strip() else ""


def covered_cues(texts: Iterable[str]) -> frozenset[str]:
    """Return the keys of the unanswered-matter cues *texts* (an FAQ's questions) mention.

    A knowledge base with an entry about refunds answers them: its cue is not a hand-off.
    """
    return frozenset(
        cue_key(match.group())
        for text in texts
        for match in _UNANSWERED.finditer(fold(text.lower()))
    )


# A Hungarian verbal prefix standing apart before a modal or auxiliary and its verb: `meg lehet
# szüntetni`, `le tudom mondani`, `vissza tudod állítani` (accent-folded).
_PREFIX_APART: Final = re.compile(
    r"\b(meg|le|el|ki|fel|vissza|at|be)\s+"
    r"(?:lehet|lehetne|tudom|tudok|tudod|tudja|tudjak|tudnam|tudnank|kell|kellene|kene|"
    r"szeretnem|szeretnek|akarom|akarok|fogom|fogja|kivanom)\s+([a-z]+)"
)


def rejoin_prefixes(folded: str) -> str:
    """Return the accent-folded *folded*, and after it its verbs with their prefixes joined.

    ``meg lehet szuntetni`` reads as itself and as ``megszuntetni``, ``le tudom mondani`` also
    as ``lemondani``, so one cue finds a verb however its prefix is placed. The two readings
    are kept apart by a full stop, which no cue spans.
    """
    if _PREFIX_APART.search(folded) is None:
        return folded
    return folded + " . " + _PREFIX_APART.sub(r"\1\2", folded)


def topic(focus_text: str, context: str = "", covered: frozenset[str] = frozenset()) -> Topic:
    """Return the cues of a message from its *focus_text* and *context* (see :func:`focus`).

    What the message asks about (another service's matter, a Fiverr matter no entry answers,
    small talk) is read on its focus; whether it names Fiverr, on the whole of it. A matter
    whose cue is in *covered* (:func:`covered_cues`) is one the FAQ answers.
    """
    text = rejoin_prefixes(fold(focus_text.lower()))
    asks_fiverr = _names_company(text)
    named = asks_fiverr or (bool(context) and _names_company(fold(context.lower())))
    service = not asks_fiverr and _ANY_SERVICE.search(text) is not None
    unanswered = (
        any(cue_key(match.group()) not in covered for match in _UNANSWERED.finditer(text))
        if covered
        else _UNANSWERED.search(text) is not None
    )
    if unanswered and _checks_sender(text):
        unanswered = False  # what a sender claiming to be Fiverr asks for is not the question
    # Anybody's money matter (taxes): Fiverr's when the message is about Fiverr, else not ours.
    generic = not unanswered and _generic_matter(text)
    if generic:
        story = fold(context.lower()) if context else ""
        unanswered = named or any(
            _DOMAIN.search(part) is not None for part in (text, story) if part
        )
    return Topic(
        named=named,
        elsewhere=service and _on_demand(_ELSEWHERE).search(text) is not None,
        unanswered=unanswered,
        # (the writer saying the question is not about Fiverr names it only to say so)
        foreign=_found(_ASIDE, text)
        or (bool(context) and _found(_ASIDE, fold(context.lower())))
        or (
            not asks_fiverr
            and (
                (generic and not unanswered)
                or (service and _on_demand(_FOREIGN).search(text) is not None)
                or _SMALL_TALK.search(text) is not None
                or _elsewhere_talk(text)
            )
        ),
        service=service,
    )


# A place the FAQ names (where the company is), asked about as a place: its weather, sights,
# safety (`best things to do in Tel Aviv`), not where the company is.
_PLACE: Final = r"\b(?:tel[\s-]?aviv\w*|izrael\w*|israel\w*)"
_COMPANY_PLACE: Final = (
    r"\b(?:szekhely\w*|headquarter\w*|hq|based|alapit\w*|found\w*|ceg\w*|company|vallalat\w*|"
    r"iroda\w*|office\w*|located|location|talalhato|hol\s+van|where|wheres|honnan|origin\w*|"
    r"szarmaz\w*|melyik\s+orszag\w*|which\s+country|what\s+country|platform\w*|oldal\w*|site)\b"
)
# A word or term asked about as a word (`honnan ered a 'freelancer' szó?`, `what does 'fiver'
# mean in British slang`), not the company's name.
_WORD_TALK: Final = (
    r"\b(?:the\s+word|words?\s+(?:for|mean\w*)|term|slang\w*|szo|szot|szonak|kifejezes\w*|"
    r"szleng\w*)\b"
)
# What every match of it has: a text with none of them is not scanned.
_WORD_TALK_PARTS: Final = ("word", "term", "slang", "szo", "kifejezes", "szleng")
# Arithmetic: a percentage of an amount (`what's 5% of 40 dollars`) with no fee, order or
# role of the FAQ's in it.
_ARITHMETIC: Final = (
    r"\d\s*(?:%|percent|szazalek\w*)\s*-?\w{0,3}\s+(?:of\s+|a\s+|az\s+|from\s+)?\$?\d"
)
_FEE_MATTER: Final = (
    r"\b(?:fee\w*|dij\w*|commission\w*|jutalek\w*|gig\w*|order\w*|rendel\w*|seller\w*|"
    r"buyer\w*|elado\w*|vevo\w*|vasarlo\w*|charg\w*|levon\w*|earning\w*|kereset\w*)"
)


# The writer saying the question is not about Fiverr (`I know this chat is about Fiverr,
# but...`, `egy másik dologban`, `off-topic`), read in the story before it.
_ASIDE: Final = (
    r"\b(?:(?:i\s+know|tudom,?\s+hogy)\s+(?:this|ez)\s+(?:\w+\s+){0,4}fiv+e?r+\w*|"
    r"not\s+(?:really\s+)?(?:about|related\s+to)\s+fiv+e?r+|off[-\s]?topic|"
    r"(?:different|unrelated)\s+(?:question|matter|topic)|egy\s+masik\s+dolog\w*|"
    r"nem\s+fiv+e?r+\w*\s+(?:temaju|kapcsolatos))"
)
# Whether a sender is really Fiverr: `is that Fiverr for real`, `someone claiming to be
# Fiverr`, `tényleg a Fiverr`, a username made of the name with `legit?`.
_SENDER_CHECK: Final = (
    r"\b(?:(?:is|was)\s+(?:that|this|it)\s+(?:really\s+|actually\s+)?(?:from\s+)?fiv+e?r+|"
    r"fiv+e?r+\s+(?:for\s+real|legit)|(?:claim\w*|pretend\w*|pos(?:e|es|ing)\s+as|"
    r"impersonat\w*)\s+(?:\w+\s+){0,3}(?:to\s+be\s+|from\s+|as\s+)?(?:the\s+)?fiv+e?r+|"
    r"(?:tenyleg|valoban)\s+(?:a\s+)?fiv+e?r+|fiv+e?r+\w*\s+(?:\w+\s+)?neveben)"
)
_SENDER_NAME: Final = r"\bfiv+e?r+_\w+|_fiv+e?r+"
_SENDER_DOUBT: Final = r"\b(?:legit|real|igazi|valodi|hivatalos|scam\w*|csal\w*|fake|hamis)\b"


def _checks_sender(folded: str) -> bool:
    """Tell whether *folded* asks if a sender is really Fiverr (:data:`_SENDER_CHECK`).

    Or names a username made of the company's name and doubts it (`Fiverr_Support ... legit?`).
    What the sender threatens or asks for (a suspension, a payment outside the site) is
    then the sender's, not the question: the message is about the official accounts.
    """
    if "fiv" not in folded:
        return False
    if _found(_SENDER_CHECK, folded):
        return True
    return "_" in folded and _found(_SENDER_NAME, folded) and _found(_SENDER_DOUBT, folded)


def _elsewhere_talk(folded: str) -> bool:
    """Tell whether *folded* is about a place, a word or a sum, not about the FAQ's matters.

    A place of the FAQ asked about as a place (:data:`_PLACE` without :data:`_COMPANY_PLACE`),
    a word asked about as a word (:data:`_WORD_TALK`), or a percentage of an amount with no
    fee, order or role in it (:data:`_ARITHMETIC` without :data:`_FEE_MATTER`). The company
    not named (the caller's test).
    """
    if (
        ("aviv" in folded or "srael" in folded or "zrael" in folded)
        and _found(_PLACE, folded)
        and not _found(_COMPANY_PLACE, folded)
    ):
        return True
    if any(part in folded for part in _WORD_TALK_PARTS) and _found(_WORD_TALK, folded):
        return True
    return (
        ("%" in folded or "percent" in folded or "szazalek" in folded)
        and _found(_ARITHMETIC, folded)
        and not _found(_FEE_MATTER, folded)
    )


def about_fiverr(message: str) -> bool:
    """Tell whether *message* is about Fiverr: names it, or uses its own vocabulary.

    Its vocabulary: gig, seller, buyer, order, commission, earnings, "your support"... (accent
    and case ignored). Reads at most the first :data:`_ABOUT_CHARS` characters.
    """
    text = fold(message[:_ABOUT_CHARS].lower())
    return _names_company(text) or _DOMAIN.search(text) is not None


# --- who does what: phrasings that say which side of a matter a message is on -----------------

# The patterns below are compiled when first used (:func:`_compiled`): importing costs nothing.

# A message about money (a fee, a price, an amount): only then does who pays or who is paid
# tell a buyer's question from a seller's.
_MONEY: Final = (
    r"[$%€£]|\d|\b(?:dollar\w*|bucks?|money|fees?|pay\w*|paid|price\w*|cost\w*|cut|"
    r"commission\w*|earn\w*|percent\w*|much|charg\w*|mennyi\w*|dij\w*|penz\w*|fizet\w*|"
    r"jutalek\w*|ar|ara|arat|araert|aru|forint\w*|euro\w*|szazalek\w*|levon\w*|vont|"
    r"osszeg\w*|total|kartya\w*|card|revenue|zse|lovet|sellel\w*|enyem|mine)\b"
)
# Who is paid: the message's writer receives the money, so it is the seller's side (`a client
# pays me`, `what lands in my pocket`, `mennyit kapok kézhez`, `megveszi a gigemet`, `the
# buyer paid $250, how much of that is mine`).
_PAID: Final = (
    r"\b(?:(?:pays?|paid|paying|tips?)\s+me|(?:i|we)\s+(?:\w+\s+)?(?:get(?!\s+(?:charged|billed))|"
    r"receive|earn|make|keep|pocket|take\s+home|end\s+up\s+with|walk\s+away\s+with)|"
    r"(?:in|into)\s+my\s+(?:pocket|account|wallet)|my\s+(?:sales?|earnings?|income|payout\w*|share|revenue|profit\w*)|"
    r"(?:buys?|bought|orders?|ordered|purchases?|purchased|hires?|hired)\s+(?:\w+\s+)?"
    r"(?:my|from\s+me|me)\b|when\s+i\s+sell|i\s+sell|selling\s+my|(?:is|be)\s+mine|"
    r"(?:buyer|client|customer)\w*\s+(?:\w+\s+){0,3}paid|"
    r"kapok|kapnek|kapnank|kapunk|kezhez|zsebembe|marad\s+nekem|nekem\s+marad|maradna\s+nekem|"
    r"keresek|keresnek|megkeresek|jar\s+nekem|fizet\w*\s+nekem|enyem|nalam|jon\s+be|"
    r"(?:vevo|megrendelo|ugyfel|client)\w*\s+(?:\w+\s+){0,3}(?:fizetett|kifizet\w*)|"
    r"(?:megveszi|megvesz|megrendel|rendel|vesz)\w*\s+(?:\w+\s+)?(?:gigem|szolgaltatasom|tolem)\w*|"
    r"(?:gigem|szolgaltatasom)\w*\s+(?:\w+\s+)?(?:megveszi|megvesz|megrendel|rendel)\w*|"
    r"eladom|eladok|sellel\w*|eladasaim\w*|eladasom\w*|bevetelem\w*|keresetem\w*|"
    r"en\s+vagyok\s+a\s+(?:melos|elado|szabadusz\w*))\b"
)
# Who pays: the message's writer pays, so it is the buyer's side (`I'm ordering a logo`, `at
# checkout`, `ha rendelek`, `mennyit kell fizetnem`), or was charged more than the price
# (`why did the total jump`, `a hirdetett árnál magasabb összeg`).
_PAYING: Final = (
    r"\b(?:i\s+(?:\w+\s+)?(?:pay|buy|order|purchase|hire)|i\s*(?:'?m|am)\s+(?:\w+\s+)?(?:buying|"
    r"ordering|paying|purchasing|hiring)|(?:at|the)\s+check\s*out|checkout|when\s+(?:i|you)\s+"
    r"(?:buy|order|purchase|hire)|ordering|payment\s+page|"
    r"fizetnem|fizetek|fizetnek\s+kell|rendelek|rendelnek|megrendelek|vasarolok|vasarolnek|"
    r"veszek|vennek|megvennek|megrendelnem|megrendelek|kosar\w*|vevokent|vasarlokent|"
    r"megrendelokent|fizetesnel|"
    r"charged\s+(?:\w+\s+){0,2}more|more\s+than\s+(?:the\s+)?(?:price|listed|listing)|"
    r"(?:total|osszeg\w*)\s+(?:\w+\s+){0,3}(?:jump\w*|higher|more|magasabb|mas|tobb)|"
    r"magasabb\s+osszeg\w*|tobbet\s+(?:\w+\s+){0,3}mint|vont\s+le\s+tobbet|tobbet\s+vont)\b"
)
# The writer's role, said outright: it decides over what the verbs say (`freelancerként
# mennyi commissiont fizetek?` is a seller's question).
_AS_SELLER: Final = (
    r"\b(?:as\s+an?\s+(?:seller|freelancer|provider)|(?:i\s*(?:'?m|am)\s+an?\s+)(?:seller|"
    r"freelancer)|eladokent|szabaduszokent|freelancerkent|sellerkent|eladoi\s+oldal\w*)\b"
)
_AS_BUYER: Final = (
    r"\b(?:as\s+an?\s+(?:buyer|client|customer)|(?:i\s*(?:'?m|am)\s+an?\s+)(?:buyer|"
    r"client|customer)|vevokent|vasarlokent|megrendelokent|buyerkent|ugyfelkent)\b"
)
# Both roles in one pass, each a named group (no match of one can start inside one of the
# other: a role said in one message is found whatever the other says).
_AS_ROLE: Final = (
    rf"\b(?:(?P<seller>{_AS_SELLER[2:]})|(?P<buyer>{_AS_BUYER[2:]}))"  # without their `\b`
)
# The company reaching a user, or somebody posing as it: whether Fiverr writes to its users
# (`Does Fiverr ever reach out to sellers?`, `somebody claiming to be Fiverr support`,
# `a Fiverr nevében írt`, a username made of the name: `fiverr_support_2024`).
_FROM_COMPANY: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    # (substrings one of which a message must have, the pattern then looked for)
    (
        ("fiv",),
        (
            r"\bfiv+e?r+\w*\s+(?:(?:ever\s+|really\s+|actually\s+|itself\s+)?(?:reach\w*\s+out|"
            r"contact|contacts|message|messages|e-?mails?|dms?|texts?|writes?)\s+(?:\w+\s+)?"
            r"(?:me|you|us|users|people|sellers|buyers|its|their|members|anyone|someone|"
            r"freelancers)\b|(?:\w+\s+)?(?:reached\s+out|contacted|messaged|e-?mailed|dm-?e?d|"
            r"texted|called|wrote)\s+(?:to\s+)?(?:me|us|you|users|people|sellers|buyers|him|her|"
            r"them)\b|"
            r"(?:\w+\s+)?(?:irt|megkeresett|keresett\s+meg|hivott|felhivott|uzent)\b|"
            r"(?:valaha\s+|tenyleg\s+|maga\s+)?(?:ir\s|irt\w*|irna\w*|megkeres\w*|keres\w*\s+meg|"
            r"kapcsolatba\s+lep\w*)|neveben|(?:-?nak|-?nek)\s+adja\s+ki|(?:\w+\s+){0,2}nevu)"
        ),
    ),
    (
        ("ir", "keres", "hivott", "uzent", "lep"),
        (
            r"\b(?:irt|megkeresett|keresett\s+meg|hivott|felhivott|uzent|kapcsolatba\s+lepett|"
            r"megkeresi|megkeres|ir|irnak|kapcsolatba\s+lep)(?:-e)?\s+(?:\w+\s+){0,2}(?:a\s+)?"
            r"fiv+e?r+"
        ),
    ),
    (
        ("claim", "pretend", "pos", "imperson", "say", "said"),
        (
            r"\b(?:claim\w*|pretend\w*|pos(?:e|es|ing)\s+as|impersonat\w*|saying|says|said|say)\s+"
            r"(?:\w+\s+){0,3}(?:from\s+|to\s+be\s+|as\s+|be\s+)?(?:the\s+)?fiv+e?r+"
        ),
    ),
    (
        ("from", "by"),
        (
            r"\b(?:message|e-?mail|dm|text|call|letter|uzenet\w*)\w*\s+(?:\w+\s+)?(?:from|by)\s+"
            r"(?:the\s+)?fiv+e?r+\w*\s+(?:team|staff|support|admin\w*|employee\w*)"
        ),
    ),
    (("_",), r"\bfiv+e?r+_\w+|_fiv+e?r+"),
    (
        ("name", "called"),
        r"\b(?:the\s+name|named|called)\s+['\"]?fiv+e?rr\w{3,}",
    ),
    (
        ("named", "called"),
        (
            r"\b(?:user|account|profile|someone|somebody|username)\s+(?:\w+\s+)?(?:named|called)\s+"
            r"['\"]?fiv+e?r+"
        ),
    ),
)
# ... and without the company's name: staff, a moderator, the company writing.
_FROM_STAFF: Final = (
    r"\b(?:works?\s+for\s+(?:you|fiverr)|moderator\w*|a\s+ceg\s+(?:\w+\s+)?(?:ir|irt|uzen\w*)|"
    r"(?:claim\w*|pretend\w*|pos(?:e|es|ing)\s+as|impersonat\w*|saying|says|said|say)\s+"
    r"(?:\w+\s+){0,3}(?:to\s+be\s+|be\s+)?(?:the\s+)?(?:staff|admin\w*|employee\w*))"
)
# Somebody to reach: who to write to, a ticket to open, a call (`who do I talk to when
# something goes sideways`, `kinek írjak ha gáz van`, `megcsörgetni`).
_REACH: Final = (
    r"\b(?:who\s+(?:do|should|can|could)\s+i\s+(?:talk|write|speak|turn|reach|contact|"
    r"complain|call|email|message)|who\s+(?:to|can\s+i)\s+(?:talk|write|contact|call)|"
    r"kinek\s+(?:irjak|szoljak|panaszkodjak|telefonaljak|irhatok|jelezzem)|"
    r"kihez\s+(?:forduljak|fordulhatok|fordulok|fordulhatnek)|(?:open|submit|file)\s+a\s+"
    r"(?:ticket|request)|get\s+back\s+to\s+me|gets\s+back\s+to\s+me|megcsorget\w*|"
    r"reklamal\w*|complain\w*)"
)
# A password the writer does not know (`lövésem sincs mi a jelszavam`, `brainfarted my
# password`, `without knowing the old one`).
_FORGOTTEN: Final = (
    r"\b(?:(?:fogalmam|lovesem|otletem|gozom)\s+sincs|nem\s+tudom\w*\s+(?:\w+\s+)?(?:mi\s+"
    r"(?:volt|a|az)|a\s+regit|a\s+jelszo\w*)|regit\s+(?:mar\s+)?nem\s+tudom|without\s+knowing|"
    r"(?:don'?t|do\s+not|dont)\s+know\s+(?:my|the|what)|no\s+idea\s+what|brainfart\w*|"
    r"can'?t\s+recall|cannot\s+recall|kiment\s+a\s+fejembol|nem\s+tudom\s+mi\s+volt|"
    r"torolte\s+a\s+mentett|lost\s+my\s+entry|(?:no|zero)\s+clue|memory\s+fail\w*|"
    r"gone\s+from\s+my\s+(?:head|mind|memory|noggin)|slipped\s+my\s+mind|blanked\s+on|"
    r"can'?t\s+remember|cannot\s+remember|jelsz\w*\s+(?:\w+\s+)?nem\s+tudom|"
    r"nem\s+tudom\s+a\s+jelsz\w*)"
)
# A password the writer knows and wants to replace (`tudom a mostanit`, `I still know the
# current one`).
_REMEMBERED: Final = (
    r"\b(?:(?<!nem\s)(?:tudom|ismerem)\s+(?:\w+\s+)?(?:a\s+)?(?:mostani|jelenlegi|regi|"
    r"aktualis)\w*|(?<!n't\s)(?<!not\s)(?:know|remember)\s+(?:\w+\s+)?(?:the\s+|my\s+)?"
    r"(?:current|old|existing)|(?<!nem\s)tudom\s*,?\s+mi\s+az\b|"
    r"i\s+(?:still\s+)?know\s+(?:it|what\s+it\s+is)\b|"
    r"(?:mostani|jelenlegi|aktualis|current|existing)\w*\s+(?:\w+\s+)?(?:tudom|megvan|know|"
    r"remember|i\s+have))"
)
# The site spoken of as "this site", "you (folks)", formally "Önök": the company.
_DEICTIC: Final = (
    r"\b(?:ez\s+az?\s+(?:oldal|honlap|weboldal|platform|site)\w*|ezt\s+az?\s+(?:oldal|honlap|"
    r"weboldal|platform)\w*|this\s+(?:site|website|platform|marketplace)|on\s+here|"
    r"(?:the|your)\s+(?:site|website|platform)|you\s+(?:guys|folks|people|lot)|"
    r"onok\w*|titeket|tiktek|nalatok|nektek|veletek|tolatok|a\s+site|az\s+oldal\w*|"
    r"(?:kind|sort)\s+of\s+(?:site|website|platform|place)|(?:site|place)\s+is\s+this|"
    r"mi\s+ez\s+az\s+(?:egesz|oldal|hely))\b"
)


class Leaning(NamedTuple):
    """The words the side a message is on adds to its query (see :func:`leanings`)."""

    #: Words that rank entries only: the message says nothing new with them.
    ranks: tuple[str, ...]
    #: Words that say what the message asks (`kinek írjak` asks for a contact): they count
    #: as the message's own words.
    says: tuple[str, ...]


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Return *pattern* compiled, once: on first use, not on import.

    Its word alternations are grouped by their first letter first (:func:`_lettered_words`):
    the same matches, found faster.
    """
    return re.compile(_lettered_words(pattern))


def _lettered_words(source: str, *, bounded: bool = False) -> str:
    r"""Return *source* with each top-level ``\b(?:...)`` alternation grouped by first letter.

    A top-level alternative that is a named group is read inside (with *bounded*, a word
    start is already matched: its ``(?:...)`` is grouped); anything else is kept as it is.
    At any place in a text the alternatives that can match there are tried in the same
    order (:func:`_by_first_letter`), so the matches are the same.
    """
    branches = []
    for branch in _branches(source):
        if branch.startswith(r"\b(?:"):
            end = _closing(branch[2:]) + 2
            inner = branch[5:end]
            if not _captures(inner):
                inner = _by_first_letter(inner)
            else:
                inner = _lettered_words(inner, bounded=True)
            branches.append(rf"\b(?:{inner}){branch[end + 1 :]}")
        elif branch.startswith("(?P<") and _closing(branch) == len(branch) - 1:
            name_end = branch.index(">") + 1
            inner = branch[name_end:-1]
            if bounded and inner.startswith("(?:"):
                # already at a word start: only the group's alternatives to group
                end = _closing(inner)
                if not _captures(inner[:end]):
                    inner = f"(?:{_by_first_letter(inner[3:end])}){inner[end + 1 :]}"
            else:
                inner = _lettered_words(inner)
            branches.append(f"{branch[:name_end]}{inner})")
        else:
            branches.append(branch)
    return "|".join(branches)


def _captures(source: str) -> bool:
    """Tell whether *source* has a capturing group, named or not."""
    return "(?P<" in source or _CAPTURING.search(source) is not None


def _found(pattern: str, folded: str) -> bool:
    """Tell whether *pattern* (compiled on first use) is in *folded*."""
    return _compiled(pattern).search(folded) is not None


# What something is for, or what it even is (`what is Fiverr used for`, `what's the deal
# with`, `what even is that place`): the marketplace's own question.
_WHAT_FOR: Final = (
    r"\b(?:used\s+for|good\s+for|what\s+(?:even\s+)?is\s+(?:that|this|it)\b|"
    r"what'?s\s+(?:the|its)\s+deal|wh?a?t'?s?\s+it\s+(?:4|for)\b)"
)
# The patterns read in one pass, each a named group: which of them a message has. Each
# starts at a word start (its leading `\b` said once, for all of them).
_SAYS: Final = (
    r"\b(?:"
    + "|".join(
        f"(?P<{name}>{pattern[2:]})"  # without its `\b`
        for name, pattern in (
            ("staff", _FROM_STAFF),
            ("reach", _REACH),
            ("forgotten", _FORGOTTEN),
            ("remembered", _REMEMBERED),
        )
    )
    + ")"
)


def _from_company(folded: str) -> bool:
    """Tell whether *folded* is about the company writing to a user (:data:`_FROM_COMPANY`)."""
    for parts, pattern in _FROM_COMPANY:
        for part in parts:
            if part in folded:
                if _found(pattern, folded):
                    return True
                break
    return False


def leanings(folded: str) -> Leaning:
    """Return the words that say which side of a matter the accent-folded *folded* is on.

    * A money question (:data:`_MONEY`) whose writer is paid (:data:`_PAID`: ``a client pays
      me``, ``mennyit kapok kézhez``) is a seller's: ``seller`` and ``earnings``; one whose
      writer pays or was charged more than the price (:data:`_PAYING`: ``I'm ordering``, ``ha
      rendelek``), a buyer's: ``buyer`` and ``fee``; not both; a role said outright
      (:data:`_AS_SELLER`, :data:`_AS_BUYER`: ``freelancerként``) decides over the verbs.
    * The company writing to its users, or somebody posing as it (:data:`_FROM_COMPANY`,
      :func:`_checks_sender`): ``official``, twice.
    * What something is for, or what it even is (:data:`_WHAT_FOR`: ``what is Fiverr used
      for``): ``marketplace``, twice.

    Those only rank (:attr:`Leaning.ranks`). These say what the message asks
    (:attr:`Leaning.says`), as its own words would:

    * Somebody to reach (:data:`_REACH`: ``kinek írjak``): ``contact`` and ``support``.
    * A password the writer does not know (:data:`_FORGOTTEN`): ``forgot``; one the
      writer knows and wants to replace (:data:`_REMEMBERED`), if not that: ``current``.

    See :meth:`fiverr_support_kb.faq._engine._SearchIndex.understand`.
    """
    found: list[str] = []
    says: list[str] = []
    if _found(_MONEY, folded):
        roles = {match.lastgroup for match in _compiled(_AS_ROLE).finditer(folded)}
        seller = "seller" in roles
        buyer = "buyer" in roles
        if seller or buyer:
            paid, paying = seller, buyer
        else:
            paid = _found(_PAID, folded)
            paying = _found(_PAYING, folded)
        if paid and not paying:
            found.extend(("seller", "earnings"))
        elif paying and not paid:
            found.extend(("buyer", "fee"))
    kinds = {match.lastgroup for match in _compiled(_SAYS).finditer(folded)}
    if _found(_WHAT_FOR, folded):
        found.extend(("marketplace", "marketplace"))
    if "staff" in kinds or ("fiv" in folded and (_from_company(folded) or _checks_sender(folded))):
        found.extend(("official", "official"))
    if "reach" in kinds:
        says.extend(("contact", "support"))
    if "forgotten" in kinds:
        says.append("forgot")
    elif "remembered" in kinds:
        says.append("current")
    return Leaning(ranks=tuple(found), says=tuple(says))


def mentions_site(folded: str) -> bool:
    """Tell whether *folded* speaks of the company as the site it is on (:data:`_DEICTIC`).

    ``ez az oldal``, ``this site``, ``you guys``, the formal ``Önök``: in a support chat, the
    company is meant.
    """
    return _found(_DEICTIC, folded)


# --- words the FAQ does not use ---------------------------------------------------------------

# Hungarian endings after an English stem: case, possessive, plural, verb (a verb made of
# an English word: `changel-ni`, `contactol-hatom`, `cancelol-ni`).
_LOAN_ENDINGS: Final = _words(
    """
    ot et at t om em am od ed ad ja je a e unk tok ok ek ak k nak nek ban ben ba be bol
    bel rol rel tol tel hoz hez val vel ra re n on en ert kent ig
    ni ol el ozni ezni olni elni olom olhatom elhetem olhat elhet hatom hetem hat het
    olnom elnom olnak elnek oltam eltem olt elt oltak eltek ez ozik ezik olja elje oljuk
    omat emet amat omet odat edet adat odet unkat unket jat jet imat eimet
    """
)
_LOAN_LONGEST: Final = max(map(len, _LOAN_ENDINGS))
# Endings that may come before another: possessive, and the accusative doubled in speech.
_LOAN_INNER: Final = _words("om em am od ed ad ja je unk ink eim aim et ot at ek ok ak")


def loanword_stems(folded: str) -> tuple[str, ...]:
    """Return the words *folded* may be with a Hungarian ending removed (English ones too).

    ``passwordomat`` gives ``password``; ``supportnak`` gives ``support``; ``changelni``
    gives ``changel`` and ``change``. At most a few candidates, longest ending first.
    """
    if len(folded) < 5 or not folded.isascii() or not folded.isalpha():
        return ()
    found: list[str] = []
    for size in range(min(_LOAN_LONGEST, len(folded) - 3), 0, -1):
        if folded[-size:] in _LOAN_ENDINGS:
            base = folded[:-size]
            found.append(base)
            if base.endswith(("l", "z")):  # the verb-making `-l`, `-z`: `changel`, `dmez`
                found.append(base[:-1])
    # A possessive before the case ending: `earnings-em-ből`, `account-om-ba`, `gig-et-et`.
    found.extend(
        base[:-size]
        for base in list(found)
        for size in (3, 2, 1)
        if len(base) - size >= 3 and base[-size:] in _LOAN_INNER
    )
    return tuple(dict.fromkeys(found))


# Words the FAQ does not use, by family: the FAQ's word, and the (accent-folded) starts of the
# everyday, colloquial, formal or rarer words people use for it, in English and Hungarian.
# General language, not the phrasings of any evaluation message: each family lists the
# thesaurus neighbours of one FAQ word. Only a word the FAQ's texts lack, in any inflection,
# is looked up here.
_FAMILIES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    # changing something one has
    (
        "change",
        (
            "alter",
            "amend",
            "tweak",
            "rotate",
            "swap",
            "switch",
            "adjust",
            "refresh",
            "redo",
            "revise",
        ),
    ),
    ("módosít", ("atir", "atall", "modosittat", "megujit", "frissit", "atvaltoztat")),
    ("lecserél", ("kicserel", "csereln", "cserel")),
    # forgetting, losing, getting in
    ("forgot", ("slipped", "blank", "amnesia", "misremember")),
    ("lost", ("misplac", "vanish")),
    ("recover", ("regain", "retriev", "restor")),
    ("login", ("access",)),
    ("elfelejtettem", ("fejembol", "fejemb", "kiment", "elfelejtet", "ugrik", "kiesett")),
    ("elveszett", ("elveszt", "elveszit")),
    ("belépni", ("bejut", "bejutni", "beenged")),
    ("jelenlegi", ("mostani", "aktualis")),
    ("elfelejtett", ("emlekezteto",)),
    # fees and cuts
    ("charged", ("dinged", "billed", "upcharg")),
    ("surcharge", ("markup", "levy", "toll")),
    ("cut", ("slice", "skim", "portion", "chunk", "house")),
    ("deduct", ("shave", "shaved", "subtract", "withhold")),
    ("keep", ("pocket", "retain")),
    ("buyer", ("purchaser", "shopper", "client")),
    ("pay", ("payment",)),
    ("cost", ("total",)),
    ("selling", ("sale", "sold")),
    ("díj", ("sarc", "illetek", "dijszab", "potdij")),
    ("levon", ("csip", "lecsip", "lehuz", "lenyul", "elvon", "lefarag")),
    ("jutalék", ("provizio", "reszesedes", "reszesed", "sapot")),
    # reaching a person
    ("contact", ("ping", "ring", "holler")),
    ("person", ("human", "representative", "operator")),
    ("kapcsolat", ("fordul", "csatorn")),
    ("elérhetőség", ("erhet", "erem", "elerhet")),
    ("telefonszám", ("ugyfelvonal",)),
    ("telefon", ("vonal",)),
    ("súgó", ("sugokozpont", "segedlet", "tudastar")),
    ("válaszidő", ("valasz", "gyors", "leggyorsabb")),
    ("válaszolnak", ("reagal",)),
    ("megkeres", ("megkeres",)),
    ("message", ("dm",)),
    ("instagram", ("instan", "insta")),
    # impostors
    ("impersonator", ("impostor", "imposter", "pretender")),
    ("fake", ("bogus", "phony", "phoney", "counterfeit", "sham")),
    ("scam", ("fraud", "swindl")),
    ("suspicious", ("dodgy", "sketchy", "shady", "fishy")),
    ("hamis", ("kamu", "hamisit")),
    ("lista", ("jegyzek",)),
    ("felhasználónevek", ("lista",)),
    # the company, its name
    ("company", ("outfit", "firm", "startup", "enterprise", "corporation")),
    ("headquarters", ("hq",)),
    ("munka", ("melo",)),
    ("five", ("fiver",)),
    ("origin", ("etymolog", "etimolog")),
    ("password", ("credential", "passphrase")),
    ("jelszó", ("titkos",)),
    ("telefon", ("forrodrot", "segelyvonal", "callcenter")),
    ("marketplace", ("bazaar", "bazar", "souk")),
    ("dollars", ("buck",)),
)
_SYNONYMS: Final[tuple[tuple[str, str], ...]] = tuple(
    (start, word) for word, starts in _FAMILIES for start in starts
)


_SYNONYM_TABLE: Final = dict(_SYNONYMS)
_SYNONYM_SIZES: Final = tuple(sorted({len(start) for start, _ in _SYNONYMS}, reverse=True))
# The starts of one or two letters, and the first three letters of the longer ones: a word
# none of them starts has no neighbour (most words: a few set look-ups).
_SYNONYM_SHORT: Final = frozenset(start for start, _ in _SYNONYMS if len(start) <= 2)
_SYNONYM_HEADS: Final = frozenset(start[:3] for start, _ in _SYNONYMS if len(start) > 2)


# Chat spellings of whole words (`wat is fiverr`, `buyer fe`): matched whole, not by start.
_CHAT_WORDS: Final = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "wtf": "what",
    "fe": "fee",
    "pw": "password",
    "pwd": "password",
    "acc": "account",
    "acct": "account",
    "moniker": "name",
    "passwd": "password",
    "jszo": "jelszó",
    "jszot": "jelszó",
    "innit": "",
}


def synonyms(folded: str) -> tuple[str, ...]:
    """Return the FAQ's word the accent-folded word *folded* is a thesaurus neighbour of.

    A chat spelling of a whole word (:data:`_CHAT_WORDS`) first; then the longest listed
    word start of *folded* decides; ``()`` if none is listed.
    """
    chat = _CHAT_WORDS.get(folded)
    if chat is not None:
        return (chat,) if chat else ()
    heads, short = _SYNONYM_HEADS, _SYNONYM_SHORT
    if folded[:3] not in heads and folded[:2] not in short and folded[:1] not in short:
        return ()
    for size in _SYNONYM_SIZES:
        if size <= len(folded):
            word = _SYNONYM_TABLE.get(folded[:size])
            if word is not None:
                return (word,)
    return ()
