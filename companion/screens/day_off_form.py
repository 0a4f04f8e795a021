"""Ask for one day off or a range of them, with a reason."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from companion.domain.dates import ImpossibleDate, NotADate, parse_date
from companion.i18n import t
from companion.screens.base import FormDialog

MAX_RANGE_DAYS = 120


class DayOffForm(FormDialog[tuple[date, date, str] | None]):
    """Ask for one day or a range (first - last) and a reason."""

    CSS_PATH = "day_off_form.tcss"
    AUTO_FOCUS = "#first"

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

    def action_save(self) -> None:
        error = self.query_one("#dayoff-error", Static)
        first_text = self.query_one("#first", Input).value
        last_text = self.query_one("#last", Input).value.strip() or first_text
        try:
            first, last = parse_date(first_text), parse_date(last_text)
        except ImpossibleDate:
            error.update(t("errors.field.date_impossible"))
            return
        except NotADate:
            error.update(t("errors.field.date_format"))
            return
        if last < first or (last - first).days > MAX_RANGE_DAYS:
            error.update(t("calendar.bad_range"))
            return
        reason = " ".join(self.query_one("#reason", Input).value.split())
        self.dismiss((first, last, reason or "day_off"))
