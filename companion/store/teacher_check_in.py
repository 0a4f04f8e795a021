"""The teacher's own check-ins (`store.teacher_check_ins`, a year-bound kind, one a day)
and `store.teacher_check_in`, what Today and the journal ask of them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from companion.domain.teacher_check_in import (
    TeacherCheckIn,
    WeekOfZones,
    checked_check_in,
    suggest_care,
    trend,
)
from companion.domain.vocabulary import Energy
from companion.store.id_entries import IdEntries, Key
from companion.store.schema import TeacherCheckInRecord

if TYPE_CHECKING:
    from companion.store.core import Core


class TeacherCheckIns(IdEntries[TeacherCheckIn]):
    name = "teacher_check_ins"
    record = TeacherCheckInRecord

    def key_of(self, entry: TeacherCheckIn) -> Key:
        return entry.day.isoformat(), entry.day  # one a day: the day is its id

    def from_record(self, record: TeacherCheckInRecord) -> TeacherCheckIn:
        return TeacherCheckIn(
            record.date,
            record.energy,
            record.tension,
            drains=record.drains,
            recharges=record.recharges,
            need_now=record.need_now,
            need_later=record.need_later,
            support=record.support,
        )

    def to_record(self, entry: TeacherCheckIn) -> TeacherCheckInRecord:
        return TeacherCheckInRecord(
            date=entry.day,
            energy=entry.energy,
            tension=entry.tension,
            drains=entry.drains,
            recharges=entry.recharges,
            need_now=entry.need_now,
            need_later=entry.need_later,
            support=entry.support,
        )


class TeacherCheckInFacade:
    """`store.teacher_check_in`: today's, the trend of her zones, a gentle suggestion."""

    def __init__(self, core: Core, check_ins: TeacherCheckIns) -> None:
        self._core = core
        self.check_ins = check_ins

    def of_year(self, year: int | None = None) -> list[TeacherCheckIn]:
        return self.check_ins.of_year(self._core.current_year if year is None else year)

    def on(self, day: date | None = None) -> TeacherCheckIn | None:
        day = day or self._core.today
        return next((c for c in self.of_year() if c.day == day), None)

    def save(self, check_in: TeacherCheckIn) -> TeacherCheckIn:
        """Today's (or an earlier day's) check-in, in place of that day's (one write)."""
        return self.check_ins.put(checked_check_in(check_in, self._core.today))

    def trend(self, weeks: int = 8) -> list[WeekOfZones]:
        return trend(self.of_year(), self._core.today, weeks)

    def suggest_care(self) -> Energy | None:
        return suggest_care(self.of_year())
