"""The demo's school calendar: the Flemish holidays plus a study day or two a year."""

from __future__ import annotations

import random
from datetime import date, timedelta

from companion.domain.calendar import DayOff, flemish_holidays, school_year_bounds


def build_days_off(rng: random.Random, year: int) -> tuple[DayOff, ...]:
    """The Flemish holidays plus one or two study days (pedagogische studiedag)."""
    reasons: dict[date, str] = {}
    for holiday in flemish_holidays(year):
        for day in holiday.weekdays():
            # 11 November often falls in the two-week autumn break: keep the break whole.
            reasons.setdefault(day, holiday.key)
    start, end = school_year_bounds(year)
    # Schools rarely hold a study day in the first fortnight.
    candidates = [
        day
        for day in _dates(start + timedelta(days=14), end)
        if day.weekday() < 5 and day not in reasons
    ]
    for day in rng.sample(candidates, rng.randint(1, 2)):
        reasons[day] = "study_day"
    return tuple(DayOff(day, reason) for day, reason in sorted(reasons.items()))


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
