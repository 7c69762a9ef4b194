"""Tests of the FAQ's learnt message classifier (fiverr_support_kb.faq._model)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import math
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import Outcome, answer, default_kb
from fiverr_support_kb.faq import _engine, _model
from fiverr_support_kb.knowledge_base import parse_kb
from fiverr_support_kb.models import LocalizedText

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "scripts" / "generate_faq_model.py"


def packaged() -> _model.Classifier:
    """Return the packaged classifier, which must load."""
    model = _model.classifier()
    assert model is not None
    return model


def generator() -> Any:
    """Import scripts/generate_faq_model.py."""
    spec = importlib.util.spec_from_file_location("generate_faq_model", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def forgetting() -> Iterator[None]:
    """Forget the loaded classifier on entry and on exit (the next use loads it again)."""
    _model.classifier.forget()
    try:
        yield
    finally:
        _model.classifier.forget()


def test_pieces_are_words_and_runs_of_three_and_four_letters() -> None:
    """A word gives itself and its runs of three and four letters, padded with spaces."""
    assert _model.pieces("ab") == {"w ab": 1, " ab": 1, "ab ": 1, " ab ": 1}


def test_pieces_fold_case_accents_and_hyphens() -> None:
    """Case, accents and hyphens inside a word do not change the pieces."""
    assert _model.pieces("E-MAIL Jelszó") == _model.pieces("email jelszo")
    assert _model.pieces("e\u2010mail") == _model.pieces("email")


def test_pieces_read_the_start_of_a_long_question_only() -> None:
    """Only the first MAX_CHARS characters are read."""
    long = "jelszó " * _model.MAX_CHARS
    assert _model.pieces(long + " díj") == _model.pieces(long)
    assert "w dij" not in _model.pieces(long + " díj")


def test_pieces_count_repeats() -> None:
    """A piece said twice is counted twice."""
    assert _model.pieces("fee fee")["w fee"] == 2


def test_the_packaged_model_scores_each_entry_and_the_two_outcomes() -> None:
    """Its labels are the packaged FAQ's ids in order, then handoff and off_topic."""
    assert packaged().labels == (*default_kb().faq_ids, _engine.HANDOFF, _engine.OFF_TOPIC)


@given(st.text(max_size=400))
def test_scores_are_finite_for_any_text(text: str) -> None:
    """Any text gets one finite score per label, the same each time."""
    scores = packaged().scores(text)
    assert len(scores) == len(packaged().labels)
    assert all(math.isfinite(score) for score in scores)
    assert packaged().scores(text) == scores


def test_text_with_no_known_piece_scores_the_biases() -> None:
    """Text the model has no piece of scores each label's bias alone."""
    model = packaged()
    assert model.scores("") == model.scores("ʃʃʃʃ ʒʒʒʒ")
    assert len(set(model.scores(""))) > 1


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("a platform takes its part of my 100 dollars, what do I keep", "seller-fee"),
        ("the secret word I log in with slipped my mind", "reset-password"),
        ("how do I get my money back for an order", _engine.HANDOFF),
        ("what's the weather in Budapest tomorrow", _engine.OFF_TOPIC),
    ],
)
def test_the_model_reads_paraphrases(text: str, label: str) -> None:
    """Messages in other words than the FAQ's get the label a person would give."""
    model = packaged()
    scores = model.scores(text)
    assert model.labels[scores.index(max(scores))] == label


def test_it_serves_the_packaged_faq_only() -> None:
    """The packaged FAQ is served; an edited, shortened or reordered one is not."""
    faq = default_kb().faq
    model = packaged()
    assert model.serves(faq)
    edited = attrs.evolve(faq[0], question=LocalizedText(hu="Mi ez?", en="What is it?"))
    assert not model.serves((edited, *faq[1:]))
    assert not model.serves(faq[:-1])
    assert not model.serves((faq[1], faq[0], *faq[2:]))


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[]", b'{"format": 999}', b'{"format": 1}', b'{"format": 1, "labels": 5}'],
)
def test_a_damaged_model_file_leaves_the_search_alone(raw: bytes) -> None:
    """A damaged model file is ignored: messages get the search's own reading."""
    message = "nem TudOk beJutni, mert fogAlmam SINcs, mI a jELSZó"  # the model reads it
    kb = parse_kb(pkgutil.get_data("fiverr_support_kb", "data/knowledge_base.json") or b"", "kb")
    with pytest.MonkeyPatch.context() as patch, forgetting():
        patch.setattr(pkgutil, "get_data", lambda *_: raw)
        assert _model.classifier() is None
        assert answer(message, kb=kb).outcome is Outcome.OFF_TOPIC
    assert answer(message).outcome is Outcome.FAQ


def test_tables_of_the_wrong_size_are_refused() -> None:
    """A model whose tables do not match its pieces is refused."""
    data = json.loads(pkgutil.get_data("fiverr_support_kb", f"data/{_model.MODEL_FILE}") or b"")
    data["weights"] = data["weights"][:-4]
    with pytest.raises(ValueError, match="do not match"):
        _model.Classifier(data)


def test_the_shipped_model_is_what_its_script_learns() -> None:
    """data/faq_model.json is exactly what scripts/generate_faq_model.py writes."""
    shipped = pkgutil.get_data("fiverr_support_kb", f"data/{_model.MODEL_FILE}")
    assert shipped is not None
    assert generator().render() == shipped.decode("utf-8")


def test_the_model_is_learnt_from_development_halves_only() -> None:
    """No test half, and no held-out search query, is learnt from."""
    module = generator()
    assert all(not name.endswith("test.jsonl") for name in module.DEV_SETS)
    data = json.loads(module.TARGET.read_text(encoding="utf-8"))
    assert set(data["learnt_from"]) == {
        *(f"benchmarks/eval/{name}" for name in module.DEV_SETS),
        module.SEARCH_EVAL,
    }
