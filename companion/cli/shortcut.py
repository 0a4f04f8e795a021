"""`companion shortcut [--browser] [--data PATH] [--folder DIR] [--force]`: a desktop
shortcut that starts this installation's app in a terminal window (or, with --browser,
`companion serve`). What the file holds is built in shortcut_files.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_OK, Subcommands, UserError, data_option
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock


def register(commands: Subcommands) -> None:
    shortcut = commands.add_parser(
        "shortcut", help=t("shortcut.help"), description=t("shortcut.description")
    )
    shortcut.add_argument("--browser", action="store_true", help=t("shortcut.browser_help"))
    data_option(shortcut, t("shortcut.data_help"), passphrase=False)
    shortcut.add_argument(
        "--folder", type=Path, metavar="DIR", default=None, help=t("shortcut.folder_help")
    )
    shortcut.add_argument("--force", action="store_true", help=t("shortcut.force_help"))
    shortcut.set_defaults(run=run_shortcut)


def run_shortcut(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli import shortcut_files as files

    kind = files.platform_kind()
    data: Path | None = getattr(args, "data", None)
    command = files.command_line(files.companion_program(), browser=args.browser, data=data)
    name = t("shortcut.name_browser") if args.browser else files.APP_NAME
    try:
        shortcut = files.build_shortcut(
            kind, command, name=name, comment=t("shortcut.comment"), browser=args.browser
        )
    except files.UnsafeArgument as error:
        raise UserError(t("shortcut.unsafe_path", path=error.argument)) from error
    folder: Path = args.folder if args.folder is not None else files.desktop_folder(kind)
    if not folder.is_dir():
        raise UserError(t("shortcut.no_folder", folder=str(folder)))
    try:
        path, placed = files.place_shortcut(folder, shortcut, force=args.force)
    except files.ShortcutExists as error:
        raise UserError(t("shortcut.exists", path=str(error.path))) from error
    except OSError as error:
        raise UserError(
            t("shortcut.not_written", folder=str(folder), reason=error.strerror)
        ) from error
    print(t(f"shortcut.{placed}", path=str(path)))
    print(t(f"shortcut.next_{kind}"))
    return EXIT_OK
