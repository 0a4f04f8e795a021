"""The journal's rules: tags, search (accent-blind, AND, NOT, multi-word tags), days the
Belgian way with whole-day ranges, and what she writes checked field by field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.dates import ImpossibleDate, NotADate
from companion.domain.journal import (
    MAX_TEXT,
    JournalEntry,
    JournalInputError,
    Query,
    SearchIndex,
    checked_entry,
    day_range,
    fold,
    parse_query,
    search,
    tag_counts,
    tags_in,
)

TODAY = date(2026, 11, 25)
ZOE, ANDY = "zoe-id", "andy-id"
NAMES = {ZOE: "Zoë Peeters", ANDY: "Andy Maes"}


def entry(id: str, text: str = "", **fields: object) -> JournalEntry:
    base: dict[str, object] = {
        "kind": "reflection",
        "written_at": datetime(2026, 11, 20, 16, 30),
        "title": f"Entry {id}",
    }
    base.update(fields)
    return JournalEntry(id, text=text, **base)  # type: ignore[arg-type]


def found(entries: list[JournalEntry], query: str | Query) -> list[str]:
    q = parse_query(query) if isinstance(query, str) else query
    return [e.id for e in search(entries, q, NAMES)]


def test_tags_in_the_text_and_picked_ones_count_once_case_and_accents_aside() -> None:
    e = entry(
        "1",
        "Vandaag @boos in de kring, later @Boos en @rust-moment. mail@school.be",
        tags=("Kikkertje rust", "boos"),
    )
    assert tags_in(e.text) == ["boos", "Boos", "rust-moment"]
    assert e.all_tags() == ["Kikkertje rust", "boos", "rust-moment"]


def test_search_is_case_and_accent_blind_and_finds_a_child_by_name() -> None:
    entries = [
        entry("1", "Zoë huilde bij het afscheid"),
        entry("2", "Kring", children=frozenset({ZOE})),
    ]
    assert set(found(entries, "zoe")) == {"1", "2"}
    assert set(found(entries, "ZOË")) == {"1", "2"}
    assert found(entries, "huilde zoe") == ["1"]


def test_several_words_and_tags_combine_with_and_and_a_not_leaves_out() -> None:
    entries = [
        entry("1", "boos in de kring @andy @kring"),
        entry("2", "boos op de speelplaats @andy"),
        entry("3", "rustig in de kring @kring"),
    ]
    assert found(entries, "@andy @kring") == ["1"]
    assert sorted(found(entries, "boos -@kring")) == ["2"]
    assert sorted(found(entries, "kring NOT boos")) == ["3"]
    assert sorted(found(entries, "niet boos")) == ["3"]
    assert sorted(found(entries, '"in de kring"')) == ["1", "3"]


def test_a_multi_word_tag_is_found_whole() -> None:
    entries = [entry("1", tags=("kikkertje rust",)), entry("2", "@kikkertje en rust")]
    assert found(entries, '@"Kikkertje  Rust"') == ["1"]
    assert found(entries, "@kikkertje") == ["2"]


def test_kinds_children_starred_and_days_filter_and_the_newest_come_first() -> None:
    entries = [
        entry("old", written_at=datetime(2026, 11, 2, 8, 0), kind="prompt"),
        entry("evening", written_at=datetime(2026, 11, 25, 23, 59), starred=True),
        entry("linked", written_at=datetime(2026, 11, 24, 9, 0), children=frozenset({ANDY})),
    ]
    first, last = day_range("24/11/2026", "vandaag", TODAY)
    assert found(entries, Query(first=first, last=last)) == ["evening", "linked"]
    assert found(entries, Query(kinds=frozenset({"prompt"}))) == ["old"]
    assert found(entries, Query(children=frozenset({ANDY}))) == ["linked"]
    assert found(entries, Query(starred=True)) == ["evening"]
    assert found(entries, Query()) == ["evening", "linked", "old"]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("25/11/2026", date(2026, 11, 25)),
        ("3.2.2027", date(2027, 2, 3)),
        ("03-02-2027", date(2027, 2, 3)),
        ("2027-02-03", date(2027, 2, 3)),
        ("today", TODAY),
        ("Gisteren", date(2026, 11, 24)),
    ],
)
def test_days_are_read_the_belgian_way(written: str, day: date) -> None:
    assert day_range(written, None, TODAY) == (day, None)


def test_a_day_that_is_not_one_is_refused() -> None:
    with pytest.raises(NotADate):
        day_range("next monday", None, TODAY)
    with pytest.raises(ImpossibleDate):
        day_range(None, "31/02/2027", TODAY)


def test_tag_counts_show_the_most_used_first() -> None:
    entries = [entry("1", "@boos @kring"), entry("2", "@Boos"), entry("3", tags=("rust",))]
    assert tag_counts(entries) == [("boos", 2), ("kring", 1), ("rust", 1)]


def test_an_entry_without_a_title_takes_its_first_line_and_tags_are_tidied() -> None:
    kept = checked_entry(
        entry(
            "1", "\n  Andy was boos  \nen toen", title="", tags=("@ rust  moment", "Rust Moment")
        ),
        (),
    )
    assert kept.title == "Andy was boos"
    assert kept.tags == ("rust moment",)


@pytest.mark.parametrize(
    ("fields", "field_name", "reason"),
    [
        ({"title": "", "text": "   "}, "title", "empty"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text", "too_long"),
        ({"text": "boos\x1b[31m"}, "text", "control_characters"),
        ({"title": "twee\nregels"}, "title", "control_characters"),
        ({"tags": ("a\x00",)}, "tags", "control_characters"),
        ({"children": frozenset({"nobody"})}, "children", "unknown_child"),
    ],
)
def test_what_cannot_be_kept_is_refused_naming_the_field(
    fields: dict[str, object], field_name: str, reason: str
) -> None:
    with pytest.raises(JournalInputError) as refused:
        checked_entry(entry("1", **fields), {ZOE})  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.reason) == (field_name, reason)


def test_huge_text_emoji_and_right_to_left_text_are_kept_as_written() -> None:
    text = ("Juf 👩‍🏫 en Zoë ❤️ سلام \u200fטקסט\n" * 3000)[:MAX_TEXT]
    kept = checked_entry(entry("1", text), ())
    assert kept.text == text.strip()
    assert found([kept], "سلام") == ["1"]


@given(st.text(max_size=40), st.text(max_size=40))
def test_any_query_is_read_and_an_entry_holding_its_words_is_found(text: str, typed: str) -> None:
    query = parse_query(typed)
    holding = entry("1", f"{text}\n" + " ".join(query.words))
    if not query.without_words and not query.tags and not query.without_tags:
        assert search([holding], query) == [holding]
    elif query.without_words and not query.words and not query.tags:
        empty = entry("2", "", title="")
        assert search([empty], query) == [empty]


@given(st.text())
def test_fold_is_idempotent_and_blind_to_case(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()


WORDS = st.sampled_from(
    ["Zoë", "kring", "boos", "@boos", "rust", "in de", "ZOE", "-kring", "NOT", "@rust"]
)


@given(
    st.lists(st.lists(WORDS, max_size=6).map(" ".join), min_size=1, max_size=8),
    st.lists(WORDS, max_size=4).map(" ".join),
)
def test_the_index_finds_what_a_full_scan_finds(texts: list[str], typed: str) -> None:
    entries = [
        entry(str(n), text, title="", written_at=datetime(2026, 11, 1 + n % 3, 9))
        for n, text in enumerate(texts)
    ]
    index = SearchIndex(entries, NAMES)
    query = parse_query(typed)
    assert index.search(query) == search(entries, query, NAMES)
    assert index.search(query, limit=2) == search(entries, query, NAMES)[:2]
    index.remove("0")
    index.add(replace(entries[0], text="kring boos"))
    changed = [replace(entries[0], text="kring boos"), *entries[1:]]
    assert index.search(query) == search(changed, query, NAMES)
