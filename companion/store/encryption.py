"""Turning encryption at rest on and off, and changing the passphrase: every file of the
data folder rewritten (the live file, every archive, every backup), kill-safe.

The bytes are made in codec/crypto.py; here the files are walked. Each file is replaced
atomically (codec bytes -> files.atomic_write: temp, fsync, rename, fsync folder), so
after a kill at any moment every file holds its old or its new bytes: plaintext or
encrypted (encrypt, decrypt), or under the old or the new passphrase (passphrase).

While a change runs, a marker beside the data file (`companion.json.encryption`, 0600)
says which change it is and the KDF salt and parameters the new files get (nothing
secret). `Store.open` refuses to open while it is there (DataFileEncryptionUnfinished:
"run companion <change> again"), and the same command, run again, finishes: a file
already under the marker's salt that the (new) passphrase opens is done, the others are
rewritten. Nothing is written before every file has been checked: a wrong passphrase, a
damaged or tampered file stops the change before it begins, naming the file.

A backup is a byte copy of an encrypted file, so it opens only with the passphrase it
was written under; since every change rewrites every backup too, all of them open with
the current passphrase (a backup copied in from elsewhere says "wrong passphrase" and
is not restored).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Final

from companion.store.codec import read_file
from companion.store.codec.crypto import (
    Change,
    Keyring,
    PendingChange,
    Sealing,
    decode_pending,
    encode_pending,
    is_encrypted,
    is_sealed,
    parse_header,
    pending_of,
    unseal,
)
from companion.store.errors import (
    DataFileEncryptionUnfinished,
    DataFileUnwritable,
    DataFileWrongPassphrase,
)
from companion.store.files import (
    _fsync_folder,
    archive_dir_for,
    atomic_write,
    backup_dir_for,
    remove_stale_temps,
)
from companion.store.opening import follow_link, holding_lock, remove_stale_temp_files
from companion.store.paths import check_data_target

__all__ = [
    "Keyring",
    "change_passphrase",
    "decrypt",
    "encrypt",
    "files_of",
    "is_encrypted",
    "marker_path_for",
    "pending_change",
    "read_any",
    "refuse_unfinished_change",
    "unlocks",
    "write_like",
]

# Only for the tests that kill a change half-way: seconds to wait after each file.
SLOW_FOR_TESTS: Final = "COMPANION_TEST_SLOW_REKEY"


def marker_path_for(path: Path) -> Path:
    """The marker of a change under way: companion.json.encryption."""
    return path.with_name(f"{path.name}.encryption")


def pending_change(path: Path) -> PendingChange | None:
    """The change a kill cut short, or None. A marker that cannot be read is taken as a
    passphrase change (the command that finishes it asks for both passphrases)."""
    marker = marker_path_for(path)
    try:
        if not marker.is_file():
            return None
    except (OSError, ValueError):  # a name too long: the open that follows says so
        return None
    try:
        found = decode_pending(marker.read_bytes())
    except OSError:
        found = None
    return found or PendingChange("passphrase")


def refuse_unfinished_change(path: Path) -> None:
    """DataFileEncryptionUnfinished when a change of the encryption was cut short."""
    pending = pending_change(path)
    if pending is not None:
        raise DataFileEncryptionUnfinished(path, pending.change)


def unlocks(path: Path, keyring: Keyring) -> bool:
    """Whether `keyring` opens the encrypted data file at `path` (its key check; the KDF
    runs once, its key kept in the keyring for the open that follows). A plaintext file:
    True. Raises DataFileError when the file cannot be read or its header is damaged."""
    data = read_file(path)
    return not is_sealed(data) or keyring.unlocks(parse_header(path, data))


def read_any(path: Path, keyring: Keyring | None) -> tuple[bytes, Sealing | None]:
    """The plaintext of any file of the data folder (a backup, an archive) and how to
    write it again as it is (its sealing; None: plaintext). For the code that rewrites
    files outside the store's own path (purge, restore): DataFileError when it cannot."""
    return unseal(path, read_file(path), keyring)


def write_like(path: Path, payload: bytes, sealing: Sealing | None) -> None:
    """Write `payload` atomically as the file was: encrypted under its own header (a
    fresh nonce) when it had a sealing, else plaintext."""
    atomic_write(path, payload if sealing is None else sealing.seal(payload))


def files_of(path: Path) -> list[Path]:
    """Every file of the data folder that holds class data: the live file, its archives
    and its backups (ordinary files named *.json, not the hidden temp files)."""
    found = [path] if path.is_file() else []
    for folder in (archive_dir_for(path), backup_dir_for(path)):
        if folder.is_dir() and not folder.is_symlink():
            found += sorted(
                entry
                for entry in folder.iterdir()
                if entry.name.endswith(".json")
                and not entry.name.startswith(".")
                and entry.is_file()
                and not entry.is_symlink()
            )
    return found


def encrypt(path: Path, new: Keyring) -> int:
    """Encrypt every file of the data folder with `new`; returns how many were written."""
    return _change(path, "encrypt", None, new)


def decrypt(path: Path, old: Keyring) -> int:
    """Write every file of the data folder as plaintext again."""
    return _change(path, "decrypt", old, None)


def change_passphrase(path: Path, old: Keyring, new: Keyring) -> int:
    """Encrypt every file again, under `new` (a new KDF salt)."""
    return _change(path, "passphrase", old, new)


def _change(path: Path, change: Change, old: Keyring | None, new: Keyring | None) -> int:
    path = Path(path).expanduser()
    check_data_target(path)
    path = follow_link(path)
    with holding_lock(path):
        try:
            return _change_locked(path, change, old, new)
        except OSError as error:
            raise DataFileUnwritable(path, error) from error


def _change_locked(path: Path, change: Change, old: Keyring | None, new: Keyring | None) -> int:
    marker = marker_path_for(path)
    remove_stale_temp_files(path)
    remove_stale_temps(marker)
    pending = pending_change(path)
    if pending is not None and pending.change != change:
        raise DataFileEncryptionUnfinished(path, pending.change)
    if new is not None:
        target = pending.target() if pending is not None else None
        if target is not None:
            new.target = target
        else:
            new.fresh_target()
    # Every file checked before anything is written: a wrong passphrase, a damaged or
    # tampered file stops here, and nothing has changed.
    to_write = [file for file in files_of(path) if not _done(file, read_file(file), old, new)]
    if pending is None:
        atomic_write(marker, encode_pending(pending_of(new, change)))
    pause = float(os.environ.get(SLOW_FOR_TESTS, "0") or 0)
    for file in to_write:
        payload, _ = unseal(file, read_file(file), old)
        atomic_write(file, payload if new is None else new.new_file().seal(payload))
        if pause:
            time.sleep(pause)
    marker.unlink()
    with contextlib.suppress(OSError):
        _fsync_folder(path.parent)
    return len(to_write)


def _done(file: Path, data: bytes, old: Keyring | None, new: Keyring | None) -> bool:
    """True when `file` is as the change leaves it (a run cut short wrote it already);
    otherwise it is opened with `old` (raising what is wrong) and False."""
    if new is None:
        if not is_sealed(data):
            return True
    elif is_sealed(data):
        header = parse_header(file, data)
        if (header.kdf_salt, header.params) == new.target:
            if not new.unlocks(header):
                raise DataFileWrongPassphrase(file)  # not the passphrase chosen at first
            return True
    unseal(file, data, old)
    return False
