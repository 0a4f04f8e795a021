"""School years and the clock: opening or exporting on any date moves nothing, closing
is the teacher's step, a closed year is read only, and no sequence of dates and actions
loses or replaces an acknowledged mark (a stateful property test on the real store)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from companion.domain.abc import AbcDay
from companion.domain.calendar import ClockDoubt, clock_doubt, school_year_of
from companion.domain.children import ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, Moment
from companion.reports.school_year import clock_doubt_text, number, years_text
from companion.store import Store
from companion.store.errors import ClockInDoubt, DataFileCorrupt, SchoolYearClosed

MARCH = date(2026, 3, 2)  # school year 2025-2026
SEPTEMBER = date(2026, 9, 3)  # school year 2026-2027
GIVEN: tuple[AbcItem, ...] = ("closeness", "voice", "smile")


# -- the rule for a doubtful date ---------------------------------------------------------


def test_a_date_before_the_newest_tick_or_beyond_the_next_school_year_is_in_doubt() -> None:
    newest = date(2026, 11, 25)
    assert clock_doubt(newest, None) is None  # nothing ticked yet: nothing to weigh
    assert clock_doubt(newest, newest) is None
    assert clock_doubt(date(2027, 6, 30), newest) is None  # later the same school year
    assert clock_doubt(date(2028, 6, 30), newest) is None  # the next school year
    assert clock_doubt(date(2026, 11, 24), newest) == ClockDoubt(
        "behind", date(2026, 11, 24), newest
    )
    assert clock_doubt(date(2028, 7, 1), newest) == ClockDoubt("ahead", date(2028, 7, 1), newest)
    assert clock_doubt(date(2100, 12, 31), newest) == ClockDoubt(
        "ahead", date(2100, 12, 31), newest
    )
    doubt = ClockDoubt("ahead", date(2100, 12, 31), newest)
    assert "31 December 2100" in clock_doubt_text(doubt, "en")
    assert "25 november 2026" in clock_doubt_text(doubt, "nl")


def test_numbers_and_years_read_as_each_language_writes_them() -> None:
    assert (number(4537, "en"), number(4537, "nl")) == ("4,537", "4.537")
    assert years_text((2024, 2025), "nl") == "2024-2025 en 2025-2026"
    assert years_text((2025,), "en") == "2025-2026"


# -- the reported case ----------------------------------------------------------------------


def _ticked_year(path: Path) -> str:
    """Zoë got closeness, voice and a smile on 2 March 2026, a day off on 11 November."""
    with Store.open(path, today=MARCH) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt")).id
        for item in GIVEN:
            store.abc.save(store.abc.day(zoe, MARCH).toggled("day", item))
        store.days_off.add([date(2025, 11, 11)], "Wapenstilstand")
    return zoe


def _archived_in_september(path: Path) -> str:
    """The ticked year, closed on a wrong date (September): all of it in the archive."""
    zoe = _ticked_year(path)
    with Store.open(path, today=SEPTEMBER) as store:
        store.school_years.close()
    return zoe


@pytest.mark.parametrize("far", [date(2100, 12, 31), date(1990, 1, 1), SEPTEMBER])
def test_opening_and_exporting_on_any_date_moves_nothing(tmp_path: Path, far: date) -> None:
    path = tmp_path / "companion.json"
    zoe = _ticked_year(path)
    live = path.read_bytes()
    with Store.open(path, today=far) as store:
        store.export_document()
    assert path.read_bytes() == live
    assert not (tmp_path / "companion.archive").exists()
    with Store.open(path, today=MARCH) as store:
        assert store.abc.day(zoe, MARCH).items_at("day") == set(GIVEN)
        assert store.days_off.of_year() != []


def test_a_tick_in_the_archive_of_todays_school_year_keeps_the_archived_marks(
    tmp_path: Path,
) -> None:
    # The school year was closed on a wrong date (September); back on the real date the
    # day is shown with its marks and a tick adds to them, in the archive.
    path = tmp_path / "companion.json"
    zoe = _archived_in_september(path)
    with Store.open(path, today=MARCH) as store:
        assert store.school_years.clock_doubt() is None
        assert store.abc.days([MARCH])[(zoe, MARCH)].items_at("day") == set(GIVEN)
        store.abc.save(store.abc.day(zoe, MARCH).toggled("day", "touch"))
        store.abc.save(store.abc.day(zoe, MARCH).toggled("day", "voice"))  # and an untick sticks
        store.days_off.add([date(2026, 4, 6)], "paasvakantie")
    with Store.open(path, today=MARCH) as store:
        assert store.abc.day(zoe, MARCH).items_at("day") == {"closeness", "smile", "touch"}
        assert [off.day for off in store.days_off.of_year()] == [
            date(2025, 11, 11),
            date(2026, 4, 6),
        ]
        assert store.school_years.closable() == []
    assert (tmp_path / "companion.archive" / "2025-2026.json").exists()


def test_a_closed_year_is_read_only_with_a_message_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    zoe = _ticked_year(path)
    with Store.open(path, today=SEPTEMBER) as store:
        store.school_years.close()
        with pytest.raises(SchoolYearClosed) as caught:
            store.abc.save(store.abc.day(zoe, MARCH).toggled("day", "touch"))
        with pytest.raises(SchoolYearClosed):
            store.days_off.clear([date(2025, 11, 11)])
        assert store.abc.day(zoe, MARCH).items_at("day") == set(GIVEN)
    assert "2025-2026" in caught.value.message("en") and "afgesloten" in caught.value.message("nl")
    assert str(tmp_path / "companion.archive" / "2025-2026.json") in caught.value.message("en")


# -- any sequence of dates and actions ------------------------------------------------------

CHILDREN = ("anna", "bram")
# Days across four school years, so that writes meet archived and live days alike.
DAYS = [
    date(2024, 10, 7),
    date(2025, 3, 3),
    date(2025, 9, 1),
    date(2026, 3, 2),
    date(2026, 6, 30),
    date(2026, 9, 3),
    date(2027, 1, 11),
]
TODAYS = st.one_of(
    st.sampled_from([*DAYS, date(2025, 7, 15), date(2027, 8, 20)]),
    st.dates(date(1990, 1, 1), date(2150, 12, 31)),
)

Key = tuple[str, date]
Mark = tuple[str, str]


class ClockAndArchives(RuleBasedStateMachine):
    """The real store in a temporary folder against a model of what the teacher was told
    is saved: the marks of every (child, day), the days off, the closed years."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="companion-clock-"))
        self.path = self.folder / "companion.json"
        self.today = MARCH
        self.store = Store.open(self.path, today=self.today)
        self.ids = {name: self.store.children.add(ChildDraft(name, "")).id for name in CHILDREN}
        self.marks: dict[Key, frozenset[Mark]] = {}
        self.days_off: set[date] = set()
        self.archived: set[int] = set()

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- what the model expects ---------------------------------------------------------

    @property
    def current_year(self) -> int:
        return school_year_of(self.today)

    def closed(self, day: date) -> bool:
        return school_year_of(day) in self.archived and school_year_of(day) != self.current_year

    def live_years(self) -> set[int]:
        days = [day for _, day in self.marks] + list(self.days_off)
        return {school_year_of(day) for day in days} - self.archived

    def doubt(self) -> ClockDoubt | None:
        return clock_doubt(self.today, max((day for _, day in self.marks), default=None))

    # -- actions ------------------------------------------------------------------------

    @rule(today=TODAYS)
    def reopen(self, today: date) -> None:
        self.store.close()
        self.today = today
        self.store = Store.open(self.path, today=today)

    @rule(
        child=st.sampled_from(CHILDREN),
        day=st.one_of(st.sampled_from(DAYS), st.none()),
        moment=st.sampled_from(MOMENTS),
        item=st.sampled_from(ABC_ITEMS),
    )
    def tick_or_untick(self, child: str, day: date | None, moment: Moment, item: AbcItem) -> None:
        day = day or self.today
        child = self.ids[child]
        entry = self.store.abc.day(child, day).toggled(moment, item)
        if self.closed(day):
            with pytest.raises(SchoolYearClosed):
                self.store.abc.save(entry)
            return
        self.store.abc.save(entry)
        marks = self.marks.get((child, day), frozenset()) ^ {(moment, item)}
        if marks:
            self.marks[(child, day)] = marks
        else:
            self.marks.pop((child, day), None)

    @rule(day=st.sampled_from(DAYS), off=st.booleans())
    def set_or_clear_day_off(self, day: date, off: bool) -> None:
        change = self.store.days_off.add if off else self.store.days_off.clear
        if self.closed(day) and (day in self.days_off) != off:
            with pytest.raises(SchoolYearClosed):
                change([day])
            return
        change([day])
        (self.days_off.add if off else self.days_off.discard)(day)

    @rule()
    def close_school_years(self) -> None:
        if self.doubt() is not None:
            with pytest.raises(ClockInDoubt):
                self.store.school_years.close()
            return
        expected = sorted(year for year in self.live_years() if year < self.current_year)
        assert self.store.school_years.closable() == expected
        assert self.store.school_years.close().years == tuple(expected)
        self.archived |= set(expected)

    @rule()
    def export(self) -> None:
        document = self.store.export_document()
        exported = {
            (entry["child"], date.fromisoformat(entry["date"]), entry["moment"], entry["item"])
            for entry in document["abc"]
        }
        assert len(exported) == len(document["abc"])
        assert exported == {
            (child, day, moment, item)
            for (child, day), marks in self.marks.items()
            for moment, item in marks
        }
        assert sorted(date.fromisoformat(d["date"]) for d in document["days_off"]) == sorted(
            self.days_off
        )

    # -- what must always hold ----------------------------------------------------------

    @invariant()
    def every_acknowledged_mark_is_read_back(self) -> None:
        store = self.store
        assert store.school_years.clock_doubt() == self.doubt()
        seen: dict[Key, frozenset[Mark]] = {}
        for year in store.school_years.all():
            for entry in store.abc.of_year(year):
                seen[(entry.child_id, entry.day)] = _marks(entry)
            assert {off.day for off in store.days_off.of_year(year)} == {
                day for day in self.days_off if school_year_of(day) == year
            }
            assert store.school_years.is_closed(year) == (
                year in self.archived and year != self.current_year
            )
        assert seen == self.marks
        days = sorted({day for _, day in self.marks} | {self.today})
        assert {key: _marks(entry) for key, entry in store.abc.days(days).items()} == self.marks
        for child, day in self.marks:
            assert _marks(store.abc.day(child, day)) == self.marks[(child, day)]
            assert store.abc.day(child, day) in store.abc.history(child, school_year_of(day))

    @precondition(lambda self: bool(self.marks))
    @invariant()
    def archives_hold_only_closed_years(self) -> None:
        folder = self.folder / "companion.archive"
        names = {p.name for p in folder.glob("*.json")} if folder.is_dir() else set()
        assert names == {f"{year}-{year + 1}.json" for year in self.archived}


def _marks(entry: AbcDay) -> frozenset[Mark]:
    return frozenset((moment, item) for moment in MOMENTS for item in entry.items_at(moment))


ClockAndArchives.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_no_sequence_of_dates_and_actions_loses_a_mark = ClockAndArchives.TestCase


def test_a_day_in_both_the_live_file_and_the_archive_shows_both_and_saves_once(
    tmp_path: Path,
) -> None:
    # What an older version left: it archived this school year on a far date, then a
    # tick on the real date went into the live file beside the archived day.
    path = tmp_path / "companion.json"
    zoe = _archived_in_september(path)
    with Store.open(path, today=MARCH) as store:
        store.abc._save_live(AbcDay(zoe, MARCH).toggled("day", "touch"))  # the old way
    with Store.open(path, today=MARCH) as store:
        assert store.abc.day(zoe, MARCH).items_at("day") == {*GIVEN, "touch"}
        assert [e.total for e in store.abc.of_year(2025)] == [4]
        assert len(store.export_document()["abc"]) == 4
        store.abc.save(store.abc.day(zoe, MARCH).toggled("day", "voice"))
    with Store.open(path, today=MARCH) as store:
        assert store.abc.day(zoe, MARCH).items_at("day") == {"closeness", "smile", "touch"}
        assert (
            store.school_years.closable() == []
        )  # the live copy is gone: one copy, in the archive


def test_load_history_keeps_days_after_today_in_the_live_file(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=MARCH) as store:
        zoe = store.children.add(ChildDraft("Zoë", "D'hondt")).id
        later = AbcDay(zoe, SEPTEMBER).toggled("day", "smile")
        earlier = AbcDay(zoe, date(2024, 10, 7)).toggled("day", "touch")
        assert store.school_years.load_history([later, earlier]) == 2
    with Store.open(path, today=MARCH) as store:
        assert store.abc.day(zoe, SEPTEMBER) == later
        assert store.abc.history(zoe, 2024) == [earlier]
        assert store.school_years.all() == [2026, 2025, 2024]


def test_a_damaged_archive_of_todays_school_year_stops_the_opening(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    _archived_in_september(path)
    archive = tmp_path / "companion.archive" / "2025-2026.json"
    archive.write_bytes(archive.read_bytes()[:-20])
    with pytest.raises(DataFileCorrupt) as caught:
        Store.open(path, today=MARCH)
    assert caught.value.path == archive
    # Opened in another school year, the history of that one says it.
    with Store.open(path, today=SEPTEMBER) as store, pytest.raises(DataFileCorrupt):
        store.abc.history("zoe", 2025)
