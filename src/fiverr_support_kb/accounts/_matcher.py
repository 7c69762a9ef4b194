"""The impersonation checks behind :func:`fiverr_support_kb.accounts.assess_username`.

:mod:`fiverr_support_kb.accounts` imports this module on the first assessment of a name that
is not official, so that :func:`~fiverr_support_kb.accounts.is_official` never pays for it.
The index (the official names folded, the Unicode tables) is built once, on first use; the
staff words (:mod:`~fiverr_support_kb.accounts._words`) and each staff-word regex on their
first use, which only names with the start of the brand or with words around an official name
have; the other readings of the official names
(:mod:`~fiverr_support_kb.accounts._readings`: word order, cuts, sounds, purposes) for a name
no official name fits as it is; the displayed order
(:mod:`~fiverr_support_kb.accounts._bidi`) for a name with non-ASCII characters; the
explanations (:mod:`~fiverr_support_kb.accounts._explain`) on the first impersonation. The
verdicts and reason codes are documented in :mod:`fiverr_support_kb.accounts`.
"""

from __future__ import annotations

import re
import threading
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs

from fiverr_support_kb._memo import Memo, once
from fiverr_support_kb.accounts._confusables import (
    FLAG_CONFUSABLE,
    CharInfo,
    CharKind,
    confusables,
    fold_digraphs,
)
from fiverr_support_kb.accounts._matching import (
    BRAND,
    DIGITS,
    SHORTEST,
    Letters,
    Match,
    PurposeHit,
    StaffHit,
    Target,
    align,
    bigrams,
    brand_regexes,
    brand_starts,
    cap,
    capped,
    digraphs,
    identity,
    letter_counts,
    make_target,
    pieces,
    segments,
    substitute,
    word_key,
    words_regex,
)
from fiverr_support_kb.accounts._results import (
    ASCII_WHITESPACE,
    DETAIL_LIMIT,
    KEY_LIMIT,
    Reason,
    UsernameAssessment,
    Verdict,
)
from fiverr_support_kb.knowledge_base import default_kb

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from fiverr_support_kb.accounts._confusables import Confusables
    from fiverr_support_kb.accounts._explain import Explainer
    from fiverr_support_kb.accounts._matching import Alignment
    from fiverr_support_kb.accounts._readings import Readings
    from fiverr_support_kb.models import OfficialAccount

__all__ = ["assess"]

#: The key of a short word (kept under this name for the tests).
_word_key = word_key

#: Staff words shorter than this only count right next to the brand ("fiverr_hq").
_SHORT_STAFF: Final = 4
#: Staff words at least this long are also found with one typo ("suport").
_FUZZY_STAFF: Final = 6
#: Separators between the words of an affix, and the digits around them.
_NON_WORD: Final = r"[\W_]+"
_NO_DIGITS: Final[Mapping[int, str]] = MappingProxyType({})


# --- the index, built on first use -----------------------------------------------------------


#: Letters drawn with ASCII strokes, and the letter each reads as.
_ART: Final[Mapping[str, str]] = MappingProxyType({
    "|\\/|": "m", "/\\/\\": "m", "|\\|": "n", "/\\/": "n", "\\/\\/": "w", "\\/": "v",
    "|-|": "h", "]-[": "h", "|_|": "u", "(_)": "u", "|)": "d", "|<": "k", "|2": "r", "/\\": "a",
    "()": "o", "[]": "o",
})  # fmt: skip
_ART_RE: Final = "|".join(map(re.escape, sorted(_ART, key=len, reverse=True)))
_ART_START: Final = frozenset(sequence[0] for sequence in _ART)
_BIDI_RE: Final = "[\u202a-\u202e\u2066-\u2069]"


class _Staff(NamedTuple):
    """The staff and trust words, folded, and what is derived from them."""

    words: frozenset[str]
    #: Words that make an affix harmless: trust words, staff words, the brand.
    trust: frozenset[str]
    #: The brand in other scripts, and the brand.
    spellings: tuple[tuple[str, str], ...]
    windows: tuple[int, int]
    #: Staff words long enough to be found with one typo.
    fuzzy: tuple[str, ...]


class _Patterns(NamedTuple):
    """The module's regexes, compiled on first use (:func:`_patterns`)."""

    art: re.Pattern[str]
    bidi: re.Pattern[str]


@once
def _patterns() -> _Patterns:
    """Compile the module's regexes, once, on first use."""
    return _Patterns(re.compile(_ART_RE), re.compile(_BIDI_RE))


def _art(found: re.Match[str]) -> str:
    return _ART[found.group()]


def _with_art(text: str, infos: tuple[CharInfo, ...]) -> tuple[CharInfo, ...]:
    r"""Read the letters drawn with ASCII strokes ("|\\/|" for "m") as those letters.

    The first character of such a drawing stands for the letter, the others for nothing.
    """
    result = list(infos)
    for found in _patterns().art.finditer(text):
        letter = _ART[found.group()]
        start, stop = found.span()
        result[start] = CharInfo(CharKind.LOOKALIKE, letter, letter, FLAG_CONFUSABLE)
        for index in range(start + 1, stop):
            result[index] = CharInfo(CharKind.SEPARATOR, text[index], "")
    return tuple(result)


def _drops_digits(alignment: Alignment, rigid: Mapping[int, str]) -> bool:
    """Tell whether *alignment* leaves out more than one digit of the official name."""
    return sum(op == "-" and j in rigid for op, _, j in alignment.ops) > 1


def _has_letters(letters: Letters, target: Target, form: int) -> bool:
    """Tell whether a key has the letters of *target* (in one form) but for its budget."""
    counts = letters.counts
    official = target.forms[form]
    return sum(max(0, n - counts.get(ch, 0)) for ch, n in official.counts) <= target.budget


def _rigid(target: Target, form: int) -> Mapping[int, str]:
    """Return the key letters of *target* that stand for its digits, which no edit replaces.

    "fiverr_365" folds to "fiverresg"; "fiverr_news" is two edits from it, but a name that
    writes other letters where the digits are does not imitate the number.
    """
    if form and target.forms[1].pieces.key != target.forms[0].pieces.key:
        return _NO_DIGITS
    return target.rigid


class _Matcher:
    """Everything derived from the official accounts and the Unicode tables, built once.

    Each staff-word regex is compiled on its first use (once, thread-safe): only names that
    contain the start of the brand (:func:`brand_starts`) need any, and most of those only
    the first one or two.
    """

    __slots__ = (
        "_accounts",
        "_brand",
        "_brand_starts",
        "_compiled",
        "_exact",
        "_lock",
        "_memo",
        "_non_word",
        "_source_texts",
        "_targets",
        "conf",
    )

    def __init__(self, accounts: tuple[OfficialAccount, ...], conf: Confusables) -> None:
        self.conf = conf
        self._accounts = accounts
        targets = tuple(
            make_target(conf, account, order, account.username)
            for order, account in enumerate(accounts)
        )
        self._targets = targets
        # Derived on first use (thread-safe): the variants of the official names, the purpose
        # words, the sounds. Only some names need each.
        self._memo = Memo()
        self._exact = tuple(
            MappingProxyType(
                {target.forms[form].pieces.key: target for target in reversed(targets)}
            )
            for form in (0, 1)
        )
        self._brand = cap(word_key(conf, BRAND))
        self._brand_starts = brand_starts(self._brand)
        self._non_word = re.compile(_NON_WORD)
        self._lock = threading.Lock()
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._source_texts: Mapping[str, str] | None = None

    @property
    def _readings(self) -> Readings:
        """The other readings of the official names (word order, cuts, sounds, purposes)."""

        def make() -> Readings:
            from fiverr_support_kb.accounts._readings import Readings  # noqa: PLC0415

            return Readings(self.conf, self._targets, self._brand, self.harmless_text)

        return self._memo.get("readings", make)

    def _find_purpose(self, caps: Sequence[str]) -> PurposeHit | None:
        """Find the brand with words of one account's purpose ("fiverr_photography")."""
        if not any(start in key for key in caps for start in self._brand_starts):
            return None
        return self._readings.find_purpose(caps, self._regex("brand"))

    @property
    def _staff(self) -> _Staff:
        """The staff and trust words, folded: needed by names with the brand or an affix."""

        def make() -> _Staff:
            from fiverr_support_kb.accounts import _words  # noqa: PLC0415 - on first need

            conf = self.conf
            keys = {
                word: word_key(conf, word) for word in (*_words.STAFF_WORDS, *_words.TRUST_WORDS)
            }
            staff = frozenset({cap(keys[word]) for word in _words.STAFF_WORDS} - {""})
            spellings = {cap(word_key(conf, word)) for word in _words.BRAND_SPELLINGS} - {""}
            return _Staff(
                words=staff,
                trust=frozenset({*keys.values(), self._brand}) - {""},
                spellings=tuple(sorted((spelling, self._brand) for spelling in spellings)),
                # How far before and after a brand a staff word and the brand may reach: the
                # longest staff word, and the brand with each letter tripled.
                windows=(max(map(len, staff)) + 3, 3 * len(self._brand) + 3),
                fuzzy=tuple(sorted(word for word in staff if len(word) >= _FUZZY_STAFF)),
            )

        return self._memo.get("staff", make)

    def _sources(self) -> Mapping[str, str]:
        """Return the staff-word regexes as text, by name (see :func:`brand_regexes`)."""
        staff = self._staff.words
        any_brand, strong = brand_regexes(self._brand)
        any_staff = words_regex(staff)
        return {
            # the brand or a strong misspelling of it, alone
            "brand": strong,
            # a staff word long enough to count anywhere in the name
            "staff": words_regex(word for word in staff if len(word) >= _SHORT_STAFF),
            # any staff word
            "staff_at": any_staff,
            # the brand or any one-edit misspelling of it
            "any_brand": any_brand,
            # the brand or any one-edit misspelling of it, right before or after a staff word
            "brand_then_staff": f"{any_brand}(?={any_staff})",
            "staff_then_brand": f"({any_staff}){any_brand}",
        }

    def _regex(self, name: str) -> re.Pattern[str]:
        """Return the staff-word regex *name*, compiled on first use (once, thread-safe)."""
        found = self._compiled.get(name)
        if found is None:
            with self._lock:
                found = self._compiled.get(name)
                if found is None:
                    if self._source_texts is None:
                        self._source_texts = self._sources()
                    found = self._compiled[name] = re.compile(self._source_texts[name])
        return found

    # -- lookalikes of one account --

    def match_account(
        self, keys: Sequence[str], harmless: Callable[[int, int, int], bool]
    ) -> Match | None:
        """Return the official account the name imitates, with the alignment, or ``None``."""
        found = self.ranked_match(keys, harmless)
        return found[0] if found is not None else None

    def ranked_match(
        self, keys: Sequence[str], harmless: Callable[[int, int, int], bool]
    ) -> tuple[Match, int] | None:
        """Return the best match with its cost (edits, plus one for unknown words around it).

        *keys* are the name's key with digraphs folded, and without.
        *harmless* tells whether the affixes around ``keys[form][start:stop]`` are only
        digits and trust words, which allow as many edits as no affix. The official names are
        tried first as they are, then with their words in another order (one more edit when
        ranking), then cut short (only exactly).
        """
        for form, key in enumerate(keys):
            exact = self._exact[form].get(key)
            if exact is not None:
                return Match(exact, form, identity(len(key))), 0
        if len(keys[0]) > KEY_LIMIT:
            contained = self._contained(keys)
            return (contained, 0) if contained is not None else None
        closest = self._closest(keys, harmless)
        if closest is not None or len(keys[1]) < SHORTEST:
            return closest  # no official name is cut that short: spare the readings
        return self._readings.truncated(keys, harmless)

    def _closest(
        self, keys: Sequence[str], harmless: Callable[[int, int, int], bool]
    ) -> tuple[Match, int] | None:
        """Return the official name or word-order variant within its edit budget, ranked."""
        best: Match | None = None
        best_rank: tuple[int, ...] = ()
        for form, key in enumerate(keys):
            letters = Letters(key, letter_counts(key), bigrams(key))
            # A word-order variant has its name's letters: only names that have nearly all of
            # them need the variants (built on first use).
            lettered = {
                target.order for target in self._targets if _has_letters(letters, target, form)
            }
            variants = self._readings.variants if lettered else ()
            for target in (*self._targets, *variants):
                if target.variant and (target.order not in lettered or best_rank[:1] == (0,)):
                    continue  # a variant costs one more edit: it cannot beat an exact match
                forms = target.forms
                if form and key == keys[0] and forms[1].pieces.key == forms[0].pieces.key:
                    continue  # the same comparison as with digraphs folded
                found = self._compare(letters, target, form, harmless)
                if found is None or (target.variant and found[1]):
                    continue  # words in another order: only with harmless words around
                alignment = found[0].alignment
                affix = len(key) - (alignment.stop - alignment.start)
                # Unknown words around a name count as one more edit when ranking candidates.
                pattern = len(target.forms[form].pieces.key)
                cost = alignment.distance + found[1] + bool(target.variant)
                rank = (cost, affix, -pattern, target.order, form)
                if best is None or rank < best_rank:
                    best, best_rank = found[0], rank
        return (best, best_rank[0]) if best is not None else None

    def _contained(self, keys: Sequence[str]) -> Match | None:
        """Find an official key inside a long key, in linear time."""
        for target in sorted(self._targets, key=lambda t: -len(t.forms[0].pieces.key)):
            for form, key in enumerate(keys):
                pattern = target.forms[form].pieces.key
                start = key.find(pattern)
                if start >= 0:
                    return Match(target, form, identity(len(pattern), start))
        return None

    @staticmethod
    def _compare(
        letters: Letters, target: Target, form: int, harmless: Callable[[int, int, int], bool]
    ) -> tuple[Match, int] | None:
        """Align *key* with one official key within its edit budget, or return ``None``.

        Also returns 1 when the match has affixes that are not harmless, else 0.
        """
        budget = target.budget
        official = target.forms[form]
        key, counts = letters.key, letters.counts
        pattern = official.pieces.key
        # Cheap filters: each edit loses at most one of the official key's letters and at most
        # three of its distinct bigrams (a swap), and repeats lose none.
        if len(key) < len(pattern) - budget:
            return None
        if len(official.bigrams & letters.bigrams) < len(official.bigrams) - 3 * budget:
            return None
        if sum(max(0, n - counts.get(ch, 0)) for ch, n in official.counts) > budget:
            return None
        rigid = _rigid(target, form)
        start = key.find(pattern)
        stop = start + len(pattern)
        if (
            start >= 0
            and key[start - 1 : start] != key[start]
            and key[stop : stop + 1] != key[stop - 1]
        ):
            # the official key itself, with words (not repeats) around it
            alignment: Alignment | None = identity(len(pattern), start)
        else:
            alignment = align(key, pattern, semi=True, limit=budget, rigid=rigid)
        if alignment is None or _drops_digits(alignment, rigid):
            return None
        affixed = alignment.start > 0 or alignment.stop < len(key)
        odd = affixed and not harmless(form, alignment.start, alignment.stop)
        if odd and alignment.distance >= budget > 0:
            # Unknown words around, and edits: one edit less, or no affix at all.
            alignment = align(key, pattern, semi=False, limit=budget, rigid=rigid)
            if alignment is None or _drops_digits(alignment, rigid):
                return None
            odd = False
        return Match(target, form, alignment), int(odd)

    def harmless_text(self, text: str) -> bool:
        """Tell whether an affix of a name is only digits and trust words ("real_", "_2024")."""
        return all(
            not (core := token.strip(DIGITS)) or segments(self.conf.key(core), self._staff.trust)
            for token in self._words(text)
        )

    def _words(self, text: str) -> list[str]:
        """Split *text* into words at separators and invisible characters.

        Letters that ``str.isalnum`` calls symbols (circled, negative squared ...) are letters
        here, as they are in keys.
        """
        if text.isascii():
            return self._non_word.split(text)
        words: list[str] = []
        word: list[str] = []
        for ch in text:
            kind = self.conf.classify(ch).kind
            if kind is CharKind.SEPARATOR or kind is CharKind.INVISIBLE:
                words.append("".join(word))
                word = []
            elif kind is not CharKind.MARK:
                word.append(ch)
        words.append("".join(word))
        return words

    def harmless_key(self, key: str) -> bool:
        """Tell whether an affix of a key is only trust words (digits cannot be told apart)."""
        return not key or segments(key, self._staff.trust)

    # -- posing as staff --

    def _spelt(self, key: str) -> str:
        """Write the brand spelt in another script ("фиверр") as the brand, in a long key."""
        for spelling, brand in self._staff.spellings:
            key = key.replace(spelling, brand)
        return key

    def find_staff(self, caps: Sequence[str], *, fuzzy: bool) -> StaffHit | None:
        """Find the brand with a staff word in the capped keys, or return ``None``."""
        for which, key in enumerate(caps):
            if not any(start in key for start in self._brand_starts):
                continue  # no brand: none of the regexes below can match
            staff_at = self._regex("staff_at")
            if staff_at.search(key) is None and not fuzzy:
                continue
            found = self._regex("brand_then_staff").search(key)
            if found is not None:
                word = staff_at.match(key, found.end())
                after = (word.span(),) if word is not None else ()
                return StaffHit(which, found.span(), after, fuzzy=False)
            found = self._staff_then_brand(key)
            if found is not None:
                return StaffHit(which, (found.end(1), found.end()), (found.span(1),), fuzzy=False)
            brand = self._regex("brand").search(key)
            if brand is None:
                continue
            staff = tuple(
                word.span()
                for word in self._regex("staff").finditer(key)
                if word.end() <= brand.start() or word.start() >= brand.end()
            )
            if staff:
                return StaffHit(which, brand.span(), staff, fuzzy=False)
            hit = self._fuzzy_hit(which, key, brand.span()) if fuzzy else None
            if hit is not None:
                return hit
        return None

    def _fuzzy_hit(self, which: int, key: str, brand: tuple[int, int]) -> StaffHit | None:
        """Find the brand with a long staff word with one typo ("suport"), or return None."""
        found_word = self._fuzzy_staff_word(key, brand)
        if found_word is None:
            return None
        start, stop = brand
        if start < found_word[0] < stop:  # the word took the brand's last letter
            stop = found_word[0]
        return StaffHit(which, (start, stop), (found_word,), fuzzy=True)

    def _staff_then_brand(self, key: str) -> re.Match[str] | None:
        """Find a staff word right before the brand, searching only around the brand.

        The staff words can start anywhere, so the regex tries many places; the brand starts
        with a few letters only, which its own regex skips to. Near each brand, the windows
        merged, the search costs at most one pass over the key, and none where there is no
        brand.
        """
        regex = self._regex("staff_then_brand")
        before, after = self._staff.windows
        start = stop = -1
        for brand in self._regex("any_brand").finditer(key):
            low, high = max(0, brand.start() - before), brand.end() + after
            if low > stop:
                if stop >= 0 and (found := regex.search(key, start, stop)) is not None:
                    return found
                start = low
            stop = high
        return regex.search(key, start, stop) if stop >= 0 else None

    def _fuzzy_staff_word(self, key: str, brand: tuple[int, int]) -> tuple[int, int] | None:
        """Find a long staff word with one typo ("suport") outside the brand in a short key."""
        for word in self._staff.fuzzy:
            half = len(word) // 2
            if word[:half] not in key and word[half:] not in key:
                continue  # one edit leaves one half of the word intact
            found = align(key, word, semi=True, limit=1)
            # The brand's regex may have taken the word's first letter ("fivvers" + "uport").
            if found is not None and (found.stop <= brand[0] or found.start >= brand[1] - 1):
                return found.start, found.stop
        return None

    # -- the brand with an account's purpose, and respellings --

    # -- assessing --

    def assess(self, username: str) -> UsernameAssessment:
        """Assess a name that is not official."""
        text = username.strip(ASCII_WHITESPACE)
        offset = username.find(text[:1]) if text else 0
        if len(text) > DETAIL_LIMIT:
            return self._assess_long(username, text, offset)
        if text.isascii():  # no bidi control: spare importing the bidi module
            return self._judge(username, text, offset, None, ((), ""))
        from fiverr_support_kb.accounts._bidi import bidi_controls, displayed  # noqa: PLC0415

        controls = bidi_controls(text)
        if not controls:
            return self._judge(username, text, offset, None, ((), ""))
        # Judge what readers see; then, if that imitates nothing, the order it is stored in.
        shown, order = displayed(text)
        positions = tuple(offset + index for index in order)
        result = self._judge(username, shown, offset, positions, (controls, shown))
        if result.verdict is Verdict.UNRELATED:
            kept = tuple(k for k in range(len(text)) if k not in set(controls))
            stored = "".join(text[k] for k in kept)
            if stored != shown:
                result = self._judge(
                    username,
                    stored,
                    offset,
                    tuple(offset + index for index in kept),
                    (controls, shown),
                )
        if result.verdict is Verdict.UNRELATED:
            # Any bidirectional control is itself a reason, even where nothing is imitated:
            # what the name displays is not what it stores.
            infos = tuple(self.conf.classify(ch) for ch in shown)
            explain = _explainer(self.conf, shown, offset, infos, positions)
            explain.bidi(username, [offset + k for k in controls], shown)
            result = attrs.evolve(result, reasons=explain.reasons())
        return result

    def _judge(
        self,
        username: str,
        text: str,
        offset: int,
        positions: Sequence[int] | None,
        bidi: tuple[Sequence[int], str],
    ) -> UsernameAssessment:
        """Assess *text*, the name (or the name as displayed) without surrounding whitespace."""
        infos = tuple(self.conf.classify(ch) for ch in text)
        if _ART_START.intersection(text):
            infos = _with_art(text, infos)
        plain = pieces(info.key for info in infos)
        folded = digraphs(plain)
        forms = (folded, plain)

        def harmless(form: int, start: int, stop: int) -> bool:
            found = forms[form]
            prefix = text[: found.first[start]] if start > 0 else ""
            suffix = text[found.last[stop - 1] + 1 :] if stop < len(found.key) else ""
            return self.harmless_text(prefix) and self.harmless_text(suffix)

        def explainer() -> Explainer:
            explain = _explainer(self.conf, text, offset, infos, positions)
            controls, shown = bidi
            if controls:
                explain.bidi(username, [offset + k for k in controls], shown)
            explain.characters()
            return explain

        ranked = self.ranked_match([found.key for found in forms], harmless)
        # The brand written in another script, as the brand: no ASCII key has one.
        spellings = () if plain.key.isascii() else self._staff.spellings
        caps = (substitute(capped(folded), spellings), substitute(capped(plain), spellings))
        if ranked is None or ranked[1] > bool(ranked[0].target.variant):
            purpose = self._find_purpose([found.key for found in caps])
            if purpose is not None and (
                ranked is None or purpose.account is not ranked[0].target.account
            ):
                explain = explainer()
                explain.purpose(purpose, caps[purpose.which])
                return UsernameAssessment(
                    username=username,
                    verdict=Verdict.IMPERSONATION,
                    official_account=purpose.account,
                    reasons=explain.reasons(),
                )
        if ranked is not None:
            match = ranked[0]
            explain = explainer()
            explain.alignment(match, forms[match.form])
            return UsernameAssessment(
                username=username,
                verdict=Verdict.IMPERSONATION,
                official_account=match.target.account,
                reasons=explain.reasons(),
            )
        sounds = self._readings.core_sounds_like(text, infos) if len(text) >= SHORTEST else None
        if sounds is not None:
            explain = explainer()
            explain.phonetic(sounds)
            return UsernameAssessment(
                username=username,
                verdict=Verdict.IMPERSONATION,
                official_account=sounds.account,
                reasons=explain.reasons(),
            )
        hit = self.find_staff([found.key for found in caps], fuzzy=len(folded.key) <= KEY_LIMIT)
        if hit is None:
            return UsernameAssessment(username=username, verdict=Verdict.UNRELATED)
        explain = explainer()
        explain.staff(hit, caps[hit.which])
        return UsernameAssessment(
            username=username, verdict=Verdict.IMPERSONATION, reasons=explain.reasons()
        )

    def _assess_long(self, username: str, text: str, offset: int) -> UsernameAssessment:
        """Assess a long name from its keys alone, in linear time.

        With bidirectional controls in it, the name is also read backwards, as a right-to-left
        override displays it.
        """
        drawn = any(start in text for start in _ART_START)
        plain = self.conf.key(_patterns().art.sub(_art, text) if drawn else text, digraphs=False)
        result = self._long(username, text, offset, plain, backwards=False)
        if result.verdict is Verdict.UNRELATED and _patterns().bidi.search(text) is not None:
            result = self._long(username, text, offset, plain[::-1], backwards=True)
        return result

    def _long(
        self, username: str, text: str, offset: int, plain: str, *, backwards: bool
    ) -> UsernameAssessment:
        """Assess *text* from its key before digraphs, *plain* (maybe read backwards)."""
        key = fold_digraphs(plain)
        keys = (key, plain)

        def harmless(form: int, start: int, stop: int) -> bool:
            found = keys[form]
            return self.harmless_key(found[:start]) and self.harmless_key(found[stop:])

        note = Reason(
            code="long_input",
            message=(
                f"the name is {len(text)} characters long, more than the {DETAIL_LIMIT} analysed "
                "character by character: only its folded key was compared"
            ),
            message_hu=(
                f"a név {len(text)} karakter hosszú, több, mint a karakterenként elemzett "
                f"{DETAIL_LIMIT}: csak az egységesített kulcsát hasonlítottuk össze"
            ),
        )
        match = self.match_account(keys, harmless)
        if match is not None:
            explain = _explainer(self.conf, text, offset, ())
            if backwards:
                explain.backwards()
            explain.distinct_characters()
            explain.key_alignment(match, keys[match.form])
            return UsernameAssessment(
                username=username,
                verdict=Verdict.IMPERSONATION,
                official_account=match.target.account,
                reasons=(*explain.reasons(), note),
            )
        caps = [self._spelt(cap(key))] if key == plain else [self._spelt(cap(k)) for k in keys]
        hit = self.find_staff(caps, fuzzy=False)
        if hit is None:
            return UsernameAssessment(username=username, verdict=Verdict.UNRELATED)
        explain = _explainer(self.conf, text, offset, ())
        if backwards:
            explain.backwards()
        explain.distinct_characters()
        explain.key_staff(hit, caps[hit.which])
        return UsernameAssessment(
            username=username, verdict=Verdict.IMPERSONATION, reasons=(*explain.reasons(), note)
        )


def _explainer(
    conf: Confusables,
    text: str,
    offset: int,
    infos: Sequence[CharInfo],
    positions: Sequence[int] | None = None,
) -> Explainer:
    """Start explaining a verdict: the explanations are loaded on the first impersonation."""
    from fiverr_support_kb.accounts._explain import Explainer  # noqa: PLC0415

    return Explainer(conf, text, offset, infos, positions)


@once
def _matcher() -> _Matcher:
    """The index of the official names, built on first use."""
    return _Matcher(default_kb().official_accounts, confusables())


# --- the entry point -------------------------------------------------------------------------


def assess(username: str) -> UsernameAssessment:
    """Assess a *username* that :func:`~fiverr_support_kb.accounts.is_official` rejects."""
    return _matcher().assess(username)
