"""The one rule for the paths a teacher names: where the app may write, and how it reads.

Writes of a chosen path (the data file given with --data, `export --out`, the demo's
file) go only to an ordinary file or a new name: never onto a device, a pipe, a socket or
a folder, never onto a data file, its lock, or into its archive or backups, and never to
a name the computer cannot hold with what the app adds to it (a lock, temp files,
backups). Links are followed first: what is judged is where a write would land.

A file the teacher names to read (a class list) is opened only when it is an ordinary
file, and read up to a limit: a device or a pipe could go on for ever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from companion.store.errors import PathRefused
from companion.store.files import (
    TEMP_NAME_EXTRA,
    archive_dir_for,
    atomic_write_pieces,
    backup_dir_for,
    ensure_private_folder,
    lock_path_for,
    remove_stale_temps,
)

NAME_MAX_FALLBACK = 255  # bytes in one name, where the OS does not say
PATH_MAX_FALLBACK = 4096  # bytes in a whole path
BACKUP_STAMP = "20261125-101010"  # the shape of a backup's time stamp (Backups.make)
ARCHIVE_NAME = "2026-2027.json"  # the shape of a closed school year's file
STAGING_SUFFIX = ".staging"  # the folders where store/staging.py builds a new file whole
READ_CHUNK = 1 << 20


# -- what a path is ---------------------------------------------------------------------


# Opening to read never waits: a pipe swapped in after the stat gives no writer to wait for.
OPEN_FOR_READING = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def kind_of_file(mode: int) -> str | None:
    """None for an ordinary file, else what it is instead: folder, device, pipe, socket
    or special (the reasons in errors.path.reason.* and datafile.kind_of_file.*)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special"


def read_open_file(descriptor: int, most: int, first: int = READ_CHUNK) -> bytes:
    """At most `most` bytes from an open file: the first read asks for `first` bytes (its
    size + 1 reads a whole ordinary file at once), the next ones a chunk each."""
    chunks: list[bytes] = []
    total = 0
    size = first
    while total < most:
        chunk = os.read(descriptor, min(size, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        size = READ_CHUNK
    return b"".join(chunks)


def _status(path: Path) -> os.stat_result | None:
    """The status of what `path` leads to; None when there is nothing (a new file) or it
    cannot be reached (the write itself will then say why)."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _real(path: Path) -> Path:
    """Where a write of `path` lands: absolute, every link followed (a missing end is kept)."""
    return Path(os.path.realpath(os.path.abspath(path)))


def _same(first: Path, second: Path) -> bool:
    if first == second:
        return True
    one, other = _status(first), _status(second)
    return (
        one is not None
        and other is not None
        and (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)
    )


# -- the data file's own parts ------------------------------------------------------------


def _part_of(real: Path, owner: Path) -> str | None:
    """Which part of the data file `owner` the path `real` is, if any."""
    if _same(real, owner):
        return "data_file"
    if _same(real, lock_path_for(owner)):
        return "lock"
    for folder, part in ((archive_dir_for(owner), "archive"), (backup_dir_for(owner), "backups")):
        if real == folder or real.is_relative_to(folder):
            return part
    return None


def _possible_owners(real: Path) -> Iterator[Path]:
    """Data files `real` may belong to by its name: `X` for `X.lock`, and the file of stem
    `S` beside a folder `S.archive` or `S.backups` that holds `real`."""
    if real.name.endswith(".lock") and real.name != ".lock":
        yield real.with_name(real.name.removesuffix(".lock"))
    for folder in real.parents:
        for suffix in (".archive", ".backups"):
            stem = folder.name.removesuffix(suffix)
            if stem and stem != folder.name:
                try:
                    names = os.listdir(folder.parent)
                except OSError:
                    continue
                yield from (folder.parent / n for n in names if Path(n).stem == stem)


def _owner_refusal(real: Path, data_path: Path | None) -> tuple[str, Path] | None:
    owners = [] if data_path is None else [_real(data_path)]
    for owner in [*owners, *_possible_owners(real)]:
        status = _status(owner)
        if status is None or not stat.S_ISREG(status.st_mode):
            continue
        part = _part_of(real, owner)
        if part is not None:
            return part, owner
    return None


# -- names the computer can hold ----------------------------------------------------------


def _limit(path: Path, name: str, fallback: int) -> int:
    folder = next((p for p in path.parents if os.path.isdir(p)), Path(path.anchor or "."))
    try:
        value = os.pathconf(folder, name)
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return fallback
    return value if value > 0 else fallback


def _made_beside(path: Path, data_file: bool, *, staged: bool = True) -> list[Path]:
    """Every path a write of `path` creates: its temp file; for a data file also its lock,
    the temp files of its backups and archives, and the staging folder of a new one."""
    random = "x" * (TEMP_NAME_EXTRA - len("...tmp"))

    def temp(target: Path) -> Path:
        return target.with_name(f".{target.name}.{random}.tmp")

    made = [temp(path)]
    if data_file:
        backup = backup_dir_for(path) / f"{path.stem}-{BACKUP_STAMP}.json"
        made += [lock_path_for(path), temp(backup), temp(archive_dir_for(path) / ARCHIVE_NAME)]
        if staged:  # a new file made whole (the demo) is built in a folder beside it first
            folder = path.with_name(f".{path.name}.{random}{STAGING_SUFFIX}")
            made += [folder, *_made_beside(folder / path.name, data_file, staged=False)]
    return made


def _size(text: str) -> int:
    return len(os.fsencode(text))


def check_name_lengths(path: Path, *, data_file: bool = False) -> None:
    """Refuse a path the computer cannot hold, counting what the app adds to it, before
    anything is created (so no half-made folders, and a sentence, not an OS error)."""
    where = Path(os.path.abspath(path))
    name_max = _limit(where, "PC_NAME_MAX", NAME_MAX_FALLBACK)
    path_max = _limit(where, "PC_PATH_MAX", PATH_MAX_FALLBACK)
    if any(_size(part) > name_max for part in where.parent.parts):
        raise PathRefused(path, "folder_name_too_long", limit=name_max)
    made = _made_beside(where, data_file)
    names = [part for made_path in made for part in made_path.relative_to(where.parent).parts]
    added = max(_size(name) for name in names) - _size(where.name)
    if _size(where.name) + added > name_max:
        raise PathRefused(path, "name_too_long", limit=max(name_max - added, 1), added=added)
    longest = max(_size(str(made_path)) for made_path in made)
    if longest > path_max - 1:  # the limit counts the closing NUL byte
        added = longest - _size(str(where))
        raise PathRefused(path, "path_too_long", limit=max(path_max - 1 - added, 1), added=added)


# -- the rules ------------------------------------------------------------------------------


def check_writable_target(path: Path, data_path: Path | None = None) -> None:
    """Refuse (PathRefused) a write of `path` unless it lands on an ordinary file or a new
    name, outside the data file `data_path` (when given) and outside any data file's lock,
    archive or backups; and unless the computer can hold the name."""
    check_name_lengths(path)
    _check_target(path, data_path)


def check_data_target(path: Path) -> None:
    """The same rule for a data file itself (--data, the demo): its lock must be an ordinary
    file or new as well, and the names made beside it must fit."""
    check_name_lengths(path, data_file=True)
    # A folder is refused as the store reads it: it cannot be the class data.
    _check_target(path, None, allowed={"folder"})
    _check_kind(lock_path_for(_real(path)))


def _check_kind(path: Path, allowed: frozenset[str] | set[str] = frozenset()) -> Path | None:
    """Refuse what is no ordinary file (a new name is fine); returns where a link leads."""
    real = _real(path)
    via = real if real != Path(os.path.abspath(path)) else None
    status = _status(real)
    kind = None if status is None else kind_of_file(status.st_mode)
    if kind is not None and kind not in allowed:
        raise PathRefused(path, kind, via=via)
    return via


def _check_target(
    path: Path, data_path: Path | None, allowed: frozenset[str] | set[str] = frozenset()
) -> None:
    via = _check_kind(path, allowed)
    real = _real(path)
    refusal = _owner_refusal(real, data_path)
    if refusal is not None:
        part, owner = refusal
        raise PathRefused(path, part, via=via, owner=str(owner))


def write_user_file(
    path: Path, payload: bytes | Iterable[bytes], data_path: Path | None = None
) -> None:
    """Write a file the teacher named (an export), by the rule above, atomically and
    privately; temp files a killed earlier write of this same file left behind go first.
    `payload` may come in pieces, each written as it is made (atomic_write_pieces).
    Raises PathRefused for a refused path, OSError when the write itself fails."""
    check_writable_target(path, data_path)
    ensure_private_folder(Path(os.path.abspath(path)).parent)
    remove_stale_temps(_real(path))
    pieces = (payload,) if isinstance(payload, bytes) else payload
    atomic_write_pieces(_real(path), pieces)


# -- reading a file the teacher named ---------------------------------------------------------


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file at `path`, refused (PathRefused) when it is a folder,
    a device, a pipe or a socket (judged before opening, so nothing blocks) or holds more
    than `limit` bytes (never more than `limit` + 1 are read). Other OS errors (a missing
    file, no permission) are raised as OSError."""
    status = os.stat(path)
    if (kind := kind_of_file(status.st_mode)) is not None:
        raise PathRefused(path, kind, reading=True)
    if status.st_size > limit:
        raise PathRefused(path, "too_big", reading=True, limit=_megabytes(limit))
    descriptor = os.open(path, OPEN_FOR_READING)
    try:
        if (kind := kind_of_file(os.fstat(descriptor).st_mode)) is not None:
            raise PathRefused(path, kind, reading=True)
        payload = read_open_file(descriptor, limit + 1)
    finally:
        os.close(descriptor)
    if len(payload) > limit:  # it grew, or its size was not told (as in /proc)
        raise PathRefused(path, "too_big", reading=True, limit=_megabytes(limit))
    return payload


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.3g} MB" if size >= 2**20 else f"{max(size // 1024, 1)} kB"
