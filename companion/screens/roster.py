"""Klas / Class: the children, added by hand or from a class list, archived not deleted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from companion.content import group_name
from companion.domain.children import Child, ChildDraft, sort_key_first_name, sort_key_last_name
from companion.i18n import t
from companion.screens.base import CompanionScreen


class RosterScreen(CompanionScreen):
    CSS_PATH = "roster.tcss"
    BINDINGS = [
        Binding("n", "new", "roster.new"),
        Binding("e,enter", "edit", "roster.edit"),
        Binding("x", "archive", "roster.archive"),
        Binding("i", "import", "roster.import"),
        Binding("v", "toggle_archived", "roster.show_archived"),
        Binding("o", "toggle_order", "roster.order"),
    ]

    show_archived: reactive[bool] = reactive(False, init=False)
    by_last_name: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True, id="roster-table")
        yield Static(id="roster-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Fixed widths: a header must never be cut, whatever the rows hold.
        table.add_column(t("roster.col_name"), key="name", width=30)
        table.add_column(t("roster.col_birth"), key="birth", width=len(t("roster.col_birth")))
        table.add_column(t("roster.col_group"), key="group", width=14)
        table.add_column(t("roster.col_added"), key="added", width=len(t("roster.col_added")))
        table.focus()
        self.refresh_data()

    def watch_show_archived(self) -> None:
        self.refresh_data()

    def watch_by_last_name(self) -> None:
        self.refresh_data()

    def _children(self) -> list[Child]:
        children = self.companion.store.children(include_archived=self.show_archived)
        key = sort_key_last_name if self.by_last_name else sort_key_first_name
        return sorted(children, key=key)

    def refresh_data(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = select or self._selected_id()
        table.clear()
        children = self._children()
        for child in children:
            # Rich Text, not a str: a str cell would be read as markup ("[Zoë]" vanishes).
            name = Text(
                f"{child.last_name}, {child.first_name}"
                if self.by_last_name and child.last_name
                else child.full_name
            )
            if child.archived:
                name.stylize("dim strike")
                name.append(f" {t('roster.archived_mark')}", style="dim")
            table.add_row(
                name,
                child.birth_date.strftime("%d/%m/%Y") if child.birth_date else "",
                Text(group_name(child.group, short=True)),
                child.added_on.strftime("%d/%m/%Y"),
                key=child.id,
            )
        if current and current in {c.id for c in children}:
            table.move_cursor(row=table.get_row_index(current))
        active = sum(1 for c in children if not c.archived)
        self.query_one("#roster-status", Static).update(
            t("roster.status", count=active)
            + ("  ·  " + t("roster.status_archived") if self.show_archived else "")
        )

    def _selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _selected(self) -> Child | None:
        child_id = self._selected_id()
        return self.companion.store.child(child_id) if child_id else None

    def action_new(self) -> None:
        from companion.screens.child_form import ChildFormScreen

        def added(draft: ChildDraft | None) -> None:
            if draft is not None:
                today = self.companion.today
                added: list[Child] = []
                if self.write(
                    lambda: added.append(self.companion.store.add_child(draft, added_on=today))
                ):
                    child = added[0]
                    self.notify(t("roster.added", name=child.full_name))
                    self.refresh_data(select=child.id)

        self.app.push_screen(ChildFormScreen(), added)

    def action_edit(self) -> None:
        from companion.screens.child_form import ChildFormScreen

        child = self._selected()
        if child is None:
            return

        def edited(draft: ChildDraft | None) -> None:
            if draft is not None:
                self.write(lambda: self.companion.store.update_child(child.with_changes(draft)))
                self.refresh_data(select=child.id)

        self.app.push_screen(ChildFormScreen(child), edited)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table takes enter for itself (RowSelected), so the screen's enter binding
        # never fires: without this, enter on a child did nothing.
        event.stop()
        self.action_edit()

    def action_archive(self) -> None:
        child = self._selected()
        if child is None:
            return
        if not self.write(lambda: self.companion.store.set_archived(child.id, not child.archived)):
            return
        key = "roster.restored" if child.archived else "roster.archived"
        self.notify(t(key, name=child.full_name))
        self.refresh_data()

    def action_import(self) -> None:
        from companion.screens.roster_import import RosterImportScreen

        self.app.push_screen(RosterImportScreen(), lambda _: self.refresh_data())

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived

    def action_toggle_order(self) -> None:
        self.by_last_name = not self.by_last_name
