"""Unicode lookalike data for the username checks: the tables, indexed on first use, and folding.

The tables are the generated module :mod:`~fiverr_support_kb.accounts._confusables_data`,
made from ICU's copy of Unicode's security data by ``scripts/generate_confusables.py`` (the
script says what each table holds; the tests prove the module is what it makes, with the
checksum it records).
They are text, so importing them costs a few string constants; :func:`confusables` indexes
them once, on first use, and derives from them:

* :meth:`Confusables.key`, the comparison *key* of a name: each character replaced by the
  ASCII it looks like (its UTS #39 prototype), invisible characters, combining marks and
  separators dropped, then folded further where the skeleton keeps lookalikes apart: ASCII
  case, ``l``/``1``/``|``/``!`` to ``i``, ``0`` to ``o``, the other leetspeak digits and
  symbols to letters, and ``rn`` to ``m``. Names with the same key look alike. A key is for
  comparing, never for display.
* :meth:`Confusables.classify`, what one character is, for the explanations.

>>> tables = confusables()
>>> tables.key("Ϝіvеrr‐Cаre")
'fiverrcare'
>>> tables.key("1nterna1_cOmms") == tables.key("INTERNAL-COMMS") == "intemaicomms"
True
"""

from __future__ import annotations

import bisect
import enum
import re
import threading
import unicodedata
from itertools import repeat
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from fiverr_support_kb._memo import once

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "DIGRAPHS",
    "FANCY",
    "FORMAT",
    "CharInfo",
    "CharKind",
    "Confusables",
    "confusables",
    "fold_digraphs",
]

#: The layout of the generated tables this module reads (``_confusables_data.FORMAT``).
FORMAT: Final = 2
#: Letter pairs that read as one letter, folded after the single characters, in this order
#: (in key letters: ``cl`` is ``ci`` once ``l`` is folded to ``i``).
DIGRAPHS: Final = (("nn", "m"), ("rn", "m"), ("vv", "w"), ("ci", "d"))
#: Letters of "fancy text" generators that the UTS #39 table leaves out, or maps to no ASCII
#: text: Canadian syllabics and Cherokee letters, Greek and Cyrillic letters used for the Latin
#: ones they resemble, negative circled and squared letters, regional indicators. Each
#: character with the ASCII letter it is read as; they count as lookalikes
#: (:data:`FLAG_CONFUSABLE`). Digits of any script (``unicodedata.digit``) read as their digit.
_FANCY_PAIRS: Final = (
    # Canadian syllabics and runic letters of fancy-text generators
    "ᗩa ᗅa ᗺb ᑕc ᑢc ᗪd ᗞd ᗴe ᙓe ᕮe ᖴf ᖷf ᘜg ᘐg ᓰi ᒚj ᛕk ᒺl ᘻm ᑎn ᘉn ᑘu ᗝo ᓍo ᕵp ᑫq "
    "ᕴq ᖆr ᔕs ᓭs ᖶt ᐺv ᗯw ᘺw ᖻy ᘔz "
    # Greek letters read as Latin ones
    "εe ϵe μm ωw υu κk χx σo ςc λa βb γy δd θo πn ψy ξe Δa Σe Πn Θo ∂d ¢c "
    # Cyrillic letters read as Latin ones
    "вb єe нh кk мm тt яr цu шw щw пn иn йn лn чy фo жx ђh ћh ґr "
    # symbols read as letters
    "€e £l ©c ®r ßb µu ∆a ∑e ∏n √v ŋn †t"
)
FANCY: Final[Mapping[str, str]] = MappingProxyType(
    {
        # the capitals of the letters first, so that a pair written for a capital wins
        **{pair[0].upper(): pair[1] for pair in _FANCY_PAIRS.split() if len(pair[0].upper()) == 1},
        **{pair[0]: pair[1] for pair in _FANCY_PAIRS.split()},
        **{chr(0x1F150 + k): chr(ord("a") + k) for k in range(26)},  # negative circled
        **{chr(0x1F170 + k): chr(ord("a") + k) for k in range(26)},  # negative squared
        **{chr(0x1F1E6 + k): chr(ord("a") + k) for k in range(26)},  # regional indicators
    }
)

#: What each ASCII letter, digit or leetspeak symbol becomes in a key: letters lowercased, and
#: the characters that pass for one another merged. Every other ASCII character (punctuation,
#: spaces, controls) is a separator and disappears.
_ASCII_KEYS: Final[Mapping[str, str]] = MappingProxyType(
    {
        **{chr(c): chr(c) for c in range(ord("a"), ord("z") + 1)},
        **{chr(c).upper(): chr(c) for c in range(ord("a"), ord("z") + 1)},
        "l": "i",
        "L": "i",
        "|": "i",
        "!": "i",
        "1": "i",
        "0": "o",
        "2": "z",
        "3": "e",
        "4": "a",
        "@": "a",
        "5": "s",
        "$": "s",
        "6": "g",
        "7": "t",
        "8": "b",
        "9": "g",
    }
)
#: Anything that is not a letter or digit of some script (``str.isalnum``) is a separator.
_NON_ALNUM: Final = r"[\W_]+"
_INVISIBLE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


class CharKind(enum.Enum):
    """What a character of a name is."""

    #: An ASCII letter or digit, or an ASCII symbol that stands for a letter (``@ $ ! |``).
    ASCII = "ascii"
    #: A space, punctuation or symbol: dropped from keys.
    SEPARATOR = "separator"
    #: Default-ignorable, format, control, private-use or unassigned: dropped from keys.
    INVISIBLE = "invisible"
    #: A combining mark: dropped from keys.
    MARK = "mark"
    #: A non-ASCII letter or digit with an ASCII prototype; the flags say why.
    LOOKALIKE = "lookalike"
    #: A letter or digit of another script that looks like no ASCII text: kept in keys.
    OTHER = "other"


#: Flags of a LOOKALIKE: its prototype comes from the confusables mapping ...
FLAG_CONFUSABLE: Final = "c"
#: ... from a compatibility decomposition (full-width, mathematical, ligature ...) ...
FLAG_COMPATIBILITY: Final = "k"
#: ... and/or from removing combining marks (a precomposed letter with a diacritic).
FLAG_DIACRITIC: Final = "m"


class CharInfo(NamedTuple):
    """One character's kind, the ASCII it looks like, and what it adds to a key."""

    kind: CharKind
    #: The ASCII text a LOOKALIKE (or a separator with one) looks like; an ASCII character
    #: itself; empty for the characters the data does not map.
    prototype: str
    #: What the character contributes to a key before digraph folding ("" when dropped).
    key: str
    #: For a LOOKALIKE, a subset of "ckm" (see the FLAG_* constants).
    flags: str = ""


_INVISIBLE: Final = CharInfo(kind=CharKind.INVISIBLE, prototype="", key="")
_MARK: Final = CharInfo(kind=CharKind.MARK, prototype="", key="")
_SEPARATOR: Final = CharInfo(kind=CharKind.SEPARATOR, prototype="", key="")


def _ascii_info(ch: str) -> CharInfo:
    key = _ASCII_KEYS.get(ch, "")
    if key:
        kind = CharKind.ASCII
    elif unicodedata.category(ch) == "Cc" and not ch.isspace():
        kind = CharKind.INVISIBLE
    else:
        kind = CharKind.SEPARATOR
    return CharInfo(kind=kind, prototype=ch, key=key)


#: The ``str.translate`` table of the ASCII characters: each to its key, or deleted. A plain
#: dict, which str.translate reads fastest; nothing changes it.
_ASCII_TRANSLATION: Final[dict[int, str | None]] = {
    cp: _ASCII_KEYS.get(chr(cp)) for cp in range(0x80)
}


def _fold_prototype(prototype: str) -> str:
    """Return the key of a prototype (printable ASCII text, as the generator checks)."""
    return prototype.translate(_ASCII_TRANSLATION)


def _lookalike(entry: str) -> CharInfo:
    """Return the CharInfo of a prototype table entry, given its ``"flags prototype"`` part."""
    flags, _, prototype = entry.partition(" ")
    key = _fold_prototype(prototype)
    return CharInfo(
        kind=CharKind.LOOKALIKE if key else CharKind.SEPARATOR,
        prototype=prototype,
        key=key,
        flags=flags,
    )


def _extra(ch: str) -> CharInfo | None:
    """Return the CharInfo of a :data:`FANCY` letter or of a digit of any script, or ``None``."""
    prototype = FANCY.get(ch)
    if prototype is None:
        digit = unicodedata.digit(ch, None)
        if digit is None:
            return None
        prototype = str(digit)
    return CharInfo(
        kind=CharKind.LOOKALIKE,
        prototype=prototype,
        key=_fold_prototype(prototype),
        flags=FLAG_CONFUSABLE,
    )


def _digits() -> list[int]:
    """Return the code points with a digit value (``unicodedata.digit``), up to U+1FFFF."""
    return [cp for cp in range(0x80, 0x20000) if unicodedata.digit(chr(cp), None) is not None]


def _range(value: str) -> tuple[int, int]:
    """Parse ``XXXX`` or ``XXXX..YYYY`` into its first and last code points."""
    first, _, last = value.partition("..")
    return int(first, 16), int(last or first, 16)


def _find(starts: Sequence[int], stops: Sequence[int], cp: int) -> int:
    """Return the index of the range holding *cp* among sorted disjoint ranges, or -1."""
    index = bisect.bisect_right(starts, cp) - 1
    return index if index >= 0 and cp <= stops[index] else -1


def _code_length(entry: str) -> int:
    return entry.index(" ")


class _Scripts(NamedTuple):
    """Sorted, disjoint script ranges, as parallel tuples for :func:`_find`."""

    starts: tuple[int, ...]
    stops: tuple[int, ...]
    names: tuple[str, ...]


class Confusables:
    """The packaged tables, indexed for the checks; what is derived is derived on first use.

    Construction only splits the tables into lines and ranges. :meth:`classify` finds a
    character by binary search and remembers the characters of the tables it has met (at
    most one entry each, so memory stays bounded whatever the input); the translation table
    of :meth:`key` for non-ASCII text and the script ranges of :meth:`script` are built on
    their first use (thread-safe, once each). Nothing changes a value once it is made.
    """

    __slots__ = (
        "_bounds",
        "_dropped_kinds",
        "_dropped_starts",
        "_dropped_stops",
        "_entries",
        "_info",
        "_lock",
        "_non_alnum",
        "_scripts",
        "_scripts_text",
        "_translation",
        "icu_version",
        "unicode_version",
    )

    def __init__(  # noqa: PLR0913 - the four tables and the two versions of the generated data
        self,
        *,
        ignorable: str,
        mark: str,
        prototype: str,
        scripts: str,
        icu_version: str,
        unicode_version: str,
    ) -> None:
        """Index the tables, given as the generated module's text (one entry a line)."""
        self._info: dict[str, CharInfo] = {chr(cp): _ascii_info(chr(cp)) for cp in range(0x80)}
        dropped = sorted(
            (*_range(value), shared)
            for shared, text in ((_INVISIBLE, ignorable), (_MARK, mark))
            for value in text.split()
        )
        self._dropped_starts = tuple(first for first, _, _ in dropped)
        self._dropped_stops = tuple(last for _, last, _ in dropped)
        self._dropped_kinds = tuple(shared for _, _, shared in dropped)
        # "code flags prototype" lines in code point order: the codes (4 to 6 hex digits) are
        # grouped by length, and within one length their string order is numeric order, so
        # each group can be searched with bisect on the lines themselves.
        self._entries = prototype.splitlines()
        self._bounds = (
            0,
            *(bisect.bisect_left(self._entries, n, key=_code_length) for n in (5, 6)),
            len(self._entries),
        )
        self._scripts_text = scripts
        self._non_alnum = re.compile(_NON_ALNUM)
        self._lock = threading.Lock()
        self._translation: dict[int, str | None] | None = None
        self._scripts: _Scripts | None = None
        self.icu_version = icu_version
        self.unicode_version = unicode_version

    def classify(self, ch: str) -> CharInfo:
        """Say what the one-character string *ch* is."""
        found = self._info.get(ch)
        return found if found is not None else self._look_up(ch)

    def _look_up(self, ch: str) -> CharInfo:
        cp = ord(ch)
        index = _find(self._dropped_starts, self._dropped_stops, cp)
        if index >= 0:
            found = self._dropped_kinds[index]
        else:
            entry = self._entry(cp)
            if entry is None:
                found_extra = _extra(ch)
                if found_extra is not None:
                    return self._info.setdefault(ch, found_extra)
                if ch.isalnum():
                    # other scripts' letters ignore case too ("Ф" is "ф")
                    return CharInfo(
                        kind=CharKind.OTHER, prototype="", key=self._non_alnum.sub("", ch.lower())
                    )
                if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
                    return _INVISIBLE
                return _SEPARATOR
            found = _lookalike(entry)
        # A character of the tables: remember it (setdefault is atomic, the values are equal).
        return self._info.setdefault(ch, found)

    def _entry(self, cp: int) -> str | None:
        """Return the ``"flags prototype"`` of *cp* in the prototype table, or ``None``."""
        code = f"{cp:04X} "
        group = len(code) - 5  # 4, 5 or 6 hex digits: U+10FFFF is the last code point
        lo, hi = self._bounds[group], self._bounds[group + 1]
        index = bisect.bisect_left(self._entries, code, lo, hi)
        if index < hi and self._entries[index].startswith(code):
            return self._entries[index][len(code) :]
        return None

    def key(self, text: str, *, digraphs: bool = True) -> str:
        """Return the key of *text*, in time linear in its length (C-level string operations).

        It equals the concatenated :attr:`CharInfo.key` of *text*'s characters, with
        :data:`DIGRAPHS` then folded left to right unless *digraphs* is false.
        """
        if text.isascii():
            table = _ASCII_TRANSLATION
        else:
            table = self._translation or self._load_translation()
        folded = text.translate(table)
        if table is not _ASCII_TRANSLATION:  # the letters no table maps, in lower case
            folded = folded.lower()
        folded = self._non_alnum.sub("", folded)
        return fold_digraphs(folded) if digraphs else folded

    def _load_translation(self) -> dict[int, str | None]:
        with self._lock:
            if self._translation is None:
                self._translation = self._make_translation()
            return self._translation

    def _make_translation(self) -> dict[int, str | None]:
        """Build the ``str.translate`` table of every character of the tables."""
        # A plain dict: str.translate is fastest with one; nothing changes it once made.
        table = dict(_ASCII_TRANSLATION)
        for first, last in zip(self._dropped_starts, self._dropped_stops, strict=True):
            table.update(dict.fromkeys(range(first, last + 1)))
        rows = map(str.split, self._entries, repeat(" "), repeat(2))
        table.update((int(code, 16), _fold_prototype(text) or None) for code, _, text in rows)
        for cp in (*map(ord, FANCY), *_digits()):
            if cp not in table:
                extra = _extra(chr(cp))
                table[cp] = extra.key if extra is not None else None
        return table

    def script(self, ch: str) -> str | None:
        """Return the Unicode script of *ch* (``"Latin"``), or ``None`` for Common/Inherited."""
        scripts = self._scripts or self._load_scripts()
        index = _find(scripts.starts, scripts.stops, ord(ch))
        return scripts.names[index] if index >= 0 else None

    def _load_scripts(self) -> _Scripts:
        with self._lock:
            if self._scripts is None:
                self._scripts = self._parse_scripts()
            return self._scripts

    def _parse_scripts(self) -> _Scripts:
        """Parse the script table, ``range script`` lines in code point order."""
        fields = self._scripts_text.split()
        spans = list(map(_range, fields[0::2]))
        return _Scripts(
            starts=tuple(first for first, _ in spans),
            stops=tuple(last for _, last in spans),
            names=tuple(name.replace("_", " ") for name in fields[1::2]),
        )


def fold_digraphs(key: str) -> str:
    """Fold the :data:`DIGRAPHS` of a key, left to right.

    >>> fold_digraphs("intemai" + "cornms")
    'intemaicomms'
    """
    for pair, single in DIGRAPHS:
        key = key.replace(pair, single)
    return key


@once
def confusables() -> Confusables:
    """Return the packaged tables, indexed once, on first use (thread-safe)."""
    from fiverr_support_kb.accounts import _confusables_data as data  # noqa: PLC0415 - first use

    return Confusables(
        ignorable=data.IGNORABLE,
        mark=data.MARK,
        prototype=data.PROTOTYPE,
        scripts=data.SCRIPTS,
        icu_version=data.ICU_VERSION,
        unicode_version=data.UNICODE_VERSION,
    )
