r"""Username trust: is a sender one of Fiverr's official accounts, or pretending to be one?

:func:`is_official` answers the first question exactly: the article lists eleven usernames, and
a name is official when it *is* one of them, ignoring ASCII letter case (usernames are unique
identities on the platform, so a case variant names the same account) and surrounding ASCII
whitespace. Nothing is normalised: a name with any non-ASCII character is never official.

>>> is_official("Fiverr-Care"), is_official("  fiverr-care\n"), is_official("Fiverr_Care")
(True, True, False)
>>> is_official("ＦＩＶＥＲＲ-ＣＡＲＥ"), is_official("Fiverr-Сare")  # full-width; Cyrillic С
(False, False)

:func:`assess_username` answers the second: it folds the name the way a reader's eye does
(Unicode's UTS #39 confusables, leetspeak, invisible characters, marks and separators), then
compares it with each official name allowing small edits and extra words around it (and
its words in another order, cut short, respelt by sound, or the brand with what the account is
for), and looks for the brand with a staff word in many languages ("Fivver_Support",
"fiverr_penzugy"). A name with bidirectional controls is judged as it is displayed. It says
why, in machine-readable codes and sentences in English and Hungarian
(:meth:`Reason.text`):

>>> result = assess_username("Fiverr_Cаre")  # a Cyrillic а
>>> result.verdict.value, result.official_account.username
('impersonation', 'Fiverr-Care')
>>> [reason.code for reason in result.reasons]
['confusable', 'mixed_script', 'separator']
>>> assess_username("pixelcraft99").verdict
<Verdict.UNRELATED: 'unrelated'>

The reason codes, in the order they are listed:

================== ==========================================================================
``case_variant``   (official) the name differs from the listed spelling in ASCII case only
``bidi``           bidirectional controls: the name is judged in the order it is displayed
``invisible``      zero-width, format, bidirectional-control, control or unassigned characters
``combining_mark`` combining marks, or precomposed letters with a diacritic
``compatibility``  full-width, mathematical, circled, ligature and other compatibility forms
``confusable``     characters that look like other ones (other scripts, ``rn`` for ``m`` ...)
``mixed_script``   letters from more than one script
``leetspeak``      digits or symbols standing for letters, or letters for digits
``separator``      a separator (``-``, ``_``, ``.``, space ...) changed, removed or added
``repetition``     repeated letters (not counted as edits)
``edit_distance``  inserted, left out, replaced or swapped characters, and how many
``word_order``     the official name's words in another order (``video_editorial``)
``truncation``     the official name cut short (``Fiverr-Soc``)
``phonetic``       the official name respelt the way it sounds (``Phiverr-Kair``)
``affix``          an official name with words, digits or symbols around it
``brand_purpose``  the brand with words of what one account is for (``fiverr_marcom``)
``brand_staff``    the brand (or a misspelling of it) with a staff word such as ``support``
``long_input``     a name longer than the detailed analysis covers: only its key was compared
================== ==========================================================================
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from fiverr_support_kb._memo import once
from fiverr_support_kb.accounts._results import (
    ASCII_WHITESPACE,
    DETAIL_LIMIT,
    KEY_LIMIT,
    Reason,
    UsernameAssessment,
    Verdict,
)
from fiverr_support_kb.errors import ArgumentTypeError, describe_type
from fiverr_support_kb.knowledge_base import default_kb

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fiverr_support_kb.models import OfficialAccount

__all__ = [
    "ASCII_WHITESPACE",
    "DETAIL_LIMIT",
    "KEY_LIMIT",
    "Reason",
    "UsernameAssessment",
    "Verdict",
    "assess_username",
    "is_official",
]

# --- is_official -----------------------------------------------------------------------------


@once
def _names() -> Mapping[str, OfficialAccount]:
    """The official accounts by their lower-case username."""
    accounts = default_kb().official_accounts
    return MappingProxyType({account.username.lower(): account for account in accounts})


# The loaded mapping, read by the hot paths without a call: a call costs a third of is_official.
# It is only ever set to the one immutable value _names() loaded (under its lock), so a thread
# that finds it unset just asks _names() too.
_official: Mapping[str, OfficialAccount] | None = None


def _official_names() -> Mapping[str, OfficialAccount]:
    """Return :func:`_names`' mapping, and keep it where the hot paths read it."""
    global _official  # noqa: PLW0603 - set once to the immutable value _names() loaded
    _official = _names()
    return _official


def _plain_str(username: object) -> str:
    """Return *username* as a plain ``str``, or raise ``ArgumentTypeError`` for a non-string.

    A ``str`` subclass is taken by value: its own ``strip()``, ``lower()`` or ``__eq__`` must
    never decide whether a name is official.
    """
    if not isinstance(username, str):
        raise ArgumentTypeError(f"username must be text (a str), not {describe_type(username)}")
    return str.__str__(username)


def is_official(username: str) -> bool:
    r"""Tell whether *username* is one of the official accounts the article lists.

    The comparison ignores ASCII letter case, because a username is a unique identity on the
    platform whatever its case, and the ASCII whitespace (:data:`ASCII_WHITESPACE`) around the
    name. It normalises nothing else: full-width and other compatibility forms, letters of
    other scripts, invisible characters, combining marks, and non-ASCII letters whose case
    mapping is ASCII (long s, Kelvin sign, dotless i, dotted capital I) make a name not
    official. Use :func:`assess_username` to learn whether such a name imitates one.

    >>> is_official("FIVERR_365"), is_official("Fiverr_365\u200b"), is_official("ſupport")
    (True, False, False)

    Raises:
        ArgumentTypeError: *username* is not a ``str`` (a ``TypeError``).
    """
    if type(username) is not str:  # the common case costs one check
        username = _plain_str(username)
    name = username.strip(ASCII_WHITESPACE)
    return name.lower() in (_official or _official_names()) and name.isascii()


# --- the public entry point ------------------------------------------------------------------


def assess_username(username: str) -> UsernameAssessment:
    """Tell whether *username* is official, imitates an official account, or neither, and why.

    A name is ``OFFICIAL`` exactly when :func:`is_official` says so. Otherwise it is an
    ``IMPERSONATION`` when, once folded (lookalike characters of any script, full-width and
    other compatibility forms, leetspeak, invisible characters, combining marks and separators
    all reduced to plain letters), it is an official name, or is within a few edits of one
    (one edit for names of up to eight letters, two for longer ones; repeated letters are
    free), or contains one with words or digits around it; the account it imitates is then
    named. It is also an ``IMPERSONATION``, with no account, when it poses as Fiverr staff:
    the brand or a one-letter misspelling of it ("Fivver", "Feverr") with a staff word
    ("support", "team", "admin", ...). Everything else is ``UNRELATED``, with no reasons unless
    the name has bidirectional controls (then ``bidi`` and ``invisible``: it displays otherwise
    than it is stored).

    The work is bounded: names longer than :data:`DETAIL_LIMIT` code points get no positions
    in their reasons, and keys longer than :data:`KEY_LIMIT` letters are only searched for an
    exact official name and for brand and staff words, all in linear time.

    >>> assess_username("FIVERR_365").verdict
    <Verdict.OFFICIAL: 'official'>
    >>> result = assess_username("Fivver.Support")
    >>> result.verdict.value, result.official_account, result.reasons[0].code
    ('impersonation', None, 'brand_staff')

    Raises:
        ArgumentTypeError: *username* is not a ``str`` (a ``TypeError``).
    """
    if type(username) is not str:  # the common case costs one check
        username = _plain_str(username)
    text = username.strip(ASCII_WHITESPACE)
    account = (_official or _official_names()).get(text.lower())
    if account is not None and text.isascii():
        reasons: tuple[Reason, ...] = ()
        if text != account.username:
            reasons = (
                Reason(
                    code="case_variant",
                    message=(
                        f"{text!r} differs from the listed {account.username!r} only in ASCII "
                        "letter case; usernames ignore case, so it is the same account"
                    ),
                    message_hu=(
                        f"{text!r} csak az ASCII kis- és nagybetűkben tér el a listán szereplő "
                        f"{account.username!r} névtől; a felhasználónevek ezeket nem "
                        "különböztetik meg, így ez ugyanaz a fiók"
                    ),
                ),
            )
        return UsernameAssessment(
            username=username, verdict=Verdict.OFFICIAL, official_account=account, reasons=reasons
        )
    return _assess(username)


def _assess(username: str) -> UsernameAssessment:
    """Run the checks behind the verdict, imported on first use: is_official never pays for them."""
    from fiverr_support_kb.accounts._matcher import assess  # noqa: PLC0415

    return assess(username)
