"""The stored vocabulary: one source (Literal types), so a typo in a key fails mypy."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mypy import api

from companion.domain.vocabulary import (
    ABC_ITEMS,
    CHILD_GROUPS,
    MOMENTS,
    RELATIONAL_NEEDS,
    STRESS_DOMAINS,
    is_child_group,
)


def test_the_words_are_the_stored_ones_in_the_decks_order() -> None:
    # These words are in every data file and export: renaming one is a migration.
    assert ABC_ITEMS == (
        "touch",
        "turn_taking",
        "closeness",
        "smile",
        "voice",
        "sharing_joy",
        "eye_contact",
    )
    assert MOMENTS == ("welcome", "day", "goodbye")
    assert CHILD_GROUPS == ("all", "invisible", "hard_to_manage")
    assert RELATIONAL_NEEDS == ("affection", "help", "listening_ear")
    assert STRESS_DOMAINS == ("biological", "emotional", "cognitive", "social", "prosocial")


def test_a_group_from_a_form_or_a_class_list_is_known_only_in_the_vocabulary() -> None:
    assert all(is_child_group(group) for group in CHILD_GROUPS)
    assert not any(is_child_group(word) for word in ("", "Invisible", "invisble", "all "))


SNIPPET = """\
from datetime import date

from companion.content import group_name, moment_name
from companion.domain.abc import AbcDay
from companion.domain.children import Child

entry = AbcDay("c1", date(2026, 11, 25))
entry.toggled("welcome", "smile")
entry.toggled("welcome", "smiel")  # typo
entry.toggled("goodby", "smile")  # typo
moment_name("day")
moment_name("dag")  # typo
group_name("invisible")
Child("c1", "Adam", "C", group="invisble", added_on=date(2026, 9, 1))  # typo
"""


def test_a_typo_in_a_vocabulary_word_fails_the_type_check(tmp_path: Path) -> None:
    snippet = tmp_path / "lookups.py"
    snippet.write_text(SNIPPET, encoding="utf-8")
    typos = {
        number for number, line in enumerate(SNIPPET.splitlines(), start=1) if "# typo" in line
    }
    out, err, _ = api.run(
        [str(snippet), "--strict", "--config-file=", "--no-incremental", "--cache-dir", os.devnull]
    )
    flagged = {int(number) for number in re.findall(r"lookups\.py:(\d+): error", out)}
    assert flagged == typos, out + err
