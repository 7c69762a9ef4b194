"""Write-once, thread-safe values: a memo hung off an immutable object, and lazy loaders.

A :class:`Memo` hangs off a frozen model (an ``init=False``, ``eq=False`` field) and holds
things that are expensive to derive and never change for that model, such as a search index.
Each value is computed at most once, under the lock; reads of an existing value take no lock.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)


class Memo:
    """Lazily computed, write-once values, keyed by name."""

    __slots__ = ("_lock", "_values")

    def __init__(self) -> None:
        """Create an empty memo."""
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}

    def get(self, key: str, factory: Callable[[], _T]) -> _T:
        """Return the value under *key*, computing it with *factory* the first time."""
        try:
            return cast("_T", self._values[key])
        except KeyError:
            pass
        with self._lock:
            if key not in self._values:
                self._values[key] = factory()
            return cast("_T", self._values[key])

    def __reduce__(self) -> tuple[type[Memo], tuple[()]]:
        """Copy or pickle as an empty memo: derived values are rebuilt on demand."""
        return (Memo, ())

    def __repr__(self) -> str:
        """Show which values are computed, not the values themselves."""
        return f"Memo({sorted(self._values)!r})"


class Loader(Protocol[_T_co]):
    """A function made by :func:`once`: call it for the value."""

    @property
    def cell(self) -> Sequence[_T_co]:
        """The value once computed (one item), empty before.

        For a hot path that cannot afford the call: ``cell[0] if cell else loader()``.
        """
        ...

    def __call__(self) -> _T_co:
        """Return the value, computing it on the first call."""
        ...

    def loaded(self) -> bool:
        """Tell whether the value has been computed."""
        ...

    def forget(self) -> None:
        """Drop the value, so the next call computes it again (for tests)."""
        ...


@contextlib.contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Keep the cyclic garbage collector from running while a cold start builds its data.

    Loading data allocates tens of thousands of objects that live as long as the process; the
    collector would scan them again and again (about a tenth of a cold start) to free none.
    A collector the caller has switched off stays off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def once(factory: Callable[[], _T]) -> Loader[_T]:
    """Return a function that calls *factory* on its first call and returns that value ever after.

    The one lazy loader of the package: the value is computed exactly once, under a lock, even
    when many threads ask at the same time; later calls take no lock. *factory* runs inside the
    lock, so it must not call the function being built.
    """
    lock = threading.Lock()
    cell: list[_T] = []

    def get() -> _T:
        if cell:
            return cell[0]
        with lock:
            if not cell:
                with no_gc_pauses():
                    cell.append(factory())
            return cell[0]

    def forget() -> None:
        with lock:
            cell.clear()

    functools.update_wrapper(get, factory)
    vars(get).update(cell=cell, loaded=lambda: bool(cell), forget=forget)
    return cast("Loader[_T]", get)
