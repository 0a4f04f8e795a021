"""The rest corner: check-ins (`store.check_ins`) and strategy uses (`store.strategy_uses`),
two year-bound kinds, and `store.rest_corner`, what the screens ask of them together."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from companion.domain.rest_corner import CLASS, ME, CheckIn, StrategyUse
from companion.domain.vocabulary import STRESS_DOMAINS, Outcome
from companion.store.id_entries import IdEntries, Key, new_id
from companion.store.schema import CheckInRecord, StrategyUseRecord

if TYPE_CHECKING:
    from companion.store.children import Children
    from companion.store.core import Core


class CheckIns(IdEntries[CheckIn]):
    name = "check_ins"
    record = CheckInRecord

    def key_of(self, entry: CheckIn) -> Key:
        return entry.id, entry.day

    def from_record(self, record: CheckInRecord) -> CheckIn:
        return CheckIn(
            record.id,
            record.subject,
            record.date,
            record.energy,
            frozenset(record.domains),
            record.note,
        )

    def to_record(self, entry: CheckIn) -> CheckInRecord:
        return CheckInRecord(
            id=entry.id,
            subject=entry.subject,
            date=entry.day,
            energy=entry.energy,
            domains=[domain for domain in STRESS_DOMAINS if domain in entry.domains],
            note=entry.note,
        )


class StrategyUses(IdEntries[StrategyUse]):
    name = "strategy_uses"
    record = StrategyUseRecord

    def key_of(self, entry: StrategyUse) -> Key:
        return entry.id, entry.day

    def from_record(self, record: StrategyUseRecord) -> StrategyUse:
        return StrategyUse(
            id=record.id,
            subject=record.subject,
            strategy=record.strategy,
            day=record.date,
            energy=record.energy,
            domains=frozenset(record.domains),
            outcome=record.outcome,
            note=record.note,
        )

    def to_record(self, entry: StrategyUse) -> StrategyUseRecord:
        return StrategyUseRecord(
            id=entry.id,
            subject=entry.subject,
            strategy=entry.strategy,
            date=entry.day,
            energy=entry.energy,
            domains=[domain for domain in STRESS_DOMAINS if domain in entry.domains],
            outcome=entry.outcome,
            note=entry.note,
        )


class RestCorner:
    """`store.rest_corner`: check in, log a strategy's use, say how it went."""

    def __init__(
        self, core: Core, check_ins: CheckIns, uses: StrategyUses, *, children: Children
    ) -> None:
        self._core = core
        self.check_ins = check_ins
        self.uses = uses
        self._children = children

    def uses_of_year(self, year: int | None = None) -> list[StrategyUse]:
        return self.uses.of_year(self._core.current_year if year is None else year)

    def check_in(self, check_in: CheckIn) -> CheckIn:
        """Where someone is now, kept durably (a child of the class, the class, or me)."""
        self._check_subject(check_in.subject)
        return self.check_ins.put(replace(check_in, id=check_in.id or new_id()))

    def log_use(self, use: StrategyUse) -> StrategyUse:
        """A strategy picked (its outcome may come later), kept durably."""
        self._check_subject(use.subject)
        return self.uses.put(replace(use, id=use.id or new_id()))

    def record_outcome(self, use: StrategyUse, outcome: Outcome, note: str = "") -> StrategyUse:
        """How it went, on the use itself (one write)."""
        return self.uses.put(replace(use, outcome=outcome, note=note.strip()))

    def _check_subject(self, subject: str) -> None:
        if subject not in (CLASS, ME):
            self._children.check_known(subject)
