"""Order exports as they come: separators, headers, number formats, dates, rejects, safe files."""

from __future__ import annotations

import csv
import decimal
import io
import os
import stat
import unicodedata
import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fiverr_support_kb import OrderSummary, compute_order_split, exports
from fiverr_support_kb.errors import (
    ColumnarFallbackWarning,
    ExportError,
    FeeTypeError,
    InvalidAmountError,
    InvalidArgumentError,
    InvalidDateError,
)
from fiverr_support_kb.exports import (
    CSV_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_LINE_CHARS,
    parse_amount,
    split_csv,
)

if TYPE_CHECKING:
    from pathlib import Path

NO_FEES: Final = ["0.00"] * len(CSV_COLUMNS)


def cells(price: str, **options: str) -> list[str]:
    """The five cells split-csv appends for *price*, from the library."""
    split = compute_order_split(price, **options)
    return [str(getattr(split, name)) for name in CSV_COLUMNS]


def run(text: str, **options: Any) -> tuple[list[list[str]], OrderSummary | None]:
    """Split *text* in memory; return the output rows and the ledger."""
    out = io.StringIO()
    summary = split_csv(io.StringIO(text), out, **options)
    rows = [line.split("\x1f") for line in out.getvalue().replace(",", "\x1f").splitlines()]
    return rows, summary


def rows_of(path: Path) -> list[str]:
    """The lines of a written file."""
    return path.read_text(encoding="utf-8").splitlines()


# --- amounts as exports write them ------------------------------------------------------------


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    return separator.join(groups)


@st.composite
def written_amounts(draw: st.DrawFn) -> tuple[Decimal, str, str]:
    """An amount, a number format, and the amount written in that format some way."""
    cents = draw(st.integers(1, 100_000_000_000))
    amount = Decimal(cents).scaleb(-2)
    whole, fraction = f"{amount:f}".split(".")
    number_format = draw(st.sampled_from(["plain", "dot", "comma"]))
    if fraction == "00" and draw(st.booleans()):
        fraction = ""
    if number_format == "plain":
        return amount, number_format, f"{whole}.{fraction}" if fraction else whole
    separators = [",", ""] if number_format == "dot" else [".", " ", "\u00a0", "'", ""]
    grouped = _grouped(whole, draw(st.sampled_from(separators)))
    point = "." if number_format == "dot" else ","
    number = f"{grouped}{point}{fraction}" if fraction else grouped
    currency = draw(st.sampled_from(["", "$", "US$", "USD", "usd"]))
    if currency and draw(st.booleans()):
        number = f"{number}{draw(st.sampled_from(['', ' ']))}{currency}"
    elif currency:
        number = f"{currency}{draw(st.sampled_from(['', ' ']))}{number}"
    return amount, number_format, f"{draw(st.sampled_from(['', ' ']))}{number}"


@given(case=written_amounts())
def test_any_supported_writing_of_a_number_reads_as_the_same_decimal(
    case: tuple[Decimal, str, str],
) -> None:
    """Thousands separators, decimal commas and currency marks never change the amount."""
    amount, number_format, text = case
    read = parse_amount(text, number_format=number_format)
    assert read == amount
    assert read.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "number_format"),
    [
        ("1,25.00", "dot"),  # thousands groups of three
        ("12,50", "dot"),
        ("12.50", "comma"),  # a dot is a thousands separator there
        ("1.250.00", "comma"),
        ("1 250.000,00", "comma"),  # mixed separators
        ("€5", "dot"),
        ("$", "dot"),
        ("", "comma"),
        ("\u0665", "comma"),  # a non-ASCII digit is refused
        ("$1,250.00", "plain"),  # plain is what split reads
    ],
)
def test_amounts_not_in_the_format_are_refused(text: str, number_format: str) -> None:
    """What is not the asked format is an InvalidAmountError, not a guess."""
    with pytest.raises(InvalidAmountError):
        parse_amount(text, number_format=number_format)


def test_amount_rules_still_apply_after_reading() -> None:
    """A read amount must still be positive whole cents."""
    with pytest.raises(InvalidAmountError, match="fraction of a cent"):
        parse_amount("1,005", number_format="comma")
    with pytest.raises(InvalidAmountError, match="not positive"):
        parse_amount("-$5.00", number_format="dot")
    with pytest.raises(InvalidArgumentError, match="number_format"):
        parse_amount("5", number_format="euro")


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("12,50", "(--number-format comma reads it as 12.50)"),
        ("$1,234.56", "(--number-format dot reads it as 1234.56)"),
        (
            "1,000",
            "(--number-format comma reads it as 1.00; --number-format dot reads it as 1000.00)",
        ),
    ],
)
def test_a_bad_price_says_which_number_format_reads_it(cell: str, hint: str) -> None:
    """A price the plain format refuses names the number format that reads it, and as what."""
    with pytest.raises(ExportError) as info:
        run(f'price\n"{cell}"\n')
    assert str(info.value).endswith(hint)
    with pytest.raises(ExportError) as info:
        run('price\n"abc"\n')
    assert "--number-format" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("price\n" + "9" * 5000 + "\n", {}),
        ("price,status\n5," + "x" * 5000 + "\n", {}),
        ("price,date\n5," + "1" * 5000 + "\n", {"schedule": "by-date"}),
    ],
)
def test_a_long_bad_cell_is_shown_shortened(text: str, options: dict[str, str]) -> None:
    """A bad cell of thousands of characters is shown shortened: the error stays one short line."""
    with pytest.raises(ExportError, match="line 2") as info:
        run(text, **options)
    assert len(str(info.value)) < 400
    assert "..." in str(info.value)


# --- separators and headers -----------------------------------------------------------------


def test_a_hungarian_export_is_read_as_it_comes() -> None:
    """';', decimal commas, spaced and capitalised headers: the same split as plain input."""
    text = "Azonosító; Price ;Status\r\n1;12,50;Completed\r\n2;1.250,00;completed\r\n"
    out = io.StringIO()
    summary = split_csv(io.StringIO(text), out, number_format="comma")
    lines = out.getvalue().splitlines()
    assert lines[0] == "Azonosító, Price ,Status," + ",".join(CSV_COLUMNS)
    assert lines[1] == '1,"12,50",Completed,' + ",".join(cells("12.50"))
    assert lines[2] == '2,"1.250,00",completed,' + ",".join(cells("1250"))
    assert summary is not None
    assert summary.gross_completed == Decimal("1262.50")


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_each_separator_is_sniffed_and_can_be_named(separator: str) -> None:
    """Comma, semicolon and tab are found from the header, or taken from delimiter=."""
    text = separator.join(["id", "PRICE", "note"]) + "\n" + separator.join(["1", "5", "x"]) + "\n"
    for delimiter in (None, separator):
        out = io.StringIO()
        split_csv(io.StringIO(text), out, delimiter=delimiter)
        assert out.getvalue().splitlines()[1] == "1,5,x," + ",".join(cells("5"))


def test_the_sniffer_prefers_the_separator_that_finds_the_price_column() -> None:
    """A header cell holding ';' does not fool it: the comma header has the price column."""
    out = io.StringIO()
    split_csv(io.StringIO('"a;b;c",price\n"x;y",5\n'), out)
    assert out.getvalue().splitlines()[1] == "x;y,5," + ",".join(cells("5"))


def test_a_header_in_decomposed_unicode_is_the_same_name() -> None:
    """A header written with combining accents (NFD) matches the name typed with NFC ones."""
    header = unicodedata.normalize("NFD", "Rendelés;Ár")
    rows, _ = run(f"{header}\nA;5\n", price_column="Ár")
    assert rows[1] == ["A", "5", *cells("5")]


def test_headers_match_loosely_but_never_ambiguously() -> None:
    """Case, spaces, '_' and '-' are ignored; two loose matches are an error naming both."""
    rows, _ = run("Order-Date , PRICE \n2019-06-01,5\n", schedule="by-date")
    assert rows[1][-5:] == cells("5", schedule="article")
    with pytest.raises(ExportError, match="2 columns matching 'price': 'Price', ' price '"):
        run("Price, price \n5,6\n")
    with pytest.raises(ExportError, match="no 'date' column, which --schedule by-date needs"):
        run("price\n5\n", schedule="by-date")
    with pytest.raises(InvalidArgumentError, match="delimiter"):
        run("price\n5\n", delimiter="|")


# --- by date, cancelled rows, rejects -------------------------------------------------------


def test_by_date_splits_each_row_with_the_schedule_of_its_day() -> None:
    """Each row pays the fees in force on its date; a date-time's day counts."""
    text = (
        "date,price,status\n"
        "2019-06-01,5,completed\n"
        "2020-12-24T10:00:00Z,5,completed\n"
        "2026-12-06 08:30,5,completed\n"
    )
    rows, summary = run(text, schedule="by-date")
    assert rows[1][-5:] == cells("5", on="2019-06-01")
    assert rows[2][-5:] == cells("5", on="2020-12-24")
    assert rows[3][-5:] == cells("5", on="2026-12-06")
    assert summary is not None
    assert summary.buyer_fee_total == Decimal("2.00") + Decimal("2.25") + Decimal("3.28")


def test_a_date_format_reads_other_dates() -> None:
    """date_format= reads dates written another way."""
    rows, _ = run("date,price\n24/12/2020,5\n", schedule="by-date", date_format="%d/%m/%Y")
    assert rows[1][-5:] == cells("5", on="2020-12-24")
    with pytest.raises(ExportError, match="line 2: bad 'date' '2020-12-24': expected a date as"):
        run("date,price\n2020-12-24,5\n", schedule="by-date", date_format="%d/%m/%Y")


def test_cancelled_rows_are_written_without_fees() -> None:
    """A cancelled row keeps its columns and gets five 0.00 cells, by date or not."""
    text = "date,price,status\n2009-01-01,5,Cancelled\n2019-06-01,40.50,completed\n"
    for schedule in ("article", "by-date"):
        rows, summary = run(text, schedule=schedule)
        assert rows[1] == ["2009-01-01", "5", "Cancelled", *NO_FEES]
        assert rows[2][-5:] == cells("40.50")
        assert summary is not None
        assert summary.seller_net_total == compute_order_split("40.50").seller_net


@pytest.mark.parametrize("schedule", ["article", "by-date"])
def test_rows_of_empty_fields_are_skipped_as_blank_lines(schedule: str) -> None:
    """Excel's trailing ';;' rows hold no order: skipped like blank lines, never rejected."""
    text = "date;price;status\r\n2019-06-01;5;completed\r\n;;\r\n;;;;\r\n;\r\n"
    for rejects in (None, io.StringIO()):
        rows, summary = run(text, schedule=schedule, rejects=rejects)
        assert rows == [
            ["date", "price", "status", *CSV_COLUMNS],
            ["2019-06-01", "5", "completed", *cells("5")],
        ]
        assert summary is not None
        assert summary.order_count == 1
        if rejects is not None:
            assert rejects.getvalue().splitlines() == ["line,reason,date,price,status"]
    with pytest.raises(ExportError, match="line 3: bad 'status' ''"):  # a space is a field
        run(text.replace(";;\r\n", "; ;\r\n", 1), schedule=schedule)


def test_a_bad_row_stops_with_its_line_or_goes_to_the_rejects() -> None:
    """Without rejects a bad row stops the run; with them it is written there with why."""
    text = "id,date,price\n1,2019-06-01,5\n2,2009-01-01,5\n3,2019-06-01,abc\n4,2019-06-01\n"
    with pytest.raises(ExportError, match="line 3: no known fee schedule on 2009-01-01"):
        run(text, schedule="by-date")
    rejects = io.StringIO()
    rows, _ = run(text, schedule="by-date", rejects=rejects)
    assert [row[0] for row in rows[1:]] == ["1"]
    written = rejects.getvalue().splitlines()
    assert written[0] == "line,reason,id,date,price"
    assert written[1].startswith("3,no known fee schedule on 2009-01-01; the nearest known")
    assert written[2].startswith("4,\"bad 'price' 'abc'")
    assert written[3] == '5,"expected 3 fields like the header, got 2",4,2019-06-01'


def test_clearance_in_an_export_ledger() -> None:
    """With as_of and a completion column, the ledger tells cleared from pending earnings."""
    text = "price,status,Completed On\n100,completed,2026-11-01\n5,completed,2026-11-30\n"
    _, summary = run(text, as_of=date(2026, 12, 5))
    assert summary is not None
    assert summary.cleared_net == Decimal("80.00")
    assert summary.pending_clearance_net == Decimal("4.00")
    with pytest.raises(ExportError, match="which clearance"):
        run("price,status\n5,completed\n", as_of=date(2026, 12, 5))


def test_as_of_is_read_as_summarize_orders_reads_it() -> None:
    """as_of takes YYYY-MM-DD text or a datetime; another value is refused before any row."""
    text = "price,status,completed on\n5,completed,2026-11-01\n"
    for as_of in ("2026-12-05", datetime(2026, 12, 5, 9, 30)):  # noqa: DTZ001 - a day
        _, summary = run(text, as_of=as_of)
        assert summary is not None
        assert summary.as_of == date(2026, 12, 5)
        assert summary.cleared_net == Decimal("4.00")
    with pytest.raises(InvalidDateError, match="as_of '2026-13-01' is not a calendar date"):
        run(text, as_of="2026-13-01")
    sink = io.StringIO()
    with pytest.raises(FeeTypeError, match=r"as_of must be a datetime\.date or YYYY-MM-DD text"):
        split_csv(io.StringIO(text), sink, as_of=20261205)  # type: ignore[arg-type]
    assert sink.getvalue() == ""


def test_a_completion_day_clearing_past_9999_is_a_bad_row() -> None:
    """9999-12-31 as a completion date is a bad row naming its line, or a rejected one."""
    text = "price,status,completed on\n5,completed,2026-11-01\n6,completed,9999-12-31\n"
    with pytest.raises(ExportError, match="line 3: an order completed on 9999-12-31 clears"):
        run(text, as_of=date(2026, 12, 5))
    rejects = io.StringIO()
    rows, summary = run(text, as_of=date(2026, 12, 5), rejects=rejects)
    assert [row[0] for row in rows] == ["price", "5"]
    assert summary is not None
    assert summary.cleared_net == Decimal("4.00")
    assert rejects.getvalue().splitlines()[1].startswith('3,"an order completed on 9999-12-31')


# --- bounded memory --------------------------------------------------------------------------


def test_an_over_long_line_is_refused_naming_the_limit(tmp_path: Path) -> None:
    """A line longer than the limit is refused with its line number and the limit."""
    path = tmp_path / "long.csv"
    path.write_text("price,note\n5,x\n6," + "y" * (MAX_LINE_CHARS + 10) + "\n", encoding="utf-8")
    with pytest.raises(ExportError) as info:
        split_csv(path, io.StringIO())
    assert info.value.line == 3
    assert f"the limit of {MAX_LINE_CHARS} characters" in str(info.value)


def test_an_over_long_field_is_refused_naming_the_limit(tmp_path: Path) -> None:
    """A quoted field longer than the field limit, over many lines, is refused too."""
    path = tmp_path / "field.csv"
    path.write_text('price,note\n5,"' + "z\n" * MAX_FIELD_CHARS + '"\n', encoding="utf-8")
    with pytest.raises(ExportError, match=f"the limit of {MAX_FIELD_CHARS} characters"):
        split_csv(path, io.StringIO())


# --- the hot loop's memo of splits -----------------------------------------------------------


def _counted_splits(monkeypatch: pytest.MonkeyPatch, prices: list[str]) -> int:
    """Split a file of *prices* with a memo of 4 and a rest of 6 rows; return the splits made.

    Every output row must be the library's own split of its price, whatever the memo did.
    """
    monkeypatch.setattr(exports, "_MEMO_SIZE", 4)
    monkeypatch.setattr(exports, "_MEMO_REST", 6)
    made: list[int] = []
    split_cell = exports._CsvJob._split_cell

    def counted(job: Any, line: int, cell: str, schedule: Any) -> Any:
        made.append(line)
        return split_cell(job, line, cell, schedule)

    monkeypatch.setattr(exports._CsvJob, "_split_cell", counted)
    rows, _ = run("price\n" + "".join(f"{price}\n" for price in prices), schedule="article")
    assert rows[1:] == [[price, *cells(price, schedule="article")] for price in prices]
    return len(made)


def test_the_memo_rests_while_no_price_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full memo no row found a price in rests for a while; afterwards it serves again."""
    distinct = [f"{cents}.00" for cents in range(1, 11)]
    # Rows 1-4 fill the memo, row 5 finds it full with no hit: rows 5-11 split without it,
    # then "7.00" is split once more (row 12) and found for the 18 rows after it.
    assert _counted_splits(monkeypatch, [*distinct, *["7.00"] * 20]) == 12


def test_the_memo_rests_again_after_a_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows split during a rest are not counted as found when the memo fills again."""
    distinct = [f"{cents}.00" for cents in range(1, 17)]
    # Rests after rows 5 and 16 (rows 12-15 filled it again, none found): rows 17-22 split
    # "7.00" each, row 23 keeps it, rows 24-26 find it.
    assert _counted_splits(monkeypatch, [*distinct, *["7.00"] * 10]) == 23


def test_the_memo_stays_while_prices_come_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prices that come back once each keep the memo: each is split once per memo's fill."""
    pairs = [f"{cents}.00" for cents in range(1, 9) for _ in range(2)]  # 1, 1, 2, 2, ...
    # Half the rows hit, above one in five: each price is split once, none twice.
    assert _counted_splits(monkeypatch, pairs) == 8


@pytest.mark.parametrize(
    ("letters", "splits"),
    [
        ("abcdee", 6),  # no row found its price: the memo rests, row 6 is split again
        ("abcdaefgfhii", 9),  # one row in five, twice: it stays, row 12 is found
    ],
)
def test_one_row_in_five_found_keeps_the_memo(
    monkeypatch: pytest.MonkeyPatch, letters: str, splits: int
) -> None:
    """The memo stays when exactly one row in five since it was emptied found its price."""
    prices = [f"{ord(letter) - ord('a') + 1}.00" for letter in letters]
    assert _counted_splits(monkeypatch, prices) == splits


class _ContextChangingSink(io.StringIO):
    """A target whose write() narrows the decimal context, as a caller's code could."""

    def write(self, text: str, /) -> int:
        """Write *text*; after the header, set the active decimal context's precision to 4."""
        if self.tell():  # the header is written before the rows, in the caller's context
            decimal.getcontext().prec = 4
        return super().write(text)


@pytest.mark.parametrize("schedule", ["article", "by-date"])
@pytest.mark.parametrize("rows", [10, 3000])
def test_a_decimal_context_changed_by_the_target_stops_the_run(schedule: str, rows: int) -> None:
    """A target's write() that changes the decimal context stops the run, never a wrong cent."""
    text = "price,status,date\n" + "134.69,completed,2026-12-01\n" * rows
    sink = _ContextChangingSink()
    with pytest.raises(ExportError, match="decimal context was changed") as info:
        split_csv(io.StringIO(text), sink, schedule=schedule)
    assert info.value.line is None
    written = sink.getvalue().splitlines()
    assert len(written) - 1 <= min(rows, 1023)  # a long file stops at its first check
    assert decimal.getcontext().prec == decimal.Context().prec  # the caller's is untouched


# --- no lost files ---------------------------------------------------------------------------


def test_a_failed_run_leaves_the_old_output_and_no_partial_file(tmp_path: Path) -> None:
    """A bad row after many good ones: the old output is untouched, no temporary file stays."""
    source = tmp_path / "in.csv"
    source.write_text("price\n" + "5\n" * 5000 + "abc\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(ExportError, match="line 5002"):
        split_csv(source, target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_a_successful_run_replaces_the_output_keeping_its_mode(tmp_path: Path) -> None:
    """The output is replaced whole, with the old file's permissions."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    split_csv(source, target)
    assert rows_of(target)[1] == "5," + ",".join(cells("5"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_a_new_output_gets_the_usual_permissions(tmp_path: Path) -> None:
    """A new output file is readable as files the user creates are (umask), not private."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    split_csv(source, tmp_path / "new.csv")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o666 & ~mask


def test_a_symlinked_output_stays_a_link_to_the_new_content(tmp_path: Path) -> None:
    """Writing through a symbolic link replaces the file it points to; the link stays."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    source.write_text("price\nbad\n", encoding="utf-8")
    with pytest.raises(ExportError):
        split_csv(source, link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "old\n"
    source.write_text("price\n5\n", encoding="utf-8")
    split_csv(source, link)
    assert link.is_symlink()
    assert rows_of(real)[1] == "5," + ",".join(cells("5"))


def test_a_device_is_written_directly(tmp_path: Path) -> None:
    """/dev/null is written to, not replaced by a regular file."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    split_csv(source, os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # noqa: PTH116 - a str path
    with pytest.raises(ExportError, match="cannot write it"):
        split_csv(source, tmp_path)


@pytest.mark.parametrize("engine", ["python", "columnar"])
@pytest.mark.parametrize("form", ["/dev/fd/{}", "/proc/self/fd/{}", "link"])
def test_a_path_naming_a_descriptor_appends_through_it(
    tmp_path: Path, engine: str, form: str
) -> None:
    """/dev/fd/N on an appending file adds the rows after its content; the file is not replaced."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("OLD\n", encoding="utf-8")
    inode = log.stat().st_ino
    with log.open("a", encoding="utf-8") as appending:
        target = form.format(appending.fileno())
        if form == "link":
            (tmp_path / "link").symlink_to(f"/dev/fd/{appending.fileno()}")
            target = str(tmp_path / "link")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ColumnarFallbackWarning)
            split_csv(source, target, engine=engine)
    assert rows_of(log) == ["OLD", f"price,{','.join(CSV_COLUMNS)}", "5," + ",".join(cells("5"))]
    assert log.stat().st_ino == inode


def test_a_path_naming_a_pipe_writes_into_the_pipe(tmp_path: Path) -> None:
    """/dev/fd/N on a pipe (as a shell's >(gzip) gives) gets the rows; no 'No such file'."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    try:
        split_csv(source, f"/dev/fd/{write_end}")
    finally:
        os.close(write_end)
    with open(read_end, encoding="utf-8", newline="") as pipe:  # noqa: PTH123 - a descriptor
        assert pipe.read().splitlines()[1] == "5," + ",".join(cells("5"))


def test_a_descriptor_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    """A descriptor that is not open, or open for reading only, is refused, saying which."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text("old\n", encoding="utf-8")
    with other.open(encoding="utf-8") as reading:
        with pytest.raises(ExportError, match="open for reading only"):
            split_csv(source, f"/dev/fd/{reading.fileno()}")
        closed = os.dup(reading.fileno())
    os.close(closed)
    with pytest.raises(ExportError, match=f"descriptor {closed} is not open"):
        split_csv(source, f"/proc/self/fd/{closed}")
    assert other.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_name_ending_in_a_separator_is_refused_and_nothing_is_written(
    tmp_path: Path, engine: str
) -> None:
    """An output or rejects name ending in '/' names a folder: refused, no file made or replaced."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    for target, rejects in (
        (f"{source}/", None),
        (f"{tmp_path}/new/", None),
        (str(tmp_path / "out.csv"), f"{tmp_path}/new/"),
    ):
        with pytest.raises(ExportError, match="names a folder, not a file"):
            split_csv(source, target, rejects=rejects, engine=engine)
    assert source.read_text(encoding="utf-8") == "price\n5\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv"]


def test_columns_an_option_does_not_need_are_not_looked_for() -> None:
    """Two 'date' columns only matter by date; without it the file splits as before."""
    rows, _ = run("Date,date ,price\n1,2,5\n")
    assert rows[1] == ["1", "2", "5", *cells("5")]
    with pytest.raises(ExportError, match="2 columns matching 'date'"):
        run("Date,date ,price\n1,2,5\n", schedule="by-date")


@pytest.mark.parametrize(
    "written",
    [
        "2020-12-24",
        "2020-12-24T23:59:59Z",
        "2020/12/24",
        "2020. 12. 24.",
        "Dec 24, 2020",
        "December 24 2020",
        "24 Dec 2020",
        "Dec 24, 2020, 3:45 PM",
    ],
)
def test_unambiguous_dates_are_read_without_a_format(written: str) -> None:
    """Year-first dates and English month names are read as they come."""
    rows, _ = run(f'date,price\n"{written}",5\n', schedule="by-date")
    assert rows[-1][-5:] == cells("5", on="2020-12-24")


@pytest.mark.parametrize("written", ["12/24/2020", "24.12.2020", "2020-12/24", "Dez 24, 2020"])
def test_ambiguous_or_unknown_dates_are_bad_rows(written: str) -> None:
    """A day-month order that depends on the country needs date_format; the row says so."""
    with pytest.raises(ExportError, match=r"line 2: bad 'date' .* expected a date as YYYY-MM-DD"):
        run(f'date,price\n"{written}",5\n', schedule="by-date")


def test_the_rejects_file_cannot_be_the_input_or_the_output(tmp_path: Path) -> None:
    """Rejects written over the input or the output would lose it: refused up front."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    for rejects, what in ((source, "input"), (target, "output")):
        with pytest.raises(ExportError, match=f"is the {what} file"):
            split_csv(source, target, rejects=rejects)
    assert source.read_text(encoding="utf-8") == "price\n5\n"
    assert not target.exists()


def test_the_rejects_cannot_share_the_outputs_stream(tmp_path: Path) -> None:
    """Rejects into the output's stream would mix two CSVs in one: refused up front."""
    source = tmp_path / "in.csv"
    source.write_text("price\n5\nabc\n", encoding="utf-8")
    for target, rejects in (("-", "-"), ("-", "/dev/stdout"), ("/dev/fd/1", "-")):
        with pytest.raises(ExportError, match="own file when the output is stdout"):
            split_csv(source, target, rejects=rejects)
    sink = io.StringIO()
    with pytest.raises(ExportError, match="is where the rows go"):
        split_csv(source, sink, rejects=sink)
    assert sink.getvalue() == ""


header_cells = st.text(
    st.characters(codec="utf-8", exclude_characters=',;\t"\r\n\x00\ufeff'), min_size=1, max_size=8
).filter(lambda cell: " ".join(cell.replace("_", " ").replace("-", " ").split()).casefold()
         not in {"price", "status", *CSV_COLUMNS})  # fmt: skip
data_cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00\ufeff"), max_size=8)


@given(
    others=st.lists(header_cells, unique=True, max_size=4),
    place=st.integers(0, 4),
    cents=st.lists(st.integers(1, 10**8), max_size=5),
    data=st.data(),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_any_export_reads_the_same_whatever_its_separator(
    others: list[str], place: int, cents: list[int], data: st.DataObject, separator: str
) -> None:
    """The separator is sniffed from any header: every row comes back as it was, split."""
    header = [*others[:place], "price", *others[place:]]
    rows = [
        [
            data.draw(data_cells) if name != "price" else f"{Decimal(c).scaleb(-2)}"
            for name in header
        ]
        for c in cents
    ]
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows([header, *rows])
    out = io.StringIO(newline="")
    split_csv(io.StringIO(text.getvalue(), newline=""), out)
    written = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert written[0] == [*header, *CSV_COLUMNS]
    for row, back in zip(rows, written[1:], strict=True):
        assert back == [*row, *cells(row[header.index("price")])]


def test_a_tab_separated_header_with_a_blank_name_is_read_at_its_tabs() -> None:
    """'price<TAB> ' is two columns split at the tab, never a comma file's loose 'price'."""
    out = io.StringIO(newline="")
    split_csv(io.StringIO("price\t \r\n0.01\t,\r\n", newline=""), out)
    written = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert written[0] == ["price", " ", *CSV_COLUMNS]
    assert written[1][:2] == ["0.01", ","]
