"""The children who left, and the school year they leave the live file with.

The live file holds the current class. A child who left (archived) stays in it while her
last school year is open; when that year is closed she moves into its archive with it
(the archive's `children`, her needs profile in its `needs_profiles`), archive first,
then the live file. Her last school year is the latest one with an entry that names her
(each record's `names_children`: an ABC day, a Samen-Spel plan or session, a check-in or
a strategy use for her, a journal entry that links her, an analysis of her), or the year
she joined when no entry names her. Made active again, she comes back into the live file
and leaves the archive, so that a child is in one place only.

A file written before schema 4 keeps its children who left in the live file; they move at
the next close, like the children who leave then. Nothing here does IO: school_years.py
moves them, importing.py places an export's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from companion.domain.calendar import school_year_of
from companion.domain.children import Child
from companion.domain.needs import NeedsProfile
from companion.store.children import child_from, child_to
from companion.store.codec import DAY_FIELDS
from companion.store.needs import profile_from, profile_to
from companion.store.schema import YEAR_BOUND, ArchivedClass, Raw

Row = Mapping[str, Any]
CHILDREN = "children"
PROFILES = "needs_profiles"


def children_named(kind: str, row: Row) -> Iterator[str]:
    """The child ids one entry of a year-bound kind names (hers, or a link to her)."""
    for name in YEAR_BOUND[kind].names_children:
        value = row.get(name)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


def year_of_row(kind: str, row: Row) -> int:
    return school_year_of(date.fromisoformat(str(row[DAY_FIELDS[kind]])))


def named_years(rows: Iterable[tuple[str, Row]]) -> dict[str, set[int]]:
    """Per child id, the school years of the entries (kind, row) that name her."""
    named: dict[str, set[int]] = defaultdict(set)
    for kind, row in rows:
        ids = list(children_named(kind, row))
        if ids:
            year = year_of_row(kind, row)
            for child_id in ids:
                named[child_id].add(year)
    return named


def named_in(document: Mapping[str, Any]) -> frozenset[str]:
    """Every child id the entries of an archive's document name."""
    return frozenset(
        child_id
        for kind in YEAR_BOUND
        for row in document.get(kind, [])
        for child_id in children_named(kind, row)
    )


def last_year(joined: date, named: Collection[int]) -> int:
    """Her last school year: the latest with an entry naming her, or the one she joined."""
    return max((school_year_of(joined), *named))


def leaving_years(
    children: Iterable[Row], rows: Iterable[tuple[str, Row]], *, current: int
) -> dict[str, int]:
    """The children (rows of a `children` table) who left and whose last school year is
    before `current`, by id: that year. `rows`: every entry (kind, row) that may name them
    (an export's)."""
    named = named_years(rows)
    found: dict[str, int] = {}
    for child in children:
        if child.get("archived") is True:
            year = last_year(date.fromisoformat(str(child["added_on"])), named[str(child["id"])])
            if year < current:
                found[str(child["id"])] = year
    return found


@dataclass(frozen=True, slots=True)
class PastClass:
    """The children who left with one closed school year, as its archive keeps them: by
    id in the file's order, and the needs profiles of those who have one."""

    children: Mapping[str, Child] = field(default_factory=dict)
    profiles: Mapping[str, NeedsProfile] = field(default_factory=dict)

    def joined(self, moved: PastClass) -> PastClass:
        """With `moved` added: a child moved twice (a close cut short, then done again)
        is there once, as moved (the live file's copy is the newer)."""
        return PastClass({**self.children, **moved.children}, {**self.profiles, **moved.profiles})

    def replaced(self, child: Child) -> PastClass:
        return PastClass({**self.children, child.id: child}, self.profiles)


NOBODY = PastClass()


def past_class_of(archived: ArchivedClass) -> PastClass:
    """An archive's children and profiles, as the codec read and checked them."""
    children = (child_from(record) for record in archived.children)
    profiles = (profile_from(record) for record in archived.needs_profiles)
    return PastClass(
        {child.id: child for child in children},
        {profile.child_id: profile for profile in profiles},
    )


def past_class_to(past: PastClass) -> Raw:
    """The archive's lists for a PastClass; none at all when nobody left with the year, so
    an archive without children who left keeps the shape it had before schema 4."""
    document: Raw = {}
    if past.children:
        document[CHILDREN] = [child_to(child) for child in past.children.values()]
    if past.profiles:
        document[PROFILES] = [profile_to(profile) for profile in past.profiles.values()]
    return document
