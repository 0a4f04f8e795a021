"""Reservekopieën / Backups: every backup of the data file and its archives, newest
first, each with what it holds; enter puts the chosen one back, after a confirmation
that says its date and what it replaces (now vs then). The current state is kept as a
backup first (before-restore), so a restore can be undone from this same list.

The restore itself: the app's store is closed (its lock released), the backup put in
place by store.backups.restore, and the file opened again and shown on every screen
(the app's `replace_store`, as the demo does)."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.i18n import t
from companion.screens.base import CompanionScreen
from companion.screens.confirm import ConfirmDialog
from companion.store import DataFileError, Store
from companion.store.backup_texts import (
    backup_line,
    counts_text,
    problem_text,
    reason_text,
    replaces_text,
    when_text,
)
from companion.store.backups import BackupInfo, counts_of, list_backups, restore, target_of
from companion.store.codec.crypto import Keyring


class BackupsScreen(CompanionScreen):
    CSS_PATH = "backups.tcss"
    # Over the list's own enter, so the footer shows what enter does here.
    BINDINGS = [Binding("enter", "restore", "backup.screen.restore", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.backups: list[BackupInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="backups-intro")
        yield OptionList(id="backups-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("backup.screen.title")
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        intro = t("backup.screen.intro", path=str(store.path))
        self.query_one("#backups-intro", Static).update(intro)
        self._load(store.path, store.keyring)

    @work(thread=True, exclusive=True, group="backups-list")
    def _load(self, path: Path, keyring: Keyring | None) -> None:
        """In a thread: every backup is decoded to be counted."""
        found = list_backups(path, keyring)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[BackupInfo]) -> None:
        self.backups = found
        options = self.query_one("#backups-list", OptionList)
        options.clear_options()
        if not found:
            options.add_option(Option(t("backup.screen.none"), disabled=True))
            return
        options.add_options(
            Option(backup_line(number, info, two_lines=True), id=info.path.name)
            for number, info in enumerate(found, start=1)
        )
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#backups-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._ask(event.option_index)

    def action_restore(self) -> None:
        highlighted = self.query_one("#backups-list", OptionList).highlighted
        if highlighted is not None:
            self._ask(highlighted)

    def _ask(self, index: int) -> None:
        if not 0 <= index < len(self.backups):
            return
        info = self.backups[index]
        if info.counts is None:
            reason = problem_text(info.problem) if info.problem else ""
            self.notify(t("backup.screen.refused", reason=reason), severity="error")
            return
        store = self.companion.store
        target = target_of(store.path, info)
        try:
            counted = counts_of(target, info.year, store.keyring) if target.exists() else None
            now = None if counted is None else counts_text(counted)
        except DataFileError:
            now = t("backup.now_unreadable")
        lines = [
            t(
                "backup.screen.confirm_then",
                when=when_text(info),
                reason=reason_text(info),
                counts=counts_text(info.counts),
            ),
            t("backup.screen.confirm_now", counts=now or t("backup.now_missing")),
            "",
            replaces_text(store.path, info),
            "",
            t("backup.screen.confirm_kept"),
        ]
        dialog = ConfirmDialog(
            t("backup.screen.confirm_title"), "\n".join(lines), t("backup.screen.restore")
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(info)

        self.app.push_screen(dialog, answered)

    def _restore(self, info: BackupInfo) -> None:
        """Close the store, put the backup in place, open the file again everywhere."""
        app = self.companion
        old = app.store
        for screen in self.app.screen_stack:
            if isinstance(screen, CompanionScreen):
                screen.save_typing()
        path, today, keyring = old.path, old.today, old.keyring
        old.close()  # its lock: a restore is refused while the file is open
        said: str | None = None
        try:
            done = restore(path, info, keyring)
            undo = done.undo.name if done.undo is not None else "-"
            said = t("backup.screen.restored", when=when_text(info), name=undo)
        except DataFileError as error:  # nothing was touched: her file opens as it was
            self.app.notify(
                t("backup.screen.failed", detail=error.message()), severity="error", timeout=10
            )
        try:
            store = Store.open(path, today=today, keyring=keyring)
        except DataFileError as error:
            # Not expected (the backup was checked whole): the app cannot go on.
            self.app.exit(message=error.message())
            return
        app.replace_store(store)
        if said is not None:
            self.app.notify(said, timeout=10)
