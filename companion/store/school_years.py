"""School years: live, archived, closed; generic over the kinds that belong to a year.

The live file holds every school year that is not closed, however many (a clock never
moves anything). Closing is a step the teacher confirms (`close`): the year's entries of
every year-bound kind move into `<name>.archive/<yyyy-yyyy>.json`, archive first. A
closed year is read only; if today's school year has an archive (closed early on a wrong
date, or by an older version that closed years on open), its entries are saved in that
archive, never beside it. Every read sees the live file and the archives together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from companion.store.codec import encode, open_archive
from companion.store.codec.crypto import Sealing
from companion.store.days_off import TABLE as DAYS_OFF
from companion.store.errors import (
    ClockInDoubt,
    DataFileCorrupt,
    DataFileError,
    SchoolYearClosed,
)
from companion.store.files import archive_dir_for, atomic_write, ensure_private_folder
from companion.store.schema import APP_ID, SCHEMA_VERSION, Raw
from companion.store.year_bound import NO_ARCHIVE, ArchivedYear, Entries, K, V, YearBound

# The kinds are walked together, each with entries of its own types.
AnyKind = YearBound[Any, Any]

if TYPE_CHECKING:
    from companion.store.backups import Backups
    from companion.store.core import Core


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

    def declare(self, kinds: Sequence[AnyKind], *, newest_day: Callable[[], date | None]) -> None:
        """The year-bound kinds, and the newest day with a tick (for `clock_doubt`)."""
        self.kinds = tuple(kinds)
        self._newest_day = newest_day

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
            path = self.archive_path(year)
            backups = self._backups
            try:
                raw, self._sealings[year] = open_archive(
                    path, year=year, keyring=self._core.keyring
                )
                self._cache[year] = self._decode(path, raw)
            except DataFileError as error:
                # Its backups live in the data file's backups folder: the message says so.
                error.with_backups(
                    backups.folder,
                    backups.year_prefix(year),
                    data_path=self._core.path,
                    year=year,
                )
                raise
            backups.make(path, backups.year_prefix(year), daily=True)
        return self._cache[year]

    def _decode(self, path: Path, raw: Raw) -> ArchivedYear:
        try:
            return ArchivedYear(
                {kind.name: kind.decode_archived(raw.get(kind.name, [])) for kind in self.kinds}
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DataFileCorrupt(path, f"a malformed entry: {error!r}") from error

    def _encode(self, year: int, archived: ArchivedYear) -> Raw:
        document: Raw = {"meta": {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": year}}
        for kind in self.kinds:
            document[kind.name] = kind.encode_archived(archived.of(kind.name))
        return document

    def _write_archive(self, year: int, archived: ArchivedYear) -> None:
        path = self.archive_path(year)
        self._core.write(lambda: ensure_private_folder(self.archive_dir))
        sealing = self._sealing_of(year)
        self._core.write(lambda: atomic_write(path, encode(self._encode(year, archived), sealing)))
        self._cache[year] = archived
        self._archived.add(year)
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

    def _merge_into_archive(self, year: int, moved: Mapping[str, Entries]) -> None:
        """Add entries to a year's archive: what is there already is joined, never
        replaced, so moving the same entries twice (after a crash) changes nothing."""
        existing = self.archived(year)
        joined = {
            kind.name: kind.joined(existing.of(kind.name), moved.get(kind.name, {}))
            for kind in self.kinds
        }
        self._write_archive(year, ArchivedYear(joined))

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
        if chosen:  # the data file as it was, and each archive that is joined
            self._backups.before(BEFORE_CLOSE)
            for year in chosen:
                if year in self._archived:
                    path = self.archive_path(year)
                    self._backups.make(
                        path, self._backups.year_prefix(year), daily=False, reason=BEFORE_CLOSE
                    )
        moving = {kind.name: kind.live(chosen) for kind in self.kinds}
        for year in sorted(chosen):
            self._merge_into_archive(
                year,
                {kind.name: self._of_year(kind, moving[kind.name], year) for kind in self.kinds},
            )
        # Every archive is written: only now do the entries leave the live file. A crash
        # in between leaves them in both, which reads (and a second close) join into one.
        for kind in self.kinds:
            kind.remove_live(list(moving[kind.name]))
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
