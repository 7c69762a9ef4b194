"""Fuzzing the username checks (``accounts``): any object or text as a username.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given

from fiverr_support_kb import (
    FiverrSupportKBError,
    UsernameAssessment,
    Verdict,
    assess_username,
    is_official,
)
from helpers import (
    HostileStr,
    anything,
    check,
    outcome,
)


@example(username="\ud800Fiverr-Care")
@example(username="Fiverr\u202eeraC")
@example(username="Fiverr-Care" * 100_000)
@example(username=HostileStr("Fiverr-Care"))
@given(username=anything)
def test_username_checks_answer_any_str_and_refuse_the_rest(username: Any) -> None:
    """is_official and assess_username agree on any str, and raise TypeError for the rest."""
    official, exc = check(lambda: is_official(username), (TypeError,))
    assessment, assess_exc = check(lambda: assess_username(username), (TypeError,))
    if not isinstance(username, str):
        assert isinstance(exc, TypeError)
        assert isinstance(assess_exc, TypeError)
        assert not isinstance(exc, FiverrSupportKBError) or isinstance(exc, TypeError)
        return
    assert exc is None
    assert assess_exc is None
    assert type(official) is bool
    assert isinstance(assessment, UsernameAssessment)
    assert (assessment.verdict is Verdict.OFFICIAL) == official
    if official:
        assert assessment.official_account is not None
        assert str.__str__(username).strip(" \t\n\r\x0b\x0c").isascii()
    if assessment.verdict is Verdict.UNRELATED:
        assert assessment.official_account is None
    else:
        assert assessment.reasons or assessment.official_account is not None
    for reason in assessment.reasons:
        assert type(reason.code) is str
        assert reason.code
        assert type(reason.message) is str
        assert reason.message.strip()


@pytest.mark.parametrize("name", ["Fiverr-Care", "Fiverr_Care", "pixelcraft99"])
def test_assessment_holds_the_name_as_a_plain_str(name: str) -> None:
    """The assessment of a str subclass holds a plain str: its repr, == and hash work."""
    result = assess_username(HostileStr(name))
    assert type(result.username) is str
    assert result.username == name
    again = assess_username(name)
    _, exc = outcome(lambda: (repr(result), hash(result), result == again))
    assert exc is None, exc
