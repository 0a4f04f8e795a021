"""The demo's ABC of Love history, uneven on purpose, because an even one shows nothing.

The teacher has habits (a warm voice and a smile come easily, touch less so), the
welcome is the busiest moment, 'invisible' children are often missed for days, and
hard-to-manage children have days with few positive moments.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeAlias

from companion.demo.children import ADAM, ANDY
from companion.demo.model import DemoChild, YearContext
from companion.domain.abc import AbcDay
from companion.domain.calendar import SchoolCalendar
from companion.domain.coverage import NO_CONNECTION_DAYS
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, ChildGroup, Moment

# How likely the teacher gives an ingredient at a moment to an ordinary child on an
# ordinary day, before the per-seed jitter: her habit, not a rule.
HABIT: Final[Mapping[AbcItem, float]] = {
    "touch": 0.10,
    "turn_taking": 0.20,
    "closeness": 0.30,
    "smile": 0.50,
    "voice": 0.55,
    "sharing_joy": 0.25,
    "eye_contact": 0.45,
}
MOMENT_WEIGHT: Final[Mapping[Moment, float]] = {"welcome": 1.0, "day": 0.65, "goodbye": 0.45}
# Samen-Spel (DIGEST §5): the child leads and the teacher follows, twice a week,
# whatever the child's behaviour that day; these are the ingredients it brings.
SAMEN_SPEL_DAYS: Final = (1, 3)  # Tuesday and Thursday
SAMEN_SPEL_ITEMS: Final[frozenset[AbcItem]] = frozenset(
    {"turn_taking", "closeness", "sharing_joy", "eye_contact"}
)
ABSENT_CHANCE: Final = 0.05
START_OF_YEAR_DAYS: Final = 14  # the deck: connect with ALL children at the start
TODAY_WELCOME_SHARE: Final = 0.55

# The chance of each ingredient for this demo's teacher, drawn once for all years.
Habit: TypeAlias = Mapping[AbcItem, float]


@dataclass(frozen=True, slots=True)
class _Profile:
    """How one child fares with this teacher, fixed for the year."""

    key: str
    group: ChildGroup
    added_on: date
    warmth: float  # scales every chance
    seen: float  # chance of any connection at all on a day
    bad_days: float  # chance of a day with few positive moments
    samen_spel: bool


def teacher_habit(rng: random.Random) -> Habit:
    return {item: HABIT[item] * rng.uniform(0.8, 1.2) for item in ABC_ITEMS}


def build_abc(
    rng: random.Random, habit: Habit, context: YearContext, klass: Sequence[DemoChild]
) -> tuple[AbcDay, ...]:
    """A year of marks; in the current year up to part of today's welcome, with Adam
    missed in the last school days so the 'invisible' warning has a true case."""
    profiles = [_profile(rng, child) for child in klass]
    abc = _history(rng, habit, profiles, context.school_days)
    if context.is_current:
        today = context.today
        quiet = _quiet_child(profiles)
        abc = _quiet_recently(abc, quiet, context.calendar, today)
        if context.calendar.is_school_day(today):
            abc += _todays_welcome(rng, habit, profiles, quiet, today)
    return tuple(abc)


def _profile(rng: random.Random, child: DemoChild) -> _Profile:
    group = child.draft.group
    warmth = rng.uniform(0.75, 1.2)
    seen, bad_days = rng.uniform(0.93, 1.0), 0.0
    if group == "invisible":
        # Missed on about half of the days, and little when noticed at all.
        warmth, seen = rng.uniform(0.35, 0.5), rng.uniform(0.4, 0.55)
    elif group == "hard_to_manage":
        bad_days = rng.uniform(0.3, 0.45)
    samen_spel = child.draft.first_name == ANDY.first_name and group == ANDY.group
    return _Profile(child.key, group, child.added_on, warmth, seen, bad_days, samen_spel)


def _history(
    rng: random.Random,
    habit: Habit,
    profiles: Sequence[_Profile],
    school_days: Sequence[date],
) -> list[AbcDay]:
    entries = []
    start = school_days[0] if school_days else date.min
    for day in school_days:
        mood = rng.uniform(0.7, 1.15)  # some days the whole class gets less
        fresh = (day - start).days < START_OF_YEAR_DAYS
        for profile in profiles:
            if day < profile.added_on:
                continue
            entry = _child_day(rng, habit, profile, day, mood, fresh)
            if entry.total:
                entries.append(entry)
    return entries


def _child_day(
    rng: random.Random,
    habit: Habit,
    profile: _Profile,
    day: date,
    mood: float,
    fresh: bool,
) -> AbcDay:
    if rng.random() < ABSENT_CHANCE:
        return AbcDay(profile.key, day)
    seen = max(profile.seen, 0.85) if fresh else profile.seen
    if rng.random() >= seen:
        return AbcDay(profile.key, day)
    strength = profile.warmth * mood
    if rng.random() < profile.bad_days:
        strength *= 0.35
    marks = _marks(rng, habit, strength, MOMENTS)
    if profile.samen_spel and day.weekday() in SAMEN_SPEL_DAYS:
        marks["day"] = marks["day"] | SAMEN_SPEL_ITEMS
    return AbcDay(profile.key, day, marks)


def _marks(
    rng: random.Random, habit: Habit, strength: float, moments: Sequence[Moment]
) -> dict[Moment, frozenset[AbcItem]]:
    marks: dict[Moment, frozenset[AbcItem]] = {moment: frozenset() for moment in MOMENTS}
    for moment in moments:
        weight = MOMENT_WEIGHT[moment] * strength
        marks[moment] = frozenset(
            item for item in ABC_ITEMS if rng.random() < min(0.95, habit[item] * weight)
        )
    return marks


def _quiet_child(profiles: Sequence[_Profile]) -> str:
    """Adam: the deck's child who does not stand out, and the demo's true warning."""
    return next(p.key for p in profiles if p.group == ADAM.group)


def _quiet_recently(
    abc: list[AbcDay], quiet: str, calendar: SchoolCalendar, today: date
) -> list[AbcDay]:
    """Make sure the 'invisible' warning has a true case today: the quiet child had
    nothing in the last school days, as happens to such children."""
    quiet_days = set(calendar.school_days_before(today, NO_CONNECTION_DAYS))
    return [entry for entry in abc if not (entry.child_id == quiet and entry.day in quiet_days)]


def _todays_welcome(
    rng: random.Random,
    habit: Habit,
    profiles: Sequence[_Profile],
    quiet: str,
    today: date,
) -> list[AbcDay]:
    """Today is under way: about half the class got something at the welcome so far."""
    entries = []
    for profile in profiles:
        if profile.key == quiet or rng.random() >= TODAY_WELCOME_SHARE * profile.seen:
            continue
        marks = _marks(rng, habit, profile.warmth, ("welcome",))
        if any(marks.values()):
            entries.append(AbcDay(profile.key, today, marks))
    return entries
