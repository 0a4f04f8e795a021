"""A yes/no question before a step the teacher should mean: answers True or False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.i18n import t
from companion.screens.base import CompanionModal


class ConfirmDialog(CompanionModal[bool]):
    """`title` on the border, `question` inside, `confirm` on the button that says yes.

    Enter on the focused button answers; escape (or Cancel) answers False.
    """

    CSS_PATH = "confirm.tcss"

    def __init__(self, title: str, question: str, confirm: str) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(t("common.cancel"), id="confirm-no")
                yield Button(self._confirm, variant="primary", id="confirm-yes")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = self._title
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
