"""The places of the app, in one list: the home screen opens each by its key, the command
palette by its name, and escape goes back home. Adding a screen is one line here, its
file in this folder and its strings (nav.<name>, nav.<name>_help, help.screen.<name>,
palette.synonyms.place_<name>)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from companion.screens.base import CompanionScreen


@dataclass(frozen=True, slots=True)
class Place:
    """A place: `key` opens it from the home screen (named in its footer when
    `in_footer`); `screen` is "<module>.<Class>" in companion.screens, imported when the
    place is first opened, so that starting the app imports only the home screen."""

    name: str
    key: str
    in_footer: bool
    screen: str

    @property
    def screen_id(self) -> str:
        return f"screen-{self.name}"

    @property
    def title_key(self) -> str:
        return f"nav.{self.name}"

    @property
    def hint_key(self) -> str:
        """One line on what is there (the home screen's list and the palette)."""
        return f"nav.{self.name}_help"

    @property
    def help_key(self) -> str:
        """How the screen thinks (the help screen)."""
        return f"help.screen.{self.name}"

    def screen_class(self) -> type[CompanionScreen]:
        from companion.screens.base import CompanionScreen

        module, _, name = self.screen.rpartition(".")
        found = getattr(importlib.import_module(f"companion.screens.{module}"), name)
        if not (isinstance(found, type) and issubclass(found, CompanionScreen)):
            raise TypeError(f"{self.screen} is no screen")
        return found

    def build(self) -> CompanionScreen:
        """A new screen for this place, which knows its place by its id (the home
        screen, at the bottom of the stack, by its class: it is replaced in place)."""
        return self.screen_class()(id=None if self is HOME else self.screen_id)


PLACES: Final = (
    Place("home", "", False, "home.HomeScreen"),
    Place("abc", "a", True, "abc.AbcScreen"),
    Place("ledger", "w", True, "ledger.LedgerScreen"),
    Place("roster", "k", True, "roster.RosterScreen"),
    Place("start_of_year", "j", False, "start_of_year.StartOfYearScreen"),
    Place("calendar", "c", False, "calendar.CalendarScreen"),
    Place("settings", "s", False, "settings.SettingsScreen"),
    Place("learn_more", "m", False, "learn_more.LearnMoreScreen"),
    Place("needs", "b", False, "needs.class_view.NeedsClassScreen"),
    Place("samen_spel", "l", False, "samen_spel.overview.SamenSpelOverviewScreen"),
    Place("rest_corner", "r", False, "rest_corner.place.RestCornerScreen"),
    Place("journal", "d", False, "journal.timeline.JournalScreen"),
)
HOME: Final = PLACES[0]


def place_named(name: str) -> Place | None:
    return next((place for place in PLACES if place.name == name), None)


def away_from_home() -> Iterator[Place]:
    """The places the home screen opens: all but itself."""
    return (place for place in PLACES if place is not HOME)


def place_of_class(screen_class: type[object]) -> str:
    """The place a kind of screen is: its name in the list, else its class in snake case
    ("ChildHistoryScreen" -> "child_history")."""
    for place in PLACES:
        if place.screen.rpartition(".")[2] == screen_class.__name__:
            return place.name
    name = screen_class.__name__.removesuffix("Screen")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def place_of(screen: object) -> str:
    """The place a screen is: its id "screen-<name>" for a place opened from home, else
    the place of its class (the home screen, and screens opened from another one)."""
    screen_id = getattr(screen, "id", None) or ""
    if screen_id.startswith("screen-"):
        return screen_id.removeprefix("screen-")
    return place_of_class(type(screen))
