"""The one place where bytes become data and data become bytes: the live file, the
archives, the backups (copies of them) and the export all pass through here.

Reading (reading.py) takes only an ordinary file, within a bound. Decoding is JSON
(msgspec), then the header (our app, a schema we know), the migrations, and every entry
checked against the records of `schema.py` (problems.py says which entry fails and how)
and against each other (checks.py). A file comes out whole and valid, or as a
DataFileError that names the file and the entry; nothing in between. Everything outside
this package uses only what is imported here.

An encrypted file (crypto.py) is opened first, with the `Keyring` the store was given:
`open_live`, `open_archive` and `read_plain` return its plaintext (and `open_*` the
`Sealing` to write it again with); the decoders refuse sealed bytes with
DataFilePassphraseNeeded, so no path can mistake an encrypted file for a damaged one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from companion.store.codec.checks import check_archive, check_live, check_past_class
from companion.store.codec.crypto import Keyring, Sealing, is_sealed, unseal
from companion.store.codec.exported import (
    DAY_FIELDS,
    TickDay,
    export_as_live,
    export_file,
    export_rows,
    export_ticks,
)
from companion.store.codec.problems import check_tinydb_shape, explain_archive, explain_live
from companion.store.codec.reading import MAX_FILE_BYTES, read_file, refuse_unusable
from companion.store.errors import (
    DataFileBadEntry,
    DataFileForeign,
    DataFilePassphraseNeeded,
    DataFileTooNew,
    EntryProblem,
)
from companion.store.schema import (
    APP_ID,
    SCHEMA_VERSION,
    ArchivedClass,
    ArchiveFile,
    ForeignFileError,
    LiveFile,
    Raw,
    Record,
    ShapeError,
    TooNewError,
    archive_schema_version,
    migrate,
)

__all__ = [
    "DAY_FIELDS",
    "MAX_FILE_BYTES",
    "LiveDocument",
    "TickDay",
    "as_record",
    "collector_paused",
    "decode_archive",
    "decode_export",
    "decode_live",
    "decode_trusted",
    "encode",
    "encode_export",
    "export_file",
    "export_rows",
    "export_ticks",
    "load_archive",
    "load_live",
    "open_archive",
    "open_live",
    "open_past_class",
    "raw_of",
    "read_file",
    "read_plain",
    "records_of",
    "refuse_unusable",
]


# -- bytes to data ----------------------------------------------------------------------


def _refuse_sealed(path: Path, payload: bytes) -> None:
    if is_sealed(payload):
        raise DataFilePassphraseNeeded(path)


def read_plain(path: Path, keyring: Keyring | None = None) -> bytes:
    """The plaintext of a data file, an archive or a backup of one: `read_file`, then
    opened with `keyring` when it is encrypted (a DataFileError says what is wrong)."""
    return unseal(path, read_file(path), keyring)[0]


def _parse(path: Path, payload: bytes) -> object:
    _refuse_sealed(path, payload)
    try:
        return msgspec.json.decode(payload)
    except msgspec.DecodeError as error:
        raise DataFileBadEntry(
            path, EntryProblem("not_json", params={"detail": str(error)})
        ) from error
    except RecursionError as error:
        raise DataFileBadEntry(path, EntryProblem("too_deep")) from error


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a whole file becomes data. Decoding makes
    some hundred thousand objects (a late-June file), none of them garbage; each
    collection that their count sets off walks all of them made so far and frees nothing
    (a third of the decode, measured). Left off when it is off already (the app's start).
    The switch is the process's: a worker's open pauses the collector for those
    milliseconds in every thread, which costs nothing but a later collection."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _refusals(path: Path) -> Iterator[None]:
    """The schema module's refusals as the error that names the file."""
    try:
        yield
    except ForeignFileError as error:
        raise DataFileForeign(path, str(error)) from error
    except TooNewError as error:
        raise DataFileTooNew(path, str(error.version)) from error
    except ShapeError as error:
        raise DataFileBadEntry(path, EntryProblem(error.reason, params=error.params)) from error


class LiveDocument(NamedTuple):
    """The live file as read: `raw` for TinyDB ({table: {"<doc id>": {document}}}), the
    same entries as typed `records`, and whether a migration changed them."""

    raw: Raw
    records: LiveFile
    migrated: bool


_LIVE_DECODER = msgspec.json.Decoder(LiveFile)


def decode_live(path: Path, payload: bytes) -> LiveDocument:
    """The live file's document, checked entry by entry and migrated to the current
    schema. A current, valid file takes one typed decode; anything else the careful way,
    which finds what is wrong and where."""
    _refuse_sealed(path, payload)
    with collector_paused():
        try:
            records = _LIVE_DECODER.decode(payload)
        except (msgspec.DecodeError, RecursionError):
            pass
        else:
            header = records.meta.get("1")
            if header is not None and (header.app, header.schema) == (APP_ID, SCHEMA_VERSION):
                check_live(path, records)
                # TinyDB's document from the typed one: cheaper than decoding the bytes
                # again untyped (dicts cost more to make than structs), measured.
                return LiveDocument(msgspec.to_builtins(records), records, migrated=False)
        return _decode_live_carefully(path, payload)


def _decode_live_carefully(path: Path, payload: bytes) -> LiveDocument:
    raw = _parse(path, payload)
    check_tinydb_shape(path, raw)
    assert isinstance(raw, dict)
    with _refusals(path):
        raw, migrated = migrate(raw)
    try:
        records = msgspec.convert(raw, LiveFile)
    except msgspec.ValidationError as error:
        raise DataFileBadEntry(path, explain_live(raw, error)) from error
    check_live(path, records)
    return LiveDocument(msgspec.to_builtins(records), records, migrated)


def load_live(path: Path, keyring: Keyring | None = None) -> LiveDocument:
    return open_live(path, keyring)[0]


def open_live(path: Path, keyring: Keyring | None) -> tuple[LiveDocument, Sealing | None]:
    """The live file, decrypted with `keyring` when it is encrypted, and its sealing
    (None: a plaintext file, written as plaintext)."""
    payload, sealing = unseal(path, read_file(path), keyring)
    return decode_live(path, payload), sealing


def records_of(raw: Raw) -> LiveFile:
    """The typed entries of a document this process made itself (a new file)."""
    return msgspec.convert(raw, LiveFile)


_ARCHIVE_DECODER = msgspec.json.Decoder(ArchiveFile)


def decode_archive(path: Path, payload: bytes, *, year: int) -> Raw:
    """A closed school year's archive, checked entry by entry: its header, that it holds
    `year` and only days of it, one entry per child and day. (Which children it names
    is the live file's business: a class list damaged there is not this file's fault.)
    A valid archive of a schema this version reads takes one typed decode (every entry
    checked as by the careful way); anything else the careful way, which says what is
    wrong and where."""
    _refuse_sealed(path, payload)
    try:
        archive = _ARCHIVE_DECODER.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        pass
    else:
        if archive.meta.app == APP_ID and 1 <= archive.meta.schema <= SCHEMA_VERSION:
            check_archive(path, archive, year)
            raw: Raw = msgspec.to_builtins(archive)
            return raw
    return _decode_archive_carefully(path, payload, year)


def _decode_archive_carefully(path: Path, payload: bytes, year: int) -> Raw:
    raw = _parse(path, payload)
    if not isinstance(raw, dict):
        raise DataFileBadEntry(path, EntryProblem("top_not_object"))
    with _refusals(path):
        version = archive_schema_version(raw)
        if version > SCHEMA_VERSION:
            raise TooNewError(version)
    try:
        archive = msgspec.convert(raw, ArchiveFile)
    except msgspec.ValidationError as error:
        raise DataFileBadEntry(path, explain_archive(raw, error)) from error
    check_archive(path, archive, year)
    return raw


def load_archive(path: Path, *, year: int) -> Raw:
    return decode_archive(path, read_file(path), year=year)


def open_archive(path: Path, *, year: int, keyring: Keyring | None) -> tuple[Raw, Sealing | None]:
    """An archive, decrypted with `keyring` when it is encrypted, and its sealing."""
    payload, sealing = unseal(path, read_file(path), keyring)
    return decode_archive(path, payload, year=year), sealing


_CLASS_DECODER = msgspec.json.Decoder(ArchivedClass)


def decode_past_class(path: Path, payload: bytes, *, year: int) -> ArchivedClass:
    """Only the children who left with an archive's `year` (and their profiles), checked
    entry by entry, its header too; the other lists are skipped, not read (they are
    checked when the year's entries are read). An archive that does not decode this way
    is decoded whole, which says what is wrong."""
    _refuse_sealed(path, payload)
    try:
        found = _CLASS_DECODER.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        found = None
    if (
        found is None
        or (found.meta.app, found.meta.school_year) != (APP_ID, year)
        or not (1 <= found.meta.schema <= SCHEMA_VERSION)
    ):
        found = msgspec.convert(decode_archive(path, payload, year=year), ArchivedClass)
    check_past_class(path, found)
    return found


def open_past_class(
    path: Path, *, year: int, keyring: Keyring | None
) -> tuple[ArchivedClass, Sealing | None]:
    """An archive's children who left (`decode_past_class`), decrypted with `keyring`
    when it is encrypted, and its sealing."""
    payload, sealing = unseal(path, read_file(path), keyring)
    return decode_past_class(path, payload, year=year), sealing


def decode_trusted(payload: bytes) -> Raw:
    """Bytes this process encoded itself a moment ago (a write's undo)."""
    raw: Raw = msgspec.json.decode(payload)
    return raw


AnyRecord = TypeVar("AnyRecord", bound=Record)


def as_record(raw: Raw, record: type[AnyRecord]) -> AnyRecord:
    """An entry the codec has checked (an archive's), as its typed record."""
    return msgspec.convert(raw, record)


def raw_of(record: Record) -> Raw:
    """A typed record as the plain document TinyDB and the archives keep."""
    raw: Raw = msgspec.to_builtins(record)
    return raw


# -- data to bytes ----------------------------------------------------------------------


def encode(raw: Mapping[str, Any], sealing: Sealing | None = None) -> bytes:
    """The live file or an archive, compact; encrypted when it has a `sealing`."""
    payload = msgspec.json.encode(raw)
    return payload if sealing is None else sealing.seal(payload)


def encode_export(document: Mapping[str, Any]) -> bytes:
    """An export for people to read too: indented, UTF-8 as it is."""
    return msgspec.json.format(msgspec.json.encode(document), indent=2)


def decode_export(path: Path, payload: bytes) -> LiveDocument:
    """What `encode_export` wrote, read back (`companion import`): an export of ours
    (DataFileForeign otherwise), of a schema this version reads (DataFileTooNew), shaped
    as exports are, and every entry checked as the live file's are, after the same
    migrations; it comes out as the live file's document with every school year in it."""
    live = export_as_live(path, _parse(path, payload))
    return _decode_live_carefully(path, msgspec.json.encode(live))


# -- the shape and the entries ----------------------------------------------------------
