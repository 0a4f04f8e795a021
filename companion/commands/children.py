"""The child finder: her name, typed in any case and without accents, offers each place
that shows her ("zoe" -> "Zoë: page", "Zoë: history", "Zoë: ABC row", "Zoë: relational
needs", "Zoë: Samen-Spel"); a word after her name picks one ("zoe samen").

A place for one child is one more entry in `CHILD_PLACES` (and its two strings in
`[child]` of palette.toml): what helps her in the rest corner, later, is added there.
Children who left the class (archived) are not offered: the class list shows them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Final

from textual.command import Hit, Hits
from textual.content import Content
from textual.markup import escape

from companion.commands.base import CompanionProvider
from companion.commands.catalog import words_of
from companion.domain.children import Child, collation_key, matches
from companion.i18n import LANGUAGES, t

if TYPE_CHECKING:
    from companion.app import CompanionApp

# Her whole first (or last) name ranks above a place's title; a beginning just below.
WHOLE_NAME_SCORE = 0.95
NAME_BEGINNING_SCORE = 0.8


@dataclass(frozen=True, slots=True)
class ChildPlace:
    """A place that shows one child. `name` keys its strings: palette.child.<name> (the
    place, after her name) and palette.child.<name>_help (with {name})."""

    name: str
    open: Callable[[CompanionApp, str], Awaitable[None]]

    def words(self) -> list[str]:
        """What may follow her name to pick this place ("zoe abc"), in either language."""
        return [
            word for lang in LANGUAGES for word in words_of(t(f"palette.child.{self.name}", lang))
        ]


async def _open_page(app: CompanionApp, child_id: str) -> None:
    """Her page, over the screen she was on: escape goes back there."""
    from companion.screens.child_page import ChildPageScreen

    await app.push_screen(ChildPageScreen(child_id))


async def _open_history(app: CompanionApp, child_id: str) -> None:
    """Her school year, over the week ledger (where it opens from): escape goes there."""
    from companion.screens.child_history import ChildHistoryScreen

    await app.open_place("ledger")
    await app.push_screen(ChildHistoryScreen(child_id))


async def _open_abc_row(app: CompanionApp, child_id: str) -> None:
    """The ABC of Love with the cursor on her row: a tick is one key away."""
    from companion.screens.abc import AbcScreen

    await app.open_place("abc")
    if isinstance(app.screen, AbcScreen):
        app.screen.show_child(child_id)


async def _open_needs(app: CompanionApp, child_id: str) -> None:
    """Her relational needs, over her page (as the page's b opens them): escape goes to
    the page, which shows what she changed."""
    from companion.screens.needs.profile import NeedsProfileScreen

    await _open_page(app, child_id)
    await app.push_screen(NeedsProfileScreen(child_id))


async def _open_samen_spel(app: CompanionApp, child_id: str) -> None:
    """Her Samen-Spel (plan, sessions, fidelity), over her page (as the page's l)."""
    from companion.screens.samen_spel.child import SamenSpelChildScreen

    await _open_page(app, child_id)
    await app.push_screen(SamenSpelChildScreen(child_id))


async def _check_in(app: CompanionApp, child_id: str) -> None:
    """The rest corner's "where are you now?" for her, over the screen she was on."""
    from companion.screens.base import CompanionScreen
    from companion.screens.rest_corner.flow import start_check_in

    if isinstance(app.screen, CompanionScreen):
        start_check_in(app.screen, child_id)


CHILD_PLACES: Final[tuple[ChildPlace, ...]] = (
    ChildPlace("page", _open_page),  # first: her name offers her page first
    ChildPlace("history", _open_history),
    ChildPlace("abc_row", _open_abc_row),
    ChildPlace("needs", _open_needs),
    ChildPlace("samen_spel", _open_samen_spel),
    ChildPlace("check_in", _check_in),
)


def child_score(query: str, child: Child, place: ChildPlace) -> float:
    """How well `query` names the child (through the domain's matcher, word by word) and,
    with any other words, the place; 0: not her, or not this place. The query is split
    as the titles are ("samen-spel" is two words)."""
    parts = words_of(query)
    named = [part for part in parts if matches(child, part)]
    if not named:
        return 0.0
    place_words = place.words()
    for part in parts:
        if part not in named and not any(w.startswith(collation_key(part)) for w in place_words):
            return 0.0
    name_words = words_of(child.full_name)
    whole = all(collation_key(part) in name_words for part in named)
    return WHOLE_NAME_SCORE if whole else NAME_BEGINNING_SCORE


class ChildrenProvider(CompanionProvider):
    """Typing finds a child of the class; an empty palette lists no children."""

    async def search(self, query: str) -> Hits:
        children = self.companion.store.children.all()  # the archived are left out
        names = self.companion.names.short(children)
        for child in children:
            for place in CHILD_PLACES:
                score = child_score(query, child, place)
                if not score:
                    continue
                title = t(
                    "palette.child.title",
                    name=names[child.id],
                    place=t(f"palette.child.{place.name}"),
                )
                yield Hit(
                    score,
                    Content(title),
                    partial(place.open, self.companion, child.id),
                    text=title,
                    help=escape(t(f"palette.child.{place.name}_help", name=names[child.id])),
                )
