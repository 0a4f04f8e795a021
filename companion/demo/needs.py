"""The demo's relational-needs profiles: most children of the current class have one, with
signals seen on school days so far, a clarity that grew, what the teacher offers and, for
some, sensitivity notes. Adam and Andy always have one (the deck's examples)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import Final

from companion.demo.model import DemoChild, YearContext
from companion.domain.needs import SIGNALS_OF, NeedsProfile, ObservedSignal
from companion.domain.vocabulary import RELATIONAL_NEEDS, RelationalNeed, SensitivityTopic

PROFILED_SHARE: Final = 0.75

# What a teacher writes she offers, in Dutch as she would.
OFFERS: Final[dict[RelationalNeed, tuple[str, ...]]] = {
    "affection": (
        "Een hand bij het onthaal",
        "Even naast mij zitten bij het verhaal",
        "Een knuffel bij het afscheid",
    ),
    "help": (
        "De eerste stap samen zetten",
        "Klein beginnen, dan zelf verder",
        "Aanmoedigen voor het opgeven",
    ),
    "listening_ear": (
        "Een luistermoment na de speeltijd",
        "Vijf minuten vertellen bij het onthaal",
        "In de kring eerst het woord",
    ),
}
FREE_SIGNALS: Final[dict[RelationalNeed, tuple[str, ...]]] = {
    "affection": ("kruipt tegen mij aan in de kring",),
    "help": ("legt de puzzel weg na één stuk",),
    "listening_ear": ("vertelt over de nieuwe baby thuis",),
}
SENSITIVITY: Final[dict[SensitivityTopic, tuple[str, ...]]] = {
    "emotions": ("Wordt stil als ze verdrietig is; benoemen helpt", "Lacht weg wat pijn doet"),
    "alone_time": ("Zoekt de leeshoek op na het onthaal",),
    "talk": ("Wil na het weekend eerst vertellen",),
    "solve_together": ("Samen een plan maken helpt bij ruzie",),
}


def build_needs(
    rng: random.Random, context: YearContext, klass: Sequence[DemoChild]
) -> tuple[NeedsProfile, ...]:
    """Profiles for the current class only (child ids are the demo's keys)."""
    days = context.school_days
    if not context.is_current or len(days) < 2:
        return ()
    fixed = {klass[0].key, klass[1].key} if len(klass) >= 2 else set()
    profiles = []
    for child in klass:
        if child.key not in fixed and rng.random() > PROFILED_SHARE:
            continue
        seen_from = [day for day in days if day >= child.added_on]
        if len(seen_from) < 2:
            continue
        profiles.append(_profile(rng, child.key, seen_from))
    return tuple(profiles)


def _profile(rng: random.Random, child_id: str, days: Sequence[date]) -> NeedsProfile:
    profile = NeedsProfile(child_id)
    needs = rng.sample(RELATIONAL_NEEDS, rng.randint(1, 2))
    for need in needs:
        first = rng.randrange(0, max(1, len(days) // 2))
        profile = profile.with_clarity(need, "a_little", days[first])
        for _ in range(rng.randint(1, 4)):
            seen = days[rng.randrange(first, len(days))]
            if rng.random() < 0.8:
                signal = ObservedSignal(need, seen, rng.choice(SIGNALS_OF[need]))
            else:
                signal = ObservedSignal(need, seen, None, rng.choice(FREE_SIGNALS[need]))
            profile = profile.with_signal(signal)
        if rng.random() < 0.6:
            later = days[rng.randrange(first, len(days))]
            if later > days[first]:
                profile = profile.with_clarity(need, "clearly", later)
        if rng.random() < 0.8:
            profile = profile.with_offer(need, rng.choice(OFFERS[need]))
    for topic, notes in SENSITIVITY.items():
        if rng.random() < 0.25:
            profile = profile.with_sensitivity(topic, rng.choice(notes))
    return profile
