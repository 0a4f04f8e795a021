"""What opening a data file takes besides reading it: following a link to the real file,
telling a file apart from one put in its place, naming why a lock could not be taken, and
tidying what a crash or an older version left beside it."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from companion.store.codec import load_live, refuse_unusable
from companion.store.errors import (
    DataFileError,
    DataFileLinkLoop,
    DataFileLinkMissing,
    DataFileLocked,
    DataFileLockForeign,
    DataFileUnreadable,
    DataFileUnwritable,
)
from companion.store.files import (
    PRIVATE_FILE,
    archive_dir_for,
    backup_dir_for,
    ensure_private_folder,
    lock_path_for,
    make_private,
    make_tree_private,
    remove_stale_temps,
)
from companion.store.paths import check_data_target

FileIdentity = tuple[int, int, int, int]


@contextlib.contextmanager
def holding_lock(path: Path) -> Iterator[None]:
    """The data file's lock, as an open store holds it, for a change made without a store
    (a restore, an import, a new passphrase): DataFileLocked while the app has it open."""
    try:
        ensure_private_folder(path.parent)
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    lock = FileLock(str(lock_path_for(path)), timeout=0, mode=PRIVATE_FILE, thread_local=False)
    try:
        lock.acquire()
    except Timeout as error:
        raise DataFileLocked(path) from error
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    try:
        yield
    finally:
        lock.release()


def follow_link(path: Path) -> Path:
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


def identity(path: Path) -> FileIdentity | None:
    """What tells a file apart from one put in its place: device, inode, mtime, size."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None if not path.parent.is_dir() else (-1, -1, -1, -1)
    return (found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size)


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


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


def lock_failure(path: Path, error: OSError) -> DataFileError:
    """The true cause of a lock that could not be taken (not "open elsewhere")."""
    lock = lock_path_for(path)
    if (
        isinstance(error, PermissionError)
        and os.name == "posix"
        and lock.exists()
        and os.lstat(lock).st_uid != os.geteuid()
    ):
        return DataFileLockForeign(path, lock, _owner_name(lock))
    return DataFileUnwritable(path, error)


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


def make_files_private(path: Path) -> None:
    """Tighten what an older version, a copy or an unzip left looser than owner-only: the
    data file, its lock, and the backups and archive folders with their files. Only call
    this for a file opened for writing: a read-only one is left exactly as it is."""
    for file in (path, lock_path_for(path)):
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


def default_data_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("classroom-companion", appauthor=False) / "companion.json"
