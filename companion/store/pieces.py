"""The live file's bytes kept in pieces, so that a save encodes and joins again only what
it changed: joined in order, the pieces are exactly `encode` of the whole document.

A table is one piece `"name":{...}` while it is as it was read (or written whole); from
its first change in place on, its documents are pieces `"<doc id>":{...}`, kept in runs
of consecutive documents, each run joined once (`Run`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from companion.store.codec import encode

# A run of this many documents is some 40 KB: joined again in microseconds when one of
# them changes, and big enough to be one write of its own.
DOCUMENTS_PER_RUN = 256
# Pieces smaller than this are gathered into one write (commas, small tables): fewer
# system calls, without copying the big pieces, which are written as they are.
SMALL_WRITE = 16 * 1024


def entry_bytes(key: str, value: object) -> bytes:
    """`"key":value` exactly as `encode` writes it inside an object (its braces cut off),
    so that entries joined with commas are the bytes `encode` gives for the whole."""
    return encode({key: value})[1:-1]


@dataclass(frozen=True)
class Run:
    """Consecutive documents of a table, each as its entry's bytes, and those joined."""

    entries: dict[str, bytes]
    joined: bytes

    @classmethod
    def of(cls, entries: dict[str, bytes]) -> Run:
        return cls(entries, b",".join(entries.values()))


# One table of the file: its bytes whole, or its runs of documents.
TableBytes = bytes | tuple[Run, ...]


@dataclass
class Change:
    """What a write did to a table, as far as its bytes go (`DocIdView` notes it)."""

    touched: set[str] = field(default_factory=set)  # doc ids set, removed or handed out
    appended: list[str] = field(default_factory=list)  # set where there was none, in order
    cleared: bool = False  # emptied first (truncate)


def runs_of(table: Mapping[str, Any]) -> tuple[Run, ...]:
    """A table's documents, encoded one by one, in runs."""
    documents = iter(table.items())
    runs = []
    while batch := list(islice(documents, DOCUMENTS_PER_RUN)):
        runs.append(Run.of({key: entry_bytes(key, document) for key, document in batch}))
    return tuple(runs)


def runs_after(runs: tuple[Run, ...], change: Change, table: Mapping[str, Any]) -> tuple[Run, ...]:
    """The runs of `table` after `change`, in its order, given its runs before: a run the
    change reached is copied and joined again, the others are kept as they are."""
    kept = () if change.cleared else runs
    entries = [run.entries for run in kept]
    copied: set[int] = set()  # indexes into `entries` of copies made for this change

    def editable(index: int) -> dict[str, bytes]:
        if index not in copied:
            entries[index] = dict(entries[index])
            copied.add(index)
        return entries[index]

    def drop(key: str) -> None:
        for index, run in enumerate(entries):
            if key in run:
                del editable(index)[key]
                return

    for key in change.appended:  # the stored table put it last, so the file does too
        drop(key)
        if key in table:
            if not entries or len(entries[-1]) >= DOCUMENTS_PER_RUN:
                entries.append({})
            editable(len(entries) - 1)[key] = entry_bytes(key, table[key])
    for key in change.touched.difference(change.appended):  # documents the file has
        if key not in table:
            drop(key)
            continue
        for index, run in enumerate(entries):
            if key in run:
                editable(index)[key] = entry_bytes(key, table[key])
                break
    return tuple(
        Run.of(run) if index in copied else kept[index] for index, run in enumerate(entries) if run
    )


def _table_pieces(name: str, table: TableBytes) -> Iterator[bytes]:
    if isinstance(table, bytes):
        yield table
        return
    yield entry_bytes(name, {})[:-1]  # `"name":{`
    for index, run in enumerate(table):
        if index:
            yield b","
        yield run.joined
    yield b"}"


def file_pieces(file: Mapping[str, TableBytes]) -> Iterator[bytes]:
    """The file's bytes in pieces: `encode` of the whole document, once joined."""
    yield b"{"
    for index, (name, table) in enumerate(file.items()):
        if index:
            yield b","
        yield from _table_pieces(name, table)
    yield b"}"


def in_writes(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The pieces with the small ones gathered (see SMALL_WRITE), in the same order."""
    small: list[bytes] = []
    size = 0
    for piece in pieces:
        if len(piece) >= SMALL_WRITE:
            if small:
                yield b"".join(small)
                small, size = [], 0
            yield piece
            continue
        small.append(piece)
        size += len(piece)
        if size >= SMALL_WRITE:
            yield b"".join(small)
            small, size = [], 0
    if small:
        yield b"".join(small)
