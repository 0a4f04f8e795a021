"""Schoolkalender / School calendar: holidays and days off never count as days unseen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from companion.domain.calendar import (
    HolidaySuggestion,
    flemish_holidays,
    school_year_label,
    school_year_of,
)
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen, done
from companion.screens.day_off_form import DayOffForm
from companion.widgets.record_table import Column, Record, RecordTable

# The reasons the app writes itself (a day off without a reason of her own).
UNWRITTEN_REASONS: Final = frozenset({"", "day_off", "study_day"})


class CalendarScreen(CompanionScreen):
    CSS_PATH = "calendar.tcss"
    AUTO_FOCUS = "#calendar-table"
    BINDINGS = [
        Binding("enter", "confirm", "calendar.confirm"),
        Binding("h", "confirm_all", "calendar.confirm_all"),
        Binding("a", "add", "calendar.add"),
        Binding("x", "remove", "calendar.remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="calendar-bar")
        yield RecordTable(id="calendar-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).replace(
            [],
            columns=[
                Column(t("calendar.col_when"), "when"),
                Column(t("calendar.col_what"), "what"),
                Column(t("calendar.col_state"), "state"),
            ],
        )
        self.refresh_data()

    def _holidays(self) -> list[HolidaySuggestion]:
        return flemish_holidays(self.companion.store.current_year)

    def refresh_data(self) -> None:
        store = self.companion.store
        off = {entry.day: entry.reason for entry in store.days_off.of_year()}
        # One list in date order: the holidays and her own days off together.
        rows: list[tuple[date, str, str, Text, Text]] = []
        covered: set[date] = set()
        holiday_keys = {h.key for h in self._holidays()}
        for holiday in self._holidays():
            days = holiday.weekdays()
            covered.update(days)
            confirmed = all(day in off for day in days)
            when = short_date(holiday.first) + (
                f" – {short_date(holiday.last)}" if holiday.last != holiday.first else ""
            )
            state = Text(
                t("calendar.confirmed") if confirmed else t("calendar.suggested"),
                style="bold" if confirmed else "italic",
            )
            label = Text(t(f"calendar.holiday.{holiday.key}"))
            rows.append((holiday.first, f"holiday:{holiday.key}", when, label, state))
        for day, reason in off.items():
            if day in covered:
                continue
            label_text = t(f"calendar.holiday.{reason}") if reason in holiday_keys else reason
            label_text = t("calendar.day_off") if reason == "day_off" else label_text
            label_text = t("calendar.study_day") if reason == "study_day" else label_text
            when = short_date(day) + f" {day.year}"
            mark = Text(t("calendar.confirmed"))
            rows.append((day, f"day:{day.isoformat()}", when, Text(label_text), mark))
        self.query_one(RecordTable).replace(
            Record(key, (when, label, state))
            for _, key, when, label, state in sorted(rows, key=lambda row: (row[0], row[1]))
        )
        self.query_one("#calendar-bar", Static).update(
            t("calendar.bar", year=school_year_label(store.current_year), count=len(off))
        )

    def _selected_key(self) -> str | None:
        return self.query_one(RecordTable).selected_key

    def action_confirm(self) -> None:
        key = self._selected_key()
        if not key or not key.startswith("holiday:"):
            return
        holiday = next(h for h in self._holidays() if h.key == key.removeprefix("holiday:"))
        store = self.companion.store
        days = holiday.weekdays()
        present = {entry.day for entry in store.days_off.of_year()}
        name = t(f"calendar.holiday.{holiday.key}")
        if all(day in present for day in days):
            if self.write(done(lambda: store.days_off.clear(days))):
                self.notify(t("calendar.unmarked", name=name))
                self.refresh_data()
        elif self.write(done(lambda: store.days_off.add(days, holiday.key))):
            self.notify(t("calendar.marked", name=name))
            self.refresh_data()

    def action_confirm_all(self) -> None:
        reasons = {day: h.key for h in self._holidays() for day in h.weekdays()}
        if self.write(done(lambda: self.companion.store.days_off.add_with_reasons(reasons))):
            self.notify(t("calendar.all_marked"))
            self.refresh_data()

    @on(RecordTable.Chosen, "#calendar-table")
    def _day_chosen(self) -> None:
        self.action_confirm()

    def action_add(self) -> None:
        def added(answer: tuple[date, date, str] | None) -> None:
            if answer is None:
                return
            first, last, reason = answer
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            year = self.companion.store.current_year
            school = [day for day in days if day.weekday() < 5 and school_year_of(day) == year]
            if not school:
                self.notify(t("calendar.outside_year"), severity="warning")
                return
            if self.write(done(lambda: self.companion.store.days_off.add(school, reason))):
                self.refresh_data()

        self.app.push_screen(DayOffForm(), added)

    def action_remove(self) -> None:
        """Removes a day added by hand; a holiday is unmarked with enter instead."""
        key = self._selected_key()
        if key and key.startswith("day:"):
            self._ask_to_remove(date.fromisoformat(key.removeprefix("day:")))
        elif key:
            self.notify(t("calendar.remove_holiday_hint"))

    def _ask_to_remove(self, day: date) -> None:
        """Ask first, naming the day: a study day removed by a slip is easily lost."""
        from companion.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes and self.write(done(lambda: self.companion.store.days_off.clear([day]))):
                self.notify(t("calendar.removed", day=short_date(day)))
                self.refresh_data()

        days_off = self.companion.store.days_off.of_year()
        reason = next((off.reason for off in days_off if off.day == day), "")
        if reason in UNWRITTEN_REASONS:
            question = t("calendar.remove_question", day=short_date(day))
        else:  # what she wrote for it goes too: say what
            question = t("calendar.remove_question_reason", day=short_date(day), reason=reason)
        self.app.push_screen(
            ConfirmDialog(t("calendar.remove_title"), question, t("calendar.remove_confirm")),
            answered,
        )
