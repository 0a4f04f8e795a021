"""Small heat cells: how much, at a glance, in shades rather than judging colours."""

from __future__ import annotations

from textual.content import Content

SHADES = ("·", "░", "▒", "▓", "█")
THRESHOLDS = (1, 3, 6, 9)  # 0 -> ·, 1-2 -> ░, 3-5 -> ▒, 6-8 -> ▓, 9+ -> █


def shade(count: int) -> str:
    return SHADES[sum(1 for limit in THRESHOLDS if count >= limit)]


def heat_cell(count: int | None, width: int = 5) -> Content:
    """A shade and the number, e.g. '▓ 7'; an empty cell for a day that does not count."""
    if count is None:
        return Content(" " * width)
    text = f"{shade(count)}{count:>3}".center(width)
    return Content.assemble((text, "$text-muted" if count == 0 else "$accent"))
