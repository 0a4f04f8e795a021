"""School years: live, archived, closed; generic over the kinds that belong to a year.

The live file holds every school year that is not closed, however many (a clock never
moves anything). Closing is a step the teacher confirms (`close`): the year's entries of
every year-bound kind move into `<name>.archive/<yyyy-yyyy>.json`, archive first, and
with them the children who left whose last school year it is (past_children.py). A
closed year is read only; if today's school year has an archive (closed early on a wrong
date, or by an older version that closed years on open), its entries are saved in that
archive, never beside it. Every read sees the live file and the archives together; the
children who left are read from the archives the first time one of them is asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from companion.domain.abc import AbcDay
from companion.domain.calendar import (
    ClockDoubt,
    ClosingSummary,
    DayOff,
    clock_doubt,
    school_year_label,
    school_year_of,
)
from companion.store.abc import TABLE as ABC
from companion.store.backups import BEFORE_CLOSE
from companion.store.codec import encode, open_archive, open_past_class
from companion.store.codec.crypto import Sealing
from companion.store.days_off import TABLE as DAYS_OFF
from companion.store.errors import (
    ClockInDoubt,
    DataFileCorrupt,
    DataFileError,
    SchoolYearClosed,
)
from companion.store.files import archive_dir_for, atomic_write, ensure_private_folder
from companion.store.past_children import (
    NOBODY,
    PastClass,
    last_year,
    named_in,
    named_years,
    past_class_of,
    past_class_to,
)
from companion.store.schema import APP_ID, SCHEMA_VERSION, Raw
from companion.store.year_bound import NO_ARCHIVE, ArchivedYear, Entries, K, V, YearBound

# The kinds are walked together, each with entries of its own types.
AnyKind = YearBound[Any, Any]
W = TypeVar("W")

if TYPE_CHECKING:
    from companion.domain.children import Child
    from companion.domain.needs import NeedsProfile
    from companion.store.backups import Backups
    from companion.store.children import Children
    from companion.store.core import Core
    from companion.store.needs import Needs


def archived_years(path: Path) -> list[int]:
    """The school years archived beside `path`: files named <yyyy>-<yyyy + 1>.json (other
    names are not ours, and a year no calendar has would only break later)."""
    folder = archive_dir_for(path)
    years = []
    if folder.is_dir():
        for file in folder.glob("*.json"):
            start = file.stem.split("-")[0]
            if (
                start.isascii()
                and start.isdigit()
                and 1000 <= int(start) < 9999
                and file.stem == school_year_label(int(start))
            ):
                years.append(int(start))
    return years


class SchoolYears:
    """`kinds` is the declared list of the year-bound kinds (Store declares it, once they
    are made with this object): archiving, closing, export and the merged reads walk it, so
    a new kind is covered by being in it."""

    def __init__(self, core: Core, backups: Backups) -> None:
        self._core = core
        self._backups = backups
        self.kinds: tuple[AnyKind, ...] = ()
        self._newest_day: Callable[[], date | None] = lambda: None
        self._archived: set[int] = set(archived_years(core.path))
        self._cache: dict[int, ArchivedYear] = {}
        # How each archive read is written again (its header; None: plaintext).
        self._sealings: dict[int, Sealing | None] = {}
        # Per archive read or written: the children who left with its year, and the ids
        # its entries name (small, so kept when its entries are let go).
        self._classes: dict[int, PastClass] = {}
        self._named: dict[int, frozenset[str]] = {}
        # Every past child's id -> the year whose archive holds her; None until asked.
        self._past: dict[str, int] | None = None
        self._children: Children | None = None
        self._needs: Needs | None = None

    def declare(
        self,
        kinds: Sequence[AnyKind],
        *,
        newest_day: Callable[[], date | None],
        children: Children,
        needs: Needs,
    ) -> None:
        """The year-bound kinds, the newest day with a tick (for `clock_doubt`), and the
        live file's children and needs profiles (the children who left move with them)."""
        self.kinds = tuple(kinds)
        self._newest_day = newest_day
        self._children = children
        self._needs = needs

    # -- which years there are ------------------------------------------------------------

    @property
    def archive_dir(self) -> Path:
        return archive_dir_for(self._core.path)

    def archive_path(self, year: int) -> Path:
        return self.archive_dir / f"{school_year_label(year)}.json"

    def all(self) -> list[int]:
        """The current year, every year in the live file and every archived one, newest
        first."""
        years = {self._core.current_year, *self._live_years(), *self._archived}
        return sorted(years, reverse=True)

    def archived_years(self) -> list[int]:
        return sorted(self._archived)

    def has_archive(self, year: int) -> bool:
        return year in self._archived

    def is_closed(self, year: int) -> bool:
        """Closed: the year has an archive and is not today's school year."""
        return year in self._archived and year != self._core.current_year

    def check_open(self, year: int) -> None:
        """Refuse a change to a closed school year (SchoolYearClosed)."""
        if self.is_closed(year):
            raise SchoolYearClosed(self.archive_path(year), year)

    def _live_years(self) -> set[int]:
        return {year for kind in self.kinds for year in kind.live_years()}

    # -- the archives ---------------------------------------------------------------------

    def archived(self, year: int) -> ArchivedYear:
        """A closed year's entries, read from its archive once (empty without one)."""
        if year not in self._archived:
            return NO_ARCHIVE
        if year not in self._cache:
            self._cache[year] = self._read(year, self._decode)
        return self._cache[year]

    def _read(self, year: int, decode: Callable[[Path, Raw], W]) -> W:
        """An archive read, decrypted and checked (its daily backup made), and `decode`d;
        the ids its entries name are kept on the way."""
        return self._reading(year, lambda path: self._decoded(path, year, decode), whole=True)

    def _decoded(self, path: Path, year: int, decode: Callable[[Path, Raw], W]) -> W:
        raw, self._sealings[year] = open_archive(path, year=year, keyring=self._core.keyring)
        self._named[year] = named_in(raw)
        return decode(path, raw)

    def _reading(self, year: int, read: Callable[[Path], W], *, whole: bool) -> W:
        """`read` of a year's archive: a DataFileError names its backups. The first read
        of the day of a `whole` archive (every entry checked) makes one: a file read only
        in part might be damaged elsewhere, and must not push a good backup out."""
        path = self.archive_path(year)
        backups = self._backups
        try:
            decoded = read(path)
        except DataFileError as error:
            # Its backups live in the data file's backups folder: the message says so.
            error.with_backups(
                backups.folder,
                backups.year_prefix(year),
                data_path=self._core.path,
                year=year,
            )
            raise
        if whole:
            backups.make(path, backups.year_prefix(year), daily=True)
        return decoded

    def _class_read(self, path: Path, year: int) -> PastClass:
        archived, self._sealings[year] = open_past_class(
            path, year=year, keyring=self._core.keyring
        )
        return past_class_of(archived)

    @contextmanager
    def read_once(self, year: int) -> Iterator[None]:
        """A block that reads a year's archive (`archived`) and is then done with it: kept
        only if it was before, so a walk through every year (an export) holds one at a
        time. A later read reads the file again."""
        held = year in self._cache
        try:
            yield
        finally:
            if not held:
                self._cache.pop(year, None)

    def _decode(self, path: Path, raw: Raw) -> ArchivedYear:
        try:
            return ArchivedYear(
                {kind.name: kind.decode_archived(raw.get(kind.name, [])) for kind in self.kinds}
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DataFileCorrupt(path, f"a malformed entry: {error!r}") from error

    def _encode(self, year: int, archived: ArchivedYear, past: PastClass) -> Raw:
        document: Raw = {"meta": {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": year}}
        for kind in self.kinds:
            document[kind.name] = kind.encode_archived(archived.of(kind.name))
        document.update(past_class_to(past))
        return document

    def _write_archive(
        self, year: int, archived: ArchivedYear, past: PastClass | None = None
    ) -> None:
        """Write a year's archive whole: `archived`'s entries and `past` (None: the
        children who left with it as they are)."""
        path = self.archive_path(year)
        past = self.past_class(year) if past is None else past  # (read first: its sealing)
        self._core.write(lambda: ensure_private_folder(self.archive_dir))
        sealing = self._sealing_of(year)
        document = self._encode(year, archived, past)
        self._core.write(lambda: atomic_write(path, encode(document, sealing)))
        self._cache[year] = archived
        self._archived.add(year)
        if past != self._classes.get(year, NOBODY):
            self._past = None  # who is kept where changed: the index is made anew
        self._classes[year] = past
        self._named[year] = named_in(document)
        self._backups.make(path, self._backups.year_prefix(year), daily=False)

    def _sealing_of(self, year: int) -> Sealing | None:
        """An archive is encrypted when the live file is: under its own header when it
        has one (its file salt kept), else a new one under the data folder's KDF salt."""
        store = self._core.sealing
        if store is None:
            return None
        sealing = self._sealings.get(year)
        if sealing is None:
            sealing = self._sealings[year] = store.keyring.new_file()
        return sealing

    def write_entries(self, year: int, kind: YearBound[K, V], entries: Mapping[K, V]) -> None:
        """Replace one kind's entries in a year's archive (the other kinds' stay)."""
        self._write_archive(year, self.archived(year).replaced(kind.name, entries))

    def _merge_into_archive(
        self, year: int, moved: Mapping[str, Entries], leaving: PastClass = NOBODY
    ) -> None:
        """Add entries (and children who left) to a year's archive: what is there already
        is joined, never replaced, so moving the same entries twice (after a crash)
        changes nothing."""
        existing = self.archived(year)
        joined = {
            kind.name: kind.joined(existing.of(kind.name), moved.get(kind.name, {}))
            for kind in self.kinds
        }
        self._write_archive(year, ArchivedYear(joined), self.past_class(year).joined(leaving))

    def _of_year(self, kind: AnyKind, entries: Entries, year: int) -> dict[Any, Any]:
        return {
            key: value for key, value in entries.items() if school_year_of(kind.day_of(key)) == year
        }

    # -- closing ------------------------------------------------------------------------

    def closable(self) -> list[int]:
        """School years before today's that still have entries in the live file."""
        return sorted(year for year in self._live_years() if year < self._core.current_year)

    def closing_summary(self, years: Iterable[int] | None = None) -> ClosingSummary:
        chosen = set(self.closable() if years is None else years)
        counts = {field.name: 0 for field in fields(ClosingSummary) if field.name != "years"}
        for kind in self.kinds:
            counts.update(kind.counts(kind.live(chosen)))
        return ClosingSummary(tuple(sorted(chosen)), **counts)

    def close(self, years: Iterable[int] | None = None) -> ClosingSummary:
        """Move school years before today's (all of them by default) out of the live file
        into their archives: archive first, then the live file. Refused while the
        computer's date is in doubt (ClockInDoubt), since 'before today' rests on it."""
        refusal = self.closing_refusal()
        if refusal is not None:
            raise refusal
        closable = self.closable()
        chosen = [year for year in (closable if years is None else years) if year in closable]
        summary = self.closing_summary(chosen)
        leaving = self._leaving(chosen) if chosen else {}
        if chosen:  # the data file as it was, and each archive that is joined
            self._backups.before(BEFORE_CLOSE)
            for year in {*chosen, *leaving}:
                if year in self._archived:
                    path = self.archive_path(year)
                    self._backups.make(
                        path, self._backups.year_prefix(year), daily=False, reason=BEFORE_CLOSE
                    )
        moving = {kind.name: kind.live(chosen) for kind in self.kinds}
        for year in sorted({*chosen, *leaving}):
            self._merge_into_archive(
                year,
                {kind.name: self._of_year(kind, moving[kind.name], year) for kind in self.kinds},
                self._past_class_leaving(leaving.get(year, ())),
            )
        # Every archive is written: only now do the entries leave the live file. A crash
        # in between leaves them in both, which reads (and a second close) join into one.
        for kind in self.kinds:
            kind.remove_live(list(moving[kind.name]))
        self._remove_from_live(leaving)
        return summary

    def closing_refusal(self) -> DataFileError | None:
        """Why no school year can be closed now: the file takes no changes, or the
        computer's date is in doubt (ClockInDoubt). None: closing may go ahead."""
        refusal = self._core.refusal
        if refusal is not None:
            return refusal
        doubt = self.clock_doubt()
        return None if doubt is None else ClockInDoubt(self._core.path, doubt)

    def clock_doubt(self) -> ClockDoubt | None:
        """Whether the store's today looks wrong next to the data (see clock_doubt)."""
        return clock_doubt(self._core.today, self._newest_day())

    # -- bulk loading ---------------------------------------------------------------------

    def load(self, entries: Mapping[str, Entries]) -> None:
        """Bulk-load entries per kind: years before today's straight into their archives
        (closed), a later year with an archive there too (like every save of it), the
        rest into the live file, one write per kind."""
        years = {
            school_year_of(kind.day_of(key))
            for kind in self.kinds
            for key in entries.get(kind.name, {})
        }
        current = self._core.current_year
        to_archive = {year for year in years if year < current or year in self._archived}
        for year in sorted(to_archive):
            self._merge_into_archive(
                year,
                {
                    kind.name: self._of_year(kind, entries.get(kind.name, {}), year)
                    for kind in self.kinds
                },
            )
        for kind in self.kinds:
            kept = entries.get(kind.name, {})
            live = {
                k: v for k, v in kept.items() if school_year_of(kind.day_of(k)) not in to_archive
            }
            kind.add_live(live)
        self._move_leaving()

    def load_history(self, entries: Iterable[AbcDay], days_off: Iterable[DayOff] = ()) -> int:
        """Bulk-load ABC days and days off (e.g. a demo class). Returns how many days
        were stored."""
        abc: dict[tuple[str, date], AbcDay] = {}
        for entry in entries:
            if entry.total:
                abc[(entry.child_id, entry.day)] = entry
        by_kind: dict[str, Entries] = defaultdict(dict)
        by_kind[ABC] = abc
        by_kind[DAYS_OFF] = {off.day: off.reason for off in days_off}
        self.load(by_kind)
        return len(abc)

    # -- the children who left ------------------------------------------------------------

    def past_class(self, year: int) -> PastClass:
        """The children who left with a closed year (read from its archive once, without
        keeping its entries; nobody without an archive)."""
        if year not in self._archived:
            return NOBODY
        if year not in self._classes:
            # Only its children: the rest of the file is skipped, not decoded (light).
            read = self._reading(year, lambda path: self._class_read(path, year), whole=False)
            self._classes[year] = read
        return self._classes[year]

    def _past_index(self) -> dict[str, int]:
        """Every past child's id -> the year whose archive holds her (a newer one's copy
        wins: a child can be in two only after a crash), reading every archive once."""
        if self._past is None:
            index: dict[str, int] = {}
            for year in sorted(self._archived):
                index.update(dict.fromkeys(self.past_class(year).children, year))
            self._past = index
        return self._past

    def past_children(self) -> dict[str, Child]:
        """The children kept in the archives, by id, oldest year first."""
        return {
            child_id: self._classes[year].children[child_id]
            for child_id, year in self._past_index().items()
        }

    def past_child(self, child_id: str) -> Child | None:
        year = self._past_index().get(child_id)
        return None if year is None else self._classes[year].children[child_id]

    def past_profile(self, child_id: str) -> NeedsProfile | None:
        year = self._past_index().get(child_id)
        return None if year is None else self._classes[year].profiles.get(child_id)

    def past_profiles(self) -> dict[str, NeedsProfile]:
        return {
            child_id: profile
            for child_id, year in self._past_index().items()
            if (profile := self._classes[year].profiles.get(child_id)) is not None
        }

    def update_past_child(self, child: Child) -> None:
        """Change the record of a child kept in an archive (her name, her note)."""
        year = self._past_index()[child.id]
        self._write_archive(year, self.archived(year), self.past_class(year).replaced(child))

    def returned(self, child_id: str) -> None:
        """A past child is back in the live file (Children put her there), and her needs
        profile follows her. Her archive keeps her record as she left that year: the live
        file's copy is the one read, and a backup of the live file from before she came
        back still finds her there when it is restored."""
        profile = self.past_profile(child_id)
        if profile is not None:
            self._live_class()[1].save(profile)

    def _live_class(self) -> tuple[Children, Needs]:
        if self._children is None or self._needs is None:
            raise TypeError("SchoolYears.declare was not given the children and needs")
        return self._children, self._needs

    def _leaving(self, closing: Collection[int]) -> dict[int, list[Child]]:
        """The children who left whose last school year is closed once `closing` is, by
        that year: no entry of a school year that stays open names them."""
        children, _ = self._live_class()
        leavers = [child for child in children.in_live_file() if child.archived]
        if not leavers:
            return {}
        live_years = self._live_years()
        staying = live_years - set(closing)
        named = named_years(
            (kind.name, row)
            for kind in self.kinds
            for row in kind.encode_archived(kind.live(live_years))
        )
        leaving: dict[int, list[Child]] = defaultdict(list)
        for child in leavers:
            years = named.get(child.id, set())
            if years & staying:
                continue
            year = self._newest_naming(child.id, last_year(child.added_on, years))
            if year < self._core.current_year and year not in staying:
                leaving[year].append(child)
        return leaving

    def _newest_naming(self, child_id: str, year: int) -> int:
        """`year`, or a later archived year whose entries name her (written by an older
        version, or closed before an earlier one)."""
        for later in sorted(self._archived, reverse=True):
            if later <= year:
                break
            if later not in self._named:
                self._read(later, lambda path, raw: None)  # what its entries name
            if child_id in self._named.get(later, frozenset()):
                return later
        return year

    def _past_class_leaving(self, children: Iterable[Child]) -> PastClass:
        """The live file's children (and their profiles) as they go into an archive."""
        profiles = self._live_class()[1].all()
        chosen = {child.id: child for child in children}
        return PastClass(
            chosen, {child_id: profiles[child_id] for child_id in chosen if child_id in profiles}
        )

    def _remove_from_live(self, leaving: Mapping[int, Sequence[Child]]) -> None:
        """Their archives hold them: the profiles leave the live file, then the children
        (so that at every step its entries name only children it holds)."""
        ids = [child.id for children in leaving.values() for child in children]
        if ids:
            children, needs = self._live_class()
            needs.remove_live(ids)
            children.remove_live(ids)

    def _move_leaving(self) -> None:
        """After a bulk load: the children who left whose last school year is closed go
        into its archive, archive first (as closing moves them)."""
        leaving = self._leaving(())
        for year in sorted(leaving):
            self._merge_into_archive(year, {}, self._past_class_leaving(leaving[year]))
        self._remove_from_live(leaving)
