"""The year-end handover, reviewed before it is written: the cover page first, then one
child's page at a time, each marked checked (enter) or left out (x). `s` writes only when
no child is still waiting: a folder she chooses (made when missing) gets the whole pack
and a file per child kept, in the format shown."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from pathlib import Path
from typing import Final, Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from companion.domain.calendar import school_year_label
from companion.domain.report import HandoverFacts
from companion.i18n import os_error_text, t
from companion.reports.formats import Format
from companion.reports.handover import child_page, handover_report, pack_files
from companion.reports.markdown import section
from companion.screens.base import CompanionScreen
from companion.screens.confirm import ConfirmDialog
from companion.screens.file_picker import start_folder
from companion.screens.report.pickers import PackFolderPicker
from companion.screens.report.preview import DEFAULT_FORMAT, next_format
from companion.store.files import atomic_write, ensure_private_folder

Mark = Literal["checked", "left_out"]
COVER: Final = 0  # the page shown first


def write_pack(folder: Path, files: dict[str, bytes]) -> None:
    """The folder (owner-only when it is made), then each file, atomically."""
    ensure_private_folder(folder)
    for name, payload in files.items():
        atomic_write(folder / name, payload)


class HandoverReviewScreen(CompanionScreen):
    CSS_PATH = "handover.tcss"
    AUTO_FOCUS = "#handover-scroll"
    BINDINGS = [
        Binding("enter,space", "check", "report_ui.key.check"),
        Binding("x", "leave_out", "report_ui.key.leave_out"),
        # Above the scroll's own left and right: they turn the page here. Not in the
        # footer, which has no room for them at 80 columns: the hint line names them.
        Binding("right,n", "page(1)", "report_ui.key.next", priority=True, show=False),
        Binding("left,p", "page(-1)", "report_ui.key.previous", priority=True, show=False),
        Binding("s", "save", "report_ui.key.save"),
        # The format is named (with its key) on the tally line.
        Binding("f", "cycle_format", "report_ui.key.format", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.children_facts: list[HandoverFacts] = []
        self.marks: dict[str, Mark] = {}
        self.page = COVER
        self.year = 0
        self.fmt: Format = DEFAULT_FORMAT

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="handover-page")
        yield Static(id="handover-tally")
        with VerticalScroll(id="handover-scroll"):
            yield Markdown(id="handover-text")
        yield Static(t("report_ui.handover.hint"), id="handover-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        found = self.write(store.report.handover)
        self.year = store.current_year
        self.children_facts = found or []
        known = {facts.child.id for facts in self.children_facts}
        self.marks = {key: mark for key, mark in self.marks.items() if key in known}
        self.page = min(self.page, len(self.children_facts))
        self._show()

    # -- what is shown ------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.companion.today

    def _facts_shown(self) -> HandoverFacts | None:
        return None if self.page == COVER else self.children_facts[self.page - 1]

    def _text(self) -> str:
        lang = self.companion.lang
        facts = self._facts_shown()
        if facts is None:
            cover = handover_report(self.children_facts, lang, self.today, self.year)
            return f"# {cover.title}\n\n*{cover.subtitle}*\n\n{section(cover.sections[0], '')}"
        return section(child_page(facts, lang), "")

    def _show(self) -> None:
        pages = len(self.children_facts) + 1
        facts = self._facts_shown()
        if facts is None:
            line = t("report_ui.handover.cover", pages=pages)
        else:
            mark = self.marks.get(facts.child.id)
            said = t(f"report_ui.handover.{mark or 'waiting'}_mark")
            page = t(
                "report_ui.handover.page",
                page=self.page + 1,
                pages=pages,
                name=self.companion.names.full(facts.child),
            )
            line = f"{page} · {said}"
        self.query_one("#handover-page", Static).update(line)
        self.query_one("#handover-page").set_class(
            facts is not None and facts.child.id in self.marks, "-marked"
        )
        self._show_tally()
        children = self.companion.store.children.all(include_archived=True)
        shown = self.companion.names.in_text(self._text(), children)
        self.query_one("#handover-text", Markdown).update(shown)
        self.query_one("#handover-scroll", VerticalScroll).scroll_home(animate=False)

    def _show_tally(self) -> None:
        checked = sum(1 for mark in self.marks.values() if mark == "checked")
        left_out = sum(1 for mark in self.marks.values() if mark == "left_out")
        tally = t(
            "report_ui.handover.tally",
            checked=checked,
            left_out=left_out,
            waiting=self.waiting,
            format=self.fmt.upper(),
        )
        self.query_one("#handover-tally", Static).update(tally)

    @property
    def waiting(self) -> int:
        return sum(1 for facts in self.children_facts if facts.child.id not in self.marks)

    # -- her marks ----------------------------------------------------------------------

    def action_page(self, step: int) -> None:
        target = self.page + step
        if 0 <= target <= len(self.children_facts):
            self.page = target
            self._show()

    def action_check(self) -> None:
        facts = self._facts_shown()
        if facts is not None:
            self.marks[facts.child.id] = "checked"
        self._after_mark()

    def action_leave_out(self) -> None:
        facts = self._facts_shown()
        if facts is None:
            return
        if self.marks.get(facts.child.id) == "left_out":  # x again: back to waiting
            del self.marks[facts.child.id]
            self._show()
            return
        self.marks[facts.child.id] = "left_out"
        self._after_mark()

    def _after_mark(self) -> None:
        """On to the next page (the last one stays, showing its mark)."""
        if self.page < len(self.children_facts):
            self.page += 1
        self._show()

    def action_cycle_format(self) -> None:
        self.fmt = next_format(self.fmt)
        self._show_tally()

    # -- writing ------------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.children_facts:
            self.notify(t("report_ui.handover.no_children"), severity="warning")
            return
        if self.waiting:
            self.notify(
                t("report_ui.handover.still_waiting", count=self.waiting), severity="warning"
            )
            return
        kept = [f for f in self.children_facts if self.marks.get(f.child.id) == "checked"]
        if not kept:
            self.notify(t("report_ui.handover.nothing_kept"), severity="warning")
            return
        lang, fmt, year = self.companion.lang, self.fmt, self.year
        pack = handover_report(kept, lang, self.today, year)
        files = pack_files(pack, fmt, year)
        if self.app.is_web:  # in a browser tab (companion serve): the whole pack, downloaded
            name, payload = next(iter(files.items()))
            self.app.deliver_binary(io.BytesIO(payload), save_filename=name)
            self.notify(t("serve.download_started", name=name), timeout=15)
            return
        word = t("report.handover.file_word", lang)
        suggested = f"{word}-{school_year_label(year)}"

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.save_into(folder, files)

        self.app.push_screen(PackFolderPicker(start_folder(), suggested), chosen)

    def save_into(self, folder: Path, files: dict[str, bytes]) -> None:
        """Write the pack into `folder`; files of the same names are replaced only when
        she says so."""
        try:
            there = [name for name in files if (folder / name).exists()]
        except OSError:
            there = []
        if not there:
            self._write(folder, files)
            return

        def answered(replace_them: bool | None) -> None:
            if replace_them:
                self._write(folder, files)

        question = ConfirmDialog(
            t("report_ui.save.pack_overwrite_title"),
            t("report_ui.save.pack_overwrite_question", count=len(there), folder=str(folder)),
            t("report_ui.save.overwrite_confirm"),
        )
        self.app.push_screen(question, answered)

    @work(exclusive=True, group="handover-save")
    async def _write(self, folder: Path, files: dict[str, bytes]) -> None:
        try:
            await asyncio.to_thread(write_pack, folder, files)
        except OSError as error:
            where = str(error.filename or folder)
            self.notify(
                t("report_ui.save.pack_failed", path=where, reason=os_error_text(error)),
                severity="error",
                timeout=15,
            )
            return
        self.notify(
            t("report_ui.save.pack_written", count=len(files), folder=str(folder)), timeout=15
        )
