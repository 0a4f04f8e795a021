"""F2: a privacy curtain that hides every name when a colleague or parent walks by. It
also falls by itself after a while without a key or the mouse (companion.app.idle).

With the data file encrypted it lifts only with the passphrase (a masked field);
otherwise any key or a click lifts it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from companion.i18n import t
from companion.screens.base import CompanionModal

if TYPE_CHECKING:
    from companion.context import Companion


def lift_needs_passphrase(app: Companion) -> bool:
    """Whether the curtain lifts only with the passphrase: the data file is encrypted."""
    return app.store.encrypted


def passphrase_opens(app: Companion, passphrase: str) -> bool:
    """Whether `passphrase` is the one the data file was opened with."""
    return app.store.check_passphrase(passphrase)


class CurtainScreen(CompanionModal[None]):
    CSS_PATH = "curtain.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.locked = lift_needs_passphrase(self.companion)

    def compose(self) -> ComposeResult:
        if not self.locked:
            yield Static(t("curtain.text"))
            return
        with Vertical(id="curtain-lock"):
            yield Static(t("privacy.curtain_locked"))
            yield Input(password=True, id="curtain-passphrase")
            yield Static("", id="curtain-wrong")

    def on_mount(self) -> None:
        # A notification ("Bram was archived") would show a name through the curtain.
        self.app.clear_notifications()

    def on_key(self, event: events.Key) -> None:
        if self.locked:
            return  # the passphrase field takes the keys
        event.stop()
        self.dismiss(None)

    def on_click(self) -> None:
        if not self.locked:
            self.dismiss(None)

    def action_cancel(self) -> None:
        if not self.locked:
            self.dismiss(None)
        else:
            self.query_one("#curtain-passphrase", Input).value = ""

    @on(Input.Submitted, "#curtain-passphrase")
    def _try(self, event: Input.Submitted) -> None:
        event.stop()
        field = self.query_one("#curtain-passphrase", Input)
        passphrase, field.value = field.value, ""
        if passphrase:
            self._check(passphrase)

    @work(exclusive=True, group="curtain-passphrase")
    async def _check(self, passphrase: str) -> None:
        """Off the screen's thread: deriving the key takes a moment (a memory-hard KDF)."""
        opens = await asyncio.to_thread(passphrase_opens, self.companion, passphrase)
        if opens:
            self.dismiss(None)
        else:
            self.query_one("#curtain-wrong", Static).update(t("privacy.curtain_wrong"))
