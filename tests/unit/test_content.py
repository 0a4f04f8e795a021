"""The shipped teaching content is complete in both languages."""

from __future__ import annotations

import re

import pytest

from companion.content import abc_items, group_name, learn_more, learn_more_sections, moment_name
from companion.domain.vocabulary import ABC_ITEMS, CHILD_GROUPS, MOMENTS
from companion.i18n import LANGUAGES, catalog


def test_the_seven_ingredients_in_the_decks_order_with_dutch_terms() -> None:
    items = abc_items()
    assert tuple(item.key for item in items) == ABC_ITEMS
    assert [item.name("nl") for item in items] == [
        "Aanraken",
        "Beurtnemen",
        "Fysieke nabijheid",
        "Glimlach",
        "Stemgebruik",
        "Vreugde delen",
        "Oogcontact",
    ]
    assert [item.number for item in items] == list(range(1, 8))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_exists_and_short_headers_fit_the_grid(lang: str) -> None:
    for item in abc_items():
        assert item.name(lang) and item.hint(lang)
        assert 0 < len(item.short(lang)) <= 6
    assert all(moment_name(moment, lang) for moment in MOMENTS)
    assert all(group_name(group, lang) for group in CHILD_GROUPS)


# The deck's term, and one faithful English rendering; nothing shorter or looser.
ONE_TERM = {
    "nl": (r"moeilijk\s+hanteerbaar", "moeilijk hanteerbaar gedrag"),
    "en": (r"hard[- ]to[- ]manage", "hard-to-manage behaviour"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hard_to_manage_behaviour_has_one_name_in_every_text(lang: str) -> None:
    pattern, term = ONE_TERM[lang]
    texts = dict(catalog(lang))
    texts |= {f"group.{group}": group_name(group, lang) for group in CHILD_GROUPS}
    texts["learn_more"] = learn_more(lang)
    texts |= {f"item.{item.key}": item.hint(lang) for item in abc_items()}
    loose = {
        key: text
        for key, text in texts.items()
        for found in re.finditer(pattern, text, flags=re.IGNORECASE)
        if text[found.start() : found.start() + len(term)].lower() != term
    }
    assert loose == {}
    assert group_name("hard_to_manage", lang).lower() == term
    if lang == "nl":
        assert not any("moeilijk gedrag" in text.lower() for text in texts.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_learn_more_has_the_same_sections_in_both_languages(lang: str) -> None:
    sections = learn_more_sections(lang)
    assert len(sections) == len(learn_more_sections("en")) >= 10
    assert all(section.title and section.markdown for section in sections)
    assert sections[0].markdown.startswith("# ")
    assert all(section.markdown.startswith("## ") for section in sections[1:])
    text = "\n".join(section.markdown for section in sections)
    assert "10.1007/s10802-014-9892-7" in text  # the Samen-Spel research, as the deck cites it
    assert "http" not in text, "offline: references are names, never links"
