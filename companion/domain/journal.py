"""The reflection journal (Reflectie): entries, their tags, and finding them again.

One timeline of three kinds of entries: a free reflection, a reflection on a prompt, and
a Self-Reg incident analysis (domain/self_reg.py holds its five steps). Search follows
jrnl's conventions and what its users keep asking for: several words and several tags
combined with AND, a NOT (`-word`, `-@tag`), multi-word tags (`@"kikkertje rust"`), case-
and accent-blind matching ("zoe" finds Zoë), and date ranges whose end is the whole day.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from companion.domain.dates import parse_date
from companion.domain.text import has_control, tidy
from companion.domain.vocabulary import EntryKind

MAX_TITLE: Final = 120
MAX_TEXT: Final = 100_000  # a long evening's writing, with room to spare
MAX_TAG: Final = 40

# `@word` in the text is a tag; a letter, digit, `_` or `-` continues it.
_TEXT_TAG: Final = re.compile(r"(?<![\w@])@([^\W_][\w-]*)")
# A query: `-`? then `@"multi word tag"`, `@tag`, `"a phrase"` or a word.
_QUERY_PART: Final = re.compile(r'(-?)(?:@"([^"]*)"?|@(\S+)|"([^"]*)"?|(\S+))')
_NOT_WORDS: Final = frozenset({"not", "niet"})
# Words for days, in both languages; dd/mm/yyyy and dd.mm.yyyy read the Belgian way.
_TODAY: Final = frozenset({"today", "vandaag"})
_YESTERDAY: Final = frozenset({"yesterday", "gisteren"})


def fold(text: str) -> str:
    """Case- and accent-blind: "Zoë" and "ZOE" fold alike (as children's names do)."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tag_label(tag: str) -> str:
    """A tag as she wrote it, tidied: no `@`, single spaces."""
    return " ".join(tag.strip().lstrip("@").split())


def tags_in(text: str) -> list[str]:
    """The `@tags` written in a text, in order."""
    return _TEXT_TAG.findall(text)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """An entry of the timeline. `children` are child ids; `tags` the ones she picked (the
    text's own `@tags` count too: see all_tags); `prompt` the key of the prompt she
    answered; `analysis` the id of the incident analysis the entry is."""

    id: str
    kind: EntryKind
    written_at: datetime
    title: str
    text: str = ""
    children: frozenset[str] = frozenset()
    tags: tuple[str, ...] = ()
    starred: bool = False
    private: bool = False
    prompt: str = ""
    analysis: str = ""

    @property
    def day(self) -> date:
        return self.written_at.date()

    def all_tags(self) -> list[str]:
        """Her picked tags and the text's `@tags`, each once (case and accents aside)."""
        seen: dict[str, str] = {}
        for tag in (*self.tags, *tags_in(self.text)):
            label = tag_label(tag)
            if label:
                seen.setdefault(fold(label), label)
        return list(seen.values())


@dataclass(frozen=True, slots=True)
class Query:
    """What she looks for: every word, phrase and tag (AND), none of the NOT ones, of
    these kinds and children (any of them; empty: all), between two days (whole days)."""

    words: tuple[str, ...] = ()
    without_words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    without_tags: tuple[str, ...] = ()
    kinds: frozenset[EntryKind] = frozenset()
    children: frozenset[str] = frozenset()
    first: date | None = None
    last: date | None = None
    starred: bool = False

    @property
    def is_empty(self) -> bool:
        return self == Query()


def parse_query(text: str) -> Query:
    """Words and `"phrases"` to find, `@tag` or `@"multi word tag"` to require, and `-`
    or NOT before any of them to leave out ("boos -@thuis", "NOT kring")."""
    words: list[str] = []
    without_words: list[str] = []
    tags: list[str] = []
    without_tags: list[str] = []
    negate_next = False
    for match in _QUERY_PART.finditer(text):
        minus, quoted_tag, tag, phrase, word = match.groups()
        if word is not None and fold(word) in _NOT_WORDS and not minus:
            negate_next = True
            continue
        negated = bool(minus) or negate_next
        negate_next = False
        if quoted_tag is not None or tag is not None:
            label = tag_label(quoted_tag if quoted_tag is not None else tag)
            if label:
                (without_tags if negated else tags).append(fold(label))
            continue
        found = " ".join(fold(phrase if phrase is not None else word).split())
        if found:
            (without_words if negated else words).append(found)
    return Query(tuple(words), tuple(without_words), tuple(tags), tuple(without_tags))


def matches(
    entry: JournalEntry,
    query: Query,
    names: Mapping[str, str] = {},
    text: str | None = None,
    tags: frozenset[str] | None = None,
) -> bool:
    """Whether the entry is one she looks for; `names` (child id -> name) lets a child's
    name be found as a word; `text` and `tags` are its searchable text and folded tags
    when already known."""
    if query.kinds and entry.kind not in query.kinds:
        return False
    if query.children and not query.children & entry.children:
        return False
    if query.first is not None and entry.day < query.first:
        return False
    if query.last is not None and entry.day > query.last:
        return False
    if query.starred and not entry.starred:
        return False
    if query.tags or query.without_tags:
        tags = folded_tags(entry) if tags is None else tags
        if not all(tag in tags for tag in query.tags) or tags & set(query.without_tags):
            return False
    if not query.words and not query.without_words:
        return True
    haystack = searchable_text(entry, names) if text is None else text
    return all(word in haystack for word in query.words) and not any(
        word in haystack for word in query.without_words
    )


def folded_tags(entry: JournalEntry) -> frozenset[str]:
    return frozenset(fold(tag) for tag in entry.all_tags())


def searchable_text(entry: JournalEntry, names: Mapping[str, str] = {}) -> str:
    """Title, text, tags and the linked children's names, folded, spaces single."""
    parts = [entry.title, entry.text, *entry.all_tags()]
    parts += [names[child] for child in entry.children if child in names]
    return " ".join(fold(" \n ".join(parts)).split())


def search(
    entries: Iterable[JournalEntry], query: Query, names: Mapping[str, str] = {}
) -> list[JournalEntry]:
    """The entries she looks for, newest first."""
    found = [entry for entry in entries if matches(entry, query, names)]
    return sorted(found, key=lambda entry: (entry.written_at, entry.id), reverse=True)


class SearchIndex:
    """The entries kept newest first with their folded texts and tags, and each word's
    entries: a search looks up the words it needs (a word is found inside longer ones,
    "zoe" in "zoe's") in the vocabulary, which grows far slower than the entries, reads
    only the entries that hold them all, and stops at `limit`. Built once, then kept up
    to date entry by entry."""

    def __init__(self, entries: Iterable[JournalEntry], names: Mapping[str, str]) -> None:
        self.names = dict(names)
        self._entries: dict[str, JournalEntry] = {}
        self._texts: dict[str, str] = {}
        self._tags: dict[str, frozenset[str]] = {}
        self._by_tag: dict[str, set[str]] = {}
        self._words: dict[str, set[str]] = {}
        self._order: list[tuple[datetime, str]] = []  # (written_at, id), oldest first
        for entry in entries:
            self.remove(entry.id)
            self._put(entry)
        self._order = sorted((e.written_at, e.id) for e in self._entries.values())

    def add(self, entry: JournalEntry) -> None:
        self.remove(entry.id)
        self._put(entry)
        bisect.insort(self._order, (entry.written_at, entry.id))

    def _put(self, entry: JournalEntry) -> None:
        text = searchable_text(entry, self.names)
        self._entries[entry.id] = entry
        self._texts[entry.id] = text
        self._tags[entry.id] = folded_tags(entry)
        for tag in self._tags[entry.id]:
            self._by_tag.setdefault(tag, set()).add(entry.id)
        for word in set(text.split()):
            self._words.setdefault(word, set()).add(entry.id)

    def remove(self, entry_id: str) -> None:
        entry = self._entries.pop(entry_id, None)
        if entry is None:
            return
        for word in set(self._texts.pop(entry_id).split()):
            holders = self._words[word]
            holders.discard(entry_id)
            if not holders:
                del self._words[word]
        for tag in self._tags.pop(entry_id):
            tagged = self._by_tag[tag]
            tagged.discard(entry_id)
            if not tagged:
                del self._by_tag[tag]
        place = bisect.bisect_left(self._order, (entry.written_at, entry_id))
        if place < len(self._order) and self._order[place] == (entry.written_at, entry_id):
            del self._order[place]

    def entries(self) -> list[JournalEntry]:
        return [self._entries[entry_id] for _, entry_id in self._order]

    def _pool(self, query: Query) -> set[str] | None:
        """The entries that may match: those holding the query's rarest word or tag
        (an empty set: nothing can); None when every word and tag is common, so reading
        the newest entries first finds the matches soonest."""
        needs: list[list[set[str]]] = []
        for part in (part for word in query.words for part in word.split()):
            needs.append([ids for word, ids in self._words.items() if part in word])
        needs += [[self._by_tag.get(tag, set())] for tag in query.tags]
        if not needs:
            return None
        rarest = min(needs, key=lambda holders: sum(map(len, holders)))
        if sum(map(len, rarest)) * 3 > len(self._entries):
            return None
        return set().union(*rarest)

    def search(self, query: Query, limit: int | None = None) -> list[JournalEntry]:
        """What `search` finds, newest first; the newest `limit` of them when given."""
        pool = self._pool(query)
        if pool is not None and not pool:
            return []
        if pool is not None and len(pool) * 4 < len(self._order):
            ordered = sorted(((self._entries[i].written_at, i) for i in pool), reverse=True)
        else:
            ordered = [key for key in reversed(self._order) if pool is None or key[1] in pool]
        found: list[JournalEntry] = []
        for _, entry_id in ordered:
            entry = self._entries[entry_id]
            if matches(entry, query, text=self._texts[entry_id], tags=self._tags[entry_id]):
                found.append(entry)
                if limit is not None and len(found) >= limit:
                    break
        return found


def tag_counts(entries: Iterable[JournalEntry]) -> list[tuple[str, int]]:
    """Each tag with how many entries carry it, most used first, then by name."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for entry in entries:
        for tag in entry.all_tags():
            key = fold(tag)
            labels.setdefault(key, tag)
            counts[key] += 1
    return sorted(
        ((labels[key], n) for key, n in counts.items()), key=lambda t: (-t[1], fold(t[0]))
    )


# -- days as she writes them ------------------------------------------------------------


def parse_day(text: str, today: date) -> date:
    """A day as a Flemish teacher writes it: dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy,
    yyyy-mm-dd, today/vandaag, yesterday/gisteren. NotADate or ImpossibleDate otherwise."""
    word = fold(text.strip())
    if word in _TODAY:
        return today
    if word in _YESTERDAY:
        return today - timedelta(days=1)
    return parse_date(text)


def day_range(first: str | None, last: str | None, today: date) -> tuple[date | None, date | None]:
    """The days from `first` to `last`, both whole days included; either may be open."""
    return (
        parse_day(first, today) if first else None,
        parse_day(last, today) if last else None,
    )


# -- what she writes ----------------------------------------------------------------------


class JournalInputError(ValueError):
    """What she wrote cannot be kept: `field` names it, `reason` the sentence
    (journal.error.<reason>), `params` fill it in."""

    def __init__(self, field_name: str, reason: str, **params: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason
        self.params = params


@dataclass(frozen=True, slots=True)
class Draft:
    """Typing not yet saved: kept durably while she writes, offered back on her next
    visit. `editor` names the page: "new" (a new entry), or the id of the entry or the
    analysis she edits; `fields` holds an analysis form's other fields."""

    editor: str
    kind: EntryKind
    title: str
    text: str
    saved_at: datetime
    children: frozenset[str] = frozenset()
    tags: tuple[str, ...] = ()
    prompt: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)


def checked_entry(entry: JournalEntry, known_children: Collection[str]) -> JournalEntry:
    """The entry tidied, or JournalInputError naming the field: a title (or, without one,
    the text's first line), no text too long or holding control characters other than
    line breaks and tabs, tags short and on one line, children of the class."""
    text = _checked("text", entry.text, MAX_TEXT, lines=True)
    title = _checked("title", entry.title, MAX_TITLE, lines=False)
    if not title:
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first_line[:MAX_TITLE].rstrip()
    if not title:
        raise JournalInputError("title", "empty")
    tags: dict[str, str] = {}
    for tag in entry.tags:
        label = tag_label(_checked("tags", tag, MAX_TAG, lines=False))
        if label:
            tags.setdefault(fold(label), label)
    unknown = sorted(entry.children - set(known_children))
    if unknown:
        raise JournalInputError("children", "unknown_child", child=unknown[0])
    return JournalEntry(
        entry.id,
        entry.kind,
        entry.written_at,
        title,
        text,
        entry.children,
        tuple(tags.values()),
        entry.starred,
        entry.private,
        entry.prompt,
        entry.analysis,
    )


def _checked(field_name: str, text: str, limit: int, *, lines: bool) -> str:
    cleaned = tidy(text)
    if has_control(cleaned, lines=lines):
        raise JournalInputError(field_name, "control_characters")
    if len(cleaned) > limit:
        raise JournalInputError(field_name, "too_long", limit=str(limit), length=str(len(cleaned)))
    return cleaned
