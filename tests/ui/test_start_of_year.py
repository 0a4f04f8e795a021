"""Connectie maken met àlle kinderen: who still waits for a first connection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable
from ui_helpers import SIZE, TODAY, cells, make_app, press, rows

from companion.i18n import t
from companion.screens.start_of_year import StartOfYearScreen
from companion.store import Store


async def test_children_without_any_connection_come_first(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.abc.save(
            store.abc.day(small_class["Anna"], date(2026, 9, 2)).toggled("welcome", "touch")
        )
        store.abc.save(
            store.abc.day(small_class["Anna"], date(2026, 10, 5)).toggled("goodbye", "smile")
        )
        store.abc.save(store.abc.day(small_class["Zoë"], TODAY).toggled("day", "voice"))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "j")
        assert isinstance(app.screen, StartOfYearScreen)
        table = app.screen.query_one(DataTable)
        names = [row[0] for row in rows(table)]
        assert set(names[:3]) == {"Adam Janssens", "Andy Maes", "Bram Van den Broeck"}
        anna = cells(table, small_class["Anna"])
        #                 touch turn near smile voice joy eye
        assert [cell.strip() for cell in anna[1:8]] == ["✓", "·", "·", "✓", "·", "·", "·"]
        assert anna[8] == t("start.connected", "en")
        assert cells(table, small_class["Adam"])[8] == t("start.not_yet", "en")
        bar = str(app.screen.query_one("#start-bar").render())
        assert "3 of 5" in bar
