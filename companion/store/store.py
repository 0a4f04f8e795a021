"""The one place that knows TinyDB: the data file opened, locked and written durably.

The store opens (or refuses) the file and takes its lock; core.py's `Core` holds the
open file, the write path with its guard and the revision, and is what every aggregate
is given. Each kind of data is an aggregate in its own module, composed here:
`store.children`, `store.abc`, `store.days_off`, `store.settings`, `store.needs`,
`store.samen_spel` (plans and sessions), `store.rest_corner` (check-ins, strategy uses,
her own strategies), `store.journal` (entries, drafts, prompts), `store.self_reg`
(analyses), `store.teacher_check_in` (her own check-ins); `store.school_years` archives
and closes the year-bound kinds, `store.backups` keeps the copies.
"""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from filelock import FileLock, Timeout

from companion.domain.calendar import school_year_of
from companion.store.abc import Abc
from companion.store.backups import BEFORE_MIGRATION, Backups
from companion.store.children import Children
from companion.store.codec import open_live, records_of, refuse_unusable
from companion.store.codec.crypto import Keyring, Sealing
from companion.store.core import Core
from companion.store.days_off import DaysOff
from companion.store.encryption import refuse_unfinished_change
from companion.store.errors import (
    DataFileError,
    DataFileLocked,
    DataFileUnwritable,
)
from companion.store.export import export_document
from companion.store.files import (
    PRIVATE_FILE,
    ReadOnly,
    ensure_private_folder,
    lock_path_for,
    on_read_only_medium,
    read_only_error,
    read_only_reason,
)
from companion.store.journal import Drafts, Journal, JournalEntries, OwnPrompts
from companion.store.needs import Needs
from companion.store.opening import (
    follow_link,
    lock_failure,
    make_files_private,
    os_error,
    remove_stale_temp_files,
)
from companion.store.paths import check_data_target
from companion.store.report import Reports
from companion.store.rest_corner import CheckIns, OwnStrategies, RestCorner, StrategyUses
from companion.store.samen_spel import SamenSpel, SamenSpelPlans, SamenSpelSessions
from companion.store.schema import (
    YEAR_BOUND,
    AbcRecord,
    AnalysisRecord,
    CheckInRecord,
    DayOffRecord,
    JournalEntryRecord,
    LiveFile,
    Raw,
    SamenSpelPlanRecord,
    SamenSpelSessionRecord,
    StrategyUseRecord,
    TeacherCheckInRecord,
    live_records,
    new_document,
)
from companion.store.school_years import AnyKind, SchoolYears
from companion.store.self_reg import Analyses, SelfReg
from companion.store.settings import Settings
from companion.store.teacher_check_in import TeacherCheckInFacade, TeacherCheckIns


class Store:
    """Open with `Store.open(path, today=...)`; holds the file's lock until `close()`."""

    def __init__(
        self,
        path: Path,
        today: date,
        raw: Raw,
        lock: FileLock | None,
        *,
        read_only: ReadOnly | None = None,
        backup: bool = True,
        records: LiveFile | None = None,
        keyring: Keyring | None = None,
        sealing: Sealing | None = None,
    ) -> None:
        """`raw` and `records`: the document as codec.load_live read and checked it
        (records are made from `raw` when it is this process's own, a new file)."""
        self.path = path
        self.today = today
        self.current_year = school_year_of(today)
        # The file itself: its tables and the one write path, given to every aggregate.
        self.core = Core(path, today, raw, lock, read_only, keyring=keyring, sealing=sealing)
        self.backing_up = backup  # Backups made of this file (see `reload`)
        records = records or records_of(raw)
        self.backups = Backups(
            path, enabled=backup and read_only is None, refused=lambda: self.read_only
        )
        self.settings = Settings(self.core)
        self.school_years = SchoolYears(self.core, self.backups)
        # The class; the children who left are read from the archives when first asked.
        self.children = Children(self.core, records.children, years=self.school_years)
        self.abc = Abc(
            self.core,
            live_records(records, AbcRecord),
            children=self.children,
            years=self.school_years,
        )
        self.days_off = DaysOff(
            self.core, live_records(records, DayOffRecord), years=self.school_years
        )
        self.needs = Needs(self.core, records.needs_profiles, children=self.children)
        years = self.school_years
        self.samen_spel_plans = SamenSpelPlans(
            self.core, live_records(records, SamenSpelPlanRecord), years=years
        )
        self.samen_spel_sessions = SamenSpelSessions(
            self.core, live_records(records, SamenSpelSessionRecord), years=years
        )
        self.samen_spel = SamenSpel(
            self.core,
            self.samen_spel_plans,
            self.samen_spel_sessions,
            children=self.children,
            days_off=self.days_off,
        )
        self.check_ins = CheckIns(self.core, live_records(records, CheckInRecord), years=years)
        self.strategy_uses = StrategyUses(
            self.core, live_records(records, StrategyUseRecord), years=years
        )
        self.own_strategies = OwnStrategies(
            self.core, records.own_strategies, records.hidden_strategies
        )
        self.rest_corner = RestCorner(
            self.core,
            self.check_ins,
            self.strategy_uses,
            self.own_strategies,
            children=self.children,
        )
        self.journal_entries = JournalEntries(
            self.core, live_records(records, JournalEntryRecord), years=years
        )
        self.journal = Journal(
            self.core,
            self.journal_entries,
            Drafts(self.core, records.journal_drafts),
            OwnPrompts(self.core, records.journal_prompts),
            children=self.children,
            years=years,
        )
        self.analyses = Analyses(self.core, live_records(records, AnalysisRecord), years=years)
        self.self_reg = SelfReg(self.core, self.analyses, children=self.children, years=years)
        self.teacher_check_ins = TeacherCheckIns(
            self.core, live_records(records, TeacherCheckInRecord), years=years
        )
        self.teacher_check_in = TeacherCheckInFacade(self.core, self.teacher_check_ins)
        self.report = Reports(self)
        # The kinds that belong to a school year, as schema.YEAR_BOUND declares them:
        # closing, archives, export and their validation walk them.
        self.school_years.declare(
            self._year_bound_kinds(),
            newest_day=self._newest_day,
            children=self.children,
            needs=self.needs,
        )
        # Today's school year is read by every screen: if it has an archive (closed on a
        # wrong date), a damaged one stops the opening with its message, never shows empty.
        self.school_years.archived(self.current_year)

    def _newest_day(self) -> date | None:
        """The newest day she recorded something on (a tick, a Samen-Spel session): a
        computer date before it is in doubt."""
        newest = (
            self.abc.newest_day(),
            self.samen_spel.newest_day(),
            self.strategy_uses.newest_live_day(),
            self.check_ins.newest_live_day(),
            self.journal_entries.newest_live_day(),
            self.teacher_check_ins.newest_live_day(),
        )
        days = [day for day in newest if day]
        return max(days, default=None)

    def _year_bound_kinds(self) -> tuple[AnyKind, ...]:
        """Each kind of schema.YEAR_BOUND: the attribute of the store named as its table."""
        kinds: list[AnyKind] = []
        for name in YEAR_BOUND:
            kind: AnyKind | None = getattr(self, name, None)
            if kind is None or kind.name != name:
                raise TypeError(f"schema.YEAR_BOUND declares {name!r}: Store needs `self.{name}`")
            kinds.append(kind)
        return tuple(kinds)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, *, today: date, backup: bool = True, keyring: Keyring | None = None
    ) -> Self:
        """Open and lock the data file (made when missing). A file that the teacher or the
        OS made read-only (its mode, its folder, its medium) opens read-only, without a
        lock: everything can be read and exported, every change is refused.

        `keyring`: the passphrase, for an encrypted data file (DataFilePassphraseNeeded
        without it, DataFileWrongPassphrase with another); a plaintext file opens and
        stays plaintext whatever is given (`store.encryption` turns it on)."""
        path = Path(path).expanduser()
        try:
            # Only a path the app may write to, with names the computer can hold.
            check_data_target(path)
            return cls._open(path, today, backup, keyring)
        except OSError as error:  # whatever the OS said that no step above names
            raise DataFileUnwritable(path, error) from error

    @classmethod
    def _open(cls, path: Path, today: date, backup: bool, keyring: Keyring | None) -> Self:
        path = follow_link(path)
        refuse_unusable(path)  # a folder, a file of /proc, too large: before a lock is made
        read_only = read_only_reason(path)
        if read_only is not None:
            if not path.exists():  # no new class where nothing may be written
                medium = on_read_only_medium(path.parent)
                raise DataFileUnwritable(path, os_error(errno.EROFS if medium else errno.EACCES))
            return cls._open_locked(path, today, None, backup, read_only, keyring)
        try:
            ensure_private_folder(path.parent)
        except OSError as error:
            raise DataFileUnwritable(path, error) from error
        lock_path = lock_path_for(path)
        lock = FileLock(str(lock_path), timeout=0, mode=PRIVATE_FILE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as error:
            if not lock_path.exists():  # it could not even be made: not held by anyone
                raise DataFileUnwritable(path, os_error(errno.EACCES)) from error
            raise DataFileLocked(path) from error
        except OSError as error:
            if read_only_error(error) and path.is_file() and not lock_path.exists():
                # The folder takes no new file (a lock), though it looked writable.
                return cls._open_locked(path, today, None, backup, ReadOnly.FOLDER, keyring)
            raise lock_failure(path, error) from error
        try:
            store = cls._open_locked(path, today, lock, backup, keyring=keyring)
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        today: date,
        lock: FileLock | None,
        backup: bool,
        read_only: ReadOnly | None = None,
        keyring: Keyring | None = None,
    ) -> Self:
        refuse_unfinished_change(path)  # encrypt/decrypt/passphrase cut short: finish it
        if read_only is None:
            remove_stale_temp_files(path)
            make_files_private(path)
        if path.exists():
            (raw, records, migrated), sealing = open_live(path, keyring)  # every entry checked
            if sealing is not None:  # new files (archives) under the folder's KDF salt
                sealing.keyring.target = (sealing.header.kdf_salt, sealing.header.params)
            store = cls(
                path,
                today,
                raw,
                lock,
                read_only=read_only,
                backup=backup,
                records=records,
                keyring=keyring,
                sealing=sealing,
            )
            if read_only is not None:
                return store  # a migration lives in memory only; nothing is written
            # Only a file that opened cleanly is backed up, so a broken one can never
            # push the good backups out of the rotation.
            store.backups.of_data_file()
            if migrated and backup:
                store.backups.before(BEFORE_MIGRATION)  # the older version, kept
                store.core.flush()
            # Without backups (an export, a listing) a migration lives in memory only:
            # reading never rewrites a file an older version could still open.
        else:
            store = cls(path, today, new_document(), lock, backup=backup)
            store.core.flush()
        return store

    def close(self) -> None:
        self.core.close()

    def reload(self) -> None:
        """Read the live file and the archives anew into fresh aggregates, the lock kept:
        after a purge (purge.py) rewrote files whole beneath every index."""
        (raw, records, _), sealing = open_live(self.path, self.core.keyring)
        revision = self.core.revision
        Store.__init__(
            self,
            self.path,
            self.today,
            raw,
            self.core.lock,
            backup=self.backing_up,
            records=records,
            keyring=self.core.keyring,
            sealing=sealing,
        )
        self.core.revision = revision + 1

    @property
    def revision(self) -> int:
        """Grows with every write: a screen shown again re-reads only if it changed."""
        return self.core.revision

    @property
    def encrypted(self) -> bool:
        """True when the data file is encrypted (and so every file written beside it)."""
        return self.core.sealing is not None

    @property
    def keyring(self) -> Keyring | None:
        """The passphrase the store was opened with (to open it again), or None."""
        return self.core.keyring

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is the one this encrypted store was opened with (the
        curtain lifting); False for a plaintext store."""
        keyring = self.core.keyring
        return self.encrypted and keyring is not None and keyring.matches(passphrase)

    @property
    def read_only(self) -> bool:
        """True when changes are refused: opened read-only, or saving had to stop."""
        return self.core.refusal is not None

    @property
    def refusal(self) -> DataFileError | None:
        """Why changes are refused (DataFileReadOnly or DataFileStopped), or None."""
        return self.core.refusal

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- what the whole file answers --------------------------------------------------

    def export_document(self) -> dict[str, Any]:
        """Everything, live and archived, in the stable vocabulary."""
        return export_document(self)

    def is_empty(self) -> bool:
        return not self.children.has_any() and self.abc.is_empty()
