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
* :func:`loanword_stems` and :func:`synonyms`: a word with a Hungarian ending taken off
  (``passwordomat``, ``supportnak``, ``kosárban``), and the thesaurus neighbours of the FAQ's
  words, by family, in both languages (``amend`` -> ``change``, ``átír`` -> ``módosít``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

from fiverr_support_kb.faq._text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CONTEXT_WEIGHT",
    "LEAD_WEIGHT",
    "MAX_FOCUS_SENTENCES",
    "MAX_MESSAGE_CHARS",
    "Reading",
    "Topic",
    "Vocabulary",
    "about_fiverr",
    "covered_cues",
    "cue_key",
    "focus",
    "loanword_stems",
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
    asking = [number for number, sentence in enumerate(sentences) if "?" in sentence]
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


def message_language(message: str) -> str:
    """Return ``"hu"`` or ``"en"``: the language most of *message*'s function words are in.

    Accented Hungarian letters count for Hungarian; a tie is English. Reads at most the first
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
    #: iPhone``), or is small talk or spam (the weather, a joke, followers for sale).
    foreign: bool


def _branches(source: str) -> list[str]:
    """Return the top-level alternatives of the regular expression *source*."""
    found: list[str] = []
    depth = start = at = 0
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
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and not depth:
            found.append(source[start:at])
            start = at + 1
        at += 1
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
        elif char in "()":
            depth += 1 if char == "(" else -1
            if not depth:
                return at
        at += 1
    raise ValueError(source)


# Another service, app, device or institution.
_SERVICE_NAME: Final = (
    r"(?:gmail|google|gugli|iphone|ipad|icloud|apple|android|samsung|insta|instagram|"
    r"facebook|fb|messenger|whatsapp|twitter|tiktok|youtube|netflix|spotify|hbo|disney|"
    r"upwork|paypal|revolut|wise|bank|otp|erste|raiffeisen|"
    r"amazon|ebay|etsy|airbnb|booking|uber|wolt|foodpanda|emag|alza|linkedin|discord|"
    r"steam|xbox|playstation|microsoft|windows|outlook|hotmail|yahoo|skype|zoom|"
    r"telekom|vodafone|yettel|digi|wi-?fi|router|laptop|netbank|bankkartya|"
    r"password\s+manager)"
)
# Its name starts the word (`gmailes`, `instán`, `Twitteren`).
_SERVICE: Final = _SERVICE_NAME + r"\w*"
# What belongs to an account holder: a password, an account, its support, its fees.
_OWNED: Final = (
    r"(?:password\w*|passcode\w*|pin\b|pin-?kod\w*|account\w*|login|log-?in|"
    r"support\w*|customer\s+(?:service|support|care)|helpdesk|fee\w*|charge\w*|"
    r"subscription\w*|premium|badge|followers?|likes|"
    r"jelsz\w*|fiok\w*|ugyfelszolg\w*|dij\w*|havidij\w*|kod\w*|kovetok?\w*|"
    r"elofizet\w*|gyari|beallitas\w*)"
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
    r"real\s+estate|realtor|broker|landlord|ingatlan|ugynok|kozjegyzo)"
)
# Another service owning the thing: `Gmail jelszavam`, `my twitter account`, `PayPal díja`,
# `OTP Bank ügyfélszolgálata`, `Airbnb guest service fee`, `password for my Gmail`.
_ELSEWHERE: Final = re.compile(
    rf"\b{_SERVICE}\s+(?:[\w-]+\s+){{0,2}}{_OWNED}|\b(?:does|do|did)\s+{_SERVICE}\s+charge"
    rf"|\b(?:password|passcode|account|jelszo\w*|fiok\w*)\s+(?:for|of|to|on|a|az)\s+"
    rf"(?:my\s+)?{_SERVICE}"
    # a service that is not one of Fiverr's channels, beside its own messages, name or app
    rf"|\b{_OTHER_NAME}\w*\s+(?:[\w-]+\s+){{0,2}}(?:username\w*|felhasznalonev\w*|profil\w*|"
    r"uzenet\w*|messages?|apps?|alkalmazas\w*)"
)
# About another service or device (`my router`, `routerem`, `a new iPhone`).
_FOREIGN: Final = re.compile(
    rf"\b{_OTHER_NAME}\w*|\bmy\s+{_SERVICE}"
    rf"|\b{_SERVICE_NAME}-?(?:[aeoö]?m|[aeoö]?mat|[aeoö]?met|ja|je|jat|jet)\b"
)
# Any service's name: what :data:`_ELSEWHERE` and :data:`_FOREIGN` need (a quick test first).
_ANY_SERVICE: Final = re.compile(
    rf"\b(?:{_by_first_letter(_SERVICE_NAME[3:-1] + '|' + _OTHER_NAME[3:-1])})"
)
# Small talk or spam: the weather, the time, a joke, followers for sale.
_SMALL_TALK: Final = re.compile(
    r"\b(?:"
    + _by_first_letter(
        r"weather|idojaras\w*|what\s+time\s+is\s+it|hany\s+ora|joke|vicc\w*|"
        r"recipe\w*|recept\w*|vacsor\w*|poem|vers\w*|homework|hazi\w*|"
        r"followers?|kovetok\w*|click\s+here|free\s+prize\w*|nyeremeny\w*"
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
    r"visszaterit\w*|visszafizet\w*|visszakap\w*|visszaad\w*|"
    r"(?:kap|ker|igenyel)\w*\s+vissza|vissza\w*\s+(?:\w+\s+){0,2}(?:kap|ker|igenyel)\w*|"
    r"lemond\w*|twice|ketszer|"
    r"double\s+charg\w*|"
    # withdrawing and receiving earnings, payment methods, currencies
    r"withdr\w*|kivesz\w*|kivenni|kivet\w*|kiutal\w*|atutal\w*|utalas\w*|"
    r"felvehet\w*\s+valik|clear|balance|egyenleg\w*|payment\s+method\w*|"
    r"fizetesi\s+mod\w*|pay\w*\s+(?:with|by|via|through)\s+\w+|currenc\w*|euros?|forintra|"
    r"arfolyam\w*|valuta\w*|exchange\s+rate|"
    # levels, Pro, rankings, disputes, bans, hacking
    r"disappear\w*|eltun\w*|not\s+show\w*\s+up|nem\s+jelenik|impression\w*|visibility|"
    r"(?:not|isn.?t|aren.?t|doesn.?t|don.?t|won.?t|never)\s+(?:[\w']+\s+){0,3}(?:show\w*\s+up|appear\w*)|"
    r"lathatosag\w*|ranking|rangsor\w*|"
    r"seller\s+level\w*|level\s*(?:\d|one|two|three|up)|levels|szint\w*|pro|top\s+rated|ranking|rangsor\w*|dispute\w*|resolution|"
    r"vita[a-z]{0,3}|suspend\w*|banned|ban|restrict\w*|disabled?|deactivat\w*|"
    r"felfuggeszt\w*|letilt\w*|kitilt\w*|zarol\w*|korlatoz\w*|hack\w*|feltor\w*|"
    # two-factor codes, identity verification
    r"two-?factor|2fa|authenticat\w*|ketlepcsos|ketfaktoros|azonositas\w*|"
    r"identity|id\s+verification|szemelyazonos\w*|"
    # deleting, closing, renaming, notifications, language, pausing
    r"delet\w*|torol\w*|torl\w*|megszun\w*|"
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
    r"notification\w*|ertesites\w*|nyelv\w*|language|vacation|szabadsag\w*|"
    r"pause\w*|szunetel\w*|"
    r"invoice\w*|receipt\w*|szamla\w*|"
    # orders: late delivery, revisions, reviews, tips, custom offers, creating gigs
    r"late|deadline|overdue|kesik|keses\w*|hatarid\w*|revision\w*|review\w*|rating\w*|"
    r"ertekel\w*|tip|tips|tipp|borraval\w*|custom\s+offer\w*|egyedi\s+ajanlat\w*|"
    r"create\s+(?:a\s+|my\s+|new\s+)*gig\w*|new\s+gig\w*|uj\s+gig\w*|"
    r"(?:letrehoz\w*|hoz\w*\s+letre)\s+(?:\w+\s+){0,2}gig\w*|affiliate\w*|partnerprogram\w*|"
    r"ticket\s*#|reopen\w*|ujra\w*\s+(?:\w+\s+)?nyit\w*|"
    r"(?:contact|message|write\s+to|talk\s+to|chat\s+with|reach)\w*\s+(?:a\s+|the\s+|my\s+)?"
    r"(?:seller|buyer)|seller\s+account|eladoi\s+fiok\w*|"
    r"(?:eladonak|vevonek|eladoval|vevovel|megrendelonek|megrendelovel)|"
    # the other party not responding, delivery, extensions, apps, terms, licences, scams
    r"(?:elado|vevo|buyer|seller|megrendelo)\w*\s+(?:\w+\s+){0,2}(?:nem\s+valaszol|not\s+respond|"
    r"doesn.?t\s+respond|isn.?t\s+respond|ignor)\w*|unresponsive|"
    r"delivered|deliver\s+(?:the|my)|feltoltott\w*|leszallit\w*|"
    r"extend\w*|extension\w*|meghosszabb\w*|delivery\s+(?:time|date)|"
    r"app|apps|mobile\s+app\w*|alkalmazas\w*|mobilapp\w*|mobilalkalmazas\w*|"
    r"terms\s+of\s+service|tos|copyright\w*|szerzoi\s+jog\w*|licen[cs]e\w*|licenc\w*|"
    r"engedely\w*|aszf|scammed|ripped\s+off|atvert\w*|becsapt\w*|"
    r"credit\s+card|debit\s+card|hitelkartya\w*|declin\w*|stuck|"
    r"feedback\s+(?:for|to|on|about)\s+(?:a\s+|the\s+|my\s+)?(?:seller|buyer|order)\w*|"
    # changing what the account holds other than its password
    r"(?:change|update|edit|modify|megvaltoztat|valtoztat|modosit|atir|csereln)\w*\s+"
    r"(?:[\w-]+\s+){0,4}(?:phone\s+number|telefonszam|name|nev(?:em|emet)?|profil\w*|"
    r"country|orszag\w*|photo|picture|kep\w*|fenykep\w*|description|leiras\w*)|"
    r"fizet\w*\s+(?:\w+\s+)?(?:paypal|bankkartya|kartya)\w*|"
    r"(?:paypal|bankkartya|kartya)\w*\s+(?:\w+\s+)?fizet\w*|"
    # payouts to a bank, reporting users, several accounts, getting orders, acceptance
    r"bankszaml\w*|bank\s+(?:account|transfer)\w*|"
    r"report\w*\s+(?:a\s+|the\s+|this\s+)?(?:buyer|seller|user)\w*|harass\w*|zaklat\w*|"
    r"(?:two|multiple|second|another|ket|tobb|masodik)\s+(?:fiverr\s+)?(?:accounts?|fiok\w*)|"
    r"more\s+(?:orders|sales|buyers|clients)|tobb\s+(?:rendeles\w*|megrendel\w*|vevo\w*)|"
    r"accept\w*|reject\w*|elfogad\w*|fogad\w*\s+el|elutasit\w*|"
    r"(?:elfelejt|forgot|nem\s+emlekszem)\w*\s+(?:\w+\s+){0,2}(?:felhasznalonev|username)\w*|"
    r"(?:felhasznalonev|username)\w*\s+(?:\w+\s+){0,2}(?:elfelejt|forgot)\w*"
)
_UNANSWERED: Final = re.compile(rf"\b(?:{_by_first_letter(_UNANSWERED_SOURCE)})\b")
# Matters of anybody's money, not only Fiverr's (taxes): a Fiverr matter no entry answers
# only when the message is about Fiverr (:data:`_COMPANY`, :data:`_DOMAIN`).
_GENERIC_MATTER: Final = re.compile(r"\b(?:tax\w*|vat|ado|adot|adoz\w*|afa\w*)\b")


def _generic_matter(folded: str) -> bool:
    """Tell whether *folded* asks about anybody's money (:data:`_GENERIC_MATTER`).

    Every match has ``tax``, ``vat``, ``ado`` or ``afa`` in it: a text with none is not scanned.
    """
    return (
        "tax" in folded or "vat" in folded or "ado" in folded or "afa" in folded
    ) and _GENERIC_MATTER.search(folded) is not None


# Fiverr's own vocabulary: a question in it that nothing answers is for a person.
_DOMAIN: Final = re.compile(
    r"\b(?:"
    + _by_first_letter(
        r"gig\w*|seller\w*|buyer\w*|order\w*|rendel\w*|megrendel\w*|elado\w*|vevo\w*|"
        r"vasarlo\w*|freelancer\w*|szabadusz\w*|profil\w*|jutalek\w*|commission\w*|"
        r"earning\w*|bevetel\w*|kereset\w*|offer\w*|ajanlat\w*|payout\w*|kifizet\w*|"
        r"inbox|fiokom\w*|my\s+account|ugyfelszolgalatotok|supportotok|nalatok|"
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
    if not unanswered and _generic_matter(text):
        story = fold(context.lower()) if context else ""
        unanswered = named or any(
            _DOMAIN.search(part) is not None for part in (text, story) if part
        )
    return Topic(
        named=named,
        elsewhere=service and _ELSEWHERE.search(text) is not None,
        unanswered=unanswered,
        foreign=not asks_fiverr
        and (
            (service and _FOREIGN.search(text) is not None) or _SMALL_TALK.search(text) is not None
        ),
    )


def about_fiverr(message: str) -> bool:
    """Tell whether *message* is about Fiverr: names it, or uses its own vocabulary.

    Its vocabulary: gig, seller, buyer, order, commission, earnings, "your support"... (accent
    and case ignored). Reads at most the first :data:`_ABOUT_CHARS` characters.
    """
    text = fold(message[:_ABOUT_CHARS].lower())
    return _names_company(text) or _DOMAIN.search(text) is not None


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
    ("buyer", ("purchaser", "shopper")),
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


def synonyms(folded: str) -> tuple[str, ...]:
    """Return the FAQ's word the accent-folded word *folded* is a thesaurus neighbour of.

    The longest listed word start of *folded* decides; ``()`` if none is listed.
    """
    heads, short = _SYNONYM_HEADS, _SYNONYM_SHORT
    if folded[:3] not in heads and folded[:2] not in short and folded[:1] not in short:
        return ()
    for size in _SYNONYM_SIZES:
        if size <= len(folded):
            word = _SYNONYM_TABLE.get(folded[:size])
            if word is not None:
                return (word,)
    return ()
