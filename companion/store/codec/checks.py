"""What a type cannot say: ids that refer to a child, one child per id, one entry per key
of every year-bound kind (schema.YEAR_BOUND), and days a calendar (and, in an archive,
its school year) can hold. The loops only look; a problem found is then described."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from companion.domain.calendar import school_year_label, school_year_of
from companion.domain.rest_corner import OWN_PREFIX
from companion.store.codec.problems import bad, listed, shown
from companion.store.schema import (
    FIRST_STORED_DAY,
    LAST_STORED_DAY,
    SETTINGS_VOCABULARY,
    YEAR_BOUND,
    ArchivedClass,
    ArchiveFile,
    ChildRecord,
    LiveFile,
    NeedsProfileRecord,
    YearRecord,
    archived_entries,
    live_entries,
)

_DAY_OF = attrgetter("date")


def _check_day(path: Path, day: date | None, **where: Any) -> None:
    if day is not None and not FIRST_STORED_DAY <= day <= LAST_STORED_DAY:
        params = {
            "value": day.isoformat(),
            "first": str(FIRST_STORED_DAY.year),
            "last": str(LAST_STORED_DAY.year),
        }
        raise bad(path, "day_out_of_range", params=params, **where)


def check_live(path: Path, live: LiveFile) -> None:
    """The settings' vocabulary, one child per id, days a calendar can hold, and every
    year-bound kind's entries (see _check_year_bound)."""
    for doc_id, settings in live.settings.items():
        for name, allowed in SETTINGS_VOCABULARY.items():
            value = settings.get(name)
            if value is not None and value not in allowed:
                params = {"value": shown(value), "allowed": listed(allowed)}
                where = {"table": "settings", "entry": doc_id, "field": name}
                raise bad(path, "unknown_value", params=params, **where)
    children = _check_class(
        path, list(live.children.items()), list(live.needs_profiles.items()), in_list=False
    )
    _check_own_strategies(path, live)
    _check_unique(path, "journal_drafts", "editor", "duplicate_draft", live.journal_drafts)
    _check_unique(path, "journal_prompts", "key", "duplicate_prompt", live.journal_prompts)
    for kind in YEAR_BOUND:
        _check_year_bound(path, kind, live_entries(live, kind), children)


def _check_class(
    path: Path,
    children: Sequence[tuple[str, ChildRecord]],
    profiles: Sequence[tuple[str, NeedsProfileRecord]],
    *,
    in_list: bool,
) -> set[str]:
    """One child per id, one needs profile per child of the file (the live file's class,
    or the children who left with an archive's year), days a calendar can hold; returns
    the children's ids."""
    ids: set[str] = set()
    for entry, child in children:
        where = {"table": "children", "entry": entry, "in_list": in_list}
        if child.id in ids:
            params = {"value": shown(child.id)}
            raise bad(path, "duplicate_child", field="id", params=params, **where)
        ids.add(child.id)
        _check_day(path, child.added_on, field="added_on", **where)
        _check_day(path, child.birth_date, field="birth_date", **where)
    _check_profiles(path, profiles, ids, in_list=in_list)
    return ids


def _check_profiles(
    path: Path,
    profiles: Sequence[tuple[str, NeedsProfileRecord]],
    children: Collection[str],
    *,
    in_list: bool,
) -> None:
    """One needs profile per child of the file, its days ones a calendar can hold."""
    profiled: set[str] = set()
    for entry, profile in profiles:
        where = {"table": "needs_profiles", "entry": entry, "in_list": in_list}
        params = {"value": shown(profile.child)}
        if profile.child not in children:
            raise bad(path, "unknown_child", field="child", params=params, **where)
        if profile.child in profiled:
            raise bad(path, "duplicate_profile", field="child", params=params, **where)
        profiled.add(profile.child)
        for signal in profile.signals:
            _check_day(path, signal.seen, field="signals", **where)
        for change in profile.changes:
            _check_day(path, change.date, field="changes", **where)


def _check_own_strategies(path: Path, live: LiveFile) -> None:
    """Her own strategies each under a key of their own, which says it is hers."""
    keys: set[str] = set()
    for doc_id, strategy in live.own_strategies.items():
        where = {"table": "own_strategies", "entry": doc_id, "field": "key"}
        params = {"value": shown(strategy.key)}
        if not strategy.key.startswith(OWN_PREFIX):
            raise bad(path, "own_strategy_key", params=params, **where)
        if strategy.key in keys:
            raise bad(path, "duplicate_own_strategy", params=params, **where)
        keys.add(strategy.key)


def _check_unique(
    path: Path, table: str, field: str, problem: str, entries: Mapping[str, Any]
) -> None:
    """No two entries of a live table share `field`."""
    seen: set[str] = set()
    for doc_id, entry in entries.items():
        value = getattr(entry, field)
        if value in seen:
            where = {"table": table, "entry": doc_id, "field": field}
            raise bad(path, problem, params={"value": shown(value)}, **where)
        seen.add(value)


def check_archive(path: Path, archive: ArchiveFile, year: int) -> None:
    held = archive.meta.school_year
    if held != year:
        shown = school_year_label(held) if 1000 <= held < 9999 else str(held)
        params = {"held": shown, "year": school_year_label(year)}
        raise bad(path, "archive_of_other_year", params=params)
    for kind in YEAR_BOUND:
        _check_year_bound(path, kind, archived_entries(archive, kind), None, year=year)
    # The children who left with this year, and their profiles (their entries above are
    # not checked against them: an archive's entries may name any child of any year).
    check_past_class(path, archive)


def check_past_class(path: Path, archive: ArchiveFile | ArchivedClass) -> None:
    """An archive's children who left: one per id, one profile each at most, days a
    calendar can hold."""
    _check_class(
        path,
        [(str(n), child) for n, child in enumerate(archive.children, start=1)],
        [(str(n), profile) for n, profile in enumerate(archive.needs_profiles, start=1)],
        in_list=True,
    )


def _check_year_bound(
    path: Path,
    kind: str,
    entries: Mapping[str, YearRecord] | Sequence[YearRecord],
    children: AbstractSet[str] | None,
    *,
    year: int | None = None,
) -> None:
    """One entry per key, every day in range (in an archive: in its school year), and
    every child named one of the class (`children`; None: not this file's business).
    `entries`: the live file's table by document id, or an archive's list."""
    record = YEAR_BOUND[kind]
    first, last = FIRST_STORED_DAY, LAST_STORED_DAY
    if year is not None and first.year <= year < last.year:
        # What school_year_of gives `year`: from July on, until the end of June.
        first, last = max(first, date(year, 7, 1)), min(last, date(year + 1, 6, 30))
    elif year is not None:
        first, last = last, first  # no day fits: the careful loop below says why
    key_of = attrgetter(*record.key_fields)
    named = attrgetter(record.child_field) if record.child_field else None
    found: Sequence[YearRecord]
    numbered: Iterable[tuple[str, YearRecord]]
    if isinstance(entries, Mapping):
        found, numbered, in_list = list(entries.values()), entries.items(), False
    else:
        found, in_list = entries, True
        numbered = ((str(n), entry) for n, entry in enumerate(entries, start=1))
    # Whole-table passes in C first (a late-June live file holds some 6000 ABC days); the
    # careful loop below runs only to say what is wrong, and where.
    days = list(map(_DAY_OF, found))
    if (
        len(set(map(key_of, found))) == len(found)
        and (not days or (first <= min(days) and max(days) <= last))
        and (named is None or children is None or set(map(named, found)) <= children)
    ):
        return
    seen: set[object] = set()
    for number, entry in numbered:
        where = {"table": kind, "entry": number, "in_list": in_list}
        _check_in_year(path, entry.date, year, **where)
        if named is not None and children is not None and named(entry) not in children:
            params = {"value": shown(named(entry))}
            raise bad(path, "unknown_child", field="child", params=params, **where)
        key = key_of(entry)
        if key in seen:
            params = {
                name: _shown_value(getattr(entry, field))
                for field, name in record.key_fields.items()
            }
            raise bad(path, record.duplicate, params=params, **where)
        seen.add(key)


def _shown_value(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else shown(str(value))


def _check_in_year(path: Path, day: date, year: int | None, **where: Any) -> None:
    _check_day(path, day, field="date", **where)
    if year is not None and school_year_of(day) != year:
        params = {"value": day.isoformat(), "year": school_year_label(year)}
        raise bad(path, "day_of_other_year", field="date", params=params, **where)
