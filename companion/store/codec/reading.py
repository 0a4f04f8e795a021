"""Reading a data file or an archive: only an ordinary file, opened without blocking, and
at most MAX_FILE_BYTES + 1 bytes of it (a folder, pipe, device or socket is refused from
its `stat`, before it is opened, so nothing ever waits on it)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from companion.store.errors import (
    DataFileEmpty,
    DataFileNotRegular,
    DataFileTooLarge,
    DataFileUnreadable,
)
from companion.store.paths import OPEN_FOR_READING, kind_of_file, read_open_file

# Ten school years of a class of 40 (the demo's largest) take about 7.5 MB; a file ten
# times that is no class's data, and reading it whole would only fill the memory.
MAX_FILE_BYTES = 80_000_000


def _refuse_kind(path: Path, info: os.stat_result) -> None:
    kind = kind_of_file(info.st_mode)
    if kind == "folder":  # what the OS itself says of it, in the chosen language
        raise DataFileUnreadable(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if kind is not None:
        raise DataFileNotRegular(path, kind)
    if info.st_size > MAX_FILE_BYTES:
        raise DataFileTooLarge(path, info.st_size, MAX_FILE_BYTES)


def refuse_unusable(path: Path) -> None:
    """Refuse, before anything is made beside it (a lock, a folder), a `path` that exists
    but can never hold our data: a folder, pipe, device or socket, a file too large to
    be ours, or a file the system makes up as it is read (/proc: size 0, yet it reads).
    A path that is not there, or cannot be looked at, is left to the open that follows."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return
    _refuse_kind(path, info)
    if info.st_size == 0:
        try:
            descriptor = os.open(path, OPEN_FOR_READING)
        except OSError:
            return
        try:
            made_up = bool(os.read(descriptor, 1))
        except OSError:
            made_up = False
        finally:
            os.close(descriptor)
        if made_up:
            raise DataFileNotRegular(path, "system_file")


def read_file(path: Path) -> bytes:
    """The bytes of the data file or an archive: an ordinary file, at most MAX_FILE_BYTES;
    every refusal is a DataFileError naming `path`."""
    try:
        _refuse_kind(path, os.stat(path))
        descriptor = os.open(path, OPEN_FOR_READING)
    except OSError as error:
        raise DataFileUnreadable(path, error) from error
    try:
        info = os.fstat(descriptor)
        _refuse_kind(path, info)  # it may have been swapped since the stat
        payload = read_open_file(descriptor, MAX_FILE_BYTES + 1, info.st_size + 1)
    except OSError as error:
        raise DataFileUnreadable(path, error) from error
    finally:
        os.close(descriptor)
    if len(payload) > MAX_FILE_BYTES:
        raise DataFileTooLarge(path, None, MAX_FILE_BYTES)
    if info.st_size == 0 and payload:
        raise DataFileNotRegular(path, "system_file")
    if not payload.strip():
        raise DataFileEmpty(path)
    return payload
