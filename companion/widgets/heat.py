"""Small heat cells: how much, at a glance, in shades rather than judging colours."""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content

from companion.widgets.marks import AMOUNT_STYLE, NOTHING_YET, NOTHING_YET_STYLE

SHADES = (NOTHING_YET, "░", "▒", "▓", "█")
THRESHOLDS = (1, 3, 6, 9)  # 0 -> ○ (nothing yet), 1-2 -> ░, 3-5 -> ▒, 6-8 -> ▓, 9+ -> █


def shade(count: int) -> str:
    return SHADES[sum(1 for limit in THRESHOLDS if count >= limit)]


@lru_cache(maxsize=256)
def heat_cell(count: int | None, width: int = 5) -> Content:
    """A shade and the number, e.g. '▓  7'; '○  0' stands out; an empty cell for a day
    that does not count. Content is immutable, so a week ledger shares its cells: counts
    are small numbers and repeat."""
    if count is None:
        return Content(" " * width)
    text = f"{shade(count)}{count:>3}".center(width)
    return Content.styled(text, NOTHING_YET_STYLE if count == 0 else AMOUNT_STYLE)
