"""The school calendar: school years, school days, days off, Flemish holiday suggestions.

A school year runs from 1 September to 30 June; school days are Monday to Friday in it,
minus the days the teacher marked off. Holidays are computed from the rules of the Flemish
school calendar (one week in autumn and at carnival, two at Christmas and Easter), never
fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

FIRST_MONTH = 9
LAST_MONTH = 6


def school_year_of(day: date) -> int:
    """The starting calendar year: 2026 for the school year 2026-2027.

    July and August belong to the year that starts in September.
    """
    return day.year if day.month >= 7 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def school_year_bounds(year: int) -> tuple[date, date]:
    return date(year, FIRST_MONTH, 1), date(year + 1, LAST_MONTH, 30)


@dataclass(frozen=True, slots=True)
class DayOff:
    day: date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SchoolCalendar:
    """The school days of a range of dates, given the days the teacher marked off."""

    days_off: frozenset[date] = frozenset()

    def is_school_day(self, day: date) -> bool:
        start, end = school_year_bounds(school_year_of(day))
        return start <= day <= end and day.weekday() < 5 and day not in self.days_off

    def school_days_between(self, first: date, last: date) -> Iterator[date]:
        day = first
        while day <= last:
            if self.is_school_day(day):
                yield day
            day += timedelta(days=1)

    def school_days_before(self, day: date, count: int, *, limit_days: int = 120) -> list[date]:
        """The `count` school days before `day` (not including it), oldest first."""
        found: list[date] = []
        probe = day - timedelta(days=1)
        # Never back into the previous school year: its days say nothing about this class.
        stop = max(
            day - timedelta(days=limit_days),
            school_year_bounds(school_year_of(day))[0] - timedelta(days=1),
        )
        while len(found) < count and probe > stop:
            if self.is_school_day(probe):
                found.append(probe)
            probe -= timedelta(days=1)
        return sorted(found)

    def first_school_day(self, year: int) -> date:
        """1 September, or the first weekday after it that is not a day off."""
        start = school_year_bounds(year)[0]
        return start if self.is_school_day(start) else self.next_school_day(start)

    def next_school_day(self, day: date, step: int = 1) -> date:
        """The nearest school day after (step=1) or before (step=-1) `day`."""
        probe = day + timedelta(days=step)
        for _ in range(400):
            if self.is_school_day(probe):
                return probe
            probe += timedelta(days=step)
        return day + timedelta(days=step)


@dataclass(frozen=True, slots=True)
class HolidaySuggestion:
    key: str  # i18n key under calendar.holiday.<key>
    first: date
    last: date

    def weekdays(self) -> list[date]:
        days = []
        day = self.first
        while day <= self.last:
            if day.weekday() < 5:
                days.append(day)
            day += timedelta(days=1)
        return days


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks(key: str, monday: date, weeks: int) -> HolidaySuggestion:
    return HolidaySuggestion(key, monday, monday + timedelta(days=7 * weeks - 1))


def flemish_holidays(year: int) -> list[HolidaySuggestion]:
    """The usual Flemish holidays of school year `year`-`year+1`, computed from the rules."""
    all_saints = date(year, 11, 1)
    autumn = (
        all_saints + timedelta(days=1)
        if all_saints.weekday() == 6
        else _monday_on_or_before(all_saints)
    )
    christmas = date(year, 12, 25)
    christmas_monday = (
        christmas + timedelta(days=7 - christmas.weekday())
        if christmas.weekday() >= 5
        else _monday_on_or_before(christmas)
    )
    easter_sunday = easter(year + 1)
    easter_monday = easter_sunday + timedelta(days=1)
    spring = easter_monday - timedelta(weeks=7)  # krokusvakantie: the 7th week before Easter
    if easter_sunday.month == 3:
        easter_break = easter_monday
    elif easter_sunday > date(year + 1, 4, 15):
        easter_break = _monday_on_or_before(easter_sunday) - timedelta(weeks=1)
    else:
        april_first = date(year + 1, 4, 1)
        easter_break = april_first + timedelta(days=(7 - april_first.weekday()) % 7)
    ascension = easter_sunday + timedelta(days=39)
    single_days = [
        HolidaySuggestion("easter_monday", easter_monday, easter_monday),
        HolidaySuggestion("armistice", date(year, 11, 11), date(year, 11, 11)),
        HolidaySuggestion("labour_day", date(year + 1, 5, 1), date(year + 1, 5, 1)),
        HolidaySuggestion("ascension", ascension, ascension + timedelta(days=1)),
        HolidaySuggestion(
            "whit_monday", easter_sunday + timedelta(days=50), easter_sunday + timedelta(days=50)
        ),
    ]
    breaks = [
        _weeks("autumn", autumn, 1),
        _weeks("christmas", christmas_monday, 2),
        _weeks("spring", spring, 1),
        _weeks("easter", easter_break, 2),
    ]
    # A single day inside a break (11 November in the autumn week, Easter Monday in the
    # Easter break) is not offered twice; one on a weekend has nothing to mark.
    in_breaks = {day for holiday in breaks for day in holiday.weekdays()}
    singles = [h for h in single_days if not set(h.weekdays()) <= in_breaks]
    holidays = [holiday for holiday in breaks + singles if holiday.weekdays()]
    return sorted(holidays, key=lambda holiday: holiday.first)


@dataclass(frozen=True, slots=True)
class ClockDoubt:
    """Why the computer's date looks wrong next to the data: `behind` (before the newest
    marked day) or `ahead` (beyond the school year after it)."""

    kind: str
    today: date
    newest: date


def clock_doubt(today: date, newest_marked: date | None) -> ClockDoubt | None:
    """A date earlier than the newest day with marks, or in a school year beyond the one
    after it, is doubtful: the teacher is told, and no school year is closed on it.

    Days off are not weighed: a teacher marks holidays months ahead.
    """
    if newest_marked is None:
        return None
    if today < newest_marked:
        return ClockDoubt("behind", today, newest_marked)
    if school_year_of(today) > school_year_of(newest_marked) + 1:
        return ClockDoubt("ahead", today, newest_marked)
    return None


@dataclass(frozen=True, slots=True)
class ClosingSummary:
    """What closing school years moves from the live file into their archives."""

    years: tuple[int, ...]
    marks: int  # ticks: one ingredient at one moment for one child
    days: int  # days with at least one tick
    days_off: int
    samen_spel_plans: int = 0
    samen_spel_sessions: int = 0
    check_ins: int = 0
    strategy_uses: int = 0
    journal_entries: int = 0
    analyses: int = 0
    teacher_check_ins: int = 0
    # What closing freezes half-done: uses without an outcome, analyses not finished.
    uses_waiting: int = 0
    analyses_open: int = 0
