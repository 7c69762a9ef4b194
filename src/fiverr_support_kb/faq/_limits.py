"""How large a FAQ the search indexes: the limits :func:`~fiverr_support_kb.load_kb` enforces.

Building the search index of a FAQ (on its first search) costs time and memory in proportion
to its entries, its texts, their characters and, most of all, the different words in them
(each is stemmed in both languages and gets its spelling-correction keys). These limits keep
the first search of the largest FAQ a file may hold under a second and 100 MiB, with room to
spare; the packaged FAQ is far below each of them. ``tests/test_data.py`` builds a knowledge
base at every limit at once, of the costliest shape, and measures its first search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from fiverr_support_kb.faq import _text
from fiverr_support_kb.models import LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from fiverr_support_kb.models import FaqEntry

__all__ = ["MAX_FAQ_CHARS", "MAX_FAQ_ENTRIES", "MAX_FAQ_TEXTS", "MAX_FAQ_WORDS", "size_problems"]

#: The most FAQ entries a knowledge base may have.
MAX_FAQ_ENTRIES: Final = 1_000
#: The most texts its FAQ may have: each question, answer, step and search term, per language.
MAX_FAQ_TEXTS: Final = 20_000
#: The most characters all the texts of its FAQ may have together, both languages.
MAX_FAQ_CHARS: Final = 250_000
#: The most different words all the texts of its FAQ may have together, both languages.
MAX_FAQ_WORDS: Final = 4_000

_WHY: Final = "so that searching it stays fast"


def _texts(faq: Sequence[FaqEntry]) -> Iterator[str]:
    for entry in faq:
        for lang in LANGUAGES:
            yield entry.question[lang]
            yield entry.answer[lang]
            for step in entry.steps:
                yield step[lang]
            yield from entry.keywords[lang]


def size_problems(faq: Sequence[FaqEntry]) -> list[str]:
    """Return what makes *faq* larger than the limits, as ``problem @ $.faq``; ``[]`` if none.

    Words are counted as the search reads them (case-folded; ``Fiverr-Care`` is
    ``fiverrcare``, ``fiverr`` and ``care``). Counting stops at the first limit passed, so a
    file far over them costs no more to refuse than one at them.
    """
    problems: list[str] = []
    if len(faq) > MAX_FAQ_ENTRIES:
        problems.append(
            f"the FAQ has {len(faq):,} entries; at most {MAX_FAQ_ENTRIES:,} are accepted, "
            f"{_WHY} @ $.faq"
        )
    texts = chars = 0
    words: set[str] = set()
    for text in _texts(faq):
        texts += 1
        chars += len(text)
        if texts > MAX_FAQ_TEXTS or chars > MAX_FAQ_CHARS or len(words) > MAX_FAQ_WORDS:
            continue  # already too large: only count, for the message
        words.update(word for word, _ in _text.words(text))
    if texts > MAX_FAQ_TEXTS:
        problems.append(
            f"the FAQ has {texts:,} texts (questions, answers, steps and search terms, each "
            f"language counted); at most {MAX_FAQ_TEXTS:,} are accepted, {_WHY} @ $.faq"
        )
    if chars > MAX_FAQ_CHARS:
        problems.append(
            f"the FAQ's texts have {chars:,} characters together; at most {MAX_FAQ_CHARS:,} "
            f"are accepted, {_WHY} @ $.faq"
        )
    elif texts <= MAX_FAQ_TEXTS and len(words) > MAX_FAQ_WORDS:
        problems.append(
            f"the FAQ's texts have more than {MAX_FAQ_WORDS:,} different words; at most "
            f"{MAX_FAQ_WORDS:,} are accepted, {_WHY} @ $.faq"
        )
    return problems
