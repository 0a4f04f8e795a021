"""Add or edit one child: every field checked, each problem shown beside its field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from companion.content import group_name
from companion.domain.children import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    Child,
    ChildDraft,
    ChildValidationError,
    validate_child,
)
from companion.domain.vocabulary import CHILD_GROUPS
from companion.i18n import t
from companion.screens.base import CompanionModal

FIELDS = ("first_name", "last_name", "birth_date", "group", "note")


class ChildFormScreen(CompanionModal[ChildDraft | None]):
    """Answers with a validated ChildDraft, or None when cancelled."""

    DEFAULT_CSS = """
    ChildFormScreen { align: center middle; }
    ChildFormScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ChildFormScreen Label { margin-top: 1; }
    ChildFormScreen .field-error { height: auto; }
    ChildFormScreen #form-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ChildFormScreen #form-buttons Button { margin-left: 1; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "keys.save")]

    def __init__(self, child: Child | None = None) -> None:
        super().__init__()
        self.child = child

    def compose(self) -> ComposeResult:
        child = self.child
        born = child.birth_date.strftime("%d/%m/%Y") if child and child.birth_date else ""
        with Vertical():
            yield Label(t("form.first_name"))
            yield Input(
                child.first_name if child else "", id="first_name", max_length=MAX_NAME_LENGTH * 2
            )
            yield Static(classes="field-error", id="first_name-error")
            yield Label(t("form.last_name"))
            yield Input(
                child.last_name if child else "", id="last_name", max_length=MAX_NAME_LENGTH * 2
            )
            yield Static(classes="field-error", id="last_name-error")
            yield Label(t("form.birth_date"))
            yield Input(
                born, id="birth_date", placeholder=t("form.date_placeholder"), max_length=20
            )
            yield Static(classes="field-error", id="birth_date-error")
            yield Label(t("form.group"))
            yield Select(
                [(group_name(group), group) for group in CHILD_GROUPS],
                value=child.group if child else "all",
                allow_blank=False,
                id="group",
            )
            yield Static(classes="field-error", id="group-error")
            yield Label(t("form.note"))
            yield Input(child.note if child else "", id="note", max_length=MAX_NOTE_LENGTH * 2)
            yield Static(classes="field-error", id="note-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("common.cancel"), id="cancel")
                yield Button(t("common.save"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = t(
            "form.title_edit" if self.child else "form.title_new"
        )
        self.query_one("#first_name", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        for name in FIELDS:
            self.query_one(f"#{name}-error", Static).update("")
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
                self.query_one(f"#{name}-error", Static).update(t(f"errors.field.{reason}"))
            self.query_one(f"#{next(iter(error.problems))}").focus()
            return
        self.dismiss(draft)
