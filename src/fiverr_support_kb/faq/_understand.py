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
  account, taxes and invoices, reviews, late delivery...); and Fiverr's own vocabulary
  (gig, seller, order, account...), which makes a question nobody answers a hand-off rather
  than off-topic.
* :func:`loanword_stems` and :func:`synonyms`: an English word with a Hungarian ending
  (``passwordomat``, ``supportnak``, ``changelni``), and Hungarian colloquial words the FAQ does
  not use, mapped to the words it does (``átír`` -> ``módosít``, ``melók`` -> ``munkák``).
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from fiverr_support_kb.faq._snowball import hungarian_stem
from fiverr_support_kb.faq._text import fold

__all__ = [
    "CONTEXT_WEIGHT",
    "MAX_FOCUS_SENTENCES",
    "MAX_MESSAGE_CHARS",
    "Topic",
    "focus",
    "loanword_stems",
    "message_language",
    "synonyms",
    "topic",
]

#: Only the start of a longer message is read, so a huge message costs no more than this.
MAX_MESSAGE_CHARS: Final = 12_000
#: At most this many asking sentences (the last ones) are a message's focus.
MAX_FOCUS_SENTENCES: Final = 4
#: A word only in the context (the sentences that ask nothing) counts this much.
CONTEXT_WEIGHT: Final = 0.3
# A message up to this long, or of one sentence, is read whole, as its own focus.
_SHORT: Final = 160

# A sentence ends at . ! ? … or a line break (a decimal point or an abbreviation's dot
# followed by a small letter or digit does not end one).
_SENTENCE_END: Final = re.compile(r"(?<=[!?…\n])\s*|(?<=\.)\s+(?=[^a-záéíóöőúüű0-9])")
# What makes a sentence ask something, accent-folded and case-folded.
_ASKING: Final = re.compile(
    r"\b(?:what|whats|why|where|wheres|when|how|hows|who|which|can|could|is|are|do|does|did|"
    r"should|would|will|any|please|pls|tell|explain|help|need|want|wanna|wondering|"
    r"mi|mit|mik|miert|mire|hol|honnan|hova|hogyan|hogy(?:an)? tudom|mikor|mennyi\w*|mekkora|"
    r"milyen|melyik|hany|kihez|kinek|kit|van|vannak|lehet\w*|kell\w*|szeretn\w*|akar\w*|"
    r"kerem|kerlek|kerdez\w*|erdekl\w*|elmagyaraz\w*|elmondan\w*|mondj\w*|segits\w*|"
    r"tudna\w*|tudnatok|tudnal|megtudhat\w*|szivesked\w*|tajekoztas\w*)\b"
)


def focus(message: str) -> tuple[str, str]:
    """Return (*focus*, *context*): the sentences of *message* that ask, and the others.

    A short message, or one with no asking sentence, is all focus. Reads at most
    :data:`MAX_MESSAGE_CHARS` characters.
    """
    text = message[:MAX_MESSAGE_CHARS]
    if len(text) <= _SHORT:
        return text, ""
    sentences = [part for part in _SENTENCE_END.split(text) if part and not part.isspace()]
    if len(sentences) <= 1:
        return text, ""
    asking = [
        number
        for number, sentence in enumerate(sentences)
        if "?" in sentence or _ASKING.search(fold(sentence.lower())) is not None
    ]
    asking = asking[-MAX_FOCUS_SENTENCES:]
    if not asking:
        return text, ""
    chosen = set(asking)
    focus_text = " ".join(sentences[number] for number in asking)
    context = " ".join(sentence for n, sentence in enumerate(sentences) if n not in chosen)
    return focus_text, context


# --- the language of a message ---------------------------------------------------------------

_HU_WORDS: Final = frozenset(
    fold(word)
    for word in """
    a az egy es hogy nem van is meg mi mit hol hogyan miert mikor mennyi milyen ha de
    tudom tudok lehet kell szeretnem szeretnek kerem kerlek szia sziasztok koszi koszonom
    vagy mert csak mar meg ez ezt azt nekem nincs volt lesz minden valami jelszo jelszavam
    """.split()
)
_EN_WORDS: Final = frozenset(
    """
    the a an and or is are was i my me you your it to of in on for with how what why where
    when can do does did have has not no please thanks hi hello there this that be get
    """.split()
)
_HU_LETTERS: Final = frozenset("áéíóöőúüű")
_WORD: Final = re.compile(r"[^\W\d_]+")


def message_language(message: str) -> str:
    """Return ``"hu"`` or ``"en"``: the language most of *message*'s function words are in.

    Accented Hungarian letters count for Hungarian; a tie is English unless the message has
    one. Reads at most :data:`MAX_MESSAGE_CHARS` characters.
    """
    text = message[:MAX_MESSAGE_CHARS].lower()
    hungarian = english = 0
    for word in _WORD.findall(text):
        folded = fold(word)
        if folded != word and any(letter in _HU_LETTERS for letter in word):
            hungarian += 1
        elif folded in _HU_WORDS and folded not in _EN_WORDS:
            hungarian += 1
        elif folded in _EN_WORDS and folded not in _HU_WORDS:
            english += 1
    return "hu" if hungarian > english else "en"


# --- what a message is about -----------------------------------------------------------------


class Topic(NamedTuple):
    """The cues of a message's focus (all read accent-folded and case-folded)."""

    #: It names the company (``Fiverr``, inflected).
    named: bool
    #: It is about another named service's own password, account, support or fee.
    elsewhere: bool
    #: It asks about a Fiverr matter the FAQ does not answer (refund, withdrawal, ban...).
    unanswered: bool
    #: It uses Fiverr's own vocabulary (gig, seller, order, account, support...).
    domain: bool


# Another service, app, device or institution: its name starts the word (`gmailes`, `instán`).
_SERVICE: Final = (
    r"(?:gmail|google|gugli|iphone|ipad|icloud|apple|android|samsung|insta(?:gram)?|"
    r"facebook|fb|messenger|whatsapp|twitter|tiktok|youtube|netflix|spotify|hbo|disney|"
    r"upwork|freelancer\.com|paypal|revolut|wise|bank|otp|k&h|erste|raiffeisen|"
    r"amazon|ebay|etsy|airbnb|booking|uber|wolt|foodpanda|emag|alza|linkedin|discord|"
    r"steam|xbox|playstation|microsoft|windows|outlook|hotmail|yahoo|skype|zoom|"
    r"telekom|vodafone|yettel|digi|wi-?fi|router|laptop|netbank|bankkartya\w*)\w*"
)
# What belongs to an account holder: a password, an account, its support, its fees.
_OWNED: Final = (
    r"(?:password\w*|passcode\w*|pin\b|pin-?k[oó]d\w*|account\w*|login|log-?in|"
    r"support\w*|customer\s+(?:service|support|care)|helpdesk|fee\w*|charge\w*|"
    r"subscription\w*|premium|badge|"
    r"jelsz\w*|fiok\w*|ugyfelszolgalat\w*|ugyfelszolg\w*|dij\w*|havidij\w*|kod\w*|"
    r"elofizet\w*|gyari|beallitas\w*)"
)
# Another service owning the thing: `Gmail jelszavam`, `my twitter account`, `PayPal díja`,
# `OTP Bank ügyfélszolgálata`, `password for my Gmail`.
_ELSEWHERE: Final = re.compile(
    rf"\b{_SERVICE}\s+(?:\w+\s+)?{_OWNED}|\b(?:does|do|did)\s+{_SERVICE}\s+charge"
    rf"|\b(?:password|passcode|account|jelszo\w*|fiok\w*)\s+(?:for|of|to|on|a|az)\s+"
    rf"(?:my\s+)?{_SERVICE}"
)
_COMPANY: Final = re.compile(r"\bfiv+e?r+\w*|\bfiverr")
# Fiverr matters the FAQ does not answer.
_UNANSWERED: Final = re.compile(
    r"\b(?:"
    # refunds, cancelling, money back, charged twice
    r"refund\w*|money\s+back|cancel\w*|visszaterit\w*|visszafizet\w*|visszakap\w*|"
    r"kap\w*\s+vissza|lemond\w*|twice|ketszer|double\s+charg\w*|"
    # withdrawing and receiving earnings, payment methods, currencies
    r"withdr\w*|kivesz\w*|kivenni|kivet\w*|kiutal\w*|utal\w*|felvehet\w*\s+valik|"
    r"clear|balance|egyenleg\w*|payment\s+method\w*|fizetesi\s+mod\w*|"
    r"currenc\w*|euros?|forint\w*|arfolyam\w*|valuta\w*|exchange\s+rate|"
    # levels, Pro, rankings, disputes, bans, hacking
    r"level\w*|szint\w*|pro|top\s+rated|ranking|rangsor\w*|dispute\w*|resolution|"
    r"vita[a-z]{0,3}|suspend\w*|banned|ban|restrict\w*|disabled?|deactivat\w*|"
    r"felfuggeszt\w*|letilt\w*|kitilt\w*|zarol\w*|hack\w*|feltor\w*|"
    # two-factor codes, identity verification
    r"two-?factor|2fa|authenticat\w*|ketlepcsos|ketfaktoros|azonosit\w*|"
    r"identity|id\s+verification|szemelyazonos\w*|"
    # deleting, closing, renaming, notifications, language, pausing
    r"delet\w*|torol\w*|torl\w*|close\s+my\s+account|username\w*|"
    r"felhasznalonev\w*\s+(?:\w+\s+)?(?:megvaltoztat|modosit|csere|atir|change)\w*|"
    r"e-?mail(?:\s*cim\w*)?\s+(?:\w+\s+)?(?:megvaltoztat|modosit|csere|change)\w*|"
    r"(?:change|megvaltoztat\w*|modosit\w*)\s+(?:\w+\s+){0,3}e-?mail(?:\s*cim\w*)?|"
    r"notification\w*|ertesites\w*|nyelv\w*|language|vacation|szabadsag\w*|"
    r"pause\w*|szunetel\w*|"
    # taxes and invoices
    r"tax\w*|vat|invoice\w*|receipt\w*|ado|adot|adoz\w*|afa\w*|szamla\w*|"
    # orders: late delivery, revisions, reviews, tips, custom offers, creating gigs
    r"late|deadline|overdue|kesik|keses\w*|hatarid\w*|revision\w*|review\w*|rating\w*|"
    r"ertekel\w*|tip|tips|tipp|borraval\w*|custom\s+offer\w*|egyedi\s+ajanlat\w*|"
    r"create\s+(?:a\s+|my\s+)?gig\w*|letrehoz\w*|affiliate\w*|partnerprogram\w*|"
    r"ticket\s*#|reopen\w*|ujra\w*\s+(?:\w+\s+)?nyit\w*|"
    r"contact\w*\s+(?:a\s+|the\s+)?seller|seller\s+account|eladoi\s+fiok\w*"
    r")\b"
)
# Fiverr's own vocabulary: a question in it that nothing answers is for a person.
_DOMAIN: Final = re.compile(
    r"\b(?:gig\w*|seller\w*|buyer\w*|order\w*|rendel\w*|megrendel\w*|elado\w*|vevo\w*|"
    r"vasarlo\w*|freelancer\w*|szabadusz\w*|account\w*|fiok\w*|profil\w*|support\w*|"
    r"ugyfelszolgalat\w*|password\w*|jelsz\w*|fee\w*|dij\w*|jutalek\w*|commission\w*|"
    r"earning\w*|bevetel\w*|kereset\w*|offer\w*|ajanlat\w*|payout\w*|kifizet\w*|"
    r"penz\w*|money|inbox|uzenet\w*|message\w*|login|belep\w*|bejelentkez\w*)\b"
)


def topic(focus_text: str) -> Topic:
    """Return the cues of *focus_text*, a message's focus (see :func:`focus`)."""
    text = fold(focus_text.lower())
    named = _COMPANY.search(text) is not None
    return Topic(
        named=named,
        elsewhere=not named and _ELSEWHERE.search(text) is not None,
        unanswered=_UNANSWERED.search(text) is not None,
        domain=named or _DOMAIN.search(text) is not None,
    )


# --- words the FAQ does not use ---------------------------------------------------------------

# Hungarian endings after an English stem, longest first: case, possessive, plural, verb
# (a verb made of an English word: `changel-ni`, `contactol-hatom`, `cancelol-ni`).
_LOAN_ENDINGS: Final = tuple(
    sorted(
        """
        ot et at t om em am od ed ad ja je a e unk tok ok ek ak k nak nek ban ben ba be bol
        bel rol rel tol tel hoz hez val vel ra re n on en ert kent ként ig
        ni ol el ozni ezni olni elni olom olhatom elhetem olhat elhet hatom hetem hat het
        olnom elnom olnak elnek oltam eltem olt elt oltak eltek ez ozik ezik olja elje oljuk
        elje omat emet amat odat edet adat unkat jat jet imat eimet
        """.split(),
        key=len,
        reverse=True,
    )
)


def loanword_stems(folded: str) -> tuple[str, ...]:
    """Return the English words *folded* may be with Hungarian endings removed.

    ``passwordomat`` gives ``password``; ``supportnak`` gives ``support``; ``changelni``
    gives ``changel`` and ``change``. At most a few candidates, longest first.
    """
    found: list[str] = []
    if len(folded) < 5 or not folded.isascii() or not folded.isalpha():
        return ()
    for ending in _LOAN_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            base = folded[: -len(ending)]
            for form in (base, base[:-1] if base.endswith(("l", "z")) else ""):
                if form and form not in found:
                    found.append(form)
    stem = fold(hungarian_stem(folded))
    if len(stem) >= 3 and stem not in found:
        found.append(stem)
    return tuple(found[:6])


# Hungarian colloquial and formal words (accent-folded word starts) -> the FAQ's word for it.
_SYNONYMS: Final[tuple[tuple[str, str], ...]] = (
    ("atir", "módosít"),
    ("atall", "módosít"),
    ("kicserel", "lecserél"),
    ("modosittat", "módosít"),
    ("fejembol", "elfelejtettem"),
    ("fejemb", "elfelejtettem"),
    ("kiment", "elfelejtettem"),
    ("elfelejtet", "elfelejtettem"),
    ("melo", "munka"),
    ("csip", "levon"),
    ("sarc", "díj"),
    ("lehuz", "levon"),
    ("kamu", "hamis"),
    ("fordul", "kapcsolat"),
    ("erhet", "elérhetőség"),
    ("erem", "elérhetőség"),
    ("elerhet", "elérhetőség"),
    ("ugyfelvonal", "telefonszám"),
    ("vonal", "telefon"),
    ("sugokozpont", "súgó"),
    ("valasz", "válaszidő"),
    ("csatorn", "kapcsolat"),
    ("megkeres", "megkeres"),
    ("jegyzek", "lista"),
    ("lista", "felhasználónevek"),
    ("emlekezteto", "elfelejtett"),
    ("slipped", "forgot"),
    ("tweak", "change"),
    ("rotate", "change"),
    ("swap", "change"),
    ("dinged", "charged"),
    ("markup", "surcharge"),
    ("purchaser", "buyer"),
    ("slice", "cut"),
    ("house", "commission"),
    ("impostor", "impersonator"),
    ("imposter", "impersonator"),
    ("ping", "contact"),
    ("human", "person"),
    ("outfit", "company"),
    ("fiver", "five"),
    ("buck", "dollars"),
)


def synonyms(folded: str) -> tuple[str, ...]:
    """Return the FAQ's words for the colloquial or unusual accent-folded word *folded*."""
    return tuple(word for start, word in _SYNONYMS if folded.startswith(start))
