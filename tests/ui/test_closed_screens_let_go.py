"""A screen that is closed is let go: a day of going between places does not keep every
Header and footer key ever shown (Textual keeps a watcher of the app's title for each,
until the title changes; the app drops those of closed widgets, app.forget_closed_watchers)."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Header
from ui_helpers import SIZE, make_app

from companion.screens.places import HOME, away_from_home

VISITS = 6


def detached(kind: type[Widget]) -> int:
    """Widgets of `kind` still alive though no longer on any screen."""
    gc.collect()
    return sum(1 for each in gc.get_objects() if isinstance(each, kind) and not each.is_attached)


async def test_places_visited_and_left_are_not_kept(
    data_path: Path, small_class: dict[str, str]
) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for place in list(away_from_home())[:VISITS]:
            await app.open_place(place.name)
            await pilot.pause()
            await app.open_place(HOME.name)
            await pilot.pause()
        # At most the screen left last, whose watchers go at the next change of screen.
        assert detached(Header) <= 1
        footer_keys = list(app.screen.query("FooterKey"))
        assert footer_keys  # the home footer shows its keys
        assert detached(type(footer_keys[0])) <= 2 * len(footer_keys)
