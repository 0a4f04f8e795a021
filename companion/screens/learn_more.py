"""Meer weten / Learn more: the deck's ideas and references, offline text only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, MarkdownViewer

from companion.content import learn_more
from companion.screens.base import CompanionScreen


class LearnMoreScreen(CompanionScreen):
    BINDINGS = [Binding("t", "toggle_contents", "learn_more.contents")]

    DEFAULT_CSS = """
    LearnMoreScreen MarkdownViewer { height: 1fr; }
    LearnMoreScreen MarkdownTableOfContents { width: 34; max-width: 45%; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        # The table of contents takes half of 80 columns; here it starts hidden (t toggles).
        yield MarkdownViewer(learn_more(), show_table_of_contents=False, open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).document.focus()

    def action_toggle_contents(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents
