"""Why twice a week, whatever the behaviour? The deck's reason, in the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from companion.i18n import t
from companion.screens.base import CompanionModal


class WhyDialog(CompanionModal[None]):
    CSS_PATH = "why.tcss"
    AUTO_FOCUS = "#why-text-scroll"  # the arrows scroll the text; enter or escape close it
    BINDINGS = [Binding("enter", "cancel", "common.close", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(id="why-box"):
            with VerticalScroll(id="why-text-scroll"):
                yield Static(t("samen_spel.why.text"), id="why-text")
            with Horizontal(id="why-buttons"):
                yield Button(t("common.close"), id="why-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#why-box").border_title = t("samen_spel.why.title")

    def on_button_pressed(self) -> None:
        self.dismiss(None)
