"""Settings, "Encryption": whether the data is encrypted, and how to turn it on or off
or change the passphrase. The change itself rewrites every file of the data folder
while no window has it open, so it is a command run with the app closed
(`companion encrypt | decrypt | passphrase`, store/encryption.py); this dialog says
which, with the exact path."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from companion.i18n import t
from companion.screens.base import CompanionModal


def encryption_text(path: Path, encrypted: bool) -> str:
    """What the dialog says, in the chosen language."""
    where = str(path)
    if encrypted:
        lines = [
            t("encryption.settings.on", path=where),
            t("encryption.settings.how_change", path=where),
            t("encryption.settings.how_off", path=where),
        ]
    else:
        lines = [
            t("encryption.settings.off", path=where),
            t("encryption.settings.how_on", path=where),
        ]
    lines.append(t("encryption.settings.export_note"))
    return "\n\n".join(lines)


class EncryptionDialog(CompanionModal[None]):
    CSS_PATH = "encryption.tcss"
    BINDINGS = [Binding("enter", "cancel", "encryption.settings.close")]

    def __init__(self, path: Path, encrypted: bool) -> None:
        super().__init__()
        self.path = path
        self.encrypted = encrypted

    def compose(self) -> ComposeResult:
        with Vertical(id="encryption-box"):
            yield Static(encryption_text(self.path, self.encrypted), id="encryption-text")

    def on_mount(self) -> None:
        self.query_one("#encryption-box", Vertical).border_title = t("encryption.settings.title")
