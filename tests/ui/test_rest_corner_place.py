"""The rest corner as a place (key r): what still waits for how it went, the class's
breaks of this week, lately; the strategy library with her own strategies (bad input
said beside its field, nothing saved) and hidden ones; and the child's "what helps me"
card on her page. The real app on a real file, at 80x24."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_screens_read_well import cut_footer_labels, squeezed
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets._footer import FooterKey
from ui_helpers import SIZE, TODAY, make_app, press, screen_text, text_of, type_text

from companion.app import CompanionApp
from companion.commands.catalog import PLACES, match_score
from companion.domain.rest_corner import CLASS, CheckIn, StrategyUse, own_strategy
from companion.domain.vocabulary import Energy, Outcome
from companion.i18n import t
from companion.screens.child_page import ChildPageScreen, PageSection
from companion.screens.rest_corner.card import WhatHelpsSection
from companion.screens.rest_corner.library import StrategyLibraryScreen
from companion.screens.rest_corner.outcome import OutcomeDialog
from companion.screens.rest_corner.place import RestCornerScreen
from companion.screens.rest_corner.strategy_form import OwnStrategyDialog
from companion.screens.samen_spel.toggles import TickBox
from companion.store import Store
from companion.widgets.record_table import RecordTable

SnapCompare = Callable[..., bool]
MONDAY = TODAY - timedelta(days=TODAY.weekday())  # Mon 23 Nov 2026
LAST_WEEK = MONDAY - timedelta(days=3)  # Fri 20 Nov


def _top(app: App[Any]) -> Any:
    """The screen on top, read anew (an earlier isinstance must not narrow the next)."""
    return app.screen


def _use(
    store: Store,
    subject: str,
    key: str,
    day: date,
    energy: Energy = "too_much",
    outcome: Outcome | None = None,
) -> StrategyUse:
    rest_corner = store.rest_corner
    rest_corner.check_in(CheckIn("", subject, day, energy, frozenset({"emotional"})))
    use = rest_corner.log_use(StrategyUse("", subject, key, day, energy))
    return use if outcome is None else rest_corner.record_outcome(use, outcome)


def write_rest_corner(path: Path, andy: str) -> None:
    """Andy: the little frog helped twice (too much), the squeeze ball did not (too much,
    and once too little), a hand waits for how it went. The class: the daily mile on
    Monday (it calmed) and today (not said yet), calm music last week."""
    with Store.open(path, today=TODAY) as store:
        _use(store, andy, "frog_rest", LAST_WEEK, outcome="helped")
        _use(store, andy, "frog_rest", MONDAY, outcome="helped")
        _use(store, andy, "squeeze_ball", LAST_WEEK, outcome="not_helped")
        _use(store, andy, "squeeze_ball", MONDAY, "too_little", outcome="not_helped")
        _use(store, andy, "hand_or_hug", TODAY)
        _use(store, CLASS, "daily_mile", MONDAY, outcome="helped")
        _use(store, CLASS, "daily_mile", TODAY)
        _use(store, CLASS, "calm_music", LAST_WEEK, outcome="not_helped")


def name_of(key: str, lang: str = "en") -> str:
    from companion.content.strategies import strategies

    return next(s for s in strategies() if s.key == key).name_in(lang)


# -- the place --------------------------------------------------------------------------------


async def test_the_rest_corner_shows_what_waits_the_class_this_week_and_lately(
    small_class: dict[str, str], data_path: Path
) -> None:
    write_rest_corner(data_path, small_class["Andy"])
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r")
        assert isinstance(_top(app), RestCornerScreen)
        table = app.screen.query_one("#rc-waiting", RecordTable)
        waiting = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert sorted(row[1:] for row in waiting) == [
            ["Andy", "Too much", name_of("hand_or_hug")],
            [t("rest_corner.subject.class"), "Too much", name_of("daily_mile")],
        ]
        breaks = text_of(app.screen.query_one("#rc-class", Static))
        # Twice this week (Monday and today); last week's calm music is not this week's.
        assert name_of("daily_mile") in breaks
        assert t("rest_corner.place.times", count=2) in breaks
        assert "(Mo, We)" in breaks
        assert "✓ 1" in breaks and t("rest_corner.place.not_said_one") in breaks
        assert name_of("calm_music") not in breaks
        recent = text_of(app.screen.query_one("#rc-recent", Static))
        assert f"{name_of('frog_rest')}: ✓ helped" in recent
        assert f"{name_of('squeeze_ball')}: ✗ did not help" in recent
        # The whole screen reads at 80x24: the footer names the keys.
        shown = screen_text(app)
        for key in ("check_in", "check_in_class", "check_in_me", "outcome", "library"):
            assert t(f"rest_corner.place.key.{key}") in shown, key


async def test_o_says_how_the_highlighted_use_went_and_it_leaves_the_list(
    small_class: dict[str, str], data_path: Path
) -> None:
    write_rest_corner(data_path, small_class["Andy"])
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r")
        table = app.screen.query_one("#rc-waiting", RecordTable)
        first = table.selected_key
        await press(pilot, "o")
        dialog = _top(app)
        assert isinstance(dialog, OutcomeDialog)
        assert dialog.use.id == first
        await press(pilot, "1")
        assert isinstance(_top(app), RestCornerScreen)
        assert table.row_count == 1
        assert table.selected_key != first
    with Store.open(data_path, today=TODAY) as store:
        [use] = [u for u in store.rest_corner.uses_of_year() if u.id == first]
        assert use.outcome == "helped"
        assert len(store.rest_corner.waiting()) == 1


async def test_with_nothing_yet_the_place_says_how_to_begin(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r")
        assert not app.screen.query_one("#rc-waiting", RecordTable).display
        shown = squeezed(screen_text(app))
        assert t("rest_corner.place.waiting_none", "nl") in shown
        assert t("rest_corner.place.recent_none", "nl") in shown
        # The check-in of the whole class asks where they are, at once.
        await press(pilot, "c")
        assert type(_top(app)).__name__ == "CheckInDialog"


def test_a_flemish_teacher_finds_the_rest_corner_in_the_palette() -> None:
    [place] = [command for command in PLACES if command.place == "rest_corner"]
    for typed in ("rusthoek", "kalmeren", "strategie", "daily mile", "stressbestrijders"):
        assert match_score(typed, place, "nl") > 0, typed
    for typed in ("rest corner", "calm down", "strategy", "green zone"):
        assert match_score(typed, place, "en") > 0, typed


# -- her own strategies ---------------------------------------------------------------------


def _error(app: CompanionApp, field: str) -> str | None:
    """The message shown beside `field`, or None when there is none."""
    error = app.screen.query_one(f"#{field}-error", Static)
    return text_of(error) if error.display else None


async def _paste(pilot: Pilot[Any], field: Input | TextArea, text: str) -> None:
    """Paste into the field, as the terminal does (one event)."""
    field.focus()
    if isinstance(field, Input):
        field.value = ""
    else:
        field.text = ""
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def _open_new_strategy(pilot: Pilot[Any]) -> OwnStrategyDialog:
    await press(pilot, "r", "l", "n")
    dialog = _top(pilot.app)
    assert isinstance(dialog, OwnStrategyDialog)
    return dialog


def _own_strategies(path: Path) -> list[str]:
    with Store.open(path, today=TODAY) as store:
        return [s.name_in("") for s in store.rest_corner.own.all()]


@pytest.mark.parametrize(
    ("field", "pasted", "message"),
    [
        ("name", "", t("rest_corner.error.name_needed", "en")),
        ("name", "   ", t("rest_corner.error.name_needed", "en")),
        ("name", "x" * 10_000, t("rest_corner.error.too_long", "en", limit=60, length=10_000)),
        ("name", "Rust\x1b[31m", t("rest_corner.error.control_characters", "en")),
        ("how", "x" * 10_000, t("rest_corner.error.too_long", "en", limit=500, length=10_000)),
        ("how", "Adem\x00 in", t("rest_corner.error.control_characters", "en")),
        ("needs", "x" * 10_000, t("rest_corner.error.too_long", "en", limit=200, length=10_000)),
        ("needs", "kussen\x07", t("rest_corner.error.control_characters", "en")),
    ],
    ids=lambda value: repr(value)[:20] if isinstance(value, str) else None,
)
async def test_bad_input_is_said_beside_its_field_and_nothing_is_saved(
    small_class: dict[str, str], data_path: Path, field: str, pasted: str, message: str
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_new_strategy(pilot)
        if field != "name":
            dialog.query_one("#name", Input).value = "Sock puppet whispers"
        widget: Input | TextArea = (
            dialog.query_one("#how", TextArea)
            if field == "how"
            else dialog.query_one(f"#{field}", Input)
        )
        await _paste(pilot, widget, pasted)
        # No field cuts what she pastes: the message counts what is there.
        typed = widget.text if isinstance(widget, TextArea) else widget.value
        assert typed == pasted
        await press(pilot, "ctrl+s")
        assert _top(app) is dialog
        assert _error(app, field) == message
        assert app.focused is widget
        for other in ("name", "how", "needs", "minutes", "for_whom", "locations"):
            if other != field:
                assert _error(app, other) is None, other
    assert _own_strategies(data_path) == []


async def test_every_problem_is_said_at_once_and_goes_while_she_mends_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_new_strategy(pilot)
        await _paste(pilot, dialog.query_one("#how", TextArea), "x" * 10_000)
        dialog.query_one("#minutes", Input).value = "600"
        dialog.query_one("#for_whom-child", TickBox).value = False
        dialog.query_one("#direction-calming", TickBox).value = False
        await press(pilot, "ctrl+s")
        assert _error(app, "name") == t("rest_corner.error.name_needed", "nl")
        assert _error(app, "how") == t("rest_corner.error.too_long", "nl", limit=500, length=10_000)
        assert _error(app, "minutes") == t("rest_corner.error.out_of_range", "nl", low=1, high=60)
        assert _error(app, "for_whom") == t("rest_corner.error.choose_one", "nl")
        assert _error(app, "direction") == t("rest_corner.own_form.one_direction", "nl")
        assert app.focused is dialog.query_one("#name", Input)  # the first one, at the top
        await type_text(pilot, "Schildpad")
        assert _error(app, "name") is None
        assert _error(app, "how") is not None
        # Escape with typing asks first; "drop it" leaves without saving.
        await press(pilot, "escape")
        assert type(_top(app)).__name__ == "ConfirmDialog"
        await press(pilot, "enter")
        assert isinstance(_top(app), StrategyLibraryScreen)
    assert _own_strategies(data_path) == []


async def test_her_own_strategy_is_kept_found_in_the_library_and_in_the_suggestions(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_new_strategy(pilot)
        await type_text(pilot, "Sock puppet whispers")
        how = "The sock puppet whispers in her ear; count to five together."
        dialog.query_one("#how", TextArea).text = how
        await press(pilot, "ctrl+s")
        library = _top(app)
        assert isinstance(library, StrategyLibraryScreen)
        table = library.query_one(RecordTable)
        key = table.selected_key
        assert key is not None and key.startswith("own_")
        detail = text_of(library.query_one("#library-detail", Static))
        assert "Sock puppet whispers" in detail and "count to five" in detail
        # Found by typing, accent- and case-blind, among the 73 shipped ones.
        await press(pilot, "slash")
        await type_text(pilot, "SOCK pup")
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == [
            "Sock puppet whispers"
        ]
        await press(pilot, "enter", "e")
        edit = _top(app)
        assert isinstance(edit, OwnStrategyDialog)
        assert edit.query_one("#name", Input).value == "Sock puppet whispers"
        await press(pilot, "escape")
        # Andy too much: the picker offers it.
        await press(pilot, "escape", "z")
        await type_text(pilot, "Andy")
        await press(pilot, "enter", "1")
        picker = _top(app)
        offered = picker.query_one("#suggestions", OptionList)
        ids = [offered.get_option_at_index(i).id for i in range(offered.option_count)]
        assert key in ids
    with Store.open(data_path, today=TODAY) as store:
        [own] = store.rest_corner.own.all()
        assert own.name_in("nl") == "Sock puppet whispers"  # her words, in any language
        assert own.direction == "calming" and own.for_whom == {"child"}
        assert key in [s.strategy.key for s in store.rest_corner.suggest(andy, "too_much")]
        assert key not in [s.strategy.key for s in store.rest_corner.suggest(CLASS, "too_much")]


async def test_a_hidden_strategy_leaves_the_suggestions_and_comes_back(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r", "l", "f")
        await type_text(pilot, "little frog")
        await press(pilot, "enter")
        library = _top(app)
        table = library.query_one(RecordTable)
        assert table.selected_key == "frog_rest"
        await press(pilot, "h")
        assert "frog_rest" in app.store.rest_corner.hidden()
        assert str(table.get_row_at(0)[0]) == "⊘"
        assert t("rest_corner.library.hidden") in text_of(library.query_one("#library-detail"))
        suggested = [s.strategy.key for s in app.store.rest_corner.suggest(andy, "too_much")]
        assert "frog_rest" not in suggested
        assert "frog_rest" in [s.key for s in app.store.rest_corner.library()]
    with Store.open(data_path, today=TODAY) as store:  # kept
        assert store.rest_corner.hidden() == {"frog_rest"}
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r", "l", "f")
        await type_text(pilot, "frog")
        await press(pilot, "enter", "h")
        suggested = [s.strategy.key for s in app.store.rest_corner.suggest(andy, "too_much")]
        assert "frog_rest" in suggested


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_every_key_of_the_place_and_the_library_is_named_whole_in_the_footer(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.rest_corner.save_own(own_strategy("Berenknuffel", "", direction="calming"))
        _use(store, small_class["Andy"], "frog_rest", TODAY)
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r")
        footer = app.screen.query_one(Footer)
        assert len(footer.query(FooterKey)) >= 6
        assert cut_footer_labels(footer) == []
        await press(pilot, "l")  # her own first: e is offered too
        footer = app.screen.query_one(Footer)
        assert t("rest_corner.library.key.edit", lang) in screen_text(app)
        assert cut_footer_labels(footer) == []


async def test_e_edits_only_her_own(small_class: dict[str, str], data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r", "l")
        shown = screen_text(app)
        assert t("rest_corner.library.key.new") in shown
        assert t("rest_corner.library.key.edit") not in shown  # a shipped one is highlighted
        await press(pilot, "e")
        assert isinstance(_top(app), StrategyLibraryScreen)


# -- her card on her page -------------------------------------------------------------------


def card_text(app: CompanionApp) -> str:
    page = _top(app)
    assert isinstance(page, ChildPageScreen)
    [card] = page.query(WhatHelpsSection)
    assert isinstance(card, PageSection)
    return "\n".join(text_of(line) for line in card.query(Static))


async def test_her_card_lists_what_helped_and_what_did_not_in_which_state(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    write_rest_corner(data_path, andy)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ChildPageScreen(andy))
        await pilot.pause()
        said = card_text(app).splitlines()
        assert said == [
            t("rest_corner.card.what_helped"),
            f"▇▇ {name_of('frog_rest')}  helped 2× · when too much",
            t("rest_corner.card.what_not"),
            f"✗✗ {name_of('squeeze_ball')}  did not help 2× · when too much, too little",
            t("rest_corner.card.waiting_one"),
        ]
        # A class use says nothing about her; Zoë, with nothing tried, has no card.
        assert name_of("daily_mile") not in card_text(app)
        await app.push_screen(ChildPageScreen(small_class["Zoë"]))
        await pilot.pause()
        assert not app.screen.query_one(WhatHelpsSection).display


async def test_her_card_changes_once_she_says_how_it_went(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    write_rest_corner(data_path, andy)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "r")
        place = _top(app)
        table = place.query_one("#rc-waiting", RecordTable)
        hand = next(key for key, use in place.waiting.items() if use.subject == andy)
        table.move_cursor(row=table.get_row_index(hand))
        await press(pilot, "enter", "2")
        await app.push_screen(ChildPageScreen(andy))
        await pilot.pause()
        said = card_text(app)
        # Her strip: a half block for 'a bit', lined up with the others (two wide).
        assert f"▄  {name_of('hand_or_hug')}  a bit once · when too much" in said
        assert t("rest_corner.card.waiting_one") not in said


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_snapshot_of_her_card(
    snap_compare: SnapCompare, small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    andy = small_class["Andy"]
    write_rest_corner(data_path, andy)

    async def open_card(pilot: Pilot[Any]) -> None:
        await pilot.app.push_screen(ChildPageScreen(andy))
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(make_app(data_path, lang), terminal_size=SIZE, run_before=open_card)
