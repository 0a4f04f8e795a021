"""Samen-Spel at 80x24 on the real store: plan it for a target child, log a session by
keyboard in a handful of keys, see the overview, the child's screen and Today change,
close a plan out early, and find it all again after a restart; bad input gets its
message beside the field and nothing is saved."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_palette import choose, hits_for
from test_screens_read_well import cut_footer_labels
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from ui_helpers import (
    NOW,
    SIZE,
    TODAY,
    make_app,
    press,
    screen_names,
    screen_text,
    text_of,
    type_text,
)

from companion.app import CompanionApp, create_app
from companion.clock import fixed_clock
from companion.domain.children import ChildDraft
from companion.domain.samen_spel import FidelityPoint, SamenSpelPlan, SamenSpelSession, progress
from companion.domain.vocabulary import DO_SKILLS, DONT_SKILLS, PLAY_COMPONENTS, DayInClass
from companion.i18n import t
from companion.screens.confirm import ConfirmDialog
from companion.screens.home import HomeScreen
from companion.screens.samen_spel.child import SamenSpelChildScreen
from companion.screens.samen_spel.close_out import CloseOutDialog
from companion.screens.samen_spel.overview import SamenSpelOverviewScreen
from companion.screens.samen_spel.plan_form import PlanFormDialog
from companion.screens.samen_spel.session_form import (
    DAY_KEYS,
    DO_KEYS,
    DONT_KEYS,
    SessionFormDialog,
)
from companion.screens.samen_spel.texts import read_plan_view
from companion.screens.samen_spel.toggles import TickBox
from companion.screens.samen_spel.why import WhyDialog
from companion.store import Store
from companion.widgets.fidelity import TREND_WIDTH, trend_line
from companion.widgets.record_table import RecordTable

SnapCompare = Callable[..., bool]
PLAN_START = date(2026, 10, 5)  # a Monday: week 8 of the plan is the frozen day's


async def _push(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    """`screen` pushed once the app has settled, and settled in its turn."""
    await pilot.pause()
    await pilot.app.push_screen(screen)
    await pilot.pause()


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


def _today_line(due: list[str], behind: list[tuple[str, int]], lang: str = "en") -> str:
    """Today's one line of Samen-Spel, as the panel should say it in full."""
    parts = [t("samen_spel.today.title", lang)]
    if due:
        parts.append(f"{t('samen_spel.today.due', lang)} {', '.join(due)}")
    if behind:
        names = ", ".join(
            t("samen_spel.today.behind_child", lang, name=name, weeks=count)
            for name, count in behind
        )
        parts.append(("· " if due else "") + f"{t('samen_spel.today.behind', lang)} {names}")
    return " ".join(parts)


def _panel(app: CompanionApp, title: str) -> str:
    """What a bordered panel shows on the terminal, its lines joined: a sentence that
    is cut (scrolled out of sight) is not found whole."""
    lines = screen_text(app).splitlines()
    top = next(index for index, line in enumerate(lines) if f"─ {title} ─" in line)
    left = lines[top].index("╭", 0, lines[top].index(title))
    right = lines[top].index("╮", left)
    inner = []
    for line in lines[top + 1 :]:
        if line[left] == "╰":
            break
        inner.append(line[left + 1 : right].rstrip(" ▁▂▃▄▅▆▇█"))  # less a scrollbar
    return " ".join(" ".join(inner).split())


def _field_error(field: str, message: str, lang: str = "en") -> str:
    """A plan dialog's message, naming its field."""
    label = t(f"samen_spel.plan.{field}", lang)
    return t("samen_spel.plan.field_error", lang, field=label, message=message)


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
        assert t("samen_spel.today.title", "en") not in _today_panel(app)
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
        assert _today_line(["Andy"], []) in _panel(app, t("home.today_title", "en"))

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
        assert t("samen_spel.today.title", "en") not in _today_panel(app)

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
        assert _today_line([], [("Andy", 2)]) in _panel(app, t("home.today_title", "en"))
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
            assert _error(app, field) == _field_error(field, message), field
            assert app.store.samen_spel.plans_of_year() == [], field
            dialog.query_one("#weeks", Input).value = "12"
            dialog.query_one("#minutes", Input).value = "15"
            dialog.query_one("#start", Input).value = "25/11/2026"
        # Regel-Spel is added halfway, unless she chose a week herself.
        dialog.query_one("#weeks", Input).value = "10"
        await pilot.pause()
        assert dialog.query_one("#rule_play_week", Input).value == "6"
        await press(pilot, "escape")  # what she typed is not dropped without asking
        assert isinstance(_top(app), ConfirmDialog)
        await press(pilot, "enter")
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
        await _push(pilot, PlanFormDialog(andy))
        app.screen.query_one("#goal", Input).value = "another goal"
        await press(pilot, "ctrl+s")
        assert _error(app, "start") == _field_error(
            "start", t("samen_spel.error.plan_active", "en")
        )
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
        assert t("samen_spel.today.title", "en") not in _today_panel(app)

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
        await _push(pilot, SamenSpelChildScreen(anna))
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


def _closed_plan(store: Store, child_id: str, start: date, note: str) -> SamenSpelPlan:
    """A plan with one session, closed out at the end of March of its school year."""
    plan = store.samen_spel.add_plan(SamenSpelPlan("", child_id, f"goal of {note}", start))
    held = SamenSpelSession(
        "", plan.id, child_id, start + timedelta(days=1), 15, frozenset({"relationship_play"})
    )
    store.samen_spel.log(held)
    end = date(start.year, 3, 26)
    return store.samen_spel.update_plan(plan.closed_out(end, note, early=False))


async def test_plans_of_the_years_since_she_joined_are_listed_and_a_damaged_archive_is_said(
    data_path: Path,
) -> None:
    """Lotte joined in 2024-2025: her plans of that year and the next are listed from
    their archives; the class's older archives are never read (a damaged one stays
    silent), a damaged one of her years is said, and the screen still runs."""
    with Store.open(data_path, today=date(2025, 3, 27)) as store:
        [lotte] = store.children.add_many([ChildDraft("Lotte", "Claes")], added_on=date(2024, 9, 2))
        _closed_plan(store, lotte.id, date(2025, 1, 13), "first went well")
        # Older school years of the class, before she came.
        store.days_off.add([date(2021, 11, 2), date(2022, 11, 2), date(2023, 11, 2)], "autumn")
    with Store.open(data_path, today=date(2026, 3, 27)) as store:
        _closed_plan(store, lotte.id, date(2026, 1, 12), "second went well")
    with Store.open(data_path, today=TODAY) as store:
        assert store.school_years.close().years == (2021, 2022, 2023, 2024, 2025)
    archives = data_path.parent / "klas.archive"
    before_her = archives / "2021-2022.json"
    before_her.write_text("{ damaged")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(lotte.id))
        history = text_of(app.screen.query_one("#ss-history", Static))
        assert history.index("2025-2026") < history.index("2024-2025")  # newest first
        assert "second went well" in history
        assert "first went well" in history
        assert [str(note.message) for note in app._notifications] == []  # 2021 unread
        assert t("samen_spel.child.no_plan_title", "en", name="Lotte Claes") in screen_text(app)

    hers = archives / "2025-2026.json"
    raw = json.loads(hers.read_bytes())
    raw["samen_spel_plans"][0]["weeks"] = "twelve"
    hers.write_text(json.dumps(raw))
    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(lotte.id))
        said = " ".join(str(note.message) for note in again._notifications)
        assert str(hers) in said
        assert str(before_her) not in said
        assert screen_names(again)[-1] == "SamenSpelChildScreen"  # still there, still running
        await press(pilot, "n")  # and a new plan can still be made
        assert isinstance(_top(again), PlanFormDialog)


async def test_her_earlier_plans_are_read_again_after_a_change_elsewhere(
    small_class: dict[str, str], data_path: Path
) -> None:
    """Read once, not at every return to her screen; but a change made while another
    screen was on top is shown when she comes back."""
    andy = small_class["Andy"]
    with Store.open(data_path, today=TODAY) as store:
        child = store.children.get(andy)
        assert child is not None
        store.children.update(replace(child, added_on=date(2025, 9, 1)))
    with Store.open(data_path, today=date(2026, 3, 27)) as store:
        plan = _closed_plan(store, andy, date(2026, 1, 12), "went well")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(andy))
        assert "went well" in text_of(app.screen.query_one("#ss-history", Static))
        await press(pilot, "w")  # another screen on top
        assert isinstance(_top(app), WhyDialog)
        app.store.samen_spel.update_plan(replace(plan, end_note="went very well in the end"))
        await press(pilot, "escape")
        assert isinstance(_top(app), SamenSpelChildScreen)
        history = text_of(app.screen.query_one("#ss-history", Static))
        assert "went very well in the end" in history


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


# -- what the walkthrough at 80x24 and the review found ----------------------------------------


def _app_on(path: Path, day: date, lang: str = "en") -> CompanionApp:
    """The real app on the real file, frozen on another day than the usual Wednesday."""
    return create_app(path, lang, clock=fixed_clock(datetime.combine(day, NOW.time())))


AUTUMN = [date(2026, 11, day) for day in range(2, 7)]


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_every_choice_of_the_session_dialog_shows_with_its_key(
    small_class: dict[str, str], data_path: Path, lang: str
) -> None:
    """The Dutch DON'T 'te veel vragen stellen' once wrapped and pushed the last day in
    class out of the box: every key's choice is on screen, whole, in both languages."""
    _plan_for(data_path, small_class["Andy"])
    app = make_app(data_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "n", "2", "7", "0")
        assert isinstance(_top(app), SessionFormDialog)
        shown = screen_text(app)
        choices = [
            *(f"{key} [ ] {t(f'samen_spel.do.{skill}', lang)}" for skill, key in DO_KEYS.items()),
            *(f"{k} [ ] {t(f'samen_spel.dont.{s}', lang)}" for s, k in DONT_KEYS.items()),
            *(f"{k} ( ) {t(f'samen_spel.day_in_class.{d}', lang)}" for d, k in DAY_KEYS.items()),
        ]
        ticked = {"2": "[x]", "7": "[x]", "0": "(•)"}
        for choice in choices:
            key = choice[0]
            if key in ticked:
                choice = choice.replace(choice[2:5], ticked[key], 1)
            assert choice in shown, choice
        for heading in ("do_heading", "dont_heading", "day_heading"):
            assert t(f"samen_spel.session.{heading}", lang) in shown
        assert t("common.save", lang) in shown  # the box is whole, down to its buttons


def _demo_today_line(app: CompanionApp) -> tuple[list[str], list[tuple[str, int]]]:
    """Who is due and who is behind on the app's day, read from the store."""
    store, today = app.store, app.today
    calendar = store.days_off.calendar()
    due: list[str] = []
    behind: list[tuple[str, int]] = []
    for child in sorted(store.children.all(), key=lambda child: child.first_name):
        plan = store.samen_spel.active_plan(child.id)
        if plan is None:
            continue
        state = progress(plan, store.samen_spel.sessions_of(plan), calendar, today)
        if state.due_today:
            due.append(child.first_name)
        if state.weeks_behind:
            behind.append((child.first_name, state.weeks_behind))
    return due, behind


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("day", [date(2026, 11, 26), TODAY])
async def test_today_says_samen_spel_whole_in_one_short_line(
    demo_path: Path, day: date, lang: str
) -> None:
    """On the demo, Thursday (sessions due, children behind) and Wednesday: the whole
    Samen-Spel line is inside the 'Connection today' panel, nothing scrolled away."""
    app = _app_on(demo_path, day, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(_top(app), HomeScreen)
        due, behind = _demo_today_line(app)
        assert behind  # the demo has target children behind
        assert bool(due) == (day.weekday() == 3)  # due on Thursday, not on Wednesday
        panel = _panel(app, t("home.today_title", lang))
        assert _today_line(due, behind, lang) in panel
        waiting = t("home.waiting", lang)
        assert waiting in panel  # what came below it is still shown too


async def test_a_closed_plan_says_so_and_c_reopens_it_after_asking(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    plan = _plan_for(data_path, andy)
    with Store.open(data_path, today=TODAY) as store:
        store.samen_spel.log(
            SamenSpelSession(
                "", plan.id, andy, date(2026, 11, 24), 15, frozenset({"relationship_play"})
            )
        )
        store.samen_spel.update_plan(plan.closed_out(TODAY, "moved away", early=True))
    log_key = f"n {t('samen_spel.key.log', 'en')}"
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        overview = _top(app)
        assert isinstance(overview, SamenSpelOverviewScreen)
        assert log_key not in screen_text(app).splitlines()[-1]  # the footer: no n
        assert overview.check_action("log", ()) is False
        await press(pilot, "n")
        assert _top(app) is overview  # nothing opened
        detail = text_of(overview.query_one("#ss-overview-detail", Static))
        assert t("samen_spel.progress.ended_early", "en", day="We 25/11/2026") in detail
        assert t("samen_spel.child.closed_held", "en", done=1, planned=16) in detail
        assert "moved away" in detail
        assert t("samen_spel.overview.closed_hint", "en") in detail

        await press(pilot, "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        shown = _plan_panel(app)
        assert t("samen_spel.progress.ended_early", "en", day="We 25/11/2026") in shown
        assert t("samen_spel.child.closed_held", "en", done=1, planned=16) in shown
        assert f"{t('samen_spel.child.reason', 'en')} moved away" in shown
        assert t("samen_spel.child.closed_hint", "en") in shown
        for open_only in ("now", "on_track"):
            assert t(f"samen_spel.child.{open_only}", "en") not in shown, open_only
        assert t("samen_spel.child.closed_hint", "en") in _shown(app)  # not cut
        footer = screen_text(app).splitlines()[-1]
        assert f"c {t('samen_spel.key.reopen', 'en')}" in footer

        await press(pilot, "c")
        assert isinstance(_top(app), ConfirmDialog)
        await press(pilot, "escape")
        assert app.store.samen_spel.active_plan(andy) is None
        await press(pilot, "c", "enter")
        assert isinstance(_top(app), SamenSpelChildScreen)
        reopened = app.store.samen_spel.active_plan(andy)
        assert reopened is not None
        assert (reopened.ended_on, reopened.ended_early, reopened.end_note) == (None, False, "")
        assert t("samen_spel.progress.week_of", "en", week=8, weeks=12) in _plan_panel(app)
        footer = screen_text(app).splitlines()[-1]
        assert f"c {t('samen_spel.key.close_out', 'en')}" in footer
    with Store.open(data_path, today=TODAY) as store:
        assert store.samen_spel.active_plan(andy) is not None


async def test_reopening_is_refused_while_another_plan_runs(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    plan = _plan_for(data_path, andy)
    with Store.open(data_path, today=TODAY) as store:
        store.samen_spel.update_plan(plan.closed_out(TODAY, "moved away", early=True))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(andy))
        # Meanwhile a new plan was made (in this window, a moment ago).
        app.store.samen_spel.add_plan(SamenSpelPlan("", andy, "a new goal", TODAY))
        await press(pilot, "c", "enter")
        said = " ".join(str(note.message) for note in app._notifications)
        assert t("samen_spel.reopen.other_running", "en", day="We 25/11/2026") in said
        [old] = [p for p in app.store.samen_spel.plans_of(andy) if p.id == plan.id]
        assert old.ended_on == TODAY


async def test_a_plan_not_yet_at_its_first_school_day_or_in_a_holiday_week_never_says_week_0(
    small_class: dict[str, str], data_path: Path
) -> None:
    """Wednesday 4 November, in the autumn holiday: Andy's plan from 5 October is in a
    holiday week after its 4th week; Anna's from Monday 2 November starts on the 9th.
    On Sunday 29 November, Bram's plan from Saturday 28th starts on Monday 30th."""
    holiday = date(2026, 11, 4)
    with Store.open(data_path, today=holiday) as store:
        store.days_off.add(AUTUMN, "autumn")
        for name, start in (("Andy", PLAN_START), ("Anna", date(2026, 11, 2))):
            store.samen_spel.add_plan(SamenSpelPlan("", small_class[name], "plays", start))
    app = _app_on(data_path, holiday)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        shown = screen_text(app)
        assert "0/12" not in shown
        assert t("samen_spel.overview.starts_cell", "en", day="09/11") in shown
        for name, where in (
            ("Andy", t("samen_spel.progress.holiday_week", "en", week=4, weeks=12)),
            ("Anna", t("samen_spel.progress.starts", "en", day="Mo 09/11/2026")),
        ):
            await _push(pilot, SamenSpelChildScreen(small_class[name]))
            panel = _plan_panel(app)
            assert where in panel, name
            assert "week 0" not in panel, name
            await press(pilot, "escape")
        await _push(pilot, SamenSpelChildScreen(small_class["Anna"]))
        assert t("samen_spel.child.on_track", "en") not in _plan_panel(app)

    sunday = date(2026, 11, 29)
    with Store.open(data_path, today=sunday) as store:
        bram = small_class["Bram"]
        store.samen_spel.add_plan(SamenSpelPlan("", bram, "plays", date(2026, 11, 28)))
    app = _app_on(data_path, sunday)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(small_class["Bram"]))
        panel = _plan_panel(app)
        assert t("samen_spel.progress.starts", "en", day="Mo 30/11/2026") in panel
        assert "week 0" not in panel


async def test_holidays_not_marked_are_said_where_a_plan_counts_its_weeks(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy = small_class["Andy"]
    notice = t("samen_spel.holidays_unknown", "en")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(andy))
        assert notice in _shown(app)
        assert t("home.mark_holidays", "en").split(": ")[-1] in notice  # Today's keys
        await press(pilot, "n")
        assert isinstance(_top(app), PlanFormDialog)
        assert notice in _panel(app, t("samen_spel.plan.title_new", "en", name="Andy"))
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add(AUTUMN, "autumn")
    again = make_app(data_path)
    async with again.run_test(size=SIZE) as pilot:
        await _push(pilot, SamenSpelChildScreen(andy))
        assert notice not in _shown(again)
        await press(pilot, "n")
        assert notice not in _shown(again)


async def test_a_session_on_a_day_off_is_noted_beside_the_date_and_kept(
    small_class: dict[str, str], data_path: Path
) -> None:
    plan = _plan_for(data_path, small_class["Andy"])
    with Store.open(data_path, today=TODAY) as store:
        store.days_off.add(AUTUMN, "autumn")
    note = t("samen_spel.session.day_off_note", "en")
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "n")
        dialog = _top(app)
        assert isinstance(dialog, SessionFormDialog)
        assert note not in _shown(app)  # today is a school day
        day = dialog.query_one("#day", Input)
        day.value = "04/11/2026"
        await pilot.pause()
        assert note in _shown(app)
        day.value = "10/11/2026"
        await pilot.pause()
        assert note not in _shown(app)
        day.value = "05/11/2026"
        await press(pilot, "1", "ctrl+s")  # kept all the same: she may have played
        assert isinstance(_top(app), SamenSpelOverviewScreen)
        [session] = app.store.samen_spel.sessions_of(plan)
        assert session.day == date(2026, 11, 5)


async def test_the_trend_column_holds_the_widest_trend(
    widest_trend_path: Path,
) -> None:
    widest = trend_line([FidelityPoint(TODAY, 5, 2, 1.0)] * 10)
    assert widest.cell_length == TREND_WIDTH
    app = make_app(widest_trend_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l")
        table = app.screen.query_one(RecordTable)
        column = table.columns[table.ordered_columns[-1].key]
        assert column.width >= TREND_WIDTH
        assert widest.plain in screen_text(app)


@pytest.fixture
def widest_trend_path(small_class: dict[str, str], data_path: Path) -> Path:
    """Andy with ten sessions, each with all five DO skills and both DON'Ts."""
    plan = _plan_for(data_path, small_class["Andy"])
    with Store.open(data_path, today=TODAY) as store:
        for week in range(5):
            for day in (date(2026, 10, 6), date(2026, 10, 8)):
                store.samen_spel.log(
                    SamenSpelSession(
                        "",
                        plan.id,
                        plan.child_id,
                        day + timedelta(weeks=week),
                        15,
                        frozenset({"relationship_play"}),
                        frozenset(DO_SKILLS),
                        frozenset(DONT_SKILLS),
                    )
                )
    return data_path


LONG = "x" * 10_000


async def _paste(pilot: Pilot[Any], field: Input, text: str) -> None:
    field.focus()
    field.value = ""
    field.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_long_paste_is_kept_whole_and_its_length_said(
    small_class: dict[str, str], data_path: Path
) -> None:
    """No field cuts what she pastes: the message counts what is in the field."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, PlanFormDialog(small_class["Andy"]))
        for field, limit in (("goal", 300), ("moment", 100)):
            box = app.screen.query_one(f"#{field}", Input)
            await _paste(pilot, box, LONG)
            assert len(box.value) == 10_000, field
            await press(pilot, "ctrl+s")
            message = t("samen_spel.error.too_long", "en", limit=limit, length=10_000)
            assert _error(app, field) == _field_error(field, message), field
            box.value = "plays calmly"
        await press(pilot, "ctrl+s")
        assert isinstance(_top(app), HomeScreen)

        await _push(pilot, SamenSpelChildScreen(small_class["Andy"]))
        for key, field in (("n", "note"), ("c", "end_note")):
            await press(pilot, key)
            box = app.screen.query_one(f"#{field}", Input)
            await _paste(pilot, box, LONG)
            assert len(box.value) == 10_000, field
            await press(pilot, "ctrl+s")
            message = t("samen_spel.error.too_long", "en", limit=1000, length=10_000)
            assert _error(app, field) == message, field
            await press(pilot, "escape", "enter")  # asked first: leave without it
    assert _sessions(data_path) == []


async def test_the_plan_dialog_says_every_problem_at_once_beside_its_field(
    small_class: dict[str, str], data_path: Path
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, PlanFormDialog(small_class["Andy"]))
        dialog = app.screen
        typed = {"goal": "", "start": "soon", "weeks": "0", "per_week": "9", "minutes": "x"}
        for field, value in typed.items():
            dialog.query_one(f"#{field}", Input).value = value
        await press(pilot, "ctrl+s")
        expected = {
            "goal": t("samen_spel.error.required", "en"),
            "start": t("errors.field.date_format", "en"),
            "weeks": t("samen_spel.error.out_of_range", "en", low=1, high=40),
            "per_week": t("samen_spel.error.out_of_range", "en", low=1, high=5),
            "minutes": t("samen_spel.error.not_a_number", "en"),
        }
        for field, message in expected.items():
            assert _error(app, field) == _field_error(field, message), field
            assert t(f"samen_spel.plan.{field}", "en") in _error(app, field)
        assert _error(app, "rule_play_week") == ""  # against weeks still to be written
        assert dialog.focused is dialog.query_one("#goal")  # the first, in the form's order
        assert app.store.samen_spel.plans_of_year() == []

        # More sessions a week than days ticked: said beside the sessions a week.
        for field, value in (("goal", "plays"), ("start", "25/11/2026"), ("weeks", "12")):
            dialog.query_one(f"#{field}", Input).value = value
        dialog.query_one("#per_week", Input).value = "3"
        dialog.query_one("#minutes", Input).value = "15"
        await press(pilot, "ctrl+s")
        more = t("samen_spel.error.more_than_days", "en", days=2)
        assert _error(app, "per_week") == _field_error("per_week", more)
        assert more in _panel(app, t("samen_spel.plan.title_new", "en", name="Andy"))
        dialog.query_one("#day-mon", TickBox).value = True  # a third day: fixed
        await pilot.pause()
        assert _error(app, "per_week") == ""
        await press(pilot, "ctrl+s")
        [plan] = app.store.samen_spel.plans_of_year()
        assert (plan.per_week, plan.weekdays) == (3, ("mon", "tue", "thu"))


async def test_a_start_outside_the_school_year_is_refused_beside_the_start(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy, anna = small_class["Andy"], small_class["Anna"]
    plan = _plan_for(data_path, andy)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, PlanFormDialog(anna))
        app.screen.query_one("#goal", Input).value = "plays"
        app.screen.query_one("#start", Input).value = "06/09/2027"
        await press(pilot, "ctrl+s")
        refused = _field_error("start", t("samen_spel.error.start_in_this_year", "en"))
        assert _error(app, "start") == refused
        assert refused in _panel(app, t("samen_spel.plan.title_new", "en", name="Anna"))
        assert app.store.samen_spel.plans_of(anna) == []
        await press(pilot, "escape")

        await _push(pilot, PlanFormDialog(andy, plan))
        app.screen.query_one("#start", Input).value = "06/09/2027"
        await press(pilot, "ctrl+s")
        refused = _field_error("start", t("samen_spel.error.start_in_plan_year", "en"))
        assert _error(app, "start") == refused
        assert refused in _panel(app, t("samen_spel.plan.title_edit", "en", name="Andy"))
        assert [p.start for p in app.store.samen_spel.plans_of(andy)] == [PLAN_START]


async def test_a_close_out_in_the_future_or_another_school_year_is_refused_beside_it(
    small_class: dict[str, str], data_path: Path
) -> None:
    andy, anna = small_class["Andy"], small_class["Anna"]
    _plan_for(data_path, andy)
    with Store.open(data_path, today=date(2026, 3, 2)) as store:
        last_year = store.samen_spel.add_plan(SamenSpelPlan("", anna, "plays", date(2026, 1, 12)))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SamenSpelChildScreen(andy))
        await press(pilot, "c")
        assert isinstance(_top(app), CloseOutDialog)
        app.screen.query_one("#ended_on", Input).value = "26/11/2026"
        app.screen.query_one("#end_note", Input).value = "moved away"
        await press(pilot, "ctrl+s")
        refused = t("samen_spel.error.in_future", "en")
        assert _error(app, "ended_on") == refused
        assert refused in _panel(app, t("samen_spel.close.title", "en"))
        assert app.store.samen_spel.active_plan(andy) is not None
        await press(pilot, "escape")

        # A plan of last school year, never closed out, closed on a day of this one.
        view = read_plan_view(app.store, last_year, TODAY)
        await _push(pilot, CloseOutDialog(view))
        app.screen.query_one("#ended_on", Input).value = "02/09/2026"
        await press(pilot, "ctrl+s")
        refused = t("samen_spel.error.other_school_year", "en")
        assert _error(app, "ended_on") == refused
        assert refused in _panel(app, t("samen_spel.close.title", "en"))
        [kept] = app.store.samen_spel.plans_of(anna, 2025)
        assert kept.ended_on is None


async def test_today_names_a_few_target_children_and_counts_the_rest(
    small_class: dict[str, str], data_path: Path
) -> None:
    """Five children behind, the holidays not marked (one more line above): three names
    and "+2", the line whole, and the children waiting below it still shown."""
    with Store.open(data_path, today=TODAY) as store:
        for child_id in small_class.values():
            store.samen_spel.add_plan(SamenSpelPlan("", child_id, "plays", PLAN_START))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = _panel(app, t("home.today_title", "en"))
        behind = [("Adam", 7), ("Andy", 7), ("Anna", 7)]
        line = _today_line([], behind) + t("samen_spel.today.more", "en", number=2)
        assert line in panel
        assert t("home.mark_holidays", "en") in panel
        assert f"{t('home.waiting', 'en')} Adam, Andy, Anna, Bram, Zoë" in panel


def test_weeks_far_behind_are_all_counted_and_the_newest_four_named() -> None:
    from companion.domain.calendar import SchoolCalendar
    from companion.domain.samen_spel import progress
    from companion.screens.samen_spel.texts import behind_text

    plan = SamenSpelPlan("p", "andy", "Andy leidt", date(2026, 9, 7))
    state = progress(plan, [], SchoolCalendar(), date(2026, 11, 25))
    assert state.weeks_behind == 11
    text = behind_text(state)

    def week(number: int) -> str:
        return t("samen_spel.progress.behind_week", week=number, done=0, planned=2)

    newest = ", ".join(week(number) for number in range(8, 12))
    assert text == t("samen_spel.progress.behind", count=11, weeks=f"…, {newest}")
