"""A child's school year in one line: a block per week, oldest left, its height her ticks
per school day of that week against her fullest week (so a short week, or this week
still under way, is not drawn low for its missing days), and the 'nothing yet' mark (○)
for a week without any. Height and mark carry it, so it reads in monochrome. Given the
weeks' figures by the screen, it never reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.content import Content

from companion.widgets.marks import AMOUNT_STYLE, NOTHING_YET, NOTHING_YET_STYLE

BLOCKS: Final = ("▁", "▂", "▃", "▄", "▅", "▆", "▇", "█")
WEEKS_SHOWN: Final = 44  # a whole school year, September to June


def week_block(value: float, fullest: float) -> str:
    """The block of a week: ○ for none; any tick is at least the lowest block."""
    if value <= 0 or fullest <= 0:
        return NOTHING_YET
    return BLOCKS[max(0, min(len(BLOCKS) - 1, round(value * len(BLOCKS) / fullest) - 1))]


def week_strip(values: Sequence[float], last: int = WEEKS_SHOWN) -> Content:
    """The last `last` weeks' blocks ("▂▅○▇▃"), each against the fullest of them."""
    shown = list(values)[-last:]
    fullest = max(shown, default=0)
    return Content.assemble(
        *(
            (week_block(value, fullest), AMOUNT_STYLE if value > 0 else NOTHING_YET_STYLE)
            for value in shown
        )
    )
