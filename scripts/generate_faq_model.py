"""Learn ``data/faq_model.json``, the FAQ's message classifier, from the development sets.

The classifier (:mod:`fiverr_support_kb.faq._model`) is learnt from the development halves
of the blind evaluation sets in ``benchmarks/eval/`` listed in :data:`DEV_SETS`, never from a
test half, and from the tuning split of the search's own short queries
(``tests/search_eval.json``, never its held-out third). Each message is read as the search
reads it (``_Query.asked``: the sentence(s) that ask, and the one before a short question)
and cut into the classifier's pieces; pieces seen in fewer than two messages are dropped.
One linear support vector machine per label (each FAQ entry, ``handoff``, ``off_topic``)
against the rest is learnt with the squared hinge loss by dual coordinate descent (Hsieh
et al., ICML 2008), ``C`` = :data:`COST`, :data:`EPOCHS` passes over the messages in an
order shuffled with a fixed seed (the day it was written; not run to convergence: the number
of passes is part of the recipe). Plain Python floats throughout, so the result is the same
on every run; the weights are then rounded to 16-bit integers. The file records the SHA-256
of every set it was learnt from.

Usage: ``python scripts/generate_faq_model.py`` (from the repository root, with the project
installed), or ``--check`` to exit 1 when the shipped file is out of date.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fiverr_support_kb import default_kb
from fiverr_support_kb.faq import _engine, _model

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "fiverr_support_kb" / "data" / _model.MODEL_FILE
EVAL = ROOT / "benchmarks" / "eval"
#: The development halves learnt from (test halves never are).
DEV_SETS = (
    "faq/dev.jsonl",
    "faq/dev_extra.jsonl",
    "faq_fresh/dev.jsonl",
    "faq_more/dev.jsonl",
    "faq_paraphrase/dev.jsonl",
    "faq_long/dev.jsonl",
    "faq_blind11/dev.jsonl",
    "faq_blind9/dev.jsonl",
    "faq_blind12/dev.jsonl",
    "faq_blind13/dev.jsonl",
    "faq_blind16/dev.jsonl",
)
#: The search's own evaluation set of short queries: its tuning split only (every third
#: query of each list is held out, as ``tests/test_search.py`` splits it).
SEARCH_EVAL = "tests/search_eval.json"
SEARCH_EVAL_SETS = (("faq", "off_topic"), ("faq_v2", "off_topic_v2"))
HANDOFF, OFF_TOPIC = _engine.HANDOFF, _engine.OFF_TOPIC
#: The model's data version: the day it was last learnt anew (change it with DEV_SETS).
VERSION = "2026-12-05"
COST = 1.0
EPOCHS = 15
SEED = 20261205
MIN_MESSAGES = 2
#: The weights are stored as round(weight * SCALE) in 16 bits: |weight| < 16.
SCALE = 2048


def examples(sets: tuple[str, ...] = DEV_SETS) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Return (focus text, label) of every message of *sets*, and each set's SHA-256."""
    kb = default_kb()
    index = _engine.search_index(kb.faq, kb.company.name, kb._memo)  # noqa: SLF001
    found: list[tuple[str, str]] = []
    sources: dict[str, str] = {}
    for name in sets:
        raw = (EVAL / name).read_bytes()
        sources[f"benchmarks/eval/{name}"] = hashlib.sha256(raw).hexdigest()
        for line in raw.decode("utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                found.append((index.understand(row["message"]).asked, row["expected"]))
    raw = (ROOT / SEARCH_EVAL).read_bytes()
    sources[SEARCH_EVAL] = hashlib.sha256(raw).hexdigest()
    for text, label in tuning_queries(json.loads(raw)):
        found.append((index.understand(text).asked, label))
    return found, sources


def tuning_queries(queries: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (query, label) of the tuning split of the search's own evaluation *queries*.

    Every third query of each list is held out (``tests/test_search.py``'s ``split_of``).
    """
    found: list[tuple[str, str]] = []
    for answered, unrelated in SEARCH_EVAL_SETS:
        lists = [*queries[answered].items(), (OFF_TOPIC, queries[unrelated])]
        for label, texts in lists:
            found.extend((text, label) for at, text in enumerate(texts) if at % 3 != 2)
    return found


def separate(
    vectors: list[list[tuple[int, float]]], signs: list[float], width: int
) -> tuple[list[float], float]:
    """Return the weights and bias of a squared-hinge SVM separating *signs* +1 from -1."""
    weights = [0.0] * width
    bias = 0.0
    alphas = [0.0] * len(vectors)
    diagonal = 0.5 / COST
    curvature = [sum(value * value for _, value in row) + 1.0 + diagonal for row in vectors]
    order = list(range(len(vectors)))
    draw = random.Random(SEED).random  # noqa: S311 - a reproducible order, not a secret
    for _ in range(EPOCHS):
        _shuffle(order, draw)
        for i in order:
            row, sign, alpha = vectors[i], signs[i], alphas[i]
            margin = sum(weights[j] * value for j, value in row) + bias
            gradient = sign * margin - 1.0 + diagonal * alpha
            new = max(alpha - gradient / curvature[i], 0.0)
            step = (new - alpha) * sign
            if step:
                alphas[i] = new
                for j, value in row:
                    weights[j] += step * value
                bias += step
    return weights, bias


def _shuffle(items: list[int], draw: Callable[[], float]) -> None:
    """Shuffle *items* in place (Fisher-Yates) with *draw*, ``Random.random`` of a seed.

    ``random.shuffle``'s draws may change between Python versions; ``random()``'s sequence
    for a seed is guaranteed not to, so the model is the same under every Python.
    """
    for last in range(len(items) - 1, 0, -1):
        other = int(draw() * (last + 1))
        items[last], items[other] = items[other], items[last]


def render() -> str:
    """Return the text of the model file."""
    rows, sources = examples()
    data = model_of(rows)
    data["learnt_from"] = sources
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def model_of(rows: list[tuple[str, str]]) -> dict[str, Any]:
    """Return the model learnt from *rows* (text, label), as the model file has it."""
    kb = default_kb()
    labels = [entry.id for entry in kb.faq] + [HANDOFF, OFF_TOPIC]
    unknown = {label for _, label in rows} - set(labels)
    if unknown:
        raise SystemExit(f"labels the FAQ does not have: {sorted(unknown)}")
    counted = [_model.pieces(text) for text, _ in rows]
    seen: dict[str, int] = {}
    for counts in counted:
        for piece in counts:
            seen[piece] = seen.get(piece, 0) + 1
    kept = sorted(piece for piece, messages in seen.items() if messages >= MIN_MESSAGES)
    number = {piece: n for n, piece in enumerate(kept)}
    total = len(rows)
    idf = [math.log((1 + total) / (1 + seen[piece])) + 1.0 for piece in kept]
    vectors = []
    for counts in counted:
        row = [
            (number[piece], (1.0 if count == 1 else 1.0 + math.log(count)) * idf[number[piece]])
            for piece, count in counts.items()
            if piece in number
        ]
        norm = math.sqrt(sum(value * value for _, value in row)) or 1.0
        vectors.append([(j, value / norm) for j, value in row])
    table = [[0] * len(labels) for _ in kept]
    biases = []
    for column, label in enumerate(labels):
        signs = [1.0 if expected == label else -1.0 for _, expected in rows]
        weights, bias = separate(vectors, signs, len(kept))
        for j, weight in enumerate(weights):
            table[j][column] = _quantized(weight * idf[j])
        biases.append(_quantized(bias))
    return {
        "format": _model.MODEL_FORMAT,
        "version": VERSION,
        "about": "scripts/generate_faq_model.py: one-versus-rest squared-hinge SVMs",
        "messages": total,
        "labels": labels,
        "scale": SCALE,
        "bias": biases,
        "pieces": kept,
        "idf": _packed(_quantized(value) for value in idf),
        "weights": _packed(value for row in table for value in row),
    }


def _quantized(value: float) -> int:
    """Return *value* * :data:`SCALE` rounded, checked to fit 16 bits."""
    scaled = round(value * SCALE)
    if not -(2**15) <= scaled < 2**15:
        raise SystemExit(f"a weight of {value} does not fit the scale {SCALE}")
    return scaled


def _packed(values: Iterable[int]) -> str:
    """Return *values* as little-endian 16-bit integers, in hexadecimal."""
    return b"".join(value.to_bytes(2, "little", signed=True) for value in values).hex()


def main() -> int:
    """Write the model file, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_bytes().decode("utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} is out of date: run scripts/generate_faq_model.py")
            return 1
        print(f"{TARGET.name} is up to date")
        return 0
    TARGET.write_bytes(text.encode("utf-8"))  # "\n" line ends on every system
    print(f"wrote {TARGET.name} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
