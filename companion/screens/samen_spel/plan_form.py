"""A Samen-Spel plan for one child (which makes her a target child): the goal in positive
words, the start, the school weeks, sessions a week, minutes, the days and moment she
intends, and the week from which Regel-Spel is added. The dialog writes the plan and
answers it; every field that does not fit gets its message beside it, naming the field,
all at once, and nothing is saved. No field cuts what she types or pastes: a text too long
is said with its length."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from companion.domain.samen_spel import (
    DEFAULT_MINUTES,
    DEFAULT_PER_WEEK,
    DEFAULT_WEEKDAYS,
    DEFAULT_WEEKS,
    SamenSpelInputError,
    SamenSpelPlan,
    halfway,
    plan_problems,
)
from companion.domain.vocabulary import PLAY_COMPONENTS, WEEKDAYS
from companion.i18n import t
from companion.screens.base import AsksBeforeDropping
from companion.screens.form_rows import (
    date_input,
    date_problem,
    field_errors,
    field_row,
    say_beside,
)
from companion.screens.samen_spel.texts import error_text, holidays_unknown
from companion.screens.samen_spel.toggles import TickBox

FIELDS = ("goal", "start", "weeks", "per_week", "minutes", "weekdays", "moment", "rule_play_week")
NUMBERS = ("weeks", "per_week", "minutes", "rule_play_week")


def number_of(text: str) -> int | None:
    cleaned = text.strip()
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() else None


def components_said() -> Content:
    """Each component in one sentence, with the deck's terms."""
    parts: list[Content | str | tuple[str, str]] = []
    for component in PLAY_COMPONENTS:
        if parts:
            parts.append("\n")
        parts += [
            (t(f"samen_spel.component_short.{component}"), "bold"),
            ": ",
            t(f"samen_spel.component_says.{component}"),
        ]
    return Content.assemble(*parts)


class PlanFormDialog(AsksBeforeDropping[SamenSpelPlan | None]):
    """Answers the saved plan (new, or `plan` changed), or None when cancelled."""

    CSS_PATH = "plan_form.tcss"
    AUTO_FOCUS = "#goal"

    def __init__(self, child_id: str, plan: SamenSpelPlan | None = None) -> None:
        super().__init__()
        self.child_id = child_id
        self.plan = plan
        # A new plan adds Regel-Spel halfway, following the weeks until she picks a week.
        self._rule_week_chosen = plan is not None
        self._reasons: dict[str, str] = {}  # field -> the reason of its message

    def _row(self, field: str, *widgets: Widget) -> ComposeResult:
        yield from field_row(t(f"samen_spel.plan.{field}"), field, *widgets, row_id=f"{field}-row")

    def _number(self, field: str, value: int) -> Input:
        return Input(str(value), id=field, type="integer", compact=True)

    def compose(self) -> ComposeResult:
        plan = self.plan
        today = self.companion.today
        weeks = plan.weeks if plan else DEFAULT_WEEKS
        weekdays = plan.weekdays if plan else DEFAULT_WEEKDAYS
        with VerticalScroll(id="plan-box"):
            if holidays_unknown(self.companion.store):
                yield Static(t("samen_spel.holidays_unknown"), id="plan-holidays")
            yield from self._row(
                "goal",
                Input(
                    plan.goal if plan else "",
                    id="goal",
                    placeholder=t("samen_spel.plan.goal_placeholder"),
                    compact=True,
                ),
            )
            yield from self._row("start", date_input("start", plan.start if plan else today))
            with Horizontal(classes="form-row", id="numbers-row"):
                yield Label(t("samen_spel.plan.weeks"), classes="field-label")
                yield self._number("weeks", weeks)
                yield Label(t("samen_spel.plan.per_week"), classes="inline-label")
                yield self._number("per_week", plan.per_week if plan else DEFAULT_PER_WEEK)
                yield Label(t("samen_spel.plan.minutes"), classes="inline-label")
                yield self._number("minutes", plan.minutes if plan else DEFAULT_MINUTES)
            yield from field_errors("weeks", "per_week", "minutes")
            yield from self._row(
                "weekdays",
                *(
                    TickBox(t(f"samen_spel.weekday.{day}"), day in weekdays, id=f"day-{day}")
                    for day in WEEKDAYS
                ),
            )
            yield from self._row(
                "moment",
                Input(
                    plan.moment if plan else "",
                    id="moment",
                    placeholder=t("samen_spel.plan.moment_placeholder"),
                    compact=True,
                ),
            )
            yield from self._row(
                "rule_play_week",
                self._number("rule_play_week", plan.rule_play_week if plan else halfway(weeks)),
                Label(t("samen_spel.plan.rule_play_hint"), classes="inline-label hint"),
            )
            yield Static(components_said(), id="plan-components")
            yield Static(classes="field-error", id="plan-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("common.save"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        child = self.companion.store.children.get(self.child_id)
        name = self.companion.names.first(child) if child else ""
        key = "samen_spel.plan.title_edit" if self.plan else "samen_spel.plan.title_new"
        self.query_one("#plan-box").border_title = t(key, name=name)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # An old complaint must not linger while she is fixing it.
        field = event.input.id or ""
        if field in FIELDS:
            self._complain(field, "")
        if field == "rule_play_week":
            # Typed by her (an Input also says its first value when it is mounted).
            self._rule_week_chosen = self._rule_week_chosen or event.input.has_focus
        elif field == "weeks" and not self._rule_week_chosen:
            weeks = number_of(event.value)
            if weeks:
                rule_week = self.query_one("#rule_play_week", Input)
                with rule_week.prevent(Input.Changed):
                    rule_week.value = str(halfway(weeks))

    @on(Checkbox.Changed)
    def _day_ticked(self) -> None:
        # More days ticked may be what the sessions a week asked for.
        if self._reasons.get("per_week") == "more_than_days":
            self._complain("per_week", "")

    def _complain(self, field: str, message: str, reason: str = "") -> None:
        """The message under its field, naming it (three numbers share a row)."""
        if message and field in FIELDS:
            message = t(
                "samen_spel.plan.field_error", field=t(f"samen_spel.plan.{field}"), message=message
            )
        say_beside(self, field, message, fallback="plan-error")
        self._reasons[field] = reason

    def _focus(self, field: str) -> None:
        target = next(iter(self.query(f"#{field}")), None)
        if target is None and field == "weekdays":
            target = self.query_one(f"#day-{WEEKDAYS[0]}")
        if target is not None:
            target.focus()

    def _read(self) -> tuple[SamenSpelPlan, dict[str, tuple[str, str]]]:
        """The plan as the fields say it, and every field's problem (message, reason):
        what cannot be read (a date, a number), then what the plan's rules refuse."""
        problems: dict[str, tuple[str, str]] = {}
        start, problem = date_problem(self.query_one("#start", Input).value)
        if start is None:
            problems["start"] = (problem, "date")
        numbers: dict[str, int] = {}
        for field in NUMBERS:
            number = number_of(self.query_one(f"#{field}", Input).value)
            if number is None:
                problems[field] = (t("samen_spel.error.not_a_number"), "not_a_number")
            else:
                numbers[field] = number
        base = self.plan or SamenSpelPlan("", self.child_id, "", self.companion.today)
        plan = SamenSpelPlan(
            id=base.id,
            child_id=self.child_id,
            goal=self.query_one("#goal", Input).value,
            start=start or base.start,
            # A number that cannot be read is said as such; the others are checked as typed.
            weeks=numbers.get("weeks", DEFAULT_WEEKS),
            per_week=numbers.get("per_week", 1),
            minutes=numbers.get("minutes", DEFAULT_MINUTES),
            weekdays=tuple(day for day in WEEKDAYS if self.query_one(f"#day-{day}", TickBox).value),
            moment=self.query_one("#moment", Input).value,
            rule_play_week=numbers.get("rule_play_week", 1),
            ended_on=base.ended_on,
            ended_early=base.ended_early,
            end_note=base.end_note,
        )
        for error in plan_problems(plan):
            if error.field == "rule_play_week" and "weeks" in problems:
                continue  # against weeks she has still to write
            problems.setdefault(error.field, (error_text(error.reason, error.params), error.reason))
        return plan, problems

    def action_save(self) -> None:
        for field in (*FIELDS, "plan"):
            self._complain(field, "")
        plan, problems = self._read()
        if problems:
            for field, (message, reason) in problems.items():
                self._complain(field, message, reason)
            self._focus(next(field for field in (*FIELDS, *problems) if field in problems))
            return
        plans = self.companion.store.samen_spel
        try:
            saved = self.write(
                lambda: plans.update_plan(plan) if self.plan else plans.add_plan(plan)
            )
        except SamenSpelInputError as error:
            self._complain(error.field, error_text(error.reason, error.params), error.reason)
            self._focus(error.field)
            return
        if saved is not None:
            self.dismiss(saved)
