"""F1 / ?: the keys of the screen below, the global keys, and how that screen thinks."""

from __future__ import annotations

import unicodedata

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from companion.i18n import t
from companion.screens.base import CompanionModal
from companion.screens.places import place_of
from companion.widgets.bindings import our_bindings


def _readable(display: str) -> str:
    """'section_sign' -> '§': Textual shows some keys by their Unicode name."""
    if "_" not in display:
        return display
    try:
        return unicodedata.lookup(display.replace("_", " "))
    except KeyError:
        return display


class HelpScreen(CompanionModal[None]):
    CSS_PATH = "help.tcss"
    AUTO_FOCUS = "VerticalScroll"
    BINDINGS = [("escape,f1,question_mark,q", "cancel", "keys.back")]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = t("help.title")

    def _keys_of(self, action: str) -> list[str]:
        """Every key that runs `action` here (e.g. 4 and the AZERTY apostrophe)."""
        return [
            _readable(self.app.get_key_display(active.binding))
            for active in self.below.active_bindings.values()
            if active.binding.action == action
        ]

    def _text(self) -> str:
        lines = [f"## {t('help.keys_here')}", ""]
        for active in our_bindings(self.below):
            keys = " ".join(f"`{key}`" for key in self._keys_of(active.binding.action))
            lines.append(f"- {keys}  {active.binding.description}")
        lines += ["", t("help.palette"), ""]
        explanation = t(f"help.screen.{place_of(self.below)}")
        if not explanation.startswith("help.screen."):
            lines += [f"## {t('help.about_screen')}", "", explanation]
        return "\n".join(lines)
