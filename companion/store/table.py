"""TinyDB with tables changed in place: a save copies no table and encodes what it changed.

TinyDB's own `Table._update_table` copies the whole table twice for every write (to int
doc ids for the updater, then back to str keys for the storage), and its storage encodes
the whole document again. `InPlaceTable` hands TinyDB's updaters the stored table itself
(`storage.DocIdView`), and the storage encodes only the documents they touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Table

from companion.store.storage import AtomicJSONStorage


class InPlaceTable(Table):
    """A table of an AtomicJSONStorage whose writes change its stored documents in place."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        storage = self.storage
        if not isinstance(storage, AtomicJSONStorage):
            raise TypeError(f"an InPlaceTable needs an AtomicJSONStorage, not {storage!r}")
        # TinyDB's updaters (insert, update, upsert, remove, truncate) are typed for a
        # dict but use only what a MutableMapping has.
        storage.update_table(self.name, cast(Callable[[MutableMapping[int, Any]], None], updater))
        self.clear_cache()  # as TinyDB does: the query results may have changed


class LiveTinyDB(TinyDB):
    """The live file's TinyDB (open it with `storage=AtomicJSONStorage`)."""

    table_class = InPlaceTable
