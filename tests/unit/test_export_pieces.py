"""The export written in pieces (`export_pieces`, `export_file`, `export_ticks`): the same
bytes as the whole document encoded at once, each school year's archive held only while
it is written, and a file written in pieces atomically, whatever fails on the way."""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.demo import build_demo, write_demo
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store import Store
from companion.store.codec import TickDay, encode_export, export_file, export_rows, export_ticks
from companion.store.export import export_document, export_pieces
from companion.store.files import atomic_write_pieces

TODAY = date(2026, 11, 25)
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
EXPORTED_AT = re.compile(rb'"exported_at": "[^"]*"')


def whole(document: dict[str, Any]) -> bytes:
    """What `companion export` wrote before it wrote in pieces."""
    return encode_export(document) + b"\n"


# -- the encoding -------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, list[Any]], list[list[int]]]:
    """A head, lists after it (names of their own), and where each list is cut in pieces."""
    head = draw(st.dictionaries(st.text(max_size=8), json_values, max_size=5))
    names = draw(st.lists(st.text(max_size=8).filter(lambda name: name not in head), unique=True))
    lists = {name: draw(st.lists(json_values, max_size=6)) for name in names}
    cuts = [
        sorted(draw(st.lists(st.integers(0, len(rows)), max_size=3))) for rows in lists.values()
    ]
    return head, lists, cuts


def pieces_of(lists: dict[str, list[Any]], cuts: list[list[int]]) -> Iterator[tuple[str, bytes]]:
    for (name, rows), cut in zip(lists.items(), cuts, strict=True):
        bounds = [0, *cut, len(rows)]
        for start, end in itertools.pairwise(bounds):
            yield name, export_rows(rows[start:end])


@settings(max_examples=300, deadline=None)
@given(documents())
def test_an_export_in_pieces_is_the_document_encoded_at_once(
    drawn: tuple[dict[str, Any], dict[str, list[Any]], list[list[int]]],
) -> None:
    head, lists, cuts = drawn
    made = b"".join(export_file(head, list(lists), pieces_of(lists, cuts)))
    assert made == whole({**head, **lists})


tick_days = st.lists(
    st.tuples(
        st.text(max_size=6),
        st.text(max_size=6),
        st.text(max_size=10),
        st.fixed_dictionaries(
            {}, optional={moment: st.frozensets(st.sampled_from(ABC_ITEMS)) for moment in MOMENTS}
        ),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(tick_days)
def test_ticks_encoded_from_their_days_are_the_rows_encoded(days: list[TickDay]) -> None:
    rows = [
        {"child": child, "child_name": name, "date": day, "moment": moment, "item": item}
        for child, name, day, marks in days
        for moment in MOMENTS
        for item in ABC_ITEMS
        if item in marks.get(moment, ())
    ]
    assert export_ticks(days) == export_rows(rows)


def test_the_empty_document_and_lists_without_rows() -> None:
    assert b"".join(export_file({}, [], [])) == b"{}\n"
    assert b"".join(export_file({}, ["a", "b"], [])) == whole({"a": [], "b": []})
    pieces = [("b", export_rows([])), ("b", export_rows([{"x": '\n"é'}]))]
    assert b"".join(export_file({"h": {}}, ["a", "b", "c"], pieces)) == whole(
        {"h": {}, "a": [], "b": [{"x": '\n"é'}], "c": []}
    )


def test_rows_out_of_the_order_of_the_lists_are_refused() -> None:
    pieces = [("b", export_rows([1])), ("a", export_rows([2]))]
    with pytest.raises(ValueError, match="out of order"):
        b"".join(export_file({}, ["a", "b"], pieces))
    with pytest.raises(ValueError, match="not one of"):
        b"".join(export_file({}, ["a"], [("c", export_rows([1]))]))


# -- the store's export -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three school years of the demo: two closed, in their archives."""
    path = tmp_path_factory.mktemp("demo") / "companion.json"
    with Store.open(path, today=TODAY, backup=False) as store:
        write_demo(store, build_demo(TODAY, years=3, children=5))
    return path


def test_the_pieces_are_the_export_document_byte_for_byte(demo_path: Path) -> None:
    with Store.open(demo_path, today=TODAY, backup=False) as store:
        assert len(store.school_years.archived_years()) == 2
        streamed = b"".join(export_pieces(store))
        document = export_document(store)
    assert document["abc"] and document["days_off"] and document["journal_entries"]
    assert {row["date"][:4] for row in document["abc"]} >= {"2024", "2025", "2026"}
    assert EXPORTED_AT.sub(b"", streamed) == EXPORTED_AT.sub(b"", whole(document))


def test_an_archive_is_held_only_while_its_year_is_read_once(demo_path: Path) -> None:
    with Store.open(demo_path, today=TODAY, backup=False) as store:
        years = store.school_years
        held = years.archived(2024)
        with years.read_once(2024):
            assert years.archived(2024) is held
        assert years.archived(2024) is held  # read before: kept
        with years.read_once(2025):
            passing = years.archived(2025)
            assert years.archived(2025) is passing  # once within the block
        again = years.archived(2025)
        assert again is not passing  # let go: read again
        assert again == passing


# -- writing in pieces -------------------------------------------------------------------


def temp_files(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


@POSIX_ONLY
def test_pieces_are_written_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    atomic_write_pieces(target, iter([b"{", b"", b'"a": 1', b"}\n"]))
    assert target.read_bytes() == b'{"a": 1}\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert temp_files(tmp_path) == []


def test_a_failure_while_the_pieces_are_made_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"the export of yesterday\n")

    def pieces() -> Iterator[bytes]:
        yield b"{" + b" " * (1 << 20)  # written to the temp file already
        raise RuntimeError("an archive turned out damaged")

    with pytest.raises(RuntimeError, match="damaged"):
        atomic_write_pieces(target, pieces())
    assert target.read_bytes() == b"the export of yesterday\n"
    assert temp_files(tmp_path) == []
