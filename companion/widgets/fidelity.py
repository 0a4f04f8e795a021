"""The fidelity trend of Samen-Spel: per session, oldest left, the DO skills she used as a
block's height and a mark (×) for each DON'T that slipped in. Shape carries it all, so it
reads in monochrome; colour only helps. Given its points by the screen (attributes down),
it never reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from textual.content import Content
from textual.widget import Widget

from companion.domain.samen_spel import FidelityPoint
from companion.domain.vocabulary import DO_SKILLS, DONT_SKILLS
from companion.i18n import t

# 0 to 5 DO skills: a dot for none (never an empty cell), then ever higher blocks.
BLOCKS: Final = ("·", "▁", "▂", "▃", "▅", "▇")
DONT_MARK: Final = "×"
DO_STYLE: Final = "bold $text-primary"
DONT_STYLE: Final = "bold $text-warning"
LABEL_STYLE: Final = "$foreground"
MAX_MARKS: Final = 4  # in one line: more DON'Ts than this read as "××××+"
TREND_SESSIONS: Final = 8  # the sessions a table cell shows
# The widest trend_line: a block per session, a space, the marks and their "+".
TREND_WIDTH: Final = TREND_SESSIONS + 1 + MAX_MARKS + 1


def do_block(used: int) -> str:
    return BLOCKS[max(0, min(used, len(DO_SKILLS)))]


def trend_line(points: Sequence[FidelityPoint], last: int = TREND_SESSIONS) -> Content:
    """One line for a table cell: the last sessions' DO blocks, then a × for each DON'T
    in them ("▃▅▇▇ ××"); a dash when no session was held yet. Never wider than
    TREND_WIDTH (with the default `last`)."""
    if not points:
        return Content("–")
    shown = points[-last:]
    donts = sum(point.donts for point in shown)
    marks = DONT_MARK * min(donts, MAX_MARKS) + ("+" if donts > MAX_MARKS else "")
    return Content.assemble(
        ("".join(do_block(point.do_used) for point in shown), DO_STYLE),
        " " if marks else "",
        (marks, DONT_STYLE),
    )


class FidelityChart(Widget):
    """Three lines: the DO row (a block per session, its height the skills used, of 5),
    then one row per possible DON'T (a × in the first for one, in both for two). The
    newest sessions are kept when they do not all fit."""

    DEFAULT_CSS = """
    FidelityChart { height: 3; width: 1fr; }
    """

    LABEL_WIDTH: Final = 8

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._points: tuple[FidelityPoint, ...] = ()

    @property
    def points(self) -> tuple[FidelityPoint, ...]:
        return self._points

    def show(self, points: Sequence[FidelityPoint]) -> None:
        self._points = tuple(points)
        self.refresh()

    def render(self) -> Content:
        room = max(1, self.size.width - self.LABEL_WIDTH)
        shown = self._points[-room:]
        do_label = t("samen_spel.fidelity.do_label").ljust(self.LABEL_WIDTH)[: self.LABEL_WIDTH]
        dont_label = t("samen_spel.fidelity.dont_label").ljust(self.LABEL_WIDTH)[: self.LABEL_WIDTH]
        if not shown:
            return Content.assemble(
                (do_label, LABEL_STYLE), t("samen_spel.fidelity.none"), "\n", dont_label, "\n"
            )
        lines: list[Content | str | tuple[str, str]] = [
            (do_label, LABEL_STYLE),
            ("".join(do_block(point.do_used) for point in shown), DO_STYLE),
        ]
        for row in range(len(DONT_SKILLS)):
            marks = "".join(DONT_MARK if point.donts > row else " " for point in shown)
            label = dont_label if row == 0 else " " * self.LABEL_WIDTH
            lines += ["\n", (label, LABEL_STYLE), (marks.rstrip(), DONT_STYLE)]
        return Content.assemble(*lines)
