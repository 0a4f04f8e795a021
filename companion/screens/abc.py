"""ABC of Love: tick the seven ingredients each child got, at one moment of one day."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, Static

from companion.content import abc_items, moment_name
from companion.domain.abc import AbcDay, moment_for_time
from companion.domain.children import Child, matches, sort_key_first_name
from companion.domain.vocabulary import ABC_ITEMS, MOMENTS, AbcItem, Moment
from companion.i18n import long_date, t
from companion.screens.base import CompanionScreen
from companion.screens.digit_keys import DIGIT_KEYS
from companion.widgets.abc_grid import AbcGrid
from companion.widgets.keys import step_bindings
from companion.widgets.marks import group_mark, nothing_yet
from companion.widgets.period_bar import Part, PeriodBar

DAY_GROUP = Binding.Group("abc.day_group", compact=True)
GREETING: tuple[AbcItem, ...] = ("smile", "voice", "eye_contact")


class AbcScreen(CompanionScreen):
    CSS_PATH = "abc.tcss"
    AUTO_FOCUS = "#abc-grid"
    BINDINGS = [
        *(
            Binding(
                DIGIT_KEYS[str(number)],
                f"tick('{item}')",
                f"abc.item_{item}",
                show=False,
            )
            for number, item in enumerate(ABC_ITEMS, start=1)
        ),
        Binding("space", "toggle_cell", "abc.toggle_cell", show=False),
        Binding("g", "greet", "abc.greet"),
        # The bar above the grid shows these keys beside the day and the moment they change,
        # which leaves the footer room for the rest at 80 columns.
        Binding("m", "next_moment", "abc.moment", show=False),
        *step_bindings("day", "abc.previous_day", "abc.next_day", group=DAY_GROUP, show=False),
        Binding("t", "today", "abc.today", show=False),
        Binding("slash", "find", "abc.find"),
        # Her page: not in the footer, full in Dutch at 80 columns (F1 and the palette say it).
        Binding("p", "page", "child_page.key.page", show=False),
        Binding("z", "check_in", "rest_corner.today.key_check_in", show=False),
        Binding("ctrl+z", "undo", "abc.undo"),
    ]

    # The watchers paint what changed (the grid's rows, the bar): no repaint of the whole
    # screen on top, which would redraw the header and the footer for every day.
    day: reactive[date] = reactive(date.min, init=False, repaint=False)
    moment: reactive[Moment] = reactive("welcome", init=False, repaint=False)
    name_filter: reactive[str] = reactive("", init=False, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._children: dict[str, Child] = {}
        self._entries: dict[str, AbcDay] = {}
        self._start_child: str | None = None

    @property
    def _undo(self) -> deque[AbcDay]:
        """The app keeps the undo list, so leaving this screen does not forget it."""
        return self.companion.abc_undo

    def compose(self) -> ComposeResult:
        yield Header()
        yield PeriodBar(id="abc-bar")
        yield Input(placeholder=t("abc.find_placeholder"), id="abc-find")
        yield AbcGrid(id="abc-grid")
        yield Static(id="abc-legend")
        yield Footer()

    def on_mount(self) -> None:
        now = self.companion.clock()
        self.set_reactive(AbcScreen.day, self._clamp(now.date()))
        self.set_reactive(AbcScreen.moment, moment_for_time(now.hour, now.minute))
        self.refresh_data()
        if self._start_child:
            self._highlight(self._start_child)

    # -- reading ----------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read the class and the day from the store, then show them."""
        store = self.companion.store
        children = sorted(store.children.all(), key=sort_key_first_name)
        self._children = {child.id: child for child in children}
        self._entries = {child_id: e for (child_id, _), e in store.abc.days([self.day]).items()}
        self._show()

    def _show(self) -> None:
        """Show what was read, filtered by name: typing in the finder reads nothing."""
        children = list(self._children.values())
        shown = (
            [c for c in children if matches(c, self.name_filter)] if self.name_filter else children
        )
        grid = self.query_one(AbcGrid)
        grid.names = self.companion.names
        grid.show(shown, self._entries, self.moment)
        self._paint_bar(len(shown), len(children))
        self._paint_legend()

    def _paint_bar(self, shown: int, total: int) -> None:
        calendar = self.companion.store.days_off.calendar()
        parts: list[Part] = [
            "   ",
            (moment_name(self.moment), "bold $text-accent"),
            (" (m)", "dim"),
        ]
        if not calendar.is_school_day(self.day):
            parts += ["   ", (t("abc.not_school_day"), "italic $text-warning")]
        if self.name_filter:
            parts += [
                "   ",
                (t("abc.filtered", query=self.name_filter, shown=shown, total=total), "italic"),
            ]
        self.query_one("#abc-bar", PeriodBar).show(long_date(self.day), *parts)

    def _paint_legend(self) -> None:
        self._show_legend(self._legend_text())

    def _legend_text(self) -> Content:
        grid = self.query_one(AbcGrid)
        item_key = grid.highlighted_item
        if not grid.row_count:
            return Content(t("abc.empty" if not self._children else "abc.no_match"))
        if item_key is None:
            return Content.assemble(
                group_mark("invisible"),
                f"{t('abc.legend_invisible')}   ",
                group_mark("hard_to_manage"),
                f"{t('abc.legend_hard')}   ",
                nothing_yet(),
                f" {t('abc.legend_quiet')}\n",
                t("abc.legend_day_total"),
            )
        item = next(i for i in abc_items() if i.key == item_key)
        return Content.assemble((f"{item.number} {item.name()}", "bold"), f" — {item.hint()}")

    def _show_legend(self, text: Content) -> None:
        """Another day or moment keeps the legend: then it is not even repainted."""
        legend = self.query_one("#abc-legend", Static)
        shown = legend.content
        if not (isinstance(shown, Content) and shown.is_same(text)):
            legend.update(text)

    @on(AbcGrid.CursorMoved, "#abc-grid")
    def _cursor_moved(self) -> None:
        self._paint_legend()

    # -- writing ----------------------------------------------------------------------

    @on(AbcGrid.ToggleRequested, "#abc-grid")
    def _toggle_requested(self, message: AbcGrid.ToggleRequested) -> None:
        self._change(message.child_id, lambda entry: entry.toggled(self.moment, message.item))

    def action_tick(self, item: AbcItem) -> None:
        child_id = self.query_one(AbcGrid).highlighted_child_id
        if child_id:
            self._change(child_id, lambda entry: entry.toggled(self.moment, item))

    def action_toggle_cell(self) -> None:
        self.query_one(AbcGrid).action_request_toggle()

    def action_greet(self) -> None:
        child_id = self.query_one(AbcGrid).highlighted_child_id
        if child_id:
            self._change(
                child_id,
                lambda entry: entry.with_items(
                    self.moment, entry.items_at(self.moment) | set(GREETING)
                ),
            )

    def _change(self, child_id: str, change: Callable[[AbcDay], AbcDay]) -> None:
        before = self.companion.store.abc.day(child_id, self.day)
        after = change(before)
        if after != before and self._save(after) is not None:
            self._undo.append(before)
            self._entries[child_id] = after
            self.query_one(AbcGrid).update_entry(self._children[child_id], after)

    def _save(self, entry: AbcDay) -> AbcDay | None:
        # A day of a closed school year is refused with a message (SchoolYearClosed).
        return self.write(lambda: self.companion.store.abc.save(entry))

    def action_undo(self) -> None:
        if not self._undo:
            self.notify(t("abc.nothing_to_undo"))
            return
        previous = self._undo.pop()
        if self._save(previous) is None:
            return
        if previous.day != self.day:
            self.day = previous.day
        else:
            self._entries[previous.child_id] = previous
            self.query_one(AbcGrid).update_entry(self._children[previous.child_id], previous)
        self.notify(
            t("abc.undone", name=self.companion.names.first(self._children[previous.child_id]))
        )

    # -- moving -----------------------------------------------------------------------

    def _clamp(self, day: date) -> date:
        """Stay inside the current school year and never go past today."""
        today = self.companion.today
        store = self.companion.store
        first = store.days_off.calendar().first_school_day(store.current_year)
        if first > today:  # July and August: the new school year has not begun
            return today
        return max(first, min(day, today))

    def action_next_moment(self) -> None:
        self.moment = MOMENTS[(MOMENTS.index(self.moment) + 1) % len(MOMENTS)]

    def action_day(self, step: int) -> None:
        target = self._clamp(
            self.companion.store.days_off.calendar().next_school_day(self.day, step)
        )
        if target == self.day:
            self.notify(t("abc.no_further_day"))
        self.day = target

    @on(PeriodBar.Stepped, "#abc-bar")
    def _day_stepped(self, event: PeriodBar.Stepped) -> None:
        self.action_day(event.step)

    def action_today(self) -> None:
        self.day = self._clamp(self.companion.today)

    def watch_day(self) -> None:
        self.refresh_data()

    def watch_moment(self) -> None:
        self._show()

    def watch_name_filter(self) -> None:
        self._show()

    # -- finding a child --------------------------------------------------------------

    def show_child(self, child_id: str) -> None:
        """Put the cursor on one child (from Today's list), showing the whole class."""
        if not self.is_mounted:
            self._start_child = child_id  # on_mount puts the cursor there
        else:
            self._highlight(child_id)

    def _highlight(self, child_id: str) -> None:
        if self.name_filter:
            finder = self.query_one("#abc-find", Input)
            finder.value = ""
            finder.display = False
            self.name_filter = ""
        grid = self.query_one(AbcGrid)
        grid.highlight_child(child_id)
        grid.focus()

    def action_page(self) -> None:
        """The page of the child under the cursor: everything about her in one place."""
        from companion.screens.child_page import show_page

        show_page(self.app, self.query_one(AbcGrid).highlighted_child_id)

    def action_check_in(self) -> None:
        """ "Where are you now?" for the child under the cursor (the rest corner)."""
        from companion.screens.rest_corner.flow import start_check_in

        start_check_in(self, self.query_one(AbcGrid).highlighted_child_id)

    def action_find(self) -> None:
        finder = self.query_one("#abc-find", Input)
        finder.display = True
        finder.focus()

    @on(Input.Changed, "#abc-find")
    def _finder_changed(self, event: Input.Changed) -> None:
        self.name_filter = event.value.strip()

    @on(Input.Submitted, "#abc-find")
    def _finder_submitted(self) -> None:
        self.query_one(AbcGrid).focus()

    def action_back(self) -> None:
        finder = self.query_one("#abc-find", Input)
        if finder.display:
            finder.value = ""
            finder.display = False
            self.name_filter = ""
            self.query_one(AbcGrid).focus()
            return
        super().action_back()
