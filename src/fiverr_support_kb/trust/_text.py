"""Small text helpers of the trust checks: folding, edit distance and the brand test."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from fiverr_support_kb.accounts._confusables import CharKind, confusables

__all__ = ["brandish", "collapse", "edit_distance", "fold_text", "key", "name_has_brand"]

#: Tokens longer than this are only searched for the brand, never compared with edits.
MAX_TOKEN: Final = 40
_REPEATS: Final = re.compile(r"(.)\1+")
_SPACES: Final = re.compile(r"\s+")
#: The combining diacritical marks (the five Unicode blocks of them) that accents decompose to.
_MARKS: Final = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TOKEN_SPLIT: Final = re.compile(r"[\W_\d]+")


def fold_text(text: str) -> str:
    """Lower-case *text*, drop its accents and make every run of white space one space.

    Accents are the combining diacritical marks left by NFKD decomposition. Invisible
    characters (zero-width spaces and joiners, soft hyphens, bidi controls) are dropped, and a
    letter of another script that looks like a Latin one (Cyrillic ``а``, Greek ``ο``) is read
    as that letter, as a reader reads it: ``pаss\u200bword`` is ``password``.

    Each character becomes at most a few (compatibility forms), so the result is about as long
    as *text*, and it is made in linear time.
    """
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = text.translate(_as_read(text))
    return _SPACES.sub(" ", text.lower())


def _as_read(text: str) -> dict[int, str | None]:
    """Return the translation of *text*'s invisible and other-script lookalike characters."""
    tables = confusables()
    table: dict[int, str | None] = {}
    for char in set(text):
        if char.isascii():
            continue
        info = tables.classify(char)
        if info.kind is CharKind.INVISIBLE:
            table[ord(char)] = None
        elif (
            info.kind is CharKind.LOOKALIKE
            and len(info.key) == 1
            and info.key.isalpha()
            and tables.script(char) not in (None, "Latin")
        ):
            table[ord(char)] = info.key
    return table


def key(text: str) -> str:
    """Return the lookalike key of *text*: the username checks' key, without their digraphs.

    ASCII letters and digits, no separators. The username checks also read ``vv`` as ``w`` and
    ``rn`` as ``m``; a brand test must not (``fivver`` is one doubled letter from ``fiverr``).
    """
    return confusables().key(text, digraphs=False)


def collapse(text: str) -> str:
    """Return *text* with each run of a repeated character made one."""
    return _REPEATS.sub(r"\1", text)


def edit_distance(first: str, second: str, limit: int) -> int:
    """Return the optimal-string-alignment distance, or ``limit + 1`` if it exceeds *limit*.

    Inserting, deleting or replacing a character, or swapping two neighbours, is one edit.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        row = [i]
        for j, other in enumerate(second, 1):
            cost = 0 if char == other else 1
            value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                value = min(value, previous2[j - 2] + 1)
            row.append(value)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def brandish(token: str, brand: str, misspellings: frozenset[str]) -> bool:
    """Tell whether the key *token* is the brand or a spelling of it one edit away.

    Repeated letters are free (``fivverr``), and the listed misspellings always count.
    """
    if not token or len(token) > MAX_TOKEN:
        return False
    if token == brand or token in misspellings or collapse(token) == collapse(brand):
        return True
    return len(token) >= len(brand) - 1 and edit_distance(token, brand, 1) <= 1


def name_has_brand(name: str, brand: str, misspellings: frozenset[str]) -> bool:
    """Tell whether a name (a domain label, a mailbox, a handle) carries the brand.

    It does when its key contains the brand or a listed misspelling of six letters or more,
    or when one of its words (split at separators and digits) is :func:`brandish`.
    """
    whole = key(name)
    if brand in whole or any(len(word) >= 6 and word in whole for word in misspellings):
        return True
    return any(
        brandish(key(word), brand, misspellings) for word in _TOKEN_SPLIT.split(name) if word
    )
