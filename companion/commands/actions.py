"""The actions provider: every action of every screen, and those that work anywhere."""

from __future__ import annotations

from collections.abc import Iterable

from companion.commands.base import CatalogProvider
from companion.commands.catalog import ACTIONS, ANYWHERE, Command, place_of


class ActionsProvider(CatalogProvider):
    def commands(self) -> Iterable[Command]:
        return ACTIONS

    def discovered(self) -> Iterable[Command]:
        # Unasked, only what can be done here and anywhere: the whole list is long.
        here = place_of(self.screen)
        return [c for c in self.offered() if c.place in (here, ANYWHERE)]
