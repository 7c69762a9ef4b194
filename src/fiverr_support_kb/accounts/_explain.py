"""Explanations of the username verdicts: the reasons, with characters and positions.

Imported by :mod:`fiverr_support_kb.accounts._matcher` on the first impersonation it finds (an
unrelated name needs no explanation). The reason codes and their order are documented in
:mod:`fiverr_support_kb.accounts`.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Final, NamedTuple

from fiverr_support_kb.accounts._confusables import CharKind
from fiverr_support_kb.accounts._matching import BRAND, separators
from fiverr_support_kb.accounts._results import DETAIL_LIMIT, Reason

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from fiverr_support_kb.accounts._confusables import CharInfo, Confusables
    from fiverr_support_kb.accounts._matching import Match, Pieces, PurposeHit, StaffHit, Target

__all__ = ["Explainer"]

#: How many characters a reason lists before it says "and N more".
_LISTED: Final = 5
#: What a leetspeak digit or symbol stands for, as the explanations say it.
_LEET: Final[Mapping[str, str]] = {
    "0": "'o'", "1": "'i' or 'l'", "2": "'z'", "3": "'e'", "4": "'a'", "5": "'s'",
    "6": "'g' or 'b'", "7": "'t'", "8": "'b'", "9": "'g'", "@": "'a'", "$": "'s'", "!": "'i'",
    "|": "'l'",
}  # fmt: skip


def _show(ch: str) -> str:
    """Describe one character: itself when it is printable ASCII, else its code and name."""
    if " " < ch <= "~":
        return repr(ch)
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    label = f"{code} {name}" if name else code
    if ch.isprintable() and not unicodedata.category(ch).startswith("M"):
        return f"{ch!r} ({label})"
    return label


def _show_text(text: str, limit: int = 40) -> str:
    """Quote *text* with escapes for invisible characters, shortened when long."""
    if len(text) == 1:
        return _show(text)
    if len(text) > limit:
        return f"{text[: limit - 10]!r}...{text[-5:]!r} ({len(text)} characters)"
    return repr(text)


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    more = len(items) - _LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class _Sides(NamedTuple):
    """A name and the official name it matched, with their key pieces, to describe edits."""

    text: str
    at: Callable[[int], int]
    folded: Pieces
    official: str
    official_folded: Pieces

    def mine(self, k: int) -> str:
        """Return the characters of the name behind its key character *k*."""
        first, last = self.folded.span(k, k + 1)
        return self.text[first : last + 1]

    def where(self, k: int) -> int:
        """Return the index in the name as given of its key character *k*."""
        return self.at(self.folded.first[k])

    def theirs(self, k: int) -> str:
        """Return the characters of the official name behind its key character *k*."""
        first, last = self.official_folded.span(k, k + 1)
        return self.official[first : last + 1]

    def edit(self, op: str, i: int, j: int) -> str:
        """Describe one edit of an alignment (``~``, ``+``, ``-`` or ``x``)."""
        if op == "~":
            return (
                f"{_show_text(self.mine(i))} at index {self.where(i)} instead of {self.theirs(j)!r}"
            )
        if op == "+":
            return f"{_show_text(self.mine(i))} added at index {self.where(i)}"
        if op == "-":
            at = f"before index {self.where(i)}" if i < len(self.folded.key) else "at the end"
            return f"{self.theirs(j)!r} left out {at}"
        pair, official = self.mine(i) + self.mine(i + 1), self.theirs(j) + self.theirs(j + 1)
        return f"{_show_text(pair)} at index {self.where(i)} swaps {official!r}"


class Explainer:
    """Collects the reasons for one verdict, then lists them in the documented order."""

    _ORDER: Final = (
        "bidi",
        "invisible",
        "combining_mark",
        "compatibility",
        "confusable",
        "mixed_script",
        "leetspeak",
        "separator",
        "repetition",
        "edit_distance",
        "word_order",
        "truncation",
        "phonetic",
        "affix",
        "brand_purpose",
        "brand_staff",
    )
    _LABELS: Final[Mapping[str, str]] = {
        "invisible": "invisible or control characters",
        "combining_mark": "combining marks and diacritics",
        "compatibility": "compatibility forms",
        "confusable": "lookalike characters",
        "leetspeak": "leetspeak",
        "separator": "separators changed",
        "repetition": "repeated characters (not counted as edits)",
    }

    def __init__(
        self,
        conf: Confusables,
        text: str,
        offset: int,
        infos: Sequence[CharInfo],
        positions: Sequence[int] | None = None,
    ) -> None:
        self.conf = conf
        self.text = text
        self.offset = offset
        #: For a name with bidirectional controls, *text* is what is displayed: the index in
        #: the name as given of each of its characters.
        self.positions = positions
        self.infos = infos
        self.items: dict[str, list[str]] = {code: [] for code in self._ORDER}
        self.sentences: dict[str, str] = {}

    def reasons(self) -> tuple[Reason, ...]:
        result = []
        for code in self._ORDER:
            if code in self.sentences:
                result.append(Reason(code=code, message=self.sentences[code]))
            elif self.items[code]:
                message = f"{self._LABELS[code]}: {_listing(self.items[code])}"
                result.append(Reason(code=code, message=message))
        return tuple(result)

    def _at(self, index: int) -> int:
        if self.positions is not None:
            return self.positions[index] if index < len(self.positions) else len(self.text)
        return index + self.offset

    def _character(self, ch: str, info: CharInfo, where: int) -> None:
        kind = info.kind
        if kind is CharKind.INVISIBLE:
            self.items["invisible"].append(f"{_show(ch)} at index {where}")
        elif kind is CharKind.MARK:
            self.items["combining_mark"].append(f"{_show(ch)} at index {where}")
        elif kind is CharKind.LOOKALIKE:
            flags = info.flags
            if "m" in flags:
                self.items["combining_mark"].append(
                    f"{_show(ch)} at index {where}, a letter with a diacritic"
                )
            if "k" in flags:
                of = "" if "c" in flags else f" of {info.prototype!r}"
                self.items["compatibility"].append(f"{_show(ch)} at index {where} is a form{of}")
            if "c" in flags:
                self.items["confusable"].append(
                    f"{_show(ch)} at index {where} looks like {info.prototype!r}"
                )

    def characters(self) -> None:
        """Explain the characters themselves: invisible, marks, lookalikes, scripts."""
        scripts: dict[str, list[str]] = {}
        for index, (ch, info) in enumerate(zip(self.text, self.infos, strict=True)):
            if info.kind is not CharKind.ASCII:
                self._character(ch, info, self._at(index))
            if ch.isalpha():
                script = "Latin" if ch.isascii() else self.conf.script(ch)
                if script is not None:
                    scripts.setdefault(script, []).append(f"{_show(ch)} at index {self._at(index)}")
        self._scripts(scripts)

    def distinct_characters(self) -> None:
        """Explain the distinct characters of a long name, each at its first index."""
        distinct = set(self.text)
        if len(distinct) > 4 * DETAIL_LIMIT:
            return
        scripts: dict[str, list[str]] = {}
        for ch in sorted(distinct, key=self.text.find):
            info = self.conf.classify(ch)
            where = self._at(self.text.find(ch))
            if info.kind is not CharKind.ASCII:
                self._character(ch, info, where)
            if ch.isalpha():
                script = "Latin" if ch.isascii() else self.conf.script(ch)
                if script is not None:
                    scripts.setdefault(script, []).append(f"{_show(ch)} at index {where}")
        self._scripts(scripts)

    def _scripts(self, scripts: Mapping[str, list[str]]) -> None:
        if len(scripts) < 2:
            return
        main = "Latin" if "Latin" in scripts else max(scripts, key=lambda s: len(scripts[s]))
        others = "; ".join(
            f"{name}: {_listing(found)}" for name, found in scripts.items() if name != main
        )
        names = [name for name in scripts if name != main]
        self.sentences["mixed_script"] = (
            f"mixes {main} letters with {' and '.join(names)} ones ({others})"
        )

    def bidi(self, username: str, controls: Sequence[int]) -> None:
        """Explain the bidirectional controls: which, where, and the order they display."""
        listed = [f"{_show(username[index])} at index {index}" for index in controls]
        self.sentences["bidi"] = (
            f"bidirectional controls ({_listing(listed)}) make the name display as "
            f"{_show_text(self.text)}, not in the order it is stored"
        )

    # -- a lookalike of one account --

    def alignment(self, match: Match, folded: Pieces) -> None:
        """Explain how the name differs from the official one, character by character."""
        target, form, alignment = match
        official = target.account.username
        sides = _Sides(self.text, self._at, folded, official, target.forms[form].pieces)
        edits: list[str] = []
        for op, i, j in alignment.ops:
            if op == "=":
                self._compare(sides.mine(i), sides.theirs(j), sides.where(i))
            elif op == "*":
                self.items["repetition"].append(
                    f"{_show_text(sides.mine(i))} at index {sides.where(i)}"
                )
            else:
                edits.append(sides.edit(op, i, j))
        if alignment.distance:
            self.sentences["edit_distance"] = (
                f"{_plural(alignment.distance, 'edit')} from {official!r}: {'; '.join(edits)}"
            )
        aligned = {i: j for op, i, j in alignment.ops if op in "=~"}
        self._separators(match, folded, aligned)
        self._affix(match, folded)

    def _compare(self, mine: str, theirs: str, where: int) -> None:
        """Explain two key characters that fold alike but are written differently."""
        if mine.lower() == theirs.lower() or not mine.isascii():
            return
        if mine in _LEET and theirs.isalpha():
            self.items["leetspeak"].append(f"{mine!r} at index {where} stands for {theirs!r}")
        elif theirs.isdigit() and not mine.isdigit():
            self.items["leetspeak"].append(
                f"{mine!r} at index {where} stands for the digit {theirs!r}"
            )
        else:
            self.items["confusable"].append(f"{mine!r} at index {where} looks like {theirs!r}")

    def _separators(self, match: Match, folded: Pieces, aligned: Mapping[int, int]) -> None:
        target, form, alignment = match
        mine = separators(self.text, self.infos, folded)
        theirs = target.forms[form].separators
        found = self.items["separator"]
        for i, j in aligned.items():
            if i == alignment.start or j == 0 or aligned.get(i - 1) != j - 1:
                continue
            (sep, at), (their_sep, _) = mine[i], theirs[j]
            if sep == their_sep:
                continue
            if not sep:
                found.append(f"{their_sep!r} left out before index {self._at(folded.first[i])}")
            elif not their_sep:
                found.append(f"{_show_text(sep)} added at index {self._at(at)}")
            else:
                found.append(f"{their_sep!r} changed to {_show_text(sep)} at index {self._at(at)}")
        if alignment.start == 0 and alignment.stop == len(folded.key):
            for sep, at in (mine[0], mine[-1]):
                if sep:
                    found.append(f"{_show_text(sep)} added at index {self._at(at)}")

    def _affix(self, match: Match, folded: Pieces) -> None:
        target, _, alignment = match
        parts = []
        if alignment.start > 0:
            prefix = self.text[: folded.first[alignment.start]]
            parts.append(f"the prefix {_show_text(prefix)}")
        if alignment.stop < len(folded.key):
            suffix = self.text[folded.last[alignment.stop - 1] + 1 :]
            parts.append(f"the suffix {_show_text(suffix)}")
        if parts:
            self.sentences["affix"] = (
                f"the official name {target.account.username!r} with {' and '.join(parts)}"
            )

    def key_alignment(self, match: Match, key: str) -> None:
        """Explain a match of a long name's key (no character positions)."""
        target, _, alignment = match
        official = target.account.username
        if alignment.distance:
            self.sentences["edit_distance"] = (
                f"{_plural(alignment.distance, 'edit')} from {official!r} once folded"
            )
        extra = len(key) - (alignment.stop - alignment.start)
        if extra:
            self.sentences["affix"] = (
                f"the official name {official!r} with {_plural(extra, 'more letter')} "
                "around it once folded"
            )

    # -- the brand with an account's purpose, and respellings --

    def purpose(self, hit: PurposeHit, found: Pieces) -> None:
        """Explain the brand with words of one account's purpose."""
        first, last = found.span(*hit.brand)
        brand = f"{_show_text(self.text[first : last + 1])} at index {self._at(first)}"
        words = []
        for start, stop in hit.words:
            first, last = found.span(start, stop)
            words.append(f"{_show_text(self.text[first : last + 1])} at index {self._at(first)}")
        self.sentences["brand_purpose"] = (
            f"the brand {'Fiverr'!r} ({brand}) with words of what {hit.account.username!r} is "
            f"for: {_listing(words)}"
        )

    def phonetic(self, target: Target) -> None:
        """Explain a name that is an official one respelt the way it sounds."""
        self.sentences["phonetic"] = (
            f"{_show_text(self.text)} sounds like {target.account.username!r} read aloud: "
            "spellings of one sound swapped (ph/f, c/k, x/ks, z/s, digits for syllables ...)"
        )

    # -- posing as staff --

    def staff(self, hit: StaffHit, found: Pieces) -> None:
        """Explain the brand and staff words found, with their positions."""

        def span(start: int, stop: int) -> tuple[str, int]:
            first, last = found.span(start, stop)
            for index in range(first, last + 1):
                ch = self.text[index]
                if ch in _LEET:
                    self.items["leetspeak"].append(
                        f"{ch!r} at index {self._at(index)} stands for {_LEET[ch]}"
                    )
            return self.text[first : last + 1], self._at(first)

        brand, at = span(*hit.brand)
        misspelt = "" if found.key[hit.brand[0] : hit.brand[1]] == BRAND else " misspelt"
        words = []
        for start, stop in hit.staff:
            word, word_at = span(start, stop)
            words.append(f"{_show_text(word)} at index {word_at}")
        kind = "a misspelt staff word" if hit.fuzzy else _plural(len(words), "staff word")
        self.sentences["brand_staff"] = (
            f"poses as Fiverr staff: {_show_text(brand)} at index {at} is the brand "
            f"{'Fiverr'!r}{misspelt}, with {kind}: {_listing(words)}"
        )

    def key_staff(self, hit: StaffHit, key: str) -> None:
        """Explain the brand and staff words found in a long name's key."""
        brand = key[hit.brand[0] : hit.brand[1]]
        words = [key[start:stop] for start, stop in hit.staff]
        self.sentences["brand_staff"] = (
            f"poses as Fiverr staff: once folded, it contains the brand {'Fiverr'!r} as "
            f"{brand!r}, and the staff {_plural(len(words), 'word')} {_listing(words)}"
        )
