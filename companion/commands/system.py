"""Textual's own commands (theme, keys, screenshot, quit...), in the chosen language and
found by the words of either language ("theme" finds "Thema"), as ours are.

`App.get_system_commands` yields them (Textual's hook, where the app may add more);
`translated` puts our titles and help on them there; the provider searches them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from textual.app import SystemCommand
from textual.command import Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

from companion.commands.base import fuzzy_score
from companion.commands.catalog import ANYWHERE, Command, match_score
from companion.i18n import t

# Textual's commands by their English title: the name of their strings in [system].
SYSTEM_NAMES: Final = {
    "Theme": "theme",
    "Quit": "quit",
    "Keys": "keys",
    "Minimize": "minimize",
    "Maximize": "maximize",
    "Screenshot": "screenshot",
}
# "Keys" hides the panel when it is open: a help and words of its own.
KEYS_HIDE: Final = "keys_hide"


def system_entry(name: str) -> Command:
    """A system command's strings, in the shape the palette's matcher reads."""
    return Command(
        ANYWHERE,
        name,
        f"palette.system.{name}",
        f"palette.system.{name}_help",
        f"palette.system.{name}_words",
    )


def all_system_entries() -> tuple[Command, ...]:
    return tuple(system_entry(name) for name in (*SYSTEM_NAMES.values(), KEYS_HIDE))


def translated(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's commands with our title and help; one a newer Textual added stays in
    English (better than none)."""
    for command in commands:
        name = SYSTEM_NAMES.get(command.title)
        if name is None:
            yield command
            continue
        if name == "keys" and command.help.startswith("Hide"):
            name = KEYS_HIDE
        entry = system_entry(name)
        yield command._replace(title=t(entry.title), help=t(entry.help))


class SystemProvider(SystemCommandsProvider):
    """Textual's provider (its discovery unchanged), searching with our words too."""

    async def search(self, query: str) -> Hits:
        entries = {(t(e.title), t(e.help)): e for e in all_system_entries()}
        matcher = self.matcher(query)
        for command in self.app.get_system_commands(self.screen):
            entry = entries.get((command.title, command.help))
            score = match_score(query, entry) if entry is not None else 0.0
            fuzzy = matcher.match(command.title)
            score = score or fuzzy_score(fuzzy)
            if score:
                display = matcher.highlight(command.title) if fuzzy else Content(command.title)
                yield Hit(score, display, command.callback, text=command.title, help=command.help)
