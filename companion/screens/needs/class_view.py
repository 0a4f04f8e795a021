"""Behoeften / Needs: the class by relational need, to plan the day.

Per need, the children in whom she sees it clearly, then a little (in the class list's
order), each with what she offers; last, the children in whom she sees no need yet, so
nobody drops out of sight. Enter opens the child's profile, p the child's page.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from companion.domain.children import Child, sort_key_first_name
from companion.domain.needs import NeedOfChild, class_needs
from companion.domain.vocabulary import RELATIONAL_NEEDS
from companion.i18n import children_count, t
from companion.screens.base import CompanionScreen
from companion.widgets.needs_marks import CLARITY_MARKS, clarity_label, clarity_width
from companion.widgets.record_table import Column, Record, RecordTable

UNSEEN = "unseen"  # the group of children with no need seen yet
CELL_PADDING = 2
SCROLLBAR = 2
DATE_WIDTH = 10  # dd/mm/yyyy
MIN_OFFER_WIDTH = 12
MAX_NAME_WIDTH = 20  # a longer (full) name is cut with an ellipsis


def _key(group: str, child_id: str = "") -> str:
    """A row's key: the group (a need, or 'unseen') and the child, if the row is one."""
    return f"{group}:{child_id}"


def child_of(key: str | None) -> str | None:
    """The child of a row (None on a group's heading)."""
    return (key or "").partition(":")[2] or None


class NeedsClassScreen(CompanionScreen):
    CSS_PATH = "class_view.tcss"
    AUTO_FOCUS = "#needs-class-table"
    BINDINGS = [
        # Not only in the palette: enter is how a table is opened anyway (RecordTable).
        Binding("enter,e", "open_profile", "needs.keys.open_profile"),
        # The child's page, as on every screen that shows children.
        Binding("p", "page", "child_page.key.page"),
    ]

    _laid_out_for: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="needs-class-title")
        yield RecordTable(id="needs-class-table")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for:
            self.refresh_data()

    def _children(self) -> list[Child]:
        return sorted(self.companion.store.children.all(), key=sort_key_first_name)

    def _columns(self, names: dict[str, str]) -> list[Column]:
        """The need and how clearly first, then the child (by her first name, as Today
        names her) and what she offers (the rest of the width), then the day of the last
        signal."""
        need = max(
            clarity_width() + 2,
            len(t("needs.class_view.col_need")),
            *(len(t(f"needs.need.{need}")) for need in RELATIONAL_NEEDS),
            len(t("needs.class_view.unseen")),
            len(self._nobody_text()),
        )
        name = min(
            MAX_NAME_WIDTH,
            max((len(shown) for shown in names.values()), default=0),
        )
        name = max(name, len(t("needs.class_view.col_child")))
        last = max(DATE_WIDTH, len(t("needs.class_view.col_last")))
        self._laid_out_for = self.app.size.width
        offer = self._laid_out_for - need - name - last - 4 * CELL_PADDING - SCROLLBAR
        return [
            Column(t("needs.class_view.col_need"), "need", need),
            Column(t("needs.class_view.col_child"), "child", name),
            Column(t("needs.class_view.col_offer"), "offer", max(offer, MIN_OFFER_WIDTH)),
            Column(t("needs.class_view.col_last"), "last", last),
        ]

    def refresh_data(self) -> None:
        store = self.companion.store
        children = self._children()
        names = self.companion.names.short(children)
        columns = self._columns(names)
        widths = {column.key: column.width or 0 for column in columns}
        by_need = class_needs([child.id for child in children], store.needs.all())
        records: list[Record] = []
        seen: set[str] = set()
        for need in RELATIONAL_NEEDS:
            found = by_need[need]
            seen |= {entry.child_id for entry in found}
            records.append(self._heading(need, t(f"needs.need.{need}")))
            records += [self._row(need, entry, names[entry.child_id], widths) for entry in found]
            if not found:
                records.append(self._nobody(need))
        unseen = [child for child in children if child.id not in seen]
        records.append(self._heading(UNSEEN, t("needs.class_view.unseen")))
        records += [self._unseen_row(child.id, names[child.id], widths) for child in unseen]
        table = self.query_one(RecordTable)
        table.replace(records, columns=columns, select=self._same_child(table, records))
        if child_of(table.selected_key) is None:
            self._to_first_child(table)
        self.query_one("#needs-class-title", Static).update(
            Text.assemble(
                (t("needs.class_view.title"), "bold"),
                f"  ·  {children_count(len(children))}  ·  ",
                t("needs.class_view.question"),
            )
        )
        self.refresh_bindings()

    @staticmethod
    def _same_child(table: RecordTable, records: list[Record]) -> str | None:
        """Where the cursor goes when its row is gone (in the profile she came back from,
        the need it was under changed): the same child's first row, never another child's;
        None: the row is still there, or the child is gone."""
        selected = table.selected_key
        child = child_of(selected)
        keys = [record.key for record in records]
        if child is None or selected in keys:
            return None
        return next((key for key in keys if child_of(key) == child), None)

    @staticmethod
    def _to_first_child(table: RecordTable) -> None:
        for index, row_key in enumerate(table.rows):
            if child_of(row_key.value) is not None:
                table.move_cursor(row=index)
                return

    @staticmethod
    def _heading(group: str, title: str) -> Record:
        return Record(_key(group), (Text(title, style="bold underline"), "", "", ""))

    @staticmethod
    def _nobody_text() -> str:
        """Under a need nobody shows yet, in the first column, which is wide enough."""
        return "  " + t("needs.class_view.nobody")

    @classmethod
    def _nobody(cls, need: str) -> Record:
        return Record(
            f"nobody-{need}",  # no child: no colon
            (Text(cls._nobody_text(), style="italic"), "", "", ""),
        )

    @staticmethod
    def _cut(text: str, width: int, style: str = "") -> Text:
        shown = Text(text, style=style)
        shown.truncate(width, overflow="ellipsis")
        return shown

    def _row(self, need: str, entry: NeedOfChild, name: str, widths: dict[str, int]) -> Record:
        mark = Text("  " + clarity_label(entry.clarity))
        mark.stylize("bold" if entry.clarity == "clearly" else "", 2, 3)
        return Record(
            _key(need, entry.child_id),
            (
                mark,
                self._cut(name, widths["child"], "bold" if entry.clarity == "clearly" else ""),
                self._cut(" ".join(entry.offer.split()), widths["offer"]),
                entry.last_seen.strftime("%d/%m/%Y") if entry.last_seen else "",
            ),
        )

    def _unseen_row(self, child_id: str, name: str, widths: dict[str, int]) -> Record:
        return Record(
            _key(UNSEEN, child_id),
            (
                Text("  " + CLARITY_MARKS["not"]),
                self._cut(name, widths["child"]),
                "",
                "",
            ),
        )

    # -- acting on the child under the cursor -------------------------------------------

    def _selected(self) -> str | None:
        return child_of(self.query_one(RecordTable).selected_key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_profile":
            return True if self._selected() else None  # greyed out on a heading
        return True

    @on(RecordTable.RowHighlighted, "#needs-class-table")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(RecordTable.Chosen, "#needs-class-table")
    def _chosen(self) -> None:
        # The table takes enter for itself: its Chosen message opens the profile.
        self.action_open_profile()

    def action_open_profile(self) -> None:
        from companion.screens.needs.profile import NeedsProfileScreen

        child_id = self._selected()
        if child_id is not None:
            self.app.push_screen(NeedsProfileScreen(child_id))

    def action_page(self) -> None:
        """The page of the child under the cursor (on a heading: ask whose)."""
        from companion.screens.child_page import show_page

        show_page(self.app, self._selected())
