"""CSV for Excel with Belgian settings: read back by Python's csv module with `;`, the
byte-order mark in front, diacritics intact, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from companion.reports.csv_tables import FORMULA_STARTS, csv_bytes, neutralised


def read_back(payload: bytes) -> list[list[str]]:
    assert payload.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Zoë right
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_a_table_opens_with_semicolons_and_its_diacritics_intact() -> None:
    payload = csv_bytes(
        ["Kind", "Vinkjes", "Notitie"],
        [["Zoë D'hondt", 12, "hielp; een beetje"], ["Jérôme", 3.5, None]],
    )
    assert b"\r\n" in payload
    assert read_back(payload) == [
        ["Kind", "Vinkjes", "Notitie"],
        ["Zoë D'hondt", "12", "hielp; een beetje"],
        ["Jérôme", "3,5", ""],
    ]


def test_a_cell_that_would_be_a_formula_is_shown_never_run() -> None:
    attacks = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    rows = read_back(csv_bytes(["x"], [[a] for a in attacks]))
    assert [row[0] for row in rows[1:]] == ["'" + a for a in attacks]
    assert neutralised(-3) == "-3"  # a number stays a number


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none()), max_size=4), max_size=5))
def test_any_table_reads_back_and_no_text_cell_starts_a_formula(rows: list[list[object]]) -> None:
    header = ["a", "b", "c", "d"]
    cells = [[c if c is None or isinstance(c, int) else str(c) for c in row] for row in rows]
    back = read_back(csv_bytes(header, cells))
    assert back[0] == header
    for written, read in zip(cells, back[1:], strict=True):
        for cell, shown in zip(written, read, strict=True):
            if isinstance(cell, str):
                assert not shown.startswith(FORMULA_STARTS)
                assert shown in (cell, "'" + cell)
