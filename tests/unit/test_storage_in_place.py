"""Tables changed in place (store/table.py, store/storage.py): every TinyDB write gives the
file `encode` of the whole document would give, answers as stock TinyDB does, and a write
that fails leaves memory exactly as the file is."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB, where
from tinydb.operations import delete
from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document, Table

from companion.domain.children import ChildDraft
from companion.store import Store, pieces
from companion.store.codec import decode_trusted, encode
from companion.store.errors import DataFileUnwritable
from companion.store.storage import AtomicJSONStorage
from companion.store.table import LiveTinyDB

FAILED = (OSError, ValueError, KeyError)  # a write that failed, a call TinyDB refused
TABLES = ("abc", "children", 'ç "\\ naam')  # a name encode has to escape, too
TODAY = date(2027, 6, 23)

# -- what a document may hold: anything JSON carries back as it was --------------------

CHARACTERS = st.characters(blacklist_categories=["Cs"])  # what UTF-8 can carry
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(CHARACTERS, max_size=6)
)
KEYS = st.text(CHARACTERS, max_size=3)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
FIELDS = st.sampled_from(["a", "b", "é\n", ""])
DOCUMENTS = st.dictionaries(FIELDS, VALUES, max_size=3)
DOC_IDS = st.lists(st.integers(min_value=1, max_value=12), max_size=3)


class StockMemory(MemoryStorage):
    """Stock TinyDB's storage in memory, whose writes fail while `failing` is set, as
    ours do then (for real): the same calls then consume the same doc ids."""

    failing = False

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.failing:
            raise OSError("the folder is gone")
        super().write(data)


@dataclass(frozen=True)
class Op:
    """One call on a table (or on the database, for drop_table); `fails`: its file write
    is made to fail, for real, by taking the data file's folder away."""

    call: str
    table: str
    args: tuple[Any, ...]
    fails: bool


def _op(call: str, *args: st.SearchStrategy[Any]) -> st.SearchStrategy[Op]:
    fails = st.sampled_from([False, False, False, False, True])
    return st.builds(Op, st.just(call), st.sampled_from(TABLES), st.tuples(*args), fails)


OPS = st.one_of(
    _op("insert", DOCUMENTS),
    _op("insert_multiple", st.lists(DOCUMENTS, max_size=4)),
    _op("insert_at", st.integers(min_value=1, max_value=12), DOCUMENTS),  # may exist: fails
    _op("update", DOCUMENTS, DOC_IDS),
    _op("update_where", DOCUMENTS, FIELDS),
    _op("delete_field", FIELDS, DOC_IDS),  # KeyError half-way where a document lacks it
    _op("upsert_where", DOCUMENTS, FIELDS),
    _op("upsert_at", st.integers(min_value=1, max_value=12), DOCUMENTS),
    _op("remove", DOC_IDS),
    _op("remove_where", FIELDS),
    _op("truncate"),
    _op("drop_table"),
)


def _run(db: TinyDB, op: Op) -> object:
    """`op` on `db`: its answer, or the kind of error it raised."""
    table = db.table(op.table)
    calls: dict[str, Callable[..., object]] = {
        "insert": table.insert,
        "insert_multiple": table.insert_multiple,
        "insert_at": lambda doc_id, doc: table.insert(Document(doc, doc_id=doc_id)),
        "update": lambda fields, doc_ids: table.update(fields, doc_ids=doc_ids),
        "update_where": lambda fields, field: table.update(fields, where(field).exists()),
        "delete_field": lambda field, doc_ids: table.update(delete(field), doc_ids=doc_ids),
        "upsert_where": lambda doc, field: table.upsert(doc, where(field).exists()),
        "upsert_at": lambda doc_id, doc: table.upsert(Document(doc, doc_id=doc_id)),
        "remove": lambda doc_ids: table.remove(doc_ids=doc_ids),
        "remove_where": lambda field: table.remove(where(field).exists()),
        "truncate": table.truncate,
        "drop_table": lambda: db.drop_table(op.table),
    }
    try:
        return calls[op.call](*copy.deepcopy(op.args))  # no value shared by the two dbs
    except FAILED as error:
        return next(kind for kind in FAILED if isinstance(error, kind))


@contextmanager
def _folder_gone(folder: Path) -> Iterator[None]:
    """The data file's folder swapped for a file (a pulled stick): writes fail for real,
    as root too; the folder comes back as it was."""
    away = folder.with_name(f"{folder.name}.away")
    folder.rename(away)
    folder.write_text("the folder is gone")
    try:
        yield
    finally:
        folder.unlink()
        away.rename(folder)


def _assert_file_is_memory(path: Path, storage: Storage) -> None:
    memory = storage.read()
    assert memory is not None
    on_disk = path.read_bytes()
    assert on_disk == encode(memory)  # byte for byte, the order of tables and documents too
    assert decode_trusted(on_disk) == memory  # what a fresh load gives


def _tables_of(db: TinyDB) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    return {name: [(doc.doc_id, dict(doc)) for doc in db.table(name)] for name in TABLES}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    initial=st.fixed_dictionaries(
        {"abc": st.dictionaries(st.integers(1, 12).map(str), DOCUMENTS, max_size=5)}
    ),
    ops=st.lists(OPS, max_size=12),
)
def test_any_sequence_of_writes_gives_the_file_encode_would_give(
    initial: dict[str, dict[str, Any]], ops: list[Op]
) -> None:
    """Against stock TinyDB in memory, given the same calls: the same answers, the same
    tables; and after each write the file is `encode` of memory, byte for byte."""
    with tempfile.TemporaryDirectory() as base, pytest.MonkeyPatch.context() as patch:
        patch.setattr(pieces, "DOCUMENTS_PER_RUN", 3)  # tables of several runs too
        folder = Path(base) / "klas"
        folder.mkdir()
        path = folder / "companion.json"
        ours = LiveTinyDB(path, storage=AtomicJSONStorage, initial=copy.deepcopy(initial))
        ours.storage.write(ours.storage.read() or {})  # the file as Core.flush writes it
        stock = TinyDB(storage=StockMemory)
        stock.storage.write(copy.deepcopy(initial))
        stock_memory = stock.storage
        assert isinstance(stock_memory, StockMemory)
        for op in ops:
            kept = copy.deepcopy(stock_memory.read() or {})
            stock_memory.failing = op.fails
            if op.fails:
                with _folder_gone(folder):
                    answer = _run(ours, op)
            else:
                answer = _run(ours, op)
            assert _run(stock, op) == answer
            stock_memory.failing = False
            if answer in FAILED:
                # Stock TinyDB keeps in memory what a failed call changed; ours goes back.
                stock_memory.write(kept)
                for name in TABLES:
                    stock.table(name).clear_cache()
            _assert_file_is_memory(path, ours.storage)
            assert encode(ours.storage.read() or {}) == encode(stock.storage.read() or {})
            assert _tables_of(ours) == _tables_of(stock)


# -- a failed write, focused ------------------------------------------------------------


def _opened(path: Path, initial: dict[str, dict[str, Any]]) -> tuple[TinyDB, Table]:
    db = LiveTinyDB(path, storage=AtomicJSONStorage, initial=initial)
    db.storage.write(db.storage.read() or {})
    return db, db.table("abc")


def test_a_failed_write_leaves_the_changed_table_as_the_file_has_it(tmp_path: Path) -> None:
    folder = tmp_path / "klas"
    folder.mkdir()
    path = folder / "companion.json"
    db, table = _opened(path, {"abc": {str(n): {"n": n} for n in range(1, 50)}})
    table.update({"n": 0}, doc_ids=[7])  # the table is kept in pieces from here on
    before, on_disk = copy.deepcopy(db.storage.read()), path.read_bytes()
    with _folder_gone(folder):
        with pytest.raises(OSError):
            table.update({"n": -1}, doc_ids=[3, 7])
        with pytest.raises(OSError):
            table.remove(doc_ids=[1, 2])
        with pytest.raises(OSError):
            table.insert({"n": 99})
        with pytest.raises(OSError):
            db.table("new").insert({"n": 1})
    assert db.storage.read() == before and list(db.storage.read() or {}) == ["abc"]
    assert path.read_bytes() == on_disk
    _assert_file_is_memory(path, db.storage)
    table.update({"n": -1}, doc_ids=[3])  # the same change saves once the folder is back
    _assert_file_is_memory(path, db.storage)
    assert table.get(doc_id=3) == {"n": -1} and table.get(doc_id=7) == {"n": 0}


def test_an_updater_that_fails_half_way_leaves_no_trace(tmp_path: Path) -> None:
    """Stock TinyDB would keep the first documents of a failed insert_multiple (and the
    fields a failed update deleted) in memory, unwritten; here the table goes back."""
    path = tmp_path / "companion.json"
    db, table = _opened(path, {"abc": {"1": {"n": 1}, "2": {"m": 2}}})
    on_disk = path.read_bytes()
    with pytest.raises(ValueError):
        table.insert_multiple([{"n": 3}, Document({"n": 4}, doc_id=1)])
    with pytest.raises(KeyError):
        table.update(delete("n"), doc_ids=[1, 2])  # deletes from 1, then 2 lacks it
    assert path.read_bytes() == on_disk
    _assert_file_is_memory(path, db.storage)
    assert table.all() == [{"n": 1}, {"m": 2}]


def test_a_document_removed_and_inserted_again_goes_last_in_the_file_too(tmp_path: Path) -> None:
    path = tmp_path / "companion.json"
    db, table = _opened(path, {"abc": {"1": {"n": 1}, "2": {"n": 2}, "3": {"n": 3}}})
    table.truncate()
    table.insert_multiple([{"n": 1}, {"n": 2}, {"n": 3}])

    def again(doc_ids: dict[int, Any]) -> None:  # in one write: out, then in again
        document = doc_ids.pop(1)
        doc_ids[1] = document

    table._update_table(again)  # what no public call does in one write
    _assert_file_is_memory(path, db.storage)
    assert [doc.doc_id for doc in table.all()] == [2, 3, 1]


# -- through the store ------------------------------------------------------------------


def _abc_of(store: Store) -> object:
    days = [TODAY - timedelta(days=n) for n in range(10)]
    return store.abc.days(days), store.children.all(include_archived=True)


def test_a_failed_save_in_a_big_year_leaves_memory_and_file_alike(tmp_path: Path) -> None:
    """Memory stays the file through a failed save, and a second store reads what the
    first one shows after the next save."""
    folder = tmp_path / "klas"
    path = folder / "companion.json"
    store = Store.open(path, today=TODAY, backup=False)
    live_storage = store.core.table("abc").storage
    children = store.children.add_many([ChildDraft(f"Kind {n}", "") for n in range(6)])
    for offset in range(10):
        for child in children:
            day = store.abc.day(child.id, TODAY - timedelta(days=offset))
            store.abc.save(day.toggled("day", "smile"))
    before = _abc_of(store)
    with _folder_gone(folder):
        with pytest.raises(DataFileUnwritable):
            store.abc.save(store.abc.day(children[0].id, TODAY).toggled("welcome", "touch"))
        assert _abc_of(store) == before
    _assert_file_is_memory(path, live_storage)
    store.abc.save(store.abc.day(children[1].id, TODAY).toggled("welcome", "voice"))
    _assert_file_is_memory(path, live_storage)
    shown = _abc_of(store)
    assert shown != before
    store.close()
    with Store.open(path, today=TODAY, backup=False) as reopened:
        assert _abc_of(reopened) == shown
