"""Add or edit one child: every field checked, each problem shown beside its field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from companion.content import group_name
from companion.domain.children import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    Child,
    ChildDraft,
    ChildValidationError,
    name_warnings,
    validate_child,
)
from companion.domain.vocabulary import CHILD_GROUPS
from companion.i18n import t
from companion.screens.base import FormDialog

FIELDS = ("first_name", "last_name", "birth_date", "group", "note")


class ChildFormScreen(FormDialog[ChildDraft | None]):
    """Answers with a validated ChildDraft, or None when cancelled."""

    CSS_PATH = "child_form.tcss"
    AUTO_FOCUS = "#first_name"

    def __init__(self, child: Child | None = None) -> None:
        super().__init__()
        self.child = child
        self._asked: ChildDraft | None = None  # the draft whose odd names were questioned

    def _row(self, field: str, widget: Input | Select[str]) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(t(f"form.{field}"))
            yield widget
        yield Static(classes="field-error", id=f"{field}-error")

    def _text_row(
        self, field: str, value: str, max_length: int, placeholder: str = ""
    ) -> ComposeResult:
        field_input = Input(
            value, id=field, max_length=max_length, placeholder=placeholder, compact=True
        )
        yield from self._row(field, field_input)

    def compose(self) -> ComposeResult:
        child = self.child
        born = child.birth_date.strftime("%d/%m/%Y") if child and child.birth_date else ""
        # Room beyond the limit, so a pasted long name gets a clear message, not a cut.
        longest = MAX_NAME_LENGTH * 2
        with VerticalScroll():
            yield from self._text_row("first_name", child.first_name if child else "", longest)
            yield from self._text_row("last_name", child.last_name if child else "", longest)
            yield from self._text_row(
                "birth_date", born, 20, placeholder=t("form.date_placeholder")
            )
            yield from self._row(
                "group",
                Select(
                    [(group_name(group), group) for group in CHILD_GROUPS],
                    value=child.group if child else "all",
                    allow_blank=False,
                    id="group",
                    compact=True,
                ),
            )
            yield from self._text_row("note", child.note if child else "", MAX_NOTE_LENGTH * 2)
            yield Static(t("form.group_hint"), classes="hint")
            with Horizontal(id="form-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("common.save"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = t(
            "form.title_edit" if self.child else "form.title_new"
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        # An old complaint must not linger while the teacher is fixing it.
        if event.input.id:
            self._complain(event.input.id, "")

    def _complain(self, field: str, message: str, *, question: bool = False) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(message)
        error.display = bool(message)
        error.set_class(question, "-question")

    def action_save(self) -> None:
        for name in FIELDS:
            self._complain(name, "")
        group = self.query_one("#group", Select).value
        try:
            draft = validate_child(
                first_name=self.query_one("#first_name", Input).value,
                last_name=self.query_one("#last_name", Input).value,
                birth_date=self.query_one("#birth_date", Input).value,
                group=group if isinstance(group, str) else "",
                note=self.query_one("#note", Input).value,
                today=self.companion.today,
                in_class_since=self.child.added_on if self.child else None,
            )
        except ChildValidationError as error:
            for name, reason in error.problems.items():
                self._complain(name, t(f"errors.field.{reason}"))
            self.query_one(f"#{next(iter(error.problems))}").focus()
            return
        warnings = name_warnings(draft)
        if warnings and draft != self._asked:
            # A question, not a refusal: saving the same values again keeps them.
            self._asked = draft
            for name, reason in warnings.items():
                message = t(f"form.warn.{reason}", value=getattr(draft, name))
                self._complain(name, message, question=True)
            self.query_one(f"#{next(iter(warnings))}").focus()
            return
        self.dismiss(draft)
