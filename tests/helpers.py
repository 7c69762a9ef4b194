"""Shared test helpers, in one importable place (``pytest`` puts ``tests/`` on ``sys.path``).

- Loading this repository's scripts and test data modules by path: :func:`load_by_path`,
  :func:`load_script`.
- The command line in process: :class:`Run`, :func:`run_cli`, :func:`assert_clean_exit`,
  :data:`SUBCOMMANDS`, :func:`fresh_directory`.
- Fuzzing (the ``test_fuzz_*.py`` modules): the hostile objects and texts thrown at every
  public entry point, the Hypothesis strategies that make them, and the checks that a result is
  well formed or an exception documented. Every public entry point either returns a
  well-formed result or raises one of the exceptions its docstring documents: never
  ``decimal.InvalidOperation``, an internal ``KeyError``, ``IndexError``, ``AttributeError``,
  ``RecursionError``, ``UnicodeEncodeError`` or an exception raised by a caller's broken
  ``__repr__``/``__str__``/``__eq__``/``__hash__``. The command line exits 0 or 2 (one line
  on stderr), never with a traceback; ``load_kb`` on a corrupted file raises
  ``KnowledgeBaseError`` naming the file, or returns a valid knowledge base.
"""

from __future__ import annotations

import contextlib
import copy
import decimal
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
from hypothesis import strategies as st

from fiverr_support_kb import (
    ChannelKind,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidRoundingError,
    KnowledgeBase,
    KnowledgeBaseError,
    OrderSplit,
    OrderStatus,
    SocialNetwork,
    UnknownFeeScheduleError,
    default_kb,
    fee_schedules,
    load_kb,
)
from fiverr_support_kb._loading import KB_FILE, read_packaged
from fiverr_support_kb._validate import kb_problems
from fiverr_support_kb.cli import main
from fiverr_support_kb.knowledge_base import parse_kb

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from types import ModuleType


#: The money totals of an OrderSummary, in the order the command line prints them.
SUMMARY_TOTALS: Final = (
    "gross_completed",
    "buyer_fee_total",
    "seller_fee_total",
    "seller_net_total",
    "pending_gross",
)
#: The repository's root folder.
ROOT: Final = Path(__file__).resolve().parents[1]


def load_by_path(name: str, path: Path) -> ModuleType:
    """Import the module at *path* as *name* (``tests/`` and ``scripts/`` are not packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_script(name: str) -> ModuleType:
    """Import ``scripts/NAME.py``, such as a generator whose output a test compares."""
    return load_by_path(name, ROOT / "scripts" / f"{name}.py")


ROUNDINGS: Final = (
    decimal.ROUND_05UP,
    decimal.ROUND_CEILING,
    decimal.ROUND_DOWN,
    decimal.ROUND_FLOOR,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_UP,
    decimal.ROUND_UP,
)


SCHEDULE_NAMES: Final = tuple(sorted(fee_schedules()))


CENT: Final = Decimal("0.01")


MAX_AMOUNT: Final = Decimal("1000000000.00")


SPLIT_FIELDS: Final = tuple(field.name for field in attrs.fields(OrderSplit))


DEFAULT_KB: Final = default_kb()


FAQ_IDS: Final = DEFAULT_KB.faq_ids


PACKAGED_KB_BYTES, PACKAGED_KB_SOURCE = read_packaged(KB_FILE)


PACKAGED_KB_JSON: Final = json.loads(PACKAGED_KB_BYTES)


#: A fresh, strict load of the packaged file: what default_kb() must stay equal to.
FRESH_KB: Final = parse_kb(PACKAGED_KB_BYTES, PACKAGED_KB_SOURCE)


#: The longest message any exception of the library may have, whatever the input's length.
MAX_MESSAGE: Final = 2000


#: The same for KnowledgeBaseError, which names the file (up to PATH_MAX, 4096 characters)
#: and shows up to 20 problems of up to 500 characters each.
MAX_KB_MESSAGE: Final = 16_000


#: Exceptions that must never come out of the library, whatever it is given.
FORBIDDEN: Final = (
    decimal.DecimalException,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    UnicodeError,
    RuntimeError,
    AssertionError,
)


#: While true, the hostile objects below raise from their protocol methods. They are armed
#: only while the library runs (see :func:`outcome`), so that Hypothesis and the assertions
#: can still show and compare them.
ARMED: Final = [False]


@contextlib.contextmanager
def armed() -> Iterator[None]:
    """Arm the hostile objects for the duration of the block."""
    ARMED[0] = True
    try:
        yield
    finally:
        ARMED[0] = False


class Hostile:
    """A mixin whose ``__repr__``, ``__str__``, ``__eq__``, ``__ne__``, ``__hash__`` can raise."""

    __slots__ = ()

    def __repr__(self) -> str:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __repr__")
        return f"{type(self).__name__}({super().__repr__()})"

    def __str__(self) -> str:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __str__")
        return super().__str__()

    def __eq__(self, other: object) -> bool:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __eq__")
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __ne__")
        return super().__ne__(other)

    def __hash__(self) -> int:
        """Raise when armed."""
        if ARMED[0]:
            raise RuntimeError("broken __hash__")
        return super().__hash__()


class Broken(Hostile):
    """An object whose protocol methods raise (when armed)."""

    __slots__ = ()


class HostileStr(Hostile, str):
    """A ``str`` whose protocol methods raise (when armed)."""

    __slots__ = ()


class PlainStrSubclass(str):
    """A ``str`` subclass that changes nothing."""

    __slots__ = ()


class HostileInt(Hostile, int):
    """An ``int`` whose protocol methods raise (when armed)."""

    __slots__ = ()


class HostileDecimal(Hostile, Decimal):
    """A ``Decimal`` whose protocol methods raise (when armed)."""

    __slots__ = ()


@attrs.frozen
class FsPath:
    """A path-like object whose ``__fspath__`` returns whatever it was given."""

    value: object

    def __fspath__(self) -> Any:
        """Return the value, whatever it is."""
        return self.value


#: Characters that break naive text handling: controls, NUL, bidi controls, zero-width and
#: other invisible characters, line separators, noncharacters, lone surrogates, combining
#: marks, full-width forms, lookalikes, case traps and non-ASCII digits.
HOSTILE_CHARACTERS: Final = (
    "\x00\t\n\r\x0b\x0c\x1b\x7f\x85\xa0\xad\u034f\u061c\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\u3000\ufeff\ufffc\ufffd\ufffe\uffff"
    "\ud800\udbff\udc00\udcff\udfff\U000e0001\U000e0041\U0010ffff"
    "\u0300\u0301\u0308\u0327\u0336\u20dd\u0345"
    "ＦＩＶＥＲＲｆｉｖｅｒｒ０１２３４５．，－＿"
    "ѕаеорсіІЅԁⅰℓ𝐟𝐢𝐯𝐞𝐫"
    "İıſKẞßǅﬁﬀ"
    "٠١٢۳४๕᠕𝟓"
    "\"',;\\%$€¥-_.+eE"
)


#: Words and numbers the library gives a meaning to, to mix with the noise.
FRAGMENTS: Final = (
    "5",
    "40",
    "40.00",
    "40.01",
    "40.50",
    "0.01",
    "12.345",
    "1000000000.00",
    "1000000000.01",
    "-0",
    "+5",
    "1e2",
    "1E+999999999",
    "1e-999999999",
    "1e999999999999999999999",
    "NaN",
    "sNaN",
    "-Infinity",
    "5_0",
    "1,000",
    " 7 ",
    "ROUND_HALF_UP",
    "ROUND_05UP",
    "half-even",
    "article",
    "help-center",
    "hu",
    "en",
    "EN-gb",
    "hu_HU",
    "completed",
    "COMPLETED",
    "cancelled",
    "phone",
    "email",
    "social",
    "twitter",
    "pinterest",
    "change-password",
    "seller-fee",
    "Fiverr",
    "Fiverr-Care",
    "fiverr_365",
    "Fivver Support",
    "jelszó",
    "jelszavam",
    "password",
    "fee",
    "díj",
    "e-mail",
    "Netflix",
)


_characters = st.one_of(
    st.characters(),
    st.characters(categories=["Cs"]),
    st.sampled_from(HOSTILE_CHARACTERS),
)


#: Short hostile text: any code point (lone surrogates included), with meaningful fragments.
short_text = st.lists(
    st.one_of(st.text(_characters, max_size=6), st.sampled_from(FRAGMENTS)), max_size=6
).map("".join)


def _long(piece: str, prefix: str) -> str:
    """Return *prefix* then *piece* repeated to at least 100,000 characters."""
    return prefix + piece * (100_000 // len(piece) + 1)


#: Very long text: 100,000 characters and more, plain or starting like a valid value.
long_text = st.builds(
    _long,
    st.one_of(st.sampled_from(HOSTILE_CHARACTERS), short_text.filter(bool)),
    st.sampled_from(["", "5", "0.", "Fiverr-Care", "jelszó ", "1e"]),
)


hostile_text = st.one_of(short_text, short_text, long_text)


_DECIMAL_TEXTS: Final = (
    "NaN",
    "-NaN",
    "sNaN",
    "-sNaN123",
    "Infinity",
    "-Infinity",
    "0",
    "-0.00",
    "0.01",
    "0.001",
    "5",
    "5.000",
    "5E+1",
    "4E+1",
    "40.50",
    "1000000000.00",
    "1000000000.01",
    "1E+999999999",
    "-1E+999999999",
    "1E-999999999",
    "1E+425000000",
    "9.99999999999999999999999999999999999999E+99",
)


decimals = st.one_of(
    st.sampled_from([Decimal(text) for text in _DECIMAL_TEXTS]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=2_000_000_000, places=2),
)


integers = st.one_of(
    st.integers(),
    st.integers(min_value=-5, max_value=2_000_000_000),
    st.sampled_from([2**63, 2**64 + 1, 10**9, 10**9 + 1]),
    # Built, not listed: Hypothesis cannot show an int of more than 4300 digits.
    st.builds(
        lambda sign, digits: sign * 10**digits,
        st.sampled_from([1, -1]),
        st.sampled_from([4300, 4301, 5000, 100_000]),
    ),
)


#: Arbitrary objects of every kind a caller might pass by mistake, or on purpose.
hostile_objects = st.one_of(
    st.none(),
    st.booleans(),
    integers,
    st.floats(),
    decimals,
    st.binary(max_size=8),
    st.builds(bytearray, st.binary(max_size=4)),
    st.lists(st.integers(), max_size=3),
    st.tuples(short_text),
    st.dictionaries(short_text, st.integers(), max_size=2),
    st.frozensets(st.integers(), max_size=2),
    st.complex_numbers(),
    st.sampled_from([Ellipsis, object(), object, str, int, len, NotImplemented]),
    st.builds(Broken),
    st.builds(HostileStr, short_text),
    st.builds(PlainStrSubclass, short_text),
    st.builds(HostileInt, st.integers(min_value=-3, max_value=2_000_000_000)),
    st.builds(HostileDecimal, decimals),
    st.builds(FsPath, st.one_of(st.none(), st.integers(), st.binary(max_size=8))),
    st.sampled_from(list(ChannelKind) + list(SocialNetwork) + list(OrderStatus)),
)


anything = st.one_of(hostile_objects, hostile_text)


#: Plausible-looking values of one parameter mixed with arbitrary ones.
money_like = st.one_of(
    anything,
    st.integers(min_value=1, max_value=100_000_000_000).map(
        lambda cents: f"{Decimal(cents).scaleb(-2)}"
    ),
)


rounding_like = st.one_of(anything, st.sampled_from(ROUNDINGS))


schedule_like = st.one_of(
    anything, st.sampled_from(SCHEDULE_NAMES), st.sampled_from(list(fee_schedules().values()))
)


def untyped(value: object) -> Any:
    """Return *value* typed as ``Any``: the tests pass wrong types on purpose."""
    return value


def outcome(call: Callable[[], object]) -> tuple[object, BaseException | None]:
    """Run *call*; return its result, or the exception it raised."""
    try:
        with armed():
            return call(), None
    except Exception as exc:  # noqa: BLE001 - the tests classify every exception
        return None, exc


def assert_documented(exc: BaseException, allowed: tuple[type[BaseException], ...]) -> None:
    """*exc* is one of the *allowed* exceptions, with a short, readable message."""
    assert isinstance(exc, allowed), f"undocumented {type(exc).__name__}: {exc!r}"
    assert not isinstance(exc, FORBIDDEN), f"leaked {type(exc).__name__}: {exc!r}"
    if isinstance(exc, FiverrSupportKBError):
        assert isinstance(exc, (ValueError, TypeError, LookupError)), type(exc)
    message = str(exc)
    assert message.strip(), f"empty message from {type(exc).__name__}"
    limit = MAX_KB_MESSAGE if isinstance(exc, KnowledgeBaseError) else MAX_MESSAGE
    assert len(message) <= limit, f"{len(message)}-character message: {message[:200]}"


def check(
    call: Callable[[], object], allowed: tuple[type[BaseException], ...]
) -> tuple[object, BaseException | None]:
    """Run *call*, assert that it raised nothing or one of *allowed*, and return the outcome."""
    result, exc = outcome(call)
    if exc is not None:
        assert_documented(exc, allowed)
    return result, exc


def is_cents(value: object) -> bool:
    """Tell whether *value* is a plain finite Decimal with exactly two decimal places."""
    return type(value) is Decimal and value.is_finite() and value.as_tuple().exponent == -2


def assert_well_formed_split(split: object, price: Decimal | None = None) -> None:
    """*split* is an OrderSplit (exactly) of whole-cent Decimals whose parts add up exactly."""
    assert type(split) is OrderSplit
    for name in SPLIT_FIELDS:
        assert is_cents(getattr(split, name)), (name, getattr(split, name))
    assert CENT <= split.price <= MAX_AMOUNT
    assert split.buyer_fee >= 0
    assert split.seller_fee >= 0
    assert split.buyer_total == split.price + split.buyer_fee
    assert split.seller_net == split.price - split.seller_fee
    assert split.platform_revenue == split.buyer_fee + split.seller_fee
    if price is not None:
        assert split.price == price


def amount_type_ok(value: object) -> bool:
    """Tell whether the fee engine takes *value*'s type for an amount (str, int or Decimal)."""
    return isinstance(value, (str, int, Decimal)) and not isinstance(value, bool)


def exact_amount(value: object) -> Decimal | None:
    """Return *value* as the whole-cent amount the fee engine must accept, else ``None``."""
    # Read exactly and without traps: what is not a finite number comes out as NaN or
    # Infinity; a subclass is read by its plain value.
    exact = decimal.Context(prec=decimal.MAX_PREC, traps=[])
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        return None
    if isinstance(value, str):
        text = str.__str__(value)
        if not text.isascii() or "_" in text:  # amounts as text are plain ASCII decimals
            return None
        number = exact.create_decimal(text.strip())
    else:
        number = exact.create_decimal(Decimal(value))
    if not number.is_finite() or not 0 < number <= MAX_AMOUNT:
        return None
    cents = number.quantize(CENT)
    return cents if cents == number else None


FEE_ERRORS: Final = (
    InvalidAmountError,
    FeeTypeError,
    UnknownFeeScheduleError,
    InvalidRoundingError,
)


lang_like = st.one_of(st.none(), anything, st.sampled_from(["hu", "en", "HU", "en-GB", "de"]))


@contextlib.contextmanager
def fresh_directory() -> Iterator[Path]:
    """Work in a new, empty temporary directory for the duration of the block."""
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(previous)


def is_relative(path: object) -> bool:
    """Tell whether *path*, if it is a path at all, has no directory separator in it."""
    value = path.value if isinstance(path, FsPath) else path
    if isinstance(value, str):
        return "/" not in str.__str__(value) and "\\" not in str.__str__(value)
    if isinstance(value, bytes):
        return b"/" not in value and b"\\" not in value
    return True


#: Relative names only: no '/' or '\\', so nothing outside the temporary directory is read.
path_text = hostile_text.filter(lambda text: "/" not in text and "\\" not in text)


SUBCOMMANDS: Final = (
    "split",
    "price-for-net",
    "budget",
    "check",
    "check-message",
    "search",
    "faq",
    "channels",
    "accounts",
    "split-csv",
    "export",
)


@attrs.frozen
class Run:
    """What one in-process run of the command line did."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Parse stdout as JSON."""
        return json.loads(self.out)


def program(
    *argv: str | bytes, env: dict[str, str] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m fiverr_support_kb`` with *argv* (bytes are passed as they are)."""
    return subprocess.run(
        [sys.executable, "-m", "fiverr_support_kb", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def run_cli(argv: Sequence[str], *, stdin: bytes = b"", encoding: str = "utf-8") -> Run:
    """Run ``main(argv)`` with stdin, stdout and stderr as byte streams in *encoding*.

    The streams encode strictly, like a terminal's: a lone surrogate or a character the
    encoding lacks cannot be written as it is.
    """
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding=encoding, errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding=encoding, errors="strict", write_through=True)
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", newline="")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
            out.flush()
            err.flush()
    finally:
        sys.stdin = saved
    return Run(code, out_bytes.getvalue().decode(encoding), err_bytes.getvalue().decode(encoding))


def assert_clean_exit(result: Run, command: str) -> None:
    """Exit 0, or 2 with exactly one line on stderr; never a traceback or an internal error."""
    assert result.code in {0, 2}, result
    assert "Traceback" not in result.err
    assert "internal error" not in result.err
    if result.code == 2:
        assert result.err.endswith("\n"), result
        assert result.err.count("\n") == 1, result.err
        assert result.err.startswith("fiverr-kb"), result.err
        if command != "split-csv":  # split-csv may have written good rows before a bad one
            assert result.out == "", result
    elif command not in {"split-csv", "--version"}:
        assert result.err == "", result


def load_bytes(raw: bytes, name: str = "kb.json") -> tuple[KnowledgeBase | None, Path]:
    """Write *raw* to a file and load it: the knowledge base, or KnowledgeBaseError naming it."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(raw)
        kb, exc = check(lambda: load_kb(path), (KnowledgeBaseError,))
    if exc is not None:
        assert isinstance(exc, KnowledgeBaseError)
        assert str(path) in str(exc), str(exc)[:300]
        assert exc.source == str(path)
        assert exc.problems
    assert default_kb() is DEFAULT_KB
    assert isinstance(kb, KnowledgeBase) or kb is None
    return kb, path


def assert_valid_kb(kb: KnowledgeBase) -> None:
    """*kb* is a knowledge base the loader's validation accepts, and it can be used."""
    assert (
        kb_problems(
            company=kb.company,
            channels=kb.channels,
            faq=kb.faq,
            official_accounts=kb.official_accounts,
        )
        == []
    )
    assert len({entry.id for entry in kb.faq}) == len(kb.faq)
    for entry in kb.faq:
        assert kb.faq_entry(entry.id) is entry
    hash(kb)
    assert kb == copy.deepcopy(kb)


def json_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path to a value inside a JSON document, the root included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*path, index))


def value_at(document: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def text_paths(value: Any) -> list[tuple[str | int, ...]]:
    """The paths of the texts shown to people (not ids, addresses or kinds) in a document."""
    shown = {"hu", "en", "name", "headquarters", "staff_badge"}
    return [
        path
        for path in json_paths(value)
        if path and isinstance(value_at(value, path), str) and path[-1] in shown
    ]


HOSTILE_TEXTS: Final = (
    "\x1b[2J\x1b]0;owned\x07",
    "line one\nline two\r\n",
    "\u202eevil\u202c",
    "\x85\u2028\u2029",
    "\ud800",
    "\x00\x7f\x9b",
)
