"""Reproduce how the classifier's thresholds (``OVERRULE``, ``CONFIDENT``) were chosen.

Run: ``python benchmarks/choose_thresholds.py`` (from the repository root, with the project
installed; about a minute). Each of three blind development sets the search's rules were
never tuned on (``faq_blind11``, ``faq_blind9``, ``faq_blind13``) is scored by a classifier
learnt without it (for ``faq_blind13``, without it and ``faq_blind12``, as when the thresholds
were chosen), and the held-out third of the search's own queries by one learnt from the
development sets of that time; for each pair of thresholds, with and without the guard for an
entry the search is sure of and with and without the rule that an off-topic reading is never
handed off ("kept"), the share of messages routed right (the expected entry first,
or the expected hand-off or off-topic) is printed per set, and the mean of the three sets.
The last row is the rule as shipped: ``OVERRULE`` 0, ``CONFIDENT`` -0.5, both guards, and
two more added after the development half of ``faq_blind17``: step 1 (another named
service's own matter) is never overruled, and an entry reading of a plain message (what it
asks is the FAQ's words only and names no service: ``_SearchIndex.plain``) is never called
off-topic.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fiverr_support_kb import default_kb
from fiverr_support_kb.faq import _engine, _model

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "benchmarks" / "eval"
SPEC = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "generate_faq_model.py")
if SPEC is None or SPEC.loader is None:  # pragma: no cover - our own script
    raise ImportError("scripts/generate_faq_model.py")
generator: Any = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(generator)

#: The development sets of the first round (before the four blind ones).
FIRST = generator.DEV_SETS[:6]
#: Each fresh set, and what the classifier that scores it was learnt from.
FRESH = {
    "faq_blind11/dev.jsonl": (*FIRST, "faq_blind9/dev.jsonl"),
    "faq_blind9/dev.jsonl": (*FIRST, "faq_blind11/dev.jsonl"),
    "faq_blind13/dev.jsonl": (*FIRST, "faq_blind11/dev.jsonl", "faq_blind9/dev.jsonl"),
}
Rule = Callable[[str, bool, dict[str, float]], str]
#: The readings that are not an entry.
OUTCOMES = (_engine.HANDOFF, _engine.OFF_TOPIC)
#: A message with the rules' reading, whether they are sure, the classifier's scores,
#: whether step 1 decided the reading (another named service's own matter), and whether the
#: message is plain (``_SearchIndex.plain``: what it asks is the FAQ's words only, naming no
#: service).
Scored = tuple[dict[str, Any], str, bool, dict[str, float], bool, bool]


def rules_alone(reading: str, sure: bool, scores: dict[str, float]) -> str:  # noqa: FBT001
    """Return the rules' *reading*."""
    del sure, scores
    return reading


def classifier_alone(reading: str, sure: bool, scores: dict[str, float]) -> str:  # noqa: FBT001
    """Return the classifier's best label."""
    del reading, sure
    return max(scores, key=scores.__getitem__)


def combined(  # noqa: PLR0913 - a reading, its scores, and the rule's four settings
    reading: str,
    sure: bool,  # noqa: FBT001
    scores: dict[str, float],
    overrule: float,
    confident: float,
    *,
    guard: bool,
    kept: bool,
) -> str:
    """Return the label step 6 gives with these settings (before its two newest guards).

    *guard*: an entry the search is sure of stands; *kept*: an off-topic reading is never
    handed off. The guards for step 1 and for a plain message are applied by :func:`show`.
    """
    best = max(scores, key=scores.__getitem__)
    if (guard and sure) or scores[reading] >= overrule or scores[best] < confident:
        return reading
    if kept and reading == _engine.OFF_TOPIC and best == _engine.HANDOFF:
        return reading
    return best


def main() -> None:
    """Print routing per set for each pair of thresholds."""
    kb = default_kb()
    index = _engine.search_index(kb.faq, kb.company.name, kb._memo)  # noqa: SLF001

    def reading(message: str) -> tuple[str, bool, str, bool, bool]:
        """Return the rules' reading of *message*, if they are sure, its question, step 1, plain."""
        query = index.understand(message)
        read, _, sure = _engine.reading(index, query, message)
        named = {_engine.HANDED_OFF: _engine.HANDOFF, _engine.NOT_ABOUT_FIVERR: _engine.OFF_TOPIC}
        label = named.get(read) or kb.faq[read].id
        return label, sure, query.asked, query.topic.elsewhere, index.plain(query)

    sets: dict[str, list[Scored]] = {}
    for name, learnt_from in FRESH.items():
        rows = [json.loads(line) for line in (EVAL / name).read_text("utf-8").split("\n") if line]
        sets[name] = scored(rows, learnt_from, reading)
    queries = json.loads((ROOT / generator.SEARCH_EVAL).read_text(encoding="utf-8"))
    held_out = []
    for answered, unrelated in generator.SEARCH_EVAL_SETS:
        for label, texts in [*queries[answered].items(), (_engine.OFF_TOPIC, queries[unrelated])]:
            held_out += [{"message": text, "expected": label, "also": []} for text in texts[2::3]]
    sets["search_eval held-out"] = scored(held_out, (*FRESH["faq_blind13/dev.jsonl"],), reading)
    print(" " * 42 + "  ".join(f"{name.split('/')[0]:>20}" for name in sets) + "   mean of 3")
    show("the rules alone", sets, rules_alone)
    show("the classifier alone", sets, classifier_alone)
    for overrule in (-0.5, -0.25, 0.0, 0.25):
        for confident in (-1.0, -0.5, -0.25, 0.0):
            for guard in (False, True):
                for kept in (False, True):
                    show(
                        f"OVERRULE {overrule:5} CONFIDENT {confident:5}"
                        f"{' sure' if guard else ''}{' kept' if kept else ''}",
                        sets,
                        functools.partial(
                            combined, overrule=overrule, confident=confident, guard=guard, kept=kept
                        ),
                    )
    show(
        "as shipped (sure kept, step 1, plain)",
        sets,
        lambda reading, sure, scores: combined(
            reading, sure, scores, _engine.OVERRULE, _engine.CONFIDENT, guard=True, kept=True
        ),
        shipped=True,
    )


def scored(
    rows: list[dict[str, Any]],
    learnt_from: tuple[str, ...],
    reading: Callable[[str], tuple[str, bool, str, bool, bool]],
) -> list[Scored]:
    """Return each row with the rules' reading and the scores of a classifier of *learnt_from*."""
    examples = generator.examples(learnt_from)[0]
    model = _model.Classifier(generator.model_of(examples))
    found = []
    for row in rows:
        label, sure, asked, elsewhere, plain = reading(row["message"])
        scores = model.scores(asked)
        base = dict.fromkeys(model.labels, -9.0) | {label: 9.0}  # no scores: the reading stands
        found.append(
            (
                row,
                label,
                sure,
                base if scores is None else dict(zip(model.labels, scores, strict=True)),
                elsewhere and label == _engine.OFF_TOPIC,
                plain,
            )
        )
    return found


def show(what: str, sets: dict[str, list[Scored]], rule: Rule, *, shipped: bool = False) -> None:
    """Print the routing of *rule* on each set; *shipped*: with the two newest guards."""
    shares = []
    for rows in sets.values():
        right = 0
        for row, label, sure, scores, elsewhere, plain in rows:
            chosen = label if shipped and elsewhere else rule(label, sure, scores)
            if shipped and plain and chosen == _engine.OFF_TOPIC and label not in OUTCOMES:
                chosen = label
            right += chosen == row["expected"] or chosen in row["also"]
        shares.append(100 * right / len(rows))
    mean = sum(shares[:3]) / 3
    print(f"{what:42}" + "  ".join(f"{share:19.1f}%" for share in shares) + f"   {mean:9.1f}%")


if __name__ == "__main__":
    main()
