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

from fiverr_support_kb.faq._answer import HANDOFF_CHANNELS, Answer, Outcome, answer_message
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
