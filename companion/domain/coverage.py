"""Who got connection, and who risks becoming 'invisible'.

The rules (also explained in the help screen):
- no connection: a child with nothing recorded today nor in the last 3 school days;
- fewest connections: the bottom 3 of the class over today and the last 5 school days,
  counted per day they were in class, when that is below the class median.
Days off and weekends never count; days before a child was added never count;
archived children are left out; with nothing recorded for anyone, nobody is flagged.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from companion.domain.abc import AbcDay
from companion.domain.calendar import SchoolCalendar, school_year_bounds, school_year_of
from companion.domain.children import Child
from companion.domain.dates import monday_of, week_days
from companion.domain.vocabulary import ABC_ITEMS, AbcItem

NO_CONNECTION_DAYS = 3
RANKING_DAYS = 5
BOTTOM_FEW = 3
START_OF_YEAR_WEEKS = 6

AbcLookup = Mapping[tuple[str, date], AbcDay]


def _add(counts: list[int], more: Sequence[int]) -> list[int]:
    return [a + b for a, b in zip(counts, more, strict=True)]


def _total(lookup: AbcLookup, child_id: str, day: date) -> int:
    found = lookup.get((child_id, day))
    return found.total if found else 0


@dataclass(frozen=True, slots=True)
class LedgerRow:
    child: Child
    per_day: tuple[int | None, ...]  # None: not a school day for this child
    per_item: tuple[int, ...]

    @property
    def week_total(self) -> int:
        return sum(count for count in self.per_day if count)


@dataclass(frozen=True, slots=True)
class WeekLedger:
    monday: date
    days: tuple[date, ...]
    rows: tuple[LedgerRow, ...]

    @property
    def item_totals(self) -> tuple[int, ...]:
        return tuple(
            sum(row.per_item[index] for row in self.rows) for index in range(len(ABC_ITEMS))
        )


def week_ledger(
    children: Sequence[Child], lookup: AbcLookup, calendar: SchoolCalendar, any_day: date
) -> WeekLedger:
    """Children x Monday..Friday of the week holding `any_day`; `lookup` needs only that week."""
    monday = monday_of(any_day)
    days = tuple(week_days(monday))
    rows = []
    for child in children:
        per_day: list[int | None] = []
        per_item = [0] * len(ABC_ITEMS)
        for day in days:
            if not calendar.is_school_day(day) or day < child.added_on:
                per_day.append(None)
                continue
            found = lookup.get((child.id, day))
            per_day.append(found.total if found else 0)
            if found:
                per_item = _add(per_item, found.item_counts())
        rows.append(LedgerRow(child, tuple(per_day), tuple(per_item)))
    return WeekLedger(monday, days, tuple(rows))


@dataclass(frozen=True, slots=True)
class InvisibleFlag:
    child: Child
    reason: str  # "no_connection" or "fewest"
    connections: int
    days: int


def window_days(calendar: SchoolCalendar, today: date, count: int) -> list[date]:
    """Today (when it is a school day) and the `count` school days before it."""
    days = calendar.school_days_before(today, count)
    if calendar.is_school_day(today):
        days.append(today)
    return days


def invisible_children(
    children: Sequence[Child], lookup: AbcLookup, calendar: SchoolCalendar, today: date
) -> list[InvisibleFlag]:
    """The children who risk becoming invisible, most at risk first."""
    active = [child for child in children if not child.archived]
    recent = window_days(calendar, today, RANKING_DAYS)
    if not any(_total(lookup, child.id, day) for child in active for day in recent):
        return []
    short = window_days(calendar, today, NO_CONNECTION_DAYS)
    flags: dict[str, InvisibleFlag] = {}
    for child in active:
        present = [day for day in short if day >= child.added_on]
        # A child who arrived today has not had the chance to be missed yet.
        if len(present) >= 2 and not any(_total(lookup, child.id, day) for day in present):
            flags[child.id] = InvisibleFlag(child, "no_connection", 0, len(present))
    rates: list[tuple[float, Child, int, int]] = []
    for child in active:
        present = [day for day in recent if day >= child.added_on]
        if len(present) < 2:
            continue
        got = sum(_total(lookup, child.id, day) for day in present)
        rates.append((got / len(present), child, got, len(present)))
    if len(rates) > BOTTOM_FEW:
        median = statistics.median(rate for rate, *_ in rates)
        rates.sort(key=lambda entry: (entry[0], entry[1].first_name))
        for rate, child, got, present_days in rates[:BOTTOM_FEW]:
            if rate < median and child.id not in flags:
                flags[child.id] = InvisibleFlag(child, "fewest", got, present_days)
    return sorted(
        flags.values(),
        key=lambda flag: (flag.reason != "no_connection", flag.connections, flag.child.first_name),
    )


@dataclass(frozen=True, slots=True)
class StartOfYearRow:
    child: Child
    items_had: frozenset[AbcItem]

    @property
    def connected(self) -> bool:
        return bool(self.items_had)


def in_start_of_year(today: date) -> bool:
    start, _ = school_year_bounds(school_year_of(today))
    return start <= today < start + timedelta(weeks=START_OF_YEAR_WEEKS)


def start_of_year_tracker(
    children: Sequence[Child], days: Sequence[AbcDay]
) -> list[StartOfYearRow]:
    """Per child: which ingredients they have had at least once since 1 September."""
    had: dict[str, set[AbcItem]] = {child.id: set() for child in children}
    for entry in days:
        if entry.child_id in had:
            for items in entry.marks.values():
                had[entry.child_id].update(items)
    return [StartOfYearRow(child, frozenset(had[child.id])) for child in children]


@dataclass(frozen=True, slots=True)
class HistoryWeek:
    monday: date
    per_item: tuple[int, ...]
    school_days: int

    @property
    def total(self) -> int:
        return sum(self.per_item)


def child_history(
    days: Sequence[AbcDay], calendar: SchoolCalendar, year: int, until: date
) -> list[HistoryWeek]:
    """Weeks x ingredients for one child over a school year, up to `until`."""
    start, end = school_year_bounds(year)
    last = min(end, until)
    by_day = {entry.day: entry for entry in days}
    weeks: list[HistoryWeek] = []
    monday = monday_of(start)
    while monday <= last:
        school = [
            day for day in week_days(monday) if start <= day <= last and calendar.is_school_day(day)
        ]
        per_item = [0] * len(ABC_ITEMS)
        for day in school:
            if found := by_day.get(day):
                per_item = _add(per_item, found.item_counts())
        if school:
            weeks.append(HistoryWeek(monday, tuple(per_item), len(school)))
        monday += timedelta(weeks=1)
    return weeks


def least_given_item(child_id: str, lookup: AbcLookup, days: Sequence[date]) -> AbcItem:
    """The ingredient this child got least over `days` (ties: the deck's order)."""
    counts = [0] * len(ABC_ITEMS)
    for day in days:
        if found := lookup.get((child_id, day)):
            counts = _add(counts, found.item_counts())
    return ABC_ITEMS[counts.index(min(counts))]


def rarely_given(per_item: Sequence[int]) -> list[tuple[AbcItem, int]]:
    """The ingredients a child got rarely over a period (counts in the deck's order): less
    than half of her average per ingredient, fewest first (ties: the deck's order). Empty
    while nothing was given, and when every ingredient comes back about as often."""
    total = sum(per_item)
    if not total:
        return []
    half_average = total / len(ABC_ITEMS) / 2
    counted = zip(ABC_ITEMS, per_item, strict=True)
    # sorted() is stable: equal counts keep the deck's order.
    return sorted(((item, n) for item, n in counted if n < half_average), key=lambda p: p[1])


def least_used_item(ledger: WeekLedger) -> tuple[AbcItem, int] | None:
    """The ingredient the class got least this week and how often (ties: the deck's
    order): a hint for tomorrow, not a grade. None while the week holds no tick."""
    totals = ledger.item_totals
    if not sum(totals):
        return None
    least = totals.index(min(totals))
    return ABC_ITEMS[least], totals[least]


@dataclass(frozen=True, slots=True)
class TodaySummary:
    """What the home screen says about today."""

    children: tuple[Child, ...]
    connected: tuple[Child, ...]
    waiting: tuple[Child, ...]
    flags: tuple[InvisibleFlag, ...]
    suggestions: dict[str, AbcItem]  # child id -> the ingredient to offer next
    totals: dict[str, int]  # child id -> connections today
    recorded_recently: bool  # anything at all recorded today or in the last school days


def summarise_today(
    children: Sequence[Child], lookup: AbcLookup, calendar: SchoolCalendar, today: date
) -> TodaySummary:
    """Connections today, the invisible flags and a gentle next step for each flagged child."""
    active = tuple(child for child in children if not child.archived)
    totals = {child.id: _total(lookup, child.id, today) for child in active}
    flags = tuple(invisible_children(active, lookup, calendar, today))
    recent = window_days(calendar, today, RANKING_DAYS)
    suggestions = {flag.child.id: least_given_item(flag.child.id, lookup, recent) for flag in flags}
    return TodaySummary(
        children=active,
        connected=tuple(child for child in active if totals[child.id]),
        waiting=tuple(child for child in active if not totals[child.id]),
        flags=flags,
        suggestions=suggestions,
        totals=totals,
        recorded_recently=any(_total(lookup, c.id, day) for c in active for day in recent),
    )
