"""The one place that knows TinyDB: typed reads and durable writes of domain objects.

The live file holds the current school year; closed school years move to their own
archive files (read only for history), so a save costs the same after ten years.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from companion.domain.abc import AbcDay
from companion.domain.calendar import (
    ClockDoubt,
    ClosingSummary,
    DayOff,
    SchoolCalendar,
    clock_doubt,
    school_year_label,
    school_year_of,
)
from companion.domain.children import Child, ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store.codec import encode, load_archive, load_live, records_of, refuse_unusable
from companion.store.errors import (
    ClockInDoubt,
    DataFileChanged,
    DataFileCorrupt,
    DataFileError,
    DataFileLinkLoop,
    DataFileLinkMissing,
    DataFileLocked,
    DataFileLockForeign,
    DataFileLockLost,
    DataFileReadOnly,
    DataFileUnreadable,
    DataFileUnwritable,
    SchoolYearClosed,
)
from companion.store.files import (
    PRIVATE_FILE,
    ReadOnly,
    archive_dir_for,
    atomic_write,
    backup_dir_for,
    backup_prefix_for,
    backups_in,
    ensure_private_folder,
    lock_path_for,
    make_private,
    make_tree_private,
    on_read_only_medium,
    read_only_error,
    read_only_reason,
    remove_stale_temps,
)
from companion.store.paths import check_data_target
from companion.store.schema import (
    APP_ID,
    SCHEMA_VERSION,
    ChildRecord,
    LiveFile,
    Raw,
    new_document,
)
from companion.store.storage import AtomicJSONStorage

BACKUPS_KEPT = 10
W = TypeVar("W")
EXPORT_FORMAT = "classroom-companion-export"


def _iso(day: date) -> str:
    return day.isoformat()


def _child_from(record: ChildRecord) -> Child:
    return Child(
        id=record.id,
        first_name=record.first_name,
        last_name=record.last_name,
        birth_date=record.birth_date,
        group=record.group,
        note=record.note,
        archived=record.archived,
        added_on=record.added_on,
    )


def _child_to(child: Child) -> dict[str, Any]:
    return {
        "id": child.id,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "birth_date": _iso(child.birth_date) if child.birth_date else None,
        "group": child.group,
        "note": child.note,
        "archived": child.archived,
        "added_on": _iso(child.added_on),
    }


def _abc_from(document: dict[str, Any]) -> AbcDay:
    marks = {moment: frozenset(document.get(moment, ())) for moment in MOMENTS}
    return AbcDay(document["child"], date.fromisoformat(document["date"]), marks)


def _abc_to(entry: AbcDay) -> dict[str, Any]:
    document: dict[str, Any] = {"child": entry.child_id, "date": _iso(entry.day)}
    for moment in MOMENTS:
        chosen = entry.items_at(moment)
        document[moment] = [item for item in ABC_ITEMS if item in chosen]
    return document


def _follow_link(path: Path) -> Path:
    """The file a symbolic link points to: saves replace the file they write, so through a
    link they would replace the link itself, and the linked file would stop getting them."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except RuntimeError as error:  # Python < 3.13 says "Symlink loop" this way
        raise DataFileLinkLoop(path) from error
    except FileNotFoundError as error:
        # A link to a drive that is not there must not become a new, empty class.
        raise DataFileLinkMissing(path, str(path.resolve(strict=False))) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DataFileLinkLoop(path) from error
        raise DataFileUnreadable(path, error) from error
    return target


FileIdentity = tuple[int, int, int, int]


def _identity(path: Path) -> FileIdentity | None:
    """What tells a file apart from one put in its place: device, inode, mtime, size."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None if not path.parent.is_dir() else (-1, -1, -1, -1)
    return (found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size)


def _owner_name(path: Path) -> str:
    try:
        uid = os.lstat(path).st_uid
    except OSError:
        return "?"
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _lock_path(path: Path) -> Path:
    return lock_path_for(path)


def _lock_failure(path: Path, error: OSError) -> DataFileError:
    """The true cause of a lock that could not be taken (not "open elsewhere")."""
    lock = _lock_path(path)
    if (
        isinstance(error, PermissionError)
        and os.name == "posix"
        and lock.exists()
        and os.lstat(lock).st_uid != os.geteuid()
    ):
        return DataFileLockForeign(path, lock, _owner_name(lock))
    return DataFileUnwritable(path, error)


def _merged(first: AbcDay | None, second: AbcDay | None) -> AbcDay | None:
    """One day from two copies (live and archive): every mark of either, none lost."""
    if first is None or second is None:
        return first or second
    marks = {moment: first.items_at(moment) | second.items_at(moment) for moment in MOMENTS}
    return AbcDay(first.child_id, first.day, marks)


@dataclass(frozen=True, slots=True)
class _ArchivedYear:
    """A closed school year's days, as read from (or written to) its archive file."""

    abc: Mapping[tuple[str, date], AbcDay] = field(default_factory=dict)
    days_off: Mapping[date, str] = field(default_factory=dict)
    by_day: Mapping[date, set[str]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        by_day: dict[date, set[str]] = defaultdict(set)
        for child_id, day in self.abc:
            by_day[day].add(child_id)
        object.__setattr__(self, "by_day", dict(by_day))

    @classmethod
    def decode(cls, path: Path, raw: Raw) -> _ArchivedYear:
        abc: dict[tuple[str, date], AbcDay] = {}
        try:
            for document in raw.get("abc", []):
                entry = _abc_from(document)
                joined = _merged(abc.get((entry.child_id, entry.day)), entry)
                if joined is not None:
                    abc[(entry.child_id, entry.day)] = joined
            days_off = {
                date.fromisoformat(doc["date"]): str(doc.get("reason", ""))
                for doc in raw.get("days_off", [])
            }
        except (KeyError, TypeError, ValueError) as error:
            raise DataFileCorrupt(path, f"a malformed entry: {error!r}") from error
        return cls(abc, days_off)

    def encode(self, year: int) -> Raw:
        return {
            "meta": {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": year},
            "abc": [_abc_to(self.abc[key]) for key in sorted(self.abc, key=lambda k: (k[1], k[0]))],
            "days_off": [
                {"date": _iso(day), "reason": reason}
                for day, reason in sorted(self.days_off.items())
            ],
        }


_NO_ARCHIVE = _ArchivedYear()


def default_data_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("classroom-companion", appauthor=False) / "companion.json"


class Store:
    """Open with `Store.open(path, today=...)`; holds the file's lock until `close()`."""

    def __init__(
        self,
        path: Path,
        today: date,
        raw: Raw,
        lock: FileLock | None,
        *,
        read_only: ReadOnly | None = None,
        backup: bool = True,
        records: LiveFile | None = None,
    ) -> None:
        """`raw` and `records`: the document as codec.load_live read and checked it
        (records are made from `raw` when it is this process's own, a new file)."""
        self.path = path
        self.today = today
        self.current_year = school_year_of(today)
        self._lock = lock
        # What the lock file and the data file were when we took the lock and last wrote:
        # anything else found there before a save means someone else got in.
        self._lock_seen = _identity(_lock_path(path)) if lock is not None else None
        self._file_seen = _identity(path)
        self._refusal: DataFileError | None = (
            DataFileReadOnly(path, read_only) if read_only is not None else None
        )
        self._backups_on = backup and read_only is None
        # Why the last backup could not be made (None: backups work), for the screens.
        self.backup_problem: OSError | None = None
        self._db = TinyDB(path, storage=AtomicJSONStorage, initial=raw)
        # Grows with every write: a screen shown again re-reads only if it changed.
        self.revision = 0
        self._children: dict[str, Child] = {}
        self._child_docs: dict[str, int] = {}
        self._abc_docs: dict[tuple[str, date], int] = {}
        self._abc_by_day: dict[date, set[str]] = defaultdict(set)
        self._days_off: dict[date, tuple[int, str]] = {}
        self._archive_cache: dict[int, _ArchivedYear] = {}
        self._archived: set[int] = set(archived_years(path))
        self._index(records or records_of(raw))
        # Today's school year is read by every screen: if it has an archive (closed on a
        # wrong date), a damaged one stops the opening with its message, never shows empty.
        self._archived_year(self.current_year)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, today: date, backup: bool = True) -> Self:
        """Open and lock the data file (made when missing). A file that the teacher or the
        OS made read-only (its mode, its folder, its medium) opens read-only, without a
        lock: everything can be read and exported, every change is refused."""
        path = Path(path).expanduser()
        try:
            # Only a path the app may write to, with names the computer can hold.
            check_data_target(path)
            return cls._open(path, today, backup)
        except OSError as error:  # whatever the OS said that no step above names
            raise DataFileUnwritable(path, error) from error

    @classmethod
    def _open(cls, path: Path, today: date, backup: bool) -> Self:
        path = _follow_link(path)
        refuse_unusable(path)  # a folder, a file of /proc, too large: before a lock is made
        read_only = read_only_reason(path)
        if read_only is not None:
            if not path.exists():  # no new class where nothing may be written
                medium = on_read_only_medium(path.parent)
                raise DataFileUnwritable(path, _os_error(errno.EROFS if medium else errno.EACCES))
            return cls._open_locked(path, today, None, backup, read_only)
        try:
            ensure_private_folder(path.parent)
        except OSError as error:
            raise DataFileUnwritable(path, error) from error
        lock = FileLock(str(_lock_path(path)), timeout=0, mode=PRIVATE_FILE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as error:
            if not _lock_path(path).exists():  # it could not even be made: not held by anyone
                raise DataFileUnwritable(path, _os_error(errno.EACCES)) from error
            raise DataFileLocked(path) from error
        except OSError as error:
            if read_only_error(error) and path.is_file() and not _lock_path(path).exists():
                # The folder takes no new file (a lock), though it looked writable.
                return cls._open_locked(path, today, None, backup, ReadOnly.FOLDER)
            raise _lock_failure(path, error) from error
        try:
            store = cls._open_locked(path, today, lock, backup)
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        today: date,
        lock: FileLock | None,
        backup: bool,
        read_only: ReadOnly | None = None,
    ) -> Self:
        if read_only is None:
            remove_stale_temp_files(path)
            make_files_private(path)
        if path.exists():
            raw, records, migrated = load_live(path)  # every entry checked
            store = cls(path, today, raw, lock, read_only=read_only, backup=backup, records=records)
            if read_only is not None:
                return store  # a migration lives in memory only; nothing is written
            # Only a file that opened cleanly is backed up, so a broken one can never
            # push the good backups out of the rotation.
            store._backup(path, backup_prefix_for(path), daily=True)
            if migrated:
                store._flush()
        else:
            store = cls(path, today, new_document(), lock, backup=backup)
            store._flush()
        return store

    def close(self) -> None:
        self._db.close()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.release()

    @property
    def read_only(self) -> bool:
        """True when changes are refused: opened read-only, or saving had to stop."""
        return self._refusal is not None

    @property
    def refusal(self) -> DataFileError | None:
        """Why changes are refused (DataFileReadOnly or DataFileStopped), or None."""
        return self._refusal

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _flush(self) -> None:
        storage = self._db.storage
        self._write(lambda: storage.write(storage.read() or {}))

    def _write(self, action: Callable[[], W]) -> W:
        """Every change to a file goes through here: checked first, then done durably."""
        self._check_may_write()
        try:
            result = action()
        except OSError as error:
            raise DataFileUnwritable(self.path, error) from error
        self._file_seen = _identity(self.path)
        self.revision += 1
        return result

    def _refuse(self, refusal: DataFileError) -> None:
        self._refusal = refusal
        raise refusal

    def _check_may_write(self) -> None:
        """Refuse a change to a file opened read-only, made read-only meanwhile, or taken
        over by someone else (its lock or the data file replaced): from then on nothing
        more is saved, so neither this window nor the other one loses what it saved."""
        if self._refusal is not None:
            raise self._refusal.with_traceback(None)
        if not self.path.parent.is_dir():
            return  # the stick was pulled out: the write itself fails, and may work later
        if self._lock is not None:
            lock = _identity(_lock_path(self.path))
            if lock is None or self._lock_seen is None or lock[:2] != self._lock_seen[:2]:
                self._refuse(DataFileLockLost(self.path, _lock_path(self.path)))
        if _identity(self.path) != self._file_seen:
            self._refuse(DataFileChanged(self.path))
        read_only = read_only_reason(self.path)
        if read_only is not None:
            self._refuse(DataFileReadOnly(self.path, read_only))

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _document(self, table: Table, doc_id: int) -> Document:
        """A document the indexes say is there (they are only updated after a write)."""
        document = table.get(doc_id=doc_id)
        if not isinstance(document, Document):
            raise KeyError(f"{table.name} document {doc_id} is missing")
        return document

    def _index(self, records: LiveFile) -> None:
        for doc_id, child_record in records.children.items():
            child = _child_from(child_record)
            self._children[child.id] = child
            self._child_docs[child.id] = int(doc_id)
        for doc_id, entry in records.abc.items():
            self._abc_docs[(entry.child, entry.date)] = int(doc_id)
            self._abc_by_day[entry.date].add(entry.child)
        for doc_id, off in records.days_off.items():
            self._days_off[off.date] = (int(doc_id), off.reason)

    # -- backups ----------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return backup_dir_for(self.path)

    def _backup(self, source: Path, prefix: str, *, daily: bool) -> None:
        """Copy `source` (the data file as it was opened, or an archive year as it was read
        or written) into the backups folder; the newest ten of each are kept. `daily`: not
        when there is one of today already. A backup that cannot be made must not stop the
        teacher's day, but it is said: `backup_problem` holds why, for the screens."""
        if not self._backups_on or self._refusal is not None:
            return
        folder = self.backup_dir
        stamp = datetime.now().strftime("%Y%m%d")
        if daily and any(
            old.name.startswith(f"{prefix}{stamp}-") for old in backups_in(folder, prefix)
        ):
            return
        try:
            ensure_private_folder(folder)
            moment = datetime.now().strftime("%Y%m%d-%H%M%S")
            atomic_write(folder / f"{prefix}{moment}.json", source.read_bytes())
            for old in backups_in(folder, prefix)[:-BACKUPS_KEPT]:
                old.unlink()
        except OSError as error:
            self.backup_problem = error

    def backups(self) -> list[Path]:
        """The backups of the data file, oldest first."""
        return backups_in(self.backup_dir, backup_prefix_for(self.path))

    def archive_backups(self, year: int) -> list[Path]:
        """The backups of one closed school year's archive, oldest first."""
        return backups_in(self.backup_dir, self._archive_prefix(year))

    def _archive_prefix(self, year: int) -> str:
        return backup_prefix_for(self.path, school_year_label(year))

    # -- settings ---------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        document = self._table("settings").get(doc_id=1)
        if document is None:
            return default
        value = document.get(key, default)
        return None if value is None else str(value)

    def set_setting(self, key: str, value: str) -> None:
        table = self._table("settings")
        if table.get(doc_id=1) is None:
            self._write(lambda: table.insert(Document({key: value}, doc_id=1)))
        else:
            self._write(lambda: table.update({key: value}, doc_ids=[1]))

    # -- children ---------------------------------------------------------------------

    def children(self, *, include_archived: bool = False) -> list[Child]:
        return [c for c in self._children.values() if include_archived or not c.archived]

    def child(self, child_id: str) -> Child | None:
        return self._children.get(child_id)

    def add_child(self, draft: ChildDraft, *, added_on: date | None = None) -> Child:
        return self.add_children([draft], added_on=added_on)[0]

    def add_children(
        self, drafts: Sequence[ChildDraft], *, added_on: date | None = None
    ) -> list[Child]:
        """Add many children in one write (an import is all or nothing on disk)."""
        children = [
            Child.from_draft(draft, id=uuid.uuid4().hex[:12], added_on=added_on or self.today)
            for draft in drafts
        ]
        if not children:
            return []
        doc_ids = self._write(
            lambda: self._table("children").insert_multiple(_child_to(c) for c in children)
        )
        for child, doc_id in zip(children, doc_ids, strict=True):
            self._children[child.id] = child
            self._child_docs[child.id] = doc_id
        return children

    def update_child(self, child: Child) -> Child:
        doc_id = self._child_docs[child.id]
        self._write(lambda: self._table("children").update(_child_to(child), doc_ids=[doc_id]))
        self._children[child.id] = child
        return child

    def set_archived(self, child_id: str, archived: bool) -> Child:
        return self.update_child(replace(self._children[child_id], archived=archived))

    # -- ABC of Love ------------------------------------------------------------------

    def abc_day(self, child_id: str, day: date) -> AbcDay:
        """One child's day as stored: the live file and the day's archive together."""
        archived = self._archived_year(school_year_of(day)).abc.get((child_id, day))
        return _merged(self._live_abc(child_id, day), archived) or AbcDay(child_id, day)

    def abc_days(self, days: Iterable[date]) -> dict[tuple[str, date], AbcDay]:
        """The recorded days among `days` (live and archived), via the indexes only."""
        found: dict[tuple[str, date], AbcDay] = {}
        for day in days:
            archived = self._archived_year(school_year_of(day))
            for child_id in self._abc_by_day.get(day, set()) | archived.by_day.get(day, set()):
                entry = self.abc_day(child_id, day)
                if entry.total:
                    found[(child_id, day)] = entry
        return found

    def save_abc(self, entry: AbcDay) -> AbcDay:
        """Store one child's day as given (replacing what was there).

        A day of a closed school year is refused (SchoolYearClosed); a day whose school
        year has an archive but is today's goes into that archive, never beside it.
        """
        year = school_year_of(entry.day)
        self._check_not_closed(year)
        self._check_child(entry.child_id)
        if year in self._archived:
            self._save_abc_in_archive(entry)
        else:
            self._save_abc_live(entry)
        return entry

    def _check_child(self, child_id: str) -> None:
        """The live file is refused on opening when an entry names no child of the class
        (codec), so no such entry is ever written to it."""
        if child_id not in self._children:
            raise KeyError(f"no child with the id {child_id!r}")

    def _save_abc_live(self, entry: AbcDay) -> None:
        key = (entry.child_id, entry.day)
        table = self._table("abc")
        doc_id = self._abc_docs.get(key)
        if entry.total == 0:
            if doc_id is not None:
                self._write(lambda: table.remove(doc_ids=[doc_id]))
                del self._abc_docs[key]
                self._abc_by_day[entry.day].discard(entry.child_id)
            return
        if doc_id is None:
            self._abc_docs[key] = self._write(lambda: table.insert(_abc_to(entry)))
            self._abc_by_day[entry.day].add(entry.child_id)
        else:
            self._write(lambda: table.update(_abc_to(entry), doc_ids=[doc_id]))

    def toggle_abc(self, child_id: str, day: date, moment: str, item: str) -> AbcDay:
        return self.save_abc(self.abc_day(child_id, day).toggled(moment, item))

    def abc_history(self, child_id: str, year: int) -> list[AbcDay]:
        """Every recorded day of one child in a school year, live and archived."""
        return sorted(
            (entry for entry in self.abc_of_year(year) if entry.child_id == child_id),
            key=lambda entry: entry.day,
        )

    def abc_of_year(self, year: int) -> list[AbcDay]:
        archived = self._archived_year(year).abc
        keys = {key for key in self._abc_docs if school_year_of(key[1]) == year} | set(archived)
        entries = (self.abc_day(child_id, day) for child_id, day in keys)
        return [entry for entry in entries if entry.total]

    def school_years(self) -> list[int]:
        """The current year, every year in the live file and every archived one, newest
        first."""
        return sorted({self.current_year, *self._live_years(), *self._archived}, reverse=True)

    # -- calendar ---------------------------------------------------------------------

    def days_off(self, year: int | None = None) -> list[DayOff]:
        """The days off of a school year (the current one by default), live and archived."""
        year = self.current_year if year is None else year
        found = dict(self._archived_year(year).days_off)
        found.update(
            (day, reason)
            for day, (_, reason) in self._days_off.items()
            if school_year_of(day) == year
        )
        return [DayOff(day, reason) for day, reason in sorted(found.items())]

    def calendar(self, year: int | None = None) -> SchoolCalendar:
        """One school year's calendar; by default every day off of the live file and of
        the current year's archive (right for any day that can still change)."""
        if year is None:
            archived = self._archived_year(self.current_year).days_off
            return SchoolCalendar(frozenset(self._days_off) | frozenset(archived))
        return SchoolCalendar(frozenset(off.day for off in self.days_off(year)))

    def set_days_off(self, days: Iterable[date], reason: str = "") -> None:
        self.set_days_off_with_reasons({day: reason for day in days})

    def set_days_off_with_reasons(self, reasons: Mapping[date, str]) -> None:
        """Mark many days off in one write (one more per archive); days already off are
        left as they are, a day of a closed school year is refused (SchoolYearClosed)."""
        new = {day: reason for day, reason in reasons.items() if not self._is_day_off(day)}
        for day in new:
            self._check_not_closed(school_year_of(day))
        live = [(day, reason) for day, reason in new.items() if not self._in_archive(day)]
        self._set_archived_days_off({d: r for d, r in new.items() if self._in_archive(d)})
        if not live:
            return
        doc_ids = self._write(
            lambda: self._table("days_off").insert_multiple(
                {"date": _iso(day), "reason": reason} for day, reason in live
            )
        )
        for (day, reason), doc_id in zip(live, doc_ids, strict=True):
            self._days_off[day] = (doc_id, reason)

    def clear_days_off(self, days: Iterable[date]) -> None:
        present = [day for day in days if self._is_day_off(day)]
        for day in present:
            self._check_not_closed(school_year_of(day))
        self._clear_archived_days_off([day for day in present if self._in_archive(day)])
        live = [day for day in present if day in self._days_off]
        if not live:
            return
        doc_ids = [self._days_off[day][0] for day in live]
        self._write(lambda: self._table("days_off").remove(doc_ids=doc_ids))
        for day in live:
            del self._days_off[day]

    # -- school years: live, archived, closed -----------------------------------------
    #
    # The live file holds every school year that is not closed, however many (a clock
    # never moves anything). Closing is a step the teacher confirms (close_school_years):
    # the year's days move into `<name>.archive/<yyyy-yyyy>.json`, archive first. A closed
    # year is read only; if today's school year has an archive (closed early on a wrong
    # date, or by an older version that closed years on open), its days are saved in that
    # archive, never beside it. Every read sees the live file and the archives together.

    @property
    def archive_dir(self) -> Path:
        return archive_dir_for(self.path)

    def _archive_path(self, year: int) -> Path:
        return self.archive_dir / f"{school_year_label(year)}.json"

    def is_closed(self, year: int) -> bool:
        """Closed: the year has an archive and is not today's school year."""
        return year in self._archived and year != self.current_year

    def _check_not_closed(self, year: int) -> None:
        if self.is_closed(year):
            raise SchoolYearClosed(self._archive_path(year), year)

    def _in_archive(self, day: date) -> bool:
        return school_year_of(day) in self._archived

    def _is_day_off(self, day: date) -> bool:
        return day in self._days_off or day in self._archived_year(school_year_of(day)).days_off

    def _live_abc(self, child_id: str, day: date) -> AbcDay | None:
        doc_id = self._abc_docs.get((child_id, day))
        return None if doc_id is None else _abc_from(self._document(self._table("abc"), doc_id))

    def _live_years(self) -> set[int]:
        days = [day for day, children in self._abc_by_day.items() if children]
        return {school_year_of(day) for day in [*days, *self._days_off]}

    def _archived_year(self, year: int) -> _ArchivedYear:
        """A closed year's days, read from its archive once (empty without one)."""
        if year not in self._archived:
            return _NO_ARCHIVE
        if year not in self._archive_cache:
            path = self._archive_path(year)
            try:
                self._archive_cache[year] = _ArchivedYear.decode(
                    path, load_archive(path, year=year)
                )
            except DataFileError as error:
                # Its backups live in the data file's backups folder: the message says so.
                error.with_backups(self.backup_dir, self._archive_prefix(year))
                raise
            self._backup(path, self._archive_prefix(year), daily=True)
        return self._archive_cache[year]

    def _write_archive(self, year: int, archived: _ArchivedYear) -> None:
        path = self._archive_path(year)
        self._write(lambda: ensure_private_folder(self.archive_dir))
        self._write(lambda: atomic_write(path, encode(archived.encode(year))))
        self._archive_cache[year] = archived
        self._archived.add(year)
        self._backup(path, self._archive_prefix(year), daily=False)

    def _merge_into_archive(
        self, year: int, entries: Iterable[AbcDay], days_off: Mapping[date, str]
    ) -> None:
        """Add days to a year's archive: marks on a day already there are joined, never
        replaced, so moving the same days twice (after a crash) changes nothing."""
        existing = self._archived_year(year)
        abc = dict(existing.abc)
        for entry in entries:
            joined = _merged(abc.get((entry.child_id, entry.day)), entry)
            if joined is not None and joined.total:
                abc[(entry.child_id, entry.day)] = joined
        offs = {**days_off, **existing.days_off}
        self._write_archive(year, _ArchivedYear(abc, offs))

    def _save_abc_in_archive(self, entry: AbcDay) -> None:
        """Today's school year has an archive: the day is replaced there (the caller read
        it through abc_day, archive included), and a live copy of it is dropped."""
        year = school_year_of(entry.day)
        abc = dict(self._archived_year(year).abc)
        key = (entry.child_id, entry.day)
        if entry.total:
            abc[key] = entry
        else:
            abc.pop(key, None)
        self._write_archive(year, _ArchivedYear(abc, self._archived_year(year).days_off))
        if key in self._abc_docs:
            self._save_abc_live(AbcDay(entry.child_id, entry.day))

    def _set_archived_days_off(self, reasons: Mapping[date, str]) -> None:
        for year in sorted({school_year_of(day) for day in reasons}):
            existing = self._archived_year(year)
            added = {day: r for day, r in reasons.items() if school_year_of(day) == year}
            self._write_archive(year, _ArchivedYear(existing.abc, {**existing.days_off, **added}))

    def _clear_archived_days_off(self, days: Sequence[date]) -> None:
        for year in sorted({school_year_of(day) for day in days}):
            existing = self._archived_year(year)
            kept = {d: r for d, r in existing.days_off.items() if d not in days}
            self._write_archive(year, _ArchivedYear(existing.abc, kept))

    def closable_years(self) -> list[int]:
        """School years before today's that still have days in the live file."""
        return sorted(year for year in self._live_years() if year < self.current_year)

    def closing_summary(self, years: Iterable[int] | None = None) -> ClosingSummary:
        chosen = set(self.closable_years() if years is None else years)
        entries = [
            entry
            for child_id, day in self._abc_docs
            if school_year_of(day) in chosen
            for entry in [self._live_abc(child_id, day)]
            if entry is not None
        ]
        return ClosingSummary(
            years=tuple(sorted(chosen)),
            marks=sum(entry.total for entry in entries),
            days=len({entry.day for entry in entries}),
            days_off=sum(1 for day in self._days_off if school_year_of(day) in chosen),
        )

    def close_school_years(self, years: Iterable[int] | None = None) -> ClosingSummary:
        """Move school years before today's (all of them by default) out of the live file
        into their archives: archive first, then the live file. Refused while the
        computer's date is in doubt (ClockInDoubt), since 'before today' rests on it."""
        refusal = self.closing_refusal()
        if refusal is not None:
            raise refusal
        closable = self.closable_years()
        chosen = [year for year in (closable if years is None else years) if year in closable]
        summary = self.closing_summary(chosen)
        keys = [key for key in self._abc_docs if school_year_of(key[1]) in chosen]
        offs = [day for day in self._days_off if school_year_of(day) in chosen]
        for year in sorted(chosen):
            self._merge_into_archive(
                year,
                (self.abc_day(*key) for key in keys if school_year_of(key[1]) == year),
                {day: self._days_off[day][1] for day in offs if school_year_of(day) == year},
            )
        # Every archive is written: only now do the days leave the live file. A crash in
        # between leaves them in both, which reads (and a second close) join into one.
        self._remove_live(keys, offs)
        return summary

    def _remove_live(self, keys: Sequence[tuple[str, date]], days_off: Sequence[date]) -> None:
        abc_ids = [self._abc_docs[key] for key in keys]
        off_ids = [self._days_off[day][0] for day in days_off]
        if abc_ids:
            self._write(lambda: self._table("abc").remove(doc_ids=abc_ids))
        if off_ids:
            self._write(lambda: self._table("days_off").remove(doc_ids=off_ids))
        for child_id, day in keys:
            del self._abc_docs[(child_id, day)]
            self._abc_by_day[day].discard(child_id)
        for day in days_off:
            del self._days_off[day]

    def newest_marked_day(self) -> date | None:
        """The newest day with a tick, live or archived (an unreadable archive is left to
        the screens that read it)."""
        newest = max((day for day, children in self._abc_by_day.items() if children), default=None)
        for year in sorted(self._archived, reverse=True):
            if newest is not None and year < school_year_of(newest):
                break
            try:
                days = [day for _, day in self._archived_year(year).abc]
            except DataFileError:
                continue
            newest = max([*days, *([newest] if newest else [])], default=None)
        return newest

    def closing_refusal(self) -> DataFileError | None:
        """Why no school year can be closed now: the file takes no changes, or the
        computer's date is in doubt (ClockInDoubt). None: closing may go ahead."""
        if self.refusal is not None:
            return self.refusal
        doubt = self.clock_doubt()
        return None if doubt is None else ClockInDoubt(self.path, doubt)

    def clock_doubt(self) -> ClockDoubt | None:
        """Whether the store's today looks wrong next to the data (see clock_doubt)."""
        return clock_doubt(self.today, self.newest_marked_day())

    def load_history(self, entries: Iterable[AbcDay], days_off: Iterable[DayOff] = ()) -> int:
        """Bulk-load ABC days (e.g. a demo class): years before today's straight into
        archives (closed), the others in one write. Returns how many days were stored."""
        by_year: dict[int, list[AbcDay]] = defaultdict(list)
        count = 0
        for entry in entries:
            if entry.total:
                by_year[school_year_of(entry.day)].append(entry)
                count += 1
        off_by_year: dict[int, list[DayOff]] = defaultdict(list)
        for off in days_off:
            off_by_year[school_year_of(off.day)].append(off)
        # Years before today's are closed by construction; a later year with an archive
        # gets its days there, like every save of it; the rest goes into the live file.
        years = set(by_year) | set(off_by_year)
        to_archive = {y for y in years if y < self.current_year or y in self._archived}
        for year in sorted(to_archive):
            offs = {o.day: o.reason for o in off_by_year[year]}
            self._merge_into_archive(year, by_year[year], offs)
        live = [
            _abc_to(entry)
            for year in sorted(years - to_archive)
            for entry in by_year[year]
            if (entry.child_id, entry.day) not in self._abc_docs
        ]
        for document in live:
            self._check_child(document["child"])
        if live:
            doc_ids = self._write(lambda: self._table("abc").insert_multiple(live))
            for document, doc_id in zip(live, doc_ids, strict=True):
                key = (document["child"], date.fromisoformat(document["date"]))
                self._abc_docs[key] = doc_id
                self._abc_by_day[key[1]].add(key[0])
        self.set_days_off_with_reasons(
            {off.day: off.reason for y in sorted(years - to_archive) for off in off_by_year[y]}
        )
        return count

    # -- export -----------------------------------------------------------------------

    def export_document(self) -> dict[str, Any]:
        """Everything, live and archived, in the stable vocabulary."""
        names = {c.id: c.full_name for c in self._children.values()}
        entries = []
        days_off = []
        for year in sorted(self.school_years()):
            for entry in sorted(self.abc_of_year(year), key=lambda e: (e.day, e.child_id)):
                for moment in MOMENTS:
                    for item in ABC_ITEMS:
                        if entry.has(moment, item):
                            entries.append(
                                {
                                    "child": entry.child_id,
                                    "child_name": names.get(entry.child_id, ""),
                                    "date": _iso(entry.day),
                                    "moment": moment,
                                    "item": item,
                                }
                            )
            days_off += [{"date": _iso(o.day), "reason": o.reason} for o in self.days_off(year)]
        settings: dict[str, Any] = dict(self._table("settings").get(doc_id=1) or {})
        return {
            "format": EXPORT_FORMAT,
            "schema": SCHEMA_VERSION,
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "settings": settings,
            "children": [_child_to(c) for c in self.children(include_archived=True)],
            "abc": entries,
            "days_off": days_off,
        }

    def is_empty(self) -> bool:
        return not self._children and not self._abc_docs


def remove_stale_temp_files(path: Path) -> None:
    """Remove what writes cut short by a crash left behind (atomic_write's temp files).

    Only call this while holding the file's lock: then no write of ours is under way.
    Beside the file only its own temps go (an export's there may be being written).
    """
    remove_stale_temps(path)
    stem = glob.escape(path.stem)
    for folder, pattern in (
        (backup_dir_for(path), f".{stem}-*.json.*.tmp"),
        (archive_dir_for(path), ".*.json.*.tmp"),
    ):
        if folder.is_dir():
            for stale in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    stale.unlink()


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


def make_files_private(path: Path) -> None:
    """Tighten what an older version, a copy or an unzip left looser than owner-only: the
    data file, its lock, and the backups and archive folders with their files. Only call
    this for a file opened for writing: a read-only one is left exactly as it is."""
    for file in (path, _lock_path(path)):
        if file.is_file() and not file.is_symlink():
            make_private(file)
    make_tree_private(backup_dir_for(path))
    make_tree_private(archive_dir_for(path))


def file_has_data(path: Path) -> bool:
    """True when `path` exists and is not an empty Companion file (used by `demo`).
    Raises PathRefused for a path no data file may have (a device, a name too long)."""
    check_data_target(path)
    if not path.exists():
        return False
    refuse_unusable(path)
    try:
        raw = load_live(path).raw
    except DataFileError:
        return True
    return any(table for name, table in raw.items() if name != "meta")
