"""Fuzzing the knowledge base (``knowledge_base``): lookups, odd paths, corrupted files.

Every public entry point either returns a well-formed result or raises one of the exceptions
its docstring documents (see ``tests/helpers.py`` for the hostile objects and the checks).
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from fiverr_support_kb import (
    ChannelKind,
    KnowledgeBaseError,
    SocialNetwork,
    UnknownFaqEntryError,
    default_kb,
    load_kb,
)
from fiverr_support_kb._loading import KB_FILE, MAX_FILE_BYTES, MAX_TEXT_CHARS, read_packaged
from fiverr_support_kb.knowledge_base import parse_kb

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

from helpers import (
    DEFAULT_KB,
    FAQ_IDS,
    FRESH_KB,
    MAX_KB_MESSAGE,
    PACKAGED_KB_BYTES,
    PACKAGED_KB_JSON,
    Broken,
    FsPath,
    HostileInt,
    HostileStr,
    anything,
    armed,
    assert_clean_exit,
    assert_valid_kb,
    check,
    fresh_directory,
    hostile_objects,
    is_relative,
    json_paths,
    load_bytes,
    outcome,
    path_text,
    run_cli,
    short_text,
    untyped,
    value_at,
)


@example(entry_id=HostileStr("change-password"))
@example(entry_id=Broken())
@given(entry_id=st.one_of(anything, st.sampled_from(FAQ_IDS)))
def test_faq_entry_is_found_or_unknown(entry_id: Any) -> None:
    """Any id: the entry with exactly that id, or UnknownFaqEntryError listing the known ids."""
    entry, exc = check(lambda: DEFAULT_KB.faq_entry(entry_id), (UnknownFaqEntryError,))
    if isinstance(entry_id, str) and str.__str__(entry_id) in FAQ_IDS:
        assert exc is None
        assert entry is DEFAULT_KB.faq[FAQ_IDS.index(str.__str__(entry_id))]
    else:
        assert isinstance(exc, UnknownFaqEntryError)
        assert "change-password" in str(exc)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: DEFAULT_KB.faq_entry(untyped(Broken())), UnknownFaqEntryError),
        (lambda: DEFAULT_KB.faq_entry(HostileStr("nope")), UnknownFaqEntryError),
        (lambda: DEFAULT_KB.channels_of(untyped(Broken())), ValueError),
        (lambda: DEFAULT_KB.channel(untyped(HostileInt(3))), ValueError),
        (lambda: DEFAULT_KB.channel(HostileStr("nope")), ValueError),
        (lambda: DEFAULT_KB.social_channel(untyped(Broken())), ValueError),
        (lambda: load_kb(HostileStr("missing.json")), KnowledgeBaseError),
        (lambda: load_kb(FsPath(HostileStr("missing.json"))), KnowledgeBaseError),
    ],
)
def test_hostile_dunders_never_escape_the_lookups(
    call: Callable[[], object], expected: type[Exception]
) -> None:
    """Lookups and load_kb refuse objects with broken __eq__/__hash__/__repr__ as documented."""
    _, exc = check(call, (expected,))
    assert isinstance(exc, expected)


def test_lookups_take_str_subclasses_by_value() -> None:
    """A str subclass holding a valid id, kind or network is looked up by its plain value."""
    with armed():
        entry = DEFAULT_KB.faq_entry(HostileStr("seller-fee"))
        phone = DEFAULT_KB.channel(HostileStr("phone"))
        twitter = DEFAULT_KB.social_channel(HostileStr("twitter"))
    assert entry.id == "seller-fee"
    assert phone.kind is ChannelKind.PHONE
    assert twitter.network is SocialNetwork.TWITTER


def _member_value(value: object, members: Sequence[str]) -> str | None:
    """The member value *value* names (the member itself or its plain str value), if any."""
    if isinstance(value, str) and str.__str__(value) in members:
        return str.__str__(value)
    return None


@example(kind=HostileStr("phone"))
@example(kind=HostileInt(3))
@example(kind=Broken())
@given(kind=st.one_of(anything, st.sampled_from([kind.value for kind in ChannelKind])))
def test_channel_lookups_find_the_kind_or_refuse_it(kind: Any) -> None:
    """Any kind: the channels of that kind, or ValueError; channel() adds LookupError."""
    values = [member.value for member in ChannelKind]
    wanted = _member_value(kind, values)
    channels, exc = check(lambda: DEFAULT_KB.channels_of(kind), (ValueError,))
    first, first_exc = check(lambda: DEFAULT_KB.channel(kind), (ValueError, LookupError))
    if wanted is None:
        assert isinstance(exc, ValueError)
        assert isinstance(first_exc, ValueError)
        return
    assert exc is None
    assert isinstance(channels, tuple)
    assert channels == tuple(c for c in DEFAULT_KB.channels if c.kind.value == wanted)
    if channels:
        assert first is channels[0]
    else:
        assert isinstance(first_exc, LookupError)


@example(network=HostileStr("twitter"))
@example(network=Broken())
@given(network=st.one_of(anything, st.sampled_from([net.value for net in SocialNetwork])))
def test_social_channel_is_found_or_refused(network: Any) -> None:
    """Any network: its official page, or ValueError (not a network) / LookupError (no page)."""
    wanted = _member_value(network, [member.value for member in SocialNetwork])
    channel, exc = check(
        lambda: DEFAULT_KB.social_channel(network),
        (ValueError, LookupError),
    )
    if wanted is None:
        assert isinstance(exc, ValueError)
    else:
        assert exc is None
        assert channel in DEFAULT_KB.channels
        assert channel.network is SocialNetwork(wanted)


@example(path=HostileStr("missing.json"))
@example(path=FsPath(b"\xff\xfe.json"))
@example(path=FsPath(HostileStr("x.json")))
@example(path=".")
@example(path="\x00")
@example(path="\ud800.json")
@given(path=st.one_of(hostile_objects, path_text))
def test_load_kb_of_any_path_is_type_error_or_knowledge_base_error(path: Any) -> None:
    """Any path or object: TypeError (not a path) or KnowledgeBaseError naming the file."""
    assume(is_relative(path))
    with fresh_directory():
        kb, exc = check(lambda: load_kb(path), (TypeError, KnowledgeBaseError))
    assert kb is None
    if isinstance(exc, KnowledgeBaseError):
        assert type(exc.source) is str
        if len(exc.source) <= 4096:  # PATH_MAX: a longer name is shortened in the message
            assert exc.source in str(exc)
    assert default_kb() is DEFAULT_KB


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(PACKAGED_KB_BYTES) - 1), st.integers(1, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_load_kb_with_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    """Random bytes flipped: KnowledgeBaseError naming the file, or a valid knowledge base."""
    raw = bytearray(PACKAGED_KB_BYTES)
    for position, mask in flips:
        raw[position] ^= mask
    kb, _ = load_bytes(bytes(raw))
    if kb is not None:
        assert_valid_kb(kb)


@settings(max_examples=40)
@given(end=st.integers(0, len(PACKAGED_KB_BYTES.rstrip()) - 1))
def test_load_kb_truncated(end: int) -> None:
    """The file cut anywhere: always KnowledgeBaseError naming the file."""
    kb, _ = load_bytes(PACKAGED_KB_BYTES[:end])
    assert kb is None


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 0, -1, 2024]),
    st.floats(allow_nan=False, allow_infinity=False),
    short_text,
    st.sampled_from(
        [
            "",
            " ",
            "+97236317882",
            "+0123",
            "support@fiverr.com",
            "not-an-email",
            "https://www.fiverr.com/",
            "http://www.fiverr.com/",
            "https://user:pw@fiverr.com/",
            "phone",
            "social",
            "twitter",
            "seller-fee",
            "Fiverr-Care",
            "FIVERR-CARE",
        ]
    ),
)


json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(short_text, st.sampled_from(["hu", "en", "id"])), inner, max_size=3
        ),
    ),
    max_leaves=6,
)


def _replace(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Replace the value at *path* with any JSON value."""
    if path:
        value_at(document, path[:-1])[path[-1]] = draw(json_values)


def _retype(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Change the type of the value at *path*: wrap it in a list or object, or stringify it."""
    if path:
        parent = value_at(document, path[:-1])
        old = parent[path[-1]]
        if draw(st.booleans()):
            parent[path[-1]] = {"value": old} if isinstance(old, list) else [old]
        else:
            parent[path[-1]] = 0 if isinstance(old, str) else json.dumps(old)


def _delete(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Delete a key or an item of the object or list at *path*."""
    target = value_at(document, path)
    if isinstance(target, dict) and target:
        del target[draw(st.sampled_from(sorted(target)))]
    elif isinstance(target, list) and target:
        del target[draw(st.integers(0, len(target) - 1))]


def _add(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Add a key (a known field name or any text) or an item to the object or list at *path*."""
    target = value_at(document, path)
    if isinstance(target, dict):
        key = draw(st.one_of(short_text, st.sampled_from(["team", "network", "steps", "x"])))
        target[key] = draw(json_values)
    elif isinstance(target, list):
        target.insert(draw(st.integers(0, len(target))), draw(json_values))


def _duplicate(draw: st.DrawFn, document: Any, path: tuple[str | int, ...]) -> None:
    """Append a copy of one of the items of the list at *path* (a duplicate record)."""
    target = value_at(document, path)
    if isinstance(target, list) and target:
        target.append(copy.deepcopy(draw(st.sampled_from(target))))


def _same_id(draw: st.DrawFn, document: Any, _: tuple[str | int, ...]) -> None:
    """Give a FAQ entry another's id, or an account another's username (maybe upper-cased)."""
    key = draw(st.sampled_from(["id", "username"]))
    records = document.get("faq" if key == "id" else "official_accounts")
    if isinstance(records, list) and len(records) >= 2:
        first, second = draw(st.permutations(range(len(records))))[:2]
        if isinstance(records[first], dict) and isinstance(records[second], dict):
            value = records[first].get(key)
            if isinstance(value, str) and draw(st.booleans()):
                value = value.upper()
            records[second][key] = value


MUTATIONS: Final = (_replace, _retype, _delete, _add, _duplicate, _same_id)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """The packaged knowledge base with one to four changes at random depths."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(json_paths(document))))
        draw(st.sampled_from(MUTATIONS))(draw, document, path)
    return document


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_documents(), ensure_ascii=st.booleans())
def test_load_kb_with_changed_values_keys_and_ids(document: Any, *, ensure_ascii: bool) -> None:
    """Values retyped, keys deleted or added at any depth, ids duplicated: error or valid kb."""
    raw = json.dumps(document, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
    kb, _ = load_bytes(raw)
    if kb is not None:
        assert_valid_kb(kb)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xef\xbb\xbf" + PACKAGED_KB_BYTES,
        PACKAGED_KB_BYTES.decode().encode("utf-16"),
        b"\x00" * 100,
        b"null",
        b"[]",
        b'"kb"',
        b"NaN",
        b'{"a": 1, "a": 2}',
        b"1" * 5000,
        b'{"x": ' + b"1" * 5000 + b"}",
        b'{"x": 1e999}',
        b'{"x": "\\ud800"}',
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": 1e999, "x": '),
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": NaN, "x": '),
        PACKAGED_KB_BYTES.replace(b'"founded": ', b'"founded": ' + b"9" * 5000 + b', "x": '),
        PACKAGED_KB_BYTES.replace(b'"hu": "', b'"hu": "\\u0000', 1),
    ],
)
def test_load_kb_odd_files(raw: bytes) -> None:
    """Empty, BOM-prefixed, UTF-16, NUL, non-object, NaN, duplicate-key and huge-number files."""
    kb, _ = load_bytes(raw)
    if kb is not None:
        assert_valid_kb(kb)


def test_load_kb_with_a_lone_surrogate_in_a_text() -> None:
    """A JSON-escaped lone surrogate in a text is just text: the result is valid and usable."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"][0]["answer"]["en"] += "\ud800\u202e"
    kb, _ = load_bytes(json.dumps(document).encode())
    if kb is not None:
        assert_valid_kb(kb)
        assert isinstance(kb.search("\ud800 password"), list)
        assert_clean_exit(run_cli(["faq", kb.faq[0].id]), "faq")


@pytest.mark.parametrize("depth", [50, 900, 3000, 100_000])
@pytest.mark.parametrize("where", ["root", "answer", "unknown key"])
def test_load_kb_deeply_nested(depth: int, where: str) -> None:
    """Deeply nested arrays and objects, at the root or inside a record: KnowledgeBaseError."""
    nested = "[" * depth + "]" * depth if depth % 2 == 0 else '{"a":' * depth + "1" + "}" * depth
    if where == "root":
        raw = nested.encode()
    else:
        document = copy.deepcopy(PACKAGED_KB_JSON)
        if where == "answer":
            document["faq"][0]["answer"] = "NESTED"
        else:
            document["company"]["x"] = "NESTED"
        raw = json.dumps(document).replace('"NESTED"', nested).encode()
    kb, _ = load_bytes(raw)
    assert kb is None


def test_load_kb_huge_files() -> None:
    """Files over 8 MiB are refused; one just under it is judged on content, texts' size too."""
    padded = PACKAGED_KB_BYTES + b" " * (MAX_FILE_BYTES + 1 - len(PACKAGED_KB_BYTES))
    kb, _ = load_bytes(padded)
    assert kb is None
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"][0]["answer"]["en"] = "x"
    room = MAX_FILE_BYTES - len(json.dumps(document).encode()) - 16
    document["faq"][0]["answer"]["en"] = "é " * (room // 3)
    raw = json.dumps(document, ensure_ascii=False).encode()
    assert len(raw) <= MAX_FILE_BYTES
    kb, _ = load_bytes(raw)
    assert kb is None  # one text of millions of characters: over MAX_TEXT_CHARS (#10)
    # Just under the cap in texts each within the limit, outside the FAQ: judged on content.
    document = copy.deepcopy(PACKAGED_KB_JSON)
    text = "é " * (MAX_TEXT_CHARS // 2)
    category = {"hu": text, "en": text}
    size = len(json.dumps(category, ensure_ascii=False).encode()) + 2
    room = MAX_FILE_BYTES - len(json.dumps(document, ensure_ascii=False).encode()) - 16
    document["company"]["categories"] = [category] * (room // size)
    raw = json.dumps(document, ensure_ascii=False).encode()
    assert MAX_FILE_BYTES - 2 * size <= len(raw) <= MAX_FILE_BYTES
    kb, _ = load_bytes(raw)
    assert kb is not None
    assert_valid_kb(kb)
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"] *= 100  # duplicate ids, thousands of them: one bounded message
    kb, _ = load_bytes(json.dumps(document).encode())
    assert kb is None


def test_knowledge_base_error_message_is_bounded() -> None:
    """Thousands of problems: all in .problems, the first 20 in a message of bounded length."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["faq"] *= 100
    document["company"]["name"] = " " * 100_000
    kb, path = load_bytes(json.dumps(document).encode())
    assert kb is None
    problems = outcome(lambda: parse_kb(json.dumps(document).encode(), str(path)))[1]
    assert isinstance(problems, KnowledgeBaseError)
    assert len(problems.problems) > 500
    message = str(problems)
    assert len(message) <= MAX_KB_MESSAGE
    assert message.startswith(f"invalid data in {path}: ")
    assert message.endswith(f"and {len(problems.problems) - 20} more problems")


def test_unknown_keys_are_listed_in_order_and_escaped() -> None:
    """Unknown keys of a data file are listed sorted; one holding control characters is escaped."""
    document = copy.deepcopy(PACKAGED_KB_JSON)
    document["company"].update({"zz": 1, "\x1b]0;owned\x07\n": 2, "aa": 3})
    error = outcome(lambda: parse_kb(json.dumps(document).encode(), "kb.json"))[1]
    assert isinstance(error, KnowledgeBaseError)
    assert error.problems == ("extra fields found ('\\x1b]0;owned\\x07\\n', aa, zz) @ $.company",)


def test_default_kb_is_unchanged_by_everything_above() -> None:
    """After all the loads and failures, default_kb() is the same object, equal to a fresh load."""
    assert default_kb() is DEFAULT_KB
    assert default_kb() == FRESH_KB
    assert default_kb() == parse_kb(*read_packaged(KB_FILE))
