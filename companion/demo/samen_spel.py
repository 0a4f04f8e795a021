"""The demo's Samen-Spel: Andy is a target child of the current class with a plan under way,
one more child started later; each past class had one plan, played out and closed. Most
weeks have their two sessions, some weeks miss one or both, some sessions fall on hard
days in class, and the DO skills grow over the weeks while the DON'Ts fade."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from companion.demo.model import DemoChild, YearContext
from companion.domain.calendar import school_year_bounds
from companion.domain.dates import monday_of
from companion.domain.samen_spel import (
    PlanWeek,
    SamenSpelPlan,
    SamenSpelSession,
    components_on,
    plan_weeks,
)
from companion.domain.vocabulary import DO_SKILLS, DONT_SKILLS, WEEKDAYS, DayInClass

GOALS: Final = (
    "{name} voelt zich gezien en veilig bij mij",
    "{name} neemt de leiding in het spel en ik volg",
    "{name} en ik hebben meer warme momenten samen",
)
CLOSE_NOTES: Final = (
    "Meer warme momenten; {name} komt nu zelf naar mij toe.",
    "Rustiger in de kring; Regel-Spel ging vlot na de kerstvakantie.",
)
MISSED_WEEK: Final = 0.12
MISSED_ONE: Final = 0.15


@dataclass(frozen=True, slots=True)
class DemoSamenSpel:
    plans: tuple[SamenSpelPlan, ...] = ()
    sessions: tuple[SamenSpelSession, ...] = ()


def build_samen_spel(
    rng: random.Random, context: YearContext, klass: Sequence[DemoChild]
) -> DemoSamenSpel:
    """Plans and sessions of one school year (child ids are the demo's keys)."""
    days = context.school_days
    hard = [child for child in klass if child.draft.group == "hard_to_manage"]
    chosen: list[tuple[DemoChild, date]] = []
    if context.is_current and len(klass) >= 2:
        # Andy from the fifth school week; early in the year (or in summer, before it
        # starts) from the first school day, so a demo always has a target child.
        first = context.calendar.first_school_day(context.year)
        start = monday_of(days[20]) if len(days) > 20 else first
        chosen.append((klass[1], max(start, first)))
        others = [child for child in klass[2:] if child.draft.group != "all"]
        if others and len(days) > 45:
            chosen.append((rng.choice(others), monday_of(days[-12])))
    elif hard and len(days) > 25:
        chosen.append((rng.choice(hard), monday_of(days[25])))
    plans: list[SamenSpelPlan] = []
    sessions: list[SamenSpelSession] = []
    for number, (child, start) in enumerate(chosen, start=1):
        plan = _plan(rng, context, child, start, number)
        held = _sessions(rng, context, plan, child)
        weeks = plan_weeks(plan, context.calendar)
        if not context.is_current or (weeks and weeks[-1].last_day < context.today):
            plan = _closed(rng, plan, held, child)
        plans.append(plan)
        sessions.extend(held)
    return DemoSamenSpel(tuple(plans), tuple(sessions))


def _plan(
    rng: random.Random, context: YearContext, child: DemoChild, start: date, number: int
) -> SamenSpelPlan:
    name = child.draft.first_name
    return SamenSpelPlan(
        id=f"{context.year}-plan-{number}",
        child_id=child.key,
        goal=rng.choice(GOALS).format(name=name),
        start=max(start, school_year_bounds(context.year)[0]),
        weekdays=("tue", "thu"),
        moment="na de speeltijd",
    )


def _closed(
    rng: random.Random, plan: SamenSpelPlan, held: Sequence[SamenSpelSession], child: DemoChild
) -> SamenSpelPlan:
    last = max((session.day for session in held), default=plan.start)
    note = rng.choice(CLOSE_NOTES).format(name=child.draft.first_name)
    return plan.closed_out(last, note, early=False)


def _sessions(
    rng: random.Random, context: YearContext, plan: SamenSpelPlan, child: DemoChild
) -> list[SamenSpelSession]:
    weeks = plan_weeks(plan, context.calendar)
    if not context.school_days:  # summer: the plan starts with the school year
        return []
    last_day = context.school_days[-1]
    hard_child = child.draft.group == "hard_to_manage"
    held: list[SamenSpelSession] = []
    for week in weeks:
        days = [day for day in week.school_days if day <= last_day]
        if not days or rng.random() < MISSED_WEEK:
            continue
        intended = [day for day in days if WEEKDAYS[day.weekday()] in plan.weekdays]
        chosen = intended or days
        count = min(week.planned, len(chosen))
        if count > 1 and rng.random() < MISSED_ONE:
            count -= 1
        for day in sorted(rng.sample(chosen, count)):
            progress = week.number / max(1, len(weeks))
            held.append(_session(rng, plan, weeks, day, progress, hard_child, len(held)))
    return held


def _session(
    rng: random.Random,
    plan: SamenSpelPlan,
    weeks: Sequence[PlanWeek],
    day: date,
    progress: float,
    hard_child: bool,
    number: int,
) -> SamenSpelSession:
    do_count = max(1, min(len(DO_SKILLS), round(2 + 3 * progress + rng.uniform(-1, 1))))
    donts = [skill for skill in DONT_SKILLS if rng.random() < 0.5 * (1 - progress) + 0.05]
    return SamenSpelSession(
        id=f"{plan.id}-{number + 1:02d}",
        plan_id=plan.id,
        child_id=plan.child_id,
        day=day,
        minutes=rng.choice((10, 12, 15, 15)),
        components=frozenset(components_on(plan, weeks, day)),
        do_skills=frozenset(rng.sample(DO_SKILLS, do_count)),
        dont_skills=frozenset(donts),
        day_in_class=_day_in_class(rng, hard_child),
    )


def _day_in_class(rng: random.Random, hard_child: bool) -> DayInClass:
    weights = (2, 4, 4) if hard_child else (5, 4, 1)
    choice: DayInClass = rng.choices(("easy", "ordinary", "hard"), weights)[0]
    return choice
