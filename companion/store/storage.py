"""A TinyDB storage that serves reads from memory and writes the file atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from companion.store.codec import decode_trusted, encode
from companion.store.codec.crypto import Sealing
from companion.store.files import atomic_write
from companion.store.schema import Raw


class AtomicJSONStorage(Storage):
    """The whole document lives in memory; each write replaces the file atomically.

    `initial` is the document as `codec.load_live` read and checked it. TinyDB mutates
    the dict that `read` returns before it calls `write`; if the write fails, the cache
    goes back to the bytes last written (kept in memory, so this works even when the file
    or its folder is gone), so memory never runs ahead of the file.

    `sealing`: how an encrypted file is written again (its header, the keyring); each
    write is then encrypted under a fresh nonce. None: plaintext, as it was.
    """

    def __init__(self, path: Path, initial: Raw, sealing: Sealing | None = None) -> None:
        self.path = path
        self.sealing = sealing
        self._cache: Raw = initial
        self._saved = encode(initial)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            payload = encode(data)
            atomic_write(self.path, payload if self.sealing is None else self.sealing.seal(payload))
        except BaseException:
            self._cache = decode_trusted(self._saved)
            raise
        self._cache = data
        self._saved = payload

    def close(self) -> None:
        pass
