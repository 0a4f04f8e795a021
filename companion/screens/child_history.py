"""One child's school year: weeks x ingredients, with a heat strip of the weekly totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from companion.content import abc_items, group_name
from companion.domain.calendar import school_year_label
from companion.domain.coverage import child_history
from companion.domain.dates import monday_of
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.widgets.heat import shade
from companion.widgets.keys import step_bindings
from companion.widgets.marks import AMOUNT_STYLE, NOTHING_YET, NOTHING_YET_STYLE

YEAR_GROUP = Binding.Group("history.year_group", compact=True)
WEEK_WIDTH = 9  # 'Mon 23/11'


def _strip(total: int, school_days: int) -> Content:
    """One shade per school day, for the week's average; a week with any tick never
    looks like a week with none."""
    if not total:
        return Content.styled(NOTHING_YET * school_days, NOTHING_YET_STYLE)
    average = max(1, round(total / max(school_days, 1)))
    return Content.styled(shade(average) * school_days, AMOUNT_STYLE)


class ChildHistoryScreen(CompanionScreen):
    CSS_PATH = "child_history.tcss"
    AUTO_FOCUS = "DataTable"
    BINDINGS = [
        # Years are counted back from this one: the previous year is one step further.
        *step_bindings(
            "year", "history.previous_year", "history.next_year", group=YEAR_GROUP, back_step=1
        ),
    ]

    def __init__(self, child_id: str) -> None:
        super().__init__()
        self.child_id = child_id
        self.year_index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-title")
        yield Sparkline([], summary_function=max)
        yield DataTable(cursor_type="row", zebra_stripes=True, cell_padding=1)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        child = store.children.get(self.child_id)
        if child is None:
            return
        years = store.school_years.all()
        year = years[min(self.year_index, len(years) - 1)]
        # A closed year comes from its archive file, which may be damaged.
        found = self.write(
            lambda: (store.abc.history(child.id, year), store.days_off.calendar(year))
        )
        if found is None:
            self.year_index = max(0, self.year_index - 1)
            return
        history, calendar = found
        weeks = child_history(history, calendar, year, self.companion.today)
        arrived = monday_of(child.added_on)
        weeks = [week for week in weeks if week.monday >= arrived or week.total]
        total = sum(week.total for week in weeks)
        self.query_one("#history-title", Static).update(
            # Two lines, each whole: a long name never splits "12 weeks" across lines.
            Content.assemble(
                (self.companion.names.full(child), "bold"),
                f"  ·  {group_name(child.group)}\n",
                t("common.school_year", label=school_year_label(year)),
                "  ·  ",
                t(
                    "history.total",
                    ticks=t("common.ticks", count=total),
                    weeks=t("common.weeks", count=len(weeks)),
                ),
            )
        )
        sparkline = self.query_one(Sparkline)
        # A year without a single connection draws no misleading full bar.
        sparkline.display = total > 0
        sparkline.data = [week.total for week in weeks]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Fixed widths: DataTable cannot measure Content cells, so auto-sized columns
        # would be one cell wide and show nothing of the counts.
        week_label = t("history.week")
        table.add_column(Text(week_label), width=max(len(week_label), WEEK_WIDTH), key="week")
        for item in abc_items():
            table.add_column(Text(f"{item.number}"), width=2, key=item.key)
        table.add_column(Text("Σ"), width=3, key="total")
        table.add_column(Text(""), width=5, key="strip")
        for week in reversed(weeks):
            table.add_row(
                short_date(week.monday),
                *(Content(f"{count:>2}") for count in week.per_item),
                Content(f"{week.total:>3}"),
                _strip(week.total, week.school_days),
                key=week.monday.isoformat(),
            )

    def action_year(self, step: int) -> None:
        years = self.companion.store.school_years.all()
        target = self.year_index + step
        if 0 <= target < len(years):
            self.year_index = target
            self.refresh_data()
        else:
            self.notify(t("history.no_more_years"))
