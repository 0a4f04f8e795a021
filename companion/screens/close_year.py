"""Close a school year: what moves into the archive, Confirm or Later."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.domain.calendar import ClosingSummary
from companion.i18n import t
from companion.reports.school_year import closing_text, years_text
from companion.screens.base import CompanionModal


class CloseYearDialog(CompanionModal[bool]):
    """Says which school year(s) would close and how much moves; True when confirmed.

    Later (the button or escape) answers False: nothing moves, and it is offered again
    at the next start.
    """

    CSS_PATH = "close_year.tcss"
    BINDINGS = [
        Binding("escape", "later", "year.later"),
        Binding("left,right", "switch_button", show=False),
    ]

    def __init__(self, summary: ClosingSummary, archive_dir: Path) -> None:
        super().__init__()
        self.summary = summary
        self.archive_dir = archive_dir

    def compose(self) -> ComposeResult:
        years = years_text(self.summary.years)
        with Vertical(id="close-year-box"):
            yield Static(t("year.offer_question", years=years), id="close-year-question")
            yield Static(closing_text(self.summary), id="close-year-moves")
            yield Static(t("year.archive_at", path=str(self.archive_dir)), classes="hint")
            with Horizontal(id="close-year-buttons"):
                yield Button(t("year.later"), id="later")
                yield Button(t("year.confirm"), variant="primary", id="confirm")

    def on_mount(self) -> None:
        self.query_one("#close-year-box").border_title = t("year.offer_title")
        self.query_one("#later", Button).focus()

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#later")
    def later(self) -> None:
        self.dismiss(False)

    def action_later(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_switch_button(self) -> None:
        later = self.query_one("#later", Button)
        (self.query_one("#confirm", Button) if later.has_focus else later).focus()
