"""Meer weten / Learn more: the deck's ideas and references, offline text only.

One section at a time: a list of sections beside the text reads well at 80 columns and
shows at once (the whole text as one Markdown document takes more than half a second).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown, OptionList
from textual.widgets.option_list import Option

from companion.content import learn_more_sections
from companion.screens.base import CompanionScreen


class LearnMoreScreen(CompanionScreen):
    BINDINGS = [
        Binding("tab", "switch_pane", "learn_more.switch_pane"),
        Binding("n", "section(1)", "learn_more.next_section"),
        Binding("p", "section(-1)", "learn_more.previous_section", show=False),
    ]

    CSS_PATH = "learn_more.tcss"
    AUTO_FOCUS = "#learn-sections"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections = learn_more_sections()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *(
                    Option(section.title, id=str(index))
                    for index, section in enumerate(self.sections)
                ),
                id="learn-sections",
            )
            with VerticalScroll(id="learn-text"):
                yield Markdown(self.sections[0].markdown, open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = int(event.option.id or 0)
        await self.query_one(Markdown).update(self.sections[index].markdown)
        self.query_one("#learn-text").scroll_home(animate=False)

    def on_option_list_option_selected(self) -> None:
        self.query_one("#learn-text").focus()

    def action_switch_pane(self) -> None:
        text = self.query_one("#learn-text")
        if text.has_focus:
            self.query_one(OptionList).focus()
        else:
            text.focus()

    def action_section(self, step: int) -> None:
        sections = self.query_one(OptionList)
        current = sections.highlighted or 0
        sections.highlighted = max(0, min(len(self.sections) - 1, current + step))
