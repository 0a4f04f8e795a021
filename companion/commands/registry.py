"""Every provider of the palette, in one place: a feature adds its module and one line.

Textual's own system commands (theme, keys, screenshot, quit) are the first: Textual's
provider, reading `App.get_system_commands`, with our words in either language.
"""

from __future__ import annotations

from typing import Final

from textual.command import Provider

from companion.commands.actions import ActionsProvider
from companion.commands.children import ChildrenProvider
from companion.commands.places import PlacesProvider
from companion.commands.system import SystemProvider

PROVIDERS: Final[tuple[type[Provider], ...]] = (
    SystemProvider,
    PlacesProvider,
    ActionsProvider,
    ChildrenProvider,
)
