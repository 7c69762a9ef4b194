"""Fuzzing the models (``models``): localized texts and language names.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fiverr_support_kb import (
    LANGUAGES,
    LocalizedText,
    UnsupportedLanguageError,
    normalize_language,
)
from helpers import (
    DEFAULT_KB,
    HostileStr,
    check,
    hostile_text,
    lang_like,
)


@example(lang=HostileStr("hu"))
@example(lang="\ud800")
@given(lang=st.one_of(lang_like, hostile_text))
def test_localized_text_and_normalize_language(lang: Any) -> None:
    """get() falls back for any str; [] and normalize_language take hu/en or refuse the rest."""
    text = DEFAULT_KB.faq_entry("change-password").question
    got, get_exc = check(lambda: text.get(lang), (TypeError,))
    item, item_exc = check(lambda: text[lang], (UnsupportedLanguageError, TypeError))
    code, code_exc = check(
        lambda: normalize_language(lang),
        (UnsupportedLanguageError, TypeError),
    )
    if lang is None:
        assert got == text.hu
        return
    if not isinstance(lang, str):
        for exc in (get_exc, item_exc, code_exc):
            assert isinstance(exc, TypeError)
        return
    assert get_exc is None
    assert got in {text.hu, text.en}
    if code_exc is None:
        assert code in LANGUAGES
        assert item == got == (text.hu if code == "hu" else text.en)
    else:
        assert isinstance(code_exc, UnsupportedLanguageError)
        assert isinstance(item_exc, UnsupportedLanguageError)
        assert got == text.en


def test_localized_text_built_by_a_caller_answers_too() -> None:
    """A LocalizedText a caller builds with hostile text still looks languages up as documented."""
    text = LocalizedText(hu="\ud800" * 3, en="\u202e" * 3)
    assert text["HU"] == "\ud800" * 3
    assert text.get("xx") == "\u202e" * 3
