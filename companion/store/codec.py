"""The one place where bytes become data and data become bytes.

Reading takes only an ordinary file (a folder, pipe, device or socket is refused from its
`stat`, before it is opened, so nothing ever waits on it), opened without blocking, and
at most MAX_FILE_BYTES + 1 bytes of it. Decoding is JSON (msgspec), then the header (our
app, a schema we know), the migrations, and every entry checked against the records of
`schema.py` and against each other. A file comes out whole and valid, or as a
DataFileError that names the file and the entry; nothing in between.
"""

from __future__ import annotations

import errno
import os
import re
import types
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from companion.domain.calendar import school_year_label, school_year_of
from companion.store.errors import (
    DataFileBadEntry,
    DataFileEmpty,
    DataFileForeign,
    DataFileNotRegular,
    DataFileTooLarge,
    DataFileTooNew,
    DataFileUnreadable,
    EntryProblem,
)
from companion.store.paths import OPEN_FOR_READING, kind_of_file, read_open_file
from companion.store.schema import (
    APP_ID,
    ARCHIVE_RECORDS,
    FIRST_STORED_DAY,
    LAST_STORED_DAY,
    RECORDS,
    SCHEMA_VERSION,
    SETTINGS_VOCABULARY,
    ArchiveFile,
    ArchiveMeta,
    ForeignFileError,
    LiveFile,
    Raw,
    Record,
    Settings,
    ShapeError,
    TooNewError,
    archive_schema_version,
    migrate,
)

# Ten school years of a class of 40 (the demo's largest) take about 7.5 MB; a file ten
# times that is no class's data, and reading it whole would only fill the memory.
MAX_FILE_BYTES = 80_000_000

_DOC_ID = re.compile(r"0|[1-9][0-9]*", re.ASCII)  # TinyDB's keys, written by str(int)


# -- reading ----------------------------------------------------------------------------


def _refuse_kind(path: Path, info: os.stat_result) -> None:
    kind = kind_of_file(info.st_mode)
    if kind == "folder":  # what the OS itself says of it, in the chosen language
        raise DataFileUnreadable(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if kind is not None:
        raise DataFileNotRegular(path, kind)
    if info.st_size > MAX_FILE_BYTES:
        raise DataFileTooLarge(path, info.st_size, MAX_FILE_BYTES)


def refuse_unusable(path: Path) -> None:
    """Refuse, before anything is made beside it (a lock, a folder), a `path` that exists
    but can never hold our data: a folder, pipe, device or socket, a file too large to
    be ours, or a file the system makes up as it is read (/proc: size 0, yet it reads).
    A path that is not there, or cannot be looked at, is left to the open that follows."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return
    _refuse_kind(path, info)
    if info.st_size == 0:
        try:
            descriptor = os.open(path, OPEN_FOR_READING)
        except OSError:
            return
        try:
            made_up = bool(os.read(descriptor, 1))
        except OSError:
            made_up = False
        finally:
            os.close(descriptor)
        if made_up:
            raise DataFileNotRegular(path, "system_file")


def read_file(path: Path) -> bytes:
    """The bytes of the data file or an archive: an ordinary file, at most MAX_FILE_BYTES;
    every refusal is a DataFileError naming `path`."""
    try:
        _refuse_kind(path, os.stat(path))
        descriptor = os.open(path, OPEN_FOR_READING)
    except OSError as error:
        raise DataFileUnreadable(path, error) from error
    try:
        info = os.fstat(descriptor)
        _refuse_kind(path, info)  # it may have been swapped since the stat
        payload = read_open_file(descriptor, MAX_FILE_BYTES + 1, info.st_size + 1)
    except OSError as error:
        raise DataFileUnreadable(path, error) from error
    finally:
        os.close(descriptor)
    if len(payload) > MAX_FILE_BYTES:
        raise DataFileTooLarge(path, None, MAX_FILE_BYTES)
    if info.st_size == 0 and payload:
        raise DataFileNotRegular(path, "system_file")
    if not payload.strip():
        raise DataFileEmpty(path)
    return payload


# -- bytes to data ----------------------------------------------------------------------


def _parse(path: Path, payload: bytes) -> object:
    try:
        return msgspec.json.decode(payload)
    except msgspec.DecodeError as error:
        raise DataFileBadEntry(
            path, EntryProblem("not_json", params={"detail": str(error)})
        ) from error
    except RecursionError as error:
        raise DataFileBadEntry(path, EntryProblem("too_deep")) from error


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
    try:
        records = _LIVE_DECODER.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        pass
    else:
        header = records.meta.get("1")
        if header is not None and (header.app, header.schema) == (APP_ID, SCHEMA_VERSION):
            _check_live(path, records)
            return LiveDocument(msgspec.to_builtins(records), records, migrated=False)
    return _decode_live_carefully(path, payload)


def _decode_live_carefully(path: Path, payload: bytes) -> LiveDocument:
    raw = _parse(path, payload)
    _check_tinydb_shape(path, raw)
    assert isinstance(raw, dict)
    with _refusals(path):
        raw, migrated = migrate(raw)
    try:
        records = msgspec.convert(raw, LiveFile)
    except msgspec.ValidationError as error:
        raise DataFileBadEntry(path, _explain_live(raw, error)) from error
    _check_live(path, records)
    return LiveDocument(msgspec.to_builtins(records), records, migrated)


def load_live(path: Path) -> LiveDocument:
    return decode_live(path, read_file(path))


def records_of(raw: Raw) -> LiveFile:
    """The typed entries of a document this process made itself (a new file)."""
    return msgspec.convert(raw, LiveFile)


def decode_archive(path: Path, payload: bytes, *, year: int) -> Raw:
    """A closed school year's archive, checked entry by entry: its header, that it holds
    `year` and only days of it, one entry per child and day. (Which children it names
    is the live file's business: a class list damaged there is not this file's fault.)"""
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
        raise DataFileBadEntry(path, _explain_archive(raw, error)) from error
    _check_archive(path, archive, year)
    return raw


def load_archive(path: Path, *, year: int) -> Raw:
    return decode_archive(path, read_file(path), year=year)


def decode_trusted(payload: bytes) -> Raw:
    """Bytes this process encoded itself a moment ago (a write's undo)."""
    raw: Raw = msgspec.json.decode(payload)
    return raw


# -- data to bytes ----------------------------------------------------------------------


def encode(raw: Mapping[str, Any]) -> bytes:
    """The live file or an archive, compact."""
    return msgspec.json.encode(raw)


def encode_export(document: Mapping[str, Any]) -> bytes:
    """An export for people to read too: indented, UTF-8 as it is."""
    return msgspec.json.format(msgspec.json.encode(document), indent=2)


# -- the shape and the entries ----------------------------------------------------------


def _bad(path: Path, reason: str, **where: Any) -> DataFileBadEntry:
    return DataFileBadEntry(path, EntryProblem(reason, **where))


def _check_tinydb_shape(path: Path, raw: object) -> None:
    """TinyDB's shape: {table: {"<doc id>": {document}}}; anything else is refused."""
    if not isinstance(raw, dict):
        raise _bad(path, "top_not_object")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise _bad(path, "table_not_object", params={"table": _shown(name)})
        table_name = _shown(name)
        for doc_id, document in table.items():
            if not _DOC_ID.fullmatch(doc_id):
                shown = _shown(doc_id)
                params = {"entry": shown}
                raise _bad(path, "bad_doc_id", table=table_name, entry=shown, params=params)
            if not isinstance(document, dict):
                found = _kind(document)
                raise _bad(path, "not_an_object", table=table_name, entry=doc_id, found=found)


def _explain_live(raw: Raw, error: msgspec.ValidationError) -> EntryProblem:
    """Which entry of which table failed the schema, and how (only on the failing path,
    so the check of a good file stays one call)."""
    for name, table in raw.items():
        record = RECORDS.get(name)
        if record is None:
            return EntryProblem("unknown_table", params={"table": _shown(name)})
        for doc_id, document in table.items():
            problem = _explain_record(document, record)
            if problem is not None:
                return _placed(problem, table=name, entry=doc_id)
    return EntryProblem("invalid", params={"detail": str(error)})


def _explain_archive(raw: Raw, error: msgspec.ValidationError) -> EntryProblem:
    for name, value in raw.items():
        if name == "meta":
            problem = _explain_record(value, ArchiveMeta)
            if problem is not None:
                return _placed(problem, table=name)
            continue
        record = ARCHIVE_RECORDS.get(name)
        if record is None:
            return EntryProblem("unknown_table", params={"table": _shown(name)})
        if not isinstance(value, list):
            return EntryProblem("list_expected", params={"table": name}, found=_kind(value))
        for position, document in enumerate(value, start=1):
            problem = _explain_record(document, record)
            if problem is not None:
                return _placed(problem, table=name, entry=str(position), in_list=True)
    return EntryProblem("invalid", params={"detail": str(error)})


def _placed(problem: EntryProblem, **where: Any) -> EntryProblem:
    return EntryProblem(
        problem.reason,
        field=problem.field,
        expected=problem.expected,
        found=problem.found,
        params=problem.params,
        **where,
    )


def _explain_record(document: object, record: type[Record] | type[Settings]) -> EntryProblem | None:
    """The first field of `document` that `record` refuses, or None when it fits."""
    if not isinstance(document, dict):
        return EntryProblem("not_an_object", found=_kind(document))
    if not isinstance(record, type) or not issubclass(record, Record):
        _, value_type = typing.get_args(record)
        for name, value in document.items():
            problem = _explain_value(value, value_type)
            if problem is not None:
                return _with_field(problem, _shown(name))
        return None
    fields = {info.name: info for info in msgspec.structs.fields(record)}
    for name in document:
        if name not in fields:
            return EntryProblem("unknown_field", field=_shown(name))
    for name, info in fields.items():
        if name not in document:
            if info.required:
                return EntryProblem("missing", field=name)
            continue
        problem = _explain_value(document[name], info.type)
        if problem is not None:
            return _with_field(problem, name)
    return None


def _with_field(problem: EntryProblem, name: str) -> EntryProblem:
    """`problem` inside the field `name` (welcome + [2] is welcome[2])."""
    return EntryProblem(
        problem.reason,
        field=name + problem.field,
        expected=problem.expected,
        found=problem.found,
        params=problem.params,
    )


def _explain_value(value: object, annotation: Any) -> EntryProblem | None:
    """Why `value` does not fit `annotation` (one of the schema's field types)."""
    try:
        msgspec.convert(value, annotation)
    except msgspec.ValidationError:
        pass
    else:
        return None
    base, meta = _unwrap(annotation)
    if value is None or base is types.NoneType:
        return EntryProblem("wrong_type", expected=_expected(base), found=_kind(value))
    origin = typing.get_origin(base)
    if origin is list:
        if not isinstance(value, list):
            return EntryProblem("wrong_type", expected="list", found=_kind(value))
        (item,) = typing.get_args(base)
        for position, element in enumerate(value, start=1):
            problem = _explain_value(element, item)
            if problem is not None:
                return _with_field(problem, f"[{position}]")
    if base is date and isinstance(value, str):
        return EntryProblem("bad_date", params={"value": _shown(value)})
    if origin is typing.Literal:
        if not isinstance(value, str):
            return EntryProblem("wrong_type", expected="text", found=_kind(value))
        params = {"value": _shown(value), "allowed": _listed(typing.get_args(base))}
        return EntryProblem("unknown_value", params=params)
    if base is str and isinstance(value, str) and meta is not None and meta.min_length:
        return EntryProblem("empty")
    return EntryProblem("wrong_type", expected=_expected(base), found=_kind(value))


def _unwrap(annotation: Any) -> tuple[Any, msgspec.Meta | None]:
    """(the type, its constraints) with Optional[...] and Annotated[...] taken off."""
    args = [arg for arg in typing.get_args(annotation) if arg is not types.NoneType]
    if isinstance(annotation, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        metas = [extra for extra in extras if isinstance(extra, msgspec.Meta)]
        return base, metas[0] if metas else None
    return annotation, None


def _expected(base: Any) -> str:
    if base is date:
        return "date"
    if base is bool:
        return "true_false"
    if base is int:
        return "whole_number"
    if typing.get_origin(base) is list:
        return "list"
    if base is str:
        return "text"
    return "object"


def _kind(value: object) -> str:
    """The kind of a JSON value, as `datafile.kind.*` names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true_false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    return "object"


def _listed(values: Iterable[str]) -> str:
    return ", ".join(f"“{value}”" for value in values)


def _shown(value: str, width: int = 40) -> str:
    """A value from the file as a message can show it: short, no control characters."""
    cut = value[:width]
    shown = "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in cut)
    return shown + ("…" if len(value) > width else "")


# -- what a type cannot say --------------------------------------------------------------


def _check_day(path: Path, day: date | None, **where: Any) -> None:
    if day is not None and not FIRST_STORED_DAY <= day <= LAST_STORED_DAY:
        params = {
            "value": day.isoformat(),
            "first": str(FIRST_STORED_DAY.year),
            "last": str(LAST_STORED_DAY.year),
        }
        raise _bad(path, "day_out_of_range", params=params, **where)


def _check_live(path: Path, live: LiveFile) -> None:
    """Ids that refer to a child, one child per id, one entry per child and day, one day
    off per date, and days a calendar can hold. The loops only look; a problem found is
    then described by the code after them."""
    for doc_id, settings in live.settings.items():
        for name, allowed in SETTINGS_VOCABULARY.items():
            value = settings.get(name)
            if value is not None and value not in allowed:
                params = {"value": _shown(value), "allowed": _listed(allowed)}
                where = {"table": "settings", "entry": doc_id, "field": name}
                raise _bad(path, "unknown_value", params=params, **where)
    children: set[str] = set()
    for doc_id, child in live.children.items():
        where = {"table": "children", "entry": doc_id}
        if child.id in children:
            params = {"value": _shown(child.id)}
            raise _bad(path, "duplicate_child", field="id", params=params, **where)
        children.add(child.id)
        _check_day(path, child.added_on, field="added_on", **where)
        _check_day(path, child.birth_date, field="birth_date", **where)
    _check_days(
        path,
        [(doc_id, entry.child, entry.date) for doc_id, entry in live.abc.items()],
        [(doc_id, off.date) for doc_id, off in live.days_off.items()],
        children,
        in_list=False,
    )


def _check_archive(path: Path, archive: ArchiveFile, year: int) -> None:
    held = archive.meta.school_year
    if held != year:
        shown = school_year_label(held) if 1000 <= held < 9999 else str(held)
        params = {"held": shown, "year": school_year_label(year)}
        raise _bad(path, "archive_of_other_year", params=params)
    _check_days(
        path,
        [(str(n), entry.child, entry.date) for n, entry in enumerate(archive.abc, start=1)],
        [(str(n), off.date) for n, off in enumerate(archive.days_off, start=1)],
        None,
        in_list=True,
        year=year,
    )


def _check_days(
    path: Path,
    abc: list[tuple[str, str, date]],
    days_off: list[tuple[str, date]],
    children: Collection[str] | None,
    *,
    in_list: bool,
    year: int | None = None,
) -> None:
    first, last = FIRST_STORED_DAY, LAST_STORED_DAY
    if year is not None and first.year <= year < last.year:
        # What school_year_of gives `year`: from July on, until the end of June.
        first, last = max(first, date(year, 7, 1)), min(last, date(year + 1, 6, 30))
    elif year is not None:
        first, last = last, first  # no day fits: the careful loop below says why
    keys = {(child, day) for _, child, day in abc}
    if (
        len(keys) == len(abc)
        and all(first <= day <= last for _, day in keys)
        and (children is None or all(child in children for child, _ in keys))
        and len({day for _, day in days_off}) == len(days_off)
        and all(first <= day <= last for _, day in days_off)
    ):
        return
    seen: set[tuple[str, date]] = set()
    for entry, child, day in abc:
        where = {"table": "abc", "entry": entry, "in_list": in_list}
        _check_in_year(path, day, year, **where)
        if children is not None and child not in children:
            params = {"value": _shown(child)}
            raise _bad(path, "unknown_child", field="child", params=params, **where)
        if (child, day) in seen:
            params = {"value": _shown(child), "day": day.isoformat()}
            raise _bad(path, "duplicate_day", params=params, **where)
        seen.add((child, day))
    off: set[date] = set()
    for entry, day in days_off:
        where = {"table": "days_off", "entry": entry, "in_list": in_list}
        _check_in_year(path, day, year, **where)
        if day in off:
            raise _bad(path, "duplicate_day_off", params={"day": day.isoformat()}, **where)
        off.add(day)


def _check_in_year(path: Path, day: date, year: int | None, **where: Any) -> None:
    _check_day(path, day, field="date", **where)
    if year is not None and school_year_of(day) != year:
        params = {"value": day.isoformat(), "year": school_year_label(year)}
        raise _bad(path, "day_of_other_year", field="date", params=params, **where)
