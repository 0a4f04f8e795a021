"""First start: import a class list, add children by hand, or try a demo class."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Markdown, OptionList
from textual.widgets.option_list import Option

from companion.i18n import t
from companion.screens.base import CompanionScreen


class WelcomeScreen(CompanionScreen):
    CSS_PATH = "welcome.tcss"
    AUTO_FOCUS = "OptionList"
    BINDINGS = [
        Binding("i", "choose('import')", "welcome.import_key"),
        Binding("n", "choose('add')", "welcome.add_key"),
        Binding("d", "choose('demo')", "welcome.demo_key"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Markdown(t("welcome.text"))
            yield OptionList(
                Option(f"i  {t('welcome.import')}", id="import"),
                Option(f"n  {t('welcome.add')}", id="add"),
                Option(f"d  {t('welcome.demo')}", id="demo"),
            )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_choose(event.option.id)

    def action_back(self) -> None:
        self.dismiss()

    def action_choose(self, choice: str) -> None:
        from companion.screens.places import place_named
        from companion.screens.roster import RosterScreen

        if choice == "demo":
            self.companion.open_demo()
            return
        self.dismiss()
        # The class list as the one list of places builds it (its id, its place).
        roster = place_named("roster")
        screen = roster.build() if roster is not None else None
        if not isinstance(screen, RosterScreen):
            return
        self.app.push_screen(screen)
        screen.call_after_refresh(screen.action_import if choice == "import" else screen.action_new)
