"""The journal: entries (`store.journal_entries`, a year-bound kind, archived with their
year and still searched), her drafts and her own prompts (live tables), and
`store.journal`, what the screens and the command line ask of them together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Final

from companion.content.prompts import Prompt, prompts
from companion.domain.calendar import school_year_label, school_year_of
from companion.domain.journal import (
    Draft,
    JournalEntry,
    JournalInputError,
    Query,
    SearchIndex,
    checked_entry,
    tag_counts,
)
from companion.domain.text import has_control, tidy
from companion.store.codec import raw_of
from companion.store.id_entries import IdEntries, Key, new_id
from companion.store.schema import DraftRecord, JournalEntryRecord, PromptRecord

if TYPE_CHECKING:
    from companion.store.children import Children
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears

DRAFTS_TABLE: Final = "journal_drafts"
PROMPTS_TABLE: Final = "journal_prompts"
OWN_PROMPT: Final = "own_"
MAX_PROMPT: Final = 300


def clock_of(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def moment_of(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock))


class JournalEntries(IdEntries[JournalEntry]):
    name = "journal_entries"
    record = JournalEntryRecord

    def key_of(self, entry: JournalEntry) -> Key:
        return entry.id, entry.day

    def from_record(self, record: JournalEntryRecord) -> JournalEntry:
        return JournalEntry(
            id=record.id,
            kind=record.kind,
            written_at=moment_of(record.date, record.time),
            title=record.title,
            text=record.text,
            children=frozenset(record.children),
            tags=tuple(record.tags),
            starred=record.starred,
            private=record.private,
            prompt=record.prompt,
            analysis=record.analysis,
        )

    def to_record(self, entry: JournalEntry) -> JournalEntryRecord:
        return JournalEntryRecord(
            id=entry.id,
            kind=entry.kind,
            date=entry.day,
            time=clock_of(entry.written_at),
            title=entry.title,
            text=entry.text,
            children=sorted(entry.children),
            tags=list(entry.tags),
            starred=entry.starred,
            private=entry.private,
            prompt=entry.prompt,
            analysis=entry.analysis,
        )


def draft_from(record: DraftRecord) -> Draft:
    return Draft(
        editor=record.editor,
        kind=record.kind,
        title=record.title,
        text=record.text,
        saved_at=moment_of(record.saved_on, record.saved_at),
        children=frozenset(record.children),
        tags=tuple(record.tags),
        prompt=record.prompt,
        fields=dict(record.fields),
    )


def draft_to(draft: Draft) -> dict[str, Any]:
    record = DraftRecord(
        editor=draft.editor,
        kind=draft.kind,
        saved_on=draft.saved_at.date(),
        saved_at=clock_of(draft.saved_at),
        title=draft.title,
        text=draft.text,
        children=sorted(draft.children),
        tags=list(draft.tags),
        prompt=draft.prompt,
        fields=dict(draft.fields),
    )
    return raw_of(record)


class Drafts:
    """Typing not yet saved, one per editor ("new", or the id of what she edits): each
    keep is one durable write, so a crash or a closed laptop loses at most a moment."""

    def __init__(self, core: Core, records: Mapping[str, DraftRecord]) -> None:
        self._core = core
        self._drafts = {r.editor: (int(doc_id), draft_from(r)) for doc_id, r in records.items()}

    def get(self, editor: str) -> Draft | None:
        found = self._drafts.get(editor)
        return found[1] if found else None

    def all(self) -> list[Draft]:
        return [draft for _, draft in self._drafts.values()]

    def keep(self, draft: Draft) -> Draft:
        document = draft_to(draft)
        table = self._core.table(DRAFTS_TABLE)
        found = self._drafts.get(draft.editor)
        if found is None:
            doc_id = self._core.write(lambda: table.insert(document))
        else:
            doc_id = found[0]
            self._core.write(lambda: table.update(document, doc_ids=[doc_id]))
        self._drafts[draft.editor] = (doc_id, draft)
        return draft

    def drop(self, editor: str) -> None:
        found = self._drafts.pop(editor, None)
        if found is not None:
            table = self._core.table(DRAFTS_TABLE)
            self._core.write(lambda: table.remove(doc_ids=[found[0]]))


class OwnPrompts:
    """The prompts she added (the shipped ones are read-only)."""

    def __init__(self, core: Core, records: Mapping[str, PromptRecord]) -> None:
        self._core = core
        self._prompts = {r.key: (int(doc_id), r.text) for doc_id, r in records.items()}

    def all(self) -> list[Prompt]:
        return [Prompt(key, {"": text}, own=True) for key, (_, text) in self._prompts.items()]

    def add(self, text: str) -> Prompt:
        """Her prompt kept (JournalInputError: empty, too long, control characters)."""
        cleaned = tidy(text)
        if not cleaned:
            raise JournalInputError("prompt", "empty")
        if has_control(cleaned, lines=False):
            raise JournalInputError("prompt", "control_characters")
        if len(cleaned) > MAX_PROMPT:
            raise JournalInputError(
                "prompt", "too_long", limit=str(MAX_PROMPT), length=str(len(cleaned))
            )
        key = OWN_PROMPT + new_id()
        table = self._core.table(PROMPTS_TABLE)
        doc_id = self._core.write(lambda: table.insert({"key": key, "text": cleaned}))
        self._prompts[key] = (doc_id, cleaned)
        return Prompt(key, {"": cleaned}, own=True)

    def remove(self, key: str) -> None:
        found = self._prompts.pop(key, None)
        if found is not None:
            table = self._core.table(PROMPTS_TABLE)
            self._core.write(lambda: table.remove(doc_ids=[found[0]]))

    def exported(self) -> list[dict[str, str]]:
        return [{"key": key, "text": text} for key, (_, text) in self._prompts.items()]


class Journal:
    """`store.journal`: the timeline of every school year, search, save and delete (a
    delete is undone by saving the entry again), drafts and prompts."""

    def __init__(
        self,
        core: Core,
        entries: JournalEntries,
        drafts: Drafts,
        own_prompts: OwnPrompts,
        *,
        children: Children,
        years: SchoolYears,
    ) -> None:
        self._core = core
        self.entries = entries
        self.drafts = drafts
        self.own_prompts = own_prompts
        self._children = children
        self._years = years
        self._index: SearchIndex | None = None  # built by the first search

    # -- reading --------------------------------------------------------------------------

    def of_year(self, year: int | None = None) -> list[JournalEntry]:
        return self.entries.of_year(self._core.current_year if year is None else year)

    def everything(self) -> list[JournalEntry]:
        """Every school year's entries (archives read as needed), oldest first."""
        return [entry for year in sorted(self._years.all()) for entry in self.entries.of_year(year)]

    def search(self, query: Query, limit: int | None = None) -> list[JournalEntry]:
        """The entries she looks for in every school year, newest first (the newest
        `limit` when given); a child's name (archived children's too) is found as a word.
        The first search reads every archive and builds the index; later ones use it."""
        names = {c.id: c.full_name for c in self._children.all(include_archived=True)}
        if self._index is None or self._index.names != names:
            self._index = SearchIndex(self.everything(), names)
        return self._index.search(query, limit)

    def tag_counts(self) -> list[tuple[str, int]]:
        return tag_counts(self.everything())

    def find(self, entry_id: str) -> JournalEntry | None:
        return next((e for e in self.everything() if e.id == entry_id), None)

    def prompts(self) -> list[Prompt]:
        """The deck's prompts first, then hers."""
        return [*prompts(), *self.own_prompts.all()]

    # -- writing --------------------------------------------------------------------------

    def save(self, entry: JournalEntry) -> JournalEntry:
        """The entry kept durably (a new one, id "", gets an id); JournalInputError names
        a field she must mend."""
        # Her links, each a child of the class or one who left (the archives read only
        # for an id the live file does not hold).
        known = {child_id for child_id in entry.children if self._children.get(child_id)}
        entry = checked_entry(entry, known)
        before = self.find(entry.id) if entry.id else None
        if before is not None and school_year_of(before.day) != school_year_of(entry.day):
            # An entry stays in its school year (and its archive): never two copies.
            year = school_year_label(school_year_of(before.day))
            raise JournalInputError("date", "other_school_year", year=year)
        kept = self.entries.put(replace(entry, id=entry.id or new_id()))
        if self._index is not None:
            self._index.add(kept)
        return kept

    def delete(self, entry: JournalEntry) -> None:
        self.entries.remove(entry)
        if self._index is not None:
            self._index.remove(entry.id)
