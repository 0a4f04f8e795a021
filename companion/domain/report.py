"""What goes into a report, and what never does.

A report is made from facts the store gathers (ChildFacts, ClassFacts, HandoverFacts) in
a period of whole days. The rules that keep a child's privacy live here, where a test can
hold them without a store or a screen:
- a report for others never holds a private journal entry; she may include them in her
  own copy, and then the report says so (the writers put it on every page);
- the handover for next year's teacher holds what helps and what a child needs, never
  journal text, an analysis's notes or a private entry: HandoverFacts has no field for
  them, so no writer can let one slip through.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.calendar import school_year_bounds, school_year_of
from companion.domain.children import Child
from companion.domain.coverage import HistoryWeek, InvisibleFlag
from companion.domain.dates import monday_of
from companion.domain.journal import JournalEntry
from companion.domain.needs import NeedsProfile, ObservedSignal
from companion.domain.rest_corner import Strategy, StrategyUse, WhatHelps, what_helps
from companion.domain.samen_spel import PlanProgress, SamenSpelPlan, SamenSpelSession
from companion.domain.self_reg import Analysis


class ReportInputError(ValueError):
    """A period she asked for that cannot be (the end before the start)."""

    def __init__(self, reason: str, **params: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True, slots=True)
class Period:
    """From `start` to `end`, both whole days."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportInputError("end_before_start")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def years(self) -> range:
        """The school years the period touches, oldest first."""
        return range(school_year_of(self.start), school_year_of(self.end) + 1)

    @classmethod
    def school_year_until(cls, today: date) -> Period:
        """This school year so far: the default of a child's report."""
        start, _ = school_year_bounds(school_year_of(today))
        return cls(start, today)

    @classmethod
    def week_of(cls, day: date) -> Period:
        """Monday to Friday of the week holding `day`: a class's week."""
        monday = monday_of(day)
        return cls(monday, monday + timedelta(days=4))

    @classmethod
    def between(cls, start: date | None, end: date | None, today: date) -> Period:
        """What --from/--to say: the start of this school year and today when left out."""
        default = cls.school_year_until(today)
        return cls(start or default.start, end or max(today, start or today))


# -- one child ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """A Samen-Spel plan and its sessions held in the period."""

    plan: SamenSpelPlan
    sessions: tuple[SamenSpelSession, ...]
    progress: PlanProgress


@dataclass(frozen=True, slots=True)
class ChildFacts:
    child: Child
    period: Period
    today: date
    needs: NeedsProfile
    weeks: tuple[HistoryWeek, ...]  # ABC coverage, weeks x ingredients, in the period
    plans: tuple[PlanFacts, ...]
    helps: tuple[WhatHelps, ...]  # rest-corner outcomes in the period, best first
    strategies: dict[str, Strategy]  # by key: the names of those in `helps`
    analyses: tuple[Analysis, ...]  # finished, started in the period
    entries: tuple[JournalEntry, ...]  # linking the child, in the period, oldest first
    with_private: bool  # she asked for her private entries too (her own copy)

    @property
    def signals(self) -> list[ObservedSignal]:
        """The needs' signals seen in the period, oldest first."""
        return sorted(
            (s for s in self.needs.signals if s.seen in self.period), key=lambda s: s.seen
        )

    @property
    def holds_private(self) -> bool:
        return any(entry.private for entry in self.entries)


def entries_for_report(
    entries: Iterable[JournalEntry], child_id: str, period: Period, *, with_private: bool
) -> tuple[JournalEntry, ...]:
    """The journal entries that link the child, written in the period, oldest first; a
    private one only when she asked for her private notes."""
    found = [
        entry
        for entry in entries
        if child_id in entry.children
        and entry.day in period
        and (with_private or not entry.private)
    ]
    return tuple(sorted(found, key=lambda entry: (entry.written_at, entry.id)))


def finished_analyses(
    analyses: Iterable[Analysis], child_id: str, period: Period
) -> tuple[Analysis, ...]:
    """The child's finished Self-Reg analyses started in the period, oldest first."""
    found = [
        analysis
        for analysis in analyses
        if analysis.child == child_id
        and analysis.finished
        and not analysis.dropped
        and analysis.started_at.date() in period
    ]
    return tuple(sorted(found, key=lambda analysis: analysis.started_at))


def weeks_in(weeks: Iterable[HistoryWeek], period: Period) -> tuple[HistoryWeek, ...]:
    """The weeks that hold a day of the period."""
    return tuple(
        week
        for week in weeks
        if week.monday <= period.end and week.monday + timedelta(days=4) >= period.start
    )


def helps_in(subject: str, uses: Iterable[StrategyUse], period: Period) -> tuple[WhatHelps, ...]:
    """What helped `subject` (a child, or the class) in the period, best first."""
    return tuple(what_helps(subject, (use for use in uses if use.day in period)))


# -- the class ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildRow:
    """One child over the class's period: connections per ingredient, days in class."""

    child: Child
    per_item: tuple[int, ...]
    school_days: int
    helped: tuple[str, ...]  # strategy keys that helped the child in the period

    @property
    def total(self) -> int:
        return sum(self.per_item)


@dataclass(frozen=True, slots=True)
class ClassFacts:
    period: Period
    today: date
    rows: tuple[ChildRow, ...]
    flags: tuple[InvisibleFlag, ...]  # at the period's end (or today, when sooner)
    plans: tuple[PlanFacts, ...]  # plans with a week in the period
    planned_in_period: dict[str, int]  # plan id -> sessions planned in the period's weeks
    class_helps: tuple[WhatHelps, ...]  # what helped the whole class
    strategies: dict[str, Strategy]

    @property
    def item_totals(self) -> tuple[int, ...]:
        if not self.rows:
            return ()
        return tuple(
            sum(column) for column in zip(*(row.per_item for row in self.rows), strict=True)
        )


def planned_in(facts: PlanFacts, period: Period) -> int:
    """The sessions the plan meant to hold in the weeks the period touches."""
    return sum(
        tally.week.planned
        for tally in facts.progress.weeks
        if tally.week.monday <= period.end and tally.week.last_day >= period.start
    )


def held_in(facts: PlanFacts, period: Period) -> int:
    return sum(1 for session in facts.sessions if session.day in period)


# -- the handover -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandoverFacts:
    """What next year's teacher may read about one child: what helps and in which state,
    the relational needs seen and what she offered to meet them, the Samen-Spel history.
    Deliberately no journal text, no analysis notes, no private entry, no observation
    notes: there is no field for them."""

    child: Child
    year: int
    needs: NeedsProfile
    helps: tuple[WhatHelps, ...]
    strategies: dict[str, Strategy]
    plans: tuple[PlanFacts, ...]


def handover_needs(profile: NeedsProfile) -> NeedsProfile:
    """The profile as the handover may show it: how clearly each need is seen and what
    she offers, without the signals' words or her sensitivity notes."""
    kept_signals = tuple(
        ObservedSignal(signal.need, signal.seen, signal.signal) for signal in profile.signals
    )
    return NeedsProfile(
        child_id=profile.child_id,
        signals=kept_signals,
        changes=profile.changes,
        offers=dict(profile.offers),
    )


def strategies_by_key(library: Sequence[Strategy], keys: Iterable[str]) -> dict[str, Strategy]:
    """The library's strategies a report names, by key."""
    wanted = set(keys)
    return {strategy.key: strategy for strategy in library if strategy.key in wanted}
