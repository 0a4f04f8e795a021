"""The children of the class: their records in the live file, indexed by id."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from companion.domain.children import Child, ChildDraft
from companion.store.schema import ChildRecord

if TYPE_CHECKING:
    from companion.store.core import Core

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
    def __init__(self, core: Core, records: Mapping[str, ChildRecord]) -> None:
        self._core = core
        self._children: dict[str, Child] = {}
        self._doc_ids: dict[str, int] = {}
        for doc_id, record in records.items():
            child = child_from(record)
            self._children[child.id] = child
            self._doc_ids[child.id] = int(doc_id)

    def all(self, *, include_archived: bool = False) -> list[Child]:
        return [c for c in self._children.values() if include_archived or not c.archived]

    def get(self, child_id: str) -> Child | None:
        return self._children.get(child_id)

    def add(self, draft: ChildDraft, *, added_on: date | None = None) -> Child:
        return self.add_many([draft], added_on=added_on)[0]

    def add_many(
        self, drafts: Sequence[ChildDraft], *, added_on: date | None = None
    ) -> list[Child]:
        """Add many children in one write (an import is all or nothing on disk). They are
        added on the store's today (the app's clock) unless told otherwise."""
        day = added_on or self._core.today
        children = [Child.from_draft(d, id=uuid.uuid4().hex[:12], added_on=day) for d in drafts]
        if not children:
            return []
        table = self._core.table(TABLE)
        doc_ids = self._core.write(lambda: table.insert_multiple(child_to(c) for c in children))
        for child, doc_id in zip(children, doc_ids, strict=True):
            self._children[child.id] = child
            self._doc_ids[child.id] = doc_id
        return children

    def update(self, child: Child) -> Child:
        doc_id = self._doc_ids[child.id]
        table = self._core.table(TABLE)
        self._core.write(lambda: table.update(child_to(child), doc_ids=[doc_id]))
        self._children[child.id] = child
        return child

    def set_archived(self, child_id: str, archived: bool) -> Child:
        return self.update(replace(self._children[child_id], archived=archived))

    def check_known(self, child_id: str) -> None:
        """The live file is refused on opening when an entry names no child of the class
        (codec), so no such entry is ever written to it."""
        if child_id not in self._children:
            raise KeyError(f"no child with the id {child_id!r}")
