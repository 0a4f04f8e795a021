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
from dataclasses import dataclass, field
from datetime import date
from typing import Final

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
