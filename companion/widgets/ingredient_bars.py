"""The class's week per ingredient as bars: one bar per ingredient of the ABC of Love, its
length the ticks the whole class got, the number written beside it. An ingredient given
rarely (less than half the average of the seven) carries a mark (◂) and its name in bold;
one never given shows the 'nothing yet' mark (○). Length, marks and numbers carry it all,
so it reads in monochrome; colour only helps. Given its totals by the screen (attributes
down), it never reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from textual.content import Content
from textual.widget import Widget

from companion.content import abc_items
from companion.domain.coverage import rarely_given
from companion.widgets.marks import AMOUNT_STYLE, NOTHING_YET, NOTHING_YET_STYLE

FULL: Final = "█"
EIGHTHS: Final = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
RARE_MARK: Final = "◂"
RARE_STYLE: Final = "bold $foreground"
COLUMNS: Final = 2
GAP: Final = 2  # between the two columns
MIN_BAR: Final = 4
COUNT_WIDTH: Final = 3


def bar(count: int, maximum: int, width: int) -> str:
    """A bar of `width` cells at most, in eighths of a cell: any count above zero shows
    at least a sliver, so a few never look like none."""
    if count <= 0 or maximum <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / maximum))
    full, rest = divmod(min(eighths, width * 8), 8)
    return FULL * full + EIGHTHS[rest]


@dataclass(frozen=True, slots=True)
class IngredientBar:
    number: int
    name: str
    short: str
    count: int
    rare: bool


def ingredient_bars(totals: Sequence[int]) -> list[IngredientBar]:
    """The seven ingredients (deck's order) with their totals and whether each is rare."""
    rare = {item for item, _ in rarely_given(totals)}
    return [
        IngredientBar(item.number, item.name(), item.short(), count, item.key in rare)
        for item, count in zip(abc_items(), totals, strict=True)
    ]


def bar_lines(bars: Sequence[IngredientBar], width: int) -> Content:
    """The bars in two columns (1-4 left, 5-7 right), fitted to `width` cells: full names
    while the bars keep room, else the short ones."""
    rows = -(-len(bars) // COLUMNS)
    cell = (width - GAP * (COLUMNS - 1)) // COLUMNS
    use_short = cell - max((len(b.name) for b in bars), default=0) - 9 < MIN_BAR
    names = [b.short if use_short else b.name for b in bars]
    name_width = max((len(name) for name in names), default=0)
    # "7 " + name + " " + bar + " " + count + " ◂"
    bar_width = max(MIN_BAR, cell - 2 - name_width - 1 - 1 - COUNT_WIDTH - 2)
    maximum = max((b.count for b in bars), default=0)
    parts: list[Content | str | tuple[str, str]] = []
    for row in range(rows):
        if row:
            parts.append("\n")
        for column in range(COLUMNS):
            index = column * rows + row
            if index >= len(bars):
                continue
            item = bars[index]
            if column:
                parts.append(" " * GAP)
            parts += [
                (f"{item.number} ", "dim"),
                (names[index].ljust(name_width), RARE_STYLE if item.rare else ""),
                " ",
            ]
            if item.count:
                drawn = bar(item.count, maximum, bar_width)
                parts += [(drawn, AMOUNT_STYLE), " " * (bar_width - len(drawn))]
            else:
                parts += [(NOTHING_YET, NOTHING_YET_STYLE), " " * (bar_width - 1)]
            parts.append((f" {item.count:>{COUNT_WIDTH}}", "bold" if item.rare else ""))
            parts.append((f" {RARE_MARK}", RARE_STYLE) if item.rare else "  ")
    return Content.assemble(*parts)


class IngredientBars(Widget):
    """Four lines: the seven ingredients' bars in two columns."""

    DEFAULT_CSS = """
    IngredientBars { height: 4; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._bars: tuple[IngredientBar, ...] = ()

    @property
    def bars(self) -> tuple[IngredientBar, ...]:
        return self._bars

    def show(self, totals: Sequence[int]) -> None:
        """The class's ticks per ingredient (the deck's order)."""
        self._bars = tuple(ingredient_bars(totals))
        self.refresh()

    def render(self) -> Content:
        return bar_lines(self._bars, self.size.width)
