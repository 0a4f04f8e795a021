"""The store's indexes are made when first read (store/lazy.py), not at the open: an open
reads and checks the file, and each kind's index waits for the first screen that asks.
What they say must be what an index made at the open would have said, writes made
before the first read included; two threads reading first share one build. And the
checks of the file, which now pass over a table without copying it first, still name
the entry that is wrong."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.domain.rest_corner import CheckIn
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, Moment
from companion.store import Store
from companion.store.errors import DataFileBadEntry
from companion.store.lazy import Lazy
from companion.store.schema import APP_ID, SCHEMA_VERSION

TODAY = date(2026, 11, 25)
YESTERDAY = date(2026, 11, 24)
LAST_WEEK = date(2026, 11, 18)


def _class_with_a_week(path: Path) -> str:
    """A class of one with an ABC day, a check-in and a journal entry, all before today;
    the child's id."""
    with Store.open(path, today=TODAY) as store:
        andy = store.children.add(ChildDraft("Andy", "Maes")).id
        store.abc.save(AbcDay(andy, LAST_WEEK).toggled("welcome", "smile"))
        store.rest_corner.check_in(CheckIn("", andy, LAST_WEEK, "too_much"))
        store.journal.save(JournalEntry("", "reflection", datetime(2026, 11, 18, 15, 30), "Kring"))
    return andy


def _made(*indexes: Lazy[Any]) -> list[bool]:
    """Whether each index is made yet (a call: mypy keeps no narrowing across it)."""
    return [index.made for index in indexes]


# -- Lazy -------------------------------------------------------------------------------


def test_a_lazy_value_is_made_by_the_first_read_only() -> None:
    calls: list[int] = []

    def make() -> dict[str, int]:
        calls.append(1)
        return {"made": len(calls)}

    lazy = Lazy(make)
    assert _made(lazy) == [False] and calls == []
    first = lazy.get()
    assert _made(lazy) == [True] and lazy.get() is first and calls == [1]


def test_a_make_that_failed_is_tried_again_by_the_next_read() -> None:
    attempts: list[int] = []

    def make() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return "made"

    lazy = Lazy(make)
    with pytest.raises(OSError):
        lazy.get()
    assert _made(lazy) == [False]
    assert lazy.get() == "made" and len(attempts) == 2


def test_two_threads_reading_first_share_one_build() -> None:
    building, second_asks = threading.Event(), threading.Event()
    calls: list[int] = []

    def make() -> dict[str, int]:
        calls.append(1)
        building.set()
        # The other thread reads while this build runs (it would build too, unlocked).
        second_asks.wait(timeout=5)
        return {"build": len(calls)}

    lazy = Lazy(make)
    found: list[dict[str, int]] = []
    first = threading.Thread(target=lambda: found.append(lazy.get()))
    first.start()
    building.wait(timeout=5)

    def second() -> None:
        second_asks.set()
        found.append(lazy.get())

    other = threading.Thread(target=second)
    other.start()
    first.join(timeout=5)
    other.join(timeout=5)
    assert calls == [1]
    assert len(found) == 2 and found[0] is found[1]


# -- the store's kinds ------------------------------------------------------------------


def test_an_open_makes_only_the_indexes_that_are_read(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    _class_with_a_week(path)
    with Store.open(path, today=TODAY) as store:
        indexes = store.abc._index, store.check_ins._index, store.journal_entries._index
        assert _made(*indexes) == [False, False, False]
        # The clock's doubt (every open asks it) reads the newest days from the records.
        assert store.check_ins.newest_live_day() == LAST_WEEK
        assert store.journal_entries.newest_live_day() == LAST_WEEK
        assert store.school_years.clock_doubt() is None
        assert _made(*indexes) == [True, False, False]  # the ABC's newest day: its index
        (check_in,) = store.rest_corner.check_ins_of_year()
        assert check_in.day == LAST_WEEK
        assert _made(*indexes) == [True, True, False]


def test_a_write_before_the_first_read_is_in_the_index(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    andy = _class_with_a_week(path)
    with Store.open(path, today=TODAY) as store:
        store.rest_corner.check_in(CheckIn("", andy, TODAY, "green"))
        store.abc.save(AbcDay(andy, TODAY).toggled("day", "voice"))
        assert store.check_ins.newest_live_day() == TODAY
        assert [c.day for c in store.rest_corner.check_ins_of_year()] == [LAST_WEEK, TODAY]
        assert set(store.abc.days([LAST_WEEK, TODAY])) == {(andy, LAST_WEEK), (andy, TODAY)}
        assert store.abc.newest_day() == TODAY
    with Store.open(path, today=TODAY) as store:
        assert len(store.rest_corner.check_ins_of_year()) == 2
        assert store.abc.newest_day() == TODAY


def test_a_day_whose_last_tick_is_taken_away_leaves_the_index(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    andy = _class_with_a_week(path)
    with Store.open(path, today=TODAY) as store:
        store.abc.save(AbcDay(andy, YESTERDAY).toggled("goodbye", "touch"))
        assert store.abc.newest_day() == YESTERDAY
        store.abc.save(store.abc.day(andy, YESTERDAY).toggled("goodbye", "touch"))
        assert store.abc.newest_day() == LAST_WEEK
        assert store.abc.days([YESTERDAY]) == {}
        assert store.school_years.all() == [2026]
        store.abc.save(store.abc.day(andy, LAST_WEEK).toggled("welcome", "smile"))
        assert store.abc.newest_day() is None
        assert store.abc.is_empty()
        assert store.abc.of_year(2026) == []


def test_a_reload_reads_the_file_again_into_new_indexes(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    andy = _class_with_a_week(path)
    with Store.open(path, today=TODAY) as store:
        before = store.rest_corner.check_ins_of_year()
        store.reload()
        assert _made(store.check_ins._index) == [False]
        assert store.rest_corner.check_ins_of_year() == before
        assert store.abc.day(andy, LAST_WEEK).total == 1


# -- the checks still name the entry ----------------------------------------------------


def test_a_day_twice_in_the_live_file_names_the_second_document(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    _class_with_a_week(path)
    document = json.loads(path.read_bytes())
    (first,) = document["abc"].values()
    document["abc"]["7"] = dict(first)
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileBadEntry) as caught:
        Store.open(path, today=TODAY)
    problem = caught.value.problem
    assert (problem.reason, problem.table, problem.entry) == ("duplicate_day", "abc", "7")
    assert not problem.in_list


def test_a_day_twice_in_an_archive_names_its_place_in_the_list(tmp_path: Path) -> None:
    path = tmp_path / "klas.json"
    andy = _class_with_a_week(path)
    with Store.open(path, today=TODAY) as store:
        archive = store.school_years.archive_path(2025)
    archive.parent.mkdir()
    day = {"child": andy, "date": "2026-03-02", "welcome": ["smile"]}
    other = {**day, "date": "2026-03-03"}
    meta = {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": 2025}
    archive.write_text(json.dumps({"meta": meta, "abc": [day, other, day]}))
    with Store.open(path, today=TODAY) as store, pytest.raises(DataFileBadEntry) as caught:
        store.abc.of_year(2025)
    problem = caught.value.problem
    assert (problem.reason, problem.table, problem.entry) == ("duplicate_day", "abc", "3")
    assert problem.in_list


# -- the live days kept as read ----------------------------------------------------------

TOGGLES = st.lists(
    st.tuples(
        st.integers(0, 2),  # which child
        st.sampled_from([LAST_WEEK, YESTERDAY, TODAY]),
        st.sampled_from(MOMENTS),
        st.sampled_from(ABC_ITEMS),
    ),
    max_size=30,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(toggles=TOGGLES)
def test_a_day_read_again_after_any_toggles_is_what_the_file_holds(
    tmp_path_factory: pytest.TempPathFactory, toggles: list[tuple[int, date, Moment, AbcItem]]
) -> None:
    """Each day is read before and after every toggle (so the kept copy is used), and
    always equals a model of the toggles; a second open of the file reads the same."""
    path = tmp_path_factory.mktemp("kept") / "companion.json"
    expected: dict[tuple[str, date], AbcDay] = {}
    with Store.open(path, today=TODAY) as store:
        ids = [store.children.add(ChildDraft(name, "Maes")).id for name in ("An", "Bo", "Cas")]
        for who, day, moment, item in toggles:
            child_id = ids[who]
            before = store.abc.day(child_id, day)
            assert before == expected.get((child_id, day), AbcDay(child_id, day))
            store.abc.save(before.toggled(moment, item))
            expected[(child_id, day)] = before.toggled(moment, item)
            assert store.abc.day(child_id, day) == expected[(child_id, day)]
        shown = {key: store.abc.day(*key) for key in expected}
    with Store.open(path, today=TODAY) as again:
        assert {key: again.abc.day(*key) for key in expected} == shown == expected
