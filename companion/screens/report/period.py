"""Which days a report covers: from and to (as a Flemish teacher writes a date, or
"vandaag"), and for a child's report whether her private notes go in (her own copy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from companion.domain.dates import ImpossibleDate, NotADate
from companion.domain.journal import parse_day
from companion.domain.report import Period, ReportInputError
from companion.i18n import long_date, t
from companion.screens.base import FormDialog
from companion.screens.form_rows import dmy, say_beside
from companion.screens.samen_spel.toggles import TickBox

FIELDS = ("report-from", "report-to")


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    period: Period
    with_private: bool = False


class PeriodDialog(FormDialog[PeriodChoice]):
    """Answers the period chosen (and, for a child, whether her private notes go in);
    None when she cancels. `private` None: no such choice (the class)."""

    CSS_PATH = "period.tcss"
    AUTO_FOCUS = "#report-from"
    BINDINGS = [
        # On the tick box and the buttons too: enter shows the report.
        Binding("enter", "save", "report_ui.key.go", show=False),
    ]

    def __init__(self, title: str, period: Period, today: date, private: bool | None) -> None:
        super().__init__()
        self._title = title
        self._period = period
        self._today = today
        self._private = private

    def compose(self) -> ComposeResult:
        with Vertical(id="report-period"):
            for field, label, day in (
                ("report-from", t("report_ui.period.from"), self._period.start),
                ("report-to", t("report_ui.period.to"), self._period.end),
            ):
                with Horizontal(classes="period-row"):
                    yield Label(label, classes="period-label")
                    yield Input(
                        dmy(day), id=field, placeholder=t("form.date_placeholder"), compact=True
                    )
                    yield Static(long_date(day), id=f"{field}-words", classes="period-words")
                yield Static(classes="field-error", id=f"{field}-error")
            yield Static(t("report_ui.period.hint"), classes="hint")
            if self._private is not None:
                yield TickBox(t("report_ui.period.private"), self._private, id="report-private")
            with Horizontal(id="report-period-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("report_ui.period.go"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#report-period").border_title = self._title
        for field in FIELDS:
            say_beside(self, field, "")

    def _read(self, field: str) -> date | None:
        """The day in the field, or None with what is wrong said beside it."""
        text = self.query_one(f"#{field}", Input).value
        try:
            return parse_day(text, self._today)
        except ImpossibleDate:
            say_beside(self, field, t("errors.field.date_impossible"))
        except NotADate:
            say_beside(self, field, t("errors.field.date_format"))
        return None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field not in FIELDS:
            return
        say_beside(self, field, "")
        try:
            words = long_date(parse_day(event.value, self._today))
        except ValueError:
            words = ""
        self.query_one(f"#{field}-words", Static).update(words)

    def action_save(self) -> None:
        for field in FIELDS:
            say_beside(self, field, "")
        start, end = self._read("report-from"), self._read("report-to")
        if start is None or end is None:
            self.query_one(f"#{'report-from' if start is None else 'report-to'}").focus()
            return
        try:
            period = Period(start, end)
        except ReportInputError:
            say_beside(self, "report-to", t("report_ui.period.end_before_start"))
            self.query_one("#report-to").focus()
            return
        ticked = self._private is not None and self.query_one("#report-private", TickBox).value
        self.dismiss(PeriodChoice(period, ticked))
