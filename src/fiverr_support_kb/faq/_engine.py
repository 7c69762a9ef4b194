"""Search the FAQ in Hungarian or English, with or without accents, typos included.

>>> from fiverr_support_kb import search
>>> search("elfelejtettem a jelszavam")[0].entry.id
'reset-password'
>>> search("how much does fiverr take from sellers", lang="en")[0].entry.id
'seller-fee'
>>> search("What's the weather like tomorrow?")
[]

How it works: each FAQ entry is a document of four fields (question, keywords, answer,
steps) in each language, analysed by :mod:`fiverr_support_kb.faq._text` and ranked with BM25F
(BM25 over weighted fields). A message is first read by
:mod:`fiverr_support_kb.faq._understand`: what it asks (weight 1), the sentence before each
question (:data:`~fiverr_support_kb.faq._understand.LEAD_WEIGHT`), and the rest of a long
message (:data:`~fiverr_support_kb.faq._understand.CONTEXT_WEIGHT`, only its words the FAQ's
texts have). A query only looks its words up. Each word is analysed in both languages and,
when both are searched, counts for each entry as much as it does in either language, so a
message in two languages is scored as one. A word the FAQ's texts have with an ending added
(``kosárban``, an English word with a Hungarian ending: ``passwordomat``) is that word, looked
up rather than stemmed; a thesaurus neighbour of an FAQ word stands for it (``amend``:
``change``). A word the
index does not know is matched by its Hungarian stem's longest shared prefix (``alapítása`` ~
``alapították``); a word known in neither language, by spelling (edit distance 1, or 2 for
words of 8 letters or more, through a deletion index; two swapped letters in a word of four),
each at a discount, and only when the query's other words find nothing or no clear winner
(the best scoring less than :data:`_CLEAR` times the next). Each hit carries the passage of
its answer whose terms weigh most in the query.

The index of the packaged knowledge base ships precomputed (``data/search_index.json``, made
by ``scripts/generate_search_index.py``), with the analysis of every word of its texts, so a
first search costs a file read rather than stemming thousands of words; any other knowledge
base is indexed on its first search, and the index is kept with it.

The relevance threshold:

* at least :data:`MIN_COVERAGE` of the query's content must be known to the index (each
  content word weighs its IDF; an unknown word in what the message asks weighs as much as
  the rarest known one, or :data:`_UNKNOWN` of that beside two known content words), so
  questions about the weather or recipes give ``[]`` rather than the least bad entry; a
  query that names Fiverr needs only :data:`MIN_COVERAGE_NAMED`;
* a query naming something else (an unknown word capitalised inside a sentence, such as
  ``Netflix``) and not Fiverr is about something else, and gives ``[]``;
* an entry is a hit only if it scores at least :data:`MIN_SCORE`.

:func:`search_entries` also gives ``[]`` for a message about another service's own matters,
about a Fiverr matter no entry answers, or small talk (the topic cues of
:func:`~fiverr_support_kb.faq._understand.topic`): :func:`fiverr_support_kb.answer` turns
those into an off-topic reply or a hand-off. For the packaged FAQ, the learnt classifier of
:mod:`fiverr_support_kb.faq._model` may then overrule that reading (:func:`decide`): it can
answer a message the words alone did not, hand off or reject one they answered, or put
another entry first, which may then score less than the next hit, or 0.0. It leaves alone
another named service's own matter, and an entry of a message in the FAQ's own words
(:meth:`_SearchIndex.plain`) it never rejects.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections import Counter
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from fiverr_support_kb._memo import once
from fiverr_support_kb.errors import ArgumentTypeError, InvalidArgumentError, describe_type
from fiverr_support_kb.faq import _model, _text, _understand
from fiverr_support_kb.faq._text import Kind
from fiverr_support_kb.models import LANGUAGES, FaqEntry, normalize_language

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from fiverr_support_kb._memo import Memo

__all__ = [
    "CONFIDENT",
    "FAQ",
    "HANDED_OFF",
    "HANDOFF",
    "MAX_QUERY_CHARS",
    "MIN_COVERAGE",
    "MIN_COVERAGE_NAMED",
    "MIN_SCORE",
    "NOT_ABOUT_FIVERR",
    "OFF_TOPIC",
    "OVERRULE",
    "STRONG_SCORE",
    "SearchHit",
    "decide",
    "outweighs",
    "reading",
    "search_entries",
    "search_index",
]

#: An entry scoring less than this (BM25F, summed over the query's words) is not a hit.
MIN_SCORE: Final = 1.0
#: The share of a query's content (its content words, each weighted by its IDF, an unknown
#: word weighing as much as the rarest known one) the index must know for any hit at all.
MIN_COVERAGE: Final = 0.6
#: :data:`MIN_COVERAGE` for a query that names the company (``Fiverr``, inflected or
#: misspelt): it has said what it is about, so fewer of its words need to be known.
MIN_COVERAGE_NAMED: Final = 0.35

#: A best hit scoring this much (and :data:`_DECISIVE` times the next) answers a message
#: that mentions another device or service in passing (see :func:`outweighs`).
STRONG_SCORE: Final = 12.0
#: What :func:`decide` does with a message an FAQ entry answers.
FAQ: Final = "faq"
#: What :func:`decide` does with a Fiverr matter no FAQ entry answers (a classifier's label).
HANDOFF: Final = "handoff"
#: What :func:`decide` does with a message not about Fiverr (a classifier's label too).
OFF_TOPIC: Final = "off_topic"
#: A reading of :func:`reading`, beside the entries' numbers: a Fiverr matter no entry answers.
HANDED_OFF: Final = -1
#: A reading of :func:`reading`, beside the entries' numbers: not about Fiverr.
NOT_ABOUT_FIVERR: Final = -2
#: The classifier overrules the search's reading of a message when it scores that reading
#: below this and its own best label at least :data:`CONFIDENT` (a score is a signed distance
#: from the label's boundary: below 0 is "not this", above is "this"). Both were chosen on
#: three blind development sets the search was never tuned on (``faq_blind9``,
#: ``faq_blind11`` and ``faq_blind13``, each scored by a classifier learnt without it) and on
#: the held-out third of the search's own short queries (``tests/search_eval.json``): see
#: ``docs/faq-search.md``.
OVERRULE: Final = 0.0
#: See :data:`OVERRULE`.
CONFIDENT: Final = -0.5
#: Only the start of a longer query is read, so a huge query costs no more than this.
MAX_QUERY_CHARS: Final = _understand.MAX_MESSAGE_CHARS
# At most this many distinct words of a query are looked up; longer words are cut to
# _MAX_WORD_CHARS (and then are simply unknown).
_MAX_QUERY_WORDS: Final = 48
_MAX_WORD_CHARS: Final = 40

# BM25F: per-field weight and length normalisation, and the term-frequency saturation.
_FIELDS: Final = ("question", "keywords", "answer", "steps")
_WEIGHT: Final = {"question": 3.0, "keywords": 2.0, "answer": 1.0, "steps": 1.0}
_B: Final = {"question": 0.5, "keywords": 0.3, "answer": 0.75, "steps": 0.75}
_K1: Final = 1.2
# A light word (question word, number) counts this much of a content word.
_LIGHT: Final = 0.4
# Discounts of inexact matches: shared stem prefix; spelling at distance 1 and 2.
_PREFIX: Final = 0.7
_SPELLING: Final = (1.0, 0.75, 0.5)
_MIN_FUZZY: Final = 5
_LONG_WORD: Final = 8
# What an unknown word that is not a name weighs in a query's content, as a share of the
# rarest known word: one unknown word does not sink a question whose other words match.
_UNKNOWN: Final = 0.6
# An unknown word's weight when the query's known words are decisive: they point to one
# entry, scoring at least _DECISIVE_SCORE and _DECISIVE times any other.
_UNKNOWN_DECISIVE: Final = 0.4
_DECISIVE: Final = 2.0
_DECISIVE_SCORE: Final = 4.0
# A best hit scoring this many times the next one is a clear winner: a query's unknown words
# are not looked up as misspellings then.
_CLEAR: Final = 1.5
# An unknown word shaped like a verb or an adverb (accent-folded): a Hungarian infinitive or
# personal infinitive, a -hat/-het form, a first-person past or conditional; an English -ed,
# -ing or -ly word. It says what is done, not what a message is about: it counts as light.
_VERBAL: Final = re.compile(
    r"(?:[^aeiou]ni|nom|nod|niuk|h[ae]t(?:ok|ek|om|em|od|ed|unk|nak|nek|na|ne|nam|nem|nek)?|"
    r"[aeiou]t?t[ae]m|n[ae]m|n[ae]nk|ly|ed|ing)$"
)
# The words of a long message's context weigh together as much as this many of them.
_CONTEXT_BUDGET: Final = 6
# A compound is a word of this many letters or more, its parts this many or more.
_COMPOUND: Final = 8
_COMPOUND_PART: Final = 4
# A Hungarian verb with its prefix after it (accent-folded): `vonjak le`, `allithatom at`.
_PREFIX_AFTER: Final = re.compile(r"\b([a-z]{3,})\s+(meg|le|el|ki|fel|vissza|at)\b")
# What every match of it has: a quick test first (a scan for a space, not a word at each start).
_PREFIX_GAP: Final = re.compile(r"\s(?:meg|le|el|ki|fel|vissza|at)\b")
# What a word added by the side a message is on (_understand.leanings) counts.
_LEANING_WEIGHT: Final = 1.0
# Query words whose analysis is kept, per knowledge base.
_WORD_CACHE: Final = 8192

#: The precomputed index of the packaged knowledge base, under ``fiverr_support_kb/data/``.
_INDEX_FILE: Final = "search_index.json"
#: The layout of :data:`_INDEX_FILE`; a file of another layout is not used.
_INDEX_FORMAT: Final = 1

_LANGUAGE_NUMBER: Final = {code: number for number, code in enumerate(LANGUAGES)}
# A word's terms with their weights: ((term, weight), ...).
_Terms = tuple[tuple[str, float], ...]


@attrs.frozen(kw_only=True)
class SearchHit:
    """One answer to a search: the FAQ entry, how well it matched, and in which language."""

    entry: FaqEntry
    #: The BM25F relevance of the query's words, higher is better. Hits come best first,
    #: except the first: the entry decided (step 6 of :func:`~fiverr_support_kb.answer`'s
    #: decision rule), which may score less than the next, or 0.0 when its words did not
    #: match it in the language(s) searched.
    score: float
    #: The language of the hit's passage, ``"hu"`` or ``"en"``: the one searched, or, with
    #: both searched (each word counting where it is best known), the query's own when its
    #: function words tell, else the one its words are best known in.
    lang: str
    #: The sentence(s) of the answer (or its numbered steps), in :attr:`lang`, that answer
    #: the query.
    passage: str = ""


class _WordScore(NamedTuple):
    """What one query word contributes in one language."""

    #: A light word (question word, number): counts less, and is never off-topic.
    light: bool
    #: Entry number -> the word's contribution to its score; empty if the word is unknown.
    #: Read only: it may be the index's own postings.
    scores: dict[int, float]
    #: The IDF of the word's best match, discounted like the match; 0 if it is unknown.
    idf: float
    #: The index terms the word matched (for the passage of an answer).
    terms: tuple[str, ...] = ()


class _Word(NamedTuple):
    """A query word, analysed against a knowledge base's index (cached per word)."""

    #: Per language of :data:`LANGUAGES`.
    per_lang: tuple[_WordScore, ...]
    #: The word is the company's name, inflected or misspelt.
    company: bool
    #: The word in both languages at once: its best contribution to each entry in either.
    both: _WordScore
    #: The number of the language the word is best known in (its IDF is highest).
    lang: int
    #: Known in no language and not yet corrected: the word to look up as a misspelling.
    misspelt: str = ""


def _new_word(per_lang: tuple[_WordScore, ...], *, company: bool, misspelt: str = "") -> _Word:
    """Return the :class:`_Word` of the per-language scores *per_lang*.

    A word is analysed in both languages whatever the message's language: ``forgot my
    jelszó`` counts `forgot` in English and `jelszó` in Hungarian.
    """
    lang = 0
    for number in range(1, len(per_lang)):
        if per_lang[number].idf > per_lang[lang].idf:
            lang = number
    known = [score for score in per_lang if score.scores]
    if len(known) <= 1:
        both = per_lang[lang]
    else:
        scores = dict(known[0].scores)
        for score in known[1:]:
            for entry, value in score.scores.items():
                if value > scores.get(entry, 0.0):
                    scores[entry] = value
        both = _WordScore(
            light=per_lang[lang].light,
            scores=scores,
            idf=per_lang[lang].idf,
            terms=tuple(dict.fromkeys(term for score in known for term in score.terms)),
        )
    return _Word(per_lang, company, both, lang, misspelt)


# --- analysis -------------------------------------------------------------------------------


def _pairs(flat: list[Any]) -> _Terms:
    """Return ``[term, weight, term, weight, ...]`` as ``((term, weight), ...)``."""
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _flat(terms: Iterable[tuple[str, float]]) -> list[Any]:
    """Return ``((term, weight), ...)`` as ``[term, weight, term, weight, ...]``."""
    return [item for pair in terms for item in pair]


class _Analysis:
    """The terms of a word in one language: from a precomputed table, else analysed."""

    __slots__ = ("_analyse", "_table")

    def __init__(self, lang: str, table: Mapping[str, list[Any]]) -> None:
        self._table = table
        self._analyse = _text.analyzer(lang).terms

    def __call__(self, word: str) -> _Terms:
        row = self._table.get(word)
        return self._analyse(word) if row is None else _pairs(row)

    def analysed(self, word: str) -> _Terms:
        """Return the terms of *word*, a word the table does not have: analysed."""
        return self._analyse(word)

    def table(self, word: str) -> _Terms | None:
        """Return the terms of *word* if the table has them (no stemming), else ``None``."""
        row = self._table.get(word)
        return None if row is None else _pairs(row)

    @property
    def rows(self) -> Mapping[str, list[Any]]:
        """The table: word -> ``[term, weight, term, weight, ...]``."""
        return self._table


def _analysis_table(faq: Iterable[FaqEntry], lang: str) -> dict[str, list[Any]]:
    """Return the *lang* analysis of every word of *faq*, in any language, and of its folding.

    A query word is analysed in both languages, so the Hungarian words of the FAQ are in the
    English table too, and the other way round: a question made of the FAQ's words, typed
    with or without accents, costs no stemming at all.
    """
    analyzer = _text.analyzer(lang)
    table: dict[str, list[Any]] = {}
    for entry in faq:
        for text_lang in LANGUAGES:
            for text in _texts(entry, text_lang).values():
                for word in _field_words(text, analyzer):
                    for form in (word, _text.fold(word)):
                        if form not in table:
                            table[form] = _flat(analyzer.terms(form))
    return dict(sorted(table.items()))


# --- the index ------------------------------------------------------------------------------


def _texts(entry: FaqEntry, lang: str) -> dict[str, list[str]]:
    """Return the texts of *entry* in *lang*, by field."""
    return {
        "question": [entry.question[lang]],
        "keywords": list(entry.keywords[lang]),
        "answer": [entry.answer[lang]],
        "steps": [step[lang] for step in entry.steps],
    }


def _field_words(texts: Iterable[str], analyzer: _text.Analyzer) -> list[str]:
    """Return the words of *texts* the index counts (not stop words, not too long)."""
    return [
        word
        for text in texts
        for word, _ in _text.words(text)
        if len(word) <= _MAX_WORD_CHARS and analyzer.kind(word) is not Kind.STOP
    ]


def _index_data(
    faq: tuple[FaqEntry, ...], lang: str, company: str, terms_of: Callable[[str], _Terms]
) -> dict[str, Any]:
    """Return the BM25F index of *faq* in *lang* as plain data (what :data:`_INDEX_FILE` holds).

    ``terms``: term -> ``[idf, entry, contribution, entry, contribution, ...]``;
    ``surface``: accent-folded indexed word -> its terms, for spelling correction;
    ``company``: the terms of the company's name, for its misspellings.
    """
    analyzer = _text.analyzer(lang)
    surface: dict[str, dict[str, float]] = {}
    lengths: list[dict[str, int]] = []
    counts: list[dict[str, dict[str, float]]] = []
    for entry in faq:
        lengths.append({})
        counts.append({})
        for name, texts in _texts(entry, lang).items():
            words = _field_words(texts, analyzer)
            field: dict[str, float] = {}
            for word in words:
                terms = terms_of(word)
                for term, weight in terms:
                    field[term] = field.get(term, 0.0) + weight
                surface.setdefault(_text.fold(word), {}).update(terms)
            lengths[-1][name] = len(words)
            counts[-1][name] = field
    total = len(faq)
    average = {
        name: max(1.0, sum(length[name] for length in lengths) / max(1, total)) for name in _FIELDS
    }
    pseudo_tf: dict[str, dict[int, float]] = {}
    for number in range(total):
        for name in _FIELDS:
            norm = 1.0 - _B[name] + _B[name] * lengths[number][name] / average[name]
            for term, tf in counts[number][name].items():
                row = pseudo_tf.setdefault(term, {})
                row[number] = row.get(number, 0.0) + _WEIGHT[name] * tf / norm
    terms_data: dict[str, list[float]] = {}
    for term, row in sorted(pseudo_tf.items()):
        idf = math.log(1.0 + (total - len(row) + 0.5) / (len(row) + 0.5))
        terms_data[term] = [idf]
        for number, tf in sorted(row.items()):
            terms_data[term] += [number, idf * tf * (_K1 + 1.0) / (_K1 + tf)]
    company_terms = [
        (term, weight * _SPELLING[2])
        for term, weight in (terms_of(company) if company else ())
        if term in terms_data
    ]
    return {
        "terms": terms_data,
        "surface": {word: _flat(terms.items()) for word, terms in sorted(surface.items())},
        "company": _flat(company_terms),
    }


class _Index:
    """The BM25F index of one language: term -> {entry number: contribution}."""

    __slots__ = (
        "_gate",
        "_idf",
        "_light",
        "_postings",
        "_prefixes",
        "_rows",
        "_unknown",
        "company_terms",
        "idf_max",
        "light_words",
        "surface",
        "terms_of",
    )

    def __init__(self, data: Mapping[str, Any], lang: str, terms_of: _Analysis) -> None:
        self.terms_of = terms_of
        self._rows = terms_of.rows
        # Light words (question words, numbers) count less; they are compared folded.
        self._light = self.light_words = _text.analyzer(lang).light_words
        # What a word the index does not know contributes (never changed).
        self._unknown = tuple(
            _WordScore(light=light, scores={}, idf=0.0, terms=()) for light in (False, True)
        )
        self._postings: dict[str, dict[int, float]] = {}
        self._idf: dict[str, float] = {}
        for term, row in data["terms"].items():
            self._idf[term] = row[0]
            self._postings[term] = dict(zip(row[1::2], row[2::2], strict=True))
        #: The IDF of the rarest term: what an unknown word weighs in a query's content.
        self.idf_max = max(self._idf.values(), default=0.0)
        #: Accent-folded indexed word -> its terms, for spelling correction.
        self.surface: dict[str, list[Any]] = data["surface"]
        #: The terms of the company's name, for its misspellings.
        self.company_terms = dict(_pairs(data["company"]))
        self._gate = _text.Gate(lang, self._postings)
        # English stems are reliable, and a shared prefix there is another word (`offic`-e,
        # `offici`-al); Hungarian stems of one word often differ in their ending.
        # Prefix (5 letters or more) -> the longer terms it starts, and each term's own first
        # five letters (with no longer terms), so one lookup rules out most words.
        prefixes: dict[str, list[str]] = {}
        if lang == "hu":
            for term in self._postings:  # sorted: the data's terms are
                for end in range(_text.PREFIX_MATCH, len(term)):
                    prefixes.setdefault(term[:end], []).append(term)
                if len(term) >= _text.PREFIX_MATCH:
                    prefixes.setdefault(term[: _text.PREFIX_MATCH], [])
        self._prefixes = prefixes

    def possible(self, folded: str) -> bool:
        """Tell whether an indexed term may come from the accent-folded word *folded*.

        ``False`` is sure (:class:`~fiverr_support_kb.faq._text.Gate`); ``True`` may be wrong.
        """
        return self._gate(folded)

    def matches(self, word: str, folded: str, *, gate: bool | None = None) -> dict[str, float]:
        """Return the index terms *word*'s stems match, each with the weight of the match.

        Words in the analysis table cost a lookup; other words that no indexed term can
        come from (:class:`~fiverr_support_kb.faq._text.Gate`) are not stemmed at all.
        *gate* is :meth:`possible` of *folded* when the caller has it already.
        """
        found: dict[str, float] = {}
        terms = self.terms_of.table(word)
        if terms is None:
            if not (self._gate(folded) if gate is None else gate):
                return found
            terms = self.terms_of.analysed(word)
        postings = self._postings
        for term, weight in terms:
            if term in postings and weight > found.get(term, 0.0):
                found[term] = weight
        if not found and self._prefixes:
            for term, weight in terms:
                for other in self._longest_prefix(term):
                    found[other] = max(found.get(other, 0.0), weight * _PREFIX)
        return found

    def score(self, word: str, folded: str, *, gate: bool | None = None) -> _WordScore | None:
        """Return what *word* contributes to each entry, or ``None`` if it matches nothing.

        The same as :meth:`word_score` of :meth:`matches` (*gate* as there), with a shortcut
        for the common case: a word of the analysis table that is one indexed term.
        """
        row = self._rows.get(word)
        if row is not None and len(row) == 2 and row[1] == 1.0:
            postings = self._postings.get(row[0])
            if postings is not None:
                light = word.isdigit() or folded in self._light
                return _WordScore(light, postings, self._idf[row[0]], (row[0],))
        found = self.matches(word, folded, gate=gate)
        return self.word_score(word, folded, found) if found else None

    def _longest_prefix(self, term: str) -> Iterable[str]:
        """Return the index terms sharing the longest prefix (5 letters or more) with *term*.

        Hungarian stems of one word that Snowball leaves apart share their root:
        ``keresetembol`` and ``kereset``, ``alapitas`` and ``alapitott``.
        """
        if term[: _text.PREFIX_MATCH] not in self._prefixes:
            return ()  # no indexed term shares even the shortest prefix: most words
        for end in range(len(term), _text.PREFIX_MATCH - 1, -1):
            head = term[:end]
            longer = self._prefixes.get(head, ())
            if head in self._postings:
                return (head, *longer)
            if longer:
                return longer
        return ()

    def spelt(self, word: str, folded: str, candidates: dict[str, int]) -> _WordScore | None:
        """Return what *word* contributes as the closest of its spelling *candidates*.

        The candidates are indexed words within edit distance 1 or 2; the closest of them
        this language has count, at a discount. ``None`` if this language has none.
        """
        surface = self.surface
        distances = [d for other, d in candidates.items() if other in surface]
        if not distances:
            return None
        best = min(distances)
        found: dict[str, float] = {}
        for other, distance in candidates.items():
            if distance == best and other in surface:
                for term, weight in _pairs(surface[other]):
                    found[term] = max(found.get(term, 0.0), weight * _SPELLING[best])
        return self.word_score(word, folded, found)

    def unknown(self, *, light: bool) -> _WordScore:
        """Return what a word this index does not know contributes: nothing."""
        return self._unknown[light]

    def word_score(self, word: str, folded: str, found: dict[str, float]) -> _WordScore:
        """Return what *word*, matching the terms *found*, contributes to each entry."""
        light = word.isdigit() or folded in self._light
        if not found:
            return self._unknown[light]
        if len(found) == 1:
            ((term, weight),) = found.items()
            if weight == 1.0:  # the common case: one exact term, shared, never changed
                return _WordScore(light, self._postings[term], self._idf[term], (term,))
        best: dict[int, float] = {}
        idf = 0.0
        for term, weight in found.items():
            idf = max(idf, weight * self._idf[term])
            for number, contribution in self._postings[term].items():
                value = weight * contribution
                if value > best.get(number, 0.0):
                    best[number] = value
        return _WordScore(light, best, idf, tuple(found))


# Where an answer's sentence ends: after . ! ? and before a capital letter or a quotation mark.
_SENTENCE: Final = re.compile('(?<=[.!?])\\s+(?=[A-ZÁÉÍÓÖŐÚÜŰ“"])')

# An answer's passages, per entry: their texts, and index term -> the passages it is in.
_Passages = tuple[tuple[tuple[str, ...], dict[str, tuple[int, ...]]], ...]


def _passages(faq: tuple[FaqEntry, ...], lang: str, index: _Index) -> _Passages:
    """Return the passages of every entry's answer in *lang*, with where each term is.

    An entry with steps has one passage, its numbered steps; an answer of at most three
    sentences is one passage; a longer answer, one passage per sentence.
    """
    analyzer = _text.analyzer(lang)
    found = []
    for entry in faq:
        if entry.steps:
            steps = [step[lang] for step in entry.steps]
            texts = [("\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1)), steps)]
        else:
            sentences = _SENTENCE.split(entry.answer[lang].strip())
            if len(sentences) <= 3:
                sentences = [entry.answer[lang].strip()]
            texts = [(sentence, [sentence]) for sentence in sentences]
        where: dict[str, list[int]] = {}
        for number, (_, source) in enumerate(texts):
            for word in _field_words(source, analyzer):
                for term, _ in index.terms_of(word):
                    places = where.setdefault(term, [])
                    if number not in places:
                        places.append(number)
        found.append(
            (tuple(text for text, _ in texts), {term: tuple(at) for term, at in where.items()})
        )
    return tuple(found)


def _thin(words: list[tuple[_Word, bool, float]]) -> bool:
    """Tell whether a question's own *words* say nothing: no known content word among them."""
    return not any(word.both.scores and not word.both.light for word, _, _ in words)


def _totals(
    scored: list[tuple[_WordScore, bool, float]], totals: dict[int, float] | None = None
) -> dict[int, float]:
    """Return entry number -> score of the *scored* words, added to *totals* if given."""
    totals = {} if totals is None else dict(totals)
    for score, _, weight in scored:
        factor = (_LIGHT if score.light else 1.0) * weight
        for entry, value in score.scores.items():
            totals[entry] = totals.get(entry, 0.0) + factor * value
    return totals


def _on_topic(
    scored: list[tuple[_WordScore, bool, float]],
    unknown_idf: float,
    *,
    named: bool,
    totals: dict[int, float] | None = None,
) -> bool:
    """Tell whether a query is about the FAQ, from its words' scores and which are names.

    At least :data:`MIN_COVERAGE` (:data:`MIN_COVERAGE_NAMED` if it names the company) of
    its content must be known: each content word weighs its IDF times its weight, an unknown
    one *unknown_idf* (:data:`_UNKNOWN` of it if it is not a name); a query of light words
    only says too little. An unknown name makes a query that does not name the company
    about something else. (The context of a long message holds only known words.) When the
    known words are decisive (their *totals* per entry point to one, :func:`_decisive`) and
    the unknown words are at most one more than the known content words, an unknown word weighs
    only :data:`_UNKNOWN_DECISIVE`: a message of a few unknown words around one FAQ phrase
    (`the phone number of the pizza place on main street`) is about something else.
    """
    known = total = 0.0
    foreign = False
    # Unknown words are discounted only beside two known content words or more.
    matched = sum(
        1 for score, _, weight in scored if score.scores and not score.light and weight >= 1.0
    )
    unknown = sum(
        1 for score, _, weight in scored if not score.scores and not score.light and weight >= 1.0
    )
    if matched < 2:
        discount = 1.0
    elif 0 < unknown <= matched + 1 and totals is not None and _decisive(totals):
        discount = _UNKNOWN_DECISIVE
    else:
        discount = _UNKNOWN
    for score, capitalised, weight in scored:
        if not score.light:
            if score.scores:
                known += score.idf * weight
                total += score.idf * weight
            elif weight >= 1.0:  # an unknown word around the question does not count
                total += unknown_idf * (1.0 if capitalised else discount)
                foreign = foreign or capitalised
    threshold = MIN_COVERAGE_NAMED if named else MIN_COVERAGE
    return bool(total) and known / total >= threshold and (named or not foreign)


def _decisive(totals: dict[int, float]) -> bool:
    """Tell whether a query's known words point to one entry: :data:`_DECISIVE` times the next.

    And score it :data:`_DECISIVE_SCORE` or more: words that say little point nowhere.
    """
    if not totals:
        return False
    first = second = 0.0
    for value in totals.values():
        if value > first:
            first, second = value, first
        elif value > second:
            second = value
    return first >= _DECISIVE_SCORE and first >= _DECISIVE * second


def _decided(found: dict[int, tuple[float, str]]) -> bool:
    """Tell whether hits have a clear winner: the best scores :data:`_CLEAR` times the next."""
    if not found:
        return False
    scores = sorted((score for score, _ in found.values()), reverse=True)
    return len(scores) == 1 or scores[0] >= _CLEAR * scores[1]


def _both(
    words: list[tuple[_Word, bool, float]],
) -> tuple[str, list[tuple[_WordScore, bool, float]]]:
    """Return the pass of a message over both languages: each word as it counts in either.

    The pass is labelled with the language most of the message's known content is in.
    """
    weights = [0.0] * len(LANGUAGES)
    for word, _, weight in words:
        score = word.both
        if score.scores and not score.light:
            weights[word.lang] += score.idf * weight
    code = LANGUAGES[max(range(len(LANGUAGES)), key=weights.__getitem__)]
    return code, [(word.both, name, weight) for word, name, weight in words]


class _Query:
    """A message understood: its words, and its topic cues (read when first asked for)."""

    __slots__ = ("_covered", "_cues", "_story", "_topic", "asked", "leaning", "words")

    def __init__(  # noqa: PLR0913 - the parts of a reading
        self,
        words: list[tuple[_Word, bool, float]],
        cues: str,
        story: str,
        covered: frozenset[str],
        *,
        leaning: list[tuple[_Word, bool, float]] | None = None,
        asked: str = "",
    ) -> None:
        #: Each word analysed, whether it is a name, and its weight (what it asks: 1).
        self.words = words
        #: The words the side the message is on adds (:func:`_understand.leanings`): they
        #: rank, but do not make a message about the FAQ.
        self.leaning = leaning or []
        #: What the message asks, and the sentence before a short question: what the
        #: classifier reads (:mod:`._model`).
        self.asked = asked
        self._cues = cues
        self._story = story
        self._covered = covered
        self._topic: _understand.Topic | None = None

    @property
    def topic(self) -> _understand.Topic:
        """The topic cues of the message (:func:`~fiverr_support_kb.faq._understand.topic`).

        Read on the first access only: a search that finds nothing never needs them.
        """
        topic = self._topic
        if topic is None:
            topic = self._topic = _understand.topic(self._cues, self._story, self._covered)
        return topic


class _SearchIndex:
    """The per-language indexes of one knowledge base's FAQ, and a cache of query words."""

    __slots__ = (
        "_classifier",
        "_known",
        "_known_start",
        "_spelling",
        "_unknown_scores",
        "_vocabulary_words",
        "company",
        "covered",
        "faq",
        "indexes",
        "passages",
        "spelt",
        "vocabulary",
        "word",
    )

    def __init__(
        self,
        faq: tuple[FaqEntry, ...],
        company: str,
        indexes: tuple[_Index, ...],
        spelling: _Spelling,
    ) -> None:
        self.faq = faq
        self.company = company
        # The learnt classifier, if it serves this FAQ (looked up on the first message).
        self._classifier: _model.Classifier | bool | None = False
        #: Per language of :data:`LANGUAGES`.
        self.indexes = indexes
        self._spelling = spelling
        # The words any language's analysis table has: one lookup instead of one per table.
        self._known: frozenset[str] = frozenset().union(*(index.terms_of.rows for index in indexes))
        # What a word known in no language, not a light word, scores in each language.
        self._unknown_scores = tuple(index.unknown(light=False) for index in indexes)
        # Those of two and three letters, and the first four letters of the longer ones:
        # a word none of them starts has no alternative (made when first needed).
        self._known_start: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None
        #: The analysis of a query word (cached: the same words come back again and again).
        self.word: Callable[[str], _Word] = functools.lru_cache(maxsize=_WORD_CACHE)(self._word)
        #: The analysis of a word known in no language, as a misspelling (cached too).
        self.spelt: Callable[[str], _Word] = functools.lru_cache(maxsize=_WORD_CACHE)(self._spelt)
        #: The analysis of every word the analysis tables have (the FAQ's own words, as
        #: written and accent-folded): index data, made with the index, so a query of the
        #: FAQ's words analyses nothing. (Empty while it is made: each word is analysed.)
        self._vocabulary_words: dict[str, _Word] = {}
        self._vocabulary_words = {word: self._word(word) for word in sorted(self._known)}
        #: The matters the FAQ's questions and keywords are about (refunds...): asked about,
        #: they are answered, not handed off.
        self.covered = _understand.covered_cues(
            text
            for entry in faq
            for lang in LANGUAGES
            for text in (entry.question[lang], *entry.keywords[lang])
        )
        #: The FAQ's own words, to tell which sentences of a long message are about it.
        light = _text.analyzer("en").light_words | _text.analyzer("hu").light_words
        self.vocabulary = _understand.Vocabulary.of(
            word
            for index in indexes
            for word in index.surface
            if word not in light and not _text.is_stop(word)
        )
        #: Per language: per entry, its answer's passages with their terms.
        self.passages = tuple(
            _passages(faq, lang, index) for lang, index in zip(LANGUAGES, indexes, strict=True)
        )

    def understand(self, message: str) -> _Query:
        """Return *message*'s words, analysed and weighted, and its topic cues."""
        reading = _understand.focus(message[:MAX_QUERY_CHARS], self.vocabulary)
        focused = self._prefixed(_query_words(reading.asks), reading.asks)
        words = self._distinct(focused)
        seen = {text for text, _ in focused}
        cues = _text.fold(reading.cues.lower())
        if self.company and self.company not in seen and _understand.mentions_site(cues):
            # "this site", "you guys", "Önök": the company, as if named
            seen.add(self.company)
            words.append((self.word(self.company), False, 1.0))
        # A question that says nothing itself (`Where do I do this?`) is about its story: the
        # sentence before it counts in full, the rest as much as a lead, analysed.
        thin = reading.lead and _thin(words)
        if reading.lead:
            weight = 1.0 if thin else _understand.LEAD_WEIGHT
            for text, name in _query_words(reading.lead):
                if text not in seen:
                    seen.add(text)
                    words.append((self.word(text), name, weight))
        if reading.context:
            words.extend(self._context(reading.context, seen, analysed=bool(thin)))
        # The side of a matter the message is on (who pays, who is paid, who writes to
        # whom) adds the words that say it: some as the message's own, some to rank only.
        if thin:
            cues = _text.fold(f"{reading.context} {reading.lead} {reading.asks}".lower())
        leaning = _understand.leanings(cues)
        for text in leaning.says:
            if text not in seen:
                seen.add(text)
                words.append((self.word(text), False, 1.0))
        ranking = [
            (self.word(text), False, _LEANING_WEIGHT * count)
            for text, count in Counter(leaning.ranks).items()
            if text not in seen
        ]
        story = f"{reading.lead} {reading.context}" if reading.lead else reading.context
        asked = f"{reading.asks} {reading.lead}" if reading.lead else reading.asks
        return _Query(words, reading.cues, story, self.covered, leaning=ranking, asked=asked)

    def _context(
        self, context: str, seen: set[str], *, analysed: bool = False
    ) -> list[tuple[_Word, bool, float]]:
        """Return the words of a long message's *context* that count: the FAQ's, as written.

        A context word is looked up, not analysed, so a long story costs little; with
        *analysed* (the question says little itself), its words are analysed as the
        question's are, and count as much as a lead, at most :data:`_MAX_QUERY_WORDS`.
        """
        found: list[tuple[_Word, bool, float]] = []
        if analysed:
            for text, name in _query_words(context):
                if text not in seen:
                    found.append((self.word(text), name, _understand.LEAD_WEIGHT))
            return found
        known = self._known
        for text in dict.fromkeys(_CONTEXT_WORD.findall(context.lower())):
            if text not in seen and text in known and not _text.is_stop(text):
                found.append((self.word(text), False, _understand.CONTEXT_WEIGHT))
                if len(found) >= _MAX_QUERY_WORDS:
                    break
        if len(found) > _CONTEXT_BUDGET:
            # A long story's many words together weigh as much as _CONTEXT_BUDGET of them: a
            # story never outweighs the question it leads to.
            share = _understand.CONTEXT_WEIGHT * _CONTEXT_BUDGET / len(found)
            found = [(word, name, share) for word, name, _ in found]
        return found

    def _prefixed(self, focused: list[tuple[str, bool]], asks: str) -> list[tuple[str, bool]]:
        """Return *focused* with each verb whose prefix stands after it joined to it.

        Hungarian puts a verbal prefix after its verb (`vonják le`, `állíthatom át`): the verb
        alone is unknown, joined (`levonják`, `átállíthatom`) it is the FAQ's word.
        """
        if " " not in asks:
            return focused
        folded = _text.fold(asks.lower())
        if _PREFIX_GAP.search(folded) is None:
            return focused
        joined: dict[str, str] = {}
        for verb, prefix in _PREFIX_AFTER.findall(folded):
            word = prefix + verb
            # the joined word's terms start as it does: not a likeness (`megtanul`, `megtalál`)
            if not self.word(verb).both.scores and any(
                term.startswith(word[: len(prefix) + 3]) for term in self.word(word).both.terms
            ):
                joined[verb] = word
        if not joined:
            return focused
        return [(joined.get(_text.fold(text.lower()), text), name) for text, name in focused]

    def _distinct(self, focused: list[tuple[str, bool]]) -> list[tuple[_Word, bool, float]]:
        """Return the analysed *focused* words; two forms of one word (`DM-ezni`) count once."""
        words = []
        counted: set[tuple[str, ...]] = set()
        vocabulary = self._vocabulary_words
        for text, name in focused:
            word = vocabulary.get(text) or self.word(text)
            terms = word.both.terms
            if terms:
                if terms in counted:
                    continue
                counted.add(terms)
            words.append((word, name, 1.0))
        return words

    def best(self, query: _Query | str, langs: tuple[str, ...]) -> dict[int, tuple[float, str]]:
        """Return entry number -> (score, language) of every hit of *query* in *langs*."""
        if isinstance(query, str):
            query = self.understand(query)
        found = self._best(query.words, langs, query.leaning)
        if any(word.misspelt for word, _, _ in query.words) and not _decided(found):
            # Nothing found, or no clear winner: the words known in no language may be
            # misspelt ones that decide.
            words = [
                (self.spelt(word.misspelt) if word.misspelt else word, name, weight)
                for word, name, weight in query.words
            ]
            found = self._best(words, langs, query.leaning)
        return found

    def _best(
        self,
        words: list[tuple[_Word, bool, float]],
        langs: tuple[str, ...],
        leaning: list[tuple[_Word, bool, float]] | None = None,
    ) -> dict[int, tuple[float, str]]:
        """Return entry number -> (score, language) of every hit of *words* in *langs*.

        The *leaning* words count in the scores, not in :func:`_on_topic`, nor in which
        language a pass over both is labelled with.
        """
        best: dict[int, tuple[float, str]] = {}
        if not words:
            return best
        named = any(word.company for word, _, _ in words)
        if len(langs) > 1:
            code, scored = _both(words)
            passes = [(code, scored, _both(leaning)[1] if leaning else [])]
        else:
            number = _LANGUAGE_NUMBER[langs[0]]
            passes = [
                (
                    langs[0],
                    [(word.per_lang[number], name, weight) for word, name, weight in words],
                    [(word.per_lang[number], name, weight) for word, name, weight in leaning or ()],
                )
            ]
        idf_max = max(index.idf_max for index in self.indexes)
        for code, scored, added in passes:
            totals = _totals(scored)
            if not _on_topic(scored, idf_max, named=named, totals=totals):
                continue
            if added:
                totals = _totals(added, totals)
            for entry, value in totals.items():
                if value >= MIN_SCORE and value > best.get(entry, (0.0, ""))[0]:
                    best[entry] = (value, code)
        return best

    def label_for(self, query: _Query, reading: int) -> int:
        """Return what *query* asks: the search's *reading*, unless the classifier overrules it.

        *reading* is an entry's number, :data:`HANDED_OFF` or :data:`NOT_ABOUT_FIVERR`. The
        classifier (:mod:`._model`) overrules it when it serves this FAQ, knows a piece of
        the question, scores *reading* below :data:`OVERRULE`, and scores its own best label
        (the first of a tie) at least :data:`CONFIDENT`: then that label is the answer,
        except that an off-topic reading is never handed off, and an entry reading of a
        :meth:`plain` message is never called off-topic. It is not asked about another
        named service's own matter (step 1): ``eBay vásárlói díj`` stays off-topic.
        """
        if reading == NOT_ABOUT_FIVERR and query.topic.elsewhere:
            return reading
        model = self._classifier
        if model is False:
            found = _model.classifier()
            model = self._classifier = (
                found if found is not None and found.serves(self.faq) else None
            )
        if not isinstance(model, _model.Classifier):
            return reading
        scores = model.scores(query.asked)
        if scores is None:
            return reading
        # The classifier's labels: the entries in the FAQ's order, then handoff, off_topic.
        entries = len(self.faq)
        columns = {HANDED_OFF: entries, NOT_ABOUT_FIVERR: entries + 1}
        if scores[columns.get(reading, reading)] >= OVERRULE:
            return reading
        best = max(range(len(scores)), key=scores.__getitem__)
        if (
            scores[best] < CONFIDENT
            # A hand-off is for a message about Fiverr, which the words have judged it is not.
            or (reading == NOT_ABOUT_FIVERR and best == entries)
            # Nothing in it is from elsewhere: in the company's chat, it asks the company.
            or (reading >= 0 and best == entries + 1 and self.plain(query))
        ):
            return reading
        return best if best < entries else (HANDED_OFF if best == entries else NOT_ABOUT_FIVERR)

    def plain(self, query: _Query) -> bool:
        """Tell whether what *query* asks is the FAQ's words only, and names no service.

        Each of its words is known to the index, or is a misspelling of a known word
        (`contakt`) or of a question word; a number the FAQ does not have is not (a sum asked
        about for itself is not the company's). And it names no service, app or device,
        unless it names the company too (:attr:`_understand.Topic.service`). In the
        company's support chat, such a message (``fees?``, ``élő ember kell``) asks the
        company. What it asks: its asking sentences and the one before a short question (the
        words of a long message's story are looked up only if the index knows them).
        """
        if query.topic.service:
            return False
        for word, _, _ in query.words:
            if word.misspelt:
                spelt = self.spelt(word.misspelt).both
                if word.misspelt.isdigit() or not (spelt.scores or spelt.light):
                    return False
        return True

    def passage(self, query: _Query, number: int, lang: str) -> str:
        """Return the passage of entry *number*'s answer in *lang* that best answers *query*.

        The passage whose terms weigh most (each term of the query weighing the IDF of its
        word; the first on a tie), and the next one if it shares a term with the query.
        """
        code = _LANGUAGE_NUMBER[lang]
        texts, where = self.passages[code][number]
        if len(texts) == 1:
            return texts[0]
        marks = [0.0] * len(texts)
        seen: set[str] = set()
        for word, _, weight in query.words:
            if word.company:  # the company's name is everywhere: it picks no passage
                continue
            score = word.per_lang[code]
            for term in score.terms:
                if term not in seen:
                    seen.add(term)
                    for at in where.get(term, ()):
                        marks[at] += weight * score.idf
        first = max(range(len(marks)), key=lambda at: (marks[at], -at))
        if first + 1 < len(marks) and marks[first + 1] > 0.0:
            return texts[first] + " " + texts[first + 1]
        return texts[first]

    def _word(self, word: str, *, spell: bool = False) -> _Word:
        """Return the analysis of the query word *word*; with *spell*, as a misspelling."""
        if not spell:
            known = self._vocabulary_words.get(word)
            if known is not None:
                return known
        folded = _text.fold_uncached(word)  # the word's analysis is cached: its folding need not
        company = self.company
        is_company = bool(company) and (
            folded.startswith(company)
            or (
                folded[:1] == company[:1]
                and len(folded) >= 4
                and _text.edit_distance(folded, company, 2) <= 2
            )
        )
        gates: list[bool] | None = None
        if not is_company and word not in self._known:
            # No indexed term can come from the word (no stem of it, no FAQ word it is with
            # an ending added): it is a synonym, or unknown, and costs no more lookups.
            gates = [index.possible(folded) for index in self.indexes]
            possible = True in gates
            # A word the FAQ's texts have with an ending added (`kosárban`, `passwordomat`,
            # `supportnak`): that word, looked up, not stemmed.
            base = self._alternative(folded) if possible else None
            if base is not None:
                return base
            # A colloquial word the FAQ does not use stands for its word (`átír`: `módosít`).
            for other in _understand.synonyms(folded):
                return self._plain(other, _text.fold(other), is_company=False, spell=spell)
            # A compound ending in a word the FAQ's texts have (`márkaneve`: `neve`), when
            # no stem of the word itself can be the FAQ's.
            tail = None if possible else self._tail(folded)
            if tail is not None:
                return self._plain(tail, tail, is_company=False, spell=spell)
            if not possible and not spell:
                return self._unknown_word(word, folded)
        return self._plain(word, folded, is_company=is_company, spell=spell, gates=gates)

    def _tail(self, folded: str) -> str | None:
        """Return the longest end of the compound *folded* that the FAQ's texts have.

        A word of :data:`_COMPOUND` letters or more, an end of :data:`_COMPOUND_PART` or more
        after a start of as many; ``None`` if none is the FAQ's (a stop word never is).
        """
        if len(folded) < _COMPOUND or not folded.isalpha():
            return None
        known = self._known
        for at in range(_COMPOUND_PART, len(folded) - _COMPOUND_PART + 1):
            tail = folded[at:]
            if tail in known and not _text.is_stop(tail):
                return tail
        return None

    def _unknown_word(self, word: str, folded: str) -> _Word:
        """Return the :class:`_Word` of *word*, known in no language: a misspelling to look up.

        What :func:`_new_word` makes of the indexes' unknown scores, built directly: no
        language's IDF beats the first's (all are 0), and none is known.
        """
        per_lang = self._unknown_scores
        verbal = _VERBAL.search(folded) is not None
        if word.isdigit() or verbal or any(folded in index.light_words for index in self.indexes):
            light = word.isdigit() or verbal
            per_lang = tuple(
                index.unknown(light=light or folded in index.light_words) for index in self.indexes
            )
        # A question word of either language (`which`, `hány`) is one in a message of both.
        both = next((score for score in per_lang if score.light), per_lang[0])
        return _Word(per_lang, company=False, both=both, lang=0, misspelt=word)

    def _spelt(self, word: str) -> _Word:
        """Return the analysis of *word* as a misspelling: a word :meth:`word` found unknown.

        What ``_word(word, spell=True)`` gives for such a word (not the company's name, no
        alternative, no synonym, known in no language), without analysing it again.
        """
        folded = _text.fold(word)
        misspelt = self._misspelt(word, folded, is_company=False)
        if isinstance(misspelt, _Word):
            return misspelt
        return _new_word(
            tuple(
                found or index.word_score(word, folded, {})
                for index, found in zip(self.indexes, misspelt or (), strict=True)
            )
            if misspelt
            else tuple(index.word_score(word, folded, {}) for index in self.indexes),
            company=False,
        )

    def _plain(
        self,
        word: str,
        folded: str,
        *,
        is_company: bool,
        spell: bool,
        gates: list[bool] | None = None,
    ) -> _Word:
        """Return the analysis of *word* itself (no synonyms); with *spell*, as a misspelling.

        *gates*: per index, :meth:`_Index.possible` of *folded*, when the caller has them.
        """
        if is_company and word not in self._known:
            # The company's name misspelt or inflected (`fiver`, `fivverre`) is the name,
            # not the usernames that start like it (`Fiverr_365`).
            inflected = folded.startswith(self.company)
            scores: list[_WordScore | None] = [
                index.score(self.company, self.company) if inflected else None
                for index in self.indexes
            ]
        elif gates is None:
            scores = [index.score(word, folded) for index in self.indexes]
        else:
            scores = [
                index.score(word, folded, gate=gate)
                for index, gate in zip(self.indexes, gates, strict=True)
            ]
        if scores.count(None) == len(scores) and not is_company and not spell:
            # Known in no language (a word known in one is not a misspelling): it is looked
            # up as a misspelling only if the query finds nothing without it.
            return self._unknown_word(word, folded)
        if scores.count(None) == len(scores):
            misspelt = self._misspelt(word, folded, is_company=is_company)
            if isinstance(misspelt, _Word):
                return misspelt
            scores = misspelt or scores
        per_lang = []
        for index, found in zip(self.indexes, scores, strict=True):
            score = found or index.word_score(
                word, folded, index.company_terms if is_company else {}
            )
            if is_company:  # the company's name says what a question is about: for the
                # share of the question the FAQ knows, it weighs as much as the rarest word
                score = score._replace(idf=max(score.idf, index.idf_max))
            per_lang.append(score)
        return _new_word(tuple(per_lang), company=is_company)

    def _misspelt(
        self, word: str, folded: str, *, is_company: bool
    ) -> _Word | list[_WordScore | None] | None:
        """Return what *word*, known in no language, is as a misspelling: ``None`` if nothing.

        A misspelt stop word says nothing (`realy`); a misspelt question word is the question
        word (`whta`); a misspelt indexed word, the closest indexed words (per-language
        scores), a word of four letters only for two swapped letters (`hlep`) or one missing
        (`byer`).
        """
        keys = _spelling_keys(folded)
        if not is_company and _text.near_stop(folded, keys):
            return _new_word(
                tuple(index.unknown(light=True) for index in self.indexes), company=False
            )
        candidates = self._spelling.candidates(folded, keys) if keys else {}
        if not candidates and (question := _text.near_light(folded, keys)) is not None:
            return self.word(question)
        if not candidates and len(folded) == _MIN_FUZZY - 1 and folded.isalpha():
            candidates = {
                other: 1
                for other in (*_text.swaps(folded), *self._spelling.missing_one(folded))
                if any(other in index.surface for index in self.indexes)
            }
        if not candidates:
            return None
        return [index.spelt(word, folded, candidates) for index in self.indexes]

    def _alternative(self, folded: str) -> _Word | None:
        """Return the analysis of the first of *folded*'s alternatives the FAQ's texts have.

        The words it may be with a Hungarian ending removed
        (:func:`~fiverr_support_kb.faq._understand.loanword_stems`): each is looked up in
        the analysis of the FAQ's words, not stemmed nor corrected. Each alternative starts
        *folded* and has two letters or more: a word no such word of the FAQ starts has none
        (one of two or three letters, or the first four of a longer one).
        """
        heads = self._known_start
        if heads is None:  # benign race: every thread makes the same sets
            heads = self._known_start = (
                frozenset(word for word in self._known if len(word) == 2),
                frozenset(word for word in self._known if len(word) == 3),
                frozenset(word[:4] for word in self._known if len(word) >= 4),
            )
        if folded[:2] not in heads[0] and folded[:3] not in heads[1] and folded[:4] not in heads[2]:
            return None
        for other in _understand.loanword_stems(folded):
            if other in self._known:
                return self._plain(other, other, is_company=False, spell=False)
        return None


def _spelling_keys(word: str) -> set[str]:
    """Return the deletion keys a misspelling of *word* is looked up by; none if too short."""
    if len(word) < _MIN_FUZZY or not word.isalpha():
        return set()
    return _text.deletes(word, 2 if len(word) >= _LONG_WORD else 1)


class _Spelling:
    """A deletion index over the indexed words, to find a misspelt word's closest ones.

    Two words within edit distance d share a string made by deleting up to d letters of
    each; a word of 8 letters or more is keyed by deleting up to 2 of its letters, a shorter
    one up to 1. The keys of one deletion are made first (a few milliseconds): they find
    everything a short misspelt word needs. The keys of two deletions, five times as many,
    are made for the long words of one length when a misspelt word first needs them (a word
    and its misspelling differ in length by at most the distance). Each part is built once,
    under a lock.
    """

    __slots__ = ("_far", "_lock", "_near", "_words")

    def __init__(self, words: Callable[[], Iterable[str]]) -> None:
        self._words = words
        self._lock = threading.Lock()
        self._near: dict[str, list[str]] | None = None
        # Word length -> the keys of two deletions of the long words of that length.
        self._far: dict[int, dict[str, list[str]]] = {}

    def candidates(self, word: str, keys: Iterable[str]) -> dict[str, int]:
        """Return the indexed words within edit distance 1 (2 if *word* is long) of *word*.

        *keys* are the word's deletion keys (:func:`_spelling_keys`).
        """
        depth = 2 if len(word) >= _LONG_WORD else 1
        near = self._near_index()
        # The keys of two deletions of the long words of each length a key can come from.
        far = (
            {size: self._far_index(size) for size in range(len(word), len(word) + 3)}
            if depth == 2
            else {}
        )
        # Only the keys the indexes have are read (a set intersection, at C speed): a key
        # of two deletions of a longer word is in the part of that word's length, and only
        # keys of that length are there.
        wanted = keys if isinstance(keys, (set, frozenset)) else set(keys)
        found: dict[str, int] = {}
        for part in (near, *far.values()):
            for key in part.keys() & wanted:
                for candidate in part[key]:
                    if candidate not in found:
                        found[candidate] = _text.edit_distance(word, candidate, depth)
        return {candidate: d for candidate, d in found.items() if d <= depth}

    def missing_one(self, word: str) -> list[str]:
        """Return the indexed words that are *word* with one more letter (`byer`: `buyer`)."""
        return [other for other in self._near_index().get(word, ()) if len(other) == len(word) + 1]

    def _near_index(self) -> dict[str, list[str]]:
        """Return the keys of one deletion of every word, built on the first call."""
        index = self._near
        if index is None:
            with self._lock:
                if self._near is None:
                    self._near = self._build(
                        (word, _text.deletes(word, 1)) for word in self._fuzzy_words()
                    )
                index = self._near
        return index

    def _far_index(self, size: int) -> dict[str, list[str]]:
        """Return the keys of two deletions of the long words of *size* letters."""
        index = self._far.get(size)
        if index is None:
            with self._lock:
                if size not in self._far:
                    self._far[size] = self._build(
                        (word, _text.double_deletes(word))
                        for word in self._fuzzy_words()
                        if len(word) == size
                    )
                index = self._far[size]
        return index

    def _fuzzy_words(self) -> list[str]:
        """Return the indexed words spelling correction may suggest, sorted."""
        return sorted(w for w in self._words() if len(w) >= _MIN_FUZZY and w.isalpha())

    @staticmethod
    def _build(keyed: Iterable[tuple[str, set[str]]]) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        add = index.setdefault
        for word, keys in keyed:
            for key in keys:
                add(key, []).append(word)
        return index


# All bytes but ASCII capitals, and all but ASCII small letters: deleted to count the others.
_NOT_UPPER: Final = bytes(set(range(256)) - set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
_NOT_LOWER: Final = bytes(set(range(256)) - set(b"abcdefghijklmnopqrstuvwxyz"))


def _shouted(query: str) -> bool:
    """Tell whether *query* has more capital letters than small ones."""
    if query.isascii():
        raw = query.encode()
        return len(raw.translate(None, _NOT_UPPER)) > len(raw.translate(None, _NOT_LOWER))
    return sum(map(str.isupper, query)) > sum(map(str.islower, query))


def _query_words(query: str) -> list[tuple[str, bool]]:
    """Return the distinct words of *query* that count, each with whether it is a name."""
    query = query[:MAX_QUERY_CHARS]
    found: dict[str, bool] = {}
    shouted: bool | None = None
    is_stop = _text.is_stop
    stop_forms = _text.STOP_FORMS  # most stop words, without a call
    for text, capitalised in _text.words(query):
        word = text[:_MAX_WORD_CHARS]
        if word in found or word in stop_forms or is_stop(word):
            continue
        if capitalised and shouted is None:  # in a shouted query, capitals mark no names
            shouted = _shouted(query)
        found[word] = capitalised and not shouted
        if len(found) >= _MAX_QUERY_WORDS:
            break
    return list(found.items())


# A word of a long message's context, lower-cased (looked up as written).
_CONTEXT_WORD: Final = re.compile(r"[^\W_]+")


# --- the packaged, precomputed index ------------------------------------------------------


def _company_word(name: str) -> str:
    """Return the company's name as the index knows it: its first word, accent-folded."""
    # `Fiverr` (of `Fiverr International` too).
    return next((_text.fold(word) for word, _ in _text.words(name)), "")


def _index_file(faq: tuple[FaqEntry, ...], company_name: str) -> dict[str, Any]:
    """Return the search index of *faq* as the plain data :data:`_INDEX_FILE` holds.

    Everything is analysed with the stemmer (no precomputed table): this is what
    ``scripts/generate_search_index.py`` writes, and what tests compare the shipped file to.
    """
    company = _company_word(company_name)
    analysis = {lang: _analysis_table(faq, lang) for lang in LANGUAGES}
    return {
        "ids": [entry.id for entry in faq],
        "company": company,
        "index": {
            lang: _index_data(faq, lang, company, _Analysis(lang, analysis[lang]))
            for lang in LANGUAGES
        },
        "analysis": analysis,
    }


class _Packaged:
    """The precomputed index of the packaged knowledge base (:data:`_INDEX_FILE`).

    With the analysis of every word of its texts, which serves any knowledge base. Loaded
    once per process, and shared.
    """

    __slots__ = ("company", "ids", "indexes", "spelling", "tables")

    def __init__(self, data: Mapping[str, Any]) -> None:
        analysis = data.get("analysis", {})
        #: Per language: the analysis of every word of the packaged texts.
        self.tables = {lang: _Analysis(lang, analysis.get(lang, {})) for lang in LANGUAGES}
        self.ids: list[str] | None = data.get("ids")
        self.company: str | None = data.get("company")
        index = data.get("index")
        self.indexes = (
            None
            if index is None
            else tuple(_Index(index[lang], lang, self.tables[lang]) for lang in LANGUAGES)
        )
        self.spelling = _Spelling(self._surface)

    def _surface(self) -> set[str]:
        return {word for index in self.indexes or () for word in index.surface}

    def fits(self, faq: tuple[FaqEntry, ...], company: str) -> bool:
        """Tell whether the precomputed index is the index of *faq*."""
        from fiverr_support_kb import _snapshot  # noqa: PLC0415 - keeps import light

        if self.indexes is None or self.company != company:
            return False
        if self.ids != [entry.id for entry in faq]:
            return False
        return faq is _snapshot.FAQ or faq == _snapshot.FAQ


@once
def _packaged_index() -> _Packaged:
    """Return the packaged index, read on the first call."""
    try:
        return _Packaged(_packaged_data())
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        # A damaged file: the index is an aid, so search indexes at run time.
        return _Packaged({})


def _packaged_data() -> dict[str, Any]:
    """Return the packaged index: its generated module if it is there, else the JSON file.

    ``_index_data`` holds the file's JSON text as a Python literal (made by
    ``scripts/generate_search_index.py``, proved equal by the tests): its bytecode loads several
    times faster than ``json`` decodes the text.
    """
    import importlib  # noqa: PLC0415 - only on the first search

    try:
        data = importlib.import_module("fiverr_support_kb.faq._index_data").INDEX
    except ImportError:
        return _read_packaged()
    if not isinstance(data, dict) or data.get("format") != _INDEX_FORMAT:
        return _read_packaged()
    return data


def _read_packaged() -> dict[str, Any]:
    """Return the contents of :data:`_INDEX_FILE`; ``{}`` if it is missing or of another format.

    Raises:
        ValueError: the file is not valid JSON.
    """
    # pkgutil rather than importlib.resources, which costs ~15 ms of imports on a cold start.
    import json  # noqa: PLC0415 - only on the first search
    import pkgutil  # noqa: PLC0415 - only on the first search

    try:
        raw = pkgutil.get_data("fiverr_support_kb", f"data/{_INDEX_FILE}")
    except OSError:
        return {}
    # Plain json.loads, at C speed: the file is generated (tests prove it is the generator's
    # output), so the strict loader's duplicate-key hook, a third of the time, checks nothing.
    data = json.loads(raw or b"{}")
    if not isinstance(data, dict) or data.get("format") != _INDEX_FORMAT:
        return {}
    return data


def _build(faq: tuple[FaqEntry, ...], company_name: str) -> _SearchIndex:
    """Return the search index of *faq*: the precomputed one if it is the packaged FAQ."""
    packaged = _packaged_index()
    company = _company_word(company_name)
    if packaged.indexes is not None and packaged.fits(faq, company):
        return _SearchIndex(faq, company, packaged.indexes, packaged.spelling)
    return _runtime_index(faq, company_name)


def _runtime_index(faq: tuple[FaqEntry, ...], company_name: str) -> _SearchIndex:
    """Return the search index of *faq*, analysed now (the packaged table helps)."""
    company = _company_word(company_name)
    tables = _packaged_index().tables
    indexes = tuple(
        _Index(_index_data(faq, lang, company, tables[lang]), lang, tables[lang])
        for lang in LANGUAGES
    )
    spelling = _Spelling(lambda: {word for index in indexes for word in index.surface})
    return _SearchIndex(faq, company, indexes, spelling)


# --- the public function ----------------------------------------------------------------------


def _shown(number: int) -> str:
    """Return *number* as written, whatever its size or type's ``__str__`` does."""
    try:
        return int.__repr__(number)
    except ValueError:  # more digits than an int-to-str conversion allows
        return "a number too long to show"


def search_entries(  # noqa: PLR0913 - the query, the FAQ and its memo, and the options
    query: str,
    faq: tuple[FaqEntry, ...],
    company_name: str,
    memo: Memo,
    *,
    lang: str | None = None,
    limit: int = 3,
) -> list[SearchHit]:
    """Return the entries of *faq* that answer *query*, best first; ``[]`` if none does.

    *memo* keeps the index of *faq* (built on the first search); see
    :func:`fiverr_support_kb.search` for the arguments and what is raised.
    """
    if not isinstance(query, str):
        raise ArgumentTypeError(f"query must be text (a str), not {describe_type(query)}")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise ArgumentTypeError(
            f"limit must be a whole number (an int) of at least 1, not {describe_type(limit)}"
        )
    # Plain values: a subclass's own methods (slicing, split, comparisons, __index__) never
    # decide what is searched for or how many hits are returned.
    query = str.__str__(query)
    limit = int.__index__(limit)
    if limit < 1:
        raise InvalidArgumentError(f"limit must be at least 1, got {_shown(limit)}")
    langs = LANGUAGES if lang is None else (normalize_language(lang),)
    index = search_index(faq, company_name, memo)
    return decide(index, index.understand(query), query, langs, limit)[1]


def decide(
    index: _SearchIndex, query: _Query, message: str, langs: tuple[str, ...], limit: int
) -> tuple[str, list[SearchHit]]:
    """Return what to do with the understood *message*, and its hits (at most *limit*).

    :data:`FAQ` and its hits, the entry that answers first, then the others best first; or
    :data:`HANDOFF` (a Fiverr matter no entry answers) or :data:`OFF_TOPIC`, and no hits.
    The search reads the message first (:func:`reading`, steps 1 to 5 of the decision rule
    of :mod:`._answer`), then the classifier may overrule it
    (:meth:`_SearchIndex.label_for`), unless the search is sure of an entry (or step 1
    decided, as that method says). The decision depends on neither *langs* nor *limit*.
    """
    read, hits, sure = reading(index, query, message, limit)
    label = read if sure else index.label_for(query, read)
    if label == HANDED_OFF:
        return HANDOFF, []
    if label == NOT_ABOUT_FIVERR:
        return OFF_TOPIC, []
    if label == read and hits is not None and langs == LANGUAGES:
        return FAQ, _in_language(index, query, hits[:limit], message)
    # The entry decided first (in *langs*, scored there), then the search's others in *langs*.
    best = index.best(query, langs)
    score, code = best.pop(label, (0.0, ""))
    lang = code or (langs[0] if len(langs) == 1 else _understand.message_language(message))
    first = SearchHit(
        entry=index.faq[label], score=score, lang=lang, passage=index.passage(query, label, lang)
    )
    found = [first, *_hits(index, query, best, limit - 1)]
    return FAQ, found if len(langs) == 1 else _in_language(index, query, found, message)


def _in_language(
    index: _SearchIndex, query: _Query, hits: list[SearchHit], message: str
) -> list[SearchHit]:
    """Return *hits*, scored in both languages, in *message*'s own language (their passages).

    When its words do not tell (as many Hungarian as English function words), the hits keep
    the language their words are best known in.
    """
    lang = _understand.message_language(message, tie="")
    if not lang:
        return hits
    return [
        hit
        if hit.lang == lang
        else attrs.evolve(
            hit, lang=lang, passage=index.passage(query, index.faq.index(hit.entry), lang)
        )
        for hit in hits
    ]


def reading(
    index: _SearchIndex, query: _Query, message: str, limit: int = 2
) -> tuple[int, list[SearchHit] | None, bool]:
    """Return the search's own reading of *message* (steps 1 to 5 of the decision rule).

    The reading is an entry's number (in the FAQ's order), :data:`HANDED_OFF` or
    :data:`NOT_ABOUT_FIVERR`; then the best *limit* hits (two at least) in both languages
    (``None`` if steps 1 or 2 decided before any was read), and whether the search is sure of
    the entry: its best hit :func:`outweighs` the next.
    """
    topic = query.topic
    if topic.elsewhere:
        return NOT_ABOUT_FIVERR, None, False  # another service's matter
    if topic.unanswered:
        return HANDED_OFF, None, False  # a Fiverr matter no entry answers
    # Read in both languages, whatever the search asks for: the decision is the message's own.
    # Two hits at least decide whether the best outweighs a mention, whatever the limit.
    hits = _hits(index, query, index.best(query, LANGUAGES), max(limit, 2))
    if topic.foreign and not outweighs(hits):
        return NOT_ABOUT_FIVERR, hits, False  # small talk, another device or service
    if hits:
        return index.faq.index(hits[0].entry), hits, outweighs(hits)
    if topic.named or _understand.about_fiverr(message):
        return HANDED_OFF, hits, False
    return NOT_ABOUT_FIVERR, hits, False


def outweighs(hits: list[SearchHit]) -> bool:
    """Tell whether the best of *hits* answers a message that mentions another device.

    It scores :data:`STRONG_SCORE` or more and :data:`_DECISIVE` times the next: a password
    question that mentions a laptop in passing is still a password question.
    """
    if not hits or hits[0].score < STRONG_SCORE:
        return False
    return len(hits) == 1 or hits[0].score >= _DECISIVE * hits[1].score


def search_index(faq: tuple[FaqEntry, ...], company_name: str, memo: Memo) -> _SearchIndex:
    """Return the search index of *faq*, kept in *memo* (built on the first call)."""
    index: _SearchIndex = memo.get("search_index", functools.partial(_build, faq, company_name))
    return index


def _hits(
    index: _SearchIndex, query: _Query, best: dict[int, tuple[float, str]], limit: int
) -> list[SearchHit]:
    """Return the best *limit* of the hits *best* of *query*, best first, with passages."""
    # Best first; equal scores in the FAQ's order.
    ranked = sorted([(-score, number, code) for number, (score, code) in best.items()])
    return [
        SearchHit(
            entry=index.faq[number],
            score=-negated,
            lang=code,
            passage=index.passage(query, number, code),
        )
        for negated, number, code in ranked[:limit]
    ]
