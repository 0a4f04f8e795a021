"""The rest corner's check-in and picker at 80x24 on the real store: "where are you now?"
for a child as too much, a suggestion picked and logged in three keys, "helped" said
later from Today, the ranking changed the next time, and all of it found again after a
restart; the same check-in from the ABC grid, the child's page and the palette (a child
by name, the class, me); a note too long gets its message beside the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_palette import hits_for
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, screen_text, text_of, type_text

from companion.app import CompanionApp
from companion.domain.rest_corner import CLASS, ME, StrategyUse
from companion.domain.vocabulary import Outcome
from companion.i18n import t
from companion.screens.home import HomeScreen
from companion.screens.rest_corner.check_in import CheckInDialog
from companion.screens.rest_corner.outcome import OutcomeDialog, WaitingDialog
from companion.screens.rest_corner.picker import StrategyPickerDialog
from companion.screens.rest_corner.who import WhoDialog
from companion.store import Store

SnapCompare = Callable[..., bool]


def suggested(app: CompanionApp) -> list[str]:
    """The picker's suggestions, by strategy key, best first."""
    listed = app.screen.query_one("#suggestions", OptionList)
    return [listed.get_option_at_index(i).id or "" for i in range(listed.option_count)]


def prompt(app: CompanionApp, index: int) -> str:
    listed = app.screen.query_one("#suggestions", OptionList)
    return str(listed.get_option_at_index(index).prompt)


def top(app: CompanionApp) -> Screen[Any]:
    """The screen on top, read anew (mypy keeps no narrowing of an earlier read)."""
    return app.screen


def uses_of(app: CompanionApp, subject: str) -> list[StrategyUse]:
    return [use for use in app.store.rest_corner.uses_of_year() if use.subject == subject]


async def check_in_by_name(pilot: Pilot[Any], name: str) -> None:
    """From Today with the cursor in the places: z asks for whom; her name, enter."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    await press(pilot, "z")
    assert isinstance(top(app), WhoDialog)
    await type_text(pilot, name)
    await press(pilot, "enter")
    assert isinstance(top(app), CheckInDialog)


async def _run_hit(pilot: Pilot[Any], query: str, title: str) -> None:
    """Run the palette hit `title` (its flow's dialogs stay open: no waiting for the
    workers to finish, which they do only when she answers)."""
    titles = await hits_for(pilot, query)
    assert title in titles, (query, titles)
    pilot.app.screen.query_one(CommandList).highlighted = titles.index(title)
    await press(pilot, "enter")
    for _ in range(3):
        await pilot.pause()


async def test_check_in_pick_helped_ranking_and_restart(
    data_path: Path, small_class: dict[str, str]
) -> None:
    zoe = small_class["Zoë"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await check_in_by_name(pilot, "zoe")
        assert t("rest_corner.check_in.title_child", name="Zoë") in screen_text(app)
        await press(pilot, "1")  # too much: on to the suggestions
        assert isinstance(app.screen, StrategyPickerDialog)
        first = suggested(app)
        assert len(first) > 5
        shown = screen_text(app)
        assert t("rest_corner.picker.title", who="Zoë") in shown
        assert t("rest_corner.energy.too_much") in shown
        # The highlighted one's how-to is shown; the third is picked.
        picked = app.store.rest_corner.strategy(first[2])
        assert picked is not None
        await press(pilot, "down", "down")
        assert picked.how_in("en")[:40] in screen_text(app).replace("\n", " ").replace("│", "")
        await press(pilot, "enter")
        assert screen_names(app) == ["HomeScreen"]
        [use] = uses_of(app, zoe)
        assert (use.strategy, use.energy, use.day, use.outcome) == (
            picked.key,
            "too_much",
            TODAY,
            None,
        )
        [check_in] = app.store.rest_corner.check_ins_of_year()
        assert (check_in.subject, check_in.energy) == (zoe, "too_much")
        # Today lists it, still without an outcome; o asks how it went.
        today = text_of(app.screen.query_one("#home-today", Static))
        waiting = (
            f"{t('rest_corner.today.waiting_title')} {t('rest_corner.today.waiting', count=1)}"
        )
        assert waiting in today
        await press(pilot, "o")
        assert isinstance(app.screen, WaitingDialog)
        await press(pilot, "enter")
        assert isinstance(app.screen, OutcomeDialog)
        await press(pilot, "1")  # helped: nothing else waits, back to Today
        assert screen_names(app) == ["HomeScreen"]
        [use] = uses_of(app, zoe)
        assert use.outcome == "helped"
        today = text_of(app.screen.query_one("#home-today", Static))
        assert t("rest_corner.today.waiting_title") not in today
        # Next time it comes first, marked.
        await check_in_by_name(pilot, "zoe")
        await press(pilot, "1")
        assert suggested(app)[0] == picked.key
        assert t("rest_corner.picker.helped", count=1) in prompt(app, 0)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)

    # Restarted on the same file: kept, and still first.
    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        [use] = uses_of(again, zoe)
        assert (use.strategy, use.outcome) == (picked.key, "helped")
        assert len(again.store.rest_corner.check_ins_of_year()) == 2
        await check_in_by_name(pilot, "zoe")
        await press(pilot, "1")
        assert suggested(again)[0] == picked.key
        assert t("rest_corner.picker.helped", count=1) in prompt(again, 0)


async def test_three_keys_from_today_for_the_highlighted_child(
    data_path: Path, small_class: dict[str, str]
) -> None:
    """The child under the cursor in 'Need extra connection': z, 1, enter logs."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        groups = app.screen.query_one("#home-groups", OptionList)
        groups.focus()
        await pilot.pause()
        child = groups.highlighted_option
        assert child is not None and child.id
        await press(pilot, "z", "1", "enter")
        assert screen_names(app) == ["HomeScreen"]
        [use] = uses_of(app, child.id)
        assert use.energy == "too_much"


async def test_domains_and_note_are_kept_and_rank_the_fit_first(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await check_in_by_name(pilot, "bram")
        await press(pilot, "7", "n")  # social; then the note
        await type_text(pilot, "pushed 2 children")  # digits here are text
        await press(pilot, "enter", "3")  # back to the states; too little
        assert isinstance(app.screen, StrategyPickerDialog)
        assert t("rest_corner.domain.social") in screen_text(app)
        top = app.store.rest_corner.strategy(suggested(app)[0])
        assert top is not None and "social" in top.domains
        assert top.direction in ("activating", "both")
        await press(pilot, "escape")  # no pick: the check-in stays kept
        [check_in] = app.store.rest_corner.check_ins_of_year()
        assert (check_in.subject, check_in.energy) == (small_class["Bram"], "too_little")
        assert (check_in.domains, check_in.note) == (frozenset({"social"}), "pushed 2 children")
        assert app.store.rest_corner.uses_of_year() == []


async def test_a_note_too_long_is_said_beside_it_and_nothing_is_kept(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await check_in_by_name(pilot, "anna")
        dialog = app.screen
        dialog.query_one("#note", Input).value = "x" * 501  # as a paste would
        await press(pilot, "1")
        assert app.screen is dialog
        error = text_of(dialog.query_one("#note-error", Static))
        assert error == t("rest_corner.error.too_long", limit="500", length="501")
        assert dialog.focused is dialog.query_one("#note", Input)
        assert app.store.rest_corner.check_ins_of_year() == []


async def test_z_on_the_abc_grid_and_the_child_page(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", "down")
        await press(pilot, "z")
        assert isinstance(app.screen, CheckInDialog)
        on_grid = app.screen.subject
        assert on_grid in small_class.values()
        await press(pilot, "escape", "p")
        assert screen_names(app)[-1] == "ChildPageScreen"
        await press(pilot, "z")
        assert isinstance(app.screen, CheckInDialog)
        assert app.screen.subject == on_grid
        await press(pilot, "2", "enter")  # green; the first suggestion
        assert screen_names(app)[-1] == "ChildPageScreen"
        [use] = uses_of(app, on_grid)
        assert use.energy == "green"


async def test_the_outcome_note_and_a_bit(data_path: Path, small_class: dict[str, str]) -> None:
    with Store.open(data_path, today=TODAY) as store:
        key = store.rest_corner.suggest(CLASS, "too_much")[0].strategy.key
        store.rest_corner.log_use(StrategyUse("", CLASS, key, TODAY, "too_much"))
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        today = text_of(app.screen.query_one("#home-today", Static))
        waiting = t("rest_corner.today.waiting", "nl", count=1)
        assert f"{t('rest_corner.today.waiting_title', 'nl')} {waiting}" in today
        await _run_hit(pilot, "hoe ging het", t("palette.title.how_it_went", "nl"))
        assert isinstance(top(app), WaitingDialog)  # as o on Today
        await press(pilot, "enter", "n")
        assert isinstance(top(app), OutcomeDialog)
        assert t("rest_corner.outcome_dialog.title", "nl") in screen_text(app)
        await type_text(pilot, "rustiger na 5 minuten")
        await press(pilot, "enter", "2")
        assert screen_names(app) == ["HomeScreen"]
        [use] = uses_of(app, CLASS)
        assert (use.outcome, use.note) == ("helped_a_bit", "rustiger na 5 minuten")
        await press(pilot, "o")  # nothing waits now: said, and no list
        assert screen_names(app) == ["HomeScreen"]


async def test_the_palette_checks_in_a_child_by_name_the_class_and_me(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        name_title = t("palette.child.title", name="Zoë", place=t("palette.child.check_in"))
        await _run_hit(pilot, "zoe check", name_title)
        assert isinstance(app.screen, CheckInDialog)
        assert app.screen.subject == small_class["Zoë"]
        await press(pilot, "escape")
        await _run_hit(pilot, "daily mile", t("palette.title.check_in_class"))
        assert isinstance(app.screen, CheckInDialog)
        assert app.screen.subject == CLASS
        assert t("rest_corner.check_in.title_class") in screen_text(app)
        await press(pilot, "1")
        who = t("rest_corner.subject_in_sentence.class")
        assert t("rest_corner.picker.title", who=who) in screen_text(app)
        await press(pilot, "escape")
        await _run_hit(pilot, "zelfzorg", t("palette.title.check_in_me"))
        assert isinstance(app.screen, CheckInDialog)
        assert app.screen.subject == ME
        await press(pilot, "escape")
        await _run_hit(pilot, "where are you now", t("palette.title.check_in"))
        assert isinstance(top(app), WhoDialog)  # no child under the cursor: whom?
        await type_text(pilot, "klas")  # the class, in either word she types
        await press(pilot, "escape")


async def test_in_dutch_every_dialog_reads_whole(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "z")
        assert t("rest_corner.who.title", "nl") in screen_text(app)
        await type_text(pilot, "zoe")
        await press(pilot, "enter")
        shown = screen_text(app)
        for key in ("check_in.title_child", "check_in.hint", "energy_hint.too_little"):
            assert t(f"rest_corner.{key}", "nl", name="Zoë") in shown, key
        await press(pilot, "1")
        shown = screen_text(app)
        for key in ("picker.title", "picker.hint", "energy_hint.too_much"):
            assert t(f"rest_corner.{key}", "nl", who="Zoë") in shown, key


def _with_history(data_path: Path, small_class: dict[str, str]) -> None:
    """Zoë: one strategy helped twice, one never did, one tried without an outcome."""
    zoe = small_class["Zoë"]
    with Store.open(data_path, today=TODAY) as store:
        rest_corner = store.rest_corner
        keys = [s.strategy.key for s in rest_corner.suggest(zoe, "too_much")]
        history: list[tuple[str, list[Outcome]]] = [
            (keys[4], ["helped", "helped"]),
            (keys[0], ["not_helped"]),
        ]
        for key, outcomes in history:
            for outcome in outcomes:
                use = rest_corner.log_use(StrategyUse("", zoe, key, TODAY, "too_much"))
                rest_corner.record_outcome(use, outcome)
        rest_corner.log_use(StrategyUse("", zoe, keys[6], TODAY, "too_much"))


def test_snapshot_of_the_picker(
    snap_compare: SnapCompare, data_path: Path, small_class: dict[str, str]
) -> None:
    _with_history(data_path, small_class)

    async def open_picker(pilot: Pilot[Any]) -> None:
        await check_in_by_name(pilot, "zoe")
        await press(pilot, "5", "1")  # emotional; too much

    assert snap_compare(make_app(data_path), terminal_size=SIZE, run_before=open_picker)
