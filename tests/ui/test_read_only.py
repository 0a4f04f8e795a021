"""A read-only file, saving that had to stop, backups that fail: said on screen at 80x24."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.app import App
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, screen_text

from companion.app import create_app
from companion.clock import fixed_clock
from companion.domain.children import ChildDraft
from companion.i18n import os_error_text, t
from companion.screens.abc import AbcScreen
from companion.screens.settings import SettingsScreen
from companion.store import Store


def notes(app: App[Any]) -> list[str]:
    return [str(note.message) for note in app._notifications]


def squeezed(text: str) -> str:
    return "".join(text.split())


def shows(app: App[Any], text: str) -> bool:
    """`text` is on the terminal (perhaps wrapped over lines, a long path included)."""
    return squeezed(text) in squeezed(screen_text(app))


async def test_a_read_only_file_shows_everything_under_a_banner_and_refuses_changes(
    small_class: dict[str, str], data_path: Path
) -> None:
    lang = "nl"  # Dutch first; the English sentences are the same keys
    Path(f"{data_path}.lock").unlink()
    data_path.chmod(0o444)
    before = data_path.read_bytes()
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        banner = t("app.read_only.file", lang)
        assert shows(app, banner)  # the home screen
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        assert shows(app, banner)
        assert shows(app, "Adam")  # everything is shown
        await press(pilot, "1")  # a tick is refused, and said so
        message = t("errors.file.read_only_file", lang, path=str(data_path))
        assert message in notes(app)
        assert app.store.abc.day(small_class["Adam"], TODAY).total == 0
        await press(pilot, "escape", "s")
        assert isinstance(app.screen, SettingsScreen)
        assert shows(app, banner)
    assert data_path.read_bytes() == before


async def test_a_lost_lock_puts_up_the_banner_on_the_next_save(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "1")
        assert app.store.abc.day(small_class["Adam"], TODAY).total == 1
        assert not shows(app, t("app.read_only.stopped", "en"))
        Path(f"{data_path}.lock").unlink()
        with Store.open(data_path, today=TODAY) as second:  # another window got in
            second.settings.set("lang", "nl")
        theirs = data_path.read_bytes()
        await press(pilot, "2")
        lock = f"{data_path}.lock"
        assert t("errors.file.lock_lost", "en", path=str(data_path), lock=lock) in notes(app)
        assert shows(app, t("app.read_only.stopped", "en"))
        await press(pilot, "escape")  # the screen below says it too
        assert shows(app, t("app.read_only.stopped", "en"))
    assert data_path.read_bytes() == theirs


async def test_backups_that_cannot_be_made_are_said_at_start_and_in_settings(
    small_class: dict[str, str], data_path: Path
) -> None:
    lang = "nl"
    folder = data_path.parent / f"{data_path.stem}.backups"
    folder.write_text("a file where the backups folder belongs")
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        assert app.store.backups.problem is not None
        problem = t(
            "settings.backup_problem",
            lang,
            folder=str(folder),
            detail=os_error_text(app.store.backups.problem, lang),
        )
        assert problem in notes(app)
        app.clear_notifications()
        await pilot.pause()
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        assert shows(app, problem)


async def test_working_backups_say_nothing(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s")
        assert app.store.backups.problem is None
        assert not shows(app, t("settings.backup_problem", "en", folder="", detail="")[:20])
        assert not shows(app, t("app.read_only.file", "en"))


async def test_a_read_only_file_is_not_offered_a_year_to_close(data_path: Path) -> None:
    """Last school year is still in the file, but nothing can move in a read-only one."""
    with Store.open(data_path, today=date(2026, 3, 2)) as store:
        (anna,) = store.children.add_many([ChildDraft("Anna", "Peeters")])
        store.abc.save(store.abc.day(anna.id, date(2026, 3, 2)).toggled("day", "smile"))
    Path(f"{data_path}.lock").unlink()
    data_path.chmod(0o444)
    app = create_app(data_path, "en", clock=fixed_clock(datetime(2026, 9, 3, 9, 30)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_names(app)[-1] == "HomeScreen"
        assert shows(app, t("app.read_only.file", "en"))
