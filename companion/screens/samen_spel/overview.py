"""Samen-Spel: every target child of the school year (a child with a plan) at a glance:
this week planned vs done, whether a session is due today, the weeks behind said plainly,
how far the plan is, and a small fidelity trend."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from companion.domain.children import Child, sort_key_first_name
from companion.domain.samen_spel import SamenSpelPlan, SamenSpelSession, fidelity_trend
from companion.i18n import t
from companion.screens.base import CompanionScreen
from companion.screens.samen_spel.texts import (
    PlanView,
    behind_short,
    behind_text,
    closed_held,
    end_note_text,
    plan_view,
    shown_plan,
    this_week_text,
    where_text,
)
from companion.widgets.fidelity import TREND_WIDTH, trend_line
from companion.widgets.record_table import Column, Record, RecordTable

CELL_PADDING = 2
SCROLLBAR = 2
MIN_NAME_WIDTH = 10


@dataclass(frozen=True, slots=True)
class Target:
    child: Child
    view: PlanView


class SamenSpelOverviewScreen(CompanionScreen):
    CSS_PATH = "overview.tcss"
    AUTO_FOCUS = "#ss-overview"
    BINDINGS = [
        Binding("enter", "open_child", "samen_spel.key.open_child", show=False),
        Binding("n", "log", "samen_spel.key.log"),
        Binding("p", "page", "child_page.key.page"),
        Binding("a", "add_target", "samen_spel.key.add_target"),
        Binding("w", "why", "samen_spel.key.why"),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.targets: dict[str, Target] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="ss-overview-intro")
        yield RecordTable(id="ss-overview")
        yield Static(id="ss-overview-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def _read_targets(self) -> list[Target]:
        """Every child of the class with a plan this school year, with her plan under way
        (or her newest): due today first, then the most weeks behind, then by name."""
        store, today = self.companion.store, self.companion.today
        calendar = store.days_off.calendar()
        children = {child.id: child for child in store.children.all()}
        plans = self.write(lambda: store.samen_spel.plans_of_year()) or []
        by_child: dict[str, list[SamenSpelPlan]] = {}
        for plan in plans:
            if plan.child_id in children:
                by_child.setdefault(plan.child_id, []).append(plan)
        held = self.write(lambda: store.samen_spel.sessions.of_year(store.current_year)) or []
        targets = []
        for child_id, child_plans in by_child.items():
            shown = shown_plan(child_plans, calendar, today)
            if shown is not None:
                sessions = [s for s in held if s.plan_id == shown.id]
                targets.append(
                    Target(children[child_id], plan_view(shown, sessions, calendar, today))
                )
        return sorted(
            targets,
            key=lambda target: (
                not target.view.open,
                not target.view.progress.due_today,
                -target.view.progress.weeks_behind,
                sort_key_first_name(target.child),
            ),
        )

    def refresh_data(self, select: str | None = None) -> None:
        targets = self._read_targets()
        self.targets = {target.child.id: target for target in targets}
        intro = self.query_one("#ss-overview-intro", Static)
        table = self.query_one(RecordTable)
        table.display = bool(targets)
        if not targets:
            intro.update(t("samen_spel.overview.empty"))
            self.query_one("#ss-overview-detail", Static).update("")
            self.refresh_bindings()
            return
        shown = self.companion.names
        due = [shown.first(target.child) for target in targets if target.view.progress.due_today]
        intro.update(
            Content.assemble(
                t("samen_spel.overview.intro", count=len(targets)),
                *(
                    ("  ", (t("samen_spel.overview.due_names", names=", ".join(due)), "bold"))
                    if due
                    else ()
                ),
            )
        )
        columns = self._columns()
        names = shown.short(target.child for target in targets)
        name_width = columns[0].width or MIN_NAME_WIDTH
        table.replace(
            (self._record(target, names[target.child.id], name_width) for target in targets),
            columns=columns,
            select=select,
        )
        self._show_detail()
        self.refresh_bindings()

    def _columns(self) -> list[Column]:
        def width(key: str, *texts: str) -> int:
            return max(len(t(f"samen_spel.overview.col_{key}")), *(len(text) for text in texts))

        fixed = [
            Column(
                t("samen_spel.overview.col_plan"),
                "plan",
                width(
                    "plan",
                    "12/12",
                    t("samen_spel.overview.starts_cell", day="30/11"),
                    t("samen_spel.overview.over_cell"),
                    t("samen_spel.overview.closed_cell"),
                ),
            ),
            Column(t("samen_spel.overview.col_week"), "week", width("week", "2/2")),
            Column(
                t("samen_spel.overview.col_today"),
                "today",
                width("today", t("samen_spel.overview.due_cell")),
            ),
            Column(
                t("samen_spel.overview.col_behind"),
                "behind",
                width("behind", t("samen_spel.progress.behind_short", count=12)),
            ),
            Column(
                t("samen_spel.overview.col_fidelity"),
                "fidelity",
                width("fidelity", "x" * TREND_WIDTH),
            ),
        ]
        used = sum((column.width or 0) + CELL_PADDING for column in fixed)
        name = max(MIN_NAME_WIDTH, self.app.size.width - used - CELL_PADDING - SCROLLBAR)
        return [Column(t("samen_spel.overview.col_child"), "child", name), *fixed]

    def _record(self, target: Target, name: str, width: int) -> Record:
        view = target.view
        state = view.progress
        if view.plan.ended_on is not None:
            where = t("samen_spel.overview.closed_cell")
        elif state.not_started or view.before_first_day:
            first = view.first_day or view.plan.start
            where = t("samen_spel.overview.starts_cell", day=first.strftime("%d/%m"))
        elif state.finished:
            where = t("samen_spel.overview.over_cell")
        else:
            where = f"{state.weeks_reached}/{len(view.weeks)}"
        week = (
            f"{state.current.done}/{state.current.week.planned}"
            if state.current is not None and view.open and not state.finished
            else "–"
        )
        label = Text(name)
        label.truncate(width, overflow="ellipsis")
        return Record(
            target.child.id,
            (
                label,
                where,
                week,
                Text(t("samen_spel.overview.due_cell"), style="bold") if state.due_today else "",
                # A closed plan is behind on nothing now (its detail tells how it went).
                Text(behind_short(state), style="bold" if state.weeks_behind else "")
                if view.open
                else "–",
                trend_line(fidelity_trend(view.sessions)),
            ),
        )

    def _highlighted(self) -> Target | None:
        key = self.query_one(RecordTable).selected_key
        return self.targets.get(key) if key else None

    def _show_detail(self) -> None:
        """The highlighted child's plan in words: the weeks behind, each named."""
        detail = self.query_one("#ss-overview-detail", Static)
        target = self._highlighted()
        if target is None:
            detail.update("")
            return
        view = target.view
        parts: list[Content | str | tuple[str, str]] = [
            (self.companion.names.first(target.child), "bold"),
            ": ",
            view.plan.goal,
            "\n",
            where_text(view),
        ]
        week = this_week_text(view)
        if week:
            parts += [" · ", week]
        if view.progress.due_today:
            parts += [" · ", (t("samen_spel.progress.due_today"), "bold $text-warning")]
        if not view.open:
            parts += [" · ", closed_held(view)]
            if view.progress.weeks_behind:
                count = view.progress.weeks_behind
                parts += [" · ", t("samen_spel.child.closed_short_weeks", count=count)]
            if view.plan.end_note:
                parts += ["\n", end_note_text(view.plan)]
            parts += ["\n", (t("samen_spel.overview.closed_hint"), "italic")]
            detail.update(Content.assemble(*parts))
            return
        behind = behind_text(view.progress)
        if behind:
            parts += ["\n", (behind, "bold $text-warning")]
        detail.update(Content.assemble(*parts))

    @on(DataTable.RowHighlighted, "#ss-overview")
    def _child_highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_child", "log"):
            if not self.targets:
                return False  # nobody to open or log for: not offered at all
            target = self._highlighted()
            if target is None:
                return None
            if action == "log" and not target.view.open:
                return False  # closed out: no session to log (the detail says how on)
        return True

    @on(RecordTable.Chosen, "#ss-overview")
    def _chosen(self) -> None:
        self.action_open_child()

    def action_open_child(self) -> None:
        from companion.screens.samen_spel.child import SamenSpelChildScreen

        target = self._highlighted()
        if target is not None:
            self.app.push_screen(SamenSpelChildScreen(target.child.id))

    def action_page(self) -> None:
        """The highlighted child's page: everything about her in one place."""
        from companion.screens.child_page import show_page

        target = self._highlighted()
        show_page(self.app, target.child.id if target is not None else None)

    def action_log(self) -> None:
        from companion.screens.samen_spel.session_form import SessionFormDialog

        target = self._highlighted()
        if target is None or not target.view.open:
            return
        child_id = target.child.id

        def logged(session: SamenSpelSession | None) -> None:
            if session is not None:
                self._wrote()
                self.refresh_data(select=child_id)
                self.notify(
                    t("samen_spel.overview.logged", name=self.companion.names.first(target.child))
                )

        self.app.push_screen(SessionFormDialog(target.view.plan), logged)

    def action_add_target(self) -> None:
        """Pick a child without a plan under way, then plan Samen-Spel with her."""
        from companion.screens.samen_spel.pick import ChildPickerDialog
        from companion.screens.samen_spel.plan_form import PlanFormDialog

        running = {
            child_id
            for child_id, target in self.targets.items()
            if target.view.open and not target.view.progress.finished
        }
        offered = [
            child for child in self.companion.store.children.all() if child.id not in running
        ]

        def planned(plan: SamenSpelPlan | None) -> None:
            if plan is not None:
                self._wrote()
                self.refresh_data(select=plan.child_id)
                child = self.companion.store.children.get(plan.child_id)
                self.notify(
                    t(
                        "samen_spel.child.planned",
                        name=self.companion.names.first(child) if child else "",
                    )
                )

        def picked(child_id: str | None) -> None:
            if child_id is not None:
                self.app.push_screen(PlanFormDialog(child_id), planned)

        self.app.push_screen(ChildPickerDialog(offered, t("samen_spel.pick.title")), picked)

    def action_why(self) -> None:
        from companion.screens.samen_spel.why import WhyDialog

        self.app.push_screen(WhyDialog())
