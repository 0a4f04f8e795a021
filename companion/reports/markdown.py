"""A report as Markdown: what the TUI previews (Textual's Markdown widget) and a file that
reads well as plain text too. Charts become text a monochrome screen shows: a heat grid as
a table of shade characters with their numbers (`▓ 7`), a bar chart as lines of blocks
(`Zoë  ▇▇▇▇▁ 4 ××`). The private notice, when set, stands at the top and under every
section heading, so a part copied elsewhere still says it.
"""

from __future__ import annotations

import re
from typing import Final

from companion.reports.document import (
    BarChart,
    Block,
    Bullets,
    Cell,
    HeatGrid,
    Paragraph,
    Report,
    Section,
    Table,
)
from companion.reports.svg import crosses, shade_level

SHADE_CHARS: Final = ("·", "░", "▒", "▓", "█")
BAR_WIDTH: Final = 20  # blocks for the whole scale
BAR_LABEL: Final = 24  # labels are padded up to this many letters
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What makes a line a heading, a quote, a list item or a setext underline.
_LINE_START = re.compile(r"^(\s*)(#|>|[-+](?=\s|$)|=+\s*$|-+\s*$|\d+[.)](?=\s|$))")


def _escape_start(found: re.Match[str]) -> str:
    marker = found.group(2)
    if marker[0].isdigit():  # "12." and "12)": the backslash goes before the dot
        return found.group(1) + marker[:-1] + "\\" + marker[-1]
    return found.group(1) + "\\" + marker


def escaped(text: str) -> str:
    """Text that Markdown shows as it is: no emphasis, link, HTML or list from the data."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line.strip()))
        lines.append(_LINE_START.sub(_escape_start, line))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return escaped(" ".join(text.split()))


def _cell(cell: Cell) -> str:
    return "" if cell is None else _one_line(str(cell))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(name: str, headers: list[str], rows: list[list[str]], numeric: list[bool]) -> str:
    width = max([len(headers), *(len(row) for row in rows)], default=0)
    if width == 0:
        return f"**{_one_line(name)}**" if name else ""
    headers = headers + [""] * (width - len(headers))
    numeric = numeric + [False] * (width - len(numeric))
    lines = [f"**{_one_line(name)}**", ""] if name else []
    lines.append(_row(headers))
    lines.append(_row(["---:" if right else "---" for right in numeric]))
    lines.extend(_row(row + [""] * (width - len(row))) for row in rows)
    return "\n".join(lines)


def table(block: Table) -> str:
    columns = max([len(block.headers), *(len(row) for row in block.rows)], default=0)
    numeric = [
        any(len(row) > i and row[i] is not None for row in block.rows)
        and all(len(row) <= i or row[i] is None or isinstance(row[i], int) for row in block.rows)
        for i in range(columns)
    ]
    return _table(
        block.name,
        [_one_line(header) for header in block.headers],
        [[_cell(cell) for cell in row] for row in block.rows],
        numeric,
    )


def shaded(value: int | None, top: int) -> str:
    """A heat grid's cell: a shade character and the number; empty for no value."""
    level = shade_level(value, top)
    return "" if level is None else f"{SHADE_CHARS[level]} {value}"


def heat_grid(grid: HeatGrid) -> str:
    top = max((v for row in grid.values for v in row if v is not None), default=0)
    rows = [
        [_one_line(label), *(shaded(value, top) for value in values)]
        for label, values in zip(grid.row_labels, grid.values, strict=False)
    ]
    headers = ["", *(_one_line(label) for label in grid.column_labels)]
    return _table(grid.name, headers, rows, [False] + [True] * len(grid.column_labels))


def bar_line(label: str, value: int, mark: int, top: int, width: int) -> str:
    filled = round(BAR_WIDTH * max(0, min(value, top)) / top) if top else 0
    if value > 0:
        filled = max(filled, 1)  # a little is never shown as nothing
    blocks = "▇" * filled + "▁" * (BAR_WIDTH - filled)
    return f"{label.ljust(width)}  {blocks} {value} {crosses(mark)}".rstrip()


def bar_chart(chart: BarChart) -> str:
    top = chart.maximum or max((bar.value for bar in chart.bars), default=0) or 1
    labels = [" ".join(bar.label.split()) for bar in chart.bars]
    width = min(BAR_LABEL, max((len(label) for label in labels), default=0))
    lines = [
        bar_line(label, b.value, b.mark, top, width)
        for label, b in zip(labels, chart.bars, strict=True)
    ]
    longest_ticks = max((len(run) for run in re.findall(r"`+", "\n".join(lines))), default=0)
    fence = "`" * max(3, longest_ticks + 1)
    name = chart.name + (f" ({chart.unit})" if chart.unit else "")
    parts = [f"**{_one_line(name)}**", "", fence, *lines, fence]
    if chart.mark_label and any(bar.mark for bar in chart.bars):
        parts += ["", f"× = {_one_line(chart.mark_label)}"]
    return "\n".join(parts)


def paragraph(text: str) -> str:
    """Text whose line breaks stay line breaks (a backslash at a line's end) and whose empty
    lines part paragraphs."""
    chunks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        "\\\n".join(escaped(line) for line in chunk.splitlines() if line.strip())
        for chunk in chunks
    )


def block(item: Block) -> str:
    if isinstance(item, Paragraph):
        return paragraph(item.text)
    if isinstance(item, Bullets):
        return "\n".join(f"- {_one_line(text)}" for text in item.items)
    if isinstance(item, Table):
        return table(item)
    if isinstance(item, HeatGrid):
        return heat_grid(item)
    return bar_chart(item)


def notice(text: str) -> str:
    return f"> **{_one_line(text)}**"


def section(part: Section, private_notice: str) -> str:
    chunks = [f"{'#' * part.level} {_one_line(part.title)}"]
    if private_notice:
        chunks.append(notice(private_notice))
    chunks.extend(text for text in (block(item) for item in part.blocks) if text)
    return "\n\n".join(chunks)


def markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    chunks = [f"# {_one_line(report.title)}"]
    if report.subtitle:
        chunks.append(f"*{_one_line(report.subtitle)}*")
    if report.private_notice:
        chunks.append(notice(report.private_notice))
    chunks.extend(section(part, report.private_notice) for part in report.sections)
    if report.footer:
        chunks += ["---", f"*{_one_line(report.footer)}*"]
    return "\n\n".join(chunks) + "\n"
