"""The "◀ [ period ] ▶" bar above a table (a day, a week): a click on ◀ or ▶ asks the
screen for the period before or after (`Stepped`); the screen changes it and passes the
new one down (`show`)."""

from __future__ import annotations

from textual.content import Content, Span
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

Part = str | tuple[str, str] | Content


class PeriodBar(Static):
    # The arrows look as they always did; a pointer over them shows they can be clicked.
    DEFAULT_CSS = """
    PeriodBar {
        height: auto;
        padding: 0 1;
        link-color: $foreground;
        link-background: transparent;
        link-style: none;
    }
    """

    class Stepped(Message):
        """◀ (-1) or ▶ (1) was clicked."""

        def __init__(self, bar: PeriodBar, step: int) -> None:
            super().__init__()
            self.bar = bar
            self.step = step

        @property
        def control(self) -> PeriodBar:
            return self.bar

    def show(self, period: str, *after: Part) -> None:
        """The period in bold between its arrows, then `after` (what else the screen
        says about it: the moment, a filter, a warning)."""
        # A bar whose height the screen fixes keeps its size: a repaint is enough, with
        # no new layout of the screen around it.
        height = self.styles.height
        self.update(
            Content.assemble(
                _clickable(Content.styled("◀ [ ", "dim"), "step(-1)"),
                (period, "bold"),
                _clickable(Content.styled(" ] ▶", "dim"), "step(1)"),
                *after,
            ),
            layout=height is None or not height.is_cells,
        )

    def action_step(self, step: int) -> None:
        self.post_message(self.Stepped(self, step))


def _clickable(content: Content, action: str) -> Content:
    return content.add_spans([Span(0, len(content), Style.from_meta({"@click": action}))])
