"""Answering a chat message: the FAQ entry and its passage, a hand-off, or off-topic.

>>> from fiverr_support_kb import answer
>>> reply = answer("Szia! Elfelejtettem a jelszavam, mit csináljak?")
>>> reply.outcome.value, reply.hits[0].entry.id, reply.lang
('faq', 'reset-password', 'hu')
>>> answer("How do I get a refund for an order?").outcome.value
'handoff'
>>> answer("How do I change my Gmail password?").outcome.value
'off_topic'

The decision rule, read on what the message asks (its question sentences, and the sentence
before a short one, see :func:`fiverr_support_kb.faq._understand.focus`), in this order:

1. **off_topic** when the message is about another named service's own password, account,
   support or fee (``Gmail jelszavam``, ``my twitter account``, ``PayPal díja``) and does not
   name Fiverr;
2. **handoff** when it asks about a Fiverr matter no entry answers: refunds, cancelling,
   withdrawing earnings, seller levels and Fiverr Pro, disputes, bans and suspensions,
   two-factor codes and identity verification, changing a username or e-mail address,
   deleting an account, invoices, reviews, late delivery, and the like, and taxes when the
   message is about Fiverr (unless the knowledge base's own questions or keywords cover the
   matter: then the FAQ answers it; and not for what a sender claiming to be Fiverr
   threatens or asks for, when the message asks whether the sender is really Fiverr);
3. **off_topic** when it is about another service or device (``my router``, ``routerem``,
   ``a new iPhone``, ``PayPal``), or is small talk or spam (the weather, a joke, followers
   for sale, a place of the FAQ asked about as a place, a word asked about as a word, a sum),
   and does not name Fiverr, unless its best hit outweighs the mention: it scores
   :data:`~fiverr_support_kb.faq._engine.STRONG_SCORE` or more and twice the next (a
   password question that mentions a laptop in passing); and, whatever it names, when the
   writer says the question is not about Fiverr;
4. **faq** when the search finds entries (the relevance threshold of
   :mod:`fiverr_support_kb.faq._engine`): the hits (at most three), best first, and the
   passage of the best in the reply language;
5. otherwise **handoff** when the message is about Fiverr (names it, or uses its own
   vocabulary: gig, seller, order, commission, "your support"...), and **off_topic** when
   it is not;
6. then the learnt classifier (:mod:`fiverr_support_kb.faq._model`) may overrule what
   steps 1 to 5 decided. It does so only for the packaged FAQ, unchanged, and only when it
   knows a piece of the question. When it scores the reading below
   :data:`~fiverr_support_kb.faq._engine.OVERRULE` and its own best label at least
   :data:`~fiverr_support_kb.faq._engine.CONFIDENT`, its label is the answer, and an entry
   it chooses comes first among the hits; except that it never overrules step 1 (another
   named service's own matter stays off-topic), nor an entry whose best hit scores
   :data:`~fiverr_support_kb.faq._engine.STRONG_SCORE` or more and twice the next; it never
   hands off an off-topic reading (a hand-off is for a message about Fiverr, which steps 1
   to 5 judged it is not), though it may answer one from the FAQ; and it never calls
   off-topic an entry reading of a plain message, whose question is the FAQ's words only
   (each known, or a misspelling of one; no number the FAQ lacks) and names no service,
   app or device unless it names Fiverr too (``fees?``, ``élő ember kell``): in Fiverr's
   chat, such a message asks Fiverr.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import attrs

from fiverr_support_kb.errors import ArgumentTypeError, describe_type
from fiverr_support_kb.faq import _engine, _understand
from fiverr_support_kb.models import LANGUAGES, Channel, ChannelKind, normalize_language

if TYPE_CHECKING:
    from fiverr_support_kb._memo import Memo
    from fiverr_support_kb.models import FaqEntry

__all__ = ["HANDOFF_CHANNELS", "Answer", "Outcome", "answer_message"]

#: The kinds of channel a hand-off offers, in the knowledge base's order.
HANDOFF_CHANNELS: Final[tuple[ChannelKind, ...]] = (
    ChannelKind.SUPPORT_PORTAL,
    ChannelKind.EMAIL,
    ChannelKind.PHONE,
)


class Outcome(str, enum.Enum):
    """What :func:`~fiverr_support_kb.answer` decided to do with a message."""

    #: An FAQ entry answers it: see :attr:`Answer.hits` and :attr:`Answer.passage`.
    FAQ = "faq"
    #: It is about Fiverr or its support, but no entry answers it: a person should.
    HANDOFF = "handoff"
    #: It is not about Fiverr (the weather, another service's password...).
    OFF_TOPIC = "off_topic"


@attrs.frozen(kw_only=True)
class Answer:
    """The reply to a chat message: what to do, and what to show."""

    outcome: Outcome
    #: The ranked hits (at most three), the entry answering first; empty unless
    #: :attr:`outcome` is ``faq``.
    hits: tuple[_engine.SearchHit, ...] = ()
    #: The sentence(s) or the numbered steps of the best entry that answer the message, in
    #: :attr:`lang`; ``None`` unless :attr:`outcome` is ``faq``.
    passage: str | None = None
    #: The reply language, ``"hu"`` or ``"en"``: the message's own unless one was asked for.
    lang: str
    #: For a hand-off, the support channels to offer; empty otherwise.
    channels: tuple[Channel, ...] = ()


def answer_message(  # noqa: PLR0913 - the message, the knowledge base's parts, the option
    message: str,
    faq: tuple[FaqEntry, ...],
    company_name: str,
    channels: tuple[Channel, ...],
    memo: Memo,
    *,
    lang: str | None = None,
) -> Answer:
    """Return the :class:`Answer` to *message* from *faq*; see :func:`fiverr_support_kb.answer`."""
    if not isinstance(message, str):
        raise ArgumentTypeError(f"message must be text (a str), not {describe_type(message)}")
    reply_lang = _understand.message_language(message) if lang is None else normalize_language(lang)
    index = _engine.search_index(faq, company_name, memo)
    query = index.understand(message)
    outcome, hits = _engine.decide(index, query, message, LANGUAGES, 3)
    if outcome == _engine.OFF_TOPIC:
        return Answer(outcome=Outcome.OFF_TOPIC, lang=reply_lang)
    if outcome == _engine.HANDOFF:
        offered = tuple(channel for channel in channels if channel.kind in HANDOFF_CHANNELS)
        return Answer(outcome=Outcome.HANDOFF, lang=reply_lang, channels=offered)
    best = hits[0]
    return Answer(
        outcome=Outcome.FAQ,
        hits=tuple(hits),
        passage=best.passage
        if best.lang == reply_lang
        else index.passage(query, faq.index(best.entry), reply_lang),
        lang=reply_lang,
    )
