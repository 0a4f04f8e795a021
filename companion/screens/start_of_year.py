"""Connectie maken met àlle kinderen: who has not yet had each ingredient this school year."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from companion.content import abc_items
from companion.domain.children import sort_key_first_name
from companion.domain.coverage import start_of_year_tracker
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.widgets.abc_grid import item_header
from companion.widgets.marks import HAD, NOTHING_YET_STYLE, TICK_STYLE, tick

ITEM_WIDTH = 7


class StartOfYearScreen(CompanionScreen):
    CSS_PATH = "start_of_year.tcss"
    AUTO_FOCUS = "DataTable"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="start-bar")
        yield DataTable(cursor_type="row", zebra_stripes=True, cell_padding=0, header_height=2)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text(t("ledger.child")), width=20, key="name")
        for item in abc_items():
            table.add_column(item_header(item, ITEM_WIDTH), width=ITEM_WIDTH, key=item.key)
        table.add_column(Text("\n" + t("start.overall")), width=9, key="overall")
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        children = sorted(store.children.all(), key=sort_key_first_name)
        rows = start_of_year_tracker(children, store.abc.of_year(store.current_year))
        # Those still waiting for a first connection come first.
        rows.sort(key=lambda row: (row.connected, len(row.items_had)))
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            cells = [
                Content.assemble(
                    (self.companion.names.full(row.child)[:19], "" if row.connected else "bold")
                )
            ]
            for item in abc_items():
                had = item.key in row.items_had
                mark = Content.styled(HAD, TICK_STYLE) if had else tick(False)
                cells.append(Content.assemble(" " * 3, mark))
            overall = (
                Content(t("start.connected"))
                if row.connected
                else Content.styled(t("start.not_yet"), f"italic {NOTHING_YET_STYLE}")
            )
            table.add_row(*cells, overall, key=row.child.id)
        waiting = sum(1 for row in rows if not row.connected)
        first = date(store.current_year, 9, 1)
        self.query_one("#start-bar", Static).update(
            Content.assemble(
                (t("start.title"), "bold"),
                "  ",
                t("start.summary", since=short_date(first), waiting=waiting, total=len(rows)),
            )
        )
