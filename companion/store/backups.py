"""Backups: a copy of the data file as it opened (and of every archive year as it was read
or written), the newest BACKUPS_KEPT of each kept in `<name>.backups/`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from companion.domain.calendar import school_year_label
from companion.store.files import (
    atomic_write,
    backup_dir_for,
    backup_prefix_for,
    backups_in,
    ensure_private_folder,
)

BACKUPS_KEPT = 10


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

    def make(self, source: Path, prefix: str, *, daily: bool) -> None:
        """Copy `source` into the folder; keep the newest BACKUPS_KEPT named `prefix`.
        `daily`: not when there is one of today already."""
        if not self._enabled or self._refused():
            return
        folder = self.folder
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
            self.problem = error
