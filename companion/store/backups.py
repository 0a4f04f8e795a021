"""Backups: copies of the data file (and of every archive year) in `<name>.backups/`.

A copy of the data file as it opened, once a day; of an archive as it was read (once a
day) and each time it is written; and before an event (a migration, closing a school
year, a restore, an import), named `<prefix><yyyymmdd-hhmmss>-<reason>.json`. What is
kept is one pure rule, `kept_backups` (no IO): the newest of each of the last 7 days that
have a backup, the newest of each of the last 8 ISO weeks that have one, and the last 10
event backups. Counted in days *that have a backup*, so a summer holiday longer than 8
weeks never empties the folder on the first day back.

`list_backups` decodes each backup through the codec (counts, or why it cannot be read);
`restore` checks a backup fully, backs up the current state first (before-restore, so a
restore can be undone by restoring that one) and puts the backup in place atomically,
holding the data file's lock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.domain.calendar import school_year_label
from companion.store.codec import decode_archive, decode_live, read_file, read_plain
from companion.store.codec.crypto import unseal
from companion.store.errors import (
    DataFileError,
    DataFilePassphraseNeeded,
    DataFileUnwritable,
)
from companion.store.files import (
    archive_dir_for,
    atomic_write,
    backup_dir_for,
    backup_prefix_for,
    backup_stamp,
    backups_in,
    ensure_private_folder,
)
from companion.store.opening import follow_link, holding_lock
from companion.store.paths import check_data_target
from companion.store.schema import Raw

if TYPE_CHECKING:
    from companion.store.codec.crypto import Keyring

DAILY_KEPT = 7
WEEKLY_KEPT = 8
EVENTS_KEPT = 10
# The most backups of one file (the data file, or one archive year) ever kept.
BACKUPS_KEPT = DAILY_KEPT + WEEKLY_KEPT + EVENTS_KEPT

BEFORE_MIGRATION = "before-migration"
BEFORE_CLOSE = "before-close"
BEFORE_RESTORE = "before-restore"
BEFORE_IMPORT = "before-import"
REASONS = (BEFORE_MIGRATION, BEFORE_CLOSE, BEFORE_RESTORE, BEFORE_IMPORT)

_MOMENT = "%Y%m%d-%H%M%S"


# -- the rule of what is kept (pure) ------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    """When a backup was made and why ("" for an ordinary, daily one)."""

    moment: datetime
    reason: str = ""


def kept_backups(stamps: Iterable[Stamp], now: datetime) -> set[Stamp]:
    """Which backups are kept: the newest ordinary backup of each of the last DAILY_KEPT
    days that have one, of each of the last WEEKLY_KEPT ISO weeks that have one, and the
    last EVENTS_KEPT event backups. Days and weeks are counted back from `now`; a backup
    dated after `now` (made while the clock was ahead) counts after every other."""
    every = sorted(set(stamps))
    ordinary = [stamp for stamp in every if not stamp.reason]
    events = [stamp for stamp in every if stamp.reason]

    def rank(stamp: Stamp) -> tuple[bool, datetime]:
        return (stamp.moment <= now, stamp.moment)

    def newest_per(bucket: Callable[[datetime], object], count: int) -> set[Stamp]:
        newest: dict[object, Stamp] = {}
        for stamp in ordinary:
            key = bucket(stamp.moment)
            if key not in newest or rank(stamp) > rank(newest[key]):
                newest[key] = stamp
        chosen = sorted(newest.values(), key=rank, reverse=True)[:count]
        return set(chosen)

    daily = newest_per(lambda moment: moment.date(), DAILY_KEPT)
    weekly = newest_per(lambda moment: moment.isocalendar()[:2], WEEKLY_KEPT)
    latest_events = set(sorted(events, key=rank, reverse=True)[:EVENTS_KEPT])
    return daily | weekly | latest_events


def stamp_of(path: Path, prefix: str) -> Stamp | None:
    """The stamp in a backup's name, or None when it is not one named `prefix`."""
    found = backup_stamp(path.name, prefix)
    if found is None:
        return None
    try:
        moment = datetime.strptime(found[0], _MOMENT)
    except ValueError:
        return None
    return Stamp(moment, found[1])


# -- making backups -----------------------------------------------------------------------


def make_backup(source: Path, folder: Path, prefix: str, *, reason: str = "") -> Path:
    """Copy `source` into `folder` (0700) as `prefix<now>[-reason].json` (0600), then
    rotate the backups named `prefix`. Raises OSError."""
    ensure_private_folder(folder)
    moment = datetime.now()
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{prefix}{moment.strftime(_MOMENT)}{suffix}.json"
    atomic_write(target, source.read_bytes())
    rotate(folder, prefix, moment)
    return target


def rotate(folder: Path, prefix: str, now: datetime) -> None:
    """Remove the backups named `prefix` that `kept_backups` does not keep."""
    found = {path: stamp_of(path, prefix) for path in backups_in(folder, prefix)}
    keep = kept_backups((stamp for stamp in found.values() if stamp), now)
    for path, stamp in found.items():
        if stamp is not None and stamp not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class Backups:
    """The data file's backups folder. A backup that cannot be made must not stop the
    teacher's day, but it is said: `problem` holds why, for the screens."""

    def __init__(self, data_path: Path, *, enabled: bool, refused: Callable[[], bool]) -> None:
        """`refused`: whether the file takes no changes now (then nothing is backed up)."""
        self._data_path = data_path
        self._enabled = enabled
        self._refused = refused
        self.problem: OSError | None = None

    @property
    def folder(self) -> Path:
        return backup_dir_for(self._data_path)

    def all(self) -> list[Path]:
        """The backups of the data file, oldest first."""
        return backups_in(self.folder, backup_prefix_for(self._data_path))

    def of_year(self, year: int) -> list[Path]:
        """The backups of one closed school year's archive, oldest first."""
        return backups_in(self.folder, self.year_prefix(year))

    def year_prefix(self, year: int) -> str:
        return backup_prefix_for(self._data_path, school_year_label(year))

    def of_data_file(self) -> None:
        """Back up the data file as it opened, once a day."""
        self.make(self._data_path, backup_prefix_for(self._data_path), daily=True)

    def before(self, reason: str) -> None:
        """Back up the data file before an event (one of REASONS)."""
        self.make(self._data_path, backup_prefix_for(self._data_path), daily=False, reason=reason)

    def make(self, source: Path, prefix: str, *, daily: bool, reason: str = "") -> None:
        """Copy `source` into the folder and rotate the backups named `prefix`.
        `daily`: not when there is an ordinary one of today already."""
        if not self._enabled or self._refused() or not source.is_file():
            return
        folder = self.folder
        today = date.today()
        if daily and any(
            stamp is not None and not stamp.reason and stamp.moment.date() == today
            for stamp in (stamp_of(old, prefix) for old in backups_in(folder, prefix))
        ):
            return
        try:
            make_backup(source, folder, prefix, reason=reason)
        except OSError as error:
            self.problem = error


# -- what a backup holds ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """What a data file or an archive holds, in the words a teacher counts in.
    `children` is None for an archive (the class list lives in the data file)."""

    children: int | None
    ticks: int
    journal_entries: int


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as listed: `year` is None for the data file's, or the archive's year;
    `counts` None when it cannot be read, and `problem` says why."""

    path: Path
    moment: datetime
    reason: str
    size: int
    year: int | None
    counts: Counts | None
    problem: DataFileError | None


def _ticks(rows: Iterable[Raw]) -> int:
    return sum(len(row.get(moment, [])) for row in rows for moment in ("welcome", "day", "goodbye"))


def decode_counts(path: Path, payload: bytes, year: int | None) -> Counts:
    """Decode `payload` fully (as a data file, or as `year`'s archive) and count what it
    holds. Raises the DataFileError that says what is wrong."""
    if year is None:
        raw = decode_live(path, payload).raw
        return Counts(
            children=len(raw.get("children", {})),
            ticks=_ticks(raw.get("abc", {}).values()),
            journal_entries=len(raw.get("journal_entries", {})),
        )
    archive = decode_archive(path, payload, year=year)
    return Counts(
        children=None,
        ticks=_ticks(archive.get("abc", [])),
        journal_entries=len(archive.get("journal_entries", [])),
    )


def counts_of(path: Path, year: int | None = None, keyring: Keyring | None = None) -> Counts:
    """What the file at `path` holds (a data file, or `year`'s archive; opened with
    `keyring` when it is encrypted). Raises DataFileError when it is not there or cannot
    be read."""
    return decode_counts(path, read_plain(path, keyring), year)


def _year_of_prefix(name: str, data_path: Path) -> tuple[str, int | None] | None:
    """The prefix a backup's name starts with, and its archive year (None: the data
    file's)."""
    own = backup_prefix_for(data_path)
    if backup_stamp(name, own) is not None:
        return own, None
    archive_start = f"{data_path.stem}.archive-"
    if name.startswith(archive_start):
        start = name[len(archive_start) : len(archive_start) + 4]
        if start.isascii() and start.isdigit() and 1000 <= int(start) < 9999:
            prefix = backup_prefix_for(data_path, school_year_label(int(start)))
            if backup_stamp(name, prefix) is not None:
                return prefix, int(start)
    return None


def list_backups(data_path: Path, keyring: Keyring | None = None) -> list[BackupInfo]:
    """Every backup of the data file and of its archives, newest first, each decoded
    (an encrypted one with `keyring`)."""
    folder = backup_dir_for(data_path)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            named = _year_of_prefix(entry.name, data_path)
            if named is None:
                continue
            prefix, year = named
            stamp = stamp_of(entry, prefix)
            if stamp is None:
                continue
            found.append(_inspect(entry, stamp, year, keyring))
    return sorted(found, key=lambda info: (info.moment, info.path.name), reverse=True)


def _inspect(path: Path, stamp: Stamp, year: int | None, keyring: Keyring | None) -> BackupInfo:
    size = 0
    with contextlib.suppress(OSError):
        size = path.stat().st_size
    try:
        counts: Counts | None = counts_of(path, year, keyring)
        problem = None
    except DataFileError as error:
        counts, problem = None, error
    return BackupInfo(path, stamp.moment, stamp.reason, size, year, counts, problem)


def newest_good_backup(
    data_path: Path, year: int | None = None, keyring: Keyring | None = None
) -> Path | None:
    """The newest backup of the data file (or of `year`'s archive) that decodes whole (an
    encrypted one counts as good when its header is whole: it needs the passphrase)."""
    prefix = backup_prefix_for(data_path, None if year is None else school_year_label(year))
    for path in reversed(backups_in(backup_dir_for(data_path), prefix)):
        try:
            counts_of(path, year, keyring)
        except DataFilePassphraseNeeded:
            return path
        except DataFileError:
            continue
        return path
    return None


# -- restoring ----------------------------------------------------------------------------


def target_of(data_path: Path, backup: BackupInfo) -> Path:
    """What a backup restores: the data file, or its archive year's file."""
    if backup.year is None:
        return data_path
    return archive_dir_for(data_path) / f"{school_year_label(backup.year)}.json"


def find_backup(data_path: Path, wanted: str, keyring: Keyring | None = None) -> BackupInfo | None:
    """A backup by its number in `list_backups` (from 1) or by its file name."""
    backups = list_backups(data_path, keyring)
    if wanted.isascii() and wanted.isdigit():
        number = int(wanted)
        return backups[number - 1] if 1 <= number <= len(backups) else None
    name = Path(wanted).name
    return next((info for info in backups if info.path.name == name), None)


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did: the file it replaced, and the backup of what was there."""

    target: Path
    undo: Path | None


def restore(data_path: Path, backup: BackupInfo, keyring: Keyring | None = None) -> Restored:
    """Put `backup` in place of the data file (or of its archive year), whole.

    The backup is read and decoded fully first: a bad one raises its DataFileError and
    nothing is touched. Then, holding the data file's lock (DataFileLocked while the app
    has it open), the current file is backed up (before-restore) and the backup's bytes
    are written over it atomically (0600). An encrypted backup is opened with `keyring`
    to be checked, and put back as it is (encrypted)."""
    data_path = Path(data_path).expanduser()
    check_data_target(data_path)
    data_path = follow_link(data_path)
    payload = read_file(backup.path)
    plain = unseal(backup.path, payload, keyring)[0]
    decode_counts(backup.path, plain, backup.year)  # refused whole when anything is wrong
    target = target_of(data_path, backup)
    prefix = backup_prefix_for(
        data_path, None if backup.year is None else school_year_label(backup.year)
    )
    with holding_lock(data_path):
        try:
            undo = None
            if target.is_file():
                folder = backup_dir_for(data_path)
                undo = make_backup(target, folder, prefix, reason=BEFORE_RESTORE)
            ensure_private_folder(target.parent)
            atomic_write(target, payload)
        except OSError as error:
            raise DataFileUnwritable(target, error) from error
    return Restored(target, undo)
