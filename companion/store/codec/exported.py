"""An export (`companion export`) read back: its shape and schema checked, then turned
into the live file's shape (every school year in it) and checked there entry by entry,
as the live file is, migrations included. See `decode_export` in the package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store.codec.problems import kind_of_value, shown
from companion.store.errors import (
    DataFileBadEntry,
    DataFileForeign,
    DataFileTooNew,
    EntryProblem,
)
from companion.store.schema import APP_ID, SCHEMA_VERSION, YEAR_BOUND, Raw

EXPORT_FORMAT = "classroom-companion-export"

# The name each year-bound kind's day (its `date` field) has in the files and the export
# (a Samen-Spel plan's is "start").
DAY_FIELDS: dict[str, str] = {
    name: next(f.encode_name for f in msgspec.structs.fields(record) if f.name == "date")
    for name, record in YEAR_BOUND.items()
}

# What an export holds beside its header: the live file's tables, as lists.
_LISTS = (
    "children",
    "needs_profiles",
    "own_strategies",
    "journal_prompts",
    "journal_drafts",
    *YEAR_BOUND,
)
_HEADER = ("format", "schema", "exported_at")


def _bad(path: Path, reason: str, **where: Any) -> DataFileBadEntry:
    return DataFileBadEntry(path, EntryProblem(reason, **where))


def export_header(path: Path, raw: object) -> int:
    """The export's schema version: refused when it is not an export of ours
    (DataFileForeign) or newer than this version reads (DataFileTooNew)."""
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise DataFileForeign(path, "not a Classroom Companion export")
    version = raw.get("schema")
    if type(version) is not int or version < 1:
        raise _bad(path, "schema_invalid")
    if version > SCHEMA_VERSION:
        raise DataFileTooNew(path, str(version))
    return version


def _rows(path: Path, raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = raw.get(name, [])
    if not isinstance(value, list):
        found = kind_of_value(value)
        raise _bad(path, "list_expected", found=found, params={"table": name})
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            found = kind_of_value(row)
            raise _bad(
                path, "not_an_object", table=name, entry=str(number), in_list=True, found=found
            )
    return value


def _abc_days(path: Path, ticks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The export's one row per tick, as the file's one entry per child and day."""
    days: dict[tuple[str, str], dict[str, set[str]]] = {}
    for number, tick in enumerate(ticks, start=1):
        where = {"table": "abc", "entry": str(number), "in_list": True}
        for field in ("child", "date", "moment", "item"):
            if not isinstance(tick.get(field), str):
                raise _bad(path, "missing", field=field, **where)
        moment, item = tick["moment"], tick["item"]
        if moment not in MOMENTS:
            params = {"value": shown(moment), "allowed": ", ".join(MOMENTS)}
            raise _bad(path, "unknown_value", field="moment", params=params, **where)
        if item not in ABC_ITEMS:
            params = {"value": shown(item), "allowed": ", ".join(ABC_ITEMS)}
            raise _bad(path, "unknown_value", field="item", params=params, **where)
        marks = days.setdefault((tick["child"], tick["date"]), {m: set() for m in MOMENTS})
        marks[moment].add(item)
    return [
        {
            "child": child,
            "date": day,
            **{moment: [i for i in ABC_ITEMS if i in marks[moment]] for moment in MOMENTS},
        }
        for (child, day), marks in days.items()
    ]


_CONVERT: dict[str, Callable[[Path, list[dict[str, Any]]], list[dict[str, Any]]]] = {
    "abc": _abc_days,
}


def export_as_live(path: Path, raw: object) -> Raw:
    """The export's content in the live file's shape ({table: {"<doc id>": {...}}}, every
    school year in it), headed with the export's schema so that the live file's checks
    and migrations apply. Refuses what is not shaped like an export."""
    version = export_header(path, raw)
    assert isinstance(raw, dict)
    for name in raw:
        if name not in (*_HEADER, *_LISTS, "settings", "hidden_strategies"):
            raise _bad(path, "unknown_table", params={"table": shown(name)})
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        found = kind_of_value(settings)
        raise _bad(path, "list_expected", found=found, params={"table": "settings"})
    hidden = raw.get("hidden_strategies", [])
    if not isinstance(hidden, list):
        found = kind_of_value(hidden)
        raise _bad(path, "list_expected", found=found, params={"table": "hidden_strategies"})
    live: Raw = {
        "meta": {"1": {"app": APP_ID, "schema": version}},
        "settings": {"1": settings} if settings else {},
        "hidden_strategies": {str(n): {"key": key} for n, key in enumerate(hidden, start=1)},
    }
    for name in _LISTS:
        rows = _rows(path, raw, name)
        convert = _CONVERT.get(name)
        if convert is not None:
            rows = convert(path, rows)
        live[name] = {str(number): row for number, row in enumerate(rows, start=1)}
    return live
