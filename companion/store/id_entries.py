"""A year-bound kind whose entries have an id of their own and a day (Samen-Spel plans and
sessions): key (id, day) -> entry, in the live file or in the archive of the day's school
year, with the reads joining both and the writes refused for a closed year.

A kind is this class with its table's name and its record, and two functions between its
domain entry and that record.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from companion.domain.calendar import school_year_of
from companion.store.codec import as_record, raw_of
from companion.store.lazy import Lazy
from companion.store.schema import Raw, YearRecord

if TYPE_CHECKING:
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears
    from companion.store.year_bound import YearBound

V = TypeVar("V")
Key = tuple[str, date]  # (entry id, its day)


def new_id() -> str:
    """An id for a new entry, unique in practice (48 random bits)."""
    return uuid.uuid4().hex[:12]


class IdEntries(Generic[V]):
    """Subclasses set `name` and `record`, and map entries with `key_of`, `from_record`
    and `to_record`."""

    name: str
    record: type[YearRecord]

    def __init__(self, core: Core, records: Mapping[str, YearRecord], *, years: SchoolYears):
        self._core = core
        self._years = years
        # key -> (doc id, entry), made from the records when first read: Today reads a few
        # kinds only. Every write goes through the index, so until it is made the records
        # are the live table as it is.
        self._index = Lazy(lambda: self._indexed(records))
        self._records: Mapping[str, YearRecord] | None = records

    @property
    def _live(self) -> dict[Key, tuple[int, V]]:
        return self._index.get()

    def _indexed(self, records: Mapping[str, YearRecord]) -> dict[Key, tuple[int, V]]:
        live: dict[Key, tuple[int, V]] = {}
        for doc_id, record in records.items():
            entry = self.from_record(record)
            live[self.key_of(entry)] = (int(doc_id), entry)
        self._records = None  # the index holds them now
        return live

    # -- what a kind says ---------------------------------------------------------------

    def key_of(self, entry: V) -> Key:
        raise NotImplementedError

    def from_record(self, record: Any) -> V:
        raise NotImplementedError

    def to_record(self, entry: V) -> YearRecord:
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------------

    def of_year(self, year: int) -> list[V]:
        """A school year's entries, live and archived (its archive may be read: a damaged
        one raises its DataFileError), oldest day first. One entry per id: where a crash
        left an entry in both (or under two days), the archive's copy is the one kept,
        since a year with an archive is saved there."""
        found = {key[0]: entry for key, entry in self.live({year}).items()}
        found.update((key[0], entry) for key, entry in self._archived(year).items())
        entries = list(found.values())
        return sorted(entries, key=lambda entry: (self.key_of(entry)[1], self.key_of(entry)[0]))

    def find(self, entry_id: str, year: int) -> V | None:
        return next((e for e in self.of_year(year) if self.key_of(e)[0] == entry_id), None)

    def newest_live_day(self) -> date | None:
        """(Asked at every open, for the clock's doubt: answered from the records while
        the index is not made. A record's `date` is its entry's day.)"""
        records = self._records
        if records is not None:
            return max((record.date for record in records.values()), default=None)
        return max((day for _, day in self._live), default=None)

    # -- writing ------------------------------------------------------------------------

    def put(self, entry: V) -> V:
        """Keep an entry, new or in place of the one with its id, durably and in one write:
        in the live file, or in its year's archive when it has one; a closed year refuses
        it (SchoolYearClosed). An entry never moves to another school year."""
        entry_id, day = self.key_of(entry)
        year = school_year_of(day)
        self._years.check_open(year)
        live = self._live_keys(entry_id)
        if self._years.has_archive(year):
            archived = self._without(self._archived(year), entry_id)
            archived[(entry_id, day)] = entry
            self._years.write_entries(year, self, archived)
            self.remove_live(live)  # a copy a crash left behind: the archive's is kept
            return entry
        document = raw_of(self.to_record(entry))
        table = self._core.table(self.name)
        if live:
            (old,) = live  # the live file holds an id once
            doc_id = self._live[old][0]
            self._core.write(lambda: table.update(document, doc_ids=[doc_id]))
            del self._live[old]
        else:
            doc_id = self._core.write(lambda: table.insert(document))
        self._live[(entry_id, day)] = (doc_id, entry)
        return entry

    def remove(self, entry: V) -> None:
        """Drop the entry with this id, every copy of it (live and archived)."""
        entry_id, day = self.key_of(entry)
        year = school_year_of(day)
        self._years.check_open(year)
        archived = self._archived(year)
        if any(key[0] == entry_id for key in archived):
            self._years.write_entries(year, self, self._without(archived, entry_id))
        self.remove_live(self._live_keys(entry_id))

    def _live_keys(self, entry_id: str) -> list[Key]:
        return [key for key in self._live if key[0] == entry_id]

    def _archived(self, year: int) -> Mapping[Key, V]:
        return self._years.archived(year).entries(self)

    @staticmethod
    def _without(entries: Mapping[Key, V], entry_id: str) -> dict[Key, V]:
        return {key: entry for key, entry in entries.items() if key[0] != entry_id}

    # -- the archive's part (year_bound.YearBound) --------------------------------------

    def day_of(self, key: Key) -> date:
        return key[1]

    def live_years(self) -> set[int]:
        return {school_year_of(day) for _, day in self._live}

    def live(self, years: Collection[int]) -> dict[Key, V]:
        return {
            key: entry for key, (_, entry) in self._live.items() if school_year_of(key[1]) in years
        }

    def remove_live(self, keys: Collection[Key]) -> None:
        doc_ids = [self._live[key][0] for key in keys]
        if not doc_ids:
            return
        table = self._core.table(self.name)
        self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for key in keys:
            del self._live[key]

    def add_live(self, entries: Mapping[Key, V]) -> None:
        """A bulk load: one write."""
        new = [(key, entry) for key, entry in entries.items() if key not in self._live]
        if not new:
            return
        table = self._core.table(self.name)
        documents = [raw_of(self.to_record(entry)) for _, entry in new]
        doc_ids = self._core.write(lambda: table.insert_multiple(documents))
        for (key, entry), doc_id in zip(new, doc_ids, strict=True):
            self._live[key] = (doc_id, entry)

    def decode_archived(self, documents: Sequence[Raw]) -> dict[Key, V]:
        entries = (self.from_record(as_record(doc, self.record)) for doc in documents)
        return {self.key_of(entry): entry for entry in entries}

    def encode_archived(self, entries: Mapping[Key, V]) -> list[Raw]:
        ordered = sorted(entries.items(), key=lambda item: (item[0][1], item[0][0]))
        return [raw_of(self.to_record(entry)) for _, entry in ordered]

    def joined(self, archived: Mapping[Key, V], moved: Mapping[Key, V]) -> dict[Key, V]:
        return {**moved, **archived}

    def counts(self, entries: Mapping[Key, V]) -> dict[str, int]:
        return {self.name: len(entries)}

    def exported(self, year: int) -> list[dict[str, Any]]:
        return [raw_of(self.to_record(entry)) for entry in self.of_year(year)]


if TYPE_CHECKING:  # mypy checks the kind's methods against its own entries
    _YEAR_BOUND: type[YearBound[Key, Any]] = IdEntries[Any]
