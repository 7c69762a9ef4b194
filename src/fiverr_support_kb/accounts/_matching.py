"""Matching primitives for the username checks: keys with origins, alignment, word regexes.

Everything here works on *keys* (see :mod:`~fiverr_support_kb.accounts._confusables`): short
strings of folded letters. The alignment is quadratic and only ever runs on keys of bounded
length; the regexes run on keys of any length in linear time.

>>> align("fiverrcarex", "fiverrcare", semi=True, limit=2)[:3]
(0, 0, 10)
>>> align("fievrrcare", "fiverrcare", semi=False, limit=2).ops[2]
('x', 2, 2)
"""

from __future__ import annotations

import re
import sys
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from fiverr_support_kb._memo import Memo
from fiverr_support_kb.accounts._confusables import DIGRAPHS, CharKind, fold_digraphs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from fiverr_support_kb.accounts._confusables import CharInfo, Confusables
    from fiverr_support_kb.models import OfficialAccount

__all__ = [
    "BRAND",
    "BUDGETS",
    "DIGITS",
    "DIGIT_ALIKE",
    "SHORTEST",
    "Alignment",
    "Form",
    "Letters",
    "Match",
    "Pieces",
    "PurposeHit",
    "StaffHit",
    "Target",
    "align",
    "bigrams",
    "brand_regexes",
    "brand_starts",
    "budget_of",
    "cap",
    "capped",
    "digraphs",
    "identity",
    "letter_counts",
    "make_target",
    "pieces",
    "segments",
    "separators",
    "substitute",
    "word_key",
    "words_regex",
]

#: A run of four or more equal characters, compiled on first use.
_RUN: Final = r"(.)\1{3,}"
_compiled = Memo()


def _run() -> re.Pattern[str]:
    return re.compile(_RUN, re.DOTALL)


class Pieces(NamedTuple):
    """A key with, for each of its characters, the span of the name it comes from."""

    key: str
    #: Index in the name of the first and of the last character behind each key character.
    first: tuple[int, ...]
    last: tuple[int, ...]

    def span(self, start: int, stop: int) -> tuple[int, int]:
        """Return the first and last name indexes behind key characters ``start:stop``."""
        return self.first[start], self.last[stop - 1]


def pieces(keys: Iterable[str]) -> Pieces:
    """Join the key texts of a name's characters, remembering where each letter comes from.

    >>> pieces(["f", "", "i"])
    Pieces(key='fi', first=(0, 2), last=(0, 2))
    """
    chars: list[str] = []
    first: list[int] = []
    for index, key in enumerate(keys):
        for ch in key:
            chars.append(ch)
            first.append(index)
    return Pieces("".join(chars), tuple(first), tuple(first))


def digraphs(found: Pieces) -> Pieces:
    """Fold :data:`DIGRAPHS` left to right as ``str.replace`` does, keeping the origins.

    >>> digraphs(pieces("rnrn"))
    Pieces(key='mm', first=(0, 2), last=(1, 3))
    """
    return substitute(found, DIGRAPHS)


def substitute(found: Pieces, pairs: Iterable[tuple[str, str]]) -> Pieces:
    """Replace each ``(old, new)`` of *pairs* in turn, as ``str.replace`` does, keeping origins.

    Every character of a *new* text comes from all the characters of the *old* one.

    >>> substitute(pieces("xab"), [("ab", "fiv")])
    Pieces(key='xfiv', first=(0, 1, 1, 1), last=(0, 2, 2, 2))
    """
    for old, new in pairs:
        if old not in found.key:
            continue
        chars: list[str] = []
        first: list[int] = []
        last: list[int] = []
        key, index = found.key, 0
        while index < len(key):
            if key.startswith(old, index):
                stop = index + len(old)
                chars.extend(new)
                first.extend([found.first[index]] * len(new))
                last.extend([found.last[stop - 1]] * len(new))
                index = stop
            else:
                chars.append(key[index])
                first.append(found.first[index])
                last.append(found.last[index])
                index += 1
        found = Pieces("".join(chars), tuple(first), tuple(last))
    return found


def separators(text: str, infos: Sequence[CharInfo], found: Pieces) -> tuple[tuple[str, int], ...]:
    """Return the separators before each key character and after the last, and where they start.

    *infos* are the classified characters of *text*, *found* their key pieces. Each entry is
    ``(separator characters, index of the first one)``, or ``("", -1)``.

    >>> from fiverr_support_kb.accounts._confusables import confusables
    >>> infos = [confusables().classify(ch) for ch in "ab-c"]
    >>> separators("ab-c", infos, pieces(info.key for info in infos))
    (('', -1), ('', -1), ('-', 2), ('', -1))
    """
    bounds = [-1, *found.last]
    stops = [*found.first, len(infos)]
    result: list[tuple[str, int]] = []
    for after, stop in zip(bounds, stops, strict=True):
        seps = [i for i in range(after + 1, stop) if infos[i].kind is CharKind.SEPARATOR]
        result.append(("".join(text[i] for i in seps), seps[0]) if seps else ("", -1))
    return tuple(result)


def cap(key: str) -> str:
    """Shorten runs of four or more equal characters to three, in linear time.

    Three, not two: a word's doubled letter and the next word's first one can make a run
    ("fiverr" + "refunds"), and the words must both still be found.

    >>> cap("fiiiiiverrrr")
    'fiiiverrr'
    """
    return _compiled.get("run", _run).sub(r"\1\1\1", key)


def capped(found: Pieces) -> Pieces:
    """Do what :func:`cap` does, keeping the origins.

    >>> capped(pieces("aaaab"))
    Pieces(key='aaab', first=(0, 1, 2, 4), last=(0, 1, 3, 4))
    """
    key = found.key
    keep = [
        k for k, ch in enumerate(key) if k < 3 or not ch == key[k - 1] == key[k - 2] == key[k - 3]
    ]
    if len(keep) == len(key):
        return found
    stops = [*keep[1:], len(key)]  # a kept character stands for the repeats dropped after it
    return Pieces(
        "".join(key[k] for k in keep),
        tuple(found.first[k] for k in keep),
        tuple(found.last[stop - 1] for stop in stops),
    )


class Alignment(NamedTuple):
    """How a key lines up with a pattern (an official key): the cost and the operations."""

    distance: int
    #: The part of the key aligned with the pattern; the rest is an affix.
    start: int
    stop: int
    #: ``(operation, key index, pattern index)``: ``=`` same, ``~`` replaced, ``+`` added,
    #: ``*`` repeated (free), ``-`` left out (the key index says before which key character),
    #: ``x`` two neighbours swapped (both indexes point at the first of the pair).
    ops: tuple[tuple[str, int, int], ...]


def identity(size: int, start: int = 0) -> Alignment:
    """Return the alignment of a pattern of *size* found unchanged at *start* of a key."""
    return Alignment(0, start, start + size, tuple(("=", start + k, k) for k in range(size)))


def align(
    text: str, pattern: str, *, semi: bool, limit: int, rigid: Mapping[int, str] | None = None
) -> Alignment | None:
    """Align *pattern* with all of *text*, or with its best substring when *semi*.

    The cost is the optimal string alignment distance (inserting, leaving out or replacing a
    character, or swapping two neighbours, costs 1), except that repeating the character just
    matched costs nothing ("fiverrr"). Returns ``None`` when the cost is above *limit*. Time
    and memory are O(len(text) * len(pattern)): for bounded keys only. The pattern characters
    at the indexes in *rigid* may be left out or swapped, and only replaced by the letters
    *rigid* gives them (a digit's lookalikes).

    >>> [op for op, _, _ in align("fiverrrcare", "fiverrcare", semi=False, limit=0).ops].count("*")
    1
    >>> align("xfiverrcare", "fiverrcare", semi=False, limit=0) is None
    True
    """
    n, m = len(text), len(pattern)
    replace = _replace_costs(m, limit, rigid or {})
    rows: list[list[int]] = [list(range(m + 1))]
    prev2 = rows[0]
    before = ""
    for i, t in enumerate(text, 1):
        prev = rows[-1]
        row = [0 if semi else i]
        left = row[0]
        for j, p in enumerate(pattern, 1):
            # Plain comparisons rather than min(): this is the inner loop.
            best = prev[j - 1] if t == p else prev[j - 1] + replace[j - 1].get(t, 1)
            cost = prev[j] if t == before == p else prev[j] + 1  # repeated or added
            if cost < best:  # noqa: PLR1730 - see above
                best = cost
            if left + 1 < best:  # noqa: PLR1730 - left out
                best = left + 1
            swapped = t != p and before == p and j >= 2 and t == pattern[j - 2]
            if swapped and prev2[j - 2] + 1 < best:
                best = prev2[j - 2] + 1
            row.append(best)
            left = best
        rows.append(row)
        prev2, before = prev, t
        if not semi and min(row) > limit:  # diagonals never decrease: no cell can recover
            return None
    # Semi: the lowest cost, then the longest alignment (trailing repeats are repeats).
    stop = min(range(n + 1), key=lambda i: (rows[i][m], -i)) if semi else n
    if rows[stop][m] > limit:
        return None
    return _trace(text, pattern, rows, stop, semi=semi, replace=replace)


class _Rigid(dict[str, int]):
    """The cost of replacing a rigid pattern character: 1 by an allowed letter, else too much."""

    __slots__ = ("cost",)

    def __init__(self, cost: int, allowed: str) -> None:
        super().__init__(dict.fromkeys(allowed, 1))
        self.cost = cost

    def __missing__(self, key: str) -> int:
        return self.cost

    def get(self, key: str, default: object = None) -> int:
        """Return the cost of replacing the character by *key*."""
        del default
        return self[key]


#: Replacing an ordinary pattern character costs one edit, whatever replaces it.
_ANY: Final[Mapping[str, int]] = {}


def _replace_costs(m: int, limit: int, rigid: Mapping[int, str]) -> list[Mapping[str, int]]:
    """Return, for each pattern index, the cost of replacing it by a letter (default 1)."""
    costs: list[Mapping[str, int]] = [_ANY] * m
    for j, allowed in rigid.items():
        costs[j] = _Rigid(limit + 1, allowed)
    return costs


def _trace(  # noqa: PLR0913 - the table and what it was computed from
    text: str,
    pattern: str,
    rows: list[list[int]],
    stop: int,
    *,
    semi: bool,
    replace: list[Mapping[str, int]],
) -> Alignment:
    """Walk the cost table back from ``(stop, len(pattern))`` to list the operations."""
    ops: list[tuple[str, int, int]] = []
    i, j = stop, len(pattern)
    while j > 0:
        cell = rows[i][j]
        if i > 0:
            t, p = text[i - 1], pattern[j - 1]
            if i >= 2 and t == text[i - 2] == p and cell == rows[i - 1][j]:
                ops.append(("*", i - 1, j - 1))  # a repeat rather than an affix or a match
                i -= 1
                continue
            if cell == rows[i - 1][j - 1] + (replace[j - 1].get(t, 1) if t != p else 0):
                ops.append(("=" if t == p else "~", i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
            if (
                i >= 2
                and j >= 2
                and t != p
                and t == pattern[j - 2]
                and text[i - 2] == p
                and cell == rows[i - 2][j - 2] + 1
            ):
                ops.append(("x", i - 2, j - 2))
                i, j = i - 2, j - 2
                continue
            if cell == rows[i - 1][j] + 1:
                ops.append(("+", i - 1, j - 1))
                i -= 1
                continue
        ops.append(("-", i, j - 1))
        j -= 1
    start = i
    if not semi:
        ops.extend(("+", k, -1) for k in range(i - 1, -1, -1))
        start = 0
    ops.reverse()
    return Alignment(rows[stop][len(pattern)], start, stop, tuple(ops))


def trie(sequences: Iterable[Sequence[str]]) -> str:
    """Return a regex matching any of *sequences* of regex fragments, factored like a trie.

    Python's ``re`` tries the alternatives of ``a|b|c`` one after the other; sharing prefixes
    keeps a search over a long text to a few steps per position.

    >>> trie(["team", "tea", "help"])
    '(?:help|tea(?:m)?)'
    """
    tree: dict[str, Any] = {}
    for sequence in sequences:
        node = tree
        for fragment in sequence:
            node = node.setdefault(fragment, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        options = [fragment + render(child) for fragment, child in sorted(node.items()) if fragment]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(tree)


def words_regex(words: Iterable[str]) -> str:
    """Return a :func:`trie` regex matching any of the literal *words*."""
    return trie([re.escape(ch) for ch in word] for word in words)


def brand_regexes(brand: str) -> tuple[str, str]:
    """Return regexes for *brand* misspelt by one edit at most, letters doubled: (any, strong).

    The first letter stays (an ``f`` may also be ``ph``); one letter may be inserted, left
    out, replaced or swapped with its neighbour; any letter may be repeated (up to three
    times, as in a :func:`cap` key): "fivver",
    "feverr", "fiiverr", "phiverr", but also "fiver" and "fivers". The *strong* spellings have
    a doubled letter or a "ph", the marks of the brand; the others are ordinary words too.

    >>> any_brand, strong = brand_regexes("fiverr")
    >>> [bool(re.fullmatch(strong, word)) for word in ("fivver", "feverr", "fiver", "fever")]
    [True, True, False, False]
    >>> [bool(re.fullmatch(any_brand, word)) for word in ("fiver", "fivers", "fever")]
    [True, True, False]
    """
    # Each variant is a list of fragments: a letter (which may be doubled) or a class for the
    # edited character that excludes the letters around it, so that a text matches through as
    # few paths as possible (a failed search then backtracks little).
    letters = [re.escape(ch) for ch in brand]
    variants: set[tuple[str, ...]] = {tuple(letters)}
    for k in range(1, len(brand)):
        around = "".join(sorted({brand[k - 1], brand[k]}))
        variants.add((*letters[:k], f"[^{re.escape(around)}]", *letters[k:]))  # insertion
        variants.add((*letters[:k], f"[^{re.escape(brand[k])}]", *letters[k + 1 :]))  # replaced
        variants.add((*letters[:k], *letters[k + 1 :]))  # left out
        if k < len(brand) - 1 and brand[k] != brand[k + 1]:
            variants.add((*letters[:k], letters[k + 1], letters[k], *letters[k + 2 :]))  # swap
    tails = sorted(variant[1:] for variant in variants)

    def fragments(tail: tuple[str, ...], doubled: int = -1) -> list[str]:
        return [
            part if part.startswith("[") else part + ("{2,3}" if k == doubled else "{1,3}")
            for k, part in enumerate(tail)
        ]

    def has_double(tail: tuple[str, ...]) -> bool:
        return any(a == b and not a.startswith("[") for a, b in pairwise(tail))

    any_tail = trie(fragments(tail) for tail in tails)
    strong_tails = [fragments(tail) for tail in tails if has_double(tail)]
    strong_tails += [
        fragments(tail, k) for tail in tails for k, part in enumerate(tail) if part[0] != "["
    ]
    first = letters[0]
    ph = "|ph" if brand.startswith("f") else ""
    any_brand = f"(?:{first}{{1,3}}{ph}){any_tail}"
    strong = f"(?:{first}{trie(strong_tails)}|(?:{first}{{2,3}}{ph}){any_tail})"
    return any_brand, strong


def brand_starts(brand: str) -> tuple[str, ...]:
    """Return the texts one of which starts every match of the :func:`brand_regexes` of *brand*.

    A key that contains none of them holds no brand, which spares the regexes (and compiling
    them) for most names.

    >>> brand_starts("fiverr")
    ('f', 'ph')
    """
    return (brand[0], "ph") if brand.startswith("f") else (brand[0],)


def segments(text: str, words: frozenset[str]) -> bool:
    """Tell whether *text* is a concatenation of *words* (a word-break check).

    >>> segments("therealteam", frozenset({"the", "real", "team"}))
    True
    """
    reachable = [True] + [False] * len(text)
    longest = max(map(len, words), default=0)
    for stop in range(1, len(text) + 1):
        reachable[stop] = any(
            reachable[start] and text[start:stop] in words
            for start in range(max(0, stop - longest), stop)
        )
    return reachable[-1]


#: The brand staff impersonators use.
BRAND: Final = "fiverr"


class Letters(NamedTuple):
    """A key with its letter counts and bigrams, for the cheap filters."""

    key: str
    counts: Mapping[str, int]
    bigrams: frozenset[str]


class Form(NamedTuple):
    """An official name's key in one form (digraphs folded or not), with what it is made of."""

    pieces: Pieces
    separators: tuple[tuple[str, int], ...]
    counts: tuple[tuple[str, int], ...]
    bigrams: frozenset[str]


class Target(NamedTuple):
    """An official account, folded for comparison."""

    account: OfficialAccount
    order: int
    budget: int
    #: The key with digraphs folded ("intemaicomms"), then without ("internaicomms").
    forms: tuple[Form, Form]
    #: The text the forms were made from: the official name, or for a variant the official
    #: name's words in another order ("video_editorial") or its beginning ("Fiverr-C").
    shown: str = ""
    #: "" for the official name itself, else "word_order" or "truncation".
    variant: str = ""
    #: The key letters that stand for digits of the official name ("365"), by index, with the
    #: letters that also look like that digit: an edit may replace them by those only.
    rigid: Mapping[int, str] = MappingProxyType({})


class Match(NamedTuple):
    target: Target
    #: Which form of the keys matched: 0 with digraphs folded, 1 without.
    form: int
    alignment: Alignment


class StaffHit(NamedTuple):
    """Where the brand and the staff words are, in one of the capped keys."""

    #: Which capped key: 0 with digraphs folded, 1 without.
    which: int
    brand: tuple[int, int]
    staff: tuple[tuple[int, int], ...]
    fuzzy: bool


class PurposeHit(NamedTuple):
    """Where the brand and the words of one account's purpose are, in one of the capped keys."""

    #: Which capped key: 0 with digraphs folded, 1 without.
    which: int
    account: OfficialAccount
    brand: tuple[int, int]
    words: tuple[tuple[int, int], ...]


# --- official names, folded for comparison -------------------------------------------------

#: Edits allowed in a lookalike, by the length of the official key: (edits, longest key).
BUDGETS: Final = ((0, 4), (1, 8), (2, 14), (3, sys.maxsize))
DIGITS: Final = "0123456789"
#: No official name is cut shorter than this many letters (the shortest is "pro" and one
#: more letter), and none sounds shorter.
SHORTEST: Final = 4
#: Key letters that also look like a digit, besides the one the digit folds to (``6`` is
#: ``g`` in a key, and ``b`` looks like it too).
DIGIT_ALIKE: Final[Mapping[str, str]] = MappingProxyType({"6": "b", "9": "q"})


def budget_of(length: int) -> int:
    """Return how many edits a lookalike of an official key of *length* letters may have.

    About one per five letters: 1 up to 8 letters, 2 up to 14, 3 from 15.

    >>> [budget_of(n) for n in (4, 8, 14, 15)]
    [0, 1, 2, 3]
    """
    return next(budget for budget, longest in BUDGETS if length <= longest)


def letter_counts(key: str) -> dict[str, int]:
    """Return how many times each letter occurs in *key*."""
    counts: dict[str, int] = {}
    for ch in key:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def bigrams(key: str) -> frozenset[str]:
    """Return the distinct pairs of neighbouring letters of *key*."""
    return frozenset(key[k : k + 2] for k in range(len(key) - 1))


def word_key(conf: Confusables, word: str) -> str:
    """Return ``conf.key(word)`` for a short word, character by character.

    The same key (the tests check it for every word), without the translation table that
    :meth:`Confusables.key` builds for non-ASCII text, which the first call need not pay for.
    """
    return fold_digraphs("".join(conf.classify(ch).key for ch in word))


def make_target(  # noqa: PLR0913 - what a target is made of, and two keyword options
    conf: Confusables,
    account: OfficialAccount,
    order: int,
    shown: str,
    *,
    variant: str = "",
    budget: int | None = None,
) -> Target:
    """Fold *shown*, the official name or a variant of it, for comparison."""
    infos = [conf.classify(ch) for ch in shown]
    plain = pieces(info.key for info in infos)
    forms = tuple(
        Form(
            pieces=found,
            separators=separators(shown, infos, found),
            counts=tuple(letter_counts(found.key).items()),
            bigrams=bigrams(found.key),
        )
        for found in (digraphs(plain), plain)
    )
    rigid = MappingProxyType(
        {
            k: DIGIT_ALIKE.get(shown[index], "")
            for k, index in enumerate(forms[0].pieces.first)
            if shown[index] in DIGITS
        }
    )
    if budget is None:
        budget = budget_of(len(forms[0].pieces.key))
    return Target(account, order, budget, (forms[0], forms[1]), shown, variant, rigid)
