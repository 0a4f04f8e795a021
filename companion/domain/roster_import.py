"""Class-list import from CSV: decode, find the columns, validate each row, plan, report.

Pure: it receives bytes and returns values. Bad input never raises; it becomes an i18n
reason key (`errors.field.*` or `roster_import.*`) that `format_report` or the UI translates.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, TypeAlias

from companion.domain.children import (
    Child,
    ChildDraft,
    ChildValidationError,
    collation_key,
    same_person,
    validate_child,
)

MAX_FILE_BYTES: Final = 2 * 1024 * 1024
_DELIMITERS: Final = ",;\t"
_SNIFF_CHARS: Final = 4096
# Spreadsheet exports sometimes put a title line or two above the column names.
_HEADER_SEARCH_ROWS: Final = 5
_CORE_FIELDS: Final = ("first_name", "last_name", "birth_date")
# How a reason names a delimiter found where it does not belong.
_DELIMITER_NAMES: Final[Mapping[str, str]] = {",": "comma", ";": "semicolon", "\t": "tab"}

_COLUMN_NAMES: Final[Mapping[str, str]] = {
    "voornaam": "first_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "naam": "last_name",
    "achternaam": "last_name",
    "familienaam": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "geboortedatum": "birth_date",
    "birthdate": "birth_date",
    "dateofbirth": "birth_date",
    "groep": "group",
    "group": "group",
    "notitie": "note",
    "opmerking": "note",
    "opmerkingen": "note",
    "note": "note",
    "notes": "note",
}
_GROUP_WORDS: Final[Mapping[str, str]] = {
    "": "all",
    "all": "all",
    "alle": "all",
    "invisible": "invisible",
    "onzichtbaar": "invisible",
    "hardtomanage": "hard_to_manage",
    "moeilijkhanteerbaar": "hard_to_manage",
    # The group names as the app writes them, so an exported or typed label reads back.
    "allekinderen": "all",
    "allchildren": "all",
    "moeilijkhanteerbaargedrag": "hard_to_manage",
    "hardtomanagebehaviour": "hard_to_manage",
    "hardtomanagebehavior": "hard_to_manage",
}

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


class _MalformedError(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


# --- Parsing ----------------------------------------------------------------------------


def parse_roster(data: bytes, *, today: date) -> ParsedRoster:
    """Read a CSV class list; every problem becomes a reason key, nothing raises."""
    text_or_problem = _decode(data)
    if isinstance(text_or_problem, FileProblem):
        return ParsedRoster(error=text_or_problem)
    if all(char.isspace() or char in _DELIMITERS or char == '"' for char in text_or_problem):
        return ParsedRoster(error=FileProblem("roster_import.file.empty"))
    lines = io.StringIO(text_or_problem, newline="").readlines()
    try:
        return _parse_lines(lines, today)
    except _MalformedError as error:
        return ParsedRoster(error=FileProblem("roster_import.file.malformed", {"line": error.line}))


def _decode(data: bytes) -> str | FileProblem:
    if not data:
        return FileProblem("roster_import.file.empty")
    if len(data) > MAX_FILE_BYTES:
        return FileProblem("roster_import.file.too_large", {"limit": MAX_FILE_BYTES // 2**20})
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return FileProblem("roster_import.file.binary")
    elif b"\x00" in data:
        return FileProblem("roster_import.file.binary")
    else:
        text = _decode_8bit(data)
    return FileProblem("roster_import.file.binary") if "\x00" in text else text


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The 5 bytes cp1252 leaves undefined become lone surrogates, which validation
        # rejects as control characters on their own row instead of failing the file.
        return data.decode("cp1252", errors="surrogateescape")


def _parse_lines(lines: list[str], today: date) -> ParsedRoster:
    found = _find_header(lines)
    if found is None:
        return ParsedRoster(error=FileProblem("roster_import.file.no_header"))
    delimiter, header = found
    rows: list[RosterRow] = []
    rejected: list[Rejection] = []
    for start, end, cells in _records(lines, delimiter):
        if start <= header.line or _is_blank(cells):
            continue
        outcome = _parse_row(lines, _Record(start, end, cells), header, delimiter, today)
        if isinstance(outcome, RosterRow):
            rows.append(outcome)
        else:
            rejected.append(outcome)
    return ParsedRoster(rows=rows, rejected=rejected)


def _records(lines: list[str], delimiter: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each record with its first and last physical line (a quoted cell may span lines)."""
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    start = 1
    try:
        for cells in reader:
            yield start, reader.line_num, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise _MalformedError(reader.line_num) from error


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _filled_width(cells: list[str]) -> int:
    """The number of cells up to the last one that holds something (spreadsheets pad rows
    with empty cells)."""
    return next((index + 1 for index in range(len(cells) - 1, -1, -1) if cells[index].strip()), 0)


# --- Columns ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    """The line that names the columns: where it ends, which field is in which column,
    and how many columns it names (up to its last non-empty cell)."""

    line: int
    columns: dict[str, int]
    width: int


@dataclass(frozen=True, slots=True)
class _Record:
    start: int
    end: int
    cells: list[str]


def _find_header(lines: list[str]) -> tuple[str, _Header] | None:
    """The first likely delimiter whose rows hold a recognisable header (a first-name column)."""
    for delimiter in _delimiter_candidates(lines):
        found = _header_for(lines, delimiter)
        if found is not None:
            return delimiter, found
    return None


def _delimiter_candidates(lines: list[str]) -> list[str]:
    first = next((line for line in lines if line.strip()), "")
    by_count = sorted(_DELIMITERS, key=lambda delimiter: -first.count(delimiter))
    sample = _sample(lines)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return by_count
    return [sniffed, *(delimiter for delimiter in by_count if delimiter != sniffed)]


def _sample(lines: list[str]) -> str:
    # Whole lines only: a cut line looks like a row with fewer delimiters to the Sniffer.
    taken: list[str] = []
    size = 0
    for line in lines:
        size += len(line)
        if taken and size > _SNIFF_CHARS:
            break
        taken.append(line)
    return "".join(taken)


def _header_for(lines: list[str], delimiter: str) -> _Header | None:
    looked_at = 0
    for _, end, cells in _records(lines, delimiter):
        if _is_blank(cells):
            continue
        columns = _map_header(cells)
        if "first_name" in columns:
            return _Header(end, columns, _filled_width(cells))
        looked_at += 1
        if looked_at == _HEADER_SEARCH_ROWS:
            return None
    return None


def _map_header(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _COLUMN_NAMES.get(_squash(cell))
        if name is not None and name not in columns:
            columns[name] = index
    return columns


def _squash(text: str) -> str:
    """Case-, accent-, space- and punctuation-blind: "Geboorte datum" -> "geboortedatum"."""
    return "".join(char for char in collation_key(text) if char.isalnum())


# --- Rows -------------------------------------------------------------------------------


def _parse_row(
    lines: list[str], record: _Record, header: _Header, delimiter: str, today: date
) -> RosterRow | Rejection:
    start, end, cells = record.start, record.end, record.cells
    columns = header.columns
    values = {name: cells[index] if index < len(cells) else "" for name, index in columns.items()}
    if end > start and _quote_runs_on(lines[start - 1 : end], values):
        return Rejection(start, "roster_import.reason.unclosed_quote", {"end": end})
    mixed = _other_delimiter(start, values, delimiter)
    if mixed is not None:
        return mixed
    width = 1 + max(index for name, index in columns.items() if name in _CORE_FIELDS)
    if len(cells) < width:
        return Rejection(
            start, "roster_import.reason.too_few_columns", {"found": len(cells), "expected": width}
        )
    filled = _filled_width(cells)
    if filled > header.width:
        # Cells beyond the named columns: a shifted row, which would read one field as another.
        return Rejection(
            start,
            "roster_import.reason.too_many_columns",
            {"found": filled, "expected": header.width},
        )
    try:
        draft = validate_child(
            first_name=values["first_name"],
            last_name=values.get("last_name", ""),
            birth_date=values.get("birth_date") or None,
            group=_group_key(values.get("group", "")),
            # A multi-line cell saved on Windows holds CRLF; validation allows only LF.
            note=values.get("note", "").replace("\r\n", "\n").replace("\r", "\n"),
            today=today,
        )
    except ChildValidationError as error:
        return Rejection(start, _reason_key(next(iter(error.problems.values()))))
    return RosterRow(start, draft)


def _other_delimiter(line: int, values: dict[str, str], delimiter: str) -> Rejection | None:
    """A name, group or date cell holding another delimiter: the row was written with a
    different separator than the file ("Tim,Maes" in a ';' file), so its fields run together."""
    for name, cell in values.items():
        if name == "note":
            continue  # free text: "speelt graag, lacht veel" is fine
        for other, word in _DELIMITER_NAMES.items():
            if other != delimiter and other in cell:
                return Rejection(
                    line, f"roster_import.reason.other_delimiter.{word}", {"cell": cell.strip()}
                )
    return None


def _quote_runs_on(raw_lines: list[str], values: dict[str, str]) -> bool:
    """A stray quote swallows the following lines; only a note may hold a line break."""
    if "".join(raw_lines).count('"') % 2:
        return True
    return any(
        "\n" in values.get(name, "") or "\r" in values.get(name, "") for name in _CORE_FIELDS
    )


def _group_key(cell: str) -> str:
    # An unknown word is passed on as typed, so validation names it as unknown.
    return _GROUP_WORDS.get(_squash(cell), cell)


def _reason_key(problem: str) -> str:
    if problem == "group_unknown":
        # The form's "choose one of the groups" means nothing in a file; list the words.
        return "roster_import.reason.group_unknown"
    return f"errors.field.{problem}"


# --- Planning and report ----------------------------------------------------------------

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
