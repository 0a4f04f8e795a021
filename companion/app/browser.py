"""The app in a browser tab (`companion serve`): textual-serve runs `companion` with
Textual's web driver, which draws into the tab through its stdout and reads the tab's
keys from its stdin. There is no terminal, so what the terminal start does before and
around the app is done here, in the tab:

- an encrypted data file: the passphrase screen (screens/passphrase.py) in the tab, then
  the app, in the same process and the same tab (the passphrase never leaves it);
- a data file that cannot be opened (already open in another tab or window, damaged):
  its one-sentence message in the tab, which stays until the tab is closed.

textual-serve ends a tab when its app says "exit" and reads the web driver's greeting
only once: the passphrase app hands the tab over without either (HandingOver), and what
follows it starts without the greeting (TakingOver).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from textual.app import App, ComposeResult
from textual.containers import Center, Middle
from textual.drivers.web_driver import WebDriver
from textual.widgets import Static

from companion.i18n import current_language, t
from companion.store import DataFileError

if TYPE_CHECKING:
    from companion.clock import Clock
    from companion.store.encryption import Keyring

GREETING: Final = b"__GANGLION__\n"  # the web driver's first line: "a Textual app"


class HandingOver(WebDriver):
    """The passphrase app's driver: at its end the tab stays open for the app."""

    def stop_application_mode(self) -> None:
        self.exit_event.set()
        self._input_reader.close()
        # The next app reads the tab's keys: this reader must be gone first.
        if self._key_thread.is_alive():
            self._key_thread.join(timeout=2)
        # The tab may have been resized meanwhile: the next app starts at its size.
        if self._size is not None:
            os.environ["COLUMNS"], os.environ["ROWS"] = (str(side) for side in self._size)


class TakingOver(WebDriver):
    """The driver of an app that follows another in the same tab: no second greeting."""

    def start_application_mode(self) -> None:
        write = self._write

        def without_greeting(data: bytes) -> int:
            return 0 if data == GREETING else write(data)

        self._write = without_greeting  # type: ignore[assignment]
        try:
            super().start_application_mode()
        finally:
            self._write = write


class MessageApp(App[None]):
    """One message in the tab, until the tab is closed (or ctrl+q)."""

    CSS = """
    Screen { align: center middle; }
    #message { width: 72; padding: 1 2; border: round $warning; }
    #close-tab { width: 72; padding: 0 2; color: $text-muted; }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(self.message, id="message", markup=False)
            yield Static(t("serve.close_tab"), id="close-tab")

    def on_mount(self) -> None:
        self.title = t("app.title")


def run_in_browser(path: Path, lang: str | None, clock: Clock, keyring: Keyring | None) -> int:
    """The app in this tab (`lang`: the one --lang asked for, if any). `keyring`: the
    passphrase a script gave, if any; else an encrypted file asks for it in the tab."""
    from companion.app import create_app
    from companion.app.unlock import UnlockApp
    from companion.store.encryption import is_encrypted, refuse_unfinished_change

    handed_over = False
    try:
        refuse_unfinished_change(path)
        if keyring is None and is_encrypted(path):
            unlock = UnlockApp(path, current_language())  # --lang's, or the computer's
            unlock.driver_class = HandingOver
            keyring = unlock.run()
            handed_over = True
            if keyring is None:
                if not unlock.refused:
                    return _end_tab()  # she quit
                return _say(t("encryption.screen.three_wrong", path=str(path)), handed_over)
        app = create_app(path, lang, clock=clock, keyring=keyring)
    except DataFileError as error:
        return _say(error.message(), handed_over)
    if handed_over:
        app.driver_class = TakingOver
    app.run()
    return app.return_code or 0


def _say(message: str, handed_over: bool) -> int:
    shown = MessageApp(message)
    if handed_over:
        shown.driver_class = TakingOver
    shown.run()
    return 1


def _end_tab() -> int:
    """The passphrase app left the tab open for what follows; nothing does: close it."""
    payload = b'{"type": "exit"}'
    os.write(1, b"M" + len(payload).to_bytes(4, "big") + payload)
    return 0
