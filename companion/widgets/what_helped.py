"""What helped a child in the rest corner, as a strip per strategy: a tall block (▇) for
each time it helped, a half one (▄) for each time it helped a bit, a cross (✗) for each
time it did not. Shape carries it all, so it reads in monochrome; colour only helps, and
no colour says "bad". A strip longer than STRIP_WIDTH is scaled down (each outcome that
happened keeps at least one mark); the counts are written beside it by the screen. Given
its cards by the screen (domain.rest_corner.WhatHelps), it never reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.content import Content

from companion.domain.rest_corner import WhatHelps
from companion.domain.vocabulary import OUTCOMES, Outcome
from companion.i18n import t

STRIP_MARKS: Final[dict[Outcome, str]] = {
    "helped": "▇",
    "helped_a_bit": "▄",
    "not_helped": "✗",
}
STRIP_STYLES: Final[dict[Outcome, str]] = {
    "helped": "bold $text-success",
    "helped_a_bit": "$text-success",
    "not_helped": "bold $foreground",
}
STRIP_WIDTH: Final = 8


def outcome_counts(card: WhatHelps) -> dict[Outcome, int]:
    return {
        "helped": card.helped,
        "helped_a_bit": card.helped_a_bit,
        "not_helped": card.not_helped,
    }


def scaled(counts: dict[Outcome, int], width: int = STRIP_WIDTH) -> dict[Outcome, int]:
    """The marks per outcome in at most `width` cells, in proportion (largest remainders
    first); an outcome that happened keeps at least one mark."""
    total = sum(counts.values())
    if total <= width:
        return dict(counts)
    happened = [outcome for outcome in OUTCOMES if counts[outcome]]
    room = width - len(happened)
    shares = {o: (counts[o] - 1) * room / (total - len(happened)) for o in happened}
    marks = {o: 1 + int(shares[o]) for o in happened}
    left = width - sum(marks.values())
    by_remainder = sorted(happened, key=lambda o: (-(shares[o] - int(shares[o])), o))
    for outcome in by_remainder[:left]:
        marks[outcome] += 1
    return {o: marks.get(o, 0) for o in OUTCOMES}


def strip_width(cards: Sequence[WhatHelps]) -> int:
    """The width of the strips of these cards, lined up: the longest, STRIP_WIDTH at most."""
    longest = max((sum(outcome_counts(card).values()) for card in cards), default=0)
    return min(STRIP_WIDTH, longest)


def outcome_strip(card: WhatHelps, width: int = STRIP_WIDTH) -> Content:
    """The card's strip, padded to `width` cells ("▇▇▇▄✗   ")."""
    marks = scaled(outcome_counts(card), min(width, STRIP_WIDTH))
    drawn = sum(marks.values())
    return Content.assemble(
        *((STRIP_MARKS[o] * marks[o], STRIP_STYLES[o]) for o in OUTCOMES if marks[o]),
        " " * max(0, width - drawn),
    )


def strip_key() -> Content:
    """What the marks mean: "▇ helped  ▄ a bit  ✗ did not help"."""
    parts: list[Content | str | tuple[str, str]] = []
    for outcome in OUTCOMES:
        if parts:
            parts.append("  ")
        parts += [(STRIP_MARKS[outcome], STRIP_STYLES[outcome]), " "]
        parts.append(t(f"rest_corner.card.key.{outcome}"))
    return Content.assemble(*parts)
