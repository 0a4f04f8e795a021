"""Logging one Samen-Spel session, right after it, by keyboard and in seconds: the date
and minutes are filled in, the components preset for that day; 1-5 tick the DO skills,
6-7 the DON'Ts that slipped in, 8 9 0 how the child was in class that day (kept apart,
optional); enter saves. The dialog writes the session and answers it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Final

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from companion.domain.samen_spel import (
    PlanWeek,
    SamenSpelInputError,
    SamenSpelPlan,
    SamenSpelSession,
    components_on,
    plan_weeks,
)
from companion.domain.vocabulary import (
    DAYS_IN_CLASS,
    DO_SKILLS,
    DONT_SKILLS,
    PLAY_COMPONENTS,
    DayInClass,
    DontSkill,
    DoSkill,
)
from companion.i18n import t
from companion.screens.base import AsksBeforeDropping
from companion.screens.digit_keys import DIGIT_KEYS
from companion.screens.form_rows import date_input, date_problem, field_row, say_beside
from companion.screens.samen_spel.plan_form import number_of
from companion.screens.samen_spel.texts import error_text, plan_calendar
from companion.screens.samen_spel.toggles import TickBox

FIELDS = ("day", "minutes", "components", "skills", "note")
DO_KEYS: Final = dict(zip(DO_SKILLS, "12345", strict=True))
DONT_KEYS: Final = dict(zip(DONT_SKILLS, "67", strict=True))
DAY_KEYS: Final = dict(zip(DAYS_IN_CLASS, "890", strict=True))
GAP: Final = 3  # between the columns when there is room
MIN_GAP: Final = 2
MIN_COLUMN: Final = 20  # narrower than this, the columns are stacked
INDENT: Final = len("1 [ ] ")  # a wrapped label goes on under its first word


def _box(on: bool, radio: bool = False) -> tuple[str, str]:
    if radio:
        return ("(•)" if on else "( )"), ("bold" if on else "")
    return ("[x]" if on else "[ ]"), ("bold" if on else "")


@dataclass(frozen=True, slots=True)
class BoardItem:
    """A line of the board: a heading (no choice), or a choice with its key."""

    text: Content
    choice: Callable[[], None] | None = None


@dataclass(frozen=True, slots=True)
class BoardLine:
    """A line as shown: its text and, per column, the choice a click there makes."""

    text: Content
    hits: tuple[tuple[int, int, Callable[[], None] | None], ...]  # (from x, to x, choice)


class SkillBoard(Widget, can_focus=True):
    """The skills and the day in class, each with its key: the screen's keys change it,
    a click too. It holds the focus at first, so the digits are keys, not text. Every
    choice is always shown whole: two columns where they fit, a long label wrapped
    under itself where they do not, one column below that."""

    DEFAULT_CSS = """
    SkillBoard { height: auto; padding: 0 1; border: round $primary 40%; }
    SkillBoard:focus { border: round $accent; }
    """

    def __init__(
        self,
        do: frozenset[DoSkill],
        dont: frozenset[DontSkill],
        day_in_class: DayInClass | None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.do = set(do)
        self.dont = set(dont)
        self.day_in_class = day_in_class
        self._lines: list[BoardLine] = []

    def toggle_do(self, skill: DoSkill) -> None:
        self.do ^= {skill}
        self.refresh(layout=True)

    def toggle_dont(self, skill: DontSkill) -> None:
        self.dont ^= {skill}
        self.refresh(layout=True)

    def choose_day(self, day: DayInClass) -> None:
        """Her day in class; the same key again takes it back (it is optional)."""
        self.day_in_class = None if self.day_in_class == day else day
        self.refresh(layout=True)

    def _item(
        self, key: str, on: bool, label: str, choice: Callable[[], None], *, radio: bool = False
    ) -> BoardItem:
        box, style = _box(on, radio)
        text = Content.assemble((key, "bold $text-accent"), " ", (box, style), " ", (label, style))
        return BoardItem(text, choice)

    def _columns(self) -> tuple[list[BoardItem], list[BoardItem]]:
        heading = "bold underline"
        left = [BoardItem(Content.styled(t("samen_spel.session.do_heading"), heading))]
        left += [
            self._item(
                DO_KEYS[skill],
                skill in self.do,
                t(f"samen_spel.do.{skill}"),
                partial(self.toggle_do, skill),
            )
            for skill in DO_SKILLS
        ]
        right = [BoardItem(Content.styled(t("samen_spel.session.dont_heading"), heading))]
        right += [
            self._item(
                DONT_KEYS[skill],
                skill in self.dont,
                t(f"samen_spel.dont.{skill}"),
                partial(self.toggle_dont, skill),
            )
            for skill in DONT_SKILLS
        ]
        right.append(BoardItem(Content.styled(t("samen_spel.session.day_heading"), heading)))
        right += [
            self._item(
                DAY_KEYS[day],
                self.day_in_class == day,
                t(f"samen_spel.day_in_class.{day}"),
                partial(self.choose_day, day),
                radio=True,
            )
            for day in DAYS_IN_CLASS
        ]
        return left, right

    @staticmethod
    def _wrapped(
        items: list[BoardItem], width: int
    ) -> list[tuple[Content, Callable[[], None] | None]]:
        """Each item in lines of `width` at most, a choice's label wrapped under itself."""
        lines: list[tuple[Content, Callable[[], None] | None]] = []
        for item in items:
            if item.text.cell_length <= width:
                lines.append((item.text, item.choice))
                continue
            indent = INDENT if item.choice is not None and width > 2 * INDENT else 0
            head, label = item.text[:indent], item.text[indent:]
            for number, part in enumerate(label.wrap(max(1, width - indent))):
                lead = head if number == 0 else Content(" " * indent)
                lines.append((Content.assemble(lead, part.rstrip()), item.choice))
        return lines

    def _layout(self, width: int) -> list[BoardLine]:
        left, right = self._columns()
        wide_left = max(item.text.cell_length for item in left)
        wide_right = max(item.text.cell_length for item in right)
        if width - MIN_GAP < 2 * MIN_COLUMN:  # too narrow for two: one below the other
            return [
                BoardLine(text, ((0, width, choice),))
                for text, choice in self._wrapped([*left, *right], width)
            ]
        gap = max(MIN_GAP, min(GAP, width - wide_left - wide_right))
        # What does not fit is shared out: the longer column gives up the most.
        first = min(wide_left, max((width - gap) // 2, width - gap - wide_right))
        second = width - gap - first
        left_lines = self._wrapped(left, first)
        right_lines = self._wrapped(right, second)
        lines = []
        for row in range(max(len(left_lines), len(right_lines))):
            one, one_choice = left_lines[row] if row < len(left_lines) else (Content(""), None)
            two, two_choice = right_lines[row] if row < len(right_lines) else (Content(""), None)
            lines.append(
                BoardLine(
                    Content.assemble(one.pad_right(first + gap - one.cell_length), two),
                    ((0, first + gap, one_choice), (first + gap, width, two_choice)),
                )
            )
        return lines

    def render(self) -> Content:
        self._lines = self._layout(self.size.width)
        return Content("\n").join(line.text for line in self._lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def on_click(self, event: events.Click) -> None:
        """A click on an item ticks it, as its key does."""
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < len(self._lines):
            return
        for low, high, choice in self._lines[offset.y].hits:
            if low <= offset.x < high and choice is not None:
                choice()


class SessionFormDialog(AsksBeforeDropping[SamenSpelSession | None]):
    """Answers the saved session (new, or `session` changed), or None when cancelled."""

    CSS_PATH = "session_form.tcss"
    AUTO_FOCUS = "#skills"
    BINDINGS = [
        *(
            Binding(DIGIT_KEYS[key], f"do('{skill}')", "samen_spel.session.key_do", show=False)
            for skill, key in DO_KEYS.items()
        ),
        *(
            Binding(DIGIT_KEYS[key], f"dont('{skill}')", "samen_spel.session.key_dont", show=False)
            for skill, key in DONT_KEYS.items()
        ),
        *(
            Binding(
                DIGIT_KEYS[key], f"day_in_class('{day}')", "samen_spel.session.key_day", show=False
            )
            for day, key in DAY_KEYS.items()
        ),
        Binding("enter", "save", "keys.save", show=False),
    ]

    def __init__(self, plan: SamenSpelPlan, session: SamenSpelSession | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.session = session
        self._weeks: list[PlanWeek] = []
        self._days_off: frozenset[date] = frozenset()
        self._components_chosen = session is not None

    @staticmethod
    def _box() -> VerticalScroll:
        """The dialog's box: it scrolls if messages ever make it taller than the
        window, so its buttons stay reachable; the box itself takes no focus."""
        box = VerticalScroll(id="session-box")
        box.can_focus = False
        return box

    def compose(self) -> ComposeResult:
        session = self.session
        day = session.day if session else self.companion.today
        minutes = session.minutes if session else self.plan.minutes
        with self._box():
            with Vertical(classes="field-group"):
                with Horizontal(classes="form-row"):
                    yield Label(t("samen_spel.session.day"), classes="field-label")
                    yield date_input("day", day)
                    yield Label(t("samen_spel.session.minutes"), classes="inline-label")
                    yield Input(str(minutes), id="minutes", type="integer", compact=True)
                yield Static(classes="field-error", id="day-error")
                yield Static(
                    t("samen_spel.session.day_off_note"), classes="field-note", id="day-note"
                )
                yield Static(classes="field-error", id="minutes-error")
            with Vertical(classes="field-group"):
                with Horizontal(classes="form-row"):
                    yield Label(t("samen_spel.session.components"), classes="field-label")
                    for component in PLAY_COMPONENTS:
                        yield TickBox(
                            t(f"samen_spel.component_short.{component}"),
                            bool(session and component in session.components),
                            id=f"component-{component}",
                        )
                yield Static(classes="field-error", id="components-error")
            yield SkillBoard(
                session.do_skills if session else frozenset(),
                session.dont_skills if session else frozenset(),
                session.day_in_class if session else None,
                id="skills",
            )
            with Vertical(classes="field-group"):
                yield from field_row(
                    t("samen_spel.session.note"),
                    "note",
                    Input(
                        session.note if session else "",
                        id="note",
                        placeholder=t("samen_spel.session.note_placeholder"),
                        compact=True,
                    ),
                )
                yield Static(classes="field-error", id="session-error")
            yield Static(t("samen_spel.session.keys_hint"), id="session-hint")
            with Horizontal(id="form-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("common.save"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        store = self.companion.store
        child = store.children.get(self.plan.child_id)
        key = "samen_spel.session.title_edit" if self.session else "samen_spel.session.title_new"
        self.query_one("#session-box").border_title = t(
            key, name=self.companion.names.first(child) if child else ""
        )
        calendar = plan_calendar(store, self.plan)
        self._days_off = calendar.days_off
        self._weeks = plan_weeks(self.plan, calendar)
        if self.session is None:
            self._preset_components(self.companion.today)
        self._note_day_off(self.query_one("#day", Input).value)

    def _note_day_off(self, text: str) -> None:
        """A day off in the calendar may be a typo: said beside the date, never refused
        (she may have played on a day the class was off)."""
        day, _ = date_problem(text)
        self.query_one("#day-note").display = day is not None and day in self._days_off

    def _preset_components(self, day: date) -> None:
        """What is played on that day of the plan: Relatie-Spel, and Regel-Spel from her week."""
        played = components_on(self.plan, self._weeks, day)
        for component in PLAY_COMPONENTS:
            box = self.query_one(f"#component-{component}", TickBox)
            with box.prevent(Checkbox.Changed):
                box.value = component in played

    @on(Checkbox.Changed)
    def _component_changed(self) -> None:
        self._components_chosen = True
        self._complain("components", "")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field in FIELDS:
            self._complain(field, "")
        if field == "day":
            self._note_day_off(event.value)
        if field == "day" and not self._components_chosen:
            day, _ = date_problem(event.value)
            if day is not None:
                self._preset_components(day)

    def _board(self) -> SkillBoard:
        return self.query_one("#skills", SkillBoard)

    def action_do(self, skill: DoSkill) -> None:
        self._board().toggle_do(skill)

    def action_dont(self, skill: DontSkill) -> None:
        self._board().toggle_dont(skill)

    def action_day_in_class(self, day: DayInClass) -> None:
        self._board().choose_day(day)

    def _complain(self, field: str, message: str) -> None:
        say_beside(self, field, message, fallback="session-error")

    def _focus(self, field: str) -> None:
        if field == "components":
            self.query_one(f"#component-{PLAY_COMPONENTS[0]}").focus()
        elif field in ("day", "minutes", "note"):
            self.query_one(f"#{field}").focus()

    def action_save(self) -> None:
        for field in (*FIELDS, "session"):
            self._complain(field, "")
        day, problem = date_problem(self.query_one("#day", Input).value)
        minutes = number_of(self.query_one("#minutes", Input).value)
        if day is None or minutes is None:
            if day is None:
                self._complain("day", problem)
            if minutes is None:
                self._complain("minutes", t("samen_spel.error.not_a_number"))
            self._focus("day" if day is None else "minutes")
            return
        board = self._board()
        session = SamenSpelSession(
            id=self.session.id if self.session else "",
            plan_id=self.plan.id,
            child_id=self.plan.child_id,
            day=day,
            minutes=minutes,
            components=frozenset(
                c for c in PLAY_COMPONENTS if self.query_one(f"#component-{c}", TickBox).value
            ),
            do_skills=frozenset(board.do),
            dont_skills=frozenset(board.dont),
            day_in_class=board.day_in_class,
            note=self.query_one("#note", Input).value,
        )
        sessions = self.companion.store.samen_spel
        try:
            saved = self.write(lambda: sessions.log(session))
        except SamenSpelInputError as error:
            self._complain(error.field, error_text(error.reason, error.params))
            self._focus(error.field)
            return
        if saved is not None:
            self.dismiss(saved)
