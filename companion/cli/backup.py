"""`companion backup list` and `companion backup restore BACKUP`: the backups beside the
data file, each decoded and counted; one put back after the teacher said yes (on a
terminal, or with --yes), what was there kept as a backup first."""

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
    from companion.store.backups import BackupInfo, Counts
    from companion.store.codec.crypto import Keyring


def register(commands: Subcommands) -> None:
    backup = command_group(commands, "backup", t("backup.cli_help"))
    listing = command_of(backup, "list", t("backup.cli_list_help"))
    data_option(listing, t("cli.data_help"))
    listing.set_defaults(run=run_backup_list)
    restore = command_of(backup, "restore", t("backup.cli_restore_help"))
    restore.add_argument("backup", metavar="BACKUP", help=t("backup.cli_backup_arg"))
    data_option(restore, t("cli.data_help"))
    restore.add_argument("--yes", action="store_true", help=t("backup.cli_yes_help"))
    restore.set_defaults(run=run_backup_restore)


# -- the commands ---------------------------------------------------------------------------


def _keyring(path: Path, args: argparse.Namespace) -> Keyring | None:
    """The passphrase of an encrypted data file, for its encrypted backups (asked as
    every command asks it); None when the file is not encrypted or cannot be judged."""
    from companion.cli.unlocking import keyring_for
    from companion.store.errors import DataFileCorrupt

    try:
        return keyring_for(path, args)
    except DataFileCorrupt:  # a damaged data file: its backups are what she needs
        return None


def _data_path(args: argparse.Namespace) -> Path:
    from companion.store import default_data_path
    from companion.store.paths import check_data_target

    path: Path = args.data or default_data_path()
    check_data_target(path)
    return path


def run_backup_list(args: argparse.Namespace, clock: Clock) -> int:
    from companion.store.backup_texts import backup_line
    from companion.store.backups import list_backups
    from companion.store.files import backup_dir_for

    path = _data_path(args)
    backups = list_backups(path, _keyring(path, args))
    if not backups:
        print(t("backup.none", path=str(path)))
        return EXIT_OK
    print(t("backup.folder", folder=str(backup_dir_for(path))))
    for number, info in enumerate(backups, start=1):
        print(backup_line(number, info))
    print(t("backup.hint"))
    return EXIT_OK


def run_backup_restore(args: argparse.Namespace, clock: Clock) -> int:
    from companion.store.backup_texts import (
        problem_text,
        reason_text,
        replaces_text,
        when_text,
    )
    from companion.store.backups import counts_of, list_backups, restore, target_of
    from companion.store.errors import DataFileError

    path = _data_path(args)
    wanted: str = args.backup
    keyring = _keyring(path, args)
    backups = list_backups(path, keyring)
    number, info = _find(backups, wanted)
    if info is None:
        raise UserError(t("backup.not_found", wanted=wanted, path=str(path)))
    if info.problem is not None:  # refused before anything is touched
        reason = problem_text(info.problem)
        raise UserError(t("backup.cannot_restore", name=info.path.name, reason=reason))
    assert info.counts is not None
    target = target_of(path, info)
    print(t("backup.confirm_what", number=number, when=when_text(info), reason=reason_text(info)))
    print(replaces_text(path, info))
    now: Counts | str
    if not target.exists():
        now = t("backup.now_missing")
    else:
        try:
            now = counts_of(target, info.year, keyring)
        except DataFileError:
            now = t("backup.now_unreadable")
    for what, then_count, now_count in _rows(info.counts, now):
        print(t("backup.now_vs_then", what=what, now=now_count, then=then_count))
    print(t("backup.kept_first"))
    if not args.yes and not _confirmed():
        return EXIT_USAGE if not sys.stdin.isatty() else EXIT_OK
    done = restore(path, info, keyring)
    print(t("backup.done", path=str(done.target), backup=info.path.name))
    if done.undo is not None:
        print(t("backup.undo", name=done.undo.name, path=str(path.absolute())))
    return EXIT_OK


def _find(backups: list[BackupInfo], wanted: str) -> tuple[int, BackupInfo | None]:
    if wanted.isascii() and wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(backups):
            return number, backups[number - 1]
        return number, None
    name = Path(wanted).name
    for number, info in enumerate(backups, start=1):
        if info.path.name == name:
            return number, info
    return 0, None


def _rows(then: Counts, now: Counts | str) -> list[tuple[str, str, str]]:
    """(what, in the backup, now) for each count the backup has."""
    labels = {
        field: t(f"backup.label.{field}") for field in ("children", "ticks", "journal_entries")
    }
    rows = []
    for field, label in labels.items():
        value = getattr(then, field)
        if value is None:
            continue
        current = now if isinstance(now, str) else str(getattr(now, field))
        rows.append((label, str(value), current))
    return rows


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        print(t("backup.needs_yes"), file=sys.stderr)
        return False
    try:
        answer = input(t("backup.question")).strip().lower()
    except EOFError:
        answer = ""
    if answer in t("backup.yes_answers").split(","):
        return True
    print(t("backup.kept"))
    return False
