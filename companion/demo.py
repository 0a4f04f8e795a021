"""A demo class with years of plausible history, behind `companion demo`.

`build_demo` is pure: the same `today` and seed give the same data, so a demo can be
reproduced and tested. `write_demo` puts it in a store through its public methods only.

The history is uneven on purpose, because an even one would show nothing: the teacher
has habits (a warm voice and a smile come easily, touch less so), the welcome is the
busiest moment, 'invisible' children are often missed for days, and hard-to-manage
children have days with few positive moments.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Final, NamedTuple

from companion.domain.abc import AbcDay
from companion.domain.calendar import (
    DayOff,
    SchoolCalendar,
    flemish_holidays,
    school_year_bounds,
    school_year_label,
    school_year_of,
)
from companion.domain.children import ChildDraft
from companion.domain.coverage import NO_CONNECTION_DAYS
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, ChildGroup, Moment
from companion.store.staging import create_whole
from companion.store.store import Store

# Flemish first names; the accented ones are drawn separately so every class shows
# that names with diacritics sort, search and display well.
ACCENTED_FIRST_NAMES: Final = (
    "Zoë", "Noémie", "Jérôme", "Anaïs", "Loïc", "Chloé", "Amélie", "Inès", "Maëlle",
    "Héloïse", "Léon", "Rémi", "Aurélie", "Renée", "Céline", "Thaïs", "Raphaël", "Mattéo",
    "Gaël", "Zeynep", "Noël", "Eloïse", "Andrés", "Émile",
)  # fmt: skip
PLAIN_FIRST_NAMES: Final = (
    "Elif", "Youssef", "Mila", "Noah", "Lotte", "Wout", "Febe", "Ilias", "Seppe",
    "Marie-Louise", "Liam", "Lou", "Nore", "Ella", "Olivia", "Louise", "Juliette", "Lena",
    "Fien", "Jules", "Lucas", "Arthur", "Victor", "Louis", "Finn", "Mats", "Vic", "Warre",
    "Rune", "Stan", "Lars", "Emma", "Hanne", "Marthe", "Linde", "Tuur", "Siebe", "Jasper",
    "Kobe", "Aya", "Amira", "Yasmina", "Rayan", "Hamza", "Emir", "Nour", "Sara", "Oona",
    "Nina", "Jan-Pieter", "Lien", "Ferre", "Roos",
)  # fmt: skip
LAST_NAMES: Final = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "D'hondt", "Van Damme",
    "El Amrani", "Lambrechts", "De Clercq", "Hermans", "Aerts", "Pauwels", "Verstraete",
    "De Backer", "Van de Velde", "Michiels", "Smets", "Cools", "Vandenberghe", "Verhoeven",
    "Bogaert", "De Wilde", "Coppens", "Van Acker", "Martens", "Stevens", "Van Hecke",
    "Yilmaz", "Öztürk", "Çelik", "Benali", "Nowak", "Van Looy", "Baert", "De Cock",
    "Segers", "Van Dyck", "Lemaître", "Boukhari",
)  # fmt: skip


class _Example(NamedTuple):
    first_name: str
    group: ChildGroup
    note: str  # in Dutch, as the teacher would write it


# The deck's two example children (DIGEST §1), always in the current class.
ADAM: Final = _Example("Adam", "invisible", "Speelt graag alleen in de bouwhoek; valt niet op.")
ANDY: Final = _Example("Andy", "hard_to_manage", "Samen-Spel op dinsdag en donderdag.")

# The demo teacher has the second kindergarten class: children born four calendar years
# before the school year starts, so 3.7 to 4.7 years old on 1 September.
BIRTH_YEAR_OFFSET: Final = 4
ACCENTED_SHARE: Final = 0.3

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
Habit = dict[AbcItem, float]  # the teacher's habit, jittered per seed
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


@dataclass(frozen=True, slots=True)
class DemoSummary:
    children: int
    archived: int
    abc_days: int
    school_years: int


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


# -- building -------------------------------------------------------------------------


def build_demo(today: date, *, years: int = 1, children: int = 24, seed: int = 7) -> DemoData:
    """A class per school year, the last `years` up to `today`, with their history.

    Past classes are archived and have 1 September to 30 June; the current class of
    `children` has history up to yesterday and part of today's welcome. One or two of
    them joined mid-year, unless the year is too young or the class too small for it.
    """
    if years < 1 or children < 2:
        raise ValueError("a demo needs at least one school year and two children")
    rng = random.Random(seed)
    habit = {item: HABIT[item] * rng.uniform(0.8, 1.2) for item in ABC_ITEMS}
    current = school_year_of(today)
    used_names: set[tuple[str, str]] = set()
    built = []
    for year in range(current - years + 1, current + 1):
        size = children if year == current else max(2, children + rng.randint(-3, 1))
        built.append(_build_year(rng, habit, year, today, size, used_names))
    return DemoData(today, tuple(built))


def _build_year(
    rng: random.Random,
    habit: Habit,
    year: int,
    today: date,
    size: int,
    used_names: set[tuple[str, str]],
) -> DemoYear:
    is_current = year == school_year_of(today)
    days_off = _days_off(rng, year)
    calendar = SchoolCalendar(frozenset(off.day for off in days_off))
    start, end = school_year_bounds(year)
    last = today - timedelta(days=1) if is_current else end
    school_days = list(calendar.school_days_between(start, last))
    klass = _build_class(rng, year, today, size, school_days, used_names)
    profiles = [_profile(rng, child) for child in klass]
    abc = _history(rng, habit, profiles, school_days)
    if is_current:
        quiet = _quiet_child(profiles)
        abc = _quiet_recently(abc, quiet, calendar, today)
        if calendar.is_school_day(today):
            abc += _todays_welcome(rng, habit, profiles, quiet, today)
    return DemoYear(year, tuple(klass), tuple(abc), days_off)


def _days_off(rng: random.Random, year: int) -> tuple[DayOff, ...]:
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


# -- the class ------------------------------------------------------------------------


def _build_class(
    rng: random.Random,
    year: int,
    today: date,
    size: int,
    school_days: Sequence[date],
    used_names: set[tuple[str, str]],
) -> list[DemoChild]:
    is_current = year == school_year_of(today)
    groups = _groups(rng, size, is_current)
    names = _names(rng, size, used_names, is_current)
    notes = [ADAM.note, ANDY.note] if is_current else []
    arrivals = _arrival_days(rng, groups, school_days)
    # In July and August the teacher enters next year's class before it starts.
    first_day = min(school_year_bounds(year)[0], today)
    klass = []
    for index, ((first, last), group) in enumerate(zip(names, groups, strict=True)):
        draft = ChildDraft(
            first_name=first,
            last_name=last,
            birth_date=_birth_date(rng, year),
            group=group,
            note=notes[index] if index < len(notes) else "",
        )
        added_on = arrivals.get(index, first_day)
        klass.append(DemoChild(f"{year}-{index:02d}", draft, added_on, not is_current))
    return klass


def _groups(rng: random.Random, size: int, is_current: bool) -> list[ChildGroup]:
    """Adam and Andy first (current class only), then a few more of each, then the rest."""
    fixed = [ADAM.group, ANDY.group] if is_current else []
    room = size - len(fixed)
    invisible = min(rng.randint(2, 3), room // 6)
    hard = min(rng.randint(1, 2), room // 10)
    rest = room - invisible - hard
    return fixed + ["invisible"] * invisible + ["hard_to_manage"] * hard + ["all"] * rest


def _names(
    rng: random.Random, size: int, used: set[tuple[str, str]], is_current: bool
) -> list[tuple[str, str]]:
    """Distinct first names in a class, full names unique over the whole demo."""
    fixed = [ADAM.first_name, ANDY.first_name] if is_current else []
    room = size - len(fixed)
    accented = min(room, max(1, round(room * ACCENTED_SHARE)), len(ACCENTED_FIRST_NAMES))
    firsts = fixed + rng.sample(ACCENTED_FIRST_NAMES, accented)
    plain = [name for name in PLAIN_FIRST_NAMES if name not in firsts]
    firsts += rng.sample(plain, min(size - len(firsts), len(plain)))
    while len(firsts) < size:  # a class bigger than the name lists: repeat first names
        firsts.append(rng.choice(PLAIN_FIRST_NAMES))
    names = []
    for first in firsts:
        last = rng.choice(LAST_NAMES)
        for _ in range(50):  # bounded: a huge demo may repeat a full name, that is all
            if (first, last) not in used:
                break
            last = rng.choice(LAST_NAMES)
        used.add((first, last))
        names.append((first, last))
    return names


def _birth_date(rng: random.Random, year: int) -> date:
    born_in = year - BIRTH_YEAR_OFFSET
    return date(born_in, 1, 1) + timedelta(days=rng.randrange(365))


def _arrival_days(
    rng: random.Random, groups: Sequence[ChildGroup], school_days: Sequence[date]
) -> dict[int, date]:
    """One or two ordinary children who joined after 1 September (index -> day)."""
    late = school_days[10:-3]  # after the first weeks, and not just yesterday
    movers = [index for index, group in enumerate(groups) if group == "all"]
    if not late or len(movers) < 4:
        return {}
    chosen = rng.sample(movers, rng.randint(1, 2))
    return {index: rng.choice(late) for index in sorted(chosen)}


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


# -- the history ----------------------------------------------------------------------


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


# -- writing --------------------------------------------------------------------------


def create_demo(
    path: Path, today: date, *, years: int = 1, children: int = 24, seed: int = 7
) -> DemoSummary:
    """Write a new demo data file at `path` with its archives, whole or not at all.

    A demo killed halfway leaves no half class that a second try would refuse: the demo
    is built beside `path` and moved into place only once it is complete (a complete one
    that a crash kept from its place is put there first). Raises AlreadyHoldsData, before
    any work, when `path` already holds a class; DataFileError when it cannot be written.
    """

    def build(staged: Path) -> DemoSummary:
        data = build_demo(today, years=years, children=children, seed=seed)
        with Store.open(staged, today=today, backup=False) as store:
            return write_demo(store, data)

    return create_whole(path, build)


def write_demo(store: Store, data: DemoData) -> DemoSummary:
    """Write the demo into an empty store whose school year matches the demo's `today`."""
    if not store.is_empty():
        raise ValueError("the demo only goes into an empty data file")
    if store.current_year != school_year_of(data.today):
        raise ValueError("the store and the demo are in different school years")
    ids = _add_children(store, data)
    # Archive before the history is loaded: each call rewrites the live file, which is
    # smallest now.
    archived = [child.key for child in data.children if child.archived]
    for key in archived:
        store.children.set_archived(ids[key], True)
    # One write per reason rather than one per day (load_history writes them one by one).
    for reason, days in _days_by_reason(data.current.days_off).items():
        store.days_off.add(days, reason)
    past_days_off = [off for year in data.years[:-1] for off in year.days_off]
    entries = (AbcDay(ids[entry.child_id], entry.day, entry.marks) for entry in data.abc)
    abc_days = store.school_years.load_history(entries, past_days_off)
    return DemoSummary(len(ids), len(archived), abc_days, len(data.years))


def _add_children(store: Store, data: DemoData) -> dict[str, str]:
    """Add each year's class in as few writes as possible; returns demo key -> store id."""
    by_arrival: dict[date, list[DemoChild]] = defaultdict(list)
    for child in data.children:
        by_arrival[child.added_on].append(child)
    ids: dict[str, str] = {}
    for added_on in sorted(by_arrival):
        group = by_arrival[added_on]
        added = store.children.add_many([child.draft for child in group], added_on=added_on)
        ids.update((child.key, stored.id) for child, stored in zip(group, added, strict=True))
    return ids


def _days_by_reason(days_off: Sequence[DayOff]) -> dict[str, list[date]]:
    grouped: dict[str, list[date]] = defaultdict(list)
    for off in days_off:
        grouped[off.reason].append(off.day)
    return dict(grouped)
