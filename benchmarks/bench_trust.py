"""Evaluate and time the trust checks on the blind set in ``benchmarks/eval/messages/``.

Run with ``python benchmarks/bench_trust.py`` (a few seconds) for the held-out test half, or
``--half dev`` for the half the rules were tuned on. It prints, each beside its target:

* contacts: per class, how many got the expected verdict; then every official form official,
  lookalikes seen as lookalikes (target at least 95%), unrelated ones left unrelated (at least
  97%);
* messages: per class, how many were flagged (``scam`` or ``suspicious``), then scam messages
  flagged (at least 95%) and ordinary messages flagged (at most 3%), also per language;
* latency: the median and 99th percentile of :func:`assess_message` on messages of up to 2,000
  characters (each set message repeated to 2,000 characters; target: median under 5 ms), of
  :func:`assess_contact`, and the time per character on 10 kB and 1 MB messages (linear time:
  the two should be about equal).

``--show-errors`` lists the rows judged wrongly: use it on the dev half only, never on test.
``--set adversarial`` measures only the messages of ``benchmarks/eval/messages_adversarial/``
instead: scam requests dressed as warnings, reports, admin claims or reassurance, and the
ordinary messages they look like (genuine warnings, job passwords, payment talk, support
stories). That set has no targets yet: it measures a known weakness.

The set's README and its four halves are copied byte for byte from the helper's folder; its
generator (``src/``) and the unsplit files it mentions were left there, as they hold the test
half too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Final

from fiverr_support_kb import ContactVerdict, MessageVerdict, assess_contact, assess_message

EVAL: Final = Path(__file__).resolve().parent / "eval" / "messages"
#: Scam requests dressed as warnings, reports, admin claims or reassurance, and the ordinary
#: messages they look like (``--set adversarial``): measured, with no target yet.
ADVERSARIAL: Final = EVAL.parent / "messages_adversarial"
TARGETS: Final = {
    "official": 1.0,
    "lookalike": 0.95,
    "unrelated": 0.97,
    "scam_flagged": 0.95,
    "ordinary_flagged": 0.03,
}


def _rows(name: str, folder: Path = EVAL) -> list[dict[str, Any]]:
    with (folder / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.1%}" if total else "0/0"


def contacts(half: str, *, show_errors: bool) -> bool:
    """Print the contact figures and return whether every target is met."""
    rows = _rows(f"contacts.{half}.jsonl")
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    per_verdict: Counter[str] = Counter()
    verdict_total: Counter[str] = Counter()
    for row in rows:
        result = assess_contact(row["value"])
        key = (row["expected"], row["class"])
        total[key] += 1
        verdict_total[row["expected"]] += 1
        if result.verdict is ContactVerdict(row["expected"]):
            right[key] += 1
            per_verdict[row["expected"]] += 1
        elif show_errors:
            print(f"  WRONG {key}: {row['value']!r} -> {result.verdict.value}")
    print(f"contacts ({half} half, {len(rows)} rows): expected verdict per class")
    for key in sorted(total):
        print(f"  {key[0]:<10} {key[1]:<22} {_rate(right[key], total[key])}")
    met = True
    for verdict in ("official", "lookalike", "unrelated"):
        rate = per_verdict[verdict] / verdict_total[verdict] if verdict_total[verdict] else 1.0
        ok = rate >= TARGETS[verdict]
        met &= ok
        print(
            f"  {verdict:<10} {_rate(per_verdict[verdict], verdict_total[verdict]):<20}"
            f" target >= {TARGETS[verdict]:.0%}  {'ok' if ok else 'MISSED'}"
        )
    return met


def messages(half: str, *, show_errors: bool, adversarial: bool = False) -> bool:
    """Print the message figures and return whether every target is met.

    With *adversarial*, of the adversarial set, which has no targets (always ``True``).
    """
    rows = (
        _rows(f"adversarial.{half}.jsonl", ADVERSARIAL)
        if adversarial
        else _rows(f"messages.{half}.jsonl")
    )
    flagged: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    by_lang: Counter[tuple[str, str]] = Counter()
    lang_total: Counter[tuple[str, str]] = Counter()
    for row in rows:
        result = assess_message(row["text"], sender=row["sender"])
        hit = result.verdict is not MessageVerdict.NO_SIGNALS
        key = (row["expected"], row["class"])
        total[key] += 1
        lang_total[row["expected"], row["lang"]] += 1
        flagged[key] += hit
        by_lang[row["expected"], row["lang"]] += hit
        if show_errors and hit != (row["expected"] == "scam"):
            codes = [reason.code for reason in result.reasons]
            print(f"  WRONG {key} {result.verdict.value} {codes}: {row['text'][:160]!r}")
    print(f"messages ({half} half, {len(rows)} rows): flagged (scam or suspicious) per class")
    for key in sorted(total):
        print(f"  {key[0]:<9} {key[1]:<24} {_rate(flagged[key], total[key])}")
    for key in sorted(lang_total):
        print(f"  {key[0]:<9} lang={key[1]:<19} {_rate(by_lang[key], lang_total[key])}")
    scams = sum(v for k, v in flagged.items() if k[0] == "scam")
    scam_total = sum(v for k, v in total.items() if k[0] == "scam")
    ordinary = sum(v for k, v in flagged.items() if k[0] == "ordinary")
    ordinary_total = sum(v for k, v in total.items() if k[0] == "ordinary")
    if adversarial:
        print(f"  scam flagged      {_rate(scams, scam_total):<20} no target yet")
        print(f"  ordinary flagged  {_rate(ordinary, ordinary_total):<20} no target yet")
        return True
    scam_ok = scams / scam_total >= TARGETS["scam_flagged"]
    ordinary_ok = ordinary / ordinary_total <= TARGETS["ordinary_flagged"]
    print(
        f"  scam flagged      {_rate(scams, scam_total):<20} target >= 95%"
        f"  {'ok' if scam_ok else 'MISSED'}"
    )
    print(
        f"  ordinary flagged  {_rate(ordinary, ordinary_total):<20} target <= 3%"
        f"  {'ok' if ordinary_ok else 'MISSED'}"
    )
    return scam_ok and ordinary_ok


def _timings(call: Any, items: list[Any], repeats: int) -> list[float]:
    times: list[float] = []
    for _ in range(repeats):
        for item in items:
            start = time.perf_counter()
            call(item)
            times.append(time.perf_counter() - start)
    return times


def latency(half: str) -> bool:
    """Print the latency figures and return whether the 5 ms target is met."""
    rows = _rows(f"messages.{half}.jsonl")
    texts = []
    for row in rows:
        text = row["text"]
        while len(text) < 2000:
            text = f"{text}\n{row['text']}"
        texts.append((text[:2000], row["sender"]))
    assess_message("warm-up https://fiverr.com", sender="x")
    times = _timings(lambda item: assess_message(item[0], sender=item[1]), texts, 3)
    median = statistics.median(times) * 1000
    p99 = statistics.quantiles(times, n=100)[98] * 1000
    ok = median < 5
    print(
        f"latency: assess_message on 2,000-character messages: median {median:.2f} ms"
        f" (target < 5 ms)  {'ok' if ok else 'MISSED'}; p99 {p99:.2f} ms"
        " (the tail is other processes on a shared machine)"
    )
    values = [row["value"] for row in _rows(f"contacts.{half}.jsonl")]
    contact_times = _timings(assess_contact, values, 3)
    print(
        f"latency: assess_contact: median {statistics.median(contact_times) * 1e6:.0f} us,"
        f" p99 {statistics.quantiles(contact_times, n=100)[98] * 1e6:.0f} us"
    )
    unit = " ".join(row["text"] for row in rows[:20])
    for size in (10_000, 1_000_000):
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.perf_counter()
        assess_message(text)
        took = time.perf_counter() - start
        per_char = took / size * 1e6
        print(f"latency: {size:>9,} characters: {took * 1000:8.1f} ms, {per_char:.2f} us/char")
    return ok


def main(argv: list[str]) -> int:
    """Run the evaluation on the chosen half; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=["dev", "test"], default="test")
    parser.add_argument("--show-errors", action="store_true", help="dev half only")
    parser.add_argument(
        "--set",
        choices=["messages", "adversarial"],
        default="messages",
        help="the blind set (default), or only the adversarial messages (no targets)",
    )
    args = parser.parse_args(argv)
    if args.show_errors and args.half == "test":
        parser.error("--show-errors is for the dev half: the test half is never looked into")
    if args.set == "adversarial":
        return 0 if messages(args.half, show_errors=args.show_errors, adversarial=True) else 1
    met = contacts(args.half, show_errors=args.show_errors)
    met &= messages(args.half, show_errors=args.show_errors)
    met &= latency(args.half)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
