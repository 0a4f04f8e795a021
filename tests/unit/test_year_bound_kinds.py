"""Every kind that belongs to a school year, walked from the declared list
(schema.YEAR_BOUND): closed, reopened, exported and validated alike. A kind added to the
list is a new case here (and fails, naming it, until it has a sample below)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.domain.journal import JournalEntry
from companion.domain.rest_corner import CLASS, CheckIn, StrategyUse
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession
from companion.domain.self_reg import Analysis
from companion.domain.teacher_check_in import TeacherCheckIn
from companion.store import Store
from companion.store.errors import DataFileBadEntry
from companion.store.schema import APP_ID, SCHEMA_VERSION, YEAR_BOUND, DayOffRecord, YearRecord
from companion.store.year_bound import YearBound

TODAY = date(2026, 11, 25)
LAST_YEAR = 2025
LAST_YEAR_DAY = date(2026, 3, 2)  # a Monday of the school year 2025-2026


def _abc_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Zoë", "D'hondt"))
    return (child.id, day), AbcDay(child.id, day).toggled("welcome", "smile")


def _day_off_sample(store: Store, day: date) -> tuple[Any, Any]:
    return day, "Studiedag"


def _plan_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Andy", "Verhoeven"))
    plan = SamenSpelPlan(f"plan-{day.isoformat()}", child.id, "Andy leidt het spel", day)
    return (plan.id, day), plan


def _session_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Andy", "Verhoeven"))
    session = SamenSpelSession(
        f"session-{day.isoformat()}",
        "plan-1",
        child.id,
        day,
        15,
        frozenset({"relationship_play"}),
        frozenset({"observe", "describe"}),
        frozenset({"questions"}),
        "hard",
        "Hij bouwde een toren",
    )
    return (session.id, day), session


def _check_in_sample(store: Store, day: date) -> tuple[Any, Any]:
    check_in = CheckIn(f"check-{day.isoformat()}", CLASS, day, "too_much", frozenset({"social"}))
    return (check_in.id, day), check_in


def _use_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Andy", "Verhoeven"))
    use = StrategyUse(f"use-{day.isoformat()}", child.id, "frog_rest", day, "too_much")
    return (use.id, day), replace(use, outcome="helped", note="Na vijf minuten rustig")


def _entry_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Zoë", "D'hondt"))
    entry = JournalEntry(
        f"entry-{day.isoformat()}",
        "prompt",
        datetime.combine(day, time(16, 5)),
        "Een Andy in mijn klas",
        "Zoë was vandaag @boos.\nLater rustig. 👩‍🏫",
        frozenset({child.id}),
        ("kikkertje rust",),
        starred=True,
        private=True,
        prompt="an_andy",
    )
    return (entry.id, day), entry


def _analysis_sample(store: Store, day: date) -> tuple[Any, Any]:
    child = store.children.add(ChildDraft("Andy", "Verhoeven"))
    analysis = Analysis(
        f"analysis-{day.isoformat()}",
        child.id,
        datetime.combine(day, time(10, 15)),
        title="De blokken",
        what_happened="Hij gooide de blokken",
        reading="stress_behaviour",
        child_stressors={"biological": "moe", "social": ""},
        my_stressors={"emotional": "gehaast"},
        need="affection",
        strategy="frog_rest",
        follow_up=day,
    )
    return (analysis.id, day), analysis


def _teacher_check_in_sample(store: Store, day: date) -> tuple[Any, Any]:
    check_in = TeacherCheckIn(day, "low", "high", drains="lawaai", support="mijn duo")
    return (day.isoformat(), day), check_in


# One entry of each year-bound kind on `day` (what the kind's `add_live` takes).
SAMPLES: dict[str, Callable[[Store, date], tuple[Any, Any]]] = {
    "abc": _abc_sample,
    "days_off": _day_off_sample,
    "samen_spel_plans": _plan_sample,
    "samen_spel_sessions": _session_sample,
    "check_ins": _check_in_sample,
    "strategy_uses": _use_sample,
    "journal_entries": _entry_sample,
    "analyses": _analysis_sample,
    "teacher_check_ins": _teacher_check_in_sample,
}


def _kind(store: Store, name: str) -> YearBound[Any, Any]:
    (kind,) = [kind for kind in store.school_years.kinds if kind.name == name]
    return kind


def test_the_store_walks_the_year_bound_kinds_the_schema_declares(tmp_path: Path) -> None:
    with Store.open(tmp_path / "companion.json", today=TODAY) as store:
        declared = [kind.name for kind in store.school_years.kinds]
    assert declared == list(YEAR_BOUND)


def test_every_declared_year_bound_kind_has_a_sample_here() -> None:
    missing = [name for name in YEAR_BOUND if name not in SAMPLES]
    assert not missing, f"add a sample entry to SAMPLES for the year-bound kind(s) {missing}"
    assert list(SAMPLES) == list(YEAR_BOUND), "SAMPLES names a kind YEAR_BOUND does not"


@pytest.mark.parametrize("name", list(YEAR_BOUND))
def test_a_year_bound_kind_is_closed_into_its_archive_reopened_and_exported(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        key, value = SAMPLES[name](store, LAST_YEAR_DAY)
        _kind(store, name).add_live({key: value})
        assert store.school_years.closable() == [LAST_YEAR]
        exported = _kind(store, name).exported(LAST_YEAR)
        assert exported
        store.school_years.close()
        assert _kind(store, name).live({LAST_YEAR}) == {}
    archive = store.school_years.archive_path(LAST_YEAR)
    assert len(orjson.loads(archive.read_bytes())[name]) == 1
    with Store.open(path, today=TODAY) as store:
        kind = _kind(store, name)
        assert store.school_years.is_closed(LAST_YEAR)
        assert kind.live({LAST_YEAR}) == {}
        assert store.school_years.archived(LAST_YEAR).of(name) == {key: value}
        assert kind.exported(LAST_YEAR) == exported
        assert store.export_document()[name] == exported
        # Closing the same entries again (a crash left them in both) changes nothing.
        joined = kind.joined({key: value}, {key: value})
        assert joined == {key: value}


def _archive_with(name: str, documents: list[dict[str, Any]]) -> bytes:
    meta = {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": LAST_YEAR}
    return orjson.dumps({"meta": meta, name: documents})


@pytest.mark.parametrize("name", list(YEAR_BOUND))
def test_an_archive_with_a_kind_s_entry_twice_or_of_another_year_is_refused(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        key, value = SAMPLES[name](store, LAST_YEAR_DAY)
        (document,) = _kind(store, name).encode_archived({key: value})
        archive = store.school_years.archive_path(LAST_YEAR)
        other_key, other_value = SAMPLES[name](store, date(2027, 3, 1))
        (elsewhere,) = _kind(store, name).encode_archived({other_key: other_value})
    archive.parent.mkdir()
    for documents, reason in (
        ([document, document], YEAR_BOUND[name].duplicate),
        ([elsewhere], "day_of_other_year"),
    ):
        archive.write_bytes(_archive_with(name, documents))
        with Store.open(path, today=TODAY) as store, pytest.raises(DataFileBadEntry) as caught:
            store.school_years.archived(LAST_YEAR)
        assert (caught.value.problem.reason, caught.value.problem.table) == (reason, name)


class HomeworkRecord(DayOffRecord):
    """A kind declared in the schema that the store has no attribute for."""


def test_a_declared_kind_the_store_has_no_attribute_for_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = cast("dict[str, type[YearRecord]]", YEAR_BOUND)
    monkeypatch.setitem(declared, "homework", HomeworkRecord)
    with pytest.raises(TypeError, match=r"'homework': Store needs `self\.homework`"):
        Store.open(tmp_path / "companion.json", today=TODAY)
