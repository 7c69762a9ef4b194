"""Benchmark fiverr_support_kb.search against rank_bm25's BM25Okapi: quality, speed, first use.

Run: ``python benchmarks/bench_search.py`` (needs the ``benchmarks`` extra: rank-bm25). A few
seconds on two cores.

Quality: the evaluation sets of the tests (``tests/search_eval.json``): paraphrases of every
FAQ entry in Hungarian (with and without accents) and English, typos included, and off-topic
questions, in two sets written at different times (v1, v2). Every third question of each list
is the held-out split, never used for tuning. The peer, ``BM25Okapi``, scores the same entries
(question, answer, steps and keywords, both languages, one document per entry) with
lower-cased whitespace tokens; its hits are the entries scoring above 0, so a question none of
whose tokens occurs gets none.

Speed is the time per query over the distinct query strings of both sets (there is no
whole-query cache), the peer's being ``get_scores`` on whitespace tokens:

* steady state: the words were seen before and come from the per-word caches, as they do in
  a running service;
* cold cache: every per-word cache is emptied before each round (the index's word analyses,
  the stems, the accent foldings), so every word of every query is analysed for the first time
  in the round; the index itself is loaded (its cost is under first use);
* fresh process: a new interpreter imports the library, answers one question (first use),
  then every query once, and the peer every query once: everything a cold process pays,
  the spelling index built on the first unknown word included;
* the classifier alone, cold: the learnt classifier of step 6 by itself, with the rows it
  keeps forgotten before each round (no rule, no ranking, no passage): a floor of the
  present design.

First use: cold interpreters (median of several runs, byte code cached as an installed wheel
has it) doing ``import cattrs``, loading the packaged knowledge base, and the first search;
and in process, what the first search of the packaged knowledge base costs (reading the
precomputed index) against indexing the same FAQ at run time, as a knowledge base loaded from
another file is.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from rank_bm25 import BM25Okapi

import fiverr_support_kb
from _report import exit_status, report
from fiverr_support_kb import KnowledgeBase, default_kb
from fiverr_support_kb.faq import _model, _text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

search = fiverr_support_kb.search
search_module: Any = import_module("fiverr_support_kb.faq._engine")
EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "search_eval.json"
SETS = {"v1": ("faq", "off_topic"), "v2": ("faq_v2", "off_topic_v2")}
SPLITS = ("tune", "heldout")
ROUNDS = 7
COLD_RUNS = 15


def load_eval() -> dict[str, Any]:
    """Return the evaluation sets."""
    data: dict[str, Any] = json.loads(EVAL_FILE.read_text(encoding="utf-8"))
    return data


def split_items(items: list[str], split: str) -> list[str]:
    """Return the items of *split* (every third item is held out)."""
    return [item for index, item in enumerate(items) if (index % 3 == 2) == (split == "heldout")]


def all_queries(data: dict[str, Any]) -> list[str]:
    """Return every question of every set, FAQ and off-topic."""
    queries = []
    for faq, off_topic in SETS.values():
        queries += [text for texts in data[faq].values() for text in texts] + data[off_topic]
    return queries


class Peer:
    """rank_bm25's BM25Okapi over the same entries, with whitespace tokens."""

    def __init__(self, kb: KnowledgeBase) -> None:
        """Index every FAQ entry of *kb* as one document of all its texts."""
        self.ids = kb.faq_ids
        documents = []
        for entry in kb.faq:
            texts = [entry.question.hu, entry.question.en, entry.answer.hu, entry.answer.en]
            texts += [text for step in entry.steps for text in (step.hu, step.en)]
            texts += [*entry.keywords.hu, *entry.keywords.en]
            documents.append(" ".join(texts).lower().split())
        self.bm25 = BM25Okapi(documents)

    def search(self, query: str, limit: int = 3) -> list[str]:
        """Return the ids of the best entries scoring above 0, best first."""
        scores = [float(score) for score in self.bm25.get_scores(query.lower().split())]
        ranked = sorted(zip(scores, self.ids, strict=True), key=lambda pair: -pair[0])
        return [entry_id for score, entry_id in ranked[:limit] if score > 0]


def quality(
    find: Callable[[str], list[str]], data: dict[str, Any], faq: str, off_topic: str, split: str
) -> dict[str, float]:
    """Return hit@1, hit@3, MRR and off-topic rejection of *find* on a set's *split*."""
    ranks = []
    for entry_id, texts in data[faq].items():
        for text in split_items(texts, split):
            found = find(text)[:3]
            ranks.append(found.index(entry_id) + 1 if entry_id in found else 0)
    others = split_items(data[off_topic], split)
    return {
        "hit@1": sum(rank == 1 for rank in ranks) / len(ranks),
        "hit@3": sum(rank > 0 for rank in ranks) / len(ranks),
        "MRR": sum(1 / rank for rank in ranks if rank) / len(ranks),
        "off-topic rejected": sum(not find(text) for text in others) / len(others),
        "questions": len(ranks),
        "off-topic questions": len(others),
    }


def per_query_us(run: Callable[[str], object], queries: Iterable[str]) -> float:
    """Return the mean time of one call of *run*, in microseconds, over *queries* once."""
    queries = list(queries)
    start = time.perf_counter_ns()
    for query in queries:
        run(query)
    return (time.perf_counter_ns() - start) / len(queries) / 1000


def clear_word_caches(kb: KnowledgeBase) -> None:
    """Empty every per-word cache: word analyses, misspellings, stems and foldings."""
    index = kb._memo.get("search_index", object)  # noqa: SLF001
    index.word.cache_clear()  # type: ignore[attr-defined]
    index.spelt.cache_clear()  # type: ignore[attr-defined]
    for lang in fiverr_support_kb.LANGUAGES:
        _text.analyzer(lang).terms.cache_clear()  # type: ignore[attr-defined]
    _text.fold.cache_clear()
    model = _model.classifier()
    if model is not None:
        model.forget_pieces()


def ms(seconds: float) -> str:
    """Format *seconds* as milliseconds."""
    return f"{seconds * 1000:.1f}"


# --- fresh interpreters ------------------------------------------------------------------


def interpreter_env(cache: str) -> dict[str, str]:
    """Return the environment of a child interpreter: byte code cached under *cache*."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": cache}


def cold_run(code: str, env: dict[str, str]) -> float:
    """Return the wall time of a new interpreter running *code*, in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # noqa: S603 - ours
    return time.perf_counter() - start


FRESH_PROCESS = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bench_search import Peer, search
import fiverr_support_kb
queries = json.loads(sys.stdin.read())
search("jelszó")
peer = Peer(fiverr_support_kb.default_kb())
start = time.perf_counter_ns()
for query in queries:
    search(query)
ours = (time.perf_counter_ns() - start) / len(queries) / 1000
start = time.perf_counter_ns()
for query in queries:
    peer.bm25.get_scores(query.lower().split())
theirs = (time.perf_counter_ns() - start) / len(queries) / 1000
print(json.dumps([ours, theirs]))
"""


def fresh_process(queries: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return (ours, peer) microseconds per query in a new interpreter, each query once."""
    done = subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", FRESH_PROCESS, str(Path(__file__).resolve().parent)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    ours, theirs = json.loads(done.stdout)
    return float(ours), float(theirs)


# --- the report --------------------------------------------------------------------------


def report_quality(data: dict[str, Any], kb: KnowledgeBase, peer: Peer) -> None:
    """Print the quality of both sets' splits, side by side with the peer's."""

    def ours(text: str) -> list[str]:
        return [hit.entry.id for hit in search(text, limit=3, kb=kb)]

    for name, (faq, off_topic) in SETS.items():
        for split in SPLITS:
            mine = quality(ours, data, faq, off_topic, split)
            theirs = quality(peer.search, data, faq, off_topic, split)
            print(f"{name} {split} ({mine['questions']:.0f} questions, ", end="")
            print(f"{mine['off-topic questions']:.0f} off-topic)")
            print(f"{'':28}{'fiverr_support_kb':>18}{'BM25Okapi':>12}")
            for metric in ("hit@1", "hit@3", "MRR", "off-topic rejected"):
                print(f"  {metric:26}{mine[metric]:>18.3f}{theirs[metric]:>12.3f}")
            print()


def report_speed(queries: list[str], kb: KnowledgeBase, peer: Peer, env: dict[str, str]) -> None:
    """Print the per-query times, side by side with the peer's, and their ratio."""

    def ours(text: str) -> object:
        return search(text, kb=kb)

    def theirs(text: str) -> object:
        return peer.bm25.get_scores(text.lower().split())

    per_query_us(ours, queries)  # loads the index and the spelling index's parts
    cold = []
    for _ in range(ROUNDS):
        clear_word_caches(kb)
        cold.append(per_query_us(ours, queries))
    steady = [per_query_us(ours, queries) for _ in range(ROUNDS)]
    peer_us = statistics.median(per_query_us(theirs, queries) for _ in range(ROUNDS))
    # A floor of the present design: the learnt classifier by itself, its rows forgotten
    # (no rule, no ranking, no passage), reading each query as written (the search gives
    # it only the asking sentences, which for these short queries are the whole of them).
    model = _model.classifier()
    alone = []
    if model is not None:
        for _ in range(ROUNDS):
            model.forget_pieces()
            alone.append(per_query_us(model.scores, queries))
    fresh = [fresh_process(queries, env) for _ in range(3)]
    rows = [
        ("steady state", statistics.median(steady), peer_us),
        ("cold cache", statistics.median(cold), peer_us),
        (
            "fresh process",
            statistics.median(mine for mine, _ in fresh),
            statistics.median(other for _, other in fresh),
        ),
    ]
    if alone:
        rows.append(("the classifier alone, cold", statistics.median(alone), peer_us))
    print(f"per query (us), {len(queries)} distinct queries, median of {ROUNDS} rounds")
    print(f"{'':28}{'fiverr_support_kb':>18}{'BM25Okapi':>12}{'peer/ours':>11}")
    for label, mine, other in rows:
        line = f"  {label:26}{mine:>18.1f}{other:>12.1f}{other / mine:>10.2f}x"
        if label not in README_ROWS:
            print(line)
            continue
        what, peer_named, target = README_ROWS[label]
        report(
            what=what,
            ours=f"{mine:.1f} µs",
            baseline=f"{peer_named} {other:.1f} µs",
            ratio=f"{other / mine:.2f}x " + ("faster" if other >= mine else "as fast"),
            target=target,
            met=other / mine > 1,
            line=line,
        )
    print()


#: The README's performance table's rows: (what, the peer's description, target), by label.
README_ROWS: Final = {
    "steady state": (
        "`search()` per query, words seen before",
        "`rank_bm25.BM25Okapi`, whitespace tokens",
        "faster",
    ),
    "cold cache": (
        "`search()` per query, every per-word cache empty",
        "`rank_bm25.BM25Okapi`",
        "faster",
    ),
}


def report_first_use(env: dict[str, str]) -> None:
    """Print what a first search costs, cold and in process, side by side with baselines."""
    commands = {
        "import cattrs": "import cattrs",
        "load packaged KB": "import fiverr_support_kb as k; k.default_kb()",
        "first search": "import fiverr_support_kb as k; k.search('jelszó')",
    }
    for code in commands.values():
        cold_run(code, env)  # caches the byte code
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(COLD_RUNS):
        for label, code in commands.items():
            times[label].append(cold_run(code, env))
    cattrs_s = statistics.median(times["import cattrs"])
    kb_s = statistics.median(times["load packaged KB"])
    first_s = statistics.median(times["first search"])
    print(f"first use, new interpreter (ms, median of {COLD_RUNS})")
    print(f"{'':40}{'ms':>8}{'/cattrs':>9}")
    print(f"  {'import cattrs (the baseline)':38}{ms(cattrs_s):>8}{1:>8.2f}x")
    print(f"  {'import + default_kb()':38}{ms(kb_s):>8}{kb_s / cattrs_s:>8.2f}x")
    first = "import + search('jelszó')"
    print(f"  {first:38}{ms(first_s):>8}{first_s / cattrs_s:>8.2f}x")
    print(f"  {'  of which the search itself':38}{ms(first_s - kb_s):>8}")
    print()

    kb = default_kb()
    loads, builds, bm25, near, far = [], [], [], [], []
    for _ in range(ROUNDS):
        search_module._packaged_index.forget()  # noqa: SLF001 - forget the precomputed index
        start = time.perf_counter()
        index = search_module._build(kb.faq, kb.company.name)  # noqa: SLF001
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        search_module._runtime_index(kb.faq, kb.company.name)  # noqa: SLF001 - as a custom KB
        builds.append(time.perf_counter() - start)
        start = time.perf_counter()
        Peer(kb)
        bm25.append(time.perf_counter() - start)
        spelling = index._spelling  # noqa: SLF001
        start = time.perf_counter()
        spelling._near_index()  # noqa: SLF001
        near.append(time.perf_counter() - start)
        start = time.perf_counter()
        for size in range(8, 41):
            spelling._far_index(size)  # noqa: SLF001
        far.append(time.perf_counter() - start)
    print("first use, in process (ms, median)")
    print(f"{'':40}{'fiverr_support_kb':>18}{'BM25Okapi':>12}")
    rows = [
        ("packaged KB: precomputed index", loads, bm25),
        ("same FAQ indexed at run time", builds, bm25),
        ("spelling index, short words", near, None),
        ("spelling index, long words (all)", far, None),
    ]
    for label, mine, other in rows:
        peer_ms = ms(statistics.median(other)) if other else ""
        print(f"  {label:38}{ms(statistics.median(mine)):>18}{peer_ms:>12}")


def main() -> None:
    """Print the quality, speed and first-use figures side by side."""
    data = load_eval()
    queries = all_queries(data)
    assert len(set(queries)) == len(queries), "query strings must be distinct"  # noqa: S101
    kb = default_kb()
    peer = Peer(kb)
    print(f"Python {platform.python_version()} on {platform.machine()}")
    print()
    report_quality(data, kb, peer)
    with tempfile.TemporaryDirectory() as cache:
        env = interpreter_env(cache)
        report_speed(queries, kb, peer, env)
        report_first_use(env)


if __name__ == "__main__":
    main()
    sys.exit(exit_status())
