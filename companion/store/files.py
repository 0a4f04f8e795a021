"""Private folders and atomic, durable file writes that work on Windows too."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def backup_dir_for(path: Path) -> Path:
    """Daily copies of the data file live beside it: companion.backups/."""
    return path.parent / f"{path.stem}.backups"


def archive_dir_for(path: Path) -> Path:
    """Closed school years live beside it: companion.archive/<yyyy-yyyy>.json."""
    return path.parent / f"{path.stem}.archive"


def demo_path_for(path: Path) -> Path:
    """The demo class lives in a file of its own beside the real one, never inside it."""
    return path.with_name(f"{path.stem}-demo.json")


def ensure_private_folder(folder: Path) -> None:
    """Create `folder`, and every missing folder above it, owner-only (0700) whatever the
    umask; leave folders that already exist alone."""
    if folder.is_dir():
        return
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if created.is_dir():
                continue  # made meanwhile by someone else: not ours to change
            raise
        with contextlib.suppress(OSError):  # e.g. a filesystem without POSIX modes
            created.chmod(PRIVATE_FOLDER)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder, and does not need to.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


REPLACE_ATTEMPTS = 5


def _replace(source: str, target: Path) -> None:
    """os.replace, patient on Windows: a virus scanner or the search indexer may hold the
    target open for a moment, which makes the rename fail with PermissionError there."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` so that `path` holds either the old or the new bytes, never a mix.

    A temp file (0600 from mkstemp) in the same folder is written, flushed and fsynced,
    then renamed over `path`; the folder is fsynced so the rename survives a power cut.
    """
    descriptor, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    # The new bytes are in place now: what follows hardens, it must not report a failure
    # (the caller would undo in memory a change that is on disk).
    with contextlib.suppress(OSError):
        path.chmod(PRIVATE_FILE)
    with contextlib.suppress(OSError):  # some filesystems cannot fsync a folder
        _fsync_folder(path.parent)
