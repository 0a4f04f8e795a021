"""Finding the line that names the columns, and the delimiter that makes sense of it."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from companion.domain.children import collation_key
from companion.domain.roster_import.reading import DELIMITERS, filled_width, is_blank, records

_SNIFF_CHARS: Final = 4096
# Spreadsheet exports sometimes put a title line or two above the column names.
_HEADER_SEARCH_ROWS: Final = 5

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


@dataclass(frozen=True, slots=True)
class Header:
    """The line that names the columns: where it ends, which field is in which column,
    and how many columns it names (up to its last non-empty cell)."""

    line: int
    columns: dict[str, int]
    width: int


def find_header(lines: list[str]) -> tuple[str, Header] | None:
    """The first likely delimiter whose rows hold a recognisable header (a first-name column)."""
    for delimiter in _delimiter_candidates(lines):
        found = _header_for(lines, delimiter)
        if found is not None:
            return delimiter, found
    return None


def squash(text: str) -> str:
    """Case-, accent-, space- and punctuation-blind: "Geboorte datum" -> "geboortedatum"."""
    return "".join(char for char in collation_key(text) if char.isalnum())


def _delimiter_candidates(lines: list[str]) -> list[str]:
    first = next((line for line in lines if line.strip()), "")
    by_count = sorted(DELIMITERS, key=lambda delimiter: -first.count(delimiter))
    sample = _sample(lines)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
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


def _header_for(lines: list[str], delimiter: str) -> Header | None:
    looked_at = 0
    for _, end, cells in records(lines, delimiter):
        if is_blank(cells):
            continue
        columns = _map_header(cells)
        if "first_name" in columns:
            return Header(end, columns, filled_width(cells))
        looked_at += 1
        if looked_at == _HEADER_SEARCH_ROWS:
            return None
    return None


def _map_header(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _COLUMN_NAMES.get(squash(cell))
        if name is not None and name not in columns:
            columns[name] = index
    return columns
