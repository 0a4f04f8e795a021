"""`companion year close`: school years before today's move into the archive, after the
teacher said yes (on a terminal, or with --yes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import (
    EXIT_OK,
    EXIT_USAGE,
    Subcommands,
    UserError,
    command_group,
    command_of,
    data_option,
)
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock


def register(commands: Subcommands) -> None:
    year = command_group(commands, "year", t("year.cli_help"))
    close = command_of(year, "close", t("year.cli_close_help"))
    data_option(close, t("cli.data_help"))
    close.add_argument("--yes", action="store_true", help=t("year.cli_yes_help"))
    close.set_defaults(run=run_year_close)


def run_year_close(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.domain.calendar import school_year_label
    from companion.reports.school_year import closing_text, years_text
    from companion.store import default_data_path

    path: Path = args.data or default_data_path()
    if not path.exists():
        raise UserError(t("cli.no_data_file", path=str(path)))
    # A backup of the file as it was (once a day) is made before anything moves.
    with open_store(path, args, today=today(clock)) as store:
        summary = store.school_years.closing_summary()
        refusal = store.school_years.closing_refusal()
        if refusal is not None:
            raise refusal  # a doubtful date, a read-only file: said, exit 1
        if not summary.years:
            label = school_year_label(store.current_year)
            print(t("year.nothing_to_close", current=label))
            return EXIT_OK
        print(t("year.offer_question", years=years_text(summary.years)))
        print(closing_text(summary))
        print(t("year.archive_at", path=str(store.school_years.archive_dir)))
        if not args.yes and not _confirmed():
            return EXIT_USAGE if not sys.stdin.isatty() else EXIT_OK
        closed = store.school_years.close(summary.years)
    print(t("year.closed_done", years=years_text(closed.years)))
    return EXIT_OK


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        print(t("year.cli_needs_yes"), file=sys.stderr)
        return False
    try:
        answer = input(t("year.cli_confirm")).strip().lower()
    except EOFError:
        answer = ""
    if answer in t("year.cli_yes_answers").split(","):
        return True
    print(t("year.cli_kept"))
    return False
