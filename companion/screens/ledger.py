"""Weekoverzicht / Week ledger: children x school days, and the ingredients of the week."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, Static

from companion.content import abc_items
from companion.domain.children import sort_key_first_name
from companion.domain.coverage import (
    RANKING_DAYS,
    WeekLedger,
    invisible_children,
    least_used_item,
    week_ledger,
    window_days,
)
from companion.domain.dates import monday_of, week_days
from companion.i18n import day_header, short_date, t
from companion.screens.base import CompanionScreen
from companion.widgets.heat import heat_cell
from companion.widgets.ingredient_bars import RARE_MARK, IngredientBars
from companion.widgets.keys import step_bindings
from companion.widgets.line_table import LineTable
from companion.widgets.marks import FLAG, FLAG_STYLE
from companion.widgets.period_bar import PeriodBar
from companion.widgets.record_table import Column, Record

NAME_WIDTH = 14
DAY_WIDTH = 6
ITEM_WIDTH = 4
CLASS_ROW = "_class"  # the key of the class totals
WEEK_GROUP = Binding.Group("ledger.week_group", compact=True)


@lru_cache(maxsize=256)
def number_cell(count: int, width: int) -> Content:
    """A count right-aligned; shared between rows and weeks (Content is immutable)."""
    return Content(f"{count:>{width}}")


class LedgerScreen(CompanionScreen):
    CSS_PATH = "ledger.tcss"
    AUTO_FOCUS = "#ledger-table"
    BINDINGS = [
        *step_bindings("week", "ledger.previous_week", "ledger.next_week", group=WEEK_GROUP),
        Binding("t", "this_week", "ledger.this_week", show=False),
        Binding("enter", "history", "ledger.history"),
        Binding("p", "page", "child_page.key.page"),
        Binding("v", "report_class", "report_ui.key.class_report"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.monday = date.min

    def compose(self) -> ComposeResult:
        yield Header()
        yield PeriodBar(id="ledger-bar")
        # Drawn line by line: another week repaints the visible rows once.
        yield LineTable(fixed_columns=1, id="ledger-table")
        yield IngredientBars(id="ledger-bars")
        yield Static(id="ledger-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.monday = monday_of(self.companion.today)
        self.refresh_data()

    def refresh_data(self) -> None:
        store, today = self.companion.store, self.companion.today
        calendar = store.days_off.calendar()
        children = sorted(store.children.all(), key=sort_key_first_name)
        days = week_days(self.monday)
        lookup = store.abc.days([day for day in days if day <= today])
        ledger = week_ledger(children, lookup, calendar, self.monday)
        flagged: set[str] = set()
        if self.monday == monday_of(today):
            recent = {**lookup, **store.abc.days(window_days(calendar, today, RANKING_DAYS))}
            flagged = {
                flag.child.id for flag in invisible_children(children, recent, calendar, today)
            }
        self._fill_table(ledger, flagged, today)
        self._paint_bar(ledger, flagged)

    def _fill_table(self, ledger: WeekLedger, flagged: set[str], today: date) -> None:
        columns = [Column(Text(t("ledger.child")), "name", NAME_WIDTH)]
        columns += [
            Column(Text(day_header(day).center(DAY_WIDTH)), day.isoformat(), DAY_WIDTH)
            for day in ledger.days
        ]
        columns.append(Column(Text("Σ".center(5)), "total", 5))
        columns += [
            Column(Text(str(item.number).center(ITEM_WIDTH)), item.key, ITEM_WIDTH)
            for item in abc_items()
        ]
        records: list[Record] = []
        shown = self.companion.names
        for row in ledger.rows:
            mark = (FLAG, FLAG_STYLE) if row.child.id in flagged else ("  ", "")
            name = shown.brief(row.child)
            cells: list[Content] = [Content.assemble(mark, name[: NAME_WIDTH - 2])]
            cells += [
                heat_cell(count if day <= today else None, DAY_WIDTH)
                for count, day in zip(row.per_day, ledger.days, strict=True)
            ]
            cells.append(number_cell(row.week_total, 4))
            cells += [number_cell(count, 3) for count in row.per_item]
            records.append(Record(row.child.id, cells))
        records.append(Record(CLASS_ROW, self._class_totals(ledger, today)))
        self.query_one(LineTable).replace(records, columns=columns)

    def _class_totals(self, ledger: WeekLedger, today: date) -> list[Content]:
        totals: list[Content] = [Content.assemble((t("ledger.class_total"), "bold"))]
        for index, day in enumerate(ledger.days):
            counts = [row.per_day[index] for row in ledger.rows if row.per_day[index] is not None]
            shown = counts and day <= today
            totals.append(Content(f"{sum(c or 0 for c in counts):>5}" if shown else ""))
        totals.append(Content(f"{sum(r.week_total for r in ledger.rows):>4}"))
        totals += [Content.assemble((f"{count:>3}", "bold")) for count in ledger.item_totals]
        return totals

    def _paint_bar(self, ledger: WeekLedger, flagged: set[str]) -> None:
        friday = self.monday + timedelta(days=4)
        self.query_one("#ledger-bar", PeriodBar).show(
            t("ledger.week_of", first=short_date(self.monday), last=short_date(friday)),
            "   ",
            (t("ledger.flagged", count=len(flagged)) if flagged else "", "italic"),
        )
        # The class's week per ingredient as bars (the numbers of the table's columns),
        # the rare ones marked; the legend says what Σ and the mark mean.
        self.query_one("#ledger-bars", IngredientBars).show(ledger.item_totals)
        bars = t("ledger.bars_legend", mark=RARE_MARK)
        legend: list[str | tuple[str, str]] = [f"{t('ledger.legend')} {bars}"]
        if least := least_used_item(ledger):
            key_of_item, count = least
            name = next(item.name() for item in abc_items() if item.key == key_of_item)
            # "A small chance for tomorrow" is only true of this week; a past week is told.
            this_week = self.monday == monday_of(self.companion.today)
            key = "ledger.least_used" if this_week else "ledger.least_used_past"
            legend += ["\n", (t(key, item=name, count=count), "italic")]
        self.query_one("#ledger-legend", Static).update(Content.assemble(*legend))

    def action_week(self, step: int) -> None:
        target = self.monday + timedelta(weeks=step)
        store = self.companion.store
        first = monday_of(store.days_off.calendar().first_school_day(store.current_year))
        if first <= target <= monday_of(self.companion.today):
            self.monday = target
            self.refresh_data()
        else:
            self.notify(t("ledger.no_further_week"))

    @on(PeriodBar.Stepped, "#ledger-bar")
    def _week_stepped(self, event: PeriodBar.Stepped) -> None:
        self.action_week(event.step)

    def action_this_week(self) -> None:
        self.monday = monday_of(self.companion.today)
        self.refresh_data()

    def action_history(self) -> None:
        from companion.screens.child_history import ChildHistoryScreen

        child_id = self.query_one(LineTable).selected_key
        if child_id and child_id != CLASS_ROW:
            self.app.push_screen(ChildHistoryScreen(child_id))

    def action_page(self) -> None:
        """The page of the child under the cursor (the class row has none)."""
        from companion.screens.child_page import show_page

        child_id = self.query_one(LineTable).selected_key
        show_page(self.app, child_id if child_id != CLASS_ROW else None)

    def action_report_class(self) -> None:
        """The class report of the week shown (verslag), previewed before it is saved."""
        from companion.domain.report import Period
        from companion.screens.report import class_report_shown

        class_report_shown(self.app, Period.week_of(self.monday))

    @on(LineTable.Chosen, "#ledger-table")
    def _child_chosen(self) -> None:
        self.action_history()
