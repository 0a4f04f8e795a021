"""Putting a built demo into a store, through its public methods only, in few writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from companion.demo.build import build_demo
from companion.demo.model import DemoChild, DemoData, DemoSummary
from companion.domain.abc import AbcDay
from companion.domain.calendar import DayOff, school_year_of
from companion.domain.rest_corner import StrategyUse
from companion.store.staging import create_whole
from companion.store.store import Store


def create_demo(
    path: Path, today: date, *, years: int = 1, children: int = 24, seed: int = 7
) -> DemoSummary:
    """Write a new demo data file at `path` with its archives, whole or not at all.

    A demo killed halfway leaves no half class that a second try would refuse: the demo
    is built beside `path` and moved into place only once it is complete (a complete one
    that a crash kept from its place is put there first). Raises AlreadyHoldsData, before
    any work, when `path` already holds a class; DataFileError when it cannot be written.
    """

    def build(staged: Path) -> DemoSummary:
        data = build_demo(today, years=years, children=children, seed=seed)
        with Store.open(staged, today=today, backup=False) as store:
            return write_demo(store, data)

    return create_whole(path, build)


def write_demo(store: Store, data: DemoData) -> DemoSummary:
    """Write the demo into an empty store whose school year matches the demo's `today`."""
    if not store.is_empty():
        raise ValueError("the demo only goes into an empty data file")
    if store.current_year != school_year_of(data.today):
        raise ValueError("the store and the demo are in different school years")
    ids = _add_children(store, data)
    # Archive before the history is loaded: each call rewrites the live file, which is
    # smallest now, and the load then moves each earlier class into the archive of its
    # school year (past_children.py), so the live file holds this year's class only.
    archived = [child.key for child in data.children if child.archived]
    for key in archived:
        store.children.set_archived(ids[key], True)
    # One write per reason rather than one per day (load_history writes them one by one).
    for reason, days in _days_by_reason(data.current.days_off).items():
        store.days_off.add(days, reason)
    past_days_off = [off for year in data.years[:-1] for off in year.days_off]
    entries = (AbcDay(ids[entry.child_id], entry.day, entry.marks) for entry in data.abc)
    abc_days = store.school_years.load_history(entries, past_days_off)
    profiles = [replace(profile, child_id=ids[profile.child_id]) for profile in data.current.needs]
    for profile in profiles:
        store.needs.save(profile)
    sessions = _write_samen_spel(store, data, ids)
    uses = _write_rest_corner(store, data, ids)
    written = _write_journal(store, data, ids)
    return DemoSummary(
        len(ids),
        len(archived),
        abc_days,
        len(data.years),
        len(profiles),
        sessions,
        strategy_uses=len(uses),
        waiting_outcomes=sum(1 for use in uses if use.outcome is None),
        journal_entries=written,
    )


def _write_samen_spel(store: Store, data: DemoData, ids: dict[str, str]) -> int:
    """Plans and sessions, each year's into its archive or the live file, one write per
    kind (and archive); returns how many sessions."""
    plans = [replace(plan, child_id=ids[plan.child_id]) for plan in data.plans]
    sessions = [replace(s, child_id=ids[s.child_id]) for s in data.sessions]
    store.school_years.load(
        {
            store.samen_spel_plans.name: {(p.id, p.start): p for p in plans},
            store.samen_spel_sessions.name: {(s.id, s.day): s for s in sessions},
        }
    )
    return len(sessions)


def _write_rest_corner(store: Store, data: DemoData, ids: dict[str, str]) -> list[StrategyUse]:
    """Check-ins and uses, each year's into its archive or the live file, one write per
    kind (and archive); returns the uses."""
    check_ins = [replace(c, subject=ids.get(c.subject, c.subject)) for c in data.check_ins]
    uses = [replace(u, subject=ids.get(u.subject, u.subject)) for u in data.strategy_uses]
    store.school_years.load(
        {
            store.check_ins.name: {(c.id, c.day): c for c in check_ins},
            store.strategy_uses.name: {(u.id, u.day): u for u in uses},
        }
    )
    return uses


def _write_journal(store: Store, data: DemoData, ids: dict[str, str]) -> int:
    """Entries, analyses and her check-ins, one write per kind (and archive); returns how
    many entries."""
    entries = [
        replace(e, children=frozenset(ids[c] for c in e.children)) for e in data.journal_entries
    ]
    analyses = [replace(a, child=ids.get(a.child, a.child)) for a in data.analyses]
    store.school_years.load(
        {
            store.journal_entries.name: {(e.id, e.day): e for e in entries},
            store.analyses.name: {(a.id, a.started_at.date()): a for a in analyses},
            store.teacher_check_ins.name: {
                (c.day.isoformat(), c.day): c for c in data.teacher_check_ins
            },
        }
    )
    return len(entries)


def _add_children(store: Store, data: DemoData) -> dict[str, str]:
    """Add each year's class in as few writes as possible; returns demo key -> store id."""
    by_arrival: dict[date, list[DemoChild]] = defaultdict(list)
    for child in data.children:
        by_arrival[child.added_on].append(child)
    ids: dict[str, str] = {}
    for added_on in sorted(by_arrival):
        group = by_arrival[added_on]
        added = store.children.add_many([child.draft for child in group], added_on=added_on)
        ids.update((child.key, stored.id) for child, stored in zip(group, added, strict=True))
    return ids


def _days_by_reason(days_off: Sequence[DayOff]) -> dict[str, list[date]]:
    grouped: dict[str, list[date]] = defaultdict(list)
    for off in days_off:
        grouped[off.reason].append(off.day)
    return dict(grouped)
