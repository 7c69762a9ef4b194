"""Text analysis for the FAQ search: normalisation, words, stop words, stems, accent folding.

The pipeline, for both the indexed texts and the queries (the same code on both sides):

1. :func:`words`: NFKC normalisation, words made of letters and digits, case folding.
   Hyphenated and underscored words give the joined word (``e-mail`` -> ``email``) and,
   unless the first part is a single letter, their substantial parts (``jelszó-visszaállítási`` ->
   ``jelszó``, ``visszaállítási``); a Hungarian case ending after a hyphen (``Fiverr-rel``)
   is not a word of its own.
2. :meth:`Analyzer.kind`: stop words are dropped; question words and numbers are *light*
   (they count for less); everything else is *content*.
3. :meth:`Analyzer.terms`: the index terms of a word. Snowball stems the word with its accents
   first (Hungarian suffixes are spelt with accents), then the stem is accent-folded; the
   folded word is stemmed too, so a query typed without accents meets the same terms. A
   Hungarian word typed without accents also tries the accented spellings of its case ending
   (``keresetembol`` -> ``keresetemből``); a small alias table bridges stem alternations
   Snowball leaves apart (``jelszav-`` / ``jelszó``); and Hungarian verbs also index, at a
   discount, without their potential mood, infinitive ending or verbal prefix
   (``megváltoztathatom`` -> ``változtat``).

The stemmers are Snowball's Hungarian and English (Porter2) algorithms, written for speed in
:mod:`fiverr_support_kb.faq._snowball` (tests prove them equal to ``snowballstemmer``); they are
plain functions, safe to call from many threads.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Final

from fiverr_support_kb.faq._snowball import english_stem, hungarian_stem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "LEMMA_WEIGHT",
    "PREFIX_MATCH",
    "STOP_FORMS",
    "Analyzer",
    "Gate",
    "Kind",
    "Word",
    "analyzer",
    "deletes",
    "double_deletes",
    "edit_distance",
    "fold",
    "fold_uncached",
    "is_stop",
    "lemma_starts",
    "near_light",
    "near_stop",
    "prefix_pattern",
    "swaps",
    "words",
]


# Written for an apostrophe (replaced one by one, at C speed: a translation table is slower).
_APOSTROPHES: Final = "\u2018\u2019\u02bc\u0060"


@functools.lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Return *word* without accents (combining marks): ``jelszó`` -> ``jelszo``."""
    return fold_uncached(word)


def fold_uncached(word: str) -> str:
    """Return :func:`fold` of *word*, not cached: for a word seen once (a fresh stem)."""
    if word.isascii():
        return word
    quick = _latin_folded(word)
    if quick.isascii():
        return quick
    # What is left (quotation marks, dashes, other scripts...) is often already folded: no
    # combining mark, its own canonical decomposition, and nothing NFC would compose. Then
    # the general way gives *quick* too, and a long text is not decomposed letter by letter.
    if (
        not any(map(unicodedata.combining, set(_NON_ASCII.findall(quick))))
        and unicodedata.is_normalized("NFD", quick)
        and unicodedata.is_normalized("NFC", quick)
    ):
        return quick
    return _fold(word)


_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def _fold(text: str) -> str:
    """Return *text* without combining marks, the general way."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


# Latin letters with accents (Latin-1 and Latin Extended-A) -> the ASCII letter they fold to.
_ACCENTED: Final = {
    code: folded
    for code in range(0xC0, 0x180)
    if len(folded := _fold(chr(code))) == 1 and folded.isascii()
}
# The same for Latin-1 as a byte table, and the Hungarian letters beyond Latin-1 (`ő`, `ű`).
_LATIN1_FOLDED: Final = bytes(
    ord(_ACCENTED[code]) if code in _ACCENTED else code for code in range(256)
)
_HU_BEYOND_LATIN1: Final = tuple((letter, _ACCENTED[ord(letter)]) for letter in "őűŐŰ")
_BEYOND_LATIN1: Final = re.compile(r"[^\x00-\xff]")
# From this many characters on, a text is folded as bytes.
_BYTES_FROM: Final = 16


def _latin_folded(text: str) -> str:
    """Return *text* with the Latin letters of :data:`_ACCENTED` folded (``str.translate``).

    A text of Latin-1 letters and the Hungarian `ő`, `ű` (most non-ASCII text a search
    gets) is folded as bytes, by a table: two to ten times faster than a translation by a
    dictionary, from a sentence's length on.
    """
    if len(text) < _BYTES_FROM:  # a word: the dictionary is quicker than the conversions
        return text.translate(_ACCENTED)
    for letter, folded in _HU_BEYOND_LATIN1:
        text = text.replace(letter, folded)
    if _BEYOND_LATIN1.search(text) is None:
        return text.encode("latin-1").translate(_LATIN1_FOLDED).decode("latin-1")
    return text.translate(_ACCENTED)


# A word: letters and digits, possibly joined by hyphens, underscores or apostrophes.
_WORD: Final = re.compile(r"[^\W_]+(?:[-_'][^\W_]+)*")
_JOINERS: Final = re.compile(r"[-_]")


#: A word of a text, case-folded, and whether it was written as a name: with a capital
#: letter inside a sentence (not as its first word). A plain tuple: queries make many.
Word = tuple[str, bool]


# What ends a sentence, or opens a quotation or a parenthesis, before a word.
_SENTENCE_BREAK: Final = re.compile("[.!?:;\n\"'«»„“”()\\[\\]]")


def words(text: str) -> list[Word]:
    """Return the words of *text*, normalised and case-folded, in order.

    ``e-mail`` gives ``email``; ``Fiverr-Care`` gives ``fiverrcare``, ``fiverr`` and ``care``;
    ``Fiverr-rel`` gives ``fiverrrel`` and ``fiverr``; ``fiverr's`` gives ``fiverr``;
    ``don't`` gives ``dont``.
    """
    return _plain_words(text) if _PLAIN.fullmatch(text) else _general_words(text)


def _general_words(text: str) -> list[Word]:
    """Return :func:`words` of any text."""
    text = unicodedata.normalize("NFKC", text)
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "'")
    found: list[Word] = []
    append = found.append
    previous_end = 0
    for match in _WORD.finditer(text):
        raw = match.group()
        start = previous_end
        previous_end = match.end()
        # A name: a capital letter, and not the first word of a sentence.
        capitalised = (
            raw != raw.lower()
            and start != 0
            and _SENTENCE_BREAK.search(text, start, match.start()) is None
        )
        word = raw.casefold()
        if not word.isascii():
            word = unicodedata.normalize("NFKC", word)
        if "'" in word:
            word = word.removesuffix("'s").replace("'", "")
        if "-" not in word and "_" not in word:
            append((word, capitalised))
            continue
        parts = _JOINERS.split(word)
        append(("".join(parts), capitalised))
        if len(parts[0]) < 2:  # `e-mail` is one word, `email`
            continue
        # The first part is a word (`lép-e`); a short later part is a case ending or the
        # question particle (`Fiverr-rel`, `lép-e`), not a word of its own.
        append((parts[0], capitalised))
        # A later part is a name only if it has a capital itself (`DM-ezni`: `ezni` is not).
        # (Case-folding makes no joiner, so the word's parts are the raw word's, in order.)
        found += (
            (part, capitalised and source != source.lower())
            for part, source in zip(parts[1:], _JOINERS.split(raw)[1:], strict=False)
            if len(part) >= 4
        )
    return found


# Text that NFKC leaves alone, whose letters lower-case one to one, and whose words are not
# joined by hyphens, underscores or apostrophes: regular expressions alone find its words.
_PLAIN: Final = re.compile("[\\x00-\\x26\\x28-\\x2c\\x2e-\\x5e\\x61-\\x7fáéíóöőúüűÁÉÍÓÖŐÚÜŰ]*")


def _plain_words(text: str) -> list[Word]:
    """Return :func:`words` of a text :data:`_PLAIN` matches, the quick way."""
    if text == text.lower():
        return [(word, False) for word in _WORD.findall(text)]
    found: list[Word] = []
    for sentence in _SENTENCE_BREAK.split(text):
        raw = _WORD.findall(sentence)
        if raw:
            found.append((raw[0].lower(), False))
            found += [(lower, word != lower) for word in raw[1:] for lower in (word.lower(),)]
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance of *a* and *b*, or ``limit + 1`` if above.

    Insertions, deletions, substitutions and swaps of adjacent letters each cost 1. A common
    prefix and suffix do not change the distance, so only the differing middle is compared.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    start, end_a, end_b = 0, len(a), len(b)
    while start < end_a and start < end_b and a[start] == b[start]:
        start += 1
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
    if not a or not b:
        return min(max(len(a), len(b)), limit + 1)
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def deletes(word: str, depth: int) -> set[str]:
    """Return *word* and every string made by deleting 1 to *depth* (1 or 2) of its letters.

    The keys of a deletion index: two words within edit distance *depth* share a key.
    """
    found = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if depth >= 2:
        found |= double_deletes(word)
    found.add(word)
    return found


def double_deletes(word: str) -> set[str]:
    """Return every string made by deleting exactly 2 of the letters of *word*."""
    size = len(word)
    # Each pair of positions once: the second deleted after the first.
    return {
        part[:j] + part[j + 1 :]
        for i in range(size)
        for part in (word[:i] + word[i + 1 :],)
        for j in range(i, size - 1)
    }


class Kind(enum.Enum):
    """How much a word counts in a query."""

    #: Dropped: articles, pronouns, auxiliaries, greetings.
    STOP = 0
    #: Counts a little, and never makes a query off-topic: question words, numbers.
    LIGHT = 1
    #: Carries the meaning.
    CONTENT = 2


def _folded_set(text: str) -> frozenset[str]:
    """Return the accent-folded words of *text*, a whitespace-separated word list."""
    return frozenset(fold(word) for word in text.split())


# Stop and light words are compared accent-folded, so `es` is `és` and `miert` is `miért`.
_STOP_EN_WORDS: Final = """
    a an the and or but nor of to in on at for from by with as into onto about over than
    then so if is are was were be been being am do does did doing done have has had having
    i me my mine myself you your yours we us our ours it its itself he him his she her hers
    they them their theirs this that these those there here just also too very any some
    can could would should will shall may might must get got getting im ive id ill youre
    dont doesnt didnt cant cannot couldnt wont wouldnt isnt arent wasnt havent hasnt hadnt
    whats hows wheres whos thats theres its lets hi hello hey please pls plz thanks thank
    thx ok okay yes yeah yo dear regards cheers sir madam one ones guys
    want wanted wanna need needed like would tell explain briefly quick question exactly
    actually really anymore something anything someone somebody thing stuff now still ever
    even maybe already again kindly possible know idea kind sort lot lots advance good great
    nice cool awesome morning afternoon evening wondering wonder curious appreciate
    appreciated glad sorry well quite bit little first all every each off up down away
    lol haha hahaha xd btw tbh omg imo fyi po
    """
_STOP_EN: Final = _folded_set(_STOP_EN_WORDS)
_LIGHT_EN: Final = _folded_set("what why where when how who whom whose which much many")
_STOP_HU_WORDS: Final = """
    a az egy és s meg is de hogy ha mert vagy van vannak volt lesz lett nincs nincsenek
    ez ezt ezek ezeket azt azok azokat ami amit amely amelyet amelyek aki akik ahol amikor
    már még csak itt ott igen nem ne sem
    én te ő mi ti ők engem téged minket titeket nekem neked neki nekünk nektek nekik
    velem veled vele velünk veletek velük tőlem tőled tőle enyém tiéd övé
    el le fel ki be át rá
    szia sziasztok helló hello hali üdv üdvözlettel jó napot kérem kérlek légyszi légyszíves
    kösz köszi köszönöm köszönjük oké ok hát na pedig
    olyan ilyen ugye vajon kell kellene kéne lehet lehetne lenne tudok tudom tudsz tudja
    tudnék tudnál tudnád tudod tudni tudnom szeretnék szeretném szeretnéd akarok akarom
    kérdés kérdésem kérdezni pontosan röviden tényleg valaha most esetleg valami valaki
    nagyon egyáltalán sajnos rendben persze amúgy egyébként szerintem vagyok tegyek
    csináljak mondd mondanád elmagyaráznád magyarázd
    után előtt alatt felett fölött mellett között szerint miatt helyett nélkül keresztül óta
    által rajta benne róla arról erről ebben abban ehhez ahhoz ezzel azzal ennek annak
    előre választ válaszod reggelt estét napot segítenél segítenétek segítesz kíváncsi
    érdekelne érdekel szeretnénk bocsánat elnézést először elsőre
    ön önök önt önöket önnek önöknek önnel önökkel öntől önöktől önhöz önökhöz önöké
    maga maguk magát magukat magának maguknak tisztelt tisztelettel érdeklődnék
    érdeklődöm érdeklődni szíveskedjen szíveskedjenek szokták szokott szoktak kérdezném
    tájékoztasson tájékoztatni mondja mondják megtudhatnám ismertesse írja adja
    tenni tehetek tehetnék teszek
    éppen pont azon ezen lennék lenne lennének volna hölgyem uram uraim hölgyeim asszonyom
    szép kedves megmondaná magyarázza magyarázná elmagyarázná eldöntené zavarásért szóval
    helyzet ilyenek ilyesmi
    """
_STOP_HU: Final = _folded_set(_STOP_HU_WORDS) - {"mi"}
_LIGHT_HU: Final = _folded_set(
    """
    mi mit mik miért mire hol honnan hova hová hogyan mikor mennyi mennyit mennyibe
    mekkora milyen melyik hány hányszor
    """
)


def near_light(folded: str, keys: Iterable[str] = ()) -> str | None:
    """Return the question word the accent-folded *folded* is with one typo (`whta`), if any.

    *keys* may give :func:`deletes` of *folded* already made (with a depth of 1 or more).
    """
    if not 4 <= len(folded) <= _LIGHT_LONGEST + 1 or folded in _LIGHT_HU or folded in _LIGHT_EN:
        return None
    index = _light_keys()
    shortest = len(folded) - 1  # keys of one deletion at most
    wanted = keys if isinstance(keys, (set, frozenset)) else set(keys)
    candidates = sorted(
        {
            word
            for key in index.keys() & (wanted or deletes(folded, 1))
            if len(key) >= shortest
            for word in index[key]
        }
    )
    return next((word for word in candidates if edit_distance(folded, word, 1) <= 1), None)


@functools.cache
def _light_keys() -> dict[str, tuple[str, ...]]:
    """Return a deletion index (one letter) of the question words of four letters or more.

    Shorter ones are left out: one typo in `why` or `hol` makes too many other words.
    """
    keys: dict[str, list[str]] = {}
    for word in sorted(_LIGHT_HU | _LIGHT_EN):
        if len(word) >= 4:
            for key in deletes(word, 1):
                keys.setdefault(key, []).append(word)
    return {key: tuple(words) for key, words in keys.items()}


# The longest question word: a word one typo from one is at most one letter longer.
_LIGHT_LONGEST: Final = max(len(word) for word in _LIGHT_HU | _LIGHT_EN)


# Both languages' stop words are dropped in both: a chatbot gets `Szia! How do I ...` too.
_STOP: Final = _STOP_HU | _STOP_EN
# The stop words as folded and as spelt: most words are looked up without folding them.
_STOP_FORMS: Final = _STOP | {
    word for word in (_STOP_HU_WORDS + _STOP_EN_WORDS).split() if fold(word) in _STOP
}


def near_stop(folded: str, keys: set[str] | frozenset[str] = frozenset()) -> bool:
    """Tell whether the accent-folded *folded* is a stop word of 5 letters or more, misspelt.

    English stop words only, one typo away (`realy`, `pleae`): the word says as little as the
    stop word does. (Hungarian words one letter from a stop word are too often other words.)
    *keys* may give :func:`deletes` of *folded* already made (with a depth of 1 or more).
    """
    if len(folded) < 5 or folded in _STOP:
        return False
    index = _stop_keys()
    shortest = len(folded) - 1  # keys of one deletion at most
    candidates = {
        word
        for key in index.keys() & (keys or deletes(folded, 1))
        if len(key) >= shortest
        for word in index[key]
    }
    return any(edit_distance(folded, word, 1) <= 1 for word in candidates)


@functools.cache
def _stop_keys() -> dict[str, tuple[str, ...]]:
    """Return a deletion index (one letter) of the stop words of five letters or more."""
    keys: dict[str, list[str]] = {}
    for word in sorted(_STOP_EN):
        if len(word) >= 5:
            for key in deletes(word, 1):
                keys.setdefault(key, []).append(word)
    return {key: tuple(words) for key, words in keys.items()}


def swaps(folded: str) -> list[str]:
    """Return *folded* with each pair of neighbouring letters swapped (`hlep` -> `help`...)."""
    return [
        folded[:at] + folded[at + 1] + folded[at] + folded[at + 2 :]
        for at in range(len(folded) - 1)
        if folded[at] != folded[at + 1]
    ]


#: Stop words as :func:`is_stop` looks them up first (a word in it is a stop word).
STOP_FORMS: Final = _STOP_FORMS


def is_stop(word: str) -> bool:
    """Tell whether *word* (case-folded) is a stop word, in either language."""
    if word in _STOP_FORMS:
        return True
    if len(word) == 1:
        return not word.isdigit()
    return not word.isascii() and fold(word) in _STOP


# Accent-free spellings of Hungarian case endings Snowball knows only with their accents.
_HU_ENDINGS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("bol", ("ból", "ből")),
    ("rol", ("ról", "ről")),
    ("tol", ("tól", "től")),
    ("nal", ("nál",)),
    ("nel", ("nél",)),
    ("hoz", ("hoz", "höz")),
    ("kent", ("ként",)),
    ("ert", ("ért",)),
    ("aban", ("ában",)),
    ("eben", ("ében",)),
    ("ara", ("ára",)),
    ("ere", ("ére",)),
)
_HU_PLAIN_ENDINGS: Final = tuple(plain for plain, _ in _HU_ENDINGS)
# Stems Snowball leaves apart although they are one word: the lengthened or shortened stem
# of a Hungarian noun maps to its dictionary stem (both accent-folded).
_HU_ALIASES: Final = {"jelszav": "jelszo", "jelsz": "jelszo"}


class Analyzer:
    """The analysis of one language: which words count, and the terms each word indexes as."""

    __slots__ = ("_hungarian", "_stem", "lang", "light_words", "terms")

    def __init__(self, lang: str) -> None:
        """Build the analyzer of *lang* (``"hu"`` or ``"en"``)."""
        self.lang = lang
        self._hungarian = hungarian = lang == "hu"
        self._stem: Callable[[str], str] = hungarian_stem if hungarian else english_stem
        #: The light words (question words) of the language, accent-folded.
        self.light_words = _LIGHT_HU if hungarian else _LIGHT_EN
        #: The index terms of a word with their weights (cached: words come back often).
        self.terms: Callable[[str], tuple[tuple[str, float], ...]] = functools.lru_cache(
            maxsize=16384
        )(self._terms)

    def kind(self, word: str) -> Kind:
        """Tell whether *word* is a stop word, a light word or a content word."""
        if is_stop(word):
            return Kind.STOP
        if word.isdigit() or fold(word) in self.light_words:
            return Kind.LIGHT
        return Kind.CONTENT

    def _terms(self, word: str) -> tuple[tuple[str, float], ...]:
        if not word.isalpha():  # numbers and names such as fiverr365 are kept as they are
            return ((fold_uncached(word), 1.0),)
        if not self._hungarian:
            return ((self._stem(fold_uncached(word)), 1.0),)
        return tuple(_hu_terms(word, self._stem).items())


def _hu_terms(word: str, stem: Callable[[str], str]) -> dict[str, float]:
    """Return the terms of the Hungarian *word*, each with its weight."""
    folded = fold_uncached(word)
    stemmed = stem(word)
    found = dict.fromkeys(
        (fold_uncached(stemmed), stem(folded) if folded != word else stemmed), 1.0
    )
    if len(stemmed) <= 3 < len(word):
        # Snowball takes the last consonant of a short Hungarian noun for a suffix
        # (`cím` -> `cí`, `fiókom` -> `fió`, `díja` -> `dí`): keep it as well.
        found.setdefault(fold_uncached(word[: len(stemmed) + 1]), 1.0)
    if folded == word and word.endswith(_HU_PLAIN_ENDINGS):  # typed without accents: try
        for plain, accented in _HU_ENDINGS:  # the accented case endings
            if word.endswith(plain) and len(word) > len(plain) + 2:
                for ending in accented:
                    found.setdefault(fold_uncached(stem(word[: -len(plain)] + ending)), 1.0)
    for term in list(found):
        alias = _HU_ALIASES.get(term)
        if alias is not None:
            found.setdefault(alias, 1.0)
    for term in list(found):
        for lemma in _hu_lemmas(term, folded):
            found.setdefault(lemma, LEMMA_WEIGHT)
    return found


class Gate:
    """Tells, without stemming a word, whether any of its terms can match a set of terms.

    Snowball only strips suffixes, and rewrites little: a stem starts the (accent-folded)
    word it comes from, except that its last letter may be a rewritten one (English `happy`
    -> `happi`, `hoping` -> `hope`, `possibility` -> `possibl`; Hungarian `-ccs` -> `-cs`); a
    Hungarian lemma may also start after a verbal prefix (`megváltoztat` -> `változtat`), and
    the Hungarian prefix match needs the first five letters of a term (four, before a
    doubled consonant). The only words
    Snowball rewrites further from their end are English ones like `dying` (`die`): they
    always pass. Most words that cannot match cost a few lookups instead of a Snowball run.
    """

    __slots__ = ("_all", "_english", "_match", "_starts")

    def __init__(self, lang: str, terms: Iterable[str]) -> None:
        """Build the gate of the *lang* index whose terms are *terms*."""
        hungarian = lang == "hu"
        alpha = {term for term in terms if term.isalpha()}
        if hungarian:  # a stem an alias maps to an indexed term is as good as the term
            alpha |= {source for source, target in _HU_ALIASES.items() if target in alpha}
        rewritten = _REWRITTEN_HU if hungarian else _REWRITTEN_EN
        keys = alpha | {term[:-1] for term in alpha if term[-1] in rewritten}
        self._all = "" in keys  # a rewritten one-letter stem: any word may have it
        self._english = not hungarian
        # The Hungarian prefix match: a stem of five letters or more shares its first five
        # with an indexed term. A stem starts its word, but its fifth letter may be the
        # second of a doubled consonant the stemmer undoubled (`-ccs` -> `-cs`): then the
        # word shares four letters, and has that consonant twice.
        long_terms = [term for term in alpha if len(term) >= PREFIX_MATCH] if hungarian else []
        starts = keys | {term[:PREFIX_MATCH] for term in long_terms}
        starts |= {term[: PREFIX_MATCH - 1] + term[PREFIX_MATCH - 2] for term in long_terms}
        #: Where a lemma may start (:func:`lemma_starts`), then a key the word starts with.
        self._starts = frozenset(starts - {""})
        self._match: Callable[[str], object] | None = None

    def __call__(self, folded: str) -> bool:
        """Tell whether the accent-folded word *folded* may have a term this gate was built on."""
        if self._all or not folded.isalpha():
            return True
        if self._english and "ying" in folded:
            return True
        match = self._match
        if match is None:  # made on the first word that needs it: a regular expression
            match = self._match = self._compile()
        return match(folded) is not None

    def _compile(self) -> Callable[[str], object]:
        """Return the ``match`` of an expression that matches a word one of the keys starts.

        The keys as a trie (each letter tried once, at C speed); a Hungarian word also after
        a verbal prefix (:func:`lemma_starts`: the expression backtracks to the word's start).
        """
        trie = prefix_pattern(self._starts)
        prefixes = "" if self._english else f"(?:{'|'.join(_HU_PREFIXES)})?"
        return re.compile(prefixes + trie).match


def prefix_pattern(starts: Iterable[str]) -> str:
    """Return a regular expression that matches a text starting with any of *starts*.

    A trie: at each letter the alternatives are the next letters, and a start ends the
    expression there (a longer one is not needed); one that never matches for no starts.
    """
    trie: dict[str, Any] = {}
    for start in sorted(set(starts)):
        node = trie
        for char in start:
            if node.get("") is True:
                break
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = True
    return _trie_pattern(trie) if trie else "(?!)"


def _trie_pattern(node: dict[str, Any]) -> str:
    """Return the expression of the trie *node* (a start ends at a node marked ``""``)."""
    if node.get("") is True:
        return ""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# The last letters of a stem Snowball may have rewritten (after accent folding): English
# `happi`, `hope`, `possibl`, `sky` (`skies`); Hungarian undoubled `-cs`, `-gy`, `-sz`, `-zs`.
_REWRITTEN_EN: Final = frozenset("eily")
_REWRITTEN_HU: Final = frozenset("syz")


#: The fewest letters a Hungarian term must share with an indexed one to match it by prefix.
PREFIX_MATCH: Final = 5


def lemma_starts(folded: str) -> tuple[int, ...]:
    """Return where a Hungarian lemma of *folded* may start: 0, or after a verbal prefix."""
    if not folded.startswith(_HU_PREFIXES):
        return (0,)
    return (0, *(len(prefix) for prefix in _HU_PREFIXES if folded.startswith(prefix)))


# A stem :func:`_hu_lemmas` shortens ends so (`-hat`, `-het`, `-an`, `-en`, `-n`).
_LEMMA_ENDS: Final = ("hat", "het", "n")
#: The weight of a term derived beyond Snowball (a verb without its prefix, mood or ending).
LEMMA_WEIGHT: Final = 0.8
# Not `vissza-` nor `be-`: `visszaállít` (reset) and `beállít` (set) must not meet at `állít`.
_HU_PREFIXES: Final = ("meg", "fel", "el", "le", "ki")


def _hu_lemmas(stem: str, word: str) -> Iterable[str]:
    """Return shorter forms of a Hungarian verb stem Snowball leaves long.

    ``küldhet`` (can send) gives ``küld``; the infinitive ``módosítan`` (from ``módosítani``)
    gives ``módosít``; ``megváltoztat`` gives ``változtat`` (without its verbal prefix).
    """
    # Only a verb stem (`-hat`, `-het`, `-n`) or one with a verbal prefix has a lemma.
    if not stem.endswith(_LEMMA_ENDS) and not stem.startswith(_HU_PREFIXES):
        return ()
    return _verb_lemmas(stem, word)


def _verb_lemmas(stem: str, word: str) -> Iterator[str]:
    """Yield :func:`_hu_lemmas` of *stem*, a verb-like stem of *word*."""
    base = stem
    if base.endswith(("hat", "het")) and len(base) >= 5:
        base = base[:-3]
    elif word.endswith(("ani", "eni")) and base.endswith(("an", "en")) and len(base) >= 5:
        base = base[:-2]
    elif word.endswith("ni") and base.endswith("n") and len(base) >= 4:
        base = base[:-1]
    if base != stem:
        yield base
    for prefix in _HU_PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 4:
            yield base[len(prefix) :]
            break


@functools.cache
def analyzer(lang: str) -> Analyzer:
    """Return the shared :class:`Analyzer` of *lang* (``"hu"`` or ``"en"``)."""
    return Analyzer(lang)
