"""Concurrency: many threads doing the first use of every entry point at once.

Each scenario runs in a fresh interpreter, so that the first use really is the first: nothing
is imported, loaded or indexed before the threads start together on a barrier. The threads
must give exactly the answers one thread gives, and share one copy of every loaded or derived
thing: the packaged knowledge base, the fee schedules, the trust rules and each knowledge
base's indexes.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import pickle
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Final

import pytest

from fiverr_support_kb import (
    FiverrSupportKBError,
    InvalidAmountError,
    KnowledgeBaseError,
    NoScheduleOnDateError,
    UnknownFaqEntryError,
    UnknownFeeScheduleError,
    UnsupportedLanguageError,
    fee_schedule,
    load_kb,
)
from fiverr_support_kb._loading import KB_FILE, read_packaged
from fiverr_support_kb._memo import Memo

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

THREADS: Final = 32

#: The program each scenario runs: ``python -c WORKER THREADS KB_COPY KB_CHANGED [--count]``.
#: It prints one JSON object: each thread's answers, the identity of what the threads
#: shared, how often each memo value was computed, and any exception a thread raised.
WORKER: Final = r"""
import json, sys, threading, traceback

threads, copy_path, changed_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
counting = "--count" in sys.argv[4:]
if threads > 1:
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up

computed = {}
if counting:
    # Count how often each memo value (the FAQ index, the search index, ...) is computed.
    # _memo is a tiny module holding one class: importing it loads and indexes nothing.
    from fiverr_support_kb import _memo

    real_get = _memo.Memo.get
    count_lock = threading.Lock()

    def counting_get(self, key, factory):
        def counted():
            with count_lock:
                name = f"{type(self).__name__}@{id(self)}:{key}"
                computed[name] = computed.get(name, 0) + 1
            return factory()
        return real_get(self, key, counted)

    _memo.Memo.get = counting_get

NAMES = ["Fiverr-Care", "fiverr_365", "FIVERR-CARE", "Fiverr_Care", "Fivеrr-Care",
         "Fivver.Support", "pixelcraft99", "john_designs", "\u200bFiverr-Care", "Ｆｉｖｅｒｒ"]
PRICES = ["0.01", "5", "19.99", "40", "40.01", "40.50", "99.99", "100", "1000000000"]
ROUNDINGS = ["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_05UP", "ROUND_CEILING"]
QUERIES = ["elfelejtettem a jelszavam", "jelszo csere", "how much does fiverr take from sellers",
           "telefonszam", "ugyfelszolgalat email", "Is Fiverr-Care a real account?",
           "paswrod resset", "What's the weather like tomorrow?", "", "díj 40 dollár alatt"]

CONTACTS = ["https://www.fiverr.com/support", "fіverr.com", "xn--fivrr-1we.com", "fiverr.co",
            "support@fiverr.com", "fiverr.help@gmail.com", "+972 3 631 7882", "+972 3 631 7883",
            "https://fiverr.com@evil.example/", "https://twitter.com/fiverr", "river.com"]
MESSAGES = [("Send your password to Fiverr Support: https://fiverr-help.net", "Fiverr_Support"),
            ("Szia! A fájlokat feltöltöttem: https://drive.google.com/x", "kovacs_bence"),
            ("Add me on Telegram", None), ("Heads-up: maintenance on Sunday.", "Fiverr-Updates")]

barrier = threading.Barrier(threads)
shared = {}
results = [None] * threads
errors = []


def split_fields(split):
    return [str(getattr(split, name)) for name in
            ("price", "buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue")]


def hits(found):
    return [[hit.entry.id, repr(hit.score), hit.lang] for hit in found]


def memo_ids(kb):
    return {key: id(value) for key, value in kb._memo._values.items()}


def work(number):
    import fiverr_support_kb as kb_package  # already imported by the main thread: cheap
    answers = {}
    ids = {}
    barrier.wait()
    # Phase 1: the first use of every entry point, each thread starting at another one.
    tasks = []

    def task(function):
        tasks.append(function)
        return function

    @task
    def packaged():
        kb = kb_package.default_kb()
        ids["default_kb"] = id(kb)
        answers["faq_ids"] = list(kb.faq_ids)
        answers["usernames"] = list(kb.official_usernames)
        answers["faq"] = [kb.faq_entry(i).question.en for i in kb.faq_ids]

    @task
    def schedules():
        table = kb_package.fee_schedules()
        ids["fee_schedules"] = id(table)
        ids["help-center"] = id(kb_package.fee_schedule("help-center"))
        answers["schedules"] = sorted(table)

    @task
    def dated():
        ids["fee_history"] = id(kb_package.fee_history())
        days = ("2012-07-01", "2014-11-15", "2019-06-01", "2020-12-24", "2021-03-10", "2027-01-01")
        answers["dated"] = [
            split_fields(kb_package.compute_order_split(price, on=day))
            for day in days for price in PRICES]
        payments = [kb_package.Payment(kind=kind, amount=price)
                    for kind, price in zip(("order", "extra", "tip"), PRICES)]
        answers["payments"] = split_fields(
            kb_package.split_payments(payments, schedule="help-center").total)

    @task
    def official():
        answers["is_official"] = [kb_package.is_official(name) for name in NAMES]

    @task
    def assess():
        out = []
        for name in NAMES:
            result = kb_package.assess_username(name)
            account = result.official_account
            out.append([result.verdict.value, account and account.username,
                        [[reason.code, reason.message] for reason in result.reasons]])
        answers["assess"] = out

    @task
    def splits():
        out = [split_fields(kb_package.compute_order_split(price)) for price in PRICES]
        for schedule in ("article", "help-center"):
            for rounding in ROUNDINGS:
                for price in PRICES:
                    split = kb_package.compute_order_split(
                        price, schedule=schedule, rounding=rounding)
                    out.append(split_fields(split))
        answers["splits"] = out

    @task
    def reverse():
        answers["reverse"] = [
            [str(kb_package.price_for_seller_net(price, schedule=schedule)),
             str(kb_package.max_price_for_budget(price, schedule=schedule))]
            for schedule in ("article", "help-center") for price in PRICES[3:-1]]

    @task
    def ledger():
        orders = [kb_package.Order(price=price, status=status)
                  for price in PRICES for status in ("completed", "delivered", "cancelled")]
        summary = kb_package.summarize_orders(orders, schedule="help-center")
        answers["ledger"] = [str(summary.seller_net_total), str(summary.pending_gross)]

    @task
    def searches():
        answers["search"] = [hits(kb_package.search(query)) for query in QUERIES]
        answers["search_en"] = [hits(kb_package.search(query, lang="en")) for query in QUERIES]

    @task
    def trust():
        from fiverr_support_kb.trust import default_trust_rules

        contacts = [kb_package.assess_contact(value) for value in CONTACTS]
        answers["contacts"] = [[c.verdict.value, c.kind.value, [r.code for r in c.reasons]]
                               for c in contacts]
        messages = [kb_package.assess_message(text, sender=sender) for text, sender in MESSAGES]
        answers["messages"] = [[m.verdict.value, [r.code for r in m.reasons],
                                [f.text for f in m.contacts]] for m in messages]
        ids["trust_rules"] = id(default_trust_rules())

    @task
    def loaded():
        kb = kb_package.load_kb(copy_path)
        answers["load_kb"] = list(kb.faq_ids)
        shared.setdefault("copy", kb)
        shared.setdefault("changed", kb_package.load_kb(changed_path))

    for index in range(len(tasks)):
        tasks[(number + index) % len(tasks)]()
    barrier.wait()
    # Phase 2: all threads use the same fresh knowledge bases at once: their first search
    # and first FAQ lookup race to build the indexes.
    for name in ("copy", "changed"):
        kb = shared[name]
        answers[f"{name}_search"] = [hits(kb.search(query)) for query in QUERIES]
        answers[f"{name}_faq"] = [kb.faq_entry(i).id for i in kb.faq_ids]
        ids[f"{name}_memo"] = memo_ids(kb)
    ids["default_memo"] = memo_ids(kb_package.default_kb())
    results[number] = {"answers": answers, "ids": ids}


def run(number):
    try:
        work(number)
    except BaseException:
        errors.append(traceback.format_exc())
        barrier.abort()


import fiverr_support_kb  # the package only: light, loads nothing (see test_data)

pool = [threading.Thread(target=run, args=(number,)) for number in range(threads)]
for thread in pool:
    thread.start()
for thread in pool:
    thread.join()
print(json.dumps({"results": results, "errors": errors, "computed": computed}))
"""


def run_worker(threads: int, copy_path: Path, changed_path: Path, *, count: bool) -> Any:
    """Run :data:`WORKER` in a fresh interpreter and return what it printed."""
    argv = [sys.executable, "-c", WORKER, str(threads), str(copy_path), str(changed_path)]
    result = subprocess.run(
        [*argv, *(["--count"] if count else [])],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def data_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the packaged knowledge base, and one with a FAQ entry changed and one added."""
    directory = tmp_path_factory.mktemp("kb")
    raw, _ = read_packaged(KB_FILE)
    copy_path = directory / "copy.json"
    copy_path.write_bytes(raw)
    document = json.loads(raw)
    extra = copy.deepcopy(document["faq"][0])
    extra["id"] = "refund-policy"
    extra["question"] = {"hu": "Hogyan kérhetek visszatérítést?", "en": "How do I get a refund?"}
    extra["answer"] = {
        "hu": "A visszatérítést a rendelés oldalán kérheted a megrendelés lemondásával.",
        "en": "Ask for a refund on the order page by cancelling the order.",
    }
    extra["steps"] = []
    extra["keywords"] = {"hu": ["visszatérítés", "pénz vissza"], "en": ["refund", "money back"]}
    document["faq"].append(extra)
    document["faq"][1]["answer"]["en"] += " Fiverr was founded in 2010."
    changed_path = directory / "changed.json"
    changed_path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return copy_path, changed_path


@pytest.fixture(scope="module")
def one_thread(data_files: tuple[Path, Path]) -> Any:
    """What one thread answers, in a fresh interpreter of its own."""
    output = run_worker(1, *data_files, count=False)
    assert output["errors"] == []
    return output["results"][0]


def assert_same_as_one_thread(output: Any, expected: Any) -> None:
    """Every thread ran without error and answered exactly what one thread answers."""
    assert output["errors"] == [], output["errors"][0]
    assert len(output["results"]) == THREADS
    for result in output["results"]:
        assert result["answers"] == expected["answers"]
    assert expected["answers"]["changed_search"] != expected["answers"]["copy_search"]


def test_first_use_from_32_threads_answers_as_one_thread(
    data_files: tuple[Path, Path], one_thread: Any
) -> None:
    """32 threads starting together on every entry point answer exactly as one thread does."""
    assert_same_as_one_thread(run_worker(THREADS, *data_files, count=False), one_thread)


def test_first_use_from_32_threads_shares_one_copy_of_everything(
    data_files: tuple[Path, Path], one_thread: Any
) -> None:
    """The threads share one default_kb, one fee table and one of each index, built once."""
    output = run_worker(THREADS, *data_files, count=True)
    assert_same_as_one_thread(output, one_thread)
    ids = [result["ids"] for result in output["results"]]
    for name in ("default_kb", "fee_schedules", "help-center", "trust_rules", "fee_history"):
        assert len({thread[name] for thread in ids}) == 1, name
    for name in ("copy_memo", "changed_memo", "default_memo"):
        memos = [thread[name] for thread in ids]
        assert memos[0], f"nothing was indexed in {name}"
        assert all(memo == memos[0] for memo in memos), name
    # Every memo value, the search and FAQ indexes of each knowledge base included, was
    # computed exactly once, however many threads asked for it first.
    computed = output["computed"]
    assert computed
    assert any(key.endswith(":faq_index") for key in computed)
    assert all(count == 1 for count in computed.values()), computed


def test_search_index_of_a_new_knowledge_base_is_built_once(
    data_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process too: 32 threads' first searches of a new load_kb copy build one index."""
    kb = load_kb(data_files[1])
    computed: dict[str, int] = {}
    lock = threading.Lock()
    real_get = Memo.get

    def counting_get(memo: Memo, key: str, factory: Callable[[], Any]) -> Any:
        def counted() -> Any:
            with lock:
                computed[key] = computed.get(key, 0) + 1
            return factory()

        return real_get(memo, key, counted)

    monkeypatch.setattr(Memo, "get", counting_get)
    expected = [hit.entry.id for hit in copy.deepcopy(kb).search("visszatérítés")]
    computed.clear()
    barrier = threading.Barrier(THREADS)
    found: list[list[str]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            found.append([hit.entry.id for hit in kb.search("visszatérítés")])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert found == [expected] * THREADS
    assert "refund-policy" in expected
    assert computed
    assert set(computed.values()) == {1}


# --- errors cross process boundaries ---------------------------------------------------------

ERRORS: Final = (
    KnowledgeBaseError("kb.json", ["empty text @ $.company.name", "extra fields found (x) @ $"]),
    UnknownFaqEntryError("nope", ("seller-fee", "buyer-fee")),
    UnsupportedLanguageError("de", ("hu", "en")),
    UnknownFeeScheduleError("nope", ("article", "help-center")),
    NoScheduleOnDateError("no known fee schedule on 2016-06-01; the nearest known periods are"),
    InvalidAmountError("price 'x' is not a decimal number"),
)


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_errors_survive_pickle_and_copy(error: FiverrSupportKBError) -> None:
    """Every kind of library error can be pickled and copied, as process pools and logs do."""
    unpickled = pickle.loads(pickle.dumps(error))  # noqa: S301 - the bytes just made here
    for clone in (unpickled, copy.copy(error), copy.deepcopy(error)):
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        assert vars(clone) == vars(error)


def test_errors_come_back_from_a_worker_process(tmp_path: Path) -> None:
    """An error raised in a process pool's worker reaches the caller intact, the pool unbroken."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        missing = pool.submit(load_kb, str(tmp_path / "missing.json"))
        unknown = pool.submit(fee_schedule, "nope")
        found = pool.submit(fee_schedule, "help-center")
        with pytest.raises(KnowledgeBaseError, match=r"missing\.json") as info:
            missing.result(timeout=120)
        assert info.value.source == str(tmp_path / "missing.json")
        with pytest.raises(UnknownFeeScheduleError, match="nope"):
            unknown.result(timeout=120)
        assert found.result(timeout=120) == fee_schedule("help-center")
