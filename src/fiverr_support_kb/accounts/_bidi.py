r"""The order in which a name with bidirectional controls is displayed, for the username checks.

A name stored as ``"\u202eeraC-rreviF"`` (U+202E RIGHT-TO-LEFT OVERRIDE, then the letters
backwards) is shown as ``Fiverr-Care``: readers judge what they see, so the checks must too.
:func:`displayed` applies the Unicode Bidirectional Algorithm (UAX #9) in a simplified form
that is exact for what usernames do: explicit embeddings, overrides and isolates (rules X1 to
X10, with level runs standing for isolating run sequences), weak and neutral types (W1 to W7,
N1, N2), implicit levels (I1, I2) and reordering (L2), in a left-to-right paragraph unless
the first strong letter is right-to-left (P2, P3). The controls themselves are not shown.

>>> displayed("\u202eeraC-rreviF")
('Fiverr-Care', (11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1))
>>> displayed("Fiverr\u202eeraC-\u202c")[0]
'Fiverr-Care'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from fiverr_support_kb._memo import once

__all__ = ["BIDI_CONTROLS", "bidi_controls", "displayed"]

#: The explicit directional formatting characters and marks (UAX #9, section 2).
BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


@once
def _control_re() -> re.Pattern[str]:
    """The regex of the controls, compiled on first use."""
    return re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


_MAX_DEPTH: Final = 125
_EMBEDDINGS: Final = {"\u202a": (0, ""), "\u202b": (1, ""), "\u202d": (0, "L"), "\u202e": (1, "R")}
_ISOLATES: Final = {"\u2066": 0, "\u2067": 1}
_NEUTRAL: Final = frozenset({"B", "S", "WS", "ON", "ET", "ES", "CS", "BN", "NSM"})


def bidi_controls(text: str) -> tuple[int, ...]:
    r"""Return the indexes of the bidirectional controls in *text* (linear, in C).

    >>> bidi_controls("ab\u202ecd\u202c")
    (2, 5)
    """
    # Most names have no control: a set test (also in C) spares compiling the regex for them.
    if text.isascii() or BIDI_CONTROLS.isdisjoint(text):
        return ()
    return tuple(found.start() for found in _control_re().finditer(text))


def _strong(text: str, start: int) -> int | None:
    """Return 0 or 1 for the first strong letter from *start*, skipping isolates (P2)."""
    depth = 0
    for ch in text[start:]:
        if ch in _ISOLATES or ch == "\u2068":
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return 0
            if kind in {"R", "AL"}:
                return 1
    return None


def _levels(text: str, base: int) -> tuple[list[int], list[str], list[int]]:  # noqa: C901 - one branch per rule X2 to X9
    """Apply X1 to X9: the kept characters' indexes, bidirectional classes and levels."""
    stack: list[tuple[int, str, bool]] = [(base, "", False)]
    kept: list[int] = []
    classes: list[str] = []
    levels: list[int] = []
    for index, ch in enumerate(text):
        level, override, _ = stack[-1]
        if ch in _EMBEDDINGS or ch in _ISOLATES or ch == "\u2068":
            if ch in _EMBEDDINGS:
                odd, new_override = _EMBEDDINGS[ch]
                isolate = False
            else:
                odd = _ISOLATES.get(ch, _strong(text, index + 1) or 0)
                new_override, isolate = "", True
            new = level + 1 + ((level + 1) % 2 != odd)
            if new <= _MAX_DEPTH and len(stack) <= _MAX_DEPTH:
                stack.append((new, new_override, isolate))
            continue
        if ch == "\u202c":  # PDF: close the innermost embedding, not an isolate
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
            continue
        if ch == "\u2069":  # PDI: close everything up to the innermost isolate
            if any(entry[2] for entry in stack[1:]):
                while not stack.pop()[2]:
                    pass
            continue
        kind = unicodedata.bidirectional(ch) or "L"
        if kind in {"LRM", "RLM", "ALM"} or ch in BIDI_CONTROLS:
            continue
        kept.append(index)
        classes.append(override or kind)
        levels.append(level)
    return kept, classes, levels


def _resolve(classes: list[str], levels: list[int], base: int) -> list[int]:
    """Apply W1 to W7, N1, N2, I1 and I2 over each run of one level; return the levels."""
    size = len(classes)
    result = list(levels)
    start = 0
    while start < size:
        stop = start
        while stop < size and levels[stop] == levels[start]:
            stop += 1
        level = levels[start]
        before = levels[start - 1] if start else base
        after = levels[stop] if stop < size else base
        sos = "R" if max(level, before) % 2 else "L"
        eos = "R" if max(level, after) % 2 else "L"
        run = classes[start:stop]
        _weak(run, sos)
        _neutral(run, sos, eos, "R" if level % 2 else "L")
        for k, kind in enumerate(run):
            if level % 2 == 0:
                result[start + k] = level + (1 if kind == "R" else 2 if kind in {"AN", "EN"} else 0)
            else:
                result[start + k] = level + (kind in {"L", "EN", "AN"})
        start = stop
    return result


def _weak(run: list[str], sos: str) -> None:  # noqa: C901, PLR0912 - one branch per rule W1 to W7
    """Resolve the weak types of one run in place (W1 to W7)."""
    previous = sos
    strong = sos
    for k, original in enumerate(run):
        kind = previous if original == "NSM" else original  # W1
        if kind == "EN" and strong == "AL":  # W2
            kind = "AN"
        run[k] = kind
        if kind in {"L", "R", "AL"}:
            strong = kind
        previous = kind
    for k, kind in enumerate(run):
        if kind == "AL":  # W3
            run[k] = "R"
    for k in range(1, len(run) - 1):  # W4
        left, right = run[k - 1], run[k + 1]
        if run[k] == "ES" and left == right == "EN":
            run[k] = "EN"
        elif run[k] == "CS" and left == right and left in {"EN", "AN"}:
            run[k] = left
    for k, kind in enumerate(run):  # W5: European terminators next to digits
        if kind == "ET" and (
            (k > 0 and run[k - 1] == "EN") or (k + 1 < len(run) and run[k + 1] == "EN")
        ):
            run[k] = "EN"
    strong = sos
    for k, kind in enumerate(run):
        if kind in {"ET", "ES", "CS"}:  # W6
            run[k] = "ON"
        elif kind in {"L", "R"}:
            strong = kind
        elif kind == "EN" and strong == "L":  # W7
            run[k] = "L"


def _neutral(run: list[str], sos: str, eos: str, embedding: str) -> None:
    """Resolve the neutral types of one run in place (N1, N2)."""
    k = 0
    while k < len(run):
        if run[k] not in _NEUTRAL:
            k += 1
            continue
        stop = k
        while stop < len(run) and run[stop] in _NEUTRAL:
            stop += 1
        left = "R" if k == 0 and sos == "R" else ("L" if k == 0 else run[k - 1])
        right = eos if stop == len(run) else run[stop]
        left = "R" if left in {"EN", "AN"} else left
        right = "R" if right in {"EN", "AN"} else right
        chosen = left if left == right else embedding
        run[k:stop] = [chosen] * (stop - k)
        k = stop


def displayed(text: str) -> tuple[str, tuple[int, ...]]:
    """Return *text* as displayed, without its bidirectional controls, and where each came from.

    The second item gives, for each displayed character, its index in *text*.
    """
    base = _strong(text, 0) or 0
    kept, classes, levels = _levels(text, base)
    resolved = _resolve(classes, levels, base)
    order = list(range(len(kept)))
    highest = max(resolved, default=0)
    lowest_odd = min((level for level in resolved if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2
        k = 0
        while k < len(order):
            if resolved[order[k]] < level:
                k += 1
                continue
            stop = k
            while stop < len(order) and resolved[order[stop]] >= level:
                stop += 1
            order[k:stop] = order[k:stop][::-1]
            k = stop
    positions = tuple(kept[k] for k in order)
    return "".join(text[index] for index in positions), positions
