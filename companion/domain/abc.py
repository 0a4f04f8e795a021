"""The ABC of Love for one child on one school day: which ingredient at which moment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from companion.domain.vocabulary import ABC_ITEMS, MOMENTS


def _empty_marks() -> dict[str, frozenset[str]]:
    return {moment: frozenset() for moment in MOMENTS}


@dataclass(frozen=True, slots=True)
class AbcDay:
    child_id: str
    day: date
    marks: Mapping[str, frozenset[str]] = field(default_factory=_empty_marks)

    def items_at(self, moment: str) -> frozenset[str]:
        return self.marks.get(moment, frozenset())

    def has(self, moment: str, item: str) -> bool:
        return item in self.items_at(moment)

    @property
    def total(self) -> int:
        """Connections this day: every ingredient at every moment counts once."""
        return sum(len(items) for items in self.marks.values())

    def count_of(self, item: str) -> int:
        return sum(1 for items in self.marks.values() if item in items)

    def item_counts(self) -> tuple[int, ...]:
        """How often each ingredient was given this day, in the deck's order."""
        return tuple(self.count_of(item) for item in ABC_ITEMS)

    def with_items(self, moment: str, items: Iterable[str]) -> AbcDay:
        chosen = frozenset(items)
        unknown = chosen - set(ABC_ITEMS)
        if moment not in MOMENTS or unknown:
            raise ValueError(f"unknown moment or items: {moment!r}, {sorted(unknown)}")
        marks = dict(self.marks)
        marks[moment] = chosen
        return AbcDay(self.child_id, self.day, marks)

    def toggled(self, moment: str, item: str) -> AbcDay:
        current = self.items_at(moment)
        return self.with_items(moment, current ^ {item})


def moment_for_time(hour: int, minute: int = 0) -> str:
    """Before 10:00 the welcome, from 15:00 the goodbye, else during the day."""
    if hour < 10:
        return "welcome"
    if hour >= 15:
        return "goodbye"
    return "day"
