"""Loading and validating data files: default_kb(), load_kb() and their errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import KnowledgeBase, KnowledgeBaseError, default_kb, load_kb
from fiverr_support_kb import _loading as data_module
from fiverr_support_kb._converter import CONVERTER
from fiverr_support_kb._validate import long_texts
from fiverr_support_kb.errors import ArgumentTypeError
from fiverr_support_kb.faq import (
    MAX_FAQ_CHARS,
    MAX_FAQ_ENTRIES,
    MAX_FAQ_TEXTS,
    MAX_FAQ_WORDS,
    size_problems,
)
from fiverr_support_kb.knowledge_base import MAX_TEXT_CHARS
from fiverr_support_kb.models import LANGUAGES, FaqEntry

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def packaged() -> dict[str, Any]:
    """Return a fresh, mutable copy of the packaged data as plain JSON values."""
    raw, _ = data_module.read_packaged("knowledge_base.json")
    result: dict[str, Any] = json.loads(raw)
    return result


def write(tmp_path: Path, data: object, name: str = "kb.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(path: Path) -> tuple[str, ...]:
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(path)
    assert str(path) in str(info.value)
    return info.value.problems


# --- the packaged data ---------------------------------------------------------------------


def test_packaged_data_round_trips(tmp_path: Path) -> None:
    """Unstructuring the default knowledge base gives plain JSON that loads back equal."""
    kb = default_kb()
    plain = CONVERTER.unstructure(kb)
    assert json.loads(json.dumps(plain)) == plain
    assert plain["channels"][0] == {
        "kind": "phone",
        "address": "+97236317882",
        "label": {"hu": "Telefon", "en": "Phone"},
        "network": None,
    }
    assert load_kb(write(tmp_path, plain)) == kb
    assert load_kb(write(tmp_path, packaged())) == kb


def test_provenance_is_recorded() -> None:
    """The data says where it comes from and which version it is."""
    provenance = default_kb().provenance
    assert provenance.data_version == "2026.11.24"
    assert provenance.source_title == "Fiverr Ügyfélszolgálat"
    assert provenance.source_language == "hu"
    assert len(provenance.source_sha256) == 64
    assert int(provenance.source_sha256, 16) > 0


def test_load_kb_accepts_str_and_pathlike(tmp_path: Path) -> None:
    """load_kb takes a str or a path-like object."""
    path = write(tmp_path, packaged())
    assert load_kb(str(path)) == load_kb(path)


def test_load_kb_result_is_independent(tmp_path: Path) -> None:
    """A loaded data set with different content leaves the packaged default unaffected."""
    data = packaged()
    data["company"]["founded"] = 2011
    custom = load_kb(write(tmp_path, data))
    assert custom.company.founded == 2011
    assert default_kb().company.founded == 2010


# --- every rejection -----------------------------------------------------------------------


def _pop(container: dict[str, Any], key: str) -> object:
    return container.pop(key)


REJECTIONS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "unknown top-level key",
        lambda d: d.update(extra=1),
        "extra fields found (extra) @ $",
    ),
    (
        "unknown nested key",
        lambda d: d["faq"][3]["answer"].update(de="Passwort"),
        "extra fields found (de) @ $.faq[3].answer",
    ),
    (
        "missing language",
        lambda d: _pop(d["faq"][3]["answer"], "hu"),
        "required field missing @ $.faq[3].answer.hu",
    ),
    (
        "missing English step",
        lambda d: _pop(d["faq"][3]["steps"][1], "en"),
        "required field missing @ $.faq[3].steps[1].en",
    ),
    (
        "empty text",
        lambda d: d["official_accounts"][2]["description"].update(en="  "),
        "empty text @ $.official_accounts[2].description.en",
    ),
    (
        "duplicate FAQ id",
        lambda d: d["faq"][5].update(id="what-is-fiverr"),
        "duplicate FAQ id 'what-is-fiverr' (first at index 0) @ $.faq[5].id",
    ),
    (
        "duplicate username",
        lambda d: d["official_accounts"][4].update(username="EDITORIAL_VIDEO"),
        (
            "duplicate username (ignoring case) 'EDITORIAL_VIDEO' (first at index 0)"
            " @ $.official_accounts[4].username"
        ),
    ),
    (
        "non-ASCII username",
        lambda d: d["official_accounts"][0].update(username="editorial_vіdeo"),
        (
            "username must be 1-64 ASCII letters, digits, '.', '_' or '-'"
            " @ $.official_accounts[0].username"
        ),
    ),
    (
        "phone not in E.164",
        lambda d: d["channels"][0].update(address="03 6317882"),
        "phone number must be in E.164 form such as +97236317882 @ $.channels[0].address",
    ),
    (
        "phone with spaces",
        lambda d: d["channels"][0].update(address="+972 3631 7882"),
        "phone number must be in E.164 form",
    ),
    (
        "malformed e-mail",
        lambda d: d["channels"][2].update(address="support@fiverr"),
        "malformed e-mail address 'support@fiverr' @ $.channels[2].address",
    ),
    (
        "e-mail with a space",
        lambda d: d["channels"][2].update(address="sup port@fiverr.com"),
        "malformed e-mail address",
    ),
    (
        "http URL",
        lambda d: d["channels"][1].update(address="http://www.fiverr.com/support"),
        (
            "URL must be an https:// URL with a host name, got 'http://www.fiverr.com/support'"
            " @ $.channels[1].address"
        ),
    ),
    (
        "URL without host",
        lambda d: d["channels"][4].update(address="https:///forum"),
        "URL must be an https:// URL with a host name, got 'https:///forum' @ $.channels[4]",
    ),
    (
        "javascript URL",
        lambda d: d["channels"][5].update(address="javascript:alert(1)"),
        "@ $.channels[5].address",
    ),
    (
        "URL with credentials",
        lambda d: d["channels"][5].update(address="https://user:pw@twitter.com/fiverr"),
        "@ $.channels[5].address",
    ),
    (
        "social channel without network",
        lambda d: _pop(d["channels"][6], "network"),
        "a social channel needs a network @ $.channels[6].network",
    ),
    (
        "network on a non-social channel",
        lambda d: d["channels"][0].update(network="twitter"),
        "only social channels have a network @ $.channels[0].network",
    ),
    (
        "unknown channel kind",
        lambda d: d["channels"][0].update(kind="fax"),
        "'fax' is not a valid ChannelKind; accepted: 'phone'",
    ),
    (
        "string where an integer belongs",
        lambda d: d["company"].update(founded="2010"),
        "expected an integer, got str @ $.company.founded",
    ),
    (
        "boolean where an integer belongs",
        lambda d: d["company"].update(founded=True),
        "expected an integer, got bool @ $.company.founded",
    ),
    (
        "number where a string belongs",
        lambda d: d["faq"][0]["question"].update(en=5),
        "expected a string, got int @ $.faq[0].question.en",
    ),
    (
        "string where a list belongs",
        lambda d: d["faq"][0]["keywords"].update(hu="jelszó"),
        "expected a list, got str @ $.faq[0].keywords.hu",
    ),
    (
        "related channel that does not exist",
        lambda d: d.update(channels=d["channels"][1:]),
        "no channel of kind 'phone' exists @ $.faq[2].related_channels[0]",
    ),
    (
        "FAQ id that is not a slug",
        lambda d: d["faq"][0].update(id="What is Fiverr"),
        "FAQ id must be a lowercase slug",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(mutate, expected, id=name) for name, mutate, expected in REJECTIONS],
)
def test_invalid_data_is_rejected(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], object], expected: str
) -> None:
    """Each kind of invalid data is rejected with its JSON path, naming the file."""
    data = packaged()
    mutate(data)
    problems = problems_of(write(tmp_path, data))
    assert any(expected in problem for problem in problems), problems


def test_every_problem_is_reported(tmp_path: Path) -> None:
    """Several problems in one file are all reported, not just the first."""
    data = packaged()
    data["faq"][3]["answer"].pop("hu")
    data["channels"][2]["address"] = "nope"
    data["faq"][1]["id"] = "what-is-fiverr"
    path = write(tmp_path, data)
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(path)
    # Structure errors are reported first; semantic checks need a structured object.
    assert info.value.problems == ("required field missing @ $.faq[3].answer.hu",)
    data["faq"][3]["answer"]["hu"] = "x"
    problems = problems_of(write(tmp_path, data))
    assert len(problems) == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", "not valid JSON: Expecting value at line 1 column 1", id="empty"),
        pytest.param(b"{", "not valid JSON", id="truncated"),
        pytest.param(b"\xff\xfe{}", "not UTF-8 text", id="not-utf8"),
        pytest.param(b"[]", "expected a JSON object, got list @ $", id="list"),
        pytest.param(b"null", "expected a JSON object, got NoneType @ $", id="null"),
        pytest.param(b'{"a": 1, "a": 2}', "duplicate key 'a' in a JSON object", id="dup-key"),
        pytest.param(b'{"a": NaN}', "NaN is not allowed in data files", id="nan"),
        pytest.param(b"[" * 100_000, "not valid JSON", id="deep-nesting"),
    ],
)
def test_unparsable_files_are_rejected(tmp_path: Path, content: bytes, expected: str) -> None:
    """Files that are not strict UTF-8 JSON objects raise KnowledgeBaseError."""
    path = tmp_path / "kb.json"
    path.write_bytes(content)
    problems = problems_of(path)
    assert any(expected in problem for problem in problems), problems


def test_oversized_file_is_rejected(tmp_path: Path) -> None:
    """A file larger than the limit is rejected before it is parsed."""
    path = tmp_path / "kb.json"
    path.write_bytes(b" " * (data_module.MAX_FILE_BYTES + 1))
    assert problems_of(path) == (f"file is larger than {data_module.MAX_FILE_BYTES} bytes",)


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    """A file that does not exist raises KnowledgeBaseError naming it."""
    problems = problems_of(tmp_path / "missing.json")
    assert problems[0].startswith("cannot read the file")


def test_directory_is_rejected(tmp_path: Path) -> None:
    """A directory is not a data file."""
    with pytest.raises(KnowledgeBaseError, match="cannot read the file"):
        load_kb(tmp_path)


@pytest.mark.parametrize("bad", [None, 3, b"kb.json", ["kb.json"]])
def test_load_kb_rejects_non_paths(bad: object) -> None:
    """A path that is not a str or path-like is a TypeError."""
    expected = r"path must be a file name \(a str or os\.PathLike\), not "
    with pytest.raises(TypeError, match=expected) as info:
        load_kb(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, ArgumentTypeError)


def test_knowledge_base_error_is_a_value_error(tmp_path: Path) -> None:
    """KnowledgeBaseError is a ValueError and the library's base error."""
    from fiverr_support_kb import FiverrSupportKBError  # noqa: PLC0415

    path = tmp_path / "kb.json"
    path.write_bytes(b"{")
    with pytest.raises(KnowledgeBaseError, match="invalid data in") as info:
        load_kb(path)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, FiverrSupportKBError)
    assert info.value.source == str(path)


# --- loading once, lazily, thread-safely -----------------------------------------------------


_THREADS_FIRST_USE: Final = """
import threading
from fiverr_support_kb import {name} as load
barrier = threading.Barrier(32)
results = []

def worker():
    barrier.wait()
    results.append(load())

threads = [threading.Thread(target=worker) for _ in range(32)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert len(results) == 32, results
assert all(result is results[0] for result in results)
assert load.loaded()
"""


@pytest.mark.parametrize("name", ["default_kb", "fee_schedules"])
def test_first_load_from_32_threads(name: str) -> None:
    """32 threads first asking a fresh interpreter for the data at once all get one object."""
    code = _THREADS_FIRST_USE.format(name=name)
    subprocess.run([sys.executable, "-c", code], check=True)


def test_faq_index_built_once_across_threads() -> None:
    """Many threads doing a first lookup on a new knowledge base agree."""
    kb = load_kb_copy()
    barrier = threading.Barrier(16)
    found: list[str] = []

    def worker() -> None:
        barrier.wait()
        found.append(kb.faq_entry("seller-fee").id)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == ["seller-fee"] * 16


def load_kb_copy() -> KnowledgeBase:
    import copy  # noqa: PLC0415

    return copy.deepcopy(default_kb())


def test_import_is_light() -> None:
    """Importing the package loads no data and imports neither cattrs nor json."""
    code = (
        "import sys, fiverr_support_kb\n"
        "heavy = [m for m in ('cattrs', 'json', 'decimal', 'importlib.resources',"
        " 'fiverr_support_kb._loading') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- only regular files are read ---------------------------------------------------------------

FIFO_PROGRAM: Final = """
import sys
from fiverr_support_kb import KnowledgeBaseError, load_kb
try:
    load_kb(sys.argv[1])
except KnowledgeBaseError as exc:
    print(exc)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_load_kb_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    """load_kb() on a FIFO nobody writes to refuses it at once instead of waiting forever."""
    fifo = tmp_path / "kb.json"
    os.mkfifo(fifo)
    process = subprocess.run(
        [sys.executable, "-c", FIFO_PROGRAM, str(fifo)],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )
    assert "cannot read the file: it is not a regular file" in process.stdout


@pytest.mark.parametrize("path", ["/dev/null", "/dev/zero"])
def test_load_kb_refuses_a_device(path: str) -> None:
    """A character device is not a data file: it is refused, never read."""
    if not os.path.exists(path):  # noqa: PTH110 - a device path, not a project file
        pytest.skip(f"{path} does not exist here")
    with pytest.raises(KnowledgeBaseError, match="it is not a regular file") as info:
        load_kb(path)
    assert info.value.source == path


def test_load_kb_refuses_a_socket(tmp_path: Path) -> None:
    """A Unix socket is not a data file: it is refused, never waited on."""
    family = getattr(socket, "AF_UNIX", None)
    if family is None:
        pytest.skip("no Unix sockets here")
    path = tmp_path / "kb.sock"
    with socket.socket(family, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        with pytest.raises(KnowledgeBaseError, match="cannot read the file"):
            load_kb(path)


def test_load_kb_reads_a_file_bigger_than_one_read(tmp_path: Path) -> None:
    """A file is read whole, however many reads that takes."""
    data = packaged()
    category = {"hu": "x" * 19_000, "en": "y" * 19_000}
    data["company"]["categories"] = [category] * 20
    assert len(load_kb(write(tmp_path, data)).company.categories) == 20


# --- limits: what load_kb accepts is searchable within bounded time and memory ---------------

AT_THE_LIMITS: Final = r'''
import json, random, resource, sys, time
from importlib.resources import files
from fiverr_support_kb import load_kb, search
from fiverr_support_kb.faq import MAX_FAQ_CHARS, MAX_FAQ_TEXTS, MAX_FAQ_WORDS
from fiverr_support_kb.knowledge_base import MAX_TEXT_CHARS

entries, steps, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
# The costliest words: all different, accented, 8 letters (two-edit spelling keys each).
letters = "abcdefghijklmnopqrstuvwxyzáéíóöőúüű"
rnd = random.Random(10)
vocabulary = set()
while len(vocabulary) < MAX_FAQ_WORDS:
    vocabulary.add("".join(rnd.choice(letters) for _ in range(8)))
words = sorted(vocabulary)
texts = entries * 2 * (2 + steps)
state = {"word": 0, "text": 0, "chars": 0}

def text():
    """The next text: the next words, as many as keep the characters evenly spread."""
    state["text"] += 1
    target = min(MAX_FAQ_CHARS * state["text"] // texts, state["chars"] + MAX_TEXT_CHARS)
    out, length = [], -1
    while not out or state["chars"] + length + 9 <= target:
        out.append(words[state["word"] % MAX_FAQ_WORDS])
        state["word"] += 1
        length += 9
    state["chars"] += length
    return " ".join(out)

def localized():
    return {"hu": text(), "en": text()}

data = json.loads((files("fiverr_support_kb") / "data" / "knowledge_base.json").read_text("utf-8"))
template = dict(data["faq"][0], keywords={"hu": [], "en": []})
data["faq"] = [
    dict(template, id=f"entry-{number}", question=localized(), answer=localized(),
         steps=[localized() for _ in range(steps)])
    for number in range(entries)
]
with open(path, "w", encoding="utf-8") as handle:
    json.dump(data, handle, ensure_ascii=False)
kb = load_kb(path)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
search("how do I chnage my pasword qwertyui fiverrr", kb=kb)
seconds = time.process_time() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"entries": len(kb.faq), "texts": texts, "chars": state["chars"],
                  "words": len(set(words[:state["word"]])), "seconds": seconds, "kib": grown}))
'''


def test_the_packaged_kb_is_well_within_the_limits() -> None:
    """The packaged FAQ is far below every size limit: a tenth of the characters at most."""
    faq = default_kb().faq
    assert size_problems(faq) == []
    assert long_texts(CONVERTER.unstructure(default_kb())) == []
    texts = [text for entry in faq for lang in LANGUAGES for text in entry_texts(entry, lang)]
    assert len(faq) * 10 <= MAX_FAQ_ENTRIES
    assert len(texts) * 10 <= MAX_FAQ_TEXTS
    assert sum(map(len, texts)) * 10 <= MAX_FAQ_CHARS
    assert max(map(len, texts)) * 10 <= MAX_TEXT_CHARS


def entry_texts(entry: FaqEntry, lang: str) -> list[str]:
    """Every text of *entry* in *lang*, as the limits count them."""
    steps = [step[lang] for step in entry.steps]
    return [entry.question[lang], entry.answer[lang], *steps, *entry.keywords[lang]]


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
@pytest.mark.parametrize(("entries", "steps"), [(1000, 8), (100, 98), (7, 0), (1, 9998)])
def test_a_kb_at_every_limit_is_searched_in_under_a_second(
    tmp_path: Path, entries: int, steps: int
) -> None:
    """A file at all the FAQ limits at once loads, and its first search takes < 1 s, < 100 MiB."""
    process = subprocess.run(
        [sys.executable, "-c", AT_THE_LIMITS, str(entries), str(steps), str(tmp_path / "k.json")],
        capture_output=True,
        check=True,
        text=True,
        timeout=120,
    )
    figures = json.loads(process.stdout)
    assert figures["entries"] == entries
    assert figures["texts"] == MAX_FAQ_TEXTS or entries * steps == 0
    assert MAX_FAQ_CHARS - 10 <= figures["chars"] <= MAX_FAQ_CHARS
    assert figures["words"] == MAX_FAQ_WORDS
    assert figures["seconds"] < 1.0
    assert figures["kib"] < 100 * 1024


def minimal_entry(number: int, **changes: Any) -> dict[str, Any]:
    """A small valid FAQ entry with the id ``entry-<number>``."""
    text = {"hu": "kérdés", "en": "question"}
    return {"id": f"entry-{number}", "question": text, "answer": text, **changes}


def with_faq(faq: list[dict[str, Any]]) -> dict[str, Any]:
    """The packaged data with *faq* as its FAQ."""
    return {**packaged(), "faq": faq}


def test_a_text_over_the_limit_is_refused_with_its_path(tmp_path: Path) -> None:
    """One text longer than MAX_TEXT_CHARS is refused before structuring, naming where it is."""
    data = packaged()
    data["faq"][2]["answer"]["en"] = "x" * (MAX_TEXT_CHARS + 1)
    data["company"]["name"] = "y" * 7_000_000
    assert problems_of(write(tmp_path, data)) == (
        "a text of 7,000,000 characters; at most 20,000 are accepted @ $.company.name",
        "a text of 20,001 characters; at most 20,000 are accepted @ $.faq[2].answer.en",
    )


def test_a_text_at_the_limit_is_accepted(tmp_path: Path) -> None:
    """A text of exactly MAX_TEXT_CHARS characters is accepted."""
    data = packaged()
    data["faq"][2]["answer"]["en"] = "x" * MAX_TEXT_CHARS
    assert len(load_kb(write(tmp_path, data)).faq[2].answer.en) == MAX_TEXT_CHARS


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    """More than MAX_FAQ_ENTRIES entries are refused; exactly that many are accepted."""
    faq = [minimal_entry(number) for number in range(MAX_FAQ_ENTRIES)]
    assert len(load_kb(write(tmp_path, with_faq(faq))).faq) == MAX_FAQ_ENTRIES
    faq.append(minimal_entry(MAX_FAQ_ENTRIES))
    assert problems_of(write(tmp_path, with_faq(faq))) == (
        (
            "the FAQ has 1,001 entries; at most 1,000 are accepted, so that searching it stays "
            "fast @ $.faq"
        ),
    )


def test_too_many_texts_are_refused(tmp_path: Path) -> None:
    """More than MAX_FAQ_TEXTS texts (steps and search terms included) are refused."""
    steps = [{"hu": "a", "en": "b"}] * ((MAX_FAQ_TEXTS - 4) // 2)
    entry = minimal_entry(0, steps=steps)
    assert len(load_kb(write(tmp_path, with_faq([entry]))).faq[0].steps) == len(steps)
    entry["keywords"] = {"hu": ["c"], "en": []}
    assert problems_of(write(tmp_path, with_faq([entry]))) == (
        (
            "the FAQ has 20,001 texts (questions, answers, steps and search terms, each language "
            "counted); at most 20,000 are accepted, so that searching it stays fast @ $.faq"
        ),
    )


def test_too_many_characters_are_refused(tmp_path: Path) -> None:
    """FAQ texts of more than MAX_FAQ_CHARS characters together are refused."""
    long = {"hu": "a " * (MAX_TEXT_CHARS // 2), "en": "b " * (MAX_TEXT_CHARS // 2)}
    count = MAX_FAQ_CHARS // (2 * MAX_TEXT_CHARS) + 1
    faq = [minimal_entry(number, answer=long) for number in range(count)]
    (problem,) = problems_of(write(tmp_path, with_faq(faq)))
    assert problem.startswith("the FAQ's texts have ")
    assert problem.endswith(
        " characters together; at most 250,000 are accepted, so that searching it stays fast "
        "@ $.faq"
    )


def test_too_many_different_words_are_refused(tmp_path: Path) -> None:
    """FAQ texts with more than MAX_FAQ_WORDS different words are refused; that many pass."""
    words = [f"w{number:05d}" for number in range(MAX_FAQ_WORDS - 2)]  # + kérdés, question
    texts = [" ".join(words[start : start + 1000]) for start in range(0, len(words), 1000)]
    faq = [
        minimal_entry(number, steps=[{"hu": text, "en": text}]) for number, text in enumerate(texts)
    ]
    assert len(load_kb(write(tmp_path, with_faq(faq))).faq) == len(texts)
    faq[0]["keywords"] = {"hu": ["egyedi"], "en": []}
    assert problems_of(write(tmp_path, with_faq(faq))) == (
        (
            "the FAQ's texts have more than 4,000 different words; at most 4,000 are accepted, so "
            "that searching it stays fast @ $.faq"
        ),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.just("z" * 20_001),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=12,
)


def count_long(value: object) -> int:
    """Count the strings longer than MAX_TEXT_CHARS in the JSON *value*, recursively."""
    if isinstance(value, str):
        return int(len(value) > MAX_TEXT_CHARS)
    if isinstance(value, dict):
        return sum(count_long(item) for item in value.values())
    if isinstance(value, list):
        return sum(count_long(item) for item in value)
    return 0


@given(json_values)
def test_long_texts_finds_every_long_string(value: object) -> None:
    """Any JSON value: one problem per string over the limit, each ending with a JSON path."""
    problems = long_texts(value)
    assert len(problems) == count_long(value)
    assert all(" @ $" in problem for problem in problems)


def test_a_long_text_is_reported_with_every_other_problem(tmp_path: Path) -> None:
    """A text over the limit does not hide the file's other problems: all are listed at once."""
    data = packaged()
    data["faq"][0]["answer"]["hu"] = "z" * (MAX_TEXT_CHARS + 1)
    data["faq"][1]["colour"] = "green"
    assert problems_of(write(tmp_path, data)) == (
        "a text of 20,001 characters; at most 20,000 are accepted @ $.faq[0].answer.hu",
        "extra fields found (colour) @ $.faq[1]",
    )
    del data["faq"][1]["colour"]
    data["faq"][1]["id"] = "Not A Slug"
    assert problems_of(write(tmp_path, data)) == (
        "a text of 20,001 characters; at most 20,000 are accepted @ $.faq[0].answer.hu",
        "FAQ id must be a lowercase slug such as 'change-password' @ $.faq[1].id",
    )
