r"""Order exports: split every row of a CSV export, streaming, with the ledger of its orders.

:func:`split_csv` reads a UTF-8 CSV file with a header row and a price column, and writes it
again with five columns appended (:data:`CSV_COLUMNS`), each row split exactly as
:func:`~fiverr_support_kb.compute_order_split` splits it (a cancelled row carries no fees and
no net: its five cells are ``0.00``); with a status column it also returns the ledger
(:class:`~fiverr_support_kb.OrderSummary`) of the rows. The command line's ``split-csv`` is
this function. Memory stays flat whatever the file's length, and bounded whatever its lines:
a line, record or field longer than its limit (:data:`MAX_LINE_CHARS`,
:data:`MAX_RECORD_CHARS`, :data:`MAX_FIELD_CHARS`) is refused before it is held whole.

Exports come as spreadsheets write them: the separator is sniffed (``,``, ``;`` or a tab),
headers are matched ignoring case, surrounding spaces and ``_``/``-``/space differences, and
:func:`parse_amount` reads ``$1,250.00`` or ``1.250,00`` when asked.

>>> import io, sys
>>> summary = split_csv(io.StringIO("id,price,status\r\n1,50,completed\r\n"), sys.stdout)
id,price,status,buyer_fee,buyer_total,seller_fee,seller_net,platform_revenue
1,50,completed,2.50,52.50,10.00,40.00,12.50
>>> summary.seller_net_total
Decimal('40.00')
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import functools
import itertools
import json
import os
import re
import stat
import sys
import tempfile
import time
import unicodedata
import warnings
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Final

import attrs

from fiverr_support_kb._amounts import check_amount, operators_exact, plain, rounding_mode
from fiverr_support_kb.errors import (
    ArgumentTypeError,
    ColumnarFallbackWarning,
    ExportError,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidArgumentError,
    InvalidOrderStatusError,
    describe_type,
)
from fiverr_support_kb.errors import show_value as _show
from fiverr_support_kb.ledger import (
    BY_DATE,
    Ledger,
    OrderStatus,
    OrderSummary,
    clears_on,
    parse_status,
)
from fiverr_support_kb.schedules import (
    DEFAULT_SCHEDULE,
    FeeHistory,
    FeeSchedule,
    check_day,
    fee_history,
    fees_with_operators,
    resolve_schedule,
)

if TYPE_CHECKING:
    from _csv import Reader
    from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "CSV_COLUMNS",
    "DATE_FORMS",
    "DELIMITERS",
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "MAX_RECORD_CHARS",
    "NUMBER_FORMATS",
    "parse_amount",
    "split_csv",
]

#: The columns :func:`split_csv` appends to every row.
CSV_COLUMNS: Final = ("buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue")
#: The separators sniffed, in the order tried: the first whose header has the price column.
DELIMITERS: Final = (",", ";", "\t")
#: The number formats :func:`parse_amount` reads.
NUMBER_FORMATS: Final = ("plain", "dot", "comma")
#: The longest line read, in characters (line end included): 1 MiB of text.
MAX_LINE_CHARS: Final = 1_048_576
#: The longest record (a row, quoted line breaks included), in characters.
MAX_RECORD_CHARS: Final = 1_048_576
#: The longest field, in characters (the csv module's default limit).
MAX_FIELD_CHARS: Final = 131_072
#: The engines :func:`split_csv` can run: ``"auto"`` picks the columnar one for a large file.
ENGINES: Final = ("auto", "python", "columnar")
#: At most this many distinct status cells are remembered by a run.
_STATUS_CELLS: Final = 256
#: At most this many distinct price cells have their split kept.
_MEMO_SIZE: Final = 4096
#: The hot loop keeps splits while at least one row in this many finds its price kept (a
#: price seen before); below that, keeping them costs more than it saves.
_MEMO_HIT_SHARE: Final = 5
#: Below that share, this many rows are split without the memo before it is tried again.
_MEMO_REST: Final = 65_536
#: Escapes for the line breaks JSON leaves raw, so one JSON object stays on one line for
#: every reader, str.splitlines() included.
_LINE_BREAKS: Final = MappingProxyType({ord(ch): f"\\u{ord(ch):04x}" for ch in "\x85\u2028\u2029"})
_NO_FEES: Final = ("0.00", "0.00", "0.00", "0.00", "0.00")
_CANCELLED: Final = OrderStatus.CANCELLED
_COMPLETED: Final = OrderStatus.COMPLETED
#: Default header names (matched loosely) of the optional columns.
_DATE_NAMES: Final = ("date", "order date", "ordered on", "created at")
_COMPLETED_NAMES: Final = ("completed on", "completed at", "completion date", "completed")


def _bad_row(source: str, line: int, message: str) -> ExportError:
    return ExportError(f"{source} line {line}: {message}", source=source, line=line)


def _bad_file(source: str, message: str) -> ExportError:
    return ExportError(f"{source}: {message}", source=source)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


# --- amounts as spreadsheets write them -------------------------------------------------------

#: The currency marks read before or after an amount (any letter case).
_CURRENCY: Final = ("US$", "USD", "$")
#: Longer text is no amount (1,000,000,000.00 USD has 20 characters): refused before any regex.
_MAX_AMOUNT_TEXT: Final = 64
_DOT_NUMBER: Final = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]*))?")
_COMMA_NUMBER: Final = re.compile(
    r"([0-9]{1,3}(?P<sep>[. \u00a0\u202f'])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)(?:,([0-9]*))?"
)


def parse_amount(text: str, *, number_format: str = "plain", what: str = "price") -> Decimal:
    """Read an amount as an export writes it, in one of :data:`NUMBER_FORMATS`.

    - ``"plain"``: exactly as :func:`~fiverr_support_kb.compute_order_split` reads a price
      (``19.99``, ``20``, ``1.5e3``; a dot, no thousands separator, no currency).
    - ``"dot"``: a decimal dot, ``,`` between thousands, and ``$``, ``US$`` or ``USD`` before
      or after (``$1,250.00``, ``1250.5 USD``).
    - ``"comma"``: a decimal comma, and ``.``, a space, a no-break space or ``'`` between
      thousands, and the same currency marks (``1.250,00``, ``12,50 $``, ``1 250``).

    Thousands separators must group the digits by three; ASCII digits only.

    >>> parse_amount("$1,250.00", number_format="dot"), parse_amount("12,50", number_format="comma")
    (Decimal('1250.00'), Decimal('12.50'))

    Raises:
        InvalidAmountError: *text* is not an amount in that format; the message says why.
        FeeTypeError: *text* is not a ``str`` or the format is unknown.
    """
    if not isinstance(text, str):
        raise FeeTypeError(f"{what} must be a str, not {type(text).__name__}")
    if number_format == "plain":
        return check_amount(text, what)
    _check_option(number_format, "number_format", NUMBER_FORMATS)
    cell = plain(text).strip()
    sign = cell[:1] if cell[:1] in {"+", "-"} else ""
    bare = _without_currency(cell[len(sign) :].strip())
    pattern = _DOT_NUMBER if number_format == "dot" else _COMMA_NUMBER
    found = pattern.fullmatch(bare) if len(bare) <= _MAX_AMOUNT_TEXT else None
    if found is None:
        example = "1,250.00 or $50.00" if number_format == "dot" else "1.250,00 or 12,50"
        raise InvalidAmountError(
            f"{what} {_show(text)} is not an amount in the {number_format!r} number format "
            f"(such as {example})"
        )
    digits = re.sub(r"[^0-9]", "", found.group(1))
    return check_amount(f"{sign}{digits}.{found.groups()[-1] or '0'}", what)


def _without_currency(text: str) -> str:
    """*text* without one currency mark before or after it (and the spaces beside it)."""
    for mark in _CURRENCY:
        if text[: len(mark)].upper() == mark:
            return text[len(mark) :].lstrip()
        if text[-len(mark) :].upper() == mark:
            return text[: -len(mark)].rstrip()
    return text


# --- dates ----------------------------------------------------------------------------------

_TIME: Final = r"(?:[T ]\s*[0-9]{1,2}:[0-9:.+\-Z ]*(?:[AaPp][Mm])?\s*(?:UTC)?)?"
#: Year first, with one separator throughout: 2024-03-05, 2024/03/05, 2024.03.05., 2024. 03. 05.
_YEAR_FIRST: Final = re.compile(
    r"([0-9]{4})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})\.?" + _TIME
)
#: An English month name: Mar 5, 2024 / March 5 2024 / 5 Mar 2024 / 5 March, 2024.
_MONTH_FIRST: Final = re.compile(r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4}),?" + _TIME)
_DAY_FIRST: Final = re.compile(r"([0-9]{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+([0-9]{4}),?" + _TIME)
_MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MAX_DATE_TEXT: Final = 64
#: The date forms read without --date-format, as the error message lists them.
DATE_FORMS: Final = "YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD., Mar 5, 2024 or 5 March 2024"


def _month(name: str) -> int:
    wanted = name.lower()
    for number, month in enumerate(_MONTHS, 1):
        if len(wanted) >= 3 and month.startswith(wanted):
            return number
    raise ValueError(f"unknown month {name!r}")


def _parse_day(cell: str, date_format: str | None) -> date:
    """Read a date cell in one of :data:`DATE_FORMS` (a time after it ignored), or *date_format*.

    Only unambiguous forms are read by default: the year first, or the month by its English
    name. ``05/03/2024`` is March or May depending on the country: give a *date_format*.
    """
    text = cell.strip()
    if len(text) > _MAX_DATE_TEXT:  # no date is that long: refused before any regex
        raise ValueError(f"expected {DATE_FORMS}")
    if date_format is not None:
        return datetime.strptime(text, date_format).date()  # noqa: DTZ007 - a day, no zone
    found = _YEAR_FIRST.fullmatch(text)
    if found is not None:
        return date(int(found.group(1)), int(found.group(3)), int(found.group(4)))
    found = _MONTH_FIRST.fullmatch(text)
    if found is not None:
        return date(int(found.group(3)), _month(found.group(1)), int(found.group(2)))
    found = _DAY_FIRST.fullmatch(text)
    if found is not None:
        return date(int(found.group(3)), _month(found.group(2)), int(found.group(1)))
    raise ValueError(f"expected {DATE_FORMS}")


# --- reading, bounded -----------------------------------------------------------------------


class _Lines:
    """The lines of a text file, each refused before it passes :data:`MAX_LINE_CHARS`.

    Also counts the characters of the record being read, refusing one longer than
    :data:`MAX_RECORD_CHARS`; the reader sets :attr:`record` to 0 after each record.
    """

    __slots__ = ("_lines", "lines", "record", "source")

    def __init__(self, handle: IO[str], source: str) -> None:
        self.source = source
        self.lines = 0
        self.record = 0
        read: Callable[[], str]
        if _is_real_file(handle):
            read = functools.partial(handle.readline, MAX_LINE_CHARS + 1)
        else:  # an in-memory text stream: read it as its own iterator does
            read = functools.partial(next, iter(handle), "")
        self._lines = self._generate(read)

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def _generate(self, read: Callable[[], str]) -> Iterator[str]:
        line_limit, record_limit = MAX_LINE_CHARS, MAX_RECORD_CHARS
        while line := read():
            self.lines += 1
            size = len(line)
            if size > line_limit:
                raise self._too_long("line", line_limit)
            self.record += size
            if self.record > record_limit:
                raise self._too_long("record", record_limit)
            yield line

    def _too_long(self, what: str, limit: int) -> ExportError:
        message = f"the {what} is longer than the limit of {limit} characters"
        return _bad_row(self.source, self.lines, message)


def _is_real_file(handle: IO[str]) -> bool:
    try:
        handle.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _csv_error(exc: csv.Error) -> str:
    text = _reason(exc)
    if "field larger than field limit" in text:
        return f"a field is longer than the limit of {MAX_FIELD_CHARS} characters"
    return text


@contextlib.contextmanager
def _csv_input(path: str) -> Iterator[tuple[IO[str], str]]:
    """Open the input for the csv module: UTF-8 (a BOM is skipped), newlines untranslated."""
    if path == "-":
        stdin = sys.stdin
        if stdin is None:
            raise _bad_file("<stdin>", "there is no standard input")
        try:
            fd = stdin.fileno()
        except (AttributeError, OSError, ValueError):  # replaced by a file-like object
            yield stdin, "<stdin>"
            return
        with open(fd, encoding="utf-8-sig", newline="", closefd=False) as handle:
            yield handle, "<stdin>"
        return
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: PTH123, SIM115 - closed below
        if stat.S_ISDIR(os.fstat(handle.fileno()).st_mode):
            handle.close()
            raise IsADirectoryError(21, "Is a directory")
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot read it: {_reason(exc)}") from None
    with handle:
        yield handle, repr(path)


# --- writing, atomically --------------------------------------------------------------------


def _umask() -> int:
    """The process's umask, read without changing it (Linux), else the usual 022."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,  # noqa: PTH123 - a str path
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


@contextlib.contextmanager
def _csv_output(path: str) -> Iterator[IO[str]]:
    """Open the output as UTF-8: a regular file is replaced only once the run succeeded.

    The rows go to a temporary file in the target's directory, which is flushed to disk and
    renamed over the target at the end; on any error, Ctrl-C or signal the temporary file is
    removed and the target is left as it was. A symbolic link stays a link: the file it points
    to is replaced. A device or a pipe (``/dev/null``, a FIFO) is written directly, and so is
    a path naming an open descriptor (``/dev/stdout``, ``/dev/fd/3``): through that
    descriptor, where it is, whatever it is open on (see :func:`_descriptor_output`).
    """
    if path == "-":
        stdout = sys.stdout
        if stdout is None:  # python started with descriptor 1 closed (`>&-`)
            raise _bad_file("<stdout>", "there is no standard output (it is closed)")
        try:
            fd = stdout.fileno()
        except (AttributeError, OSError, ValueError):  # replaced by a file-like object
            yield stdout
            return
        stdout.flush()
        with open(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
            yield handle
        return
    descriptor = _descriptor_of(path)
    if descriptor is not None:
        yield from _descriptor_output(path, descriptor)
        return
    real = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(real)  # noqa: PTH116 - a str path
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot write it: {_reason(exc)}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        yield from _direct_output(path, info)
        return
    if info is not None and not os.access(real, os.W_OK):  # as opening it for writing would
        raise _bad_file(repr(path), "cannot write it: Permission denied")
    with (
        _replacing(path, real, info) as (fd, _),
        open(fd, "w", encoding="utf-8", newline="") as handle,  # noqa: PTH123 - a descriptor
    ):
        yield handle


@contextlib.contextmanager
def _replacing(path: str, real: str, info: os.stat_result | None) -> Iterator[tuple[int, str]]:
    """Give a temporary file beside *real*: its descriptor (the caller's to close) and path.

    When the block ends normally the file is flushed to disk and renamed over *real*, keeping
    *real*'s permissions (a new file gets the umask's); on any error, Ctrl-C or signal it is
    removed and *real* is left as it was. Both engines write through it.
    """
    folder, name = os.path.split(real)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder or ".")
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot write it: {_reason(exc)}") from None
    done = False
    try:
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
            os.fchmod(fd, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
        yield fd, temporary
        synced = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(synced)
        finally:
            os.close(synced)
        os.replace(temporary, real)  # noqa: PTH105 - str paths
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # noqa: PTH108 - a str path
    _sync_folder(folder or ".")


def _direct_output(path: str, info: os.stat_result) -> Iterator[IO[str]]:
    if stat.S_ISDIR(info.st_mode):
        raise _bad_file(repr(path), "cannot write it: Is a directory")
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: PTH123, SIM115 - closed below
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot write it: {_reason(exc)}") from None
    with handle:
        yield handle


#: A path naming an open descriptor of this process: /dev/stdout, /dev/fd/3, /proc/self/fd/3.
_DESCRIPTOR_PATH: Final = re.compile(
    r"/dev/std(?P<std>in|out|err)|/dev/fd/(?P<fd>[0-9]+)"
    r"|/proc/(?P<pid>self|thread-self|[0-9]+)/fd/(?P<proc>[0-9]+)"
)
_STANDARD: Final = MappingProxyType({"in": 0, "out": 1, "err": 2})
#: How many symbolic links are followed to find such a path (the kernel's own limit).
_MAX_LINKS: Final = 40


def _descriptor_of(path: str) -> int | None:
    """The descriptor of this process that *path* names, or ``None`` if it names none.

    ``-1`` for a descriptor of another process (``/proc/123/fd/1``), which cannot be written.

    ``/dev/stdout`` resolves to whatever descriptor 1 is open on: a regular file after
    ``>> log.csv`` (replacing it would lose what it held, and opening it with ``"w"`` would
    truncate it) or a pipe, which has no path at all. A symbolic link to such a path names
    the same descriptor.
    """
    if os.name != "posix":
        return None
    name = os.path.abspath(path)  # noqa: PTH100 - a str path
    for _ in range(_MAX_LINKS):
        found = _DESCRIPTOR_PATH.fullmatch(name)
        if found is not None:
            if found["std"]:
                return _STANDARD[found["std"]]
            pid = found["pid"]
            if pid is not None and pid.isdigit() and int(pid) != os.getpid():
                return -1  # another process's: resolving it would replace its file too
            return int(found["fd"] or found["proc"])
        try:
            link = os.readlink(name)  # noqa: PTH115 - a str path
        except (OSError, ValueError):
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(name), link))  # noqa: PTH118, PTH120 - str paths
    return None


def _descriptor_output(path: str, descriptor: int) -> Iterator[IO[str]]:
    """Write through an open *descriptor* (a duplicate of it), from where it is.

    Never reopened by its path: the file it is open on is neither replaced nor truncated, an
    appending descriptor (``>> log.csv``) still appends, and a pipe gets the rows.
    """
    for stream in (sys.stdout, sys.stderr):  # text already buffered for it goes first
        with contextlib.suppress(AttributeError, OSError, ValueError):
            if stream.fileno() == descriptor:
                stream.flush()
    if descriptor < 0:
        raise _bad_file(repr(path), "cannot write it: it is another process's open file")
    try:
        copy = os.dup(descriptor)
    except OSError:
        closed = {1: "standard output is closed", 2: "standard error is closed"}
        reason = closed.get(descriptor, f"descriptor {descriptor} is not open")
        raise _bad_file(repr(path), f"cannot write it: {reason}") from None
    mode = os.O_WRONLY
    with contextlib.suppress(ImportError, OSError):
        import fcntl  # noqa: PLC0415 - POSIX only

        mode = fcntl.fcntl(copy, fcntl.F_GETFL) & os.O_ACCMODE
    if mode == os.O_RDONLY:
        os.close(copy)
        raise _bad_file(repr(path), "cannot write it: it is open for reading only")
    with open(copy, "w", encoding="utf-8", newline="") as handle:  # noqa: PTH123 - a descriptor
        yield handle


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk (best effort: not every system can open a directory)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)  # noqa: PTH121 - str paths
    except (OSError, ValueError):
        return False


class _Progress:
    """Rows done (and a bar, for a file of known size), redrawn at most ten times a second."""

    __slots__ = ("_drawn", "_last", "_size", "_stream", "_tell")

    def __init__(self, stream: IO[str], handle: IO[str]) -> None:
        self._stream = stream
        self._last = 0.0
        self._drawn = 0
        self._size = 0
        self._tell: Callable[[], int] | None = None
        buffer = getattr(handle, "buffer", None)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            info = os.fstat(handle.fileno())
            if buffer is not None and stat.S_ISREG(info.st_mode) and info.st_size:
                self._size, self._tell = info.st_size, buffer.tell

    def update(self, rows: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        counted = f"{rows:,} row" if rows == 1 else f"{rows:,} rows"
        text = f"\rsplit-csv: {counted}"
        if self._tell is not None:
            with contextlib.suppress(OSError, ValueError):
                done = min(self._tell() / self._size, 1.0)
                text = f"\r[{'#' * round(done * 30):<30}] {done:4.0%}  {counted}"
        self._stream.write(text.ljust(self._drawn))
        self._stream.flush()
        self._drawn = len(text)

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()


# --- the job --------------------------------------------------------------------------------

#: A price cell's split, as split-csv keeps it: price, buyer fee, seller fee, appended cells.
_Cells = tuple[Decimal, Decimal, Decimal, tuple[str, str, str, str, str]]

#: Sums of cents are exact: a lost cent would raise (Inexact), never be printed.
EXACT: Final = decimal.Context(
    prec=60, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow]
)


class _RowError(Exception):
    """A bad row: its line and what is wrong with it."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@attrs.frozen(kw_only=True)
class _Options:
    """The options of a run, as :func:`split_csv` takes them."""

    price_column: str
    status_column: str | None
    date_column: str | None
    completed_column: str | None
    schedule: FeeSchedule | None  # None: by date
    history: FeeHistory | None
    rounding: str
    as_json: bool
    number_format: str
    date_format: str | None
    as_of: date | None
    top_rated: bool


def _loose(name: str) -> str:
    """A header name as matched: case folded, ``_``/``-`` as spaces, spaces collapsed.

    Only spaces: a tab or another separator inside a cell is part of the name, so that a
    header split at the wrong separator never matches (a tab then a space is no space).
    """
    words = unicodedata.normalize("NFC", name).replace("_", " ").replace("-", " ").split(" ")
    return " ".join(word for word in words if word).casefold()


def _column(header: list[str], name: str, source: str) -> int | None:
    """The index of the column *name*: exactly, else ignoring case, spaces, ``_`` and ``-``."""
    count = header.count(name)
    if count > 1:
        raise _bad_file(source, f"the header has {count} columns named {name!r}")
    if count:
        return header.index(name)
    wanted = _loose(name)
    matches = [index for index, cell in enumerate(header) if _loose(cell) == wanted]
    if len(matches) > 1:
        shown = ", ".join(repr(header[index]) for index in matches)
        raise _bad_file(source, f"the header has {len(matches)} columns matching {name!r}: {shown}")
    return matches[0] if matches else None


def _optional_column(
    header: list[str], given: str | None, defaults: tuple[str, ...], source: str, what: str
) -> tuple[int | None, str]:
    if given is not None:
        index = _column(header, given, source)
        if index is None:
            raise _bad_file(source, f"no {given!r} column ({what})")
        return index, given
    for name in defaults:
        index = _column(header, name, source)
        if index is not None:
            return index, header[index]
    return None, defaults[0]


@attrs.frozen(kw_only=True)
class _CsvJob:
    """What ``split-csv`` needs to know to turn input rows into output rows and orders."""

    source: str
    width: int
    price_index: int
    price_column: str
    status_index: int | None
    status_column: str
    date_index: int | None
    date_column: str
    completed_index: int | None
    completed_column: str
    options: _Options
    #: The splits of the price cells seen, by schedule name (the run's own working memory).
    memos: dict[str, dict[str, _Cells]] = attrs.field(init=False, factory=dict, eq=False)
    #: The schedules of the date cells seen (the run's own working memory).
    days: dict[str, FeeSchedule] = attrs.field(init=False, factory=dict, eq=False)

    @classmethod
    def from_header(cls, header: list[str], source: str, options: _Options) -> _CsvJob:
        """Find the columns in *header*, or raise if it lacks one or has a clash."""
        price_column = options.price_column
        price_index = _column(header, price_column, source)
        if price_index is None:
            raise _bad_file(
                source,
                f"no {price_column!r} column; the header has: {', '.join(map(repr, header))}",
            )
        status_index, status_column = _optional_column(
            header, options.status_column, ("status",), source, "the order status"
        )
        by_date = options.schedule is None
        date_index, date_column = None, options.date_column or _DATE_NAMES[0]
        if by_date:  # only looked for when needed: an unused column may be ambiguous
            date_index, date_column = _optional_column(
                header, options.date_column, _DATE_NAMES, source, "the order date"
            )
        if by_date and date_index is None:
            raise _bad_file(
                source,
                f"no {date_column!r} column, which --schedule by-date needs "
                "(name it with --date-column)",
            )
        completed_index, completed_column = None, options.completed_column or _COMPLETED_NAMES[0]
        if options.as_of is not None:
            completed_index, completed_column = _optional_column(
                header, options.completed_column, _COMPLETED_NAMES, source, "the completion date"
            )
        if options.as_of is not None and completed_index is None:
            raise _bad_file(
                source, f"no {completed_column!r} column, which clearance (--as-of) needs"
            )
        clash = [name for name in CSV_COLUMNS if name in header]
        if clash:
            raise _bad_file(source, f"already has the column(s) {', '.join(map(repr, clash))}")
        if options.as_json and len(set(header)) != len(header):
            twice = sorted({name for name in header if header.count(name) > 1})
            raise _bad_file(
                source,
                f"has duplicate column names ({', '.join(map(repr, twice))}), which JSON objects "
                "cannot hold; give each column its own name, or write CSV",
            )
        return cls(
            source=source,
            width=len(header),
            price_index=price_index,
            price_column=price_column,
            status_index=status_index,
            status_column=status_column,
            date_index=date_index,
            date_column=date_column,
            completed_index=completed_index,
            completed_column=completed_column,
            options=options,
        )

    def run(
        self,
        records: Iterable[tuple[int, list[str]]],
        write_row: Callable[[list[str]], object],
        reject: Callable[[int, str, list[str]], object] | None,
        progress: _Progress | None,
    ) -> OrderSummary | None:
        """Split and write every row; return the ledger when the file has a status column."""
        ledger = None if self.status_index is None else Ledger(as_of=self.options.as_of)
        with decimal.localcontext(EXACT):
            if self.options.schedule is not None and self.completed_index is None:
                self._run_one_schedule(records, write_row, reject, progress, ledger)
            else:
                for count, (line, row) in enumerate(records, 1):
                    if not count & 0x3FF:
                        self._checkpoint(count, progress)
                    try:
                        self._row(line, row, write_row, ledger)
                    except _RowError as exc:
                        self._set_aside(exc, row, reject)
            self._checkpoint(0, None)
        return None if ledger is None else ledger.summary()

    def _set_aside(
        self,
        exc: _RowError,
        row: list[str],
        reject: Callable[[int, str, list[str]], object] | None,
    ) -> None:
        """Stop at the bad *row*, or write it to the rejects; skip it if all its fields are empty.

        A row of empty fields only (``;;``, as spreadsheets end a sheet) holds no order, as a
        blank line does. Every such row fails (its price is empty), so it is looked at here,
        at no cost to the rows that split.
        """
        if not any(row):
            return
        if reject is None:
            raise _bad_row(self.source, exc.line, exc.reason) from None
        reject(exc.line, exc.reason, row)

    def _checkpoint(self, count: int, progress: _Progress | None) -> None:
        """Show the rows read so far (every 1,024); stop if the decimal context was changed.

        Every row is split inside ``decimal.localcontext(EXACT)``, where the plain operators
        are exact. Code a caller's file object runs (its ``write()``, its ``read()``) could
        change that context: the rows split since can no longer be trusted, so the run
        stops, once every 1,024 rows and at the end, rather than go on writing them.
        """
        if progress is not None:
            progress.update(count)
        if not operators_exact():
            raise _bad_file(
                self.source,
                "the decimal context was changed while the file was split (by code the source "
                "or target file object ran); the rows split since cannot be trusted: split the "
                "file again without changing it",
            )

    def _run_one_schedule(  # noqa: C901, PLR0912 - the hot loop, inlined on purpose (docstring)
        self,
        records: Iterable[tuple[int, list[str]]],
        write_row: Callable[[list[str]], object],
        reject: Callable[[int, str, list[str]], object] | None,
        progress: _Progress | None,
        ledger: Ledger | None,
    ) -> None:
        """The hot loop for one schedule and no clearance: what :meth:`_row` does, inlined.

        One dict lookup per row for a price seen before (exports repeat the same gig prices),
        else one split; no OrderSplit object is built per row. Each time the memo fills, it
        is emptied; when fewer than one row in :data:`_MEMO_HIT_SHARE` found its price there
        since it was last emptied (every price distinct), the next :data:`_MEMO_REST` rows
        are split without it. The output is the same either way.
        """
        schedule = self.options.schedule
        memo = self._memo(schedule)
        emptied = 0  # the count of the last row before the memo was last emptied
        rest_until = 0  # rows up to this count are split without the memo
        split_cell = self._split_cell
        checked_status, price_index = self._checked_status, self.price_index
        width, status_index = self.width, self.status_index
        statuses: dict[str, OrderStatus] = {}  # exports repeat a handful of status cells
        add = None if ledger is None else ledger.add
        checkpoint = self._checkpoint
        for count, (line, row) in enumerate(records, 1):
            if not count & 0x3FF:
                checkpoint(count, progress)
            try:
                if len(row) != width:
                    checked_status(line, row)  # raises, naming the line
                status = None
                if status_index is not None:
                    text = row[status_index]
                    status = statuses.get(text)
                    if status is None:
                        status = checked_status(line, row)
                        if status is not None and len(statuses) < _STATUS_CELLS:
                            statuses[text] = status
                cell = row[price_index]
                if count <= rest_until:
                    found = split_cell(line, cell, schedule)
                elif (kept := memo.get(cell)) is not None:
                    found = kept
                else:
                    found = split_cell(line, cell, schedule)
                    if len(memo) < _MEMO_SIZE:
                        memo[cell] = found
                    else:
                        # Each entry was a miss: the other rows since it was emptied hit
                        # (or were rejected, which counts for the memo too: speed only).
                        rows = count - 1 - emptied
                        memo.clear()
                        if (rows - _MEMO_SIZE) * _MEMO_HIT_SHARE < rows:
                            rest_until = emptied = count + _MEMO_REST
                        else:
                            memo[cell] = found
                            emptied = count - 1
            except _RowError as exc:
                self._set_aside(exc, row, reject)
                continue
            row.extend(_NO_FEES if status is _CANCELLED else found[3])
            write_row(row)
            if add is not None and status is not None:
                add(status, found[0], found[1], found[2])

    def _row(
        self,
        line: int,
        row: list[str],
        write_row: Callable[[list[str]], object],
        ledger: Ledger | None,
    ) -> None:
        status = self._checked_status(line, row)
        schedule = self.options.schedule
        if schedule is None and status is not _CANCELLED:
            schedule = self._schedule_of(line, row)
        price, buyer_fee, seller_fee, cells = self._split(line, row[self.price_index], schedule)
        clears = None
        if self.completed_index is not None and status is _COMPLETED:
            clears = self._clears_on(line, row[self.completed_index])
        if status is _CANCELLED:
            cells = _NO_FEES
        out = [*row, *cells]
        write_row(out)
        if ledger is not None and status is not None:
            ledger.add(status, price, buyer_fee, seller_fee, clears_on=clears)

    def _checked_status(self, line: int, row: list[str]) -> OrderStatus | None:
        """The row's status (``None`` without a status column), once its width is checked."""
        if len(row) != self.width:
            fields = "1 field" if self.width == 1 else f"{self.width} fields"
            raise _RowError(line, f"expected {fields} like the header, got {len(row)}")
        index = self.status_index
        if index is None:
            return None
        try:
            return parse_status(row[index])
        except InvalidOrderStatusError:
            raise self._bad_status(line, row[index]) from None

    def _schedule_of(self, line: int, row: list[str]) -> FeeSchedule:
        index = self.date_index
        assert index is not None  # noqa: S101 - by date, from_header found the column
        cell = row[index]
        found = self.days.get(cell)  # exports repeat their dates
        if found is not None:
            return found
        day = self._day(line, cell, self.date_column)
        history = self.options.history or fee_history()
        try:
            schedule = history.schedule_on(day)
        except FiverrSupportKBError as exc:
            raise _RowError(line, _reason(exc)) from None
        if len(self.days) >= _MEMO_SIZE:
            self.days.clear()
        self.days[cell] = schedule
        return schedule

    def _clears_on(self, line: int, cell: str) -> date:
        day = self._day(line, cell, self.completed_column)
        history = self.options.history or fee_history()
        try:
            return clears_on(day, top_rated=self.options.top_rated, history=history)
        except FiverrSupportKBError as exc:  # no rule that day, or a clearance past 9999
            raise _RowError(line, _reason(exc)) from None

    def _day(self, line: int, cell: str, column: str) -> date:
        try:
            return _parse_day(cell, self.options.date_format)
        except ValueError:
            wanted = self.options.date_format or DATE_FORMS
            reason = f"bad {column!r} {_show(cell)}: expected a date as {wanted}"
            raise _RowError(line, reason) from None

    def _split(self, line: int, cell: str, schedule: FeeSchedule | None) -> _Cells:
        memo = self._memo(schedule)
        found = memo.get(cell)
        if found is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[cell] = self._split_cell(line, cell, schedule)
        return found

    def _memo(self, schedule: FeeSchedule | None) -> dict[str, _Cells]:
        key = "" if schedule is None else schedule.name
        memo = self.memos.get(key)
        if memo is None:
            memo = self.memos[key] = {}
        return memo

    def _split_cell(self, line: int, cell: str, schedule: FeeSchedule | None) -> _Cells:
        """The split of a price cell: price, buyer fee, seller fee and the five cells to append.

        The same checks and the same arithmetic as ``compute_order_split`` (its amount gate and
        ``fees_of``, the one definition of the fees, as ``fees_with_operators``: this runs
        inside ``localcontext(EXACT)``), without building an ``OrderSplit``.
        """
        number_format = self.options.number_format
        try:
            if number_format == "plain":
                price = check_amount(cell, "price")
            else:
                price = parse_amount(cell, number_format=number_format)
        except FiverrSupportKBError as exc:
            raise self._bad_price(line, cell, exc) from None
        if schedule is None:  # a cancelled row split by date: no fees, whatever its date
            return price, price - price, price - price, _NO_FEES
        buyer_fee, seller_fee = fees_with_operators(price, schedule, self.options.rounding)
        # Exact: this runs inside `localcontext(EXACT)`. str() of a two-decimal Decimal
        # never uses exponent notation.
        cells = (
            str(buyer_fee),
            str(price + buyer_fee),
            str(seller_fee),
            str(price - seller_fee),
            str(buyer_fee + seller_fee),
        )
        return price, buyer_fee, seller_fee, cells

    def _bad_status(self, line: int, cell: str) -> _RowError:
        accepted = ", ".join(member.value for member in OrderStatus)
        return _RowError(line, f"bad {self.status_column!r} {_show(cell)}; accepted: {accepted}")

    def _bad_price(self, line: int, cell: str, exc: Exception) -> _RowError:
        if not cell.strip():
            return _RowError(line, f"the {self.price_column!r} column is empty")
        reason = f"bad {self.price_column!r} {_show(cell)}: {' '.join(str(exc).split())}"
        if self.options.number_format == "plain":
            # `12,50` or `$1,234.56`: say which number format reads it, and as what.
            readings = []
            for number_format in ("comma", "dot"):
                with contextlib.suppress(FiverrSupportKBError):
                    amount = parse_amount(cell, number_format=number_format)
                    readings.append(f"--number-format {number_format} reads it as {amount}")
            if readings:
                reason += f" ({'; '.join(readings)})"
        return _RowError(line, reason)


def _records(reader: Reader, lines: _Lines, source: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each non-blank record with the line it starts on; broken quoting raises."""
    end = reader.line_num
    try:
        for row in reader:
            line, end = end + 1, reader.line_num
            lines.record = 0
            if row:  # a blank line holds no order
                yield line, row
    except csv.Error as exc:  # raised for the record after the last good one
        raise _bad_row(source, end + 1, _csv_error(exc)) from None


def _not_utf8(source: str, handle: IO[str], exc: UnicodeDecodeError) -> ExportError:
    """Say where the bad byte is: text is decoded in chunks, ahead of the csv reader."""
    where = ""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        # The decoder's input ends where the file position is (a BOM is not part of it).
        offset = handle.buffer.tell() - len(exc.object) + exc.start  # type: ignore[attr-defined]
        where = f" at byte {offset + 1}"
    if exc.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode Text" (and PowerShell's default) is UTF-16, with its byte order mark.
        return _bad_file(
            source,
            'is UTF-16 text, not UTF-8: save it as "CSV UTF-8" (or convert it) and try again',
        )
    return _bad_file(source, f"is not UTF-8 text: {exc.reason}{where}")


def _first_record(lines: Iterator[str], delimiter: str) -> list[str] | None:
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header = next(reader, None)
    while header == []:  # blank lines before the header
        header = next(reader, None)
    if header is not None and header:
        header[0] = header[0].removeprefix("\ufeff")
    return header


def _sniff(lines: _Lines, price_column: str) -> tuple[str, list[str]]:
    """Pick the separator: the first of :data:`DELIMITERS` whose header has the price column.

    Returns it and the lines read to decide, which the real reader reads again first.
    """
    seen: list[str] = []

    def replay() -> Iterator[str]:
        yield from seen
        for line in lines:
            seen.append(line)
            yield line

    for delimiter in DELIMITERS:
        lines.record = 0
        try:
            header = _first_record(replay(), delimiter)
        except csv.Error:
            continue
        if header is not None and _loose_has(header, price_column):
            return delimiter, seen
    return DELIMITERS[0], seen


def _loose_has(header: list[str], name: str) -> bool:
    wanted = _loose(name)
    return name in header or any(_loose(cell) == wanted for cell in header)


def _row_writer(
    sink: IO[str], columns: list[str], *, as_json: bool
) -> Callable[[list[str]], object]:
    if as_json:
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        write = sink.write

        def write_object(row: list[str]) -> object:
            line = dumps(dict(zip(columns, row, strict=True)))
            return write((line if line.isascii() else line.translate(_LINE_BREAKS)) + "\n")

        return write_object
    # RFC 4180 line ends: with "\r\n" as its terminator, the writer also quotes a bare "\r".
    writer = csv.writer(sink, lineterminator="\r\n")
    writer.writerow(columns)
    return writer.writerow


def _open_text(
    source: str | os.PathLike[str] | IO[str],
) -> contextlib.AbstractContextManager[tuple[IO[str], str]]:
    if isinstance(source, (str, os.PathLike)):
        return _csv_input(os.fspath(source))
    return contextlib.nullcontext((source, getattr(source, "name", "<input>")))


def _columnar_refusal(
    *, by_date: bool, delimiter: str | None, number_format: str, rejects: object, as_of: object
) -> str | None:
    """Say which option the columnar engine does not honour, or ``None`` if it honours all."""
    if by_date:
        return "split by date"
    if delimiter not in (None, ","):
        return "read a separator other than ','"
    if number_format != "plain":
        return "read amounts other than plain decimals"
    if rejects is not None:
        return "set bad rows aside"
    if as_of is not None:
        return "tell cleared earnings from pending ones"
    return None


def _split_columnar(  # noqa: PLR0913 - the two files and each option the engine honours
    source: str | os.PathLike[str] | IO[str],
    target: str | os.PathLike[str] | IO[str],
    *,
    engine: str,
    price_column: str,
    status_column: str | None,
    schedule: FeeSchedule | None,
    rounding: str,
    as_json: bool,
    progress: IO[str] | None,
) -> tuple[bool, OrderSummary | None]:
    """Run the columnar engine into a temporary file that replaces *target* only on success.

    The engine writes a path; a user's file is never opened for writing by it: it writes a
    temporary file beside the target, which is flushed, then renamed over the target (as the
    Python engine's output is), and removed if the engine declines or fails.
    """
    from fiverr_support_kb._columnar import split_columnar  # noqa: PLC0415 - optional

    if schedule is None:
        return False, None
    run = functools.partial(
        split_columnar,
        engine=engine,
        price_column=price_column,
        status_column=status_column,
        schedule=schedule,
        rounding=rounding,
        as_json=as_json,
        progress=progress,
        loose=_loose,
    )
    if isinstance(target, (str, os.PathLike)) and _descriptor_of(os.fspath(target)) is not None:
        target = "-"  # /dev/stdout is a stream: never opened by its path
    if not isinstance(target, (str, os.PathLike)) or target == "-":
        return run(source, target)  # declines a stream, saying why
    real = os.path.realpath(os.fspath(target))
    try:
        info: os.stat_result | None = os.stat(real)  # noqa: PTH116 - a str path
    except FileNotFoundError:
        info = None
    except (OSError, ValueError):
        return False, None  # the Python engine says why
    if info is not None and not stat.S_ISREG(info.st_mode):
        return run(source, target)  # declines it, saying why
    if info is not None and not os.access(real, os.W_OK):
        return False, None  # the Python engine says why
    return _columnar_replacing(os.fspath(target), real, info, functools.partial(run, source))


def _columnar_replacing(
    path: str,
    real: str,
    info: os.stat_result | None,
    run: Callable[[str], tuple[bool, OrderSummary | None]],
) -> tuple[bool, OrderSummary | None]:
    """Run the columnar engine into a temporary file that replaces *real* only if it finished."""
    try:
        with _replacing(path, real, info) as (fd, temporary):
            os.close(fd)  # the engine opens the path itself
            return True, _finished(run(temporary))
    except _DeclinedError:  # nothing to keep: the temporary file is removed
        return False, None


def _finished(result: tuple[bool, OrderSummary | None]) -> OrderSummary | None:
    """The ledger of a finished columnar run; raise :class:`_DeclinedError` if it declined."""
    done, summary = result
    if not done:
        raise _DeclinedError
    return summary


class _DeclinedError(Exception):
    """The columnar engine gave the file back to the Python engine."""


def _check_file(what: str, value: object, method: str) -> None:
    """Refuse a *value* that is neither a path nor an open file with *method*."""
    if not isinstance(value, (str, os.PathLike)) and not hasattr(value, method):
        raise ArgumentTypeError(
            f"{what} must be a file name or an open text file, not {describe_type(value)}"
        )


def _check_file_name(path: str) -> None:
    """Refuse a path to write that ends in a separator: it names a folder, never a file.

    ``os.path.realpath`` drops the separator: ``in.csv/`` would replace ``in.csv`` and
    ``new/`` would write a file named ``new``.
    """
    if path.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        raise _bad_file(
            repr(path),
            f"cannot write it: a name ending in {path[-1]!r} names a folder, not a file; "
            f"give the name of a file to write (without {path[-1]!r} at the end)",
        )


def _check_column(what: str, value: object, *, optional: bool) -> None:
    """Refuse a column name that is not text (nor ``None``, when *optional*)."""
    if not isinstance(value, str) and not (optional and value is None):
        raise ArgumentTypeError(f"{what} must be a column name (text), not {describe_type(value)}")


def _open_sink(stack: contextlib.ExitStack, target: str | os.PathLike[str] | IO[str]) -> IO[str]:
    if isinstance(target, (str, os.PathLike)):
        return stack.enter_context(_csv_output(os.fspath(target)))
    return target


def _check_option(value: object, name: str, accepted: tuple[str, ...]) -> None:
    """Refuse an option *value* that is not ``None`` nor one of *accepted*."""
    if value is None:
        return
    shown = ", ".join(repr(option) for option in accepted)
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be one of {shown}, not {describe_type(value)}")
    if value not in accepted:
        raise InvalidArgumentError(f"{name} must be one of {shown}, not {_show(value)}")


def split_csv(  # noqa: PLR0913 - the two files and each option of the split
    source: str | os.PathLike[str] | IO[str],
    target: str | os.PathLike[str] | IO[str],
    *,
    price_column: str = "price",
    status_column: str | None = None,
    schedule: FeeSchedule | str = DEFAULT_SCHEDULE,
    rounding: str = decimal.ROUND_HALF_UP,
    as_json: bool = False,
    progress: IO[str] | None = None,
    delimiter: str | None = None,
    date_column: str | None = None,
    date_format: str | None = None,
    number_format: str = "plain",
    rejects: str | os.PathLike[str] | IO[str] | None = None,
    completed_column: str | None = None,
    as_of: date | str | None = None,
    top_rated: bool = False,
    history: FeeHistory | None = None,
    engine: str = "auto",
) -> OrderSummary | None:
    """Split every row of the CSV export *source* into *target*; return its ledger, if any.

    Args:
        source: A path (``"-"`` for standard input) or an open text file, UTF-8 CSV with a
            header row (a BOM is skipped).
        target: A path (``"-"`` for standard output) or an open text file. A path is written
            to a temporary file beside it (its directory must be writable), flushed to disk and
            renamed over it only when the whole run succeeded; on an exception, including
            ``KeyboardInterrupt``, the temporary file is removed. (The command line also turns
            SIGTERM and SIGHUP into such an exception; an app that wants the same installs its
            own handler.)
        price_column: The header of the price column (matched exactly, else ignoring case,
            surrounding spaces and ``_``/``-``/space differences, as every column is).
        status_column: The header of the order-status column; by default ``status`` if the
            file has one. Statuses are read by :func:`~fiverr_support_kb.ledger.parse_status`.
            Cancelled rows carry no fees and no net (five ``0.00`` cells).
        schedule: As for :func:`~fiverr_support_kb.compute_order_split`, or ``"by-date"``:
            each row by the schedule in force on its date (see *date_column*).
        rounding: As for :func:`~fiverr_support_kb.compute_order_split`.
        as_json: Write JSON Lines (one object per row) instead of CSV.
        progress: A terminal to draw a progress line on, or ``None``.
        delimiter: The separator; by default the first of ``,``, ``;`` and tab whose header
            has the price column.
        date_column: The order-date column for ``"by-date"``; by default ``date`` or
            ``order date``.
        date_format: A :func:`~datetime.datetime.strptime` format of the date cells; by
            default ``YYYY-MM-DD``, a time after it ignored.
        number_format: How amounts are written: one of :data:`NUMBER_FORMATS` (see
            :func:`parse_amount`).
        rejects: Where bad rows go, as CSV (``line``, ``reason``, then the row's fields),
            instead of stopping the run: a path (written like *target*) or an open file.
        completed_column: The completion-date column used with *as_of*; by default
            ``completed on`` or ``completed at``.
        as_of: Tell cleared earnings from pending ones on that day: a ``date`` (a
            ``datetime``'s day) or ``YYYY-MM-DD`` text, as for
            :func:`~fiverr_support_kb.summarize_orders`.
        top_rated: Clear after the Top Rated Sellers' period.
        history: The dated history for ``"by-date"`` and clearance; the packaged one by
            default.
        engine: ``"python"``, ``"columnar"`` (Apache Arrow, with the ``columnar`` extra) or
            ``"auto"``: the columnar engine for a large file (4 MiB or more, at most 128
            columns) when it is installed. Both write
            the same bytes; where the columnar engine cannot honour the file or an option
            (any of *delimiter* other than ``,``, *number_format*, *rejects*, *as_of*, a
            schedule by date, JSON output, a file with a status column), the Python engine
            does the work (with ``"columnar"``, a
            :class:`~fiverr_support_kb.errors.ColumnarFallbackWarning` says why).

    Returns:
        The :class:`~fiverr_support_kb.OrderSummary` of the rows when the file has a status
        column, else ``None``.

    Raises:
        ExportError: the file cannot be read or written, or a row is bad; the message names
            the file and the line (a ``ValueError``). Also when code of the *source* or
            *target* file object changed the active decimal context during the run: the
            rows split since cannot be trusted (checked every 1,024 rows and at the end).
        UnknownFeeScheduleError, InvalidRoundingError, FeeTypeError: as for
            :func:`~fiverr_support_kb.compute_order_split`.
        InvalidDateError, FeeTypeError: *as_of* is not a day (checked before any row is
            read), as for :func:`~fiverr_support_kb.summarize_orders`.
    """
    _check_file("source", source, "read")
    _check_file("target", target, "write")
    _check_column("price_column", price_column, optional=False)
    _check_column("status_column", status_column, optional=True)
    by_date = isinstance(schedule, str) and plain(schedule) == BY_DATE
    chosen = None if by_date else resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    _check_option(delimiter, "delimiter", DELIMITERS)
    _check_option(number_format, "number_format", NUMBER_FORMATS)
    _check_option(engine, "engine", ENGINES)
    day = None if as_of is None else check_day(as_of, "as_of")
    options = _Options(
        price_column=price_column,
        status_column=status_column,
        date_column=date_column,
        completed_column=completed_column,
        schedule=chosen,
        history=history,
        rounding=mode,
        as_json=as_json,
        number_format=number_format,
        date_format=date_format,
        as_of=day,
        top_rated=top_rated,
    )
    _check_outputs(source, target, rejects)
    if engine != "python":
        why = _columnar_refusal(
            by_date=by_date,
            delimiter=delimiter,
            number_format=number_format,
            rejects=rejects,
            as_of=as_of,
        )
        if why is None:
            done, summary = _split_columnar(
                source,
                target,
                engine=engine,
                price_column=price_column,
                status_column=status_column,
                schedule=chosen,
                rounding=mode,
                as_json=as_json,
                progress=progress,
            )
            if done:
                return summary
        elif engine == "columnar":
            warnings.warn(
                f"split-csv: the columnar engine cannot {why}; the Python engine does",
                ColumnarFallbackWarning,
                stacklevel=2,
            )
    with contextlib.ExitStack() as stack:
        handle, name = stack.enter_context(_open_text(source))
        lines = _Lines(handle, name)
        try:
            if delimiter is None:
                delimiter, seen = _sniff(lines, price_column)
            else:
                seen = []
            lines.record = 0
            reader = csv.reader(itertools.chain(seen, lines), delimiter=delimiter, strict=True)
            header = _read_header(reader, name)
            job = _CsvJob.from_header(header, name, options)
            sink = _open_sink(stack, target)
            write_row = _row_writer(sink, [*header, *CSV_COLUMNS], as_json=as_json)
            reject = None
            if rejects is not None:
                reject = _reject_writer(_open_sink(stack, rejects), header)
            bar = None
            if progress is not None:
                bar = _Progress(progress, handle)
                stack.callback(bar.close)
            return job.run(_records(reader, lines, name), write_row, reject, bar)
        except UnicodeDecodeError as exc:
            raise _not_utf8(name, handle, exc) from None


def _check_outputs(
    source: str | os.PathLike[str] | IO[str],
    target: str | os.PathLike[str] | IO[str],
    rejects: str | os.PathLike[str] | IO[str] | None,
) -> None:
    """Refuse an output or rejects file that would lose a file: a folder's name, the input."""
    for written in (target, rejects):
        if isinstance(written, (str, os.PathLike)):
            _check_file_name(os.fspath(written))
    paths = [os.fspath(x) for x in (source, target) if isinstance(x, (str, os.PathLike))]
    if len(paths) == 2 and "-" not in paths and _same_file(*paths):
        raise _bad_file(repr(paths[1]), "is the input file; write to another file")
    _check_rejects(source, target, rejects)
    if rejects is not None and _same_stream(target, rejects):
        name = os.fspath(rejects) if isinstance(rejects, (str, os.PathLike)) else "<rejects>"
        if _stream_of(target) == 1:
            why = "is standard output, where the rows go: the rejects need their own file"
            raise _bad_file(repr(name), f"{why} when the output is stdout")
        raise _bad_file(repr(name), "is where the rows go: the rejects need their own file")


def _stream_of(file: object) -> int | None:
    """The descriptor a target or rejects path writes through (1 for ``-``), or ``None``."""
    if not isinstance(file, (str, os.PathLike)):
        return None
    path = os.fspath(file)
    return 1 if path == "-" else _descriptor_of(path)


def _same_stream(target: object, rejects: object) -> bool:
    """Whether rows and rejects would mix in one stream, or one would lose the other.

    Two names for one descriptor (``-`` and ``/dev/stdout``), or a descriptor open on the
    file the other names (``--rejects - > out.csv`` with ``-o out.csv``, whose replacing
    would lose the rejects). Two paths are told apart by :func:`_check_rejects`; a
    character device (a terminal, ``/dev/null``) may take both.
    """
    if rejects is target:
        return True
    streams = (_stream_of(target), _stream_of(rejects))
    if streams == (None, None):
        return False
    if streams[0] == streams[1]:
        return True
    first, second = _written_stat(target, streams[0]), _written_stat(rejects, streams[1])
    if first is None or second is None or stat.S_ISCHR(first.st_mode):
        return False
    return os.path.samestat(first, second)


def _written_stat(file: object, stream: int | None) -> os.stat_result | None:
    """What *file* (its descriptor *stream*, if any) writes to, or ``None`` if unknown."""
    try:
        if stream is None:
            return os.stat(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else None  # noqa: PTH116 - a str path
        return os.fstat(sys.stdout.fileno() if stream == 1 else stream)
    except (AttributeError, OSError, ValueError):  # no such file, or stdout is no real file
        return None


def _check_rejects(
    source: str | os.PathLike[str] | IO[str],
    target: str | os.PathLike[str] | IO[str],
    rejects: str | os.PathLike[str] | IO[str] | None,
) -> None:
    """Refuse a rejects file that is the input or the output."""
    if not isinstance(rejects, (str, os.PathLike)) or os.fspath(rejects) == "-":
        return
    path = os.fspath(rejects)
    for other, what in ((source, "input"), (target, "output")):
        if isinstance(other, (str, os.PathLike)) and os.fspath(other) != "-":
            other_path = os.fspath(other)
            same = os.path.abspath(other_path) == os.path.abspath(path)  # noqa: PTH100 - str paths
            if same or _same_file(other_path, path):
                raise _bad_file(repr(path), f"is the {what} file; write the rejects elsewhere")


def _reject_writer(sink: IO[str], header: list[str]) -> Callable[[int, str, list[str]], object]:
    writer = csv.writer(sink, lineterminator="\r\n")
    writer.writerow(["line", "reason", *header])

    def reject(line: int, reason: str, row: list[str]) -> object:
        return writer.writerow([str(line), reason, *row])

    return reject


def _read_header(reader: Reader, source: str) -> list[str]:
    try:
        header = next(reader, None)
        while header == []:  # blank lines before the header
            header = next(reader, None)
    except csv.Error as exc:
        raise _bad_row(source, reader.line_num, _csv_error(exc)) from None
    if header is None:
        raise _bad_file(source, "is empty; expected a header row with a price column")
    header[0] = header[0].removeprefix("\ufeff")
    return header
