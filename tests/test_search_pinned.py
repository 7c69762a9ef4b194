"""search() and answer() give exactly the pinned outputs for a sample of chat messages.

``search_pinned.json`` holds, for every 50th of the development messages (``dev.jsonl``,
``dev_extra.jsonl``) and of 2,000 variants of them (shuffled words, typos, case changes),
what ``search(message, limit=3)`` and ``answer(message)`` gave before the search was made
faster: a speed change must not change a result. Each message is checked with every per-word
cache empty and again with them filled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import pytest

import fiverr_support_kb
from fiverr_support_kb import answer, default_kb, search
from fiverr_support_kb.faq import _model, _text

PINNED: Final[list[dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "search_pinned.json").read_text(encoding="utf-8")
)


def clear_word_caches() -> None:
    """Empty every per-word cache of the default knowledge base's search."""
    index: Any = default_kb()._memo.get("search_index", object)
    if hasattr(index, "word"):
        index.word.cache_clear()
        index.spelt.cache_clear()
    for lang in fiverr_support_kb.LANGUAGES:
        _text.analyzer(lang).terms.cache_clear()  # type: ignore[attr-defined]
    _text.fold.cache_clear()
    model = _model.classifier()
    if model is not None:
        model.forget_pieces()


def outputs(message: str) -> dict[str, Any]:
    """Return what search() and answer() give for *message*, in the pinned file's form."""
    reply = answer(message)
    return {
        "q": message,
        "search": [
            [hit.entry.id, round(hit.score, 9), hit.lang, hit.passage]
            for hit in search(message, limit=3)
        ],
        "answer": [
            reply.outcome.value,
            reply.lang,
            reply.passage,
            [hit.entry.id for hit in reply.hits],
        ],
    }


def test_the_sample_is_varied() -> None:
    assert len(PINNED) >= 40
    assert {row["answer"][0] for row in PINNED} == {"faq", "handoff", "off_topic"}


@pytest.mark.parametrize("row", PINNED, ids=lambda row: str(row["q"])[:40])
def test_outputs_are_the_pinned_ones(row: dict[str, Any]) -> None:
    search("warm up")  # the index is built
    clear_word_caches()
    assert outputs(row["q"]) == row
    assert outputs(row["q"]) == row  # and with the caches filled
