"""The app stays in its lane too: the import dialog reads only ordinary files, within the
limit, and never waits on a pipe; the first and last usable days open every screen."""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
from datetime import date, datetime, time
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from ui_helpers import SIZE, make_app, press, screen_names, text_of

from companion.app import create_app
from companion.clock import FIRST_USABLE_DAY, LAST_USABLE_DAY, UnusableDay, fixed_clock
from companion.domain.children import ChildDraft
from companion.domain.roster_import import MAX_FILE_BYTES
from companion.i18n import t
from companion.screens.places import away_from_home
from companion.screens.roster_import import RosterImportScreen
from companion.store import Store

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="devices and pipes")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _source(case: str, tmp_path: Path) -> Path:
    if case == "pipe":
        pipe = tmp_path / "lijst.csv"
        os.mkfifo(pipe)  # nobody writes: opening it to read would wait for ever
        return pipe
    if case == "too large":
        big = tmp_path / "lijst.csv"
        with big.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)
        return big
    if case == "device" and IS_ROOT:  # read, /dev/null ends at once: a regression is harmless
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return device
    return {"device": Path("/dev/null"), "folder": tmp_path}[case]


def _unblock(pipe: Path) -> None:
    """Should a reader wait on the pipe after all, a writer that comes and goes frees it
    (else its thread would keep the test process from ending)."""
    with contextlib.suppress(OSError):
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


REASONS = {"pipe": "pipe", "device": "device", "folder": "folder", "too large": "too_big"}


@POSIX_ONLY
@pytest.mark.parametrize("case", list(REASONS))
async def test_the_import_dialog_refuses_what_is_no_ordinary_file(
    small_class: dict[str, str], data_path: Path, tmp_path: Path, case: str
) -> None:
    lang = "en" if case == "folder" else "nl"  # Dutch first; English once
    source = _source(case, tmp_path)
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k", "i")
        dialog = app.screen
        assert isinstance(dialog, RosterImportScreen)
        dialog.query_one("#import-path", Input).value = str(source)
        await press(pilot, "enter")
        try:  # it returns: the worker is done well before the guard gives up on it
            await asyncio.wait_for(app.workers.wait_for_complete(), timeout=30)
        finally:
            if case == "pipe":
                _unblock(source)
        await pilot.pause()
        reason = t(f"paths.reason.{REASONS[case]}", lang, limit="2 MB")
        expected = t("paths.read_refused", lang, path=str(source), reason=reason)
        shown = " ".join(text_of(dialog.query_one("#import-error", Static)).split())
        assert shown == " ".join(expected.split())
        assert len(app.store.children.all()) == len(small_class)


@pytest.mark.parametrize("day", [FIRST_USABLE_DAY, LAST_USABLE_DAY])
async def test_every_screen_opens_on_the_first_and_last_usable_day(
    tmp_path: Path, day: date
) -> None:
    path = tmp_path / "klas.json"
    with Store.open(path, today=day) as store:
        children = store.children.add_many(
            [ChildDraft("Zoë", "D'hondt"), ChildDraft("Adam", "Janssens", group="invisible")],
            added_on=day,
        )
        if store.days_off.calendar().is_school_day(day):
            store.abc.save(store.abc.day(children[0].id, day).toggled("welcome", "smile"))
    app = create_app(path, "en", clock=fixed_clock(datetime.combine(day, time(9, 30))))
    async with app.run_test(size=SIZE) as pilot:
        # Every screen that computes from the day (the others show no dates).
        for place in away_from_home():
            if place.name in ("roster", "settings", "learn_more"):
                continue
            await press(pilot, place.key)
            assert place.screen_id == app.screen.id, screen_names(app)
            await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen"]


@pytest.mark.parametrize("day", [date.min, date.max, date(1899, 12, 31), date(3000, 1, 1)])
def test_the_app_is_not_built_on_a_day_it_cannot_use(tmp_path: Path, day: date) -> None:
    path = tmp_path / "klas.json"
    with pytest.raises(UnusableDay):
        create_app(path, "en", clock=fixed_clock(datetime.combine(day, time(9, 30))))
    assert not path.exists()
