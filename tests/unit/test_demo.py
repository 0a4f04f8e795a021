"""The demo class: deterministic, plausible, uneven on purpose, and fast to write."""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.content.strategies import strategies
from companion.demo import DemoData, DemoYear, build_demo, write_demo
from companion.domain.calendar import (
    SchoolCalendar,
    flemish_holidays,
    school_year_bounds,
    school_year_of,
)
from companion.domain.children import validate_child
from companion.domain.coverage import invisible_children
from companion.domain.rest_corner import CLASS, ME, suggestions, what_helps
from companion.domain.samen_spel import progress, sessions_by_day_in_class
from companion.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday, twelve weeks into the school year 2026-2027
CURRENT = school_year_of(TODAY)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo(TODAY, years=3, children=24, seed=7)


def calendar_of(year: DemoYear) -> SchoolCalendar:
    return SchoolCalendar(frozenset(off.day for off in year.days_off))


def groups_of(year: DemoYear) -> dict[str, str]:
    return {child.key: child.draft.group for child in year.children}


def by_first_name(year: DemoYear, first_name: str) -> list[str]:
    return [child.draft.group for child in year.children if child.draft.first_name == first_name]


# -- determinism ----------------------------------------------------------------------


def test_same_seed_gives_the_same_demo(demo: DemoData) -> None:
    assert build_demo(TODAY, years=3, children=24, seed=7) == demo


def test_another_seed_gives_another_demo(demo: DemoData) -> None:
    other = build_demo(TODAY, years=3, children=24, seed=8)
    assert other != demo
    assert [c.draft for c in other.current.children] != [c.draft for c in demo.current.children]


def fingerprint(data: DemoData) -> str:
    """Every value of the demo in a fixed order (sets sorted), hashed: a change to any
    name, date, group, day off or mark changes it."""
    lines = [data.today.isoformat()]
    for year in data.years:
        lines.append(f"year {year.year}")
        lines += [f"off {off.day} {off.reason}" for off in year.days_off]
        for child in year.children:
            draft = child.draft
            lines.append(
                f"child {child.key} {draft.first_name}|{draft.last_name}|{draft.birth_date}"
                f"|{draft.group}|{draft.note}|{child.added_on}|{child.archived}"
            )
        for entry in year.abc:
            marks = ";".join(
                f"{moment}:{','.join(sorted(items))}"
                for moment, items in sorted(entry.marks.items())
            )
            lines.append(f"abc {entry.child_id} {entry.day} {marks}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("today", "years", "children", "seed", "expected"),
    [
        (TODAY, 3, 24, 7, "260d065ba9789bbae51c97849db63e3b45882970d4d3ca65417b2eb4cbab7add"),
        (
            date(2027, 2, 17),
            2,
            20,
            1,
            "793edd25331968e80c118d4b790b170abe7366ef11ddf8a38653aa2eb9633f30",
        ),
    ],
)
def test_a_seed_gives_the_demo_it_always_gave(
    today: date, years: int, children: int, seed: int, expected: str
) -> None:
    """The demo is pinned: the welcome screen, the README's figures and the benchmarks
    rely on a seed giving the same class and history from one version to the next."""
    assert fingerprint(build_demo(today, years=years, children=children, seed=seed)) == expected


# -- dates ----------------------------------------------------------------------------

SOME_DAYS = [
    TODAY,
    date(2026, 11, 28),  # a Saturday
    date(2026, 9, 1),  # the first school day: no history yet
    date(2026, 9, 4),
    date(2027, 6, 30),  # the last day of the year
    date(2026, 7, 15),  # summer: next year's class, no history
    date(2027, 2, 17),  # krokusvakantie
]


@pytest.mark.parametrize("today", SOME_DAYS)
@pytest.mark.parametrize("seed", [1, 7])
def test_entries_only_on_school_days_when_the_child_was_there(today: date, seed: int) -> None:
    data = build_demo(today, years=2, children=20, seed=seed)
    for year in data.years:
        calendar = calendar_of(year)
        added = {child.key: child.added_on for child in year.children}
        for entry in year.abc:
            assert calendar.is_school_day(entry.day), entry
            assert school_year_of(entry.day) == year.year
            assert entry.day <= today
            assert entry.day >= added[entry.child_id]
            assert entry.total > 0


@pytest.mark.parametrize("today", SOME_DAYS)
def test_the_shape_holds_on_any_day(today: date) -> None:
    data = build_demo(today, years=2, children=20, seed=3)
    assert [year.year for year in data.years] == [school_year_of(today) - 1, school_year_of(today)]
    assert len(data.current.children) == 20
    assert all(
        child.added_on <= max(today, date(data.current.year, 9, 1)) for child in data.children
    )


def test_today_has_at_most_a_partial_welcome(demo: DemoData) -> None:
    todays = [entry for entry in demo.current.abc if entry.day == TODAY]
    assert todays, "a demo on a school day shows a welcome under way"
    assert len(todays) < len(demo.current.children)
    assert all(
        entry.items_at("day") == entry.items_at("goodbye") == frozenset() for entry in todays
    )


def test_past_years_cover_september_to_june(demo: DemoData) -> None:
    for year in demo.years[:-1]:
        days = sorted({entry.day for entry in year.abc})
        start, end = school_year_bounds(year.year)
        assert days[0] - start < timedelta(days=7)
        assert end - days[-1] < timedelta(days=7)
    current_days = {entry.day for entry in demo.current.abc}
    assert min(current_days) < date(CURRENT, 9, 7)
    assert TODAY - timedelta(days=1) in current_days  # yesterday was a Tuesday


def test_days_off_are_the_flemish_holidays_and_study_days(demo: DemoData) -> None:
    for year in demo.years:
        reasons = {off.day: off.reason for off in year.days_off}
        holidays = flemish_holidays(year.year)
        for holiday in holidays:
            assert all(day in reasons for day in holiday.weekdays())
        # Where two overlap (11 November in the autumn break) the first, longer one names it.
        assert {reasons[day] for day in holidays[0].weekdays()} == {holidays[0].key}
        study_days = [day for day, reason in reasons.items() if reason == "study_day"]
        assert 1 <= len(study_days) <= 2
        assert all(day.weekday() < 5 for day in reasons)


# -- the class ------------------------------------------------------------------------


def test_adam_and_andy_are_in_the_current_class(demo: DemoData) -> None:
    assert by_first_name(demo.current, "Adam") == ["invisible"]
    assert by_first_name(demo.current, "Andy") == ["hard_to_manage"]
    counts = Counter(groups_of(demo.current).values())
    assert 3 <= counts["invisible"] <= 4
    assert 2 <= counts["hard_to_manage"] <= 3
    for year in demo.years[:-1]:
        assert by_first_name(year, "Adam") == by_first_name(year, "Andy") == []


def test_past_classes_are_archived_and_the_current_one_is_not(demo: DemoData) -> None:
    assert len(demo.current.children) == 24
    assert not any(child.archived for child in demo.current.children)
    for year in demo.years[:-1]:
        assert year.children and all(child.archived for child in year.children)


def test_one_or_two_children_joined_mid_year_with_no_history_before(demo: DemoData) -> None:
    start = date(CURRENT, 9, 1)
    late = [child for child in demo.current.children if child.added_on > start]
    assert 1 <= len(late) <= 2
    for child in late:
        days = [entry.day for entry in demo.current.abc if entry.child_id == child.key]
        assert days and min(days) >= child.added_on


def test_names_are_flemish_with_diacritics_and_unique(demo: DemoData) -> None:
    names = [(c.draft.first_name, c.draft.last_name) for c in demo.children]
    assert len(set(names)) == len(names)
    current = " ".join(c.draft.first_name for c in demo.current.children)
    assert sum(1 for char in current if not char.isascii()) >= 3
    assert all(last for _, last in names)


def test_children_are_valid_and_of_kindergarten_age(demo: DemoData) -> None:
    for year in demo.years:
        start, end = school_year_bounds(year.year)
        for child in year.children:
            draft = child.draft
            assert draft.birth_date is not None
            assert start - draft.birth_date > timedelta(days=int(2.5 * 365))
            assert end - draft.birth_date < timedelta(days=6 * 366)
            cleaned = validate_child(
                first_name=draft.first_name,
                last_name=draft.last_name,
                birth_date=draft.birth_date,
                group=draft.group,
                note=draft.note,
                today=end,
            )
            assert cleaned == draft


# -- uneven on purpose ----------------------------------------------------------------


def connections_per_day(year: DemoYear, until: date) -> dict[str, float]:
    calendar = calendar_of(year)
    totals = Counter[str]()
    for entry in year.abc:
        totals[entry.child_id] += entry.total
    rates = {}
    for child in year.children:
        present = list(calendar.school_days_between(child.added_on, until))
        rates[child.key] = totals[child.key] / len(present)
    return rates


def test_invisible_children_are_clearly_under_served(demo: DemoData) -> None:
    rates = connections_per_day(demo.current, TODAY - timedelta(days=1))
    groups = groups_of(demo.current)
    invisible = statistics.mean(r for key, r in rates.items() if groups[key] == "invisible")
    others = statistics.mean(r for key, r in rates.items() if groups[key] == "all")
    assert invisible < others / 2
    assert others >= 2.5  # most children get several ingredients most days


def test_the_invisible_are_often_missed_for_whole_days(demo: DemoData) -> None:
    calendar = calendar_of(demo.current)
    school_days = len(list(calendar.school_days_between(date(CURRENT, 9, 1), TODAY)))
    for key, group in groups_of(demo.current).items():
        days_seen = len({entry.day for entry in demo.current.abc if entry.child_id == key})
        if group == "invisible":
            assert days_seen < 0.7 * school_days


def test_hard_to_manage_children_have_thin_days(demo: DemoData) -> None:
    groups = groups_of(demo.current)
    hard = [e.total for e in demo.current.abc if groups[e.child_id] == "hard_to_manage"]
    ordinary = [e.total for e in demo.current.abc if groups[e.child_id] == "all"]
    share_thin = sum(1 for total in hard if total <= 2) / len(hard)
    assert share_thin > sum(1 for total in ordinary if total <= 2) / len(ordinary)


def test_the_teacher_has_habits_and_the_welcome_is_busiest(demo: DemoData) -> None:
    moments = Counter[str]()
    items = Counter[str]()
    for entry in demo.abc:
        for moment, chosen in entry.marks.items():
            moments[moment] += len(chosen)
            items.update(chosen)
    assert moments["welcome"] > moments["day"] > moments["goodbye"]
    assert items["voice"] > 2 * items["touch"]
    assert items["smile"] > items["touch"]
    full_days = sum(1 for entry in demo.abc if entry.total == 21)
    assert full_days < len(demo.abc) / 100  # not every ingredient every day


# -- writing into a real store --------------------------------------------------------


def test_write_demo_fills_the_live_file_and_the_archives(tmp_path: Path, demo: DemoData) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        summary = write_demo(store, demo)
        assert store.school_years.all() == [CURRENT, CURRENT - 1, CURRENT - 2]
        before = sorted(
            (c.full_name, c.group, c.archived, c.added_on)
            for c in store.children.all(include_archived=True)
        )
    assert summary.children == len(demo.children) == len(before)
    assert summary.archived == sum(len(year.children) for year in demo.years[:-1])
    assert summary.abc_days == len(demo.abc)
    assert summary.school_years == 3
    assert sorted(p.name for p in (tmp_path / "companion.archive").iterdir()) == [
        "2024-2025.json",
        "2025-2026.json",
    ]
    with Store.open(path, today=TODAY) as store:
        children = store.children.all(include_archived=True)
        assert sorted((c.full_name, c.group, c.archived, c.added_on) for c in children) == before
        assert len(store.children.all()) == 24
        counts = {year: len(store.abc.of_year(year)) for year in store.school_years.all()}
        assert counts == {year.year: len(year.abc) for year in demo.years}
        past_child = next(c for c in children if c.archived)
        history = store.abc.history(past_child.id, school_year_of(past_child.added_on))
        assert history and all(entry.day.year in (CURRENT - 2, CURRENT - 1) for entry in history)
        assert {off.day for off in store.days_off.of_year()} == {
            off.day for off in demo.current.days_off
        }
        past_year = demo.years[0]
        assert store.days_off.calendar(past_year.year).days_off == calendar_of(past_year).days_off


def test_the_invisible_warning_has_a_true_case(tmp_path: Path, demo: DemoData) -> None:
    with Store.open(tmp_path / "companion.json", today=TODAY) as store:
        write_demo(store, demo)
        calendar = store.days_off.calendar()
        days = [*calendar.school_days_before(TODAY, 10), TODAY]
        flags = invisible_children(store.children.all(), store.abc.days(days), calendar, TODAY)
    flagged = {flag.child.first_name: flag.reason for flag in flags}
    assert flagged.get("Adam") == "no_connection"


def test_write_demo_refuses_a_file_with_data(tmp_path: Path, demo: DemoData) -> None:
    with Store.open(tmp_path / "companion.json", today=TODAY) as store:
        write_demo(store, demo)
        with pytest.raises(ValueError, match="empty"):
            write_demo(store, demo)


def test_write_demo_refuses_another_school_year(tmp_path: Path, demo: DemoData) -> None:
    with (
        Store.open(tmp_path / "companion.json", today=date(2027, 9, 5)) as store,
        pytest.raises(ValueError, match="school year"),
    ):
        write_demo(store, demo)


def test_ten_years_are_written_whole(tmp_path: Path) -> None:
    # (How fast is the benchmarks' business, never a timed test.)
    data = build_demo(TODAY, years=10, children=25, seed=7)
    with Store.open(tmp_path / "companion.json", today=TODAY) as store:
        summary = write_demo(store, data)
        assert len(store.school_years.all()) == 10
    assert summary.school_years == 10 and summary.children >= 25 * 8


def test_build_demo_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        build_demo(TODAY, years=0)
    with pytest.raises(ValueError):
        build_demo(TODAY, children=1)


# -- relational needs and Samen-Spel --------------------------------------------------


def test_most_children_of_the_class_have_a_needs_profile(demo: DemoData) -> None:
    current = demo.current
    profiled = {profile.child_id for profile in current.needs}
    assert len(profiled) >= 0.6 * len(current.children)
    adam, andy = current.children[0].key, current.children[1].key
    assert {adam, andy} <= profiled
    assert all(not profile.is_empty() for profile in current.needs)
    assert any(profile.clearly_seen() for profile in current.needs)
    assert all(year.needs == () for year in demo.years[:-1])


def test_andy_is_a_target_child_with_missed_weeks_and_hard_days(demo: DemoData) -> None:
    current = demo.current
    andy = current.children[1]
    assert andy.draft.first_name == "Andy"
    (plan,) = [plan for plan in current.plans if plan.child_id == andy.key]
    assert plan.ended_on is None
    calendar = calendar_of(current)
    held = [s for s in current.sessions if s.plan_id == plan.id]
    state = progress(plan, held, calendar, TODAY)
    assert state.weeks_behind >= 1  # a missed week is in the demo, to be seen
    assert state.sessions_done >= 8
    assert sessions_by_day_in_class(held)["hard"] >= 2
    assert all(calendar.is_school_day(s.day) and plan.start <= s.day < TODAY for s in held)
    assert 1 <= len(current.plans) <= 2


def test_each_past_class_had_one_plan_played_out_and_closed(demo: DemoData) -> None:
    for year in demo.years[:-1]:
        (plan,) = year.plans
        assert plan.ended_on is not None and plan.end_note
        assert school_year_of(plan.start) == year.year
        assert all(school_year_of(s.day) == year.year for s in year.sessions)


def test_write_demo_keeps_profiles_plans_and_sessions(tmp_path: Path, demo: DemoData) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        summary = write_demo(store, demo)
    assert summary.needs_profiles == len(demo.current.needs)
    assert summary.samen_spel_sessions == len(demo.sessions)
    with Store.open(path, today=TODAY) as store:
        assert len(store.needs.all()) == len(demo.current.needs)
        andy = next(c for c in store.children.all() if c.first_name == "Andy")
        plan = store.samen_spel.active_plan(andy.id)
        assert plan is not None
        assert len(store.samen_spel.sessions_of(plan)) == len(
            [s for s in demo.current.sessions if s.plan_id == plan.id]
        )
        last_year = store.samen_spel.plans_of_year(CURRENT - 1)
        assert len(last_year) == 1 and last_year[0].ended_on is not None
        assert len(store.samen_spel.sessions_of(last_year[0])) == len(demo.years[1].sessions)


@pytest.mark.parametrize("today", [*SOME_DAYS, date(2026, 8, 25), date(2026, 9, 10)])
def test_a_demo_on_any_day_has_andy_as_a_target_child(today: date) -> None:
    data = build_demo(today, years=2, children=20, seed=3)
    andy = data.current.children[1]
    plans = [plan for plan in data.current.plans if plan.child_id == andy.key]
    assert plans
    assert all(school_year_of(plan.start) == school_year_of(today) for plan in plans)
    assert all(s.day < today for s in data.current.sessions)


@pytest.mark.parametrize("seed", [7, 2, 17, 22])
def test_the_rest_corner_shows_what_helps_andy_and_what_does_not(seed: int) -> None:
    current = build_demo(TODAY, years=1, children=24, seed=seed).current
    andy = current.children[1]
    card = {entry.strategy: entry for entry in what_helps(andy.key, current.strategy_uses)}
    assert next(iter(card)) in {"frog_rest", "squeeze_ball"}
    assert card["frog_rest"].helped >= 1 and card["frog_rest"].not_helped == 0
    cushion = card["weighted_cushion"]
    assert (cushion.helped, cushion.helped_a_bit) == (0, 0) and cushion.not_helped >= 1
    ranked = suggestions(strategies(), andy.key, "too_much", (), current.strategy_uses)
    assert ranked[0].strategy.key in {"frog_rest", "squeeze_ball"}
    assert ranked[-1].never_helped and ranked[-1].strategy.key in {"weighted_cushion", "calm_voice"}


def test_the_class_runs_the_daily_mile_and_the_teacher_checks_in_on_herself(
    demo: DemoData,
) -> None:
    for year in demo.years:
        subjects = Counter(use.subject for use in year.strategy_uses)
        assert subjects[CLASS] >= 15 and subjects[ME] >= 2
        miles = [u for u in year.strategy_uses if u.subject == CLASS and u.strategy == "daily_mile"]
        assert sum(u.outcome == "helped" for u in miles) > len(miles) / 2
        assert {c.subject for c in year.check_ins} >= {CLASS, ME}
        days = set(calendar_of(year).school_days_between(date(year.year, 9, 1), TODAY))
        assert all(u.day in days or u.day.year > year.year for u in year.strategy_uses)


def test_write_demo_keeps_check_ins_and_uses_and_the_last_days_wait(
    tmp_path: Path, demo: DemoData
) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        summary = write_demo(store, demo)
    assert summary.strategy_uses == len(demo.strategy_uses)
    with Store.open(path, today=TODAY) as store:
        uses = store.rest_corner.uses_of_year()
        assert len(uses) == len(demo.current.strategy_uses)
        assert len(store.rest_corner.check_ins_of_year()) == len(demo.current.check_ins)
        waiting = store.rest_corner.waiting()
        assert waiting and len(waiting) == summary.waiting_outcomes
        assert {use.day for use in waiting} <= set(sorted({u.day for u in uses})[-2:])
        assert len(store.rest_corner.uses_of_year(CURRENT - 2)) == len(demo.years[0].strategy_uses)


def test_the_journal_has_entries_an_analysis_finished_one_halfway_and_her_trend(
    tmp_path: Path, demo: DemoData
) -> None:
    current = demo.current
    andy = current.children[1]
    assert len(current.journal_entries) >= 10
    assert sum(entry.private for entry in current.journal_entries) == 1
    assert {entry.kind for entry in current.journal_entries} == {"reflection", "prompt", "analysis"}
    finished, halfway = current.analyses
    assert (
        finished.finished
        and finished.child == andy.key
        and finished.steps_done() == [1, 2, 3, 4, 5]
    )
    assert halfway.open and halfway.steps_done() == [1, 2]
    zones = Counter(check_in.zone for check_in in current.teacher_check_ins)
    assert zones["green"] > zones["too_little"] > 0 and zones["too_much"] > 0
    path = tmp_path / "companion.json"
    with Store.open(path, today=TODAY) as store:
        summary = write_demo(store, demo)
    assert summary.journal_entries == len(demo.journal_entries)
    with Store.open(path, today=TODAY) as store:
        assert len(store.journal.everything()) == len(demo.journal_entries)
        assert [a.title for a in store.self_reg.unfinished()] == [halfway.title]
        assert len(store.teacher_check_in.of_year()) == len(current.teacher_check_ins)
        store_andy = next(c for c in store.children.all() if c.first_name == "Andy")
        assert [a.title for a in store.self_reg.of_child(store_andy.id)] == [
            finished.title,
            halfway.title,
        ]
