"""The ABC grid as a widget: the mouse, a long class, the edges, a narrow window, and
what a keypress repaints (the lines Textual asks the grid to draw again)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_abc import ticked, total
from textual import events
from textual.app import App
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget
from ui_helpers import SCHOOL_START, SIZE, TODAY, make_app, press, screen_text, type_text

from companion.domain.children import ChildDraft
from companion.store import Store
from companion.widgets.abc_grid import ITEM_WIDTH, NAME_WIDTH, AbcGrid

HEADER_LINES = 2  # the number over the short name
CLASS_SIZE = 40


@pytest.fixture
def long_class(data_path: Path) -> list[str]:
    """Forty children, Kind01 to Kind40 (first-name order); their ids in that order."""
    drafts = [ChildDraft(f"Kind{n:02d}", "Peeters") for n in range(1, CLASS_SIZE + 1)]
    with Store.open(data_path, today=TODAY) as store:
        return [child.id for child in store.children.add_many(drafts, added_on=SCHOOL_START)]


def grid_lines(text: str) -> list[str]:
    """The screen's lines that show children (below the bar and the grid's header)."""
    lines = text.splitlines()
    return [line for line in lines[2 + HEADER_LINES :] if "Kind" in line]


def painted_lines(widget: Widget, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every line Textual asks the widget to draw from now on, in order (lines it still
    holds are not asked for)."""
    painted: list[int] = []
    draw = widget.render_line

    def render_line(y: int) -> Strip:
        painted.append(y)
        return draw(y)

    monkeypatch.setattr(widget, "render_line", render_line)
    return painted


async def test_a_click_moves_the_cursor_and_a_click_on_it_ticks(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        # Andy's row (the second), the column of the fourth ingredient (smile).
        smile = (NAME_WIDTH + 3 * ITEM_WIDTH + ITEM_WIDTH // 2, HEADER_LINES + 1)
        await pilot.click(grid, offset=smile)
        await pilot.pause()
        assert (grid.highlighted_child_id, grid.highlighted_item) == (andy, "smile")
        assert ticked(grid, andy) == set(), "the first click only moves the cursor"
        await pilot.click(grid, offset=smile)
        await pilot.pause()
        assert ticked(grid, andy) == {"smile"}

        # A click on the header or right of the grid moves nothing.
        await pilot.click(grid, offset=(NAME_WIDTH + 1, 0))
        await pilot.click(grid, offset=(SIZE[0] - 3, HEADER_LINES))
        await pilot.pause()
        assert (grid.highlighted_child_id, grid.highlighted_item) == (andy, "smile")
        # A click on a name puts the cursor there; a second one ticks nothing.
        await pilot.click(grid, offset=(4, HEADER_LINES + 2))
        await pilot.click(grid, offset=(4, HEADER_LINES + 2))
        await pilot.pause()
        assert grid.highlighted_child_id == small_class["Anna"]
        assert grid.highlighted_item is None
        assert total(grid, small_class["Anna"]) == "○"

    with Store.open(data_path, today=TODAY) as store:
        assert {child for child, _ in store.abc.days([TODAY])} == {andy}


async def test_the_cursor_stays_in_view_in_a_long_class(
    long_class: list[str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        shown = len(grid_lines(screen_text(app)))
        assert 0 < shown < CLASS_SIZE, "a class longer than the window"

        # Down to the last child in view, then one further: the rows move up by one.
        await press(pilot, *["down"] * shown)
        lines = grid_lines(screen_text(app))
        assert grid.highlighted_child_id == long_class[shown]
        assert f"Kind{shown + 1:02d}" in lines[-1] and "Kind01" not in lines[0]

        await press(pilot, "ctrl+end")
        assert grid.highlighted_child_id == long_class[-1]
        assert f"Kind{CLASS_SIZE}" in grid_lines(screen_text(app))[-1]
        await press(pilot, "pageup")
        page_up = grid.cursor_row
        assert page_up == CLASS_SIZE - 1 - shown
        assert any(f"Kind{page_up + 1:02d}" in line for line in grid_lines(screen_text(app)))
        await press(pilot, "ctrl+home")
        assert grid.highlighted_child_id == long_class[0]
        assert "Kind01" in grid_lines(screen_text(app))[0]
        await press(pilot, "pagedown")
        assert grid.cursor_row == shown
        assert any(f"Kind{shown + 1:02d}" in line for line in grid_lines(screen_text(app)))

        # A tick far down the list lands on the child under the cursor.
        await press(pilot, "ctrl+end", "1")
        assert ticked(grid, long_class[-1]) == {"touch"}

        # The wheel scrolls the rows and leaves the cursor where it is.
        await press(pilot, "ctrl+home")
        for _ in range(3):
            grid.post_message(events.MouseScrollDown(grid, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert grid.highlighted_child_id == long_class[0]
        assert "Kind01" not in grid_lines(screen_text(app))[0]


async def test_the_keys_stop_at_the_edges(small_class: dict[str, str], data_path: Path) -> None:
    adam, zoe = small_class["Adam"], small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "up")
        grid = app.screen.query_one(AbcGrid)
        assert (grid.highlighted_child_id, grid.highlighted_item) == (adam, "touch")
        await press(pilot, "left", "left")
        assert (grid.highlighted_child_id, grid.highlighted_item) == (adam, None)
        assert grid.cursor_column == 0, "the names"
        await press(pilot, "space", "enter")  # nothing to tick on a name
        await press(pilot, "end", "right")
        assert (grid.cursor_column, grid.highlighted_item) == (8, None), "the day's total"
        await press(pilot, "space")
        await press(pilot, "ctrl+end", "down", "pagedown")
        assert grid.highlighted_child_id == zoe
        await press(pilot, "home", "right")
        assert (grid.highlighted_child_id, grid.highlighted_item) == (zoe, "touch")
        await press(pilot, "ctrl+home", "pageup")
        assert grid.highlighted_child_id == adam
    with Store.open(data_path, today=TODAY) as store:
        assert store.abc.days([TODAY]) == {}


async def test_a_narrow_window_scrolls_the_ingredients_under_the_fixed_names(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=(60, 24)) as pilot:
        await press(pilot, "enter", "a")  # go on in a window below 80 x 24
        header = screen_text(app).splitlines()[3]
        assert "Tch" in header and "day" not in header
        await press(pilot, "end")
        lines = screen_text(app).splitlines()
        assert "Tch" not in lines[3] and "day" in lines[3]
        adam = next(line for line in lines if "Adam" in line)
        assert adam.startswith("◌ Adam J"), "the names stay put"
        assert adam.split()[-1] == "○", "the day's total in view"
        await press(pilot, "home")
        assert "Tch" in screen_text(app).splitlines()[3]


async def test_a_tick_repaints_only_its_row(
    small_class: dict[str, str], data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    andy_line = HEADER_LINES + 1  # the second child
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "down")
        grid = app.screen.query_one(AbcGrid)
        painted = painted_lines(grid, monkeypatch)

        await press(pilot, "4")
        assert ticked(grid, small_class["Andy"]) == {"smile"}
        assert painted == [andy_line]

        painted.clear()
        await press(pilot, "down")
        assert sorted(painted) == [andy_line, andy_line + 1], "the rows it leaves and enters"

        # Another day or moment: the rows are new, each line on screen is drawn once.
        for key in ("left_square_bracket", "m"):
            painted.clear()
            await press(pilot, key)
            assert sorted(painted) == list(range(grid.size.height))


def background_at(app: App[Any], x: int, y: int) -> Color | None:
    """The background the terminal gets at a cell of the screen."""
    strip = app.screen._compositor.render_strips()[y]
    for segment in strip.crop(x, x + 1):
        if segment.style and segment.style.bgcolor:
            return Color.from_rich_color(segment.style.bgcolor)
    return None


async def test_the_cursor_follows_the_theme_and_the_focus(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        x, y = grid.region.x + NAME_WIDTH + 1, grid.region.y + HEADER_LINES  # Adam, touch
        for theme in ("textual-light", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            cursor = Color.parse(app.theme_variables["block-cursor-background"])
            assert background_at(app, x, y) == cursor
        await press(pilot, "slash")  # the finder takes the focus: the cursor fades
        assert app.focused is not grid
        assert background_at(app, x, y) != cursor
        await press(pilot, "escape")
        assert background_at(app, x, y) == cursor


async def test_the_scrollbar_comes_and_goes_with_the_rows(
    long_class: list[str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        scrollbar = [grid.show_vertical_scrollbar]
        await press(pilot, "slash")
        await type_text(pilot, "kind07")
        assert grid.row_keys == (long_class[6],)
        scrollbar.append(grid.show_vertical_scrollbar)
        await press(pilot, "escape")
        assert grid.row_count == CLASS_SIZE
        scrollbar.append(grid.show_vertical_scrollbar)
        assert scrollbar == [True, False, True], "one child fits"
        await press(pilot, "ctrl+end")
        assert f"Kind{CLASS_SIZE}" in grid_lines(screen_text(app))[-1]


async def test_another_day_leaves_the_scrollbar_alone(
    long_class: list[str], data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual would repaint a scroll view's scrollbars after every layout of the screen,
    in a frame of its own well after the rows."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        painted = painted_lines(app.screen.query_one(AbcGrid).vertical_scrollbar, monkeypatch)
        for key in ("left_square_bracket", "m", "down"):
            await press(pilot, key)
            assert painted == [], key
