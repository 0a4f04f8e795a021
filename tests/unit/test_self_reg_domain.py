"""The five-step analysis (a roundabout: any order) and the teacher's own check-in: her
zone from energy and tension, the trend over weeks, a gentle suggestion after days out
of the green zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.self_reg import (
    Analysis,
    AnalysisInputError,
    checked_analysis,
    follow_ups_due,
    unfinished,
)
from companion.domain.teacher_check_in import (
    OUT_OF_GREEN_DAYS,
    CheckInInputError,
    TeacherCheckIn,
    checked_check_in,
    out_of_green,
    suggest_care,
    trend,
    zone_of,
)
from companion.domain.vocabulary import LEVELS

TODAY = date(2026, 11, 25)
STARTED = datetime(2026, 11, 23, 10, 15)


def test_the_steps_are_filled_in_any_order_and_the_default_path_goes_on() -> None:
    analysis = Analysis("a1", "andy", STARTED)
    assert analysis.steps_done() == [] and analysis.next_step() == 1
    analysis = replace(analysis, my_stressors={"biological": "te weinig geslapen"})
    assert analysis.steps_done() == [2] and analysis.next_step() == 1
    analysis = replace(analysis, what_happened="Andy gooide de blokken", reading="stress_behaviour")
    assert analysis.steps_done() == [1, 2] and analysis.next_step() == 3
    analysis = replace(analysis, follow_up=date(2026, 12, 4))
    assert analysis.steps_done() == [1, 2, 5] and analysis.next_step() == 3


def test_finishing_needs_a_title_what_happened_and_a_response() -> None:
    analysis = Analysis("a1", "andy", STARTED, title="De blokken", finished=True)
    with pytest.raises(AnalysisInputError) as refused:
        checked_analysis(analysis)
    assert refused.value.field == "step_1"
    analysis = replace(analysis, what_happened="Hij gooide", respond="Dagelijks Samen-Spel")
    assert checked_analysis(analysis).finished


def test_texts_are_checked_and_the_follow_up_is_not_before_the_incident() -> None:
    analysis = Analysis("a1", "andy", STARTED, child_stressors={"social": "ruzie\x07"})
    with pytest.raises(AnalysisInputError) as refused:
        checked_analysis(analysis)
    assert (refused.value.field, refused.value.reason) == ("child_stressors", "control_characters")
    with pytest.raises(AnalysisInputError):
        checked_analysis(Analysis("a1", "andy", STARTED, follow_up=date(2026, 11, 22)))
    with pytest.raises(AnalysisInputError):
        checked_analysis(Analysis("a1", "andy", STARTED, title="x\ny"))


def test_unfinished_and_due_follow_ups_are_what_today_lists() -> None:
    open_one = Analysis("open", "andy", STARTED)
    done = Analysis("done", "andy", STARTED, finished=True, follow_up=TODAY)
    later = Analysis("later", "zoe", STARTED, finished=True, follow_up=TODAY + timedelta(days=1))
    seen = replace(done, id="seen", followed_up=True)
    dropped = Analysis("dropped", "", STARTED, dropped=True)
    analyses = [open_one, done, later, seen, dropped]
    assert unfinished(analyses) == [open_one]
    assert follow_ups_due(analyses, TODAY) == [done]


@pytest.mark.parametrize(
    ("energy", "tension", "zone"),
    [
        ("ok", "ok", "green"),
        ("high", "ok", "too_much"),
        ("low", "high", "too_much"),
        ("low", "ok", "too_little"),
        ("ok", "low", "too_little"),
    ],
)
def test_her_zone_is_green_only_when_both_are_ok(energy: str, tension: str, zone: str) -> None:
    assert zone_of(energy, tension) == zone  # type: ignore[arg-type]


def check_in(day: date, energy: str = "ok", tension: str = "ok") -> TeacherCheckIn:
    return TeacherCheckIn(day, energy, tension)  # type: ignore[arg-type]


def test_after_days_out_of_the_green_zone_a_gentle_suggestion_follows() -> None:
    days = [TODAY - timedelta(days=n) for n in range(5, -1, -1)]
    history = [check_in(days[0]), *(check_in(day, "low", "ok") for day in days[1:])]
    assert out_of_green(history) == 5 and suggest_care(history) == "too_little"
    assert suggest_care([*history, check_in(TODAY + timedelta(days=1))]) is None
    assert suggest_care(history[:OUT_OF_GREEN_DAYS]) is None


def test_the_trend_counts_each_week_s_zones_oldest_first() -> None:
    history = [
        check_in(date(2026, 11, 23)),
        check_in(date(2026, 11, 24), "high", "high"),
        check_in(date(2026, 11, 10), "low", "low"),
        check_in(date(2026, 11, 26)),  # tomorrow: not yet
    ]
    weeks = trend(history, TODAY, weeks=3)
    assert [week.monday for week in weeks] == [
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert [(w.green, w.too_much, w.too_little) for w in weeks] == [(0, 0, 1), (0, 0, 0), (1, 1, 0)]


@given(st.sampled_from(LEVELS), st.sampled_from(LEVELS))
def test_every_pair_of_levels_has_one_zone(energy: str, tension: str) -> None:
    zone = zone_of(energy, tension)  # type: ignore[arg-type]
    assert (zone == "green") == (energy == tension == "ok")


def test_her_notes_are_checked_and_the_future_refused() -> None:
    with pytest.raises(CheckInInputError):
        checked_check_in(check_in(TODAY + timedelta(days=1)), TODAY)
    with pytest.raises(CheckInInputError) as refused:
        checked_check_in(replace(check_in(TODAY), drains="x" * 501), TODAY)
    assert refused.value.field == "drains"
    kept = checked_check_in(replace(check_in(TODAY), support="  Mijn duo-collega  "), TODAY)
    assert kept.support == "Mijn duo-collega"
