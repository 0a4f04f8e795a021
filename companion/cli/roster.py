"""`companion roster import FILE`: a CSV class list into the class, duplicates skipped."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import (
    EXIT_OK,
    Subcommands,
    UserError,
    command_group,
    command_of,
    data_option,
    warn_about_clock,
)
from companion.i18n import os_error_text, t

if TYPE_CHECKING:
    from companion.clock import Clock


def register(commands: Subcommands) -> None:
    roster = command_group(commands, "roster", t("cli.roster_help"))
    importer = command_of(roster, "import", t("cli.import_help"))
    importer.add_argument("file", type=Path, metavar="FILE")
    data_option(importer, t("cli.data_help"))
    importer.set_defaults(run=run_roster_import)


def run_roster_import(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.unlocking import open_store
    from companion.clock import today
    from companion.domain.roster_import import MAX_FILE_BYTES, parse_roster, plan_import
    from companion.reports.roster_import import format_report
    from companion.store import default_data_path
    from companion.store.paths import read_bounded

    source: Path = args.file
    try:
        payload = read_bounded(source, MAX_FILE_BYTES)
    except OSError as error:
        raise UserError(
            t("cli.cannot_read", path=str(source), detail=os_error_text(error))
        ) from error
    parsed = parse_roster(payload, today=today(clock))
    if parsed.error is not None:
        # A file that is no class list leaves the data file alone: not even created.
        raise UserError(format_report(plan_import(parsed, [])))
    with open_store(args.data or default_data_path(), args, today=today(clock)) as store:
        warn_about_clock(store)
        plan = plan_import(parsed, store.children.all(include_archived=True))
        store.children.add_many(plan.to_add)
    print(format_report(plan))
    return EXIT_OK
