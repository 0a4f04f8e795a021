"""Erasing one child (the right to erasure) and deleting archives past their time.

A purge is worked out first (`plan_purge`: what would go, per kind and per file, the
entries that name her, the backups that hold her) and only then done (`apply_purge`),
with the teacher's choice for every entry that names her. It works on the documents as
the codec reads them (the live file, each archive, each backup: one and the same
filter), and writes each file once, whole and atomically, through the store's guarded
write path: the backups first (when she chose them), then every archive, the live file
last, unless she left and her roster entry is in an archive (past_children.py): that
archive comes last. Her roster entry goes in the last write, so a purge cut short (a
crash, a kill) is finished by running it again, by her name or her id: it is idempotent.

Backups are rewritten without her (through the codec, atomically) rather than deleted:
a backup is the teacher's way back to yesterday for every other child's notes, and a
fresh backup of the purged state could not bring back what she lost last week. Only a
backup the codec cannot read (damaged, or written by a newer version) that still holds
her id or her name in plain bytes is deleted, since it cannot be rewritten.

Archives are read-only for closed years; the purge is the one exception, through this
module's own path: every archive rewritten is checked by the codec before it is written
and keeps its year and its shape. After a purge the store is read anew (`Store.reload`):
every index is built again from the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from companion.domain.calendar import school_year_label
from companion.domain.children import collation_key
from companion.i18n import t
from companion.store.codec import (
    decode_archive,
    decode_live,
    decode_trusted,
    encode,
    open_archive,
    open_live,
    read_plain,
)
from companion.store.errors import DataFileError
from companion.store.files import atomic_write
from companion.store.schema import Raw

if TYPE_CHECKING:
    from companion.store.codec.crypto import Keyring, Sealing
    from companion.store.store import Store

Choice = Literal["remove", "delete", "keep"]
CHOICES: tuple[Choice, ...] = ("remove", "delete", "keep")
LIVE = "live"  # the file a count or a mention is in: "live" or an archive's label
# What a mention of her name becomes when she chooses to remove it.
REDACTED = "…"

# The tables (live) and lists (archive) whose entries are about one child, by the field
# that names her: such an entry of hers goes whole.
CHILD_FIELDS: Mapping[str, str] = {
    "children": "id",
    "needs_profiles": "child",
    "abc": "child",
    "samen_spel_plans": "child",
    "samen_spel_sessions": "child",
    "check_ins": "subject",
    "strategy_uses": "subject",
    "analyses": "child",
}
JOURNAL = "journal_entries"
DRAFTS = "journal_drafts"
# Kinds counted in a plan, in the order they are shown.
KINDS: tuple[str, ...] = (
    "children",
    "abc",
    "needs_profiles",
    "samen_spel_plans",
    "samen_spel_sessions",
    "check_ins",
    "strategy_uses",
    "analyses",
    "journal_pages",  # the journal pages of her analyses
    "journal_links",  # entries that linked her: the link goes, the entry stays
    "journal_drafts",
)
# Fields never rewritten: identifiers, and another child's own name (two children may
# share a first name; hers is removed with her roster entry).
_UNTOUCHED = frozenset({"id", "child", "subject", "children", "plan", "editor", "key"})
_OTHER_CHILDS_NAME = frozenset({"first_name", "last_name"})
_TABLES_NOT_SCANNED = frozenset({"meta"})


# -- finding her name ------------------------------------------------------------------


class NameFinder:
    """Her full name, first name and last name as whole words, accents and case aside."""

    def __init__(self, first_name: str, last_name: str) -> None:
        forms = {
            " ".join(collation_key(f"{first_name} {last_name}").split()),
            collation_key(first_name).strip(),
            collation_key(last_name).strip(),
        }
        words = sorted((form for form in forms if len(form) >= 2), key=len, reverse=True)
        alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in words)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if words else None

    def names(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(collation_key(text)) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the name stands in `text` itself (start, end), left to right."""
        if self._pattern is None:
            return []
        folded: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            for folded_char in collation_key(char):
                folded.append(folded_char)
                origin.append(index)
        spans = []
        for match in self._pattern.finditer("".join(folded)):
            if match.end() > match.start():
                spans.append((origin[match.start()], origin[match.end() - 1] + 1))
        return spans

    def redacted(self, text: str) -> str:
        pieces = []
        last = 0
        for start, end in self.spans(text):
            pieces.append(text[last:start])
            pieces.append(REDACTED)
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def excerpt(self, text: str, width: int = 70) -> str:
        """One line around the first mention."""
        line = " ".join(text.split())
        spans = self.spans(line)
        if not spans:
            return line[:width]
        start = max(0, spans[0][0] - width // 3)
        shown = line[start : start + width]
        return ("…" if start else "") + shown + ("…" if start + width < len(line) else "")


def _strings_naming(value: Any, finder: NameFinder) -> bool:
    if isinstance(value, str):
        return finder.names(value)
    if isinstance(value, list):
        return any(_strings_naming(item, finder) for item in value)
    if isinstance(value, dict):
        return any(_strings_naming(item, finder) for item in value.values())
    return False


def _redact_value(value: Any, finder: NameFinder) -> Any:
    if isinstance(value, str):
        return finder.redacted(value) if finder.names(value) else value
    if isinstance(value, list):
        return [_redact_value(item, finder) for item in value]
    if isinstance(value, dict):
        return {key: _redact_value(item, finder) for key, item in value.items()}
    return value


def _scanned_fields(table: str, entry: Mapping[str, Any]) -> Iterator[str]:
    for name in entry:
        if name in _UNTOUCHED or (table == "children" and name in _OTHER_CHILDS_NAME):
            continue
        yield name


def _names_her(table: str, entry: Mapping[str, Any], finder: NameFinder) -> bool:
    return any(_strings_naming(entry[name], finder) for name in _scanned_fields(table, entry))


def _redacted_entry(table: str, entry: Raw, finder: NameFinder) -> Raw:
    scanned = set(_scanned_fields(table, entry))
    return {
        name: _redact_value(value, finder) if name in scanned else value
        for name, value in entry.items()
    }


# -- the plan ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """An entry she keeps that names the child: she chooses what becomes of it."""

    where: str  # LIVE or an archive's label
    table: str
    entry: str  # the entry's id (journal, analyses, ...) or its place in its table
    day: date | None
    title: str
    excerpt: str
    deletable: bool  # a journal entry may go whole; other entries only lose the name
    suggested: Choice

    @property
    def key(self) -> tuple[str, str]:
        return (self.table, self.entry)


@dataclass(frozen=True, slots=True)
class PurgePlan:
    child_id: str
    first_name: str
    last_name: str
    # kind -> file (LIVE or an archive's label) -> how many go.
    counts: Mapping[str, Mapping[str, int]]
    mentions: tuple[Mention, ...]
    backups: tuple[Path, ...]  # readable backups that hold her: rewritten without her
    unreadable_backups: tuple[Path, ...]  # backups that hold her bytes but do not decode
    archives: tuple[int, ...]  # the archived years that hold something of hers

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def count(self, kind: str) -> int:
        return sum(self.counts.get(kind, {}).values())

    @property
    def suggested(self) -> dict[tuple[str, str], Choice]:
        return {mention.key: mention.suggested for mention in self.mentions}

    def is_empty(self) -> bool:
        """Nothing of hers is left anywhere (a finished purge)."""
        return not (
            any(self.count(kind) for kind in KINDS) or self.mentions or self.unreadable_backups
        )


@dataclass(frozen=True, slots=True)
class PurgeResult:
    counts: Mapping[str, int]  # kind -> how many went (all files together)
    mentions_removed: int
    entries_deleted: int  # entries that named her, deleted at her choice
    backups_rewritten: int
    backups_deleted: int
    files_written: tuple[Path, ...]


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)
    mentions: list[tuple[str, str, Raw, bool, Choice]] = field(default_factory=list)
    removed_mentions: int = 0
    deleted_entries: int = 0

    def add(self, kind: str, number: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + number


def _entries(raw: Raw, table: str, *, where: str) -> list[tuple[str, str, Any]]:
    """A table's entries (slot: the doc id, or the place in an archive's list), each
    with a name for the teacher's choice: its id, else its file and slot."""
    value = raw.get(table)
    if isinstance(value, list):
        items: list[tuple[str, Any]] = [(str(index), entry) for index, entry in enumerate(value)]
    elif isinstance(value, dict):
        items = [(str(doc_id), entry) for doc_id, entry in value.items()]
    else:
        items = []
    return [
        (
            slot,
            str(entry["id"])
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)
            else f"{where}#{slot}",
            entry,
        )
        for slot, entry in items
    ]


def _suggested(entry: Raw, child_id: str, others: Mapping[str, str], finder: NameFinder) -> Choice:
    """Only about her and naming her: delete it; naming a linked child who shares her
    name (not her): keep it; otherwise: remove the name."""
    linked = [str(linked) for linked in entry.get("children", [])]
    if linked == [child_id]:
        return "delete"
    if child_id not in linked and any(
        finder.names(others[other]) for other in linked if other in others
    ):
        return "keep"
    return "remove"


def _purged_document(
    raw: Raw,
    *,
    where: str,
    child_id: str,
    finder: NameFinder,
    choices: Mapping[tuple[str, str], Choice],
    others: Mapping[str, str],
    default: Choice | None,
) -> tuple[Raw, _Tally]:
    """The document without her (a copy; `raw` is left as it is) and what went.

    `choices`: per entry naming her (table, entry): remove the name, delete the entry,
    or keep it; one not chosen takes `default`, or its suggestion when that is None."""
    tally = _Tally()
    document: Raw = dict(raw)
    # Her analyses: their journal pages go with them.
    analyses = {
        str(entry.get("id"))
        for _, _, entry in _entries(raw, "analyses", where=where)
        if isinstance(entry, dict) and entry.get("child") == child_id
    }
    tables = [name for name in raw if name not in _TABLES_NOT_SCANNED]
    deleted_entries: set[str] = set()
    for table in tables:
        value = raw[table]
        if not isinstance(value, (dict, list)):
            continue
        kept: list[tuple[str, Any]] = []
        for slot, name, entry in _entries(raw, table, where=where):
            if not isinstance(entry, dict):
                kept.append((slot, entry))
                continue
            field_name = CHILD_FIELDS.get(table)
            if field_name is not None and entry.get(field_name) == child_id:
                tally.add(table)
                continue
            if table == JOURNAL and entry.get("analysis") and entry["analysis"] in analyses:
                tally.add("journal_pages")
                deleted_entries.add(name)
                continue
            if table == DRAFTS and (
                child_id in entry.get("children", [])
                or entry.get("editor") in analyses
                or _names_her(table, entry, finder)
            ):
                tally.add(DRAFTS)
                continue
            named = _names_her(table, entry, finder)
            if table == JOURNAL and child_id in entry.get("children", []) and not named:
                tally.add("journal_links")  # one that names her is among the mentions
            if named:
                deletable = table == JOURNAL
                suggested = _suggested(entry, child_id, others, finder) if deletable else "remove"
                tally.mentions.append((table, name, entry, deletable, suggested))
                choice = choices.get((table, name)) or default or suggested
                if choice == "delete" and deletable:
                    tally.deleted_entries += 1
                    deleted_entries.add(name)
                    continue
                if choice != "keep":
                    entry = _redacted_entry(table, entry, finder)
                    tally.removed_mentions += 1
            if table == JOURNAL and child_id in entry.get("children", []):
                entry = {**entry, "children": [c for c in entry["children"] if c != child_id]}
            kept.append((slot, entry))
        if isinstance(value, dict):
            document[table] = dict(kept)
        else:
            document[table] = [entry for _, entry in kept]
    if deleted_entries:  # a draft of an entry that went goes with it
        drafts = document.get(DRAFTS)
        if isinstance(drafts, dict):
            left = {
                doc_id: draft
                for doc_id, draft in drafts.items()
                if not (isinstance(draft, dict) and draft.get("editor") in deleted_entries)
            }
            tally.add(DRAFTS, len(drafts) - len(left))
            document[DRAFTS] = left
    return document, tally


def _other_names(store: Store, child_id: str) -> dict[str, str]:
    """Every other child's full name by id, those who left too."""
    return {
        child.id: f"{child.first_name} {child.last_name}"
        for child in store.children.all(include_archived=True)
        if child.id != child_id
    }


def _live_raw(store: Store) -> tuple[Raw, Sealing | None]:
    """The live file as it is on disk (every change of the store is written at once),
    and how it is written again (encrypted or not)."""
    document, sealing = open_live(store.path, store.core.keyring)
    return document.raw, sealing


def _archive_raw(store: Store, year: int) -> tuple[Raw, Sealing | None]:
    path = store.school_years.archive_path(year)
    return open_archive(path, year=year, keyring=store.core.keyring)


def _decoded_backup(
    path: Path, keyring: Keyring | None
) -> tuple[Raw, int | None, Sealing | None] | None:
    """A backup as the codec reads it, its archive's year (None: the live file's) and
    its sealing, or None when it cannot be read."""
    try:
        shape = decode_trusted(read_plain(path, keyring))
        meta = shape.get("meta") if isinstance(shape, dict) else None
        if isinstance(meta, dict) and isinstance(meta.get("school_year"), int):
            year: int = meta["school_year"]
            raw, sealing = open_archive(path, year=year, keyring=keyring)
            return raw, year, sealing
        document, sealing = open_live(path, keyring)
        return document.raw, None, sealing
    except (DataFileError, ValueError, TypeError):
        return None


def _backup_files(store: Store) -> list[Path]:
    folder = store.backups.folder
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.json") if path.is_file())


def _holds_bytes(path: Path, child_id: str, first_name: str, last_name: str) -> bool:
    try:
        payload = path.read_bytes()
    except OSError:
        return False
    needles = {child_id, first_name, last_name} - {""}
    return any(needle.encode() in payload for needle in needles)


def find_child(store: Store, child_id: str) -> tuple[str, str] | None:
    """Her first and last name from the live file, or from the archive that keeps her."""
    child = store.children.get(child_id)
    return None if child is None else (child.first_name, child.last_name)


def plan_purge(store: Store, child_id: str, *, backups: bool = True) -> PurgePlan:
    """What a purge of this child would remove, from every file; nothing is written.
    `backups`: also look through the backups folder."""
    names = find_child(store, child_id)
    if names is None:
        raise KeyError(child_id)
    first_name, last_name = names
    finder = NameFinder(first_name, last_name)
    live, _ = _live_raw(store)
    others = _other_names(store, child_id)
    counts: dict[str, dict[str, int]] = {}
    mentions: list[Mention] = []
    touched_years: list[int] = []

    def note(where: str, raw: Raw) -> bool:
        _, tally = _purged_document(
            raw,
            where=where,
            child_id=child_id,
            finder=finder,
            choices={},
            others=others,
            default="keep",
        )
        for kind, number in tally.counts.items():
            counts.setdefault(kind, {})[where] = number
        for table, name, entry, deletable, suggested in tally.mentions:
            mentions.append(_mention(where, table, name, entry, deletable, suggested, finder))
        return bool(tally.counts or tally.mentions)

    note(LIVE, live)
    for year in store.school_years.archived_years():
        if note(school_year_label(year), _archive_raw(store, year)[0]):
            touched_years.append(year)
    readable: list[Path] = []
    unreadable: list[Path] = []
    if backups:
        for path in _backup_files(store):
            decoded = _decoded_backup(path, store.core.keyring)
            if decoded is None:
                if _holds_bytes(path, child_id, first_name, last_name):
                    unreadable.append(path)
                continue
            raw, _, _ = decoded
            _, tally = _purged_document(
                raw,
                where=f"backup:{path.name}",
                child_id=child_id,
                finder=finder,
                choices={},
                others=others,
                default="remove",
            )
            if tally.counts or tally.mentions:
                readable.append(path)
    return PurgePlan(
        child_id=child_id,
        first_name=first_name,
        last_name=last_name,
        counts=counts,
        mentions=tuple(mentions),
        backups=tuple(readable),
        unreadable_backups=tuple(unreadable),
        archives=tuple(touched_years),
    )


def _mention(
    where: str,
    table: str,
    name: str,
    entry: Raw,
    deletable: bool,
    suggested: Choice,
    finder: NameFinder,
) -> Mention:
    texts = [
        str(value)
        for field_name, value in entry.items()
        if field_name not in _UNTOUCHED and isinstance(value, str) and finder.names(value)
    ]
    day = entry.get("date")
    title = str(entry.get("title") or entry.get("name") or "")
    return Mention(
        where=where,
        table=table,
        entry=name,
        day=date.fromisoformat(day) if isinstance(day, str) else None,
        title=title,
        excerpt=finder.excerpt(texts[0]) if texts else "",
        deletable=deletable,
        suggested=suggested,
    )


# -- doing it ----------------------------------------------------------------------------

AfterWrite = Callable[[Path], None]


def apply_purge(
    store: Store,
    plan: PurgePlan,
    choices: Mapping[tuple[str, str], Choice] | None = None,
    *,
    backups: bool = False,
    after_write: AfterWrite | None = None,
) -> PurgeResult:
    """Remove the child everywhere the plan found her: each backup (when `backups`), each
    archive and the live file, each in one atomic write, her roster entry last. `choices`:
    per mention (Mention.key), the plan's suggestion where none is given. `after_write`
    is told each file written (progress; the tests stop the process there). The store
    is read anew afterwards."""
    chosen = {**plan.suggested, **(choices or {})}
    finder = NameFinder(plan.first_name, plan.last_name)
    child_id = plan.child_id
    live, live_sealing = _live_raw(store)
    others = _other_names(store, child_id)
    written: list[Path] = []
    counts: dict[str, int] = {}
    removed = deleted = 0

    def purged(raw: Raw, *, where: str, default: Choice | None) -> tuple[Raw, _Tally]:
        return _purged_document(
            raw,
            where=where,
            child_id=child_id,
            finder=finder,
            choices=chosen,
            others=others,
            default=default,
        )

    def write(path: Path, payload: bytes) -> None:
        store.core.write(lambda: atomic_write(path, payload))
        written.append(path)
        if after_write is not None:
            after_write(path)

    rewritten = backups_deleted = 0
    if backups:
        # Backups first: the live file keeps her roster entry until the very end.
        for path in plan.backups:
            decoded = _decoded_backup(path, store.core.keyring)
            if decoded is None:
                continue
            raw, year, sealing = decoded
            # An entry of the plan keeps her choice; an older copy loses the name.
            document, tally = purged(raw, where=f"backup:{path.name}", default=None)
            if not (tally.counts or tally.mentions):
                continue
            _check(path, encode(document), year)
            write(path, encode(document, sealing))
            rewritten += 1
        for path in plan.unreadable_backups:
            store.core.write(partial(path.unlink, missing_ok=True))
            backups_deleted += 1
            if after_write is not None:
                after_write(path)
    # The archive that keeps her roster entry (she left) is written after the live file.
    roster = plan.counts.get("children", {})
    holding = [year for year in plan.archives if school_year_label(year) in roster]
    for year in [*(year for year in plan.archives if year not in holding), None, *holding]:
        if year is None:
            path, raw, sealing, where = store.path, live, live_sealing, LIVE
        else:
            path = store.school_years.archive_path(year)
            (raw, sealing), where = _archive_raw(store, year), school_year_label(year)
        document, tally = purged(raw, where=where, default=None)
        changes = tally.removed_mentions or tally.deleted_entries
        if not (tally.counts or (changes if year is None else tally.mentions)):
            continue
        _check(path, encode(document), year)  # each file stays valid (an archive for its year)
        write(path, encode(document, sealing))
        _add(counts, tally.counts)
        removed += tally.removed_mentions
        deleted += tally.deleted_entries
    store.reload()
    return PurgeResult(
        counts=counts,
        mentions_removed=removed,
        entries_deleted=deleted,
        backups_rewritten=rewritten,
        backups_deleted=backups_deleted,
        files_written=tuple(written),
    )


def _add(counts: dict[str, int], more: Mapping[str, int]) -> None:
    for kind, number in more.items():
        counts[kind] = counts.get(kind, 0) + number


def _check(path: Path, payload: bytes, year: int | None) -> None:
    """What is about to be written reads back as a valid file of its kind (else a
    DataFileError names it, and nothing is written)."""
    if year is None:
        decode_live(path, payload)
    else:
        decode_archive(path, payload, year=year)


# -- retention ---------------------------------------------------------------------------

RETENTION_SETTING = "keep_archives_years"
RETENTION_CHOICES = tuple(range(1, 11))


def retention_years(store: Store) -> int | None:
    """How many school years archives are kept (None: all of them, the default)."""
    value = store.settings.get(RETENTION_SETTING)
    if value is None or not value.isdigit() or int(value) not in RETENTION_CHOICES:
        return None
    return int(value)


def set_retention_years(store: Store, years: int | None) -> None:
    if years is not None and years not in RETENTION_CHOICES:
        raise ValueError(years)
    store.settings.set(RETENTION_SETTING, "" if years is None else str(years))


def archives_past_retention(store: Store, years: int | None = None) -> list[int]:
    """The archived school years older than the setting keeps (`years` given: that many),
    oldest first: a year goes once more than `years` school years have begun after it."""
    keep = retention_years(store) if years is None else years
    if keep is None:
        return []
    current = store.current_year
    return [year for year in store.school_years.archived_years() if current - year > keep]


@dataclass(frozen=True, slots=True)
class ArchiveDeletion:
    years: tuple[int, ...]
    backups: int  # backups of those archives deleted with them


def delete_archives(store: Store, years: tuple[int, ...] | list[int]) -> ArchiveDeletion:
    """Delete the archives of these closed school years and their backups (after the
    teacher confirmed). Today's school year is never deleted this way."""
    gone: list[int] = []
    backups = 0
    for year in sorted(years):
        if year >= store.current_year or not store.school_years.has_archive(year):
            continue
        for backup in store.backups.of_year(year):
            store.core.write(partial(backup.unlink, missing_ok=True))
            backups += 1
        path = store.school_years.archive_path(year)
        store.core.write(partial(path.unlink, missing_ok=True))
        gone.append(year)
    if gone:
        store.reload()
    return ArchiveDeletion(tuple(gone), backups)


# -- in words ----------------------------------------------------------------------------


def where_text(where: str) -> str:
    return t("purge.where_live") if where == LIVE else t("purge.where_archive", year=where)


def plan_lines(plan: PurgePlan) -> list[str]:
    """What will go, kind by kind and file by file (the mentions are listed apart)."""
    lines = []
    for kind in KINDS:
        for where, number in sorted(plan.counts.get(kind, {}).items(), key=_live_first):
            if number:
                what = t(f"purge.{kind}", count=number)
                lines.append(t("purge.where_line", what=what, where=where_text(where)))
    return lines


def _live_first(item: tuple[str, int]) -> tuple[bool, str]:
    return (item[0] != LIVE, item[0])


def mention_line(mention: Mention, choice: Choice) -> str:
    return t(
        "purge.mention_line",
        day=mention.day.isoformat() if mention.day else "",
        title=mention.title or mention.table,
        where=where_text(mention.where),
        excerpt=mention.excerpt,
        choice=t(f"purge.choice_{choice}"),
    ).replace("   ", " ")


def result_lines(plan: PurgePlan, result: PurgeResult) -> list[str]:
    parts = [
        t(f"purge.{kind}", count=result.counts[kind]) for kind in KINDS if result.counts.get(kind)
    ]
    name = plan.full_name
    lines = [
        t("purge.done", name=name, what="; ".join(parts))
        if parts
        else t("purge.done_nothing", name=name)
    ]
    if result.mentions_removed:
        lines.append(t("purge.done_mentions", count=result.mentions_removed))
    if result.entries_deleted:
        lines.append(t("purge.done_deleted", count=result.entries_deleted))
    if result.backups_rewritten:
        lines.append(t("purge.done_backups", count=result.backups_rewritten))
    return lines
