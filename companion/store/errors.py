"""Every way a data file can be unusable, each with a clear message and what to do."""

from __future__ import annotations

from pathlib import Path

from companion.domain.calendar import ClockDoubt
from companion.i18n import t
from companion.store.files import backup_dir_for


class DataFileError(Exception):
    """A data file we must not touch. `key` names the message under `errors.file.*`."""

    key = "errors.file.corrupt"

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        backups = str(backup_dir_for(self.path))
        return t(self.key, lang, path=str(self.path), detail=self.detail, backups=backups)


class DataFileCorrupt(DataFileError):
    key = "errors.file.corrupt"


class DataFileEmpty(DataFileError):
    key = "errors.file.empty"


class DataFileForeign(DataFileError):
    key = "errors.file.foreign"


class DataFileTooNew(DataFileError):
    key = "errors.file.too_new"


class DataFileUnreadable(DataFileError):
    key = "errors.file.unreadable"


class DataFileLocked(DataFileError):
    key = "errors.file.locked"


class DataFileUnwritable(DataFileError):
    key = "errors.file.unwritable"


class SchoolYearClosed(DataFileError):
    """A change to a day of a closed school year: its archive is kept as it was closed."""

    key = "year.closed_error"

    def __init__(self, path: Path, year: int) -> None:
        self.year = year
        super().__init__(path, f"{year}-{year + 1}")


class ClockInDoubt(DataFileError):
    """The computer's date does not fit the data: no school year is closed on it."""

    key = "year.clock_refuses_close"

    def __init__(self, path: Path, doubt: ClockDoubt) -> None:
        self.doubt = doubt
        super().__init__(path)

    def message(self, lang: str | None = None) -> str:
        from companion.reports.school_year import clock_doubt_text

        return f"{clock_doubt_text(self.doubt, lang)} {t(self.key, lang)}"
