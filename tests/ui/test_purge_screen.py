"""Erase all data of a child from the class list: what will go shown, the entries that name
her each with a choice, the backups ticked, her first name typed; afterwards no file of
the data folder holds her."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, DataTable, Input, OptionList
from ui_helpers import SIZE, TODAY, make_app, press, screen_text, text_of, type_text

from companion.app import CompanionApp
from companion.demo import create_demo
from companion.domain.children import Child
from companion.screens.purge import PurgeScreen, next_choice
from companion.screens.roster import RosterScreen
from companion.store import Store


@pytest.fixture
def three_years(data_path: Path) -> Path:
    create_demo(data_path, TODAY, years=3, children=12)
    Store.open(data_path, today=TODAY).close()  # a backup of today holds her too
    return data_path


def everything(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def the_child(path: Path) -> Child:
    """A child of this class whose first name no other child carries."""
    with Store.open(path, today=TODAY) as store:
        everyone = store.children.all(include_archived=True)
    firsts = [child.first_name for child in everyone]
    return next(
        child for child in everyone if not child.archived and firsts.count(child.first_name) == 1
    )


def can_erase(screen: PurgeScreen) -> bool:
    return not screen.query_one("#purge-erase", Button).disabled


async def open_purge(pilot: Pilot[Any], app: CompanionApp, child: Child) -> PurgeScreen:
    await press(pilot, "k")
    roster = app.screen
    assert isinstance(roster, RosterScreen)
    table = roster.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(child.id))
    await press(pilot, "w")
    screen = app.screen
    assert isinstance(screen, PurgeScreen)
    await app.workers.wait_for_complete()
    await press(pilot)
    return screen


async def test_erasing_a_child_needs_her_name_and_leaves_no_byte_of_her(three_years: Path) -> None:
    child = the_child(three_years)
    folder = three_years.parent
    assert child.id.encode() in everything(folder)
    app = make_app(three_years)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_purge(pilot, app, child)
        text = screen_text(app)
        assert f"Erase all data of {child.full_name}" in text
        assert "days of ABC ticks" in text
        assert not can_erase(screen)
        await type_text(pilot, "someone else")
        assert not can_erase(screen)
        screen.query_one("#purge-name", Input).value = ""
        await type_text(pilot, child.first_name.upper())
        assert can_erase(screen)  # case (and accents) aside
        backups = screen.query_one("#purge-backups", Checkbox)
        assert backups.display
        backups.value = True
        screen.query_one("#purge-name", Input).focus()
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, RosterScreen)
        assert child.full_name not in screen_text(app)
        assert app.store.children.get(child.id) is None
    payload = everything(folder)
    assert child.id.encode() not in payload
    assert child.full_name.encode() not in payload
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


async def test_cancel_erases_nothing_and_each_entry_naming_her_can_be_changed(
    three_years: Path,
) -> None:
    child = the_child(three_years)
    folder = three_years.parent
    archives = sorted((folder / "klas.archive").glob("*.json"))
    before = [path.read_bytes() for path in archives]
    hers = three_years.read_bytes().count(child.id.encode())
    app = make_app(three_years)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_purge(pilot, app, child)
        assert screen.plan is not None
        if screen.plan.mentions:
            mention = screen.plan.mentions[0]
            mentions = screen.query_one("#purge-mentions", OptionList)
            mentions.focus()
            mentions.highlighted = 0
            was = screen.choices[mention.key]
            await press(pilot, "enter")
            assert screen.choices[mention.key] == next_choice(was, mention.deletable)
        screen.query_one("#purge-cancel", Button).press()
        await press(pilot)
        assert isinstance(app.screen, RosterScreen)
        assert app.store.children.get(child.id) is not None
    assert [path.read_bytes() for path in archives] == before
    assert three_years.read_bytes().count(child.id.encode()) == hers  # the app keeps its language


def test_the_choices_cycle() -> None:
    assert next_choice("remove", True) == "delete"
    assert next_choice("delete", True) == "keep"
    assert next_choice("keep", True) == "remove"
    assert next_choice("remove", False) == "keep"
    assert next_choice("keep", False) == "remove"


async def test_old_archives_are_named_in_the_settings_and_go_only_after_a_yes(
    three_years: Path,
) -> None:
    from companion.screens.confirm import ConfirmDialog
    from companion.screens.settings import SettingsScreen

    archive = three_years.parent / "klas.archive"
    app = make_app(three_years)
    async with app.run_test(size=SIZE) as pilot:
        await app.open_place("settings")
        await press(pilot)
        assert isinstance(app.screen, SettingsScreen)

        def retention() -> str:
            return text_of(app.screen.query_one("#settings-retention"))

        assert "always (nothing is deleted)" in retention()
        await press(pilot, "a")  # keep archives 1 school year
        assert "1 archive is older than you keep it: 2024-2025." in retention()
        await press(pilot, "o")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: nothing goes
        assert (archive / "2024-2025.json").exists()
        await press(pilot, "o")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")
        assert not (archive / "2024-2025.json").exists()
        assert (archive / "2025-2026.json").exists()
        await press(pilot)
        assert "older than you keep" not in retention()
