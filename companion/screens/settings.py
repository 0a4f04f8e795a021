"""Instellingen en gegevens / Settings and data: language, where everything lives, backups."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from companion.i18n import current_language, os_error_text, t
from companion.screens.base import CompanionScreen


class SettingsScreen(CompanionScreen):
    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("l", "switch_language", "settings.switch_language"),
        Binding("b", "leave_demo", "settings.leave_demo_key"),
        Binding("y", "close_year", "year.close_key"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="settings-language", classes="setting")
            yield Static(id="settings-files", classes="setting")
            yield Static(t("settings.privacy"), classes="setting hint")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        language = t(f"settings.language_{current_language()}")
        self.query_one("#settings-language", Static).update(
            Content.assemble(
                (t("settings.language"), "bold"),
                f"  {language}   ",
                (t("settings.language_hint"), "dim"),
            )
        )
        backups = store.backups.all()
        rows = [
            (t("settings.data_file"), str(store.path)),
            (
                t("settings.backups"),
                f"{store.backups.folder}  ({t('settings.backup_count', count=len(backups))})",
            ),
            (t("settings.archive"), str(store.school_years.archive_dir)),
            (
                t("settings.school_years"),
                ", ".join(f"{y}-{y + 1}" for y in store.school_years.all()),
            ),
        ]
        parts: list[Content | str | tuple[str, str]] = []
        if self.companion.in_demo:
            parts += [(t("settings.demo_note"), "bold $warning"), "\n\n"]
        if store.backups.problem is not None:
            problem = t(
                "settings.backup_problem",
                folder=str(store.backups.folder),
                detail=os_error_text(store.backups.problem),
            )
            parts += [(problem, "bold $warning"), "\n\n"]
        for label, value in rows:
            parts += [(label, "bold"), "\n", f"  {value}\n"]
        parts.append((t("settings.backup_howto"), "dim"))
        self.query_one("#settings-files", Static).update(Content.assemble(*parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.companion.in_demo if action == "leave_demo" else True

    def action_leave_demo(self) -> None:
        self.companion.leave_demo()

    def action_close_year(self) -> None:
        self.companion.offer_close_year()

    def action_switch_language(self) -> None:
        self.companion.switch_language("en" if current_language() == "nl" else "nl")
