"""An export (`companion export`) written piece by piece, so that ten school years are
never whole in memory (`export_file`, the same bytes as `encode_export` in the package),
and read back: its shape and schema checked, then turned into the live file's shape
(every school year in it) and checked there entry by entry, as the live file is,
migrations included. See `decode_export` in the package."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, Moment
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


# -- writing an export in pieces ---------------------------------------------------------

# encode_export's layout one level in: JSON strings hold no raw newline, so every newline
# in its output is the layout's, and indenting it is adding two spaces after each.
_NEXT_LINE = b"\n  "


def _formatted(value: Any) -> bytes:
    """A value as encode_export (in the package) writes it at the top."""
    return msgspec.json.format(msgspec.json.encode(value), indent=2)


def _member(name: str, formatted: bytes) -> bytes:
    """A member of the export's object: its name, and its value one level in."""
    return _NEXT_LINE + _formatted(name) + b": " + formatted.replace(b"\n", _NEXT_LINE)


# A list in a list, formatted, has its rows as deep as a list of the export has them.
_LIST_IN_LIST = (b"[\n  [", b"\n  ]\n]")


def export_rows(rows: Sequence[Any]) -> bytes:
    """Rows as they stand in one of an export's lists (b"" for none), for `export_file`."""
    if not rows:
        return b""
    start, end = _LIST_IN_LIST
    inner = msgspec.json.format(b"[" + msgspec.json.encode(rows) + b"]", indent=2)
    return inner[len(start) : -len(end)]


# The export's "abc" list: one row per tick (see _abc_days for reading it back).
TICK_FIELDS = ("child", "child_name", "date", "moment", "item")
# A day in the "abc" list: child id, child's name, ISO day, the marks per moment.
TickDay = tuple[str, str, str, Mapping[Moment, Collection[AbcItem]]]


def _row_layout(fields: Sequence[str]) -> list[bytes]:
    """One row of these fields as `export_rows` writes it, cut where each value goes."""
    hole = "\x00"  # written "\u0000": in no name, so found only where a value goes
    return export_rows([dict.fromkeys(fields, hole)]).split(msgspec.json.encode(hole))


_BEFORE_CHILD, _BEFORE_NAME, _BEFORE_DATE, _BEFORE_MOMENT, _BEFORE_ITEM, _AFTER = _row_layout(
    TICK_FIELDS
)
# Per moment, each ingredient in the deck's order with the end of its row.
_TICK_ENDS = {
    moment: [
        (item, msgspec.json.encode(moment) + _BEFORE_ITEM + msgspec.json.encode(item) + _AFTER)
        for item in ABC_ITEMS
    ]
    for moment in MOMENTS
}


def export_ticks(days: Iterable[TickDay]) -> bytes:
    """`export_rows` of the ABC rows (TICK_FIELDS, one per tick, each moment's in the
    deck's order) of `days`, made without the rows: what a day's ticks share is encoded
    once for the day, the rest is one of 21 endings (ten school years hold a quarter of a
    million ticks)."""
    encode = msgspec.json.encode
    rows: list[bytes] = []
    add = rows.append
    for child, name, day, marks in days:
        shared = (encode(child), _BEFORE_NAME, encode(name), _BEFORE_DATE, encode(day))
        start = b"".join((_BEFORE_CHILD, *shared, _BEFORE_MOMENT))
        for moment in MOMENTS:
            marked = marks.get(moment)
            if marked:
                for item, end in _TICK_ENDS[moment]:
                    if item in marked:
                        add(start + end)
    return b",".join(rows)


def export_file(
    head: Mapping[str, Any], lists: Sequence[str], pieces: Iterable[tuple[str, bytes]]
) -> Iterator[bytes]:
    """The bytes of an export file, `encode_export(document)` and a newline, made piece by
    piece: the document is `head` followed by one list per name in `lists`, whose rows
    come as `pieces`, (name, export_rows(some rows)) in the order of `lists` (a list's
    rows may come in any number of pieces, or none)."""
    members = [_member(name, _formatted(value)) for name, value in head.items()]
    yield b"{" + b",".join(members)
    written, has_rows = len(members), False
    names = iter(lists)
    current: str | None = None
    # The last list, with no more rows, at the end: every list is opened, even an empty one.
    for name, rows in itertools.chain(pieces, ((last, b"") for last in lists[-1:])):
        while name != current:
            if current is not None:
                yield _NEXT_LINE + b"]" if has_rows else b"]"
            current = next(names, None)
            if current is None:
                raise ValueError(f"rows of {name!r}, not one of {list(lists)} or out of order")
            yield (b"," if written else b"") + _member(current, b"[")
            written, has_rows = written + 1, False
        if rows:
            yield (b"," if has_rows else b"") + rows
            has_rows = True
    if current is not None:
        yield _NEXT_LINE + b"]" if has_rows else b"]"
    yield b"\n}\n" if written else b"}\n"


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
