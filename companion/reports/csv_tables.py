"""Tables as CSV that opens right in Excel with Belgian settings (issue 12): `;`
between cells, UTF-8 with a byte-order mark (so Zoë stays Zoë), Windows line ends; a
text cell that a spreadsheet would read as a formula (= + - @, or a tab or carriage
return first) is neutralised with a leading apostrophe (OWASP's advice against formula
injection). Numbers stay numbers. A report's tables and charts go into one file, stacked
(`report_csv`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

from companion.reports.document import BarChart, HeatGrid, Report, Table

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


def table_rows(table: Table | HeatGrid | BarChart) -> list[list[Cell]]:
    """A table or chart as rows: its header first. A heat grid's columns are its column
    labels; a bar chart's rows are (label, value), and the marks when it has any."""
    rows: list[list[Cell]]
    if isinstance(table, Table):
        rows = [list(table.headers)]
        rows.extend(list(row) for row in table.rows)
    elif isinstance(table, HeatGrid):
        rows = [["", *table.column_labels]]
        rows.extend(
            [label, *values] for label, values in zip(table.row_labels, table.values, strict=False)
        )
    elif table.mark_label or any(bar.mark for bar in table.bars):
        rows = [["", table.unit, table.mark_label]]
        rows.extend([bar.label, bar.value, bar.mark] for bar in table.bars)
    else:
        rows = [["", table.unit]]
        rows.extend([bar.label, bar.value] for bar in table.bars)
    return rows


def report_csv(report: Report) -> bytes:
    """Every table and chart of the report stacked in one CSV file: each under a row with
    its name, and an empty row after it. First the report's title, its subtitle and the
    private notice (when set), one a row, so the file says what it is and what it holds."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    heading = (report.title, report.subtitle, report.private_notice)
    writer.writerows([neutralised(line)] for line in heading if line)
    writer.writerow([])
    for table in report.all_tables():
        writer.writerow([neutralised(table.name)])
        writer.writerows([neutralised(cell) for cell in row] for row in table_rows(table))
        writer.writerow([])
    return out.getvalue().encode("utf-8-sig")
