"""Relational needs at 80x24, as a teacher fills them: how clearly she sees a need, the
signals with their day, what she offers, the sensitivity notes, the dated history; bad
input said beside its field and nothing saved; the class by need, from Today (b) and
from the palette in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_palette import choose, hits_for
from test_screens_read_well import cut_footer_labels
from textual import events
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from ui_helpers import (
    SCHOOL_START,
    SIZE,
    TODAY,
    make_app,
    options,
    press,
    rows,
    screen_names,
    screen_text,
    text_of,
    type_text,
)

from companion.app import CompanionApp
from companion.domain.children import ChildDraft
from companion.domain.needs import ClarityChange, NeedsProfile, ObservedSignal
from companion.domain.vocabulary import RELATIONAL_NEEDS
from companion.i18n import t
from companion.screens.confirm import ConfirmDialog
from companion.screens.help import HelpScreen
from companion.screens.home import HomeScreen
from companion.screens.needs import NeedsClassScreen, NeedsProfileScreen
from companion.screens.needs.signal_form import SignalFormDialog
from companion.store import Store
from companion.widgets.record_table import RecordTable

SnapCompare = Callable[..., bool]
MONDAY = date(2026, 11, 16)
OCTOBER = date(2026, 10, 5)
TOO_LONG = "x" * 10_000


async def open_profile(pilot: Pilot[Any], child_id: str) -> NeedsProfileScreen:
    """Her profile over Today, as the child's page pushes it."""
    app = pilot.app
    await app.push_screen(NeedsProfileScreen(child_id))
    await pilot.pause()
    assert isinstance(app.screen, NeedsProfileScreen)
    return app.screen


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste into the focused field, as the terminal does (one event to the app)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def stored(app: CompanionApp, child_id: str) -> NeedsProfile:
    return app.store.needs.get(child_id)


def on_disk(data_path: Path, child_id: str) -> NeedsProfile:
    """Her profile as the file keeps it, read afresh by a store of its own."""
    with Store.open(data_path, today=TODAY) as store:
        return store.needs.get(child_id)


def error_beside(screen: Any, field: str) -> str:
    error = screen.query_one(f"#{field}-error", Static)
    return text_of(error) if error.display else ""


def write_profiles(path: Path, ids: dict[str, str]) -> None:
    """Zoë needs a listening ear (clearly), Anna a little; Andy needs help (clearly) and
    a little affection; Adam and Bram show nothing yet."""
    with Store.open(path, today=TODAY) as store:
        store.needs.save(
            store.needs.get(ids["Zoë"])
            .with_clarity("listening_ear", "a_little", OCTOBER)
            .with_signal(ObservedSignal("listening_ear", OCTOBER, "tells_home"))
            .with_clarity("listening_ear", "clearly", MONDAY)
            .with_signal(ObservedSignal("listening_ear", MONDAY, None, "tells about her new cat"))
            .with_offer("listening_ear", "A listening moment after playtime")
            .with_sensitivity("alone_time", "Looks for the reading corner after the welcome")
        )
        store.needs.save(
            store.needs.get(ids["Anna"]).with_clarity("listening_ear", "a_little", MONDAY)
        )
        store.needs.save(
            store.needs.get(ids["Andy"])
            .with_clarity("help", "clearly", OCTOBER)
            .with_signal(ObservedSignal("help", OCTOBER, "angry_when_fails"))
            .with_offer("help", "A first step together")
            .with_clarity("affection", "a_little", MONDAY)
        )


@pytest.fixture
def with_profiles(small_class: dict[str, str], data_path: Path) -> dict[str, str]:
    write_profiles(data_path, small_class)
    return small_class


# -- one child's profile ----------------------------------------------------------------------


async def test_a_profile_filled_by_keyboard_is_shown_kept_on_disk_and_in_the_history(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        assert screen.focused is screen.query_one("#signals-affection")
        assert t("needs.need_hint.affection") in screen_text(app)

        # How clearly: two steps up, saved at once and dated today; one more says so.
        await press(pilot, "plus")
        assert stored(app, zoe).clarity("affection") == "a_little"
        await press(pilot, "plus", "plus")
        assert stored(app, zoe).changes == (ClarityChange("affection", TODAY, "clearly"),)
        line = text_of(screen.query_one("#clarity-affection", Static))
        assert f"[● {t('needs.clarity.clearly')}]" in line
        assert "25/11/2026" in line
        # The listening ear, a need further down: tab to its list, then - and +.
        await press(pilot, "tab", "tab", "tab", "tab", "plus")
        assert screen.focused is screen.query_one("#signals-listening_ear")
        assert stored(app, zoe).clarity("listening_ear") == "a_little"
        await press(pilot, "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        assert screen.focused is screen.query_one("#signals-affection")

        # A signal of the deck: the first of the need's list, enter, seen today.
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, SignalFormDialog)
        assert options(form.query_one(OptionList))[:3] == [
            t("needs.signal.hug"),
            t("needs.signal.hold_hand"),
            t("needs.signal.sit_on_lap"),
        ]
        await press(pilot, "enter")
        assert app.screen is screen
        assert stored(app, zoe).signals == (ObservedSignal("affection", TODAY, "hug"),)

        # Her own words, seen last Monday: picked with the arrows in the date field.
        await press(pilot, "a", "down", "down", "down", "tab")
        await type_text(pilot, "cried at the door")
        await press(pilot, "tab", *["up"] * 9)
        own: object = app.screen  # not narrowed by the `is` above
        assert isinstance(own, SignalFormDialog)
        assert own.query_one("#seen", Input).value == "16/11/2026"
        assert text_of(own.query_one("#seen-words", Static)) == "Monday 16 November 2026"
        await press(pilot, "enter")
        # A deck signal with a date written by hand.
        await press(pilot, "a", "down", "tab", "tab", "ctrl+u")
        await type_text(pilot, "2/10/2026")
        await press(pilot, "enter")
        assert app.screen is screen
        assert set(stored(app, zoe).signals) == {
            ObservedSignal("affection", TODAY, "hug"),
            ObservedSignal("affection", MONDAY, None, "cried at the door"),
            ObservedSignal("affection", date(2026, 10, 2), "hold_hand"),
        }
        shown = options(screen.query_one("#signals-affection", OptionList))
        assert shown == [
            f"We 25/11/2026  {t('needs.signal.hug')}",
            "Mo 16/11/2026  cried at the door",
            f"Fr 02/10/2026  {t('needs.signal.hold_hand')}",
        ]

        # What she offers: typed, saved on leaving the field (tab).
        await press(pilot, "tab")
        assert screen.focused is screen.query_one("#offer-affection")
        await type_text(pilot, "a hand at the welcome")
        label = screen.query_one("#offer-affection-label")
        assert t("needs.profile.unsaved") in str(label.render())
        assert stored(app, zoe).offer("affection") == ""
        await press(pilot, "tab")
        assert stored(app, zoe).offer("affection") == "a hand at the welcome"
        assert t("needs.profile.unsaved") not in str(label.render())

        # A sensitivity note, saved with ctrl+s.
        screen.query_one("#sens-alone_time", TextArea).focus()
        await type_text(pilot, "reads alone after playtime")
        await press(pilot, "ctrl+s")
        assert stored(app, zoe).sensitivity == {"alone_time": "reads alone after playtime"}

        # Remove a signal: asked first, naming it; the list follows.
        screen.query_one("#signals-affection", OptionList).focus()
        await press(pilot, "home", "down", "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "cried at the door" in screen_text(app)
        await press(pilot, "enter")
        assert app.screen is screen
        assert ObservedSignal("affection", MONDAY, None, "cried at the door") not in (
            stored(app, zoe).signals
        )
        assert len(options(screen.query_one("#signals-affection", OptionList))) == 2

        # The history: every signal and change with its date, newest first.
        await press(pilot, "h")
        history = rows(screen.query_one("#needs-history-table", RecordTable))
        need = t("needs.need.affection")
        ear = t("needs.need.listening_ear")
        assert history == [
            [
                "We 25/11/2026",
                need,
                t("needs.profile.history_clarity", clarity=f"● {t('needs.clarity.clearly')}"),
            ],
            [
                "We 25/11/2026",
                ear,
                t("needs.profile.history_clarity", clarity=f"◐ {t('needs.clarity.a_little')}"),
            ],
            [
                "We 25/11/2026",
                need,
                t("needs.profile.history_signal", signal=t("needs.signal.hug")),
            ],
            [
                "Fr 02/10/2026",
                need,
                t("needs.profile.history_signal", signal=t("needs.signal.hold_hand")),
            ],
        ]
        await press(pilot, "h")
        assert screen.query_one("#signals-affection").display
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    profile = on_disk(data_path, zoe)
    assert profile.clarity("affection") == "clearly"
    assert profile.clarity("listening_ear") == "a_little"
    assert profile.offer("affection") == "a hand at the welcome"
    assert profile.sensitivity["alone_time"] == "reads alone after playtime"
    assert len(profile.signals) == 2
    assert len(profile.history()) == 4


async def test_a_key_pressed_by_mistake_leaves_no_trace_in_the_history(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        await press(pilot, "plus", "minus")
        assert stored(app, zoe).changes == ()
        await press(pilot, "minus")  # already 'not seen': said, nothing saved
        assert stored(app, zoe).is_empty()
        await press(pilot, "h")
        assert text_of(screen.query_one("#needs-history-empty", Static)) == t(
            "needs.profile.history_empty"
        )


async def test_bad_input_in_the_signal_dialog_is_said_beside_its_field_and_saves_nothing(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        await press(pilot, "a", "down", "down", "down", "enter")
        form = app.screen
        assert isinstance(form, SignalFormDialog)
        # 'Something else' with no words: to the words first, then said why.
        assert form.focused is form.query_one("#text", Input)
        await press(pilot, "enter")
        assert error_beside(form, "text") == t("needs.error.signal_empty")
        await type_text(pilot, "hides under the table")
        assert error_beside(form, "text") == ""
        seen = form.query_one("#seen", Input)
        for written, reason in (
            ("31/02/2026", t("errors.field.date_impossible")),
            ("yesterday", t("errors.field.date_format")),
            ("26/11/2026", t("needs.error.seen_in_future")),
            # Before she joined the class (1 September): not a day to note a signal on.
            ("01/01/2020", t("needs.error.seen_before_joined", joined="01/09/2026")),
            ("31/08/2026", t("needs.error.seen_before_joined", joined="01/09/2026")),
        ):
            seen.value = written
            seen.focus()
            await press(pilot, "enter")
            assert app.screen is form, written
            assert error_beside(form, "seen") == reason, written
            assert form.focused is seen
        # Picking a day stops at today, and at the day she joined the class.
        seen.value = "25/11/2026"
        await press(pilot, "down")
        assert seen.value == "25/11/2026"
        assert error_beside(form, "seen") == t("needs.error.seen_in_future")
        seen.value = "01/09/2026"
        await press(pilot, "up")
        assert seen.value == "01/09/2026"
        assert error_beside(form, "seen") == t(
            "needs.error.seen_before_joined", joined="01/09/2026"
        )
        seen.value = "25/11/2026"
        # 10,000 characters pasted: all kept in the field (nothing cut silently), so the
        # message counts what she pasted; refused, with the limit and the length.
        words = form.query_one("#text", Input)
        words.value = ""
        words.focus()
        await paste(pilot, TOO_LONG)
        assert words.value == TOO_LONG
        await press(pilot, "enter")
        assert error_beside(form, "text") == t("needs.error.too_long", limit="200", length="10000")
        assert app.screen is form
        await press(pilot, "escape")  # what she typed is not dropped without asking
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: back to her typing
        assert app.screen is form
        await press(pilot, "escape", "enter")  # yes: leave without it
        assert app.screen is screen
        assert stored(app, zoe).is_empty()
    assert on_disk(data_path, zoe).is_empty()


async def test_too_long_a_text_is_said_beside_it_never_saved_and_never_dropped_silently(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        offer = screen.query_one("#offer-help", Input)
        offer.focus()
        await paste(pilot, TOO_LONG)  # as the terminal pastes: whole, never cut
        assert offer.value == TOO_LONG
        await press(pilot, "tab")
        too_long = t("needs.error.too_long", limit="500", length="10000")
        assert error_beside(screen, "offer-help") == too_long
        note = screen.query_one("#sens-talk", TextArea)
        note.focus()
        await paste(pilot, TOO_LONG)
        assert note.text == TOO_LONG
        await press(pilot, "ctrl+s")
        assert error_beside(screen, "sens-talk") == t(
            "needs.error.too_long", limit="1000", length="10000"
        )
        assert stored(app, zoe).is_empty()
        # Escape holds her once, on the first field that cannot be kept...
        await press(pilot, "escape")
        assert app.screen is screen
        assert screen.focused is offer
        # ... and a second escape leaves without it.
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert stored(app, zoe).is_empty()
    assert on_disk(data_path, zoe).is_empty()


async def test_typing_is_saved_when_she_leaves_by_escape_or_quits_the_app(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe, andy = small_class["Zoë"], small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        screen.query_one("#offer-help", Input).focus()
        await type_text(pilot, "first step together")
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert stored(app, zoe).offer("help") == "first step together"
        screen = await open_profile(pilot, andy)
        screen.query_one("#sens-emotions", TextArea).focus()
        await type_text(pilot, "names anger")
        await press(pilot, "ctrl+q")
    assert on_disk(data_path, andy).sensitivity == {"emotions": "names anger"}


async def test_the_profile_reads_back_what_was_kept_and_its_help_names_every_key(
    with_profiles: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, with_profiles["Zoë"])
        assert screen.query_one("#offer-listening_ear", Input).value == (
            "A listening moment after playtime"
        )
        assert screen.query_one("#sens-alone_time", TextArea).text.startswith("Looks for")
        assert options(screen.query_one("#signals-listening_ear", OptionList)) == [
            "ma 16/11/2026  tells about her new cat",
            f"ma 05/10/2026  {t('needs.signal.tells_home', 'nl')}",
        ]
        assert "sinds ma 16/11/2026" in text_of(screen.query_one("#clarity-listening_ear", Static))
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for key in ("add_signal", "remove_signal", "history", "save", "clearer", "less_clear"):
            assert t(f"needs.keys.{key}", "nl") in shown, key


async def test_typing_is_kept_in_her_own_file_when_the_app_shows_another_one(
    small_class: dict[str, str], data_path: Path, tmp_path: Path
) -> None:
    """The demo opening (or leaving) swaps the data file under an open profile: what she
    typed goes into the file the profile came from first, never into the other one (where
    her child does not exist), and the app goes on."""
    zoe = small_class["Zoë"]
    other_path = tmp_path / "other.json"
    with Store.open(other_path, today=TODAY) as other:
        other.children.add_many([ChildDraft("Piet", "Claes")], added_on=SCHOOL_START)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        screen.query_one("#offer-help", Input).focus()
        await type_text(pilot, "a first step together")
        assert stored(app, zoe).offer("help") == ""  # still in the field, not saved yet
        screen.query_one("#sens-talk", TextArea).text = TOO_LONG  # and one it cannot keep
        await pilot.pause()
        app.replace_store(Store.open(other_path, today=TODAY))  # as the demo switch does
        await pilot.pause()
        assert screen_names(app) == ["HomeScreen"]
        assert app.store.path == other_path
        assert app.store.needs.all() == {}  # nothing of hers in the other file
        # What could not be kept is said, never dropped silently.
        said = " ".join(str(note.message) for note in app._notifications)
        too_long = t("needs.error.too_long", limit="1000", length="10000")
        lost = t("needs.profile.lost", field=t("needs.sensitivity.talk"), reason=too_long)
        assert lost in said
    assert on_disk(data_path, zoe).offer("help") == "a first step together"


async def test_the_history_shows_a_long_signal_whole_at_80x24(
    small_class: dict[str, str], data_path: Path
) -> None:
    zoe = small_class["Zoë"]
    words = (
        "comes every morning to tell about the new baby at home, the cat that ran off, "
        "the grandmother who came to stay and what they ate; then once more after playtime"
    )
    with Store.open(data_path, today=TODAY) as store:
        store.needs.save(
            store.needs.get(zoe).with_signal(ObservedSignal("listening_ear", MONDAY, None, words))
        )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, zoe)
        await press(pilot, "h")
        table = screen.query_one("#needs-history-table", RecordTable)
        assert table.region.right <= SIZE[0]
        # Wrapped under its own column: every word on screen, in order, none cut off.
        shown = " ".join(screen_text(app).split())
        assert t("needs.profile.history_signal", signal=words) in shown
        assert "…" not in shown


async def test_up_and_down_go_from_field_to_field_as_tab_does_and_the_help_says_tab(
    with_profiles: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, with_profiles["Zoë"])  # two listening-ear signals

        def focused() -> str:
            return (screen.focused.id or "") if screen.focused is not None else ""

        await press(pilot, "down")
        assert focused() == "offer-affection"  # an empty list of signals passes it on
        await press(pilot, "down", "down", "down")
        assert focused() == "signals-listening_ear"
        signals = screen.query_one("#signals-listening_ear", OptionList)
        assert signals.highlighted == 0
        await press(pilot, "down")  # within the list first...
        assert (focused(), signals.highlighted) == ("signals-listening_ear", 1)
        await press(pilot, "down")  # ...then on, past its last signal
        assert focused() == "offer-listening_ear"
        await press(pilot, "down")
        assert focused() == "sens-emotions"
        # In a note, the arrows go from line to line, and leave it from its first line.
        await type_text(pilot, "names anger")
        await press(pilot, "enter")
        await type_text(pilot, "then calms down")
        await press(pilot, "up")
        assert focused() == "sens-emotions"
        await press(pilot, "up")
        assert focused() == "offer-listening_ear"
        assert stored(app, with_profiles["Zoë"]).sensitivity["emotions"] == (
            "names anger\nthen calms down"
        )
        await press(pilot, "up", "up")
        assert (focused(), signals.highlighted) == ("signals-listening_ear", 0)
        await press(pilot, "up")
        assert focused() == "offer-help"
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "tab" in shown
        assert t("needs.keys.next_field") in shown
        assert t("needs.keys.previous_field") in shown


async def test_the_palette_on_the_profile_notes_a_signal_by_a_dutch_word(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_profile(pilot, small_class["Andy"])
        await choose(pilot, "signaal", t("palette.title.needs_add_signal", "nl"))
        assert screen_names(app)[-1] == "SignalFormDialog"
        await press(pilot, "escape")
        assert app.screen is screen
        await choose(pilot, "verloop", t("palette.title.needs_show_history", "nl"))
        assert screen.query_one("#needs-history-empty").display


# -- the class by need --------------------------------------------------------------------


async def test_the_class_view_lists_children_per_need_and_opens_a_profile_with_enter(
    with_profiles: dict[str, str], data_path: Path
) -> None:
    ids = with_profiles
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b")
        view = app.screen
        assert isinstance(view, NeedsClassScreen)
        table = view.query_one(RecordTable)
        keys = [str(row.value) for row in table.rows]
        assert keys == [
            "affection:",
            f"affection:{ids['Andy']}",
            "help:",
            f"help:{ids['Andy']}",
            "listening_ear:",
            f"listening_ear:{ids['Zoë']}",  # clearly first, though Anna comes before Zoë
            f"listening_ear:{ids['Anna']}",
            "unseen:",
            f"unseen:{ids['Adam']}",
            f"unseen:{ids['Bram']}",
        ]
        shown = rows(table)
        clarity, name, offer, last = shown[5]
        assert (clarity, name, last) == (
            f"  ● {t('needs.clarity.clearly')}",
            "Zoë",  # by her first name, as Today names her
            "16/11/2026",
        )
        assert offer == "A listening moment after playtime"
        assert shown[6][:2] == [f"  ◐ {t('needs.clarity.a_little')}", "Anna"]
        assert table.selected_key == f"affection:{ids['Andy']}"
        await press(pilot, "down", "down", "down", "down")
        assert table.selected_key == f"listening_ear:{ids['Zoë']}"
        await press(pilot, "enter")
        profile = app.screen
        assert isinstance(profile, NeedsProfileScreen)
        assert profile.child_id == ids["Zoë"]
        await press(pilot, "plus")  # affection, a little
        await press(pilot, "escape")
        assert app.screen is view
        keys = [str(row.value) for row in table.rows]
        assert keys[:3] == ["affection:", f"affection:{ids['Andy']}", f"affection:{ids['Zoë']}"]
        assert table.selected_key == f"listening_ear:{ids['Zoë']}"
        # A heading opens nothing; escape goes back to Today.
        table.move_cursor(row=0)
        await press(pilot, "enter")
        assert app.screen is view
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_back_from_a_profile_the_cursor_stays_on_her_though_her_row_moved(
    with_profiles: dict[str, str], data_path: Path
) -> None:
    bram = with_profiles["Bram"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b")
        view = app.screen
        table = view.query_one(RecordTable)
        table.move_cursor(row=table.get_row_index(f"unseen:{bram}"))
        await press(pilot, "enter")
        assert isinstance(app.screen, NeedsProfileScreen)
        await press(pilot, "plus")  # affection, a little: no longer among the unseen
        await press(pilot, "escape")
        assert app.screen is view
        assert table.selected_key == f"affection:{bram}"


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_a_class_without_profiles_says_nobody_yet_whole(data_path: Path, lang: str) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.children.add_many(
            [ChildDraft("Lien", "Aerts"), ChildDraft("Mo", "Bakker")], added_on=SCHOOL_START
        )
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b")
        shown = screen_text(app)
        assert shown.count(t("needs.class_view.nobody", lang)) == len(RELATIONAL_NEEDS)
        assert "…" not in shown


async def test_p_opens_the_page_of_the_child_under_the_cursor(
    with_profiles: dict[str, str], data_path: Path
) -> None:
    from companion.screens.child_page import ChildPageScreen

    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b", "p")
        assert isinstance(app.screen, ChildPageScreen)
        assert app.screen.child_id == with_profiles["Andy"]
        await press(pilot, "escape")
        assert isinstance(app.screen, NeedsClassScreen)


@pytest.mark.parametrize(("lang", "word"), [("nl", "behoeften"), ("en", "needs")])
async def test_the_place_opens_from_today_with_b_and_from_the_palette(
    small_class: dict[str, str], data_path: Path, lang: str, word: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        assert t("nav.needs", lang) in screen_text(app)
        await press(pilot, "b")
        assert isinstance(app.screen, NeedsClassScreen)
        assert t("needs.class_view.title", lang) in screen_text(app)
        await press(pilot, "escape")
        go_to = f"{t('palette.go_to', lang)} {t('nav.needs', lang)}"
        await choose(pilot, word, go_to)
        assert isinstance(app.screen, NeedsClassScreen)
        await press(pilot, "escape")
        # The other language's word finds it too.
        other = "needs" if lang == "nl" else "behoeften"
        assert go_to in await hits_for(pilot, other)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_no_footer_label_is_cut_on_the_needs_screens(
    with_profiles: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "b")
        assert cut_footer_labels(app.screen.query_one(Footer)) == []
        await press(pilot, "enter")
        assert isinstance(app.screen, NeedsProfileScreen)
        assert cut_footer_labels(app.screen.query_one(Footer)) == []
        await press(pilot, "h")
        assert cut_footer_labels(app.screen.query_one(Footer)) == []


# -- snapshots ------------------------------------------------------------------------------


def test_snapshot_of_a_profile(
    snap_compare: SnapCompare, with_profiles: dict[str, str], data_path: Path
) -> None:
    async def zoe(pilot: Pilot[Any]) -> None:
        await open_profile(pilot, with_profiles["Zoë"])
        await press(pilot, "tab", "tab", "tab", "tab")  # to her listening ear

    assert snap_compare(make_app(data_path), terminal_size=SIZE, run_before=zoe)


def test_snapshot_of_the_class_by_need_in_dutch(
    snap_compare: SnapCompare, with_profiles: dict[str, str], data_path: Path
) -> None:
    assert snap_compare(make_app(data_path, "nl"), terminal_size=SIZE, press=["b"])
