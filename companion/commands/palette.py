"""Textual's command palette, speaking the chosen language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.widgets.option_list import Option

from companion.i18n import t


class CompanionPalette(CommandPalette):
    """The placeholder and the "No matches found" line in the chosen language.

    Textual writes that line in a timer it starts itself, with the English text inline;
    this is the same countdown with our text (a test checks it, should Textual change).
    Without `providers` it is the app's palette; the theme picker passes its own.
    """

    def __init__(
        self,
        providers: ProviderSource | None = None,
        *,
        strings: str = "palette",
    ) -> None:
        """`strings`: the section holding `placeholder` and `no_matches`."""
        palette_id = "--command-palette" if providers is None else None
        super().__init__(providers, placeholder=t(f"{strings}.placeholder"), id=palette_id)
        self._no_matches = t(f"{strings}.no_matches")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self._no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
