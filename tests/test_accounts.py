"""Tests of fiverr_support_kb.accounts, its matching primitives and its Unicode data."""

from __future__ import annotations

import copy
import random
import re
import string
import subprocess
import sys
import threading
import unicodedata
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import fiverr_support_kb
from fiverr_support_kb import (
    Reason,
    UsernameAssessment,
    Verdict,
    accounts,
    assess_username,
    default_kb,
    is_official,
)
from fiverr_support_kb.accounts import (
    _bidi,
    _confusables,
    _confusables_data,
    _explain,
    _matching,
    _readings,
    _words,
)
from fiverr_support_kb.accounts import _matcher as _impersonation
from fiverr_support_kb.accounts._confusables import CharKind, confusables
from helpers import load_by_path, load_script

if TYPE_CHECKING:
    from collections.abc import Callable


gen = load_by_path("_lookalikes", Path(__file__).with_name("_lookalikes.py"))
OFFICIALS: Final = default_kb().official_usernames
ACCOUNTS: Final = {account.username: account for account in default_kb().official_accounts}
CODES: Final = frozenset(
    {
        "case_variant", "invisible", "combining_mark", "compatibility", "confusable",
        "mixed_script", "leetspeak", "separator", "repetition", "edit_distance", "affix",
        "brand_staff", "long_input", "bidi", "word_order", "truncation", "phonetic",
        "brand_purpose",
    }
)  # fmt: skip
ASCII_WHITESPACE: Final = " \t\n\r\x0b\x0c"
SEED: Final = 4  # the benchmark uses another seed: its sample is held out from these tests

# Any text at all: surrogates, controls, combining marks, characters NFKC expands.
any_text = st.text(st.characters(exclude_categories=()), max_size=80)
official = st.sampled_from(OFFICIALS)
ascii_whitespace = st.text(st.sampled_from(ASCII_WHITESPACE), max_size=3)


def recased(name: str, flips: list[bool]) -> str:
    """Swap the case of the letters of *name* where *flips* says so."""
    return "".join(ch.swapcase() if flip else ch for ch, flip in zip(name, flips, strict=False))


def account_of(name: str) -> str | None:
    """Return the username of the account *name* is or imitates, or None."""
    found = assess_username(name).official_account
    return None if found is None else found.username


def insert(name: str, index: int, text: str) -> str:
    """Insert *text* into *name* at *index* (clamped)."""
    index = min(index, len(name))
    return name[:index] + text + name[index:]


# --- is_official -------------------------------------------------------------------------------


@given(
    official, st.lists(st.booleans(), min_size=20, max_size=20), ascii_whitespace, ascii_whitespace
)
def test_official_names_in_any_ascii_case_and_padding_are_official(
    name: str, flips: list[bool], before: str, after: str
) -> None:
    """Every official name is official in any ASCII case, with ASCII whitespace around it."""
    candidate = before + recased(name, flips) + after
    assert is_official(candidate)
    result = assess_username(candidate)
    assert result.verdict is Verdict.OFFICIAL
    assert result.official_account is ACCOUNTS[name]


@given(official, st.integers(0, 30), st.characters(min_codepoint=0x80, exclude_categories=()))
def test_a_non_ascii_character_anywhere_makes_a_name_not_official(
    name: str, index: int, ch: str
) -> None:
    """Inserting or substituting any non-ASCII character makes an official name not official."""
    assert not is_official(insert(name, index, ch))
    k = min(index, len(name) - 1)
    assert not is_official(name[:k] + ch + name[k + 1 :])


@pytest.mark.parametrize(
    "name",
    [
        "ＦＩＶＥＲＲ-ＣＡＲＥ",  # full-width: NFKC maps it to the official name
        "Fiverr-\u0421are",  # Cyrillic capital es
        "Fiverr\u200b-Care",  # zero-width space
        "Fiverr-Care\u0301",  # combining acute accent
        "Fiverr-\u017focial",  # long s: "\u017f".upper() == "S"
        "F\u0131verr-Care",  # dotless i: "\u0131".upper() == "I"
        "F\u0130verr-Care",  # dotted capital I: lower() is "i" plus a combining dot
        "editors_pic\u212as",  # Kelvin sign: lower() == "k"
        "\u00a0Fiverr-Care",  # no-break space is not stripped
        "Fiverr-Care\u3000",  # ideographic space is not stripped
        "Fiverr_Care",  # another separator
        "FiverrCare",
        "",
        "   ",
    ],
)
def test_lookalikes_of_official_names_are_not_official(name: str) -> None:
    """Compatibility forms, other scripts, invisible characters, odd case maps are not official."""
    assert not is_official(name)
    assert assess_username(name).verdict is not Verdict.OFFICIAL


@pytest.mark.parametrize("value", [None, b"Fiverr-Care", 42, ["Fiverr-Care"], bytearray(b"x")])
def test_non_str_input_raises_type_error(value: object) -> None:
    """Both functions refuse a non-str with a TypeError naming the type."""
    for function in (is_official, assess_username):
        with pytest.raises(TypeError, match=type(value).__name__):
            function(value)  # type: ignore[arg-type]


@given(any_text)
def test_is_official_agrees_with_the_assessment(name: str) -> None:
    """is_official(name) is true exactly when assess_username(name) says OFFICIAL."""
    assert is_official(name) == (assess_username(name).verdict is Verdict.OFFICIAL)


def test_case_variant_and_exact_spelling_reasons() -> None:
    """An exact spelling has no reason; a case variant says it is the same account."""
    assert assess_username("Fiverr-Care").reasons == ()
    (reason,) = assess_username(" FIVERR-CARE ").reasons
    assert reason.code == "case_variant"
    assert "'Fiverr-Care'" in reason.message


# --- assess_username: invariants ----------------------------------------------------------------


@given(any_text)
@example("\u202a")  # a bidi control alone: unrelated, with the control as its reasons
def test_any_text_gets_a_consistent_assessment(name: str) -> None:
    """Any text is assessed without error, and the verdict, account and reasons agree."""
    result = assess_username(name)
    assert isinstance(result, UsernameAssessment)
    assert result.username is name
    if result.verdict is Verdict.UNRELATED:
        assert result.official_account is None
        # a bidi or invisible control is a reason even in an unrelated name (#12)
        assert {reason.code for reason in result.reasons} <= {"bidi", "invisible"}
    elif result.verdict is Verdict.IMPERSONATION:
        assert result.reasons
    else:
        assert result.official_account is not None
    for reason in result.reasons:
        assert isinstance(reason, Reason)
        assert reason.code in CODES
        assert reason.message
        reason.message.encode("utf-8")  # printable: no lone surrogates


@given(any_text, ascii_whitespace, ascii_whitespace)
def test_surrounding_ascii_whitespace_changes_nothing(name: str, before: str, after: str) -> None:
    """Padding a name with ASCII whitespace changes neither the verdict nor the account."""
    plain, padded = assess_username(name), assess_username(before + name + after)
    assert padded.verdict is plain.verdict
    assert padded.official_account == plain.official_account


@given(
    official,
    st.lists(st.tuples(st.integers(0, 30), st.sampled_from(gen.INVISIBLE)), min_size=1, max_size=4),
)
def test_invisible_characters_anywhere_still_imitate_the_account(
    name: str, inserts: list[tuple[int, str]]
) -> None:
    """Official names with invisible or bidi characters inserted imitate that account."""
    candidate = name
    for index, ch in inserts:
        candidate = insert(candidate, index, ch)
    result = assess_username(candidate)
    assert result.verdict is Verdict.IMPERSONATION
    assert result.official_account is ACCOUNTS[name]
    assert "invisible" in {reason.code for reason in result.reasons}


@given(
    official,
    st.lists(
        st.sampled_from(["-", "_", ".", " ", "", "--", "\u2010", "\u00a0"]), min_size=3, max_size=3
    ),
)
def test_separator_changes_still_imitate_the_account(name: str, seps: list[str]) -> None:
    """Changing, removing or adding separators keeps the account attributed."""
    parts = re.split(r"[-_]", name)
    candidate = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=False))
    candidate = insert(candidate, 3, seps[-1])
    assume(not is_official(candidate))
    assert account_of(candidate) == name


def _lookalike_characters() -> dict[str, list[str]]:
    """Group the shipped table's non-ASCII letters by the ASCII letter they look like."""
    tables = confusables()
    found: dict[str, list[str]] = {}
    for cp in range(0x80, 0x30000):
        ch = chr(cp)
        info = tables.classify(ch)
        if info.kind is CharKind.LOOKALIKE and len(info.key) == 1:
            found.setdefault(info.key, []).append(ch)
    return found


LOOKALIKE_CHARACTERS: Final = _lookalike_characters()


@given(official, st.data())
def test_any_letter_replaced_by_a_lookalike_still_imitates_the_account(
    name: str, data: st.DataObject
) -> None:
    """Replacing letters with any of their Unicode lookalikes keeps the account attributed."""
    key = confusables().key
    chars = list(name)
    spots = [k for k, ch in enumerate(chars) if ch.isalnum() and key(ch) in LOOKALIKE_CHARACTERS]
    for k in data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=len(spots))):
        chars[k] = data.draw(st.sampled_from(LOOKALIKE_CHARACTERS[key(chars[k])]))
    candidate = "".join(chars)
    assume(not is_official(candidate))
    result = assess_username(candidate)
    assert result.official_account is ACCOUNTS[name]
    assert result.verdict is Verdict.IMPERSONATION


@given(
    official,
    st.text(string.digits + "_-.", min_size=1, max_size=6),
    st.text(string.digits + "_-.", max_size=6),
)
def test_digits_and_separators_around_an_official_name_imitate_it(
    name: str, before: str, after: str
) -> None:
    """An official name with digits or separators around it imitates that account."""
    candidate = before + name + after
    assume(not is_official(candidate))
    assert account_of(candidate) == name


@given(official, st.integers(0, 30), st.integers(0, 3))
def test_one_small_edit_still_imitates_the_account(name: str, where: int, kind: int) -> None:
    """Inserting, leaving out, replacing or swapping one letter keeps the account attributed."""
    spots = [k for k, ch in enumerate(name) if ch.isalnum()]
    k = spots[where % len(spots)]
    edits = (
        name[:k] + "q" + name[k:],
        name[:k] + name[k + 1 :],
        name[:k] + ("x" if name[k] != "x" else "y") + name[k + 1 :],
        name[:k] + name[k + 1 : k + 2] + name[k] + name[k + 2 :],
    )
    candidate = edits[kind]
    assume(not is_official(candidate))
    assert account_of(candidate) == name


@given(official, st.integers(0, 30), st.integers(1, 12))
def test_repeated_letters_are_free(name: str, where: int, times: int) -> None:
    """Repeating a letter of an official name any number of times keeps the account."""
    k = [k for k, ch in enumerate(name) if ch.isalpha()][where % 5]
    candidate = name[:k] + name[k] * times + name[k:]
    result = assess_username(candidate)
    assert result.official_account is ACCOUNTS[name]
    assert "repetition" in {reason.code for reason in result.reasons}


# --- assess_username: explanations ---------------------------------------------------------------


def codes(name: str) -> list[str]:
    """Return the reason codes of *name*'s assessment, in order."""
    return [reason.code for reason in assess_username(name).reasons]


def message(name: str, code: str) -> str:
    """Return the message of the reason with *code* in *name*'s assessment."""
    return next(r.message for r in assess_username(name).reasons if r.code == code)


def test_reasons_name_the_characters_and_where_they_are() -> None:
    """Each technique gets its reason, naming the characters and their indexes."""
    assert "U+200B ZERO WIDTH SPACE at index 6" in message("Fiverr\u200b-Care", "invisible")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message("Fiverr-\u202eCare", "invisible")
    assert "U+0301 COMBINING ACUTE ACCENT at index 2" in message(
        "Fi\u0301verr-Care", "combining_mark"
    )
    assert "index 1, a letter with a diacritic" in message("F\u00edverr-Care", "combining_mark")
    assert "U+FF26 FULLWIDTH LATIN CAPITAL LETTER F" in message("\uff26iverr-Care", "compatibility")
    cyrillic = message("Fiverr-C\u0430re", "confusable")
    assert "U+0430 CYRILLIC SMALL LETTER A) at index 8 looks like 'a'" in cyrillic
    assert "Cyrillic" in message("Fiverr-C\u0430re", "mixed_script")
    assert "'0' at index 1 stands for 'o'" in message("h0osier333", "leetspeak")
    assert "'E' at index 7 stands for the digit '3'" in message("hoosierE33", "leetspeak")
    assert "'m' at index 4 looks like 'rn'" in message("Intemal_comms", "confusable")
    assert "'-' changed to '_' at index 6" in message("Fiverr_Care", "separator")
    assert "'-' left out before index 6" in message("FiverrCare", "separator")
    assert "'r' at index 6" in message("Fiverrr-Care", "repetition")
    assert message("Fievrr-Care", "edit_distance").startswith("1 edit from 'Fiverr-Care'")
    assert "the prefix 'real_'" in message("real_Fiverr-Care", "affix")
    staff = message("Fivver.Supp0rt", "brand_staff")
    assert "'Fivver' at index 0 is the brand 'Fiverr' misspelt" in staff
    assert "'Supp0rt' at index 7" in staff
    assert "'0' at index 11 stands for 'o'" in message("Fivver.Supp0rt", "leetspeak")


def test_reasons_follow_the_documented_order() -> None:
    """Reasons come in the order the module documents."""
    order = list(_explain.Explainer._ORDER)
    for name in ("re\u200bal_F\u00ed\u0432err_C\u0430re1", "th3_f1v\u0435rr_\u0455upport"):
        found = codes(name)
        assert found
        assert found == sorted(found, key=order.index)


def test_generic_staff_impersonations_have_no_account() -> None:
    """Brand-plus-staff-word names are impersonations that imitate no particular account."""
    for name in (
        "Fivver_Support",
        "support.feverr",
        "the_fiverr_team",
        "FIVERR ADMIN",
        "fiverr_hq",
    ):
        result = assess_username(name)
        assert result.verdict is Verdict.IMPERSONATION, name
        assert result.official_account is None
        assert codes(name)[-1] == "brand_staff"


@pytest.mark.parametrize(
    "name",
    [
        "john_designs", "pixelcraft99", "józsef_kovács", "Zsófia.Design", "skincare_by_anna",
        "video_editor_pro", "social_media_mia", "weekly_updates", "editor_mike", "support_my_art",
        "customer_care_pro", "five_roses_care", "fiber_support", "fever_dreams", "Fiverr",
        "hoosier_designs", "internal_audit_pro", "marcom_studio", "", "___", "\u200b",
    ],
)  # fmt: skip
def test_ordinary_names_are_unrelated(name: str) -> None:
    """Ordinary names, staff words without the brand, and the brand alone are unrelated."""
    assert assess_username(name) == UsernameAssessment(username=name, verdict=Verdict.UNRELATED)


# --- issue 12: the attack classes, alone and combined ------------------------------------------


@pytest.mark.parametrize(
    ("name", "username", "code"),
    [
        ("\u202eeraC-rreviF", "Fiverr-Care", "bidi"),
        ("Fiverr\u202esetadpU-\u202c", "Fiverr-Updates", "bidi"),
        ("video_editorial", "editorial_video", "word_order"),
        ("Care-Fiverr", "Fiverr-Care", "word_order"),
        ("333hoosier", "hoosier333", "word_order"),
        ("fiverr_marcom", "frmarcom", "brand_purpose"),
        ("FiverrCustomerCare", "Fiverr-Care", "brand_purpose"),
        ("fiverr_internal_comms", "Internal_comms", "affix"),
        ("fiverr_photography", "editorial_video", "brand_purpose"),
        ("pro_acquisit", "pro_acquisition", "truncation"),
        ("Fiverr-Soc", "Fiverr-Social", "truncation"),
        ("Phiverr-Kair", "Fiverr-Care", "phonetic"),
        ("editors_pix", "editors_picks", "phonetic"),
        ("Fiverr_threesixtyfive", "Fiverr_365", "phonetic"),
        ("Fiverr-Upd8s", "Fiverr-Updates", "phonetic"),
        (
            "\u15b4\u13a5\u142f\u15f4\u1587\u1587-\u1455\u15e9\u1587\u15f4",
            "Fiverr-Care",
            "confusable",
        ),
        ("Fiverr_\u278c\u278f\u278e", "Fiverr_365", "confusable"),
        ("hoosier\u0969\u0969\u0969", "hoosier333", "confusable"),
        ("frnnarcom", "frmarcom", "confusable"),
        ("fr|\\/|arcom", "frmarcom", "confusable"),
        ("e\u0063\u006citorial_video", "editorial_video", "confusable"),
    ],
)
def test_the_issue_classes_name_the_account_and_why(name: str, username: str, code: str) -> None:
    """Each example of the issue's classes imitates its account, with the class's reason."""
    result = assess_username(name)
    assert result.verdict is Verdict.IMPERSONATION
    assert account_of(name) == username
    assert code in codes(name)


@pytest.mark.parametrize("combined", [False, True])
@pytest.mark.parametrize("kind", sorted(gen.CLASSES))
def test_each_issue_class_is_caught_alone_and_combined(kind: str, *, combined: bool) -> None:
    """Each class of the issue, alone or with an older technique, names the right account."""
    rng = sample_rng(f"{kind}{combined}")
    sample = [
        gen.class_lookalike(rng, name, kind, "tune", is_official, combined=combined)
        for name in OFFICIALS * 10
    ]
    # Random double typos can leave a short name closer to nothing than the budget allows;
    # a name cut short and then changed again can keep too little of the official one.
    floor = {"double_edit": 0.85, "truncation": 0.93}.get(kind, 0.96)
    assert rate(sample, lambda c: account_of(c.name) == c.official) >= floor


@pytest.mark.parametrize("kind", sorted(gen.STAFF_ROLES))
def test_staff_roles_in_many_languages_are_flagged(kind: str) -> None:
    """The brand with staff roles in English, Hungarian and other languages is flagged."""
    rng = sample_rng(kind)
    sample = [gen.staff_role(rng, kind, "tune") for _ in range(300)]
    assert rate(sample, lambda n: assess_username(n).verdict is Verdict.IMPERSONATION) >= 0.98


@pytest.mark.parametrize(
    "name",
    [
        "fiverr_noreply", "fiverr_fraud_prevention", "FiverrLtd", "fiverr_penzugy",
        "fiverr_ellenorzes", "fiverr_soporte", "fiverr_suporte", "fiverr_kundendienst",
        "fiverr_securite", "fiverr_destek", "fiverr_wsparcie", "fiverr_podderzhka",
        "фиверр_поддержка", "ФИВЕРР_ПОДДЕРЖКА", "fiverr_assistenza", "\u202etroppus_rrevif",
        "fivver_suport", "fiverr_kontrol",
    ],
)  # fmt: skip
def test_staff_roles_of_the_issue_pose_as_staff(name: str) -> None:
    """The staff roles the issue names, in its languages, pose as Fiverr staff."""
    result = assess_username(name)
    assert result.verdict is Verdict.IMPERSONATION
    assert result.official_account is None


@pytest.mark.parametrize("name", gen.NEAR_MISSES)
def test_near_misses_stay_unrelated(name: str) -> None:
    """Innocent names close to the brand or using care, picks, pro ... stay unrelated."""
    assert assess_username(name).verdict is Verdict.UNRELATED


@pytest.mark.parametrize(
    "name",
    [
        "kovács_éva", "Szőke.Ödön", "gergő_bálint91", "Nagy-Ágnes", "tóth.zsófia", "lőrinc1990",
        "Réka_Fodor", "mészáros_dávid", "Ürögdi_Csilla", "áron_illustrations",
    ],
)  # fmt: skip
def test_accented_hungarian_names_stay_unrelated(name: str) -> None:
    """Hungarian names with their accents are ordinary names."""
    assert assess_username(name).verdict is Verdict.UNRELATED


@given(official, st.data())
def test_a_name_stored_backwards_is_judged_as_displayed(name: str, data: st.DataObject) -> None:
    """An official name partly stored backwards behind RLO imitates it, with a bidi reason."""
    start = data.draw(st.integers(0, len(name) - 1))
    opener = data.draw(st.sampled_from(["\u202e", "\u202b\u202e", "\u2067\u202e"]))
    closer = "\u202c" * opener.count("\u202b") + "\u202c" + "\u2069" * opener.count("\u2067")
    stored = name[:start] + opener + name[start:][::-1] + closer
    assert _bidi.displayed(stored)[0] == name
    assert account_of(stored) == name
    assert "bidi" in codes(stored)


@given(
    st.text(
        st.sampled_from("ab_1\u05d0\u0627 \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    )
)
def test_displayed_order_shows_every_character_once(text: str) -> None:
    """The displayed order is a permutation of the characters other than the controls."""
    shown, positions = _bidi.displayed(text)
    assert sorted(positions) == [k for k, ch in enumerate(text) if ch not in _bidi.BIDI_CONTROLS]
    assert shown == "".join(text[k] for k in positions)


@given(official, st.integers(0, 30), st.sampled_from(sorted(_bidi.BIDI_CONTROLS)))
def test_any_bidi_control_in_a_flagged_name_is_a_reason(name: str, where: int, ch: str) -> None:
    """A bidi control anywhere in a flagged name is explained by a bidi reason."""
    candidate = insert(name, where, ch)
    if assess_username(candidate).verdict is Verdict.IMPERSONATION:
        assert "bidi" in codes(candidate)


def test_reasons_are_written_in_hungarian_too() -> None:
    """Every reason of the issue's examples has its own Hungarian sentence, picked by text()."""
    names = ("\u202eeraC-rreviF", "video_editorial", "Fiverr-Soc", "Phiverr-Kair", "fiverr_marcom")
    for name in (*names, "Fivver.Supp0rt", "real_F\u00edverr_C\u0430re1", "FIVERR-CARE"):
        for reason in assess_username(name).reasons:
            assert reason.text("hu") == reason.message_hu != reason.message == reason.text("en")
    assert "helye: 8" in message_hu("Fiverr-C\u0430re", "confusable")
    assert "más sorrendben" in message_hu("video_editorial", "word_order")


def message_hu(name: str, code: str) -> str:
    """Return the Hungarian text of the reason with *code* in *name*'s assessment."""
    return next(r.text("hu") for r in assess_username(name).reasons if r.code == code)


@given(st.sampled_from(sorted(gen.CLASSES)), official, st.randoms(use_true_random=False))
def test_every_reason_of_a_flagged_name_has_both_languages(
    kind: str, name: str, rng: random.Random
) -> None:
    """Whatever a name triggers, each of its reasons reads in English and in Hungarian."""
    case = gen.class_lookalike(rng, name, kind, "tune", is_official, combined=True)
    for reason in assess_username(case.name).reasons:
        assert reason.message
        assert reason.message_hu
        assert reason.code in CODES


@pytest.mark.parametrize(
    "name",
    [
        "\u202e" + "eraC-rreviF" * 90_000,
        "".join(chr(0x300 + k % 0x6F) + "\u200b\u202e" for k in range(333_333)),
        "\u202e" + "fiverrx" * 150_000,
        "supportteam" * 90_000 + "fiverr",
        "\u15b4\u13a5\u142f\u278c\u0969" * 200_000,
        "|\\/|" * 250_000,
    ],
)
def test_hostile_megabyte_names_get_a_verdict(name: str) -> None:
    """Megabyte names of marks, bidi controls, brands and drawn letters get a verdict."""
    result = assess_username(name)
    assert result.verdict in {Verdict.IMPERSONATION, Verdict.UNRELATED}
    assert not is_official(name)
    if result.verdict is Verdict.IMPERSONATION:
        assert result.reasons[-1].code == "long_input"


# --- the evaluation: rates on a fixed-seed sample ------------------------------------------------


def sample_rng(label: object = "") -> random.Random:
    """Return the seeded generator of a test sample (reproducible, not for security)."""
    return random.Random(f"{SEED}{label}")  # noqa: S311 - test data, not secrets


def rate(names: list[Any], check: Callable[[Any], bool]) -> float:
    """Return the share of *names* for which *check* holds."""
    return sum(map(check, names)) / len(names)


def test_lookalikes_are_flagged_and_attributed() -> None:
    """Lookalikes (every technique, alone and combined) are flagged and attributed."""
    sample = gen.lookalikes(sample_rng(), OFFICIALS, 1100, is_official)
    flagged = rate(sample, lambda c: assess_username(c.name).verdict is Verdict.IMPERSONATION)
    attributed = rate(sample, lambda c: account_of(c.name) == c.official)
    assert flagged >= 0.985
    assert attributed >= 0.975


@pytest.mark.parametrize("technique", sorted(gen.TECHNIQUES))
def test_each_technique_alone_is_caught(technique: str) -> None:
    """Each technique of the issue, alone, is attributed to the right account almost always."""
    rng = sample_rng(technique)
    sample = [gen.lookalike(rng, name, [technique], is_official) for name in OFFICIALS * 10]
    assert rate(sample, lambda c: account_of(c.name) == c.official) >= 0.97


def test_generic_staff_impersonations_are_flagged() -> None:
    """Brand (or a misspelling) with staff words, in many orders and separators, is flagged."""
    rng = sample_rng()
    sample = [gen.staff_impersonation(rng, is_official) for _ in range(500)]
    assert rate(sample, lambda n: assess_username(n).verdict is Verdict.IMPERSONATION) >= 0.95


def test_ordinary_usernames_are_rarely_flagged() -> None:
    """Ordinary freelancer usernames (accents, words like care or video) stay unrelated."""
    sample = gen.ordinaries(sample_rng(), 1000)
    assert rate(sample, lambda n: assess_username(n).verdict is not Verdict.UNRELATED) <= 0.005


# --- bounded cost ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "verdict", "username"),
    [
        ("a" * 1_000_000, Verdict.UNRELATED, None),
        ("x" * 1_000_000 + "fiverr_support", Verdict.IMPERSONATION, None),
        ("Fiverr-Care" + "\u200b" * 1_000_000, Verdict.IMPERSONATION, "Fiverr-Care"),
        ("Fiverr" + "_" * 1_000_000 + "Care", Verdict.IMPERSONATION, "Fiverr-Care"),
        ("fiver" * 200_000, Verdict.UNRELATED, None),
        ("\ud800" * 1_000_000, Verdict.UNRELATED, None),
    ],
)
def test_long_names_are_assessed_from_their_keys(
    name: str, verdict: Verdict, username: str | None
) -> None:
    """Megabyte names get a verdict (the timing is in benchmarks/) and a long_input reason."""
    result = assess_username(name)
    assert result.verdict is verdict
    assert account_of(name) == username
    if verdict is Verdict.IMPERSONATION:
        assert result.reasons[-1].code == "long_input"
    assert not is_official(name)


@given(any_text)
def test_the_detailed_and_the_linear_key_agree(name: str) -> None:
    """The key built character by character (with origins) is the linear-time key."""
    tables = confusables()
    plain = _matching.pieces(tables.classify(ch).key for ch in name)
    assert plain.key == tables.key(name, digraphs=False)
    assert _matching.digraphs(plain).key == tables.key(name)
    assert _matching.capped(plain).key == _matching.cap(plain.key)


def test_first_use_from_many_threads_builds_everything_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many threads assessing names first at once get one thread's answers; all is built once."""
    names = [
        "Fiverr_C\u0430re",  # tables, scripts, explanations
        "Fivver_Support",  # staff-word regexes
        "real_F\u0456verr-Care_2024",  # affixes
        "x" * 300 + "fiverr_support",  # a long name: keys only
        "F\u0456verr_Care" + "\u200b" * 300,  # the translation table for non-ASCII keys
        "pixelcraft99",
        "fiona_art",
        "FIVERR-CARE",
        "fiverr_photography",  # the readings: purposes
        "Phiverr-Kair",  # sounds
        "video_editorial",  # word order
        "Fiverr-Soc",  # cuts
        "\u202eeraC-rreviF",  # the bidi module
    ]
    expected = [assess_username(name) for name in names]
    for loader in (accounts._names, _impersonation._matcher, _confusables.confusables):
        loader.forget()
    calls: list[str] = []

    def counted(cls: type, name: str) -> None:
        original = getattr(cls, name)

        def wrapper(self: object, *args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    counted(_impersonation._Matcher, "__init__")
    counted(_impersonation._Matcher, "_sources")
    counted(_readings.Readings, "__init__")
    counted(_confusables.Confusables, "__init__")
    counted(_confusables.Confusables, "_make_translation")
    counted(_confusables.Confusables, "_parse_scripts")
    barrier = threading.Barrier(16)
    results: dict[int, list[UsernameAssessment]] = {}

    def work(k: int) -> None:
        order = names[k % len(names) :] + names[: k % len(names)]
        barrier.wait()
        found = {name: assess_username(name) for name in order}
        results[k] = [found[name] for name in names]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16
    assert all(found == expected for found in results.values())
    assert sorted(calls) == sorted(
        ["__init__", "_sources", "__init__", "__init__", "_make_translation", "_parse_scripts"]
    )


# --- matching primitives --------------------------------------------------------------------------


@given(st.text("abcfirv", max_size=12), st.text("abcfirv", max_size=12))
def test_alignment_cost_is_at_most_the_levenshtein_distance(a: str, b: str) -> None:
    """The alignment cost never exceeds Levenshtein; a substring alignment never exceeds it."""
    whole = _matching.align(a, b, semi=False, limit=99)
    part = _matching.align(a, b, semi=True, limit=99)
    assert whole is not None
    assert part is not None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    assert part.distance <= whole.distance <= previous[-1]
    assert _matching.align(a, a, semi=False, limit=0) is not None


@given(st.text("abcfirv", max_size=12), st.text("abcfirv", min_size=1, max_size=12))
def test_alignment_operations_rebuild_the_text(a: str, b: str) -> None:
    """Replaying an alignment's operations on the pattern gives the aligned text, at its cost."""
    found = _matching.align(a, b, semi=True, limit=99)
    assert found is not None
    rebuilt, cost = [], 0
    for op, i, j in found.ops:
        if op in "=~*+":
            rebuilt.append(a[i])
        elif op == "x":
            rebuilt.append(a[i] + a[i + 1])
        cost += op in "~+-x"
        assert op != "=" or a[i] == b[j]
    assert "".join(rebuilt) == a[found.start : found.stop]
    assert cost == found.distance


@given(st.text("fiverabcs", max_size=30))
def test_cap_keeps_at_most_three_repeats(key: str) -> None:
    """cap() leaves no run of four equal characters and is idempotent."""
    capped = _matching.cap(key)
    assert not re.search(r"(.)\1\1\1", capped)
    assert _matching.cap(capped) == capped


def one_edit_spellings(word: str) -> set[str]:
    """Return the spellings of *word* one edit away that keep its first letter."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = set()
    for k in range(1, len(word) + 1):
        found |= {word[:k] + ch + word[k:] for ch in letters}
        if k < len(word):
            found |= {word[:k] + ch + word[k + 1 :] for ch in letters}
            found.add(word[:k] + word[k + 1 :])
        if k < len(word) - 1:
            found.add(word[:k] + word[k + 1] + word[k] + word[k + 2 :])
    return found


def test_brand_regex_matches_every_one_edit_spelling() -> None:
    """Every spelling of the brand one edit away matches; strong ones have a doubled letter."""
    any_brand, strong = _matching.brand_regexes("fiverr")
    for spelling in one_edit_spellings("fiverr"):
        assert re.fullmatch(any_brand, spelling), spelling
        doubled = re.search(r"(.)\1", spelling) is not None
        assert bool(re.fullmatch(strong, spelling)) == doubled, spelling
    assert not re.search(any_brand, "fever river fiber diver")


@given(st.text("fiverphabcs", max_size=24))
def test_every_brand_match_starts_with_a_brand_start(key: str) -> None:
    """Each match of the brand regexes starts with a brand_starts text: the prefilter is exact."""
    starts = _matching.brand_starts("fiverr")
    for pattern in _matching.brand_regexes("fiverr"):
        for found in re.finditer(pattern, key):
            assert found.group().startswith(starts)
    if not any(start in key for start in starts):
        assert not any(re.search(pattern, key) for pattern in _matching.brand_regexes("fiverr"))


@given(st.lists(st.sampled_from(["real", "the", "team", "support"]), min_size=1, max_size=4))
def test_segments_finds_concatenated_words(words: list[str]) -> None:
    """segments() accepts any concatenation of the words and rejects an extra letter."""
    vocabulary = frozenset({"real", "the", "team", "support"})
    assert _matching.segments("".join(words), vocabulary)
    assert not _matching.segments("".join(words) + "q", vocabulary)


# --- the confusables data ------------------------------------------------------------------------


confusables_script = load_script("generate_confusables")
#: The shipped tables, parsed by the generator (apart from the library's own reader).
TABLES: Final = confusables_script.read_module(_confusables_data)


def test_shipped_tables_match_the_checksum_the_generator_recorded() -> None:
    """The SHA-256 recomputed over the shipped tables is the one recorded, with the provenance."""
    data = _confusables_data
    assert confusables_script.checksum(TABLES) == data.SHA256
    damaged = copy.deepcopy(TABLES)
    damaged["prototype"]["0430"] = "b"
    assert confusables_script.checksum(damaged) != data.SHA256
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", data.ICU_VERSION)
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", data.UNICODE_VERSION)
    assert (confusables().icu_version, confusables().unicode_version) == (
        data.ICU_VERSION,
        data.UNICODE_VERSION,
    )
    assert data.LICENSE == "Unicode-3.0"
    assert data.GENERATOR == "scripts/generate_confusables.py"
    assert "Unicode License v3" in (data.__doc__ or "")
    licence = files(fiverr_support_kb).joinpath(*data.LICENSE_FILE.split("/"))
    text = licence.read_text(encoding="utf-8")
    assert "UNICODE LICENSE V3" in text
    assert "Unicode, Inc." in text


def test_shipped_module_is_what_the_generator_renders() -> None:
    """Rendering the shipped tables again gives the shipped module, byte for byte."""
    data = _confusables_data
    shipped = Path(data.__file__).read_text(encoding="utf-8")
    rendered = confusables_script.render(
        TABLES, icu_version=data.ICU_VERSION, unicode_version=data.UNICODE_VERSION
    )
    assert rendered == shipped
    assert data.FORMAT == confusables_script.FORMAT == _confusables.FORMAT


def test_shipped_tables_are_sound() -> None:
    """The shipped tables pass the generator's checks (ranges, prototypes, flags, scripts)."""
    assert confusables_script.validate(TABLES) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t["ignorable"].insert(0, "zz"), r"'zz' @ \$\.tables\.ignorable\[0\]"),
        (lambda t: t["mark"].append("0041"), r"outside U\+0080.* @ \$\.tables\.mark\["),
        (lambda t: t["mark"].insert(1, "0300"), r"precedes the one before @ \$\.tables\.mark"),
        (lambda t: t["prototype"].update({"0430": "\u00e9"}), r"printable ASCII.*'0430'"),
        (lambda t: t["prototype"].update({"200B": "x"}), r"U\+200B is also ignorable"),
        (lambda t: t["prototype"].update({"430": "a"}), r"non-ASCII code point.*'430'"),
        (lambda t: t["prototype"].update({"10FFFD": "x"}), r"U\+10FFFD has a prototype but no"),
        (lambda t: t["confusable"].append("10FFFD"), r"U\+10FFFD is flagged but has no"),
        (lambda t: t["scripts"].update(Fake=["0041"]), r"overlap at U\+0041"),
        (lambda t: t["scripts"].update({"Two words": ["10FFFD"]}), r"script name"),
        (lambda t: t.update(prototype=[]), r"@ \$\.tables\.prototype"),
        (lambda t: t.update(extra=[]), r"expected the tables"),
    ],
)
def test_unsound_tables_are_rejected_with_their_path(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    """The generator refuses damaged tables, naming each problem and where it is."""
    tables = copy.deepcopy(TABLES)
    change(tables)
    problems = confusables_script.validate(tables)
    assert any(re.search(expected, problem) for problem in problems), problems


def _expected(cp: int) -> tuple[CharKind | None, str, str]:
    """Return the kind, prototype and flags the tables and supplement give *cp* (None: neither)."""
    code = f"{cp:04X}"
    if code in TABLES["prototype"]:
        flags = "".join(flag for flag, name in confusables_script.FLAGS if cp in _FLAGGED[name])
        return CharKind.LOOKALIKE, TABLES["prototype"][code], flags
    if cp in _DROPPED["ignorable"]:
        return CharKind.INVISIBLE, "", ""
    if cp in _DROPPED["mark"]:
        return CharKind.MARK, "", ""
    # The library's own supplement: fancy-text letters and the digits of every script.
    ch = chr(cp)
    if ch in _confusables.FANCY:
        return CharKind.LOOKALIKE, _confusables.FANCY[ch], "c"
    digit = unicodedata.digit(ch, None)
    if digit is not None and cp >= 0x80:
        return CharKind.LOOKALIKE, str(digit), "c"
    return None, "", ""


def _code_points(ranges: list[str]) -> set[int]:
    found: set[int] = set()
    for value in ranges:
        first, _, last = value.partition("..")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return found


_DROPPED: Final = {name: _code_points(TABLES[name]) for name in ("ignorable", "mark")}
_FLAGGED: Final = {name: _code_points(TABLES[name]) for _, name in confusables_script.FLAGS}
_SCRIPT_OF: Final = {
    cp: name.replace("_", " ")
    for name, ranges in TABLES["scripts"].items()
    for cp in _code_points(ranges)
}
#: Every code point the tables list, and its neighbours: where a lookup can go wrong.
_LISTED: Final = sorted(
    {
        cp + delta
        for cp in (
            *(int(code, 16) for code in TABLES["prototype"]),
            *(cp for points in _DROPPED.values() for cp in points),
        )
        for delta in (-1, 0, 1)
    }
)


def _check_classified(cp: int) -> None:
    """Assert that classify() and key() say of chr(cp) what the shipped tables say."""
    tables = confusables()
    info = tables.classify(chr(cp))
    kind, prototype, flags = _expected(cp)
    if kind is CharKind.LOOKALIKE:
        assert info.kind in {CharKind.LOOKALIKE, CharKind.SEPARATOR}
        assert (info.prototype, info.flags) == (prototype, flags)
        assert info.key == tables.key(prototype, digraphs=False)
    elif kind is not None:
        assert info.kind is kind
    elif cp >= 0x80:
        assert info.kind in {CharKind.OTHER, CharKind.INVISIBLE, CharKind.SEPARATOR}
    assert tables.key(chr(cp), digraphs=False) == info.key
    assert tables.script(chr(cp)) == _SCRIPT_OF.get(cp)


def test_the_library_reads_every_listed_character_as_the_tables_say() -> None:
    """classify() finds every listed code point (and its neighbours) as the tables list it."""
    for cp in _LISTED:
        _check_classified(cp)


@given(st.integers(0, 0x10FFFF))
def test_the_library_reads_any_character_as_the_tables_say(cp: int) -> None:
    """classify() says of any code point what the tables say, and nothing for unlisted ones."""
    _check_classified(cp)


def test_the_library_reads_every_script_range_as_the_tables_say() -> None:
    """script() gives each listed range's script at both ends, and what is next to them."""
    for values in TABLES["scripts"].values():
        for value in values:
            first, _, last = value.partition("..")
            for cp in (int(first, 16) - 1, int(first, 16), int(last or first, 16) + 1):
                if 0 <= cp <= 0x10FFFF:
                    _check_classified(cp)


def test_classify_remembers_only_the_characters_of_the_tables() -> None:
    """Classifying characters outside the tables leaves no trace: memory stays bounded."""
    tables = confusables()
    before = len(tables._info)
    for cp in range(0x4E00, 0x4E00 + 3000):
        tables.classify(chr(cp))
    listed = sum(_expected(cp)[0] is not None for cp in range(0x4E00, 0x4E00 + 3000))
    assert len(tables._info) - before <= listed


def test_the_table_maps_the_lookalikes_the_issue_names() -> None:
    """Full-width, Cyrillic, Greek, small capitals, long s and ligatures have ASCII prototypes."""
    key = confusables().key
    assert key("ＦＩＶＥＲＲ") == key("\u0192\u0456\u03bd\u0435\u0433\u0433") == "fiverr"
    assert key("\u0442\u0435\u0430\u043c") == "team"  # Cyrillic te, ie, a, em: small capitals
    assert key("\ufb01\u017fh") == "fifh"  # ligature fi; long s looks like f
    assert key("\u200b\u00ad\u202e\ufe0f\U000e0041") == ""
    assert confusables().script("\u0430") == "Cyrillic"
    assert confusables().script("1") is None


def test_the_matcher_word_keys_are_the_linear_keys() -> None:
    """The matcher's keys of its staff and trust words are what Confusables.key gives."""
    tables = confusables()
    words = (*_words.STAFF_WORDS, *_words.TRUST_WORDS, *_words.BRAND_SPELLINGS, _matching.BRAND)
    for word in words:
        assert _impersonation._word_key(tables, word) == tables.key(word)


_HEAVY: Final = ("cattrs", "json", "importlib.resources")


def test_importing_the_module_loads_no_data() -> None:
    """Importing accounts loads no data and neither cattrs, json nor importlib.resources."""
    code = (
        "import sys, fiverr_support_kb.knowledge_base as d, fiverr_support_kb.accounts as a;"
        "assert not a._names.loaded() and not d.default_kb.loaded();"
        "loaded = {m for m in sys.modules if m.startswith('fiverr_support_kb.')};"
        "assert loaded <= {'fiverr_support_kb.' + m for m in"
        " ('errors', 'accounts', 'accounts._results', 'knowledge_base', '_loading', 'models',"
        " '_memo')}, loaded;"
        f"assert not set({_HEAVY!r}) & set(sys.modules), sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("name", ["x", "Fivver_Support", "Fiverr_C\u0430re", "fiverr" * 100])
def test_first_use_needs_neither_cattrs_nor_json(name: str) -> None:
    """The first is_official and assess_username load no cattrs, json or importlib.resources."""
    code = (
        "import sys, fiverr_support_kb as k;"
        "assert k.is_official('Fiverr-Care');"
        f"k.assess_username({name!r});"
        f"assert not set({_HEAVY!r}) & set(sys.modules), sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unicodedata_names_exist_for_messages() -> None:
    """Messages name characters even when this Python's Unicode lacks a name (code only)."""
    assert _explain._show("\U000e0041").startswith("U+E0041")
    assert _explain._show("\ud800") == "U+D800"
    assert _explain._show("\u0430") == "'\u0430' (U+0430 CYRILLIC SMALL LETTER A)"
    assert unicodedata.name("\u0430")


class _LyingStr(str):
    """A str subclass whose methods claim to be an official name."""

    __slots__ = ()

    def strip(self, chars: str | None = None) -> str:  # noqa: ARG002 - the lie ignores it
        return "Fiverr-Care"

    def lower(self) -> str:
        return "fiverr-care"

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash("fiverr-care")


def test_str_subclass_cannot_lie_its_way_to_official() -> None:
    """A str subclass is judged by its characters, never by its overridden methods."""
    name = _LyingStr("scammer")
    assert not is_official(name)
    result = assess_username(name)
    assert result.verdict is not Verdict.OFFICIAL
    assert type(result.username) is str
    assert result.username == "scammer"


@pytest.mark.parametrize("name", ["john\u202edoe", "\u202eabc", "kate\u2067x\u2069"])
def test_a_bidi_control_is_a_reason_even_in_an_unrelated_name(name: str) -> None:
    """An unrelated name with bidirectional controls still says so (bidi, invisible)."""
    result = assess_username(name)
    assert result.verdict is Verdict.UNRELATED
    assert [reason.code for reason in result.reasons][:1] == ["bidi"]
