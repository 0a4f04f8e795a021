"""What the screens take the app for: a typed view of it (no Textual here).

Screens reach the store, the day, the language and the app's own flows through this
Protocol (`CompanionScreen.companion`), and Textual's API through their typed `self.app`;
`companion.app` proves (under mypy) that the app is all that this view says.
"""

from __future__ import annotations

from collections import deque
from datetime import date
from typing import Protocol

from companion.clock import Clock
from companion.domain.abc import AbcDay
from companion.domain.children import ShownNames
from companion.store import Store


class Companion(Protocol):
    """The app as every screen and dialog sees it."""

    @property
    def store(self) -> Store:
        """The open data file (the demo's while the demo is shown)."""

    @property
    def clock(self) -> Clock: ...

    @property
    def today(self) -> date: ...

    @property
    def lang(self) -> str: ...

    @property
    def abc_undo(self) -> deque[AbcDay]:
        """ABC changes, newest last, kept while the ABC screen is left."""

    @property
    def in_demo(self) -> bool: ...

    @property
    def names(self) -> ShownNames:
        """How to show each child's name: her names, or her initials only (a setting)."""

    def set_privacy(self, key: str, value: str) -> None:
        """Store a setting of domain.privacy and show it at once."""

    async def open_place(self, name: str) -> None:
        """Show a place of `screens.places` (back down the stack if it is open)."""

    def show_write_refusal(self) -> None:
        """The read-only banner on every open screen (saving may have stopped)."""

    def open_demo(self) -> None: ...

    def replace_store(self, store: Store) -> None:
        """Show another data file (or the same one opened anew): every screen anew."""

    def leave_demo(self) -> None: ...

    def offer_close_year(self, asked: bool = True) -> None: ...

    def switch_language(self, lang: str) -> None: ...
