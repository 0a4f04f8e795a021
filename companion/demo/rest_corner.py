"""The demo's rest corner: check-ins and strategy uses with outcomes, in every school year.

Some children of the class get stressed now and then, and what helps each is a clear
pattern: Andy (too much, often) calms with the little frog and the squeeze ball, never
with the weighted cushion; a quiet child (too little) wakes up with a helper's job or an
animal walk. The class runs the daily mile about twice a week when it gets restless
(mostly after the afternoon lull, never straight after playtime), and the teacher checks
in on herself some afternoons. The last school day's uses still wait for their outcome,
so Today has something to ask."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from companion.demo.model import DemoChild, YearContext
from companion.domain.rest_corner import CLASS, ME, CheckIn, StrategyUse
from companion.domain.vocabulary import Energy, Outcome, StressDomain


@dataclass(frozen=True, slots=True)
class Pattern:
    """What a subject's hard moments look like and what helps her (strategy -> how often
    it helps: 0.0 never, 1.0 always)."""

    energy: Energy
    domains: frozenset[StressDomain]
    chance: float  # of a hard moment on a school day
    helps: Mapping[str, float]


RESTLESS: Final = Pattern(
    "too_much",
    frozenset({"biological", "emotional"}),
    0.3,
    {"frog_rest": 0.9, "squeeze_ball": 0.5, "weighted_cushion": 0.0, "calm_voice": 0.3},
)
QUIET: Final = Pattern(
    "too_little",
    frozenset({"emotional", "social"}),
    0.12,
    {"helper_job": 0.85, "animal_walk": 0.7, "jumping_jacks": 0.2},
)
CLASS_RESTLESS: Final = Pattern(
    "too_much",
    frozenset({"biological", "cognitive"}),
    0.4,
    {"daily_mile": 0.8, "listening_chime": 0.5, "calm_music": 0.4},
)
TEACHER: Final = Pattern(
    "too_much",
    frozenset({"emotional", "cognitive"}),
    0.15,
    {"three_breaths": 0.75, "water_and_window": 0.6, "colleague_swap": 0.9},
)
WAITING_DAYS: Final = 2  # the last school days whose uses still wait for their outcome
NOTES: Final[Mapping[Outcome, tuple[str, ...]]] = {
    "helped": ("Na vijf minuten terug in het spel", "Rustig, kwam zelf terug", ""),
    "helped_a_bit": ("Iets rustiger, nog wat onrustig in de kring", ""),
    "not_helped": ("Werd er nog onrustiger van", ""),
}


@dataclass(frozen=True, slots=True)
class DemoRestCorner:
    check_ins: tuple[CheckIn, ...] = ()
    uses: tuple[StrategyUse, ...] = ()


def build_rest_corner(
    rng: random.Random, context: YearContext, klass: Sequence[DemoChild]
) -> DemoRestCorner:
    """Check-ins and uses of one school year (child ids are the demo's keys)."""
    patterns = _patterns(klass)
    check_ins: list[CheckIn] = []
    uses: list[StrategyUse] = []
    waiting_from = context.school_days[-WAITING_DAYS:] if context.is_current else ()
    tried: dict[str, set[str]] = {}
    for day in context.school_days:
        for subject, pattern in patterns.items():
            if rng.random() >= pattern.chance or not _present(klass, subject, day):
                continue
            check_in = CheckIn(_id(rng), subject, day, pattern.energy, pattern.domains)
            check_ins.append(check_in)
            strategy = _pick(rng, pattern, tried.setdefault(subject, set()))
            outcome = None if day in waiting_from else _outcome(rng, pattern.helps[strategy])
            note = rng.choice(NOTES[outcome]) if outcome else ""
            uses.append(
                StrategyUse(
                    _id(rng), subject, strategy, day, pattern.energy, pattern.domains, outcome, note
                )
            )
        if rng.random() < 0.05:  # a calm day noted too
            check_ins.append(CheckIn(_id(rng), CLASS, day, "green"))
    return DemoRestCorner(tuple(check_ins), tuple(uses))


def _patterns(klass: Sequence[DemoChild]) -> dict[str, Pattern]:
    """Andy (the second child, as in the deck) restless; the first quiet one quiet; one
    more restless child when the class has one; the class; me."""
    patterns: dict[str, Pattern] = {CLASS: CLASS_RESTLESS, ME: TEACHER}
    if len(klass) >= 2:
        patterns[klass[1].key] = RESTLESS
    quiet = [child for child in klass[2:] if child.draft.group == "invisible"]
    if quiet:
        patterns[quiet[0].key] = QUIET
    restless = [child for child in klass[2:] if child.draft.group == "hard_to_manage"]
    if restless:
        patterns[restless[0].key] = RESTLESS
    return patterns


def _present(klass: Sequence[DemoChild], subject: str, day: date) -> bool:
    child = next((child for child in klass if child.key == subject), None)
    return child is None or child.added_on <= day


def _pick(rng: random.Random, pattern: Pattern, tried: set[str]) -> str:
    """She tries each of her ideas once, in order; then she learns: what helped is picked
    more often, what never did now and then."""
    keys = list(pattern.helps)
    untried = [key for key in keys if key not in tried]
    (strategy,) = untried[:1] or rng.choices(keys, [0.3 + pattern.helps[key] for key in keys])
    tried.add(strategy)
    return strategy


def _outcome(rng: random.Random, helps: float) -> Outcome:
    draw = rng.random()
    if draw < helps:
        return "helped"
    return "helped_a_bit" if draw < helps * 1.5 else "not_helped"


def _id(rng: random.Random) -> str:
    """A stable id: the same seed gives the same demo."""
    return f"{rng.getrandbits(48):012x}"
