"""Data files we must refuse without touching them, private modes, and writes that fail."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from companion.domain.children import ChildDraft
from companion.store import DataFileError, DataFileLocked, Store
from companion.store.errors import (
    DataFileCorrupt,
    DataFileEmpty,
    DataFileForeign,
    DataFileTooNew,
    DataFileUnreadable,
    DataFileUnwritable,
)
from companion.store.schema import APP_ID

TODAY = date(2026, 3, 2)
NEXT_YEAR = date(2026, 9, 3)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
NOT_AS_ROOT = pytest.mark.skipif(IS_ROOT, reason="root may read and write anything")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def valid_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real data file with a class and some ABC days."""
    path = tmp_path_factory.mktemp("valid") / "companion.json"
    with Store.open(path, today=TODAY) as store:
        children = store.children.add_many(
            [ChildDraft("Zoë", "D'hondt"), ChildDraft("Jérôme", "Van den Broeck")]
        )
        for child in children:
            for offset in range(5):
                store.abc.save(
                    store.abc.day(child.id, TODAY + timedelta(days=offset)).toggled("day", "smile")
                )
        store.days_off.add([date(2026, 4, 6)], "paasvakantie")
    return path.read_bytes()


def _foreign_tinydb(path: Path) -> None:
    with TinyDB(path) as db:
        db.insert({"title": "Boodschappenlijst", "items": ["brood", "melk"]})


def _header(schema: object) -> bytes:
    return orjson.dumps({"meta": {"1": {"app": APP_ID, "schema": schema}}, "abc": {}})


BAD_FILES: dict[str, tuple[object, type[DataFileError]]] = {
    "corrupt json": (b'{"meta": {"1": {"app": "classroom-companion", ', DataFileCorrupt),
    "not json at all": (b"\x89PNG\r\n\x1a\n\x00\x00", DataFileCorrupt),
    "truncated": ("truncated", DataFileCorrupt),
    "zero bytes": (b"", DataFileEmpty),
    "whitespace only": (b"  \n\t\r\n  ", DataFileEmpty),
    "a list": (b'[{"meta": {}}]', DataFileCorrupt),
    "a number": (b"42", DataFileCorrupt),
    "a table that is not an object": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "abc": [1, 2]}',
        DataFileCorrupt,
    ),
    "a document that is not an object": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "abc": {"1": 7}}',
        DataFileCorrupt,
    ),
    "an entry without its date": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}},'
        b' "abc": {"1": {"child": "x", "welcome": []}}}',
        DataFileCorrupt,
    ),
    "a foreign tinydb file": (_foreign_tinydb, DataFileForeign),
    "an empty json object": (b"{}", DataFileForeign),
    "another app's header": (
        b'{"meta": {"1": {"app": "other-app", "schema": 1}}}',
        DataFileForeign,
    ),
    "a newer schema": (_header(99), DataFileTooNew),
    "a schema that is not a number": (_header("2"), DataFileCorrupt),
    "a document number that is not one": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "abc": {"x": {}}}',
        DataFileCorrupt,
    ),
    "a document number written twice": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "days_off": {"01": {}}}',
        DataFileCorrupt,
    ),
    "a table the app does not have": (
        b'{"meta": {"1": {"app": "classroom-companion", "schema": 1}}, "extra": {}}',
        DataFileCorrupt,
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_left_untouched(
    case: str, tmp_path: Path, valid_file: bytes
) -> None:
    content, expected = BAD_FILES[case]
    path = tmp_path / "companion.json"
    if content == "truncated":
        path.write_bytes(valid_file[: len(valid_file) // 2])
    elif callable(content):
        content(path)
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    before = path.read_bytes()

    for _ in range(2):  # the same answer again: the failed open left no lock behind
        with pytest.raises(DataFileError) as caught:
            Store.open(path, today=TODAY)
        assert isinstance(caught.value, expected)
        assert caught.value.path == path
        for lang in ("en", "nl"):
            assert str(path) in caught.value.message(lang)
            assert not re.search(r"\{[a-z_]+\}", caught.value.message(lang))  # all filled in

    assert path.read_bytes() == before
    # Nothing was made from it: no backup, no archive, no temp file; only the lock file.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion.json", "companion.json.lock"]


def test_a_newer_schema_names_its_version(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    path.write_bytes(_header(7))
    with pytest.raises(DataFileTooNew) as caught:
        Store.open(path, today=TODAY)
    assert "7" in caught.value.message("en")


def test_a_bad_file_leaves_the_existing_backups_alone(tmp_path: Path, valid_file: bytes) -> None:
    path = tmp_path / "companion.json"
    path.write_bytes(valid_file)
    with Store.open(path, today=TODAY) as store:
        backup_dir = store.backups.folder
    backups = snapshot(backup_dir)
    assert len(backups) == 1
    path.write_bytes(valid_file[:-10])
    with pytest.raises(DataFileCorrupt):
        Store.open(path, today=TODAY)
    assert snapshot(backup_dir) == backups
    assert path.read_bytes() == valid_file[:-10]


@NOT_AS_ROOT
@POSIX_ONLY
def test_an_unreadable_file_is_refused(tmp_path: Path, valid_file: bytes) -> None:
    path = tmp_path / "companion.json"
    path.write_bytes(valid_file)
    path.chmod(0)
    try:
        with pytest.raises(DataFileUnreadable) as caught:
            Store.open(path, today=TODAY)
        assert caught.value.path == path and str(path) in str(caught.value)
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == valid_file


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(DataFileUnreadable) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.path == path and str(path) in str(caught.value)
    assert snapshot(path) == {"keep.txt": b"mine"}


def test_a_damaged_archive_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "touch"))
        archive = store.school_years.archive_dir / "2024-2025.json"
    # A closed year whose archive is damaged: reading its history names the archive.
    archive.parent.mkdir()
    archive.write_bytes(b'{"meta": {"app": "classroom-companion", "schema": 1}, "abc": [')
    with Store.open(path, today=TODAY) as store:
        assert store.school_years.all() == [2025, 2024]
        with pytest.raises(DataFileCorrupt) as caught:
            store.abc.history(zoe.id, 2024)
        assert caught.value.path == archive
    # Closing a year into a damaged archive is refused, both files untouched.
    archive.rename(archive.with_name("2025-2026.json"))
    archive = archive.with_name("2025-2026.json")
    folder_before = snapshot(tmp_path)
    with Store.open(path, today=NEXT_YEAR) as store, pytest.raises(DataFileCorrupt) as caught:
        store.school_years.close()
    assert caught.value.path == archive and str(archive) in str(caught.value)
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if ".backups" not in k} == {
        k: v for k, v in folder_before.items() if ".backups" not in k
    }


@POSIX_ONLY
def test_a_linked_data_file_is_saved_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "usb" / "companion.json"
    with Store.open(real, today=TODAY) as store:
        store.children.add(ChildDraft("Zoë", "D'hondt"))
    link = tmp_path / "companion.json"
    link.symlink_to(real)
    with Store.open(link, today=TODAY) as store:
        store.children.add(ChildDraft("Jérôme", "Van den Broeck"))
        with pytest.raises(DataFileLocked):  # one lock, however the file is reached
            Store.open(real, today=TODAY)
    assert link.is_symlink()
    with Store.open(real, today=TODAY) as store:
        assert len(store.children.all()) == 2


@POSIX_ONLY
def test_a_link_to_a_missing_file_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "companion.json"
    link.symlink_to(tmp_path / "not-mounted" / "companion.json")
    with pytest.raises(DataFileUnreadable) as caught:
        Store.open(link, today=TODAY)
    assert caught.value.path == link and str(link) in str(caught.value)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion.json"]


# -- private modes ----------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@POSIX_ONLY
@pytest.mark.usefixtures("umask_022")
def test_new_files_and_folders_are_private(tmp_path: Path) -> None:
    path = tmp_path / "juf" / "klas" / "companion.json"
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "touch"))
        lock = Path(f"{path}.lock")
        assert mode(lock) == 0o600
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700  # every folder we made, not just the last

    with Store.open(path, today=TODAY) as store:  # makes today's backup
        (backup,) = store.backups.all()
        assert mode(backup) == 0o600
        assert mode(store.backups.folder) == 0o700
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("day", "smile"))
    assert mode(path) == 0o600

    with Store.open(path, today=NEXT_YEAR) as store:
        store.school_years.close()  # archives 2025-2026
        archive = store.school_years.archive_dir / "2025-2026.json"
        assert mode(archive) == 0o600
        assert mode(store.school_years.archive_dir) == 0o700
    assert mode(path) == 0o600
    assert mode(lock) == 0o600


@POSIX_ONLY
@pytest.mark.usefixtures("umask_022")
def test_an_existing_folder_keeps_its_mode_but_the_file_becomes_private(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    path = folder / "companion.json"
    Store.open(path, today=TODAY).close()
    path.chmod(0o644)  # e.g. copied in from elsewhere
    with Store.open(path, today=TODAY) as store:
        store.children.add(ChildDraft("Zoë", "D'hondt"))
    assert mode(path) == 0o600
    assert mode(folder) == 0o755


# -- writes that fail -------------------------------------------------------------------


def test_a_parent_that_is_a_file_is_unwritable(tmp_path: Path) -> None:
    blocker = tmp_path / "klas"
    blocker.write_text("not a folder")
    for path in (blocker / "companion.json", blocker / "deeper" / "companion.json"):
        with pytest.raises(DataFileUnwritable) as caught:
            Store.open(path, today=TODAY)
        assert caught.value.path == path and str(path) in str(caught.value)
    assert blocker.read_text() == "not a folder"


FAILING_CHANGES = ("new day", "changed day", "emptied day", "new child", "setting", "day off")


def _change(store: Store, what: str, child_id: str) -> None:
    if what == "new day":
        store.abc.save(
            store.abc.day(child_id, TODAY + timedelta(days=1)).toggled("welcome", "touch")
        )
    elif what == "changed day":
        store.abc.save(store.abc.day(child_id, TODAY).toggled("day", "voice"))
    elif what == "emptied day":
        store.abc.save(store.abc.day(child_id, TODAY).toggled("welcome", "touch"))
    elif what == "new child":
        store.children.add_many([ChildDraft("Jérôme", "Van den Broeck"), ChildDraft("Anaïs", "")])
    elif what == "setting":
        store.settings.set("language", "nl")
    else:
        store.days_off.add([TODAY + timedelta(days=2)], "pedagogische studiedag")


def _visible_state(store: Store) -> object:
    week = [TODAY + timedelta(days=n) for n in range(5)]
    return (
        store.abc.days(week),
        store.children.all(include_archived=True),
        store.settings.get("language"),
        store.days_off.of_year(),
    )


@pytest.mark.parametrize("what", FAILING_CHANGES)
def test_a_failed_save_leaves_memory_equal_to_the_file(tmp_path: Path, what: str) -> None:
    """The folder disappears mid-session (a USB stick pulled out): works as root too."""
    folder = tmp_path / "klas"
    path = folder / "companion.json"
    store = Store.open(path, today=TODAY)
    zoe = store.children.add(ChildDraft("Zoë", "D'hondt"))
    store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "touch"))
    store.settings.set("language", "en")
    before = _visible_state(store)
    on_disk = path.read_bytes()

    away = tmp_path / "away"
    folder.rename(away)
    folder.write_text("the folder is gone")
    try:
        with pytest.raises(DataFileUnwritable) as caught:
            _change(store, what, zoe.id)
        assert caught.value.path == path and str(path) in str(caught.value)
        assert _visible_state(store) == before  # memory did not run ahead
    finally:
        folder.unlink()
        away.rename(folder)
    assert path.read_bytes() == on_disk

    _change(store, what, zoe.id)  # the folder is back: the same change now saves
    after = _visible_state(store)
    assert after != before
    store.close()
    with Store.open(path, today=TODAY) as reopened:
        assert _visible_state(reopened) == after
        # No half-remembered document of the failed save reached the file later on.
        raw = orjson.loads(path.read_bytes())
        days = [(entry.child_id, entry.day) for entry in reopened.abc.of_year(2025)]
        assert len(raw["abc"]) == len(days) == len(set(days))
        assert len(raw.get("days_off", {})) == len(reopened.days_off.of_year())
        assert len(raw["children"]) == len(reopened.children.all(include_archived=True))


@NOT_AS_ROOT
@POSIX_ONLY
def test_a_read_only_folder_makes_saves_fail_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "klas"
    path = folder / "companion.json"
    store = Store.open(path, today=TODAY)
    zoe = store.children.add(ChildDraft("Zoë", "D'hondt"))
    store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "touch"))
    folder.chmod(0o500)
    try:
        with pytest.raises(DataFileUnwritable):
            store.abc.save(store.abc.day(zoe.id, TODAY).toggled("welcome", "smile"))
        assert store.abc.day(zoe.id, TODAY).items_at("welcome") == {"touch"}
    finally:
        folder.chmod(0o700)
    expected = store.abc.day(zoe.id, TODAY)
    store.close()
    with Store.open(path, today=TODAY) as reopened:
        assert reopened.abc.day(zoe.id, TODAY) == expected


# -- leftovers of a crash ---------------------------------------------------------------


def test_leftover_temp_files_do_not_break_the_next_open(tmp_path: Path, valid_file: bytes) -> None:
    path = tmp_path / "companion.json"
    path.write_bytes(valid_file)
    with Store.open(path, today=NEXT_YEAR) as store:  # makes a backup and an archive
        store.school_years.close()
    leftovers = [
        tmp_path / ".companion.json.k3j2h1.tmp",
        tmp_path / ".companion.json.empty.tmp",
        tmp_path / "companion.backups" / ".companion-20260301-101010.json.x1.tmp",
        tmp_path / "companion.archive" / ".2025-2026.json.y2.tmp",
    ]
    for leftover, content in zip(leftovers, (valid_file[:100], b"", b"{", b"["), strict=True):
        leftover.write_bytes(content)
    unrelated = tmp_path / ".other.json.z9.tmp"
    unrelated.write_bytes(b"someone else's")
    with Store.open(path, today=NEXT_YEAR) as store:
        assert len(store.children.all()) == 2
        assert store.school_years.all() == [2026, 2025]
        # The file as it opened, and as it was before the year closed.
        names = [backup.name for backup in store.backups.all()]
        assert sorted(name.endswith("-before-close.json") for name in names) == [False, True]
    assert not any(leftover.exists() for leftover in leftovers)
    assert unrelated.read_bytes() == b"someone else's"
