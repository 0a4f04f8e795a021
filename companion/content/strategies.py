"""The rest corner's strategy library (`assets/content/strategies.toml`): shipped with the
app, read-only, checked field by field when first read (a gap is a packaging bug)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Final, TypeVar

from companion.content import ContentError
from companion.domain.rest_corner import Strategy
from companion.domain.vocabulary import (
    DIRECTIONS,
    FOR_WHOM,
    LOCATIONS,
    STRESS_DOMAINS,
)
from companion.i18n import LANGUAGES
from companion.resources import load_toml

MAX_NAME: Final = 40
MAX_HOW: Final = 300
MINUTES: Final = (1, 30)
W = TypeVar("W", bound=str)


@cache
def strategies() -> tuple[Strategy, ...]:
    """Every shipped strategy, in the file's order."""
    raw = load_toml("content/strategies.toml")["strategy"]
    found = tuple(_strategy(entry) for entry in raw)
    keys = [strategy.key for strategy in found]
    if len(set(keys)) != len(keys):
        raise ContentError("strategies.toml names a key twice")
    return found


def strategy_named(key: str) -> Strategy | None:
    return next((strategy for strategy in strategies() if strategy.key == key), None)


def _strategy(entry: Mapping[str, Any]) -> Strategy:
    key = entry.get("key")
    if not isinstance(key, str) or not key.isascii() or not key.replace("_", "").isalnum():
        raise ContentError(f"strategies.toml: a strategy without a usable key ({key!r})")
    direction = entry.get("direction")
    if direction not in DIRECTIONS:
        raise ContentError(f"strategies.toml {key}: direction {direction!r}")
    minutes = entry.get("minutes")
    if not isinstance(minutes, int) or not MINUTES[0] <= minutes <= MINUTES[1]:
        raise ContentError(f"strategies.toml {key}: minutes {minutes!r}")
    texts = {lang: entry.get(lang) or {} for lang in LANGUAGES}
    for lang, text in texts.items():
        name, how = text.get("name", ""), text.get("how", "")
        if not 0 < len(name) <= MAX_NAME or not 0 < len(how) <= MAX_HOW:
            raise ContentError(f"strategies.toml {key}: its name or how-to in {lang}")
        if not isinstance(text.get("needs"), str):
            raise ContentError(f"strategies.toml {key}: what it needs, in {lang}")
    return Strategy(
        key=key,
        direction=direction,
        domains=frozenset(_words(key, entry, "domains", STRESS_DOMAINS)),
        for_whom=frozenset(_words(key, entry, "for", FOR_WHOM)),
        locations=frozenset(_words(key, entry, "where", LOCATIONS)),
        minutes=minutes,
        names={lang: text["name"] for lang, text in texts.items()},
        hows={lang: text["how"] for lang, text in texts.items()},
        needs={lang: text["needs"] for lang, text in texts.items()},
    )


def _words(key: str, entry: Mapping[str, Any], field: str, allowed: Sequence[W]) -> list[W]:
    """A list of the allowed words (at least one), in the vocabulary's order."""
    given = entry.get(field)
    if not isinstance(given, list) or not given or not set(given) <= set(allowed):
        raise ContentError(f"strategies.toml {key}: {field} {given!r}")
    return [word for word in allowed if word in given]
