"""Below 80 x 24 the panels would be cut without a word: a plain notice says so, once,
and leaves by itself when the window is large enough again."""

from __future__ import annotations

from textual.app import App
from textual.geometry import Size


class WindowSizeWatch:
    """Shows or removes the small-window notice as the window's size changes."""

    def __init__(self, app: App[int]) -> None:
        self._app = app
        self._waived = False  # she chose to go on in a small window
        self.ready = False  # a resize can come before the first screens

    def check(self, size: Size | None = None) -> None:
        """`size`: the new size of a resize event (the app's is not updated yet)."""
        from companion.screens.small_window import SmallWindowScreen, too_small

        if not self.ready:
            return
        size = size or self._app.size
        notices = [s for s in self._app.screen_stack if isinstance(s, SmallWindowScreen)]
        if not too_small(size):
            self._waived = False
            if notices and self._app.screen is notices[-1]:
                notices[-1].dismiss(False)
        elif notices:
            notices[-1].show_size(size)
        elif not self._waived:
            self._app.push_screen(SmallWindowScreen(size), self._answered)

    def _answered(self, by_window: bool | None) -> None:
        self._waived = by_window is None  # she pressed escape or enter
