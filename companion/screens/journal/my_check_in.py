"""Het begint bij jezelf: the teacher's own check-in, from Today's `i` in a few keys.

Energy, then tension: 1 low, 2 ok, 3 high (each key goes on to the next), enter keeps it.
Below, optional: what drains her and what recharges her today, what she needs now and
later, who supports her. Under it, her zones over the weeks and, after a few days out of
the green zone, one gentle suggestion from the rest corner's strategies for herself.
The zones describe; nothing here grades her.
"""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, RadioSet, Static

from companion.domain.rest_corner import ME
from companion.domain.teacher_check_in import (
    NOTE_FIELDS,
    CheckInInputError,
    TeacherCheckIn,
    zone_of,
)
from companion.domain.vocabulary import LEVELS, Energy, Level
from companion.i18n import current_language, t
from companion.screens.base import AsksBeforeDropping
from companion.screens.digit_keys import DIGIT_KEYS
from companion.screens.form_rows import say_beside
from companion.screens.journal.analysis import Choice, Choices
from companion.store import Store
from companion.widgets.zone_trend import ZoneTrend, zone_mark

LEVEL_KEYS: Final = dict(zip(LEVELS, "123", strict=True))
ROWS: Final = ("energy", "tension")


def care_suggestion(store: Store) -> tuple[Energy, str] | None:
    """After a few days out of the green zone: the zone and one strategy for herself
    (the best ranked), by name; None otherwise."""
    zone = store.teacher_check_in.suggest_care()
    if zone is None or zone == "green":
        return None
    found = store.rest_corner.suggest(ME, zone)
    if not found:
        return None
    return zone, found[0].strategy.name_in(current_language())


def suggestion_text(store: Store) -> Content | None:
    care = care_suggestion(store)
    if care is None:
        return None
    zone, name = care
    return Content.assemble((t(f"journal.my_check_in.care_{zone}"), "italic"), " ", (name, "bold"))


class TeacherCheckInDialog(AsksBeforeDropping[TeacherCheckIn]):
    """Answers the check-in kept (today's, in place of an earlier one today), or None."""

    CSS_PATH = "my_check_in.tcss"
    AUTO_FOCUS = "#energy"
    BINDINGS = [
        *(
            Binding(
                DIGIT_KEYS[key], f"level('{level}')", "journal.my_check_in.key_level", show=False
            )
            for level, key in LEVEL_KEYS.items()
        ),
    ]

    def compose(self) -> ComposeResult:
        today = self.companion.store.teacher_check_in.on()
        with Vertical(id="my-check-in-box"):
            with Vertical(id="levels"):
                yield from self._level_rows(today)
            yield Static(id="my-zone")
            yield Static(classes="field-error", id="level-error")
            for name in NOTE_FIELDS:
                with Horizontal(classes="note-row"):
                    yield Label(t(f"journal.my_check_in.{name}"), classes="note-label")
                    yield Input(
                        getattr(today, name) if today is not None else "",
                        id=name,
                        placeholder=t(f"journal.my_check_in.{name}_placeholder"),
                        compact=True,
                    )
                yield Static(classes="field-error", id=f"{name}-error")
            yield Label(t("journal.zone_trend.title"), id="trend-label")
            yield ZoneTrend(id="zone-trend")
            yield Static(id="care")
            yield Static(Content.styled(t("journal.my_check_in.hint"), "dim"), id="my-hint")

    def _level_rows(self, today: TeacherCheckIn | None) -> ComposeResult:
        for row in ROWS:
            with Horizontal(classes="level-row"):
                yield Label(t(f"journal.my_check_in.{row}"), classes="level-label")
                with Choices(id=row):
                    for level in LEVELS:
                        chosen = today is not None and getattr(today, row) == level
                        yield Choice(
                            f"{LEVEL_KEYS[level]} {t(f'journal.my_check_in.level.{level}')}",
                            chosen,
                            id=f"{row}-{level}",
                        )

    def on_mount(self) -> None:
        store = self.companion.store
        self.query_one("#my-check-in-box").border_title = t("journal.my_check_in.title")
        self.query_one(ZoneTrend).show(store.teacher_check_in.trend())
        care = suggestion_text(store)
        shown = self.query_one("#care", Static)
        shown.display = care is not None
        if care is not None:
            shown.update(care)
        self._show_zone()
        if self._level("energy") is not None and self._level("tension") is not None:
            self.query_one("#drains").focus()

    def _level(self, row: str) -> Level | None:
        button = self.query_one(f"#{row}", RadioSet).pressed_button
        chosen = (button.id or "").removeprefix(f"{row}-") if button is not None else ""
        return next((level for level in LEVELS if level == chosen), None)

    def _show_zone(self) -> None:
        energy, tension = self._level("energy"), self._level("tension")
        shown = self.query_one("#my-zone", Static)
        if energy is None or tension is None:
            shown.update(Content.styled(t("journal.my_check_in.zone_unknown"), "dim"))
            return
        zone = zone_of(energy, tension)
        shown.update(
            Content.assemble(
                zone_mark(zone),
                " ",
                (t(f"journal.my_check_in.zone.{zone}"), "bold"),
                "  ",
                (t(f"journal.my_check_in.zone_hint.{zone}"), "dim"),
            )
        )

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        say_beside(self, "level", "")
        self._show_zone()

    def action_level(self, level: Level) -> None:
        """The key for the row with the focus (energy first), then on to the next."""
        focused = self.focused
        row = focused.id if isinstance(focused, RadioSet) and focused.id in ROWS else None
        if row is None:
            row = "energy" if self._level("energy") is None else "tension"
        self.query_one(f"#{row}-{level}", Choice).value = True
        if row == "energy":
            self.query_one("#tension").focus()
        else:
            self.query_one("#drains").focus()
        self._show_zone()

    def action_save(self) -> None:
        energy, tension = self._level("energy"), self._level("tension")
        if energy is None or tension is None:
            say_beside(self, "level", t("journal.my_check_in.choose_levels"))
            self.query_one("#energy" if energy is None else "#tension").focus()
            return
        notes = {name: self.query_one(f"#{name}", Input).value for name in NOTE_FIELDS}
        check_in = TeacherCheckIn(self.companion.today, energy, tension, **notes)
        store = self.companion.store
        for name in NOTE_FIELDS:
            say_beside(self, name, "")
        try:
            saved = self.write(lambda: store.teacher_check_in.save(check_in))
        except CheckInInputError as error:
            message = t(f"journal.error.{error.reason}", **error.params)
            say_beside(self, error.field, message, fallback="level-error")
            if error.field in NOTE_FIELDS:
                self.query_one(f"#{error.field}").focus()
            return
        if saved is None:
            return
        self.notify(t(f"journal.my_check_in.kept_{saved.zone}"))
        self.dismiss(saved)
