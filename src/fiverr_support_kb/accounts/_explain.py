"""Explanations of the username verdicts: the reasons, with characters and positions.

Imported by :mod:`fiverr_support_kb.accounts._matcher` on the first impersonation it finds (an
unrelated name needs no explanation). The reason codes and their order are documented in
:mod:`fiverr_support_kb.accounts`. Every sentence is written in English and in Hungarian
(:meth:`~fiverr_support_kb.accounts.Reason.text`): each piece of one is an ``(English,
Hungarian)`` pair, joined language by language.
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

#: A sentence or a piece of one: (English, Hungarian).
_Text = tuple[str, str]

#: How many characters a reason lists before it says "and N more".
_LISTED: Final = 5
#: What a leetspeak digit or symbol stands for, as the explanations say it: (English, Hungarian).
_LEET: Final[Mapping[str, _Text]] = {
    "0": ("'o'", "'o'"), "1": ("'i' or 'l'", "'i' vagy 'l'"), "2": ("'z'", "'z'"),
    "3": ("'e'", "'e'"), "4": ("'a'", "'a'"), "5": ("'s'", "'s'"),
    "6": ("'g' or 'b'", "'g' vagy 'b'"), "7": ("'t'", "'t'"), "8": ("'b'", "'b'"),
    "9": ("'g'", "'g'"), "@": ("'a'", "'a'"), "$": ("'s'", "'s'"), "!": ("'i'", "'i'"),
    "|": ("'l'", "'l'"),
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
        return f"{text[: limit - 10]!r}...{text[-5:]!r} ({len(text)})"
    return repr(text)


def _at(where: int) -> _Text:
    """Say where a character is: its 0-based index in the name as given."""
    return f"at index {where}", f"helye: {where}"


def _listing(items: Sequence[_Text]) -> _Text:
    """List up to :data:`_LISTED` items, then say how many more there are."""
    shown = [", ".join(item[lang] for item in items[:_LISTED]) for lang in (0, 1)]
    more = len(items) - _LISTED
    if more > 0:
        return f"{shown[0]} and {more} more", f"{shown[1]} és még {more}"
    return shown[0], shown[1]


def _edits(count: int) -> _Text:
    return f"{count} edit" + ("" if count == 1 else "s"), f"{count} szerkesztés"


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

    def edit(self, op: str, i: int, j: int) -> _Text:
        """Describe one edit of an alignment (``~``, ``+``, ``-`` or ``x``)."""
        if op == "~":
            mine, where, theirs = _show_text(self.mine(i)), self.where(i), self.theirs(j)
            return (
                f"{mine} at index {where} instead of {theirs!r}",
                f"{mine}, helye: {where}, {theirs!r} helyett",
            )
        if op == "+":
            mine, where = _show_text(self.mine(i)), self.where(i)
            return f"{mine} added at index {where}", f"{mine} hozzáadva, helye: {where}"
        if op == "-":
            theirs = self.theirs(j)
            if i < len(self.folded.key):
                where = self.where(i)
                return (
                    f"{theirs!r} left out before index {where}",
                    f"{theirs!r} kimaradt a(z) {where}. hely előtt",
                )
            return f"{theirs!r} left out at the end", f"{theirs!r} kimaradt a végéről"
        pair, official = self.mine(i) + self.mine(i + 1), self.theirs(j) + self.theirs(j + 1)
        where = self.where(i)
        return (
            f"{_show_text(pair)} at index {where} swaps {official!r}",
            f"{_show_text(pair)}, helye: {where}, felcseréli ezt: {official!r}",
        )


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
    _LABELS: Final[Mapping[str, _Text]] = {
        "invisible": ("invisible or control characters", "láthatatlan vagy vezérlőkarakterek"),
        "combining_mark": ("combining marks and diacritics", "kombináló jelek és ékezetek"),
        "compatibility": ("compatibility forms", "kompatibilitási alakok"),
        "confusable": ("lookalike characters", "hasonmás karakterek"),
        "leetspeak": ("leetspeak", "leetspeak (betűk helyett számjegyek és jelek)"),
        "separator": ("separators changed", "megváltozott elválasztók"),
        "repetition": (
            "repeated characters (not counted as edits)",
            "ismételt karakterek (nem számítanak szerkesztésnek)",
        ),
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
        self.items: dict[str, list[_Text]] = {code: [] for code in self._ORDER}
        self.sentences: dict[str, _Text] = {}

    def reasons(self) -> tuple[Reason, ...]:
        result = []
        for code in self._ORDER:
            if code in self.sentences:
                english, hungarian = self.sentences[code]
            elif self.items[code]:
                label, listed = self._LABELS[code], _listing(self.items[code])
                english, hungarian = f"{label[0]}: {listed[0]}", f"{label[1]}: {listed[1]}"
            else:
                continue
            result.append(Reason(code=code, message=english, message_hu=hungarian))
        return tuple(result)

    def _at(self, index: int) -> int:
        if self.positions is not None:
            return self.positions[index] if index < len(self.positions) else len(self.text)
        return index + self.offset

    def _character(self, ch: str, info: CharInfo, where: int) -> None:
        kind = info.kind
        shown = _show(ch)
        at_en, at_hu = _at(where)
        if kind is CharKind.INVISIBLE:
            self.items["invisible"].append((f"{shown} {at_en}", f"{shown}, {at_hu}"))
        elif kind is CharKind.MARK:
            self.items["combining_mark"].append((f"{shown} {at_en}", f"{shown}, {at_hu}"))
        elif kind is CharKind.LOOKALIKE:
            flags, prototype = info.flags, info.prototype
            if "m" in flags:
                self.items["combining_mark"].append(
                    (f"{shown} {at_en}, a letter with a diacritic", f"{shown}, {at_hu}, ékezetes")
                )
            if "k" in flags:
                self.items["compatibility"].append(
                    (f"{shown} {at_en} is a form", f"{shown}, {at_hu}, kompatibilitási alak")
                    if "c" in flags
                    else (
                        f"{shown} {at_en} is a form of {prototype!r}",
                        f"{shown}, {at_hu}, {prototype!r} egy alakja",
                    )
                )
            if "c" in flags:
                self.items["confusable"].append(
                    (
                        f"{shown} {at_en} looks like {prototype!r}",
                        f"{shown}, {at_hu}, úgy néz ki, mint {prototype!r}",
                    )
                )

    def _script_item(self, scripts: dict[str, list[_Text]], ch: str, where: int) -> None:
        if ch.isalpha():
            script = "Latin" if ch.isascii() else self.conf.script(ch)
            if script is not None:
                at_en, at_hu = _at(where)
                scripts.setdefault(script, []).append(
                    (f"{_show(ch)} {at_en}", f"{_show(ch)}, {at_hu}")
                )

    def characters(self) -> None:
        """Explain the characters themselves: invisible, marks, lookalikes, scripts."""
        scripts: dict[str, list[_Text]] = {}
        for index, (ch, info) in enumerate(zip(self.text, self.infos, strict=True)):
            if info.kind is not CharKind.ASCII:
                self._character(ch, info, self._at(index))
            self._script_item(scripts, ch, self._at(index))
        self._scripts(scripts)

    def distinct_characters(self) -> None:
        """Explain the distinct characters of a long name, each at its first index."""
        distinct = set(self.text)
        if len(distinct) > 4 * DETAIL_LIMIT:
            return
        scripts: dict[str, list[_Text]] = {}
        for ch in sorted(distinct, key=self.text.find):
            info = self.conf.classify(ch)
            where = self._at(self.text.find(ch))
            if info.kind is not CharKind.ASCII:
                self._character(ch, info, where)
            self._script_item(scripts, ch, where)
        self._scripts(scripts)

    def _scripts(self, scripts: Mapping[str, list[_Text]]) -> None:
        if len(scripts) < 2:
            return
        main = "Latin" if "Latin" in scripts else max(scripts, key=lambda s: len(scripts[s]))
        names = [name for name in scripts if name != main]
        listed = {name: _listing(found) for name, found in scripts.items() if name != main}
        others = ["; ".join(f"{name}: {listed[name][lang]}" for name in names) for lang in (0, 1)]
        self.sentences["mixed_script"] = (
            f"mixes {main} letters with {' and '.join(names)} ones ({others[0]})",
            f"{main} betűket kever {' és '.join(names)} betűkkel ({others[1]})",
        )

    def bidi(self, username: str, controls: Sequence[int], displayed: str) -> None:
        """Explain the bidirectional controls: which, where, and the order they display."""
        items = [_at_item(username[index], index) for index in controls]
        self.items["invisible"].extend(items)  # they are not shown either
        listed = _listing(items)
        shown = _show_text(displayed)
        if displayed == self.text:
            self.sentences["bidi"] = (
                (
                    f"bidirectional controls ({listed[0]}) make the name display as {shown}, "
                    "not in the order it is stored"
                ),
                (
                    f"irányvezérlő karakterek ({listed[1]}) miatt a név így jelenik meg: {shown}, "
                    "nem a tárolt sorrendben"
                ),
            )
        else:
            stored = _show_text(self.text)
            self.sentences["bidi"] = (
                (
                    f"bidirectional controls ({listed[0]}) make the name display as {shown}; "
                    f"without them it reads {stored}"
                ),
                (
                    f"irányvezérlő karakterek ({listed[1]}) miatt a név így jelenik meg: {shown}; "
                    f"nélkülük így olvasható: {stored}"
                ),
            )

    def backwards(self) -> None:
        """Explain that a long name with bidirectional controls was read backwards."""
        self.sentences["bidi"] = (
            "bidirectional controls: read backwards, as a right-to-left override displays it",
            (
                "irányvezérlő karakterek: visszafelé olvasva, ahogy a jobbról balra kényszerítés "
                "megjeleníti"
            ),
        )

    # -- a lookalike of one account --

    def alignment(self, match: Match, folded: Pieces) -> None:
        """Explain how the name differs from the official one, character by character."""
        target, form, alignment = match
        official = target.shown or target.account.username
        sides = _Sides(self.text, self._at, folded, official, target.forms[form].pieces)
        edits: list[_Text] = []
        for op, i, j in alignment.ops:
            if op == "=":
                self._compare(sides.mine(i), sides.theirs(j), sides.where(i))
            elif op == "*":
                shown, (at_en, at_hu) = _show_text(sides.mine(i)), _at(sides.where(i))
                self.items["repetition"].append((f"{shown} {at_en}", f"{shown}, {at_hu}"))
            else:
                edits.append(sides.edit(op, i, j))
        if alignment.distance:
            count = _edits(alignment.distance)
            self.sentences["edit_distance"] = (
                f"{count[0]} from {official!r}: {'; '.join(edit[0] for edit in edits)}",
                f"{count[1]} ettől: {official!r}: {'; '.join(edit[1] for edit in edits)}",
            )
        self._variant(target)
        aligned = {i: j for op, i, j in alignment.ops if op in "=~"}
        self._separators(match, folded, aligned)
        self._affix(match, folded)

    def _variant(self, target: Target) -> None:
        """Explain an official name's words in another order, or its beginning alone."""
        official, shown = target.account.username, target.shown
        if target.variant == "word_order":
            self.sentences["word_order"] = (
                f"the words of {official!r} in another order: {shown!r}",
                f"a(z) {official!r} szavai más sorrendben: {shown!r}",
            )
        elif target.variant == "truncation":
            self.sentences["truncation"] = (
                f"the beginning of {official!r} alone: {shown!r}",
                f"a(z) {official!r} eleje, a többi levágva: {shown!r}",
            )

    def _compare(self, mine: str, theirs: str, where: int) -> None:
        """Explain two key characters that fold alike but are written differently."""
        if mine.lower() == theirs.lower() or not mine.isascii():
            return
        at_en, at_hu = _at(where)
        if mine in _LEET and theirs.isalpha():
            self.items["leetspeak"].append(
                (
                    f"{mine!r} {at_en} stands for {theirs!r}",
                    f"{mine!r}, {at_hu}, jelentése {theirs!r}",
                )
            )
        elif theirs.isdigit() and not mine.isdigit():
            self.items["leetspeak"].append(
                (
                    f"{mine!r} {at_en} stands for the digit {theirs!r}",
                    f"{mine!r}, {at_hu}, a(z) {theirs!r} számjegyet jelenti",
                )
            )
        else:
            self.items["confusable"].append(
                (
                    f"{mine!r} {at_en} looks like {theirs!r}",
                    f"{mine!r}, {at_hu}, úgy néz ki, mint {theirs!r}",
                )
            )

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
                where = self._at(folded.first[i])
                found.append(
                    (
                        f"{their_sep!r} left out before index {where}",
                        f"{their_sep!r} kimaradt a(z) {where}. hely előtt",
                    )
                )
            elif not their_sep:
                found.append(_added(sep, self._at(at)))
            else:
                where, shown = self._at(at), _show_text(sep)
                found.append(
                    (
                        f"{their_sep!r} changed to {shown} at index {where}",
                        f"{their_sep!r} helyett {shown}, helye: {where}",
                    )
                )
        if alignment.start == 0 and alignment.stop == len(folded.key):
            for sep, at in (mine[0], mine[-1]):
                if sep:
                    found.append(_added(sep, self._at(at)))

    def _affix(self, match: Match, folded: Pieces) -> None:
        target, _, alignment = match
        parts: list[_Text] = []
        if alignment.start > 0:
            prefix = _show_text(self.text[: folded.first[alignment.start]])
            parts.append((f"the prefix {prefix}", f"előtag: {prefix}"))
        if alignment.stop < len(folded.key):
            suffix = _show_text(self.text[folded.last[alignment.stop - 1] + 1 :])
            parts.append((f"the suffix {suffix}", f"utótag: {suffix}"))
        if parts:
            official = target.account.username
            self.sentences["affix"] = (
                f"the official name {official!r} with {' and '.join(part[0] for part in parts)}",
                f"a hivatalos {official!r} név kiegészítve ({' és '.join(p[1] for p in parts)})",
            )

    def key_alignment(self, match: Match, key: str) -> None:
        """Explain a match of a long name's key (no character positions)."""
        target, _, alignment = match
        official = target.account.username
        if alignment.distance:
            count = _edits(alignment.distance)
            self.sentences["edit_distance"] = (
                f"{count[0]} from {official!r} once folded",
                f"egységesítve {count[1]} ettől: {official!r}",
            )
        self._variant(target)
        extra = len(key) - (alignment.stop - alignment.start)
        if extra:
            letters = f"{extra} more letter" + ("" if extra == 1 else "s")
            self.sentences["affix"] = (
                f"the official name {official!r} with {letters} around it once folded",
                f"egységesítve a hivatalos {official!r} név, körülötte még {extra} betűvel",
            )

    # -- the brand with an account's purpose, and respellings --

    def purpose(self, hit: PurposeHit, found: Pieces) -> None:
        """Explain the brand with words of one account's purpose."""
        brand = self._span(found, *hit.brand)
        words = _listing([self._span(found, start, stop) for start, stop in hit.words])
        account = hit.account.username
        self.sentences["brand_purpose"] = (
            f"the brand 'Fiverr' ({brand[0]}) with words of what {account!r} is for: {words[0]}",
            (
                f"a 'Fiverr' márkanév ({brand[1]}) a(z) {account!r} fiók feladatának szavaival: "
                f"{words[1]}"
            ),
        )

    def _span(self, found: Pieces, start: int, stop: int) -> _Text:
        first, last = found.span(start, stop)
        shown, (at_en, at_hu) = _show_text(self.text[first : last + 1]), _at(self._at(first))
        return f"{shown} {at_en}", f"{shown}, {at_hu}"

    def phonetic(self, target: Target) -> None:
        """Explain a name that is an official one respelt the way it sounds."""
        shown, official = _show_text(self.text), target.account.username
        self.sentences["phonetic"] = (
            (
                f"{shown} sounds like {official!r} read aloud: spellings of one sound swapped "
                "(ph/f, c/k, x/ks, z/s, a digit for a syllable ...)"
            ),
            (
                f"{shown} felolvasva úgy hangzik, mint {official!r}: ugyanannak a hangnak más "
                "írásmódja (ph/f, c/k, x/ks, z/s, szótag helyett számjegy ...)"
            ),
        )

    # -- posing as staff --

    def staff(self, hit: StaffHit, found: Pieces) -> None:
        """Explain the brand and staff words found, with their positions."""

        def span(start: int, stop: int) -> tuple[str, int]:
            first, last = found.span(start, stop)
            for index in range(first, last + 1):
                ch = self.text[index]
                if ch in _LEET:
                    at_en, at_hu = _at(self._at(index))
                    meaning = _LEET[ch]
                    self.items["leetspeak"].append(
                        (
                            f"{ch!r} {at_en} stands for {meaning[0]}",
                            f"{ch!r}, {at_hu}, jelentése {meaning[1]}",
                        )
                    )
            return self.text[first : last + 1], self._at(first)

        brand, at = span(*hit.brand)
        misspelt = found.key[hit.brand[0] : hit.brand[1]] != BRAND
        words = _listing([_at_item_text(*span(start, stop)) for start, stop in hit.staff])
        count = len(hit.staff)
        if hit.fuzzy:
            kind = ("a misspelt staff word", "egy elírt munkatársi szóval")
        else:
            kind = (
                f"{count} staff word" + ("" if count == 1 else "s"),
                f"{count} munkatársi szóval",
            )
        self.sentences["brand_staff"] = (
            (
                f"poses as Fiverr staff: {_show_text(brand)} at index {at} is the brand 'Fiverr'"
                f"{' misspelt' if misspelt else ''}, with {kind[0]}: {words[0]}"
            ),
            (
                f"Fiverr-munkatársnak adja ki magát: {_show_text(brand)} (helye: {at}) a 'Fiverr' "
                f"márkanév{' elírva' if misspelt else ''}, {kind[1]}: {words[1]}"
            ),
        )

    def key_staff(self, hit: StaffHit, key: str) -> None:
        """Explain the brand and staff words found in a long name's key."""
        brand = key[hit.brand[0] : hit.brand[1]]
        words = _listing([_twice(repr(key[start:stop])) for start, stop in hit.staff])
        count = len(hit.staff)
        self.sentences["brand_staff"] = (
            (
                f"poses as Fiverr staff: once folded, it contains the brand 'Fiverr' as {brand!r}, "
                f"and the staff {'word' if count == 1 else 'words'} {words[0]}"
            ),
            (
                "Fiverr-munkatársnak adja ki magát: egységesítve tartalmazza a 'Fiverr' márkanevet "
                f"({brand!r} alakban) és a(z) {words[1]} munkatársi szavakat"
            ),
        )


def _at_item(ch: str, where: int) -> _Text:
    """Describe one character and where it is."""
    at_en, at_hu = _at(where)
    return f"{_show(ch)} {at_en}", f"{_show(ch)}, {at_hu}"


def _at_item_text(text: str, where: int) -> _Text:
    """Describe a piece of the name and where it starts."""
    at_en, at_hu = _at(where)
    return f"{_show_text(text)} {at_en}", f"{_show_text(text)}, {at_hu}"


def _added(sep: str, where: int) -> _Text:
    shown = _show_text(sep)
    return f"{shown} added at index {where}", f"{shown} hozzáadva, helye: {where}"


def _twice(text: str) -> _Text:
    """Return a piece that reads the same in both languages."""
    return text, text
