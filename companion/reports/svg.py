"""The report's charts as inline SVG for the HTML file: a heat grid (squares shaded in greys,
each with its number) and a bar chart (horizontal bars, the number at the end, crosses for
the marks). Readable in black and white: every value is written, the shade only helps.
Deterministic: the same chart gives the same bytes. No xmlns: inline SVG in HTML5 needs
none, and the HTML file names no URL at all.
"""

from __future__ import annotations

import math
from html import escape
from typing import Final

from companion.reports.document import Bar, BarChart, HeatGrid

# Greys from none to most; the number on the darkest is written in white.
SHADES: Final = ("#ffffff", "#e6e6e6", "#bfbfbf", "#8c8c8c", "#4d4d4d")
FONT: Final = 'font-family="sans-serif"'
LABEL_SIZE: Final = 12
CHAR_WIDTH: Final = LABEL_SIZE * 0.62  # a sans-serif letter, on average
MAX_LABEL: Final = 28  # letters; a longer label ends in "…" (the CSV holds it whole)
CELL: Final = 28
BAR_ROW: Final = 24
BAR_HEIGHT: Final = 14
BAR_AREA: Final = 300
MAX_CROSSES: Final = 10  # more marks than this are written as "× 12"


def shade_level(value: int | None, top: int) -> int | None:
    """0 for nothing, 1..4 by the value's share of `top`; None for no value at all."""
    if value is None:
        return None
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(4, math.ceil(value * 4 / top)))


def crosses(mark: int) -> str:
    """The marks as crosses, few enough to count at a glance."""
    if mark <= 0:
        return ""
    return "×" * mark if mark <= MAX_CROSSES else f"× {mark}"


def _text(value: str) -> str:
    return escape(value, quote=True)


def _short(label: str) -> str:
    flat = " ".join(label.split())
    return flat if len(flat) <= MAX_LABEL else flat[: MAX_LABEL - 1] + "…"


def _num(value: float) -> str:
    """A coordinate written the same way every time."""
    return f"{value:.1f}".removesuffix(".0")


def _open(name: str, width: float, height: float) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{_text(name)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}">'
        f"<title>{_text(name)}</title>"
    )


def heat_grid_svg(grid: HeatGrid) -> str:
    """Rows of squares, one column per column label; the labels on the axes."""
    top = max((v for row in grid.values for v in row if v is not None), default=0)
    rows = [_short(label) for label in grid.row_labels]
    columns = [_short(label) for label in grid.column_labels]
    left = max((len(label) for label in rows), default=0) * CHAR_WIDTH + 8
    # Column labels are written slanted (-45°) above their column.
    head = max((len(label) for label in columns), default=0) * CHAR_WIDTH * 0.72 + 12
    width = left + len(columns) * CELL + head + 4
    height = head + len(rows) * CELL + 4
    parts = [_open(grid.name, width, height), f'<g {FONT} font-size="{LABEL_SIZE}">']
    for index, label in enumerate(columns):
        x = left + index * CELL + CELL / 2
        parts.append(
            f'<text x="{_num(x)}" y="{_num(head - 4)}" '
            f'transform="rotate(-45 {_num(x)} {_num(head - 4)})">{_text(label)}</text>'
        )
    for row_index, label in enumerate(rows):
        y = head + row_index * CELL
        parts.append(
            f'<text x="{_num(left - 6)}" y="{_num(y + CELL / 2 + 4)}" '
            f'text-anchor="end">{_text(label)}</text>'
        )
        values = grid.values[row_index] if row_index < len(grid.values) else ()
        for column in range(len(columns)):
            value = values[column] if column < len(values) else None
            x = left + column * CELL
            level = shade_level(value, top)
            if level is None:
                parts.append(
                    f'<rect x="{_num(x + 1)}" y="{_num(y + 1)}" width="{CELL - 2}" '
                    f'height="{CELL - 2}" fill="none" stroke="#999999" '
                    'stroke-dasharray="3 2"/>'
                )
                continue
            ink = "#ffffff" if level == 4 else "#000000"
            parts.append(
                f'<rect x="{_num(x + 1)}" y="{_num(y + 1)}" width="{CELL - 2}" '
                f'height="{CELL - 2}" fill="{SHADES[level]}" stroke="#000000" '
                'stroke-width="0.5"/>'
                f'<text x="{_num(x + CELL / 2)}" y="{_num(y + CELL / 2 + 4)}" '
                f'text-anchor="middle" fill="{ink}">{value}</text>'
            )
    parts.append("</g></svg>")
    return "".join(parts)


def bar_chart_svg(chart: BarChart) -> str:
    """One horizontal bar per label, scaled to `maximum` (or the largest value); the
    number at the bar's end, then a cross per mark."""
    top = chart.maximum or max((bar.value for bar in chart.bars), default=0) or 1
    labels = [_short(bar.label) for bar in chart.bars]
    left = max((len(label) for label in labels), default=0) * CHAR_WIDTH + 10
    tail = 14 * CHAR_WIDTH + 10  # the number and the crosses
    width = left + BAR_AREA + tail
    height = len(chart.bars) * BAR_ROW + 6
    parts = [_open(chart.name, width, height), f'<g {FONT} font-size="{LABEL_SIZE}">']
    for index, (bar, label) in enumerate(zip(chart.bars, labels, strict=True)):
        parts.append(_bar(bar, label, index, left, top, bool(chart.maximum)))
    parts.append("</g></svg>")
    return "".join(parts)


def _bar(bar: Bar, label: str, index: int, left: float, top: int, scale: bool) -> str:
    y = 3 + index * BAR_ROW
    middle = y + BAR_ROW / 2 + 4
    length = BAR_AREA * max(0, min(bar.value, top)) / top
    bar_y = y + (BAR_ROW - BAR_HEIGHT) / 2
    parts = [
        f'<text x="{_num(left - 6)}" y="{_num(middle)}" text-anchor="end">{_text(label)}</text>'
    ]
    if scale:  # the whole scale as an outline, so 3 of 5 reads as 3 of 5
        parts.append(
            f'<rect x="{_num(left)}" y="{_num(bar_y)}" width="{BAR_AREA}" '
            f'height="{BAR_HEIGHT}" fill="none" stroke="#999999" stroke-width="0.75"/>'
        )
    if length > 0:
        parts.append(
            f'<rect x="{_num(left)}" y="{_num(bar_y)}" width="{_num(length)}" '
            f'height="{BAR_HEIGHT}" fill="#595959" stroke="#000000" stroke-width="0.5"/>'
        )
    end = left + (BAR_AREA if scale else length) + 6
    note = f"{bar.value} {crosses(bar.mark)}".rstrip()
    parts.append(f'<text x="{_num(end)}" y="{_num(middle)}">{_text(note)}</text>')
    return "".join(parts)
