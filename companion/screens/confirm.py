"""A yes/no question before a step the teacher should mean: answers True or False."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.i18n import t
from companion.screens.base import CompanionModal


class TwoButtonDialog(CompanionModal[bool]):
    """A box with a title on its border, what `body()` yields, then two buttons: no, yes.

    The yes button answers True; the no button, escape (or cancel) answers False. A
    subclass names its widgets (its stylesheet finds them by these ids), says what the
    buttons read and which one has the focus at first.
    """

    BOX_ID: ClassVar[str | None] = None
    BUTTONS_ID: ClassVar[str]
    NO_ID: ClassVar[str]
    YES_ID: ClassVar[str]
    FOCUS_YES: ClassVar[bool]

    def box_title(self) -> str:
        raise NotImplementedError

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def labels(self) -> tuple[str, str]:
        """What the no and the yes button read."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        no, yes = self.labels()
        with Vertical(id=self.BOX_ID):
            yield from self.body()
            with Horizontal(id=self.BUTTONS_ID):
                yield Button(no, id=self.NO_ID)
                yield Button(yes, variant="primary", id=self.YES_ID)

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = self.box_title()
        self.query_one(f"#{self.YES_ID if self.FOCUS_YES else self.NO_ID}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.YES_ID:
            self.dismiss(True)
        elif event.button.id == self.NO_ID:
            self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ConfirmDialog(TwoButtonDialog):
    """`title` on the border, `question` inside, `confirm` on the button that says yes.

    Enter on the focused button (yes at first) answers; escape (or Cancel) answers False.
    """

    CSS_PATH = "confirm.tcss"
    BUTTONS_ID = "confirm-buttons"
    NO_ID = "confirm-no"
    YES_ID = "confirm-yes"
    FOCUS_YES = True

    def __init__(self, title: str, question: str, confirm: str) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._confirm = confirm

    def box_title(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Static(self._question, id="confirm-question")

    def labels(self) -> tuple[str, str]:
        return t("common.cancel"), self._confirm
