"""`companion import FILE [--data PATH] [--merge]`: what `companion export` wrote, read
back into a data file: an empty one (built beside it and put in place whole), or with
--merge what it does not have yet. Refused in one sentence: not an export, a newer
schema, a bad entry, or a data file that holds a class without --merge."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_OK, Subcommands, UserError, data_option
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock
    from companion.store.importing import Imported


def register(commands: Subcommands) -> None:
    command = commands.add_parser(
        "import", help=t("backup.import.cli_help"), description=t("backup.import.cli_help")
    )
    command.add_argument("file", type=Path, metavar="FILE", help=t("backup.import.cli_file_arg"))
    data_option(command, t("cli.data_help"))
    command.add_argument("--merge", action="store_true", help=t("backup.import.cli_merge_help"))
    command.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, clock: Clock) -> int:
    from companion.cli.unlocking import keyring_for
    from companion.clock import today
    from companion.store import default_data_path
    from companion.store.errors import (
        DataFileBadEntry,
        DataFileError,
        DataFileForeign,
        DataFileTooNew,
    )
    from companion.store.importing import import_export
    from companion.store.schema import SCHEMA_VERSION

    path: Path = args.data or default_data_path()
    source: Path = args.file
    try:
        keyring = keyring_for(path, args)  # an encrypted data file stays encrypted
        done = import_export(path, source, today=today(clock), merge=args.merge, keyring=keyring)
    except DataFileError as error:
        if error.path != source:
            raise  # the data file's own problem (locked, unwritable, ...), said as it is
        if isinstance(error, DataFileTooNew):
            raise UserError(
                t(
                    "backup.import.too_new",
                    path=str(source),
                    version=error.detail,
                    current=SCHEMA_VERSION,
                )
            ) from error
        if isinstance(error, DataFileBadEntry):
            problem = error.detail_in()
            if error.problem.reason in ("not_json", "top_not_object", "too_deep"):
                raise UserError(
                    t("backup.import.not_export", path=str(source), detail=problem)
                ) from error
            raise UserError(
                t("backup.import.bad_entry", path=str(source), detail=problem)
            ) from error
        if isinstance(error, DataFileForeign):
            raise UserError(t("backup.import.not_export_plain", path=str(source))) from error
        detail = error.detail_in()
        raise UserError(t("backup.import.not_export", path=str(source), detail=detail)) from error
    _report(done, source)
    return EXIT_OK


def _report(done: Imported, source: Path) -> None:
    from companion.store.backup_texts import counts_text

    if done.new_file:
        key = "backup.import.done_new_one" if done.years == 1 else "backup.import.done_new"
        print(
            t(
                key,
                source=str(source),
                path=str(done.path),
                counts=counts_text(done.counts),
                years=done.years,
            )
        )
        return
    print(t("backup.import.merged", source=str(source), path=str(done.path)))
    if done.added:
        print(t("backup.import.added", what=_tables(done.added)))
    else:
        print(t("backup.import.nothing_added"))
    if done.already:
        print(t("backup.import.already", what=_tables(done.already)))


def _tables(counted: dict[str, int]) -> str:
    return ", ".join(
        f"{t(f'backup.import.table.{name}')} {count}" for name, count in counted.items()
    )
