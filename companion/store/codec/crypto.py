"""Encryption at rest (optional, off by default): the bytes of an encrypted file, made
and opened with the `cryptography` package only (no cryptography of our own).

An encrypted file (the live file with its drafts, an archive, a backup: a byte copy of
one of them) is laid out so:

    MAGIC (8 bytes: 0x89 "CCE" CR LF 0x1a LF; no JSON text starts with 0x89, so a
           plaintext and an encrypted file are told apart by their first byte)
    header: format version (1 byte), KDF (1 byte: 1 Argon2id, 2 scrypt), its three
           parameters (3 x 4 bytes: Argon2id iterations, lanes, memory in KiB; scrypt
           log2 n, r, p), the KDF salt (16), the file salt (16), the key check (16),
           and the first 8 bytes of SHA-256 over everything before them (not a secret:
           it tells a header damaged on the disk from a wrong passphrase)
    nonce (12 bytes, fresh from os.urandom for every write)
    AES-256-GCM ciphertext and tag, with MAGIC + header as associated data.

Keys. The passphrase (NFC) goes through a memory-hard KDF, Argon2id with RFC 9106's
second recommended (low-memory) profile, t=3, p=4, m=64 MiB (about 0.3 s on the
project's 2-core machine, where scrypt n=2^17 r=8 p=1 takes 0.7 s; scrypt is used only
where the OpenSSL build has no Argon2id). Its output, the master key, is never used
directly: HKDF-SHA256 makes the key check (16 bytes, info "key check") and, with the
file's own random salt, that file's AES key (info "aes-256-gcm"). The KDF salt is
random, chosen when encryption is turned on or the passphrase changed, and shared by
the files of one data folder, so opening a store or reading ten archives runs the KDF
once; the file salt is random per file and kept across that file's rewrites (so every
file has its own key, and the random nonces never meet under one key across files).
The parameters live in the header, so they can be raised later: a file says how its
key is made. A `Keyring` holds the passphrase and the master keys it derived, per (KDF
salt, parameters), for the session: a save never runs the KDF again.

Telling failures apart, none of which ever writes: a header that does not parse or
whose digest is wrong -> DataFileCryptoDamaged; the key check does not match ->
DataFileWrongPassphrase; the key check matches but GCM refuses the ciphertext (a byte
changed on the disk or by someone) -> DataFileTampered; no passphrase for an encrypted
file -> DataFilePassphraseNeeded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import msgspec

from companion.store.errors import (
    DataFileCryptoDamaged,
    DataFilePassphraseNeeded,
    DataFileTampered,
    DataFileTooNew,
    DataFileWrongPassphrase,
)
from companion.store.paths import OPEN_FOR_READING

if TYPE_CHECKING:  # cryptography itself only once a file is encrypted or decrypted
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC: Final = b"\x89CCE\r\n\x1a\n"
FORMAT_VERSION: Final = 1
ARGON2ID: Final = 1
SCRYPT: Final = 2
SALT_BYTES: Final = 16
CHECK_BYTES: Final = 16
DIGEST_BYTES: Final = 8
NONCE_BYTES: Final = 12
TAG_BYTES: Final = 16
KEY_BYTES: Final = 32
# magic, version, kdf, three parameters, KDF salt, file salt, key check
_FIELDS: Final = struct.Struct(f">8sBBIII{SALT_BYTES}s{SALT_BYTES}s{CHECK_BYTES}s")
HEADER_BYTES: Final = _FIELDS.size + DIGEST_BYTES
# The shortest possible file: a header, a nonce and the tag of an empty text.
MIN_BYTES: Final = HEADER_BYTES + NONCE_BYTES + TAG_BYTES
# A passphrase shorter than this is refused when it is chosen.
MIN_PASSPHRASE: Final = 8


@dataclass(frozen=True)
class KdfParams:
    """How a master key is made from the passphrase: the KDF and its three numbers."""

    kind: int
    a: int
    b: int
    c: int

    @property
    def name(self) -> str:
        return "argon2id" if self.kind == ARGON2ID else "scrypt"

    def acceptable(self) -> bool:
        """Within what this version would ever write (a damaged or hostile header must
        not make us spend gigabytes or minutes before it is refused)."""
        if self.kind == ARGON2ID:
            iterations, lanes, memory = self.a, self.b, self.c
            return 1 <= iterations <= 64 and 1 <= lanes <= 64 and 8 * lanes <= memory <= 1 << 21
        if self.kind == SCRYPT:
            log_n, r, p = self.a, self.b, self.c
            return 10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16
        return False

    def derive(self, passphrase: bytes, salt: bytes) -> bytes:
        if self.kind == ARGON2ID:
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

            return Argon2id(
                salt=salt,
                length=KEY_BYTES,
                iterations=self.a,
                lanes=self.b,
                memory_cost=self.c,
            ).derive(passphrase)
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=KEY_BYTES, n=1 << self.a, r=self.b, p=self.c).derive(
            passphrase
        )


ARGON2ID_RFC9106_LOW_MEMORY: Final = KdfParams(ARGON2ID, 3, 4, 64 * 1024)
SCRYPT_DEFAULT: Final = KdfParams(SCRYPT, 17, 8, 1)


def _argon2id_available() -> bool:
    from cryptography.exceptions import UnsupportedAlgorithm

    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"")
    except (ImportError, UnsupportedAlgorithm):
        return False
    return True


def default_params() -> KdfParams:
    """What a new passphrase is stretched with here (measured: docs/architecture.md)."""
    return ARGON2ID_RFC9106_LOW_MEMORY if _argon2id_available() else SCRYPT_DEFAULT


@dataclass(frozen=True)
class Header:
    """An encrypted file's header, as written (its bytes are the associated data)."""

    params: KdfParams
    kdf_salt: bytes
    file_salt: bytes
    check: bytes

    def pack(self) -> bytes:
        fields = _FIELDS.pack(
            MAGIC,
            FORMAT_VERSION,
            self.params.kind,
            self.params.a,
            self.params.b,
            self.params.c,
            self.kdf_salt,
            self.file_salt,
            self.check,
        )
        return fields + hashlib.sha256(fields).digest()[:DIGEST_BYTES]


def is_sealed(data: bytes) -> bool:
    """True for the bytes of an encrypted file (or of a damaged one that began as such)."""
    return data[: len(MAGIC)] == MAGIC


def is_encrypted(path: Path) -> bool:
    """True when the file at `path` begins as an encrypted file does (False when it is
    missing, no ordinary file or cannot be read: the open that follows says why)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a pipe would keep us waiting: never opened here
        descriptor = os.open(path, OPEN_FOR_READING)
        try:
            return stat.S_ISREG(os.fstat(descriptor).st_mode) and is_sealed(
                os.read(descriptor, len(MAGIC))
            )
        finally:
            os.close(descriptor)
    except (OSError, ValueError):
        return False


def parse_header(path: Path, data: bytes) -> Header:
    """The header of an encrypted file's bytes; DataFileCryptoDamaged when it is cut
    short or a byte of it changed, DataFileTooNew for a later format."""
    if len(data) < MIN_BYTES or not is_sealed(data):
        raise DataFileCryptoDamaged(path, "too short")
    fields = data[: _FIELDS.size]
    digest = data[_FIELDS.size : HEADER_BYTES]
    _, version, kind, a, b, c, kdf_salt, file_salt, check = _FIELDS.unpack(fields)
    if not hmac.compare_digest(hashlib.sha256(fields).digest()[:DIGEST_BYTES], digest):
        raise DataFileCryptoDamaged(path, "header digest")
    if version > FORMAT_VERSION:
        raise DataFileTooNew(path, f"encryption format {version}")
    params = KdfParams(kind, a, b, c)
    if version != FORMAT_VERSION or not params.acceptable():
        raise DataFileCryptoDamaged(path, "header values")
    return Header(params, kdf_salt, file_salt, check)


def _hkdf(master: bytes, length: int, info: bytes, salt: bytes | None = None) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(master)


def _check_of(master: bytes) -> bytes:
    return _hkdf(master, CHECK_BYTES, b"classroom-companion v1 key check")


@dataclass(eq=False)
class Keyring:
    """A passphrase, held for the session, and the master keys made from it per (KDF
    salt, parameters). Never written, logged or shown; give it to `Store.open`.

    `target`: the KDF salt and parameters new files are written under (the data
    folder's, adopted from the live file when it opens; a fresh salt when encryption is
    turned on or the passphrase changes)."""

    _passphrase: bytes = field(repr=False)
    _masters: dict[tuple[bytes, KdfParams], bytes] = field(default_factory=dict, repr=False)
    target: tuple[bytes, KdfParams] | None = None
    params: KdfParams | None = None  # for a fresh target: default_params() unless given

    @classmethod
    def of(cls, passphrase: str, params: KdfParams | None = None) -> Keyring:
        return cls(unicodedata.normalize("NFC", passphrase).encode("utf-8"), params=params)

    def matches(self, passphrase: str) -> bool:
        """Whether `passphrase` is this keyring's (the curtain lifting, say)."""
        typed = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        return hmac.compare_digest(typed, self._passphrase)

    def master(self, salt: bytes, params: KdfParams) -> bytes:
        found = self._masters.get((salt, params))
        if found is None:
            found = params.derive(self._passphrase, salt)
            self._masters[(salt, params)] = found
        return found

    def unlocks(self, header: Header) -> bool:
        """Whether this passphrase made the file with `header` (its key check)."""
        master = self.master(header.kdf_salt, header.params)
        return hmac.compare_digest(_check_of(master), header.check)

    def fresh_target(self, params: KdfParams | None = None) -> None:
        """A new random KDF salt for the files written from now on."""
        self.target = (os.urandom(SALT_BYTES), params or self.params or default_params())

    def new_file(self) -> Sealing:
        """The sealing of a file not yet written: the target's KDF salt, a new file salt."""
        if self.target is None:
            self.fresh_target()
        assert self.target is not None
        salt, params = self.target
        check = _check_of(self.master(salt, params))
        return Sealing(self, Header(params, salt, os.urandom(SALT_BYTES), check))


@dataclass(frozen=True)
class Sealing:
    """How one file is written: its header (kept across its rewrites) and the keyring."""

    keyring: Keyring
    header: Header

    def _aead(self) -> AESGCM:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        master = self.keyring.master(self.header.kdf_salt, self.header.params)
        return AESGCM(
            _hkdf(master, KEY_BYTES, b"classroom-companion v1 aes-256-gcm", self.header.file_salt)
        )

    def seal(self, payload: bytes) -> bytes:
        """`payload` encrypted under a fresh nonce, the header in front."""
        header = self.header.pack()
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + self._aead().encrypt(nonce, payload, header)

    def open(self, path: Path, data: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        nonce = data[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
        try:
            return self._aead().decrypt(
                nonce, data[HEADER_BYTES + NONCE_BYTES :], data[:HEADER_BYTES]
            )
        except InvalidTag as error:
            raise DataFileTampered(path) from error


def unseal(path: Path, data: bytes, keyring: Keyring | None) -> tuple[bytes, Sealing | None]:
    """The plaintext of a file's bytes and how to write it again (None: plaintext, as it
    was). Raises the DataFileError that tells what is wrong; never writes anything."""
    if not is_sealed(data):
        return data, None
    header = parse_header(path, data)
    if keyring is None:
        raise DataFilePassphraseNeeded(path)
    if not keyring.unlocks(header):
        raise DataFileWrongPassphrase(path)
    sealing = Sealing(keyring, header)
    return sealing.open(path, data), sealing


def unlocks(path: Path, data: bytes, keyring: Keyring) -> bool:
    """Whether `keyring` opens the encrypted bytes `data` of `path` (the key check only:
    a damaged header raises DataFileCryptoDamaged)."""
    return keyring.unlocks(parse_header(path, data))


# -- a change in progress ---------------------------------------------------------------

Change = Literal["encrypt", "decrypt", "passphrase"]


class PendingChange(msgspec.Struct, forbid_unknown_fields=True):
    """What the marker file beside the data file holds while `encrypt`, `decrypt` or
    `passphrase` rewrites the files: which change, and the KDF salt and parameters the
    new files are written under (none of it secret)."""

    change: Change
    kdf: tuple[int, int, int, int] | None = None
    kdf_salt: str | None = None

    def target(self) -> tuple[bytes, KdfParams] | None:
        if self.kdf is None or self.kdf_salt is None:
            return None
        return bytes.fromhex(self.kdf_salt), KdfParams(*self.kdf)


def encode_pending(pending: PendingChange) -> bytes:
    return msgspec.json.encode(pending)


def decode_pending(payload: bytes) -> PendingChange | None:
    """The marker's change, or None when it cannot be read as one."""
    try:
        return msgspec.json.decode(payload, type=PendingChange)
    except (msgspec.DecodeError, ValueError):
        return None


def pending_of(keyring: Keyring | None, change: Change) -> PendingChange:
    if keyring is None or keyring.target is None:
        return PendingChange(change)
    salt, params = keyring.target
    return PendingChange(change, (params.kind, params.a, params.b, params.c), salt.hex())
