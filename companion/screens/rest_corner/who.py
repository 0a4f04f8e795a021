"""For whom? A child found by typing part of her name, the whole class, or me: the
rest corner's check-in asks it first when no child is under the cursor. Also the name
every rest-corner screen shows for a subject (a child's id, CLASS or ME)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.children import ShownNames, collation_key, matches, sort_key_first_name
from companion.domain.rest_corner import CLASS, ME
from companion.i18n import t
from companion.screens.base import CompanionModal
from companion.store import Store
from companion.widgets.marks import group_mark


def subject_name(store: Store, subject: str, names: ShownNames) -> str:
    """ "The whole class", "Myself", or the child's first name."""
    if subject in (CLASS, ME):
        return t(f"rest_corner.subject.{subject}")
    child = store.children.get(subject)
    return names.first(child) if child is not None else "?"


def subject_in_sentence(store: Store, subject: str, names: ShownNames) -> str:
    """Her name as a sentence says it: "me", "the whole class", or the first name."""
    if subject in (CLASS, ME):
        return t(f"rest_corner.subject_in_sentence.{subject}")
    return subject_name(store, subject, names)


class WhoDialog(CompanionModal[str | None]):
    """Answers a child's id, CLASS or ME. Typing narrows the children (accents and case
    ignored; the class and me stay while their word fits); enter takes the highlighted."""

    CSS_PATH = "who.tcss"
    AUTO_FOCUS = "#who-name"
    BINDINGS = [
        Binding("down", "move(1)", "child_page.finder.next", show=False),
        Binding("up", "move(-1)", "child_page.finder.previous", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="who-box"):
            yield Input(placeholder=t("rest_corner.who.placeholder"), id="who-name", compact=True)
            yield OptionList(id="who-list")
            yield Static(t("rest_corner.who.no_match"), id="who-none")
            yield Static(Content.styled(t("rest_corner.who.hint"), "dim"), id="who-hint")

    def on_mount(self) -> None:
        self.query_one("#who-box").border_title = t("rest_corner.who.title")
        self._fill("")

    @on(Input.Changed, "#who-name")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    def _fill(self, query: str) -> None:
        children = sorted(self.companion.store.children.all(), key=sort_key_first_name)
        found = [child for child in children if matches(child, query)] if query else children
        options = [
            Option(Content.styled(t(f"rest_corner.subject.{subject}"), "bold"), id=subject)
            for subject in (CLASS, ME)
            if not query
            or collation_key(query) in collation_key(t(f"rest_corner.subject.{subject}"))
        ]
        # A child first when she types a name: the name is what she looks for.
        children_options = [
            Option(
                Content.assemble(group_mark(child.group), self.companion.names.full(child)),
                id=child.id,
            )
            for child in found
        ]
        listed = self.query_one("#who-list", OptionList)
        listed.clear_options()
        listed.add_options(
            [*children_options, *options] if query else [*options, *children_options]
        )
        count = listed.option_count
        listed.highlighted = 0 if count else None
        listed.display = bool(count)
        self.query_one("#who-none").display = not count

    def action_move(self, step: int) -> None:
        listed = self.query_one("#who-list", OptionList)
        if listed.option_count:
            current = listed.highlighted or 0
            listed.highlighted = max(0, min(listed.option_count - 1, current + step))

    @on(Input.Submitted, "#who-name")
    def _submitted(self) -> None:
        option = self.query_one("#who-list", OptionList).highlighted_option
        if option is not None and option.id:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#who-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)
