"""Tables as CSV that opens right in Excel with Belgian settings (issue 12, begun): `;`
between cells, UTF-8 with a byte-order mark (so Zoë stays Zoë), Windows line ends; a
text cell that a spreadsheet would read as a formula (= + - @, or a tab or carriage
return first) is neutralised with a leading apostrophe (OWASP's advice against formula
injection). Numbers stay numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

Cell = str | int | float | None
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
DELIMITER: Final = ";"


def neutralised(cell: Cell) -> str:
    """A cell as text a spreadsheet shows and never runs."""
    if cell is None:
        return ""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(cell).replace(".", ",")  # Belgian decimals; never read as a formula
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as the bytes of a .csv file (header first)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralised(cell) for cell in header])
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
