"""A TinyDB storage that parses the file once, serves reads from memory, writes atomically."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion.store.errors import (
    DataFileCorrupt,
    DataFileEmpty,
    DataFileForeign,
    DataFileTooNew,
    DataFileUnreadable,
)
from companion.store.files import atomic_write
from companion.store.schema import (
    ForeignFileError,
    Raw,
    ShapeError,
    TooNewError,
    check_archive_shape,
    check_shape,
    migrate,
)


def _read_bytes(path: Path) -> bytes:
    try:
        payload = path.read_bytes()
    except OSError as error:
        # The error itself: the message says what the OS meant in the chosen language.
        raise DataFileUnreadable(path, error) from error
    if not payload.strip():
        raise DataFileEmpty(path)
    return payload


def read_document(path: Path) -> tuple[Raw, bytes]:
    """Read and check a data file; every failure is a DataFileError naming the file."""
    payload = _read_bytes(path)
    try:
        raw = check_shape(orjson.loads(payload))
    except orjson.JSONDecodeError as error:
        raise DataFileCorrupt(path, str(error)) from error
    except ShapeError as error:
        raise DataFileCorrupt(path, str(error)) from error
    return raw, payload


def read_archive(path: Path) -> Raw:
    """Read and check the archive of a closed school year (its own shape, not TinyDB's)."""
    payload = _read_bytes(path)
    try:
        raw = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise DataFileCorrupt(path, str(error)) from error
    with _refusals(path):
        return check_archive_shape(raw)


def encode(raw: Raw) -> bytes:
    return orjson.dumps(raw)


class AtomicJSONStorage(Storage):
    """The whole document lives in memory; each write replaces the file atomically.

    TinyDB mutates the dict that `read` returns before it calls `write`; if the write
    fails, the cache goes back to the bytes last written (kept in memory, so this works
    even when the file or its folder is gone), so memory never runs ahead of the file.
    """

    def __init__(self, path: Path, initial: Raw) -> None:
        self.path = path
        self._cache: Raw = initial
        self._saved = encode(initial)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            payload = encode(data)
            atomic_write(self.path, payload)
        except BaseException:
            self._cache = orjson.loads(self._saved)
            raise
        self._cache = data
        self._saved = payload

    def close(self) -> None:
        pass


def load_checked(path: Path) -> tuple[Raw, bool]:
    """Read, check and migrate; returns (document, migrated)."""
    raw, _ = read_document(path)
    with _refusals(path):
        return migrate(raw)


@contextmanager
def _refusals(path: Path) -> Iterator[None]:
    """Turn the schema module's refusals into the error that names the file."""
    try:
        yield
    except ForeignFileError as error:
        raise DataFileForeign(path, str(error)) from error
    except TooNewError as error:
        raise DataFileTooNew(path, str(error.version)) from error
    except ShapeError as error:
        raise DataFileCorrupt(path, str(error)) from error
