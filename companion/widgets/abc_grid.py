"""The ABC of Love grid: children x the seven ingredients, for one day and one moment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from companion.content import AbcIngredient, abc_items
from companion.domain.abc import AbcDay
from companion.domain.children import Child, ShownNames
from companion.domain.vocabulary import ABC_ITEMS, AbcItem, Moment
from companion.i18n import t
from companion.widgets.bindings import translate_bindings
from companion.widgets.marks import group_mark, nothing_yet, tick

NAME_WIDTH = 20
ITEM_WIDTH = 7
TOTAL_WIDTH = 6


class AbcGrid(DataTable[Content]):
    """Shows ticks; asks its screen to toggle (it never writes itself)."""

    DEFAULT_CSS = """
    AbcGrid { height: 1fr; }
    AbcGrid > .datatable--header { text-style: bold; }
    """
    BINDINGS = [Binding("space", "request_toggle", "abc.toggle_cell", show=False)]

    class ToggleRequested(Message):
        def __init__(self, grid: AbcGrid, child_id: str, item: AbcItem) -> None:
            super().__init__()
            self.grid = grid
            self.child_id = child_id
            self.item = item

        @property
        def control(self) -> AbcGrid:
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            cursor_type="cell",
            zebra_stripes=True,
            cell_padding=0,
            fixed_columns=1,
            header_height=2,
            id=id,
        )
        translate_bindings(self)
        self.moment: Moment = "welcome"
        self._entries: dict[str, AbcDay] = {}
        # How each child is named (her initials with the setting on): the screen's.
        self.names = ShownNames(initials=False, by_id={})

    def on_mount(self) -> None:
        self.add_column(Text(""), width=NAME_WIDTH, key="name")
        for item in abc_items():
            self.add_column(item_header(item, ITEM_WIDTH), width=ITEM_WIDTH, key=item.key)
        # The row shows one moment, the last column the whole day: its header says so.
        day_total = "Σ".center(TOTAL_WIDTH) + "\n" + t("abc.day_total").center(TOTAL_WIDTH)
        self.add_column(Text(day_total), width=TOTAL_WIDTH, key="total")

    # -- attributes down --------------------------------------------------------------

    def show(
        self, children: Sequence[Child], entries: Mapping[str, AbcDay], moment: Moment
    ) -> None:
        """Replace every row, keeping the cursor on the same child and column."""
        keep_child = self.highlighted_child_id
        keep_column = self.cursor_coordinate.column
        self.moment = moment
        self._entries = dict(entries)
        self.clear()
        for child in children:
            entry = self._entries.get(child.id) or AbcDay(child.id, date.min)
            self.add_row(*self._cells(child, entry), key=child.id, label=None)
        if keep_child and keep_child in {c.id for c in children}:
            row = self.get_row_index(keep_child)
        else:
            row = 0
        if self.row_count:
            self.cursor_coordinate = Coordinate(row, keep_column or 1)

    def update_entry(self, child: Child, entry: AbcDay) -> None:
        """Repaint one child's row after a toggle: cheap, whatever the class size."""
        self._entries[child.id] = entry
        if child.id not in self.rows:
            return  # hidden by the name filter (an undo can reach such a child)
        for column, value in zip(self._column_keys(), self._cells(child, entry), strict=True):
            self.update_cell(child.id, column, value)

    def highlight_child(self, child_id: str) -> None:
        if child_id in self.rows:
            self.cursor_coordinate = Coordinate(
                self.get_row_index(child_id), self.cursor_coordinate.column or 1
            )

    # -- reading the cursor -----------------------------------------------------------

    @property
    def highlighted_child_id(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    @property
    def highlighted_item(self) -> AbcItem | None:
        column = self.cursor_coordinate.column - 1
        return ABC_ITEMS[column] if 0 <= column < len(ABC_ITEMS) else None

    def action_request_toggle(self) -> None:
        child_id, item = self.highlighted_child_id, self.highlighted_item
        if child_id and item:
            self.post_message(self.ToggleRequested(self, child_id, item))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        # enter or a click on a cell toggles it, like space
        event.stop()
        self.action_request_toggle()

    # -- drawing ----------------------------------------------------------------------

    def _column_keys(self) -> list[str]:
        return ["name", *ABC_ITEMS, "total"]

    def _cells(self, child: Child, entry: AbcDay) -> list[Content]:
        quiet = entry.total == 0
        name = Content.assemble(
            group_mark(child.group),
            (
                _fit(self.names.brief(child), NAME_WIDTH - 2),
                "italic" if quiet else "",
            ),
        )
        ticks = entry.items_at(self.moment)
        cells = [name]
        for item in ABC_ITEMS:
            cells.append(Content.assemble(" " * (ITEM_WIDTH // 2), tick(item in ticks)))
        cells.append(nothing_yet(3) if quiet else Content.styled(f"{entry.total:>3}", "bold"))
        return cells


def item_header(item: AbcIngredient, width: int) -> Text:
    """A two-line column header: the deck's number over the short name."""
    return Text(f"{item.number}".center(width) + "\n" + item.short().center(width))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
