"""Other ways of writing an official name, for the username checks.

An impersonator may keep an official name's words but change their order ("video_editorial"),
cut the name short ("Fiverr-Soc"), respell it the way it sounds ("Phiverr-Kair"), or write the
brand with words of what the account is for ("fiverr_photography"). :class:`Readings` holds
what these checks compare with, derived from the official names on first need;
:mod:`fiverr_support_kb.accounts._matcher` imports this module only when a name calls for one
of them.

>>> phonetic("phiverrkair") == phonetic("fiverrcare")
True
>>> phonetic("fiverrthreesixtyfive") == phonetic("fiverr365")
True
"""

from __future__ import annotations

import itertools
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from fiverr_support_kb._memo import Memo
from fiverr_support_kb.accounts._matching import (
    DIGITS,
    SHORTEST,
    Match,
    PurposeHit,
    align,
    cap,
    identity,
    letter_counts,
    make_target,
    segments,
    word_key,
)
from fiverr_support_kb.accounts._results import KEY_LIMIT

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from fiverr_support_kb.accounts._confusables import CharInfo, Confusables
    from fiverr_support_kb.accounts._matching import Target
    from fiverr_support_kb.models import OfficialAccount

__all__ = ["Readings", "official_words", "phonetic", "spoken"]

#: Sounds of official names at least this long may differ by one edit ("Fiverr-Kare").
_PHONETIC_FUZZY: Final = 8
#: Purpose words shorter than this ("pro", "cx") only count right next to the brand.
_SHORT_WORD: Final = 4
#: How an official name splits into words: a capital, a run of small letters, digits.
_WORD_RE: Final = r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+"
#: A word of a name: letters and digits of any script.
_WORD_CHARS: Final = r"[^\W_]+"

#: Spelling rules of :func:`phonetic`, applied in this order to a key.
_SOUNDS: Final = (
    (r"(?<=[a-z])8(?=[a-z])", "ate"),
    (r"(?<=[a-z])4(?=[a-z])", "for"),
    (r"(?<=[a-z])2(?=[a-z])", "to"),
    (r"ph", "f"),
    (r"(?:ti|si|sh|ss)(?:o|u)?n", "sn"),
    (r"sh|(?<=[aeiou])[ct]i(?=[aeiou])", "s"),
    (r"ow", "o"),
    (r"ck|cq|q|c(?![eiy])", "k"),
    (r"c", "s"),
    (r"x", "ks"),
    (r"z", "s"),
    (r"ee|ea|ie|y", "i"),
    (r"oo|ou", "u"),
    (r"ai|ay|ei|ey", "a"),
    (r"(?<=[a-z])(?:ur|ir)", "er"),
    (r"are|ar", "ar"),
    (r"(.)\1+", r"\1"),
)
#: Number words, by the key letter of their digit.
_NUMBERS: Final = (
    ("zero", "o"), ("one", "i"), ("two", "z"), ("three", "e"), ("four", "a"), ("five", "s"),
    ("sixty", "g"), ("six", "g"), ("seven", "t"), ("eight", "b"), ("nine", "g"), ("thirty", "e"),
)  # fmt: skip
_compiled = Memo()


def _sound_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    numbers = "|".join(word for word, _ in _NUMBERS)
    return (
        # two number words or more, or one next to a digit ("three33")
        (re.compile(f"(?:{numbers}){{2,}}|(?:{numbers})(?=[0-9])|(?<=[0-9])(?:{numbers})"), ""),
        *((re.compile(pattern), repl) for pattern, repl in _SOUNDS),
    )


def phonetic(key: str) -> str:
    """Return how a key (with digits not folded to letters) sounds, roughly, for respellings.

    Number words become the key letters of their digits; a digit between letters is read as
    a word ("upd8s"); then spellings of one sound are merged and doubled letters dropped.
    """
    rules = _compiled.get("sounds", _sound_rules)
    key = rules[0][0].sub(_number_keys, key)
    key = re.sub(r"[0-9]", lambda found: _digit_key(found.group(), key, found.start()), key)
    for pattern, repl in rules[1:]:
        key = pattern.sub(repl, key)
    return key


def _number_keys(found: re.Match[str]) -> str:
    """Return the key letters of a run of number words ("threesixfive": "egs")."""
    text, result = found.group(), []
    while text:
        word, letter = next(pair for pair in _NUMBERS if text.startswith(pair[0]))
        result.append(letter)
        text = text[len(word) :]
    return "".join(result)


def _digit_key(digit: str, key: str, start: int) -> str:
    """Keep a digit between letters for the sound rules; fold the others like a key does."""
    between = 0 < start < len(key) - 1 and key[start - 1].isalpha() and key[start + 1].isalpha()
    if between and digit in "842":
        return digit
    return "oizeasgtbg"[int(digit)]


def official_words(username: str) -> tuple[str, ...]:
    """Split an official name into its words: "FiverrCustVoice" into Fiverr, Cust, Voice."""
    from fiverr_support_kb.accounts._words import NAME_WORDS  # noqa: PLC0415 - on first need

    return NAME_WORDS.get(username) or tuple(re.findall(_WORD_RE, username))


def spoken(ch: str, info: CharInfo) -> str:
    """Return what one character adds to a name read aloud.

    That is its letter (``l`` stays ``l``, where a key folds it to ``i``), an ASCII digit
    itself, or else its key.
    """
    if ch in DIGITS:
        return ch
    prototype = info.prototype
    if len(prototype) == 1 and prototype.isascii() and prototype.isalpha():
        return prototype.lower()
    return info.key


def _raw_key(conf: Confusables, text: str) -> str:
    """Return the letters of *text* as they are read aloud: see :func:`spoken`."""
    return "".join(spoken(ch, conf.classify(ch)) for ch in text)


class Readings:
    """What the other readings compare a name with, each part derived on its first use."""

    __slots__ = ("_accounts", "_brand", "_harmless", "_memo", "_order", "conf", "targets")

    def __init__(
        self,
        conf: Confusables,
        targets: tuple[Target, ...],
        brand: str,
        harmless: Callable[[str], bool],
    ) -> None:
        """Keep what the readings derive from: *harmless* tells a harmless affix."""
        self.conf = conf
        self.targets = targets
        self._brand = brand
        self._harmless = harmless
        self._accounts = MappingProxyType({t.account.username: t.account for t in targets})
        self._order = MappingProxyType({t.account.username: t.order for t in targets})
        self._memo = Memo()

    # -- word order --

    @property
    def variants(self) -> tuple[Target, ...]:
        """The official names with their words in another order, one edit stricter."""

        def make() -> tuple[Target, ...]:
            variants = []
            for target in self.targets:
                account, order = target.account, target.order
                words = official_words(account.username)
                sep = next((ch for ch in account.username if not ch.isalnum()), "")
                # One edit fewer than the name in order: the words are known, not their order.
                budget = max(0, target.budget - 1)
                for permutation in sorted(set(itertools.permutations(words)) - {words}):
                    shown = sep.join(permutation)
                    variants.append(
                        make_target(
                            self.conf, account, order, shown, variant="word_order", budget=budget
                        )
                    )
            return tuple(variants)

        return self._memo.get("variants", make)

    # -- truncations --

    @property
    def truncations(self) -> Mapping[str, Target]:
        """The official names cut short, past their first word, by their keys."""

        def make() -> Mapping[str, Target]:
            conf = self.conf
            plain_keys = [target.forms[1].pieces.key for target in self.targets]
            truncations: dict[str, Target] = {}
            for target in self.targets:
                account, order = target.account, target.order
                letters = len(target.forms[1].pieces.key)
                first = len(conf.key(official_words(account.username)[0], digraphs=False))
                for cut in range(1, len(account.username)):
                    shown = account.username[:cut]
                    if not shown[-1].isalnum():
                        continue
                    key = conf.key(shown, digraphs=False)
                    # Past the first word, and either most of the name or only its start.
                    unique = sum(name.startswith(key) for name in plain_keys) == 1
                    if len(key) > first and (
                        unique or len(key) >= first + 3 or 5 * len(key) >= 3 * letters
                    ):
                        variant = make_target(
                            conf, account, order, shown, variant="truncation", budget=0
                        )
                        for form in (0, 1):
                            truncations.setdefault(variant.forms[form].pieces.key, variant)
            return MappingProxyType(truncations)

        return self._memo.get("truncations", make)

    def truncated(
        self, keys: Sequence[str], harmless: Callable[[int, int, int], bool]
    ) -> tuple[Match, int] | None:
        """Find an official name cut short ("Fiverr-Upd"), maybe with harmless words around.

        One more edit when ranking; the longest cut wins.
        """
        for form, key in enumerate(keys):
            cut = self.truncations.get(key)
            if cut is not None:
                return Match(cut, form, identity(len(key))), 1
        best: Match | None = None
        for form, key in enumerate(keys):
            for short, cut in self.truncations.items():
                start = key.find(short)
                longest = best.alignment.stop - best.alignment.start if best is not None else 0
                if start < 0 or len(short) <= longest:
                    continue
                stop = start + len(short)
                if harmless(form, start, stop):
                    best = Match(cut, form, identity(len(short), start))
        return (best, 1) if best is not None else None

    # -- the brand with an account's purpose --

    @property
    def purpose(self) -> Mapping[str, OfficialAccount]:
        """The keys of the words of each account's purpose, with the account."""

        def make() -> Mapping[str, OfficialAccount]:
            from fiverr_support_kb.accounts import _words  # noqa: PLC0415 - on first need

            purpose: dict[str, OfficialAccount] = {}
            for username, words_of in _words.PURPOSE.items():
                for word in words_of:
                    purpose.setdefault(cap(word_key(self.conf, word)), self._accounts[username])
            return MappingProxyType(purpose)

        return self._memo.get("purpose", make)

    def _purpose_regex(self) -> re.Pattern[str]:
        from fiverr_support_kb.accounts._matching import words_regex  # noqa: PLC0415

        purpose = self.purpose  # outside the memo's lock, which is not reentrant
        return self._memo.get("purpose_regex", lambda: re.compile(words_regex(purpose)))

    def find_purpose(self, caps: Sequence[str], brand_regex: re.Pattern[str]) -> PurposeHit | None:
        """Find the brand with words of one account's purpose ("fiverr_photography")."""
        for which, key in enumerate(caps):
            brand = brand_regex.search(key)
            if brand is None:
                continue
            # A purpose word may begin with the brand's last letters ("fiverrrelease"): it
            # only has to start after the brand's first four letters. Short words only count
            # right next to the brand.
            spans = [
                found.span()
                for found in self._purpose_regex().finditer(key)
                if (found.end() <= brand.start() or found.start() >= brand.start() + 4)
                and (
                    found.end() - found.start() >= _SHORT_WORD
                    or found.end() == brand.start()
                    or brand.end() - 2 <= found.start() <= brand.end()
                )
            ]
            if not spans:
                continue
            purpose = self.purpose
            scores: dict[str, int] = {}
            for start, stop in spans:
                account = purpose[key[start:stop]]
                scores[account.username] = scores.get(account.username, 0) + stop - start
            best = max(scores, key=lambda name: (scores[name], -self._order[name]))
            account = self._accounts[best]
            words = tuple(span for span in spans if purpose[key[span[0] : span[1]]] is account)
            return PurposeHit(which, account, brand.span(), words)
        return None

    # -- respellings by sound --

    @property
    def sounds(self) -> tuple[tuple[str, tuple[tuple[str, int], ...], Target], ...]:
        """How each official name sounds, with the letter counts of the sound."""

        def make() -> tuple[tuple[str, tuple[tuple[str, int], ...], Target], ...]:
            sounds = [phonetic(_raw_key(self.conf, target.shown)) for target in self.targets]
            return tuple(
                (sound, tuple(letter_counts(sound).items()), target)
                for sound, target in zip(sounds, self.targets, strict=True)
            )

        return self._memo.get("sounds", make)

    @property
    def trust_sounds(self) -> frozenset[str]:
        """How the trust and staff words sound (:func:`phonetic`)."""

        def make() -> frozenset[str]:
            from fiverr_support_kb.accounts import _words  # noqa: PLC0415 - on first need

            words = (*_words.TRUST_WORDS, *_words.STAFF_WORDS)
            return frozenset(phonetic(_raw_key(self.conf, word)) for word in words) - {""}

        return self._memo.get("trust_sounds", make)

    def core_sounds_like(self, text: str, infos: Sequence[CharInfo]) -> Target | None:
        """Return the account *text* sounds like, without the harmless words around it."""
        start, stop, bare = self._core(text)
        sounds = self.sounds_like(text[start:stop], infos[start:stop])
        if sounds is None and bare < stop:  # without the digits it ends with
            sounds = self.sounds_like(text[start:bare], infos[start:bare])
        return sounds

    def _core(self, text: str) -> tuple[int, int, int]:
        """Return where *text* is without the harmless words around it.

        That is the start, the stop, and the stop without the digits the rest ends with.
        """
        tokens = [found.span() for found in re.finditer(_WORD_CHARS, text)]

        def harmless(span: tuple[int, int]) -> bool:
            word = text[slice(*span)]
            return self._brand not in self.conf.key(word) and self._harmless(word)

        while len(tokens) > 1 and harmless(tokens[0]):
            tokens.pop(0)
        while len(tokens) > 1 and harmless(tokens[-1]):
            tokens.pop()
        if not tokens:
            return 0, len(text), len(text)
        start, stop = tokens[0][0], tokens[-1][1]
        bare = stop
        while bare - start > 1 and text[bare - 1] in DIGITS:
            bare -= 1
        return start, stop, bare

    def sounds_like(self, text: str, infos: Sequence[CharInfo]) -> Target | None:
        """Return the official account *text* sounds like when read aloud, or ``None``.

        A digit between letters is read both as a syllable ("upd8s") and as the letter it
        looks like ("1ntern4l").
        """
        raw = "".join(spoken(ch, info) for ch, info in zip(text, infos, strict=True))
        if not SHORTEST <= len(raw) <= KEY_LIMIT:  # no official name sounds that short
            return None
        best: tuple[int, int, Target] | None = None
        for sound in {phonetic(raw), phonetic("".join(info.key for info in infos))}:
            found = self._sounds_like(sound)
            if found is not None and (best is None or found[:2] < best[:2]):
                best = found
        return best[2] if best is not None else None

    def _sounds_like(self, sound: str) -> tuple[int, int, Target] | None:
        """Return the closest official sound to *sound*, with words around it at most."""
        counts = letter_counts(sound)
        best: tuple[int, int, Target] | None = None
        for official, needed, target in self.sounds:
            if sound == official:
                return 0, target.order, target
            limit = 1 if len(official) >= _PHONETIC_FUZZY else 0
            if len(sound) < len(official) - limit:
                continue
            # each edit loses at most one of the official letters
            if sum(max(0, n - counts.get(ch, 0)) for ch, n in needed) > limit:
                continue
            found = align(sound, official, semi=True, limit=limit)
            if found is None:
                continue
            if not (
                self._sound_words(sound[: found.start]) and self._sound_words(sound[found.stop :])
            ):
                continue
            rank = (found.distance, target.order)
            if best is None or rank < best[:2]:
                best = (*rank, target)
        return best

    def _sound_words(self, affix: str) -> bool:
        return not affix or segments(affix, self.trust_sounds)
