"""The rest corner (rusthoek): strategies that calm or activate, and which to suggest.

In Shanker's Self-Reg, a child (or the class, or the teacher) with too much or too little
energy and tension is helped back to the green zone (groene zone); what helps differs per
person. A suggestion fits who it is for and the direction her state asks (calming for too
much, activating for too little, either to stay in the green zone); it ranks first by
what helped THIS one before, then by how well it fits the stress domains she suspects. A
strategy that never helped this child sinks; a use with the whole class says nothing
about one child.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from companion.domain.text import has_control, tidy
from companion.domain.vocabulary import (
    Direction,
    Energy,
    ForWhom,
    Location,
    Outcome,
    StressDomain,
)

CLASS: Final = "class"  # a use or check-in for the whole class
ME: Final = "me"  # for the teacher herself
OWN_PREFIX: Final = "own_"  # the key of one of the teacher's own strategies

# Her own strategies: what she types, within limits a screen can show.
MAX_OWN_NAME: Final = 60
MAX_OWN_HOW: Final = 500
MAX_OWN_NEEDS: Final = 200
OWN_MINUTES: Final = (1, 60)
MAX_NOTE: Final = 500  # what she saw, or how it went

# What each outcome says about a strategy for this one (a use without one is "tried").
OUTCOME_WEIGHT: Final[Mapping[Outcome | None, int]] = {
    "helped": 2,
    "helped_a_bit": 1,
    None: 0,
    "not_helped": -2,
}
DIRECTIONS_FOR: Final[Mapping[Energy, frozenset[Direction]]] = {
    "too_much": frozenset({"calming", "both"}),
    "too_little": frozenset({"activating", "both"}),
    "green": frozenset({"calming", "activating", "both"}),
}


@dataclass(frozen=True, slots=True)
class Strategy:
    """A way back to the green zone: shipped (read-only) or one of the teacher's own."""

    key: str
    direction: Direction
    domains: frozenset[StressDomain]
    for_whom: frozenset[ForWhom]
    locations: frozenset[Location]
    minutes: int
    names: Mapping[str, str] = field(default_factory=dict)
    hows: Mapping[str, str] = field(default_factory=dict)
    needs: Mapping[str, str] = field(default_factory=dict)
    own: bool = False

    def fits(self, energy: Energy, who: ForWhom) -> bool:
        return self.direction in DIRECTIONS_FOR[energy] and who in self.for_whom

    # Her own strategies are written once, in her words: any language shows them.
    def name_in(self, lang: str) -> str:
        return _in(self.names, lang) or self.key

    def how_in(self, lang: str) -> str:
        return _in(self.hows, lang)

    def needs_in(self, lang: str) -> str:
        return _in(self.needs, lang)


def _in(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or next(iter(texts.values()), "")


class RestCornerInputError(ValueError):
    """What she typed cannot be kept: `field` names the input, `reason` the sentence
    (rest_corner.error.<reason>), `params` fill it in."""

    def __init__(self, field: str, reason: str, **params: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.params = params


def own_strategy(
    name: str,
    how: str,
    *,
    direction: Direction,
    domains: Collection[StressDomain] = (),
    for_whom: Collection[ForWhom] = frozenset[ForWhom]({"child"}),
    locations: Collection[Location] = frozenset[Location]({"in_class"}),
    minutes: int = 5,
    needs: str = "",
    key: str = "",
) -> Strategy:
    """One of her own strategies (not yet checked: see checked_own_strategy)."""
    return Strategy(
        key=key,
        direction=direction,
        domains=frozenset(domains),
        for_whom=frozenset(for_whom),
        locations=frozenset(locations),
        minutes=minutes,
        names={"": name},
        hows={"": how},
        needs={"": needs},
        own=True,
    )


def checked_own_strategy(strategy: Strategy) -> Strategy:
    """Her strategy with its texts tidied, or RestCornerInputError naming the field: a
    name is needed; no text too long or holding control characters; minutes in range;
    at least one for whom and one place."""
    name = checked_text("name", strategy.name_in(""), MAX_OWN_NAME, one_line=True)
    if not name:
        raise RestCornerInputError("name", "name_needed")
    how = checked_text("how", strategy.how_in(""), MAX_OWN_HOW)
    needs = checked_text("needs", strategy.needs_in(""), MAX_OWN_NEEDS, one_line=True)
    low, high = OWN_MINUTES
    if not low <= strategy.minutes <= high:
        raise RestCornerInputError("minutes", "out_of_range", low=str(low), high=str(high))
    if not strategy.for_whom:
        raise RestCornerInputError("for_whom", "choose_one")
    if not strategy.locations:
        raise RestCornerInputError("locations", "choose_one")
    return replace(strategy, names={"": name}, hows={"": how}, needs={"": needs}, own=True)


def checked_text(field_name: str, text: str, limit: int, *, one_line: bool = False) -> str:
    """`text` trimmed (and NFC), or RestCornerInputError: too long, or holding control
    characters (a line break only where the text may have lines)."""
    cleaned = tidy(text)
    if has_control(cleaned, lines=not one_line):
        raise RestCornerInputError(field_name, "control_characters")
    if len(cleaned) > limit:
        raise RestCornerInputError(
            field_name, "too_long", limit=str(limit), length=str(len(cleaned))
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class StrategyUse:
    """A strategy picked for someone (a child's id, CLASS or ME) in a state; the outcome
    may come later."""

    id: str
    subject: str
    strategy: str
    day: date
    energy: Energy
    domains: frozenset[StressDomain] = frozenset()
    outcome: Outcome | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class CheckIn:
    """ "Waar bevind jij je nu?": where someone (a child's id, CLASS or ME) was on a day,
    the stress domains she suspected, and what she saw."""

    id: str
    subject: str
    day: date
    energy: Energy
    domains: frozenset[StressDomain] = frozenset()
    note: str = ""


def who_of(subject: str) -> ForWhom:
    """For whom a subject's suggestions are: the whole class, me, or a child."""
    if subject == CLASS:
        return "class"
    return "teacher" if subject == ME else "child"


@dataclass(frozen=True, slots=True)
class Suggestion:
    strategy: Strategy
    helped: int  # the weight of what it did for this one before (0: never tried)
    uses: int  # how often it was picked for this one
    never_helped: bool  # tried with an outcome, and no outcome was any help
    fit: int  # stress domains in common with what she suspects


def suggestions(
    strategies: Iterable[Strategy],
    subject: str,
    energy: Energy,
    domains: Collection[StressDomain] = (),
    uses: Iterable[StrategyUse] = (),
    hidden: Collection[str] = (),
) -> list[Suggestion]:
    """The strategies that fit `subject` in `energy`, best first: what helped this one
    most, then the best fit with `domains`, then the shortest, then by key. One that
    never helped this one sinks to the end; hidden ones never appear."""
    who = who_of(subject)
    mine = [use for use in uses if use.subject == subject]  # a class use is not hers
    found = []
    for strategy in strategies:
        if strategy.key in hidden or not strategy.fits(energy, who):
            continue
        used = [use for use in mine if use.strategy == strategy.key]
        outcomes = [use.outcome for use in used if use.outcome is not None]
        found.append(
            Suggestion(
                strategy,
                helped=sum(OUTCOME_WEIGHT[use.outcome] for use in used),
                uses=len(used),
                never_helped=bool(outcomes) and all(o == "not_helped" for o in outcomes),
                fit=len(strategy.domains & set(domains)),
            )
        )
    return sorted(
        found,
        key=lambda s: (s.never_helped, -s.helped, -s.fit, s.strategy.minutes, s.strategy.key),
    )


@dataclass(frozen=True, slots=True)
class WhatHelps:
    """A child's card: per strategy tried with an outcome, what it did, and in which
    states."""

    strategy: str
    helped: int
    helped_a_bit: int
    not_helped: int
    energies: frozenset[Energy]


def what_helps(subject: str, uses: Iterable[StrategyUse]) -> list[WhatHelps]:
    """What helped this one, best first; what did not, last."""
    by_strategy: dict[str, list[StrategyUse]] = {}
    for use in uses:
        if use.subject == subject and use.outcome is not None:
            by_strategy.setdefault(use.strategy, []).append(use)
    cards = [
        WhatHelps(
            key,
            helped=sum(1 for use in found if use.outcome == "helped"),
            helped_a_bit=sum(1 for use in found if use.outcome == "helped_a_bit"),
            not_helped=sum(1 for use in found if use.outcome == "not_helped"),
            energies=frozenset(use.energy for use in found),
        )
        for key, found in by_strategy.items()
    ]
    return sorted(
        cards, key=lambda c: (-(2 * c.helped + c.helped_a_bit - 2 * c.not_helped), c.strategy)
    )


def without_outcome(uses: Iterable[StrategyUse]) -> list[StrategyUse]:
    """The uses still waiting for how it went (Today lists them), oldest first."""
    return sorted((use for use in uses if use.outcome is None), key=lambda use: use.day)
