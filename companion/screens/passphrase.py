"""The passphrase of an encrypted data file, asked before anything else shows: a masked
field; Enter checks it (the key check of the file, in a thread: the KDF takes a moment);
three wrong tries end the start and touch nothing. Answers the Keyring that opens the
file, or None (escape, ctrl+q, three wrong tries).

It runs before the store is opened, so it is a plain Textual screen on a small app of
its own (app/unlock.py), not a CompanionScreen."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from companion.i18n import t
from companion.store import DataFileError
from companion.store.encryption import Keyring, unlocks
from companion.widgets.bindings import translate_bindings

TRIES: Final = 3


class PassphraseScreen(Screen[Keyring | None]):
    CSS_PATH = "passphrase.tcss"
    BINDINGS = [
        Binding("escape", "give_up", "encryption.screen.quit"),
        Binding("ctrl+q", "give_up", "encryption.screen.quit", priority=True),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        translate_bindings(self)
        self.path = path
        self.wrong = 0
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static(t("encryption.screen.title"), id="passphrase-title")
            yield Static(t("encryption.screen.intro", path=str(self.path)), id="passphrase-intro")
            yield Static(t("encryption.screen.label"), id="passphrase-label")
            yield Input(
                password=True,
                placeholder=t("encryption.screen.placeholder"),
                id="passphrase-input",
            )
            yield Static("", id="passphrase-message")

    def on_mount(self) -> None:
        self.query_one("#passphrase-input", Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#passphrase-message", Static).update(text)

    @on(Input.Submitted, "#passphrase-input")
    def submitted(self, event: Input.Submitted) -> None:
        if self.checking:
            return
        if not event.value:
            self._say(t("encryption.screen.empty"))
            return
        self.checking = True
        self._say(t("encryption.screen.checking"))
        self.check(event.value)

    @work(thread=True, exclusive=True)
    def check(self, passphrase: str) -> None:
        keyring = Keyring.of(passphrase)
        try:
            opens = unlocks(self.path, keyring)
        except DataFileError as error:  # damaged, unreadable: said, and no try counted
            self.app.call_from_thread(self._refused, error.message())
            return
        self.app.call_from_thread(self._checked, keyring if opens else None)

    def _refused(self, message: str) -> None:
        self.checking = False
        self._say(message)

    def _checked(self, keyring: Keyring | None) -> None:
        self.checking = False
        field = self.query_one("#passphrase-input", Input)
        field.value = ""
        if keyring is not None:
            self.dismiss(keyring)
            return
        self.wrong += 1
        left = TRIES - self.wrong
        if left <= 0:
            self.dismiss(None)
        elif left == 1:
            self._say(t("encryption.screen.wrong_last"))
        else:
            self._say(t("encryption.screen.wrong", left=left))

    def action_give_up(self) -> None:
        self.dismiss(None)
