"""`companion` without a command: the app itself. Textual is imported only here, and
only when the app starts."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_OK, EXIT_USAGE
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock


def terminal_attached() -> bool:
    """True when the app can draw and read keys: Textual reads the keys from stdin and
    draws on stderr (stdout on Windows), so both must be a terminal."""
    screen = sys.__stdout__ if os.name == "nt" else sys.__stderr__
    return all(stream is not None and stream.isatty() for stream in (sys.__stdin__, screen))


def run_app(args: argparse.Namespace, clock: Clock) -> int:
    from companion.app import create_app
    from companion.store import default_data_path

    # The data file first: a problem with it is what the teacher needs to hear most.
    app = create_app(args.data or default_data_path(), args.lang, clock=clock)
    if not terminal_attached():
        # Without a terminal the app would draw into a pipe and wait for keys forever.
        app.store.close()
        print(t("cli.no_terminal"), file=sys.stderr)
        return EXIT_USAGE
    app.run()
    return app.return_code or EXIT_OK


def hold_for_reading(command: str | None) -> None:
    """Started from a desktop shortcut, the window would close before the message is read."""
    if command is None and sys.stdin.isatty() and sys.stderr.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input(t("cli.press_enter"))
