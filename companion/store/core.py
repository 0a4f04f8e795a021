"""The core every aggregate of the store is given: the live file's tables, the guarded
write path, today and the revision (Store opens the file and builds one; the aggregates
take it in their constructor and reach the file through it only)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from filelock import FileLock
from tinydb.table import Document, Table

from companion.domain.calendar import school_year_of
from companion.store.codec.crypto import Keyring, Sealing
from companion.store.errors import (
    DataFileChanged,
    DataFileError,
    DataFileLockLost,
    DataFileReadOnly,
    DataFileUnwritable,
)
from companion.store.files import ReadOnly, lock_path_for, read_only_reason
from companion.store.opening import identity
from companion.store.schema import Raw
from companion.store.storage import AtomicJSONStorage
from companion.store.table import LiveTinyDB

W = TypeVar("W")


class Core:
    """One open data file: `write` is the only way a change reaches it."""

    def __init__(
        self,
        path: Path,
        today: date,
        raw: Raw,
        lock: FileLock | None,
        read_only: ReadOnly | None,
        *,
        keyring: Keyring | None = None,
        sealing: Sealing | None = None,
    ) -> None:
        """`keyring`: the passphrase the store was opened with (archives are read with
        it); `sealing`: how the live file is written again (None: plaintext)."""
        self.path = path
        self.keyring = keyring
        self.sealing = sealing
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
        self._db = LiveTinyDB(path, storage=AtomicJSONStorage, initial=raw, sealing=sealing)
        # Grows with every write: a screen shown again re-reads only if it changed.
        self.revision = 0

    @property
    def lock(self) -> FileLock | None:
        """The data file's lock, held while the file is open (None: opened read-only)."""
        return self._lock

    @property
    def refusal(self) -> DataFileError | None:
        """Why changes are refused (DataFileReadOnly or DataFileStopped), or None."""
        return self._refusal

    def table(self, name: str) -> Table:
        """A table of the live file, read from memory (no cache of its own)."""
        return self._db.table(name, cache_size=0)

    def document(self, table: Table, doc_id: int) -> Document:
        """A document the indexes say is there (they are only updated after a write)."""
        document = table.get(doc_id=doc_id)
        if not isinstance(document, Document):
            raise KeyError(f"{table.name} document {doc_id} is missing")
        return document

    def write(self, action: Callable[[], W]) -> W:
        """Every change to a file goes through here: checked first, then done durably."""
        self._check_may_write()
        try:
            result = action()
        except OSError as error:
            raise DataFileUnwritable(self.path, error) from error
        self._file_seen = identity(self.path)
        self.revision += 1
        return result

    def flush(self) -> None:
        """Write the whole live file as it is in memory (a new or migrated file)."""
        storage = self._db.storage
        self.write(lambda: storage.write(storage.read() or {}))

    def close(self) -> None:
        self._db.close()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.release()

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
