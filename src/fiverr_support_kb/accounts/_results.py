"""The results of the username checks, for :mod:`fiverr_support_kb.accounts`."""

from __future__ import annotations

import enum
from typing import Final

import attrs

from fiverr_support_kb.models import (
    OfficialAccount,
    normalize_language,
)

__all__ = [
    "ASCII_WHITESPACE",
    "DETAIL_LIMIT",
    "KEY_LIMIT",
    "Reason",
    "UsernameAssessment",
    "Verdict",
]

#: The whitespace stripped from both ends of a name: the six ASCII whitespace characters
#: (space, tab, line feed, carriage return, vertical tab, form feed). Other whitespace, such
#: as U+00A0 NO-BREAK SPACE or U+3000 IDEOGRAPHIC SPACE, is part of the name.
ASCII_WHITESPACE: Final = " \t\n\r\x0b\x0c"
#: Names up to this many code points (after stripping) are analysed character by character;
#: the key of a longer one is still computed and compared in linear time.
DETAIL_LIMIT: Final = 256
#: Keys up to this long are compared allowing edits; a longer key can only contain an
#: official name exactly (plus affixes), which is checked in linear time.
KEY_LIMIT: Final = 48


class Verdict(str, enum.Enum):
    """What a username is, for trust purposes."""

    #: One of the official accounts the article lists.
    OFFICIAL = "official"
    #: Imitates an official account, or poses as Fiverr staff.
    IMPERSONATION = "impersonation"
    #: Neither.
    UNRELATED = "unrelated"


@attrs.frozen(kw_only=True)
class Reason:
    """Why a name got its verdict: a machine-readable code and a sentence for people.

    The sentence is in English (:attr:`message`) and in Hungarian (:attr:`message_hu`); use
    :meth:`text` to pick one by language code.

    >>> reason = Reason(code="affix", message="with a suffix", message_hu="utótaggal")
    >>> reason.text("hu"), reason.text("en-GB")
    ('utótaggal', 'with a suffix')
    """

    #: One of the codes listed in the module documentation, such as ``"confusable"``.
    code: str
    #: Which characters, where (0-based indexes into the name as given), what changed.
    message: str
    #: The same sentence in Hungarian; empty when there is none (:meth:`text` then gives the
    #: English one).
    message_hu: str = ""

    def text(self, lang: str = "en") -> str:
        """Return the sentence in *lang* (``"hu"`` or ``"en"``, case and region ignored).

        Raises:
            UnsupportedLanguageError: for any other language (a ``ValueError``).
        """
        if normalize_language(lang) == "hu" and self.message_hu:
            return self.message_hu
        return self.message


@attrs.frozen(kw_only=True)
class UsernameAssessment:
    """The verdict on one username, with the account it is or imitates, and why."""

    #: The name exactly as given.
    username: str
    verdict: Verdict
    #: The official account the name is (``OFFICIAL``) or imitates; ``None`` for an unrelated
    #: name or one that poses as Fiverr staff in general.
    official_account: OfficialAccount | None = None
    reasons: tuple[Reason, ...] = ()
