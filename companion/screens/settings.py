"""Instellingen en gegevens / Settings and data: language, where everything lives, backups."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from companion.domain.privacy import (
    CURTAIN_SETTING,
    INITIALS_SETTING,
    curtain_seconds,
    initials_on,
    next_curtain_choice,
)
from companion.i18n import current_language, os_error_text, t
from companion.screens.base import CompanionScreen
from companion.screens.retention import cycle_retention, retention_text, review_old_archives
from companion.store import Store


def room_settings_text(store: Store) -> Content:
    """Privacy in the room: names as initials, and when the curtain falls by itself."""
    initials = initials_on(store.settings.get(INITIALS_SETTING))
    seconds = curtain_seconds(store.settings.get(CURTAIN_SETTING))
    minutes = round(seconds / 60)
    if not seconds:
        after = t("privacy.curtain_off")
    elif seconds < 60:  # only ever set so by hand (or a test): said as it is
        after = t("privacy.curtain_seconds", seconds=f"{seconds:g}")
    else:
        after = t("privacy.curtain_after", minutes=minutes)
    return Content.assemble(
        (t("privacy.room"), "bold"),
        "\n",
        (t("privacy.initials"), "bold"),
        f"  {t('privacy.on' if initials else 'privacy.off')}   ",
        (t("privacy.initials_hint"), "dim"),
        "\n",
        (t("privacy.curtain"), "bold"),
        f"  {after}   ",
        (t("privacy.curtain_hint"), "dim"),
    )


class SettingsScreen(CompanionScreen):
    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("l", "switch_language", "settings.switch_language"),
        Binding("b", "leave_demo", "settings.leave_demo_key"),
        Binding("y", "close_year", "year.close_key"),
        # Said in the backups paragraph ("r (Backups)"): the footer has no room left.
        Binding("r", "backups", "backup.screen.key", show=False),
        # Said beside each setting on the screen (the footer has no room left for them).
        Binding("n", "toggle_initials", "privacy.initials_key", show=False),
        Binding("t", "next_curtain_time", "privacy.curtain_key", show=False),
        # How long archives are kept, and the old ones reviewed (asks first): said beside
        # the setting, like n and t.
        Binding("a", "next_retention", "purge.retention_key", show=False),
        Binding("o", "old_archives", "purge.retention_review_key", show=False),
        # Whether the data is encrypted, and how to turn it on, off or change it: said
        # beside the setting too.
        Binding("e", "encryption", "encryption.settings.title", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="settings-language", classes="setting")
            yield Static(id="settings-files", classes="setting")
            yield Static(id="settings-room", classes="setting")
            yield Static(id="settings-retention", classes="setting")
            yield Static(id="settings-encryption", classes="setting")
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
        self.query_one("#settings-room", Static).update(room_settings_text(store))
        self.query_one("#settings-retention", Static).update(retention_text(store))
        state = "on" if store.encrypted else "off"
        self.query_one("#settings-encryption", Static).update(
            Content.assemble(
                (t("encryption.settings.title"), "bold"),
                f"  {t(f'encryption.settings.state_{state}')}   ",
                (t("encryption.settings.hint"), "dim"),
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.companion.in_demo if action == "leave_demo" else True

    def action_leave_demo(self) -> None:
        self.companion.leave_demo()

    def action_backups(self) -> None:
        from companion.screens.backups import BackupsScreen

        self.app.push_screen(BackupsScreen())

    def action_encryption(self) -> None:
        from companion.screens.encryption import EncryptionDialog

        store = self.companion.store
        self.app.push_screen(EncryptionDialog(store.path, store.encrypted))

    def action_close_year(self) -> None:
        self.companion.offer_close_year()

    def action_toggle_initials(self) -> None:
        shown = initials_on(self.companion.store.settings.get(INITIALS_SETTING))
        self.companion.set_privacy(INITIALS_SETTING, "off" if shown else "on")

    def action_next_curtain_time(self) -> None:
        chosen = next_curtain_choice(self.companion.store.settings.get(CURTAIN_SETTING))
        self.companion.set_privacy(CURTAIN_SETTING, str(chosen))
        self.refresh_data()

    def action_next_retention(self) -> None:
        cycle_retention(self)
        self.refresh_data()

    def action_old_archives(self) -> None:
        review_old_archives(self)

    def action_switch_language(self) -> None:
        self.companion.switch_language("en" if current_language() == "nl" else "nl")
