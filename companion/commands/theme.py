"""The theme the teacher picks (Textual's "Theme" command), kept in the settings of her
data file so the next start shows it.

A stored name that Textual no longer has is passed over without a word: the default
theme shows. A file that refuses writes (read-only) keeps the choice for this session.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Final

from textual.theme import Theme, ThemeProvider

from companion.store import DataFileError

if TYPE_CHECKING:
    from companion.app import CompanionApp
    from companion.commands.palette import CompanionPalette

THEME_SETTING: Final = "theme"


def keep_theme(app: CompanionApp) -> None:
    """Show the stored theme, then store every theme she picks from now on."""
    _show_stored(app)
    app.theme_changed_signal.subscribe(app, partial(_remember, app))


def theme_follows_store(app: CompanionApp) -> None:
    """Another file is shown (the demo class, or hers again): its stored theme shows; a
    file without one keeps the theme on screen and stores it, so the theme she picked in
    the demo class is also hers at the next start."""
    if not _show_stored(app):
        _remember(app, app.current_theme)


def _show_stored(app: CompanionApp) -> bool:
    """Show the theme the file keeps, if Textual still has it; True when it did."""
    stored = app.store.settings.get(THEME_SETTING)
    if stored is None or stored not in app.available_themes:
        return False
    app.theme = stored
    return True


def _remember(app: CompanionApp, theme: Theme) -> None:
    store = app.store  # the demo's file while the demo class is shown
    if store.read_only or store.settings.get(THEME_SETTING) == theme.name:
        return
    try:
        store.settings.set(THEME_SETTING, theme.name)
    except DataFileError as error:  # saving stopped just now: the theme still shows
        app.notify(error.message(), severity="error", timeout=10)
        app.show_write_refusal()


def theme_palette() -> CompanionPalette:
    """Textual's list of themes, with its placeholder and "no matches" in our language."""
    from companion.commands.palette import CompanionPalette  # when the palette opens

    return CompanionPalette([ThemeProvider], strings="palette.theme")
