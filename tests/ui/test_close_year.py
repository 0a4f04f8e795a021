"""A new school year: the app offers to close the last one (never closes it by itself),
says so when the computer's date does not fit the data, and a closed year's days are read
only with a message. At 80x24, Dutch and English."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import orjson
from textual.command import CommandList, CommandPalette
from textual.widgets import Static
from ui_helpers import SIZE, press, screen_names, screen_text, text_of, type_text

from companion.app import create_app
from companion.clock import fixed_clock
from companion.domain.calendar import ClosingSummary
from companion.domain.children import ChildDraft
from companion.domain.vocabulary import AbcItem
from companion.i18n import t
from companion.reports.school_year import closing_text
from companion.screens.abc import AbcScreen
from companion.screens.close_year import CloseYearDialog
from companion.screens.home import HomeScreen
from companion.store import Store

MARCH = date(2026, 3, 2)  # a Monday of 2025-2026
SEPTEMBER = datetime(2026, 9, 3, 9, 30)  # a Thursday of 2026-2027, the welcome
GIVEN: tuple[AbcItem, ...] = ("closeness", "voice", "smile")


def last_year_not_closed(path: Path) -> str:
    """Anna got closeness, voice and a smile on 2 March; 11 November was off."""
    with Store.open(path, today=MARCH) as store:
        (anna,) = store.children.add_many(
            [ChildDraft("Anna", "Peeters")], added_on=date(2025, 9, 1)
        )
        for item in GIVEN:
            store.abc.save(store.abc.day(anna.id, MARCH).toggled("day", item))
        store.days_off.add([date(2025, 11, 11)], "Wapenstilstand")
    return anna.id


def days_in(path: Path) -> tuple[object, object]:
    """The live file's ticks and days off, as stored (the language setting may change)."""
    raw = orjson.loads(path.read_bytes())
    return raw["abc"], raw["days_off"]


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_the_new_school_year_offers_to_close_the_last_one_and_later_moves_nothing(
    data_path: Path,
) -> None:
    last_year_not_closed(data_path)
    live = days_in(data_path)
    app = create_app(data_path, "nl", clock=fixed_clock(SEPTEMBER))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CloseYearDialog)
        shown = flat(screen_text(app))
        assert t("year.offer_title", "nl") in shown
        assert t("year.offer_question", "nl", years="2025-2026") in shown
        summary = ClosingSummary((2025,), marks=3, days=1, days_off=1)
        moves = text_of(app.screen.query_one("#close-year-moves", Static))
        assert moves == closing_text(summary, "nl")
        assert "van 2025-2026 gaan 3 vinkjes (op 1 dag) en 1 vrije dag" in moves
        for button in (t("year.confirm", "nl"), t("year.later", "nl")):
            assert button in shown
        await press(pilot, "escape")  # later
        assert screen_names(app) == ["HomeScreen"]
        await pilot.click("#home-nav")  # the mouse: home is there, no dialog
    assert days_in(data_path) == live
    assert not data_path.with_name("klas.archive").exists()


async def test_closing_from_the_palette_is_confirmed_with_the_mouse(data_path: Path) -> None:
    anna = last_year_not_closed(data_path)
    app = create_app(data_path, "en", clock=fixed_clock(SEPTEMBER))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#later")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "close school")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(CommandList)
        if hits.highlighted is None:
            await press(pilot, "down")
        assert hits.highlighted is not None
        prompt = str(hits.get_option_at_index(hits.highlighted).prompt)
        assert prompt.splitlines()[0] == t("year.close_action", "en")
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, CloseYearDialog)
        await pilot.click("#confirm")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        said = [notification.message for notification in app._notifications]
        assert t("year.closed_done", "en", years="2025-2026") in said
        # Asked again from the settings (s, then y): there is nothing left to close.
        await press(pilot, "s", "y")
        said = [notification.message for notification in app._notifications]
        assert t("year.nothing_to_close", "en", current="2026-2027") in said
    assert (data_path.with_name("klas.archive") / "2025-2026.json").is_file()
    with Store.open(data_path, today=SEPTEMBER.date()) as store:
        assert store.abc.day(anna, MARCH).items_at("day") == set(GIVEN)
        assert store.school_years.closable() == []


async def test_a_far_computer_date_is_said_on_the_home_screen_and_nothing_is_offered(
    data_path: Path,
) -> None:
    last_year_not_closed(data_path)
    live = days_in(data_path)
    app = create_app(data_path, "en", clock=fixed_clock(datetime(2100, 12, 31, 9, 30)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_names(app) == ["HomeScreen"]  # no close offer
        banner = app.screen.query_one("#home-clock", Static)
        assert banner.display
        assert "31 December 2100" in text_of(banner) and "2 March 2026" in text_of(banner)
        assert t("year.clock_refuses_close", "en") in flat(screen_text(app))
        # Asked for anyway: refused with the same sentence.
        await press(pilot, "s", "y")
        assert not isinstance(app.screen, CloseYearDialog)
        said = " ".join(notification.message for notification in app._notifications)
        assert t("year.clock_refuses_close", "en") in said
    assert days_in(data_path) == live
    assert not data_path.with_name("klas.archive").exists()


async def test_a_tick_on_a_day_of_a_closed_year_is_refused_with_a_message(
    data_path: Path,
) -> None:
    # The app was opened in September and the year closed; then the computer's clock
    # went back to March (the ABC screen follows it): that day is read only.
    anna = last_year_not_closed(data_path)
    moments = [SEPTEMBER]
    app = create_app(data_path, "en", clock=lambda: moments[-1])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        moments.append(datetime(2026, 3, 2, 9, 30))
        await press(pilot, "a")
        assert isinstance(app.screen, AbcScreen)
        await press(pilot, "1")
        said = " ".join(notification.message for notification in app._notifications)
        assert "2025-2026" in said and "closed" in said
    with Store.open(data_path, today=SEPTEMBER.date()) as store:
        assert store.abc.day(anna, MARCH).items_at("day") == set(GIVEN)
        assert store.abc.day(anna, MARCH).items_at("welcome") == frozenset()


async def test_a_read_only_file_is_not_offered_for_closing(data_path: Path) -> None:
    last_year_not_closed(data_path)
    data_path.chmod(0o444)
    app = create_app(data_path, "en", clock=fixed_clock(SEPTEMBER))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, CloseYearDialog)
        await press(pilot, "s", "y")  # asked for: the reason is said
        assert not isinstance(app.screen, CloseYearDialog)
        said = " ".join(notification.message for notification in app._notifications)
        assert app.store.refusal is not None and app.store.refusal.message() in said
    assert not data_path.with_name("klas.archive").exists()
