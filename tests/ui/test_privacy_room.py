"""Privacy in the room (issue 13): names as initials on every screen, and the curtain
that hides every name, drawn by F2 or by itself after the idle time of the setting.

The demo class (every feature filled) is renamed to names no text of the app or of the
teacher's own writing holds, so a name found on screen can only have come through how
the app shows a child; two of them share their initials."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_palette import hits_for
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Markdown, OptionList, Static, TextArea
from ui_helpers import NOW, SIZE, TODAY, make_app, press, screen_text

from companion.app import create_app
from companion.clock import fixed_clock
from companion.demo import build_demo, write_demo
from companion.domain.children import Child, ShownNames, initials, initials_of
from companion.domain.privacy import (
    CURTAIN_DEFAULT,
    CURTAIN_SETTING,
    INITIALS_SETTING,
    curtain_seconds,
    next_curtain_choice,
)
from companion.domain.report import Period
from companion.i18n import t
from companion.screens.child_history import ChildHistoryScreen
from companion.screens.child_page import ChildPageScreen
from companion.screens.curtain import CurtainScreen
from companion.screens.journal.analysis_page import AnalysisPageScreen
from companion.screens.journal.entry_view import EntryViewScreen
from companion.screens.needs.profile import NeedsProfileScreen
from companion.screens.places import PLACES
from companion.screens.report.handover import HandoverReviewScreen
from companion.screens.report.pickers import ReportFileSave
from companion.screens.report.preview import ReportPreviewScreen, ReportRequest
from companion.screens.samen_spel.child import SamenSpelChildScreen
from companion.screens.settings import SettingsScreen
from companion.store import Store
from companion.store.codec.crypto import ARGON2ID, KdfParams, Keyring
from companion.store.encryption import encrypt

# Passphrases stretched cheaply in tests (the real parameters are measured in benchmarks/).
FAST_KDF = KdfParams(ARGON2ID, 1, 1, 8 * 1024)

# (first, last) names found in no string of the app; the first two share "Z.P.".
INVENTED = (
    ("Zoltana", "Pimsleur"),
    ("Zerbina", "Pommeroy"),
    ("Quirijna", "Oxbridge"),
    ("Xandor", "Wexleigh"),
    ("Yvoria", "Brixholm"),
    ("Kwintus", "Vandersnoek"),
    ("Brambleth", "Quastor"),
    ("Ulfrida", "Zwenkhout"),
    ("Perpetua", "Graxwell"),
    ("Isolde", "Fenwraith"),
    ("Oswina", "Trummelkamp"),
    ("Gorvath", "Huxtaple"),
    ("Ravenna", "Dulcimore"),
    ("Tibald", "Strumpfel"),
)


def _renamed(store: Store) -> list[Child]:
    children = sorted(store.children.all(include_archived=True), key=lambda c: (c.added_on, c.id))
    assert len(children) <= len(INVENTED)
    return [
        store.children.update(replace(child, first_name=first, last_name=last))
        for child, (first, last) in zip(children, INVENTED, strict=False)
    ]


@pytest.fixture
def room_class(data_path: Path) -> list[Child]:
    """The demo class under invented names, with names shown as initials."""
    with Store.open(data_path, today=TODAY) as store:
        write_demo(store, build_demo(date(2026, 11, 25), years=1, children=12, seed=7))
        children = _renamed(store)
        store.settings.set(INITIALS_SETTING, "on")
    return children


def _widget_text(widget: Widget) -> list[str]:
    """What a widget holds to show, scrolled out of sight or not."""
    found = [str(widget.border_title or ""), str(widget.border_subtitle or "")]
    if isinstance(widget, DataTable):
        found += [str(column.label) for column in widget.columns.values()]
        for index in range(widget.row_count):
            found += [str(cell) for cell in widget.get_row_at(index)]
    elif isinstance(widget, OptionList):
        found += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    elif isinstance(widget, Input):
        found += [widget.value, widget.placeholder]
    elif isinstance(widget, TextArea):
        found.append(widget.text)
    elif isinstance(widget, Markdown):
        found.append(widget.source or "")
    elif isinstance(widget, Static):
        found.append(str(widget.render()))
    return found


def shown_text(app: App[Any]) -> str:
    """The terminal as drawn, every widget's whole text on the top screen, the titles and
    the notifications."""
    parts = [screen_text(app), app.title, app.sub_title, str(app.screen.title or "")]
    for widget in app.screen.query("*"):
        parts += _widget_text(widget)
    parts += [notification.message for notification in app._notifications]
    return "\n".join(parts)


def names_in(text: str, children: list[Child]) -> list[str]:
    found = []
    for child in children:
        for name in (child.first_name, child.last_name):
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                found.append(name)
    return found


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- names as initials ----------------------------------------------------------------


def test_initials_tell_two_children_with_the_same_ones_apart() -> None:
    first = Child("a", "Zoë", "Peeters", added_on=date(2026, 9, 1))
    second = Child("b", "zara", "pauwels", added_on=date(2026, 10, 1))
    third = Child("c", "Bram", "Van den Broeck", added_on=date(2026, 9, 1))
    alone = Child("d", "Émile", "", added_on=date(2026, 9, 1))
    assert initials(first) == "Z.P." and initials(third) == "B.V." and initials(alone) == "É."
    shown = initials_of([second, first, third, alone])
    assert shown == {"a": "Z.P.", "b": "Z.P.2", "c": "B.V.", "d": "É."}
    # A newcomer with the same initials numbers herself, never the class.
    later = Child("e", "Zita", "Pieters", added_on=date(2026, 11, 1))
    assert initials_of([first, second, later])["e"] == "Z.P.3"
    names = ShownNames.of([first, second], initials=True)
    for way in (names.full, names.first, names.brief):
        assert way(second) == "Z.P.2"
    assert names.listed(first, last_first=True) == "Z.P."
    assert names.short([first, second]) == {"a": "Z.P.", "b": "Z.P.2"}
    plain = ShownNames.of([first, second], initials=False)
    assert (plain.full(first), plain.first(first), plain.brief(first)) == (
        "Zoë Peeters",
        "Zoë",
        "Zoë P",
    )
    assert plain.listed(first, last_first=True) == "Peeters, Zoë"


def test_the_curtain_setting_offers_off_and_whole_minutes() -> None:
    assert curtain_seconds(None) == CURTAIN_DEFAULT == 300
    assert curtain_seconds("0") == 0 and curtain_seconds("nonsense") == CURTAIN_DEFAULT
    assert curtain_seconds("0.2") == 0.2  # a test's fraction of a second
    cycle = [next_curtain_choice(str(s)) for s in (0, 120, 300, 600, 900)]
    assert cycle == [120, 300, 600, 900, 0]


async def test_with_initials_on_no_place_and_no_childs_screens_show_a_name(
    room_class: list[Child], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        leaks: dict[str, list[str]] = {}
        for place in PLACES:
            await app.open_place(place.name)
            await _settle(pilot)
            leaks[place.name] = names_in(shown_text(app), room_class)
        shown = initials_of(room_class)
        assert shown[room_class[0].id] == "Z.P." and shown[room_class[1].id] == "Z.P.2"
        for child in room_class:
            for screen in (
                ChildPageScreen(child.id),
                ChildHistoryScreen(child.id),
                NeedsProfileScreen(child.id),
                SamenSpelChildScreen(child.id),
            ):
                await app.push_screen(screen)
                await _settle(pilot)
                found = names_in(shown_text(app), room_class)
                if found:
                    leaks[f"{type(screen).__name__} {shown[child.id]}"] = found
                await app.pop_screen()
        assert {where: found for where, found in leaks.items() if found} == {}
        page = ChildPageScreen(room_class[1].id)
        await app.push_screen(page)
        await _settle(pilot)
        assert "Z.P.2" in shown_text(app)


async def test_with_initials_on_entries_analyses_and_report_previews_show_no_name(
    room_class: list[Child], data_path: Path
) -> None:
    """The journal's entries and analyses (linked children), and the reports as the
    screen previews them (the file written keeps the names)."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        store = app.store
        screens: list[Screen[Any]] = [
            EntryViewScreen(entry.id) for entry in store.journal.everything() if entry.children
        ]
        screens += [AnalysisPageScreen(a.id) for a in store.self_reg.of_year()]
        year = Period.school_year_until(TODAY)
        screens += [
            ReportPreviewScreen(ReportRequest("child", year, child.id, True))
            for child in room_class[:3]
        ]
        screens += [
            ReportPreviewScreen(ReportRequest("class", year)),
            HandoverReviewScreen(),
        ]
        assert len(screens) > 6
        leaks: dict[str, list[str]] = {}
        for screen in screens:
            await app.push_screen(screen)
            await _settle(pilot)
            leaks[type(screen).__name__ + str(len(leaks))] = names_in(shown_text(app), room_class)
            await app.pop_screen()
        assert {where: found for where, found in leaks.items() if found} == {}
        # Saving a child's report: the file name offered is on screen too.
        await app.push_screen(ReportPreviewScreen(ReportRequest("child", year, room_class[1].id)))
        await _settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, ReportFileSave)
        offered = app.screen.query_one(Input).value
        assert "Z.P.2" in offered, offered
        assert names_in(shown_text(app), room_class) == []


async def test_the_palette_finds_her_by_her_full_name_and_shows_her_initials(
    room_class: list[Child], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        second = room_class[1]
        titles = await hits_for(pilot, second.full_name)
        assert titles and all("Z.P.2" in title for title in titles[:3]), titles
        hits = app.screen.query_one(CommandList)
        shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert names_in("\n".join(shown), room_class) == []  # the help lines too


async def test_the_setting_switches_from_the_settings_screen_and_shows_at_once(
    room_class: list[Child], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        assert t("privacy.initials", "en") in shown_text(app)
        await press(pilot, "n")  # initials off: the names are back
        await _settle(pilot)
        assert app.store.settings.get(INITIALS_SETTING) == "off"
        await app.open_place("roster")
        await _settle(pilot)
        assert room_class[0].first_name in shown_text(app)
        await app.open_place("settings")
        await press(pilot, "n")
        await _settle(pilot)
        await app.open_place("roster")
        await _settle(pilot)
        assert names_in(shown_text(app), room_class) == []


# -- the curtain ----------------------------------------------------------------------


async def test_the_curtain_hides_every_name_on_every_place(
    room_class: list[Child], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.settings.set(INITIALS_SETTING, "off")  # the names themselves, until F2
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        for place in PLACES:
            await app.open_place(place.name)
            await _settle(pilot)
            await press(pilot, "f2")
            assert isinstance(app.screen, CurtainScreen), place.name
            text = shown_text(app)
            assert t("curtain.text", "en") in text
            assert names_in(text, room_class) == [], place.name
            await press(pilot, "ctrl+p")  # no palette over the curtain: the key lifts it
            assert not any(isinstance(s, CurtainScreen) for s in app.screen_stack), place.name
            assert not isinstance(app.screen, CommandPalette), place.name


async def test_the_idle_curtain_falls_after_the_limit_and_not_before(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.settings.set(CURTAIN_SETTING, "2")
    app = make_app(data_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "w")
        for _ in range(8):  # a key every 0.3 s, for longer than the limit in all
            await pilot.pause(0.3)
            await press(pilot, "right")
        assert not app.curtain_is_down()
        await pilot.pause(5)  # well past the limit
        assert isinstance(app.screen, CurtainScreen)
        for name in ("Anna", "Bram", "Zoë", "Peeters"):
            assert name not in shown_text(app)
        app.notify("Bram Van den Broeck: written")  # a message waits behind the curtain
        await pilot.pause()
        assert "Bram" not in screen_text(app)
        await press(pilot, "x")  # any key lifts it
        assert not app.curtain_is_down()
        assert "Bram Van den Broeck: written" in screen_text(app)
        app.store.settings.set(CURTAIN_SETTING, "0")  # off: it stays up
        await pilot.pause(1.5)
        assert not app.curtain_is_down()


async def test_the_idle_time_is_a_setting_of_the_settings_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s")
        assert t("privacy.curtain_after", "en", minutes=5) in shown_text(app)
        await press(pilot, "t")
        assert app.store.settings.get(CURTAIN_SETTING) == "600"
        assert t("privacy.curtain_after", "en", minutes=10) in shown_text(app)
        await press(pilot, "t", "t")
        assert app.store.settings.get(CURTAIN_SETTING) == "0"
        assert t("privacy.curtain_off", "en") in shown_text(app)


async def test_the_idle_curtain_waits_while_a_dialog_is_saving(
    small_class: dict[str, str], data_path: Path
) -> None:
    import asyncio

    from companion.screens.confirm import ConfirmDialog

    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        dialog = ConfirmDialog("Saving", "Saving", "Yes")
        await app.push_screen(dialog)
        release = asyncio.Event()

        async def saving() -> None:
            await release.wait()

        dialog.run_worker(saving())
        app.set_privacy(CURTAIN_SETTING, "0.3")  # counted from now, the save under way
        await pilot.pause(1.0)
        assert app.screen is dialog  # no curtain while it saves
        release.set()
        await pilot.pause(1.5)
        assert isinstance(app.screen, CurtainScreen)


async def test_with_encryption_the_curtain_lifts_only_with_the_passphrase(
    small_class: dict[str, str], data_path: Path
) -> None:
    ring = Keyring.of("klaproos in de wind", FAST_KDF)
    encrypt(data_path, ring)
    app = create_app(data_path, "en", clock=fixed_clock(NOW), keyring=ring)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "f2")
        assert isinstance(app.screen, CurtainScreen)
        field = app.screen.query_one(Input)
        assert field.password
        assert t("privacy.curtain_locked", "en") in shown_text(app)
        await press(pilot, "x", "escape", "f2", "f1", "ctrl+p")  # none lifts it
        await pilot.click(offset=(5, 5))
        assert isinstance(app.screen, CurtainScreen)
        assert "Zoë" not in shown_text(app)
        await press(pilot, *"klaproos", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, CurtainScreen)
        assert t("privacy.curtain_wrong", "en") in shown_text(app)
        assert field.value == ""  # what was typed is not kept
        assert "Zoë" not in shown_text(app)
        field.value = "klaproos in de wind"
        await press(pilot, "enter")
        await _settle(pilot)
        assert not app.curtain_is_down()
        assert "Zoë" in screen_text(app)
