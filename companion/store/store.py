"""The one place that knows TinyDB: typed reads and durable writes of domain objects.

The live file holds the current school year; closed school years move to their own
archive files (read only for history), so a save costs the same after ten years.
"""

from __future__ import annotations

import contextlib
import glob
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from companion.domain.abc import AbcDay
from companion.domain.calendar import DayOff, SchoolCalendar, school_year_label, school_year_of
from companion.domain.children import Child, ChildDraft
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS
from companion.store.errors import (
    DataFileCorrupt,
    DataFileError,
    DataFileLocked,
    DataFileUnreadable,
    DataFileUnwritable,
)
from companion.store.files import (
    PRIVATE_FILE,
    archive_dir_for,
    atomic_write,
    backup_dir_for,
    ensure_private_folder,
)
from companion.store.schema import APP_ID, SCHEMA_VERSION, Raw, new_document
from companion.store.storage import (
    AtomicJSONStorage,
    load_checked,
    read_archive,
    read_document,
)

BACKUPS_KEPT = 10
W = TypeVar("W")
EXPORT_FORMAT = "classroom-companion-export"


def _iso(day: date) -> str:
    return day.isoformat()


def _child_from(document: dict[str, Any]) -> Child:
    born = document.get("birth_date")
    return Child(
        id=document["id"],
        first_name=document["first_name"],
        last_name=document.get("last_name", ""),
        birth_date=date.fromisoformat(born) if born else None,
        group=document.get("group", "all"),
        note=document.get("note", ""),
        archived=bool(document.get("archived", False)),
        added_on=date.fromisoformat(document["added_on"]),
    )


def _child_to(child: Child) -> dict[str, Any]:
    return {
        "id": child.id,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "birth_date": _iso(child.birth_date) if child.birth_date else None,
        "group": child.group,
        "note": child.note,
        "archived": child.archived,
        "added_on": _iso(child.added_on),
    }


def _abc_from(document: dict[str, Any]) -> AbcDay:
    marks = {moment: frozenset(document.get(moment, ())) for moment in MOMENTS}
    return AbcDay(document["child"], date.fromisoformat(document["date"]), marks)


def _abc_to(entry: AbcDay) -> dict[str, Any]:
    document: dict[str, Any] = {"child": entry.child_id, "date": _iso(entry.day)}
    for moment in MOMENTS:
        chosen = entry.items_at(moment)
        document[moment] = [item for item in ABC_ITEMS if item in chosen]
    return document


def _follow_link(path: Path) -> Path:
    """The file a symbolic link points to: saves replace the file they write, so through a
    link they would replace the link itself, and the linked file would stop getting them."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        # A link to a drive that is not there must not become a new, empty class.
        raise DataFileUnreadable(
            path, f"it links to {os.readlink(path)}, which is missing"
        ) from error
    return target


def default_data_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("classroom-companion", appauthor=False) / "companion.json"


class Store:
    """Open with `Store.open(path, today=...)`; holds the file's lock until `close()`."""

    def __init__(self, path: Path, today: date, raw: Raw, lock: FileLock) -> None:
        self.path = path
        self.today = today
        self.current_year = school_year_of(today)
        self._lock = lock
        self._db = TinyDB(path, storage=AtomicJSONStorage, initial=raw)
        # Grows with every write: a screen shown again re-reads only if it changed.
        self.revision = 0
        self._children: dict[str, Child] = {}
        self._child_docs: dict[str, int] = {}
        self._abc_docs: dict[tuple[str, date], int] = {}
        self._abc_by_day: dict[date, set[str]] = defaultdict(set)
        self._days_off: dict[date, tuple[int, str]] = {}
        self._archive_cache: dict[int, Raw] = {}
        self._index()

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, today: date, backup: bool = True) -> Self:
        path = _follow_link(Path(path).expanduser())
        if path.is_dir():
            raise DataFileUnreadable(path, "it is a folder")
        try:
            ensure_private_folder(path.parent)
        except OSError as error:
            raise DataFileUnwritable(path, error.strerror or str(error)) from error
        lock = FileLock(str(path) + ".lock", timeout=0, mode=PRIVATE_FILE, thread_local=False)
        try:
            lock.acquire()
        except Timeout as error:
            raise DataFileLocked(path) from error
        except OSError as error:
            raise DataFileUnwritable(path, error.strerror or str(error)) from error
        try:
            store = cls._open_locked(path, today, lock, backup)
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def _open_locked(cls, path: Path, today: date, lock: FileLock, backup: bool) -> Self:
        remove_stale_temp_files(path)
        if path.exists():
            raw, migrated = load_checked(path)
            try:
                store = cls(path, today, raw, lock)
            except (KeyError, TypeError, ValueError) as error:
                raise DataFileCorrupt(path, f"a malformed entry: {error!r}") from error
            # Only a file that opened cleanly is backed up, so a broken one can never
            # push the good backups out of the rotation.
            if backup:
                cls._backup(path)
            if migrated:
                store._flush()
        else:
            store = cls(path, today, new_document(), lock)
            store._flush()
        store._archive_closed_years()
        return store

    def close(self) -> None:
        self._db.close()
        with contextlib.suppress(OSError):
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _flush(self) -> None:
        storage = self._db.storage
        self._write(lambda: storage.write(storage.read() or {}))

    def _write(self, action: Callable[[], W]) -> W:
        try:
            result = action()
        except OSError as error:
            raise DataFileUnwritable(self.path, error.strerror or str(error)) from error
        self.revision += 1
        return result

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _document(self, table: Table, doc_id: int) -> Document:
        """A document the indexes say is there (they are only updated after a write)."""
        document = table.get(doc_id=doc_id)
        if not isinstance(document, Document):
            raise KeyError(f"{table.name} document {doc_id} is missing")
        return document

    def _index(self) -> None:
        for document in self._table("children").all():
            child = _child_from(document)
            self._children[child.id] = child
            self._child_docs[child.id] = document.doc_id
        for document in self._table("abc").all():
            key = (document["child"], date.fromisoformat(document["date"]))
            self._abc_docs[key] = document.doc_id
            self._abc_by_day[key[1]].add(key[0])
        for document in self._table("days_off").all():
            day = date.fromisoformat(document["date"])
            self._days_off[day] = (document.doc_id, document.get("reason", ""))

    # -- backups ----------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return backup_dir_for(self.path)

    @classmethod
    def _backup(cls, path: Path) -> None:
        """One copy a day of the file as it was opened; the newest ten are kept."""
        folder = backup_dir_for(path)
        stamp = datetime.now().strftime("%Y%m%d")
        if folder.is_dir() and any(folder.glob(f"{glob.escape(path.stem)}-{stamp}-*.json")):
            return
        try:
            ensure_private_folder(folder)
            moment = datetime.now().strftime("%Y%m%d-%H%M%S")
            atomic_write(folder / f"{path.stem}-{moment}.json", path.read_bytes())
            for old in sorted(folder.glob(f"{glob.escape(path.stem)}-*.json"))[:-BACKUPS_KEPT]:
                old.unlink()
        except OSError:
            pass  # a backup that cannot be made must not stop the teacher's day

    def backups(self) -> list[Path]:
        folder = self.backup_dir
        return (
            sorted(folder.glob(f"{glob.escape(self.path.stem)}-*.json")) if folder.is_dir() else []
        )

    # -- settings ---------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        document = self._table("settings").get(doc_id=1)
        if document is None:
            return default
        value = document.get(key, default)
        return None if value is None else str(value)

    def set_setting(self, key: str, value: str) -> None:
        table = self._table("settings")
        if table.get(doc_id=1) is None:
            self._write(lambda: table.insert(Document({key: value}, doc_id=1)))
        else:
            self._write(lambda: table.update({key: value}, doc_ids=[1]))

    # -- children ---------------------------------------------------------------------

    def children(self, *, include_archived: bool = False) -> list[Child]:
        return [c for c in self._children.values() if include_archived or not c.archived]

    def child(self, child_id: str) -> Child | None:
        return self._children.get(child_id)

    def add_child(self, draft: ChildDraft, *, added_on: date | None = None) -> Child:
        return self.add_children([draft], added_on=added_on)[0]

    def add_children(
        self, drafts: Sequence[ChildDraft], *, added_on: date | None = None
    ) -> list[Child]:
        """Add many children in one write (an import is all or nothing on disk)."""
        children = [
            Child.from_draft(draft, id=uuid.uuid4().hex[:12], added_on=added_on or self.today)
            for draft in drafts
        ]
        if not children:
            return []
        doc_ids = self._write(
            lambda: self._table("children").insert_multiple(_child_to(c) for c in children)
        )
        for child, doc_id in zip(children, doc_ids, strict=True):
            self._children[child.id] = child
            self._child_docs[child.id] = doc_id
        return children

    def update_child(self, child: Child) -> Child:
        doc_id = self._child_docs[child.id]
        self._write(lambda: self._table("children").update(_child_to(child), doc_ids=[doc_id]))
        self._children[child.id] = child
        return child

    def set_archived(self, child_id: str, archived: bool) -> Child:
        return self.update_child(replace(self._children[child_id], archived=archived))

    # -- ABC of Love ------------------------------------------------------------------

    def abc_day(self, child_id: str, day: date) -> AbcDay:
        doc_id = self._abc_docs.get((child_id, day))
        if doc_id is None:
            return AbcDay(child_id, day)
        return _abc_from(self._document(self._table("abc"), doc_id))

    def abc_days(self, days: Iterable[date]) -> dict[tuple[str, date], AbcDay]:
        """The recorded days of the current school year among `days`, via the index only."""
        table = self._table("abc")
        found: dict[tuple[str, date], AbcDay] = {}
        for day in days:
            for child_id in self._abc_by_day.get(day, ()):
                document = self._document(table, self._abc_docs[(child_id, day)])
                found[(child_id, day)] = _abc_from(document)
        return found

    def save_abc(self, entry: AbcDay) -> AbcDay:
        """Store one child's day as given (replacing what was there)."""
        if school_year_of(entry.day) != self.current_year:
            raise ValueError(f"{entry.day} is not in the current school year")
        key = (entry.child_id, entry.day)
        table = self._table("abc")
        doc_id = self._abc_docs.get(key)
        if entry.total == 0:
            if doc_id is not None:
                self._write(lambda: table.remove(doc_ids=[doc_id]))
                del self._abc_docs[key]
                self._abc_by_day[entry.day].discard(entry.child_id)
            return entry
        if doc_id is None:
            self._abc_docs[key] = self._write(lambda: table.insert(_abc_to(entry)))
            self._abc_by_day[entry.day].add(entry.child_id)
        else:
            self._write(lambda: table.update(_abc_to(entry), doc_ids=[doc_id]))
        return entry

    def toggle_abc(self, child_id: str, day: date, moment: str, item: str) -> AbcDay:
        return self.save_abc(self.abc_day(child_id, day).toggled(moment, item))

    def abc_history(self, child_id: str, year: int) -> list[AbcDay]:
        """Every recorded day of one child in a school year (an archive for closed years)."""
        if year == self.current_year:
            table = self._table("abc")
            return sorted(
                (
                    _abc_from(self._document(table, doc_id))
                    for (cid, _), doc_id in self._abc_docs.items()
                    if cid == child_id
                ),
                key=lambda entry: entry.day,
            )
        archive = self._archive(year)
        return [_abc_from(doc) for doc in archive.get("abc", []) if doc["child"] == child_id]

    def abc_of_year(self, year: int) -> list[AbcDay]:
        if year == self.current_year:
            return [_abc_from(doc) for doc in self._table("abc").all()]
        return [_abc_from(doc) for doc in self._archive(year).get("abc", [])]

    def school_years(self) -> list[int]:
        """The current year and every archived one, newest first."""
        years = {self.current_year, *archived_years(self.path)}
        return sorted(years, reverse=True)

    # -- calendar ---------------------------------------------------------------------

    def days_off(self) -> list[DayOff]:
        return [DayOff(day, reason) for day, (_, reason) in sorted(self._days_off.items())]

    def calendar(self, year: int | None = None) -> SchoolCalendar:
        if year is None or year == self.current_year:
            return SchoolCalendar(frozenset(self._days_off))
        archived = self._archive(year).get("days_off", [])
        return SchoolCalendar(frozenset(date.fromisoformat(doc["date"]) for doc in archived))

    def set_days_off(self, days: Iterable[date], reason: str = "") -> None:
        self.set_days_off_with_reasons({day: reason for day in days})

    def set_days_off_with_reasons(self, reasons: Mapping[date, str]) -> None:
        """Mark many days off in one write; days already off, or of another school year,
        are left as they are."""
        new = [
            (day, reason)
            for day, reason in reasons.items()
            if day not in self._days_off and school_year_of(day) == self.current_year
        ]
        if not new:
            return
        doc_ids = self._write(
            lambda: self._table("days_off").insert_multiple(
                {"date": _iso(day), "reason": reason} for day, reason in new
            )
        )
        for (day, reason), doc_id in zip(new, doc_ids, strict=True):
            self._days_off[day] = (doc_id, reason)

    def clear_days_off(self, days: Iterable[date]) -> None:
        present = [day for day in days if day in self._days_off]
        if not present:
            return
        doc_ids = [self._days_off[day][0] for day in present]
        self._write(lambda: self._table("days_off").remove(doc_ids=doc_ids))
        for day in present:
            del self._days_off[day]

    # -- archives of closed school years ----------------------------------------------

    @property
    def archive_dir(self) -> Path:
        return archive_dir_for(self.path)

    def _archive_path(self, year: int) -> Path:
        return self.archive_dir / f"{school_year_label(year)}.json"

    def _archive(self, year: int) -> Raw:
        if year not in self._archive_cache:
            path = self._archive_path(year)
            if not path.exists():
                return {}
            self._archive_cache[year] = read_archive(path)
        return self._archive_cache[year]

    def _write_archive(
        self, year: int, abc: Sequence[dict[str, Any]], days_off: Sequence[dict[str, Any]]
    ) -> None:
        """Merge into the year's archive; the live copy wins where both hold a day."""
        existing = self._archive(year)
        merged_abc = {(d["child"], d["date"]): d for d in existing.get("abc", [])}
        merged_abc.update({(d["child"], d["date"]): d for d in abc})
        merged_off = {d["date"]: d for d in existing.get("days_off", [])}
        merged_off.update({d["date"]: d for d in days_off})
        raw: Raw = {
            "meta": {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": year},
            "abc": sorted(merged_abc.values(), key=lambda d: (d["date"], d["child"])),
            "days_off": sorted(merged_off.values(), key=lambda d: d["date"]),
        }
        self._write(lambda: ensure_private_folder(self.archive_dir))
        self._write(lambda: atomic_write(self._archive_path(year), orjson.dumps(raw)))
        self._archive_cache[year] = raw

    def _archive_closed_years(self) -> None:
        """Move every day of a closed school year out of the live file (archive first)."""
        abc = self._table("abc")
        closed_abc: dict[int, list[Document]] = defaultdict(list)
        for (_, day), doc_id in self._abc_docs.items():
            if school_year_of(day) < self.current_year:
                closed_abc[school_year_of(day)].append(self._document(abc, doc_id))
        closed_off: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for day, (_, reason) in self._days_off.items():
            if school_year_of(day) < self.current_year:
                closed_off[school_year_of(day)].append({"date": _iso(day), "reason": reason})
        years = set(closed_abc) | set(closed_off)
        if not years:
            return
        for year in sorted(years):
            self._write_archive(year, [dict(d) for d in closed_abc[year]], closed_off[year])
        abc_ids = [d.doc_id for docs in closed_abc.values() for d in docs]
        if abc_ids:
            self._write(lambda: abc.remove(doc_ids=abc_ids))
        self.clear_days_off(
            [day for day in self._days_off if school_year_of(day) < self.current_year]
        )
        for key in [k for k in self._abc_docs if school_year_of(k[1]) < self.current_year]:
            del self._abc_docs[key]
            self._abc_by_day.pop(key[1], None)

    def load_history(self, entries: Iterable[AbcDay], days_off: Iterable[DayOff] = ()) -> int:
        """Bulk-load ABC days (e.g. a demo class): closed years straight into archives,
        the current year in one write. Returns how many days were stored."""
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        count = 0
        for entry in entries:
            if entry.total:
                by_year[school_year_of(entry.day)].append(_abc_to(entry))
                count += 1
        off_by_year: dict[int, list[DayOff]] = defaultdict(list)
        for off in days_off:
            off_by_year[school_year_of(off.day)].append(off)
        for year in sorted(set(by_year) | set(off_by_year)):
            if year < self.current_year:
                offs = [{"date": _iso(o.day), "reason": o.reason} for o in off_by_year[year]]
                self._write_archive(year, by_year[year], offs)
        current = [
            d
            for d in by_year.get(self.current_year, [])
            if (d["child"], date.fromisoformat(d["date"])) not in self._abc_docs
        ]
        if current:
            doc_ids = self._write(lambda: self._table("abc").insert_multiple(current))
            for document, doc_id in zip(current, doc_ids, strict=True):
                key = (document["child"], date.fromisoformat(document["date"]))
                self._abc_docs[key] = doc_id
                self._abc_by_day[key[1]].add(key[0])
        self.set_days_off_with_reasons(
            {off.day: off.reason for off in off_by_year.get(self.current_year, [])}
        )
        return count

    # -- export -----------------------------------------------------------------------

    def export_document(self) -> dict[str, Any]:
        """Everything, live and archived, in the stable vocabulary."""
        names = {c.id: c.full_name for c in self._children.values()}
        entries = []
        for year in sorted(self.school_years()):
            for entry in sorted(self.abc_of_year(year), key=lambda e: (e.day, e.child_id)):
                for moment in MOMENTS:
                    for item in ABC_ITEMS:
                        if entry.has(moment, item):
                            entries.append(
                                {
                                    "child": entry.child_id,
                                    "child_name": names.get(entry.child_id, ""),
                                    "date": _iso(entry.day),
                                    "moment": moment,
                                    "item": item,
                                }
                            )
        days_off = [{"date": _iso(o.day), "reason": o.reason} for o in self.days_off()]
        for year in sorted(self.school_years()):
            if year != self.current_year:
                days_off.extend(self._archive(year).get("days_off", []))
        settings: dict[str, Any] = dict(self._table("settings").get(doc_id=1) or {})
        return {
            "format": EXPORT_FORMAT,
            "schema": SCHEMA_VERSION,
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "settings": settings,
            "children": [_child_to(c) for c in self.children(include_archived=True)],
            "abc": entries,
            "days_off": sorted(days_off, key=lambda d: d["date"]),
        }

    def is_empty(self) -> bool:
        return not self._children and not self._abc_docs


def remove_stale_temp_files(path: Path) -> None:
    """Remove what writes cut short by a crash left behind (atomic_write's temp files).

    Only call this while holding the file's lock: then no write of ours is under way.
    """
    name = glob.escape(path.name)
    stem = glob.escape(path.stem)
    for folder, pattern in (
        (path.parent, f".{name}.*.tmp"),
        (backup_dir_for(path), f".{stem}-*.json.*.tmp"),
        (archive_dir_for(path), ".*.json.*.tmp"),
    ):
        if folder.is_dir():
            for stale in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    stale.unlink()


def archived_years(path: Path) -> list[int]:
    folder = archive_dir_for(path)
    years = []
    if folder.is_dir():
        for file in folder.glob("*.json"):
            start = file.stem.split("-")[0]
            if start.isdigit():
                years.append(int(start))
    return years


def file_has_data(path: Path) -> bool:
    """True when `path` exists and is not an empty Companion file (used by `demo`)."""
    if not path.exists():
        return False
    try:
        raw, _ = read_document(path)
    except DataFileError:
        return True
    return any(table for name, table in raw.items() if name != "meta")
