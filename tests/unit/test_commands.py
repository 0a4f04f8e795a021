"""The palette's declared list: every action of every screen is in it, and every word
it lists (titles and synonyms, both languages) finds its command; Textual's own commands
and the child finder read the same words."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest
from textual.command import Provider

import companion.commands
import companion.screens
from companion.app import CompanionApp
from companion.commands.base import CatalogProvider, CompanionProvider
from companion.commands.catalog import (
    ACTIONS,
    ANYWHERE,
    PLACES,
    Command,
    match_score,
    place_of,
    words,
)
from companion.commands.children import (
    CHILD_PLACES,
    NAME_BEGINNING_SCORE,
    WHOLE_NAME_SCORE,
    child_score,
)
from companion.commands.registry import PROVIDERS
from companion.commands.system import all_system_entries, system_entry
from companion.domain.children import Child, short_names
from companion.i18n import LANGUAGES, catalog
from companion.screens import places
from companion.screens.base import CompanionScreen

# Bindings that are no action of their own: going back or closing, moving from field to
# field (the needs profile names tab and the arrows in its help), and the home screen's
# keys to the places (offered as places).
NOT_COMMANDS = {"back", "cancel", "app.quit", "app.focus_next", "app.focus_previous"}
# The first-start choices are the palette's "import a class list", "add a new child"
# and "look at a demo class", which work from anywhere, not only on that screen.
WELCOME = {("welcome", f"choose('{choice}')") for choice in ("import", "add", "demo")}

ALL_COMMANDS = (*PLACES, *ACTIONS)


def _screen_classes() -> list[type[CompanionScreen]]:
    # Every module, in the packages too (they import their screens only when used).
    for module in pkgutil.walk_packages(companion.screens.__path__, "companion.screens."):
        importlib.import_module(module.name)
    return list(CompanionScreen.__subclasses__())


def _declared() -> set[tuple[str, str]]:
    return {(command.place, command.action) for command in ACTIONS}


def test_every_action_of_every_screen_is_in_the_palette() -> None:
    missing = []
    for screen in _screen_classes():
        place = places.place_of_class(screen)
        for binding in screen.BINDINGS:
            action = binding[1] if isinstance(binding, tuple) else binding.action
            if action in NOT_COMMANDS or action.startswith("app.open("):
                continue
            # An app action bound on a screen too (or a screen's key for one) is the app's.
            where = ANYWHERE if action.startswith("app.") else place
            name = action.removeprefix("app.")
            if not {(where, name), (ANYWHERE, name)} & (_declared() | WELCOME):
                missing.append((screen.__name__, action))
    assert missing == []


def test_every_place_of_the_home_screen_and_every_app_key_is_in_the_palette() -> None:
    assert [place.name for place in places.PLACES] == [command.place for command in PLACES]
    assert {("app", "help"), ("app", "curtain")} <= _declared()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_has_a_title_a_help_and_synonyms(lang: str) -> None:
    strings = catalog(lang)
    for command in ALL_COMMANDS:
        for key in (command.title, command.help, command.synonyms):
            assert strings.get(key), (lang, key)


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: c.synonyms)
def test_each_word_listed_for_a_command_finds_it_in_either_language(command: Command) -> None:
    for lang in LANGUAGES:
        for word in words(command):
            assert match_score(word, command, lang) > 0, word
            assert match_score(word.upper(), command, lang) > 0, word


def test_accents_case_and_word_beginnings_are_enough() -> None:
    [import_list] = [c for c in ACTIONS if c.action == "import"]
    for typed in ("IMPORTEREN", "klasl", "Klas lijst"[:4], "import"):
        assert match_score(typed, import_list) > 0, typed
    [holidays] = [c for c in ACTIONS if c.action == "confirm_all"]
    assert match_score("kerstvakantie", holidays) > 0
    assert match_score("vakántie", holidays) > 0
    assert match_score("xylofoon", holidays) == 0


def test_the_place_of_a_screen() -> None:
    class ChildHistoryScreen:
        id = None

    class Named:
        id = "screen-roster"

    assert place_of(ChildHistoryScreen()) == "child_history"
    assert place_of(Named()) == "roster"
    assert ANYWHERE == "app"


@pytest.mark.parametrize("entry", all_system_entries(), ids=lambda e: e.action)
def test_textuals_own_commands_have_strings_and_words_in_both_languages(entry: Command) -> None:
    for lang in LANGUAGES:
        for key in (entry.title, entry.help, entry.synonyms):
            assert catalog(lang).get(key), (lang, key)
        for word in words(entry):
            assert match_score(word, entry, lang) > 0, word
    assert match_score("theme", system_entry("theme"), "nl") > 0  # English in a Dutch UI
    assert match_score("thema", system_entry("theme"), "en") > 0


def _child(first: str, last: str, child_id: str) -> Child:
    return Child(child_id, first, last, added_on=date(2026, 9, 1))


def test_a_child_is_named_by_her_first_name_unless_another_child_shares_it() -> None:
    children = [
        _child("Zoë", "De Smet", "1"),
        _child("ZOE", "Wouters", "2"),
        _child("Bram", "Aerts", "3"),
    ]
    assert short_names(children) == {"1": "Zoë De Smet", "2": "ZOE Wouters", "3": "Bram"}


def test_the_child_finder_reads_her_name_and_then_the_place() -> None:
    zoe = _child("Zoë", "De Smet", "1")
    page, history, abc_row, needs, samen_spel, check_in = CHILD_PLACES
    assert child_score("zoe", zoe, page) == WHOLE_NAME_SCORE
    assert child_score("zoe pagina", zoe, page) > 0
    assert child_score("zoe page", zoe, history) == 0
    assert child_score("zoe", zoe, history) == WHOLE_NAME_SCORE
    assert child_score("ZO", zoe, abc_row) == NAME_BEGINNING_SCORE
    assert child_score("smet zoë", zoe, abc_row) == WHOLE_NAME_SCORE
    assert child_score("zoe abc", zoe, abc_row) > 0
    assert child_score("zoe geschied", zoe, history) > 0  # the other language's words too
    assert child_score("zoe abc", zoe, history) == 0
    assert child_score("abc", zoe, abc_row) == 0  # no name, no child
    assert child_score("bram", zoe, history) == 0
    # Her relational needs and her Samen-Spel, by a word of either language.
    for typed in ("zoe behoeften", "zoe needs", "zoe relationele", "ZOE RELATIONAL"):
        assert child_score(typed, zoe, needs) == WHOLE_NAME_SCORE, typed
        assert child_score(typed, zoe, samen_spel) == 0, typed
    for typed in ("zoe samen", "zoe samen-spel", "Zoë spel"):
        assert child_score(typed, zoe, samen_spel) == WHOLE_NAME_SCORE, typed
        assert child_score(typed, zoe, needs) == 0, typed
    assert child_score("zoe", zoe, needs) == child_score("zoe", zoe, samen_spel) > 0
    # "Where are you now?" for her, by the rest corner's words.
    for typed in ("zoe rusthoek", "zoe check-in", "Zoë waar", "zoe rest corner"):
        assert child_score(typed, zoe, check_in) == WHOLE_NAME_SCORE, typed
        assert child_score(typed, zoe, needs) == 0, typed
    assert child_score("zoe abc", zoe, needs) == 0


def test_every_provider_of_the_commands_package_is_registered_once() -> None:
    """A provider module without its line in the registry would never be asked."""
    defined: set[type[Provider]] = set()
    for module in pkgutil.iter_modules(companion.commands.__path__):
        loaded = importlib.import_module(f"companion.commands.{module.name}")
        defined |= {
            value
            for value in vars(loaded).values()
            if isinstance(value, type)
            and issubclass(value, Provider)
            and value.__module__ == loaded.__name__
        }
    assert defined - {CompanionProvider, CatalogProvider} == set(PROVIDERS)
    assert len(PROVIDERS) == len(set(PROVIDERS)) == len(CompanionApp.COMMANDS)
    assert set(CompanionApp.COMMANDS) == set(PROVIDERS)


def test_every_action_of_the_palette_is_an_action_its_place_has() -> None:
    # A hit whose action nobody defines does nothing at all when picked (the demo did).
    owners: dict[str, type[object]] = {
        places.place_of_class(screen): screen for screen in _screen_classes()
    }
    owners[ANYWHERE] = CompanionApp
    missing = []
    for command in ACTIONS:
        name = command.action.partition("(")[0]
        if not callable(getattr(owners[command.place], f"action_{name}", None)):
            missing.append((command.place, name))
    assert missing == []
