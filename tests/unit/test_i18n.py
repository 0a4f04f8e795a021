"""Choosing the language and writing dates and counts in it."""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.i18n import (
    catalog,
    children_count,
    day_header,
    language_from_environment,
    long_date,
    os_error_text,
    t,
)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "nl"}, "nl"),  # LANGUAGE comes first, as in GNU
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, "en"),  # LC_ALL overrides
        ({"LANGUAGE": "", "LANG": "nl_BE.UTF-8"}, "nl"),  # an empty variable is not set
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


def test_an_os_error_reads_in_the_chosen_language(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        (tmp_path / "nergens.csv").read_bytes()
    assert os_error_text(missing.value, "nl") == "dat bestand of die map bestaat niet"
    assert os_error_text(missing.value, "en") == "that file or folder does not exist"
    with pytest.raises(OSError) as folder:
        tmp_path.joinpath("x" * 5000).read_bytes()
    assert os_error_text(folder.value, "nl") == t("os_error.too_long", "nl")


@given(st.sampled_from(sorted(errno.errorcode)) | st.integers(-5, 100_000) | st.none())
def test_every_errno_gives_a_sentence_in_both_languages_never_the_c_library_text(
    code: int | None,
) -> None:
    error = OSError(code, os.strerror(code) if code is not None and code > 0 else "Unknown error")
    for lang in ("nl", "en"):
        text = os_error_text(error, lang)
        assert text and "os_error." not in text
    dutch = os_error_text(error, "nl")
    assert error.strerror is None or error.strerror not in dutch


# Strings whose {count} stands alone, with no noun that would take a plural.
NUMBER_ONLY = {
    "home.and_more",  # " en nog 3"
    "home.more_in_ledger",  # "+ nog 3 in het weekoverzicht"
    "home.connected_single",  # a class of one child
    "ledger.least_used",  # "(3×)"
    "ledger.least_used_past",
    "settings.backup_count",  # "nu 3"
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_counted_string_has_a_singular(lang: str) -> None:
    strings = catalog(lang)
    counted = {key for key, text in strings.items() if "{count}" in text}
    plain = {key for key in counted if not key.endswith("_one")}
    missing = {key for key in plain if f"{key}_one" not in strings} - NUMBER_ONLY
    assert missing == set()
    # And t() uses it: in Dutch a count of 1 never reads as 2 with the digit changed
    # (English often has one form for both: "1 of 24 children got", "at risk").
    for key in plain - NUMBER_ONLY if lang == "nl" else ():
        params = dict.fromkeys(re.findall(r"\{(\w+)\}", strings[key]), "x")
        one, two = t(key, lang, **{**params, "count": 1}), t(key, lang, **{**params, "count": 2})
        assert one != two.replace("2", "1"), key


def test_the_singular_is_chosen_by_count() -> None:
    assert t("common.ticks", "nl", count=1) == "1 vinkje"
    assert t("common.ticks", "nl", count=0) == "0 vinkjes"
    assert t("common.school_days", "en", count=1) == "1 school day"
    assert t("common.weeks", "nl", count=13) == "13 weken"


def test_what_the_os_said_about_a_data_file_is_told_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    from companion.store import DataFileError, Store
    from companion.store.staging import create_whole

    folder = tmp_path / "klas.json"
    folder.mkdir()
    with pytest.raises(DataFileError) as unreadable:
        Store.open(folder, today=date(2026, 11, 25))
    assert t("os_error.is_folder", "nl") in unreadable.value.message("nl")
    assert t("os_error.is_folder", "en") in unreadable.value.message("en")

    not_a_folder = tmp_path / "lijst.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(DataFileError) as unwritable:
        create_whole(not_a_folder / "demo.json", lambda path: path)
    message = unwritable.value.message("nl")
    assert t("os_error.not_folder", "nl") in message or t("os_error.exists", "nl") in message
    assert "Not a directory" not in message and "File exists" not in message
