"""Which entry of which table a file's schema refuses, and how: the problem a message names
(only on the failing path, so the check of a good file stays one typed decode)."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from companion.store.errors import DataFileBadEntry, EntryProblem
from companion.store.schema import ARCHIVE_RECORDS, RECORDS, ArchiveMeta, Raw, Record, Settings

_DOC_ID = re.compile(r"0|[1-9][0-9]*", re.ASCII)  # TinyDB's keys, written by str(int)


def bad(path: Path, reason: str, **where: Any) -> DataFileBadEntry:
    return DataFileBadEntry(path, EntryProblem(reason, **where))


def check_tinydb_shape(path: Path, raw: object) -> None:
    """TinyDB's shape: {table: {"<doc id>": {document}}}; anything else is refused."""
    if not isinstance(raw, dict):
        raise bad(path, "top_not_object")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise bad(path, "table_not_object", params={"table": shown(name)})
        table_name = shown(name)
        for doc_id, document in table.items():
            if not _DOC_ID.fullmatch(doc_id):
                entry = shown(doc_id)
                params = {"entry": entry}
                raise bad(path, "bad_doc_id", table=table_name, entry=entry, params=params)
            if not isinstance(document, dict):
                found = kind_of_value(document)
                raise bad(path, "not_an_object", table=table_name, entry=doc_id, found=found)


def explain_live(raw: Raw, error: msgspec.ValidationError) -> EntryProblem:
    """Which entry of which table failed the schema, and how (only on the failing path,
    so the check of a good file stays one call)."""
    for name, table in raw.items():
        record = RECORDS.get(name)
        if record is None:
            return EntryProblem("unknown_table", params={"table": shown(name)})
        for doc_id, document in table.items():
            problem = _explain_record(document, record)
            if problem is not None:
                return _placed(problem, table=name, entry=doc_id)
    return EntryProblem("invalid", params={"detail": str(error)})


def explain_archive(raw: Raw, error: msgspec.ValidationError) -> EntryProblem:
    for name, value in raw.items():
        if name == "meta":
            problem = _explain_record(value, ArchiveMeta)
            if problem is not None:
                return _placed(problem, table=name)
            continue
        record = ARCHIVE_RECORDS.get(name)
        if record is None:
            return EntryProblem("unknown_table", params={"table": shown(name)})
        if not isinstance(value, list):
            return EntryProblem("list_expected", params={"table": name}, found=kind_of_value(value))
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
        return EntryProblem("not_an_object", found=kind_of_value(document))
    if not isinstance(record, type) or not issubclass(record, Record):
        _, value_type = typing.get_args(record)
        for name, value in document.items():
            problem = _explain_value(value, value_type)
            if problem is not None:
                return _with_field(problem, shown(name))
        return None
    fields = {info.encode_name: info for info in msgspec.structs.fields(record)}  # as stored
    for name in document:
        if name not in fields:
            return EntryProblem("unknown_field", field=shown(name))
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
        return EntryProblem("wrong_type", expected=_expected(base), found=kind_of_value(value))
    origin = typing.get_origin(base)
    if origin is list:
        if not isinstance(value, list):
            return EntryProblem("wrong_type", expected="list", found=kind_of_value(value))
        (item,) = typing.get_args(base)
        for position, element in enumerate(value, start=1):
            problem = _explain_value(element, item)
            if problem is not None:
                return _with_field(problem, f"[{position}]")
    if base is date and isinstance(value, str):
        return EntryProblem("bad_date", params={"value": shown(value)})
    if origin is typing.Literal:
        if not isinstance(value, str):
            return EntryProblem("wrong_type", expected="text", found=kind_of_value(value))
        params = {"value": shown(value), "allowed": listed(typing.get_args(base))}
        return EntryProblem("unknown_value", params=params)
    if base is str and isinstance(value, str) and meta is not None and meta.min_length:
        return EntryProblem("empty")
    return EntryProblem("wrong_type", expected=_expected(base), found=kind_of_value(value))


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


def kind_of_value(value: object) -> str:
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


def listed(values: Iterable[str]) -> str:
    return ", ".join(f"“{value}”" for value in values)


def shown(value: str, width: int = 40) -> str:
    """A value from the file as a message can show it: short, no control characters."""
    cut = value[:width]
    shown = "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in cut)
    return shown + ("…" if len(value) > width else "")
