"""Class-list import from CSV: decode, find the columns, validate each row, plan, report.

Pure: it receives bytes and returns values. Bad input never raises; it becomes an i18n
reason key (`errors.field.*` or `roster_import.*`) that `format_report` or the UI translates.

reading.py (bytes to text and CSV records) -> header.py (the delimiter and the columns)
-> rows.py (each row a child or a refusal), joined by parse.py (`parse_roster`); plan.py
(`plan_import`) sets the rows against the class; records.py holds what they return.
"""

from companion.domain.roster_import.parse import parse_roster
from companion.domain.roster_import.plan import plan_import
from companion.domain.roster_import.reading import MAX_FILE_BYTES
from companion.domain.roster_import.records import (
    FileProblem,
    ImportPlan,
    Params,
    ParsedRoster,
    Rejection,
    RosterRow,
    SkippedRow,
)

__all__ = [
    "MAX_FILE_BYTES",
    "FileProblem",
    "ImportPlan",
    "Params",
    "ParsedRoster",
    "Rejection",
    "RosterRow",
    "SkippedRow",
    "parse_roster",
    "plan_import",
]
