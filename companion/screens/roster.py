"""Klas / Class: the children, added by hand or from a class list, archived not deleted."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from companion.content import group_name
from companion.domain.children import Child, ChildDraft, sort_key_first_name, sort_key_last_name
from companion.domain.vocabulary import CHILD_GROUPS
from companion.i18n import t
from companion.screens.base import CompanionScreen
from companion.widgets.record_table import Column, Record, RecordTable

DATE_WIDTH = 10  # dd/mm/yyyy
# DataTable pads each cell with one space either side, and a long class gets a scrollbar.
CELL_PADDING = 2
SCROLLBAR = 2
MIN_NAME_WIDTH = 12


class RosterScreen(CompanionScreen):
    CSS_PATH = "roster.tcss"
    # Short labels in a compact footer, so that every key of the class fits at 80 columns;
    # the command palette says each action in full.
    AUTO_FOCUS = "#roster-table"
    BINDINGS = [
        Binding("n", "new", "roster.new"),
        # Not in the footer: enter on a child is how a table is opened anyway.
        Binding("e,enter", "edit", "roster.edit", show=False),
        # One key, two meanings: the footer names the one that applies to the child.
        Binding("x", "archive", "roster.archive"),
        Binding("x", "restore", "roster.restore"),
        Binding("i", "import", "roster.import"),
        Binding("v", "toggle_archived", "roster.show_archived"),
        Binding("o", "toggle_order", "roster.order"),
        # Not in the footer either (full in Dutch): F1 and the palette name it.
        Binding("p", "page", "child_page.key.page", show=False),
        # Not in the footer: erasing a child is rare and asks for her name (w: wissen).
        Binding("w", "purge", "purge.action", show=False),
        # Help stays on f1 and ?, but its footer label makes room for the class's keys.
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    _laid_out_for: int | None = None  # the window width the columns were made for
    show_archived: reactive[bool] = reactive(False, init=False)
    by_last_name: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield RecordTable(id="roster-table")
        yield Static(id="roster-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        # The name column takes the width that is left: laid out again when it changes
        # (not for the first resize, which comes with the first show).
        if event.size.width != self._laid_out_for:
            self.refresh_data()

    def _columns(self) -> list[Column]:
        """Columns as wide as their longest label, so no header, group or mark is ever cut;
        the name (the first) takes what is left."""
        birth = max(DATE_WIDTH, len(t("roster.col_birth")))
        group = max(
            len(t("roster.col_group")),
            len(t("roster.no_group")),
            *(len(group_name(name)) for name in CHILD_GROUPS),
        )
        added = max(DATE_WIDTH, len(t("roster.col_added")), len(t("roster.archived_mark")))
        fixed = birth + group + added + 4 * CELL_PADDING + SCROLLBAR
        self._laid_out_for = self.app.size.width
        name: int = max(MIN_NAME_WIDTH, len(t("roster.col_name")), self._laid_out_for - fixed)
        return [
            Column(t("roster.col_name"), "name", name),
            Column(t("roster.col_birth"), "birth", birth),
            Column(t("roster.col_group"), "group", group),
            Column(t("roster.col_added"), "added", added),
        ]

    def watch_show_archived(self) -> None:
        self.refresh_data()

    def watch_by_last_name(self) -> None:
        self.refresh_data()

    def _children(self) -> list[Child]:
        children = self.companion.store.children.all(include_archived=self.show_archived)
        key = sort_key_last_name if self.by_last_name else sort_key_first_name
        return sorted(children, key=key)

    def refresh_data(self, select: str | None = None) -> None:
        columns = self._columns()
        children = self._children()
        self.query_one(RecordTable).replace(
            (self._record(child, columns[0].width or 0) for child in children),
            columns=columns,
            select=select,
        )
        active = sum(1 for c in children if not c.archived)
        self.query_one("#roster-status", Static).update(
            t("roster.status", count=active)
            + ("  ·  " + t("roster.status_archived") if self.show_archived else "")
        )
        self.refresh_bindings()

    def _record(self, child: Child, width: int) -> Record:
        # Rich Text, not a str: a str cell would be read as markup ("[Zoë]" vanishes).
        name = Text(self.companion.names.listed(child, last_first=self.by_last_name))
        # A name longer than the room shows that it goes on (the form shows it whole).
        name.truncate(width, overflow="ellipsis")
        if child.archived:
            name.stylize("strike")
        return Record(
            child.id,
            (
                name,
                child.birth_date.strftime("%d/%m/%Y") if child.birth_date else "",
                Text(t("roster.no_group") if child.group == "all" else group_name(child.group)),
                # Archived: no longer in the class, which the column then says in words.
                Text(t("roster.archived_mark"), style="italic")
                if child.archived
                else child.added_on.strftime("%d/%m/%Y"),
            ),
        )

    def _selected(self) -> Child | None:
        child_id = self.query_one(RecordTable).selected_key
        return self.companion.store.children.get(child_id) if child_id else None

    def action_new(self) -> None:
        from companion.screens.child_form import ChildFormScreen

        def added(draft: ChildDraft | None) -> None:
            if draft is not None:
                today = self.companion.today
                child = self.write(lambda: self.companion.store.children.add(draft, added_on=today))
                if child is not None:
                    self.notify(t("roster.added", name=self.companion.names.full(child)))
                    self.refresh_data(select=child.id)

        self.app.push_screen(ChildFormScreen(), added)

    def action_edit(self) -> None:
        from companion.screens.child_form import ChildFormScreen

        child = self._selected()
        if child is None:
            return

        def edited(draft: ChildDraft | None) -> None:
            if draft is not None:
                changed = child.with_changes(draft)
                if self.write(lambda: self.companion.store.children.update(changed)):
                    self.refresh_data(select=child.id)

        self.app.push_screen(ChildFormScreen(child), edited)

    @on(RecordTable.Chosen, "#roster-table")
    def _child_chosen(self) -> None:
        # The table takes enter for itself, so the screen's enter binding never fires:
        # without this, enter on a child did nothing.
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("archive", "restore"):
            child = self._selected()
            if child is None:
                return None if action == "archive" else False  # greyed out: nobody to archive
            return child.archived == (action == "restore")
        return True

    @on(DataTable.RowHighlighted, "#roster-table")
    def _child_highlighted(self) -> None:
        self.refresh_bindings()  # archive or restore, as the child under the cursor needs

    def action_archive(self) -> None:
        """Ask first, naming the child; restoring stays possible (v shows the archive)."""
        from companion.screens.confirm import ConfirmDialog

        child = self._selected()
        if child is None or child.archived:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.write(
                lambda: self.companion.store.children.set_archived(child.id, True)
            ):
                self.notify(t("roster.archived", name=self.companion.names.full(child)))
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(
                t("roster.archive_title"),
                t("roster.archive_question", name=self.companion.names.full(child)),
                t("roster.archive_confirm"),
            ),
            answered,
        )

    def action_restore(self) -> None:
        child = self._selected()
        if child is None or not child.archived:
            return
        if self.write(lambda: self.companion.store.children.set_archived(child.id, False)):
            self.notify(t("roster.restored", name=self.companion.names.full(child)))
            self.refresh_data(select=child.id)

    def action_page(self) -> None:
        """The page of the child under the cursor: everything about her in one place."""
        from companion.screens.child_page import show_page

        child = self._selected()
        show_page(self.app, child.id if child else None)

    def action_purge(self) -> None:
        """Erase all data of the child under the cursor: shown, then her name typed."""
        from companion.screens.purge import PurgeScreen

        child = self._selected()
        if child is not None:
            self.app.push_screen(PurgeScreen(child))

    def action_import(self) -> None:
        from companion.screens.roster_import import RosterImportScreen

        # The dialog writes: coming back shows the class read anew (on_screen_resume).
        self.app.push_screen(RosterImportScreen())

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived

    def action_toggle_order(self) -> None:
        self.by_last_name = not self.by_last_name
