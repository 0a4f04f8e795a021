"""The one place that knows TinyDB: the data file opened, locked and written durably.

The store is the core: opening (and refusing), the lock, the write path with its guard,
and the revision. Each kind of data is an aggregate in its own module, composed here:
`store.children`, `store.abc`, `store.days_off`, `store.settings`; `store.school_years`
archives and closes the year-bound kinds, `store.backups` keeps the copies.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from companion.domain.calendar import school_year_of
from companion.store.abc import Abc
from companion.store.backups import Backups
from companion.store.children import Children
from companion.store.codec import load_live, records_of, refuse_unusable
from companion.store.days_off import DaysOff
from companion.store.errors import (
    DataFileChanged,
    DataFileError,
    DataFileLocked,
    DataFileLockLost,
    DataFileReadOnly,
    DataFileUnwritable,
)
from companion.store.export import export_document
from companion.store.files import (
    PRIVATE_FILE,
    ReadOnly,
    ensure_private_folder,
    lock_path_for,
    on_read_only_medium,
    read_only_error,
    read_only_reason,
)
from companion.store.opening import (
    follow_link,
    identity,
    lock_failure,
    make_files_private,
    os_error,
    remove_stale_temp_files,
)
from companion.store.paths import check_data_target
from companion.store.schema import LiveFile, Raw, new_document
from companion.store.school_years import SchoolYears
from companion.store.settings import Settings
from companion.store.storage import AtomicJSONStorage

W = TypeVar("W")


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
        self._lock_seen = identity(lock_path_for(path)) if lock is not None else None
        self._file_seen = identity(path)
        self._refusal: DataFileError | None = (
            DataFileReadOnly(path, read_only) if read_only is not None else None
        )
        self._db = TinyDB(path, storage=AtomicJSONStorage, initial=raw)
        # Grows with every write: a screen shown again re-reads only if it changed.
        self.revision = 0
        records = records or records_of(raw)
        self.backups = Backups(
            path, enabled=backup and read_only is None, refused=lambda: self.read_only
        )
        self.settings = Settings(self)
        self.children = Children(self, records.children)
        self.abc = Abc(self, records.abc)
        self.days_off = DaysOff(self, records.days_off)
        # The declared list of the kinds that belong to a school year: closing, archives,
        # export and their validation walk it (a new year-bound kind is one entry here).
        self.school_years = SchoolYears(self, (self.abc, self.days_off))
        # Today's school year is read by every screen: if it has an archive (closed on a
        # wrong date), a damaged one stops the opening with its message, never shows empty.
        self.school_years.archived(self.current_year)

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
        path = follow_link(path)
        refuse_unusable(path)  # a folder, a file of /proc, too large: before a lock is made
        read_only = read_only_reason(path)
        if read_only is not None:
            if not path.exists():  # no new class where nothing may be written
                medium = on_read_only_medium(path.parent)
                raise DataFileUnwritable(path, os_error(errno.EROFS if medium else errno.EACCES))
            return cls._open_locked(path, today, None, backup, read_only)
        try:
            ensure_private_folder(path.parent)
        except OSError as error:
            raise DataFileUnwritable(path, error) from error
        lock_path = lock_path_for(path)
        lock = FileLock(str(lock_path), timeout=0, mode=PRIVATE_FILE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as error:
            if not lock_path.exists():  # it could not even be made: not held by anyone
                raise DataFileUnwritable(path, os_error(errno.EACCES)) from error
            raise DataFileLocked(path) from error
        except OSError as error:
            if read_only_error(error) and path.is_file() and not lock_path.exists():
                # The folder takes no new file (a lock), though it looked writable.
                return cls._open_locked(path, today, None, backup, ReadOnly.FOLDER)
            raise lock_failure(path, error) from error
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
            store.backups.of_data_file()
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

    # -- what the whole file answers --------------------------------------------------

    def export_document(self) -> dict[str, Any]:
        """Everything, live and archived, in the stable vocabulary."""
        return export_document(self)

    def is_empty(self) -> bool:
        return not self.children.all(include_archived=True) and self.abc.is_empty()

    # -- the write path (for the aggregates of this package) --------------------------

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
        self._file_seen = identity(self.path)
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
            lock = identity(lock_path_for(self.path))
            if lock is None or self._lock_seen is None or lock[:2] != self._lock_seen[:2]:
                self._refuse(DataFileLockLost(self.path, lock_path_for(self.path)))
        if identity(self.path) != self._file_seen:
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
