"""Schoolkalender / School calendar: holidays and days off never count as days unseen."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from companion.domain.calendar import (
    HolidaySuggestion,
    flemish_holidays,
    school_year_label,
    school_year_of,
)
from companion.domain.dates import ImpossibleDate, parse_date
from companion.i18n import short_date, t
from companion.screens.base import CompanionModal, CompanionScreen
from companion.store import DataFileError

MAX_RANGE_DAYS = 120


class DayOffForm(CompanionModal[tuple[date, date, str] | None]):
    """Ask for one day or a range (first - last) and a reason."""

    DEFAULT_CSS = """
    DayOffForm { align: center middle; }
    DayOffForm > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    DayOffForm Label { margin-top: 1; }
    DayOffForm #dayoff-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("calendar.first_day"))
            yield Input(id="first", placeholder=t("form.date_placeholder"))
            yield Label(t("calendar.last_day"))
            yield Input(id="last", placeholder=t("calendar.last_placeholder"))
            yield Label(t("calendar.reason"))
            yield Input(id="reason", max_length=80, placeholder=t("calendar.reason_placeholder"))
            yield Static(classes="field-error", id="dayoff-error")
            with Horizontal(id="dayoff-buttons"):
                yield Button(t("common.cancel"), id="cancel")
                yield Button(t("common.save"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = t("calendar.add_title")
        self.query_one("#first", Input).focus()

    def on_input_submitted(self) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        error = self.query_one("#dayoff-error", Static)
        first_text = self.query_one("#first", Input).value
        last_text = self.query_one("#last", Input).value.strip() or first_text
        try:
            first, last = parse_date(first_text), parse_date(last_text)
        except ImpossibleDate:
            error.update(t("errors.field.date_impossible"))
            return
        except ValueError:
            error.update(t("errors.field.date_format"))
            return
        if last < first or (last - first).days > MAX_RANGE_DAYS:
            error.update(t("calendar.bad_range"))
            return
        reason = " ".join(self.query_one("#reason", Input).value.split())
        self.dismiss((first, last, reason or "day_off"))


class CalendarScreen(CompanionScreen):
    DEFAULT_CSS = """
    CalendarScreen DataTable { height: 1fr; }
    CalendarScreen #calendar-bar { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "confirm", "calendar.confirm"),
        Binding("h", "confirm_all", "calendar.confirm_all"),
        Binding("a", "add", "calendar.add"),
        Binding("x", "remove", "calendar.remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="calendar-bar")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("calendar.col_when"), key="when")
        table.add_column(t("calendar.col_what"), key="what")
        table.add_column(t("calendar.col_state"), key="state")
        table.focus()
        self.refresh_data()

    def _holidays(self) -> list[HolidaySuggestion]:
        return flemish_holidays(self.companion.store.current_year)

    def refresh_data(self) -> None:
        store = self.companion.store
        off = {entry.day: entry.reason for entry in store.days_off()}
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        covered: set[date] = set()
        for holiday in self._holidays():
            days = holiday.weekdays()
            covered.update(days)
            confirmed = all(day in off for day in days)
            when = short_date(holiday.first) + (
                f" – {short_date(holiday.last)}" if holiday.last != holiday.first else ""
            )
            table.add_row(
                when,
                Text(t(f"calendar.holiday.{holiday.key}")),
                Text(
                    t("calendar.confirmed") if confirmed else t("calendar.suggested"),
                    style="bold" if confirmed else "italic",
                ),
                key=f"holiday:{holiday.key}",
            )
        for day, reason in sorted(off.items()):
            if day not in covered:
                label = (
                    t(f"calendar.holiday.{reason}")
                    if reason in {h.key for h in self._holidays()}
                    else reason
                )
                label = t("calendar.day_off") if reason == "day_off" else label
                label = t("calendar.study_day") if reason == "study_day" else label
                table.add_row(
                    short_date(day) + f" {day.year}",
                    Text(label),
                    Text(t("calendar.confirmed")),
                    key=f"day:{day.isoformat()}",
                )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.query_one("#calendar-bar", Static).update(
            t("calendar.bar", year=school_year_label(store.current_year), count=len(off))
        )

    def _selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def action_confirm(self) -> None:
        key = self._selected_key()
        if not key or not key.startswith("holiday:"):
            return
        holiday = next(h for h in self._holidays() if h.key == key.removeprefix("holiday:"))
        store = self.companion.store
        days = holiday.weekdays()
        present = {entry.day for entry in store.days_off()}
        name = t(f"calendar.holiday.{holiday.key}")
        try:
            if all(day in present for day in days):
                store.clear_days_off(days)
                self.notify(t("calendar.unmarked", name=name))
            else:
                store.set_days_off(days, holiday.key)
                self.notify(t("calendar.marked", name=name))
        except DataFileError as error:
            self.notify(error.message(), severity="error", timeout=10)
        self.refresh_data()

    def action_confirm_all(self) -> None:
        store = self.companion.store
        try:
            for holiday in self._holidays():
                store.set_days_off(holiday.weekdays(), holiday.key)
        except DataFileError as error:
            self.notify(error.message(), severity="error", timeout=10)
        self.notify(t("calendar.all_marked"))
        self.refresh_data()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
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
            try:
                self.companion.store.set_days_off(school, reason)
            except DataFileError as error:
                self.notify(error.message(), severity="error", timeout=10)
            self.refresh_data()

        self.app.push_screen(DayOffForm(), added)

    def action_remove(self) -> None:
        """Removes a day added by hand; a holiday is unmarked with enter instead."""
        key = self._selected_key()
        if key and key.startswith("day:"):
            day = date.fromisoformat(key.removeprefix("day:"))
            try:
                self.companion.store.clear_days_off([day])
            except DataFileError as error:
                self.notify(error.message(), severity="error", timeout=10)
            self.notify(t("calendar.removed", day=short_date(day)))
            self.refresh_data()
        elif key:
            self.notify(t("calendar.remove_holiday_hint"))
