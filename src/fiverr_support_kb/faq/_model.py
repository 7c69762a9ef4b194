"""A small linear classifier of chat messages for the packaged FAQ, learnt from examples.

The word rules of :mod:`~fiverr_support_kb.faq._understand` read what they were written for;
a message that asks the same thing in other words (a paraphrase, slang, a story) slips past
them. The classifier reads a message as pieces of words: every word, and every run of three
and of four letters of each word with a space before and after it (accents folded, case
folded, hyphens dropped), so ``passwordomat`` shares most of its pieces with ``password``,
and ``jelszavam`` with ``jelszó``. Each piece weighs its inverse document frequency (times
``1 + log`` of its count, for a piece said more than once), and the message's vector has
unit length. The text is first read as the search reads it: NFKC-normalised, case-folded,
invisible format characters dropped. One linear scorer per label (each FAQ entry,
``handoff`` and ``off_topic``) gives a score: a signed distance from the label's boundary,
above 0 meaning "this".

It is learnt by ``scripts/generate_faq_model.py`` from the development halves of the blind
evaluation sets in ``benchmarks/eval/`` and the tuning split of the search's own queries
(never from a test half or a held-out query): one-versus-rest linear support vector machines
with the squared hinge loss, by dual coordinate descent, in plain Python with a fixed seed,
so the shipped file is exactly what the script makes (the tests and
``scripts/regenerate.py --check`` prove it). The weights are stored as 16-bit integers.

The classifier knows the packaged FAQ only: it serves a knowledge base whose FAQ is the
packaged one, unchanged (a knowledge base loaded from an edited file is searched by its
words alone). How its reading and the search's are combined is step 6 of the decision rule
of :mod:`._answer`.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from array import array
from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from fiverr_support_kb._memo import once
from fiverr_support_kb.faq._text import fold_uncached

if TYPE_CHECKING:
    from fiverr_support_kb.models import FaqEntry

__all__ = ["MAX_CHARS", "MODEL_FILE", "Classifier", "classifier", "pieces"]

#: The packaged model, in ``fiverr_support_kb/data``.
MODEL_FILE: Final = "faq_model.json"
#: The format of :data:`MODEL_FILE` this module reads.
MODEL_FORMAT: Final = 1
#: At most this many characters of a question are read (the longest in the evaluation sets
#: is about 750), so a question of one endless sentence costs little.
MAX_CHARS: Final = 2000

# A word, hyphenated parts joined (``e-mail`` is ``email``, as the search reads it).
_WORD = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
_HYPHENS = re.compile(r"[-\u2010\u2011]")
# Invisible format characters inside a word (soft hyphen, zero-width space and joiners).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def _normalized(text: str) -> str:
    """Return *text* as the classifier reads it: NFKC, case-folded, invisibles dropped."""
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return text.casefold()


def pieces(text: str) -> Counter[str]:
    """Return the pieces of *text* (its first :data:`MAX_CHARS` characters), with their counts.

    >>> sorted(pieces("Jelszó!"))
    [' je', ' jel', 'els', 'elsz', 'jel', 'jels', 'lsz', 'lszo', 'szo', 'szo ', 'w jelszo', 'zo ']
    """
    found: list[str] = []
    add, extend = found.append, found.extend
    for written in _WORD.findall(fold_uncached(_normalized(text[:MAX_CHARS]))):
        word = _HYPHENS.sub("", written) if "-" in written or "\u2010" in written else written
        padded = f" {word} "
        add(f"w {word}")
        extend([padded[i : i + 3] for i in range(len(padded) - 2)])
        extend([padded[i : i + 4] for i in range(len(padded) - 3)])
    return Counter(found)


class Classifier:
    """The learnt linear scorers: one per label, over the pieces of a message."""

    __slots__ = ("_bias", "_index", "_rows", "_scale", "_squares", "_weights", "labels")

    def __init__(self, data: dict[str, Any]) -> None:
        """Read the model from the decoded :data:`MODEL_FILE` *data*.

        Raises:
            ValueError: the data is not a model this module can use.
        """
        labels = data["labels"]
        if (
            not isinstance(labels, list)
            or len(labels) < 3  # an entry, handoff and off_topic at least
            or not all(isinstance(label, str) for label in labels)
            or len(set(labels)) != len(labels)
            or labels[-2:] != ["handoff", "off_topic"]
        ):
            raise ValueError("the model's labels are not entries, then handoff and off_topic")
        #: The labels scored, in order: the FAQ entries' ids, then ``handoff``, ``off_topic``.
        self.labels: tuple[str, ...] = tuple(labels)
        scale = float(data["scale"])
        if not (math.isfinite(scale) and scale > 0):
            raise ValueError("the model's scale is not a positive number")
        width = len(self.labels)
        self._index = {piece: number for number, piece in enumerate(data["pieces"])}
        weights = _int16(data["weights"])
        idf = [value / scale for value in _int16(data["idf"])]
        bias = tuple(float(value) / scale for value in data["bias"])
        if len(weights) != width * len(self._index) or len(idf) != len(self._index):
            raise ValueError("the model's tables do not match its pieces and labels")
        if len(bias) != width:
            raise ValueError("the model's tables do not match its pieces and labels")
        self._weights = weights
        self._squares = [value * value for value in idf]
        # Per piece of the model read so far: its weights (one per label), its squared IDF.
        # Bounded by the model's pieces: about 6 MB once every one of them has been read
        # (tuples of ints add up faster than the array slices they are made of, 2.5 MB).
        self._rows: dict[str, tuple[tuple[int, ...], float]] = {}
        self._scale = scale
        self._bias = bias

    def _row(self, piece: str) -> tuple[tuple[int, ...], float]:
        """Return the weights and squared IDF of the model's *piece*, kept for the next time."""
        number = self._index[piece]
        width = len(self.labels)
        found = (tuple(self._weights[number * width : (number + 1) * width]), self._squares[number])
        self._rows[piece] = found
        return found

    def forget_pieces(self) -> None:
        """Forget the pieces read so far (their weights are looked up again when next read)."""
        self._rows.clear()

    def serves(self, faq: tuple[FaqEntry, ...]) -> bool:
        """Tell whether the classifier was learnt for *faq*: the packaged FAQ, unchanged."""
        from fiverr_support_kb import _snapshot  # noqa: PLC0415 - keeps import light

        if tuple(entry.id for entry in faq) != self.labels[:-2]:
            return False
        return faq is _snapshot.FAQ or faq == _snapshot.FAQ

    def scores(self, text: str) -> tuple[float, ...] | None:
        """Return the score of each of :attr:`labels` for *text*, higher is likelier.

        ``None`` when *text* has no piece the model knows: it has nothing to say of it.
        """
        counts = pieces(text)
        known = self._rows
        rows: list[tuple[int, ...] | list[float]] = []
        square = 0.0
        index = self._index
        for piece, count in counts.items():
            found = known.get(piece)
            if found is None:
                if piece not in index:
                    continue
                found = self._row(piece)
            row, idf_squared = found
            if count == 1:
                rows.append(row)
                square += idf_squared
            else:
                strength = 1.0 + math.log(count)
                rows.append([weight * strength for weight in row])
                square += idf_squared * strength * strength
        if not rows:
            return None
        share = 1.0 / (math.sqrt(square) * self._scale)
        return tuple(
            bias + sum(column) * share
            for bias, column in zip(self._bias, zip(*rows, strict=True), strict=True)
        )


def _int16(text: str) -> array[int]:
    """Return the little-endian 16-bit integers of the hexadecimal *text*."""
    table = array("h", bytes.fromhex(text))
    if sys.byteorder != "little":  # pragma: no cover - the CI machines are little-endian
        table.byteswap()
    return table


@once
def classifier() -> Classifier | None:
    """Return the packaged classifier, read on the first call; ``None`` if it is unreadable."""
    import json  # noqa: PLC0415 - only on the first use
    import pkgutil  # noqa: PLC0415 - only on the first use

    try:
        raw = pkgutil.get_data("fiverr_support_kb", f"data/{MODEL_FILE}")
        data = json.loads(raw or b"{}")
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            return None
        return Classifier(data)
    except (OSError, KeyError, TypeError, ValueError, ArithmeticError):
        return None
