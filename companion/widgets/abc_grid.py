"""The ABC of Love grid: children x the seven ingredients, for one day and one moment.

Drawn line by line (companion.widgets.line_grid): a tick repaints its child's row only,
a cursor move the rows it touches, and another day or moment the visible rows, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message

from companion.content import AbcIngredient, abc_items
from companion.domain.abc import AbcDay
from companion.domain.children import Child, ShownNames
from companion.domain.vocabulary import ABC_ITEMS, AbcItem, Moment
from companion.i18n import t
from companion.widgets.line_grid import GridColumn, LineGrid
from companion.widgets.marks import group_mark, nothing_yet, tick

NAME_WIDTH = 20
ITEM_WIDTH = 7
TOTAL_WIDTH = 6
FIRST_ITEM = 1  # the column of the first ingredient, right of the names
# The marks, centred in their columns, made once: most cells are one of these.
_TICKED = Content.assemble(" " * (ITEM_WIDTH // 2), tick(True))
_NOT_TICKED = Content.assemble(" " * (ITEM_WIDTH // 2), tick(False))
_QUIET_TOTAL = nothing_yet(3)


class AbcGrid(LineGrid):
    """Shows ticks; asks its screen to toggle (it never writes itself)."""

    DEFAULT_CSS = """
    AbcGrid { height: 1fr; }
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
        super().__init__(cursor_type="cell", id=id)
        self.moment: Moment = "welcome"
        self._children: list[Child] = []
        self._entries: dict[str, AbcDay] = {}
        # How each child is named (her initials with the setting on): the screen's.
        self.names = ShownNames(initials=False, by_id={})
        self.set_columns(_columns(), fixed=1)

    # -- attributes down --------------------------------------------------------------

    def show(
        self, children: Sequence[Child], entries: Mapping[str, AbcDay], moment: Moment
    ) -> None:
        """Replace every row, keeping the cursor on the same child and column."""
        keep_child = self.highlighted_child_id
        self.moment = moment
        self._entries = dict(entries)
        self._children = list(children)
        ids = [child.id for child in self._children]
        row = ids.index(keep_child) if keep_child in ids else 0
        self.set_rows(ids, Coordinate(row, self.cursor_column or FIRST_ITEM))

    def update_entry(self, child: Child, entry: AbcDay) -> None:
        """Repaint one child's row after a toggle: one line, whatever the class size."""
        self._entries[child.id] = entry
        if self.has_row(child.id):  # else hidden by the name filter (an undo can reach her)
            self._children[self.get_row_index(child.id)] = child
            self.refresh_row(child.id)

    def highlight_child(self, child_id: str) -> None:
        if self.has_row(child_id):
            self.move_cursor(
                row=self.get_row_index(child_id), column=self.cursor_column or FIRST_ITEM
            )

    # -- reading the cursor -----------------------------------------------------------

    @property
    def highlighted_child_id(self) -> str | None:
        return self.cursor_key

    @property
    def highlighted_item(self) -> AbcItem | None:
        column = self.cursor_column - FIRST_ITEM
        return ABC_ITEMS[column] if 0 <= column < len(ABC_ITEMS) else None

    def action_request_toggle(self) -> None:
        child_id, item = self.highlighted_child_id, self.highlighted_item
        if child_id and item:
            self.post_message(self.ToggleRequested(self, child_id, item))

    def action_select_cursor(self) -> None:
        # enter or a click on the highlighted cell toggles it, like space
        self.action_request_toggle()

    # -- drawing ----------------------------------------------------------------------

    def row_cells(self, index: int) -> list[Content]:
        child = self._children[index]
        entry = self._entries.get(child.id) or AbcDay(child.id, date.min)
        quiet = entry.total == 0
        name = Content.assemble(
            group_mark(child.group),
            (_fit(self.names.brief(child), NAME_WIDTH - 2), "italic" if quiet else ""),
        )
        ticks = entry.items_at(self.moment)
        marks = [_TICKED if item in ticks else _NOT_TICKED for item in ABC_ITEMS]
        total = _QUIET_TOTAL if quiet else Content.styled(f"{entry.total:>3}", "bold")
        return [name, *marks, total]


def _columns() -> list[GridColumn]:
    items = [
        GridColumn(item.key, ITEM_WIDTH, Content(item_header(item, ITEM_WIDTH).plain))
        for item in abc_items()
    ]
    # The row shows one moment, the last column the whole day: its header says so.
    day_total = "Σ".center(TOTAL_WIDTH) + "\n" + t("abc.day_total").center(TOTAL_WIDTH)
    return [
        GridColumn("name", NAME_WIDTH, Content("")),
        *items,
        GridColumn("total", TOTAL_WIDTH, Content(day_total)),
    ]


def item_header(item: AbcIngredient, width: int) -> Text:
    """A two-line column header: the deck's number over the short name."""
    return Text(f"{item.number}".center(width) + "\n" + item.short().center(width))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
