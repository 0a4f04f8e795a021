"""What the palette's providers of declared commands share: the typed app, titles and
help in the chosen language, and one way to score a hit."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from companion.commands.catalog import Command, match_score
from companion.i18n import t

if TYPE_CHECKING:
    from companion.app import CompanionApp

# Textual's fuzzy match on the title (its letters in order, unbounded scores) still
# offers a hit, so an abbreviation finds something, but always below a word match.
FUZZY_CEILING = 0.5


def fuzzy_score(score: float) -> float:
    return FUZZY_CEILING * score / (score + 1) if score > 0 else 0.0


class CompanionProvider(Provider):
    """A provider of the app: it reaches the store and the app's commands, typed."""

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)


class CatalogProvider(CompanionProvider):
    """Hits for some of the commands declared in `catalog`, in the chosen language."""

    def commands(self) -> Iterable[Command]:
        raise NotImplementedError

    def title(self, command: Command) -> str:
        return t(command.title)

    def help(self, command: Command) -> str:
        # The palette reads help as markup: "([ of -)" must stay text.
        return escape(t(command.help))

    def offered(self) -> list[Command]:
        return [c for c in self.commands() if self.companion.command_available(c, self.screen)]

    def discovered(self) -> Iterable[Command]:
        """What an empty palette lists (typing searches everything)."""
        return self.offered()

    async def discover(self) -> Hits:
        for command in self.discovered():
            yield DiscoveryHit(
                Content(self.title(command)),
                partial(self.companion.run_command, command),
                help=self.help(command),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.offered():
            title = self.title(command)
            score = match_score(query, command)
            fuzzy = matcher.match(title)
            if not score:
                score = fuzzy_score(fuzzy)
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
