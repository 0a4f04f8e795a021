"""Closing out a Samen-Spel plan: the end date and how it went, in her words; or an early
end, with the reason. The dialog writes the plan and answers it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from companion.domain.samen_spel import SamenSpelInputError, SamenSpelPlan
from companion.i18n import t
from companion.screens.base import AsksBeforeDropping
from companion.screens.form_rows import date_input, date_problem, field_row, say_beside
from companion.screens.samen_spel.texts import PlanView, error_text
from companion.screens.samen_spel.toggles import TickBox

FIELDS = ("ended_on", "ended_early", "end_note")


class CloseOutDialog(AsksBeforeDropping[SamenSpelPlan | None]):
    CSS_PATH = "close_out.tcss"
    AUTO_FOCUS = "#end_note"

    def __init__(self, view: PlanView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        weeks = view.weeks
        # Over: the last day of its last week; else today, which ends it early.
        over = view.progress.finished and bool(weeks)
        day = weeks[-1].last_day if over and weeks[-1].last_day < view.today else view.today
        with Vertical(id="close-box"):
            yield from field_row(
                t("samen_spel.close.ended_on"), "ended_on", date_input("ended_on", day)
            )
            with Horizontal(classes="form-row"):
                yield Label("", classes="field-label")
                yield TickBox(t("samen_spel.close.early"), not over, id="ended_early")
            yield from field_row(
                self._note_label(not over),
                "end_note",
                Input(
                    id="end_note", placeholder=t("samen_spel.close.note_placeholder"), compact=True
                ),
                label_id="note-label",
            )
            yield Static(classes="field-error", id="close-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(
                    t("samen_spel.close.confirm"), variant="primary", id="save", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#close-box").border_title = t("samen_spel.close.title")

    @staticmethod
    def _note_label(early: bool) -> str:
        return t("samen_spel.close.reason" if early else "samen_spel.close.how_it_went")

    @on(Checkbox.Changed, "#ended_early")
    def _early_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#note-label", Label).update(self._note_label(event.value))
        self._complain("end_note", "")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id in FIELDS:
            self._complain(event.input.id, "")

    def _complain(self, field: str, message: str) -> None:
        say_beside(self, field, message, fallback="close-error")

    def action_save(self) -> None:
        for field in (*FIELDS, "close"):
            self._complain(field, "")
        day, problem = date_problem(self.query_one("#ended_on", Input).value)
        if day is None:
            self._complain("ended_on", problem)
            self.query_one("#ended_on").focus()
            return
        early = self.query_one("#ended_early", TickBox).value
        note = self.query_one("#end_note", Input).value
        plans = self.companion.store.samen_spel
        try:
            closed = self.view.plan.closed_out(day, note, early=early)
            saved = self.write(lambda: plans.update_plan(closed))
        except SamenSpelInputError as error:
            self._complain(error.field, error_text(error.reason, error.params))
            if error.field in ("ended_on", "end_note"):
                self.query_one(f"#{error.field}").focus()
            return
        if saved is not None:
            self.dismiss(saved)
