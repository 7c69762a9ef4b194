"""Tests of the FAQ's learnt message classifier (fiverr_support_kb.faq._model) and step 6."""

from __future__ import annotations

import contextlib
import json
import math
import pkgutil
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import KnowledgeBase, Outcome, answer, default_kb, search
from fiverr_support_kb.faq import _engine, _model
from fiverr_support_kb.knowledge_base import parse_kb
from fiverr_support_kb.models import LocalizedText
from helpers import load_script
from test_search import split_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

HANDOFF, OFF_TOPIC = _engine.HANDOFF, _engine.OFF_TOPIC
LABELS = (*default_kb().faq_ids, HANDOFF, OFF_TOPIC)


def packaged() -> _model.Classifier:
    """Return the packaged classifier, which must load."""
    model = _model.classifier()
    assert model is not None
    return model


def model_data() -> dict[str, Any]:
    """Return the decoded packaged model file."""
    data: dict[str, Any] = json.loads(
        pkgutil.get_data("fiverr_support_kb", f"data/{_model.MODEL_FILE}") or b""
    )
    return data


def generator() -> ModuleType:
    """Import scripts/generate_faq_model.py."""
    return load_script("generate_faq_model")


def fresh_kb() -> KnowledgeBase:
    """Return a new knowledge base of the packaged file (its own index and memo)."""
    return parse_kb(pkgutil.get_data("fiverr_support_kb", "data/knowledge_base.json") or b"", "kb")


@contextlib.contextmanager
def forgetting() -> Iterator[None]:
    """Forget the loaded classifier on entry and on exit (the next use loads it again)."""
    _model.classifier.forget()
    try:
        yield
    finally:
        _model.classifier.forget()


# --- what it reads ---------------------------------------------------------------------------


def test_pieces_are_words_and_runs_of_three_and_four_letters() -> None:
    """A word gives itself and its runs of three and four letters, padded with spaces."""
    assert _model.pieces("ab") == {"w ab": 1, " ab": 1, "ab ": 1, " ab ": 1}


def test_pieces_fold_case_accents_hyphens_and_invisibles() -> None:
    """Case, accents, compatibility forms, hyphens and invisibles do not change the pieces."""
    assert _model.pieces("E-MAIL Jelszó") == _model.pieces("email jelszo")
    assert _model.pieces("e\u2010mail") == _model.pieces("email")
    assert _model.pieces("ＦＩＶＥＲＲ pass\u00adword") == _model.pieces("fiverr password")
    assert _model.pieces("Straße") == _model.pieces("strasse")


def test_pieces_count_repeats() -> None:
    """A piece said twice is counted twice."""
    assert _model.pieces("fee fee")["w fee"] == 2


def test_pieces_read_the_start_of_a_long_question_only() -> None:
    """Only the first MAX_CHARS characters are read."""
    long = "jelszó " * _model.MAX_CHARS
    assert _model.pieces(long + " díj") == _model.pieces(long)
    assert "w dij" not in _model.pieces(long + " díj")


# --- the packaged model ----------------------------------------------------------------------


def test_the_packaged_model_scores_each_entry_and_the_two_outcomes() -> None:
    """Its labels are the packaged FAQ's ids in order, then handoff and off_topic."""
    assert packaged().labels == LABELS


@given(st.text(max_size=400))
def test_scores_are_finite_for_any_text(text: str) -> None:
    """Any text gets one finite score per label, the same each time, or None."""
    scores = packaged().scores(text)
    assert packaged().scores(text) == scores
    if scores is not None:
        assert len(scores) == len(LABELS)
        assert all(math.isfinite(score) for score in scores)


def test_only_the_models_own_pieces_are_kept_once_read() -> None:
    """Pieces read are kept for the next message, unknown ones never; forgetting empties it."""
    model = _model.Classifier(model_data())
    first = model.scores("jelszó qqqqzzzz")
    kept = set(model._rows)
    assert kept
    assert kept <= set(model_data()["pieces"])
    assert not any("qqq" in piece for piece in kept)
    assert model.scores("jelszó qqqqzzzz") == first
    model.forget_pieces()
    assert not model._rows
    assert model.scores("jelszó qqqqzzzz") == first


def test_text_with_no_known_piece_has_no_scores() -> None:
    """Text the model has no piece of gets no scores."""
    assert packaged().scores("") is None
    assert packaged().scores("ʃʃʃʃ ʒʒʒʒ") is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("a platform takes its part of my 100 dollars, what do I keep", "seller-fee"),
        ("the secret word I log in with slipped my mind", "reset-password"),
        ("how do I get my money back for an order", HANDOFF),
        ("what's the weather in Budapest tomorrow", OFF_TOPIC),
    ],
)
def test_the_model_reads_paraphrases(text: str, label: str) -> None:
    """Messages in other words than the FAQ's get the label a person would give."""
    scores = packaged().scores(text)
    assert scores is not None
    assert LABELS[scores.index(max(scores))] == label


def test_it_serves_the_packaged_faq_only() -> None:
    """The packaged FAQ is served; an edited, shortened or reordered one is not."""
    faq = default_kb().faq
    model = packaged()
    assert model.serves(faq)
    assert model.serves(fresh_kb().faq)
    edited = attrs.evolve(faq[0], question=LocalizedText(hu="Mi ez?", en="What is it?"))
    assert not model.serves((edited, *faq[1:]))
    assert not model.serves(faq[:-1])
    assert not model.serves((faq[1], faq[0], *faq[2:]))


DAMAGED: list[Any] = [
    b"{not json",
    b"[]",
    b'{"format": 999}',
    b'{"format": 1}',
    {"labels": 5},
    {"labels": ["a", "b"]},
    {"labels": ["a", "off_topic", "handoff"]},
    {"labels": ["a", "a", "handoff", "off_topic"]},
    {"scale": 0},
    {"scale": "nan"},
    {"bias": [0]},
    {"weights": "00"},
    {"idf": "zz"},
]


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_model_file_leaves_the_search_alone(damage: Any) -> None:
    """A damaged model file is ignored: messages get the search's own reading."""
    raw = damage if isinstance(damage, bytes) else json.dumps(model_data() | damage).encode()
    message = "nem TudOk beJutni, mert fogAlmam SINcs, mI a jELSZó"  # the model reads it
    kb = fresh_kb()
    with pytest.MonkeyPatch.context() as patch, forgetting():
        patch.setattr(pkgutil, "get_data", lambda *_: raw)
        assert _model.classifier() is None
        assert answer(message, kb=kb).outcome is Outcome.OFF_TOPIC
    assert _model.classifier() is not None  # read again once the file is whole
    assert answer(message, kb=fresh_kb()).outcome is Outcome.FAQ


# --- step 6 of the decision rule, with a classifier that says what it is told ----------------


class Fixed(_model.Classifier):
    """A classifier whose scores are given: the labels' scores, or None."""

    __slots__ = ("fixed",)

    def __init__(self, fixed: dict[str, float] | None) -> None:
        """Score each label as *fixed* says (-1 for the others); None: no scores."""
        self.labels = LABELS
        self.fixed = None if fixed is None else tuple(fixed.get(label, -1.0) for label in LABELS)

    def scores(self, text: str) -> tuple[float, ...] | None:
        """Return the fixed scores, whatever *text* is."""
        del text
        return self.fixed


def told(fixed: dict[str, float] | None) -> KnowledgeBase:
    """Return a fresh packaged knowledge base whose classifier scores as *fixed* says."""
    kb = fresh_kb()
    index = _engine.search_index(kb.faq, kb.company.name, kb._memo)
    index._classifier = Fixed(fixed)
    return kb


def routed(message: str, kb: KnowledgeBase) -> str:
    """Return what answer() decides: the first entry's id, handoff or off_topic."""
    reply = answer(message, kb=kb)
    return reply.hits[0].entry.id if reply.outcome is Outcome.FAQ else reply.outcome.value


REFUND = "How do I get my money back for a cancelled order?"  # the search hands it off


def test_the_searchs_reading_is_what_the_test_messages_assume() -> None:
    """Without the classifier, the messages below get these readings."""
    assert routed(REFUND, told(None)) == HANDOFF
    assert routed("What's the weather like tomorrow?", told(None)) == OFF_TOPIC
    assert routed("fiverr fee", told(None)) == "buyer-fee"


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        ({HANDOFF: _engine.OVERRULE, "seller-fee": 5.0}, HANDOFF),  # at OVERRULE: stands
        ({HANDOFF: -0.6, "seller-fee": _engine.CONFIDENT}, "seller-fee"),  # just overruled
        ({HANDOFF: -0.6, "seller-fee": _engine.CONFIDENT - 0.01}, HANDOFF),  # not confident
        ({HANDOFF: -2.0, OFF_TOPIC: 0.5, "name-origin": 0.5}, "name-origin"),  # first of a tie
        ({HANDOFF: -2.0, OFF_TOPIC: 0.5}, OFF_TOPIC),
        (None, HANDOFF),  # nothing known: stands
    ],
)
def test_the_classifier_overrules_below_its_thresholds(
    fixed: dict[str, float] | None, expected: str
) -> None:
    """A reading scored below OVERRULE gives way to a label scored CONFIDENT or more."""
    assert routed(REFUND, told(fixed)) == expected


def test_an_off_topic_reading_can_become_an_entry() -> None:
    """An off-topic reading the classifier overrules is answered, in each language asked."""
    kb = told({OFF_TOPIC: -1.0, "contact-support": 1.0})
    message = "What's the weather like tomorrow?"
    assert routed(message, kb) == "contact-support"
    for lang in ("hu", "en"):
        hits = search(message, lang=lang, kb=kb)
        assert [hit.entry.id for hit in hits] == ["contact-support"]
        assert hits[0].lang == lang
        assert hits[0].score == 0.0
        assert hits[0].passage


def test_another_named_services_matter_stays_off_topic() -> None:
    """Step 1 (another named service's own fee, password...) is never overruled."""
    kb = told({OFF_TOPIC: -3.0, "buyer-fee": 3.0})
    for message in ("ebay vásárlói díj", "Digi ügyfélszolgálat email", "gmail password reset"):
        assert routed(message, kb) == OFF_TOPIC
        assert search(message, kb=kb) == []
    assert routed("What's the weather like tomorrow?", kb) == "buyer-fee"  # step 3 may give way


@pytest.mark.parametrize(
    ("message", "entry", "plain"),
    [
        ("service fee", "buyer-fee", True),  # the FAQ's words only: Fiverr's, in its chat
        ("freelancer díj?", "seller-fee", True),
        ("servce fee", "buyer-fee", True),  # a misspelling of the FAQ's word
        ("contakt", "contact-support", True),
        ("fiverr facebook fee", "buyer-fee", True),  # a service beside Fiverr's own name
        ("service fee on facebook", "buyer-fee", False),  # names a service
        ("service fee blorptastic", "buyer-fee", False),  # a word the FAQ does not have
        ("service fee 2024", "buyer-fee", False),  # a number the FAQ does not have
    ],
)
def test_an_entry_reading_of_the_faqs_own_words_is_never_off_topic(
    message: str,
    entry: str,
    plain: bool,  # noqa: FBT001
) -> None:
    """An entry reading of a plain message stands against off-topic only."""
    assert routed(message, told(None)) == entry
    other = "seller-fee" if entry == "buyer-fee" else "buyer-fee"
    assert routed(message, told({entry: -1.0, OFF_TOPIC: 1.0})) == (entry if plain else OFF_TOPIC)
    assert routed(message, told({entry: -1.0, other: 1.0})) == other
    assert routed(message, told({entry: -1.0, HANDOFF: 1.0})) == HANDOFF


def test_an_entry_the_search_is_sure_of_stands() -> None:
    """An entry whose best hit outweighs the next is never overruled."""
    message = "How do I change my Fiverr password in the security settings?"
    hits = search(message, kb=told(None))
    assert _engine.outweighs(hits)
    assert routed(message, told({"change-password": -3.0, OFF_TOPIC: 3.0})) == "change-password"


def test_an_entry_the_search_is_not_sure_of_can_give_way() -> None:
    """An entry reading that does not outweigh the next can be overruled, to another entry."""
    assert not _engine.outweighs(search("fiverr fee", kb=told(None)))
    kb = told({"buyer-fee": -1.0, "seller-fee": 1.0})
    assert routed("fiverr fee", kb) == "seller-fee"
    assert [hit.entry.id for hit in search("fiverr fee", kb=kb)][:1] == ["seller-fee"]


def test_an_edited_faq_is_answered_by_the_rules_alone() -> None:
    """A knowledge base with an edited FAQ never uses the classifier."""
    message = "nem TudOk beJutni, mert fogAlmam SINcs, mI a jELSZó"
    assert routed(message, default_kb()) == "reset-password"  # the classifier's answer
    kb = fresh_kb()
    entry = attrs.evolve(kb.faq[0], question=LocalizedText(hu="Mi a Fiverr?", en="What is it?"))
    edited = attrs.evolve(kb, faq=(entry, *kb.faq[1:]))
    assert routed(message, edited) == OFF_TOPIC


# --- where it comes from ---------------------------------------------------------------------


def test_the_shipped_model_is_what_its_script_learns() -> None:
    """data/faq_model.json is exactly, byte for byte, what scripts/generate_faq_model.py writes."""
    shipped = pkgutil.get_data("fiverr_support_kb", f"data/{_model.MODEL_FILE}")
    assert shipped == generator().render().encode("utf-8")


def test_no_test_half_is_learnt_from() -> None:
    """The model records its version and the sets it was learnt from: no test half."""
    module = generator()
    assert model_data()["version"] == module.VERSION
    assert all(not name.endswith("test.jsonl") for name in module.DEV_SETS)
    assert set(model_data()["learnt_from"]) == {
        *(f"benchmarks/eval/{name}" for name in module.DEV_SETS),
        module.SEARCH_EVAL,
    }


def test_no_held_out_query_is_learnt_from() -> None:
    """Of the search's own queries, only the tuning split is learnt from, as tests split it."""
    texts = [f"q{at}" for at in range(10)]
    queries = {"faq": {"seller-fee": texts}, "off_topic": texts, "faq_v2": {}, "off_topic_v2": []}
    chosen = generator().tuning_queries(queries)
    tuning = [text for at, text in enumerate(texts) if split_of(at) == "tune"]
    assert chosen == [
        *((text, "seller-fee") for text in tuning),
        *((text, OFF_TOPIC) for text in tuning),
    ]


@pytest.mark.parametrize("named", [HANDOFF, OFF_TOPIC, "faq"])
def test_an_entry_may_be_named_like_an_outcome(named: str) -> None:
    """An entry whose id is `handoff`, `off_topic` or `faq` is answered like any other."""
    kb = fresh_kb()
    edited = attrs.evolve(kb, faq=(attrs.evolve(kb.faq[0], id=named), *kb.faq[1:]))
    reply = answer("What is Fiverr?", kb=edited)
    assert reply.outcome is Outcome.FAQ
    assert reply.hits[0].entry.id == named
    assert [hit.entry.id for hit in search("What is Fiverr?", kb=edited)][:1] == [named]


WORDS = [
    "fiverr",
    "jelszó",
    "password",
    "fee",
    "díj",
    "seller",
    "eladó",
    "buyer",
    "support",
    "help",
    "how",
    "mennyi",
    "mi",
    "a",
    "the",
    "my",
    "is",
    "forgot",
    "elfelejtettem",
    "change",
    "reset",
    "commission",
    "official",
    "account",
    "refund",
    "weather",
    "Gmail",
    "pizza",
]


@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_answer_and_search_agree(message: str) -> None:
    """answer() answers from the FAQ exactly when search() has hits, with the same entry first."""
    reply = answer(message)
    hits = search(message)
    assert (reply.outcome is Outcome.FAQ) == bool(hits)
    assert [hit.entry.id for hit in reply.hits] == [hit.entry.id for hit in hits]
    assert [hit.entry.id for hit in search(message, limit=1)] == [hit.entry.id for hit in hits[:1]]
