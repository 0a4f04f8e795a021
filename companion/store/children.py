"""The children: the class in the live file, indexed by id, and the children who left
in the archives of their last school year (past_children.py says when they move), read
from there only when one of them is asked for."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from companion.domain.children import Child, ChildDraft
from companion.store.schema import ChildRecord

if TYPE_CHECKING:
    from companion.domain.needs import NeedsProfile
    from companion.store.core import Core
    from companion.store.school_years import SchoolYears

TABLE = "children"


def child_from(record: ChildRecord) -> Child:
    return Child(
        id=record.id,
        first_name=record.first_name,
        last_name=record.last_name,
        birth_date=record.birth_date,
        group=record.group,
        note=record.note,
        archived=record.archived,
        added_on=record.added_on,
    )


def child_to(child: Child) -> dict[str, Any]:
    return {
        "id": child.id,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "birth_date": child.birth_date.isoformat() if child.birth_date else None,
        "group": child.group,
        "note": child.note,
        "archived": child.archived,
        "added_on": child.added_on.isoformat(),
    }


class Children:
    """`store.children`. The live file's children are the class and those who left in a
    school year still open; `years` keeps the others (the past children)."""

    def __init__(
        self, core: Core, records: Mapping[str, ChildRecord], *, years: SchoolYears
    ) -> None:
        self._core = core
        self._years = years
        self._children: dict[str, Child] = {}
        self._doc_ids: dict[str, int] = {}
        for doc_id, record in records.items():
            child = child_from(record)
            self._children[child.id] = child
            self._doc_ids[child.id] = int(doc_id)

    def all(self, *, include_archived: bool = False) -> list[Child]:
        """The class (in the live file's order); `include_archived`: every child, those
        who left too (the archives are read once, at the first such call), in the order
        they joined (then by id), the same wherever each is kept."""
        if not include_archived:
            return [c for c in self._children.values() if not c.archived]
        everyone = [*self._children.values(), *self.past()]
        return sorted(everyone, key=lambda child: (child.added_on, child.id))

    def in_live_file(self) -> list[Child]:
        """The class and the children who left in a school year that is still open."""
        return list(self._children.values())

    def past(self) -> list[Child]:
        """The children kept in the archives (who left with a closed school year)."""
        live = self._children
        return [child for child in self._years.past_children().values() if child.id not in live]

    def past_profile(self, child_id: str) -> NeedsProfile | None:
        """The needs profile a child kept in an archive took with her."""
        return None if child_id in self._children else self._years.past_profile(child_id)

    def past_profiles(self) -> dict[str, NeedsProfile]:
        live = self._children
        profiles = self._years.past_profiles().items()
        return {child_id: profile for child_id, profile in profiles if child_id not in live}

    def has_any(self) -> bool:
        """Whether there is any child at all, the class or one who left (the archives are
        read only when the live file has none)."""
        return bool(self._children) or bool(self.past())

    def get(self, child_id: str) -> Child | None:
        """A child of the live file, else one who left (the archives read the first time an
        id is not in the live file)."""
        return self._children.get(child_id) or self._years.past_child(child_id)

    def add(self, draft: ChildDraft, *, added_on: date | None = None) -> Child:
        return self.add_many([draft], added_on=added_on)[0]

    def add_many(
        self, drafts: Sequence[ChildDraft], *, added_on: date | None = None
    ) -> list[Child]:
        """Add many children in one write (an import is all or nothing on disk). They are
        added on the store's today (the app's clock) unless told otherwise."""
        day = added_on or self._core.today
        children = [Child.from_draft(d, id=uuid.uuid4().hex[:12], added_on=day) for d in drafts]
        self._insert(children)
        return children

    def _insert(self, children: Sequence[Child]) -> None:
        if not children:
            return
        table = self._core.table(TABLE)
        doc_ids = self._core.write(lambda: table.insert_multiple(child_to(c) for c in children))
        for child, doc_id in zip(children, doc_ids, strict=True):
            self._children[child.id] = child
            self._doc_ids[child.id] = doc_id

    def update(self, child: Child) -> Child:
        """Change a child's record where it is kept. One who left, made active again,
        comes back into the live file (and her needs profile with her); her archive keeps
        the record she left with, and the live file's copy is the one read."""
        doc_id = self._doc_ids.get(child.id)
        if doc_id is None:
            if self._years.past_child(child.id) is None:
                raise KeyError(f"no child with the id {child.id!r}")
            if child.archived:
                self._years.update_past_child(child)
                return child
            self._insert([child])
            self._years.returned(child.id)
            return child
        table = self._core.table(TABLE)
        self._core.write(lambda: table.update(child_to(child), doc_ids=[doc_id]))
        self._children[child.id] = child
        return child

    def set_archived(self, child_id: str, archived: bool) -> Child:
        child = self.get(child_id)
        if child is None:
            raise KeyError(f"no child with the id {child_id!r}")
        return self.update(replace(child, archived=archived))

    def remove_live(self, child_ids: Collection[str]) -> None:
        """Take children out of the live file in one write, once their archive holds
        them (school_years moves them)."""
        doc_ids = [self._doc_ids[child_id] for child_id in child_ids]
        if not doc_ids:
            return
        table = self._core.table(TABLE)
        self._core.write(lambda: table.remove(doc_ids=doc_ids))
        for child_id in child_ids:
            del self._children[child_id]
            del self._doc_ids[child_id]

    def check_known(self, child_id: str) -> None:
        """The live file is refused on opening when an entry names no child of it (codec),
        so no such entry is ever written to it (nor for a child kept in an archive)."""
        if child_id not in self._children:
            raise KeyError(f"no child with the id {child_id!r}")
