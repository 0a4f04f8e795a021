"""From the file's bytes to text and CSV records, each with its physical lines."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import Final

from companion.domain.roster_import.records import FileProblem

MAX_FILE_BYTES: Final = 2 * 1024 * 1024
DELIMITERS: Final = ",;\t"


class MalformedError(Exception):
    """The CSV reader gave up at `line` (the whole file is refused)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def decode(data: bytes) -> str | FileProblem:
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


def records(lines: list[str], delimiter: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each record with its first and last physical line (a quoted cell may span lines)."""
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    start = 1
    try:
        for cells in reader:
            yield start, reader.line_num, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise MalformedError(reader.line_num) from error


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def filled_width(cells: list[str]) -> int:
    """The number of cells up to the last one that holds something (spreadsheets pad rows
    with empty cells)."""
    return next((index + 1 for index in range(len(cells) - 1, -1, -1) if cells[index].strip()), 0)
