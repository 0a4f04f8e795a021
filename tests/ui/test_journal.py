"""The journal at 80x24: write on a deck prompt, link a child, tag it, find it by search,
restart and find it again; a draft survives a killed app; delete asks and ctrl+z undoes;
huge, emoji, right-to-left text and control characters neither crash nor corrupt."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static, TextArea
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, text_of, type_text

from companion.app import CompanionApp
from companion.content.prompts import prompts
from companion.domain.journal import MAX_TEXT, Draft, JournalEntry
from companion.i18n import t
from companion.screens.journal.editor import EntryEditorScreen
from companion.screens.journal.filters import FilterDialog
from companion.screens.journal.timeline import JournalScreen
from companion.screens.samen_spel.toggles import TickBox
from companion.store import Store
from companion.widgets.record_table import RecordTable

SnapCompare = Callable[..., bool]


def timeline(pilot: Pilot[Any]) -> JournalScreen:
    screen = pilot.app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def editor(pilot: Pilot[Any]) -> EntryEditorScreen:
    screen = pilot.app.screen
    assert isinstance(screen, EntryEditorScreen)
    return screen


def titles(pilot: Pilot[Any]) -> list[str]:
    """The titles the timeline shows, top to bottom (the table may cut them short)."""
    screen = timeline(pilot)
    table = screen.query_one("#journal-table", RecordTable)
    keys = [str(row.key.value) for row in table.ordered_rows] if table.display else []
    return [screen.shown[key].title for key in keys]


async def search_for(pilot: Pilot[Any], text: str) -> None:
    find = pilot.app.screen.query_one("#journal-find", Input)
    if find.has_focus:
        find.value = ""
    else:
        await press(pilot, "slash")
    await type_text(pilot, text)


async def draft_kept(pilot: Pilot[Any], app: CompanionApp, text: str) -> Draft:
    """Wait (a bounded while) until the editor's debounced draft holds `text`."""
    for _ in range(60):
        draft = app.store.journal.drafts.get("new")
        if draft is not None and draft.text == text:
            return draft
        await pilot.pause(0.1)
    raise AssertionError("the draft was never kept")


def entries_in(path: Path) -> list[JournalEntry]:
    with Store.open(path, today=TODAY) as store:
        return store.journal.everything()


async def test_write_on_a_deck_prompt_link_a_child_tag_it_and_find_it(
    data_path: Path, small_class: dict[str, str]
) -> None:
    first_prompt = prompts()[0]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        assert screen_names(app)[-1] == "JournalScreen"
        assert t("journal.timeline.empty") in text_of(app.screen.query_one("#journal-none"))
        await press(pilot, "v")
        assert screen_names(app)[-1] == "PromptDialog"
        await press(pilot, "enter")  # the deck's first prompt
        screen = editor(pilot)
        assert screen.prompt == first_prompt.key
        assert first_prompt.text_in("en") in text_of(screen.query_one("#editor-prompt"))
        await type_text(pilot, "Kring was calm today @kring")
        await press(pilot, "ctrl+l")
        assert screen_names(app)[-1] == "PickDialog"
        await type_text(pilot, "zoe")  # Zoë, accent-blind
        await press(pilot, "enter", "escape")
        assert screen.children_ids == {small_class["Zoë"]}
        await press(pilot, "ctrl+t")
        await type_text(pilot, "boos")  # a new tag
        await press(pilot, "enter", "escape")
        assert screen.tags == ("boos",)
        links = text_of(screen.query_one("#editor-children")) + text_of(
            screen.query_one("#editor-tags")
        )
        assert "Zoë De Smet" in links and "@boos" in links
        await press(pilot, "ctrl+s")
        assert screen_names(app)[-1] == "JournalScreen"
        assert titles(pilot) == ["Kring was calm today @kring"]
        assert app.store.journal.drafts.get("new") is None

        await search_for(pilot, "zoe @boos")
        assert titles(pilot) == ["Kring was calm today @kring"]
        await search_for(pilot, "ZOE -@kring")
        assert titles(pilot) == []
        await search_for(pilot, "calm NOT stormy")
        assert titles(pilot) == ["Kring was calm today @kring"]

    (entry,) = entries_in(data_path)
    assert entry.kind == "prompt" and entry.prompt == first_prompt.key
    assert entry.children == {small_class["Zoë"]}
    assert entry.all_tags() == ["boos", "kring"]

    # Restart: it is there, and found.
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        assert titles(pilot) == ["Kring was calm today @kring"]
        tags = text_of(app.screen.query_one("#journal-tags"))
        assert "@boos 1" in tags and "@kring 1" in tags
        await search_for(pilot, "@BOOS zoë")
        assert titles(pilot) == ["Kring was calm today @kring"]
        await press(pilot, "enter", "enter")  # from the search to the table, then read it
        assert screen_names(app)[-1] == "EntryViewScreen"
        head = text_of(app.screen.query_one("#view-head"))
        assert "Zoë De Smet" in head and first_prompt.text_in("en") in head


async def test_a_draft_survives_a_killed_app(
    data_path: Path, small_class: dict[str, str], tmp_path: Path
) -> None:
    words = "What I want to remember about Andy"
    after_the_crash = tmp_path / "after" / "klas.json"
    after_the_crash.parent.mkdir()
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "n")
        await type_text(pilot, words)
        await draft_kept(pilot, app, words)  # while she is still typing, no way out taken
        assert screen_names(app)[-1] == "EntryEditorScreen"
        # The app is killed here: what is on disk now is all that is left.
        shutil.copy(data_path, after_the_crash)

    app = make_app(after_the_crash)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        offered = text_of(app.screen.query_one("#journal-draft", Static))
        assert words in offered
        await press(pilot, "n")
        screen = editor(pilot)
        assert screen.restored
        assert screen.query_one("#editor-text", TextArea).text == words
        status = text_of(screen.query_one("#editor-status"))
        assert "unsaved writing" in status
        await press(pilot, "ctrl+s")
        assert titles(pilot) == [words]
        assert app.store.journal.drafts.get("new") is None


async def test_escape_keeps_the_draft_and_start_afresh_drops_it(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "n")
        await type_text(pilot, "Half a thought")
        await press(pilot, "escape")  # at once, before the debounce
        assert screen_names(app)[-1] == "JournalScreen"
        draft = app.store.journal.drafts.get("new")
        assert draft is not None and draft.text == "Half a thought"
        assert "Half a thought" in text_of(app.screen.query_one("#journal-draft"))
        await press(pilot, "n")
        assert editor(pilot).query_one("#editor-text", TextArea).text == "Half a thought"
        await press(pilot, "ctrl+r")
        assert screen_names(app)[-1] == "ConfirmDialog"
        await press(pilot, "enter")
        assert editor(pilot).query_one("#editor-text", TextArea).text == ""
        assert app.store.journal.drafts.get("new") is None


async def test_delete_asks_and_ctrl_z_brings_it_back(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "n")
        await type_text(pilot, "To be deleted")
        await press(pilot, "ctrl+s")
        assert titles(pilot) == ["To be deleted"]
        await press(pilot, "s")
        assert app.store.journal.of_year()[0].starred
        await press(pilot, "delete")
        assert screen_names(app)[-1] == "ConfirmDialog"
        await press(pilot, "escape")  # not meant
        assert titles(pilot) == ["To be deleted"]
        await press(pilot, "delete", "enter")
        assert titles(pilot) == []
        assert app.store.journal.of_year() == []
        await press(pilot, "ctrl+z")
        assert titles(pilot) == ["To be deleted"]
    (entry,) = entries_in(data_path)
    assert entry.title == "To be deleted" and entry.starred


async def test_huge_emoji_right_to_left_and_control_characters(
    data_path: Path, small_class: dict[str, str]
) -> None:
    strange = "Regenboog 🌈👩🏽‍🏫 مرحبا بالأطفال שלום ילדים\n"
    huge = strange + "x" * (MAX_TEXT - len(strange))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "n")
        screen = editor(pilot)
        area = screen.query_one("#editor-text", TextArea)
        area.load_text(huge + "y")  # one character too many, as a paste
        await press(pilot, "ctrl+s")
        error = text_of(screen.query_one("#text-error"))
        assert str(MAX_TEXT) in error and screen_names(app)[-1] == "EntryEditorScreen"
        area.load_text("Bell\x07 and escape\x1b[31m red")
        await press(pilot, "ctrl+s")
        assert t("journal.error.control_characters") in text_of(screen.query_one("#text-error"))
        await press(pilot, "escape")  # leaves; the draft keeps even this
        draft = app.store.journal.drafts.get("new")
        assert draft is not None and draft.text == "Bell\x07 and escape\x1b[31m red"
        await press(pilot, "n")
        screen = editor(pilot)
        screen.query_one("#editor-text", TextArea).load_text(huge)
        await press(pilot, "ctrl+s")
        assert screen_names(app)[-1] == "JournalScreen"
        assert titles(pilot)[0].startswith("Regenboog")
        await press(pilot, "enter")
        assert screen_names(app)[-1] == "EntryViewScreen"
        assert app.screen.query_one("#view-text", TextArea).text == huge

    (entry,) = entries_in(data_path)
    assert entry.text == huge and entry.title == strange.strip()
    with Store.open(data_path, today=TODAY) as store:
        assert store.journal.drafts.all() == []


def test_the_timeline(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=SIZE, press=["d"])


def test_the_timeline_in_dutch(snap_compare: SnapCompare, demo_path: Path) -> None:
    assert snap_compare(make_app(demo_path, "nl"), terminal_size=SIZE, press=["d", "down"])


async def test_the_filter_dialog_s_buttons_work_from_the_keyboard(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "f")
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#filter-starred", TickBox).value = True
        app.screen.query_one("#save", Button).focus()
        await press(pilot, "enter")
        journal = timeline(pilot)
        assert journal.filters.starred
        assert journal.shown and all(entry.starred for entry in journal.shown.values())
        await press(pilot, "f")
        app.screen.query_one("#cancel", Button).focus()
        await press(pilot, "enter")
        assert timeline(pilot).filters.starred
        await press(pilot, "f")
        app.screen.query_one("#clear", Button).focus()
        await press(pilot, "enter")
        assert not timeline(pilot).filters.starred


async def test_a_long_timeline_shows_the_newest_hundred_and_plus_shows_more(
    data_path: Path, small_class: dict[str, str]
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        start = datetime(2026, 9, 1, 16, 0)
        for n in range(150):
            store.journal.save(
                JournalEntry("", "reflection", start + timedelta(hours=n), f"Dag {n}")
            )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        journal = timeline(pilot)
        assert len(journal.shown) == 100 and "Dag 149" in titles(pilot)[0]
        said = t("journal.timeline.newest_all", shown=100, total=150)
        assert said in text_of(app.screen.query_one("#journal-filters", Static))
        await press(pilot, "plus")
        assert len(timeline(pilot).shown) == 150
        assert t("journal.timeline.all", count=150) in text_of(
            app.screen.query_one("#journal-filters", Static)
        )


async def test_earlier_school_years_are_read_when_she_searches_or_asks_for_more(
    data_path: Path, small_class: dict[str, str]
) -> None:
    with Store.open(data_path, today=date(2026, 3, 2)) as store:
        store.journal.save(JournalEntry("", "reflection", datetime(2026, 3, 2, 16), "Sneeuw"))
    with Store.open(data_path, today=TODAY) as store:
        store.school_years.close()
        store.journal.save(JournalEntry("", "reflection", datetime(2026, 11, 24, 16), "Kring"))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        assert titles(pilot) == ["Kring"]  # this school year at once
        line = app.screen.query_one("#journal-filters", Static)
        assert t("journal.timeline.this_year", total=1) in text_of(line)
        await search_for(pilot, "sneeuw")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert titles(pilot) == ["Sneeuw"]  # read from last year's archive
        await press(pilot, "escape", "x")
        assert titles(pilot) == ["Kring", "Sneeuw"]
        assert t("journal.timeline.all", count=2) in text_of(line)
