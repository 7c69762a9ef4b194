"""Benchmark answer() and search() on the blind chatbot evaluation set, and their speed.

Run: ``python benchmarks/bench_answers.py [--set faq|faq_fresh] [--half dev|dev_extra|test]``
(default: the first set's ``test`` half; ``faq_fresh`` is a second blind set, ``dev`` and
``test`` only; needs the ``benchmarks`` extra: rank-bm25). Tune only on ``dev`` and
``dev_extra`` (more
development messages, written by the library's developer per class of input); ``test`` is
the frozen half, measured once (``benchmarks/eval/faq/README.md`` says how the set was
written and split).

Quality, per class and overall:

* hit@1, hit@3: the expected entry (or one of its ``also`` ids) first, or in
  ``search(message, limit=3)``, over the answerable messages;
* no-hit: the answerable messages ``search`` gives nothing for;
* routing: ``answer(message)`` does the right thing: outcome ``faq`` with the expected entry
  first, or the expected ``handoff`` / ``off_topic``;
* off-topic rejected: off-topic messages ``answer`` does not answer from the FAQ (outcome
  ``off_topic`` or ``handoff``) -- and, stricter, the share it calls ``off_topic``;
* hand-off: unanswerable Fiverr questions ``answer`` hands off, and the share it answers with
  one of the entries instead;
* latency of ``answer`` per message (median and p99, all messages, and under 300 characters).

Speed against ``rank_bm25.BM25Okapi`` over the same entries (question, answer, steps and
keywords in both languages, lower-cased whitespace tokens; ``get_scores`` per query), per
query, over every message of the half: rounds of ours and the peer's interleaved, every
per-word cache emptied before each of our rounds (cold), the median round of each, and their
ratio; and, stricter, ``search()`` with every per-word cache emptied before each query (only
the query itself timed), whose words then never meet an analysis an earlier query made.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pkgutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rank_bm25 import BM25Okapi

import fiverr_support_kb
from _report import exit_status, report
from fiverr_support_kb import KnowledgeBase, Outcome, answer, default_kb, search
from fiverr_support_kb.faq import _model, _text

EVAL_DIR = Path(__file__).resolve().parent / "eval" / "faq"
ROUNDS = 15
PASSES = 10
SHORT = 300


def load(half: str, which: str = "faq") -> list[dict[str, Any]]:
    """Return the messages of *half* (``dev``, ``dev_extra`` or ``test``) of the set *which*."""
    lines = (EVAL_DIR.parent / which / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class Peer:
    """rank_bm25's BM25Okapi over the same entries, with whitespace tokens."""

    def __init__(self, kb: KnowledgeBase) -> None:
        """Index every FAQ entry of *kb* as one document of all its texts."""
        documents = []
        for entry in kb.faq:
            texts = [entry.question.hu, entry.question.en, entry.answer.hu, entry.answer.en]
            texts += [text for step in entry.steps for text in (step.hu, step.en)]
            texts += [*entry.keywords.hu, *entry.keywords.en]
            documents.append(" ".join(texts).lower().split())
        self.bm25 = BM25Okapi(documents)

    def scores(self, query: str) -> object:
        """Return the peer's scores of *query*."""
        return self.bm25.get_scores(query.lower().split())


def _normal(text: str) -> str:
    """Return *text* case-folded, its runs of white space made one space."""
    return " ".join(text.split()).casefold()


def learnt_messages() -> set[str]:
    """Return every message the packaged classifier was learnt from (see :func:`_normal`).

    The sets its model file names: development halves whole, and the tuning split of the
    search's own queries, as ``scripts/generate_faq_model.py`` chooses it.
    """
    root = EVAL_DIR.parents[2]
    spec = importlib.util.spec_from_file_location("gen", root / "scripts" / "generate_faq_model.py")
    if spec is None or spec.loader is None:  # pragma: no cover - our own script
        raise ImportError("scripts/generate_faq_model.py")
    generator: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    model = json.loads(pkgutil.get_data("fiverr_support_kb", "data/faq_model.json") or b"")
    found: set[str] = set()
    for name in model["learnt_from"]:
        text = (root / name).read_text(encoding="utf-8")
        if name.endswith(".jsonl"):
            found.update(_normal(json.loads(line)["message"]) for line in text.split("\n") if line)
        else:
            found.update(_normal(query) for query, _ in generator.tuning_queries(json.loads(text)))
    return found


def clear_word_caches(kb: KnowledgeBase) -> None:
    """Empty every per-word cache: word analyses, misspellings, stems, foldings, and pieces."""
    index = kb._memo.get("search_index", object)  # noqa: SLF001
    index.word.cache_clear()  # type: ignore[attr-defined]
    index.spelt.cache_clear()  # type: ignore[attr-defined]
    for lang in fiverr_support_kb.LANGUAGES:
        _text.analyzer(lang).terms.cache_clear()  # type: ignore[attr-defined]
    _text.fold.cache_clear()
    model = _model.classifier()
    if model is not None:
        model.forget_pieces()


def ratio(part: float, whole: float) -> str:
    """Format *part* / *whole* as a percentage, or a dash when there is nothing."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def quality(rows: list[dict[str, Any]]) -> None:
    """Print the quality figures per class and overall."""
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        accepted = {row["expected"], *row["also"]}
        found = [hit.entry.id for hit in search(row["message"], limit=3)]
        reply = answer(row["message"])
        top = reply.hits[0].entry.id if reply.hits else None
        for name in (row["class"], "overall"):
            c = counts[name]
            c["n"] += 1
            if row["expected"] == "off_topic":
                c["off"] += 1
                c["off_rejected"] += reply.outcome is not Outcome.FAQ
                c["off_called"] += reply.outcome is Outcome.OFF_TOPIC
                c["routed"] += reply.outcome is Outcome.OFF_TOPIC
            elif row["expected"] == "handoff":
                c["hand"] += 1
                c["handed"] += reply.outcome is Outcome.HANDOFF
                c["hand_entry"] += reply.outcome is Outcome.FAQ
                c["routed"] += reply.outcome is Outcome.HANDOFF
            else:
                c["ans"] += 1
                c["hit1"] += bool(found) and found[0] in accepted
                c["hit3"] += bool(accepted & set(found))
                c["nohit"] += not found
                c["routed"] += reply.outcome is Outcome.FAQ and top in accepted
    head = (
        f"{'class':16}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'no-hit':>8}{'routing':>9}"
        f"{'off rej':>9}{'off=off':>9}{'handoff':>9}{'h->faq':>8}"
    )
    print(head)
    for name in sorted(counts, key=lambda key: (key == "overall", key)):
        c = counts[name]
        print(
            f"{name:16}{int(c['n']):>5}{ratio(c['hit1'], c['ans']):>8}"
            f"{ratio(c['hit3'], c['ans']):>8}{ratio(c['nohit'], c['ans']):>8}"
            f"{ratio(c['routed'], c['n']):>9}{ratio(c['off_rejected'], c['off']):>9}"
            f"{ratio(c['off_called'], c['off']):>9}{ratio(c['handed'], c['hand']):>9}"
            f"{ratio(c['hand_entry'], c['hand']):>8}"
        )
    print()


def percentile(values: list[float], share: float) -> float:
    """Return the *share* percentile of *values* (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(rows: list[dict[str, Any]]) -> None:
    """Print answer()'s latency per message: median and p99, all and short messages.

    Wall time, and the thread's CPU time (what the call itself cost, without the time the
    process waited for a core on a shared machine).
    """
    wall: dict[str, list[float]] = {"all": [], f"< {SHORT} chars": []}
    cpu: dict[str, list[float]] = {"all": [], f"< {SHORT} chars": []}
    for _ in range(PASSES):
        for row in rows:
            start_cpu = time.thread_time_ns()
            start = time.perf_counter_ns()
            answer(row["message"])
            took = (time.perf_counter_ns() - start) / 1000
            took_cpu = (time.thread_time_ns() - start_cpu) / 1000
            for label in ("all", f"< {SHORT} chars"):
                if label == "all" or len(row["message"]) < SHORT:
                    wall[label].append(took)
                    cpu[label].append(took_cpu)
    print(f"answer() latency per message (us, steady state, {PASSES} passes)")
    for label, values in wall.items():
        line = (
            f"  {label:16} wall median {statistics.median(values):8.1f}"
            f"  p99 {percentile(values, 0.99):8.1f}"
            f"   cpu median {statistics.median(cpu[label]):8.1f}"
            f"  p99 {percentile(cpu[label], 0.99):8.1f}"
        )
        if label == "all":
            print(line)
            continue
        report(  # the README's row: wall time, messages under SHORT characters
            what=f"`answer()` per chat message under {SHORT} characters, median / p99",
            ours=f"{statistics.median(values):.1f} / {percentile(values, 0.99):.1f} µs",
            target="p99 < 1 ms",
            met=percentile(values, 0.99) < 1000,
            line=line,
        )
    print()


def _kind(name: str) -> str:
    """Return how the caches were treated for the timing row *name*, as the README says it."""
    if name.endswith("per query"):
        return "every per-word cache emptied before each query"
    if name.startswith("search"):
        return "every per-word cache empty, misspelling corrections too"
    return "the same"


def speed(rows: list[dict[str, Any]], kb: KnowledgeBase) -> None:
    """Print per-query time against BM25Okapi, cold per-word caches, rounds interleaved."""
    peer = Peer(kb)
    groups = {
        "all messages": [row["message"] for row in rows],
        f"messages < {SHORT} chars": [
            row["message"] for row in rows if len(row["message"]) < SHORT
        ],
    }
    for query in groups["all messages"]:  # the index and the spelling index's parts are
        answer(query, kb=kb)  # loaded: their cost is first use, not per query
    for label, queries in groups.items():
        ours: list[float] = []
        ours_answer: list[float] = []
        ours_fresh: list[float] = []
        theirs: list[float] = []
        for _ in range(ROUNDS):
            clear_word_caches(kb)
            start = time.perf_counter_ns()
            for query in queries:
                search(query, kb=kb)
            ours.append((time.perf_counter_ns() - start) / len(queries) / 1000)
            start = time.perf_counter_ns()
            for query in queries:
                peer.scores(query)
            theirs.append((time.perf_counter_ns() - start) / len(queries) / 1000)
            clear_word_caches(kb)
            start = time.perf_counter_ns()
            for query in queries:
                answer(query, kb=kb)
            ours_answer.append((time.perf_counter_ns() - start) / len(queries) / 1000)
            took = 0
            for query in queries:
                clear_word_caches(kb)
                start = time.perf_counter_ns()
                search(query, kb=kb)
                took += time.perf_counter_ns() - start
            ours_fresh.append(took / len(queries) / 1000)
        peer_us = statistics.median(theirs)
        print(f"per query (us), {len(queries)} {label}, median of {ROUNDS} interleaved rounds")
        print(f"  {'BM25Okapi.get_scores':34}{peer_us:>9.1f}")
        for name, values in (
            ("search(), cold per-word caches", ours),
            ("answer(), cold per-word caches", ours_answer),
            ("search(), caches emptied per query", ours_fresh),
        ):
            mine = statistics.median(values)
            short = label != "all messages"  # the README's rows: search() first, then answer()
            under = f" under {SHORT} characters" if short else ""
            report(
                what=f"`{name[:8]}` per chat message{under}, {_kind(name)}",
                ours=f"{mine:.1f} µs",
                baseline=f"`rank_bm25.BM25Okapi` {peer_us:.1f} µs",
                ratio=f"{peer_us / mine:.2f}x " + ("faster" if peer_us >= mine else "as fast"),
                target="1.43x (#15)" if short else "faster; 1.43x (#15)",
                met=peer_us / mine >= 1.43,
                line=(
                    f"  {name:34}{mine:>9.1f}   peer/ours {peer_us / mine:5.2f}x"
                    f"   ours/peer {mine / peer_us:5.2f}x"
                ),
            )
        print()


def main(argv: list[str] | None = None) -> None:
    """Print the figures of the chosen half."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=("dev", "dev_extra", "test"), default="test")
    parser.add_argument(
        "--set",
        choices=(
            "faq",
            "faq_fresh",
            "faq_more",
            "faq_heldout",
            "faq_paraphrase",
            "faq_final",
            "faq_long",
            "faq_last",
            "faq_blind9",
            "faq_blind10",
            "faq_blind11",
            "faq_blind12",
            "faq_blind13",
            "faq_blind14",
            "faq_blind15",
            "faq_blind16",
            "faq_blind17",
            "faq_blind18",
        ),
        default="faq",
        help="the blind set (benchmarks/eval/<set>/README.md says which halves it has)",
    )
    parser.add_argument("--no-speed", action="store_true", help="quality and latency only")
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="only the messages the classifier was not learnt from (case and spaces aside)",
    )
    args = parser.parse_args(argv)
    rows = load(args.half, args.set)
    if args.unseen:
        learnt = learnt_messages()
        rows = [row for row in rows if _normal(row["message"]) not in learnt]
    kb = default_kb()
    path = EVAL_DIR.parent / args.set / f"{args.half}.jsonl"
    unseen = ", those the classifier was not learnt from" if args.unseen else ""
    print(f"{args.set} {args.half} half: {len(rows)} messages{unseen} ({path})")
    print()
    quality(rows)
    latency(rows)
    if not args.no_speed:
        speed(rows, kb)


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(exit_status())
