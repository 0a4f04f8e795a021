"""Note a signal of one need: one of the deck's, or in her own words, with the day seen."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.dates import parse_date
from companion.domain.needs import (
    SIGNALS_OF,
    NeedsInputError,
    ObservedSignal,
    checked_seen,
    checked_signal,
)
from companion.domain.vocabulary import NeedSignal, RelationalNeed
from companion.i18n import long_date, t
from companion.screens.base import AsksBeforeDropping
from companion.screens.form_rows import date_input, date_problem, dmy, say_beside
from companion.screens.needs.texts import error_text

OTHER = "other"  # the option for a signal in her own words
FIELDS = ("choice", "text", "seen")


class SignalFormDialog(AsksBeforeDropping[ObservedSignal | None]):
    """Answers with a checked ObservedSignal of `need`, or None when cancelled.

    The list offers the deck's signals of the need and 'something else'; the words below
    describe a signal of her own or add to a deck signal; the day is today unless she
    writes another (dd/mm/yyyy) or steps to it with up and down: a day that came, and not
    before the child joined the class (`joined`).
    """

    CSS_PATH = "signal_form.tcss"
    AUTO_FOCUS = "#signal-choice"
    BINDINGS = [
        # In the date field only (check_action): the list and the words keep their arrows.
        Binding("up", "step_day(-1)", "needs.keys.day_earlier", show=False),
        Binding("down", "step_day(1)", "needs.keys.day_later", show=False),
    ]

    def __init__(self, need: RelationalNeed, today: date, joined: date | None = None) -> None:
        super().__init__()
        self.need = need
        self.today = today
        self.joined = joined

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(t("needs.signal_form.choice"))
            yield OptionList(
                *(
                    Option(t(f"needs.signal.{signal}"), id=signal)
                    for signal in SIGNALS_OF[self.need]
                ),
                Option(t("needs.signal_form.other"), id=OTHER),
                id="signal-choice",
            )
            yield Static(classes="field-error", id="choice-error")
            yield Label(t("needs.signal_form.text"))
            yield Input(
                id="text", placeholder=t("needs.signal_form.text_placeholder"), compact=True
            )
            yield Static(classes="field-error", id="text-error")
            with Horizontal(id="seen-row"):
                yield Label(t("needs.signal_form.date"))
                yield date_input("seen", self.today)
                yield Static(long_date(self.today), id="seen-words")
            yield Static(t("needs.signal_form.date_hint"), classes="hint")
            yield Static(classes="field-error", id="seen-error")
            with Horizontal(id="signal-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("common.save"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = t(
            "needs.signal_form.title", need=t(f"needs.need.{self.need}")
        )
        self.query_one(OptionList).highlighted = 0
        for name in FIELDS:
            self._complain(name, "")

    def _complain(self, field: str, message: str) -> None:
        say_beside(self, field, message)

    # -- the day ----------------------------------------------------------------------

    def _seen(self) -> date:
        """The day written, else today (for stepping from a half-written date)."""
        try:
            return parse_date(self.query_one("#seen", Input).value)
        except ValueError:
            return self.today

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step_day":
            # Up and down move in the list of signals; in the date field they pick a day.
            return self.focused is self.query_one("#seen", Input)
        return True

    def action_step_day(self, step: int) -> None:
        try:
            day = self._seen() + timedelta(days=step)
        except OverflowError:
            return
        try:
            checked_seen(day, joined=self.joined, today=self.today)
        except NeedsInputError as error:
            self._complain("seen", error_text(error))
            return
        self.query_one("#seen", Input).value = dmy(day)

    @on(Input.Changed, "#seen")
    def _day_written(self, event: Input.Changed) -> None:
        self._complain("seen", "")
        try:
            words = long_date(parse_date(event.value))
        except ValueError:
            words = ""
        self.query_one("#seen-words", Static).update(words)

    @on(Input.Changed, "#text")
    def _text_written(self) -> None:
        self._complain("text", "")
        self._complain("choice", "")

    @on(OptionList.OptionHighlighted, "#signal-choice")
    def _choice_moved(self) -> None:
        self._complain("choice", "")
        self._complain("text", "")

    @on(OptionList.OptionSelected, "#signal-choice")
    def _choice_made(self, event: OptionList.OptionSelected) -> None:
        # Enter on her own words: write them first. Enter on a deck signal: done.
        if event.option.id == OTHER and not self.query_one("#text", Input).value.strip():
            self.query_one("#text", Input).focus()
            return
        self.action_save()

    # -- saving -----------------------------------------------------------------------

    def _chosen(self) -> NeedSignal | None:
        choice = self.query_one(OptionList)
        index = choice.highlighted
        if index is None:
            return None
        option_id = choice.get_option_at_index(index).id
        for signal in SIGNALS_OF[self.need]:
            if signal == option_id:
                return signal
        return None

    def action_save(self) -> None:
        for name in FIELDS:
            self._complain(name, "")
        text = self.query_one("#text", Input).value
        seen, problem = date_problem(self.query_one("#seen", Input).value)
        if seen is None:
            self._refuse("seen", problem)
            return
        try:
            checked_seen(seen, joined=self.joined, today=self.today)
        except NeedsInputError as error:
            self._refuse("seen", error_text(error))
            return
        try:
            signal = checked_signal(ObservedSignal(self.need, seen, self._chosen(), text))
        except NeedsInputError as error:
            self._refuse("text", error_text(error))
            return
        self.dismiss(signal)

    def _refuse(self, field: str, message: str) -> None:
        self._complain(field, message)
        self.query_one(f"#{field}").focus()
