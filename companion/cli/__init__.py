"""Command line: `companion`, `demo`, `roster import`, `export`, `journal add|list`,
`report child|class|handover`, `year close`, `backup list|restore`.

One module per command, each adding its own parser (`register`) with the function it
runs; a new command is a module here and one line in COMMANDS. A command's module is
imported only when that command is given: `companion --help` lists every command by its
one line of help, and `--version` and `--help` import neither the commands nor the store
nor Textual (Textual only when the app starts, start.py).
"""

from __future__ import annotations

import argparse
import gc
import sys

from companion import __version__
from companion.cli.base import EXIT_DATA, HelpFormatter, UserError, data_option
from companion.cli.language import choose_language
from companion.i18n import LANGUAGES, t

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without typing's import (`companion --help`)
if TYPE_CHECKING:
    from collections.abc import Collection, Sequence
    from typing import Final

    from companion.cli.base import Command, CommandModule


# The commands in the order --help lists them: each its name, its one line of help (the
# one its module gives its parser; a test checks they agree) and the module of this
# package that adds its parser when the command is given (one may add several).
COMMANDS: Final[tuple[tuple[str, str, str], ...]] = (
    ("demo", "cli.demo_help", "demo"),
    ("roster", "cli.roster_help", "roster"),
    ("export", "cli.export_help", "export"),
    ("journal", "cli.journal_help", "journal"),
    ("report", "cli.report_help", "report"),
    ("year", "year.cli_help", "year"),
    ("backup", "backup.cli_help", "backup"),
    ("import", "backup.import.cli_help", "import_data"),
    ("purge", "purge.cli_help", "purge"),
    ("encrypt", "encryption.cli.encrypt_help", "encryption"),
    ("decrypt", "encryption.cli.decrypt_help", "encryption"),
    ("passphrase", "encryption.cli.passphrase_help", "encryption"),
    ("serve", "serve.help", "serve"),
    ("shortcut", "shortcut.help", "shortcut"),
)


def build_parser(given: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the full parser of each command in `given` (all when None); every
    other command only named, with its help, for the list of --help."""
    parser = argparse.ArgumentParser(
        prog="companion", description=t("cli.description"), formatter_class=HelpFormatter
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("cli.version_help")
    )
    data_option(parser, t("cli.data_help"), top=True)
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang_help"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {module for name, _, module in COMMANDS if given is None or name in given}
    registered: set[str] = set()
    for name, help_key, module in COMMANDS:
        if module not in modules:
            # Only named: it takes whatever follows it, the parse that knows it judges that.
            commands.add_parser(name, help=t(help_key), add_help=False)
        elif module not in registered:
            command_module(module).register(commands)
            registered.add(module)
    return parser


def command_module(name: str) -> CommandModule:
    from importlib import import_module

    module: CommandModule = import_module(f"companion.cli.{name}")
    return module


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    # --lang also chooses the language of --help and of argparse's complaints.
    choose_language(raw)
    # First the parser that only names the commands (its --version, its --help and a
    # mistake before the command end it here), then with the full parser of the one given.
    parser = build_parser(given=())
    command: str | None = parser.parse_known_args(raw)[0].command
    if command is not None:
        parser = build_parser(given=(command,))
    args = parser.parse_args(raw)
    if command is None:  # no command: the app
        from companion.cli.start import run_app

        # What the start makes lives as long as the app: no collection until its first
        # frame is drawn (then app/collector.py turns it on, and collects ahead in pauses).
        gc.disable()
        return _run(run_app, args)
    run: Command = args.run
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
        from companion.cli.start import hold_for_reading

        hold_for_reading(args.command)
    except UserError as error:
        print(error, file=sys.stderr)
    except ValueError as error:  # e.g. a malformed COMPANION_TODAY
        print(t("cli.bad_value", detail=str(error)), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_DATA
