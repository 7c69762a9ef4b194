r"""Order exports: split every row of a CSV export, streaming, with the ledger of its orders.

:func:`split_csv` reads a UTF-8 CSV file with a header row and a price column, and writes it
again with five columns appended (:data:`CSV_COLUMNS`), each row split exactly as
:func:`~fiverr_support_kb.compute_order_split` splits it; with a status column it also
returns the ledger (:class:`~fiverr_support_kb.OrderSummary`) of the rows. The command line's
``split-csv`` is this function. Memory stays flat whatever the file's length.

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
import json
import os
import stat
import sys
import time
from decimal import Decimal
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Final

import attrs

from fiverr_support_kb._amounts import check_amount, rounding_mode
from fiverr_support_kb.errors import (
    ExportError,
    FiverrSupportKBError,
    InvalidOrderStatusError,
)
from fiverr_support_kb.ledger import Ledger, OrderStatus, OrderSummary, parse_status
from fiverr_support_kb.schedules import DEFAULT_SCHEDULE, FeeSchedule, fees_of, resolve_schedule

if TYPE_CHECKING:
    from _csv import Reader
    from collections.abc import Callable, Iterator

__all__ = ["CSV_COLUMNS", "split_csv"]

#: The columns :func:`split_csv` appends to every row.
CSV_COLUMNS: Final = ("buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue")
#: At most this many distinct price cells have their split kept.
_MEMO_SIZE: Final = 4096
#: Escapes for the line breaks JSON leaves raw, so one JSON object stays on one line for
#: every reader, str.splitlines() included.
_LINE_BREAKS: Final = MappingProxyType({ord(ch): f"\\u{ord(ch):04x}" for ch in "\x85\u2028\u2029"})


def _bad_row(source: str, line: int, message: str) -> ExportError:
    return ExportError(f"{source} line {line}: {message}", source=source, line=line)


def _bad_file(source: str, message: str) -> ExportError:
    return ExportError(f"{source}: {message}", source=source)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


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
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot read it: {_reason(exc)}") from None
    with handle:
        yield handle, repr(path)


@contextlib.contextmanager
def _csv_output(path: str) -> Iterator[IO[str]]:
    """Open the output as UTF-8; a regular file that was not written to the end is removed."""
    if path == "-":
        stdout = sys.stdout
        try:
            fd = stdout.fileno()
        except (AttributeError, OSError, ValueError):  # replaced by a file-like object
            yield stdout
            return
        stdout.flush()
        with open(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
            yield handle
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: PTH123, SIM115 - closed below
        regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
    except (OSError, ValueError) as exc:
        raise _bad_file(repr(path), f"cannot write it: {_reason(exc)}") from None
    complete = False
    try:
        with handle:
            yield handle
        complete = True
    finally:
        if not complete and regular:
            with contextlib.suppress(OSError):
                os.unlink(path)  # noqa: PTH108 - the same str path it was opened with


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
        text = f"\rsplit-csv: {rows:,} rows"
        if self._tell is not None:
            with contextlib.suppress(OSError, ValueError):
                done = min(self._tell() / self._size, 1.0)
                text = f"\r[{'#' * round(done * 30):<30}] {done:4.0%}  {rows:,} rows"
        self._stream.write(text.ljust(self._drawn))
        self._stream.flush()
        self._drawn = len(text)

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()


#: A price cell's split, as split-csv keeps it: price, buyer fee, seller fee, appended cells.
_Cells = tuple[Decimal, Decimal, Decimal, tuple[str, str, str, str, str]]

#: Sums of cents are exact: a lost cent would raise (Inexact), never be printed.
EXACT: Final = decimal.Context(
    prec=60, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow]
)


@attrs.frozen(kw_only=True)
class _CsvJob:
    """What ``split-csv`` needs to know to turn input rows into output rows and orders."""

    source: str
    width: int
    price_index: int
    price_column: str
    status_index: int | None
    status_column: str
    schedule: FeeSchedule
    rounding: str

    @classmethod
    def from_header(  # noqa: PLR0913 - the header and each option that reads it
        cls,
        header: list[str],
        source: str,
        *,
        price_column: str,
        status_column: str | None,
        schedule: FeeSchedule,
        rounding: str,
        as_json: bool,
    ) -> _CsvJob:
        """Find the columns in *header*, or raise if it lacks one or has a clash."""
        wanted_status = status_column
        status_column = status_column or "status"
        price_index = _column(header, price_column, source)
        status_index = _column(header, status_column, source)
        if price_index is None:
            raise _bad_file(
                source,
                f"no {price_column!r} column; the header has: {', '.join(map(repr, header))}",
            )
        if status_index is None and wanted_status is not None:
            raise _bad_file(source, f"no {status_column!r} column")
        clash = [name for name in CSV_COLUMNS if name in header]
        if clash:
            raise _bad_file(source, f"already has the column(s) {', '.join(map(repr, clash))}")
        if as_json and len(set(header)) != len(header):
            raise _bad_file(source, "has duplicate column names, which JSON objects cannot hold")
        return cls(
            source=source,
            width=len(header),
            price_index=price_index,
            price_column=price_column,
            status_index=status_index,
            status_column=status_column,
            schedule=schedule,
            rounding=rounding,
        )

    def run(
        self,
        reader: Reader,
        write_row: Callable[[list[str]], object],
        progress: _Progress | None,
    ) -> OrderSummary | None:
        """Split and write every row; return the ledger when the file has a status column."""
        ledger = None if self.status_index is None else Ledger()
        with decimal.localcontext(EXACT):
            return self._run(reader, write_row, progress, ledger)

    def _run(
        self,
        reader: Reader,
        write_row: Callable[[list[str]], object],
        progress: _Progress | None,
        ledger: Ledger | None,
    ) -> OrderSummary | None:
        # The hot loop: one dict lookup per row for a price seen before (exports repeat the
        # same gig prices), else one split; no OrderSplit object is built per row.
        split_cell = self._splitter()
        memo: dict[str, _Cells] = {}
        price_index, status_index = self.price_index, self.status_index
        for count, (line, row) in enumerate(self._records(reader), 1):
            status = None
            if status_index is not None:
                try:
                    status = parse_status(row[status_index])
                except InvalidOrderStatusError:
                    raise self._bad_status(line, row[status_index]) from None
            cell = row[price_index]
            found = memo.get(cell)
            if found is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                found = memo[cell] = split_cell(line, cell)
            row.extend(found[3])
            write_row(row)
            if ledger is not None and status is not None:
                ledger.add(status, found[0], found[1], found[2])
            if progress is not None and not count & 0x3FF:
                progress.update(count)
        return None if ledger is None else ledger.summary()

    def _splitter(self) -> Callable[[int, str], _Cells]:
        """The split of a price cell: price, buyer fee, seller fee and the five cells to append.

        The same checks and the same arithmetic as ``compute_order_split`` (its amount gate and
        ``fees_of``, the one place fees are computed), without building an ``OrderSplit``.
        """
        amount = check_amount
        schedule = self.schedule
        rounding = rounding_mode(self.rounding)  # checked once, not per row

        def split_cell(line: int, cell: str) -> _Cells:
            try:
                price = amount(cell, "price")
            except FiverrSupportKBError as exc:
                raise self._bad_price(line, cell, exc) from None
            buyer_fee, seller_fee = fees_of(price, schedule, rounding)
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

        return split_cell

    def _records(self, reader: Reader) -> Iterator[tuple[int, list[str]]]:
        """Yield each non-blank record with the line it starts on; a malformed one raises."""
        width = self.width
        end = reader.line_num
        try:
            for row in reader:
                line, end = end + 1, reader.line_num
                if len(row) == width:
                    yield line, row
                elif row:  # a blank line holds no order
                    raise self._bad(
                        line, f"expected {width} fields like the header, got {len(row)}"
                    )
        except csv.Error as exc:  # raised for the record after the last good one
            raise self._bad(end + 1, _reason(exc)) from None

    def _bad(self, line: int, message: str) -> ExportError:
        return _bad_row(self.source, line, message)

    def _bad_status(self, line: int, cell: str) -> ExportError:
        accepted = ", ".join(member.value for member in OrderStatus)
        return self._bad(line, f"bad {self.status_column!r} {cell!r}; accepted: {accepted}")

    def _bad_price(self, line: int, cell: str, exc: Exception) -> ExportError:
        if not cell.strip():
            return self._bad(line, f"the {self.price_column!r} column is empty")
        return self._bad(line, f"bad {self.price_column!r} {cell!r}: {' '.join(str(exc).split())}")


def _column(header: list[str], name: str, source: str) -> int | None:
    count = header.count(name)
    if count > 1:
        raise _bad_file(source, f"the header has {count} columns named {name!r}")
    return header.index(name) if count else None


def _not_utf8(source: str, handle: IO[str], exc: UnicodeDecodeError) -> ExportError:
    """Say where the bad byte is: text is decoded in chunks, ahead of the csv reader."""
    where = ""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        # The decoder's input ends where the file position is (a BOM is not part of it).
        offset = handle.buffer.tell() - len(exc.object) + exc.start  # type: ignore[attr-defined]
        where = f" at byte {offset + 1}"
    return _bad_file(source, f"is not UTF-8 text: {exc.reason}{where}")


def _read_header(reader: Reader, source: str) -> list[str]:
    try:
        header = next(reader, None)
        while header == []:  # blank lines before the header
            header = next(reader, None)
    except csv.Error as exc:
        raise _bad_row(source, reader.line_num, _reason(exc)) from None
    if header is None:
        raise _bad_file(source, "is empty; expected a header row with a price column")
    header[0] = header[0].removeprefix("\ufeff")
    return header


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
    engine: str = "auto",
) -> OrderSummary | None:
    """Split every row of the CSV export *source* into *target*; return its ledger, if any.

    Args:
        source: A path (``"-"`` for standard input) or an open text file, UTF-8 CSV with a
            header row (a BOM is skipped).
        target: A path (``"-"`` for standard output) or an open text file.
        price_column: The header of the price column.
        status_column: The header of the order-status column; by default ``status`` if the
            file has one. Statuses are read by :func:`~fiverr_support_kb.ledger.parse_status`.
        schedule: As for :func:`~fiverr_support_kb.compute_order_split`.
        rounding: As for :func:`~fiverr_support_kb.compute_order_split`.
        as_json: Write JSON Lines (one object per row) instead of CSV.
        progress: A terminal to draw a progress line on, or ``None``.
        engine: ``"python"``, ``"columnar"`` (Apache Arrow, with the ``columnar`` extra) or
            ``"auto"``: the columnar engine for a large file when it is installed. Both write
            the same bytes; where the columnar engine cannot honour the file or an option,
            the Python engine does the work (with ``"columnar"``, a
            :class:`~fiverr_support_kb.errors.ColumnarFallbackWarning` says why).

    Returns:
        The :class:`~fiverr_support_kb.OrderSummary` of the rows when the file has a status
        column, else ``None``.

    Raises:
        ExportError: the file cannot be read or written, or a row is bad; the message names
            the file and the line (a ``ValueError``).
        UnknownFeeScheduleError, InvalidRoundingError, FeeTypeError: as for
            :func:`~fiverr_support_kb.compute_order_split`.
    """
    chosen = resolve_schedule(schedule)
    mode = rounding_mode(rounding)
    paths = [os.fspath(x) for x in (source, target) if isinstance(x, (str, os.PathLike))]
    if len(paths) == 2 and "-" not in paths and _same_file(*paths):
        raise _bad_file(repr(paths[1]), "is the input file; write to another file")
    # The columnar engine (fiverr_support_kb._columnar), if it can. It is given every option
    # that changes the output: an option it is not given must keep the file here.
    if engine != "python":
        from fiverr_support_kb._columnar import split_columnar  # noqa: PLC0415 - optional

        done, summary = split_columnar(
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
    with contextlib.ExitStack() as stack:
        handle, name = stack.enter_context(_open_text(source))
        reader = csv.reader(handle, strict=True)
        try:
            header = _read_header(reader, name)
            job = _CsvJob.from_header(
                header,
                name,
                price_column=price_column,
                status_column=status_column,
                schedule=chosen,
                rounding=rounding,
                as_json=as_json,
            )
            if isinstance(target, (str, os.PathLike)):
                sink = stack.enter_context(_csv_output(os.fspath(target)))
            else:
                sink = target
            write_row = _row_writer(sink, [*header, *CSV_COLUMNS], as_json=as_json)
            bar = None
            if progress is not None:
                bar = _Progress(progress, handle)
                stack.callback(bar.close)
            return job.run(reader, write_row, bar)
        except UnicodeDecodeError as exc:
            raise _not_utf8(name, handle, exc) from None
