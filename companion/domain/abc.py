"""The ABC of Love for one child on one school day: which ingredient at which moment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, Moment

_ITEM_INDEX: dict[AbcItem, int] = {item: index for index, item in enumerate(ABC_ITEMS)}


def _empty_marks() -> dict[Moment, frozenset[AbcItem]]:
    return {moment: frozenset() for moment in MOMENTS}


@dataclass(frozen=True, slots=True)
class AbcDay:
    child_id: str
    day: date
    marks: Mapping[Moment, frozenset[AbcItem]] = field(default_factory=_empty_marks)

    def items_at(self, moment: Moment) -> frozenset[AbcItem]:
        return self.marks.get(moment, frozenset())

    def has(self, moment: Moment, item: AbcItem) -> bool:
        return item in self.items_at(moment)

    @property
    def total(self) -> int:
        """Connections this day: every ingredient at every moment counts once."""
        return sum(map(len, self.marks.values()))

    def count_of(self, item: AbcItem) -> int:
        return sum(1 for items in self.marks.values() if item in items)

    def item_counts(self) -> tuple[int, ...]:
        """How often each ingredient was given this day, in the deck's order."""
        # One pass over the marks: the week ledger and a child's history count
        # thousands of days.
        counts = [0] * len(ABC_ITEMS)
        for items in self.marks.values():
            for item in items:
                counts[_ITEM_INDEX[item]] += 1
        return tuple(counts)

    def with_items(self, moment: Moment, items: Iterable[AbcItem]) -> AbcDay:
        chosen = frozenset(items)
        unknown = chosen - set(ABC_ITEMS)
        if moment not in MOMENTS or unknown:
            raise ValueError(f"unknown moment or items: {moment!r}, {sorted(unknown)}")
        marks = dict(self.marks)
        marks[moment] = chosen
        return AbcDay(self.child_id, self.day, marks)

    def toggled(self, moment: Moment, item: AbcItem) -> AbcDay:
        current = self.items_at(moment)
        return self.with_items(moment, current ^ {item})


def moment_for_time(hour: int, minute: int = 0) -> Moment:
    """Before 10:00 the welcome, from 15:00 the goodbye, else during the day."""
    if hour < 10:
        return "welcome"
    if hour >= 15:
        return "goodbye"
    return "day"
