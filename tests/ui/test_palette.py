"""The command palette (ctrl+p): every place and every action, from anywhere, by the
words a teacher types in either language, shown in the chosen one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.constants import DEFAULT_THEME
from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import SCHOOL_START, SIZE, TODAY, make_app, press, screen_names, screen_text

from companion.app import CompanionApp
from companion.domain.children import ChildDraft
from companion.i18n import current_language, t
from companion.screens.abc import AbcScreen
from companion.screens.calendar import CalendarScreen
from companion.screens.child_form import ChildFormScreen
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.curtain import CurtainScreen
from companion.screens.home import HomeScreen
from companion.screens.roster_import import RosterImportScreen
from companion.screens.settings import SettingsScreen
from companion.screens.start_of_year import StartOfYearScreen
from companion.store import Store
from companion.widgets.abc_grid import AbcGrid


async def hits_for(pilot: Pilot[Any], query: str) -> list[str]:
    """Open the palette (unless open), type `query`, and read the hits' titles, best first."""
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    # Set at once (as a paste would): one search, not one per letter.
    app.screen.query_one(Input).value = query
    for _ in range(3):  # the change reaches the palette, which starts its search
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    found = app.screen.query_one(CommandList)
    return [
        str(found.get_option_at_index(index).prompt).splitlines()[0]
        for index in range(found.option_count)
    ]


async def choose(pilot: Pilot[Any], query: str, title: str) -> list[str]:
    """Find `title` among the hits for `query` and run it; the hits are returned."""
    titles = await hits_for(pilot, query)
    assert title in titles, (query, titles)
    found = pilot.app.screen.query_one(CommandList)
    found.highlighted = titles.index(title)
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return titles


def _go_to(name: str, lang: str) -> str:
    return f"{t('palette.go_to', lang)} {t(f'nav.{name}', lang)}"


def _language_switched(app: CompanionApp, lang: str) -> bool:
    return current_language() != lang and isinstance(app.screen, SettingsScreen)


def _smile_undone(app: CompanionApp, lang: str) -> bool:
    return isinstance(app.screen, AbcScreen) and not app.store.abc.days([TODAY])


def _holidays_marked(app: CompanionApp, lang: str) -> bool:
    return isinstance(app.screen, CalendarScreen) and len(app.store.days_off.of_year()) > 10


Done = Callable[[CompanionApp, str], bool]

# (Dutch word, English word, the command's title (a function of the language), what it does)
CASES: list[tuple[str, str, Callable[[str], str], Done]] = [
    (
        "importeren",
        "import",
        lambda lang: t("palette.title.import_list", lang),
        lambda app, lang: isinstance(app.screen, RosterImportScreen),
    ),
    (
        "vakantie",
        "holiday",
        lambda lang: t("palette.title.confirm_holidays", lang),
        _holidays_marked,
    ),
    ("taal", "language", lambda lang: t("palette.title.switch_language", lang), _language_switched),
    (
        "privacy",
        "privacy",
        lambda lang: t("palette.title.curtain", lang),
        lambda app, lang: isinstance(app.screen, CurtainScreen),
    ),
    ("ongedaan", "undo", lambda lang: t("palette.title.undo", lang), _smile_undone),
    (
        "nieuw kind",
        "new child",
        lambda lang: t("palette.title.new_child", lang),
        lambda app, lang: isinstance(app.screen, ChildFormScreen),
    ),
    (
        "reservekopie",
        "backup",
        lambda lang: _go_to("settings", lang),
        lambda app, lang: isinstance(app.screen, SettingsScreen),
    ),
    (
        "verbinding",
        "connection",
        lambda lang: _go_to("start_of_year", lang),
        lambda app, lang: isinstance(app.screen, StartOfYearScreen),
    ),
]


@pytest.mark.parametrize("lang", ["nl", "en"], ids=["nl-ui", "en-ui"])
async def test_from_today_the_words_a_teacher_types_find_the_command_and_run_it(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    """Each word, typed in Dutch and in English, finds the command (titled in the chosen
    language) among the hits from the Today screen; choosing it does it. One session per
    language keeps it fast: Today is reopened before each word."""
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        # A tick on the ABC screen, then back to Today: undo must still reach it.
        await press(pilot, "a", "4", "escape")
        assert app.store.abc.days([TODAY])
        # The language switch last: it changes the language of what follows.
        for dutch, english, title, done in sorted(
            CASES, key=lambda case: case[3] is _language_switched
        ):
            await app.action_open("home")
            if isinstance(app.screen, CurtainScreen):
                await press(pilot, "space")
            assert isinstance(app.screen, HomeScreen), dutch
            assert title(lang) in await hits_for(pilot, dutch), dutch
            await choose(pilot, english, title(lang))  # the same palette, another word
            assert done(app, lang), (english, screen_names(app))


async def test_no_matches_and_the_placeholder_speak_dutch(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        assert await hits_for(pilot, "qqqzzz") == []
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).placeholder == t("palette.placeholder", "nl")
        await pilot.pause(CommandPalette._NO_MATCHES_COUNTDOWN + 0.1)  # Textual's own countdown
        shown = screen_text(app)
        assert t("palette.no_matches", "nl") in shown
        assert "No matches" not in shown
        await press(pilot, "escape")
        app.search_themes()  # Textual's theme picker, in Dutch too
        await pilot.pause()
        assert await hits_for(pilot, "qqqzzz") == []
        assert app.screen.query_one(Input).placeholder == t("palette.theme.placeholder", "nl")
        await pilot.pause(CommandPalette._NO_MATCHES_COUNTDOWN + 0.1)
        assert t("palette.theme.no_matches", "nl") in screen_text(app)


async def test_textuals_own_commands_stay_in_the_chosen_language(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        for name in ("theme", "keys", "screenshot", "quit"):
            assert t(f"palette.system.{name}", "nl") in await hits_for(
                pilot, t(f"palette.system.{name}", "nl")
            )
        await choose(pilot, "stoppen", t("palette.system.quit", "nl"))
        assert not app.is_running


async def test_an_action_on_the_child_under_the_cursor_opens_its_place_and_waits(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "smile", t("palette.title.tick_smile", "en"))
        assert isinstance(app.screen, AbcScreen)
        assert app.store.abc.days([TODAY]) == {}, "nobody was chosen yet: nothing ticked"
        await choose(pilot, "smile", t("palette.title.tick_smile", "en"))  # here: it ticks
        [entry] = app.store.abc.days([TODAY]).values()
        assert entry.items_at("welcome") == {"smile"}
    with Store.open(data_path, today=TODAY) as store:
        assert len(store.abc.days([TODAY])) == 1


# -- the child finder ----------------------------------------------------------------


def _child_hit(name: str, place: str, lang: str = "en") -> str:
    return t("palette.child.title", lang, name=name, place=t(f"palette.child.{place}", lang))


@pytest.mark.parametrize("start", ["home", "calendar"])
async def test_a_childs_name_typed_without_accent_opens_her_history_and_her_abc_row(
    small_class: dict[str, str], data_path: Path, start: str
) -> None:
    """ "zoe" finds Zoë (accent- and case-blind): one hit opens her school year over the
    week ledger, the other the ABC of Love with the cursor on her row; from Today and
    from another place alike."""
    zoe = small_class["Zoë"]
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await app.action_open(start)
        titles = await choose(pilot, "ZOE", _child_hit("Zoë", "history"))
        assert _child_hit("Zoë", "abc_row") in titles
        assert isinstance(app.screen, ChildHistoryScreen)
        assert app.screen.child_id == zoe
        assert screen_names(app) == ["HomeScreen", "LedgerScreen", "ChildHistoryScreen"]
        assert "Zoë De Smet" in screen_text(app)
        await app.action_open(start)
        await choose(pilot, "zoe", _child_hit("Zoë", "abc_row"))
        assert isinstance(app.screen, AbcScreen)
        assert app.screen.query_one(AbcGrid).highlighted_child_id == zoe
        await press(pilot, "4")  # the key ticks her, not the first child
        assert app.store.abc.day(zoe, TODAY).items_at("welcome") == {"smile"}


async def test_the_child_finder_speaks_dutch_and_a_word_after_the_name_picks_the_place(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        titles = await hits_for(pilot, "zoë")
        assert {_child_hit("Zoë", "history", "nl"), _child_hit("Zoë", "abc_row", "nl")} <= set(
            titles
        )
        assert titles[:3] == [  # her whole name ranks first, her page before the rest
            _child_hit("Zoë", "page", "nl"),
            _child_hit("Zoë", "history", "nl"),
            _child_hit("Zoë", "abc_row", "nl"),
        ]
        for typed in ("zoe abc", "de smet rij", "Zoe ABC row"):  # English words work too
            titles = await hits_for(pilot, typed)
            assert _child_hit("Zoë", "abc_row", "nl") in titles, typed
            assert _child_hit("Zoë", "history", "nl") not in titles, typed


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_her_name_and_a_word_open_her_needs_or_her_samen_spel_over_her_page(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    from companion.screens.child_page import ChildPageScreen
    from companion.screens.needs import NeedsProfileScreen
    from companion.screens.samen_spel.child import SamenSpelChildScreen

    andy = small_class["Andy"]
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        titles = await hits_for(pilot, "andy")
        assert _child_hit("Andy", "needs", lang) in titles
        assert _child_hit("Andy", "samen_spel", lang) in titles
        for typed, place, screen_class in (
            ("andy behoeften", "needs", NeedsProfileScreen),
            ("Andy needs", "needs", NeedsProfileScreen),
            ("andy samen", "samen_spel", SamenSpelChildScreen),
            ("andy samen-spel", "samen_spel", SamenSpelChildScreen),
        ):
            other = "samen_spel" if place == "needs" else "needs"
            titles = await choose(pilot, typed, _child_hit("Andy", place, lang))
            assert _child_hit("Andy", other, lang) not in titles, typed
            assert isinstance(app.screen, screen_class), typed
            assert app.screen.child_id == andy
            # Over her page: escape goes to it, and once more back where she was.
            await press(pilot, "escape")
            assert isinstance(app.screen, ChildPageScreen)
            assert app.screen.child_id == andy
            await press(pilot, "escape")
            assert screen_names(app) == ["HomeScreen"]


async def test_an_archived_child_is_not_offered_and_a_shared_first_name_shows_in_full(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        zoe = store.children.get(small_class["Zoë"])
        assert zoe is not None
        store.children.update(replace(zoe, archived=True))
        store.children.add_many(
            [ChildDraft("Anna", "Claes"), ChildDraft("Zoe", "Wouters")], added_on=SCHOOL_START
        )
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        titles = await hits_for(pilot, "zoe")
        assert not any("Smet" in title for title in titles), titles
        assert _child_hit("Zoe", "history") in titles  # the one Zoe of the class
        titles = await hits_for(pilot, "anna")
        assert _child_hit("Anna Peeters", "history") in titles
        assert _child_hit("Anna Claes", "history") in titles
        assert await hits_for(pilot, "xylofoon") == []


# -- Textual's own commands and the theme ----------------------------------------------


async def _pick_theme(pilot: Pilot[Any], name: str, lang: str) -> None:
    """Through the palette, as the teacher does: "Theme", then the theme's name."""
    await choose(pilot, t("palette.system.theme", lang), t("palette.system.theme", lang))
    assert isinstance(pilot.app.screen, CommandPalette)
    placeholder = pilot.app.screen.query_one(Input).placeholder
    assert placeholder == t("palette.theme.placeholder", lang)
    await choose(pilot, name, name)


async def _theme_at_next_start(data_path: Path) -> str:
    """The theme stored in the file, checked to be the one a new start shows."""
    with Store.open(data_path, today=TODAY) as store:
        stored = store.settings.get("theme")
    again = make_app(data_path, "en")
    async with again.run_test(size=SIZE):
        assert again.theme == stored
    return again.theme


async def test_a_chosen_theme_is_there_again_at_the_next_start(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == DEFAULT_THEME
        await _pick_theme(pilot, "nord", "en")
        assert app.theme == "nord"
        await press(pilot, "ctrl+q")
    assert await _theme_at_next_start(data_path) == "nord"


async def test_a_stored_theme_textual_no_longer_has_gives_the_default_without_a_word(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.settings.set("theme", "a-theme-of-long-ago")
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert not app._notifications
        assert app.store.settings.get("theme") == "a-theme-of-long-ago"  # not rewritten unasked


async def test_on_a_read_only_file_a_theme_still_changes_for_the_session(
    small_class: dict[str, str], data_path: Path
) -> None:
    Path(f"{data_path}.lock").unlink()
    data_path.chmod(0o444)
    before = data_path.read_bytes()
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await _pick_theme(pilot, "gruvbox", "nl")
        assert app.theme == "gruvbox"
        assert not app._notifications
    assert data_path.read_bytes() == before


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_textuals_theme_command_is_found_next_to_ours(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        for typed in ("theme", "thema"):
            assert t("palette.system.theme", lang) in await hits_for(pilot, typed), typed
        assert _go_to("calendar", lang) in await hits_for(pilot, t("nav.calendar", lang))


async def test_a_theme_picked_after_saving_stopped_still_shows_and_the_stop_is_said(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        Path(f"{data_path}.lock").unlink()
        with Store.open(data_path, today=TODAY) as second:  # another window got in
            second.settings.set("lang", "nl")
        theirs = data_path.read_bytes()
        await _pick_theme(pilot, "dracula", "en")
        assert app.theme == "dracula"
        lock = f"{data_path}.lock"
        message = t("errors.file.lock_lost", "en", path=str(data_path), lock=lock)
        assert [str(note.message) for note in app._notifications] == [message]
        assert t("app.read_only.stopped", "en") in screen_text(app)
        await _pick_theme(pilot, "nord", "en")  # saving has stopped: no second message
        assert app.theme == "nord"
        assert len(app._notifications) == 1
    assert data_path.read_bytes() == theirs


async def test_a_theme_picked_in_the_demo_class_stays_hers_after_the_demo_and_a_restart(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "demo", t("palette.title.demo", "en"))
        assert app.in_demo
        await _pick_theme(pilot, "nord", "en")
        app.leave_demo()
        await pilot.pause()
        assert app.store.path == data_path  # her own class again
        assert app.theme == "nord"
        await press(pilot, "ctrl+q")
    assert await _theme_at_next_start(data_path) == "nord"
