"""`store.report`: the facts a report is made of, gathered from every kind of data for a
period (its school years' archives too). It reads, never writes. What may go into which
report is decided by domain/report.py, which these facts are made with."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.domain.calendar import SchoolCalendar
from companion.domain.coverage import child_history, invisible_children
from companion.domain.rest_corner import CLASS, StrategyUse
from companion.domain.samen_spel import SamenSpelPlan, plan_weeks, progress
from companion.domain.vocabulary import ABC_ITEMS

if TYPE_CHECKING:  # domain/report.py only when a report is made, not at every start
    from companion.domain.children import Child
    from companion.domain.report import ChildFacts, ClassFacts, HandoverFacts, Period, PlanFacts
    from companion.store.store import Store


class Reports:
    """Reads across the store's kinds; given the whole store since a report spans them."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- one child ----------------------------------------------------------------------

    def child(self, child_id: str, period: Period, *, with_private: bool = False) -> ChildFacts:
        """Everything a child's report shows, in the period (KeyError: no such child)."""
        from companion.domain.report import (
            ChildFacts,
            entries_for_report,
            finished_analyses,
            helps_in,
            strategies_by_key,
            weeks_in,
        )

        store = self._store
        child = store.children.get(child_id)
        if child is None:
            raise KeyError(child_id)
        today = store.core.today
        years = self._years(period)
        weeks = []
        for year in years:
            days = [d for d in store.abc.history(child_id, year) if d.day in period]
            until = min(period.end, today)
            weeks.extend(child_history(days, self._calendar([year]), year, until))
        uses = self._uses(years)
        helps = helps_in(child_id, uses, period)
        entries = [entry for year in years for entry in store.journal.of_year(year)]
        analyses = finished_analyses(
            [analysis for year in years for analysis in store.self_reg.of_year(year)],
            child_id,
            period,
        )
        named = [item.strategy for item in helps] + [a.strategy for a in analyses if a.strategy]
        return ChildFacts(
            child=child,
            period=period,
            today=today,
            needs=store.needs.get(child_id),
            weeks=weeks_in(weeks, period),
            plans=self._plans(years, period, child_id),
            helps=helps,
            strategies=strategies_by_key(store.rest_corner.library(), named),
            analyses=analyses,
            entries=entries_for_report(entries, child_id, period, with_private=with_private),
            with_private=with_private,
        )

    # -- the class ----------------------------------------------------------------------

    def class_period(self, period: Period) -> ClassFacts:
        """The class over a week or a period: coverage per child and ingredient, the
        'invisible' flags at its end, Samen-Spel held against planned, what helped."""
        from companion.domain.report import (
            ChildRow,
            ClassFacts,
            helps_in,
            planned_in,
            strategies_by_key,
        )

        store = self._store
        today = store.core.today
        years = self._years(period)
        calendar = self._calendar(years)
        days = [
            period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1)
        ]
        lookup = store.abc.days(days)
        uses = [use for use in self._uses(years) if use.day in period]
        rows = []
        for child in self._children_in(period, {key[0] for key in lookup}):
            present = [d for d in days if calendar.is_school_day(d) and d >= child.added_on]
            per_item = [0] * len(ABC_ITEMS)
            for day in present:
                if found := lookup.get((child.id, day)):
                    per_item = [a + b for a, b in zip(per_item, found.item_counts(), strict=True)]
            helped = tuple(
                item.strategy for item in helps_in(child.id, uses, period) if item.helped
            )
            rows.append(ChildRow(child, tuple(per_item), len(present), helped))
        flag_day = min(period.end, today)
        around = store.abc.days(self._flag_window(calendar, flag_day))
        active = [row.child for row in rows if not row.child.archived]
        plans = self._plans(years, period, None)
        class_helps = helps_in(CLASS, uses, period)
        helped_keys = {key for row in rows for key in row.helped}
        library = store.rest_corner.library()
        return ClassFacts(
            period=period,
            today=today,
            rows=tuple(rows),
            flags=tuple(invisible_children(active, around, calendar, flag_day)),
            plans=plans,
            planned_in_period={facts.plan.id: planned_in(facts, period) for facts in plans},
            class_helps=class_helps,
            strategies=strategies_by_key(library, helped_keys | {i.strategy for i in class_helps}),
        )

    # -- the handover -------------------------------------------------------------------

    def handover(self) -> list[HandoverFacts]:
        """For next year's teacher, per child of the class (by name): this school year's
        what helps, needs and Samen-Spel; no journal, no analysis, no observation note."""
        from companion.domain.report import (
            HandoverFacts,
            Period,
            handover_needs,
            helps_in,
            strategies_by_key,
        )

        store = self._store
        year = store.core.current_year
        period = Period.school_year_until(store.core.today)
        uses = self._uses([year])
        library = store.rest_corner.library()
        found = []
        for child in store.children.all():
            helps = helps_in(child.id, uses, period)
            found.append(
                HandoverFacts(
                    child=child,
                    year=year,
                    needs=handover_needs(store.needs.get(child.id)),
                    helps=helps,
                    strategies=strategies_by_key(library, (item.strategy for item in helps)),
                    plans=self._plans([year], period, child.id),
                )
            )
        return found

    # -- shared -------------------------------------------------------------------------

    def _years(self, period: Period) -> list[int]:
        """The period's school years that hold anything (or are today's), oldest first."""
        known = set(self._store.school_years.all())
        return [year for year in period.years if year in known]

    def _calendar(self, years: list[int]) -> SchoolCalendar:
        days_off: set[date] = set()
        for year in years:
            days_off.update(off.day for off in self._store.days_off.of_year(year))
        return SchoolCalendar(frozenset(days_off))

    def _uses(self, years: list[int]) -> list[StrategyUse]:
        return [use for year in years for use in self._store.rest_corner.uses_of_year(year)]

    def _plans(
        self, years: list[int], period: Period, child_id: str | None
    ) -> tuple[PlanFacts, ...]:
        """The plans (of one child, or all) with a week in the period, their sessions in it."""
        from companion.domain.report import PlanFacts

        samen_spel = self._store.samen_spel
        found: list[PlanFacts] = []
        for year in years:
            calendar = self._store.days_off.calendar(year)
            for plan in samen_spel.plans_of_year(year):
                if child_id is not None and plan.child_id != child_id:
                    continue
                if not _touches(plan, calendar, period):
                    continue
                sessions = samen_spel.sessions_of(plan)
                state = progress(plan, sessions, calendar, min(period.end, self._store.core.today))
                held = tuple(s for s in sessions if s.day in period)
                found.append(PlanFacts(plan, held, state))
        return tuple(found)

    def _children_in(self, period: Period, ticked: set[str]) -> list[Child]:
        """The class in the period: the children there now who had joined by its end, and
        a child since left who had a tick in it."""
        every = self._store.children.all(include_archived=True)
        return [
            child
            for child in every
            if child.added_on <= period.end and (not child.archived or child.id in ticked)
        ]

    @staticmethod
    def _flag_window(calendar: SchoolCalendar, day: date) -> list[date]:
        """The school days the 'invisible' flags look at, up to `day`."""
        return [*calendar.school_days_before(day, 6), day]


def _touches(plan: SamenSpelPlan, calendar: SchoolCalendar, period: Period) -> bool:
    weeks = plan_weeks(plan, calendar)
    if not weeks:
        return plan.start in period
    return weeks[0].monday <= period.end and weeks[-1].last_day >= period.start
