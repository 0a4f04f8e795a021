"""The Self-Reg analysis and the teacher's own check-in, as the teacher uses them at 80x24:
an analysis walked in an order of her own, left halfway, resumed and finished; a check-in
from Today in a few keys, Today and the trend changing; everything found after a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea
from ui_helpers import NOW, SIZE, TODAY, make_app, press, screen_names, screen_text, type_text

from companion.app import CompanionApp
from companion.domain.self_reg import Analysis
from companion.domain.teacher_check_in import TeacherCheckIn
from companion.domain.vocabulary import Level
from companion.i18n import t
from companion.screens.child_page.page import ChildPageScreen
from companion.screens.journal.analysis import AnalysisScreen
from companion.screens.journal.analysis_page import AnalysesDialog, AnalysisPageScreen
from companion.screens.journal.child_section import SelfRegSection
from companion.screens.journal.my_check_in import TeacherCheckInDialog
from companion.store import Store

SnapCompare = Callable[..., bool]
# Words that judge: the check-in and its suggestion never use them.
JUDGING = ("bad", "wrong", "fail", "should", "must", "slecht", "fout", "moet")


def today_panel(app: CompanionApp) -> str:
    """The 'Connection today' panel's text and, in its lower border, her check-in."""
    panel = app.screen.query_one("#home-today")
    return f"{panel.render()}\n{panel.border_subtitle}"


async def andys_page(pilot: Pilot[Any]) -> None:
    await press(pilot, "p")
    await type_text(pilot, "andy")
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, ChildPageScreen)


def section_text(app: CompanionApp) -> str:
    """What the child's page says in its Self-Reg section, scrolled into view or not."""
    section = app.screen.query_one(SelfRegSection)
    return "\n".join(str(line.render()) for line in section.query(Static))


def top(app: CompanionApp) -> Screen[Any]:
    """The screen on top, not narrowed by an earlier isinstance."""
    return app.screen


def the_analysis(app: CompanionApp, child_id: str) -> Analysis:
    [analysis] = app.store.self_reg.of_child(child_id)
    return analysis


async def test_an_analysis_in_her_own_order_left_halfway_resumed_and_finished(
    data_path: Path, small_class: dict[str, str]
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await andys_page(pilot)
        assert t("journal.child_section.none") in section_text(app)
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        assert app.focused is screen.query_one("#title")
        await type_text(pilot, "Blokken")
        # Her own order: step 2 first (a stressor of Andy's), then step 4.
        await press(pilot, "ctrl+down", "ctrl+down")
        assert app.focused is screen.query_one("#child-biological")
        await press(pilot, "tab")
        await type_text(pilot, "honger")  # a note ticks its domain
        await press(pilot, "shift+tab", "4")
        assert app.focused is screen.query_one("#helps_child")
        await type_text(pilot, "Kikkertje rust")
        # Leave halfway: kept as far as she got.
        await press(pilot, "escape")
        assert isinstance(app.screen, ChildPageScreen)
        kept = the_analysis(app, andy)
        assert (kept.title, kept.steps_done(), kept.open) == ("Blokken", [2, 4], True)
        assert dict(kept.child_stressors) == {"biological": "honger"}
        assert kept.helps_child == "Kikkertje rust"
        assert "Blokken" in section_text(app)
        await press(pilot, "escape")
        assert t("journal.self_reg_today.waiting", count=1) in today_panel(app)

        # Back from Today: u lists it; it opens on the first step still empty.
        await press(pilot, "u")
        assert isinstance(top(app), AnalysesDialog)
        await press(pilot, "down", "enter")
        screen = top(app)
        assert isinstance(screen, AnalysisScreen)
        assert app.focused is screen.query_one("#what_happened")
        await type_text(pilot, "Andy gooide de blokken.")
        # Finishing needs step 5: said beside it, and the cursor goes there.
        await press(pilot, "ctrl+f")
        assert top(app) is screen
        step_needed = t("journal.error.step_needed", step="5")
        assert str(screen.query_one("#step_5-error").render()) == step_needed
        assert app.focused is screen.query_one("#respond")
        await type_text(pilot, "Twee keer per week Samen-Spel")
        # A follow-up day that is no date is said beside it; nothing is lost.
        await press(pilot, "tab", "tab")
        assert app.focused is screen.query_one("#follow_up")
        await type_text(pilot, "31/02/2027")
        await press(pilot, "ctrl+f")
        assert t("errors.field.date_impossible") in screen_text(app)
        screen.query_one("#follow_up", Input).value = ""
        await press(pilot, "ctrl+f")
        assert isinstance(app.screen, AnalysisPageScreen)
        page = screen_text(app)
        assert (
            "Blokken" in page and "honger" in page and t("journal.analysis.state_finished") in page
        )

    app = make_app(data_path)  # a restart on the same file
    async with app.run_test(size=SIZE) as pilot:
        analysis = the_analysis(app, andy)
        assert analysis.finished
        assert analysis.what_happened == "Andy gooide de blokken."
        assert analysis.respond == "Twee keer per week Samen-Spel"
        # It is an entry of the journal too, with Andy linked.
        [entry] = [e for e in app.store.journal.of_year() if e.analysis == analysis.id]
        assert entry.kind == "analysis" and entry.children == {andy}
        assert t("journal.self_reg_today.open_title") not in today_panel(app)
        await andys_page(pilot)
        assert t("journal.analysis.state_finished") in section_text(app)
        await press(pilot, "u", "down", "enter")
        assert isinstance(app.screen, AnalysisPageScreen)
        assert "Kikkertje rust" in screen_text(app)


async def test_ctrl_r_in_step_4_opens_the_rest_corner_for_the_child_and_keeps_the_pick(
    data_path: Path, small_class: dict[str, str]
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await andys_page(pilot)
        await press(pilot, "n", "ctrl+r")
        assert t("rest_corner.check_in.title_child", name="Andy") in screen_text(app)
        await press(pilot, "1", "enter")  # too much; the first suggestion
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        [use] = app.store.rest_corner.waiting()
        assert use.subject == andy
        strategy = app.store.rest_corner.strategy(use.strategy)
        assert strategy is not None
        helps = screen.query_one("#helps_child", Input).value
        assert helps == strategy.name_in("en")
        assert the_analysis(app, andy).helps_child == helps


async def test_a_follow_up_day_shows_on_today_until_she_came_back_to_it(
    data_path: Path, small_class: dict[str, str]
) -> None:
    andy = small_class["Andy"]
    with Store.open(data_path, today=TODAY) as store:
        store.self_reg.save(
            Analysis(
                "",
                andy,
                NOW - timedelta(days=7),
                title="Afscheid",
                what_happened="Liep weg.",
                respond="Rustig afscheid",
                follow_up=TODAY,
                finished=True,
            )
        )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert t("journal.self_reg_today.waiting", count=1) in today_panel(app)
        await press(pilot, "u", "down", "enter")
        assert isinstance(app.screen, AnalysisPageScreen)
        assert t("journal.analysis_page.due") in screen_text(app)
        await press(pilot, "f")
        assert app.store.self_reg.follow_ups_due() == []
        await press(pilot, "escape")
        assert screen_names(app) == ["HomeScreen"]
        assert t("journal.self_reg_today.open_title") not in today_panel(app)


async def test_a_check_in_from_today_in_a_few_keys_changes_today_and_the_trend(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert t("journal.self_reg_today.me_not_yet") in today_panel(app)
        await press(pilot, "i")
        assert isinstance(app.screen, TeacherCheckInDialog)
        assert t("journal.zone_trend.empty") in screen_text(app)
        # Energy ok, tension ok, a note, enter: kept.
        await press(pilot, "2", "2")
        await type_text(pilot, "lawaai")
        await press(pilot, "enter")
        assert screen_names(app) == ["HomeScreen"]
        kept = app.store.teacher_check_in.on()
        assert kept == TeacherCheckIn(TODAY, "ok", "ok", drains="lawaai")
        assert t("journal.my_check_in.zone.green") in today_panel(app)
        # Again: today's is shown; the tension changed replaces it.
        await press(pilot, "i")
        shown = screen_text(app)
        assert "●1" in shown  # one green day this week
        assert app.screen.query_one("#drains", Input).value == "lawaai"
        await press(pilot, "shift+tab", "3", "enter")
        assert app.store.teacher_check_in.on() == TeacherCheckIn(TODAY, "ok", "high", "lawaai")
        assert t("journal.my_check_in.zone.too_much") in today_panel(app)
        await press(pilot, "i")
        shown = screen_text(app)
        assert "▲1" in shown and "●1" not in shown
        await press(pilot, "escape")

    app = make_app(data_path)
    async with app.run_test(size=SIZE):
        assert t("journal.my_check_in.zone.too_much") in today_panel(app)
        [week] = app.store.teacher_check_in.trend(weeks=1)
        assert (week.too_much, week.green) == (1, 0)


async def test_after_days_out_of_the_green_zone_a_gentle_suggestion_for_herself(
    data_path: Path, small_class: dict[str, str]
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        for back in (3, 2, 1):
            store.teacher_check_in.save(TeacherCheckIn(TODAY - timedelta(days=back), "low", "ok"))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i")
        shown = screen_text(app)
        assert t("journal.my_check_in.care_too_little") in shown
        words = shown.casefold().split()
        assert not [word for word in JUDGING if word in words]


async def test_enter_without_energy_and_tension_says_what_is_missing(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i", "2", "tab")  # energy only, then into the notes
        await press(pilot, "enter")
        assert isinstance(app.screen, TeacherCheckInDialog)
        assert t("journal.my_check_in.choose_levels") in screen_text(app)
        assert app.store.teacher_check_in.on() is None


async def test_a_text_with_control_characters_holds_her_once_then_leaves_without_it(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await andys_page(pilot)
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        screen.query_one("#what_happened", TextArea).text = "Hij riep\x07 luid"
        await press(pilot, "escape")
        assert isinstance(app.screen, AnalysisScreen)
        said = str(screen.query_one("#what_happened-error").render())
        assert said == t("journal.error.control_characters")
        await press(pilot, "escape")
        assert isinstance(app.screen, ChildPageScreen)
        assert app.store.self_reg.of_child(small_class["Andy"]) == []


async def test_in_dutch_the_analysis_and_the_check_in_read_whole(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i")
        shown = screen_text(app)
        for key in ("title", "energy", "tension", "drains", "need_now", "need_later", "support"):
            assert t(f"journal.my_check_in.{key}", "nl") in shown, key
        await press(pilot, "escape")
        await andys_page(pilot)
        await press(pilot, "n")
        shown = screen_text(app)
        assert t("journal.analysis.step.1", "nl") in shown
        assert t("journal.analysis.reading_is.stress_behaviour", "nl") in shown


def _halfway(data_path: Path, andy: str) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.self_reg.save(
            Analysis(
                "",
                andy,
                datetime(2026, 11, 24, 14, 5),
                title="Onrust bij het afscheid",
                what_happened="Andy liep weg toen de mama te laat was.",
                reading="stress_behaviour",
                my_stressors={"emotional": "bezorgd"},
            )
        )
        levels: tuple[tuple[Level, Level], ...] = (("ok", "ok"), ("low", "high"), ("ok", "ok"))
        for back, (energy, tension) in enumerate(levels):
            day = date(2026, 11, 20) - timedelta(days=7 * back)
            store.teacher_check_in.save(TeacherCheckIn(day, energy, tension))


def test_snapshot_of_the_analysis(
    snap_compare: SnapCompare, data_path: Path, small_class: dict[str, str]
) -> None:
    _halfway(data_path, small_class["Andy"])

    async def open_it(pilot: Pilot[Any]) -> None:
        await press(pilot, "u", "down", "enter", "1")

    assert snap_compare(make_app(data_path), terminal_size=SIZE, run_before=open_it)


def test_snapshot_of_the_check_in(
    snap_compare: SnapCompare, data_path: Path, small_class: dict[str, str]
) -> None:
    _halfway(data_path, small_class["Andy"])

    async def check_in(pilot: Pilot[Any]) -> None:
        await press(pilot, "i", "2", "3")

    assert snap_compare(make_app(data_path), terminal_size=SIZE, run_before=check_in)


async def test_finishing_again_from_its_page_goes_back_to_that_page(
    data_path: Path, small_class: dict[str, str]
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.self_reg.save(
            Analysis(
                "",
                small_class["Andy"],
                NOW - timedelta(days=2),
                title="Blokken",
                what_happened="Gooide de blokken.",
                respond="Samen-Spel",
                follow_up=TODAY,
                finished=True,
            )
        )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "u", "enter")
        assert isinstance(top(app), AnalysisPageScreen)
        for _ in range(3):  # edit and finish again, three times
            await press(pilot, "e")
            assert isinstance(top(app), AnalysisScreen)
            await press(pilot, "ctrl+f")
            assert isinstance(top(app), AnalysisPageScreen)
        assert screen_names(app).count("AnalysisPageScreen") == 1
        journal_pages = [e for e in app.store.journal.of_year() if e.kind == "analysis"]
        assert [e.title for e in journal_pages] == ["Blokken"]  # one entry, kept up to date


async def test_an_analysis_begun_in_the_journal_is_listed_there_before_it_is_finished(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "a")
        assert isinstance(app.screen, AnalysisScreen)
        await type_text(pilot, "Onrust in de kring")
        await press(pilot, "escape")
        [entry] = app.store.journal.of_year()
        assert (entry.kind, entry.title) == ("analysis", "Onrust in de kring")
        [analysis] = app.store.self_reg.unfinished()
        assert entry.analysis == analysis.id
        assert "Onrust in de kring" in screen_text(app)


async def test_a_strategy_no_longer_in_the_library_is_shown_and_kept(
    data_path: Path, small_class: dict[str, str]
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        store.self_reg.save(
            Analysis("", small_class["Andy"], NOW, title="Blokken", strategy="gone_since")
        )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "u", "enter")
        assert isinstance(app.screen, AnalysisScreen)
        assert app.screen.query_one("#strategy", Select).value == "gone_since"
        await press(pilot, "escape")
        [kept] = app.store.self_reg.unfinished()
        assert kept.strategy == "gone_since"
