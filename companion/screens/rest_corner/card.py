"""The child's page: her "what helps me" card (wat helpt mij) from the rest corner. What
helped her this school year, best first, and what did not, each with how often and in
which state she was (too much, green, too little); the tries still waiting for how they
went are counted. Each strategy has a strip, its picture (widgets.what_helped: ▇ helped,
▄ a bit, ✗ not), lined up, and the key to it in the lower border. Listed in
child_page.page.SECTIONS."""

from __future__ import annotations

from typing import Final

from companion.domain.rest_corner import WhatHelps
from companion.domain.vocabulary import ENERGIES
from companion.i18n import current_language, t
from companion.screens.child_page.section import (
    LABEL_STYLE,
    Line,
    PageFacts,
    PageSection,
    Part,
    line,
)
from companion.widgets.what_helped import outcome_strip, strip_key, strip_width

HELPED_SHOWN: Final = 5
NOT_HELPED_SHOWN: Final = 3


def helped_at_all(card: WhatHelps) -> bool:
    """It helped (or helped a bit) more often than it did not."""
    return card.helped + card.helped_a_bit > card.not_helped


def _counts(card: WhatHelps) -> str:
    said = [
        t(f"rest_corner.card.{outcome}", count=count)
        for outcome, count in (
            ("helped", card.helped),
            ("helped_a_bit", card.helped_a_bit),
            ("not_helped", card.not_helped),
        )
        if count
    ]
    return ", ".join(said)


def _states(card: WhatHelps) -> str:
    return ", ".join(
        t(f"rest_corner.card.state.{energy}") for energy in ENERGIES if energy in card.energies
    )


class WhatHelpsSection(PageSection):
    """What helped her and what did not, in which state; None when nothing was tried."""

    TITLE = "rest_corner.card.title"

    def content(self, facts: PageFacts) -> list[Line] | None:
        rest_corner = facts.store.rest_corner
        child_id = facts.child.id
        cards = rest_corner.card(child_id)
        waiting = sum(1 for use in rest_corner.waiting() if use.subject == child_id)
        if not cards and not waiting:
            return None
        lang = current_language()
        helped = [card for card in cards if helped_at_all(card)]
        not_helped = [card for card in cards if not helped_at_all(card)]
        helped_shown = helped[:HELPED_SHOWN]
        not_shown = not_helped[-NOT_HELPED_SHOWN:][::-1]  # what never helped first
        # The strips line up: one width for all the card's lines.
        width = strip_width([*helped_shown, *not_shown])
        self.border_subtitle = strip_key() if cards else ""
        lines: list[Line] = []
        if helped:
            lines.append(line((t("rest_corner.card.what_helped"), LABEL_STYLE)))
            lines += [self._line(facts, card, True, lang, width) for card in helped_shown]
            lines += self._more(len(helped) - HELPED_SHOWN)
        if not_helped:
            lines.append(line((t("rest_corner.card.what_not"), LABEL_STYLE)))
            lines += [self._line(facts, card, False, lang, width) for card in not_shown]
            lines += self._more(len(not_helped) - NOT_HELPED_SHOWN)
        if not cards:
            lines.append(line((t("rest_corner.card.nothing_said"), "italic")))
        if waiting:
            lines.append(line((t("rest_corner.card.waiting", count=waiting), "dim")))
        return lines

    @staticmethod
    def _more(count: int) -> list[Line]:
        return [line((t("rest_corner.card.more", count=count), "dim"), indented=True)] * (count > 0)

    @staticmethod
    def _line(facts: PageFacts, card: WhatHelps, helped: bool, lang: str, width: int) -> Line:
        strategy = facts.store.rest_corner.strategy(card.strategy)
        name = strategy.name_in(lang) if strategy is not None else card.strategy
        parts: list[Part] = [
            outcome_strip(card, width),
            " ",
            (name, "bold" if helped else ""),
            "  ",
            _counts(card),
        ]
        states = _states(card)
        if states:
            parts += [" · ", (t("rest_corner.card.when", states=states), "italic")]
        return line(*parts, indented=True)
