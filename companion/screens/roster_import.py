"""Import a class list (CSV) from a file path; shows the same report as the CLI."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from companion.domain.roster_import import MAX_FILE_BYTES, parse_roster, plan_import
from companion.i18n import os_error_text, t
from companion.reports.roster_import import format_report
from companion.screens.base import CompanionModal
from companion.store import DataFileError
from companion.store.errors import PathRefused
from companion.store.paths import read_bounded


class RosterImportScreen(CompanionModal[int | None]):
    """Answers with the number of children added (None when cancelled)."""

    CSS_PATH = "roster_import.tcss"
    AUTO_FOCUS = "#import-path"
    BINDINGS = [Binding("ctrl+o", "browse", "roster_import_ui.browse")]

    def __init__(self) -> None:
        super().__init__()
        self.added: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("roster_import_ui.prompt"))
            with Horizontal(id="import-path-row"):
                yield Input(placeholder=t("roster_import_ui.placeholder"), id="import-path")
                yield Button(t("roster_import_ui.browse_button"), id="import-browse")
            yield Static(classes="field-error", id="import-error")
            with VerticalScroll(id="import-report"):
                yield Static(t("roster_import_ui.explain"), id="import-report-text", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = t("roster_import_ui.title")

    @on(Button.Pressed, "#import-browse")
    def action_browse(self) -> None:
        """Choose the file in a picker that starts in Documents or Downloads."""
        from companion.screens.file_picker import CsvFilePicker, start_folder

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.query_one(Input).value = str(path)
                self.import_file(path)

        self.app.push_screen(CsvFilePicker(start_folder()), chosen)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip().strip('"').strip("'")
        if not raw:
            self.query_one("#import-error", Static).update(t("roster_import_ui.need_path"))
            return
        self.import_file(Path(raw).expanduser())

    @work(exclusive=True)
    async def import_file(self, path: Path) -> None:
        error = self.query_one("#import-error", Static)
        error.update("")
        try:
            payload = await asyncio.to_thread(read_bounded, path, MAX_FILE_BYTES)
        except PathRefused as problem:  # a folder, a device, a pipe, too large
            error.update(problem.message())
            return
        except OSError as problem:
            error.update(
                t("roster_import_ui.cannot_read", path=str(path), detail=os_error_text(problem))
            )
            return
        store = self.companion.store
        plan = plan_import(
            parse_roster(payload, today=self.companion.today),
            store.children.all(include_archived=True),
        )
        if plan.error is not None:
            error.update(format_report(plan))
            return
        try:
            store.children.add_many(plan.to_add, added_on=self.companion.today)
        except DataFileError as problem:
            error.update(problem.message())
            self.companion.show_write_refusal()  # saving may have stopped just now
            return
        self.added = (self.added or 0) + len(plan.to_add)
        self.query_one("#import-report-text", Static).update(format_report(plan))
        self.query_one(Input).value = ""

    def action_cancel(self) -> None:
        self.dismiss(self.added)
