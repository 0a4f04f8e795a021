"""A TinyDB storage that serves reads from memory and writes the file atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from companion.store.codec import decode_trusted
from companion.store.codec.crypto import Sealing
from companion.store.files import atomic_write, atomic_write_pieces
from companion.store.pieces import (
    Change,
    Run,
    TableBytes,
    entry_bytes,
    file_pieces,
    in_writes,
    runs_after,
    runs_of,
)
from companion.store.schema import Raw


class DocIdView(MutableMapping[int, Any]):
    """A stored table ({"<doc id>": document}) as TinyDB's updaters use it ({doc id:
    document}), without a copy: the updater changes the stored table itself. `change`
    notes which documents it may have changed, so that only those are encoded again.
    """

    def __init__(self, stored: dict[str, Any]) -> None:
        self._stored = stored
        self.change = Change()

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        document = self._stored[key]
        self.change.touched.add(key)  # `update` changes the document it gets in place
        return document

    def __setitem__(self, doc_id: int, document: Any) -> None:
        key = str(doc_id)
        if key not in self._stored:
            self.change.appended.append(key)
        self._stored[key] = document
        self.change.touched.add(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self._stored[key]
        self.change.touched.add(key)

    def __contains__(self, doc_id: object) -> bool:
        # A look that hands out no document (Mapping's own would, through __getitem__).
        return str(doc_id) in self._stored

    def __iter__(self) -> Iterator[int]:
        return map(int, self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def clear(self) -> None:
        """All at once (truncate), rather than MutableMapping's one popitem per document."""
        self._stored.clear()
        self.change = Change(cleared=True)


class AtomicJSONStorage(Storage):
    """The whole document lives in memory; each write replaces the file atomically.

    `initial` is the document as `codec.load_live` read and checked it. A table changes
    in place (`update_table`, which `table.InPlaceTable` uses), and the file's bytes are
    kept in pieces (pieces.py), so that a write encodes again only the documents it
    changed. If a write fails, what it changed goes back to the bytes last written (kept
    in memory, so this works even when the file or its folder is gone), so memory never
    runs ahead of the file.

    `sealing`: how an encrypted file is written again (its header, the keyring); each
    write is then encrypted under a fresh nonce. None: plaintext, as it was.
    """

    def __init__(self, path: Path, initial: Raw, sealing: Sealing | None = None) -> None:
        self.path = path
        self.sealing = sealing
        self._cache: Raw = initial
        self._file = _whole_tables(initial)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """The whole document, encoded anew (a new or migrated file, TinyDB's drop_table):
        `data` may be the cache itself, changed before this call."""
        file = _whole_tables(data)
        try:
            self._write_file(file)
        except BaseException:
            self._cache = decode_trusted(b"".join(file_pieces(self._file)))
            raise
        self._cache = data
        self._file = file

    def update_table(self, name: str, updater: Callable[[MutableMapping[int, Any]], None]) -> None:
        """TinyDB's read, change and write of table `name` (its `_update_table`), done on
        the stored table itself; if the updater or the write fails, the table goes back to
        what the file holds."""
        before = self._runs(name)
        table = self._cache.setdefault(name, {})  # a new table goes last, as in TinyDB
        view = DocIdView(table)
        try:
            updater(view)
            file = {**self._file, name: runs_after(before, view.change, table)}
            self._write_file(file)
        except BaseException:
            self._restore_table(name)
            raise
        self._file = file

    def close(self) -> None:
        pass

    def _runs(self, name: str) -> tuple[Run, ...]:
        """The runs of table `name` (none for a table not in the file); a table still
        whole is split now, from memory, which is as the file is."""
        table = self._file.get(name, ())
        if isinstance(table, bytes):
            table = self._file[name] = runs_of(self._cache[name])
        return table

    def _restore_table(self, name: str) -> None:
        if name not in self._file:
            self._cache.pop(name, None)
            return
        as_file = b"".join(file_pieces({name: self._file[name]}))
        self._cache[name] = decode_trusted(as_file)[name]

    def _write_file(self, file: dict[str, TableBytes]) -> None:
        if self.sealing is None:
            atomic_write_pieces(self.path, in_writes(file_pieces(file)))
        else:
            atomic_write(self.path, self.sealing.seal(b"".join(file_pieces(file))))


def _whole_tables(data: Raw) -> dict[str, TableBytes]:
    return {name: entry_bytes(name, table) for name, table in data.items()}
