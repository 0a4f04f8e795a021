"""F1 / ?: the keys of the screen below, the global keys, and how that screen thinks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from companion.i18n import t
from companion.screens.base import CompanionModal


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


class HelpScreen(CompanionModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [("escape,f1,question_mark,q", "cancel", "keys.back")]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = t("help.title")
        self.query_one(VerticalScroll).focus()

    def _text(self) -> str:
        lines = [
            f"## {t('help.keys_here')}",
            "",
            f"| {t('help.key')} | {t('help.action')} |",
            "|---|---|",
        ]
        seen: set[tuple[str, str]] = set()
        for _key, active in self.below.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            entry = (self.app.get_key_display(binding), binding.description)
            if entry not in seen:
                seen.add(entry)
                lines.append(f"| `{_escape(entry[0])}` | {_escape(entry[1])} |")
        lines += ["", t("help.palette"), ""]
        explanation = t(f"help.screen.{type(self.below).__name__}")
        if not explanation.startswith("help.screen."):
            lines += [f"## {t('help.about_screen')}", "", explanation]
        return "\n".join(lines)
