"""`companion serve`: the same app in a browser tab on this computer (companion/serve).

Each tab runs `companion --data PATH [--lang L]` as a process of its own; the second
tab on the same data file meets the store's lock and says the file is already open.
A passphrase is never on that command line: an encrypted file asks for it in the tab.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import subprocess
import sys
import threading
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_OK, Subcommands, UserError, data_option, whole_number
from companion.i18n import LANGUAGES, os_error_text, t

if TYPE_CHECKING:
    from companion.clock import Clock


def register(commands: Subcommands) -> None:
    serve = commands.add_parser("serve", help=t("serve.help"), description=t("serve.help"))
    serve.add_argument(
        "--port",
        type=whole_number((0, 65535)),
        default=0,
        metavar="N",
        help=t("serve.port_help"),
    )
    data_option(serve, t("serve.data_help"), passphrase=False)
    # SUPPRESS: `companion --lang nl serve` keeps the nl given before the command.
    serve.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("serve.lang_help")
    )
    serve.add_argument("--no-open", action="store_true", help=t("serve.no_open_help"))
    serve.set_defaults(run=run_serve)


def app_command(data: Path, lang: str | None) -> str:
    """The shell command textual-serve runs for each tab: this Python, our app, the same
    data file and language."""
    # A single-file build (PyInstaller) is the program itself, with no `-m`.
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "companion"]
    )
    words = [*program, "--data", str(data)]
    if lang is not None:
        words += ["--lang", lang]
    if os.name == "nt":
        return subprocess.list2cmdline(words)
    return shlex.join(words)


def run_serve(args: argparse.Namespace, clock: Clock) -> int:
    if importlib.util.find_spec("textual_serve") is None:
        raise UserError(t("serve.missing_extra"))
    from companion.serve import GuardedServer, bound_socket, new_token
    from companion.store import default_data_path

    data: Path = (args.data or default_data_path()).absolute()
    try:
        sock = bound_socket(args.port)
    except OSError as error:
        raise UserError(
            t("serve.port_taken", port=args.port, detail=os_error_text(error))
        ) from error
    server = GuardedServer(app_command(data, args.lang), sock, new_token())
    print(t("serve.address", url=server.url), flush=True)
    print(t("serve.only_here"), flush=True)
    if not args.no_open:
        # In a thread: some systems start the browser before webbrowser.open returns.
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    server.run()
    print(t("serve.stopped"), flush=True)
    return EXIT_OK
