"""Week ledger and Today, on a hand-built week recorded through the Store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static
from ui_helpers import (
    SIZE,
    TODAY,
    make_app,
    options,
    press,
    screen_names,
    screen_text,
    text_of,
)

from companion.content import abc_items
from companion.i18n import short_date, t
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.ledger import LedgerScreen
from companion.store import Store
from companion.widgets.line_table import LineTable

MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), TODAY
PREVIOUS_THU, PREVIOUS_FRI = date(2026, 11, 19), date(2026, 11, 20)


@pytest.fixture
def week(small_class: dict[str, str], data_path: Path) -> dict[str, str]:
    """This week: Anna 2 + 1 + 3, Bram 1 on Monday, Andy 2 today; Zoë 2 last Friday;
    Adam (invisible) nothing at all."""
    ids = small_class
    with Store.open(data_path, today=TODAY) as store:
        store.abc.save(store.abc.day(ids["Anna"], MON).toggled("welcome", "touch"))
        store.abc.save(store.abc.day(ids["Anna"], MON).toggled("day", "touch"))
        store.abc.save(store.abc.day(ids["Anna"], TUE).toggled("welcome", "smile"))
        for item in ("smile", "voice", "eye_contact"):
            store.abc.save(store.abc.day(ids["Anna"], WED).toggled("welcome", item))
        store.abc.save(store.abc.day(ids["Bram"], MON).toggled("goodbye", "voice"))
        store.abc.save(store.abc.day(ids["Andy"], WED).toggled("welcome", "touch"))
        store.abc.save(store.abc.day(ids["Andy"], WED).toggled("welcome", "closeness"))
        store.abc.save(store.abc.day(ids["Zoë"], PREVIOUS_FRI).toggled("welcome", "voice"))
        store.abc.save(store.abc.day(ids["Zoë"], PREVIOUS_FRI).toggled("goodbye", "voice"))
    return ids


def day_counts(table: LineTable, row_key: str) -> list[str]:
    """The five day cells of a row, as the numbers they show ('' for a day to come)."""
    return [str(cell).strip(" ○░▒▓█") for cell in table.get_row(row_key)[1:6]]


def week_total(table: LineTable, row_key: str) -> str:
    return str(table.get_row(row_key)[6]).strip()


def item_counts(table: LineTable, row_key: str) -> list[str]:
    return [str(cell).strip() for cell in table.get_row(row_key)[7:14]]


async def test_ledger_counts_per_day_and_week(week: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w")
        assert isinstance(app.screen, LedgerScreen)
        table = app.screen.query_one(LineTable)
        assert day_counts(table, week["Anna"]) == ["2", "1", "3", "", ""], "Thu/Fri to come"
        assert week_total(table, week["Anna"]) == "6"
        #                                       touch turn near smile voice joy eye
        assert item_counts(table, week["Anna"]) == ["2", "0", "0", "2", "1", "0", "1"]
        assert day_counts(table, week["Bram"]) == ["1", "0", "0", "", ""]
        assert day_counts(table, week["Andy"]) == ["0", "0", "2", "", ""]
        assert day_counts(table, week["Zoë"]) == ["0", "0", "0", "", ""]
        assert [str(c).strip() for c in table.get_row("_class")[1:7]] == [
            "3",
            "1",
            "5",
            "",
            "",
            "9",
        ]
        # Flagged !: Adam (nothing in 4 school days) and Bram (1 in 6 days, below the
        # class median); Zoë's Friday keeps her off the 'nothing' list.
        flagged = {name for name, key in week.items() if str(table.get_row(key)[0]).startswith("!")}
        assert flagged == {"Adam", "Bram"}
        assert t(
            "ledger.week_of",
            "en",
            first=short_date(MON, "en"),
            last=short_date(date(2026, 11, 27), "en"),
        ) in text_of(app.screen.query_one("#ledger-bar", Static))
        # The ingredient least given this week is named as a gentle hint.
        class_items = [int(str(c)) for c in table.get_row("_class")[7:14]]
        least = class_items.index(min(class_items))
        hint = t(
            "ledger.least_used", "en", item=abc_items()[least].name("en"), count=min(class_items)
        )
        assert hint in text_of(app.screen.query_one("#ledger-legend", Static))

        await press(pilot, "left_square_bracket")
        assert t(
            "ledger.week_of",
            "en",
            first=short_date(date(2026, 11, 16), "en"),
            last=short_date(PREVIOUS_FRI, "en"),
        ) in text_of(app.screen.query_one("#ledger-bar", Static))
        assert day_counts(table, week["Zoë"]) == ["0", "0", "0", "0", "2"]
        assert day_counts(table, week["Anna"]) == ["0", "0", "0", "0", "0"]
        assert week_total(table, "_class") == "2"

        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert week_total(table, week["Anna"]) == "6", "never past this week"


async def test_enter_opens_the_childs_history(week: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w", "down", "down")  # Adam, Andy, Anna
        await press(pilot, "enter")
        assert screen_names(app)[-2:] == ["LedgerScreen", "ChildHistoryScreen"]
        history = app.screen
        assert isinstance(history, ChildHistoryScreen)
        assert history.child_id == week["Anna"]
        title = text_of(history.query_one("#history-title", Static))
        assert "Anna Peeters" in title
        assert "6 ticks in 13 weeks" in title  # 31 Aug to 23 Nov

        table = history.query_one(DataTable)
        this_week = [str(cell).strip() for cell in table.get_row(MON.isoformat())]
        assert this_week[:9] == [short_date(MON, "en"), "2", "0", "0", "2", "1", "0", "1", "6"]
        # What the teacher sees, not only what the table holds: the counts are on screen.
        line = next(row for row in screen_text(app).splitlines() if short_date(MON, "en") in row)
        assert line.split()[2:11] == ["2", "0", "0", "2", "1", "0", "1", "6", "░░░"]

        await press(pilot, "escape")
        assert isinstance(app.screen, LedgerScreen)


async def test_home_flags_the_child_nobody_connected_with(
    small_class: dict[str, str], data_path: Path
) -> None:
    """Everyone but Adam got something on each of the last days; Bram last had a
    connection on Thursday 19th, four school days before today."""
    ids = small_class
    with Store.open(data_path, today=TODAY) as store:
        for day in (PREVIOUS_THU, PREVIOUS_FRI, MON, TUE, WED):
            for name in ("Anna", "Andy", "Zoë"):
                store.abc.save(store.abc.day(ids[name], day).toggled("welcome", "smile"))
        store.abc.save(store.abc.day(ids["Andy"], WED).toggled("welcome", "voice"))
        store.abc.save(store.abc.day(ids["Bram"], PREVIOUS_THU).toggled("welcome", "touch"))

    app = make_app(data_path)
    async with app.run_test(size=SIZE):
        invisible = text_of(app.screen.query_one("#home-invisible", Static))
        lines = invisible.splitlines()
        assert f"Adam  {t('home.reason_none', 'en', days='4 school days')}" in lines
        assert f"Bram  {t('home.reason_none', 'en', days='4 school days')}" in lines
        assert lines.count(f"  → {t('home.suggest_welcome', 'en')}") == 2
        for name in ("Anna", "Andy", "Zoë"):
            assert name not in invisible

        groups = options(app.screen.query_one("#home-groups", OptionList))
        assert f"◌ Adam  {t('home.group_not_yet', 'en')}" in groups
        assert f"◆ Andy  {t('home.group_got', 'en', count=2)}" in groups
        assert not any("Anna" in line or "Zoë" in line for line in groups)

        today = text_of(app.screen.query_one("#home-today", Static))
        assert t("home.connected", "en", count=3, total=5) in today
        assert f"{t('home.waiting', 'en')} Adam, Bram" in today


async def test_home_counts_a_tick_made_on_the_abc_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        groups = app.screen.query_one("#home-groups", OptionList)
        assert f"◌ Adam  {t('home.group_not_yet', 'en')}" in options(groups)
        await press(pilot, "a", "g", "escape")  # Adam is first in the grid
        assert screen_names(app)[-1] == "HomeScreen"
        assert f"◌ Adam  {t('home.group_got', 'en', count=3)}" in options(groups)
        assert t("home.connected", "en", count=1, total=5) in text_of(
            app.screen.query_one("#home-today", Static)
        )
