"""Samen-Spel's arithmetic on hand-built plans: school weeks, due sessions, weeks behind,
the component switch, holidays, an early end, the end of the school year, fidelity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.calendar import SchoolCalendar, flemish_holidays
from companion.domain.dates import monday_of
from companion.domain.samen_spel import (
    SamenSpelInputError,
    SamenSpelPlan,
    SamenSpelSession,
    active_plan,
    checked_plan,
    checked_session,
    components_on,
    fidelity_trend,
    halfway,
    plan_problems,
    plan_weeks,
    progress,
    sessions_by_day_in_class,
)
from companion.domain.vocabulary import DayInClass

NO_DAYS_OFF = SchoolCalendar()
MONDAY = date(2026, 11, 16)  # a school week with no holiday in it
WEDNESDAY = date(2026, 11, 25)


def holidays_of(year: int) -> SchoolCalendar:
    """The usual Flemish holidays of a school year, all marked off."""
    return SchoolCalendar(
        frozenset(day for holiday in flemish_holidays(year) for day in holiday.weekdays())
    )


def plan(start: date = MONDAY, **changes: Any) -> SamenSpelPlan:
    return replace(SamenSpelPlan("plan", "andy", "Andy voelt zich gezien", start), **changes)


def session(day: date, *, number: int = 0, hard: DayInClass | None = None) -> SamenSpelSession:
    return SamenSpelSession(
        f"s{day.isoformat()}-{number}",
        "plan",
        "andy",
        day,
        15,
        frozenset({"relationship_play"}),
        frozenset({"observe", "imitate", "describe"}),
        frozenset({"praise"}),
        hard,
    )


# -- school weeks -------------------------------------------------------------------------


def test_a_plan_counts_twelve_school_weeks_from_its_start() -> None:
    weeks = plan_weeks(plan(), NO_DAYS_OFF)
    assert [week.number for week in weeks] == list(range(1, 13))
    assert weeks[0].monday == MONDAY
    assert weeks[-1].monday == MONDAY + timedelta(weeks=11)
    assert all(week.planned == 2 for week in weeks)


def test_a_holiday_week_is_not_a_week_of_the_plan_and_not_a_missed_one() -> None:
    calendar = holidays_of(2026)  # Christmas: 21 December 2026 to 1 January 2027
    weeks = plan_weeks(plan(), calendar)
    mondays = [week.monday for week in weeks]
    assert date(2026, 12, 21) not in mondays
    assert date(2026, 12, 28) not in mondays
    assert len(weeks) == 12
    # Twelve school weeks take fifteen calendar weeks across Christmas (two weeks) and
    # the spring break (the week of 8 February 2027).
    assert date(2027, 2, 8) not in mondays
    assert weeks[-1].monday == MONDAY + timedelta(weeks=14)
    after_christmas = date(2027, 1, 13)
    held = [session(day) for week in weeks[:5] for day in week.school_days[:2]]
    state = progress(plan(), held, calendar, after_christmas)
    # Five full school weeks before Christmas, the two holiday weeks not counted, and
    # the week of 4 January without a session: one week behind, not three.
    assert len(state.past) == 6
    assert state.weeks_behind == 1
    assert state.past[-1].week.monday == date(2027, 1, 4)


def test_a_week_with_fewer_school_days_than_sessions_plans_only_what_fits() -> None:
    calendar = holidays_of(2026)  # 11 November 2026 is a Wednesday off
    start = date(2026, 11, 9)
    first = plan_weeks(plan(start, per_week=5), calendar)[0]
    assert first.planned == 4
    late_start = plan_weeks(plan(date(2026, 11, 20)), calendar)[0]
    assert late_start.school_days == (date(2026, 11, 20),)
    assert late_start.planned == 1


def test_a_plan_is_cut_at_the_end_of_its_school_year() -> None:
    calendar = holidays_of(2026)
    late = plan(date(2027, 5, 31))
    weeks = plan_weeks(late, calendar)
    assert weeks[-1].last_day == date(2027, 6, 30)
    assert len(weeks) == 5  # the weeks of 31 May, 7, 14, 21 and 28 June
    state = progress(late, [], calendar, date(2027, 6, 1))
    assert state.weeks_cut == 7
    assert progress(late, [], calendar, date(2027, 9, 6)).finished


def test_a_plan_ended_early_counts_no_week_after_its_end() -> None:
    ended = plan().closed_out(date(2026, 12, 2), "Andy verhuist", early=True)
    weeks = plan_weeks(ended, NO_DAYS_OFF)
    assert [week.monday for week in weeks] == [MONDAY, date(2026, 11, 23), date(2026, 11, 30)]
    assert weeks[-1].school_days[-1] == date(2026, 12, 2)
    state = progress(ended, [], NO_DAYS_OFF, date(2027, 1, 20))
    assert state.finished
    assert not state.due_today
    assert state.weeks_cut == 0


def test_an_early_end_needs_a_reason_and_no_end_comes_before_the_start() -> None:
    with pytest.raises(SamenSpelInputError) as caught:
        plan().closed_out(date(2026, 12, 2), "  ", early=True)
    assert (caught.value.field, caught.value.reason) == ("end_note", "reason_needed")
    with pytest.raises(SamenSpelInputError) as caught:
        plan().closed_out(date(2026, 11, 1), "", early=False)
    assert caught.value.reason == "end_before_start"
    assert plan().closed_out(date(2027, 2, 5), "", early=False).reopened() == plan()


# -- the component switch -------------------------------------------------------------------


def test_rule_play_is_added_halfway_by_default() -> None:
    assert halfway(12) == 7
    weeks = plan_weeks(plan(), NO_DAYS_OFF)
    assert components_on(plan(), weeks, weeks[5].school_days[0]) == ["relationship_play"]
    assert components_on(plan(), weeks, weeks[6].school_days[0]) == [
        "relationship_play",
        "rule_play",
    ]


def test_rule_play_from_the_week_she_chose_counts_school_weeks_across_a_holiday() -> None:
    calendar = holidays_of(2026)
    chosen = plan(rule_play_week=6)
    weeks = plan_weeks(chosen, calendar)
    assert weeks[5].monday == date(2027, 1, 4)  # five school weeks before Christmas
    assert components_on(chosen, weeks, date(2026, 12, 23)) == ["relationship_play"]
    assert "rule_play" in components_on(chosen, weeks, date(2027, 1, 4))


# -- due, done, behind ----------------------------------------------------------------------


def test_this_week_planned_against_done_and_a_session_due_on_her_weekday() -> None:
    tuesday = date(2026, 11, 24)
    state = progress(
        plan(), [session(MONDAY), session(MONDAY + timedelta(days=3))], NO_DAYS_OFF, tuesday
    )
    assert state.current is not None
    assert (state.current.week.number, state.current.done, state.current.week.planned) == (2, 0, 2)
    assert state.due_today  # Tuesday is one of her days
    assert state.weeks_behind == 0
    assert state.sessions_done == 2
    assert state.weeks_reached == 2


def test_nothing_is_due_on_a_day_already_played_or_a_week_already_full() -> None:
    tuesday = date(2026, 11, 24)
    assert not progress(plan(), [session(tuesday)], NO_DAYS_OFF, tuesday).due_today
    full = [session(date(2026, 11, 23)), session(tuesday)]
    assert not progress(plan(), full, NO_DAYS_OFF, date(2026, 11, 26)).due_today


def test_a_session_becomes_due_when_the_week_has_just_enough_days_left() -> None:
    # Wednesday is not one of her days, but Thursday and Friday are all that is left
    # for two sessions after Wednesday: from Thursday on, each day is due.
    assert not progress(plan(), [], NO_DAYS_OFF, WEDNESDAY).due_today
    friday = date(2026, 11, 27)
    assert progress(plan(), [session(date(2026, 11, 26))], NO_DAYS_OFF, friday).due_today


def test_a_missed_week_is_counted_behind_and_never_silent() -> None:
    held = [session(MONDAY)]  # one of two in week 1, none in week 2
    state = progress(plan(), held, NO_DAYS_OFF, date(2026, 12, 1))
    assert state.weeks_behind == 2
    assert state.sessions_behind == 3
    assert [tally.short for tally in state.past] == [1, 2]


def test_a_plan_not_started_has_nothing_past_and_nothing_due() -> None:
    later = plan(date(2026, 12, 7))
    state = progress(later, [], NO_DAYS_OFF, WEDNESDAY)
    assert state.not_started
    assert state.weeks_behind == 0
    assert not state.due_today
    assert state.planned_total == 24


def test_sessions_of_another_plan_are_not_counted() -> None:
    other = replace(session(MONDAY), plan_id="other")
    assert progress(plan(), [other], NO_DAYS_OFF, WEDNESDAY).sessions_done == 0


@given(
    start=st.dates(date(2026, 9, 1), date(2027, 6, 30)),
    weeks=st.integers(1, 40),
    per_week=st.integers(1, 5),
    today=st.dates(date(2026, 9, 1), date(2027, 8, 31)),
)
def test_the_plan_s_weeks_are_school_weeks_in_its_year_never_more_than_planned(
    start: date, weeks: int, per_week: int, today: date
) -> None:
    calendar = holidays_of(2026)
    chosen = plan(start, weeks=weeks, per_week=per_week)
    found = plan_weeks(chosen, calendar)
    assert len(found) <= weeks
    assert [week.number for week in found] == list(range(1, len(found) + 1))
    for week in found:
        assert week.school_days
        assert all(calendar.is_school_day(day) and day >= start for day in week.school_days)
        assert all(monday_of(day) == week.monday for day in week.school_days)
        assert 1 <= week.planned <= min(per_week, len(week.school_days))
    state = progress(chosen, [], calendar, today)
    assert state.weeks_behind == len(state.past)  # nothing held: every past week is short
    assert state.weeks_cut == weeks - len(found)
    if state.due_today:
        assert calendar.is_school_day(today)


# -- checks of what she typed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"goal": "   "}, "goal", "required"),
        ({"goal": "x" * 10_000}, "goal", "too_long"),
        ({"weeks": 0}, "weeks", "out_of_range"),
        ({"per_week": 6}, "per_week", "out_of_range"),
        ({"minutes": 600}, "minutes", "out_of_range"),
        ({"rule_play_week": 13}, "rule_play_week", "out_of_range"),
        ({"per_week": 3, "weekdays": ("tue", "thu")}, "per_week", "more_than_days"),
    ],
)
def test_a_plan_with_a_field_out_of_bounds_is_refused_naming_the_field(
    changes: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(SamenSpelInputError) as caught:
        checked_plan(plan(**changes))
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_every_problem_of_a_plan_is_found_at_once_one_a_field_in_the_forms_order() -> None:
    """For a form that says them all together (checked_plan raises the first)."""
    bad = plan(goal="", weeks=0, per_week=6, minutes=600, rule_play_week=13, moment="x" * 101)
    found = [(problem.field, problem.reason) for problem in plan_problems(bad)]
    assert found == [
        ("goal", "required"),
        ("weeks", "out_of_range"),
        ("per_week", "out_of_range"),
        ("minutes", "out_of_range"),
        ("moment", "too_long"),  # the Regel-Spel week waits for weeks that fit
    ]
    assert plan_problems(plan(per_week=3, weekdays=("tue", "thu")))[0].params == {"days": "2"}
    assert plan_problems(plan()) == []


def test_a_plan_keeps_its_weekdays_in_week_order_and_its_texts_trimmed() -> None:
    kept = checked_plan(plan(goal="  Andy leidt  ", weekdays=("thu", "mon")))
    assert kept.goal == "Andy leidt"
    assert kept.weekdays == ("mon", "thu")


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"minutes": 0}, "minutes", "out_of_range"),
        ({"minutes": 600}, "minutes", "out_of_range"),
        ({"components": frozenset()}, "components", "component_needed"),
        ({"day": date(2026, 11, 26)}, "day", "in_future"),
        ({"day": date(2026, 11, 13)}, "day", "before_plan"),
        ({"note": "x" * 10_000}, "note", "too_long"),
    ],
)
def test_a_session_that_does_not_fit_is_refused_naming_the_field(
    changes: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(SamenSpelInputError) as caught:
        checked_session(replace(session(MONDAY), **changes), plan(), WEDNESDAY)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_a_session_after_the_close_out_or_in_another_school_year_is_refused() -> None:
    ended = plan().closed_out(date(2026, 11, 18), "", early=False)
    with pytest.raises(SamenSpelInputError) as caught:
        checked_session(session(date(2026, 11, 19)), ended, WEDNESDAY)
    assert caught.value.reason == "after_plan_end"
    june = plan(date(2027, 6, 28))
    with pytest.raises(SamenSpelInputError) as caught:
        checked_session(session(date(2027, 7, 1)), june, date(2027, 7, 2))
    assert caught.value.reason == "other_school_year"


def test_a_session_takes_its_plan_s_child() -> None:
    kept = checked_session(replace(session(MONDAY), child_id="", note=" fijn "), plan(), WEDNESDAY)
    assert (kept.child_id, kept.note) == ("andy", "fijn")


# -- fidelity and hard days -----------------------------------------------------------------


def test_fidelity_counts_do_skills_and_takes_off_for_each_dont() -> None:
    assert session(MONDAY).fidelity == pytest.approx((3 - 1) / 5)
    perfect = replace(
        session(MONDAY),
        do_skills=frozenset(
            {"observe", "imitate", "describe", "name_feelings", "respond_to_needs"}
        ),
        dont_skills=frozenset(),
    )
    assert perfect.fidelity == 1.0
    poor = replace(session(MONDAY), do_skills=frozenset(), dont_skills=frozenset({"praise"}))
    assert poor.fidelity == 0.0


def test_the_trend_is_in_date_order_with_do_and_dont_counts() -> None:
    later, earlier = session(date(2026, 11, 20)), session(MONDAY)
    trend = fidelity_trend([later, earlier])
    assert [point.day for point in trend] == [MONDAY, date(2026, 11, 20)]
    assert [(point.do_used, point.donts) for point in trend] == [(3, 1), (3, 1)]


def test_sessions_are_counted_by_how_the_child_was_in_class() -> None:
    held = [
        session(MONDAY, hard="hard"),
        session(MONDAY, number=1, hard="hard"),
        session(WEDNESDAY),
    ]
    assert sessions_by_day_in_class(held) == {"easy": 0, "ordinary": 0, "hard": 2, None: 1}


def test_the_active_plan_is_the_newest_one_not_over() -> None:
    old = plan(date(2026, 9, 7), weeks=4)
    current = replace(plan(), id="current")
    closed = replace(plan(date(2026, 11, 23)), id="closed").closed_out(
        date(2026, 11, 24), "", early=False
    )
    assert active_plan([old, current, closed], NO_DAYS_OFF, WEDNESDAY) == current
    assert active_plan([old], NO_DAYS_OFF, WEDNESDAY) is None
