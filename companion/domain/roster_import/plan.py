"""`plan_import`: which rows become new children, which are duplicates, which are refused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeAlias

from companion.domain.children import Child, ChildDraft, collation_key, same_person
from companion.domain.roster_import.records import ImportPlan, ParsedRoster, SkippedRow

_Identity: TypeAlias = tuple[str, str, date | None]
_Known: TypeAlias = dict[_Identity, list[tuple[Child, int | None]]]


def plan_import(parsed: ParsedRoster, existing: Sequence[Child]) -> ImportPlan:
    """Split rows into new children, duplicates (of the class or of earlier rows) and refusals."""
    # The index only narrows the candidates; same_person decides what a duplicate is.
    known: _Known = {}
    for child in existing:
        known.setdefault(_identity(child), []).append((child, None))
    to_add: list[ChildDraft] = []
    skipped: list[SkippedRow] = []
    for row in parsed.rows:
        candidates = known.setdefault(_identity(row.draft), [])
        duplicate = next((pair for pair in candidates if same_person(pair[0], row.draft)), None)
        if duplicate is not None:
            skipped.append(SkippedRow(row.line, row.draft, earlier_line=duplicate[1]))
            continue
        to_add.append(row.draft)
        candidates.append((_stand_in(row.draft), row.line))
    return ImportPlan(to_add, skipped, list(parsed.rejected), parsed.error)


def _identity(person: Child | ChildDraft) -> _Identity:
    return collation_key(person.first_name), collation_key(person.last_name), person.birth_date


def _stand_in(draft: ChildDraft) -> Child:
    return Child.from_draft(draft, id="", added_on=date.min)
