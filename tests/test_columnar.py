"""Tests of split_csv's columnar engine (fiverr_support_kb._columnar, on pyarrow).

Every test compares the columnar engine with the Python engine on the same file: the same
bytes out, the same ledger, the same error. pyarrow is installed wherever the tests run (CI
installs the ``columnar`` extra); these tests never skip.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import os
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fiverr_support_kb import FeeSchedule, FeeTier, OrderSummary
from fiverr_support_kb import _columnar as columnar
from fiverr_support_kb.cli import main
from fiverr_support_kb.errors import ColumnarFallbackWarning, ExportError
from fiverr_support_kb.exports import CSV_COLUMNS, split_csv

if TYPE_CHECKING:
    from collections.abc import Iterator

MODES: Final = (
    "ROUND_05UP",
    "ROUND_CEILING",
    "ROUND_DOWN",
    "ROUND_FLOOR",
    "ROUND_HALF_DOWN",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_UP",
    "ROUND_UP",
)
STATUS_SPELLINGS: Final = ("completed", "Completed", " delivered", "IN-PROGRESS", "cancelled")
HEADER: Final = "id,price,status,buyer"


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    """A temporary folder (Hypothesis examples cannot share a function-scoped tmp_path)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def run(
    source: Path, target: Path, engine: str, **options: object
) -> tuple[bytes, OrderSummary | None]:
    """Split *source* into *target* with *engine*; return the bytes written and the ledger."""
    summary = split_csv(source, target, engine=engine, **options)  # type: ignore[arg-type]
    return target.read_bytes(), summary


def both(source: Path, **options: object) -> tuple[bytes, OrderSummary | None]:
    """Split *source* with both engines, the columnar one not allowed to decline; compare."""
    out = source.parent
    python = run(source, out / "python.csv", "python", **options)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ColumnarFallbackWarning)
        arrow = run(source, out / "columnar.csv", "columnar", **options)
    assert arrow == python
    return arrow


def error_of(source: Path, engine: str) -> str:
    """Return the message of the ExportError split_csv raises on *source* with *engine*."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ColumnarFallbackWarning)
        with pytest.raises(ExportError) as info:
            split_csv(source, source.parent / f"{engine}.out", engine=engine)
    return str(info.value)


cents_text = st.integers(1, 100_000_000_00).flatmap(
    lambda cents: st.sampled_from(
        [f"{cents // 100}.{cents % 100:02d}"]
        + ([f"{cents // 100}"] if not cents % 100 else [])
        + ([f"{cents // 100}.{cents % 100 // 10}"] if not cents % 10 else [])
    )
)
small_prices = st.integers(1, 300_00).map(lambda cents: f"{cents // 100}.{cents % 100:02d}")
words = st.text(st.characters(codec="utf-8", exclude_characters=',"\r\n\x00'), max_size=8)


@st.composite
def exports(draw: st.DrawFn) -> bytes:
    """A plain CSV export: CRLF, LF or CR lines, maybe a BOM and blank lines, any other text."""
    end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    rows = draw(
        st.lists(
            st.tuples(
                words, st.one_of(cents_text, small_prices), st.sampled_from(STATUS_SPELLINGS), words
            ),
            max_size=40,
        )
    )
    lines = [HEADER] + [",".join(row) for row in rows]
    blank = draw(st.booleans())
    if rows and blank:
        lines.insert(draw(st.integers(1, len(lines))), "")
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    return ("\ufeff" if draw(st.booleans()) else "").encode() + text.encode()


rates = st.integers(0, 999_999).map(lambda n: Decimal(n).scaleb(-6))


@st.composite
def schedules(draw: st.DrawFn) -> FeeSchedule:
    """A schedule of one to three tiers with rates of up to six decimal places."""
    bounds = sorted(draw(st.sets(st.integers(1, 500_00), max_size=2)))
    tiers = [
        FeeTier(
            max_price=None if bound is None else Decimal(bound).scaleb(-2),
            flat=Decimal(draw(st.integers(0, 500))).scaleb(-2),
            rate=draw(rates),
        )
        for bound in [*bounds, None]
    ]
    return FeeSchedule(
        name="generated", title="Generated", buyer_fee=tiers, seller_rate=draw(rates)
    )


@settings(max_examples=60)
@given(content=exports(), schedule=schedules(), rounding=st.sampled_from(MODES))
def test_columnar_output_is_the_python_engines_byte_for_byte(
    content: bytes, schedule: FeeSchedule, rounding: str
) -> None:
    """For any plain export, schedule and rounding mode, both engines write the same bytes."""
    with folder() as where:
        source = where / "orders.csv"
        source.write_bytes(content)
        both(source, schedule=schedule, rounding=rounding)


@settings(max_examples=60)
@given(
    cells=st.lists(
        st.one_of(st.text("0123456789.+-eE_ ", min_size=1, max_size=8), cents_text),
        min_size=1,
        max_size=5,
    )
)
def test_any_spelling_of_a_price_splits_or_fails_as_in_the_python_engine(
    cells: list[str],
) -> None:
    """Arrow reads a price as Decimal() does, or the Python engine decides: same bytes or error."""
    with folder() as where:
        source = where / "orders.csv"
        source.write_text("\n".join(["id,price", *(f"{n},{cell}" for n, cell in enumerate(cells))]))
        try:
            expected: object = run(source, where / "python.csv", "python")
        except ExportError as exc:
            expected = str(exc)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ColumnarFallbackWarning)
            try:
                got: object = run(source, where / "columnar.csv", "columnar")
            except ExportError as exc:
                got = str(exc)
        assert got == expected


@pytest.mark.parametrize("rounding", MODES)
@pytest.mark.parametrize("schedule", ["article", "help-center"])
def test_every_cent_from_one_cent_to_three_hundred_dollars(
    tmp_path: Path, schedule: str, rounding: str
) -> None:
    """Every price up to $300.00 splits the same under the packaged schedules and every mode."""
    lines = [HEADER] + [
        f"{cents},{cents // 100}.{cents % 100:02d},completed,x" for cents in range(1, 30_001)
    ]
    source = tmp_path / "orders.csv"
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    _, summary = both(source, schedule=schedule, rounding=rounding)
    assert summary is not None
    assert summary.counts[next(iter(summary.counts))] == 0


def test_large_prices_and_the_maximum(tmp_path: Path) -> None:
    """Prices up to the maximum split exactly, without overflowing 64-bit cents."""
    prices = ["1000000000.00", "999999999.99", "123456789.5", "1", "0.01", "40", "40.01"]
    prices += ["5.000", "+5", "1e2", "1E+2", ".5", "5.", "00012.30"]  # as Decimal() reads them
    source = tmp_path / "orders.csv"
    source.write_text(
        "\n".join(
            ["id,price,status,buyer"] + [f"{n},{p},completed,b" for n, p in enumerate(prices)]
        ),
        encoding="utf-8",
    )
    data, summary = both(source)
    assert b"0,1000000000.00,completed,b,50000000.00,1050000000.00," in data
    assert summary is not None
    assert summary.order_count == len(prices)


@pytest.mark.parametrize(
    "content",
    [
        b"id,price\r1,5\r2,6\r\r\n3,7\n",
        b"\r\n\r\nid,price\n1,5\n",
        b"\xef\xbb\xbf\nid,price\r\n1,5",
        b"\n\rid,price\r\r\n\n1,5\r",
        b"id,price",
        b"id,price\r\n",
        b"id,price\r\n\r\n\n",
    ],
)
def test_any_line_ends_and_blank_lines(tmp_path: Path, content: bytes) -> None:
    """CRLF, LF or lone CR line ends and blank lines, around the header too: the same bytes."""
    source = tmp_path / "orders.csv"
    source.write_bytes(content)
    both(source)


def test_rows_of_empty_fields_are_skipped_by_both_engines(tmp_path: Path) -> None:
    """Rows of empty fields only (',,') are skipped: the same bytes, whichever engine runs."""
    source = tmp_path / "orders.csv"
    source.write_bytes(b"id,price,buyer\r\n1,5,a\r\n,,\r\n2,6,b\r\n,,\r\n,,,,\r\n")
    python = run(source, tmp_path / "python.csv", "python")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ColumnarFallbackWarning)
        arrow = run(source, tmp_path / "columnar.csv", "columnar")
    assert arrow == python
    assert python[0].count(b"\r\n") == 3


def test_a_file_without_a_status_column_has_no_ledger(tmp_path: Path) -> None:
    """Without a status column both engines return no ledger, and the rows still split."""
    source = tmp_path / "orders.csv"
    source.write_text("price,note\n5,a\n50,b\n", encoding="utf-8")
    data, summary = both(source)
    assert summary is None
    assert data.splitlines()[1] == b"5,a,2.00,7.00,1.00,4.00,3.00"


def test_other_column_names_and_a_named_status_column(tmp_path: Path) -> None:
    """The price and status columns are found by the names given, as the Python engine does."""
    source = tmp_path / "orders.csv"
    source.write_text("amount,state,status\n5,completed,bogus\n", encoding="utf-8")
    _, summary = both(source, price_column="amount", status_column="state")
    assert summary is not None
    assert summary.gross_completed == Decimal("5.00")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'id,price\n1,"5"\n', "quoted"),
        (b"id,price\n1, 5\n", "not digits with up to two decimals"),
        (b"id,price\n1,5 \n", "not digits with up to two decimals"),
        (b"id,price\n1,1E2\x1f\n", "not digits with up to two decimals"),
    ],
)
def test_files_it_does_not_read_go_to_the_python_engine_which_says_so(
    tmp_path: Path, content: bytes, why: str
) -> None:
    """Quotes, bare CRs and other spellings of prices: a warning, and the Python engine's output."""
    source = tmp_path / "orders.csv"
    source.write_bytes(content)
    expected = run(source, tmp_path / "python.csv", "python")
    with pytest.warns(ColumnarFallbackWarning, match=why):
        assert run(source, tmp_path / "columnar.csv", "columnar") == expected


def test_options_it_does_not_support_go_to_the_python_engine(tmp_path: Path) -> None:
    """JSON Lines, an open file and too fine a rate: each named in a warning."""
    source = tmp_path / "orders.csv"
    source.write_text("id,price\n1,5\n", encoding="utf-8")
    with pytest.warns(ColumnarFallbackWarning, match="JSON Lines"):
        split_csv(source, tmp_path / "out.jsonl", engine="columnar", as_json=True)
    sink = io.StringIO()
    with pytest.warns(ColumnarFallbackWarning, match="open file"):
        split_csv(source, sink, engine="columnar")
    split_csv(source, tmp_path / "out.csv", engine="python")
    assert sink.getvalue().encode() == (tmp_path / "out.csv").read_bytes()
    fine = FeeSchedule(
        name="fine", title="Fine", buyer_fee=[FeeTier(rate="0.1234567891")], seller_rate="0.2"
    )
    with pytest.warns(ColumnarFallbackWarning, match="64-bit"):
        split_csv(source, tmp_path / "fine.csv", engine="columnar", schedule=fine)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"id,price,status\n1,5,completed\n2,0,completed\n", 3),
        (b"id,price,status\n1,5,completed\n\n2,5,lost\n", 4),
        (b"id,price,status\n1,5,completed\n2,5\n", 3),
        (b"id,price,status\n1,5,completed\n2,abc,completed\n", 3),
        (b"id,price,status\n1,5,completed\n2,5,\xff\n", 0),
    ],
)
def test_bad_rows_give_the_python_engines_error_and_line(
    tmp_path: Path, content: bytes, line: int
) -> None:
    """A bad row is reported exactly as the Python engine reports it, line number included."""
    source = tmp_path / "orders.csv"
    source.write_bytes(content)
    message = error_of(source, "python")
    assert error_of(source, "columnar") == message
    assert (f"line {line}:" in message) if line else ("not UTF-8" in message)
    assert not (tmp_path / "columnar.out").exists()


def _columnar_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the source of every run of the columnar engine in the list returned."""
    used: list[str] = []
    original = columnar._Plan.run

    def spy(plan: columnar._Plan, rounding: str, progress: object) -> OrderSummary | None:
        used.append(plan.source)
        return original(plan, rounding, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(columnar._Plan, "run", spy)
    return used


def test_auto_takes_the_columnar_engine_for_a_large_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """engine="auto" leaves a small file to the Python engine, quietly, and takes a large one."""
    used = _columnar_runs(monkeypatch)
    source = tmp_path / "orders.csv"
    source.write_text("id,price\n1,5\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        split_csv(source, tmp_path / "small.csv")
        assert used == []
        monkeypatch.setattr(columnar, "AUTO_MIN_BYTES", 1)
        split_csv(source, tmp_path / "large.csv")
    assert used == [os.fspath(source)]
    assert (tmp_path / "small.csv").read_bytes() == (tmp_path / "large.csv").read_bytes()


def test_auto_leaves_a_wide_file_to_the_python_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """engine="auto" leaves a file of more columns than AUTO_MAX_COLUMNS to Python, quietly."""
    used = _columnar_runs(monkeypatch)
    monkeypatch.setattr(columnar, "AUTO_MIN_BYTES", 1)
    names = ["price", *(f"c{number}" for number in range(columnar.AUTO_MAX_COLUMNS))]
    wide, narrow = tmp_path / "wide.csv", tmp_path / "narrow.csv"
    wide.write_text(",".join(names) + "\n" + ",".join(["5"] * len(names)) + "\n", "utf-8")
    narrow.write_text(
        ",".join(names[:-1]) + "\n" + ",".join(["5"] * (len(names) - 1)) + "\n", "utf-8"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        split_csv(wide, tmp_path / "wide.out")
        assert used == []
        split_csv(narrow, tmp_path / "narrow.out")
    assert used == [os.fspath(narrow)]
    assert (
        (tmp_path / "wide.out")
        .read_text("utf-8")
        .splitlines()[1]
        .endswith(",2.00,7.00,1.00,4.00,3.00")
    )


def test_an_unknown_engine_is_a_value_error(tmp_path: Path) -> None:
    """The engine option accepts auto, columnar and python only."""
    source = tmp_path / "orders.csv"
    source.write_text("id,price\n1,5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="engine must be one of"):
        split_csv(source, tmp_path / "out.csv", engine="fast")


def test_the_appended_columns_are_the_exports() -> None:
    """The columnar engine appends exactly exports.CSV_COLUMNS."""
    assert columnar._COLUMNS == CSV_COLUMNS
    assert pa.__version__


def test_cli_engine_option_and_its_fallback_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """split-csv --engine columnar writes the same file, and says so when it cannot."""
    source = tmp_path / "orders.csv"
    source.write_text("id,price,status\n1,50,completed\n", encoding="utf-8")
    assert (
        main(["split-csv", str(source), "-o", str(tmp_path / "a.csv"), "--engine", "python"]) == 0
    )
    assert (
        main(["split-csv", str(source), "-o", str(tmp_path / "b.csv"), "--engine", "columnar"]) == 0
    )
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    capsys.readouterr()
    assert main(["split-csv", str(source), "--engine", "columnar"]) == 0
    assert (
        "the columnar engine cannot split this file (the output is a stream"
        in capsys.readouterr().err
    )


def test_output_it_cannot_take_back_goes_to_the_python_engine(tmp_path: Path) -> None:
    """A device or pipe as output: the Python engine writes it, and a missing folder's error."""
    source = tmp_path / "orders.csv"
    source.write_text("id,price\n1,5\n", encoding="utf-8")
    with pytest.warns(ColumnarFallbackWarning, match="not a regular file"):
        split_csv(source, os.devnull, engine="columnar")
    missing = tmp_path / "no-such-folder" / "out.csv"
    with pytest.raises(ExportError) as python:
        split_csv(source, missing, engine="python")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ExportError) as arrow:
            split_csv(source, missing, engine="columnar")
    assert str(arrow.value) == str(python.value)
    assert Path(os.devnull).exists()


def test_concurrent_splits_restore_arrows_memory_pool(tmp_path: Path) -> None:
    """Splits in several threads at once leave Arrow's default memory pool as it was."""
    before = pa.default_memory_pool().backend_name
    source = tmp_path / "orders.csv"
    source.write_text(
        "id,price,status\n" + "".join(f"{n},{n % 900 + 1}.25,completed\n" for n in range(20_000)),
        encoding="utf-8",
    )
    expected = run(source, tmp_path / "python.csv", "python")

    def one(number: int) -> tuple[bytes, OrderSummary | None]:
        return run(source, tmp_path / f"columnar-{number}.csv", "columnar")

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(8)))
    assert all(result == expected for result in results)
    assert pa.default_memory_pool().backend_name == before


def test_progress_is_drawn_and_cleared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a progress stream, rows done are shown and the line is cleared at the end."""
    clock = iter(range(1, 10_000))
    monkeypatch.setattr("fiverr_support_kb._columnar.time.monotonic", lambda: float(next(clock)))
    source = tmp_path / "orders.csv"
    source.write_text("id,price\n" + "".join(f"{n},5\n" for n in range(1000)), encoding="utf-8")
    shown = io.StringIO()
    split_csv(source, tmp_path / "out.csv", engine="columnar", progress=shown)
    assert "split-csv: 1,000 rows (columnar)" in shown.getvalue()
    assert shown.getvalue().endswith("\r")


def test_cancelled_orders_carry_no_fees_in_both_engines(tmp_path: Path) -> None:
    """Cancelled rows are written with five 0.00 cells by the columnar engine too."""
    source = tmp_path / "orders.csv"
    rows = [HEADER, "1,50,cancelled,a", "2,50,completed,b", "3,12.50,Cancelled,c"]
    source.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    data, summary = both(source)
    lines = data.decode("utf-8").splitlines()
    assert lines[1].endswith(",0.00,0.00,0.00,0.00,0.00")
    assert lines[3].endswith(",0.00,0.00,0.00,0.00,0.00")
    assert lines[2].endswith(",2.50,52.50,10.00,40.00,12.50")
    assert summary is not None
    assert summary.seller_net_total == Decimal("40.00")


def test_a_failed_columnar_run_leaves_the_old_output(tmp_path: Path) -> None:
    """A file the columnar engine gives up on midway, then bad for both, keeps the old output."""
    source = tmp_path / "orders.csv"
    rows = [
        HEADER,
        *(f"{n},{n % 500 + 1}.25,completed,x" for n in range(200_000)),
        "x,abc,completed,y",
    ]
    source.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("the old output\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ColumnarFallbackWarning)
        with pytest.raises(ExportError, match="line 200002"):
            split_csv(source, target, engine="columnar")
    assert target.read_text(encoding="utf-8") == "the old output\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["orders.csv", "out.csv"]


def test_a_columnar_run_replaces_the_output_whole(tmp_path: Path) -> None:
    """The columnar engine writes beside the target and renames over it: a link stays a link."""
    source = tmp_path / "orders.csv"
    source.write_text(f"{HEADER}\r\n1,50,completed,a\r\n", encoding="utf-8")
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ColumnarFallbackWarning)
        split_csv(source, link, engine="columnar")
    assert link.is_symlink()
    assert real.read_bytes() == run(source, tmp_path / "python.csv", "python")[0]
    assert not any(path.name.endswith(".part") for path in tmp_path.iterdir())
