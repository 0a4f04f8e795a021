"""One rule for a usable day: any day at all is either refused with the sentence, or the
store opens on it and everything the screens compute from it works."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from companion.clock import (
    FIRST_USABLE_DAY,
    LAST_USABLE_DAY,
    UnusableDay,
    clock_from_environment,
    usable_day,
)
from companion.domain.calendar import flemish_holidays, school_year_bounds
from companion.domain.children import ChildDraft
from companion.domain.coverage import (
    RANKING_DAYS,
    child_history,
    in_start_of_year,
    start_of_year_tracker,
    summarise_today,
    week_ledger,
    window_days,
)
from companion.domain.dates import monday_of
from companion.i18n import LANGUAGES, long_date, short_date, t
from companion.store import Store


def _sentence(given: str, lang: str = "en") -> str:
    first, last = FIRST_USABLE_DAY.isoformat(), LAST_USABLE_DAY.isoformat()
    return t("day.frozen_unusable", lang, given=given, first=first, last=last)


def _screens_compute(today: date) -> None:
    """What the home, ABC, ledger, history, start-of-year and calendar screens compute
    from `today`, on a real store opened on that day."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "companion.json", today=today) as store,
    ):
        children = store.children.add_many([ChildDraft("Zoë", "D'hondt"), ChildDraft("Lotte", "")])
        for holiday in flemish_holidays(store.current_year):
            store.days_off.add(holiday.weekdays(), holiday.key)
        calendar = store.days_off.calendar()
        if calendar.is_school_day(today):
            store.abc.save(store.abc.day(children[0].id, today).toggled("welcome", "smile"))
        days = [*window_days(calendar, today, RANKING_DAYS), today]
        lookup = store.abc.days(days)
        summarise_today(children, lookup, calendar, today)
        week = [monday_of(today) + timedelta(days=n) for n in range(5)]
        week_ledger(children, store.abc.days(week), calendar, today)
        first = calendar.first_school_day(store.current_year)
        calendar.next_school_day(today)
        calendar.next_school_day(today, -1)
        in_start_of_year(today)
        start_of_year_tracker(children, store.abc.of_year(store.current_year))
        for year in store.school_years.all():
            child_history(store.abc.history(children[0].id, year), calendar, year, today)
        school_year_bounds(store.current_year)
        for lang in LANGUAGES:
            long_date(today, lang)
            short_date(first, lang)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dates(min_value=date.min, max_value=date.max))
@example(date.min)
@example(date.max)
@example(FIRST_USABLE_DAY)
@example(LAST_USABLE_DAY)
@example(FIRST_USABLE_DAY - timedelta(days=1))
@example(LAST_USABLE_DAY + timedelta(days=1))
def test_any_day_is_refused_with_the_sentence_or_works(day: date) -> None:
    given_text = day.isoformat()
    try:
        clock = clock_from_environment({"COMPANION_TODAY": given_text})
    except UnusableDay as refused:
        assert not FIRST_USABLE_DAY <= day <= LAST_USABLE_DAY
        assert str(refused) == _sentence(given_text)
        assert refused.message("nl") == _sentence(given_text, "nl")
        return
    assert clock().date() == day
    _screens_compute(day)


@pytest.mark.parametrize("text", ["25/11/2026", "morgen", "2026-13-01", "10000-01-01", "0000"])
def test_a_value_that_is_no_day_gets_the_same_sentence(text: str) -> None:
    with pytest.raises(UnusableDay) as refused:
        clock_from_environment({"COMPANION_TODAY": text})
    assert str(refused.value) == _sentence(text)


def test_a_date_time_keeps_its_time_and_a_date_gets_the_time_of_now() -> None:
    assert clock_from_environment({"COMPANION_TODAY": "2026-11-25T09:30"})() == datetime(
        2026, 11, 25, 9, 30
    )
    assert clock_from_environment({"COMPANION_TODAY": " 2026-11-25 "})().date() == date(
        2026, 11, 25
    )


def test_the_computer_clock_goes_through_the_same_rule() -> None:
    assert usable_day(date(2026, 11, 25)) == date(2026, 11, 25)
    with pytest.raises(UnusableDay) as refused:
        usable_day(date(3000, 1, 1))
    assert "3000-01-01" in str(refused.value)
    assert not refused.value.frozen
