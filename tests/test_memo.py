"""The write-once values of fiverr_support_kb._memo: Memo and the lazy loader once()."""

from __future__ import annotations

import copy
import pickle
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb._memo import Memo, once

THREADS = 32


class Counter:
    """A factory that counts its calls and is slow enough for threads to meet in it."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        time.sleep(0.01)
        return object()


def run_together(function: object, threads: int = THREADS) -> list[object]:
    """Call *function* from *threads* threads released at the same moment; return the results."""
    barrier = threading.Barrier(threads)
    results: list[object] = []
    lock = threading.Lock()

    def work() -> None:
        barrier.wait()
        value = function()  # type: ignore[operator]
        with lock:
            results.append(value)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def test_once_runs_its_factory_exactly_once_for_32_threads() -> None:
    """32 threads asking at the same moment run the factory once and all get the same value."""
    counter = Counter()
    loader = once(counter)
    results = run_together(loader)
    assert counter.calls == 1
    assert len(results) == THREADS
    assert all(result is results[0] for result in results)


def test_once_is_lazy_and_reports_loaded() -> None:
    """Nothing runs until the first call; loaded() tells whether the value is there."""
    counter = Counter()
    loader = once(counter)
    assert counter.calls == 0
    assert not loader.loaded()
    value = loader()
    assert loader.loaded()
    assert loader() is value
    assert counter.calls == 1


def test_forget_makes_the_next_call_run_the_factory_again() -> None:
    """After forget(), loaded() is false and the next call computes a new value."""
    counter = Counter()
    loader = once(counter)
    first = loader()
    loader.forget()
    assert not loader.loaded()
    second = loader()
    assert second is not first
    assert counter.calls == 2
    loader.forget()
    results = run_together(loader)
    assert counter.calls == 3
    assert all(result is results[0] for result in results)


def test_forget_before_any_call_is_harmless() -> None:
    """forget() on a loader never called leaves it unloaded and working."""
    loader = once(Counter())
    loader.forget()
    assert not loader.loaded()
    loader()
    assert loader.loaded()


def test_a_failing_factory_leaves_the_loader_unloaded() -> None:
    """A factory that raises stores nothing: the caller gets the error, the next call retries."""
    attempts: list[int] = []

    def flaky() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails")
        return len(attempts)

    loader = once(flaky)
    with pytest.raises(RuntimeError, match="first attempt fails"):
        loader()
    assert not loader.loaded()
    assert loader() == 2
    assert loader.loaded()


def test_once_keeps_the_factory_name_and_doc() -> None:
    """The loader looks like its factory to help() and Sphinx: same name and docstring."""

    def packaged_thing() -> int:
        """Return the packaged thing."""
        return 1

    loader = once(packaged_thing)
    assert loader.__name__ == "packaged_thing"  # type: ignore[attr-defined]
    assert loader.__doc__ == "Return the packaged thing."


def test_memo_computes_each_key_once_for_32_threads() -> None:
    """Memo.get from 32 threads at once runs the factory of a key exactly once."""
    memo = Memo()
    counter = Counter()
    results = run_together(lambda: memo.get("index", counter))
    assert counter.calls == 1
    assert all(result is results[0] for result in results)


@given(st.lists(st.sampled_from("abc"), max_size=20))
def test_memo_keeps_the_first_value_of_every_key(keys: list[str]) -> None:
    """Whatever the order of requests, each key keeps the value its first factory made."""
    memo = Memo()
    first: dict[str, int] = {}
    for number, key in enumerate(keys):
        value = memo.get(key, lambda number=number: number)  # type: ignore[misc]
        first.setdefault(key, number)
        assert value == first[key]


def test_memo_copies_and_pickles_empty() -> None:
    """A copied or unpickled memo is empty: derived values are rebuilt, never shared."""
    memo = Memo()
    memo.get("index", lambda: 1)
    assert repr(memo) == "Memo(['index'])"
    for clone in (copy.copy(memo), copy.deepcopy(memo), pickle.loads(pickle.dumps(memo))):  # noqa: S301 - our own bytes
        assert repr(clone) == "Memo([])"
        assert clone.get("index", lambda: 2) == 2
