"""The palette's providers, one per kind: the places of the app and the actions of its
screens. Both read the declared list in `catalog`; a hit runs through the app, which
opens the place first when the action belongs to another screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from companion.commands.catalog import ACTIONS, ANYWHERE, PLACES, Command, match_score, place_of
from companion.i18n import t

if TYPE_CHECKING:
    from companion.app import CompanionApp

# Textual's fuzzy match on the title (its letters in order, unbounded scores) still
# offers a hit, so an abbreviation finds something, but always below a word match.
FUZZY_CEILING = 0.5


def _fuzzy(score: float) -> float:
    return FUZZY_CEILING * score / (score + 1) if score > 0 else 0.0


class _CatalogProvider(Provider):
    """Hits for some of the declared commands, in the chosen language."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def title(self, command: Command) -> str:
        return t(command.title)

    def help(self, command: Command) -> str:
        # The palette reads help as markup: "([ of -)" must stay text.
        return escape(t(command.help))

    def _offered(self) -> list[Command]:
        return [c for c in self.commands() if self.companion.command_available(c, self.screen)]

    def discovered(self) -> Iterable[Command]:
        """What an empty palette lists (typing searches everything)."""
        return self._offered()

    async def discover(self) -> Hits:
        for command in self.discovered():
            yield DiscoveryHit(
                Content(self.title(command)),
                partial(self.companion.run_command, command),
                help=self.help(command),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._offered():
            title = self.title(command)
            score = match_score(query, command)
            fuzzy = matcher.match(title)
            if not score:
                score = _fuzzy(fuzzy)
                if not score:
                    continue
            display = matcher.highlight(title) if fuzzy else Content(title)
            yield Hit(
                score,
                display,
                partial(self.companion.run_command, command),
                text=title,
                help=self.help(command),
            )


class PlacesProvider(_CatalogProvider):
    """ "Ga naar: Klas": every screen the app can open."""

    def commands(self) -> Iterable[Command]:
        return PLACES

    def title(self, command: Command) -> str:
        return f"{t('palette.go_to')} {t(command.title)}"


class ActionsProvider(_CatalogProvider):
    """Every action of every screen, and those that work anywhere."""

    def commands(self) -> Iterable[Command]:
        return ACTIONS

    def discovered(self) -> Iterable[Command]:
        # Unasked, only what can be done here and anywhere: the whole list is long.
        here = place_of(self.screen)
        return [c for c in self._offered() if c.place in (here, ANYWHERE)]


__all__ = ["ANYWHERE", "ActionsProvider", "PlacesProvider"]
