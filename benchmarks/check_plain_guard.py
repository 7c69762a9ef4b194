"""Measure the plain-message guard of step 6 on development sets the classifier did not learn.

Run: ``python benchmarks/check_plain_guard.py`` (from the repository root, with the project
installed; about a minute). Each blind development set below is scored by a classifier learnt
from every development set but it (as ``scripts/generate_faq_model.py`` learns, with the same
recipe), through ``answer()`` itself, with the guard and without it (the classifier may then
call an entry reading of a plain message off-topic, as it could before). Printed per set:
routing (the expected entry first, or the expected hand-off or off-topic), the off-topic
messages rejected, the answerable messages answered from the FAQ, and each message whose
outcome the guard changes. ``faq_blind17``'s development half, which no shipped model has
learnt from, is scored by a classifier of all the others.
"""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

from choose_thresholds import EVAL, OUTCOMES, generator
from fiverr_support_kb import answer, default_kb
from fiverr_support_kb.faq import _engine, _model

#: The blind development sets, each scored by a classifier learnt without it.
SETS = (
    "faq_blind9/dev.jsonl",
    "faq_blind11/dev.jsonl",
    "faq_blind12/dev.jsonl",
    "faq_blind13/dev.jsonl",
    "faq_blind16/dev.jsonl",
    "faq_blind17/dev.jsonl",
)


def never_plain(index: object, query: object) -> bool:
    """Tell that no message is plain: the rule without the guard."""
    del index, query
    return False


def routed(rows: list[dict[str, Any]]) -> list[str]:
    """Return what answer() does with each row's message: an entry's id, or the outcome."""
    found = []
    for row in rows:
        reply = answer(row["message"])
        found.append(reply.hits[0].entry.id if reply.hits else reply.outcome.value)
    return found


def figures(rows: list[dict[str, Any]], chosen: list[str]) -> str:
    """Return routing, off-topic rejection and answered shares of *chosen* for *rows*."""
    right = [
        got == row["expected"] or got in row["also"] for row, got in zip(rows, chosen, strict=True)
    ]
    rejected = [
        got == _engine.OFF_TOPIC
        for row, got in zip(rows, chosen, strict=True)
        if row["expected"] == _engine.OFF_TOPIC
    ]
    answered = [
        got not in OUTCOMES
        for row, got in zip(rows, chosen, strict=True)
        if row["expected"] not in OUTCOMES
    ]
    return (
        f"routing {100 * sum(right) / len(right):5.1f}%  "
        f"off-topic rejected {100 * sum(rejected) / max(1, len(rejected)):5.1f}%  "
        f"answered {100 * sum(answered) / max(1, len(answered)):5.1f}%"
    )


def main() -> None:
    """Print each set's figures without and with the guard, and the messages it changes."""
    kb = default_kb()
    index = _engine.search_index(kb.faq, kb.company.name, kb._memo)  # noqa: SLF001
    for name in SETS:
        others = tuple(other for other in generator.DEV_SETS if other != name)
        index._classifier = _model.Classifier(generator.model_of(generator.examples(others)[0]))  # noqa: SLF001
        path = EVAL / name
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        with mock.patch.object(_engine._SearchIndex, "plain", never_plain):  # noqa: SLF001
            without = routed(rows)
        with_guard = routed(rows)
        print(name.split("/")[0])
        print(f"  without the guard  {figures(rows, without)}")
        print(f"  with the guard     {figures(rows, with_guard)}")
        for row, before, after in zip(rows, without, with_guard, strict=True):
            if before != after:
                print(f"    {row['expected']}: {before} -> {after}  {row['message'][:70]!r}")


if __name__ == "__main__":
    main()
