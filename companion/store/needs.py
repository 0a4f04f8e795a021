"""Relational-needs profiles: one entry per child in the live file (they follow the child
from year to year, like the class list), indexed by child id; a child who left takes
hers into the archive of her last school year (past_children.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from companion.domain.needs import ClarityChange, NeedsProfile, ObservedSignal
from companion.store.codec import raw_of
from companion.store.schema import ClarityRecord, NeedsProfileRecord, SignalRecord

if TYPE_CHECKING:
    from companion.store.children import Children
    from companion.store.core import Core

TABLE = "needs_profiles"


def profile_from(record: NeedsProfileRecord) -> NeedsProfile:
    return NeedsProfile(
        child_id=record.child,
        signals=tuple(ObservedSignal(s.need, s.seen, s.signal, s.text) for s in record.signals),
        changes=tuple(
            ClarityChange(c.need, c.date, c.clarity)
            for c in sorted(record.changes, key=lambda c: c.date)
        ),
        offers=dict(record.offers),
        sensitivity=dict(record.sensitivity),
    )


def profile_record(profile: NeedsProfile) -> NeedsProfileRecord:
    return NeedsProfileRecord(
        child=profile.child_id,
        signals=[SignalRecord(s.need, s.seen, s.signal, s.text) for s in profile.signals],
        changes=[ClarityRecord(c.need, c.day, c.clarity) for c in profile.changes],
        offers={need: text for need, text in profile.offers.items() if text},
        sensitivity={topic: text for topic, text in profile.sensitivity.items() if text},
    )


def profile_to(profile: NeedsProfile) -> dict[str, Any]:
    """The profile in the export's (and the file's) vocabulary."""
    return raw_of(profile_record(profile))


class Needs:
    """`store.needs`: .get (an empty profile for a child without one), .all, .save."""

    def __init__(
        self, core: Core, records: Mapping[str, NeedsProfileRecord], *, children: Children
    ) -> None:
        self._core = core
        self._children = children
        self._profiles: dict[str, NeedsProfile] = {}
        self._doc_ids: dict[str, int] = {}
        for doc_id, record in records.items():
            self._profiles[record.child] = profile_from(record)
            self._doc_ids[record.child] = int(doc_id)

    def get(self, child_id: str) -> NeedsProfile:
        return (
            self._profiles.get(child_id)
            or self._children.past_profile(child_id)
            or NeedsProfile(child_id)
        )

    def all(self, *, include_past: bool = False) -> dict[str, NeedsProfile]:
        """The profiles in the live file, by child id. `include_past`: every profile kept,
        the archived children's too (the archives read once), ordered by child id so that
        an export lists them the same wherever each is kept."""
        if not include_past:
            return dict(self._profiles)
        return dict(sorted({**self._children.past_profiles(), **self._profiles}.items()))

    def remove_live(self, child_ids: Collection[str]) -> None:
        """Take these children's profiles out of the live file in one write, once their
        archive holds them (school_years moves them with the children)."""
        doc_ids = [self._doc_ids[child_id] for child_id in child_ids if child_id in self._doc_ids]
        if not doc_ids:
            return
        table = self._core.table(TABLE)
        self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for child_id in child_ids:
            self._profiles.pop(child_id, None)
            self._doc_ids.pop(child_id, None)

    def save(self, profile: NeedsProfile) -> NeedsProfile:
        """Keep the profile durably (one write); a child of the class only."""
        self._children.check_known(profile.child_id)
        document = profile_to(profile)
        table = self._core.table(TABLE)
        doc_id = self._doc_ids.get(profile.child_id)
        if doc_id is None:
            self._doc_ids[profile.child_id] = self._core.write(lambda: table.insert(document))
        else:
            self._core.write(lambda: table.update(document, doc_ids=[doc_id]))
        self._profiles[profile.child_id] = profile
        return profile
