"""School calendar rules and the child record's validation and ordering."""

from __future__ import annotations

from datetime import date

import pytest

from companion.domain.abc import AbcDay, moment_for_time
from companion.domain.calendar import (
    SchoolCalendar,
    flemish_holidays,
    school_year_bounds,
    school_year_of,
)
from companion.domain.children import (
    Child,
    ChildValidationError,
    children_named,
    matches,
    sort_key_first_name,
    sort_key_last_name,
    validate_child,
)
from companion.domain.dates import ImpossibleDate, NotADate, parse_date

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 9, 1), 2026),
        (date(2027, 6, 30), 2026),
        (date(2026, 8, 31), 2026),
        (date(2026, 6, 30), 2025),
    ],
)
def test_school_year_of(day: date, year: int) -> None:
    assert school_year_of(day) == year


def test_school_days_are_weekdays_between_september_and_june() -> None:
    calendar = SchoolCalendar(frozenset({date(2026, 11, 11)}))
    assert calendar.is_school_day(date(2026, 9, 1))
    assert not calendar.is_school_day(date(2026, 8, 31))  # a Monday in August
    assert not calendar.is_school_day(date(2026, 11, 28))  # Saturday
    assert not calendar.is_school_day(date(2026, 11, 11))  # marked off
    assert not calendar.is_school_day(date(2027, 7, 1))
    assert calendar.next_school_day(date(2026, 11, 27)) == date(2026, 11, 30)
    assert calendar.next_school_day(date(2026, 11, 30), -1) == date(2026, 11, 27)
    assert school_year_bounds(2026) == (date(2026, 9, 1), date(2027, 6, 30))


def _by_key(year: int) -> dict[str, tuple[date, date]]:
    return {h.key: (h.first, h.last) for h in flemish_holidays(year)}


def test_flemish_holidays_2025_2026_match_the_published_calendar() -> None:
    holidays = _by_key(2025)
    assert holidays["autumn"] == (date(2025, 10, 27), date(2025, 11, 2))
    assert holidays["christmas"] == (date(2025, 12, 22), date(2026, 1, 4))
    assert holidays["spring"] == (date(2026, 2, 16), date(2026, 2, 22))
    assert holidays["easter"] == (date(2026, 4, 6), date(2026, 4, 19))
    assert holidays["whit_monday"][0] == date(2026, 5, 25)
    assert holidays["ascension"] == (date(2026, 5, 14), date(2026, 5, 15))


def test_flemish_holidays_2024_2025_easter_after_mid_april() -> None:
    holidays = _by_key(2024)
    assert holidays["easter"][0] == date(2025, 4, 7)
    assert holidays["spring"][0] == date(2025, 3, 3)


def test_holiday_weekdays_skip_weekends() -> None:
    autumn = next(h for h in flemish_holidays(2025) if h.key == "autumn")
    assert len(autumn.weekdays()) == 5


def test_flemish_holidays_2026_2027_all_saints_on_a_sunday() -> None:
    holidays = _by_key(2026)
    assert holidays["autumn"] == (date(2026, 11, 2), date(2026, 11, 8))
    assert holidays["christmas"] == (date(2026, 12, 21), date(2027, 1, 3))
    assert holidays["spring"] == (date(2027, 2, 8), date(2027, 2, 14))
    assert holidays["easter"] == (date(2027, 3, 29), date(2027, 4, 11))


@pytest.mark.parametrize(
    "text", ["14/03/2021", "14-03-2021", "14.03.2021", "2021-03-14", " 14/3/2021 "]
)
def test_parse_date_accepts_the_usual_forms(text: str) -> None:
    assert parse_date(text) == date(2021, 3, 14)


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("31/02/2021", ImpossibleDate),
        ("2021/03/14", NotADate),
        ("14 maart 2021", NotADate),
        ("", NotADate),
        ("03/14", NotADate),
    ],
)
def test_parse_date_refuses_others_with_a_typed_error(text: str, refusal: type[ValueError]) -> None:
    with pytest.raises(refusal):
        parse_date(text)


def test_validate_child_cleans_names() -> None:
    draft = validate_child(first_name="  Zoe\u0308 ", last_name="Van  den Broeck", today=TODAY)
    assert draft.first_name == "Zoë" and draft.last_name == "Van den Broeck"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"first_name": ""}, ("first_name", "name_required")),
        ({"first_name": "   "}, ("first_name", "name_required")),
        ({"first_name": "x" * 10_000}, ("first_name", "name_too_long")),
        ({"first_name": "Zo\x07ë"}, ("first_name", "name_control_characters")),
        ({"birth_date": "01/01/2030"}, ("birth_date", "birth_date_future")),
        ({"birth_date": "01/01/1900"}, ("birth_date", "birth_date_too_old")),
        ({"birth_date": "31/02/2021"}, ("birth_date", "date_impossible")),
        ({"birth_date": "14 maart 2021"}, ("birth_date", "birth_date_format")),
        ({"group": "naughty"}, ("group", "group_unknown")),
        ({"note": "x" * 3000}, ("note", "note_too_long")),
    ],
)
def test_validate_child_names_each_problem(
    fields: dict[str, str], problem: tuple[str, str]
) -> None:
    values = {"first_name": "Adam", "last_name": "Peeters"} | fields
    with pytest.raises(ChildValidationError) as caught:
        validate_child(**values, today=TODAY)  # type: ignore[arg-type]
    assert caught.value.problems == dict([problem])


def test_an_archived_childs_old_birth_date_is_judged_against_when_they_were_in_class() -> None:
    draft = validate_child(
        first_name="Gust",
        last_name="",
        birth_date="01/02/2013",
        today=TODAY,
        in_class_since=date(2017, 9, 1),
    )
    assert draft.birth_date == date(2013, 2, 1)


def _child(first: str, last: str) -> Child:
    return Child(id=first + last, first_name=first, last_name=last, added_on=TODAY)


def test_sorting_is_accent_blind_and_by_last_name_keeps_particles() -> None:
    children = [
        _child("Zoë", "Maes"),
        _child("Zoe", "Claes"),
        _child("Émile", "Van den Broeck"),
        _child("Adam", "D'hondt"),
    ]
    assert [c.first_name for c in sorted(children, key=sort_key_first_name)] == [
        "Adam",
        "Émile",
        "Zoe",
        "Zoë",
    ]
    assert [c.last_name for c in sorted(children, key=sort_key_last_name)] == [
        "Claes",
        "D'hondt",
        "Maes",
        "Van den Broeck",
    ]


def test_find_by_name_ignores_accents_case_and_apostrophes() -> None:
    assert matches(_child("Zoë", "D'hondt"), "zoe")
    assert matches(_child("Zoë", "D'hondt"), "hondt")
    assert matches(_child("Zoë", "D'hondt"), "dhondt")
    assert matches(_child("Jérôme", "Van den Broeck"), "jer broe")
    assert not matches(_child("Jérôme", "Van den Broeck"), "adam")
    assert matches(_child("Yılmaz", "Öztürk"), "yilmaz")


def test_abc_day_toggles_and_counts() -> None:
    entry = (
        AbcDay("adam", TODAY)
        .toggled("welcome", "touch")
        .toggled("goodbye", "touch")
        .toggled("day", "smile")
    )
    assert entry.total == 3 and entry.count_of("touch") == 2
    assert entry.toggled("welcome", "touch").total == 2
    # A word from outside the vocabulary (only data that skipped the codec could hold one)
    # is refused at run time too.
    with pytest.raises(ValueError):
        entry.toggled("lunch", "touch")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        entry.toggled("welcome", "hug")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hour", "moment"), [(8, "welcome"), (9, "welcome"), (10, "day"), (14, "day"), (15, "goodbye")]
)
def test_moment_from_the_clock(hour: int, moment: str) -> None:
    assert moment_for_time(hour) == moment


def test_the_window_never_reaches_back_into_the_previous_school_year() -> None:
    calendar = SchoolCalendar()
    assert calendar.school_days_before(date(2026, 9, 2), 5) == [date(2026, 9, 1)]
    assert calendar.school_days_before(date(2026, 9, 1), 5) == []


def test_first_school_day_skips_a_weekend_and_days_off() -> None:
    assert SchoolCalendar().first_school_day(2024) == date(2024, 9, 2)  # 1 Sep 2024: Sunday
    assert SchoolCalendar(frozenset({date(2026, 9, 1)})).first_school_day(2026) == date(2026, 9, 2)


def test_easter_monday_is_offered_when_the_break_ends_before_it() -> None:
    holidays = _by_key(2024)  # Easter 20 April 2025: the break is 7-20 April
    assert holidays["easter_monday"] == (date(2025, 4, 21), date(2025, 4, 21))
    assert "easter_monday" not in _by_key(2025)  # Easter 5 April 2026: inside the break


def test_a_single_day_inside_a_break_is_not_offered_twice() -> None:
    assert "armistice" not in _by_key(2025) or _by_key(2025)["autumn"][1] < date(2025, 11, 11)
    assert "labour_day" not in _by_key(2026)  # 1 May 2027 is a Saturday


def test_a_typed_name_means_the_child_exactly_or_by_type_to_find() -> None:
    joined = date(2026, 9, 1)
    zoe = Child("1", "Zoë", "Peeters", added_on=joined)
    zoe_b = Child("2", "Zoe", "Bakker", added_on=joined)
    andy = Child("3", "Andy", "Maes", added_on=joined)
    klass = [zoe, zoe_b, andy]
    assert children_named(klass, "ZOE") == [zoe, zoe_b]
    assert children_named(klass, "zoë peeters") == [zoe]
    assert children_named(klass, "an") == [andy]
    assert children_named(klass, "Bram") == [] and children_named(klass, "  ") == []
