"""`companion` without a command: the app itself. Textual is imported only here, and
only when the app starts."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE
from companion.i18n import t

if TYPE_CHECKING:
    from pathlib import Path

    from companion.clock import Clock
    from companion.store.encryption import Keyring


def terminal_attached() -> bool:
    """True when the app can draw and read keys: Textual reads the keys from stdin and
    draws on stderr (stdout on Windows), so both must be a terminal."""
    screen = sys.__stdout__ if os.name == "nt" else sys.__stderr__
    return all(stream is not None and stream.isatty() for stream in (sys.__stdin__, screen))


def in_browser() -> bool:
    """True when `companion serve` (textual-serve) runs the app for a browser tab: Textual's
    web driver draws into the tab, there is no terminal (app/browser.py)."""
    return os.environ.get("TEXTUAL_DRIVER") == "textual.drivers.web_driver:WebDriver"


def run_app(args: argparse.Namespace, clock: Clock) -> int:
    from companion.app import create_app
    from companion.store import default_data_path

    path = args.data or default_data_path()
    if in_browser():
        from companion.app.browser import run_in_browser
        from companion.cli.unlocking import given_passphrase, keyring_for

        keyring = keyring_for(path, args) if given_passphrase(args) is not None else None
        return run_in_browser(path, args.lang, clock, keyring)
    # An encrypted data file: its passphrase before anything shows (or fails) the start.
    keyring, ended = unlock(path, args)
    if ended is not None:
        return ended
    # The data file first: a problem with it is what the teacher needs to hear most.
    app = create_app(path, args.lang, clock=clock, keyring=keyring)
    if not terminal_attached():
        # Without a terminal the app would draw into a pipe and wait for keys forever.
        app.store.close()
        print(t("cli.no_terminal"), file=sys.stderr)
        return EXIT_USAGE
    app.run()
    return app.return_code or EXIT_OK


def unlock(path: Path, args: argparse.Namespace) -> tuple[Keyring | None, int | None]:
    """The keyring of an encrypted data file: given by a script (--passphrase-file,
    COMPANION_PASSPHRASE), or typed on the passphrase screen. The second value is the
    exit code when the start must end (three wrong tries or no terminal, said on
    stderr; or she quit): nothing was opened. None: go on."""
    from companion.cli.unlocking import given_passphrase, keyring_for
    from companion.store.encryption import is_encrypted, refuse_unfinished_change

    refuse_unfinished_change(path)  # said before a passphrase is asked for nothing
    if not is_encrypted(path) or given_passphrase(args) is not None:
        return keyring_for(path, args), None
    if not terminal_attached():
        print(t("encryption.cli.needs_passphrase", path=str(path)), file=sys.stderr)
        return None, EXIT_USAGE
    from companion.app.unlock import ask_passphrase
    from companion.i18n import LANGUAGES, language_from_environment

    keyring, refused = ask_passphrase(
        path, args.lang if args.lang in LANGUAGES else language_from_environment()
    )
    if keyring is None:
        if not refused:
            return None, EXIT_OK  # she quit
        print(t("encryption.screen.three_wrong", path=str(path)), file=sys.stderr)
        return None, EXIT_DATA
    return keyring, None


def hold_for_reading(command: str | None) -> None:
    """Started from a desktop shortcut, the window would close before the message is read."""
    if command is None and sys.stdin.isatty() and sys.stderr.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input(t("cli.press_enter"))
