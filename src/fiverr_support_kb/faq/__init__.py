"""The FAQ: how a question finds its answer.

:func:`fiverr_support_kb.search` (also :meth:`KnowledgeBase.search
<fiverr_support_kb.knowledge_base.KnowledgeBase.search>`) asks a knowledge base's FAQ; this
package holds how: the BM25F index in Hungarian and English, the query analysis and the
relevance threshold, all described in :mod:`fiverr_support_kb.faq._engine`; how a chat
message is read (its question sentences, its language, its topic) in
:mod:`fiverr_support_kb.faq._understand`; and :func:`fiverr_support_kb.answer`'s decision rule
(an entry, a hand-off to a person, or off-topic) in :mod:`fiverr_support_kb.faq._answer`.

>>> from fiverr_support_kb import search
>>> search("elfelejtettem a jelszavam")[0].entry.id
'reset-password'
"""

from __future__ import annotations

from fiverr_support_kb.faq._engine import (
    MAX_QUERY_CHARS,
    MIN_COVERAGE,
    MIN_COVERAGE_NAMED,
    MIN_SCORE,
    SearchHit,
    search_entries,
)
from fiverr_support_kb.faq._limits import (
    MAX_FAQ_CHARS,
    MAX_FAQ_ENTRIES,
    MAX_FAQ_TEXTS,
    MAX_FAQ_WORDS,
    size_problems,
)

# Not `from typing import TYPE_CHECKING`: the same cheap spelling as the package's __init__.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from fiverr_support_kb.faq._answer import HANDOFF_CHANNELS, Answer, Outcome, answer_message

__all__ = [
    "HANDOFF_CHANNELS",
    "MAX_FAQ_CHARS",
    "MAX_FAQ_ENTRIES",
    "MAX_FAQ_TEXTS",
    "MAX_FAQ_WORDS",
    "MAX_QUERY_CHARS",
    "MIN_COVERAGE",
    "MIN_COVERAGE_NAMED",
    "MIN_SCORE",
    "Answer",
    "Outcome",
    "SearchHit",
    "answer_message",
    "search_entries",
    "size_problems",
]

# answer()'s names, imported on first access (PEP 562): a first search() never builds them.
_ANSWER_NAMES = frozenset(("HANDOFF_CHANNELS", "Answer", "Outcome", "answer_message"))


def __getattr__(name: str) -> object:
    """Import :mod:`fiverr_support_kb.faq._answer` when one of its names is first asked for."""
    if name not in _ANSWER_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from fiverr_support_kb.faq import _answer  # noqa: PLC0415 - on first access only

    value: object = getattr(_answer, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names, including the ones not imported yet."""
    return sorted({*globals(), *__all__})
