"""A new data file, with its archive folder, put in place whole or not at all.

`create_whole(path, build)` lets `build` write a complete data file (and the archives of
its closed years) at a staging path inside a hidden folder beside `path`. Only a build
that finished is moved into place: first the archive folder, then the file, each by one
rename in the same folder, so the file appears last and a data file at `path` always
comes with all of its archives. A crash (a kill, a power cut) leaves either nothing at
`path` or the whole; the staging folder it left is finished (when its build was complete
and only the renames were cut short) or removed, the next time.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from filelock import FileLock, Timeout

from companion.store.errors import DataFileLocked, DataFileUnwritable
from companion.store.files import (
    PRIVATE_FILE,
    _fsync_folder,
    archive_dir_for,
    atomic_write,
    ensure_private_folder,
)
from companion.store.opening import file_has_data, follow_link
from companion.store.paths import STAGING_SUFFIX, check_data_target

Built = TypeVar("Built")

COMPLETE = "complete"  # written into the staging folder once the build is durable


class AlreadyHoldsData(Exception):
    """The target already holds a class (or archives of one): it is never replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def holds_data(path: Path) -> bool:
    """A data file with something in it, or an archive folder with anything in it."""
    archive = archive_dir_for(path)
    return file_has_data(path) or (archive.is_dir() and any(archive.iterdir()))


def staging_folders(path: Path) -> list[Path]:
    """The staging folders of `path` (only the ones a crash left, outside create_whole)."""
    pattern = f".{glob.escape(path.name)}.*{STAGING_SUFFIX}"
    return sorted(p for p in path.parent.glob(pattern) if p.is_dir())


def create_whole(path: Path, build: Callable[[Path], Built]) -> Built:
    """Run `build(staged_path)`, then put what it wrote at `path` in one step.

    Raises AlreadyHoldsData when `path` or its archive folder holds data, and the
    store's DataFileLocked / DataFileUnwritable when the file is open elsewhere or the
    folder cannot be written. While it runs it holds `path`'s lock, as a store would.
    """
    path = Path(path).expanduser()
    check_data_target(path)  # a data file's place: no device, no lock, a name that fits
    path = follow_link(path)
    try:
        ensure_private_folder(path.parent)
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    lock = FileLock(str(path) + ".lock", timeout=0, mode=PRIVATE_FILE, thread_local=False)
    try:
        lock.acquire()
    except Timeout as error:
        raise DataFileLocked(path) from error
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    try:
        return _create_locked(path, build)
    finally:
        lock.release()


def _create_locked(path: Path, build: Callable[[Path], Built]) -> Built:
    try:
        _recover(path)
        if holds_data(path):
            raise AlreadyHoldsData(path)
        staging = Path(
            tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=STAGING_SUFFIX)
        )
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    try:
        result = build(staging / path.name)
        atomic_write(staging / COMPLETE, b"")  # also makes the staging folder durable
        _commit(staging, path)
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _commit(staging: Path, path: Path) -> None:
    """Move a complete build into place: the archive folder first, the file last."""
    staged_file = staging / path.name
    staged_archive = archive_dir_for(staged_file)
    if staged_archive.is_dir():
        archive = archive_dir_for(path)
        if archive.is_dir():
            if any(archive.iterdir()):
                raise AlreadyHoldsData(path)
            archive.rmdir()  # an empty folder: a rename cannot replace it on Windows
        os.replace(staged_archive, archive)
        _fsync_parent(path)
    if staged_file.is_file():
        os.replace(staged_file, path)
        _fsync_parent(path)


def _recover(path: Path) -> None:
    """Finish what a crash cut short between the renames, remove every other leftover."""
    for staging in staging_folders(path):
        if (staging / COMPLETE).is_file() and not file_has_data(path):
            with contextlib.suppress(AlreadyHoldsData):
                _commit(staging, path)
        shutil.rmtree(staging, ignore_errors=True)


def _fsync_parent(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems cannot fsync a folder
        _fsync_folder(path.parent)
