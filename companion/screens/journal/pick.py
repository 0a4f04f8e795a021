"""Pick several: the children an entry is about, or its tags. Typing narrows the list
(accents and case ignored), enter ticks or unticks the highlighted one and empties the
field for the next name; for tags, a new word typed is offered as a new tag. Escape (or
ctrl+s) closes with what is ticked: nothing is saved until the entry is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.journal import fold, tag_label
from companion.i18n import t
from companion.screens.base import CompanionModal

NEW_PREFIX: Final = "+new:"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str
    hint: str = ""  # dim, after the label: a tag's count


class PickDialog(CompanionModal[frozenset[str]]):
    """Answers the keys ticked (the labels of new tags as their keys)."""

    CSS_PATH = "pick.tcss"
    AUTO_FOCUS = "#pick-find"
    BINDINGS = [
        Binding("down", "move(1)", "child_page.finder.next", show=False),
        Binding("up", "move(-1)", "child_page.finder.previous", show=False),
        Binding("ctrl+s", "done", "journal.pick.done"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        ticked: frozenset[str],
        *,
        fits: Callable[[Choice, str], bool],
        allow_new: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self.choices = list(choices)
        self.ticked = set(ticked)
        self._fits = fits
        self._allow_new = allow_new
        self._last: str | None = None  # the one ticked or unticked last stays highlighted
        known = {choice.key for choice in self.choices}
        # Ticked keys the list does not know (a new tag picked earlier) stay offered.
        self.choices += [Choice(key, key) for key in sorted(ticked - known, key=fold)]

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Input(placeholder=t("journal.pick.placeholder"), id="pick-find", compact=True)
            yield OptionList(id="pick-list")
            yield Static(t("journal.pick.none"), id="pick-none")
            yield Static(Content.styled(t("journal.pick.hint"), "dim"), id="pick-hint")

    def on_mount(self) -> None:
        self.query_one("#pick-box").border_title = self._title
        self._fill()

    def _fill(self) -> None:
        select = self._last
        query = self.query_one("#pick-find", Input).value.strip()
        found = [choice for choice in self.choices if not query or self._fits(choice, query)]
        options = [self._option(choice) for choice in found]
        label = tag_label(query)
        if (
            self._allow_new
            and label
            and all(fold(choice.label) != fold(label) for choice in self.choices)
        ):
            options.insert(
                0, Option(t("journal.pick.new_tag", tag=label), id=f"{NEW_PREFIX}{label}")
            )
        listed = self.query_one("#pick-list", OptionList)
        listed.clear_options()
        listed.add_options(options)
        listed.display = bool(options)
        self.query_one("#pick-none").display = not options
        if options:
            ids = [option.id for option in options]
            listed.highlighted = ids.index(select) if select in ids else 0

    def _option(self, choice: Choice) -> Option:
        box = "[x]" if choice.key in self.ticked else "[ ]"
        parts: list[Content | str | tuple[str, str]] = [
            (box, "bold") if choice.key in self.ticked else box,
            " ",
            choice.label,
        ]
        if choice.hint:
            parts += ["  ", (choice.hint, "dim")]
        return Option(Content.assemble(*parts), id=choice.key)

    @on(Input.Changed, "#pick-find")
    def _typed(self) -> None:
        self._fill()

    def action_move(self, step: int) -> None:
        listed = self.query_one("#pick-list", OptionList)
        if listed.option_count:
            current = listed.highlighted or 0
            listed.highlighted = max(0, min(listed.option_count - 1, current + step))

    @on(Input.Submitted, "#pick-find")
    def _submitted(self) -> None:
        option = self.query_one("#pick-list", OptionList).highlighted_option
        if option is not None and option.id:
            self._toggle(option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._toggle(event.option.id)

    def _toggle(self, key: str) -> None:
        find = self.query_one("#pick-find", Input)
        if key.startswith(NEW_PREFIX):
            key = key.removeprefix(NEW_PREFIX)
            self.choices.append(Choice(key, key))
            self.ticked.add(key)
        else:
            self.ticked ^= {key}
        self._last = key
        if find.value:
            find.value = ""  # the list fills again (Input.Changed)
        else:
            self._fill()
        find.focus()

    def action_done(self) -> None:
        self.dismiss(frozenset(self.ticked))

    def action_cancel(self) -> None:
        # Escape keeps what is ticked: nothing is written before the entry is saved.
        self.action_done()
