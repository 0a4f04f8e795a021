"""Samen-Spel: plans (`store.samen_spel_plans`) and sessions (`store.samen_spel_sessions`),
two year-bound kinds, and `store.samen_spel`, what the screens ask of them together."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from companion.domain.calendar import school_year_of
from companion.domain.samen_spel import (
    SamenSpelInputError,
    SamenSpelPlan,
    SamenSpelSession,
    active_plan,
    checked_plan,
    checked_session,
)
from companion.domain.vocabulary import DO_SKILLS, DONT_SKILLS, PLAY_COMPONENTS
from companion.store.id_entries import IdEntries, Key, new_id
from companion.store.schema import SamenSpelPlanRecord, SamenSpelSessionRecord

if TYPE_CHECKING:
    from companion.store.children import Children
    from companion.store.core import Core
    from companion.store.days_off import DaysOff

PLANS = "samen_spel_plans"
SESSIONS = "samen_spel_sessions"


class SamenSpelPlans(IdEntries[SamenSpelPlan]):
    name = PLANS
    record = SamenSpelPlanRecord

    def key_of(self, entry: SamenSpelPlan) -> Key:
        return entry.id, entry.start

    def from_record(self, record: SamenSpelPlanRecord) -> SamenSpelPlan:
        return SamenSpelPlan(
            id=record.id,
            child_id=record.child,
            goal=record.goal,
            start=record.date,
            weeks=record.weeks,
            per_week=record.per_week,
            minutes=record.minutes,
            weekdays=tuple(record.weekdays),
            moment=record.moment,
            rule_play_week=record.rule_play_week,
            ended_on=record.ended_on,
            ended_early=record.ended_early,
            end_note=record.end_note,
        )

    def to_record(self, entry: SamenSpelPlan) -> SamenSpelPlanRecord:
        return SamenSpelPlanRecord(
            id=entry.id,
            child=entry.child_id,
            goal=entry.goal,
            date=entry.start,
            weeks=entry.weeks,
            per_week=entry.per_week,
            minutes=entry.minutes,
            weekdays=list(entry.weekdays),
            moment=entry.moment,
            rule_play_week=entry.rule_play_week,
            ended_on=entry.ended_on,
            ended_early=entry.ended_early,
            end_note=entry.end_note,
        )


class SamenSpelSessions(IdEntries[SamenSpelSession]):
    name = SESSIONS
    record = SamenSpelSessionRecord

    def key_of(self, entry: SamenSpelSession) -> Key:
        return entry.id, entry.day

    def from_record(self, record: SamenSpelSessionRecord) -> SamenSpelSession:
        return SamenSpelSession(
            id=record.id,
            plan_id=record.plan,
            child_id=record.child,
            day=record.date,
            minutes=record.minutes,
            components=frozenset(record.components),
            do_skills=frozenset(record.do_skills),
            dont_skills=frozenset(record.dont_skills),
            day_in_class=record.day_in_class,
            note=record.note,
        )

    def to_record(self, entry: SamenSpelSession) -> SamenSpelSessionRecord:
        return SamenSpelSessionRecord(
            id=entry.id,
            plan=entry.plan_id,
            child=entry.child_id,
            date=entry.day,
            minutes=entry.minutes,
            components=[c for c in PLAY_COMPONENTS if c in entry.components],
            do_skills=[s for s in DO_SKILLS if s in entry.do_skills],
            dont_skills=[s for s in DONT_SKILLS if s in entry.dont_skills],
            day_in_class=entry.day_in_class,
            note=entry.note,
        )


class SamenSpel:
    """`store.samen_spel`: a child's plans, a plan's sessions, and the checked writes."""

    def __init__(
        self,
        core: Core,
        plans: SamenSpelPlans,
        sessions: SamenSpelSessions,
        *,
        children: Children,
        days_off: DaysOff,
    ) -> None:
        self._core = core
        self.plans = plans
        self.sessions = sessions
        self._children = children
        self._days_off = days_off

    # -- reading ------------------------------------------------------------------------

    def plans_of_year(self, year: int | None = None) -> list[SamenSpelPlan]:
        return self.plans.of_year(self._core.current_year if year is None else year)

    def plans_of(self, child_id: str, year: int | None = None) -> list[SamenSpelPlan]:
        """The child's plans of a school year (today's by default), oldest first."""
        return [plan for plan in self.plans_of_year(year) if plan.child_id == child_id]

    def active_plan(self, child_id: str) -> SamenSpelPlan | None:
        """Her plan under way (or still to start) in today's school year."""
        calendar = self._days_off.calendar()
        return active_plan(self.plans_of(child_id), calendar, self._core.today)

    def sessions_of(self, plan: SamenSpelPlan) -> list[SamenSpelSession]:
        """The plan's sessions, oldest first."""
        return [s for s in self.sessions.of_year(plan.school_year) if s.plan_id == plan.id]

    # -- writing ------------------------------------------------------------------------

    def add_plan(self, plan: SamenSpelPlan) -> SamenSpelPlan:
        """A new plan for a child of the class, starting in today's school year
        (SamenSpelInputError when a field does not fit, or when she already has a plan
        under way)."""
        self._children.check_known(plan.child_id)
        checked = checked_plan(replace(plan, id=plan.id or new_id()))
        if checked.school_year != self._core.current_year:
            raise SamenSpelInputError("start", "start_in_this_year")
        if self.active_plan(plan.child_id) is not None:
            raise SamenSpelInputError("start", "plan_active")
        return self.plans.put(checked)

    def update_plan(self, plan: SamenSpelPlan) -> SamenSpelPlan:
        """A changed plan (its goal, weeks, the week Regel-Spel is added, its close-out),
        saved in one write. It stays in its school year and keeps every session: a start
        after a held session, or a close-out before one, is refused; so is a close-out
        on a day to come."""
        old = self._plan(plan.id, school_year_of(plan.start))
        checked = checked_plan(plan)
        if checked.school_year != old.school_year:
            raise SamenSpelInputError("start", "start_in_plan_year")
        held = self.sessions_of(old)
        if held and min(s.day for s in held) < checked.start:
            raise SamenSpelInputError("start", "sessions_before_start")
        ended = checked.ended_on
        if ended is not None and ended > self._core.today:
            raise SamenSpelInputError("ended_on", "in_future")
        if ended is not None and school_year_of(ended) != checked.school_year:
            raise SamenSpelInputError("ended_on", "other_school_year")
        if ended is not None and any(s.day > ended for s in held):
            raise SamenSpelInputError("ended_on", "sessions_after_end")
        return self.plans.put(checked)

    def log(self, session: SamenSpelSession) -> SamenSpelSession:
        """A session of a plan, new or changed (same id), checked against the plan and
        the day (SamenSpelInputError), saved in one write."""
        plan = self._plan(session.plan_id, school_year_of(session.day))
        checked = checked_session(
            replace(session, id=session.id or new_id()), plan, self._core.today
        )
        return self.sessions.put(checked)

    def newest_day(self) -> date | None:
        """The newest day with a session in the live file (for the clock's doubt)."""
        return self.sessions.newest_live_day()

    def delete_session(self, session: SamenSpelSession) -> None:
        self.sessions.remove(session)

    def _plan(self, plan_id: str, year: int) -> SamenSpelPlan:
        """The plan, looked for in `year`, then in today's school year."""
        plan = self.plans.find(plan_id, year) or self.plans.find(plan_id, self._core.current_year)
        if plan is None:
            raise SamenSpelInputError("plan", "unknown_plan")
        return plan
