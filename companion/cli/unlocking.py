"""The passphrase of an encrypted data file, for every command that opens the data: one
way for all of them (and for the app's start, before its own screen asks).

In this order: `--passphrase-file FILE` (restic's convention: the first line of a file
only its owner may read, 0600), then the environment variable COMPANION_PASSPHRASE, then
asked on the terminal (masked, getpass; three tries). A plaintext data file needs none
of them and opens as before. The passphrase is never stored, logged or printed.

Nothing here imports the store before it is called: --help stays quick.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from getpass import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from companion.cli.base import UserError
from companion.i18n import os_error_text, t

if TYPE_CHECKING:
    from datetime import date

    from companion.store import Store
    from companion.store.encryption import Keyring

PASSPHRASE_ENV: Final = "COMPANION_PASSPHRASE"
TRIES: Final = 3
MAX_PASSPHRASE_FILE: Final = 4096


def read_passphrase_file(file: Path) -> str:
    """The first line of `file`; refused (one sentence) when others may read it, when it
    is no ordinary file, or when it is empty."""
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(t("encryption.cli.file_not_regular", path=str(file)))
        if os.name == "posix" and info.st_mode & 0o077:
            raise UserError(
                t("encryption.cli.file_too_open", path=str(file), mode=oct(info.st_mode & 0o777))
            )
        with open(file, "rb") as opened:
            payload = opened.read(MAX_PASSPHRASE_FILE)
    except OSError as error:
        raise UserError(
            t("cli.cannot_read", path=str(file), detail=os_error_text(error))
        ) from error
    try:
        line = payload.decode("utf-8-sig").splitlines()[0] if payload.strip() else ""
    except UnicodeDecodeError as error:
        raise UserError(t("encryption.cli.file_not_utf8", path=str(file))) from error
    if not line:
        raise UserError(t("encryption.cli.file_empty", path=str(file)))
    return line


def given_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase a script gave (--passphrase-file, then COMPANION_PASSPHRASE)."""
    file: Path | None = getattr(args, "passphrase_file", None)
    if file is not None:
        return read_passphrase_file(file)
    from_environment = os.environ.get(PASSPHRASE_ENV)
    return from_environment or None


def ask(prompt: str) -> str:
    """A passphrase typed on the terminal, masked; a UserError without a terminal."""
    if not sys.stdin.isatty():
        raise UserError(t("encryption.cli.no_terminal"))
    try:
        return getpass(prompt)
    except EOFError as error:
        raise UserError(t("encryption.cli.no_terminal")) from error


def keyring_for(path: Path, args: argparse.Namespace) -> Keyring | None:
    """The keyring that opens the data file at `path`, or None when it is not encrypted
    (or not there: the open that follows says so). A wrong passphrase given by a script
    is DataFileWrongPassphrase; typed, it is asked again, TRIES times in all."""
    from companion.store.encryption import Keyring, is_encrypted, unlocks
    from companion.store.errors import DataFileWrongPassphrase

    if not is_encrypted(path):
        return None
    given = given_passphrase(args)
    if given is not None:
        keyring = Keyring.of(given)
        if not unlocks(path, keyring):
            raise DataFileWrongPassphrase(path)
        return keyring
    if not sys.stdin.isatty():
        raise UserError(t("encryption.cli.needs_passphrase", path=str(path)))
    for attempt in range(1, TRIES + 1):
        keyring = Keyring.of(ask(t("encryption.cli.prompt", path=str(path))))
        if unlocks(path, keyring):
            return keyring
        if attempt < TRIES:
            print(t("encryption.cli.wrong_try"), file=sys.stderr)
    raise UserError(t("encryption.cli.three_wrong", path=str(path)))


def open_store(path: Path, args: argparse.Namespace, *, today: date, backup: bool = True) -> Store:
    """`Store.open`, with the passphrase when the data file is encrypted."""
    from companion.store import Store

    return Store.open(path, today=today, backup=backup, keyring=keyring_for(path, args))
