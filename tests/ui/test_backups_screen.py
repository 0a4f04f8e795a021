"""Settings -> Backups: the list with what each backup holds, a confirmation that says
what is replaced, the restore (the app closes its store, restores, opens it again) and
its undo from the same list."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_palette import choose
from textual.widgets import OptionList, Static
from ui_helpers import SIZE, TODAY, make_app, options, press, text_of

from companion.domain.children import ChildDraft
from companion.i18n import t
from companion.screens.backups import BackupsScreen
from companion.screens.confirm import ConfirmDialog
from companion.store import Store


def a_class_then_a_change(path: Path) -> bytes:
    """Two children and a tick, backed up (the file as it opened); then a third child.
    Returns the bytes of the backup."""
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters"))
        store.children.add(ChildDraft("Jens", "Maes"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("day", "smile"))
    with Store.open(path, today=TODAY) as store:  # today's backup
        (backup,) = store.backups.all()
        store.children.add(ChildDraft("Mila", "Janssens"))
    return backup.read_bytes()


async def open_backups(app: object, pilot: object) -> BackupsScreen:
    from textual.app import App
    from textual.pilot import Pilot

    assert isinstance(app, App) and isinstance(pilot, Pilot)
    await press(pilot, "s", "r")
    screen = app.screen
    assert isinstance(screen, BackupsScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_restore_from_the_settings_screen_and_undo_it(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class_then_a_change(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_backups(app, pilot)
        (line,) = options(screen.query_one("#backups-list", OptionList))
        assert t("backup.children", "en", count=2) in line
        assert t("backup.ticks", "en", count=1) in line

        # Escape on the question: nothing happens.
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, BackupsScreen)
        assert len(app.store.children.all()) == 3

        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        asked = text_of(app.screen.query_one("#confirm-question", Static))
        assert "Now: 3 children" in asked
        assert ": 2 children, 1 tick, 0 journal entries" in asked
        assert "kept as a backup first" in asked
        assert "only the data file is put back" in asked
        old_store = app.store
        await press(pilot, "enter")  # Restore (the focused button)
        await pilot.pause()
        assert app.store is not old_store
        assert len(app.store.children.all()) == 2
        (undo,) = [p for p in app.store.backups.all() if p.name.endswith("-before-restore.json")]
        if os.name == "posix":
            assert stat.S_IMODE(undo.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.stat().st_mode) == 0o600

        # Undo: the before-restore backup is the newest in the list.
        screen = await open_backups(app, pilot)
        first = options(screen.query_one("#backups-list", OptionList))[0]
        assert t("backup.reason.before-restore", "en") in first
        assert t("backup.children", "en", count=3) in first
        await press(pilot, "enter", "enter")
        await pilot.pause()
        assert len(app.store.children.all()) == 3
        # The app goes on writing into the file it opened again.
        app.store.children.add(ChildDraft("Noor", "Claes"))
    with Store.open(path, today=TODAY, backup=False) as store:
        assert len(store.children.all()) == 4


async def test_an_unreadable_backup_is_listed_and_refused(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class_then_a_change(path)
    folder = tmp_path / "companion.backups"
    (folder / "companion-29990101-000000.json").write_bytes(b"{")
    app = make_app(path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_backups(app, pilot)
        damaged, good = options(screen.query_one("#backups-list", OptionList))
        assert t("backup.problem.damaged", "nl") in damaged
        assert t("backup.children", "nl", count=2) in good
        await press(pilot, "enter")
        assert isinstance(app.screen, BackupsScreen)  # no question: it cannot be put back
        assert len(app.store.children.all()) == 3
    assert not [p for p in folder.iterdir() if "before-restore" in p.name]


@pytest.mark.parametrize("typed", ["herstellen", "reservekopie", "restore", "back-up"])
async def test_the_palette_finds_the_backups(tmp_path: Path, typed: str) -> None:
    path = tmp_path / "companion.json"
    a_class_then_a_change(path)
    app = make_app(path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, typed, t("palette.title.backups", "nl"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BackupsScreen)
