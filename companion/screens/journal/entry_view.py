"""Read one journal entry: its title, the day and time in words, its kind (the prompt it
answers), the children it is about, its tags, starred or private; then the whole text,
to scroll with the arrows and page keys. `e` edits it, `s` stars it, `delete` deletes it
after asking (back on the timeline, ctrl+z brings it back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, Static, TextArea

from companion.domain.children import collation_key
from companion.domain.journal import JournalEntry
from companion.i18n import long_date, t
from companion.screens.base import CompanionScreen, done
from companion.screens.journal.timeline import PRIVATE, STAR, day_text


class EntryViewScreen(CompanionScreen):
    CSS_PATH = "entry_view.tcss"
    AUTO_FOCUS = "#view-text"
    BINDINGS = [
        Binding("e", "edit", "journal.view.key.edit"),
        Binding("s", "star", "journal.view.key.star"),
        # The text is read only: its delete key is the screen's.
        Binding("delete", "delete", "journal.view.key.delete", priority=True),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(
        self,
        entry_id: str,
        *,
        on_saved: Callable[[JournalEntry], None] | None = None,
        on_deleted: Callable[[JournalEntry], None] | None = None,
    ) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: JournalEntry | None = None
        self.on_saved = on_saved
        self.on_deleted = on_deleted

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="view-head")
        yield TextArea(id="view-text", read_only=True, soft_wrap=True, compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        store = self.companion.store
        self.entry = self.write(lambda: store.journal.find(self.entry_id))
        entry = self.entry
        if entry is None:
            self.query_one("#view-head", Static).update(t("journal.editor.gone"))
            self.query_one("#view-text", TextArea).load_text("")
            return
        lang = self.companion.lang
        shown = self.companion.names
        names = {c.id: shown.full(c) for c in store.children.all(include_archived=True)}
        parts: list[Content | str | tuple[str, str]] = []
        if entry.starred:
            parts.append((f"{STAR} ", "bold"))
        parts.append((entry.title, "bold"))
        parts += [
            "\n",
            (f"{long_date(entry.day)}, {entry.written_at:%H:%M}", "dim"),
            (f" · {t(f'journal.entry.kind.{entry.kind}')}", "dim"),
        ]
        if entry.private:
            parts += ["  ", (f"{PRIVATE} {t('journal.entry.private')}", "italic")]
        if entry.prompt:
            found = next((p for p in store.journal.prompts() if p.key == entry.prompt), None)
            if found is not None:
                parts += ["\n", (found.text_in(lang), "italic")]
        children = sorted((names.get(c, "?") for c in entry.children), key=collation_key)
        if children:
            parts += ["\n", (t("journal.editor.children"), "bold"), " ", ", ".join(children)]
        tags = entry.all_tags()
        if tags:
            parts += [
                "\n",
                (t("journal.editor.tags"), "bold"),
                " ",
                " ".join(f"@{g}" for g in tags),
            ]
        self.query_one("#view-head", Static).update(Content.assemble(*parts))
        area = self.query_one("#view-text", TextArea)
        if area.text != entry.text:
            area.load_text(entry.text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "star", "delete"):
            return self.entry is not None
        return True

    def action_edit(self) -> None:
        from companion.screens.journal.editor import EntryEditorScreen

        if self.entry is not None:
            self.app.push_screen(EntryEditorScreen(self.entry.id, on_saved=self.on_saved))

    def action_star(self) -> None:
        entry = self.entry
        if entry is None:
            return
        store = self.companion.store
        saved = self.write(lambda: store.journal.save(replace(entry, starred=not entry.starred)))
        if saved is not None:
            if self.on_saved is not None:
                self.on_saved(saved)
            self.refresh_data()
            key = "journal.timeline.starred" if saved.starred else "journal.timeline.unstarred"
            self.notify(t(key, title=saved.title))

    def action_delete(self) -> None:
        from companion.screens.confirm import ConfirmDialog

        entry = self.entry
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            store = self.companion.store
            if yes and self.write(done(lambda: store.journal.delete(entry))):
                if self.on_deleted is not None:
                    self.on_deleted(entry)
                self.notify(t("journal.timeline.deleted", title=entry.title))
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog(
                t("journal.delete_entry.title"),
                t("journal.delete_entry.question", title=entry.title, day=day_text(entry.day)),
                t("journal.delete_entry.confirm"),
            ),
            answered,
        )
