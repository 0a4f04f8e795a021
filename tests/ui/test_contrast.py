"""Every mark is readable in a dark and a light theme, and 'nothing yet' most of all.

The rendered screen (Textual's own strips, colours resolved as the terminal gets them)
is searched for the marks of companion.widgets.marks; each one's foreground is measured
against its background with the WCAG contrast ratio.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.color import Color
from ui_helpers import SCHOOL_START, SIZE, TODAY, make_app, press

from companion.domain.children import ChildDraft
from companion.store import Store
from companion.widgets.heat import SHADES
from companion.widgets.marks import GROUP_MARKS, HAD, NO_TICK, NOTHING_YET, TICK

THEMES = ("textual-dark", "textual-light")
# Keys from Today to every screen that draws marks.
SCREENS = {
    "home": (),
    "abc": ("a",),
    "ledger": ("w",),
    "history": ("w", "enter"),
    "start_of_year": ("j",),
}
MARKS = {NOTHING_YET, TICK, NO_TICK, HAD, "!", *SHADES, *"".join(GROUP_MARKS.values()).split()}
TEXT = 4.5  # WCAG AA for text: 'nothing yet' is read, not just seen
GRAPHIC = 3.0  # WCAG for graphical objects: a tick, a shade, a group mark


def contrast(one: Color, other: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours."""

    def luminance(color: Color) -> float:
        def linear(channel: int) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Mark:
    screen: str
    line: int
    text: str
    ratio: float
    under_cursor: bool


def marks_on_screen(app: App[Any], screen: str) -> list[Mark]:
    cursor = Color.parse(app.theme_variables["block-cursor-background"])
    found = []
    for line, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            # A mark is a cell of marks (and a count): '○', '○  0', '▓  7', '◆ ', '!'.
            glyphs = set(segment.text) - set(" 0123456789")
            if not glyphs or not glyphs <= MARKS:
                continue
            fg = Color.from_rich_color(style.color)
            bg = Color.from_rich_color(style.bgcolor)
            found.append(Mark(screen, line, segment.text, contrast(fg, bg), bg == cursor))
    return found


@pytest.fixture
def class_with_a_quiet_child(demo_path: Path) -> Path:
    """The demo class and Aaron, first in the list, who has had nothing all year."""
    with Store.open(demo_path, today=TODAY) as store:
        store.children.add(ChildDraft("Aaron", "Aerts"), added_on=SCHOOL_START)
    return demo_path


async def test_every_mark_is_readable_and_nothing_yet_stands_out(
    class_with_a_quiet_child: Path,
) -> None:
    app = make_app(class_with_a_quiet_child)
    marks: list[Mark] = []
    async with app.run_test(size=SIZE) as pilot:
        for screen, keys in SCREENS.items():
            await press(pilot, *keys)
            for theme in THEMES:
                app.theme = theme
                await pilot.pause()
                marks += marks_on_screen(app, f"{screen} in {theme}")
            await press(pilot, "escape", "escape")
    nothing_yet = [mark for mark in marks if NOTHING_YET in mark.text]
    # Aaron's row on the grid, his zeros in the ledger and his empty weeks in his history.
    seen = {mark.screen for mark in nothing_yet}
    assert {f"{s} in {theme}" for s in ("abc", "ledger", "history") for theme in THEMES} <= seen
    unreadable = [mark for mark in marks if mark.ratio < GRAPHIC]
    assert unreadable == []
    # Outside the cursor (whose colours are the theme's own) 'nothing yet' is text-bright.
    faint = [mark for mark in nothing_yet if mark.ratio < TEXT and not mark.under_cursor]
    assert faint == []
