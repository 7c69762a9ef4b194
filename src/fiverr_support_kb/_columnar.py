"""The columnar engine of :func:`~fiverr_support_kb.exports.split_csv`, on Apache Arrow.

Installed with the ``columnar`` extra (``pip install 'fiverr-support-kb[columnar]'``, which
brings ``pyarrow``). :func:`split_csv` calls :func:`split_columnar` first unless told
``engine="python"``; it either splits the whole file, byte for byte as the Python engine would,
or declines, and the Python engine does the work (and reports any bad row with its line).

How it stays exact and identical:

- Arithmetic is on 64-bit integer cents, never binary floats: a fee is ``cents * p / q`` for
  the rate ``p / q`` (``Decimal.as_integer_ratio``), rounded to a whole cent by integer
  division (of a shifted numerator, or with the remainder), for each of the decimal module's
  eight rounding modes; a schedule whose rates could overflow 64 bits is declined up front.
- Only files the CSV module reads as plain comma-separated fields are taken: no quote
  character and no NUL anywhere (a fast scan checks first). ``csv.writer`` writes such a row
  back exactly as it was read, so each output line is the input line's fields, a comma, the
  five cells and a CRLF, whatever the input's line ends.
- Prices are read as ``Decimal()`` reads them (Arrow's decimal parser accepts or refuses the
  same text); a batch with a price it refuses or out of range, a bad status or a row of the
  wrong width hands the whole file to the Python engine, which reads or reports it (with its
  line number).

Memory stays bounded: the file streams through in blocks (:data:`BLOCK_BYTES`), split by two
worker threads (Arrow's kernels release the GIL), written in order.

Why Arrow rather than Polars or DuckDB (``benchmarks/bench_columnar.py`` runs all three on
the same file): its streaming CSV reader and compute kernels let this module own the batch
loop, so the output is built from the input line's own fields (byte-identical by
construction) and memory stays flat (about 115 MiB at 5,000,000 rows, where a Polars sink and
a DuckDB ``COPY`` peaked at 440 and 600 MiB); its decimal parser reads exactly what
``Decimal()`` reads or refuses, and its 64-bit integer kernels do the cent arithmetic with no
binary float anywhere; and it is one wheel with no query planner to second-guess. In the same
run it was also the fastest of the three (3.7 s against 4.5 s for Polars and 4.7 s for
DuckDB).
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import os
import stat
import threading
import time
import warnings
from typing import IO, TYPE_CHECKING, Any, Final

from fiverr_support_kb._amounts import MAX_CENTS, from_cents, to_cents
from fiverr_support_kb.errors import (
    ColumnarFallbackWarning,
    FiverrSupportKBError,
)
from fiverr_support_kb.ledger import OrderStatus, OrderSummary, parse_status

if TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import Callable, Iterator

    from fiverr_support_kb.schedules import FeeSchedule

__all__ = ["AUTO_MAX_COLUMNS", "AUTO_MIN_BYTES", "BLOCK_BYTES", "Declined", "split_columnar"]

#: With ``engine="auto"``, files smaller than this go to the Python engine (it starts faster).
AUTO_MIN_BYTES: Final = 4 * 1024 * 1024
#: With ``engine="auto"``, files with more columns than this go to the Python engine: Arrow's
#: cost grows with the columns, and about 6 MiB of 256 columns already split faster in Python
#: (1.1x its time; 4.8x at 1,024 columns, 21x at 4,096; 0.6x at 64).
AUTO_MAX_COLUMNS: Final = 128
#: How much of the file Arrow reads and splits at a time.
BLOCK_BYTES: Final = 512 * 1024
#: Threads splitting batches.
_WORKERS: Final = 2
#: Amounts below this many cents ($2,000.00) are written by looking them up.
_TABLE_CENTS: Final = 200_000
_IN_FLIGHT: Final = 3  # batches read but not yet written
#: The columns appended to every row (as ``exports.CSV_COLUMNS``; a test checks).
_COLUMNS: Final = ("buyer_fee", "buyer_total", "seller_fee", "seller_net", "platform_revenue")
_INT64_MAX: Final = 2**63 - 1
_SCAN_BYTES: Final = 16 * 1024 * 1024
_HEADER_BYTES: Final = 1024 * 1024
#: Status codes in the ledger's order; what is neither completed nor cancelled is pending.
_CODES: Final = {status: code for code, status in enumerate(OrderStatus)}
_CANCELLED: Final = OrderStatus.CANCELLED
_COMPLETED: Final = _CODES[OrderStatus.COMPLETED]
_INSTALL: Final = "pip install 'fiverr-support-kb[columnar]'"


class Declined(Exception):  # noqa: N818 - not an error: the Python engine takes over
    """The columnar engine cannot honour the file or an option; the Python engine takes over.

    *quiet* declines are not worth a warning: a small file with ``engine="auto"``, or a header
    the Python engine will report as wrong.
    """

    def __init__(self, reason: str, *, quiet: bool = False) -> None:
        """Record why, and whether to say so."""
        super().__init__(reason)
        self.reason = reason
        self.quiet = quiet


def split_columnar(  # noqa: PLR0913 - the two files and each option of split_csv
    source: object,
    target: object,
    *,
    engine: str,
    price_column: str,
    status_column: str | None,
    schedule: FeeSchedule,
    rounding: str,
    as_json: bool,
    progress: IO[str] | None,
    loose: Callable[[str], str],
) -> tuple[bool, OrderSummary | None]:
    """Split *source* into *target* if this engine can; return ``(done, ledger)``.

    When it cannot, nothing is left behind in *target* and ``(False, None)`` is returned; with
    ``engine="columnar"`` a :class:`~fiverr_support_kb.errors.ColumnarFallbackWarning` says
    why. *schedule* and *rounding* are already checked.
    """
    try:
        plan = _plan(
            source,
            target,
            engine=engine,
            price_column=price_column,
            status_column=status_column,
            schedule=schedule,
            as_json=as_json,
            loose=loose,
        )
        return True, plan.run(rounding, progress)
    except Declined as declined:
        if engine == "columnar" and not declined.quiet:
            warnings.warn(
                f"split-csv: the columnar engine cannot split this file ({declined.reason}); "
                "the Python engine does",
                ColumnarFallbackWarning,
                stacklevel=3,
            )
        return False, None


class _Pools:
    """Arrow's default memory pool, swapped for one that returns memory while splits run.

    Arrow's default (mimalloc) keeps freed blocks: peak RSS half as high again. jemalloc (as
    Arrow configures it, no decay delay) is the leanest; without it, the system's malloc.
    The swap is counted under a lock, so that concurrent splits restore the caller's pool
    exactly once, when the last one ends.
    """

    __slots__ = ("_lock", "_saved", "_users")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved: Any = None

    @contextlib.contextmanager
    def returning(self, pa: Any) -> Iterator[None]:
        """Use the returning pool as Arrow's default inside the block."""
        with self._lock:
            if not self._users:
                self._saved = pa.default_memory_pool()
                try:
                    pa.set_memory_pool(pa.jemalloc_memory_pool())
                except NotImplementedError:
                    pa.set_memory_pool(pa.system_memory_pool())
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if not self._users:
                    pa.set_memory_pool(self._saved)
                    self._saved = None


_POOLS: Final = _Pools()


def _path(value: object, what: str) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise Declined(f"the {what} is an open file, not a path")
    path = os.fspath(value)
    if not isinstance(path, str) or path == "-":
        raise Declined(f"the {what} is a stream, not a file")
    return path


def _plan(  # noqa: PLR0913 - as split_columnar
    source: object,
    target: object,
    *,
    engine: str,
    price_column: str,
    status_column: str | None,
    schedule: FeeSchedule,
    as_json: bool,
    loose: Callable[[str], str],
) -> _Plan:
    """Check every reason to decline that needs no reading of rows; return what to run."""
    if as_json:
        raise Declined("it writes CSV only, not JSON Lines")
    path = _path(source, "input")
    out = _path(target, "output")
    try:
        info = os.stat(path)  # noqa: PTH116 - str paths throughout
    except (OSError, ValueError):
        raise Declined("the input cannot be read", quiet=True) from None
    if not stat.S_ISREG(info.st_mode):
        raise Declined("the input is not a regular file")
    # Output that cannot be taken back (a pipe, a device) would get rows twice if a batch
    # sent the file to the Python engine half-way.
    with contextlib.suppress(OSError, ValueError):
        if not stat.S_ISREG(os.stat(out).st_mode):  # noqa: PTH116 - str paths throughout
            raise Declined("the output is not a regular file")
    if engine == "auto" and info.st_size < AUTO_MIN_BYTES:
        raise Declined("a small file", quiet=True)
    rates = [tier.rate for tier in schedule.buyer_fee] + [schedule.seller_rate]
    ratios = [rate.as_integer_ratio() for rate in rates]
    if any(2 * p * MAX_CENTS + q > _INT64_MAX for p, q in ratios):  # see _Splitter.fee
        raise Declined("a fee rate too fine for 64-bit integer cents")
    try:
        import pyarrow as pa  # noqa: F401, PLC0415 - the optional engine, only when used
    except ImportError:
        raise Declined(f"pyarrow is not installed: {_INSTALL}", quiet=engine == "auto") from None
    header, start = _scan(path)
    if engine == "auto" and len(header) > AUTO_MAX_COLUMNS:
        raise Declined(f"more than {AUTO_MAX_COLUMNS} columns", quiet=True)
    price_index, status_index = _columns(header, price_column, status_column, loose)
    return _Plan(
        source=path,
        target=out,
        header=header,
        start=start,
        price_index=price_index,
        status_index=status_index,
        schedule=schedule,
    )


def _scan(path: str) -> tuple[list[str], int]:
    """Check the file is plain CSV; return its header's fields and where the rows start.

    Lines may end in CRLF, LF or a lone CR: Arrow's reader and the ``csv`` module split
    records alike on each, and both skip blank lines.
    """
    with open(path, "rb") as handle:  # noqa: PTH123 - a str path
        while chunk := handle.read(_SCAN_BYTES):
            if b'"' in chunk or b"\0" in chunk:
                raise Declined("quoted fields or NUL characters")
        handle.seek(0)
        head = handle.read(_HEADER_BYTES)
    first = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while head[first : first + 1] in {b"\r", b"\n"}:  # blank lines before the header
        first += 1
    ends = [end for end in (head.find(b"\r", first), head.find(b"\n", first)) if end >= 0]
    if not ends and len(head) == _HEADER_BYTES:
        raise Declined("a header line longer than 1 MiB", quiet=True)
    last = min(ends, default=len(head))
    start = last + (2 if head[last : last + 2] == b"\r\n" else 1)
    try:
        text = head[first:last].decode("utf-8")
    except UnicodeDecodeError:
        raise Declined("the header is not UTF-8", quiet=True) from None
    if first == len(head):
        raise Declined("an empty file", quiet=True)
    return text.split(","), min(start, len(head))


def _columns(
    header: list[str], price_column: str, status_column: str | None, loose: Callable[[str], str]
) -> tuple[int, int | None]:
    """Find the price and status columns as the Python engine would, or decline.

    The Python engine also matches a column by *loose*, its way of comparing names (case,
    spaces, ``_`` and ``-`` aside): a header with such a near match is left to it.
    """
    wanted = status_column or "status"
    exact = {price_column, wanted}
    near = {loose(price_column), loose(wanted)}
    if any(loose(name) in near and name not in exact for name in header):
        raise Declined("the header", quiet=True)
    if header.count(price_column) != 1 or header.count(wanted) > 1:
        raise Declined("the header", quiet=True)
    if status_column is not None and wanted not in header:
        raise Declined("the header", quiet=True)
    if any(name in header for name in _COLUMNS):
        raise Declined("the header", quiet=True)
    return header.index(price_column), header.index(wanted) if wanted in header else None


class _Plan:
    """One file to split: where it is, its columns and the schedule."""

    def __init__(  # noqa: PLR0913 - the checked facts of one run
        self,
        *,
        source: str,
        target: str,
        header: list[str],
        start: int,
        price_index: int,
        status_index: int | None,
        schedule: FeeSchedule,
    ) -> None:
        self.source = source
        self.target = target
        self.header = header
        self.start = start
        self.price_index = price_index
        self.status_index = status_index
        self.schedule = schedule

    def run(self, rounding: str, progress: IO[str] | None) -> OrderSummary | None:
        """Split every row into the target; decline (removing the target) if a batch is odd.

        Two threads split batches (Arrow's kernels release the GIL) while this one reads the
        next and writes the last, in order; at most :data:`_IN_FLIGHT` batches are held.
        """
        import concurrent.futures  # noqa: PLC0415 - imports logging: only for a large file

        import pyarrow as pa  # noqa: PLC0415 - optional

        totals = _Totals()
        splitter = _Splitter(self.schedule, rounding, self)
        shown = _Shown(progress)
        try:
            sink = open(self.target, "wb")  # noqa: PTH123, SIM115 - a str path, closed below
        except (OSError, ValueError):
            raise Declined("the output cannot be written", quiet=True) from None  # says why
        done = False
        try:
            with (
                _POOLS.returning(pa),
                sink,
                concurrent.futures.ThreadPoolExecutor(_WORKERS) as workers,
            ):
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\r\n").writerow([*self.header, *_COLUMNS])
                sink.write(buffer.getvalue().encode("utf-8"))
                pending: collections.deque[concurrent.futures.Future[_Done]] = collections.deque()
                rows = 0

                def finish_one() -> None:
                    nonlocal rows
                    lines, tally, count = pending.popleft().result()
                    sink.write(lines)
                    totals.merge(tally)
                    rows += count
                    shown.update(rows)

                for batch in self._batches():
                    pending.append(workers.submit(splitter.split, batch))
                    if len(pending) >= _IN_FLIGHT:
                        finish_one()
                while pending:
                    finish_one()
            shown.close()
            done = True
        except (pa.ArrowException, OverflowError) as exc:
            raise Declined(" ".join(str(exc).split())[:200]) from None
        finally:
            if not done:  # a regular file (_plan checked): the Python engine writes it anew
                with contextlib.suppress(OSError):
                    os.unlink(self.target)  # noqa: PTH108 - a str path
        return None if self.status_index is None else totals.summary()

    def _batches(self) -> Iterator[Any]:
        import pyarrow as pa  # noqa: PLC0415 - optional

        names = [f"f{index}" for index in range(len(self.header))]
        # Arrow's own file, not a Python one: no copies of each block through Python bytes.
        with pa.OSFile(self.source, "rb") as handle:
            handle.seek(self.start)
            if not handle.read(1):
                return  # a header and no rows
            handle.seek(self.start)
            try:
                reader = self._reader(handle, names)
            except pa.ArrowInvalid as exc:
                if "Empty CSV file" in str(exc):  # only blank lines after the header
                    return
                raise
            yield from reader

    @staticmethod
    def _reader(handle: Any, names: list[str]) -> Any:
        import pyarrow as pa  # noqa: PLC0415 - optional
        import pyarrow.csv as pa_csv  # noqa: PLC0415 - optional

        return pa_csv.open_csv(
            handle,
            read_options=pa_csv.ReadOptions(
                column_names=names, block_size=BLOCK_BYTES, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(
                quote_char=False,
                double_quote=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=True,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )


#: What splitting a batch gives: its output lines, its ledger tally, its number of rows.
_Done = tuple[memoryview, "_Tally | None", int]
#: Counts by status code, then completed gross, buyer fees and seller fees, and pending gross.
_Tally = tuple[list[int], int, int, int, int]


class _Splitter:
    """Turns a batch of rows into its output lines and ledger tally, in integer cents."""

    def __init__(self, schedule: FeeSchedule, rounding: str, plan: _Plan) -> None:
        import pyarrow as pa  # noqa: PLC0415 - optional

        self.width = len(plan.header)
        self.price_index = plan.price_index
        self.status_index = plan.status_index
        self.rounding = rounding
        tiers = schedule.buyer_fee
        self.bounds = [to_cents(tier.max_price) for tier in tiers if tier.max_price is not None]
        self.tiers = [(tier.rate.as_integer_ratio(), to_cents(tier.flat)) for tier in tiers]
        self.seller = schedule.seller_rate.as_integer_ratio()
        # The cents of an amount, with what follows the amount in its line.
        self.cents_then_comma = pa.array([f".{cents:02d}," for cents in range(100)])
        self.cents_then_end = pa.array([f".{cents:02d}\r\n" for cents in range(100)])
        self.hundred = pa.scalar(100, pa.decimal128(3, 0))
        # Every amount below _TABLE_CENTS written out, followed by the same: one take() then
        # writes a column of amounts (larger ones are written digit by digit).
        every = pa.array(range(_TABLE_CENTS), pa.int64())
        self.then_comma = self.written(every, self.cents_then_comma)
        self.then_end = self.written(every, self.cents_then_end)

    def split(self, batch: Any) -> _Done:
        """Return the UTF-8 output lines of *batch* (each ending in CRLF) and its tally."""
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        cents = self.price_cents(batch.column(self.price_index))
        buyer_fee = self.buyer_fee(cents)
        seller_fee = self.fee(cents, self.seller)
        tally = None
        buyer_total = pc.add(cents, buyer_fee)
        seller_net = pc.subtract(cents, seller_fee)
        if self.status_index is not None:
            statuses = batch.column(self.status_index)
            tally = _tally(statuses, cents, buyer_fee, seller_fee)
            cancelled = _cancelled(statuses)
            if cancelled is not None:  # cancelled orders carry no fees and no net: all 0.00
                buyer_fee, buyer_total, seller_fee, seller_net = (
                    pc.if_else(cancelled, 0, amount)
                    for amount in (buyer_fee, buyer_total, seller_fee, seller_net)
                )
        amounts = (
            buyer_fee,
            buyer_total,
            seller_fee,
            seller_net,
            pc.add(buyer_fee, seller_fee),
        )
        pieces: list[Any] = []
        for index in range(self.width):
            pieces += (batch.column(index), ",")
        # The buyer's total is the largest amount of a row (every rate is below 1).
        looked_up = len(cents) and pc.max(amounts[1]).as_py() < _TABLE_CENTS
        for number, amount in enumerate(amounts):
            last = number == len(amounts) - 1
            if looked_up:
                pieces.append(pc.take(self.then_end if last else self.then_comma, amount))
            else:
                pieces.append(
                    self.written(amount, self.cents_then_end if last else self.cents_then_comma)
                )
        joined = pc.binary_join_element_wise(*pieces, "")
        if not len(joined):
            return memoryview(b""), tally, 0
        _, offsets, data = joined.buffers()[:3]
        ends = memoryview(offsets).cast("i")
        return (
            memoryview(data)[ends[joined.offset] : ends[joined.offset + len(joined)]],
            tally,
            len(joined),
        )

    @staticmethod
    def written(amounts: Any, tails: Any) -> Any:
        """Return non-negative *amounts* of cents as text (``"12.30"``), each with its tail."""
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        units = pc.divide(amounts, 100)
        rest = pc.subtract(amounts, pc.multiply(units, 100))
        return pc.binary_join_element_wise(pc.cast(units, "string"), pc.take(tails, rest), "")

    def price_cents(self, prices: Any) -> Any:
        """Return the prices as cents, or decline if one is not a whole-cent amount in range.

        Arrow reads a decimal exactly as ``Decimal()`` does, or refuses it (a fraction of a
        cent, spaces, NaN, other digits); refused or out of range, the Python engine decides.
        """
        import pyarrow as pa  # noqa: PLC0415 - optional
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        try:
            amounts = pc.cast(prices, pa.decimal128(14, 2))
        except pa.ArrowInvalid:
            raise Declined("a price that is not digits with up to two decimals") from None
        cents = pc.cast(pc.multiply(amounts, self.hundred), pa.int64())
        low, high = pc.min_max(cents).values()
        if len(prices) and not 0 < low.as_py() <= high.as_py() <= MAX_CENTS:
            raise Declined("a price of zero or less, or above the maximum")
        return cents

    def buyer_fee(self, cents: Any) -> Any:
        """Return the buyer's fee of each price, in cents, from its tier."""
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        fees = [self.tier_fee(cents, ratio, flat) for ratio, flat in self.tiers]
        fee = fees[-1]
        for bound, tier_fee in zip(reversed(self.bounds), reversed(fees[:-1]), strict=True):
            fee = pc.if_else(pc.less_equal(cents, bound), tier_fee, fee)
        return fee

    def tier_fee(self, cents: Any, ratio: tuple[int, int], flat: int) -> Any:
        """Return one tier's fee: its rounded percentage plus its flat fee."""
        import pyarrow as pa  # noqa: PLC0415 - optional
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        if not ratio[0]:
            return pc.add(pc.multiply(cents, 0), pa.scalar(flat, pa.int64()))
        fee = self.fee(cents, ratio)
        return pc.add(fee, flat) if flat else fee

    def fee(self, cents: Any, ratio: tuple[int, int]) -> Any:
        """Return ``cents * p / q`` rounded to whole cents in this rounding mode."""
        import pyarrow as pa  # noqa: PLC0415 - optional
        import pyarrow.compute as pc  # noqa: PLC0415 - optional

        p, q = ratio
        exact = pc.multiply_checked(cents, p)
        if q == 1:
            return exact
        # Non-negative operands: integer division truncates, which is the floor. Most modes
        # are one floor of a shifted numerator (_plan keeps 2 * exact + q within 64 bits).
        shifted = _SHIFTED.get(self.rounding)
        if shifted is not None:
            numerator, denominator = shifted(pc, exact, q)
            return pc.divide(numerator, denominator)
        down = pc.divide(exact, q)
        rest = pc.subtract(exact, pc.multiply(down, q))
        up = _ROUND_UP[self.rounding](pc, down, rest, q)
        return pc.add(down, pc.cast(up, pa.int64()))


def _half(pc: Any, rest: Any, q: int) -> Any:
    return pc.subtract(pc.multiply(rest, 2), q)  # sign of (remainder - q/2)


def _twice(pc: Any, exact: Any, q: int, shift: int) -> tuple[Any, int]:
    """``(2 * exact + shift, 2 * q)``, or for an even *q* the same fraction halved."""
    if q % 2 == 0:
        return pc.add(exact, shift // 2), q
    return pc.add(pc.multiply(exact, 2), shift), 2 * q


#: For the modes that need no remainder: the numerator and denominator whose floor is the
#: fee in cents, for a fee of ``exact / q`` cents (``exact`` and ``q`` positive).
_SHIFTED: Final[dict[str, Callable[[Any, Any, int], tuple[Any, int]]]] = {
    "ROUND_DOWN": lambda pc, exact, q: (exact, q),  # noqa: ARG005 - one signature for all
    "ROUND_FLOOR": lambda pc, exact, q: (exact, q),  # noqa: ARG005
    "ROUND_UP": lambda pc, exact, q: (pc.add(exact, q - 1), q),
    "ROUND_CEILING": lambda pc, exact, q: (pc.add(exact, q - 1), q),
    # floor(x + 1/2), and for half down the largest integer below x + 1/2.
    "ROUND_HALF_UP": lambda pc, exact, q: _twice(pc, exact, q, q),
    "ROUND_HALF_DOWN": lambda pc, exact, q: (
        _twice(pc, exact, q, q - 1) if q % 2 else (pc.add(exact, q // 2 - 1), q)
    ),
}

#: For the other modes: whether to round the floor of a positive fee up a cent.
_ROUND_UP: Final[dict[str, Callable[[Any, Any, Any, int], Any]]] = {
    "ROUND_HALF_EVEN": lambda pc, down, rest, q: pc.or_(
        pc.greater(_half(pc, rest, q), 0),
        pc.and_(pc.equal(_half(pc, rest, q), 0), pc.equal(pc.bit_wise_and(down, 1), 1)),
    ),
    "ROUND_05UP": lambda pc, down, rest, q: pc.and_(  # noqa: ARG005
        pc.greater(rest, 0),
        pc.equal(pc.subtract(down, pc.multiply(pc.divide(down, 5), 5)), 0),
    ),
}


def _cancelled(statuses: Any) -> Any:
    """Return which rows of a batch are cancelled orders, or ``None`` if none is.

    Called after :func:`_tally`, which declines a batch with a status no order has.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional
    import pyarrow.compute as pc  # noqa: PLC0415 - optional

    encoded = pc.dictionary_encode(statuses)
    flags = [parse_status(text) is _CANCELLED for text in encoded.dictionary.to_pylist()]
    if not any(flags):
        return None
    return pc.take(pa.array(flags, pa.bool_()), encoded.indices)


def _tally(statuses: Any, cents: Any, buyer_fee: Any, seller_fee: Any) -> _Tally:
    """Count a batch's rows by status and total their amounts; decline on a bad status."""
    import pyarrow as pa  # noqa: PLC0415 - optional
    import pyarrow.compute as pc  # noqa: PLC0415 - optional

    encoded = pc.dictionary_encode(statuses)
    try:
        table = [_CODES[parse_status(text)] for text in encoded.dictionary.to_pylist()]
    except FiverrSupportKBError:
        raise Declined("an unknown order status") from None
    grouped = (
        pa.table({"s": encoded.indices, "c": cents, "b": buyer_fee, "f": seller_fee})
        .group_by("s")
        .aggregate([("c", "count"), ("c", "sum"), ("b", "sum"), ("f", "sum")])
    )
    counts = [0] * len(_CODES)
    gross = buyer_fees = seller_fees = pending = 0
    for spelling, count, prices, buyers, sellers in zip(
        *(grouped[name].to_pylist() for name in ("s", "c_count", "c_sum", "b_sum", "f_sum")),
        strict=True,
    ):
        code = table[spelling]
        counts[code] += count
        if code == _COMPLETED:
            gross, buyer_fees, seller_fees = (
                gross + prices,
                buyer_fees + buyers,
                seller_fees + sellers,
            )
        elif code < _COMPLETED:
            pending += prices
    return counts, gross, buyer_fees, seller_fees, pending


class _Totals:
    """The ledger of the rows so far, in integer cents."""

    def __init__(self) -> None:
        self.counts = [0] * len(_CODES)
        self.gross = self.buyer_fees = self.seller_fees = self.pending = 0

    def merge(self, tally: _Tally | None) -> None:
        """Add a batch's tally."""
        if tally is None:
            return
        counts, gross, buyer_fees, seller_fees, pending = tally
        self.counts = [mine + theirs for mine, theirs in zip(self.counts, counts, strict=True)]
        self.gross += gross
        self.buyer_fees += buyer_fees
        self.seller_fees += seller_fees
        self.pending += pending

    def summary(self) -> OrderSummary:
        """The ledger as the Python engine's :class:`OrderSummary`."""
        return OrderSummary(
            counts={status: self.counts[code] for status, code in _CODES.items()},
            gross_completed=from_cents(self.gross),
            buyer_fee_total=from_cents(self.buyer_fees),
            seller_fee_total=from_cents(self.seller_fees),
            seller_net_total=from_cents(self.gross - self.seller_fees),
            pending_gross=from_cents(self.pending),
        )


class _Shown:
    """A progress line of rows done, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.last = 0.0
        self.drawn = 0

    def update(self, rows: int) -> None:
        now = time.monotonic()
        if self.stream is None or now - self.last < 0.1:
            return
        self.last = now
        text = f"\rsplit-csv: {rows:,} rows (columnar)"
        self.stream.write(text.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(text)

    def close(self) -> None:
        if self.stream is not None and self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
