"""A plain notice when the window is smaller than the screens are made for (80 x 24)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import Static

from companion.i18n import t
from companion.screens.base import CompanionModal

MIN_SIZE = Size(80, 24)


def too_small(size: Size) -> bool:
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


class SmallWindowScreen(CompanionModal[bool]):
    """Goes away by itself once the window is large enough (answers False); escape or
    enter: go on anyway (answers None)."""

    CSS_PATH = "small_window.tcss"
    BINDINGS = [Binding("enter", "cancel", "small_window.go_on")]

    def __init__(self, size: Size) -> None:
        super().__init__()
        self._size = size

    def compose(self) -> ComposeResult:
        yield Static(self._text(self._size), id="small-window-text")

    def show_size(self, size: Size) -> None:
        self._size = size
        if self.is_mounted:
            self.query_one("#small-window-text", Static).update(self._text(size))

    @staticmethod
    def _text(size: Size) -> str:
        return t(
            "small_window.text",
            width=size.width,
            height=size.height,
            min_width=MIN_SIZE.width,
            min_height=MIN_SIZE.height,
        )
