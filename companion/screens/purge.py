"""Erase all data of one child (the right to erasure): what will go, the entries that name
her with a choice for each, the backups, and her first name typed to confirm; then done
in a worker, and what went said."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from companion.domain.children import Child, collation_key
from companion.i18n import t
from companion.screens.base import CompanionScreen
from companion.store import DataFileError, Store
from companion.store.purge import (
    Choice,
    PurgePlan,
    PurgeResult,
    apply_purge,
    mention_line,
    plan_lines,
    plan_purge,
    result_lines,
)

PLAN = "purge-plan"
APPLY = "purge-apply"


def next_choice(choice: Choice, deletable: bool) -> Choice:
    """Enter on an entry: remove her name -> delete the entry -> keep it -> ..."""
    cycle: tuple[Choice, ...] = ("remove", "delete", "keep") if deletable else ("remove", "keep")
    return cycle[(cycle.index(choice) + 1) % len(cycle)] if choice in cycle else cycle[0]


class PurgeScreen(CompanionScreen):
    CSS_PATH = "purge.tcss"
    AUTO_FOCUS = "#purge-name"
    BINDINGS = [("f1", "app.help", "keys.help")]

    def __init__(self, child: Child) -> None:
        super().__init__()
        self.child = child
        self.plan: PurgePlan | None = None
        self.choices: dict[tuple[str, str], Choice] = {}

    def compose(self) -> ComposeResult:
        name = self.companion.names.full(self.child)
        yield Header()
        with VerticalScroll(id="purge-body"):
            yield Static(t("purge.intro", name=name), id="purge-intro")
            yield Static(t("purge.working", name=name), id="purge-what")
            yield OptionList(id="purge-mentions")
            yield Static(id="purge-backups-note")
            yield Checkbox(t("purge.with_backups"), id="purge-backups")
            yield Static(t("purge.elsewhere"), id="purge-elsewhere")
            first = self.companion.names.first(self.child)
            yield Static(t("purge.type_name", name=first), id="purge-type")
            yield Input(placeholder=t("purge.type_name_placeholder"), id="purge-name")
            with Horizontal(id="purge-buttons"):
                yield Button(t("purge.cancel"), id="purge-cancel")
                yield Button(t("purge.erase"), variant="error", id="purge-erase", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("purge.title", name=self.companion.names.full(self.child))
        self.query_one("#purge-mentions").display = False
        self.query_one("#purge-backups").display = False
        self._plan(self.companion.store, self.child.id)

    # -- the plan -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group=PLAN, exit_on_error=False)
    def _plan(self, store: Store, child_id: str) -> PurgePlan:
        return plan_purge(store, child_id)

    @work(thread=True, exclusive=True, group=APPLY, exit_on_error=False)
    def _apply(
        self,
        store: Store,
        plan: PurgePlan,
        choices: dict[tuple[str, str], Choice],
        backups: bool,
    ) -> PurgeResult:
        return apply_purge(store, plan, choices, backups=backups)

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.ERROR:
            error = worker.error
            reason = error.message() if isinstance(error, DataFileError) else str(error)
            self.notify(t("purge.failed", reason=reason), severity="error", timeout=10)
            self.companion.show_write_refusal()
            self._set_busy(False)
            return
        if worker.group == PLAN and isinstance(worker.result, PurgePlan):
            self._show_plan(worker.result)
        elif worker.group == APPLY and isinstance(worker.result, PurgeResult) and self.plan:
            # An ABC change of hers kept for undo would bring a day of her back.
            undo = self.companion.abc_undo
            kept = [day for day in undo if day.child_id != self.child.id]
            undo.clear()
            undo.extend(kept)
            self.notify("\n".join(result_lines(self.plan, worker.result)), timeout=10)
            self.app.pop_screen()

    def _show_plan(self, plan: PurgePlan) -> None:
        self.plan = plan
        self.choices = dict(plan.suggested)
        lines = plan_lines(plan)
        what = [t("purge.will_go"), *lines] if lines else []
        if not lines and not plan.mentions:
            what = [t("purge.nothing_found", name=self.companion.names.full(self.child))]
        if plan.mentions:
            what.append(t("purge.mentions", count=len(plan.mentions)))
        self.query_one("#purge-what", Static).update("\n".join(what))
        mentions = self.query_one("#purge-mentions", OptionList)
        mentions.display = bool(plan.mentions)
        self._fill_mentions()
        backups = len(plan.backups) + len(plan.unreadable_backups)
        note = self.query_one("#purge-backups-note", Static)
        if backups:
            note.update(t("purge.backups_found", count=backups))
        note.display = bool(backups)
        self.query_one("#purge-backups").display = bool(backups)
        self._check_name()

    def _fill_mentions(self, highlighted: int | None = None) -> None:
        if self.plan is None:
            return
        mentions = self.query_one("#purge-mentions", OptionList)
        mentions.clear_options()
        mentions.add_options(
            Option(mention_line(m, self.choices[m.key]).strip(), id=str(index))
            for index, m in enumerate(self.plan.mentions)
        )
        if highlighted is not None:
            mentions.highlighted = highlighted

    @on(OptionList.OptionSelected, "#purge-mentions")
    def _change_choice(self, event: OptionList.OptionSelected) -> None:
        if self.plan is None:
            return
        mention = self.plan.mentions[event.option_index]
        self.choices[mention.key] = next_choice(self.choices[mention.key], mention.deletable)
        self._fill_mentions(event.option_index)

    # -- confirming -----------------------------------------------------------------------

    @on(Input.Changed, "#purge-name")
    def _check_name(self) -> None:
        typed = collation_key(self.query_one("#purge-name", Input).value).strip()
        wanted = collation_key(self.child.first_name).strip()
        self.query_one("#purge-erase", Button).disabled = self.plan is None or typed != wanted

    @on(Input.Submitted, "#purge-name")
    def _submitted(self) -> None:
        if not self.query_one("#purge-erase", Button).disabled:
            self._erase()

    @on(Button.Pressed, "#purge-erase")
    def _erase(self) -> None:
        if self.plan is None or self.query_one("#purge-erase", Button).disabled:
            return
        backups = self.query_one("#purge-backups", Checkbox).value
        self._set_busy(True)
        self.notify(t("purge.working", name=self.companion.names.full(self.child)))
        self._apply(self.companion.store, self.plan, dict(self.choices), backups)

    @on(Button.Pressed, "#purge-cancel")
    def _cancel(self) -> None:
        self.app.pop_screen()

    def _set_busy(self, busy: bool) -> None:
        for widget in ("#purge-erase", "#purge-cancel", "#purge-name", "#purge-backups"):
            self.query_one(widget).disabled = busy
