"""The week ledger's table, drawn line by line: what a keypress repaints (the lines
Textual asks it to draw again), and the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_abc_grid import painted_lines
from ui_helpers import SCHOOL_START, SIZE, TODAY, make_app, press, screen_names

from companion.domain.children import ChildDraft
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.ledger import CLASS_ROW
from companion.store import Store
from companion.widgets.line_table import LineTable

HEADER_LINES = 1


async def test_another_week_draws_each_line_once_and_a_move_two(
    small_class: dict[str, str], data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        table = app.screen.query_one(LineTable)
        painted = painted_lines(table, monkeypatch)

        await press(pilot, "left_square_bracket")
        assert sorted(painted) == list(range(table.size.height))

        painted.clear()
        await press(pilot, "down")
        assert sorted(painted) == [HEADER_LINES, HEADER_LINES + 1]


async def test_a_click_selects_a_row_and_a_click_on_it_opens_her_history(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        table = app.screen.query_one(LineTable)
        assert table.row_keys[-1] == CLASS_ROW
        third = (2, HEADER_LINES + 2)
        await pilot.click(table, offset=third)
        await pilot.pause()
        assert table.selected_key == table.row_keys[2]
        assert screen_names(app)[-1] == "LedgerScreen"
        # Right of the last column is still her row.
        await pilot.click(table, offset=(SIZE[0] - 1, HEADER_LINES + 2))
        await pilot.pause()
        assert isinstance(app.screen, ChildHistoryScreen)
        assert app.screen.child_id == table.row_keys[2]


async def test_another_week_leaves_the_scrollbar_alone(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar, the bars and the legend of another week take a new layout of the screen,
    after which Textual would repaint a scroll view's scrollbars too: in a frame of its
    own, well after the rows. The table's size stays, so its scrollbar stays."""
    drafts = [ChildDraft(f"Kind{n:02d}", "Peeters") for n in range(1, 41)]
    with Store.open(data_path, today=TODAY) as store:
        store.children.add_many(drafts, added_on=SCHOOL_START)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        painted = painted_lines(app.screen.query_one(LineTable).vertical_scrollbar, monkeypatch)
        await press(pilot, "left_square_bracket", "right_square_bracket")
        assert painted == []
