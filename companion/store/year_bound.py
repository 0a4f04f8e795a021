"""What a kind of data that belongs to a school year tells the school-year machinery
(school_years.py): how its entries map to a day (so to a school year), how they are kept in
an archive file, joined when a year is closed twice, counted, exported and loaded.

Each kind keeps its entries as a mapping key -> value (ABC: (child id, day) -> AbcDay;
days off: day -> reason; Samen-Spel: (id, day) -> plan or session, see id_entries.py); an
archived year holds one such mapping per kind. YearBound is
generic over the two, so mypy checks each kind's methods against its own entries.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar, cast

from companion.store.schema import Raw

K = TypeVar("K")
V = TypeVar("V")
Entries = Mapping[Any, Any]  # one kind's entries, where the kinds are walked together


class YearBound(Protocol[K, V]):
    """A kind whose entries (key K -> value V) belong to a school year (ABC days, days off,
    Samen-Spel plans and sessions). Store has one attribute per kind, named as its table
    in schema.YEAR_BOUND."""

    # Its table in the live file, its list in an archive and in an export.
    @property
    def name(self) -> str: ...

    def day_of(self, key: K) -> date:
        """The day an entry is about: its school year is the one it belongs to."""
        ...

    def live_years(self) -> set[int]:
        """The school years that have entries in the live file."""
        ...

    def live(self, years: Collection[int]) -> dict[K, V]:
        """The entries of the live file that belong to `years`."""
        ...

    def remove_live(self, keys: Collection[K]) -> None:
        """Drop these entries from the live file (one write), once they are archived."""
        ...

    def add_live(self, entries: Mapping[K, V]) -> None:
        """Add entries of open years to the live file in one write (a bulk load)."""
        ...

    def decode_archived(self, documents: Sequence[Raw]) -> dict[K, V]:
        """An archive's list, checked by the codec, as entries (KeyError, TypeError or
        ValueError for what the codec lets through but this kind cannot read)."""
        ...

    def encode_archived(self, entries: Mapping[K, V]) -> list[Raw]:
        """Entries as an archive's list, in a stable order."""
        ...

    def joined(self, archived: Mapping[K, V], moved: Mapping[K, V]) -> dict[K, V]:
        """Entries moved into an archive that already holds some: nothing is lost, and
        moving the same entries twice (after a crash) changes nothing."""
        ...

    def counts(self, entries: Mapping[K, V]) -> dict[str, int]:
        """What closing these entries moves, by ClosingSummary's fields."""
        ...

    def exported(self, year: int) -> list[dict[str, Any]]:
        """One school year's entries, live and archived, in the export's vocabulary."""
        ...


@dataclass(frozen=True, slots=True)
class ArchivedYear:
    """A closed school year as read from (or written to) its archive: entries per kind."""

    kinds: Mapping[str, Entries] = field(default_factory=dict)

    def of(self, kind: str) -> Entries:
        return self.kinds.get(kind, {})

    def entries(self, kind: YearBound[K, V]) -> Mapping[K, V]:
        """One kind's entries, typed as that kind's (they were decoded by it)."""
        return cast("Mapping[K, V]", self.of(kind.name))

    def replaced(self, kind: str, entries: Entries) -> ArchivedYear:
        return ArchivedYear({**self.kinds, kind: entries})


NO_ARCHIVE = ArchivedYear()
