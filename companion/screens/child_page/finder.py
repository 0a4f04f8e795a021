"""Whose page? A small dialog to find a child by typing part of her name (Today's `p`
when no child is chosen there), and `show_page`, the one way to a child's page."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.children import matches, sort_key_first_name
from companion.i18n import t
from companion.screens.base import CompanionModal
from companion.screens.child_page.page import ChildPageScreen
from companion.widgets.marks import group_mark


def show_page(app: App[Any], child_id: str | None) -> None:
    """Her page on top of the screen shown, so that escape goes back there; without a
    child (none under the cursor), ask whose page first."""
    if child_id:
        app.push_screen(ChildPageScreen(child_id))
        return

    def chosen(found: str | None) -> None:
        if found:
            app.push_screen(ChildPageScreen(found))

    app.push_screen(ChildFinderDialog(), chosen)


class ChildFinderDialog(CompanionModal[str]):
    """Type part of a name (accents and case ignored); enter opens the first child that
    fits, or the one chosen with the arrows. Answers her id."""

    CSS_PATH = "finder.tcss"
    AUTO_FOCUS = "#finder-name"
    BINDINGS = [
        Binding("down", "move(1)", "child_page.finder.next", show=False),
        Binding("up", "move(-1)", "child_page.finder.previous", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="finder"):
            yield Input(placeholder=t("child_page.finder.placeholder"), id="finder-name")
            yield OptionList(id="finder-children")
            yield Static(id="finder-none")
            yield Static(Content.styled(t("child_page.finder.hint"), "dim"), id="finder-hint")

    def on_mount(self) -> None:
        self.query_one("#finder").border_title = t("child_page.finder.title")
        self._fill("")

    @on(Input.Changed, "#finder-name")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    def _fill(self, query: str) -> None:
        children = sorted(self.companion.store.children.all(), key=sort_key_first_name)
        found = [child for child in children if matches(child, query)] if query else children
        listed = self.query_one("#finder-children", OptionList)
        listed.clear_options()
        listed.add_options(
            Option(
                Content.assemble(group_mark(child.group), self.companion.names.full(child)),
                id=child.id,
            )
            for child in found
        )
        listed.highlighted = 0 if found else None
        listed.display = bool(found)
        none = self.query_one("#finder-none", Static)
        none.display = not found
        none.update(t("child_page.finder.no_match"))

    def action_move(self, step: int) -> None:
        listed = self.query_one("#finder-children", OptionList)
        if listed.option_count:
            current = listed.highlighted or 0
            listed.highlighted = max(0, min(listed.option_count - 1, current + step))

    @on(Input.Submitted, "#finder-name")
    def _submitted(self) -> None:
        option = self.query_one("#finder-children", OptionList).highlighted_option
        if option is not None and option.id:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#finder-children")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)
