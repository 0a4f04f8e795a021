"""The one list of places: each opens from Today by its key and from the palette, and
escape goes back to Today; a change is shown once."""

from __future__ import annotations

from pathlib import Path

from test_palette import choose
from textual.widgets import DataTable, Input
from ui_helpers import SIZE, make_app, press, screen_names

from companion.i18n import t
from companion.screens.child_form import ChildFormScreen
from companion.screens.places import HOME, PLACES, away_from_home, place_of
from companion.screens.roster import RosterScreen


async def test_every_place_opens_from_home_by_its_key_and_from_the_palette(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert screen_names(app) == ["HomeScreen"]
        assert place_of(app.screen) == HOME.name
        for place in away_from_home():
            await press(pilot, place.key)
            assert isinstance(app.screen, place.screen_class()), place.name
            assert place_of(app.screen) == place.name
            await press(pilot, "escape")
            assert screen_names(app) == ["HomeScreen"], place.name
            title = t(place.title_key)
            await choose(pilot, title, f"{t('palette.go_to')} {title}")
            assert place_of(app.screen) == place.name
            await press(pilot, "escape")
            assert screen_names(app) == ["HomeScreen"], place.name


def test_each_place_has_its_own_key_and_its_strings() -> None:
    keys = [place.key for place in away_from_home()]
    assert len(set(keys)) == len(keys) == len(PLACES) - 1
    for place in PLACES:
        for key in (place.title_key, place.hint_key, place.help_key):
            assert t(key, "nl") != key and t(key, "en") != key, key


async def test_adding_a_child_shows_the_class_once(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        roster = app.screen
        assert isinstance(roster, RosterScreen)
        shown = roster.refresh_data
        calls: list[str | None] = []

        def counted(select: str | None = None) -> None:
            calls.append(select)
            shown(select)

        roster.refresh_data = counted  # type: ignore[method-assign]
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        form.query_one("#first_name", Input).value = "Lotte"
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert app.screen is roster
        [added] = [c for c in app.store.children.all() if c.first_name == "Lotte"]
        assert calls == [added.id]
        table = roster.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == added.id
