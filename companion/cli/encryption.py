"""`companion encrypt`, `companion decrypt`, `companion passphrase`: encryption at rest
turned on, off, or its passphrase changed, for every file of the data folder (the data
file, its archives and its backups; store/encryption.py). A change cut short by a kill
is finished by the same command run again (the data file says which)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.base import EXIT_OK, Subcommands, UserError, data_option
from companion.cli.unlocking import ask, given_passphrase, keyring_for, read_passphrase_file
from companion.i18n import t

if TYPE_CHECKING:
    from companion.clock import Clock
    from companion.store.encryption import Keyring


def register(commands: Subcommands) -> None:
    for name, run in (("encrypt", run_encrypt), ("decrypt", run_decrypt)):
        parser = commands.add_parser(
            name,
            help=t(f"encryption.cli.{name}_help"),
            description=t(f"encryption.cli.{name}_description"),
        )
        data_option(parser, t("cli.data_help"))
        parser.set_defaults(run=run)
    change = commands.add_parser(
        "passphrase",
        help=t("encryption.cli.passphrase_help"),
        description=t("encryption.cli.passphrase_description"),
    )
    data_option(change, t("cli.data_help"))
    change.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=t("encryption.cli.new_passphrase_file_help"),
    )
    change.set_defaults(run=run_passphrase)


def _data_path(args: argparse.Namespace) -> Path:
    from companion.store import default_data_path
    from companion.store.paths import check_data_target

    path: Path = args.data or default_data_path()
    check_data_target(path)
    if not path.is_file():
        raise UserError(t("cli.no_data_file", path=str(path)))
    return path


def _unfinished(path: Path, change: str) -> bool:
    """True when this very change was cut short (then it is finished); another change
    cut short is said, and nothing is done."""
    from companion.store.encryption import pending_change

    pending = pending_change(path)
    if pending is None:
        return False
    if pending.change != change:
        raise UserError(t("encryption.cli.other_unfinished", command=pending.change))
    print(t("encryption.cli.finishing", command=change), file=sys.stderr)
    return True


def new_passphrase(file: Path | None, args: argparse.Namespace | None) -> str:
    """A new passphrase: from a file or the environment (scripts), or typed twice."""
    from companion.store.codec.crypto import MIN_PASSPHRASE

    if file is not None:
        chosen: str | None = read_passphrase_file(file)
    else:
        chosen = given_passphrase(args) if args is not None else None
    if chosen is None:
        chosen = ask(t("encryption.cli.new_prompt"))
        if len(chosen) >= MIN_PASSPHRASE and ask(t("encryption.cli.again_prompt")) != chosen:
            raise UserError(t("encryption.cli.not_the_same"))
    if not chosen.strip():
        raise UserError(t("encryption.cli.empty"))
    if len(chosen) < MIN_PASSPHRASE:
        raise UserError(t("encryption.cli.too_short", least=MIN_PASSPHRASE))
    return chosen


def _current(path: Path, args: argparse.Namespace, resuming: bool) -> Keyring:
    """The passphrase the files are encrypted with now (checked, three tries), or, when
    a change is being finished, as given (each file still to do is checked with it)."""
    from companion.store.encryption import Keyring

    if resuming:
        given = given_passphrase(args)
        return Keyring.of(given if given is not None else ask(t("encryption.cli.old_prompt")))
    keyring = keyring_for(path, args)
    if keyring is None:
        raise UserError(t("encryption.cli.not_encrypted", path=str(path)))
    return keyring


def run_encrypt(args: argparse.Namespace, clock: Clock) -> int:
    from companion.store.encryption import Keyring, encrypt, is_encrypted

    path = _data_path(args)
    resuming = _unfinished(path, "encrypt")
    if not resuming and is_encrypted(path):
        raise UserError(t("encryption.cli.already_encrypted", path=str(path)))
    written = encrypt(path, Keyring.of(new_passphrase(None, args)))
    print(t("encryption.cli.encrypted", files=written, path=str(path)))
    return EXIT_OK


def run_decrypt(args: argparse.Namespace, clock: Clock) -> int:
    from companion.store.encryption import decrypt

    path = _data_path(args)
    resuming = _unfinished(path, "decrypt")
    written = decrypt(path, _current(path, args, resuming))
    print(t("encryption.cli.decrypted", files=written, path=str(path)))
    return EXIT_OK


def run_passphrase(args: argparse.Namespace, clock: Clock) -> int:
    from companion.store.encryption import Keyring, change_passphrase

    path = _data_path(args)
    resuming = _unfinished(path, "passphrase")
    old = _current(path, args, resuming)
    new = Keyring.of(new_passphrase(args.new_passphrase_file, None))
    written = change_passphrase(path, old, new)
    print(t("encryption.cli.changed", files=written, path=str(path)))
    return EXIT_OK
