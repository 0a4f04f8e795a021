"""The widgets that own a pattern: the period bar's arrows step the period, the table of
records (the ledger's) keeps the cursor on its record and says which one was chosen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.data_table import ColumnKey
from ui_helpers import SIZE, TODAY, make_app, press

from companion.domain.dates import monday_of
from companion.screens.abc import AbcScreen
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.ledger import LedgerScreen
from companion.widgets.line_table import LineTable
from companion.widgets.record_table import Column, Record, RecordTable

LEFT_ARROW = (1, 0)  # after the bar's padding


async def test_a_click_on_the_arrows_of_the_period_bar_steps_the_period(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        await pilot.click("#ledger-bar", offset=LEFT_ARROW)
        await pilot.pause()
        assert ledger.monday == monday_of(TODAY) - timedelta(weeks=1)
        bar = ledger.query_one("#ledger-bar")
        right_arrow = len(str(bar.render()).rstrip())  # the last glyph, after the padding
        await pilot.click("#ledger-bar", offset=(right_arrow, 0))
        await pilot.pause()
        assert ledger.monday == monday_of(TODAY)
        await press(pilot, "escape", "a")
        abc = app.screen
        assert isinstance(abc, AbcScreen)
        await pilot.click("#abc-bar", offset=LEFT_ARROW)
        await pilot.pause()
        assert abc.day == TODAY - timedelta(days=1)


async def test_the_record_table_keeps_its_record_and_tells_which_is_chosen(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w", "down", "down")
        table = app.screen.query_one(LineTable)
        chosen = table.selected_key
        assert chosen in small_class.values()
        await press(pilot, "left_square_bracket")  # another week: the same children
        assert table.selected_key == chosen
        await press(pilot, "enter")
        assert isinstance(app.screen, ChildHistoryScreen)
        assert app.screen.child_id == chosen


async def test_a_record_tables_text_is_shown_as_typed_never_read_as_markup() -> None:
    """A str label or cell is plain text: brackets and colons stay (Rich would read
    "[b]" as markup and ":smile:" as an emoji)."""
    typed = "[b]Zoë[/b] :smile: 09:30"

    class OneTable(App[None]):
        def compose(self) -> ComposeResult:
            yield RecordTable()

        def on_mount(self) -> None:
            self.query_one(RecordTable).replace(
                [Record("zoe", [typed])], columns=[Column(typed, "note", len(typed))]
            )

    app = OneTable()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(RecordTable)
        label = table.columns[ColumnKey("note")].label
        cell = table.get_row_at(0)[0]
        assert isinstance(cell, Text)
        assert label.plain == cell.plain == typed
        assert typed in "\n".join(strip.text for strip in table.render_lines(table.region))
