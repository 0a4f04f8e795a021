"""The coverage and 'invisible' rules, on hand-built data."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from companion.domain.abc import AbcDay
from companion.domain.calendar import SchoolCalendar
from companion.domain.children import Child
from companion.domain.coverage import (
    child_history,
    in_start_of_year,
    invisible_children,
    least_given_item,
    least_used_item,
    rarely_given,
    start_of_year_tracker,
    summarise_today,
    week_ledger,
)
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, ChildGroup, Moment

WEDNESDAY = date(2026, 11, 25)
SEPTEMBER = date(2026, 9, 1)


def child(
    name: str, *, added_on: date = SEPTEMBER, archived: bool = False, group: ChildGroup = "all"
) -> Child:
    return Child(
        id=name.lower(),
        first_name=name,
        last_name="",
        group=group,
        archived=archived,
        added_on=added_on,
    )


def day_with(child_id: str, day: date, *items: AbcItem, moment: Moment = "welcome") -> AbcDay:
    return AbcDay(child_id, day).with_items(moment, items)


def lookup_of(*entries: AbcDay) -> dict[tuple[str, date], AbcDay]:
    return {(entry.child_id, entry.day): entry for entry in entries}


def school_days_back(calendar: SchoolCalendar, today: date, count: int) -> list[date]:
    return [*calendar.school_days_before(today, count), today]


CLASS = [child(name) for name in ("Adam", "Bo", "Cas", "Dina", "Emma", "Finn")]


def busy_class_except(
    absent: set[str], days: list[date], items: int = 3
) -> dict[tuple[str, date], AbcDay]:
    usual: tuple[AbcItem, ...] = ("smile", "voice", "eye_contact", "touch")
    chosen = usual[:items]
    return lookup_of(
        *(day_with(c.id, d, *chosen) for c in CLASS if c.id not in absent for d in days)
    )


def test_a_child_with_nothing_for_three_school_days_is_flagged() -> None:
    calendar = SchoolCalendar()
    days = school_days_back(calendar, WEDNESDAY, 5)
    flags = invisible_children(CLASS, busy_class_except({"adam"}, days), calendar, WEDNESDAY)
    assert [(f.child.id, f.reason) for f in flags] == [("adam", "no_connection")]


def test_nobody_is_flagged_when_nothing_was_recorded_at_all() -> None:
    assert invisible_children(CLASS, {}, SchoolCalendar(), WEDNESDAY) == []


def test_weekends_do_not_count_as_days_without_connection() -> None:
    monday = date(2026, 11, 23)
    calendar = SchoolCalendar()
    # Adam got connection on Friday; Saturday and Sunday are no school days.
    friday = monday - timedelta(days=3)
    days = school_days_back(calendar, monday, 5)
    lookup = busy_class_except({"adam"}, days) | lookup_of(day_with("adam", friday, "smile"))
    flagged = {
        f.child.id
        for f in invisible_children(CLASS, lookup, calendar, monday)
        if f.reason == "no_connection"
    }
    assert "adam" not in flagged


def test_days_off_do_not_count_as_days_without_connection() -> None:
    # Monday and Tuesday are days off; Adam had a connection last Friday.
    days_off = frozenset({date(2026, 11, 23), date(2026, 11, 24)})
    calendar = SchoolCalendar(days_off)
    days = school_days_back(calendar, WEDNESDAY, 5)
    lookup = busy_class_except({"adam"}, days) | lookup_of(
        day_with("adam", date(2026, 11, 20), "voice")
    )
    without = {
        f.child.id
        for f in invisible_children(CLASS, lookup, calendar, WEDNESDAY)
        if f.reason == "no_connection"
    }
    assert "adam" not in without
    # Without those days off, the same data flags him.
    plain = SchoolCalendar()
    lookup_plain = busy_class_except({"adam"}, school_days_back(plain, WEDNESDAY, 5)) | lookup_of(
        day_with("adam", date(2026, 11, 20), "voice")
    )
    assert "adam" in {f.child.id for f in invisible_children(CLASS, lookup_plain, plain, WEDNESDAY)}


def test_a_child_added_today_is_not_flagged_for_days_before_she_arrived() -> None:
    calendar = SchoolCalendar()
    newcomer = child("Zoë", added_on=WEDNESDAY)
    days = school_days_back(calendar, WEDNESDAY, 5)
    flags = invisible_children(
        [*CLASS, newcomer], busy_class_except(set(), days), calendar, WEDNESDAY
    )
    assert "zoë" not in {f.child.id for f in flags}


def test_a_child_added_two_days_ago_is_judged_on_her_days_only() -> None:
    calendar = SchoolCalendar()
    newcomer = child("Zoë", added_on=date(2026, 11, 24))
    days = school_days_back(calendar, WEDNESDAY, 5)
    lookup = busy_class_except(set(), days)
    flags = invisible_children([*CLASS, newcomer], lookup, calendar, WEDNESDAY)
    assert [(f.child.id, f.days) for f in flags if f.child.id == "zoë"] == [("zoë", 2)]


def test_archived_children_are_left_out() -> None:
    calendar = SchoolCalendar()
    gone = child("Gust", archived=True)
    days = school_days_back(calendar, WEDNESDAY, 5)
    flags = invisible_children([*CLASS, gone], busy_class_except(set(), days), calendar, WEDNESDAY)
    assert "gust" not in {f.child.id for f in flags}


def test_the_fewest_connections_below_the_median_are_flagged() -> None:
    calendar = SchoolCalendar()
    days = school_days_back(calendar, WEDNESDAY, 5)
    lookup = busy_class_except({"bo"}, days) | lookup_of(
        *(day_with("bo", d, "smile") for d in days)
    )
    flags = invisible_children(CLASS, lookup, calendar, WEDNESDAY)
    assert [(f.child.id, f.reason, f.connections) for f in flags] == [("bo", "fewest", len(days))]


def test_an_even_class_has_no_fewest_flags() -> None:
    calendar = SchoolCalendar()
    days = school_days_back(calendar, WEDNESDAY, 5)
    assert invisible_children(CLASS, busy_class_except(set(), days), calendar, WEDNESDAY) == []


def test_week_ledger_counts_connections_per_day_and_per_item() -> None:
    monday = date(2026, 11, 23)
    lookup = lookup_of(
        day_with("adam", monday, "touch", "smile"),
        day_with("adam", monday + timedelta(days=1), "smile"),
        AbcDay("bo", monday)
        .with_items("welcome", ["voice"])
        .with_items("goodbye", ["voice", "smile"]),
    )
    calendar = SchoolCalendar(frozenset({monday + timedelta(days=4)}))
    ledger = week_ledger(CLASS[:2], lookup, calendar, WEDNESDAY)
    adam, bo = ledger.rows
    assert adam.per_day == (2, 1, 0, 0, None)  # Friday is a day off
    assert bo.per_day == (3, 0, 0, 0, None)
    assert adam.per_item == (1, 0, 0, 2, 0, 0, 0)
    assert bo.per_item == (0, 0, 0, 1, 2, 0, 0)
    assert ledger.item_totals == (1, 0, 0, 3, 2, 0, 0)
    assert bo.week_total == 3


def test_the_least_used_ingredient_of_a_week_is_the_first_of_the_fewest() -> None:
    monday = date(2026, 11, 23)
    calendar = SchoolCalendar()
    assert least_used_item(week_ledger(CLASS[:2], {}, calendar, WEDNESDAY)) is None
    every_item_but_touch = [item for item in ABC_ITEMS if item != "touch"]
    lookup = lookup_of(
        day_with("adam", monday, *ABC_ITEMS),
        day_with("bo", monday, *every_item_but_touch),
        day_with("bo", monday, *every_item_but_touch, moment="goodbye"),
    )
    ledger = week_ledger(CLASS[:2], lookup, calendar, WEDNESDAY)
    assert least_used_item(ledger) == ("touch", 1)
    # A tie goes to the deck's order: the first ingredient of those given least.
    tie = week_ledger(CLASS[:1], lookup_of(day_with("adam", monday, *ABC_ITEMS)), calendar, monday)
    assert least_used_item(tie) == (ABC_ITEMS[0], 1)


def test_week_ledger_leaves_days_before_a_child_arrived_empty() -> None:
    late = child("Zoë", added_on=WEDNESDAY)
    ledger = week_ledger([late], {}, SchoolCalendar(), WEDNESDAY)
    assert ledger.rows[0].per_day == (None, None, 0, 0, 0)


def test_start_of_year_tracker_lists_ingredients_had_since_september() -> None:
    entries = [day_with("adam", SEPTEMBER, "touch"), day_with("adam", date(2026, 9, 2), "smile")]
    rows = start_of_year_tracker(CLASS[:2], entries)
    assert rows[0].items_had == {"touch", "smile"} and rows[0].connected
    assert not rows[1].connected
    assert in_start_of_year(date(2026, 9, 15))
    assert not in_start_of_year(WEDNESDAY)


def test_child_history_sums_weeks_and_skips_holiday_weeks() -> None:
    autumn = frozenset(date(2026, 11, 2) + timedelta(days=n) for n in range(5))
    entries = [
        day_with("adam", date(2026, 9, 1), "touch", "smile"),
        day_with("adam", date(2026, 9, 3), "smile"),
    ]
    weeks = child_history(entries, SchoolCalendar(autumn), 2026, WEDNESDAY)
    assert weeks[0].monday == date(2026, 8, 31)
    assert weeks[0].per_item == (1, 0, 0, 2, 0, 0, 0)
    assert weeks[0].school_days == 4  # 1 to 4 September
    assert date(2026, 11, 2) not in {week.monday for week in weeks}
    assert weeks[-1].monday == date(2026, 11, 23)


def test_summary_suggests_the_least_given_ingredient() -> None:
    calendar = SchoolCalendar()
    days = school_days_back(calendar, WEDNESDAY, 5)
    lookup = busy_class_except({"bo"}, days, items=4) | lookup_of(
        *(
            day_with(
                "bo", d, "touch", "turn_taking", "closeness", "voice", "sharing_joy", "eye_contact"
            )
            for d in days[:1]
        )
    )
    assert least_given_item("bo", lookup, days) == "smile"
    summary = summarise_today(CLASS, lookup, calendar, WEDNESDAY)
    assert "bo" in summary.suggestions
    assert {c.id for c in summary.waiting} == {"bo"}
    assert summary.totals["adam"] == 4


def test_nobody_is_flagged_on_the_first_days_of_september() -> None:
    calendar = SchoolCalendar()
    second = date(2026, 9, 2)
    lookup = lookup_of(*(day_with(c.id, second, "smile") for c in CLASS if c.id != "adam"))
    flags = invisible_children(CLASS, lookup, calendar, second)
    # Adam had two days without a tick, not four: June's archived days do not count.
    assert [(f.child.id, f.days) for f in flags if f.reason == "no_connection"] == [("adam", 2)]


def test_rarely_given_names_the_ingredients_far_below_her_average_fewest_first() -> None:
    # 28 ticks: 4 per ingredient on average; below 2 is rare.
    per_item = (1, 6, 6, 0, 6, 1, 8)
    assert rarely_given(per_item) == [("smile", 0), ("touch", 1), ("sharing_joy", 1)]
    assert rarely_given((4, 4, 4, 4, 4, 4, 4)) == []  # every ingredient comes back
    assert rarely_given((0,) * len(ABC_ITEMS)) == []  # nothing given yet: nothing to say
    assert rarely_given((0, 0, 0, 0, 0, 0, 1)) == [(item, 0) for item in ABC_ITEMS[:6]]


@given(
    st.fixed_dictionaries({moment: st.frozensets(st.sampled_from(ABC_ITEMS)) for moment in MOMENTS})
)
def test_a_days_counts_per_ingredient_add_up_to_its_total(
    marks: dict[Moment, frozenset[AbcItem]],
) -> None:
    day = AbcDay("c1", WEDNESDAY, marks)
    counts = day.item_counts()
    assert counts == tuple(
        sum(1 for moment in MOMENTS if item in marks[moment]) for item in ABC_ITEMS
    )
    assert sum(counts) == day.total == sum(len(items) for items in marks.values())
