"""A report as plain data: a title, sections and their blocks, built once and then written
as Markdown, HTML or CSV (markdown.py, html.py, csv_tables.py). The builders (child.py,
class_period.py, handover.py) say what is in it, in the teacher's language; the writers say
only how it looks, so every format holds the same content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Cell = str | int | None  # None: nothing to count here (a day off, a week not yet begun)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells under headers; `name` is the CSV table's title."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class HeatGrid:
    """A chart: counts in a grid (weeks x ingredients, children x ingredients), drawn as
    shaded cells that carry their number, so it reads in black and white too."""

    name: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]  # one row per row label


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    mark: int = 0  # a second count drawn as crosses (a DON'T that slipped in)


@dataclass(frozen=True, slots=True)
class BarChart:
    """A chart: one bar per label, its number beside it; `maximum` is the scale's top
    (5 DO skills), 0 for the largest value."""

    name: str
    bars: tuple[Bar, ...]
    maximum: int = 0
    unit: str = ""
    mark_label: str = ""  # what the crosses mean, said under the chart


Block = Paragraph | Bullets | Table | HeatGrid | BarChart


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    level: Literal[2, 3] = 2
    new_page: bool = False  # printed on a page of its own (the handover: one per child)


@dataclass(frozen=True, slots=True)
class Report:
    """What a writer needs: the title, the period, the sections; `private_notice` is set
    when she included her private notes, and every printed page says so."""

    kind: Literal["child", "class", "handover"]
    lang: str
    title: str
    subtitle: str
    made_on: date
    sections: tuple[Section, ...]
    private_notice: str = ""
    footer: str = ""  # every printed page: what this is and that it stays on this laptop

    def all_tables(self) -> list[Table | HeatGrid | BarChart]:
        """Every table and chart in reading order (what the CSV holds)."""
        return [
            block
            for section in self.sections
            for block in section.blocks
            if isinstance(block, Table | HeatGrid | BarChart)
        ]
