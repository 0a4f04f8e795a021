"""Command line: `companion`, `demo`, `roster import`, `export`, `journal add|list`,
`report child|class|handover`, `year close`, `backup list|restore`.

One module per command, each adding its own parser (`register`) with the function it
runs; a new command is a module here and one line in COMMANDS. Nothing of the store or
of Textual is imported before the arguments are read, so `--version` and `--help` stay
quick; Textual only when the app starts (start.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Final

from companion import __version__
from companion.cli import (
    backup,
    demo,
    encryption,
    export,
    import_data,
    journal,
    purge,
    report,
    roster,
    serve,
    shortcut,
    start,
    year,
)
from companion.cli.base import EXIT_DATA, Command, CommandModule, UserError, data_option
from companion.cli.language import choose_language
from companion.i18n import LANGUAGES, t

# The commands in the order --help lists them.
COMMANDS: Final[tuple[CommandModule, ...]] = (
    demo,
    roster,
    export,
    journal,
    report,
    year,
    backup,
    import_data,
    purge,
    encryption,
    serve,
    shortcut,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="companion", description=t("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("cli.version_help")
    )
    data_option(parser, t("cli.data_help"), top=True)
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    # --lang also chooses the language of --help and of argparse's complaints.
    choose_language(raw)
    args = build_parser().parse_args(raw)
    run: Command = getattr(args, "run", start.run_app)  # no command: the app
    return _run(run, args)


def _run(run: Command, args: argparse.Namespace) -> int:
    """Runs the command; what went wrong is said in one sentence on stderr."""
    from companion.clock import clock_from_environment
    from companion.store import DataFileError

    try:
        clock = clock_from_environment()
        return run(args, clock)
    except DataFileError as error:
        print(error.message(), file=sys.stderr)
        start.hold_for_reading(args.command)
    except UserError as error:
        print(error, file=sys.stderr)
    except ValueError as error:  # e.g. a malformed COMPANION_TODAY
        print(t("cli.bad_value", detail=str(error)), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_DATA
