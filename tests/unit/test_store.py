"""The store against real TinyDB files: round trips, the lock, migrations, archives, backups."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from companion.domain.abc import AbcDay
from companion.domain.calendar import ClosingSummary, DayOff
from companion.domain.children import Child, ChildDraft
from companion.store import DataFileLocked, Store
from companion.store.backups import BACKUPS_KEPT
from companion.store.errors import ClockInDoubt, SchoolYearClosed
from companion.store.schema import (
    APP_ID,
    META_TABLE,
    SCHEMA_VERSION,
    Migration,
    ShapeError,
    TooNewError,
    migrate,
    new_document,
)

TODAY = date(2026, 3, 2)  # a Monday in school year 2025-2026
NEXT_YEAR = date(2026, 9, 3)  # a Thursday in school year 2026-2027
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")

CLASS = (
    ChildDraft("Zoë", "D'hondt", date(2021, 3, 14), "invisible", "Allergisch voor noten."),
    ChildDraft("Jérôme", "Van den Broeck", group="hard_to_manage"),
    ChildDraft("Anaïs", "Çelik"),
    ChildDraft("Ilyas", ""),
)


def raw_file(path: Path) -> dict[str, Any]:
    raw: dict[str, Any] = orjson.loads(path.read_bytes())
    return raw


def child_named(store: Store, first_name: str) -> Child:
    return next(c for c in store.children.all(include_archived=True) if c.first_name == first_name)


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=30
    )


# -- round trips ------------------------------------------------------------------------


def test_children_survive_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        added = store.children.add_many(CLASS)
        store.children.set_archived(added[3].id, True)
        renamed = store.children.update(added[1].with_changes(CLASS[1]))
        expected = {child.id: child for child in store.children.all(include_archived=True)}
    assert renamed in expected.values()
    with Store.open(path, today=TODAY) as store:
        assert {c.id: c for c in store.children.all(include_archived=True)} == expected
        assert [c.first_name for c in store.children.all()] == ["Zoë", "Jérôme", "Anaïs"]
        assert child_named(store, "Zoë").full_name == "Zoë D'hondt"
        assert child_named(store, "Jérôme").last_name == "Van den Broeck"
        assert child_named(store, "Ilyas").archived
    # Names are stored as UTF-8 text, not escaped, so the file stays readable.
    stored = path.read_bytes()
    assert "Zoë".encode() in stored and "Jérôme".encode() in stored and b"D'hondt" in stored


def test_a_child_is_added_on_the_day_the_store_was_opened_with(tmp_path: Path) -> None:
    # The app's clock, not the computer's: a frozen day far from the real one.
    frozen = date(2031, 2, 3) if date.today() != date(2031, 2, 3) else date(2031, 2, 4)
    path = tmp_path / "companion.json"
    with Store.open(path, today=frozen) as store:
        one = store.children.add(CLASS[0])
        many = store.children.add_many(CLASS[1:3])
    with Store.open(path, today=TODAY) as store:
        stored = store.children.all()
    assert [c.added_on for c in [one, *many]] == [frozen] * 3
    assert {c.added_on for c in stored} == {frozen}


def test_abc_toggles_survive_and_toggling_back_removes_the_day(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    monday, tuesday = TODAY, TODAY + timedelta(days=1)
    with Store.open(path, today=TODAY) as store:
        zoe, jerome, *_ = store.children.add_many(CLASS)
        store.abc.save(store.abc.day(zoe.id, monday).toggled("welcome", "touch"))
        store.abc.save(store.abc.day(zoe.id, monday).toggled("welcome", "smile"))
        store.abc.save(store.abc.day(zoe.id, monday).toggled("goodbye", "eye_contact"))
        store.abc.save(store.abc.day(jerome.id, monday).toggled("day", "sharing_joy"))
        store.abc.save(store.abc.day(jerome.id, tuesday).toggled("day", "voice"))
        store.abc.save(store.abc.day(jerome.id, tuesday).toggled("day", "voice"))  # back to nothing
        assert (jerome.id, tuesday) not in store.abc.days([monday, tuesday])
        expected = store.abc.days([monday, tuesday])
    assert len(raw_file(path)["abc"]) == 2
    with Store.open(path, today=TODAY) as store:
        assert store.abc.days([monday, tuesday]) == expected
        day = store.abc.day(zoe.id, monday)
        assert day.items_at("welcome") == {"touch", "smile"}
        assert day.items_at("goodbye") == {"eye_contact"}
        assert day.total == 3
        assert store.abc.day(jerome.id, tuesday).total == 0
        # Emptying a day that was saved in an earlier session removes its document too.
        store.abc.save(store.abc.day(jerome.id, monday).toggled("day", "sharing_joy"))
    assert len(raw_file(path)["abc"]) == 1
    with Store.open(path, today=TODAY) as store:
        assert set(store.abc.days([monday, tuesday])) == {(zoe.id, monday)}
        assert [entry.day for entry in store.abc.history(zoe.id, 2025)] == [monday]


def test_settings_and_days_off_survive(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    spring_break = [date(2026, 2, 16) + timedelta(days=n) for n in range(5)]
    with Store.open(path, today=TODAY) as store:
        assert store.settings.get("language") is None
        assert store.settings.get("language", "en") == "en"
        store.settings.set("language", "nl")
        store.settings.set("teacher", "Juf Anaïs")
        store.settings.set("language", "en")
        store.days_off.add(spring_break, "krokusvakantie")
        store.days_off.add([date(2026, 5, 1)], "Dag van de Arbeid")
        store.days_off.clear([spring_break[0]])
        store.days_off.add([date(2026, 9, 1)], "not this school year")  # ignored
    with Store.open(path, today=TODAY) as store:
        assert store.settings.get("language") == "en"
        assert store.settings.get("teacher") == "Juf Anaïs"
        assert store.days_off.of_year() == [
            DayOff(day, "krokusvakantie") for day in spring_break[1:]
        ] + [DayOff(date(2026, 5, 1), "Dag van de Arbeid")]
        calendar = store.days_off.calendar()
        assert not calendar.is_school_day(spring_break[1])
        assert calendar.is_school_day(spring_break[0])


def test_a_day_off_given_twice_is_stored_once(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    studiedag = date(2026, 3, 4)
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(CLASS[0])
        store.days_off.add([studiedag, studiedag], "pedagogische studiedag")
        store.school_years.load_history(
            [AbcDay(zoe.id, TODAY).toggled("day", "touch")],
            [DayOff(date(2026, 4, 6), "paasvakantie")] * 2 + [DayOff(studiedag, "again")],
        )
        store.days_off.clear([studiedag])
    assert len(raw_file(path)["days_off"]) == 1
    with Store.open(path, today=TODAY) as store:
        assert store.days_off.of_year() == [DayOff(date(2026, 4, 6), "paasvakantie")]


def test_days_of_any_open_school_year_are_kept_and_a_closed_one_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(CLASS[0])
        # Days of other school years (a clock that was wrong for a while): kept, not lost.
        for day in (date(2025, 6, 30), date(2026, 9, 1), date(2024, 10, 7)):
            store.abc.save(store.abc.day(zoe.id, day).toggled("welcome", "touch"))
        # The first and last day of the school year are in it.
        store.abc.save(store.abc.day(zoe.id, date(2025, 9, 1)).toggled("day", "smile"))
        store.abc.save(store.abc.day(zoe.id, date(2026, 6, 30)).toggled("day", "smile"))
    with Store.open(path, today=TODAY) as store:
        history = store.abc.history(zoe.id, 2025)
        assert [entry.day for entry in history] == [date(2025, 9, 1), date(2026, 6, 30)]
        assert store.school_years.all() == [2026, 2025, 2024]
        # A tick after today: the date is in doubt, so nothing is closed on it.
        with pytest.raises(ClockInDoubt):
            store.school_years.close()
        store.abc.save(store.abc.day(zoe.id, date(2026, 9, 1)).toggled("welcome", "touch"))
        store.abc.save(store.abc.day(zoe.id, date(2026, 6, 30)).toggled("day", "smile"))
        assert store.school_years.close().years == (2024,)
        before = path.read_bytes(), (store.school_years.archive_dir / "2024-2025.json").read_bytes()
        with pytest.raises(SchoolYearClosed) as caught:
            store.abc.save(store.abc.day(zoe.id, date(2024, 10, 7)).toggled("day", "smile"))
        assert "2024-2025" in caught.value.message("en") and isinstance(caught.value, Exception)
        with pytest.raises(SchoolYearClosed):
            store.days_off.add([date(2024, 11, 11)])
        assert store.abc.day(zoe.id, date(2024, 10, 7)).items_at("welcome") == {"touch"}
    assert (
        path.read_bytes(),
        (tmp_path / "companion.archive" / "2024-2025.json").read_bytes(),
    ) == before


# -- the lock ---------------------------------------------------------------------------


def test_a_second_open_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    first = Store.open(path, today=TODAY)
    zoe = first.children.add(CLASS[0])
    for _ in range(2):  # a refused open must not release the first one's lock
        with pytest.raises(DataFileLocked) as caught:
            Store.open(path, today=TODAY)
        assert caught.value.path == path
        assert str(path) in str(caught.value)
    first.abc.save(
        first.abc.day(zoe.id, TODAY).toggled("welcome", "touch")
    )  # the first store still saves
    first.close()
    with Store.open(path, today=TODAY) as second:
        assert second.abc.day(zoe.id, TODAY).has("welcome", "touch")


HOLD_LOCK = """
import sys
from datetime import date
from pathlib import Path
from companion.store import Store
store = Store.open(Path(sys.argv[1]), today=date(2026, 3, 2))
print("open", flush=True)
sys.stdin.read()
store.close()
"""


@POSIX_ONLY
def test_the_lock_holds_across_processes(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DataFileLocked):
            Store.open(path, today=TODAY)
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
    Store.open(path, today=TODAY).close()


KILLED_WHILE_OPEN = """
import os, signal, sys
from datetime import date
from pathlib import Path
from companion.domain.children import ChildDraft
from companion.store import Store
store = Store.open(Path(sys.argv[1]), today=date(2026, 3, 2))
child = store.children.add(ChildDraft("Zoë", "D'hondt"))
store.abc.save(store.abc.day(child.id, date(2026, 3, 2)).toggled("welcome", "touch"))
os.kill(os.getpid(), signal.SIGKILL)
"""


@POSIX_ONLY
def test_a_stale_lock_from_a_killed_process_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    result = run_python(KILLED_WHILE_OPEN, str(path))
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert Path(f"{path}.lock").exists()  # the lock file is left behind ...
    with Store.open(path, today=TODAY) as store:  # ... but it no longer locks
        (zoe,) = store.children.all()
        assert store.abc.day(zoe.id, TODAY).has("welcome", "touch")


# -- migrations -------------------------------------------------------------------------


def _document(schema: int) -> dict[str, Any]:
    return {
        META_TABLE: {"1": {"app": APP_ID, "schema": schema}},
        "abc": {"1": {"kid": "zoe", "day": "2026-03-02", "welcome": ["touch"]}},
    }


def _chain(calls: list[int]) -> dict[int, Migration]:
    def one_to_two(raw: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        assert raw[META_TABLE]["1"]["schema"] == 1
        for document in raw["abc"].values():
            document["child"] = document.pop("kid")
        return raw

    def two_to_three(raw: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        assert raw[META_TABLE]["1"]["schema"] == 2
        assert all("child" in document for document in raw["abc"].values())
        upgraded = {name: dict(table) for name, table in raw.items()}
        for doc_id, document in raw["abc"].items():
            upgraded["abc"][doc_id] = {**document, "date": document["day"]}
            del upgraded["abc"][doc_id]["day"]
        return upgraded

    return {1: one_to_two, 2: two_to_three}


def test_migrate_upgrades_step_by_step() -> None:
    calls: list[int] = []
    upgraded, changed = migrate(_document(1), _chain(calls), target=3)
    assert changed
    assert calls == [1, 2]
    assert upgraded[META_TABLE]["1"] == {"app": APP_ID, "schema": 3}
    assert upgraded["abc"]["1"] == {"child": "zoe", "date": "2026-03-02", "welcome": ["touch"]}


def test_migrate_from_the_middle_runs_only_the_remaining_steps() -> None:
    calls: list[int] = []
    document = _document(2)
    document["abc"]["1"]["child"] = document["abc"]["1"].pop("kid")
    upgraded, changed = migrate(document, _chain(calls), target=3)
    assert changed and calls == [2]
    assert upgraded[META_TABLE]["1"]["schema"] == 3


def test_a_current_document_passes_unchanged() -> None:
    calls: list[int] = []
    document = _document(3)
    snapshot = orjson.dumps(document)
    result, changed = migrate(document, _chain(calls), target=3)
    assert not changed and calls == []
    assert orjson.dumps(result) == snapshot
    # And with the real chain: today's file needs no migration.
    fresh = new_document()
    assert migrate(fresh) == (new_document(), False)
    assert fresh[META_TABLE]["1"]["schema"] == SCHEMA_VERSION


def test_a_newer_document_is_refused() -> None:
    with pytest.raises(TooNewError) as caught:
        migrate(_document(4), _chain([]), target=3)
    assert caught.value.version == 4


def test_a_missing_step_is_a_shape_error() -> None:
    calls: list[int] = []
    steps = _chain(calls)
    del steps[2]
    with pytest.raises(ShapeError, match="schema 2 cannot be brought up to date"):
        migrate(_document(1), steps, target=3)
    assert calls == [1]


# -- archives of closed school years ----------------------------------------------------

SPRING_BREAK = [date(2026, 2, 16) + timedelta(days=n) for n in range(5)]


def _fill_school_year_2025(path: Path) -> tuple[dict[str, list[AbcDay]], list[str]]:
    """Children, ABC days and days off in 2025-2026; returns each child's history."""
    with Store.open(path, today=TODAY) as store:
        zoe, jerome, *_ = store.children.add_many(CLASS)
        for offset in range(0, 14, 2):
            day = date(2025, 9, 1) + timedelta(days=offset)
            store.abc.save(store.abc.day(zoe.id, day).toggled("welcome", "touch"))
            store.abc.save(store.abc.day(jerome.id, day).toggled("goodbye", "voice"))
        store.abc.save(store.abc.day(zoe.id, TODAY).toggled("day", "sharing_joy"))
        store.days_off.add(SPRING_BREAK, "krokusvakantie")
        store.days_off.add([date(2025, 11, 11)], "Wapenstilstand")
        store.settings.set("language", "nl")
        history = {c.id: store.abc.history(c.id, 2025) for c in (zoe, jerome)}
        return history, [zoe.id, jerome.id]


def _export_of_year(export: dict[str, Any], year: int) -> tuple[list[Any], list[Any]]:
    first, last = date(year, 7, 1).isoformat(), date(year + 1, 6, 30).isoformat()
    abc = [entry for entry in export["abc"] if first <= entry["date"] <= last]
    off = [entry for entry in export["days_off"] if first <= entry["date"] <= last]
    return abc, off


def test_a_closed_school_year_moves_to_its_archive(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    history, (zoe, jerome) = _fill_school_year_2025(path)
    with Store.open(path, today=TODAY) as store:
        abc_2025, off_2025 = _export_of_year(store.export_document(), 2025)
    assert len(abc_2025) == 15 and len(off_2025) == 6

    with Store.open(path, today=NEXT_YEAR) as store:
        # Opening in the new school year moves nothing: closing is the teacher's step.
        assert not store.school_years.archive_dir.exists()
        assert store.school_years.all() == [2026, 2025]
        assert store.abc.history(zoe, 2025) == history[zoe]
        assert store.days_off.calendar(2025).days_off == {*SPRING_BREAK, date(2025, 11, 11)}
        summary = ClosingSummary((2025,), marks=15, days=8, days_off=6)
        assert store.school_years.closing_summary() == summary
        assert store.school_years.close() == summary
        archive = store.school_years.archive_dir / "2025-2026.json"
        assert archive.is_file()
        live = raw_file(path)
        assert live["abc"] == {} and live["days_off"] == {}
        assert store.school_years.closable() == []
        assert set(store.abc.days([TODAY, date(2025, 9, 1)])) == {
            (zoe, TODAY),
            (zoe, date(2025, 9, 1)),
            (jerome, date(2025, 9, 1)),
        }
        assert store.days_off.of_year() == []
        assert store.school_years.all() == [2026, 2025]
        assert store.abc.history(zoe, 2025) == history[zoe]
        assert store.abc.history(jerome, 2025) == history[jerome]
        assert store.days_off.calendar(2025).days_off == {*SPRING_BREAK, date(2025, 11, 11)}
        assert store.days_off.calendar().days_off == frozenset()
        assert _export_of_year(store.export_document(), 2025) == (abc_2025, off_2025)
        assert len(store.children.all()) == len(CLASS) and store.settings.get("language") == "nl"
        # The new year starts empty and saves as usual.
        store.abc.save(store.abc.day(zoe, NEXT_YEAR).toggled("welcome", "smile"))
        store.days_off.add([date(2026, 11, 11)], "Wapenstilstand")
    archived = archive.read_bytes()

    with Store.open(path, today=NEXT_YEAR) as store:  # from disk this time, not memory
        assert archive.read_bytes() == archived
        assert store.abc.history(zoe, 2025) == history[zoe]
        assert store.abc.history(jerome, 2025) == history[jerome]
        assert store.days_off.calendar(2025).days_off == {*SPRING_BREAK, date(2025, 11, 11)}
        assert store.school_years.all() == [2026, 2025]
        export = store.export_document()
        assert _export_of_year(export, 2025) == (abc_2025, off_2025)
        assert len(export["abc"]) == len(abc_2025) + 1
        assert len(export["days_off"]) == len(off_2025) + 1
        assert [entry.day for entry in store.abc.history(zoe, 2026)] == [NEXT_YEAR]
    assert sorted(p.name for p in archive.parent.iterdir()) == ["2025-2026.json"]


def test_a_crash_between_archive_and_trim_is_repaired_without_duplicates(
    tmp_path: Path,
) -> None:
    path = tmp_path / "companion.json"
    history, (zoe, _) = _fill_school_year_2025(path)
    before_archiving = path.read_bytes()
    with Store.open(path, today=NEXT_YEAR) as store:
        store.school_years.close()
        archive = store.school_years.archive_dir / "2025-2026.json"
    archived = archive.read_bytes()
    # As if the app died after writing the archive but before trimming the live file.
    path.write_bytes(before_archiving)
    with Store.open(path, today=NEXT_YEAR) as store:
        assert store.abc.history(zoe, 2025) == history[zoe]
        abc_2025, off_2025 = _export_of_year(store.export_document(), 2025)
        assert len(abc_2025) == 15 and len(off_2025) == 6
        store.school_years.close()  # closing again joins the two copies into one
        assert store.abc.history(zoe, 2025) == history[zoe]
    assert raw_file(path)["abc"] == {}
    assert archive.read_bytes() == archived


def test_load_history_sends_closed_years_to_archives(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=NEXT_YEAR) as store:
        zoe = store.children.add(CLASS[0])
        old = [AbcDay(zoe.id, date(y, 10, 6)).toggled("day", "touch") for y in (2023, 2024, 2025)]
        now = AbcDay(zoe.id, NEXT_YEAR).toggled("day", "smile")
        assert (
            store.school_years.load_history(
                [*old, now], [DayOff(date(2024, 11, 11), "Wapenstilstand")]
            )
            == 4
        )
    with Store.open(path, today=NEXT_YEAR) as store:
        assert store.school_years.all() == [2026, 2025, 2024, 2023]
        for entry in old:
            assert store.abc.history(zoe.id, entry.day.year) == [entry]
        assert store.days_off.calendar(2024).days_off == {date(2024, 11, 11)}
        assert store.abc.day(zoe.id, NEXT_YEAR) == now
    assert len(raw_file(path)["abc"]) == 1


# -- backups ----------------------------------------------------------------------------


def test_one_backup_a_day_of_the_file_as_it_was_opened(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        store.children.add(CLASS[0])
        assert store.backups.all() == []  # a brand-new file has nothing to back up
    as_opened = path.read_bytes()
    with Store.open(path, today=TODAY) as store:
        (backup,) = store.backups.all()
        assert backup.parent == store.backups.folder
        assert backup.read_bytes() == as_opened
        store.children.add(CLASS[1])
    with Store.open(path, today=TODAY) as store:
        assert store.backups.all() == [backup]
        assert backup.read_bytes() == as_opened
    with Store.open(path, today=TODAY, backup=False) as store:
        assert store.backups.all() == [backup]


def test_backups_rotate_daily_and_weekly_when_the_file_opens(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    Store.open(path, today=TODAY).close()
    folder = tmp_path / "companion.backups"
    folder.mkdir()
    older = [folder / f"companion-202501{day:02d}-080000.json" for day in range(1, 13)]
    for backup in older:
        backup.write_bytes(path.read_bytes())
    (folder / "notes.txt").write_text("not a backup")
    with Store.open(path, today=TODAY) as store:
        kept = store.backups.all()
    # Today's, the newest of the 7 days that have one (today and 12..7 January 2025) and
    # the newest of the 8 weeks that have one (the week of 6 January: the 12th; the week
    # of 1 January: the 5th): counted in days that have a backup, so a long holiday
    # never empties the folder.
    assert kept[:-1] == [older[4], *older[6:]]
    assert kept[-1].name.startswith(f"companion-{date.today():%Y%m%d}-")
    assert len(kept) <= BACKUPS_KEPT
    assert (folder / "notes.txt").exists()


def test_backups_rotate_for_a_file_name_with_brackets(tmp_path: Path) -> None:
    path = tmp_path / "klas [2026].json"
    with Store.open(path, today=date(2026, 11, 25)) as store:
        store.settings.set("lang", "nl")
    with Store.open(path, today=date(2026, 11, 25)) as store:
        assert [backup.name.startswith("klas [2026]-") for backup in store.backups.all()] == [True]
