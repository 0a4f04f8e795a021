"""One record under the header: a child to add, or the reason it is refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from companion.domain.children import ChildValidationError, validate_child
from companion.domain.roster_import.header import Header, squash
from companion.domain.roster_import.reading import filled_width
from companion.domain.roster_import.records import Rejection, RosterRow

_CORE_FIELDS: Final = ("first_name", "last_name", "birth_date")
# How a reason names a delimiter found where it does not belong.
_DELIMITER_NAMES: Final[Mapping[str, str]] = {",": "comma", ";": "semicolon", "\t": "tab"}
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


@dataclass(frozen=True, slots=True)
class Record:
    """A CSV record and the physical lines it spans (1-based, both included)."""

    start: int
    end: int
    cells: list[str]


def parse_row(
    lines: list[str], record: Record, header: Header, delimiter: str, today: date
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
    filled = filled_width(cells)
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
    return _GROUP_WORDS.get(squash(cell), cell)


def _reason_key(problem: str) -> str:
    if problem == "group_unknown":
        # The form's "choose one of the groups" means nothing in a file; list the words.
        return "roster_import.reason.group_unknown"
    return f"errors.field.{problem}"
