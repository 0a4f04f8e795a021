"""Private folders and atomic, durable file writes that work on Windows too."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

try:  # POSIX: a temp file being written is held under an advisory lock
    import fcntl

    CAN_LOCK = True
except ImportError:  # Windows: an open file cannot be removed at all, which is enough
    CAN_LOCK = False

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def backup_dir_for(path: Path) -> Path:
    """Daily copies of the data file live beside it: companion.backups/."""
    return path.parent / f"{path.stem}.backups"


def backup_prefix_for(path: Path, archive_label: str | None = None) -> str:
    """How the backups of the data file (or of one of its archive years) are named in its
    backups folder: companion-<moment>.json, companion.archive-2019-2020-<moment>.json."""
    if archive_label is None:
        return f"{path.stem}-"
    return f"{path.stem}.archive-{archive_label}-"


def backup_stamp(name: str, prefix: str) -> tuple[str, str] | None:
    """The moment (`yyyymmdd-hhmmss`) and the reason ("" for a daily one, e.g.
    `before-restore`) of a backup named `prefix<moment>[-<reason>].json`, or None for a
    name that is not such a backup."""
    if not (name.startswith(prefix) and name.endswith(".json")):
        return None
    rest = name[len(prefix) : -len(".json")]
    moment, reason = rest[:15], rest[15:]
    if not (
        len(moment) == 15
        and moment[8] == "-"
        and (moment[:8] + moment[9:]).isascii()
        and (moment[:8] + moment[9:]).isdigit()
    ):
        return None
    if reason and not re.fullmatch(r"-[a-z]+(-[a-z]+)*", reason):
        return None
    return moment, reason[1:]


def backups_in(folder: Path, prefix: str) -> list[Path]:
    """The backups named `prefix<yyyymmdd-hhmmss>[-<reason>].json` in `folder`, oldest
    first."""
    if not folder.is_dir():
        return []
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            stamp = backup_stamp(entry.name, prefix)
            if stamp is not None:
                found.append((stamp[0], entry))
    return [entry for _, entry in sorted(found)]


def archive_dir_for(path: Path) -> Path:
    """Closed school years live beside it: companion.archive/<yyyy-yyyy>.json."""
    return path.parent / f"{path.stem}.archive"


def lock_path_for(path: Path) -> Path:
    """The lock that keeps a second window off a data file: companion.json.lock."""
    return path.with_name(f"{path.name}.lock")


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


TEMP_SUFFIX = ".tmp"
# What a temp file adds to its target's name: the dot in front, ".", mkstemp's eight
# random characters and the suffix.
TEMP_NAME_EXTRA = len("..") + 8 + len(TEMP_SUFFIX)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def is_temp_of(candidate: str, target: Path) -> bool:
    """True for the name of a temp file atomic_write made for `target` (and no other)."""
    pattern = rf"{re.escape(_temp_prefix(target))}[a-z0-9_]+{re.escape(TEMP_SUFFIX)}"
    return re.fullmatch(pattern, candidate) is not None


def _try_lock(descriptor: int) -> bool:
    if not CAN_LOCK:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _create_temp(target: Path) -> tuple[int, str]:
    """A new temp file beside `target`, open and locked, so no cleaner takes it from us."""
    for _ in range(3):
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=_temp_prefix(target), suffix=TEMP_SUFFIX
        )
        _try_lock(descriptor)
        # A cleaner may have removed it between its creation and our lock: then make another.
        with contextlib.suppress(OSError):
            if os.stat(name).st_ino == os.fstat(descriptor).st_ino:
                return descriptor, name
        os.close(descriptor)
    raise FileNotFoundError(errno.ENOENT, "the temp file vanished while it was made", name)


def remove_stale_temps(target: Path) -> list[str]:
    """Remove the temp files of `target` that a write cut short (a killed process) left
    behind; returns their names. Only ours: the name of a temp of this very target, an
    ordinary file of this user, and not locked (a write under way holds its lock)."""
    removed: list[str] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not is_temp_of(name, target):
            continue
        candidate = target.parent / name
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(candidate, flags)
        except OSError:
            continue
        try:
            info = os.fstat(descriptor)
            ours = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
            if stat.S_ISREG(info.st_mode) and ours and _try_lock(descriptor):
                with contextlib.suppress(OSError):
                    os.unlink(candidate)
                    removed.append(name)
        finally:
            os.close(descriptor)
    return removed


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` so that `path` holds either the old or the new bytes, never a mix.

    A temp file (0600 from mkstemp) in the same folder is written, flushed and fsynced,
    then renamed over `path`; the folder is fsynced so the rename survives a power cut.
    The temp file is locked while it is written, so `remove_stale_temps` tells one cut
    short by a crash from one being written.
    """
    atomic_write_pieces(path, (payload,))


def atomic_write_pieces(path: Path, pieces: Iterable[bytes]) -> None:
    """`atomic_write` of the pieces one after the other, each written as it comes (a big
    file need never be whole in memory). An error while the pieces are made, as while
    they are written, removes the temp file: `path` keeps its old bytes."""
    descriptor, temp_name = _create_temp(path)
    open_descriptor: int | None = descriptor
    try:
        # Written through the descriptor, which stays open (so locked) until the rename.
        for piece in pieces:
            view = memoryview(piece)
            while view:
                view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
        if os.name == "nt":  # Windows renames no file that is still open
            os.close(descriptor)
            open_descriptor = None
        _replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    finally:
        if open_descriptor is not None:
            os.close(open_descriptor)
    # The new bytes are in place now: what follows hardens, it must not report a failure
    # (the caller would undo in memory a change that is on disk).
    with contextlib.suppress(OSError):
        path.chmod(PRIVATE_FILE)
    with contextlib.suppress(OSError):  # some filesystems cannot fsync a folder
        _fsync_folder(path.parent)


# -- what the teacher or the OS said about a file ---------------------------------------


class ReadOnly(StrEnum):
    """Why a data file is opened read-only (each has its sentence under app.read_only.*)."""

    FILE = "file"  # the file itself allows no writing (chmod 444, a read-only attribute)
    FOLDER = "folder"  # its folder or the whole medium allows no writing (a locked stick)


def on_read_only_medium(folder: Path) -> bool:
    """True when `folder` is on a filesystem mounted read-only (a locked stick, a CD)."""
    try:
        return os.name == "posix" and bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _owner_may_not_write(mode: int) -> bool:
    # Root ignores file modes, so os.access alone would not hear what the teacher said.
    return not mode & stat.S_IWUSR


def read_only_reason(path: Path) -> ReadOnly | None:
    """Why `path` (an existing data file, or the folder a new one goes into) must not be
    written, or None. The mode bits say what the teacher said (no write bit for the owner),
    os.access and the mount flags what the OS says (another owner, a read-only medium)."""
    try:
        folder = path.parent
        if folder.is_dir() and (
            not os.access(folder, os.W_OK)
            or on_read_only_medium(folder)
            or (os.name == "posix" and _owner_may_not_write(folder.stat().st_mode))
        ):
            return ReadOnly.FOLDER
        if path.exists() and (
            _owner_may_not_write(path.stat().st_mode) or not os.access(path, os.W_OK)
        ):
            return ReadOnly.FILE
    except OSError:
        return None  # what cannot be asked is found out by the read or the write itself
    return None


def read_only_error(error: OSError) -> bool:
    """True when a write failed because the medium or the folder allows no writing."""
    return error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Tighten `path` to `mode` when its group or others may read or write it (a file
    copied in from elsewhere); a mode that is already tight, or stricter, stays."""
    with contextlib.suppress(OSError):  # e.g. a filesystem without POSIX modes
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(mode)


def make_tree_private(folder: Path) -> None:
    """A folder of ours (backups, archives) and every file in it."""
    if not folder.is_dir() or folder.is_symlink():
        return
    make_private(folder, PRIVATE_FOLDER)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.is_file() and not entry.is_symlink():
                make_private(entry)
