"""ABC of Love at 80x24: ticking, moments, days, undo, finding a child; all kept on disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, text_of, type_text

from companion.content import moment_name
from companion.domain.vocabulary import ABC_ITEMS
from companion.i18n import long_date, t
from companion.screens.abc import AbcScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid

GREETING = {"smile", "voice", "eye_contact"}


def ticked(grid: AbcGrid, child_id: str) -> set[str]:
    """The ingredients shown as ticked (●) for a child at the grid's moment."""
    row = grid.get_row(child_id)
    return {item for item, cell in zip(ABC_ITEMS, row[1:8], strict=True) if "●" in str(cell)}


def total(grid: AbcGrid, child_id: str) -> str:
    """The Σ column: the day's connections over all moments ('○' for none yet)."""
    return str(grid.get_row(child_id)[-1]).strip()


def shown_ids(grid: AbcGrid) -> list[str]:
    return list(grid.row_keys)


def bar(app: App[Any]) -> str:
    return text_of(app.screen.query_one("#abc-bar", Static))


async def test_ticks_moments_and_totals_are_kept_on_disk(
    small_class: dict[str, str], data_path: Path
) -> None:
    adam, andy = small_class["Adam"], small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        grid = app.screen.query_one(AbcGrid)
        assert app.focused is grid
        assert grid.highlighted_child_id == adam, "first by first name"
        assert moment_name("welcome", "en") in bar(app), "09:30 is the welcome"

        await press(pilot, *"1234567")
        assert ticked(grid, adam) == set(ABC_ITEMS)
        assert total(grid, adam) == "7"
        await press(pilot, "3")
        assert ticked(grid, adam) == set(ABC_ITEMS) - {"closeness"}
        assert total(grid, adam) == "6"

        # space ticks the highlighted cell: Andy, column 2 (taking turns)
        await press(pilot, "down", "right", "space")
        assert grid.highlighted_child_id == andy
        assert ticked(grid, andy) == {"turn_taking"}
        await press(pilot, "g")
        assert ticked(grid, andy) == {"turn_taking"} | GREETING
        assert total(grid, andy) == "4"

        await press(pilot, "m")
        assert moment_name("day", "en") in bar(app)
        assert ticked(grid, andy) == set(), "another moment, other ticks"
        assert total(grid, andy) == "4", "the total counts every moment"
        await press(pilot, "5")
        assert ticked(grid, andy) == {"voice"}
        assert total(grid, andy) == "5"

        await press(pilot, "m")
        assert moment_name("goodbye", "en") in bar(app)
        await press(pilot, "1")
        assert total(grid, andy) == "6"

        await press(pilot, "m")
        assert moment_name("welcome", "en") in bar(app)
        assert ticked(grid, andy) == {"turn_taking"} | GREETING

    # On disk, read by a store opened after the app closed.
    with Store.open(data_path, today=TODAY) as store:
        adam_day = store.abc.day(adam, TODAY)
        andy_day = store.abc.day(andy, TODAY)
        assert adam_day.items_at("welcome") == set(ABC_ITEMS) - {"closeness"}
        assert andy_day.items_at("welcome") == {"turn_taking"} | GREETING
        assert andy_day.items_at("day") == {"voice"}
        assert andy_day.items_at("goodbye") == {"touch"}
        assert store.abc.day(small_class["Anna"], TODAY).total == 0

    # And in the grid of a restarted app.
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        assert ticked(grid, adam) == set(ABC_ITEMS) - {"closeness"}
        assert ticked(grid, andy) == {"turn_taking"} | GREETING
        assert (total(grid, adam), total(grid, andy), total(grid, small_class["Anna"])) == (
            "6",
            "6",
            "○",
        )


async def test_enter_on_a_cell_ticks_it_too(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "right", "right", "right", "enter")
        grid = app.screen.query_one(AbcGrid)
        assert ticked(grid, small_class["Adam"]) == {"smile"}
        await press(pilot, "enter")
        assert ticked(grid, small_class["Adam"]) == set()
    with Store.open(data_path, today=TODAY) as store:
        assert store.abc.day(small_class["Adam"], TODAY).total == 0


async def test_ctrl_z_undoes_the_last_ticks(small_class: dict[str, str], data_path: Path) -> None:
    adam, andy = small_class["Adam"], small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "4", "down", "g")
        grid = app.screen.query_one(AbcGrid)
        assert (ticked(grid, adam), ticked(grid, andy)) == ({"smile"}, GREETING)
        await press(pilot, "ctrl+z")
        assert ticked(grid, andy) == set(), "the greeting was one change, undone at once"
        assert ticked(grid, adam) == {"smile"}
        await press(pilot, "ctrl+z")
        assert ticked(grid, adam) == set()
        await press(pilot, "ctrl+z")  # nothing left: no error, nothing changes
        assert isinstance(app.screen, AbcScreen)
    with Store.open(data_path, today=TODAY) as store:
        assert store.abc.days([TODAY]) == {}


async def test_days_skip_the_weekend_and_t_comes_back_to_today(
    small_class: dict[str, str], data_path: Path
) -> None:
    adam = small_class["Adam"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        assert long_date(TODAY, "en") in bar(app)

        await press(pilot, "left_square_bracket")
        assert long_date(date(2026, 11, 24), "en") in bar(app)
        await press(pilot, "2")
        assert ticked(grid, adam) == {"turn_taking"}

        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert long_date(date(2026, 11, 20), "en") in bar(app), "Monday 23 -> Friday 20"
        assert ticked(grid, adam) == set()
        await press(pilot, "right_square_bracket")
        assert long_date(date(2026, 11, 23), "en") in bar(app)

        await press(pilot, "t")
        assert long_date(TODAY, "en") in bar(app)
        assert ticked(grid, adam) == set()
        await press(pilot, "right_square_bracket")
        assert long_date(TODAY, "en") in bar(app), "never past today"

        # ctrl+z of a tick on another day goes back to that day and undoes it there
        await press(pilot, "ctrl+z")
        assert long_date(date(2026, 11, 24), "en") in bar(app)
        assert ticked(grid, adam) == set()
        await press(pilot, "right_square_bracket", "7")

    with Store.open(data_path, today=TODAY) as store:
        assert store.abc.day(adam, date(2026, 11, 24)).total == 0
        assert store.abc.day(adam, TODAY).items_at("welcome") == {"eye_contact"}
        assert set(store.abc.days([date(2026, 11, d) for d in range(16, 26)])) == {(adam, TODAY)}


async def test_slash_finds_a_child_and_escape_shows_all_again(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "slash")
        finder = app.screen.query_one("#abc-find", Input)
        assert app.focused is finder
        await type_text(pilot, "zo")  # accents do not matter: Zoë
        grid = app.screen.query_one(AbcGrid)
        assert shown_ids(grid) == [small_class["Zoë"]]
        assert t("abc.filtered", "en", query="zo", shown=1, total=5) in bar(app)

        await press(pilot, "enter")
        assert app.screen.focused is grid
        await press(pilot, "7")
        assert ticked(grid, small_class["Zoë"]) == {"eye_contact"}

        await press(pilot, "escape")
        assert len(shown_ids(grid)) == 5
        assert not finder.display
        assert isinstance(app.screen, AbcScreen), "the first escape only clears the search"
        assert ticked(grid, small_class["Adam"]) == set()

        await press(pilot, "slash")
        await type_text(pilot, "van den")
        assert shown_ids(grid) == [small_class["Bram"]]
        await press(pilot, "enter", "escape", "escape")
        assert screen_names(app)[-1] == "HomeScreen"

    with Store.open(data_path, today=TODAY) as store:
        assert {child for child, _ in store.abc.days([TODAY])} == {small_class["Zoë"]}


async def test_undo_for_a_child_the_search_hides(
    small_class: dict[str, str], data_path: Path
) -> None:
    adam = small_class["Adam"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "1", "slash")
        await type_text(pilot, "zo")
        await press(pilot, "enter", "ctrl+z")  # undoes Adam's tick, whom "zo" hides
        assert isinstance(app.screen, AbcScreen)
        assert app.store.abc.day(adam, TODAY).total == 0
        await press(pilot, "escape")
        grid = app.screen.query_one(AbcGrid)
        assert ticked(grid, adam) == set()
        assert total(grid, adam) == "○"


async def test_a_belgian_azerty_keyboard_ticks_without_shift(
    small_class: dict[str, str], data_path: Path
) -> None:
    adam = small_class["Adam"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        grid = app.screen.query_one(AbcGrid)
        # & é " ' ( § è: the unshifted top row of AZERTY, keys 1 to 7
        await press(pilot, "ampersand", "é", "quotation_mark", "apostrophe")
        await press(pilot, "left_parenthesis", "section_sign", "è")
        assert ticked(grid, adam) == set(ABC_ITEMS)
        await press(pilot, "minus")  # [ needs AltGr there; - does not
        assert long_date(date(2026, 11, 24), "en") in bar(app)
        await press(pilot, "plus")
        assert long_date(TODAY, "en") in bar(app)
