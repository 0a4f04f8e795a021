"""Pick a child of the class (to make her a target child): type to narrow, enter picks."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.children import Child, matches, sort_key_first_name
from companion.i18n import t
from companion.screens.base import CompanionModal
from companion.widgets.marks import group_mark


class ChildPickerDialog(CompanionModal[str | None]):
    """Answers the chosen child's id, or None."""

    CSS_PATH = "pick.tcss"
    AUTO_FOCUS = "#pick-filter"
    BINDINGS = [Binding("down", "to_list", "samen_spel.pick.to_list", show=False)]

    def __init__(self, children: list[Child], title: str) -> None:
        super().__init__()
        self.children_offered = sorted(children, key=sort_key_first_name)
        self.names = self.companion.names.short(self.children_offered)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Input(
                id="pick-filter", placeholder=t("samen_spel.pick.placeholder"), compact=True
            )
            yield OptionList(id="pick-list")
            yield Static(t("samen_spel.pick.none"), id="pick-none")

    def on_mount(self) -> None:
        self.query_one("#pick-box").border_title = self.title_text
        self._fill("")

    def _fill(self, query: str) -> None:
        found = [
            child for child in self.children_offered if not query.strip() or matches(child, query)
        ]
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(Content.assemble(group_mark(child.group), self.names[child.id]), id=child.id)
            for child in found
        )
        options.highlighted = 0 if found else None
        options.display = bool(found)
        self.query_one("#pick-none").display = not found

    @on(Input.Changed, "#pick-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted_option is not None:
            self.dismiss(options.highlighted_option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one("#pick-list").focus()
