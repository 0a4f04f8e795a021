"""How did it go? A strategy's use gets its outcome, now or later: 1 helped, 2 helped a
bit, 3 did not help (the key keeps it), with an optional note typed before (`n` or tab).
The dialog writes the outcome on the use and answers it. WaitingDialog lists the uses
still without an outcome (Today's `o`) and opens the question for the chosen one."""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.children import ShownNames
from companion.domain.rest_corner import RestCornerInputError, StrategyUse
from companion.domain.vocabulary import OUTCOMES, Outcome
from companion.i18n import short_date, t
from companion.screens.base import AsksBeforeDropping, CompanionModal
from companion.screens.digit_keys import DIGIT_KEYS
from companion.screens.form_rows import field_row, say_beside
from companion.screens.rest_corner.check_in import error_text
from companion.screens.rest_corner.who import subject_name
from companion.store import Store

OUTCOME_KEYS: Final = dict(zip(OUTCOMES, "123", strict=True))
OUTCOME_MARKS: Final[dict[Outcome, str]] = {
    "helped": "✓",
    "helped_a_bit": "±",
    "not_helped": "✗",
}


def use_line(store: Store, use: StrategyUse, lang: str, names: ShownNames) -> Content:
    """ "Lotte · Kikkertje rust · 25/11 · too much": who, what, when, in which state."""
    strategy = store.rest_corner.strategy(use.strategy)
    name = strategy.name_in(lang) if strategy is not None else use.strategy
    return Content.assemble(
        (subject_name(store, use.subject, names), "bold"),
        " · ",
        name,
        " · ",
        (f"{short_date(use.day)} · {t(f'rest_corner.energy.{use.energy}').lower()}", "dim"),
    )


class OutcomeDialog(AsksBeforeDropping[StrategyUse | None]):
    """Answers the use with its outcome kept, or None when she went back."""

    CSS_PATH = "outcome.tcss"
    AUTO_FOCUS = "#outcomes"
    BINDINGS = [
        *(
            Binding(
                DIGIT_KEYS[key],
                f"outcome('{outcome}')",
                "rest_corner.outcome_dialog.key",
                show=False,
            )
            for outcome, key in OUTCOME_KEYS.items()
        ),
        Binding("n", "note", "rest_corner.check_in.key_note", show=False),
    ]

    def __init__(self, use: StrategyUse) -> None:
        super().__init__()
        self.use = use

    def compose(self) -> ComposeResult:
        with Vertical(id="outcome-box"):
            yield Static(id="outcome-use")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (OUTCOME_KEYS[outcome], "bold $text-accent"),
                            "  ",
                            OUTCOME_MARKS[outcome],
                            " ",
                            (t(f"rest_corner.outcome.{outcome}"), "bold"),
                        ),
                        id=outcome,
                    )
                    for outcome in OUTCOMES
                ),
                id="outcomes",
            )
            yield from field_row(
                t("rest_corner.outcome_dialog.note"),
                "note",
                Input(
                    self.use.note,
                    id="note",
                    placeholder=t("rest_corner.outcome_dialog.note_placeholder"),
                    compact=True,
                ),
            )
            yield Static(classes="field-error", id="outcome-error")
            yield Static(
                Content.styled(t("rest_corner.outcome_dialog.hint"), "dim"), id="outcome-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#outcome-box").border_title = t("rest_corner.outcome_dialog.title")
        self.query_one("#outcome-use", Static).update(
            use_line(self.companion.store, self.use, self.companion.lang, self.companion.names)
        )
        if self.use.outcome is not None:
            self.query_one("#outcomes", OptionList).highlighted = OUTCOMES.index(self.use.outcome)

    def action_note(self) -> None:
        self.query_one("#note").focus()

    @on(Input.Submitted, "#note")
    def _note_submitted(self, event: Input.Submitted) -> None:
        """Enter after the note: back to the outcomes, where 1 2 3 (or enter) keep it."""
        event.prevent_default()  # not the form's save: the key says which
        self.query_one("#outcomes").focus()

    @on(Input.Changed, "#note")
    def _note_changed(self) -> None:
        say_beside(self, "note", "")

    @on(OptionList.OptionSelected, "#outcomes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        outcome = next((o for o in OUTCOMES if o == event.option.id), None)
        if outcome is not None:
            self.action_outcome(outcome)

    def action_save(self) -> None:
        option = self.query_one("#outcomes", OptionList).highlighted_option
        outcome = next((o for o in OUTCOMES if option is not None and o == option.id), None)
        if outcome is None:
            say_beside(
                self, "outcome", t("rest_corner.outcome_dialog.choose"), fallback="outcome-error"
            )
            self.query_one("#outcomes").focus()
            return
        self.action_outcome(outcome)

    def action_outcome(self, outcome: Outcome) -> None:
        say_beside(self, "note", "")
        note = self.query_one("#note", Input).value
        rest_corner = self.companion.store.rest_corner
        try:
            saved = self.write(lambda: rest_corner.record_outcome(self.use, outcome, note))
        except RestCornerInputError as error:
            say_beside(self, error.field, error_text(error), fallback="outcome-error")
            self.query_one("#note").focus()
            return
        if saved is not None:
            self.dismiss(saved)


class WaitingDialog(CompanionModal[None]):
    """The uses still without an outcome, oldest first: enter asks how the highlighted
    one went; the list stays for the next one and closes when none is left."""

    CSS_PATH = "outcome.tcss"
    AUTO_FOCUS = "#waiting-list"

    def compose(self) -> ComposeResult:
        with Vertical(id="waiting-box"):
            yield OptionList(id="waiting-list")
            yield Static(Content.styled(t("rest_corner.waiting.hint"), "dim"), id="waiting-hint")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        store = self.companion.store
        waiting = store.rest_corner.waiting()
        if not waiting:
            self.dismiss(None)
            return
        self.query_one("#waiting-box").border_title = t(
            "rest_corner.waiting.title", count=len(waiting)
        )
        listed = self.query_one("#waiting-list", OptionList)
        keep = listed.highlighted or 0
        listed.clear_options()
        listed.add_options(
            Option(use_line(store, use, self.companion.lang, self.companion.names), id=use.id)
            for use in waiting
        )
        listed.highlighted = min(keep, len(waiting) - 1)

    @on(OptionList.OptionSelected, "#waiting-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        use = next(
            (u for u in self.companion.store.rest_corner.waiting() if u.id == event.option.id), None
        )
        if use is not None:
            self.app.push_screen(OutcomeDialog(use), lambda _: self._fill())
