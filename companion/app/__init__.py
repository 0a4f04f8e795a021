"""The Textual app: global keys, the places and how to go between them, the command
palette, the privacy curtain and the language.

Build it with `create_app(data_path, lang)`; the store is opened (and locked) there,
so a bad data file stops the start with a clear message before any screen shows.
The app's own flows live beside it: demo_switch, close_year and window_size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from companion.app.close_year import offer_close_year
from companion.app.collector import IdleCollector
from companion.app.demo_switch import DemoSwitch
from companion.app.idle import IdleCurtain
from companion.app.window_size import WindowSizeWatch
from companion.clock import Clock, system_clock, usable_day
from companion.commands.catalog import ANYWHERE, place_of
from companion.commands.registry import PROVIDERS
from companion.commands.system import translated
from companion.commands.theme import keep_theme, theme_follows_store, theme_palette
from companion.context import Companion
from companion.domain.abc import AbcDay
from companion.domain.children import ShownNames
from companion.domain.privacy import CURTAIN_SETTING, INITIALS_SETTING, initials_on
from companion.i18n import (
    LANGUAGES,
    current_language,
    language_from_environment,
    os_error_text,
    set_language,
    t,
)
from companion.screens.base import CompanionScreen
from companion.screens.home import HomeScreen
from companion.screens.places import HOME, place_named
from companion.store import DataFileError, Store
from companion.widgets.bindings import translate_bindings

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from companion.commands.catalog import Command
    from companion.store.codec.crypto import Keyring

# How many ABC changes ctrl+z can take back, wherever the teacher went in between.
UNDO_DEPTH: Final = 20


class CompanionApp(App[int]):
    TITLE = "Classroom Companion"
    # The home screen is Textual's default screen, whose CSS_PATH Textual does not read:
    # the app loads its stylesheet (scoped to HomeScreen).
    CSS_PATH = ["app.tcss", "../screens/home.tcss"]
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
        self.demo = DemoSwitch(self)
        # ABC changes, newest last: kept by the app, so ctrl+z (or "ongedaan" in the
        # palette) still works after the ABC screen was left.
        self.abc_undo: deque[AbcDay] = deque(maxlen=UNDO_DEPTH)
        self._window = WindowSizeWatch(self)
        self.idle_curtain = IdleCurtain(self)
        self.collector = IdleCollector(self)
        self._names: tuple[Store, int, ShownNames] | None = None

    @property
    def lang(self) -> str:
        return current_language()

    @property
    def today(self) -> date:
        return self.clock().date()

    def get_default_screen(self) -> Screen[None]:
        """Textual's hook: the home screen is the bottom of the stack."""
        return HOME.build()

    def on_mount(self) -> None:
        self.call_after_refresh(self.collector.start)
        self.title = t("app.title")
        keep_theme(self)
        self._tell_backup_problem()
        if not self.store.children.has_any():
            from companion.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        else:
            self.call_after_refresh(self.offer_close_year, False)
        self._window.ready = True
        self.call_after_refresh(self._window.check)
        self.idle_curtain.start()

    async def on_event(self, event: events.Event) -> None:
        # Every key and mouse event reaches the app first: the curtain's idle time.
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.idle_curtain.touched()
            self.collector.touched()
        await super().on_event(event)

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
        self.collector.stop()
        self.store.close()

    def pop_screen(self) -> AwaitComplete:
        forget_closed_watchers(self)
        self.collector.screen_closed()
        return super().pop_screen()

    def on_resize(self, event: events.Resize) -> None:
        self._window.check(event.size)  # self.size is not updated yet

    # -- places -----------------------------------------------------------------------

    async def open_place(self, name: str) -> None:
        """Go to a place: back down the stack if it is open, else on top of home.
        Returns once the place is the screen shown."""
        place = place_named(name)
        if place is None:
            return
        stack = self.screen_stack
        depth = next((i for i, s in enumerate(stack) if place_of(s) == name), None)
        if depth is None and place is not HOME:
            depth = 0  # the home screen, with the place on top of it
        while depth is not None and len(self.screen_stack) > depth + 1:
            await self.pop_screen()
        if place_of(self.screen) != name:
            await self.push_screen(place.build())

    async def action_open(self, name: str) -> None:
        """The home screen's keys (and the palette's places)."""
        await self.open_place(name)

    def places_above_home(self) -> list[str]:
        return [place_of(screen) for screen in self.screen_stack[1:] if screen.id]

    async def rebuild_screens(self, names: list[str]) -> None:
        """Every screen anew: home rebuilt in place, then `names` opened on it.

        The old screens are gone first: a new screen cannot take the id of one that is
        still being removed (Textual raises DuplicateIds).
        """
        curtain_was_down = self.curtain_is_down()
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            await home.rebuild()
        for name in names:
            await self.open_place(name)
        if curtain_was_down:  # the data file changed behind it: it stays down
            self.action_curtain()

    # -- the data file ----------------------------------------------------------------

    def replace_store(self, store: Store) -> None:
        """Show another data file (the demo's, or hers again): every screen anew.

        What is being typed is kept in the file it belongs to first: the screens are
        taken off only after the swap."""
        for screen in self.screen_stack:
            if isinstance(screen, CompanionScreen):
                screen.save_typing()
        self.store.close()
        self.store = store
        self.abc_undo.clear()  # its entries belong to the other file
        theme_follows_store(self)
        self._set_titles()
        self.call_later(self.rebuild_screens, [])

    @property
    def in_demo(self) -> bool:
        return self.demo.in_demo

    def open_demo(self) -> None:
        """Write (once) and open a demo class in a file beside the real one, never in it."""
        self.demo.open()

    def leave_demo(self) -> None:
        self.demo.leave()

    def action_open_demo(self) -> None:
        """From the palette: "demoklas bekijken"."""
        self.open_demo()

    def _set_titles(self) -> None:
        """The header's title and the demo's reminder, in the chosen language."""
        self.title = t("app.title")
        demo = t("app.demo_subtitle", path=str(self.store.path))
        self.sub_title = demo if self.in_demo else ""

    def offer_close_year(self, asked: bool = True) -> None:
        offer_close_year(self, asked)

    def action_close_year(self) -> None:
        """From the palette: "schooljaar afsluiten"."""
        self.offer_close_year()

    # -- keys anywhere ----------------------------------------------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from companion.commands.palette import CompanionPalette

        if not isinstance(self.screen, CommandPalette):
            self.push_screen(CompanionPalette())

    async def action_page(self) -> None:
        """From the palette: a child's page, of the child under the cursor where the
        screen has one (as its `p` does), else of the child she names."""
        if callable(getattr(self.screen, "action_page", None)):
            await self.run_action("page", self.screen)
        else:
            from companion.screens.child_page import show_page

            show_page(self, None)

    async def action_check_in(self, subject: str = "") -> None:
        """From the palette: the rest corner's "where are you now?" for the class
        ("class"), me ("me"), or the child under the cursor where the screen has one (as
        its `z` does), else for whom she chooses."""
        if not subject and callable(getattr(self.screen, "action_check_in", None)):
            await self.run_action("check_in", self.screen)
            return
        from companion.screens.rest_corner.flow import start_check_in

        if isinstance(self.screen, CompanionScreen):
            start_check_in(self.screen, subject or None)

    async def action_report_child(self) -> None:
        """From the palette: a child's report, of the child the screen shows (her page's
        `v`), else of the child she names."""
        if callable(getattr(self.screen, "action_report_child", None)):
            await self.run_action("report_child", self.screen)
            return
        from companion.screens.report import child_report_asked

        child_report_asked(self, None)

    async def action_report_class(self) -> None:
        """From the palette: the class report of the week the screen shows (the
        ledger's `v`), else of this week."""
        if callable(getattr(self.screen, "action_report_class", None)):
            await self.run_action("report_class", self.screen)
            return
        from companion.screens.report import class_report_shown

        class_report_shown(self)

    def action_report_handover(self) -> None:
        """From the palette: the handover to next year's teacher, reviewed first."""
        from companion.screens.report import handover_review_shown

        handover_review_shown(self)

    def action_how_it_went(self) -> None:
        """From the palette: the rest corner's strategies still waiting for how it went."""
        from companion.screens.rest_corner.flow import say_how_it_went

        if isinstance(self.screen, CompanionScreen):
            say_how_it_went(self.screen)

    def action_help(self) -> None:
        from companion.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_curtain(self) -> None:
        from companion.screens.curtain import CurtainScreen

        if not isinstance(self.screen, CurtainScreen):
            self.push_screen(CurtainScreen())

    def curtain_is_down(self) -> bool:
        from companion.screens.curtain import CurtainScreen

        return any(isinstance(screen, CurtainScreen) for screen in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Behind the curtain neither the palette (it finds children by name) nor help
        # opens: the key goes to the curtain instead.
        hidden = action in {"command_palette", "help", "curtain"}
        return not (hidden and self.curtain_is_down())

    # -- privacy in the room ----------------------------------------------------------

    @property
    def names(self) -> ShownNames:
        """How the screens name each child (initials only, with the setting on)."""
        store = self.store
        if self._names is not None and self._names[:2] == (store, store.revision):
            return self._names[2]
        initials = initials_on(store.settings.get(INITIALS_SETTING))
        children = store.children
        # Those who left are read (from the archives) only when one of them is shown.
        names = ShownNames.of(children.in_live_file(), initials=initials, later=children.past)
        self._names = (store, store.revision, names)
        return names

    def set_privacy(self, key: str, value: str) -> None:
        """Store a privacy setting (names as initials, the idle curtain) and show it:
        every screen anew for the names, the idle time counted again for the curtain."""
        if key not in (INITIALS_SETTING, CURTAIN_SETTING):
            return
        try:
            self.store.settings.set(key, value)
        except DataFileError as error:
            self.notify(error.message(), severity="error", timeout=10)
            return
        if key == CURTAIN_SETTING:
            self.idle_curtain.start()
        else:
            self.call_later(self.rebuild_screens, self.places_above_home())

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
        self.call_later(self.rebuild_screens, self.places_above_home())

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
        return place_named(command.place) is not None

    async def run_command(self, command: Command) -> None:
        """Do what a palette hit says: open its place first when it is another screen's
        (an action on the child under the cursor then waits for the teacher's choice)."""
        if command.place == ANYWHERE:
            await self.run_action(command.action)
            return
        if command.place != place_of(self.screen):
            if place_named(command.place) is None:
                return
            await self.open_place(command.place)
            if command.is_place or command.on_child:
                return
        if not command.is_place:
            await self.run_action(command.action, self.screen)


def forget_closed_watchers(app: App[int]) -> None:
    """Let go of the widgets that are gone but still watch a value of one that stays.

    Textual keeps each watcher until the watched value next changes: every screen's
    Header watches the app's title, which never does, and the home footer's keys, made
    anew at each change of screen, watch the footer. Without this a day of going between
    screens would keep every Header and key ever shown. Run as each screen is popped: the
    one popped before is closed by then."""
    screens = app.screen_stack
    nodes = (node for screen in screens for node in screen.walk_children(with_self=True))
    for node in [app, *nodes]:
        for watchers in getattr(node, "__watchers", {}).values():
            watchers[:] = [(watcher, call) for watcher, call in watchers if not watcher._closing]


# mypy proves here that the app is all that the screens take it for.
_SCREENS_VIEW: type[Companion] = CompanionApp


def choose_language(store: Store, requested: str | None) -> str:
    """--lang first, then the stored setting, then the OS locale."""
    if requested in LANGUAGES:
        return requested
    stored = store.settings.get("lang")
    if stored in LANGUAGES:
        return stored
    return language_from_environment()


def create_app(
    data_path: Path | str,
    lang: str | None = None,
    *,
    clock: Clock | None = None,
    keyring: Keyring | None = None,
) -> CompanionApp:
    """Open the data file (raising DataFileError when it is unusable) and build the app.
    `keyring`: the passphrase of an encrypted data file (app/unlock.py asks it first)."""
    clock = clock or system_clock
    store = Store.open(Path(data_path), today=usable_day(clock().date()), keyring=keyring)
    try:
        chosen = choose_language(store, lang)
        if lang in LANGUAGES and not store.read_only:
            store.settings.set("lang", chosen)
        return CompanionApp(store, clock, chosen)
    except BaseException:
        store.close()
        raise
