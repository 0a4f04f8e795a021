"""A year-bound kind whose entries have an id of their own and a day (Samen-Spel plans and
sessions): key (id, day) -> entry, in the live file or in the archive of the day's school
year, with the reads joining both and the writes refused for a closed year.

A kind is this class with its table's name and its record, and two functions between its
domain entry and that record.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from companion.domain.calendar import school_year_of
from companion.store.codec import as_record, raw_of
from companion.store.schema import Raw, YearRecord

if TYPE_CHECKING:
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears
    from companion.store.year_bound import YearBound

V = TypeVar("V")
Key = tuple[str, date]  # (entry id, its day)


class IdEntries(Generic[V]):
    """Subclasses set `name` and `record`, and map entries with `key_of`, `from_record`
    and `to_record`."""

    name: str
    record: type[YearRecord]

    def __init__(self, core: Core, records: Mapping[str, YearRecord], *, years: SchoolYears):
        self._core = core
        self._years = years
        self._live: dict[Key, tuple[int, V]] = {}  # key -> (doc id, entry)
        for doc_id, record in records.items():
            entry = self.from_record(record)
            self._live[self.key_of(entry)] = (int(doc_id), entry)

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
        one raises its DataFileError), oldest day first."""
        found = dict(self._years.archived(year).entries(self))
        found.update(self.live({year}))
        return [found[key] for key in sorted(found, key=lambda key: (key[1], key[0]))]

    def find(self, entry_id: str, year: int) -> V | None:
        return next((e for e in self.of_year(year) if self.key_of(e)[0] == entry_id), None)

    # -- writing ------------------------------------------------------------------------

    def put(self, entry: V, *, replacing: V | None = None) -> V:
        """Keep a new entry, or `entry` in place of `replacing` (same id), durably: in the
        live file, or in its year's archive when it has one; a closed year refuses it
        (SchoolYearClosed)."""
        key = self.key_of(entry)
        year = school_year_of(key[1])
        self._years.check_open(year)
        if replacing is not None:
            self.remove(replacing)
        if self._years.has_archive(year):
            archived = dict(self._years.archived(year).entries(self))
            archived[key] = entry
            self._years.write_entries(year, self, archived)
            return entry
        document = raw_of(self.to_record(entry))
        table = self._core.table(self.name)
        doc_id = self._core.write(lambda: table.insert(document))
        self._live[key] = (doc_id, entry)
        return entry

    def remove(self, entry: V) -> None:
        key = self.key_of(entry)
        year = school_year_of(key[1])
        self._years.check_open(year)
        if key in self._live:
            self.remove_live([key])
            return
        archived = dict(self._years.archived(year).entries(self))
        if archived.pop(key, None) is not None:
            self._years.write_entries(year, self, archived)

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
