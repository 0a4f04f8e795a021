"""Samen-Spel at 80x24 on the real store: plan it for a target child, log a session by
keyboard in a handful of keys, see the overview, the child's screen and Today change,
close a plan out early, and find it all again after a restart; bad input gets its
message beside the field and nothing is saved."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from test_palette import choose, hits_for
from test_screens_read_well import cut_footer_labels
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from ui_helpers import SIZE, TODAY, make_app, press, screen_names, screen_text, text_of, type_text

from companion.app import CompanionApp
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.vocabulary import DO_SKILLS, DONT_SKILLS, PLAY_COMPONENTS, DayInClass
from companion.i18n import t
from companion.screens.confirm import ConfirmDialog
from companion.screens.home import HomeScreen
from companion.screens.samen_spel.child import SamenSpelChildScreen
from companion.screens.samen_spel.close_out import CloseOutDialog
from companion.screens.samen_spel.overview import SamenSpelOverviewScreen
from companion.screens.samen_spel.plan_form import PlanFormDialog
from companion.screens.samen_spel.session_form import SessionFormDialog
from companion.screens.samen_spel.toggles import TickBox
from companion.screens.samen_spel.why import WhyDialog
from companion.store import Store
from companion.widgets.record_table import RecordTable

SnapCompare = Callable[..., bool]
PLAN_START = date(2026, 10, 5)  # a Monday: week 8 of the plan is the frozen day's


def _top(app: CompanionApp) -> Screen[object]:
    """The screen on top, read anew (an earlier isinstance must not narrow the next)."""
    return app.screen


def _today_panel(app: CompanionApp) -> str:
    assert isinstance(_top(app), HomeScreen)
    return text_of(app.screen.query_one("#home-today", Static))


def _shown(app: CompanionApp) -> str:
    """The screen's text with its lines joined: a sentence wrapped is found whole."""
    return " ".join(screen_text(app).split())


def _plan_panel(app: CompanionApp) -> str:
    return text_of(app.screen.query_one("#ss-plan", Static))


def _error(app: CompanionApp, field: str) -> str:
    return text_of(app.screen.query_one(f"#{field}-error", Static))


def _due(name: str, done: int, planned: int = 2) -> str:
    child = t("samen_spel.today.due_child", "en", name=name, done=done, planned=planned)
    return f"{t('samen_spel.today.due', 'en')} {child}"


def _plan_for(data_path: Path, child_id: str, moment: str = "") -> SamenSpelPlan:
    """A plan of 12 weeks from 5 October, twice a week (Tuesday and Thursday)."""
    with Store.open(data_path, today=TODAY) as store:
        plan = SamenSpelPlan("", child_id, "Andy plays calmly with a friend", PLAN_START)
        return store.samen_spel.add_plan(replace(plan, moment=moment))


def _sessions(data_path: Path) -> list[SamenSpelSession]:
    with Store.open(data_path, today=TODAY) as store:
        return [
            s for p in store.samen_spel.plans_of_year() for s in store.samen_spel.sessions_of(p)
        ]


# -- plan, log, see it change, restart ------------------------------------------------------


async def test_plan_samen_spel_log_a_session_and_see_today_the_overview_and_her_screen(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        assert t("samen_spel.today.due", "en") not in _today_panel(app)
        await press(pilot, "l")
        assert isinstance(_top(app), SamenSpelOverviewScreen)
        assert t("samen_spel.overview.empty", "en") in _shown(app)
        # a: pick Andy, plan Samen-Spel with him through the dialog.
        await press(pilot, "a")
        await type_text(pilot, "andy")
        await press(pilot, "enter")
        assert isinstance(_top(app), PlanFormDialog)
        shown = screen_text(app)
        for component in ("relationship_play", "rule_play"):
            assert t(f"samen_spel.component_short.{component}", "en") in shown
        await type_text(pilot, "plays calmly with a friend")
        # goal, start, weeks, sessions a week, minutes, Mon, Tue: Wednesday is the 8th.
        await press(pilot, *["tab"] * 7, "space", "ctrl+s")
        assert isinstance(_top(app), SamenSpelOverviewScreen)
        [plan] = app.store.samen_spel.plans_of(andy)
        assert (plan.goal, plan.start, plan.weeks, plan.per_week, plan.minutes) == (
            "plays calmly with a friend",
            TODAY,
            12,
            2,
            15,
        )
        assert plan.weekdays == ("tue", "wed", "thu")
        assert plan.rule_play_week == 7
        shown = screen_text(app)
        assert "Andy" in shown
        assert t("samen_spel.overview.due_cell", "en") in shown  # Wednesday: his day
        assert t("samen_spel.progress.due_today", "en") in shown
        await press(pilot, "escape")
        assert _due("Andy", 0) in _today_panel(app)

        # n on the overview: a session for the highlighted child, in a few keys.
        await press(pilot, "l")
        keys = ["n", "1", "3", "4", "6", "0", "enter"]
        await press(pilot, "n")
        assert isinstance(_top(app), SessionFormDialog)
        await press(pilot, *keys[1:])
        assert len(keys) < 15
        assert isinstance(_top(app), SamenSpelOverviewScreen)
        [session] = app.store.samen_spel.sessions_of(plan)
        assert session.day == TODAY
        assert session.minutes == 15
        assert session.components == {"relationship_play"}
        assert session.do_skills == {"observe", "describe", "name_feelings"}
        assert session.dont_skills == {"questions"}
        assert session.day_in_class == "hard"
        shown = screen_text(app)
        assert "1/2" in shown
        assert t("samen_spel.progress.due_today", "en") not in shown
        await press(pilot, "escape")
        assert t("samen_spel.today.due", "en") not in _today_panel(app)

        # enter on the overview: his Samen-Spel.
        await press(pilot, "l", "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        assert t("samen_spel.child.title", "en", name="Andy Maes") in screen_text(app)
        shown = _plan_panel(app)
        assert "plays calmly with a friend" in shown
        assert t("samen_spel.progress.week_of", "en", week=1, weeks=12) in shown
        assert t("samen_spel.progress.this_week", "en", done=1, planned=2) in shown
        row = " ".join(screen_text(app).split())
        assert "3/5 questions hard" in row

    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        assert "Andy" in screen_text(again)
        await press(pilot, "enter")
        assert isinstance(_top(again), SamenSpelChildScreen)
        table = again.screen.query_one(RecordTable)
        assert table.row_count == 1
        assert "3/5" in screen_text(again)


async def test_weeks_behind_are_said_plainly_everywhere(
    small_class: dict[str, str], data_path: Path
) -> None:
    """A plan from 5 October with a holiday week (2-6 November, not counted): weeks with
    too few sessions are named on the child's screen, on the overview and on Today."""
    plan = _plan_for(data_path, small_class["Andy"])
    held = [date(2026, 10, 6), date(2026, 10, 8), date(2026, 10, 13), date(2026, 10, 20)]
    held += [date(2026, 10, 22), date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 17)]
    held += [date(2026, 11, 19)]
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add([date(2026, 11, day) for day in range(2, 7)], "autumn")
        for day in held:
            store.samen_spel.log(
                SamenSpelSession(
                    "", plan.id, plan.child_id, day, 15, frozenset({"relationship_play"})
                )
            )
    # Week 2 (13 Oct) 1 of 2, week 4 (26 Oct) 0 of 2, the holiday week skipped.
    weeks = ", ".join(
        t("samen_spel.progress.behind_week", "en", week=week, done=done, planned=2)
        for week, done in ((2, 1), (4, 0))
    )
    behind = t("samen_spel.progress.behind", "en", count=2, weeks=weeks)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        today = _today_panel(app)
        assert t("samen_spel.today.behind", "en") in today
        assert "Andy 2 weeks" in today
        await press(pilot, "l")
        assert behind in _shown(app)
        await press(pilot, "enter")
        shown = _plan_panel(app)
        assert behind in shown
        assert t("samen_spel.progress.week_of", "en", week=7, weeks=12) in shown


# -- the session dialog refuses what cannot be -----------------------------------------------


BAD_SESSIONS = [
    ("minutes", "0", t("samen_spel.error.out_of_range", "en", low=1, high=120)),
    ("minutes", "600", t("samen_spel.error.out_of_range", "en", low=1, high=120)),
    ("minutes", "", t("samen_spel.error.not_a_number", "en")),
    ("day", "04/10/2026", t("samen_spel.error.before_plan", "en", start="05/10/2026")),
    ("day", "26/11/2026", t("samen_spel.error.in_future", "en")),
    ("day", "31/02/2026", t("errors.field.date_impossible", "en")),
    ("day", "yesterday", t("errors.field.date_format", "en")),
    ("note", "x" * 10_000, t("samen_spel.error.too_long", "en", limit=1000, length=10_000)),
]


async def test_bad_session_input_is_refused_beside_its_field(
    small_class: dict[str, str], data_path: Path
) -> None:
    _plan_for(data_path, small_class["Andy"])
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "n")
        dialog = app.screen
        assert isinstance(dialog, SessionFormDialog)
        for field, value, message in BAD_SESSIONS:
            dialog.query_one(f"#{field}", Input).value = value
            await press(pilot, "ctrl+s")
            assert app.screen is dialog, value
            assert _error(app, field) == message, value
            assert message in screen_text(app) or field == "note", value
            assert app.store.samen_spel.sessions.of_year(2026) == [], value
            dialog.query_one("#day", Input).value = "25/11/2026"
            dialog.query_one("#minutes", Input).value = "15"
            dialog.query_one("#note", Input).value = ""
        # Week 8 of the plan: Regel-Spel is added (from week 7). None played: said so.
        boxes = [dialog.query_one(f"#component-{c}", TickBox) for c in PLAY_COMPONENTS]
        assert [box.value for box in boxes] == [True, True]
        for box in boxes:
            box.value = False
        await press(pilot, "ctrl+s")
        assert _error(app, "components") == t("samen_spel.error.component_needed", "en")
        boxes[0].value = True
        await press(pilot, "ctrl+s")
        assert len(app.store.samen_spel.sessions.of_year(2026)) == 1
    assert len(_sessions(data_path)) == 1


async def test_bad_plan_input_is_refused_beside_its_field(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "a")
        await type_text(pilot, "andy")
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, PlanFormDialog)
        cases = [
            ("goal", "", t("samen_spel.error.required", "en")),
            ("goal", "x" * 10_000, t("samen_spel.error.too_long", "en", limit=300, length=10_000)),
            ("weeks", "0", t("samen_spel.error.out_of_range", "en", low=1, high=40)),
            ("minutes", "600", t("samen_spel.error.out_of_range", "en", low=5, high=60)),
            ("start", "next week", t("errors.field.date_format", "en")),
        ]
        for field, value, message in cases:
            dialog.query_one("#goal", Input).value = "plays calmly"
            dialog.query_one(f"#{field}", Input).value = value
            await press(pilot, "ctrl+s")
            assert app.screen is dialog, field
            assert _error(app, field) == message, field
            assert app.store.samen_spel.plans_of_year() == [], field
            dialog.query_one("#weeks", Input).value = "12"
            dialog.query_one("#minutes", Input).value = "15"
            dialog.query_one("#start", Input).value = "25/11/2026"
        # Regel-Spel is added halfway, unless she chose a week herself.
        dialog.query_one("#weeks", Input).value = "10"
        await pilot.pause()
        assert dialog.query_one("#rule_play_week", Input).value == "6"
        await press(pilot, "escape")
        assert isinstance(_top(app), SamenSpelOverviewScreen)
    with Store.open(data_path, today=TODAY) as store:
        assert store.samen_spel.plans_of_year() == []


async def test_a_second_plan_while_one_runs_is_refused_beside_the_start(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    _plan_for(data_path, andy)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PlanFormDialog(andy))
        await pilot.pause()
        app.screen.query_one("#goal", Input).value = "another goal"
        await press(pilot, "ctrl+s")
        assert _error(app, "start") == t("samen_spel.error.plan_active", "en")
        assert len(app.store.samen_spel.plans_of(andy)) == 1


# -- close out, edit and delete ---------------------------------------------------------------


async def test_a_plan_closed_out_early_keeps_its_reason_and_a_new_one_can_be_planned(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    _plan_for(data_path, andy)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        await press(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, CloseOutDialog)
        assert t("samen_spel.close.reason", "en") in screen_text(app)  # early: why
        await press(pilot, "ctrl+s")  # no reason given
        assert _error(app, "end_note") == t("samen_spel.error.reason_needed", "en")
        assert app.store.samen_spel.active_plan(andy) is not None
        await type_text(pilot, "moved to another school")
        await press(pilot, "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        [plan] = app.store.samen_spel.plans_of(andy)
        assert (plan.ended_on, plan.ended_early, plan.end_note) == (
            TODAY,
            True,
            "moved to another school",
        )
        shown = _plan_panel(app)
        assert t("samen_spel.progress.ended_early", "en", day="We 25/11/2026") in shown
        assert "moved to another school" in shown
        assert f"n {t('samen_spel.key.plan', 'en')} " in screen_text(app)  # the footer
        await press(pilot, "escape")
        assert t("samen_spel.overview.closed_cell", "en") in screen_text(app)
        await press(pilot, "escape")
        assert t("samen_spel.today.due", "en") not in _today_panel(app)

    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "enter")
        assert "moved to another school" in _plan_panel(again)
        await press(pilot, "n")  # the plan is over: n plans a new one
        assert isinstance(_top(again), PlanFormDialog)
        await type_text(pilot, "joins the circle")
        await press(pilot, "ctrl+s")
        assert isinstance(_top(again), SamenSpelChildScreen)
        plans = again.store.samen_spel.plans_of(andy)
        assert len(plans) == 2
        assert "joins the circle" in _plan_panel(again)
        assert t("samen_spel.child.history_title", "en") in screen_text(again)  # the old one


async def test_enter_edits_a_session_and_x_deletes_one_after_asking(
    small_class: dict[str, str], data_path: Path
) -> None:
    plan = _plan_for(data_path, small_class["Andy"])
    with Store.open(data_path, today=TODAY) as store:
        for day in (date(2026, 11, 24), date(2026, 11, 19)):
            store.samen_spel.log(
                SamenSpelSession(
                    "", plan.id, plan.child_id, day, 12, frozenset({"relationship_play"})
                )
            )
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "enter")
        table = app.screen.query_one(RecordTable)
        assert table.row_count == 2
        await press(pilot, "enter")  # the newest first: 24 November
        dialog = app.screen
        assert isinstance(dialog, SessionFormDialog)
        assert dialog.query_one("#day", Input).value == "24/11/2026"
        await press(pilot, "2", "7", "8", "enter")
        [edited] = [s for s in app.store.samen_spel.sessions_of(plan) if s.day.day == 24]
        assert edited.do_skills == {"imitate"}
        assert edited.dont_skills == {"praise"}
        assert edited.day_in_class == "easy"
        assert edited.minutes == 12
        assert len(app.store.samen_spel.sessions_of(plan)) == 2
        await press(pilot, "x")
        assert isinstance(_top(app), ConfirmDialog)
        await press(pilot, "escape")
        assert len(app.store.samen_spel.sessions_of(plan)) == 2
        await press(pilot, "x", "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        [left] = app.store.samen_spel.sessions_of(plan)
        assert left.day == date(2026, 11, 19)
        assert table.row_count == 1
    assert [s.day for s in _sessions(data_path)] == [date(2026, 11, 19)]


# -- the way there, the why, the keys ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_the_overview_opens_from_today_and_from_the_palette(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    app = make_app(data_path, lang)
    go_to = f"{t('palette.go_to', lang)} {t('nav.samen_spel', lang)}"
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        assert isinstance(_top(app), SamenSpelOverviewScreen)
        await press(pilot, "escape")
        for typed in ("samen-spel", "doelkind", "samenspel"):
            await choose(pilot, typed, go_to)
            assert isinstance(_top(app), SamenSpelOverviewScreen), typed
            await press(pilot, "escape")
            assert screen_names(app) == ["HomeScreen"]
        # An action: a new target child, found in words she types.
        titles = await hits_for(pilot, "doelkind")
        assert t("palette.title.samen_spel_add_target", lang) in titles
        await choose(pilot, "nieuw doelkind", t("palette.title.samen_spel_add_target", lang))
        assert screen_names(app)[-2:] == ["SamenSpelOverviewScreen", "ChildPickerDialog"]


async def test_why_twice_a_week_is_answered_on_both_screens(
    small_class: dict[str, str], data_path: Path
) -> None:
    _plan_for(data_path, small_class["Andy"])
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "w")
        assert isinstance(_top(app), WhyDialog)
        assert t("samen_spel.why.title", "nl") in screen_text(app)
        await press(pilot, "escape", "enter", "w")
        assert isinstance(_top(app), WhyDialog)
        await press(pilot, "enter")  # the close button
        assert isinstance(_top(app), SamenSpelChildScreen)


async def test_without_a_plan_her_screen_says_what_samen_spel_is_and_n_plans_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    anna = small_class["Anna"]
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SamenSpelChildScreen(anna))
        await pilot.pause()
        shown = _shown(app)
        for component in ("relationship_play", "rule_play"):
            assert t(f"samen_spel.component_says.{component}", "en") in shown
        await press(pilot, "n")
        assert isinstance(_top(app), PlanFormDialog)
        await type_text(pilot, "tells about her day")
        await press(pilot, "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        assert app.store.samen_spel.active_plan(anna) is not None
        assert t("samen_spel.child.title", "en", name="Anna Peeters") in screen_text(app)


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_no_footer_label_is_cut_on_the_samen_spel_screens(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    _plan_for(data_path, small_class["Andy"])
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        assert cut_footer_labels(app.screen.query_one(Footer)) == []
        await press(pilot, "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        assert cut_footer_labels(app.screen.query_one(Footer)) == []


# -- snapshots ----------------------------------------------------------------------------------


@pytest.fixture
def samen_spel_path(small_class: dict[str, str], data_path: Path) -> Path:
    """Andy's plan from 5 October (Tuesdays and Thursdays), a holiday week, eight sessions
    with their DO and DON'T skills, two weeks behind."""
    plan = _plan_for(data_path, small_class["Andy"], moment="after playtime")
    days = [date(2026, 10, 6), date(2026, 10, 8), date(2026, 10, 13), date(2026, 10, 20)]
    days += [date(2026, 10, 22), date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 24)]
    days_in_class: tuple[DayInClass | None, ...] = ("hard", "easy", "ordinary", None)
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add([date(2026, 11, day) for day in range(2, 7)], "autumn")
        for index, day in enumerate(days):
            store.samen_spel.log(
                SamenSpelSession(
                    "",
                    plan.id,
                    plan.child_id,
                    day,
                    15,
                    frozenset({"relationship_play"}),
                    frozenset(DO_SKILLS[: 1 + index % 5]),
                    frozenset(DONT_SKILLS[: index % 3]),
                    days_in_class[index % 4],
                    "played with the blocks" if index % 2 else "",
                )
            )
    return data_path


def test_snapshot_the_childs_samen_spel(snap_compare: SnapCompare, samen_spel_path: Path) -> None:
    assert snap_compare(make_app(samen_spel_path), terminal_size=SIZE, press=["l", "enter"])


def test_snapshot_the_session_dialog(snap_compare: SnapCompare, samen_spel_path: Path) -> None:
    assert snap_compare(
        make_app(samen_spel_path), terminal_size=SIZE, press=["l", "n", "1", "2", "4", "7", "9"]
    )


def test_snapshot_the_overview_in_dutch(snap_compare: SnapCompare, samen_spel_path: Path) -> None:
    assert snap_compare(make_app(samen_spel_path, "nl"), terminal_size=SIZE, press=["l"])


# -- the school year: its end, and the years before ---------------------------------------------


async def test_a_plan_cut_by_the_school_years_end_says_so(
    small_class: dict[str, str], data_path: Path
) -> None:
    with Store.open(data_path, today=TODAY) as store:
        start = date(2027, 5, 10)  # 8 school weeks are left in the school year then
        store.samen_spel.add_plan(SamenSpelPlan("", small_class["Andy"], "plays along", start))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        assert t("samen_spel.overview.starts_cell", "en", day="10/05") in screen_text(app)
        await press(pilot, "enter")
        shown = _plan_panel(app)
        assert t("samen_spel.progress.starts", "en", day="Mo 10/05/2027") in shown
        assert t("samen_spel.progress.weeks_cut", "en", fit=8, weeks=12) in shown
        assert t("samen_spel.child.on_track", "en") not in shown  # nothing to be behind on


async def test_plans_of_a_closed_year_are_listed_and_a_damaged_archive_is_said(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    with Store.open(data_path, today=date(2026, 3, 27)) as store:
        plan = store.samen_spel.add_plan(
            SamenSpelPlan("", andy, "last year's goal", date(2026, 1, 12))
        )
        store.samen_spel.log(
            SamenSpelSession(
                "", plan.id, andy, date(2026, 1, 13), 15, frozenset({"relationship_play"})
            )
        )
        store.samen_spel.update_plan(plan.closed_out(date(2026, 3, 27), "went well", early=False))
    with Store.open(data_path, today=TODAY) as store:
        assert store.school_years.close().years == (2025,)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SamenSpelChildScreen(andy))
        await pilot.pause()
        history = text_of(app.screen.query_one("#ss-history", Static))
        assert "2025-2026" in history
        assert "went well" in history
        assert t("samen_spel.child.no_plan_title", "en", name="Andy Maes") in screen_text(app)

    archive = data_path.parent / "klas.archive" / "2025-2026.json"
    raw = json.loads(archive.read_bytes())
    raw["samen_spel_plans"][0]["weeks"] = "twelve"
    archive.write_text(json.dumps(raw))
    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await again.push_screen(SamenSpelChildScreen(andy))
        await pilot.pause()
        said = " ".join(str(note.message) for note in again._notifications)
        assert str(archive) in said
        assert screen_names(again)[-1] == "SamenSpelChildScreen"  # still there, still running
        await press(pilot, "n")  # and a new plan can still be made
        assert isinstance(_top(again), PlanFormDialog)


async def test_on_her_screen_the_palette_logs_a_session_with_her(
    small_class: dict[str, str], data_path: Path
) -> None:
    plan = _plan_for(data_path, small_class["Andy"])
    app = make_app(data_path, "nl")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "enter")
        title = t("palette.title.samen_spel_child_log", "nl")
        titles = await choose(pilot, "sessie noteren", title)
        assert t("palette.title.samen_spel_plan", "nl") not in titles  # a plan runs
        assert isinstance(_top(app), SessionFormDialog)
        await press(pilot, "5", "enter")
        [session] = app.store.samen_spel.sessions_of(plan)
        assert session.do_skills == {"respond_to_needs"}
