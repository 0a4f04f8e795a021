"""Close a school year: what moves into the archive, Confirm or Later."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from companion.domain.calendar import ClosingSummary
from companion.i18n import t
from companion.reports.school_year import closing_text, years_text
from companion.screens.confirm import TwoButtonDialog


class CloseYearDialog(TwoButtonDialog):
    """Says which school year(s) would close and how much moves; True when confirmed.

    Later (the button or escape) answers False: nothing moves, and it is offered again
    at the next start. Later has the focus at first.
    """

    CSS_PATH = "close_year.tcss"
    BINDINGS = [
        Binding("escape", "later", "year.later"),
        Binding("left,right", "switch_button", show=False),
    ]
    BOX_ID = "close-year-box"
    BUTTONS_ID = "close-year-buttons"
    NO_ID = "later"
    YES_ID = "confirm"
    FOCUS_YES = False

    def __init__(self, summary: ClosingSummary, archive_dir: Path) -> None:
        super().__init__()
        self.summary = summary
        self.archive_dir = archive_dir

    def box_title(self) -> str:
        return t("year.offer_title")

    def body(self) -> ComposeResult:
        years = years_text(self.summary.years)
        yield Static(t("year.offer_question", years=years), id="close-year-question")
        yield Static(closing_text(self.summary), id="close-year-moves")
        yield Static(t("year.archive_at", path=str(self.archive_dir)), classes="hint")

    def labels(self) -> tuple[str, str]:
        return t("year.later"), t("year.confirm")

    def action_later(self) -> None:
        self.dismiss(False)

    def action_switch_button(self) -> None:
        later = self.query_one("#later", Button)
        (self.query_one("#confirm", Button) if later.has_focus else later).focus()
