"""`parse_roster`: a CSV class list read into rows and refusals; nothing raises."""

from __future__ import annotations

import io
from datetime import date

from companion.domain.roster_import.header import find_header
from companion.domain.roster_import.reading import (
    DELIMITERS,
    MalformedError,
    decode,
    is_blank,
    records,
)
from companion.domain.roster_import.records import FileProblem, ParsedRoster, Rejection, RosterRow
from companion.domain.roster_import.rows import Record, parse_row


def parse_roster(data: bytes, *, today: date) -> ParsedRoster:
    """Read a CSV class list; every problem becomes a reason key, nothing raises."""
    text_or_problem = decode(data)
    if isinstance(text_or_problem, FileProblem):
        return ParsedRoster(error=text_or_problem)
    if all(char.isspace() or char in DELIMITERS or char == '"' for char in text_or_problem):
        return ParsedRoster(error=FileProblem("roster_import.file.empty"))
    lines = io.StringIO(text_or_problem, newline="").readlines()
    try:
        return _parse_lines(lines, today)
    except MalformedError as error:
        return ParsedRoster(error=FileProblem("roster_import.file.malformed", {"line": error.line}))


def _parse_lines(lines: list[str], today: date) -> ParsedRoster:
    found = find_header(lines)
    if found is None:
        return ParsedRoster(error=FileProblem("roster_import.file.no_header"))
    delimiter, header = found
    rows: list[RosterRow] = []
    rejected: list[Rejection] = []
    for start, end, cells in records(lines, delimiter):
        if start <= header.line or is_blank(cells):
            continue
        outcome = parse_row(lines, Record(start, end, cells), header, delimiter, today)
        if isinstance(outcome, RosterRow):
            rows.append(outcome)
        else:
            rejected.append(outcome)
    return ParsedRoster(rows=rows, rejected=rejected)
