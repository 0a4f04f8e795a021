"""The ABC of Love: one entry per child and day, in the live file or its year's archive.

Every read joins the live file and the archive (a crash while closing leaves a day in
both); a save of a day whose school year has an archive goes into that archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from companion.domain.abc import AbcDay
from companion.domain.calendar import school_year_of
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store.codec import TickDay
from companion.store.errors import DataFileError
from companion.store.lazy import Lazy
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
# Live days kept as read (`Abc._read`): some weeks of a class of 40, a few hundred KB.
READ_DAYS_KEPT = 2048
# The live file's days: day -> {child id: doc id}. The doc ids are kept as the file spells
# them (str): a late-June file holds some 6000 days, and int() of each cost more than the
# rest of the index; TinyDB's calls take int(doc id) of the few a read or write names.
DayIndex = dict[date, dict[str, str]]
NOBODY: Mapping[str, str] = MappingProxyType({})


def index_of(records: Mapping[str, AbcRecord]) -> DayIndex:
    index: DayIndex = {}
    for doc_id, entry in records.items():
        children = index.get(entry.date)
        if children is None:
            index[entry.date] = {entry.child: doc_id}
        else:
            children[entry.child] = doc_id
    return index


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
        # Made when first read (every write reads it first), once even with two threads.
        self._index = Lazy(lambda: index_of(records))
        # The live days as read, by doc id: a week ledger or a day switch reads the same
        # days again and again, and an AbcDay is immutable. A write replaces its day here
        # only once it is on disk; a purge reads the store anew (`Store.reload`).
        self._read: dict[str, AbcDay] = {}
        # Which children have a day in an archive, per year (made when first asked).
        self._archived_by_day: dict[int, tuple[Mapping[Key, AbcDay], dict[date, set[str]]]] = {}

    @property
    def _by_day(self) -> DayIndex:
        return self._index.get()

    def _doc_id(self, key: Key) -> str | None:
        child_id, day = key
        return self._by_day.get(day, NOBODY).get(child_id)

    def _forget(self, key: Key) -> None:
        child_id, day = key
        children = self._by_day[day]
        self._read.pop(children.pop(child_id), None)
        if not children:
            del self._by_day[day]

    def _live_keys(self) -> Iterable[Key]:
        return ((child_id, day) for day, children in self._by_day.items() for child_id in children)

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
            for child_id in self._by_day.get(day, NOBODY).keys() | archived:
                entry = self.day(child_id, day)
                if entry.total:
                    found[(child_id, day)] = entry
        return found

    def of_year(self, year: int) -> list[AbcDay]:
        """Every recorded day of a school year, live and archived."""
        found = dict(self._archived(year))
        # A day in the live file too (a crash while closing): both copies joined.
        live = (key for key in self._live_keys() if school_year_of(key[1]) == year)
        found.update((key, self.day(*key)) for key in live)
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
        newest = max(self._by_day, default=None)  # (a day without a child is dropped)
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
        return not self._by_day

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
        if self._doc_id(key) is not None:
            self._save_live(AbcDay(entry.child_id, entry.day))

    def _save_live(self, entry: AbcDay) -> None:
        key = (entry.child_id, entry.day)
        table = self._core.table(TABLE)
        doc_id = self._doc_id(key)
        if entry.total == 0:
            if doc_id is not None:
                self._core.write(lambda: table.remove(doc_ids=[int(doc_id)]))
                self._forget(key)
            return
        if doc_id is None:
            new_id = self._core.write(lambda: table.insert(abc_to(entry)))
            self._by_day.setdefault(entry.day, {})[entry.child_id] = str(new_id)
        else:
            self._core.write(lambda: table.update(abc_to(entry), doc_ids=[int(doc_id)]))
            self._read.pop(doc_id, None)

    # -- the archive's part (school_years.YearBound) ------------------------------------

    def _live_day(self, child_id: str, day: date) -> AbcDay | None:
        doc_id = self._doc_id((child_id, day))
        if doc_id is None:
            return None
        entry = self._read.get(doc_id)
        if entry is None:
            if len(self._read) >= READ_DAYS_KEPT:  # a year's report read them all
                self._read.clear()
            document = self._core.document(self._core.table(TABLE), int(doc_id))
            entry = self._read[doc_id] = abc_from(document)
        return entry

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
        return {school_year_of(day) for day in self._by_day}

    def live(self, years: Collection[int]) -> dict[Key, AbcDay]:
        found = {}
        for child_id, day in self._live_keys():
            if school_year_of(day) in years:
                entry = self._live_day(child_id, day)
                if entry is not None:
                    found[(child_id, day)] = entry
        return found

    def remove_live(self, keys: Collection[Key]) -> None:
        doc_ids = [int(self._by_day[day][child_id]) for child_id, day in keys]
        if doc_ids:
            table = self._core.table(TABLE)
            self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for key in keys:
            self._forget(key)

    def add_live(self, entries: Mapping[Key, AbcDay]) -> None:
        documents = [abc_to(e) for key, e in entries.items() if self._doc_id(key) is None]
        for document in documents:
            self._children.check_known(document["child"])
        if not documents:
            return
        table = self._core.table(TABLE)
        doc_ids = self._core.write(lambda: table.insert_multiple(documents))
        for document, doc_id in zip(documents, doc_ids, strict=True):
            day = date.fromisoformat(document["date"])
            self._by_day.setdefault(day, {})[document["child"]] = str(doc_id)

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
