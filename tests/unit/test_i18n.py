"""Choosing the language and writing dates and counts in it."""

from __future__ import annotations

from datetime import date

import pytest

from companion.i18n import children_count, day_header, language_from_environment, long_date, t


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "nl"}, "nl"),  # LANGUAGE comes first, as in GNU
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, "en"),
    ],
)
def test_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert language_from_environment() == expected


def test_dates_and_counts_in_both_languages() -> None:
    day = date(2026, 11, 25)
    assert long_date(day, "nl") == "woensdag 25 november 2026"
    assert long_date(day, "en") == "Wednesday 25 November 2026"
    assert day_header(day, "nl") == "wo 25"
    assert children_count(1, "nl") == "1 kind"
    assert children_count(24, "nl") == "24 kinderen"
    assert children_count(1, "en") == "1 child"


def test_a_missing_key_shows_itself() -> None:
    assert t("no.such.key", "nl") == "no.such.key"
