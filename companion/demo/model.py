"""What a demo is made of: its school years, each with its class and its data per feature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.domain.abc import AbcDay
from companion.domain.calendar import DayOff, SchoolCalendar, school_year_label, school_year_of
from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.domain.needs import NeedsProfile
from companion.domain.rest_corner import CheckIn, StrategyUse
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.self_reg import Analysis
from companion.domain.teacher_check_in import TeacherCheckIn


@dataclass(frozen=True, slots=True)
class DemoChild:
    key: str  # names the child inside the demo; the store assigns the real id
    draft: ChildDraft
    added_on: date
    archived: bool


@dataclass(frozen=True, slots=True)
class DemoYear:
    year: int
    children: tuple[DemoChild, ...]
    abc: tuple[AbcDay, ...]  # child_id holds a DemoChild.key
    days_off: tuple[DayOff, ...]
    needs: tuple[NeedsProfile, ...] = ()  # child_id holds a DemoChild.key
    plans: tuple[SamenSpelPlan, ...] = ()  # child_id holds a DemoChild.key
    sessions: tuple[SamenSpelSession, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()  # subject holds a DemoChild.key, CLASS or ME
    strategy_uses: tuple[StrategyUse, ...] = ()
    journal_entries: tuple[JournalEntry, ...] = ()  # children hold DemoChild.keys
    analyses: tuple[Analysis, ...] = ()
    teacher_check_ins: tuple[TeacherCheckIn, ...] = ()

    @property
    def label(self) -> str:
        return school_year_label(self.year)


@dataclass(frozen=True, slots=True)
class DemoData:
    today: date
    years: tuple[DemoYear, ...]  # oldest first; the last one is the current school year

    @property
    def current(self) -> DemoYear:
        return self.years[-1]

    @property
    def children(self) -> list[DemoChild]:
        return [child for year in self.years for child in year.children]

    @property
    def abc(self) -> list[AbcDay]:
        return [entry for year in self.years for entry in year.abc]

    @property
    def plans(self) -> list[SamenSpelPlan]:
        return [plan for year in self.years for plan in year.plans]

    @property
    def sessions(self) -> list[SamenSpelSession]:
        return [session for year in self.years for session in year.sessions]

    @property
    def check_ins(self) -> list[CheckIn]:
        return [check_in for year in self.years for check_in in year.check_ins]

    @property
    def strategy_uses(self) -> list[StrategyUse]:
        return [use for year in self.years for use in year.strategy_uses]

    @property
    def journal_entries(self) -> list[JournalEntry]:
        return [entry for year in self.years for entry in year.journal_entries]

    @property
    def analyses(self) -> list[Analysis]:
        return [analysis for year in self.years for analysis in year.analyses]

    @property
    def teacher_check_ins(self) -> list[TeacherCheckIn]:
        return [check_in for year in self.years for check_in in year.teacher_check_ins]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    children: int
    archived: int
    abc_days: int
    school_years: int
    needs_profiles: int = 0
    samen_spel_sessions: int = 0
    strategy_uses: int = 0
    waiting_outcomes: int = 0
    journal_entries: int = 0


@dataclass(frozen=True, slots=True)
class YearContext:
    """The days of one demo school year, which every feature's demo data is placed in."""

    year: int
    today: date
    calendar: SchoolCalendar
    # 1 September to 30 June, or to yesterday in the current school year.
    school_days: tuple[date, ...]

    @property
    def is_current(self) -> bool:
        return self.year == school_year_of(self.today)
