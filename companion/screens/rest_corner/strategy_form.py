"""One of the teacher's own strategies, new or edited: a name, how it goes, the direction
(calming, activating or either), for whom, where, the stress domains it addresses, the
minutes and what is needed. The dialog writes the strategy and answers it; a field that
cannot be kept gets its message beside it (an empty name, a text too long, control
characters from a paste), and nothing is saved. No field cuts what she types or pastes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from companion.domain.rest_corner import (
    MAX_OWN_HOW,
    MAX_OWN_NAME,
    MAX_OWN_NEEDS,
    OWN_MINUTES,
    RestCornerInputError,
    Strategy,
    checked_text,
    own_strategy,
)
from companion.domain.vocabulary import (
    DIRECTIONS,
    FOR_WHOM,
    LOCATIONS,
    STRESS_DOMAINS,
    Direction,
    ForWhom,
    Location,
    StressDomain,
)
from companion.i18n import t
from companion.screens.base import AsksBeforeDropping
from companion.screens.form_rows import field_errors, field_row, say_beside
from companion.screens.samen_spel.toggles import TickBox

# In the order of the form: the first one with a message gets the focus.
FIELDS: Final = (
    "name",
    "how",
    "direction",
    "for_whom",
    "locations",
    "domains",
    "minutes",
    "needs",
)
DEFAULT_MINUTES: Final = 5
W = TypeVar("W", bound=str)


def _error(error: RestCornerInputError) -> str:
    return t(f"rest_corner.error.{error.reason}", **error.params)


class OwnStrategyDialog(AsksBeforeDropping[Strategy | None]):
    """Answers her saved strategy (new, or `strategy` changed), or None when cancelled."""

    CSS_PATH = "strategy_form.tcss"
    AUTO_FOCUS = "#name"

    def __init__(self, strategy: Strategy | None = None) -> None:
        super().__init__()
        self.strategy = strategy

    def _ticks(
        self, prefix: str, words: Iterable[W], ticked: Iterable[W], key: str
    ) -> list[Widget]:
        chosen = set(ticked)
        return [
            TickBox(t(f"rest_corner.{key}.{word}"), word in chosen, id=f"{prefix}-{word}")
            for word in words
        ]

    def compose(self) -> ComposeResult:
        own = self.strategy
        with VerticalScroll(id="own-box"):
            yield from field_row(
                t("rest_corner.own_form.name"),
                "name",
                Input(
                    own.name_in("") if own else "",
                    id="name",
                    placeholder=t("rest_corner.own_form.name_placeholder"),
                    compact=True,
                ),
            )
            yield Label(t("rest_corner.own_form.how"), classes="field-label above")
            yield TextArea(
                own.how_in("") if own else "",
                id="how",
                soft_wrap=True,
                show_line_numbers=False,
                compact=True,
                placeholder=t("rest_corner.own_form.how_placeholder"),
            )
            yield from field_errors("how")
            yield from field_row(
                t("rest_corner.own_form.direction"),
                "direction",
                *self._ticks(
                    "direction", DIRECTIONS, [own.direction if own else "calming"], "direction"
                ),
            )
            yield from field_row(
                t("rest_corner.own_form.for_whom"),
                "for_whom",
                *self._ticks("for_whom", FOR_WHOM, own.for_whom if own else ["child"], "for_whom"),
            )
            yield from field_row(
                t("rest_corner.own_form.locations"),
                "locations",
                *self._ticks(
                    "where", LOCATIONS, own.locations if own else ["rest_corner"], "location"
                ),
            )
            yield Label(t("rest_corner.own_form.domains"), classes="field-label above")
            with Horizontal(classes="form-row", id="domains-row"):
                yield from self._ticks(
                    "domain", STRESS_DOMAINS, own.domains if own else [], "domain"
                )
            yield from field_errors("domains")
            low, high = OWN_MINUTES
            with Horizontal(classes="form-row", id="minutes-row"):
                yield Label(t("rest_corner.own_form.minutes"), classes="field-label")
                yield Input(
                    str(own.minutes if own else DEFAULT_MINUTES),
                    id="minutes",
                    type="integer",
                    compact=True,
                )
                yield Label(
                    t("rest_corner.own_form.minutes_hint", low=low, high=high),
                    classes="inline-label hint",
                )
            yield from field_errors("minutes")
            yield from field_row(
                t("rest_corner.own_form.needs"),
                "needs",
                Input(
                    own.needs_in("") if own else "",
                    id="needs",
                    placeholder=t("rest_corner.own_form.needs_placeholder"),
                    compact=True,
                ),
            )
            yield Static(classes="field-error", id="own-error")
            with Horizontal(id="form-buttons"):
                yield Static(t("rest_corner.own_form.keys"), id="own-keys")
                yield Button(t("common.cancel"), id="cancel", compact=True)
                yield Button(t("common.save"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        title = "rest_corner.own_form.title_edit" if self.strategy else "rest_corner.own_form.title"
        self.query_one("#own-box").border_title = t(title)

    # -- what she changes -------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _mending(self, event: Input.Changed | TextArea.Changed) -> None:
        # An old complaint must not linger while she is mending it.
        field = event.control.id or ""
        if field in FIELDS:
            say_beside(self, field, "")

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        box_id = event.checkbox.id or ""
        group, _, word = box_id.partition("-")
        if group == "direction" and event.value:
            # One direction: ticking one unticks the others.
            for other in DIRECTIONS:
                if other != word:
                    box = self.query_one(f"#direction-{other}", TickBox)
                    with box.prevent(Checkbox.Changed):
                        box.value = False
        field = {"where": "locations", "domain": "domains"}.get(group, group)
        if field in FIELDS:
            say_beside(self, field, "")

    # -- reading and saving -----------------------------------------------------------------

    def _ticked_words(self, prefix: str, words: Iterable[W]) -> list[W]:
        return [word for word in words if self.query_one(f"#{prefix}-{word}", TickBox).value]

    def _read(self) -> tuple[Strategy | None, dict[str, str]]:
        """Her strategy as the fields say it, or every field's message at once (the
        store checks it again when it keeps it)."""
        problems: dict[str, str] = {}
        texts: dict[str, str] = {}
        for field, limit, one_line in (
            ("name", MAX_OWN_NAME, True),
            ("how", MAX_OWN_HOW, False),
            ("needs", MAX_OWN_NEEDS, True),
        ):
            try:
                texts[field] = checked_text(field, self._text(field), limit, one_line=one_line)
            except RestCornerInputError as error:
                problems[field] = _error(error)
        if "name" not in problems and not texts["name"]:
            problems["name"] = t("rest_corner.error.name_needed")
        directions: list[Direction] = self._ticked_words("direction", DIRECTIONS)
        if len(directions) != 1:
            problems["direction"] = t("rest_corner.own_form.one_direction")
        for_whom: list[ForWhom] = self._ticked_words("for_whom", FOR_WHOM)
        locations: list[Location] = self._ticked_words("where", LOCATIONS)
        for field, ticked in (("for_whom", for_whom), ("locations", locations)):
            if not ticked:
                problems[field] = t("rest_corner.error.choose_one")
        low, high = OWN_MINUTES
        typed = self.query_one("#minutes", Input).value.strip()
        minutes = int(typed) if typed.isascii() and typed.isdigit() else None
        if minutes is None or not low <= minutes <= high:
            problems["minutes"] = t("rest_corner.error.out_of_range", low=low, high=high)
        if problems or minutes is None:
            return None, problems
        domains: list[StressDomain] = self._ticked_words("domain", STRESS_DOMAINS)
        strategy = own_strategy(
            texts["name"],
            texts["how"],
            direction=directions[0],
            domains=domains,
            for_whom=for_whom,
            locations=locations,
            minutes=minutes,
            needs=texts["needs"],
            key=self.strategy.key if self.strategy else "",
        )
        return strategy, problems

    def _text(self, field: str) -> str:
        if field == "how":
            return self.query_one("#how", TextArea).text
        return self.query_one(f"#{field}", Input).value

    def _complain(self, problems: dict[str, str]) -> None:
        for field, message in problems.items():
            say_beside(self, field, message, fallback="own-error")
        first = next(field for field in (*FIELDS, *problems) if field in problems)
        self._focus(first)

    def _focus(self, field: str) -> None:
        target = next(iter(self.query(f"#{field}")), None)
        if target is None:
            prefix = {"locations": "where", "domains": "domain"}.get(field, field) + "-"
            boxes = (box for box in self.query(TickBox) if (box.id or "").startswith(prefix))
            target = next(boxes, None)
        if target is not None:
            target.focus()

    def action_save(self) -> None:
        for field in FIELDS:
            say_beside(self, field, "")
        say_beside(self, "own", "", fallback="own-error")
        strategy, problems = self._read()
        if strategy is None:
            self._complain(problems)
            return
        store = self.companion.store.rest_corner
        try:
            saved = self.write(lambda: store.save_own(strategy))
        except RestCornerInputError as error:
            self._complain({error.field: _error(error)})
            return
        if saved is not None:
            self.dismiss(saved)
