"""What a class-list import yields: the rows read, the rows refused and the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from companion.domain.children import ChildDraft

Params: TypeAlias = Mapping[str, str | int]


@dataclass(frozen=True, slots=True)
class RosterRow:
    """A valid row: its 1-based physical line in the file and the cleaned child."""

    line: int
    draft: ChildDraft


@dataclass(frozen=True, slots=True)
class Rejection:
    """A refused row; translate with `t(reason, lang, **params)`."""

    line: int
    reason: str
    params: Params = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why the whole file was refused; translate with `t(reason, lang, **params)`."""

    reason: str
    params: Params = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    error: FileProblem | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A duplicate: of an existing child (earlier_line None) or of an earlier row."""

    line: int
    draft: ChildDraft
    earlier_line: int | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    to_add: list[ChildDraft] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    error: FileProblem | None = None
