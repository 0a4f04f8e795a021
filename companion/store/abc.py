"""The ABC of Love: one entry per child and day, in the live file or its year's archive.

Every read joins the live file and the archive (a crash while closing leaves a day in
both); a save of a day whose school year has an archive goes into that archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from companion.domain.abc import AbcDay
from companion.domain.calendar import school_year_of
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store.codec import TickDay
from companion.store.errors import DataFileError
from companion.store.schema import AbcRecord, Raw

if TYPE_CHECKING:
    from companion.store.children import Children
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears
    from companion.store.year_bound import YearBound

Key = tuple[str, date]  # (child id, day)
TABLE = "abc"


WELCOME, DAY, GOODBYE = MOMENTS
NO_MARKS: frozenset[Any] = frozenset()


def abc_from(document: Mapping[str, Any]) -> AbcDay:
    # Spelled out, and one empty set for every moment without a mark: an export reads ten
    # years of days through here (a quarter of a million moments).
    get = document.get
    welcome, day, goodbye = get(WELCOME), get(DAY), get(GOODBYE)
    marks = {
        WELCOME: frozenset(welcome) if welcome else NO_MARKS,
        DAY: frozenset(day) if day else NO_MARKS,
        GOODBYE: frozenset(goodbye) if goodbye else NO_MARKS,
    }
    return AbcDay(document["child"], date.fromisoformat(document["date"]), marks)


def abc_to(entry: AbcDay) -> dict[str, Any]:
    document: dict[str, Any] = {"child": entry.child_id, "date": entry.day.isoformat()}
    for moment in MOMENTS:
        chosen = entry.items_at(moment)
        document[moment] = [item for item in ABC_ITEMS if item in chosen]
    return document


def merged(first: AbcDay | None, second: AbcDay | None) -> AbcDay | None:
    """One day from two copies (live and archive): every mark of either, none lost."""
    if first is None or second is None:
        return first or second
    marks = {moment: first.items_at(moment) | second.items_at(moment) for moment in MOMENTS}
    return AbcDay(first.child_id, first.day, marks)


class Abc:
    name = TABLE

    def __init__(
        self,
        core: Core,
        records: Mapping[str, AbcRecord],
        *,
        children: Children,
        years: SchoolYears,
    ) -> None:
        self._core = core
        self._children = children
        self._years = years
        self._docs: dict[Key, int] = {}
        self._by_day: dict[date, set[str]] = defaultdict(set)
        # Which children have a day in an archive, per year (made when first asked).
        self._archived_by_day: dict[int, tuple[Mapping[Key, AbcDay], dict[date, set[str]]]] = {}
        for doc_id, entry in records.items():
            self._docs[(entry.child, entry.date)] = int(doc_id)
            self._by_day[entry.date].add(entry.child)

    # -- reading ------------------------------------------------------------------------

    def day(self, child_id: str, day: date) -> AbcDay:
        """One child's day as stored: the live file and the day's archive together."""
        archived = self._archived(school_year_of(day)).get((child_id, day))
        return merged(self._live_day(child_id, day), archived) or AbcDay(child_id, day)

    def days(self, days: Iterable[date]) -> dict[Key, AbcDay]:
        """The recorded days among `days` (live and archived), via the indexes only."""
        found: dict[Key, AbcDay] = {}
        for day in days:
            archived = self._archived_children(school_year_of(day)).get(day, set())
            for child_id in self._by_day.get(day, set()) | archived:
                entry = self.day(child_id, day)
                if entry.total:
                    found[(child_id, day)] = entry
        return found

    def of_year(self, year: int) -> list[AbcDay]:
        """Every recorded day of a school year, live and archived."""
        found = dict(self._archived(year))
        # A day in the live file too (a crash while closing): both copies joined.
        found.update((key, self.day(*key)) for key in self._docs if school_year_of(key[1]) == year)
        # A day with a mark at all (entry.total > 0, without counting: a year has thousands).
        return [entry for entry in found.values() if any(entry.marks.values())]

    def history(self, child_id: str, year: int) -> list[AbcDay]:
        """Every recorded day of one child in a school year, live and archived."""
        return sorted(
            (entry for entry in self.of_year(year) if entry.child_id == child_id),
            key=lambda entry: entry.day,
        )

    def newest_day(self) -> date | None:
        """The newest day with a tick, live or archived (an unreadable archive is left to
        the screens that read it)."""
        newest = max((day for day, children in self._by_day.items() if children), default=None)
        for year in sorted(self._years.archived_years(), reverse=True):
            if newest is not None and year < school_year_of(newest):
                break
            try:
                days = [day for _, day in self._archived(year)]
            except DataFileError:
                continue
            newest = max([*days, *([newest] if newest else [])], default=None)
        return newest

    def is_empty(self) -> bool:
        return not self._docs

    # -- writing ------------------------------------------------------------------------

    def save(self, entry: AbcDay) -> AbcDay:
        """Store one child's day as given (replacing what was there).

        A day of a closed school year is refused (SchoolYearClosed); a day whose school
        year has an archive but is today's goes into that archive, never beside it.
        """
        years = self._years
        year = school_year_of(entry.day)
        years.check_open(year)
        self._children.check_known(entry.child_id)
        if years.has_archive(year):
            self._save_in_archive(entry)
        else:
            self._save_live(entry)
        return entry

    def _save_in_archive(self, entry: AbcDay) -> None:
        """The day is replaced in its archive (the caller read it through `day`, archive
        included), and a live copy of it is dropped."""
        year = school_year_of(entry.day)
        archived = dict(self._archived(year))
        key = (entry.child_id, entry.day)
        if entry.total:
            archived[key] = entry
        else:
            archived.pop(key, None)
        self._years.write_entries(year, self, archived)
        if key in self._docs:
            self._save_live(AbcDay(entry.child_id, entry.day))

    def _save_live(self, entry: AbcDay) -> None:
        key = (entry.child_id, entry.day)
        table = self._core.table(TABLE)
        doc_id = self._docs.get(key)
        if entry.total == 0:
            if doc_id is not None:
                self._core.write(lambda: table.remove(doc_ids=[doc_id]))
                del self._docs[key]
                self._by_day[entry.day].discard(entry.child_id)
            return
        if doc_id is None:
            self._docs[key] = self._core.write(lambda: table.insert(abc_to(entry)))
            self._by_day[entry.day].add(entry.child_id)
        else:
            self._core.write(lambda: table.update(abc_to(entry), doc_ids=[doc_id]))

    # -- the archive's part (school_years.YearBound) ------------------------------------

    def _live_day(self, child_id: str, day: date) -> AbcDay | None:
        doc_id = self._docs.get((child_id, day))
        if doc_id is None:
            return None
        return abc_from(self._core.document(self._core.table(TABLE), doc_id))

    def _archived(self, year: int) -> Mapping[Key, AbcDay]:
        return self._years.archived(year).entries(self)

    def _archived_children(self, year: int) -> dict[date, set[str]]:
        archived = self._archived(year)
        cached = self._archived_by_day.get(year)
        if cached is None or cached[0] is not archived:
            by_day: dict[date, set[str]] = defaultdict(set)
            for child_id, day in archived:
                by_day[day].add(child_id)
            cached = (archived, dict(by_day))
            self._archived_by_day[year] = cached
        return cached[1]

    def day_of(self, key: Key) -> date:
        return key[1]

    def live_years(self) -> set[int]:
        return {school_year_of(day) for day, children in self._by_day.items() if children}

    def live(self, years: Collection[int]) -> dict[Key, AbcDay]:
        found = {}
        for child_id, day in self._docs:
            if school_year_of(day) in years:
                entry = self._live_day(child_id, day)
                if entry is not None:
                    found[(child_id, day)] = entry
        return found

    def remove_live(self, keys: Collection[Key]) -> None:
        doc_ids = [self._docs[key] for key in keys]
        if doc_ids:
            table = self._core.table(TABLE)
            self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for child_id, day in keys:
            del self._docs[(child_id, day)]
            self._by_day[day].discard(child_id)

    def add_live(self, entries: Mapping[Key, AbcDay]) -> None:
        documents = [abc_to(entry) for key, entry in entries.items() if key not in self._docs]
        for document in documents:
            self._children.check_known(document["child"])
        if not documents:
            return
        table = self._core.table(TABLE)
        doc_ids = self._core.write(lambda: table.insert_multiple(documents))
        for document, doc_id in zip(documents, doc_ids, strict=True):
            key = (document["child"], date.fromisoformat(document["date"]))
            self._docs[key] = doc_id
            self._by_day[key[1]].add(key[0])

    def decode_archived(self, documents: Sequence[Raw]) -> dict[Key, AbcDay]:
        found: dict[Key, AbcDay] = {}
        for document in documents:
            entry = abc_from(document)
            key = (entry.child_id, entry.day)
            earlier = found.get(key)  # (the codec lets no archive hold a day twice)
            found[key] = entry if earlier is None else (merged(earlier, entry) or entry)
        return found

    def encode_archived(self, entries: Mapping[Key, AbcDay]) -> list[Raw]:
        return [abc_to(entries[key]) for key in sorted(entries, key=lambda k: (k[1], k[0]))]

    def joined(
        self, archived: Mapping[Key, AbcDay], moved: Mapping[Key, AbcDay]
    ) -> dict[Key, AbcDay]:
        found = dict(archived)
        for key, entry in moved.items():
            joined = merged(found.get(key), entry)
            if joined is not None and joined.total:
                found[key] = joined
        return found

    def counts(self, entries: Mapping[Key, AbcDay]) -> dict[str, int]:
        return {
            "marks": sum(entry.total for entry in entries.values()),
            "days": len({day for _, day in entries}),
        }

    def exported(self, year: int) -> list[dict[str, Any]]:
        """One row per tick: child, name, date, moment, ingredient (the codec's
        TICK_FIELDS), each moment's in the deck's order (the marks are a set)."""
        rows: list[dict[str, Any]] = []
        add = rows.append
        # Plain loops, no call per possible mark: ten years hold a million of them.
        for child, name, day, marks in self.export_days(year):
            for moment in MOMENTS:
                marked = marks.get(moment)
                if marked:
                    for item in ABC_ITEMS:
                        if item in marked:
                            add(
                                {
                                    "child": child,
                                    "child_name": name,
                                    "date": day,
                                    "moment": moment,
                                    "item": item,
                                }
                            )
        return rows

    def export_days(self, year: int) -> list[TickDay]:
        """The year's days as an export lists them, by day and then child: the child's id
        and name (empty for one no longer known), the ISO day and the marks. `exported`
        makes its rows of them, an export file its bytes (codec.export_ticks)."""
        names = {c.id: c.full_name for c in self._children.all(include_archived=True)}
        days = sorted(self.of_year(year), key=lambda entry: (entry.day, entry.child_id))
        return [(e.child_id, names.get(e.child_id, ""), e.day.isoformat(), e.marks) for e in days]


if TYPE_CHECKING:  # mypy checks the kind's methods against its own entries
    _YEAR_BOUND: type[YearBound[Key, AbcDay]] = Abc
