"""Rotating backups: the rule of what is kept (pure, over simulated days), backups before
an event, archives backed up too, restore and its undo, all owner-only."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.store import DataFileLocked, Store
from companion.store.backups import (
    BACKUPS_KEPT,
    BEFORE_RESTORE,
    DAILY_KEPT,
    EVENTS_KEPT,
    REASONS,
    WEEKLY_KEPT,
    Counts,
    Stamp,
    find_backup,
    kept_backups,
    list_backups,
    make_backup,
    newest_good_backup,
    restore,
    stamp_of,
)
from companion.store.errors import DataFileCorrupt, DataFileError
from companion.store.files import backup_prefix_for, backups_in

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the rule ------------------------------------------------------------------------------


def test_the_newest_of_each_of_seven_days_and_eight_weeks_and_ten_events() -> None:
    # Four backups a day, every day for 100 days, and an event every third day.
    stamps = [
        Stamp(NOW - timedelta(days=day, hours=hour)) for day in range(100) for hour in (0, 2, 4, 6)
    ]
    events = [
        Stamp(NOW - timedelta(days=day, minutes=5), "before-close") for day in range(0, 99, 3)
    ]
    kept = kept_backups([*stamps, *events], NOW)
    daily = sorted((s for s in kept if not s.reason), reverse=True)
    # The newest of each of the last 7 days ...
    assert daily[:DAILY_KEPT] == [Stamp(NOW - timedelta(days=day)) for day in range(DAILY_KEPT)]
    # ... and of each of the 8 weeks: at most 7 + 8 ordinary ones, one per week beyond.
    weeks = {s.moment.isocalendar()[:2] for s in daily}
    assert len(weeks) == WEEKLY_KEPT
    assert len(daily) <= DAILY_KEPT + WEEKLY_KEPT
    assert sorted(s for s in kept if s.reason) == sorted(events, reverse=True)[:EVENTS_KEPT][::-1]


def test_a_long_holiday_never_empties_the_folder() -> None:
    # The last backups were made before a summer holiday of ten weeks.
    before = [Stamp(datetime(2026, 6, 30, 8) - timedelta(days=day)) for day in range(30)]
    back = Stamp(datetime(2026, 9, 8, 8))
    kept = kept_backups([*before, back], datetime(2026, 9, 8, 8))
    assert back in kept
    assert len(kept) >= DAILY_KEPT  # the days before the holiday are still there
    assert before[0] in kept


def test_a_backup_dated_after_now_goes_first() -> None:
    # The clock was a year ahead for a week: those backups count after today's.
    ahead = [Stamp(NOW + timedelta(days=365 + day)) for day in range(10)]
    today = Stamp(NOW)
    kept = kept_backups([*ahead, today], NOW)
    assert today in kept


def test_backup_names_carry_the_moment_and_the_reason() -> None:
    prefix = "companion-"
    assert stamp_of(Path("companion-20261125-093000.json"), prefix) == Stamp(NOW)
    assert stamp_of(Path("companion-20261125-093000-before-restore.json"), prefix) == Stamp(
        NOW, BEFORE_RESTORE
    )
    for name in (
        "companion-20261125-0930.json",
        "companion-20261325-093000.json",  # no 13th month
        "companion-20261125-093000-Before.json",
        "companion-20261125-093000-.json",
        "companion.archive-2024-2025-20261125-093000.json",
        "notes.txt",
    ):
        assert stamp_of(Path(name), prefix) is None, name


@st.composite
def simulated_days(draw: st.DrawFn) -> list[tuple[int, list[str]]]:
    """Days the app was used on (gaps are holidays), and the backups of each day."""
    days = draw(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=120))
    reasons = st.lists(st.sampled_from(("", *REASONS)), min_size=0, max_size=4)
    return [(gap, ["", *draw(reasons)]) for gap in days]


@settings(max_examples=150, deadline=None)
@given(simulated_days())
def test_rotation_over_simulated_days(history: list[tuple[int, list[str]]]) -> None:
    """Day after day the app opens (a daily backup) and events happen; after each day's
    rotation: never more than 7 + 8 + 10 kept, the newest always, today's always, and no
    backup comes back once it is gone."""
    now = datetime(2020, 1, 1, 8)
    kept: set[Stamp] = set()
    used: list[date] = []
    for gap, reasons in history:
        now += timedelta(days=gap)
        used.append(now.date())
        for number, reason in enumerate(reasons):
            made = Stamp(now + timedelta(minutes=number), reason)
            kept = kept_backups([*kept, made], made.moment)
            assert made in kept  # a backup made today is kept
            assert max(kept) == made  # the newest always
            assert len(kept) <= DAILY_KEPT + WEEKLY_KEPT + EVENTS_KEPT == BACKUPS_KEPT
        assert kept_backups(kept, now + timedelta(hours=1)) == kept  # what is kept stays kept
        # The last 7 days the app was used on each still have their daily backup.
        daily = {s.moment.date() for s in kept if not s.reason}
        assert set(used[-DAILY_KEPT:]) <= daily


# -- the store: events, archives, modes ---------------------------------------------------


def a_class(path: Path) -> str:
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters"))
        store.children.add(ChildDraft("Jens", "Maes"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("day", "smile"))
    return zoe.id


def test_backups_and_their_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    made = make_backup(path, tmp_path / "companion.backups", "companion-", reason=BEFORE_RESTORE)
    assert made.name.endswith("-before-restore.json")
    if os.name == "posix":
        assert mode(made) == 0o600
        assert mode(made.parent) == 0o700


def test_closing_a_year_backs_up_the_file_first(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=date(2027, 11, 25)) as store:
        before = path.read_bytes()
        store.school_years.close()
        (event,) = [b for b in store.backups.all() if b.name.endswith("-before-close.json")]
        assert event.read_bytes() == before
        # The archive written by the close is backed up too.
        (archived,) = store.backups.of_year(2026)
        assert archived.read_bytes() == store.school_years.archive_path(2026).read_bytes()
        assert store.abc.history(zoe, 2026)


def test_a_damaged_file_names_its_newest_good_backup_and_the_command(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    Store.open(path, today=TODAY).close()  # today's backup
    with Store.open(path, today=TODAY, backup=False) as store:
        (good,) = store.backups.all()
    bad = good.with_name("companion-29990101-000000.json")  # newer, but damaged
    bad.write_bytes(b"{")
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(DataFileCorrupt) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.latest_backup() == good
    for lang in ("en", "nl"):
        text = caught.value.message(lang)
        assert f'companion backup restore {good.name} --data "{path}"' in text
        assert bad.name not in text
    assert newest_good_backup(path) == good


# -- listing and restoring ---------------------------------------------------------------


def test_list_decodes_each_backup_and_says_which_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    Store.open(path, today=TODAY).close()
    folder = tmp_path / "companion.backups"
    (folder / "companion-20200101-080000.json").write_bytes(b"not json")
    listed = list_backups(path)
    assert [info.path.name for info in listed][-1] == "companion-20200101-080000.json"
    newest, broken = listed
    assert newest.counts == Counts(children=2, ticks=1, journal_entries=0)
    assert newest.problem is None and newest.size > 0
    assert broken.counts is None and broken.problem is not None


def test_restore_puts_the_backup_back_and_can_be_undone(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    Store.open(path, today=TODAY).close()  # a backup with Zoë's smile
    old = path.read_bytes()
    with Store.open(path, today=TODAY) as store:
        store.abc.save(store.abc.day(zoe, TODAY).toggled("day", "smile"))  # untick
        store.children.add(ChildDraft("Mila", "Janssens"))
    newer = path.read_bytes()
    backup = find_backup(path, "1")
    assert backup is not None and backup.counts == Counts(2, 1, 0)
    done = restore(path, backup)
    assert path.read_bytes() == old
    assert done.undo is not None and done.undo.read_bytes() == newer
    assert done.undo.name.endswith("-before-restore.json")
    if os.name == "posix":
        assert mode(path) == 0o600 and mode(done.undo) == 0o600
    # Undo: restore the before-restore backup.
    undo = find_backup(path, done.undo.name)
    assert undo is not None and undo.counts == Counts(3, 0, 0)
    restore(path, undo)
    assert path.read_bytes() == newer


def test_a_bad_backup_is_refused_and_nothing_is_touched(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    folder = tmp_path / "companion.backups"
    folder.mkdir(mode=0o700)
    (folder / "companion-20200101-080000.json").write_bytes(b'{"meta": {}}')
    before = path.read_bytes()
    backup = find_backup(path, "companion-20200101-080000.json")
    assert backup is not None
    with pytest.raises(DataFileError):
        restore(path, backup)
    assert path.read_bytes() == before
    assert len(backups_in(folder, backup_prefix_for(path))) == 1  # no before-restore made


def test_restore_is_refused_while_the_file_is_open(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    a_class(path)
    Store.open(path, today=TODAY).close()
    backup = find_backup(path, "1")
    assert backup is not None
    before = path.read_bytes()
    with Store.open(path, today=TODAY, backup=False), pytest.raises(DataFileLocked):
        restore(path, backup)
    assert path.read_bytes() == before


def test_an_archive_backup_restores_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        store.school_years.load_history([AbcDay(zoe, date(2024, 10, 1)).toggled("day", "smile")])
        archive = store.school_years.archive_path(2024)
    good = archive.read_bytes()
    archive.write_bytes(b"{")
    (info,) = [b for b in list_backups(path) if b.year == 2024]
    assert info.counts == Counts(children=None, ticks=1, journal_entries=0)
    live = path.read_bytes()
    done = restore(path, info)
    assert done.target == archive and archive.read_bytes() == good
    assert path.read_bytes() == live  # the data file is left alone
    with Store.open(path, today=TODAY) as store:
        assert [day.day for day in store.abc.history(zoe, 2024)] == [date(2024, 10, 1)]


def test_a_damaged_archive_names_its_backup_and_the_command_with_the_data_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "companion.json"
    zoe = a_class(path)
    with Store.open(path, today=TODAY) as store:
        store.school_years.load_history([AbcDay(zoe, date(2024, 10, 1)).toggled("day", "smile")])
        archive = store.school_years.archive_path(2024)
        (backup,) = store.backups.of_year(2024)
    archive.write_bytes(b"{")
    with Store.open(path, today=TODAY) as store, pytest.raises(DataFileCorrupt) as caught:
        store.abc.history(zoe, 2024)
    assert caught.value.backups.is_dir()  # the folder it points at is there
    for lang in ("en", "nl"):
        text = caught.value.message(lang)
        assert str(archive) in text
        assert f'companion backup restore {backup.name} --data "{path}"' in text
    # The command's backup restores the archive, not the data file.
    info = find_backup(path, backup.name)
    assert info is not None and info.year == 2024
    restore(path, info)
    with Store.open(path, today=TODAY) as store:
        assert [day.day for day in store.abc.history(zoe, 2024)] == [date(2024, 10, 1)]
