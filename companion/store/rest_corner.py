"""The rest corner: check-ins (`store.check_ins`) and strategy uses (`store.strategy_uses`),
two year-bound kinds; the teacher's own strategies and the ones she hid (live tables, not
bound to a year); and `store.rest_corner`, what the screens ask of them together."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from companion.content.strategies import strategies
from companion.domain.rest_corner import (
    CLASS,
    MAX_NOTE,
    ME,
    OWN_PREFIX,
    CheckIn,
    Strategy,
    StrategyUse,
    Suggestion,
    WhatHelps,
    checked_own_strategy,
    checked_text,
    suggestions,
    what_helps,
    without_outcome,
)
from companion.domain.vocabulary import (
    FOR_WHOM,
    LOCATIONS,
    STRESS_DOMAINS,
    Energy,
    Outcome,
    StressDomain,
)
from companion.store.codec import raw_of
from companion.store.id_entries import IdEntries, Key, new_id
from companion.store.schema import (
    CheckInRecord,
    HiddenStrategyRecord,
    OwnStrategyRecord,
    StrategyUseRecord,
)

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

    def counts(self, entries: Mapping[Key, StrategyUse]) -> dict[str, int]:
        """For closing: how many, and how many still wait for how they went."""
        waiting = sum(1 for use in entries.values() if use.outcome is None)
        return {self.name: len(entries), "uses_waiting": waiting}

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


OWN_TABLE = "own_strategies"
HIDDEN_TABLE = "hidden_strategies"


def own_from(record: OwnStrategyRecord) -> Strategy:
    return Strategy(
        key=record.key,
        direction=record.direction,
        domains=frozenset(record.domains),
        for_whom=frozenset(record.for_whom),
        locations=frozenset(record.where),
        minutes=record.minutes,
        names={"": record.name},
        hows={"": record.how},
        needs={"": record.needs},
        own=True,
    )


def own_to(strategy: Strategy) -> dict[str, Any]:
    """Her strategy in the file's (and the export's) vocabulary."""
    record = OwnStrategyRecord(
        key=strategy.key,
        name=strategy.name_in(""),
        direction=strategy.direction,
        for_whom=[who for who in FOR_WHOM if who in strategy.for_whom],
        where=[where for where in LOCATIONS if where in strategy.locations],
        minutes=strategy.minutes,
        domains=[domain for domain in STRESS_DOMAINS if domain in strategy.domains],
        how=strategy.how_in(""),
        needs=strategy.needs_in(""),
    )
    return raw_of(record)


class OwnStrategies:
    """Her own strategies and the keys of the hidden ones (shipped or hers), by document."""

    def __init__(
        self,
        core: Core,
        own: Mapping[str, OwnStrategyRecord],
        hidden: Mapping[str, HiddenStrategyRecord],
    ) -> None:
        self._core = core
        self._own = {record.key: (int(doc_id), own_from(record)) for doc_id, record in own.items()}
        self._hidden = {record.key: int(doc_id) for doc_id, record in hidden.items()}

    def all(self) -> list[Strategy]:
        return [strategy for _, strategy in self._own.values()]

    def hidden(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def save(self, strategy: Strategy) -> Strategy:
        """Kept durably (one write); a new one ("" key) gets a key of its own."""
        strategy = checked_own_strategy(strategy)
        if not strategy.key:
            strategy = replace(strategy, key=OWN_PREFIX + new_id())
        elif not strategy.key.startswith(OWN_PREFIX):
            raise ValueError(f"{strategy.key!r} is not one of her own strategies")
        document = own_to(strategy)
        table = self._core.table(OWN_TABLE)
        found = self._own.get(strategy.key)
        if found is None:
            doc_id = self._core.write(lambda: table.insert(document))
        else:
            doc_id = found[0]
            self._core.write(lambda: table.update(document, doc_ids=[doc_id]))
        self._own[strategy.key] = (doc_id, strategy)
        return strategy

    def set_hidden(self, key: str, hidden: bool) -> None:
        """Hide a strategy from the suggestions, or show it again (one write)."""
        table = self._core.table(HIDDEN_TABLE)
        doc_id = self._hidden.get(key)
        if hidden and doc_id is None:
            self._hidden[key] = self._core.write(lambda: table.insert({"key": key}))
        elif not hidden and doc_id is not None:
            self._core.write(lambda: table.remove(doc_ids=[doc_id]))
            del self._hidden[key]


class RestCorner:
    """`store.rest_corner`: the library (shipped and her own), check in, suggestions,
    log a strategy's use, say how it went, and what helps whom."""

    def __init__(
        self,
        core: Core,
        check_ins: CheckIns,
        uses: StrategyUses,
        own: OwnStrategies,
        *,
        children: Children,
    ) -> None:
        self._core = core
        self.check_ins = check_ins
        self.uses = uses
        self.own = own
        self._children = children

    # -- the library ----------------------------------------------------------------------

    def library(self) -> list[Strategy]:
        """Every strategy, hidden ones too: the shipped library, then her own."""
        return [*strategies(), *self.own.all()]

    def strategy(self, key: str) -> Strategy | None:
        return next((found for found in self.library() if found.key == key), None)

    def hidden(self) -> frozenset[str]:
        return self.own.hidden()

    def save_own(self, strategy: Strategy) -> Strategy:
        """Her strategy kept (RestCornerInputError names a field she must mend)."""
        return self.own.save(strategy)

    def set_hidden(self, key: str, hidden: bool = True) -> None:
        self.own.set_hidden(key, hidden)

    # -- reading --------------------------------------------------------------------------

    def uses_of_year(self, year: int | None = None) -> list[StrategyUse]:
        return self.uses.of_year(self._core.current_year if year is None else year)

    def check_ins_of_year(self, year: int | None = None) -> list[CheckIn]:
        return self.check_ins.of_year(self._core.current_year if year is None else year)

    def suggest(
        self, subject: str, energy: Energy, domains: Collection[StressDomain] = ()
    ) -> list[Suggestion]:
        """What fits `subject` now, ranked by what helped this one this school year."""
        return suggestions(
            self.library(), subject, energy, domains, self.uses_of_year(), self.hidden()
        )

    def card(self, subject: str) -> list[WhatHelps]:
        """Her "what helps me" card: this school year's uses with an outcome."""
        return what_helps(subject, self.uses_of_year())

    def waiting(self) -> list[StrategyUse]:
        """This school year's uses still without an outcome, oldest first."""
        return without_outcome(self.uses_of_year())

    def class_breaks(self, monday: date) -> list[StrategyUse]:
        """The whole class's strategy uses in the week from `monday`, by day."""
        sunday = monday + timedelta(days=6)
        found = [u for u in self.uses_of_year() if u.subject == CLASS]
        return sorted((u for u in found if monday <= u.day <= sunday), key=lambda u: u.day)

    # -- writing --------------------------------------------------------------------------

    def check_in(self, check_in: CheckIn) -> CheckIn:
        """Where someone is now, kept durably (a child of the class, the class, or me)."""
        self._check_subject(check_in.subject)
        note = checked_text("note", check_in.note, MAX_NOTE)
        return self.check_ins.put(replace(check_in, id=check_in.id or new_id(), note=note))

    def log_use(self, use: StrategyUse) -> StrategyUse:
        """A strategy picked (its outcome may come later), kept durably."""
        self._check_subject(use.subject)
        if self.strategy(use.strategy) is None:
            raise ValueError(f"no strategy {use.strategy!r}")
        note = checked_text("note", use.note, MAX_NOTE)
        return self.uses.put(replace(use, id=use.id or new_id(), note=note))

    def record_outcome(self, use: StrategyUse, outcome: Outcome, note: str = "") -> StrategyUse:
        """How it went, on the use itself (one write)."""
        note = checked_text("note", note, MAX_NOTE)
        return self.uses.put(replace(use, outcome=outcome, note=note))

    def _check_subject(self, subject: str) -> None:
        if subject not in (CLASS, ME):
            self._children.check_known(subject)
