"""What every command shares: exit codes, the one-sentence error, --data, whole numbers.

Nothing here imports the store or Textual, nor even typing or pathlib: `companion
--version` and `--help` stay quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from companion.i18n import os_error_text, t

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without typing's import
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Final, Protocol, TypeAlias

    from companion.clock import Clock
    from companion.store import Store

    class CommandModule(Protocol):
        """A module of this package that adds a command: its parser, with `run` as default."""

        def register(self, commands: Subcommands) -> None: ...


EXIT_OK: Final = 0
EXIT_DATA: Final = 1
EXIT_USAGE: Final = 2

# What a command module hands to `register`, and what its parser runs.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command: TypeAlias = Callable[[argparse.Namespace, "Clock"], int]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own, as wide as it would make it, without importing shutil to measure
    the terminal (shutil brings zlib, bz2 and lzma: a tenth of `companion --help`)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the width of the terminal on
    stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit 1."""


def command_group(commands: Subcommands, name: str, help_text: str) -> Subcommands:
    """A command made of commands (`companion year close`, `companion roster import`):
    its own COMMAND is required, so `companion year` alone says what it takes."""
    group = commands.add_parser(name, help=help_text)
    return group.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def command_of(group: Subcommands, name: str, help_text: str) -> argparse.ArgumentParser:
    """One command of a group, its help also the description of its own --help."""
    return group.add_parser(name, help=help_text, description=help_text)


def data_option(
    parser: argparse.ArgumentParser, default_help: str, top: bool = False, passphrase: bool = True
) -> None:
    """--data, and with it --passphrase-file (for an encrypted data file: cli/unlocking.py)."""
    # SUPPRESS on subcommands, so `companion --data X export` keeps the X given before it.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data", type=path_argument, metavar="PATH", default=default, help=default_help
    )
    if passphrase:
        parser.add_argument(
            "--passphrase-file",
            type=path_argument,
            metavar="F",  # short: a usage line with it still fits 80 columns
            default=default,
            help=t("encryption.cli.passphrase_file_help"),
        )


def path_argument(text: str) -> Path:
    """An argparse type: a path, as `type=Path` gives it (pathlib imported only then)."""
    from pathlib import Path

    return Path(text)


def whole_number(bounds: tuple[int, int] | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number, within `bounds` (both included) when given.

    Anything else is a usage error (exit 2) that says what is wanted, in the chosen
    language, as argparse says it for every other option.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if bounds is None:
            if value is None:
                raise argparse.ArgumentTypeError(t("cli.whole_number", value=text))
            return value
        low, high = bounds
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t("cli.number_in_range", value=text, low=low, high=high)
            )
        return value

    return parse


def warn_about_clock(store: Store) -> None:
    """A computer date that does not fit the data is said on stderr (nothing moves)."""
    from companion.reports.school_year import clock_doubt_text

    doubt = store.school_years.clock_doubt()
    if doubt is not None:
        print(f"{clock_doubt_text(doubt)} {t('year.clock_nothing_moved')}", file=sys.stderr)


def require_data_file(path: Path) -> None:
    """A command that reads the class refuses, in one sentence, a data file that is not
    there yet (never a new empty class made by reading); a broken link is left to the
    store, which names it."""
    try:
        exists = path.exists() or path.is_symlink()
    except OSError as error:
        raise UserError(
            t("cli.cannot_read", path=str(path), detail=os_error_text(error))
        ) from error
    if not exists:
        raise UserError(t("cli.no_data_file", path=str(path)))
