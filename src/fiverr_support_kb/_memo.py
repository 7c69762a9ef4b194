"""A write-once, thread-safe memo for values derived from an immutable object.

A :class:`Memo` hangs off a frozen model (an ``init=False``, ``eq=False`` field) and holds
things that are expensive to derive and never change for that model, such as a search index.
Each value is computed at most once, under the lock; reads of an existing value take no lock.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable

_T = TypeVar("_T")


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
