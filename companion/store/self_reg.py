"""Self-Reg incident analyses (`store.analyses`, a year-bound kind: an analysis belongs to
the day it began) and `store.self_reg`, what the screens ask of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from companion.domain.self_reg import (
    Analysis,
    checked_analysis,
    follow_ups_due,
    unfinished,
)
from companion.domain.vocabulary import STRESS_DOMAINS, StressDomain
from companion.store.id_entries import IdEntries, Key, new_id
from companion.store.journal import clock_of, moment_of
from companion.store.schema import AnalysisRecord

if TYPE_CHECKING:
    from collections.abc import Mapping

    from companion.store.children import Children
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears


def _ordered(stressors: Mapping[StressDomain, str]) -> dict[StressDomain, str]:
    return {domain: stressors[domain] for domain in STRESS_DOMAINS if domain in stressors}


class Analyses(IdEntries[Analysis]):
    name = "analyses"
    record = AnalysisRecord

    def key_of(self, entry: Analysis) -> Key:
        return entry.id, entry.started_at.date()

    def from_record(self, record: AnalysisRecord) -> Analysis:
        return Analysis(
            id=record.id,
            child=record.child,
            started_at=moment_of(record.date, record.time),
            title=record.title,
            what_happened=record.what_happened,
            reading=record.reading,
            not_seen=record.not_seen,
            child_stressors=dict(record.child_stressors),
            my_stressors=dict(record.my_stressors),
            need=record.need,
            offer_now=record.offer_now,
            helps_child=record.helps_child,
            helps_me=record.helps_me,
            respond=record.respond,
            strategy=record.strategy,
            follow_up=record.follow_up,
            followed_up=record.followed_up,
            finished=record.finished,
            dropped=record.dropped,
        )

    def counts(self, entries: Mapping[Key, Analysis]) -> dict[str, int]:
        """For closing: how many, and how many are neither finished nor set aside."""
        still_open = sum(1 for analysis in entries.values() if analysis.open)
        return {self.name: len(entries), "analyses_open": still_open}

    def to_record(self, entry: Analysis) -> AnalysisRecord:
        return AnalysisRecord(
            id=entry.id,
            child=entry.child,
            date=entry.started_at.date(),
            time=clock_of(entry.started_at),
            title=entry.title,
            what_happened=entry.what_happened,
            reading=entry.reading,
            not_seen=entry.not_seen,
            child_stressors=_ordered(entry.child_stressors),
            my_stressors=_ordered(entry.my_stressors),
            need=entry.need,
            offer_now=entry.offer_now,
            helps_child=entry.helps_child,
            helps_me=entry.helps_me,
            respond=entry.respond,
            strategy=entry.strategy,
            follow_up=entry.follow_up,
            followed_up=entry.followed_up,
            finished=entry.finished,
            dropped=entry.dropped,
        )


class SelfReg:
    """`store.self_reg`: analyses saved step by step, the open ones, the follow-ups due."""

    def __init__(
        self, core: Core, analyses: Analyses, *, children: Children, years: SchoolYears
    ) -> None:
        self._core = core
        self.analyses = analyses
        self._children = children
        self._years = years

    def of_year(self, year: int | None = None) -> list[Analysis]:
        return self.analyses.of_year(self._core.current_year if year is None else year)

    def of_child(self, child_id: str) -> list[Analysis]:
        return [a for a in self.of_year() if a.child == child_id]

    def find(self, analysis_id: str) -> Analysis | None:
        """The analysis with this id, of this school year or an earlier one (the journal
        keeps every year's)."""
        for year in self._years.all():  # newest first: this year's is found at once
            found = self.analyses.find(analysis_id, year)
            if found is not None:
                return found
        return None

    def unfinished(self) -> list[Analysis]:
        return unfinished(self.of_year())

    def follow_ups_due(self, today: date | None = None) -> list[Analysis]:
        return follow_ups_due(self.of_year(), today or self._core.today)

    def save(self, analysis: Analysis) -> Analysis:
        """Kept durably, as far as she got (AnalysisInputError names a field to mend)."""
        if analysis.child:
            self._children.check_known(analysis.child)
        analysis = checked_analysis(analysis)
        return self.analyses.put(replace(analysis, id=analysis.id or new_id()))
