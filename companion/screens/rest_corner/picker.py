"""The strategy picker: what may help now, fast in a hard moment. The suggestions for
who, state and domains, what helped THIS one before first (marked "helped 2×"), one that
never helped last (marked so); the highlighted one's how-to, what it needs, how long and
where below the list. Enter picks it: its use is logged (who, day, state, domains) and
answered; how it went comes later (OutcomeDialog)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.rest_corner import CheckIn, Strategy, StrategyUse, Suggestion, WhatHelps
from companion.domain.vocabulary import LOCATIONS, STRESS_DOMAINS
from companion.i18n import t
from companion.screens.base import CompanionModal
from companion.screens.rest_corner.who import subject_in_sentence


def marks(suggestion: Suggestion, card: WhatHelps | None) -> list[Content | str | tuple[str, str]]:
    """What it did for this one before, in words (they read in monochrome too)."""
    parts: list[Content | str | tuple[str, str]] = []
    if suggestion.never_helped:
        # Once is not never: one try that did not help says just that.
        said = "never_helped" if suggestion.uses > 1 else "did_not_help"
        return [("✗ " + t(f"rest_corner.picker.{said}"), "italic $text-warning")]
    if card is not None and card.helped:
        parts.append(
            ("✓ " + t("rest_corner.picker.helped", count=card.helped), "bold $text-success")
        )
    if card is not None and card.helped_a_bit:
        parts.append(
            ("± " + t("rest_corner.picker.helped_a_bit", count=card.helped_a_bit), "$text-success")
        )
    tried = suggestion.uses - (
        card.helped + card.helped_a_bit + card.not_helped if card is not None else 0
    )
    if not parts and tried > 0:
        parts.append(("· " + t("rest_corner.picker.tried", count=tried), "dim"))
    return parts


def facts(strategy: Strategy, lang: str) -> Content:
    """ "calming · 3 min · in the rest corner · emotional, social"."""
    where = ", ".join(
        t(f"rest_corner.location.{location}")
        for location in LOCATIONS
        if location in strategy.locations
    )
    domains = ", ".join(
        t(f"rest_corner.domain.{domain}") for domain in STRESS_DOMAINS if domain in strategy.domains
    )
    parts: list[Content | str | tuple[str, str]] = [
        (t(f"rest_corner.direction.{strategy.direction}"), "bold"),
        " · ",
        t("rest_corner.picker.minutes", minutes=strategy.minutes),
        " · ",
        where,
    ]
    if domains:
        parts += [" · ", (domains, "italic")]
    needs = strategy.needs_in(lang)
    if needs:
        parts += ["\n", (t("rest_corner.picker.needs"), "bold"), " ", needs]
    return Content.assemble(*parts)


class StrategyPickerDialog(CompanionModal[StrategyUse | None]):
    """Answers the use logged for the picked strategy, or None when she went back."""

    CSS_PATH = "picker.tcss"
    AUTO_FOCUS = "#suggestions"

    def __init__(self, check_in: CheckIn) -> None:
        super().__init__()
        self.check_in = check_in
        self.found: dict[str, Suggestion] = {}
        self.cards: dict[str, WhatHelps] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(id="picker-state")
            yield OptionList(id="suggestions")
            yield Static(t("rest_corner.picker.none"), id="picker-none")
            with VerticalScroll(id="picker-detail") as detail:
                detail.can_focus = False
                yield Static(id="picker-how")
                yield Static(id="picker-facts")
            yield Static(Content.styled(t("rest_corner.picker.hint"), "dim"), id="picker-hint")

    def on_mount(self) -> None:
        store, check_in = self.companion.store, self.check_in
        name = subject_in_sentence(store, check_in.subject, self.companion.names)
        self.query_one("#picker-box").border_title = t("rest_corner.picker.title", who=name)
        state: list[Content | str | tuple[str, str]] = [
            (t(f"rest_corner.energy.{check_in.energy}"), "bold"),
            ": ",
            t(f"rest_corner.energy_hint.{check_in.energy}"),
        ]
        domains = [d for d in STRESS_DOMAINS if d in check_in.domains]
        if domains:
            state += [" · ", (", ".join(t(f"rest_corner.domain.{d}") for d in domains), "italic")]
        self.query_one("#picker-state", Static).update(Content.assemble(*state))
        suggested = store.rest_corner.suggest(check_in.subject, check_in.energy, check_in.domains)
        self.found = {s.strategy.key: s for s in suggested}
        self.cards = {card.strategy: card for card in store.rest_corner.card(check_in.subject)}
        lang = self.companion.lang
        listed = self.query_one("#suggestions", OptionList)
        listed.add_options(
            Option(
                Content.assemble(
                    (s.strategy.name_in(lang), "bold" if s.helped > 0 else ""),
                    ("  " + t("rest_corner.picker.minutes", minutes=s.strategy.minutes), "dim"),
                    *(
                        piece
                        for mark in marks(s, self.cards.get(s.strategy.key))
                        for piece in ("  ", mark)
                    ),
                ),
                id=s.strategy.key,
            )
            for s in suggested
        )
        listed.display = bool(suggested)
        self.query_one("#picker-detail").display = bool(suggested)
        self.query_one("#picker-none").display = not suggested
        if suggested:
            listed.highlighted = 0
            self._show(suggested[0].strategy)

    @on(OptionList.OptionHighlighted, "#suggestions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        found = self.found.get(event.option.id or "")
        if found is not None:
            self._show(found.strategy)

    def _show(self, strategy: Strategy) -> None:
        lang = self.companion.lang
        self.query_one("#picker-how", Static).update(strategy.how_in(lang))
        self.query_one("#picker-facts", Static).update(facts(strategy, lang))
        self.query_one("#picker-detail", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#suggestions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        found = self.found.get(event.option.id or "")
        if found is None:
            return
        check_in = self.check_in
        use = StrategyUse(
            "",
            check_in.subject,
            found.strategy.key,
            self.companion.today,
            check_in.energy,
            check_in.domains,
        )
        rest_corner = self.companion.store.rest_corner
        saved = self.write(lambda: rest_corner.log_use(use))
        if saved is not None:
            self.dismiss(saved)
