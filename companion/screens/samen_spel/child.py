"""One child's Samen-Spel: what it is and `n` to plan it; with a plan, its goal and weeks,
this week planned vs done, the weeks behind said plainly, the sessions, the fidelity trend
and the sessions held on hard and easy days; her earlier plans below."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from companion.domain.calendar import school_year_label, school_year_of
from companion.domain.samen_spel import (
    SamenSpelInputError,
    SamenSpelPlan,
    SamenSpelSession,
    fidelity_trend,
    sessions_by_day_in_class,
)
from companion.domain.vocabulary import DONT_SKILLS, PLAY_COMPONENTS, WEEKDAYS
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen, done
from companion.screens.samen_spel.texts import (
    PlanView,
    behind_text,
    closed_held,
    components_abbr,
    components_text,
    dated,
    do_count,
    end_note_text,
    error_text,
    holidays_unknown,
    read_plan_view,
    shown_plan,
    this_week_text,
    where_text,
)
from companion.widgets.fidelity import FidelityChart
from companion.widgets.record_table import Column, Record, RecordTable

R = TypeVar("R")
Parts = list[Content | str | tuple[str, str]]
CELL_PADDING = 2
SCROLLBAR = 2
MIN_NOTE_WIDTH = 8
MAX_HISTORY = 3
WARN = "bold $text-warning"


def plan_panel_text(view: PlanView) -> Content:
    """The plan in a few lines: goal, where it stands, its rhythm, what is played now,
    this week, and the weeks behind (a missed week is never silent); a plan closed out
    says so: when, early or not, what was held and how it went."""
    plan, state = view.plan, view.progress
    parts: Parts = [(t("samen_spel.child.goal"), "bold"), " ", plan.goal, "\n"]
    parts += [t("samen_spel.child.from", day=dated(plan.start)), " · ", where_text(view), "\n"]
    if plan.ended_on is not None:  # its rhythm is history: what was held says more
        return Content.assemble(*parts, *closed_text(view))
    days = ", ".join(t(f"samen_spel.weekday.{day}") for day in WEEKDAYS if day in plan.weekdays)
    rhythm = t("samen_spel.child.rhythm", per_week=plan.per_week, minutes=plan.minutes)
    parts += [
        rhythm,
        f" · {days}" if days else "",
        f" · {plan.moment}" if plan.moment else "",
        "\n",
    ]
    parts += [(t("samen_spel.child.now"), "bold"), " ", components_text(view.components_now)]
    if "rule_play" in view.components_now:
        parts += [" ", t("samen_spel.child.rule_since", week=plan.rule_play_week)]
    else:
        parts += [" · ", t("samen_spel.child.rule_from", week=plan.rule_play_week)]
    week = this_week_text(view)
    if week:
        parts += ["\n", (week, "bold")]
        if state.due_today:
            parts += [" · ", (t("samen_spel.progress.due_today"), WARN)]
    behind = behind_text(state)
    if behind:
        parts += ["\n", (behind, WARN)]
    elif not state.not_started and not view.before_first_day:
        parts += ["\n", t("samen_spel.child.on_track")]
    if state.finished:
        parts += ["\n", (t("samen_spel.child.over_hint"), "italic")]
    if not view.sessions:
        parts += ["\n", (t("samen_spel.child.no_sessions"), "italic")]
    return Content.assemble(*parts)


def closed_text(view: PlanView) -> Parts:
    """A closed plan: the sessions held of those planned, the weeks with too few, how it
    went (or why it ended early), and the keys: a new plan, or reopen this one."""
    plan, state = view.plan, view.progress
    parts: Parts = [(closed_held(view), "bold")]
    if state.weeks_behind:
        parts += [" · ", t("samen_spel.child.closed_short_weeks", count=state.weeks_behind)]
    if plan.end_note:
        parts += ["\n", end_note_text(plan)]
    parts += ["\n", (t("samen_spel.child.closed_hint"), "italic")]
    return parts


def days_text(sessions: tuple[SamenSpelSession, ...]) -> Content:
    """The sessions on hard, ordinary and easy days, and the deck's point."""
    counts = sessions_by_day_in_class(sessions)
    return Content.assemble(
        (
            t(
                "samen_spel.child.days_counts",
                hard=counts["hard"],
                ordinary=counts["ordinary"],
                easy=counts["easy"],
                unsaid=counts[None],
            ),
            "bold",
        ),
        "\n",
        (t("samen_spel.child.days_point"), "italic"),
    )


def history_line(year: int, view: PlanView) -> str:
    plan, state = view.plan, view.progress
    if plan.ended_on is None and not state.finished:
        ending = where_text(view)
    elif plan.ended_on is None:
        ending = t("samen_spel.child.not_closed")
    else:
        ending = where_text(view) + (f": {plan.end_note}" if plan.end_note else "")
    return t(
        "samen_spel.child.history_line",
        year=school_year_label(year),
        start=dated(plan.start),
        done=state.sessions_done,
        planned=state.planned_total,
        ending=ending,
    )


class SamenSpelChildScreen(CompanionScreen):
    CSS_PATH = "child.tcss"
    AUTO_FOCUS = "#ss-sessions"
    BINDINGS = [
        # One key, two meanings: log a session while a plan runs, else plan a new one.
        Binding("n", "log", "samen_spel.key.log"),
        Binding("n", "plan", "samen_spel.key.plan"),
        Binding("e", "edit_plan", "samen_spel.key.edit_plan"),
        # c closes a plan out; on a plan closed by mistake, it opens it again.
        Binding("c", "close_out", "samen_spel.key.close_out"),
        Binding("c", "reopen", "samen_spel.key.reopen"),
        # Enter on a session is how a table is opened anyway: not in the footer.
        Binding("enter", "edit_session", "samen_spel.key.edit_session", show=False),
        Binding("x", "delete_session", "samen_spel.key.delete_session"),
        Binding("w", "why", "samen_spel.key.why"),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self, child_id: str) -> None:
        super().__init__()
        self.child_id = child_id
        self.view: PlanView | None = None
        # Her plans of the closed years: read once, and again after a change elsewhere.
        self._earlier: list[tuple[int, PlanView]] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="ss-title")
        yield Static(t("samen_spel.holidays_unknown"), id="ss-holidays")
        with Horizontal(id="ss-top"):
            with Vertical(id="ss-plan-panel", classes="panel"):
                yield Static(id="ss-plan")
            with Vertical(id="ss-fidelity-panel", classes="panel"):
                yield FidelityChart(id="ss-fidelity")
                yield Static(id="ss-days")
        yield Static(id="ss-intro")
        yield RecordTable(id="ss-sessions")
        yield Static(id="ss-history")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#ss-plan-panel").border_title = t("samen_spel.child.plan_panel")
        self.query_one("#ss-fidelity-panel").border_title = t("samen_spel.child.fidelity_panel")
        self.refresh_data()

    # -- reading ------------------------------------------------------------------------

    def _read(self, read: Callable[[], R]) -> R | None:
        """A read that may open an archive (a damaged one becomes a message)."""
        return self.write(read)

    def refresh_data(self, select: str | None = None) -> None:
        store, today = self.companion.store, self.companion.today
        child = store.children.get(self.child_id)
        if child is None:
            return
        plans = self._read(lambda: store.samen_spel.plans_of(self.child_id)) or []
        plan = shown_plan(plans, store.days_off.calendar(), today)
        self.view = self._read(lambda: read_plan_view(store, plan, today)) if plan else None
        title_key = "samen_spel.child.title" if self.view else "samen_spel.child.no_plan_title"
        self.query_one("#ss-title", Static).update(
            Content.assemble((t(title_key, name=self.companion.names.full(child)), "bold"))
        )
        self.query_one("#ss-holidays").display = holidays_unknown(store)
        self.query_one("#ss-top").display = self.view is not None
        self.query_one(RecordTable).display = self.view is not None
        intro = self.query_one("#ss-intro", Static)
        intro.display = self.view is None
        if self.view is None:
            intro.update(self._intro(self.companion.names.first(child)))
        else:
            self._show_plan(self.view, select)
        self._show_history(plans, plan)
        self.refresh_bindings()

    def _intro(self, name: str) -> Content:
        parts: Parts = [t("samen_spel.child.intro"), "\n"]
        for component in PLAY_COMPONENTS:
            parts += [
                "\n",
                (t(f"samen_spel.component.{component}"), "bold"),
                "\n",
                t(f"samen_spel.component_says.{component}"),
                "\n",
            ]
        parts += ["\n", (t("samen_spel.child.intro_keys", name=name), "bold")]
        return Content.assemble(*parts)

    def _show_plan(self, view: PlanView, select: str | None) -> None:
        self.query_one("#ss-plan", Static).update(plan_panel_text(view))
        self.query_one(FidelityChart).show(fidelity_trend(view.sessions))
        self.query_one("#ss-days", Static).update(days_text(view.sessions))
        columns = self._columns()
        note_width = columns[-1].width or MIN_NOTE_WIDTH
        self.query_one(RecordTable).replace(
            (self._record(session, note_width) for session in reversed(view.sessions)),
            columns=columns,
            select=select,
        )

    def _columns(self) -> list[Column]:
        def width(key: str, *texts: str) -> int:
            return max(len(t(f"samen_spel.col.{key}")), *(len(text) for text in texts))

        fixed = [
            Column(t("samen_spel.col.day"), "day", width("day", "We 25/11")),
            Column(t("samen_spel.col.minutes"), "minutes", width("minutes", "120")),
            Column(
                t("samen_spel.col.played"),
                "played",
                width("played", components_abbr(PLAY_COMPONENTS)),
            ),
            Column(t("samen_spel.col.do"), "do", width("do", "5/5")),
            Column(
                t("samen_spel.col.dont"),
                "dont",
                width("dont", ", ".join(t(f"samen_spel.dont_short.{s}") for s in DONT_SKILLS)),
            ),
            Column(
                t("samen_spel.col.in_class"),
                "in_class",
                width(
                    "in_class",
                    *(
                        t(f"samen_spel.day_in_class_short.{d}")
                        for d in ("easy", "ordinary", "hard")
                    ),
                ),
            ),
        ]
        used = sum((column.width or 0) + CELL_PADDING for column in fixed)
        note = max(MIN_NOTE_WIDTH, self.app.size.width - used - CELL_PADDING - SCROLLBAR)
        return [*fixed, Column(t("samen_spel.col.note"), "note", note)]

    def _record(self, session: SamenSpelSession, note_width: int) -> Record:
        donts = ", ".join(
            t(f"samen_spel.dont_short.{skill}")
            for skill in DONT_SKILLS
            if skill in session.dont_skills
        )
        note = Text(" ".join(session.note.split()))
        note.truncate(note_width, overflow="ellipsis")
        day = session.day_in_class
        return Record(
            session.id,
            (
                short_date(session.day),
                Text(str(session.minutes), justify="right"),
                components_abbr(session.components),
                do_count(session),
                Text(donts or "–", style="bold" if donts else ""),
                t(f"samen_spel.day_in_class_short.{day}") if day else "–",
                note,
            ),
        )

    def _show_history(self, plans: list[SamenSpelPlan], shown: SamenSpelPlan | None) -> None:
        """Her other plans, newest first: this school year's, then the closed years'."""
        store, today = self.companion.store, self.companion.today
        views: list[tuple[int, PlanView]] = []
        for plan in reversed(plans):
            if plan is not shown:
                view = self._read(partial(read_plan_view, store, plan, today))
                if view is not None:
                    views.append((store.current_year, view))
        views += self._earlier_plans()
        history = self.query_one("#ss-history", Static)
        history.display = bool(views)
        if not views:
            return
        lines: Parts = [(t("samen_spel.child.history_title"), "bold")]
        for year, view in views[:MAX_HISTORY]:
            lines += ["\n", "• ", history_line(year, view)]
        if len(views) > MAX_HISTORY:
            lines += ["\n", t("samen_spel.child.more_history", count=len(views) - MAX_HISTORY)]
        history.update(Content.assemble(*lines))

    def on_screen_resume(self) -> None:
        # Changed while another screen was on top (a year closed, say): her earlier
        # plans are read again with the rest (CompanionScreen's resume refreshes).
        if self._seen_revision is not None and self._seen_revision != self.companion.store.revision:
            self._earlier = None

    def _earlier_plans(self) -> list[tuple[int, PlanView]]:
        """Her plans of the school years before this one, newest first: only the years
        since she joined the class (a kindergarten child's few), each read once."""
        if self._earlier is not None:
            return self._earlier
        store = self.companion.store
        child = store.children.get(self.child_id)
        if child is None:
            return []
        joined = school_year_of(child.added_on)
        found: list[tuple[int, PlanView]] = []
        for year in store.school_years.all():  # newest first
            if joined <= year < store.current_year:
                views = self._read(partial(self._plans_of_year, year))
                found += [(year, view) for view in views or []]
        self._earlier = found
        return found

    def _plans_of_year(self, year: int) -> list[PlanView]:
        store, today = self.companion.store, self.companion.today
        plans = store.samen_spel.plans_of(self.child_id, year)
        return [read_plan_view(store, plan, today) for plan in reversed(plans)]

    # -- acting -------------------------------------------------------------------------

    def _open_plan(self) -> SamenSpelPlan | None:
        """The plan sessions are logged in: shown and not closed out."""
        return self.view.plan if self.view and self.view.open else None

    def _selected(self) -> SamenSpelSession | None:
        key = self.query_one(RecordTable).selected_key
        if self.view is None or key is None:
            return None
        return next((s for s in self.view.sessions if s.id == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "log":
            return self._open_plan() is not None
        if action == "plan":
            return self._open_plan() is None
        if action == "edit_plan":
            return self.view is not None
        if action == "close_out":
            return self._open_plan() is not None
        if action == "reopen":
            return self.view is not None and not self.view.open
        if action in ("edit_session", "delete_session"):
            if self.view is None:
                return False
            return True if self._selected() is not None else None
        return True

    @on(DataTable.RowHighlighted, "#ss-sessions")
    def _session_highlighted(self) -> None:
        self.refresh_bindings()

    def _shown_again(self, select: str | None = None) -> None:
        """After a dialog wrote: show it once (a resume does not read it all again)."""
        self._wrote()
        self.refresh_data(select=select)

    def action_plan(self) -> None:
        from companion.screens.samen_spel.plan_form import PlanFormDialog

        def planned(plan: SamenSpelPlan | None) -> None:
            if plan is not None:
                self._shown_again()
                child = self.companion.store.children.get(self.child_id)
                name = self.companion.names.first(child) if child else ""
                self.notify(t("samen_spel.child.planned", name=name))

        self.app.push_screen(PlanFormDialog(self.child_id), planned)

    def action_edit_plan(self) -> None:
        from companion.screens.samen_spel.plan_form import PlanFormDialog

        if self.view is None:
            return

        def edited(plan: SamenSpelPlan | None) -> None:
            if plan is not None:
                self._shown_again()

        self.app.push_screen(PlanFormDialog(self.child_id, self.view.plan), edited)

    def action_close_out(self) -> None:
        from companion.screens.samen_spel.close_out import CloseOutDialog

        if self.view is None or not self.view.open:
            return

        def closed(plan: SamenSpelPlan | None) -> None:
            if plan is not None:
                self._shown_again()
                self.notify(t("samen_spel.child.closed"))

        self.app.push_screen(CloseOutDialog(self.view), closed)

    def action_reopen(self) -> None:
        """A plan closed out by mistake, open again after asking; refused while another
        plan of hers is under way (one plan at a time)."""
        from companion.screens.confirm import ConfirmDialog

        view = self.view
        child = self.companion.store.children.get(self.child_id)
        if view is None or view.open or child is None:
            return
        plan = view.plan

        def answered(yes: bool | None) -> None:
            store = self.companion.store
            if not yes:
                return
            running = store.samen_spel.active_plan(self.child_id)
            if running is not None and running.id != plan.id:
                self.notify(
                    t("samen_spel.reopen.other_running", day=dated(running.start)),
                    severity="warning",
                )
                return
            try:
                reopened = self.write(lambda: store.samen_spel.update_plan(plan.reopened()))
            except SamenSpelInputError as error:
                self.notify(error_text(error.reason, error.params), severity="warning")
                return
            if reopened is not None:
                self.refresh_data()
                self.notify(t("samen_spel.reopen.done"))

        self.app.push_screen(
            ConfirmDialog(
                t("samen_spel.reopen.title"),
                t(
                    "samen_spel.reopen.question",
                    name=self.companion.names.first(child),
                    where=where_text(view),
                ),
                t("samen_spel.reopen.confirm"),
            ),
            answered,
        )

    def action_log(self) -> None:
        from companion.screens.samen_spel.session_form import SessionFormDialog

        plan = self._open_plan()
        if plan is None:
            return

        def logged(session: SamenSpelSession | None) -> None:
            if session is not None:
                self._shown_again(select=session.id)
                self.notify(t("samen_spel.child.logged", day=dated(session.day)))

        self.app.push_screen(SessionFormDialog(plan), logged)

    @on(RecordTable.Chosen, "#ss-sessions")
    def _session_chosen(self) -> None:
        # The table takes enter for itself: the screen's binding never sees it.
        self.action_edit_session()

    def action_edit_session(self) -> None:
        from companion.screens.samen_spel.session_form import SessionFormDialog

        session = self._selected()
        if session is None or self.view is None:
            return

        def edited(saved: SamenSpelSession | None) -> None:
            if saved is not None:
                self._shown_again(select=saved.id)

        self.app.push_screen(SessionFormDialog(self.view.plan, session), edited)

    def action_delete_session(self) -> None:
        from companion.screens.confirm import ConfirmDialog

        session = self._selected()
        child = self.companion.store.children.get(self.child_id)
        if session is None or child is None:
            return

        def answered(yes: bool | None) -> None:
            store = self.companion.store
            if yes and self.write(done(lambda: store.samen_spel.delete_session(session))):
                self.refresh_data()
                self.notify(t("samen_spel.child.deleted", day=dated(session.day)))

        self.app.push_screen(
            ConfirmDialog(
                t("samen_spel.delete.title"),
                t(
                    "samen_spel.delete.question",
                    day=dated(session.day),
                    name=self.companion.names.first(child),
                ),
                t("samen_spel.delete.confirm"),
            ),
            answered,
        )

    def action_why(self) -> None:
        from companion.screens.samen_spel.why import WhyDialog

        self.app.push_screen(WhyDialog())
