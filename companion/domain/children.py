"""Children of the class: the record, its validation and name ordering."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from companion.domain.dates import ImpossibleDate, NotADate, parse_date
from companion.domain.vocabulary import ChildGroup, is_child_group

MAX_NAME_LENGTH = 60
MAX_NOTE_LENGTH = 2000
OLDEST_AGE_YEARS = 9


@dataclass(frozen=True, slots=True)
class Child:
    id: str
    first_name: str
    last_name: str
    birth_date: date | None = None
    group: ChildGroup = "all"
    note: str = ""
    archived: bool = False
    # The day the child joined the class, always from the app's clock (store.today).
    added_on: date = field(kw_only=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def from_draft(cls, draft: ChildDraft, *, id: str, added_on: date) -> Child:
        return cls(
            id=id,
            first_name=draft.first_name,
            last_name=draft.last_name,
            birth_date=draft.birth_date,
            group=draft.group,
            note=draft.note,
            added_on=added_on,
        )

    def with_changes(self, draft: ChildDraft) -> Child:
        return replace(
            self,
            first_name=draft.first_name,
            last_name=draft.last_name,
            birth_date=draft.birth_date,
            group=draft.group,
            note=draft.note,
        )


@dataclass(frozen=True, slots=True)
class ChildDraft:
    """What a form or an imported row proposes, already cleaned and validated."""

    first_name: str
    last_name: str
    birth_date: date | None = None
    group: ChildGroup = "all"
    note: str = ""


class ChildValidationError(ValueError):
    """Maps each bad field to an i18n key (`errors.<reason>`) that explains it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(", ".join(f"{name}: {reason}" for name, reason in problems.items()))
        self.problems = problems


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char).startswith("C") for char in text)


def _clean_name(raw: str, *, required: bool) -> tuple[str, str | None]:
    # NFC so that "Zoë" typed with a combining diaeresis equals the precomposed one.
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if _has_control_characters(raw.replace("\t", " ")):
        return name, "name_control_characters"
    if not name:
        return name, "name_required" if required else None
    if len(name) > MAX_NAME_LENGTH:
        return name, "name_too_long"
    return name, None


def _clean_birth_date(
    raw: str | date | None, today: date, in_class_since: date
) -> tuple[date | None, str | None]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    try:
        born = raw if isinstance(raw, date) else parse_date(raw)
    except ImpossibleDate:
        return None, "date_impossible"
    except NotADate:
        return None, "birth_date_format"
    if born > today:
        return None, "birth_date_future"
    # Judged against when the child was in class, so an archived child keeps a valid date.
    if born.year < in_class_since.year - OLDEST_AGE_YEARS:
        return None, "birth_date_too_old"
    return born, None


def validate_child(
    *,
    first_name: str,
    last_name: str,
    birth_date: str | date | None = None,
    group: str = "all",
    note: str = "",
    today: date,
    in_class_since: date | None = None,
) -> ChildDraft:
    """Clean the fields and return a draft, or raise with a reason for every bad field."""
    problems: dict[str, str] = {}
    first, reason = _clean_name(first_name, required=True)
    if reason:
        problems["first_name"] = reason
    last, reason = _clean_name(last_name, required=False)
    if reason:
        problems["last_name"] = reason
    born, reason = _clean_birth_date(birth_date, today, in_class_since or today)
    if reason:
        problems["birth_date"] = reason
    known_group = group if is_child_group(group) else None
    if known_group is None:
        problems["group"] = "group_unknown"
    cleaned_note = unicodedata.normalize("NFC", note).strip()
    if len(cleaned_note) > MAX_NOTE_LENGTH:
        problems["note"] = "note_too_long"
    elif _has_control_characters(cleaned_note.replace("\n", " ").replace("\t", " ")):
        problems["note"] = "note_control_characters"
    if problems or known_group is None:
        raise ChildValidationError(problems)
    return ChildDraft(first, last, born, known_group, cleaned_note)


# Digits in date order with separators: 31/02/2022, 3-9-21, 2022.02.31.
_DATE_LIKE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}(\s*[/.\-]\s*\d{1,4})?")
NAME_FIELDS = ("first_name", "last_name")


def name_warnings(draft: ChildDraft) -> dict[str, str]:
    """Names that are valid but look like something else, as field -> reason: a value
    that looks like a date or holds a number deserves a question, not a refusal (the
    teacher confirms; no child is named by a number, but the rule stays a question)."""
    warnings: dict[str, str] = {}
    for field_name in NAME_FIELDS:
        name: str = getattr(draft, field_name)
        if _DATE_LIKE.search(name):
            warnings[field_name] = "name_looks_like_date"
        elif any(char.isdigit() for char in name):
            warnings[field_name] = "name_has_digits"
    return warnings


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l"})


def collation_key(text: str) -> str:
    """Accent- and case-blind key, so Zoë sorts with Zoe and Yılmaz is found as 'yilmaz'."""
    # NFKD before casefold too: "℠" only becomes "SM" on decomposition.
    folded = unicodedata.normalize("NFKD", text).casefold().translate(_UNDECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sort_key_first_name(child: Child) -> tuple[str, str, str]:
    return (collation_key(child.first_name), collation_key(child.last_name), child.id)


def sort_key_last_name(child: Child) -> tuple[str, str, str]:
    # "Van den Broeck" sorts under V, as Flemish class lists do.
    return (collation_key(child.last_name), collation_key(child.first_name), child.id)


def matches(child: Child, query: str) -> bool:
    """Type-to-find: every word of the query starts a word of the name, accents ignored."""
    name = collation_key(child.full_name)
    # D'hondt is found as "d hondt", "hondt" and "dhondt" alike.
    words = name.replace("'", " ").split() + name.replace("'", "").split()
    return all(
        any(word.startswith(part) for word in words)
        for part in collation_key(query).replace("'", " ").split()
    )


def children_named(children: Iterable[Child], name: str) -> list[Child]:
    """The children a typed name means, accents and case aside: her full name or her
    first name exactly, else every child it finds by type-to-find (more than one: the
    name is ambiguous; none: unknown)."""
    listed = list(children)
    wanted = " ".join(collation_key(name).split())
    for exact in (
        (collation_key(c.full_name) for c in listed),
        (collation_key(c.first_name) for c in listed),
    ):
        found = [c for c, key in zip(listed, exact, strict=True) if key == wanted]
        if found:
            return found
    return [child for child in listed if wanted and matches(child, wanted)]


def short_names(children: Iterable[Child]) -> dict[str, str]:
    """How to name each child in a list of the class, by id: her first name, or her full
    name where another child has the same one (accents and case ignored)."""
    listed = list(children)
    counts = Counter(collation_key(child.first_name) for child in listed)
    return {
        child.id: child.first_name
        if counts[collation_key(child.first_name)] == 1
        else child.full_name
        for child in listed
    }


def initials(child: Child) -> str:
    """Her initials: "Zoë Peeters" -> "Z.P.", "Bram Van den Broeck" -> "B.V." (the
    first letter of each name, as written)."""
    letters = (name.strip()[:1].upper() for name in (child.first_name, child.last_name))
    return "".join(f"{letter}." for letter in letters if letter)


def initials_of(children: Iterable[Child], *, after: Iterable[Child] = ()) -> dict[str, str]:
    """Her initials by id, told apart where two children share them (accents and case
    aside): the child who came first keeps "Z.P.", the next is "Z.P.2", then "Z.P.3".
    Ordered by the day each joined (then id), so a newcomer never renumbers the class.
    `after`: children numbered after all of `children` (those who left, kept in the
    archives), so that they never renumber the class either."""
    seen: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for group in (children, after):
        for child in sorted(group, key=lambda c: (c.added_on, c.id)):
            if child.id in shown:
                continue
            mine = initials(child) or "?"
            seen[collation_key(mine)] += 1
            number = seen[collation_key(mine)]
            shown[child.id] = mine if number == 1 else f"{mine}{number}"
    return shown


def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


@dataclass(frozen=True, slots=True)
class ShownNames:
    """How every screen names a child: the one place that decides it. With `initials`
    (a setting, for working beside colleagues) each child is her initials only, told
    apart from a classmate with the same ones; otherwise her names as each list needs
    them. What the teacher types herself (journal text) and reports written to a file
    are not shown through this."""

    initials: bool
    by_id: dict[str, str]
    # The children who left, kept apart (in the archives): asked for only when one of
    # them is shown, and numbered after `_first`. Holds that question until then.
    _later: list[Callable[[], Iterable[Child]]] = field(default_factory=list, compare=False)
    _first: tuple[Child, ...] = field(default=(), compare=False)

    @classmethod
    def of(
        cls,
        children: Iterable[Child],
        *,
        initials: bool,
        later: Callable[[], Iterable[Child]] | None = None,
    ) -> ShownNames:
        """`children`: the whole class, the archived too, so that numbers stay put.
        `later`: the children kept apart, numbered after them the first time one of them
        is shown (so that showing the class never waits for them)."""
        first = tuple(children)
        asked = [later] if later is not None and initials else []
        return cls(initials, initials_of(first) if initials else {}, asked, first)

    def _hidden(self, child: Child) -> str:
        if child.id not in self.by_id and self._later:
            self.by_id.update(initials_of(self._first, after=self._later.pop()()))
        return self.by_id.get(child.id) or initials(child) or "?"

    def full(self, child: Child) -> str:
        """Where her whole name is shown (her page, the class list, a title)."""
        return self._hidden(child) if self.initials else child.full_name

    def first(self, child: Child) -> str:
        """Where her first name is enough (a message, a list of due children)."""
        return self._hidden(child) if self.initials else child.first_name

    def brief(self, child: Child) -> str:
        """A narrow column: her first name and the first letter of her last name."""
        if self.initials:
            return self._hidden(child)
        return f"{child.first_name} {child.last_name[:1]}".strip()

    def listed(self, child: Child, *, last_first: bool) -> str:
        """The class list: "Van den Broeck, Bram" when sorted by last name."""
        if self.initials:
            return self._hidden(child)
        if last_first and child.last_name:
            return f"{child.last_name}, {child.first_name}"
        return child.full_name

    def in_text(self, text: str, children: Iterable[Child]) -> str:
        """A text made with the children's names (a report's preview) as the screen
        shows it: with initials on, every child's full name, then each first and last
        name standing alone, becomes her initials. The file written keeps the names."""
        if not self.initials:
            return text
        listed = list(children)
        for child in listed:
            if child.full_name:
                text = _whole_word(child.full_name).sub(self._hidden(child), text)
        for child in listed:
            for name in (child.first_name, child.last_name):
                if name:
                    text = _whole_word(name).sub(self._hidden(child), text)
        return text

    def short(self, children: Iterable[Child]) -> dict[str, str]:
        """`short_names` of a list of the class, or each child's initials."""
        listed = list(children)
        if self.initials:
            return {child.id: self._hidden(child) for child in listed}
        return short_names(listed)


def same_person(child: Child, draft: ChildDraft) -> bool:
    """Duplicates on import: same name (accent- and case-blind) and same birth date."""
    return (
        collation_key(child.first_name) == collation_key(draft.first_name)
        and collation_key(child.last_name) == collation_key(draft.last_name)
        and child.birth_date == draft.birth_date
    )
