"""Samen-Spel (Playing-2-gether): a plan with a target child, its sessions, and the
arithmetic of school weeks, due sessions, weeks behind and fidelity.

The teacher plays with a target child twice a week, whatever the child did in class that
day. A plan counts school weeks (a holiday week is no missed week) from its start, for 12
weeks by default, and never past the end of its school year: next year's class is
another's. Relatie-Spel (the child leads) runs from the start; Regel-Spel (the teacher
leads, with warm discipline) is added from a week she chooses, halfway by default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from companion.domain.calendar import SchoolCalendar, school_year_bounds, school_year_of
from companion.domain.dates import monday_of, week_days
from companion.domain.vocabulary import (
    DO_SKILLS,
    WEEKDAYS,
    DayInClass,
    DontSkill,
    DoSkill,
    PlayComponent,
    Weekday,
)

DEFAULT_WEEKS: Final = 12
DEFAULT_PER_WEEK: Final = 2
DEFAULT_MINUTES: Final = 15
DEFAULT_WEEKDAYS: Final[tuple[Weekday, ...]] = ("tue", "thu")
WEEKS_RANGE: Final = (1, 40)
PER_WEEK_RANGE: Final = (1, 5)
PLANNED_MINUTES_RANGE: Final = (5, 60)
SESSION_MINUTES_RANGE: Final = (1, 120)
MAX_GOAL: Final = 300
MAX_MOMENT: Final = 100
MAX_NOTE: Final = 1000


class SamenSpelInputError(ValueError):
    """What the teacher typed cannot be kept. `field` names the form's field, `reason`
    keys the message (samen_spel.error.<reason>)."""

    def __init__(self, field: str, reason: str, **params: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.params = params


def halfway(weeks: int) -> int:
    """The plan week from which Regel-Spel is added by default: after half the weeks."""
    return weeks // 2 + 1


@dataclass(frozen=True, slots=True)
class SamenSpelPlan:
    id: str
    child_id: str
    goal: str  # in positive words: what she wants to grow
    start: date
    weeks: int = DEFAULT_WEEKS  # school weeks
    per_week: int = DEFAULT_PER_WEEK
    minutes: int = DEFAULT_MINUTES
    weekdays: tuple[Weekday, ...] = DEFAULT_WEEKDAYS
    moment: str = ""  # when in the day she intends to play ("after playtime")
    rule_play_week: int = halfway(DEFAULT_WEEKS)
    ended_on: date | None = None  # closed out, at the end or early
    ended_early: bool = False
    end_note: str = ""  # how it went, or why it ended early

    @property
    def school_year(self) -> int:
        return school_year_of(self.start)

    @property
    def ended(self) -> bool:
        return self.ended_on is not None

    def closed_out(self, day: date, note: str, *, early: bool) -> SamenSpelPlan:
        """The plan ended on `day` (at its end, or early with a reason in `note`)."""
        if day < self.start:
            raise SamenSpelInputError("ended_on", "end_before_start")
        if early and not note.strip():
            raise SamenSpelInputError("end_note", "reason_needed")
        text = _checked_text("end_note", note, MAX_NOTE)
        return replace(self, ended_on=day, ended_early=early, end_note=text)

    def reopened(self) -> SamenSpelPlan:
        return replace(self, ended_on=None, ended_early=False, end_note="")


def checked_plan(plan: SamenSpelPlan) -> SamenSpelPlan:
    """The plan as kept (texts trimmed), or SamenSpelInputError naming the field (the
    first of plan_problems)."""
    problems = plan_problems(plan)
    if problems:
        raise problems[0]
    weekdays = tuple(day for day in WEEKDAYS if day in plan.weekdays)
    return replace(plan, goal=plan.goal.strip(), moment=plan.moment.strip(), weekdays=weekdays)


def plan_problems(plan: SamenSpelPlan) -> list[SamenSpelInputError]:
    """Every field of the plan that does not fit, one problem a field, in the form's
    order: a form says them all at once. A week for Regel-Spel is checked against
    weeks that fit, sessions a week against the days ticked when both are in range."""
    problems: list[SamenSpelInputError] = []

    def check(rule: Callable[[], object]) -> None:
        try:
            rule()
        except SamenSpelInputError as problem:
            problems.append(problem)

    def goal() -> None:
        if not _checked_text("goal", plan.goal, MAX_GOAL):
            raise SamenSpelInputError("goal", "required")

    check(goal)
    check(lambda: _check_range("weeks", plan.weeks, WEEKS_RANGE))
    check(lambda: _check_range("per_week", plan.per_week, PER_WEEK_RANGE))
    check(lambda: _check_range("minutes", plan.minutes, PLANNED_MINUTES_RANGE))
    fields = {problem.field for problem in problems}
    if "weeks" not in fields:
        check(lambda: _check_range("rule_play_week", plan.rule_play_week, (1, plan.weeks)))
    check(lambda: _checked_text("moment", plan.moment, MAX_MOMENT))
    days = sum(1 for day in WEEKDAYS if day in plan.weekdays)
    if "per_week" not in fields and days and plan.per_week > days:
        problems.append(SamenSpelInputError("per_week", "more_than_days", days=str(days)))
    return problems


@dataclass(frozen=True, slots=True)
class SamenSpelSession:
    id: str
    plan_id: str
    child_id: str
    day: date
    minutes: int
    components: frozenset[PlayComponent]
    do_skills: frozenset[DoSkill] = frozenset()
    dont_skills: frozenset[DontSkill] = frozenset()
    day_in_class: DayInClass | None = None  # how the child was in class that day
    note: str = ""

    @property
    def fidelity(self) -> float:
        """The DO skills used, less a share for each DON'T that slipped in: 0.0 to 1.0."""
        score = (len(self.do_skills) - len(self.dont_skills)) / len(DO_SKILLS)
        return min(1.0, max(0.0, score))


def checked_session(
    session: SamenSpelSession, plan: SamenSpelPlan, today: date
) -> SamenSpelSession:
    """A session that fits its plan and the calendar, or SamenSpelInputError: minutes in
    range, a component played, not before the plan's start, not after its close-out, not
    in the future, in the plan's school year."""
    _check_range("minutes", session.minutes, SESSION_MINUTES_RANGE)
    if not session.components:
        raise SamenSpelInputError("components", "component_needed")
    if session.day > today:
        raise SamenSpelInputError("day", "in_future")
    if session.day < plan.start:
        raise SamenSpelInputError("day", "before_plan", start=plan.start.isoformat())
    if plan.ended_on is not None and session.day > plan.ended_on:
        raise SamenSpelInputError("day", "after_plan_end", end=plan.ended_on.isoformat())
    if school_year_of(session.day) != plan.school_year:
        raise SamenSpelInputError("day", "other_school_year")
    note = _checked_text("note", session.note, MAX_NOTE)
    return replace(session, note=note, child_id=plan.child_id, plan_id=plan.id)


def _checked_text(field: str, text: str, limit: int) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise SamenSpelInputError(field, "too_long", limit=str(limit), length=str(len(cleaned)))
    return cleaned


def _check_range(field: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise SamenSpelInputError(field, "out_of_range", low=str(low), high=str(high))


# -- the plan's school weeks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """A school week of the plan: its number (1 = the first), its Monday, its school days
    within the plan, and the sessions planned in it (never more than its school days)."""

    number: int
    monday: date
    school_days: tuple[date, ...]
    planned: int

    @property
    def last_day(self) -> date:
        return self.school_days[-1]


def plan_weeks(plan: SamenSpelPlan, calendar: SchoolCalendar) -> list[PlanWeek]:
    """The plan's school weeks: from its start's week, skipping weeks without a school
    day (holidays), until it has its number of weeks, its close-out, or its school year
    ends (a plan is cut there: fewer weeks than planned)."""
    year_end = school_year_bounds(plan.school_year)[1]
    last = min(year_end, plan.ended_on) if plan.ended_on is not None else year_end
    weeks: list[PlanWeek] = []
    monday = monday_of(plan.start)
    while len(weeks) < plan.weeks and monday <= last:
        days = tuple(
            day
            for day in week_days(monday)
            if plan.start <= day <= last and calendar.is_school_day(day)
        )
        if days:
            planned = min(plan.per_week, len(days))
            weeks.append(PlanWeek(len(weeks) + 1, monday, days, planned))
        monday += timedelta(days=7)
    return weeks


def cut_by_year_end(plan: SamenSpelPlan, calendar: SchoolCalendar) -> int:
    """How many of the plan's weeks do not fit in its school year (0: all fit)."""
    if plan.ended_on is not None:
        return 0
    return plan.weeks - len(plan_weeks(plan, calendar))


def components_on(plan: SamenSpelPlan, weeks: Sequence[PlanWeek], day: date) -> list[PlayComponent]:
    """What is played on `day`: Relatie-Spel from the start, Regel-Spel added from the
    plan week she chose (a holiday week counts as the school week before it)."""
    reached = sum(1 for week in weeks if week.monday <= day)
    if reached >= plan.rule_play_week:
        return ["relationship_play", "rule_play"]
    return ["relationship_play"]


@dataclass(frozen=True, slots=True)
class WeekTally:
    week: PlanWeek
    done: int

    @property
    def short(self) -> int:
        """Sessions missing in this week (0 when it had enough)."""
        return max(0, self.week.planned - self.done)


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """Where a plan stands on `today`."""

    weeks: tuple[WeekTally, ...]  # every week of the plan
    current: WeekTally | None  # today's week, when it is one of the plan's
    past: tuple[WeekTally, ...]  # the weeks over before today's
    sessions_done: int
    due_today: bool
    finished: bool  # closed out, or its last week is over
    not_started: bool
    weeks_cut: int  # weeks that do not fit in the school year

    @property
    def weeks_behind(self) -> int:
        """Past weeks with fewer sessions than planned: never silent."""
        return sum(1 for tally in self.past if tally.short)

    @property
    def sessions_behind(self) -> int:
        return sum(tally.short for tally in self.past)

    @property
    def planned_total(self) -> int:
        return sum(tally.week.planned for tally in self.weeks)

    @property
    def weeks_reached(self) -> int:
        """Weeks over or under way: progress through the plan."""
        return len(self.past) + (1 if self.current is not None else 0)


def progress(
    plan: SamenSpelPlan,
    sessions: Iterable[SamenSpelSession],
    calendar: SchoolCalendar,
    today: date,
) -> PlanProgress:
    weeks = plan_weeks(plan, calendar)
    held = [session for session in sessions if session.plan_id == plan.id]
    per_week = Counter(monday_of(session.day) for session in held)
    tallies = tuple(WeekTally(week, per_week[week.monday]) for week in weeks)
    this_monday = monday_of(today)
    current = next((t for t in tallies if t.week.monday == this_monday), None)
    past = tuple(t for t in tallies if t.week.monday < this_monday)
    over = plan.ended or not weeks or weeks[-1].last_day < today
    due = (
        not over
        and current is not None
        and _due_today(plan, current, today, {session.day for session in held})
    )
    return PlanProgress(
        weeks=tallies,
        current=current,
        past=past,
        sessions_done=len(held),
        due_today=due,
        finished=over,
        not_started=today < plan.start,
        weeks_cut=cut_by_year_end(plan, calendar),
    )


def _due_today(plan: SamenSpelPlan, week: WeekTally, today: date, held: set[date]) -> bool:
    """A session is due today when this week still needs one, none was held today, and
    today is one of her intended weekdays or the week's school days left are just enough."""
    if today in held or week.done >= week.week.planned or today not in week.week.school_days:
        return False
    intended = WEEKDAYS[today.weekday()] in plan.weekdays
    days_left = sum(1 for day in week.week.school_days if day >= today)
    return intended or days_left <= week.week.planned - week.done


# -- fidelity and the deck's point ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FidelityPoint:
    day: date
    do_used: int
    donts: int
    fidelity: float


def fidelity_trend(sessions: Iterable[SamenSpelSession]) -> list[FidelityPoint]:
    """Per session, oldest first: the DO skills used and the DON'Ts that slipped in."""
    ordered = sorted(sessions, key=lambda session: (session.day, session.id))
    return [FidelityPoint(s.day, len(s.do_skills), len(s.dont_skills), s.fidelity) for s in ordered]


def sessions_by_day_in_class(
    sessions: Iterable[SamenSpelSession],
) -> dict[DayInClass | None, int]:
    """How many sessions were held on easy, ordinary and hard days in class (None: not
    said): the deck's point, made visible, is that hard days get their session too."""
    counts: dict[DayInClass | None, int] = {"easy": 0, "ordinary": 0, "hard": 0, None: 0}
    for session in sessions:
        counts[session.day_in_class] += 1
    return counts


def active_plan(
    plans: Iterable[SamenSpelPlan], calendar: SchoolCalendar, today: date
) -> SamenSpelPlan | None:
    """The child's plan that is under way or still to start (not closed out, its last
    week not over), the newest if there were several."""
    running = [
        plan
        for plan in plans
        if not plan.ended and (weeks := plan_weeks(plan, calendar)) and weeks[-1].last_day >= today
    ]
    return max(running, key=lambda plan: plan.start, default=None)
