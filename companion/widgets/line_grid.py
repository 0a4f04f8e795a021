"""A table drawn line by line with Textual's line API (a ScrollView with `render_line`).

DataTable repaints every visible cell when one cell changes: its update counter is part
of every cache key. Here each row's line is cached on its own and repainted on its own:
changing a row repaints that line, moving the cursor the rows it leaves and enters, and
new rows what is visible, once. Rows are one line high, the header may have several
lines, and the first columns stay put while the others scroll sideways. A subclass says
what a row's cells are (`row_cells`) and which rows changed (`refresh_row`); the styles
are component classes (`line-grid--cursor`, ...), so themes reach them as they reach
DataTable's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import NULL_STYLE

from companion.widgets.bindings import translate_bindings

CursorType = Literal["cell", "row"]
# How the cursor touches a row, part of its cached line's key: the cursor's column on
# that row (the whole row for a row cursor), or None when it is elsewhere.
WHOLE_ROW = -1
EXTENSION_FADE = 0.25  # the stripe right of the last column, as DataTable fades it
CELL_CACHE_SIZE = 4096  # drawn cells kept: a class's names and marks in a few looks


@dataclass(frozen=True, slots=True)
class GridColumn:
    key: str
    width: int
    label: Content  # the header, one line per header line


@dataclass(frozen=True, slots=True)
class _Palette:
    """The component styles, resolved once per theme, focus or CSS."""

    header: RichStyle
    fixed: RichStyle
    stripes: tuple[RichStyle, RichStyle]  # even rows, odd rows
    cursor: RichStyle
    fixed_cursor: RichStyle
    background: Color


@dataclass(frozen=True, slots=True)
class _LineKey:
    """What a cached line depends on besides its row's data (dropped when that changes)."""

    cursor: int | None
    scroll_x: int
    width: int


class LineGrid(ScrollView, can_focus=True):
    """Rows of cells under a header; the cursor is a cell or a whole row."""

    ALLOW_SELECT = False
    # Described in both languages; their own ids keep them out of the help and the
    # palette (translate_bindings marks only id-less ones as the app's), as DataTable's.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "grid.choose", show=False, id="grid.choose"),
        Binding("up", "cursor_up", "grid.cursor_up", show=False, id="grid.up"),
        Binding("down", "cursor_down", "grid.cursor_down", show=False, id="grid.down"),
        Binding("left", "cursor_left", "grid.cursor_left", show=False, id="grid.left"),
        Binding("right", "cursor_right", "grid.cursor_right", show=False, id="grid.right"),
        Binding("pageup", "cursor_page_up", "grid.page_up", show=False, id="grid.page_up"),
        Binding("pagedown", "cursor_page_down", "grid.page_down", show=False, id="grid.page_down"),
        Binding("ctrl+home", "cursor_top", "grid.first_row", show=False, id="grid.top"),
        Binding("ctrl+end", "cursor_bottom", "grid.last_row", show=False, id="grid.bottom"),
        Binding("home", "cursor_home", "grid.row_start", show=False, id="grid.home"),
        Binding("end", "cursor_end", "grid.row_end", show=False, id="grid.end"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-grid--header",
        "line-grid--fixed",
        "line-grid--even-row",
        "line-grid--odd-row",
        "line-grid--cursor",
        "line-grid--fixed-cursor",
    }
    # DataTable's look, under our own names.
    DEFAULT_CSS = """
    LineGrid {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .line-grid--header { background-tint: $foreground 5%; }
            & > .line-grid--fixed-cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        &:dark > .line-grid--even-row { background: $surface-darken-1 40%; }
        & > .line-grid--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .line-grid--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .line-grid--fixed {
            background: $secondary-muted;
            color: $foreground;
        }
        & > .line-grid--even-row { background: $surface-lighten-1 50%; }
        & > .line-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .line-grid--fixed-cursor {
            background: $block-cursor-blurred-background;
            color: $foreground;
        }
    }
    """

    class CursorMoved(Message):
        """The cursor moved to another cell (or row), by key, mouse or code."""

        def __init__(self, grid: LineGrid, coordinate: Coordinate) -> None:
            super().__init__()
            self.grid = grid
            self.coordinate = coordinate

        @property
        def control(self) -> LineGrid:
            return self.grid

    def __init__(self, *, cursor_type: CursorType = "cell", id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.cursor_type: CursorType = cursor_type
        self._columns: tuple[GridColumn, ...] = ()
        self._column_ends: tuple[int, ...] = ()
        self._fixed_count = 0
        self._header_height = 0
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cursor = Coordinate(0, 0)
        self._lines: dict[int, tuple[_LineKey, Strip]] = {}  # by row index
        self._header_lines: dict[int, tuple[_LineKey, Strip]] = {}
        self._cells: dict[tuple[object, ...], list[Segment]] = {}
        self._palette: _Palette | None = None
        self._scrollbars_for: Size | None = None  # the virtual size they were fitted to

    # -- what the subclass gives ------------------------------------------------------

    def row_cells(self, index: int) -> Sequence[Content]:
        """The cells of the row at `index`, one per column (drawn when not cached)."""
        raise NotImplementedError

    def set_columns(self, columns: Sequence[GridColumn], *, fixed: int = 0) -> None:
        """The columns, of which the first `fixed` do not scroll sideways."""
        self._columns = tuple(columns)
        self._column_ends = tuple(accumulate(column.width for column in columns))
        self._fixed_count = fixed
        self._header_height = max((len(c.label.split("\n")) for c in columns), default=0)
        self._forget_lines()
        self._resize_virtual()
        self._refresh_lines()

    def set_rows(self, keys: Iterable[str], cursor: Coordinate) -> None:
        """Show these rows (keys, in order) in place of all, with the cursor at `cursor`
        (clamped): every visible line is drawn again, once."""
        self._keys = list(keys)
        self._index = {key: index for index, key in enumerate(self._keys)}
        self._forget_lines()
        before, self._cursor = self._cursor, self._clamp(cursor)
        self._resize_virtual()
        self._refresh_lines()
        self._scroll_to_cursor()
        if self._cursor != before:
            self.post_message(self.CursorMoved(self, self._cursor))

    def refresh_row(self, key: str) -> None:
        """The row's cells changed: draw its line again (if it is shown at all)."""
        index = self._index.get(key)
        if index is not None:
            self._lines.pop(index, None)
            self._refresh_row_line(index)

    # -- reading ----------------------------------------------------------------------

    @property
    def columns(self) -> dict[str, GridColumn]:
        return {column.key: column for column in self._columns}

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def row_keys(self) -> Sequence[str]:
        return tuple(self._keys)

    @property
    def cursor_coordinate(self) -> Coordinate:
        return self._cursor

    @property
    def cursor_row(self) -> int:
        return self._cursor.row

    @property
    def cursor_column(self) -> int:
        return self._cursor.column

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor (None without rows)."""
        return self._keys[self._cursor.row] if self._keys else None

    def has_row(self, key: str) -> bool:
        return key in self._index

    def get_row_index(self, key: str) -> int:
        return self._index[key]

    def get_row(self, key: str) -> list[Content]:
        """The cells of a shown row, as drawn (for reading, never for changing)."""
        return list(self.row_cells(self._index[key]))

    def get_cell(self, key: str, column_key: str) -> Content:
        column = next(i for i, column in enumerate(self._columns) if column.key == column_key)
        return self.get_row(key)[column]

    # -- the cursor -------------------------------------------------------------------

    def move_cursor(
        self, *, row: int | None = None, column: int | None = None, scroll: bool = True
    ) -> None:
        """Move the cursor (clamped to the rows and columns), repainting the row it
        leaves and the row it enters, and keep it in view."""
        before = self._cursor
        target = self._clamp(
            Coordinate(
                before.row if row is None else row, before.column if column is None else column
            )
        )
        if target != before:
            self._cursor = target
            self._refresh_row_line(before.row)
            self._refresh_row_line(target.row)
            self.post_message(self.CursorMoved(self, target))
        if scroll:
            self._scroll_to_cursor()

    def _clamp(self, coordinate: Coordinate) -> Coordinate:
        """Inside the rows and columns (a row cursor stays in the first column)."""
        row = min(max(coordinate.row, 0), max(len(self._keys) - 1, 0))
        last_column = len(self._columns) - 1 if self.cursor_type == "cell" else 0
        return Coordinate(row, min(max(coordinate.column, 0), max(last_column, 0)))

    def _cursor_on(self, index: int) -> int | None:
        if index != self._cursor.row:
            return None
        return self._cursor.column if self.cursor_type == "cell" else WHOLE_ROW

    def _scroll_to_cursor(self) -> None:
        if not self._keys:
            return
        if not self.size:  # not laid out yet: on_resize comes when it is
            return
        row, column = self._cursor
        start = self._column_ends[column] - self._columns[column].width
        self.scroll_to_region(
            Region(start, self._header_height + row, self._columns[column].width, 1),
            spacing=Spacing(self._header_height, 0, 0, self._fixed_width),
            animate=False,
            force=True,
            x_axis=self.cursor_type == "cell",
        )

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # The compositor hands a scroll view its viewport as `virtual_size`, which never
        # equals the grid's own, so ScrollView would update (and repaint) both scrollbars
        # after every layout of the screen (a legend or a bar that changes): a second
        # frame, tens of milliseconds after the first. Here only when the grid's own
        # virtual size changed since (new rows), or its size.
        if self.virtual_size == self._scrollbars_for:
            virtual_size = self.virtual_size
        self._scrollbars_for = self.virtual_size
        return super()._size_updated(size, virtual_size, container_size, layout)

    # -- keys and the mouse -----------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor.row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor.row + 1)

    def action_cursor_left(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=self._cursor.column - 1)
        else:
            self.scroll_left(animate=False)

    def action_cursor_right(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=self._cursor.column + 1)
        else:
            self.scroll_right(animate=False)

    def action_cursor_home(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=0)
        else:
            self.scroll_to(x=0, animate=False)

    def action_cursor_end(self) -> None:
        if self.cursor_type == "cell":
            self.move_cursor(column=len(self._columns) - 1)
        else:
            self.scroll_to(x=self.max_scroll_x, animate=False)

    def action_cursor_top(self) -> None:
        self.move_cursor(row=0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_cursor_page_up(self) -> None:
        self._page(-1)

    def action_cursor_page_down(self) -> None:
        self._page(1)

    def _page(self, direction: int) -> None:
        """A page of rows up or down: the view and the cursor move together."""
        page = max(1, self.size.height - self._header_height)
        self.scroll_to(y=self.scroll_offset.y + direction * page, animate=False, force=True)
        self.move_cursor(row=self._cursor.row + direction * page)

    def action_select_cursor(self) -> None:
        """Enter, or a click on the cursor's cell: what it does is the subclass's."""

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the cell; a click on the cursor's cell selects it."""
        offset = event.get_content_offset(self)
        target = None if offset is None else self._cell_at(offset.x, offset.y)
        if target is None:
            return
        event.stop()
        if target == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=target.row, column=target.column)

    def _cell_at(self, x: int, y: int) -> Coordinate | None:
        """The cell at a point of the widget (None on the header, past the rows, or
        right of the last column of a cell cursor's grid): for a row cursor, its row."""
        row = y - self._header_height + self.scroll_offset.y
        if y < self._header_height or row >= len(self._keys):
            return None
        if self.cursor_type == "row":
            return Coordinate(row, 0)
        grid_x = x if x < self._fixed_width else x + self.scroll_offset.x
        column = next((i for i, end in enumerate(self._column_ends) if grid_x < end), None)
        return None if column is None else Coordinate(row, column)

    # -- drawing ----------------------------------------------------------------------

    @property
    def _fixed_width(self) -> int:
        return self._column_ends[self._fixed_count - 1] if self._fixed_count else 0

    def _resize_virtual(self) -> None:
        width = self._column_ends[-1] if self._column_ends else 0
        self.virtual_size = Size(width, self._header_height + len(self._keys))

    def _forget_lines(self) -> None:
        self._lines.clear()
        self._header_lines.clear()

    def _refresh_lines(self) -> None:
        """Mark every line on screen for a repaint; not the scrollbars, which a new
        virtual size updates by itself."""
        self.refresh(self.size.region)

    def _refresh_row_line(self, index: int) -> None:
        """Mark one row's line on screen for a repaint, if it is in view."""
        y = self._header_height + index - self.scroll_offset.y
        if self._header_height <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def notify_style_update(self) -> None:
        # Another theme, the focus gained or lost, new CSS: every line is drawn anew.
        super().notify_style_update()
        self._palette = None
        self._cells.clear()
        self._forget_lines()
        self.refresh()

    def _current_palette(self) -> _Palette:
        if self._palette is None:
            style = self.get_component_rich_style
            self._palette = _Palette(
                header=style("line-grid--header"),
                fixed=style("line-grid--fixed"),
                stripes=(style("line-grid--even-row"), style("line-grid--odd-row")),
                cursor=style("line-grid--cursor"),
                fixed_cursor=style("line-grid--cursor") + style("line-grid--fixed-cursor"),
                background=self.background_colors[1],
            )
        return self._palette

    def render_line(self, y: int) -> Strip:
        palette = self._current_palette()
        if y < self._header_height:
            return self._header_line(y, palette)
        index = y - self._header_height + self.scroll_offset.y
        if index >= len(self._keys):
            return Strip.blank(self.size.width, self.rich_style)
        key = _LineKey(self._cursor_on(index), self.scroll_offset.x, self.size.width)
        cached = self._lines.get(index)
        if cached is None or cached[0] != key:
            cached = key, self._draw_row(index, key.cursor, palette)
            self._lines[index] = cached
        return cached[1]

    def _header_line(self, y: int, palette: _Palette) -> Strip:
        key = _LineKey(None, self.scroll_offset.x, self.size.width)
        cached = self._header_lines.get(y)
        if cached is None or cached[0] != key:
            segments: list[Segment] = []
            for column in self._columns:
                lines = column.label.split("\n")
                label = lines[y] if y < len(lines) else Content()
                segments += self._cell(label, column.width, palette.header)
            cached = key, self._place(segments, self._extension(palette.header, palette))
            self._header_lines[y] = cached
        return cached[1]

    def _draw_row(self, index: int, cursor: int | None, palette: _Palette) -> Strip:
        stripe = palette.stripes[index % 2]
        segments: list[Segment] = []
        cells = self.row_cells(index)
        for column_index, (column, cell) in enumerate(zip(self._columns, cells, strict=True)):
            fixed = column_index < self._fixed_count
            base = palette.fixed if fixed else stripe
            if cursor in (column_index, WHOLE_ROW):
                over = palette.fixed_cursor if fixed else palette.cursor
                segments += self._cell(cell, column.width, base + over, _colours(over))
            else:
                segments += self._cell(cell, column.width, base)
        if cursor == WHOLE_ROW:
            return self._place(segments, stripe + palette.cursor)
        return self._place(segments, self._extension(stripe, palette))

    def _extension(self, stripe: RichStyle, palette: _Palette) -> RichStyle:
        """Right of the last column: a cell cursor's grid fades the stripe there (a row
        cursor's does not), as DataTable does."""
        return _faded(stripe, palette.background) if self.cursor_type == "cell" else stripe

    def _cell(
        self, content: Content, width: int, base: RichStyle, over: RichStyle | None = None
    ) -> list[Segment]:
        """One cell's segments, `width` wide: the content's own styles over `base`, and
        `over` (the cursor's colours) over both, as DataTable draws a cell. Cells repeat
        (a tick, a blank, a count), so each is drawn once per look."""
        key = (content.plain, tuple(content.spans), width, base, over)
        if (segments := self._cells.get(key)) is None:
            if len(self._cells) >= CELL_CACHE_SIZE:
                self._cells.clear()
            fitted = content.truncate(width, pad=True)
            pieces = fitted.render(NULL_STYLE, end="")  # $variables: the app's theme
            segments = [Segment(text, base + style.rich_style + over) for text, style in pieces]
            self._cells[key] = segments
        return segments

    def _place(self, segments: list[Segment], extension: RichStyle) -> Strip:
        """A whole line of the grid as seen: the fixed columns, the others from the
        horizontal scroll on, and the row's stripe to the widget's right edge."""
        strip = Strip(segments)
        if scroll_x := self.scroll_offset.x:
            fixed = self._fixed_width
            strip = Strip.join([strip.crop(0, fixed), strip.crop(fixed + scroll_x)])
        width = self.size.width
        return strip.crop(0, width).extend_cell_length(width, extension).simplify()


def _faded(stripe: RichStyle, background: Color) -> RichStyle:
    """The stripe's colours a quarter of the way to the widget's background."""
    if stripe.bgcolor is None:
        return RichStyle.from_color(stripe.color)
    faded = Color.from_rich_color(stripe.bgcolor).blend(background, EXTENSION_FADE)
    return RichStyle.from_color(stripe.color, faded.rich_color)


def _colours(style: RichStyle) -> RichStyle:
    return RichStyle.from_color(style.color, style.bgcolor)
