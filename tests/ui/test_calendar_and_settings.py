"""School calendar (holidays, days off) and Settings (the language, kept on disk)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, text_of, type_text

from companion.domain.calendar import flemish_holidays
from companion.i18n import t
from companion.screens.calendar import CalendarScreen
from companion.screens.confirm import ConfirmDialog
from companion.screens.day_off_form import DayOffForm
from companion.screens.home import HomeScreen
from companion.screens.settings import SettingsScreen
from companion.store import Store

# The autumn holiday of 2026-2027 as the calendar suggests it: from Monday 2 November.
AUTUMN = next(h for h in flemish_holidays(2026) if h.key == "autumn").weekdays()


def state(table: DataTable[Any], key: str) -> str:
    return str(table.get_row(key)[2])


async def test_enter_confirms_a_suggested_holiday_and_again_undoes_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        assert isinstance(app.screen, CalendarScreen)
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == table.get_row_index("holiday:autumn")
        assert state(table, "holiday:autumn") == t("calendar.suggested", "en")

        await press(pilot, "enter")
        assert state(table, "holiday:autumn") == t("calendar.confirmed", "en")
        assert [off.day for off in app.store.days_off.of_year()] == AUTUMN
        assert AUTUMN[0] == date(2026, 11, 2) and len(AUTUMN) >= 5
        assert t("calendar.bar", "en", year="2026-2027", count=len(AUTUMN)) == text_of(
            app.screen.query_one("#calendar-bar", Static)
        )

        await press(pilot, "enter")
        assert state(table, "holiday:autumn") == t("calendar.suggested", "en")
        assert app.store.days_off.of_year() == []

        await press(pilot, "enter")  # confirmed once more, to be kept
    with Store.open(data_path, today=TODAY) as store:
        assert [off.day for off in store.days_off.of_year()] == AUTUMN
        assert {off.reason for off in store.days_off.of_year()} == {"autumn"}


async def test_a_adds_a_day_off_and_a_bad_date_is_refused(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c", "a")
        form = app.screen
        assert isinstance(form, DayOffForm)
        await type_text(pilot, "31/02/2027")
        await press(pilot, "enter")
        assert app.screen is form
        error = form.query_one("#dayoff-error", Static)
        assert text_of(error) == t("errors.field.date_impossible", "en")
        form.query_one("#first", Input).value = "morgen"
        await press(pilot, "enter")
        assert text_of(error) == t("errors.field.date_format", "en")
        assert app.store.days_off.of_year() == []

        # A range that ends before it starts is refused as well.
        form.query_one("#first", Input).value = "09/12/2026"
        form.query_one("#last", Input).value = "07/12/2026"
        await press(pilot, "enter")
        assert text_of(error) == t("calendar.bad_range", "en")

        # Friday 4 to Monday 7 December: the weekend between is no day off to store.
        form.query_one("#first", Input).value = "04/12/2026"
        form.query_one("#last", Input).value = "07/12/2026"
        form.query_one("#reason", Input).value = "Pedagogische studiedag"
        await press(pilot, "enter")
        assert isinstance(app.screen, CalendarScreen)
        table = app.screen.query_one(DataTable)
        for day in ("2026-12-04", "2026-12-07"):
            assert str(table.get_row(f"day:{day}")[1]) == "Pedagogische studiedag"

    with Store.open(data_path, today=TODAY) as store:
        assert [(off.day, off.reason) for off in store.days_off.of_year()] == [
            (date(2026, 12, 4), "Pedagogische studiedag"),
            (date(2026, 12, 7), "Pedagogische studiedag"),
        ]


async def _ask_to_remove(pilot: Pilot[int], day: str) -> str:
    """On the calendar, x on the day off `day`: the question the dialog asks."""
    app = pilot.app
    await press(pilot, "c")
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(f"day:{day}"))
    await press(pilot, "x")
    assert isinstance(app.screen, ConfirmDialog)
    return text_of(app.screen.query_one("Static"))


async def test_x_asks_before_a_day_off_is_removed_and_escape_keeps_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    study_day = date(2026, 12, 4)
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add([study_day], "Pedagogische studiedag")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        question = await _ask_to_remove(pilot, "2026-12-04")
        assert "04/12" in question and "Pedagogische studiedag" in question
        await press(pilot, "escape")
        assert isinstance(app.screen, CalendarScreen)
        assert [off.day for off in app.store.days_off.of_year()] == [study_day]

        await press(pilot, "x", "enter")
        assert isinstance(app.screen, CalendarScreen)
        assert app.store.days_off.of_year() == []


async def test_removing_a_day_off_without_a_reason_of_her_own_mentions_none(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add([date(2026, 12, 4)], "day_off")
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        question = await _ask_to_remove(pilot, "2026-12-04")
        assert "04/12" in question and "reason" not in question


async def test_l_switches_the_language_and_it_is_kept(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert home.query_one("#home-today").border_title == t("home.today_title", "en")
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        await press(pilot, "l")
        await pilot.pause()
        # The screens are rebuilt in Dutch, Settings still on top of the home screen
        # (the bottom of the stack, rebuilt in place).
        assert screen_names(app) == ["HomeScreen", "SettingsScreen"]
        assert t("settings.language_nl", "nl") in text_of(
            app.screen.query_one("#settings-language", Static)
        )
        assert "Taal" in text_of(app.screen.query_one("#settings-language", Static))
        await press(pilot, "escape")
        new_home = app.screen
        assert isinstance(new_home, HomeScreen) and new_home is home
        ledger = new_home.query_one("#home-nav", OptionList).get_option("ledger")
        assert t("nav.ledger", "nl") in str(ledger.prompt)
        assert new_home.query_one("#home-today").border_title == "Verbinding vandaag"
        invisible = new_home.query_one("#home-invisible")
        assert invisible.border_title == t("home.invisible_title", "nl")
        assert "woensdag 25 november 2026" in text_of(new_home.query_one("#home-date", Static))

    # Started without --lang: the stored choice wins.
    app = make_app(data_path, None)
    assert app.lang == "nl"
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#home-today").border_title == "Verbinding vandaag"
        await press(pilot, "s", "l")
        await pilot.pause()
        await press(pilot, "escape")
        assert app.screen.query_one("#home-today").border_title == "Connection today"

    with Store.open(data_path, today=TODAY) as store:
        assert store.settings.get("lang") == "en"
