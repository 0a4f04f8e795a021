"""`companion export`: every school year as one JSON document, on stdout or into a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import (
    EXIT_OK,
    Subcommands,
    UserError,
    data_option,
    require_data_file,
    warn_about_clock,
)
from companion.i18n import os_error_text, t

if TYPE_CHECKING:
    from companion.clock import Clock


def register(commands: Subcommands) -> None:
    export = commands.add_parser(
        "export", help=t("cli.export_help"), description=t("cli.export_help")
    )
    data_option(export, t("cli.data_help"))
    export.add_argument("--format", choices=("json",), default="json", help=t("cli.format_help"))
    export.add_argument("--out", type=Path, metavar="FILE", help=t("cli.out_help"))
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.store import default_data_path
    from companion.store.codec import collector_paused
    from companion.store.export import export_pieces
    from companion.store.paths import check_data_target, check_writable_target, write_user_file

    path: Path = args.data or default_data_path()
    out: Path | None = args.out
    # Both paths are judged before anything is opened, created or locked.
    check_data_target(path)
    if out is not None:
        check_writable_target(out, path)
    require_data_file(path)
    # Made year by year, so ten school years are never whole in memory: into the file as
    # it is made (a temp file, renamed when whole); onto the screen once it is all made,
    # so that a damaged archive still gives nothing rather than half an export.
    # The collector off: ten years make and drop millions of objects, none in a cycle.
    with open_store(path, args, today=today(clock), backup=False) as store, collector_paused():
        warn_about_clock(store)
        if out is None:
            _write_to_screen(list(export_pieces(store)))
            return EXIT_OK
        try:
            write_user_file(out, export_pieces(store), data_path=path)
        except OSError as error:
            raise UserError(
                t("cli.cannot_write", path=str(out), detail=os_error_text(error))
            ) from error
    print(t("cli.export_done", path=str(out)), file=sys.stderr)
    return EXIT_OK


def _write_to_screen(pieces: Iterable[bytes]) -> None:
    """The export's UTF-8 bytes as they are, onto stdout."""
    sys.stdout.flush()
    for piece in pieces:
        sys.stdout.buffer.write(piece)
    sys.stdout.buffer.flush()
