"""A report read before it is written: one child's (a parent talk, the care team) or the
class's over a week or a period, as Markdown at 80x24. `s` asks where and writes it in
the format shown (`f` changes it), `p` changes the period; a child's report with her
private notes says so above it, in capitals, for as long as it is shown."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from companion.domain.children import Child
from companion.domain.report import Period
from companion.i18n import os_error_text, t
from companion.reports.child import child_report
from companion.reports.class_period import class_report
from companion.reports.document import Report
from companion.reports.formats import FORMATS, Format, file_name, rendered
from companion.reports.markdown import markdown
from companion.reports.words import period_text
from companion.screens.base import CompanionScreen
from companion.screens.confirm import ConfirmDialog
from companion.screens.file_picker import start_folder
from companion.screens.report.period import PeriodChoice, PeriodDialog
from companion.screens.report.pickers import ReportFileSave
from companion.store import Store
from companion.store.files import atomic_write

DEFAULT_FORMAT: Format = "html"  # the one she prints: one self-contained file


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to report on: a child (by id) or the class, over `period`."""

    kind: Literal["child", "class"]
    period: Period
    child_id: str = ""
    with_private: bool = False

    @property
    def week(self) -> bool:
        """The class over exactly one school week: its title says which."""
        return self.kind == "class" and self.period == Period.week_of(self.period.start)


@dataclass(frozen=True, slots=True)
class MadeReport:
    report: Report
    subject: str  # what the file is named after: the child, or the week or period


def make_report(store: Store, request: ReportRequest, lang: str, today: date) -> MadeReport:
    """The report asked for, from the store (KeyError: the child is no longer there)."""
    if request.kind == "child":
        child = store.children.get(request.child_id)
        if child is None:
            raise KeyError(request.child_id)
        facts = store.report.child(child.id, request.period, with_private=request.with_private)
        return MadeReport(child_report(facts, lang, today), child.full_name)
    period = request.period
    if request.week:
        subject = t("report_ui.preview.class_subject_week", lang, date=period.start.isoformat())
    else:
        subject = t(
            "report_ui.preview.class_subject",
            lang,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
    facts_of_class = store.report.class_period(period)
    return MadeReport(class_report(facts_of_class, lang, today, week=request.week), subject)


def next_format(fmt: Format) -> Format:
    return FORMATS[(FORMATS.index(fmt) + 1) % len(FORMATS)]


def with_suffix(path: Path, fmt: Format) -> Path:
    """A name typed without an extension gets the format's."""
    return path if path.suffix else path.with_name(f"{path.name}.{fmt}")


class ReportPreviewScreen(CompanionScreen):
    CSS_PATH = "preview.tcss"
    AUTO_FOCUS = "#report-scroll"
    BINDINGS = [
        Binding("s", "save", "report_ui.key.save"),
        Binding("f", "cycle_format", "report_ui.key.format"),
        Binding("p", "period", "report_ui.key.period"),
    ]

    def __init__(self, request: ReportRequest, fmt: Format = DEFAULT_FORMAT) -> None:
        super().__init__()
        self.request = request
        self.fmt: Format = fmt
        self.made: MadeReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="report-what")
        yield Static(id="report-format")
        yield Static(id="report-private")
        with VerticalScroll(id="report-scroll"):
            yield Markdown(id="report-text")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        companion = self.companion
        request = self.request

        def made() -> MadeReport | None:
            try:
                return make_report(companion.store, request, companion.lang, companion.today)
            except KeyError:
                return None

        self.made = self.write(made)
        what = self.query_one("#report-what", Static)
        private = self.query_one("#report-private", Static)
        if self.made is None:
            what.update(t("report_ui.preview.no_child") if request.kind == "child" else "")
            private.display = False
            self.query_one("#report-text", Markdown).update("")
            self._show_format()
            return
        report = self.made.report
        what.update(
            t(
                "report_ui.preview.what",
                title=self.companion.names.in_text(report.title, self._children()),
                period=period_text(request.period, companion.lang),
            )
        )
        if report.private_notice:
            private.update(t("report_ui.preview.private"))
            private.set_class(True, "-private")
        elif request.with_private:
            private.update(t("report_ui.preview.private_none"))
            private.set_class(False, "-private")
        private.display = bool(report.private_notice or request.with_private)
        shown = self.companion.names.in_text(markdown(report), self._children())
        self.query_one("#report-text", Markdown).update(shown)
        self._show_format()

    def _children(self) -> list[Child]:
        return self.companion.store.children.all(include_archived=True)

    def _show_format(self) -> None:
        self.query_one("#report-format", Static).update(
            t("report_ui.preview.format", format=self.fmt.upper())
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.made is not None
        return True

    def action_cycle_format(self) -> None:
        self.fmt = next_format(self.fmt)
        self._show_format()

    def action_period(self) -> None:
        request = self.request
        companion = self.companion
        if request.kind == "child":
            child = companion.store.children.get(request.child_id)
            if child is None:
                return
            title = t("report_ui.period.title_child", name=companion.names.full(child))
            private: bool | None = request.with_private
        else:
            title, private = t("report_ui.period.title_class"), None

        def chosen(choice: PeriodChoice | None) -> None:
            if choice is not None:
                self.request = replace(
                    request, period=choice.period, with_private=choice.with_private
                )
                self.refresh_data()

        dialog = PeriodDialog(title, request.period, companion.today, private)
        self.app.push_screen(dialog, chosen)

    # -- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        made, fmt = self.made, self.fmt
        if made is None:
            return
        word = t(f"report.{made.report.kind}.file_word")
        # The name offered is on screen: with names as initials, her initials (she may
        # type another); what the file holds keeps the names.
        subject = self.companion.names.in_text(made.subject, self._children())
        suggested = file_name(word, subject, self.companion.today, fmt)
        if self.app.is_web:  # in a browser tab (companion serve): the browser downloads it
            data = io.BytesIO(rendered(made.report, fmt))
            self.app.deliver_binary(data, save_filename=suggested)
            self.notify(t("serve.download_started", name=suggested), timeout=15)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save_to(with_suffix(path, fmt), made.report, fmt)

        self.app.push_screen(ReportFileSave(start_folder(), suggested), chosen)

    def save_to(self, path: Path, report: Report, fmt: Format) -> None:
        """Write the report to `path`; an existing file is replaced only when she says so."""
        if not path.exists():
            self._write(path, report, fmt)
            return

        def answered(replace_it: bool | None) -> None:
            if replace_it:
                self._write(path, report, fmt)

        question = ConfirmDialog(
            t("report_ui.save.overwrite_title"),
            t("report_ui.save.overwrite_question", name=path.name, folder=str(path.parent)),
            t("report_ui.save.overwrite_confirm"),
        )
        self.app.push_screen(question, answered)

    @work(exclusive=True, group="report-save")
    async def _write(self, path: Path, report: Report, fmt: Format) -> None:
        """Rendered and written off the screen's thread; the path said, or why not."""
        try:
            await asyncio.to_thread(lambda: atomic_write(path, rendered(report, fmt)))
        except OSError as error:
            reason = os_error_text(error)
            self.notify(
                t("report_ui.save.failed", path=str(path), reason=reason),
                severity="error",
                timeout=15,
            )
            return
        self.notify(t("report_ui.save.written", path=str(path)), timeout=15)
