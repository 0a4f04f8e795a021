"""RecordTable's API (records replaced with the cursor kept on its record, `Chosen` on
enter or a click on the cursor's row) drawn line by line (companion.widgets.line_grid):
a new week repaints the visible rows once, a cursor move the two rows it touches. For a
table shown again and again with new records, where DataTable's full rebuild (every row
added and measured, every cell drawn anew) is what the teacher waits for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message

from companion.widgets.line_grid import GridColumn, LineGrid
from companion.widgets.record_table import Column, Record


class LineTable(LineGrid):
    DEFAULT_CSS = """
    LineTable { height: 1fr; }
    """

    class Chosen(Message):
        """Enter or a click on the row under the cursor."""

        def __init__(self, table: LineTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> LineTable:
            return self.table

    def __init__(self, *, fixed_columns: int = 0, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self._fixed_columns = fixed_columns
        self._records: list[Sequence[RenderableType]] = []

    @property
    def selected_key(self) -> str | None:
        """The record under the cursor (None in an empty table)."""
        return self.cursor_key

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
        if columns is not None:
            self.set_columns(
                [_grid_column(column) for column in columns], fixed=self._fixed_columns
            )
        shown = list(records)
        self._records = [record.cells for record in shown]
        keys = [record.key for record in shown]
        row = keys.index(keep) if keep in keys else self.cursor_row
        self.set_rows(keys, Coordinate(row, 0))

    def row_cells(self, index: int) -> list[Content]:
        return [_content(cell) for cell in self._records[index]]

    def action_select_cursor(self) -> None:
        if key := self.cursor_key:
            self.post_message(self.Chosen(self, key))


def _grid_column(column: Column) -> GridColumn:
    if column.width is None:
        raise ValueError(f"column {column.key!r}: a line table's columns have a width")
    return GridColumn(column.key, column.width, _content(column.label))


def _content(cell: RenderableType) -> Content:
    if isinstance(cell, Content):
        return cell
    if isinstance(cell, Text):
        return Content.from_rich_text(cell)
    if isinstance(cell, str):
        return Content(cell)
    raise TypeError(f"a line table shows text, not {type(cell).__name__}")
