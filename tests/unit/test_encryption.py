"""Encryption at rest against the real store on disk: encrypt every file of the data
folder, reopen with the right, a wrong or no passphrase; a flipped byte of the ciphertext
and of the header each said in their own words, the file left as it was; a new
passphrase; back to plaintext; every file written 0600 in 0700 folders."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from companion.domain.abc import AbcDay
from companion.domain.children import ChildDraft
from companion.store import Store
from companion.store.codec import encode_export
from companion.store.codec.crypto import (
    ARGON2ID,
    HEADER_BYTES,
    MAGIC,
    NONCE_BYTES,
    KdfParams,
    Keyring,
    default_params,
    parse_header,
)
from companion.store.encryption import (
    change_passphrase,
    decrypt,
    encrypt,
    files_of,
    is_encrypted,
    marker_path_for,
)
from companion.store.errors import (
    DataFileCryptoDamaged,
    DataFileEncryptionUnfinished,
    DataFilePassphraseNeeded,
    DataFileTampered,
    DataFileWrongPassphrase,
)
from companion.store.files import archive_dir_for, backup_dir_for

TODAY = date(2026, 3, 2)  # school year 2025-2026
# The tests stretch passphrases cheaply; the real parameters are measured in benchmarks/.
FAST = KdfParams(ARGON2ID, 1, 1, 8 * 1024)
SECRET = "klaproos in de wind"
OTHER = "zonnebloem 2027!"
NAMES = ("Zoë", "Jérôme", "Peeters")
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def keyring(passphrase: str = SECRET) -> Keyring:
    return Keyring.of(passphrase, FAST)


def make_class(path: Path) -> None:
    """A class with a closed school year (an archive), a draft and a backup."""
    with Store.open(path, today=TODAY) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters"))
        store.children.add(ChildDraft("Jérôme", "Peeters"))
        store.school_years.load_history(
            [
                AbcDay(zoe.id, date(2024, 10, 7)).toggled("day", "touch"),
                AbcDay(zoe.id, TODAY).toggled("day", "smile"),
            ]
        )
    with Store.open(path, today=TODAY):  # the backups folder now holds a copy of each
        pass


def snapshot(path: Path) -> dict[Path, bytes]:
    return {file: file.read_bytes() for file in files_of(path)}


def exported(path: Path, ring: Keyring | None = None) -> bytes:
    with Store.open(path, today=TODAY, backup=False, keyring=ring) as store:
        document = store.export_document()
    document.pop("exported_at", None)
    return encode_export(document)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "klas" / "companion.json"
    make_class(path)
    return path


def test_every_file_of_the_folder_is_encrypted_and_reopens_with_the_passphrase(
    data: Path,
) -> None:
    before = exported(data)
    files = files_of(data)
    assert data in files and len(files) >= 3  # the live file, an archive, backups
    assert any(file.parent == archive_dir_for(data) for file in files)
    assert any(file.parent == backup_dir_for(data) for file in files)
    assert encrypt(data, keyring()) == len(files)
    for file in files:
        raw = file.read_bytes()
        assert raw.startswith(MAGIC) and is_encrypted(file)
        assert not any(name.encode() in raw for name in NAMES)
    assert not marker_path_for(data).exists()
    assert exported(data, keyring()) == before


def test_the_folder_shares_one_kdf_salt_and_each_file_has_its_own(data: Path) -> None:
    encrypt(data, keyring())
    headers = [parse_header(file, file.read_bytes()) for file in files_of(data)]
    assert len({header.kdf_salt for header in headers}) == 1
    assert len({header.file_salt for header in headers}) == len(headers)


def test_a_save_keeps_the_salt_and_takes_a_fresh_nonce(data: Path) -> None:
    encrypt(data, keyring())
    first = data.read_bytes()
    with Store.open(data, today=TODAY, keyring=keyring()) as store:
        assert store.encrypted
        store.children.add(ChildDraft("Anaïs", "Çelik"))
    second = data.read_bytes()
    assert second[:HEADER_BYTES] == first[:HEADER_BYTES]
    nonce = slice(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES)
    assert second[nonce] != first[nonce]
    assert b"Ana" not in second
    with Store.open(data, today=TODAY, keyring=keyring()) as store:
        assert "Anaïs" in {child.first_name for child in store.children.all()}


def test_a_year_closed_while_encrypted_is_archived_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    with Store.open(path, today=date(2025, 3, 3)) as store:
        zoe = store.children.add(ChildDraft("Zoë", "Peeters"))
        store.abc.save(AbcDay(zoe.id, date(2025, 3, 3)).toggled("day", "touch"))
    encrypt(path, keyring())
    ring = keyring()
    with Store.open(path, today=date(2025, 9, 4), keyring=ring) as store:
        assert store.school_years.close().years == (2024,)
    archive = archive_dir_for(path) / "2024-2025.json"
    raw = archive.read_bytes()
    assert raw.startswith(MAGIC) and b"touch" not in raw
    assert parse_header(archive, raw).kdf_salt == parse_header(path, path.read_bytes()).kdf_salt
    with Store.open(path, today=date(2025, 9, 4), keyring=keyring()) as store:
        assert store.abc.day(zoe.id, date(2025, 3, 3)).has("day", "touch")


def test_a_wrong_or_missing_passphrase_opens_nothing_and_changes_nothing(data: Path) -> None:
    encrypt(data, keyring())
    before = snapshot(data)
    with pytest.raises(DataFileWrongPassphrase) as wrong:
        Store.open(data, today=TODAY, keyring=keyring(OTHER))
    with pytest.raises(DataFilePassphraseNeeded) as missing:
        Store.open(data, today=TODAY)
    assert snapshot(data) == before
    assert "not the passphrase" in wrong.value.message("en")
    assert "wachtwoord" in wrong.value.message("nl")
    assert "is encrypted" in missing.value.message("en")


def _flip(path: Path, offset: int) -> bytes:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    return bytes(raw)


def test_a_flipped_byte_of_the_ciphertext_is_tampering_and_the_file_stays(data: Path) -> None:
    encrypt(data, keyring())
    flipped = _flip(data, len(data.read_bytes()) - 40)
    with pytest.raises(DataFileTampered) as tampered:
        Store.open(data, today=TODAY, keyring=keyring())
    assert data.read_bytes() == flipped
    message = tampered.value.message("en")
    assert "changed after it was written" in message and "passphrase is right" in message
    assert "veranderd" in tampered.value.message("nl")


def test_a_flipped_byte_of_the_header_is_damage_and_the_file_stays(data: Path) -> None:
    encrypt(data, keyring())
    for offset in (9, 20, 40, HEADER_BYTES - 1):  # version, parameters, salts, digest
        original = data.read_bytes()
        flipped = _flip(data, offset)
        with pytest.raises(DataFileCryptoDamaged) as damaged:
            Store.open(data, today=TODAY, keyring=keyring())
        assert data.read_bytes() == flipped
        assert "header cannot be read" in damaged.value.message("en")
        data.write_bytes(original)
    with Store.open(data, today=TODAY, keyring=keyring()) as store:
        assert store.children.all()


def test_the_three_failures_say_three_different_things(data: Path) -> None:
    encrypt(data, keyring())
    original = data.read_bytes()
    messages = set()
    for offset, ring in ((None, keyring(OTHER)), (len(original) - 1, keyring()), (30, keyring())):
        data.write_bytes(original)
        if offset is not None:
            _flip(data, offset)
        with pytest.raises(
            (DataFileWrongPassphrase, DataFileTampered, DataFileCryptoDamaged)
        ) as error:
            Store.open(data, today=TODAY, keyring=ring)
        messages.add(type(error.value))
    assert len(messages) == 3


def test_a_new_passphrase_opens_every_file_and_the_old_one_none(data: Path) -> None:
    before = exported(data)
    encrypt(data, keyring())
    assert change_passphrase(data, keyring(), keyring(OTHER)) == len(files_of(data))
    assert exported(data, keyring(OTHER)) == before
    for file in files_of(data):
        header = parse_header(file, file.read_bytes())
        assert keyring(OTHER).unlocks(header)
        assert not keyring().unlocks(header)
    with pytest.raises(DataFileWrongPassphrase):
        Store.open(data, today=TODAY, keyring=keyring())


def test_a_wrong_old_passphrase_changes_nothing(data: Path) -> None:
    encrypt(data, keyring())
    before = snapshot(data)
    with pytest.raises(DataFileWrongPassphrase):
        change_passphrase(data, keyring("not it at all"), keyring(OTHER))
    with pytest.raises(DataFileWrongPassphrase):
        decrypt(data, keyring("not it at all"))
    assert snapshot(data) == before
    assert not marker_path_for(data).exists()


def test_decrypt_gives_back_plaintext_json(data: Path) -> None:
    before = exported(data)
    plain = snapshot(data)
    encrypt(data, keyring())
    decrypt(data, keyring())
    for file, raw in snapshot(data).items():
        assert raw == plain[file]  # byte for byte what was there before
        assert raw.lstrip().startswith(b"{")
    assert exported(data) == before


def test_an_unfinished_change_stops_the_opening_until_it_is_run_again(data: Path) -> None:
    encrypt(data, keyring())
    marker = marker_path_for(data)
    marker.write_bytes(b'{"change":"passphrase"}')
    with pytest.raises(DataFileEncryptionUnfinished) as unfinished:
        Store.open(data, today=TODAY, keyring=keyring())
    assert "companion passphrase again" in unfinished.value.message("en")
    with pytest.raises(DataFileEncryptionUnfinished):
        decrypt(data, keyring())  # another change: the cut-short one first
    change_passphrase(data, keyring(), keyring(OTHER))
    assert not marker.exists()
    with Store.open(data, today=TODAY, keyring=keyring(OTHER)) as store:
        assert store.children.all()


def test_a_plaintext_file_opens_as_before_whatever_is_given(data: Path) -> None:
    with Store.open(data, today=TODAY, keyring=keyring()) as store:
        assert not store.encrypted
        assert not store.check_passphrase(SECRET)
        store.children.add(ChildDraft("Anaïs", "Çelik"))
    assert data.read_bytes().startswith(b"{")


def test_the_store_knows_its_passphrase_for_the_curtain(data: Path) -> None:
    encrypt(data, keyring())
    with Store.open(data, today=TODAY, keyring=keyring()) as store:
        assert store.check_passphrase(SECRET)
        assert not store.check_passphrase(OTHER)
        assert not store.check_passphrase("")


@POSIX
def test_everything_written_is_owner_only(data: Path) -> None:
    encrypt(data, keyring())
    change_passphrase(data, keyring(), keyring(OTHER))
    for file in files_of(data):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    for folder in (data.parent, archive_dir_for(data), backup_dir_for(data)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not [p for p in data.parent.rglob(".*.tmp")]


def test_the_default_kdf_is_argon2id_rfc9106_low_memory() -> None:
    params = default_params()
    assert (params.name, params.a, params.b, params.c) == ("argon2id", 3, 4, 64 * 1024)


def test_a_backup_is_rewritten_as_it_was_through_read_any_and_write_like(data: Path) -> None:
    from companion.store.encryption import read_any, write_like

    encrypt(data, keyring())
    backup = next(file for file in files_of(data) if file.parent == backup_dir_for(data))
    header = backup.read_bytes()[:HEADER_BYTES]
    payload, sealing = read_any(backup, keyring())
    assert sealing is not None and payload.startswith(b"{")
    write_like(backup, payload.replace(b"Peeters", b"Maes"), sealing)
    assert backup.read_bytes()[:HEADER_BYTES] == header
    again, _ = read_any(backup, keyring())
    assert b"Maes" in again and b"Peeters" not in again
