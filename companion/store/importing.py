"""`companion import`: an export read back into a data file, whole or not at all.

The export is decoded through the codec (`decode_export`: its shape, its schema, every
entry checked as the live file's are). School years before today's go into their
archives (as `school_years.load` puts them), and so do the children who left whose last
school year is before today's, with their needs profiles (past_children.py); the rest
into the live file.

Into a data file without data (none there, or a new one), the file and its archives are
built beside it and put in place whole (staging.create_whole, as the demo is). Into one
that holds a class only with `merge`: what it does not have yet (by id, or by child and
day) is added, nothing already there is changed; the result is checked whole first, the
file and the archives that change are backed up (before-import), then the archives are
written and the live file last, each atomically, and a failure on the way puts back what
was written. Nothing is half written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.domain.calendar import school_year_label, school_year_of
from companion.store.backups import BEFORE_IMPORT, Counts, make_backup
from companion.store.codec import (
    DAY_FIELDS,
    decode_archive,
    decode_export,
    decode_live,
    encode,
    open_archive,
    open_live,
    read_file,
)
from companion.store.errors import DataFileError, DataFileUnwritable
from companion.store.files import (
    archive_dir_for,
    atomic_write,
    backup_dir_for,
    backup_prefix_for,
    ensure_private_folder,
)
from companion.store.opening import file_has_data, follow_link, holding_lock
from companion.store.past_children import leaving_years
from companion.store.paths import check_data_target
from companion.store.schema import APP_ID, PAST_CLASS, SCHEMA_VERSION, YEAR_BOUND, Raw
from companion.store.school_years import archived_years
from companion.store.staging import AlreadyHoldsData, create_whole

if TYPE_CHECKING:
    from companion.store.codec.crypto import Keyring

# What makes two entries the same, per table: an id, a key, or a child and a day.
KEYS: Mapping[str, tuple[str, ...]] = {
    "children": ("id",),
    "needs_profiles": ("child",),
    "own_strategies": ("key",),
    "hidden_strategies": ("key",),
    "journal_prompts": ("key",),
    "journal_drafts": ("editor",),
    **{name: tuple(record.key_fields) for name, record in YEAR_BOUND.items()},
}
# The tables whose entries say that a file holds a class (settings alone do not).
CLASS_TABLES = tuple(KEYS)


class DataNotEmpty(DataFileError):
    """The data file holds a class already, and no --merge was asked."""

    key = "backup.import.not_empty"


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: a new data file, or what a merge added and found there."""

    path: Path
    new_file: bool
    counts: Counts  # what the export holds
    years: int  # school years in the export
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)


def import_export(
    path: Path,
    source: Path,
    *,
    today: date,
    merge: bool = False,
    keyring: Keyring | None = None,
) -> Imported:
    """Read the export `source` into the data file `path` (see the module)."""
    path = Path(path).expanduser()
    check_data_target(path)
    incoming = decode_export(source, read_file(source)).raw
    current = school_year_of(today)
    counts = _counts(incoming)
    years = len(_years(incoming))
    path = follow_link(path)
    archive_folder = archive_dir_for(path)
    empty_archive = not archive_folder.is_dir() or not any(archive_folder.iterdir())
    if not file_has_data(path) and empty_archive:
        live, archives = _placed(incoming, current, set())
        _check(path, live, archives)
        try:
            create_whole(path, lambda staged: _write_new(staged, live, archives))
        except AlreadyHoldsData:  # made meanwhile: judged as a file with data
            pass
        else:
            return Imported(path, True, counts, years)
    with holding_lock(path):
        return _merge_into(path, incoming, current, merge, keyring, counts, years)


def _merge_into(
    path: Path,
    incoming: Raw,
    current: int,
    merge: bool,
    keyring: Keyring | None,
    counts: Counts,
    years: int,
) -> Imported:
    document, sealing = open_live(path, keyring)
    target = document.raw
    archives: dict[int, Raw] = {}
    sealings = {}
    for year in archived_years(path):
        archives[year], sealings[year] = open_archive(
            _archive_path(path, year), year=year, keyring=keyring
        )
    holds = _holds_class(target) or any(
        archive.get(kind) for archive in archives.values() for kind in (*YEAR_BOUND, *PAST_CLASS)
    )
    if holds and not merge:
        raise DataNotEmpty(path)
    live, changed, added, already = _merged(target, archives, incoming, current)
    if not added:  # everything was there already: nothing to write
        return Imported(path, False, counts, years, added, already)
    _check(path, live, changed)
    # The file and the archives that change, as they were: an import can be undone.
    folder = backup_dir_for(path)
    try:
        make_backup(path, folder, backup_prefix_for(path), reason=BEFORE_IMPORT)
        for year in changed:
            if year in archives:
                prefix = backup_prefix_for(path, school_year_label(year))
                make_backup(_archive_path(path, year), folder, prefix, reason=BEFORE_IMPORT)
    except OSError as error:
        raise DataFileUnwritable(path, error) from error
    written: list[tuple[Path, bytes | None]] = []
    try:
        if changed:
            ensure_private_folder(archive_dir_for(path))
        for year, archive in sorted(changed.items()):
            target_path = _archive_path(path, year)
            before = target_path.read_bytes() if target_path.exists() else None
            atomic_write(target_path, encode(archive, sealings.get(year)))
            written.append((target_path, before))
        atomic_write(path, encode(live, sealing))  # the live file last
    except OSError as error:
        for done, before in reversed(written):  # what was written goes back as it was
            with contextlib.suppress(OSError):
                if before is None:
                    done.unlink()
                else:
                    atomic_write(done, before)
        raise DataFileUnwritable(path, error) from error
    return Imported(path, False, counts, years, added, already)


# -- placing and merging (no IO) --------------------------------------------------------


def _year_of(kind: str, row: Mapping[str, Any]) -> int:
    return school_year_of(date.fromisoformat(str(row[DAY_FIELDS[kind]])))


def _years(raw: Raw) -> set[int]:
    return {_year_of(kind, row) for kind in YEAR_BOUND for row in raw.get(kind, {}).values()}


def _holds_class(raw: Raw) -> bool:
    return any(raw.get(name) for name in CLASS_TABLES)


def _key(table: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(str(row.get(name)) for name in KEYS[table])


def _new_archive(year: int) -> Raw:
    return {"meta": {"app": APP_ID, "schema": SCHEMA_VERSION, "school_year": year}}


def _leaving(incoming: Raw, current: int) -> dict[str, int]:
    """The export's children who left whose last school year is before today's: by id,
    that year (its archive is where they belong)."""
    rows = ((kind, row) for kind in YEAR_BOUND for row in incoming.get(kind, {}).values())
    return leaving_years(incoming.get("children", {}).values(), rows, current=current)


def _past_year(table: str, row: Mapping[str, Any], homes: Mapping[str, int]) -> int | None:
    """The archive year a child's record or profile goes into (`homes`: child id -> the
    year whose archive holds her), or None: the live file."""
    if table == "children":
        return homes.get(str(row.get("id")))
    if table == "needs_profiles":
        return homes.get(str(row.get("child")))
    return None


def _placed(incoming: Raw, current: int, archived: set[int]) -> tuple[Raw, dict[int, Raw]]:
    """The export's document split: entries of years before today's (or of a year with
    an archive), and the children who left with such a year, into the archives; the rest
    into the live file."""
    live: Raw = {name: table for name, table in incoming.items() if name not in YEAR_BOUND}
    archives: dict[int, Raw] = {}
    for kind in YEAR_BOUND:
        kept: dict[str, Any] = {}
        for row in incoming.get(kind, {}).values():
            year = _year_of(kind, row)
            if year < current or year in archived:
                archives.setdefault(year, _new_archive(year)).setdefault(kind, []).append(row)
            else:
                kept[str(len(kept) + 1)] = row
        live[kind] = kept
    homes = _leaving(incoming, current)
    for table in PAST_CLASS:
        kept = {}
        for doc_id, row in incoming.get(table, {}).items():
            home = _past_year(table, row, homes)
            if home is None:
                kept[doc_id] = row
            else:
                archives.setdefault(home, _new_archive(home)).setdefault(table, []).append(row)
        live[table] = kept
    return live, archives


def _homes(live: Raw, archives: Mapping[int, Raw], incoming: Raw, current: int) -> dict[str, int]:
    """Child id -> the archive year that keeps her: the target's, and the export's who
    left that the target does not hold (a child in its live file stays there)."""
    kept = {
        str(row.get("id")): year
        for year, archive in sorted(archives.items())
        for row in archive.get("children", [])
    }
    in_live = {str(row.get("id")) for row in live.get("children", {}).values()}
    leaving = _leaving(incoming, current).items()
    return {**{child: year for child, year in leaving if child not in in_live}, **kept}


def _merged(
    target: Raw, archives: Mapping[int, Raw], incoming: Raw, current: int
) -> tuple[Raw, dict[int, Raw], dict[str, int], dict[str, int]]:
    """The target with what the export adds (nothing in it changed), the archives that
    change, and per table how many entries were added and how many were there already."""
    live: Raw = {name: dict(table) for name, table in target.items()}
    changed: dict[int, Raw] = {}
    added: dict[str, int] = {}
    already: dict[str, int] = {}
    settings = dict(next(iter(live.get("settings", {}).values()), {}))
    for name, value in next(iter(incoming.get("settings", {}).values()), {}).items():
        if name in settings:
            already["settings"] = already.get("settings", 0) + 1
        else:
            settings[name] = value
            added["settings"] = added.get("settings", 0) + 1
    live["settings"] = {"1": settings} if settings else {}
    homes = _homes(live, archives, incoming, current)
    for table in KEYS:
        present = {_key(table, row) for row in live.get(table, {}).values()}
        if table in YEAR_BOUND or table in PAST_CLASS:
            for archive in archives.values():
                present |= {_key(table, row) for row in archive.get(table, [])}
        rows = live.setdefault(table, {})
        next_id = max((int(doc_id) for doc_id in rows), default=0) + 1
        for row in incoming.get(table, {}).values():
            key = _key(table, row)
            if key in present:
                already[table] = already.get(table, 0) + 1
                continue
            present.add(key)
            added[table] = added.get(table, 0) + 1
            year = _year_of(table, row) if table in YEAR_BOUND else _past_year(table, row, homes)
            if year is not None and (year < current or year in archives or table in PAST_CLASS):
                if year not in changed:
                    base = archives.get(year) or _new_archive(year)
                    changed[year] = {
                        name: v if name == "meta" else list(v) for name, v in base.items()
                    }
                changed[year].setdefault(table, []).append(row)
            else:
                rows[str(next_id)] = row
                next_id += 1
    return live, changed, added, already


def _counts(raw: Raw) -> Counts:
    ticks = sum(
        len(row.get(moment, []))
        for row in raw.get("abc", {}).values()
        for moment in ("welcome", "day", "goodbye")
    )
    return Counts(len(raw.get("children", {})), ticks, len(raw.get("journal_entries", {})))


# -- checking and writing ---------------------------------------------------------------


def _archive_path(path: Path, year: int) -> Path:
    return archive_dir_for(path) / f"{school_year_label(year)}.json"


def _check(path: Path, live: Raw, archives: Mapping[int, Raw]) -> None:
    """Every file as it will be written, decoded and checked as it will be read."""
    decode_live(path, encode(live))
    for year, archive in archives.items():
        decode_archive(_archive_path(path, year), encode(archive), year=year)


def _write_new(staged: Path, live: Raw, archives: Mapping[int, Raw]) -> None:
    if archives:
        ensure_private_folder(archive_dir_for(staged))
    for year, archive in sorted(archives.items()):
        atomic_write(_archive_path(staged, year), encode(archive))
    atomic_write(staged, encode(live))
