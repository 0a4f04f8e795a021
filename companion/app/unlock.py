"""The start of an encrypted data file: a small app that only asks the passphrase
(screens/passphrase.py), before the store is opened and before any screen shows data.
It answers the Keyring that opens the file, or None (three wrong tries, or she quit):
then the start ends and nothing was touched."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from companion.i18n import set_language, t
from companion.screens.passphrase import TRIES, PassphraseScreen
from companion.store.encryption import Keyring
from companion.widgets.bindings import translate_bindings


class UnlockApp(App[Keyring | None]):
    TITLE = "Classroom Companion"

    def __init__(self, path: Path, lang: str) -> None:
        set_language(lang)
        super().__init__()
        translate_bindings(self)
        self.path = path
        self.asking = PassphraseScreen(path)

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.push_screen(self.asking, callback=self.exit)

    @property
    def refused(self) -> bool:
        """True when the start ended after three wrong tries (not because she quit)."""
        return self.asking.wrong >= TRIES


def ask_passphrase(path: Path, lang: str) -> tuple[Keyring | None, bool]:
    """Run the passphrase screen in the terminal: the keyring (None when there is
    none), and whether three wrong tries ended it."""
    app = UnlockApp(path, lang)
    keyring = app.run()
    return keyring, app.refused
