"""The Textual app: global keys, navigation, command palette, privacy curtain.

Build it with `create_app(data_path, lang)`; the store is opened (and locked) there,
so a bad data file stops the start with a clear message before any screen shows.
"""

from __future__ import annotations

import contextlib
import gc
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from companion.clock import Clock, system_clock, usable_day
from companion.commands.catalog import ANYWHERE, place_of
from companion.commands.registry import PROVIDERS
from companion.commands.system import translated
from companion.commands.theme import keep_theme, theme_palette
from companion.domain.abc import AbcDay
from companion.i18n import (
    LANGUAGES,
    current_language,
    language_from_environment,
    os_error_text,
    set_language,
    t,
)
from companion.screens.base import CompanionScreen
from companion.screens.navigation import PLACES
from companion.store import DataFileError, Store, file_has_data
from companion.store.files import demo_path_for
from companion.widgets.bindings import translate_bindings

if TYPE_CHECKING:
    from companion.commands.catalog import Command

# How many ABC changes ctrl+z can take back, wherever the teacher went in between.
UNDO_DEPTH = 20


@dataclass(frozen=True, slots=True)
class Destination:
    """A place in the app: reachable from the home screen and the command palette."""

    name: str
    key: str
    factory: Callable[[], Screen[None]]

    @property
    def title(self) -> str:
        return t(f"nav.{self.name}")

    @property
    def help(self) -> str:
        return t(f"nav.{self.name}_help")


def _destinations() -> list[Destination]:
    # Imported here so that importing the app module stays light for the CLI.
    from companion.screens.abc import AbcScreen
    from companion.screens.calendar import CalendarScreen
    from companion.screens.home import HomeScreen
    from companion.screens.learn_more import LearnMoreScreen
    from companion.screens.ledger import LedgerScreen
    from companion.screens.roster import RosterScreen
    from companion.screens.settings import SettingsScreen
    from companion.screens.start_of_year import StartOfYearScreen

    return [
        Destination(name, PLACES[name][0] if name in PLACES else "", factory)
        for name, factory in (
            ("home", HomeScreen),
            ("abc", AbcScreen),
            ("ledger", LedgerScreen),
            ("roster", RosterScreen),
            ("start_of_year", StartOfYearScreen),
            ("calendar", CalendarScreen),
            ("settings", SettingsScreen),
            ("learn_more", LearnMoreScreen),
        )
    ]


class CompanionApp(App[int]):
    TITLE = "Classroom Companion"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    # Textual's system commands and the app's own (places, actions, children).
    COMMANDS = set(PROVIDERS)
    BINDINGS = [
        Binding("f1", "help", "keys.help"),
        Binding("question_mark", "help", "keys.help", show=False),
        Binding("f2", "curtain", "keys.curtain", show=False),
        # Shown in the footer of the home screen only, where there is room for it.
        Binding("ctrl+q", "quit", "keys.quit", priority=True, show=False),
        Binding("ctrl+p", "command_palette", "keys.palette", show=False, priority=True),
    ]

    def __init__(self, store: Store, clock: Clock, lang: str) -> None:
        set_language(lang)
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.clock = clock
        self.destinations = {d.name: d for d in _destinations()}
        self.real_path: Path | None = None  # the teacher's own file while the demo is shown
        # ABC changes, newest last: kept by the app, so ctrl+z (or "ongedaan" in the
        # palette) still works after the ABC screen was left.
        self.abc_undo: deque[AbcDay] = deque(maxlen=UNDO_DEPTH)
        self._small_window_waived = False  # she chose to go on in a small window
        self._screens_ready = False  # a resize can come before the first screens

    @property
    def lang(self) -> str:
        return current_language()

    @property
    def today(self) -> date:
        return self.clock().date()

    def on_mount(self) -> None:
        # Everything built at start-up lives as long as the app: moving it out of the
        # collector's sight keeps full collections (pauses of 100-250 ms) short.
        self.call_after_refresh(gc.freeze)
        self.title = t("app.title")
        keep_theme(self)
        self._push_home()
        self._tell_backup_problem()
        if not self.store.children.all(include_archived=True):
            from companion.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        else:
            self.call_after_refresh(self._check_school_year)
        self._screens_ready = True
        self.call_after_refresh(self._mind_window_size)

    def _tell_backup_problem(self) -> None:
        if self.store.backups.problem is not None:
            self.notify(
                t(
                    "settings.backup_problem",
                    folder=str(self.store.backups.folder),
                    detail=os_error_text(self.store.backups.problem),
                ),
                severity="warning",
                timeout=15,
            )

    def show_write_refusal(self) -> None:
        """Show (or update) the read-only banner on every open screen."""
        for screen in self.screen_stack:
            if isinstance(screen, CompanionScreen):
                screen.show_write_refusal()

    def on_unmount(self) -> None:
        gc.unfreeze()
        self.store.close()

    # -- window size ------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._mind_window_size(event.size)  # self.size is not updated yet

    def _mind_window_size(self, size: Size | None = None) -> None:
        """Below 80 x 24 the panels would be cut without a word: say so, plainly, once;
        the notice leaves by itself when the window is large enough again."""
        from companion.screens.small_window import SmallWindowScreen, too_small

        if not self._screens_ready:
            return
        size = size or self.size
        notices = [s for s in self.screen_stack if isinstance(s, SmallWindowScreen)]
        if not too_small(size):
            self._small_window_waived = False
            if notices and self.screen is notices[-1]:
                notices[-1].dismiss(False)
        elif notices:
            notices[-1].show_size(size)
        elif not self._small_window_waived:

            def waived(by_window: bool | None) -> None:
                self._small_window_waived = by_window is None  # she pressed escape or enter

            self.push_screen(SmallWindowScreen(size), waived)

    # -- navigation -------------------------------------------------------------------

    async def action_open(self, name: str) -> None:
        """Go to a destination: back down the stack if it is open, else on top of home.
        Returns once the destination is the screen shown."""
        destination = self.destinations[name]
        for index, screen in enumerate(self.screen_stack):
            if isinstance(screen, CompanionScreen) and screen.id == f"screen-{name}":
                while len(self.screen_stack) > index + 1:
                    await self.pop_screen()
                return
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if name != "home":
            screen = destination.factory()
            screen.id = f"screen-{name}"
            await self.push_screen(screen)

    def _push_home(self) -> None:
        home = self.destinations["home"].factory()
        home.id = "screen-home"
        self.push_screen(home)

    def open_demo(self) -> None:
        """Write (once) and open a demo class in a file beside the real one, never in it."""
        if self.in_demo or any(w.name == "_prepare_demo" for w in self.workers):
            return
        self.notify(t("app.demo_preparing"))
        self._prepare_demo()

    @work(thread=True, exclusive=True)
    def _prepare_demo(self) -> None:
        from companion.demo import create_demo
        from companion.store.staging import AlreadyHoldsData

        path = demo_path_for(self.store.path)
        try:
            if not file_has_data(path):
                # Built beside it and put in place whole: a demo cut short by a crash is
                # never opened half, and the next try builds it again.
                with contextlib.suppress(AlreadyHoldsData):  # there after all: open it
                    create_demo(path, self.today, years=2)
            demo_store = Store.open(path, today=self.today, backup=False)
        except DataFileError as error:
            self.call_from_thread(self.notify, error.message(), severity="error", timeout=10)
            return
        self.call_from_thread(self._use_store, demo_store, self.store.path)

    @property
    def in_demo(self) -> bool:
        return self.real_path is not None

    def leave_demo(self) -> None:
        """Back from the demo class to the teacher's own file."""
        if self.real_path is None:
            return
        try:
            store = Store.open(self.real_path, today=self.today)
        except DataFileError as error:
            self.notify(error.message(), severity="error", timeout=10)
            return
        self._use_store(store, None)

    def _use_store(self, store: Store, real_path: Path | None) -> None:
        self.store.close()
        self.store = store
        self.real_path = real_path
        self.abc_undo.clear()  # its entries belong to the other file
        self._set_titles()
        self.call_later(self._rebuild_screens, [])

    def _set_titles(self) -> None:
        """The header's title and the demo's reminder, in the chosen language."""
        self.title = t("app.title")
        in_demo = self.real_path is not None
        self.sub_title = t("app.demo_subtitle", path=str(self.store.path)) if in_demo else ""

    async def _rebuild_screens(self, names: list[str]) -> None:
        """Replace every screen by a new home screen, then reopen `names` on it.

        The old screens must be gone first: a new screen cannot take the id of one that
        is still being removed (Textual raises DuplicateIds).
        """
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self._push_home()
        for name in names:
            if name in self.destinations:
                await self.action_open(name)

    # -- school years -----------------------------------------------------------------

    def _check_school_year(self) -> None:
        """At start, a school year that is over is offered for closing (never closed
        without the teacher's yes); not on a doubtful date, which home says instead."""
        self.offer_close_year(asked=False)

    def action_close_year(self) -> None:
        """From the palette: "schooljaar afsluiten"."""
        self.offer_close_year()

    def offer_close_year(self, asked: bool = True) -> None:
        """The close-year dialog, when a school year before today's is in the live file.
        Asked for (palette, settings): why not (a doubtful date, a read-only file), or
        that there is nothing to close, is said."""
        from companion.domain.calendar import school_year_label
        from companion.screens.close_year import CloseYearDialog

        store = self.store
        refusal = store.school_years.closing_refusal()  # a read-only file, a doubtful date
        summary = store.school_years.closing_summary()
        if refusal is not None or not summary.years:
            if asked and refusal is not None:
                self.notify(refusal.message(), severity="warning", timeout=10)
            elif asked:
                label = school_year_label(store.current_year)
                self.notify(t("year.nothing_to_close", current=label))
            return
        if not isinstance(self.screen, CloseYearDialog):
            dialog = CloseYearDialog(summary, store.school_years.archive_dir)
            self.push_screen(dialog, partial(self._close_years, summary.years))

    def _close_years(self, years: tuple[int, ...], confirmed: bool | None) -> None:
        from companion.reports.school_year import years_text

        if not confirmed:
            return
        try:
            closed = self.store.school_years.close(years)
        except DataFileError as error:
            self.notify(error.message(), severity="error", timeout=10)
            self.show_write_refusal()
            return
        self.notify(t("year.closed_done", years=years_text(closed.years)))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from companion.commands.palette import CompanionPalette

        if not isinstance(self.screen, CommandPalette):
            self.push_screen(CompanionPalette())

    def action_help(self) -> None:
        from companion.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_curtain(self) -> None:
        from companion.screens.curtain import CurtainScreen

        if not isinstance(self.screen, CurtainScreen):
            self.push_screen(CurtainScreen())

    def switch_language(self, lang: str) -> None:
        """Store the choice and rebuild the screens, so every label speaks it at once."""
        if lang not in LANGUAGES:
            return
        if not self.store.read_only:  # a read-only file still shows in either language
            try:
                self.store.settings.set("lang", lang)
            except DataFileError as error:
                self.notify(error.message(), severity="error", timeout=10)
                return
        set_language(lang)
        translate_bindings(self)
        self._set_titles()
        names = [s.id.removeprefix("screen-") for s in self.screen_stack[2:] if s.id]
        self.call_later(self._rebuild_screens, names)

    # -- command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, in the chosen language (the app's own commands come
        from the providers in companion/commands)."""
        return translated(super().get_system_commands(screen))

    def search_themes(self) -> None:
        """Textual's theme picker ("Theme" in the palette), in the chosen language."""
        self.push_screen(theme_palette())

    def command_available(self, command: Command, screen: Screen[object]) -> bool:
        """Whether the palette offers `command` when opened on `screen`."""
        if command.action == "open_demo":
            return not self.in_demo
        if command.action == "leave_demo":
            return self.in_demo
        if command.is_place or command.place == ANYWHERE:
            return True
        if command.place == place_of(screen):
            name, _, rest = command.action.partition("(")
            parameters = tuple(part.strip(" '\")") for part in rest.split(",") if part.strip(" )"))
            return screen.check_action(name, parameters) is not False
        return command.place in self.destinations

    async def run_command(self, command: Command) -> None:
        """Do what a palette hit says: open its place first when it is another screen's
        (an action on the child under the cursor then waits for the teacher's choice)."""
        if command.place == ANYWHERE:
            await self.run_action(command.action)
            return
        if command.place != place_of(self.screen):
            if command.place not in self.destinations:
                return
            await self.action_open(command.place)
            if command.is_place or command.on_child:
                return
        if not command.is_place:
            await self.run_action(command.action, self.screen)


def choose_language(store: Store, requested: str | None) -> str:
    """--lang first, then the stored setting, then the OS locale."""
    if requested in LANGUAGES:
        return requested
    stored = store.settings.get("lang")
    if stored in LANGUAGES:
        return stored
    return language_from_environment()


def create_app(
    data_path: Path | str, lang: str | None = None, *, clock: Clock | None = None
) -> CompanionApp:
    """Open the data file (raising DataFileError when it is unusable) and build the app."""
    clock = clock or system_clock
    store = Store.open(Path(data_path), today=usable_day(clock().date()))
    try:
        chosen = choose_language(store, lang)
        if lang in LANGUAGES and not store.read_only:
            store.settings.set("lang", chosen)
        return CompanionApp(store, clock, chosen)
    except BaseException:
        store.close()
        raise
