"""Samen-Spel plans and sessions in the real store on disk: what returned is on disk, bad
input and closed years are refused, a closed year moves them into its archive."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from companion.domain.children import ChildDraft
from companion.domain.samen_spel import SamenSpelInputError, SamenSpelPlan, SamenSpelSession
from companion.store import Store
from companion.store.errors import DataFileBadEntry, SchoolYearClosed
from companion.store.schema import SCHEMA_VERSION, TABLES_OF_SCHEMA_2, TABLES_OF_SCHEMA_3

TODAY = date(2026, 11, 25)
START = date(2026, 11, 16)


def _plan(child_id: str, start: date = START) -> SamenSpelPlan:
    return SamenSpelPlan("", child_id, "Andy leidt het spel, ik volg", start)


def _session(plan: SamenSpelPlan, day: date, minutes: int = 15) -> SamenSpelSession:
    return SamenSpelSession(
        "",
        plan.id,
        "",
        day,
        minutes,
        frozenset({"relationship_play"}),
        frozenset({"observe", "name_feelings"}),
        frozenset({"questions"}),
        "hard",
        "Een toren gebouwd",
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "klas.json"


def _andy(store: Store) -> str:
    return store.children.add(ChildDraft("Andy", "Maes", group="hard_to_manage")).id


def test_a_plan_and_its_sessions_are_on_disk_when_the_call_returns(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        andy = _andy(store)
        plan = store.samen_spel.add_plan(_plan(andy))
        first = store.samen_spel.log(_session(plan, date(2026, 11, 17)))
        on_disk = orjson.loads(path.read_bytes())
        assert [p["start"] for p in on_disk["samen_spel_plans"].values()] == ["2026-11-16"]
        (stored,) = on_disk["samen_spel_sessions"].values()
        assert stored["do_skills"] == ["observe", "name_feelings"]
        assert stored["dont_skills"] == ["questions"]
        assert stored["child"] == andy
    with Store.open(path, today=TODAY) as store:
        assert store.samen_spel.plans_of(andy) == [plan]
        assert store.samen_spel.active_plan(andy) == plan
        assert store.samen_spel.sessions_of(plan) == [first]


def test_editing_a_session_replaces_it_and_deleting_removes_it(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        first = store.samen_spel.log(_session(plan, date(2026, 11, 17)))
        moved = store.samen_spel.log(replace(first, day=date(2026, 11, 19), minutes=12))
        assert store.samen_spel.sessions_of(plan) == [moved]
        store.samen_spel.delete_session(moved)
    with Store.open(path, today=TODAY) as store:
        assert store.samen_spel.sessions_of(plan) == []


def test_a_second_plan_while_one_is_under_way_is_refused(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        andy = _andy(store)
        plan = store.samen_spel.add_plan(_plan(andy))
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.add_plan(_plan(andy, date(2026, 11, 23)))
        assert caught.value.reason == "plan_active"
        ended = store.samen_spel.update_plan(plan.closed_out(TODAY, "", early=False))
        again = store.samen_spel.add_plan(_plan(andy, date(2026, 11, 30)))
        assert store.samen_spel.active_plan(andy) == again
        assert store.samen_spel.plans_of(andy) == [ended, again]


def test_a_plan_s_start_or_end_cannot_leave_a_session_outside_it(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        store.samen_spel.log(_session(plan, date(2026, 11, 18)))
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.update_plan(replace(plan, start=date(2026, 11, 19)))
        assert caught.value.reason == "sessions_before_start"
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.update_plan(plan.closed_out(date(2026, 11, 17), "", early=False))
        assert caught.value.reason == "sessions_after_end"
        earlier = store.samen_spel.update_plan(replace(plan, start=date(2026, 11, 9)))
        assert store.samen_spel.plans_of(plan.child_id) == [earlier]


@pytest.mark.parametrize(
    ("day", "minutes", "reason"),
    [
        (date(2026, 11, 17), 0, "out_of_range"),
        (date(2026, 11, 17), 600, "out_of_range"),
        (date(2026, 11, 13), 15, "before_plan"),
        (date(2026, 11, 26), 15, "in_future"),
    ],
)
def test_a_bad_session_is_refused_and_nothing_is_written(
    path: Path, day: date, minutes: int, reason: str
) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        before = path.read_bytes()
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.log(_session(plan, day, minutes))
        assert caught.value.reason == reason
        assert path.read_bytes() == before


def test_closing_the_year_moves_plans_and_sessions_into_its_archive(path: Path) -> None:
    last_year = date(2026, 3, 2)
    with Store.open(path, today=date(2026, 3, 6)) as store:
        andy = _andy(store)
        plan = store.samen_spel.add_plan(_plan(andy, last_year))
        session = store.samen_spel.log(_session(plan, date(2026, 3, 3)))
    with Store.open(path, today=TODAY) as store:
        summary = store.school_years.closing_summary()
        assert (summary.samen_spel_plans, summary.samen_spel_sessions) == (1, 1)
        store.school_years.close()
        assert store.samen_spel.plans_of(andy) == []
        assert store.samen_spel.plans_of(andy, 2025) == [plan]
        assert store.samen_spel.sessions_of(plan) == [session]
        with pytest.raises(SchoolYearClosed):
            store.samen_spel.log(replace(session, id="", day=date(2026, 3, 5)))
        exported = store.export_document()
        assert [p["id"] for p in exported["samen_spel_plans"]] == [plan.id]
        assert [s["id"] for s in exported["samen_spel_sessions"]] == [session.id]
    live = orjson.loads(path.read_bytes())
    assert live["samen_spel_plans"] == {}
    archive = orjson.loads((path.parent / "klas.archive" / "2025-2026.json").read_bytes())
    assert archive["samen_spel_sessions"][0]["day_in_class"] == "hard"


def test_a_session_of_a_child_not_in_the_class_is_refused_on_opening(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        store.samen_spel.log(_session(plan, date(2026, 11, 17)))
    document = orjson.loads(path.read_bytes())
    for entry in document["samen_spel_sessions"].values():
        entry["child"] = "nobody"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    assert caught.value.problem.reason == "unknown_child"
    assert caught.value.problem.table == "samen_spel_sessions"


@pytest.mark.parametrize(
    ("field", "value"),
    [("do_skills", ["sing"]), ("minutes", 0), ("components", ["chess"]), ("start", "soon")],
)
def test_an_entry_with_a_word_or_number_the_schema_does_not_know_is_refused(
    path: Path, field: str, value: object
) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        store.samen_spel.log(_session(plan, date(2026, 11, 17)))
    document = orjson.loads(path.read_bytes())
    table = "samen_spel_plans" if field == "start" else "samen_spel_sessions"
    for entry in document[table].values():
        entry[field] = value
    path.write_bytes(orjson.dumps(document))
    bad = path.read_bytes()
    with pytest.raises(DataFileBadEntry):
        Store.open(path, today=TODAY)
    assert path.read_bytes() == bad  # never overwritten


def test_editing_a_plan_or_a_session_is_one_write(path: Path) -> None:
    """A change is never a removal and an insert apart: a failure between them would
    lose the plan."""
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        session = store.samen_spel.log(_session(plan, date(2026, 11, 17)))
        before = store.revision
        store.samen_spel.update_plan(plan.closed_out(TODAY, "Het loopt goed", early=False))
        store.samen_spel.log(replace(session, day=date(2026, 11, 18)))
        assert store.revision == before + 2
        assert len(orjson.loads(path.read_bytes())["samen_spel_plans"]) == 1


def test_a_plan_stays_in_its_school_year_and_ends_on_a_day_that_came(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        andy = _andy(store)
        for start in (date(2025, 11, 17), date(2027, 9, 6)):
            with pytest.raises(SamenSpelInputError) as caught:
                store.samen_spel.add_plan(_plan(andy, start))
            assert (caught.value.field, caught.value.reason) == ("start", "start_in_this_year")
        plan = store.samen_spel.add_plan(_plan(andy))
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.update_plan(replace(plan, start=date(2025, 11, 17)))
        assert caught.value.reason == "start_in_plan_year"
        with pytest.raises(SamenSpelInputError) as caught:
            store.samen_spel.update_plan(plan.closed_out(date(2026, 11, 30), "", early=False))
        assert (caught.value.field, caught.value.reason) == ("ended_on", "in_future")
        assert store.samen_spel.plans_of(andy) == [plan]


def test_a_copy_a_crash_left_in_the_live_file_and_the_archive_is_read_once(
    path: Path,
) -> None:
    """A year closed on a wrong date, then a crash while closing: the entries are in the
    archive and the live file. Reads show each id once; a change or a removal reaches
    every copy, and the archive stays valid (no id twice)."""
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        session = store.samen_spel.log(_session(plan, date(2026, 11, 17)))
        live_plans = store.samen_spel_plans.live({2026})
        live_sessions = store.samen_spel_sessions.live({2026})
        archive = store.school_years
        archive.write_entries(2026, store.samen_spel_plans, live_plans)
        archive.write_entries(2026, store.samen_spel_sessions, live_sessions)
    with Store.open(path, today=TODAY) as store:
        assert store.samen_spel.plans_of(plan.child_id) == [plan]
        assert store.samen_spel.sessions_of(plan) == [session]
        moved = store.samen_spel.update_plan(replace(plan, start=date(2026, 11, 9)))
        store.samen_spel.delete_session(session)
    with Store.open(path, today=TODAY) as store:  # the archive opens: no id twice
        assert store.samen_spel.plans_of(plan.child_id) == [moved]
        assert store.samen_spel.sessions_of(moved) == []
        assert store.samen_spel_plans.live({2026}) == {}


def test_a_session_newer_than_the_computer_s_date_puts_the_clock_in_doubt(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        plan = store.samen_spel.add_plan(_plan(_andy(store)))
        store.samen_spel.log(_session(plan, date(2026, 11, 24)))
    with Store.open(path, today=date(2026, 11, 20)) as store:
        doubt = store.school_years.clock_doubt()
        assert doubt is not None and doubt.newest == date(2026, 11, 24)


def test_a_file_of_schema_1_is_brought_up_to_date_and_a_backup_kept(path: Path) -> None:
    with Store.open(path, today=TODAY) as store:
        store.children.add(ChildDraft("Andy", "Maes"))
    document = orjson.loads(path.read_bytes())
    document["meta"]["1"]["schema"] = 1
    for table in (*TABLES_OF_SCHEMA_2, *TABLES_OF_SCHEMA_3):
        document.pop(table, None)
    path.write_bytes(orjson.dumps(document))
    with Store.open(path, today=TODAY) as store:
        assert len(store.children.all()) == 1
    migrated = orjson.loads(path.read_bytes())
    assert migrated["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert migrated["samen_spel_plans"] == migrated["own_strategies"] == {}
    # The older version is kept twice: as the day's backup and before the migration.
    backups = sorted((path.parent / "klas.backups").iterdir())
    assert any(backup.name.endswith("-before-migration.json") for backup in backups)
    for backup in backups:
        assert orjson.loads(backup.read_bytes())["meta"]["1"]["schema"] == 1
