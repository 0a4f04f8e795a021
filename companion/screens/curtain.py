"""F2: a privacy curtain that hides every name when a colleague or parent walks by."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from companion.i18n import t
from companion.screens.base import CompanionModal


class CurtainScreen(CompanionModal[None]):
    CSS_PATH = "curtain.tcss"

    def compose(self) -> ComposeResult:
        yield Static(t("curtain.text"))

    def on_mount(self) -> None:
        # A notification ("Bram was archived") would show a name through the curtain.
        self.app.clear_notifications()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)
