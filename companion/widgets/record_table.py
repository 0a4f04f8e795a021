"""A table of records, one row a record keyed by its id: the selected record, rows
replaced with the cursor kept on the same record, and a `Chosen` message (enter or a
click on a row). The screen passes the rows down and acts on what is chosen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable


@dataclass(frozen=True, slots=True)
class Column:
    label: str | Text
    key: str
    width: int | None = None


def plain(cell: RenderableType) -> RenderableType:
    """A str cell as the plain text it is, on one line as DataTable shows a str: DataTable
    would read it as Rich markup ("[Zoë]" vanishes), emoji codes and all."""
    return Text(cell, no_wrap=True, end="") if isinstance(cell, str) else cell


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    cells: Sequence[RenderableType]


class RecordTable(DataTable[RenderableType]):
    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    class Chosen(Message):
        """Enter or a click on a record's row."""

        def __init__(self, table: RecordTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(
        self,
        *,
        cell_padding: int = 1,
        fixed_columns: int = 0,
        header_height: int = 1,
        id: str | None = None,
    ) -> None:
        super().__init__(
            cursor_type="row",
            zebra_stripes=True,
            cell_padding=cell_padding,
            fixed_columns=fixed_columns,
            header_height=header_height,
            id=id,
        )

    @property
    def selected_key(self) -> str | None:
        """The record under the cursor (None in an empty table)."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def replace(
        self,
        records: Iterable[Record],
        *,
        columns: Sequence[Column] | None = None,
        select: str | None = None,
    ) -> None:
        """Show `records` in place of every row (and `columns` in place of every column,
        when given). The cursor goes to `select`, else stays on the record it was on,
        else on the same row (the nearest one left)."""
        keep = select or self.selected_key
        keep_row = self.cursor_row
        self.clear(columns=columns is not None)
        self.add_record_columns(columns or ())
        for record in records:
            self.add_row(*map(plain, record.cells), key=record.key)
        if not self.row_count:
            return
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))
        else:
            self.move_cursor(row=min(keep_row, self.row_count - 1))

    def add_record_columns(self, columns: Iterable[Column]) -> None:
        """`columns` after the last one. A str label would be read as Rich markup, emoji
        codes and all (which loads a table of 3,600 emoji): a label is plain text."""
        for column in columns:
            label = Text(column.label) if isinstance(column.label, str) else column.label
            self.add_column(label, key=column.key, width=column.width)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(self, event.row_key.value))
