""" "Waar bevind jij je nu?" / "Where are you now?": where a child, the class or the
teacher is, in a few keys. 1 too much, 2 in the green zone, 3 too little: the key keeps
the check-in and goes on (to the suggestions); before it, 4-8 tick the stress domains
she suspects and `n` (or tab) goes to a short note of what she saw. The dialog writes
the check-in and answers it."""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.rest_corner import CLASS, ME, CheckIn, RestCornerInputError
from companion.domain.vocabulary import ENERGIES, STRESS_DOMAINS, Energy, StressDomain
from companion.i18n import t
from companion.screens.base import AsksBeforeDropping
from companion.screens.digit_keys import DIGIT_KEYS
from companion.screens.form_rows import field_row, say_beside
from companion.screens.rest_corner.who import subject_name
from companion.screens.samen_spel.toggles import TickBox

ENERGY_KEYS: Final = dict(zip(ENERGIES, "123", strict=True))
DOMAIN_KEYS: Final = dict(zip(STRESS_DOMAINS, "45678", strict=True))


def error_text(error: RestCornerInputError) -> str:
    return t(f"rest_corner.error.{error.reason}", **error.params)


def energy_option(energy: Energy) -> Option:
    return Option(
        Content.assemble(
            (ENERGY_KEYS[energy], "bold $text-accent"),
            "  ",
            (t(f"rest_corner.energy.{energy}"), "bold"),
            "  ",
            (t(f"rest_corner.energy_hint.{energy}"), "dim"),
        ),
        id=energy,
    )


def check_in_title(store_name: str, subject: str) -> str:
    if subject == CLASS:
        return t("rest_corner.check_in.title_class")
    if subject == ME:
        return t("rest_corner.check_in.title_me")
    return t("rest_corner.check_in.title_child", name=store_name)


class CheckInDialog(AsksBeforeDropping[CheckIn | None]):
    """Answers the check-in kept, or None when she went back."""

    CSS_PATH = "check_in.tcss"
    AUTO_FOCUS = "#energies"
    BINDINGS = [
        *(
            Binding(
                DIGIT_KEYS[key],
                f"energy('{energy}')",
                "rest_corner.check_in.key_energy",
                show=False,
            )
            for energy, key in ENERGY_KEYS.items()
        ),
        *(
            Binding(
                DIGIT_KEYS[key],
                f"domain('{domain}')",
                "rest_corner.check_in.key_domain",
                show=False,
            )
            for domain, key in DOMAIN_KEYS.items()
        ),
        Binding("n", "note", "rest_corner.check_in.key_note", show=False),
    ]

    def __init__(self, subject: str) -> None:
        super().__init__()
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(id="check-in-box"):
            yield OptionList(*(energy_option(energy) for energy in ENERGIES), id="energies")
            yield Static(classes="field-error", id="energy-error")
            yield Label(t("rest_corner.check_in.domains"), id="domains-label")
            with Grid(id="domains"):
                for domain in STRESS_DOMAINS:
                    box = TickBox(
                        f"{DOMAIN_KEYS[domain]} {t(f'rest_corner.domain.{domain}')}",
                        False,
                        id=f"domain-{domain}",
                    )
                    box.tooltip = t(f"rest_corner.domain_hint.{domain}")
                    yield box
            yield from field_row(
                t("rest_corner.check_in.note"),
                "note",
                Input(
                    id="note", placeholder=t("rest_corner.check_in.note_placeholder"), compact=True
                ),
            )
            yield Static(classes="field-error", id="check-in-error")
            yield Static(Content.styled(t("rest_corner.check_in.hint"), "dim"), id="check-in-hint")

    def on_mount(self) -> None:
        name = subject_name(self.companion.store, self.subject, self.companion.names)
        self.query_one("#check-in-box").border_title = check_in_title(name, self.subject)

    def _domains(self) -> frozenset[StressDomain]:
        return frozenset(
            domain
            for domain in STRESS_DOMAINS
            if self.query_one(f"#domain-{domain}", TickBox).value
        )

    def action_domain(self, domain: StressDomain) -> None:
        self.query_one(f"#domain-{domain}", TickBox).toggle()

    def action_note(self) -> None:
        self.query_one("#note").focus()

    @on(Input.Submitted, "#note")
    def _note_submitted(self, event: Input.Submitted) -> None:
        """Enter after the note: back to the states, where 1 2 3 (or enter) go on."""
        event.prevent_default()  # not the form's save: the key says which
        self.query_one("#energies").focus()

    @on(Input.Changed, "#note")
    def _note_changed(self) -> None:
        say_beside(self, "note", "")

    @on(OptionList.OptionSelected, "#energies")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        energy = next((e for e in ENERGIES if e == event.option.id), None)
        if energy is not None:
            self.action_energy(energy)

    def action_save(self) -> None:
        """ctrl+s: the highlighted state, as enter on it."""
        option = self.query_one("#energies", OptionList).highlighted_option
        energy = next((e for e in ENERGIES if option is not None and e == option.id), None)
        if energy is None:
            say_beside(self, "energy", t("rest_corner.check_in.choose_energy"))
            self.query_one("#energies").focus()
            return
        self.action_energy(energy)

    def action_energy(self, energy: Energy) -> None:
        say_beside(self, "energy", "")
        say_beside(self, "note", "")
        check_in = CheckIn(
            "",
            self.subject,
            self.companion.today,
            energy,
            self._domains(),
            self.query_one("#note", Input).value,
        )
        rest_corner = self.companion.store.rest_corner
        try:
            saved = self.write(lambda: rest_corner.check_in(check_in))
        except RestCornerInputError as error:
            say_beside(self, error.field, error_text(error), fallback="check-in-error")
            if error.field == "note":
                self.query_one("#note").focus()
            return
        if saved is not None:
            self.dismiss(saved)
