"""Write or edit a journal entry: its day and time, a title, the text (a roomy TextArea
with soft wrap), starred and private, the children it is about (ctrl+l: type to find)
and its tags (ctrl+t: picked; `@tags` in the text count too). ctrl+s saves.

Writing is never lost. While she types, a draft is kept in the data file (at most a
second after a change, one durable write), and on every way out: escape, a dialog or the
help on top, another place, the app quitting, another data file shown. The next visit
offers it back: the editor opens with her draft, saying so (ctrl+r starts afresh, after
asking). Saving drops the draft. A text that cannot be kept (too long, control characters
from a paste) is refused with the reason beside its field, and stays in the draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, time
from typing import Final

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Checkbox, Footer, Header, Input, Label, Static, TextArea

from companion.domain.children import collation_key, matches
from companion.domain.dates import ImpossibleDate, NotADate
from companion.domain.journal import (
    Draft,
    JournalEntry,
    JournalInputError,
    fold,
    parse_day,
    tag_counts,
    tag_label,
    tags_in,
)
from companion.domain.vocabulary import EntryKind
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen
from companion.screens.form_rows import say_beside
from companion.screens.journal.pick import Choice, PickDialog
from companion.screens.samen_spel.toggles import TickBox
from companion.store import Store

NEW: Final = "new"
KEEP_AFTER: Final = 1.0  # seconds: a draft is written at most this long after a change
_CLOCK: Final = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
FIELDS: Final = ("date", "title", "text", "children", "tags")


def readable(text: str) -> str:
    """Text that can be written into the file whatever came in (a lone surrogate from a
    broken paste becomes a replacement character)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def parse_clock(text: str) -> time | None:
    """09:30, 9:30, 9.30 or 9h30; None when it is no time of day."""
    found = _CLOCK.match(text.strip())
    return time(int(found[1]), int(found[2])) if found else None


class EntryEditorScreen(CompanionScreen):
    CSS_PATH = "editor.tcss"
    AUTO_FOCUS = "#editor-text"
    BINDINGS = [
        Binding("ctrl+s", "save", "journal.editor.key.save"),
        Binding("ctrl+l", "children", "journal.editor.key.children"),
        Binding("ctrl+t", "tags", "journal.editor.key.tags"),
        Binding("ctrl+r", "afresh", "journal.editor.key.afresh", show=False),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(
        self,
        entry_id: str | None = None,
        *,
        prompt: str = "",
        on_saved: Callable[[JournalEntry], None] | None = None,
    ) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.editor = entry_id or NEW
        self.prompt = prompt
        self.on_saved = on_saved
        self.kind: EntryKind = "prompt" if prompt else "reflection"
        self.children_ids: frozenset[str] = frozenset()
        self.tags: tuple[str, ...] = ()
        self.entry: JournalEntry | None = None
        self._store: Store | None = None  # the file the entry was opened from
        self._timer: Timer | None = None
        self._baseline: Draft | None = None  # what was there when it opened
        self._kept: Draft | None = None  # the draft in the file, if any
        self._latest: Draft | None = None  # what the fields held at the last change
        self.restored = False
        self._done = False

    # -- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        store = self._store = self.companion.store
        now = self.companion.clock()
        if self.entry_id is not None:
            self.entry = self.write(lambda: store.journal.find(self.entry_id or ""))
        entry = self.entry
        if entry is not None:
            self.kind = entry.kind
            self.prompt = entry.prompt
        written = entry.written_at if entry is not None else now
        yield Header()
        with Horizontal(id="editor-top"):
            yield Label(t("journal.editor.date"), classes="field-label")
            yield Input(
                written.strftime("%d/%m/%Y"),
                id="editor-date",
                placeholder=t("form.date_placeholder"),
                compact=True,
            )
            yield Input(
                written.strftime("%H:%M"), id="editor-time", placeholder="hh:mm", compact=True
            )
            yield TickBox(
                t("journal.editor.starred"),
                entry is not None and entry.starred,
                id="editor-starred",
            )
            yield TickBox(
                t("journal.editor.private"),
                entry is not None and entry.private,
                id="editor-private",
            )
        yield Static(classes="field-error", id="date-error")
        with Horizontal(id="editor-title-row"):
            yield Label(t("journal.editor.title"), classes="field-label")
            yield Input(
                entry.title if entry is not None else "",
                id="editor-title",
                placeholder=t("journal.editor.title_placeholder"),
                compact=True,
            )
        yield Static(classes="field-error", id="title-error")
        yield Static(id="editor-prompt")
        yield TextArea(
            entry.text if entry is not None else "",
            id="editor-text",
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
        )
        yield Static(classes="field-error", id="text-error")
        with Vertical(id="editor-links"):
            yield Static(id="editor-children")
            yield Static(classes="field-error", id="children-error")
            yield Static(id="editor-tags")
            yield Static(classes="field-error", id="tags-error")
        yield Static(id="editor-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        entry = self.entry
        if self.entry_id is not None and entry is None:
            self.notify(t("journal.editor.gone"), severity="warning")
            self._done = True
            self.app.pop_screen()
            return
        if entry is not None:
            self.children_ids = entry.children
            self.tags = entry.tags
        self._baseline = self._latest = self._fields()
        store = self._store
        draft = store.journal.drafts.get(self.editor) if store is not None else None
        if draft is not None and draft.kind != "analysis":
            self._restore(draft)
        self._show_prompt()
        self._show_links()

    def _restore(self, draft: Draft) -> None:
        """Her unsaved writing back in every field, and a line that says so."""
        self._kept = draft
        self.restored = True
        self.kind = draft.kind
        self.prompt = draft.prompt
        self.children_ids = draft.children
        self.tags = draft.tags
        fields = draft.fields
        self.query_one("#editor-date", Input).value = fields.get("date", "")
        self.query_one("#editor-time", Input).value = fields.get("time", "")
        self.query_one("#editor-starred", Checkbox).value = fields.get("starred") == "1"
        self.query_one("#editor-private", Checkbox).value = fields.get("private") == "1"
        self.query_one("#editor-title", Input).value = draft.title
        self.query_one("#editor-text", TextArea).load_text(draft.text)
        when = f"{short_date(draft.saved_at.date())} {draft.saved_at:%H:%M}"
        self.query_one("#editor-status", Static).update(
            Content.styled(t("journal.editor.restored", when=when), "bold $text-warning")
        )

    def _show_prompt(self) -> None:
        line = self.query_one("#editor-prompt", Static)
        text = self._prompt_text()
        line.display = bool(text)
        line.update(Content.styled(text, "italic"))

    def _prompt_text(self) -> str:
        if not self.prompt:
            return ""
        store = self._store or self.companion.store
        found = next((p for p in store.journal.prompts() if p.key == self.prompt), None)
        return found.text_in(self.companion.lang) if found is not None else ""

    def _names(self) -> dict[str, str]:
        store = self._store or self.companion.store
        shown = self.companion.names
        return {c.id: shown.full(c) for c in store.children.all(include_archived=True)}

    def _show_links(self) -> None:
        names = self._names()
        children = ", ".join(
            sorted((names.get(child, "?") for child in self.children_ids), key=collation_key)
        )
        self.query_one("#editor-children", Static).update(
            Content.assemble(
                (t("journal.editor.children"), "bold"),
                " ",
                children or (t("journal.editor.nobody"), "dim"),
                "  ",
                (t("journal.editor.children_key"), "dim"),
            )
        )
        text = self.query_one("#editor-text", TextArea).text
        picked = [f"@{tag}" for tag in self.tags]
        picked_folded = {fold(tag) for tag in self.tags}
        written = [f"@{tag_label(tag)}" for tag in tags_in(text) if fold(tag) not in picked_folded]
        parts: list[Content | str | tuple[str, str]] = [(t("journal.editor.tags"), "bold"), " "]
        parts.append(" ".join(picked) if picked else "")
        if written:
            parts += [" " if picked else "", (" ".join(dict.fromkeys(written)), "italic")]
            parts += [" ", (t("journal.editor.in_text"), "dim")]
        if not picked and not written:
            parts.append((t("journal.editor.no_tags"), "dim"))
        parts += ["  ", (t("journal.editor.tags_key"), "dim")]
        self.query_one("#editor-tags", Static).update(Content.assemble(*parts))

    # -- the draft ------------------------------------------------------------------------

    def _snapshot(self) -> Draft | None:
        """What the fields hold now, as a draft; once they are gone (the screen is being
        taken off), what they held at the last change."""
        try:
            return self._fields()
        except NoMatches:
            return self._latest

    def _fields(self) -> Draft:
        return Draft(
            editor=self.editor,
            kind=self.kind,
            title=readable(self.query_one("#editor-title", Input).value),
            text=readable(self.query_one("#editor-text", TextArea).text),
            saved_at=self.companion.clock(),
            children=self.children_ids,
            tags=self.tags,
            prompt=self.prompt,
            fields={
                "date": readable(self.query_one("#editor-date", Input).value),
                "time": readable(self.query_one("#editor-time", Input).value),
                "starred": "1" if self.query_one("#editor-starred", Checkbox).value else "",
                "private": "1" if self.query_one("#editor-private", Checkbox).value else "",
            },
        )

    @staticmethod
    def _same(one: Draft | None, other: Draft | None) -> bool:
        if one is None or other is None:
            return one is other
        return replace(one, saved_at=datetime.min) == replace(other, saved_at=datetime.min)

    @property
    def unsaved(self) -> bool:
        """Whether the fields differ from what was there when the editor opened."""
        return self._baseline is not None and not self._same(self._snapshot(), self._baseline)

    def _show_links_if_there(self) -> None:
        with suppress(NoMatches):  # being taken off
            self._show_links()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._baseline is None or self._done:
            return
        self._latest = self._snapshot()
        if self._timer is None:
            self._timer = self.set_timer(KEEP_AFTER, self._keep_draft)

    def _keep_draft(self) -> None:
        """Write the draft now (or drop it, when she typed back what was there)."""
        self._timer = None
        store = self._store
        if self._done or self._baseline is None or store is None:
            return
        if store is not self.companion.store:
            return  # another file is shown: her writing belongs to the one it came from
        self._show_links_if_there()
        if not self.unsaved:
            if self._kept is not None:
                self.write(lambda: store.journal.drafts.drop(self.editor))
                self._kept = None
            return
        draft = self._snapshot()
        if draft is None or self._same(draft, self._kept):
            return
        kept = self.write(lambda: store.journal.drafts.keep(draft))
        if kept is not None:
            self._kept = kept
            status = next(self.query("#editor-status").results(Static), None)
            if status is not None:
                status.update(
                    Content.styled(t("journal.editor.kept", time=f"{kept.saved_at:%H:%M}"), "dim")
                )

    def _keep_now(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._keep_draft()

    @on(events.ScreenSuspend)
    def _keep_before_leaving(self) -> None:
        # A dialog, the help or the palette on top: her writing is in the file first.
        self._keep_now()

    def save_typing(self) -> None:
        """The app is about to show another data file: the draft goes into this one."""
        self._keep_now()

    @on(events.Unmount)
    def _keep_when_closed(self) -> None:
        """Taken off another way (the palette opened a place, the app quits)."""
        self._keep_now()
        self._done = True

    def action_back(self) -> None:
        """Leave; her unsaved writing stays as a draft, never dropped."""
        self._keep_now()
        if self._kept is not None:
            self.notify(t("journal.editor.left_draft"))
        self._done = True
        super().action_back()

    def action_afresh(self) -> None:
        """Throw the draft away and start from what was saved (after asking)."""
        from companion.screens.confirm import ConfirmDialog

        if not self.unsaved and self._kept is None:
            return

        def answered(yes: bool | None) -> None:
            store = self._store
            if not yes or store is None:
                return
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.write(lambda: store.journal.drafts.drop(self.editor))
            self._kept = None
            self._done = True  # no draft while the editor is built again
            self.app.pop_screen()
            self.app.push_screen(
                EntryEditorScreen(self.entry_id, prompt=self.prompt, on_saved=self.on_saved)
            )

        self.app.push_screen(
            ConfirmDialog(
                t("journal.editor.afresh_title"),
                t("journal.editor.afresh_question"),
                t("journal.editor.afresh_confirm"),
            ),
            answered,
        )

    # -- children and tags ----------------------------------------------------------------

    def action_children(self) -> None:
        store = self._store or self.companion.store
        children = sorted(store.children.all(), key=lambda c: collation_key(c.full_name))
        known = {child.id for child in children}
        names = self._names()
        choices = [Choice(child.id, names.get(child.id, "?")) for child in children]
        # A linked child no longer in the class stays linked (and can be unlinked).
        choices += [Choice(key, names.get(key, "?")) for key in self.children_ids - known]
        by_id = {child.id: child for child in children}

        def fits(choice: Choice, query: str) -> bool:
            child = by_id.get(choice.key)
            return matches(child, query) if child is not None else fold(query) in fold(choice.label)

        def picked(ticked: frozenset[str] | None) -> None:
            if ticked is not None and ticked != self.children_ids:
                self.children_ids = ticked
                self._show_links()
                self._changed()

        dialog = PickDialog(
            t("journal.editor.children_title"), choices, self.children_ids, fits=fits
        )
        self.app.push_screen(dialog, picked)

    def action_tags(self) -> None:
        store = self._store or self.companion.store
        counts = self.write(lambda: tag_counts(store.journal.everything())) or []
        choices = [Choice(tag, tag, str(count)) for tag, count in counts]
        by_fold = {fold(tag): tag for tag, _ in counts}
        ticked = frozenset(by_fold.get(fold(tag), tag) for tag in self.tags)

        def fits(choice: Choice, query: str) -> bool:
            return fold(tag_label(query)) in fold(choice.label)

        def picked(chosen: frozenset[str] | None) -> None:
            if chosen is None:
                return
            kept = [tag for tag in self.tags if by_fold.get(fold(tag), tag) in chosen]
            added = sorted(chosen - {by_fold.get(fold(tag), tag) for tag in kept}, key=fold)
            tags = (*kept, *added)
            if tags != self.tags:
                self.tags = tags
                self._show_links()
                self._changed()

        dialog = PickDialog(
            t("journal.editor.tags_title"), choices, ticked, fits=fits, allow_new=True
        )
        self.app.push_screen(dialog, picked)

    # -- saving ---------------------------------------------------------------------------

    def _say(self, field: str, message: str) -> None:
        say_beside(self, field, message)

    def _written_at(self) -> datetime | None:
        """The day and time she gave, or None with the reason beside the field."""
        today = self.companion.today
        try:
            day = parse_day(self.query_one("#editor-date", Input).value, today)
        except ImpossibleDate:
            self._say("date", t("errors.field.date_impossible"))
            return None
        except NotADate:
            self._say("date", t("errors.field.date_format"))
            return None
        clock = parse_clock(self.query_one("#editor-time", Input).value)
        if clock is None:
            self._say("date", t("journal.editor.time_format"))
            return None
        if day > today:
            self._say("date", t("journal.error.in_future"))
            return None
        self._say("date", "")
        return datetime.combine(day, clock)

    def action_save(self) -> None:
        for field in FIELDS:
            self._say(field, "")
        written_at = self._written_at()
        store = self._store
        if written_at is None or store is None:
            return
        if store is not self.companion.store:
            return
        entry = JournalEntry(
            id=self.entry.id if self.entry is not None else "",
            kind=self.kind,
            written_at=written_at,
            title=self.query_one("#editor-title", Input).value,
            text=self.query_one("#editor-text", TextArea).text,
            children=self.children_ids,
            tags=self.tags,
            starred=self.query_one("#editor-starred", Checkbox).value,
            private=self.query_one("#editor-private", Checkbox).value,
            prompt=self.prompt,
            analysis=self.entry.analysis if self.entry is not None else "",
        )
        try:
            saved = self.write(lambda: store.journal.save(entry))
        except JournalInputError as error:
            field = error.field if error.field in FIELDS else "text"
            self._say(field, t(f"journal.error.{error.reason}", **error.params))
            self._focus_field(field)
            return
        if saved is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._done = True
        self.write(lambda: store.journal.drafts.drop(self.editor))
        self._kept = None
        if self.on_saved is not None:
            self.on_saved(saved)
        self.notify(t("journal.editor.saved", title=saved.title))
        self.app.pop_screen()

    def _focus_field(self, field: str) -> None:
        targets: Mapping[str, str] = {"title": "#editor-title", "text": "#editor-text"}
        if field in targets:
            self.query_one(targets[field]).focus()
