"""Days off (holidays, pedagogical days): one entry per date, with an optional reason, in
the live file or in the archive of its school year."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from companion.domain.calendar import DayOff, SchoolCalendar, school_year_of
from companion.store.schema import DayOffRecord, Raw

if TYPE_CHECKING:
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears
    from companion.store.year_bound import YearBound

TABLE = "days_off"


class DaysOff:
    name = TABLE

    def __init__(
        self, core: Core, records: Mapping[str, DayOffRecord], *, years: SchoolYears
    ) -> None:
        self._core = core
        self._years = years
        self._live: dict[date, tuple[int, str]] = {}  # day -> (doc id, reason)
        for doc_id, off in records.items():
            self._live[off.date] = (int(doc_id), off.reason)

    # -- reading ------------------------------------------------------------------------

    def of_year(self, year: int | None = None) -> list[DayOff]:
        """The days off of a school year (the current one by default), live and archived."""
        year = self._core.current_year if year is None else year
        found = dict(self._archived(year))
        found.update(
            (day, reason) for day, (_, reason) in self._live.items() if school_year_of(day) == year
        )
        return [DayOff(day, reason) for day, reason in sorted(found.items())]

    def calendar(self, year: int | None = None) -> SchoolCalendar:
        """One school year's calendar; by default every day off of the live file and of
        the current year's archive (right for any day that can still change)."""
        if year is None:
            archived = self._archived(self._core.current_year)
            return SchoolCalendar(frozenset(self._live) | frozenset(archived))
        return SchoolCalendar(frozenset(off.day for off in self.of_year(year)))

    def is_off(self, day: date) -> bool:
        return day in self._live or day in self._archived(school_year_of(day))

    # -- writing ------------------------------------------------------------------------

    def add(self, days: Iterable[date], reason: str = "") -> None:
        self.add_with_reasons({day: reason for day in days})

    def add_with_reasons(self, reasons: Mapping[date, str]) -> None:
        """Mark many days off in one write (one more per archive); days already off are
        left as they are, a day of a closed school year is refused (SchoolYearClosed)."""
        years = self._years
        new = {day: reason for day, reason in reasons.items() if not self.is_off(day)}
        for day in new:
            years.check_open(school_year_of(day))
        archived = {d: r for d, r in new.items() if years.has_archive(school_year_of(d))}
        for year in sorted({school_year_of(day) for day in archived}):
            added = {d: r for d, r in archived.items() if school_year_of(d) == year}
            years.write_entries(year, self, {**self._archived(year), **added})
        live = [(day, reason) for day, reason in new.items() if day not in archived]
        if not live:
            return
        table = self._core.table(TABLE)
        doc_ids = self._core.write(
            lambda: table.insert_multiple(
                {"date": day.isoformat(), "reason": reason} for day, reason in live
            )
        )
        for (day, reason), doc_id in zip(live, doc_ids, strict=True):
            self._live[day] = (doc_id, reason)

    def clear(self, days: Iterable[date]) -> None:
        years = self._years
        present = [day for day in days if self.is_off(day)]
        for day in present:
            years.check_open(school_year_of(day))
        archived = [day for day in present if years.has_archive(school_year_of(day))]
        for year in sorted({school_year_of(day) for day in archived}):
            kept = {d: r for d, r in self._archived(year).items() if d not in archived}
            years.write_entries(year, self, kept)
        self.remove_live([day for day in present if day in self._live])

    # -- the archive's part (year_bound.YearBound) --------------------------------------

    def _archived(self, year: int) -> Mapping[date, str]:
        return self._years.archived(year).entries(self)

    def day_of(self, key: date) -> date:
        return key

    def live_years(self) -> set[int]:
        return {school_year_of(day) for day in self._live}

    def live(self, years: Collection[int]) -> dict[date, str]:
        return {d: reason for d, (_, reason) in self._live.items() if school_year_of(d) in years}

    def remove_live(self, keys: Collection[date]) -> None:
        doc_ids = [self._live[day][0] for day in keys]
        if not doc_ids:
            return
        table = self._core.table(TABLE)
        self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for day in keys:
            del self._live[day]

    def add_live(self, entries: Mapping[date, str]) -> None:
        self.add_with_reasons(entries)

    def decode_archived(self, documents: Sequence[Raw]) -> dict[date, str]:
        return {date.fromisoformat(doc["date"]): str(doc.get("reason", "")) for doc in documents}

    def encode_archived(self, entries: Mapping[date, str]) -> list[Raw]:
        return [
            {"date": day.isoformat(), "reason": reason} for day, reason in sorted(entries.items())
        ]

    def joined(self, archived: Mapping[date, str], moved: Mapping[date, str]) -> dict[date, str]:
        return {**moved, **archived}

    def counts(self, entries: Mapping[date, str]) -> dict[str, int]:
        return {"days_off": len(entries)}

    def exported(self, year: int) -> list[dict[str, Any]]:
        return [{"date": off.day.isoformat(), "reason": off.reason} for off in self.of_year(year)]


if TYPE_CHECKING:  # mypy checks the kind's methods against its own entries
    _YEAR_BOUND: type[YearBound[date, str]] = DaysOff
