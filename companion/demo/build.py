"""`build_demo`: the demo's school years, each assembled from its features' data."""

from __future__ import annotations

import random
from datetime import date, timedelta

from companion.demo.abc import Habit, build_abc, teacher_habit
from companion.demo.children import build_class
from companion.demo.days_off import build_days_off
from companion.demo.journal import build_journal
from companion.demo.model import DemoData, DemoYear, YearContext
from companion.demo.needs import build_needs
from companion.demo.rest_corner import build_rest_corner
from companion.demo.samen_spel import build_samen_spel
from companion.domain.calendar import SchoolCalendar, school_year_bounds, school_year_of


def build_demo(today: date, *, years: int = 1, children: int = 24, seed: int = 7) -> DemoData:
    """A class per school year, the last `years` up to `today`, with their history.

    Past classes are archived and have 1 September to 30 June; the current class of
    `children` has history up to yesterday and part of today's welcome. One or two of
    them joined mid-year, unless the year is too young or the class too small for it.
    """
    if years < 1 or children < 2:
        raise ValueError("a demo needs at least one school year and two children")
    rng = random.Random(seed)
    habit = teacher_habit(rng)
    current = school_year_of(today)
    used_names: set[tuple[str, str]] = set()
    built = []
    for year in range(current - years + 1, current + 1):
        size = children if year == current else max(2, children + rng.randint(-3, 1))
        built.append(_build_year(rng, habit, year, today, size, used_names, seed))
    return DemoData(today, tuple(built))


def _build_year(
    rng: random.Random,
    habit: Habit,
    year: int,
    today: date,
    size: int,
    used_names: set[tuple[str, str]],
    seed: int,
) -> DemoYear:
    # One random stream in a fixed order: the same seed gives the same demo. A new
    # feature draws from a stream of its own (random.Random(f"{seed}:{feature}:{year}")),
    # so adding it leaves the data of the others as it was.
    days_off = build_days_off(rng, year)
    calendar = SchoolCalendar(frozenset(off.day for off in days_off))
    context = _context(year, today, calendar)
    klass = build_class(rng, context, size, used_names)
    abc = build_abc(rng, habit, context, klass)
    needs = build_needs(random.Random(f"{seed}:needs:{year}"), context, klass)
    samen_spel = build_samen_spel(random.Random(f"{seed}:samen_spel:{year}"), context, klass)
    rest_corner = build_rest_corner(random.Random(f"{seed}:rest_corner:{year}"), context, klass)
    journal = build_journal(random.Random(f"{seed}:journal:{year}"), context, klass)
    return DemoYear(
        year,
        klass,
        abc,
        days_off,
        needs,
        samen_spel.plans,
        samen_spel.sessions,
        rest_corner.check_ins,
        rest_corner.uses,
        journal.entries,
        journal.analyses,
        journal.check_ins,
    )


def _context(year: int, today: date, calendar: SchoolCalendar) -> YearContext:
    start, end = school_year_bounds(year)
    last = today - timedelta(days=1) if year == school_year_of(today) else end
    return YearContext(year, today, calendar, tuple(calendar.school_days_between(start, last)))
