"""What the teacher or the OS said about a file is respected: read-only files and media,
a lock or a data file taken over while the app runs, loose modes, backups that fail.

We run the suite as root, and root ignores file modes: so read-only is decided by the mode
bits (no write bit for the owner) and by the OS for media (a tmpfs mounted read-only when
mount is permitted). What a teacher's own account meets is run in a forked child that
becomes `nobody` (skipped when the suite does not run as root).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import pwd  # noqa: F401  (imported before a child drops to nobody, who cannot import it)
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from companion.domain.abc import AbcDay
from companion.domain.calendar import DayOff
from companion.domain.children import ChildDraft
from companion.i18n import catalog, os_error_text
from companion.store import DataFileError, DataFileLocked, Store
from companion.store.errors import (
    DataFileChanged,
    DataFileCorrupt,
    DataFileLinkLoop,
    DataFileLinkMissing,
    DataFileLockForeign,
    DataFileLockLost,
    DataFileReadOnly,
    DataFileUnwritable,
)
from companion.store.files import ReadOnly

TODAY = date(2026, 3, 2)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
AS_ROOT_ONLY = pytest.mark.skipif(not IS_ROOT, reason="needs root to become another user")
NOBODY = 65534


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def everything_under(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path under `folder` with its bytes (None for a folder) and its mode."""
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes(), mode(p))
        for p in sorted(folder.rglob("*"))
    }


def a_class(path: Path) -> str:
    """A data file with a child, a marked day and a day off; returns the child's id."""
    with Store.open(path, today=TODAY, backup=False) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "touch"))
        store.days_off.add([TODAY + timedelta(days=3)], "studiedag")
        store.settings.set("lang", "nl")
    return zoe.id


# Every way the store changes a file, each as one call.
CHANGES: dict[str, Callable[[Store, str], object]] = {
    "tick": lambda s, c: s.abc.save(s.abc.day(c, TODAY).toggled("day", "smile")),
    "save a day": lambda s, c: s.abc.save(AbcDay(c, TODAY).toggled("day", "voice")),
    "empty a day": lambda s, c: s.abc.save(AbcDay(c, TODAY)),
    "add a child": lambda s, c: s.children.add(ChildDraft("Jérôme", "Van den Broeck")),
    "add children": lambda s, c: s.children.add_many([ChildDraft("Anaïs", "")]),
    "update a child": lambda s, c: s.children.update(s.children.all()[0]),
    "archive a child": lambda s, c: s.children.set_archived(c, True),
    "a setting": lambda s, c: s.settings.set("lang", "en"),
    "a day off": lambda s, c: s.days_off.add([TODAY + timedelta(days=4)]),
    "days off with reasons": lambda s, c: s.days_off.add_with_reasons({TODAY: "x"}),
    "clear a day off": lambda s, c: s.days_off.clear([TODAY + timedelta(days=3)]),
    "load history": lambda s, c: s.school_years.load_history(
        [AbcDay(c, date(2024, 10, 1)).toggled("day", "smile")], [DayOff(date(2024, 11, 1))]
    ),
}


# -- a read-only file -------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_read_only_file_opens_read_only_and_refuses_every_change(
    tmp_path: Path, change: str
) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    Path(f"{path}.lock").unlink()
    path.chmod(0o444)  # the teacher said: read-only
    before = everything_under(tmp_path)

    with Store.open(path, today=TODAY) as store:
        assert store.read_only
        assert isinstance(store.refusal, DataFileReadOnly)
        assert store.refusal.reason is ReadOnly.FILE
        # Everything is shown and can be exported.
        assert [c.first_name for c in store.children.all()] == ["Zoë"]
        assert store.abc.day(zoe, TODAY).items_at("welcome") == {"touch"}
        assert store.export_document()["children"][0]["first_name"] == "Zoë"
        revision = store.revision
        with pytest.raises(DataFileReadOnly) as caught:
            CHANGES[change](store, zoe)
        assert store.revision == revision
        for lang in ("en", "nl"):
            assert str(path) in caught.value.message(lang)
        assert caught.value.message("en") != caught.value.message("nl")

    # Not a byte, not a mode: no lock file, no backup, no 0600 file in its place.
    assert everything_under(tmp_path) == before
    assert mode(path) == 0o444


@POSIX_ONLY
def test_a_file_made_read_only_while_open_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        path.chmod(0o444)
        before = path.read_bytes()
        with pytest.raises(DataFileReadOnly):
            store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))
        assert store.read_only  # from now on the screens say so
        assert store.abc.day(zoe, TODAY).items_at("day") == set()
    assert path.read_bytes() == before
    assert mode(path) == 0o444


@POSIX_ONLY
def test_a_read_only_folder_opens_read_only_without_a_lock(tmp_path: Path) -> None:
    """Simulates a read-only medium by the folder's mode (root ignores it; we do not)."""
    folder = tmp_path / "stick"
    path = folder / "companion.json"
    zoe = a_class(path)
    Path(f"{path}.lock").unlink()
    folder.chmod(0o555)
    try:
        before = everything_under(folder)
        with Store.open(path, today=TODAY) as store:
            assert isinstance(store.refusal, DataFileReadOnly)
            assert store.refusal.reason is ReadOnly.FOLDER
            assert store.abc.day(zoe, TODAY).items_at("welcome") == {"touch"}
            with pytest.raises(DataFileReadOnly):
                store.children.add(ChildDraft("Jérôme", "Van den Broeck"))
            # Two windows on a read-only file: nothing is written, so neither is locked out.
            with Store.open(path, today=TODAY) as other:
                assert other.read_only
        assert everything_under(folder) == before
        # A new file cannot be made there: a clear refusal, not an empty class.
        with pytest.raises(DataFileUnwritable):
            Store.open(folder / "new.json", today=TODAY)
    finally:
        folder.chmod(0o700)


@contextlib.contextmanager
def read_only_medium(folder: Path) -> Iterator[Path]:
    """A real read-only filesystem at `folder` (tmpfs, remounted ro); skip if not allowed."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mount is not permitted here; the folder-mode test covers this")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)


@POSIX_ONLY
@AS_ROOT_ONLY
def test_a_read_only_medium_opens_read_only(tmp_path: Path) -> None:
    with read_only_medium(tmp_path / "usb") as usb:
        path = usb / "companion.json"
        zoe = a_class(path)
        remount_read_only(usb)
        before = everything_under(usb)
        with Store.open(path, today=TODAY) as store:
            assert isinstance(store.refusal, DataFileReadOnly)
            assert store.refusal.reason is ReadOnly.FOLDER
            assert store.abc.day(zoe, TODAY).items_at("welcome") == {"touch"}
            assert store.export_document()["children"][0]["first_name"] == "Zoë"
            with pytest.raises(DataFileReadOnly):
                store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))
        assert everything_under(usb) == before


# -- another user account (a forked child that becomes nobody) --------------------------


def as_nobody(action: Callable[[], Any]) -> tuple[str, Any]:
    """Run `action` in a forked child as the user nobody: ("ok", value) or ("error", text)."""
    catalog("en")  # the child cannot read what it has not loaded yet
    catalog("nl")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        result: tuple[str, Any]
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                result = ("ok", action())
            except BaseException as error:
                result = ("error", f"{type(error).__name__}: {error}")
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(result))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        payload = source.read()
    os.waitpid(pid, 0)
    outcome: tuple[str, Any] = pickle.loads(payload)
    return outcome


@pytest.fixture
def nobodys_folder() -> Iterator[Path]:
    """A folder that the user nobody owns (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="companion-test-"))
    try:
        folder.chmod(0o755)
        mine = folder / "klas"
        mine.mkdir(mode=0o700)
        os.chown(mine, NOBODY, NOBODY)
        yield mine
    finally:
        shutil.rmtree(folder)


def _chown_tree(folder: Path) -> None:
    for p in [folder, *folder.rglob("*")]:
        os.chown(p, NOBODY, NOBODY, follow_symlinks=False)


@POSIX_ONLY
@AS_ROOT_ONLY
def test_a_read_only_file_is_respected_for_an_ordinary_user(nobodys_folder: Path) -> None:
    path = nobodys_folder / "companion.json"
    zoe = a_class(path)
    Path(f"{path}.lock").unlink()
    path.chmod(0o444)
    _chown_tree(nobodys_folder)
    before = everything_under(nobodys_folder)

    def tick() -> str:
        with Store.open(path, today=TODAY) as store:
            try:
                store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))
            except DataFileError as error:
                return type(error).__name__
        return "saved"

    assert as_nobody(tick) == ("ok", "DataFileReadOnly")
    assert everything_under(nobodys_folder) == before


@POSIX_ONLY
@AS_ROOT_ONLY
def test_a_lock_file_of_another_user_names_that_user(nobodys_folder: Path) -> None:
    path = nobodys_folder / "companion.json"
    a_class(path)
    _chown_tree(nobodys_folder)
    lock = Path(f"{path}.lock")
    os.chown(lock, 0, 0)  # left behind by the root account
    lock.chmod(0o600)

    def open_it() -> tuple[str, str, str]:
        try:
            Store.open(path, today=TODAY).close()
        except DataFileError as error:
            return type(error).__name__, error.message("en"), error.message("nl")
        return "opened", "", ""

    outcome = as_nobody(open_it)
    assert outcome[0] == "ok", outcome
    kind, english, dutch = outcome[1]
    assert kind == DataFileLockForeign.__name__
    for text in (english, dutch):
        assert str(lock) in text and "root" in text
        assert "Permission denied" not in text


# -- a lock or a data file taken over while the app runs --------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_lost_lock_stops_saving_before_anything_is_lost(tmp_path: Path, how: str) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    lock = Path(f"{path}.lock")
    first = Store.open(path, today=TODAY)
    try:
        first.abc.save(first.abc.day(zoe, TODAY).toggled("day", "smile"))
        lock.unlink()
        if how == "replaced":
            lock.write_bytes(b"")
            lock.chmod(0o600)
        # The guard is defeated: a second instance gets in and saves its work.
        with Store.open(path, today=TODAY) as second:
            second.children.add(ChildDraft("Jérôme", "Van den Broeck"))
        saved_by_second = path.read_bytes()
        for _ in range(2):  # and stays stopped
            with pytest.raises(DataFileLockLost) as caught:
                first.abc.save(first.abc.day(zoe, TODAY).toggled("goodbye", "voice"))
        assert first.read_only
        for lang in ("en", "nl"):
            assert str(lock) in caught.value.message(lang)
        assert path.read_bytes() == saved_by_second
    finally:
        first.close()
    with Store.open(path, today=TODAY) as reopened:
        assert sorted(c.first_name for c in reopened.children.all()) == ["Jérôme", "Zoë"]
        assert reopened.abc.day(zoe, TODAY).items_at("day") == {"smile"}


@POSIX_ONLY
def test_a_data_file_replaced_by_someone_else_stops_saving(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    other = tmp_path / "other.json"
    a_class(other)
    with Store.open(path, today=TODAY) as store:
        store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))
        shutil.copyfile(other, path)  # e.g. a copy from the school laptop
        theirs = path.read_bytes()
        with pytest.raises(DataFileChanged) as caught:
            store.abc.save(store.abc.day(zoe, TODAY).toggled("goodbye", "voice"))
        assert str(path) in caught.value.message("nl")
        assert path.read_bytes() == theirs
        with pytest.raises(DataFileChanged):
            store.settings.set("lang", "en")
    assert path.read_bytes() == theirs


@POSIX_ONLY
def test_a_deleted_data_file_stops_saving(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        path.unlink()
        with pytest.raises(DataFileChanged):
            store.abc.save(store.abc.day(zoe, TODAY).toggled("goodbye", "voice"))
    assert not path.exists()


def test_own_saves_do_not_trip_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        for offset in range(30):
            store.abc.save(
                store.abc.day(zoe, TODAY + timedelta(days=offset % 5)).toggled("day", "smile")
            )
        assert not store.read_only


# -- looser modes are tightened on open ---------------------------------------------------


@POSIX_ONLY
def test_looser_modes_are_tightened_on_open(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    _with_an_archive(path)
    Store.open(path, today=TODAY).close()  # a backup of the live file
    ours = [path, Path(f"{path}.lock")]
    folders = [tmp_path / "companion.backups", tmp_path / "companion.archive"]
    files = [p for folder in folders for p in folder.iterdir()]
    assert files
    for file in ours + files:
        file.chmod(0o644)  # e.g. copied in from a stick, or unzipped
    for folder in folders:
        folder.chmod(0o755)
    with Store.open(path, today=TODAY):  # no save at all
        for file in ours + files:
            assert mode(file) == 0o600, file
        for folder in folders:
            assert mode(folder) == 0o700, folder


# -- backups: said when they fail, and of archives too ----------------------------------


def test_an_unwritable_backups_folder_is_said(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    (tmp_path / "companion.backups").write_text("not a folder")  # works as root too
    with Store.open(path, today=TODAY) as store:
        assert store.backups.problem is not None
        assert store.backups.all() == []
        store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))  # the day goes on
    with Store.open(path, today=TODAY, backup=False) as store:
        assert store.backups.problem is None
        assert store.abc.day(zoe, TODAY).items_at("day") == {"smile"}


LAST_YEAR_DAY = date(2024, 10, 1)


def _with_an_archive(path: Path) -> tuple[str, Path]:
    """A class with a day of the closed school year 2024-2025 in its archive."""
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        store.school_years.load_history(
            [AbcDay(zoe, LAST_YEAR_DAY).toggled("day", "smile")], [DayOff(date(2024, 11, 1))]
        )
        archive = store.school_years.archive_dir / "2024-2025.json"
    assert archive.exists()
    return zoe, archive


def test_archives_are_backed_up_and_a_damaged_one_points_to_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe, archive = _with_an_archive(path)
    with Store.open(path, today=TODAY) as store:
        (backup,) = store.backups.of_year(2024)
        assert backup.parent == store.backups.folder
        assert backup.read_bytes() == archive.read_bytes()
        assert mode(backup) == 0o600 or os.name != "posix"
    archive.write_bytes(archive.read_bytes()[:-20])  # damaged
    with Store.open(path, today=TODAY) as store, pytest.raises(DataFileCorrupt) as caught:
        store.abc.history(zoe, 2024)
    assert caught.value.latest_backup() == backup
    for lang in ("en", "nl"):
        text = caught.value.message(lang)
        assert str(archive) in text and str(backup) in text
        assert "2024-2025.backups" not in text
    # Restoring the backup as the message says brings the year back.
    shutil.copyfile(backup, archive)
    with Store.open(path, today=TODAY) as store:
        assert [entry.day for entry in store.abc.history(zoe, 2024)] == [LAST_YEAR_DAY]


def test_a_damaged_file_without_a_backup_names_no_folder_that_is_not_there(
    tmp_path: Path,
) -> None:
    path = tmp_path / "companion.json"
    path.write_bytes(b'{"meta": {"1": {"app": "classroom-companion", ')
    with pytest.raises(DataFileCorrupt) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.latest_backup() is None
    for lang in ("en", "nl"):
        assert "companion.backups" not in caught.value.message(lang)


def test_an_archive_with_a_bad_date_names_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe, archive = _with_an_archive(path)
    payload = archive.read_bytes()
    for day in (b"2024-10-01", b"2024-11-01"):  # an ABC day and a day off
        payload = payload.replace(day, b"2024-02-30")
    archive.write_bytes(payload)
    with Store.open(path, today=TODAY) as store:
        for read in (
            lambda: store.abc.history(zoe, 2024),
            lambda: store.abc.of_year(2024),
            lambda: store.days_off.calendar(2024),
        ):
            with pytest.raises(DataFileError) as caught:
                read()
            assert caught.value.path == archive
            assert str(archive) in caught.value.message("en")


def test_archive_names_that_are_no_school_year_are_not_taken_for_one(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    folder = tmp_path / "companion.archive"
    folder.mkdir()
    for name in ("0000-0001", "9999-10000", "2019-2021", "notes", "2019"):
        (folder / f"{name}.json").write_text("{}")
    with Store.open(path, today=TODAY) as store:
        assert store.school_years.all() == [2025]
        store.export_document()  # no year that no calendar has


# -- messages that name the real cause --------------------------------------------------


@POSIX_ONLY
def test_a_link_loop_is_called_a_loop(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(DataFileLinkLoop) as caught:
        Store.open(first, today=TODAY)
    for lang in ("en", "nl"):
        assert str(first) in caught.value.message(lang)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


@POSIX_ONLY
def test_a_link_to_a_missing_file_names_what_is_missing(tmp_path: Path) -> None:
    link = tmp_path / "companion.json"
    hop = tmp_path / "hop.json"
    link.symlink_to(hop)
    hop.symlink_to(tmp_path / "usb" / "c.json")  # a chain of links, the end missing
    with pytest.raises(DataFileLinkMissing) as caught:
        Store.open(link, today=TODAY)
    assert str(tmp_path / "usb" / "c.json") in caught.value.message("nl")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
def test_a_system_file_is_not_said_to_be_open_elsewhere() -> None:
    with pytest.raises(DataFileError) as caught:
        Store.open(Path("/proc/self/status"), today=TODAY)
    assert not isinstance(caught.value, DataFileLocked)
    assert not Path("/proc/self/status.lock").exists()


def test_what_the_os_said_is_told_in_the_chosen_language(tmp_path: Path) -> None:
    blocker = tmp_path / "klas"
    blocker.write_text("not a folder")
    with pytest.raises(DataFileUnwritable) as caught:
        Store.open(blocker / "companion.json", today=TODAY)
    assert caught.value.os_error is not None
    for lang in ("en", "nl"):
        assert os_error_text(caught.value.os_error, lang) in caught.value.message(lang)
    assert "Not a directory" not in caught.value.message("nl")


def test_every_file_error_has_a_sentence_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    lock = Path(f"{path}.lock")
    errors: list[DataFileError] = [
        DataFileReadOnly(path, ReadOnly.FILE),
        DataFileReadOnly(path, ReadOnly.FOLDER),
        DataFileLockLost(path, lock),
        DataFileChanged(path),
        DataFileLockForeign(path, lock, "juf"),
        DataFileLinkLoop(path),
        DataFileLinkMissing(path, "/media/usb/companion.json"),
        DataFileCorrupt(path, "x"),
        DataFileUnwritable(path, OSError(28, "No space left on device")),
    ]
    for error in errors:
        english, dutch = error.message("en"), error.message("nl")
        assert str(path) in english and str(path) in dutch, type(error)
        assert english != dutch
        assert not english.startswith("errors.") and "{" not in english + dutch
