"""A closed school year whose archive holds a bad entry: a message on screen, never a crash."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from ui_helpers import SIZE, TODAY, make_app, press, screen_names

from companion.domain.abc import AbcDay
from companion.domain.vocabulary import AbcItem, Moment
from companion.screens.child_history import ChildHistoryScreen
from companion.store import Store

LAST_YEAR = date(2025, 10, 6)  # a Monday in school year 2025-2026, closed on TODAY


async def test_a_bad_entry_in_an_archive_is_said_on_the_history_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    anna = small_class["Anna"]
    with Store.open(data_path, today=TODAY) as store:
        marks: dict[Moment, frozenset[AbcItem]] = {"welcome": frozenset({"smile"})}
        store.school_years.load_history(
            [AbcDay(anna, LAST_YEAR + timedelta(days=n), marks) for n in range(3)]
        )
    archive = data_path.parent / "klas.archive" / "2025-2026.json"
    raw = json.loads(archive.read_bytes())
    raw["abc"][0]["welcome"] = 5  # the reported case
    archive.write_text(json.dumps(raw))

    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "w", "down", "down")  # Adam, Andy, Anna
        await press(pilot, "enter")
        assert isinstance(app.screen, ChildHistoryScreen)
        await press(pilot, "left_square_bracket")  # the closed year before
        said = " ".join(str(note.message) for note in app._notifications)
        assert str(archive) in said
        assert "“abc”" in said and "“welcome”" in said
        assert screen_names(app)[-1] == "ChildHistoryScreen"  # still running, still there
        await press(pilot, "escape")
        assert screen_names(app)[-1] == "LedgerScreen"
