"""The shape of the data file, its schema version and the migrations between versions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

APP_ID = "classroom-companion"
SCHEMA_VERSION = 1
META_TABLE = "meta"
TABLES = ("meta", "settings", "children", "abc", "days_off")

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]


class ShapeError(ValueError):
    """The JSON parsed, but it is not shaped like our data file."""


class TooNewError(ValueError):
    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version} is newer than {SCHEMA_VERSION}")
        self.version = version


class ForeignFileError(ValueError):
    """Valid JSON in TinyDB's shape, but not written by this app."""


def new_document() -> Raw:
    return {META_TABLE: {"1": {"app": APP_ID, "schema": SCHEMA_VERSION}}}


def check_shape(raw: object) -> Raw:
    """TinyDB's shape: {table: {"<int>": {document}}}; anything else is refused."""
    if not isinstance(raw, dict):
        raise ShapeError("the top level is not an object")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise ShapeError(f"table {name!r} is not an object")
        for doc_id, document in table.items():
            if not str(doc_id).isdigit() or not isinstance(document, dict):
                raise ShapeError(f"table {name!r} has a malformed document {doc_id!r}")
    return raw


def check_archive_shape(raw: object) -> Raw:
    """An archive: {"meta": {app, schema, school_year}, "abc": [...], "days_off": [...]}."""
    if not isinstance(raw, dict):
        raise ShapeError("the top level is not an object")
    meta = raw.get(META_TABLE)
    if not isinstance(meta, dict) or meta.get("app") != APP_ID:
        raise ForeignFileError("no Classroom Companion header")
    version = meta.get("schema")
    if not isinstance(version, int) or version < 1:
        raise ShapeError("the schema version is missing or invalid")
    if version > SCHEMA_VERSION:
        raise TooNewError(version)
    for name, needed in (("abc", ("child", "date")), ("days_off", ("date",))):
        documents = raw.get(name, [])
        if not isinstance(documents, list):
            raise ShapeError(f"{name!r} is not a list")
        for document in documents:
            if not isinstance(document, dict) or not all(
                isinstance(document.get(key), str) for key in needed
            ):
                raise ShapeError(f"{name!r} holds a malformed entry")
    return raw


def schema_version(raw: Raw) -> int:
    meta = raw.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or meta.get("app") != APP_ID:
        raise ForeignFileError("no Classroom Companion header")
    version = meta.get("schema")
    if not isinstance(version, int) or version < 1:
        raise ShapeError("the schema version is missing or invalid")
    return version


# version N -> function turning a version-N document into version N+1.
MIGRATIONS: Mapping[int, Migration] = {}


def migrate(
    raw: Raw, migrations: Mapping[int, Migration] = MIGRATIONS, target: int = SCHEMA_VERSION
) -> tuple[Raw, bool]:
    """Bring `raw` up to `target`, one step at a time; returns (document, changed)."""
    version = schema_version(raw)
    if version > target:
        raise TooNewError(version)
    changed = False
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise ShapeError(f"no migration from schema {version}")
        raw = step(raw)
        version += 1
        raw[META_TABLE]["1"]["schema"] = version
        changed = True
    return raw, changed
