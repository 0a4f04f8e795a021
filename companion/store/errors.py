"""Every way a data file can be unusable, each with a clear message and what to do."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from companion.domain.calendar import ClockDoubt
from companion.i18n import catalog, current_language, os_error_text, t
from companion.store.files import ReadOnly, backup_dir_for, backup_prefix_for, backups_in


class DataFileError(Exception):
    """A data file we must not touch. `key` names the message under `errors.file.*`.

    A message that advises restoring a backup names the newest one that really exists
    (a key with the `_no_backup` suffix says so when there is none). Archives are backed
    up into the data file's backups folder, so the store points their errors there with
    `with_backups`.
    """

    key = "errors.file.corrupt"

    def __init__(self, path: Path, detail: str | OSError = "", **params: str) -> None:
        self.path = path
        # What the OS said is put in words when the message is asked for, in its language.
        self.os_error = detail if isinstance(detail, OSError) else None
        self.detail = detail.strerror or str(detail) if isinstance(detail, OSError) else detail
        self.params = params
        self.backups = backup_dir_for(path)
        self.backup_prefix = backup_prefix_for(path)
        self.data_path = path  # the data file whose backups folder holds this file's
        self.year: int | None = None  # an archive's school year
        super().__init__(str(path), self.detail)

    def with_backups(
        self, folder: Path, prefix: str, *, data_path: Path | None = None, year: int | None = None
    ) -> Self:
        """Where the backups of this file are, when not beside it (an archive's: of
        `year`, in the backups folder of `data_path`)."""
        self.backups = folder
        self.backup_prefix = prefix
        if data_path is not None:
            self.data_path = data_path
        self.year = year
        return self

    def latest_backup(self) -> Path | None:
        """The newest backup of this file that decodes whole (a damaged one is passed by)."""
        from companion.store.backups import newest_good_backup

        if backup_dir_for(self.data_path) != self.backups:
            found = backups_in(self.backups, self.backup_prefix)
            return found[-1] if found else None
        return newest_good_backup(self.data_path, self.year)

    def restore_command(self, latest: Path) -> str:
        """The exact command that puts `latest` back."""
        return f'companion backup restore {latest.name} --data "{self.data_path}"'

    def detail_in(self, lang: str | None = None) -> str:
        """The detail in `lang` (as given, unless a subclass can say it in words)."""
        return self.detail

    def message(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        key = self.key
        # Only a message that names the backup looks for it (each one is decoded).
        latest = self.latest_backup() if "{latest}" in catalog(lang).get(key, "") else None
        if latest is None and f"{key}_no_backup" in catalog(lang):
            key = f"{key}_no_backup"
        return t(
            key,
            lang,
            path=str(self.path),
            detail=self.detail_in(lang)
            if self.os_error is None
            else os_error_text(self.os_error, lang),
            backups=str(self.backups),
            latest=str(latest or ""),
            restore=self.restore_command(latest) if latest is not None else "",
            **self.params,
        )

    def __str__(self) -> str:
        return self.message("en")


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


class DataFileLinkMissing(DataFileUnreadable):
    """A symbolic link to a file that is not there (a drive that is not plugged in)."""

    key = "errors.file.link_missing"

    def __init__(self, path: Path, target: str) -> None:
        super().__init__(path, target=target)


class DataFileLinkLoop(DataFileUnreadable):
    """Symbolic links that point at each other in a circle: no file at the end."""

    key = "errors.file.link_loop"


class DataFileLocked(DataFileError):
    key = "errors.file.locked"


class DataFileLockForeign(DataFileLocked):
    """The lock file belongs to another user account, so we cannot take it."""

    key = "errors.file.lock_foreign"

    def __init__(self, path: Path, lock: Path, owner: str) -> None:
        super().__init__(path, lock=str(lock), owner=owner)


class DataFileUnwritable(DataFileError):
    key = "errors.file.unwritable"


class DataFileReadOnly(DataFileUnwritable):
    """The file was opened read-only (the teacher or the OS said so): changes are refused."""

    def __init__(self, path: Path, reason: ReadOnly) -> None:
        super().__init__(path)
        self.reason = reason

    @property
    def key(self) -> str:  # type: ignore[override]
        return f"errors.file.read_only_{self.reason.value}"


class DataFileStopped(DataFileUnwritable):
    """Saving stopped for the rest of the session: saving on would lose someone's data."""


class DataFileLockLost(DataFileStopped):
    """The lock file was removed or replaced while the app ran: a second instance may be in."""

    key = "errors.file.lock_lost"

    def __init__(self, path: Path, lock: Path) -> None:
        super().__init__(path, lock=str(lock))


class DataFileChanged(DataFileStopped):
    """The data file was replaced, changed or removed by someone else while the app ran."""

    key = "errors.file.changed"


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


class PathRefused(DataFileError):
    """A path the app will not write to (or read from): a device, a pipe, a folder, the
    data file's own lock, archive or backups, a name too long for the computer, ...

    `reason` names the sentence under `paths.reason.*`; `params` fill it in.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        *,
        reading: bool = False,
        via: Path | None = None,
        **params: object,
    ) -> None:
        self.key = "paths.read_refused" if reading else "paths.write_refused"
        self.reason = reason
        self.via = via  # where a link at `path` leads, when that is what was judged
        super().__init__(path, reason, **{name: str(value) for name, value in params.items()})

    def message(self, lang: str | None = None) -> str:
        reason = t(f"paths.reason.{self.reason}", lang, **self.params)
        shown = str(self.path)
        if self.via is not None:
            shown = t("paths.via_link", lang, path=shown, target=str(self.via))
        return t(self.key, lang, path=shown, reason=reason)


@dataclass(frozen=True, slots=True)
class EntryProblem:
    """What is wrong in a file that parses, and where: `reason` names the sentence under
    `datafile.problem.*`. `entry` is a document's id in the live file, or the position
    (from 1) in an archive's list (`in_list`). `expected` and `found` name kinds of value
    under `datafile.kind.*`; `params` fill in the rest (a value, the allowed ones)."""

    reason: str
    table: str = ""
    entry: str = ""
    in_list: bool = False
    field: str = ""
    expected: str = ""
    found: str = ""
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def describe(self, lang: str | None = None) -> str:
        params = dict(self.params)
        for name, kind in (("expected", self.expected), ("found", self.found)):
            if kind:
                params[name] = t(f"datafile.kind.{kind}", lang)
        problem = t(f"datafile.problem.{self.reason}", lang, **params)
        if not self.table:
            return problem
        where = t(
            "datafile.where.in_list" if self.in_list else "datafile.where.in_table",
            lang,
            table=self.table,
            entry=self.entry,
        )
        if self.field:
            return t("datafile.where.field", lang, where=where, field=self.field, problem=problem)
        return t("datafile.where.entry", lang, where=where, problem=problem)


class DataFileBadEntry(DataFileCorrupt):
    """The file parses, but an entry breaks the schema: the message says which and why."""

    def __init__(self, path: Path, problem: EntryProblem) -> None:
        self.problem = problem
        super().__init__(path, problem.describe("en"))

    def detail_in(self, lang: str | None = None) -> str:
        return self.problem.describe(lang)


class DataFileNotRegular(DataFileUnreadable):
    """A folder, a pipe, a device, a socket or a file the system makes up as it is read:
    never opened for reading (a pipe would wait forever) and never written. `detail`
    names the kind under `datafile.kind_of_file.*`."""

    key = "datafile.not_regular"

    def detail_in(self, lang: str | None = None) -> str:
        return t(f"datafile.kind_of_file.{self.detail}", lang)


class DataFileTooLarge(DataFileError):
    """Far larger than any class's data could be: refused before it is read whole."""

    key = "datafile.too_large"

    def __init__(self, path: Path, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(path, f"{size} > {limit} bytes")

    def detail_in(self, lang: str | None = None) -> str:
        limit = _megabytes(self.limit)
        if self.size is None:
            return t("datafile.size_over", lang, limit=limit)
        return t("datafile.size", lang, size=_megabytes(self.size), limit=limit)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"


# -- encryption at rest (codec/crypto.py): each never writes, and says what to do --------


class DataFilePassphraseNeeded(DataFileError):
    """An encrypted file, opened without a passphrase."""

    key = "encryption.file.needs_passphrase"


class DataFileWrongPassphrase(DataFileError):
    """The passphrase given is not the one the file was encrypted with (its key check)."""

    key = "encryption.file.wrong_passphrase"


class DataFileTampered(DataFileCorrupt):
    """The passphrase is right, but the ciphertext was changed (on the disk or by
    someone): AES-GCM refuses it."""

    key = "encryption.file.tampered"


class DataFileCryptoDamaged(DataFileCorrupt):
    """An encrypted file whose header is cut short or changed: nothing can be checked."""

    key = "encryption.file.damaged"


class DataFileEncryptionUnfinished(DataFileError):
    """`companion encrypt|decrypt|passphrase` was cut short (a kill, a power cut): every
    file opens with the old or the new passphrase, and the command, run again, finishes."""

    key = "encryption.file.unfinished"

    def __init__(self, path: Path, change: str) -> None:
        super().__init__(path, command=change)
