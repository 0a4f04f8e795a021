"""The journal (Reflectie), the place: one timeline of every school year, newest first.

Above the table, the search (`/`): words and "phrases" to find, `@tag` or `@"multi word
tag"`, `-word`, `-@tag` or NOT to leave out, all combined with AND, case- and accent-blind;
under it, the filters (`f`: kind, child, tag, from and to, starred) and the tags used most,
counted. Below the table, the highlighted entry in short. `enter` reads it (an analysis
opens its five steps), `e` edits, `s` stars, `delete` deletes after asking (`ctrl+z`
brings it back), `n` writes a new entry, `v` one on a prompt, `a` begins a Self-Reg
analysis. Writing not yet saved (a draft) is named above the table: `n` continues it.

Every school year is read, the closed ones from their archives: with archives, the first
read is a worker's, so the screen never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from companion.domain.journal import (
    Draft,
    JournalEntry,
    SearchIndex,
    fold,
    parse_query,
    tag_counts,
)
from companion.domain.vocabulary import EntryKind
from companion.i18n import short_date, t
from companion.screens.base import CompanionScreen, done
from companion.store import DataFileError, Store
from companion.widgets.record_table import Column, Record, RecordTable

STAR: Final = "★"
PRIVATE: Final = "⊘"  # kept out of reports and exports for others
DRAFT: Final = "✎"
CELL_PADDING: Final = 2
SCROLLBAR: Final = 2
MIN_TITLE_WIDTH: Final = 16
NAMES_WIDTH: Final = 16
TAGS_SHOWN: Final = 8
PREVIEW_LINES: Final = 2
NEW: Final = "new"  # the editor of a new entry (Draft.editor)
LOAD: Final = "journal-load"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the filter dialog narrows the timeline to (empty: everything)."""

    kind: EntryKind | None = None
    child: str | None = None
    tag: str | None = None
    first: date | None = None
    last: date | None = None
    starred: bool = False

    @property
    def is_empty(self) -> bool:
        return self == Filters()


def kind_short(kind: EntryKind) -> str:
    return t(f"journal.entry.kind_short.{kind}")


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def children_text(entry: JournalEntry, names: Mapping[str, str]) -> str:
    """The linked children's first names, in alphabetical order."""
    return ", ".join(sorted((names.get(child, "?") for child in entry.children), key=fold))


def entry_drafts(drafts: Sequence[Draft]) -> dict[str, Draft]:
    """Her unsaved writing in the journal's editor (not an analysis form's), by editor."""
    return {draft.editor: draft for draft in drafts if draft.kind != "analysis"}


def filters_text(filters: Filters, first_names: Mapping[str, str]) -> str:
    """The filters in words, for the line under the search."""
    parts = []
    if filters.kind is not None:
        parts.append(t(f"journal.entry.kind.{filters.kind}"))
    if filters.child is not None:
        parts.append(first_names.get(filters.child, "?"))
    if filters.tag is not None:
        parts.append(f"@{filters.tag}")
    if filters.first is not None or filters.last is not None:
        first = day_text(filters.first) if filters.first else "…"
        last = day_text(filters.last) if filters.last else "…"
        parts.append(f"{first} – {last}")
    if filters.starred:
        parts.append(f"{STAR} {t('journal.timeline.starred_only')}")
    return " · ".join(parts)


PAGE: Final = 100  # entries shown at once, newest first: a school year of writing
Prepared = tuple[list[JournalEntry], SearchIndex, list[tuple[str, int]]]


def _prepared(entries: list[JournalEntry], names: dict[str, str]) -> Prepared:
    """The entries with their search index and tag counts: built where they were read."""
    return entries, SearchIndex(entries, names), tag_counts(entries)


class JournalScreen(CompanionScreen):
    CSS_PATH = "timeline.tcss"
    AUTO_FOCUS = "#journal-table"
    BINDINGS = [
        Binding("n", "new", "journal.timeline.key.new"),
        Binding("v", "new_on_prompt", "journal.timeline.key.prompt"),
        Binding("a", "analysis", "journal.timeline.key.analysis"),
        Binding("slash", "find", "journal.timeline.key.find"),
        Binding("f", "filter", "journal.timeline.key.filter"),
        Binding("delete", "delete", "journal.timeline.key.delete"),
        # Named in the help (F1), the palette and the line below the table.
        Binding("e", "edit", "journal.timeline.key.edit", show=False),
        Binding("s", "star", "journal.timeline.key.star", show=False),
        Binding("x", "clear", "journal.timeline.key.clear", show=False),
        Binding("ctrl+z", "undo", "journal.timeline.key.undo", show=False),
        Binding("plus", "more", "journal.timeline.key.more", show=False),
        Binding("f1", "app.help", "keys.help", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[JournalEntry] = []  # every school year's, oldest first
        self.index: SearchIndex | None = None  # built with them, off the screen's thread
        self.tags: list[tuple[str, int]] = []
        self.limit = PAGE  # the newest shown; + shows more
        self.shown: dict[str, JournalEntry] = {}
        self.names: dict[str, str] = {}  # child id -> full name (archived children too)
        self.first_names: dict[str, str] = {}
        self.filters = Filters()
        self.drafts: dict[str, Draft] = {}
        self.deleted: list[JournalEntry] = []  # newest last: ctrl+z brings them back
        self.loaded = False
        self.complete = False  # every school year read (else this one only)
        self.reading = False  # the earlier ones being read
        self.select_next: str | None = None  # saved in the editor: shown selected

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=t("journal.timeline.find_placeholder"), id="journal-find", compact=True
        )
        yield Static(id="journal-filters")
        yield Static(id="journal-tags")
        yield Static(id="journal-draft")
        yield Static(id="journal-none")
        yield RecordTable(id="journal-table")
        yield Static(id="journal-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#journal-none", Static).update(t("journal.timeline.loading"))
        self.refresh_data()

    # -- reading --------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """This school year at once (the live file); the earlier ones, from their
        archives, in a worker once she asks for them (+, a search, a filter) or had
        them before. Opening stays as quick after ten years as after one."""
        store = self.companion.store
        children = store.children.all(include_archived=True)
        self.names = {child.id: child.full_name for child in children}
        shown = self.companion.names
        self.first_names = {child.id: shown.first(child) for child in children}
        self.drafts = entry_drafts(store.journal.drafts.all())
        if not store.school_years.archived_years():
            entries = self.write(store.journal.everything)
            self._loaded(*_prepared(entries or [], self.names), complete=True)
            return
        had_all = self.complete
        entries = self.write(store.journal.of_year)
        self._loaded(*_prepared(entries or [], self.names), complete=False)
        if had_all:
            self._read_earlier_years()

    def _read_earlier_years(self) -> None:
        if not self.complete and not self.reading:
            self.reading = True
            self._load(self.companion.store, self.names)

    @work(thread=True, exclusive=True, group=LOAD, exit_on_error=False)
    def _load(self, store: Store, names: dict[str, str]) -> tuple[Store, Prepared]:
        return store, _prepared(store.journal.everything(), names)

    @on(Worker.StateChanged)
    def _load_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != LOAD or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.reading = False
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            store, prepared = worker.result
            if store is self.companion.store:
                self._loaded(*prepared, complete=True)
            return
        error = worker.error
        if isinstance(error, DataFileError):  # a damaged archive: said, this year stays
            self.app.notify(error.message(), severity="error", timeout=10)
        self.complete = True  # asked once: not read again and again
        self.show()

    def _loaded(
        self,
        entries: list[JournalEntry],
        index: SearchIndex,
        tags: list[tuple[str, int]],
        *,
        complete: bool,
    ) -> None:
        self.entries, self.index, self.tags = entries, index, tags
        self.complete = complete
        self.loaded = True
        self.show(select=self.select_next)
        self.select_next = None

    def action_more(self) -> None:
        """Show the next PAGE older entries that match (earlier school years too)."""
        if self.complete:
            self.limit += PAGE
        self.show(wants_all=True)  # the cursor stays on the entry it was on

    # -- what is shown --------------------------------------------------------------------

    def show(self, select: str | None = None, *, wants_all: bool = False) -> None:
        """The timeline as the search and the filters ask, the tag counts and the draft;
        a search or a filter reads the earlier school years too."""
        query = parse_query(self.query_one("#journal-find", Input).value)
        filters = self.filters
        query = replace(
            query,
            kinds=frozenset({filters.kind}) if filters.kind else frozenset(),
            children=frozenset({filters.child}) if filters.child else frozenset(),
            tags=(*query.tags, fold(filters.tag)) if filters.tag else query.tags,
            first=filters.first,
            last=filters.last,
            starred=filters.starred,
        )
        if wants_all or not query.is_empty:
            self._read_earlier_years()
        found = self.index.search(query, self.limit + 1) if self.index is not None else []
        more = len(found) > self.limit
        found = found[: self.limit]
        self.shown = {entry.id: entry for entry in found}
        table = self.query_one("#journal-table", RecordTable)
        columns = self._columns()
        title_width = columns[3].width or MIN_TITLE_WIDTH
        table.replace(
            (self._record(entry, title_width) for entry in found), columns=columns, select=select
        )
        table.display = bool(found)
        none = self.query_one("#journal-none", Static)
        none.display = not found
        if not self.loaded:
            none.update(t("journal.timeline.loading"))
        elif not self.entries:
            none.update(t("journal.timeline.empty"))
        else:
            none.update(t("journal.timeline.none_found"))
        self._show_filters(len(found), query.is_empty, more)
        self._show_tags()
        self._show_draft()
        self._show_preview()
        self.refresh_bindings()

    def _columns(self) -> list[Column]:
        kinds = [kind_short(kind) for kind in ("reflection", "prompt", "analysis")]
        fixed = [
            Column(t("journal.timeline.col_day"), "day", 10),
            Column(t("journal.timeline.col_kind"), "kind", max(len(k) for k in kinds)),
        ]
        names = Column(t("journal.timeline.col_children"), "children", NAMES_WIDTH)
        used = sum((c.width or 0) + CELL_PADDING for c in (*fixed, names)) + 2 + CELL_PADDING
        width = max(MIN_TITLE_WIDTH, self.app.size.width - used - CELL_PADDING - SCROLLBAR - 4)
        return [
            Column("", "mark", 2),
            *fixed,
            Column(t("journal.timeline.col_title"), "title", width),
            names,
        ]

    def _record(self, entry: JournalEntry, width: int) -> Record:
        mark = DRAFT if entry.id in self.drafts else (STAR if entry.starred else "")
        if entry.private and not mark:
            mark = PRIVATE
        title = Text(entry.title, style="bold" if entry.starred else "")
        title.truncate(width, overflow="ellipsis")
        names = Text(children_text(entry, self.first_names))
        names.truncate(NAMES_WIDTH, overflow="ellipsis")
        return Record(entry.id, (mark, day_text(entry.day), kind_short(entry.kind), title, names))

    def _show_filters(self, found: int, everything: bool, more: bool) -> None:
        line = self.query_one("#journal-filters", Static)
        words = filters_text(self.filters, self.first_names)
        if self.reading:
            text = t("journal.timeline.reading_earlier", total=len(self.entries))
        elif not self.complete and everything:
            text = t("journal.timeline.this_year", total=len(self.entries))
        elif more:  # the newest `found`; + shows older ones
            key = "journal.timeline.newest_all" if everything else "journal.timeline.newest_found"
            text = t(key, shown=found, total=len(self.entries))
        elif everything:
            text = t("journal.timeline.all", count=len(self.entries))
        else:
            text = t("journal.timeline.found", found=found, count=len(self.entries))
        parts: list[Content | str | tuple[str, str]] = [text]
        if words:
            parts += ["  ", (t("journal.timeline.filtered", filters=words), "bold")]
            parts += ["  ", (t("journal.timeline.clear_hint"), "dim")]
        line.update(Content.assemble(*parts))

    def _show_tags(self) -> None:
        counts = self.tags
        line = self.query_one("#journal-tags", Static)
        line.display = bool(counts)
        tags = "  ".join(f"@{tag} {count}" for tag, count in counts[:TAGS_SHOWN])
        more = len(counts) - TAGS_SHOWN
        if more > 0:
            tags += "  " + t("journal.timeline.more_tags", count=more)
        line.update(Content.assemble((t("journal.timeline.tags"), "bold"), " ", tags))

    def _show_draft(self) -> None:
        line = self.query_one("#journal-draft", Static)
        draft = self.drafts.get(NEW)
        line.display = draft is not None
        if draft is not None:
            title = draft.title or next(
                (row.strip() for row in draft.text.splitlines() if row.strip()), "…"
            )
            line.update(
                Content.assemble(
                    f"{DRAFT} ",
                    t(
                        "journal.timeline.draft",
                        title=title[:40],
                        day=short_date(draft.saved_at.date()),
                        time=draft.saved_at.strftime("%H:%M"),
                    ),
                )
            )

    def _show_preview(self) -> None:
        preview = self.query_one("#journal-preview", Static)
        entry = self.highlighted()
        preview.display = entry is not None
        if entry is None:
            return
        parts: list[Content | str | tuple[str, str]] = [(entry.title, "bold")]
        if entry.private:
            parts += ["  ", (f"{PRIVATE} {t('journal.entry.private')}", "italic")]
        if entry.id in self.drafts:
            parts += ["  ", (f"{DRAFT} {t('journal.timeline.has_draft')}", "italic")]
        details = [f"{short_date(entry.day)}/{entry.day.year} {entry.written_at:%H:%M}"]
        names = children_text(entry, self.first_names)
        if names:
            details.append(names)
        tags = " ".join(f"@{tag}" for tag in entry.all_tags())
        if tags:
            details.append(tags)
        parts += ["\n", (" · ".join(details), "dim")]
        lines = [line for line in entry.text.splitlines() if line.strip()][:PREVIEW_LINES]
        for line in lines:
            parts += ["\n", line[:300]]
        preview.update(Content.assemble(*parts))

    def highlighted(self) -> JournalEntry | None:
        key = self.query_one("#journal-table", RecordTable).selected_key
        return self.shown.get(key) if key else None

    @on(DataTable.RowHighlighted, "#journal-table")
    def _moved(self) -> None:
        self._show_preview()
        self.refresh_bindings()

    # -- searching and filters ------------------------------------------------------------

    @on(Input.Changed, "#journal-find")
    def _typed(self) -> None:
        self.show()

    @on(Input.Submitted, "#journal-find")
    def _found(self) -> None:
        self.query_one("#journal-table").focus()

    def action_find(self) -> None:
        self.query_one("#journal-find", Input).focus()

    def action_filter(self) -> None:
        from companion.screens.journal.filters import FilterDialog

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters
                self.show()

        tags = [tag for tag, _ in tag_counts(self.entries)]
        self.app.push_screen(FilterDialog(self.filters, tags), chosen)

    def action_clear(self) -> None:
        """Everything again: no search, no filters."""
        self.filters = Filters()
        self.query_one("#journal-find", Input).value = ""
        self.show()

    def action_back(self) -> None:
        """Escape in the search leaves the search first."""
        if self.query_one("#journal-find", Input).has_focus:
            self.query_one("#journal-table").focus()
            return
        super().action_back()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        letters = ("new", "new_on_prompt", "analysis", "edit", "star", "filter", "clear", "find")
        if action in letters and self.query_one("#journal-find", Input).has_focus:
            return False  # her letters go into the search
        if action in ("edit", "star", "delete"):
            return self.highlighted() is not None
        if action == "undo":
            return bool(self.deleted)
        return True

    # -- writing ----------------------------------------------------------------------------

    def _saved(self, saved: JournalEntry) -> None:
        """Saved in the editor: selected when the timeline shows again (it reads the
        store again on its return: the revision changed)."""
        self._put(saved)
        self.select_next = saved.id

    def _put(self, entry: JournalEntry) -> None:
        self.entries = [e for e in self.entries if e.id != entry.id] + [entry]
        if self.index is not None:
            self.index.add(entry)  # in place of the copy it held
        self.tags = tag_counts(self.entries)

    def _forget(self, entry: JournalEntry) -> None:
        self.entries = [e for e in self.entries if e.id != entry.id]
        if self.index is not None:
            self.index.remove(entry.id)
        self.tags = tag_counts(self.entries)

    def action_new(self) -> None:
        from companion.screens.journal.editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen(on_saved=self._saved))

    def action_new_on_prompt(self) -> None:
        """A prompt first; with writing of a new entry still unsaved, that writing."""
        from companion.screens.journal.editor import EntryEditorScreen
        from companion.screens.journal.prompt import PromptDialog

        if NEW in self.drafts:
            self.notify(t("journal.timeline.draft_first"))
            self.action_new()
            return

        def chosen(key: str | None) -> None:
            if key:
                self.app.push_screen(EntryEditorScreen(prompt=key, on_saved=self._saved))

        self.app.push_screen(PromptDialog(), chosen)

    def action_analysis(self) -> None:
        from companion.screens.journal.analysis import AnalysisScreen

        # About the child the timeline is filtered on, if any (else she says whom).
        self.app.push_screen(AnalysisScreen(None, self.filters.child or ""))

    @on(RecordTable.Chosen, "#journal-table")
    def _chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Read the entry; an analysis opens its five steps."""
        entry = self.highlighted()
        if entry is None:
            return
        if entry.kind == "analysis" and entry.analysis:
            from companion.screens.journal.analysis_page import open_analysis

            open_analysis(self.app, self.companion.store, entry.analysis)
            return
        from companion.screens.journal.entry_view import EntryViewScreen

        self.app.push_screen(
            EntryViewScreen(entry.id, on_saved=self._saved, on_deleted=self.deleted.append)
        )

    def action_edit(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        if entry.kind == "analysis" and entry.analysis:
            self.action_open()
            return
        from companion.screens.journal.editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen(entry.id, on_saved=self._saved))

    def action_star(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        store = self.companion.store
        saved = self.write(lambda: store.journal.save(replace(entry, starred=not entry.starred)))
        if saved is not None:
            self._put(saved)
            self.show(select=saved.id)
            key = "journal.timeline.starred" if saved.starred else "journal.timeline.unstarred"
            self.notify(t(key, title=saved.title))

    def action_delete(self) -> None:
        from companion.screens.confirm import ConfirmDialog

        entry = self.highlighted()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            store = self.companion.store
            if yes and self.write(done(lambda: store.journal.delete(entry))):
                self.deleted.append(entry)
                self._forget(entry)
                self.show()
                self.notify(t("journal.timeline.deleted", title=entry.title))

        self.app.push_screen(
            ConfirmDialog(
                t("journal.delete_entry.title"),
                t("journal.delete_entry.question", title=entry.title, day=day_text(entry.day)),
                t("journal.delete_entry.confirm"),
            ),
            answered,
        )

    def action_undo(self) -> None:
        """The entry deleted last, back as it was."""
        if not self.deleted:
            return
        entry = self.deleted[-1]
        store = self.companion.store
        saved = self.write(lambda: store.journal.save(entry))
        if saved is not None:
            self.deleted.pop()
            self._put(saved)
            self.show(select=saved.id)
            self.notify(t("journal.timeline.restored", title=saved.title))
