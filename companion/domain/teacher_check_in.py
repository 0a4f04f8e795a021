"""The teacher's own check-in (het begint bij jezelf): energy and tension, each low, ok or
high, in under ten seconds from Today; what drains and what recharges her; what she needs
now, today, tomorrow, next month; who supports her.

Her zone follows from the two: the green zone when both are ok; too much when either is
high (tense, or wound up); too little otherwise (flat, tired). After several school days
out of the green zone, a gentle suggestion from the teacher strategies. Never judging
words: the zones describe, they do not grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from companion.domain.dates import monday_of
from companion.domain.text import has_control, tidy
from companion.domain.vocabulary import Energy, Level

MAX_NOTE: Final = 500
NOTE_FIELDS: Final = ("drains", "recharges", "need_now", "need_later", "support")
OUT_OF_GREEN_DAYS: Final = 3  # check-ins in a row out of the green zone before a suggestion


@dataclass(frozen=True, slots=True)
class TeacherCheckIn:
    """One check-in a day (a second one that day replaces the first)."""

    day: date
    energy: Level
    tension: Level
    drains: str = ""
    recharges: str = ""
    need_now: str = ""  # now, today
    need_later: str = ""  # tomorrow, next month
    support: str = ""

    @property
    def zone(self) -> Energy:
        return zone_of(self.energy, self.tension)


def zone_of(energy: Level, tension: Level) -> Energy:
    if energy == "ok" and tension == "ok":
        return "green"
    if "high" in (energy, tension):
        return "too_much"
    return "too_little"


class CheckInInputError(ValueError):
    def __init__(self, field_name: str, reason: str, **params: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason
        self.params = params


def checked_check_in(check_in: TeacherCheckIn, today: date) -> TeacherCheckIn:
    """Notes tidied and checked; not a day in the future."""
    if check_in.day > today:
        raise CheckInInputError("day", "in_future")
    notes = {}
    for name in NOTE_FIELDS:
        cleaned = tidy(getattr(check_in, name))
        if has_control(cleaned, lines=True):
            raise CheckInInputError(name, "control_characters")
        if len(cleaned) > MAX_NOTE:
            raise CheckInInputError(name, "too_long", limit=str(MAX_NOTE), length=str(len(cleaned)))
        notes[name] = cleaned
    return TeacherCheckIn(check_in.day, check_in.energy, check_in.tension, **notes)


@dataclass(frozen=True, slots=True)
class WeekOfZones:
    """One week of her check-ins: how many days in each zone."""

    monday: date
    green: int = 0
    too_much: int = 0
    too_little: int = 0

    @property
    def days(self) -> int:
        return self.green + self.too_much + self.too_little


def trend(check_ins: Iterable[TeacherCheckIn], today: date, weeks: int = 8) -> list[WeekOfZones]:
    """The last `weeks` weeks up to today's, oldest first, each with its zones counted
    (a week without check-ins counts nothing)."""
    last = monday_of(today)
    mondays = [last - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    counts = {monday: {"green": 0, "too_much": 0, "too_little": 0} for monday in mondays}
    for check_in in check_ins:
        week = counts.get(monday_of(check_in.day))
        if week is not None and check_in.day <= today:
            week[check_in.zone] += 1
    return [WeekOfZones(monday, **counts[monday]) for monday in mondays]


def out_of_green(check_ins: Sequence[TeacherCheckIn]) -> int:
    """How many of her latest check-ins in a row were out of the green zone."""
    streak = 0
    for check_in in sorted(check_ins, key=lambda c: c.day, reverse=True):
        if check_in.zone == "green":
            break
        streak += 1
    return streak


def suggest_care(check_ins: Sequence[TeacherCheckIn]) -> Energy | None:
    """After OUT_OF_GREEN_DAYS check-ins in a row out of the green zone: the zone the
    latest one was in (so a calming or an activating strategy is suggested); else None."""
    if out_of_green(check_ins) < OUT_OF_GREEN_DAYS:
        return None
    return max(check_ins, key=lambda c: c.day).zone
