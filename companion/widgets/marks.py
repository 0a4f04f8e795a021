"""The marks the screens draw, in one place: glyph and style together.

"Nothing yet" is what a teacher most needs to see, so it is never a faint colour: it has
its own glyph (○) and the full text colour of the theme. Every mark carries its meaning
in its shape as well (● ticked, · not ticked, ◌ invisible, ◆ hard to manage, shades for
how much), so colour is never the only signal. The colours are the theme's text variants
(`$text-success`, `$text-primary`, ...), which stay readable on dark and light themes;
`$text-muted` is not used here: inside a table it resolves to black on near-black.
tests/ui/test_contrast.py measures them on every screen in a dark and a light theme.
"""

from __future__ import annotations

from textual.content import Content

from companion.domain.vocabulary import ChildGroup

NOTHING_YET = "○"
NOTHING_YET_STYLE = "bold $foreground"
TICK = "●"
TICK_STYLE = "bold $text-success"
NO_TICK = "·"
NO_TICK_STYLE = "$foreground 70%"
AMOUNT_STYLE = "$text-primary"  # a count above zero: the shades, the numbers
GROUP_MARKS: dict[ChildGroup, str] = {"invisible": "◌ ", "hard_to_manage": "◆ ", "all": "  "}
GROUP_MARK_STYLE = "bold $text-primary"
FLAG = "! "
FLAG_STYLE = "bold $foreground"
HAD = "✓"


def nothing_yet(width: int = 0, *, text: str = NOTHING_YET) -> Content:
    """The 'nothing yet' mark, right-aligned in `width` cells."""
    return Content.styled(text.rjust(width), NOTHING_YET_STYLE)


def tick(ticked: bool) -> Content:
    return Content.styled(TICK, TICK_STYLE) if ticked else Content.styled(NO_TICK, NO_TICK_STYLE)


def group_mark(group: ChildGroup) -> Content:
    return Content.styled(GROUP_MARKS[group], GROUP_MARK_STYLE)
