"""What the Samen-Spel screens read and say about a plan: its school weeks, this week,
the weeks behind said plainly (a missed week is never silent), its components."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content

from companion.domain.calendar import SchoolCalendar
from companion.domain.samen_spel import (
    PlanProgress,
    PlanWeek,
    SamenSpelPlan,
    SamenSpelSession,
    active_plan,
    components_on,
    plan_weeks,
    progress,
)
from companion.domain.vocabulary import DO_SKILLS, PLAY_COMPONENTS, PlayComponent
from companion.i18n import short_date, t
from companion.screens.form_rows import dmy

if TYPE_CHECKING:
    from companion.store import Store


def dated(day: date) -> str:
    """'Wed 25/11/2026': the weekday too, for a start or an end."""
    return f"{short_date(day)}/{day.year}"


def holidays_unknown(store: Store) -> bool:
    """No day off marked in today's school year: a holiday week would count as missed."""
    return not store.days_off.of_year()


def plan_calendar(store: Store, plan: SamenSpelPlan) -> SchoolCalendar:
    """The school calendar of the plan's school year (today's with its archive)."""
    if plan.school_year == store.current_year:
        return store.days_off.calendar()
    return store.days_off.calendar(plan.school_year)


@dataclass(frozen=True, slots=True)
class PlanView:
    """A plan with its sessions and where it stands on `today`."""

    plan: SamenSpelPlan
    sessions: tuple[SamenSpelSession, ...]
    weeks: tuple[PlanWeek, ...]
    progress: PlanProgress
    today: date

    @property
    def components_now(self) -> list[PlayComponent]:
        return components_on(self.plan, self.weeks, self.today)

    @property
    def open(self) -> bool:
        """Not closed out: sessions can still be logged."""
        return not self.plan.ended

    @property
    def first_day(self) -> date | None:
        """The plan's first school day (its start may be a weekend or a holiday)."""
        return self.weeks[0].school_days[0] if self.weeks else None

    @property
    def before_first_day(self) -> bool:
        """Open, and its first school day still to come: nothing to do or miss yet."""
        first = self.first_day
        return self.open and first is not None and self.today < first

    @property
    def in_holiday_week(self) -> bool:
        """Under way, in a week without school (its weeks before and after count)."""
        state = self.progress
        return (
            self.open
            and not state.finished
            and not self.before_first_day
            and state.current is None
            and bool(state.past)
        )


def plan_view(
    plan: SamenSpelPlan,
    sessions: Iterable[SamenSpelSession],
    calendar: SchoolCalendar,
    today: date,
) -> PlanView:
    held = tuple(sorted(sessions, key=lambda session: (session.day, session.id)))
    return PlanView(
        plan,
        held,
        tuple(plan_weeks(plan, calendar)),
        progress(plan, held, calendar, today),
        today,
    )


def read_plan_view(store: Store, plan: SamenSpelPlan, today: date) -> PlanView:
    return plan_view(plan, store.samen_spel.sessions_of(plan), plan_calendar(store, plan), today)


def shown_plan(
    plans: Sequence[SamenSpelPlan], calendar: SchoolCalendar, today: date
) -> SamenSpelPlan | None:
    """The plan a child's screen is about: the one under way (or still to start), else
    her newest plan of the year (finished, or closed out), else none."""
    running = active_plan(plans, calendar, today)
    if running is not None:
        return running
    return max(plans, key=lambda plan: plan.start, default=None)


# -- the words --------------------------------------------------------------------------


def components_text(components: Iterable[PlayComponent]) -> str:
    chosen = set(components)
    return " + ".join(t(f"samen_spel.component_short.{c}") for c in PLAY_COMPONENTS if c in chosen)


def components_abbr(components: Iterable[PlayComponent]) -> str:
    chosen = set(components)
    return "+".join(t(f"samen_spel.component_abbr.{c}") for c in PLAY_COMPONENTS if c in chosen)


def where_text(view: PlanView) -> str:
    """'week 3 of 12', 'starts Mon 30/11/2026' (its first school day), 'holiday week,
    after week 3 of 12', 'the 12 weeks are over', 'closed out on ...', with what the school
    year's end cut off."""
    plan, state = view.plan, view.progress
    if plan.ended_on is not None:
        key = (
            "samen_spel.progress.ended_early" if plan.ended_early else "samen_spel.progress.closed"
        )
        text = t(key, day=dated(plan.ended_on))
    elif state.not_started or view.before_first_day:
        text = t("samen_spel.progress.starts", day=dated(view.first_day or plan.start))
    elif state.finished:
        text = t("samen_spel.progress.over", count=len(view.weeks))
    elif view.in_holiday_week:
        text = t("samen_spel.progress.holiday_week", week=len(state.past), weeks=len(view.weeks))
    else:
        text = t("samen_spel.progress.week_of", week=state.weeks_reached, weeks=len(view.weeks))
    if state.weeks_cut:
        text += " · " + t(
            "samen_spel.progress.weeks_cut", weeks=plan.weeks, fit=plan.weeks - state.weeks_cut
        )
    return text


def closed_held(view: PlanView) -> str:
    """'14 of the 16 planned sessions held': how a closed plan went, in numbers."""
    state = view.progress
    return t("samen_spel.child.closed_held", done=state.sessions_done, planned=state.planned_total)


def end_note_text(plan: SamenSpelPlan) -> Content:
    """'How it went: ...' or, for a plan ended early, 'Why it ended early: ...'."""
    key = "samen_spel.child.reason" if plan.ended_early else "samen_spel.child.how_it_went"
    return Content.assemble((t(key), "bold"), " ", plan.end_note)


def this_week_text(view: PlanView) -> str:
    """'this week 1 of 2', 'no school this week', '' when the plan is not running."""
    state = view.progress
    if not view.open or state.finished or state.not_started or view.before_first_day:
        return ""
    if state.current is None:
        return t("samen_spel.progress.no_school_week")
    return t(
        "samen_spel.progress.this_week", done=state.current.done, planned=state.current.week.planned
    )


MAX_BEHIND_NAMED = 4


def behind_text(state: PlanProgress) -> str:
    """'2 weeks behind: week 3 (1 of 2), week 5 (0 of 2)', or '' when none is."""
    short = [tally for tally in state.past if tally.short]
    if not short:
        return ""
    # The count says them all; the newest few are named, so the line stays a line.
    named = short[-MAX_BEHIND_NAMED:]
    weeks = ", ".join(
        t(
            "samen_spel.progress.behind_week",
            week=tally.week.number,
            done=tally.done,
            planned=tally.week.planned,
        )
        for tally in named
    )
    if len(short) > len(named):
        weeks = f"…, {weeks}"
    return t("samen_spel.progress.behind", count=len(short), weeks=weeks)


def behind_short(state: PlanProgress) -> str:
    """'2 weeks' for a table cell; '–' when no week is behind."""
    if not state.weeks_behind:
        return "–"
    return t("samen_spel.progress.behind_short", count=state.weeks_behind)


def do_count(session: SamenSpelSession) -> str:
    return f"{len(session.do_skills)}/{len(DO_SKILLS)}"


def error_text(reason: str, params: dict[str, str]) -> str:
    """samen_spel.error.<reason>, its dates (ISO in the error) written as she writes them."""
    shown = dict(params)
    for name in ("start", "end"):
        if name in shown:
            shown[name] = dmy(date.fromisoformat(shown[name]))
    return t(f"samen_spel.error.{reason}", **shown)
